"""The budget chapters 5.1-5.4: the rules that connect them, checked in Python.

The master computes the same rules with live formulas (sheet 5.4) so that finance can follow them in
Excel; this module is what ``nplan plan check`` and ``nplan budget check`` report from, and
``summarize_budget`` gives the figures those formulas show (the budget report and the tests compare them).

Rules, each a finding at the cell a controller must change:
- the distributed frames add up to the committee's total frame (``frames-do-not-add-up``);
- every unit has a frame (``unit-without-frame``) and every row of 5.1-5.4 names a known unit
  (``budget-unknown-unit``);
- a unit's frame is last year's frame plus its budget changes (``frame-not-previous-plus-changes``);
- net cost growth does not exceed the committee's ceiling (``net-cost-above-ceiling``);
- amounts are numbers (``amount-not-number``, found by the master reader).

Net cost growth is this year's distributed frames against last year's forecast (5.2), as a fraction:
sum(frames) / sum(prior forecasts) - 1. It must not exceed the committee's ceiling.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.core import findings as fnd
from toolkit.core.findings import Finding
from toolkit.core.model import Budget, Frame, Plan, Source
from toolkit.core.values import format_number
from toolkit.plan.read import open_workbook, read_master_workbook
from toolkit.texts import budget as tb
from toolkit.texts import master as tm

TOLERANCE_TKR = 0.5  # amounts are whole tkr; anything below half a tkr is rounding
# The ceiling comparison allows the same slack as the master's formula (growth <= ceiling + 0.00001).
CEILING_TOLERANCE = 0.00001

# The master's tables that hold the budget (and the unit list the budget refers to).
BUDGET_TABLES = ("Atgarder", "Arsprognos", "Budgetforandringar", "Budgetramar", "Budgetparametrar",
                 "Verksamheter")


def check_budget(plan: Plan, file_name: str = "", already: list[Finding] | None = None) -> list[Finding]:
    """Findings for the budget rules, each at the cell a controller must change.

    ``already`` are the reader's findings: a cell that could not be read is not reported again as empty.
    """
    b = plan.budget
    out: list[Finding] = []
    unit_ids = {u.id for u in plan.units}
    known_bad = {(f.sheet, f.cell) for f in already or ()}

    def add(code: str, src: Source | None, field_name: str = "", **kw: Any) -> None:
        out.append(fnd.make(code, file=file_name, sheet=src.sheet if src else "",
                            cell=src.cell(field_name) if src else "", **kw))

    def add_at(code: str, where: str, **kw: Any) -> None:
        sheet, _, cell = where.rpartition("!")
        out.append(fnd.make(code, file=file_name, sheet=sheet, cell=cell, **kw))

    def unreadable(src: Source | None, field_name: str) -> bool:
        return src is not None and (src.sheet, src.cell(field_name)) in known_bad

    for label, items, field_name in (
        (tm.HEADERS["Atgarder"]["unit"], b.measures, "unit"),
        (tm.HEADERS["Arsprognos"]["unit"], b.prior_forecasts, "unit"),
        (tm.HEADERS["Budgetforandringar"]["unit"], b.changes, "unit"),
        (tm.HEADERS["Budgetramar"]["unit"], b.frames, "unit"),
    ):
        for item in items:
            if item.unit and item.unit not in unit_ids:
                add("budget-unknown-unit", item.source, field_name, field=label, item_id=item.unit,
                    found=item.unit, expected=", ".join(sorted(unit_ids)))
            elif not item.unit:
                add("missing-value", item.source, field_name, field=label)

    for items, label in ((b.frames, tm.HEADERS["Budgetramar"]["unit"]),
                         (b.prior_forecasts, tm.HEADERS["Arsprognos"]["unit"])):
        seen_at: dict[str, Source | None] = {}
        for item in items:
            if not item.unit:
                continue
            if item.unit in seen_at:
                first = seen_at[item.unit]
                add("duplicate-id", item.source, "unit", field=label, item_id=item.unit, found=item.unit,
                    first=first.cell("unit") if first else "")
            else:
                seen_at[item.unit] = item.source
    framed = {f.unit for f in b.frames}

    if plan.units and (b.frames or b.total_frame_tkr is not None):
        for u in plan.units:
            if u.id not in framed:
                add("unit-without-frame", u.source, "id", field=tm.HEADERS["Verksamheter"]["id"],
                    item_id=u.id, found=u.id)
        for f in b.frames:
            if f.unit in unit_ids and f.frame_tkr is None and not unreadable(f.source, "frame_tkr"):
                add("missing-value", f.source, "frame_tkr", field=tm.HEADERS["Budgetramar"]["frame_tkr"],
                    item_id=f.unit)

    for f in b.frames:
        if f.previous_tkr is None or f.frame_tkr is None:
            continue
        changes = changes_sum(b, f.unit)
        expected = f.previous_tkr + changes
        if abs(f.frame_tkr - expected) >= TOLERANCE_TKR:
            add("frame-not-previous-plus-changes", f.source, "frame_tkr",
                field=tm.HEADERS["Budgetramar"]["frame_tkr"], item_id=f.unit,
                found=format_number(f.frame_tkr), expected=format_number(expected),
                previous=format_number(f.previous_tkr), changes=format_number(changes))

    total_cell = b.cells.get("total_frame_tkr", "")
    if b.frames and b.total_frame_tkr is None:
        if total_cell and total_cell.rpartition("!")[::2] not in known_bad:
            add_at("missing-value", total_cell, field=tm.BUDGET_PARAMETERS["total_frame_tkr"])
    elif b.total_frame_tkr is not None and abs(b.sum_frames - b.total_frame_tkr) >= TOLERANCE_TKR:
        add_at("frames-do-not-add-up", total_cell or f"{tm.SHEET_FRAMES}!B5",
               field=tm.BUDGET_PARAMETERS["total_frame_tkr"], found=format_number(b.sum_frames),
               expected=format_number(b.total_frame_tkr),
               difference=format_number(b.sum_frames - b.total_frame_tkr))

    growth = b.net_cost_growth
    ceiling_cell = b.cells.get("net_cost_ceiling", f"{tm.SHEET_FRAMES}!B6")
    if b.frames and any(f.frame_tkr is not None for f in b.frames):
        if b.net_cost_ceiling is None and ceiling_cell.rpartition("!")[::2] not in known_bad:
            add_at("net-cost-ceiling-missing", ceiling_cell, field=tm.BUDGET_PARAMETERS["net_cost_ceiling"])
        if growth is None:
            where = b.prior_forecasts[0].source if b.prior_forecasts else None
            if where is not None:
                add("net-cost-not-checkable", where, "forecast_tkr",
                    field=tm.HEADERS["Arsprognos"]["forecast_tkr"])
            else:
                add_at("net-cost-not-checkable", ceiling_cell, field=tm.BUDGET_PARAMETERS["net_cost_ceiling"])
        else:
            forecast_units = {p.unit for p in b.prior_forecasts}
            for f in b.frames:
                if f.unit in unit_ids and f.previous_tkr is not None and f.unit not in forecast_units:
                    add("prior-forecast-missing", f.source, "unit", field=tm.HEADERS["Arsprognos"]["unit"],
                        item_id=f.unit)
    ceiling = b.net_cost_ceiling
    if growth is not None and ceiling is not None and growth > ceiling + CEILING_TOLERANCE:
        add_at("net-cost-above-ceiling", ceiling_cell, field=tm.BUDGET_PARAMETERS["net_cost_ceiling"],
               found=f"{format_number(growth * 100, 2)} %",
               expected=tb.AT_MOST.format(limit=f"{format_number(ceiling * 100, 2)} %"))
    return out


def changes_sum(b: Budget, unit_id: str) -> float:
    """The sum of a unit's budget changes (5.3), matched as the master's SUMIFS does (case-insensitive)."""
    key = unit_id.casefold()
    return sum(c.amount_tkr or 0.0 for c in b.changes if c.unit.casefold() == key)


# --------------------------------------------------------------------------------------------
# The figures the master's formulas show on sheet 5.4, computed in Python
# --------------------------------------------------------------------------------------------

@dataclass
class FrameRow:
    """One row of the frames table with its formula columns."""

    unit: str
    previous_tkr: float | None
    changes_tkr: float
    computed_tkr: float | None  # previous + changes; None when there is no previous frame
    frame_tkr: float | None
    check: str  # "OK", "Avviker" or "" (nothing to compare)


@dataclass
class BudgetSummary:
    """The summary block of sheet 5.4, as its formulas compute it (None where the formula shows "")."""

    sum_frames: float
    total_frame_tkr: float | None
    difference: float
    frames_check: str
    sum_prior_forecasts: float
    net_cost_growth: float | None
    net_cost_ceiling: float | None
    net_cost_check: str  # "OK", "Över taket" or "" (growth or ceiling missing)
    sum_measures: float
    rows: list[FrameRow] = field(default_factory=list)

    @property
    def frame_rows_off(self) -> int:
        return sum(r.check == tm.CHECK_ROW_BAD for r in self.rows)


def frame_row(b: Budget, f: Frame) -> FrameRow:
    changes = changes_sum(b, f.unit)
    computed = None if f.previous_tkr is None else f.previous_tkr + changes
    if computed is None or f.frame_tkr is None:
        check = ""
    else:
        check = tm.CHECK_OK if abs(f.frame_tkr - computed) < TOLERANCE_TKR else tm.CHECK_ROW_BAD
    return FrameRow(f.unit, f.previous_tkr, changes, computed, f.frame_tkr, check)


def summarize_budget(b: Budget) -> BudgetSummary:
    """What the master's sheet 5.4 shows, computed the way its formulas compute it."""
    difference = b.sum_frames - (b.total_frame_tkr or 0.0)
    growth = b.net_cost_growth
    if growth is None or b.net_cost_ceiling is None:
        net_check = ""
    else:
        net_check = tm.CHECK_OK if growth <= b.net_cost_ceiling + CEILING_TOLERANCE else tm.CHECK_NET_COST_BAD
    return BudgetSummary(
        sum_frames=b.sum_frames,
        total_frame_tkr=b.total_frame_tkr,
        difference=difference,
        frames_check=tm.CHECK_OK if abs(difference) < TOLERANCE_TKR else tm.CHECK_FRAMES_BAD,
        sum_prior_forecasts=b.sum_prior_forecasts,
        net_cost_growth=growth,
        net_cost_ceiling=b.net_cost_ceiling,
        net_cost_check=net_check,
        sum_measures=sum(m.amount_tkr or 0.0 for m in b.measures),
        rows=[frame_row(b, f) for f in b.frames],
    )


