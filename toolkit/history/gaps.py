"""What a step needs from the history that the history does not have, said as findings that name the database.

A trend, a baseline, the returns' "reported earlier this year" column and the plausibility check all look back
at earlier periods. When the history lacks one (a new, empty database next to next year's master is the usual
cause), the step still runs, and says so instead of silently comparing with less.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.core import findings as fnd
from toolkit.core.findings import Finding
from toolkit.core.periods import Period
from toolkit.history.backend import Target, describe
from toolkit.texts import history as th


def earlier_in_year(period: Period) -> list[Period]:
    """The periods of the same year before ``period`` (none for T1)."""
    return [Period(period.year, t) for t in range(1, period.tertial)]


def same_period_last_year(period: Period) -> Period:
    return Period(period.year - 1, period.tertial)


def missing_database(database: Target, needed_for: str) -> Finding:
    """The database does not exist, so what ``needed_for`` (a key of ``texts.history.NEEDED_FOR``) needs is not
    there."""
    return fnd.make("history-missing", file=describe(database), consequence=th.NEEDED_FOR[needed_for])


def missing_periods(database: Target, counted: Iterable[Period], wanted: Iterable[Period],
                    needed_for: str) -> list[Finding]:
    """One finding per period of ``wanted`` that has no counting submission in ``counted``."""
    have = set(counted)
    return [fnd.make("history-period-missing", file=describe(database), found=str(p),
                     consequence=th.NEEDED_FOR[needed_for]) for p in wanted if p not in have]
