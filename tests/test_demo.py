"""`nplan demo`: the whole cycle on the example, and its report checked against values computed here
from what the simulated units filled in."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from libreoffice import recalculate, requires_libreoffice, sheet_values
from openpyxl import load_workbook

from toolkit.cli import main
from toolkit.core.model import Assessment, ValueKind
from toolkit.demo import MARKER, run_demo
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx

PINNED = dt.datetime(2026, 9, 20, 9, 0)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("demo") / "ut", generated_at=PINNED)


def _number(v):
    if isinstance(v, str):
        return {"ja": True, "nej": False}[v.strip().lower()]
    return v


def expected_indicators(plan, result):
    """indicator id -> (combined value, Swedish T2 status word), from the values of the units whose
    return counts, by the rules stated in the report (pro rata 8/12 for counts, 80 % threshold)."""
    counting = [u for u, state in result.expected_status.items() if state == "accepted"]
    out = {}
    for ind in plan.indicators:
        vals = [_number(result.values[u]["indicators"][ind.id]["outcome"]) for u in ind.units
                if u in counting and ind.id in result.values[u]["indicators"]]
        if 2 not in ind.periodicity.tertials or not vals:
            out[ind.id] = (None, tc.ASSESSMENT_FORECAST[Assessment.NONE])
            continue
        if ind.kind is ValueKind.YESNO:
            value = all(vals)
            out[ind.id] = (value, tc.ASSESSMENT_FORECAST[Assessment.MET if value == ind.target
                                                           else Assessment.NOT_MET])
            continue
        agg = ind.aggregation.value
        value = sum(vals) if agg == "sum" else vals[0] if agg == "single" else sum(vals) / len(vals)
        target = ind.target * 8 / 12 if ind.kind is ValueKind.COUNT else ind.target
        status = Assessment.MET if value >= target else (
            Assessment.PARTLY if value >= 0.8 * target else Assessment.NOT_MET)
        out[ind.id] = (value, tc.ASSESSMENT_FORECAST[status])
    return out


def test_every_file_of_the_cycle_is_there(demo):
    for path in (demo.master, demo.database, demo.status_workbook, demo.report, demo.document):
        assert path.is_file(), path
    assert demo.document.name == "rapport-2026-T2.docx" and demo.document.parent == demo.out_dir
    assert len(demo.returns) == 4 and all(p.is_file() for p in demo.returns)
    assert demo.expected_status == {"KUS": "accepted", "BIB": "accepted", "FILM": "rejected",
                                    "KONST": "missing"}
    assert [s for _, _, s in demo.unit_status] == ["godkänd", "godkänd", "underkänd", "saknas"]
    assert (demo.out_dir / MARKER).is_file()


def test_report_matches_values_computed_from_the_filled_returns(demo):
    from toolkit.plan import load_plan

    plan = load_plan(demo.master)
    expected = expected_indicators(plan, demo)
    assert any(v is not None for v, _ in expected.values())  # the test has something to compare
    wb = load_workbook(demo.report)
    rows = {r[0].value: r for r in wb[tx.SHEET_GOALS].iter_rows() if isinstance(r[0].value, str)}
    for iid, (value, word) in expected.items():
        assert rows[iid][6].value == word, iid
        shown = rows[iid][5].value
        if value is None:
            assert shown is None, iid
        elif isinstance(value, bool):
            assert shown == ("Ja" if value else "Nej"), iid
        else:
            assert shown == pytest.approx(value), iid
    summary = {r[0].value: r for r in wb[tx.SHEET_SUMMARY].iter_rows() if isinstance(r[0].value, str)}
    words = [tc.ASSESSMENT_FORECAST[a] for a in Assessment]
    for goal in plan.goals:
        ids = [i.id for sg in plan.sub_goals_of(goal.number) for i in plan.indicators_of(sg.id)]
        counts = [sum(expected[i][1] == w for i in ids) for w in words]
        assert [c.value for c in summary[f"Mål {goal.number}. {goal.title}"][1:5]] == counts, goal.number
    # The controller's verdict (entered in the master) beside the suggestion.
    goal1 = summary[f"Mål 1. {plan.goal(1).title}"]
    assert goal1[7].value == tc.ASSESSMENT_FORECAST[Assessment.PARTLY]
    assert goal1[8].value.startswith("Exempel")
    assert summary[tx.SUMMARY_SUBMISSION_ROWS["missing"]][2].value == "Offentlig konst"
    assert summary[tx.SUMMARY_SUBMISSION_ROWS["rejected"]][2].value == "Film i Västerbotten"


@requires_libreoffice
def test_report_budget_totals_in_libreoffice(demo, tmp_path):
    from toolkit.plan import load_plan

    plan = load_plan(demo.master)
    counting = [u for u, s in demo.expected_status.items() if s == "accepted"]
    economy = {u: demo.values[u]["economy"] for u in counting}
    frames = {f.unit: f.frame_tkr for f in plan.budget.frames}
    eco = sheet_values(recalculate(demo.report, tmp_path), tx.SHEET_ECONOMY)
    total = next(r for r in eco if len(r) > 1 and r[1] == tx.ECONOMY_TOTAL)
    assert total[2] == pytest.approx(sum(frames.values()))
    assert total[3] == pytest.approx(sum(e["outcome_tkr"] for e in economy.values()))
    assert total[4] == pytest.approx(sum(e["forecast_tkr"] for e in economy.values()))
    assert total[5] == pytest.approx(sum(frames[u] - e["forecast_tkr"] for u, e in economy.items()))


def test_cli_from_another_working_directory_and_again(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["demo", "ut"])
    assert first.exit_code == 0, first.output
    assert "rapport-2026-T2.xlsx" in first.output and "Offentlig konst" in first.output
    assert (tmp_path / "ut" / "rapport-2026-T2.xlsx").is_file()
    # The committee's document on a line of its own.
    assert any(line.rstrip().endswith("rapport-2026-T2.docx") and "rapport-2026-T2.xlsx" not in line
               for line in first.output.splitlines())
    assert (tmp_path / "ut" / "rapport-2026-T2.docx").is_file()
    # Again into the same folder: the demo's files are replaced, the history does not grow.
    again = runner.invoke(main, ["demo", "ut"])
    assert again.exit_code == 0, again.output
    assert len(list((tmp_path / "ut" / "arkiv").glob("*.xlsx"))) == 4
    from toolkit.history.store import History

    with History.open(tmp_path / "ut" / "nplan.sqlite") as h:
        assert len(h.submissions(period="2026-T2")) == 4


def test_refuses_a_folder_that_is_not_a_demo_folder(tmp_path):
    (tmp_path / "nplan.sqlite").write_bytes(b"real data")
    result = CliRunner().invoke(main, ["demo", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Fel: ") and "nplan.sqlite" in result.output
    assert (tmp_path / "nplan.sqlite").read_bytes() == b"real data"


# ---- the year end: T3 from every unit, the year-end report, next year's master from the history ----

def _combined(plan, values, iid):
    """The units' T3 values of one indicator combined by the plan's rule, written out here."""
    ind = plan.indicator(iid)
    vals = [_number(values[u]["indicators"][iid]["outcome"]) for u in ind.units if iid in values[u]["indicators"]]
    if ind.kind is ValueKind.YESNO:
        return all(vals)
    agg = ind.aggregation.value
    return sum(vals) if agg == "sum" else vals[0] if agg == "single" else sum(vals) / len(vals)


def test_the_year_end_rolls_over_from_the_history(tmp_path):
    from toolkit.core.model import AssignmentStatus
    from toolkit.plan import load_plan, read_master

    result = CliRunner().invoke(main, ["demo", "--year-end", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "ut"
    for name in ("rapport-2026-T3.xlsx", "rapport-2026-T3.docx", "insamling-2026-T3.xlsx", "2027/master.xlsx"):
        assert (out / name).is_file(), name
        assert str(out / name) in result.output, name
    assert "../nplan.sqlite" in result.output
    assert not (out / "2027" / "nplan.sqlite").exists()

    old = load_plan(out / "master.xlsx")
    new, found = read_master(out / "2027" / "master.xlsx")
    assert new.year == 2027 and new.settings.database == "../nplan.sqlite"
    assert not [f for f in found if f.is_error]
    # what every unit filled in at T3, as the demo made it (the same seed gives the same values)
    from toolkit.core.periods import Period
    from toolkit.returns import simulate

    t3 = {u.id: simulate.plausible_values(old, u.id, Period(2026, 3)) for u in old.units}
    for ind in new.indicators:
        assert ind.baseline_year == 2026, ind.id
        assert ind.baseline == pytest.approx(_combined(old, t3, ind.id)), ind.id
    assert [a.id for a in new.assignments] == ["U3"]
    assert new.assignment("U3").status is AssignmentStatus.STARTED
    assert {p.unit: p.forecast_tkr for p in new.budget.prior_forecasts} == {
        u: float(v["economy"]["forecast_tkr"]) for u, v in t3.items()}
    assert "Från historiken: 8 basvärden (utfall 2026), 2 avslutade uppdrag, 4 prognoser" in result.output


# ---- the invented health-care example ------------------------------------------------------------------

@pytest.fixture(scope="module")
def halsa(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("halsa") / "ut", generated_at=PINNED, example="halsa")


def _value(result_values, unit, iid):
    return result_values[unit]["indicators"].get(iid, {}).get("outcome")


def test_halsa_collects_two_periods_into_one_history_and_says_it_is_invented(halsa):
    from toolkit.history.store import History

    assert halsa.periods == ["2027-T1", "2027-T2"] and halsa.period == "2027-T2"
    assert "påhittat exempel" in halsa.committee
    assert len(list((halsa.out_dir / "returer" / "2027-T1").glob("*.xlsx"))) == 5
    with History.open(halsa.database) as h:
        assert [str(p) for p in h.periods()] == ["2027-T1", "2027-T2"]
    wb = load_workbook(halsa.report)
    assert "påhittat exempel" in " ".join(str(c.value) for c in wb[tx.SHEET_SUMMARY][2] if c.value)
    start = load_workbook(halsa.returns[0])["Start"]
    assert "påhittat exempel" in start["B4"].value


def test_halsa_report_judges_levels_by_the_whole_target_and_trends_against_t1(halsa):
    from toolkit.plan import load_plan

    plan = load_plan(halsa.master)
    t1 = halsa.earlier["2027-T1"]
    assert halsa.expected_status["SJH"] == "accepted" and t1["expected"]["SJH"] == "accepted"
    wb = load_workbook(halsa.report)
    rows = {r[0].value: r for r in wb[tx.SHEET_GOALS].iter_rows() if isinstance(r[0].value, str)}
    # The median waiting time: a level, lower is better, one unit (Länssjukhuset).
    now, before = _value(halsa.values, "SJH", "1.1.1"), _value(t1["values"], "SJH", "1.1.1")
    ind = plan.indicator("1.1.1")
    assert rows["1.1.1"][4].value == ind.target == 210.0  # compared with the whole target in T2
    assert rows["1.1.1"][5].value == pytest.approx(now)
    status = (Assessment.MET if now <= 210 else Assessment.PARTLY if now <= 210 * 1.2 else Assessment.NOT_MET)
    assert rows["1.1.1"][6].value == tc.ASSESSMENT_FORECAST[status]
    change = "oförändrat" if abs(now - before) <= 0.01 * before else ("bättre" if now < before else "sämre")
    assert change in rows["1.1.1"][7].value and "2027-T1" in rows["1.1.1"][7].value
    # The share with a same-day contact: weighted by listed patients.
    weights = plan.weights_of("1.2.1")
    vals = {u: _value(halsa.values, u, "1.2.1") for u in ("NORR", "SODER")}
    mean = sum(weights[u] * v for u, v in vals.items()) / sum(weights[u] for u in vals)
    assert rows["1.2.1"][5].value == pytest.approx(mean)
    assert "Viktat medelvärde av 2 av 2" in rows["1.2.1"][8].value


def test_halsa_unit_without_a_return_shows_its_t1_assignment_status(halsa):
    t1 = halsa.earlier["2027-T1"]
    missing = halsa.roles["missing"]
    assert t1["expected"][missing] == "accepted"  # it reported in T1
    status_t1 = t1["values"][missing]["assignments"]["U2"]["status"]
    wb = load_workbook(halsa.report)
    ws = wb[tx.SHEET_ASSIGNMENTS]
    name = next(n for uid, n, _ in halsa.unit_status if uid == missing)
    row = next(r for r in ws.iter_rows(values_only=True) if r[1] == name)
    assert row[3] == f"{status_t1} (2027-T1, ej uppdaterad)"


def test_cli_runs_the_invented_example(tmp_path):
    result = CliRunner().invoke(main, ["demo", "--example", "halsa", str(tmp_path / "h")])
    assert result.exit_code == 0, result.output
    assert "2027-T1, 2027-T2" in result.output and "rapport-2027-T2.xlsx" in result.output
    bad = CliRunner().invoke(main, ["demo", "--example", "okänt", str(tmp_path / "x")])
    assert bad.exit_code == 2
