"""Checking a plan that was read: duplicates, unknown references, targets, dates and the budget rules; and
``load_plan``, which reads a master and fails when it has errors."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from toolkit.core import findings as fnd
from toolkit.core import values as vals
from toolkit.core.errors import WorkbookError
from toolkit.core.findings import Finding
from toolkit.core.model import NUMBER_KINDS, Aggregation, Indicator, Plan, Source, TextKind, ValueKind, Weight
from toolkit.core.plantexts import chapters
from toolkit.plan.budget import check_budget
from toolkit.plan.layout import header
from toolkit.plan.read import read_master
from toolkit.texts import common as tc
from toolkit.texts import findings as tf
from toolkit.texts import master as tm
from toolkit.texts import plan_document as tpd


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a master and fail (WorkbookError) when it has errors: for commands that need a sound plan."""
    plan, found = read_master(path)
    errors = [f for f in found + check_plan(plan, Path(path).name, found) if f.is_error]
    if errors:
        lines = "\n".join(f"  {f.location}: {f.message}" for f in errors[:10])
        raise WorkbookError(tf.MASTER_HAS_ERRORS.format(path=path, count=len(errors), lines=lines))
    return plan



def check_plan(plan: Plan, file_name: str = "", already: list[Finding] | None = None) -> list[Finding]:
    """Every semantic problem of a plan that was read: duplicates, unknown references, targets, dates,
    and the budget rules (``toolkit.plan.budget.check_budget``)."""
    out: list[Finding] = []

    def add(code: str, src: Source | None, field_name: str = "", **kw: Any) -> None:
        out.append(fnd.make(code, file=file_name, sheet=src.sheet if src else "",
                            cell=src.cell(field_name) if src else "", **kw))

    def dupes(items: list[Any], key: Callable[[Any], str], field_name: str, label: str) -> None:
        seen: dict[str, Any] = {}
        for item in items:
            k = key(item)
            if k in seen:
                add("duplicate-id", item.source, field_name, field=label, item_id=k, found=k,
                    first=seen[k].source.cell(field_name) if seen[k].source else "")
            else:
                seen[k] = item

    dupes(plan.goals, lambda g: str(g.number), "number", header("Mal", "number"))
    dupes(plan.sub_goals, lambda s: s.id, "id", header("Delmal", "id"))
    dupes(plan.indicators, lambda i: i.id, "id", header("Indikatorer", "id"))
    dupes(plan.assignments, lambda a: a.id, "id", header("Uppdrag", "id"))
    dupes(plan.units, lambda u: u.id, "id", header("Verksamheter", "id"))

    goal_numbers = {g.number for g in plan.goals}
    sub_goal_ids = {s.id for s in plan.sub_goals}
    unit_ids = {u.id for u in plan.units}
    year = plan.settings.year

    earlier = out + list(already or [])
    for s in plan.sub_goals:
        if s.goal not in goal_numbers and not (s.source and _has_finding(earlier, s.source, "goal")):
            add("unknown-goal", s.source, "goal", field=header("Delmal", "goal"), item_id=s.id, found=s.goal,
                expected=", ".join(str(n) for n in sorted(goal_numbers)))
    for i in plan.indicators:
        if not i.sub_goal:
            add("indicator-without-sub-goal", i.source, "sub_goal", field=header("Indikatorer", "sub_goal"),
                item_id=i.id)
        elif i.sub_goal not in sub_goal_ids:
            add("unknown-sub-goal", i.source, "sub_goal", field=header("Indikatorer", "sub_goal"), item_id=i.id,
                found=i.sub_goal, expected=", ".join(sorted(sub_goal_ids)))
        if not i.units:
            add("indicator-without-unit", i.source, "units", field=header("Indikatorer", "units"), item_id=i.id)
        for u in i.units:
            if u not in unit_ids:
                add("unknown-unit", i.source, "units", field=header("Indikatorer", "units"), item_id=i.id,
                    found=u, expected=", ".join(sorted(unit_ids)))
        for name, value in (("target", i.target), ("baseline", i.baseline)):
            if not isinstance(value, float):
                continue
            if i.kind is ValueKind.SHARE and value > 1:
                add("share-above-100", i.source, name, field=header("Indikatorer", name), item_id=i.id,
                    found=vals.format_value(value, i.kind), expected=tm.EXPECTED["share_range"])
            elif i.kind in (ValueKind.SHARE, ValueKind.COUNT) and value < 0:
                add("negative-value", i.source, name, field=header("Indikatorer", name), item_id=i.id,
                    found=vals.format_value(value, i.kind),
                    expected=tm.EXPECTED["share_range" if i.kind is ValueKind.SHARE else "non_negative"])
        if i.target is None and i.source is not None and not _has_finding(out + (already or []), i.source,
                                                                           "target"):
            add("missing-target", i.source, "target", field=header("Indikatorer", "target"), item_id=i.id)
        if i.aggregation is Aggregation.SINGLE and len(i.units) > 1:
            add("single-unit-aggregation", i.source, "aggregation", field=header("Indikatorer", "aggregation"),
                item_id=i.id, found=", ".join(i.units))
        _check_decimals(i, add)
    _check_weights(plan, add)
    for a in plan.assignments:
        for u in a.units:
            if u not in unit_ids:
                add("unknown-unit", a.source, "units", field=header("Uppdrag", "units"), item_id=a.id, found=u,
                    expected=", ".join(sorted(unit_ids)))
        # An assignment may run over several years (reported each period until it is done); one whose end date
        # passed before the plan year was carried over unfinished, which is worth a word.
        if a.end_date is not None and a.end_date.year < year:
            add("end-date-before-year", a.source, "end_date", field=header("Uppdrag", "end_date"), item_id=a.id,
                found=a.end_date.isoformat(), year=year)
    _check_texts(plan, add, goal_numbers)
    out.extend(check_budget(plan, file_name, already))
    return out


