"""Reading a return into the neutral representation the checks work on (``Book`` of ``Sheet``).

How a file is read on the hot path (``read_calamine``):
  1. The caller reads the bytes once; sha256 and the file-level checks (``toolkit.validate.files``) work
     on them and leave the zip open.
  2. python-calamine reads the values of the four sheets that matter (Indikatorer, Uppdrag, Ekonomi and
     the very hidden identity sheet) with ``skip_empty_area=False``, so row and column numbers are real.
  3. Formulas: python-calamine 0.9 cannot read formula text, and a cached formula value does not exist
     in a file that no spreadsheet application has saved. So the formula cells of the three input sheets
     are read straight from the sheet XML inside the zip (``toolkit.excel.sheetxml``) - never openpyxl.

``read_openpyxl`` gives the same representation from openpyxl; the benchmark compares the two readers
under the same checks.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from toolkit.excel import sheetxml
from toolkit.returns import layout
from toolkit.validate import files as filecheck

__all__ = ["Sheet", "Book", "ReadError", "read_calamine", "read_openpyxl", "book_sheet_from_openpyxl",
           "Reader", "READERS", "NEEDED_SHEETS", "FORMULA_SHEETS"]

NEEDED_SHEETS = (layout.SHEET_IDENTITY, layout.SHEET_INDICATORS, layout.SHEET_ASSIGNMENTS,
                 layout.SHEET_ECONOMY)
FORMULA_SHEETS = (layout.SHEET_INDICATORS, layout.SHEET_ASSIGNMENTS, layout.SHEET_ECONOMY)


@dataclass
class Sheet:
    """One sheet's cell values at their real positions (rows[0] is row 1, rows[r][0] column A) and the
    formula text (without "=") of every cell that holds a formula, by (row, column), 1-based."""

    name: str
    rows: list[list[Any]]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def value(self, row: int, col: int) -> Any:
        if 0 < row <= len(self.rows):
            r = self.rows[row - 1]
            if 0 < col <= len(r):
                return r[col - 1]
        return None

    @property
    def height(self) -> int:
        return len(self.rows)


@dataclass
class Book:
    """The sheets of a workbook that the checks need, and the names of all its sheets."""

    sheets: dict[str, Sheet]
    names: list[str]

    def sheet(self, name: str) -> Sheet | None:
        found = self.sheets.get(name)
        if found is None:
            key = name.casefold()
            found = next((s for n, s in self.sheets.items() if n.casefold() == key), None)
        return found


class ReadError(Exception):
    """The content of a workbook could not be read (a damaged part); str() is the reason."""


def read_calamine(data: bytes, zf: zipfile.ZipFile | None = None,
                  workbook_part: str = "xl/workbook.xml") -> Book:
    """Values with python-calamine, formulas from the sheet XML. Raises ReadError.

    ``zf`` and ``workbook_part``: the zip the file-level checks opened and the workbook part they found
    (opened and assumed here when not given).
    """
    try:
        if zf is None:
            zf = zipfile.ZipFile(io.BytesIO(data))
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(wb.sheet_names)
        wanted = {n.casefold() for n in NEEDED_SHEETS}
        sheets: dict[str, Sheet] = {}
        for name in names:
            if name.casefold() in wanted:
                sheets[name] = Sheet(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
        formula_wanted = {n.casefold() for n in FORMULA_SHEETS}
        if any(n.casefold() in formula_wanted for n in sheets):
            parts = sheetxml.sheet_parts(zf, workbook_part)
            for name, sheet in sheets.items():
                if name.casefold() in formula_wanted and name in parts:
                    sheet.formulas = sheetxml.scan_formulas(sheetxml.read_member(zf, parts[name]))
        return Book(sheets, names)
    except Exception as exc:  # calamine, zipfile and zlib raise many kinds on damaged content
        raise ReadError(f"{type(exc).__name__}: {exc}".strip(": ")) from exc


def read_openpyxl(data: bytes) -> Book:
    """The same representation read with openpyxl (the benchmark's baseline). Raises ReadError.

    A formula cell's value is None here (openpyxl does not compute formulas, and the checks never use a
    formula's cached value).
    """
    try:
        wb = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
        try:
            wanted = {n.casefold() for n in NEEDED_SHEETS}
            sheets = {ws.title: book_sheet_from_openpyxl(ws) for ws in wb.worksheets
                      if ws.title.casefold() in wanted}
            return Book(sheets, list(wb.sheetnames))
        finally:
            wb.close()
    except Exception as exc:
        raise ReadError(f"{type(exc).__name__}: {exc}".strip(": ")) from exc


def book_sheet_from_openpyxl(ws: Any) -> Sheet:
    """A Sheet from an openpyxl worksheet (read-only or normal)."""
    rows: list[list[Any]] = []
    formulas: dict[tuple[int, int], str] = {}
    for r, row in enumerate(ws.iter_rows(min_row=1, min_col=1), start=1):
        values: list[Any] = []
        for c, cell in enumerate(row, start=1):
            v = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                text = getattr(v, "text", v)  # ArrayFormula carries its text
                formulas[(r, c)] = str(text or "").removeprefix("=")
                v = None
            values.append(v)
        rows.append(values)
    return Sheet(ws.title, rows, formulas)


# A reader: the file's bytes and what the file-level checks found (the open zip, the workbook part).
Reader = Callable[[bytes, filecheck.FileCheck], Book]


def _calamine_reader(data: bytes, check: filecheck.FileCheck) -> Book:
    return read_calamine(data, check.zip, check.workbook_part)


def _openpyxl_reader(data: bytes, check: filecheck.FileCheck) -> Book:
    return read_openpyxl(data)


READERS: dict[str, Reader] = {"calamine": _calamine_reader, "openpyxl": _openpyxl_reader}
