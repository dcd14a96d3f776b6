"""The Word kit: templates (the shipped default, a region's restyled one, .dotx, a Swedish Word's style ids),
properties and language, headings, tables, status cells, pictures, and the tagged PDF through LibreOffice."""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx_helpers import (
    HEADING_COLOR,
    HEADING_FONT,
    LOGO_ALT,
    as_dotx,
    png,
    restyled_template,
    rewrite_parts,
    style_element,
    style_of,
    swedish_template,
)
from libreoffice import requires_libreoffice_writer
from lxml import etree

from toolkit.core.errors import NplanError
from toolkit.report import accessibility, docx_pdf, docx_template
from toolkit.report import docx_kit as kit
from toolkit.texts import document as td
from toolkit.texts import docx_kit as t

HEADER = ["Delmål", "Indikatorer", "Utfall 2024", "Mål 2026", "Periodicitet"]
ROWS = [["Delmål 1.1 RUN bidrar till att barn och unga har möjlighet till eget skapande", "Antal insatser", "123",
         "90", "Tertial: aug, dec"],
        ["", "Andel barn och unga", "", "40 %", "Tertial: aug, dec"]]


def sample(doc) -> None:
    """A small document in the kit's way: title, headings, text, a table with a status cell, a picture."""
    kit.set_properties(doc, title="Nämndplan 2026", subject="Regionala utvecklingsnämnden", author="nplan")
    kit.title(doc, "Nämndplan 2026")
    kit.heading(doc, "3 Regionmål och uppföljning", 1)
    kit.paragraph(doc, "Nämnden konkretiserar arbetet med fullmäktiges mål.")
    kit.heading(doc, "Mål 1. Trygga uppväxtvillkor", 2)
    table = kit.table(doc, HEADER, ROWS, widths_cm=[4.4, 5.4, 2.2, 2.2, 2.8], caption="Delmål 1.1 och dess indikatorer")
    kit.status_cell(table.rows[1].cells[3], "Uppfyllt", "8FD18F")
    kit.heading(doc, "Diagram", 3)
    kit.picture(doc, png(), alt_text="Diagram: antal insatser per tertial.", width_cm=8)


# --------------------------------------------------------------------------------------------
# The default template
# --------------------------------------------------------------------------------------------

def template_content(doc) -> dict:
    """What a template is to a user: its styles and document defaults, page setup, headers and footers
    (style, text, fields), language settings. Bytes, dates and ids of packaging are not content."""
    def c14n(el) -> bytes:
        return etree.tostring(el, method="c14n")

    styles = doc.styles.element
    content: dict = {
        "styles": {el.get(qn("w:styleId")): c14n(el) for el in styles.findall(qn("w:style"))},
        "defaults": c14n(styles.find(qn("w:docDefaults"))),
        "theme_font_lang": doc.settings.element.find(qn("w:themeFontLang")).attrib,
        "language": doc.core_properties.language,
    }
    for i, s in enumerate(doc.sections):
        content[f"section {i}"] = (s.page_width, s.page_height, s.orientation, s.top_margin, s.bottom_margin,
                                   s.left_margin, s.right_margin, s.header_distance, s.footer_distance)
        for kind, part in (("header", s.header), ("footer", s.footer)):
            content[f"section {i} {kind}"] = [
                (p.style.style_id, p.alignment, "".join(n.text or "" for n in p._p.iter(qn("w:t"))),
                 [f.get(qn("w:instr")) for f in p._p.iter(qn("w:fldSimple"))]) for p in part.paragraphs]
    return content


def test_the_committed_default_template_is_what_the_code_builds(tmp_path):
    """workbook_templates/dokumentmall.docx is stale when this fails: rebuild it with
    python -c 'from toolkit.report.docx_kit import build_default_template; build_default_template()'."""
    built = kit.build_default_template(tmp_path / "mall.docx")
    expected = template_content(docx.Document(str(built)))
    actual = template_content(docx.Document(str(kit.DEFAULT_TEMPLATE)))
    stale = sorted(k for k in set(expected) | set(actual) if expected.get(k) != actual.get(k))
    assert not stale, f"rebuild the default template; these differ: {stale}"


