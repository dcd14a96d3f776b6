"""The annotated copy of a validated return: what the controller sends back to the unit.

The unit's workbook is copied (openpyxl: not the hot path) with each finding's cell filled (red for an
error, yellow for a warning) and a cell comment carrying the message, plus a first sheet "Fynd" that
lists every finding with a link to its cell. Findings without a cell (a missing sheet or row) go only
on the list. When the file could not be read as a workbook at all (an .xls, an encrypted file, ...)
the copy holds only the list. The copy is written atomically under a new name; the input file is
never touched.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import quote_sheetname
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.findings import ERROR, Finding
from toolkit.core.returndata import ValidationResult
from toolkit.returns import layout
from toolkit.texts import validate as tv

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
LINK_FONT = Font(color="0563C1", underline="single")

# Findings after which the file was not read as a workbook: the copy is the list only.
NOT_A_WORKBOOK = frozenset({
    "lock-file", "file-not-found", "unreadable-file", "empty-file", "file-too-large", "xls-file",
    "encrypted-file", "ods-file", "csv-file", "not-xlsx", "truncated-file", "corrupt-file", "zip-bomb",
    "special-file", "link-outside",
})


def annotated_name(path: str | os.PathLike[str]) -> str:
    """"2026-T2_KUS.xlsx" -> "2026-T2_KUS_granskad.xlsx"."""
    return f"{Path(path).stem}{tv.ANNOTATED_SUFFIX}.xlsx"


def annotate(result: ValidationResult, out_dir: str | os.PathLike[str], *, name: str | None = None,
             now: dt.datetime | None = None) -> Path:
    """Write the annotated copy of ``result``'s file into ``out_dir``; return its path."""
    source = Path(result.path)
    target = Path(out_dir) / (name or annotated_name(source))
    if source.exists() and target.exists() and target.resolve() == source.resolve():
        target = target.with_name(f"{target.stem}{tv.ANNOTATED_SUFFIX}.xlsx")
    wb = _open_copy(result)
    if wb is None:
        wb = Workbook()
        wb.remove(wb.worksheets[0])  # the list of findings is the only sheet
    else:
        for f in result.findings:
            _mark(wb, f)
    _findings_sheet(wb, result, now or dt.datetime.now())
    return excel.save_workbook(wb, target)


def _open_copy(result: ValidationResult) -> Workbook | None:
    if any(f.code in NOT_A_WORKBOOK for f in result.findings):
        return None
    try:
        return load_workbook(result.path)
    except Exception:  # a file openpyxl cannot load still gets its list of findings
        return None


def _mark(wb: Workbook, f: Finding) -> None:
    if not f.sheet or not f.cell or f.sheet not in wb.sheetnames:
        return
    ws = wb[f.sheet]
    try:
        coordinate_from_string(f.cell)
    except ValueError:
        return
    cell = ws[f.cell]
    if isinstance(cell, MergedCell):
        for merged in ws.merged_cells.ranges:
            if f.cell in merged:
                cell = ws.cell(row=merged.min_row, column=merged.min_col)
                break
        else:
            return
    if f.is_error or cell.fill != ERROR_FILL:
        cell.fill = ERROR_FILL if f.is_error else WARNING_FILL
    line = f"{tv.SEVERITY_LABEL.get(f.severity, f.severity)} [{f.code}]: {f.message}"
    text = f"{cell.comment.text}\n\n{line}" if cell.comment is not None else line
    comment = Comment(text, tv.COMMENT_AUTHOR)
    comment.width = 320
    comment.height = min(60 + 18 * (len(text) // 45 + text.count("\n")), 400)
    cell.comment = comment


def _findings_sheet(wb: Workbook, result: ValidationResult, now: dt.datetime) -> Worksheet:
    title = tv.FINDINGS_SHEET
    if title in wb.sheetnames:
        wb.remove(wb[title])
    ws = wb.create_sheet(title, 0)
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False
    wb.active = 0
    ws.sheet_view.tabSelected = True

    errors = sum(f.is_error for f in result.findings)
    warnings = len(result.findings) - errors
    excel.set_text(ws["A1"], tv.FINDINGS_TITLE.format(file=Path(result.path).name)).font = excel.TITLE_FONT
    when = now.strftime("%Y-%m-%d %H:%M")
    summary = (tv.FINDINGS_SUMMARY.format(errors=errors, warnings=warnings, time=when)
               if result.findings else tv.FINDINGS_NONE)
    excel.set_text(ws["A2"], summary).font = excel.NOTE_FONT
    header_row = 4
    for c, header in enumerate(tv.FINDINGS_HEADERS, start=1):
        cell = excel.set_text(ws.cell(row=header_row, column=c), header)
        cell.font = excel.HEADER_FONT
        cell.fill = excel.HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    visible = {s.title for s in wb.worksheets if s.sheet_state == "visible"}
    ordered = sorted(result.findings, key=lambda f: (f.severity != ERROR,))
    for r, f in enumerate(ordered, start=header_row + 1):
        row = (tv.SEVERITY_LABEL.get(f.severity, f.severity), f.sheet, f.cell, f.field, f.item_id, f.found,
               f.expected, f.message, f.code)
        for c, value in enumerate(row, start=1):
            cell = excel.set_text(ws.cell(row=r, column=c), value or None)
            cell.alignment = excel.WRAP
            cell.border = excel.BOX
        ws.cell(row=r, column=1).fill = ERROR_FILL if f.is_error else WARNING_FILL
        if f.sheet in visible and f.cell and f.sheet != layout.SHEET_IDENTITY:
            link = ws.cell(row=r, column=3)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote_sheetname(f.sheet)}!{f.cell}")
            link.font = LINK_FONT
    excel.set_widths(ws, [11, 13, 8, 22, 10, 24, 24, 90, 20])
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    last = header_row + max(len(ordered), 1)
    ws.auto_filter.ref = f"A{header_row}:I{last}"
    excel.print_setup(ws, title_rows=f"{header_row}:{header_row}")
    return ws
