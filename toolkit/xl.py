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
from pathlib import Path
from typing import Any

from toolkit import cycle, workspace
from toolkit.core.errors import InputError, NplanError
from toolkit.core.findings import Finding
from toolkit.history.backend import describe, exists
from toolkit.history.records import ACCEPTED, CONFLICT, MISSING, REJECTED
from toolkit.texts import document as td
from toolkit.texts import docx_kit as tkit
from toolkit.texts import master as tm
from toolkit.texts import plan_document as tpd
from toolkit.texts import xl as txl

LOG_COLUMNS = 4
LOG_SCAN_ROWS = 5000


# --------------------------------------------------------------------------------------------
# The buttons
# --------------------------------------------------------------------------------------------

def create_returns(book: Any = None) -> None:
    """Knappen Skapa returer: one return per unit for the current period, in the output folder."""
    _run(book, txl.ACTION_CREATE_RETURNS, _create_returns)


def validate_inbox(book: Any = None) -> None:
    """Knappen Granska inkorgen: validate every file in the inbox; annotated copies of files with findings."""
    _run(book, txl.ACTION_VALIDATE, _validate_inbox)


def collect(book: Any = None) -> None:
    """Knappen Samla in: collect the inbox into the history database and write the status workbook."""
    _run(book, txl.ACTION_COLLECT, _collect)


def remind(book: Any = None) -> None:
    """Knappen Påminn: reminder drafts (.eml) and their list for the units without an accepted return."""
    _run(book, txl.ACTION_REMIND, _remind)


def consolidate(book: Any = None) -> None:
    """Knappen Sammanställ: the committee's report for the current period."""
    _run(book, txl.ACTION_CONSOLIDATE, _consolidate)


def budget_check(book: Any = None) -> None:
    """Knappen Kontrollera budget: the budget rules of chapters 5.1-5.4."""
    _run(book, txl.ACTION_BUDGET_CHECK, _budget_check)


def budget_report(book: Any = None) -> None:
    """Knappen Budgetrapport: finance's budget workbook for the current period."""
    _run(book, txl.ACTION_BUDGET_REPORT, _budget_report)


def plan_document(book: Any = None) -> None:
    """Knappen Skriv nämndplanen: the plan document (Word, and PDF when the setting asks) in the output folder."""
    _run(book, txl.ACTION_PLAN_DOCUMENT, _plan_document)


# --------------------------------------------------------------------------------------------
# The steps: each returns (outcome, details)
# --------------------------------------------------------------------------------------------

def _create_returns(path: Path) -> tuple[str, str]:
    master = cycle.Master.load(path)
    period = master.period_setting()
    folder = workspace.returns_folder(master.output, period)
    created = cycle.create_returns(master, period, folder, force=True)
    details = txl.RETURNS_DONE.format(n=len(created.paths), period=period, folder=folder)
    return _with_notes(txl.OUTCOME_OK, details, created.notes)


def _validate_inbox(path: Path) -> tuple[str, str]:
    master = cycle.Master.load(path)
    period = master.period_setting()
    inbox = master.inbox()
    folder = workspace.review_folder(master.output, period)
    review = cycle.review(master, [inbox], period=period, annotate_dir=folder)
    if not review.results:
        return txl.OUTCOME_OK, txl.VALIDATE_EMPTY.format(path=inbox)
    lines = [txl.VALIDATE_FILE.format(name=Path(r.path).name, errors=len(r.errors), warnings=len(r.warnings))
             for r in review.results]
    summary = txl.VALIDATE_DONE.format(n=len(review.results), valid=len(review.results) - review.invalid,
                                     invalid=review.invalid)
    if review.annotated:
        summary += " " + txl.VALIDATE_REVIEWED.format(folder=folder)
    return _with_notes(txl.OUTCOME_FINDINGS if review.invalid else txl.OUTCOME_OK, "\n".join([summary, *lines]),
                       review.notes)


def _collect(path: Path) -> tuple[str, str]:
    master = cycle.Master.load(path)
    period = master.period_setting()
    # One process: Excel's embedded interpreter is no place to start a process pool.
    done = cycle.collect(master, master.inbox(), period, workers=1)
    counts = done.result.counts()
    details = txl.COLLECT_DONE.format(files=len(done.result.files), new=done.result.new_submissions,
                                    accepted=counts[ACCEPTED], rejected=counts[REJECTED], missing=counts[MISSING],
                                    status=done.status_workbook, db=describe(done.database))
    if counts[CONFLICT]:
        details += " " + txl.COLLECT_CONFLICT.format(n=counts[CONFLICT])
    outcome = txl.OUTCOME_FINDINGS if counts[REJECTED] or counts[MISSING] or counts[CONFLICT] else txl.OUTCOME_OK
    return _with_notes(outcome, details, done.notes)


