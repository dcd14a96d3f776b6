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
import io
import os
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.table import _Cell

from toolkit import excel
from toolkit.core.model import Assessment, Plan, ValueKind
from toolkit.excel import styles
from toolkit.report import assessment as asm
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
    NOTE_COLOR,
    WARN_COLOR,
    add_cell_note,
    add_heading,
    add_labelled,
    add_paragraph,
    add_row,
    add_spacer,
    add_text,
    amount,
    clean,
    keep_table_together,
    new_table,
    setup_document,
    value_text,
    write_cell,
    write_status,
)
from toolkit.report.wording import (
    assignment_status_text,
    basis_is_warning,
    basis_text,
    counts_text,
    report_title,
    rules,
    status_label,
    trend_text,
    verdict_word,
)
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx
from toolkit.texts import document as td

KEEP_TOGETHER_ROWS = 20  # a table up to this many rows is kept on one page
SUMMARY_WIDTHS = (4.4, 2.0, 2.0, 2.0, 2.0, 2.3, 2.3)
VERDICT_WIDTHS = (4.0, 3.2, 9.8)
INDICATOR_WIDTHS = (7.6, 2.1, 2.1, 2.2, 3.0)
ASSIGNMENT_WIDTHS = (1.1, 6.9, 2.5, 4.3, 2.2)
ASSIGNMENT_UNIT_WIDTHS = (4.6, 3.0, 2.2, 7.2)
ECONOMY_WIDTHS = (4.4, 2.6, 2.6, 2.6, 2.6, 2.2)
ECONOMY_SUMMARY_WIDTHS = (7.0, 3.0)


def write_document(consolidation: Consolidation, plan: Plan, path: str | os.PathLike[str], *,
                   generated_at: dt.datetime | None = None) -> Path:
    """Write the committee's document atomically; ``generated_at`` pins the one time it states."""
    doc = build_document(consolidation, plan, generated_at=generated_at)
    buffer = io.BytesIO()
    doc.save(buffer)
    return excel.write_atomic_bytes(buffer.getvalue(), path)


def build_document(c: Consolidation, plan: Plan, *, generated_at: dt.datetime | None = None) -> DocxDocument:
    """The document in memory (python-docx)."""
    when = generated_at or dt.datetime.now().replace(microsecond=0)
    doc = Document()
    title = report_title(c)
    setup_document(doc, c, title, when)
    _write_top(doc, c, title, when)
    _write_summary(doc, c)
    _write_goals(doc, c, plan)
    _write_assignments(doc, c)
    _write_economy(doc, c)
    _write_about(doc, c, plan)
    return doc


# --------------------------------------------------------------------------------------------
# Title and summary
# --------------------------------------------------------------------------------------------

def _write_top(doc: DocxDocument, c: Consolidation, title: str, when: dt.datetime) -> None:
    add_heading(doc, title, 0)
    p = add_text(doc, clean(c.committee).strip(), bold=True)
    if p.runs:
        p.runs[0].add_break()
    p.add_run(td.SUBTITLE.format(year=c.year, period=c.period)).bold = True
    note = td.FORECAST_NOTE.format(period=c.period) if asm.is_forecast(c.period) else td.FINAL_NOTE
    add_text(doc, note, style=td.STYLE_NOTE)
    if c.budget_is_example:
        add_text(doc, tx.EXAMPLE_NOTE, style=td.STYLE_NOTE, bold=True, color=WARN_COLOR)
    add_text(doc, tx.GENERATED.format(when=when.strftime("%Y-%m-%d %H:%M"), identity=c.plan_identity),
             style=td.STYLE_NOTE)


