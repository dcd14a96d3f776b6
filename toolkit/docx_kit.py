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
- tables with a header row that is repeated on each page, no merged cells, rows that do not split, a
  caption and description for assistive technology, the template's table style (:func:`table`);
- status as a word as well as a fill (:func:`status_cell`);
- pictures with alternative text (:func:`picture`).

:func:`build_default_template` writes the shipped template (``workbook_templates/dokumentmall.docx``) that a
secretariat restyles in Word. :func:`to_pdf` exports a tagged PDF (PDF/UA) with LibreOffice headless.

Styles are always looked up by name, case-insensitively (Word writes "heading 1", LibreOffice writes
"Heading 1"), and paragraphs get the style's real id (a Swedish Word may call it "Rubrik1"). Misuse of the
API (an empty heading, a row of the wrong width, a picture without alternative text) raises ValueError;
what a user can act on (a bad template, no LibreOffice) raises an NplanError with a Swedish message.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import weakref
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from toolkit.errors import InputError, NplanError, os_reason
from toolkit.texts import docx_kit as t

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TEMPLATE = REPO / "workbook_templates" / "dokumentmall.docx"

CT_DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
CT_MACRO_MAINS = ("application/vnd.ms-word.document.macroEnabled.main+xml",
                  "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

LANGUAGE = "sv-SE"
HEADING_LEVELS = range(1, 5)  # Heading 1 .. Heading 4
GRID_TABLE_STYLE = "Table Grid"

# LibreOffice's PDF export with tags and PDF/UA (which also sets DisplayDocTitle). The JSON form of the
# filter options is understood from LibreOffice 7.4 on; the older "pdf:writer_pdf_Export:UseTaggedPDF=true"
# is silently ignored there (an untagged PDF), so it is not used.
PDF_FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"PDFUACompliance":{"type":"boolean","value":"true"}}')

# The default template's look (a secretariat restyles it in Word).
FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans where Arial is missing
BODY_SIZE = Pt(11)
HEADING_COLOR = RGBColor(0x1F, 0x38, 0x64)  # dark blue, contrast 12:1 on white
HEADING_SIZES = {1: Pt(16), 2: Pt(13), 3: Pt(12), 4: Pt(11)}
HEADING_SPACE_BEFORE = {1: Pt(18), 2: Pt(12), 3: Pt(10), 4: Pt(8)}
TITLE_SIZE = Pt(24)
TABLE_TEXT_SIZE = Pt(10)
HEADER_FILL = "DDEBF7"
TABLE_BORDER_COLOR = "808080"
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGINS = {"top_margin": Cm(2.0), "bottom_margin": Cm(2.0), "left_margin": Cm(2.0), "right_margin": Cm(2.0)}
HEADER_DISTANCE, FOOTER_DISTANCE = Cm(1.0), Cm(1.0)
FALLBACK_TEXT_WIDTH = Cm(16.0)

# Characters XML 1.0 cannot hold (pasted from other programs); tab and newline can.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HEX_COLOR = re.compile("^[0-9A-Fa-f]{6}$")


class TemplateError(InputError):
    """A Word template that cannot be used (missing, not Word, damaged, with macros)."""


class PdfError(NplanError):
    """The PDF could not be made (no LibreOffice, LibreOffice failed or took too long)."""


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------

def clean(text: object) -> str:
    """A text safe for a document: XML-illegal control characters dropped, line ends as newlines."""
    s = "" if text is None else str(text)
    return _XML_ILLEGAL.sub("", s.replace("\r\n", "\n").replace("\r", "\n"))


# --------------------------------------------------------------------------------------------
# Opening a template
# --------------------------------------------------------------------------------------------

