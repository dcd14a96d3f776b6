"""The contract of a unit's return workbook: sheet names, columns and identity keys.

The generator (``toolkit.returns``) writes this layout and the validator (``toolkit.validate``) reads it.
Reading never depends on row positions: each input row carries its indicator or assignment id in the
first column, and columns are found by their header text in the header row (the row whose first cell
is the id header). Swedish names live in ``toolkit.texts.returns``; this module only says which exist.

Format version history:
  1 - first version.
"""

from __future__ import annotations

from toolkit.texts import returns as tr

FORMAT_VERSION = 1

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
