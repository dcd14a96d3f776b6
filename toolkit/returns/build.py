"""Unit return workbooks: one self-checking, macro-free .xlsx per unit and period.

The layout is the contract in ``toolkit.returns.layout``: sheets Start, Indikatorer, Uppdrag, Ekonomi, a hidden
list sheet and a very hidden identity sheet. Each input sheet has a header row whose first cell is the id
header, then one row per item with its id in column A. The workbook guides the unit by itself: dropdowns
and number validations with Swedish messages, unlocked and coloured input cells, everything else locked,
orange marks on missing required inputs, a "Kontroll" formula per row and a completeness line on the
start sheet. The required inputs per period follow ``layout.REQUIRED_*``.

This module is the entry point and checks the arguments; ``builder`` writes the sheets (``items`` and
``sheets``, with ``parts`` and ``styles``), ``names`` names the files. Styles are built once per workbook
as style arrays and copied onto cells, and what every unit shares is built once and cloned: generating
hundreds of returns costs little more than writing the same cells bare (``benchmarks/bench_returns.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook

from toolkit.core.errors import InputError
from toolkit.core.model import Plan, Unit
from toolkit.core.periods import Period, check_plan_year
from toolkit.excel.clone import Skeleton, save_in_memory
from toolkit.returns.builder import Builder
from toolkit.returns.names import file_names
from toolkit.returns.parts import PreviousValues
from toolkit.texts import returns as tr


def return_file_name(plan: Plan, unit_id: str, period: Period) -> str:
    """"2026-T2_Film_i_Vasterbotten.xlsx": the period and an ASCII-safe form of the unit's name.

    When two units' names give the same safe name, the unit id is added so that files never collide.
    """
    _unit(plan, unit_id)
    return file_names(plan, period)[unit_id]


def build_return(plan: Plan, unit_id: str, period: Period, *, deadline: dt.date | None = None,
                 now: dt.datetime | None = None, previous: PreviousValues | None = None,
                 plan_identity: str | None = None) -> Workbook:
    """The return workbook of one unit for one period (not saved).

    ``plan_identity`` is ``plan.identity()`` when the caller has it already: hashing a large plan costs
    more than building one return (about 80 ms for 300 units).
    """
    _check_year(plan, period)
    unit = _unit(plan, unit_id)
    return Builder(plan, period, deadline=_deadline(plan, period, deadline), generated_at=_generated_at(now),
                   previous=previous or {}, plan_identity=plan_identity or plan.identity()).build(unit)


def create_returns(plan: Plan, period: Period, out_dir: str | Path, *,
                   units: Iterable[str] | None = None,
                   deadline: dt.date | None = None, now: dt.datetime | None = None,
                   previous: PreviousValues | None = None, overwrite: bool = True) -> list[Path]:
    """Write one return per unit (all units, or only ``units``) into ``out_dir``; return the paths.

    Each file is written atomically. The same plan and period give the same content; only the time of
    generation differs (pin it with ``now``). ``previous`` maps (unit id, indicator id) to the value the
    unit reported earlier in the year, shown in the column "Tidigare rapporterat i år".
    With ``overwrite=False`` nothing is written when any of the files already exists.
    """
    _check_year(plan, period)
    unit_ids = _select_units(plan, units)
    out = Path(out_dir)
    names = file_names(plan, period)
    targets = [(uid, out / names[uid]) for uid in unit_ids]
    if not overwrite:
        existing = [p for _, p in targets if p.exists()]
        if existing:
            raise InputError(tr.RETURNS_EXIST.format(count=len(existing), dir=out, example=existing[0].name))
    builder = Builder(plan, period, deadline=_deadline(plan, period, deadline),
                      generated_at=_generated_at(now), previous=previous or {}, plan_identity=plan.identity())
    # What every unit shares is built once and cloned per unit (see Builder).
    skeleton = Skeleton(builder.common())
    units_by_id = {u.id: u for u in plan.units}
    written = []
    for uid, path in targets:
        wb = builder.unit(skeleton.clone(), units_by_id[uid])
        written.append(save_in_memory(wb, path))
    return written


# --------------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------------

def _check_year(plan: Plan, period: Period) -> None:
    check_plan_year(period, plan.year)


def _unit(plan: Plan, unit_id: str) -> Unit:
    unit = plan.unit(unit_id)
    if unit is None:
        known = ", ".join(u.id for u in plan.units) or "-"
        raise InputError(tr.UNKNOWN_UNIT.format(unit=unit_id, known=known))
    return unit


def _select_units(plan: Plan, units: Iterable[str] | None) -> list[str]:
    if not plan.units:
        raise InputError(tr.NO_UNITS)
    if units is None:
        return [u.id for u in plan.units]
    chosen: list[str] = []
    for uid in units:
        uid = str(uid).strip()
        _unit(plan, uid)
        if uid not in chosen:
            chosen.append(uid)
    return chosen


def _deadline(plan: Plan, period: Period, deadline: dt.date | None) -> dt.date | None:
    """The given deadline, else the master's when the master's current period is this period."""
    return deadline if deadline is not None else plan.deadline_for(period)


def _generated_at(now: dt.datetime | None) -> dt.datetime:
    when = now or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).replace(microsecond=0)
