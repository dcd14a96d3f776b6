"""The committee's report workbook: content against an independent computation, formulas in
LibreOffice, text safety, determinism and layout."""

from __future__ import annotations

import datetime as dt
import math
import zipfile

import pytest
from libreoffice import recalculate, requires_libreoffice, sheet_values
from openpyxl import load_workbook
from test_consolidate import EXAMPLE_T2, T2, Sub, frames

from toolkit.core.model import Aggregation, Assessment, ValueKind
from toolkit.core.periods import Period
from toolkit.excel.styles import ASSESSMENT_COLOURS
from toolkit.report.consolidate import consolidate
from toolkit.report.workbook import write_report
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx

PINNED = dt.datetime(2026, 9, 15, 8, 30)


@pytest.fixture()
def report(tmp_path, example_plan):
    c = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
    path = write_report(c, example_plan, tmp_path / "rapport.xlsx", generated_at=PINNED)
    return path, c


def oracle(plan, subs, period_months=8):
    """Per indicator id: (combined value, Swedish status word), computed here from the submissions
    without the library's rules: the last accepted submission per unit counts."""
    counting = {}
    for s in subs:
        if s.state == "accepted" and (s.unit not in counting or s.minutes >= counting[s.unit].minutes):
            counting[s.unit] = s
    out = {}
    for ind in plan.indicators:
        vals = [counting[u].values[ind.id] for u in ind.units
                if u in counting and ind.id in counting[u].values]
        due = 2 in ind.periodicity.tertials
        if not due or not vals:
            out[ind.id] = (None, tc.ASSESSMENT_FORECAST[Assessment.NONE])
            continue
        if ind.kind is ValueKind.YESNO:
            value = all(vals)
            met = value == ind.target
            out[ind.id] = (value, tc.ASSESSMENT_FORECAST[Assessment.MET if met else Assessment.NOT_MET])
            continue
        value = sum(vals) if ind.aggregation is Aggregation.SUM else (
            vals[0] if ind.aggregation is Aggregation.SINGLE else sum(vals) / len(vals))
        target = ind.target * period_months / 12 if ind.kind is ValueKind.COUNT else ind.target
        status = (Assessment.MET if value >= target else
                  Assessment.PARTLY if value >= 0.8 * target else Assessment.NOT_MET)
        out[ind.id] = (value, tc.ASSESSMENT_FORECAST[status])
    return out


def rows_by_first_cell(ws):
    return {row[0].value: row for row in ws.iter_rows() if isinstance(row[0].value, str)}


def test_indicators_and_goal_counts_match_an_independent_computation(report, example_plan):
    path, _ = report
    expected = oracle(example_plan, EXAMPLE_T2)
    wb = load_workbook(path)
    rows = rows_by_first_cell(wb[tx.SHEET_GOALS])
    for iid, (value, word) in expected.items():
        row = rows[iid]
        status_cell = row[6]
        assert status_cell.value == word, iid
        outcome = row[5].value
        if value is None:
            assert outcome is None, iid
        elif isinstance(value, bool):
            assert outcome == ("Ja" if value else "Nej"), iid
        else:
            assert outcome == pytest.approx(value), iid
    # The colour goes with the word.
    by_word = {tc.ASSESSMENT_FORECAST[a]: ASSESSMENT_COLOURS[a] for a in Assessment}
    for iid in expected:
        cell = rows[iid][6]
        assert cell.fill.fgColor.rgb.endswith(by_word[cell.value]), iid

    # Counts per goal on the summary, from the same independent statuses.
    summary = rows_by_first_cell(wb[tx.SHEET_SUMMARY])
    words = [tc.ASSESSMENT_FORECAST[a] for a in Assessment]
    for goal in example_plan.goals:
        ids = [i.id for sg in example_plan.sub_goals_of(goal.number)
               for i in example_plan.indicators_of(sg.id)]
        counts = [sum(expected[i][1] == w for i in ids) for w in words]
        row = summary[f"Mål {goal.number}. {goal.title}"]
        assert [c.value for c in row[1:5]] == counts, goal.number


