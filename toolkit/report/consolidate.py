"""Consolidate one period: the units' returns combined into what the committee's report shows.

Input: the plan and pandas DataFrames in the shapes ``toolkit.history.store`` returns (long format, one row
per unit and indicator / assignment / budget return / submission). Output: plain dataclasses
(``Consolidation``) that ``toolkit.report.workbook`` writes as a workbook. No workbook code in here.

What is computed (rules in ``toolkit.report.assessment``):
  - per indicator, in plan order: the responsible units' values combined by the aggregation rule, the
    value it is compared with (the target, pro rata for counts and amounts before December), the
    suggested status, and the trend against an earlier comparable value;
  - per sub-goal and goal: counts per status and a suggested verdict, beside the controller's verdict
    from the master (``plan.verdicts``) for the period;
  - assignments per unit with an overdue flag: the end date is on or before the period's last day and
    the status is neither Genomförd nor Avförd;
  - economy per unit and in total: frame (from the master; the return's when the master has none),
    outcome to date, forecast, deviation = frame - forecast;
  - submission status per unit: accepted, rejected (no valid file) or missing (no file at all).

Only the counting ("accepted") submission's rows are used: rows from a submission the submissions
table marks rejected or superseded are dropped, and of several rows for the same unit and item the one
received last wins.

Trend: against the same indicator's combined value in ``previous_values`` (an earlier period, e.g. the
same tertial last year or the previous tertial), else against the baseline year (a full year). Counts
and amounts accumulate over the year, so when the two cover different numbers of months they are
compared per month (e.g. jan-aug / 8 against a full year / 12).
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.core import findings as fnd
from toolkit.core.findings import Finding
from toolkit.core.model import (
    Assessment,
    Assignment,
    AssignmentStatus,
    Indicator,
    Plan,
    Value,
    ValueKind,
    Verdict,
)
from toolkit.core.periods import Period
from toolkit.core.returndata import deviation_tkr
from toolkit.report import assessment as asm
from toolkit.report.assessment import Trend
from toolkit.texts import common as tc

ACCEPTED = "accepted"
REJECTED = "rejected"
SUPERSEDED = "superseded"
MISSING = "missing"

INDICATOR_VALUE_COLUMNS = ("year", "period", "unit_id", "unit_name", "indicator_id", "value", "value_text",
                           "raw_value", "assessment", "analysis", "measures", "submission_id", "received_at")
ASSIGNMENT_COLUMNS = ("year", "period", "unit_id", "assignment_id", "status", "comment", "submission_id")
BUDGET_COLUMNS = ("year", "period", "unit_id", "frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr",
                  "comment", "events", "submission_id")
SUBMISSION_COLUMNS = ("submission_id", "unit_id", "period", "file_name", "sha256", "received_at", "stored_at",
                      "state", "errors", "warnings")

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
    submission_id: str = ""
    received_at: dt.datetime | None = None


@dataclass
class IndicatorResult:
    indicator: Indicator
    goal: int | None
    due: bool
    value: Value  # the units' values combined
    compared_with: Value  # the target, pro rata for flows before December
    status: Assessment  # suggested
    previous: Value = None  # the earlier value the trend compares with
    previous_label: str = ""  # "2024" (baseline year) or "2026-T1"
    trend: Trend = Trend.UNKNOWN
    trend_better: bool | None = None
    units: list[UnitValue] = field(default_factory=list)

    @property
    def reported_units(self) -> list[UnitValue]:
        return [u for u in self.units if u.reported]


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
    status: AssignmentStatus | None
    comment: str
    overdue: bool


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

    @property
    def deviation_tkr(self) -> float | None:
        """Avvikelse = ram - prognos; None without a forecast (or frame)."""
        return deviation_tkr(self.frame_tkr, self.forecast_tkr)


@dataclass
class EconomyTotals:
    frame_tkr: float
    outcome_tkr: float
    forecast_tkr: float
    deviation_tkr: float  # over the units that gave a forecast
    committee_frame_tkr: float | None


@dataclass
class SubmissionRow:
    submission_id: str
    unit_id: str
    unit_name: str
    file_name: str
    received_at: dt.datetime | None
    state: str
    errors: int
    warnings: int
    sha256: str = ""


@dataclass
class UnitStatus:
    """Per expected unit: does the period have a counting return from it?"""

    unit_id: str
    unit_name: str
    state: str  # accepted | rejected | missing
    file_name: str = ""
    received_at: dt.datetime | None = None
    errors: int = 0
    submissions: int = 0


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
# Reading the DataFrames
# --------------------------------------------------------------------------------------------

def _clean(x: Any) -> Any:
    """None for NaN / NaT / NA; plain Python scalars for numpy ones."""
    if x is None:
        return None
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(x, pd.Timestamp):
        return x.to_pydatetime()
    if hasattr(x, "item") and not isinstance(x, (str, bytes)):
        try:
            return x.item()
        except (ValueError, AttributeError):
            return x
    return x


def _text(x: Any) -> str:
    x = _clean(x)
    return "" if x is None else str(x)


def _float(x: Any) -> float | None:
    x = _clean(x)
    if x is None or isinstance(x, bool):
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _records(df: pd.DataFrame | None, columns: Iterable[str]) -> list[dict[str, Any]]:
    if df is None or len(df) == 0:
        return []
    cols = [c for c in columns if c in df.columns]
    return [{k: _clean(v) for k, v in row.items()} for row in df[cols].to_dict("records")]


def _period_of(year: Any, text: Any) -> Period | None:
    raw = _text(text)
    if not raw:
        return None
    try:
        return Period.parse(raw)
    except Exception:
        pass
    if year is not None:
        try:
            return Period.parse(f"{int(year)}-{raw}")
        except Exception:
            return None
    return None


def _for_period(rows: list[dict[str, Any]], period: Period) -> list[dict[str, Any]]:
    """Rows of ``period`` (rows without a period column are kept: the caller filtered already)."""
    out = []
    cache: dict[tuple[Any, Any], Period | None] = {}
    for r in rows:
        if "period" not in r:
            out.append(r)
            continue
        key = (r.get("year"), r.get("period"))
        if key not in cache:
            cache[key] = _period_of(*key)
        if cache[key] == period:
            out.append(r)
    return out


def _counting(rows: list[dict[str, Any]], not_counting: set[str],
              key: tuple[str, ...]) -> list[dict[str, Any]]:
    """Drop rows of non-counting submissions; of duplicates by ``key`` keep the one received last."""
    best: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        if _text(r.get("submission_id")) in not_counting:
            continue
        k = tuple(_text(r.get(c)) for c in key)
        old = best.get(k)
        if old is None or _later(r, old):
            best[k] = r
    return list(best.values())


def _later(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ta, tb = a.get("received_at"), b.get("received_at")
    if ta is not None and tb is not None and ta != tb:
        return ta > tb
    return _text(a.get("submission_id")) >= _text(b.get("submission_id"))


_ASSESSMENT_WORDS = {**tc.reverse(tc.ASSESSMENT), **tc.reverse(tc.ASSESSMENT_FORECAST)}
_STATUS_WORDS = tc.reverse(tc.ASSIGNMENT_STATUS)


def _assessment(x: Any) -> Assessment | None:
    s = _text(x).strip()
    if not s:
        return None
    try:
        return Assessment(s)
    except ValueError:
        found = _ASSESSMENT_WORDS.get(s.casefold())
        return Assessment(found) if found is not None else None


def _status(x: Any) -> AssignmentStatus | None:
    s = _text(x).strip()
    if not s:
        return None
    try:
        return AssignmentStatus(s)
    except ValueError:
        found = _STATUS_WORDS.get(s.casefold())
        return AssignmentStatus(found) if found is not None else None


def _value(row: dict[str, Any], kind: ValueKind) -> Value:
    """The normalized value of a row, by the indicator's kind (history stores yes as 1.0, no as 0.0)."""
    from toolkit.core import values as vals

    v = row.get("value")
    text = _text(row.get("value_text"))
    if kind is ValueKind.TEXT:
        return text or (None if v is None else str(v))
    if kind is ValueKind.YESNO:
        if isinstance(v, bool):
            return v
        n = _float(v)
        if n is not None:
            return n != 0
        try:
            return vals.parse_yesno(text) if text else None
        except ValueError:
            return None
    n = _float(v)
    if n is not None:
        return n
    if text:
        try:
            parsed = vals.parse_value(text, kind)
            return parsed if isinstance(parsed, float) else None
        except ValueError:
            return None
    return None


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
    owing = {u for i in plan.indicators if i.is_due(period) for u in i.units}
    owing |= {u for a in plan.assignments if a.is_due(period) for u in a.units}
    owing |= {f.unit for f in plan.budget.frames}
    return [u.id for u in plan.units if u.id in owing]


