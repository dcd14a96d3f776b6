"""Finance's budget workbook for one period: frames, outcomes, forecasts and deviations, all live formulas.

Sheets (Swedish names in ``toolkit.texts.budget``):
- Budgetuppföljning: per unit the frame (looked up in sheet 5.4), outcome to date, full-year forecast,
  deviation (= frame - forecast), the forecast of the previous period and the change since, and a status
  in words; a total row; the deviation threshold as an input cell. At the year end (T3) the outcome is the
  year's ("Utfall helår") and stands against the frame (deviation = frame - outcome; the change is the outcome
  against the T2 forecast); the forecast column is not shown.
- Kontroller: every budget rule as a formula with its result in words ("OK" or what is wrong).
- Kommentarer: the units' own comments and significant events.
- 5.1-5.4: the master's budget chapter, written by the master's own writer, so its formulas are the same.

Every total and check is a formula over figures in the same workbook: finance can change a frame or a
forecast in Excel and watch totals, statuses and checks move. ``toolkit.report.budget_figures`` computes
the same values in Python (what the CLI prints and what the tests compare LibreOffice's recalculation with).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel, workspace
from toolkit.core.errors import InputError, WorkbookError
from toolkit.core.findings import Finding
from toolkit.core.model import Plan
from toolkit.core.periods import Period, check_plan_year
from toolkit.excel import styles
from toolkit.history.backend import as_target, describe, exists
from toolkit.history.store import History
from toolkit.plan.budget import BUDGET_TABLES, CEILING_TOLERANCE, check_budget_file
from toolkit.plan.layout import EXTRA_ROWS, absolute_range
from toolkit.plan.write import write_budget_chapters
from toolkit.report.budget_figures import BudgetFigures, budget_figures
from toolkit.texts import budget as tb
from toolkit.texts import common as tc
from toolkit.texts import master as tm

# Overview layout (rows of the parameter block and of the unit table).
ROW_THRESHOLD = 4
ROW_YEAR = 5
ROW_PERIOD = 6
ROW_CHECKS = 7
HEADER_ROW = 9
CHECKS_HEADER_ROW = 4

OVERVIEW_COLUMNS = list(tb.OVERVIEW_HEADERS)  # field order; column letters follow


def overview_columns(year_end: bool = False) -> list[str]:
    """The overview's fields in column order: at the year end (T3) without the forecast."""
    return [k for k in OVERVIEW_COLUMNS if not (year_end and k == "forecast_tkr")]


def columns(year_end: bool = False) -> dict[str, str]:
    """field -> column letter of the overview (T1 and T2: ``COL``)."""
    return {name: get_column_letter(i) for i, name in enumerate(overview_columns(year_end), start=1)}


def overview_headers(fig: BudgetFigures) -> list[str]:
    prev_label = str(fig.previous_period) if fig.previous_period else tb.NO_PREVIOUS
    words = {**tb.OVERVIEW_HEADERS, **(tb.OVERVIEW_HEADERS_YEAR_END if fig.year_end else {})}
    return [words[k].format(previous=prev_label) for k in overview_columns(fig.year_end)]


def check_labels(year_end: bool = False) -> dict[str, tuple[str, str]]:
    """key -> (label, explanation) of the checks sheet's rows (at the year end some judge the outcome)."""
    return {**tb.CHECKS, **(tb.CHECKS_YEAR_END if year_end else {})}


COL = columns()

THRESHOLD_NAME = "Avvikelsegrans"

# The status palette's fills; the status words carry the meaning as well.
BAD = excel.solid_fill(styles.BAD)
CAUTION = excel.solid_fill(styles.CAUTION)
ATTENTION = excel.solid_fill(styles.ATTENTION)
NO_JUDGEMENT = excel.solid_fill(styles.NO_JUDGEMENT)
PASSED = excel.solid_fill(styles.PASSED)
STATUS_FILLS = {
    tb.STATUS_DEFICIT_BEYOND: BAD,
    tb.STATUS_NO_FRAME: BAD,
    tb.STATUS_DEFICIT: CAUTION,
    tb.STATUS_SURPLUS_BEYOND: ATTENTION,
    tb.STATUS_NOT_REPORTED: NO_JUDGEMENT,
    tb.STATUS_NO_FORECAST: NO_JUDGEMENT,
    tb.STATUS_NO_OUTCOME: NO_JUDGEMENT,
}


# --------------------------------------------------------------------------------------------
# The workbook
# --------------------------------------------------------------------------------------------

