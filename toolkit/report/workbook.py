"""The committee's report workbook, written from a ``Consolidation``.

Sheets (Swedish names in ``toolkit.texts.consolidate``): a summary with counts per status per goal, the
budget total, the returns' status and two native charts; goals and indicators in the plan's order with
each unit's analysis; per unit; assignments; economy with live formulas; submissions; the long data
table as an Excel table; and a sheet that states how every number is computed.

Text that came from a unit or the controller is always written as text (``excel.set_text``). Statuses
are a fill colour AND a word. The same consolidation and ``generated_at`` give the same content.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import Assessment, Plan, Value, ValueKind
from toolkit.core.values import format_number, format_value
from toolkit.excel import styles
from toolkit.report import assessment as asm
from toolkit.report.consolidate import (
    ACCEPTED,
    MISSING,
    REJECTED,
    AssignmentResult,
    Consolidation,
    IndicatorResult,
    VerdictResult,
    period_end,
)
from toolkit.report.wording import counts_text, status_label, trend_text, verdict_word
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx

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


def write_report(consolidation: Consolidation, plan: Plan, path: str | os.PathLike[str], *,
                 generated_at: dt.datetime | None = None) -> Path:
    """Write the report workbook atomically; ``generated_at`` pins the one time written in a cell."""
    wb = build_report(consolidation, plan, generated_at=generated_at)
    return excel.save_workbook(wb, path)


def build_report(c: Consolidation, plan: Plan, *, generated_at: dt.datetime | None = None) -> Workbook:
    when = generated_at or dt.datetime.now().replace(microsecond=0)
    wb = Workbook()
    wb._nplan_styles = {}  # type: ignore[attr-defined]  # see _style
    summary = wb.active
    summary.title = tx.SHEET_SUMMARY
    goals_ws = wb.create_sheet(tx.SHEET_GOALS)
    units_ws = wb.create_sheet(tx.SHEET_UNITS)
    assignments_ws = wb.create_sheet(tx.SHEET_ASSIGNMENTS)
    economy_ws = wb.create_sheet(tx.SHEET_ECONOMY)
    submissions_ws = wb.create_sheet(tx.SHEET_SUBMISSIONS)
    data_ws = wb.create_sheet(tx.SHEET_DATA)
    about_ws = wb.create_sheet(tx.SHEET_ABOUT)

    economy_cells = _write_economy(economy_ws, c)
    _write_summary(summary, c, when, economy_cells)
    _write_goals(goals_ws, c, plan)
    _write_units(units_ws, c, plan)
    _write_assignments(assignments_ws, c)
    _write_submissions(submissions_ws, c)
    _write_data(data_ws, c)
    _write_about(about_ws, c, plan)
    # Pin the document properties as well, so that the same inputs give the same file content.
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "nplan"
    del wb._nplan_styles  # type: ignore[attr-defined]
    wb.properties.title = _report_title(c)
    return wb


# --------------------------------------------------------------------------------------------
# Cell helpers
# --------------------------------------------------------------------------------------------

def _put(ws: Worksheet, row: int, column: int, value: Any, *, fmt: str | None = None,
         font: Font | None = None, fill: PatternFill | None = None, wrap: bool = False, text: bool = False,
         align: Alignment | None = None, border: Border | None = None) -> Cell:
    """Write a value with exactly the given style; strings (from people: ``text=True`` or any str) are
    written as text, never as formulas."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str) or text:
        # Control characters (pasted from other programs) cannot be stored in xlsx: drop them.
        excel.set_text(cell, None if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    else:
        cell.value = value
    alignment = align if align is not None else (excel.WRAP if wrap else TOP)
    _style(ws, cell, font or PLAIN, fill, alignment, fmt, border)
    return cell


def _style(ws: Worksheet, cell: Cell, font: Font, fill: PatternFill | None, align: Alignment, fmt: str | None,
           border: Border | None) -> None:
    """Style a cell; each combination is registered with the workbook once and then copied, because
    openpyxl hashes every style object on every assignment (the bulk of the time in large reports)."""
    cache: dict[tuple[Any, ...], Any] | None = getattr(ws.parent, "_nplan_styles", None)
    key = (id(font), id(fill), id(align), fmt, id(border))
    if cache is not None and key in cache:
        cell._style = copy.copy(cache[key][0])
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
        cache[key] = (copy.copy(cell._style), (font, fill, align, border))


def _formula(ws: Worksheet, row: int, column: int, formula: str, fmt: str | None = None,
             font: Font | None = None) -> Cell:
    cell = ws.cell(row=row, column=column)
    cell.value = formula  # our own formula: the only place a cell gets one
    if fmt:
        cell.number_format = fmt
    cell.font = font or PLAIN
    cell.alignment = TOP
    return cell


def _status(ws: Worksheet, row: int, column: int, a: Assessment, word: str) -> Cell:
    """A traffic light: the colour AND the word."""
    return _put(ws, row, column, word, fill=excel.solid_fill(excel.ASSESSMENT_COLOURS[a]), align=CENTER,
                border=excel.BOX)


def _header(ws: Worksheet, row: int, headers: Sequence[str], first_col: int = 1) -> None:
    for i, h in enumerate(headers):
        _put(ws, row, first_col + i, h, font=HEADER_FONT, fill=excel.HEADER_FILL, align=HEADER_ALIGN,
             border=excel.BOX)


def _title(ws: Worksheet, title: str, note: str = "") -> None:
    _put(ws, 1, 1, title, font=TITLE_FONT)
    if note:
        _put(ws, 2, 1, note, font=NOTE_FONT)


def _number_format(kind: ValueKind, value: Value) -> str | None:
    if kind is ValueKind.SHARE:
        n = asm.as_number(value)
        return excel.FMT_PERCENT if n is None or abs(n * 100 - round(n * 100)) < 1e-9 else excel.FMT_PERCENT_DEC
    if kind in (ValueKind.COUNT, ValueKind.AMOUNT):
        n = asm.as_number(value)
        return excel.FMT_COUNT if n is None or n == int(n) else "#,##0.0"
    return None


def _value(ws: Worksheet, row: int, column: int, value: Value, kind: ValueKind, **kw: Any) -> Cell:
    """An indicator value as a number with a Swedish format, or Ja/Nej, or text."""
    if value is None:
        return _put(ws, row, column, None, **kw)
    if isinstance(value, bool) or kind is ValueKind.YESNO:
        return _put(ws, row, column, format_value(bool(value), ValueKind.YESNO), align=CENTER, **kw)
    n = asm.as_number(value)
    if n is not None and kind is not ValueKind.TEXT:
        return _put(ws, row, column, n, fmt=_number_format(kind, n), **kw)
    return _put(ws, row, column, str(value), wrap=True, **kw)


def _lines(text: str, width: float, bold: bool = False) -> int:
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


def _fit_rows(ws: Worksheet, widths: Sequence[float], first_row: int, last_row: int) -> None:
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
        n = _lines(v, widths[ci - 1], bool(cell.font.b))
        if n > need.get(r, 1):
            need[r] = n
    for r, n in need.items():
        ws.row_dimensions[r].height = excel.row_height(round(LINE_HEIGHT * n + 3, 1))


def _fit_merged(ws: Worksheet, merged: dict[int, float], column: int = 2) -> None:
    """Row heights for rows whose text cell (in ``column``) is merged to ``merged[row]`` characters."""
    for r, width in merged.items():
        n = _lines(str(ws.cell(row=r, column=column).value or ""), width)
        ws.row_dimensions[r].height = excel.row_height(round(LINE_HEIGHT * n + 3, 1)) if n > 1 else None


def _date_text(when: dt.datetime | None) -> str:
    return when.strftime("%Y-%m-%d %H:%M") if when else ""


def _report_title(c: Consolidation) -> str:
    return tx.TITLE.format(report=tx.PERIOD_REPORT[c.period.tertial].format(year=c.year))


def _goal_title(v: VerdictResult) -> str:
    return tx.GOAL_TITLE.format(number=v.ref, title=v.title)


# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------

SUMMARY_WIDTHS = [54, 13, 13, 13, 13, 11, 24, 24, 60]


def _write_summary(ws: Worksheet, c: Consolidation, when: dt.datetime, economy: dict[str, str]) -> None:
    excel.set_widths(ws, SUMMARY_WIDTHS)
    _put(ws, 1, 1, _report_title(c), font=TITLE_FONT)
    _put(ws, 2, 1, tx.SUBTITLE.format(committee=c.committee, year=c.year, period=c.period), font=BOLD)
    _put(ws, 3, 1, tx.GENERATED.format(when=when.strftime("%Y-%m-%d %H:%M"), identity=c.plan_identity),
         font=NOTE_FONT)
    note = tx.FORECAST_NOTE.format(period=c.period) if asm.is_forecast(c.period) else tx.FINAL_NOTE
    _put(ws, 4, 1, note, font=NOTE_FONT)
    row = 5
    if c.budget_is_example:
        _put(ws, row, 1, tx.EXAMPLE_NOTE, font=WARN_FONT)
        row += 1

    row += 1
    _put(ws, row, 1, tx.SUMMARY_GOALS, font=SECTION_FONT)
    row += 1
    header_row = row
    statuses = list(Assessment)
    headers = [tx.SUMMARY_GOAL_HEADER] + [status_label(a, c) for a in statuses] + [
        tx.SUMMARY_N, tx.SUMMARY_SUGGESTED, tx.SUMMARY_VERDICT, tx.SUMMARY_MOTIVATION]
    _header(ws, row, headers)
    for i, a in enumerate(statuses, start=2):  # the count headers carry their colour too
        cell = ws.cell(row=row, column=i)
        cell.fill = excel.solid_fill(excel.ASSESSMENT_COLOURS[a])
        cell.font = BOLD
    first = row + 1
    for g in c.goals:
        row += 1
        _put(ws, row, 1, _goal_title(g), wrap=True)
        for i, a in enumerate(statuses, start=2):
            _put(ws, row, i, g.counts[a], fmt=excel.FMT_COUNT, align=CENTER)
        _formula(ws, row, 6, f"=SUM(B{row}:E{row})", excel.FMT_COUNT).alignment = CENTER
        _status(ws, row, 7, g.suggested, status_label(g.suggested, c))
        a, word = verdict_word(g, c)
        _status(ws, row, 8, a, word)
        _put(ws, row, 9, g.verdict.motivation if g.verdict else "", wrap=True, text=True)
    last = row
    row += 1
    _put(ws, row, 1, tx.SUMMARY_TOTAL, font=BOLD)
    for i in range(2, 7):
        letter = excel.col(i)
        _formula(ws, row, i, f"=SUM({letter}{first}:{letter}{last})", excel.FMT_COUNT, BOLD).alignment = CENTER

    row += 2
    _put(ws, row, 1, tx.SUMMARY_ECONOMY, font=SECTION_FONT)
    for key, label_text in tx.SUMMARY_ECONOMY_ROWS.items():
        row += 1
        _put(ws, row, 1, label_text)
        _formula(ws, row, 2, f"={economy[key]}", excel.FMT_TKR)
    if c.committee_frame_tkr is not None:
        row += 1
        _put(ws, row, 1, tx.ECONOMY_COMMITTEE_FRAME)
        _formula(ws, row, 2, f"={economy['committee_frame_tkr']}", excel.FMT_TKR)
    row += 1
    _put(ws, row, 1, tx.SUMMARY_ECONOMY_SOURCE, font=NOTE_FONT)

    row += 2
    _put(ws, row, 1, tx.SUMMARY_SUBMISSIONS, font=SECTION_FONT)
    expected = len(c.unit_status)
    merged: dict[int, float] = {}
    for state, label_text in tx.SUMMARY_SUBMISSION_ROWS.items():
        row += 1
        units = [u for u in c.unit_status if u.state == state]
        _put(ws, row, 1, label_text)
        _put(ws, row, 2, tx.SUMMARY_OF_TOTAL.format(n=len(units), total=expected), align=CENTER,
             fill=excel.solid_fill(excel.RETURN_COLOURS[state]) if units and state != ACCEPTED else None)
        names = ", ".join(u.unit_name for u in units) or tx.SUMMARY_NONE
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=9)
        _put(ws, row, 3, names, wrap=True)
        merged[row] = sum(SUMMARY_WIDTHS[2:])
    _fit_rows(ws, SUMMARY_WIDTHS, header_row, row)
    _fit_merged(ws, merged, column=3)

    row += 2
    _status_chart(ws, header_row, first, last, f"A{row}")
    _deviation_chart(ws, c, f"F{row}")
    ws.freeze_panes = None
    excel.print_setup(ws)
    ws.print_area = f"A1:I{row + 20}"


