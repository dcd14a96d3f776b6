"""The master's table reader: tables found by name, columns by header text, rows as raw values, and the
field parsers that record a finding for a value that cannot be read and return a fallback."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core import findings as fnd
from toolkit.core import values as vals
from toolkit.core.findings import Finding
from toolkit.core.model import Source
from toolkit.plan import layout
from toolkit.texts import common as tc
from toolkit.texts import master as tm


@dataclass
class TableRows:
    """The data rows of one table: each row is (sheet row number, field -> raw value)."""

    sheet: str
    columns: dict[str, str]  # field -> column letter
    rows: list[tuple[int, dict[str, Any]]]
    table: str = ""
    header_row: int = 0
    # (row, field) of the numbers in percent-formatted cells: their value is a fraction as it stands.
    percent: set[tuple[int, str]] = field(default_factory=set)
    # (row, field) of the numbers whose cell shows them without a thousands separator ("2300", not "2 300").
    ungrouped: set[tuple[int, str]] = field(default_factory=set)

    def is_percent(self, row: int, field_name: str) -> bool:
        return (row, field_name) in self.percent

    def is_grouped(self, row: int, field_name: str) -> bool:
        """Does the cell show its number with a thousands separator (its number format has one)?"""
        return (row, field_name) not in self.ungrouped

    def source(self, row: int) -> Source:
        return Source(self.sheet, row, tuple(self.columns.items()))

    def header(self, field_name: str) -> str:
        """The Swedish header of a field of this table (what the user sees)."""
        return layout.header(self.table, field_name)


class TableReader:
    """Reads a master's tables by name and their columns by header text, and collects a finding for every
    table, column or value that cannot be read (each field parser returns a fallback then)."""

    def __init__(self, wb: Workbook, file_name: str) -> None:
        self.wb = wb
        self.file = file_name
        self.findings: list[Finding] = []
        self.tables: dict[str, tuple[Worksheet, Table]] = {}
        for ws in wb.worksheets:
            for table in ws.tables.values():
                self.tables[table.displayName.casefold()] = (ws, table)

    def add(self, code: str, **kw: Any) -> None:
        self.findings.append(fnd.make(code, file=self.file, **kw))

    def table(self, name: str, required: bool = True) -> TableRows:
        """The rows of a table, found by its name; its columns found by their header text.

        When the key column (the table's first field) is missing, no rows are read: every row would
        otherwise give a finding of its own for the one missing header.
        """
        headers = tm.HEADERS[name]
        found = self.tables.get(name.casefold())
        if found is None:
            if required:
                sheet = layout.TABLE_SHEETS.get(name, "")
                self.add("missing-table", sheet=sheet if sheet in self.wb.sheetnames else "", expected=name,
                         table=name)
            return TableRows("", {}, [], name)
        ws, table = found
        min_col, min_row, max_col, max_row = excel.bounds(table.ref)
        by_header: dict[str, int] = {}
        for c in range(min_col, max_col + 1):
            text = ws.cell(row=min_row, column=c).value
            if text is not None:
                by_header.setdefault(norm(str(text)), c)
        columns: dict[str, str] = {}
        skip = tm.FORMULA_COLUMNS.get(name, set())
        optional = layout.OPTIONAL_COLUMNS.get(name, set())
        for field_name, text in headers.items():
            found_at = by_header.get(norm(text))
            if found_at is None:
                if field_name not in skip and field_name not in optional:
                    self.add("missing-column", sheet=ws.title, cell=f"{get_column_letter(min_col)}{min_row}",
                             expected=text, table=name)
                continue
            columns[field_name] = get_column_letter(found_at)
        if next(iter(headers)) not in columns:
            return TableRows(ws.title, columns, [], name, min_row)
        rows = []
        percent: set[tuple[int, str]] = set()
        ungrouped: set[tuple[int, str]] = set()
        # A totals row (Tabelldesign > Summarad) is not data, and nothing below it belongs to the table.
        totals = table.totalsRowCount or 0
        max_row -= totals
        # Rows typed directly under a table (without Excel extending it) are read too.
        r = min_row + 1
        while True:
            cells = {f: ws[f"{letter}{r}"] for f, letter in columns.items() if f not in skip}
            values = {f: c.value for f, c in cells.items()}
            inside = r <= max_row
            if not inside and (totals or all(vals.is_blank(v) for v in values.values())):
                break
            if not all(vals.is_blank(v) for v in values.values()):
                rows.append((r, {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}))
                numbers = [(f, str(c.number_format or "")) for f, c in cells.items()
                           if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)]
                percent.update((r, f) for f, fmt in numbers if "%" in fmt)
                ungrouped.update((r, f) for f, fmt in numbers if "," not in fmt)
            r += 1
        return TableRows(ws.title, columns, rows, name, min_row, percent, ungrouped)

    # -- field parsers: each records a finding and returns a fallback on bad input --

    def text(self, rows: TableRows, r: int, row: dict[str, Any], name: str, required: bool = False,
             item_id: str = "") -> str:
        raw = row.get(name)
        if vals.is_blank(raw):
            if required and name in rows.columns:
                self.add("missing-value", sheet=rows.sheet, cell=f"{rows.columns[name]}{r}",
                         field=rows.header(name), item_id=item_id)
            return ""
        if isinstance(raw, float) and raw == int(raw):
            raw = int(raw)
        if isinstance(raw, (dt.datetime, dt.date)):
            return raw.strftime("%Y-%m-%d")
        return str(raw).strip()

    def choice(self, rows: TableRows, r: int, row: dict[str, Any], name: str, mapping: dict, default: Any,
               item_id: str = "") -> Any:
        raw = row.get(name)
        if vals.is_blank(raw):
            return default
        value = tc.reverse(mapping).get(str(raw).strip().casefold())
        if value is None:
            self.add("invalid-choice", sheet=rows.sheet, cell=f"{rows.columns[name]}{r}",
                     field=rows.header(name), item_id=item_id, found=raw,
                     expected=", ".join(mapping.values()))
            return default
        # The mapping's keys are the enumeration's values: give back a member of the default's enumeration.
        return type(default)(value) if isinstance(default, Enum) else value

    def number(self, rows: TableRows, r: int, row: dict[str, Any], name: str, item_id: str = "",
               code: str = "invalid-number") -> float | None:
        raw = row.get(name)
        if vals.is_blank(raw):
            return None
        try:
            return vals.parse_number(raw)
        except ValueError:
            self.add(code, sheet=rows.sheet, cell=f"{rows.columns[name]}{r}", field=rows.header(name),
                     item_id=item_id, found=raw, expected=tm.EXPECTED["number"])
            return None

    def cell(self, rows: TableRows, r: int, name: str) -> str:
        return f"{rows.columns.get(name, 'A')}{r}"


def norm(text: str) -> str:
    """A header or label as compared: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


def id_text(raw: object) -> str:
    """An id as text; tolerate Excel turning "1.1" into the number 1.1."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw == int(raw):
        return str(int(raw))
    return str(raw).strip()


def id_list(raw: object) -> tuple[str, ...]:
    """Ids separated by commas or semicolons: "KUS, BIB" -> ("KUS", "BIB")."""
    if vals.is_blank(raw):
        return ()
    return tuple(p.strip() for p in str(raw).replace(";", ",").split(",") if p.strip())