def test_the_default_template_is_a4_swedish_with_the_kits_styles():
    doc = kit.open_template()
    section = doc.sections[0]
    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.0, 29.7)
    assert [len(doc.element.body), doc.element.body[0].tag] == [1, qn("w:sectPr")]
    for name in ("Normal", "Title", "heading 1", "heading 2", "heading 3", "heading 4", t.TABLE_TEXT_STYLE):
        assert kit.style_id(doc, name), name
    assert kit.style_id(doc, t.TABLE_STYLE, kit.WD_STYLE_TYPE.TABLE)
    for name in (td.STYLE_NOTE, td.STYLE_ANALYSIS, td.STYLE_TABLE_NOTE, td.STYLE_FORMULATION):
        assert kit.style_id(doc, name), name  # the documents' own styles, for a secretariat to restyle
    footer = section.footer.paragraphs[0]
    assert footer.text == t.FOOTER_SEPARATOR + t.FOOTER_PAGE + t.FOOTER_OF  # the fields' text aside
    assert [f.get(qn("w:instr")).strip() for f in footer._p.iter(qn("w:fldSimple"))] == ["TITLE", "PAGE", "NUMPAGES"]
    assert accessibility.document_language(doc.styles.element) == "sv-SE"
    assert doc.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "sv-SE"
    # Every style reference points at a style that exists.
    ids = {el.get(qn("w:styleId")) for el in doc.styles.element.findall(qn("w:style"))}
    refs = {el.get(qn("w:val")) for tag in ("w:basedOn", "w:next", "w:link")
            for el in doc.styles.element.iter(qn(tag))}
    assert refs <= ids
    # Headings are real outline levels (navigation pane, PDF tags).
    levels = accessibility.heading_levels_of_styles(doc.styles.element)
    assert [levels[kit.style_id(doc, f"heading {n}")] for n in (1, 2, 3, 4)] == [1, 2, 3, 4]


def test_open_template_without_the_file_builds_the_default(monkeypatch, tmp_path):
    monkeypatch.setattr(docx_template, "DEFAULT_TEMPLATE", tmp_path / "missing.docx")
    doc = kit.open_template()
    assert kit.style_id(doc, t.TABLE_STYLE, kit.WD_STYLE_TYPE.TABLE)
    assert len(doc.element.body) == 1


# --------------------------------------------------------------------------------------------
# A region's template
# --------------------------------------------------------------------------------------------

def test_a_restyled_template_keeps_its_styles_header_logo_and_footer(tmp_path):
    template = restyled_template(tmp_path / "region.docx")
    doc = kit.open_template(template)
    assert len(doc.element.body) == 1  # the template's sample text is gone
    sample(doc)
    out = kit.save(doc, tmp_path / "plan.docx")

    result = docx.Document(str(out))
    h1 = style_element(result, "heading 1")
    assert h1.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:ascii")) == HEADING_FONT
    assert h1.find(qn("w:rPr")).find(qn("w:color")).get(qn("w:val")) == HEADING_COLOR
    headings = [p for p in result.paragraphs if p.text == "3 Regionmål och uppföljning"]
    assert style_of(result, headings[0]) == h1.get(qn("w:styleId"))
    # The header part with the logo: the picture, its alternative text and the image part.
    header = result.sections[0].header
    doc_prs = list(header._element.iter(qn("wp:docPr")))
    assert [d.get("descr") for d in doc_prs] == [LOGO_ALT]
    blips = list(header._element.iter(qn("a:blip")))
    image_part = header.part.related_parts[blips[0].get(qn("r:embed"))]
    assert image_part.content_type == "image/png"
    footer_texts = [p.text for p in result.sections[0].footer.paragraphs]
    assert "Region Västerbotten · Regionala utvecklingsnämnden" in footer_texts
    assert accessibility.check_docx(out) == []


