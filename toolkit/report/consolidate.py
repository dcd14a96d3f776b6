"""Consolidate one period: the units' returns combined into what the committee's report shows.

Input: the plan and what the history holds for the period (``toolkit.history.records.Collected``: the counting
submissions' reports, typed, and every submission). Output: plain dataclasses (``Consolidation``) that the
report workbook and the committee's document write. No workbook code in here.

What is computed (rules in ``toolkit.report.assessment`` and ``toolkit.report.trends``):
  - per indicator, in plan order: the responsible units' values combined by the aggregation rule (weighted
    means with the plan's weights), which units the value covers, the value it is compared with (the
    target, pro rata for a cumulative value before December), the suggested status under the coverage
    rule, and the trends against earlier values over the same units;
  - per sub-goal and goal: counts per status and a suggested verdict, beside the controller's verdict
    from the master (``plan.verdicts``) for the period;
  - assignments per unit: the status the unit reported, or when it sent nothing this period its last
    reported status with that period (from ``earlier``), marked as not updated; overdue when the end date is
    on or before the period's last day and that status is neither Genomförd nor Avförd (no status at all:
    overdue too, as nothing says it is done);
  - economy per unit and in total: frame (from the master; the return's when the master has none),
    outcome to date, forecast, deviation = frame - forecast; at the year end (T3) the outcome is the year's
    ("Utfall helår") and the deviation frame - outcome (``EconomyRow.judged_tkr``);
  - submission status per unit (``toolkit.history.status``): accepted, rejected (no valid file) or missing.

Which submission counts was decided by the history when each file was stored (one counting rule); only the
counting submissions' reports reach this module.

Earlier periods (``earlier``: what the history holds for periods before this one) give the trends, the
assignments' last reported statuses and each indicator's earlier values as their own reports showed them
(``toolkit.report.series``, with ``versions``, the plan each earlier period was collected against): the year's
series before this period, the same period last year, and the year-end outcome of every earlier year.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from toolkit.core import findings as fnd
from toolkit.core.errors import InputError
from toolkit.core.findings import Finding
from toolkit.core.model import (
    NUMBER_KINDS,
    Aggregation,
    Assessment,
    Assignment,
    AssignmentStatus,
    Indicator,
    Plan,
    Value,
    Verdict,
)
from toolkit.core.periods import Period
from toolkit.core.returndata import ACCEPTED, MISSING, REJECTED, SUPERSEDED, deviation_tkr
from toolkit.history.backend import as_target, exists
from toolkit.history.records import Collected, ReportedAssignment, ReportedValue, Submission
from toolkit.history.status import UnitStatus, unit_statuses
from toolkit.history.store import History
from toolkit.report import assessment as asm
from toolkit.report.assessment import Trend
from toolkit.report.series import Past, PastValue
from toolkit.report.trends import Earlier, TrendResult, trends_for
from toolkit.texts import consolidate as tx

__all__ = ["ACCEPTED", "MISSING", "REJECTED", "SUPERSEDED", "AssignmentResult", "AssignmentUnit", "Consolidation",
           "EconomyRow", "EconomyTotals", "IndicatorResult", "SubmissionRow", "UnitStatus", "UnitValue",
           "VerdictResult", "consolidate", "consolidate_from_db", "expected_units", "is_overdue", "period_end"]

PERIOD_END = {1: (4, 30), 2: (8, 31), 3: (12, 31)}


# --------------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------------

@dataclass
class UnitValue:
    """One responsible unit's report on one indicator (``reported`` False when it sent none)."""

    unit_id: str
    unit_name: str
    reported: bool = False
    value: Value = None
    value_text: str = ""
    raw_value: str = ""
    assessment: Assessment | None = None  # the unit's own
    analysis: str = ""
    measures: str = ""
    submission_id: str = ""  # as shown in the report's data table
    received_at: dt.datetime | None = None


