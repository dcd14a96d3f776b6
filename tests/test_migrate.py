"""nplan returns migrate: a filled return carried over to a new plan version, compared cell by cell with what the
unit entered (cells located through openpyxl by header text and id, independently of the code under test)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from validate_helpers import SHEET_COLUMNS, header_row, locate

from toolkit.cli import main
from toolkit.core.model import Indicator, ValueKind
from toolkit.core.periods import Period, parse_periodicity
from toolkit.excel.styles import ATTENTION
from toolkit.plan import load_plan, write_master
from toolkit.plan.source import load_plan_source
from toolkit.returns import layout
from toolkit.returns.build import create_returns
from toolkit.returns.simulate import fill_return, plausible_values
from toolkit.validate import validate_file

T2 = Period(2026, 2)
IND, ASG, ECO = layout.SHEET_INDICATORS, layout.SHEET_ASSIGNMENTS, layout.SHEET_ECONOMY
INPUTS = {IND: layout.INDICATOR_INPUTS, ASG: layout.ASSIGNMENT_INPUTS, ECO: layout.ECONOMY_INPUTS}
MARK_HEADER = "Ändring i planen"  # what the unit reads above the marks (written out here, not imported)


@pytest.fixture()
def setup(tmp_path: Path) -> dict:
    """The example plan's FILM return for T2, filled in with every input (analyses, measures and comments too),
    and a new plan version with one indicator added for FILM."""
    from conftest import EXAMPLE_SOURCE

    old = load_plan_source(EXAMPLE_SOURCE)
    old_master = write_master(old, tmp_path / "gammal.xlsx")
    blank = create_returns(old, T2, tmp_path / "blank", units=["FILM"])[0]
    values = plausible_values(old, "FILM", T2)
    for i, entry in enumerate(values["indicators"].values()):
        entry.setdefault("analysis", f"Analys {i}")
        entry.setdefault("measures", f"Åtgärd {i}")
    for entry in values["assignments"].values():
        entry["comment"] = "Planen framåt: " + entry.get("comment", "")
    values["economy"]["comment"] = "=inte en formel"  # text that looks like a formula stays text
    filled = fill_return(blank, tmp_path / "ifylld.xlsx", values)
    new = load_plan_source(EXAMPLE_SOURCE)
    after = new.indicator("1.1.2")
    added = Indicator(id="1.1.9", sub_goal=after.sub_goal, name="Antal nya samarbeten", kind=ValueKind.COUNT,
                      periodicity=parse_periodicity("Tertial: aug, dec"), units=("FILM",), target=12.0)
    new.indicators.insert(new.indicators.index(after) + 1, added)
    new.indicator("1.1.1").target = 95.0  # a changed target rides along
    new_master = write_master(new, tmp_path / "ny.xlsx")
    return {"old_master": old_master, "new_master": new_master, "filled": filled, "values": values,
            "new_plan": load_plan(new_master), "out": tmp_path / "ut"}


def _ids(ws, sheet: str) -> list[str]:
    hr = header_row(ws, sheet)
    return [str(ws.cell(r, 1).value) for r in range(hr + 1, ws.max_row + 1) if ws.cell(r, 1).value not in (None, "")]


def test_an_indicator_added_is_migrated_with_every_other_entry_carried_cell_by_cell(setup: dict) -> None:
    before = validate_file(setup["filled"], setup["new_plan"])
    assert not before.valid and "plan-item-added" in {f.code for f in before.findings}

    result = CliRunner().invoke(main, ["returns", "migrate", str(setup["filled"]), "--master",
                                       str(setup["new_master"]), "--out", str(setup["out"])])
    assert result.exit_code == 0, result.output
    [new_path] = list(setup["out"].glob("*.xlsx"))
    assert new_path.name == "2026-T2_Film_i_Vasterbotten.xlsx"
    assert "1.1.9" in result.output

    old_wb, new_wb = load_workbook(setup["filled"]), load_workbook(new_path)
    compared = 0
    for sheet in (IND, ASG, ECO):
        old_ws, new_ws = old_wb[sheet], new_wb[sheet]
        for item in _ids(old_ws, sheet):
            for key in INPUTS[sheet]:
                old_cell = old_ws[locate(old_wb, sheet, item, key)]
                new_cell = new_ws[locate(new_wb, sheet, item, key)]
                assert new_cell.value == old_cell.value, (sheet, item, key)
                assert new_cell.data_type == old_cell.data_type, (sheet, item, key)  # text stays text
                compared += old_cell.value is not None
    given = setup["values"]
    expected = (sum(len([v for v in e.values() if v is not None]) for e in given["indicators"].values())
                + sum(len(e) for e in given["assignments"].values()) + len(given["economy"]))
    assert compared == expected  # every entry the unit made was compared (none was empty to begin with)

    # The new row: empty inputs, marked by a fill and a word.
    ws = new_wb[IND]
    row = int(locate(new_wb, IND, "1.1.9", "id")[1:])
    assert all(ws[locate(new_wb, IND, "1.1.9", k)].value is None for k in layout.INDICATOR_INPUTS)
    assert ws.cell(row, 1).fill.fgColor.rgb.endswith(ATTENTION)
    hr = header_row(ws, IND)
    mark_col = next(c for c in range(1, ws.max_column + 1) if ws.cell(hr, c).value == MARK_HEADER)
    assert mark_col > len(SHEET_COLUMNS[IND])  # beside Kontroll, not in the return's own columns
    assert ws.cell(row, mark_col).value == "Ny rad: fyll i"
    others = [r for r in range(hr + 1, ws.max_row + 1) if ws.cell(r, 1).value and r != row]
    assert all(ws.cell(r, mark_col).value is None for r in others)

    # The migrated return is of the new plan version: only the new row's required inputs are missing.
    after = validate_file(new_path, setup["new_plan"])
    assert after.data.plan_identity == setup["new_plan"].identity()
    assert {(f.code, f.item_id) for f in after.errors} == {("missing-input", "1.1.9")}
    assert {f.cell for f in after.errors} == {locate(new_wb, IND, "1.1.9", "outcome"),
                                               locate(new_wb, IND, "1.1.9", "assessment")}
    assert [(f.code, f.item_id) for f in after.warnings] == [("formula-like-text", "FILM")]  # as in the original
    # The original is never changed.
    assert load_workbook(setup["filled"])[IND]["A1"].value == old_wb[IND]["A1"].value


def test_a_changed_kind_drops_only_that_outcome_and_says_what_it_was(setup: dict, tmp_path: Path) -> None:
    plan = load_plan(setup["new_master"])
    plan.indicator("2.1.2").kind = ValueKind.AMOUNT
    master = write_master(plan, tmp_path / "ny2.xlsx")
    result = CliRunner().invoke(main, ["returns", "migrate", str(setup["filled"]), "--master", str(master),
                                       "--out", str(tmp_path / "ut2")])
    assert result.exit_code == 0, result.output
    [path] = list((tmp_path / "ut2").glob("*.xlsx"))
    wb = load_workbook(path)
    old = setup["values"]["indicators"]["2.1.2"]
    assert wb[IND][locate(wb, IND, "2.1.2", "outcome")].value is None
    assert wb[IND][locate(wb, IND, "2.1.2", "assessment")].value == old["assessment"]
    ws = wb[IND]
    hr = header_row(ws, IND)
    mark_col = next(c for c in range(1, ws.max_column + 1) if ws.cell(hr, c).value == MARK_HEADER)
    row = int(locate(wb, IND, "2.1.2", "id")[1:])
    assert ws.cell(row, mark_col).value == f"Ny värdetyp: skriv utfallet igen (tidigare: {old['outcome']})"
    assert "2.1.2" in result.output


def test_a_row_no_longer_in_the_plan_is_listed_with_its_values(setup: dict, tmp_path: Path) -> None:
    plan = load_plan(setup["old_master"])
    plan.indicators = [i for i in plan.indicators if i.id != "2.1.2"]
    master = write_master(plan, tmp_path / "utan.xlsx")
    result = CliRunner().invoke(main, ["returns", "migrate", str(setup["filled"]), "--master", str(master),
                                       "--out", str(tmp_path / "ut3")])
    assert result.exit_code == 0, result.output
    outcome = setup["values"]["indicators"]["2.1.2"]["outcome"]
    assert "2.1.2" in result.output and f"Utfall: {outcome}" in result.output
    [path] = list((tmp_path / "ut3").glob("*.xlsx"))
    assert validate_file(path, load_plan(master)).valid


def test_migrate_refuses_to_overwrite_and_reports_files_it_cannot_read(setup: dict, tmp_path: Path) -> None:
    args = ["returns", "migrate", str(setup["filled"]), "--master", str(setup["new_master"]),
            "--out", str(setup["out"])]
    assert CliRunner().invoke(main, args).exit_code == 0
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 1 and "--force" in again.output
    assert CliRunner().invoke(main, [*args, "--force"]).exit_code == 0
    junk = tmp_path / "skräp.xlsx"
    junk.write_bytes(b"inte en arbetsbok")
    mixed = CliRunner().invoke(main, ["returns", "migrate", str(junk), str(setup["filled"]), "--master",
                                      str(setup["new_master"]), "--out", str(tmp_path / "ut4")])
    assert mixed.exit_code == 1 and "skräp.xlsx" in mixed.output and "Traceback" not in mixed.output
    assert len(list((tmp_path / "ut4").glob("*.xlsx"))) == 1  # the good one is written all the same


def test_migrate_keeps_the_reported_earlier_column_and_the_deadline(setup: dict, tmp_path: Path) -> None:
    from conftest import EXAMPLE_SOURCE

    old = load_plan_source(EXAMPLE_SOURCE)
    blank = create_returns(old, T2, tmp_path / "b", units=["FILM"], previous={("FILM", "1.1.1"): 37})[0]
    filled = fill_return(blank, tmp_path / "f.xlsx", setup["values"])
    result = CliRunner().invoke(main, ["returns", "migrate", str(filled), "--master", str(setup["new_master"]),
                                       "--out", str(tmp_path / "ut5"), "--deadline", "2026-09-14"])
    assert result.exit_code == 0, result.output
    wb = load_workbook(next((tmp_path / "ut5").glob("*.xlsx")))
    assert wb[IND][locate(wb, IND, "1.1.1", "previous")].value == 37
    start = wb[layout.SHEET_START]
    assert dt.date(2026, 9, 14) in {c.value.date() if isinstance(c.value, dt.datetime) else c.value
                                    for row in start.iter_rows() for c in row}
    assert "överförd" in (start["A3"].value or "")
