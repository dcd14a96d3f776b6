"""Writing cells, tables, names, dropdowns, row heights and print setup with openpyxl.

Text that came from a person is always written with ``set_text``: as text (never a formula or an error
value) and without the control characters a workbook cannot store.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Literal, cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.excel.styles import HEADER_FILL, HEADER_FONT
from toolkit.texts import common as tc

# What a data validation checks and how it compares (the file format's names).
ValidationKind = Literal["whole", "decimal", "date", "time", "textLength"]
Operator = Literal["between", "notBetween", "equal", "notEqual", "lessThan", "lessThanOrEqual", "greaterThan",
                   "greaterThanOrEqual"]


# The characters XML 1.0 cannot hold: control characters but tab, newline and carriage return (openpyxl's
# ILLEGAL_CHARACTERS_RE), lone surrogates and the two non-characters U+FFFE and U+FFFF (pasted from other
# programs). Workbooks and Word documents are both XML: one rule for both.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: object) -> str:
    """Text as a cell (or a Word document) can hold it: the characters XML cannot store (a unit's text may
    carry them, e.g. Excel's own ``_x000B_`` for a vertical tab read back as U+000B) are dropped."""
    return _XML_ILLEGAL.sub("", str(text))


def new_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A workbook with one sheet named ``title``, and that sheet."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = title
    return wb, ws


def set_text(cell: Cell | MergedCell, text: object) -> Cell:
    """Write text that came from a person as text, never as a formula or an error value, without the
    characters a workbook cannot store."""
    # ``ws.cell()`` is typed as possibly a merged cell; the toolkit writes only into a range's first cell.
    cell = cast(Cell, cell)
    if text is None:
        cell.value = None
        return cell
    cell.value = clean_text(text)
    cell.data_type = "s"
    return cell


def col(index: int) -> str:
    return get_column_letter(index)


def active_sheet(wb: Workbook) -> Worksheet:
    """The workbook's active worksheet (the only sheet of a new workbook)."""
    ws = wb.active
    if not isinstance(ws, Worksheet):
        raise TypeError(f"the active sheet is not a worksheet: {ws!r}")
    return ws


def bounds(ref: str) -> tuple[int, int, int, int]:
    """(min_col, min_row, max_col, max_row) of a cell range such as a table's "A4:G9"."""
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    if min_col is None or min_row is None or max_col is None or max_row is None:
        raise ValueError(f"not a range of cells: {ref}")
    return min_col, min_row, max_col, max_row


def sheet_ref(ws_title: str, ref: str) -> str:
    """'5.3 Budgetförändringar'!$A$5:$A$205"""
    return f"{quote_sheetname(ws_title)}!{ref}"


def add_table(ws: Worksheet, name: str, header_row: int, first_col: int, headers: Sequence[str],
              n_rows: int, style: str = "TableStyleLight9") -> Table:
    """Write a header row and register an Excel table over it and ``n_rows`` data rows (at least one)."""
    for i, header in enumerate(headers):
        cell = ws.cell(row=header_row, column=first_col + i)
        set_text(cell, header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    last_row = header_row + max(n_rows, 1)
    ref = f"{col(first_col)}{header_row}:{col(first_col + len(headers) - 1)}{last_row}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
    ws.add_table(table)
    return table


def define_name(wb: Workbook, name: str, sheet_title: str, ref: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text=sheet_ref(sheet_title, ref))


def list_validation(ws: Worksheet, formula: str, ref: str, *, prompt: str = "", error: str = "",
                    title: str = "", allow_blank: bool = True) -> DataValidation:
    """A dropdown fed from a defined name (``formula`` like "Lista_Status"), with its error alert on.

    The file format stores validation formulas without the leading "=" (Excel may call a file with
    "=Lista" there damaged), so one given is dropped.
    """
    dv = DataValidation(type="list", formula1=formula.removeprefix("="), allow_blank=allow_blank,
                        showDropDown=False)
    _messages(dv, prompt, error, title)
    dv.add(ref)
    ws.add_data_validation(dv)
    return dv


def number_validation(ws: Worksheet, ref: str, *, kind: ValidationKind = "decimal", operator: Operator = "between",
                      minimum: float | None = None, maximum: float | None = None, prompt: str = "",
                      error: str = "", title: str = "") -> DataValidation:
    """Whole/decimal/date validation with Swedish input message and error alert switched on."""
    if operator == "between":
        dv = DataValidation(type=kind, operator="between", formula1=str(minimum), formula2=str(maximum),
                            allow_blank=True)
    else:
        dv = DataValidation(type=kind, operator=operator, formula1=str(minimum), allow_blank=True)
    _messages(dv, prompt, error, title)
    dv.add(ref)
    ws.add_data_validation(dv)
    return dv


def custom_validation(ws: Worksheet, ref: str, formula: str, *, prompt: str = "", error: str = "",
                      title: str = "") -> DataValidation:
    """A validation by a formula (relative to ``ref``'s first cell), with its error alert switched on."""
    dv = DataValidation(type="custom", formula1=formula.removeprefix("="), allow_blank=True)
    _messages(dv, prompt, error, title)
    dv.add(ref)
    ws.add_data_validation(dv)
    return dv


def _messages(dv: DataValidation, prompt: str, error: str, title: str) -> None:
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    dv.showInputMessage = bool(prompt)
    if prompt:
        dv.prompt = prompt[:255]
        dv.promptTitle = (title or tc.VALIDATION_PROMPT_TITLE)[:32]
    if error:
        dv.error = error[:255]
        dv.errorTitle = (title or tc.VALIDATION_ERROR_TITLE)[:32]


LINE_HEIGHT = 15.0  # points per line of 11 pt text
MAX_ROW_HEIGHT = 409.0  # Excel's largest row height; a larger one makes Excel repair the file


def row_height(points: float) -> float:
    """A row height Excel accepts (at most 409 points)."""
    return min(float(points), MAX_ROW_HEIGHT)


def text_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines a wrapped text needs in a column of ``width`` characters (an estimate)."""
    per_line = max(int(width * (0.85 if bold else 1.0)) - 1, 1)
    return sum(max(math.ceil(len(part) / per_line), 1) for part in text.split("\n"))


def fit_row_heights(ws: Worksheet, rows: Iterable[int]) -> None:
    """Give rows the height their wrapped texts need. LibreOffice does not grow rows on load and Excel
    keeps the height openpyxl wrote, so a long text would otherwise hide behind the next row."""
    for r in rows:
        lines = 1
        for cell in ws[r]:
            if not isinstance(cell.value, str) or cell.value.startswith("="):
                continue
            width = ws.column_dimensions[cell.column_letter].width or 10
            lines = max(lines, text_lines(cell.value, width, bold=bool(cell.font and cell.font.b)))
        if lines > 1:
            ws.row_dimensions[r].height = row_height(LINE_HEIGHT * lines)


def set_widths(ws: Worksheet, widths: Iterable[float], first_col: int = 1) -> None:
    for i, width in enumerate(widths):
        ws.column_dimensions[col(first_col + i)].width = width


def print_setup(ws: Worksheet, *, landscape: bool = True, title_rows: str | None = None) -> None:
    """A4, fit to page width, optional repeated header rows ("4:4")."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:  # openpyxl creates one with every sheet
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
