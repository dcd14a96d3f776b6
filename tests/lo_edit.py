"""Edit a workbook in LibreOffice as a user would, through the UNO API (a script, not a test module).

Run by a Python that has LibreOffice's ``uno`` module (``tests/libreoffice.py`` finds one):
    lo_edit.py SOFFICE SRC DST EDITS_JSON PROFILE_DIR
It starts a headless LibreOffice with its own profile, opens SRC, applies the edits in order, recalculates and
saves the result as .xlsx at DST. Edits: {"op": "unprotect", "sheet": S} (a sheet protected without password),
{"op": "insert_rows", "sheet": S, "row": R, "count": N} (before row R, 1-based: formulas, ranges, validations
and conditional formats move as when a user inserts rows), {"op": "set", "sheet": S, "cell": "A1", "value": T}
(typed as a user types it, FormulaLocal).
"""
import json
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    soffice, src, dst, edits, profile = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5]
    pipe = "lo" + uuid.uuid4().hex
    office = subprocess.Popen([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                               "--invisible", f"--accept=pipe,name={pipe};urp;"])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(200):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("LibreOffice did not answer")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
        for e in edits:
            sheet = doc.Sheets.getByName(e["sheet"])
            if e["op"] == "unprotect":
                sheet.unprotect("")
            elif e["op"] == "insert_rows":
                sheet.Rows.insertByIndex(e["row"] - 1, e.get("count", 1))
            elif e["op"] == "set":
                sheet.getCellRangeByName(e["cell"]).FormulaLocal = e["value"]
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
