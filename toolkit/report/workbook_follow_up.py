"""The report workbook's assignments (with overdue flags) and economy (live formulas) sheets."""

from __future__ import annotations

from openpyxl.styles import Border
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.excel import styles
from toolkit.report.consolidate import ACCEPTED, MISSING, AssignmentResult, Consolidation, period_end
from toolkit.report.wording import assignment_status_text
from toolkit.report.workbook_cells import (
    BOLD,
    CENTER,
    HEADER_ROW,
    INDENT,
    NOTE_FONT,
    SUB_GOAL_FILL,
    UNIT_FONT,
    WARN_FONT,
    fit_rows,
    put,
    put_formula,
    put_header,
    put_title,
)
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx

ASSIGNMENT_WIDTHS = [9, 64, 12, 16, 11, 64]


def write_assignments(ws: Worksheet, c: Consolidation) -> None:
    excel.set_widths(ws, ASSIGNMENT_WIDTHS)
    put_title(ws, tx.ASSIGNMENTS_TITLE.format(period=c.period),
              tx.ASSIGNMENTS_NOTE.format(end=period_end(c.period).isoformat()))
    put_header(ws, HEADER_ROW, list(tx.ASSIGNMENTS_HEADERS.values()))
    row = HEADER_ROW
    for a in c.assignments:
        row = _assignment_rows(ws, row, a, c)
    fit_rows(ws, ASSIGNMENT_WIDTHS, HEADER_ROW, row)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _assignment_rows(ws: Worksheet, row: int, a: AssignmentResult, c: Consolidation) -> int:
    asg = a.assignment
    row += 1
    for ci in range(1, len(ASSIGNMENT_WIDTHS) + 1):
        ws.cell(row=row, column=ci).fill = SUB_GOAL_FILL
    put(ws, row, 1, asg.id, font=BOLD, fill=SUB_GOAL_FILL)
    put(ws, row, 2, asg.text, font=BOLD, fill=SUB_GOAL_FILL, wrap=True)
    if asg.end_date is not None:
        put(ws, row, 3, asg.end_date, fmt=excel.FMT_DATE, fill=SUB_GOAL_FILL)
    put(ws, row, 4, tc.ASSIGNMENT_STATUS[asg.status], fill=SUB_GOAL_FILL, wrap=True)
    if a.due and a.overdue:
        put(ws, row, 5, tx.OVERDUE, fill=excel.solid_fill(styles.BAD), align=CENTER)
    note = tx.ASSIGNMENT_MASTER_STATUS.format(status=tc.ASSIGNMENT_STATUS[asg.status])
    if asg.plan_ahead:
        note += f"\n{asg.plan_ahead}"
    if not a.due:
        note = tx.ASSIGNMENT_NOT_DUE.format(period=c.period, periodicity=asg.periodicity.text)
    put(ws, row, 6, note, font=NOTE_FONT, fill=SUB_GOAL_FILL, wrap=True)
    if not a.due:
        return row
    for u in a.units:
        row += 1
        put(ws, row, 2, u.unit_name, font=UNIT_FONT, align=INDENT)
        if u.reported:
            put(ws, row, 4, assignment_status_text(u, ""), wrap=True)
            put(ws, row, 6, u.comment, wrap=True, text=True)
        else:
            # The last reported status, marked as not updated (in a note's font: it is not this period's).
            put(ws, row, 4, assignment_status_text(u, "") or None, font=NOTE_FONT, wrap=True)
            put(ws, row, 6, tx.UNIT_NOT_REPORTED, font=NOTE_FONT)
        if u.overdue:
            put(ws, row, 5, tx.OVERDUE, fill=excel.solid_fill(styles.BAD), align=CENTER)
    return row


# --------------------------------------------------------------------------------------------
# Economy: live formulas
# --------------------------------------------------------------------------------------------

ECONOMY_WIDTHS = {"id": 14, "name": 46, "frame_tkr": 14, "outcome_tkr": 14, "forecast_tkr": 14, "deviation_tkr": 14,
                  "deviation_share": 13, "used_share": 13, "state": 13, "comment": 50, "events": 40}


def economy_columns(c: Consolidation) -> list[str]:
    """The economy sheet's columns by key: at the year end (T3) without the forecast, the year's outcome standing
    against the frame."""
    return [k for k in tx.ECONOMY_HEADERS if not (c.year_end and k == "forecast_tkr")]


