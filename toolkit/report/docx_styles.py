"""The Word kit's base: text as a document can hold it, the document's title and language, and styles looked
up by name (case-insensitively) and used by their real id, created only where a template lacks them.

Styles are always looked up by name (Word writes "heading 1", LibreOffice writes "Heading 1"), and paragraphs
get the style's real id (a Swedish Word may call it "Rubrik1"). A style the kit creates is based on the
template's default paragraph style (Normal), so that it takes the template's font.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Pt, RGBColor

from toolkit import excel
from toolkit.excel import styles as palette
from toolkit.report.accessibility import heading_levels_of_styles, paragraph_heading_level
from toolkit.texts import document as td
from toolkit.texts import docx_kit as tkit

LANGUAGE = "sv-SE"
HEADING_LEVELS = range(1, 5)  # Heading 1 .. Heading 4
GRID_TABLE_STYLE = "Table Grid"

# The default template's look (a secretariat restyles it in Word), and the look of a style the kit creates
# in a template that lacks it.
FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans where Arial is missing
BODY_SIZE = Pt(11)
HEADING_COLOR = RGBColor.from_string(palette.ACCENT)  # dark blue, contrast 8.6:1 on white
HEADING_SIZES = {1: Pt(16), 2: Pt(13), 3: Pt(12), 4: Pt(11)}
HEADING_SPACE_BEFORE = {1: Pt(18), 2: Pt(12), 3: Pt(10), 4: Pt(8)}
TITLE_SIZE = Pt(24)
TABLE_TEXT_SIZE = Pt(10)
HEADER_FILL = palette.GOAL_BAND
TABLE_BORDER_COLOR = palette.BORDER_COLOUR


@dataclass(frozen=True)
class ParagraphLook:
    """How a paragraph style the kit creates looks (only where the template lacks a style of that name)."""

    size: Length | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: RGBColor | None = None
    left_indent: Length | None = None
    space_before: Length | None = None
    space_after: Length | None = None
    keep_with_next: bool | None = None
    based_on: str | None = None  # a style name; default the template's Normal


NOTE_COLOR = RGBColor.from_string(palette.NOTE_COLOUR)
# The committee's documents' own paragraph styles: in the default template (a secretariat restyles them
# there) and created with this look in a region's template that lacks them.
DOCUMENT_STYLES = {
    td.STYLE_NOTE: ParagraphLook(size=Pt(9), italic=True, color=NOTE_COLOR),
    td.STYLE_ANALYSIS: ParagraphLook(left_indent=Cm(0.6), space_after=Pt(4)),
    td.STYLE_TABLE_NOTE: ParagraphLook(size=Pt(8), italic=True, color=NOTE_COLOR, based_on=tkit.TABLE_TEXT_STYLE,
                                       space_before=Pt(0), space_after=Pt(1)),
    td.STYLE_FORMULATION: ParagraphLook(bold=True, space_before=Pt(6), keep_with_next=True),
}


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------

def clean(text: object) -> str:
    """A text safe for a document: the characters XML cannot hold dropped (as in a workbook's cells, see
    ``excel.clean_text``), line ends as newlines."""
    s = "" if text is None else str(text)
    return excel.clean_text(s.replace("\r\n", "\n").replace("\r", "\n"))


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
    fill_title_fields(doc, props.title)
    props.subject = clean(subject)
    props.author = clean(author)
    props.last_modified_by = clean(author)
    props.language = language

    rpr = default_run_properties(doc)
    _set_lang(rpr, language)
    normal = style_element(doc, default_style_id(doc, WD_STYLE_TYPE.PARAGRAPH))
    if normal is not None:
        normal_rpr = normal.find(qn("w:rPr"))
        if normal_rpr is not None and normal_rpr.find(qn("w:lang")) is not None:
            _set_lang(normal_rpr, language)

    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        insert_in_order(settings, theme_lang, _SETTINGS_AFTER_THEME_FONT_LANG)
    theme_lang.set(qn("w:val"), language)


_TITLE_XPATH = re.compile(r":title(\[1\])?$")


def fill_title_fields(doc: Document, title: str) -> None:
    """Show ``title`` where the template's headers and footers show the document's title: a TITLE field (simple
    or complex) or a content control bound to the title property. Word and LibreOffice update such fields
    themselves; the text written here is what a reader sees before they do."""
    for part in _story_parts(doc):
        root = part.element
        for fld in root.iter(qn("w:fldSimple")):
            if _is_title_field(fld.get(qn("w:instr"), "")):
                _set_result(list(fld.iter(qn("w:t"))), fld, title)
        for instr in root.iter(qn("w:instrText")):
            if _is_title_field(instr.text or ""):
                _set_result(_complex_field_result(instr), None, title)
        for binding in root.iter(qn("w:dataBinding")):
            if _TITLE_XPATH.search(binding.get(qn("w:xpath")) or ""):
                content = binding.getparent().getparent().find(qn("w:sdtContent"))
                if content is not None:
                    _set_result(list(content.iter(qn("w:t"))), None, title)


def _story_parts(doc: Document) -> list[Any]:
    types = ("header+xml", "footer+xml")
    return [p for p in doc.part.package.iter_parts() if str(p.content_type).endswith(types)]


def _is_title_field(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() == "TITLE"


def _complex_field_result(instr: Any) -> list[Any]:
    """The w:t elements between a complex field's 'separate' and 'end' marks (the field's shown result)."""
    run = instr.getparent()
    texts, showing = [], False
    for sibling in run.itersiblings():
        mark = sibling.find(qn("w:fldChar"))
        kind = mark.get(qn("w:fldCharType")) if mark is not None else None
        if kind == "separate":
            showing = True
        elif kind == "end":
            break
        elif showing:
            texts += list(sibling.iter(qn("w:t")))
    return texts


def _set_result(texts: list[Any], field_el: Any, title: str) -> None:
    if texts:
        texts[0].text = title
        for extra in texts[1:]:
            extra.text = ""
    elif field_el is not None:
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = title
        run.append(text)
        field_el.append(run)


_SETTINGS_AFTER_THEME_FONT_LANG = (
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "w:schemaLibrary", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def default_run_properties(doc: Document):
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
        insert_in_order(rpr, lang, _RPR_AFTER_LANG)
    lang.set(qn("w:val"), language)


def insert_in_order(parent, child, successors: Sequence[str]) -> None:
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


def style_element(doc: Document, sid: str | None):
    if sid is None:
        return None
    return doc.styles.element.get_by_id(sid)


def default_style_id(doc: Document, style_type: WD_STYLE_TYPE) -> str | None:
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
        normal = default_style_id(doc, WD_STYLE_TYPE.PARAGRAPH)
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


def set_outline_level(style, level: int) -> None:
    """``w:outlineLvl`` (0-based) in the style's paragraph properties: a real heading for Word's navigation
    pane, its table of contents and the PDF's structure tags."""
    ppr = style.element.get_or_add_pPr()
    old = ppr.find(qn("w:outlineLvl"))
    if old is not None:
        ppr.remove(old)
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level - 1))
    insert_in_order(ppr, el, ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"))


def create_heading_style(doc: Document, level: int) -> None:
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
    set_outline_level(style, level)


def create_title_style(doc: Document) -> None:
    style = _add_style(doc, "Title", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
    style.quick_style = True
    style.priority = 10
    style.font.size = TITLE_SIZE
    style.paragraph_format.space_after = Pt(12)


def create_table_text_style(doc: Document) -> None:
    style = _add_style(doc, tkit.TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH, builtin=False)
    style.quick_style = True
    style.font.size = TABLE_TEXT_SIZE
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(1), Pt(1), 1.0


def create_grid_table_style(doc: Document, name: str = tkit.TABLE_STYLE) -> None:
    """A simple table style: thin grey grid, a bold and lightly filled header row."""
    sid = _unique_id(doc, re.sub(r"[^A-Za-z0-9]", "", name) or "Table")
    based_on = default_style_id(doc, WD_STYLE_TYPE.TABLE)
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
    for name in (preferred, tkit.TABLE_STYLE, GRID_TABLE_STYLE):
        if name and (sid := style_id(doc, name, WD_STYLE_TYPE.TABLE)):
            return sid
    create_grid_table_style(doc)
    sid = style_id(doc, tkit.TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    assert sid is not None
    return sid


# --------------------------------------------------------------------------------------------
# Heading levels written so far (headings never skip a level)
# --------------------------------------------------------------------------------------------

@dataclass
class _Outline:
    """The heading levels written so far: the last level, and every level that had to be lifted."""

    last: int = 0
    adjusted: list[tuple[str, int, int]] = field(default_factory=list)


_OUTLINES: weakref.WeakKeyDictionary[object, _Outline] = weakref.WeakKeyDictionary()


def outline(doc: Document) -> _Outline:
    """The heading levels written so far in ``doc``."""
    found = _OUTLINES.get(doc.part)
    if found is None:
        found = _OUTLINES[doc.part] = _Outline(last=_last_heading_level(doc))
    return found


def forget_outline(doc: Document) -> None:
    """Forget the heading levels of ``doc`` (its body was emptied)."""
    _OUTLINES.pop(doc.part, None)


def _last_heading_level(doc: Document) -> int:
    """The level of the body's last heading (for a document the kit did not start)."""
    levels = heading_levels_of_styles(doc.styles.element)
    last = 0
    for p in doc.element.body.iter(qn("w:p")):
        level = paragraph_heading_level(p, levels)
        if level:
            last = level
    return last


def forget_style_ids(doc: Document) -> None:
    """Forget the looked-up style ids of ``doc`` (styles were removed or renamed)."""
    _STYLE_IDS.pop(doc.part, None)


def ensure_paragraph_style(doc: Document, name: str, look: ParagraphLook = ParagraphLook()) -> str:
    """The id of paragraph style ``name``; when the template lacks it, a new style with ``look``, based on
    ``look.based_on`` (or Normal). A template that has the style keeps its own look: a region restyles it."""
    sid = style_id(doc, name)
    if sid is not None:
        return sid
    style = _add_style(doc, name, WD_STYLE_TYPE.PARAGRAPH, builtin=False)
    style.quick_style = True
    if look.based_on and (base := style_id(doc, look.based_on)) and base != style.element.styleId:
        style.element.basedOn_val = base
    font, fmt = style.font, style.paragraph_format
    if look.size is not None:
        font.size = look.size
    if look.bold is not None:
        font.bold = look.bold
    if look.italic is not None:
        font.italic = look.italic
    if look.color is not None:
        font.color.rgb = look.color
    for attr in ("left_indent", "space_before", "space_after", "keep_with_next"):
        value = getattr(look, attr)
        if value is not None:
            setattr(fmt, attr, value)
    _STYLE_IDS.pop(doc.part, None)
    found = style_id(doc, name)
    if found is None:  # add_style names the style as given: this cannot happen
        raise RuntimeError(f"style {name!r} was not created")
    return found