@dataclass
class IndicatorResult:
    indicator: Indicator
    goal: int | None
    due: bool
    value: Value  # the units' values combined (over ``covered``)
    compared_with: Value  # the target, pro rata for a cumulative value before December
    status: Assessment  # suggested, under the coverage rule
    previous: Value = None  # the earlier value of the first trend
    previous_label: str = ""  # "2024" (baseline year) or "2026-T1"
    trend: Trend = Trend.UNKNOWN  # the first trend's
    trend_better: bool | None = None
    units: list[UnitValue] = field(default_factory=list)
    trends: list[TrendResult] = field(default_factory=list)  # every comparison, in the order shown
    covered: tuple[str, ...] = ()  # the units whose value the combined value rests on
    complete: bool = True  # every responsible unit has a value (for a single unit's value: one has)
    withheld: bool = False  # the values met the target but the basis is incomplete: not shown green
    weights: dict[str, float] = field(default_factory=dict)  # of a weighted mean, by unit
    weights_missing: tuple[str, ...] = ()  # reporting units without a weight: no weighted mean
    weight_notes: tuple[str, ...] = ()  # what the weights are (the master's comments on them)
    # Earlier values as their own reports showed them (toolkit.report.series): the year's periods before this one
    # (T1, T2 at T3), the same period last year, and the year-end outcome (T3) of every earlier year by year.
    series: list[PastValue] = field(default_factory=list)
    last_year: PastValue | None = None
    years: dict[int, PastValue] = field(default_factory=dict)

    @property
    def reported_units(self) -> list[UnitValue]:
        return [u for u in self.units if u.reported]

    @property
    def missing_units(self) -> list[UnitValue]:
        """Responsible units without a value (no return, or no outcome in it)."""
        return [u for u in self.units if u.unit_id not in self.covered]


@dataclass
class VerdictResult:
    """A goal's or sub-goal's counts per status, the suggested verdict and the controller's verdict."""

    level: str  # "goal" | "sub_goal"
    ref: str  # goal number or sub-goal id
    title: str
    text: str  # the committee's formulation (goal) or the sub-goal text
    counts: dict[Assessment, int]
    suggested: Assessment
    verdict: Verdict | None = None  # the controller's, from the master

    @property
    def n_indicators(self) -> int:
        return sum(self.counts.values())


@dataclass
class AssignmentUnit:
    unit_id: str
    unit_name: str
    reported: bool
    status: AssignmentStatus | None  # reported this period
    comment: str
    overdue: bool
    # Not reported this period: the unit's last reported status and its period (not updated since).
    last_status: AssignmentStatus | None = None
    last_period: Period | None = None
    last_comment: str = ""


@dataclass
class AssignmentResult:
    assignment: Assignment
    due: bool
    units: list[AssignmentUnit]

    @property
    def overdue(self) -> bool:
        return any(u.overdue for u in self.units)

    def status_counts(self) -> dict[AssignmentStatus | None, int]:
        counts: dict[AssignmentStatus | None, int] = {}
        for u in self.units:
            counts[u.status] = counts.get(u.status, 0) + 1
        return counts


@dataclass
class EconomyRow:
    unit_id: str
    unit_name: str
    reported: bool
    frame_tkr: float | None
    outcome_tkr: float | None
    forecast_tkr: float | None
    comment: str = ""
    events: str = ""
    year_end: bool = False  # T3: the outcome is the year's, and the deviation is judged against it

    @property
    def judged_tkr(self) -> float | None:
        """What the frame is held against: the forecast for the year in T1 and T2, the year's outcome in T3."""
        return self.outcome_tkr if self.year_end else self.forecast_tkr

    @property
    def deviation_tkr(self) -> float | None:
        """Avvikelse = ram - prognos (T3: ram - utfall helår); None without that figure (or a frame)."""
        return deviation_tkr(self.frame_tkr, self.judged_tkr)


@dataclass
class EconomyTotals:
    frame_tkr: float
    outcome_tkr: float
    forecast_tkr: float
    deviation_tkr: float  # over the units that gave a forecast (T3: an outcome)
    committee_frame_tkr: float | None


