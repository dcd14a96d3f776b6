"""E-mail: reading returns out of saved mails, and writing reminder drafts.

Intake. ``read_mail`` reads a saved mail (.eml, RFC 5322/MIME, with the standard library; or an Outlook
.msg when the optional ``python-oxmsg`` package is installed) and returns a ``Mail``: sender, recipients,
subject, the Date header as an aware datetime, the message id and every attachment with a safe file name.
Attachments of forwarded mails (message/rfc822 parts, or an Outlook item attached to an .msg) are taken
too and say who sent them and when. Nothing is unpacked (a zip stays a zip) and nothing is written.
What cannot be used is reported, never raised: winmail.dat (TNEF), an attached .msg without the optional
support, an encrypted part, a damaged MIME structure. A mail that cannot be read at all raises
``MailError`` (a ``toolkit.errors.InputError``) with a Swedish message and a stable ``code``; a malformed
mail never raises anything else. A path is checked before it is opened: a named pipe, a device or a
folder is refused, and so is a file over ``MAX_MAIL_BYTES``.

Attachment names are made safe to save on any system: the last path component only (a name never leads
out of its folder), Unicode NFC, characters Windows forbids replaced by "_", no leading or trailing dots
or spaces, no reserved device names (CON, NUL, ...), at most ``MAX_NAME_CHARS`` characters, an extension
from the content type when the name has none ("bilaga.xlsx" when there is no name), and unique within
the mail regardless of case ("retur.xlsx", "retur (2).xlsx").

Drafts. ``build_draft`` writes an .eml that mail programs open as an unsent message (``X-Unsent: 1``,
honoured by Outlook): UTF-8 throughout, attachment names encoded both ways (RFC 2231 in the disposition,
RFC 2047 in the content type's ``name``, which older Outlook reads). ``reminder_text`` fills the Swedish
reminder templates of ``toolkit.texts.mail``. nplan sends nothing itself.
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
import io
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.parser import BytesParser
from pathlib import Path, PurePath
from typing import Any

from toolkit.errors import InputError, os_reason
from toolkit.filecheck import CANDIDATE_SUFFIXES, OLE_MAGIC, ZIP_MAGIC
from toolkit.texts import mail as tm
from toolkit.texts import validate as tv

MAX_MAIL_BYTES = 50 * 2**20
MAX_NAME_CHARS = 120
# Forwarded mails inside forwarded mails: deeper than this is not read (reported on the mail).
MAX_DEPTH = 10

MAIL_SUFFIXES = frozenset({".eml", ".msg"})
TNEF_SIGNATURE = b"\x78\x9f\x3e\x22"

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Content types of spreadsheets, with the extension a name without one gets.
SPREADSHEET_TYPES = {
    XLSX_TYPE: ".xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.12": ".xlsm",
    "application/vnd.ms-excel.sheet.binary.macroenabled.12": ".xlsb",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template": ".xltx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}
# Other content types whose extension a nameless attachment gets; anything else gets none.
_OTHER_TYPES = {
    "text/csv": ".csv", "text/plain": ".txt", "text/html": ".html", "application/pdf": ".pdf",
    "application/zip": ".zip", "application/x-zip-compressed": ".zip", "message/rfc822": ".eml",
    "application/vnd.ms-outlook": ".msg", "application/ms-tnef": ".dat", "application/vnd.ms-tnef": ".dat",
    "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
_TNEF_TYPES = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})
_ENCRYPTED_TYPES = frozenset({"application/pkcs7-mime", "application/x-pkcs7-mime"})
_SIGNATURE_TYPES = frozenset({"application/pkcs7-signature", "application/x-pkcs7-signature",
                              "application/pgp-signature"})
_OUTLOOK_TYPES = frozenset({"application/vnd.ms-outlook", "application/x-ole-storage"})
_MAIL_HEADERS = frozenset({"from", "to", "cc", "subject", "date", "message-id", "mime-version", "received",
                           "content-type", "sender", "reply-to", "return-path", "x-unsent"})

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SEPARATORS = re.compile(r"[/\\]")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                       *(f"lpt{i}" for i in range(10))})
_ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+$")


class MailError(InputError):
    """A mail that cannot be read at all. ``str(exc)`` is Swedish; ``code`` is stable for callers:
    too-large, empty, not-a-file, cannot-read, not-a-mail, tnef, msg-unsupported, unreadable (intake);
    bad-address, bad-header (drafts)."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Address:
    """A display name and an address, either of which may be empty."""

    name: str
    address: str

    def __str__(self) -> str:
        return email.utils.formataddr((self.name, self.address)) if self.address else self.name


