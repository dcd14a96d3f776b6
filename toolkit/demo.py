"""The whole follow-up cycle on the shipped example, in one call (`nplan demo OUTDIR`).

master (from examples/run2026/plan.toml, plus an example verdict of the controller for goal 1) -> blank
returns for 2026-T2 -> returns filled in by simulated units, one of which sends an invalid file, one a
corrected resubmission and one nothing (``toolkit.history.collect.make_example_inbox``) -> collect into the history
database -> consolidate into the committee's report workbook and document (and finance's budget workbook).

With ``year_end`` (`nplan demo --year-end OUTDIR`) the year goes on: returns for 2026-T3 that every unit sends in
time -> collect into the same database -> the year-end report -> next year's master (2027, in the folder 2027/)
rolled over from the history, naming the same database.
Every file lands in ``out_dir``; nothing outside it is written. ``out_dir`` gets a marker file; running the
demo again into a folder with the marker replaces the demo's own files (only those), while a folder without
it that already holds any of them (a real database, say) is refused.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import toolkit
from toolkit import cycle
from toolkit.core.errors import InputError
from toolkit.core.model import Assessment, AssignmentStatus, Verdict
from toolkit.core.periods import Period
from toolkit.plan import write_master
from toolkit.plan.source import load_plan_source
from toolkit.returns.example_inbox import make_complete_inbox, make_example_inbox
from toolkit.texts import collect as tcollect
from toolkit.texts import common as tc
from toolkit.texts import demo as td
from toolkit.texts import workspace as tw

DEMO_PERIOD = "2026-T2"
YEAR_END_PERIOD = "2026-T3"
NEXT_YEAR = 2027
DEMO_YEAR = 2026  # the example plan's year (the plan document's file name)
EXAMPLE_SOURCE = Path("examples") / "run2026" / "plan.toml"
MARKER = ".nplan-demo"
OUTPUTS = ("master.xlsx", td.RETURNS_FOLDER, td.INBOX_FOLDER, td.ARCHIVE_FOLDER, "nplan.sqlite",
           "nplan.sqlite-journal", tcollect.STATUS_FILE.format(period=DEMO_PERIOD),
           tw.REPORT_FILE.format(period=DEMO_PERIOD), tw.REPORT_DOCUMENT.format(period=DEMO_PERIOD),
           tw.BUDGET_REPORT_FILE.format(period=DEMO_PERIOD),
           td.YEAR_END_RETURNS_FOLDER.format(period=YEAR_END_PERIOD),
           td.YEAR_END_INBOX_FOLDER.format(period=YEAR_END_PERIOD),
           tcollect.STATUS_FILE.format(period=YEAR_END_PERIOD), tw.REPORT_FILE.format(period=YEAR_END_PERIOD),
           tw.REPORT_DOCUMENT.format(period=YEAR_END_PERIOD), td.NEXT_YEAR_FOLDER.format(year=NEXT_YEAR),
           tw.PLAN_DOCUMENT.format(year=DEMO_YEAR))


def example_source() -> Path:
    """The example's plan source, located from the package (works from any working directory with an
    editable install or a source checkout). Raises InputError when it is not there."""
    path = Path(toolkit.__file__).resolve().parent.parent / EXAMPLE_SOURCE
    if not path.is_file():
        raise InputError(td.NO_EXAMPLE.format(path=path))
    return path


@dataclass
class DemoResult:
    out_dir: Path
    period: str
    committee: str
    master: Path
    returns_dir: Path
    returns: list[Path]
    inbox: Path
    roles: dict[str, Any]
    database: Path
    archive: Path
    status_workbook: Path
    report: Path
    budget_report: Path | None = None
    document: Path | None = None  # the committee's document (Word)
    plan_document: Path | None = None  # the plan document (Word)
    unit_status: list[tuple[str, str, str]] = field(default_factory=list)  # (id, name, Swedish status)
    expected_status: dict[str, str] = field(default_factory=dict)  # unit id -> accepted|rejected|missing
    values: dict[str, Any] = field(default_factory=dict)  # what the simulated units filled in
    year_end: YearEndDemo | None = None


@dataclass
class YearEndDemo:
    """The year end of the demo: T3 returns from every unit, collected, reported, and next year's master."""

    period: str
    returns_dir: Path
    inbox: Path
    status_workbook: Path
    report: Path
    document: Path | None
    values: dict[str, Any]  # unit id -> what it filled in
    rolled: cycle.Rolled


