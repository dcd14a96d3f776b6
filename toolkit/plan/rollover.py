"""Operations on a whole plan: a new empty plan and next year's plan."""

from __future__ import annotations

import copy
import datetime as dt

from toolkit.core.errors import InputError
from toolkit.core.model import AssignmentStatus, Budget, Frame, Goal, Plan, Settings, SubGoal, Unit, Weight
from toolkit.texts import plan as tp


def empty_plan(year: int, committee: str = "") -> Plan:
    return Plan(settings=Settings(committee=committee, year=year))


def rollover(plan: Plan, year: int) -> Plan:
    """Next year's plan from this one.

    Carried over: goals, sub-goals, indicators (same ids, baselines kept), units, weights and settings.
    Cleared: targets (to be entered), verdicts, the period and deadline. Assignments are reset to
    "Ej påbörjad" with an end date one year later. This year's frames become last year's frames;
    this year's frames, changes, forecasts and measures are left to be entered.
    Raises InputError when ``year`` is not later than the plan's year.
    """
    if year <= plan.settings.year:
        raise InputError(tp.ROLLOVER_NOT_LATER.format(year=year, current=plan.settings.year,
                                                      next=plan.settings.year + 1))
    new = copy.deepcopy(plan)
    shift = year - plan.settings.year
    new.settings.year = year
    new.settings.period = None
    new.settings.deadline = None
    for i in new.indicators:
        i.target = None
        i.source = None
    for a in new.assignments:
        a.status = AssignmentStatus.NOT_STARTED
        a.plan_ahead = ""
        a.source = None
        if a.end_date is not None:
            a.end_date = _shift_year(a.end_date, shift)
    new.verdicts = []
    new.budget = Budget(
        frames=[Frame(f.unit, f.frame_tkr, None) for f in plan.budget.frames],
        net_cost_ceiling=plan.budget.net_cost_ceiling,
        is_example=plan.budget.is_example,
    )
    placed: list[Goal | SubGoal | Unit | Weight] = [*new.goals, *new.sub_goals, *new.units, *new.weights]
    for obj in placed:
        obj.source = None
    return new


def _shift_year(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)
