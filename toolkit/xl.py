"""The bridge from Excel buttons (VBA ``RunPython`` through xlwings) to the library.

Each public function takes no required argument: called from Excel it finds the calling workbook with
``xlwings.Book.caller()``; tests pass a stand-in ``book`` offering what xlwings' Book offers
(``fullname``, ``save()``, ``sheets[name]``, iteration over ``sheets`` with ``.name``, ``sheets.add``,
and a sheet's ``range(address).value``).

Every function saves the master, reads its settings (period, inbox, output folder, database) through
the same reader as the CLI, calls the same library functions as the CLI, and writes one line into the
log sheet "Körlogg": time, action, outcome and details in plain Swedish. No exception escapes into an
Excel dialog: every failure becomes a log line.

xlwings is an optional extra: importing this module does not need it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit import workspace
from toolkit.core.errors import InputError, NplanError
from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.texts import master as tm
from toolkit.texts import xl as t

LOG_COLUMNS = 4
LOG_SCAN_ROWS = 5000


# --------------------------------------------------------------------------------------------
# The buttons
# --------------------------------------------------------------------------------------------

def create_returns(book: Any = None) -> None:
    """Knappen Skapa returer: one return per unit for the current period, in the output folder."""
    _run(book, t.ACTION_CREATE_RETURNS, _create_returns)


def validate_inbox(book: Any = None) -> None:
    """Knappen Granska inkorgen: validate every file in the inbox; annotated copies of files with findings."""
    _run(book, t.ACTION_VALIDATE, _validate_inbox)


def collect(book: Any = None) -> None:
    """Knappen Samla in: collect the inbox into the history database and write the status workbook."""
    _run(book, t.ACTION_COLLECT, _collect)


def consolidate(book: Any = None) -> None:
    """Knappen Sammanställ: the committee's report for the current period."""
    _run(book, t.ACTION_CONSOLIDATE, _consolidate)


def budget_check(book: Any = None) -> None:
    """Knappen Kontrollera budget: the budget rules of chapters 5.1-5.4."""
    _run(book, t.ACTION_BUDGET_CHECK, _budget_check)


def budget_report(book: Any = None) -> None:
    """Knappen Budgetrapport: finance's budget workbook for the current period."""
    _run(book, t.ACTION_BUDGET_REPORT, _budget_report)


# --------------------------------------------------------------------------------------------
# The steps: each returns (outcome, details)
# --------------------------------------------------------------------------------------------

@dataclass
class _Job:
    master: Path
    plan: Plan

    def period(self) -> Period:
        period = self.plan.settings.period
        if period is None:
            raise InputError(t.NO_PERIOD.format(setting=tm.SETTINGS["period"][0]))
        if period.year != self.plan.year:
            raise InputError(t.PERIOD_OTHER_YEAR.format(period=period, year=self.plan.year))
        return period

    @property
    def output(self) -> Path:
        return workspace.output_path(self.master, self.plan)

    @property
    def inbox(self) -> Path:
        path = workspace.inbox_path(self.master, self.plan)
        if not path.is_dir():
            raise InputError(t.NO_INBOX.format(path=path, setting=tm.SETTINGS["inbox"][0]))
        return path

    @property
    def database(self) -> Path:
        return workspace.database_path(self.master, self.plan)


def _load(master: Path) -> _Job:
    from toolkit.plan import load_plan

    return _Job(master, load_plan(master))


def _create_returns(master: Path) -> tuple[str, str]:
    from toolkit.returns.build import create_returns as create

    job = _load(master)
    period = job.period()
    folder = workspace.returns_folder(job.output, period)
    paths = create(job.plan, period, folder)
    return t.OUTCOME_OK, t.RETURNS_DONE.format(n=len(paths), period=period, folder=folder)


def _validate_inbox(master: Path) -> tuple[str, str]:
    from toolkit.validate.checks import annotate, validate_paths

    job = _load(master)
    period = job.period()
    results = validate_paths([job.inbox], job.plan, period=period)
    if not results:
        return t.OUTCOME_OK, t.VALIDATE_EMPTY.format(path=job.inbox)
    folder = workspace.review_folder(job.output, period)
    lines = []
    for r in results:
        name = Path(r.path).name
        if r.findings and r.data is not None:
            annotate(r, folder)
        lines.append(t.VALIDATE_FILE.format(name=name, errors=len(r.errors), warnings=len(r.warnings)))
    invalid = sum(not r.valid for r in results)
    summary = t.VALIDATE_DONE.format(n=len(results), valid=len(results) - invalid, invalid=invalid)
    if any(r.findings and r.data is not None for r in results):
        summary += " " + t.VALIDATE_REVIEWED.format(folder=folder)
    return (t.OUTCOME_FINDINGS if invalid else t.OUTCOME_OK), "\n".join([summary, *lines])


