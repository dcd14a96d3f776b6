"""The sheet Indikatorer: one row per indicator due in the period; outcome, own assessment, analysis and
measures.

Outcomes by kind of value (normalized in ``IndicatorReport.outcome``), read by the same rules as the return's
own Kontroll column (``toolkit.returns.formulas``):
  - Counts: a number, or text "1 234", "1 234" (no-break space), "12", "-0"; must be whole and >= 0.
  - Decimal numbers (Tal): a number or text "75,5"; at most the indicator's decimals.
  - Amounts (tkr): a number or text "1 234", "12,5", "-300", "1 250 tkr"; at most the indicator's decimals
    when it has any.
  - Shares: the cell is formatted as percent, so a number is the fraction it shows (0.4 is 40 %, 1.25 is
    125 %, 62 is 6 200 %) and a text is the percent number typed ("40 %", "40%", "40" are 40 %); normalized
    to a fraction, must be 0-100 % with at most the indicator's decimals of the percent number.
  - Yes/no: "Ja", "ja", "JA", "j", "Nej", "nej", "NEJ", "n" (and TRUE/FALSE cells); normalized to a bool.
  - Text: anything up to the analysis' length limit.
Own assessment: a label of the assessment scale (Uppfyllt, Delvis uppfyllt, Ej uppfyllt, Ingen bedömning)
or of its forecast wording (Bedöms uppfyllas, ...), in any letter case. The analysis is required when the
own assessment is filled in and is not Uppfyllt.

Plausibility warnings: a numeric outcome more than ten times its baseline or its target, and a cumulative
value (``Indicator.is_cumulative``) below the value reported earlier in the same year (``previous``, else the
return's own column "Tidigare rapporterat i år"); a level may fall.

Required: outcome and assessment from T2 on, and in T1 for an indicator reported only in April
(``layout.required_indicator_inputs``).
"""

from __future__ import annotations

import math
from typing import Any

from toolkit.core import values as vals
from toolkit.core.model import Assessment, Indicator, ValueKind
from toolkit.core.returndata import IndicatorReport
from toolkit.returns import layout
from toolkit.texts import common as tc
from toolkit.texts import validate as tv
from toolkit.validate.check_rows import (
    check_formulas,
    match_rows,
    missing,
    plan_item_changed,
    sheet_table,
    text_field,
    text_rules,
)
from toolkit.validate.context import PLAUSIBLE_FACTOR, CheckContext, Diffs
from toolkit.validate.readers import Book
from toolkit.validate.tables import Row, Table, cell_text, norm, number_text, show_raw

SHARE_TOLERANCE = vals.DECIMALS_TOLERANCE  # a share within this of 0-100 % is in range
_ASSESSMENT_LABELS: dict[str, Assessment] = {
    label: Assessment(key)
    for label, key in {**tc.reverse(tc.ASSESSMENT_FORECAST), **tc.reverse(tc.ASSESSMENT)}.items()}


def check_indicators(book: Book, state: CheckContext, expected: list[Indicator]) -> list[IndicatorReport]:
    """The indicator rows of the return, checked; the reports of the expected indicators found."""
    table = sheet_table(state, book, layout.SHEET_INDICATORS)
    if table is None:
        return []
    by_ind = {i.id: i for i in expected}
    names = {i.id: i.name for i in expected}
    rows = match_rows(state, table, [i.id for i in expected], tv.ITEM_INDICATOR, "name", names, state.diffs)
    reports = []
    for ind in expected:
        row = rows.get(ind.id)
        if row is None:
            continue
        if state.diffs is not None:
            _plan_context(state, state.diffs, table, row, ind)
        check_formulas(state, table, row)
        reports.append(_indicator(state, table, row, by_ind[ind.id]))
    return reports


