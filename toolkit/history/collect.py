"""Collect a period's returns from an inbox folder into the history database, with an audit trail.

``collect(inbox, plan, period, db_path=...)`` walks the inbox recursively (attachments saved into
subfolders), skips Office/LibreOffice lock files and temporary files, refuses (with a finding, never opening
them) named pipes, devices, sockets and links out of the inbox, reads saved mails (.eml; .msg with the optional
extra) and takes their workbook attachments as submissions (``toolkit.history.intake``), validates every file,
copies each one (accepted or not, and each mail) into an archive named by its content hash, stores it in the
history (``toolkit.history.store``), records the controller's choices in conflicts (``choices``) and returns
the submission status per unit, each against the deadline when one is known.

Which submission counts: per unit and period, the newest VALID file, newest by the time received (a mail's
Date for its attachments, else the file's modification time) to the second; valid files that tie with
different content are a conflict that the controller settles with a choice. Earlier valid files are
superseded but stay in the history with their times; invalid files never count. The rule is ``RULE``
(Swedish) below and is printed by the CLI and written into the status workbook.

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
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import pandas as pd

from toolkit.core import findings as fnd
from toolkit.core.errors import InputError, os_reason
from toolkit.core.findings import Finding
from toolkit.core.model import Plan
from toolkit.core.periods import Period, check_plan_year
from toolkit.core.returndata import ACCEPTED, CONFLICT, MISSING, RECEIVED, REJECTED, ValidationResult
from toolkit.history import archive
from toolkit.history.backend import as_target
from toolkit.history.inbox import MAIL_SUFFIXES, guess_unit, inbox_files
from toolkit.history.intake import Attachment, MailSeen, guess_mail_unit, open_mail
from toolkit.history.mail import MAX_MAIL_BYTES
from toolkit.history.status import UnitStatus, mark_unreadable, unit_statuses
from toolkit.history.store import History
from toolkit.history.times import utc_text
from toolkit.texts import collect as tcol
from toolkit.validate import PlanContext, validate_bytes
from toolkit.validate import files as filecheck

RULE = tcol.RULE

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
    """What happened to one file of the inbox (or one workbook attached to a mail) in this run."""

    path: Path  # the file, or the mail the workbook came in
    file_name: str  # relative to the inbox, with forward slashes ("<mail>/<attachment>" for an attachment)
    unit_id: str
    sha256: str
    received_at: dt.datetime
    submission_id: int | None  # None when the file could not be read at all (nothing stored)
    new: bool  # stored in this run (False: the history already had it)
    archive_path: str = ""
    problem: str = ""  # why the file could not be read (then nothing was stored)
    sender: str = ""  # the mail's sender, for an attachment


@dataclass(frozen=True)
class Choice:
    """The controller's choice in a conflict, as given: unit id and the file as the status shows it."""

    unit_id: str
    file_name: str


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
    deadline: dt.date | None = None
    mails: list[MailSeen] = field(default_factory=list)  # every mail in the inbox and what came of it
    refused: list[tuple[Path, Finding]] = field(default_factory=list)  # never opened, and why
    chosen: list[tuple[str, str]] = field(default_factory=list)  # (unit, file) chosen in this run

    @property
    def new_submissions(self) -> int:
        return sum(f.new for f in self.files)

    @property
    def already_stored(self) -> int:
        return sum(1 for f in self.files if not f.new and f.submission_id is not None)

    def counts(self) -> dict[str, int]:
        """Units per status (units of the plan only)."""
        out = {ACCEPTED: 0, REJECTED: 0, CONFLICT: 0, MISSING: 0, RECEIVED: 0}
        for u in self.units:
            if u.unit_id and u.unit_name != tcol.UNKNOWN_UNIT:
                out[u.state] += 1
        return out

    def status_table(self) -> pd.DataFrame:
        """The status per unit: unit_id, unit_name, status (English key), status_label (Swedish), errors,
        warnings, file, received_at, days_late (calendar days after the deadline, 0 in time, None without a
        deadline or a file), files, submission_id, note."""
        rows = [{"unit_id": u.unit_id, "unit_name": u.unit_name, "status": u.state,
                 "status_label": u.status_label, "errors": u.errors, "warnings": u.warnings, "file": u.file_name,
                 "received_at": u.received_at, "days_late": u.days_late, "files": u.submissions,
                 "submission_id": u.submission_id, "note": u.note} for u in self.units]
        columns = ["unit_id", "unit_name", "status", "status_label", "errors", "warnings", "file",
                   "received_at", "days_late", "files", "submission_id", "note"]
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
    root: Path = Path(".")
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
    attachment: Attachment | None = None  # a workbook that came in a mail
    mail_archive: str = ""