def run_demo(out_dir: str | os.PathLike[str], *, seed: int = 0, generated_at: dt.datetime | None = None,
             year_end: bool = False) -> DemoResult:
    """Run the cycle into ``out_dir`` (created when missing). ``seed`` varies the simulated values;
    ``generated_at`` pins the report's generated-at line; ``year_end`` goes on to T3 and next year's master."""
    out = Path(out_dir)
    _prepare(out)
    per = Period.parse(DEMO_PERIOD)

    plan = load_plan_source(example_source())
    # The controller's samlad bedömning for one goal, so that the report shows it beside the suggestion.
    plan.verdicts.append(Verdict(per, "goal", "1", Assessment.PARTLY, td.EXAMPLE_VERDICT))
    master_path = write_master(plan, out / "master.xlsx")
    # The controller works from the master: read it back, as the CLI does.
    master = cycle.Master.load(master_path)
    plan_document = cycle.plan_document(master, out / tw.PLAN_DOCUMENT.format(year=master.plan.year), force=True)

    returns_dir = out / td.RETURNS_FOLDER
    sent = cycle.create_returns(master, per, returns_dir, force=True,
                                now=dt.datetime(per.year, 9, 1, 8, 0, tzinfo=dt.UTC)).paths
    inbox_info = make_example_inbox(master.plan, per, out / td.INBOX_FOLDER, seed=seed)

    db_path = out / "nplan.sqlite"
    archive = out / td.ARCHIVE_FOLDER
    collected = cycle.collect(master, inbox_info["inbox"], per, db=db_path, archive=archive)
    report = cycle.consolidate(master, per, out / tw.REPORT_FILE.format(period=per),
                               document=out / tw.REPORT_DOCUMENT.format(period=per), db=db_path, force=True,
                               generated_at=generated_at)
    budget = cycle.budget_report(master_path, per, out / tw.BUDGET_REPORT_FILE.format(period=per), db=db_path,
                                 force=True)
    plan = master.plan
    result = DemoResult(
        out_dir=out, period=str(per), committee=plan.settings.committee, master=master_path,
        returns_dir=returns_dir, returns=sent, inbox=inbox_info["inbox"], roles=inbox_info["roles"],
        database=db_path, archive=archive, status_workbook=collected.status_workbook, report=report.workbook,
        budget_report=budget.path, document=report.document, plan_document=plan_document.document,
        unit_status=[(u.unit_id, u.unit_name, u.status_label) for u in collected.result.units],
        expected_status=inbox_info["expected"], values=inbox_info["values"],
    )
    if year_end:
        result.year_end = _year_end(master, out, seed=seed, generated_at=generated_at)
    return result


def _year_end(master: cycle.Master, out: Path, *, seed: int, generated_at: dt.datetime | None) -> YearEndDemo:
    """2026-T3 with every unit answering, collected into the same database and reported; then 2027's master."""
    per = Period.parse(YEAR_END_PERIOD)
    returns_dir = out / td.YEAR_END_RETURNS_FOLDER.format(period=per)
    cycle.create_returns(master, per, returns_dir, force=True, now=dt.datetime(per.year, 12, 1, 8, 0, tzinfo=dt.UTC))
    # Two assignments are finished by every unit (closed at the rollover), one is still under way (carried).
    done, started = tc.ASSIGNMENT_STATUS[AssignmentStatus.DONE], tc.ASSIGNMENT_STATUS[AssignmentStatus.STARTED]
    inbox = make_complete_inbox(master.plan, per, out / td.YEAR_END_INBOX_FOLDER.format(period=per), seed=seed,
                                statuses={"U1": done, "U2": done, "U3": started})
    collected = cycle.collect(master, inbox["inbox"], per)
    report = cycle.consolidate(master, per, out / tw.REPORT_FILE.format(period=per),
                               document=out / tw.REPORT_DOCUMENT.format(period=per), force=True,
                               generated_at=generated_at)
    new_master = out / td.NEXT_YEAR_FOLDER.format(year=NEXT_YEAR) / "master.xlsx"
    rolled = cycle.rollover(master, NEXT_YEAR, new_master, force=True)
    return YearEndDemo(str(per), returns_dir, inbox["inbox"], collected.status_workbook, report.workbook,
                       report.document, inbox["values"], rolled)


def _prepare(out: Path) -> None:
    """Create ``out``; clear an earlier demo's files there, refusing a folder the demo did not make."""
    if out.exists() and not out.is_dir():
        raise InputError(td.OUT_IS_FILE.format(path=out))
    existing = [out / name for name in OUTPUTS if (out / name).exists()]
    if existing and not (out / MARKER).is_file():
        raise InputError(td.OUT_NOT_DEMO.format(path=out, names=", ".join(p.name for p in existing)))
    for p in existing:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        else:
            p.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(td.MARKER_TEXT, encoding="utf-8")
