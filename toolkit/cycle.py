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
from toolkit.core.findings import Finding
from toolkit.core.model import Plan
from toolkit.core.periods import Period, check_plan_year
from toolkit.core.returndata import ValidationResult
from toolkit.history import gaps
from toolkit.history.backend import Target, as_target, describe, exists
from toolkit.history.collect import Choice, CollectResult
from toolkit.history.collect import collect as collect_inbox
from toolkit.history.export import export as export_values
from toolkit.history.remind import Reminders, draft_name, owing, write_reminders
from toolkit.history.remind import list_name as remind_list_name
from toolkit.history.status_workbook import default_status_path, write_status_workbook
from toolkit.history.store import History
from toolkit.plan.budget import BudgetCheck, check_budget_file
from toolkit.plan.rollover import Rollover
from toolkit.plan.rollover import rollover as plan_rollover
from toolkit.report import docx_pdf, years
from toolkit.report.accessibility import Problem, check_docx
from toolkit.report.budget_workbook import BudgetReportResult, make_budget_report
from toolkit.report.consolidate import Consolidation, consolidate_from_db
from toolkit.report.document import write_document
from toolkit.report.docx_pdf import PdfError, to_pdf
from toolkit.report.plan_document import write_plan_document
from toolkit.report.workbook import write_report
from toolkit.returns import build as returns_build
from toolkit.texts import cli as tcli
from toolkit.texts import collect as tcol
from toolkit.texts import consolidate as tx
from toolkit.texts import document as td
from toolkit.texts import docx_kit as tkit
from toolkit.texts import master as tm
from toolkit.texts import plan as tp
from toolkit.texts import plan_document as tpd
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

    def word_template(self, given: Path | None = None) -> Path | None:
        """``given``, else the master's setting "Word-mall (fil)", else None (nplan's default template).
        InputError when the setting names a file that is not there."""
        if given is not None:
            return given
        path = workspace.word_template_path(self.path, self.plan)
        if path is not None and not path.is_file():
            raise InputError(tpd.TEMPLATE_SETTING_MISSING.format(path=path))
        return path

    def period_setting(self) -> Period:
        """The master's setting "Aktuell period" (what the buttons work on); InputError when it is empty or
        not in the plan's year."""
        setting = self.plan.settings.period
        if not setting:
            raise InputError(txl.NO_PERIOD.format(setting=tm.SETTINGS["period"][0]))
        period = setting if isinstance(setting, Period) else Period.parse(str(setting))
        try:
            return self.check_period(period)
        except InputError as exc:
            raise InputError(f"{exc} {txl.FIX_PERIOD_SETTING}") from None

    def check_period(self, period: Period) -> Period:
        """``period`` when it lies in the master's plan year; InputError with the one message otherwise. Every
        step that takes a master and a period calls this first."""
        return check_plan_year(period, self.plan.year)


def existing_file(path: Path) -> Path:
    """``path`` when it is a file; InputError otherwise."""
    if not path.is_file():
        raise InputError(tcli.FILE_NOT_FOUND.format(path=path))
    return path


def pdf_available() -> bool:
    """Can documents be written as PDF here (is LibreOffice installed)?"""
    return docx_pdf.find_soffice() is not None


def _require_pdf() -> None:
    """Fail before anything is written when a PDF is asked for and LibreOffice is missing."""
    if not pdf_available():
        raise PdfError(tkit.SOFFICE_MISSING)


def _ensure_docx(path: Path) -> Path:
    if path.suffix.lower() != ".docx":
        raise InputError(tpd.OUTPUT_NOT_DOCX.format(path=path))
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

@dataclass
class Created:
    """Returns written for a period, the history their column "Tidigare rapporterat i år" was filled from, and
    what that history lacked (findings naming the database)."""

    paths: list[Path]
    database: Path | str
    notes: list[Finding] = field(default_factory=list)


