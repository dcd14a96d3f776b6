"""The accessibility checker: good documents pass, each kind of fault is found with its code, and a PDF's
tags are checked (PDFs made here with pypdf, and by LibreOffice with and without tags)."""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx_helpers import png
from libreoffice import SOFFICE, requires_libreoffice_writer
from test_docx_kit import sample

from toolkit.core.errors import InputError, NplanError
from toolkit.report import accessibility as acc
from toolkit.report import docx_kit as kit
from toolkit.texts import docx_kit as t


def codes(problems: list[acc.Problem]) -> list[str]:
    return [p.code for p in problems]


@pytest.fixture()
def good():
    doc = kit.open_template()
    sample(doc)
    return doc


def _raw_heading(doc, text: str, level: int):
    """A heading written around the kit (which would lift the level), as another program might."""
    p = doc.add_paragraph(text)
    p._p.style = kit.style_id(doc, f"heading {level}")
    return p


def test_a_document_written_with_the_kit_passes(good, tmp_path):
    assert acc.check_document(good) == []
    assert acc.check_docx(kit.save(good, tmp_path / "bra.docx")) == []


def test_missing_title_and_english_language():
    doc = docx.Document()  # python-docx's template: no title, en-US
    doc.add_heading("Rubrik", 1)
    problems = acc.check_document(doc)
    assert codes(problems) == ["title-missing", "language-not-swedish"]
    assert "en-US" in problems[1].message and "sv-SE" in problems[1].message


def test_the_normal_styles_language_wins_over_the_defaults(good):
    normal = good.styles.element.get_by_id("Normal")
    rpr = normal.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    rpr.append(lang)
    assert codes(acc.check_document(good)) == ["language-not-swedish"]
    kit.set_properties(good, title="Nämndplan 2026")
    assert acc.check_document(good) == []


def test_no_heading():
    doc = kit.open_template()
    kit.set_properties(doc, title="Utan rubriker")
    doc.add_paragraph("Bara text.")
    assert codes(acc.check_document(doc)) == ["no-heading"]


def test_a_skipped_heading_level(good):
    _raw_heading(good, "Kapitel", 1)
    _raw_heading(good, "För djupt", 3)
    problems = acc.check_document(good)
    assert codes(problems) == ["heading-skips-level"]
    assert "För djupt" in problems[0].message and "nivå 3" in problems[0].message


def test_a_first_heading_below_level_1():
    doc = kit.open_template()
    kit.set_properties(doc, title="x")
    _raw_heading(doc, "Avsnitt", 2)
    assert codes(acc.check_document(doc)) == ["heading-skips-level"]


def test_an_empty_heading(good):
    _raw_heading(good, "", 2)
    assert codes(acc.check_document(good)) == ["heading-empty"]


def test_a_heading_by_outline_level_without_a_heading_style():
    doc = kit.open_template()
    kit.set_properties(doc, title="x")
    p = doc.add_paragraph("Egen rubrik")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    assert acc.check_document(doc) == []
    p2 = doc.add_paragraph("Djupt")
    p2._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    assert codes(acc.check_document(doc)) == ["heading-skips-level"]


def test_a_heading_style_found_through_based_on():
    """A region's own "Kapitelrubrik" based on Heading 1 is a level 1 heading."""
    doc = kit.open_template()
    kit.set_properties(doc, title="x")
    style = doc.styles.add_style("Kapitelrubrik", kit.WD_STYLE_TYPE.PARAGRAPH)
    style.element.basedOn_val = kit.style_id(doc, "heading 1")
    levels = acc.heading_levels_of_styles(doc.styles.element)
    assert levels[style.style_id] == 1


def test_a_table_without_a_header_row(good):
    table = good.add_table(rows=2, cols=2)  # python-docx's plain table
    table.cell(0, 0).text = "Enhet"
    problems = acc.check_document(good)
    assert codes(problems) == ["table-no-header-row"]
    assert "Tabell 2 (Enhet)" in problems[0].message


def test_a_header_row_switched_off_is_no_header_row(good):
    tbl = next(good.element.body.iter(qn("w:tbl")))
    tbl.find(qn("w:tr")).find(qn("w:trPr")).find(qn("w:tblHeader")).set(qn("w:val"), "false")
    assert codes(acc.check_document(good)) == ["table-no-header-row"]