@dataclass(frozen=True)
class MailAttachment:
    """One attachment. ``name`` is safe to save and unique in its mail; ``original_name`` is what the mail
    called it (decoded; "" when it gave no name). ``problem`` is a Swedish reason when the attachment
    cannot be used as it is (winmail.dat, an attached .msg, encrypted), else "". ``sender`` and ``date``
    are those of the message that carries it directly: the forwarded mail's for an attachment inside a
    forwarded mail (``forwarded``), otherwise the mail's own."""

    name: str
    content: bytes = field(repr=False)
    content_type: str
    original_name: str = ""
    problem: str = ""
    forwarded: bool = False
    sender: Address | None = None
    date: dt.datetime | None = None

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class Mail:
    """A mail as read by ``read_mail``. ``date`` is the Date header (aware; a zone-less "-0000" is taken as
    UTC; None when missing or unparseable); ``received`` is the time of the topmost Received header (when
    our side's server took it; None when absent, as in a mail saved from the sent folder). ``problems``
    are Swedish notes on the mail as a whole (it was read, but something in it is damaged)."""

    name: str
    sender: Address | None
    to: tuple[Address, ...]
    subject: str
    date: dt.datetime | None
    message_id: str
    attachments: tuple[MailAttachment, ...]
    received: dt.datetime | None = None
    problems: tuple[str, ...] = ()
    kind: str = "eml"  # "eml" or "msg"

    @property
    def workbooks(self) -> tuple[MailAttachment, ...]:
        """The attachments that may be a unit's return (see ``is_workbook_attachment``)."""
        return tuple(a for a in self.attachments if is_workbook_attachment(a))

    @property
    def unreadable(self) -> tuple[MailAttachment, ...]:
        """The attachments with a problem."""
        return tuple(a for a in self.attachments if a.problem)


def is_mail_name(name: str | PurePath) -> bool:
    """Whether a file in the inbox is a saved mail by its extension (.eml, .msg)."""
    return PurePath(name).suffix.lower() in MAIL_SUFFIXES


def is_workbook_attachment(att: MailAttachment) -> bool:
    """Whether an attachment may be a return: a spreadsheet-like extension, the same ones the inbox walk
    collects (``filecheck.CANDIDATE_SUFFIXES``: .xlsx, .xlsm, .xls, .ods, .csv, ...), or a spreadsheet
    content type whatever the name. An attachment with a problem never is."""
    if att.problem:
        return False
    return PurePath(att.name).suffix.lower() in CANDIDATE_SUFFIXES or att.content_type in SPREADSHEET_TYPES


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

def read_mail(source: str | os.PathLike[str] | bytes | bytearray | memoryview, *, name: str = "") -> Mail:
    """Read a saved mail from a path or from its bytes; ``name`` names it in messages and in ``Mail.name``
    (default: the file's name). Raises MailError only."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = name or tm.UNNAMED_MAIL
        _check_size(len(data), name)
    else:
        path = Path(source)
        name = name or path.name
        data = _read_file(path, name)
    if not data:
        raise MailError(tm.MAIL_EMPTY.format(name=name), code="empty")
    if data.startswith(OLE_MAGIC):
        return _read_msg(data, name)
    if data.startswith(TNEF_SIGNATURE):
        raise MailError(tm.MAIL_IS_TNEF.format(name=name), code="tnef")
    if data.startswith((*ZIP_MAGIC, b"%PDF")):
        raise MailError(tm.MAIL_NOT_A_MAIL.format(name=name), code="not-a-mail")
    try:
        message = BytesParser(policy=email.policy.default).parsebytes(data)
        if not {k.lower() for k in message.keys()} & _MAIL_HEADERS:
            raise MailError(tm.MAIL_NOT_A_MAIL.format(name=name), code="not-a-mail")
        return _mail_from_message(message, name, depth=0)
    except MailError:
        raise
    except Exception as exc:  # the email package raises many kinds on malformed input, RecursionError too
        raise MailError(tm.MAIL_UNREADABLE.format(name=name, reason=_reason(exc)), code="unreadable") from exc


def _check_size(size: int, name: str) -> None:
    if size > MAX_MAIL_BYTES:
        raise MailError(tm.MAIL_TOO_LARGE.format(name=name, size=_size(size), limit=_size(MAX_MAIL_BYTES)),
                        code="too-large")


def _read_file(path: Path, name: str) -> bytes:
    """The file's bytes, after checking that it is a regular file within the size limit (a named pipe is
    never opened: opening one for reading blocks until someone writes)."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise MailError(tm.MAIL_NOT_A_FILE.format(name=name), code="not-a-file")
        _check_size(st.st_size, name)
        with path.open("rb") as fh:
            data = fh.read(MAX_MAIL_BYTES + 1)
    except OSError as exc:
        raise MailError(tm.MAIL_CANNOT_READ.format(name=name, reason=os_reason(exc)), code="cannot-read") from exc
    _check_size(len(data), name)  # it grew since stat
    return data


