"""Rebuild a history from its archive, and compare two histories.

Every archived submission is validated again against the plan version it was collected against (kept in the
archive), period by period in the order it was received, with the values of the earlier periods of the year
that collect had then, and stored with the same counting rule (with the sender and date of the mail it came
in); then the controller's choices in conflicts are replayed in the order they were made. The counting rule
depends only on what is stored, so the result equals the history collect built, except for what depends on
the moment (storing times, run records).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.core.errors import InputError
from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.history import archive as arch
from toolkit.history.backend import Target, describe
from toolkit.history.store import History
from toolkit.texts import history as th
from toolkit.validate import PlanContext, validate_bytes

Progress = Callable[[int, int], None]


@dataclass
class RebuildResult:
    database: str  # as shown to users
    submissions: int
    periods: list[Period]
    missing_files: list[str] = field(default_factory=list)  # receipts whose file is not in the archive
    differences: list[str] | None = None  # against the compared history (None: none was compared)


def rebuild(archive_dir: Path, target: Target, *, allow_network: bool = False,
            progress: Progress | None = None) -> RebuildResult:
    """Store every submission archived in ``archive_dir`` into the history ``target``, which must be empty.
    Raises InputError when the archive has no receipts, a plan version is missing or the target has data."""
    if not archive_dir.is_dir():
        raise InputError(th.REBUILD_NO_ARCHIVE.format(path=archive_dir))
    try:
        receipts = arch.read_receipts(archive_dir)
        choices = arch.read_choices(archive_dir)
    except ValueError as exc:
        raise InputError(th.REBUILD_BAD_RECEIPT.format(path=exc)) from exc
    if not receipts:
        raise InputError(th.REBUILD_NO_RECEIPTS.format(path=archive_dir))
    plans: dict[str, tuple[Plan, PlanContext]] = {}
    for identity in sorted({r.plan_identity for r in receipts}):
        try:
            plan = arch.read_plan(archive_dir, identity)
        except ValueError as exc:
            raise InputError(th.REBUILD_BAD_PLAN.format(path=exc)) from exc
        if plan is None:
            raise InputError(th.REBUILD_NO_PLAN.format(identity=identity, path=archive_dir))
        plans[identity] = (plan, PlanContext(plan))
    missing: list[str] = []
    with History.open(target, allow_network=allow_network) as history:
        if history.submission_list():
            raise InputError(th.REBUILD_TARGET_NOT_EMPTY.format(db=describe(target)))
        previous: dict[Period, dict[tuple[str, str], float]] = {}
        for done, receipt in enumerate(receipts, start=1):
            period = receipt.period_value
            if period not in previous:  # the earlier periods of the year are complete by now
                previous[period] = history.previous_value_map(period)
            path = archive_dir / receipt.archive_name
            try:
                data = path.read_bytes()
            except OSError:
                missing.append(receipt.archive_name)
                continue
            plan, ctx = plans[receipt.plan_identity]
            result = validate_bytes(data, ctx, name=receipt.file_name, file=receipt.file_name, period=period,
                                    previous=previous[period])
            history.store(result, plan=plan, period=period, received_at=receipt.received_at,
                          file_name=receipt.file_name, unit_id=receipt.unit_id, archive_path=receipt.archive_name,
                          sender=receipt.sender, mail_date=receipt.mail_date or None)
            if progress:
                progress(done, len(receipts))
        for choice in choices:
            history.record_choice(period=choice.period_value, unit_id=choice.unit_id, sha256=choice.sha256,
                                  file_name=choice.file_name, chosen_by=choice.chosen_by, chosen_at=choice.chosen_at)
        periods = sorted({r.period_value for r in receipts})
        stored = len(history.submission_list())
    return RebuildResult(describe(target), stored, periods, missing)


def compare(a: History, b: History) -> list[str]:
    """What differs between two histories, in Swedish, one line per difference: per period and unit, the files
    stored (by content) and their states, and the counting file's values and assessments."""
    out: list[str] = []
    periods = sorted(set(a.periods()) | set(b.periods()))
    for period in periods:
        subs_a = {(s.unit_id, s.sha256): s.standing for s in a.submission_list(period=period)}
        subs_b = {(s.unit_id, s.sha256): s.standing for s in b.submission_list(period=period)}
        for key in sorted(set(subs_a) | set(subs_b)):
            if subs_a.get(key) != subs_b.get(key):
                out.append(th.DIFF_SUBMISSION.format(period=period, unit=key[0] or "-", sha=key[1][:12],
                                                     a=subs_a.get(key, th.DIFF_NONE),
                                                     b=subs_b.get(key, th.DIFF_NONE)))
        values_a = {(v.unit_id, v.indicator_id): (v.number, v.text, v.assessment) for v in a.reported_values(
            period=period)}
        values_b = {(v.unit_id, v.indicator_id): (v.number, v.text, v.assessment) for v in b.reported_values(
            period=period)}
        for key in sorted(set(values_a) | set(values_b)):
            if values_a.get(key) != values_b.get(key):
                out.append(th.DIFF_VALUE.format(period=period, unit=key[0], indicator=key[1],
                                                a=_show(values_a.get(key)), b=_show(values_b.get(key))))
    return out


def _show(value: tuple[float | None, str | None, object] | None) -> str:
    if value is None:
        return th.DIFF_NONE
    number, text, assessment = value
    shown = text if text is not None else ("" if number is None else f"{number:g}")
    return f"{shown} ({assessment})" if assessment is not None else shown
