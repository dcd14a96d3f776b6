"""Operations on a whole plan: a new empty plan, and next year's plan from this one and what the history holds.

``rollover(plan, year, year_end=...)`` works on the model only. What it takes from the history comes in as a
``YearEnd`` (plain data; ``toolkit.report.years.year_end`` computes it with the report's own rules), and what it
did comes back as a list of ``RolloverItem`` (what came from the history, what the controller must still enter),
which the CLI prints and the new master carries on a sheet of its own.

The rules (domain: "Across years"):
  - Goals, sub-goals, indicators and units carry over with the same ids; targets are cleared (decided anew),
    verdicts, the current period and the deadline too.
  - Each baseline becomes the latest complete year's consolidated outcome (its T3) when every responsible unit's
    value is behind it and that year is not older than the typed baseline's; otherwise the typed baseline stays
    (and the summary says why).
  - An assignment is finished (closed, not carried) when the master says Genomförd or Avförd, or when every
    responsible unit's latest report of the year says so. A running one is carried with its real end date (an
    assignment may run over several years) and its status from the reports.
  - Frames move to last year's frame; 5.2 (last year's forecast) is each unit's latest forecast of the year; 5.1
    measures are carried for review; 5.3 changes, this year's frames and the committee's total are left to enter.
  - The setting "Databas (fil)" names the database the old master used, so that one history holds every year.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

from toolkit.core.errors import InputError
from toolkit.core.model import (
    Assignment,
    AssignmentStatus,
    Budget,
    Frame,
    Goal,
    Indicator,
    Measure,
    Plan,
    PlanText,
    PriorForecast,
    Settings,
    SubGoal,
    Unit,
    Value,
    Weight,
)
from toolkit.core.periods import Period
from toolkit.core.values import format_number, format_value
from toolkit.texts import common as tc
from toolkit.texts import plan as tp

FINISHED = frozenset({AssignmentStatus.DONE, AssignmentStatus.CANCELLED})


def empty_plan(year: int, committee: str = "") -> Plan:
    return Plan(settings=Settings(committee=committee, year=year))


# --------------------------------------------------------------------------------------------
# What the history holds at the end of a year (filled by toolkit.report.years.year_end)
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class YearOutcome:
    """An indicator's consolidated outcome of a complete year (its T3), and the units behind it."""

    value: Value
    year: int
    reported: tuple[str, ...]  # the units whose value is behind it
    expected: tuple[str, ...]  # the responsible units

    @property
    def complete(self) -> bool:
        return bool(self.expected) and set(self.expected) <= set(self.reported)


@dataclass(frozen=True)
class AssignmentReport:
    """A unit's latest report of the year on an assignment."""

    unit_id: str
    status: AssignmentStatus | None
    period: Period


@dataclass(frozen=True)
class UnitForecast:
    """A unit's latest full-year forecast of the year, tkr."""

    unit_id: str
    forecast_tkr: float
    period: Period


@dataclass
class YearEnd:
    """What the history holds for a rollover: the latest complete year's outcomes, and the plan year's latest
    assignment reports and forecasts."""

    database: str  # as shown to users (a URL's password masked)
    complete_year: int | None = None  # the latest year whose T3 was collected (None: none)
    outcomes: dict[str, YearOutcome] = field(default_factory=dict)  # indicator id ->
    last_period: Period | None = None  # the plan year's latest collected period
    assignments: dict[str, list[AssignmentReport]] = field(default_factory=dict)  # assignment id -> per unit
    forecasts: dict[str, UnitForecast] = field(default_factory=dict)  # unit id ->


# --------------------------------------------------------------------------------------------
# The rollover and its summary
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RolloverItem:
    """One line of the rollover's summary."""

    area: str  # a key of texts.plan.ROLLOVER_AREAS
    item_id: str
    text: str  # Swedish
    from_history: bool = False
    to_do: bool = False  # the controller must enter or check something


