"""The committee's document (Word, .docx), written from the same ``Consolidation`` as the report workbook.

Committee members read a document, not a workbook. In the plan's order: title, committee and period; a
summary (counts per status per goal, missing and rejected returns, budget totals); per goal its
formulation, the suggested verdict beside the controller's verdict and motivation, per sub-goal a table of
its indicators (status as a word on a shaded cell) followed by each unit's analysis under its name; the
assignments; the economy per unit and in total (tkr); and how the numbers are computed.

Text that came from a unit or the controller is inserted as plain text (a .docx evaluates nothing), with
the control characters XML cannot hold removed. Every Swedish text is in ``toolkit.texts.document`` or,
where the workbook says the same, ``toolkit.texts.consolidate``. The same consolidation and
``generated_at`` give the same content. A4 portrait; table header rows repeat on every page.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Pt
from docx.table import _Cell

from toolkit.core.model import Assessment, Plan, ValueKind
from toolkit.excel import styles
from toolkit.report import assessment as asm
from toolkit.report import docx_kit as kit
from toolkit.report.consolidate import (
    ACCEPTED,
    AssignmentResult,
    AssignmentUnit,
    Consolidation,
    IndicatorResult,
    UnitValue,
    VerdictResult,
    period_end,
)
from toolkit.report.document_docx import (
    CENTER,
    DESIGN_WIDTH_CM,
    RIGHT,
    amount,
    cell,
    cell_note,
    keep_short_table_together,
    labelled,
    note,
    row,
    spacer,
    status,
    table,
    text,
    value_text,
)
from toolkit.report.series import PastValue
from toolkit.report.wording import (
    assignment_status_text,
    basis_is_warning,
    basis_text,
    counts_text,
    gap_reason,
    outcome_header,
    past_headers,
    past_note,
    past_values,
    report_title,
    rules,
    shows_last_year,
    status_label,
    trend_text,
    verdict_word,
    year_columns,
    year_values,
    years_note,
)
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx
from toolkit.texts import document as td

# Column widths drawn for a 17 cm text width (scaled to the template's).
SUMMARY_WIDTHS = (4.4, 2.0, 2.0, 2.0, 2.0, 2.3, 2.3)
VERDICT_WIDTHS = (4.0, 3.2, 9.8)
INDICATOR_WIDTHS = (7.6, 2.1, 2.1, 2.2, 3.0)
VALUE_WIDTH, PAST_WIDTH, STATUS_WIDTH = 1.9, 1.8, 2.7  # when earlier values stand beside the outcome
ASSIGNMENT_WIDTHS = (1.1, 6.9, 2.5, 4.3, 2.2)
ASSIGNMENT_UNIT_WIDTHS = (4.6, 3.0, 2.2, 7.2)
ECONOMY_WIDTHS = (4.4, 2.6, 2.6, 2.6, 2.6, 2.2)
ECONOMY_WIDTHS_YEAR_END = (5.8, 2.8, 2.8, 2.8, 2.8)
ECONOMY_SUMMARY_WIDTHS = (7.0, 3.0)


def write_document(consolidation: Consolidation, plan: Plan, path: str | os.PathLike[str], *,
                   generated_at: dt.datetime | None = None,
                   template: str | os.PathLike[str] | None = None) -> Path:
    """Write the committee's document atomically, in ``template`` (the region's .docx or .dotx; None: the
    default template); ``generated_at`` pins the one time it states."""
    return kit.save(build_document(consolidation, plan, generated_at=generated_at, template=template), path)


def build_document(c: Consolidation, plan: Plan, *, generated_at: dt.datetime | None = None,
                   template: str | os.PathLike[str] | None = None) -> DocxDocument:
    """The document in memory (python-docx)."""
    when = generated_at or dt.datetime.now().replace(microsecond=0)
    doc = kit.open_template(template)
    title = report_title(c)
    _set_properties(doc, c, title, when)
    _write_top(doc, c, title, when)
    _write_summary(doc, c)
    _write_goals(doc, c, plan)
    _write_years(doc, c)
    _write_assignments(doc, c)
    _write_economy(doc, c)
    _write_about(doc, c, plan)
    return doc


# --------------------------------------------------------------------------------------------
# Title and summary
# --------------------------------------------------------------------------------------------

def _set_properties(doc: DocxDocument, c: Consolidation, title: str, when: dt.datetime) -> None:
    """Title, subject, author, language; pinned times, so that the same inputs give the same content."""
    kit.set_properties(doc, title=title, subject=c.committee, author=td.AUTHOR)
    props = doc.core_properties
    # Core properties are UTC; a naive time is the local time of this machine.
    props.created = props.modified = when.astimezone(dt.UTC)
    props.revision = 1
    props.comments = props.keywords = props.category = ""


def _write_top(doc: DocxDocument, c: Consolidation, title: str, when: dt.datetime) -> None:
    kit.title(doc, title)
    p = text(doc, c.committee.strip(), bold=True)
    if c.committee.strip():
        kit.add_run(p, "\n")
    kit.add_run(p, td.SUBTITLE.format(year=c.year, period=c.period), bold=True)
    note(doc, td.FORECAST_NOTE.format(period=c.period) if asm.is_forecast(c.period) else td.FINAL_NOTE)
    if c.budget_is_example:
        note(doc, tx.EXAMPLE_NOTE, warn=True)
    note(doc, tx.GENERATED.format(when=when.strftime("%Y-%m-%d %H:%M"), identity=c.plan_identity))


def _write_summary(doc: DocxDocument, c: Consolidation) -> None:
    kit.heading(doc, td.HEADING_SUMMARY, 1)

    kit.heading(doc, tx.SUMMARY_GOALS, 2)
    statuses = list(Assessment)
    headers = [tx.SUMMARY_GOAL_HEADER] + [status_label(a, c) for a in statuses] + [
        tx.SUMMARY_SUGGESTED, tx.SUMMARY_VERDICT]
    fills = [None] + [styles.ASSESSMENT_COLOURS[a] for a in statuses] + [None, None]
    tbl = table(doc, SUMMARY_WIDTHS, headers, caption=td.SUMMARY_CAPTION, header_fills=fills)
    for g in c.goals:
        cells = row(tbl).cells
        cell(cells[0], tx.GOAL_TITLE.format(number=g.ref, title=g.title))
        for cell_, a in zip(cells[1:5], statuses):
            cell(cell_, str(g.counts[a]), align=CENTER)
        status(cells[5], g.suggested, status_label(g.suggested, c))
        a, word = verdict_word(g, c)
        status(cells[6], a, word)
    cells = row(tbl).cells
    cell(cells[0], tx.SUMMARY_TOTAL, bold=True)
    for cell_, a in zip(cells[1:5], statuses):
        cell(cell_, str(sum(g.counts[a] for g in c.goals)), bold=True, align=CENTER)
    spacer(doc)

    kit.heading(doc, tx.SUMMARY_SUBMISSIONS, 2)
    expected = len(c.unit_status)
    if not expected:
        text(doc, td.SUMMARY_RETURNS_NONE)
    else:
        text(doc, td.SUMMARY_RETURNS.format(accepted=len(c.accepted_units), expected=expected))
        conflict = [u for u in c.unit_status if u.state == "conflict"]
        for state, units in (("missing", c.missing_units), ("rejected", c.rejected_units), ("conflict", conflict)):
            if units:
                labelled(doc, tx.SUMMARY_SUBMISSION_ROWS[state] + ": ", ", ".join(u.unit_name for u in units) + ".")
        if c.missing_units or c.rejected_units or conflict:
            note(doc, td.SUMMARY_RETURNS_EFFECT)

    kit.heading(doc, tx.SUMMARY_ECONOMY, 2)
    if c.budget_is_example:
        note(doc, tc.EXAMPLE_BUDGET_NOTE, warn=True, keep=True)
    totals = _economy_totals(c)
    tbl = table(doc, ECONOMY_SUMMARY_WIDTHS, list(td.ECONOMY_SUMMARY_HEADERS.values()),
                caption=td.ECONOMY_SUMMARY_CAPTION)
    rows = tx.SUMMARY_ECONOMY_ROWS_YEAR_END if c.year_end else tx.SUMMARY_ECONOMY_ROWS
    lines = [(label, totals[key]) for key, label in rows.items()]
    if c.committee_frame_tkr is not None:
        lines.append((td.COMMITTEE_FRAME, c.committee_frame_tkr))
    for label, v in lines:
        cells = row(tbl).cells
        cell(cells[0], label)
        cell(cells[1], amount(v), align=RIGHT)
    keep_short_table_together(tbl)
    spacer(doc)
    _forecast_missing(doc, c)


def _economy_totals(c: Consolidation) -> dict[str, float | None]:
    """The committee's totals; a total over no reported figure is no figure ("–", not 0)."""
    totals = c.economy_totals()
    return {key: getattr(totals, key) if any(getattr(e, key) is not None for e in c.economy) else None
            for key in ("frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr")}


