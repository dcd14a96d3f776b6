"""Consolidating a period from what the history holds, built here in code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from toolkit.core import findings as fnd
from toolkit.core.model import Assessment, AssignmentStatus, Plan, Verdict
from toolkit.core.periods import Period
from toolkit.core.returndata import AssignmentReport, BudgetReport, IndicatorReport, ReturnData, ValidationResult
from toolkit.history.records import Collected
from toolkit.history.store import History
from toolkit.report.consolidate import consolidate

T2 = Period(2026, 2)
BASE_TIME = dt.datetime(2026, 9, 1, 9, 0)


@dataclass
class Sub:
    """One submission as the history would hold it."""

    unit: str
    state: str = "accepted"
    values: dict[str, object] = field(default_factory=dict)  # indicator id -> value (bool, float, str)
    assessments: dict[str, str] = field(default_factory=dict)  # indicator id -> enum value
    analyses: dict[str, str] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)
    assignments: dict[str, str] = field(default_factory=dict)  # assignment id -> status enum value
    comments: dict[str, str] = field(default_factory=dict)
    outcome_tkr: float | None = None
    forecast_tkr: float | None = None
    budget_comment: str = ""
    minutes: int = 0  # received BASE_TIME + minutes
    errors: int = 0
    period: str = "2026-T2"

def store(h: History, plan: Plan, subs: list[Sub]) -> None:
    """Store ``subs`` as validated returns (invalid ones with an error finding)."""
    for n, s in enumerate(subs, start=1):
        indicators = [IndicatorReport(iid, v, str(v),
                                      Assessment(s.assessments[iid]) if iid in s.assessments else None,
                                      s.analyses.get(iid, ""), s.measures.get(iid, ""))
                      for iid, v in s.values.items()]
        assignments = [AssignmentReport(aid, AssignmentStatus(st), s.comments.get(aid, ""))
                       for aid, st in s.assignments.items()]
        frame = plan.budget.frame_of(s.unit)
        budget = BudgetReport(frame.frame_tkr if frame else None, s.outcome_tkr, s.forecast_tkr,
                              s.budget_comment, "")
        period = Period.parse(s.period)
        data = ReturnData(s.unit, period, plan.identity(), indicators=indicators,
                          assignments=assignments, budget=budget)
        found = [fnd.make("missing-value", field="Utfall")] * s.errors if s.state == "rejected" else []
        result = ValidationResult(f"{s.unit}-{n}.xlsx", sha256=f"{n:064x}", findings=found, data=data)
        h.store_submission(result, plan=plan, period=period, file_name=f"{s.unit}-{n}.xlsx",
                           received_at=BASE_TIME + dt.timedelta(minutes=s.minutes))


def frames(plan: Plan, subs: list[Sub], period: Period = T2) -> dict[str, Collected]:
    """What the history holds for ``period`` after storing ``subs`` (in a database in memory): the counting
    rule is the history's own, so rows of files that do not count never reach consolidate."""
    with History.open(":memory:") as h:
        store(h, plan, subs)
        return {"collected": h.collected(period)}


