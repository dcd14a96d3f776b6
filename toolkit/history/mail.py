"""E-mail intake: reading returns out of saved mails (the inbox's mails, for collect).

``read_mail`` reads a saved mail (.eml, RFC 5322/MIME, with the standard library; or an Outlook .msg when the
optional ``python-oxmsg`` package is installed, see ``toolkit.history.mail_msg``) and returns a ``Mail``: sender,
recipients, subject, the Date header as an aware datetime, the message id and every attachment with a safe file
name (``toolkit.history.mail_parts``). Attachments of forwarded mails (message/rfc822 parts, or an Outlook item
attached to an .msg) are taken too and say who sent them and when. Nothing is unpacked (a zip stays a zip) and
nothing is written. What cannot be used is reported, never raised: winmail.dat (TNEF), an attached .msg without
the optional support, an encrypted part, a damaged MIME structure. A mail that cannot be read at all raises
``MailError`` (a ``toolkit.core.errors.InputError``) with a Swedish message and a stable ``code``; a malformed
mail never raises anything else. A path is checked before it is opened: a named pipe, a device or a folder is
refused, and so is a file over ``MAX_MAIL_BYTES``.

Reminder drafts are written by ``toolkit.history.drafts``.
"""

from __future__ import annotations

import datetime as dt
import email.errors
import email.header
import email.message
import email.policy
import email.utils
import os
import stat
from email.parser import BytesParser
from pathlib import Path

from toolkit.core.errors import os_reason
from toolkit.history.mail_msg import msg_supported, read_msg
from toolkit.history.mail_parts import (
    ENCRYPTED_TYPES,
    MAIL_HEADERS,
    MAIL_SUFFIXES,
    MAX_DEPTH,
    MAX_MAIL_BYTES,
    MAX_NAME_CHARS,
    OUTLOOK_TYPES,
    SIGNATURE_TYPES,
    SPREADSHEET_TYPES,
    TNEF_SIGNATURE,
    TNEF_TYPES,
    XLSX_TYPE,
    Address,
    Found,
    Mail,
    MailAttachment,
    MailError,
    Origin,
    add_note,
    contact_addresses,
    first_address,
    is_mail_name,
    is_workbook_attachment,
    reason_of,
    safe_file_name,
    size_text,
    unique_attachments,
)
from toolkit.texts import mail as tmail
from toolkit.validate.files import OLE_MAGIC, ZIP_MAGIC

__all__ = ["MAIL_SUFFIXES", "MAX_DEPTH", "MAX_MAIL_BYTES", "MAX_NAME_CHARS", "OLE_MAGIC", "SPREADSHEET_TYPES",
           "TNEF_SIGNATURE", "XLSX_TYPE", "Address", "Mail", "MailAttachment", "MailError", "contact_addresses",
           "is_mail_name", "is_workbook_attachment", "msg_supported", "read_mail", "safe_file_name"]

# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

def read_mail(source: str | os.PathLike[str] | bytes | bytearray | memoryview, *, name: str = "") -> Mail:
    """Read a saved mail from a path or from its bytes; ``name`` names it in messages and in ``Mail.name``
    (default: the file's name). Raises MailError only."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = name or tmail.UNNAMED_MAIL
        _check_size(len(data), name)
    else:
        path = Path(source)
        name = name or path.name
        data = _read_file(path, name)
    if not data:
        raise MailError(tmail.MAIL_EMPTY.format(name=name), code="empty")
    if data.startswith(OLE_MAGIC):
        return read_msg(data, name)
    if data.startswith(TNEF_SIGNATURE):
        raise MailError(tmail.MAIL_IS_TNEF.format(name=name), code="tnef")
    if data.startswith((*ZIP_MAGIC, b"%PDF")):
        raise MailError(tmail.MAIL_NOT_A_MAIL.format(name=name), code="not-a-mail")
    try:
        message = BytesParser(policy=email.policy.default).parsebytes(data)
        if not {k.lower() for k in message.keys()} & MAIL_HEADERS:
            raise MailError(tmail.MAIL_NOT_A_MAIL.format(name=name), code="not-a-mail")
        return _mail_from_message(message, name, depth=0)
    except MailError:
        raise
    except Exception as exc:  # the email package raises many kinds on malformed input, RecursionError too
        raise MailError(tmail.MAIL_UNREADABLE.format(name=name, reason=reason_of(exc)), code="unreadable") from exc


def _check_size(size: int, name: str) -> None:
    if size > MAX_MAIL_BYTES:
        raise MailError(tmail.MAIL_TOO_LARGE.format(name=name, size=size_text(size), limit=size_text(MAX_MAIL_BYTES)),
                        code="too-large")


def _read_file(path: Path, name: str) -> bytes:
    """The file's bytes, after checking that it is a regular file within the size limit (a named pipe is
    never opened: opening one for reading blocks until someone writes)."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise MailError(tmail.MAIL_NOT_A_FILE.format(name=name), code="not-a-file")
        _check_size(st.st_size, name)
        with path.open("rb") as fh:
            data = fh.read(MAX_MAIL_BYTES + 1)
    except OSError as exc:
        raise MailError(tmail.MAIL_CANNOT_READ.format(name=name, reason=os_reason(exc)), code="cannot-read") from exc
    _check_size(len(data), name)  # it grew since stat
    return data


