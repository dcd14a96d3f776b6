"""The sheet Uppdrag: one row per assignment due in the period; status and comment.

Status: Ej påbörjad, Påbörjad, Genomförd, Försenad, Avförd, in any letter case.
"""

from __future__ import annotations

import datetime as dt

from toolkit.core import values as vals
from toolkit.core.model import Assignment, AssignmentStatus
from toolkit.core.returndata import AssignmentReport
from toolkit.returns import layout
from toolkit.texts import common as tc
from toolkit.texts import validate as tv
from toolkit.validate.check_rows import check_formulas, match_rows, missing, plan_item_changed, sheet_table, text_field
from toolkit.validate.context import CheckContext, Diffs
from toolkit.validate.readers import Book
from toolkit.validate.tables import Row, Table, norm, show_raw

_STATUS_LABELS: dict[str, AssignmentStatus] = {
    label: AssignmentStatus(key) for label, key in tc.reverse(tc.ASSIGNMENT_STATUS).items()}


def check_assignments(book: Book, state: CheckContext, expected: list[Assignment]) -> list[AssignmentReport]:
    """The assignment rows of the return, checked; the reports of the expected assignments found."""
    table = sheet_table(state, book, layout.SHEET_ASSIGNMENTS)
    if table is None:
        return []
    by_id = {a.id: a for a in expected}
    expected_ids = [a.id for a in expected]
    texts = {a.id: a.text for a in expected}
    rows = match_rows(state, table, expected_ids, tv.ITEM_ASSIGNMENT, "text", texts, state.diffs)
    required = set(layout.REQUIRED_ASSIGNMENT_INPUTS[state.period.tertial])
    headers = layout.ASSIGNMENT_COLUMNS
    sheet = table.sheet.name
    reports = []
    for assignment_id in expected_ids:
        row = rows.get(assignment_id)
        if row is None:
            continue
        a = by_id[assignment_id]
        if state.diffs is not None:
            _plan_context(state, state.diffs, table, row, a.text, a.end_date)
        check_formulas(state, table, row)
        report = AssignmentReport(assignment_id=assignment_id)
        raw = table.get("status", row.row)
        cell = table.cell("status", row.row)
        if vals.is_blank(raw):
            if "status" in required and "status" in table.columns:
                missing(state, sheet, cell, "status", headers["status"], assignment_id)
        else:
            report.status = _STATUS_LABELS.get(norm(raw))
            if report.status is None:
                state.add("invalid-status", sheet, cell, field=headers["status"], item_id=assignment_id,
                          found=show_raw(raw), expected=", ".join(tc.ASSIGNMENT_STATUS.values()))
        report.comment = text_field(state, table, row, "comment", assignment_id)
        reports.append(report)
    return reports


def _plan_context(state: CheckContext, diffs: Diffs, table: Table, row: Row, text: str,
                  end: dt.date | None) -> None:
    """The read-only cells the plan filled in (text, end date), against the plan."""
    found = table.get("text", row.row)
    if "text" in table.columns and norm(found or "") != norm(text):
        plan_item_changed(state, diffs, table, row, "text", found, text, tv.ITEM_ASSIGNMENT)
    if "end_date" in table.columns:
        raw = table.get("end_date", row.row)
        try:
            found_date = None if vals.is_blank(raw) else vals.parse_date(raw)
        except ValueError:
            found_date = None
        if found_date != end:
            plan_item_changed(state, diffs, table, row, "end_date", raw, end.isoformat() if end else None,
                              tv.ITEM_ASSIGNMENT)
