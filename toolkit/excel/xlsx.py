"""Shared openpyxl helpers for every workbook the toolkit writes.

Styles, tables, dropdowns, user text written safely as text, print setup, and atomic saving.
Only modules that build workbooks import this (and openpyxl).
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.core.errors import NplanError, os_reason
from toolkit.texts import common as tcommon

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(italic=True, color="595959")
WARN_FONT = Font(italic=True, bold=True, color="9C0006")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
FORMULA_FILL = PatternFill("solid", fgColor="EDEDED")
MISSING_FILL = PatternFill("solid", fgColor="F8CBAD")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")

FMT_TKR = "#,##0"
FMT_TKR_DEC = "#,##0.0"
FMT_PERCENT = "0%"
FMT_PERCENT_DEC = "0.0%"
FMT_DATE = "yyyy-mm-dd"
FMT_COUNT = "#,##0"


def set_text(cell: Cell, text: object) -> Cell:
    """Write text that came from a person as text, never as a formula or an error value."""
    if text is None:
        cell.value = None
        return cell
    cell.value = str(text)
    cell.data_type = "s"
    return cell


def col(index: int) -> str:
    return get_column_letter(index)


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


def number_validation(ws: Worksheet, ref: str, *, kind: str = "decimal", operator: str = "between",
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


def _messages(dv: DataValidation, prompt: str, error: str, title: str) -> None:
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    dv.showInputMessage = bool(prompt)
    if prompt:
        dv.prompt = prompt[:255]
        dv.promptTitle = (title or tcommon.VALIDATION_PROMPT_TITLE)[:32]
    if error:
        dv.error = error[:255]
        dv.errorTitle = (title or tcommon.VALIDATION_ERROR_TITLE)[:32]


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
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    if title_rows:
        ws.print_title_rows = title_rows


def save_workbook(wb: Workbook, path: str | os.PathLike[str]) -> Path:
    """Save atomically: write a temporary file in the same folder, then rename it over the target."""
    return _write_atomic(Path(path), ".xlsx", wb.save)



def _default_permissions(path: str) -> None:
    """mkstemp creates files readable by the owner only; give the file the mode a plain open() would
    (colleagues on a shared folder must be able to open reports and returns)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_atomic_bytes(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Atomically write bytes (CSV, JSON, docx) next to the target, then rename."""
    return _write_atomic(Path(path), "", lambda tmp: Path(tmp).write_bytes(data))


def _write_atomic(target: Path, suffix: str, write: Callable[[str], object]) -> Path:
    """Create the folder, write a temporary file beside the target, rename it into place. Every
    operating-system failure becomes an NplanError naming the file, in Swedish."""
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~nplan-", suffix=suffix, dir=target.parent)
        os.close(fd)
        write(tmp)
        _default_permissions(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        from toolkit.texts import cli as t

        raise NplanError(t.CANNOT_WRITE.format(path=target, reason=os_reason(exc))) from exc
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise
    return target
