"""Collect a period's returns from an inbox folder into the history database, with an audit trail.

``collect(inbox, plan, period, db_path=...)`` walks the inbox recursively (attachments saved into
subfolders), skips Office/LibreOffice lock files and temporary files, validates every other file,
copies each one (accepted or not) into an archive named by its content hash, stores it in the history
(``toolkit.history.store``) and returns the submission status per unit.

Which submission counts: per unit and period, the newest VALID file - newest by the file's
modification time, on equal times the greatest file name. Earlier valid files are superseded but stay
in the history with their times; invalid files never count. The rule is ``RULE`` (Swedish) below and is
printed by the CLI and written into the status workbook.

Idempotent: a file already stored (same content, unit and period) changes nothing. Originals are never
moved or modified. Crash-safe and concurrent: storing runs in short BEGIN IMMEDIATE transactions, so a
collect killed at any point leaves a database that opens, and running it again completes the work; two
collects at once on one database serialize their writes and the unique key drops duplicates.

Many files are validated in a process pool (all cores); storing stays in this process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import time
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import pandas as pd

from toolkit.core import findings as fnd
from toolkit.core.errors import InputError, os_reason
from toolkit.core.model import Plan
from toolkit.core.periods import Period, check_plan_year
from toolkit.core.returndata import ACCEPTED, MISSING, RECEIVED, REJECTED, ValidationResult
from toolkit.history import archive
from toolkit.history.backend import as_target
from toolkit.history.inbox import guess_unit, inbox_files
from toolkit.history.status import UnitStatus, mark_unreadable, unit_statuses
from toolkit.history.store import History
from toolkit.texts import collect as tc
from toolkit.validate import PlanContext, validate_bytes

RULE = tc.RULE

# Validate in a process pool from this many files on. Below it one process takes well under a second, and
# starting workers (slow where they are spawned, as on Windows) costs more than it saves.
POOL_THRESHOLD = 100
# A storing transaction is committed after this many files or this many seconds, whichever comes first:
# few commits (fast), short locks (a concurrent collect waits little), little work lost on a crash.
BATCH_FILES = 64
BATCH_SECONDS = 0.5

Progress = Callable[[int, int, "Path | None"], None]


@dataclass
class FileOutcome:
    """What happened to one file of the inbox in this run."""

    path: Path
    file_name: str  # relative to the inbox, with forward slashes
    unit_id: str
    sha256: str
    received_at: dt.datetime
    submission_id: int | None  # None when the file could not be read at all (nothing stored)
    new: bool  # stored in this run (False: the history already had it)
    archive_path: str = ""
    problem: str = ""  # why the file could not be read (then nothing was stored)


@dataclass
class CollectResult:
    period: Period
    committee: str
    plan_identity: str
    db_path: Path | str  # an SQLite file, or a server's URL (show it with history.backend.describe)
    archive_dir: Path | None
    units: list[UnitStatus]
    results: list[ValidationResult] = field(default_factory=list)  # of the files validated in this run
    files: list[FileOutcome] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)
    run_id: int = 0
    finished_at: dt.datetime | None = None
    rule: str = RULE

    @property
    def new_submissions(self) -> int:
        return sum(f.new for f in self.files)

    @property
    def already_stored(self) -> int:
        return sum(1 for f in self.files if not f.new and f.submission_id is not None)

    def counts(self) -> dict[str, int]:
        """Units per status (units of the plan only)."""
        out = {ACCEPTED: 0, REJECTED: 0, MISSING: 0, RECEIVED: 0}
        for u in self.units:
            if u.unit_id and u.unit_name != tc.UNKNOWN_UNIT:
                out[u.state] += 1
        return out

    def status_table(self) -> pd.DataFrame:
        """The status per unit: unit_id, unit_name, status (English key), status_label (Swedish), errors,
        warnings, file, received_at, files, submission_id, note."""
        rows = [{"unit_id": u.unit_id, "unit_name": u.unit_name, "status": u.state,
                 "status_label": u.status_label, "errors": u.errors, "warnings": u.warnings, "file": u.file_name,
                 "received_at": u.received_at, "files": u.submissions, "submission_id": u.submission_id,
                 "note": u.note} for u in self.units]
        columns = ["unit_id", "unit_name", "status", "status_label", "errors", "warnings", "file",
                   "received_at", "files", "submission_id", "note"]
        return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Validation, in this process or in a pool
# --------------------------------------------------------------------------------------------

Previous = dict[tuple[str, str], float]


@dataclass
class _Job:
    """What every file of one collect is checked with (handed to each worker once)."""

    plan: Plan
    period: Period
    previous: Previous
    archive: Path | None
    # sha256 -> (submission_id, unit_id) of the files the history already holds for the period: they are
    # not validated again (storing them again would change nothing).
    known: dict[str, tuple[int, str]] = field(default_factory=dict)
    ctx: Any = None

    def context(self) -> Any:
        if self.ctx is None:
            self.ctx = _context(self.plan)
        return self.ctx


@dataclass
class _Checked:
    """One file read once and validated (in a worker or here): what the main process stores."""

    path: Path
    result: ValidationResult
    received_at: dt.datetime
    archive_name: str = ""
    readable: bool = True
    known: tuple[int, str] | None = None  # (submission_id, unit_id) when the history already has it


def _check(data: bytes, path: Path, ctx: Any, period: Period, previous: Previous) -> ValidationResult:
    """Validate a file's bytes (the seam tests replace with a stand-in validator)."""
    return validate_bytes(data, ctx, name=path.name, file=str(path), period=period, previous=previous)