def _status_chart(ws: Worksheet, header_row: int, first: int, last: int, anchor: str) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 60
    chart.title = tx.CHART_STATUS
    chart.y_axis.title = tx.CHART_STATUS_Y
    chart.y_axis.majorGridlines = None
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # goals top to bottom, as in the table
    data = Reference(ws, min_col=2, max_col=5, min_row=header_row, max_row=max(last, first))
    cats = Reference(ws, min_col=1, min_row=first, max_row=max(last, first))
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    for series, a in zip(chart.series, list(Assessment)):
        series.graphicalProperties = GraphicalProperties(solidFill=excel.ASSESSMENT_COLOURS[a])
        series.graphicalProperties.line.solidFill = "595959"
    chart.legend.position = "b"
    chart.width, chart.height = 17, 9
    ws.add_chart(chart, anchor)


def _deviation_chart(ws: Worksheet, c: Consolidation, anchor: str) -> None:
    n = len(c.economy)
    if not n:
        return
    eco = ws.parent[tx.SHEET_ECONOMY]
    chart = BarChart()
    chart.type = "bar"
    chart.title = tx.CHART_DEVIATION
    chart.y_axis.title = tx.CHART_DEVIATION_Y
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.number_format = "#,##0"
    chart.x_axis.tickLblPos = "low"  # unit names left of the plot, clear of negative bars
    chart.legend = None
    data = Reference(eco, min_col=6, min_row=HEADER_ROW, max_row=HEADER_ROW + n)
    cats = Reference(eco, min_col=2, min_row=HEADER_ROW + 1, max_row=HEADER_ROW + n)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    s = chart.series[0]
    s.graphicalProperties = GraphicalProperties(solidFill="5B9BD5")
    s.invertIfNegative = False
    chart.width, chart.height = 17, 9
    ws.add_chart(chart, anchor)


