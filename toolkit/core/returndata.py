"""What a unit reported in a return, normalized: the output of validation, the input of collect."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.core.findings import Finding
from toolkit.core.model import Assessment, AssignmentStatus, Value
from toolkit.core.periods import Period

# Where a file or a unit stands for a period. A stored file is ACCEPTED (it counts), SUPERSEDED (valid, but a
# newer valid file of the unit counts) or REJECTED (invalid), and a valid file is in CONFLICT when it ties with
# another for the newest and the controller has not chosen; a unit is ACCEPTED, REJECTED (no valid file),
# CONFLICT (valid files that cannot be ordered, none counts), MISSING (no file) or RECEIVED (a file is there
# but could not be read yet).
ACCEPTED = "accepted"
REJECTED = "rejected"
SUPERSEDED = "superseded"
CONFLICT = "conflict"
MISSING = "missing"
RECEIVED = "received"


@dataclass
class IndicatorReport:
    indicator_id: str
    outcome: Value = None  # normalized: float (shares as fractions 0..1), bool, str, or None
    raw_outcome: str = ""  # the cell as the unit left it, as text
    assessment: Assessment | None = None
    analysis: str = ""
    measures: str = ""


@dataclass
class AssignmentReport:
    assignment_id: str
    status: AssignmentStatus | None = None
    comment: str = ""


def deviation_tkr(frame_tkr: float | None, forecast_tkr: float | None) -> float | None:
    """Avvikelse = ram - prognos (positive: surplus, negative: deficit); None without both."""
    if frame_tkr is None or forecast_tkr is None:
        return None
    return frame_tkr - forecast_tkr


@dataclass
class BudgetReport:
    frame_tkr: float | None = None
    outcome_tkr: float | None = None
    forecast_tkr: float | None = None
    comment: str = ""
    events: str = ""  # väsentliga händelser (significant events), free text

    @property
    def deviation_tkr(self) -> float | None:
        """Avvikelse = ram - prognos (positive: surplus, negative: deficit)."""
        return deviation_tkr(self.frame_tkr, self.forecast_tkr)


@dataclass
class ReturnData:
    unit_id: str
    period: Period
    plan_identity: str = ""
    unit_fingerprint: str = ""
    format_version: int = 0
    generated_at: str = ""
    indicators: list[IndicatorReport] = field(default_factory=list)
    assignments: list[AssignmentReport] = field(default_factory=list)
    budget: BudgetReport | None = None


@dataclass
class ValidationResult:
    """What validating one returned file gives: its findings and, from the same single read, the
    normalized values (None when the file could not be read as a return at all)."""

    path: str
    sha256: str = ""
    findings: list[Finding] = field(default_factory=list)
    data: ReturnData | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def valid(self) -> bool:
        return self.data is not None and not self.errors