def _forecast_missing(doc: DocxDocument, c: Consolidation) -> None:
    """Which units lack the figure the frame is held against (the forecast; at the year end the outcome)."""
    without = [e.unit_name for e in c.economy if e.judged_tkr is None]
    none, some = (td.OUTCOME_NONE, td.OUTCOME_MISSING) if c.year_end else (td.FORECAST_NONE, td.FORECAST_MISSING)
    if without and len(without) == len(c.economy):
        note(doc, none)
    elif without:
        note(doc, some.format(names=", ".join(without)))


# --------------------------------------------------------------------------------------------
# Goals, sub-goals, indicators and the units' analyses
# --------------------------------------------------------------------------------------------

def _write_goals(doc: DocxDocument, c: Consolidation, plan: Plan) -> None:
    by_sub: dict[str, list[IndicatorResult]] = {}
    for r in c.indicators:
        by_sub.setdefault(r.indicator.sub_goal, []).append(r)
    for g in c.goals:
        kit.heading(doc, tx.GOAL_TITLE.format(number=g.ref, title=g.title), 1)
        if g.text:
            text(doc, g.text, italic=True, keep=True)
        subs = [s for s in c.sub_goals if (sg := plan.sub_goal(s.ref)) is not None and str(sg.goal) == g.ref]
        if not subs and g.verdict is None:
            note(doc, tx.NO_CONTENT)
            continue
        _verdict_table(doc, g, c, controller_row=True)
        for s in subs:
            kit.heading(doc, tx.SUB_GOAL_LABEL.format(id=s.ref), 2)
            if s.text:
                text(doc, s.text, keep=True)
            _verdict_table(doc, s, c, controller_row=s.verdict is not None)
            results = by_sub.get(s.ref, [])
            if not results:
                continue
            _indicator_table(doc, results, c, s.ref)
            due = [r for r in results if r.due and r.units]
            if due:
                kit.heading(doc, td.ANALYSES, 3)
                for r in due:
                    _analyses(doc, r, c)


