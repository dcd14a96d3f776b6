"""The plan document (`nplan plan document`): the example's document against the seed's text
(tests/data/seed_namndplan_2026.json, chapter 3 and 4 tables cell by cell), the baseline year in the header,
the budget chapter against figures computed here from the plan source, and the command line."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.table import Table
from docx.text.paragraph import Paragraph

from toolkit.cli import main
from toolkit.core.model import PlanText, TextKind
from toolkit.report import docx_pdf
from toolkit.report.accessibility import heading_levels_of_styles, paragraph_heading_level
from toolkit.report.plan_document import build_plan_document, write_plan_document
from toolkit.texts import common as tc
from toolkit.texts import document as td
from toolkit.texts import docx_kit as tk

ROOT = Path(__file__).resolve().parents[1]
SEED = json.loads((ROOT / "tests" / "data" / "seed_namndplan_2026.json").read_text(encoding="utf-8"))
SOURCE = tomllib.loads((ROOT / "examples" / "run2026" / "plan.toml").read_text(encoding="utf-8"))
CH3_HEADER = ["Delmål", "Indikatorer", "Utfall 2024", "Mål 2026", "Periodicitet"]


def blocks(doc) -> list[Paragraph | Table]:
    return list(doc.iter_inner_content())


def headings(doc) -> list[tuple[int, str]]:
    """(level, text) of every heading, in order."""
    levels = heading_levels_of_styles(doc.styles.element)
    out = []
    for p in doc.paragraphs:
        level = paragraph_heading_level(p._p, levels)
        if level:
            out.append((level, p.text))
    return out


def rows_of(table: Table) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in table.rows]


@pytest.fixture(scope="module")
def plan_doc(tmp_path_factory):
    """The example master's plan document, written and read back."""
    from toolkit.plan import load_plan
    from toolkit.plan.templates import EXAMPLE_MASTER

    plan = load_plan(ROOT / EXAMPLE_MASTER)
    path = tmp_path_factory.mktemp("plan") / "namndplan-2026.docx"
    written = write_plan_document(plan, path)
    assert written.adjusted == []
    return docx.Document(str(path)), plan


# --------------------------------------------------------------------------------------------
# The seed, cell by cell
# --------------------------------------------------------------------------------------------

def test_chapter_3_tables_equal_the_seed_cell_by_cell(plan_doc):
    doc, _ = plan_doc
    tables = [rows_of(t) for t in doc.tables if rows_of(t)[0] == CH3_HEADER]
    expected = [[sub["table"]["header"], *sub["table"]["rows"]]
                for goal in SEED["chapter_3"]["goals"] for sub in goal["sub_goals"]]
    assert len(expected) == 3
    assert tables == expected


def test_chapter_4_table_equals_the_seed_cell_by_cell(plan_doc):
    doc, _ = plan_doc
    seed = SEED["chapter_4"]["sections"][0]["table"]
    tables = [rows_of(t) for t in doc.tables if rows_of(t)[0] == seed["header"]]
    assert tables == [[seed["header"], *seed["rows"]]]


def test_the_headings_are_the_seeds(plan_doc):
    doc, _ = plan_doc
    expected = []
    for chapter in ("chapter_2", "chapter_3"):
        expected.append((1, SEED[chapter]["heading"]))
        for section in SEED[chapter]["sections"]:
            expected.append((2, section["heading"]))
            expected += [(3, b["text"]) for b in section["blocks"] or () if b["kind"] == "subheading"]
    expected.append((2, SEED["chapter_3"]["goals_heading"]))
    expected += [(3, g["heading"]) for g in SEED["chapter_3"]["goals"]]
    expected += [(1, SEED["chapter_4"]["heading"])] + [(2, s["heading"]) for s in SEED["chapter_4"]["sections"]]
    expected += [(1, SEED["chapter_5"]["heading"])] + [(2, s["heading"]) for s in SEED["chapter_5"]["sections"]]
    assert headings(doc) == expected


