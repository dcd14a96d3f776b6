"""The assessment rules: aggregation, suggested status, trend and suggested verdict."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from toolkit.core.model import Aggregation, Assessment, Direction, Indicator, Settings, ValueKind
from toolkit.core.periods import Period, parse_periodicity
from toolkit.report import assessment as asm
from toolkit.report.assessment import Trend

T1, T2, T3 = Period(2026, 1), Period(2026, 2), Period(2026, 3)
SETTINGS = Settings(partly_threshold=0.8)

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
unit_ids = st.lists(st.sampled_from(["A", "B", "C", "D", "E"]), min_size=1, max_size=5, unique=True)


def ind(kind: ValueKind = ValueKind.COUNT, aggregation: Aggregation = Aggregation.SUM, *, target=None,
        direction: Direction = Direction.HIGHER, periodicity: str = "Tertial", units=("A", "B", "C"),
        threshold: float | None = None) -> Indicator:
    return Indicator(id="1.1.1", sub_goal="1.1", name="x", kind=kind,
                     periodicity=parse_periodicity(periodicity),
                     target=target, direction=direction, units=tuple(units), aggregation=aggregation,
                     partly_threshold=threshold)


# ---- aggregate -------------------------------------------------------------------------------

@given(st.dictionaries(st.sampled_from("ABCDE"), finite, min_size=1))
def test_sum_is_the_sum_of_reported_values(values):
    assert asm.aggregate(ind(), values) == pytest.approx(math.fsum(values.values()), abs=1e-6)


@given(st.dictionaries(st.sampled_from("ABCDE"), st.one_of(st.none(), finite), min_size=1))
def test_units_without_a_value_do_not_count(values):
    reported = [v for v in values.values() if v is not None]
    got_mean = asm.aggregate(ind(aggregation=Aggregation.MEAN), values)
    got_sum = asm.aggregate(ind(), values)
    if not reported:
        assert got_mean is None and got_sum is None
    else:
        assert got_mean == pytest.approx(statistics.fmean(reported), abs=1e-6)
        assert got_sum == pytest.approx(sum(reported), abs=1e-6)


@given(st.dictionaries(st.sampled_from("ABCDE"), finite, min_size=1))
def test_weighted_mean_without_weights_is_the_plain_mean(values):
    got = asm.aggregate(ind(aggregation=Aggregation.WEIGHTED_MEAN), values)
    assert got == pytest.approx(sum(values.values()) / len(values), abs=1e-6)


@given(st.dictionaries(st.sampled_from("ABCDE"), st.tuples(finite, positive), min_size=1))
def test_weighted_mean_with_weights(pairs):
    values = {u: v for u, (v, _) in pairs.items()}
    weights = {u: w for u, (_, w) in pairs.items()}
    expected = sum(v * w for v, w in pairs.values()) / sum(w for _, w in pairs.values())
    got = asm.aggregate(ind(aggregation=Aggregation.WEIGHTED_MEAN), values, weights=weights)
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_weighted_mean_needs_a_weight_for_every_reporting_unit():
    with pytest.raises(ValueError, match="B"):
        asm.aggregate(ind(aggregation=Aggregation.WEIGHTED_MEAN), {"A": 1.0, "B": 2.0}, weights={"A": 1})


def test_weighted_mean_weights_change_the_result():
    got = asm.aggregate(ind(aggregation=Aggregation.WEIGHTED_MEAN), {"A": 0.2, "B": 0.8},
                        weights={"A": 3, "B": 1})
    assert got == pytest.approx(0.35)


@given(st.dictionaries(st.sampled_from("ABCDE"), st.booleans(), min_size=1))
def test_all_yes(values):
    got = asm.aggregate(ind(ValueKind.YESNO, Aggregation.ALL_YES), values)
    assert got is (False not in values.values())


def test_yes_no_with_sum_aggregation_is_read_as_all_yes():
    assert asm.aggregate(ind(ValueKind.YESNO, Aggregation.SUM), {"A": True, "B": False}) is False
    assert asm.aggregate(ind(ValueKind.YESNO, Aggregation.SUM), {"A": True, "B": True}) is True


def test_all_yes_reads_numbers_and_words():
    assert asm.aggregate(ind(ValueKind.YESNO, Aggregation.ALL_YES), {"A": 1.0, "B": "ja"}) is True
    assert asm.aggregate(ind(ValueKind.YESNO, Aggregation.ALL_YES), {"A": 1.0, "B": "Nej"}) is False


@given(unit_ids)
def test_single_takes_the_first_responsible_unit_in_plan_order(units):
    values = {u: float(i) for i, u in enumerate(reversed(units))}
    indicator = ind(aggregation=Aggregation.SINGLE, units=units)
    assert asm.aggregate(indicator, values) == values[units[0]]


def test_single_skips_a_unit_without_value():
    indicator = ind(aggregation=Aggregation.SINGLE, units=("A", "B"))
    assert asm.aggregate(indicator, {"A": None, "B": 7.0}) == 7.0


def test_nothing_reported_is_none():
    for agg in Aggregation:
        assert asm.aggregate(ind(aggregation=agg), {}) is None
        assert asm.aggregate(ind(aggregation=agg), {"A": None, "B": float("nan")}) is None


def test_text_indicators_join_texts_in_plan_order():
    indicator = ind(ValueKind.TEXT, units=("A", "B"))
    assert asm.aggregate(indicator, {"B": "andra", "A": "första"}) == "första; andra"


# ---- suggest -----------------------------------------------------------------------------------

def oracle_higher(outcome: float, target: float, t: float) -> Assessment:
    if outcome >= target:
        return Assessment.MET
    return Assessment.PARTLY if outcome >= t * target else Assessment.NOT_MET


@given(finite, positive, st.floats(min_value=0.1, max_value=0.99))
def test_share_higher_is_better_full_target_in_every_period(outcome, target, t):
    indicator = ind(ValueKind.SHARE, target=target)
    for period in (T1, T2, T3):
        got = asm.suggest(indicator, outcome, period=period, settings=Settings(partly_threshold=t))
        assert got is oracle_higher(outcome, target, t)


@given(positive, positive)
def test_counts_in_t2_are_compared_with_eight_twelfths_of_the_target(outcome, target):
    indicator = ind(target=target)
    expected = oracle_higher(outcome, target * 8 / 12, 0.8)
    assert asm.suggest(indicator, outcome, period=T2, settings=SETTINGS) is expected
    assert asm.suggest(indicator, outcome, period=T3,
                       settings=SETTINGS) is oracle_higher(outcome, target, 0.8)
    assert asm.suggest(indicator, outcome, period=T1, settings=SETTINGS) is oracle_higher(
        outcome, target * 4 / 12, 0.8)


def test_t2_pro_rata_examples():
    indicator = ind(target=90.0)  # 8/12 of 90 = 60; 80 % of 60 = 48
    assert asm.suggest(indicator, 60, period=T2, settings=SETTINGS) is Assessment.MET
    assert asm.suggest(indicator, 59, period=T2, settings=SETTINGS) is Assessment.PARTLY
    assert asm.suggest(indicator, 48, period=T2, settings=SETTINGS) is Assessment.PARTLY
    assert asm.suggest(indicator, 47, period=T2, settings=SETTINGS) is Assessment.NOT_MET
    assert asm.suggest(indicator, 60, period=T3, settings=SETTINGS) is Assessment.NOT_MET


@given(positive, st.floats(min_value=0, max_value=3), st.floats(min_value=0.1, max_value=0.99))
def test_lower_is_better_is_mirrored(target, ratio, t):
    # Away from the borders, where float rounding decides.
    assume(abs(ratio - 1) > 1e-6 and abs(ratio - (2 - t)) > 1e-6)
    indicator = ind(ValueKind.SHARE, target=target, direction=Direction.LOWER)
    got = asm.suggest(indicator, target * ratio, period=T3, settings=Settings(partly_threshold=t))
    if ratio < 1:
        assert got is Assessment.MET
    elif ratio < 1 + (1 - t):
        assert got is Assessment.PARTLY
    else:
        assert got is Assessment.NOT_MET


def test_lower_is_better_examples():
    indicator = ind(target=100.0, direction=Direction.LOWER)
    assert asm.suggest(indicator, 100, period=T3, settings=SETTINGS) is Assessment.MET
    assert asm.suggest(indicator, 119, period=T3, settings=SETTINGS) is Assessment.PARTLY
    assert asm.suggest(indicator, 121, period=T3, settings=SETTINGS) is Assessment.NOT_MET


def test_the_indicators_own_threshold_wins():
    indicator = ind(ValueKind.SHARE, target=0.4, threshold=0.5)
    assert asm.suggest(indicator, 0.21, period=T2, settings=SETTINGS) is Assessment.PARTLY
    assert asm.suggest(ind(ValueKind.SHARE, target=0.4), 0.21, period=T2,
                       settings=SETTINGS) is Assessment.NOT_MET


@given(st.booleans(), st.booleans(), st.sampled_from([T1, T2, T3]))
def test_yes_no_is_met_or_not(outcome, target, period):
    got = asm.suggest(ind(ValueKind.YESNO, Aggregation.ALL_YES, target=target), outcome, period=period,
                      settings=SETTINGS)
    assert got is (Assessment.MET if outcome == target else Assessment.NOT_MET)


@given(st.one_of(st.none(), finite, st.booleans()),
       st.sampled_from(["År", "Tertial: aug, dec", "Tertial: apr"]))
def test_not_due_is_never_red(outcome, periodicity):
    indicator = ind(target=10.0, periodicity=periodicity)
    for period in (T1, T2, T3):
        got = asm.suggest(indicator, outcome, period=period, settings=SETTINGS)
        if not indicator.is_due(period):
            assert got is Assessment.NONE


def test_no_outcome_or_no_target_is_no_assessment():
    assert asm.suggest(ind(target=10.0), None, period=T2, settings=SETTINGS) is Assessment.NONE
    assert asm.suggest(ind(target=None), 5.0, period=T2, settings=SETTINGS) is Assessment.NONE
    assert asm.suggest(ind(ValueKind.TEXT, target="x"), "y", period=T2, settings=SETTINGS) is Assessment.NONE


def test_wording_is_a_forecast_before_the_year_is_complete():
    from toolkit.texts import common as tc

    assert asm.label(Assessment.MET, T2) == tc.ASSESSMENT_FORECAST[Assessment.MET]
    assert asm.label(Assessment.MET, T3) == tc.ASSESSMENT[Assessment.MET]
    assert asm.label(Assessment.NONE, T2) == "Ingen bedömning"


# ---- trend ---------------------------------------------------------------------------------------

@given(finite, finite)
def test_trend_follows_the_sign_of_the_change(current, previous):
    got = asm.trend(current, previous)
    if abs(current - previous) <= 0.01 * abs(previous):
        assert got is Trend.UNCHANGED
    else:
        assert got is (Trend.UP if current > previous else Trend.DOWN)


@given(finite)
def test_trend_unknown_without_both_values(v):
    assert asm.trend(v, None) is Trend.UNKNOWN
    assert asm.trend(None, v) is Trend.UNKNOWN


def test_trend_of_yes_no():
    assert asm.trend(True, False) is Trend.UP
    assert asm.trend(False, True) is Trend.DOWN
    assert asm.trend(True, True) is Trend.UNCHANGED


def test_trend_is_better_depends_on_direction():
    assert asm.trend_is_better(Trend.UP, Direction.HIGHER) is True
    assert asm.trend_is_better(Trend.UP, Direction.LOWER) is False
    assert asm.trend_is_better(Trend.DOWN, Direction.LOWER) is True
    assert asm.trend_is_better(Trend.UNCHANGED, Direction.LOWER) is None


# ---- verdict ------------------------------------------------------------------------------------

statuses = st.lists(st.sampled_from(list(Assessment)), max_size=12)


@given(statuses)
def test_suggested_verdict(items):
    got = asm.suggest_verdict(items)
    assessed = [s for s in items if s != Assessment.NONE]
    if not assessed:
        assert got is Assessment.NONE
    elif set(assessed) == {Assessment.MET}:
        assert got is Assessment.MET
    elif assessed.count(Assessment.NOT_MET) > len(assessed) / 2:
        assert got is Assessment.NOT_MET
    else:
        assert got is Assessment.PARTLY


@given(statuses)
def test_counts_add_up(items):
    counts = asm.count_statuses(items)
    assert sum(counts.values()) == len(items)
    assert list(counts) == list(Assessment)
    for a in Assessment:
        assert counts[a] == items.count(a)


@given(statuses)
def test_adding_no_assessment_changes_nothing(items):
    assert asm.suggest_verdict(items + [Assessment.NONE]) is asm.suggest_verdict(items)