def test_a_dotx_template_is_accepted_and_the_output_is_a_document(tmp_path):
    dotx = as_dotx(restyled_template(tmp_path / "region.docx"), tmp_path / "region.dotx")
    with pytest.raises(ValueError):  # what python-docx does with a template
        docx.Document(str(dotx))
    doc = kit.open_template(dotx)
    sample(doc)
    out = kit.save(doc, tmp_path / "plan.docx")
    with zipfile.ZipFile(out) as z:
        types = z.read("[Content_Types].xml").decode()
    assert kit.CT_DOCUMENT_MAIN in types and kit.CT_TEMPLATE_MAIN not in types
    result = docx.Document(str(out))
    assert [d.get("descr") for d in result.sections[0].header._element.iter(qn("wp:docPr"))] == [LOGO_ALT]
    assert accessibility.check_docx(out) == []


def test_a_swedish_words_style_ids_are_used_not_duplicated(tmp_path):
    template = swedish_template(tmp_path / "svensk.docx", without=(t.TABLE_STYLE,))
    doc = kit.open_template(template)
    before = len(doc.styles.element.findall(qn("w:style")))
    sample(doc)
    assert len(doc.styles.element.findall(qn("w:style"))) == before
    body = doc.element.body
    used = [p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) for p in body.iter(qn("w:p"))
            if p.find(qn("w:pPr")) is not None and p.find(qn("w:pPr")).find(qn("w:pStyle")) is not None]
    assert {"Rubrik", "Rubrik1", "Rubrik2", "Rubrik3"} <= set(used)
    assert not {"Heading1", "Heading2", "Title"} & set(used)
    tbl = next(body.iter(qn("w:tbl")))
    assert tbl.find(qn("w:tblPr")).find(qn("w:tblStyle")).get(qn("w:val")) == "Tabellrutnt"  # "Table Grid"
    assert accessibility.check_document(doc) == []


def test_style_names_are_found_whatever_their_case(tmp_path):
    """LibreOffice writes "Heading 1" where Word writes "heading 1"; both are the built-in heading."""
    data = kit.DEFAULT_TEMPLATE.read_bytes()
    path = tmp_path / "lo.docx"
    path.write_bytes(rewrite_parts(data, lambda name, text: text.replace(
        'w:name w:val="heading 1"', 'w:name w:val="Heading 1"') if name == "word/styles.xml" else text))
    doc = kit.open_template(path)
    before = len(doc.styles.element.findall(qn("w:style")))
    p = kit.heading(doc, "Inledning", 1)
    assert p._p.pPr.pStyle.val == "Heading1"
    assert len(doc.styles.element.findall(qn("w:style"))) == before


def test_missing_styles_are_created_as_real_headings_based_on_normal(tmp_path):
    missing = ("Title", "heading 1", "heading 2", "heading 3", "heading 4", "Table Grid", t.TABLE_STYLE,
               t.TABLE_TEXT_STYLE)
    doc = kit.open_template(swedish_template(tmp_path / "bar.docx", without=missing))
    for name in missing:
        assert kit.style_id(doc, name, kit.WD_STYLE_TYPE.TABLE if "tabell" in name or "Grid" in name
                            else kit.WD_STYLE_TYPE.PARAGRAPH) is None
    sample(doc)
    for level in (1, 2, 3):
        el = style_element(doc, f"heading {level}")
        assert el.find(qn("w:name")).get(qn("w:val")) == f"heading {level}"  # Word's built-in name
        assert el.get(qn("w:customStyle")) is None
        assert el.find(qn("w:basedOn")).get(qn("w:val")) == "Normal"
        assert el.find(qn("w:pPr")).find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    assert kit.style_id(doc, t.TABLE_STYLE, kit.WD_STYLE_TYPE.TABLE)
    assert accessibility.check_document(doc) == []


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: p, t.TEMPLATE_MISSING),
    (lambda p: (p.mkdir(), p)[1], t.TEMPLATE_IS_FOLDER),
    (lambda p: (p.write_text("inte en mall"), p)[1], t.TEMPLATE_NOT_ZIP),
    (lambda p: (p.write_bytes(_zip({"a.txt": b"x"})), p)[1], t.TEMPLATE_NOT_ZIP),
    (lambda p: (p.write_bytes(_xlsx()), p)[1], "inget Word-dokument"),
    (lambda p: (p.write_bytes(rewrite_parts(kit.DEFAULT_TEMPLATE.read_bytes(), lambda _n, x: x.replace(
        kit.CT_DOCUMENT_MAIN, kit.CT_MACRO_MAINS[1]))), p)[1], "makron"),
    (lambda p: (p.write_bytes(rewrite_parts(kit.DEFAULT_TEMPLATE.read_bytes(), lambda n, x: x[:200]
                                            if n == "word/styles.xml" else x)), p)[1], "skadad"),
])
def test_a_template_that_cannot_be_used_is_a_swedish_error(tmp_path, make, reason):
    path = make(tmp_path / "mall.docx")
    with pytest.raises(kit.TemplateError) as exc:
        kit.open_template(path)
    assert isinstance(exc.value, NplanError)
    assert str(path) in str(exc.value) and reason in str(exc.value)


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in files.items():
            z.writestr(name, body)
    return out.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Properties, headings, tables, pictures