def _check_texts(plan: Plan, add: Callable[..., None], goal_numbers: set[int]) -> None:
    """The plan document's texts: goals that exist, one heading per chapter and section, and a heading for
    every section (and for every chapter the document has no heading of its own for)."""
    field_name = header("Plantexter", "section")
    for block in plan.texts:
        if block.goal is None:
            continue
        if block.goal not in goal_numbers:
            add("text-goal-unknown", block.source, "section", field=field_name, found=block.goal,
                expected=", ".join(str(n) for n in sorted(goal_numbers)))
        elif block.kind is TextKind.HEADING:
            add("text-heading-in-goal", block.source, "section", field=field_name,
                found=tc.TEXT_GOAL.format(number=block.goal))
    headings: dict[str, str] = {}
    for block in plan.texts:
        if block.goal is None and block.kind is TextKind.HEADING:
            if block.section in headings:
                add("text-heading-twice", block.source, "text", field=header("Plantexter", "text"),
                    found=block.section, expected=headings[block.section])
            else:
                headings[block.section] = block.text
    for chapter in chapters(plan.texts).values():
        places = [(str(chapter.number), chapter.heading or chapter.number in tpd.CHAPTER_HEADINGS)]
        places += [(s.number, bool(s.heading)) for s in chapter.sections]
        for place, named in places:
            if not named:
                first = next(b for b in plan.texts
                             if b.goal is None and (b.section == place or b.section.startswith(place + ".")))
                add("text-section-no-heading", first.source, "section", field=field_name, found=place)


def _check_decimals(i: Indicator, add: Callable[..., None]) -> None:
    """Decimals: required for Tal, whole for Antal, not used by yes/no and text."""
    field_name = header("Indikatorer", "decimals")
    if i.kind is ValueKind.DECIMAL and i.decimals is None and i.source is not None:
        add("missing-decimals", i.source, "decimals", field=field_name, item_id=i.id)
    elif i.kind is ValueKind.COUNT and i.decimals:
        add("count-decimals", i.source, "decimals", field=field_name, item_id=i.id, found=i.decimals)
    elif i.kind in (ValueKind.YESNO, ValueKind.TEXT) and i.decimals is not None:
        add("decimals-not-applicable", i.source, "decimals", field=field_name, item_id=i.id, found=i.decimals,
            kind=tc.VALUE_KIND[i.kind])


def _check_weights(plan: Plan, add: Callable[..., None]) -> None:
    """Every weight usable, and every responsible unit of a weighted mean weighted."""
    indicators = {i.id: i for i in plan.indicators}
    unit_ids = {u.id for u in plan.units}
    weight_field = header("Vikter", "weight")
    seen: dict[tuple[str, str], Weight] = {}
    for w in plan.weights:
        ind = indicators.get(w.indicator)
        if ind is None:
            add("weight-unknown-indicator", w.source, "indicator", field=header("Vikter", "indicator"),
                item_id=w.indicator, found=w.indicator)
            continue
        if w.unit not in unit_ids:
            add("unknown-unit", w.source, "unit", field=header("Vikter", "unit"), item_id=w.indicator,
                found=w.unit, expected=", ".join(sorted(unit_ids)))
            continue
        first = seen.get((w.indicator, w.unit))
        if first is not None:
            add("duplicate-weight", w.source, "unit", field=header("Vikter", "unit"), item_id=w.indicator,
                found=w.unit, first=first.source.cell("unit") if first.source else "")
            continue
        seen[(w.indicator, w.unit)] = w
        if w.weight is not None and not (w.weight > 0 and math.isfinite(w.weight)):
            add("invalid-weight", w.source, "weight", field=weight_field, item_id=w.indicator,
                found=vals.format_number(w.weight, 6), expected=tm.EXPECTED["weight"])
        if w.unit not in ind.units:
            add("weight-unit-not-responsible", w.source, "unit", field=header("Vikter", "unit"),
                item_id=w.indicator, found=w.unit)
        elif ind.aggregation is not Aggregation.WEIGHTED_MEAN:
            add("weight-unused", w.source, "indicator", field=header("Vikter", "indicator"), item_id=w.indicator,
                found=tc.AGGREGATION[ind.aggregation])
    for ind in plan.indicators:
        if ind.aggregation is not Aggregation.WEIGHTED_MEAN or ind.kind not in NUMBER_KINDS:
            continue
        weights = plan.weights_of(ind.id)
        lacking = [u for u in dict.fromkeys(ind.units) if not (weights.get(u, 0) > 0)]
        if lacking:
            add("missing-weights", ind.source, "aggregation", field=header("Indikatorer", "aggregation"),
                item_id=ind.id, found=", ".join(lacking))


def _has_finding(found: list[Finding], src: Source, field_name: str) -> bool:
    return any(f.sheet == src.sheet and f.cell == src.cell(field_name) for f in found)