@dataclass
class _Origin:
    sender: Address | None
    date: dt.datetime | None
    forwarded: bool


@dataclass
class _Found:
    """An attachment before its name is made unique within the mail."""

    name: str
    content: bytes
    content_type: str
    original_name: str
    problem: str
    origin: _Origin


def _mail_from_message(message: email.message.Message, name: str, depth: int) -> Mail:
    sender = _first(_addresses(message, "from")) or _first(_addresses(message, "sender"))
    date = _date(_header(message, "date"))
    found: list[_Found] = []
    problems: list[str] = []
    _walk(message, _Origin(sender, date, False), found, problems, depth)
    if _damaged(message) and tm.MAIL_DAMAGED not in problems:
        problems.insert(0, tm.MAIL_DAMAGED)
    return Mail(name=name, sender=sender, to=_addresses(message, "to"), subject=_header(message, "subject"),
                date=date, message_id=_header(message, "message-id"), attachments=_unique_attachments(found),
                received=_received(message), problems=tuple(problems), kind="eml")


def _walk(root: email.message.Message, origin: _Origin, found: list[_Found], problems: list[str],
          depth: int) -> None:
    """Collect the attachments under ``root``, forwarded mails included, without recursion in Python (a
    deeply nested multipart must not exhaust the stack)."""
    stack: list[tuple[email.message.Message, _Origin, int]] = [(root, origin, depth)]
    while stack:
        part, org, level = stack.pop()
        ctype = part.get_content_type()
        if ctype == "message/rfc822" or (part.get_content_maintype() == "message" and part.is_multipart()):
            inner = part.get_payload()
            if isinstance(inner, list):
                if level >= MAX_DEPTH:
                    _note(problems, tm.ATTACHMENT_TOO_DEEP.format(depth=MAX_DEPTH))
                    continue
                for msg in reversed(inner):
                    if isinstance(msg, email.message.Message):
                        fwd = _Origin(_first(_addresses(msg, "from")) or org.sender,
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


def _leaf(part: email.message.Message, ctype: str, origin: _Origin, found: list[_Found], problems: list[str],
          level: int) -> None:
    original = _filename(part)
    disposition = part.get_content_disposition()
    if ctype in _SIGNATURE_TYPES:
        return
    is_attachment = (original is not None or disposition == "attachment" or ctype in SPREADSHEET_TYPES
                     or ctype in _TNEF_TYPES or ctype in _ENCRYPTED_TYPES or ctype in _OUTLOOK_TYPES)
    if not is_attachment:
        return  # a body part (text, HTML, an inline image without a name)
    content = part.get_payload(decode=True)
    if not isinstance(content, bytes):
        content = b""
    original = original or ""
    low = original.casefold()
    problem = ""
    if low == "winmail.dat" or ctype in _TNEF_TYPES or content.startswith(TNEF_SIGNATURE):
        problem = tm.ATTACHMENT_TNEF.format(name=original or "winmail.dat")
    elif ctype in _ENCRYPTED_TYPES or low.endswith(".p7m"):
        problem = tm.ATTACHMENT_ENCRYPTED.format(name=original or ctype)
    elif (ctype in _OUTLOOK_TYPES or low.endswith(".msg")) and content.startswith(OLE_MAGIC):
        problem = _attached_msg(content, original or tm.ATTACHED_MSG_NAME, origin, found, problems, level)
        if not problem:
            return  # read: its attachments were taken as forwarded ones
    found.append(_Found(safe_file_name(original, content_type=ctype, content=content), content, ctype, original,
                        problem, origin))


def _attached_msg(content: bytes, name: str, origin: _Origin, found: list[_Found], problems: list[str],
                  level: int) -> str:
    """An Outlook item attached to a mail: its attachments are taken as forwarded ones when .msg support is
    installed. Returns the problem to note on the .msg attachment itself ("" when it was read)."""
    if level >= MAX_DEPTH:
        _note(problems, tm.ATTACHMENT_TOO_DEEP.format(depth=MAX_DEPTH))
        return tm.ATTACHMENT_TOO_DEEP.format(depth=MAX_DEPTH)
    try:
        inner = _read_msg(content, name, depth=level + 1)
    except MailError as exc:
        if exc.code == "msg-unsupported":
            return tm.ATTACHMENT_MSG_NOT_SUPPORTED.format(name=name)
        return tm.ATTACHMENT_MSG_UNREADABLE.format(name=name, reason=str(exc.__cause__ or exc))
    for att in inner.attachments:
        org = _Origin(att.sender or origin.sender, att.date or origin.date, True)
        found.append(_Found(att.name, att.content, att.content_type, att.original_name, att.problem, org))
    for note in inner.problems:
        _note(problems, note)
    return ""


def _note(problems: list[str], text: str) -> None:
    if text not in problems:
        problems.append(text)


def _damaged(message: email.message.Message) -> bool:
    """Whether the parser found the MIME structure broken (a boundary that never starts or never ends)."""
    broken = (email.errors.StartBoundaryNotFoundDefect, email.errors.CloseBoundaryNotFoundDefect,
              email.errors.MultipartInvariantViolationDefect, email.errors.MissingHeaderBodySeparatorDefect)
    return any(isinstance(d, broken) for part in message.walk() for d in getattr(part, "defects", ()))


def _unique_attachments(found: list[_Found]) -> tuple[MailAttachment, ...]:
    taken: dict[str, int] = {}
    out = []
    for f in found:
        out.append(MailAttachment(name=_unique(f.name, taken), content=f.content, content_type=f.content_type,
                                  original_name=f.original_name, problem=f.problem, forwarded=f.origin.forwarded,
                                  sender=f.origin.sender, date=f.origin.date))
    return tuple(out)


def _unique(name: str, taken: dict[str, int]) -> str:
    """``name``, or "stem (2).ext", "stem (3).ext", ... when taken (compared without case, as on Windows).
    ``taken`` maps each name given out (case-folded) to the last number tried for it."""
    key = name.casefold()
    if key not in taken:
        taken[key] = 1
        return name
    stem, suffix = _split(name)
    n = taken[key]
    while True:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
        if candidate.casefold() not in taken:
            break
    taken[key] = n
    taken[candidate.casefold()] = 1
    return candidate


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


def _first(addresses: tuple[Address, ...]) -> Address | None:
    return addresses[0] if addresses else None


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


# ---- names ----

def safe_file_name(name: str, *, content_type: str = "", content: bytes = b"") -> str:
    """A file name safe to save on Windows, macOS and Linux, never leading out of its folder (see the
    module's docstring). A name without an extension gets one from the content type, or ".xlsx" when the
    content is an xlsx package."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = unicodedata.normalize("NFC", text)
    text = _SEPARATORS.split(text)[-1]
    text = _FORBIDDEN.sub("_", text).strip(" .")
    stem, suffix = _split(text)
    if not suffix:
        suffix = SPREADSHEET_TYPES.get(content_type) or _OTHER_TYPES.get(content_type) or _sniff_suffix(content)
    stem = stem.strip(" .") or tm.ATTACHMENT_STEM
    if stem.split(".")[0].strip().casefold() in _RESERVED:
        stem = "_" + stem
    stem = stem[: max(1, MAX_NAME_CHARS - len(suffix))].rstrip(" .") or tm.ATTACHMENT_STEM
    return stem + suffix


def _split(name: str) -> tuple[str, str]:
    """Stem and extension; an extension is a dot and 1-8 letters or digits ("v. 3 final" has none)."""
    m = _SUFFIX.search(name)
    if m and m.start() > 0:
        return name[: m.start()], m.group(0)
    return name, ""


def _sniff_suffix(content: bytes) -> str:
    """".xlsx" for the bytes of an xlsx package, else ""."""
    if not content.startswith(ZIP_MAGIC):
        return ""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return ""
    return ".xlsx" if "xl/workbook.xml" in names else ""


# ---- Outlook .msg (optional: python-oxmsg) ----

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


def _read_msg(data: bytes, name: str, depth: int = 0) -> Mail:
    try:
        from oxmsg import Message
    except ImportError:
        raise MailError(tm.MSG_NOT_SUPPORTED.format(name=name), code="msg-unsupported") from None
    try:
        _check_msg_sizes(data, name)
        msg = Message.load(data)
        return _mail_from_msg(msg, name, depth)
    except MailError:
        raise
    except Exception as exc:  # olefile and python-oxmsg raise many kinds on a damaged file
        raise MailError(tm.MSG_UNREADABLE.format(name=name, reason=_reason(exc)), code="unreadable") from exc


def _check_msg_sizes(data: bytes, name: str) -> None:
    """Refuse a compound file whose streams claim more bytes than the file holds: python-oxmsg reads every
    stream, and olefile follows a cyclic sector chain up to the declared size (a 50 MB file could make it
    build gigabytes). In a sound file the streams together are never larger than the file."""
    import olefile

    with olefile.OleFileIO(data) as ole:
        declared = sum(ole.get_size(p) for p in ole.listdir(streams=True, storages=False))
    if declared > len(data):
        raise MailError(tm.MSG_UNREADABLE.format(name=name, reason=tm.MSG_SIZES_INCONSISTENT), code="unreadable")


def _mail_from_msg(msg: Any, name: str, depth: int) -> Mail:
    sender = _first(_parse_addresses(_clean(msg.sender or "")))
    date = _aware(msg.sent_date)
    to = []
    for r in msg.recipients:
        kind = r.properties.int_prop_value(PID_RECIPIENT_TYPE)
        if kind in (None, 1) and (r.name or r.email_address):  # 1: To (2 is Cc, 3 is Bcc)
            to.append(Address(" ".join(_clean(r.name).split()), _clean(r.email_address).strip()))
    origin = _Origin(sender, date, depth > 0)
    found: list[_Found] = []
    problems: list[str] = []
    for att in msg.attachments:
        props = att.properties
        original = att.file_name or props.str_prop_value(PID_ATTACH_FILENAME) or ""
        if props.int_prop_value(PID_ATTACH_METHOD) == ATTACH_EMBEDDED_MSG:
            _embedded_msg(att, original or tm.ATTACHED_MSG_NAME, origin, found, problems, depth)
            continue
        original = _clean(original)
        method = props.int_prop_value(PID_ATTACH_METHOD)
        content = att.file_bytes or b""
        ctype = _clean(att.mime_type or "application/octet-stream").lower()
        problem = ""
        if method in ATTACH_BY_REFERENCE:
            problem = tm.ATTACHMENT_BY_REFERENCE.format(name=original)
        elif original.casefold() == "winmail.dat" or content.startswith(TNEF_SIGNATURE):
            problem = tm.ATTACHMENT_TNEF.format(name=original or "winmail.dat")
        found.append(_Found(safe_file_name(original, content_type=ctype, content=content), content, ctype,
                            original, problem, origin))
    props = msg.properties
    return Mail(name=name, sender=sender, to=tuple(to), subject=" ".join(_clean(msg.subject or "").split()), date=date,
                message_id=_clean(props.str_prop_value(PID_INTERNET_MESSAGE_ID) or "").strip(),
                attachments=_unique_attachments(found),
                received=_aware(props.date_prop_value(PID_MESSAGE_DELIVERY_TIME)), problems=tuple(problems),
                kind="msg")


def _embedded_msg(att: Any, name: str, origin: _Origin, found: list[_Found], problems: list[str],
                  depth: int) -> None:
    """An Outlook item attached to an Outlook item ("forward as attachment"): its own attachments are
    taken as forwarded ones. python-oxmsg has no public API for it, so the embedded storage is read with
    its classes directly; when that fails the item is listed with a problem."""
    if depth >= MAX_DEPTH:
        _note(problems, tm.ATTACHMENT_TOO_DEEP.format(depth=MAX_DEPTH))
        return
    try:
        inner = _mail_from_msg(_embedded_message(att), name, depth + 1)
    except Exception as exc:
        found.append(_Found(safe_file_name(name, content_type="application/vnd.ms-outlook"), b"",
                            "application/vnd.ms-outlook", name,
                            tm.ATTACHMENT_MSG_UNREADABLE.format(name=name, reason=_reason(exc)), origin))
        return
    for a in inner.attachments:
        org = _Origin(a.sender or origin.sender, a.date or origin.date, True)
        found.append(_Found(a.name, a.content, a.content_type, a.original_name, a.problem, org))
    for note in inner.problems:
        _note(problems, note)


def _embedded_message(att: Any) -> Any:
    from oxmsg import Message
    from oxmsg.properties import Properties

    storage_name = f"__substg1.0_{PID_ATTACH_DATA_OBJECT:04X}000D"
    storage = next(s for s in att._storage.storages if s.name == storage_name)

    class Embedded(Message):  # type: ignore[misc]
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


def _parse_addresses(text: str) -> tuple[Address, ...]:
    out = []
    for display, addr in email.utils.getaddresses([text]):
        display, addr = " ".join(display.split()), addr.strip()
        if display or addr:
            out.append(Address(display, addr))
    return tuple(out)


def contact_addresses(text: str) -> tuple[Address, ...]:
    """The addresses in a unit's contact cell, as controllers write it: "anna@x.se",
    "Anna Öberg <anna@x.se>", several separated by ";", "," or new lines. Entries without an address are
    left out."""
    parts = re.split(r"[;\n]", text or "")
    out: list[Address] = []
    for part in parts:
        for a in _parse_addresses(part):
            if _ADDRESS.match(a.address) and a not in out:
                out.append(a)
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Drafts
# --------------------------------------------------------------------------------------------

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
    text = MIMEText(body_text.replace("\r\n", "\n"), "plain", _utf8_qp())
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
        file_name = _unique(safe_file_name(name, content_type=ctype or ""), taken)
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
        raise MailError(tm.DRAFT_BAD_HEADER.format(field=tm.DRAFT_FIELDS[field_name], reason=_reason(exc)),
                        code="bad-header") from exc


def _draft_address(display: str, address: str) -> str:
    address = (address or "").strip()
    if not _ADDRESS.match(address) or any(c in display for c in "\r\n"):
        raise MailError(tm.DRAFT_BAD_ADDRESS.format(address=address, name=display), code="bad-address")
    return email.utils.formataddr((" ".join(display.split()), address), charset="utf-8")


def _draft_sender(sender: str) -> str:
    parsed = _parse_addresses(sender)
    if len(parsed) != 1 or not _ADDRESS.match(parsed[0].address) or any(c in sender for c in "\r\n"):
        raise MailError(tm.DRAFT_BAD_SENDER.format(address=sender), code="bad-address")
    return _draft_address(parsed[0].name, parsed[0].address)


def _type_of(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    for ctype, ext in (*SPREADSHEET_TYPES.items(), *_OTHER_TYPES.items()):
        if ext == suffix:
            return ctype
    return "application/octet-stream"


# ---- the reminder's words ----

MISSING = "missing"
REJECTED = "rejected"


def long_date(day: dt.date) -> str:
    """"fredag 18 september 2026"."""
    return tm.DATE_LONG.format(weekday=tm.WEEKDAYS[day.weekday()], day=day.day, month=tm.MONTHS[day.month - 1],
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
    committee_part = tm.SUBJECT_COMMITTEE.format(committee=committee) if committee else ""
    fields = {"committee": committee or tm.DEFAULT_COMMITTEE, "unit": unit, "period": period,
              "signature": signature or tm.DEFAULT_SIGNATURE}
    items = "\n".join(tm.DETAIL_BULLET.format(text=" ".join(d.split())) for d in details if d.strip())
    if kind == MISSING:
        subject = tm.REMINDER_MISSING_SUBJECT.format(committee_part=committee_part, **fields)
        if deadline is None:
            sentence = tm.DEADLINE_UNKNOWN
        else:
            template = tm.DEADLINE_PAST if deadline < today else tm.DEADLINE_COMING
            sentence = template.format(deadline=long_date(deadline))
        body = tm.REMINDER_MISSING_BODY.format(
            deadline_sentence=sentence, details=tm.REMINDER_MISSING_DETAILS.format(items=items) if items else "",
            **fields)
    else:
        subject = tm.REMINDER_REJECTED_SUBJECT.format(committee_part=committee_part, **fields)
        clause = (tm.REJECTED_DEADLINE.format(deadline=long_date(deadline))
                  if deadline is not None and deadline >= today else tm.REJECTED_SOON)
        body = tm.REMINDER_REJECTED_BODY.format(details=items or tm.REJECTED_NO_DETAILS, deadline_clause=clause,
                                                **fields)
    return subject, body


# ---- helpers ----

def _size(n: int) -> str:
    if n >= 2**20:
        return tv.SIZE_MB.format(n=f"{n / 2**20:.1f}".replace(".", ","))
    if n >= 1024:
        return tv.SIZE_KB.format(n=f"{n / 1024:.0f}")
    return tv.SIZE_BYTES.format(n=n)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
