"""An inbox filled by simulated units, reproducibly, for tests, benchmarks and the demo."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from toolkit.core.model import Plan, ValueKind
from toolkit.core.periods import Period
from toolkit.core.returndata import ACCEPTED, MISSING, REJECTED
from toolkit.returns import build as returns
from toolkit.returns import simulate
from toolkit.texts import demo as tdemo


def _first_indicator(plan: Plan, unit_id: str, period: Period, kinds: tuple[Any, ...]) -> str | None:
    return next((i.id for i in plan.indicators_for(unit_id, period) if i.kind in kinds), None)


def make_example_inbox(master_plan: Plan, period: Period, inbox_dir: str | os.PathLike[str], *,
                       seed: int = 0, rotate: int = 0) -> dict[str, Any]:
    """Fill an inbox with the returns of simulated units, reproducibly, covering every status:

    - the first unit and every unit after the fourth send one correct return (accepted);
    - the second unit sends a return with a typing slip (an outcome with an extra zero; still valid) and
      a day later a corrected return (``_rattad``): the correction supersedes the first;
    - the third unit sends a return with an outcome that is not a number (invalid: rejected);
    - the fourth unit sends nothing (missing);
    - plus an Excel lock file, which collect skips.

    "First", "second", ... count in plan order from the unit ``rotate`` places on (so that another period's
    missing unit is a different one).

    Files are generated from ``master_plan`` with ``toolkit.returns.build`` and filled with
    ``toolkit.returns.simulate``; their modification times are set in order (the correction last), from the
    fifth day after the period's reporting month at 09:00 local time. Needs at least four units.

    Returns {"inbox": Path, "files": {unit_id: [paths, oldest first]}, "roles": {"accepted": [...],
    "resubmitted": id, "invalid": id, "missing": id}, "expected": {unit_id: ACCEPTED | REJECTED | MISSING},
    "values": {unit_id: the values filled into the file that should count (or the invalid one)},
    "slip": {"indicator_id": ..., "wrong": ..., "right": ...} (the resubmitting unit's corrected value),
    "skipped": [lock file paths]}.
    """
    per = period
    plan = master_plan
    if len(plan.units) < 4:
        raise ValueError("make_example_inbox needs a plan with at least four units")
    ids = [u.id for u in plan.units]
    turn = rotate % len(ids)
    order = ids[turn:] + ids[:turn]
    resubmitted, invalid, missing = order[1], order[2], order[3]
    accepted = [order[0], *order[4:]]
    inbox = Path(inbox_dir)
    inbox.mkdir(parents=True, exist_ok=True)
    month = {1: 5, 2: 9, 3: 1}[per.tertial]
    year = per.year + (1 if per.tertial == 3 else 0)
    base = dt.datetime(year, month, 5, 9, 0).timestamp()

    files: dict[str, list[Path]] = {}
    values_out: dict[str, dict[str, Any]] = {}
    slip: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="nplan-example-") as tmp:
        blanks = dict(zip([u for u in ids if u != missing],
                          returns.create_returns(plan, per, tmp, units=[u for u in ids if u != missing],
                                                 now=dt.datetime(per.year, month, 1, 8, 0, tzinfo=dt.UTC))))

        def put(unit_id: str, values: dict[str, Any], target: Path, minutes: float) -> Path:
            target.parent.mkdir(parents=True, exist_ok=True)
            simulate.fill_return(blanks[unit_id], target, values)
            os.utime(target, (base + minutes * 60, base + minutes * 60))
            files.setdefault(unit_id, []).append(target)
            return target

        for n, unit_id in enumerate(accepted):
            values = simulate.plausible_values(plan, unit_id, per, seed=seed)
            # Attachments are often saved in a folder per mail: put every other one in a subfolder.
            folder = inbox if n % 2 == 0 else inbox / tdemo.MAIL_FOLDER.format(unit=unit_id.lower())
            put(unit_id, values, folder / blanks[unit_id].name, 10 * n)
            values_out[unit_id] = values

        right = simulate.plausible_values(plan, resubmitted, per, seed=seed)
        wrong = {part: {k: dict(v) if isinstance(v, dict) else v for k, v in content.items()}
                 for part, content in right.items()}
        slip_id = _first_indicator(plan, resubmitted, per, (ValueKind.COUNT, ValueKind.AMOUNT))
        if slip_id is not None:
            good = right["indicators"][slip_id]["outcome"]
            bad = good * 10 + 1 if isinstance(good, (int, float)) else good
            wrong["indicators"][slip_id]["outcome"] = bad
            slip = {"indicator_id": slip_id, "wrong": bad, "right": good}
        else:  # no number to slip on: the first version lacks its significant events instead
            wrong["economy"]["events"] = ""
        name = blanks[resubmitted].name
        put(resubmitted, wrong, inbox / name, 60)
        # The correction comes a day later, saved from another mail into its own folder.
        corrected = (inbox / tdemo.CORRECTION_FOLDER.format(unit=resubmitted.lower())
                     / tdemo.CORRECTED_FILE.format(stem=Path(name).stem))
        put(resubmitted, right, corrected, 24 * 60)
        values_out[resubmitted] = right

        broken = simulate.plausible_values(plan, invalid, per, seed=seed)
        bad_id = _first_indicator(plan, invalid, per, (ValueKind.COUNT, ValueKind.DECIMAL, ValueKind.AMOUNT,
                                                       ValueKind.SHARE, ValueKind.YESNO))
        if bad_id is not None:
            broken["indicators"][bad_id]["outcome"] = tdemo.VAGUE_VALUE
        else:
            broken["economy"]["forecast_tkr"] = tdemo.VAGUE_VALUE
        put(invalid, broken, inbox / blanks[invalid].name, 120)
        values_out[invalid] = broken

    lock = inbox / f"~${files[accepted[0]][0].name}"
    lock.write_bytes(b"\x00" * 165)
    expected = {uid: ACCEPTED for uid in accepted}
    expected.update({resubmitted: ACCEPTED, invalid: REJECTED, missing: MISSING})
    return {"inbox": inbox, "files": files,
            "roles": {"accepted": accepted, "resubmitted": resubmitted, "invalid": invalid,
                      "missing": missing},
            "expected": {uid: expected[uid] for uid in ids}, "values": values_out, "slip": slip,
            "skipped": [lock]}


def make_complete_inbox(master_plan: Plan, period: Period, inbox_dir: str | os.PathLike[str], *,
                        seed: int = 0, statuses: dict[str, str] | None = None) -> dict[str, Any]:
    """Fill an inbox with one correct return from every unit (a round where everyone answers in time), files
    timed from the fifth day after the period's reporting month. ``statuses``: assignment id -> the status (as the
    unit writes it) every unit reports for it. Returns {"inbox": Path, "files": {unit_id: path}, "values":
    {unit_id: what was filled in}}."""
    per = period
    inbox = Path(inbox_dir)
    inbox.mkdir(parents=True, exist_ok=True)
    month = {1: 5, 2: 9, 3: 1}[per.tertial]
    base = dt.datetime(per.year + (1 if per.tertial == 3 else 0), month, 5, 9, 0).timestamp()
    ids = [u.id for u in master_plan.units]
    files: dict[str, Path] = {}
    values: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="nplan-example-") as tmp:
        blanks = returns.create_returns(master_plan, per, tmp, now=dt.datetime(per.year, month, 1, 8, 0,
                                                                                tzinfo=dt.UTC))
        for n, (unit_id, blank) in enumerate(zip(ids, blanks)):
            values[unit_id] = simulate.plausible_values(master_plan, unit_id, per, seed=seed)
            for assignment_id, status in (statuses or {}).items():
                if assignment_id in values[unit_id]["assignments"]:
                    values[unit_id]["assignments"][assignment_id]["status"] = status
            target = simulate.fill_return(blank, inbox / blank.name, values[unit_id])
            os.utime(target, (base + 600 * n, base + 600 * n))
            files[unit_id] = target
    return {"inbox": inbox, "files": files, "values": values}
