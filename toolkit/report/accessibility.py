"""Accessibility checks of the committee's documents: the .docx and the tagged PDF made from it.

What Swedish public bodies must publish accessibly (EN 301 549 / WCAG 2.1 AA) and what a program can
check in the file: a title, the language (sv-SE), real headings whose levels do not skip, table header rows
that repeat on each page, no merged cells, alternative text on every picture and chart; and for a PDF, the
structure tree (tags), MarkInfo Marked true, a language and a title.

Each problem has a stable kebab-case code and a Swedish message (``toolkit.texts.docx_kit.PROBLEMS``).
The checks read the files only; they never change them.

PDFs are read with pypdf (BSD licence, pure Python, maintained by the py-pdf organisation): LibreOffice
writes compressed object streams and cross-reference streams in some versions and settings, which a small
hand-written parser would get wrong. pypdf is an optional dependency (``nplan[pdf]``, and in ``test``);
:func:`check_pdf_tagged` raises an NplanError with a Swedish message when it is missing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from toolkit.core.errors import InputError, NplanError
from toolkit.texts import docx_kit as tkit

LANGUAGE = "sv-SE"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
VML = "urn:schemas-microsoft-com:vml"
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
CT_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"

_HEADING_NAME = re.compile(r"^heading ([1-9])$", re.IGNORECASE)
# An "alternative text" that is only a file name (python-docx and some programs write the file's name).
_FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)$", re.IGNORECASE)
_OFF = ("0", "false", "off")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Problem:
    """One accessibility problem: a stable code and a Swedish message."""

    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _problem(code: str, **params: object) -> Problem:
    return Problem(code, tkit.PROBLEMS[code].format(**params))


# --------------------------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------------------------

def check_docx(path: str | os.PathLike[str], *, language: str = LANGUAGE) -> list[Problem]:
    """Every accessibility problem of a .docx file, in document order per kind (empty when none)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not Path(path).is_file():
        raise InputError(tkit.NOT_A_DOCX.format(path=path, reason=tkit.TEMPLATE_MISSING))
    try:
        doc = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, OSError) as exc:
        raise InputError(tkit.NOT_A_DOCX.format(path=path, reason=f"{type(exc).__name__}: {exc}")) from exc
    return check_document(doc, language=language)


def check_document(doc: Any, *, language: str = LANGUAGE) -> list[Problem]:
    """The checks of :func:`check_docx` on a python-docx Document in memory."""
    problems: list[Problem] = []
    if not (doc.core_properties.title or "").strip():
        problems.append(_problem("title-missing"))
    found = document_language(doc.styles.element)
    if (found or "").lower() != language.lower():
        problems.append(_problem("language-not-swedish", found=found or tkit.NO_LANGUAGE, expected=language))
    body = doc.element.body
    problems += _heading_problems(body, heading_levels_of_styles(doc.styles.element))
    problems += _table_problems(body)
    problems += _picture_problems(body, tkit.WHERE_BODY)
    for part in doc.part.package.iter_parts():
        where = {CT_HEADER: tkit.WHERE_HEADER, CT_FOOTER: tkit.WHERE_FOOTER}.get(part.content_type)
        if where is not None:
            problems += _picture_problems(part.element, where)
    return problems


def document_language(styles: Any) -> str | None:
    """The language of the document's ordinary text: the Normal style's w:lang, else the document
    defaults' (``w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val``)."""
    for style in styles.findall(_w("style")):
        if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true", "on"):
            lang = style.find(f"{_w('rPr')}/{_w('lang')}")
            if lang is not None and lang.get(_w("val")):
                return lang.get(_w("val"))
    lang = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}/{_w('lang')}")
    return lang.get(_w("val")) if lang is not None else None


def heading_levels_of_styles(styles: Any) -> dict[str, int]:
    """Paragraph style id -> heading level (1-9), for the styles that make a heading: an outline level
    (``w:outlineLvl`` 0-8, own or inherited through basedOn) or a built-in name "heading N"."""
    by_id = {s.get(_w("styleId")): s for s in styles.findall(_w("style")) if s.get(_w("type")) == "paragraph"}

    def level_of(sid: str, seen: set[str]) -> int | None:
        style = by_id.get(sid)
        if style is None or sid in seen:
            return None
        outline = style.find(f"{_w('pPr')}/{_w('outlineLvl')}")
        if outline is not None:
            value = int(outline.get(_w("val"), "9"))
            return value + 1 if value < 9 else None
        name = style.find(_w("name"))
        match = _HEADING_NAME.match(name.get(_w("val"), "")) if name is not None else None
        if match:
            return int(match.group(1))
        based = style.find(_w("basedOn"))
        return level_of(based.get(_w("val")), seen | {sid}) if based is not None else None

    levels = {}
    for sid in by_id:
        level = level_of(sid, set())
        if level:
            levels[sid] = level
    return levels


def paragraph_heading_level(p: Any, levels: dict[str, int]) -> int | None:
    """The heading level of a w:p element: its own outline level, else its style's (None: not a heading)."""
    ppr = p.find(_w("pPr"))
    if ppr is not None:
        outline = ppr.find(_w("outlineLvl"))
        if outline is not None:
            value = int(outline.get(_w("val"), "9"))
            return value + 1 if value < 9 else None
        style = ppr.find(_w("pStyle"))
        if style is not None:
            return levels.get(style.get(_w("val")))
    return None


