"""Times in the history: stored as fixed-width UTC ISO text (text order is time order), read back as naive
local time (what a controller reads, and what Excel can hold)."""

from __future__ import annotations

import datetime as dt


def utc_text(when: dt.datetime | float | str) -> str:
    """A time as fixed-width UTC ISO text ("2026-08-31T10:15:00.000000+00:00").

    Accepts an aware datetime, a naive datetime (read as local time), a POSIX timestamp or ISO text.
    """
    if isinstance(when, str):
        when = dt.datetime.fromisoformat(when)
    if isinstance(when, (int, float)):
        when = dt.datetime.fromtimestamp(when, tz=dt.UTC)
    if when.tzinfo is None:
        when = when.astimezone()  # naive = local time
    return when.astimezone(dt.UTC).isoformat(timespec="microseconds")


def local_time(text: str | None) -> dt.datetime | None:
    """Stored UTC text -> naive local datetime (what a controller reads, and what Excel can hold)."""
    if not text:
        return None
    return dt.datetime.fromisoformat(text).astimezone().replace(tzinfo=None)


def now_text() -> str:
    return utc_text(dt.datetime.now(dt.UTC))