def _texts_under(doc, heading: str) -> list[tuple[str, str]]:
    """(style name, text) of the paragraphs after ``heading`` up to the next heading (tables skipped)."""
    levels = heading_levels_of_styles(doc.styles.element)
    out, inside = [], False
    for b in blocks(doc):
        if not isinstance(b, Paragraph):
            continue
        if paragraph_heading_level(b._p, levels):
            if inside:
                break
            inside = b.text == heading
            continue
        if inside and b.text:
            out.append((b.style.name, b.text))
    return out


def test_chapter_2_and_the_goals_texts_read_as_the_seed(plan_doc):
    doc, _ = plan_doc
    normal = doc.styles.default(docx.enum.style.WD_STYLE_TYPE.PARAGRAPH).name
    for chapter in ("chapter_2", "chapter_3"):
        for section in SEED[chapter]["sections"]:
            paragraphs = []
            for b in section["blocks"] or ():  # a subheading ends the section's first run of paragraphs
                if b["kind"] == "subheading":
                    break
                paragraphs.append((normal, b["text"]))
            assert _texts_under(doc, section["heading"]) == paragraphs, section["heading"]
    for goal in SEED["chapter_3"]["goals"]:
        expected = [(td.STYLE_FORMULATION if b["kind"] == "formulation" else normal, b["text"])
                    for b in goal["blocks"] or () if b["kind"] != "elision"]
        assert _texts_under(doc, goal["heading"]) == expected, goal["heading"]
    assert "…" not in "\n".join(p.text for p in doc.paragraphs)  # the excerpt's marks are not the plan's


# --------------------------------------------------------------------------------------------
# Utfall ÅÅÅÅ follows the indicators' baseline year
# --------------------------------------------------------------------------------------------

def test_the_baseline_header_follows_the_indicators_baseline_year(example_plan):
    for i in example_plan.indicators_of("1.1"):
        i.baseline_year = 2023
    example_plan.indicator("2.1.2").baseline_year = 2023  # one of three in 2.1: the others say 2024
    for i in example_plan.indicators_of("2.2"):
        i.baseline_year = None
    doc = build_plan_document(example_plan)
    tables = {rows_of(t)[1][0].split(" ")[1]: rows_of(t) for t in doc.tables if rows_of(t)[0][0] == "Delmål"}
    assert tables["1.1"][0][2] == "Utfall 2023"
    assert tables["2.1"][0][2] == "Utfall 2024"
    assert [r[2] for r in tables["2.1"][1:]] == ["2 133", "38 (2023)", "Svar saknas"]
    assert tables["2.2"][0][2] == "Utfall"


def test_a_sub_goal_without_indicators_still_has_its_table(example_plan):
    example_plan.indicators = [i for i in example_plan.indicators if i.sub_goal != "2.2"]
    doc = build_plan_document(example_plan)
    table = next(rows_of(t) for t in doc.tables if rows_of(t)[1][0].startswith("Delmål 2.2 "))
    assert table[1][1:] == ["", "", "", ""]


# --------------------------------------------------------------------------------------------
# The budget chapter, against figures computed here from the source
# --------------------------------------------------------------------------------------------

def _tkr(v: float) -> str:
    n = round(v)
    return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", " ")


def _table_after(doc, heading: str) -> list[list[str]]:
    bs = blocks(doc)
    at = next(i for i, b in enumerate(bs) if isinstance(b, Paragraph) and b.text == heading)
    return rows_of(next(b for b in bs[at:] if isinstance(b, Table)))


