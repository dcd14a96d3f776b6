"""What an indicator measures, in the plan: the master's columns Mäts som and Decimaler and its sheet Vikter, the
plan source, `plan show`, and a finding at its cell for every measurement, kind or weight the master cannot use."""

from __future__ import annotations

from pathlib import Path

import master_helpers as mh
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter, range_boundaries

from toolkit.cli import main
from toolkit.core.model import Aggregation, Measurement, ValueKind, canonical, default_measurement
from toolkit.plan import check_plan, read_master, write_master
from toolkit.plan.source import load_plan_source, plan_from_dict
from toolkit.texts import common as tc
from toolkit.texts import master as tm

ROOT = Path(__file__).resolve().parents[1]
HALSA = ROOT / "examples" / "halsa2027" / "plan.toml"
IND, WEIGHTS = "Indikatorer", "Vikter"
H = tm.HEADERS[IND]
W = tm.HEADERS[WEIGHTS]


@pytest.fixture()
def halsa_master(tmp_path):
    return write_master(load_plan_source(HALSA), tmp_path / "master.xlsx")


def _findings(path):
    plan, found = read_master(path)
    return found + check_plan(plan, path.name, found)


def _at(found, code, cell):
    return [f for f in found if f.code == code and (f.sheet, f.cell) == cell]


def test_defaults_by_kind():
    assert default_measurement(ValueKind.SHARE) is Measurement.LEVEL
    assert default_measurement(ValueKind.DECIMAL) is Measurement.LEVEL
    assert default_measurement(ValueKind.COUNT) is Measurement.CUMULATIVE
    assert default_measurement(ValueKind.AMOUNT) is Measurement.CUMULATIVE
    assert default_measurement(ValueKind.YESNO) is None and default_measurement(ValueKind.TEXT) is None


def test_the_master_round_trips_measurement_decimals_and_weights(halsa_master):
    source = load_plan_source(HALSA)
    plan, found = read_master(halsa_master)
    assert found == [] and check_plan(plan) == []
    assert canonical(plan.indicators) == canonical(source.indicators)
    assert canonical(plan.weights) == canonical(source.weights)
    ind = plan.indicator("1.1.2")  # a count the plan measures as a level (a queue)
    assert (ind.kind, ind.measurement, ind.decimals) == (ValueKind.COUNT, Measurement.LEVEL, None)
    assert plan.indicator("2.1.1").decimals == 1 and plan.indicator("1.1.4").measurement is None
    assert plan.weights_of("1.2.1") == {"NORR": 62000.0, "SODER": 48000.0}
    # What the controller sees: the Swedish words in the cells, a dropdown for the measurement.
    wb = mh.load(halsa_master)
    sheet, a1 = mh.cell(wb, IND, H["measurement"], H["id"], "1.1.2")
    assert wb[sheet][a1].value == tc.MEASUREMENT["level"]
    lists = [dv for dv in wb[sheet].data_validations.dataValidation if dv.type == "list"]
    assert any(dv.formula1 == "Lista_Matning" and a1 in dv.sqref for dv in lists)


def test_a_master_without_the_new_columns_and_sheet_reads_with_the_defaults(tmp_path):
    """A master made before the columns existed: no finding, measurement by kind, no weights."""
    from toolkit.plan.templates import example_plan

    path = write_master(example_plan(), tmp_path / "old.xlsx")
    wb = mh.load(path)
    ws, t = mh.table(wb, IND)
    for header in (H["measurement"], H["decimals"]):  # the table's last two columns, as the writer puts them
        c = mh.column(wb, IND, header)
        for r in range(1, ws.max_row + 1):
            ws.cell(row=r, column=c).value = None
    min_col, min_row, max_col, max_row = range_boundaries(t.ref)
    t.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col - 2)}{max_row}"
    t.tableColumns = t.tableColumns[:-2]
    if t.autoFilter is not None:
        t.autoFilter.ref = t.ref
    del wb[tm.SHEET_WEIGHTS]
    wb.save(path)
    plan, found = read_master(path)
    assert found == [] and plan.weights == []
    assert plan.indicator("1.1.4").measurement is Measurement.LEVEL  # a share
    assert plan.indicator("1.1.1").measurement is Measurement.CUMULATIVE  # a count


@pytest.mark.parametrize(("iid", "header", "value", "code"), [
    ("1.1.1", H["measurement"], "Ungefär", "invalid-choice"),
    ("1.1.4", H["measurement"], tc.MEASUREMENT["level"], "measurement-not-applicable"),  # yes/no
    ("2.1.1", H["decimals"], None, "missing-decimals"),  # Tal without decimals
    ("2.1.1", H["decimals"], 1.5, "invalid-decimals"),
    ("2.1.1", H["decimals"], 7, "invalid-decimals"),
    ("2.1.1", H["decimals"], "två", "invalid-decimals"),
    ("1.1.3", H["decimals"], 2, "count-decimals"),  # Antal is whole
    ("1.1.4", H["decimals"], 1, "decimals-not-applicable"),
])
def test_an_unusable_measurement_or_decimals_is_a_finding_at_its_cell(halsa_master, iid, header, value, code):
    wb = mh.load(halsa_master)
    where = mh.set_value(wb, IND, header, H["id"], iid, value)
    wb.save(halsa_master)
    found = _findings(halsa_master)
    assert _at(found, code, where), [(f.code, f.sheet, f.cell) for f in found]


