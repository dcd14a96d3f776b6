"""Generate returns for many units: our generator against a bare openpyxl write of the same cells.

    python benchmarks/bench_returns.py [--n 300] [--repeat 3]

Builds a synthetic plan in code (N units, each with seven indicators of mixed kinds, three assignments
and a frame), then, in the same run:
  - ours: ``create_returns`` (styles, validations, conditional formats, protection, atomic save);
  - baseline: for each unit, a new openpyxl Workbook with the same sheets and the same cell values and
    formulas, no styles or validations, saved with ``wb.save``.
Prints the time per workbook of each (best of --repeat) and the ratio (aim: at most 1.3x). For context
it also times the bare cells saved through nplan's in-memory save (``toolkit.excel.clone.save_in_memory``), which
separates what the save path gains from what the returns' features cost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.core.model import (  # noqa: E402
    Aggregation,
    Assignment,
    Budget,
    Frame,
    Goal,
    Indicator,
    Plan,
    Settings,
    SubGoal,
    Unit,
    ValueKind,
)
from toolkit.core.periods import Period, parse_periodicity  # noqa: E402
from toolkit.returns.build import create_returns  # noqa: E402

KINDS = [ValueKind.COUNT, ValueKind.COUNT, ValueKind.SHARE, ValueKind.YESNO, ValueKind.COUNT,
         ValueKind.AMOUNT, ValueKind.COUNT]


def synthetic_plan(n_units: int) -> Plan:
    """A plan with ``n_units`` units, each responsible for seven indicators, all with three assignments."""
    plan = Plan(settings=Settings(committee="Syntetiska nämnden", year=2026, deviation_threshold_tkr=100))
    plan.goals = [Goal(g, f"Regionmål {g}", f"Nämnden bidrar till mål {g}") for g in range(1, 4)]
    plan.sub_goals = [SubGoal(f"{g}.{s}", g, f"Delmål {g}.{s}: en längre formulering om vad som ska uppnås")
                      for g in range(1, 4) for s in range(1, 3)]
    plan.units = [Unit(f"V{u:03d}", f"Verksamhet {u:03d} Västerbotten") for u in range(n_units)]
    aug_dec = parse_periodicity("Tertial: aug, dec")
    for u, unit in enumerate(plan.units):
        for k, kind in enumerate(KINDS):
            sub = plan.sub_goals[(u + k) % len(plan.sub_goals)]
            target = {ValueKind.SHARE: 0.4, ValueKind.YESNO: True, ValueKind.AMOUNT: 1500.0}.get(kind, 90.0)
            plan.indicators.append(Indicator(
                id=f"{sub.id}.{u}.{k}", sub_goal=sub.id, kind=kind, periodicity=aug_dec,
                name=f"Antal insatser av typ {k} som verksamheten genomför för barn och unga i länet",
                baseline=None if kind is ValueKind.YESNO else target * 0.9, target=target,
                units=(unit.id,), aggregation=Aggregation.SINGLE))
    plan.assignments = [Assignment(f"U{a}", f"Uppdrag {a} från fullmäktige med en text om vad som ska göras",
                                   parse_periodicity("Tertial aug, dec"), end_date=dt.date(2026, 12, 31),
                                   units=tuple(u.id for u in plan.units)) for a in range(1, 4)]
    plan.budget = Budget(frames=[Frame(u.id, 1000.0 + i, 1050.0 + i) for i, u in enumerate(plan.units)])
    return plan


def cells_of(plan: Plan, period: Period, now: dt.datetime) -> list[tuple[str, list]]:
    """The cells of each unit's return, as (file name, [(sheet, [(row, column, value)])]): what the baseline
    writes. Taken from the workbooks our generator builds (not timed)."""
    from toolkit.returns.build import return_file_name
    from toolkit.returns.builder import Builder

    builder = Builder(plan, period, deadline=None, generated_at=now, previous={},
                       plan_identity=plan.identity())
    out = []
    for unit in plan.units:
        wb = builder.build(unit)
        sheets = []
        for ws in wb.worksheets:
            sheets.append((ws.title, [(c.row, c.column, c.value) for row in ws.iter_rows() for c in row
                                      if c.value is not None]))
        out.append((return_file_name(plan, unit.id, period), sheets))
    return out


def bare_write(cells, out_dir: Path, save=None) -> None:
    """The baseline: the same cells in a new workbook, no styles or validations, ``wb.save``."""
    for name, sheets in cells:
        wb = Workbook()
        first = True
        for title, items in sheets:
            ws = wb.active if first else wb.create_sheet(title)
            ws.title = title
            first = False
            for r, c, v in items:
                ws.cell(row=r, column=c, value=v)
        if save is None:
            wb.save(out_dir / name)
        else:
            save(wb, out_dir / name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300, help="number of units (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts (default 3)")
    args = parser.parse_args()

    plan = synthetic_plan(args.n)
    period = Period(2026, 2)
    now = dt.datetime(2026, 8, 20, tzinfo=dt.UTC)
    cells = cells_of(plan, period, now)
    n_cells = sum(len(items) for _, sheets in cells for _, items in sheets)

    from toolkit.excel.clone import save_in_memory

    runs: dict[str, list[float]] = {"ours": [], "base": [], "base_memory": []}
    for _ in range(args.repeat):
        for label, times in runs.items():
            out = Path(tempfile.mkdtemp(prefix=f"bench-returns-{label}-"))
            try:
                t0 = time.perf_counter()
                if label == "ours":
                    create_returns(plan, period, out, now=now)
                elif label == "base":
                    bare_write(cells, out)
                else:
                    bare_write(cells, out, save=save_in_memory)
                times.append(time.perf_counter() - t0)
                assert len(list(out.iterdir())) == args.n
            finally:
                shutil.rmtree(out, ignore_errors=True)

    best = {label: min(times) for label, times in runs.items()}
    per = 1000.0 / args.n
    print(f"{args.n} returns, {n_cells / args.n:.0f} cells each, best of {args.repeat}")
    print(f"  nplan create_returns : {best['ours'] * per:7.2f} ms per workbook  ({best['ours']:.2f} s)")
    print(f"  bare openpyxl write  : {best['base'] * per:7.2f} ms per workbook  ({best['base']:.2f} s)")
    print(f"  ratio                : {best['ours'] / best['base']:.2f}x  (aim <= 1.3x)")
    print(f"  for context: the bare cells saved with nplan's in-memory save: "
          f"{best['base_memory'] * per:.2f} ms per workbook; nplan against it: "
          f"{best['ours'] / best['base_memory']:.2f}x (the cost of styles, validations, formats, protection)")


if __name__ == "__main__":
    main()
