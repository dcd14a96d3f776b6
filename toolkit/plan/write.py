"""Writing the master workbook: a plan into its tables, with dropdowns, validations, the budget chapters'
formulas (5.1-5.4) and the run log sheet, in the layout of ``toolkit.plan.layout``."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import MAX_DECIMALS, NUMBER_KINDS, Indicator, Plan, TextKind, ValueKind
from toolkit.core.plantexts import place_text
from toolkit.excel import styles
from toolkit.plan.layout import (
    EXTRA_ROWS,
    HEADER_ROW,
    INDICATORS_LIST,
    LISTS,
    SETTING_NAME_PREFIX,
    UNITS_LIST,
    YEAR_NAME,
    absolute_range,
    column_index,
    column_range,
)
from toolkit.plan.rollover import Rollover
from toolkit.plan.write_rollover import add_rollover_sheet
from toolkit.texts import common as tc
from toolkit.texts import master as tm


def build_master(plan: Plan) -> Workbook:
    """A master workbook holding ``plan`` (an empty plan gives the empty template)."""
    wb = Workbook()
    ws = excel.active_sheet(wb)
    ws.title = tm.SHEET_INSTRUCTIONS
    _write_instructions(ws, plan)
    _write_lists(wb)
    _write_settings(wb, plan)
    _write_goals(wb, plan)
    _write_sub_goals(wb, plan)
    _write_indicators(wb, plan)
    _write_assignments(wb, plan)
    _write_texts(wb, plan)
    _write_units(wb, plan)
    _write_weights(wb, plan)
    _write_verdicts(wb, plan)
    _write_budget(wb, plan)
    _write_log(wb)
    return wb


def write_master(plan: Plan, path: str | os.PathLike[str], *, rollover: Rollover | None = None) -> Path:
    """Write a master holding ``plan``; with ``rollover`` (next year's master) also its summary sheet."""
    wb = build_master(plan)
    if rollover is not None:
        add_rollover_sheet(wb, rollover)
    return excel.save_workbook(wb, path)


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
            parts.append(f"{YEAR_NAME}")
        elif piece == "{previous}":
            parts.append(f"({YEAR_NAME}-1)")
        elif piece:
            parts.append('"' + piece.replace('"', '""') + '"')
    plain = " ".join(re.sub(r"\{year\}|\{previous\}|–", " ", template).split())
    return f'=IF(ISNUMBER({YEAR_NAME}),{"&".join(parts)},"{plain}")'


def _table_sheet(wb: Workbook, title: str, table: str, rows: list[list[Any]], widths: Sequence[float],
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
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1).coordinate
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    return ws


def _write_instructions(ws: Worksheet, plan: Plan) -> None:
    for i, line in enumerate(tm.INSTRUCTIONS, start=1):
        cell = excel.set_text(ws.cell(row=i, column=1), line)
        cell.alignment = excel.WRAP
        if i == 1:
            cell.font = excel.TITLE_FONT
        elif line and not line[0].isdigit() and len(line) < 40:
            cell.font = Font(bold=True, color=styles.ACCENT)
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
        "period": str(s.period) if s.period is not None else "", "deadline": s.deadline, "inbox": s.inbox,
        "output_dir": s.output_dir, "database": s.database, "word_template": s.word_template,
        "pdf": tc.YES if s.pdf else tc.NO,
    }
    rows = [[label, values[key], desc] for key, (label, desc) in tm.SETTINGS.items()]
    ws = _table_sheet(wb, tm.SHEET_SETTINGS, "Installningar", rows, [44, 40, 90])
    formats = {"year": "0", "partly_threshold": excel.FMT_PERCENT, "deviation_threshold_tkr": excel.FMT_TKR,
               "deadline": excel.FMT_DATE}
    value_col = column_index("Installningar", "value")
    for r, key in enumerate(tm.SETTINGS, start=HEADER_ROW + 1):
        cell = ws.cell(row=r, column=value_col)
        cell.fill = excel.INPUT_FILL
        if key in formats:
            cell.number_format = formats[key]
        excel.define_name(wb, SETTING_NAME_PREFIX + key, ws.title, f"${get_column_letter(value_col)}${r}")
        if key == "pdf":
            excel.list_validation(ws, "Lista_JaNej", cell.coordinate, error=tm.VALIDATION_ERRORS["yes_no"])


def _write_goals(wb: Workbook, plan: Plan) -> None:
    rows = [[g.number, g.title, g.formulation] for g in plan.goals]
    _table_sheet(wb, tm.SHEET_GOALS, "Mal", rows, [8, 40, 100])


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


def _value_format(ind: Indicator) -> str:
    """The number format of a plan value of the indicator's kind (with its decimals)."""
    if ind.kind in NUMBER_KINDS:
        return excel.number_format(ind.kind.value, ind.decimals)
    return "General"