def _context(plan: Plan) -> Any:
    """What validation derives from the plan once for many files."""
    return PlanContext(plan)


def _read_and_check(path: Path, job: _Job) -> _Checked:
    """Read the file ONCE: its hash, its validation and its archive copy all come from the same bytes."""
    try:
        mtime = path.stat().st_mtime
        data = path.read_bytes()
    except OSError as exc:
        finding = fnd.make("unreadable-file", file=str(path), found=os_reason(exc))
        return _Checked(path, ValidationResult(path=str(path), findings=[finding]),
                        dt.datetime.now(dt.UTC), readable=False)
    received = dt.datetime.fromtimestamp(mtime, tz=dt.UTC)
    sha = hashlib.sha256(data).hexdigest()
    known = job.known.get(sha)
    result = ValidationResult(path=str(path), sha256=sha) if known else \
        _check(data, path, job.context(), job.period, job.previous)
    archive_name = ""
    if job.archive is not None and result.sha256:
        archive_name = archive.copy_file(job.archive, data, path.suffix)
    return _Checked(path, result, received, archive_name, known=known)


_WORKER: dict[str, Any] = {}


def _init_worker(job: _Job) -> None:
    _WORKER["job"] = job


def _check_in_worker(path: Path) -> _Checked:
    return _read_and_check(path, _WORKER["job"])