@dataclass
class SubmissionRow:
    submission_id: str  # as shown in the report
    unit_id: str
    unit_name: str
    file_name: str
    received_at: dt.datetime | None
    state: str
    errors: int
    warnings: int
    sha256: str = ""
    chosen: bool = False  # counts by the controller's choice in a conflict
    sender: str = ""  # the mail it came in


@dataclass
class Consolidation:
    committee: str
    year: int
    period: Period
    plan_identity: str
    indicators: list[IndicatorResult]
    sub_goals: list[VerdictResult]
    goals: list[VerdictResult]
    assignments: list[AssignmentResult]
    economy: list[EconomyRow]
    submissions: list[SubmissionRow]
    unit_status: list[UnitStatus]
    budget_is_example: bool = False
    committee_frame_tkr: float | None = None
    findings: list[Finding] = field(default_factory=list)
    deadline: dt.date | None = None  # the period's last day for returns, when known
    history_years: list[int] = field(default_factory=list)  # earlier years the history holds a period of

    @property
    def year_end(self) -> bool:
        """T3: the Årsrapport (final outcomes and judgements, the economy as the year's outcome)."""
        return not asm.is_forecast(self.period)

    @property
    def missing_units(self) -> list[UnitStatus]:
        return [u for u in self.unit_status if u.state == MISSING]

    @property
    def rejected_units(self) -> list[UnitStatus]:
        return [u for u in self.unit_status if u.state == REJECTED]

    @property
    def accepted_units(self) -> list[UnitStatus]:
        return [u for u in self.unit_status if u.state == ACCEPTED]

    def indicator(self, indicator_id: str) -> IndicatorResult:
        return next(r for r in self.indicators if r.indicator.id == indicator_id)

    def goal(self, number: int) -> VerdictResult:
        return next(g for g in self.goals if g.ref == str(number))

    def sub_goal(self, sub_goal_id: str) -> VerdictResult:
        return next(s for s in self.sub_goals if s.ref == sub_goal_id)

    def economy_totals(self) -> EconomyTotals:
        rows = self.economy
        return EconomyTotals(
            frame_tkr=math.fsum(r.frame_tkr or 0.0 for r in rows),
            outcome_tkr=math.fsum(r.outcome_tkr or 0.0 for r in rows),
            forecast_tkr=math.fsum(r.forecast_tkr or 0.0 for r in rows),
            deviation_tkr=math.fsum(r.deviation_tkr or 0.0 for r in rows if r.deviation_tkr is not None),
            committee_frame_tkr=self.committee_frame_tkr,
        )

    def long_rows(self) -> list[dict[str, Any]]:
        """The long data table: one row per responsible unit and indicator of the period."""
        out = []
        for r in self.indicators:
            for u in r.units:
                out.append({
                    "year": self.year, "period": str(self.period), "goal": r.goal,
                    "sub_goal": r.indicator.sub_goal, "indicator_id": r.indicator.id,
                    "indicator": r.indicator.name, "unit_id": u.unit_id, "unit_name": u.unit_name,
                    "due": r.due, "reported": u.reported, "value": u.value, "value_text": u.value_text,
                    "raw_value": u.raw_value, "assessment": u.assessment, "analysis": u.analysis,
                    "measures": u.measures, "indicator_status": r.status,
                    "submission_id": u.submission_id, "received_at": u.received_at,
                })
        return out


# --------------------------------------------------------------------------------------------
# Consolidating
# --------------------------------------------------------------------------------------------

def period_end(period: Period) -> dt.date:
    month, day = PERIOD_END[period.tertial]
    return dt.date(period.year, month, day)


def is_overdue(assignment: Assignment, status: AssignmentStatus | None, period: Period) -> bool:
    """End date on or before the period's last day, and not Genomförd (nor Avförd)."""
    if assignment.end_date is None:
        return False
    if status in (AssignmentStatus.DONE, AssignmentStatus.CANCELLED):
        return False
    return assignment.end_date <= period_end(period)


