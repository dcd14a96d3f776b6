"""Periods (tertials) and periodicity texts.

A period is one tertial of a year: T1 (April, jan-apr), T2 (August, jan-aug), T3 (December, jan-dec).
A periodicity text is written as in the plan ("Tertial: aug, dec", "Tertial aug, dec", "År",
"Tertial") and decides in which tertials an indicator or assignment is due.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.core.errors import InputError, NplanError
from toolkit.texts import common as tc

MONTH_TO_TERTIAL = {
    "apr": 1, "april": 1,
    "aug": 2, "augusti": 2,
    "dec": 3, "december": 3,
}
TERTIAL_MONTH = {1: "apr", 2: "aug", 3: "dec"}


@dataclass(frozen=True, order=True)
class Period:
    """One tertial of a plan year, written canonically as "2026-T2"."""

    year: int
    tertial: int

    def __post_init__(self) -> None:
        if self.tertial not in (1, 2, 3):
            raise ValueError(f"tertial must be 1, 2 or 3, not {self.tertial}")

    def __str__(self) -> str:
        return f"{self.year}-T{self.tertial}"

    @property
    def month(self) -> str:
        """The month in which the period is reported: apr, aug or dec."""
        return TERTIAL_MONTH[self.tertial]

    @property
    def is_simplified(self) -> bool:
        """T1 is the simplified report: goal assessment is optional."""
        return self.tertial == 1

    def previous(self) -> Period | None:
        """The previous period in the same year, or None for T1."""
        return Period(self.year, self.tertial - 1) if self.tertial > 1 else None

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse "2026-T2", "2026-t2", "T2 2026", "2026-aug", "aug 2026" or "2026 T2".

        Raises PeriodError with a Swedish message when the text is not a period.
        """
        raw = str(text).strip()
        s = raw.lower().replace("_", "-")
        m = re.fullmatch(r"(\d{4})\s*[- ]?\s*t([123])", s) or re.fullmatch(r"t([123])\s*[- ]?\s*(\d{4})", s)
        if m:
            a, b = m.groups()
            year, tertial = (int(a), int(b)) if len(a) == 4 else (int(b), int(a))
            return cls(year, tertial)
        m = re.fullmatch(r"(\d{4})\s*[- ]?\s*([a-zåäö]+)", s) or re.fullmatch(r"([a-zåäö]+)\s*[- ]?\s*(\d{4})", s)
        if m:
            a, b = m.groups()
            year_s, month = (a, b) if a.isdigit() else (b, a)
            if month in MONTH_TO_TERTIAL:
                return cls(int(year_s), MONTH_TO_TERTIAL[month])
        raise PeriodError(tc.PERIOD_INVALID.format(value=raw))


def check_plan_year(period: Period, year: int) -> Period:
    """``period`` when it lies in the plan year ``year``; InputError with the one message every command gives
    otherwise (a report of 2027 judged against the targets of 2028 is wrong, not merely odd)."""
    if period.year != year:
        raise InputError(tc.PERIOD_OUTSIDE_PLAN_YEAR.format(period=period, year=year, period_year=period.year))
    return period


class PeriodError(NplanError):
    """A text that is not a period."""


@dataclass(frozen=True)
class Periodicity:
    """When something is reported: the tertials it is due in, and the plan's own text."""

    text: str
    tertials: frozenset[int]

    def is_due(self, period: Period) -> bool:
        return period.tertial in self.tertials


def parse_periodicity(text: str) -> Periodicity:
    """Read a periodicity exactly as the plan writes it.

    "Tertial: aug, dec" and "Tertial aug, dec" -> T2, T3; "Tertial" -> T1, T2, T3; "År" (or "Årsvis",
    "Helår") -> T3; "Tertial: apr" -> T1. Raises PeriodicityError for anything else.
    """
    raw = " ".join(str(text or "").split())
    s = raw.lower()
    if s in ("år", "årsvis", "helår", "årligen", "ar"):
        return Periodicity(raw, frozenset({3}))
    m = re.fullmatch(r"tertial(?:vis)?\s*:?\s*(.*)", s)
    if m:
        rest = m.group(1).strip()
        if not rest:
            return Periodicity(raw, frozenset({1, 2, 3}))
        months = [p.strip() for p in re.split(r"[,;/]|\soch\s|\s", rest) if p.strip()]
        if months and all(p in MONTH_TO_TERTIAL for p in months):
            return Periodicity(raw, frozenset(MONTH_TO_TERTIAL[p] for p in months))
    raise PeriodicityError(tc.PERIODICITY_INVALID.format(value=raw))


class PeriodicityError(NplanError):
    """A periodicity text that cannot be read."""