def _mail_from_message(message: email.message.Message, name: str, depth: int) -> Mail:
    sender = first_address(_addresses(message, "from")) or first_address(_addresses(message, "sender"))
    date = _date(_header(message, "date"))
    found: list[Found] = []
    problems: list[str] = []
    _walk(message, Origin(sender, date, False), found, problems, depth)
    if _damaged(message) and tmail.MAIL_DAMAGED not in problems:
        problems.insert(0, tmail.MAIL_DAMAGED)
    return Mail(name=name, sender=sender, to=_addresses(message, "to"), subject=_header(message, "subject"),
                date=date, message_id=_header(message, "message-id"), attachments=unique_attachments(found),
                received=_received(message), problems=tuple(problems), kind="eml")


def _walk(root: email.message.Message, origin: Origin, found: list[Found], problems: list[str],
          depth: int) -> None:
    """Collect the attachments under ``root``, forwarded mails included, without recursion in Python (a
    deeply nested multipart must not exhaust the stack)."""
    stack: list[tuple[email.message.Message, Origin, int]] = [(root, origin, depth)]
    while stack:
        part, org, level = stack.pop()
        ctype = part.get_content_type()
        if ctype == "message/rfc822" or (part.get_content_maintype() == "message" and part.is_multipart()):
            inner = part.get_payload()
            if isinstance(inner, list):
                if level >= MAX_DEPTH:
                    add_note(problems, tmail.ATTACHMENT_TOO_DEEP.format(depth=MAX_DEPTH))
                    continue
                for msg in reversed(inner):
                    if isinstance(msg, email.message.Message):
                        fwd = Origin(first_address(_addresses(msg, "from")) or org.sender,
                                      _date(_header(msg, "date")) or org.date, True)
                        stack.append((msg, fwd, level + 1))
                continue
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend((sub, org, level) for sub in reversed(payload)
                             if isinstance(sub, email.message.Message))
            continue
        _leaf(part, ctype, org, found, problems, level)


def _leaf(part: email.message.Message, ctype: str, origin: Origin, found: list[Found], problems: list[str],
          level: int) -> None:
    original = _filename(part)
    disposition = part.get_content_disposition()
    if ctype in SIGNATURE_TYPES:
        return
    is_attachment = (original is not None or disposition == "attachment" or ctype in SPREADSHEET_TYPES
                     or ctype in TNEF_TYPES or ctype in ENCRYPTED_TYPES or ctype in OUTLOOK_TYPES)
    if not is_attachment:
        return  # a body part (text, HTML, an inline image without a name)
    content = part.get_payload(decode=True)
    if not isinstance(content, bytes):
        content = b""
    original = original or ""
    low = original.casefold()
    problem = ""
    if low == "winmail.dat" or ctype in TNEF_TYPES or content.startswith(TNEF_SIGNATURE):
        problem = tmail.ATTACHMENT_TNEF.format(name=original or "winmail.dat")
    elif ctype in ENCRYPTED_TYPES or low.endswith(".p7m"):
        problem = tmail.ATTACHMENT_ENCRYPTED.format(name=original or ctype)
    elif (ctype in OUTLOOK_TYPES or low.endswith(".msg")) and content.startswith(OLE_MAGIC):
        problem = _attached_msg(content, original or tmail.ATTACHED_MSG_NAME, origin, found, problems, level)
        if not problem:
            return  # read: its attachments were taken as forwarded ones
    found.append(Found(safe_file_name(original, content_type=ctype, content=content), content, ctype, original,
                        problem, origin))


