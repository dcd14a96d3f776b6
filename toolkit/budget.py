"""The budget chapters 5.1-5.4: the rules that connect them, checked in Python.

The master computes the same rules with live formulas (sheet 5.4) so that finance can follow them in
Excel; this module is what ``nplan plan check`` and ``nplan budget check`` report from.

Net cost growth is this year's distributed frames against last year's forecast (5.2), as a fraction:
sum(frames) / sum(prior forecasts) - 1. It must not exceed the committee's ceiling.
"""

from __future__ import annotations

from typing import Any

from toolkit import findings as fnd
from toolkit.findings import Finding
from toolkit.model import Plan, Source
from toolkit.texts import master as tm
from toolkit.values import format_number

TOLERANCE_TKR = 0.5  # amounts are whole tkr; anything below half a tkr is rounding


def check_budget(plan: Plan, file_name: str = "") -> list[Finding]:
    """Findings for the budget rules, each at the cell a controller must change."""
    b = plan.budget
    out: list[Finding] = []
    unit_ids = {u.id for u in plan.units}

    def add(code: str, src: Source | None, field_name: str = "", **kw: Any) -> None:
        out.append(fnd.make(code, file=file_name, sheet=src.sheet if src else "",
                            cell=src.cell(field_name) if src else "", **kw))

    def add_at(code: str, where: str, **kw: Any) -> None:
        sheet, _, cell = where.rpartition("!")
        out.append(fnd.make(code, file=file_name, sheet=sheet, cell=cell, **kw))

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

    seen: dict[str, Source | None] = {}
    for f in b.frames:
        if f.unit in seen:
            add("duplicate-id", f.source, "unit", field=tm.HEADERS["Budgetramar"]["unit"], item_id=f.unit,
                found=f.unit, first=seen[f.unit].cell("unit") if seen[f.unit] else "")
        seen[f.unit] = f.source

    if plan.units and (b.frames or b.total_frame_tkr is not None):
        for u in plan.units:
            if u.id not in seen:
                add("unit-without-frame", u.source, "id", field=tm.HEADERS["Verksamheter"]["id"], item_id=u.id,
                    found=u.id)
        for f in b.frames:
            if f.unit in unit_ids and f.frame_tkr is None:
                add("missing-value", f.source, "frame_tkr", field=tm.HEADERS["Budgetramar"]["frame_tkr"],
                    item_id=f.unit)

    for f in b.frames:
        if f.previous_tkr is None or f.frame_tkr is None:
            continue
        changes = sum(c.amount_tkr or 0.0 for c in b.changes_of(f.unit))
        expected = f.previous_tkr + changes
        if abs(f.frame_tkr - expected) >= TOLERANCE_TKR:
            add("frame-not-previous-plus-changes", f.source, "frame_tkr",
                field=tm.HEADERS["Budgetramar"]["frame_tkr"], item_id=f.unit, found=format_number(f.frame_tkr),
                expected=format_number(expected), previous=format_number(f.previous_tkr),
                changes=format_number(changes))

    total_cell = b.cells.get("total_frame_tkr", "")
    if b.frames and b.total_frame_tkr is None:
        if total_cell:
            add_at("missing-value", total_cell, field=tm.BUDGET_PARAMETERS["total_frame_tkr"])
    elif b.total_frame_tkr is not None and abs(b.sum_frames - b.total_frame_tkr) >= TOLERANCE_TKR:
        add_at("frames-do-not-add-up", total_cell or f"{tm.SHEET_FRAMES}!B5",
               field=tm.BUDGET_PARAMETERS["total_frame_tkr"], found=format_number(b.sum_frames),
               expected=format_number(b.total_frame_tkr),
               difference=format_number(b.sum_frames - b.total_frame_tkr))

    growth = b.net_cost_growth
    ceiling_cell = b.cells.get("net_cost_ceiling", f"{tm.SHEET_FRAMES}!B6")
    if growth is not None and b.net_cost_ceiling is not None and growth > b.net_cost_ceiling + 1e-9:
        add_at("net-cost-above-ceiling", ceiling_cell, field=tm.BUDGET_PARAMETERS["net_cost_ceiling"],
               found=f"{format_number(growth * 100, 2)} %", expected=f"högst {format_number(b.net_cost_ceiling * 100, 2)} %")
    return out
