"""The steps of the yearly cycle, once for every front-end: the CLI (``toolkit.commands``), the Excel buttons
(``toolkit.xl``) and the demo (``toolkit.demo``) all call these functions, so they cannot drift apart.

Each step takes a ``Master`` (the master workbook read once, with its path) and explicit arguments, owns its
output guards (an output that exists is refused unless ``force``; an output may not be one of its inputs) and
its unique output names, and returns a result dataclass for the front-end to render. Steps never print.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit import excel, workspace
from toolkit import plan as master_io
from toolkit.core.errors import InputError
from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.core.returndata import ValidationResult
from toolkit.history.backend import Target, as_target, describe, exists
from toolkit.history.collect import Choice, CollectResult
from toolkit.history.collect import collect as collect_inbox
from toolkit.history.export import export as export_values
from toolkit.history.remind import Reminders, draft_name, owing, write_reminders
from toolkit.history.remind import list_name as remind_list_name
from toolkit.history.status_workbook import default_status_path, write_status_workbook
from toolkit.history.store import History
from toolkit.plan.budget import BudgetCheck, check_budget_file
from toolkit.report.budget_workbook import BudgetReportResult, make_budget_report
from toolkit.report.consolidate import Consolidation, consolidate_from_db
from toolkit.report.document import write_document
from toolkit.report.workbook import write_report
from toolkit.returns import build as returns_build
from toolkit.texts import cli as tcli
from toolkit.texts import consolidate as tcons
from toolkit.texts import document as tdoc
from toolkit.texts import master as tm
from toolkit.texts import remind as trem
from toolkit.texts import returns as tr
from toolkit.texts import xl as txl
from toolkit.validate import PlanContext, validate_paths
from toolkit.validate import files as filecheck
from toolkit.validate.annotated import annotate, annotated_name
from toolkit.validate.api import walk_paths
from toolkit.validate.migrate import Migrated, migrate_return

Progress = Callable[[int, int, "Path | None"], None]


# --------------------------------------------------------------------------------------------
# The master and the output guards
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Master:
    """A master workbook read once: its path and its sound plan (a master with errors is refused)."""

    path: Path
    plan: Plan

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Master:
        return cls(Path(path), master_io.load_plan(existing_file(Path(path))))

    def database(self, given: Target | None = None) -> Path | str:
        """``given``, else the master's setting "Databas (fil)", else nplan.sqlite next to the master: an SQLite
        file's path, or a PostgreSQL server's URL."""
        return as_target(given) if given is not None else workspace.database_path(self.path, self.plan)

    @property
    def output(self) -> Path:
        return workspace.output_path(self.path, self.plan)

    def inbox(self) -> Path:
        """The master's inbox folder; InputError when it does not exist."""
        path = workspace.inbox_path(self.path, self.plan)
        if not path.is_dir():
            raise InputError(txl.NO_INBOX.format(path=path, setting=tm.SETTINGS["inbox"][0]))
        return path

    def period_setting(self) -> Period:
        """The master's setting "Aktuell period" (what the buttons work on); InputError when it is empty or
        not in the plan's year."""
        setting = self.plan.settings.period
        if not setting:
            raise InputError(txl.NO_PERIOD.format(setting=tm.SETTINGS["period"][0]))
        period = setting if isinstance(setting, Period) else Period.parse(str(setting))
        if period.year != self.plan.year:
            raise InputError(txl.PERIOD_OTHER_YEAR.format(period=period, year=self.plan.year))
        return period


def existing_file(path: Path) -> Path:
    """``path`` when it is a file; InputError otherwise."""
    if not path.is_file():
        raise InputError(tcli.FILE_NOT_FOUND.format(path=path))
    return path


def guard_output(path: Path, *, force: bool, inputs: Iterable[Path | None] = ()) -> Path:
    """Refuse an output that is one of the step's inputs, or that exists (unless ``force``)."""
    for given in inputs:
        if given is not None and path.resolve() == Path(given).resolve():
            raise InputError(tcli.SAME_AS_INPUT.format(path=path))
    if path.exists() and not force:
        raise InputError(tcli.OUTPUT_EXISTS.format(path=path))
    return path


# --------------------------------------------------------------------------------------------
# The steps
# --------------------------------------------------------------------------------------------

