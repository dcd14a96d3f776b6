"""The history across years, combined by the report's own rules: what a rollover takes from the history, and the
consolidated values per indicator and period for controllers' own analysis.

Every period is consolidated (``toolkit.report.consolidate.consolidate``) with the plan version its counting
returns were collected against (``History.plan_version``), so a value here is the value that period's report
showed: the units' values combined by the indicator's aggregation rule as the plan then had it.

    from toolkit.report.years import consolidated_values
    df = consolidated_values("nplan.sqlite")            # every collected period, every year
    df[df.indicator_id == "1.1.2"].pivot(index="year", columns="tertial", values="value")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from toolkit.core.errors import InputError
from toolkit.core.model import Indicator, Plan, Value, ValueKind
from toolkit.core.periods import Period
from toolkit.core.values import format_value
from toolkit.history.backend import Target, as_target, describe, exists
from toolkit.history.frames import frame
from toolkit.history.store import History
from toolkit.plan.rollover import AssignmentReport, UnitForecast, YearEnd, YearOutcome
from toolkit.report.consolidate import Consolidation, consolidate
from toolkit.texts import consolidate as tx

__all__ = ["PeriodValue", "consolidated_period", "consolidated_values", "series", "year_end"]


@dataclass(frozen=True)
class PeriodValue:
    """One indicator's consolidated value in one period, and the units behind it."""

    period: Period
    indicator: Indicator  # as the plan version of that period had it
    value: Value
    reported: tuple[str, ...]  # the responsible units whose value is behind it
    plan_identity: str

    @property
    def complete(self) -> bool:
        return bool(self.indicator.units) and set(self.indicator.units) <= set(self.reported)


def consolidated_period(history: History, period: Period, plan: Plan | None = None) -> Consolidation | None:
    """``period`` consolidated with ``plan``, by default the plan version it was collected against; None when the
    history has no counting return for it."""
    plan = plan if plan is not None else history.plan_version(period)
    if plan is None:
        return None
    return consolidate(plan, period, history.collected(period))


def series(history: History, *, years: Iterable[int] | None = None) -> list[PeriodValue]:
    """The consolidated value of every indicator due in every collected period (of ``years``), oldest first."""
    wanted = set(years) if years is not None else None
    out: list[PeriodValue] = []
    for period in history.counted_periods():
        if wanted is not None and period.year not in wanted:
            continue
        result = consolidated_period(history, period)
        if result is None:
            continue
        for r in result.indicators:
            if r.due:
                reported = tuple(u.unit_id for u in r.units if u.reported and u.value is not None)
                out.append(PeriodValue(period, r.indicator, r.value, reported, result.plan_identity))
    return out


def consolidated_values(target: Target, *, years: Iterable[int] | None = None,
                        allow_network: bool = False) -> pd.DataFrame:
    """The consolidated values per indicator and period across years, long format, oldest period first.

    Columns: year, period ("2026-T2"), tertial, indicator_id, indicator (name), sub_goal, kind, unit_of_measure,
    aggregation, value (float; yes = 1.0, no = 0.0, shares as fractions; NaN for texts and when no unit reported),
    value_text (as a Swede writes it), target (float, as the plan of that period had it), units_expected,
    units_reported (counts), complete (every responsible unit's value is behind it), plan_identity. Raises
    InputError when the database does not exist.
    """
    database = as_target(target)
    if not exists(database):
        raise InputError(tx.DB_NOT_FOUND.format(path=describe(database)))
    with History.open(database, allow_network=allow_network) as history:
        found = series(history, years=years)
    rows = [(v.period.year, str(v.period), v.period.tertial, v.indicator.id, v.indicator.name, v.indicator.sub_goal,
             v.indicator.kind.value, v.indicator.unit_of_measure, v.indicator.aggregation.value,
             _number(v.value), format_value(v.value, v.indicator.kind), _number(v.indicator.target),
             len(v.indicator.units), len(v.reported), v.complete, v.plan_identity) for v in found]
    return frame(rows, ["year", "period", "tertial", "indicator_id", "indicator", "sub_goal", "kind",
                        "unit_of_measure", "aggregation", "value", "value_text", "target", "units_expected",
                        "units_reported", "complete", "plan_identity"],
                 floats=["value", "target"], ints=["year", "tertial", "units_expected", "units_reported"])


def _number(value: Value) -> float | None:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    return None


def year_end(history: History, plan: Plan) -> YearEnd:
    """What a rollover of ``plan`` takes from the history: the latest complete year's consolidated outcomes (its T3,
    a year not after the plan's), and each unit's latest assignment reports and forecast of the plan's year."""
    out = YearEnd(database=describe(history.path))
    counted = history.counted_periods()
    complete = [p.year for p in counted if p.tertial == 3 and p.year <= plan.year]
    if complete:
        out.complete_year = max(complete)
        result = consolidated_period(history, Period(out.complete_year, 3))
        if result is not None:
            for r in result.indicators:
                if r.due and r.value is not None and r.indicator.kind is not ValueKind.TEXT:
                    reported = tuple(u.unit_id for u in r.units if u.reported and u.value is not None)
                    out.outcomes[r.indicator.id] = YearOutcome(r.value, out.complete_year, reported,
                                                               tuple(r.indicator.units))
    in_year = [p for p in counted if p.year == plan.year]
    out.last_period = max(in_year) if in_year else None
    latest: dict[tuple[str, str], AssignmentReport] = {}
    for a in history.reported_assignments(year=plan.year):  # oldest period first: later ones overwrite
        latest[(a.assignment_id, a.unit_id)] = AssignmentReport(a.unit_id, a.status, a.period)
    for (assignment_id, _unit), report in latest.items():
        out.assignments.setdefault(assignment_id, []).append(report)
    for b in history.reported_budget(year=plan.year):
        if b.forecast_tkr is not None:
            out.forecasts[b.unit_id] = UnitForecast(b.unit_id, b.forecast_tkr, b.period)
    return out
