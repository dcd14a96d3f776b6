"""Both committee documents (the plan document and the follow-up) in a region's own template, accessible:
a restyled template (another heading font and colour, a logo in the header) is honoured in both outputs;
both pass the accessibility checks (title, language, heading order, marked and repeated header rows, no
merged cells, alternative text); the master's setting Word-mall (fil) reaches the documents; and LibreOffice
turns both into tagged PDFs (--pdf)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx_helpers import HEADING_COLOR, HEADING_FONT, LOGO_ALT, restyled_template
from libreoffice import requires_libreoffice_writer
from openpyxl import load_workbook
from test_consolidate import EXAMPLE_T2, T2, frames

from toolkit import cycle
from toolkit.cli import main
from toolkit.report.accessibility import check_docx, check_pdf_tagged
from toolkit.report.consolidate import consolidate
from toolkit.report.document import write_document
from toolkit.report.plan_document import write_plan_document
from toolkit.texts import master as tm

PINNED = dt.datetime(2026, 9, 15, 8, 30)
FOLLOW_UP_TITLE = "Delårsrapport 2026 (tertial 2, januari–augusti)"
PLAN_TITLE = "Nämndplan 2026"


@pytest.fixture()
def region(tmp_path: Path) -> Path:
    return restyled_template(tmp_path / "region.docx")


def _documents(plan, out: Path, template: Path | None) -> dict[str, Path]:
    c = consolidate(plan, T2, **frames(plan, EXAMPLE_T2))
    return {
        "plan": write_plan_document(plan, out / "plan.docx", template=template).path,
        "follow-up": write_document(c, plan, out / "rapport.docx", generated_at=PINNED, template=template),
    }


# --------------------------------------------------------------------------------------------
# Accessibility, checked here from the XML (and by the checker)
# --------------------------------------------------------------------------------------------

def _heading_level(paragraph) -> int | None:
    """The level a paragraph's style names ("heading 2" -> 2), following basedOn for a style the kit made."""
    style = paragraph.style
    while style is not None:
        name = style.name.lower()
        if name.startswith("heading ") and name[8:].isdigit():
            return int(name[8:])
        style = style.base_style
    return None


@pytest.mark.parametrize("restyled", [False, True], ids=["default template", "region's template"])
def test_both_documents_are_accessible(example_plan, tmp_path, region, restyled):
    docs = _documents(example_plan, tmp_path, region if restyled else None)
    titles = {"plan": PLAN_TITLE, "follow-up": FOLLOW_UP_TITLE}
    for name, path in docs.items():
        assert check_docx(path) == [], name
        doc = docx.Document(str(path))
        assert doc.core_properties.title == titles[name]
        assert doc.core_properties.language == "sv-SE"
        lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(
            qn("w:lang"))
        assert lang.get(qn("w:val")) == "sv-SE", name
        levels = [level for p in doc.paragraphs if (level := _heading_level(p))]
        assert levels[0] == 1 and len(levels) > 10, name
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), name  # no level is skipped
        assert doc.tables, name
        for table in doc.tables:
            first = table.rows[0]._tr.trPr
            assert first is not None and first.find(qn("w:tblHeader")) is not None, name
            assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None, name
            for row in table.rows[1:]:
                assert row._tr.trPr.find(qn("w:tblHeader")) is None
        body = doc.element.body
        assert not list(body.iter(qn("w:gridSpan"))) and not list(body.iter(qn("w:vMerge"))), name
        parts = [body] + [s.header._element for s in doc.sections] + [s.footer._element for s in doc.sections]
        for part in parts:
            for doc_pr in part.iter(qn("wp:docPr")):
                assert doc_pr.get("descr"), name


# --------------------------------------------------------------------------------------------
# The region's template is honoured
# --------------------------------------------------------------------------------------------

def test_a_restyled_template_is_honoured_in_both_documents(example_plan, tmp_path, region):
    for name, path in _documents(example_plan, tmp_path, region).items():
        doc = docx.Document(str(path))
        h1 = doc.styles["Heading 1"]
        rpr = h1.element.find(qn("w:rPr"))
        assert rpr.find(qn("w:rFonts")).get(qn("w:ascii")) == HEADING_FONT, name
        assert rpr.find(qn("w:color")).get(qn("w:val")) == HEADING_COLOR, name
        first_heading = next(p for p in doc.paragraphs if p.style.name == "Heading 1")
        assert first_heading._p.pPr.pStyle.val == h1.style_id
        header = doc.sections[0].header
        assert [d.get("descr") for d in header._element.iter(qn("wp:docPr"))] == [LOGO_ALT], name
        blip = next(header._element.iter(qn("a:blip")))
        assert header.part.related_parts[blip.get(qn("r:embed"))].content_type == "image/png"
        footer = [p.text for p in doc.sections[0].footer.paragraphs]
        assert "Region Västerbotten · Regionala utvecklingsnämnden" in footer, name
        assert "Mallens exempeltext, som ska bort." not in [p.text for p in doc.paragraphs], name


