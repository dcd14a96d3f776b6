"""Styles shared by every workbook the toolkit writes: fills, fonts, borders, number formats."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(italic=True, color="595959")
WARN_FONT = Font(italic=True, bold=True, color="9C0006")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
FORMULA_FILL = PatternFill("solid", fgColor="EDEDED")
MISSING_FILL = PatternFill("solid", fgColor="F8CBAD")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")

FMT_TKR = "#,##0"
FMT_TKR_DEC = "#,##0.0"
FMT_PERCENT = "0%"
FMT_PERCENT_DEC = "0.0%"
FMT_DATE = "yyyy-mm-dd"
FMT_COUNT = "#,##0"