# A number the plan writes without a thousands separator ("2300"): shown as typed (the same format without its
# separator). The reader takes a number format without a separator to mean the same (Indicator.baseline_grouped).
def _ungrouped(fmt: str) -> str:
    plain = fmt.replace("#,##", "")
    return "General" if plain == "0" else plain


def _write_indicators(wb: Workbook, plan: Plan) -> None:
    t = "Indikatorer"
    rows = []
    for i in plan.indicators:
        rows.append([
            i.id, i.sub_goal, i.name, tc.VALUE_KIND[i.kind], i.unit_of_measure, i.baseline_year,
            _indicator_cell_value(i.baseline, i.kind), i.baseline_missing_reason,
            _indicator_cell_value(i.target, i.kind), i.periodicity.text, tc.DIRECTION[i.direction],
            ", ".join(i.units), tc.AGGREGATION[i.aggregation], i.partly_threshold, i.note,
            tc.MEASUREMENT[i.measurement] if i.measurement is not None else "", i.decimals,
        ])
    widths = [12, 10, 50, 13, 12, 8, 12, 16, 12, 18, 16, 22, 16, 12, 30, 18, 10]
    ws = _table_sheet(wb, tm.SHEET_INDICATORS, t, rows, widths,
                      formats={"baseline_year": "0", "partly_threshold": excel.FMT_PERCENT})
    for r, ind in enumerate(plan.indicators, start=HEADER_ROW + 1):
        for field_name, grouped in (("baseline", ind.baseline_grouped), ("target", ind.target_grouped)):
            cell = ws.cell(row=r, column=column_index(t, field_name))
            fmt = _value_format(ind)
            cell.number_format = fmt if grouped or ind.kind is ValueKind.SHARE else _ungrouped(fmt)
    if any(i.target is None for i in plan.indicators):
        cell = excel.set_text(ws["A3"], tm.TARGET_TO_ENTER.format(year=plan.settings.year))
        cell.font = excel.WARN_FONT
    err = tm.VALIDATION_ERRORS
    excel.list_validation(ws, "Lista_Vardetyp", column_range(t, "kind"), error=err["kind"])
    excel.list_validation(ws, "Lista_Riktning", column_range(t, "direction"), error=err["direction"])
    excel.list_validation(ws, "Lista_Sammanvagning", column_range(t, "aggregation"),
                         error=err["aggregation"])
    excel.number_validation(ws, column_range(t, "partly_threshold"), minimum=0, maximum=1, error=err["share"])
    excel.list_validation(ws, "Lista_Matning", column_range(t, "measurement"), error=err["measurement"])
    excel.number_validation(ws, column_range(t, "decimals"), kind="whole", minimum=0, maximum=MAX_DECIMALS,
                            error=err["decimals"])
    _mark_missing(ws, column_range(t, "target"), column_range(t, "id").split(":")[0])
    excel.define_name(wb, INDICATORS_LIST, tm.SHEET_INDICATORS, absolute_range(t, "id"))


def _mark_missing(ws: Worksheet, ref: str, key_cell: str) -> None:
    """Colour an empty required cell on a row that is in use (its key cell is filled)."""
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
    excel.list_validation(ws, "Lista_Uppdragsstatus", column_range(t, "status"), error=err["status"])
    excel.number_validation(ws, column_range(t, "end_date"), kind="date", minimum=36526, maximum=73051,
                           error=err["date"])


def _write_texts(wb: Workbook, plan: Plan) -> None:
    """The plan document's own texts, one block per row; the column Avsnitt is text, so that a typed 2.1
    stays "2.1" (and never becomes a number or a date)."""
    t = "Plantexter"
    rows = [[place_text(b), tc.TEXT_KIND[b.kind], b.text] for b in plan.texts]
    ws = _table_sheet(wb, tm.SHEET_PLAN_TEXTS, t, rows, [10, 14, 110])
    section_col = column_index(t, "section")
    for r in range(HEADER_ROW + 1, HEADER_ROW + EXTRA_ROWS + 1):
        ws.cell(row=r, column=section_col).number_format = "@"
    for r, block in enumerate(plan.texts, start=HEADER_ROW + 1):
        if block.kind in (TextKind.HEADING, TextKind.SUBHEADING, TextKind.FORMULATION):
            ws.cell(row=r, column=column_index(t, "text")).font = Font(bold=True)
    excel.list_validation(ws, "Lista_Texttyp", column_range(t, "kind"), error=tm.VALIDATION_ERRORS["text_kind"])