def _verdict_table(doc: DocxDocument, v: VerdictResult, c: Consolidation, *, controller_row: bool) -> None:
    """The suggestion from the indicators and, clearly apart, the controller's verdict and motivation."""
    caption = td.VERDICT_CAPTION.format(what=tx.GOAL_TITLE.format(number=v.ref, title=v.title) if v.level == "goal"
                                        else tx.SUB_GOAL_LABEL.format(id=v.ref))
    tbl = table(doc, VERDICT_WIDTHS, list(td.VERDICT_HEADERS.values()), caption=caption)
    cells = row(tbl).cells
    cell(cells[0], td.VERDICT_SUGGESTED, bold=True)
    status(cells[1], v.suggested, status_label(v.suggested, c))
    cell(cells[2], counts_text(v, c))
    if controller_row:
        cells = row(tbl).cells
        cell(cells[0], td.VERDICT_CONTROLLER, bold=True)
        a, word = verdict_word(v, c)
        status(cells[1], a, word)
        if v.verdict is not None:
            p = cell(cells[2], td.MOTIVATION, bold=True)
            kit.add_run(p, v.verdict.motivation)
        else:
            cell(cells[2], tx.VERDICT_MISSING_NOTE.format(period=c.period), italic=True)
    kit.keep_table_together(tbl)
    spacer(doc)


