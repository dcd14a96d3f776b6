"""Reading an .xlsx package's XML directly, without a spreadsheet library: zip members, the workbook part,
the sheet parts by sheet name, and the formula cells of a worksheet.

The validation hot path uses this instead of openpyxl: python-calamine gives the values but not the
formula text, and a regular-expression scan of the few parts needed is much faster than parsing them.
Only mechanics live here (no words, no knowledge of what a return should hold).
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import struct
import zipfile
import zlib
from typing import Any

from openpyxl.utils.cell import column_index_from_string, get_column_letter

__all__ = ["read_member", "workbook_part", "sheet_parts", "scan_formulas", "translate_formula",
           "normalize_formula", "col_index", "col_letters"]


# ============================================================================================
# Zip members and parts
# ============================================================================================

def read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    """A zip member's bytes, decompressed straight from the archive's buffer when it can be.

    Faster than ``ZipFile.read`` for the few small parts a validation needs; never decompresses more
    than the member's declared size, and checks size and CRC. Raises zipfile.BadZipFile or KeyError.
    """
    info = zf.getinfo(name)
    buffer = getattr(zf.fp, "getbuffer", None)
    plain = info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) and not info.flag_bits & 0x1
    if buffer is None or not plain:
        return zf.read(name)
    data = buffer()
    offset = info.header_offset
    if bytes(data[offset: offset + 4]) != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header of {name}")
    name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_len + extra_len
    raw = bytes(data[start: start + info.compress_size])
    if info.compress_type == zipfile.ZIP_STORED:
        out = raw
    else:
        try:
            out = zlib.decompressobj(-15).decompress(raw, info.file_size + 1)
        except zlib.error as exc:
            raise zipfile.BadZipFile(f"{name}: {exc}") from exc
    if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
        raise zipfile.BadZipFile(f"{name}: size or CRC does not match")
    return out


_OFFICE_DOCUMENT_REL = re.compile(
    rb'<(?:\w+:)?Relationship\b[^>]*?Type="[^"]*/officeDocument"[^>]*>', re.S)
_TARGET = re.compile(rb'Target="([^"]*)"')


def workbook_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    """The workbook part: xl/workbook.xml in every normal file, else what the package relationships name.

    ``names`` are the archive's member names. Raises what ``read_member`` raises.
    """
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    if "_rels/.rels" in names:
        rels = read_member(zf, "_rels/.rels")
        m = _OFFICE_DOCUMENT_REL.search(rels)
        if m:
            t = _TARGET.search(m.group(0))
            if t:
                target = posixpath.normpath(t.group(1).decode("utf-8", "replace").lstrip("/"))
                if target in names:
                    return target
    return None


_SHEET_EL = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>", re.S)
_ATTR = re.compile(rb'([\w.:-]+)\s*=\s*"([^"]*)"')
_REL_EL = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>", re.S)

# (folder of the workbook part, (CRC, size) of the workbook part and of its relationships) -> parts
_SHEET_PARTS: dict[tuple[Any, ...], tuple[tuple[str, str], ...]] = {}


def sheet_parts(zf: zipfile.ZipFile, workbook_part: str = "xl/workbook.xml") -> dict[str, str]:
    """Sheet name -> the zip member holding its XML, from the workbook part and its relationships."""
    base = posixpath.dirname(workbook_part)
    rels_name = posixpath.join(base, "_rels", posixpath.basename(workbook_part) + ".rels")
    # Returns of one unit share these two parts: known by their CRC, they need not be read again.
    key = (base, *((i.CRC, i.file_size) for i in (zf.getinfo(workbook_part), zf.getinfo(rels_name))))
    parts = _SHEET_PARTS.get(key)
    if parts is None:
        parts = _parse_sheet_parts(read_member(zf, workbook_part), read_member(zf, rels_name), base)
        if len(_SHEET_PARTS) > 256:
            _SHEET_PARTS.clear()
        _SHEET_PARTS[key] = parts
    return dict(parts)


def _parse_sheet_parts(workbook_xml: bytes, rels_xml: bytes, base: str) -> tuple[tuple[str, str], ...]:
    targets: dict[str, str] = {}
    for m in _REL_EL.finditer(rels_xml):
        rel = dict(_ATTR.findall(m.group(1)))
        rid, target = rel.get(b"Id"), rel.get(b"Target")
        if rid and target:
            t = _xml_text(target)
            targets[rid.decode()] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(
                posixpath.join(base, t))
    out: list[tuple[str, str]] = []
    for m in _SHEET_EL.finditer(workbook_xml):
        attrs = _ATTR.findall(m.group(1))
        name = next((v for k, v in attrs if k == b"name"), None)
        rid = next((v for k, v in attrs if k.endswith(b":id") or k == b"id"), None)
        if name is not None and rid is not None and rid.decode() in targets:
            out.append((_xml_text(name), targets[rid.decode()]))
    return tuple(out)


# ============================================================================================
# Formula cells of a worksheet
# ============================================================================================

_R_ATTR = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_ROOT_PREFIX = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet\b")
_F_START: dict[bytes, re.Pattern[bytes]] = {}


def scan_formulas(xml: bytes) -> dict[tuple[int, int], str]:
    """(row, col) -> formula text of every formula cell in a worksheet's XML; shared formulas expanded.

    Finds the ``<f>`` elements and, for each, the ``<c>`` element it sits in (the nearest cell start
    before it): only formula cells are looked at, whatever the size of the sheet. The XML's namespace
    prefix (``<x:f>``) is taken from its root element.
    """
    root = _ROOT_PREFIX.search(xml, 0, 4096)
    prefix = (root.group(1) + b":") if root and root.group(1) else b""
    f_open = b"<" + prefix + b"f"
    if f_open not in xml:
        return {}
    pattern = _F_START.get(prefix)
    if pattern is None:
        pattern = _F_START[prefix] = re.compile(re.escape(f_open) + rb"[\s>/]")
    c_open = b"<" + prefix + b"c "
    out: dict[tuple[int, int], str] = {}
    anchors: dict[bytes, tuple[int, int, str]] = {}
    followers: list[tuple[int, int, bytes]] = []
    skip = len(f_open)
    for m in pattern.finditer(xml):
        s = m.start()
        gt = xml.find(b">", s)
        attrs = xml[s + skip: gt]
        if attrs.endswith(b"/"):
            raw = b""
        else:
            raw = xml[gt + 1: xml.find(b"<", gt + 1)]
        start = xml.rfind(c_open, 0, s)
        if start < 0:
            continue
        ref = _R_ATTR.search(xml, start, xml.find(b">", start))
        if ref is None:
            continue
        row, col = int(ref.group(2)), column_index_from_string(ref.group(1).decode())
        text = _xml_text(raw)
        if b"shared" in attrs:
            parsed = dict(_ATTR.findall(attrs))
            si = parsed.get(b"si")
            if parsed.get(b"t") == b"shared" and si is not None:
                if text:
                    anchors[si] = (row, col, text)
                else:
                    followers.append((row, col, si))
                    continue
        out[(row, col)] = text
    for row, col, si in followers:
        anchor = anchors.get(si)
        out[(row, col)] = translate_formula(anchor[2], row - anchor[0], col - anchor[1]) if anchor else ""
    return out


@functools.lru_cache(maxsize=8192)
def _xml_text(raw: bytes) -> str:
    """Element text as a string, XML entities resolved (cached: the same formulas recur in every file)."""
    text = raw.decode("utf-8")
    if "&" not in text:
        return text
    if "&#" in text:
        return html.unescape(text)
    return (text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&"))


# ============================================================================================
# Columns and formula text
# ============================================================================================

def col_index(letters: str) -> int:
    """"A" -> 1, "AB" -> 28 (one to three letters, any case)."""
    return column_index_from_string(letters)


def col_letters(index: int) -> str:
    """1 -> "A", 28 -> "AB"; "" for 0 or less. openpyxl's table covers A..ZZZ, computed beyond."""
    try:
        return get_column_letter(index)
    except ValueError:
        out = ""
        while index > 0:
            index, rem = divmod(index - 1, 26)
            out = chr(65 + rem) + out
        return out


