"""Operations on a whole plan: a new empty plan, next year's plan, and the plan as a readable tree."""

from __future__ import annotations

import copy
import datetime as dt

from toolkit.core.errors import InputError
from toolkit.core.model import AssignmentStatus, Budget, Frame, Plan, Settings
from toolkit.core.values import format_number, format_value
from toolkit.texts import common as tc
from toolkit.texts import plan as tp


def empty_plan(year: int, committee: str = "") -> Plan:
    return Plan(settings=Settings(committee=committee, year=year))


def rollover(plan: Plan, year: int) -> Plan:
    """Next year's plan from this one.

    Carried over: goals, sub-goals, indicators (same ids, baselines kept), units and settings.
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
    new.settings.period = ""
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
    for obj in (*new.goals, *new.sub_goals, *new.units):
        obj.source = None
    return new


def _shift_year(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def plan_tree(plan: Plan) -> str:
    """The plan as text: goal -> sub-goal -> indicators, then assignments and budget totals."""
    lines = [tp.TREE_TITLE.format(committee=plan.settings.committee or tp.TREE_NO_COMMITTEE, year=plan.year)]
    units = {u.id: u.name for u in plan.units}
    for g in plan.goals:
        lines.append("")
        lines.append(tp.TREE_GOAL.format(number=g.number, title=g.title))
        if g.formulation:
            lines.append(f"  {g.formulation}")
        subs = plan.sub_goals_of(g.number)
        if not subs:
            lines.append(f"  {tp.TREE_NO_CONTENT}")
        for s in subs:
            lines.append(tp.TREE_SUB_GOAL.format(id=s.id, text=s.text))
            for i in plan.indicators_of(s.id):
                baseline = format_value(i.baseline, i.kind) or (i.baseline_missing_reason or tp.TREE_EMPTY)
                target = format_value(i.target, i.kind) or tp.TREE_EMPTY
                lines.append(tp.TREE_INDICATOR.format(id=i.id, name=i.name))
                lines.append(tp.TREE_INDICATOR_VALUES.format(
                    kind=tc.VALUE_KIND[i.kind], year=i.baseline_year or "", baseline=baseline,
                    plan_year=plan.year, target=target, periodicity=i.periodicity.text,
                    units=", ".join(i.units)))
    if plan.assignments:
        lines += ["", tp.TREE_ASSIGNMENTS]
        for a in plan.assignments:
            text = " ".join(a.text.split())
            lines.append(tp.TREE_ASSIGNMENT.format(
                id=a.id, status=tc.ASSIGNMENT_STATUS[a.status], text=text, periodicity=a.periodicity.text,
                end=a.end_date.isoformat() if a.end_date else tp.TREE_EMPTY))
    if plan.units:
        lines += ["", tp.TREE_UNITS]
        lines += [f"  {u.id:<8} {u.name}" for u in plan.units]
    b = plan.budget
    lines += ["", tp.TREE_BUDGET + (f"  ({tp.TREE_EXAMPLE})" if b.is_example else "")]
    for f in b.frames:
        lines.append(tp.TREE_FRAME.format(unit=f.unit, name=units.get(f.unit, ""),
                                          previous=_tkr(f.previous_tkr), frame=_tkr(f.frame_tkr)))
    lines.append(tp.TREE_FRAMES_SUM.format(total=format_number(b.sum_frames), committee=_tkr(b.total_frame_tkr)))
    growth = b.net_cost_growth
    lines.append(tp.TREE_NET_COST.format(
        growth="–" if growth is None else f"{format_number(growth * 100, 2)} %",
        ceiling="–" if b.net_cost_ceiling is None else f"{format_number(b.net_cost_ceiling * 100, 2)} %"))
    return "\n".join(lines)


def _tkr(value: float | None) -> str:
    return "–" if value is None else format_number(value)
