"""Reminder drafts: an unsent .eml the controller opens, reviews and sends (nplan sends nothing itself).

``build_draft`` writes an .eml that mail programs open as an unsent message (``X-Unsent: 1``, honoured by
Outlook): UTF-8 throughout, attachment names encoded both ways (RFC 2231 in the disposition, RFC 2047 in the
content type's ``name``, which older Outlook reads). ``reminder_text`` fills the Swedish reminder templates of
``toolkit.texts.mail``.
"""

from __future__ import annotations

import datetime as dt
import email.charset
import email.encoders
import email.errors
import email.header
import email.message
import email.policy
import email.utils
from collections.abc import Iterable, Sequence
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import PurePath
from typing import Any

from toolkit.history.mail_parts import (
    ADDRESS,
    OTHER_TYPES,
    SPREADSHEET_TYPES,
    MailError,
    parse_addresses,
    reason_of,
    safe_file_name,
    unique_name,
)
from toolkit.texts import mail as tmail


def build_draft(*, to: Sequence[tuple[str, str]], subject: str, body_text: str,
                attachments: Iterable[tuple[str, bytes, str]] = (), sender: str | None = None,
                date: dt.datetime | None = None) -> bytes:
    """An .eml that mail programs open as an unsent draft. ``to`` is (display name, address) pairs;
    ``attachments`` are (file name, bytes, content type "type/subtype"; "" takes it from the name's
    extension). Raises MailError (code bad-address or bad-header) for an address or a header that cannot
    go into a mail.

    Built with the compat32 MIME classes and explicit encodings: the default policy's folder encodes a
    content type's subtype as an RFC 2047 word when a parameter beside it is not ASCII."""
    files = list(attachments)
    # MIMEText takes a Charset as well as a name (set_payload does); the stubs say only a name.
    text = MIMEText(body_text.replace("\r\n", "\n"), "plain", _utf8_qp())  # type: ignore[arg-type]
    if files:
        del text["MIME-Version"]
        msg: email.message.Message = MIMEMultipart("mixed")
        msg.attach(text)
    else:
        msg = text
    msg["X-Unsent"] = "1"
    if to:
        _set_header(msg, "To", lambda: ", ".join(_draft_address(n, a) for n, a in to), "to")
    if sender:
        _set_header(msg, "From", lambda: _draft_sender(sender), "from")
    if date is not None:
        _set_header(msg, "Date", lambda: email.utils.format_datetime(date if date.tzinfo else date.astimezone()),
                    "date")
    _set_header(msg, "Subject", lambda: _encoded(" ".join(subject.split())), "subject")
    taken: dict[str, int] = {}
    for name, content, ctype in files:
        file_name = unique_name(safe_file_name(name, content_type=ctype or ""), taken)
        maintype, _, subtype = (ctype or _type_of(file_name)).lower().partition("/")
        if not maintype or not subtype or "/" in subtype:
            maintype, subtype = "application", "octet-stream"
        part = MIMEBase(maintype, subtype)
        del part["MIME-Version"]  # the outer message carries it
        part.set_payload(bytes(content))
        email.encoders.encode_base64(part)
        if file_name.isascii():
            part.set_param("name", file_name)
            part.add_header("Content-Disposition", "attachment", filename=file_name)
        else:  # RFC 2231 in the disposition (the standard), RFC 2047 in the name (what older Outlook reads)
            part.set_param("name", email.header.Header(file_name, "utf-8", maxlinelen=10_000).encode())
            part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", file_name))
        msg.attach(part)
    return msg.as_bytes(policy=email.policy.compat32.clone(linesep="\r\n"))


def _utf8_qp() -> email.charset.Charset:
    cs = email.charset.Charset("utf-8")
    cs.header_encoding = email.charset.QP
    cs.body_encoding = email.charset.QP
    return cs


def _encoded(text: str) -> str | email.header.Header:
    return text if text.isascii() else email.header.Header(text, "utf-8")


