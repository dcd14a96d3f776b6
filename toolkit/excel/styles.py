"""Styles shared by every workbook the toolkit writes: fills, fonts, borders, number formats, and the one
status palette (also used by the committee's document)."""

from __future__ import annotations

from functools import cache

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

# ---- the one status palette ----------------------------------------------------------------------
# Every traffic-light and state colour the toolkit shows, as RGB hex, named by what it means. The colours
# differ in lightness so that they stay apart in grey print, and a word always says what the colour says.
GOOD = "8FD18F"  # met; a return that counts
ATTENTION = "FFE27A"  # partly met; a missing return; a conflict to settle; a surplus beyond the deviation threshold
BAD = "E06666"  # not met; overdue; a rejected return; a deficit beyond the threshold; a check that fails
NO_JUDGEMENT = "D9D9D9"  # no assessment; a superseded or unread return; not reported; not assessed
CAUTION = "F4B183"  # a deficit within the deviation threshold
PASSED = "C6E0B4"  # a budget check that passes (paler than GOOD: a whole column of them)

# Keyed by the enumeration's values (``toolkit.core.model.Assessment``).
ASSESSMENT_COLOURS = {"met": GOOD, "partly": ATTENTION, "not_met": BAD, "none": NO_JUDGEMENT}
# A unit's return in a period (collect's status per unit) and a stored submission (the report), by state.
RETURN_COLOURS = {"received": NO_JUDGEMENT, "accepted": GOOD, "rejected": BAD, "superseded": NO_JUDGEMENT,
                  "missing": ATTENTION, "conflict": ATTENTION}

# ---- other colours ---------------------------------------------------------------------------------
ACCENT = "1F4E79"  # table headers, section headings
NOTE_COLOUR = "595959"
WARN_COLOUR = "9C0006"
GOAL_BAND = "DDEBF7"  # a goal's row in the report; the document's table headers
SUB_GOAL_BAND = "F2F2F2"  # a sub-goal's or an assignment's row in the report
BORDER_COLOUR = "A6A6A6"  # thin cell borders in workbooks and the documents' tables


@cache
def solid_fill(rgb: str) -> PatternFill:
    """A solid fill of one colour (one object per colour: styles are compared by value when saved)."""
    return PatternFill("solid", fgColor=rgb)


HEADER_FILL = PatternFill("solid", fgColor=ACCENT)
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(italic=True, color=NOTE_COLOUR)
WARN_FONT = Font(italic=True, bold=True, color=WARN_COLOUR)
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
FORMULA_FILL = PatternFill("solid", fgColor="EDEDED")
MISSING_FILL = PatternFill("solid", fgColor="F8CBAD")
THIN = Side(style="thin", color=BORDER_COLOUR)
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")

FMT_TKR = "#,##0"
FMT_TKR_DEC = "#,##0.0"
FMT_PERCENT = "0%"
FMT_PERCENT_DEC = "0.0%"
FMT_DATE = "yyyy-mm-dd"
FMT_COUNT = "#,##0"


def number_format(kind: str, decimals: int | None = None) -> str:
    """The number format of an indicator value of a kind (``ValueKind`` value) with its decimals: counts whole,
    decimal numbers and amounts with thousands separators, shares in percent (decimals of the percent number).
    A decimal number without decimals given shows what it holds ("General")."""
    places = "." + "0" * decimals if decimals else ""
    if kind == "count":
        return FMT_COUNT
    if kind == "share":
        return f"0{places}%"
    if kind == "amount":
        return FMT_TKR + places
    if kind == "decimal":
        return FMT_COUNT + places if decimals is not None else "General"
    return "General"