# The example's T2: KUS, BIB and FILM send valid returns (FILM twice: the later one counts), KONST only
# an invalid one. Values chosen so that every status occurs.
EXAMPLE_T2 = [
    Sub("KUS", values={"1.1.2": 3, "1.1.3": 4, "1.1.4": 0.30},
        assessments={"1.1.2": "met", "1.1.3": "partly", "1.1.4": "partly"},
        analyses={"1.1.2": "Tre skolprojekt.", "1.1.4": "Lägre deltagande i inlandet."},
        assignments={"U1": "started", "U2": "started", "U3": "not_started"},
        outcome_tkr=9400, forecast_tkr=14250, budget_comment="Högre lokalkostnader."),
    Sub("BIB", values={"1.1.2": 2, "1.1.3": 1, "1.1.4": 0.46, "2.2.1": 3},
        assessments={"2.2.1": "met"}, analyses={"2.2.1": "=Tre utbildningsdagar"},
        assignments={"U1": "started", "U2": "done", "U3": "started"}, outcome_tkr=6500, forecast_tkr=9900),
    Sub("FILM", values={"1.1.1": 30, "1.1.2": 1, "2.1.2": 2}, minutes=0,
        assignments={"U1": "started"}, outcome_tkr=5000, forecast_tkr=9000),
    Sub("FILM", values={"1.1.1": 52, "1.1.2": 5, "2.1.2": 9}, minutes=60,
        assessments={"1.1.1": "partly"}, analyses={"1.1.1": "Sommarlovsprojekt."},
        assignments={"U1": "started", "U2": "started", "U3": "started"}, outcome_tkr=5400, forecast_tkr=8300),
    Sub("KONST", state="rejected", errors=2, values={"1.1.2": 99, "2.1.3": True}, outcome_tkr=1,
        forecast_tkr=1),
]


def test_each_indicator_combined_and_assessed(example_plan):
    c = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
    # Independently: sums/means by hand, targets pro rata 8/12 for counts (full target for shares).
    expected = {
        "1.1.1": (52.0, 90 * 8 / 12, Assessment.PARTLY),  # FILM's later file: 0.8 * 60 = 48 <= 52 < 60
        "1.1.2": (3 + 2 + 5.0, 10 * 8 / 12, Assessment.MET),  # KONST's rejected 99 is dropped
        "1.1.3": (4 + 1.0, 10 * 8 / 12, Assessment.NOT_MET),  # 5 < 0.8 * 6.67 = 5.33
        "1.1.4": ((0.30 + 0.46) / 2, 0.40, Assessment.PARTLY),  # a share, full target: 0.32 <= 0.38 < 0.40
        "2.1.1": (None, None, Assessment.NONE),  # "År": not due in T2
        "2.1.2": (9.0, 20 * 8 / 12, Assessment.NOT_MET),  # 9 < 0.8 * 13.3 = 10.67
        "2.1.3": (None, True, Assessment.NONE),  # KONST rejected: no value
        "2.2.1": (3.0, 6 * 8 / 12, Assessment.NOT_MET),  # 3 < 0.8 * 4 = 3.2
    }
    for iid, (value, compared, status) in expected.items():
        r = c.indicator(iid)
        assert r.value == pytest.approx(value) if value is not None else r.value is None, iid
        if compared is True:
            assert r.compared_with is True
        elif compared is not None:
            assert r.compared_with == pytest.approx(compared), iid
        assert r.status is status, iid


def test_goal_counts_and_suggested_verdicts(example_plan):
    c = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
    g1 = c.goal(1)  # 1.1.1 partly, 1.1.2 met, 1.1.3 not met, 1.1.4 partly
    assert (g1.counts[Assessment.MET], g1.counts[Assessment.PARTLY], g1.counts[Assessment.NOT_MET],
            g1.counts[Assessment.NONE]) == (1, 2, 1, 0)
    assert g1.suggested is Assessment.PARTLY
    g2 = c.goal(2)  # 2.1.1 none, 2.1.2 not met, 2.1.3 none, 2.2.1 not met
    assert (g2.counts[Assessment.NOT_MET], g2.counts[Assessment.NONE]) == (2, 2)
    assert g2.suggested is Assessment.NOT_MET
    assert c.sub_goal("2.2").suggested is Assessment.NOT_MET
    for number in (3, 5, 6, 7):  # goals without content
        assert c.goal(number).n_indicators == 0
        assert c.goal(number).suggested is Assessment.NONE


