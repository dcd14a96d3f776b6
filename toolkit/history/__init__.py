"""The history of a committee's collected returns: schema and migrations, the store and its one counting rule
(with conflicts and the controller's choices), typed queries and their DataFrame views, collecting an inbox (files
and saved mails), the status per unit against the deadline and its workbook, reminder drafts, export."""

from toolkit.history.collect import CollectResult, FileOutcome
from toolkit.history.export import export_table
from toolkit.history.records import (
    ACCEPTED,
    MISSING,
    RECEIVED,
    REJECTED,
    SUPERSEDED,
    Collected,
    ReportedAssignment,
    ReportedBudget,
    ReportedValue,
    Submission,
)
from toolkit.history.status import UnitStatus, unit_statuses
from toolkit.history.status_workbook import default_status_path, write_status_workbook
from toolkit.history.store import History, HistoryError, Stored

__all__ = [
    "ACCEPTED", "MISSING", "RECEIVED", "REJECTED", "SUPERSEDED", "CollectResult", "Collected", "FileOutcome",
    "History", "HistoryError", "ReportedAssignment", "ReportedBudget", "ReportedValue", "Stored", "Submission",
    "UnitStatus", "default_status_path", "export_table", "unit_statuses",
    "write_status_workbook",
]
# The functions ``collect`` and ``export`` live in their modules (``toolkit.history.collect.collect``,
# ``toolkit.history.export.export``): exported here they would hide the modules of the same name.
