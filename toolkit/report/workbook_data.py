"""The report workbook's submissions, its long data table (an Excel table for pivot tables) and the sheet
that states how every number is computed."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import Plan
from toolkit.report import assessment as asm
from toolkit.report.consolidate import REJECTED, Consolidation
from toolkit.report.wording import rules, status_label
from toolkit.report.workbook_cells import (
    BOLD,
    CENTER,
    FMT_DATETIME,
    HEADER_FONT,
    HEADER_ROW,
    NOTE_FONT,
    SECTION_FONT,
    fit_rows,
    put,
    put_header,
    put_title,
)
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx

SUBMISSION_WIDTHS = [50, 56, 17, 22, 11, 14, 20]


def write_submissions(ws: Worksheet, c: Consolidation) -> None:
    excel.set_widths(ws, SUBMISSION_WIDTHS)
    deadline = (tx.SUBMISSIONS_DEADLINE.format(deadline=c.deadline.isoformat()) if c.deadline
                else tx.SUBMISSIONS_NO_DEADLINE)
    put_title(ws, tx.SUBMISSIONS_TITLE.format(period=c.period), tx.SUBMISSIONS_NOTE.format(deadline=deadline))
    put(ws, 3, 1, tx.SUBMISSIONS_STATUS, font=SECTION_FONT)
    put_header(ws, HEADER_ROW, list(tx.UNIT_STATUS_HEADERS.values()))
    row = HEADER_ROW
    for u in c.unit_status:
        row += 1
        put(ws, row, 1, u.unit_name, wrap=True)
        put(ws, row, 2, u.file_name, wrap=True, text=True)
        put(ws, row, 3, u.received_at, fmt=FMT_DATETIME)
        put(ws, row, 4, tx.STATE[u.state], fill=excel.solid_fill(excel.RETURN_COLOURS[u.state]), align=CENTER)
        put(ws, row, 5, u.submissions, fmt=excel.FMT_COUNT, align=CENTER)
        put(ws, row, 6, u.unit_id)
        put(ws, row, 7, u.timeliness or None)
    row += 2
    put(ws, row, 1, tx.SUBMISSIONS_ALL, font=SECTION_FONT)
    row += 1
    put_header(ws, row, list(tx.SUBMISSION_HEADERS.values()))
    if not c.submissions:
        row += 1
        put(ws, row, 1, tx.NO_SUBMISSIONS, font=NOTE_FONT)
    for s in c.submissions:
        row += 1
        put(ws, row, 1, s.unit_name, wrap=True)
        put(ws, row, 2, s.file_name, wrap=True, text=True)
        put(ws, row, 3, s.received_at, fmt=FMT_DATETIME)
        state = s.state if s.state in tx.STATE else REJECTED
        label = tx.STATE_CHOSEN if s.chosen else tx.STATE[state]
        put(ws, row, 4, label, fill=excel.solid_fill(excel.RETURN_COLOURS[state]), align=CENTER)
        put(ws, row, 5, s.errors, fmt=excel.FMT_COUNT, align=CENTER)
        put(ws, row, 6, s.warnings, fmt=excel.FMT_COUNT, align=CENTER)
        put(ws, row, 7, s.sha256[:16], text=True)
    fit_rows(ws, SUBMISSION_WIDTHS, HEADER_ROW, row)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


# --------------------------------------------------------------------------------------------
# The long data table
# --------------------------------------------------------------------------------------------

DATA_FORMATS = {"value": "General", "received_at": FMT_DATETIME}
TEXT_COLUMNS = {"value_text", "raw_value", "analysis", "measures", "indicator", "unit_name"}


def write_data(ws: Worksheet, c: Consolidation) -> None:
    rows = c.long_rows()
    keys = list(tx.DATA_HEADERS)
    put_title(ws, tx.DATA_TITLE.format(period=c.period), tx.DATA_NOTE.format(table=tx.TABLE_DATA))
    excel.set_widths(ws, [6, 9, 6, 8, 10, 40, 12, 30, 11, 11, 10, 12, 12, 18, 18, 50, 40, 10, 17])
    excel.add_table(ws, tx.TABLE_DATA, HEADER_ROW, 1, list(tx.DATA_HEADERS.values()), len(rows))
    for ci in range(1, len(keys) + 1):
        ws.cell(row=HEADER_ROW, column=ci).font = HEADER_FONT
    for r, item in enumerate(rows, start=HEADER_ROW + 1):
        for ci, key in enumerate(keys, start=1):
            v = item[key]
            cell = ws.cell(row=r, column=ci)
            if key in ("due", "reported"):
                excel.set_text(cell, tc.YES if v else tc.NO)
            elif key in ("assessment", "indicator_status"):
                excel.set_text(cell, status_label(v, c) if v is not None else None)
            elif key == "value":
                if isinstance(v, bool):
                    cell.value = 1 if v else 0
                elif (n := asm.as_number(v)) is not None:
                    cell.value = n
                # text values are in "value_text"
            elif key in TEXT_COLUMNS or isinstance(v, str):
                excel.set_text(cell, v if v not in ("", None) else None)
            elif key == "goal":
                cell.value = v
            else:
                cell.value = v
            if key in DATA_FORMATS:
                cell.number_format = DATA_FORMATS[key]
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


# --------------------------------------------------------------------------------------------
# About
# --------------------------------------------------------------------------------------------

def write_about(ws: Worksheet, c: Consolidation, plan: Plan) -> None:
    widths = [28, 110]
    excel.set_widths(ws, widths)
    put_title(ws, tx.ABOUT_TITLE)
    put(ws, 2, 1, tx.ABOUT_PLAN.format(identity=c.plan_identity), font=NOTE_FONT)
    row = 3
    for heading, text in rules(plan):
        row += 1
        put(ws, row, 1, heading, font=BOLD)
        put(ws, row, 2, text, wrap=True)
    fit_rows(ws, widths, 4, row)
    excel.print_setup(ws)
