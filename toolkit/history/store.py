"""The history store: every collected return, in one SQLite database.

This is the ONE module that knows the schema. The schema grows by numbered migrations (``MIGRATIONS``),
each applied in its own transaction and recorded in the ``schema_version`` table; opening a database
applies the missing ones, so an old database keeps working with new code.

What is kept: the plan's identity (and its units, indicators and assignments, in plan order), the
periods, every submission (file name, SHA-256 of the content, the time it was received = the file's
modification time, the time it was stored, its state) with its findings, and the normalized and raw
indicator values, assessments, analyses, assignment status and budget figures it carried.

Which submission counts: per unit and period, the newest VALID submission (newest by the time it was
received, i.e. the file's modification time; on equal times the greatest file name; then the one stored
last). It has state "accepted"; earlier valid ones are "superseded", invalid ones "rejected". All stay in
the history with their times. Only the counting submission feeds the DataFrame readers' values.

Concurrency and crashes: every write runs inside ``BEGIN IMMEDIATE`` with a busy timeout, and a
unique constraint on (sha256, unit, period) makes storing the same file twice a no-op, so two processes
collecting into one database at once lose and duplicate nothing, and a process killed at any point leaves
the last committed state (SQLite's journal rolls back the rest); running again completes the work.
The database uses SQLite's default rollback journal (not WAL), which also works on network drives.

Times: stored as UTC ISO 8601 text (fixed width, so text order is time order); the DataFrame readers
return them as naive local-time timestamps, which is what a controller reads and what Excel can hold.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import pandas as pd

from toolkit.core.errors import NplanError
from toolkit.core.model import Plan, ValueKind
from toolkit.core.periods import Period
from toolkit.core.returndata import ValidationResult

# A submission's state.
ACCEPTED = "accepted"
REJECTED = "rejected"
SUPERSEDED = "superseded"
STATES = (ACCEPTED, REJECTED, SUPERSEDED)

BUSY_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", (
        """CREATE TABLE plans (
            plan_id INTEGER PRIMARY KEY,
            identity TEXT NOT NULL UNIQUE,
            committee TEXT NOT NULL,
            year INTEGER NOT NULL,
            content TEXT NOT NULL,
            stored_at TEXT NOT NULL)""",
        """CREATE TABLE plan_units (
            plan_id INTEGER NOT NULL REFERENCES plans(plan_id),
            unit_id TEXT NOT NULL,
            name TEXT NOT NULL,
            position INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (plan_id, unit_id))""",
        """CREATE TABLE plan_indicators (
            plan_id INTEGER NOT NULL REFERENCES plans(plan_id),
            indicator_id TEXT NOT NULL,
            sub_goal TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            unit_of_measure TEXT NOT NULL,
            direction TEXT NOT NULL,
            aggregation TEXT NOT NULL,
            periodicity TEXT NOT NULL,
            baseline REAL,
            baseline_text TEXT,
            target REAL,
            target_text TEXT,
            position INTEGER NOT NULL,
            PRIMARY KEY (plan_id, indicator_id))""",
        """CREATE TABLE plan_assignments (
            plan_id INTEGER NOT NULL REFERENCES plans(plan_id),
            assignment_id TEXT NOT NULL,
            text TEXT NOT NULL,
            end_date TEXT,
            position INTEGER NOT NULL,
            PRIMARY KEY (plan_id, assignment_id))""",
        """CREATE TABLE periods (
            period TEXT PRIMARY KEY,
            year INTEGER NOT NULL,
            tertial INTEGER NOT NULL CHECK (tertial IN (1, 2, 3)))""",
        """CREATE TABLE runs (
            run_id INTEGER PRIMARY KEY,
            period TEXT NOT NULL,
            inbox TEXT NOT NULL,
            master TEXT NOT NULL,
            plan_identity TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            files INTEGER,
            stored INTEGER)""",
        """CREATE TABLE submissions (
            submission_id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(plan_id),
            period TEXT NOT NULL REFERENCES periods(period),
            unit_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            received_at TEXT NOT NULL,
            stored_at TEXT NOT NULL,
            valid INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('accepted', 'rejected', 'superseded')),
            errors INTEGER NOT NULL,
            warnings INTEGER NOT NULL,
            file_plan_identity TEXT NOT NULL,
            format_version INTEGER NOT NULL,
            generated_at TEXT NOT NULL,
            archive_path TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(run_id),
            UNIQUE (sha256, unit_id, period))""",
        "CREATE INDEX submissions_by_unit ON submissions (period, unit_id, state)",
        """CREATE TABLE findings (
            submission_id INTEGER NOT NULL REFERENCES submissions(submission_id),
            seq INTEGER NOT NULL,
            code TEXT NOT NULL,
            severity TEXT NOT NULL,
            message TEXT NOT NULL,
            file TEXT NOT NULL,
            sheet TEXT NOT NULL,
            cell TEXT NOT NULL,
            field TEXT NOT NULL,
            item_id TEXT NOT NULL,
            found TEXT NOT NULL,
            expected TEXT NOT NULL,
            PRIMARY KEY (submission_id, seq))""",
        """CREATE TABLE indicator_values (
            submission_id INTEGER NOT NULL REFERENCES submissions(submission_id),
            indicator_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            value REAL,
            value_text TEXT,
            raw_value TEXT NOT NULL,
            assessment TEXT,
            analysis TEXT NOT NULL,
            measures TEXT NOT NULL,
            PRIMARY KEY (submission_id, indicator_id))""",
        """CREATE TABLE assignment_reports (
            submission_id INTEGER NOT NULL REFERENCES submissions(submission_id),
            assignment_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            status TEXT,
            comment TEXT NOT NULL,
            PRIMARY KEY (submission_id, assignment_id))""",
        """CREATE TABLE budget_figures (
            submission_id INTEGER PRIMARY KEY REFERENCES submissions(submission_id),
            frame_tkr REAL,
            outcome_tkr REAL,
            forecast_tkr REAL,
            deviation_tkr REAL,
            comment TEXT NOT NULL,
            events TEXT NOT NULL)""",
    )),
]


class HistoryError(NplanError):
    """The history database cannot be opened, read or written."""


def _texts() -> Any:
    from toolkit.texts import collect as tc

    return tc


# --------------------------------------------------------------------------------------------
# Times
# --------------------------------------------------------------------------------------------

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


def _now() -> str:
    return utc_text(dt.datetime.now(dt.UTC))


# --------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------

class History:
    """An open history database. Use ``History.open(path)``, as a context manager or with ``close()``."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._depth = 0
        self._plan_ids: dict[str, int] = {}
        self._identities: dict[int, tuple[Plan, str]] = {}

    # ---- opening, migrations, transactions ----

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> History:
        """Open (and create or migrate) the database at ``path``."""
        p = Path(path)
        tc = _texts()
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(tc.DB_CANNOT_OPEN.format(path=p, reason=exc)) from exc
        history = cls(conn, p)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            history._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise HistoryError(tc.DB_CANNOT_OPEN.format(path=p, reason=exc)) from exc
        except BaseException:
            conn.close()
            raise
        return history

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for read-only SQL of one's own (writes belong in this module)."""
        return self._conn

    def schema_version(self) -> int:
        row = self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
        if row is None:
            return 0
        return int(self._conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])

    def _migrate(self) -> None:
        latest = MIGRATIONS[-1].version if MIGRATIONS else 0
        if self.schema_version() > latest:
            raise HistoryError(_texts().DB_TOO_NEW.format(path=self.path, found=self.schema_version(),
                                                          expected=latest))
        for migration in MIGRATIONS:
            # Each migration in its own transaction; the version check is inside it, so two processes
            # opening a new database at once apply each migration exactly once.
            with self.transaction():
                self._conn.execute("""CREATE TABLE IF NOT EXISTS schema_version (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)""")
                if self.schema_version() >= migration.version:
                    continue
                for statement in migration.statements:
                    self._conn.execute(statement)
                self._conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                                   (migration.version, migration.name, _now()))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (BEGIN IMMEDIATE); nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise HistoryError(_texts().DB_BUSY.format(path=self.path, reason=exc)) from exc
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._plan_ids.clear()  # ids inserted in this transaction are gone
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._plan_ids.clear()
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise HistoryError(_texts().DB_CANNOT_WRITE.format(path=self.path, reason=exc)) from exc

    # ---- writing ----

    def _identity(self, plan: Plan) -> str:
        # Hashing the whole plan costs milliseconds: once per plan object and open History (a plan must
        # not be changed while it is being stored with).
        cached = self._identities.get(id(plan))
        if cached is None or cached[0] is not plan:
            cached = (plan, plan.identity())
            self._identities[id(plan)] = cached
        return cached[1]

    def store_plan(self, plan: Plan) -> int:
        """Store the plan's identity, units, indicators and assignments once; return its plan_id."""
        identity = self._identity(plan)
        if identity in self._plan_ids:
            return self._plan_ids[identity]
        with self.transaction():
            row = self._conn.execute("SELECT plan_id FROM plans WHERE identity = ?", (identity,)).fetchone()
            if row:
                plan_id = int(row[0])
            else:
                content = json.dumps(plan._identity_content(), ensure_ascii=False, sort_keys=True,
                                     default=str)
                cur = self._conn.execute(
                    """INSERT INTO plans (identity, committee, year, content, stored_at)
                       VALUES (?, ?, ?, ?, ?)""",
                    (identity, plan.settings.committee, plan.year, content, _now()))
                plan_id = int(cur.lastrowid or 0)
                self._conn.executemany(
                    "INSERT INTO plan_units VALUES (?, ?, ?, ?, ?)",
                    [(plan_id, u.id, u.name, i, plan.unit_fingerprint(u.id))
                     for i, u in enumerate(plan.units)])
                self._conn.executemany(
                    "INSERT INTO plan_indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(plan_id, ind.id, ind.sub_goal, ind.name, ind.kind.value, ind.unit_of_measure,
                      ind.direction.value, ind.aggregation.value, ind.periodicity.text,
                      *_number_and_text(ind.baseline, ind.kind), *_number_and_text(ind.target, ind.kind), i)
                     for i, ind in enumerate(plan.indicators)])
                self._conn.executemany(
                    "INSERT INTO plan_assignments VALUES (?, ?, ?, ?, ?)",
                    [(plan_id, a.id, a.text, a.end_date.isoformat() if a.end_date else None, i)
                     for i, a in enumerate(plan.assignments)])
        self._plan_ids[identity] = plan_id
        return plan_id

    def find_submission(self, sha256: str, unit_id: str, period: Period | str) -> int | None:
        row = self._conn.execute(
            "SELECT submission_id FROM submissions WHERE sha256 = ? AND unit_id = ? AND period = ?",
            (sha256, unit_id, str(period))).fetchone()
        return int(row[0]) if row else None

    def store_submission(self, result: ValidationResult, *, plan: Plan, period: Period | str,
                         received_at: dt.datetime | float | str, file_name: str, unit_id: str | None = None,
                         archive_path: str = "", run_id: int | None = None) -> int:
        """Store one validated file as a submission of ``period``; return its submission_id.

        Idempotent: a file already stored for the same unit and period (same SHA-256) is left as it is
        and its id returned. ``unit_id`` defaults to the unit the return names (``result.data.unit_id``);
        a file that could not be read as a return and is not attributed is stored under unit "".
        Storing applies the counting rule of the module docstring: a new valid file that is the newest
        becomes "accepted" and the one counting before is "superseded".
        """
        return self.store_submission_ex(result, plan=plan, period=period, received_at=received_at,
                                        file_name=file_name, unit_id=unit_id, archive_path=archive_path,
                                        run_id=run_id)[0]

    def store_submission_ex(self, result: ValidationResult, *, plan: Plan, period: Period | str,
                            received_at: dt.datetime | float | str, file_name: str,
                            unit_id: str | None = None, archive_path: str = "",
                            run_id: int | None = None) -> tuple[int, bool]:
        """``store_submission``, also saying whether the file was new: (submission_id, stored now)."""
        per = period if isinstance(period, Period) else Period.parse(period)
        data = result.data
        unit = unit_id if unit_id is not None else (data.unit_id if data is not None else "")
        if not result.sha256:
            raise ValueError("a ValidationResult without sha256 cannot be stored")
        with self.transaction():
            existing = self.find_submission(result.sha256, unit, per)
            if existing is not None:
                return existing, False
            plan_id = self.store_plan(plan)
            self._conn.execute("INSERT OR IGNORE INTO periods (period, year, tertial) VALUES (?, ?, ?)",
                               (str(per), per.year, per.tertial))
            valid = result.valid and data is not None
            cur = self._conn.execute(
                """INSERT INTO submissions (plan_id, period, unit_id, file_name, sha256, received_at,
                       stored_at, valid, state, errors, warnings, file_plan_identity, format_version,
                       generated_at, archive_path, run_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (plan_id, str(per), unit, file_name, result.sha256, utc_text(received_at), _now(),
                 int(valid), REJECTED, len(result.errors), len(result.warnings),
                 data.plan_identity if data else "", data.format_version if data else 0,
                 data.generated_at if data else "", archive_path, run_id))
            sid = int(cur.lastrowid or 0)
            self._conn.executemany(
                "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, i, f.code, f.severity, f.message, f.file, f.sheet, f.cell, f.field, f.item_id,
                  f.found, f.expected) for i, f in enumerate(result.findings)])
            if data is not None:
                kinds = {ind.id: ind.kind for ind in plan.indicators}
                self._conn.executemany(
                    "INSERT OR IGNORE INTO indicator_values VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(sid, r.indicator_id, i, *_number_and_text(r.outcome, kinds.get(r.indicator_id)),
                      r.raw_outcome or "", r.assessment.value if r.assessment is not None else None,
                      r.analysis or "", r.measures or "") for i, r in enumerate(data.indicators)])
                self._conn.executemany(
                    "INSERT OR IGNORE INTO assignment_reports VALUES (?, ?, ?, ?, ?)",
                    [(sid, r.assignment_id, i, r.status.value if r.status is not None else None,
                      r.comment or "") for i, r in enumerate(data.assignments)])
                if data.budget is not None:
                    b = data.budget
                    self._conn.execute(
                        "INSERT INTO budget_figures VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (sid, b.frame_tkr, b.outcome_tkr, b.forecast_tkr, b.deviation_tkr, b.comment or "",
                         b.events or ""))
            if valid:
                self._count_if_newest(sid, unit, str(per))
        return sid, True

    def _count_if_newest(self, sid: int, unit_id: str, period: str) -> None:
        """Apply the counting rule for a new valid submission: it becomes "accepted" when it is newer (by
        received_at, file_name, submission_id) than the one counting now, which is then "superseded";
        otherwise it is "superseded" itself. Invalid submissions never count and change nothing. Every store
        runs in a write transaction, so "exactly one accepted = the newest valid" always holds."""
        key = "received_at, file_name, submission_id"
        new = self._conn.execute(f"SELECT {key} FROM submissions WHERE submission_id = ?", (sid,)).fetchone()
        current = self._conn.execute(
            f"""SELECT {key} FROM submissions WHERE unit_id = ? AND period = ? AND state = 'accepted'""",
            (unit_id, period)).fetchone()
        if current is None or tuple(new) > tuple(current):
            if current is not None:
                self._conn.execute("UPDATE submissions SET state = 'superseded' WHERE submission_id = ?",
                                   (current[2],))
            self._conn.execute("UPDATE submissions SET state = 'accepted' WHERE submission_id = ?", (sid,))
        else:
            self._conn.execute("UPDATE submissions SET state = 'superseded' WHERE submission_id = ?", (sid,))

    def start_run(self, *, period: Period | str, inbox: str, master: str, plan: Plan) -> int:
        """Record the start of a collect run (the audit trail); return its run_id."""
        with self.transaction():
            cur = self._conn.execute(
                "INSERT INTO runs (period, inbox, master, plan_identity, started_at) VALUES (?, ?, ?, ?, ?)",
                (str(period), inbox, master, self._identity(plan), _now()))
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, files: int, stored: int) -> None:
        with self.transaction():
            self._conn.execute("UPDATE runs SET finished_at = ?, files = ?, stored = ? WHERE run_id = ?",
                               (_now(), files, stored, run_id))

    # ---- reading ----

    def _frame(self, sql: str, params: Sequence[Any], columns: Sequence[str], times: Sequence[str] = (),
               floats: Sequence[str] = (), ints: Sequence[str] = ()) -> pd.DataFrame:
        try:
            rows = self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise HistoryError(_texts().DB_CANNOT_READ.format(path=self.path, reason=exc)) from exc
        # Text columns stay object dtype with None for "no value" (pandas 3 would infer its str dtype
        # with NaN); numbers, ids and times get their own dtypes below.
        df = pd.DataFrame({name: pd.Series([row[i] for row in rows], dtype=object)
                           for i, name in enumerate(columns)})
        for name in times:
            df[name] = pd.to_datetime(pd.Series([local_time(v) for v in df[name]], dtype=object))
        for name in floats:
            df[name] = pd.to_numeric(df[name], errors="coerce").astype("float64")
        for name in ints:
            df[name] = df[name].astype("int64")
        return df

    def indicator_values(self, *, year: int | None = None,
                         period: Period | str | None = None) -> pd.DataFrame:
        """The counting submissions' indicator values, long format, in period, plan unit and plan
        indicator order. Columns: year, period, unit_id, unit_name, indicator_id, value (float, NaN when
        empty or not a number; yes = 1.0, no = 0.0, shares as fractions), value_text (the normalized value
        as a Swede writes it, or the text), raw_value (the cell as the unit left it), assessment (English
        enum value or None), analysis, measures, submission_id, received_at."""
        where, params = _where(year=year, period=period)
        sql = f"""SELECT p.year, s.period, s.unit_id, COALESCE(u.name, s.unit_id), v.indicator_id, v.value,
                         v.value_text, v.raw_value, v.assessment, v.analysis, v.measures, s.submission_id,
                         s.received_at
                  FROM submissions s JOIN periods p ON p.period = s.period
                  JOIN indicator_values v ON v.submission_id = s.submission_id
                  LEFT JOIN plan_units u ON u.plan_id = s.plan_id AND u.unit_id = s.unit_id
                  LEFT JOIN plan_indicators i ON i.plan_id = s.plan_id AND i.indicator_id = v.indicator_id
                  WHERE s.state = 'accepted' {where}
                  ORDER BY p.year, p.tertial, COALESCE(u.position, 1e9), s.unit_id,
                           COALESCE(i.position, 1e9), v.position"""
        return self._frame(sql, params, ["year", "period", "unit_id", "unit_name", "indicator_id", "value",
                                         "value_text", "raw_value", "assessment", "analysis", "measures",
                                         "submission_id", "received_at"],
                           times=["received_at"], floats=["value"], ints=["year", "submission_id"])

    def assignment_status(self, *, period: Period | str | None = None,
                          year: int | None = None) -> pd.DataFrame:
        """The counting submissions' assignment status. Columns: year, period, unit_id, assignment_id,
        status (English enum value or None), comment, submission_id."""
        where, params = _where(year=year, period=period)
        sql = f"""SELECT p.year, s.period, s.unit_id, a.assignment_id, a.status, a.comment, s.submission_id
                  FROM submissions s JOIN periods p ON p.period = s.period
                  JOIN assignment_reports a ON a.submission_id = s.submission_id
                  LEFT JOIN plan_units u ON u.plan_id = s.plan_id AND u.unit_id = s.unit_id
                  LEFT JOIN plan_assignments pa
                         ON pa.plan_id = s.plan_id AND pa.assignment_id = a.assignment_id
                  WHERE s.state = 'accepted' {where}
                  ORDER BY p.year, p.tertial, COALESCE(u.position, 1e9), s.unit_id,
                           COALESCE(pa.position, 1e9), a.position"""
        return self._frame(sql, params, ["year", "period", "unit_id", "assignment_id", "status", "comment",
                                         "submission_id"], ints=["year", "submission_id"])

    def budget(self, *, period: Period | str | None = None, year: int | None = None) -> pd.DataFrame:
        """The counting submissions' budget figures (tkr). Columns: year, period, unit_id, frame_tkr,
        outcome_tkr, forecast_tkr, deviation_tkr (frame - forecast), comment, events, submission_id."""
        where, params = _where(year=year, period=period)
        sql = f"""SELECT p.year, s.period, s.unit_id, b.frame_tkr, b.outcome_tkr, b.forecast_tkr,
                         b.deviation_tkr, b.comment, b.events, s.submission_id
                  FROM submissions s JOIN periods p ON p.period = s.period
                  JOIN budget_figures b ON b.submission_id = s.submission_id
                  LEFT JOIN plan_units u ON u.plan_id = s.plan_id AND u.unit_id = s.unit_id
                  WHERE s.state = 'accepted' {where}
                  ORDER BY p.year, p.tertial, COALESCE(u.position, 1e9), s.unit_id"""
        return self._frame(sql, params, ["year", "period", "unit_id", "frame_tkr", "outcome_tkr",
                                         "forecast_tkr", "deviation_tkr", "comment", "events",
                                         "submission_id"],
                           floats=["frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr"],
                           ints=["year", "submission_id"])

    def submissions(self, *, period: Period | str | None = None, unit_id: str | None = None) -> pd.DataFrame:
        """Every stored submission, counting or not, oldest first. Columns: submission_id, unit_id, period,
        file_name, sha256, received_at, stored_at, state ("accepted" | "rejected" | "superseded"), errors,
        warnings, archive_path, run_id."""
        where, params = _where(period=period)
        if unit_id is not None:
            where += " AND s.unit_id = ?"
            params.append(unit_id)
        sql = f"""SELECT s.submission_id, s.unit_id, s.period, s.file_name, s.sha256, s.received_at,
                         s.stored_at, s.state, s.errors, s.warnings, s.archive_path, s.run_id
                  FROM submissions s JOIN periods p ON p.period = s.period
                  WHERE 1 = 1 {where}
                  ORDER BY p.year, p.tertial, s.unit_id, s.received_at, s.file_name, s.submission_id"""
        return self._frame(sql, params, ["submission_id", "unit_id", "period", "file_name", "sha256",
                                         "received_at", "stored_at", "state", "errors", "warnings",
                                         "archive_path", "run_id"],
                           times=["received_at", "stored_at"], ints=["submission_id", "errors", "warnings"])

    def findings(self, submission_id: int) -> pd.DataFrame:
        """The findings of one submission, in the order validation gave them. Columns: code, severity,
        message, file, sheet, cell, field, item_id, found, expected."""
        sql = """SELECT code, severity, message, file, sheet, cell, field, item_id, found, expected
                 FROM findings WHERE submission_id = ? ORDER BY seq"""
        return self._frame(sql, [int(submission_id)], ["code", "severity", "message", "file", "sheet", "cell",
                                                        "field", "item_id", "found", "expected"])

    def previous_values(self, unit_id: str, period: Period | str) -> dict[str, float]:
        """indicator_id -> the numeric value the unit reported for it in the latest EARLIER period of the
        same year (from that period's counting submission); indicators never reported earlier are absent.
        Used for the return's "reported earlier" column and for plausibility checks."""
        return self.previous_values_by_unit(period).get(unit_id, {})

    def previous_values_by_unit(self, period: Period | str) -> dict[str, dict[str, float]]:
        """``previous_values`` for every unit at once: unit_id -> indicator_id -> value."""
        per = period if isinstance(period, Period) else Period.parse(period)
        rows = self._conn.execute(
            """SELECT s.unit_id, v.indicator_id, v.value
               FROM submissions s JOIN periods p ON p.period = s.period
               JOIN indicator_values v ON v.submission_id = s.submission_id
               WHERE s.state = 'accepted' AND p.year = ? AND p.tertial < ? AND v.value IS NOT NULL
               ORDER BY p.tertial""", (per.year, per.tertial)).fetchall()
        out: dict[str, dict[str, float]] = {}
        for unit, indicator, value in rows:  # later periods overwrite earlier ones
            out.setdefault(unit, {})[indicator] = float(value)
        return out

    def known_files(self, period: Period | str) -> dict[str, tuple[int, str]]:
        """sha256 -> (submission_id, unit_id) of every file stored for ``period``."""
        per = period if isinstance(period, Period) else Period.parse(period)
        rows = self._conn.execute("SELECT sha256, submission_id, unit_id FROM submissions WHERE period = ?",
                                  (str(per),)).fetchall()
        return {sha: (int(sid), unit) for sha, sid, unit in rows}

    def previous_value_map(self, period: Period | str) -> dict[tuple[str, str], float]:
        """``previous_values`` for every unit at once, keyed (unit_id, indicator_id): the shape
        ``toolkit.validate`` and ``toolkit.returns.build`` take as ``previous``."""
        return {(unit, indicator): value for unit, values in self.previous_values_by_unit(period).items()
                for indicator, value in values.items()}

    def units(self, *, plan_identity: str | None = None) -> pd.DataFrame:
        """The units of a stored plan (the latest stored plan by default), in plan order."""
        plan_id = self._plan_id(plan_identity)
        return self._frame("""SELECT unit_id, name, position FROM plan_units WHERE plan_id = ?
                              ORDER BY position""", [plan_id], ["unit_id", "unit_name", "position"])

    def indicators(self, *, plan_identity: str | None = None) -> pd.DataFrame:
        """The indicators of a stored plan (the latest stored plan by default), in plan order."""
        plan_id = self._plan_id(plan_identity)
        return self._frame(
            """SELECT indicator_id, sub_goal, name, kind, unit_of_measure, direction, aggregation,
                      periodicity, baseline, baseline_text, target, target_text, position
               FROM plan_indicators WHERE plan_id = ? ORDER BY position""", [plan_id],
            ["indicator_id", "sub_goal", "name", "kind", "unit_of_measure", "direction", "aggregation",
             "periodicity", "baseline", "baseline_text", "target", "target_text", "position"],
            floats=["baseline", "target"])

    def runs(self) -> pd.DataFrame:
        """The audit trail of collect runs, oldest first."""
        return self._frame("""SELECT run_id, period, inbox, master, plan_identity, started_at, finished_at,
                                     files, stored FROM runs ORDER BY run_id""", [],
                           ["run_id", "period", "inbox", "master", "plan_identity", "started_at",
                            "finished_at", "files", "stored"], times=["started_at", "finished_at"])

    def periods(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT period FROM periods ORDER BY year, tertial")]

    def _plan_id(self, identity: str | None) -> int:
        if identity:
            row = self._conn.execute("SELECT plan_id FROM plans WHERE identity = ?", (identity,)).fetchone()
        else:
            row = self._conn.execute("SELECT MAX(plan_id) FROM plans").fetchone()
        return int(row[0]) if row and row[0] is not None else -1

    def integrity_check(self) -> str:
        """SQLite's own check of the file ("ok" when sound)."""
        return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])


def _where(*, year: int | None = None, period: Period | str | None = None) -> tuple[str, list[Any]]:
    where, params = "", []
    if period is not None:
        per = period if isinstance(period, Period) else Period.parse(period)
        where += " AND s.period = ?"
        params.append(str(per))
    if year is not None:
        where += " AND p.year = ?"
        params.append(int(year))
    return where, params


def _number_and_text(value: object, kind: ValueKind | None) -> tuple[float | None, str | None]:
    """(value as a number or None, value as text or None) for the value columns."""
    from toolkit.core.values import format_value

    if value is None:
        return None, None
    if isinstance(value, bool):
        return (1.0 if value else 0.0), format_value(value, ValueKind.YESNO)
    if isinstance(value, (int, float)):
        return float(value), format_value(value, kind or ValueKind.AMOUNT)
    return None, str(value)

