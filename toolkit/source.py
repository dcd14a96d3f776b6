"""A plan from a readable TOML source (how the shipped example is kept, so reviewers can read its diff).

Values are written as the plan document writes them ("2 133", "40 %", "Svar saknas", "Ja") and read
by the same parsers that read a master workbook.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from toolkit import values as vals
from toolkit.errors import InputError
from toolkit.model import (
    Aggregation,
    Assignment,
    AssignmentStatus,
    Budget,
    BudgetChange,
    ChangeKind,
    Direction,
    Frame,
    Goal,
    Indicator,
    Measure,
    Plan,
    PriorForecast,
    Settings,
    SubGoal,
    Unit,
    ValueKind,
)
from toolkit.periods import parse_periodicity
from toolkit.texts import common as tc


def load_plan_source(path: str | os.PathLike[str]) -> Plan:
    """Read a plan source file. Raises InputError with a Swedish message when it cannot be read."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"Kan inte läsa plankällan {p}: {exc}") from exc
    try:
        return plan_from_dict(data)
    except (KeyError, ValueError, TypeError) as exc:
        raise InputError(f"Plankällan {p} är ofullständig eller felaktig: {exc!r}") from exc


def _value(text: Any, kind: ValueKind) -> tuple[object, str]:
    """(value, missing reason) from a seed-style text."""
    if vals.is_blank(text):
        return None, ""
    if isinstance(text, str) and text.strip().casefold() == tc.BASELINE_MISSING.casefold():
        return None, tc.BASELINE_MISSING
    return vals.parse_value(text, kind), ""


def plan_from_dict(data: dict[str, Any]) -> Plan:
    s = data.get("settings", {})
    year = int(s.get("year", 2026))
    settings = Settings(
        committee=s.get("committee", ""), year=year,
        partly_threshold=vals.parse_share(s.get("partly_threshold", 0.8)),
        deviation_threshold_tkr=float(s.get("deviation_threshold_tkr", 100)),
        protection_password=s.get("protection_password", ""), period=s.get("period", ""),
        deadline=s.get("deadline"), inbox=s.get("inbox", ""), output_dir=s.get("output_dir", ""),
        database=s.get("database", ""),
    )
    plan = Plan(settings=settings)
    plan.units = [Unit(u["id"], u["name"], u.get("contact", "")) for u in data.get("units", [])]
    plan.goals = [Goal(int(g["number"]), g["title"], g.get("formulation", ""), g.get("narrative", "").strip())
                  for g in data.get("goals", [])]
    plan.sub_goals = [SubGoal(str(sg["id"]), int(sg["goal"]), sg["text"]) for sg in data.get("sub_goals", [])]
    for i in data.get("indicators", []):
        kind = ValueKind(i["kind"])
        baseline, reason = _value(i.get("baseline"), kind)
        target, _ = _value(i.get("target"), kind)
        plan.indicators.append(Indicator(
            id=str(i["id"]), sub_goal=str(i["sub_goal"]), name=i["name"], kind=kind,
            periodicity=parse_periodicity(i["periodicity"]), unit_of_measure=i.get("unit_of_measure", ""),
            baseline_year=int(i.get("baseline_year", year - 2)), baseline=baseline,
            baseline_missing_reason=i.get("baseline_missing_reason", reason), target=target,
            direction=Direction(i.get("direction", "higher")), units=tuple(i.get("units", ())),
            aggregation=Aggregation(i.get("aggregation", "sum")),
            partly_threshold=vals.parse_share(i["partly_threshold"]) if "partly_threshold" in i else None,
            note=i.get("note", ""),
        ))
    statuses = tc.reverse(tc.ASSIGNMENT_STATUS)
    for a in data.get("assignments", []):
        status = a.get("status", "not_started")
        plan.assignments.append(Assignment(
            id=str(a["id"]), text=a["text"].strip(), periodicity=parse_periodicity(a["periodicity"]),
            status=statuses.get(status.casefold()) or AssignmentStatus(status),
            end_date=a.get("end_date"), units=tuple(a.get("units", ())), plan_ahead=a.get("plan_ahead", ""),
        ))
    b = data.get("budget", {})
    plan.budget = Budget(
        measures=[Measure(m["id"], m["text"], m["unit"], _amount(m.get("amount_tkr")), m.get("status", ""))
                  for m in b.get("measures", [])],
        prior_forecasts=[PriorForecast(p["unit"], _amount(p.get("forecast_tkr")))
                         for p in b.get("prior_forecasts", [])],
        changes=[BudgetChange(c["unit"], ChangeKind(c.get("kind", "other")), c.get("text", ""),
                              _amount(c.get("amount_tkr"))) for c in b.get("changes", [])],
        frames=[Frame(f["unit"], _amount(f.get("previous_tkr")), _amount(f.get("frame_tkr")))
                for f in b.get("frames", [])],
        total_frame_tkr=_amount(b.get("total_frame_tkr")),
        net_cost_ceiling=vals.parse_share(b["net_cost_ceiling"]) if "net_cost_ceiling" in b else None,
        is_example=bool(b.get("is_example", False)),
    )
    return plan


def _amount(raw: Any) -> float | None:
    return None if vals.is_blank(raw) else vals.parse_number(raw)