def counted_formula(ref: str, phrase: tuple[str, str, str]) -> str:
    """The formula text of ``counted`` for the count in ``ref`` (without the leading "=")."""
    one, several, rest = phrase
    return f'{ref}&IF({ref}=1," {one} "," {several} ")&"{rest}"'


@dataclass
class _Frames:
    """Where the master's writer put the frames table on sheet 5.4 (found by table name and header)."""

    sheet: str
    unit_range: str
    frame_range: str
    check_range: str


def _locate_frames(wb: Workbook) -> _Frames:
    for ws in wb.worksheets:
        table = ws.tables.get("Budgetramar")
        if table is None:
            continue
        min_col, header, max_col, _ = excel.bounds(table.ref)
        by_header = {ws.cell(row=header, column=c).value: get_column_letter(c)
                     for c in range(min_col, max_col + 1)}
        h = tm.HEADERS["Budgetramar"]
        first, last = header + 1, header + EXTRA_ROWS
        sheet = quote_sheetname(ws.title)
        unit, frame, check = (f"{sheet}!${letter}${first}:${letter}${last}"
                              for letter in (by_header[h[key]] for key in ("unit", "frame_tkr", "check")))
        return _Frames(ws.title, unit, frame, check)
    raise RuntimeError("the master writer did not write the frames table")


def build_budget_report(plan: Plan, period: Period, current: pd.DataFrame,
                        previous: pd.DataFrame | None = None) -> Workbook:
    """Finance's budget workbook for ``period`` (see the module docstring)."""
    fig = budget_figures(plan, period, current, previous)
    wb = Workbook()
    overview = excel.active_sheet(wb)
    overview.title = tb.SHEET_OVERVIEW
    checks = wb.create_sheet(tb.SHEET_CHECKS)
    comments = wb.create_sheet(tb.SHEET_COMMENTS)

    # The master's own writer produces chapters 5.1-5.4 (same formulas and defined names as the master).
    write_budget_chapters(wb, plan)
    lists = wb[tm.SHEET_LISTS]
    wb.move_sheet(lists, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(lists.title))
    frames = _locate_frames(wb)
    for ws in wb.worksheets:
        for table in ws.tables.values():  # wrapped table headers need their height
            header = excel.bounds(table.ref)[1]
            excel.fit_row_heights(ws, range(header, header + 1))

    first = HEADER_ROW + 1
    last = HEADER_ROW + max(len(fig.units), 1)
    total_row = last + 1
    _write_overview(wb, overview, plan, fig, frames, first, last, total_row)
    _write_checks(wb, checks, plan, fig, frames, first, last, total_row)
    _write_comments(comments, plan, fig, first)
    if "Lista_Verksamheter" not in wb.defined_names:
        excel.define_name(wb, "Lista_Verksamheter", overview.title, f"$A${first}:$A${last}")
    if "Installning_year" not in wb.defined_names:
        excel.define_name(wb, "Installning_year", overview.title, f"$C${ROW_YEAR}")
    wb.active = 0
    return wb


def write_budget_report(plan: Plan, period: Period, current: pd.DataFrame,
                        previous: pd.DataFrame | None, path: str | os.PathLike[str]) -> Path:
    """Build the budget workbook and save it atomically."""
    return excel.save_workbook(build_budget_report(plan, period, current, previous), path)


def _heading(ws: Worksheet, title: str, note: str, example: bool) -> None:
    excel.set_text(ws["A1"], title).font = excel.TITLE_FONT
    excel.set_text(ws["A2"], note).font = excel.NOTE_FONT
    if example:
        excel.set_text(ws["A3"], tc.EXAMPLE_BUDGET_NOTE).font = excel.WARN_FONT


def _header_row(ws: Worksheet, row: int, headers: list[str]) -> None:
    for c, text in enumerate(headers, start=1):
        cell = excel.set_text(ws.cell(row=row, column=c), text)
        cell.font = excel.HEADER_FONT
        cell.fill = excel.HEADER_FILL
        cell.alignment = excel.WRAP
        cell.border = excel.BOX


def _status_colours(ws: Worksheet, ref: str) -> None:
    for word, fill in STATUS_FILLS.items():
        ws.conditional_formatting.add(ref, CellIsRule(operator="equal", formula=[f'"{word}"'], fill=fill))


