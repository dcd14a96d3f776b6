"""The region's Word template: opening it (.docx or .dotx) with its body emptied, and the shipped default
template that a secretariat opens and restyles in Word (``workbook_templates/dokumentmall.docx``).

The default template is built in code (:func:`default_template_document`); the committed file is what a
secretariat starts from, and a test keeps the two equal. Where the repository's files are not installed,
:func:`open_template` builds the default in memory instead of reading the file.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

import toolkit
from toolkit import excel
from toolkit.core.errors import InputError, os_reason
from toolkit.report.docx_styles import (
    BODY_SIZE,
    DOCUMENT_STYLES,
    FONT,
    HEADING_COLOR,
    HEADING_LEVELS,
    HEADING_SIZES,
    HEADING_SPACE_BEFORE,
    LANGUAGE,
    TITLE_SIZE,
    create_grid_table_style,
    create_table_text_style,
    default_run_properties,
    ensure_paragraph_style,
    forget_outline,
    forget_style_ids,
    set_outline_level,
    set_properties,
    style_element,
    style_id,
)
from toolkit.texts import docx_kit as tkit

# Beside the package, as the demo finds the example (an installed package without the repository's files
# builds the default template in memory instead).
DEFAULT_TEMPLATE = Path(toolkit.__file__).resolve().parent.parent / "workbook_templates" / "dokumentmall.docx"

CT_DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
CT_MACRO_MAINS = ("application/vnd.ms-word.document.macroEnabled.main+xml",
                  "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGINS = {"top_margin": Cm(2.0), "bottom_margin": Cm(2.0), "left_margin": Cm(2.0), "right_margin": Cm(2.0)}
HEADER_DISTANCE, FOOTER_DISTANCE = Cm(1.0), Cm(1.0)


class TemplateError(InputError):
    """A Word template that cannot be used (missing, not Word, damaged, with macros)."""


def document_bytes(doc: Document) -> bytes:
    """The document as a .docx file's bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


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
        raise _template_error(source, tkit.TEMPLATE_DAMAGED.format(detail=_short(exc))) from exc
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
    forget_outline(doc)


def _template_error(path: Path, reason: str) -> TemplateError:
    return TemplateError(tkit.TEMPLATE_UNUSABLE.format(path=path, reason=reason))


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def _read_template(path: Path) -> bytes:
    if path.is_dir():
        raise _template_error(path, tkit.TEMPLATE_IS_FOLDER)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise _template_error(path, tkit.TEMPLATE_MISSING) from exc
    except OSError as exc:
        raise _template_error(path, tkit.TEMPLATE_UNREADABLE.format(reason=os_reason(exc))) from exc


def _as_document_package(data: bytes, path: Path) -> bytes:
    """The package as python-docx accepts it: a Word template's (.dotx) main part gets the document
    content type (python-docx refuses any other); nothing else changes."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _template_error(path, tkit.TEMPLATE_NOT_ZIP)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            content_types = z.read("[Content_Types].xml")
            main_type = _main_content_type(content_types, z.read("_rels/.rels"))
            if main_type == CT_DOCUMENT_MAIN:
                return data
            if main_type in CT_MACRO_MAINS:
                raise _template_error(path, tkit.TEMPLATE_MACROS)
            if main_type != CT_TEMPLATE_MAIN:
                raise _template_error(path, tkit.TEMPLATE_NOT_WORD.format(content_type=main_type or "?"))
            patched = content_types.replace(CT_TEMPLATE_MAIN.encode(), CT_DOCUMENT_MAIN.encode())
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as dest:
                for info in z.infolist():
                    body = patched if info.filename == "[Content_Types].xml" else z.read(info)
                    dest.writestr(info, body, compress_type=info.compress_type)
            return out.getvalue()
    except KeyError as exc:  # no [Content_Types].xml or no package relationships: not an Office file
        raise _template_error(path, tkit.TEMPLATE_NOT_ZIP) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _template_error(path, tkit.TEMPLATE_DAMAGED.format(detail=_short(exc))) from exc


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
    table style "nplan tabell", the paragraph style "Tabelltext" and the documents' own styles, an empty
    header in the Header style and a footer "TITEL · Sida X av Y" (the title as a field). Neutral: no
    region's name or logo (a secretariat adds its own in Word)."""
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
        el = style_element(doc, style_id(doc, sid_name))
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
        set_outline_level(style, level)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(9)
    create_table_text_style(doc)
    create_grid_table_style(doc)
    for name, look in DOCUMENT_STYLES.items():
        ensure_paragraph_style(doc, name, look)

    section.header.is_linked_to_previous = False
    head = section.header.paragraphs[0]
    head._p.style = style_id(doc, "header")
    section.footer.is_linked_to_previous = False
    foot = section.footer.paragraphs[0]
    foot._p.style = style_id(doc, "footer")
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(foot, "TITLE", "")  # the document's title (set_properties fills it in)
    foot.add_run(tkit.FOOTER_SEPARATOR + tkit.FOOTER_PAGE)
    _field(foot, "PAGE")
    foot.add_run(tkit.FOOTER_OF)
    _field(foot, "NUMPAGES")

    set_properties(doc, title="", language=LANGUAGE)
    props = doc.core_properties
    props.comments = props.keywords = props.category = props.subject = ""
    props.revision = 1
    return doc


def build_default_template(path: str | os.PathLike[str] = DEFAULT_TEMPLATE) -> Path:
    """Write the default template (see :func:`default_template_document`) atomically to ``path``."""
    return excel.write_atomic_bytes(document_bytes(default_template_document()), path)


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
    forget_style_ids(doc)


def _template_defaults(doc: Document) -> None:
    """Named fonts in the document defaults instead of the theme's (LibreOffice falls back to a serif face
    for a theme font it lacks), body size, and paragraph spacing."""
    rpr = default_run_properties(doc)
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


def _field(p: Paragraph, instruction: str, shown: str = "1") -> None:
    """A simple field (PAGE, NUMPAGES, TITLE) that Word and LibreOffice fill in; ``shown`` until they do."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instruction} ")
    r = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    r.append(text)
    fld.append(r)
    p._p.append(fld)