def expected_units(plan: Plan, period: Period) -> list[str]:
    """Units that owe a return for the period: a due indicator or assignment, or a budget frame."""
    return plan.units_due(period)


def _verdict_for(plan: Plan, period: Period, level: str, ref: str) -> Verdict | None:
    found = None
    for v in plan.verdicts:
        if v.level == level and v.ref == ref and v.period == period:
            found = v  # the last row wins
    return found


def consolidate(plan: Plan, period: Period, collected: Collected, *, previous: Collected | None = None,
                earlier: Sequence[Collected] = (), deadline: dt.date | None = None,
                versions: Mapping[Period, Plan] | None = None) -> Consolidation:
    """Combine one period's collected returns (``collected``, as the history gives them) for the report.

    ``earlier``: what the history holds for earlier periods (any order; periods not before ``period`` are
    ignored), for the trends (the same period last year, the previous period) and the assignments' last
    reported statuses; ``previous`` is one more such period. Without them the trend is against the baseline.
    ``deadline``: the period's last day for returns (default: the master's, for its current period), to show each
    return's time against. ``versions``: the plan each earlier period was collected against (by period), for the
    earlier values (``toolkit.report.series``; without one the current plan stands in).
    """
    per = period
    deadline = deadline if deadline is not None else plan.deadline_for(per)
    names = {u.id: u.name for u in plan.units}
    found: list[Finding] = []

    values = [v for v in collected.values if v.period == per]
    by_item: dict[tuple[str, str], ReportedValue] = {}
    for v in values:
        by_item[(v.unit_id, v.indicator_id)] = v
        if v.unit_name and v.unit_id not in names:
            names[v.unit_id] = v.unit_name
    _unknown(found, plan, {i for _, i in by_item}, {u for u, _ in by_item})

    before = [c for c in [*earlier, *([previous] if previous is not None else [])] if c.period < per]
    earlier_values = _earlier_values(plan, before)

    indicators = [_indicator_result(plan, per, i, by_item, names, earlier_values.get(i.id, Earlier()))
                  for i in plan.indicators]
    found.extend(fnd.make("weights-missing", item_id=r.indicator.id, found=", ".join(r.weights_missing))
                 for r in indicators if r.weights_missing)
    past = Past(plan, before, versions)
    history_years = past.years(per.year)
    for r in indicators:
        r.series = [past.value(r.indicator, Period(per.year, t)) for t in range(1, per.tertial)]
        r.last_year = past.value(r.indicator, Period(per.year - 1, per.tertial))
        r.years = {y: past.value(r.indicator, Period(y, 3)) for y in history_years}
    sub_goals, goals = _verdicts(plan, per, indicators)
    assignment_results = _assignments(plan, per, collected, names, before)
    economy = _economy(plan, per, collected, names)
    submissions = [s for s in collected.submissions if s.period == per]
    submission_rows = _submission_rows(plan, submissions, names)
    unit_status = unit_statuses(submissions, plan, units=expected_units(plan, per),
                                unknown_name=lambda uid: names.get(uid, uid), unattributed=False,
                                deadline=deadline)

    return Consolidation(
        committee=plan.settings.committee, year=plan.year, period=per, plan_identity=plan.identity(),
        indicators=indicators, sub_goals=sub_goals, goals=goals, assignments=assignment_results,
        economy=economy, submissions=submission_rows, unit_status=unit_status,
        budget_is_example=plan.budget.is_example, committee_frame_tkr=plan.budget.total_frame_tkr,
        findings=found, deadline=deadline, history_years=history_years,
    )


def _unknown(found: list[Finding], plan: Plan, indicator_ids: set[str], unit_ids: set[str]) -> None:
    known_i = {i.id for i in plan.indicators}
    known_u = {u.id for u in plan.units}
    for i in sorted(indicator_ids - known_i):
        found.append(fnd.make("history-unknown-indicator", item_id=i, found=i))
    for u in sorted(unit_ids - known_u):
        found.append(fnd.make("history-unknown-unit", item_id=u, found=u))


