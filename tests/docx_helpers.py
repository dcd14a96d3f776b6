"""Helpers for the Word kit's tests: a tiny PNG, templates as regions make them, reading a .docx back."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import docx
from docx.oxml.ns import qn

from toolkit.report import docx_kit as kit

LOGO_ALT = "Region Västerbottens logotyp"
HEADING_FONT = "Georgia"
HEADING_COLOR = "C00000"


def png(width: int = 60, height: int = 24, rgb: tuple[int, int, int] = (0x1F, 0x38, 0x64)) -> bytes:
    """A small solid-colour PNG, written by hand (no imaging library needed)."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def restyled_template(path: Path) -> Path:
    """The default template as a region restyles it in Word: another heading font and colour, its logo in
    the header (with alternative text), a footer line of its own."""
    doc = docx.Document(str(kit.DEFAULT_TEMPLATE))
    for level in (1, 2):
        style = doc.styles[f"Heading {level}"]
        style.font.name = HEADING_FONT
        style.font.color.rgb = docx.shared.RGBColor.from_string(HEADING_COLOR)
    doc.styles["Heading 1"].font.size = docx.shared.Pt(20)
    header = doc.sections[0].header
    kit.picture(header.paragraphs[0], png(rgb=(0xC0, 0x00, 0x00)), alt_text=LOGO_ALT, width_cm=4)
    footer = doc.sections[0].footer.add_paragraph("Region Västerbotten · Regionala utvecklingsnämnden")
    footer.style = doc.styles["Footer"]
    doc.add_paragraph("Mallens exempeltext, som ska bort.")
    doc.save(str(path))
    return path


def rewrite_parts(data: bytes, change) -> bytes:
    """A copy of a package whose XML parts went through ``change(name, text) -> text``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith((".xml", ".rels")):
                body = change(info.filename, body.decode("utf-8")).encode("utf-8")
            dest.writestr(info, body)
    return out.getvalue()


# A Swedish Word's ids for the built-in styles; the names in styles.xml stay English ("heading 1").
SWEDISH_IDS = {"Heading1": "Rubrik1", "Heading2": "Rubrik2", "Heading3": "Rubrik3", "Heading4": "Rubrik4",
               "Title": "Rubrik", "Header": "Sidhuvud", "Footer": "Sidfot", "TableGrid": "Tabellrutnt"}


def swedish_template(path: Path, *, without: tuple[str, ...] = ()) -> Path:
    """The default template with a Swedish Word's style ids ("Rubrik1" named "heading 1"), and without the
    styles named in ``without`` (their names, e.g. "nplan tabell")."""
    doc = docx.Document(str(kit.DEFAULT_TEMPLATE))
    for name in without:
        for el in doc.styles.element.findall(qn("w:style")):
            if el.find(qn("w:name")).get(qn("w:val")).lower() == name.lower():
                doc.styles.element.remove(el)
    buffer = io.BytesIO()
    doc.save(buffer)
    # Ids and references to them; never the names.
    pattern = re.compile(r'(w:styleId|<w:(?:basedOn|next|link|pStyle|rStyle|tblStyle) w:val)="('
                         + "|".join(SWEDISH_IDS) + r')"')
    path.write_bytes(rewrite_parts(buffer.getvalue(),
                                   lambda _name, text: pattern.sub(lambda m: f'{m[1]}="{SWEDISH_IDS[m[2]]}"', text)))
    return path


def as_dotx(source: Path, path: Path) -> Path:
    """The same package saved as a Word template (.dotx): only the main part's content type differs."""
    path.write_bytes(rewrite_parts(source.read_bytes(), lambda _name, text: text.replace(
        kit.CT_DOCUMENT_MAIN, kit.CT_TEMPLATE_MAIN)))
    return path


def style_of(doc, paragraph) -> str:
    """The style id a paragraph names."""
    return paragraph._p.pPr.pStyle.val


def style_element(doc, name: str):
    sid = kit.style_id(doc, name)
    return doc.styles.element.get_by_id(sid)