def _write_units(wb: Workbook, plan: Plan) -> None:
    rows = [[u.id, u.name, u.contact] for u in plan.units]
    _table_sheet(wb, tm.SHEET_UNITS, "Verksamheter", rows, [16, 60, 30])
    excel.define_name(wb, UNITS_LIST, tm.SHEET_UNITS, absolute_range("Verksamheter", "id"))


def _write_weights(wb: Workbook, plan: Plan) -> None:
    t = "Vikter"
    rows = [[w.indicator, w.unit, w.weight, w.note] for w in plan.weights]
    ws = _table_sheet(wb, tm.SHEET_WEIGHTS, t, rows, [14, 16, 12, 60])
    err = tm.VALIDATION_ERRORS
    excel.list_validation(ws, INDICATORS_LIST, column_range(t, "indicator"), error=err["indicator"])
    excel.list_validation(ws, UNITS_LIST, column_range(t, "unit"), error=err["unit"])
    excel.number_validation(ws, column_range(t, "weight"), operator="greaterThan", minimum=0,
                            error=err["weight"])


def _write_verdicts(wb: Workbook, plan: Plan) -> None:
    t = "Bedomningar"
    rows = [[str(v.period), tc.VERDICT_LEVEL[v.level], v.ref, tc.ASSESSMENT[v.assessment], v.motivation]
            for v in plan.verdicts]
    ws = _table_sheet(wb, tm.SHEET_VERDICTS, t, rows, [10, 10, 12, 18, 90])
    err = tm.VALIDATION_ERRORS
    excel.list_validation(ws, "Lista_Niva", column_range(t, "level"), error=err["level"])
    excel.list_validation(ws, "Lista_Bedomning", column_range(t, "assessment"), error=err["assessment"])


def _write_budget(wb: Workbook, plan: Plan) -> None:
    b = plan.budget
    note = tc.EXAMPLE_BUDGET_NOTE if b.is_example else tm.BUDGET_NOTE
    err = tm.VALIDATION_ERRORS

    # 5.1 measures
    t = "Atgarder"
    rows = [[m.id, m.text, m.unit, m.amount_tkr, m.status] for m in b.measures]
    ws = _table_sheet(wb, tm.SHEET_MEASURES, t, rows, [11, 60, 16, 14, 14],
                      formats={"amount_tkr": excel.FMT_TKR}, note=note)
    excel.list_validation(ws, UNITS_LIST, column_range(t, "unit"), error=err["unit"])
    excel.list_validation(ws, "Lista_Atgardsstatus", column_range(t, "status"), error=err["status"])
    _amount_validation(ws, column_range(t, "amount_tkr"))
    _note_style(ws, b.is_example)

    # 5.2 prior forecast
    t = "Arsprognos"
    rows = [[p.unit, p.forecast_tkr] for p in b.prior_forecasts]
    ws = _table_sheet(wb, tm.SHEET_PRIOR_FORECAST, t, rows, [16, 26], formats={"forecast_tkr": excel.FMT_TKR},
                      note=note)
    excel.list_validation(ws, UNITS_LIST, column_range(t, "unit"), error=err["unit"])
    _amount_validation(ws, column_range(t, "forecast_tkr"))
    _note_style(ws, b.is_example)

    # 5.3 changes
    t = "Budgetforandringar"
    rows = [[c.unit, tc.CHANGE_KIND[c.kind], c.text, c.amount_tkr] for c in b.changes]
    ws = _table_sheet(wb, tm.SHEET_CHANGES, t, rows, [16, 18, 60, 14], formats={"amount_tkr": excel.FMT_TKR},
                      note=note)
    excel.list_validation(ws, UNITS_LIST, column_range(t, "unit"), error=err["unit"])
    excel.list_validation(ws, "Lista_Forandringstyp", column_range(t, "kind"), error=err["change_kind"])
    _amount_validation(ws, column_range(t, "amount_tkr"))
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
    changes_amount = excel.sheet_ref(tm.SHEET_CHANGES, absolute_range("Budgetforandringar", "amount_tkr"))
    changes_unit = excel.sheet_ref(tm.SHEET_CHANGES, absolute_range("Budgetforandringar", "unit"))
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
    prior = excel.sheet_ref(tm.SHEET_PRIOR_FORECAST, absolute_range("Arsprognos", "forecast_tkr"))
    measures = excel.sheet_ref(tm.SHEET_MEASURES, absolute_range("Atgarder", "amount_tkr"))

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

    bad = excel.MISSING_FILL
    for ref in (f"B{s + 2}", f"B{s + 5}", f"G{first}:G{last_ext}"):
        ws.conditional_formatting.add(ref, CellIsRule(operator="notEqual", formula=[f'"{tm.CHECK_OK}"'],
                                                      fill=bad))
    excel.list_validation(ws, UNITS_LIST, f"A{first}:A{last_ext}",
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