def _indicator_table(doc: DocxDocument, results: list[IndicatorResult], c: Consolidation, sub_goal: str) -> None:
    """Per indicator: the baseline (left out at T3 when last year's outcome stands beside this year's), the target,
    the earlier values (the same period last year; at T3 the year's series), the outcome and the status."""
    h = td.INDICATOR_HEADERS
    past = past_headers(c)
    baseline = not (c.year_end and shows_last_year(c))
    headers = [h["name"], *([h["baseline"]] if baseline else []), h["target"].format(year=c.year), *past,
               outcome_header(c) if c.year_end else h["outcome"].format(period=c.period), h["status"]]
    if past:
        values = [VALUE_WIDTH] * (1 + int(baseline)) + [PAST_WIDTH] * len(past) + [VALUE_WIDTH, STATUS_WIDTH]
        widths: tuple[float, ...] = (round(DESIGN_WIDTH_CM - sum(values), 2), *values)
    else:
        widths = INDICATOR_WIDTHS
    caption = (td.INDICATOR_CAPTION_YEAR_END if c.year_end else td.INDICATOR_CAPTION).format(id=sub_goal)
    tbl = table(doc, widths, headers, caption=caption)
    for r in results:
        ind = r.indicator
        cells = iter(row(tbl).cells)
        first = next(cells)
        p = cell(first, f"{ind.id} ", bold=True)
        kit.add_run(p, ind.name)
        basis, incomplete = _basis(r, c)
        cell_note(first, basis, warn=incomplete)
        if ind.note:
            cell_note(first, tx.NOTE_PREFIX + ind.note)
        if baseline:
            if ind.baseline is None:
                cell(next(cells), ind.baseline_missing_reason or td.NO_VALUE,
                     italic=bool(ind.baseline_missing_reason), align=CENTER)
            else:
                cell(next(cells), value_text(ind.baseline, ind.kind, ind.decimals), align=CENTER)
        cell(next(cells), value_text(ind.target, ind.kind, ind.decimals), align=CENTER)
        for earlier in past_values(r, c):
            _past_cell(next(cells), earlier)
        cell(next(cells), value_text(r.value if r.due else None, ind.kind, ind.decimals), bold=True, align=CENTER)
        status(next(cells), r.status, status_label(r.status, c))
    spacer(doc)


def _past_cell(c_: _Cell, p: PastValue) -> None:
    """An earlier value as its own period's report showed it, or "–" with the reason under it in the table note
    style (small enough for a narrow column: "redovisas ej", "ej insamlad")."""
    if p.shown:
        cell(c_, value_text(p.value, p.kind, p.decimals), align=CENTER)
        return
    cell(c_, td.NO_VALUE, align=CENTER)
    cell_note(c_, gap_reason(p)).alignment = CENTER


def _basis(r: IndicatorResult, c: Consolidation) -> tuple[str, bool]:
    """The line under an indicator's name: what the outcome rests on and what it is compared with."""
    ind = r.indicator
    if not r.due:
        return tx.NOT_DUE.format(period=c.period, periodicity=ind.periodicity.text), False
    basis = basis_text(r, c)
    if asm.is_pro_rata(ind, c.period) and r.compared_with is not None:
        basis += td.COMPARED_VALUE.format(value=value_text(r.compared_with, ind.kind, ind.decimals))
    trend = trend_text(r)
    if trend:
        basis += td.TREND.format(trend=trend)
    reservation = past_note(r, c)
    if reservation:
        basis += " " + reservation
    return basis, basis_is_warning(r) or bool(reservation)


def _analyses(doc: DocxDocument, r: IndicatorResult, c: Consolidation) -> None:
    """The units' analyses of an indicator, only where given; then one line naming the units that gave none
    and those without an accepted return."""
    ind = r.indicator
    p = text(doc, keep=True)
    kit.add_run(p, f"{ind.id} {ind.name}", bold=True)
    given = [u for u in r.units if u.reported and (u.analysis or u.measures)]
    for u in given:
        _unit_analysis(doc, u, ind.kind, c)
    silent = [u.unit_name for u in r.units if u.reported and u not in given]
    absent = [u.unit_name for u in r.units if not u.reported]
    line = " ".join(([td.NO_ANALYSIS_FROM.format(names=", ".join(silent))] if silent else [])
                    + ([td.NO_RETURN_FROM.format(names=", ".join(absent))] if absent else []))
    if line:
        text(doc, line, style=td.STYLE_ANALYSIS, italic=True)


def _unit_analysis(doc: DocxDocument, u: UnitValue, kind: ValueKind, c: Consolidation) -> None:
    """The unit's name (with its value and own assessment), then its analysis as it wrote it."""
    p = text(doc, style=td.STYLE_ANALYSIS, keep=True)
    kit.add_run(p, u.unit_name, bold=True)
    value = value_text(u.value, kind)
    details = (td.UNIT_DETAILS.format(value=value, assessment=status_label(u.assessment, c).lower())
               if u.assessment is not None else td.UNIT_DETAILS_NO_ASSESSMENT.format(value=value))
    kit.add_run(p, td.UNIT_SEPARATOR + details)
    p.paragraph_format.space_after = Pt(0)
    if u.analysis:
        text(doc, u.analysis, style=td.STYLE_ANALYSIS)
    if u.measures:
        labelled(doc, td.MEASURES, u.measures, style=td.STYLE_ANALYSIS)


