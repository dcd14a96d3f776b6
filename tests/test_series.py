"""Earlier values beside this period's (toolkit.report.series through consolidate): each earlier period combined by
the plan it was collected against, and '–' with the reason where there is no value. Histories built in code."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from test_consolidate import Sub, store

from toolkit.core.model import Aggregation, Plan, Weight
from toolkit.core.periods import Period, parse_periodicity
from toolkit.history.records import Collected
from toolkit.history.store import History
from toolkit.report.consolidate import consolidate
from toolkit.report.series import Gap

T2_2025, T2_2026, T3_2024, T3_2025 = Period(2025, 2), Period(2026, 2), Period(2024, 3), Period(2025, 3)


def collected(plan: Plan, subs: list[Sub], *periods: Period) -> list[Collected]:
    """What a history holds for ``periods`` after storing ``subs`` against ``plan``."""
    with History.open(":memory:") as h:
        store(h, plan, subs)
        return [h.collected(p) for p in periods]


def plan_of(plan: Plan, year: int) -> Plan:
    other = copy.deepcopy(plan)
    other.settings.year = year
    return other


@pytest.fixture()
def plans(example_plan):
    """2026 as the example; 2025 combined 1.1.4 as a sum, had only KUS and BIB behind 1.1.2, and no 2.2.1."""
    old = plan_of(example_plan, 2025)
    old.indicator("1.1.4").aggregation = Aggregation.SUM
    old.indicator("1.1.2").units = ("KUS", "BIB")
    old.indicators = [i for i in old.indicators if i.id != "2.2.1"]
    return old, example_plan


NOW = [Sub("KUS", values={"1.1.2": 3, "1.1.4": 0.3}), Sub("BIB", values={"1.1.2": 2, "1.1.4": 0.5, "2.2.1": 4})]


def test_last_year_is_combined_by_last_years_plan(plans) -> None:
    old, new = plans
    subs = [Sub("KUS", period=str(T2_2025), values={"1.1.2": 6, "1.1.4": 0.25}),
            Sub("BIB", period=str(T2_2025), values={"1.1.2": 1, "1.1.4": 0.35})]
    (then,) = collected(old, subs, T2_2025)
    (now,) = collected(new, NOW, T2_2026)
    c = consolidate(new, T2_2026, now, earlier=[then], versions={T2_2025: old})
    share = c.indicator("1.1.4").last_year
    assert share is not None and share.value == pytest.approx(0.25 + 0.35)  # 2025's rule: a sum
    count = c.indicator("1.1.2").last_year
    assert count is not None and count.value == pytest.approx(7) and count.complete  # 2 of 2 responsible in 2025
    assert (count.covered, count.expected) == (2, 2)
    removed = c.indicator("2.2.1").last_year
    assert removed is not None and removed.gap is Gap.NOT_IN_PLAN and removed.value is None
    # Without the version the current plan stands in: the mean, and 2 of the 4 units responsible today
    c = consolidate(new, T2_2026, now, earlier=[then])
    assert c.indicator("1.1.4").last_year.value == pytest.approx((0.25 + 0.35) / 2)
    assert not c.indicator("1.1.2").last_year.complete


def test_why_an_earlier_value_is_missing(plans) -> None:
    old, new = plans
    subs = [Sub("KUS", period=str(T2_2025), values={"1.1.2": 6}),
            Sub("FILM", period=str(T2_2025), state="rejected", errors=1, values={"1.1.1": 9})]
    (then,) = collected(old, subs, T2_2025)
    (now,) = collected(new, NOW, T2_2026)
    c = consolidate(new, T2_2026, now, earlier=[then], versions={T2_2025: old})
    gaps = {r.indicator.id: r.last_year.gap for r in c.indicators if r.last_year is not None}
    assert gaps["2.1.1"] is Gap.NOT_DUE  # yearly: not reported in T2
    assert gaps["1.1.1"] is Gap.NO_VALUE  # FILM's only file was rejected
    assert gaps["1.1.2"] is None
    assert c.indicator("1.1.2").last_year.complete is False  # KUS alone of KUS and BIB
    # A period whose every file was rejected is not collected; nor is one the history does not hold
    (rejected,) = collected(old, subs[1:], T2_2025)
    c = consolidate(new, T2_2026, now, earlier=[rejected])
    assert {r.last_year.gap for r in c.indicators} == {Gap.NOT_COLLECTED}
    assert c.history_years == []


def test_the_years_series_and_every_earlier_year_end(example_plan) -> None:
    plan = example_plan
    for iid in ("1.1.2",):
        plan.indicator(iid).periodicity = parse_periodicity("Tertial")
    t3 = Period(2026, 3)
    subs = [Sub("KUS", period="2026-T1", values={"1.1.2": 1}),
            Sub("KUS", period="2026-T2", values={"1.1.2": 2}), Sub("BIB", period="2026-T2", values={"1.1.2": 3}),
            Sub("KUS", period=str(T3_2024), values={"1.1.2": 10}),
            Sub("KUS", period=str(T3_2025), values={"1.1.2": 20}), Sub("BIB", period=str(T3_2025), values={"1.1.2": 5}),
            Sub("KUS", period="2026-T3", values={"1.1.2": 4})]
    earlier = collected(plan, subs, Period(2026, 1), Period(2026, 2), T3_2024, T3_2025)
    (now,) = collected(plan, subs, t3)
    c = consolidate(plan, t3, now, earlier=earlier)
    r = c.indicator("1.1.2")
    assert [(p.period, p.value) for p in r.series] == [(Period(2026, 1), 1), (Period(2026, 2), 5)]
    assert r.last_year is not None and r.last_year.value == 25
    assert c.history_years == [2024, 2025]
    assert {y: p.value for y, p in r.years.items()} == {2024: 10, 2025: 25}
    assert [p.gap for p in c.indicator("1.1.3").series] == [Gap.NOT_DUE, Gap.NO_VALUE]  # aug, dec: KUS gave none


def test_a_weighted_mean_of_an_earlier_period_takes_the_masters_weights(plans) -> None:
    old, new = plans
    for p in (old, new):
        p.indicator("1.1.4").aggregation = Aggregation.WEIGHTED_MEAN
    new.weights = [Weight("1.1.4", "KUS", 3.0), Weight("1.1.4", "BIB", 1.0)]
    version = dataclasses.replace(old, weights=[])  # as the history keeps a plan: no weights
    subs = [Sub("KUS", period=str(T2_2025), values={"1.1.4": 0.2}),
            Sub("BIB", period=str(T2_2025), values={"1.1.4": 0.6})]
    (then,) = collected(old, subs, T2_2025)
    (now,) = collected(new, NOW, T2_2026)
    c = consolidate(new, T2_2026, now, earlier=[then], versions={T2_2025: version})
    assert c.indicator("1.1.4").last_year.value == pytest.approx((3 * 0.2 + 1 * 0.6) / 4)
