"""The master workbook: write a plan into it, read a plan (and every problem) out of it.

Every data area is an Excel table with fixed Swedish headers. The reader finds areas by table name and
header text, never by coordinates, so a controller's restyled copy (rows inserted above a table,
columns moved or widened, colours, extra sheets) reads the same.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core import findings as fnd
from toolkit.core import values as vals
from toolkit.core.errors import WorkbookError, os_reason
from toolkit.core.findings import Finding
from toolkit.core.model import (
    Aggregation,
    Assessment,
    Assignment,
    AssignmentStatus,
    Budget,
    BudgetChange,
    ChangeKind,
    Direction,
    Frame,
    Goal,
    Indicator,
    Measure,
    Plan,
    PriorForecast,
    Settings,
    Source,
    SubGoal,
    Unit,
    ValueKind,
    Verdict,
)
from toolkit.core.periods import Period, PeriodError, Periodicity, PeriodicityError, parse_periodicity
from toolkit.texts import common as tc
from toolkit.texts import master as tm

HEADER_ROW = 4  # where the writer puts table headers; the reader never assumes it
EXTRA_ROWS = 200  # validations and formula ranges reach this far below a table

# The sheet each table is written on (the reader finds tables anywhere; this names the expected place).
TABLE_SHEETS = {
    "Installningar": tm.SHEET_SETTINGS, "Mal": tm.SHEET_GOALS, "Delmal": tm.SHEET_SUB_GOALS,
    "Indikatorer": tm.SHEET_INDICATORS, "Uppdrag": tm.SHEET_ASSIGNMENTS, "Verksamheter": tm.SHEET_UNITS,
    "Bedomningar": tm.SHEET_VERDICTS, "Atgarder": tm.SHEET_MEASURES, "Arsprognos": tm.SHEET_PRIOR_FORECAST,
    "Budgetforandringar": tm.SHEET_CHANGES, "Budgetramar": tm.SHEET_FRAMES,
    "Budgetparametrar": tm.SHEET_FRAMES, "Korlogg": tm.SHEET_LOG,
}

LISTS: dict[str, list[str]] = {
    "Lista_Vardetyp": list(tc.VALUE_KIND.values()),
    "Lista_Riktning": list(tc.DIRECTION.values()),
    "Lista_Sammanvagning": list(tc.AGGREGATION.values()),
    "Lista_Uppdragsstatus": list(tc.ASSIGNMENT_STATUS.values()),
    "Lista_Bedomning": list(tc.ASSESSMENT.values()),
    "Lista_Forandringstyp": list(tc.CHANGE_KIND.values()),
    "Lista_Niva": list(tc.VERDICT_LEVEL.values()),
    "Lista_Atgardsstatus": list(tc.MEASURE_STATUS),
    "Lista_JaNej": [tc.YES, tc.NO],
}


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

def build_master(plan: Plan) -> Workbook:
    """A master workbook holding ``plan`` (an empty plan gives the empty template)."""
    wb = Workbook()
    ws = wb.active
    ws.title = tm.SHEET_INSTRUCTIONS
    _write_instructions(ws, plan)
    _write_lists(wb)
    _write_settings(wb, plan)
    _write_goals(wb, plan)
    _write_sub_goals(wb, plan)
    _write_indicators(wb, plan)
    _write_assignments(wb, plan)
    _write_units(wb, plan)
    _write_verdicts(wb, plan)
    _write_budget(wb, plan)
    _write_log(wb)
    return wb


def write_master(plan: Plan, path: str | os.PathLike[str]) -> Path:
    return excel.save_workbook(build_master(plan), path)


def write_budget_chapters(wb: Workbook, plan: Plan) -> None:
    """Add chapters 5.1-5.4 exactly as the master has them (same formulas and defined names), with the
    dropdown lists they need, to another workbook (finance's budget report)."""
    _write_lists(wb)
    _write_budget(wb, plan)


def _sheet(wb: Workbook, title: str, heading: str, note: str = "") -> Worksheet:
    ws = wb.create_sheet(title)
    if heading.startswith("="):
        ws["A1"].value = heading
    else:
        excel.set_text(ws["A1"], heading)
    ws["A1"].font = excel.TITLE_FONT
    if note:
        excel.set_text(ws["A2"], note).font = excel.NOTE_FONT
    return ws


def _year_heading(template: str) -> str:
    """A heading whose {year} / {previous} follow the setting Planår (a formula), so that a template
    reused for another year shows the right years; without a year the heading is shown without one."""
    if "{year}" not in template and "{previous}" not in template:
        return template
    parts = []
    for piece in re.split(r"(\{year\}|\{previous\})", template):
        if piece == "{year}":
            parts.append(f"{_YEAR_NAME}")
        elif piece == "{previous}":
            parts.append(f"({_YEAR_NAME}-1)")
        elif piece:
            parts.append('"' + piece.replace('"', '""') + '"')
    plain = " ".join(re.sub(r"\{year\}|\{previous\}|–", " ", template).split())
    return f'=IF(ISNUMBER({_YEAR_NAME}),{"&".join(parts)},"{plain}")'


_YEAR_NAME = "Installning_year"


def _table_sheet(wb: Workbook, title: str, table: str, rows: list[list[Any]], widths: list[float],
                 formats: dict[str, str] | None = None, note: str | None = None) -> Worksheet:
    """A sheet with a heading, a note and one table whose rows are given in header order.

    Every text is written as text (never as a formula): it may have come from a person.
    """
    heading, default_note = tm.SHEET_TEXTS[table]
    ws = _sheet(wb, title, _year_heading(heading), default_note if note is None else note)
    fields = list(tm.HEADERS[table])
    excel.add_table(ws, table, HEADER_ROW, 1, list(tm.HEADERS[table].values()), len(rows))
    formats = formats or {}
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for c, (name, value) in enumerate(zip(fields, row), start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                if value:
                    excel.set_text(cell, value)
            else:
                cell.value = value
            cell.alignment = excel.WRAP
            if name in formats:
                cell.number_format = formats[name]
    excel.set_widths(ws, widths)
    excel.fit_row_heights(ws, range(HEADER_ROW, HEADER_ROW + len(rows) + 1))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    return ws


def _column_index(table: str, field_name: str) -> int:
    return list(tm.HEADERS[table]).index(field_name) + 1


def _column_range(table: str, field_name: str, header_row: int = HEADER_ROW) -> str:
    letter = get_column_letter(_column_index(table, field_name))
    return f"{letter}{header_row + 1}:{letter}{header_row + EXTRA_ROWS}"


def _abs_range(table: str, field_name: str, header_row: int = HEADER_ROW) -> str:
    letter = get_column_letter(_column_index(table, field_name))
    return f"${letter}${header_row + 1}:${letter}${header_row + EXTRA_ROWS}"


def _write_instructions(ws: Worksheet, plan: Plan) -> None:
    for i, line in enumerate(tm.INSTRUCTIONS, start=1):
        cell = excel.set_text(ws.cell(row=i, column=1), line)
        cell.alignment = excel.WRAP
        if i == 1:
            cell.font = excel.TITLE_FONT
        elif line and not line[0].isdigit() and len(line) < 40:
            cell.font = Font(bold=True, color="1F4E79")
    if plan.budget.is_example:
        cell = excel.set_text(ws.cell(row=len(tm.INSTRUCTIONS) + 2, column=1), tc.EXAMPLE_BUDGET_NOTE)
        cell.font = excel.WARN_FONT
        cell.alignment = excel.WRAP
    ws.column_dimensions["A"].width = 110
    excel.print_setup(ws, landscape=False)


def _write_lists(wb: Workbook) -> None:
    ws = wb.create_sheet(tm.SHEET_LISTS)
    for c, (name, items) in enumerate(LISTS.items(), start=1):
        excel.set_text(ws.cell(row=1, column=c), tm.LIST_HEADERS[name]).font = Font(bold=True)
        for r, item in enumerate(items, start=2):
            excel.set_text(ws.cell(row=r, column=c), item)
        letter = get_column_letter(c)
        excel.define_name(wb, name, ws.title, f"${letter}$2:${letter}${len(items) + 1}")
        ws.column_dimensions[letter].width = 22
    ws.sheet_state = "hidden"


def _write_settings(wb: Workbook, plan: Plan) -> None:
    s = plan.settings
    values: dict[str, Any] = {
        "committee": s.committee, "year": s.year, "partly_threshold": s.partly_threshold,
        "deviation_threshold_tkr": s.deviation_threshold_tkr, "protection_password": s.protection_password,
        "period": s.period, "deadline": s.deadline, "inbox": s.inbox, "output_dir": s.output_dir,
        "database": s.database,
    }
    rows = [[label, values[key], desc] for key, (label, desc) in tm.SETTINGS.items()]
    ws = _table_sheet(wb, tm.SHEET_SETTINGS, "Installningar", rows, [44, 40, 90])
    formats = {"year": "0", "partly_threshold": excel.FMT_PERCENT, "deviation_threshold_tkr": excel.FMT_TKR,
               "deadline": excel.FMT_DATE}
    value_col = _column_index("Installningar", "value")
    for r, key in enumerate(tm.SETTINGS, start=HEADER_ROW + 1):
        cell = ws.cell(row=r, column=value_col)
        cell.fill = excel.INPUT_FILL
        if key in formats:
            cell.number_format = formats[key]
        excel.define_name(wb, f"Installning_{key}", ws.title, f"${get_column_letter(value_col)}${r}")


def _write_goals(wb: Workbook, plan: Plan) -> None:
    rows = [[g.number, g.title, g.formulation, g.narrative] for g in plan.goals]
    _table_sheet(wb, tm.SHEET_GOALS, "Mal", rows, [8, 40, 60, 100])


def _write_sub_goals(wb: Workbook, plan: Plan) -> None:
    rows = [[s.id, s.goal, s.text] for s in plan.sub_goals]
    _table_sheet(wb, tm.SHEET_SUB_GOALS, "Delmal", rows, [12, 10, 100])


def _indicator_cell_value(value: object, kind: ValueKind) -> object:
    if value is None:
        return None
    if kind is ValueKind.YESNO or isinstance(value, bool):
        return tc.YES if value else tc.NO
    if isinstance(value, float) and value == int(value) and kind is not ValueKind.SHARE:
        return int(value)
    return value


_VALUE_FORMAT = {ValueKind.SHARE: excel.FMT_PERCENT, ValueKind.COUNT: excel.FMT_COUNT,
                 ValueKind.AMOUNT: excel.FMT_TKR}


def _write_indicators(wb: Workbook, plan: Plan) -> None:
    t = "Indikatorer"
    rows = []
    for i in plan.indicators:
        rows.append([
            i.id, i.sub_goal, i.name, tc.VALUE_KIND[i.kind], i.unit_of_measure, i.baseline_year,
            _indicator_cell_value(i.baseline, i.kind), i.baseline_missing_reason,
            _indicator_cell_value(i.target, i.kind), i.periodicity.text, tc.DIRECTION[i.direction],
            ", ".join(i.units), tc.AGGREGATION[i.aggregation], i.partly_threshold, i.note,
        ])
    widths = [12, 10, 50, 13, 12, 8, 12, 16, 12, 18, 16, 22, 16, 12, 30]
    ws = _table_sheet(wb, tm.SHEET_INDICATORS, t, rows, widths,
                      formats={"baseline_year": "0", "partly_threshold": excel.FMT_PERCENT})
    for r, ind in enumerate(plan.indicators, start=HEADER_ROW + 1):
        for field_name in ("baseline", "target"):
            cell = ws.cell(row=r, column=_column_index(t, field_name))
            cell.number_format = _VALUE_FORMAT.get(ind.kind, "General")
    if any(i.target is None for i in plan.indicators):
        cell = excel.set_text(ws["A3"], tm.TARGET_TO_ENTER.format(year=plan.settings.year))
        cell.font = excel.WARN_FONT
    err = tm.VALIDATION_ERRORS
    excel.list_validation(ws, "Lista_Vardetyp", _column_range(t, "kind"), error=err["kind"])
    excel.list_validation(ws, "Lista_Riktning", _column_range(t, "direction"), error=err["direction"])
    excel.list_validation(ws, "Lista_Sammanvagning", _column_range(t, "aggregation"),
                         error=err["aggregation"])
    excel.number_validation(ws, _column_range(t, "partly_threshold"), minimum=0, maximum=1, error=err["share"])
    _mark_missing(ws, _column_range(t, "target"), _column_range(t, "id").split(":")[0])


def _mark_missing(ws: Worksheet, ref: str, key_cell: str) -> None:
    """Colour an empty required cell on a row that is in use (its key cell is filled)."""
    from openpyxl.formatting.rule import FormulaRule

    first = ref.split(":")[0]
    key_col = "".join(ch for ch in key_cell if ch.isalpha())
    row = "".join(ch for ch in first if ch.isdigit())
    ws.conditional_formatting.add(ref, FormulaRule(formula=[f'AND(${key_col}{row}<>"",ISBLANK({first}))'],
                                                   fill=excel.MISSING_FILL))


def _write_assignments(wb: Workbook, plan: Plan) -> None:
    t = "Uppdrag"
    rows = [[a.id, tc.ASSIGNMENT_STATUS[a.status], a.text, a.periodicity.text, a.end_date, ", ".join(a.units),
             a.plan_ahead] for a in plan.assignments]
    ws = _table_sheet(wb, tm.SHEET_ASSIGNMENTS, t, rows, [11, 14, 70, 16, 12, 22, 40],
                      formats={"end_date": excel.FMT_DATE})
    err = tm.VALIDATION_ERRORS
    excel.list_validation(ws, "Lista_Uppdragsstatus", _column_range(t, "status"), error=err["status"])
    excel.number_validation(ws, _column_range(t, "end_date"), kind="date", minimum=36526, maximum=73051,
                           error=err["date"])


def _write_units(wb: Workbook, plan: Plan) -> None:
    rows = [[u.id, u.name, u.contact] for u in plan.units]
    _table_sheet(wb, tm.SHEET_UNITS, "Verksamheter", rows, [16, 60, 30])
    excel.define_name(wb, "Lista_Verksamheter", tm.SHEET_UNITS, _abs_range("Verksamheter", "id"))


def _write_verdicts(wb: Workbook, plan: Plan) -> None:
    t = "Bedomningar"
    rows = [[v.period, tc.VERDICT_LEVEL[v.level], v.ref, tc.ASSESSMENT[v.assessment], v.motivation]
            for v in plan.verdicts]
    ws = _table_sheet(wb, tm.SHEET_VERDICTS, t, rows, [10, 10, 12, 18, 90])
    err = tm.VALIDATION_ERRORS
    excel.list_validation(ws, "Lista_Niva", _column_range(t, "level"), error=err["level"])
    excel.list_validation(ws, "Lista_Bedomning", _column_range(t, "assessment"), error=err["assessment"])


def _write_budget(wb: Workbook, plan: Plan) -> None:
    b = plan.budget
    note = tc.EXAMPLE_BUDGET_NOTE if b.is_example else tm.BUDGET_NOTE
    err = tm.VALIDATION_ERRORS

    # 5.1 measures
    t = "Atgarder"
    rows = [[m.id, m.text, m.unit, m.amount_tkr, m.status] for m in b.measures]
    ws = _table_sheet(wb, tm.SHEET_MEASURES, t, rows, [11, 60, 16, 14, 14],
                      formats={"amount_tkr": excel.FMT_TKR}, note=note)
    excel.list_validation(ws, "Lista_Verksamheter", _column_range(t, "unit"), error=err["unit"])
    excel.list_validation(ws, "Lista_Atgardsstatus", _column_range(t, "status"), error=err["status"])
    _amount_validation(ws, _column_range(t, "amount_tkr"))
    _note_style(ws, b.is_example)

    # 5.2 prior forecast
    t = "Arsprognos"
    rows = [[p.unit, p.forecast_tkr] for p in b.prior_forecasts]
    ws = _table_sheet(wb, tm.SHEET_PRIOR_FORECAST, t, rows, [16, 26], formats={"forecast_tkr": excel.FMT_TKR},
                      note=note)
    excel.list_validation(ws, "Lista_Verksamheter", _column_range(t, "unit"), error=err["unit"])
    _amount_validation(ws, _column_range(t, "forecast_tkr"))
    _note_style(ws, b.is_example)

    # 5.3 changes
    t = "Budgetforandringar"
    rows = [[c.unit, tc.CHANGE_KIND[c.kind], c.text, c.amount_tkr] for c in b.changes]
    ws = _table_sheet(wb, tm.SHEET_CHANGES, t, rows, [16, 18, 60, 14], formats={"amount_tkr": excel.FMT_TKR},
                      note=note)
    excel.list_validation(ws, "Lista_Verksamheter", _column_range(t, "unit"), error=err["unit"])
    excel.list_validation(ws, "Lista_Forandringstyp", _column_range(t, "kind"), error=err["change_kind"])
    _amount_validation(ws, _column_range(t, "amount_tkr"))
    _note_style(ws, b.is_example)

    _write_frames(wb, plan, note)


def _note_style(ws: Worksheet, is_example: bool) -> None:
    if is_example:
        ws["A2"].font = excel.WARN_FONT


def _amount_validation(ws: Worksheet, ref: str) -> None:
    excel.number_validation(ws, ref, operator="greaterThanOrEqual", minimum=-1e12,
                           error=tm.VALIDATION_ERRORS["amount"])


def _write_frames(wb: Workbook, plan: Plan, note: str) -> None:
    b = plan.budget
    ws = _sheet(wb, tm.SHEET_FRAMES, _year_heading(tm.SHEET_TEXTS["Budgetramar"][0]), note)
    _note_style(ws, b.is_example)

    # Parameters (inputs)
    params = [[tm.BUDGET_PARAMETERS["total_frame_tkr"], b.total_frame_tkr],
              [tm.BUDGET_PARAMETERS["net_cost_ceiling"], b.net_cost_ceiling]]
    excel.add_table(ws, "Budgetparametrar", HEADER_ROW, 1, list(tm.HEADERS["Budgetparametrar"].values()),
                   len(params), style="TableStyleLight1")
    for r, (label, value) in enumerate(params, start=HEADER_ROW + 1):
        excel.set_text(ws.cell(row=r, column=1), label)
        cell = ws.cell(row=r, column=2, value=value)
        cell.fill = excel.INPUT_FILL
        cell.number_format = excel.FMT_TKR if r == HEADER_ROW + 1 else excel.FMT_PERCENT_DEC
    total_ref, ceiling_ref = f"$B${HEADER_ROW + 1}", f"$B${HEADER_ROW + 2}"
    excel.define_name(wb, "Total_ram", ws.title, total_ref)
    excel.define_name(wb, "Nettokostnadstak", ws.title, ceiling_ref)

    # The frames table, below the summary block.
    summary_row = HEADER_ROW + 4
    frames_header = summary_row + len(tm.BUDGET_SUMMARY) + 2
    t = "Budgetramar"
    names = {u.id: u.name for u in plan.units}
    excel.add_table(ws, t, frames_header, 1, list(tm.HEADERS[t].values()), len(b.frames))
    first = frames_header + 1
    last_ext = frames_header + EXTRA_ROWS
    changes_amount = excel.sheet_ref(tm.SHEET_CHANGES, _abs_range("Budgetforandringar", "amount_tkr"))
    changes_unit = excel.sheet_ref(tm.SHEET_CHANGES, _abs_range("Budgetforandringar", "unit"))
    for r, f in enumerate(b.frames, start=first):
        excel.set_text(ws.cell(row=r, column=1), f.unit)
        excel.set_text(ws.cell(row=r, column=2), names.get(f.unit, ""))
        ws.cell(row=r, column=3, value=f.previous_tkr)
        ws.cell(row=r, column=4, value=f"=SUMIFS({changes_amount},{changes_unit},A{r})")
        ws.cell(row=r, column=5, value=f'=IF(C{r}="","",C{r}+D{r})')
        ws.cell(row=r, column=6, value=f.frame_tkr)
        ws.cell(row=r, column=7,
                value=f'=IF(OR(E{r}="",F{r}=""),"",IF(ABS(F{r}-E{r})<0.5,"{tm.CHECK_OK}","{tm.CHECK_ROW_BAD}"))')
        for c in range(1, 8):
            ws.cell(row=r, column=c).number_format = excel.FMT_TKR if c >= 3 else "General"
        for c in (4, 5, 7):
            ws.cell(row=r, column=c).fill = excel.FORMULA_FILL
        for c in (3, 6):
            ws.cell(row=r, column=c).fill = excel.INPUT_FILL
    frame_col = f"$F${first}:$F${last_ext}"
    prior = excel.sheet_ref(tm.SHEET_PRIOR_FORECAST, _abs_range("Arsprognos", "forecast_tkr"))
    measures = excel.sheet_ref(tm.SHEET_MEASURES, _abs_range("Atgarder", "amount_tkr"))

    s = summary_row
    formulas = {
        "Summa_ramar": (f"=SUM({frame_col})", excel.FMT_TKR),
        "Skillnad_total_ram": (f"=B{s}-{total_ref}", excel.FMT_TKR),
        "Kontroll_ramar": (f'=IF(ABS(B{s + 1})<0.5,"{tm.CHECK_OK}","{tm.CHECK_FRAMES_BAD}")', "General"),
        "Summa_foregaende_prognos": (f"=SUM({prior})", excel.FMT_TKR),
        "Nettokostnadsutveckling": (f'=IF(B{s + 3}=0,"",B{s}/B{s + 3}-1)', excel.FMT_PERCENT_DEC),
        "Kontroll_nettokostnad": (f'=IF(OR(B{s + 4}="",{ceiling_ref}=""),"",IF(B{s + 4}<={ceiling_ref}+0.00001,'
                                  f'"{tm.CHECK_OK}","{tm.CHECK_NET_COST_BAD}"))', "General"),
        "Summa_atgarder": (f"=SUM({measures})", excel.FMT_TKR),
    }
    for i, (name, label) in enumerate(tm.BUDGET_SUMMARY.items()):
        r = s + i
        excel.set_text(ws.cell(row=r, column=1), label).font = Font(bold=True)
        formula, fmt = formulas[name]
        cell = ws.cell(row=r, column=2, value=formula)
        cell.number_format = fmt
        cell.fill = excel.FORMULA_FILL
        excel.define_name(wb, name, ws.title, f"$B${r}")

    from openpyxl.formatting.rule import CellIsRule

    bad = excel.MISSING_FILL
    for ref in (f"B{s + 2}", f"B{s + 5}", f"G{first}:G{last_ext}"):
        ws.conditional_formatting.add(ref, CellIsRule(operator="notEqual", formula=[f'"{tm.CHECK_OK}"'],
                                                      fill=bad))
    excel.list_validation(ws, "Lista_Verksamheter", f"A{first}:A{last_ext}",
                         error=tm.VALIDATION_ERRORS["unit"])
    _amount_validation(ws, f"C{first}:C{last_ext}")
    _amount_validation(ws, f"F{first}:F{last_ext}")
    excel.set_widths(ws, [52, 44, 18, 16, 22, 16, 14])
    excel.fit_row_heights(ws, [frames_header])
    ws.freeze_panes = None
    excel.print_setup(ws, title_rows=f"{frames_header}:{frames_header}")


def _write_log(wb: Workbook) -> None:
    t = "Korlogg"
    ws = _sheet(wb, tm.SHEET_LOG, *tm.SHEET_TEXTS[t])
    excel.add_table(ws, t, HEADER_ROW, 1, list(tm.HEADERS[t].values()), 0)
    excel.set_widths(ws, [20, 24, 16, 100])


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

@dataclass
class TableRows:
    """The data rows of one table: each row is (sheet row number, field -> raw value)."""

    sheet: str
    columns: dict[str, str]  # field -> column letter
    rows: list[tuple[int, dict[str, Any]]]
    table: str = ""
    header_row: int = 0
    # (row, field) of the numbers in percent-formatted cells: their value is a fraction as it stands.
    percent: set[tuple[int, str]] = field(default_factory=set)

    def is_percent(self, row: int, field_name: str) -> bool:
        return (row, field_name) in self.percent

    def source(self, row: int) -> Source:
        return Source(self.sheet, row, tuple(self.columns.items()))


class _Reader:
    def __init__(self, wb: Workbook, file_name: str) -> None:
        self.wb = wb
        self.file = file_name
        self.findings: list[Finding] = []
        self.tables = {}
        for ws in wb.worksheets:
            for table in ws.tables.values():
                self.tables[table.displayName.casefold()] = (ws, table)

    def add(self, code: str, **kw: Any) -> None:
        self.findings.append(fnd.make(code, file=self.file, **kw))

    def table(self, name: str, required: bool = True) -> TableRows:
        """The rows of a table, found by its name; its columns found by their header text.

        When the key column (the table's first field) is missing, no rows are read: every row would
        otherwise give a finding of its own for the one missing header.
        """
        headers = tm.HEADERS[name]
        found = self.tables.get(name.casefold())
        if found is None:
            if required:
                sheet = TABLE_SHEETS.get(name, "")
                self.add("missing-table", sheet=sheet if sheet in self.wb.sheetnames else "", expected=name,
                         table=name)
            return TableRows("", {}, [], name)
        ws, table = found
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        by_header: dict[str, int] = {}
        for c in range(min_col, max_col + 1):
            text = ws.cell(row=min_row, column=c).value
            if text is not None:
                by_header.setdefault(_norm(str(text)), c)
        columns: dict[str, str] = {}
        skip = tm.FORMULA_COLUMNS.get(name, set())
        for field_name, header in headers.items():
            c = by_header.get(_norm(header))
            if c is None:
                if field_name not in skip:
                    self.add("missing-column", sheet=ws.title, cell=f"{get_column_letter(min_col)}{min_row}",
                             expected=header, table=name)
                continue
            columns[field_name] = get_column_letter(c)
        if next(iter(headers)) not in columns:
            return TableRows(ws.title, columns, [], name, min_row)
        rows = []
        percent: set[tuple[int, str]] = set()
        # A totals row (Tabelldesign > Summarad) is not data, and nothing below it belongs to the table.
        totals = table.totalsRowCount or 0
        max_row -= totals
        # Rows typed directly under a table (without Excel extending it) are read too.
        r = min_row + 1
        while True:
            cells = {f: ws[f"{letter}{r}"] for f, letter in columns.items() if f not in skip}
            values = {f: c.value for f, c in cells.items()}
            inside = r <= max_row
            if not inside and (totals or all(vals.is_blank(v) for v in values.values())):
                break
            if not all(vals.is_blank(v) for v in values.values()):
                rows.append((r, {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}))
                percent.update((r, f) for f, c in cells.items()
                               if isinstance(c.value, (int, float)) and "%" in str(c.number_format or ""))
            r += 1
        return TableRows(ws.title, columns, rows, name, min_row, percent)

    # -- field parsers: each records a finding and returns a fallback on bad input --

    def text(self, rows: TableRows, r: int, row: dict[str, Any], name: str, required: bool = False,
             item_id: str = "") -> str:
        raw = row.get(name)
        if vals.is_blank(raw):
            if required and name in rows.columns:
                self.add("missing-value", sheet=rows.sheet, cell=f"{rows.columns[name]}{r}",
                         field=tm_header(rows, name), item_id=item_id)
            return ""
        if isinstance(raw, float) and raw == int(raw):
            raw = int(raw)
        if isinstance(raw, (dt.datetime, dt.date)):
            return raw.strftime("%Y-%m-%d")
        return str(raw).strip()

    def choice(self, rows: TableRows, r: int, row: dict[str, Any], name: str, mapping: dict, default: Any,
               item_id: str = "") -> Any:
        raw = row.get(name)
        if vals.is_blank(raw):
            return default
        value = tc.reverse(mapping).get(str(raw).strip().casefold())
        if value is None:
            self.add("invalid-choice", sheet=rows.sheet, cell=f"{rows.columns[name]}{r}",
                     field=tm_header(rows, name), item_id=item_id, found=raw,
                     expected=", ".join(mapping.values()))
            return default
        # The mapping's keys are the enumeration's values: give back a member of the default's enumeration.
        return type(default)(value) if isinstance(default, Enum) else value

    def number(self, rows: TableRows, r: int, row: dict[str, Any], name: str, item_id: str = "",
               code: str = "invalid-number") -> float | None:
        raw = row.get(name)
        if vals.is_blank(raw):
            return None
        try:
            return vals.parse_number(raw)
        except ValueError:
            self.add(code, sheet=rows.sheet, cell=f"{rows.columns[name]}{r}", field=tm_header(rows, name),
                     item_id=item_id, found=raw, expected=tm.EXPECTED["number"])
            return None

    def cell(self, rows: TableRows, r: int, name: str) -> str:
        return f"{rows.columns.get(name, 'A')}{r}"


def tm_header(rows: TableRows, name: str) -> str:
    """The Swedish header of a field of this table (what the user sees)."""
    return tm.HEADERS.get(rows.table, {}).get(name, name)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _id(raw: object) -> str:
    """An id as text; tolerate Excel turning "1.1" into the number 1.1."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw == int(raw):
        return str(int(raw))
    return str(raw).strip()


def _units(raw: object) -> tuple[str, ...]:
    if vals.is_blank(raw):
        return ()
    return tuple(p.strip() for p in str(raw).replace(";", ",").split(",") if p.strip())


XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a master is a few hundred kB; more is a wrong file or a zip bomb
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and old .xls are OLE containers


def open_workbook(path: str | os.PathLike[str]) -> Workbook:
    """Open a master with openpyxl, turning every failure into a Swedish WorkbookError."""
    from toolkit.texts import cli as tcli

    p = Path(path)

    def fail(reason: str, exc: BaseException | None = None) -> WorkbookError:
        err = WorkbookError(tcli.NOT_A_MASTER.format(path=p, reason=reason))
        err.__cause__ = exc
        return err

    if not p.is_file():
        raise WorkbookError(tcli.FILE_NOT_FOUND.format(path=p))
    if p.name.startswith("~$"):
        raise fail(tm.LOCK_FILE)
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise fail(tm.CORRUPT.format(detail=os_reason(exc)), exc) from exc
    if head == _OLE_MAGIC:
        raise fail(tm.ENCRYPTED_OR_XLS)
    if p.suffix.lower() not in XLSX_SUFFIXES:
        raise fail(tm.NOT_XLSX.format(suffix=p.suffix or tm.NO_SUFFIX))
    try:
        with zipfile.ZipFile(p) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise fail(tm.NOT_ZIP, exc) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise fail(tm.TOO_LARGE.format(limit=MAX_UNPACKED_BYTES // (1024 * 1024)))
    try:
        return load_workbook(p, data_only=False)
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise fail(tm.NOT_ZIP, exc) from exc
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) on bad files
        raise fail(tm.CORRUPT.format(detail=type(exc).__name__), exc) from exc


def read_master(path: str | os.PathLike[str]) -> tuple[Plan, list[Finding]]:
    """Read a master workbook into a Plan, with a finding for every value that could not be read.

    Raises WorkbookError only when the file cannot be opened as a workbook at all.
    """
    wb = open_workbook(path)
    return read_master_workbook(wb, Path(path).name)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a master and fail (WorkbookError) when it has errors: for commands that need a sound plan."""
    from toolkit.texts import findings as tf

    plan, found = read_master(path)
    errors = [f for f in found + check_plan(plan, Path(path).name, found) if f.is_error]
    if errors:
        lines = "\n".join(f"  {f.location}: {f.message}" for f in errors[:10])
        raise WorkbookError(tf.MASTER_HAS_ERRORS.format(path=path, count=len(errors), lines=lines))
    return plan


def read_master_workbook(wb: Workbook, file_name: str = "") -> tuple[Plan, list[Finding]]:
    """Read an opened master. Raises WorkbookError when it holds none of the master's tables."""
    rd = _Reader(wb, file_name)
    if not any(name.casefold() in rd.tables for name in tm.HEADERS):
        from toolkit.texts import cli as tcli

        raise WorkbookError(tcli.NOT_A_MASTER.format(
            path=file_name or tm.UNNAMED_WORKBOOK, reason=tm.NO_MASTER_TABLES.format(tables=", ".join(
                n for n in tm.HEADERS if n not in ("Korlogg", "Bedomningar")))))
    plan = Plan()
    plan.settings = _read_settings(rd)
    plan.goals = _read_goals(rd)
    plan.sub_goals = _read_sub_goals(rd)
    plan.indicators = _read_indicators(rd)
    plan.assignments = _read_assignments(rd)
    plan.units = _read_units(rd)
    plan.verdicts = _read_verdicts(rd)
    plan.budget = _read_budget(rd, wb)
    return plan, rd.findings


def _read_settings(rd: _Reader) -> Settings:
    s = Settings()
    rows = rd.table("Installningar")
    by_label = {_norm(label): key for key, (label, _d) in tm.SETTINGS.items()}
    for r, row in rows.rows:
        key = by_label.get(_norm(str(row.get("setting") or "")))
        if key is None:
            continue
        raw = row.get("value")
        cell = rd.cell(rows, r, "value")
        s.cells[key] = f"{rows.sheet}!{cell}"
        if vals.is_blank(raw):
            if key == "year":
                rd.add("missing-value", sheet=rows.sheet, cell=cell, field=tm.SETTINGS[key][0])
            continue
        try:
            if key == "year":
                year = vals.parse_number(raw)
                if year != int(year) or not 2000 <= year <= 2100:
                    raise ValueError(raw)
                s.year = int(year)
            elif key == "partly_threshold":
                share = vals.parse_share(raw, rows.is_percent(r, "value"))
                if not 0 < share <= 1:
                    raise ValueError(raw)
                s.partly_threshold = share
            elif key == "deviation_threshold_tkr":
                amount = vals.parse_number(raw)
                if amount < 0:
                    raise ValueError(raw)
                s.deviation_threshold_tkr = amount
            elif key == "deadline":
                s.deadline = vals.parse_date(raw)
            elif key == "period":
                s.period = str(Period.parse(str(raw)))
            else:
                setattr(s, key, _id(raw))
        except (ValueError, PeriodError):
            rd.add("invalid-setting", sheet=rows.sheet, cell=cell, field=tm.SETTINGS[key][0], found=raw,
                   expected=tm.SETTING_EXPECTED.get(key, ""))
    for key in ("year",):
        if key not in s.cells and rows.sheet:
            rd.add("missing-value", sheet=rows.sheet, field=tm.SETTINGS[key][0])
    return s


def _read_goals(rd: _Reader) -> list[Goal]:
    rows = rd.table("Mal")
    out = []
    for r, row in rows.rows:
        number = rd.number(rows, r, row, "number", code="invalid-id")
        if number is None:
            if vals.is_blank(row.get("number")):
                rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "number"),
                       field=tm_header(rows, "number"))
            continue
        out.append(Goal(int(number), rd.text(rows, r, row, "title", True, str(int(number))),
                        rd.text(rows, r, row, "formulation"), rd.text(rows, r, row, "narrative"),
                        source=rows.source(r)))
    return out


