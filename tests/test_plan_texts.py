"""The plan's own texts and the plan document's settings in the master: the sheet Plantexter read and written,
its places, the findings of plan check, baselines and targets written with or without a thousands
separator, the old column Beskrivning, the plan source's [[texts]], and rollover."""

from __future__ import annotations

from pathlib import Path

import master_helpers as mh
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.table import TableColumn

from toolkit.core.errors import InputError
from toolkit.core.model import PlanText, TextKind, canonical
from toolkit.core.plantexts import Place, chapters, goal_texts, parse_place
from toolkit.plan import check_plan, read_master, rollover, write_master
from toolkit.plan.source import plan_from_dict
from toolkit.texts import master as tm

T = "Plantexter"


def _codes(findings) -> list[str]:
    return [f.code for f in findings]


@pytest.mark.parametrize(("raw", "place"), [
    ("2", Place("2")), ("2.1", Place("2.1")), (" 3.10 ", Place("3.10")), (2, Place("2")), (2.1, Place("2.1")),
    ("Mål 2", Place(goal=2)), ("mål2", Place(goal=2)), ("MÅL 12.", Place(goal=12)),
])
def test_places_as_a_controller_types_them(raw, place):
    assert parse_place(raw) == place


@pytest.mark.parametrize("raw", ["", None, True, "3.3.1", "Kapitel 2", "Mål", "2,1", "Delmål 1.1"])
def test_places_that_are_none(raw):
    assert parse_place(raw) is None


def test_the_example_texts_survive_the_master(example_plan, tmp_path: Path):
    path = write_master(example_plan, tmp_path / "m.xlsx")
    back, found = read_master(path)
    assert found == [] and check_plan(back, path.name) == []
    assert [canonical(t) for t in back.texts] == [canonical(t) for t in example_plan.texts]
    assert len(back.texts) == len(example_plan.texts) > 20
    wb = load_workbook(path)
    ws, table = mh.table(wb, T)
    assert ws.title == tm.SHEET_PLAN_TEXTS
    first = mh.data_rows(wb, T)[0]
    assert [ws.cell(row=first, column=c).value for c in (1, 2)] == ["2.1", "Rubrik"]
    # The column Avsnitt is text, below the table too: a typed 2.1 stays "2.1".
    assert ws.cell(row=first + 150, column=1).number_format == "@"


def test_the_baseline_and_target_keep_how_the_plan_writes_them(example_plan, tmp_path: Path):
    ind = example_plan.indicator("2.1.1")
    assert (ind.baseline, ind.baseline_grouped, ind.target, ind.target_grouped) == (2133.0, True, 2300.0, False)
    path = write_master(example_plan, tmp_path / "m.xlsx")
    wb = load_workbook(path)
    ws = wb[tm.SHEET_INDICATORS]
    baseline = ws[mh.cell(wb, "Indikatorer", "Utfall basår", "Indikator-id", "2.1.1")[1]]
    target = ws[mh.cell(wb, "Indikatorer", "Målvärde", "Indikator-id", "2.1.1")[1]]
    assert (baseline.value, baseline.number_format) == (2133, "#,##0")
    assert (target.value, target.number_format) == (2300, "General")
    back, _ = read_master(path)
    assert (back.indicator("2.1.1").baseline_grouped, back.indicator("2.1.1").target_grouped) == (True, False)
    # A controller who formats the target cell with a thousands separator gets "2 300" in the document.
    target.number_format = "#,##0"
    wb.save(path)
    again, _ = read_master(path)
    assert again.indicator("2.1.1").target_grouped is True
    # How a number is written is not what a unit reports on: the plan's identity does not change.
    assert again.identity() == back.identity()


def _with_rows(path: Path, rows: list[tuple[object, str, str]]) -> Path:
    """The master with ``rows`` (Avsnitt, Typ, Text) typed under the table Plantexter."""
    wb = load_workbook(path)
    ws, _ = mh.table(wb, T)
    start = mh.data_rows(wb, T)[-1] + 1
    for i, row in enumerate(rows):
        for c, v in enumerate(row, start=1):
            ws.cell(row=start + i, column=c).value = v
    wb.save(path)
    return path


def test_places_and_headings_that_plan_check_reports(example_master: Path, tmp_path: Path):
    wb = load_workbook(example_master)
    first = mh.data_rows(wb, T)[-1] + 1
    path = _with_rows(example_master, [
        ("3.3.1", "Stycke", "Fel plats."),
        ("", "Stycke", "Utan plats."),
        ("Mål 4", "Stycke", "Mål 4 finns inte."),
        ("Mål 1", "Rubrik", "Målen har rubrik i tabellen Mål."),
        ("2.5", "Stycke", "Ett avsnitt utan rubrik."),
        ("2.1", "Rubrik", "En andra rubrik."),
        ("7", "Stycke", "Ett kapitel utan rubrik."),
        ("2.6", "Stycke", ""),  # no text: skipped
    ])
    plan, read = read_master(path)
    sheet = tm.SHEET_PLAN_TEXTS
    assert [(f.code, f.cell) for f in read] == [("invalid-text-place", f"A{first}"), ("missing-value", f"A{first + 1}")]
    assert read[0].found == "3.3.1" and read[0].sheet == sheet
    found = check_plan(plan, path.name, read)
    assert [(f.code, f.cell, f.severity) for f in found] == [
        ("text-goal-unknown", f"A{first + 2}", "fel"),
        ("text-heading-in-goal", f"A{first + 3}", "varning"),
        ("text-heading-twice", f"C{first + 5}", "varning"),
        ("text-section-no-heading", f"A{first + 4}", "varning"),
        ("text-section-no-heading", f"A{first + 6}", "varning"),
    ]
    assert found[2].expected == "Regionala utvecklingsnämndens uppdrag"
    assert "2.5" in found[3].message and "Rubrik" in found[3].message
    assert not any(t.text == "" for t in plan.texts)


