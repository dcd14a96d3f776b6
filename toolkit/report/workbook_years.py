"""The report workbook's sheet comparing years: per indicator the year-end outcome (T3) of every year the history
holds, each combined by its own year's plan (``toolkit.report.series``), this year's at T3, and this year's target."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.report.consolidate import Consolidation
from toolkit.report.wording import gap_text, year_columns, year_values, years_note
from toolkit.report.workbook_cells import (
    BOLD,
    CENTER,
    HEADER_ROW,
    NOTE_FONT,
    WARN_FONT,
    fit_rows,
    put,
    put_header,
    put_title,
    put_value,
)
from toolkit.texts import consolidate as tx


def write_years(ws: Worksheet, c: Consolidation) -> None:
    years = year_columns(c)
    widths = [8, 48, 14, *([12] * len(years)), 12, 50]
    excel.set_widths(ws, widths)
    note = tx.YEARS_NOTE.format(year=c.year)
    if not c.history_years:
        note += " " + tx.YEARS_NONE.format(year=c.year)
    put_title(ws, tx.YEARS_TITLE, note)
    h = tx.YEARS_HEADERS
    put_header(ws, HEADER_ROW, [h["ref"], h["name"], h["unit"], *(h["year"].format(year=y) for y in years),
                                h["target"].format(year=c.year), h["notes"]])
    row = HEADER_ROW
    target_col = 4 + len(years)
    for r in c.indicators:
        ind = r.indicator
        row += 1
        put(ws, row, 1, ind.id, font=BOLD)
        put(ws, row, 2, ind.name, wrap=True)
        put(ws, row, 3, ind.unit_of_measure or None, wrap=True)
        for i, p in enumerate(year_values(r, c)):
            if p.shown:
                put_value(ws, row, 4 + i, p.value, p.kind, p.decimals, font=BOLD if p.period.year == c.year else None)
            else:
                put(ws, row, 4 + i, gap_text(p), font=NOTE_FONT, align=CENTER)
        put_value(ws, row, target_col, ind.target, ind.kind, ind.decimals)
        reservation = years_note(r, c)
        if reservation:
            put(ws, row, target_col + 1, reservation, font=WARN_FONT, wrap=True)
    fit_rows(ws, widths, HEADER_ROW, row)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    excel.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