def create_returns(master: Master, period: Period, out_dir: Path, *, units: Sequence[str] | None = None,
                   deadline: dt.date | None = None, force: bool = False, now: dt.datetime | None = None,
                   db: Target | None = None, allow_network_db: bool = False) -> Created:
    """One return workbook per unit (or per unit in ``units``) for ``period`` in ``out_dir``, with what each unit
    reported earlier in the year from the history (the same database as collect). A missing database or period
    leaves that column empty and is said in ``notes``. Without ``force`` nothing is written when any of the files
    exists."""
    master.check_period(period)
    database = history_to_read(master, db)
    previous, notes = earlier_values(database, period, "previous_column", allow_network=allow_network_db)
    paths = returns_build.create_returns(master.plan, period, out_dir, units=units or None, deadline=deadline,
                                         overwrite=force, now=now, previous=previous)
    return Created(paths, database, notes)


def history_to_read(master: Master, db: Target | None) -> Path | str:
    """The history a step reads (``Master.database``): a database named explicitly must exist (a typing slip must
    not pass for "no history"); the master's may be missing (the step then says so)."""
    database = master.database(db)
    if db is not None and not exists(database):
        raise InputError(tcol.DB_NOT_FOUND.format(path=describe(database)))
    return database


def earlier_values(database: Path | str, period: Period, needed_for: str, *,
                   allow_network: bool) -> tuple[dict[tuple[str, str], float], list[Finding]]:
    """(unit id, indicator id) -> what the unit reported earlier in ``period``'s year (``previous_value_map``),
    and a finding for each earlier period (or the whole database) the history lacks (``needed_for``: a key of
    ``texts.history.NEEDED_FOR``)."""
    earlier = gaps.earlier_in_year(period)
    if not earlier:
        return {}, []
    if not exists(database):
        return {}, [gaps.missing_database(database, needed_for)]
    with History.open(database, allow_network=allow_network) as h:
        return h.previous_value_map(period), gaps.missing_periods(database, h.counted_periods(), earlier,
                                                                  needed_for)


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
    notes: list[Finding] = field(default_factory=list)  # what the history lacked for the plausibility check

    @property
    def invalid(self) -> int:
        return sum(not r.valid for r in self.results)


# Files that get no annotated copy: no unit's workbook (a lock file), or never opened (a named pipe, a link out).
NO_COPY = frozenset({"lock-file", "special-file", "link-outside"})


def review(master: Master, paths: Sequence[Path], *, period: Period | None, annotate_dir: Path | None = None,
           db: Target | None = None, allow_network_db: bool = False) -> Review:
    """Validate files and folders (walked recursively) against the master, with the same plausibility warnings
    as collect: the values each unit reported earlier in the year come from the history (the same database as
    collect; a missing default database is said in ``notes``). Without ``period`` each file is checked against the
    earlier periods of its own period. With ``annotate_dir``, write an annotated copy of every file with findings
    (lock files excepted), each under its own name: two returns with the same file name from two mail folders
    get two copies."""
    if period is not None:
        master.check_period(period)
    files = list(paths)  # walked by validate_paths, which also refuses special files and links out of a folder
    ctx = PlanContext(master.plan)
    database = history_to_read(master, db)
    if period is not None:
        previous, notes = earlier_values(database, period, "plausibility", allow_network=allow_network_db)
        results = validate_paths(files, ctx, period=period, previous=previous)
    else:
        results, notes = _review_own_periods(master, files, ctx, database, allow_network=allow_network_db)
    out = Review(results, folder=annotate_dir, notes=notes)
    if annotate_dir is not None:
        used: set[str] = set()
        for r in results:
            if r.findings and not any(f.code in NO_COPY for f in r.findings):
                out.annotated[r.path] = annotate(r, annotate_dir, name=unique_name(annotated_name(r.path), used))
    return out


