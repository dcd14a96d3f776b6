"""The status workbook of a collect run: the status per unit (colour and word, time received against the
deadline), the counting rule, every file of the run (with the sender of a mail), the findings of each shown
file, and what else the inbox held (mails without a workbook, files never opened, other files); frozen
headers, A4 landscape, saved atomically."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl.styles import Alignment, Font

from toolkit import excel
from toolkit.core.periods import Period
from toolkit.history.backend import beside_database, describe
from toolkit.history.store import History, local_time
from toolkit.texts import collect as tcol

if TYPE_CHECKING:
    from toolkit.history.collect import CollectResult

def default_status_path(db_path: str | os.PathLike[str], period: Period,
                        master_path: str | os.PathLike[str] | None = None) -> Path:
    """insamling-2026-T2.xlsx next to the master (the period's round belongs with its year's master, while one
    database holds every year, often in an earlier year's folder); without a master, next to the database."""
    if master_path is not None:
        return Path(master_path).resolve().parent / tcol.STATUS_FILE.format(period=period)
    return beside_database(db_path, master_path) / tcol.STATUS_FILE.format(period=period)


def write_status_workbook(result: CollectResult, path: str | os.PathLike[str]) -> Path:
    """The status per unit as a Swedish workbook (status as colour and word, the counting rule, every
    file of the run, the findings of each shown file); frozen headers, A4 landscape, saved atomically."""
    wb, ws = excel.new_workbook(tcol.SHEET_STATUS)
    title = tcol.WB_TITLE.format(period=result.period, committee=result.committee)
    excel.set_text(ws["A1"], title).font = excel.TITLE_FONT
    finished = result.finished_at or dt.datetime.now()
    excel.set_text(ws["A2"], tcol.WB_RUN.format(time=finished.strftime("%Y-%m-%d %H:%M"), db=describe(result.db_path)))
    excel.set_text(ws["A3"], result.rule).font = excel.NOTE_FONT
    ws["A3"].alignment = excel.WRAP
    ws.merge_cells("A3:J3")  # the rule wraps within the table's width instead of widening the page
    ws.row_dimensions[3].height = 75
    deadline = (tcol.DEADLINE_LINE.format(deadline=result.deadline.isoformat()) if result.deadline
                else tcol.DEADLINE_NONE)
    excel.set_text(ws["A4"], deadline).font = excel.NOTE_FONT
    header_row = 5
    _header(ws, header_row, tcol.STATUS_HEADERS)
    ws.row_dimensions[header_row].height = 32
    for r, u in enumerate(result.units, start=header_row + 1):
        counted = u.submissions > 0  # a unit that sent nothing has no error count, as on screen
        values = [u.unit_id, u.unit_name, u.status_label, u.errors if counted else None,
                  u.warnings if counted else None, u.file_name, u.received_at, u.timeliness or None,
                  u.submissions, u.note]
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
        status_cell.fill = excel.solid_fill(excel.RETURN_COLOURS[u.state])
        status_cell.font = Font(bold=True)
        ws.cell(row=r, column=7).number_format = "yyyy-mm-dd hh:mm"
    ws.freeze_panes = f"C{header_row + 1}"
    excel.set_widths(ws, STATUS_WIDTHS)
    excel.print_setup(ws, title_rows=f"{header_row}:{header_row}")
    ws.auto_filter.ref = f"A{header_row}:J{header_row + max(len(result.units), 1)}"

    files_ws = wb.create_sheet(tcol.SHEET_FILES)
    _header(files_ws, 1, tcol.FILES_HEADERS)
    with History.open(result.db_path, allow_network=True) as history:  # collect just opened it
        subs = {s.submission_id: s for s in history.submission_list(period=result.period)}
        for r, f in enumerate(result.files, start=2):
            sub = subs.get(f.submission_id) if f.submission_id is not None else None
            state = ""
            if sub is not None:
                state = tcol.SUBMISSION_CHOSEN if sub.chosen else tcol.SUBMISSION_STATE.get(sub.standing, "")
            errors = sub.errors if sub else None
            warnings = sub.warnings if sub else None
            local = local_time(f.received_at.isoformat())
            values = [f.unit_id, f.file_name, local, state, errors, warnings, f.sender, f.sha256, f.archive_path]
            for c, value in enumerate(values, start=1):
                cell = files_ws.cell(row=r, column=c)
                if isinstance(value, str):
                    excel.set_text(cell, value)
                else:
                    cell.value = value
            files_ws.cell(row=r, column=3).number_format = "yyyy-mm-dd hh:mm"
        shown = [(u.unit_id, u.file_name, history.finding_list(u.submission_id)) for u in result.units
                 if u.submission_id is not None]
    files_ws.freeze_panes = "A2"
    excel.set_widths(files_ws, [14, 40, 17, 12, 9, 11, 30, 66, 72])
    excel.print_setup(files_ws, title_rows="1:1")

    find_ws = wb.create_sheet(tcol.SHEET_FINDINGS)
    _header(find_ws, 1, tcol.FINDINGS_HEADERS)
    r = 2
    for unit_id, file_name, found in shown:
        for finding in found:
            cells = [unit_id, file_name, finding.sheet, finding.cell, finding.severity, finding.code,
                     finding.message]
            for c, value in enumerate(cells, start=1):
                excel.set_text(find_ws.cell(row=r, column=c), value)
            find_ws.cell(row=r, column=7).alignment = excel.WRAP
            r += 1
    if r == 2:
        excel.set_text(find_ws.cell(row=2, column=1), tcol.NO_FINDINGS)
    find_ws.freeze_panes = "A2"
    excel.set_widths(find_ws, [14, 36, 14, 8, 12, 24, 90])
    excel.print_setup(find_ws, title_rows="1:1")
    _other_sheet(wb.create_sheet(tcol.SHEET_OTHER), result)
    return excel.save_workbook(wb, path)


def _other_sheet(ws: Any, result: CollectResult) -> None:
    """Whatever else the inbox held: every mail (and why nothing or not all of it was taken), files never
    opened, files that are no returns, lock and temporary files."""
    _header(ws, 1, tcol.OTHER_HEADERS)
    root_rows: list[tuple[str, str, str]] = []
    for mail in result.mails:
        if mail.problem:
            note = tcol.MAIL_UNREAD.format(reason=mail.problem)
        else:
            taken = [tcol.MAIL_TAKEN.format(names=", ".join(mail.workbooks))] if mail.workbooks else []
            note = " ".join(taken + mail.notes)
        root_rows.append((mail.file_name, tcol.OTHER_KIND["mail"], note))
    for path, finding in result.refused:
        root_rows.append((finding.file or path.name, tcol.OTHER_KIND["refused"], finding.message))
    for path in result.ignored:
        root_rows.append((path.name, tcol.OTHER_KIND["ignored"], ""))
    for path in result.skipped:
        root_rows.append((path.name, tcol.OTHER_KIND["skipped"], ""))
    for r, values in enumerate(root_rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = excel.set_text(ws.cell(row=r, column=c), value or None)
            cell.alignment = excel.WRAP
    if not root_rows:
        excel.set_text(ws.cell(row=2, column=1), tcol.NO_OTHER)
    ws.freeze_panes = "A2"
    excel.set_widths(ws, [50, 18, 100])
    excel.print_setup(ws, title_rows="1:1")


STATUS_WIDTHS = (14, 40, 12, 8, 10, 46, 17, 14, 8, 46)


def _row_height(values: Iterable[Any], widths: Iterable[float]) -> float:
    """Points for a row of wrapped text (spreadsheets do not always fit rows written by openpyxl)."""
    lines = max((math.ceil(len(v) / max(w - 2, 1)) for v, w in zip(values, widths)
                 if isinstance(v, str) and v), default=1)
    return 15.0 * max(lines, 1)


def _header(ws: Any, row: int, headers: Iterable[str]) -> None:
    for c, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=c)
        excel.set_text(cell, text)
        cell.font = excel.HEADER_FONT
        cell.fill = excel.HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
