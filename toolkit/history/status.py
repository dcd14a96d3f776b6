"""Where each unit stands for a period, from everything the history holds: one ``UnitStatus`` per unit, used by
collect's status table and workbook and by the committee's report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from toolkit.core.model import Plan
from toolkit.history.records import ACCEPTED, CONFLICT, MISSING, RECEIVED, REJECTED, SUPERSEDED, Submission
from toolkit.texts import collect as tcol


@dataclass
class UnitStatus:
    """Where a unit stands for the period: ACCEPTED (a valid file counts), REJECTED (files, none valid),
    CONFLICT (valid files received in the same second with different content: none counts until the controller
    chooses), MISSING (no file) or RECEIVED (a file is there but could not be read yet; a re-run reads it). The
    file, time and counts are those of the file the status rests on (the counting one, else the newest).
    ``deadline``: the period's last day for returns, when known; ``days_late`` says how the file's time stands
    against it."""

    unit_id: str
    unit_name: str
    state: str
    file_name: str = ""
    received_at: dt.datetime | None = None
    errors: int = 0
    warnings: int = 0
    submissions: int = 0  # files stored for the unit and period
    submission_id: int | None = None
    note: str = ""
    deadline: dt.date | None = None
    sender: str = ""  # the mail the shown file came in

    @property
    def status_label(self) -> str:
        return tcol.STATUS[self.state]

    @property
    def days_late(self) -> int | None:
        """Calendar days after the deadline the shown file was received (0: in time); None without a deadline
        or a file."""
        if self.deadline is None or self.received_at is None:
            return None
        return days_late(self.received_at, self.deadline)

    @property
    def timeliness(self) -> str:
        """"i tid", "3 dagar sent", or "" (no deadline or no file), as users read it."""
        return timeliness(self.days_late)


def days_late(received_at: dt.datetime, deadline: dt.date) -> int:
    """Calendar days between the deadline and the day a file was received (naive local time), 0 when it came on
    or before the deadline: the deadline is a whole day."""
    return max((received_at.date() - deadline).days, 0)


def timeliness(late: int | None) -> str:
    if late is None:
        return ""
    if late == 0:
        return tcol.ON_TIME
    return tcol.LATE.get(late, tcol.LATE["many"]).format(n=late)


def unit_statuses(submissions: Iterable[Submission], plan: Plan, *, units: Sequence[str] | None = None,
                  unknown_name: Callable[[str], str] = lambda _uid: tcol.UNKNOWN_UNIT,
                  unattributed: bool = True, deadline: dt.date | None = None) -> list[UnitStatus]:
    """The status of each unit in ``units`` (default: every unit of the plan, in plan order), then one row per
    unit id that sent something but is not in the plan (named by ``unknown_name``); files tied to no unit at
    all (unit "") get a row of their own when ``unattributed``. ``submissions``: one period's, oldest first
    per unit (as ``History.submission_list`` gives them), so that the last is the newest. ``deadline``: the
    period's last day for returns, if known."""
    by_unit: dict[str, list[Submission]] = {}
    for s in submissions:
        by_unit.setdefault(s.unit_id, []).append(s)
    names = {u.id: u.name for u in plan.units}
    listed = [(uid, names.get(uid, uid)) for uid in (units if units is not None else list(names))]
    unknown = [(uid, unknown_name(uid)) for uid in sorted(by_unit)
               if plan.unit(uid) is None and (uid or unattributed)]
    rows: list[UnitStatus] = []
    for uid, name in listed + unknown:
        mine = by_unit.get(uid, [])
        if not mine:
            rows.append(UnitStatus(uid, name, MISSING, deadline=deadline))
            continue
        newest = mine[-1]
        counting = next((s for s in reversed(mine) if s.state == ACCEPTED), None)
        tied = [s for s in mine if s.conflict]
        notes = []
        if counting is not None:
            shown, state = counting, ACCEPTED
            if newest is not counting and newest.state == REJECTED:
                notes.append(tcol.NOTE_NEWER_REJECTED.format(file=newest.file_name, errors=newest.errors))
            if counting.chosen:
                when = counting.chosen_at.strftime("%Y-%m-%d %H:%M") if counting.chosen_at else ""
                who = tcol.NOTE_CHOSEN_WHO.format(who=counting.chosen_by) if counting.chosen_by else ""
                notes.append(tcol.NOTE_CHOSEN.format(who=who, when=when))
            n_superseded = sum(s.state == SUPERSEDED for s in mine)
            if n_superseded:
                template = tcol.NOTE_SUPERSEDED.get(n_superseded, tcol.NOTE_SUPERSEDED["many"])
                notes.append(template.format(n=n_superseded))
        elif tied:
            shown, state = tied[-1], CONFLICT
            notes.append(tcol.NOTE_CONFLICT.format(files=", ".join(s.file_name for s in tied), unit=uid or "-",
                                                 example=tied[-1].file_name))
        else:
            shown, state = newest, REJECTED
        if plan.unit(uid) is None and not uid:
            notes.insert(0, tcol.NOTE_NOT_ATTRIBUTED)
        rows.append(UnitStatus(uid, name, state, shown.file_name, shown.received_at, shown.errors, shown.warnings,
                               len(mine), shown.submission_id, " ".join(notes), deadline, shown.sender))
    return rows


def mark_unreadable(units: list[UnitStatus], unreadable: Iterable[tuple[str, str, dt.datetime, str]]) -> None:
    """Files that could not be read at all this time (still being saved, no permission), as (unit id, file
    name, received at (aware), reason), are received but not judged: nothing is stored and a re-run reads
    them. A unit with nothing else shows RECEIVED."""
    by_unit = {u.unit_id: u for u in units}
    for unit_id, file_name, received_at, reason in unreadable:
        unit = by_unit.get(unit_id)
        if unit is None:
            unit = UnitStatus(unit_id, tcol.UNKNOWN_UNIT, MISSING, deadline=units[0].deadline if units else None)
            units.append(unit)
            by_unit[unit_id] = unit
        note = tcol.NOTE_UNREADABLE.format(file=file_name, reason=reason)
        unit.note = f"{unit.note} {note}".strip()
        if unit.state == MISSING:
            unit.state, unit.file_name = RECEIVED, file_name
            unit.received_at = received_at.astimezone().replace(tzinfo=None)
            unit.submissions += 1


__all__ = ["ACCEPTED", "CONFLICT", "MISSING", "RECEIVED", "REJECTED", "UnitStatus", "days_late", "mark_unreadable",
           "timeliness", "unit_statuses"]