# --------------------------------------------------------------------------------------------

def test_set_properties_writes_title_and_swedish_everywhere_word_and_libreoffice_look():
    doc = docx.Document()  # python-docx's own template: en-US, themeFontLang en-US
    kit.set_properties(doc, title="Delårsrapport 2026", subject="RUN", author="nplan")
    props = doc.core_properties
    assert (props.title, props.subject, props.author, props.language) == ("Delårsrapport 2026", "RUN", "nplan",
                                                                          "sv-SE")
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "sv-SE"
    assert lang.get(qn("w:bidi")) == "ar-SA"  # the other scripts' languages are left alone
    assert doc.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "sv-SE"


def test_theme_font_lang_is_inserted_in_schema_order():
    doc = docx.Document()
    settings = doc.settings.element
    settings.remove(settings.find(qn("w:themeFontLang")))
    kit.set_properties(doc, title="x")
    tags = [el.tag for el in settings]
    assert tags.index(qn("w:themeFontLang")) == tags.index(qn("w:clrSchemeMapping")) - 1


def test_heading_levels_never_skip():
    doc = kit.open_template()
    kit.heading(doc, "Första", 2)  # a first heading below level 1
    kit.heading(doc, "Kapitel", 1)
    kit.heading(doc, "Djupt", 4)
    kit.heading(doc, "Avsnitt", 2)
    assert kit.heading_adjustments(doc) == [("Första", 2, 1), ("Djupt", 4, 2)]
    levels = accessibility.heading_levels_of_styles(doc.styles.element)
    assert [accessibility.paragraph_heading_level(p._p, levels) for p in doc.paragraphs] == [1, 1, 2, 2]
    with pytest.raises(ValueError):
        kit.heading(doc, "   ", 1)
    with pytest.raises(ValueError):
        kit.heading(doc, "Fem", 5)


def test_heading_continues_from_the_last_heading_of_a_document_it_did_not_start():
    doc = docx.Document()
    doc.add_heading("Befintlig", 1)
    doc.add_heading("Befintlig 2", 2)
    kit.heading(doc, "Ny", 3)
    assert kit.heading_adjustments(doc) == []


def test_table_is_accessible_by_construction():
    doc = kit.open_template()
    kit.set_properties(doc, title="Tabell")
    kit.heading(doc, "Tabell", 1)
    table = kit.table(doc, HEADER, ROWS, caption="Delmål 1.1")
    tbl = table._tbl
    rows = tbl.findall(qn("w:tr"))
    assert len(rows) == 3
    assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    assert all(r.find(qn("w:trPr")).find(qn("w:tblHeader")) is None for r in rows[1:])
    assert not list(tbl.iter(qn("w:gridSpan"))) and not list(tbl.iter(qn("w:vMerge")))
    tbl_pr = tbl.tblPr
    assert tbl_pr.find(qn("w:tblCaption")).get(qn("w:val")) == "Delmål 1.1"
    assert tbl_pr.find(qn("w:tblDescription")).get(qn("w:val")) == "Delmål 1.1"
    tags = [el.tag for el in tbl_pr]
    assert tags[-3:] == [qn("w:tblLook"), qn("w:tblCaption"), qn("w:tblDescription")]  # schema order
    assert tbl_pr.find(qn("w:tblStyle")).get(qn("w:val")) == kit.style_id(doc, t.TABLE_STYLE, kit.WD_STYLE_TYPE.TABLE)
    assert [c.text for c in table.rows[0].cells] == HEADER
    assert all(r.bold for c in table.rows[0].cells for p in c.paragraphs for r in p.runs)
    assert [c.text for c in table.rows[2].cells] == ROWS[1]
    text_style = kit.style_id(doc, t.TABLE_TEXT_STYLE)
    assert {p._p.pPr.pStyle.val for row in table.rows for c in row.cells for p in c.paragraphs} == {text_style}
    # Equal columns over the text width when no widths are given.
    widths = {c.width for c in table.rows[1].cells}
    assert len(widths) == 1 and abs(widths.pop().cm * 5 - kit.text_width(doc).cm) < 0.01
    assert accessibility.check_document(doc) == []