# --------------------------------------------------------------------------------------------
# Goals and indicators
# --------------------------------------------------------------------------------------------

GOALS_WIDTHS = [8, 48, 11, 11, 11, 11, 23, 17, 60, 34]


def _write_goals(ws: Worksheet, c: Consolidation, plan: Plan) -> None:
    excel.set_widths(ws, GOALS_WIDTHS)
    _title(ws, tx.GOALS_TITLE.format(period=c.period), tx.GOALS_NOTE)
    h = tx.GOALS_HEADERS
    _header(ws, HEADER_ROW, [h["ref"], h["name"], h["baseline"], h["target"].format(year=c.year),
                             h["compared"],
                             h["outcome"].format(period=c.period), h["status"], h["trend"], h["analysis"],
                             h["measures"]])
    by_sub: dict[str, list[IndicatorResult]] = {}
    for r in c.indicators:
        by_sub.setdefault(r.indicator.sub_goal, []).append(r)
    merged: dict[int, float] = {}
    row = HEADER_ROW
    for g in c.goals:
        row += 1
        for ci in range(1, len(GOALS_WIDTHS) + 1):
            ws.cell(row=row, column=ci).fill = GOAL_FILL
        _put(ws, row, 1, tx.GOAL_LABEL.format(number=g.ref), font=GOAL_FONT, fill=GOAL_FILL)
        _put(ws, row, 2, g.title, font=GOAL_FONT, fill=GOAL_FILL)
        if g.text:
            row += 1
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(GOALS_WIDTHS))
            _put(ws, row, 2, g.text, font=ITALIC, wrap=True)
            merged[row] = sum(GOALS_WIDTHS[1:])
        subs = [s for s in c.sub_goals if plan.sub_goal(s.ref) and plan.sub_goal(s.ref).goal == int(g.ref)]
        if not subs:
            row += 1
            _put(ws, row, 2, tx.NO_CONTENT, font=NOTE_FONT, wrap=True)
            continue
        row = _verdict_rows(ws, row, g, c)
        for s in subs:
            row += 1
            for ci in range(1, len(GOALS_WIDTHS) + 1):
                ws.cell(row=row, column=ci).fill = SUB_GOAL_FILL
            _put(ws, row, 1, s.ref, font=BOLD, fill=SUB_GOAL_FILL)
            _put(ws, row, 2, s.text, font=BOLD, fill=SUB_GOAL_FILL, wrap=True)
            _status(ws, row, 7, s.suggested, status_label(s.suggested, c))
            _put(ws, row, 9, f"{tx.ROW_SUGGESTED}: {counts_text(s, c)}", fill=SUB_GOAL_FILL, wrap=True)
            if s.verdict is not None:
                row += 1
                _put(ws, row, 2, tx.ROW_VERDICT, font=BOLD)
                a, word = verdict_word(s, c)
                _status(ws, row, 7, a, word)
                _put(ws, row, 9, s.verdict.motivation, wrap=True, text=True)
            for r in by_sub.get(s.ref, []):
                row = _indicator_rows(ws, row, r, c, merged)
    _fit_rows(ws, GOALS_WIDTHS, HEADER_ROW, row)
    _fit_merged(ws, merged)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _verdict_rows(ws: Worksheet, row: int, g: VerdictResult, c: Consolidation) -> int:
    row += 1
    _put(ws, row, 2, tx.ROW_SUGGESTED)
    _status(ws, row, 7, g.suggested, status_label(g.suggested, c))
    _put(ws, row, 9, counts_text(g, c), wrap=True)
    row += 1
    _put(ws, row, 2, tx.ROW_VERDICT, font=BOLD)
    a, word = verdict_word(g, c)
    _status(ws, row, 7, a, word)
    if g.verdict is not None:
        _put(ws, row, 9, g.verdict.motivation, wrap=True, text=True)
    else:
        _put(ws, row, 9, tx.VERDICT_MISSING_NOTE.format(period=c.period), font=NOTE_FONT, wrap=True)
    return row


