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
import re
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.styles import styleId_from_name
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from toolkit import excel
from toolkit.core.model import Assessment, Plan, Value, ValueKind
from toolkit.core.values import format_number, format_value
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
from toolkit.report.wording import counts_text, report_title, status_label, trend_text, verdict_word
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx
from toolkit.texts import document as td

# Characters XML 1.0 cannot hold (pasted from other programs); tab, newline and carriage return can.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NBSP = "\u00a0"  # keeps "1 234" and "40 %" on one line
FONT = "Calibri"

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN = Cm(2.0)
TEXT_WIDTH_CM = 17.0
CELL_MARGIN_TWIPS = 70  # 0.12 cm
KEEP_TOGETHER_ROWS = 20  # a table up to this many rows is kept on one page
NOTE_COLOR = RGBColor.from_string(styles.NOTE_COLOUR)
WARN_COLOR = RGBColor.from_string(styles.WARN_COLOUR)

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
    _setup(doc, c, title, when)
    _write_top(doc, c, title, when)
    _write_summary(doc, c)
    _write_goals(doc, c, plan)
    _write_assignments(doc, c)
    _write_economy(doc, c)
    _write_about(doc, c, plan)
    return doc


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------

def clean(text: object) -> str:
    """A text safe for the document: XML-illegal control characters dropped, line ends as newlines."""
    s = "" if text is None else str(text)
    return _XML_ILLEGAL.sub("", s.replace("\r\n", "\n").replace("\r", "\n"))


def _nbsp(text: str) -> str:
    return text.replace(" ", NBSP)


def amount(v: float | None) -> str:
    """tkr the Swedish way: "1 234" (no-break space), "–" when missing."""
    return td.NO_VALUE if v is None else _nbsp(format_number(v, 0))


def value_text(value: Value, kind: ValueKind) -> str:
    """An indicator value as a reader expects it: "2 133", "40 %", "Ja", "12,5"; "–" when missing."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return td.NO_VALUE
    if isinstance(value, str) and kind is not ValueKind.YESNO:
        return clean(value)
    if kind is ValueKind.TEXT:
        return clean(format_value(value, kind))
    return _nbsp(format_value(value, kind))


# --------------------------------------------------------------------------------------------
# Document helpers
# --------------------------------------------------------------------------------------------

def _setup(doc: DocxDocument, c: Consolidation, title: str, when: dt.datetime) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.footer_distance = Cm(1.0)

    styles = doc.styles
    # Swedish for spelling and hyphenation in Word.
    rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "sv-SE")

    normal = styles["Normal"]
    # Named, not only the theme's font: LibreOffice falls back to a serif face for a theme font it lacks.
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1

    table_style = styles.add_style(td.STYLE_TABLE, WD_STYLE_TYPE.PARAGRAPH)
    table_style.base_style = normal
    table_style.font.size = Pt(9)
    fmt = table_style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(1), Pt(1), 1.0

    table_note = styles.add_style(td.STYLE_TABLE_NOTE, WD_STYLE_TYPE.PARAGRAPH)
    table_note.base_style = table_style
    table_note.font.size = Pt(8)
    table_note.font.italic = True
    table_note.font.color.rgb = NOTE_COLOR

    note = styles.add_style(td.STYLE_NOTE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(9)
    note.font.italic = True
    note.font.color.rgb = NOTE_COLOR

    styles["Title"].font.size = Pt(22)

    analysis = styles.add_style(td.STYLE_ANALYSIS, WD_STYLE_TYPE.PARAGRAPH)
    analysis.base_style = normal
    analysis.paragraph_format.left_indent = Cm(0.6)
    analysis.paragraph_format.space_after = Pt(4)
    for style in (table_style, table_note, note, analysis):
        assert style.style_id == styleId_from_name(style.name)  # what _set_style relies on

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer_title = title
    if c.committee.strip():
        footer_title = td.FOOTER_TITLE.format(title=title, committee=clean(c.committee))
    footer.add_run(td.FOOTER.format(title=footer_title)).font.size = Pt(8)
    _field(footer, "PAGE")
    footer.add_run(td.FOOTER_OF).font.size = Pt(8)
    _field(footer, "NUMPAGES")

    # Pinned, so that the same inputs give the same content.
    props = doc.core_properties
    props.title = title
    props.subject = clean(c.committee)
    props.author = props.last_modified_by = "nplan"
    # Core properties are UTC; a naive time is the local time of this machine.
    props.created = props.modified = when.astimezone(dt.UTC)
    props.revision = 1
    props.language = "sv-SE"
    props.comments = props.keywords = props.category = ""


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A simple field (page number, page count) that Word and LibreOffice fill in."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    rpr.append(size)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def _paragraph(doc: DocxDocument, text: str = "", *, style: str | None = None, bold: bool = False,
               italic: bool = False, color: RGBColor | None = None, keep: bool = False) -> Paragraph:
    p = _add_paragraph(doc, style)
    if text:
        run = p.add_run(clean(text))
        run.bold = bold or None
        run.italic = italic or None
        if color is not None:
            run.font.color.rgb = color
    if keep:
        p.paragraph_format.keep_with_next = True
    return p


def _labelled(doc: DocxDocument, label: str, text: str, *, style: str | None = None,
              keep: bool = False) -> Paragraph:
    """A paragraph: a bold label, then text as it came."""
    p = _add_paragraph(doc, style)
    p.add_run(clean(label)).bold = True
    p.add_run(clean(text))
    if keep:
        p.paragraph_format.keep_with_next = True
    return p


def _heading(doc: DocxDocument, text: str, level: int) -> Paragraph:
    p = _add_paragraph(doc, "Title" if level == 0 else f"Heading {level}")
    p.add_run(clean(text))
    return p


def _add_paragraph(container: DocxDocument | _Cell, style: str | None = None) -> Paragraph:
    """A new paragraph in a style given by name. The style id is set directly: python-docx's lookup by
    name scans every style of the template, which made it the bulk of the time for large reports."""
    p = container.add_paragraph()
    if style is not None:
        _set_style(p, style)
    return p


def _set_style(p: Paragraph, style: str) -> None:
    p._p.style = styleId_from_name(style)


def _shade(cell: _Cell, rgb: str) -> None:
    """Fill a cell (the status colours read in grey print too; the word is always there)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), rgb)
    # Schema order: shd comes after tcW/gridSpan/vMerge/tcBorders and before noWrap/vAlign.
    after = [qn(n) for n in ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                             "w:hideMark")]
    successor = next((e for e in tc_pr if e.tag in after), None)
    if successor is not None:
        successor.addprevious(shd)
    else:
        tc_pr.append(shd)