@dataclass
class Rollover:
    """Next year's plan and what the rollover did."""

    plan: Plan
    previous_year: int
    items: list[RolloverItem] = field(default_factory=list)
    year_end: YearEnd | None = None

    @property
    def from_history(self) -> list[RolloverItem]:
        return [i for i in self.items if i.from_history]

    @property
    def to_do(self) -> list[RolloverItem]:
        return [i for i in self.items if i.to_do]

    def closed_assignments(self) -> list[str]:
        return [i.item_id for i in self.items if i.area == "assignment_closed"]


def rollover(plan: Plan, year: int, *, year_end: YearEnd | None = None, database: str | None = None) -> Rollover:
    """Next year's plan from ``plan`` and (when given) what the history holds at the end of its year.

    ``database``: the value for the new master's setting "Databas (fil)" (the history the old master used, as the
    new master must name it); None keeps the old setting. Raises InputError when ``year`` is not later than the
    plan's year.
    """
    if year <= plan.settings.year:
        raise InputError(tp.ROLLOVER_NOT_LATER.format(year=year, current=plan.settings.year,
                                                      next=plan.settings.year + 1))
    new = copy.deepcopy(plan)
    out = Rollover(new, plan.settings.year, year_end=year_end)
    new.settings.year = year
    new.settings.period = None
    new.settings.deadline = None
    if database is not None:
        new.settings.database = database
    new.verdicts = []
    for i in new.indicators:
        i.target = None
        _baseline(out, i, year_end)
    if new.indicators:
        out.items.append(RolloverItem("indicator", "", tp.RO_TARGETS.format(n=len(new.indicators), year=year),
                                      to_do=True))
    new.assignments = [a for a in new.assignments if _assignment(out, a, year_end, year)]
    new.budget = _budget(out, plan, year_end, year)
    # The plan document's texts are carried as they are: the controller rewrites them for the new year.
    placed: list[Goal | SubGoal | Unit | Indicator | Assignment | PlanText | Weight] = [
        *new.goals, *new.sub_goals, *new.units, *new.indicators, *new.assignments, *new.texts, *new.weights]
    for obj in placed:
        obj.source = None
    out.items.append(RolloverItem("setting", "", tp.RO_DATABASE.format(database=new.settings.database
                                                                       or tp.RO_DATABASE_DEFAULT)))
    return out


def _baseline(out: Rollover, ind: Indicator, year_end: YearEnd | None) -> None:
    typed = format_value(ind.baseline, ind.kind) or ind.baseline_missing_reason or tp.RO_EMPTY
    typed_year = ind.baseline_year if ind.baseline_year is not None else "–"
    outcome = year_end.outcomes.get(ind.id) if year_end is not None else None
    if outcome is None or outcome.value is None:
        missing = year_end.complete_year if year_end is not None and year_end.complete_year else None
        text = (tp.RO_BASELINE_NOT_IN_HISTORY.format(year=missing, typed=typed, typed_year=typed_year) if missing
                else tp.RO_BASELINE_KEPT.format(typed=typed, typed_year=typed_year))
        out.items.append(RolloverItem("indicator", ind.id, text, to_do=True))
        return
    value = format_value(outcome.value, ind.kind)
    if not outcome.complete:
        out.items.append(RolloverItem("indicator", ind.id, tp.RO_BASELINE_INCOMPLETE.format(
            year=outcome.year, value=value, reported=len(outcome.reported), expected=len(outcome.expected),
            typed=typed, typed_year=typed_year), to_do=True))
        return
    if ind.baseline_year is not None and ind.baseline_year > outcome.year:
        out.items.append(RolloverItem("indicator", ind.id, tp.RO_BASELINE_NEWER_TYPED.format(
            year=outcome.year, value=value, typed=typed, typed_year=typed_year)))
        return
    ind.baseline, ind.baseline_year, ind.baseline_missing_reason = outcome.value, outcome.year, ""
    out.items.append(RolloverItem("indicator", ind.id, tp.RO_BASELINE_FROM_HISTORY.format(
        year=outcome.year, value=value, n=len(outcome.reported)), from_history=True))