def _plan_context(state: CheckContext, diffs: Diffs, table: Table, row: Row, ind: Indicator) -> None:
    """The read-only cells the plan filled in (name, kind, target, baseline), against the plan."""
    name = table.get("name", row.row)
    if "name" in table.columns and norm(name or "") != norm(ind.name):
        plan_item_changed(state, diffs, table, row, "name", name, ind.name, tv.ITEM_INDICATOR)
    kind = table.get("kind", row.row)
    if "kind" in table.columns and not vals.is_blank(kind) and \
            norm(str(kind).splitlines()[0]) != norm(tc.VALUE_KIND[ind.kind]):
        # Another kind of value: what the unit typed may not be a value of the new kind (a migration).
        diffs.kind_changed.append(ind.id)
        state.add("plan-kind-changed", table.sheet.name, table.cell("kind", row.row),
                  field=layout.INDICATOR_COLUMNS["kind"], item_id=ind.id, found=str(kind).splitlines()[0],
                  expected=tc.VALUE_KIND[ind.kind])
        return
    for key, value in (("target", ind.target), ("baseline", ind.baseline)):
        if key in table.columns:
            raw = table.get(key, row.row)
            if not _same_value(raw, value, ind.kind):
                plan_item_changed(state, diffs, table, row, key, raw, vals.format_value(value, ind.kind) or None,
                                  tv.ITEM_INDICATOR)


def _indicator(state: CheckContext, table: Table, row: Row, ind: Indicator) -> IndicatorReport:
    sheet, r = table.sheet.name, row.row
    headers = layout.INDICATOR_COLUMNS
    required = set(layout.required_indicator_inputs(ind, state.period))
    report = IndicatorReport(indicator_id=ind.id)

    raw = table.get("outcome", r)
    report.raw_outcome = show_raw(raw)
    cell = table.cell("outcome", r)
    if vals.is_blank(raw):
        if "outcome" in required and "outcome" in table.columns:
            missing(state, sheet, cell, "outcome", headers["outcome"], ind.id)
    else:
        report.outcome = _outcome(state, sheet, cell, raw, ind, table, row)

    raw = table.get("assessment", r)
    cell = table.cell("assessment", r)
    if vals.is_blank(raw):
        if "assessment" in required and "assessment" in table.columns:
            missing(state, sheet, cell, "assessment", headers["assessment"], ind.id)
    else:
        report.assessment = _ASSESSMENT_LABELS.get(norm(raw))
        if report.assessment is None:
            state.add("invalid-assessment", sheet, cell, field=headers["assessment"], item_id=ind.id,
                      found=show_raw(raw), expected=", ".join(tc.ASSESSMENT.values()))
    report.analysis = text_field(state, table, row, "analysis", ind.id)
    report.measures = text_field(state, table, row, "measures", ind.id)
    if report.assessment is not None and report.assessment is not Assessment.MET and not report.analysis \
            and "analysis" in table.columns:
        state.add("analysis-missing", sheet, table.cell("analysis", r), field=headers["analysis"],
                  item_id=ind.id, found=tc.ASSESSMENT[report.assessment])
    return report


def _outcome(state: CheckContext, sheet: str, cell: str, raw: Any, ind: Indicator, table: Table,
             row: Row) -> Any:
    label = layout.INDICATOR_COLUMNS["outcome"]
    shown = show_raw(raw)
    kind = ind.kind
    if kind is ValueKind.TEXT:
        text = cell_text(raw)
        text_rules(state, sheet, cell, label, ind.id, text, layout.MAX_TEXT["analysis"])
        return text
    if kind is ValueKind.YESNO:
        try:
            return vals.parse_yesno(raw.strip() if isinstance(raw, str) else raw)
        except ValueError:
            state.add("not-yes-no", sheet, cell, field=label, item_id=ind.id, found=shown,
                      expected=f"{tc.YES} / {tc.NO}")
            return None
    try:
        # A share cell is formatted as percent: a number is the fraction it shows, a text the percent typed.
        value = vals.parse_share_entry(raw) if kind is ValueKind.SHARE else vals.parse_number(raw)
    except ValueError:
        expect = {ValueKind.COUNT: tv.EXPECT_COUNT, ValueKind.SHARE: tv.EXPECT_SHARE,
                  ValueKind.AMOUNT: tv.EXPECT_AMOUNT}.get(kind, tv.EXPECT_NUMBER)
        state.add("not-a-number", sheet, cell, field=label, item_id=ind.id, found=shown, expected=expect)
        return None
    if kind is ValueKind.COUNT:
        if value < 0:
            state.add("negative", sheet, cell, field=label, item_id=ind.id,
                      found=vals.format_number(value), expected=tv.EXPECT_COUNT_RANGE)
            return None
        if vals.has_more_decimals(value, 0):
            state.add("not-whole", sheet, cell, field=label, item_id=ind.id, found=number_text(value),
                      expected=tv.EXPECT_COUNT_RANGE)
            return None
        value = float(round(value))
    if kind is ValueKind.SHARE and not (-SHARE_TOLERANCE <= value <= 1 + SHARE_TOLERANCE):
        state.add("share-out-of-range", sheet, cell, field=label, item_id=ind.id,
                  found=vals.format_value(value, kind, 6), expected=tv.EXPECT_SHARE_RANGE)
        return None
    if _too_many_decimals(state, sheet, cell, label, ind, value):
        return None
    _plausible(state, sheet, cell, label, ind, value, table, row)
    return value