@dataclass
class _Work:
    """What one entry of the inbox gave: a file gives one checked file; a mail one per attached workbook."""

    checked: list[_Checked]
    mail: MailSeen | None = None


def _check(data: bytes, path: Path, ctx: Any, period: Period, previous: Previous) -> ValidationResult:
    """Validate a file's bytes (the seam tests replace with a stand-in validator)."""
    return validate_bytes(data, ctx, name=path.name, file=str(path), period=period, previous=previous)


def _context(plan: Plan) -> Any:
    """What validation derives from the plan once for many files."""
    return PlanContext(plan)


def _read(path: Path, limit: int) -> tuple[bytes, dt.datetime]:
    """A regular file's bytes and modification time (aware); raises OSError (never opens a named pipe)."""
    received = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    return filecheck.read_regular(path, limit), received


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(2**20), b""):
            digest.update(block)
    return digest.hexdigest()


def _unreadable(path: Path, exc: OSError) -> _Checked:
    if isinstance(exc, filecheck.NotRegularFile):
        finding = fnd.make("special-file", file=str(path), found=path.name, kind=exc.kind)
    elif isinstance(exc, filecheck.FileTooLarge):
        finding = filecheck.too_large_finding(exc.size, str(path))
    else:
        finding = fnd.make("unreadable-file", file=str(path), found=os_reason(exc))
    return _Checked(path, ValidationResult(path=str(path), findings=[finding]), dt.datetime.now(dt.UTC),
                    readable=False)


def _read_and_check(path: Path, job: _Job) -> _Work:
    """Read the file ONCE: its hash, its validation and its archive copy all come from the same bytes. A saved
    mail gives one checked file per attached workbook."""
    if path.suffix.lower() in MAIL_SUFFIXES:
        return _read_mail(path, job)
    try:
        data, received = _read(path, filecheck.MAX_FILE_BYTES)
    except filecheck.FileTooLarge as exc:
        # Never held in memory: hashed in chunks and stored as rejected with its finding, not archived.
        try:
            result = ValidationResult(path=str(path), sha256=_hash_file(path),
                                      findings=[filecheck.too_large_finding(exc.size, str(path))])
            received = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        except OSError as again:
            return _Work([_unreadable(path, again)])
        return _Work([_Checked(path, result, received)])
    except OSError as exc:
        return _Work([_unreadable(path, exc)])
    return _Work([_check_bytes(data, path, received, job, path.suffix)])


def _check_bytes(data: bytes, path: Path, received: dt.datetime, job: _Job, suffix: str,
                 attachment: Attachment | None = None, mail_archive: str = "") -> _Checked:
    sha = hashlib.sha256(data).hexdigest()
    known = job.known.get(sha)
    shown = path / attachment.file_name.rsplit("/", 1)[-1] if attachment is not None else path
    result = ValidationResult(path=str(shown), sha256=sha) if known else \
        _check(data, shown, job.context(), job.period, job.previous)
    archive_name = ""
    if job.archive is not None and result.sha256:
        archive_name = archive.copy_file(job.archive, data, suffix)
    return _Checked(path, result, received, archive_name, known=known, attachment=attachment,
                    mail_archive=mail_archive)