@requires_libreoffice
def test_budget_totals_and_text_survive_libreoffice(report, tmp_path):
    path, c = report
    recalculated = recalculate(path, tmp_path / "lo")
    eco = sheet_values(recalculated, tx.SHEET_ECONOMY)
    by_id = {r[0]: r for r in eco if r and r[0] in {"KUS", "BIB", "FILM", "KONST"}}
    for e in c.economy:
        row = by_id[e.unit_id]
        if e.deviation_tkr is None:
            assert row[5] in ("", None)
        else:
            assert row[5] == pytest.approx(e.deviation_tkr)
            assert row[6] == pytest.approx(e.deviation_tkr / e.frame_tkr)
    total = next(r for r in eco if len(r) > 1 and r[1] == tx.ECONOMY_TOTAL)
    t = c.economy_totals()
    # Independently of economy_totals(): from the submissions of the test data.
    assert total[2] == pytest.approx(14100 + 10000 + 8150 + 2150) == pytest.approx(t.frame_tkr)
    assert total[3] == pytest.approx(9400 + 6500 + 5400) == pytest.approx(t.outcome_tkr)
    assert total[4] == pytest.approx(14250 + 9900 + 8300) == pytest.approx(t.forecast_tkr)
    assert total[5] == pytest.approx(-150 + 100 - 150) == pytest.approx(t.deviation_tkr)
    difference = next(r for r in eco if len(r) > 1 and r[1] == tx.ECONOMY_FRAME_DIFFERENCE)
    assert difference[2] == pytest.approx(0)
    # The summary's economy lines are formulas against the economy sheet.
    summary = {r[0]: r for r in sheet_values(recalculated, tx.SHEET_SUMMARY) if r and isinstance(r[0], str)}
    assert summary[tx.SUMMARY_ECONOMY_ROWS["forecast_tkr"]][1] == pytest.approx(t.forecast_tkr)
    assert summary[tx.SUMMARY_ECONOMY_ROWS["deviation_tkr"]][1] == pytest.approx(t.deviation_tkr)
    assert summary[tx.SUMMARY_TOTAL][5] == len(c.indicators)
    # A unit's analysis that begins with "=" is text, also after a spreadsheet opened the file.
    goals = sheet_values(recalculated, tx.SHEET_GOALS)
    assert any("=Tre utbildningsdagar" in r for r in goals)


def test_analysis_starting_with_equals_is_written_as_text(report):
    path, _ = report
    wb = load_workbook(path)
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == "=Tre utbildningsdagar":
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    found.append(ws.title)
    assert {tx.SHEET_GOALS, tx.SHEET_UNITS, tx.SHEET_DATA} <= set(found)


def test_analysis_with_formula_like_text_round_trips(tmp_path, example_plan):
    texts = ["=1+1", "+46 90 123", "-minus", "@mention", "#N/A", '=HYPERLINK("http://x")']
    for i, t in enumerate(texts):
        subs = [Sub("BIB", values={"2.2.1": 3}, analyses={"2.2.1": t})]
        c = consolidate(example_plan, T2, **frames(example_plan, subs))
        path = write_report(c, example_plan, tmp_path / f"r{i}.xlsx", generated_at=PINNED)
        from python_calamine import CalamineWorkbook

        values = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(tx.SHEET_GOALS).to_python()
        assert any(t in row for row in values), t


def content(path):
    """Everything a reader sees, per sheet: values, number formats, fills, fonts' boldness, merges."""
    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        cells = [(c.coordinate, c.value, c.number_format, c.fill.fgColor.rgb, c.font.b)
                 for row in ws.iter_rows() for c in row if c.value is not None or c.fill.fill_type]
        out[ws.title] = (cells, sorted(str(m) for m in ws.merged_cells.ranges), ws.freeze_panes,
                         ws.print_title_rows, [len(ws._charts)])
    return out


def test_same_inputs_give_the_same_content(tmp_path, example_plan):
    paths = []
    for name in ("a.xlsx", "b.xlsx"):
        c = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
        paths.append(write_report(c, example_plan, tmp_path / name, generated_at=PINNED))
    assert content(paths[0]) == content(paths[1])
    c = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
    other = write_report(c, example_plan, tmp_path / "c.xlsx", generated_at=PINNED + dt.timedelta(days=1))
    differing = [s for s in content(other) if content(other)[s] != content(paths[0])[s]]
    assert differing == [tx.SHEET_SUMMARY]  # only the generated-at line


