"""The contract of a unit's return workbook: sheet names, columns and identity keys.

The generator (``toolkit.returns.build``) writes this layout and the validator (``toolkit.validate``) reads it.
Reading never depends on row positions: each input row carries its indicator or assignment id in the
first column, and columns are found by their header text in the header row (the row whose first cell
is the id header). Swedish names live in ``toolkit.texts.returns``; this module only says which exist.

Format version history:
  1 - first version.
  2 - the indicator sheet shows Måttenhet, Mäts som and Anvisning; the Kontroll column and the Status line
      check values as well as missing inputs (hidden helper columns right of Kontroll read each value by the
      validator's rules), and the Start sheet counts the problems of rows that carry an id.
"""

from __future__ import annotations

from toolkit.core.model import Indicator
from toolkit.core.periods import Period
from toolkit.texts import returns as tr

FORMAT_VERSION = 2
# The versions the validator reads. A return of an earlier version (sent out before an upgrade, or archived) is
# read by its values under today's rules; its formulas are only checked for presence, as the generator that
# wrote them is gone.
READABLE_VERSIONS = (1, 2)

# Sheets, in workbook order. IDENTITY is very hidden.
SHEET_START = tr.SHEET_START
SHEET_INDICATORS = tr.SHEET_INDICATORS
SHEET_ASSIGNMENTS = tr.SHEET_ASSIGNMENTS
SHEET_ECONOMY = tr.SHEET_ECONOMY
SHEET_LISTS = tr.SHEET_LISTS
SHEET_IDENTITY = "_nplan"

HEADER_ROW = 4  # where the generator writes headers; readers look for the id header instead

# Columns of each input sheet, in order: field key -> header text. The first is the id column.
# "input" fields are unlocked cells the unit fills in; "check" is a formula column that says what is
# missing on the row (empty when complete).
INDICATOR_COLUMNS = tr.INDICATOR_HEADERS
INDICATOR_INPUTS = ("outcome", "assessment", "analysis", "measures")
ASSIGNMENT_COLUMNS = tr.ASSIGNMENT_HEADERS
ASSIGNMENT_INPUTS = ("status", "comment")
ECONOMY_COLUMNS = tr.ECONOMY_HEADERS
ECONOMY_INPUTS = ("outcome_tkr", "forecast_tkr", "comment", "events")
FORMULA_FIELDS = {"check", "deviation_tkr"}

# Hidden helper columns right of each input sheet's last column, without a header (readers never see them):
# the form reads each value by the validator's rules there, and counts what is missing and what is wrong.
# A number cell needs four: its text without spaces, without suffixes ("%", "tkr"), without its sign, and
# the value read ("" empty, "#" not a number).
NUMBER_HELPERS = ("clean", "stripped", "body", "value")
# Indicators also keep the assessment's trimmed text, whether the analysis is empty and the outcome's problem;
# a yes/no outcome's trimmed text goes where a number's text without spaces goes ("clean").
INDICATOR_HELPERS = (*NUMBER_HELPERS, "assessment", "analysis_empty", "problem", "missing", "errors")
ASSIGNMENT_HELPERS = ("status", "missing", "errors")
ECONOMY_HELPERS = (*(f"outcome_{h}" for h in NUMBER_HELPERS), *(f"forecast_{h}" for h in NUMBER_HELPERS),
                   "missing", "errors")

# Keys of the identity sheet (column A key, column B value), written as text.
IDENTITY_KEYS = (
    "format_version",   # FORMAT_VERSION
    "plan_identity",    # Plan.identity()
    "unit_fingerprint",  # Plan.unit_fingerprint(unit_id)
    "unit_id",
    "unit_name",
    "period",           # "2026-T2"
    "committee",
    "plan_year",
    "generated_at",     # ISO time of generation (UTC); not part of the content comparison
    "deviation_threshold_tkr",
)

# Text length limits for free-text inputs (validation warns/errs beyond them).
MAX_TEXT = {"analysis": 2000, "measures": 2000, "comment": 2000}

# ---- What a unit must fill in (added with the generator; the workbook's formulas apply these rules) ----
# Required on every listed row, by tertial. Only indicators and assignments due in the period are listed.
REQUIRED_INDICATOR_INPUTS = {1: (), 2: ("outcome", "assessment"), 3: ("outcome", "assessment")}
REQUIRED_ASSIGNMENT_INPUTS = {1: ("status",), 2: ("status",), 3: ("status",)}
REQUIRED_ECONOMY_INPUTS = {
    1: ("outcome_tkr", "forecast_tkr", "events"),  # T1: economy and significant events
    2: ("outcome_tkr", "forecast_tkr"),
    3: ("outcome_tkr", "forecast_tkr"),
}


def required_indicator_inputs(indicator: Indicator, period: Period) -> tuple[str, ...]:
    """What a unit must fill in on an indicator's row: by tertial, except that an indicator reported only in
    April (T1) needs its outcome and assessment there (its only period)."""
    if period.tertial == 1 and indicator.only_in_first_tertial:
        return REQUIRED_INDICATOR_INPUTS[2]
    return REQUIRED_INDICATOR_INPUTS[period.tertial]


# Required under a condition, in every tertial:
#  - indicator "analysis" when "assessment" is filled in and is not Uppfyllt (Assessment.MET);
#  - economy "comment" when |frame - forecast| > deviation_threshold_tkr (strictly greater).

# Cells and names of the generated workbook that readers may want (they are formulas or constants).
START_STATUS_CELL = "B10"   # Start: the completeness line ("Klar att skicka" / "N obligatoriska ...")
START_MISSING_TOTAL_CELL = "B14"  # Start: the number of missing required inputs
START_ERRORS_TOTAL_CELL = "B18"  # Start: the number of values that nplan would refuse
THRESHOLD_NAME = "Avvikelsegrans"  # defined name of the threshold cell on the economy sheet
LIST_NAMES = {"assessment": "Lista_Bedomning", "status": "Lista_Uppdragsstatus", "yesno": "Lista_JaNej"}