def _read_sub_goals(rd: _Reader) -> list[SubGoal]:
    rows = rd.table("Delmal")
    out = []
    for r, row in rows.rows:
        sid = _sub_goal_id(row.get("id"))
        if not sid:
            rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "id"), field=tm_header(rows, "id"))
            continue
        goal = rd.number(rows, r, row, "goal", sid, code="invalid-id")
        if goal is None and vals.is_blank(row.get("goal")):
            # "1.1" belongs to goal 1 unless the table says otherwise.
            head = sid.split(".")[0]
            goal = float(head) if head.isdigit() else None
            if goal is None:
                rd.add("missing-value", sheet=rows.sheet, cell=rd.cell(rows, r, "goal"),
                       field=tm_header(rows, "goal"), item_id=sid)
        out.append(SubGoal(sid, int(goal) if goal is not None else 0, rd.text(rows, r, row, "text", True, sid),
                           source=rows.source(r)))
    return out


def _sub_goal_id(raw: object) -> str:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return f"{raw:g}" if isinstance(raw, float) else str(raw)
    return _id(raw)


def _read_value(rd: _Reader, rows: TableRows, r: int, row: dict[str, Any], name: str, kind: ValueKind,
                item_id: str) -> object:
    raw = row.get(name)
    if vals.is_blank(raw):
        return None
    try:
        return vals.parse_value(raw, kind, rows.is_percent(r, name))
    except ValueError:
        code = "invalid-target" if name == "target" else "invalid-baseline"
        rd.add(code, sheet=rows.sheet, cell=rd.cell(rows, r, name), field=tm_header(rows, name),
               item_id=item_id, found=raw, expected=tc.VALUE_KIND[kind])
        return None


