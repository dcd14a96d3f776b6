"""Simulated units: filling a generated return, and plausible values."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from toolkit.core.periods import Period
from toolkit.core.values import parse_number
from toolkit.returns import layout
from toolkit.returns.build import create_returns
from toolkit.returns.simulate import fill_return, plausible_values

NOW = dt.datetime(2026, 8, 20, tzinfo=dt.UTC)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cells(path: Path, sheet: str, columns: dict[str, str]) -> dict[str, dict[str, object]]:
    """id -> field -> cell, found by header text."""
    ws = load_workbook(path)[sheet]
    header = next(c.row for c in ws["A"] if c.value == next(iter(columns.values())))
    by_text = {c.value: c.column for c in ws[header]}
    out = {}
    for r in range(header + 1, ws.max_row + 1):
        rid = ws.cell(row=r, column=1).value
        if rid:
            out[str(rid)] = {k: ws.cell(row=r, column=by_text[t]) for k, t in columns.items()}
    return out


@pytest.fixture()
def film_t2(example_plan, tmp_path) -> Path:
    return create_returns(example_plan, Period(2026, 2), tmp_path / "gen", units=["FILM"], now=NOW)[0]


def test_fill_writes_by_id_and_header_and_never_touches_the_source(film_t2, tmp_path):
    before = _digest(film_t2)
    values = {
        "indicators": {"2.1.2": {"outcome": "1 234", "assessment": "ja", "analysis": "=1+1",
                                 "measures": None},
                       "1.1.1": {"outcome": 42}},
        "assignments": {"U3": {"status": "Påbörjad", "comment": "Planen: @mars"}},
        "economy": {"outcome_tkr": 5100.5, "forecast_tkr": "8 200", "comment": "-ok", "events": "Inget."},
    }
    dst = fill_return(film_t2, tmp_path / "out" / "filled.xlsx", values)
    assert dst == tmp_path / "out" / "filled.xlsx" and dst.is_file()
    assert _digest(film_t2) == before

    ind = _cells(dst, layout.SHEET_INDICATORS, layout.INDICATOR_COLUMNS)
    assert (ind["2.1.2"]["outcome"].value, ind["2.1.2"]["outcome"].data_type) == ("1 234", "s")
    assert ind["2.1.2"]["assessment"].value == "ja"
    analysis = ind["2.1.2"]["analysis"]
    assert (analysis.value, analysis.data_type) == ("=1+1", "s")  # text, not a formula
    assert ind["2.1.2"]["measures"].value is None
    assert (ind["1.1.1"]["outcome"].value, ind["1.1.1"]["outcome"].data_type) == (42, "n")
    assert ind["1.1.2"]["outcome"].value is None  # untouched rows stay empty
    assert ind["1.1.1"]["check"].value.startswith("=")  # formulas are kept
    asg = _cells(dst, layout.SHEET_ASSIGNMENTS, layout.ASSIGNMENT_COLUMNS)
    assert asg["U3"]["status"].value == "Påbörjad" and asg["U3"]["comment"].value == "Planen: @mars"
    assert asg["U1"]["status"].value is None
    eco = _cells(dst, layout.SHEET_ECONOMY, layout.ECONOMY_COLUMNS)["FILM"]
    assert eco["outcome_tkr"].value == 5100.5 and eco["forecast_tkr"].value == "8 200"
    assert eco["comment"].data_type == "s" and eco["comment"].value == "-ok"

    # The copy keeps what makes it a return: identity, protection, validations.
    wb = load_workbook(dst)
    assert wb[layout.SHEET_IDENTITY].sheet_state == "veryHidden"
    assert all(ws.protection.sheet for ws in wb.worksheets)
    assert wb[layout.SHEET_INDICATORS].data_validations.dataValidation


def test_fill_finds_rows_and_columns_when_they_moved(film_t2, tmp_path):
    # A restyled return: two extra rows above the header. fill_return must not rely on coordinates.
    moved = tmp_path / "moved.xlsx"
    wb = load_workbook(film_t2)
    for name in (layout.SHEET_INDICATORS, layout.SHEET_ECONOMY):
        wb[name].insert_rows(1, amount=2)
    wb.save(moved)
    dst = fill_return(moved, tmp_path / "filled.xlsx", {"indicators": {"2.1.2": {"outcome": 7}},
                                                          "economy": {"forecast_tkr": 8000}})
    ind = _cells(dst, layout.SHEET_INDICATORS, layout.INDICATOR_COLUMNS)
    assert ind["2.1.2"]["outcome"].value == 7 and ind["2.1.2"]["outcome"].row == layout.HEADER_ROW + 2 + 3
    assert _cells(dst, layout.SHEET_ECONOMY, layout.ECONOMY_COLUMNS)["FILM"]["forecast_tkr"].value == 8000


def test_fill_rejects_unknown_ids_fields_and_overwriting_the_source(film_t2, tmp_path):
    with pytest.raises(ValueError, match="9.9.9"):
        fill_return(film_t2, tmp_path / "a.xlsx", {"indicators": {"9.9.9": {"outcome": 1}}})
    with pytest.raises(ValueError, match="name"):
        fill_return(film_t2, tmp_path / "b.xlsx", {"indicators": {"1.1.1": {"name": "x"}}})
    with pytest.raises(ValueError, match="frame_tkr"):
        fill_return(film_t2, tmp_path / "c.xlsx", {"economy": {"frame_tkr": 1}})
    before = _digest(film_t2)
    with pytest.raises(ValueError, match="overwrite"):
        fill_return(film_t2, film_t2, {"economy": {"forecast_tkr": 1}})
    assert _digest(film_t2) == before
    assert not any((tmp_path / n).exists() for n in ("a.xlsx", "b.xlsx", "c.xlsx"))


def test_plausible_values_cover_every_required_field(example_plan):
    threshold = example_plan.settings.deviation_threshold_tkr
    for unit in example_plan.units:
        for period in ("2026-T1", "2026-T2", "2026-T3"):
            v = plausible_values(example_plan, unit.id, Period.parse(period))
            tertial = int(period[-1])
            due = [i for i in example_plan.indicators
                   if unit.id in i.units and tertial in i.periodicity.tertials]
            assert sorted(v["indicators"]) == sorted(i.id for i in due)
            for ind in due:
                iv = v["indicators"][ind.id]
                assert iv["assessment"] in ("Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt")
                if iv["assessment"] != "Uppfyllt":
                    assert iv.get("analysis")
                if ind.kind.value == "count":
                    assert isinstance(iv["outcome"], int) and iv["outcome"] >= 0
                elif ind.kind.value == "share":
                    assert 0.0 <= iv["outcome"] <= 1.0
                elif ind.kind.value == "yesno":
                    assert iv["outcome"] in ("Ja", "Nej")
            asg = [a.id for a in example_plan.assignments
                   if unit.id in a.units and tertial in a.periodicity.tertials]
            assert sorted(v["assignments"]) == sorted(asg)
            statuses = {a["status"] for a in v["assignments"].values()}
            assert statuses <= {"Påbörjad", "Genomförd", "Försenad"}
            eco = v["economy"]
            frame = example_plan.budget.frame_of(unit.id).frame_tkr
            assert abs(eco["forecast_tkr"] - frame) <= 0.05 * frame  # near the frame
            assert 0 < eco["outcome_tkr"] <= eco["forecast_tkr"] * 1.05
            assert eco["events"]
            if abs(frame - eco["forecast_tkr"]) > threshold:
                assert eco.get("comment")


def test_plausible_values_are_deterministic_and_cumulative(example_plan):
    a = plausible_values(example_plan, "FILM", Period(2026, 2), seed=3)
    assert a == plausible_values(example_plan, "FILM", Period(2026, 2), seed=3)
    others = [plausible_values(example_plan, "FILM", Period(2026, 2), seed=s) for s in range(4, 9)]
    assert any(o != a for o in others)
    for seed in range(10):
        t2 = plausible_values(example_plan, "FILM", Period(2026, 2), seed=seed)["indicators"]
        t3 = plausible_values(example_plan, "FILM", Period(2026, 3), seed=seed)["indicators"]
        for ind_id in ("1.1.1", "1.1.2", "2.1.2"):  # counts: the year's value never falls below August's
            assert t3[ind_id]["outcome"] >= t2[ind_id]["outcome"]


def test_plausible_values_fill_a_return_as_numbers(example_plan, film_t2, tmp_path):
    values = plausible_values(example_plan, "FILM", Period(2026, 2))
    dst = fill_return(film_t2, tmp_path / "f.xlsx", values)
    ind = _cells(dst, layout.SHEET_INDICATORS, layout.INDICATOR_COLUMNS)
    for ind_id, fields in values["indicators"].items():
        assert ind[ind_id]["outcome"].value == fields["outcome"]
        assert ind[ind_id]["assessment"].value == fields["assessment"]
    eco = _cells(dst, layout.SHEET_ECONOMY, layout.ECONOMY_COLUMNS)["FILM"]
    assert parse_number(eco["forecast_tkr"].value) == values["economy"]["forecast_tkr"]
