"""The plan model: plain dataclasses, no workbook library in here.

Names follow ../shared/domain.md: committee (nämnd), plan (nämndplan), goal (regionmål), sub_goal
(delmål), indicator, assignment (uppdrag), unit (verksamhet), frame (budgetram), forecast, ...
Swedish labels for the enumerations live in ``toolkit.texts.common``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from typing import Any

from toolkit.core.periods import Period, Periodicity

# A value an indicator can take: a number (counts, decimal numbers, shares as fractions 0..1, amounts in tkr),
# a bool (yes/no) or a text.
Value = float | bool | str | None


class ValueKind(StrEnum):
    COUNT = "count"  # a whole number, 0 or more
    DECIMAL = "decimal"  # a number with at most Indicator.decimals decimals ("Tal": an index, a median)
    SHARE = "share"
    YESNO = "yesno"
    AMOUNT = "amount"
    TEXT = "text"


NUMBER_KINDS = frozenset({ValueKind.COUNT, ValueKind.DECIMAL, ValueKind.SHARE, ValueKind.AMOUNT})


class Measurement(StrEnum):
    """What a numeric indicator's value stands for in a period (see ../shared/domain.md)."""

    CUMULATIVE = "cumulative"  # accumulated from January: counts and amounts that grow through the year
    LEVEL = "level"  # the state at the period's end: waiting times, queues, shares, indices


def default_measurement(kind: ValueKind) -> Measurement | None:
    """The measurement of a kind when the plan names none: shares and decimal numbers (indices, medians) are
    levels, counts and amounts accumulate; yes/no and text are not measured."""
    if kind in (ValueKind.SHARE, ValueKind.DECIMAL):
        return Measurement.LEVEL
    if kind in (ValueKind.COUNT, ValueKind.AMOUNT):
        return Measurement.CUMULATIVE
    return None


MAX_DECIMALS = 6  # the most decimals an indicator's value may have


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Aggregation(StrEnum):
    SUM = "sum"
    MEAN = "mean"
    WEIGHTED_MEAN = "weighted_mean"
    ALL_YES = "all_yes"
    SINGLE = "single"


class AssignmentStatus(StrEnum):
    NOT_STARTED = "not_started"
    STARTED = "started"
    DONE = "done"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