def _read_periodicity(rd: _Reader, rows: TableRows, r: int, row: dict[str, Any], item_id: str) -> Periodicity:
    raw = row.get("periodicity")
    if vals.is_blank(raw):
        rd.add("missing-value", sheet=rows.sheet, cell=rd.cell(rows, r, "periodicity"),
               field=tm_header(rows, "periodicity"), item_id=item_id)
        return Periodicity("", frozenset())
    try:
        return parse_periodicity(raw)
    except PeriodicityError:
        rd.add("invalid-periodicity", sheet=rows.sheet, cell=rd.cell(rows, r, "periodicity"),
               field=tm_header(rows, "periodicity"), item_id=item_id, found=raw,
               expected=tm.PERIODICITY_EXPECTED)
        return Periodicity(str(raw), frozenset())


def _read_indicators(rd: _Reader) -> list[Indicator]:
    rows = rd.table("Indikatorer")
    out = []
    for r, row in rows.rows:
        iid = _id(row.get("id"))
        if not iid:
            rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "id"), field=tm_header(rows, "id"))
            continue
        kind = rd.choice(rows, r, row, "kind", tc.VALUE_KIND, ValueKind.COUNT, iid)
        if vals.is_blank(row.get("kind")):
            rd.add("missing-value", sheet=rows.sheet, cell=rd.cell(rows, r, "kind"),
                   field=tm_header(rows, "kind"), item_id=iid)
        periodicity = _read_periodicity(rd, rows, r, row, iid)
        baseline_year = rd.number(rows, r, row, "baseline_year", iid)
        threshold = row.get("partly_threshold")
        partly = None
        if not vals.is_blank(threshold):
            try:
                partly = vals.parse_share(threshold, rows.is_percent(r, "partly_threshold"))
            except ValueError:
                rd.add("invalid-number", sheet=rows.sheet, cell=rd.cell(rows, r, "partly_threshold"),
                       field=tm_header(rows, "partly_threshold"), item_id=iid, found=threshold,
                       expected=tm.EXPECTED["share"])
        out.append(Indicator(
            id=iid,
            sub_goal=_sub_goal_id(row.get("sub_goal")),
            name=rd.text(rows, r, row, "name", True, iid),
            kind=kind,
            periodicity=periodicity,
            unit_of_measure=rd.text(rows, r, row, "unit_of_measure"),
            baseline_year=int(baseline_year) if baseline_year is not None else None,
            baseline=_read_value(rd, rows, r, row, "baseline", kind, iid),
            baseline_missing_reason=rd.text(rows, r, row, "baseline_missing_reason"),
            target=_read_value(rd, rows, r, row, "target", kind, iid),
            direction=rd.choice(rows, r, row, "direction", tc.DIRECTION, Direction.HIGHER, iid),
            units=_units(row.get("units")),
            aggregation=rd.choice(rows, r, row, "aggregation", tc.AGGREGATION, Aggregation.SUM, iid),
            partly_threshold=partly,
            note=rd.text(rows, r, row, "note"),
            source=rows.source(r),
        ))
    return out