def _row_properties(row: _Row, *, header: bool = False) -> None:
    """Rows never split over a page; a header row repeats on every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def _table(doc: DocxDocument, widths: Sequence[float], headers: Sequence[str] | None = None,
           header_fills: Sequence[str | None] | None = None, header_size: float | None = None) -> Table:
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    _cell_margins(table, CELL_MARGIN_TWIPS)
    if headers is not None:
        row = table.add_row()
        _row_properties(row, header=True)
        fills = header_fills or [None] * len(headers)
        for cell, text, fill in zip(row.cells, headers, fills):
            p = _write(cell, text, bold=True, fill=fill or styles.GOAL_BAND)
            if header_size is not None:
                for run in p.runs:
                    run.font.size = Pt(header_size)
    return table


def _cell_margins(table: Table, twips: int) -> None:
    """Narrower left and right cell margins than Word's default (0.19 cm): more room for words."""
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    look = tbl_pr.find(qn("w:tblLook"))  # schema order: tblCellMar comes right before tblLook
    if look is not None:
        look.addprevious(mar)
    else:
        tbl_pr.append(mar)


def _add_row(table: Table) -> _Row:
    row = table.add_row()
    _row_properties(row)
    return row


def _write(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False, fill: str | None = None,
           align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
    """The cell's first paragraph gets the text (as text); returns it."""
    p = cell.paragraphs[0]
    _set_style(p, td.STYLE_TABLE)
    if text:
        run = p.add_run(clean(text))
        run.bold = bold or None
        run.italic = italic or None
    if align is not None:
        p.alignment = align
    if fill:
        _shade(cell, fill)
    return p


def _status_cell(cell: _Cell, a: Assessment, word: str) -> None:
    _write(cell, word, fill=styles.ASSESSMENT_COLOURS[a], align=WD_ALIGN_PARAGRAPH.CENTER)


def _cell_note(cell: _Cell, text: str, *, warn: bool = False) -> None:
    p = _add_paragraph(cell, td.STYLE_TABLE_NOTE)
    run = p.add_run(clean(text))
    if warn:
        run.bold = True
        run.font.color.rgb = WARN_COLOR


def _keep_table_together(table: Table) -> None:
    """Keep a short table on one page (Word: keep every row's paragraphs with the next)."""
    rows = table.rows
    for row in rows[:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


# --------------------------------------------------------------------------------------------
# Title and summary
# --------------------------------------------------------------------------------------------

def _write_top(doc: DocxDocument, c: Consolidation, title: str, when: dt.datetime) -> None:
    _heading(doc, title, 0)
    p = _paragraph(doc, clean(c.committee).strip(), bold=True)
    if p.runs:
        p.runs[0].add_break()
    p.add_run(td.SUBTITLE.format(year=c.year, period=c.period)).bold = True
    note = td.FORECAST_NOTE.format(period=c.period) if asm.is_forecast(c.period) else td.FINAL_NOTE
    _paragraph(doc, note, style=td.STYLE_NOTE)
    if c.budget_is_example:
        _paragraph(doc, tx.EXAMPLE_NOTE, style=td.STYLE_NOTE, bold=True, color=WARN_COLOR)
    _paragraph(doc, tx.GENERATED.format(when=when.strftime("%Y-%m-%d %H:%M"), identity=c.plan_identity),
               style=td.STYLE_NOTE)


def _write_summary(doc: DocxDocument, c: Consolidation) -> None:
    _heading(doc, td.HEADING_SUMMARY, 1)

    _heading(doc, tx.SUMMARY_GOALS, 2)
    statuses = list(Assessment)
    headers = [tx.SUMMARY_GOAL_HEADER] + [status_label(a, c) for a in statuses] + [
        tx.SUMMARY_SUGGESTED, tx.SUMMARY_VERDICT]
    fills = [None] + [styles.ASSESSMENT_COLOURS[a] for a in statuses] + [None, None]
    table = _table(doc, SUMMARY_WIDTHS, headers, fills, header_size=7.5)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for g in c.goals:
        cells = _add_row(table).cells
        _write(cells[0], tx.GOAL_TITLE.format(number=g.ref, title=g.title))
        for cell, a in zip(cells[1:5], statuses):
            _write(cell, str(g.counts[a]), align=center)
        _status_cell(cells[5], g.suggested, status_label(g.suggested, c))
        a, word = verdict_word(g, c)
        _status_cell(cells[6], a, word)
    cells = _add_row(table).cells
    _write(cells[0], tx.SUMMARY_TOTAL, bold=True)
    for cell, a in zip(cells[1:5], statuses):
        _write(cell, str(sum(g.counts[a] for g in c.goals)), bold=True, align=center)

    _heading(doc, tx.SUMMARY_SUBMISSIONS, 2)
    expected = len(c.unit_status)
    if not expected:
        _paragraph(doc, td.SUMMARY_RETURNS_NONE)
    else:
        _paragraph(doc, td.SUMMARY_RETURNS.format(accepted=len(c.accepted_units), expected=expected))
        for state, units in (("missing", c.missing_units), ("rejected", c.rejected_units)):
            if units:
                _labelled(doc, tx.SUMMARY_SUBMISSION_ROWS[state] + ": ",
                          ", ".join(clean(u.unit_name) for u in units) + ".")
        if c.missing_units or c.rejected_units:
            _paragraph(doc, td.SUMMARY_RETURNS_EFFECT, style=td.STYLE_NOTE)

    _heading(doc, tx.SUMMARY_ECONOMY, 2)
    if c.budget_is_example:
        _paragraph(doc, tc.EXAMPLE_BUDGET_NOTE, style=td.STYLE_NOTE, bold=True, color=WARN_COLOR)
    totals = _economy_totals(c)
    table = _table(doc, ECONOMY_SUMMARY_WIDTHS)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    lines = [(text, totals[key]) for key, text in tx.SUMMARY_ECONOMY_ROWS.items()]
    if c.committee_frame_tkr is not None:
        lines.append((td.COMMITTEE_FRAME, c.committee_frame_tkr))
    for label_text, v in lines:
        cells = _add_row(table).cells
        _write(cells[0], label_text)
        _write(cells[1], amount(v), align=right)
    _keep_table_together(table)
    _spacer(doc)
    _forecast_missing(doc, c)


def _economy_totals(c: Consolidation) -> dict[str, float | None]:
    """The committee's totals; a total over no reported figure is no figure ("–", not 0)."""
    totals = c.economy_totals()
    return {key: getattr(totals, key) if any(getattr(e, key) is not None for e in c.economy) else None
            for key in ("frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr")}


def _forecast_missing(doc: DocxDocument, c: Consolidation) -> None:
    without = [e.unit_name for e in c.economy if e.forecast_tkr is None]
    if without and len(without) == len(c.economy):
        _paragraph(doc, td.FORECAST_NONE, style=td.STYLE_NOTE)
    elif without:
        _paragraph(doc, td.FORECAST_MISSING.format(names=", ".join(clean(n) for n in without)),
                   style=td.STYLE_NOTE)


# --------------------------------------------------------------------------------------------
# Goals, sub-goals, indicators and the units' analyses
# --------------------------------------------------------------------------------------------

def _write_goals(doc: DocxDocument, c: Consolidation, plan: Plan) -> None:
    by_sub: dict[str, list[IndicatorResult]] = {}
    for r in c.indicators:
        by_sub.setdefault(r.indicator.sub_goal, []).append(r)
    for g in c.goals:
        _heading(doc, tx.GOAL_TITLE.format(number=g.ref, title=g.title), 1)
        if g.text:
            _paragraph(doc, g.text, italic=True, keep=True)
        subs = [s for s in c.sub_goals if (sg := plan.sub_goal(s.ref)) is not None and str(sg.goal) == g.ref]
        if not subs and g.verdict is None:
            _paragraph(doc, tx.NO_CONTENT, style=td.STYLE_NOTE)
            continue
        _verdict_table(doc, g, c, controller_row=True)
        for s in subs:
            _heading(doc, tx.SUB_GOAL_LABEL.format(id=s.ref), 2)
            if s.text:
                _paragraph(doc, s.text, keep=True)
            _verdict_table(doc, s, c, controller_row=s.verdict is not None)
            results = by_sub.get(s.ref, [])
            if not results:
                continue
            _indicator_table(doc, results, c)
            due = [r for r in results if r.due and r.units]
            if due:
                _heading(doc, td.ANALYSES, 3)
                for r in due:
                    _analyses(doc, r, c)


def _verdict_table(doc: DocxDocument, v: VerdictResult, c: Consolidation, *, controller_row: bool) -> None:
    """The suggestion from the indicators and, clearly apart, the controller's verdict and motivation."""
    table = _table(doc, VERDICT_WIDTHS)
    cells = _add_row(table).cells
    _write(cells[0], td.VERDICT_SUGGESTED, bold=True)
    _status_cell(cells[1], v.suggested, status_label(v.suggested, c))
    _write(cells[2], counts_text(v, c))
    if controller_row:
        cells = _add_row(table).cells
        _write(cells[0], td.VERDICT_CONTROLLER, bold=True)
        a, word = verdict_word(v, c)
        _status_cell(cells[1], a, word)
        if v.verdict is not None:
            p = _write(cells[2], td.MOTIVATION, bold=True)
            p.add_run(clean(v.verdict.motivation))
        else:
            _write(cells[2], tx.VERDICT_MISSING_NOTE.format(period=c.period), italic=True)
    _keep_table_together(table)
    _spacer(doc)


def _spacer(doc: DocxDocument) -> None:
    p = _add_paragraph(doc, td.STYLE_TABLE)
    p.paragraph_format.space_after = Pt(2)


def _indicator_table(doc: DocxDocument, results: list[IndicatorResult], c: Consolidation) -> None:
    h = td.INDICATOR_HEADERS
    headers = [h["name"], h["baseline"], h["target"].format(year=c.year), h["outcome"].format(period=c.period),
               h["status"]]
    table = _table(doc, INDICATOR_WIDTHS, headers)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for r in results:
        ind = r.indicator
        cells = _add_row(table).cells
        p = _write(cells[0], f"{ind.id} ", bold=True)
        p.add_run(clean(ind.name))
        basis, incomplete = _basis(r, c)
        _cell_note(cells[0], basis, warn=incomplete)
        if ind.note:
            _cell_note(cells[0], tx.NOTE_PREFIX + ind.note)
        if ind.baseline is None:
            _write(cells[1], ind.baseline_missing_reason or td.NO_VALUE, italic=bool(ind.baseline_missing_reason),
                   align=center)
        else:
            _write(cells[1], value_text(ind.baseline, ind.kind), align=center)
        _write(cells[2], value_text(ind.target, ind.kind), align=center)
        _write(cells[3], value_text(r.value if r.due else None, ind.kind), bold=True, align=center)
        _status_cell(cells[4], r.status, status_label(r.status, c))
    _spacer(doc)


def _basis(r: IndicatorResult, c: Consolidation) -> tuple[str, bool]:
    """The line under an indicator's name: what the outcome rests on and what it is compared with."""
    ind = r.indicator
    if not r.due:
        return tx.NOT_DUE.format(period=c.period, periodicity=ind.periodicity.text), False
    reported = sum(1 for u in r.units if u.reported and u.value is not None)
    text = tx.BASIS.format(reported=reported, expected=len(r.units),
                           aggregation=tc.AGGREGATION[ind.aggregation].lower())
    months = asm.months_covered(c.period)
    if asm.is_flow(ind) and months < 12 and r.compared_with is not None:
        text += td.COMPARED_PRO_RATA.format(value=value_text(r.compared_with, ind.kind), months=months)
    trend = trend_text(r)
    if trend:
        text += td.TREND.format(trend=trend)
    return text, reported < len(r.units)


def _analyses(doc: DocxDocument, r: IndicatorResult, c: Consolidation) -> None:
    ind = r.indicator
    p = _paragraph(doc, keep=True)
    p.add_run(f"{ind.id} ").bold = True
    p.add_run(clean(ind.name)).bold = True
    for u in r.units:
        _unit_analysis(doc, u, ind.kind, c)


def _unit_analysis(doc: DocxDocument, u: UnitValue, kind: ValueKind, c: Consolidation) -> None:
    """The unit's name (with its value and own assessment), then its analysis as it wrote it."""
    p = _add_paragraph(doc, td.STYLE_ANALYSIS)
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
        _paragraph(doc, u.analysis, style=td.STYLE_ANALYSIS)
    else:
        _paragraph(doc, td.UNIT_NO_ANALYSIS, style=td.STYLE_ANALYSIS, italic=True, color=NOTE_COLOR)
    if u.measures:
        _labelled(doc, td.MEASURES, u.measures, style=td.STYLE_ANALYSIS)


# --------------------------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------------------------

def _unit_status_word(u: AssignmentUnit) -> str:
    if u.status is not None:
        return tc.ASSIGNMENT_STATUS[u.status]
    return tx.STATUS_MISSING if u.reported else td.NOT_REPORTED


def _status_summary(a: AssignmentResult) -> str:
    """"Påbörjad 2, Genomförd 1, Ingen godkänd retur 2" in the scale's order."""
    order = [*tc.ASSIGNMENT_STATUS.values(), tx.STATUS_MISSING, td.NOT_REPORTED]
    counts: dict[str, int] = {}
    for u in a.units:
        word = _unit_status_word(u)
        counts[word] = counts.get(word, 0) + 1
    return "\n".join(td.STATUS_COUNT.format(status=w, n=counts[w]) for w in order if w in counts)


def _write_assignments(doc: DocxDocument, c: Consolidation) -> None:
    _heading(doc, td.HEADING_ASSIGNMENTS, 1)
    _paragraph(doc, tx.ASSIGNMENTS_NOTE.format(end=period_end(c.period).isoformat()), style=td.STYLE_NOTE)
    if not c.assignments:
        return
    h = td.ASSIGNMENTS_OVERVIEW_HEADERS
    table = _table(doc, ASSIGNMENT_WIDTHS, list(h.values()))
    center = WD_ALIGN_PARAGRAPH.CENTER
    for a in c.assignments:
        asg = a.assignment
        cells = _add_row(table).cells
        _write(cells[0], asg.id, bold=True)
        _write(cells[1], asg.text.split("\n", 1)[0])
        _write(cells[2], asg.end_date.isoformat() if asg.end_date else td.NO_VALUE, align=center)
        if not a.due:
            _write(cells[3], tx.ASSIGNMENT_NOT_DUE.format(period=c.period, periodicity=asg.periodicity.text),
                   italic=True)
            _write(cells[4], td.NO_VALUE, align=center)
            continue
        _write(cells[3], _status_summary(a))
        _overdue_cell(cells[4], a.overdue)
    _spacer(doc)

    for a in c.assignments:
        if not a.due:
            continue
        asg = a.assignment
        _paragraph(doc, td.ASSIGNMENT_HEADING.format(id=asg.id, text=clean(asg.text)), bold=True, keep=True)
        status = tc.ASSIGNMENT_STATUS[asg.status]
        info = (td.ASSIGNMENT_INFO.format(end=asg.end_date.isoformat(), status=status) if asg.end_date
                else td.ASSIGNMENT_INFO_NO_END.format(status=status))
        overdue = sum(u.overdue for u in a.units)
        if overdue:
            info += " " + td.OVERDUE_COUNT.format(n=overdue, total=len(a.units)) + "."
        _paragraph(doc, info, style=td.STYLE_NOTE, keep=True)
        if asg.plan_ahead:
            _paragraph(doc, asg.plan_ahead, style=td.STYLE_NOTE, keep=True)
        table = _table(doc, ASSIGNMENT_UNIT_WIDTHS, list(td.ASSIGNMENT_UNIT_HEADERS.values()))
        for u in a.units:
            cells = _add_row(table).cells
            _write(cells[0], u.unit_name)
            _write(cells[1], _unit_status_word(u), italic=not u.reported)
            _overdue_cell(cells[2], u.overdue)
            _write(cells[3], u.comment)
        _spacer(doc)


def _overdue_cell(cell: _Cell, overdue: bool) -> None:
    """Overdue in words: Ja (on the red of Ej uppfyllt) or Nej."""
    if overdue:
        _write(cell, tc.YES, bold=True, fill=styles.BAD,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        _write(cell, tc.NO, align=WD_ALIGN_PARAGRAPH.CENTER)


# --------------------------------------------------------------------------------------------
# Economy
# --------------------------------------------------------------------------------------------

def _write_economy(doc: DocxDocument, c: Consolidation) -> None:
    _heading(doc, td.HEADING_ECONOMY, 1)
    _paragraph(doc, td.ECONOMY_NOTE, style=td.STYLE_NOTE, keep=True)
    if c.budget_is_example:
        _paragraph(doc, tc.EXAMPLE_BUDGET_NOTE, style=td.STYLE_NOTE, bold=True, color=WARN_COLOR, keep=True)
    table = _table(doc, ECONOMY_WIDTHS, list(td.ECONOMY_HEADERS.values()))
    right, center = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER
    state_of = {u.unit_id: u.state for u in c.unit_status}
    for e in c.economy:
        cells = _add_row(table).cells
        _write(cells[0], e.unit_name)
        for cell, v in zip(cells[1:5], (e.frame_tkr, e.outcome_tkr, e.forecast_tkr, e.deviation_tkr)):
            _write(cell, amount(v), align=right)
        state = state_of.get(e.unit_id, ACCEPTED if e.reported else "missing")
        _write(cells[5], tx.STATE[state], align=center,
               fill=styles.RETURN_COLOURS[state] if state != ACCEPTED else None)
    totals = _economy_totals(c)
    cells = _add_row(table).cells
    _write(cells[0], td.ECONOMY_TOTAL, bold=True)
    for cell, key in zip(cells[1:5], ("frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr")):
        _write(cell, amount(totals[key]), bold=True, align=right)
    if len(table.rows) <= KEEP_TOGETHER_ROWS:
        _keep_table_together(table)
    _spacer(doc)
    if c.committee_frame_tkr is not None:
        _paragraph(doc, td.COMMITTEE_FRAME_LINE.format(
            frame=amount(c.committee_frame_tkr),
            difference=amount((totals["frame_tkr"] or 0.0) - c.committee_frame_tkr)))
    _forecast_missing(doc, c)

    commented = [e for e in c.economy if e.comment or e.events]
    if commented:
        _heading(doc, td.ECONOMY_COMMENTS, 2)
        for e in commented:
            _paragraph(doc, e.unit_name, bold=True, keep=True)
            if e.comment:
                _labelled(doc, td.ECONOMY_COMMENT, e.comment, style=td.STYLE_ANALYSIS)
            if e.events:
                _labelled(doc, td.ECONOMY_EVENTS, e.events, style=td.STYLE_ANALYSIS)


# --------------------------------------------------------------------------------------------
# About
# --------------------------------------------------------------------------------------------

def _write_about(doc: DocxDocument, c: Consolidation, plan: Plan) -> None:
    _heading(doc, td.HEADING_ABOUT, 1)
    _paragraph(doc, td.ABOUT_INTRO)
    t = plan.settings.partly_threshold
    for heading, text in tx.ABOUT:
        text = td.ABOUT_REPLACED.get(heading, text)
        _labelled(doc, f"{heading}. ", text.format(threshold=f"{format_number(t * 100)} %",
                                                   upper=f"{format_number((2 - t) * 100)} %"))
    _paragraph(doc, tx.ABOUT_PLAN.format(identity=c.plan_identity), style=td.STYLE_NOTE)
