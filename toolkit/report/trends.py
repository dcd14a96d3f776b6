"""Trends that compare like with like: against which earlier values an indicator's outcome is compared, and
over which units.

Against what, by the indicator's measurement:
  - cumulative (counts and amounts from January): the same period last year, from the history; without it the
    baseline year, per month (jan-aug / 8 against the year / 12);
  - level (waiting times, queues, shares, indices) and yes/no: the previous period of the year and the same
    period last year, both where the history has them; without either the baseline year, as it stands;
  - text: no trend.

Over which units: a combined value is only comparable with one combined from the same units. Against an
earlier period both values are combined anew over the units that reported a value in both periods (with the
same rule and weights); when no unit did, the trend is "not comparable". The baseline is the committee's
whole value, so it is compared only with a complete outcome (every responsible unit reported).

Pure Python on the plan model and plain values; ``toolkit.report.consolidate`` gathers the values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from toolkit.core.model import Indicator, Value, ValueKind
from toolkit.core.periods import Period
from toolkit.report import assessment as asm
from toolkit.report.assessment import Trend

# unit id -> value, only units with a value
UnitValues = Mapping[str, Value]


class Against(StrEnum):
    """What an outcome is compared with."""

    LAST_YEAR = "last_year"  # the same period last year
    PREVIOUS_PERIOD = "previous_period"  # the previous period of the year
    BASELINE = "baseline"  # the plan's baseline year


class NotComparable(StrEnum):
    """Why a trend could not be given."""

    NO_COMMON_UNITS = "no_common_units"  # no unit reported a value in both periods
    INCOMPLETE = "incomplete"  # the baseline is the committee's whole value; the outcome is not complete
    NO_VALUE = "no_value"  # the combined values could not be compared (e.g. a weight missing)


@dataclass
class TrendResult:
    """One comparison of an indicator's outcome with an earlier value."""

    against: Against
    label: str  # "2025-T2", "2026-T1" or "2024"
    current: Value = None  # the outcome over the compared units
    previous: Value = None  # the earlier value over the same units
    trend: Trend = Trend.UNKNOWN
    better: bool | None = None
    units: tuple[str, ...] = ()  # the units compared (empty for the baseline)
    subset: bool = False  # True when fewer units than reported now (or then) are compared
    not_comparable: NotComparable | None = None
    reported: tuple[int, int] = (0, 0)  # (units with a value now, responsible units), for the reason's words

    @property
    def comparable(self) -> bool:
        return self.not_comparable is None


@dataclass
class Earlier:
    """An indicator's values in earlier periods: period -> unit id -> value (units with a value)."""

    values: dict[Period, dict[str, Value]] = field(default_factory=dict)

    def at(self, period: Period | None) -> dict[str, Value] | None:
        return self.values.get(period) if period is not None else None


def trends_for(ind: Indicator, period: Period, current: UnitValues, earlier: Earlier, *,
               weights: Mapping[str, float] | None = None) -> list[TrendResult]:
    """The trends of an indicator's outcome in ``period`` (``current``: the units' values) against the earlier
    values the measurement asks for (see the module doc). Empty when there is nothing to compare with."""
    if ind.kind is ValueKind.TEXT or not current:
        return []
    last_year = Period(period.year - 1, period.tertial)
    wanted: list[tuple[Against, Period | None]] = [(Against.LAST_YEAR, last_year)]
    if ind.is_level or ind.kind is ValueKind.YESNO:
        wanted.insert(0, (Against.PREVIOUS_PERIOD, period.previous()))
    out = []
    for against, when in wanted:
        before = earlier.at(when)
        if when is not None and before:
            out.append(_against_period(ind, current, before, against, str(when), weights))
    if not out and ind.baseline is not None and ind.baseline_year is not None:
        out.append(_against_baseline(ind, period, current, weights))
    return out


def _combined(ind: Indicator, values: UnitValues, weights: Mapping[str, float] | None) -> Value:
    try:
        return asm.aggregate(ind, values, weights=weights)
    except ValueError:  # a weight missing: a plan check finding; nothing to compare
        return None


def _against_period(ind: Indicator, current: UnitValues, before: UnitValues, against: Against, label: str,
                    weights: Mapping[str, float] | None) -> TrendResult:
    """Like with like: both periods combined over the units that reported a value in both."""
    order = list(dict.fromkeys([*ind.units, *current, *before]))
    common = tuple(u for u in order if u in current and u in before)
    result = TrendResult(against, label, units=common, reported=(len(current), len(set(ind.units))))
    if not common:
        result.not_comparable = NotComparable.NO_COMMON_UNITS
        return result
    result.subset = set(common) != set(current) or set(common) != set(before)
    result.current = _combined(ind, {u: current[u] for u in common}, weights)
    result.previous = _combined(ind, {u: before[u] for u in common}, weights)
    return _judged(ind, result, result.current, result.previous)


def _against_baseline(ind: Indicator, period: Period, current: UnitValues,
                      weights: Mapping[str, float] | None) -> TrendResult:
    """Against the baseline year: the committee's whole value, so only a complete outcome; a cumulative
    value per month when the period covers less than the year."""
    result = TrendResult(Against.BASELINE, str(ind.baseline_year), previous=ind.baseline,
                         reported=(len(current), len(set(ind.units))))
    if not asm.is_complete(ind, current):
        result.not_comparable = NotComparable.INCOMPLETE
        return result
    result.current = _combined(ind, current, weights)
    now, before = result.current, ind.baseline
    months = asm.months_covered(period)
    if ind.is_cumulative and months != 12:
        now_n, before_n = asm.as_number(now), asm.as_number(before)
        if now_n is not None and before_n is not None:
            now, before = now_n / months, before_n / 12
    return _judged(ind, result, now, before)


def _judged(ind: Indicator, result: TrendResult, now: Value, before: Value) -> TrendResult:
    result.trend = asm.trend(now, before)
    if result.trend is Trend.UNKNOWN:
        result.not_comparable = NotComparable.NO_VALUE
        return result
    result.better = asm.trend_is_better(result.trend, ind.direction)
    return result
