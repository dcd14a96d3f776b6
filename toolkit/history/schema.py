"""The history's schema: numbered migrations, each applied once in its own transaction.

The history store (``toolkit.history.store``) applies the missing ones when it opens a database, so an old
database keeps working with new code. A migration is never changed once released: a change to the schema is
a new migration at the end of the list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", (
        """CREATE TABLE plans (
            plan_id INTEGER PRIMARY KEY,
            identity TEXT NOT NULL UNIQUE,
            committee TEXT NOT NULL,
            year INTEGER NOT NULL,
            content TEXT NOT NULL,
            stored_at TEXT NOT NULL)""",
        """CREATE TABLE plan_units (
            plan_id INTEGER NOT NULL REFERENCES plans(plan_id),
            unit_id TEXT NOT NULL,
            name TEXT NOT NULL,
            position INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (plan_id, unit_id))""",
        """CREATE TABLE plan_indicators (
            plan_id INTEGER NOT NULL REFERENCES plans(plan_id),
            indicator_id TEXT NOT NULL,
            sub_goal TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            unit_of_measure TEXT NOT NULL,
            direction TEXT NOT NULL,
            aggregation TEXT NOT NULL,
            periodicity TEXT NOT NULL,
            baseline REAL,
            baseline_text TEXT,
            target REAL,
            target_text TEXT,
            position INTEGER NOT NULL,
            PRIMARY KEY (plan_id, indicator_id))""",
        """CREATE TABLE plan_assignments (
            plan_id INTEGER NOT NULL REFERENCES plans(plan_id),
            assignment_id TEXT NOT NULL,
            text TEXT NOT NULL,
            end_date TEXT,
            position INTEGER NOT NULL,
            PRIMARY KEY (plan_id, assignment_id))""",
        """CREATE TABLE periods (
            period TEXT PRIMARY KEY,
            year INTEGER NOT NULL,
            tertial INTEGER NOT NULL CHECK (tertial IN (1, 2, 3)))""",
        """CREATE TABLE runs (
            run_id INTEGER PRIMARY KEY,
            period TEXT NOT NULL,
            inbox TEXT NOT NULL,
            master TEXT NOT NULL,
            plan_identity TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            files INTEGER,
            stored INTEGER)""",
        """CREATE TABLE submissions (
            submission_id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(plan_id),
            period TEXT NOT NULL REFERENCES periods(period),
            unit_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            received_at TEXT NOT NULL,
            stored_at TEXT NOT NULL,
            valid INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('accepted', 'rejected', 'superseded')),
            errors INTEGER NOT NULL,
            warnings INTEGER NOT NULL,
            file_plan_identity TEXT NOT NULL,
            format_version INTEGER NOT NULL,
            generated_at TEXT NOT NULL,
            archive_path TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(run_id),
            UNIQUE (sha256, unit_id, period))""",
        "CREATE INDEX submissions_by_unit ON submissions (period, unit_id, state)",
        """CREATE TABLE findings (
            submission_id INTEGER NOT NULL REFERENCES submissions(submission_id),
            seq INTEGER NOT NULL,
            code TEXT NOT NULL,
            severity TEXT NOT NULL,
            message TEXT NOT NULL,
            file TEXT NOT NULL,
            sheet TEXT NOT NULL,
            cell TEXT NOT NULL,
            field TEXT NOT NULL,
            item_id TEXT NOT NULL,
            found TEXT NOT NULL,
            expected TEXT NOT NULL,
            PRIMARY KEY (submission_id, seq))""",
        """CREATE TABLE indicator_values (
            submission_id INTEGER NOT NULL REFERENCES submissions(submission_id),
            indicator_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            value REAL,
            value_text TEXT,
            raw_value TEXT NOT NULL,
            assessment TEXT,
            analysis TEXT NOT NULL,
            measures TEXT NOT NULL,
            PRIMARY KEY (submission_id, indicator_id))""",
        """CREATE TABLE assignment_reports (
            submission_id INTEGER NOT NULL REFERENCES submissions(submission_id),
            assignment_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            status TEXT,
            comment TEXT NOT NULL,
            PRIMARY KEY (submission_id, assignment_id))""",
        """CREATE TABLE budget_figures (
            submission_id INTEGER PRIMARY KEY REFERENCES submissions(submission_id),
            frame_tkr REAL,
            outcome_tkr REAL,
            forecast_tkr REAL,
            deviation_tkr REAL,
            comment TEXT NOT NULL,
            events TEXT NOT NULL)""",
    )),
    Migration(2, "the round: conflicts and the controller's choice, mail senders", (
        # A valid file that ties with another for the unit's newest (same second, other content): neither counts
        # until the controller chooses (state 'superseded' with conflict = 1; the counting rule in store.py).
        "ALTER TABLE submissions ADD COLUMN conflict INTEGER NOT NULL DEFAULT 0",
        # A file that came as a mail's attachment: who sent it ("Name <address>") and the mail's Date (UTC text).
        "ALTER TABLE submissions ADD COLUMN sender TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE submissions ADD COLUMN mail_date TEXT",
        # The controller's choice between conflicting files, by content (so that a rebuilt history applies it too).
        """CREATE TABLE choices (
            choice_id INTEGER PRIMARY KEY,
            period TEXT NOT NULL REFERENCES periods(period),
            unit_id TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            file_name TEXT NOT NULL,
            chosen_at TEXT NOT NULL,
            chosen_by TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(run_id))""",
        "CREATE INDEX choices_by_unit ON choices (period, unit_id)",
        # The choice a counting submission counts by (NULL: it counts by the rule alone).
        "ALTER TABLE submissions ADD COLUMN choice_id INTEGER REFERENCES choices(choice_id)",
    )),
    Migration(3, "plan indicators: measurement and decimals", (
        # What an indicator's value stands for (cumulative, level; NULL for yes/no and text) and the decimals
        # it may have, for analyses across periods and years. Plans stored before have NULL in both.
        "ALTER TABLE plan_indicators ADD COLUMN measurement TEXT",
        "ALTER TABLE plan_indicators ADD COLUMN decimals INTEGER",
    )),
]