def _verdict_for(plan: Plan, period: Period, level: str, ref: str) -> Verdict | None:
    found = None
    for v in plan.verdicts:
        if v.level == level and v.ref == ref and v.period == period:
            found = v  # the last row wins
    return found


def consolidate(plan: Plan, period: Period | str, *, indicator_values: pd.DataFrame | None,
                assignments: pd.DataFrame | None, budget: pd.DataFrame | None,
                submissions: pd.DataFrame | None,
                previous_values: pd.DataFrame | None = None) -> Consolidation:
    """Combine one period's collected returns (DataFrames shaped like ``toolkit.history.store``'s) for the report.

    ``previous_values``: indicator values (same shape as ``indicator_values``) of an earlier period to
    show the trend against; the latest period in it before ``period`` is used. Without it the trend is
    against the baseline year.
    """
    per = period if isinstance(period, Period) else Period.parse(period)
    names = {u.id: u.name for u in plan.units}
    found: list[Finding] = []

    sub_rows = _for_period(_records(submissions, SUBMISSION_COLUMNS), per)
    not_counting = {_text(r.get("submission_id")) for r in sub_rows
                    if _text(r.get("state")) in (REJECTED, SUPERSEDED)}

    value_rows = _counting(_for_period(_records(indicator_values, INDICATOR_VALUE_COLUMNS), per),
                           not_counting,
                           ("unit_id", "indicator_id"))
    by_item: dict[tuple[str, str], dict[str, Any]] = {}
    for r in value_rows:
        by_item[(_text(r.get("unit_id")), _text(r.get("indicator_id")))] = r
        if r.get("unit_name") and _text(r.get("unit_id")) not in names:
            names[_text(r.get("unit_id"))] = _text(r.get("unit_name"))
    _unknown(found, plan, {i for _, i in by_item}, {u for u, _ in by_item})

    previous, previous_period = _previous(plan, per, previous_values)

    indicators = [_indicator_result(plan, per, i, by_item, names, previous.get(i.id), previous_period)
                  for i in plan.indicators]
    sub_goals, goals = _verdicts(plan, per, indicators)
    assignment_results = _assignments(plan, per, assignments, not_counting, names)
    economy = _economy(plan, per, budget, not_counting, names)
    submission_rows, unit_status = _submissions(plan, per, sub_rows, names)

    return Consolidation(
        committee=plan.settings.committee, year=plan.year, period=per, plan_identity=plan.identity(),
        indicators=indicators, sub_goals=sub_goals, goals=goals, assignments=assignment_results,
        economy=economy, submissions=submission_rows, unit_status=unit_status,
        budget_is_example=plan.budget.is_example, committee_frame_tkr=plan.budget.total_frame_tkr,
        findings=found,
    )


