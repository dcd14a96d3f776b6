"""What the history gives back, typed: the counting submissions' values, assignment reports and budget figures,
and every submission with its state. Built in one place (``toolkit.history.queries``) by the one counting rule
of ``toolkit.history.store``; consolidation, collect's status and the DataFrame views all read these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from toolkit.core.model import Assessment, AssignmentStatus, Value, ValueKind
from toolkit.core.periods import Period
from toolkit.core.returndata import ACCEPTED, CONFLICT, MISSING, RECEIVED, REJECTED, SUPERSEDED, deviation_tkr

# A stored submission's state.
STATES = (ACCEPTED, REJECTED, SUPERSEDED)
__all__ = ["ACCEPTED", "CONFLICT", "MISSING", "RECEIVED", "REJECTED", "STATES", "SUPERSEDED", "Collected",
           "ReportedAssignment", "ReportedBudget", "ReportedValue", "Submission"]


@dataclass(frozen=True)
class Submission:
    """One stored file of a unit for a period, counting or not. Times are naive local times."""

    submission_id: int
    unit_id: str
    period: Period
    file_name: str
    sha256: str
    received_at: dt.datetime
    stored_at: dt.datetime
    state: str  # ACCEPTED | REJECTED | SUPERSEDED
    errors: int
    warnings: int
    archive_path: str = ""
    run_id: int | None = None
    conflict: bool = False  # valid, tied with another for the newest, and not chosen: it does not count
    sender: str = ""  # the mail it came in ("Name <address>"), or ""
    mail_date: dt.datetime | None = None
    chosen_by: str = ""  # who chose it in a conflict (it counts by that choice), and when
    chosen_at: dt.datetime | None = None

    @property
    def standing(self) -> str:
        """The state as users read it: CONFLICT for a file in an unsettled conflict, else ``state``."""
        return CONFLICT if self.conflict else self.state

    @property
    def chosen(self) -> bool:
        return self.chosen_at is not None


@dataclass(frozen=True)
class ReportedValue:
    """A counting submission's outcome (and the unit's assessment and analysis) for one indicator."""

    period: Period
    unit_id: str
    unit_name: str
    indicator_id: str
    number: float | None  # the value as a number (yes = 1.0, no = 0.0, shares as fractions), else None
    text: str | None  # the value as a Swede writes it, or the text of a text indicator
    raw_value: str  # the cell as the unit left it
    assessment: Assessment | None
    analysis: str
    measures: str
    submission_id: int
    received_at: dt.datetime

    def value(self, kind: ValueKind) -> Value:
        """The normalized value by the indicator's kind (the history keeps yes as 1.0 and no as 0.0)."""
        if kind is ValueKind.TEXT:
            return self.text or None
        if kind is ValueKind.YESNO:
            return None if self.number is None else self.number != 0
        return self.number


@dataclass(frozen=True)
class ReportedAssignment:
    period: Period
    unit_id: str
    assignment_id: str
    status: AssignmentStatus | None
    comment: str
    submission_id: int


@dataclass(frozen=True)
class ReportedBudget:
    period: Period
    unit_id: str
    frame_tkr: float | None
    outcome_tkr: float | None
    forecast_tkr: float | None
    comment: str
    events: str
    submission_id: int

    @property
    def deviation_tkr(self) -> float | None:
        return deviation_tkr(self.frame_tkr, self.forecast_tkr)


@dataclass
class Collected:
    """Everything the history holds for one period: the counting submissions' reports, and every
    submission (counting or not) in unit and time order."""

    period: Period
    values: list[ReportedValue] = field(default_factory=list)
    assignments: list[ReportedAssignment] = field(default_factory=list)
    budget: list[ReportedBudget] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