def _indicator_result(plan: Plan, per: Period, ind: Indicator, by_item: dict[tuple[str, str], ReportedValue],
                      names: dict[str, str], earlier: Earlier) -> IndicatorResult:
    units = []
    for uid in dict.fromkeys(ind.units):
        row = by_item.get((uid, ind.id))
        if row is None:
            units.append(UnitValue(uid, names.get(uid, uid)))
            continue
        units.append(UnitValue(
            unit_id=uid, unit_name=names.get(uid, uid), reported=True, value=row.value(ind.kind),
            value_text=row.text or "", raw_value=row.raw_value, assessment=row.assessment, analysis=row.analysis,
            measures=row.measures, submission_id=str(row.submission_id), received_at=row.received_at,
        ))
    due = ind.is_due(per)
    values = {u.unit_id: u.value for u in units if u.reported and _has_value(u.value)} if due else {}
    weights = plan.weights_of(ind.id) if ind.aggregation is Aggregation.WEIGHTED_MEAN else {}
    lacking = tuple(u for u in values if ind.aggregation is Aggregation.WEIGHTED_MEAN
                    and ind.kind in NUMBER_KINDS and u not in weights)
    value = None if lacking else asm.aggregate(ind, values, weights=weights or None)
    complete = asm.is_complete(ind, values)
    status, withheld = asm.with_coverage(ind, asm.suggest(ind, value, period=per, settings=plan.settings),
                                         complete)
    sg = plan.sub_goal(ind.sub_goal)
    result = IndicatorResult(indicator=ind, goal=sg.goal if sg else None, due=due, value=value,
                             compared_with=asm.comparison_target(ind, per) if due else None,
                             status=status, units=units, covered=tuple(values), complete=complete,
                             withheld=withheld, weights=dict(weights), weights_missing=lacking,
                             weight_notes=tuple(dict.fromkeys(w.note for w in plan.weights
                                                              if w.indicator == ind.id and w.note)))
    if due and value is not None:
        result.trends = trends_for(ind, per, values, earlier, weights=weights or None)
        first = next((t for t in result.trends if t.comparable), None)
        if first is not None:
            result.previous, result.previous_label = first.previous, first.label
            result.trend, result.trend_better = first.trend, first.better
    return result