def _baseline(ws: Worksheet, row: int, column: int, r: IndicatorResult) -> None:
    ind = r.indicator
    if ind.baseline is None:
        _put(ws, row, column, ind.baseline_missing_reason or None, font=NOTE_FONT, align=CENTER)
    else:
        _value(ws, row, column, ind.baseline, ind.kind)


def _indicator_rows(ws: Worksheet, row: int, r: IndicatorResult, c: Consolidation,
                    merged: dict[int, float]) -> int:
    ind = r.indicator
    row += 1
    _put(ws, row, 1, ind.id, font=BOLD)
    _put(ws, row, 2, ind.name, font=BOLD, wrap=True)
    _baseline(ws, row, 3, r)
    _value(ws, row, 4, ind.target, ind.kind)
    if r.due:
        _value(ws, row, 5, r.compared_with, ind.kind)
        _value(ws, row, 6, r.value, ind.kind, font=BOLD)
    _status(ws, row, 7, r.status, status_label(r.status, c))
    _put(ws, row, 8, trend_text(r), wrap=True)
    if not r.due:
        _put(ws, row, 9, tx.NOT_DUE.format(period=c.period, periodicity=ind.periodicity.text),
             font=NOTE_FONT, wrap=True)
    else:
        reported = sum(1 for u in r.units if u.reported and u.value is not None)
        basis = tx.BASIS.format(reported=reported, expected=len(r.units),
                                aggregation=tc.AGGREGATION[ind.aggregation].lower())
        months = asm.months_covered(c.period)
        if asm.is_flow(ind) and months < 12 and ind.target is not None:
            basis += tx.BASIS_PRO_RATA.format(months=months)
        # An incomplete basis (a unit missing) stands out: a sum of some units reads low.
        _put(ws, row, 9, basis, font=WARN_FONT if reported < len(r.units) else NOTE_FONT, wrap=True)
    if ind.note:
        row += 1
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
        _put(ws, row, 2, tx.NOTE_PREFIX + ind.note, font=NOTE_FONT, wrap=True)
        merged[row] = sum(GOALS_WIDTHS[1:6])
    if not r.due:
        return row
    for u in r.units:
        row += 1
        _put(ws, row, 2, u.unit_name, font=UNIT_FONT, align=INDENT)
        if not u.reported:
            _put(ws, row, 9, tx.UNIT_NOT_REPORTED, font=NOTE_FONT)
            continue
        _value(ws, row, 6, u.value, ind.kind, font=UNIT_FONT)
        if u.assessment is not None:
            _status(ws, row, 7, u.assessment, status_label(u.assessment, c))
        if u.analysis:
            _put(ws, row, 9, u.analysis, wrap=True, text=True)
        elif u.value is None:
            _put(ws, row, 9, tx.UNIT_NO_VALUE, font=NOTE_FONT)
        if u.measures:
            _put(ws, row, 10, u.measures, wrap=True, text=True)
    return row