class Assessment(StrEnum):
    """Måluppfyllelse: green / yellow / red / grey."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NONE = "none"


class TextKind(StrEnum):
    """What a block of the plan's own text is (the master's sheet Plantexter)."""

    HEADING = "heading"  # the heading of its chapter or section
    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"  # a heading inside a section ("Förvaltningsorganisation" in the seed)
    FORMULATION = "formulation"  # the committee's formulation, set apart ("RUN bidrar till ...")


class ChangeKind(StrEnum):
    INDEXATION = "indexation"
    SAVING = "saving"
    POLITICAL = "political"
    OTHER = "other"


@dataclass(frozen=True)
class Source:
    """Where a model object was read from: sheet, row and the column letter of each field."""

    sheet: str
    row: int
    columns: tuple[tuple[str, str], ...] = ()

    def cell(self, field_name: str | None = None) -> str:
        """The A1 address of a field on this row (the first column when the field is unknown)."""
        cols = dict(self.columns)
        col = cols.get(field_name or "", None) or (self.columns[0][1] if self.columns else "A")
        return f"{col}{self.row}"


def _source() -> Any:
    return field(default=None, compare=False, repr=False, metadata={"canonical": False})


@dataclass
class Settings:
    committee: str = ""
    year: int = 2026
    # Share of the target at which an indicator counts as "Delvis uppfyllt" (0.8 = 80 %).
    partly_threshold: float = 0.8
    # A budget deviation (frame - forecast, tkr) beyond this requires a comment in the return.
    deviation_threshold_tkr: float = 100.0
    # The password for sheet protection of the returns; empty = protection without password.
    protection_password: str = ""
    # The current period and paths, used by the Excel buttons (toolkit.xl); None / empty = not set, defaults.
    period: Period | None = None
    deadline: dt.date | None = None
    inbox: str = ""
    output_dir: str = ""
    database: str = ""
    # The region's Word template (.docx or .dotx) for the plan document and the follow-up; empty = nplan's
    # default template. Relative to the master's folder.
    word_template: str = ""
    # Should the Excel buttons also write the documents as tagged PDF (needs LibreOffice)?
    pdf: bool = False
    # Where each setting was read (setting name -> "Inställningar!B5").
    cells: dict[str, str] = field(default_factory=dict, compare=False, repr=False,
                                  metadata={"canonical": False})


@dataclass
class Goal:
    number: int
    title: str
    # The committee's formulation ("RUN bidrar till ..."); the goal's narrative is in Plan.texts.
    formulation: str = ""
    source: Source | None = _source()


@dataclass
class SubGoal:
    id: str
    goal: int
    text: str
    source: Source | None = _source()


@dataclass
class Indicator:
    id: str
    sub_goal: str
    name: str
    kind: ValueKind
    periodicity: Periodicity
    unit_of_measure: str = ""
    baseline_year: int | None = None
    baseline: Value = None
    # Why the baseline is missing, as the plan writes it ("Svar saknas"); empty when it is just empty.
    baseline_missing_reason: str = ""
    target: Value = None
    # How the plan writes a number of a thousand or more: "2 133" (grouped, the default) or "2300" (the seed
    # writes both). The master keeps it as the cell's number format; the plan document shows it so.
    baseline_grouped: bool = field(default=True, metadata={"canonical": False})
    target_grouped: bool = field(default=True, metadata={"canonical": False})
    direction: Direction = Direction.HIGHER
    units: tuple[str, ...] = ()
    aggregation: Aggregation = Aggregation.SUM
    # Overrides Settings.partly_threshold for this indicator when set.
    partly_threshold: float | None = None
    note: str = ""
    # What the value stands for: None = the kind's default (``default_measurement``); always None for yes/no
    # and text, which are not measured.
    measurement: Measurement | None = None
    # Decimals the value may have: required for DECIMAL, optional for SHARE (of the percent number) and
    # AMOUNT, 0 for COUNT; None = no limit (or not applicable).
    decimals: int | None = None
    source: Source | None = _source()

    def __post_init__(self) -> None:
        if self.measurement is None:
            self.measurement = default_measurement(self.kind)

    def is_due(self, period: Period) -> bool:
        return self.periodicity.is_due(period)

    @property
    def is_cumulative(self) -> bool:
        """Accumulated from January: compared with the target pro rata before December."""
        return self.measurement is Measurement.CUMULATIVE and self.kind in NUMBER_KINDS

    @property
    def is_level(self) -> bool:
        """The state at the period's end: compared with the whole target in every period."""
        return self.measurement is Measurement.LEVEL and self.kind in NUMBER_KINDS

    @property
    def only_in_first_tertial(self) -> bool:
        """Reported only in April (T1): its only period, so its inputs are required there."""
        return self.periodicity.tertials == frozenset({1})


@dataclass
class Assignment:
    id: str
    text: str
    periodicity: Periodicity
    status: AssignmentStatus = AssignmentStatus.NOT_STARTED
    end_date: dt.date | None = None
    units: tuple[str, ...] = ()
    plan_ahead: str = ""
    source: Source | None = _source()

    def is_due(self, period: Period) -> bool:
        return self.periodicity.is_due(period)


@dataclass
class Unit:
    id: str
    name: str
    contact: str = ""
    source: Source | None = _source()


@dataclass
class Measure:
    """5.1 Nämndens plan för hållbar ekonomi: one measure with its effect in tkr."""

    id: str
    text: str
    unit: str
    amount_tkr: float | None
    status: str = ""
    source: Source | None = _source()