def create_returns(master: Master, period: Period, out_dir: Path, *, units: Sequence[str] | None = None,
                   deadline: dt.date | None = None, force: bool = False,
                   now: dt.datetime | None = None) -> list[Path]:
    """One return workbook per unit (or per unit in ``units``) for ``period`` in ``out_dir``. Without ``force``
    nothing is written when any of the files exists."""
    return returns_build.create_returns(master.plan, period, out_dir, units=units or None, deadline=deadline,
                                        overwrite=force, now=now)


@dataclass
class Migration:
    """Filled returns carried over to the master's plan version: one ``Migrated`` per file, and where each new
    return was written (by the filled file's path)."""

    returns: list[Migrated]
    written: dict[Path, Path] = field(default_factory=dict)
    folder: Path | None = None

    @property
    def failed(self) -> list[Migrated]:
        return [m for m in self.returns if m.workbook is None]


def migrate_returns(master: Master, paths: Sequence[Path], out_dir: Path, *, deadline: dt.date | None = None,
                    force: bool = False, now: dt.datetime | None = None) -> Migration:
    """A new return of the master's plan version for each filled return in ``paths`` (files or folders), with
    every entry that still holds carried over and the new or changed rows marked, written to ``out_dir`` under
    the standard names (``name_2`` when two files are of one unit). Nothing is written when a new return
    exists already (unless ``force``) or would overwrite one of the inputs."""
    ctx = PlanContext(master.plan)
    done: list[Migrated] = []
    for entry in walk_paths(paths):
        if entry.refusal is not None:
            done.append(Migrated(entry.path, problem=entry.refusal.message))
        elif not filecheck.is_lock_file(entry.path):
            done.append(migrate_return(entry.path, ctx, deadline=deadline, now=now))
    used: set[str] = set()
    targets = {m.source: out_dir / unique_name(m.file_name, used) for m in done if m.workbook is not None}
    sources = [m.source for m in done]
    existing = []
    for target in targets.values():
        guard_output(target, force=True, inputs=sources)
        if target.exists():
            existing.append(target)
    if existing and not force:
        raise InputError(tr.MIGRATE_EXIST.format(count=len(existing), dir=out_dir, example=existing[0].name))
    out = Migration(done, folder=out_dir)
    for m in done:
        if m.workbook is not None:
            out.written[m.source] = excel.save_workbook(m.workbook, targets[m.source])
    return out


@dataclass
class Review:
    """Validated files, and the annotated copy written for each file with findings (by the file's path)."""

    results: list[ValidationResult]
    annotated: dict[str, Path] = field(default_factory=dict)
    folder: Path | None = None

    @property
    def invalid(self) -> int:
        return sum(not r.valid for r in self.results)


# Files that get no annotated copy: no unit's workbook (a lock file), or never opened (a named pipe, a link out).
NO_COPY = frozenset({"lock-file", "special-file", "link-outside"})


def review(master: Master, paths: Sequence[Path], *, period: Period | None,
           annotate_dir: Path | None = None) -> Review:
    """Validate files and folders (walked recursively) against the master; with ``annotate_dir``, write an
    annotated copy of every file with findings (lock files excepted), each under its own name: two returns with
    the same file name from two mail folders get two copies."""
    results = validate_paths(paths, PlanContext(master.plan), period=period)
    out = Review(results, folder=annotate_dir)
    if annotate_dir is not None:
        used: set[str] = set()
        for r in results:
            if r.findings and not any(f.code in NO_COPY for f in r.findings):
                out.annotated[r.path] = annotate(r, annotate_dir, name=unique_name(annotated_name(r.path), used))
    return out


