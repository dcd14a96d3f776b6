"""What the checks of one return share: where findings go, the return's identity, and the state of the
checks of its sheets (plan, period, previous values, expected formulas, differences from the plan)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from toolkit.core import findings as fnd
from toolkit.core.findings import Finding
from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.validate.expected import Formulas, PlanContext

__all__ = ["Previous", "Findings", "Identity", "Diffs", "CheckContext", "PLAUSIBLE_FACTOR", "FORMULA_START"]

# (unit id, indicator id) -> the value the unit reported earlier in the year
Previous = Mapping[tuple[str, str], float]

PLAUSIBLE_FACTOR = 10.0  # an outcome above this times its reference (target, baseline, frame) is a warning
FORMULA_START = ("=", "+", "-", "@")  # text starting so would run as a formula if typed into a cell


class Findings:
    """The findings of one file, in the order they are found."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Finding] = []

    def add(self, code: str, sheet: str = "", cell: str = "", **kw: Any) -> None:
        self.items.append(fnd.make(code, file=self.file, sheet=sheet, cell=cell, **kw))


@dataclass
class Identity:
    """Who and what a return says it is, from its identity sheet (or, without one, from its economy row and
    the period being collected)."""

    unit_id: str
    period: Period
    cells: dict[str, str] = field(default_factory=dict)  # identity key -> its value's cell ("B3")
    plan_identity: str = ""
    unit_fingerprint: str = ""
    format_version: int = 0
    generated_at: str = ""
    has_sheet: bool = True  # False: the identity sheet is missing


@dataclass
class Diffs:
    """How a return differs from the plan, when it comes from another plan version that changed what the unit
    reports on. Rows added or removed and indicators of another kind of value touch what the unit entered
    (``blocking``: the return is migrated, ``nplan returns migrate``); changed wordings, targets, baselines,
    end dates and the frame do not (``changed``: one description each, the return is accepted with a warning)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kind_changed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        return bool(self.added or self.removed or self.kind_changed)


class CheckContext:
    """The state the checks of a return's input sheets share, complete before the first sheet is checked.

    ``diffs`` is None when the return comes from this plan version (or from one that did not change what
    the unit reports on): then a row that is not in the plan is an error, not a difference.
    """

    def __init__(self, plan_ctx: PlanContext, findings: Findings, identity: Identity, *,
                 previous: Previous | None, expected_formulas: Formulas | None, diffs: Diffs | None) -> None:
        self.plan_ctx = plan_ctx
        self.plan: Plan = plan_ctx.plan
        self.findings = findings
        self.identity = identity
        self.unit_id = identity.unit_id
        self.period = identity.period
        self.previous: Previous = previous or {}
        self.expected_formulas = expected_formulas
        self.diffs = diffs

    def add(self, code: str, sheet: str = "", cell: str = "", **kw: Any) -> None:
        self.findings.add(code, sheet, cell, **kw)
