"""The whole follow-up cycle on a shipped example, in one call (`nplan demo [--example halsa] OUTDIR`).

The RUN example (the seed, ``examples/run2026/``): master (from its plan.toml, plus an example verdict of the
controller for goal 1) -> blank returns for 2026-T2 -> returns filled in by simulated units, one of which sends
an invalid file, one a corrected resubmission and one nothing (``toolkit.returns.example_inbox``) -> collect into
the history database -> consolidate into the committee's report workbook and document (and finance's budget
workbook).

The invented health-care example (``examples/halsa2027/``) runs the same steps for two periods, 2027-T1 and
2027-T2, into one history (each period's returns and inbox in a folder of its own), so that its T2 report shows
trends of levels against T1 and a unit that sent nothing in T2 with its T1 assignment statuses.

With ``year_end`` (`nplan demo --year-end OUTDIR`, the RUN example) the year goes on: returns for T3 that every
unit sends in time -> collect into the same database -> the year-end report -> next year's master (in the folder
named for the year) rolled over from the history, naming the same database.

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
from toolkit.texts import collect as tcol
from toolkit.texts import common as tc
from toolkit.texts import demo as tdemo
from toolkit.texts import workspace as tw

MARKER = ".nplan-demo"


@dataclass(frozen=True)
class Example:
    """A shipped example the demo runs: its plan source, the periods it collects (the report is the last's),
    the controller's example verdict (goal number, assessment, motivation) and, per period, how far the
    simulated units' roles turn (``make_example_inbox``'s ``rotate``)."""

    source: Path
    periods: tuple[str, ...]
    verdict: tuple[str, Assessment, str]
    rotations: tuple[int, ...]


EXAMPLES = {
    "run": Example(Path("examples") / "run2026" / "plan.toml", ("2026-T2",),
                   ("1", Assessment.PARTLY, tdemo.EXAMPLE_VERDICT), (0,)),
    # T1: Psykiatrin and Länssjukhuset correct, Folktandvården corrected, Primärvården norr invalid, söder
    # missing; T2: Folktandvården (which reported in T1) sends nothing, Psykiatrin an invalid file.
    "halsa": Example(Path("examples") / "halsa2027" / "plan.toml", ("2027-T1", "2027-T2"),
                     ("1", Assessment.PARTLY, tdemo.EXAMPLE_VERDICT_HALSA), (3, 1)),
}
DEFAULT_EXAMPLE = "run"
DEMO_PERIOD = EXAMPLES[DEFAULT_EXAMPLE].periods[-1]
EXAMPLE_SOURCE = EXAMPLES[DEFAULT_EXAMPLE].source


def outputs(example: Example) -> tuple[str, ...]:
    """The names of the demo's own files and folders in its output folder (the year end's included)."""
    last = Period.parse(example.periods[-1])
    year_end = Period(last.year, 3)
    return ("master.xlsx", tdemo.RETURNS_FOLDER, tdemo.INBOX_FOLDER, tdemo.ARCHIVE_FOLDER, "nplan.sqlite",
            "nplan.sqlite-journal", *(tcol.STATUS_FILE.format(period=p) for p in example.periods),
            tw.REPORT_FILE.format(period=last), tw.REPORT_DOCUMENT.format(period=last),
            tw.BUDGET_REPORT_FILE.format(period=last), tw.PLAN_DOCUMENT.format(year=last.year),
            tdemo.YEAR_END_RETURNS_FOLDER.format(period=year_end), tdemo.YEAR_END_INBOX_FOLDER.format(period=year_end),
            tcol.STATUS_FILE.format(period=year_end), tw.REPORT_FILE.format(period=year_end),
            tw.REPORT_DOCUMENT.format(period=year_end), tdemo.NEXT_YEAR_FOLDER.format(year=last.year + 1))


def example_source(name: str = DEFAULT_EXAMPLE) -> Path:
    """An example's plan source, located from the package (works from any working directory with an
    editable install or a source checkout). Raises InputError when it is not there."""
    path = Path(toolkit.__file__).resolve().parent.parent / EXAMPLES[name].source
    if not path.is_file():
        raise InputError(tdemo.NO_EXAMPLE.format(path=path))
    return path


@dataclass
class DemoResult:
    out_dir: Path
    period: str  # the reported period (the last one collected)
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
    example: str = DEFAULT_EXAMPLE
    periods: list[str] = field(default_factory=list)  # every period collected, oldest first
    # The periods before the last: period -> {"roles", "expected", "values"} as for the last period.
    earlier: dict[str, dict[str, Any]] = field(default_factory=dict)
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
             example: str = DEFAULT_EXAMPLE, year_end: bool = False) -> DemoResult:
    """Run the cycle of ``example`` ("run" or "halsa") into ``out_dir`` (created when missing). ``seed`` varies
    the simulated values; ``generated_at`` pins the report's generated-at line; ``year_end`` (the RUN example)
    goes on to T3 and next year's master."""
    if example not in EXAMPLES:
        raise InputError(tdemo.UNKNOWN_EXAMPLE.format(name=example, known=", ".join(EXAMPLES)))
    if year_end and example != DEFAULT_EXAMPLE:
        raise InputError(tdemo.YEAR_END_RUN_ONLY.format(example=example))
    spec = EXAMPLES[example]
    out = Path(out_dir)
    _prepare(out, spec)
    periods = [Period.parse(p) for p in spec.periods]
    per = periods[-1]

    plan = load_plan_source(example_source(example))
    # The controller's samlad bedömning for one goal, so that the report shows it beside the suggestion.
    goal, assessment, motivation = spec.verdict
    plan.verdicts.append(Verdict(per, "goal", goal, assessment, motivation))
    master_path = write_master(plan, out / "master.xlsx")
    # The controller works from the master: read it back, as the CLI does.
    master = cycle.Master.load(master_path)
    plan_document = cycle.plan_document(master, out / tw.PLAN_DOCUMENT.format(year=master.plan.year), force=True)

    db_path = out / "nplan.sqlite"
    archive = out / tdemo.ARCHIVE_FOLDER
    earlier: dict[str, dict[str, Any]] = {}
    for n, p in enumerate(periods):
        # One period: the folders as they are; several: a folder per period in each.
        returns_dir = out / tdemo.RETURNS_FOLDER / (str(p) if len(periods) > 1 else "")
        sent = cycle.create_returns(master, p, returns_dir, force=True,
                                    now=dt.datetime(p.year, 4 * p.tertial + 1, 1, 8, 0, tzinfo=dt.UTC)
                                    if p.tertial < 3 else dt.datetime(p.year, 12, 20, 8, 0, tzinfo=dt.UTC)).paths
        inbox = out / tdemo.INBOX_FOLDER / (str(p) if len(periods) > 1 else "")
        inbox_info = make_example_inbox(master.plan, p, inbox, seed=seed, rotate=spec.rotations[n])
        collected = cycle.collect(master, inbox_info["inbox"], p, db=db_path, archive=archive)
        if p != per:
            earlier[str(p)] = {key: inbox_info[key] for key in ("roles", "expected", "values")}
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
        expected_status=inbox_info["expected"], values=inbox_info["values"], example=example,
        periods=[str(p) for p in periods], earlier=earlier,
    )
    if year_end:
        result.year_end = _year_end(master, out, Period(per.year, 3), seed=seed, generated_at=generated_at)
    return result


