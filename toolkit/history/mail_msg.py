"""Outlook .msg files, read through the optional python-oxmsg package (MIT; the extra ``nplan[msg]``).

python-oxmsg (by the author of python-docx and python-pptx) reads the MS-OXMSG property streams through olefile
(BSD); it is small, typed and keeps to the published format. Without it an .msg is refused with advice
(``MailError`` code "msg-unsupported"); an .eml needs nothing extra.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from toolkit.history.mail_parts import (
    MAX_DEPTH,
    TNEF_SIGNATURE,
    Address,
    Found,
    Mail,
    MailError,
    Origin,
    add_note,
    first_address,
    parse_addresses,
    reason_of,
    safe_file_name,
    unique_attachments,
)
from toolkit.texts import mail as tmail

PID_ATTACH_METHOD = 0x3705
PID_ATTACH_FILENAME = 0x3704
PID_ATTACH_DATA_OBJECT = 0x3701
PID_RECIPIENT_TYPE = 0x0C15
PID_INTERNET_MESSAGE_ID = 0x1035
PID_MESSAGE_DELIVERY_TIME = 0x0E06
ATTACH_EMBEDDED_MSG = 5
ATTACH_BY_REFERENCE = frozenset({2, 3, 4})  # a path or link to a file elsewhere, not the file
_EMBEDDED_HDR_OFFSET = 24  # the properties header of a message embedded in another (MS-OXMSG 2.4.1.2)


def msg_supported() -> bool:
    """Whether Outlook .msg files can be read here (the optional python-oxmsg package is installed)."""
    try:
        import oxmsg  # noqa: F401
    except ImportError:
        return False
    return True


def read_msg(data: bytes, name: str, depth: int = 0) -> Mail:
    try:
        from oxmsg import Message
    except ImportError:
        raise MailError(tmail.MSG_NOT_SUPPORTED.format(name=name), code="msg-unsupported") from None
    try:
        _check_msg_sizes(data, name)
        msg = Message.load(data)
        return _mail_from_msg(msg, name, depth)
    except MailError:
        raise
    except Exception as exc:  # olefile and python-oxmsg raise many kinds on a damaged file
        raise MailError(tmail.MSG_UNREADABLE.format(name=name, reason=reason_of(exc)), code="unreadable") from exc


def _check_msg_sizes(data: bytes, name: str) -> None:
    """Refuse a compound file whose streams claim more bytes than the file holds: python-oxmsg reads every
    stream, and olefile follows a cyclic sector chain up to the declared size (a 50 MB file could make it
    build gigabytes). In a sound file the streams together are never larger than the file."""
    import olefile

    with olefile.OleFileIO(data) as ole:
        declared = sum(ole.get_size(p) for p in ole.listdir(streams=True, storages=False))
    if declared > len(data):
        raise MailError(tmail.MSG_UNREADABLE.format(name=name, reason=tmail.MSG_SIZES_INCONSISTENT), code="unreadable")


def _mail_from_msg(msg: Any, name: str, depth: int) -> Mail:
    sender = first_address(parse_addresses(_clean(msg.sender or "")))
    date = _aware(msg.sent_date)
    to = []
    for r in msg.recipients:
        kind = r.properties.int_prop_value(PID_RECIPIENT_TYPE)
        if kind in (None, 1) and (r.name or r.email_address):  # 1: To (2 is Cc, 3 is Bcc)
            to.append(Address(" ".join(_clean(r.name).split()), _clean(r.email_address).strip()))
    origin = Origin(sender, date, depth > 0)
    found: list[Found] = []
    problems: list[str] = []
    for att in msg.attachments:
        props = att.properties
        original = att.file_name or props.str_prop_value(PID_ATTACH_FILENAME) or ""
        if props.int_prop_value(PID_ATTACH_METHOD) == ATTACH_EMBEDDED_MSG:
            _embedded_msg(att, original or tmail.ATTACHED_MSG_NAME, origin, found, problems, depth)
            continue
        original = _clean(original)
        method = props.int_prop_value(PID_ATTACH_METHOD)
        content = att.file_bytes or b""
        ctype = _clean(att.mime_type or "application/octet-stream").lower()
        problem = ""
        if method in ATTACH_BY_REFERENCE:
            problem = tmail.ATTACHMENT_BY_REFERENCE.format(name=original)
        elif original.casefold() == "winmail.dat" or content.startswith(TNEF_SIGNATURE):
            problem = tmail.ATTACHMENT_TNEF.format(name=original or "winmail.dat")
        found.append(Found(safe_file_name(original, content_type=ctype, content=content), content, ctype,
                            original, problem, origin))
    props = msg.properties
    return Mail(name=name, sender=sender, to=tuple(to), subject=" ".join(_clean(msg.subject or "").split()), date=date,
                message_id=_clean(props.str_prop_value(PID_INTERNET_MESSAGE_ID) or "").strip(),
                attachments=unique_attachments(found),
                received=_aware(props.date_prop_value(PID_MESSAGE_DELIVERY_TIME)), problems=tuple(problems),
                kind="msg")


def _embedded_msg(att: Any, name: str, origin: Origin, found: list[Found], problems: list[str],
                  depth: int) -> None:
    """An Outlook item attached to an Outlook item ("forward as attachment"): its own attachments are
    taken as forwarded ones. python-oxmsg has no public API for it, so the embedded storage is read with
    its classes directly; when that fails the item is listed with a problem."""
    if depth >= MAX_DEPTH:
        add_note(problems, tmail.ATTACHMENT_TOO_DEEP.format(depth=MAX_DEPTH))
        return
    try:
        inner = _mail_from_msg(_embedded_message(att), name, depth + 1)
    except Exception as exc:
        found.append(Found(safe_file_name(name, content_type="application/vnd.ms-outlook"), b"",
                            "application/vnd.ms-outlook", name,
                            tmail.ATTACHMENT_MSG_UNREADABLE.format(name=name, reason=reason_of(exc)), origin))
        return
    for a in inner.attachments:
        org = Origin(a.sender or origin.sender, a.date or origin.date, True)
        found.append(Found(a.name, a.content, a.content_type, a.original_name, a.problem, org))
    for note in inner.problems:
        add_note(problems, note)


def _embedded_message(att: Any) -> Any:
    from oxmsg import Message
    from oxmsg.properties import Properties

    storage_name = f"__substg1.0_{PID_ATTACH_DATA_OBJECT:04X}000D"
    storage = next(s for s in att._storage.storages if s.name == storage_name)

    class Embedded(Message):
        @property
        def properties(self) -> Any:
            cached = self.__dict__.get("_nplan_properties")
            if cached is None:
                cached = self.__dict__["_nplan_properties"] = Properties(
                    self._storage, properties_header_offset=_EMBEDDED_HDR_OFFSET)
            return cached

    return Embedded(storage)


def _clean(text: str) -> str:
    """A string property without the terminating NULs some writers leave in the stream."""
    return text.replace("\x00", "")


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)