def open_template(path: str | os.PathLike[str] | None = None) -> Document:
    """The template at ``path`` (.docx or .dotx; the shipped default when None), body emptied.

    Kept: the last section's page setup, headers and footers (with their pictures), styles, numbering,
    theme and settings. The body's content goes, and so do earlier section breaks: the document's content
    flows into the template's last section. Raises TemplateError (Swedish) when the file cannot be used.
    """
    if path is None:
        if not DEFAULT_TEMPLATE.is_file():  # e.g. an installed package without the repository's files
            doc = default_template_document()
            empty_body(doc)
            return doc
        path = DEFAULT_TEMPLATE
    source = Path(path)
    data = _read_template(source)
    data = _as_document_package(data, source)
    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError) as exc:
        # lxml's XMLSyntaxError is a SyntaxError
        raise _template_error(source, t.TEMPLATE_DAMAGED.format(detail=_short(exc))) from exc
    empty_body(doc)
    return doc


def empty_body(doc: Document) -> None:
    """Remove every block of the body, keeping its final section properties."""
    body = doc.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    if sect_pr is None:
        body.get_or_add_sectPr()
    _OUTLINES.pop(doc.part, None)


def _template_error(path: Path, reason: str) -> TemplateError:
    return TemplateError(t.TEMPLATE_UNUSABLE.format(path=path, reason=reason))


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def _read_template(path: Path) -> bytes:
    if path.is_dir():
        raise _template_error(path, t.TEMPLATE_IS_FOLDER)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise _template_error(path, t.TEMPLATE_MISSING) from exc
    except OSError as exc:
        raise _template_error(path, t.TEMPLATE_UNREADABLE.format(reason=os_reason(exc))) from exc


def _as_document_package(data: bytes, path: Path) -> bytes:
    """The package as python-docx accepts it: a Word template's (.dotx) main part gets the document
    content type (python-docx refuses any other); nothing else changes."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _template_error(path, t.TEMPLATE_NOT_ZIP)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            content_types = z.read("[Content_Types].xml")
            main_type = _main_content_type(content_types, z.read("_rels/.rels"))
            if main_type == CT_DOCUMENT_MAIN:
                return data
            if main_type in CT_MACRO_MAINS:
                raise _template_error(path, t.TEMPLATE_MACROS)
            if main_type != CT_TEMPLATE_MAIN:
                raise _template_error(path, t.TEMPLATE_NOT_WORD.format(content_type=main_type or "?"))
            patched = content_types.replace(CT_TEMPLATE_MAIN.encode(), CT_DOCUMENT_MAIN.encode())
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as dest:
                for info in z.infolist():
                    body = patched if info.filename == "[Content_Types].xml" else z.read(info)
                    dest.writestr(info, body, compress_type=info.compress_type)
            return out.getvalue()
    except KeyError as exc:  # no [Content_Types].xml or no package relationships: not an Office file
        raise _template_error(path, t.TEMPLATE_NOT_ZIP) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _template_error(path, t.TEMPLATE_DAMAGED.format(detail=_short(exc))) from exc


def _main_content_type(content_types: bytes, package_rels: bytes) -> str | None:
    """The content type of the part the package's officeDocument relationship points at."""
    from defusedxml import ElementTree

    rels = ElementTree.fromstring(package_rels)
    target = next((r.get("Target", "") for r in rels if r.get("Type") == RT_OFFICE_DOCUMENT), None)
    if target is None:
        return None
    part_name = "/" + target.lstrip("/")
    types = ElementTree.fromstring(content_types)
    for el in types:
        if el.tag.endswith("Override") and el.get("PartName", "").lower() == part_name.lower():
            return el.get("ContentType")
    ext = part_name.rsplit(".", 1)[-1].lower()
    for el in types:
        if el.tag.endswith("Default") and el.get("Extension", "").lower() == ext:
            return el.get("ContentType")
    return None


# --------------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------------

def document_bytes(doc: Document) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def save(doc: Document, path: str | os.PathLike[str]) -> Path:
    """Write the document atomically (a temporary file beside the target, then a rename)."""
    data = document_bytes(doc)
    return _write_atomic(Path(path), lambda f: f.write(data))


