"""Benchmark: collect N returns into a fresh history database, against a bare python-calamine read.

    python benchmarks/bench_collect.py [--n 1000] [--workers W] [--dir DIR]

The inbox is built from real returns: the example master's 2026-T2 returns, filled by simulated units
with a few seeds (openpyxl, slow), then copied into N distinct files (each copy gets its own zip comment,
so every file has its own hash and is stored as its own submission, while the bytes a reader parses are
those of a real return). Both measurements run in this one run, on the same files, with a warm page cache:

- baseline: python-calamine opens every file and reads every sheet's values (one process);
- ours: ``toolkit.history.collect.collect`` - validate every file (all cores), copy it into the archive, store
  it in SQLite and work out the status per unit; also shown with one process for reference;
- with ``--pg URL`` (or NPLAN_TEST_PG_URL set, as CI sets it): the same collect into a fresh PostgreSQL database
  on that server, printed beside SQLite.

Aim: ours (all cores) at most 1.5x the baseline.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.core.periods import Period  # noqa: E402
from toolkit.history.collect import collect  # noqa: E402
from toolkit.plan.source import load_plan_source  # noqa: E402
from toolkit.returns import build as returns  # noqa: E402
from toolkit.returns import simulate  # noqa: E402

PERIOD = Period(2026, 2)
SEEDS = 5


def build_inbox(plan, inbox: Path, n: int) -> list[Path]:
    work = inbox.parent / "templates"
    blanks = returns.create_returns(plan, PERIOD, work / "blank")
    templates = []
    for seed in range(SEEDS):
        for unit, blank in zip([u.id for u in plan.units], blanks):
            target = work / "filled" / f"{seed}-{blank.name}"
            simulate.fill_return(blank, target, simulate.plausible_values(plan, unit, PERIOD, seed=seed))
            templates.append(target)
    files = []
    base = time.time() - n
    for i in range(n):
        src = templates[i % len(templates)]
        dst = inbox / f"mejl-{i // 100:02d}" / f"{i:05d}-{src.name.split('-', 1)[1]}"
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        with zipfile.ZipFile(dst, "a") as zf:
            zf.comment = f"kopia {i}".encode()
        os.utime(dst, (base + i, base + i))
        files.append(dst)
    return files


def bare_calamine(files: list[Path]) -> int:
    cells = 0
    for path in files:
        wb = CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            cells += sum(len(r) for r in wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return cells


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="number of returns (default 1000)")
    ap.add_argument("--workers", type=int, default=None, help="processes for validation (default: all cores)")
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one, removed)")
    ap.add_argument("--pg", default=os.environ.get("NPLAN_TEST_PG_URL"),
                    help="a PostgreSQL URL whose user may create databases (default: NPLAN_TEST_PG_URL)")
    args = ap.parse_args()
    postgres = None

    plan = load_plan_source(ROOT / "examples" / "run2026" / "plan.toml")
    work = Path(args.dir or tempfile.mkdtemp(prefix="bench-collect-"))
    try:
        t = time.perf_counter()
        files = build_inbox(plan, work / "inkorg", args.n)
        print(f"built {len(files)} returns in {time.perf_counter() - t:.1f} s (not measured)")
        for path in files:  # warm the page cache for both contenders
            path.read_bytes()

        t = time.perf_counter()
        cells = bare_calamine(files)
        baseline = time.perf_counter() - t

        t = time.perf_counter()
        result = collect(work / "inkorg", plan, PERIOD, db_path=work / "all.sqlite",
                         archive_dir=work / "arkiv-all",
                         workers=args.workers)
        ours = time.perf_counter() - t

        t = time.perf_counter()
        collect(work / "inkorg", plan, PERIOD, db_path=work / "one.sqlite", archive_dir=work / "arkiv-one",
                workers=1)
        single = time.perf_counter() - t

        t = time.perf_counter()
        rerun = collect(work / "inkorg", plan, PERIOD, db_path=work / "all.sqlite",
                        archive_dir=work / "arkiv-all",
                        workers=args.workers)
        again = time.perf_counter() - t

        if args.pg:
            postgres = collect_into_postgres(args.pg, work, plan, args.workers)
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)

    n = len(files)
    assert result.new_submissions == n and rerun.new_submissions == 0
    workers = args.workers or os.cpu_count()
    print(f"{n} returns, {cells} cells, {os.cpu_count()} cores")
    line = "{:<10}{:<45}{:7.2f} s  {:6.2f} ms/file"
    print(line.format("baseline", "bare python-calamine read (1 process)", baseline, 1000 * baseline / n))
    print(line.format("ours", f"nplan collect ({workers} processes)", ours, 1000 * ours / n))
    print(line.format("", "nplan collect (1 process)", single, 1000 * single / n))
    print("{:<10}{:<45}{:7.2f} s".format("", "re-run on the same files (adds nothing)", again))
    print(f"ratio     ours / baseline = {ours / baseline:.2f}x (aim <= 1.5x); "
          f"1 process: {single / baseline:.2f}x")
    if postgres is not None:
        print(f"history backends, the same collect ({workers} processes):")
        print(line.format("", "SQLite (a local file)", ours, 1000 * ours / n))
        print(line.format("", "PostgreSQL (a server on this machine)", postgres, 1000 * postgres / n))
        print(f"ratio     PostgreSQL / SQLite = {postgres / ours:.2f}x")


def collect_into_postgres(url: str, work: Path, plan, workers: int | None) -> float:
    """Seconds to collect the inbox into a fresh database on the server of ``url`` (created and dropped here)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from pg import fresh_database

    with fresh_database(url) as database:
        t = time.perf_counter()
        result = collect(work / "inkorg", plan, PERIOD, db_path=database, archive_dir=work / "arkiv-pg",
                         workers=workers)
        seconds = time.perf_counter() - t
        assert result.new_submissions == len(result.files)
    return seconds


if __name__ == "__main__":
    main()