def write_economy(ws: Worksheet, c: Consolidation) -> dict[str, str]:
    """The economy sheet; returns the addresses (with sheet) of its totals for the summary, by key."""
    keys = economy_columns(c)
    col = {k: excel.col(i) for i, k in enumerate(keys, start=1)}
    widths = [ECONOMY_WIDTHS[k] for k in keys]
    excel.set_widths(ws, widths)
    put_title(ws, tx.ECONOMY_TITLE.format(period=c.period), tx.ECONOMY_NOTE_YEAR_END if c.year_end else tx.ECONOMY_NOTE)
    if c.budget_is_example:
        put(ws, 3, 1, tc.EXAMPLE_BUDGET_NOTE, font=WARN_FONT)
    headers = {**tx.ECONOMY_HEADERS, **(tx.ECONOMY_HEADERS_YEAR_END if c.year_end else {})}
    put_header(ws, HEADER_ROW, [headers[k] for k in keys])
    first = HEADER_ROW + 1
    row = HEADER_ROW
    status = {u.unit_id: u.state for u in c.unit_status}
    frame, outcome, deviation = col["frame_tkr"], col["outcome_tkr"], col["deviation_tkr"]
    judged = col["outcome_tkr" if c.year_end else "forecast_tkr"]  # what the frame is held against
    ci = {k: i for i, k in enumerate(keys, start=1)}
    for e in c.economy:
        row += 1
        put(ws, row, ci["id"], e.unit_id)
        put(ws, row, ci["name"], e.unit_name, wrap=True)
        put(ws, row, ci["frame_tkr"], e.frame_tkr, fmt=excel.FMT_TKR)
        put(ws, row, ci["outcome_tkr"], e.outcome_tkr, fmt=excel.FMT_TKR)
        if "forecast_tkr" in ci:
            put(ws, row, ci["forecast_tkr"], e.forecast_tkr, fmt=excel.FMT_TKR)
        put_formula(ws, row, ci["deviation_tkr"],
                    f'=IF(OR({frame}{row}="",{judged}{row}=""),"",{frame}{row}-{judged}{row})', excel.FMT_TKR)
        put_formula(ws, row, ci["deviation_share"],
                    f'=IF(OR({deviation}{row}="",N({frame}{row})=0),"",{deviation}{row}/{frame}{row})',
                    excel.FMT_PERCENT_DEC)
        put_formula(ws, row, ci["used_share"],
                    f'=IF(OR({outcome}{row}="",N({frame}{row})=0),"",{outcome}{row}/{frame}{row})', excel.FMT_PERCENT)
        state = status.get(e.unit_id, ACCEPTED if e.reported else MISSING)
        put(ws, row, ci["state"], tx.STATE[state],
            fill=excel.solid_fill(excel.RETURN_COLOURS[state]) if state != ACCEPTED else None,
            align=CENTER)
        put(ws, row, ci["comment"], e.comment, wrap=True, text=True)
        put(ws, row, ci["events"], e.events, wrap=True, text=True)
    last = max(row, first)
    row = last + 1
    total = row
    put(ws, row, ci["name"], tx.ECONOMY_TOTAL, font=BOLD)
    amounts = [k for k in ("frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr") if k in ci]
    for key in amounts:
        letter = col[key]
        put_formula(ws, row, ci[key], f"=SUM({letter}{first}:{letter}{last})", excel.FMT_TKR, BOLD)
    put_formula(ws, row, ci["deviation_share"], f'=IF(N({frame}{row})=0,"",{deviation}{row}/{frame}{row})',
                excel.FMT_PERCENT_DEC, BOLD)
    put_formula(ws, row, ci["used_share"], f'=IF(N({frame}{row})=0,"",{outcome}{row}/{frame}{row})',
                excel.FMT_PERCENT, BOLD)
    for i in range(1, len(keys) + 1):
        ws.cell(row=row, column=i).border = Border(top=excel.THIN)
    cells: dict[str, str] = {key: excel.sheet_ref(ws.title, f"{col[key]}{total}") for key in amounts}
    if c.committee_frame_tkr is not None:
        row += 2
        put(ws, row, ci["name"], tx.ECONOMY_COMMITTEE_FRAME)
        put(ws, row, ci["frame_tkr"], c.committee_frame_tkr, fmt=excel.FMT_TKR)
        cells["committee_frame_tkr"] = excel.sheet_ref(ws.title, f"{frame}{row}")
        row += 1
        put(ws, row, ci["name"], tx.ECONOMY_FRAME_DIFFERENCE)
        put_formula(ws, row, ci["frame_tkr"], f"={frame}{total}-{frame}{row - 1}", excel.FMT_TKR)
    fit_rows(ws, widths, HEADER_ROW, row)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    return cells