def test_unit_status_missing_and_rejected(example_plan):
    subs = [s for s in EXAMPLE_T2 if s.unit != "BIB"]
    c = consolidate(example_plan, T2, **frames(example_plan, subs))
    assert {u.unit_id: u.state for u in c.unit_status} == {
        "KUS": "accepted", "BIB": "missing", "FILM": "accepted", "KONST": "rejected"}
    assert [u.unit_id for u in c.missing_units] == ["BIB"]
    assert [u.unit_id for u in c.rejected_units] == ["KONST"]
    film = next(u for u in c.unit_status if u.unit_id == "FILM")
    assert film.submissions == 2 and film.file_name == "FILM-3.xlsx"  # the later file counts
    r = c.indicator("2.2.1")
    assert r.value is None and r.status is Assessment.NONE
    assert [u.reported for u in c.indicator("1.1.2").units] == [True, False, True, False]


def test_superseded_rows_are_dropped_even_when_given(example_plan):
    subs = [Sub("FILM", state="superseded", values={"2.1.2": 100}),
            Sub("FILM", values={"2.1.2": 7}, minutes=5)]
    c = consolidate(example_plan, T2, **frames(example_plan, subs))
    assert c.indicator("2.1.2").value == 7


def test_rows_of_other_periods_are_ignored(example_plan):
    subs = [Sub("FILM", values={"2.1.2": 7}),
            Sub("FILM", values={"2.1.2": 3}, period="2026-T1", minutes=-999)]
    c = consolidate(example_plan, T2, **frames(example_plan, subs))
    assert c.indicator("2.1.2").value == 7
    assert len(c.submissions) == 1


def test_yes_no_from_history_numbers(example_plan):
    c = consolidate(example_plan, T2, **frames(example_plan, [Sub("KONST", values={"2.1.3": True})]))
    r = c.indicator("2.1.3")
    assert r.value is True and r.status is Assessment.MET
    c = consolidate(example_plan, T2, **frames(example_plan, [Sub("KONST", values={"2.1.3": False})]))
    assert c.indicator("2.1.3").status is Assessment.NOT_MET


def test_units_own_assessment_and_analysis_kept_verbatim(example_plan):
    c = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
    bib = next(u for u in c.indicator("2.2.1").units if u.unit_id == "BIB")
    assert bib.analysis == "=Tre utbildningsdagar"
    assert bib.assessment is Assessment.MET
    kus = next(u for u in c.indicator("1.1.2").units if u.unit_id == "KUS")
    assert kus.unit_name == "Regional kulturutveckling och samordning"


def test_assignments_overdue_only_when_end_date_passed_and_not_done(example_plan):
    subs = [Sub("KUS", assignments={"U1": "started", "U2": "done", "U3": "cancelled"}, period="2026-T3")]
    c = consolidate(example_plan, Period(2026, 3), **frames(example_plan, subs, Period(2026, 3)))
    kus = {a.assignment.id: next(u for u in a.units if u.unit_id == "KUS") for a in c.assignments}
    assert kus["U1"].overdue and kus["U1"].status is AssignmentStatus.STARTED
    assert not kus["U2"].overdue and not kus["U3"].overdue
    # Units without a return: status unknown, end date reached -> overdue.
    assert next(u for u in c.assignments[0].units if u.unit_id == "BIB").overdue
    c2 = consolidate(example_plan, T2,
                     **frames(example_plan, [Sub("KUS", assignments={"U1": "started"})]))
    assert not any(a.overdue for a in c2.assignments)  # end date 2026-12-31 is after August


def test_economy_per_unit_and_totals(example_plan):
    c = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
    rows = {e.unit_id: e for e in c.economy}
    assert list(rows) == ["KUS", "BIB", "FILM", "KONST"]
    assert rows["FILM"].forecast_tkr == 8300  # the later file
    assert rows["KONST"].reported is False and rows["KONST"].forecast_tkr is None
    assert rows["KONST"].frame_tkr == 2150  # from the master
    t = c.economy_totals()
    assert t.frame_tkr == 14100 + 10000 + 8150 + 2150
    assert t.outcome_tkr == 9400 + 6500 + 5400
    assert t.forecast_tkr == 14250 + 9900 + 8300
    assert t.deviation_tkr == (14100 - 14250) + (10000 - 9900) + (8150 - 8300)
    assert t.committee_frame_tkr == 34400


