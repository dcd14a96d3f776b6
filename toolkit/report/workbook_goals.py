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
from toolkit.report.series import PastValue
from toolkit.report.wording import (
    assignment_status_text,
    basis_is_warning,
    basis_text,
    counts_text,
    gap_text,
    last_year_note,
    outcome_header,
    past_headers,
    past_note,
    past_values,
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

WIDTHS = {"ref": 8, "name": 48, "baseline": 11, "target": 11, "compared": 11, "past": 11, "outcome": 11,
          "status": 23, "trend": 17, "analysis": 60, "measures": 34}


class Columns:
    """The goals sheet's columns for a consolidation: by key, 1-based. The earlier values (the same period last
    year, at T3 the year's series) stand between the target and the outcome; at T3 "Jämförs med" is left out (in
    December every value is compared with the whole target)."""

    def __init__(self, c: Consolidation) -> None:
        self.past = past_headers(c)
        keys = ["ref", "name", "baseline", "target"] + ([] if c.year_end else ["compared"])
        keys += [f"past{i}" for i in range(len(self.past))] + ["outcome", "status", "trend", "analysis", "measures"]
        self.keys = keys
        self.widths = [WIDTHS["past" if k.startswith("past") else k] for k in keys]
        h = tx.GOALS_HEADERS
        words = {"target": h["target"].format(year=c.year), "outcome": outcome_header(c),
                 **{f"past{i}": text for i, text in enumerate(self.past)}}
        self.headers = [words.get(k) or h[k] for k in keys]

    def __getitem__(self, key: str) -> int:
        return self.keys.index(key) + 1

    def get(self, key: str) -> int | None:
        return self[key] if key in self.keys else None


def write_goals(ws: Worksheet, c: Consolidation, plan: Plan) -> None:
    cols = Columns(c)
    widths = cols.widths
    excel.set_widths(ws, widths)
    note = " ".join(n for n in (tx.GOALS_NOTE, tx.GOALS_NOTE_YEAR_END if c.year_end else "", last_year_note(c)) if n)
    put_title(ws, tx.GOALS_TITLE.format(period=c.period), note)
    put_header(ws, HEADER_ROW, cols.headers)
    by_sub: dict[str, list[IndicatorResult]] = {}
    for r in c.indicators:
        by_sub.setdefault(r.indicator.sub_goal, []).append(r)
    merged: dict[int, float] = {}
    row = HEADER_ROW
    for g in c.goals:
        row += 1
        for ci in range(1, len(widths) + 1):
            ws.cell(row=row, column=ci).fill = GOAL_FILL
        put(ws, row, 1, tx.GOAL_LABEL.format(number=g.ref), font=GOAL_FONT, fill=GOAL_FILL)
        put(ws, row, 2, g.title, font=GOAL_FONT, fill=GOAL_FILL)
        if g.text:
            row += 1
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(widths))
            put(ws, row, 2, g.text, font=ITALIC, wrap=True)
            merged[row] = sum(widths[1:])
        subs = [s for s in c.sub_goals if (sg := plan.sub_goal(s.ref)) is not None and sg.goal == int(g.ref)]
        if not subs:
            row += 1
            put(ws, row, 2, tx.NO_CONTENT, font=NOTE_FONT, wrap=True)
            continue
        row = _verdict_rows(ws, row, g, c, cols)
        for s in subs:
            row += 1
            for ci in range(1, len(widths) + 1):
                ws.cell(row=row, column=ci).fill = SUB_GOAL_FILL
            put(ws, row, 1, s.ref, font=BOLD, fill=SUB_GOAL_FILL)
            put(ws, row, 2, s.text, font=BOLD, fill=SUB_GOAL_FILL, wrap=True)
            put_status(ws, row, cols["status"], s.suggested, status_label(s.suggested, c))
            put(ws, row, cols["analysis"], f"{tx.ROW_SUGGESTED}: {counts_text(s, c)}", fill=SUB_GOAL_FILL,
                wrap=True)
            if s.verdict is not None:
                row += 1
                put(ws, row, 2, tx.ROW_VERDICT, font=BOLD)
                a, word = verdict_word(s, c)
                put_status(ws, row, cols["status"], a, word)
                put(ws, row, cols["analysis"], s.verdict.motivation, wrap=True, text=True)
            for r in by_sub.get(s.ref, []):
                row = _indicator_rows(ws, row, r, c, merged, cols)
    fit_rows(ws, widths, HEADER_ROW, row)
    fit_merged(ws, merged)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _verdict_rows(ws: Worksheet, row: int, g: VerdictResult, c: Consolidation, cols: Columns) -> int:
    status, analysis = cols["status"], cols["analysis"]
    row += 1
    put(ws, row, 2, tx.ROW_SUGGESTED)
    put_status(ws, row, status, g.suggested, status_label(g.suggested, c))
    put(ws, row, analysis, counts_text(g, c), wrap=True)
    row += 1
    put(ws, row, 2, tx.ROW_VERDICT, font=BOLD)
    a, word = verdict_word(g, c)
    put_status(ws, row, status, a, word)
    if g.verdict is not None:
        put(ws, row, analysis, g.verdict.motivation, wrap=True, text=True)
    else:
        put(ws, row, analysis, tx.VERDICT_MISSING_NOTE.format(period=c.period), font=NOTE_FONT, wrap=True)
    return row