# --------------------------------------------------------------------------------------------
# Per unit
# --------------------------------------------------------------------------------------------

UNITS_WIDTHS = [8, 50, 14, 23, 60, 40]


def _write_units(ws: Worksheet, c: Consolidation, plan: Plan) -> None:
    excel.set_widths(ws, UNITS_WIDTHS)
    _title(ws, tx.UNITS_TITLE.format(period=c.period), tx.UNITS_NOTE)
    h = tx.UNITS_HEADERS
    _header(ws, HEADER_ROW, [h["ref"], h["name"], h["value"], h["assessment"], h["analysis"], h["measures"]])
    row = HEADER_ROW
    economy = {e.unit_id: e for e in c.economy}
    indicators_of: dict[str, list[tuple[IndicatorResult, Any]]] = {}
    for r in c.indicators:
        for u in r.units if r.due else []:
            indicators_of.setdefault(u.unit_id, []).append((r, u))
    assignments_of: dict[str, list[tuple[AssignmentResult, Any]]] = {}
    for a in c.assignments:
        for au in a.units if a.due else []:
            assignments_of.setdefault(au.unit_id, []).append((a, au))
    for us in c.unit_status:
        row += 1
        for ci in range(1, len(UNITS_WIDTHS) + 1):
            ws.cell(row=row, column=ci).fill = GOAL_FILL
        _put(ws, row, 1, tx.UNIT_HEADING.format(name=us.unit_name, id=us.unit_id), font=GOAL_FONT,
             fill=GOAL_FILL)
        row += 1
        state_text = tx.UNIT_STATE[us.state].format(file=us.file_name, when=_date_text(us.received_at),
                                                    errors=us.errors)
        # Not wrapped and not merged (merging is slow for many units): the line runs on over the
        # empty, equally filled cells to its right.
        for ci in (2, 3, 4):
            _put(ws, row, ci, state_text if ci == 2 else None, fill=excel.solid_fill(excel.RETURN_COLOURS[us.state]))
        indicators = indicators_of.get(us.unit_id, [])
        assignments = assignments_of.get(us.unit_id, [])
        if indicators:
            row += 1
            _put(ws, row, 2, tx.UNIT_SECTION_INDICATORS, font=BOLD)
        for r, u in indicators:
            row += 1
            _put(ws, row, 1, r.indicator.id)
            _put(ws, row, 2, r.indicator.name, wrap=True)
            if u.reported:
                _value(ws, row, 3, u.value, r.indicator.kind)
                if u.assessment is not None:
                    _status(ws, row, 4, u.assessment, status_label(u.assessment, c))
                _put(ws, row, 5, u.analysis, wrap=True, text=True)
                _put(ws, row, 6, u.measures, wrap=True, text=True)
        if assignments:
            row += 1
            _put(ws, row, 2, tx.UNIT_SECTION_ASSIGNMENTS, font=BOLD)
        for a, u in assignments:
            row += 1
            _put(ws, row, 1, a.assignment.id)
            _put(ws, row, 2, _first_line(a.assignment.text), wrap=True)
            if u.reported:
                _put(ws, row, 3, tc.ASSIGNMENT_STATUS[u.status] if u.status else tx.STATUS_MISSING, wrap=True)
                _put(ws, row, 5, u.comment, wrap=True, text=True)
            if u.overdue:
                _put(ws, row, 4, tx.OVERDUE, fill=excel.solid_fill(styles.BAD), align=CENTER)
        if not indicators and not assignments:
            row += 1
            _put(ws, row, 2, tx.UNIT_NOTHING, font=NOTE_FONT)
        e = economy.get(us.unit_id)
        row += 1
        if e is not None and e.reported:
            text = tx.UNIT_ECONOMY.format(frame=_tkr(e.frame_tkr), outcome=_tkr(e.outcome_tkr),
                                          forecast=_tkr(e.forecast_tkr), deviation=_tkr(e.deviation_tkr))
            _put(ws, row, 2, text, wrap=True)
            if e.comment:
                _put(ws, row, 5, e.comment, wrap=True, text=True)
            if e.events:
                _put(ws, row, 6, e.events, wrap=True, text=True)
        else:
            _put(ws, row, 2, tx.UNIT_ECONOMY_MISSING, font=NOTE_FONT)
        row += 1  # an empty row between units
    _fit_rows(ws, UNITS_WIDTHS, HEADER_ROW, row)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def _tkr(v: float | None) -> str:
    return "–" if v is None else format_number(v, 0)


