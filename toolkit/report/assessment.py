"""Assessment rules: combine units' values, suggest a status, a trend and a verdict.

Pure Python on the plan model; no workbook code. The rules, as the report's notes state them:

Combining units' values (``aggregate``), by the indicator's aggregation:
  - sum: the sum of the reported values.
  - mean: the plain mean of the reported values.
  - weighted_mean: the mean weighted by the plan's weights (``Plan.weights_of``, the master's sheet Vikter);
    every reporting unit needs a weight (a plan check finding otherwise; without weights given at all the
    units weigh equally, which only callers that pass none get).
  - all_yes: "Ja" when every reporting unit says Ja, "Nej" when any says Nej.
  - single: the value of the first responsible unit (plan order) that reported one.
  Only units that reported a value take part; ``None`` when none did. Yes/no indicators always
  combine as all_yes (a sum of "Ja" is meaningless), text indicators as the texts joined with "; ".

Suggested status (``suggest``), with t = the indicator's own threshold or Settings.partly_threshold:
  - not due in the period, no outcome, no target, or a text indicator: Ingen bedömning (grey, never red).
  - higher is better: outcome >= target -> Uppfyllt; outcome >= t * target -> Delvis; else Ej uppfyllt.
  - lower is better, mirrored: outcome <= target -> Uppfyllt; outcome <= (2 - t) * target (at most
    1 - t above the target, 20 % with t = 80 %) -> Delvis; else Ej uppfyllt.
  - yes/no: Uppfyllt when the outcome equals the target, else Ej uppfyllt.
  - By the indicator's measurement (``Indicator.measurement``): a cumulative value (counts and amounts that
    accumulate from January; T2 covers jan-aug) is compared before December with the target pro rata: in T1
    with 4/12, in T2 with 8/12, in T3 with the whole target ("på väg mot målet"). A level (the state at the
    period's end: a waiting time, a queue, a share, an index) and yes/no are compared with the whole target
    in every period.
  - In T1 and T2 the status is a forecast for the year ("Bedöms uppfyllas"); ``label`` words it.

Coverage (``with_coverage``): when a responsible unit has no value, the combined value rests on the others
and the suggestion is never Uppfyllt (green): it becomes Ingen bedömning with a reservation, unless the
missing units cannot change it - a sum of counts where higher is better that already meets the target (the
missing can only add). Delvis and Ej uppfyllt stay, with the incomplete basis stated beside them; an all-yes
with a Nej is Ej uppfyllt whoever else answers.

Trend (``trend``): whether the value rose, fell or stayed (within 1 %) against an earlier comparable
value; ``trend_is_better`` says whether that is good given the direction. Which earlier values, over which
units, is ``toolkit.report.trends``.

Suggested verdict of a sub-goal or goal (``suggest_verdict``) from its indicators' statuses, leaving
out Ingen bedömning: none assessed -> Ingen bedömning; all Uppfyllt -> Uppfyllt; more than half Ej
uppfyllt -> Ej uppfyllt; otherwise Delvis uppfyllt. A goal's suggestion is computed from all
indicators under its sub-goals (not from the sub-goals' suggestions, which would round twice).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from enum import StrEnum

from toolkit.core.model import Aggregation, Assessment, Direction, Indicator, Settings, Value, ValueKind
from toolkit.core.periods import Period
from toolkit.texts import common as tc

# Relative change below which a value counts as unchanged.
TREND_TOLERANCE = 0.01



class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    UNCHANGED = "unchanged"
    UNKNOWN = "unknown"


def as_number(value: Value) -> float | None:
    """A finite float, or None (bools and texts are not numbers here)."""
    if value is None or isinstance(value, (bool, str)):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _present(value: Value) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return not (isinstance(value, str) and not value.strip())


def aggregate(indicator: Indicator, values_by_unit: Mapping[str, Value], *,
              weights: Mapping[str, float] | None = None) -> Value:
    """The units' values of one indicator combined by its aggregation rule (see the module doc).

    Units are taken in the indicator's order of responsible units first, then any others in the
    mapping's order, so the result does not depend on how the caller built the mapping.
    Raises ValueError when ``weights`` is given but lacks a reporting unit or sums to zero.
    """
    order = [u for u in indicator.units if u in values_by_unit]
    order += [u for u in values_by_unit if u not in indicator.units]
    reported = [(u, values_by_unit[u]) for u in order if _present(values_by_unit[u])]
    if not reported:
        return None
    if indicator.kind is ValueKind.TEXT:
        return "; ".join(str(v).strip() for _, v in reported)
    agg = indicator.aggregation
    if indicator.kind is ValueKind.YESNO and agg is not Aggregation.SINGLE:
        agg = Aggregation.ALL_YES
    if agg is Aggregation.SINGLE:
        return reported[0][1]
    if agg is Aggregation.ALL_YES:
        flags = [_yes(v) for _, v in reported]
        known = [f for f in flags if f is not None]
        if not known:
            return None
        return all(known)
    numbers = [(u, n) for u, v in reported if (n := as_number(v)) is not None]
    if not numbers:
        return None
    if agg is Aggregation.SUM:
        return math.fsum(n for _, n in numbers)
    if agg is Aggregation.WEIGHTED_MEAN and weights is not None:
        missing = [u for u, _ in numbers if u not in weights]
        if missing:
            raise ValueError(f"no weight for unit(s) {', '.join(missing)}")
        total = math.fsum(weights[u] for u, _ in numbers)
        if total == 0:
            raise ValueError("the weights of the reporting units sum to zero")
        return math.fsum(weights[u] * n for u, n in numbers) / total
    return math.fsum(n for _, n in numbers) / len(numbers)


def _yes(value: Value) -> bool | None:
    if isinstance(value, bool):
        return value
    n = as_number(value)
    if n is not None:
        return n != 0
    if isinstance(value, str):
        s = value.strip().casefold()
        if s in tc.YES_WORDS:
            return True
        if s in tc.NO_WORDS:
            return False
    return None


def months_covered(period: Period) -> int:
    """The months from January a period covers: T1 4, T2 8, T3 12."""
    return period.tertial * 4


def is_pro_rata(indicator: Indicator, period: Period) -> bool:
    """A cumulative indicator before December is compared with the target for the months covered."""
    return indicator.is_cumulative and months_covered(period) < 12


def comparison_target(indicator: Indicator, period: Period) -> Value:
    """The value the outcome of ``period`` is compared with: the target, pro rata for a cumulative value."""
    target = indicator.target
    n = as_number(target)
    if n is None or not is_pro_rata(indicator, period):
        return target
    return n * months_covered(period) / 12


def is_complete(indicator: Indicator, covered: Iterable[str]) -> bool:
    """Whether the units with a value cover the indicator: every responsible unit (one, for a single unit's
    value)."""
    have = set(covered)
    if indicator.aggregation is Aggregation.SINGLE:
        return bool(have)
    return all(u in have for u in indicator.units)


def with_coverage(indicator: Indicator, status: Assessment, complete: bool) -> tuple[Assessment, bool]:
    """(the status to show, whether a green was withheld) under the coverage rule of the module doc."""
    if complete or status is not Assessment.MET:
        return status, False
    certain = (indicator.aggregation is Aggregation.SUM and indicator.direction is Direction.HIGHER
               and indicator.kind is ValueKind.COUNT)
    return (status, False) if certain else (Assessment.NONE, True)


def threshold(indicator: Indicator, settings: Settings) -> float:
    return indicator.partly_threshold if indicator.partly_threshold is not None else settings.partly_threshold


def suggest(indicator: Indicator, outcome: Value, *, period: Period, settings: Settings) -> Assessment:
    """The suggested status of an indicator's (combined) outcome in a period (see the module doc)."""
    if not indicator.is_due(period) or not _present(outcome) or not _present(indicator.target):
        return Assessment.NONE
    if indicator.kind is ValueKind.TEXT:
        return Assessment.NONE
    if indicator.kind is ValueKind.YESNO:
        got, want = _yes(outcome), _yes(indicator.target)
        if got is None or want is None:
            return Assessment.NONE
        return Assessment.MET if got == want else Assessment.NOT_MET
    value = as_number(outcome)
    target = as_number(comparison_target(indicator, period))
    if value is None or target is None:
        return Assessment.NONE
    t = threshold(indicator, settings)
    if indicator.direction is Direction.LOWER:
        if value <= target:
            return Assessment.MET
        if value <= (2 - t) * target:
            return Assessment.PARTLY
        return Assessment.NOT_MET
    if value >= target:
        return Assessment.MET
    if value >= t * target:
        return Assessment.PARTLY
    return Assessment.NOT_MET


