"""LibreOffice headless as the real client: open a workbook, recalculate it, read computed values.

Each call gets its own LibreOffice profile, so tests may run it concurrently.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")



def _marks(*marks: pytest.MarkDecorator):  # type: ignore[no-untyped-def]
    """One decorator applying several marks."""
    def apply(obj):  # type: ignore[no-untyped-def]
        for mark in marks:
            obj = mark(obj)
        return obj
    return apply


# CI installs LibreOffice; there a missing soffice is a failure, on a developer's machine a skip. Every test that
# starts LibreOffice carries the marker "libreoffice": `pytest -m "not libreoffice"` is the fast inner loop.
requires_libreoffice = _marks(pytest.mark.libreoffice, pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) is not installed"))


def has_writer() -> bool:
    """Is LibreOffice's Writer installed (Debian: libreoffice-writer-nogui), not only Calc?"""
    return SOFFICE is not None and (Path(SOFFICE).resolve().parent / "libswlo.so").is_file()


# Documents (.docx) need Writer; as above, in CI its absence is a failure.
requires_libreoffice_writer = _marks(pytest.mark.libreoffice, pytest.mark.skipif(
    not has_writer() and not os.environ.get("CI"), reason="LibreOffice Writer is not installed"))


def uno_python() -> str | None:
    """A Python interpreter with LibreOffice's UNO bridge (Debian: python3-uno), or None."""
    if SOFFICE is None:
        return None
    for candidate in (Path(SOFFICE).resolve().parent / "python", Path("/usr/bin/python3")):
        if candidate.is_file():
            probe = subprocess.run([str(candidate), "-c", "import uno"], capture_output=True, timeout=60)
            if probe.returncode == 0:
                return str(candidate)
    return None


# Driving LibreOffice through UNO (inserting rows as a unit does) needs the bridge; in CI it is installed.
requires_uno = _marks(pytest.mark.libreoffice, pytest.mark.skipif(
    uno_python() is None and not os.environ.get("CI"), reason="LibreOffice's Python UNO bridge is not installed"))


def insert_rows(src: str | os.PathLike[str], dst: str | os.PathLike[str], rows: list[tuple[str, int]],
                timeout: float = 180) -> Path:
    """Open ``src`` in LibreOffice, remove the protection of each named sheet and insert an empty row at each
    (sheet, 1-based row) as a unit would, recalculate and save as .xlsx at ``dst``."""
    python = uno_python()
    assert python and SOFFICE, "LibreOffice's Python UNO bridge is not installed"
    script = Path(__file__).with_name("uno_insert_rows.py")
    args = [python, str(script), SOFFICE, str(src), str(dst)]
    for sheet, row in rows:
        args += [sheet, str(row)]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0 and Path(dst).is_file(), f"UNO failed: {proc.stdout} {proc.stderr}"
    return Path(dst)


def recalculate(path: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None,
                timeout: float = 120) -> Path:
    """Open ``path`` in LibreOffice headless, recalculate, and save it as .xlsx; return the new file.

    Raises AssertionError when LibreOffice fails to open or convert the file (a repair-worthy workbook).
    """
    assert SOFFICE, "LibreOffice (soffice) is not installed"
    src = Path(path)
    out = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="lo-out-"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--calc", "--convert-to", "xlsx", "--outdir", str(out), str(src)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    result = out / (src.stem + ".xlsx")
    assert proc.returncode == 0 and result.is_file(), (
        f"LibreOffice could not open {src}: rc={proc.returncode} {proc.stdout} {proc.stderr}")
    return result


def convert_to_pdf(path: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None,
                   timeout: float = 120) -> Path:
    """Open a document (or workbook) in LibreOffice headless and export it as PDF; return the PDF.

    Raises AssertionError when LibreOffice cannot open or convert the file.
    """
    assert SOFFICE, "LibreOffice (soffice) is not installed"
    src = Path(path)
    out = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="lo-pdf-"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out), str(src)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    result = out / (src.stem + ".pdf")
    assert proc.returncode == 0 and result.is_file(), (
        f"LibreOffice could not convert {src} to PDF: rc={proc.returncode} {proc.stdout} {proc.stderr}")
    return result


def sheet_values(path: str | os.PathLike[str], sheet: str) -> list[list[object]]:
    """All cells of a sheet (computed values after recalculation), with real row/column positions."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def cell_value(path: str | os.PathLike[str], sheet: str, a1: str) -> object:
    """The computed value at an A1 address (empty string when the cell is empty)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(a1.replace("$", ""))
    rows = sheet_values(path, sheet)
    r, c = row - 1, column_index_from_string(letters) - 1
    if r >= len(rows) or c >= len(rows[r]):
        return ""
    return rows[r][c]


# ---- editing a workbook as a user would (UNO) ----

def uno_python() -> str | None:
    """A Python interpreter that can import LibreOffice's ``uno`` module (Debian: python3-uno, which LibreOffice's
    packages depend on), or None."""
    for candidate in (sys.executable, "/usr/bin/python3", shutil.which("python3"),
                      str(Path(SOFFICE).resolve().parent / "python") if SOFFICE else None):
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=60)
            if probe.returncode == 0:
                return candidate
    return None


requires_uno = _marks(pytest.mark.libreoffice, pytest.mark.skipif(
    (SOFFICE is None or uno_python() is None) and not os.environ.get("CI"),
    reason="LibreOffice with its Python bridge (uno) is not installed"))


def edit_in_libreoffice(src: str | os.PathLike[str], dst: str | os.PathLike[str], edits: list[dict],
                        timeout: float = 180) -> Path:
    """Open ``src`` in LibreOffice, apply ``edits`` through UNO as a user would (see tests/lo_edit.py), recalculate
    and save the result as .xlsx at ``dst``."""
    python = uno_python()
    assert SOFFICE and python, "LibreOffice with its Python bridge (uno) is not installed"
    script = Path(__file__).with_name("lo_edit.py")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        proc = subprocess.run([python, str(script), SOFFICE, str(Path(src).resolve()), str(Path(dst).resolve()),
                               json.dumps(edits), profile], capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0 and Path(dst).is_file(), f"LibreOffice could not edit {src}: {proc.stderr}"
    return Path(dst)
