"""Typed reads of the history: the counting submissions' reports and every submission, as the dataclasses
of ``toolkit.history.records``. Only the counting ("accepted") submission of a unit and period feeds the
reports; which one counts was decided when it was stored (``toolkit.history.store``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from toolkit.core.errors import NplanError
from toolkit.core.findings import Finding
from toolkit.core.model import Assessment, AssignmentStatus, Plan
from toolkit.core.periods import Period
from toolkit.core.serial import plan_from_identity_content
from toolkit.history.backend import Database
from toolkit.history.records import (
    Collected,
    ReportedAssignment,
    ReportedBudget,
    ReportedValue,
    Submission,
)
from toolkit.history.times import local_time
from toolkit.texts import collect as tcol


class HistoryError(NplanError):
    """The history database cannot be opened, read or written."""


_ORDER = "ORDER BY p.year, p.tertial, COALESCE(u.position, 1e9), s.unit_id"


class HistoryReads:
    """The typed reads of ``History`` (a mixin: ``History`` gives the connection and the path)."""

    _db: Database
    path: Path | str

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return list(self._db.execute(sql, tuple(params)).fetchall())
        except self._db.errors as exc:
            raise HistoryError(tcol.DB_CANNOT_READ.format(path=self.path, reason=exc)) from exc

    def submission_list(self, *, period: Period | None = None, unit_id: str | None = None) -> list[Submission]:
        """Every stored submission, counting or not, oldest first per unit (period, unit, time, file name)."""
        where, params = _where(period=period)
        if unit_id is not None:
            where += " AND s.unit_id = ?"
            params.append(unit_id)
        rows = self._rows(f"""SELECT s.submission_id, s.unit_id, s.period, s.file_name, s.sha256, s.received_at,
                                     s.stored_at, s.state, s.errors, s.warnings, s.archive_path, s.run_id,
                                     s.conflict, s.sender, s.mail_date, c.chosen_by, c.chosen_at
                              FROM submissions s JOIN periods p ON p.period = s.period
                              LEFT JOIN choices c ON c.choice_id = s.choice_id
                              WHERE 1 = 1 {where}
                              ORDER BY p.year, p.tertial, s.unit_id, s.received_at, s.file_name,
                                       s.submission_id""", params)
        # Ordered here (period, unit, time received as stored in UTC, file name, id), not by the database: a
        # server's collation may order names differently from SQLite's.
        rows.sort(key=lambda r: (r[2], r[1], r[5], r[3], int(r[0])))
        periods = _Periods()
        return [Submission(int(r[0]), r[1], periods(r[2]), r[3], r[4], _time(r[5]), _time(r[6]), r[7], int(r[8]),
                           int(r[9]), r[10] or "", r[11], bool(r[12]), r[13] or "", _time(r[14]), r[15] or "",
                           _time(r[16]))
                for r in rows]

    def reported_values(self, *, period: Period | None = None, year: int | None = None) -> list[ReportedValue]:
        """The counting submissions' indicator values, in period, plan unit and plan indicator order."""
        where, params = _where(year=year, period=period)
        rows = self._rows(f"""SELECT s.period, s.unit_id, COALESCE(u.name, s.unit_id), v.indicator_id, v.value,
                                     v.value_text, v.raw_value, v.assessment, v.analysis, v.measures,
                                     s.submission_id, s.received_at
                              FROM submissions s JOIN periods p ON p.period = s.period
                              JOIN indicator_values v ON v.submission_id = s.submission_id
                              LEFT JOIN plan_units u ON u.plan_id = s.plan_id AND u.unit_id = s.unit_id
                              LEFT JOIN plan_indicators i
                                     ON i.plan_id = s.plan_id AND i.indicator_id = v.indicator_id
                              WHERE s.state = 'accepted' {where}
                              {_ORDER}, COALESCE(i.position, 1e9), v.position""", params)
        periods = _Periods()
        return [ReportedValue(periods(per), unit, name, iid, None if value is None else float(value), text,
                              raw or "", _assessment(assessment), analysis or "", measures or "", int(sid),
                              _time(received))
                for per, unit, name, iid, value, text, raw, assessment, analysis, measures, sid, received in rows]

    def reported_assignments(self, *, period: Period | None = None,
                             year: int | None = None) -> list[ReportedAssignment]:
        """The counting submissions' assignment reports, in period, plan unit and plan assignment order."""
        where, params = _where(year=year, period=period)
        rows = self._rows(f"""SELECT s.period, s.unit_id, a.assignment_id, a.status, a.comment, s.submission_id
                              FROM submissions s JOIN periods p ON p.period = s.period
                              JOIN assignment_reports a ON a.submission_id = s.submission_id
                              LEFT JOIN plan_units u ON u.plan_id = s.plan_id AND u.unit_id = s.unit_id
                              LEFT JOIN plan_assignments pa
                                     ON pa.plan_id = s.plan_id AND pa.assignment_id = a.assignment_id
                              WHERE s.state = 'accepted' {where}
                              {_ORDER}, COALESCE(pa.position, 1e9), a.position""", params)
        periods = _Periods()
        return [ReportedAssignment(periods(per), unit, aid, _status(status), comment or "", int(sid))
                for per, unit, aid, status, comment, sid in rows]

    def reported_budget(self, *, period: Period | None = None, year: int | None = None) -> list[ReportedBudget]:
        """The counting submissions' budget figures (tkr), in period and plan unit order."""
        where, params = _where(year=year, period=period)
        rows = self._rows(f"""SELECT s.period, s.unit_id, b.frame_tkr, b.outcome_tkr, b.forecast_tkr, b.comment,
                                     b.events, s.submission_id
                              FROM submissions s JOIN periods p ON p.period = s.period
                              JOIN budget_figures b ON b.submission_id = s.submission_id
                              LEFT JOIN plan_units u ON u.plan_id = s.plan_id AND u.unit_id = s.unit_id
                              WHERE s.state = 'accepted' {where}
                              {_ORDER}""", params)
        periods = _Periods()
        return [ReportedBudget(periods(per), unit, _float(frame), _float(outcome), _float(forecast),
                               comment or "", events or "", int(sid))
                for per, unit, frame, outcome, forecast, comment, events, sid in rows]

    def collected(self, period: Period) -> Collected:
        """Everything the history holds for ``period``."""
        return Collected(period, self.reported_values(period=period), self.reported_assignments(period=period),
                         self.reported_budget(period=period), self.submission_list(period=period))

    def finding_list(self, submission_id: int) -> list[Finding]:
        """The findings of one submission, in the order validation gave them."""
        rows = self._rows("""SELECT code, severity, message, file, sheet, cell, field, item_id, found, expected
                             FROM findings WHERE submission_id = ? ORDER BY seq""", [int(submission_id)])
        return [Finding(*row) for row in rows]

    def previous_values(self, unit_id: str, period: Period) -> dict[str, float]:
        """indicator_id -> the numeric value the unit reported for it in the latest EARLIER period of the
        same year (from that period's counting submission); indicators never reported earlier are absent.
        Used for the return's "reported earlier" column and for plausibility checks."""
        return self.previous_values_by_unit(period).get(unit_id, {})

    def previous_values_by_unit(self, period: Period) -> dict[str, dict[str, float]]:
        """``previous_values`` for every unit at once: unit_id -> indicator_id -> value."""
        rows = self._rows("""SELECT s.unit_id, v.indicator_id, v.value
                             FROM submissions s JOIN periods p ON p.period = s.period
                             JOIN indicator_values v ON v.submission_id = s.submission_id
                             WHERE s.state = 'accepted' AND p.year = ? AND p.tertial < ? AND v.value IS NOT NULL
                             ORDER BY p.tertial""", (period.year, period.tertial))
        out: dict[str, dict[str, float]] = {}
        for unit, indicator, value in rows:  # later periods overwrite earlier ones
            out.setdefault(unit, {})[indicator] = float(value)
        return out

    def previous_value_map(self, period: Period) -> dict[tuple[str, str], float]:
        """``previous_values`` for every unit at once, keyed (unit_id, indicator_id): the shape validation and
        the return generator take as ``previous``."""
        return {(unit, indicator): value for unit, values in self.previous_values_by_unit(period).items()
                for indicator, value in values.items()}

    def known_files(self, period: Period) -> dict[str, tuple[int, str]]:
        """sha256 -> (submission_id, unit_id) of every file stored for ``period``."""
        rows = self._rows("SELECT sha256, submission_id, unit_id FROM submissions WHERE period = ?", (str(period),))
        return {sha: (int(sid), unit) for sha, sid, unit in rows}

    def periods(self) -> list[Period]:
        """The periods the history has submissions for, oldest first."""
        return [Period.parse(r[0]) for r in self._rows("SELECT period FROM periods ORDER BY year, tertial")]

    def counted_periods(self) -> list[Period]:
        """The periods with at least one counting submission, oldest first (a period whose every file was
        rejected holds no values)."""
        rows = self._rows("SELECT DISTINCT period FROM submissions WHERE state = 'accepted'")
        return sorted(Period.parse(r[0]) for r in rows)

    def plan_version(self, period: Period) -> Plan | None:
        """The plan ``period``'s counting submissions were collected against (the latest version stored, when the
        master changed during the round), as the history keeps it (``core.serial.plan_from_identity_content``):
        enough to combine the units' values by each indicator's rule. None when the period has no counting
        submission."""
        rows = self._rows("""SELECT p.content FROM plans p
                             WHERE p.plan_id = (SELECT MAX(s.plan_id) FROM submissions s
                                                WHERE s.period = ? AND s.state = 'accepted')""", (str(period),))
        if not rows:
            return None
        try:
            return plan_from_identity_content(rows[0][0])
        except (ValueError, KeyError, TypeError) as exc:
            raise HistoryError(tcol.DB_CANNOT_READ.format(path=self.path, reason=exc)) from exc

    def _plan_id(self, identity: str | None) -> int:
        if identity:
            rows = self._rows("SELECT plan_id FROM plans WHERE identity = ?", (identity,))
        else:
            rows = self._rows("SELECT MAX(plan_id) FROM plans")
        return int(rows[0][0]) if rows and rows[0][0] is not None else -1


class _Periods:
    """Period texts as stored -> Period, each text parsed once per read."""

    def __init__(self) -> None:
        self._seen: dict[str, Period] = {}

    def __call__(self, text: str) -> Period:
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = Period.parse(text)
        return found


def _where(*, year: int | None = None, period: Period | None = None) -> tuple[str, list[Any]]:
    where, params = "", list[Any]()
    if period is not None:
        where += " AND s.period = ?"
        params.append(str(period))
    if year is not None:
        where += " AND p.year = ?"
        params.append(int(year))
    return where, params


def _time(text: str | None) -> Any:
    return local_time(text)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _assessment(value: str | None) -> Assessment | None:
    return Assessment(value) if value else None


def _status(value: str | None) -> AssignmentStatus | None:
    return AssignmentStatus(value) if value else None
