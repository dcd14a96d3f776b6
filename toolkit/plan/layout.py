"""The master workbook's contract: its tables (found by name), the sheet each is written on, the dropdown
lists, where the writer puts table headers and how far below a table validations and formulas reach.

The Swedish header of every field of every table is in ``toolkit.texts.master`` (``HEADERS``); the
reader finds tables by name and columns by header text, never by coordinates.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from toolkit.texts import common as tc
from toolkit.texts import master as tm

HEADER_ROW = 4  # where the writer puts table headers; the reader never assumes it
EXTRA_ROWS = 200  # validations and formula ranges reach this far below a table

# The sheet each table is written on (the reader finds tables anywhere; this names the expected place).
TABLE_SHEETS = {
    "Installningar": tm.SHEET_SETTINGS, "Mal": tm.SHEET_GOALS, "Delmal": tm.SHEET_SUB_GOALS,
    "Indikatorer": tm.SHEET_INDICATORS, "Uppdrag": tm.SHEET_ASSIGNMENTS, "Verksamheter": tm.SHEET_UNITS,
    "Bedomningar": tm.SHEET_VERDICTS, "Vikter": tm.SHEET_WEIGHTS, "Atgarder": tm.SHEET_MEASURES,
    "Arsprognos": tm.SHEET_PRIOR_FORECAST,
    "Budgetforandringar": tm.SHEET_CHANGES, "Budgetramar": tm.SHEET_FRAMES,
    "Budgetparametrar": tm.SHEET_FRAMES, "Korlogg": tm.SHEET_LOG, "Plantexter": tm.SHEET_PLAN_TEXTS,
}

# The dropdown lists: defined name -> items (on a hidden sheet).
LISTS: dict[str, list[str]] = {
    "Lista_Vardetyp": list(tc.VALUE_KIND.values()),
    "Lista_Matning": list(tc.MEASUREMENT.values()),
    "Lista_Riktning": list(tc.DIRECTION.values()),
    "Lista_Sammanvagning": list(tc.AGGREGATION.values()),
    "Lista_Uppdragsstatus": list(tc.ASSIGNMENT_STATUS.values()),
    "Lista_Bedomning": list(tc.ASSESSMENT.values()),
    "Lista_Forandringstyp": list(tc.CHANGE_KIND.values()),
    "Lista_Niva": list(tc.VERDICT_LEVEL.values()),
    "Lista_Atgardsstatus": list(tc.MEASURE_STATUS),
    "Lista_JaNej": [tc.YES, tc.NO],
    "Lista_Texttyp": list(tc.TEXT_KIND.values()),
}
UNITS_LIST = "Lista_Verksamheter"  # the unit ids of the table Verksamheter, for dropdowns
INDICATORS_LIST = "Lista_Indikatorer"  # the indicator ids of the table Indikatorer, for dropdowns

# Columns added after masters were in use: a master without them reads as before (their defaults apply).
OPTIONAL_COLUMNS = {"Indikatorer": {"measurement", "decimals"}}

SETTING_NAME_PREFIX = "Installning_"  # each setting's value cell is named Installning_<key>
YEAR_NAME = SETTING_NAME_PREFIX + "year"  # the plan year; sheet headings follow it


def header(table: str, field_name: str) -> str:
    """The Swedish header of a field of a table (what the user sees); the field name when unknown."""
    return tm.HEADERS.get(table, {}).get(field_name, field_name)


def column_index(table: str, field_name: str) -> int:
    """The column (1-based) the writer puts a field in."""
    return list(tm.HEADERS[table]).index(field_name) + 1


def column_range(table: str, field_name: str, header_row: int = HEADER_ROW) -> str:
    """The writer's range of a field below its header: "C5:C204"."""
    letter = get_column_letter(column_index(table, field_name))
    return f"{letter}{header_row + 1}:{letter}{header_row + EXTRA_ROWS}"


def absolute_range(table: str, field_name: str, header_row: int = HEADER_ROW) -> str:
    """``column_range`` with absolute references: "$C$5:$C$204"."""
    letter = get_column_letter(column_index(table, field_name))
    return f"${letter}${header_row + 1}:${letter}${header_row + EXTRA_ROWS}"
