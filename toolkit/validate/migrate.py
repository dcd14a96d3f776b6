"""Migrating a filled return to a new version of the plan (``nplan returns migrate``): nobody retypes.

The filled file is read once with python-calamine (the validator's reader) and its rows found by their ids. A
fresh return of the new plan version is built for the same unit and period (``toolkit.returns.build``), and
every entry that still holds is written into it as openpyxl cells, as the simulated units write them (text as
text, numbers as numbers; ``toolkit.returns.simulate.fill_workbook``):

  - every input of a row whose id is in both versions (outcome, own assessment, analysis, measures; status and
    comment; the economy row's outcome, forecast, comment and events);
  - but not the outcome of an indicator whose kind of value changed: a number typed as a count means something
    else in a share cell (40 would show as 4 000 %), so the unit types it again; the mark says what it was;
  - the column "Tidigare rapporterat i år" as the old return showed it.

Rows that are new for the unit, and rows whose kind of value changed, are marked for the unit: the id cell
filled in the palette's attention colour and a word in a column "Ändring i planen" beside Kontroll (a colour
never alone). The Start sheet says that the return was carried over. What cannot be carried (rows no longer
in the plan, outcomes that do not fit a new kind) is listed in the result, with the values, for the controller.
The filled file is never changed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment

from toolkit import excel
from toolkit.core import values as vals
from toolkit.core.errors import os_reason
from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.returns import layout
from toolkit.returns.build import build_return, return_file_name
from toolkit.returns.simulate import fill_workbook
from toolkit.texts import common as tc
from toolkit.texts import returns as tr
from toolkit.validate import files as filecheck
from toolkit.validate.check_identity import read_identity
from toolkit.validate.context import Findings
from toolkit.validate.expected import PlanContext
from toolkit.validate.readers import Book, ReadError, read_calamine
from toolkit.validate.tables import SHEET_COLUMNS, SHEET_INPUTS, Table, cell_text, find_table, norm

__all__ = ["Migrated", "migrate_return"]

MARK_HEADER = tr.MIGRATED_HEADER


@dataclass
class Migrated:
    """One filled return carried over to the new plan version (``workbook`` is None when it could not be)."""

    source: Path
    unit_id: str = ""
    period: Period | None = None
    workbook: Workbook | None = field(default=None, repr=False)
    file_name: str = ""  # the new return's standard name
    carried: int = 0  # input cells carried over
    new_rows: list[str] = field(default_factory=list)  # ids of rows new for the unit (to fill in)
    changed_rows: list[str] = field(default_factory=list)  # ids of indicators with another kind of value
    previous_outcomes: dict[str, str] = field(default_factory=dict)  # their outcomes, not carried
    dropped: list[str] = field(default_factory=list)  # what could not be carried, in Swedish, with the value
    problem: str = ""  # why nothing was written


def migrate_return(path: str | os.PathLike[str], plan: Plan | PlanContext, *, deadline: dt.date | None = None,
                   now: dt.datetime | None = None) -> Migrated:
    """The new return for the unit and period of the filled return at ``path``, with its entries carried over
    (see the module docstring). Never raises for a bad file: ``Migrated.problem`` says why."""
    ctx = plan if isinstance(plan, PlanContext) else PlanContext(plan)
    source = Path(path)
    out = Migrated(source)
    book = _read(source, out)
    if book is None:
        return out
    found = Findings(str(source))
    identity = read_identity(book, ctx, found, None)
    if identity is None or not identity.has_sheet:
        out.problem = found.items[0].message if found.items else tr.MIGRATE_NOT_A_RETURN.format(file=source.name)
        return out
    out.unit_id, out.period = identity.unit_id, identity.period
    if identity.period.year != ctx.plan.year:
        out.problem = tr.MIGRATE_OTHER_YEAR.format(file=source.name, period=identity.period, year=ctx.plan.year)
        return out
    old = {kind: _entries(book, kind) for kind in SHEET_COLUMNS}
    values, previous = _carry(ctx.plan, identity.unit_id, identity.period, old, out)
    wb = build_return(ctx.plan, identity.unit_id, identity.period, deadline=deadline, now=now, previous=previous,
                      plan_identity=ctx.identity)
    fill_workbook(wb, values)
    _mark(wb, out)
    out.workbook = wb
    out.file_name = return_file_name(ctx.plan, identity.unit_id, identity.period)
    return out


# --------------------------------------------------------------------------------------------
# Reading the filled return
# --------------------------------------------------------------------------------------------

@dataclass
class _Row:
    inputs: dict[str, Any]  # input key -> the cell as the unit left it (blank cells left out)
    kind: str = ""  # the kind of value the return showed (indicators), normalized
    previous: Any = None


def _read(source: Path, out: Migrated) -> Book | None:
    try:
        data = filecheck.read_regular(source)
    except filecheck.NotRegularFile as exc:
        out.problem = tr.MIGRATE_NOT_A_FILE.format(file=source.name, kind=exc.kind)
        return None
    except filecheck.FileTooLarge as exc:
        out.problem = filecheck.too_large_finding(exc.size, str(source)).message
        return None
    except OSError as exc:
        out.problem = tr.MIGRATE_CANNOT_READ.format(file=source.name, reason=os_reason(exc))
        return None
    check = filecheck.check_bytes(source.name, data, file=str(source))
    if not check.readable:
        out.problem = check.findings[0].message if check.findings else tr.MIGRATE_NOT_A_RETURN.format(
            file=source.name)
        return None
    try:
        return read_calamine(data, check.zip, check.workbook_part)
    except ReadError as exc:
        out.problem = tr.MIGRATE_CANNOT_READ.format(file=source.name, reason=exc)
        return None


def _entries(book: Book, kind: str) -> dict[str, _Row]:
    """Id -> what the unit entered on that row of the input sheet ``kind`` (the first row of an id)."""
    sheet = book.sheet(kind)
    table = find_table(sheet, kind) if sheet is not None else None
    if table is None:
        return {}
    out: dict[str, _Row] = {}
    for row in table.rows:
        if row.item_id in out:
            continue
        inputs = {key: raw for key in SHEET_INPUTS[kind] if not vals.is_blank(raw := table.get(key, row.row))
                  and (row.row, table.columns.get(key)) not in table.sheet.formulas}
        out[row.item_id] = _Row(inputs, _kind_text(table, row.row), table.get("previous", row.row))
    return out


def _kind_text(table: Table, row: int) -> str:
    raw = table.get("kind", row)
    return norm(str(raw).splitlines()[0]) if not vals.is_blank(raw) else ""


# --------------------------------------------------------------------------------------------
# What is carried
# --------------------------------------------------------------------------------------------

def _carry(plan: Plan, unit_id: str, period: Period, old: Mapping[str, dict[str, _Row]],
           out: Migrated) -> tuple[dict[str, Any], dict[tuple[str, str], Any]]:
    """The values for ``fill_workbook`` and the "reported earlier" column; notes what is new, changed, dropped."""
    indicators: dict[str, dict[str, Any]] = {}
    previous: dict[tuple[str, str], Any] = {}
    rows = old[layout.SHEET_INDICATORS]
    for ind in plan.indicators_for(unit_id, period):
        before = rows.get(ind.id)
        if before is None:
            out.new_rows.append(ind.id)
            continue
        if before.previous is not None and not vals.is_blank(before.previous):
            previous[(unit_id, ind.id)] = before.previous
        entry = dict(before.inputs)
        if before.kind and before.kind != norm(tc.VALUE_KIND[ind.kind]):
            out.changed_rows.append(ind.id)
            raw = entry.pop("outcome", None)
            if raw is not None:
                out.previous_outcomes[ind.id] = cell_text(raw)
                out.dropped.append(tr.MIGRATE_DROPPED_OUTCOME.format(item=ind.id, value=cell_text(raw),
                                                                     kind=tc.VALUE_KIND[ind.kind]))
        indicators[ind.id] = entry
    assignments: dict[str, dict[str, Any]] = {}
    rows_a = old[layout.SHEET_ASSIGNMENTS]
    for a in plan.assignments_for(unit_id, period):
        before = rows_a.get(a.id)
        if before is None:
            out.new_rows.append(a.id)
            continue
        assignments[a.id] = dict(before.inputs)
    due = {i.id for i in plan.indicators_for(unit_id, period)} | {a.id for a in plan.assignments_for(unit_id, period)}
    for kind in (layout.SHEET_INDICATORS, layout.SHEET_ASSIGNMENTS):
        for item_id, before in old[kind].items():
            if item_id not in due and before.inputs:
                shown = "; ".join(f"{SHEET_COLUMNS[kind][k]}: {cell_text(v)}" for k, v in before.inputs.items())
                out.dropped.append(tr.MIGRATE_DROPPED_ROW.format(item=item_id, values=shown))
    economy = dict(old[layout.SHEET_ECONOMY].get(unit_id, _Row({})).inputs)
    out.carried = (sum(len(v) for v in indicators.values()) + sum(len(v) for v in assignments.values())
                   + len(economy))
    return {"indicators": indicators, "assignments": assignments, "economy": economy}, previous


# --------------------------------------------------------------------------------------------
# Marking what the unit must look at
# --------------------------------------------------------------------------------------------

def _mark(wb: Workbook, out: Migrated) -> None:
    """The new and changed rows: the id cell filled and a word beside Kontroll; a note on the Start sheet."""
    fill = excel.solid_fill(excel.ATTENTION)
    words = {i: tr.MIGRATED_NEW for i in out.new_rows}
    for i in out.changed_rows:
        before = out.previous_outcomes.get(i)
        words[i] = tr.MIGRATED_KIND_WAS.format(value=before) if before is not None else tr.MIGRATED_KIND
    for kind in (layout.SHEET_INDICATORS, layout.SHEET_ASSIGNMENTS):
        ws = wb[kind]
        columns = SHEET_COLUMNS[kind]
        header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == columns["id"])
        # Right of Kontroll and of the hidden helper columns the return's own check uses.
        helpers = layout.INDICATOR_HELPERS if kind == layout.SHEET_INDICATORS else layout.ASSIGNMENT_HELPERS
        mark_col = len(columns) + len(helpers) + 1
        marked = False
        for r in range(header + 1, ws.max_row + 1):
            word = words.get(str(ws.cell(r, 1).value))
            if word is None:
                continue
            ws.cell(r, 1).fill = fill
            cell = excel.set_text(ws.cell(r, mark_col), word)
            cell.fill = fill
            cell.alignment = excel.WRAP
            marked = True
        if marked:
            head = excel.set_text(ws.cell(header, mark_col), MARK_HEADER)
            head.font, head.fill = excel.HEADER_FONT, excel.HEADER_FILL
            head.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[excel.col(mark_col)].width = 30
    start = wb[layout.SHEET_START]
    note = tr.MIGRATED_NOTE.format(carried=out.carried)
    if out.new_rows or out.changed_rows:
        note += " " + tr.MIGRATED_NOTE_MARKED.format(header=MARK_HEADER)
    cell = excel.set_text(start["A3"], note)
    cell.font = excel.WARN_FONT