def _read_assignments(rd: _Reader) -> list[Assignment]:
    rows = rd.table("Uppdrag")
    out = []
    for r, row in rows.rows:
        aid = _id(row.get("id"))
        if not aid:
            rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "id"), field=tm_header(rows, "id"))
            continue
        periodicity = _read_periodicity(rd, rows, r, row, aid)
        end = row.get("end_date")
        end_date = None
        if not vals.is_blank(end):
            try:
                end_date = vals.parse_date(end)
            except ValueError:
                rd.add("invalid-date", sheet=rows.sheet, cell=rd.cell(rows, r, "end_date"),
                       field=tm_header(rows, "end_date"), item_id=aid, found=end,
                       expected=tm.EXPECTED["date"])
        out.append(Assignment(
            id=aid, text=rd.text(rows, r, row, "text", True, aid), periodicity=periodicity,
            status=rd.choice(rows, r, row, "status", tc.ASSIGNMENT_STATUS, AssignmentStatus.NOT_STARTED, aid),
            end_date=end_date, units=_units(row.get("units")), plan_ahead=rd.text(rows, r, row, "plan_ahead"),
            source=rows.source(r)))
    return out


def _read_units(rd: _Reader) -> list[Unit]:
    rows = rd.table("Verksamheter")
    out = []
    for r, row in rows.rows:
        uid = _id(row.get("id"))
        if not uid:
            rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "id"), field=tm_header(rows, "id"))
            continue
        out.append(Unit(uid, rd.text(rows, r, row, "name", True, uid), rd.text(rows, r, row, "contact"),
                        source=rows.source(r)))
    return out