def test_the_masters_word_template_setting_reaches_both_documents(example_plan, tmp_path, region):
    folder = tmp_path / "nämnd"
    (folder / "mallar").mkdir(parents=True)
    shutil.copy(region, folder / "mallar" / "region.docx")
    example_plan.settings.word_template = "mallar/region.docx"
    from toolkit.plan import write_master

    master = cycle.Master.load(write_master(example_plan, folder / "master.xlsx"))
    assert master.word_template() == folder / "mallar" / "region.docx"
    done = cycle.plan_document(master, folder / "plan.docx")
    header = docx.Document(str(done.document)).sections[0].header
    assert [d.get("descr") for d in header._element.iter(qn("wp:docPr"))] == [LOGO_ALT]
    given = tmp_path / "annan.docx"
    docx.Document().save(str(given))
    assert master.word_template(given) == given  # --template wins over the setting


def test_a_missing_template_in_the_setting_is_a_swedish_error(example_master: Path):
    wb = load_workbook(example_master)
    ws = wb[tm.SHEET_SETTINGS]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == tm.SETTINGS["word_template"][0])
    ws.cell(row=row, column=2).value = "saknas.dotx"
    wb.save(example_master)
    result = CliRunner().invoke(main, ["plan", "document", str(example_master), "-o",
                                       str(example_master.parent / "plan.docx")])
    assert result.exit_code == 1
    assert result.output.startswith("Fel: Word-mallen ") and "saknas.dotx" in result.output
    assert "Word-mall (fil)" in result.output


# --------------------------------------------------------------------------------------------
# The command line with --template and --pdf; LibreOffice as the committee's reader
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from toolkit.demo import run_demo

    return run_demo(tmp_path_factory.mktemp("demo") / "ut", generated_at=PINNED)


def test_consolidate_pdf_needs_docx(demo, tmp_path):
    result = CliRunner().invoke(main, ["consolidate", "--master", str(demo.master), "--period", "2026-T2",
                                       "-o", str(tmp_path / "r.xlsx"), "--pdf"])
    assert result.exit_code == 2 and "--docx" in result.output
    assert not (tmp_path / "r.xlsx").exists()


def _assert_tagged(pdf: Path) -> None:
    from pypdf import PdfReader

    assert check_pdf_tagged(pdf) == []
    root = PdfReader(str(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"]) is True


@requires_libreoffice_writer
def test_both_documents_as_tagged_pdf_in_the_regions_template(demo, tmp_path, region):
    pytest.importorskip("pypdf")
    from pypdf import PdfReader

    runner = CliRunner()
    plan_doc = tmp_path / "namndplan.docx"
    result = runner.invoke(main, ["plan", "document", str(demo.master), "-o", str(plan_doc), "--template",
                                  str(region), "--pdf"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"Skrev nämndplanen {plan_doc}", f"Skrev PDF {plan_doc.with_suffix('.pdf')}"]
    report, document = tmp_path / "rapport.xlsx", tmp_path / "rapport.docx"
    result = runner.invoke(main, ["consolidate", "--master", str(demo.master), "--period", "2026-T2", "-o",
                                  str(report), "--docx", str(document), "--template", str(region), "--pdf"])
    assert result.exit_code == 0, result.output
    assert f"Skrev PDF {document.with_suffix('.pdf')}" in result.output.splitlines()
    for source, title in ((plan_doc, PLAN_TITLE), (document, FOLLOW_UP_TITLE)):
        pdf = source.with_suffix(".pdf")
        _assert_tagged(pdf)
        reader = PdfReader(str(pdf))
        assert reader.metadata.title == title
        assert len(reader.pages) >= 3
        first = reader.pages[0]
        xobjects = first["/Resources"].get("/XObject", {})
        assert any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values()), source  # the logo
        assert title.split(" (")[0] in first.extract_text()


def test_a_templates_logo_without_alternative_text_is_reported_not_refused(example_master, tmp_path, region):
    """The document is written; the controller is told, in Swedish, what to fix in the template."""
    doc = docx.Document(str(region))
    for doc_pr in doc.sections[0].header._element.iter(qn("wp:docPr")):
        doc_pr.set("descr", "")
    doc.save(str(region))
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["plan", "document", str(example_master), "-o", str(out), "--template",
                                       str(region)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == f"Skrev nämndplanen {out}"
    assert lines[:-1] == [f"VARNING {out}  [picture-no-alt-text] "
                          f"En bild eller ett diagram i sidhuvudet saknar alternativtext ({lines[0].rsplit('(', 1)[1]}"]
