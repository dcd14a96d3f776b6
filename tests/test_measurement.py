"""What an indicator measures, and consolidated values that stay right when units are missing (issue 12).

Plans and collected values are built here in code; every expectation is computed in the test from the numbers
it states, never copied from the code's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.core.model import (
    Aggregation,
    Assessment,
    Assignment,
    AssignmentStatus,
    Direction,
    Goal,
    Indicator,
    Measurement,
    Plan,
    Settings,
    SubGoal,
    Unit,
    ValueKind,
    Weight,
)
from toolkit.core.periods import Period, parse_periodicity
from toolkit.history.records import Collected, ReportedAssignment, ReportedValue
from toolkit.report.consolidate import consolidate
from toolkit.report.trends import Against, NotComparable
from toolkit.report.wording import assignment_status_text, basis_text, trend_text

YEAR = 2026
T1, T2, T3 = Period(YEAR, 1), Period(YEAR, 2), Period(YEAR, 3)
WHEN = dt.datetime(2026, 5, 5, 9, 0)


def plan_with(*indicators: Indicator, weights: list[Weight] | None = None,
              assignments: list[Assignment] | None = None) -> Plan:
    plan = Plan(settings=Settings(committee="Hälso- och sjukvårdsnämnden (påhittat exempel)", year=YEAR,
                                  partly_threshold=0.8))
    plan.goals = [Goal(1, "Vård i rätt tid")]
    plan.sub_goals = [SubGoal("1.1", 1, "Kortare väntan")]
    plan.units = [Unit("A", "Norr"), Unit("B", "Söder"), Unit("C", "Väster")]
    plan.indicators = list(indicators)
    plan.weights = weights or []
    plan.assignments = assignments or []
    return plan


def indicator(iid: str = "1.1.1", *, kind: ValueKind = ValueKind.COUNT, target: float | bool | None = 100.0,
              baseline: float | bool | None = None, direction: Direction = Direction.HIGHER,
              aggregation: Aggregation = Aggregation.SUM, units: tuple[str, ...] = ("A", "B", "C"),
              measurement: Measurement | None = None, periodicity: str = "Tertial",
              decimals: int | None = None) -> Indicator:
    return Indicator(id=iid, sub_goal="1.1", name=f"Indikator {iid}", kind=kind,
                     periodicity=parse_periodicity(periodicity), baseline_year=YEAR - 1, baseline=baseline,
                     target=target, direction=direction, units=units, aggregation=aggregation,
                     measurement=measurement, decimals=decimals)


def collected(period: Period, values: dict[str, dict[str, float | bool]],
              assignments: dict[str, dict[str, AssignmentStatus]] | None = None) -> Collected:
    """What the history holds for a period: indicator id -> unit id -> value (yes/no as bool)."""
    rows = []
    n = 0
    for iid, by_unit in values.items():
        for uid, value in by_unit.items():
            n += 1
            number = (1.0 if value else 0.0) if isinstance(value, bool) else float(value)
            rows.append(ReportedValue(period, uid, uid, iid, number, None, str(value), None, "", "", n, WHEN))
    reports = [ReportedAssignment(period, uid, aid, status, "", 0)
               for aid, by_unit in (assignments or {}).items() for uid, status in by_unit.items()]
    return Collected(period, rows, reports)


# ---- the waiting time: a level, lower is better ------------------------------------------------------

def waiting_time() -> Indicator:
    """A median waiting time in days: target 210, last year's outcome 245; one unit reports it."""
    return indicator(kind=ValueKind.DECIMAL, decimals=0, target=210.0, baseline=245.0,
                     direction=Direction.LOWER, aggregation=Aggregation.SINGLE, units=("A",))


@pytest.mark.parametrize("period", [T1, T2, T3])
def test_a_waiting_time_is_judged_against_the_whole_target_in_every_period(period):
    ind = waiting_time()
    assert ind.measurement is Measurement.LEVEL  # a decimal number is a level unless the plan says otherwise
    c = consolidate(plan_with(ind), period, collected(period, {"1.1.1": {"A": 238.0}}))
    r = c.indicator("1.1.1")
    assert r.value == 238.0
    assert r.compared_with == 210.0  # never pro rata (T1 would be 70)
    # Lower is better with the partly threshold 80 %: partly met up to 210 * (2 - 0.8) = 252.
    assert 210.0 < 238.0 <= 210.0 * 1.2
    assert r.status is Assessment.PARTLY
    # 238 is below last year's 245: the waiting time improved.
    assert (r.trend, r.trend_better, r.previous, r.previous_label) == ("down", True, 245.0, str(YEAR - 1))
    assert "bättre än 2025" in trend_text(r) and "sämre" not in trend_text(r)
    assert "Läge vid periodens slut" in basis_text(r, c)


