"""Test helpers that find and edit cells of a master workbook through openpyxl directly.

They locate cells by table name and header text, independently of ``toolkit.plan.read``, so a
test can say where a finding must point without trusting the code under test.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet


def table(wb: Workbook, name: str) -> tuple[Worksheet, Table]:
    for ws in wb.worksheets:
        for t in ws.tables.values():
            if t.displayName == name:
                return ws, t
    raise KeyError(name)


def column(wb: Workbook, table_name: str, header: str) -> int:
    """The column number of a header in a table."""
    ws, t = table(wb, table_name)
    min_col, min_row, max_col, _ = range_boundaries(t.ref)
    for c in range(min_col, max_col + 1):
        if ws.cell(row=min_row, column=c).value == header:
            return c
    raise KeyError(f"{table_name}: {header}")


def data_rows(wb: Workbook, table_name: str) -> range:
    _ws, t = table(wb, table_name)
    _, min_row, _, max_row = range_boundaries(t.ref)
    return range(min_row + 1, max_row + 1)


def row_of(wb: Workbook, table_name: str, key_header: str, key: object) -> int:
    """The sheet row of the table row whose ``key_header`` cell is ``key``."""
    ws, _t = table(wb, table_name)
    c = column(wb, table_name, key_header)
    for r in data_rows(wb, table_name):
        if ws.cell(row=r, column=c).value == key:
            return r
    raise KeyError(f"{table_name}: {key_header}={key}")


def cell(wb: Workbook, table_name: str, header: str, key_header: str, key: object) -> tuple[str, str]:
    """(sheet title, A1 address) of a field on the row with the given key."""
    ws, _t = table(wb, table_name)
    r = row_of(wb, table_name, key_header, key)
    return ws.title, f"{get_column_letter(column(wb, table_name, header))}{r}"


def set_value(wb: Workbook, table_name: str, header: str, key_header: str, key: object,
              value: object) -> tuple[str, str]:
    """Set a field on the row with the given key; return where (sheet, A1)."""
    sheet, a1 = cell(wb, table_name, header, key_header, key)
    wb[sheet][a1].value = value
    return sheet, a1


def header_cell(wb: Workbook, table_name: str, header: str) -> tuple[str, str]:
    ws, t = table(wb, table_name)
    _, min_row, _, _ = range_boundaries(t.ref)
    return ws.title, f"{get_column_letter(column(wb, table_name, header))}{min_row}"


def shift_ref(ref: str, rows: int, cols: int = 0) -> str:
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return (f"{get_column_letter(min_col + cols)}{min_row + rows}:"
            f"{get_column_letter(max_col + cols)}{max_row + rows}")


def insert_rows_above_tables(ws: Worksheet, at: int, amount: int) -> None:
    """Insert rows as Excel does: cells move down and so do the tables below (openpyxl's insert_rows
    moves only the cells)."""
    ws.insert_rows(at, amount)
    for t in ws.tables.values():
        _, min_row, _, _ = range_boundaries(t.ref)
        if min_row >= at:
            t.ref = shift_ref(t.ref, amount)
            if t.autoFilter is not None:
                t.autoFilter.ref = t.ref


def load(path: Path) -> Workbook:
    return load_workbook(path)