def _value(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _write_overview(wb: Workbook, ws: Worksheet, plan: Plan, fig: BudgetFigures, frames: _Frames, first: int,
                    last: int, total_row: int) -> None:
    committee = plan.settings.committee or ""
    _heading(ws, tb.TITLE.format(period=fig.period, committee=committee).rstrip(" –"),
             tb.NOTE_YEAR_END if fig.year_end else tb.NOTE, plan.budget.is_example)
    label_font = Font(bold=True)
    excel.set_text(ws.cell(row=ROW_THRESHOLD, column=1), tb.PARAMETER_THRESHOLD).font = label_font
    cell = ws.cell(row=ROW_THRESHOLD, column=3, value=_value(fig.threshold_tkr))
    cell.fill, cell.number_format, cell.border = excel.INPUT_FILL, excel.FMT_TKR, excel.BOX
    excel.define_name(wb, THRESHOLD_NAME, ws.title, f"$C${ROW_THRESHOLD}")
    excel.set_text(ws.cell(row=ROW_YEAR, column=1), tb.PARAMETER_YEAR).font = label_font
    ws.cell(row=ROW_YEAR, column=3, value=plan.settings.year).number_format = "0"
    excel.set_text(ws.cell(row=ROW_PERIOD, column=1), tb.PARAMETER_PERIOD).font = label_font
    excel.set_text(ws.cell(row=ROW_PERIOD, column=3), str(fig.period))
    excel.set_text(ws.cell(row=ROW_CHECKS, column=1), tb.CHECKS_LINE).font = label_font
    results = (f"{quote_sheetname(tb.SHEET_CHECKS)}!"
               f"$D${CHECKS_HEADER_ROW + 1}:$D${CHECKS_HEADER_ROW + len(tb.CHECKS)}")
    not_ok = f'(ROWS({results})-COUNTIF({results},"{tb.OK}"))'
    summary = ws.cell(row=ROW_CHECKS, column=3, value=f'=IF({not_ok}=0,"{tb.CHECKS_ALL_OK}",'
                                                      f'{counted_formula(not_ok, tb.CHECKS_NOT_OK)})')
    summary.font = Font(bold=True)
    ws.conditional_formatting.add(f"C{ROW_CHECKS}", CellIsRule(operator="notEqual",
                                                               formula=[f'"{tb.CHECKS_ALL_OK}"'], fill=BAD))

    _header_row(ws, HEADER_ROW, overview_headers(fig))
    c = columns(fig.year_end)
    keys = overview_columns(fig.year_end)
    no_figure = tb.STATUS_NO_OUTCOME if fig.year_end else tb.STATUS_NO_FORECAST
    for r, u in enumerate(fig.units, start=first):
        excel.set_text(ws[f"{c['unit']}{r}"], u.unit)
        excel.set_text(ws[f"{c['name']}{r}"], u.name)
        excel.set_text(ws[f"{c['reported']}{r}"], tc.YES if u.reported else tc.NO)
        match = f"MATCH({c['unit']}{r},{frames.unit_range},0)"
        lookup = f"INDEX({frames.frame_range},{match})"
        ws[f"{c['frame_tkr']}{r}"] = f'=IFERROR(IF({lookup}="","",{lookup}),"")'
        ws[f"{c['outcome_tkr']}{r}"] = _value(u.outcome_tkr)
        if not fig.year_end:
            ws[f"{c['forecast_tkr']}{r}"] = _value(u.forecast_tkr)
        judged = "outcome_tkr" if fig.year_end else "forecast_tkr"  # what the frame is held against
        d, f_, g, h = (f"{c[k]}{r}" for k in ("frame_tkr", judged, "deviation_tkr", "previous_forecast_tkr"))
        ws[g] = f'=IF(OR({d}="",{f_}=""),"",{d}-{f_})'
        ws[h] = _value(u.previous_forecast_tkr)
        ws[f"{c['forecast_change_tkr']}{r}"] = f'=IF(OR({f_}="",{h}=""),"",{f_}-{h})'
        ws[f"{c['status']}{r}"] = (
            f'=IF({c["reported"]}{r}="{tc.NO}","{tb.STATUS_NOT_REPORTED}",'
            f'IF({d}="","{tb.STATUS_NO_FRAME}",IF({f_}="","{no_figure}",'
            f'IF({g}<-{THRESHOLD_NAME},"{tb.STATUS_DEFICIT_BEYOND}",IF({g}<0,"{tb.STATUS_DEFICIT}",'
            f'IF({g}>{THRESHOLD_NAME},"{tb.STATUS_SURPLUS_BEYOND}","{tb.STATUS_WITHIN}"))))))')
        for key in keys:
            cell = ws[f"{c[key]}{r}"]
            cell.border = excel.BOX
            cell.alignment = excel.WRAP
            if key.endswith("_tkr"):
                cell.number_format = excel.FMT_TKR
            if key in ("frame_tkr", "deviation_tkr", "forecast_change_tkr", "status"):
                cell.fill = excel.FORMULA_FILL
            elif key in ("outcome_tkr", "forecast_tkr", "previous_forecast_tkr"):
                cell.fill = excel.INPUT_FILL

    excel.set_text(ws[f"{c['unit']}{total_row}"], tb.TOTAL)
    for key in ("frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr", "previous_forecast_tkr",
                "forecast_change_tkr"):
        if key not in c:
            continue
        rng = f"{c[key]}{first}:{c[key]}{last}"
        cell = ws[f"{c[key]}{total_row}"]
        cell.value = f'=IF(COUNT({rng})=0,"",SUM({rng}))'
        cell.number_format = excel.FMT_TKR
    for key in keys:
        cell = ws[f"{c[key]}{total_row}"]
        cell.font = Font(bold=True)
        cell.border = excel.BOX
        cell.fill = excel.FORMULA_FILL

    # Breaches: the status word, and colour on the status and the deviation.
    status_rng = f"{c['status']}{first}:{c['status']}{last}"
    _status_colours(ws, status_rng)
    g0 = f"${c['deviation_tkr']}{first}"
    thr = f"$C${ROW_THRESHOLD}"
    dev_rng = f"{c['deviation_tkr']}{first}:{c['deviation_tkr']}{total_row}"
    ws.conditional_formatting.add(dev_rng, FormulaRule(formula=[f"AND(ISNUMBER({g0}),{g0}<-{thr})"], fill=BAD,
                                                       stopIfTrue=True))
    ws.conditional_formatting.add(dev_rng, FormulaRule(formula=[f"AND(ISNUMBER({g0}),{g0}<0)"], fill=CAUTION,
                                                       stopIfTrue=True))
    ws.conditional_formatting.add(dev_rng, FormulaRule(formula=[f"AND(ISNUMBER({g0}),{g0}>{thr})"],
                                                       fill=ATTENTION))

    widths = dict(zip(OVERVIEW_COLUMNS, [16, 44, 12, 14, 14, 14, 14, 16, 18, 24]))
    excel.set_widths(ws, [widths[k] for k in keys])
    excel.fit_row_heights(ws, range(HEADER_ROW, total_row + 1))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3).coordinate
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _write_checks(wb: Workbook, ws: Worksheet, plan: Plan, fig: BudgetFigures, frames: _Frames, first: int,
                  last: int, total_row: int) -> None:
    _heading(ws, tb.CHECKS_TITLE.format(period=fig.period), tb.CHECKS_NOTE, plan.budget.is_example)
    _header_row(ws, CHECKS_HEADER_ROW, list(tb.CHECK_HEADERS.values()))
    ov = quote_sheetname(tb.SHEET_OVERVIEW)
    letters = columns(fig.year_end)

    def units(key: str) -> str:
        letter = letters[key]
        return f"{ov}!${letter}${first}:${letter}${last}"

    forecasts = units("outcome_tkr" if fig.year_end else "forecast_tkr")  # the figure held against the frame
    r0 = CHECKS_HEADER_ROW + 1
    rows = {key: r0 + i for i, key in enumerate(tb.CHECKS)}

    def count_result(row: int, phrase: tuple[str, str, str]) -> str:
        return f'=IF(B{row}=0,"{tb.OK}",{counted_formula(f"B{row}", phrase)})'

    ceiling = '=IF(Nettokostnadstak="","",Nettokostnadstak)'
    net_value, net_result = net_cost_formulas(f"B{rows['net_cost_forecast']}", forecasts, units("unit"))
    r = rows
    formulas: dict[str, tuple[str, Any, str, str]] = {
        "frames_total": ("=Summa_ramar", '=IF(Total_ram="","",Total_ram)', "=Kontroll_ramar", excel.FMT_TKR),
        "frame_rows": (f'=COUNTIF({frames.check_range},"{tm.CHECK_ROW_BAD}")', 0,
                       count_result(r["frame_rows"], tb.RESULT_ROWS_BAD), "0"),
        "net_cost_frames": ("=Nettokostnadsutveckling", ceiling,
                            f'=IF(Kontroll_nettokostnad="","{tb.NOT_ASSESSED}",Kontroll_nettokostnad)',
                            excel.FMT_PERCENT_DEC),
        "net_cost_forecast": (net_value, ceiling, net_result, excel.FMT_PERCENT_DEC),
        "total_deviation": (f"={ov}!${letters['deviation_tkr']}${total_row}", 0,
                            f'=IF(B{r["total_deviation"]}="","{tb.NOT_ASSESSED}",'
                            f'IF(B{r["total_deviation"]}<0,"{tb.RESULT_DEFICIT}","{tb.OK}"))', excel.FMT_TKR),
        "deficits": (f'=COUNTIF({units("deviation_tkr")},"<0")', 0,
                     count_result(r["deficits"], tb.RESULT_DEFICITS), "0"),
        "beyond_threshold": (f'=COUNTIF({units("status")},"{tb.STATUS_DEFICIT_BEYOND}")'
                             f'+COUNTIF({units("status")},"{tb.STATUS_SURPLUS_BEYOND}")',
                             f"={THRESHOLD_NAME}",
                             count_result(r["beyond_threshold"], tb.RESULT_BEYOND), "0"),
        "not_reported": (f'=COUNTIF({units("reported")},"{tc.NO}")', 0,
                         count_result(r["not_reported"], tb.RESULT_NOT_REPORTED), "0"),
        "without_frame": (f'=ROWS({units("frame_tkr")})-COUNT({units("frame_tkr")})', 0,
                          count_result(r["without_frame"], tb.RESULT_WITHOUT_FRAME), "0"),
    }
    for key, (label, explanation) in check_labels(fig.year_end).items():
        row = rows[key]
        value, limit, result, fmt = formulas[key]
        excel.set_text(ws.cell(row=row, column=1), label).font = Font(bold=True)
        ws.cell(row=row, column=2, value=value).number_format = fmt
        limit_cell = ws.cell(row=row, column=3, value=limit)
        limit_cell.number_format = fmt if fmt != "0" else (excel.FMT_TKR if key == "beyond_threshold" else "0")
        ws.cell(row=row, column=4, value=result).font = Font(bold=True)
        excel.set_text(ws.cell(row=row, column=5), explanation)
        for col in range(1, 6):
            cell = ws.cell(row=row, column=col)
            cell.border = excel.BOX
            cell.alignment = excel.WRAP
            if 2 <= col <= 4:
                cell.fill = excel.FORMULA_FILL
    result_rng = f"D{r0}:D{r0 + len(tb.CHECKS) - 1}"
    # "Ej bedömd" and "Ej bedömd: inom taket för 3 av 4 verksamheter" are grey, never green.
    ws.conditional_formatting.add(result_rng, FormulaRule(
        formula=[f'LEFT(D{r0},{len(tb.NOT_ASSESSED)})="{tb.NOT_ASSESSED}"'], fill=NO_JUDGEMENT, stopIfTrue=True))
    ws.conditional_formatting.add(result_rng, CellIsRule(operator="equal", formula=[f'"{tb.OK}"'], fill=PASSED,
                                                         stopIfTrue=True))
    ws.conditional_formatting.add(result_rng, CellIsRule(operator="notEqual", formula=[f'"{tb.OK}"'],
                                                         fill=BAD))
    excel.set_widths(ws, [48, 14, 14, 40, 70])
    excel.fit_row_heights(ws, range(CHECKS_HEADER_ROW, r0 + len(tb.CHECKS)))
    ws.freeze_panes = ws.cell(row=CHECKS_HEADER_ROW + 1, column=1).coordinate
    excel.print_setup(ws, title_rows=f"{CHECKS_HEADER_ROW}:{CHECKS_HEADER_ROW}")