def _unknown(found: list[Finding], plan: Plan, indicator_ids: set[str], unit_ids: set[str]) -> None:
    known_i = {i.id for i in plan.indicators}
    known_u = {u.id for u in plan.units}
    for i in sorted(indicator_ids - known_i):
        found.append(fnd.make("history-unknown-indicator", item_id=i, found=i))
    for u in sorted(unit_ids - known_u):
        found.append(fnd.make("history-unknown-unit", item_id=u, found=u))


def _indicator_result(plan: Plan, per: Period, ind: Indicator, by_item: dict[tuple[str, str], dict[str, Any]],
                      names: dict[str, str], previous: Value,
                      previous_period: Period | None) -> IndicatorResult:
    units = []
    for uid in ind.units:
        row = by_item.get((uid, ind.id))
        if row is None:
            units.append(UnitValue(uid, names.get(uid, uid)))
            continue
        units.append(UnitValue(
            unit_id=uid, unit_name=names.get(uid, uid), reported=True, value=_value(row, ind.kind),
            value_text=_text(row.get("value_text")), raw_value=_text(row.get("raw_value")),
            assessment=_assessment(row.get("assessment")), analysis=_text(row.get("analysis")),
            measures=_text(row.get("measures")), submission_id=_text(row.get("submission_id")),
            received_at=row.get("received_at"),
        ))
    due = ind.is_due(per)
    value = asm.aggregate(ind, {u.unit_id: u.value for u in units if u.reported}) if due else None
    status = asm.suggest(ind, value, period=per, settings=plan.settings)
    sg = plan.sub_goal(ind.sub_goal)
    result = IndicatorResult(indicator=ind, goal=sg.goal if sg else None, due=due, value=value,
                             compared_with=asm.comparison_target(ind, per) if due else None,
                             status=status, units=units)
    if due and value is not None:
        if previous is not None and previous_period is not None:
            months_before = asm.months_covered(previous_period)
            result.previous, result.previous_label = previous, str(previous_period)
        elif ind.baseline is not None and ind.baseline_year is not None:
            months_before = 12
            result.previous, result.previous_label = ind.baseline, str(ind.baseline_year)
        else:
            return result
        cur, before = value, result.previous
        months_now = asm.months_covered(per)
        if asm.is_flow(ind) and months_now != months_before:
            cur_n, before_n = asm.as_number(cur), asm.as_number(before)
            if cur_n is not None and before_n is not None:
                cur, before = cur_n / months_now, before_n / months_before
        result.trend = asm.trend(cur, before)
        result.trend_better = asm.trend_is_better(result.trend, ind.direction)
    return result