def _has_value(value: Value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _earlier_values(plan: Plan, before: Sequence[Collected]) -> dict[str, Earlier]:
    """indicator id -> its units' values in each earlier period (units with a value only)."""
    out: dict[str, Earlier] = {}
    for c in before:
        for v in c.values:
            ind = plan.indicator(v.indicator_id)
            if ind is None or v.period != c.period:
                continue
            value = v.value(ind.kind)
            if _has_value(value):
                out.setdefault(ind.id, Earlier()).values.setdefault(v.period, {})[v.unit_id] = value
    return out


def _verdicts(plan: Plan, per: Period, results: list[IndicatorResult]
              ) -> tuple[list[VerdictResult], list[VerdictResult]]:
    by_sub: dict[str, list[Assessment]] = {}
    for r in results:
        by_sub.setdefault(r.indicator.sub_goal, []).append(r.status)
    sub_goals = []
    for sg in plan.sub_goals:
        statuses = by_sub.get(sg.id, [])
        sub_goals.append(VerdictResult("sub_goal", sg.id, sg.id, sg.text, asm.count_statuses(statuses),
                                       asm.suggest_verdict(statuses),
                                       _verdict_for(plan, per, "sub_goal", sg.id)))
    goals = []
    for g in plan.goals:
        statuses = [s for sg in plan.sub_goals_of(g.number) for s in by_sub.get(sg.id, [])]
        goals.append(VerdictResult("goal", str(g.number), g.title, g.formulation,
                                   asm.count_statuses(statuses), asm.suggest_verdict(statuses),
                                   _verdict_for(plan, per, "goal", str(g.number))))
    return sub_goals, goals


def _assignments(plan: Plan, per: Period, collected: Collected, names: dict[str, str],
                 before: Sequence[Collected]) -> list[AssignmentResult]:
    by_item = {(r.unit_id, r.assignment_id): r for r in collected.assignments if r.period == per}
    # The latest earlier report of each unit and assignment (a later period overwrites an earlier one).
    last: dict[tuple[str, str], ReportedAssignment] = {}
    for c in sorted(before, key=lambda c: c.period):
        for reported in c.assignments:
            if reported.period == c.period and reported.status is not None:
                last[(reported.unit_id, reported.assignment_id)] = reported
    out = []
    for a in plan.assignments:
        units = []
        for uid in a.units:
            r = by_item.get((uid, a.id))
            status = r.status if r else None
            unit = AssignmentUnit(uid, names.get(uid, uid), r is not None, status, r.comment if r else "",
                                  is_overdue(a, status, per))
            earlier = last.get((uid, a.id)) if r is None else None
            if earlier is not None:
                unit.last_status, unit.last_period, unit.last_comment = (earlier.status, earlier.period,
                                                                         earlier.comment)
                unit.overdue = is_overdue(a, earlier.status, per)
            units.append(unit)
        out.append(AssignmentResult(a, a.is_due(per), units))
    return out


def _economy(plan: Plan, per: Period, collected: Collected, names: dict[str, str]) -> list[EconomyRow]:
    by_unit = {r.unit_id: r for r in collected.budget if r.period == per}
    unit_ids = [u.id for u in plan.units] + sorted(u for u in by_unit if plan.unit(u) is None)
    out = []
    for uid in unit_ids:
        r = by_unit.get(uid)
        frame = plan.budget.frame_of(uid)
        frame_tkr = frame.frame_tkr if frame is not None and frame.frame_tkr is not None else (
            r.frame_tkr if r else None)
        if r is None and frame is None:
            continue
        out.append(EconomyRow(uid, names.get(uid, uid), r is not None, frame_tkr,
                              r.outcome_tkr if r else None, r.forecast_tkr if r else None,
                              r.comment if r else "", r.events if r else "", year_end=not asm.is_forecast(per)))
    return out


def _submission_rows(plan: Plan, submissions: list[Submission], names: dict[str, str]) -> list[SubmissionRow]:
    order = {u.id: i for i, u in enumerate(plan.units)}
    rows = [SubmissionRow(
        submission_id=str(s.submission_id), unit_id=s.unit_id,
        unit_name=names.get(s.unit_id, s.unit_id or tx.UNKNOWN_UNIT), file_name=s.file_name,
        received_at=s.received_at, state=s.standing, errors=s.errors, warnings=s.warnings, sha256=s.sha256,
        chosen=s.chosen, sender=s.sender,
    ) for s in submissions]
    rows.sort(key=lambda s: (order.get(s.unit_id, len(order)), s.unit_id, s.received_at or dt.datetime.min,
                             s.file_name, s.submission_id))
    return rows


def consolidate_from_db(plan: Plan, db_path: str | os.PathLike[str], period: Period, *,
                        allow_network: bool = False, deadline: dt.date | None = None) -> Consolidation:
    """``consolidate`` on the history database: this period's counting returns, with every earlier period the
    database holds (for the trends, the assignments' last reported statuses and the earlier values, each with the
    plan version it was collected against)."""
    target = as_target(db_path)
    if not exists(target):
        raise InputError(tx.DB_NOT_FOUND.format(path=target))
    with History.open(target, allow_network=allow_network) as h:
        earlier = [h.collected(p) for p in h.periods() if p < period]
        versions = {p: v for p in h.counted_periods() if p < period and (v := h.plan_version(p)) is not None}
        return consolidate(plan, period, h.collected(period), earlier=earlier, deadline=deadline,
                           versions=versions)