def _too_many_decimals(state: CheckContext, sheet: str, cell: str, label: str, ind: Indicator,
                       value: float) -> bool:
    """A decimal number, an amount or a share (its percent number) with more decimals than the plan allows."""
    d = ind.decimals
    if d is None or ind.kind not in (ValueKind.DECIMAL, ValueKind.AMOUNT, ValueKind.SHARE):
        return False
    shown = value * 100 if ind.kind is ValueKind.SHARE else value
    if not vals.has_more_decimals(shown, d):
        return False
    state.add("too-many-decimals", sheet, cell, field=label, item_id=ind.id,
              found=vals.format_value(value, ind.kind, 6), expected=tv.decimals_expected(d),
              example=vals.format_value(round(shown, d) / (100 if ind.kind is ValueKind.SHARE else 1), ind.kind,
                                        d))
    return True


def _plausible(state: CheckContext, sheet: str, cell: str, label: str, ind: Indicator, value: float,
               table: Table, row: Row) -> None:
    for name, ref in ((tv.REFERENCE_TARGET, ind.target), (tv.REFERENCE_BASELINE, ind.baseline)):
        if isinstance(ref, (int, float)) and not isinstance(ref, bool) and ref > 0 \
                and value > PLAUSIBLE_FACTOR * ref:
            state.add("value-implausible", sheet, cell, field=label, item_id=ind.id,
                      found=vals.format_value(value, ind.kind),
                      expected=tv.EXPECT_AT_MOST.format(factor=f"{PLAUSIBLE_FACTOR:g}",
                                                        reference=vals.format_value(ref, ind.kind)),
                      reference_name=name, reference=vals.format_value(ref, ind.kind))
            break
    # Only what accumulates from January should not fall: a level (a queue, a waiting time) may.
    if ind.is_cumulative and state.period.tertial > 1:
        earlier = state.previous.get((state.unit_id, ind.id))
        if earlier is None:
            raw = table.get("previous", row.row)
            try:
                earlier = None if vals.is_blank(raw) else vals.parse_number(raw)
            except ValueError:
                earlier = None
        if earlier is not None and value < earlier:
            state.add("below-previous", sheet, cell, field=label, item_id=ind.id,
                      found=vals.format_number(value), expected=vals.format_number(earlier))


def _same_value(raw: Any, value: Any, kind: ValueKind) -> bool:
    """Whether a read-only plan value in a return (target, baseline) is the plan's value."""
    if value is None:
        if vals.is_blank(raw):
            return True
        try:
            vals.parse_value(raw, kind)
        except ValueError:
            return True  # a reason such as "Svar saknas" stands in for a missing value
        return kind is ValueKind.TEXT
    if vals.is_blank(raw):
        return False
    try:
        parsed = vals.parse_value(raw, kind)
    except ValueError:
        return False
    if isinstance(value, bool) or isinstance(parsed, bool):
        return parsed == value
    if isinstance(value, (int, float)) and isinstance(parsed, (int, float)):
        return math.isclose(float(parsed), float(value), rel_tol=1e-9, abs_tol=1e-9)
    return norm(parsed) == norm(value)