def test_two_tables_in_a_row_stay_two_tables():
    doc = kit.open_template()
    kit.table(doc, ["A"], [["1"]])
    kit.table(doc, ["B"], [["2"]])
    assert [el.tag for el in doc.element.body] == [qn("w:tbl"), qn("w:p"), qn("w:tbl"), qn("w:sectPr")]


def test_the_seeds_tables_read_back_cell_for_cell(tmp_path):
    """The kit keeps every cell text of the seed's chapter 3 and 4 tables as written."""
    data = json.loads((Path(__file__).parent / "data" / "seed_namndplan_2026.json").read_text(encoding="utf-8"))
    tables = [s["table"] for g in data["chapter_3"]["goals"] for s in g["sub_goals"]]
    tables.append(data["chapter_4"]["sections"][0]["table"])
    doc = kit.open_template()
    kit.set_properties(doc, title="Nämndplan 2026")
    kit.heading(doc, "Tabeller", 1)
    for table in tables:
        kit.table(doc, table["header"], table["rows"], caption="x")
    result = docx.Document(str(kit.save(doc, tmp_path / "plan.docx")))
    read = [[["\n".join(p.text for p in cell.paragraphs) for cell in row.cells] for row in table.rows]
            for table in result.tables]
    assert read == [[table["header"], *table["rows"]] for table in tables]
    assert accessibility.check_docx(tmp_path / "plan.docx") == []


def test_table_style_preference():
    doc = kit.open_template()
    grid = kit.style_id(doc, "Table Grid", kit.WD_STYLE_TYPE.TABLE)
    table = kit.table(doc, ["A"], [["1"]], style_name="table grid")
    assert table._tbl.tblPr.find(qn("w:tblStyle")).get(qn("w:val")) == grid
    table = kit.table(doc, ["A"], [["1"]], style_name="Regionens tabell")  # the template lacks it
    assert table._tbl.tblPr.find(qn("w:tblStyle")).get(qn("w:val")) == kit.style_id(
        doc, t.TABLE_STYLE, kit.WD_STYLE_TYPE.TABLE)


def test_table_cells_hold_text_as_text_and_lines_as_paragraphs():
    doc = kit.open_template()
    text = "Styrelser och nämnder.\n• Ett mål\n• =SUMMA(A1)\x07"
    table = kit.table(doc, ["Uppdrag"], [[text]])
    cell = table.rows[1].cells[0]
    assert [p.text for p in cell.paragraphs] == ["Styrelser och nämnder.", "• Ett mål", "• =SUMMA(A1)"]


def test_table_misuse_raises_value_error():
    doc = kit.open_template()
    with pytest.raises(ValueError):
        kit.table(doc, ["A", "B"], [["1"]])
    with pytest.raises(ValueError):
        kit.table(doc, [], [])
    with pytest.raises(ValueError):
        kit.table(doc, ["A"], [["1"]], widths_cm=[1, 2])