def _write_summary(doc: DocxDocument, c: Consolidation) -> None:
    add_heading(doc, td.HEADING_SUMMARY, 1)

    add_heading(doc, tx.SUMMARY_GOALS, 2)
    statuses = list(Assessment)
    headers = [tx.SUMMARY_GOAL_HEADER] + [status_label(a, c) for a in statuses] + [
        tx.SUMMARY_SUGGESTED, tx.SUMMARY_VERDICT]
    fills = [None] + [styles.ASSESSMENT_COLOURS[a] for a in statuses] + [None, None]
    table = new_table(doc, SUMMARY_WIDTHS, headers, fills, header_size=7.5)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for g in c.goals:
        cells = add_row(table).cells
        write_cell(cells[0], tx.GOAL_TITLE.format(number=g.ref, title=g.title))
        for cell, a in zip(cells[1:5], statuses):
            write_cell(cell, str(g.counts[a]), align=center)
        write_status(cells[5], g.suggested, status_label(g.suggested, c))
        a, word = verdict_word(g, c)
        write_status(cells[6], a, word)
    cells = add_row(table).cells
    write_cell(cells[0], tx.SUMMARY_TOTAL, bold=True)
    for cell, a in zip(cells[1:5], statuses):
        write_cell(cell, str(sum(g.counts[a] for g in c.goals)), bold=True, align=center)

    add_heading(doc, tx.SUMMARY_SUBMISSIONS, 2)
    expected = len(c.unit_status)
    if not expected:
        add_text(doc, td.SUMMARY_RETURNS_NONE)
    else:
        add_text(doc, td.SUMMARY_RETURNS.format(accepted=len(c.accepted_units), expected=expected))
        for state, units in (("missing", c.missing_units), ("rejected", c.rejected_units)):
            if units:
                add_labelled(doc, tx.SUMMARY_SUBMISSION_ROWS[state] + ": ",
                             ", ".join(clean(u.unit_name) for u in units) + ".")
        if c.missing_units or c.rejected_units:
            add_text(doc, td.SUMMARY_RETURNS_EFFECT, style=td.STYLE_NOTE)

    add_heading(doc, tx.SUMMARY_ECONOMY, 2)
    if c.budget_is_example:
        add_text(doc, tc.EXAMPLE_BUDGET_NOTE, style=td.STYLE_NOTE, bold=True, color=WARN_COLOR)
    totals = _economy_totals(c)
    table = new_table(doc, ECONOMY_SUMMARY_WIDTHS)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    lines = [(text, totals[key]) for key, text in tx.SUMMARY_ECONOMY_ROWS.items()]
    if c.committee_frame_tkr is not None:
        lines.append((td.COMMITTEE_FRAME, c.committee_frame_tkr))
    for label_text, v in lines:
        cells = add_row(table).cells
        write_cell(cells[0], label_text)
        write_cell(cells[1], amount(v), align=right)
    keep_table_together(table)
    add_spacer(doc)
    _forecast_missing(doc, c)


def _economy_totals(c: Consolidation) -> dict[str, float | None]:
    """The committee's totals; a total over no reported figure is no figure ("–", not 0)."""
    totals = c.economy_totals()
    return {key: getattr(totals, key) if any(getattr(e, key) is not None for e in c.economy) else None
            for key in ("frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr")}


def _forecast_missing(doc: DocxDocument, c: Consolidation) -> None:
    without = [e.unit_name for e in c.economy if e.forecast_tkr is None]
    if without and len(without) == len(c.economy):
        add_text(doc, td.FORECAST_NONE, style=td.STYLE_NOTE)
    elif without:
        add_text(doc, td.FORECAST_MISSING.format(names=", ".join(clean(n) for n in without)),
                 style=td.STYLE_NOTE)


# --------------------------------------------------------------------------------------------
# Goals, sub-goals, indicators and the units' analyses
# --------------------------------------------------------------------------------------------