def test_budget_tables_with_totals_net_cost_growth_and_ceiling(plan_doc):
    doc, plan = plan_doc
    b = SOURCE["budget"]
    names = {u["id"]: u["name"] for u in SOURCE["units"]}

    measures = _table_after(doc, "5.1 Nämndens plan för hållbar ekonomi")
    rows = [[m["text"], names[m["unit"]], _tkr(m["amount_tkr"]), m["status"]] for m in b["measures"]]
    assert measures[1:] == [*rows, ["Summa", "", _tkr(sum(m["amount_tkr"] for m in b["measures"])), ""]]

    prior = _table_after(doc, "5.2 Årsprognos 2025")
    assert prior[0] == ["Verksamhet", "Årsprognos 2025 (tkr)"]
    assert prior[1:] == [[names[p["unit"]], _tkr(p["forecast_tkr"])] for p in b["prior_forecasts"]] + [
        ["Summa", _tkr(sum(p["forecast_tkr"] for p in b["prior_forecasts"]))]]

    changes = _table_after(doc, "5.3 Budgetförändringar 2025")
    kinds = {"indexation": "Indexering", "saving": "Besparing", "political": "Politiskt beslut"}
    rows = [[names[c["unit"]], kinds[c["kind"]], c["text"], _tkr(c["amount_tkr"])] for c in b["changes"]]
    assert changes[1:] == [*rows, ["Summa", "", "", _tkr(sum(c["amount_tkr"] for c in b["changes"]))]]

    frames = _table_after(doc, "5.4 Fördelade budgetramar 2026")
    assert frames[0] == ["Verksamhet", "Ram 2025 (tkr)", "Förändringar (tkr)", "Ram 2026 (tkr)"]
    per_unit = {u: sum(c["amount_tkr"] for c in b["changes"] if c["unit"] == u) for u in names}
    assert frames[1:-1] == [[names[f["unit"]], _tkr(f["previous_tkr"]), _tkr(per_unit[f["unit"]]),
                             _tkr(f["frame_tkr"])] for f in b["frames"]]
    total_frames = sum(f["frame_tkr"] for f in b["frames"])
    assert frames[-1] == ["Summa", _tkr(sum(f["previous_tkr"] for f in b["frames"])),
                          _tkr(sum(per_unit.values())), _tkr(total_frames)]

    texts = [p.text for p in doc.paragraphs]
    assert f"Nämndens totala ram 2026 är {_tkr(b['total_frame_tkr'])} tkr. De fördelade ramarna summerar till " \
           f"{_tkr(total_frames)} tkr." in texts
    growth = total_frames / sum(p["forecast_tkr"] for p in b["prior_forecasts"]) - 1
    assert round(growth * 100, 1) == 1.8 and b["net_cost_ceiling"] == "2,5 %"
    assert ("Nettokostnadsutvecklingen (fördelade ramar 2026 mot årsprognos 2025) är 1,8 %. Nämndens tak för "
            "nettokostnadsutvecklingen är 2,5 %: utvecklingen ryms inom taket.") in texts
    # The example's figures are invented, and the chapter says so before its first table.
    chapter_5 = next(i for i, t in enumerate(texts) if t.startswith("5 Ekonomiska"))
    assert texts[chapter_5 + 1] == tc.EXAMPLE_BUDGET_NOTE


def test_a_ceiling_that_is_exceeded_and_frames_that_do_not_add_up(example_plan):
    example_plan.budget.net_cost_ceiling = 0.01
    example_plan.budget.total_frame_tkr = 34000.0
    texts = [p.text for p in build_plan_document(example_plan).paragraphs]
    assert any(t.endswith("utvecklingen överstiger taket.") for t in texts)
    assert "Nämndens totala ram 2026 är 34 000 tkr. De fördelade ramarna summerar till 34 400 tkr, 400 tkr från " \
           "den totala ramen." in texts


def test_an_empty_plan_gives_a_document_with_the_chapters_and_no_tables():
    from toolkit.plan import empty_plan

    doc = build_plan_document(empty_plan(2027, "Nämnden"))
    assert [h for h in headings(doc) if h[0] == 1] == [
        (1, "3 Regionmål och uppföljning"), (1, "4 Uppdrag"), (1, "5 Ekonomiska förutsättningar och budget 2027")]
    assert doc.tables == []


# --------------------------------------------------------------------------------------------
# The sheet's own chapters and sections
# --------------------------------------------------------------------------------------------