def test_an_old_masters_goal_narrative_is_reported_where_it_is(example_master: Path):
    """A master from before the sheet Plantexter: the table Mål has a column Beskrivning with text in it."""
    wb = load_workbook(example_master)
    ws, table = mh.table(wb, "Mal")
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    col = max_col + 1
    ws.cell(row=min_row, column=col).value = tm.OLD_GOAL_NARRATIVE
    ws.cell(row=min_row + 2, column=col).value = "Barn och unga bör tidigt ..."
    table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(col)}{max_row}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref
    table.tableColumns.append(TableColumn(id=len(table.tableColumns) + 1, name=tm.OLD_GOAL_NARRATIVE))
    wb.save(example_master)
    _plan, read = read_master(example_master)
    assert [(f.code, f.cell, f.severity) for f in read] == [
        ("old-goal-narrative", f"{get_column_letter(col)}{min_row + 2}", "varning")]
    assert tm.SHEET_PLAN_TEXTS in read[0].message


def test_settings_word_template_and_pdf(example_plan, tmp_path: Path):
    example_plan.settings.word_template = "mallar/region.dotx"
    example_plan.settings.pdf = True
    path = write_master(example_plan, tmp_path / "m.xlsx")
    back, found = read_master(path)
    assert found == []
    assert (back.settings.word_template, back.settings.pdf) == ("mallar/region.dotx", True)
    wb = load_workbook(path)
    ws = wb[tm.SHEET_SETTINGS]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == tm.SETTINGS["pdf"][0])
    assert ws.cell(row=row, column=2).value == "Ja"
    ws.cell(row=row, column=2).value = "Kanske"
    wb.save(path)
    _, found = read_master(path)
    assert [(f.code, f.cell) for f in found] == [("invalid-setting", f"B{row}")]


def test_the_plan_source_texts(example_plan):
    data = {"settings": {"year": 2026}, "goals": [{"number": 2, "title": "Mål"}], "texts": [
        {"section": "2", "heading": "Inledning"},
        {"section": "2.1", "heading": "Uppdrag", "blocks": ["Stycke ett.", {"subheading": "Under"}, "Stycke två."]},
        {"goal": 2, "blocks": ["Text.", {"formulation": "RUN stärker ..."}]},
    ]}
    plan = plan_from_dict(data)
    assert [(t.section, t.goal, t.kind, t.text) for t in plan.texts] == [
        ("2", None, TextKind.HEADING, "Inledning"),
        ("2.1", None, TextKind.HEADING, "Uppdrag"), ("2.1", None, TextKind.PARAGRAPH, "Stycke ett."),
        ("2.1", None, TextKind.SUBHEADING, "Under"), ("2.1", None, TextKind.PARAGRAPH, "Stycke två."),
        ("", 2, TextKind.PARAGRAPH, "Text."), ("", 2, TextKind.FORMULATION, "RUN stärker ..."),
    ]
    with pytest.raises(ValueError, match="Platsen"):
        plan_from_dict({"texts": [{"section": "2.1.1", "blocks": ["x"]}]})
    with pytest.raises(ValueError, match="rubrik"):
        plan_from_dict({"texts": [{"section": "2.1", "blocks": [{"rubrik": "x"}]}]})


def test_a_bad_place_in_the_source_file_is_an_input_error(tmp_path: Path):
    from toolkit.plan.source import load_plan_source

    path = tmp_path / "plan.toml"
    path.write_text('[settings]\nyear = 2026\n[[texts]]\nsection = "två"\nblocks = ["x"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="två"):
        load_plan_source(path)


def test_chapters_order_sections_and_goal_texts_apart():
    texts = [PlanText("2.2", TextKind.HEADING, "B"), PlanText("2.1", TextKind.PARAGRAPH, "a1"),
             PlanText("2.1", TextKind.HEADING, "A"), PlanText("2.10", TextKind.HEADING, "J"),
             PlanText("2", TextKind.PARAGRAPH, "intro"), PlanText("", TextKind.PARAGRAPH, "g", goal=1),
             PlanText("2.1", TextKind.PARAGRAPH, "a2"), PlanText("", TextKind.HEADING, "ignored", goal=1)]
    ch = chapters(texts)
    assert list(ch) == [2]
    assert [(s.number, s.heading, [b.text for b in s.blocks]) for s in ch[2].sections] == [
        ("2.1", "A", ["a1", "a2"]), ("2.2", "B", []), ("2.10", "J", [])]
    assert [b.text for b in ch[2].blocks] == ["intro"] and ch[2].last_section == 10
    assert [t.text for t in goal_texts(texts, 1)] == ["g"]


def test_rollover_keeps_the_texts(example_plan):
    new = rollover(example_plan, 2027).plan
    assert [canonical(t) for t in new.texts] == [canonical(t) for t in example_plan.texts]
    assert all(t.source is None for t in new.texts)
