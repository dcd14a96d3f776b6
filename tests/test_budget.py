"""`nplan budget check`: every budget rule on the example master (clean) and on masters with one deliberate
breach each (the example master edited with openpyxl), through the CLI, with the expected code at the
expected cell. Also: the master's own 5.4 formulas agree with Python (LibreOffice), and rollover moves
this year's frames into last year's."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_MASTER
from libreoffice import cell_value, recalculate, requires_libreoffice
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from toolkit.cli import main
from toolkit.plan import read_master
from toolkit.plan.budget import check_budget, summarize_budget
from toolkit.texts import common as tc
from toolkit.texts import master as tm

BUDGET_SHEETS = (tm.SHEET_MEASURES, tm.SHEET_PRIOR_FORECAST, tm.SHEET_CHANGES, tm.SHEET_FRAMES)


# ---- helpers: find cells by table name and header, as a controller's edits would ----

def table_cells(wb, table: str) -> tuple[object, int, dict[str, str], int]:
    """(worksheet, header row, header text -> column letter, last row of the table)."""
    for ws in wb.worksheets:
        if table in ws.tables:
            min_col, header, max_col, max_row = range_boundaries(ws.tables[table].ref)
            cols = {ws.cell(row=header, column=c).value: get_column_letter(c)
                    for c in range(min_col, max_col + 1)}
            return ws, header, cols, max_row
    raise KeyError(table)


def row_of(wb, table: str, field: str, value: str) -> int:
    ws, header, cols, max_row = table_cells(wb, table)
    letter = cols[tm.HEADERS[table][field]]
    for r in range(header + 1, max_row + 1):
        if ws[f"{letter}{r}"].value == value:
            return r
    raise KeyError(value)


def cell_of(wb, table: str, field: str, key_field: str, key: str) -> tuple[str, str]:
    """(sheet, A1) of ``field`` on the row whose ``key_field`` is ``key``."""
    ws, _, cols, _ = table_cells(wb, table)
    return ws.title, f"{cols[tm.HEADERS[table][field]]}{row_of(wb, table, key_field, key)}"


def parameter_cell(wb, key: str) -> tuple[str, str]:
    return cell_of(wb, "Budgetparametrar", "value", "parameter", tm.BUDGET_PARAMETERS[key])


def append_row(wb, table: str, values: dict[str, object]) -> tuple[str, int]:
    """Type a row directly under a table (as a controller does without extending it)."""
    ws, _, cols, max_row = table_cells(wb, table)
    r = max_row + 1
    for field, value in values.items():
        ws[f"{cols[tm.HEADERS[table][field]]}{r}"] = value
    return ws.title, r


def edited(master: Path, name: str, edit: Callable[[object], object]) -> tuple[Path, object]:
    """A copy of ``master`` changed by ``edit(wb)``; returns (path, what edit returned)."""
    wb = load_workbook(master)
    where = edit(wb)
    out = master.with_name(name)
    wb.save(out)
    return out, where


def run_check(path: Path) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["budget", "check", str(path), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.output)


def located(report: dict, severity: str | None = "fel") -> set[tuple[str, str, str]]:
    return {(f["code"], f["sheet"], f["cell"]) for f in report["findings"]
            if severity is None or f["severity"] == severity}


# ---- the example ----

@pytest.mark.parametrize("which", ["fixture", "shipped"])
def test_example_master_passes_budget_check(which: str, example_master: Path) -> None:
    path = example_master if which == "fixture" else EXAMPLE_MASTER
    result = CliRunner().invoke(main, ["budget", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "utan fel" in result.output
    code, report = run_check(path)
    assert code == 0 and report["valid"] is True and report["findings"] == []
    # The summary is the example's own figures: 14 100 + 10 000 + 8 150 + 2 150 against the total 34 400.
    summary = report["summary"]
    assert summary["sum_frames_tkr"] == 14100 + 10000 + 8150 + 2150 == summary["total_frame_tkr"]
    assert report["summary"]["net_cost_growth"] == pytest.approx(34400 / (14350 + 9750 + 7600 + 2080) - 1)


@pytest.mark.parametrize("which", ["fixture", "shipped"])
def test_example_figures_are_labelled_as_examples_on_every_budget_sheet(which: str,
                                                                        example_master: Path) -> None:
    path = example_master if which == "fixture" else EXAMPLE_MASTER
    wb = load_workbook(path)
    for sheet in BUDGET_SHEETS:
        ws = wb[sheet]
        texts = [c.value for row in ws.iter_rows(min_row=1, max_row=3) for c in row]
        assert tc.EXAMPLE_BUDGET_NOTE in texts, sheet
    plan, _ = read_master(path)
    assert plan.budget.is_example


def test_a_real_budget_is_not_labelled(example_plan, tmp_path: Path) -> None:
    from toolkit.plan import write_master

    example_plan.budget.is_example = False
    wb = load_workbook(write_master(example_plan, tmp_path / "real.xlsx"))
    for sheet in BUDGET_SHEETS:
        assert all(c.value != tc.EXAMPLE_BUDGET_NOTE for row in wb[sheet].iter_rows(max_row=3) for c in row)


# ---- one deliberate breach per rule ----

def _total_off(wb):
    sheet, cell = parameter_cell(wb, "total_frame_tkr")
    wb[sheet][cell] = 35000
    return {("frames-do-not-add-up", sheet, cell)}


def _unit_without_frame(wb):
    sheet, r = append_row(wb, "Verksamheter", {"id": "NY", "name": "Ny verksamhet"})
    return {("unit-without-frame", sheet, f"A{r}")}


def _change_for_unknown_unit(wb):
    sheet, r = append_row(wb, "Budgetforandringar", {"unit": "XYZ", "kind": "Övrigt", "text": "Test",
                                                     "amount_tkr": 0})
    return {("budget-unknown-unit", sheet, f"A{r}")}


def _frame_not_previous_plus_changes(wb):
    sheet, prev = cell_of(wb, "Budgetramar", "previous_tkr", "unit", "KUS")
    wb[sheet][prev] = 14000  # 14 000 + 300 - 400 = 13 900, but the frame says 14 100
    return {("frame-not-previous-plus-changes", *cell_of(wb, "Budgetramar", "frame_tkr", "unit", "KUS"))}


def _net_cost_above_ceiling(wb):
    sheet, cell = parameter_cell(wb, "net_cost_ceiling")
    wb[sheet][cell] = 0.01  # growth is 34 400 / 33 780 - 1 = 1.84 %
    return {("net-cost-above-ceiling", sheet, cell)}


def _frame_not_a_number(wb):
    sheet, cell = cell_of(wb, "Budgetramar", "frame_tkr", "unit", "KUS")
    wb[sheet][cell] = "fjortontusen"
    # Without KUS the frames add up to 20 300, not 34 400: reported too, at the total (as Excel's check
    # shows).
    return {("amount-not-number", sheet, cell),
            ("frames-do-not-add-up", *parameter_cell(wb, "total_frame_tkr"))}


def _measure_not_a_number(wb):
    sheet, cell = cell_of(wb, "Atgarder", "amount_tkr", "id", "A1")
    wb[sheet][cell] = "mycket"
    return {("amount-not-number", sheet, cell)}


def _change_not_a_number(wb):
    sheet, cell = cell_of(wb, "Budgetforandringar", "amount_tkr", "kind", "Politiskt beslut")
    wb[sheet][cell] = "500 kr"
    # FILM's frame 8 150 is then 7 500 + 150 only (7 650): the frame rule speaks up as well.
    return {("amount-not-number", sheet, cell),
            ("frame-not-previous-plus-changes", *cell_of(wb, "Budgetramar", "frame_tkr", "unit", "FILM"))}


def _ceiling_not_a_number(wb):
    sheet, cell = parameter_cell(wb, "net_cost_ceiling")
    wb[sheet][cell] = "två procent"
    return {("amount-not-number", sheet, cell)}


def _duplicate_frame(wb):
    _, _, cols, _ = table_cells(wb, "Budgetramar")
    h = tm.HEADERS["Budgetramar"]
    sheet, r = append_row(wb, "Budgetramar", {"unit": "KONST", "previous_tkr": 0, "frame_tkr": 0})
    # The second KONST row is also checked on its own: 0 is not 0 + KONST's changes (50).
    return {("duplicate-id", sheet, f"{cols[h['unit']]}{r}"),
            ("frame-not-previous-plus-changes", sheet, f"{cols[h['frame_tkr']]}{r}")}


BREACHES = {
    "frames-do-not-add-up": _total_off,
    "unit-without-frame": _unit_without_frame,
    "budget-unknown-unit": _change_for_unknown_unit,
    "frame-not-previous-plus-changes": _frame_not_previous_plus_changes,
    "net-cost-above-ceiling": _net_cost_above_ceiling,
    "amount-not-number (frame)": _frame_not_a_number,
    "amount-not-number (measure)": _measure_not_a_number,
    "amount-not-number (change)": _change_not_a_number,
    "amount-not-number (ceiling)": _ceiling_not_a_number,
    "duplicate frame row": _duplicate_frame,
}


@pytest.mark.parametrize("name", list(BREACHES))
def test_each_breach_is_reported_at_its_cell_through_the_cli(name: str, example_master: Path) -> None:
    path, expected = edited(example_master, "breach.xlsx", BREACHES[name])
    code, report = run_check(path)
    assert code == 1
    assert report["valid"] is False
    assert located(report) == expected
    for f in report["findings"]:
        assert f["message"] and f["file"] == "breach.xlsx"
    # The text output names the same place and code.
    text = CliRunner().invoke(main, ["budget", "check", str(path)])
    assert text.exit_code == 1
    for code_, sheet, cell in expected:
        assert f"{sheet}!{cell}" in text.output and f"[{code_}]" in text.output


def test_messages_name_the_figures(example_master: Path) -> None:
    path, _ = edited(example_master, "total.xlsx", _total_off)
    _, report = run_check(path)
    (f,) = report["findings"]
    assert f["found"] == "34 400" and f["expected"] == "35 000"
    assert "34 400" in f["message"] and "35 000" in f["message"] and "-600" in f["message"]

    path, _ = edited(example_master, "kus.xlsx", _frame_not_previous_plus_changes)
    _, report = run_check(path)
    (f,) = report["findings"]
    assert (f["item_id"], f["found"], f["expected"]) == ("KUS", "14 100", "13 900")  # 14 000 + 300 - 400


def test_amounts_typed_the_swedish_way_are_numbers(example_master: Path) -> None:
    def edit(wb):
        sheet, cell = cell_of(wb, "Budgetramar", "frame_tkr", "unit", "KUS")
        wb[sheet][cell] = "14 100"  # text with a space as thousands separator
        sheet, cell = parameter_cell(wb, "net_cost_ceiling")
        wb[sheet][cell] = "2,5 %"

    path, _ = edited(example_master, "typed.xlsx", edit)
    code, report = run_check(path)
    assert (code, report["findings"]) == (0, [])


def test_missing_ceiling_is_a_warning_not_an_error(example_master: Path) -> None:
    def edit(wb):
        sheet, cell = parameter_cell(wb, "net_cost_ceiling")
        wb[sheet][cell] = None
        return {("net-cost-ceiling-missing", sheet, cell)}

    path, expected = edited(example_master, "noceiling.xlsx", edit)
    code, report = run_check(path)
    assert code == 0 and report["valid"] is True
    assert located(report, "varning") == expected and located(report) == set()


def test_missing_prior_forecast_for_a_unit_is_a_warning(example_master: Path) -> None:
    def edit(wb):
        ws, _, cols, _ = table_cells(wb, "Arsprognos")
        r = row_of(wb, "Arsprognos", "unit", "KONST")
        for letter in cols.values():
            ws[f"{letter}{r}"] = None
        return {("prior-forecast-missing", *cell_of(wb, "Budgetramar", "unit", "unit", "KONST"))}

    path, expected = edited(example_master, "noforecast.xlsx", edit)
    code, report = run_check(path)
    assert located(report, "varning") == expected
    # Without KONST's 2 080 the base shrinks to 31 700: 34 400 / 31 700 - 1 = 8.5 %, above the 2.5 % ceiling.
    assert code == 1
    ceiling = parameter_cell(load_workbook(path), "net_cost_ceiling")
    assert located(report) == {("net-cost-above-ceiling", *ceiling)}


def test_plan_check_reports_the_budget_rules_too(example_master: Path) -> None:
    path, expected = edited(example_master, "ceiling.xlsx", _net_cost_above_ceiling)
    result = CliRunner().invoke(main, ["plan", "check", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert expected <= located(json.loads(result.output))


def test_library_check_is_the_same_as_the_cli(example_master: Path) -> None:
    path, expected = edited(example_master, "lib.xlsx", _frame_not_previous_plus_changes)
    plan, read = read_master(path)
    assert {(f.code, f.sheet, f.cell) for f in read + check_budget(plan, path.name, read)} == expected


# ---- the command line around the check ----

def test_check_usage_and_unreadable_files(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["budget", "check"]).exit_code == 2
    assert runner.invoke(main, ["budget", "check", "x.xlsx", "--format", "xml"]).exit_code == 2
    missing = runner.invoke(main, ["budget", "check", str(tmp_path / "saknas.xlsx")])
    assert missing.exit_code == 1 and "Fel:" in missing.output and "Traceback" not in missing.output
    junk = tmp_path / "junk.xlsx"
    junk.write_text("inte en arbetsbok")
    result = runner.invoke(main, ["budget", "check", str(junk)])
    assert result.exit_code == 1 and result.output.startswith("Fel:")
    for command in (["budget", "--help"], ["budget", "check", "--help"], ["budget", "report", "--help"]):
        assert runner.invoke(main, command).exit_code == 0


def test_check_never_modifies_the_master(example_master: Path) -> None:
    before = example_master.read_bytes()
    CliRunner().invoke(main, ["budget", "check", str(example_master)])
    assert example_master.read_bytes() == before


# ---- the master's formulas agree with Python ----

@requires_libreoffice
def test_master_formulas_on_sheet_5_4_equal_python(example_master: Path, tmp_path: Path) -> None:
    def edit(wb):
        sheet, cell = cell_of(wb, "Budgetramar", "frame_tkr", "unit", "FILM")
        wb[sheet][cell] = 8650  # 500 more than previous + changes; frames now 34 900 against 34 400
        sheet, cell = parameter_cell(wb, "net_cost_ceiling")
        wb[sheet][cell] = 0.03

    path, _ = edited(example_master, "formulas.xlsx", edit)
    plan, read = read_master(path)
    summary = summarize_budget(plan.budget)
    # Python's own figures, independently: 34 900 / 33 780 - 1 = 3.3 % > 3 %.
    assert summary.sum_frames == 34900
    assert summary.net_cost_growth == pytest.approx(34900 / 33780 - 1)
    assert summary.net_cost_check == tm.CHECK_NET_COST_BAD
    codes = {f.code for f in check_budget(plan, path.name, read)}
    assert codes == {"frames-do-not-add-up", "frame-not-previous-plus-changes", "net-cost-above-ceiling"}

    out = recalculate(path, tmp_path / "lo")
    wb = load_workbook(path)
    names = {name: wb.defined_names[name].attr_text for name in tm.BUDGET_SUMMARY}

    def named(name: str) -> object:
        sheet, _, ref = names[name].rpartition("!")
        return cell_value(out, sheet.strip("'"), ref)

    assert named("Summa_ramar") == pytest.approx(summary.sum_frames)
    assert named("Skillnad_total_ram") == pytest.approx(summary.difference)
    assert named("Kontroll_ramar") == summary.frames_check
    assert named("Summa_foregaende_prognos") == pytest.approx(summary.sum_prior_forecasts)
    assert named("Nettokostnadsutveckling") == pytest.approx(summary.net_cost_growth)
    assert named("Kontroll_nettokostnad") == summary.net_cost_check
    assert named("Summa_atgarder") == pytest.approx(summary.sum_measures)
    ws, header, cols, _ = table_cells(wb, "Budgetramar")
    h = tm.HEADERS["Budgetramar"]
    for row in summary.rows:
        r = row_of(wb, "Budgetramar", "unit", row.unit)
        assert cell_value(out, ws.title, f"{cols[h['changes_tkr']]}{r}") == pytest.approx(row.changes_tkr)
        assert cell_value(out, ws.title, f"{cols[h['computed_tkr']]}{r}") == pytest.approx(row.computed_tkr)
        assert cell_value(out, ws.title, f"{cols[h['check']]}{r}") == row.check
    assert [r.check for r in summary.rows].count(tm.CHECK_ROW_BAD) == 1


# ---- rollover ----

def test_rollover_moves_frames_into_last_years_frame(example_master: Path, tmp_path: Path) -> None:
    new = tmp_path / "master-2027.xlsx"
    result = CliRunner().invoke(main, ["plan", "rollover", str(example_master), "--to", "2027",
                                       "-o", str(new)])
    assert result.exit_code == 0, result.output
    old, _ = read_master(example_master)
    plan, read = read_master(new)
    assert plan.year == 2027 and read == []
    assert [(f.unit, f.previous_tkr, f.frame_tkr) for f in plan.budget.frames] == [
        (f.unit, f.frame_tkr, None) for f in old.budget.frames]
    assert plan.budget.changes == [] and plan.budget.total_frame_tkr is None
    assert plan.budget.net_cost_ceiling == old.budget.net_cost_ceiling
    # The new master asks for this year's frames and total, each at its cell.
    code, report = run_check(new)
    assert code == 1
    wb = load_workbook(new)
    expected = {("missing-value", *cell_of(wb, "Budgetramar", "frame_tkr", "unit", f.unit))
                for f in old.budget.frames}
    expected.add(("missing-value", *parameter_cell(wb, "total_frame_tkr")))
    assert located(report) == expected