def test_status_cell_writes_the_word_and_shades():
    doc = kit.open_template()
    table = kit.table(doc, ["Bedömning"], [[""]])
    cell = table.rows[1].cells[0]
    kit.status_cell(cell, "Delvis uppfyllt", "ffe27a")
    assert cell.text == "Delvis uppfyllt"
    assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "FFE27A"
    kit.shade(cell, "E06666")  # shading again replaces the fill
    assert [s.get(qn("w:fill")) for s in cell._tc.tcPr.findall(qn("w:shd"))] == ["E06666"]
    assert cell._tc.tcPr.index(cell._tc.tcPr.find(qn("w:shd"))) > cell._tc.tcPr.index(cell._tc.tcPr.tcW)
    with pytest.raises(ValueError):
        kit.status_cell(cell, " ", "E06666")
    with pytest.raises(ValueError):
        kit.shade(cell, "red")


def test_picture_has_alternative_text(tmp_path):
    doc = kit.open_template()
    image = tmp_path / "diagram.png"
    image.write_bytes(png())
    run = kit.picture(doc, image, alt_text="Diagram över insatser", width_cm=5)
    doc_pr = next(run._r.iter(qn("wp:docPr")))
    assert (doc_pr.get("descr"), doc_pr.get("title")) == ("Diagram över insatser", "Diagram över insatser")
    cell = kit.table(doc, ["Bild"], [[""]]).rows[1].cells[0]
    run = kit.picture(cell.paragraphs[0], png(), alt_text="Logotyp", title="Logga", width_cm=2)
    doc_pr = next(run._r.iter(qn("wp:docPr")))
    assert (doc_pr.get("descr"), doc_pr.get("title")) == ("Logotyp", "Logga")
    with pytest.raises(ValueError):
        kit.picture(doc, png(), alt_text=" ")


def test_save_is_atomic_and_a_write_failure_is_swedish(tmp_path):
    doc = kit.open_template()
    out = kit.save(doc, tmp_path / "ny" / "mapp" / "dok.docx")
    assert out.is_file() and [p.name for p in out.parent.iterdir()] == ["dok.docx"]
    if os.name != "nt" and os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "låst"
        locked.mkdir()
        locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
        with pytest.raises(NplanError, match="Kan inte skriva"):
            kit.save(doc, locked / "dok.docx")
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    with pytest.raises(NplanError, match="Kan inte skriva"):
        kit.save(doc, blocker / "dok.docx")


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------

def test_to_pdf_without_libreoffice_is_a_swedish_error(monkeypatch, tmp_path):
    monkeypatch.setattr(docx_pdf, "find_soffice", lambda: None)
    doc = kit.save(kit.open_template(), tmp_path / "dok.docx")
    with pytest.raises(kit.PdfError) as exc:
        kit.to_pdf(doc, tmp_path / "dok.pdf")
    assert str(exc.value) == t.SOFFICE_MISSING
    assert not (tmp_path / "dok.pdf").exists()


