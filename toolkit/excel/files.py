"""Atomic file writes: every output is written to a temporary file beside the target, then renamed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from toolkit.core.errors import NplanError, os_reason
from toolkit.texts import cli as tcli


def save_workbook(wb: Workbook, path: str | os.PathLike[str]) -> Path:
    """Save atomically: write a temporary file in the same folder, then rename it over the target."""
    return _write_atomic(Path(path), ".xlsx", wb.save)



def _default_permissions(path: str) -> None:
    """mkstemp creates files readable by the owner only; give the file the mode a plain open() would
    (colleagues on a shared folder must be able to open reports and returns)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_atomic_bytes(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Atomically write bytes (CSV, JSON, docx) next to the target, then rename."""
    return _write_atomic(Path(path), "", lambda tmp: Path(tmp).write_bytes(data))


def _write_atomic(target: Path, suffix: str, write: Callable[[str], object]) -> Path:
    """Create the folder, write a temporary file beside the target, rename it into place. Every
    operating-system failure becomes an NplanError naming the file, in Swedish."""
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~nplan-", suffix=suffix, dir=target.parent)
        os.close(fd)
        write(tmp)
        _default_permissions(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise NplanError(tcli.CANNOT_WRITE.format(path=target, reason=os_reason(exc))) from exc
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise
    return target
