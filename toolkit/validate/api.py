"""Validating returned files: paths or bytes in, a ``ValidationResult`` per file out.

``validate_file`` never raises for a bad file: every problem is a ``Finding`` (code, severity, file,
sheet, A1 cell, field, item id, found, expected, Swedish message). The result carries the file's
sha256 and, from the same single read, the normalized values (``ReturnData``) that later stages use;
``data`` is None only when the file could not be read as a return at all (not an .xlsx, no identity and
no way to tell the unit, unknown unit, another format version).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from toolkit.core import findings as fnd
from toolkit.core.errors import os_reason
from toolkit.core.findings import Finding
from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.core.returndata import ValidationResult
from toolkit.validate import files as filecheck
from toolkit.validate.content import check_book
from toolkit.validate.context import Previous
from toolkit.validate.expected import PlanContext
from toolkit.validate.readers import READERS, Reader, ReadError

__all__ = ["Entry", "validate_file", "validate_paths", "validate_bytes", "expand_paths", "walk_paths"]


def validate_file(path: str | os.PathLike[str], plan: Plan | PlanContext, *, period: Period | None = None,
                  previous: Previous | None = None, reader: str = "calamine") -> ValidationResult:
    """Validate one returned file against the plan; never raises for a bad file.

    ``period``: the period being collected (a return for another period is an error); None accepts the
    return's own period. ``previous``: (unit id, indicator id) -> the value the unit reported earlier in the
    year, for the warning on cumulative counts that went down. ``reader``: "calamine" (the hot path) or
    "openpyxl" (the same checks on openpyxl's reading; for comparison).
    """
    ctx = plan if isinstance(plan, PlanContext) else PlanContext(plan)
    return _validate(Path(path), ctx, _checked(period), previous, READERS[reader])


def validate_paths(paths: Iterable[str | os.PathLike[str]], plan: Plan | PlanContext, *,
                   period: Period | None = None, previous: Previous | None = None,
                   reader: str = "calamine") -> list[ValidationResult]:
    """Validate files and directories (walked recursively, in name order). Lock files (``~$...``) are
    reported and not read; in a directory only spreadsheet-like files are picked up, and named pipes, devices,
    sockets and links leading out of it are reported and never opened."""
    ctx = plan if isinstance(plan, PlanContext) else PlanContext(plan)
    per = _checked(period)
    out = []
    for entry in walk_paths(paths):
        if entry.refusal is not None:
            out.append(ValidationResult(path=str(entry.path), findings=[entry.refusal]))
        else:
            out.append(_validate(entry.path, ctx, per, previous, READERS[reader]))
    return out


@dataclass(frozen=True)
class Entry:
    """A file to validate, or one found in a folder that must not be opened (``refusal`` says why)."""

    path: Path
    refusal: Finding | None = None


def walk_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Entry]:
    """The files to validate: given files as they are, directories walked recursively (sorted by path, without
    case). In a directory: spreadsheet-like files and lock files; anything that is no regular file (a named
    pipe, a device, a socket) and links leading out of the directory come with their refusal."""
    out: list[Entry] = []
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        found = _walk(p) if p.is_dir() else [Entry(p)]
        for entry in found:
            key = os.path.normcase(os.path.abspath(entry.path))
            if key not in seen:
                seen.add(key)
                out.append(entry)
    return out


def _walk(root: Path) -> list[Entry]:
    found: list[Entry] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        for name in sorted(dirnames):  # links to folders are not entered (os.walk); one out of root is named
            refused = filecheck.refusal(here / name, root)
            if refused is not None:
                found.append(Entry(here / name, refused))
        for name in filenames:
            path = here / name
            refused = filecheck.refusal(path, root)
            if refused is not None:
                found.append(Entry(path, refused))
            elif filecheck.is_candidate(path) and path.is_file():
                found.append(Entry(path))
    return sorted(found, key=lambda e: str(e.path).casefold())


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files ``validate_paths`` looks at (``walk_paths``' paths)."""
    return [e.path for e in walk_paths(paths)]


def _checked(period: Period | None) -> Period | None:
    """The period as given; a text instead of a Period is a programming error (it would never equal the
    return's period, so every file would silently get "wrong-period")."""
    if period is not None and not isinstance(period, Period):
        raise TypeError(f"period must be a Period or None, not {type(period).__name__}")
    return period


def _validate(path: Path, ctx: PlanContext, period: Period | None, previous: Previous | None,
              reader: Reader) -> ValidationResult:
    file = str(path)
    result = ValidationResult(path=file)
    if filecheck.is_lock_file(path):
        result.findings.append(filecheck.lock_file_finding(path, file))
        return result
    try:
        data = filecheck.read_regular(path)
    except filecheck.NotRegularFile as exc:  # never opened: a named pipe would block the read
        result.findings.append(fnd.make("special-file", file=file, found=path.name, kind=exc.kind))
        return result
    except filecheck.FileTooLarge as exc:
        result.findings.append(filecheck.too_large_finding(exc.size, file))
        return result
    except FileNotFoundError:
        result.findings.append(fnd.make("file-not-found", file=file, found=file))
        return result
    except OSError as exc:
        reason = os_reason(exc)
        result.findings.append(fnd.make("unreadable-file", file=file, found=reason))
        return result
    return validate_bytes(data, ctx, name=path.name, file=file, period=period, previous=previous,
                          reader=reader, result=result)


def validate_bytes(data: bytes, ctx: PlanContext, *, name: str, file: str = "", period: Period | None = None,
                   previous: Previous | None = None, reader: Reader | str = "calamine",
                   result: ValidationResult | None = None) -> ValidationResult:
    """Validate a file's bytes (``name`` gives its extension). The checks are the same for every reader."""
    period = _checked(period)
    result = result or ValidationResult(path=file or name)
    result.sha256 = hashlib.sha256(data).hexdigest()
    check = filecheck.check_bytes(name, data, file=file)
    result.findings.extend(check.findings)
    if not check.readable:
        return result
    read = READERS[reader] if isinstance(reader, str) else reader
    try:
        book = read(data, check)
    except ReadError as exc:
        result.findings.append(fnd.make("corrupt-file", file=file, found=str(exc)[:200]))
        return result
    findings, result.data = check_book(book, ctx, file=file, period=period, previous=previous)
    result.findings.extend(findings)
    return result