def _assignment(out: Rollover, a: Assignment, year_end: YearEnd | None, year: int) -> bool:
    """Whether ``a`` is carried into next year's plan (updated in place), with its line in the summary."""
    reports = year_end.assignments.get(a.id, []) if year_end is not None else []
    units = list(a.units) or [r.unit_id for r in reports]
    by_unit = {r.unit_id: r for r in reports}
    finished_units = [u for u in units if u in by_unit and by_unit[u].status in FINISHED]
    last = max((r.period for r in reports), default=None)
    if a.status in FINISHED:
        out.items.append(RolloverItem("assignment_closed", a.id, tp.RO_ASSIGNMENT_CLOSED_MASTER.format(
            status=tc.ASSIGNMENT_STATUS[a.status])))
        return False
    if units and len(finished_units) == len(units):
        statuses = sorted({tc.ASSIGNMENT_STATUS[s] for s in (by_unit[u].status for u in units) if s is not None})
        out.items.append(RolloverItem("assignment_closed", a.id, tp.RO_ASSIGNMENT_CLOSED_REPORTS.format(
            status=" / ".join(statuses), period=last, n=len(units)), from_history=True))
        return False
    reported = [r.status for r in reports if r.status is not None]
    if AssignmentStatus.DELAYED in reported:
        a.status = AssignmentStatus.DELAYED
    elif any(s is not AssignmentStatus.NOT_STARTED for s in reported):
        a.status = AssignmentStatus.STARTED  # under way: some units started, some may have finished
    elif reported:
        a.status = AssignmentStatus.NOT_STARTED
    status = tc.ASSIGNMENT_STATUS[a.status]
    end = a.end_date.isoformat() if a.end_date else tp.RO_EMPTY
    if reported:
        text = tp.RO_ASSIGNMENT_CARRIED_REPORTS.format(status=status, period=last, end=end,
                                                       finished=len(finished_units), n=len(units))
    else:
        text = tp.RO_ASSIGNMENT_CARRIED.format(status=status, end=end)
    passed = a.end_date is not None and a.end_date < dt.date(year, 1, 1)
    if passed:
        text += " " + tp.RO_ASSIGNMENT_END_PASSED
    out.items.append(RolloverItem("assignment", a.id, text, from_history=bool(reported), to_do=passed))
    return True


def _budget(out: Rollover, plan: Plan, year_end: YearEnd | None, year: int) -> Budget:
    old = plan.budget
    units = [u.id for u in plan.units]
    forecasts = year_end.forecasts if year_end is not None else {}
    prior = []
    for uid in units + sorted(u for u in forecasts if u not in units):
        found = forecasts.get(uid)
        if found is not None:
            prior.append(PriorForecast(uid, found.forecast_tkr))
            out.items.append(RolloverItem("forecast", uid, tp.RO_FORECAST_FROM_HISTORY.format(
                value=format_number(found.forecast_tkr), period=found.period), from_history=True))
        elif old.frame_of(uid) is not None:
            out.items.append(RolloverItem("forecast", uid, tp.RO_FORECAST_TO_ENTER.format(year=year - 1),
                                          to_do=True))
    measures = [Measure(m.id, m.text, m.unit, m.amount_tkr, m.status) for m in old.measures]
    for m in measures:
        out.items.append(RolloverItem("measure", m.id, tp.RO_MEASURE_CARRIED.format(year=year - 1), to_do=True))
    frames = [Frame(f.unit, f.frame_tkr, None) for f in old.frames]
    if frames:
        out.items.append(RolloverItem("frame", "", tp.RO_FRAMES.format(year=year, previous=year - 1), to_do=True))
    out.items.append(RolloverItem("frame", "", tp.RO_CHANGES.format(year=year, previous=year - 1), to_do=True))
    out.items.append(RolloverItem("frame", "", tp.RO_TOTAL.format(year=year), to_do=True))
    if old.net_cost_ceiling is not None:
        out.items.append(RolloverItem("frame", "", tp.RO_CEILING.format(
            ceiling=format_number(old.net_cost_ceiling * 100, 2), year=year), to_do=True))
    return Budget(measures=measures, prior_forecasts=prior, frames=frames, net_cost_ceiling=old.net_cost_ceiling,
                  is_example=old.is_example)
