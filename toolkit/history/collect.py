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
import math
import os
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import pandas as pd

from toolkit.core.errors import InputError, os_reason
from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.core.returndata import ValidationResult
from toolkit.history.store import ACCEPTED as STATE_ACCEPTED
from toolkit.history.store import History, local_time
from toolkit.texts import collect as tc

RULE = tc.RULE
ACCEPTED, REJECTED, MISSING, RECEIVED = tc.ACCEPTED, tc.REJECTED, tc.MISSING, tc.RECEIVED

# Validate in a process pool from this many files on. Below it one process takes well under a second, and
# starting workers (slow where they are spawned, as on Windows) costs more than it saves.
POOL_THRESHOLD = 100
# A storing transaction is committed after this many files or this many seconds, whichever comes first:
# few commits (fast), short locks (a concurrent collect waits little), little work lost on a crash.
BATCH_FILES = 64
BATCH_SECONDS = 0.5

Progress = Callable[[int, int, "Path | None"], None]


@dataclass
class UnitStatus:
    """One row of the status table: where a unit stands for the period, from the whole history."""

    unit_id: str
    unit_name: str
    status: str  # ACCEPTED | REJECTED | MISSING, or RECEIVED: a file is there but could not be read yet
    errors: int = 0
    warnings: int = 0
    file: str = ""
    received_at: dt.datetime | None = None
    files: int = 0
    submission_id: int | None = None
    note: str = ""

    @property
    def status_label(self) -> str:
        return tc.STATUS[self.status]


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
    period: str
    committee: str
    plan_identity: str
    db_path: Path
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
                out[u.status] += 1
        return out

    def status_table(self) -> pd.DataFrame:
        """The status per unit: unit_id, unit_name, status (English key), status_label (Swedish), errors,
        warnings, file, received_at, files, submission_id, note."""
        rows = [{"unit_id": u.unit_id, "unit_name": u.unit_name, "status": u.status,
                 "status_label": u.status_label, "errors": u.errors, "warnings": u.warnings, "file": u.file,
                 "received_at": u.received_at, "files": u.files, "submission_id": u.submission_id,
                 "note": u.note} for u in self.units]
        columns = ["unit_id", "unit_name", "status", "status_label", "errors", "warnings", "file",
                   "received_at", "files", "submission_id", "note"]
        return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------------------------
# The inbox
# --------------------------------------------------------------------------------------------

_SKIP_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


def is_skipped_name(name: str) -> bool:
    """Lock and temporary files that are no one's return: Office locks (~$x.xlsx), LibreOffice locks
    (.~lock.x#), hidden files (.x, including our own .~nplan- temporaries), *.tmp, backups (x~) and
    system files (Thumbs.db, desktop.ini)."""
    low = name.casefold()
    return (low.startswith(("~$", ".")) or low.endswith((".tmp", ".temp", "~"))
            or (low.startswith("~") and "." not in low) or low in _SKIP_NAMES)


@dataclass
class InboxFiles:
    files: list[Path]  # to collect: whatever a unit may have sent as its return (spreadsheet-like files)
    skipped: list[Path]  # lock and temporary files
    ignored: list[Path]  # other files (PDFs, mails, images): not returns, reported but not collected


def inbox_files(inbox: str | os.PathLike[str], *, exclude: Iterable[Path] = ()) -> InboxFiles:
    """The files under ``inbox``, recursively, in path order, sorted into the three kinds above.

    Spreadsheet-like files are those validation recognises (``toolkit.validate.files.CANDIDATE_SUFFIXES``:
    .xlsx, and the wrong formats a unit may send instead, which get their own findings). Folders in
    ``exclude`` (the archive, when it lies inside the inbox) and hidden folders are not entered.
    """
    from toolkit.validate.files import CANDIDATE_SUFFIXES

    root = Path(inbox)
    excluded = {p.resolve() for p in exclude}
    out = InboxFiles([], [], [])
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and (here / d).resolve() not in excluded)
        for name in sorted(filenames):
            path = here / name
            if not path.is_file():
                continue
            if is_skipped_name(name):
                out.skipped.append(path)
            elif path.suffix.lower() in CANDIDATE_SUFFIXES:
                out.files.append(path)
            else:
                out.ignored.append(path)
    for group in (out.files, out.skipped, out.ignored):
        group.sort(key=lambda p: p.relative_to(root).as_posix())
    return out


