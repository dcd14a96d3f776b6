"""Accessible Word output on top of a region's own template (python-docx), and tagged PDF through LibreOffice.

A committee's documents are written into the region's template: :func:`open_template` keeps its sections,
headers and footers (with their logo), styles and numbering and empties its body. The kit then writes only
what a document needs to be accessible (EN 301 549 / WCAG 2.1 AA, the Swedish law on accessible digital
public services):

- a title and the language sv-SE (:func:`set_properties`; Word and LibreOffice both read it, and the PDF
  gets ``/Lang``);
- real headings in the built-in heading styles, found by their built-in names ("heading 1" in styles.xml,
  whatever the style ids and the template's language), created only when the template lacks them, and never
  skipping a level (:func:`heading` lifts a too-deep level to the next allowed one and records it, see
  :func:`heading_adjustments`);
- tables with a header row that is repeated on each page and marked as the header, no merged cells, rows
  that do not split, a caption and description for assistive technology, the template's table style
  (:func:`table`);
- status as a word as well as a fill (:func:`status_cell`);
- pictures with alternative text (:func:`picture`).

The template itself (opening it, the shipped default) is ``toolkit.report.docx_template``, styles and
language ``toolkit.report.docx_styles``, the PDF ``toolkit.report.docx_pdf``; their public names are here
too, so that a document module imports the kit only. Misuse of the API (an empty heading, a row of the
wrong width, a picture without alternative text) raises ValueError; what a user can act on (a bad
template, no LibreOffice) raises an NplanError with a Swedish message.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from toolkit import excel
from toolkit.report.docx_pdf import PDF_FILTER, PdfError, find_soffice, to_pdf
from toolkit.report.docx_styles import (
    DOCUMENT_STYLES,
    HEADING_LEVELS,
    LANGUAGE,
    ParagraphLook,
    clean,
    create_heading_style,
    create_table_text_style,
    create_title_style,
    ensure_paragraph_style,
    insert_in_order,
    outline,
    paragraph_style_id,
    set_properties,
    style_id,
    table_style_id,
)
from toolkit.report.docx_template import (
    CT_DOCUMENT_MAIN,
    CT_MACRO_MAINS,
    CT_TEMPLATE_MAIN,
    DEFAULT_TEMPLATE,
    TemplateError,
    build_default_template,
    default_template_document,
    document_bytes,
    empty_body,
    open_template,
)
from toolkit.texts import docx_kit as tkit

__all__ = [
    "CT_DOCUMENT_MAIN", "CT_MACRO_MAINS", "CT_TEMPLATE_MAIN", "DEFAULT_TEMPLATE", "DOCUMENT_STYLES", "LANGUAGE",
    "PDF_FILTER",
    "ParagraphLook", "PdfError", "TemplateError", "WD_ALIGN_PARAGRAPH", "WD_STYLE_TYPE", "add_row", "add_run",
    "build_default_template", "cell_paragraph", "clean", "default_template_document", "document_bytes",
    "empty_body", "ensure_paragraph_style", "find_soffice", "heading", "heading_adjustments",
    "keep_table_together", "keep_with_next", "open_template", "paragraph", "picture", "save",
    "set_properties", "set_table_caption", "shade", "status_cell", "style_id", "table", "table_style_id",
    "text_width", "title", "to_pdf", "write_cell",
]

FALLBACK_TEXT_WIDTH = Emu(Cm(16.0))
_HEX_COLOR = re.compile("^[0-9A-Fa-f]{6}$")


def save(doc: Document, path: str | os.PathLike[str]) -> Path:
    """Write the document atomically (a temporary file beside the target, then a rename)."""
    return excel.write_atomic_bytes(document_bytes(doc), path)


# --------------------------------------------------------------------------------------------
# Headings and paragraphs
# --------------------------------------------------------------------------------------------

def heading_adjustments(doc: Document) -> list[tuple[str, int, int]]:
    """Headings whose level had to be lifted so that no level is skipped: (text, asked, written)."""
    return list(outline(doc).adjusted)


def heading(doc: Document, text: str, level: int) -> Paragraph:
    """A heading in the template's "Heading {level}" style (created when missing), level 1-4.

    Levels never skip: a heading deeper than one below the previous heading (a level 3 right after a
    level 1, or a first heading below level 1) is written one level below the previous one instead, and
    recorded in :func:`heading_adjustments`, so that the output is always accessible; tests assert that
    nothing was adjusted. An empty text raises ValueError (an empty heading is an accessibility error).
    """
    if level not in HEADING_LEVELS:
        raise ValueError(f"heading level {level} is not in 1..4")
    text = clean(text).strip()
    if not text:
        raise ValueError("a heading needs a text")
    levels = outline(doc)
    written = min(level, levels.last + 1)
    if written != level:
        levels.adjusted.append((text, level, written))
    levels.last = written
    sid = paragraph_style_id(doc, f"heading {written}", lambda d: create_heading_style(d, written))
    return _styled_paragraph(doc, text.replace("\n", " "), sid)


def title(doc: Document, text: str) -> Paragraph:
    """The document's visible title in the "Title" style (created when missing). Not a heading level."""
    text = clean(text).strip()
    if not text:
        raise ValueError("a title needs a text")
    return _styled_paragraph(doc, text, paragraph_style_id(doc, "Title", create_title_style))