def _remind(path: Path) -> tuple[str, str]:
    master = cycle.Master.load(path)
    period = master.period_setting()
    db = master.database()
    if not exists(db):
        raise InputError(txl.NO_DATABASE.format(path=describe(db)))
    done = cycle.remind(master, period, workspace.reminders_folder(master.output, period), force=True)
    lines = [txl.REMIND_UNIT.format(unit=r.status.unit_name, draft=r.draft.name if r.draft else r.note)
             for r in done.reminders]
    summary = txl.REMIND_DONE.format(drafts=len(done.drafts), units=len(done.reminders), folder=done.folder,
                                   list=done.workbook)
    return (txl.OUTCOME_FINDINGS if done.reminders else txl.OUTCOME_OK), "\n".join([summary, *lines])


def _consolidate(path: Path) -> tuple[str, str]:
    master = cycle.Master.load(path)
    period = master.period_setting()
    db = master.database()
    if not exists(db):
        raise InputError(txl.NO_DATABASE.format(path=describe(db)))
    pdf, skipped = _pdf_wanted(master)
    report = cycle.consolidate(master, period, workspace.report_file(master.output, period),
                               document=workspace.report_document_file(master.output, period), force=True,
                               pdf=pdf)
    result = report.consolidation
    details = txl.REPORT_DONE.format(path=report.workbook, accepted=len(result.accepted_units),
                                   missing=len(result.missing_units), rejected=len(result.rejected_units))
    details += " " + td.XL_DOCUMENT_DONE.format(path=report.document) + _pdf_details(report.pdf, skipped)
    details += _problem_details(report.problems)
    return _with_notes(txl.OUTCOME_FINDINGS if skipped or report.problems else txl.OUTCOME_OK, details,
                       report.notes)


def _plan_document(path: Path) -> tuple[str, str]:
    master = cycle.Master.load(path)
    pdf, skipped = _pdf_wanted(master)
    done = cycle.plan_document(master, workspace.plan_document_file(master.output, master.plan.year), pdf=pdf,
                               force=True)
    details = tpd.XL_PLAN_DOCUMENT_DONE.format(path=done.document) + _pdf_details(done.pdf, skipped)
    details += _problem_details(done.problems)
    return (txl.OUTCOME_FINDINGS if skipped or done.problems else txl.OUTCOME_OK), details


def _pdf_wanted(master: cycle.Master) -> tuple[bool, str]:
    """(write a PDF, why not though the setting asks for one): the setting "PDF av dokumenten", when
    LibreOffice is there to make it; without LibreOffice the Word document is still written."""
    if not master.plan.settings.pdf:
        return False, ""
    if not cycle.pdf_available():
        return False, tkit.SOFFICE_MISSING
    return True, ""


def _problem_details(problems: list[Any]) -> str:
    """The documents' accessibility problems, for the log (each has a Swedish message)."""
    return "\n" + tpd.XL_ACCESSIBILITY.format(messages=" ".join(p.message for p in problems)) if problems else ""


def _pdf_details(pdf: Path | None, skipped: str) -> str:
    if pdf is not None:
        return " " + tpd.XL_PDF_DONE.format(path=pdf)
    return " " + tpd.XL_PDF_SKIPPED.format(reason=skipped) if skipped else ""

def _with_notes(outcome: str, details: str, notes: list[Finding]) -> tuple[str, str]:
    """What the history lacked, on lines of their own below the details (the step itself went as ``outcome``
    says: a first year without history is no failure)."""
    return outcome, "\n".join([details, *(n.message for n in notes)])


def _budget_check(path: Path) -> tuple[str, str]:
    found = cycle.budget_check(path).findings
    if not found:
        return txl.OUTCOME_OK, txl.BUDGET_CLEAN
    errors = sum(f.is_error for f in found)
    lines = [f"{f.sheet}!{f.cell}: {f.message}" if f.cell else f.message for f in found]
    head = txl.BUDGET_FINDINGS.format(errors=errors, warnings=len(found) - errors)
    return (txl.OUTCOME_FINDINGS if errors else txl.OUTCOME_OK), "\n".join([head, *lines])


def _budget_report(path: Path) -> tuple[str, str]:
    master = cycle.Master.load(path)
    period = master.period_setting()
    db = master.database()
    if not exists(db):
        raise InputError(txl.NO_DATABASE.format(path=describe(db)))
    result = cycle.budget_report(path, period, workspace.budget_report_file(master.output, period), db=db,
                                 force=True)
    return txl.OUTCOME_OK, txl.BUDGET_REPORT_DONE.format(path=result.path)


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
        outcome, details = txl.OUTCOME_ERROR, str(exc)
    except Exception as exc:  # the log is the only place a button can tell what went wrong
        outcome, details = txl.OUTCOME_ERROR, txl.UNEXPECTED.format(reason=f"{type(exc).__name__}: {exc}")
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
        sheet.range("A1").value = [txl.LOG_TITLE]
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