def _write_goals(doc: DocxDocument, c: Consolidation, plan: Plan) -> None:
    by_sub: dict[str, list[IndicatorResult]] = {}
    for r in c.indicators:
        by_sub.setdefault(r.indicator.sub_goal, []).append(r)
    for g in c.goals:
        add_heading(doc, tx.GOAL_TITLE.format(number=g.ref, title=g.title), 1)
        if g.text:
            add_text(doc, g.text, italic=True, keep=True)
        subs = [s for s in c.sub_goals if (sg := plan.sub_goal(s.ref)) is not None and str(sg.goal) == g.ref]
        if not subs and g.verdict is None:
            add_text(doc, tx.NO_CONTENT, style=td.STYLE_NOTE)
            continue
        _verdict_table(doc, g, c, controller_row=True)
        for s in subs:
            add_heading(doc, tx.SUB_GOAL_LABEL.format(id=s.ref), 2)
            if s.text:
                add_text(doc, s.text, keep=True)
            _verdict_table(doc, s, c, controller_row=s.verdict is not None)
            results = by_sub.get(s.ref, [])
            if not results:
                continue
            _indicator_table(doc, results, c)
            due = [r for r in results if r.due and r.units]
            if due:
                add_heading(doc, td.ANALYSES, 3)
                for r in due:
                    _analyses(doc, r, c)


def _verdict_table(doc: DocxDocument, v: VerdictResult, c: Consolidation, *, controller_row: bool) -> None:
    """The suggestion from the indicators and, clearly apart, the controller's verdict and motivation."""
    table = new_table(doc, VERDICT_WIDTHS)
    cells = add_row(table).cells
    write_cell(cells[0], td.VERDICT_SUGGESTED, bold=True)
    write_status(cells[1], v.suggested, status_label(v.suggested, c))
    write_cell(cells[2], counts_text(v, c))
    if controller_row:
        cells = add_row(table).cells
        write_cell(cells[0], td.VERDICT_CONTROLLER, bold=True)
        a, word = verdict_word(v, c)
        write_status(cells[1], a, word)
        if v.verdict is not None:
            p = write_cell(cells[2], td.MOTIVATION, bold=True)
            p.add_run(clean(v.verdict.motivation))
        else:
            write_cell(cells[2], tx.VERDICT_MISSING_NOTE.format(period=c.period), italic=True)
    keep_table_together(table)
    add_spacer(doc)


def _indicator_table(doc: DocxDocument, results: list[IndicatorResult], c: Consolidation) -> None:
    h = td.INDICATOR_HEADERS
    headers = [h["name"], h["baseline"], h["target"].format(year=c.year), h["outcome"].format(period=c.period),
               h["status"]]
    table = new_table(doc, INDICATOR_WIDTHS, headers)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for r in results:
        ind = r.indicator
        cells = add_row(table).cells
        p = write_cell(cells[0], f"{ind.id} ", bold=True)
        p.add_run(clean(ind.name))
        basis, incomplete = _basis(r, c)
        add_cell_note(cells[0], basis, warn=incomplete)
        if ind.note:
            add_cell_note(cells[0], tx.NOTE_PREFIX + ind.note)
        if ind.baseline is None:
            write_cell(cells[1], ind.baseline_missing_reason or td.NO_VALUE, italic=bool(ind.baseline_missing_reason),
                       align=center)
        else:
            write_cell(cells[1], value_text(ind.baseline, ind.kind, ind.decimals), align=center)
        write_cell(cells[2], value_text(ind.target, ind.kind, ind.decimals), align=center)
        write_cell(cells[3], value_text(r.value if r.due else None, ind.kind, ind.decimals), bold=True, align=center)
        write_status(cells[4], r.status, status_label(r.status, c))
    add_spacer(doc)


def _basis(r: IndicatorResult, c: Consolidation) -> tuple[str, bool]:
    """The line under an indicator's name: what the outcome rests on and what it is compared with."""
    ind = r.indicator
    if not r.due:
        return tx.NOT_DUE.format(period=c.period, periodicity=ind.periodicity.text), False
    text = basis_text(r, c)
    if asm.is_pro_rata(ind, c.period) and r.compared_with is not None:
        text += td.COMPARED_VALUE.format(value=value_text(r.compared_with, ind.kind, ind.decimals))
    trend = trend_text(r)
    if trend:
        text += td.TREND.format(trend=trend)
    return text, basis_is_warning(r)