def _year_end(master: cycle.Master, out: Path, per: Period, *, seed: int,
              generated_at: dt.datetime | None) -> YearEndDemo:
    """T3 with every unit answering, collected into the same database and reported; then next year's master."""
    returns_dir = out / tdemo.YEAR_END_RETURNS_FOLDER.format(period=per)
    cycle.create_returns(master, per, returns_dir, force=True, now=dt.datetime(per.year, 12, 1, 8, 0, tzinfo=dt.UTC))
    # Two assignments are finished by every unit (closed at the rollover), one is still under way (carried).
    done, started = tc.ASSIGNMENT_STATUS[AssignmentStatus.DONE], tc.ASSIGNMENT_STATUS[AssignmentStatus.STARTED]
    inbox = make_complete_inbox(master.plan, per, out / tdemo.YEAR_END_INBOX_FOLDER.format(period=per), seed=seed,
                                statuses={"U1": done, "U2": done, "U3": started})
    collected = cycle.collect(master, inbox["inbox"], per)
    report = cycle.consolidate(master, per, out / tw.REPORT_FILE.format(period=per),
                               document=out / tw.REPORT_DOCUMENT.format(period=per), force=True,
                               generated_at=generated_at)
    next_year = per.year + 1
    new_master = out / tdemo.NEXT_YEAR_FOLDER.format(year=next_year) / "master.xlsx"
    rolled = cycle.rollover(master, next_year, new_master, force=True)
    return YearEndDemo(str(per), returns_dir, inbox["inbox"], collected.status_workbook, report.workbook,
                       report.document, inbox["values"], rolled)


def _prepare(out: Path, example: Example) -> None:
    """Create ``out``; clear an earlier demo's files there, refusing a folder the demo did not make."""
    if out.exists() and not out.is_dir():
        raise InputError(tdemo.OUT_IS_FILE.format(path=out))
    names = {*outputs(example), *(name for e in EXAMPLES.values() for name in outputs(e))}
    existing = [out / name for name in sorted(names) if (out / name).exists()]
    if existing and not (out / MARKER).is_file():
        raise InputError(tdemo.OUT_NOT_DEMO.format(path=out, names=", ".join(p.name for p in existing)))
    for p in existing:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        else:
            p.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(tdemo.MARKER_TEXT, encoding="utf-8")
