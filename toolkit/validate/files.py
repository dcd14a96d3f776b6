"""File-level checks of a returned file: is it an .xlsx we may read at all?

Before a file is opened: a path that is no regular file (a named pipe, a device, a socket) is never opened for
reading (opening a named pipe blocks until someone writes to it; a device may never end) and gets the finding
"special-file"; in a folder that is walked (the inbox, a folder given to validate) a symbolic link that leads
out of the folder is not followed and gets "link-outside" (``refusal``). ``read_regular`` reads a file only
after checking, on the opened file itself, that it is a regular file within the size limit.

Then the checks work on the file's bytes (read once by the caller) and never open the content with a
spreadsheet library. What they recognise, each with its own finding code:

- Office lock files ("~$retur.xlsx", LibreOffice ".~lock.retur.xlsx#"): reported, never read.
- Empty files; files larger than ``MAX_FILE_BYTES``.
- OLE compound files (magic D0 CF 11 E0 A1 B1 1A E1): an encrypted (password) .xlsx carries the streams
  "EncryptionInfo"/"EncryptedPackage"; an old .xls carries "Workbook" (or "Book"). Stream names are
  stored as UTF-16LE in the compound file's directory, so they are looked for as such: a heuristic,
  but one that does not need a compound-file parser. An OLE file with neither is named by its extension
  (.xls) or reported as some other Office file.
- Zip files: a truncated file (no end-of-central-directory record: the upload or save did not finish),
  a corrupt zip, a zip bomb (declared uncompressed sizes above ``MAX_UNCOMPRESSED_BYTES``, checked
  before anything is decompressed), .ods (OpenDocument), .xlsb, a Word document, a zip without a
  workbook, and a macro-enabled workbook (.xlsm: a vbaProject part or a macro-enabled content type).
- Anything else: a text file (CSV, possibly renamed .xlsx), HTML or Excel 2003 XML saved with an Excel
  extension, PDF, or unknown content.

A readable .xlsx with another extension than ".xlsx" gets "wrong-extension" but is read; so is a
macro-enabled workbook (its values are read, never run), so that the unit sees every problem at once.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Protocol

from toolkit.core import findings as fnd
from toolkit.core.findings import Finding
from toolkit.excel import sheetxml
from toolkit.texts import validate as tv

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
EOCD_SIGNATURE = b"PK\x05\x06"

MAX_FILE_BYTES = 50 * 2**20
MAX_UNCOMPRESSED_BYTES = 200 * 2**20
MAX_ZIP_MEMBERS = 5000

ACCEPTED_SUFFIX = ".xlsx"
# Files a directory walk picks up: what a unit might send back as its return.
CANDIDATE_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".xltx", ".xltm", ".ods", ".csv"})

_ENCRYPTED_STREAMS = ("EncryptionInfo", "EncryptedPackage")
_XLS_STREAMS = ("Workbook", "Book")
_WORD_STREAMS = ("WordDocument",)
_MACRO_CONTENT_TYPE = b"macroEnabled"


class _Add(Protocol):
    """Adds a finding to the FileCheck being built and returns it."""

    def __call__(self, code: str, found: object = "", expected: object = "") -> FileCheck: ...


@dataclass
class FileCheck:
    """What the file-level checks found, and the open zip when the content may be read as a workbook."""

    findings: list[Finding] = field(default_factory=list)
    zip: zipfile.ZipFile | None = None
    workbook_part: str = "xl/workbook.xml"

    @property
    def readable(self) -> bool:
        return self.zip is not None


def is_lock_file(path: str | PurePath) -> bool:
    """Excel's "~$name.xlsx" or LibreOffice's ".~lock.name.xlsx#"."""
    name = PurePath(path).name
    return name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))


def lock_target(path: str | PurePath) -> str:
    """The name of the workbook a lock file stands for (as far as the lock file's name tells)."""
    name = PurePath(path).name
    if name.startswith("~$"):
        return name[2:]
    return name.removeprefix(".~lock.").removesuffix("#")


def is_candidate(path: str | PurePath) -> bool:
    """Whether a directory walk should pick this file up (returns and lock files, not other files)."""
    p = PurePath(path)
    if is_lock_file(p):
        return True
    if p.name.startswith("."):
        return False
    return p.suffix.lower() in CANDIDATE_SUFFIXES


def lock_file_finding(path: str | PurePath, file: str) -> Finding:
    return fnd.make("lock-file", file=file, found=PurePath(path).name, expected=lock_target(path))


# --------------------------------------------------------------------------------------------
# Special files and links: checked before anything is opened
# --------------------------------------------------------------------------------------------

class NotRegularFile(OSError):
    """A path that is no regular file (``kind`` says what it is, in Swedish); it was not read."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class FileTooLarge(OSError):
    """A regular file over the size limit; it was not read. ``size`` in bytes."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def file_kind(mode: int) -> str:
    """What a path that is no regular file is, as users read it ("en namngiven pipe (FIFO)")."""
    for test, kind in ((stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "char"), (stat.S_ISBLK, "block"),
                       (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "dir")):
        if test(mode):
            return tv.FILE_KINDS[kind]
    return tv.FILE_KINDS["other"]


def read_regular(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, read only when it is a regular file of at most ``limit`` bytes (links are followed).

    Raises NotRegularFile for a named pipe, device, socket or folder, FileTooLarge over the limit (neither is
    read) and OSError when the file cannot be opened. The file is opened without blocking and checked again
    once open, so a file swapped for a named pipe between the check and the read is caught too.
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(file_kind(st.st_mode))
    if st.st_size > limit:
        raise FileTooLarge(st.st_size)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        opened = os.fstat(fh.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise NotRegularFile(file_kind(opened.st_mode))
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(len(data))
    return data


def too_large_finding(size: int, file: str) -> Finding:
    return fnd.make("file-too-large", file=file, found=_size(size), expected=_size(MAX_FILE_BYTES))


def refusal(path: Path, root: Path, *, file: str = "") -> Finding | None:
    """Why an entry found while walking the folder ``root`` must not be opened, or None when it may be: a link
    that leads out of ``root`` ("link-outside"; links inside it are fine), or something that is no regular file
    or folder ("special-file"). Looks at the entry with lstat/stat only; never opens it."""
    file = file or str(path)
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            target = Path(os.path.realpath(path))
            if not target.is_relative_to(Path(os.path.realpath(root))):
                return fnd.make("link-outside", file=file, found=path.name, expected=str(target))
        mode = os.stat(path).st_mode
    except OSError:
        return None  # vanished or a broken link: reading it reports why
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return fnd.make("special-file", file=file, found=path.name, kind=file_kind(mode))


def check_bytes(name: str, data: bytes, *, file: str = "") -> FileCheck:
    """Classify a file's bytes; ``name`` gives the extension, ``file`` goes into the findings."""
    out = FileCheck()
    suffix = PurePath(name).suffix.lower()

    def add(code: str, found: object = "", expected: object = "") -> FileCheck:
        out.findings.append(fnd.make(code, file=file, found=found, expected=expected))
        return out

    if not data:
        return add("empty-file")
    if len(data) > MAX_FILE_BYTES:
        return add("file-too-large", found=_size(len(data)), expected=_size(MAX_FILE_BYTES))
    if data.startswith(OLE_MAGIC):
        return _check_ole(data, suffix, add)
    if data.startswith(ZIP_MAGIC):
        return _check_zip(data, suffix, out, add)
    return _check_other(data, suffix, add)


def _check_ole(data: bytes, suffix: str, add: _Add) -> FileCheck:
    if any(_utf16(s) in data for s in _ENCRYPTED_STREAMS):
        return add("encrypted-file")
    if any(_utf16(s) in data for s in _XLS_STREAMS) or suffix == ".xls":
        return add("xls-file")
    if any(_utf16(s) in data for s in _WORD_STREAMS):
        return add("not-xlsx", found=tv.NOT_XLSX_WORD)
    return add("not-xlsx", found=tv.NOT_XLSX_OLE)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _check_zip(data: bytes, suffix: str, out: FileCheck, add: _Add) -> FileCheck:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, OverflowError,
            NotImplementedError) as exc:
        if EOCD_SIGNATURE not in data[-(65536 + 22):]:
            return add("truncated-file", found=_size(len(data)))
        return add("corrupt-file", found=_reason(exc))
    declared = sum(max(i.file_size, 0) for i in infos)
    if declared > MAX_UNCOMPRESSED_BYTES or len(infos) > MAX_ZIP_MEMBERS:
        return add("zip-bomb", found=_size(declared), expected=_size(MAX_UNCOMPRESSED_BYTES))
    names = {i.filename for i in infos}
    try:
        if "mimetype" in names:
            mimetype = sheetxml.read_member(zf, "mimetype")[:100]
            if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                return add("ods-file")
            if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                return add("not-xlsx", found=tv.NOT_XLSX_ZIP)
        workbook_part = sheetxml.workbook_part(zf, names)
        if workbook_part is None:
            if "xl/workbook.bin" in names:
                return add("not-xlsx", found=tv.NOT_XLSX_XLSB)
            if "word/document.xml" in names:
                return add("not-xlsx", found=tv.NOT_XLSX_WORD)
            return add("not-xlsx", found=tv.NOT_XLSX_ZIP)
        if workbook_part.endswith(".bin"):
            return add("not-xlsx", found=tv.NOT_XLSX_XLSB)
        content_types = (sheetxml.read_member(zf, "[Content_Types].xml") if "[Content_Types].xml" in names
                         else b"")
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, KeyError, RuntimeError) as exc:
        return add("corrupt-file", found=_reason(exc))
    except Exception as exc:  # zlib.error and friends: a damaged member
        return add("corrupt-file", found=_reason(exc))
    macro = "xl/vbaProject.bin" in names or _MACRO_CONTENT_TYPE in content_types
    if macro or suffix in (".xlsm", ".xltm"):
        add("xlsm-file")
    elif suffix != ACCEPTED_SUFFIX:
        add("wrong-extension", found=suffix or tv.NO_SUFFIX, expected=ACCEPTED_SUFFIX)
    out.zip = zf
    out.workbook_part = workbook_part
    return out


def _check_other(data: bytes, suffix: str, add: _Add) -> FileCheck:
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return add("not-xlsx", found=tv.NOT_XLSX_PDF)
    text = _as_text(head)
    if text is not None:
        stripped = text.lstrip("\ufeff \t\r\n").lower()
        if stripped.startswith("<"):
            if "urn:schemas-microsoft-com:office:spreadsheet" in text.lower():
                return add("not-xlsx", found=tv.NOT_XLSX_XML2003)
            if "<html" in stripped or "<table" in stripped or stripped.startswith("<!doctype"):
                return add("not-xlsx", found=tv.NOT_XLSX_HTML)
        if suffix == ".csv":
            return add("csv-file", found=tv.CSV_NAMED)
        return add("csv-file", found=tv.CSV_RENAMED.format(ext=suffix or tv.NO_SUFFIX))
    if suffix == ".csv":
        return add("csv-file", found=tv.CSV_NAMED)
    return add("not-xlsx", found=tv.NOT_XLSX_UNKNOWN)


def _as_text(head: bytes) -> str | None:
    """The head of a file as text when it looks like text (CSV, HTML), else None."""
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        if text and printable / len(text) > 0.95:
            return text
    return None


def _size(n: int) -> str:
    if n >= 2**20:
        return tv.SIZE_MB.format(n=f"{n / 2**20:.1f}".replace(".", ","))
    if n >= 1024:
        return tv.SIZE_KB.format(n=f"{n / 1024:.0f}")
    return tv.SIZE_BYTES.format(n=n)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
