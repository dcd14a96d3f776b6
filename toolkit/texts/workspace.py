"""Swedish names of the files and folders nplan creates by default (``toolkit.workspace``).

The CLI and the Excel buttons use the same names; a setting on the master's settings sheet overrides
the folders and the database.
"""

from __future__ import annotations

INBOX_FOLDER = "inkorg"
OUTPUT_FOLDER = "utdata"
ARCHIVE_FOLDER = "arkiv"
ARCHIVE_RECEIPTS = "kvitton"  # inside the archive: one receipt per submission
ARCHIVE_PLANS = "planer"  # inside the archive: each plan version
ARCHIVE_CHOICES = "val"  # inside the archive: the controller's choices in conflicts

# In the output folder, per period.
RETURNS_FOLDER = "returer-{period}"
REVIEW_FOLDER = "granskade-{period}"
REMINDERS_FOLDER = "paminnelser-{period}"
REPORT_FILE = "rapport-{period}.xlsx"
REPORT_DOCUMENT = "rapport-{period}.docx"  # the committee's document (Word)
BUDGET_REPORT_FILE = "budgetuppfoljning-{period}.xlsx"
# In the output folder, per plan year.
PLAN_DOCUMENT = "namndplan-{year}.docx"  # the plan document (Word)