def _read_mail(path: Path, job: _Job) -> _Work:
    file_name = path.relative_to(job.root).as_posix()
    try:
        data, modified = _read(path, MAX_MAIL_BYTES)
    except OSError as exc:
        return _Work([], MailSeen(file_name, problem=_unreadable(path, exc).result.findings[0].message))
    attachments, seen = open_mail(data, file_name, modified)
    mail_archive = archive.copy_file(job.archive, data, path.suffix) if job.archive is not None else ""
    checked = [_check_bytes(a.content, path, a.received_at, job, Path(a.file_name).suffix, a, mail_archive)
               for a in attachments]
    return _Work(checked, seen)


_WORKER: dict[str, Any] = {}


def _init_worker(job: _Job) -> None:
    _WORKER["job"] = job


def _check_in_worker(path: Path) -> _Work:
    return _read_and_check(path, _WORKER["job"])


def _mp_context() -> Any:
    """fork starts workers fastest and shares the plan without pickling; elsewhere (Windows, macOS) the
    platform's default start method (spawn) is the safe one."""
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def _checked(files: list[Path], job: _Job, workers: int | None) -> Generator[_Work, None, None]:
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
            master: str = "", allow_network: bool = False, deadline: dt.date | None = None,
            choices: Sequence[Choice] = (), chosen_by: str = "") -> CollectResult:
    """Collect every return in ``inbox`` for ``period`` into the history database at ``db_path``.

    Each file (and each workbook attached to a saved mail) is validated against ``plan``, copied into
    ``archive_dir`` (when given) as ``<sha256><extension>``, and stored as a submission of the unit it names
    (or, when it cannot be read as a return, of the unit its name, its mail's sender or subject point to). The
    rule for which submission counts is the module's (``RULE``).

    Files the history already holds for the period (same content) are archived if need be but not
    validated or stored again: ``CollectResult.results`` has the ValidationResults of the files validated
    in this run, ``CollectResult.files`` an outcome for every file.

    ``choices``: the controller's choices in conflicts, applied after the files are stored (each must name a
    valid file among its unit's newest; kept in the archive and the history with ``chosen_by``).
    ``deadline``: the period's last day, for the status against it.
    ``progress(done, total, path)`` is called once with done=0 before the first entry and after each entry
    (a file or a mail). ``workers``: processes for validation (default: all cores; 1 = in this process).
    Raises InputError when the inbox is not a folder, the period is not in the plan's year or a choice is not
    one the controller can make (the files are stored by then).
    """
    per = period
    root = Path(inbox)
    if not root.is_dir():
        raise InputError(tcol.INBOX_NOT_FOUND.format(path=root))
    check_plan_year(per, plan.year)
    for choice in choices:
        if plan.unit(choice.unit_id) is None:
            raise InputError(tcol.CHOOSE_UNKNOWN_UNIT.format(unit=choice.unit_id,
                                                           known=", ".join(u.id for u in plan.units)))
    archive_dir_ = Path(archive_dir) if archive_dir is not None else None
    listing = inbox_files(root, exclude=[archive_dir_] if archive_dir_ else [])
    entries = sorted(listing.files + listing.mails, key=lambda p: p.relative_to(root).as_posix())
    total = len(entries)
    results: list[ValidationResult] = []
    outcomes: list[FileOutcome] = []
    mails: list[MailSeen] = []
    chosen: list[tuple[str, str]] = []
    target = as_target(db_path)
    with History.open(target, allow_network=allow_network) as history:
        if progress:  # after the database opened: a refusal is not preceded by a progress bar
            progress(0, total, None)
        run_id = history.start_run(period=per, inbox=str(root), master=master, plan=plan)
        history.store_plan(plan)
        job = _Job(plan, per, history.previous_value_map(per), archive_dir_, history.known_files(per), root)
        identity = plan.identity()
        if archive_dir_ is not None:
            archive_dir_.mkdir(parents=True, exist_ok=True)
            archive.write_plan(archive_dir_, plan, identity)
        checking = closing(_checked(entries, job, workers))
        with _Batches(history, archive_dir_) as batches, checking as works:
            for done, work in enumerate(works, start=1):
                if work.mail is not None:
                    mails.append(work.mail)
                for checked in work.checked:
                    batches.tick()
                    if checked.known is None:
                        results.append(checked.result)
                    outcomes.append(_store(history, root, checked, job, run_id, identity, batches.receipts))
                if progress:
                    progress(done, total, entries[done - 1])
        history.finish_run(run_id, files=len(outcomes), stored=sum(o.new for o in outcomes))
        for choice in choices:
            if _choose(history, archive_dir_, per, choice, chosen_by, run_id):
                chosen.append((choice.unit_id, choice.file_name))
        units = unit_statuses(history.submission_list(period=per), plan, deadline=deadline)
    mark_unreadable(units, [(o.unit_id, o.file_name, o.received_at, o.problem) for o in outcomes
                            if o.submission_id is None])
    return CollectResult(period=per, committee=plan.settings.committee, plan_identity=plan.identity(),
                         db_path=target, archive_dir=archive_dir_, units=units, results=results,
                         files=outcomes, skipped=listing.skipped, ignored=listing.ignored, run_id=run_id,
                         finished_at=dt.datetime.now(), deadline=deadline, mails=mails, refused=listing.refused,
                         chosen=chosen)