def _weight_rows(wb):
    ws, _t = mh.table(wb, WEIGHTS)
    return ws, {(ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value): r
                for r in mh.data_rows(wb, WEIGHTS)}


def test_weights_the_master_cannot_use_are_findings_at_their_cells(halsa_master):
    wb = mh.load(halsa_master)
    ws, rows = _weight_rows(wb)
    weight_col = mh.column(wb, WEIGHTS, W["weight"])
    # A weight of 0, a unit that does not exist, an indicator that does not exist, and a second row.
    ws.cell(row=rows[("1.2.1", "NORR")], column=weight_col).value = 0
    ws.cell(row=rows[("2.1.1", "PSYK")], column=2).value = "OKÄND"
    ws.cell(row=rows[("3.1.1", "TAND")], column=1).value = "9.9.9"
    ws.cell(row=rows[("2.1.1", "SJH")], column=2).value = "NORR"
    wb.save(halsa_master)
    found = _findings(halsa_master)
    weight_letter = get_column_letter(weight_col)
    assert _at(found, "invalid-weight", (ws.title, f"{weight_letter}{rows[('1.2.1', 'NORR')]}"))
    assert _at(found, "unknown-unit", (ws.title, f"B{rows[('2.1.1', 'PSYK')]}"))
    assert _at(found, "weight-unknown-indicator", (ws.title, f"A{rows[('3.1.1', 'TAND')]}"))
    assert _at(found, "duplicate-weight", (ws.title, f"B{rows[('2.1.1', 'SJH')]}"))
    # The weighted means now lack weights: found at each indicator's aggregation cell, naming the units.
    sheet, a1 = mh.cell(wb, IND, H["aggregation"], H["id"], "2.1.1")
    lacking = _at(found, "missing-weights", (sheet, a1))
    assert lacking and lacking[0].found == "SJH, PSYK" and lacking[0].is_error
    assert _at(found, "missing-weights", mh.cell(wb, IND, H["aggregation"], H["id"], "3.1.1"))


def test_weights_that_are_not_used_are_warnings(halsa_master):
    wb = mh.load(halsa_master)
    mh.set_value(wb, IND, H["aggregation"], H["id"], "1.2.1", tc.AGGREGATION["mean"])
    ws, rows = _weight_rows(wb)
    ws.cell(row=rows[("2.1.1", "PSYK")], column=2).value = "TAND"  # not responsible for 2.1.1
    mh.set_value(wb, IND, H["units"], H["id"], "2.1.1", "NORR, SODER, SJH")  # PSYK's weight gone with it
    wb.save(halsa_master)
    found = _findings(halsa_master)
    unused = [f for f in found if f.code == "weight-unused"]
    assert {f.cell for f in unused} == {f"A{rows[('1.2.1', 'NORR')]}", f"A{rows[('1.2.1', 'SODER')]}"}
    assert all(not f.is_error for f in unused)
    assert _at(found, "weight-unit-not-responsible", (ws.title, f"B{rows[('2.1.1', 'PSYK')]}"))
    assert not any(f.code == "missing-weights" for f in found)


def test_the_plan_source_reads_measurement_decimals_and_weights():
    data = {"settings": {"year": 2027},
            "units": [{"id": "A", "name": "A"}, {"id": "B", "name": "B"}],
            "indicators": [{"id": "1", "sub_goal": "1.1", "name": "Kö", "kind": "count", "measurement": "level",
                            "target": "30", "periodicity": "Tertial", "units": ["A", "B"],
                            "aggregation": "weighted_mean"},
                           {"id": "2", "sub_goal": "1.1", "name": "Index", "kind": "decimal", "decimals": 1,
                            "target": "82,5", "periodicity": "År", "units": ["A"]}],
            "weights": [{"indicator": "1", "unit": "A", "weight": 3, "note": "patienter"},
                        {"indicator": "1", "unit": "B", "weight": "1 000"}]}
    plan = plan_from_dict(data)
    one, two = plan.indicators
    assert (one.measurement, two.measurement, two.decimals, two.target) == (
        Measurement.LEVEL, Measurement.LEVEL, 1, 82.5)
    assert plan.weights_of("1") == {"A": 3.0, "B": 1000.0} and plan.weights[0].note == "patienter"
    assert one.aggregation is Aggregation.WEIGHTED_MEAN
    for bad in ({"decimals": 1.5}, {"decimals": 9}, {"measurement": "sometimes"}):
        broken = {**data, "indicators": [{**data["indicators"][1], **bad}]}
        with pytest.raises(ValueError):
            plan_from_dict(broken)


def test_plan_show_says_what_each_indicator_measures(halsa_master):
    result = CliRunner().invoke(main, ["plan", "show", str(halsa_master)])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "Tal (heltal), dagar" in text and "Tal (1 decimal), indexpoäng" in text
    assert f"Mäts som: {tc.MEASUREMENT['level']} | {tc.DIRECTION['lower']}" in text
    assert tc.MEASUREMENT["cumulative"] in text
    assert "Viktat medelvärde (vikter: NORR 62 000, SODER 48 000)" in text


def test_a_plan_with_weights_survives_the_archive_s_json():
    from toolkit.core.serial import plan_from_json, plan_to_json

    plan = load_plan_source(HALSA)
    again = plan_from_json(plan_to_json(plan))
    assert canonical(again) == canonical(plan)
    assert again.weights_of("3.1.1") == plan.weights_of("3.1.1") and again.indicator("2.1.1").decimals == 1
