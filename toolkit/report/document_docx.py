"""Writing the committee's document with python-docx: page and styles, paragraphs, headings, tables with
shaded status cells, and text as the document shows it (no characters XML cannot hold, no-break spaces in
numbers)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

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

from toolkit.core.model import Assessment, Value, ValueKind
from toolkit.core.values import format_number, format_value
from toolkit.excel import styles
from toolkit.report.consolidate import Consolidation
from toolkit.texts import document as td

# Characters XML 1.0 cannot hold (pasted from other programs); tab, newline and carriage return can.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NBSP = "\u00a0"  # keeps "1 234" and "40 %" on one line
FONT = "Calibri"

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN = Cm(2.0)
TEXT_WIDTH_CM = 17.0  # A4 less the margins: what the widths of a full-width table add up to
CELL_MARGIN_TWIPS = 70  # 0.12 cm
NOTE_COLOR = RGBColor.from_string(styles.NOTE_COLOUR)
WARN_COLOR = RGBColor.from_string(styles.WARN_COLOUR)


# --------------------------------------------------------------------------------------------
# Text
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


def value_text(value: Value, kind: ValueKind, decimals: int | None = None) -> str:
    """An indicator value as a reader expects it: "2 133", "40 %", "Ja", "12,5"; "–" when missing.
    ``decimals``: the indicator's (a decimal number shows that many at most)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return td.NO_VALUE
    if isinstance(value, str) and kind is not ValueKind.YESNO:
        return clean(value)
    if kind is ValueKind.TEXT:
        return clean(format_value(value, kind))
    return _nbsp(format_value(value, kind, decimals))


# --------------------------------------------------------------------------------------------
# The document, paragraphs and tables
# --------------------------------------------------------------------------------------------

def setup_document(doc: DocxDocument, c: Consolidation, title: str, when: dt.datetime) -> None:
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


def add_text(doc: DocxDocument, text: str = "", *, style: str | None = None, bold: bool = False,
             italic: bool = False, color: RGBColor | None = None, keep: bool = False) -> Paragraph:
    p = add_paragraph(doc, style)
    if text:
        run = p.add_run(clean(text))
        run.bold = bold or None
        run.italic = italic or None
        if color is not None:
            run.font.color.rgb = color
    if keep:
        p.paragraph_format.keep_with_next = True
    return p


def add_labelled(doc: DocxDocument, label: str, text: str, *, style: str | None = None,
                 keep: bool = False) -> Paragraph:
    """A paragraph: a bold label, then text as it came."""
    p = add_paragraph(doc, style)
    p.add_run(clean(label)).bold = True
    p.add_run(clean(text))
    if keep:
        p.paragraph_format.keep_with_next = True
    return p


def add_heading(doc: DocxDocument, text: str, level: int) -> Paragraph:
    p = add_paragraph(doc, "Title" if level == 0 else f"Heading {level}")
    p.add_run(clean(text))
    return p


def add_paragraph(container: DocxDocument | _Cell, style: str | None = None) -> Paragraph:
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


def new_table(doc: DocxDocument, widths: Sequence[float], headers: Sequence[str] | None = None,
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
            p = write_cell(cell, text, bold=True, fill=fill or styles.GOAL_BAND)
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


def add_row(table: Table) -> _Row:
    row = table.add_row()
    _row_properties(row)
    return row


def write_cell(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False, fill: str | None = None,
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


def write_status(cell: _Cell, a: Assessment, word: str) -> None:
    write_cell(cell, word, fill=styles.ASSESSMENT_COLOURS[a], align=WD_ALIGN_PARAGRAPH.CENTER)


def add_cell_note(cell: _Cell, text: str, *, warn: bool = False) -> None:
    p = add_paragraph(cell, td.STYLE_TABLE_NOTE)
    run = p.add_run(clean(text))
    if warn:
        run.bold = True
        run.font.color.rgb = WARN_COLOR


def keep_table_together(table: Table) -> None:
    """Keep a short table on one page (Word: keep every row's paragraphs with the next)."""
    rows = table.rows
    for row in rows[:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def add_spacer(doc: DocxDocument) -> None:
    p = add_paragraph(doc, td.STYLE_TABLE)
    p.paragraph_format.space_after = Pt(2)