def _attached_msg(content: bytes, name: str, origin: Origin, found: list[Found], problems: list[str],
                  level: int) -> str:
    """An Outlook item attached to a mail: its attachments are taken as forwarded ones when .msg support is
    installed. Returns the problem to note on the .msg attachment itself ("" when it was read)."""
    if level >= MAX_DEPTH:
        add_note(problems, tmail.ATTACHMENT_TOO_DEEP.format(depth=MAX_DEPTH))
        return tmail.ATTACHMENT_TOO_DEEP.format(depth=MAX_DEPTH)
    try:
        inner = read_msg(content, name, depth=level + 1)
    except MailError as exc:
        if exc.code == "msg-unsupported":
            return tmail.ATTACHMENT_MSG_NOT_SUPPORTED.format(name=name)
        return tmail.ATTACHMENT_MSG_UNREADABLE.format(name=name, reason=str(exc.__cause__ or exc))
    for att in inner.attachments:
        org = Origin(att.sender or origin.sender, att.date or origin.date, True)
        found.append(Found(att.name, att.content, att.content_type, att.original_name, att.problem, org))
    for note in inner.problems:
        add_note(problems, note)
    return ""


def _damaged(message: email.message.Message) -> bool:
    """Whether the parser found the MIME structure broken (a boundary that never starts or never ends)."""
    broken = (email.errors.StartBoundaryNotFoundDefect, email.errors.CloseBoundaryNotFoundDefect,
              email.errors.MultipartInvariantViolationDefect, email.errors.MissingHeaderBodySeparatorDefect)
    return any(isinstance(d, broken) for part in message.walk() for d in getattr(part, "defects", ()))



# ---- headers ----

def _header(message: email.message.Message, key: str) -> str:
    """A header's decoded text ("" when absent); the raw text when the header cannot be parsed."""
    try:
        value = message.get(key)
        text = "" if value is None else str(value)
    except Exception:  # a malformed header the policy's parser chokes on
        text = _raw_header(message, key)
    return " ".join(text.split())


def _raw_header(message: email.message.Message, key: str) -> str:
    for k, v in message.raw_items():
        if k.lower() == key:
            return str(v).encode("ascii", "surrogateescape").decode("utf-8", "replace")
    return ""


def _addresses(message: email.message.Message, key: str) -> tuple[Address, ...]:
    try:
        header = message.get(key)
        if header is None:
            return ()
        pairs = [(a.display_name, a.addr_spec) for a in getattr(header, "addresses", ())]
    except Exception:
        pairs = email.utils.getaddresses([_raw_header(message, key)])
    out = []
    for display, addr in pairs:
        display, addr = " ".join(str(display).split()), str(addr).strip()
        if addr == "<>":
            addr = ""
        if display or addr:
            out.append(Address(display, addr))
    return tuple(out)



def _date(text: str) -> dt.datetime | None:
    """An RFC 5322 date as an aware datetime; a zone-less one ("-0000") is UTC."""
    if not text:
        return None
    try:
        value = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _received(message: email.message.Message) -> dt.datetime | None:
    """The time in the topmost Received header: when the last server, ours, took the mail."""
    for k, v in message.raw_items():
        if k.lower() == "received":
            text = " ".join(str(v).split())
            return _date(text.rpartition(";")[2].strip()) if ";" in text else None
    return None


def _filename(part: email.message.Message) -> str | None:
    """The attachment's name as the mail gives it, decoded: RFC 2231 (filename*=UTF-8''...), RFC 2047
    inside the quotes (what Outlook writes), or raw 8-bit UTF-8 / Windows-1252. None when it has none."""
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if name is None or "\ufffd" in name or "=?" in name:
        raw = _filename_from_raw(part)
        if raw:
            name = raw
    return None if name is None else " ".join(str(name).split()) or None


def _filename_from_raw(part: email.message.Message) -> str | None:
    """The name from the raw header bytes, for names the policy's parser gave up on (8-bit bytes that are
    not UTF-8, an encoded word it left alone)."""
    for header in ("content-disposition", "content-type"):
        raw = next((v for k, v in part.raw_items() if k.lower() == header), None)
        if raw is None:
            continue
        data = str(raw).encode("ascii", "surrogateescape")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", "replace")
        legacy = email.message.Message()
        legacy[header] = text
        value = legacy.get_param("filename" if header == "content-disposition" else "name", header=header)
        if value is None:
            continue
        value = email.utils.collapse_rfc2231_value(value)
        if "=?" in value:
            try:
                value = str(email.header.make_header(email.header.decode_header(value)))
            except (ValueError, LookupError, UnicodeDecodeError):
                pass
        return value
    return None