@dataclass
class PriorForecast:
    """5.2 Årsprognos: last year's full-year forecast per unit, tkr."""

    unit: str
    forecast_tkr: float | None
    source: Source | None = _source()


@dataclass
class BudgetChange:
    """5.3 Budgetförändringar: one change from last year's frame to this year's, tkr."""

    unit: str
    kind: ChangeKind
    text: str
    amount_tkr: float | None
    source: Source | None = _source()


@dataclass
class Frame:
    """5.4 Fördelade budgetramar: last year's and this year's frame of a unit, tkr."""

    unit: str
    previous_tkr: float | None
    frame_tkr: float | None
    source: Source | None = _source()


@dataclass
class Budget:
    measures: list[Measure] = field(default_factory=list)
    prior_forecasts: list[PriorForecast] = field(default_factory=list)
    changes: list[BudgetChange] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    total_frame_tkr: float | None = None
    # The committee's ceiling for net cost growth, as a fraction (0.02 = 2 %).
    net_cost_ceiling: float | None = None
    # True when the figures are invented examples (shown to users).
    is_example: bool = False
    cells: dict[str, str] = field(default_factory=dict, compare=False, repr=False,
                                  metadata={"canonical": False})

    def frame_of(self, unit_id: str) -> Frame | None:
        return next((f for f in self.frames if f.unit == unit_id), None)

    def changes_of(self, unit_id: str) -> list[BudgetChange]:
        return [c for c in self.changes if c.unit == unit_id]

    @property
    def sum_frames(self) -> float:
        return sum(f.frame_tkr or 0.0 for f in self.frames)

    @property
    def sum_previous_frames(self) -> float:
        return sum(f.previous_tkr or 0.0 for f in self.frames)

    @property
    def sum_prior_forecasts(self) -> float:
        return sum(p.forecast_tkr or 0.0 for p in self.prior_forecasts)

    @property
    def net_cost_growth(self) -> float | None:
        """This year's distributed frames against last year's forecast net cost, as a fraction."""
        base = self.sum_prior_forecasts
        return (self.sum_frames / base - 1.0) if base else None


@dataclass
class PlanText:
    """One block of the plan's own text, in the order of the master's sheet Plantexter: a chapter's or a
    section's text (``section`` "2", "2.1", "3.2") or a goal's narrative (``goal``, section empty)."""

    section: str
    kind: TextKind
    text: str
    goal: int | None = None
    source: Source | None = _source()


@dataclass
class Weight:
    """A unit's weight in an indicator's weighted mean (e.g. its number of patients)."""

    indicator: str
    unit: str
    weight: float | None
    note: str = ""  # what the weight is, e.g. "listade patienter 2026-01-01"
    source: Source | None = _source()


@dataclass
class Verdict:
    """The controller's samlad bedömning of a goal or sub-goal in a period, with its motivation."""

    period: Period
    level: str  # "goal" or "sub_goal"
    ref: str  # goal number or sub-goal id, as text
    assessment: Assessment
    motivation: str = ""
    source: Source | None = _source()