def _analyses(doc: DocxDocument, r: IndicatorResult, c: Consolidation) -> None:
    ind = r.indicator
    p = add_text(doc, keep=True)
    p.add_run(f"{ind.id} ").bold = True
    p.add_run(clean(ind.name)).bold = True
    for u in r.units:
        _unit_analysis(doc, u, ind.kind, c)


def _unit_analysis(doc: DocxDocument, u: UnitValue, kind: ValueKind, c: Consolidation) -> None:
    """The unit's name (with its value and own assessment), then its analysis as it wrote it."""
    p = add_paragraph(doc, td.STYLE_ANALYSIS)
    p.add_run(clean(u.unit_name)).bold = True
    if not u.reported:
        p.add_run(td.UNIT_SEPARATOR)
        p.add_run(tx.UNIT_NOT_REPORTED).italic = True
        return
    value = value_text(u.value, kind)
    details = (td.UNIT_DETAILS.format(value=value, assessment=status_label(u.assessment, c).lower())
               if u.assessment is not None else td.UNIT_DETAILS_NO_ASSESSMENT.format(value=value))
    p.add_run(td.UNIT_SEPARATOR + details)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_after = Pt(0)
    if u.analysis:
        add_text(doc, u.analysis, style=td.STYLE_ANALYSIS)
    else:
        add_text(doc, td.UNIT_NO_ANALYSIS, style=td.STYLE_ANALYSIS, italic=True, color=NOTE_COLOR)
    if u.measures:
        add_labelled(doc, td.MEASURES, u.measures, style=td.STYLE_ANALYSIS)


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
    add_heading(doc, td.HEADING_ASSIGNMENTS, 1)
    add_text(doc, tx.ASSIGNMENTS_NOTE.format(end=period_end(c.period).isoformat()), style=td.STYLE_NOTE)
    if not c.assignments:
        return
    h = td.ASSIGNMENTS_OVERVIEW_HEADERS
    table = new_table(doc, ASSIGNMENT_WIDTHS, list(h.values()))
    center = WD_ALIGN_PARAGRAPH.CENTER
    for a in c.assignments:
        asg = a.assignment
        cells = add_row(table).cells
        write_cell(cells[0], asg.id, bold=True)
        write_cell(cells[1], asg.text.split("\n", 1)[0])
        write_cell(cells[2], asg.end_date.isoformat() if asg.end_date else td.NO_VALUE, align=center)
        if not a.due:
            write_cell(cells[3], tx.ASSIGNMENT_NOT_DUE.format(period=c.period, periodicity=asg.periodicity.text),
                       italic=True)
            write_cell(cells[4], td.NO_VALUE, align=center)
            continue
        write_cell(cells[3], _status_summary(a))
        _overdue_cell(cells[4], a.overdue)
    add_spacer(doc)

    for a in c.assignments:
        if not a.due:
            continue
        asg = a.assignment
        add_text(doc, td.ASSIGNMENT_HEADING.format(id=asg.id, text=clean(asg.text)), bold=True, keep=True)
        status = tc.ASSIGNMENT_STATUS[asg.status]
        info = (td.ASSIGNMENT_INFO.format(end=asg.end_date.isoformat(), status=status) if asg.end_date
                else td.ASSIGNMENT_INFO_NO_END.format(status=status))
        overdue = sum(u.overdue for u in a.units)
        if overdue:
            info += " " + td.OVERDUE_COUNT.format(n=overdue, total=len(a.units)) + "."
        add_text(doc, info, style=td.STYLE_NOTE, keep=True)
        if asg.plan_ahead:
            add_text(doc, asg.plan_ahead, style=td.STYLE_NOTE, keep=True)
        table = new_table(doc, ASSIGNMENT_UNIT_WIDTHS, list(td.ASSIGNMENT_UNIT_HEADERS.values()))
        for u in a.units:
            cells = add_row(table).cells
            write_cell(cells[0], u.unit_name)
            write_cell(cells[1], _unit_status_word(u), italic=not u.reported)
            _overdue_cell(cells[2], u.overdue)
            write_cell(cells[3], u.comment)
        add_spacer(doc)