def _set_header(msg: email.message.Message, key: str, value: Any, field_name: str) -> None:
    try:
        msg[key] = value()
    except MailError:
        raise
    except (ValueError, TypeError, IndexError, email.errors.HeaderParseError) as exc:
        raise MailError(tmail.DRAFT_BAD_HEADER.format(field=tmail.DRAFT_FIELDS[field_name], reason=reason_of(exc)),
                        code="bad-header") from exc


def _draft_address(display: str, address: str) -> str:
    address = (address or "").strip()
    if not ADDRESS.match(address) or any(c in display for c in "\r\n"):
        raise MailError(tmail.DRAFT_BAD_ADDRESS.format(address=address, name=display), code="bad-address")
    return email.utils.formataddr((" ".join(display.split()), address), charset="utf-8")


def _draft_sender(sender: str) -> str:
    parsed = parse_addresses(sender)
    if len(parsed) != 1 or not ADDRESS.match(parsed[0].address) or any(c in sender for c in "\r\n"):
        raise MailError(tmail.DRAFT_BAD_SENDER.format(address=sender), code="bad-address")
    return _draft_address(parsed[0].name, parsed[0].address)


def _type_of(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    for ctype, ext in (*SPREADSHEET_TYPES.items(), *OTHER_TYPES.items()):
        if ext == suffix:
            return ctype
    return "application/octet-stream"


# ---- the reminder's words ----

MISSING = "missing"
REJECTED = "rejected"


def long_date(day: dt.date) -> str:
    """"fredag 18 september 2026"."""
    return tmail.DATE_LONG.format(weekday=tmail.WEEKDAYS[day.weekday()], day=day.day, month=tmail.MONTHS[day.month - 1],
                               year=day.year)


def reminder_text(kind: str, *, committee: str, unit: str, period: str, deadline: dt.date | None,
                  details: Sequence[str] = (), signature: str = "", today: dt.date | None = None
                  ) -> tuple[str, str]:
    """Subject and body of a reminder: ``kind`` MISSING (nothing valid arrived; the blank return goes with
    it) or REJECTED (the annotated copy goes with it). ``details`` are lines of what is missing or wrong
    (Swedish, already worded); ``period`` as users read it ("T2 2026"). ``today`` decides whether the
    deadline has passed (default: the local date)."""
    if kind not in (MISSING, REJECTED):
        raise ValueError(f"unknown reminder kind {kind!r}")
    today = today or dt.date.today()
    committee_part = tmail.SUBJECT_COMMITTEE.format(committee=committee) if committee else ""
    fields = {"committee": committee or tmail.DEFAULT_COMMITTEE, "unit": unit, "period": period,
              "signature": signature or tmail.DEFAULT_SIGNATURE}
    items = "\n".join(tmail.DETAIL_BULLET.format(text=" ".join(d.split())) for d in details if d.strip())
    if kind == MISSING:
        subject = tmail.REMINDER_MISSING_SUBJECT.format(committee_part=committee_part, **fields)
        if deadline is None:
            sentence = tmail.DEADLINE_UNKNOWN
        else:
            template = tmail.DEADLINE_PAST if deadline < today else tmail.DEADLINE_COMING
            sentence = template.format(deadline=long_date(deadline))
        body = tmail.REMINDER_MISSING_BODY.format(
            deadline_sentence=sentence, details=tmail.REMINDER_MISSING_DETAILS.format(items=items) if items else "",
            **fields)
    else:
        subject = tmail.REMINDER_REJECTED_SUBJECT.format(committee_part=committee_part, **fields)
        clause = (tmail.REJECTED_DEADLINE.format(deadline=long_date(deadline))
                  if deadline is not None and deadline >= today else tmail.REJECTED_SOON)
        body = tmail.REMINDER_REJECTED_BODY.format(details=items or tmail.REJECTED_NO_DETAILS, deadline_clause=clause,
                                                **fields)
    return subject, body