def _mp_context() -> Any:
    """fork starts workers fastest and shares the plan without pickling; elsewhere (Windows, macOS) the
    platform's default start method (spawn) is the safe one."""
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def _checked(files: list[Path], job: _Job, workers: int | None) -> Generator[_Checked, None, None]:
    """Every file read and validated, in the order of ``files``: here, or in a pool of processes."""
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if n_workers <= 1 or len(files) - len(job.known) < POOL_THRESHOLD:
        for path in files:
            yield _read_and_check(path, job)
        return
    chunk = max(1, min(16, len(files) // (n_workers * 8)))
    pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=_mp_context(), initializer=_init_worker,
                               initargs=(job,))
    try:
        yield from pool.map(_check_in_worker, files, chunksize=chunk)
    finally:
        # On an error or Ctrl-C in the caller, drop the files not yet started instead of checking them all.
        pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------------------------
# Collect
# --------------------------------------------------------------------------------------------

def collect(inbox: str | os.PathLike[str], plan: Plan, period: Period, *,
            db_path: str | os.PathLike[str], archive_dir: str | os.PathLike[str] | None = None,
            progress: Progress | None = None, workers: int | None = None,
            master: str = "", allow_network: bool = False) -> CollectResult:
    """Collect every return in ``inbox`` for ``period`` into the history database at ``db_path``.

    Each file is validated against ``plan``, copied into ``archive_dir`` (when given) as
    ``<sha256><extension>``, and stored as a submission of the unit it names (or, when it cannot be read
    as a return, of the unit whose id its name carries). The rule for which submission counts is the
    module's (``RULE``): the newest valid file per unit, newest by modification time, ties by file name.

    Files the history already holds for the period (same content) are archived if need be but not
    validated or stored again: ``CollectResult.results`` has the ValidationResults of the files validated
    in this run, ``CollectResult.files`` an outcome for every file.

    ``progress(done, total, path)`` is called once with done=0 before the first file and after each file.
    ``workers``: processes for validation (default: all cores; 1 = in this process).
    Raises InputError when the inbox is not a folder or the period is not in the plan's year.
    """
    per = period
    root = Path(inbox)
    if not root.is_dir():
        raise InputError(tc.INBOX_NOT_FOUND.format(path=root))
    check_plan_year(per, plan.year)
    archive_dir_ = Path(archive_dir) if archive_dir is not None else None
    listing = inbox_files(root, exclude=[archive_dir_] if archive_dir_ else [])
    files = listing.files
    total = len(files)
    results: list[ValidationResult] = []
    outcomes: list[FileOutcome] = []
    target = as_target(db_path)
    with History.open(target, allow_network=allow_network) as history:
        if progress:  # after the database opened: a refusal is not preceded by a progress bar
            progress(0, total, None)
        run_id = history.start_run(period=per, inbox=str(root), master=master, plan=plan)
        history.store_plan(plan)
        job = _Job(plan, per, history.previous_value_map(per), archive_dir_, history.known_files(per))
        identity = plan.identity()
        if archive_dir_ is not None:
            archive_dir_.mkdir(parents=True, exist_ok=True)
            archive.write_plan(archive_dir_, plan, identity)
        checking = closing(_checked(files, job, workers))
        with _Batches(history, archive_dir_) as batches, checking as checks:
            for done, checked in enumerate(checks, start=1):
                batches.tick()
                if checked.known is None:
                    results.append(checked.result)
                outcomes.append(_store(history, root, checked, job, run_id, identity, batches.receipts))
                if progress:
                    progress(done, total, checked.path)
        history.finish_run(run_id, files=total, stored=sum(o.new for o in outcomes))
        units = unit_statuses(history.submission_list(period=per), plan)
    mark_unreadable(units, [(o.unit_id, o.file_name, o.received_at, o.problem) for o in outcomes
                            if o.submission_id is None])
    return CollectResult(period=per, committee=plan.settings.committee, plan_identity=plan.identity(),
                         db_path=target, archive_dir=archive_dir_, units=units, results=results,
                         files=outcomes, skipped=listing.skipped, ignored=listing.ignored, run_id=run_id,
                         finished_at=dt.datetime.now())


class _Batches:
    """Group storing into transactions of at most BATCH_FILES files or BATCH_SECONDS seconds."""

    def __init__(self, history: History, archive_dir: Path | None) -> None:
        self.history = history
        self.archive_dir = archive_dir
        self.receipts: list[archive.Receipt] = []  # of the files stored in the open transaction
        self.stack: ExitStack | None = None
        self.count = 0
        self.started = 0.0

    def tick(self) -> None:
        if self.stack is not None and (self.count >= BATCH_FILES
                                       or time.monotonic() - self.started >= BATCH_SECONDS):
            self._commit()
        if self.stack is None:
            self.stack = ExitStack()
            self.stack.enter_context(self.history.transaction())
            self.count, self.started = 0, time.monotonic()
        self.count += 1

    def _commit(self) -> None:
        stack, self.stack = self.stack, None
        if stack is not None:
            self._write_receipts()
            stack.close()

    def _write_receipts(self) -> None:
        """Before a commit: what the history is about to hold, the archive holds first."""
        if self.archive_dir is not None:
            archive.write_receipts(self.archive_dir, self.receipts)
        self.receipts = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        stack, self.stack = self.stack, None
        if stack is not None:
            if exc_type is None:
                self._write_receipts()
            stack.__exit__(exc_type, exc, tb)  # type: ignore[arg-type]  # commit, or roll back


def _store(history: History, root: Path, checked: _Checked, job: _Job, run_id: int, plan_identity: str,
           receipts: list[archive.Receipt]) -> FileOutcome:
    plan, per = job.plan, job.period
    result = checked.result
    file_name = checked.path.relative_to(root).as_posix()
    if checked.known is not None:
        sid, unit = checked.known
        return FileOutcome(checked.path, file_name, unit, result.sha256, checked.received_at, sid, False,
                           checked.archive_name)
    unit = result.data.unit_id if result.data is not None else guess_unit(file_name, plan)
    if not checked.readable or not result.sha256:
        # Unreadable (permissions, vanished): nothing to archive or store; a re-run tries again.
        problem = result.findings[0].message if result.findings else ""
        return FileOutcome(checked.path, file_name, unit, result.sha256, checked.received_at, None, False,
                           problem=problem)
    sid, new = history.store(result, plan=plan, period=per, received_at=checked.received_at, file_name=file_name,
                             unit_id=unit, archive_path=checked.archive_name, run_id=run_id)
    if new:
        receipts.append(archive.receipt(sha256=result.sha256, archive_name=checked.archive_name, period=per,
                                        file_name=file_name, received_at=checked.received_at, unit_id=unit,
                                        plan_identity=plan_identity))
    return FileOutcome(checked.path, file_name, unit, result.sha256, checked.received_at, sid, new,
                       checked.archive_name)


# --------------------------------------------------------------------------------------------
