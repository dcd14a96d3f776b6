"""The id/header table on an input sheet of a return, and the texts of raw cell values.

Rows are found by id (column A) below the header row (the row whose first cell is the id header) and
columns by their header text, never by position. Every row below the header row down to the sheet's last row
is searched: an empty row inserted inside the table (a unit that removed the sheet protection) changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from toolkit.core import values as vals
from toolkit.excel.sheetxml import col_letters
from toolkit.returns import layout
from toolkit.texts import common as tc
from toolkit.validate.readers import Sheet

# The input sheets: their columns (field key -> header text) and the fields a unit fills in.
SHEET_COLUMNS: dict[str, Mapping[str, str]] = {
    layout.SHEET_INDICATORS: layout.INDICATOR_COLUMNS,
    layout.SHEET_ASSIGNMENTS: layout.ASSIGNMENT_COLUMNS,
    layout.SHEET_ECONOMY: layout.ECONOMY_COLUMNS,
}
SHEET_INPUTS: dict[str, tuple[str, ...]] = {
    layout.SHEET_INDICATORS: layout.INDICATOR_INPUTS,
    layout.SHEET_ASSIGNMENTS: layout.ASSIGNMENT_INPUTS,
    layout.SHEET_ECONOMY: layout.ECONOMY_INPUTS,
}


def norm(text: object) -> str:
    """Text for comparing headers, ids and choices: single spaces, case-folded."""
    return _norm_str(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=16384)
def _norm_str(text: str) -> str:
    return " ".join(text.split()).casefold()


_NORM_COLUMNS = {kind: {key: norm(text) for key, text in columns.items()}
                 for kind, columns in SHEET_COLUMNS.items()}


def _blank(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


@dataclass
class Row:
    """A row of a table that carries an id: its row number, the id as text and the id cell's value."""

    row: int
    item_id: str
    raw_id: Any


@dataclass
class Table:
    """The id/header table of an input sheet: where its columns are and which rows it holds."""

    kind: str  # the sheet's name in the layout (the file may differ in letter case)
    sheet: Sheet
    header_row: int
    columns: dict[str, int]  # field -> column (1-based)
    rows: list[Row]
    blank_rows_with_values: list[int]
    last_row: int = 0  # the last row searched (the sheet's last row)
    letters: dict[str, str] = field(default_factory=dict)  # field -> column letters

    def __post_init__(self) -> None:
        self.letters = {key: col_letters(col) for key, col in self.columns.items()}

    def cell(self, key: str, row: int) -> str:
        letters = self.letters.get(key)
        return f"{letters}{row}" if letters else ""

    def get(self, key: str, row: int) -> Any:
        col = self.columns.get(key)
        return self.sheet.value(row, col) if col else None

    @property
    def searched(self) -> str:
        """The id column's range searched for rows, as A1 ("A5:A40")."""
        first = self.header_row + 1
        return f"A{first}:A{max(self.last_row, first)}"


def find_table(sheet: Sheet, kind: str) -> Table | None:
    """Header row = the first row whose column A is the id header; rows = every row below it with an id,
    wherever it stands (empty rows are skipped, never the end of the table).

    ``kind`` is one of the input sheets' layout names (a key of ``SHEET_COLUMNS``).
    """
    columns = _NORM_COLUMNS[kind]
    id_header = columns["id"]
    data = sheet.rows
    header_row = next((r for r, row in enumerate(data, start=1)
                       if row and not _blank(row[0]) and norm(row[0]) == id_header), None)
    if header_row is None:
        return None
    by_text: dict[str, int] = {}
    for c, v in enumerate(data[header_row - 1], start=1):
        if not _blank(v):
            by_text.setdefault(norm(v), c)
    found = {key: by_text[text] for key, text in columns.items() if text in by_text}
    rows: list[Row] = []
    loose: list[int] = []
    table_cols = sorted(set(found.values()) | {1})
    formulas = sheet.formulas
    for r in range(header_row + 1, len(data) + 1):
        row = data[r - 1]
        n = len(row)
        if all((c > n or _blank(row[c - 1])) and (r, c) not in formulas for c in table_cols):
            continue  # an empty row: the table may go on below it
        raw = row[0] if n else None
        if _blank(raw):
            loose.append(r)
            continue
        rows.append(Row(r, id_text(raw), raw))
    return Table(kind, sheet, header_row, found, rows, loose, len(data))


def id_text(raw: Any) -> str:
    """An id cell's value as text: 12.0 -> "12", surrounding spaces dropped."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def show_raw(raw: Any) -> str:
    """A cell value as the unit left it, as text."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, (dt.datetime, dt.date)):
        return raw.isoformat()
    return str(raw)


def cell_text(raw: Any) -> str:
    """Free text as kept in the data: plain text, never a formula; numbers and dates as written."""
    if isinstance(raw, bool):
        return tc.YES if raw else tc.NO
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return repr(raw)
        return number_text(raw) if not raw.is_integer() else str(int(raw))
    if isinstance(raw, (dt.datetime, dt.date)):
        return raw.isoformat()
    return str(raw).strip()


def number_text(value: float) -> str:
    """12.5 -> "12,5", 0.125 -> "0,125": Swedish, without trailing zeros."""
    text = vals.format_number(value, 6)
    return text.rstrip("0").rstrip(",") if "," in text else text


def short(text: str, limit: int = 120) -> str:
    """The text cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