def _write_atomic(target: Path, write: Callable[[IO[bytes]], object]) -> Path:
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~nplan-", suffix=target.suffix, dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise NplanError(t.CANNOT_WRITE.format(path=target, reason=os_reason(exc))) from exc
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------------------------
# Properties and language
# --------------------------------------------------------------------------------------------

def set_properties(doc: Document, *, title: str, subject: str = "", author: str = "",
                   language: str = LANGUAGE) -> None:
    """Title, subject, author and language of the document.

    The language goes to the core properties, to the document defaults in styles.xml
    (``w:docDefaults/w:rPrDefault/w:rPr/w:lang``: what Word spell-checks with and what LibreOffice exports
    as the PDF's ``/Lang``), to the Normal style when it names a language of its own, and to
    ``w:settings/w:themeFontLang`` (the language of the theme's fonts).
    """
    props = doc.core_properties
    props.title = clean(title)
    props.subject = clean(subject)
    props.author = clean(author)
    props.last_modified_by = clean(author)
    props.language = language

    rpr = _default_run_properties(doc)
    _set_lang(rpr, language)
    normal = _style_element(doc, _default_style_id(doc, WD_STYLE_TYPE.PARAGRAPH))
    if normal is not None:
        normal_rpr = normal.find(qn("w:rPr"))
        if normal_rpr is not None and normal_rpr.find(qn("w:lang")) is not None:
            _set_lang(normal_rpr, language)

    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        _insert_in_order(settings, theme_lang, _SETTINGS_AFTER_THEME_FONT_LANG)
    theme_lang.set(qn("w:val"), language)


