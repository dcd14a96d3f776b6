"""DataFrame views of the history for controllers' own analysis in Python (the documented pandas API).

Each view is built from the typed reads (``toolkit.history.queries``), so the DataFrames show exactly what
consolidation and collect see. Long format, one row per unit and item; times are naive local times. The views
accept a period as a ``Period`` or a text ("2026-T2"), as a controller types it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from toolkit.core.periods import Period
from toolkit.history.queries import HistoryReads
from toolkit.history.times import local_time


def _period(period: Period | str | None) -> Period | None:
    return period if period is None or isinstance(period, Period) else Period.parse(period)


def frame(rows: Sequence[Sequence[Any]], columns: Sequence[str], times: Sequence[str] = (),
          floats: Sequence[str] = (), ints: Sequence[str] = ()) -> pd.DataFrame:
    """A DataFrame of ``rows``: text columns stay object dtype with None for "no value" (pandas 3 would infer
    its str dtype with NaN); numbers, ids and times get their own dtypes."""
    df = pd.DataFrame({name: pd.Series([row[i] for row in rows], dtype=object) for i, name in enumerate(columns)})
    for name in times:
        df[name] = pd.to_datetime(df[name])
    for name in floats:
        df[name] = pd.to_numeric(df[name], errors="coerce").astype("float64")
    for name in ints:
        df[name] = df[name].astype("int64")
    return df


class HistoryFrames(HistoryReads):
    """The DataFrame views of ``History`` (a mixin)."""

    def indicator_values(self, *, year: int | None = None, period: Period | str | None = None) -> pd.DataFrame:
        """The counting submissions' indicator values, long format, in period, plan unit and plan
        indicator order. Columns: year, period, unit_id, unit_name, indicator_id, value (float, NaN when
        empty or not a number; yes = 1.0, no = 0.0, shares as fractions), value_text (the normalized value
        as a Swede writes it, or the text), raw_value (the cell as the unit left it), assessment (English
        enum value or None), analysis, measures, submission_id, received_at."""
        rows = [(v.period.year, str(v.period), v.unit_id, v.unit_name, v.indicator_id, v.number, v.text,
                 v.raw_value, v.assessment.value if v.assessment is not None else None, v.analysis, v.measures,
                 v.submission_id, v.received_at)
                for v in self.reported_values(year=year, period=_period(period))]
        return frame(rows, ["year", "period", "unit_id", "unit_name", "indicator_id", "value", "value_text",
                            "raw_value", "assessment", "analysis", "measures", "submission_id", "received_at"],
                     times=["received_at"], floats=["value"], ints=["year", "submission_id"])

    def assignment_status(self, *, period: Period | str | None = None, year: int | None = None) -> pd.DataFrame:
        """The counting submissions' assignment status. Columns: year, period, unit_id, assignment_id,
        status (English enum value or None), comment, submission_id."""
        rows = [(a.period.year, str(a.period), a.unit_id, a.assignment_id,
                 a.status.value if a.status is not None else None, a.comment, a.submission_id)
                for a in self.reported_assignments(period=_period(period), year=year)]
        return frame(rows, ["year", "period", "unit_id", "assignment_id", "status", "comment", "submission_id"],
                     ints=["year", "submission_id"])

    def budget(self, *, period: Period | str | None = None, year: int | None = None) -> pd.DataFrame:
        """The counting submissions' budget figures (tkr). Columns: year, period, unit_id, frame_tkr,
        outcome_tkr, forecast_tkr, deviation_tkr (frame - forecast), comment, events, submission_id."""
        rows = [(b.period.year, str(b.period), b.unit_id, b.frame_tkr, b.outcome_tkr, b.forecast_tkr,
                 b.deviation_tkr, b.comment, b.events, b.submission_id)
                for b in self.reported_budget(period=_period(period), year=year)]
        return frame(rows, ["year", "period", "unit_id", "frame_tkr", "outcome_tkr", "forecast_tkr",
                            "deviation_tkr", "comment", "events", "submission_id"],
                     floats=["frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr"],
                     ints=["year", "submission_id"])

    def submissions(self, *, period: Period | str | None = None, unit_id: str | None = None) -> pd.DataFrame:
        """Every stored submission, counting or not, oldest first. Columns: submission_id, unit_id, period,
        file_name, sha256, received_at, stored_at, state ("accepted" | "rejected" | "superseded"), errors,
        warnings, archive_path, run_id, conflict (a valid file tied for the newest, not chosen: it does not count),
        sender (of the mail it came in, or ""), chosen_by (who chose it in a conflict, or "")."""
        rows = [(s.submission_id, s.unit_id, str(s.period), s.file_name, s.sha256, s.received_at, s.stored_at,
                 s.state, s.errors, s.warnings, s.archive_path, s.run_id, s.conflict, s.sender, s.chosen_by)
                for s in self.submission_list(period=_period(period), unit_id=unit_id)]
        return frame(rows, ["submission_id", "unit_id", "period", "file_name", "sha256", "received_at",
                            "stored_at", "state", "errors", "warnings", "archive_path", "run_id", "conflict",
                            "sender", "chosen_by"],
                     times=["received_at", "stored_at"], ints=["submission_id", "errors", "warnings"])

    def findings(self, submission_id: int) -> pd.DataFrame:
        """The findings of one submission, in the order validation gave them. Columns: code, severity,
        message, file, sheet, cell, field, item_id, found, expected."""
        columns = ["code", "severity", "message", "file", "sheet", "cell", "field", "item_id", "found", "expected"]
        return frame([[getattr(f, c) for c in columns] for f in self.finding_list(submission_id)], columns)

    def units(self, *, plan_identity: str | None = None) -> pd.DataFrame:
        """The units of a stored plan (the latest stored plan by default), in plan order."""
        rows = self._rows("SELECT unit_id, name, position FROM plan_units WHERE plan_id = ? ORDER BY position",
                          [self._plan_id(plan_identity)])
        return frame(rows, ["unit_id", "unit_name", "position"])

    def indicators(self, *, plan_identity: str | None = None) -> pd.DataFrame:
        """The indicators of a stored plan (the latest stored plan by default), in plan order."""
        rows = self._rows("""SELECT indicator_id, sub_goal, name, kind, unit_of_measure, direction, aggregation,
                                    periodicity, baseline, baseline_text, target, target_text, position,
                                    measurement, decimals
                             FROM plan_indicators WHERE plan_id = ? ORDER BY position""",
                          [self._plan_id(plan_identity)])
        return frame(rows, ["indicator_id", "sub_goal", "name", "kind", "unit_of_measure", "direction",
                            "aggregation", "periodicity", "baseline", "baseline_text", "target", "target_text",
                            "position", "measurement", "decimals"], floats=["baseline", "target"])

    def runs(self) -> pd.DataFrame:
        """The audit trail of collect runs, oldest first."""
        rows = [(*r[:5], local_time(r[5]), local_time(r[6]), *r[7:])
                for r in self._rows("""SELECT run_id, period, inbox, master, plan_identity, started_at,
                                              finished_at, files, stored FROM runs ORDER BY run_id""")]
        return frame(rows, ["run_id", "period", "inbox", "master", "plan_identity", "started_at", "finished_at",
                            "files", "stored"], times=["started_at", "finished_at"])


__all__ = ["HistoryFrames", "frame"]
