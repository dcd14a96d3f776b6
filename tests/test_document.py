"""The committee's document (Word): content read back with python-docx and checked against values computed
here, determinism, layout, LibreOffice's PDF export, and `nplan consolidate --docx`."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph
from libreoffice import convert_to_pdf, requires_libreoffice_writer
from test_consolidate import EXAMPLE_T2, T2, Sub, frames
from test_report import oracle

from toolkit.cli import main
from toolkit.core.model import Assessment, Verdict
from toolkit.core.periods import Period
from toolkit.demo import run_demo
from toolkit.excel.styles import ASSESSMENT_COLOURS
from toolkit.report.consolidate import consolidate
from toolkit.report.document import build_document, write_document
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx
from toolkit.texts import document as td

PINNED = dt.datetime(2026, 9, 15, 8, 30)
MOTIVATION = "Två av fyra indikatorer når inte målet; insatserna för barn i inlandet förstärks."
ANALYSIS_WITH_CONTROLS = "Rad ett\x01 med styrtecken\x0b\nrad två =SUMMA(A1)"


def _plan_with_verdict(plan):
    plan.verdicts.append(Verdict(Period(2026, 2), "goal", "1", Assessment.NOT_MET, MOTIVATION))
    return plan


def _counting(subs):
    """The submission that counts per unit: the last accepted one."""
    out = {}
    for s in subs:
        if s.state == "accepted" and (s.unit not in out or s.minutes >= out[s.unit].minutes):
            out[s.unit] = s
    return out


def _blocks(document):
    """Paragraphs and tables in reading order."""
    return list(document.iter_inner_content())


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u00ad", "")


def _tkr(v: float) -> str:
    """Swedish tkr as the test expects it: whole thousands grouped by spaces."""
    n = round(v)
    return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", " ")


def _fill(cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shd is None else shd.get(qn("w:fill"))


@pytest.fixture()
def document(tmp_path, example_plan):
    plan = _plan_with_verdict(example_plan)
    c = consolidate(plan, T2, **frames(plan, EXAMPLE_T2))
    path = write_document(c, plan, tmp_path / "rapport.docx", generated_at=PINNED)
    return docx.Document(str(path)), plan, c


def test_goal_and_sub_goal_headings_in_plan_order(document):
    doc, plan, _ = document
    headings = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    expected = []
    for g in plan.goals:  # goals without sub-goals (3, 5, 6, 7 in the example) are there too
        expected.append(f"Mål {g.number}. {g.title}")
        expected += [f"Delmål {sg.id}" for sg in plan.sub_goals_of(g.number)]
    assert [h for h in headings if h.startswith(("Mål ", "Delmål "))] == expected
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[0].text == "Delårsrapport 2026 (tertial 2, januari–augusti)"
    assert plan.settings.committee in doc.paragraphs[1].text and "2026-T2" in doc.paragraphs[1].text


def test_every_indicator_row_has_the_independently_computed_outcome_and_status(document):
    doc, plan, _ = document
    expected = oracle(plan, EXAMPLE_T2)
    rows = {}
    for table in doc.tables:
        for row in table.rows:
            m = re.match(r"(\d+\.\d+\.\d+) ", row.cells[0].text)
            if m:
                rows[m.group(1)] = row
    assert set(rows) == {i.id for i in plan.indicators}
    word_to_status = {w: a for a, w in tc.ASSESSMENT_FORECAST.items()}
    for ind in plan.indicators:
        value, word = expected[ind.id]
        cells = rows[ind.id].cells
        assert cells[0].text.startswith(f"{ind.id} {ind.name}"), ind.id
        assert cells[4].text == word, ind.id
        # The shade goes with the word, so that it also prints in grey.
        assert _fill(cells[4]) == ASSESSMENT_COLOURS[word_to_status[word]], ind.id
        shown = _plain(cells[3].text)
        if value is None:
            assert shown == "–", ind.id
        elif isinstance(value, bool):
            assert shown == ("Ja" if value else "Nej"), ind.id
        elif ind.kind.value == "share":
            assert shown == f"{round(value * 100)} %", ind.id
        else:
            assert shown == str(round(value)), ind.id


def test_goal_verdicts_suggested_and_controllers_side_by_side(document):
    doc, plan, _ = document
    expected = oracle(plan, EXAMPLE_T2)
    blocks = _blocks(doc)
    words = {Assessment(a): w for a, w in tc.ASSESSMENT_FORECAST.items()}
    for g in plan.goals:
        ids = [i.id for sg in plan.sub_goals_of(g.number) for i in plan.indicators_of(sg.id)]
        if not ids:
            continue
        statuses = [next(a for a, w in words.items() if w == expected[i][1]) for i in ids]
        assessed = [s for s in statuses if s is not Assessment.NONE]
        if not assessed:
            suggested = Assessment.NONE
        elif all(s is Assessment.MET for s in assessed):
            suggested = Assessment.MET
        elif 2 * sum(s is Assessment.NOT_MET for s in assessed) > len(assessed):
            suggested = Assessment.NOT_MET
        else:
            suggested = Assessment.PARTLY
        at = next(i for i, b in enumerate(blocks)
                  if isinstance(b, Paragraph) and b.text == f"Mål {g.number}. {g.title}")
        table = next(b for b in blocks[at:] if isinstance(b, Table))
        assert [c.text for c in table.rows[0].cells] == list(td.VERDICT_HEADERS.values())
        first, second = ([c.text for c in row.cells] for row in table.rows[1:])
        assert first[:2] == [td.VERDICT_SUGGESTED, words[suggested]], g.number
        assert second[0] == td.VERDICT_CONTROLLER
        if g.number == 1:
            assert second[1] == words[Assessment.NOT_MET]
            assert second[2] == td.MOTIVATION + MOTIVATION
        else:
            assert second[1] == tx.VERDICT_MISSING


def test_each_analysis_under_its_indicator_table_with_the_units_name(document):
    doc, plan, _ = document
    blocks = _blocks(doc)
    texts = [b.text if isinstance(b, Paragraph) else None for b in blocks]
    names = {u.id: u.name for u in plan.units}
    analyses = [(uid, iid, text) for uid, s in _counting(EXAMPLE_T2).items() for iid, text in s.analyses.items()]
    assert ("BIB", "2.2.1", "=Tre utbildningsdagar") in analyses  # a formula-looking text, as it was typed
    for uid, iid, text in analyses:
        at = texts.index(text)
        assert texts[at - 1].startswith(names[uid]), (uid, iid)
        table_at = next(i for i, b in enumerate(blocks) if isinstance(b, Table)
                        and any(r.cells[0].text.startswith(f"{iid} ") for r in b.rows))
        assert table_at < at, (uid, iid)


def test_control_characters_dropped_line_breaks_kept(example_plan, tmp_path):
    subs = [Sub("KUS", values={"1.1.2": 3}, analyses={"1.1.2": ANALYSIS_WITH_CONTROLS})]
    c = consolidate(example_plan, T2, **frames(example_plan, subs))
    doc = docx.Document(str(write_document(c, example_plan, tmp_path / "d.docx", generated_at=PINNED)))
    texts = [p.text for p in doc.paragraphs]
    assert "Rad ett med styrtecken\nrad två =SUMMA(A1)" in texts


def test_economy_per_unit_and_total(document):
    doc, plan, _ = document
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["Verksamhet", "Budgetram"])
    frames_ = {f.unit: f.frame_tkr for f in plan.budget.frames}
    counting = _counting(EXAMPLE_T2)
    rows = {r.cells[0].text: [_plain(c.text) for c in r.cells] for r in table.rows[1:]}
    names = {u.id: u.name for u in plan.units}
    for uid, frame in frames_.items():
        row = rows[names[uid]]
        assert row[1] == _tkr(frame)
        if uid in counting:
            s = counting[uid]
            assert row[2:5] == [_tkr(s.outcome_tkr), _tkr(s.forecast_tkr), _tkr(frame - s.forecast_tkr)]
        else:
            assert row[2:5] == ["–", "–", "–"]
    total = rows["Summa"]
    assert total[1:5] == [
        _tkr(sum(frames_.values())),
        _tkr(sum(s.outcome_tkr for s in counting.values())),
        _tkr(sum(s.forecast_tkr for s in counting.values())),
        _tkr(sum(frames_[u] - s.forecast_tkr for u, s in counting.items())),
    ]
    assert plan.budget.is_example
    assert any(p.text == tc.EXAMPLE_BUDGET_NOTE for p in doc.paragraphs)


def test_summary_counts_and_missing_and_rejected_units(example_plan, tmp_path):
    subs = [s for s in EXAMPLE_T2 if s.unit != "BIB"]  # BIB missing, KONST rejected
    c = consolidate(example_plan, T2, **frames(example_plan, subs))
    doc = docx.Document(str(write_document(c, example_plan, tmp_path / "d.docx", generated_at=PINNED)))
    texts = [p.text for p in doc.paragraphs]
    names = {u.id: u.name for u in example_plan.units}
    assert f"{tx.SUMMARY_SUBMISSION_ROWS['missing']}: {names['BIB']}." in texts
    assert f"{tx.SUMMARY_SUBMISSION_ROWS['rejected']}: {names['KONST']}." in texts
    assert "2 av 4 verksamheter har lämnat en godkänd retur." in texts
    expected = oracle(example_plan, subs)
    summary = doc.tables[0]
    words = [tc.ASSESSMENT_FORECAST[a] for a in Assessment]
    assert [c.text for c in summary.rows[0].cells][1:5] == words
    by_goal = {r.cells[0].text: [c.text for c in r.cells] for r in summary.rows[1:]}
    for g in example_plan.goals:
        ids = [i.id for sg in example_plan.sub_goals_of(g.number) for i in example_plan.indicators_of(sg.id)]
        counts = [str(sum(expected[i][1] == w for i in ids)) for w in words]
        assert by_goal[f"Mål {g.number}. {g.title}"][1:5] == counts, g.number


def test_same_inputs_same_content(example_plan, tmp_path):
    plan = _plan_with_verdict(example_plan)
    parts = []
    for name in ("a.docx", "b.docx"):
        c = consolidate(plan, T2, **frames(plan, EXAMPLE_T2))
        path = write_document(c, plan, tmp_path / name, generated_at=PINNED)
        with zipfile.ZipFile(path) as z:  # the zip's own timestamps differ; every part's content may not
            parts.append({n: z.read(n) for n in z.namelist()})
    assert parts[0].keys() == parts[1].keys() and "word/document.xml" in parts[0]
    for name in parts[0]:
        assert parts[0][name] == parts[1][name], name


def test_a4_portrait_tables_fit_and_header_rows_repeat(document):
    doc, _, c = document
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.1) and abs(section.page_height - Cm(29.7)) < Cm(0.1)
    text_width = section.page_width - section.left_margin - section.right_margin
    headed = 0
    for table in doc.tables:
        grid = table._tbl.tblGrid.gridCol_lst
        assert sum(g.w for g in grid) <= text_width + Cm(0.05)
        first = table.rows[0]._tr
        if first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None:
            headed += 1
            assert all(r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None
                       for r in table.rows[1:])
    indicator_tables = sum(1 for t in doc.tables if t.rows[0].cells[0].text == "Indikator")
    assert indicator_tables == len({r.indicator.sub_goal for r in c.indicators})
    assert headed >= indicator_tables + 2  # + the summary's and the economy's


# --------------------------------------------------------------------------------------------
# The demo's document: LibreOffice and the command line
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("demo") / "ut", generated_at=PINNED)


@requires_libreoffice_writer
def test_libreoffice_exports_the_demo_document_as_a4_pdf(demo, tmp_path):
    assert demo.document is not None and demo.document.is_file()
    pdf = convert_to_pdf(demo.document, tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert len(boxes) >= 2  # several pages
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)  # A4 portrait
    if shutil.which("pdftotext"):  # what a reader sees on the pages, where poppler is installed
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        from toolkit.plan import load_plan

        for g in load_plan(demo.master).goals:
            assert f"Mål {g.number}. {g.title}" in " ".join(text.split()), g.number


def test_cli_writes_the_document_and_refuses_to_overwrite(demo, tmp_path):
    report, document = tmp_path / "rapport.xlsx", tmp_path / "rapport.docx"
    args = ["consolidate", "--master", str(demo.master), "--period", "2026-T2", "-o", str(report),
            "--docx", str(document)]
    runner = CliRunner()
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert td.DOCUMENT_WROTE.format(path=document) in first.output
    doc = docx.Document(str(document))
    assert any(p.text.startswith(tx.SUMMARY_SUBMISSION_ROWS["missing"]) and "Offentlig konst" in p.text
               for p in doc.paragraphs)
    before = document.read_bytes()
    report.unlink()
    again = runner.invoke(main, args)  # the workbook is gone, the document is not
    assert again.exit_code == 1
    assert again.output.startswith("Fel: ") and str(document) in again.output
    assert document.read_bytes() == before and not report.exists()
    forced = runner.invoke(main, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    same = runner.invoke(main, [*args[:-2], "--docx", str(report), "--force"])
    assert same.exit_code == 1 and "-o" in same.output


def test_build_document_has_no_side_effects(example_plan, tmp_path):
    c = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
    doc = build_document(c, example_plan, generated_at=PINNED)
    assert doc.core_properties.created == PINNED.astimezone(dt.UTC)
    assert doc.core_properties.title == "Delårsrapport 2026 (tertial 2, januari–augusti)"
    assert list(tmp_path.iterdir()) == []


def test_analyses_only_where_given_and_one_line_naming_the_units_without(document):
    """Under each due indicator: the analyses that were given, then one line naming the units that gave none
    (and, apart, those without an accepted return); never one "no analysis" line per unit."""
    doc, plan, _ = document
    counting = _counting(EXAMPLE_T2)
    names = {u.id: u.name for u in plan.units}
    texts = [p.text for p in doc.paragraphs]
    heads = {f"{i.id} {i.name}": i for i in plan.indicators if i.is_due(T2)}
    starts = [n for n, t in enumerate(texts) if t in heads] + [texts.index(td.HEADING_ASSIGNMENTS)]
    assert len(starts) - 1 == len(heads)
    for at, end in zip(starts, starts[1:]):
        ind = heads[texts[at]]
        section = [t for t in texts[at + 1:end] if not t.startswith(("Delmål ", "Mål ", td.ANALYSES))]
        section = section[:next((k for k, t in enumerate(section) if t.startswith("Delmål")), len(section))]
        given = [u for u in ind.units if u in counting and counting[u].analyses.get(ind.id)]
        silent = [names[u] for u in ind.units if u in counting and u not in given]
        absent = [names[u] for u in ind.units if u not in counting]
        expected = []
        for u in given:
            expected += [next(t for t in section if t.startswith(names[u] + " – ")), counting[u].analyses[ind.id]]
        line = []
        if silent:
            line.append(f"Ingen analys från {', '.join(silent)}.")
        if absent:
            line.append(f"Ingen godkänd retur från {', '.join(absent)}.")
        if line:
            expected.append(" ".join(line))
        assert section[:len(expected)] == expected, ind.id
        for name in silent + absent:  # no line of their own
            assert not any(t.startswith(name + " – ") for t in section), (ind.id, name)
    assert "Ingen analys lämnad." not in texts
    line_12 = texts[texts.index("1.1.2 " + plan.indicator("1.1.2").name) + 3]
    assert line_12 == (f"Ingen analys från {names['BIB']}, {names['FILM']}. Ingen godkänd retur från "
                       f"{names['KONST']}.")