def _text(el: Any) -> str:
    return "".join(node.text or "" for node in el.iter(_w("t"))).strip()


def _heading_problems(body: Any, levels: dict[str, int]) -> list[Problem]:
    problems = []
    previous, previous_text, seen = 0, "", False
    for p in body.iter(_w("p")):
        level = paragraph_heading_level(p, levels)
        if not level:
            continue
        seen = True
        text = _text(p)
        if not text:
            problems.append(_problem("heading-empty", level=level, previous_text=_shorten(previous_text)))
        elif level > previous + 1:
            problems.append(_problem("heading-skips-level", text=_shorten(text), level=level, previous=previous))
        previous = level
        previous_text = text or previous_text
    if not seen:
        problems.append(_problem("no-heading"))
    return problems


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _table_problems(body: Any) -> list[Problem]:
    problems = []
    for number, tbl in enumerate(body.iter(_w("tbl")), start=1):
        rows = tbl.findall(_w("tr"))
        first = _shorten(" ".join(filter(None, (_text(tc) for tc in rows[0].findall(_w("tc"))))), 40) if rows else ""
        first = first or tkit.TABLE_EMPTY
        header = rows[0].find(f"{_w('trPr')}/{_w('tblHeader')}") if rows else None
        if header is None or header.get(_w("val"), "1").lower() in _OFF:
            problems.append(_problem("table-no-header-row", number=number, first=first))
        if _has_merged_cells(rows):
            problems.append(_problem("table-merged-cells", number=number, first=first))
    return problems


def _has_merged_cells(rows: list[Any]) -> bool:
    for tr in rows:
        for tc in tr.findall(_w("tc")):
            tc_pr = tc.find(_w("tcPr"))
            if tc_pr is None:
                continue
            span = tc_pr.find(_w("gridSpan"))
            if span is not None and int(span.get(_w("val"), "1")) > 1:
                return True
            if tc_pr.find(_w("vMerge")) is not None or tc_pr.find(_w("hMerge")) is not None:
                return True
    return False


def _picture_problems(root: Any, where: str) -> list[Problem]:
    problems = []
    for name, alt, decorative in _pictures(root):
        if decorative:
            continue
        if not alt or _FILE_NAME.match(alt):
            problems.append(_problem("picture-no-alt-text", where=where, name=name or "?"))
    return problems


def _pictures(root: Any) -> Iterator[tuple[str, str, bool]]:
    """(name, alternative text, marked decorative) of every DrawingML and VML picture or chart."""
    for doc_pr in root.iter(f"{{{WP}}}docPr"):
        decorative = any(el.get("val") in ("1", "true") for el in doc_pr.iter(f"{{{DECORATIVE}}}decorative"))
        yield doc_pr.get("name", ""), (doc_pr.get("descr") or "").strip(), decorative
    for shape in root.iter(f"{{{VML}}}shape"):
        if shape.find(f"{{{VML}}}imagedata") is not None:
            yield shape.get("id", ""), (shape.get("alt") or "").strip(), False


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------

def check_pdf_tagged(path: str | os.PathLike[str], *, language: str = LANGUAGE) -> list[Problem]:
    """The PDF catalog's accessibility marks: /StructTreeRoot, /MarkInfo << /Marked true >>, /Lang (in the
    language's family, "sv" for sv-SE) and a document title (Info or XMP)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as exc:
        raise NplanError(tkit.PYPDF_MISSING) from exc
    try:
        reader = PdfReader(str(Path(path)))
        root: Any = reader.trailer["/Root"].get_object()
        mark_info = root.get("/MarkInfo")
        marked = mark_info.get_object().get("/Marked") if mark_info is not None else None
        lang = root.get("/Lang")
        title = _pdf_title(reader)
        tagged = "/StructTreeRoot" in root
    except (PyPdfError, OSError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise InputError(tkit.NOT_A_PDF.format(path=path, reason=f"{type(exc).__name__}: {exc}")) from exc
    problems = []
    if not tagged:
        problems.append(_problem("pdf-not-tagged"))
    if getattr(marked, "value", marked) is not True:
        problems.append(_problem("pdf-not-marked"))
    lang_text = str(lang.get_object()).strip() if lang is not None else ""
    if not lang_text:
        problems.append(_problem("pdf-no-language"))
    elif lang_text.lower().split("-")[0] != language.lower().split("-")[0]:
        problems.append(_problem("pdf-language-not-swedish", found=lang_text))
    if not title:
        problems.append(_problem("pdf-title-missing"))
    return problems


def _pdf_title(reader: Any) -> str:
    info = reader.metadata
    if info is not None and info.title and str(info.title).strip():
        return str(info.title).strip()
    xmp = reader.xmp_metadata
    titles = getattr(xmp, "dc_title", None) if xmp is not None else None
    if titles:
        return next((str(v).strip() for v in titles.values() if str(v).strip()), "")
    return ""