def _plain(text: str) -> str:
    """Lower case ASCII letters and digits only ("Film i Västerbotten" -> "filmivasterbotten")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def guess_unit(file_name: str, plan: Plan) -> str:
    """The unit a file belongs to judging by its name alone (for files that cannot be read as a return):
    the unit whose name (as in the generated file names, ignoring case, accents and punctuation) the
    name contains - the longest such name - else the one unit whose id is a word of the name, else ""."""
    stem = Path(file_name).stem
    plain = _plain(stem)
    by_name = sorted(((len(_plain(u.name)), u.id) for u in plan.units
                      if _plain(u.name) and _plain(u.name) in plain), reverse=True)
    if by_name:
        return by_name[0][1]
    words = set(re.split(r"[^0-9a-zåäöéü]+", stem.casefold()))
    hits = [u.id for u in plan.units if u.id.casefold() in words]
    return hits[0] if len(hits) == 1 else ""


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
    from toolkit.validate.checks import validate_bytes

    return validate_bytes(data, ctx, name=path.name, file=str(path), period=period, previous=previous)


def _context(plan: Plan) -> Any:
    """What validation derives from the plan once for many files."""
    from toolkit.validate.checks import PlanContext

    return PlanContext(plan)


def _read_and_check(path: Path, job: _Job) -> _Checked:
    """Read the file ONCE: its hash, its validation and its archive copy all come from the same bytes."""
    try:
        mtime = path.stat().st_mtime
        data = path.read_bytes()
    except OSError as exc:
        from toolkit.core import findings as fnd

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
        archive_name = f"{result.sha256}{path.suffix.lower()}"
        _archive_copy(data, job.archive / archive_name)
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


def _checked(files: list[Path], job: _Job, workers: int | None) -> Iterator[_Checked]:
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

def collect(inbox: str | os.PathLike[str], plan: Plan, period: Period | str, *,
            db_path: str | os.PathLike[str], archive_dir: str | os.PathLike[str] | None = None,
            progress: Progress | None = None, workers: int | None = None,
            master: str = "") -> CollectResult:
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
    per = period if isinstance(period, Period) else Period.parse(period)
    root = Path(inbox)
    if not root.is_dir():
        raise InputError(tc.INBOX_NOT_FOUND.format(path=root))
    if per.year != plan.year:
        raise InputError(tc.PERIOD_OUTSIDE_YEAR.format(period=per, year=plan.year))
    archive = Path(archive_dir) if archive_dir is not None else None
    listing = inbox_files(root, exclude=[archive] if archive else [])
    files = listing.files
    total = len(files)
    if progress:
        progress(0, total, None)
    results: list[ValidationResult] = []
    outcomes: list[FileOutcome] = []
    with History.open(db_path) as history:
        run_id = history.start_run(period=per, inbox=str(root), master=master, plan=plan)
        history.store_plan(plan)
        job = _Job(plan, per, history.previous_value_map(per), archive, history.known_files(per))
        if archive is not None:
            archive.mkdir(parents=True, exist_ok=True)
        checking = closing(_checked(files, job, workers))
        with _Batches(history) as batches, checking as checks:
            for done, checked in enumerate(checks, start=1):
                batches.tick()
                if checked.known is None:
                    results.append(checked.result)
                outcomes.append(_store(history, root, checked, plan, per, run_id))
                if progress:
                    progress(done, total, checked.path)
        history.finish_run(run_id, files=total, stored=sum(o.new for o in outcomes))
        units = unit_statuses(history, plan, per)
    _mark_unreadable(units, outcomes)
    return CollectResult(period=str(per), committee=plan.settings.committee, plan_identity=plan.identity(),
                         db_path=Path(db_path), archive_dir=archive, units=units, results=results,
                         files=outcomes, skipped=listing.skipped, ignored=listing.ignored, run_id=run_id,
                         finished_at=dt.datetime.now())


class _Batches:
    """Group storing into transactions of at most BATCH_FILES files or BATCH_SECONDS seconds."""

    def __init__(self, history: History) -> None:
        self.history = history
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
            stack.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        stack, self.stack = self.stack, None
        if stack is not None:
            stack.__exit__(exc_type, exc, tb)  # type: ignore[arg-type]  # commit, or roll back


def _store(history: History, root: Path, checked: _Checked, plan: Plan, per: Period,
           run_id: int) -> FileOutcome:
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
    sid, new = history.store_submission_ex(result, plan=plan, period=per, received_at=checked.received_at,
                                           file_name=file_name, unit_id=unit,
                                           archive_path=checked.archive_name, run_id=run_id)
    return FileOutcome(checked.path, file_name, unit, result.sha256, checked.received_at, sid, new,
                       checked.archive_name)


def _archive_copy(content: bytes, target: Path) -> None:
    """Write an archive copy once (named by its hash, so an existing copy is already right)."""
    if target.is_file() and target.stat().st_size == len(content):
        return
    from toolkit.excel import write_atomic_bytes

    write_atomic_bytes(content, target)


# --------------------------------------------------------------------------------------------
# Status per unit, from the history
# --------------------------------------------------------------------------------------------

def unit_statuses(history: History, plan: Plan, period: Period | str) -> list[UnitStatus]:
    """The status of every unit of the plan for ``period`` from everything the history holds (not only
    this run's files), then one row per unknown unit id that sent something."""
    subs = history.submissions(period=period)
    by_unit: dict[str, pd.DataFrame] = {uid: df for uid, df in subs.groupby("unit_id", sort=False)}
    rows: list[UnitStatus] = []
    known = [(u.id, u.name) for u in plan.units]
    unknown = [(uid, tc.UNKNOWN_UNIT) for uid in sorted(by_unit) if plan.unit(uid) is None]
    for uid, name in known + unknown:
        mine = by_unit.get(uid)
        if mine is None or mine.empty:
            rows.append(UnitStatus(uid, name, MISSING))
            continue
        # Newest first, exactly as the counting rule orders them.
        mine = mine.sort_values(["received_at", "file_name", "submission_id"], ascending=False)
        counting = mine[mine["state"] == STATE_ACCEPTED]
        newest = mine.iloc[0]
        notes = []
        if not counting.empty:
            row = counting.iloc[0]
            status = ACCEPTED
            if newest["submission_id"] != row["submission_id"] and newest["state"] == "rejected":
                notes.append(tc.NOTE_NEWER_REJECTED.format(file=newest["file_name"], errors=newest["errors"]))
            n_superseded = int((mine["state"] == "superseded").sum())
            if n_superseded:
                template = tc.NOTE_SUPERSEDED.get(n_superseded, tc.NOTE_SUPERSEDED["many"])
                notes.append(template.format(n=n_superseded))
        else:
            row = newest
            status = REJECTED
        if plan.unit(uid) is None:
            notes.insert(0, tc.NOTE_NOT_ATTRIBUTED if not uid else "")
        rows.append(UnitStatus(
            unit_id=uid, unit_name=name, status=status, errors=int(row["errors"]),
            warnings=int(row["warnings"]), file=str(row["file_name"]),
            received_at=_py_time(row["received_at"]), files=len(mine),
            submission_id=int(row["submission_id"]), note=" ".join(n for n in notes if n)))
    return rows


def _mark_unreadable(units: list[UnitStatus], outcomes: list[FileOutcome]) -> None:
    """A file that could not be read at all this time (still being saved, no permission) is received but
    not judged: nothing is stored and a re-run reads it. A unit with nothing else shows "received"."""
    by_unit = {u.unit_id: u for u in units}
    for outcome in outcomes:
        if outcome.submission_id is not None:
            continue
        reason = outcome.problem
        unit = by_unit.get(outcome.unit_id)
        if unit is None:
            unit = UnitStatus(outcome.unit_id, tc.UNKNOWN_UNIT, MISSING)
            units.append(unit)
            by_unit[outcome.unit_id] = unit
        note = tc.NOTE_UNREADABLE.format(file=outcome.file_name, reason=reason)
        unit.note = f"{unit.note} {note}".strip()
        if unit.status == MISSING:
            unit.status, unit.file = RECEIVED, outcome.file_name
            unit.received_at = local_time(outcome.received_at.isoformat())
            unit.files += 1


def _py_time(value: Any) -> dt.datetime | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).to_pydatetime()