# --------------------------------------------------------------------------------------------
# The years compared (the Årsrapport)
# --------------------------------------------------------------------------------------------

def _write_years(doc: DocxDocument, c: Consolidation) -> None:
    """At T3, when the history holds earlier years: per indicator the year-end outcome of the latest years beside
    this year's, and this year's target (the workbook's sheet has every year)."""
    if not c.year_end or not c.history_years:
        return
    kit.heading(doc, td.HEADING_YEARS, 1)
    text(doc, td.YEARS_INTRO)
    years = year_columns(c)
    shown = years[-(td.YEARS_SHOWN + 1):]
    if len(shown) < len(years):
        note(doc, td.YEARS_MORE.format(n=len(years)))
    h = tx.YEARS_HEADERS
    widths = [VALUE_WIDTH] * (len(shown) + 1)
    tbl = table(doc, (round(DESIGN_WIDTH_CM - sum(widths), 2), *widths),
                [h["name"], *(h["year"].format(year=y) for y in shown), h["target"].format(year=c.year)],
                caption=td.YEARS_CAPTION)
    for r in c.indicators:
        ind = r.indicator
        cells = row(tbl).cells
        p = cell(cells[0], f"{ind.id} ", bold=True)
        kit.add_run(p, ind.name)
        reservation = years_note(r, c)
        if reservation:
            cell_note(cells[0], reservation, warn=True)
        values = dict(zip(years, year_values(r, c)))
        for cell_, y in zip(cells[1:], shown):
            _past_cell(cell_, values[y])
            if y == c.year and values[y].shown:
                cell_.paragraphs[0].runs[0].bold = True
        cell(cells[-1], value_text(ind.target, ind.kind, ind.decimals), align=CENTER)
    spacer(doc)


# --------------------------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------------------------

def _unit_status_word(u: AssignmentUnit) -> str:
    return assignment_status_text(u, td.NOT_REPORTED)


def _status_summary(a: AssignmentResult) -> str:
    """"Påbörjad 2, Genomförd 1, Ingen godkänd retur 2" in the scale's order."""
    counts: dict[str, int] = {}
    for u in a.units:
        word = _unit_status_word(u)
        counts[word] = counts.get(word, 0) + 1
    # The scale's order, then the statuses not updated this period, then no status.
    order = [*tc.ASSIGNMENT_STATUS.values(), *sorted(set(counts) - set(tc.ASSIGNMENT_STATUS.values())
                                                     - {tx.STATUS_MISSING, td.NOT_REPORTED}),
             tx.STATUS_MISSING, td.NOT_REPORTED]
    return "\n".join(td.STATUS_COUNT.format(status=w, n=counts[w]) for w in order if w in counts)


def _write_assignments(doc: DocxDocument, c: Consolidation) -> None:
    kit.heading(doc, td.HEADING_ASSIGNMENTS, 1)
    note(doc, tx.ASSIGNMENTS_NOTE.format(end=period_end(c.period).isoformat()))
    if not c.assignments:
        return
    tbl = table(doc, ASSIGNMENT_WIDTHS, list(td.ASSIGNMENTS_OVERVIEW_HEADERS.values()),
                caption=td.ASSIGNMENTS_CAPTION)
    for a in c.assignments:
        asg = a.assignment
        cells = row(tbl).cells
        cell(cells[0], asg.id, bold=True)
        cell(cells[1], asg.text.split("\n", 1)[0])
        cell(cells[2], asg.end_date.isoformat() if asg.end_date else td.NO_VALUE, align=CENTER)
        if not a.due:
            cell(cells[3], tx.ASSIGNMENT_NOT_DUE.format(period=c.period, periodicity=asg.periodicity.text),
                 italic=True)
            cell(cells[4], td.NO_VALUE, align=CENTER)
            continue
        cell(cells[3], _status_summary(a))
        _overdue_cell(cells[4], a.overdue)
    spacer(doc)

    for a in c.assignments:
        if not a.due:
            continue
        asg = a.assignment
        text(doc, td.ASSIGNMENT_HEADING.format(id=asg.id, text=asg.text), bold=True, keep=True)
        state = tc.ASSIGNMENT_STATUS[asg.status]
        info = (td.ASSIGNMENT_INFO.format(end=asg.end_date.isoformat(), status=state) if asg.end_date
                else td.ASSIGNMENT_INFO_NO_END.format(status=state))
        overdue = sum(u.overdue for u in a.units)
        if overdue:
            info += " " + td.OVERDUE_COUNT.format(n=overdue, total=len(a.units)) + "."
        note(doc, info, keep=True)
        if asg.plan_ahead:
            note(doc, asg.plan_ahead, keep=True)
        tbl = table(doc, ASSIGNMENT_UNIT_WIDTHS, list(td.ASSIGNMENT_UNIT_HEADERS.values()),
                    caption=td.ASSIGNMENT_UNITS_CAPTION.format(id=asg.id))
        for u in a.units:
            cells = row(tbl).cells
            cell(cells[0], u.unit_name)
            cell(cells[1], _unit_status_word(u), italic=not u.reported)
            _overdue_cell(cells[2], u.overdue)
            cell(cells[3], u.comment)
        spacer(doc)