# --------------------------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------------------------

ASSIGNMENT_WIDTHS = [9, 64, 12, 16, 11, 64]


def _write_assignments(ws: Worksheet, c: Consolidation) -> None:
    excel.set_widths(ws, ASSIGNMENT_WIDTHS)
    _title(ws, tx.ASSIGNMENTS_TITLE.format(period=c.period),
           tx.ASSIGNMENTS_NOTE.format(end=period_end(c.period).isoformat()))
    _header(ws, HEADER_ROW, list(tx.ASSIGNMENTS_HEADERS.values()))
    row = HEADER_ROW
    for a in c.assignments:
        row = _assignment_rows(ws, row, a, c)
    _fit_rows(ws, ASSIGNMENT_WIDTHS, HEADER_ROW, row)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _assignment_rows(ws: Worksheet, row: int, a: AssignmentResult, c: Consolidation) -> int:
    asg = a.assignment
    row += 1
    for ci in range(1, len(ASSIGNMENT_WIDTHS) + 1):
        ws.cell(row=row, column=ci).fill = SUB_GOAL_FILL
    _put(ws, row, 1, asg.id, font=BOLD, fill=SUB_GOAL_FILL)
    _put(ws, row, 2, asg.text, font=BOLD, fill=SUB_GOAL_FILL, wrap=True)
    if asg.end_date is not None:
        _put(ws, row, 3, asg.end_date, fmt=excel.FMT_DATE, fill=SUB_GOAL_FILL)
    _put(ws, row, 4, tc.ASSIGNMENT_STATUS[asg.status], fill=SUB_GOAL_FILL, wrap=True)
    if a.due and a.overdue:
        _put(ws, row, 5, tx.OVERDUE, fill=excel.solid_fill(styles.BAD), align=CENTER)
    note = tx.ASSIGNMENT_MASTER_STATUS.format(status=tc.ASSIGNMENT_STATUS[asg.status])
    if asg.plan_ahead:
        note += f"\n{asg.plan_ahead}"
    if not a.due:
        note = tx.ASSIGNMENT_NOT_DUE.format(period=c.period, periodicity=asg.periodicity.text)
    _put(ws, row, 6, note, font=NOTE_FONT, fill=SUB_GOAL_FILL, wrap=True)
    if not a.due:
        return row
    for u in a.units:
        row += 1
        _put(ws, row, 2, u.unit_name, font=UNIT_FONT, align=INDENT)
        if u.reported:
            _put(ws, row, 4, tc.ASSIGNMENT_STATUS[u.status] if u.status else tx.STATUS_MISSING, wrap=True)
            _put(ws, row, 6, u.comment, wrap=True, text=True)
        else:
            _put(ws, row, 6, tx.UNIT_NOT_REPORTED, font=NOTE_FONT)
        if u.overdue:
            _put(ws, row, 5, tx.OVERDUE, fill=excel.solid_fill(styles.BAD), align=CENTER)
    return row