def test_controller_verdict_beside_the_suggestion(example_plan):
    example_plan.verdicts = [
        Verdict(Period(2026, 2), "goal", "1", Assessment.MET, "Motivering"),
        Verdict(Period(2026, 2), "sub_goal", "2.2", Assessment.PARTLY, "Kort period"),  # "T2" in the master
        Verdict(Period(2026, 1), "goal", "2", Assessment.NOT_MET, "Annan period"),
    ]
    c = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
    assert c.goal(1).verdict is not None and c.goal(1).verdict.motivation == "Motivering"
    assert c.goal(1).suggested is Assessment.PARTLY
    assert c.sub_goal("2.2").verdict is not None and c.sub_goal("2.2").verdict.assessment is Assessment.PARTLY
    assert c.goal(2).verdict is None


def test_trend_against_previous_period_and_baseline(example_plan):
    prev = frames(example_plan, [Sub("FILM", values={"2.1.2": 4}, period="2025-T2")], Period(2025, 2))
    current = frames(example_plan, [Sub("FILM", values={"2.1.2": 9, "1.1.1": 100})])
    c = consolidate(example_plan, T2, previous=prev["collected"], **current)
    r = c.indicator("2.1.2")
    assert (r.previous, r.previous_label, r.trend, r.trend_better) == (4.0, "2025-T2", "up", True)
    # 1.1.1 has no earlier value in prev: against the baseline 123 (2024, full year), per month:
    # 100 / 8 = 12.5 > 123 / 12 = 10.25 -> up.
    r = c.indicator("1.1.1")
    assert (r.previous, r.previous_label, r.trend) == (123.0, "2024", "up")
    c = consolidate(example_plan, T2, **frames(example_plan, [Sub("FILM", values={"1.1.1": 80})]))
    assert c.indicator("1.1.1").trend == "down"  # 80 / 8 = 10 < 10.25


def test_unknown_items_in_history_are_findings(example_plan):
    c = consolidate(example_plan, T2, **frames(example_plan, [Sub("NY", values={"9.9.9": 1})]))
    assert sorted(f.code for f in c.findings) == ["history-unknown-indicator", "history-unknown-unit"]


def test_empty_history_gives_all_missing(example_plan):
    c = consolidate(example_plan, T2, Collected(T2))
    assert [u.state for u in c.unit_status] == ["missing"] * 4
    assert all(r.status is Assessment.NONE for r in c.indicators)
    assert c.economy_totals().frame_tkr == 34400


def test_long_rows_one_per_responsible_unit_and_indicator(example_plan):
    c = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
    rows = c.long_rows()
    assert len(rows) == sum(len(i.units) for i in example_plan.indicators)
    film = [r for r in rows if r["unit_id"] == "FILM" and r["indicator_id"] == "1.1.1"][0]
    assert film["value"] == 52 and film["reported"] and film["goal"] == 1


# ---- through the history database and the CLI ---------------------------------------------------

def history_db(path, plan, subs: list[Sub]):
    """A history database holding ``subs`` as validated returns (invalid ones with an error finding)."""
    with History.open(path) as h:
        store(h, plan, subs)
    return path


def test_from_the_history_database_equals_from_dataframes(new_db, example_plan):
    from toolkit.report.consolidate import consolidate_from_db

    db = history_db(new_db(), example_plan, EXAMPLE_T2)
    a = consolidate_from_db(example_plan, db, T2)
    b = consolidate(example_plan, T2, **frames(example_plan, EXAMPLE_T2))
    for ra, rb in zip(a.indicators, b.indicators):
        assert (ra.value, ra.status) == (rb.value, rb.status), ra.indicator.id
        assert [u.analysis for u in ra.units] == [u.analysis for u in rb.units]
    assert [(u.unit_id, u.state) for u in a.unit_status] == [(u.unit_id, u.state) for u in b.unit_status]
    assert a.economy_totals() == b.economy_totals()
    assert [s.state for s in a.submissions] == ["accepted", "accepted", "superseded", "accepted", "rejected"]