def paragraph(doc: Document | _Cell, text: str = "", *, style_name: str | None = None,
              look: ParagraphLook | None = None, bold: bool = False, italic: bool = False) -> Paragraph:
    """A paragraph of plain text (a newline starts a new line in the same paragraph) in the named style.

    Without ``look`` the style is used when the template has it, else the default paragraph style; with
    ``look`` a style the template lacks is created with that look (:func:`ensure_paragraph_style`), so that a
    region can restyle it in its template.
    """
    doc_ = _document_of(doc)
    sid = None
    if style_name:
        sid = ensure_paragraph_style(doc_, style_name, look) if look is not None else style_id(doc_, style_name)
    p = _styled_paragraph(doc, "", sid)
    _add_text(p, clean(text), bold=bold, italic=italic)
    return p


def add_run(p: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> Run:
    """Plain text at the end of a paragraph (a newline starts a new line)."""
    lines = clean(text).split("\n")
    run = p.add_run()
    for i, line in enumerate(lines):
        if i:
            run.add_break()
        run.add_text(line)
    run.bold = bold or None
    run.italic = italic or None
    return run


def keep_with_next(p: Paragraph) -> Paragraph:
    """Keep the paragraph on the page of the next one (a lead-in and its table, a name and its text)."""
    p.paragraph_format.keep_with_next = True
    return p


def _document_of(container) -> Document:
    return container if isinstance(container, Document) else container.part.document


def _styled_paragraph(container, text: str, sid: str | None) -> Paragraph:
    p = container.add_paragraph()
    if sid is not None:
        p._p.style = sid
    if text:
        p.add_run(text)
    return p


def _add_text(p: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> None:
    if text:
        add_run(p, text, bold=bold, italic=italic)


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

def text_width(doc: Document) -> Emu:
    """The width between the last section's margins."""
    section = doc.sections[-1]
    if section.page_width is None or section.left_margin is None or section.right_margin is None:
        return FALLBACK_TEXT_WIDTH
    return Emu(section.page_width - section.left_margin - section.right_margin)


def table(doc: Document, header: Sequence[str], rows: Sequence[Sequence[str]], *, style_name: str | None = None,
          widths_cm: Sequence[float] | None = None, caption: str | None = None) -> Table:
    """A data table: one header row (bold, repeated on each page, marked as the header), one row per item.
    A table right after another table is parted from it by an empty paragraph (Word would join them).

    No merged cells; rows do not split over a page; cell text is plain text (a newline starts a new
    paragraph in the cell); the table style is ``style_name`` when the template has it, else see
    :func:`table_style_id`; cell paragraphs use the "Tabelltext" style (created when missing). ``caption``
    becomes the table's title and description for assistive technology (``w:tblCaption``,
    ``w:tblDescription``). Columns share the text width equally unless ``widths_cm`` is given.
    """
    header = [clean(h) for h in header]
    if not header:
        raise ValueError("a table needs at least one column")
    n = len(header)
    for i, row in enumerate(rows):
        if len(row) != n:
            raise ValueError(f"row {i} has {len(row)} cells, the header {n}")
    if widths_cm is not None and len(widths_cm) != n:
        raise ValueError(f"{len(widths_cm)} widths for {n} columns")
    widths = ([Cm(w) for w in widths_cm] if widths_cm is not None else [Emu(int(text_width(doc) / n))] * n)

    _separate_from_a_table_before(doc)
    tbl = doc.add_table(rows=0, cols=n)
    tbl._tbl.tblPr.style = table_style_id(doc, style_name)
    tbl.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl.autofit = False
    _table_width(tbl, sum(widths))
    _table_look(tbl)
    for column, width in zip(tbl.columns, widths):
        column.width = width
    text_sid = paragraph_style_id(doc, tkit.TABLE_TEXT_STYLE, create_table_text_style)

    _add_row(tbl, header, widths, text_sid, header=True)
    for row in rows:
        _add_row(tbl, [clean(c) for c in row], widths, text_sid)
    if caption:
        set_table_caption(tbl, caption)
    return tbl


def _separate_from_a_table_before(doc: Document) -> None:
    """Two tables with nothing between them are one table to Word (it joins them when the file is opened),
    so a table right after a table gets an empty paragraph in between."""
    body = doc.element.body
    blocks = [el for el in body if el.tag != qn("w:sectPr")]
    if blocks and blocks[-1].tag == qn("w:tbl"):
        doc.add_paragraph()


def _table_width(tbl: Table, width: int) -> None:
    tbl_w = tbl._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        insert_in_order(tbl._tbl.tblPr, tbl_w, ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                                                   "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                                   "w:tblCaption", "w:tblDescription"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(Emu(width).twips)))


def _table_look(tbl: Table) -> None:
    """The table style's header-row formatting applies; first-column and banded-column formatting do not."""
    tbl_pr = tbl._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        insert_in_order(tbl_pr, look, ("w:tblCaption", "w:tblDescription", "w:tblPrChange"))
    for attr, value in (("val", "0420"), ("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0"),
                        ("lastColumn", "0"), ("noHBand", "0"), ("noVBand", "1")):
        look.set(qn(f"w:{attr}"), value)


def set_table_caption(tbl: Table, caption: str, description: str | None = None) -> None:
    """The table's title and description for assistive technology (Word: Table Properties > Alt Text)."""
    tbl_pr = tbl._tbl.tblPr
    for tag, value, successors in (("w:tblCaption", caption, ("w:tblDescription", "w:tblPrChange")),
                                   ("w:tblDescription", description or caption, ("w:tblPrChange",))):
        el = tbl_pr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            insert_in_order(tbl_pr, el, successors)
        el.set(qn("w:val"), clean(value).replace("\n", " ").strip())


def add_row(tbl: Table, texts: Sequence[str] | None = None) -> _Row:
    """One more data row (it does not split over a page), its cells in the table text style; with ``texts``
    (one per column) filled in as plain text. Returns the row, for cells that need more than text."""
    widths = [column.width for column in tbl.columns]
    if texts is not None and len(texts) != len(widths):
        raise ValueError(f"{len(texts)} cells for {len(widths)} columns")
    text_sid = paragraph_style_id(_document_of(tbl), tkit.TABLE_TEXT_STYLE, create_table_text_style)
    return _add_row(tbl, [clean(c) for c in texts] if texts is not None else [""] * len(widths), widths, text_sid)


def _add_row(tbl: Table, texts: Sequence[str], widths: Sequence[int | None], text_sid: str | None, *,
             header: bool = False) -> _Row:
    row = tbl.add_row()
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)
    for cell, text, width in zip(row.cells, texts, widths):
        if width is not None:
            cell.width = width
        write_cell(cell, text, bold=header, style_id_=text_sid)
    return row


def write_cell(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False,
               align: WD_ALIGN_PARAGRAPH | None = None, style_id_: str | None = None) -> Paragraph:
    """Put plain text in a cell (replacing what it held); each line of ``text`` becomes a paragraph.
    Returns the first paragraph. ``style_id_`` defaults to the table text style."""
    if style_id_ is None:
        style_id_ = paragraph_style_id(_document_of(cell), tkit.TABLE_TEXT_STYLE, create_table_text_style)
    first = cell.paragraphs[0]
    for r in list(first.runs):
        r._r.getparent().remove(r._r)
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    for i, line in enumerate(clean(text).split("\n")):
        p = first if i == 0 else cell.add_paragraph()
        if style_id_ is not None:
            p._p.style = style_id_
        if line:
            run = p.add_run(line)
            run.bold = bold or None
            run.italic = italic or None
        if align is not None:
            p.alignment = align
    return first


def cell_paragraph(cell: _Cell, text: str, *, style_name: str, look: ParagraphLook | None = None,
                   bold: bool = False) -> Paragraph:
    """One more paragraph in a cell (a note under the cell's text) in the named style (see :func:`paragraph`)."""
    return paragraph(cell, text, style_name=style_name, look=look, bold=bold)


def keep_table_together(tbl: Table) -> None:
    """Keep a short table on one page (Word and LibreOffice: every row's paragraphs keep with the next)."""
    for row in tbl.rows[:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def shade(cell: _Cell, hex_fill: str) -> None:
    """Fill a cell with an RGB colour ("E06666"). Never the only carrier of meaning: see status_cell."""
    if not _HEX_COLOR.match(hex_fill or ""):
        raise ValueError(f"not an RGB hex colour: {hex_fill!r}")
    tc_pr = cell._tc.get_or_add_tcPr()
    old = tc_pr.find(qn("w:shd"))
    if old is not None:
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill.upper())
    # Schema order: shd comes after tcW/gridSpan/vMerge/tcBorders and before noWrap/tcMar/vAlign.
    insert_in_order(tc_pr, shd, ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                                  "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge",
                                  "w:tcPrChange"))


def status_cell(cell: _Cell, status_word: str, fill: str | None, *, bold: bool = False,
                align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:
    """A status as a word on a fill: the word carries the meaning (colour-blind readers, grey print,
    screen readers), the fill only repeats it."""
    word = clean(status_word).strip()
    if not word:
        raise ValueError("a status cell needs the status word, not only a colour")
    p = write_cell(cell, word, bold=bold, align=align)
    if fill:
        shade(cell, fill)
    return p


# --------------------------------------------------------------------------------------------
# Pictures
# --------------------------------------------------------------------------------------------

def picture(target: Document | Paragraph | Run | object, image: str | os.PathLike[str] | bytes, *, alt_text: str,
            width_cm: float | None = None, title: str | None = None) -> Run:
    """An inline picture with alternative text (``wp:docPr/@descr``, and ``@title``, default the same).

    ``target`` is a Document, a header or footer, a table cell (a new paragraph is added), a Paragraph
    (a new run) or a Run. ``image`` is a path or the image's bytes. Returns the run holding the picture.
    """
    alt = clean(alt_text).strip()
    if not alt:
        raise ValueError("a picture needs an alternative text")
    if isinstance(target, Run):
        run = target
    elif isinstance(target, Paragraph):
        run = target.add_run()
    elif hasattr(target, "add_paragraph"):
        run = target.add_paragraph().add_run()
    else:
        raise TypeError(f"cannot put a picture in {type(target).__name__}")
    stream: str | IO[bytes] = io.BytesIO(bytes(image)) if isinstance(image, (bytes, bytearray)) else str(image)
    shape = run.add_picture(stream, width=Cm(width_cm) if width_cm else None)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt)
    doc_pr.set("title", clean(title).strip() if title else alt)
    return run