# Cell references outside string literals and quoted sheet names.
_REF = re.compile(r"(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])")
_SEGMENTS = re.compile(r'("(?:[^"]|"")*"|\'(?:[^\']|\'\')*\')')


def translate_formula(text: str, rows: int, cols: int) -> str:
    """Move a formula's relative references by ``rows`` and ``cols`` (as Excel fills a shared formula)."""
    if not rows and not cols:
        return text

    def move(m: re.Match[str]) -> str:
        col_abs, letters, row_abs, number = m.groups()
        c = column_index_from_string(letters) + (0 if col_abs else cols)
        r = int(number) + (0 if row_abs else rows)
        if c < 1 or r < 1:
            return m.group(0)
        return f"{col_abs}{col_letters(c)}{row_abs}{r}"

    parts = _SEGMENTS.split(text)
    return "".join(p if i % 2 else _REF.sub(move, p) for i, p in enumerate(parts))


_BOOL_CALL = re.compile(r"(?<![A-Z0-9_.])(TRUE|FALSE)\(\)")
_SPACE = re.compile(r"\s+")


def normalize_formula(text: str) -> str:
    """A formula's text for comparing: no "=", no spaces or "$" or _xlfn. prefixes, TRUE() as TRUE,
    upper case outside string literals."""
    parts = _SEGMENTS.split(text.strip().removeprefix("="))
    out = []
    for i, p in enumerate(parts):
        if i % 2:
            out.append(p)
        else:
            p = _SPACE.sub("", p).upper().replace("$", "")
            p = p.replace("_XLFN.", "").replace("_XLWS.", "")
            out.append(_BOOL_CALL.sub(r"\1", p))  # LibreOffice writes TRUE() and FALSE()
    return "".join(out)
