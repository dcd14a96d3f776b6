"""A tagged PDF (PDF/UA) of a Word document, made by LibreOffice headless.

LibreOffice is an optional dependency: without it :func:`to_pdf` raises a PdfError with a Swedish message
that says so. Each run has its own LibreOffice profile in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from toolkit import excel
from toolkit.core.errors import NplanError, os_reason
from toolkit.texts import docx_kit as tkit

# LibreOffice's PDF export with tags and PDF/UA (which also sets DisplayDocTitle). The JSON form of the
# filter options is understood from LibreOffice 7.4 on; the older "pdf:writer_pdf_Export:UseTaggedPDF=true"
# is silently ignored there (an untagged PDF), so it is not used.
PDF_FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"PDFUACompliance":{"type":"boolean","value":"true"}}')


class PdfError(NplanError):
    """The PDF could not be made (no LibreOffice, LibreOffice failed or took too long)."""


_SOFFICE_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


def find_soffice() -> str | None:
    """LibreOffice's soffice on PATH, or where its installers put it on Windows and macOS."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _SOFFICE_PLACES if Path(p).is_file()), None)


def to_pdf(docx_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str], *, timeout: float = 180,
           soffice: str | None = None) -> Path:
    """Export a Word document as a tagged PDF (PDF/UA) with LibreOffice headless; return ``pdf_path``.

    Each run has its own LibreOffice profile in a temporary folder (runs may go in parallel, and a
    LibreOffice the user has open is not disturbed); the PDF is made there and then moved into place
    atomically. Raises PdfError (Swedish) when LibreOffice is missing, fails or exceeds ``timeout`` seconds.
    """
    source = Path(docx_path)
    if not source.is_file():
        raise PdfError(tkit.PDF_SOURCE_MISSING.format(path=source))
    exe = soffice or find_soffice()
    if exe is None:
        raise PdfError(tkit.SOFFICE_MISSING)
    with tempfile.TemporaryDirectory(prefix="nplan-pdf-") as tmp:
        work = Path(tmp)
        out = work / "out"
        out.mkdir()
        # A plain name: LibreOffice names its output after the input, and odd names are not its business.
        copy = work / ("dokument" + (source.suffix.lower() or ".docx"))
        try:
            shutil.copyfile(source, copy)
        except OSError as exc:
            raise PdfError(tkit.PDF_FAILED.format(path=source, detail=": " + os_reason(exc))) from exc
        cmd = [exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--invisible",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--convert-to", PDF_FILTER,
               "--outdir", str(out), str(copy)]
        stdout, stderr, code = _run(cmd, timeout, source)
        result = out / (copy.stem + ".pdf")
        if code != 0 or not result.is_file() or result.stat().st_size == 0:
            lines = [line for line in (stderr + "\n" + stdout).splitlines()
                     if line.strip() and "javaldx" not in line]
            detail = f" ({lines[-1].strip()[:300]})" if lines else ""
            raise PdfError(tkit.PDF_FAILED.format(path=source, detail=detail))
        return excel.write_atomic_bytes(result.read_bytes(), pdf_path)


def _run(cmd: list[str], timeout: float, source: Path) -> tuple[str, str, int]:
    posix = os.name != "nt"
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=posix)
    except OSError as exc:
        raise PdfError(tkit.PDF_FAILED.format(path=source, detail=": " + os_reason(exc))) from exc
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill(proc, posix)
        proc.communicate()
        raise PdfError(tkit.PDF_TIMEOUT.format(seconds=f"{timeout:g}", path=source)) from exc
    except BaseException:
        _kill(proc, posix)
        raise
    encoding = sys.getfilesystemencoding() or "utf-8"
    return out.decode(encoding, "replace"), err.decode(encoding, "replace"), proc.returncode


def _kill(proc: subprocess.Popen, posix: bool) -> None:
    """Stop LibreOffice and the processes it started (its own process group on POSIX)."""
    try:
        if posix:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass
