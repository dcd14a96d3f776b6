"""The plan side of validation: what a unit's return for a period should hold.

``PlanContext`` derives from the plan, once for many files, the plan's identity, the units' fingerprints
and per unit and period the expected indicators and assignments and the formulas the generator writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from toolkit.core.errors import NplanError
from toolkit.core.model import Assignment, Indicator, Plan
from toolkit.core.periods import Period
from toolkit.returns import layout
from toolkit.returns.build import build_return
from toolkit.validate.readers import book_sheet_from_openpyxl
from toolkit.validate.tables import SHEET_COLUMNS, find_table

__all__ = ["PlanContext", "Expected", "Formulas"]

# (sheet, item id, field) -> (row in the generated workbook, formula text without "=")
Formulas = dict[tuple[str, str, str], tuple[int, str]]


@dataclass
class Expected:
    """What one unit's return for one period holds: its rows, and the generator's formulas (None when the
    generator could not build the return: then only the presence of formulas is checked)."""

    indicators: list[Indicator]
    assignments: list[Assignment]
    formulas: Formulas | None


class PlanContext:
    """The plan and what is derived from it once for many files (identity, fingerprints, expectations).

    Build one per plan and reuse it for a batch; do not change the plan while it is in use.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.identity = plan.identity()
        self.unit_ids = [u.id for u in plan.units]
        self._fingerprints: dict[str, str] = {}
        self._expected: dict[tuple[str, str], Expected] = {}
        self._shapes: dict[tuple[Any, ...], tuple[str, list[str], list[str], Formulas | None]] = {}

    def fingerprint(self, unit_id: str) -> str:
        if unit_id not in self._fingerprints:
            self._fingerprints[unit_id] = self.plan.unit_fingerprint(unit_id)
        return self._fingerprints[unit_id]

    def expected(self, unit_id: str, period: Period) -> Expected:
        key = (unit_id, str(period))
        if key not in self._expected:
            indicators = self.plan.indicators_for(unit_id, period)
            # The plan's first assignment of each id, as the rows of the return are matched by id.
            assignments = [found for a in self.plan.assignments_for(unit_id, period)
                           if (found := self.plan.assignment(a.id)) is not None]
            assignment_ids = [a.id for a in assignments]
            self._expected[key] = Expected(indicators, assignments,
                                           self._formulas(unit_id, period, indicators, assignment_ids))
        return self._expected[key]

    def _formulas(self, unit_id: str, period: Period, indicators: list[Indicator],
                  assignment_ids: list[str]) -> Formulas | None:
        """The generator's formulas for this unit. Returns of the same shape (period; kind, decimals and
        required inputs of each indicator row; number of assignments) carry the same formulas row by row, so
        the generator runs once per shape, not once per unit: with hundreds of units that is most of the cost."""
        shape = (str(period),
                 tuple((i.kind, i.decimals, layout.required_indicator_inputs(i, period)) for i in indicators),
                 len(assignment_ids), self.plan.budget.frame_of(unit_id) is not None)
        if shape not in self._shapes:
            self._shapes[shape] = (unit_id, [i.id for i in indicators], assignment_ids,
                                   _generated_formulas(self.plan, unit_id, period, self.identity))
        first_unit, first_indicators, first_assignments, formulas = self._shapes[shape]
        if formulas is None or first_unit == unit_id:
            return formulas
        ids = {layout.SHEET_INDICATORS: dict(zip(first_indicators, (i.id for i in indicators))),
               layout.SHEET_ASSIGNMENTS: dict(zip(first_assignments, assignment_ids)),
               layout.SHEET_ECONOMY: {first_unit: unit_id}}
        return {(sheet, ids.get(sheet, {}).get(item, item), field_key): value
                for (sheet, item, field_key), value in formulas.items()}


def _generated_formulas(plan: Plan, unit_id: str, period: Period, plan_identity: str) -> Formulas | None:
    """The formulas the generator writes into this unit's return, by sheet, item id and field.

    None when the generator cannot build the return (then only the presence of formulas is checked).
    """
    try:
        wb = build_return(plan, unit_id, period, now=dt.datetime(plan.year, 1, 1, tzinfo=dt.UTC),
                          plan_identity=plan_identity)
    except NplanError:
        return None
    out: Formulas = {}
    for sheet_name in SHEET_COLUMNS:
        if sheet_name not in wb.sheetnames:
            continue
        sheet = book_sheet_from_openpyxl(wb[sheet_name])
        table = find_table(sheet, sheet_name)
        if table is None:
            continue
        for row in table.rows:
            for key, col in table.columns.items():
                text = sheet.formulas.get((row.row, col))
                if text is not None:
                    out[(sheet_name, row.item_id, key)] = (row.row, text)
    return out
