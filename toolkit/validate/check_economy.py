"""The sheet Ekonomi: the unit's one row; frame (from the plan), outcome, forecast, comment and significant
events.

Amounts (tkr): a number or text "1 234", "12,5", "-300", "1 250 tkr". The comment is required when
|frame - forecast| > ``plan.settings.deviation_threshold_tkr``. An amount more than ten times the frame is
a plausibility warning.
"""

from __future__ import annotations

import math

from toolkit.core import values as vals
from toolkit.core.returndata import BudgetReport
from toolkit.returns import layout
from toolkit.texts import validate as tv
from toolkit.validate.check_rows import (
    check_formulas,
    match_rows,
    missing,
    plan_item_changed,
    sheet_table,
    text_field,
)
from toolkit.validate.context import PLAUSIBLE_FACTOR, CheckContext
from toolkit.validate.readers import Book
from toolkit.validate.tables import show_raw


def check_economy(book: Book, state: CheckContext) -> BudgetReport | None:
    """The economy row of the return, checked; None when the sheet or the unit's row is missing."""
    table = sheet_table(state, book, layout.SHEET_ECONOMY)
    if table is None:
        return None
    unit_id = state.unit_id
    frame = state.plan.budget.frame_of(unit_id)
    frame_tkr = frame.frame_tkr if frame else None
    # The economy row is matched like the other rows, but its "removed/added" is about the unit.
    rows = match_rows(state, table, [unit_id], tv.ITEM_UNIT, None, {}, None)
    row = rows.get(unit_id)
    if row is None:
        return None
    sheet, r = table.sheet.name, row.row
    headers = layout.ECONOMY_COLUMNS
    report = BudgetReport(frame_tkr=frame_tkr)
    raw_frame = table.get("frame_tkr", r)
    if "frame_tkr" in table.columns and (r, table.columns["frame_tkr"]) not in table.sheet.formulas:
        try:
            found_frame = None if vals.is_blank(raw_frame) else vals.parse_number(raw_frame)
        except ValueError:
            found_frame = None
        if not _same_number(found_frame, frame_tkr):
            if state.diffs is not None:
                # The frame is the plan's: a new frame changes no entry (the deviation and the comment rule
                # are computed against the plan's frame).
                plan_item_changed(state, state.diffs, table, row, "frame_tkr", show_raw(raw_frame) or None,
                                  vals.format_number(frame_tkr) if frame_tkr is not None else None, tv.ITEM_UNIT)
            else:
                state.add("frame-changed", sheet, table.cell("frame_tkr", r), field=headers["frame_tkr"],
                          item_id=unit_id, found=show_raw(raw_frame) or None,
                          expected=vals.format_number(frame_tkr) if frame_tkr is not None else "-")
    check_formulas(state, table, row)
    required = set(layout.REQUIRED_ECONOMY_INPUTS[state.period.tertial])
    for key in ("outcome_tkr", "forecast_tkr"):
        raw = table.get(key, r)
        cell = table.cell(key, r)
        value = None
        if vals.is_blank(raw):
            if key in required and key in table.columns:
                missing(state, sheet, cell, key, headers[key], unit_id)
        else:
            try:
                value = vals.parse_number(raw)
            except ValueError:
                state.add("not-a-number", sheet, cell, field=headers[key], item_id=unit_id,
                          found=show_raw(raw), expected=tv.EXPECT_AMOUNT)
            if value is not None and frame_tkr and frame_tkr > 0 \
                    and abs(value) > PLAUSIBLE_FACTOR * frame_tkr:
                state.add("value-implausible", sheet, cell, field=headers[key], item_id=unit_id,
                          found=vals.format_number(value), reference_name=tv.REFERENCE_FRAME,
                          reference=vals.format_number(frame_tkr),
                          expected=tv.EXPECT_AT_MOST.format(factor=f"{PLAUSIBLE_FACTOR:g}",
                                                            reference=vals.format_number(frame_tkr)))
        if key == "outcome_tkr":
            report.outcome_tkr = value
        else:
            report.forecast_tkr = value
    report.comment = text_field(state, table, row, "comment", unit_id, required="comment" in required)
    report.events = text_field(state, table, row, "events", unit_id, required="events" in required)
    deviation = report.deviation_tkr
    threshold = state.plan.settings.deviation_threshold_tkr
    if deviation is not None and abs(deviation) > threshold and not report.comment \
            and "comment" in table.columns:
        state.add("comment-missing", sheet, table.cell("comment", r), field=headers["comment"],
                  item_id=unit_id, found=vals.format_number(deviation),
                  expected=vals.format_number(threshold))
    return report


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
