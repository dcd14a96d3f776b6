"""The report workbook's summary sheet: counts per status per goal with both verdicts, the economy's totals
(formulas into the economy sheet), the returns' status, and two native charts."""

from __future__ import annotations

import datetime as dt

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import Assessment
from toolkit.report import assessment as asm
from toolkit.report.consolidate import ACCEPTED, Consolidation, VerdictResult
from toolkit.report.wording import report_title, status_label, verdict_word
from toolkit.report.workbook_cells import (
    BOLD,
    CENTER,
    HEADER_ROW,
    NOTE_FONT,
    SECTION_FONT,
    TITLE_FONT,
    WARN_FONT,
    fit_merged,
    fit_rows,
    put,
    put_formula,
    put_header,
    put_status,
)
from toolkit.report.workbook_follow_up import economy_columns
from toolkit.texts import consolidate as tx


def _goal_title(v: VerdictResult) -> str:
    return tx.GOAL_TITLE.format(number=v.ref, title=v.title)


SUMMARY_WIDTHS = [54, 13, 13, 13, 13, 11, 24, 24, 60]


def write_summary(ws: Worksheet, c: Consolidation, when: dt.datetime, economy_ws: Worksheet,
                  economy: dict[str, str]) -> None:
    """The summary; ``economy`` holds the addresses of the economy sheet's totals (``write_economy``)."""
    excel.set_widths(ws, SUMMARY_WIDTHS)
    put(ws, 1, 1, report_title(c), font=TITLE_FONT)
    put(ws, 2, 1, tx.SUBTITLE.format(committee=c.committee, year=c.year, period=c.period), font=BOLD)
    put(ws, 3, 1, tx.GENERATED.format(when=when.strftime("%Y-%m-%d %H:%M"), identity=c.plan_identity),
        font=NOTE_FONT)
    note = tx.FORECAST_NOTE.format(period=c.period) if asm.is_forecast(c.period) else tx.FINAL_NOTE
    put(ws, 4, 1, note, font=NOTE_FONT)
    row = 5
    if c.budget_is_example:
        put(ws, row, 1, tx.EXAMPLE_NOTE, font=WARN_FONT)
        row += 1

    row += 1
    put(ws, row, 1, tx.SUMMARY_GOALS, font=SECTION_FONT)
    row += 1
    header_row = row
    statuses = list(Assessment)
    headers = [tx.SUMMARY_GOAL_HEADER] + [status_label(a, c) for a in statuses] + [
        tx.SUMMARY_N, tx.SUMMARY_SUGGESTED, tx.SUMMARY_VERDICT, tx.SUMMARY_MOTIVATION]
    put_header(ws, row, headers)
    for i, a in enumerate(statuses, start=2):  # the count headers carry their colour too
        cell = ws.cell(row=row, column=i)
        cell.fill = excel.solid_fill(excel.ASSESSMENT_COLOURS[a])
        cell.font = BOLD
    first = row + 1
    for g in c.goals:
        row += 1
        put(ws, row, 1, _goal_title(g), wrap=True)
        for i, a in enumerate(statuses, start=2):
            put(ws, row, i, g.counts[a], fmt=excel.FMT_COUNT, align=CENTER)
        put_formula(ws, row, 6, f"=SUM(B{row}:E{row})", excel.FMT_COUNT).alignment = CENTER
        put_status(ws, row, 7, g.suggested, status_label(g.suggested, c))
        a, word = verdict_word(g, c)
        put_status(ws, row, 8, a, word)
        put(ws, row, 9, g.verdict.motivation if g.verdict else "", wrap=True, text=True)
    last = row
    row += 1
    put(ws, row, 1, tx.SUMMARY_TOTAL, font=BOLD)
    for i in range(2, 7):
        letter = excel.col(i)
        put_formula(ws, row, i, f"=SUM({letter}{first}:{letter}{last})", excel.FMT_COUNT, BOLD).alignment = CENTER

    row += 2
    put(ws, row, 1, tx.SUMMARY_ECONOMY, font=SECTION_FONT)
    rows = tx.SUMMARY_ECONOMY_ROWS_YEAR_END if c.year_end else tx.SUMMARY_ECONOMY_ROWS
    for key, label_text in rows.items():
        row += 1
        put(ws, row, 1, label_text)
        put_formula(ws, row, 2, f"={economy[key]}", excel.FMT_TKR)
    if c.committee_frame_tkr is not None:
        row += 1
        put(ws, row, 1, tx.ECONOMY_COMMITTEE_FRAME)
        put_formula(ws, row, 2, f"={economy['committee_frame_tkr']}", excel.FMT_TKR)
    row += 1
    put(ws, row, 1, tx.SUMMARY_ECONOMY_SOURCE, font=NOTE_FONT)

    row += 2
    put(ws, row, 1, tx.SUMMARY_SUBMISSIONS, font=SECTION_FONT)
    expected = len(c.unit_status)
    merged: dict[int, float] = {}
    for state, label_text in tx.SUMMARY_SUBMISSION_ROWS.items():
        row += 1
        units = [u for u in c.unit_status if u.state == state]
        put(ws, row, 1, label_text)
        put(ws, row, 2, tx.SUMMARY_OF_TOTAL.format(n=len(units), total=expected), align=CENTER,
            fill=excel.solid_fill(excel.RETURN_COLOURS[state]) if units and state != ACCEPTED else None)
        names = ", ".join(u.unit_name for u in units) or tx.SUMMARY_NONE
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=9)
        put(ws, row, 3, names, wrap=True)
        merged[row] = sum(SUMMARY_WIDTHS[2:])
    fit_rows(ws, SUMMARY_WIDTHS, header_row, row)
    fit_merged(ws, merged, column=3)

    row += 2
    _status_chart(ws, header_row, first, last, f"A{row}")
    _deviation_chart(ws, economy_ws, c, f"F{row}")
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


def _deviation_chart(ws: Worksheet, eco: Worksheet, c: Consolidation, anchor: str) -> None:
    n = len(c.economy)
    if not n:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = tx.CHART_DEVIATION
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.number_format = "#,##0"
    chart.x_axis.tickLblPos = "low"  # unit names left of the plot, clear of negative bars
    chart.legend = None
    column = economy_columns(c).index("deviation_tkr") + 1
    chart.y_axis.title = tx.CHART_DEVIATION_Y_YEAR_END if c.year_end else tx.CHART_DEVIATION_Y
    data = Reference(eco, min_col=column, min_row=HEADER_ROW, max_row=HEADER_ROW + n)
    cats = Reference(eco, min_col=2, min_row=HEADER_ROW + 1, max_row=HEADER_ROW + n)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    s = chart.series[0]
    s.graphicalProperties = GraphicalProperties(solidFill="5B9BD5")
    s.invertIfNegative = False
    chart.width, chart.height = 17, 9
    ws.add_chart(chart, anchor)
