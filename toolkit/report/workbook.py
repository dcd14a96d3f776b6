"""The committee's report workbook, written from a ``Consolidation``.

Sheets (Swedish names in ``toolkit.texts.consolidate``): a summary with counts per status per goal, the
budget total, the returns' status and two native charts (``workbook_summary``); goals and indicators in
the plan's order with each unit's analysis (beside each outcome the same period last year, and at T3 the year's
series), and per unit (``workbook_goals``); the year-end outcomes of every year the history holds
(``workbook_years``); assignments and economy
with live formulas (``workbook_follow_up``); submissions, the long data table as an Excel table and a
sheet that states how every number is computed (``workbook_data``). ``workbook_cells`` writes the cells.

Text that came from a unit or the controller is always written as text (``excel.set_text``). Statuses
are a fill colour AND a word. The same consolidation and ``generated_at`` give the same content.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from openpyxl import Workbook

from toolkit import excel
from toolkit.core.model import Plan
from toolkit.report.consolidate import Consolidation
from toolkit.report.wording import report_title
from toolkit.report.workbook_data import write_about, write_data, write_submissions
from toolkit.report.workbook_follow_up import write_assignments, write_economy
from toolkit.report.workbook_goals import write_goals, write_units
from toolkit.report.workbook_summary import write_summary
from toolkit.report.workbook_years import write_years
from toolkit.texts import consolidate as tx


def write_report(consolidation: Consolidation, plan: Plan, path: str | os.PathLike[str], *,
                 generated_at: dt.datetime | None = None) -> Path:
    """Write the report workbook atomically; ``generated_at`` pins the one time written in a cell."""
    wb = build_report(consolidation, plan, generated_at=generated_at)
    return excel.save_workbook(wb, path)


def build_report(c: Consolidation, plan: Plan, *, generated_at: dt.datetime | None = None) -> Workbook:
    when = generated_at or dt.datetime.now().replace(microsecond=0)
    wb = Workbook()
    wb._nplan_styles = {}  # type: ignore[attr-defined]  # see workbook_cells.style_cell
    summary = excel.active_sheet(wb)
    summary.title = tx.SHEET_SUMMARY
    goals_ws = wb.create_sheet(tx.SHEET_GOALS)
    years_ws = wb.create_sheet(tx.SHEET_YEARS)
    units_ws = wb.create_sheet(tx.SHEET_UNITS)
    assignments_ws = wb.create_sheet(tx.SHEET_ASSIGNMENTS)
    economy_ws = wb.create_sheet(tx.SHEET_ECONOMY)
    submissions_ws = wb.create_sheet(tx.SHEET_SUBMISSIONS)
    data_ws = wb.create_sheet(tx.SHEET_DATA)
    about_ws = wb.create_sheet(tx.SHEET_ABOUT)

    economy_cells = write_economy(economy_ws, c)
    write_summary(summary, c, when, economy_ws, economy_cells)
    write_goals(goals_ws, c, plan)
    write_years(years_ws, c)
    write_units(units_ws, c, plan)
    write_assignments(assignments_ws, c)
    write_submissions(submissions_ws, c)
    write_data(data_ws, c)
    write_about(about_ws, c, plan)
    # Pin the document properties as well, so that the same inputs give the same file content.
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "nplan"
    del wb._nplan_styles  # type: ignore[attr-defined]
    wb.properties.title = report_title(c)
    return wb
