"""The plan document: the nämndplan as the committee decides it, in the region's Word template.

In the seed's structure and wording (../shared/seed): the plan's own chapters and sections from the master's
sheet Plantexter (chapter 2 Inledning and whatever else the sheet holds), then what nplan writes from the
plan's tables:

- 3 Regionmål och uppföljning: the sheet's sections of chapter 3, then "3.N Regionfullmäktiges mål" with
  per goal its heading, the committee's formulation, its narrative and one table per delmål:
  Delmål | Indikatorer | Utfall ÅÅÅÅ | Mål ÅÅÅÅ | Periodicitet, cells as the plan writes them ("2 133",
  "2300", "40 %", "Svar saknas", "Tertial: aug, dec", empty where the plan is empty), the delmål's text in
  the first row only (no merged cells);
- 4 Uppdrag: "4.N Uppdrag från fullmäktige till nämnd", Status | Uppdrag | Periodicitet | Slutdatum;
- 5 Ekonomiska förutsättningar och budget: 5.1-5.4 with totals, the committee's total frame, net cost growth
  and the ceiling (the figures of ``toolkit.plan.budget.summarize_budget``, the same as the master's sheet
  5.4), and the example's note when the figures are invented.

Chapters are numbered as the seed numbers them (3, 4, 5 for what nplan writes); sections the sheet adds to a
chapter come first and nplan's own sections take the next numbers. One function per chapter and section, so
that the document is easy to extend. Every word is in ``toolkit.texts.plan_document``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document

from toolkit.core.model import Indicator, Plan, PlanText, SubGoal, TextKind
from toolkit.core.plantexts import Chapter, chapters, goal_texts
from toolkit.core.values import format_number, format_value
from toolkit.plan.budget import summarize_budget
from toolkit.report import document_docx as w
from toolkit.report import docx_kit as kit
from toolkit.texts import common as tc
from toolkit.texts import document as td
from toolkit.texts import master as tm
from toolkit.texts import plan_document as tpd

# Column widths drawn for a 17 cm text width (scaled to the template's), as the seed's tables are laid out.
SUB_GOAL_WIDTHS = (4.2, 5.5, 2.1, 2.0, 3.2)
ASSIGNMENT_WIDTHS = (2.4, 9.5, 2.8, 2.3)
MEASURE_WIDTHS = (8.4, 4.2, 2.4, 2.0)
PRIOR_WIDTHS = (10.0, 7.0)
CHANGE_WIDTHS = (4.2, 3.0, 7.4, 2.4)
FRAME_WIDTHS = (6.8, 3.4, 3.4, 3.4)
GOALS_CHAPTER, ASSIGNMENTS_CHAPTER, BUDGET_CHAPTER = 3, 4, 5


@dataclass
class PlanDocument:
    """The written plan document: where it is and the headings whose level had to be lifted (none in a
    sound plan; see ``docx_kit.heading_adjustments``)."""

    path: Path
    adjusted: list[tuple[str, int, int]] = field(default_factory=list)


def write_plan_document(plan: Plan, path: str | os.PathLike[str], *,
                        template: str | os.PathLike[str] | None = None) -> PlanDocument:
    """Write the plan document atomically, in ``template`` (the region's .docx or .dotx; None: the default)."""
    doc = build_plan_document(plan, template=template)
    return PlanDocument(kit.save(doc, path), kit.heading_adjustments(doc))


def build_plan_document(plan: Plan, *, template: str | os.PathLike[str] | None = None) -> Document:
    """The plan document in memory (python-docx)."""
    doc = kit.open_template(template)
    title = tpd.TITLE.format(year=plan.year)
    committee = plan.settings.committee.strip()
    kit.set_properties(doc, title=title, subject=tpd.SUBJECT.format(committee=committee, year=plan.year).strip(", "),
                       author=tpd.AUTHOR)
    _write_title(doc, plan, title)
    texts = chapters(plan.texts)
    writers: dict[int, Callable[[Document, Plan, Chapter], None]] = {
        GOALS_CHAPTER: _write_goals_chapter, ASSIGNMENTS_CHAPTER: _write_assignments_chapter,
        BUDGET_CHAPTER: _write_budget_chapter,
    }
    for number in sorted(set(texts) | set(writers)):
        chapter = texts.get(number, Chapter(number))
        _write_chapter_texts(doc, plan, chapter)
        if number in writers:
            writers[number](doc, plan, chapter)
    return doc


# --------------------------------------------------------------------------------------------
# Title and the sheet's texts
# --------------------------------------------------------------------------------------------

def _write_title(doc: Document, plan: Plan, title: str) -> None:
    kit.title(doc, title)
    if plan.settings.committee.strip():
        w.text(doc, plan.settings.committee.strip(), bold=True)


def _numbered(number: object, heading: str) -> str:
    return tpd.NUMBERED.format(number=number, text=heading).strip()


def _write_chapter_texts(doc: Document, plan: Plan, chapter: Chapter) -> None:
    """The chapter's heading, the blocks right under it and the sheet's sections of the chapter."""
    heading = chapter.heading or tpd.CHAPTER_HEADINGS.get(chapter.number, "").format(year=plan.year)
    kit.heading(doc, _numbered(chapter.number, heading), 1)
    _write_blocks(doc, chapter.blocks, level=1)
    for section in chapter.sections:
        kit.heading(doc, _numbered(section.number, section.heading), 2)
        _write_blocks(doc, section.blocks, level=2)


def _write_blocks(doc: Document, blocks: list[PlanText], *, level: int) -> None:
    """Blocks under a heading of ``level``: paragraphs, subheadings one level below, formulations set apart."""
    for block in blocks:
        if block.kind is TextKind.SUBHEADING:
            kit.heading(doc, block.text, min(level + 1, 4))
        elif block.kind is TextKind.FORMULATION:
            w.text(doc, block.text, style=td.STYLE_FORMULATION)
        else:
            w.text(doc, block.text)


def _next_section(chapter: Chapter, offset: int = 0) -> str:
    """The number of nplan's own section after the sheet's sections of the chapter: "3.3" after 3.1, 3.2."""
    return f"{chapter.number}.{chapter.last_section + 1 + offset}"


# --------------------------------------------------------------------------------------------
# 3 Regionmål och uppföljning
# --------------------------------------------------------------------------------------------

def _write_goals_chapter(doc: Document, plan: Plan, chapter: Chapter) -> None:
    kit.heading(doc, _numbered(_next_section(chapter), tpd.GOALS_SECTION), 2)
    for goal in plan.goals:
        kit.heading(doc, tpd.GOAL_HEADING.format(number=goal.number, title=goal.title), 3)
        if goal.formulation:
            w.text(doc, goal.formulation, style=td.STYLE_FORMULATION)
        _write_blocks(doc, goal_texts(plan.texts, goal.number), level=3)
        for sub in plan.sub_goals_of(goal.number):
            _sub_goal_table(doc, plan, sub)


def sub_goal_rows(plan: Plan, sub: SubGoal) -> tuple[list[str], list[list[str]]]:
    """A delmål's table as the seed lays it out: the header and one row per indicator, the delmål's text in
    the first row's first cell only, every other cell as the plan writes it."""
    indicators = plan.indicators_of(sub.id)
    year = baseline_year(indicators)
    h = tpd.SUB_GOAL_HEADERS
    header = [h["sub_goal"], h["indicator"], h["baseline"].format(year=year) if year else tpd.BASELINE_NO_YEAR,
              h["target"].format(year=plan.year), h["periodicity"]]
    rows = []
    for n, ind in enumerate(indicators):
        first = tpd.SUB_GOAL_CELL.format(id=sub.id, text=sub.text) if n == 0 else ""
        name = tpd.INDICATOR_WITH_NOTE.format(name=ind.name, note=ind.note) if ind.note else ind.name
        rows.append([first, name, _baseline_cell(ind, year), _written(ind.target, ind, ind.target_grouped),
                     ind.periodicity.text])
    return header, rows


def baseline_year(indicators: list[Indicator]) -> int | None:
    """The year a table's "Utfall ÅÅÅÅ" names: its indicators' baseline year (the most common one, the
    latest on a tie); None when no indicator has one."""
    years = Counter(i.baseline_year for i in indicators if i.baseline_year)
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


def _written(value: object, ind: Indicator, grouped: bool) -> str:
    """A baseline or target as the plan writes it: "2 133" or "2300", "40 %", "Ja"; empty when empty."""
    return format_value(value, ind.kind, grouped=grouped)


def _baseline_cell(ind: Indicator, year: int | None) -> str:
    text = _written(ind.baseline, ind, ind.baseline_grouped) or ind.baseline_missing_reason
    if text and ind.baseline_year and year and ind.baseline_year != year:
        return tpd.BASELINE_OF_YEAR.format(value=text, year=ind.baseline_year)
    return text


def _sub_goal_table(doc: Document, plan: Plan, sub: SubGoal) -> None:
    header, rows = sub_goal_rows(plan, sub)
    if not rows:
        rows = [[tpd.SUB_GOAL_CELL.format(id=sub.id, text=sub.text), "", "", "", ""]]
    year = baseline_year(plan.indicators_of(sub.id))
    tbl = w.table(doc, SUB_GOAL_WIDTHS, header, caption=tpd.SUB_GOAL_CAPTION.format(id=sub.id),
                  description=tpd.SUB_GOAL_DESCRIPTION.format(id=sub.id, baseline_year=year or "",
                                                             year=plan.year))
    for cells in rows:
        kit.add_row(tbl, cells)
    w.keep_short_table_together(tbl)
    w.spacer(doc)


# --------------------------------------------------------------------------------------------
# 4 Uppdrag
# --------------------------------------------------------------------------------------------

def assignment_rows(plan: Plan) -> tuple[list[str], list[list[str]]]:
    """The assignments' table: Status | Uppdrag | Periodicitet | Slutdatum, as the plan writes them."""
    rows = [[tc.ASSIGNMENT_STATUS[a.status], a.text, a.periodicity.text,
             a.end_date.isoformat() if a.end_date else ""] for a in plan.assignments]
    return list(tpd.ASSIGNMENT_HEADERS.values()), rows


def _write_assignments_chapter(doc: Document, plan: Plan, chapter: Chapter) -> None:
    kit.heading(doc, _numbered(_next_section(chapter), tpd.ASSIGNMENTS_SECTION), 2)
    header, rows = assignment_rows(plan)
    if not rows:
        w.text(doc, tpd.NO_ASSIGNMENTS)
        return
    tbl = w.table(doc, ASSIGNMENT_WIDTHS, header, caption=tpd.ASSIGNMENTS_CAPTION,
                  description=tpd.ASSIGNMENTS_DESCRIPTION)
    for cells in rows:
        kit.add_row(tbl, cells)
    w.spacer(doc)


# --------------------------------------------------------------------------------------------
# 5 Ekonomiska förutsättningar och budget
# --------------------------------------------------------------------------------------------

def _tkr(v: float | None) -> str:
    return tpd.NO_AMOUNT if v is None else format_number(v, 0)


def _percent(v: float) -> str:
    return f"{format_number(v * 100, 1)} %"


def _write_budget_chapter(doc: Document, plan: Plan, chapter: Chapter) -> None:
    if plan.budget.is_example:
        w.note(doc, tc.EXAMPLE_BUDGET_NOTE, warn=True)
    w.note(doc, tpd.AMOUNTS_NOTE)
    sections = (_measures, _prior_forecasts, _changes, _frames)
    for offset, (key, write) in enumerate(zip(tpd.BUDGET_SECTIONS, sections)):
        heading = tpd.BUDGET_SECTIONS[key].format(year=plan.year, previous=plan.year - 1)
        kit.heading(doc, _numbered(_next_section(chapter, offset), heading), 2)
        write(doc, plan)


def _names(plan: Plan) -> dict[str, str]:
    return {u.id: u.name for u in plan.units}


def _amount_table(doc: Document, widths: tuple[float, ...], headers: list[str], rows: list[list[str]],
                  total: list[str], caption: str, amount_columns: set[int]) -> None:
    """A budget table: its rows, the tkr columns right-aligned, and a bold total row."""
    tbl = w.table(doc, widths, headers, caption=caption)
    for cells in [*rows, total]:
        r = kit.add_row(tbl, cells)
        is_total = cells is total
        for i, c in enumerate(r.cells):
            if is_total or i in amount_columns:
                w.cell(c, cells[i], bold=is_total, align=w.RIGHT if i in amount_columns else None)
    w.keep_short_table_together(tbl)
    w.spacer(doc)


def _measures(doc: Document, plan: Plan) -> None:
    b, names = plan.budget, _names(plan)
    if not b.measures:
        w.text(doc, tpd.NO_MEASURES)
        return
    rows = [[m.text, names.get(m.unit, m.unit), _tkr(m.amount_tkr), m.status] for m in b.measures]
    total = [tpd.TOTAL, "", _tkr(summarize_budget(b).sum_measures), ""]
    _amount_table(doc, MEASURE_WIDTHS, list(tpd.MEASURE_HEADERS.values()), rows, total, tpd.MEASURES_CAPTION, {2})


def _prior_forecasts(doc: Document, plan: Plan) -> None:
    b, names, previous = plan.budget, _names(plan), plan.year - 1
    if not b.prior_forecasts:
        w.text(doc, tpd.NO_PRIOR.format(previous=previous))
        return
    rows = [[names.get(p.unit, p.unit), _tkr(p.forecast_tkr)] for p in b.prior_forecasts]
    headers = [h.format(previous=previous) for h in tpd.PRIOR_HEADERS.values()]
    _amount_table(doc, PRIOR_WIDTHS, headers, rows, [tpd.TOTAL, _tkr(b.sum_prior_forecasts)],
                  tpd.PRIOR_CAPTION.format(previous=previous), {1})


def _changes(doc: Document, plan: Plan) -> None:
    b, names = plan.budget, _names(plan)
    if not b.changes:
        w.text(doc, tpd.NO_CHANGES)
        return
    rows = [[names.get(c.unit, c.unit), tc.CHANGE_KIND[c.kind], c.text, _tkr(c.amount_tkr)] for c in b.changes]
    total = [tpd.TOTAL, "", "", _tkr(sum(c.amount_tkr or 0.0 for c in b.changes))]
    _amount_table(doc, CHANGE_WIDTHS, list(tpd.CHANGE_HEADERS.values()), rows, total,
                  tpd.CHANGES_CAPTION.format(previous=plan.year - 1, year=plan.year), {3})


def _frames(doc: Document, plan: Plan) -> None:
    b, names, year, previous = plan.budget, _names(plan), plan.year, plan.year - 1
    summary = summarize_budget(b)
    if b.frames:
        rows = [[names.get(r.unit, r.unit), _tkr(r.previous_tkr), _tkr(r.changes_tkr), _tkr(r.frame_tkr)]
                for r in summary.rows]
        total = [tpd.TOTAL, _tkr(b.sum_previous_frames), _tkr(sum(r.changes_tkr for r in summary.rows)),
                 _tkr(summary.sum_frames)]
        headers = [h.format(year=year, previous=previous) for h in tpd.FRAME_HEADERS.values()]
        _amount_table(doc, FRAME_WIDTHS, headers, rows, total, tpd.FRAMES_CAPTION.format(year=year), {1, 2, 3})
    else:
        w.text(doc, tpd.NO_FRAMES)
    if summary.total_frame_tkr is not None:
        difference = ""
        if abs(summary.difference) >= 0.5:
            difference = tpd.FRAMES_DIFFER.format(difference=format_number(summary.difference, 0))
        w.text(doc, tpd.COMMITTEE_FRAME.format(year=year, total=_tkr(summary.total_frame_tkr),
                                              frames=_tkr(summary.sum_frames), difference=difference))
    growth, ceiling = summary.net_cost_growth, summary.net_cost_ceiling
    if growth is None:
        if b.frames:
            w.text(doc, tpd.NET_COST_UNKNOWN.format(previous=previous))
    elif ceiling is None:
        w.text(doc, tpd.NET_COST_NO_CEILING.format(year=year, previous=previous, growth=_percent(growth)))
    else:
        verdict = tpd.WITHIN_CEILING if summary.net_cost_check == tm.CHECK_OK else tpd.ABOVE_CEILING
        w.text(doc, tpd.NET_COST.format(year=year, previous=previous, growth=_percent(growth),
                                       ceiling=_percent(ceiling), verdict=verdict))