def test_to_pdf_of_a_missing_document(tmp_path):
    with pytest.raises(kit.PdfError, match="finns inte"):
        kit.to_pdf(tmp_path / "saknas.docx", tmp_path / "dok.pdf", soffice="soffice")


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for LibreOffice")
def test_to_pdf_stops_a_libreoffice_that_hangs(tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 60 &\nsleep 60\n")
    fake.chmod(0o755)
    doc = kit.save(kit.open_template(), tmp_path / "dok.docx")
    with pytest.raises(kit.PdfError, match="inom 1 sekunder"):
        kit.to_pdf(doc, tmp_path / "dok.pdf", timeout=1, soffice=str(fake))
    assert not (tmp_path / "dok.pdf").exists()


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for LibreOffice")
def test_to_pdf_reports_a_libreoffice_that_makes_nothing(tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 0\n")
    fake.chmod(0o755)
    doc = kit.save(kit.open_template(), tmp_path / "dok.docx")
    with pytest.raises(kit.PdfError, match="could not be loaded"):
        kit.to_pdf(doc, tmp_path / "dok.pdf", soffice=str(fake))


@pytest.mark.libreoffice
@requires_libreoffice_writer
def test_to_pdf_writes_a_tagged_pdf_ua_with_the_templates_logo(tmp_path):
    pytest.importorskip("pypdf")
    from pypdf import PdfReader

    doc = kit.open_template(restyled_template(tmp_path / "region.docx"))
    sample(doc)
    source = kit.save(doc, tmp_path / "plan med å.docx")
    pdf = kit.to_pdf(source, tmp_path / "ut" / "plan.pdf")
    assert pdf == tmp_path / "ut" / "plan.pdf" and [p.name for p in pdf.parent.iterdir()] == ["plan.pdf"]
    assert accessibility.check_pdf_tagged(pdf) == []
    reader = PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv-SE"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]  # PDF/UA: the title, not the file name
    assert reader.metadata.title == "Nämndplan 2026"
    roles = _roles(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Figure"} <= roles
    assert "/H4" not in roles
    # The template's logo is on the page (an image besides the chart).
    images = [name for name, obj in _xobjects(reader.pages[0]) if obj.get("/Subtype") == "/Image"]
    assert len(images) >= 2


def _roles(node, seen=None) -> set[str]:
    seen = set() if seen is None else seen
    node = node.get_object()
    if hasattr(node, "get"):
        if node.get("/S"):
            seen.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object()
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object"):
                    _roles(kid, seen)
    return seen


def _xobjects(page):
    resources = page.get("/Resources", {})
    xobjects = resources.get_object().get("/XObject", {}) if resources else {}
    return [(name, ref.get_object()) for name, ref in xobjects.get_object().items()] if xobjects else []


@pytest.mark.libreoffice
@requires_libreoffice_writer
def test_the_default_template_opens_cleanly_in_libreoffice(tmp_path):
    pytest.importorskip("pypdf")
    from pypdf import PdfReader

    pdf = kit.to_pdf(kit.DEFAULT_TEMPLATE, tmp_path / "mall.pdf")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 2.54, 1), round(float(box.height) / 72 * 2.54, 1)) == (21.0, 29.7)
    assert "Sida 1 av 1" in reader.pages[0].extract_text()


@pytest.mark.libreoffice
@requires_libreoffice_writer
def test_a_document_that_libreoffice_cannot_open_is_a_swedish_error(tmp_path):
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"PK\x03\x04 inte ett dokument")
    with pytest.raises(kit.PdfError, match="LibreOffice kunde inte göra PDF"):
        kit.to_pdf(broken, tmp_path / "trasig.pdf")
    assert not (tmp_path / "trasig.pdf").exists()


def test_the_title_shows_in_the_templates_title_fields(tmp_path):
    """A TITLE field (simple, as the default template has it, or complex, as Word inserts it) and a content
    control bound to the title property show the document's title before Word or LibreOffice update them."""
    doc = kit.open_template()
    footer = doc.sections[0].footer
    complex_field = footer.add_paragraph()
    for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText> TITLE \\* MERGEFORMAT </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r><w:t>Gammal</w:t></w:r>',
                '<w:r><w:t> titel</w:t></w:r>', '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
                '<w:r><w:t> efter</w:t></w:r>'):
        complex_field._p.append(parse_xml(f'<w:root {nsdecls("w")}>{xml}</w:root>')[0])
    bound = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:dataBinding w:prefixMappings="" '
        'w:xpath="/ns1:coreProperties[1]/ns0:title[1]" w:storeItemID="{6C3C8BC8-F283-45AE-878A-BAB7291924A1}"/>'
        '</w:sdtPr><w:sdtContent><w:r><w:t>Rubrik</w:t></w:r></w:sdtContent></w:sdt>')
    footer.add_paragraph()._p.append(bound)
    kit.set_properties(doc, title="Nämndplan 2026")
    out = docx.Document(str(kit.save(doc, tmp_path / "t.docx")))
    paragraphs = out.sections[0].footer.paragraphs
    simple = next(paragraphs[0]._p.iter(qn("w:fldSimple")))
    assert "".join(x.text or "" for x in simple.iter(qn("w:t"))) == "Nämndplan 2026"
    assert "".join(x.text or "" for x in paragraphs[1]._p.iter(qn("w:t"))) == "Nämndplan 2026 efter"
    assert "".join(x.text or "" for x in paragraphs[2]._p.iter(qn("w:t"))) == "Nämndplan 2026"
