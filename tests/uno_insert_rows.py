"""Insert empty rows into a sheet the way a unit does in LibreOffice (sheet protection removed, Insert Rows),
then save as .xlsx. Run by the Python that has LibreOffice's UNO bridge (``libreoffice.insert_rows``), not by
the test's own interpreter:

    python3 uno_insert_rows.py SOFFICE SRC DST SHEET ROW [SHEET ROW ...]

ROW is 1-based: the new empty row takes its place and the rows from it move down.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

import uno  # type: ignore[import-not-found]  # LibreOffice's bridge, only in the system's Python
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(soffice: str, src: str, dst: str, inserts: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory(prefix="lo-uno-") as profile:
        pipe = f"nplan-test-{os.getpid()}"
        proc = subprocess.Popen([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                                 "--invisible", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            for _ in range(240):
                try:
                    ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:  # not listening yet
                    time.sleep(0.25)
            else:
                raise SystemExit("LibreOffice did not answer on its pipe")
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                               (_prop("Hidden", True),))
            for sheet_name, row in inserts:
                sheet = doc.Sheets.getByName(sheet_name)
                sheet.unprotect("")
                sheet.Rows.insertByIndex(row - 1, 1)
            doc.calculateAll()
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                           (_prop("FilterName", "Calc MS Excel 2007 XML"),))
            doc.close(True)
            try:
                desktop.terminate()
            except Exception:  # the bridge goes away as LibreOffice quits
                pass
        finally:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    args = sys.argv[1:]
    pairs = [(args[i], int(args[i + 1])) for i in range(3, len(args), 2)]
    main(args[0], args[1], args[2], pairs)