def _review_own_periods(master: Master, files: Sequence[Path], ctx: PlanContext, database: Path | str, *,
                        allow_network: bool) -> tuple[list[ValidationResult], list[Finding]]:
    """Validate each file against the earlier values of its own period: files of the plan year after T1 are
    validated again with their period's earlier values when the history has any for their unit."""
    results = validate_paths(files, ctx)
    periods = sorted({r.data.period for r in results if r.data is not None and r.data.period.year == master.plan.year
                      and r.data.period.tertial > 1})
    notes: list[Finding] = []
    earlier: dict[Period, dict[tuple[str, str], float]] = {}
    for per in periods:
        earlier[per], found = earlier_values(database, per, "plausibility", allow_network=allow_network)
        notes += [n for n in found if n not in notes]
    for i, r in enumerate(results):
        if r.data is None or r.data.period not in earlier:
            continue
        previous = earlier[r.data.period]
        if any(unit == r.data.unit_id for unit, _ in previous):
            results[i] = validate_paths([Path(r.path)], ctx, previous=previous)[0]
    return results, notes


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
    notes: list[Finding] = field(default_factory=list)  # the earlier periods the history lacks


def collect(master: Master, inbox: Path, period: Period, *, db: Target | None = None, archive: Path | None = None,
            status_out: Path | None = None, workers: int | None = None, progress: Progress | None = None,
            allow_network_db: bool = False, deadline: dt.date | None = None, choices: Sequence[Choice] = (),
            chosen_by: str | None = None) -> Collection:
    """Collect the period's returns from ``inbox`` into the history and write the status workbook. ``deadline``
    defaults to the master's for its current period; ``choices`` settle conflicts (``chosen_by``: who chose,
    by default the user logged in); ``notes`` say which earlier periods the history lacks (the plausibility check
    this year, the trend against last year)."""
    master.check_period(period)
    database = master.database(db)
    archive_dir = archive or workspace.archive_path(database, master.path)
    result = collect_inbox(inbox, master.plan, period, db_path=database, archive_dir=archive_dir,
                           progress=progress, workers=workers, master=str(master.path),
                           allow_network=allow_network_db,
                           deadline=deadline if deadline is not None else master.plan.deadline_for(period),
                           choices=choices, chosen_by=chosen_by if chosen_by is not None else user_name())
    status = write_status_workbook(result, status_out or default_status_path(database, period, master.path))
    with History.open(database, allow_network=allow_network_db) as h:
        counted = h.counted_periods()
    notes = (gaps.missing_periods(database, counted, gaps.earlier_in_year(period), "plausibility")
             + gaps.missing_periods(database, counted, [gaps.same_period_last_year(period)], "trend_last_year"))
    return Collection(result, status, database, archive_dir, notes)


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
        raise InputError(tx.DB_NOT_FOUND.format(path=describe(database)))
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
    """The committee's report for a period: the consolidation, the workbook and (when asked) the document
    and its PDF."""

    consolidation: Consolidation
    workbook: Path
    document: Path | None = None
    notes: list[Finding] = field(default_factory=list)  # the periods the history lacks for the trend
    pdf: Path | None = None
    problems: list[Problem] = field(default_factory=list)  # the document's accessibility problems


