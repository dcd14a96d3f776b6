"""Simulated units: fill generated returns as a unit would, for tests and the demo.

``fill_return`` writes inputs into a copy of a generated return (``fill_workbook`` into an open one, as
``nplan returns migrate`` does), finding rows by their id and columns by
their header text (never by coordinates). It writes exactly what it is given, as a unit's Excel would
store it: text as text (never run as a formula, so "1 234", "40 %", "ja" or "=1+1" stay text for the
validator to judge), numbers as numbers, None clears a cell. ``plausible_values`` makes deterministic,
plausible inputs for one unit and period.
"""

from __future__ import annotations

import os
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import (
    Aggregation,
    Assessment,
    AssignmentStatus,
    Direction,
    Indicator,
    Plan,
    ValueKind,
)
from toolkit.core.periods import Period
from toolkit.returns import layout
from toolkit.texts import common as tc
from toolkit.texts import returns as tr

# How far through the year a period's outcome runs (cumulative counts grow with it).
PROGRESS = {1: 4 / 12, 2: 8 / 12, 3: 1.0}


def fill_return(src: str | os.PathLike[str], dst: str | os.PathLike[str],
                values: Mapping[str, Mapping[str, Any]]) -> Path:
    """Write ``values`` into a copy of the return ``src`` at ``dst`` (``src`` is never modified).

    ``values`` = {"indicators": {id: {"outcome": ..., "assessment": ..., "analysis": ..., "measures": ...}},
    "assignments": {id: {"status": ..., "comment": ...}}, "economy": {"outcome_tkr": ..., "forecast_tkr": ...,
    "comment": ..., "events": ...}}; any part may be left out. Raises ValueError for an id or field that
    the return does not have.
    """
    source, target = Path(src), Path(dst)
    if target.exists() and target.resolve() == source.resolve():
        raise ValueError(f"fill_return would overwrite its source {source}")
    wb = load_workbook(source)
    fill_workbook(wb, values)
    if target.resolve() == source.resolve():  # pragma: no cover - caught above
        raise ValueError(f"fill_return would overwrite its source {source}")
    return excel.save_workbook(wb, target)


def fill_workbook(wb: Workbook, values: Mapping[str, Mapping[str, Any]]) -> Workbook:
    """Write ``values`` (as ``fill_return`` takes them) into an open return workbook, as openpyxl cells: text
    as text (never a formula), numbers as numbers, None clears a cell. Raises ValueError for an id or field
    the return does not have."""
    sheets = (
        ("indicators", layout.SHEET_INDICATORS, layout.INDICATOR_COLUMNS, layout.INDICATOR_INPUTS),
        ("assignments", layout.SHEET_ASSIGNMENTS, layout.ASSIGNMENT_COLUMNS, layout.ASSIGNMENT_INPUTS),
    )
    for part, sheet, columns, inputs in sheets:
        items = values.get(part) or {}
        if not items:
            continue
        header_row, col_of, row_of = _locate(wb[sheet], columns)
        for item_id, fields in items.items():
            if str(item_id) not in row_of:
                raise ValueError(f"{sheet}: no row with id {item_id!r} (rows: {', '.join(row_of)})")
            for key, value in fields.items():
                _write(wb[sheet], row_of[str(item_id)], col_of, key, value, inputs, sheet)
    economy = values.get("economy") or {}
    if economy:
        ws = wb[layout.SHEET_ECONOMY]
        _, col_of, row_of = _locate(ws, layout.ECONOMY_COLUMNS)
        if not row_of:
            raise ValueError(f"{layout.SHEET_ECONOMY}: no data row")
        row = next(iter(row_of.values()))
        for key, value in economy.items():
            _write(ws, row, col_of, key, value, layout.ECONOMY_INPUTS, layout.SHEET_ECONOMY)
    return wb


def _locate(ws: Worksheet, columns: Mapping[str, str]) -> tuple[int, dict[str, int], dict[str, int]]:
    """The header row (first cell = the id header), field -> column, and id -> row."""
    id_header = next(iter(columns.values()))
    header_row = next((c.row for c in ws["A"] if c.value == id_header), None)
    if header_row is None:
        raise ValueError(f"{ws.title}: no header row starting with {id_header!r}")
    by_text = {str(c.value): c.column for c in ws[header_row] if c.value is not None}
    col_of = {key: by_text[text] for key, text in columns.items() if text in by_text}
    row_of: dict[str, int] = {}
    for r in range(header_row + 1, ws.max_row + 1):
        value = ws.cell(row=r, column=1).value
        if value is not None and str(value).strip():
            row_of[str(value).strip()] = r
    return header_row, col_of, row_of


def _write(ws: Worksheet, row: int, col_of: Mapping[str, int], key: str, value: Any,
           inputs: tuple[str, ...], sheet: str) -> None:
    if key not in inputs or key not in col_of:
        raise ValueError(f"{sheet}: {key!r} is not an input field (inputs: {', '.join(inputs)})")
    cell = ws.cell(row=row, column=col_of[key])
    if isinstance(value, str):
        excel.set_text(cell, value)
    else:
        cell.value = value


# --------------------------------------------------------------------------------------------
# Plausible inputs
# --------------------------------------------------------------------------------------------