_SETTINGS_AFTER_THEME_FONT_LANG = (
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "w:schemaLibrary", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _default_run_properties(doc: Document):
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    return rpr


def _set_lang(rpr, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        _insert_in_order(rpr, lang, _RPR_AFTER_LANG)
    lang.set(qn("w:val"), language)


def _insert_in_order(parent, child, successors: Sequence[str]) -> None:
    """Insert ``child`` before the first existing element named in ``successors`` (schema order)."""
    tags = {qn(s) for s in successors}
    following = next((el for el in parent if el.tag in tags), None)
    if following is not None:
        following.addprevious(child)
    else:
        parent.append(child)


# --------------------------------------------------------------------------------------------
# Styles: looked up by name, case-insensitively, and used by their real id
# --------------------------------------------------------------------------------------------

_STYLE_TYPE_VALUES = {WD_STYLE_TYPE.PARAGRAPH: "paragraph", WD_STYLE_TYPE.CHARACTER: "character",
                      WD_STYLE_TYPE.TABLE: "table", WD_STYLE_TYPE.LIST: "numbering"}
_STYLE_IDS: weakref.WeakKeyDictionary[object, dict[tuple[str, str], str]] = weakref.WeakKeyDictionary()


def style_id(doc: Document, name: str, style_type: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
    """The id of the style named ``name`` (case-insensitive; "Heading 1" finds "heading 1"), or None."""
    kind = _STYLE_TYPE_VALUES[style_type]
    key = (kind, name.strip().lower())
    ids = _STYLE_IDS.get(doc.part)
    if ids is None or key not in ids:
        ids = {}
        for el in doc.styles.element.findall(qn("w:style")):
            name_el = el.find(qn("w:name"))
            if name_el is None:
                continue
            ids.setdefault((el.get(qn("w:type")) or "paragraph", (name_el.get(qn("w:val")) or "").lower()),
                           el.get(qn("w:styleId")))
        _STYLE_IDS[doc.part] = ids
    return ids.get(key)


def _style_element(doc: Document, sid: str | None):
    if sid is None:
        return None
    return doc.styles.element.get_by_id(sid)


def _default_style_id(doc: Document, style_type: WD_STYLE_TYPE) -> str | None:
    kind = _STYLE_TYPE_VALUES[style_type]
    for el in doc.styles.element.findall(qn("w:style")):
        if el.get(qn("w:type")) == kind and el.get(qn("w:default")) in ("1", "true", "on"):
            return el.get(qn("w:styleId"))
    return None


def _unique_id(doc: Document, wanted: str) -> str:
    sid, n = wanted, 1
    while doc.styles.element.get_by_id(sid) is not None:
        n += 1
        sid = f"{wanted}{n}"
    return sid


def _add_style(doc: Document, name: str, style_type: WD_STYLE_TYPE, *, builtin: bool):
    """A new style named ``name`` with a unique id, based on the default paragraph style (Normal)."""
    style = doc.styles.add_style(name, style_type, builtin=builtin)
    sid = style.element.styleId
    if len(doc.styles.element.xpath(f'w:style[@w:styleId="{sid}"]')) > 1:  # the id is another style's
        n = 2
        while doc.styles.element.get_by_id(f"{sid}{n}") is not None:
            n += 1
        style.element.styleId = f"{sid}{n}"
    if style_type is WD_STYLE_TYPE.PARAGRAPH:
        normal = _default_style_id(doc, WD_STYLE_TYPE.PARAGRAPH)
        if normal and normal != style.element.styleId:
            style.element.basedOn_val = normal
            style.element.next_val = normal
    _STYLE_IDS.pop(doc.part, None)
    return style


def paragraph_style_id(doc: Document, name: str, create: Callable[[Document], object] | None = None) -> str | None:
    """The id of paragraph style ``name``; when the template lacks it, ``create(doc)`` makes it (or None)."""
    sid = style_id(doc, name)
    if sid is None and create is not None:
        create(doc)
        sid = style_id(doc, name)
    return sid


def _set_outline_level(style, level: int) -> None:
    """``w:outlineLvl`` (0-based) in the style's paragraph properties: a real heading for Word's navigation
    pane, its table of contents and the PDF's structure tags."""
    ppr = style.element.get_or_add_pPr()
    old = ppr.find(qn("w:outlineLvl"))
    if old is not None:
        ppr.remove(old)
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level - 1))
    _insert_in_order(ppr, el, ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"))


def _create_heading_style(doc: Document, level: int) -> None:
    style = _add_style(doc, f"Heading {level}", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
    style.quick_style = True
    style.priority = 9
    style.font.bold = True
    style.font.italic = level == 4 or None
    style.font.size = HEADING_SIZES[level]
    fmt = style.paragraph_format
    fmt.keep_with_next = True
    fmt.space_before = HEADING_SPACE_BEFORE[level]
    fmt.space_after = Pt(4)
    _set_outline_level(style, level)


def _create_title_style(doc: Document) -> None:
    style = _add_style(doc, "Title", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
    style.quick_style = True
    style.priority = 10
    style.font.size = TITLE_SIZE
    style.paragraph_format.space_after = Pt(12)


def _create_table_text_style(doc: Document) -> None:
    style = _add_style(doc, t.TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH, builtin=False)
    style.quick_style = True
    style.font.size = TABLE_TEXT_SIZE
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(1), Pt(1), 1.0


def _create_grid_table_style(doc: Document, name: str = t.TABLE_STYLE) -> None:
    """A simple table style: thin grey grid, a bold and lightly filled header row."""
    sid = _unique_id(doc, re.sub(r"[^A-Za-z0-9]", "", name) or "Table")
    based_on = _default_style_id(doc, WD_STYLE_TYPE.TABLE)
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{TABLE_BORDER_COLOR}"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{sid}">'
        f'<w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
        + '<w:uiPriority w:val="59"/><w:qFormat/>'
        f'<w:tblPr><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '</w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr></w:tblStylePr>'
        '</w:style>')
    doc.styles.element.append(parse_xml(xml))
    _STYLE_IDS.pop(doc.part, None)


def table_style_id(doc: Document, preferred: str | None = None) -> str:
    """The table style to use: ``preferred`` when the template has it, else the kit's "nplan tabell",
    else "Table Grid", else a new "nplan tabell" (a simple grid)."""
    for name in (preferred, t.TABLE_STYLE, GRID_TABLE_STYLE):
        if name and (sid := style_id(doc, name, WD_STYLE_TYPE.TABLE)):
            return sid
    _create_grid_table_style(doc)
    sid = style_id(doc, t.TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    assert sid is not None
    return sid


# --------------------------------------------------------------------------------------------
# Headings and paragraphs
# --------------------------------------------------------------------------------------------

@dataclass
class _Outline:
    """The heading levels written so far: the last level, and every level that had to be lifted."""

    last: int = 0
    adjusted: list[tuple[str, int, int]] = field(default_factory=list)


_OUTLINES: weakref.WeakKeyDictionary[object, _Outline] = weakref.WeakKeyDictionary()


def _outline(doc: Document) -> _Outline:
    outline = _OUTLINES.get(doc.part)
    if outline is None:
        outline = _OUTLINES[doc.part] = _Outline(last=_last_heading_level(doc))
    return outline


def _last_heading_level(doc: Document) -> int:
    """The level of the body's last heading (for a document the kit did not start)."""
    from toolkit.accessibility import heading_levels_of_styles, paragraph_heading_level

    levels = heading_levels_of_styles(doc.styles.element)
    last = 0
    for p in doc.element.body.iter(qn("w:p")):
        level = paragraph_heading_level(p, levels)
        if level:
            last = level
    return last


def heading_adjustments(doc: Document) -> list[tuple[str, int, int]]:
    """Headings whose level had to be lifted so that no level is skipped: (text, asked, written)."""
    return list(_outline(doc).adjusted)


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
    outline = _outline(doc)
    written = min(level, outline.last + 1)
    if written != level:
        outline.adjusted.append((text, level, written))
    outline.last = written
    sid = paragraph_style_id(doc, f"heading {written}", lambda d: _create_heading_style(d, written))
    return _styled_paragraph(doc, text.replace("\n", " "), sid)


def title(doc: Document, text: str) -> Paragraph:
    """The document's visible title in the "Title" style (created when missing). Not a heading level."""
    text = clean(text).strip()
    if not text:
        raise ValueError("a title needs a text")
    return _styled_paragraph(doc, text, paragraph_style_id(doc, "Title", _create_title_style))


def paragraph(doc: Document | _Cell, text: str = "", *, style_name: str | None = None) -> Paragraph:
    """A paragraph of plain text (a newline starts a new line in the same paragraph) in the named style when
    the template has it, else in the default paragraph style."""
    sid = style_id(_document_of(doc), style_name) if style_name else None
    p = _styled_paragraph(doc, "", sid)
    _add_text(p, clean(text))
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


def _add_text(p: Paragraph, text: str, *, bold: bool = False) -> None:
    for i, line in enumerate(text.split("\n")):
        run = p.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        if bold:
            run.bold = True


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
    text_sid = paragraph_style_id(doc, t.TABLE_TEXT_STYLE, _create_table_text_style)

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
        _insert_in_order(tbl._tbl.tblPr, tbl_w, ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
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
        _insert_in_order(tbl_pr, look, ("w:tblCaption", "w:tblDescription", "w:tblPrChange"))
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
            _insert_in_order(tbl_pr, el, successors)
        el.set(qn("w:val"), clean(value).replace("\n", " ").strip())


def _add_row(tbl: Table, texts: Sequence[str], widths: Sequence[int], text_sid: str | None, *,
             header: bool = False) -> None:
    row = tbl.add_row()
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)
    for cell, text, width in zip(row.cells, texts, widths):
        cell.width = width
        write_cell(cell, text, bold=header, style_id_=text_sid)


def write_cell(cell: _Cell, text: str, *, bold: bool = False, align: WD_ALIGN_PARAGRAPH | None = None,
               style_id_: str | None = None) -> Paragraph:
    """Put plain text in a cell (replacing what its first paragraph held); each line of ``text`` becomes a
    paragraph. Returns the first paragraph. ``style_id_`` defaults to the table text style."""
    if style_id_ is None:
        style_id_ = paragraph_style_id(_document_of(cell), t.TABLE_TEXT_STYLE, _create_table_text_style)
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
            if bold:
                run.bold = True
        if align is not None:
            p.alignment = align
    return first


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
    _insert_in_order(tc_pr, shd, ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
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


# --------------------------------------------------------------------------------------------
# The default template
# --------------------------------------------------------------------------------------------

# Styles the default template keeps of python-docx's own template (lower-case names); the rest go, so that
# a secretariat's style list is short. Word brings back any built-in style it needs from its latent styles.
_TEMPLATE_STYLES = {
    "normal", "default paragraph font", "normal table", "no list", "header", "footer", "heading 1",
    "heading 2", "heading 3", "heading 4", "title", "subtitle", "table grid", "caption", "list paragraph",
    "list bullet", "list number", "strong", "emphasis", "quote",
}


def default_template_document() -> Document:
    """The shipped default template, built in code: A4, 2 cm margins, Arial, Title and Heading 1-4, the
    table style "nplan tabell", the paragraph style "Tabelltext", an empty header in the Header style and
    a footer "Sida X av Y". Neutral: no region's name or logo (a secretariat adds its own in Word)."""
    doc = docx.Document()
    empty_body(doc)
    _drop_extras(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side, value in MARGINS.items():
        setattr(section, side, value)
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
    section.gutter = Cm(0)

    _prune_styles(doc)
    _template_defaults(doc)
    styles = doc.styles
    for sid_name in ("Title", *(f"heading {n}" for n in HEADING_LEVELS)):
        el = _style_element(doc, style_id(doc, sid_name))
        for tag in ("w:pPr", "w:rPr"):
            old = el.find(qn(tag))
            if old is not None:
                el.remove(old)
    title_style = styles["Title"]
    title_style.font.size = TITLE_SIZE
    title_style.font.color.rgb = HEADING_COLOR
    title_style.paragraph_format.space_after = Pt(12)
    for level in HEADING_LEVELS:
        style = styles[f"Heading {level}"]
        style.font.bold = True
        style.font.italic = level == 4 or None
        style.font.size = HEADING_SIZES[level]
        style.font.color.rgb = HEADING_COLOR
        fmt = style.paragraph_format
        fmt.keep_with_next = True
        fmt.space_before = HEADING_SPACE_BEFORE[level]
        fmt.space_after = Pt(4)
        _set_outline_level(style, level)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(9)
    _create_table_text_style(doc)
    _create_grid_table_style(doc)

    section.header.is_linked_to_previous = False
    head = section.header.paragraphs[0]
    head._p.style = style_id(doc, "header")
    section.footer.is_linked_to_previous = False
    foot = section.footer.paragraphs[0]
    foot._p.style = style_id(doc, "footer")
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run(t.FOOTER_PAGE)
    _field(foot, "PAGE")
    foot.add_run(t.FOOTER_OF)
    _field(foot, "NUMPAGES")

    set_properties(doc, title="", language=LANGUAGE)
    props = doc.core_properties
    props.comments = props.keywords = props.category = props.subject = ""
    props.revision = 1
    return doc


def build_default_template(path: str | os.PathLike[str] = DEFAULT_TEMPLATE) -> Path:
    """Write the default template (see :func:`default_template_document`) atomically to ``path``."""
    return save(default_template_document(), path)


# Parts of python-docx's own template a template does not need: Word 2010's copy of the styles (which would
# still list the styles pruned below), a thumbnail of python-docx's sample page, a bibliography store.
_EXTRA_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)


def _drop_extras(doc: Document) -> None:
    for rels in (doc.part.rels, doc.part.package.rels):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype in _EXTRA_RELATIONSHIPS]:
            rels.pop(r_id)


def _prune_styles(doc: Document) -> None:
    root = doc.styles.element
    kept: set[str] = set()
    for el in root.findall(qn("w:style")):
        name_el = el.find(qn("w:name"))
        name = (name_el.get(qn("w:val")) if name_el is not None else "").lower()
        if name in _TEMPLATE_STYLES:
            kept.add(el.get(qn("w:styleId")))
        else:
            root.remove(el)
    for el in root.findall(qn("w:style")):
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = el.find(qn(tag))
            if ref is not None and (tag == "w:link" or ref.get(qn("w:val")) not in kept):
                el.remove(ref)
    _STYLE_IDS.pop(doc.part, None)


def _template_defaults(doc: Document) -> None:
    """Named fonts in the document defaults instead of the theme's (LibreOffice falls back to a serif face
    for a theme font it lacks), body size, and paragraph spacing."""
    rpr = _default_run_properties(doc)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
    ppr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    spacing = ppr_default.find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")  # 6 pt
    spacing.set(qn("w:line"), "264")  # 1.1 lines
    spacing.set(qn("w:lineRule"), "auto")


def _field(p: Paragraph, instruction: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instruction} ")
    r = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    r.append(text)
    fld.append(r)
    p._p.append(fld)


# --------------------------------------------------------------------------------------------
# PDF through LibreOffice
# --------------------------------------------------------------------------------------------

_SOFFICE_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


def find_soffice() -> str | None:
    """LibreOffice's soffice on PATH, or where its installers put it on Windows and macOS."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _SOFFICE_PLACES if Path(p).is_file()), None)


def to_pdf(docx_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str], *, timeout: float = 180,
           soffice: str | None = None) -> Path:
    """Export a Word document as a tagged PDF (PDF/UA) with LibreOffice headless; return ``pdf_path``.

    Each run has its own LibreOffice profile in a temporary folder (runs may go in parallel, and a
    LibreOffice the user has open is not disturbed); the PDF is made there and then moved into place
    atomically. Raises PdfError (Swedish) when LibreOffice is missing, fails or exceeds ``timeout`` seconds.
    """
    source = Path(docx_path)
    if not source.is_file():
        raise PdfError(t.PDF_SOURCE_MISSING.format(path=source))
    exe = soffice or find_soffice()
    if exe is None:
        raise PdfError(t.SOFFICE_MISSING)
    with tempfile.TemporaryDirectory(prefix="nplan-pdf-") as tmp:
        work = Path(tmp)
        out = work / "out"
        out.mkdir()
        # A plain name: LibreOffice names its output after the input, and odd names are not its business.
        copy = work / ("dokument" + (source.suffix.lower() or ".docx"))
        try:
            shutil.copyfile(source, copy)
        except OSError as exc:
            raise PdfError(t.PDF_FAILED.format(path=source, detail=": " + os_reason(exc))) from exc
        cmd = [exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--invisible",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--convert-to", PDF_FILTER,
               "--outdir", str(out), str(copy)]
        stdout, stderr, code = _run(cmd, timeout, source)
        result = out / (copy.stem + ".pdf")
        if code != 0 or not result.is_file() or result.stat().st_size == 0:
            lines = [line for line in (stderr + "\n" + stdout).splitlines()
                     if line.strip() and "javaldx" not in line]
            detail = f" ({lines[-1].strip()[:300]})" if lines else ""
            raise PdfError(t.PDF_FAILED.format(path=source, detail=detail))
        return _write_atomic(Path(pdf_path), lambda f: f.write(result.read_bytes()))


def _run(cmd: list[str], timeout: float, source: Path) -> tuple[str, str, int]:
    posix = os.name != "nt"
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=posix)
    except OSError as exc:
        raise PdfError(t.PDF_FAILED.format(path=source, detail=": " + os_reason(exc))) from exc
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill(proc, posix)
        proc.communicate()
        raise PdfError(t.PDF_TIMEOUT.format(seconds=f"{timeout:g}", path=source)) from exc
    except BaseException:
        _kill(proc, posix)
        raise
    encoding = sys.getfilesystemencoding() or "utf-8"
    return out.decode(encoding, "replace"), err.decode(encoding, "replace"), proc.returncode


def _kill(proc: subprocess.Popen, posix: bool) -> None:
    """Stop LibreOffice and the processes it started (its own process group on POSIX)."""
    try:
        if posix:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass
