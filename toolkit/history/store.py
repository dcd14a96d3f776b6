"""The history store: every collected return, in one database.

This is the ONE module that writes the history. Its schema grows by numbered migrations
(``toolkit.history.schema``); opening a database applies the missing ones, so an old database keeps working
with new code. Reading is typed (``toolkit.history.queries``: dataclasses of ``toolkit.history.records``) with
DataFrame views over the same reads for controllers' own analysis (``toolkit.history.frames``).

What is kept: the plan's identity (and its units, indicators and assignments, in plan order), the
periods, every submission (file name, SHA-256 of the content, the time it was received = the mail's Date for
an attachment, else the file's modification time; the sender of a mail; the time it was stored, its state)
with its findings, the normalized and raw indicator values, assessments, analyses, assignment status and
budget figures it carried, and the controller's choices between conflicting files.

Which submission counts (the counting rule, applied here and nowhere else; ``RULE`` in
``toolkit.texts.collect`` says it in Swedish): per unit and period, the newest VALID submission, newest by the
time it was received, to the whole second. When two or more valid submissions share the newest second (they
differ in content: the same content is stored once), they cannot be ordered: that is a conflict, and none of
them counts (each is "superseded" with ``conflict`` set) until the controller chooses one (``record_choice``,
kept in ``choices`` by content); the latest choice that names one of them decides. The counting submission
has state "accepted"; other valid ones are "superseded", invalid ones "rejected". All stay in the history with
their times. Only the counting submission's reports are read back as values. The states of a unit and period
are recomputed from all its submissions and choices whenever one is added, so the result depends on what is
stored, never on the order it was stored in (a rebuilt history equals the original).

Concurrency and crashes: every write runs inside ``BEGIN IMMEDIATE`` with a busy timeout, and a
unique constraint on (sha256, unit, period) makes storing the same file twice a no-op, so two processes
collecting into one database at once lose and duplicate nothing, and a process killed at any point leaves
the last committed state (SQLite's journal rolls back the rest); running again completes the work.
SQLite's locking is only as reliable as the file system's: keep the database on a local disk.

Times: stored as UTC ISO 8601 text (fixed width, so text order is time order); read back as naive
local-time datetimes, which is what a controller reads and what Excel can hold.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple, Self

from toolkit.core.errors import InputError
from toolkit.core.model import Plan, ValueKind
from toolkit.core.periods import Period
from toolkit.core.returndata import ValidationResult
from toolkit.core.values import format_value
from toolkit.history import backend, schema
from toolkit.history.backend import Database, Target
from toolkit.history.frames import HistoryFrames
from toolkit.history.queries import HistoryError
from toolkit.history.records import ACCEPTED, REJECTED, STATES, SUPERSEDED, Submission
from toolkit.history.times import local_time, now_text, utc_text
from toolkit.texts import collect as tcol

__all__ = ["ACCEPTED", "BUSY_TIMEOUT_S", "REJECTED", "STATES", "SUPERSEDED", "History", "HistoryError", "Stored",
           "local_time", "utc_text"]

BUSY_TIMEOUT_S = backend.BUSY_TIMEOUT_S


class Stored(NamedTuple):
    """What storing a file gave: its submission id, and whether it was new (False: already there)."""

    submission_id: int
    new: bool


class History(HistoryFrames):
    """An open history database. Use ``History.open(target)``, as a context manager or with ``close()``."""

    def __init__(self, db: Database, path: Path | str) -> None:
        self._db = db
        # The database as shown in messages: an SQLite file's path, or a server's URL with its password masked.
        self.path = path
        self._depth = 0
        self._plan_ids: dict[str, int] = {}
        self._identities: dict[int, tuple[Plan, str]] = {}

    # ---- opening, migrations, transactions ----

    @classmethod
    def open(cls, target: Target, *, allow_network: bool = False) -> History:
        """Open (and create or migrate) the history at ``target``: the path of an SQLite file, or a
        ``postgresql://`` URL. An SQLite file on a network filesystem is refused unless ``allow_network``."""
        try:
            db = backend.connect(target, allow_network=allow_network)
        except backend.BackendError as exc:
            raise HistoryError(str(exc)) from exc.__cause__
        shown: Path | str = Path(target) if db.kind == "sqlite" else db.display
        history = cls(db, shown)
        try:
            history._migrate()
        except db.errors as exc:
            db.close()
            raise HistoryError(tcol.DB_CANNOT_OPEN.format(path=shown, reason=backend.redacted(exc, target))) from None
        except BaseException:
            db.close()
            raise
        return history

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def kind(self) -> str:
        """"sqlite" or "postgresql"."""
        return self._db.kind

    @property
    def connection(self) -> Any:
        """The driver's connection, for read-only SQL of one's own (writes belong in this module)."""
        return self._db.raw

    def schema_version(self) -> int:
        if not self._db.table_exists("schema_version"):
            return 0
        return int(self._db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])

    def _migrate(self) -> None:
        migrations = schema.MIGRATIONS
        latest = migrations[-1].version if migrations else 0
        if self.schema_version() > latest:
            raise HistoryError(tcol.DB_TOO_NEW.format(path=self.path, found=self.schema_version(), expected=latest))
        for migration in migrations:
            # Each migration in its own transaction; the version check is inside it, so two processes
            # opening a new database at once apply each migration exactly once.
            with self.transaction():
                self._db.execute("""CREATE TABLE IF NOT EXISTS schema_version (
                    version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)""")
                if self.schema_version() >= migration.version:
                    continue
                for statement in migration.statements:
                    self._db.execute(statement)
                self._db.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                                 (migration.version, migration.name, now_text()))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction that excludes every other writer; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.begin_write()
        except backend.BusyError as exc:
            raise HistoryError(str(exc)) from None
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._plan_ids.clear()  # ids inserted in this transaction are gone
            self._db.rollback()
            raise
        self._depth = 0
        try:
            self._db.commit()
        except self._db.errors as exc:
            self._plan_ids.clear()
            self._db.rollback()
            raise HistoryError(tcol.DB_CANNOT_WRITE.format(path=self.path, reason=exc)) from exc

    def integrity_check(self) -> str:
        """The database's own check of its consistency ("ok" when sound)."""
        return self._db.integrity_check()

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
            row = self._db.execute("SELECT plan_id FROM plans WHERE identity = ?", (identity,)).fetchone()
            if row:
                plan_id = int(row[0])
            else:
                content = json.dumps(plan._identity_content(), ensure_ascii=False, sort_keys=True,
                                     default=str)
                plan_id = self._db.insert(
                    """INSERT INTO plans (identity, committee, year, content, stored_at)
                       VALUES (?, ?, ?, ?, ?)""",
                    (identity, plan.settings.committee, plan.year, content, now_text()), "plan_id")
                self._db.executemany(
                    "INSERT INTO plan_units VALUES (?, ?, ?, ?, ?)",
                    [(plan_id, u.id, u.name, i, plan.unit_fingerprint(u.id))
                     for i, u in enumerate(plan.units)])
                self._db.executemany(
                    """INSERT INTO plan_indicators (plan_id, indicator_id, sub_goal, name, kind, unit_of_measure,
                           direction, aggregation, periodicity, baseline, baseline_text, target, target_text,
                           position, measurement, decimals)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [(plan_id, ind.id, ind.sub_goal, ind.name, ind.kind.value, ind.unit_of_measure,
                      ind.direction.value, ind.aggregation.value, ind.periodicity.text,
                      *_number_and_text(ind.baseline, ind.kind), *_number_and_text(ind.target, ind.kind), i,
                      ind.measurement.value if ind.measurement is not None else None, ind.decimals)
                     for i, ind in enumerate(plan.indicators)])
                self._db.executemany(
                    "INSERT INTO plan_assignments VALUES (?, ?, ?, ?, ?)",
                    [(plan_id, a.id, a.text, a.end_date.isoformat() if a.end_date else None, i)
                     for i, a in enumerate(plan.assignments)])
        self._plan_ids[identity] = plan_id
        return plan_id

    def find_submission(self, sha256: str, unit_id: str, period: Period) -> int | None:
        row = self._db.execute(
            "SELECT submission_id FROM submissions WHERE sha256 = ? AND unit_id = ? AND period = ?",
            (sha256, unit_id, str(period))).fetchone()
        return int(row[0]) if row else None

    def store_submission(self, result: ValidationResult, *, plan: Plan, period: Period,
                         received_at: dt.datetime | float | str, file_name: str, unit_id: str | None = None,
                         archive_path: str = "", run_id: int | None = None) -> int:
        """Store one validated file as a submission of ``period``; return its submission_id (see ``store``)."""
        return self.store(result, plan=plan, period=period, received_at=received_at, file_name=file_name,
                          unit_id=unit_id, archive_path=archive_path, run_id=run_id).submission_id

    def store(self, result: ValidationResult, *, plan: Plan, period: Period,
              received_at: dt.datetime | float | str, file_name: str, unit_id: str | None = None,
              archive_path: str = "", run_id: int | None = None, sender: str = "",
              mail_date: dt.datetime | str | None = None) -> Stored:
        """Store one validated file as a submission of ``period``: (submission_id, new).

        Idempotent: a file already stored for the same unit and period (same SHA-256) is left as it is
        and its id returned with new=False. ``unit_id`` defaults to the unit the return names
        (``result.data.unit_id``); a file that could not be read as a return and is not attributed is stored
        under unit "". ``sender`` and ``mail_date``: the mail it came in, if it came as an attachment. Storing
        applies the counting rule of the module docstring to the unit's submissions of the period.
        """
        per = period
        data = result.data
        unit = unit_id if unit_id is not None else (data.unit_id if data is not None else "")
        if not result.sha256:
            raise ValueError("a ValidationResult without sha256 cannot be stored")
        with self.transaction():
            existing = self.find_submission(result.sha256, unit, per)
            if existing is not None:
                return Stored(existing, False)
            plan_id = self.store_plan(plan)
            self._db.execute("INSERT OR IGNORE INTO periods (period, year, tertial) VALUES (?, ?, ?)",
                               (str(per), per.year, per.tertial))
            valid = result.valid and data is not None
            sid = self._db.insert(
                """INSERT INTO submissions (plan_id, period, unit_id, file_name, sha256, received_at,
                       stored_at, valid, state, errors, warnings, file_plan_identity, format_version,
                       generated_at, archive_path, run_id, sender, mail_date)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (plan_id, str(per), unit, file_name, result.sha256, utc_text(received_at), now_text(),
                 int(valid), REJECTED, len(result.errors), len(result.warnings),
                 data.plan_identity if data else "", data.format_version if data else 0,
                 data.generated_at if data else "", archive_path, run_id, sender,
                 utc_text(mail_date) if mail_date is not None else None), "submission_id")
            self._db.executemany(
                "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, i, f.code, f.severity, f.message, f.file, f.sheet, f.cell, f.field, f.item_id,
                  f.found, f.expected) for i, f in enumerate(result.findings)])
            if data is not None:
                kinds = {ind.id: ind.kind for ind in plan.indicators}
                self._db.executemany(
                    "INSERT OR IGNORE INTO indicator_values VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(sid, r.indicator_id, i, *_number_and_text(r.outcome, kinds.get(r.indicator_id)),
                      r.raw_outcome or "", r.assessment.value if r.assessment is not None else None,
                      r.analysis or "", r.measures or "") for i, r in enumerate(data.indicators)])
                self._db.executemany(
                    "INSERT OR IGNORE INTO assignment_reports VALUES (?, ?, ?, ?, ?)",
                    [(sid, r.assignment_id, i, r.status.value if r.status is not None else None,
                      r.comment or "") for i, r in enumerate(data.assignments)])
                if data.budget is not None:
                    b = data.budget
                    self._db.execute(
                        "INSERT INTO budget_figures VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (sid, b.frame_tkr, b.outcome_tkr, b.forecast_tkr, b.deviation_tkr, b.comment or "",
                         b.events or ""))
            if valid:
                self._recount(unit, str(per))
        return Stored(sid, True)

    def _recount(self, unit_id: str, period: str) -> None:
        """Apply the counting rule to one unit and period: from all its valid submissions and the controller's
        choices, which one counts ("accepted"), which are "superseded", and which are in a conflict. Invalid
        submissions never count and keep their state. Every caller runs in a write transaction, so "at most one
        accepted = the newest valid, or the chosen one of a tie" always holds."""
        rows = self._db.execute(
            """SELECT submission_id, sha256, received_at, state, conflict, choice_id FROM submissions
               WHERE unit_id = ? AND period = ? AND valid = 1""", (unit_id, period)).fetchall()
        if not rows:
            return
        newest = max(_second(r[2]) for r in rows)
        group = {r[1]: int(r[0]) for r in rows if _second(r[2]) == newest}
        counting: int | None = None
        choice_id: int | None = None
        if len(group) == 1:
            counting = next(iter(group.values()))
        else:
            choices = self._db.execute(
                "SELECT choice_id, sha256, chosen_at FROM choices WHERE unit_id = ? AND period = ?",
                (unit_id, period)).fetchall()
            # The latest choice (ordered here: both backends agree) that names a file of the tie decides.
            for cid, sha, _when in sorted(choices, key=lambda c: (c[2], int(c[0])), reverse=True):
                if sha in group:
                    counting, choice_id = group[sha], int(cid)
                    break
        tied = set(group.values())
        for sid, _sha, _received, state, conflict, old_choice in rows:
            sid = int(sid)
            new = (ACCEPTED if sid == counting else SUPERSEDED, int(counting is None and sid in tied),
                   choice_id if sid == counting else None)
            if (state, int(conflict), None if old_choice is None else int(old_choice)) != new:
                self._db.execute(
                    "UPDATE submissions SET state = ?, conflict = ?, choice_id = ? WHERE submission_id = ?",
                    (*new, sid))

    # ---- the controller's choice in a conflict ----

    def resolve_choice(self, unit_id: str, period: Period, file_name: str) -> Submission:
        """The submission ``file_name`` (as the status shows it; without case, or its last part when that is
        unique) of the unit and period, checked to be one the controller may choose: valid, and among the unit's
        newest valid files. Raises InputError with a Swedish message that lists the unit's files."""
        subs = self.submission_list(period=period, unit_id=unit_id)
        if not subs:
            raise InputError(tcol.CHOOSE_NO_FILES.format(unit=unit_id, period=period))
        listed = ", ".join(s.file_name for s in subs)
        wanted = file_name.strip().replace("\\", "/")
        found = ([s for s in subs if s.file_name == wanted]
                 or [s for s in subs if s.file_name.casefold() == wanted.casefold()]
                 or [s for s in subs if s.file_name.rsplit("/", 1)[-1].casefold() == wanted.casefold()])
        if len(found) != 1:
            template = tcol.CHOOSE_AMBIGUOUS if found else tcol.CHOOSE_NOT_FOUND
            raise InputError(template.format(file=file_name, unit=unit_id, period=period, files=listed))
        chosen = found[0]
        if chosen.state == REJECTED:
            raise InputError(tcol.CHOOSE_REJECTED.format(file=chosen.file_name, unit=unit_id, errors=chosen.errors))
        times = {int(sid): _second(received) for sid, received in self._db.execute(
            "SELECT submission_id, received_at FROM submissions WHERE unit_id = ? AND period = ? AND valid = 1",
            (unit_id, str(period))).fetchall()}
        newest = max(times.values())
        if times.get(chosen.submission_id) != newest:
            later = max((s for s in subs if times.get(s.submission_id) == newest), key=lambda s: s.file_name)
            raise InputError(tcol.CHOOSE_NOT_NEWEST.format(file=chosen.file_name, unit=unit_id, later=later.file_name,
                                                         when=later.received_at.strftime("%Y-%m-%d %H:%M")))
        return chosen

    def record_choice(self, *, period: Period, unit_id: str, sha256: str, file_name: str, chosen_by: str,
                      chosen_at: dt.datetime | str | None = None, run_id: int | None = None) -> int:
        """Keep the controller's choice of the file ``sha256`` for the unit and period, and count by it; return
        its choice_id. Not checked here (``resolve_choice`` checks; a rebuild replays what was kept)."""
        with self.transaction():
            self._db.execute("INSERT OR IGNORE INTO periods (period, year, tertial) VALUES (?, ?, ?)",
                             (str(period), period.year, period.tertial))
            cid = self._db.insert(
                """INSERT INTO choices (period, unit_id, sha256, file_name, chosen_at, chosen_by, run_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (str(period), unit_id, sha256, file_name,
                 utc_text(chosen_at) if chosen_at is not None else now_text(), chosen_by, run_id), "choice_id")
            self._recount(unit_id, str(period))
        return cid

    def start_run(self, *, period: Period, inbox: str, master: str, plan: Plan) -> int:
        """Record the start of a collect run (the audit trail); return its run_id."""
        with self.transaction():
            return self._db.insert(
                "INSERT INTO runs (period, inbox, master, plan_identity, started_at) VALUES (?, ?, ?, ?, ?)",
                (str(period), inbox, master, self._identity(plan), now_text()), "run_id")

    def finish_run(self, run_id: int, *, files: int, stored: int) -> None:
        with self.transaction():
            self._db.execute("UPDATE runs SET finished_at = ?, files = ?, stored = ? WHERE run_id = ?",
                               (now_text(), files, stored, run_id))


def _second(utc: str) -> str:
    """A stored time to the whole second ("2026-08-31T10:15:00"): times within one second cannot be ordered."""
    return utc[:19]


def _number_and_text(value: object, kind: ValueKind | None) -> tuple[float | None, str | None]:
    """(value as a number or None, value as text or None) for the value columns."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return (1.0 if value else 0.0), format_value(value, ValueKind.YESNO)
    if isinstance(value, (int, float)):
        return float(value), format_value(value, kind or ValueKind.AMOUNT)
    return None, str(value)

