"""The return builder: the sheets of one plan's returns for one period, in two phases."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import Assignment, Indicator, Plan, Unit
from toolkit.core.periods import Period
from toolkit.returns import layout
from toolkit.returns.items import write_assignments, write_indicators
from toolkit.returns.parts import WIDTHS, Context, PreviousValues, fit_height
from toolkit.returns.sheets import (
    economy_common,
    economy_unit,
    identity_common,
    identity_unit,
    start_common,
    start_unit,
    write_lists,
)
from toolkit.returns.styles import Styles, register_differential_styles
from toolkit.texts import returns as tr


class Builder:
    """Writes return workbooks for one plan and period.

    ``common()`` writes everything that every unit of the period shares (sheets, headers, instructions,
    lists, the economy row's formulas and validations, protection, print setup); ``unit()`` writes one
    unit's part into a workbook that holds the common part. ``create_returns`` builds the common part
    once and clones it for each unit (``toolkit.excel.clone.Skeleton``), which is much cheaper than
    constructing the same openpyxl objects again; ``build_return`` runs both on one workbook.
    """

    def __init__(self, plan: Plan, period: Period, *, deadline: dt.date | None, generated_at: dt.datetime,
                 previous: PreviousValues, plan_identity: str) -> None:
        self.ctx = Context(plan, period, deadline=deadline, generated_at=generated_at, previous=previous,
                           plan_identity=plan_identity)
        # Each unit's due items in plan order, collected in one pass over the plan.
        self.unit_indicators: dict[str, list[Indicator]] = {}
        for ind in plan.indicators:
            if ind.is_due(period):
                for uid in dict.fromkeys(ind.units):
                    self.unit_indicators.setdefault(uid, []).append(ind)
        self.unit_assignments: dict[str, list[Assignment]] = {}
        for a in plan.assignments:
            if a.is_due(period):
                for uid in dict.fromkeys(a.units):
                    self.unit_assignments.setdefault(uid, []).append(a)

    def build(self, unit: Unit) -> Workbook:
        return self.unit(self.common(), unit)

    def common(self) -> Workbook:
        ctx = self.ctx
        wb = Workbook()
        st = Styles(wb, clone_template=True)
        register_differential_styles(wb)
        start = excel.active_sheet(wb)
        start.title = layout.SHEET_START
        ind = wb.create_sheet(layout.SHEET_INDICATORS)
        asg = wb.create_sheet(layout.SHEET_ASSIGNMENTS)
        eco = wb.create_sheet(layout.SHEET_ECONOMY)
        lists = wb.create_sheet(layout.SHEET_LISTS)
        ident = wb.create_sheet(layout.SHEET_IDENTITY)
        per = ctx.period
        write_lists(wb, st, lists)
        for ws, note, headers, freeze in (
            (ind, tr.INDICATORS_NOTE[per.tertial], layout.INDICATOR_COLUMNS, "B5"),
            (asg, tr.ASSIGNMENTS_NOTE, layout.ASSIGNMENT_COLUMNS, "B5"),
            (eco, tr.ECONOMY_NOTE, layout.ECONOMY_COLUMNS, "A5"),
        ):
            st.put(ws, 2, 1, note, "note", text=True)
            for c, header in enumerate(headers.values(), start=1):
                st.put(ws, layout.HEADER_ROW, c, header, "header", text=True)
            fit_height(ws, layout.HEADER_ROW, list(headers.values()))
            excel.set_widths(ws, WIDTHS[ws.title])
            ws.freeze_panes = freeze
            excel.print_setup(ws, title_rows=f"{layout.HEADER_ROW}:{layout.HEADER_ROW}")
        economy_counts = economy_common(ctx, wb, st, eco)
        start_common(ctx, st, start, economy_counts)
        identity_common(ctx, ident)
        for ws in wb.worksheets:
            self._protect(ws)
        wb.security = WorkbookProtection(lockStructure=True)
        if ctx.password:
            wb.security.workbookPassword = ctx.password
        wb.active = 0
        wb.calculation.fullCalcOnLoad = True
        props = wb.properties
        props.creator = "nplan"
        props.created = props.modified = ctx.generated_at.replace(tzinfo=None)
        return wb

    def unit(self, wb: Workbook, unit: Unit) -> Workbook:
        ctx = self.ctx
        st = Styles(wb)
        indicators = self.unit_indicators.get(unit.id, [])
        assignments = self.unit_assignments.get(unit.id, [])
        counts = {}
        for part, found in (
            ("indicators", write_indicators(ctx, st, wb[layout.SHEET_INDICATORS], unit, indicators)),
            ("assignments", write_assignments(ctx, st, wb[layout.SHEET_ASSIGNMENTS], unit, assignments)),
        ):
            counts[f"missing_{part}"], counts[f"errors_{part}"] = found["missing"], found["errors"]
        economy_unit(ctx, st, wb[layout.SHEET_ECONOMY], unit)
        start_unit(ctx, st, wb[layout.SHEET_START], unit, counts)
        identity_unit(ctx, wb[layout.SHEET_IDENTITY], unit)
        wb.properties.title = f"{ctx.period} {unit.name}"
        return wb

    def _protect(self, ws: Worksheet) -> None:
        p = ws.protection
        p.sheet = True
        # Allowed even when protected: resizing rows and columns (long texts), selecting cells.
        p.formatColumns = False
        p.formatRows = False
        if self.ctx.password:
            p.password = self.ctx.password