def _baseline(ws: Worksheet, row: int, column: int, r: IndicatorResult) -> None:
    ind = r.indicator
    if ind.baseline is None:
        put(ws, row, column, ind.baseline_missing_reason or None, font=NOTE_FONT, align=CENTER)
    else:
        put_value(ws, row, column, ind.baseline, ind.kind, ind.decimals)


def _indicator_rows(ws: Worksheet, row: int, r: IndicatorResult, c: Consolidation,
                    merged: dict[int, float], cols: Columns) -> int:
    ind = r.indicator
    outcome, status, analysis = cols["outcome"], cols["status"], cols["analysis"]
    row += 1
    put(ws, row, 1, ind.id, font=BOLD)
    put(ws, row, 2, ind.name, font=BOLD, wrap=True)
    _baseline(ws, row, cols["baseline"], r)
    put_value(ws, row, cols["target"], ind.target, ind.kind, ind.decimals)
    for i, p in enumerate(past_values(r, c)):
        _past(ws, row, cols[f"past{i}"], p)
    compared = cols.get("compared")
    if r.due:
        if compared is not None:
            put_value(ws, row, compared, r.compared_with, ind.kind, ind.decimals)
        put_value(ws, row, outcome, r.value, ind.kind, ind.decimals, font=BOLD)
    put_status(ws, row, status, r.status, status_label(r.status, c))
    put(ws, row, cols["trend"], trend_text(r), wrap=True)
    # What the value measures and rests on; an incomplete basis (a unit missing, now or earlier) stands out.
    reservation = past_note(r, c)
    basis = " ".join(t for t in (basis_text(r, c), reservation) if t)
    put(ws, row, analysis, basis, font=WARN_FONT if basis_is_warning(r) or reservation else NOTE_FONT, wrap=True)
    if ind.note:
        row += 1
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=outcome)
        put(ws, row, 2, tx.NOTE_PREFIX + ind.note, font=NOTE_FONT, wrap=True)
        merged[row] = sum(cols.widths[1:outcome])
    if not r.due:
        return row
    for u in r.units:
        row += 1
        put(ws, row, 2, u.unit_name, font=UNIT_FONT, align=INDENT)
        if not u.reported:
            put(ws, row, analysis, tx.UNIT_NOT_REPORTED, font=NOTE_FONT)
            continue
        put_value(ws, row, outcome, u.value, ind.kind, ind.decimals, font=UNIT_FONT)
        if u.assessment is not None:
            put_status(ws, row, status, u.assessment, status_label(u.assessment, c))
        if u.analysis:
            put(ws, row, analysis, u.analysis, wrap=True, text=True)
        elif u.value is None:
            put(ws, row, analysis, tx.UNIT_NO_VALUE, font=NOTE_FONT)
        if u.measures:
            put(ws, row, cols["measures"], u.measures, wrap=True, text=True)
    return row


def _past(ws: Worksheet, row: int, column: int, p: PastValue) -> None:
    """An earlier value as that period's report showed it (its kind's format), or "– (ej insamlad)"."""
    if p.shown:
        put_value(ws, row, column, p.value, p.kind, p.decimals)
    else:
        put(ws, row, column, gap_text(p), font=NOTE_FONT, align=CENTER)


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
            template = tx.UNIT_ECONOMY_YEAR_END if c.year_end else tx.UNIT_ECONOMY
            text = template.format(frame=_tkr(e.frame_tkr), outcome=_tkr(e.outcome_tkr),
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