def net_cost_formulas(value: str, figures: str, units: str) -> tuple[str, str]:
    """The value and result formulas of net cost growth under the coverage rule (``budget_figures``): ``figures``
    are the units' forecasts (T3: outcomes), ``units`` their ids, ``value`` the cell of the value. Complete: their
    sum against the sum of 5.2; a unit missing: the units with a figure and a 5.2 row against their own 5.2 rows,
    and the result names how many they are."""
    prior_units = excel.sheet_ref(tm.SHEET_PRIOR_FORECAST, absolute_range("Arsprognos", "unit"))
    prior = excel.sheet_ref(tm.SHEET_PRIOR_FORECAST, absolute_range("Arsprognos", "forecast_tkr"))
    complete = f"COUNT({figures})=ROWS({figures})"
    have = f"--ISNUMBER({figures})"
    base = f"SUMPRODUCT({have},SUMIF({prior_units},{units},{prior}))"
    basis_sum = f"SUMPRODUCT({have},--(COUNTIF({prior_units},{units})>0),{figures})"
    n = f"SUMPRODUCT({have},--(COUNTIF({prior_units},{units})>0))"
    value_formula = (f'=IF({complete},IF(Summa_foregaende_prognos=0,"",SUM({figures})/Summa_foregaende_prognos-1),'
                     f'IF({base}=0,"",{basis_sum}/{base}-1))')
    within = f"{value}<=Nettokostnadstak+{CEILING_TOLERANCE}"

    def partial(phrase: tuple[str, str, str]) -> str:
        before, between, after = phrase
        return f'"{before}"&{n}&"{between}"&ROWS({figures})&"{after}"'

    result = (f'=IF(OR({value}="",Nettokostnadstak=""),"{tb.NOT_ASSESSED}",IF({complete},'
              f'IF({within},"{tb.OK}","{tb.RESULT_ABOVE_CEILING}"),'
              f'IF({within},{partial(tb.NOT_ASSESSED_PARTIAL)},{partial(tb.RESULT_ABOVE_CEILING_PARTIAL)})))')
    return value_formula, result