@pytest.mark.parametrize("merge", ["horizontal", "vertical", "hmerge"])
def test_merged_cells(good, merge):
    table = kit.table(good, ["A", "B"], [["1", "2"], ["3", "4"]])
    if merge == "horizontal":
        table.cell(1, 0).merge(table.cell(1, 1))
    elif merge == "vertical":
        table.cell(1, 0).merge(table.cell(2, 0))
    else:
        table.cell(1, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:hMerge {nsdecls("w")} w:val="restart"/>'))
    problems = acc.check_document(good)
    assert codes(problems) == ["table-merged-cells"]
    assert "Tabell 2 (A B)" in problems[0].message


def test_a_picture_without_alternative_text(good):
    good.add_picture(io.BytesIO(png()))  # python-docx writes the file name: "image.png"
    problems = acc.check_document(good)
    assert codes(problems) == ["picture-no-alt-text"]
    assert t.WHERE_BODY in problems[0].message


def test_a_picture_marked_decorative_needs_no_alternative_text(good):
    run = good.add_paragraph().add_run()
    shape = run.add_picture(io.BytesIO(png()))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", "")
    doc_pr.append(parse_xml(
        '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext '
        'uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
        'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>'))
    assert acc.check_document(good) == []


def test_a_logo_without_alternative_text_in_the_header(good):
    header = good.sections[0].header
    header.paragraphs[0].add_run().add_picture(io.BytesIO(png()))
    problems = acc.check_document(good)
    assert codes(problems) == ["picture-no-alt-text"]
    assert t.WHERE_HEADER in problems[0].message


def test_several_problems_at_once(tmp_path):
    doc = docx.Document()
    doc.add_heading("", 2)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    doc.add_picture(io.BytesIO(png()))
    path = tmp_path / "dålig.docx"
    doc.save(str(path))
    assert codes(acc.check_docx(path)) == ["title-missing", "language-not-swedish", "heading-empty",
                                           "table-no-header-row", "table-merged-cells", "picture-no-alt-text"]
    assert all(p.message and p.to_dict()["code"] == p.code for p in acc.check_docx(path))


def test_a_file_that_is_not_a_docx(tmp_path):
    path = tmp_path / "x.docx"
    path.write_text("inte Word")
    with pytest.raises(InputError, match="kan inte läsas som Word-dokument"):
        acc.check_docx(path)
    with pytest.raises(InputError, match="filen finns inte"):
        acc.check_docx(tmp_path / "saknas.docx")


def test_every_problem_code_has_a_message():
    assert all(message.strip() for message in t.PROBLEMS.values())
    assert all(code == code.lower() and " " not in code for code in t.PROBLEMS)


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------

def _pdf(path: Path, *, tagged: bool = True, marked: bool = True, lang: str | None = "sv-SE",
         title: str | None = "Nämndplan 2026") -> Path:
    pypdf = pytest.importorskip("pypdf")
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    root = writer._root_object
    if tagged:
        tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        root[NameObject("/StructTreeRoot")] = writer._add_object(tree)
    if marked is not None:
        root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(marked)})
    if lang is not None:
        root[NameObject("/Lang")] = TextStringObject(lang)
    if title is not None:
        writer.add_metadata({"/Title": title})
    with open(path, "wb") as f:
        writer.write(f)
    return path


def test_a_tagged_pdf_passes(tmp_path):
    assert acc.check_pdf_tagged(_pdf(tmp_path / "bra.pdf")) == []


def test_an_untagged_pdf(tmp_path):
    path = _pdf(tmp_path / "x.pdf", tagged=False, marked=False, lang=None, title=None)
    assert codes(acc.check_pdf_tagged(path)) == ["pdf-not-tagged", "pdf-not-marked", "pdf-no-language",
                                                 "pdf-title-missing"]


def test_a_pdf_in_english(tmp_path):
    problems = acc.check_pdf_tagged(_pdf(tmp_path / "x.pdf", lang="en-US"))
    assert codes(problems) == ["pdf-language-not-swedish"]
    assert "en-US" in problems[0].message
    assert acc.check_pdf_tagged(_pdf(tmp_path / "sv.pdf", lang="sv")) == []


def _pdf_with_object_stream(path: Path) -> Path:
    """A tagged PDF 1.5 whose catalog sits in a compressed object stream behind a cross-reference stream,
    as newer PDF writers save it (written by hand: pypdf does not write object streams)."""
    bodies = [
        b"<< /Type /Catalog /Pages 3 0 R /StructTreeRoot 5 0 R /MarkInfo << /Marked true >> /Lang (sv-SE) >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Type /StructTreeRoot >>",
        b"<< /Title (Namndplan 2026) >>",
    ]
    numbers = [2, 3, 4, 5, 7]
    offsets, data = [], b""
    for body in bodies:
        offsets.append(len(data))
        data += body + b"\n"
    head = b" ".join(b"%d %d" % (n, o) for n, o in zip(numbers, offsets)) + b"\n"
    packed = zlib.compress(head + data)
    out = b"%PDF-1.5\n"
    objstm_at = len(out)
    out += (b"1 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(bodies), len(head), len(packed))) + packed + b"\nendstream\nendobj\n"
    xref_at = len(out)
    rows = [(0, 0, 65535), (1, objstm_at, 0)] + [(2, 1, i) for i in range(4)] + [(1, xref_at, 0), (2, 1, 4)]
    table = zlib.compress(b"".join(struct.pack(">BIH", *row) for row in rows))
    out += (b"6 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 2 0 R /Info 7 0 R /Filter /FlateDecode "
            b"/Length %d >>\nstream\n" % len(table)) + table + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    path.write_bytes(out)
    return path


def test_a_pdf_with_compressed_object_streams(tmp_path):
    """What a small hand-written parser would get wrong: the catalog is compressed."""
    pytest.importorskip("pypdf")
    path = _pdf_with_object_stream(tmp_path / "komprimerad.pdf")
    assert b"/StructTreeRoot" not in path.read_bytes()
    assert acc.check_pdf_tagged(path) == []


def test_a_file_that_is_not_a_pdf(tmp_path):
    pytest.importorskip("pypdf")
    path = tmp_path / "x.pdf"
    path.write_text("inte en pdf")
    with pytest.raises(InputError, match="kan inte läsas som PDF"):
        acc.check_pdf_tagged(path)


def test_without_pypdf_the_check_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(NplanError) as exc:
        acc.check_pdf_tagged(tmp_path / "x.pdf")
    assert str(exc.value) == t.PYPDF_MISSING


@pytest.mark.libreoffice
@requires_libreoffice_writer
def test_libreoffices_plain_export_is_found_untagged_and_the_kits_tagged(good, tmp_path):
    pytest.importorskip("pypdf")
    import subprocess
    import tempfile

    source = kit.save(good, tmp_path / "plan.docx")
    plain = tmp_path / "plain"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(plain), str(source)],
                       capture_output=True, timeout=180, check=True)
    assert codes(acc.check_pdf_tagged(plain / "plan.pdf")) == ["pdf-not-tagged", "pdf-not-marked"]
    assert acc.check_pdf_tagged(kit.to_pdf(source, tmp_path / "plan.pdf")) == []