def _previous(plan: Plan, per: Period, df: pd.DataFrame | None) -> tuple[dict[str, Value], Period | None]:
    """indicator id -> combined value in the latest period of ``df`` before ``per``."""
    rows = _records(df, INDICATOR_VALUE_COLUMNS)
    periods = {p for r in rows if (p := _period_of(r.get("year"), r.get("period"))) is not None and p < per}
    if not periods:
        return {}, None
    prev = max(periods)
    values: dict[str, dict[str, Value]] = {}
    for r in _counting(_for_period(rows, prev), set(), ("unit_id", "indicator_id")):
        ind = plan.indicator(_text(r.get("indicator_id")))
        if ind is None:
            continue
        values.setdefault(ind.id, {})[_text(r.get("unit_id"))] = _value(r, ind.kind)
    out = {}
    for iid, by_unit in values.items():
        ind = plan.indicator(iid)
        assert ind is not None
        combined = asm.aggregate(ind, by_unit)
        if combined is not None:
            out[iid] = combined
    return out, prev


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


def _assignments(plan: Plan, per: Period, df: pd.DataFrame | None, not_counting: set[str],
                 names: dict[str, str]) -> list[AssignmentResult]:
    rows = _counting(_for_period(_records(df, ASSIGNMENT_COLUMNS), per), not_counting,
                     ("unit_id", "assignment_id"))
    by_item = {(_text(r.get("unit_id")), _text(r.get("assignment_id"))): r for r in rows}
    out = []
    for a in plan.assignments:
        units = []
        for uid in a.units:
            r = by_item.get((uid, a.id))
            status = _status(r.get("status")) if r else None
            units.append(AssignmentUnit(uid, names.get(uid, uid), r is not None, status,
                                        _text(r.get("comment")) if r else "", is_overdue(a, status, per)))
        out.append(AssignmentResult(a, a.is_due(per), units))
    return out