def unique_name(name: str, used: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3``, ... when taken (case-insensitively); the result is marked used."""
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 2
    while candidate.casefold() in used:
        candidate = f"{stem}_{n}{suffix}"
        n += 1
    used.add(candidate.casefold())
    return candidate


@dataclass
class Collection:
    """A collect run: its result, the status workbook, the database and the archive it used."""

    result: CollectResult
    status_workbook: Path
    database: Path | str
    archive: Path


def collect(master: Master, inbox: Path, period: Period, *, db: Target | None = None, archive: Path | None = None,
            status_out: Path | None = None, workers: int | None = None, progress: Progress | None = None,
            allow_network_db: bool = False, deadline: dt.date | None = None, choices: Sequence[Choice] = (),
            chosen_by: str | None = None) -> Collection:
    """Collect the period's returns from ``inbox`` into the history and write the status workbook. ``deadline``
    defaults to the master's for its current period; ``choices`` settle conflicts (``chosen_by``: who chose,
    by default the user logged in)."""
    database = master.database(db)
    archive_dir = archive or workspace.archive_path(database, master.path)
    result = collect_inbox(inbox, master.plan, period, db_path=database, archive_dir=archive_dir,
                           progress=progress, workers=workers, master=str(master.path),
                           allow_network=allow_network_db,
                           deadline=deadline if deadline is not None else master.plan.deadline_for(period),
                           choices=choices, chosen_by=chosen_by if chosen_by is not None else user_name())
    status = write_status_workbook(result, status_out or default_status_path(database, period, master.path))
    return Collection(result, status, database, archive_dir)


def user_name() -> str:
    """Who runs nplan, as the operating system knows them ("" when it cannot tell)."""
    try:
        return getpass.getuser()
    except Exception:  # getpass raises OSError, KeyError or ImportError when no name is set
        return ""


def remind(master: Master, period: Period, out_dir: Path, *, db: Target | None = None, archive: Path | None = None,
           deadline: dt.date | None = None, force: bool = False, today: dt.date | None = None,
           now: dt.datetime | None = None, allow_network_db: bool = False) -> Reminders:
    """Reminder drafts (.eml) for the units that owe the period's return and have none accepted (missing or
    rejected), and their list workbook, in ``out_dir``. ``deadline`` defaults to the master's for its current
    period. Nothing is written when one of the files exists (unless ``force``)."""
    database = master.database(db)
    if not exists(database):
        raise InputError(tcons.DB_NOT_FOUND.format(path=describe(database)))
    archive_dir = archive or workspace.archive_path(database, master.path)
    deadline = deadline if deadline is not None else master.plan.deadline_for(period)
    with History.open(database, allow_network=allow_network_db) as history:
        names = [remind_list_name(period)] + [draft_name(master.plan, s.unit_id, period)
                                              for s in owing(history, master.plan, period, deadline)]
        existing = [out_dir / n for n in names if (out_dir / n).exists()]
        if existing and not force:
            raise InputError(trem.EXIST.format(count=len(existing), dir=out_dir, example=existing[0].name))
        return write_reminders(history, master.plan, period, out_dir, archive_dir=archive_dir, deadline=deadline,
                               today=today, now=now)


@dataclass
class Report:
    """The committee's report for a period: the consolidation, the workbook and (when asked) the document."""

    consolidation: Consolidation
    workbook: Path
    document: Path | None = None


def consolidate(master: Master, period: Period, output: Path, *, document: Path | None = None,
                db: Target | None = None, force: bool = False, generated_at: dt.datetime | None = None,
                allow_network_db: bool = False, deadline: dt.date | None = None) -> Report:
    """Consolidate the period's collected returns into the report workbook (and the committee's document)."""
    database = master.database(db)
    files = [master.path, database if isinstance(database, Path) else None]
    guard_output(output, force=force, inputs=files)
    if document is not None:
        if document.resolve() == output.resolve():
            raise InputError(tdoc.SAME_AS_REPORT.format(path=document))
        guard_output(document, force=force, inputs=files)
    result = consolidate_from_db(master.plan, database, period, allow_network=allow_network_db, deadline=deadline)
    path = write_report(result, master.plan, output, generated_at=generated_at)
    doc = write_document(result, master.plan, document, generated_at=generated_at) if document else None
    return Report(result, path, doc)


def budget_check(master_path: Path) -> BudgetCheck:
    """The budget rules of chapters 5.1-5.4 on a master (read even when the rest of it has errors)."""
    return check_budget_file(existing_file(master_path))


def budget_report(master_path: Path, period: Period, output: Path, *, db: Target | None = None,
                  force: bool = False, allow_network_db: bool = False) -> BudgetReportResult:
    """Finance's budget workbook for the period."""
    source = existing_file(master_path)
    database = as_target(db) if db is not None else None
    guard_output(output, force=force, inputs=[source, database if isinstance(database, Path) else None])
    return make_budget_report(source, period, output, database, allow_network=allow_network_db)


def export(db: Target, output: Path, *, period: Period | None = None, year: int | None = None,
           fmt: str | None = None, force: bool = False, allow_network_db: bool = False) -> tuple[Path, int]:
    """The collected values as one long table (CSV for Swedish Excel, or xlsx): (path, rows)."""
    database = as_target(db)
    guard_output(output, force=force, inputs=[database if isinstance(database, Path) else None])
    return export_values(database, output, fmt=fmt, period=period, year=year, allow_network=allow_network_db)