def test_trend_from_the_database_against_the_same_tertial_last_year(new_db, example_plan):
    from toolkit.report.consolidate import consolidate_from_db

    db = history_db(new_db(), example_plan,
                    [Sub("FILM", values={"2.1.2": 12}, period="2025-T2", minutes=-500000),
                     Sub("FILM", values={"2.1.2": 9})])
    r = consolidate_from_db(example_plan, db, T2).indicator("2.1.2")
    assert (r.previous, r.previous_label, r.trend, r.trend_better) == (12.0, "2025-T2", "down", False)


def test_cli_consolidate(tmp_path, new_db, example_master, example_plan):
    from click.testing import CliRunner

    from toolkit.cli import main

    db = history_db(new_db(), example_plan, EXAMPLE_T2)
    out = tmp_path / "rapport.xlsx"
    runner = CliRunner()
    args = ["consolidate", "--master", str(example_master), "--db", str(db), "--period", "2026-T2",
            "-o", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "3 av 4 verksamheter har godkända returer, 1 underkända, 0 saknas" in result.output
    assert "Underkända: Offentlig konst" in result.output
    assert out.is_file()
    again = runner.invoke(main, args)
    assert again.exit_code == 1 and again.output.startswith("Fel: ") and "finns redan" in again.output
    assert runner.invoke(main, args + ["--force"]).exit_code == 0
    missing = runner.invoke(main, ["consolidate", "--master", str(example_master),
                                   "--db", str(tmp_path / "x.db"),
                                   "--period", "2026-T2", "-o", str(tmp_path / "r2.xlsx")])
    assert missing.exit_code == 1 and "x.db finns inte" in missing.output
    assert "Traceback" not in missing.output
    assert not (tmp_path / "x.db").exists()
    bad = runner.invoke(main, ["consolidate", "--master", str(example_master), "--db", str(db),
                               "--period", "2026-T9", "-o", str(tmp_path / "r3.xlsx")])
    assert bad.exit_code == 2


def test_from_the_database_a_level_trends_against_t1_and_a_silent_unit_keeps_its_last_status(new_db, example_plan):
    """Through the history: the share 1.1.4 (a level, mean of KUS and BIB) against the previous period and the
    same period last year; KUS sends nothing in T2, so its T1 assignment status shows, not updated."""
    from toolkit.report.consolidate import consolidate_from_db

    db = history_db(new_db(), example_plan, [
        Sub("KUS", values={"1.1.4": 0.30}, period="2025-T2", minutes=-600000),
        Sub("BIB", values={"1.1.4": 0.50}, period="2025-T2", minutes=-600000),
        Sub("KUS", values={"1.1.4": 0.40}, assignments={"U1": "done"}, period="2026-T1", minutes=-200000),
        Sub("BIB", values={"1.1.4": 0.40}, assignments={"U1": "started"}, period="2026-T1", minutes=-200000),
        Sub("BIB", values={"1.1.4": 0.44}, assignments={"U1": "started"}),
    ])
    c = consolidate_from_db(example_plan, db, T2)
    r = c.indicator("1.1.4")
    assert r.value == pytest.approx(0.44) and not r.complete  # BIB only
    # Like with like: BIB alone in each comparison (0.44 against 0.40 and against 0.50).
    assert [(t.label, t.previous, t.trend, t.units) for t in r.trends] == [
        ("2026-T1", pytest.approx(0.40), "up", ("BIB",)), ("2025-T2", pytest.approx(0.50), "down", ("BIB",))]
    kus = next(u for u in c.assignments[0].units if u.unit_id == "KUS")
    assert (kus.reported, kus.last_status, kus.last_period) == (False, AssignmentStatus.DONE, Period(2026, 1))