def _read_verdicts(rd: _Reader) -> list[Verdict]:
    rows = rd.table("Bedomningar", required=False)
    out = []
    for r, row in rows.rows:
        level = rd.choice(rows, r, row, "level", tc.VERDICT_LEVEL, "goal")
        assessment = rd.choice(rows, r, row, "assessment", tc.ASSESSMENT, Assessment.NONE)
        out.append(Verdict(rd.text(rows, r, row, "period"), level, _sub_goal_id(row.get("ref")), assessment,
                           rd.text(rows, r, row, "motivation"), source=rows.source(r)))
    return out


def _read_budget(rd: _Reader, wb: Workbook) -> Budget:
    b = Budget()
    rows = rd.table("Atgarder")
    for r, row in rows.rows:
        mid = _id(row.get("id"))
        b.measures.append(Measure(mid, rd.text(rows, r, row, "text"), _id(row.get("unit")),
                                  rd.number(rows, r, row, "amount_tkr", mid, code="amount-not-number"),
                                  rd.text(rows, r, row, "status"), source=rows.source(r)))
    rows = rd.table("Arsprognos")
    for r, row in rows.rows:
        uid = _id(row.get("unit"))
        b.prior_forecasts.append(PriorForecast(
            uid, rd.number(rows, r, row, "forecast_tkr", uid, code="amount-not-number"), source=rows.source(r)))
    rows = rd.table("Budgetforandringar")
    for r, row in rows.rows:
        uid = _id(row.get("unit"))
        b.changes.append(BudgetChange(
            uid, rd.choice(rows, r, row, "kind", tc.CHANGE_KIND, ChangeKind.OTHER, uid),
            rd.text(rows, r, row, "text"),
            rd.number(rows, r, row, "amount_tkr", uid, code="amount-not-number"), source=rows.source(r)))
    rows = rd.table("Budgetramar")
    for r, row in rows.rows:
        uid = _id(row.get("unit"))
        if not uid and all(vals.is_blank(row.get(k)) for k in ("previous_tkr", "frame_tkr")):
            continue
        b.frames.append(Frame(uid, rd.number(rows, r, row, "previous_tkr", uid, code="amount-not-number"),
                              rd.number(rows, r, row, "frame_tkr", uid, code="amount-not-number"),
                              source=rows.source(r)))
    rows = rd.table("Budgetparametrar")
    labels = {_norm(v): k for k, v in tm.BUDGET_PARAMETERS.items()}
    for r, row in rows.rows:
        key = labels.get(_norm(str(row.get("parameter") or "")))
        if key is None:
            continue
        b.cells[key] = f"{rows.sheet}!{rd.cell(rows, r, 'value')}"
        raw = row.get("value")
        if vals.is_blank(raw):
            continue
        try:
            value = (vals.parse_share(raw, rows.is_percent(r, "value")) if key == "net_cost_ceiling"
                     else vals.parse_number(raw))
        except ValueError:
            rd.add("amount-not-number", sheet=rows.sheet, cell=rd.cell(rows, r, "value"),
                   field=tm.BUDGET_PARAMETERS[key], found=raw, expected=tm.EXPECTED["number"])
            continue
        setattr(b, key, value)
    b.is_example = _is_example_budget(rd)
    return b


