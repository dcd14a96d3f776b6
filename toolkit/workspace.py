"""Where a master's files live: the database, the inbox, the output folder and the archive.

The master's settings sheet may name them (relative paths are relative to the master's folder); empty
settings mean folders and files next to the master. The CLI and the Excel buttons use the same rules.
"""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.history.backend import beside_database, is_server
from toolkit.texts import workspace as tw

DEFAULT_DATABASE = "nplan.sqlite"
DEFAULT_INBOX = tw.INBOX_FOLDER
DEFAULT_OUTPUT = tw.OUTPUT_FOLDER
DEFAULT_ARCHIVE = tw.ARCHIVE_FOLDER


def _resolve(master_path: str | os.PathLike[str], configured: str, default: str) -> Path:
    folder = Path(master_path).resolve().parent
    text = (configured or "").strip()
    if not text:
        return folder / default
    p = Path(text).expanduser()
    # "../2026/nplan.sqlite" (a rollover's setting) is shown as the folder it names, without the "..".
    return p if p.is_absolute() else Path(os.path.normpath(folder / p))


def database_path(master_path: str | os.PathLike[str], plan: Plan) -> Path | str:
    """The setting "Databas (fil)" (a file, or a PostgreSQL server's ``postgresql://`` URL, kept as text), else
    nplan.sqlite next to the master."""
    configured = (plan.settings.database or "").strip()
    if is_server(configured):
        return configured
    return _resolve(master_path, configured, DEFAULT_DATABASE)


def database_setting(database: str | os.PathLike[str], master_path: str | os.PathLike[str]) -> str:
    """How the master at ``master_path`` names ``database`` in its setting "Databas (fil)": a server's URL as it is,
    a file relative to the master's folder ("../2026/nplan.sqlite": masters of successive years usually sit in
    sibling folders, and the pair moves together), or absolute where no relative path leads there (another drive)."""
    if is_server(database):
        return str(database)
    target = Path(database).resolve()
    folder = Path(master_path).resolve().parent
    try:
        return Path(os.path.relpath(target, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return str(target)


def inbox_path(master_path: str | os.PathLike[str], plan: Plan) -> Path:
    """The setting "Inkorg (mapp)", else the folder "inkorg" next to the master."""
    return _resolve(master_path, plan.settings.inbox, DEFAULT_INBOX)


def output_path(master_path: str | os.PathLike[str], plan: Plan) -> Path:
    """The setting "Utdatamapp", else the folder "utdata" next to the master."""
    return _resolve(master_path, plan.settings.output_dir, DEFAULT_OUTPUT)


def word_template_path(master_path: str | os.PathLike[str], plan: Plan) -> Path | None:
    """The setting "Word-mall (fil)" (relative to the master's folder), or None: nplan's default template."""
    configured = (plan.settings.word_template or "").strip()
    return _resolve(master_path, configured, "") if configured else None


def archive_path(database: str | os.PathLike[str], master_path: str | os.PathLike[str] | None = None) -> Path:
    """The archive of collected files: the folder "arkiv" next to the database (see ``beside_database``)."""
    return beside_database(database, master_path) / DEFAULT_ARCHIVE


def returns_folder(output: Path, period: Period) -> Path:
    return output / tw.RETURNS_FOLDER.format(period=period)


def review_folder(output: Path, period: Period) -> Path:
    return output / tw.REVIEW_FOLDER.format(period=period)


def reminders_folder(output: Path, period: Period) -> Path:
    return output / tw.REMINDERS_FOLDER.format(period=period)


def report_file(output: Path, period: Period) -> Path:
    return output / tw.REPORT_FILE.format(period=period)


def report_document_file(output: Path, period: Period) -> Path:
    return output / tw.REPORT_DOCUMENT.format(period=period)


def budget_report_file(output: Path, period: Period) -> Path:
    return output / tw.BUDGET_REPORT_FILE.format(period=period)


def plan_document_file(output: Path, year: int) -> Path:
    return output / tw.PLAN_DOCUMENT.format(year=year)