def _overdue_cell(cell: _Cell, overdue: bool) -> None:
    """Overdue in words: Ja (on the red of Ej uppfyllt) or Nej."""
    if overdue:
        write_cell(cell, tc.YES, bold=True, fill=styles.BAD,
                   align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        write_cell(cell, tc.NO, align=WD_ALIGN_PARAGRAPH.CENTER)


# --------------------------------------------------------------------------------------------
# Economy
# --------------------------------------------------------------------------------------------

def _write_economy(doc: DocxDocument, c: Consolidation) -> None:
    add_heading(doc, td.HEADING_ECONOMY, 1)
    add_text(doc, td.ECONOMY_NOTE, style=td.STYLE_NOTE, keep=True)
    if c.budget_is_example:
        add_text(doc, tc.EXAMPLE_BUDGET_NOTE, style=td.STYLE_NOTE, bold=True, color=WARN_COLOR, keep=True)
    table = new_table(doc, ECONOMY_WIDTHS, list(td.ECONOMY_HEADERS.values()))
    right, center = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER
    state_of = {u.unit_id: u.state for u in c.unit_status}
    for e in c.economy:
        cells = add_row(table).cells
        write_cell(cells[0], e.unit_name)
        for cell, v in zip(cells[1:5], (e.frame_tkr, e.outcome_tkr, e.forecast_tkr, e.deviation_tkr)):
            write_cell(cell, amount(v), align=right)
        state = state_of.get(e.unit_id, ACCEPTED if e.reported else "missing")
        write_cell(cells[5], tx.STATE[state], align=center,
                   fill=styles.RETURN_COLOURS[state] if state != ACCEPTED else None)
    totals = _economy_totals(c)
    cells = add_row(table).cells
    write_cell(cells[0], td.ECONOMY_TOTAL, bold=True)
    for cell, key in zip(cells[1:5], ("frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr")):
        write_cell(cell, amount(totals[key]), bold=True, align=right)
    if len(table.rows) <= KEEP_TOGETHER_ROWS:
        keep_table_together(table)
    add_spacer(doc)
    if c.committee_frame_tkr is not None:
        add_text(doc, td.COMMITTEE_FRAME_LINE.format(
            frame=amount(c.committee_frame_tkr),
            difference=amount((totals["frame_tkr"] or 0.0) - c.committee_frame_tkr)))
    _forecast_missing(doc, c)

    commented = [e for e in c.economy if e.comment or e.events]
    if commented:
        add_heading(doc, td.ECONOMY_COMMENTS, 2)
        for e in commented:
            add_text(doc, e.unit_name, bold=True, keep=True)
            if e.comment:
                add_labelled(doc, td.ECONOMY_COMMENT, e.comment, style=td.STYLE_ANALYSIS)
            if e.events:
                add_labelled(doc, td.ECONOMY_EVENTS, e.events, style=td.STYLE_ANALYSIS)


# --------------------------------------------------------------------------------------------
# About
# --------------------------------------------------------------------------------------------

def _write_about(doc: DocxDocument, c: Consolidation, plan: Plan) -> None:
    add_heading(doc, td.HEADING_ABOUT, 1)
    add_text(doc, td.ABOUT_INTRO)
    for heading, text in rules(plan, td.ABOUT_REPLACED):
        add_labelled(doc, f"{heading}. ", text)
    add_text(doc, tx.ABOUT_PLAN.format(identity=c.plan_identity), style=td.STYLE_NOTE)