def _is_example_budget(rd: _Reader) -> bool:
    """True when the frames sheet says, above its table, that the figures are invented examples."""
    found = rd.tables.get("budgetramar")
    if found is None:
        return False
    ws, table = found
    _min_col, header_row, _max_col, _max_row = range_boundaries(table.ref)
    prefix = tc.EXAMPLE_BUDGET_NOTE[:40]
    return any(isinstance(cell.value, str) and cell.value.strip().startswith(prefix)
               for row in ws.iter_rows(min_row=1, max_row=max(header_row - 1, 1)) for cell in row)


# --------------------------------------------------------------------------------------------
# Checking
# --------------------------------------------------------------------------------------------

def check_plan(plan: Plan, file_name: str = "", already: list[Finding] | None = None) -> list[Finding]:
    """Every semantic problem of a plan that was read: duplicates, unknown references, targets, dates,
    and the budget rules (``toolkit.plan.budget.check_budget``)."""
    from toolkit.plan.budget import check_budget

    out: list[Finding] = []

    def add(code: str, src: Source | None, field_name: str = "", **kw: Any) -> None:
        out.append(fnd.make(code, file=file_name, sheet=src.sheet if src else "",
                            cell=src.cell(field_name) if src else "", **kw))

    def dupes(items: list[Any], key: Callable[[Any], str], field_name: str, label: str) -> None:
        seen: dict[str, Any] = {}
        for item in items:
            k = key(item)
            if k in seen:
                add("duplicate-id", item.source, field_name, field=label, item_id=k, found=k,
                    first=seen[k].source.cell(field_name) if seen[k].source else "")
            else:
                seen[k] = item

    dupes(plan.goals, lambda g: str(g.number), "number", _h("Mal", "number"))
    dupes(plan.sub_goals, lambda s: s.id, "id", _h("Delmal", "id"))
    dupes(plan.indicators, lambda i: i.id, "id", _h("Indikatorer", "id"))
    dupes(plan.assignments, lambda a: a.id, "id", _h("Uppdrag", "id"))
    dupes(plan.units, lambda u: u.id, "id", _h("Verksamheter", "id"))

    goal_numbers = {g.number for g in plan.goals}
    sub_goal_ids = {s.id for s in plan.sub_goals}
    unit_ids = {u.id for u in plan.units}
    year = plan.settings.year

    earlier = out + list(already or [])
    for s in plan.sub_goals:
        if s.goal not in goal_numbers and not (s.source and _has_finding(earlier, s.source, "goal")):
            add("unknown-goal", s.source, "goal", field=_h("Delmal", "goal"), item_id=s.id, found=s.goal,
                expected=", ".join(str(n) for n in sorted(goal_numbers)))
    for i in plan.indicators:
        if not i.sub_goal:
            add("indicator-without-sub-goal", i.source, "sub_goal", field=_h("Indikatorer", "sub_goal"),
                item_id=i.id)
        elif i.sub_goal not in sub_goal_ids:
            add("unknown-sub-goal", i.source, "sub_goal", field=_h("Indikatorer", "sub_goal"), item_id=i.id,
                found=i.sub_goal, expected=", ".join(sorted(sub_goal_ids)))
        if not i.units:
            add("indicator-without-unit", i.source, "units", field=_h("Indikatorer", "units"), item_id=i.id)
        for u in i.units:
            if u not in unit_ids:
                add("unknown-unit", i.source, "units", field=_h("Indikatorer", "units"), item_id=i.id,
                    found=u, expected=", ".join(sorted(unit_ids)))
        for name, value in (("target", i.target), ("baseline", i.baseline)):
            if not isinstance(value, float):
                continue
            if i.kind is ValueKind.SHARE and value > 1:
                add("share-above-100", i.source, name, field=_h("Indikatorer", name), item_id=i.id,
                    found=vals.format_value(value, i.kind), expected=tm.EXPECTED["share_range"])
            elif i.kind in (ValueKind.SHARE, ValueKind.COUNT) and value < 0:
                add("negative-value", i.source, name, field=_h("Indikatorer", name), item_id=i.id,
                    found=vals.format_value(value, i.kind),
                    expected=tm.EXPECTED["share_range" if i.kind is ValueKind.SHARE else "non_negative"])
        if i.target is None and i.source is not None and not _has_finding(out + (already or []), i.source,
                                                                           "target"):
            add("missing-target", i.source, "target", field=_h("Indikatorer", "target"), item_id=i.id)
        if i.aggregation is Aggregation.SINGLE and len(i.units) > 1:
            add("single-unit-aggregation", i.source, "aggregation", field=_h("Indikatorer", "aggregation"),
                item_id=i.id, found=", ".join(i.units))
    for a in plan.assignments:
        for u in a.units:
            if u not in unit_ids:
                add("unknown-unit", a.source, "units", field=_h("Uppdrag", "units"), item_id=a.id, found=u,
                    expected=", ".join(sorted(unit_ids)))
        if a.end_date is not None and a.end_date.year != year:
            add("end-date-outside-year", a.source, "end_date", field=_h("Uppdrag", "end_date"), item_id=a.id,
                found=a.end_date.isoformat(), expected=tm.EXPECTED["in_year"].format(year=year))
    out.extend(check_budget(plan, file_name, already))
    return out


def _h(table: str, field_name: str) -> str:
    return tm.HEADERS[table][field_name]


def _has_finding(found: list[Finding], src: Source, field_name: str) -> bool:
    return any(f.sheet == src.sheet and f.cell == src.cell(field_name) for f in found)
