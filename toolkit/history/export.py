"""Export of the collected indicator values as one long table: CSV for Swedish Excel, or xlsx."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit import excel
from toolkit.core.errors import InputError
from toolkit.core.periods import Period
from toolkit.history.backend import as_target, exists
from toolkit.history.store import History
from toolkit.texts import collect as tcol
from toolkit.texts.common import ASSESSMENT

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?\d[\d\s\u00a0]*(?:[.,]\d+)?\s*%?")


def _csv_safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe in CSV (numbers stay)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def export_table(history: History, *, period: Period | None = None,
                 year: int | None = None) -> pd.DataFrame:
    """The indicator_values long table for users: with the indicator's name, the assessment in Swedish
    and Swedish column headers (``toolkit.texts.collect.EXPORT_HEADERS``)."""
    df = history.indicator_values(period=period, year=year)
    names = history.indicators().set_index("indicator_id")["name"].to_dict()
    df.insert(list(df.columns).index("indicator_id") + 1, "indicator_name",
              pd.Series([names.get(i, "") for i in df["indicator_id"]], index=df.index, dtype=object))
    labels = dict(ASSESSMENT)
    df["assessment"] = pd.Series([labels.get(a, a) for a in df["assessment"]], index=df.index, dtype=object)
    return df.rename(columns=tcol.EXPORT_HEADERS)


def export(db_path: str | os.PathLike[str], out: str | os.PathLike[str], *, fmt: str | None = None,
           period: Period | None = None, year: int | None = None, allow_network: bool = False) -> tuple[Path, int]:
    """Write the counting indicator values (``export_table``) as CSV or xlsx; return (path, rows).

    CSV is written for Swedish Excel: UTF-8 with BOM, semicolon separated, decimal comma, and text that
    would run as a formula prefixed with an apostrophe. ``fmt`` defaults to the file's extension.
    Raises InputError when the database does not exist, the format is unknown or nothing is there.
    """
    db = as_target(db_path)
    target = Path(out)
    fmt = (fmt or target.suffix.lstrip(".")).lower()
    if fmt not in ("csv", "xlsx"):
        raise InputError(tcol.EXPORT_FORMAT_UNKNOWN.format(path=target))
    if not exists(db):
        raise InputError(tcol.DB_NOT_FOUND.format(path=db))
    with History.open(db, allow_network=allow_network) as history:
        table = export_table(history, period=period, year=year)
    if table.empty:
        what = period if period is not None else year
        where = tcol.EXPORT_FOR.format(what=what) if what is not None else ""
        raise InputError(tcol.EXPORT_EMPTY.format(where=where, path=db).replace("  ", " "))
    if fmt == "csv":
        safe = table.copy()
        for name in safe.columns:
            if safe[name].dtype == object:
                safe[name] = safe[name].map(_csv_safe)
        text = safe.to_csv(sep=";", decimal=",", index=False, date_format="%Y-%m-%d %H:%M:%S")
        return excel.write_atomic_bytes(text.encode("utf-8-sig"), target), len(table)
    return _export_xlsx(table, target), len(table)


def _export_xlsx(table: pd.DataFrame, target: Path) -> Path:
    wb, ws = excel.new_workbook(tcol.EXPORT_SHEET)
    headers = list(table.columns)
    for r, rec in enumerate(table.itertuples(index=False), start=2):
        for c, value in enumerate(rec, start=1):
            cell = ws.cell(row=r, column=c)
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            if isinstance(value, str):
                excel.set_text(cell, value)
            elif isinstance(value, pd.Timestamp):
                cell.value = value.to_pydatetime()
                cell.number_format = "yyyy-mm-dd hh:mm"
            else:
                cell.value = value.item() if hasattr(value, "item") else value
    excel.add_table(ws, "Indikatorvarden", 1, 1, headers, len(table))
    ws.freeze_panes = "A2"
    excel.set_widths(ws, [7, 9, 14, 36, 12, 50, 10, 14, 14, 18, 50, 40, 10, 17])
    excel.print_setup(ws, title_rows="1:1")
    return excel.save_workbook(wb, target)