# --------------------------------------------------------------------------------------------
# Economy: live formulas
# --------------------------------------------------------------------------------------------

ECONOMY_WIDTHS = [14, 46, 14, 14, 14, 14, 13, 13, 13, 50, 40]


def _write_economy(ws: Worksheet, c: Consolidation) -> dict[str, str]:
    """The economy sheet; returns the addresses (with sheet) of its totals for the summary."""
    excel.set_widths(ws, ECONOMY_WIDTHS)
    _title(ws, tx.ECONOMY_TITLE.format(period=c.period), tx.ECONOMY_NOTE)
    if c.budget_is_example:
        _put(ws, 3, 1, tc.EXAMPLE_BUDGET_NOTE, font=WARN_FONT)
    _header(ws, HEADER_ROW, list(tx.ECONOMY_HEADERS.values()))
    first = HEADER_ROW + 1
    row = HEADER_ROW
    status = {u.unit_id: u.state for u in c.unit_status}
    for e in c.economy:
        row += 1
        _put(ws, row, 1, e.unit_id)
        _put(ws, row, 2, e.unit_name, wrap=True)
        _put(ws, row, 3, e.frame_tkr, fmt=excel.FMT_TKR)
        _put(ws, row, 4, e.outcome_tkr, fmt=excel.FMT_TKR)
        _put(ws, row, 5, e.forecast_tkr, fmt=excel.FMT_TKR)
        _formula(ws, row, 6, f'=IF(OR(C{row}="",E{row}=""),"",C{row}-E{row})', excel.FMT_TKR)
        _formula(ws, row, 7, f'=IF(OR(F{row}="",N(C{row})=0),"",F{row}/C{row})', excel.FMT_PERCENT_DEC)
        _formula(ws, row, 8, f'=IF(OR(D{row}="",N(C{row})=0),"",D{row}/C{row})', excel.FMT_PERCENT)
        state = status.get(e.unit_id, ACCEPTED if e.reported else MISSING)
        _put(ws, row, 9, tx.STATE[state],
             fill=excel.solid_fill(excel.RETURN_COLOURS[state]) if state != ACCEPTED else None,
             align=CENTER)
        _put(ws, row, 10, e.comment, wrap=True, text=True)
        _put(ws, row, 11, e.events, wrap=True, text=True)
    last = max(row, first)
    row = last + 1
    total = row
    _put(ws, row, 2, tx.ECONOMY_TOTAL, font=BOLD)
    for ci in (3, 4, 5, 6):
        letter = excel.col(ci)
        _formula(ws, row, ci, f"=SUM({letter}{first}:{letter}{last})", excel.FMT_TKR, BOLD)
    _formula(ws, row, 7, f'=IF(N(C{row})=0,"",F{row}/C{row})', excel.FMT_PERCENT_DEC, BOLD)
    _formula(ws, row, 8, f'=IF(N(C{row})=0,"",D{row}/C{row})', excel.FMT_PERCENT, BOLD)
    for ci in range(1, 12):
        ws.cell(row=row, column=ci).border = Border(top=excel.THIN)
    cells = {
        "frame_tkr": excel.sheet_ref(ws.title, f"C{total}"),
        "outcome_tkr": excel.sheet_ref(ws.title, f"D{total}"),
        "forecast_tkr": excel.sheet_ref(ws.title, f"E{total}"),
        "deviation_tkr": excel.sheet_ref(ws.title, f"F{total}"),
    }
    if c.committee_frame_tkr is not None:
        row += 2
        _put(ws, row, 2, tx.ECONOMY_COMMITTEE_FRAME)
        _put(ws, row, 3, c.committee_frame_tkr, fmt=excel.FMT_TKR)
        cells["committee_frame_tkr"] = excel.sheet_ref(ws.title, f"C{row}")
        row += 1
        _put(ws, row, 2, tx.ECONOMY_FRAME_DIFFERENCE)
        _formula(ws, row, 3, f"=C{total}-C{row - 1}", excel.FMT_TKR)
    _fit_rows(ws, ECONOMY_WIDTHS, HEADER_ROW, row)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    return cells


# --------------------------------------------------------------------------------------------
# Submissions
# --------------------------------------------------------------------------------------------

SUBMISSION_WIDTHS = [50, 56, 17, 22, 11, 14, 20]