def plausible_values(plan: Plan, unit_id: str, period: Period, *, seed: int = 0) -> dict[str, Any]:
    """Deterministic, plausible inputs for every required field of one unit's return.

    Values lie near the unit's share of the target (counts grow through the year), the assessment follows
    from the outcome, an analysis is written whenever the assessment is not Uppfyllt, the forecast lies
    near the frame and a comment is written when the deviation needs one. Numbers are numbers (as Excel
    stores what a unit types), shares fractions, yes/no "Ja"/"Nej".
    """
    rng = random.Random(f"{seed}:{unit_id}:{period}")
    indicators: dict[str, dict[str, Any]] = {}
    for ind in plan.indicators_for(unit_id, period):
        indicators[ind.id] = _indicator_values(ind, unit_id, period, seed)
    assignments: dict[str, dict[str, Any]] = {}
    for a in plan.assignments_for(unit_id, period):
        status = rng.choices([AssignmentStatus.STARTED, AssignmentStatus.DONE, AssignmentStatus.DELAYED],
                             weights=[6, 3, 1] if period.tertial < 3 else [2, 7, 1])[0]
        assignments[a.id] = {"status": tc.ASSIGNMENT_STATUS[status],
                             "comment": rng.choice(tr.SIM_STATUS[status])}
    return {"indicators": indicators, "assignments": assignments,
            "economy": _economy_values(plan, unit_id, period, rng)}


def _indicator_values(ind: Indicator, unit_id: str, per: Period, seed: int) -> dict[str, Any]:
    # The unit's level for the year is seeded without the period, so that cumulative counts only grow.
    year_rng = random.Random(f"{seed}:{unit_id}:{ind.id}:{per.year}")
    rng = random.Random(f"{seed}:{unit_id}:{ind.id}:{per}")
    level = year_rng.uniform(0.7, 1.3)
    # A cumulative value grows through the year; a level is the state at the period's end, which moves a little
    # from period to period.
    progress = PROGRESS[per.tertial] if ind.is_cumulative else 1.0
    if ind.is_level:
        level *= rng.uniform(0.93, 1.07)
    target = ind.target
    outcome: Any
    ratio: float  # how far the year's expected result reaches the target (1 = exactly)
    if ind.kind is ValueKind.YESNO:
        done = year_rng.random() < (0.5 + 0.5 * progress)
        outcome = tc.YES if done else tc.NO
        ratio = 1.0 if done or target is False else (0.85 if per.tertial < 3 else 0.0)
    elif ind.kind is ValueKind.SHARE:
        base = float(target) if isinstance(target, (int, float)) and not isinstance(target, bool) else 0.5
        outcome = round(min(max(base * level, 0.0), 1.0), 2)  # whole percent: within any decimals
        ratio = outcome / base if base else 1.0
    elif ind.kind is ValueKind.TEXT:
        outcome = rng.choice(tr.SIM_TEXT_OUTCOME)
        ratio = 1.0
    else:
        base = float(target) if isinstance(target, (int, float)) and not isinstance(target, bool) else 10.0
        if ind.aggregation is Aggregation.SUM and len(ind.units) > 1:
            base = base / len(ind.units)
        year_value = base * level
        if ind.kind is ValueKind.COUNT:
            outcome = max(int(round(year_value * progress)), 0)
            ratio = (outcome / progress) / base if base else 1.0
        elif ind.kind is ValueKind.DECIMAL:
            outcome = round(year_value * progress, ind.decimals or 0)
            ratio = year_value / base if base else 1.0
        else:
            outcome = round(year_value * progress)
            ratio = year_value / base if base else 1.0
    if ind.direction is Direction.LOWER and ind.kind not in (ValueKind.YESNO, ValueKind.TEXT):
        ratio = 1.0 / ratio if ratio else 2.0
    threshold = ind.partly_threshold if ind.partly_threshold is not None else 0.8
    assessment = (Assessment.MET if ratio >= 1.0 else Assessment.PARTLY if ratio >= threshold
                  else Assessment.NOT_MET)
    values: dict[str, Any] = {"outcome": outcome, "assessment": tc.ASSESSMENT[assessment]}
    if assessment is not Assessment.MET:
        values["analysis"] = rng.choice(tr.SIM_ANALYSIS[assessment])
        values["measures"] = rng.choice(tr.SIM_MEASURES)
    elif rng.random() < 0.5:
        values["analysis"] = rng.choice(tr.SIM_ANALYSIS[assessment])
    return values


def _economy_values(plan: Plan, unit_id: str, per: Period, rng: random.Random) -> dict[str, Any]:
    frame = plan.budget.frame_of(unit_id)
    frame_tkr = frame.frame_tkr if frame and frame.frame_tkr is not None else 1000.0
    forecast = round(frame_tkr * rng.uniform(0.97, 1.03))
    outcome = round(forecast * PROGRESS[per.tertial] * rng.uniform(0.95, 1.02))
    deviation = frame_tkr - forecast
    values: dict[str, Any] = {"outcome_tkr": outcome, "forecast_tkr": forecast,
                              "events": rng.choice(tr.SIM_EVENTS)}
    if abs(deviation) > plan.settings.deviation_threshold_tkr or rng.random() < 0.3:
        values["comment"] = rng.choice(tr.SIM_DEFICIT if deviation < 0 else tr.SIM_SURPLUS)
    return values