def is_forecast(period: Period) -> bool:
    """Before the year is complete (T1, T2) an assessment is a forecast for the year."""
    return period.tertial < 3


def label(assessment: Assessment, period: Period) -> str:
    """The Swedish word for a status in a period: a forecast in T1 and T2."""
    return (tc.ASSESSMENT_FORECAST if is_forecast(period) else tc.ASSESSMENT)[assessment]


def trend(current: Value, previous: Value) -> Trend:
    """Up, down or unchanged (within 1 % of the earlier value); unknown when either is missing.

    Yes/no values: Nej -> Ja is up, Ja -> Nej is down.
    """
    if isinstance(current, bool) or isinstance(previous, bool):
        a, b = _yes(current), _yes(previous)
        if a is None or b is None:
            return Trend.UNKNOWN
        return Trend.UNCHANGED if a == b else (Trend.UP if a else Trend.DOWN)
    a_n, b_n = as_number(current), as_number(previous)
    if a_n is None or b_n is None:
        return Trend.UNKNOWN
    if abs(a_n - b_n) <= TREND_TOLERANCE * abs(b_n) or a_n == b_n:
        return Trend.UNCHANGED
    return Trend.UP if a_n > b_n else Trend.DOWN


def trend_is_better(t: Trend, direction: Direction) -> bool | None:
    """True when the change is an improvement given the direction, None when unchanged/unknown."""
    if t in (Trend.UNCHANGED, Trend.UNKNOWN):
        return None
    return (t is Trend.UP) == (direction is Direction.HIGHER)


def count_statuses(statuses: Iterable[Assessment]) -> dict[Assessment, int]:
    """How many of each status, every status present (in scale order)."""
    counts = {a: 0 for a in Assessment}
    for s in statuses:
        counts[s] += 1
    return counts


def suggest_verdict(statuses: Iterable[Assessment]) -> Assessment:
    """A sub-goal's or goal's suggested verdict from its indicators' statuses (see the module doc)."""
    assessed = [s for s in statuses if s is not Assessment.NONE]
    if not assessed:
        return Assessment.NONE
    if all(s is Assessment.MET for s in assessed):
        return Assessment.MET
    if sum(s is Assessment.NOT_MET for s in assessed) * 2 > len(assessed):
        return Assessment.NOT_MET
    return Assessment.PARTLY
