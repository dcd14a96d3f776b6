"""An indicator's values in earlier periods, as those periods' own reports showed them: the year's series (T1, T2
before the consolidated period), the same period last year, and the year-end outcome (T3) of every earlier year
the history holds.

Each earlier period's value is combined from the units' values that counted in that period by the plan version
those returns were collected against (``History.plan_version``; the rule and the responsible units of that year),
as ``toolkit.report.years`` does. A plan version keeps no weights (they are no part of a plan's identity), so a
weighted mean of an earlier period takes the current master's weights. Without a version (a caller that passes
none) the current plan stands in.

Where there is no value, the reason is kept (``Gap``), so that the report shows "–" with it:
  - not due: the indicator was not reported in that period (its periodicity then);
  - not collected: the history holds no counted return for that period;
  - not in the plan: that period's plan had no indicator with this id;
  - no value: returns counted, but no responsible unit gave a value.
A value some responsible unit is missing behind is ``complete`` False: the report shows it with a reservation.

Pure Python on the plan model and the history's records; ``toolkit.report.consolidate`` attaches the values to
each indicator's result.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from toolkit.core.model import Aggregation, Indicator, Plan, Value, ValueKind
from toolkit.core.periods import Period
from toolkit.history.records import ACCEPTED, Collected
from toolkit.report import assessment as asm


class Gap(StrEnum):
    """Why an earlier period shows no value."""

    NOT_DUE = "not_due"
    NOT_COLLECTED = "not_collected"
    NOT_IN_PLAN = "not_in_plan"
    NO_VALUE = "no_value"


@dataclass(frozen=True)
class PastValue:
    """One indicator's combined value in one earlier period, or why there is none."""

    period: Period
    value: Value = None
    kind: ValueKind = ValueKind.COUNT  # as that period's plan had the indicator (how the value is written)
    decimals: int | None = None
    covered: int = 0  # responsible units with a value
    expected: int = 0  # responsible units
    complete: bool = False
    gap: Gap | None = None

    @property
    def shown(self) -> bool:
        return self.gap is None


class Past:
    """What the history holds before a period, ready to give an indicator's value in any of those periods."""

    def __init__(self, plan: Plan, collected: Iterable[Collected], versions: Mapping[Period, Plan] | None = None):
        self.plan = plan
        self.collected = {c.period: c for c in collected if _counted(c)}
        self.versions = dict(versions or {})
        self._plans: dict[Period, Plan] = {}

    def years(self, before: int) -> list[int]:
        """The years before ``before`` that the history holds any counted period of, oldest first."""
        return sorted({p.year for p in self.collected if p.year < before})

    def value(self, indicator: Indicator, period: Period) -> PastValue:
        """``indicator``'s (by its id) combined value in ``period`` as that period's report showed it."""
        collected = self.collected.get(period)
        if collected is None:
            return PastValue(period, kind=indicator.kind, decimals=indicator.decimals, gap=Gap.NOT_COLLECTED)
        plan = self._plan(period)
        ind = plan.indicator(indicator.id)
        if ind is None:
            return PastValue(period, kind=indicator.kind, decimals=indicator.decimals, gap=Gap.NOT_IN_PLAN)
        base = PastValue(period, kind=ind.kind, decimals=ind.decimals, expected=len(set(ind.units)))
        if not ind.is_due(period):
            return dataclasses.replace(base, gap=Gap.NOT_DUE)
        responsible = set(ind.units)
        values: dict[str, Value] = {}
        for v in collected.values:
            if v.indicator_id == ind.id and v.unit_id in responsible and v.period == period:
                value = v.value(ind.kind)
                if value is not None and not (isinstance(value, str) and not value.strip()):
                    values[v.unit_id] = value
        weights = plan.weights_of(ind.id) if ind.aggregation is Aggregation.WEIGHTED_MEAN else {}
        try:
            combined = asm.aggregate(ind, values, weights=weights or None)
        except ValueError:  # a weight missing for a reporting unit: no value, as that period's report had none
            combined = None
        if combined is None:
            return dataclasses.replace(base, gap=Gap.NO_VALUE, covered=len(values))
        return dataclasses.replace(base, value=combined, covered=len(values),
                                   complete=asm.is_complete(ind, values))

    def _plan(self, period: Period) -> Plan:
        plan = self._plans.get(period)
        if plan is None:
            version = self.versions.get(period)
            if version is None:
                plan = self.plan
            else:  # a version keeps no weights: the current master's stand in
                plan = version if version.weights else dataclasses.replace(version, weights=self.plan.weights)
            self._plans[period] = plan
        return plan


def _counted(c: Collected) -> bool:
    """Whether a period holds a counted return (any unit's accepted file)."""
    return any(s.state == ACCEPTED for s in c.submissions) or bool(c.values or c.budget or c.assignments)
