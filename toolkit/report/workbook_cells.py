"""Writing the report workbook's cells: fonts, fills and alignments, a value with exactly its style (each
combination registered once per workbook), statuses as colour and word, titles, headers, and row heights
for wrapped texts."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import Assessment, Value, ValueKind
from toolkit.core.values import format_value
from toolkit.excel import styles
from toolkit.report import assessment as asm

HEADER_ROW = 4
GOAL_FILL = excel.solid_fill(styles.GOAL_BAND)
SUB_GOAL_FILL = excel.solid_fill(styles.SUB_GOAL_BAND)
# Fonts name Calibri explicitly: a font without a name falls back to a serif face in LibreOffice.
FONT = "Calibri"
PLAIN = Font(name=FONT)
BOLD = Font(name=FONT, bold=True)
GOAL_FONT = Font(name=FONT, bold=True, size=12)
UNIT_FONT = Font(name=FONT, color="404040")
SECTION_FONT = Font(name=FONT, bold=True, size=12, color=styles.ACCENT)
TITLE_FONT = Font(name=FONT, bold=True, size=14)
NOTE_FONT = Font(name=FONT, italic=True, color=styles.NOTE_COLOUR)
WARN_FONT = Font(name=FONT, italic=True, bold=True, color=styles.WARN_COLOUR)
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
ITALIC = Font(name=FONT, italic=True)
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
INDENT = Alignment(indent=2, vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")
FMT_DATETIME = "yyyy-mm-dd hh:mm"
LINE_HEIGHT = 14.4  # points per wrapped line at 11 pt


def put(ws: Worksheet, row: int, column: int, value: Any, *, fmt: str | None = None,
        font: Font | None = None, fill: PatternFill | None = None, wrap: bool = False, text: bool = False,
        align: Alignment | None = None, border: Border | None = None) -> Cell:
    """Write a value with exactly the given style; strings (from people: ``text=True`` or any str) are
    written as text, never as formulas."""
    cell = cast(Cell, ws.cell(row=row, column=column))  # the report writes no merged cell's value
    if isinstance(value, str) or text:
        excel.set_text(cell, value)  # without the control characters a workbook cannot store
    else:
        cell.value = value
    alignment = align if align is not None else (excel.WRAP if wrap else TOP)
    style_cell(ws, cell, font or PLAIN, fill, alignment, fmt, border)
    return cell


def style_cell(ws: Worksheet, cell: Cell, font: Font, fill: PatternFill | None, align: Alignment, fmt: str | None,
           border: Border | None) -> None:
    """Style a cell; each combination is registered with the workbook once and then copied, because
    openpyxl hashes every style object on every assignment (the bulk of the time in large reports). The
    cache lives on the workbook while ``build_report`` writes it."""
    cache: dict[tuple[Any, ...], Any] | None = getattr(ws.parent, "_nplan_styles", None)
    key = (id(font), id(fill), id(align), fmt, id(border))
    if cache is not None and key in cache:
        cell._style = copy.copy(cache[key][0])  # type: ignore[attr-defined]  # openpyxl's style array
        return
    cell.font = font
    if fill is not None:
        cell.fill = fill
    cell.alignment = align
    if fmt:
        cell.number_format = fmt
    if border is not None:
        cell.border = border
    if cache is not None:
        # Keep the style objects alive with the entry, so that their ids cannot be reused.
        cache[key] = (copy.copy(cell._style), (font, fill, align, border))  # type: ignore[attr-defined]


def put_formula(ws: Worksheet, row: int, column: int, formula: str, fmt: str | None = None,
                font: Font | None = None) -> Cell:
    cell = cast(Cell, ws.cell(row=row, column=column))  # the report writes no merged cell's value
    cell.value = formula  # our own formula: the only place a cell gets one
    if fmt:
        cell.number_format = fmt
    cell.font = font or PLAIN
    cell.alignment = TOP
    return cell


def put_status(ws: Worksheet, row: int, column: int, a: Assessment, word: str) -> Cell:
    """A traffic light: the colour AND the word."""
    return put(ws, row, column, word, fill=excel.solid_fill(excel.ASSESSMENT_COLOURS[a]), align=CENTER,
               border=excel.BOX)


def put_header(ws: Worksheet, row: int, headers: Sequence[str], first_col: int = 1) -> None:
    for i, h in enumerate(headers):
        put(ws, row, first_col + i, h, font=HEADER_FONT, fill=excel.HEADER_FILL, align=HEADER_ALIGN,
            border=excel.BOX)


def put_title(ws: Worksheet, title: str, note: str = "") -> None:
    put(ws, 1, 1, title, font=TITLE_FONT)
    if note:
        put(ws, 2, 1, note, font=NOTE_FONT)


def number_format(kind: ValueKind, value: Value, decimals: int | None = None) -> str | None:
    if kind is ValueKind.DECIMAL:  # a decimal number with the plan's decimals (two when it gives none)
        return excel.number_format(kind.value, 2 if decimals is None else decimals)
    if kind is ValueKind.SHARE:
        n = asm.as_number(value)
        return excel.FMT_PERCENT if n is None or abs(n * 100 - round(n * 100)) < 1e-9 else excel.FMT_PERCENT_DEC
    if kind in (ValueKind.COUNT, ValueKind.AMOUNT):
        n = asm.as_number(value)
        return excel.FMT_COUNT if n is None or n == int(n) else "#,##0.0"
    return None


def put_value(ws: Worksheet, row: int, column: int, value: Value, kind: ValueKind, decimals: int | None = None,
              **kw: Any) -> Cell:
    """An indicator value as a number with a Swedish format (``decimals``: the indicator's), or Ja/Nej, or
    text."""
    if value is None:
        return put(ws, row, column, None, **kw)
    if isinstance(value, bool) or kind is ValueKind.YESNO:
        return put(ws, row, column, format_value(bool(value), ValueKind.YESNO), align=CENTER, **kw)
    n = asm.as_number(value)
    if n is not None and kind is not ValueKind.TEXT:
        return put(ws, row, column, n, fmt=number_format(kind, n, decimals), **kw)
    return put(ws, row, column, str(value), wrap=True, **kw)


def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """Wrapped lines a text needs in a column ``width`` characters wide, wrapping at spaces (a safe
    estimate: a column width unit is one digit, and bold or wide fallback fonts fit fewer letters)."""
    per_line = max(1.0, width * (0.95 if bold else 1.1))
    total = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= per_line:
                used = need
            else:
                lines += 1 if used else 0
                lines += int(len(word) // per_line) if len(word) > per_line else 0
                used = len(word) % per_line if len(word) > per_line else len(word)
        total += lines
    return total


def fit_rows(ws: Worksheet, widths: Sequence[float], first_row: int, last_row: int) -> None:
    """Set each row's height from its wrapped texts, so that printing shows all of them (a spreadsheet
    application does not grow a merged row, nor rows of a file it converts without displaying)."""
    need: dict[int, int] = {}
    for (r, ci), cell in ws._cells.items():  # only the cells that exist: looking others up creates them
        if not first_row <= r <= last_row or ci > len(widths) or cell.data_type != "s":
            continue
        v = cell.value
        if not isinstance(v, str) or (len(v) <= widths[ci - 1] * 0.9 and "\n" not in v):
            continue  # fits on one line whatever the font: no need to look at the style
        if not (cell.alignment.wrap_text or "\n" in v):
            continue
        n = wrapped_lines(v, widths[ci - 1], bool(cell.font.b))
        if n > need.get(r, 1):
            need[r] = n
    for r, n in need.items():
        ws.row_dimensions[r].height = excel.row_height(round(LINE_HEIGHT * n + 3, 1))


def fit_merged(ws: Worksheet, merged: dict[int, float], column: int = 2) -> None:
    """Row heights for rows whose text cell (in ``column``) is merged to ``merged[row]`` characters."""
    for r, width in merged.items():
        n = wrapped_lines(str(ws.cell(row=r, column=column).value or ""), width)
        ws.row_dimensions[r].height = excel.row_height(round(LINE_HEIGHT * n + 3, 1)) if n > 1 else None


def date_text(when: dt.datetime | None) -> str:
    return when.strftime("%Y-%m-%d %H:%M") if when else ""