def _write_submissions(ws: Worksheet, c: Consolidation) -> None:
    excel.set_widths(ws, SUBMISSION_WIDTHS)
    _title(ws, tx.SUBMISSIONS_TITLE.format(period=c.period), tx.SUBMISSIONS_NOTE)
    _put(ws, 3, 1, tx.SUBMISSIONS_STATUS, font=SECTION_FONT)
    _header(ws, HEADER_ROW, list(tx.UNIT_STATUS_HEADERS.values()))
    row = HEADER_ROW
    for u in c.unit_status:
        row += 1
        _put(ws, row, 1, u.unit_name, wrap=True)
        _put(ws, row, 2, u.file_name, wrap=True, text=True)
        _put(ws, row, 3, u.received_at, fmt=FMT_DATETIME)
        _put(ws, row, 4, tx.STATE[u.state], fill=excel.solid_fill(excel.RETURN_COLOURS[u.state]), align=CENTER)
        _put(ws, row, 5, u.submissions, fmt=excel.FMT_COUNT, align=CENTER)
        _put(ws, row, 6, u.unit_id)
    row += 2
    _put(ws, row, 1, tx.SUBMISSIONS_ALL, font=SECTION_FONT)
    row += 1
    _header(ws, row, list(tx.SUBMISSION_HEADERS.values()))
    if not c.submissions:
        row += 1
        _put(ws, row, 1, tx.NO_SUBMISSIONS, font=NOTE_FONT)
    for s in c.submissions:
        row += 1
        _put(ws, row, 1, s.unit_name, wrap=True)
        _put(ws, row, 2, s.file_name, wrap=True, text=True)
        _put(ws, row, 3, s.received_at, fmt=FMT_DATETIME)
        state = s.state if s.state in tx.STATE else REJECTED
        _put(ws, row, 4, tx.STATE[state], fill=excel.solid_fill(excel.RETURN_COLOURS[state]), align=CENTER)
        _put(ws, row, 5, s.errors, fmt=excel.FMT_COUNT, align=CENTER)
        _put(ws, row, 6, s.warnings, fmt=excel.FMT_COUNT, align=CENTER)
        _put(ws, row, 7, s.sha256[:16], text=True)
    _fit_rows(ws, SUBMISSION_WIDTHS, HEADER_ROW, row)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


# --------------------------------------------------------------------------------------------
# The long data table
# --------------------------------------------------------------------------------------------

DATA_FORMATS = {"value": "General", "received_at": FMT_DATETIME}
TEXT_COLUMNS = {"value_text", "raw_value", "analysis", "measures", "indicator", "unit_name"}


def _write_data(ws: Worksheet, c: Consolidation) -> None:
    rows = c.long_rows()
    keys = list(tx.DATA_HEADERS)
    _title(ws, tx.DATA_TITLE.format(period=c.period), tx.DATA_NOTE.format(table=tx.TABLE_DATA))
    excel.set_widths(ws, [6, 9, 6, 8, 10, 40, 12, 30, 11, 11, 10, 12, 12, 18, 18, 50, 40, 10, 17])
    excel.add_table(ws, tx.TABLE_DATA, HEADER_ROW, 1, list(tx.DATA_HEADERS.values()), len(rows))
    for ci in range(1, len(keys) + 1):
        ws.cell(row=HEADER_ROW, column=ci).font = HEADER_FONT
    for r, item in enumerate(rows, start=HEADER_ROW + 1):
        for ci, key in enumerate(keys, start=1):
            v = item[key]
            cell = ws.cell(row=r, column=ci)
            if key in ("due", "reported"):
                excel.set_text(cell, tc.YES if v else tc.NO)
            elif key in ("assessment", "indicator_status"):
                excel.set_text(cell, status_label(v, c) if v is not None else None)
            elif key == "value":
                if isinstance(v, bool):
                    cell.value = 1 if v else 0
                elif (n := asm.as_number(v)) is not None:
                    cell.value = n
                # text values are in "value_text"
            elif key in TEXT_COLUMNS or isinstance(v, str):
                excel.set_text(cell, ILLEGAL_CHARACTERS_RE.sub("", str(v)) if v not in ("", None) else None)
            elif key == "goal":
                cell.value = v
            else:
                cell.value = v
            if key in DATA_FORMATS:
                cell.number_format = DATA_FORMATS[key]
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


# --------------------------------------------------------------------------------------------
# About
# --------------------------------------------------------------------------------------------

def _write_about(ws: Worksheet, c: Consolidation, plan: Plan) -> None:
    widths = [28, 110]
    excel.set_widths(ws, widths)
    _title(ws, tx.ABOUT_TITLE)
    _put(ws, 2, 1, tx.ABOUT_PLAN.format(identity=c.plan_identity), font=NOTE_FONT)
    t = plan.settings.partly_threshold
    row = 3
    for heading, text in tx.ABOUT:
        row += 1
        _put(ws, row, 1, heading, font=BOLD)
        _put(ws, row, 2, text.format(threshold=f"{format_number(t * 100)} %",
                                     upper=f"{format_number((2 - t) * 100)} %"), wrap=True)
    _fit_rows(ws, widths, 4, row)
    excel.print_setup(ws)