def _overdue_cell(c: _Cell, overdue: bool) -> None:
    """Overdue in words: Ja (on the red of Ej uppfyllt) or Nej."""
    if overdue:
        cell(c, tc.YES, bold=True, fill=styles.BAD, align=CENTER)
    else:
        cell(c, tc.NO, align=CENTER)


# --------------------------------------------------------------------------------------------
# Economy
# --------------------------------------------------------------------------------------------

def _write_economy(doc: DocxDocument, c: Consolidation) -> None:
    """Per unit frame, outcome, forecast and deviation; at the year end (T3) the year's outcome against the frame,
    without a forecast."""
    kit.heading(doc, td.HEADING_ECONOMY, 1)
    note(doc, td.ECONOMY_NOTE_YEAR_END if c.year_end else td.ECONOMY_NOTE, keep=True)
    if c.budget_is_example:
        note(doc, tc.EXAMPLE_BUDGET_NOTE, warn=True, keep=True)
    headers = td.ECONOMY_HEADERS_YEAR_END if c.year_end else td.ECONOMY_HEADERS
    amounts = [k for k in headers if k.endswith("_tkr")]
    tbl = table(doc, ECONOMY_WIDTHS_YEAR_END if c.year_end else ECONOMY_WIDTHS, list(headers.values()),
                caption=td.ECONOMY_CAPTION_YEAR_END if c.year_end else td.ECONOMY_CAPTION)
    state_of = {u.unit_id: u.state for u in c.unit_status}
    for e in c.economy:
        cells = row(tbl).cells
        cell(cells[0], e.unit_name)
        for cell_, key in zip(cells[1:], amounts):
            cell(cell_, amount(getattr(e, key)), align=RIGHT)
        state = state_of.get(e.unit_id, ACCEPTED if e.reported else "missing")
        cell(cells[-1], tx.STATE[state], align=CENTER, fill=styles.RETURN_COLOURS[state] if state != ACCEPTED else None)
    totals = _economy_totals(c)
    cells = row(tbl).cells
    cell(cells[0], td.ECONOMY_TOTAL, bold=True)
    for cell_, key in zip(cells[1:], amounts):
        cell(cell_, amount(totals[key]), bold=True, align=RIGHT)
    keep_short_table_together(tbl)
    spacer(doc)
    if c.committee_frame_tkr is not None:
        text(doc, td.COMMITTEE_FRAME_LINE.format(
            frame=amount(c.committee_frame_tkr),
            difference=amount((totals["frame_tkr"] or 0.0) - c.committee_frame_tkr)))
    _forecast_missing(doc, c)

    commented = [e for e in c.economy if e.comment or e.events]
    if commented:
        kit.heading(doc, td.ECONOMY_COMMENTS, 2)
        for e in commented:
            text(doc, e.unit_name, bold=True, keep=True)
            if e.comment:
                labelled(doc, td.ECONOMY_COMMENT, e.comment, style=td.STYLE_ANALYSIS)
            if e.events:
                labelled(doc, td.ECONOMY_EVENTS, e.events, style=td.STYLE_ANALYSIS)


# --------------------------------------------------------------------------------------------
# About
# --------------------------------------------------------------------------------------------

def _write_about(doc: DocxDocument, c: Consolidation, plan: Plan) -> None:
    kit.heading(doc, td.HEADING_ABOUT, 1)
    text(doc, td.ABOUT_INTRO)
    for heading, explanation in rules(plan, td.ABOUT_REPLACED):
        labelled(doc, f"{heading}. ", explanation)
    note(doc, tx.ABOUT_PLAN.format(identity=c.plan_identity))
