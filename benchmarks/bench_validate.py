"""Benchmark: validate N returns reading with python-calamine (ours) against the same checks reading with
openpyxl, side by side in one run.

    python benchmarks/bench_validate.py [--n 1000] [--seeds 5] [--repeat 1] [--dir DIR]

The files are real returns: the example master's 2026-T2 returns, filled by simulated units with a few
seeds (and one in five with a mistake, so findings are produced too), copied into N files. Both runs
validate the same files with the same ``PlanContext`` and the same checks (``toolkit.validate.check_book``
on the neutral representation); only the reader differs:

- ours: bytes read once, python-calamine for values, the sheet XML for the few formula cells;
- baseline: openpyxl ``load_workbook(read_only=True)`` (the faster of openpyxl's two modes here) for values
  and formulas.

Prints the total and per-file time of each, and the ratio (aim: at least 10x).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.core.periods import Period  # noqa: E402
from toolkit.plan import load_plan, write_master  # noqa: E402
from toolkit.plan.source import load_plan_source  # noqa: E402
from toolkit.returns import build as returns  # noqa: E402
from toolkit.returns import simulate  # noqa: E402
from toolkit.validate import PlanContext, validate_paths  # noqa: E402

PERIOD = Period(2026, 2)


def build_files(plan, work: Path, n: int, seeds: int) -> Path:
    blanks = returns.create_returns(plan, PERIOD, work / "blank")
    templates = []
    for seed in range(seeds):
        for unit, blank in zip([u.id for u in plan.units], blanks):
            values = simulate.plausible_values(plan, unit, PERIOD, seed=seed)
            if seed % 5 == 4:  # a unit that made a mistake: a word where a number belongs
                first = next(iter(values["indicators"]), None)
                if first:
                    values["indicators"][first]["outcome"] = "ungefär tolv"
            target = work / "filled" / f"{seed}-{blank.name}"
            simulate.fill_return(blank, target, values)
            templates.append(target)
    inbox = work / "inbox"
    inbox.mkdir()
    for i in range(n):
        src = templates[i % len(templates)]
        shutil.copyfile(src, inbox / f"{i:05d}-{src.name}")
    return inbox


def run(ctx: PlanContext, inbox: Path, reader: str, repeat: int) -> tuple[float, list]:
    best, results = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        results = validate_paths([inbox], ctx, period=PERIOD, reader=reader)
        best = min(best, time.perf_counter() - start)
    return best, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of returns (default 1000)")
    parser.add_argument("--seeds", type=int, default=5, help="distinct fills per unit (default 5)")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs (default 1)")
    parser.add_argument("--dir", type=Path, help="work directory (default: a temporary one, removed)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-validate-", dir=args.dir))
    try:
        master = write_master(load_plan_source(ROOT / "examples" / "run2026" / "plan.toml"), work / "master.xlsx")
        plan = load_plan(master)
        print(f"Building {args.n} returns ...", flush=True)
        inbox = build_files(plan, work, args.n, args.seeds)
        ctx = PlanContext(plan)
        validate_paths(sorted(inbox.iterdir())[:4], ctx, period=PERIOD)  # warm up: imports, expectations

        ours, ours_results = run(ctx, inbox, "calamine", args.repeat)
        base, base_results = run(ctx, inbox, "openpyxl", args.repeat)

        same = [(r.path, r.findings, r.data) for r in ours_results] == \
               [(r.path, r.findings, r.data) for r in base_results]
        findings = sum(len(r.findings) for r in ours_results)
        n = len(ours_results)
        print(f"files validated:          {n} ({sum(r.valid for r in ours_results)} valid, {findings} findings)")
        print(f"ours (python-calamine):   {ours:8.2f} s   {1000 * ours / n:7.2f} ms/file")
        print(f"baseline (openpyxl):      {base:8.2f} s   {1000 * base / n:7.2f} ms/file")
        print(f"ratio baseline / ours:    {base / ours:8.1f}x  (aim: >= 10x)")
        print(f"same findings and data:   {'yes' if same else 'NO'}")
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