# --------------------------------------------------------------------------------------------
# Checking a master file
# --------------------------------------------------------------------------------------------

@dataclass
class BudgetCheck:
    """The result of ``check_budget_file``: the plan that was read and the budget's findings."""

    plan: Plan
    read: list[Finding]  # the reader's findings on the budget's sheets (values that could not be read)
    rules: list[Finding]  # the budget rules' findings

    @property
    def findings(self) -> list[Finding]:
        return self.read + self.rules

    @property
    def valid(self) -> bool:
        return not any(f.is_error for f in self.findings)


def check_budget_file(path: str | os.PathLike[str], tables: tuple[str, ...] = BUDGET_TABLES) -> BudgetCheck:
    """Read a master and check its budget chapter: the reader's findings on the sheets of ``tables``
    (amounts that are not numbers, missing tables or columns) and every budget rule.

    Raises WorkbookError only when the file cannot be opened as a workbook at all.
    """
    p = Path(path)
    wb = open_workbook(p)
    plan, read = read_master_workbook(wb, p.name)
    wanted = {n.casefold() for n in tables}
    sheets = {ws.title for ws in wb.worksheets
              for t in ws.tables.values() if t.displayName.casefold() in wanted}
    budget_read = [f for f in read
                   if f.sheet in sheets or (f.code == "missing-table" and f.expected.casefold() in wanted)]
    return BudgetCheck(plan, budget_read, check_budget(plan, p.name, read))