@dataclass
class Plan:
    settings: Settings = field(default_factory=Settings)
    goals: list[Goal] = field(default_factory=list)
    sub_goals: list[SubGoal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)
    verdicts: list[Verdict] = field(default_factory=list)
    # The plan document's own texts (chapter 2, sections before the goals, the goals' narratives). They
    # steer nothing a unit reports, so they are not part of the plan's identity.
    texts: list[PlanText] = field(default_factory=list)
    # Weights of weighted means, per indicator and unit (the master's sheet Vikter).
    weights: list[Weight] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.settings.year

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def goal(self, number: int) -> Goal | None:
        return next((g for g in self.goals if g.number == number), None)

    def sub_goal(self, sub_goal_id: str) -> SubGoal | None:
        return next((s for s in self.sub_goals if s.id == sub_goal_id), None)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def assignment(self, assignment_id: str) -> Assignment | None:
        return next((a for a in self.assignments if a.id == assignment_id), None)

    def sub_goals_of(self, goal_number: int) -> list[SubGoal]:
        return [s for s in self.sub_goals if s.goal == goal_number]

    def indicators_of(self, sub_goal_id: str) -> list[Indicator]:
        return [i for i in self.indicators if i.sub_goal == sub_goal_id]

    def indicators_for(self, unit_id: str, period: Period | None = None) -> list[Indicator]:
        """The unit's indicators, in plan order; only those due in ``period`` when given."""
        return [i for i in self.indicators
                if unit_id in i.units and (period is None or i.is_due(period))]

    def assignments_for(self, unit_id: str, period: Period | None = None) -> list[Assignment]:
        return [a for a in self.assignments
                if unit_id in a.units and (period is None or a.is_due(period))]

    def units_due(self, period: Period) -> list[str]:
        """Units that owe a return for the period, in plan order: a due indicator or assignment, or a frame."""
        owing = {u for i in self.indicators if i.is_due(period) for u in i.units}
        owing |= {u for a in self.assignments if a.is_due(period) for u in a.units}
        owing |= {f.unit for f in self.budget.frames}
        return [u.id for u in self.units if u.id in owing]

    def deadline_for(self, period: Period) -> dt.date | None:
        """The master's "Sista dag för retur" when its current period is ``period``, else None (the setting
        belongs to the period the master is working on)."""
        return self.settings.deadline if self.settings.period == period else None
    def weights_of(self, indicator_id: str) -> dict[str, float]:
        """unit id -> weight of an indicator's weighted mean (the first row of a unit counts)."""
        out: dict[str, float] = {}
        for w in self.weights:
            if w.indicator == indicator_id and w.weight is not None:
                out.setdefault(w.unit, w.weight)
        return out

    def identity(self) -> str:
        """A short hash of the plan's content (what returns are generated from).

        Settings that only steer the tools (paths, period, password), assignment status, the controller's
        verdicts and the weights of weighted means are left out: they change during the year without
        changing what the returns ask for.
        """
        return _digest(self._identity_content())

    def unit_fingerprint(self, unit_id: str) -> str:
        """A hash of what one unit reports on: its indicators, its assignments and its frame."""
        content = {
            "unit": canonical(self.unit(unit_id)),
            "indicators": [canonical(i) for i in self.indicators_for(unit_id)],
            "assignments": [_assignment_identity(a) for a in self.assignments_for(unit_id)],
            "frame": canonical(self.budget.frame_of(unit_id)),
        }
        return _digest(content)

    def _identity_content(self) -> dict[str, Any]:
        return {
            "committee": self.settings.committee,
            "year": self.settings.year,
            "goals": [canonical(g) for g in self.goals],
            "sub_goals": [canonical(s) for s in self.sub_goals],
            "indicators": [canonical(i) for i in self.indicators],
            "assignments": [_assignment_identity(a) for a in self.assignments],
            "units": [canonical(u) for u in self.units],
            "frames": [canonical(f) for f in self.budget.frames],
        }


def _assignment_identity(a: Assignment) -> dict[str, Any]:
    d = canonical(a)
    d.pop("status", None)
    d.pop("plan_ahead", None)
    return d


def _digest(content: Any) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def canonical(obj: Any) -> Any:
    """A JSON-ready form of a model object without its source locations."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, Periodicity):
        return {"text": obj.text, "tertials": sorted(obj.tertials)}
    if isinstance(obj, (list, tuple, frozenset, set)):
        items = [canonical(x) for x in obj]
        return sorted(items, key=str) if isinstance(obj, (set, frozenset)) else items
    if isinstance(obj, dict):
        return {str(k): canonical(v) for k, v in obj.items()}
    if is_dataclass(obj):
        return {f.name: canonical(getattr(obj, f.name)) for f in fields(obj)
                if f.metadata.get("canonical", True)}
    return str(obj)