def shown_findings(history: History, units: list[UnitStatus]) -> list[tuple[str, str, pd.DataFrame]]:
    """(unit_id, file name, findings) of the submission each status row shows, for the status workbook."""
    out = []
    for u in units:
        if u.submission_id is not None:
            out.append((u.unit_id, u.file, history.findings(u.submission_id)))
    return out


# --------------------------------------------------------------------------------------------
# The status workbook
# --------------------------------------------------------------------------------------------

def default_status_path(db_path: str | os.PathLike[str], period: Period | str) -> Path:
    """insamling-2026-T2.xlsx next to the database."""
    return Path(db_path).parent / tc.STATUS_FILE.format(period=period)


def write_status_workbook(result: CollectResult, path: str | os.PathLike[str]) -> Path:
    """The status per unit as a Swedish workbook (status as colour and word, the counting rule, every
    file of the run, the findings of each shown file); frozen headers, A4 landscape, saved atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from toolkit import excel

    wb = Workbook()
    ws = wb.active
    ws.title = tc.SHEET_STATUS
    title = tc.WB_TITLE.format(period=result.period, committee=result.committee)
    excel.set_text(ws["A1"], title).font = excel.TITLE_FONT
    finished = result.finished_at or dt.datetime.now()
    excel.set_text(ws["A2"], tc.WB_RUN.format(time=finished.strftime("%Y-%m-%d %H:%M"), db=result.db_path))
    excel.set_text(ws["A3"], result.rule).font = excel.NOTE_FONT
    ws["A3"].alignment = excel.WRAP
    ws.merge_cells("A3:I3")  # the rule wraps within the table's width instead of widening the page
    ws.row_dimensions[3].height = 45
    header_row = 5
    _header(ws, header_row, tc.STATUS_HEADERS)
    ws.row_dimensions[header_row].height = 32
    for r, u in enumerate(result.units, start=header_row + 1):
        counted = u.files > 0  # a unit that sent nothing has no error count, as on screen
        values = [u.unit_id, u.unit_name, u.status_label, u.errors if counted else None,
                  u.warnings if counted else None, u.file, u.received_at,
                  u.files, u.note]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                excel.set_text(cell, value)
            else:
                cell.value = value
            cell.border = excel.BOX
            cell.alignment = excel.WRAP
        ws.row_dimensions[r].height = excel.row_height(_row_height(values, STATUS_WIDTHS))
        status_cell = ws.cell(row=r, column=3)
        status_cell.fill = PatternFill("solid", fgColor=excel.RETURN_COLOURS[u.status])
        status_cell.font = Font(bold=True)
        ws.cell(row=r, column=7).number_format = "yyyy-mm-dd hh:mm"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    excel.set_widths(ws, STATUS_WIDTHS)
    excel.print_setup(ws, title_rows=f"{header_row}:{header_row}")
    ws.auto_filter.ref = f"A{header_row}:I{header_row + max(len(result.units), 1)}"

    files_ws = wb.create_sheet(tc.SHEET_FILES)
    _header(files_ws, 1, tc.FILES_HEADERS)
    with History.open(result.db_path) as history:
        subs = history.submissions(period=result.period).set_index("submission_id")
        for r, f in enumerate(result.files, start=2):
            known = f.submission_id in subs.index
            state = tc.SUBMISSION_STATE.get(subs.loc[f.submission_id, "state"], "") if known else ""
            errors = int(subs.loc[f.submission_id, "errors"]) if known else None
            warnings = int(subs.loc[f.submission_id, "warnings"]) if known else None
            local = local_time(f.received_at.isoformat())
            values = [f.unit_id, f.file_name, local, state, errors, warnings, f.sha256, f.archive_path]
            for c, value in enumerate(values, start=1):
                cell = files_ws.cell(row=r, column=c)
                if isinstance(value, str):
                    excel.set_text(cell, value)
                else:
                    cell.value = value
            files_ws.cell(row=r, column=3).number_format = "yyyy-mm-dd hh:mm"
        shown = shown_findings(history, result.units)
    files_ws.freeze_panes = "A2"
    excel.set_widths(files_ws, [14, 40, 17, 12, 9, 11, 66, 72])
    excel.print_setup(files_ws, title_rows="1:1")

    find_ws = wb.create_sheet(tc.SHEET_FINDINGS)
    _header(find_ws, 1, tc.FINDINGS_HEADERS)
    r = 2
    for unit_id, file_name, df in shown:
        for rec in df.to_dict("records"):
            cells = [unit_id, file_name, rec["sheet"], rec["cell"], rec["severity"], rec["code"],
                     rec["message"]]
            for c, value in enumerate(cells, start=1):
                excel.set_text(find_ws.cell(row=r, column=c), value)
            find_ws.cell(row=r, column=7).alignment = excel.WRAP
            r += 1
    if r == 2:
        excel.set_text(find_ws.cell(row=2, column=1), tc.NO_FINDINGS)
    find_ws.freeze_panes = "A2"
    excel.set_widths(find_ws, [14, 36, 14, 8, 12, 24, 90])
    excel.print_setup(find_ws, title_rows="1:1")
    return excel.save_workbook(wb, path)


STATUS_WIDTHS = (14, 40, 12, 8, 10, 46, 17, 8, 46)


def _row_height(values: Iterable[Any], widths: Iterable[float]) -> float:
    """Points for a row of wrapped text (spreadsheets do not always fit rows written by openpyxl)."""
    lines = max((math.ceil(len(v) / max(w - 2, 1)) for v, w in zip(values, widths)
                 if isinstance(v, str) and v), default=1)
    return 15.0 * max(lines, 1)


def _header(ws: Any, row: int, headers: Iterable[str]) -> None:
    from openpyxl.styles import Alignment

    from toolkit import excel

    for c, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=c)
        excel.set_text(cell, text)
        cell.font = excel.HEADER_FONT
        cell.fill = excel.HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


# --------------------------------------------------------------------------------------------
# Export of the long table
# --------------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?\d[\d\s\u00a0]*(?:[.,]\d+)?\s*%?")


def _csv_safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe in CSV (numbers stay)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def export_table(history: History, *, period: Period | str | None = None,
                 year: int | None = None) -> pd.DataFrame:
    """The indicator_values long table for users: with the indicator's name, the assessment in Swedish
    and Swedish column headers (``toolkit.texts.collect.EXPORT_HEADERS``)."""
    from toolkit.texts.common import ASSESSMENT

    df = history.indicator_values(period=period, year=year)
    names = history.indicators().set_index("indicator_id")["name"].to_dict()
    df.insert(df.columns.get_loc("indicator_id") + 1, "indicator_name",
              pd.Series([names.get(i, "") for i in df["indicator_id"]], index=df.index, dtype=object))
    labels = dict(ASSESSMENT)
    df["assessment"] = pd.Series([labels.get(a, a) for a in df["assessment"]], index=df.index, dtype=object)
    return df.rename(columns=tc.EXPORT_HEADERS)


def export(db_path: str | os.PathLike[str], out: str | os.PathLike[str], *, fmt: str | None = None,
           period: Period | str | None = None, year: int | None = None) -> tuple[Path, int]:
    """Write the counting indicator values (``export_table``) as CSV or xlsx; return (path, rows).

    CSV is written for Swedish Excel: UTF-8 with BOM, semicolon separated, decimal comma, and text that
    would run as a formula prefixed with an apostrophe. ``fmt`` defaults to the file's extension.
    Raises InputError when the database does not exist, the format is unknown or nothing is there.
    """
    db = Path(db_path)
    target = Path(out)
    fmt = (fmt or target.suffix.lstrip(".")).lower()
    if fmt not in ("csv", "xlsx"):
        raise InputError(tc.EXPORT_FORMAT_UNKNOWN.format(path=target))
    if not db.is_file():
        raise InputError(tc.DB_NOT_FOUND.format(path=db))
    with History.open(db) as history:
        table = export_table(history, period=period, year=year)
    if table.empty:
        what = period if period is not None else year
        where = tc.EXPORT_FOR.format(what=what) if what is not None else ""
        raise InputError(tc.EXPORT_EMPTY.format(where=where, path=db).replace("  ", " "))
    if fmt == "csv":
        from toolkit.excel import write_atomic_bytes

        safe = table.copy()
        for name in safe.columns:
            if safe[name].dtype == object:
                safe[name] = safe[name].map(_csv_safe)
        text = safe.to_csv(sep=";", decimal=",", index=False, date_format="%Y-%m-%d %H:%M:%S")
        return write_atomic_bytes(text.encode("utf-8-sig"), target), len(table)
    return _export_xlsx(table, target), len(table)


def _export_xlsx(table: pd.DataFrame, target: Path) -> Path:
    from openpyxl import Workbook

    from toolkit import excel

    wb = Workbook()
    ws = wb.active
    ws.title = tc.EXPORT_SHEET
    headers = list(table.columns)
    for r, rec in enumerate(table.itertuples(index=False), start=2):
        for c, value in enumerate(rec, start=1):
            cell = ws.cell(row=r, column=c)
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            if isinstance(value, str):
                excel.set_text(cell, value)
            elif isinstance(value, pd.Timestamp):
                cell.value = value.to_pydatetime()
                cell.number_format = "yyyy-mm-dd hh:mm"
            else:
                cell.value = value.item() if hasattr(value, "item") else value
    excel.add_table(ws, "Indikatorvarden", 1, 1, headers, len(table))
    ws.freeze_panes = "A2"
    excel.set_widths(ws, [7, 9, 14, 36, 12, 50, 10, 14, 14, 18, 50, 40, 10, 17])
    excel.print_setup(ws, title_rows="1:1")
    return excel.save_workbook(wb, target)


# --------------------------------------------------------------------------------------------
# An example inbox (for tests and the demo)
# --------------------------------------------------------------------------------------------

def _first_indicator(plan: Plan, unit_id: str, period: Period, kinds: tuple[Any, ...]) -> str | None:
    return next((i.id for i in plan.indicators_for(unit_id, period) if i.kind in kinds), None)


def make_example_inbox(master_plan: Plan, period: Period | str, inbox_dir: str | os.PathLike[str], *,
                       seed: int = 0) -> dict[str, Any]:
    """Fill an inbox with the returns of simulated units, reproducibly, covering every status:

    - the first unit and every unit after the fourth send one correct return (accepted);
    - the second unit sends a return with a typing slip (an outcome with an extra zero; still valid) and
      a day later a corrected return (``_rattad``): the correction supersedes the first;
    - the third unit sends a return with an outcome that is not a number (invalid: rejected);
    - the fourth unit sends nothing (missing);
    - plus an Excel lock file, which collect skips.

    Files are generated from ``master_plan`` with ``toolkit.returns.build`` and filled with
    ``toolkit.returns.simulate``; their modification times are set in order (the correction last), from the
    fifth day after the period's reporting month at 09:00 local time. Needs at least four units.

    Returns {"inbox": Path, "files": {unit_id: [paths, oldest first]}, "roles": {"accepted": [...],
    "resubmitted": id, "invalid": id, "missing": id}, "expected": {unit_id: ACCEPTED | REJECTED | MISSING},
    "values": {unit_id: the values filled into the file that should count (or the invalid one)},
    "slip": {"indicator_id": ..., "wrong": ..., "right": ...} (the resubmitting unit's corrected value),
    "skipped": [lock file paths]}.
    """
    import tempfile

    from toolkit.returns import build as returns
    from toolkit.returns import simulate
    from toolkit.texts import demo as td

    per = period if isinstance(period, Period) else Period.parse(period)
    plan = master_plan
    if len(plan.units) < 4:
        raise ValueError("make_example_inbox needs a plan with at least four units")
    ids = [u.id for u in plan.units]
    resubmitted, invalid, missing = ids[1], ids[2], ids[3]
    accepted = [ids[0], *ids[4:]]
    inbox = Path(inbox_dir)
    inbox.mkdir(parents=True, exist_ok=True)
    month = {1: 5, 2: 9, 3: 1}[per.tertial]
    year = per.year + (1 if per.tertial == 3 else 0)
    base = dt.datetime(year, month, 5, 9, 0).timestamp()

    files: dict[str, list[Path]] = {}
    values_out: dict[str, dict[str, Any]] = {}
    slip: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="nplan-example-") as tmp:
        blanks = dict(zip([u for u in ids if u != missing],
                          returns.create_returns(plan, per, tmp, units=[u for u in ids if u != missing],
                                                 now=dt.datetime(per.year, month, 1, 8, 0, tzinfo=dt.UTC))))

        def put(unit_id: str, values: dict[str, Any], target: Path, minutes: float) -> Path:
            target.parent.mkdir(parents=True, exist_ok=True)
            simulate.fill_return(blanks[unit_id], target, values)
            os.utime(target, (base + minutes * 60, base + minutes * 60))
            files.setdefault(unit_id, []).append(target)
            return target

        for n, unit_id in enumerate(accepted):
            values = simulate.plausible_values(plan, unit_id, per, seed=seed)
            # Attachments are often saved in a folder per mail: put every other one in a subfolder.
            folder = inbox if n % 2 == 0 else inbox / td.MAIL_FOLDER.format(unit=unit_id.lower())
            put(unit_id, values, folder / blanks[unit_id].name, 10 * n)
            values_out[unit_id] = values

        right = simulate.plausible_values(plan, resubmitted, per, seed=seed)
        from toolkit.core.model import ValueKind

        wrong = {part: {k: dict(v) if isinstance(v, dict) else v for k, v in content.items()}
                 for part, content in right.items()}
        slip_id = _first_indicator(plan, resubmitted, per, (ValueKind.COUNT, ValueKind.AMOUNT))
        if slip_id is not None:
            good = right["indicators"][slip_id]["outcome"]
            bad = good * 10 + 1 if isinstance(good, (int, float)) else good
            wrong["indicators"][slip_id]["outcome"] = bad
            slip = {"indicator_id": slip_id, "wrong": bad, "right": good}
        else:  # no number to slip on: the first version lacks its significant events instead
            wrong["economy"]["events"] = ""
        name = blanks[resubmitted].name
        put(resubmitted, wrong, inbox / name, 60)
        # The correction comes a day later, saved from another mail into its own folder.
        corrected = (inbox / td.CORRECTION_FOLDER.format(unit=resubmitted.lower())
                     / td.CORRECTED_FILE.format(stem=Path(name).stem))
        put(resubmitted, right, corrected, 24 * 60)
        values_out[resubmitted] = right

        broken = simulate.plausible_values(plan, invalid, per, seed=seed)
        bad_id = _first_indicator(plan, invalid, per, (ValueKind.COUNT, ValueKind.AMOUNT, ValueKind.SHARE,
                                                       ValueKind.YESNO))
        if bad_id is not None:
            broken["indicators"][bad_id]["outcome"] = td.VAGUE_VALUE
        else:
            broken["economy"]["forecast_tkr"] = td.VAGUE_VALUE
        put(invalid, broken, inbox / blanks[invalid].name, 120)
        values_out[invalid] = broken

    lock = inbox / f"~${files[accepted[0]][0].name}"
    lock.write_bytes(b"\x00" * 165)
    expected = {uid: ACCEPTED for uid in accepted}
    expected.update({resubmitted: ACCEPTED, invalid: REJECTED, missing: MISSING})
    return {"inbox": inbox, "files": files,
            "roles": {"accepted": accepted, "resubmitted": resubmitted, "invalid": invalid,
                      "missing": missing},
            "expected": {uid: expected[uid] for uid in ids}, "values": values_out, "slip": slip,
            "skipped": [lock]}