def _write_comments(ws: Worksheet, plan: Plan, fig: BudgetFigures, first: int) -> None:
    _heading(ws, tb.COMMENTS_TITLE.format(period=fig.period), tb.COMMENTS_NOTE, plan.budget.is_example)
    header = CHECKS_HEADER_ROW
    _header_row(ws, header, list(tb.COMMENT_HEADERS.values()))
    ov = quote_sheetname(tb.SHEET_OVERVIEW)
    for i, u in enumerate(fig.units):
        r = header + 1 + i
        excel.set_text(ws.cell(row=r, column=1), u.unit)
        excel.set_text(ws.cell(row=r, column=2), u.name)
        ws.cell(row=r, column=3, value=f"={ov}!${columns(fig.year_end)['status']}${first + i}")
        excel.set_text(ws.cell(row=r, column=4), u.comment or None)
        excel.set_text(ws.cell(row=r, column=5), u.events or None)
        for col in range(1, 6):
            cell = ws.cell(row=r, column=col)
            cell.border = excel.BOX
            cell.alignment = excel.WRAP
    status_rng = f"C{header + 1}:C{header + max(len(fig.units), 1)}"
    _status_colours(ws, status_rng)
    excel.set_widths(ws, [16, 36, 22, 70, 60])
    excel.fit_row_heights(ws, range(header, header + len(fig.units) + 1))
    ws.freeze_panes = ws.cell(row=header + 1, column=1).coordinate
    excel.print_setup(ws, title_rows=f"{header}:{header}")