def test_a_level_compares_with_the_previous_period_and_the_same_period_last_year():
    ind = waiting_time()
    plan = plan_with(ind)
    earlier = [collected(Period(YEAR - 1, 2), {"1.1.1": {"A": 250.0}}), collected(T1, {"1.1.1": {"A": 230.0}})]
    r = consolidate(plan, T2, collected(T2, {"1.1.1": {"A": 238.0}}), earlier=earlier).indicator("1.1.1")
    got = [(t.against, t.label, t.previous, t.trend, t.better) for t in r.trends]
    # Against T1 (230): up, worse (lower is better); against 2025-T2 (250): down, better. Both shown.
    assert got == [(Against.PREVIOUS_PERIOD, "2026-T1", 230.0, "up", False),
                   (Against.LAST_YEAR, "2025-T2", 250.0, "down", True)]
    assert trend_text(r) == "↑ sämre än 2026-T1; ↓ bättre än 2025-T2"


def test_a_queue_that_shrinks_is_better_and_no_warning_that_it_fell():
    """A queue snapshot (a count measured as a level): falling during the year is no fall of a running total."""
    ind = indicator(kind=ValueKind.COUNT, measurement=Measurement.LEVEL, target=40.0, baseline=80.0,
                    direction=Direction.LOWER, aggregation=Aggregation.SUM)
    plan = plan_with(ind)
    earlier = [collected(T1, {"1.1.1": {"A": 30.0, "B": 20.0, "C": 10.0}})]
    r = consolidate(plan, T2, collected(T2, {"1.1.1": {"A": 20.0, "B": 15.0, "C": 10.0}}),
                    earlier=earlier).indicator("1.1.1")
    assert r.value == 45.0 and r.compared_with == 40.0  # the whole target, not 40 * 8 / 12
    assert r.status is Assessment.PARTLY  # 45 <= 1.2 * 40 = 48
    assert (r.trends[0].previous, r.trends[0].trend, r.trends[0].better) == (60.0, "down", True)


# ---- a cumulative count ----------------------------------------------------------------------------

@pytest.mark.parametrize(("period", "months"), [(T1, 4), (T2, 8), (T3, 12)])
def test_a_cumulative_count_is_compared_with_the_target_pro_rata(period, months):
    ind = indicator(target=90.0, aggregation=Aggregation.SINGLE, units=("A",))
    assert ind.measurement is Measurement.CUMULATIVE
    outcome = 52.0
    r = consolidate(plan_with(ind), period, collected(period, {"1.1.1": {"A": outcome}})).indicator("1.1.1")
    compared = 90.0 * months / 12
    assert r.compared_with == pytest.approx(compared)
    expected = (Assessment.MET if outcome >= compared else Assessment.PARTLY if outcome >= 0.8 * compared
                else Assessment.NOT_MET)
    assert r.status is expected
    assert expected is {4: Assessment.MET, 8: Assessment.PARTLY, 12: Assessment.NOT_MET}[months]


def test_a_cumulative_count_trends_against_the_same_period_last_year_not_the_previous_period():
    ind = indicator(target=90.0, baseline=120.0, aggregation=Aggregation.SINGLE, units=("A",))
    earlier = [collected(T1, {"1.1.1": {"A": 20.0}}), collected(Period(YEAR - 1, 2), {"1.1.1": {"A": 60.0}})]
    r = consolidate(plan_with(ind), T2, collected(T2, {"1.1.1": {"A": 52.0}}), earlier=earlier).indicator("1.1.1")
    assert [(t.against, t.previous) for t in r.trends] == [(Against.LAST_YEAR, 60.0)]
    assert (r.trend, r.trend_better) == ("down", False)  # 52 < 60
    # Without last year's T2: the baseline, per month (52 / 8 = 6.5 against 120 / 12 = 10: down).
    r = consolidate(plan_with(ind), T2, collected(T2, {"1.1.1": {"A": 52.0}}),
                    earlier=earlier[:1]).indicator("1.1.1")
    assert [(t.against, t.previous) for t in r.trends] == [(Against.BASELINE, 120.0)]
    assert 52.0 / 8 < 120.0 / 12 and r.trend == "down"


# ---- missing units ---------------------------------------------------------------------------------

def test_a_trend_compares_the_units_that_reported_in_both_periods():
    """A unit that did not report does not make the sum "sämre": both periods are summed over the same units."""
    ind = indicator(target=100.0)
    last_year = collected(Period(YEAR - 1, 2), {"1.1.1": {"A": 10.0, "B": 10.0, "C": 10.0}})
    r = consolidate(plan_with(ind), T2, collected(T2, {"1.1.1": {"A": 12.0, "B": 12.0}}),
                    earlier=[last_year]).indicator("1.1.1")
    assert r.value == 24.0  # A + B now; C is missing
    t = r.trends[0]
    assert t.units == ("A", "B") and t.subset
    assert (t.current, t.previous) == (12.0 + 12.0, 10.0 + 10.0)  # like with like, not 24 against 30
    assert (t.trend, t.better) == ("up", True)
    assert "bättre än 2025-T2 (jämfört för 2 verksamheter som rapporterat båda gångerna)" in trend_text(r)