def _collect(master: Path) -> tuple[str, str]:
    from toolkit.history.collect import ACCEPTED, MISSING, REJECTED, default_status_path, write_status_workbook
    from toolkit.history.collect import collect as run_collect

    job = _load(master)
    period = job.period()
    inbox = job.inbox
    db = job.database
    # One process: Excel's embedded interpreter is no place to start a process pool.
    result = run_collect(inbox, job.plan, period, db_path=db, archive_dir=workspace.archive_path(db), workers=1,
                         master=str(master))
    status = write_status_workbook(result, default_status_path(db, period))
    counts = result.counts()
    details = t.COLLECT_DONE.format(files=len(result.files), new=result.new_submissions,
                                    accepted=counts[ACCEPTED], rejected=counts[REJECTED], missing=counts[MISSING],
                                    status=status, db=db)
    outcome = t.OUTCOME_FINDINGS if counts[REJECTED] or counts[MISSING] else t.OUTCOME_OK
    return outcome, details


def _consolidate(master: Path) -> tuple[str, str]:
    from toolkit.report.consolidate import consolidate_from_db
    from toolkit.report.document import write_document
    from toolkit.report.workbook import write_report
    from toolkit.texts import document as td

    job = _load(master)
    period = job.period()
    db = job.database
    if not db.is_file():
        raise InputError(t.NO_DATABASE.format(path=db))
    result = consolidate_from_db(job.plan, db, period)
    path = write_report(result, job.plan, workspace.report_file(job.output, period))
    document = write_document(result, job.plan, workspace.report_document_file(job.output, period))
    details = t.REPORT_DONE.format(path=path, accepted=len(result.accepted_units),
                                   missing=len(result.missing_units), rejected=len(result.rejected_units))
    return t.OUTCOME_OK, details + " " + td.XL_DOCUMENT_DONE.format(path=document)


def _budget_check(master: Path) -> tuple[str, str]:
    from toolkit.plan.budget import check_budget_file

    checked = check_budget_file(master)
    found = checked.findings
    if not found:
        return t.OUTCOME_OK, t.BUDGET_CLEAN
    errors = sum(f.is_error for f in found)
    lines = [f"{f.sheet}!{f.cell}: {f.message}" if f.cell else f.message for f in found]
    head = t.BUDGET_FINDINGS.format(errors=errors, warnings=len(found) - errors)
    return (t.OUTCOME_FINDINGS if errors else t.OUTCOME_OK), "\n".join([head, *lines])


def _budget_report(master: Path) -> tuple[str, str]:
    from toolkit.report.budget_workbook import make_budget_report

    job = _load(master)
    period = job.period()
    db = job.database
    if not db.is_file():
        raise InputError(t.NO_DATABASE.format(path=db))
    result = make_budget_report(master, period, workspace.budget_report_file(job.output, period), db)
    return t.OUTCOME_OK, t.BUDGET_REPORT_DONE.format(path=result.path)


# --------------------------------------------------------------------------------------------
# Running a step and logging it
# --------------------------------------------------------------------------------------------

def _caller() -> Any:
    import xlwings  # the optional extra; only the Excel buttons need it

    return xlwings.Book.caller()


def _run(book: Any, action: str, step: Callable[[Path], tuple[str, str]]) -> None:
    """Run one step for the calling workbook and log it; never raise."""
    try:
        book = book if book is not None else _caller()
    except Exception:  # no xlwings or not called from Excel: there is no workbook to log into
        return
    try:
        book.save()
        outcome, details = step(Path(book.fullname))
    except NplanError as exc:
        outcome, details = t.OUTCOME_ERROR, str(exc)
    except Exception as exc:  # the log is the only place a button can tell what went wrong
        outcome, details = t.OUTCOME_ERROR, t.UNEXPECTED.format(reason=f"{type(exc).__name__}: {exc}")
    try:
        write_log(book, action, outcome, details)
    except Exception:
        pass


def write_log(book: Any, action: str, outcome: str, details: str, *, now: dt.datetime | None = None) -> int:
    """Append one line to the log sheet (created when missing); return its row number."""
    names = [s.name for s in book.sheets]
    if tm.SHEET_LOG in names:
        sheet = book.sheets[tm.SHEET_LOG]
    else:
        sheet = book.sheets.add(tm.SHEET_LOG, after=book.sheets[len(names) - 1])
        sheet.range("A1").value = [t.LOG_TITLE]
    column = sheet.range(f"A1:A{LOG_SCAN_ROWS}").value or []
    header_row = next((i + 1 for i, v in enumerate(column) if v == tm.HEADERS["Korlogg"]["time"]), None)
    if header_row is None:
        last = max((i + 1 for i, v in enumerate(column) if v not in (None, "")), default=1)
        header_row = last + 2
        sheet.range(f"A{header_row}").value = list(tm.HEADERS["Korlogg"].values())
    last_used = max((i + 1 for i, v in enumerate(column) if v not in (None, "")), default=header_row)
    row = max(last_used, header_row) + 1
    when = (now or dt.datetime.now()).strftime("%Y-%m-%d %H:%M:%S")
    # A leading apostrophe keeps Excel from reading a message as a formula.
    safe = [("'" + v) if isinstance(v, str) and v[:1] in "=+-@" else v for v in (when, action, outcome, details)]
    sheet.range(f"A{row}").value = safe
    return row