# --------------------------------------------------------------------------------------------
# From files: the master and the history database
# --------------------------------------------------------------------------------------------

@dataclass
class BudgetReportResult:
    path: Path
    figures: BudgetFigures
    master_findings: list[Finding]  # the budget rules' findings in the master (shown in the workbook too)


def make_budget_report(master_path: str | os.PathLike[str], period: Period,
                       output: str | os.PathLike[str], db_path: str | os.PathLike[str] | None = None, *,
                       allow_network: bool = False) -> BudgetReportResult:
    """Read the master and the period's budget figures from the history database, write the workbook.

    Raises WorkbookError when the master cannot be read or has reading errors (a figure that is not a
    number, a missing table), InputError when the period is not in the plan year or the database does
    not exist. The budget rules' findings (frames not adding up, ...) do not stop the report: it shows them.
    """
    src = Path(master_path)
    # Only what the report uses must be readable: the budget's tables, the units and the settings.
    checked = check_budget_file(src, (*BUDGET_TABLES, "Installningar"))
    plan = checked.plan
    errors = [f for f in checked.read if f.is_error]
    if errors:
        lines = "\n".join(f"  {f.location}: {f.message}" for f in errors[:10])
        raise WorkbookError(tb.MASTER_UNREADABLE.format(path=src, count=len(errors), lines=lines))
    check_plan_year(period, plan.year)
    db = as_target(db_path) if db_path is not None else workspace.database_path(src, plan)
    if not exists(db):
        raise InputError(tb.NO_DATABASE.format(path=describe(db)))
    with History.open(db, allow_network=allow_network) as history:
        current = history.budget(period=period)
        prev = period.previous()
        previous = history.budget(period=prev) if prev is not None else None
    figures = budget_figures(plan, period, current, previous)
    path = write_budget_report(plan, period, current, previous, output)
    return BudgetReportResult(path, figures, checked.rules)
