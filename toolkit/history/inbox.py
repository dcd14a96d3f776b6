"""The inbox: which files under it are returns to collect, which are saved mails (their attachments are
collected), which are lock or temporary files to skip, which are something else, and which must not be opened
at all (named pipes, devices, sockets, links that lead out of the inbox); and the unit a file belongs to judging
by its name alone."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.core.findings import Finding
from toolkit.core.model import Plan
from toolkit.validate.files import CANDIDATE_SUFFIXES, refusal

MAIL_SUFFIXES = frozenset({".eml", ".msg"})

_SKIP_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


def is_skipped_name(name: str) -> bool:
    """Lock and temporary files that are no one's return: Office locks (~$x.xlsx), LibreOffice locks
    (.~lock.x#), hidden files (.x, including our own .~nplan- temporaries), *.tmp, backups (x~) and
    system files (Thumbs.db, desktop.ini)."""
    low = name.casefold()
    return (low.startswith(("~$", ".")) or low.endswith((".tmp", ".temp", "~"))
            or (low.startswith("~") and "." not in low) or low in _SKIP_NAMES)


@dataclass
class InboxFiles:
    files: list[Path]  # to collect: whatever a unit may have sent as its return (spreadsheet-like files)
    skipped: list[Path]  # lock and temporary files
    ignored: list[Path]  # other files (PDFs, images): not returns, reported but not collected
    mails: list[Path] = field(default_factory=list)  # saved mails (.eml, .msg): their attachments are collected
    refused: list[tuple[Path, Finding]] = field(default_factory=list)  # never opened, with the finding why


def inbox_files(inbox: str | os.PathLike[str], *, exclude: Iterable[Path] = ()) -> InboxFiles:
    """The files under ``inbox``, recursively, in path order, sorted into the kinds above.

    Spreadsheet-like files are those validation recognises (``toolkit.validate.files.CANDIDATE_SUFFIXES``:
    .xlsx, and the wrong formats a unit may send instead, which get their own findings). Folders in
    ``exclude`` (the archive, when it lies inside the inbox) and hidden folders are not entered, nor are links
    to folders. Anything that is no regular file, and any link leading out of the inbox, is refused with a
    finding (looked at with lstat/stat only, never opened).
    """
    root = Path(inbox)
    excluded = {p.resolve() for p in exclude}
    out = InboxFiles([], [], [])
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        for name in sorted(dirnames):
            refused = refusal(here / name, root, file=(here / name).relative_to(root).as_posix())
            if refused is not None:
                out.refused.append((here / name, refused))
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and (here / d).resolve() not in excluded)
        for name in sorted(filenames):
            path = here / name
            refused = refusal(path, root, file=path.relative_to(root).as_posix())
            if refused is not None:
                out.refused.append((path, refused))
                continue
            if not path.is_file():
                continue
            suffix = path.suffix.lower()
            if is_skipped_name(name):
                out.skipped.append(path)
            elif suffix in CANDIDATE_SUFFIXES:
                out.files.append(path)
            elif suffix in MAIL_SUFFIXES:
                out.mails.append(path)
            else:
                out.ignored.append(path)
    for group in (out.files, out.skipped, out.ignored, out.mails):
        group.sort(key=lambda p: p.relative_to(root).as_posix())
    out.refused.sort(key=lambda r: r[0].relative_to(root).as_posix())
    return out


def _plain(text: str) -> str:
    """Lower case ASCII letters and digits only ("Film i Västerbotten" -> "filmivasterbotten")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def guess_unit(file_name: str, plan: Plan) -> str:
    """The unit a file belongs to judging by its name alone (for files that cannot be read as a return):
    the unit whose name (as in the generated file names, ignoring case, accents and punctuation) the
    name contains - the longest such name - else the one unit whose id is a word of the name, else ""."""
    stem = Path(file_name).stem
    plain = _plain(stem)
    by_name = sorted(((len(_plain(u.name)), u.id) for u in plan.units
                      if _plain(u.name) and _plain(u.name) in plain), reverse=True)
    if by_name:
        return by_name[0][1]
    words = set(re.split(r"[^0-9a-zåäöéü]+", stem.casefold()))
    hits = [u.id for u in plan.units if u.id.casefold() in words]
    return hits[0] if len(hits) == 1 else ""
