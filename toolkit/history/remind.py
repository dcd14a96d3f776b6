"""Reminders for the units that owe a return (``nplan remind``): an .eml draft per unit and a list workbook.

For a period, every unit that owes a return (``Plan.units_due``) and stands as missing (nothing arrived) or
rejected (nothing valid arrived) by the history's status gets an unsent draft (``toolkit.history.drafts``)
addressed to its contact (Verksamheter's Kontaktperson, read with ``contact_addresses``), with the Swedish
reminder text, the deadline, what is missing or wrong, and an attachment: the blank return for a missing unit,
the annotated copy of its newest file for a rejected one (from the archive, with the findings the history
kept). A unit without an address in its contact cell gets no draft and a note in the list. The list workbook
names each unit, its contact, status, file, number of errors and draft. nplan sends nothing: the controller
opens each draft in the mail program, reads it and sends it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.styles import Alignment, Font

from toolkit import excel
from toolkit.core.findings import ERROR, Finding
from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.core.returndata import MISSING, REJECTED, ValidationResult
from toolkit.history import drafts
from toolkit.history.mail import contact_addresses, safe_file_name
from toolkit.history.status import UnitStatus, unit_statuses
from toolkit.history.store import History
from toolkit.returns.build import build_return, return_file_name
from toolkit.texts import remind as trem
from toolkit.validate.annotated import annotate, annotated_name

MAX_DETAILS = 12  # lines of what is wrong in a draft; the annotated copy has them all


@dataclass
class Reminder:
    """One unit that owes a return, and its draft (None when it has no address)."""

    status: UnitStatus
    contact: str  # the addresses the draft goes to, as written in the draft ("" when none)
    draft: Path | None = None
    attachment: str = ""  # the attached file's name
    note: str = ""


@dataclass
class Reminders:
    period: Period
    deadline: dt.date | None
    folder: Path
    reminders: list[Reminder] = field(default_factory=list)
    workbook: Path | None = None

    @property
    def drafts(self) -> list[Path]:
        return [r.draft for r in self.reminders if r.draft is not None]


def draft_name(plan: Plan, unit_id: str, period: Period) -> str:
    """"2026-T2_Film_i_Vasterbotten_paminnelse.eml" (the return's name, with the reminder's suffix)."""
    return f"{Path(return_file_name(plan, unit_id, period)).stem}{trem.DRAFT_SUFFIX}.eml"


def list_name(period: Period) -> str:
    return trem.LIST_FILE.format(period=period)


def owing(history: History, plan: Plan, period: Period, deadline: dt.date | None) -> list[UnitStatus]:
    """The units that owe a return and stand as missing or rejected, in plan order."""
    statuses = unit_statuses(history.submission_list(period=period), plan, units=plan.units_due(period),
                             unattributed=False, deadline=deadline)
    return [s for s in statuses if s.state in (MISSING, REJECTED) and plan.unit(s.unit_id) is not None]


def write_reminders(history: History, plan: Plan, period: Period, folder: Path, *, archive_dir: Path | None,
                    deadline: dt.date | None, today: dt.date | None = None, signature: str = "",
                    now: dt.datetime | None = None) -> Reminders:
    """Write a draft per unit that owes a return (and has an address) and the list workbook into ``folder``;
    the caller has guarded the names (``draft_name``, ``list_name``)."""
    out = Reminders(period, deadline, folder)
    shown_period = trem.PERIOD.format(tertial=period.tertial, year=period.year)
    for status in owing(history, plan, period, deadline):
        unit = plan.unit(status.unit_id)
        if unit is None:  # owing() keeps units of the plan only
            continue
        addresses = contact_addresses(unit.contact)
        reminder = Reminder(status, ", ".join(a.shown for a in addresses))
        out.reminders.append(reminder)
        if not addresses:
            reminder.note = trem.NO_ADDRESS.format(contact=unit.contact.strip() or trem.EMPTY)
            continue
        if status.state == MISSING:
            kind, details = drafts.MISSING, []
            name = return_file_name(plan, unit.id, period)
            attachment: bytes | None = _blank(plan, unit.id, period, deadline, now)
        else:
            kind = drafts.REJECTED
            found = history.finding_list(status.submission_id) if status.submission_id is not None else []
            details = _details(found)
            name = annotated_name(status.file_name.rsplit("/", 1)[-1])
            attachment = _annotated(history, period, status, found, archive_dir)
            if attachment is None:
                reminder.note = trem.NO_ARCHIVE_COPY.format(file=status.file_name)
        subject, body = drafts.reminder_text(kind, committee=plan.settings.committee, unit=unit.name,
                                             period=shown_period, deadline=deadline, details=details,
                                             signature=signature, today=today)
        files = [(name, attachment, "")] if attachment is not None else []
        data = drafts.build_draft(to=[(a.name, a.address) for a in addresses], subject=subject, body_text=body,
                                  attachments=files)
        reminder.draft = excel.write_atomic_bytes(data, folder / draft_name(plan, unit.id, period))
        reminder.attachment = name if attachment is not None else ""
    out.workbook = write_list(out, folder / list_name(period))
    return out


def _blank(plan: Plan, unit_id: str, period: Period, deadline: dt.date | None, now: dt.datetime | None) -> bytes:
    buf = io.BytesIO()
    build_return(plan, unit_id, period, deadline=deadline, now=now).save(buf)
    return buf.getvalue()


def _annotated(history: History, period: Period, status: UnitStatus, found: list[Finding],
               archive_dir: Path | None) -> bytes | None:
    """The annotated copy of the unit's newest file, made from its archive copy (under the file's own name) and
    the findings the history kept; None when the archive does not have the file."""
    sub = next((s for s in history.submission_list(period=period, unit_id=status.unit_id)
                if s.submission_id == status.submission_id), None)
    if sub is None or archive_dir is None or not sub.archive_path:
        return None
    copy = archive_dir / sub.archive_path
    if not copy.is_file():
        return None
    with tempfile.TemporaryDirectory(prefix="nplan-remind-") as tmp:
        original = Path(tmp) / safe_file_name(sub.file_name.rsplit("/", 1)[-1])
        shutil.copyfile(copy, original)
        path = annotate(ValidationResult(path=str(original), sha256=sub.sha256, findings=found), Path(tmp) / "ut")
        return path.read_bytes()


def _details(found: list[Finding]) -> list[str]:
    """What is wrong, one line per error (then warnings if there are no errors), each with its place."""
    errors = [f for f in found if f.severity == ERROR] or list(found)
    lines = [trem.DETAIL.format(where=_where(f), message=f.message) if _where(f) else f.message
             for f in errors[:MAX_DETAILS]]
    if len(errors) > MAX_DETAILS:
        lines.append(trem.MORE_DETAILS.format(n=len(errors) - MAX_DETAILS))
    return lines


def _where(f: Finding) -> str:
    return f"{f.sheet}!{f.cell}" if f.sheet and f.cell else f.sheet


def write_list(result: Reminders, path: str | os.PathLike[str]) -> Path:
    """The list of reminders as a workbook: one row per unit that owes a return; frozen header, A4 landscape."""
    wb, ws = excel.new_workbook(trem.LIST_SHEET)
    excel.set_text(ws["A1"], trem.LIST_TITLE.format(period=result.period)).font = excel.TITLE_FONT
    deadline = result.deadline.isoformat() if result.deadline else trem.NO_DEADLINE
    excel.set_text(ws["A2"], trem.LIST_NOTE.format(deadline=deadline)).font = excel.NOTE_FONT
    header = 4
    for c, text in enumerate(trem.LIST_HEADERS, start=1):
        cell = excel.set_text(ws.cell(header, c), text)
        cell.font, cell.fill = excel.HEADER_FONT, excel.HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r, rem in enumerate(result.reminders, start=header + 1):
        s = rem.status
        values: list[str | int | None] = [s.unit_id, s.unit_name, rem.contact, s.status_label, s.file_name,
                                          s.errors if s.submissions else None, s.timeliness,
                                          rem.draft.name if rem.draft else "", rem.attachment, rem.note]
        for c, value in enumerate(values, start=1):
            if isinstance(value, str):
                cell = excel.set_text(ws.cell(r, c), value or None)
            else:
                cell = excel.set_text(ws.cell(r, c), None)
                cell.value = value
            cell.alignment, cell.border = excel.WRAP, excel.BOX
        status = ws.cell(r, 4)
        status.fill, status.font = excel.solid_fill(excel.RETURN_COLOURS[s.state]), Font(bold=True)
    if not result.reminders:
        excel.set_text(ws.cell(header + 1, 1), trem.LIST_NONE)
    ws.freeze_panes = f"A{header + 1}"
    excel.set_widths(ws, [14, 36, 40, 12, 40, 8, 14, 44, 40, 50])
    excel.print_setup(ws, title_rows=f"{header}:{header}")
    return excel.save_workbook(wb, path)
