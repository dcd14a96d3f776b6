"""A plan as JSON and back, exactly: what the archive keeps of each plan version a return was collected against,
so that the history can be rebuilt from the archive alone.

The codec follows the dataclasses' type hints (enumerations by value, dates as ISO text, periods as "2026-T2",
periodicities with their text and tertials). Where a value was read from (``Source``) is not kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from toolkit.core.model import Assignment, Budget, Frame, Goal, Indicator, Plan, Settings, Source, SubGoal, Unit
from toolkit.core.periods import Period, Periodicity

FORMAT = 1


def plan_to_json(plan: Plan) -> str:
    return json.dumps({"format": FORMAT, "plan": _encode(plan)}, ensure_ascii=False, sort_keys=True, indent=1)


def plan_from_json(text: str) -> Plan:
    """The plan ``plan_to_json`` wrote. Raises ValueError for a text that is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a plan written by plan_to_json")
    plan = _decode(Plan, data["plan"])
    if not isinstance(plan, Plan):
        raise ValueError("not a plan")
    return plan


def plan_from_identity_content(text: str) -> Plan:
    """The plan the history keeps of each version a return was collected against (``Plan._identity_content`` as
    JSON: committee, year, goals, sub-goals, indicators, assignments without their status, units and frames). What
    it leaves out (the settings but the committee and year, assignment status, verdicts, the budget chapters but
    the frames) is left at its default. Raises ValueError for a text that is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or "year" not in data:
        raise ValueError("not a plan's identity content")

    def items(cls: type, key: str) -> list[Any]:
        return [_decode(cls, v) for v in data.get(key) or []]

    return Plan(settings=Settings(committee=str(data.get("committee") or ""), year=int(data["year"])),
                goals=items(Goal, "goals"), sub_goals=items(SubGoal, "sub_goals"),
                indicators=items(Indicator, "indicators"), assignments=items(Assignment, "assignments"),
                units=items(Unit, "units"), budget=Budget(frames=items(Frame, "frames")))


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, Periodicity):
        return {"text": value.text, "tertials": sorted(value.tertials)}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.type is not Source and f.name not in ("source", "cells")}
    raise TypeError(f"cannot encode {type(value).__name__}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return _decode(options[0], value)
        return value  # a Value (float | bool | str): JSON keeps it as it was
    if origin in (list, tuple):
        args = typing.get_args(hint)
        item = args[0] if args else Any
        items = [_decode(item, v) for v in value]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        _key, item = typing.get_args(hint) or (str, Any)
        return {k: _decode(item, v) for k, v in value.items()}
    if hint is Any:
        return value
    if isinstance(hint, type):
        if issubclass(hint, Enum):
            return hint(value)
        if hint is Period:
            return Period.parse(value)
        if hint is Periodicity:
            return Periodicity(value["text"], frozenset(value["tertials"]))
        if hint is dt.date:
            return dt.date.fromisoformat(value)
        if hint is float:
            return float(value)
        if dataclasses.is_dataclass(hint):
            hints = _hints(hint)
            kwargs = {f.name: _decode(hints[f.name], value[f.name]) for f in dataclasses.fields(hint)
                      if f.name in value and f.init}
            return hint(**kwargs)
    return value
