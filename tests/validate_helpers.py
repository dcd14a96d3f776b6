"""Test helpers for validation: generated returns, cells located independently, and edits.

Cells are located through openpyxl directly (header text and id), not through ``toolkit.validate``, so a
test can say where a finding must point without trusting the code under test.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from toolkit.returns import layout

SHEET_COLUMNS = {
    layout.SHEET_INDICATORS: layout.INDICATOR_COLUMNS,
    layout.SHEET_ASSIGNMENTS: layout.ASSIGNMENT_COLUMNS,
    layout.SHEET_ECONOMY: layout.ECONOMY_COLUMNS,
}


def header_row(ws: Any, sheet: str) -> int:
    id_header = SHEET_COLUMNS[sheet]["id"]
    return next(c.row for c in ws["A"] if c.value == id_header)


def locate(path: Path | Workbook, sheet: str, item_id: str | None, field: str) -> str:
    """The A1 address of a field on an item's row (the first data row when item_id is None)."""
    wb = path if isinstance(path, Workbook) else load_workbook(path)
    ws = wb[sheet]
    hr = header_row(ws, sheet)
    header = SHEET_COLUMNS[sheet][field]
    col = next(c.column for c in ws[hr] if c.value == header)
    for r in range(hr + 1, ws.max_row + 1):
        value = ws.cell(row=r, column=1).value
        if value is not None and (item_id is None or str(value) == item_id):
            return f"{get_column_letter(col)}{r}"
    raise KeyError(f"{sheet}: no row {item_id}")


def searched_range(path: Path, sheet: str) -> str:
    """The id column from the row under the header to the sheet's last row with a value ("A5:A9"): where a
    missing row was looked for."""
    ws = load_workbook(path)[sheet]
    last = max((c.row for row in ws.iter_rows() for c in row if c.value is not None), default=0)
    first = header_row(ws, sheet) + 1
    return f"A{first}:A{max(last, first)}"


def identity_cell(key: str) -> str:
    return f"B{layout.IDENTITY_KEYS.index(key) + 1}"


def edit(src: Path, dst: Path, change: Callable[[Workbook], None]) -> Path:
    """A copy of ``src`` at ``dst`` with ``change`` applied through openpyxl."""
    wb = load_workbook(src)
    change(wb)
    wb.save(dst)
    return dst


def set_cell(sheet: str, item_id: str | None, field: str, value: Any, as_text: bool = False
             ) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        cell = wb[sheet][locate(wb, sheet, item_id, field)]
        cell.value = value
        if as_text and isinstance(value, str):
            cell.data_type = "s"
    return change


def set_identity(key: str, value: str) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        cell = wb[layout.SHEET_IDENTITY][identity_cell(key)]
        cell.value = value
        cell.data_type = "s"
    return change


def chain(*changes: Callable[[Workbook], None]) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        for c in changes:
            c(wb)
    return change


def merged(values: Mapping[str, Any], **parts: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of fill values with some items' fields replaced (None clears a field)."""
    out = copy.deepcopy(dict(values))
    for part, items in parts.items():
        if part == "economy":
            out.setdefault("economy", {}).update(items)
            continue
        for item_id, fields in items.items():
            out.setdefault(part, {}).setdefault(item_id, {}).update(fields)
    return out


def copy_as(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst
