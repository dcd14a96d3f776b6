"""A plan from a readable TOML source (how the shipped example is kept, so reviewers can read its diff).

Values are written as the plan document writes them ("2 133", "40 %", "Svar saknas", "Ja") and read
by the same parsers that read a master workbook.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any

from toolkit.core import values as vals
from toolkit.core.errors import InputError, NplanError, os_reason
from toolkit.core.model import (
    MAX_DECIMALS,
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
    Measurement,
    Plan,
    PlanText,
    PriorForecast,
    Settings,
    SubGoal,
    TextKind,
    Unit,
    Value,
    ValueKind,
    Weight,
)
from toolkit.core.periods import Period, parse_periodicity
from toolkit.core.plantexts import parse_place
from toolkit.texts import common as tc
from toolkit.texts import plan as tp


def load_plan_source(path: str | os.PathLike[str]) -> Plan:
    """Read a plan source file. Raises InputError with a Swedish message when it cannot be read."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else exc
        raise InputError(tp.SOURCE_UNREADABLE.format(path=p, reason=reason)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(tp.SOURCE_SYNTAX.format(path=p, reason=exc)) from exc
    try:
        return plan_from_dict(data)
    except KeyError as exc:
        raise InputError(tp.SOURCE_MISSING_KEY.format(path=p, key=exc.args[0] if exc.args else "?")) from exc
    except (ValueError, TypeError, AttributeError, NplanError) as exc:
        raise InputError(tp.SOURCE_INVALID.format(path=p, reason=exc)) from exc


def _value(text: Any, kind: ValueKind, field: str, item_id: str) -> tuple[Value, str]:
    """(value, missing reason) from a seed-style text."""
    if vals.is_blank(text):
        return None, ""
    if isinstance(text, str) and text.strip().casefold() == tc.BASELINE_MISSING.casefold():
        return None, tc.BASELINE_MISSING
    try:
        return vals.parse_value(text, kind), ""
    except ValueError:
        raise ValueError(tp.SOURCE_BAD_VALUE.format(field=field, item_id=item_id, value=text,
                                                    kind=tc.VALUE_KIND[kind])) from None


def _grouped(text: Any) -> bool:
    """Does the source write a number of four digits or more with a thousands separator ("2 133", not
    "2300")? Smaller numbers, shares and words read as grouped (the default: it shows no difference)."""
    if not isinstance(text, str):
        return True
    whole = text.strip().split(",")[0]
    return not any(len(run) >= 4 for run in whole.replace("\u00a0", " ").split(" ") if run.isdigit())


def _enum(cls: type[StrEnum], raw: Any, field: str, item_id: str) -> Any:
    try:
        return cls(raw)
    except ValueError:
        raise ValueError(tp.SOURCE_BAD_CHOICE.format(field=field, item_id=item_id, value=raw,
                                                     choices=", ".join(m.value for m in cls))) from None


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


def plan_from_dict(data: dict[str, Any]) -> Plan:
    s = data.get("settings", {})
    year = int(s.get("year", 2026))
    settings = Settings(
        committee=s.get("committee", ""), year=year,
        partly_threshold=vals.parse_share(s.get("partly_threshold", 0.8)),
        deviation_threshold_tkr=float(s.get("deviation_threshold_tkr", 100)),
        protection_password=s.get("protection_password", ""),
        period=Period.parse(s["period"]) if s.get("period") else None,
        deadline=_date(s.get("deadline")), inbox=s.get("inbox", ""), output_dir=s.get("output_dir", ""),
        database=s.get("database", ""),
    )
    plan = Plan(settings=settings)
    plan.units = [Unit(_text(u["id"]), _text(u["name"]), _text(u.get("contact")))
                  for u in data.get("units", [])]
    plan.goals = [Goal(int(g["number"]), _text(g["title"]), _text(g.get("formulation")))
                  for g in data.get("goals", [])]
    plan.texts = [block for entry in data.get("texts", []) for block in _texts(entry)]
    plan.sub_goals = [SubGoal(_text(sg["id"]), int(sg["goal"]), _text(sg["text"]))
                      for sg in data.get("sub_goals", [])]
    for i in data.get("indicators", []):
        iid = _text(i["id"])
        kind = _enum(ValueKind, i["kind"], "kind", iid)
        baseline, reason = _value(i.get("baseline"), kind, "baseline", iid)
        target, _ = _value(i.get("target"), kind, "target", iid)
        plan.indicators.append(Indicator(
            id=iid, sub_goal=_text(i["sub_goal"]), name=_text(i["name"]), kind=kind,
            periodicity=parse_periodicity(i["periodicity"]), unit_of_measure=_text(i.get("unit_of_measure")),
            baseline_year=int(i.get("baseline_year", year - 2)), baseline=baseline,
            baseline_missing_reason=_text(i.get("baseline_missing_reason", reason)), target=target,
            baseline_grouped=_grouped(i.get("baseline")), target_grouped=_grouped(i.get("target")),
            direction=_enum(Direction, i.get("direction", "higher"), "direction", iid),
            units=tuple(_text(u) for u in i.get("units", ())),
            aggregation=_enum(Aggregation, i.get("aggregation", "sum"), "aggregation", iid),
            partly_threshold=vals.parse_share(i["partly_threshold"]) if "partly_threshold" in i else None,
            note=_text(i.get("note")),
            measurement=_enum(Measurement, i["measurement"], "measurement", iid) if "measurement" in i else None,
            decimals=_decimals(i.get("decimals"), iid),
        ))
    plan.weights = [Weight(_text(w["indicator"]), _text(w["unit"]), _amount(w.get("weight")), _text(w.get("note")))
                    for w in data.get("weights", [])]
    statuses = tc.reverse(tc.ASSIGNMENT_STATUS)
    for a in data.get("assignments", []):
        aid = _text(a["id"])
        status = str(a.get("status", "not_started"))
        plan.assignments.append(Assignment(
            id=aid, text=_text(a["text"]), periodicity=parse_periodicity(a["periodicity"]),
            status=_status_word(statuses, status) or _enum(AssignmentStatus, status, "status", aid),
            end_date=_date(a.get("end_date")), units=tuple(_text(u) for u in a.get("units", ())),
            plan_ahead=_text(a.get("plan_ahead")),
        ))
    b = data.get("budget", {})
    plan.budget = Budget(
        measures=[Measure(m["id"], m["text"], m["unit"], _amount(m.get("amount_tkr")), m.get("status", ""))
                  for m in b.get("measures", [])],
        prior_forecasts=[PriorForecast(p["unit"], _amount(p.get("forecast_tkr")))
                         for p in b.get("prior_forecasts", [])],
        changes=[BudgetChange(c["unit"], _enum(ChangeKind, c.get("kind", "other"), "kind", c["unit"]),
                              _text(c.get("text")),
                              _amount(c.get("amount_tkr"))) for c in b.get("changes", [])],
        frames=[Frame(f["unit"], _amount(f.get("previous_tkr")), _amount(f.get("frame_tkr")))
                for f in b.get("frames", [])],
        total_frame_tkr=_amount(b.get("total_frame_tkr")),
        net_cost_ceiling=vals.parse_share(b["net_cost_ceiling"]) if "net_cost_ceiling" in b else None,
        is_example=bool(b.get("is_example", False)),
    )
    return plan


def _texts(entry: dict[str, Any]) -> list[PlanText]:
    """One [[texts]] entry: a place (``section = "2.1"`` or ``goal = 2``), an optional ``heading`` and
    ``blocks``: a string is a paragraph, ``{ subheading = "..." }`` or ``{ formulation = "..." }`` the other
    kinds."""
    raw = entry["section"] if "section" in entry else tc.TEXT_GOAL.format(number=entry["goal"])
    place = parse_place(raw)
    if place is None:
        raise ValueError(tp.SOURCE_BAD_PLACE.format(value=raw))
    out = []
    if entry.get("heading"):
        out.append(PlanText(place.section, TextKind.HEADING, _text(entry["heading"]), place.goal))
    for block in entry.get("blocks", []):
        if isinstance(block, str):
            kind, text = TextKind.PARAGRAPH, block
        else:
            (key, text), = block.items()
            kind = _enum(TextKind, key, "blocks", str(raw))
        out.append(PlanText(place.section, kind, _text(text), place.goal))
    return out


def _decimals(raw: Any, item_id: str) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= MAX_DECIMALS:
        raise ValueError(tp.SOURCE_BAD_DECIMALS.format(item_id=item_id, value=raw, most=MAX_DECIMALS))
    return raw


def _date(raw: Any) -> dt.date | None:
    return None if vals.is_blank(raw) else vals.parse_date(raw)


def _amount(raw: Any) -> float | None:
    return None if vals.is_blank(raw) else vals.parse_number(raw)


def _status_word(statuses: dict[str, str], text: str) -> AssignmentStatus | None:
    key = statuses.get(text.casefold())
    return AssignmentStatus(key) if key is not None else None