def test_a_trend_without_common_units_is_not_comparable():
    ind = indicator(target=100.0)
    last_year = collected(Period(YEAR - 1, 2), {"1.1.1": {"C": 10.0}})
    r = consolidate(plan_with(ind), T2, collected(T2, {"1.1.1": {"A": 12.0, "B": 12.0}}),
                    earlier=[last_year]).indicator("1.1.1")
    assert r.trends[0].not_comparable is NotComparable.NO_COMMON_UNITS
    assert r.trend == "unknown"
    assert trend_text(r) == "ej jämförbar med 2025-T2: ingen verksamhet har rapporterat i båda perioderna"


def test_an_incomplete_outcome_is_not_compared_with_the_baseline():
    ind = indicator(target=100.0, baseline=100.0)
    r = consolidate(plan_with(ind), T3, collected(T3, {"1.1.1": {"A": 40.0, "B": 40.0}})).indicator("1.1.1")
    assert r.trends[0].not_comparable is NotComparable.INCOMPLETE
    assert "ej jämförbar med 2025" in trend_text(r) and "2 av 3" in trend_text(r)


def test_a_lower_is_better_sum_missing_a_unit_is_not_green():
    """At year end the reported units sum below the ceiling, but the missing unit could add to it."""
    ind = indicator(kind=ValueKind.AMOUNT, target=500.0, direction=Direction.LOWER)
    plan = plan_with(ind)
    r = consolidate(plan, T3, collected(T3, {"1.1.1": {"A": 200.0, "B": 150.0}})).indicator("1.1.1")
    assert 200.0 + 150.0 <= 500.0  # the reported values alone would meet the target
    assert r.value == 350.0 and not r.complete and r.covered == ("A", "B")
    assert r.status is Assessment.NONE and r.withheld
    basis = basis_text(r, consolidate(plan, T3, collected(T3, {})))
    assert "Summa av 2 av 3 verksamheter – saknas: Väster." in basis and "Reservation" in basis
    complete = consolidate(plan, T3, collected(T3, {"1.1.1": {"A": 200.0, "B": 150.0, "C": 100.0}}))
    assert complete.indicator("1.1.1").status is Assessment.MET  # 450 <= 500 with every unit


def test_a_higher_is_better_sum_of_counts_that_already_meets_the_target_stays_green():
    ind = indicator(target=30.0)  # at T3 the whole target
    r = consolidate(plan_with(ind), T3, collected(T3, {"1.1.1": {"A": 20.0, "B": 15.0}})).indicator("1.1.1")
    assert 20 + 15 >= 30 and r.status is Assessment.MET and not r.withheld and not r.complete


def test_all_yes_with_a_unit_missing_is_not_green_but_a_no_is_final():
    ind = indicator(kind=ValueKind.YESNO, target=True, aggregation=Aggregation.ALL_YES)
    plan = plan_with(ind)
    r = consolidate(plan, T2, collected(T2, {"1.1.1": {"A": True, "B": True}})).indicator("1.1.1")
    assert r.status is Assessment.NONE and r.withheld
    assert "Alla ja: 2 av 3 verksamheter har svarat – saknas: Väster." in basis_text(r, consolidate(
        plan, T2, collected(T2, {})))
    r = consolidate(plan, T2, collected(T2, {"1.1.1": {"A": True, "B": False}})).indicator("1.1.1")
    assert r.value is False and r.status is Assessment.NOT_MET  # whatever C answers
    r = consolidate(plan, T2, collected(T2, {"1.1.1": {"A": True, "B": True, "C": True}})).indicator("1.1.1")
    assert r.status is Assessment.MET


def test_an_assignment_of_a_unit_that_sent_nothing_shows_its_last_status_not_overdue():
    asg = Assignment("U1", "Inför ett nytt bokningssystem", parse_periodicity("Tertial"),
                     end_date=dt.date(YEAR, 12, 31), units=("A", "B"))
    plan = plan_with(indicator(), assignments=[asg])
    earlier = [collected(T1, {}, {"U1": {"A": AssignmentStatus.STARTED, "B": AssignmentStatus.STARTED}}),
               collected(T2, {}, {"U1": {"A": AssignmentStatus.DONE, "B": AssignmentStatus.STARTED}})]
    # T3: the end date has passed; neither unit sent a return.
    c = consolidate(plan, T3, collected(T3, {}), earlier=earlier)
    a, b = c.assignments[0].units
    assert (a.reported, a.status, a.last_status, a.last_period) == (False, None, AssignmentStatus.DONE, T2)
    assert not a.overdue  # it was done in T2
    assert assignment_status_text(a, "Ingen godkänd retur") == "Genomförd (2026-T2, ej uppdaterad)"
    assert b.last_status is AssignmentStatus.STARTED and b.overdue  # last said started, end date passed
    # Without any earlier status the end date decides, as nothing says it is done.
    c = consolidate(plan, T3, collected(T3, {}))
    assert all(u.overdue and u.last_status is None for u in c.assignments[0].units)


