"""E-mail, the shared pieces: what a read mail is (``Mail``, ``MailAttachment``, ``Address``), ``MailError``,
safe and unique attachment names, and the addresses in a unit's contact cell.

Attachment names are made safe to save on any system: the last path component only (a name never leads
out of its folder), Unicode NFC, characters Windows forbids replaced by "_", no leading or trailing dots
or spaces, no reserved device names (CON, NUL, ...), at most ``MAX_NAME_CHARS`` characters, an extension
from the content type when the name has none ("bilaga.xlsx" when there is no name), and unique within
the mail regardless of case ("retur.xlsx", "retur (2).xlsx").

Reading lives in ``toolkit.history.mail`` (.eml) and ``toolkit.history.mail_msg`` (Outlook .msg), drafts in
``toolkit.history.drafts``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from toolkit.core.errors import InputError
from toolkit.texts import mail as tmail
from toolkit.texts import validate as tv
from toolkit.validate.files import CANDIDATE_SUFFIXES, ZIP_MAGIC

MAX_MAIL_BYTES = 50 * 2**20
MAX_NAME_CHARS = 120
# Forwarded mails inside forwarded mails: deeper than this is not read (reported on the mail).
MAX_DEPTH = 10
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
OTHER_TYPES = {
    "text/csv": ".csv", "text/plain": ".txt", "text/html": ".html", "application/pdf": ".pdf",
    "application/zip": ".zip", "application/x-zip-compressed": ".zip", "message/rfc822": ".eml",
    "application/vnd.ms-outlook": ".msg", "application/ms-tnef": ".dat", "application/vnd.ms-tnef": ".dat",
    "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
TNEF_TYPES = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})
ENCRYPTED_TYPES = frozenset({"application/pkcs7-mime", "application/x-pkcs7-mime"})
SIGNATURE_TYPES = frozenset({"application/pkcs7-signature", "application/x-pkcs7-signature",
                              "application/pgp-signature"})
OUTLOOK_TYPES = frozenset({"application/vnd.ms-outlook", "application/x-ole-storage"})
MAIL_HEADERS = frozenset({"from", "to", "cc", "subject", "date", "message-id", "mime-version", "received",
                           "content-type", "sender", "reply-to", "return-path", "x-unsent"})

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SEPARATORS = re.compile(r"[/\\]")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                       *(f"lpt{i}" for i in range(10))})
ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+$")


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

    @property
    def shown(self) -> str:
        """As people read it: "Anna Öberg <anna@x.se>" (``str`` gives the header form, encoded for mail)."""
        if self.name and self.address:
            return f"{self.name} <{self.address}>"
        return self.address or self.name


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


@dataclass
class Origin:
    sender: Address | None
    date: dt.datetime | None
    forwarded: bool


@dataclass
class Found:
    """An attachment before its name is made unique within the mail."""

    name: str
    content: bytes
    content_type: str
    original_name: str
    problem: str
    origin: Origin



def add_note(problems: list[str], text: str) -> None:
    if text not in problems:
        problems.append(text)



def unique_attachments(found: list[Found]) -> tuple[MailAttachment, ...]:
    taken: dict[str, int] = {}
    out = []
    for f in found:
        out.append(MailAttachment(name=unique_name(f.name, taken), content=f.content, content_type=f.content_type,
                                  original_name=f.original_name, problem=f.problem, forwarded=f.origin.forwarded,
                                  sender=f.origin.sender, date=f.origin.date))
    return tuple(out)


def unique_name(name: str, taken: dict[str, int]) -> str:
    """``name``, or "stem (2).ext", "stem (3).ext", ... when taken (compared without case, as on Windows).
    ``taken`` maps each name given out (case-folded) to the last number tried for it."""
    key = name.casefold()
    if key not in taken:
        taken[key] = 1
        return name
    stem, suffix = split_name(name)
    n = taken[key]
    while True:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
        if candidate.casefold() not in taken:
            break
    taken[key] = n
    taken[candidate.casefold()] = 1
    return candidate



def first_address(addresses: tuple[Address, ...]) -> Address | None:
    return addresses[0] if addresses else None



# ---- names ----

def safe_file_name(name: str, *, content_type: str = "", content: bytes = b"") -> str:
    """A file name safe to save on Windows, macOS and Linux, never leading out of its folder (see the
    module's docstring). A name without an extension gets one from the content type, or ".xlsx" when the
    content is an xlsx package."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = unicodedata.normalize("NFC", text)
    text = _SEPARATORS.split(text)[-1]
    text = _FORBIDDEN.sub("_", text).strip(" .")
    stem, suffix = split_name(text)
    if not suffix:
        suffix = SPREADSHEET_TYPES.get(content_type) or OTHER_TYPES.get(content_type) or _sniff_suffix(content)
    stem = stem.strip(" .") or tmail.ATTACHMENT_STEM
    if stem.split(".")[0].strip().casefold() in _RESERVED:
        stem = "_" + stem
    stem = stem[: max(1, MAX_NAME_CHARS - len(suffix))].rstrip(" .") or tmail.ATTACHMENT_STEM
    return stem + suffix


def split_name(name: str) -> tuple[str, str]:
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


def parse_addresses(text: str) -> tuple[Address, ...]:
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
        for a in parse_addresses(part):
            if ADDRESS.match(a.address) and a not in out:
                out.append(a)
    return tuple(out)


# ---- helpers ----

def size_text(n: int) -> str:
    if n >= 2**20:
        return tv.SIZE_MB.format(n=f"{n / 2**20:.1f}".replace(".", ","))
    if n >= 1024:
        return tv.SIZE_KB.format(n=f"{n / 1024:.0f}")
    return tv.SIZE_BYTES.format(n=n)


def reason_of(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