def test_sheet_chapters_and_sections_are_numbered_and_nplans_sections_follow(example_plan):
    example_plan.texts = [
        PlanText("1", TextKind.HEADING, "Sammanfattning"),
        PlanText("1", TextKind.PARAGRAPH, "Nämnden prioriterar barn och unga."),
        PlanText("3.1", TextKind.HEADING, "Arbetsprocess"),
        PlanText("4", TextKind.PARAGRAPH, "Uppdragen följs upp i tertialrapporterna."),
        PlanText("4.1", TextKind.HEADING, "Egna uppdrag"),
        PlanText("", TextKind.FORMULATION, "RUN stärker ...", goal=3),
        PlanText("6", TextKind.HEADING, "Intern kontroll"),
        PlanText("6.1", TextKind.HEADING, "Risker"),
        PlanText("6.1", TextKind.SUBHEADING, "Bemanning"),
    ]
    doc = build_plan_document(example_plan)
    found = headings(doc)
    assert [h for h in found if h[0] <= 2] == [
        (1, "1 Sammanfattning"), (1, "3 Regionmål och uppföljning"), (2, "3.1 Arbetsprocess"),
        (2, "3.2 Regionfullmäktiges mål"), (1, "4 Uppdrag"), (2, "4.1 Egna uppdrag"),
        (2, "4.2 Uppdrag från fullmäktige till nämnd"), (1, "5 Ekonomiska förutsättningar och budget 2026"),
        (2, "5.1 Nämndens plan för hållbar ekonomi"), (2, "5.2 Årsprognos 2025"), (2, "5.3 Budgetförändringar 2025"),
        (2, "5.4 Fördelade budgetramar 2026"), (1, "6 Intern kontroll"), (2, "6.1 Risker")]
    assert found[-1] == (3, "Bemanning")
    assert _texts_under(doc, "4 Uppdrag") == [(doc.styles.default(docx.enum.style.WD_STYLE_TYPE.PARAGRAPH).name,
                                                 "Uppdragen följs upp i tertialrapporterna.")]
    assert _texts_under(doc, "Mål 3. Ett attraktivt och hållbart Västerbotten") == [
        (td.STYLE_FORMULATION, "RUN stärker ...")]


# --------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------

def test_cli_writes_the_plan_document_and_refuses_to_overwrite(example_master, tmp_path):
    out = tmp_path / "namndplan.docx"
    runner = CliRunner()
    first = runner.invoke(main, ["plan", "document", str(example_master), "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert first.output == f"Skrev nämndplanen {out}\n"
    assert docx.Document(str(out)).core_properties.title == "Nämndplan 2026"
    again = runner.invoke(main, ["plan", "document", str(example_master), "-o", str(out)])
    assert again.exit_code == 1 and again.output.startswith("Fel: ") and str(out) in again.output
    assert runner.invoke(main, ["plan", "document", str(example_master), "-o", str(out), "--force"]).exit_code == 0
    wrong = runner.invoke(main, ["plan", "document", str(example_master), "-o", str(tmp_path / "plan.pdf")])
    assert wrong.exit_code == 1 and ".docx" in wrong.output


def test_pdf_without_libreoffice_is_a_swedish_error_and_writes_nothing(example_master, tmp_path, monkeypatch):
    monkeypatch.setattr(docx_pdf, "find_soffice", lambda: None)
    out = tmp_path / "namndplan.docx"
    result = CliRunner().invoke(main, ["plan", "document", str(example_master), "-o", str(out), "--pdf"])
    assert result.exit_code == 1
    assert result.output == f"Fel: {tk.SOFFICE_MISSING}\n"
    assert not out.exists() and not out.with_suffix(".pdf").exists()


def test_a_template_that_is_not_word_is_a_swedish_error(example_master, tmp_path):
    bad = tmp_path / "mall.docx"
    bad.write_text("inte en mall")
    result = CliRunner().invoke(main, ["plan", "document", str(example_master), "-o", str(tmp_path / "p.docx"),
                                       "--template", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Fel: Word-mallen {bad} kan inte användas: ")
    assert "Traceback" not in result.output
