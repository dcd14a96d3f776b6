"""The rollover's summary in next year's master: a sheet listing what came from the history and what the
controller must still enter, and a note on the carried 5.1 measures. nplan never reads these back."""

from __future__ import annotations

from openpyxl import Workbook

from toolkit import excel
from toolkit.excel import styles
from toolkit.plan.layout import HEADER_ROW
from toolkit.plan.rollover import Rollover
from toolkit.texts import master as tm
from toolkit.texts import plan as tp

HISTORY_FILL = excel.solid_fill(styles.PASSED)


def add_rollover_sheet(wb: Workbook, rolled: Rollover) -> None:
    """The sheet "Årsskifte", second after the instructions, and the note on 5.1 when measures were carried."""
    year, previous = rolled.plan.year, rolled.previous_year
    ws = wb.create_sheet(tm.SHEET_ROLLOVER, 1)
    excel.set_text(ws["A1"], tm.ROLLOVER_TITLE.format(previous=previous, year=year)).font = excel.TITLE_FONT
    excel.set_text(ws["A2"], tm.ROLLOVER_NOTE).font = excel.NOTE_FONT
    items = sorted(rolled.items, key=lambda i: (not i.to_do, not i.from_history))  # to do first, each once
    excel.add_table(ws, tm.ROLLOVER_TABLE, HEADER_ROW, 1, list(tm.ROLLOVER_HEADERS.values()), len(items))
    for r, item in enumerate(items, start=HEADER_ROW + 1):
        source = tm.ROLLOVER_SOURCE_HISTORY if item.from_history else tm.ROLLOVER_SOURCE_MASTER.format(year=previous)
        row = [tp.ROLLOVER_AREAS[item.area], item.item_id, item.text, source,
               tm.ROLLOVER_TO_DO if item.to_do else tm.ROLLOVER_DONE]
        for c, value in enumerate(row, start=1):
            cell = excel.set_text(ws.cell(row=r, column=c), value)
            cell.alignment = excel.WRAP
        # The colour repeats the word in the last column (and the source column): never colour alone.
        if item.to_do:
            ws.cell(row=r, column=5).fill = excel.MISSING_FILL
        elif item.from_history:
            ws.cell(row=r, column=4).fill = HISTORY_FILL
    excel.set_widths(ws, [16, 10, 90, 18, 12])
    excel.fit_row_heights(ws, range(HEADER_ROW, HEADER_ROW + len(items) + 1))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1).coordinate
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    wb.active = 1
    if rolled.plan.budget.measures and tm.SHEET_MEASURES in wb.sheetnames:
        cell = excel.set_text(wb[tm.SHEET_MEASURES]["A3"], tm.MEASURES_CARRIED.format(previous=previous))
        cell.font = excel.WARN_FONT