# ---- weights ---------------------------------------------------------------------------------------

def test_a_weighted_mean_uses_the_plan_s_weights_and_states_them():
    ind = indicator(kind=ValueKind.DECIMAL, decimals=1, target=80.0, aggregation=Aggregation.WEIGHTED_MEAN)
    weights = [Weight("1.1.1", "A", 300.0, "svarande"), Weight("1.1.1", "B", 100.0, "svarande"),
               Weight("1.1.1", "C", 100.0, "svarande")]
    plan = plan_with(ind, weights=weights)
    c = consolidate(plan, T2, collected(T2, {"1.1.1": {"A": 90.0, "B": 70.0, "C": 60.0}}))
    r = c.indicator("1.1.1")
    assert r.value == pytest.approx((300 * 90 + 100 * 70 + 100 * 60) / 500)  # 80.0, not the plain mean 73.3
    assert r.status is Assessment.MET
    assert "Viktat medelvärde av 3 av 3 verksamheter (vikter: Norr 300, Söder 100, Väster 100; svarande)." \
        in basis_text(r, c)


def test_a_weighted_mean_without_every_weight_shows_no_value_and_says_why():
    ind = indicator(kind=ValueKind.DECIMAL, decimals=1, target=80.0, aggregation=Aggregation.WEIGHTED_MEAN)
    plan = plan_with(ind, weights=[Weight("1.1.1", "A", 300.0)])
    c = consolidate(plan, T2, collected(T2, {"1.1.1": {"A": 90.0, "B": 70.0}}))
    r = c.indicator("1.1.1")
    assert r.value is None and r.status is Assessment.NONE and r.weights_missing == ("B",)
    assert [f.code for f in c.findings] == ["weights-missing"]
    assert "vikt saknas i masterfilen för Söder" in basis_text(r, c)


# ---- the rules, stated in the report and in the document ----------------------------------------------

# What every rule must say, in words a reader finds (each fragment independent of the code's templates).
RULE_FRAGMENTS = [
    "Ackumulerat från årets början", "Läge vid periodens slut", "T1 4/12, T2 8/12",  # measurement
    "1,25 är 125 %", "'62 %') är 62 %",  # shares
    "Tal har högst så många decimaler",  # decimals
    "Viktat medelvärde (med vikterna på masterfilens flik Vikter",  # weights
    "visas aldrig som uppfyllt (grönt)", "summa av antal där högre är bättre",  # coverage
    "över de verksamheter som rapporterat i båda", "'ej jämförbar'",  # trends like with like
    "senast rapporterade status", "ej uppdaterad",  # assignments of a unit without a return
]


def test_the_report_and_the_document_state_every_rule(tmp_path):
    import docx

    from toolkit.report.document import write_document
    from toolkit.report.workbook import write_report
    from toolkit.texts import consolidate as tx

    plan = plan_with(waiting_time())
    c = consolidate(plan, T2, collected(T2, {"1.1.1": {"A": 238.0}}))
    workbook = write_report(c, plan, tmp_path / "rapport.xlsx")
    document = write_document(c, plan, tmp_path / "rapport.docx")
    from openpyxl import load_workbook

    about = load_workbook(workbook)[tx.SHEET_ABOUT]
    sheet_text = "\n".join(str(v) for row in about.iter_rows(values_only=True) for v in row if v)
    doc_text = "\n".join(p.text for p in docx.Document(str(document)).paragraphs)
    for fragment in RULE_FRAGMENTS:
        assert fragment in sheet_text, fragment
    for fragment in RULE_FRAGMENTS:
        if "masterfilens flik" not in fragment:
            assert fragment in doc_text, fragment
    headings = [h for h, _ in tx.ABOUT]
    assert all(f"{h}. " in doc_text for h in headings) and all(h in sheet_text for h in headings)


def test_the_readme_glossary_names_the_measurement_kinds():
    from pathlib import Path

    from toolkit.texts import common as tc

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    glossary = readme[readme.index("## Glossary"):]
    for label in tc.MEASUREMENT.values():
        assert label in glossary, label
    assert "Tal (" in glossary
