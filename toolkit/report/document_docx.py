"""What the committee's two documents (the follow-up and the plan) share on top of the Word kit
(``toolkit.report.docx_kit``): their own paragraph styles, created only where the region's template lacks
them, text as the documents show it (values, tkr), and tables whose widths follow the template's page.

The documents' look comes from the template: headings, body text, tables and page furniture are the
template's styles. What is defined here is only the look of the styles a template does not have yet
("Anmärkning", "Analystext", "Tabellanmärkning", "Formulering"); a secretariat restyles them in Word once and
keeps them in the region's template.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.shared import Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from toolkit.core.model import Assessment, Value, ValueKind
from toolkit.core.values import format_number, format_value
from toolkit.excel import styles
from toolkit.report import docx_kit as kit
from toolkit.texts import document as td
from toolkit.texts import docx_kit as tkit

NBSP = "\u00a0"  # keeps "1 234" and "40 %" on one line
NOTE_COLOR = RGBColor.from_string(styles.NOTE_COLOUR)
WARN_COLOR = RGBColor.from_string(styles.WARN_COLOUR)
DESIGN_WIDTH_CM = 17.0  # the text width the documents' column widths are drawn for (A4, 2 cm margins)
KEEP_TOGETHER_ROWS = 20  # a table up to this many rows is kept on one page
CENTER, RIGHT = kit.WD_ALIGN_PARAGRAPH.CENTER, kit.WD_ALIGN_PARAGRAPH.RIGHT

# The look of the documents' own styles where the template lacks them (the default template has them).
LOOKS = kit.DOCUMENT_STYLES


# --------------------------------------------------------------------------------------------
# Text as the documents show it
# --------------------------------------------------------------------------------------------

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
        return kit.clean(value)
    if kind is ValueKind.TEXT:
        return kit.clean(format_value(value, kind))
    return _nbsp(format_value(value, kind, decimals))


# --------------------------------------------------------------------------------------------
# Paragraphs
# --------------------------------------------------------------------------------------------

def text(doc: Document, content: str = "", *, style: str | None = None, bold: bool = False,
         italic: bool = False, color: RGBColor | None = None, keep: bool = False) -> Paragraph:
    """A paragraph of plain text in ``style`` (one of the documents' own styles, created when missing, or
    a style of the template), else in the template's body style."""
    p = kit.paragraph(doc, "", style_name=style, look=LOOKS.get(style or ""))
    if content:
        run = kit.add_run(p, content, bold=bold, italic=italic)
        if color is not None:
            run.font.color.rgb = color
    if keep:
        kit.keep_with_next(p)
    return p


def labelled(doc: Document, label: str, content: str, *, style: str | None = None, keep: bool = False) -> Paragraph:
    """A paragraph: a bold label, then text as it came."""
    p = text(doc, style=style, keep=keep)
    kit.add_run(p, label, bold=True)
    kit.add_run(p, content)
    return p


def note(doc: Document, content: str, *, warn: bool = False, keep: bool = False) -> Paragraph:
    """A note in the style "Anmärkning"; ``warn`` sets it apart (bold, dark red) as well as saying so."""
    return text(doc, content, style=td.STYLE_NOTE, bold=warn, color=WARN_COLOR if warn else None, keep=keep)


def spacer(doc: Document) -> Paragraph:
    """A small gap after a table (a paragraph in the table text style, 2 pt after)."""
    p = kit.paragraph(doc, "", style_name=tkit.TABLE_TEXT_STYLE)
    p.paragraph_format.space_after = Pt(2)
    return p


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

def widths_for(doc: Document, design_cm: Sequence[float]) -> list[float]:
    """Column widths drawn for a 17 cm text width, scaled to the template's text width."""
    scale = kit.text_width(doc).cm / DESIGN_WIDTH_CM
    return [round(w * scale, 2) for w in design_cm]


def table(doc: Document, design_cm: Sequence[float], headers: Sequence[str], *, caption: str,
          description: str | None = None, header_fills: Sequence[str | None] | None = None) -> Table:
    """An accessible table with its header row (repeated on each page, marked as the header) and no rows
    yet; ``header_fills`` shade header cells (a status column's colour, beside its word)."""
    tbl = kit.table(doc, list(headers), [], widths_cm=widths_for(doc, design_cm), caption=caption)
    if description:
        kit.set_table_caption(tbl, caption, description)
    for cell, fill in zip(tbl.rows[0].cells, header_fills or ()):
        if fill:
            kit.shade(cell, fill)
    return tbl


def row(tbl: Table) -> _Row:
    return kit.add_row(tbl)


def cell(c: _Cell, content: str, *, bold: bool = False, italic: bool = False,
         align: kit.WD_ALIGN_PARAGRAPH | None = None, fill: str | None = None) -> Paragraph:
    """The cell's text (plain text; a newline starts a new paragraph in the cell); ``fill`` shades it."""
    p = kit.write_cell(c, content, bold=bold, italic=italic, align=align)
    if fill:
        kit.shade(c, fill)
    return p


def status(c: _Cell, a: Assessment, word: str) -> Paragraph:
    """An assessment as its word on its colour."""
    return kit.status_cell(c, word, styles.ASSESSMENT_COLOURS[a])


def cell_note(c: _Cell, content: str, *, warn: bool = False) -> Paragraph:
    """A note under a cell's text, in the style "Tabellanmärkning"."""
    p = kit.cell_paragraph(c, "", style_name=td.STYLE_TABLE_NOTE, look=LOOKS[td.STYLE_TABLE_NOTE])
    run = kit.add_run(p, content, bold=warn)
    if warn:
        run.font.color.rgb = WARN_COLOR
    return p


def keep_short_table_together(tbl: Table) -> None:
    if len(tbl.rows) <= KEEP_TOGETHER_ROWS:
        kit.keep_table_together(tbl)
