"""The plan as a readable text tree (``nplan plan show``)."""

from __future__ import annotations

from toolkit.core.model import Aggregation, Indicator, Plan, ValueKind
from toolkit.core.values import format_number, format_value
from toolkit.texts import common as tc
from toolkit.texts import plan as tp


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
                baseline = (format_value(i.baseline, i.kind, i.decimals, grouped=i.baseline_grouped)
                            or i.baseline_missing_reason or tp.TREE_EMPTY)
                target = format_value(i.target, i.kind, i.decimals, grouped=i.target_grouped) or tp.TREE_EMPTY
                lines.append(tp.TREE_INDICATOR.format(id=i.id, name=i.name))
                lines.append(tp.TREE_INDICATOR_VALUES.format(
                    kind=_kind(i), year=i.baseline_year or "", baseline=baseline,
                    plan_year=plan.year, target=target, periodicity=i.periodicity.text,
                    units=", ".join(i.units)))
                lines.append(tp.TREE_INDICATOR_MEASURE.format(
                    measurement=tc.MEASUREMENT[i.measurement] if i.measurement else tp.TREE_NOT_MEASURED,
                    direction=tc.DIRECTION[i.direction], aggregation=_aggregation(plan, i)))
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


def _kind(i: Indicator) -> str:
    """ "Tal (1 decimal), minuter": the kind, its decimals and the unit of measure."""
    text = tc.VALUE_KIND[i.kind]
    if i.decimals is not None and i.kind in (ValueKind.DECIMAL, ValueKind.SHARE, ValueKind.AMOUNT):
        text += f" ({tc.decimals_text(i.decimals)})"
    return f"{text}, {i.unit_of_measure}" if i.unit_of_measure else text


def _aggregation(plan: Plan, i: Indicator) -> str:
    """The aggregation, with the weights of a weighted mean."""
    text = tc.AGGREGATION[i.aggregation]
    if i.aggregation is Aggregation.WEIGHTED_MEAN:
        weights = plan.weights_of(i.id)
        listed = ", ".join(f"{u} {format_number(weights[u], 6)}" if u in weights else f"{u} {tp.TREE_NO_WEIGHT}"
                           for u in i.units)
        text += tp.TREE_WEIGHTS.format(weights=listed)
    return text


def _tkr(value: float | None) -> str:
    return "–" if value is None else format_number(value)
