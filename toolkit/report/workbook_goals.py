"""The report workbook's sheets in the plan's order: goals, sub-goals and indicators with each unit's
value and analysis, and the same per unit."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import Plan
from toolkit.core.values import format_number
from toolkit.excel import styles
from toolkit.report.consolidate import AssignmentResult, Consolidation, IndicatorResult, VerdictResult
from toolkit.report.wording import (
    assignment_status_text,
    basis_is_warning,
    basis_text,
    counts_text,
    status_label,
    trend_text,
    verdict_word,
)
from toolkit.report.workbook_cells import (
    BOLD,
    CENTER,
    GOAL_FILL,
    GOAL_FONT,
    HEADER_ROW,
    INDENT,
    ITALIC,
    NOTE_FONT,
    SUB_GOAL_FILL,
    UNIT_FONT,
    WARN_FONT,
    date_text,
    fit_merged,
    fit_rows,
    put,
    put_header,
    put_status,
    put_title,
    put_value,
)
from toolkit.texts import consolidate as tx

GOALS_WIDTHS = [8, 48, 11, 11, 11, 11, 23, 17, 60, 34]


def write_goals(ws: Worksheet, c: Consolidation, plan: Plan) -> None:
    excel.set_widths(ws, GOALS_WIDTHS)
    put_title(ws, tx.GOALS_TITLE.format(period=c.period), tx.GOALS_NOTE)
    h = tx.GOALS_HEADERS
    put_header(ws, HEADER_ROW, [h["ref"], h["name"], h["baseline"], h["target"].format(year=c.year),
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
        put(ws, row, 1, tx.GOAL_LABEL.format(number=g.ref), font=GOAL_FONT, fill=GOAL_FILL)
        put(ws, row, 2, g.title, font=GOAL_FONT, fill=GOAL_FILL)
        if g.text:
            row += 1
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(GOALS_WIDTHS))
            put(ws, row, 2, g.text, font=ITALIC, wrap=True)
            merged[row] = sum(GOALS_WIDTHS[1:])
        subs = [s for s in c.sub_goals if (sg := plan.sub_goal(s.ref)) is not None and sg.goal == int(g.ref)]
        if not subs:
            row += 1
            put(ws, row, 2, tx.NO_CONTENT, font=NOTE_FONT, wrap=True)
            continue
        row = _verdict_rows(ws, row, g, c)
        for s in subs:
            row += 1
            for ci in range(1, len(GOALS_WIDTHS) + 1):
                ws.cell(row=row, column=ci).fill = SUB_GOAL_FILL
            put(ws, row, 1, s.ref, font=BOLD, fill=SUB_GOAL_FILL)
            put(ws, row, 2, s.text, font=BOLD, fill=SUB_GOAL_FILL, wrap=True)
            put_status(ws, row, 7, s.suggested, status_label(s.suggested, c))
            put(ws, row, 9, f"{tx.ROW_SUGGESTED}: {counts_text(s, c)}", fill=SUB_GOAL_FILL, wrap=True)
            if s.verdict is not None:
                row += 1
                put(ws, row, 2, tx.ROW_VERDICT, font=BOLD)
                a, word = verdict_word(s, c)
                put_status(ws, row, 7, a, word)
                put(ws, row, 9, s.verdict.motivation, wrap=True, text=True)
            for r in by_sub.get(s.ref, []):
                row = _indicator_rows(ws, row, r, c, merged)
    fit_rows(ws, GOALS_WIDTHS, HEADER_ROW, row)
    fit_merged(ws, merged)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _verdict_rows(ws: Worksheet, row: int, g: VerdictResult, c: Consolidation) -> int:
    row += 1
    put(ws, row, 2, tx.ROW_SUGGESTED)
    put_status(ws, row, 7, g.suggested, status_label(g.suggested, c))
    put(ws, row, 9, counts_text(g, c), wrap=True)
    row += 1
    put(ws, row, 2, tx.ROW_VERDICT, font=BOLD)
    a, word = verdict_word(g, c)
    put_status(ws, row, 7, a, word)
    if g.verdict is not None:
        put(ws, row, 9, g.verdict.motivation, wrap=True, text=True)
    else:
        put(ws, row, 9, tx.VERDICT_MISSING_NOTE.format(period=c.period), font=NOTE_FONT, wrap=True)
    return row


def _baseline(ws: Worksheet, row: int, column: int, r: IndicatorResult) -> None:
    ind = r.indicator
    if ind.baseline is None:
        put(ws, row, column, ind.baseline_missing_reason or None, font=NOTE_FONT, align=CENTER)
    else:
        put_value(ws, row, column, ind.baseline, ind.kind, ind.decimals)


def _indicator_rows(ws: Worksheet, row: int, r: IndicatorResult, c: Consolidation,
                    merged: dict[int, float]) -> int:
    ind = r.indicator
    row += 1
    put(ws, row, 1, ind.id, font=BOLD)
    put(ws, row, 2, ind.name, font=BOLD, wrap=True)
    _baseline(ws, row, 3, r)
    put_value(ws, row, 4, ind.target, ind.kind, ind.decimals)
    if r.due:
        put_value(ws, row, 5, r.compared_with, ind.kind, ind.decimals)
        put_value(ws, row, 6, r.value, ind.kind, ind.decimals, font=BOLD)
    put_status(ws, row, 7, r.status, status_label(r.status, c))
    put(ws, row, 8, trend_text(r), wrap=True)
    # What the value measures and rests on; an incomplete basis (a unit missing) stands out.
    put(ws, row, 9, basis_text(r, c), font=WARN_FONT if basis_is_warning(r) else NOTE_FONT, wrap=True)
    if ind.note:
        row += 1
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
        put(ws, row, 2, tx.NOTE_PREFIX + ind.note, font=NOTE_FONT, wrap=True)
        merged[row] = sum(GOALS_WIDTHS[1:6])
    if not r.due:
        return row
    for u in r.units:
        row += 1
        put(ws, row, 2, u.unit_name, font=UNIT_FONT, align=INDENT)
        if not u.reported:
            put(ws, row, 9, tx.UNIT_NOT_REPORTED, font=NOTE_FONT)
            continue
        put_value(ws, row, 6, u.value, ind.kind, ind.decimals, font=UNIT_FONT)
        if u.assessment is not None:
            put_status(ws, row, 7, u.assessment, status_label(u.assessment, c))
        if u.analysis:
            put(ws, row, 9, u.analysis, wrap=True, text=True)
        elif u.value is None:
            put(ws, row, 9, tx.UNIT_NO_VALUE, font=NOTE_FONT)
        if u.measures:
            put(ws, row, 10, u.measures, wrap=True, text=True)
    return row


# --------------------------------------------------------------------------------------------
# Per unit
# --------------------------------------------------------------------------------------------

UNITS_WIDTHS = [8, 50, 14, 23, 60, 40]


def write_units(ws: Worksheet, c: Consolidation, plan: Plan) -> None:
    excel.set_widths(ws, UNITS_WIDTHS)
    put_title(ws, tx.UNITS_TITLE.format(period=c.period), tx.UNITS_NOTE)
    h = tx.UNITS_HEADERS
    put_header(ws, HEADER_ROW, [h["ref"], h["name"], h["value"], h["assessment"], h["analysis"], h["measures"]])
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
        put(ws, row, 1, tx.UNIT_HEADING.format(name=us.unit_name, id=us.unit_id), font=GOAL_FONT,
            fill=GOAL_FILL)
        row += 1
        state_text = tx.UNIT_STATE[us.state].format(file=us.file_name, when=date_text(us.received_at),
                                                    errors=us.errors)
        # Not wrapped and not merged (merging is slow for many units): the line runs on over the
        # empty, equally filled cells to its right.
        for ci in (2, 3, 4):
            put(ws, row, ci, state_text if ci == 2 else None, fill=excel.solid_fill(excel.RETURN_COLOURS[us.state]))
        indicators = indicators_of.get(us.unit_id, [])
        assignments = assignments_of.get(us.unit_id, [])
        if indicators:
            row += 1
            put(ws, row, 2, tx.UNIT_SECTION_INDICATORS, font=BOLD)
        for r, u in indicators:
            row += 1
            put(ws, row, 1, r.indicator.id)
            put(ws, row, 2, r.indicator.name, wrap=True)
            if u.reported:
                put_value(ws, row, 3, u.value, r.indicator.kind, r.indicator.decimals)
                if u.assessment is not None:
                    put_status(ws, row, 4, u.assessment, status_label(u.assessment, c))
                put(ws, row, 5, u.analysis, wrap=True, text=True)
                put(ws, row, 6, u.measures, wrap=True, text=True)
        if assignments:
            row += 1
            put(ws, row, 2, tx.UNIT_SECTION_ASSIGNMENTS, font=BOLD)
        for a, u in assignments:
            row += 1
            put(ws, row, 1, a.assignment.id)
            put(ws, row, 2, _first_line(a.assignment.text), wrap=True)
            if u.reported:
                put(ws, row, 3, assignment_status_text(u, ""), wrap=True)
                put(ws, row, 5, u.comment, wrap=True, text=True)
            elif u.last_status is not None:
                put(ws, row, 3, assignment_status_text(u, ""), font=NOTE_FONT, wrap=True)
            if u.overdue:
                put(ws, row, 4, tx.OVERDUE, fill=excel.solid_fill(styles.BAD), align=CENTER)
        if not indicators and not assignments:
            row += 1
            put(ws, row, 2, tx.UNIT_NOTHING, font=NOTE_FONT)
        e = economy.get(us.unit_id)
        row += 1
        if e is not None and e.reported:
            text = tx.UNIT_ECONOMY.format(frame=_tkr(e.frame_tkr), outcome=_tkr(e.outcome_tkr),
                                          forecast=_tkr(e.forecast_tkr), deviation=_tkr(e.deviation_tkr))
            put(ws, row, 2, text, wrap=True)
            if e.comment:
                put(ws, row, 5, e.comment, wrap=True, text=True)
            if e.events:
                put(ws, row, 6, e.events, wrap=True, text=True)
        else:
            put(ws, row, 2, tx.UNIT_ECONOMY_MISSING, font=NOTE_FONT)
        row += 1  # an empty row between units
    fit_rows(ws, UNITS_WIDTHS, HEADER_ROW, row)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def _tkr(v: float | None) -> str:
    return "–" if v is None else format_number(v, 0)