def test_layout_for_print_and_pivots(report, example_plan):
    path, c = report
    wb = load_workbook(path)
    assert wb.sheetnames == [tx.SHEET_SUMMARY, tx.SHEET_GOALS, tx.SHEET_YEARS, tx.SHEET_UNITS, tx.SHEET_ASSIGNMENTS,
                             tx.SHEET_ECONOMY, tx.SHEET_SUBMISSIONS, tx.SHEET_DATA, tx.SHEET_ABOUT]
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
    for title in (tx.SHEET_GOALS, tx.SHEET_YEARS, tx.SHEET_UNITS, tx.SHEET_ASSIGNMENTS, tx.SHEET_ECONOMY,
                  tx.SHEET_SUBMISSIONS, tx.SHEET_DATA):
        ws = wb[title]
        assert ws.freeze_panes and ws.freeze_panes.endswith("5"), title
        assert ws.print_title_rows == "$4:$4", title
    data = wb[tx.SHEET_DATA]
    table = data.tables[tx.TABLE_DATA]
    assert table.ref == f"A4:S{4 + len(c.long_rows())}"
    assert [cell.value for cell in data[4]] == list(tx.DATA_HEADERS.values())
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2
    assert any('grouping val="stacked"' in ch for ch in charts)
    eco = wb[tx.SHEET_ECONOMY]
    formulas = [cell.value for row in eco.iter_rows() for cell in row
                if isinstance(cell.value, str) and cell.value.startswith("=")]
    assert any(f.startswith("=SUM(C5:C8)") for f in formulas)
    assert eco["C5"].number_format == "#,##0"


def test_goals_sheet_follows_the_plan_order(report, example_plan):
    path, _ = report
    ws = load_workbook(path)[tx.SHEET_GOALS]
    first = [row[0].value for row in ws.iter_rows(min_row=5) if row[0].value]
    expected = []
    for g in example_plan.goals:
        expected.append(f"Mål {g.number}")
        for sg in example_plan.sub_goals_of(g.number):
            expected.append(sg.id)
            expected += [i.id for i in example_plan.indicators_of(sg.id)]
    assert first == expected
    # Each unit's analysis is under its indicator, with the unit's name.
    names = [row[1].value for row in ws.iter_rows(min_row=5) if row[8].value == "=Tre utbildningsdagar"]
    assert names == ["Biblioteksutveckling Västerbotten (inkl. sjukhusbibliotek)"]


def test_missing_and_rejected_units_are_named_on_the_summary(tmp_path, example_plan):
    subs = [s for s in EXAMPLE_T2 if s.unit != "BIB"]
    c = consolidate(example_plan, T2, **frames(example_plan, subs))
    path = write_report(c, example_plan, tmp_path / "r.xlsx", generated_at=PINNED)
    rows = rows_by_first_cell(load_workbook(path)[tx.SHEET_SUMMARY])
    missing = rows[tx.SUMMARY_SUBMISSION_ROWS["missing"]]
    assert missing[1].value == "1 av 4" and "Biblioteksutveckling" in missing[2].value
    rejected = rows[tx.SUMMARY_SUBMISSION_ROWS["rejected"]]
    assert rejected[1].value == "1 av 4" and rejected[2].value == "Offentlig konst"


def test_final_wording_in_december(tmp_path, example_plan):
    subs = [Sub("FILM", values={"1.1.1": 95}, period="2026-T3")]
    c = consolidate(example_plan, Period(2026, 3), **frames(example_plan, subs, Period(2026, 3)))
    path = write_report(c, example_plan, tmp_path / "r.xlsx", generated_at=PINNED)
    ws = load_workbook(path)[tx.SHEET_GOALS]
    rows = rows_by_first_cell(ws)
    # At T3 the year's series stands before the outcome: find the columns by their headers.
    headers = [c.value for c in ws[4]]
    status, outcome = headers.index(tx.GOALS_HEADERS["status"]), headers.index("Utfall 2026")
    assert headers[outcome - 2:outcome] == ["Utfall 2026-T1", "Utfall 2026-T2"]
    assert rows["1.1.1"][status].value == tc.ASSESSMENT[Assessment.MET]  # 95 >= 90, no forecast wording
    assert rows["2.1.1"][status].value == tc.ASSESSMENT[Assessment.NONE]
    assert not math.isnan(rows["1.1.1"][outcome].value)


def test_control_characters_from_a_unit_do_not_break_the_report(tmp_path, example_plan):
    subs = [Sub("BIB", values={"2.2.1": 3}, analyses={"2.2.1": "rad ett\x0brad två\x07"})]
    c = consolidate(example_plan, T2, **frames(example_plan, subs))
    path = write_report(c, example_plan, tmp_path / "r.xlsx", generated_at=PINNED)
    ws = load_workbook(path)[tx.SHEET_GOALS]
    assert "rad ettrad två" in [cell.value for row in ws.iter_rows() for cell in row]