def consolidate(master: Master, period: Period, output: Path, *, document: Path | None = None,
                db: Target | None = None, force: bool = False, generated_at: dt.datetime | None = None,
                allow_network_db: bool = False, template: Path | None = None, pdf: bool = False,
                deadline: dt.date | None = None) -> Report:
    """Consolidate the period's collected returns into the report workbook (and the committee's document, in
    ``template`` or the master's Word template, and its tagged PDF beside it when ``pdf``); ``notes`` say when
    the history lacks the same period last year (the trend's comparison)."""
    master.check_period(period)
    database = master.database(db)
    files = [master.path, database if isinstance(database, Path) else None]
    guard_output(output, force=force, inputs=files)
    word_template = None
    pdf_path = None
    if pdf and document is None:
        raise InputError(tpd.PDF_NEEDS_DOCX)
    if document is not None:
        if document.resolve() == output.resolve():
            raise InputError(td.SAME_AS_REPORT.format(path=document))
        guard_output(_ensure_docx(document), force=force, inputs=files)
        word_template = master.word_template(template)
        if pdf:
            _require_pdf()
            pdf_path = guard_output(document.with_suffix(".pdf"), force=force, inputs=files)
    result = consolidate_from_db(master.plan, database, period, allow_network=allow_network_db, deadline=deadline)
    path = write_report(result, master.plan, output, generated_at=generated_at)
    doc = None
    if document is not None:
        doc = write_document(result, master.plan, document, generated_at=generated_at, template=word_template)
    written_pdf = to_pdf(doc, pdf_path) if doc is not None and pdf_path is not None else None
    with History.open(database, allow_network=allow_network_db) as h:
        notes = gaps.missing_periods(database, h.counted_periods(), [gaps.same_period_last_year(period)],
                                     "trend_last_year")
    return Report(result, path, doc, notes, written_pdf, check_docx(doc) if doc is not None else [])


@dataclass
class Rolled:
    """Next year's master: the rollover (plan and summary), where it was written, the history it read and the
    value of its setting "Databas (fil)"."""

    rollover: Rollover
    master: Path
    database: Path | str
    setting: str
    history_found: bool
    notes: list[Finding] = field(default_factory=list)


def rollover(master: Master, year: int, output: Path, *, db: Target | None = None, force: bool = False,
             allow_network_db: bool = False) -> Rolled:
    """Next year's master from this one and the history (``toolkit.plan.rollover``): baselines from the latest
    complete year, finished assignments closed, 5.2 from the last collected period, and the same database in its
    setting "Databas (fil)" (relative to the new master's folder for a file), so that one history holds all years.
    The summary goes into the new master as a sheet of its own."""
    if output.suffix.lower() != ".xlsx":
        raise InputError(tp.OUTPUT_NOT_XLSX.format(path=output))
    guard_output(output, force=force, inputs=[master.path])
    database = history_to_read(master, db)
    setting = workspace.database_setting(database, output)
    year_end = None
    notes: list[Finding] = []
    if exists(database):
        with History.open(database, allow_network=allow_network_db) as h:
            year_end = years.year_end(h, master.plan)
            notes = gaps.missing_periods(database, h.counted_periods(), [Period(master.plan.year, 3)], "rollover")
    else:
        notes = [gaps.missing_database(database, "rollover")]
    rolled = plan_rollover(master.plan, year, year_end=year_end, database=setting)
    path = master_io.write_master(rolled.plan, output, rollover=rolled)
    return Rolled(rolled, path, database, setting, year_end is not None, notes)


@dataclass
class PlanDocumentResult:
    """The plan document, its PDF (when asked) and the headings whose level had to be lifted (none in a
    sound plan)."""

    document: Path
    pdf: Path | None = None
    adjusted: list[tuple[str, int, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # accessibility problems (a template's logo
    # without alternative text, say): the document is written, the controller is told what to fix


def plan_document(master: Master, output: Path, *, template: Path | None = None, pdf: bool = False,
                  force: bool = False) -> PlanDocumentResult:
    """The plan as the committee decides it (Word, in ``template`` or the master's Word template), and its
    tagged PDF beside it when ``pdf``. Without LibreOffice a PDF is refused before anything is written."""
    word_template = master.word_template(template)
    inputs = [master.path, word_template]
    guard_output(_ensure_docx(output), force=force, inputs=inputs)
    pdf_path = None
    if pdf:
        _require_pdf()
        pdf_path = guard_output(output.with_suffix(".pdf"), force=force, inputs=inputs)
    written = write_plan_document(master.plan, output, template=word_template)
    return PlanDocumentResult(written.path, to_pdf(written.path, pdf_path) if pdf_path else None, written.adjusted,
                              check_docx(written.path))


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
