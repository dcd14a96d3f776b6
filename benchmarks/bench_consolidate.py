"""Benchmark: consolidate N units' returns from the history database into the committee's report.

    python benchmarks/bench_consolidate.py [--n 1000] [--dir DIR]

Setup (not timed as ours): the example plan grown to N units (the example's four plus N - 4 more, all
responsible for the indicators that several units report on, every assignment, and a frame each),
and a history database holding one valid return per unit for 2026-T2 (normalized values stored
directly with ``History.store_submission``, as collect would after validating the files).

Ours, stage by stage, as ``nplan consolidate`` runs them:
  read        the four DataFrames from SQLite (indicator values, assignments, budget, submissions)
  consolidate combine, assess, trend, verdicts, assignments, economy, submission status (pure Python)
  build       the report workbook in memory (openpyxl: all sheets, formulas, charts)
  save        writing the .xlsx atomically

Baseline, in the same run on the same database: the same four reads, one pandas groupby that sums
the values per indicator, and pandas' ``to_excel`` (openpyxl) of the long table: the least a report
of these values could cost. Printed: each stage, both totals, and their ratio.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit import excel  # noqa: E402
from toolkit.core.model import Assessment, AssignmentStatus, Frame, Unit, ValueKind  # noqa: E402
from toolkit.core.periods import Period  # noqa: E402
from toolkit.core.returndata import (  # noqa: E402
    AssignmentReport,
    BudgetReport,
    IndicatorReport,
    ReturnData,
    ValidationResult,
)
from toolkit.history.records import Collected  # noqa: E402
from toolkit.history.store import History  # noqa: E402
from toolkit.plan.source import load_plan_source  # noqa: E402
from toolkit.report.consolidate import consolidate  # noqa: E402
from toolkit.report.workbook import build_report  # noqa: E402

PERIOD = Period(2026, 2)


def big_plan(n: int):
    plan = load_plan_source(ROOT / "examples" / "run2026" / "plan.toml")
    plan = copy.deepcopy(plan)
    for i in range(len(plan.units), n):
        uid = f"V{i:04d}"
        plan.units.append(Unit(uid, f"Verksamhet {i:04d}"))
        plan.budget.frames.append(Frame(uid, 1000.0, 1000.0 + (i % 7) * 10))
    ids = tuple(u.id for u in plan.units)
    for ind in plan.indicators:
        if len(ind.units) > 1:
            ind.units = ids
    for a in plan.assignments:
        a.units = ids
    plan.budget.total_frame_tkr = plan.budget.sum_frames
    return plan


def fill_db(plan, db: Path) -> None:
    rng = random.Random(0)
    received = dt.datetime(2026, 9, 5, 9, 0)
    identity = plan.identity()
    with History.open(db) as h:
        with h.transaction():
            for n, unit in enumerate(plan.units):
                indicators = []
                for ind in plan.indicators_for(unit.id, PERIOD):
                    if ind.kind is ValueKind.YESNO:
                        value: object = rng.random() < 0.7
                    elif ind.kind is ValueKind.SHARE:
                        value = round(rng.uniform(0.2, 0.6), 2)
                    else:
                        value = float(rng.randint(0, 12))
                    indicators.append(IndicatorReport(ind.id, value, str(value),
                                                      rng.choice(list(Assessment)[:3]),
                                                      "Analys " + "text " * rng.randint(0, 30), ""))
                assignments = [AssignmentReport(a.id, rng.choice(list(AssignmentStatus)), "Kommentar")
                               for a in plan.assignments_for(unit.id, PERIOD)]
                frame = plan.budget.frame_of(unit.id)
                f = frame.frame_tkr if frame else 1000.0
                budget = BudgetReport(f, round(f * 0.6), round(f * rng.uniform(0.97, 1.03)), "", "")
                data = ReturnData(unit.id, PERIOD, identity, indicators=indicators,
                                  assignments=assignments, budget=budget)
                result = ValidationResult(f"{unit.id}.xlsx", sha256=f"{n:064x}", data=data)
                h.store_submission(result, plan=plan, period=PERIOD,
                                   received_at=received + dt.timedelta(minutes=n),
                                   file_name=f"{PERIOD}_{unit.id}.xlsx")


def read_collected(db: Path) -> Collected:
    """What consolidate takes: the period's counting reports, typed, and every earlier period."""
    with History.open(db) as h:
        return h.collected(PERIOD)


def read(db: Path) -> dict[str, pd.DataFrame]:
    with History.open(db) as h:
        return {"indicator_values": h.indicator_values(period=PERIOD),
                "assignments": h.assignment_status(period=PERIOD),
                "budget": h.budget(period=PERIOD), "submissions": h.submissions(period=PERIOD)}


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="number of units (default 1000)")
    ap.add_argument("--dir", type=Path, help="work folder, kept (default: a temporary one, removed)")
    args = ap.parse_args()
    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)
        run(args.n, args.dir)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-consolidate-") as tmp:
            run(args.n, Path(tmp))


def run(n: int, work: Path) -> None:
    db = work / "nplan.sqlite"
    db.unlink(missing_ok=True)

    plan = big_plan(n)
    t = time.perf_counter()
    fill_db(plan, db)
    print(f"setup: plan with {len(plan.units)} units, {len(plan.indicators)} indicators; "
          f"history database filled in {time.perf_counter() - t:.2f} s")

    collected, t_read = timed(read_collected, db)
    result, t_cons = timed(consolidate, plan, PERIOD, collected)
    frames = read(db)
    wb, t_build = timed(build_report, result, plan, generated_at=dt.datetime(2026, 9, 20, 8, 0))
    _, t_save = timed(excel.save_workbook, wb, work / "rapport.xlsx")
    ours = t_read + t_cons + t_build + t_save

    def baseline() -> None:
        f = read(db)
        iv = f["indicator_values"]
        iv.groupby("indicator_id")["value"].agg(["sum", "mean", "count"])
        iv.to_excel(work / "baseline.xlsx", engine="openpyxl", index=False)

    _, base = timed(baseline)

    rows = len(frames["indicator_values"])
    print(f"values: {rows} indicator values, {len(frames['assignments'])} assignment reports, "
          f"{len(frames['budget'])} budget rows, {len(frames['submissions'])} submissions")
    print(f"  read        {t_read:7.3f} s")
    print(f"  consolidate {t_cons:7.3f} s")
    print(f"  build       {t_build:7.3f} s")
    print(f"  save        {t_save:7.3f} s")
    print(f"ours total    {ours:7.3f} s   (report: {sum(ws.max_row for ws in wb.worksheets)} rows)")
    print(f"baseline      {base:7.3f} s   (same reads + groupby + pandas to_excel of the long table)")
    print(f"ratio         {ours / base:7.2f}x")


if __name__ == "__main__":
    main()