def _choose(history: History, archive_dir: Path | None, period: Period, choice: Choice, chosen_by: str,
            run_id: int) -> bool:
    """Record one choice (archive first, then the history); False when the file counts already."""
    sub = history.resolve_choice(choice.unit_id, period, choice.file_name)
    if sub.state == ACCEPTED:
        return False
    now = dt.datetime.now(dt.UTC)
    if archive_dir is not None:
        archive.write_choice(archive_dir, archive.Choice(str(period), choice.unit_id, sub.sha256, sub.file_name,
                                                         utc_text(now), chosen_by))
    history.record_choice(period=period, unit_id=choice.unit_id, sha256=sub.sha256, file_name=sub.file_name,
                          chosen_by=chosen_by, chosen_at=now, run_id=run_id)
    return True


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
    att = checked.attachment
    file_name = att.file_name if att is not None else checked.path.relative_to(root).as_posix()
    sender = att.sender if att is not None else ""
    if checked.known is not None:
        sid, unit = checked.known
        return FileOutcome(checked.path, file_name, unit, result.sha256, checked.received_at, sid, False,
                           checked.archive_name, sender=sender)
    if result.data is not None:
        unit = result.data.unit_id
    else:
        unit = guess_mail_unit(att, plan) if att is not None else guess_unit(file_name, plan)
    if not checked.readable or not result.sha256:
        # Unreadable (permissions, vanished): nothing to archive or store; a re-run tries again.
        problem = result.findings[0].message if result.findings else ""
        return FileOutcome(checked.path, file_name, unit, result.sha256, checked.received_at, None, False,
                           problem=problem)
    mail_date = att.mail_date if att is not None else None
    sid, new = history.store(result, plan=plan, period=per, received_at=checked.received_at, file_name=file_name,
                             unit_id=unit, archive_path=checked.archive_name, run_id=run_id, sender=sender,
                             mail_date=mail_date)
    if new:
        receipts.append(archive.receipt(sha256=result.sha256, archive_name=checked.archive_name, period=per,
                                        file_name=file_name, received_at=checked.received_at, unit_id=unit,
                                        plan_identity=plan_identity, sender=sender, mail_date=mail_date,
                                        mail_archive=checked.mail_archive))
    return FileOutcome(checked.path, file_name, unit, result.sha256, checked.received_at, sid, new,
                       checked.archive_name, sender=sender)
