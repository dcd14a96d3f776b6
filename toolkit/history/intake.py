"""E-mail intake for collect: the workbooks attached to a saved mail in the inbox become submissions.

A mail (.eml, or Outlook .msg with the optional extra) is read with ``toolkit.history.mail``. Each attachment
that may be a return (a spreadsheet by name or content type) is taken as a submission named
"<the mail's path in the inbox>/<attachment>", received at the mail's Date (for a forwarded mail, the date and
sender of the forwarded one: the unit's), else at the mail file's modification time; the sender is kept with
it. A mail without a workbook, a mail that cannot be read and attachments that cannot be used (winmail.dat,
encrypted) are listed (``MailSeen``), never raised.

For a file that cannot be read as a return the unit is guessed: by its name, then by the sender's address
among the units' contacts (Verksamheter's Kontaktperson), then by the mail's subject.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from toolkit.core.model import Plan
from toolkit.history.inbox import guess_unit
from toolkit.history.mail import MailError, contact_addresses, read_mail
from toolkit.texts import collect as tcol


@dataclass(frozen=True)
class Attachment:
    """A workbook attached to a mail, as collect takes it."""

    file_name: str  # "<mail path in the inbox>/<attachment name>"
    content: bytes = field(repr=False)
    received_at: dt.datetime  # aware
    sender: str  # "Name <address>" or ""
    sender_address: str
    mail_date: dt.datetime | None
    subject: str


@dataclass
class MailSeen:
    """A mail in the inbox and what came of it."""

    file_name: str  # relative to the inbox
    sender: str = ""
    subject: str = ""
    date: dt.datetime | None = None  # aware
    workbooks: list[str] = field(default_factory=list)  # the attachments taken as submissions
    problem: str = ""  # why the mail could not be read at all ("" when it was read)
    notes: list[str] = field(default_factory=list)  # what could not be used in it

    @property
    def has_workbook(self) -> bool:
        return bool(self.workbooks)


def open_mail(data: bytes, file_name: str, modified: dt.datetime) -> tuple[list[Attachment], MailSeen]:
    """The workbooks attached to a mail's bytes, and what to list about the mail. ``modified``: the mail file's
    modification time (aware), the received time when the mail has no date."""
    name = file_name.rsplit("/", 1)[-1]
    try:
        mail = read_mail(data, name=name)
    except MailError as exc:
        return [], MailSeen(file_name, problem=str(exc))
    seen = MailSeen(file_name, mail.sender.shown if mail.sender else "", mail.subject, mail.date,
                    notes=list(mail.problems))
    out: list[Attachment] = []
    for att in mail.attachments:
        if att.problem:
            seen.notes.append(att.problem)
            continue
        if att not in mail.workbooks:
            continue
        sender = att.sender or mail.sender
        when = att.date or mail.date
        out.append(Attachment(f"{file_name}/{att.name}", att.content, when or modified,
                              sender.shown if sender else "", sender.address if sender else "", when,
                              mail.subject))
        seen.workbooks.append(att.name)
    if not out:
        seen.notes.insert(0, tcol.MAIL_NO_WORKBOOK)
    return out, seen


def unit_of_sender(address: str, plan: Plan) -> str:
    """The one unit whose contact cell names ``address`` (without case), else ""."""
    if not address:
        return ""
    key = address.casefold()
    hits = [u.id for u in plan.units if any(a.address.casefold() == key for a in contact_addresses(u.contact))]
    return hits[0] if len(hits) == 1 else ""


def guess_mail_unit(attachment: Attachment, plan: Plan) -> str:
    """The unit an attachment that cannot be read as a return belongs to: by its name, by the sender among the
    units' contacts, by the mail's subject; "" when none tells."""
    return (guess_unit(attachment.file_name.rsplit("/", 1)[-1], plan)
            or unit_of_sender(attachment.sender_address, plan)
            or guess_unit(attachment.subject, plan))