def _economy(plan: Plan, per: Period, df: pd.DataFrame | None, not_counting: set[str],
             names: dict[str, str]) -> list[EconomyRow]:
    rows = _counting(_for_period(_records(df, BUDGET_COLUMNS), per), not_counting, ("unit_id",))
    by_unit = {_text(r.get("unit_id")): r for r in rows}
    unit_ids = [u.id for u in plan.units] + sorted(u for u in by_unit if plan.unit(u) is None)
    out = []
    for uid in unit_ids:
        r = by_unit.get(uid)
        frame = plan.budget.frame_of(uid)
        frame_tkr = frame.frame_tkr if frame is not None and frame.frame_tkr is not None else (
            _float(r.get("frame_tkr")) if r else None)
        if r is None and frame is None:
            continue
        out.append(EconomyRow(uid, names.get(uid, uid), r is not None, frame_tkr,
                              _float(r.get("outcome_tkr")) if r else None,
                              _float(r.get("forecast_tkr")) if r else None,
                              _text(r.get("comment")) if r else "", _text(r.get("events")) if r else ""))
    return out


def _submissions(plan: Plan, per: Period, rows: list[dict[str, Any]], names: dict[str, str]
                 ) -> tuple[list[SubmissionRow], list[UnitStatus]]:
    order = {u.id: i for i, u in enumerate(plan.units)}
    from toolkit.texts import consolidate as tx

    subs = [SubmissionRow(
        submission_id=_text(r.get("submission_id")), unit_id=_text(r.get("unit_id")),
        unit_name=names.get(_text(r.get("unit_id")), _text(r.get("unit_id")) or tx.UNKNOWN_UNIT),
        file_name=_text(r.get("file_name")),
        received_at=r.get("received_at"), state=_text(r.get("state")),
        errors=int(_float(r.get("errors")) or 0),
        warnings=int(_float(r.get("warnings")) or 0), sha256=_text(r.get("sha256")),
    ) for r in rows]
    subs.sort(key=lambda s: (order.get(s.unit_id, len(order)), s.unit_id,
                             s.received_at or dt.datetime.min, s.file_name, s.submission_id))
    by_unit: dict[str, list[SubmissionRow]] = {}
    for sub in subs:
        by_unit.setdefault(sub.unit_id, []).append(sub)
    status = []
    # Files that could not be tied to a unit (no unit id) are listed among the submissions only.
    unknown = sorted({s.unit_id for s in subs if s.unit_id} - {u.id for u in plan.units})
    for uid in expected_units(plan, per) + unknown:
        mine = by_unit.get(uid, [])
        accepted = [s for s in mine if s.state == ACCEPTED]
        rejected = [s for s in mine if s.state == REJECTED]
        if accepted:
            s = accepted[-1]
            status.append(UnitStatus(uid, names.get(uid, uid), ACCEPTED, s.file_name, s.received_at, s.errors,
                                     len(mine)))
        elif rejected:
            s = rejected[-1]
            status.append(UnitStatus(uid, names.get(uid, uid), REJECTED, s.file_name, s.received_at, s.errors,
                                     len(mine)))
        else:
            status.append(UnitStatus(uid, names.get(uid, uid), MISSING, submissions=len(mine)))
    return subs, status


def consolidate_from_db(plan: Plan, db_path: str | os.PathLike[str], period: Period | str) -> Consolidation:
    """``consolidate`` on the history database: this period's counting returns, with the trend against
    the same tertial last year when the database has it, else the previous tertial of the year."""
    from toolkit.history.store import History

    per = period if isinstance(period, Period) else Period.parse(period)
    path = Path(db_path)
    if not path.is_file():
        from toolkit.core.errors import InputError
        from toolkit.texts import consolidate as tx

        raise InputError(tx.DB_NOT_FOUND.format(path=path))
    with History.open(path) as h:
        previous = None
        for cand in (Period(per.year - 1, per.tertial), per.previous()):
            if cand is not None and len(df := h.indicator_values(period=cand)):
                previous = df
                break
        return consolidate(plan, per, indicator_values=h.indicator_values(period=per),
                           assignments=h.assignment_status(period=per), budget=h.budget(period=per),
                           submissions=h.submissions(period=per), previous_values=previous)
