"""The figures of finance's budget workbook, computed in Python as its formulas compute them: per unit the
frame (from the master's 5.4), outcome, forecast, deviation, the previous period's forecast and the change
since, a status in words; the totals; the master's own summary; and every check with its result in words.

At the year end (T3) the outcome is the year's ("Utfall helår"): the deviation is frame - outcome, the change is
the outcome against the previous period's forecast, and the forecast is not shown (a forecast of a finished year
says nothing the outcome does not).

Net cost growth (the check "net_cost_forecast") under the coverage rule: with every unit's figure (forecast; T3:
outcome) the committee's sum against the sum of last year's forecasts in 5.2, judged OK or above the ceiling; with
a unit missing, the growth of the units that have both a figure and a 5.2 forecast (like with like), shown with
how many units it covers: above the ceiling stays a breach, within it is "Ej bedömd" (never OK on an incomplete
basis).

What the CLI prints, and what the tests compare LibreOffice's recalculation of the workbook with. The
reported figures come as a pandas DataFrame shaped like ``toolkit.history.store.History.budget`` (columns
unit_id, outcome_tkr, forecast_tkr, comment, events, submission_id; one row per unit, the counting one).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd

from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.core.returndata import deviation_tkr
from toolkit.plan.budget import CEILING_TOLERANCE, BudgetSummary, summarize_budget
from toolkit.report.assessment import is_forecast
from toolkit.texts import budget as tb


@dataclass
class UnitFigures:
    """One unit's row of the overview, as its formulas compute it (None where a cell is empty)."""

    unit: str
    name: str
    reported: bool
    frame_tkr: float | None
    outcome_tkr: float | None
    forecast_tkr: float | None
    deviation_tkr: float | None
    previous_forecast_tkr: float | None
    forecast_change_tkr: float | None
    status: str
    comment: str = ""
    events: str = ""
    submission_id: int | None = None


@dataclass
class CheckFigures:
    """One row of the checks sheet: value, limit and the result in words."""

    key: str
    value: float | None
    limit: float | None
    result: str

    @property
    def ok(self) -> bool:
        return self.result == tb.OK


@dataclass
class BudgetFigures:
    period: Period
    previous_period: Period | None
    threshold_tkr: float
    units: list[UnitFigures]
    totals: dict[str, float | None]  # overview field -> total (None when no unit has a figure)
    master: BudgetSummary
    checks: list[CheckFigures] = field(default_factory=list)
    year_end: bool = False  # T3: the outcome is the year's and stands against the frame

    @property
    def reported(self) -> int:
        return sum(u.reported for u in self.units)

    @property
    def checks_not_ok(self) -> int:
        return sum(not c.ok for c in self.checks)

    @property
    def checks_line(self) -> str:
        n = self.checks_not_ok
        return tb.CHECKS_ALL_OK if n == 0 else counted(n, tb.CHECKS_NOT_OK)

    def check(self, key: str) -> CheckFigures:
        return next(c for c in self.checks if c.key == key)

    def unit(self, unit_id: str) -> UnitFigures:
        return next(u for u in self.units if u.unit == unit_id)


def counted(n: int, phrase: tuple[str, str, str]) -> str:
    """ "1 verksamhet har underskott", "2 verksamheter har underskott" (what the formulas write)."""
    one, several, rest = phrase
    return f"{n} {one if n == 1 else several} {rest}"


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _rows_by_unit(df: pd.DataFrame | None) -> dict[str, dict[str, Any]]:
    """unit_id -> its row (the last one when a unit appears twice)."""
    if df is None or df.empty:
        return {}
    records = cast(list[dict[str, Any]], df.to_dict("records"))
    return {str(r["unit_id"]): r for r in records}


def unit_status(reported: bool, frame: float | None, forecast: float | None, deviation: float | None,
                threshold: float, *, year_end: bool = False) -> str:
    """The status word of a unit, as the overview's status formula decides it (``forecast``: the figure the frame
    is held against, at the year end the outcome)."""
    if not reported:
        return tb.STATUS_NOT_REPORTED
    if frame is None:
        return tb.STATUS_NO_FRAME
    if forecast is None or deviation is None:
        return tb.STATUS_NO_OUTCOME if year_end else tb.STATUS_NO_FORECAST
    if deviation < -threshold:
        return tb.STATUS_DEFICIT_BEYOND
    if deviation < 0:
        return tb.STATUS_DEFICIT
    if deviation > threshold:
        return tb.STATUS_SURPLUS_BEYOND
    return tb.STATUS_WITHIN


def _master_frame(plan: Plan, unit_id: str) -> float | None:
    """The frame the overview looks up in 5.4: the first row of the unit (MATCH is case-insensitive)."""
    key = unit_id.casefold()
    f = next((f for f in plan.budget.frames if f.unit.casefold() == key), None)
    return None if f is None else f.frame_tkr


def budget_figures(plan: Plan, period: Period, current: pd.DataFrame,
                   previous: pd.DataFrame | None = None) -> BudgetFigures:
    """Every figure of the budget workbook, computed as its formulas compute them.

    ``current`` and ``previous`` are the counting submissions' budget figures of ``period`` and of the
    period before it (None when unknown), shaped like ``History.budget``.
    """
    year_end = not is_forecast(period)
    threshold = float(plan.settings.deviation_threshold_tkr)
    now = _rows_by_unit(current)
    before = _rows_by_unit(previous)
    names = {u.id: u.name for u in plan.units}
    order = [u.id for u in plan.units] + [uid for uid in now if uid not in names]

    units: list[UnitFigures] = []
    for uid in order:
        row = now.get(uid)
        reported = row is not None
        frame = _master_frame(plan, uid)
        outcome = _number(row.get("outcome_tkr")) if row else None
        forecast = _number(row.get("forecast_tkr")) if row else None
        judged = outcome if year_end else forecast  # what the frame is held against
        deviation = deviation_tkr(frame, judged)
        prev = _number(before[uid].get("forecast_tkr")) if uid in before else None
        change = judged - prev if judged is not None and prev is not None else None
        sid = row.get("submission_id") if row else None
        units.append(UnitFigures(
            unit=uid, name=names.get(uid, tb.UNKNOWN_UNIT), reported=reported, frame_tkr=frame,
            outcome_tkr=outcome, forecast_tkr=forecast, deviation_tkr=deviation, previous_forecast_tkr=prev,
            forecast_change_tkr=change,
            status=unit_status(reported, frame, judged, deviation, threshold, year_end=year_end),
            comment=_text(row.get("comment")) if row else "", events=_text(row.get("events")) if row else "",
            submission_id=int(sid) if sid is not None and _number(sid) is not None else None))

    totals: dict[str, float | None] = {}
    for name in ("frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr", "previous_forecast_tkr",
                 "forecast_change_tkr"):
        if year_end and name == "forecast_tkr":
            continue  # not shown at the year end
        values = [getattr(u, name) for u in units if getattr(u, name) is not None]
        totals[name] = sum(values) if values else None

    summary = summarize_budget(plan.budget)
    figures = BudgetFigures(period, period.previous(), threshold, units, totals, summary, year_end=year_end)
    figures.checks = _checks(figures, _prior_forecasts(plan))
    return figures


def _prior_forecasts(plan: Plan) -> dict[str, float]:
    """unit id (case-folded, as SUMIF matches) -> its forecast in 5.2 (the sum of its rows, as SUMIF adds them)."""
    out: dict[str, float] = {}
    for p in plan.budget.prior_forecasts:
        key = p.unit.casefold()
        out[key] = out.get(key, 0.0) + (p.forecast_tkr or 0.0)
    return out


def partial(phrase: tuple[str, str, str], n: int, total: int) -> str:
    """ "Över taket för 3 av 4 verksamheter" (what the formula writes)."""
    before, between, after = phrase
    return f"{before}{n}{between}{total}{after}"


def _net_cost(fig: BudgetFigures, prior: dict[str, float], ceiling: float | None) -> CheckFigures:
    """Net cost growth by the units' figures (forecasts; T3: outcomes) under the coverage rule (module doc)."""
    judged = [(u.unit, u.outcome_tkr if fig.year_end else u.forecast_tkr) for u in fig.units]
    with_figure = [(unit, f) for unit, f in judged if f is not None]
    basis = [(unit, f) for unit, f in with_figure if unit.casefold() in prior]
    complete = len(with_figure) == len(judged)
    growth = None
    if complete and fig.master.sum_prior_forecasts != 0:
        growth = sum(f for _, f in with_figure) / fig.master.sum_prior_forecasts - 1
    elif not complete:
        base = sum(prior[unit.casefold()] for unit, _ in basis)
        if base != 0:
            growth = sum(f for _, f in basis) / base - 1
    if growth is None or ceiling is None:
        result = tb.NOT_ASSESSED
    elif complete:
        result = tb.OK if growth <= ceiling + CEILING_TOLERANCE else tb.RESULT_ABOVE_CEILING
    else:
        phrase = (tb.NOT_ASSESSED_PARTIAL if growth <= ceiling + CEILING_TOLERANCE
                  else tb.RESULT_ABOVE_CEILING_PARTIAL)
        result = partial(phrase, len(basis), len(judged))
    return CheckFigures("net_cost_forecast", growth, ceiling, result)


def _checks(fig: BudgetFigures, prior: dict[str, float]) -> list[CheckFigures]:
    m = fig.master
    ceiling = m.net_cost_ceiling
    out = [CheckFigures("frames_total", m.sum_frames, m.total_frame_tkr, m.frames_check)]
    rows_off = m.frame_rows_off
    out.append(CheckFigures("frame_rows", rows_off, 0,
                            tb.OK if rows_off == 0 else counted(rows_off, tb.RESULT_ROWS_BAD)))
    out.append(CheckFigures("net_cost_frames", m.net_cost_growth, ceiling,
                            m.net_cost_check or tb.NOT_ASSESSED))

    out.append(_net_cost(fig, prior, ceiling))

    total = fig.totals["deviation_tkr"]
    if total is None:
        total_result = tb.NOT_ASSESSED
    else:
        total_result = tb.RESULT_DEFICIT if total < 0 else tb.OK
    out.append(CheckFigures("total_deviation", total, 0, total_result))

    def count(key: str, n: int, phrase: tuple[str, str, str], limit: float | None = 0) -> None:
        out.append(CheckFigures(key, n, limit, tb.OK if n == 0 else counted(n, phrase)))

    count("deficits", sum(u.deviation_tkr is not None and u.deviation_tkr < 0 for u in fig.units),
          tb.RESULT_DEFICITS)
    count("beyond_threshold", sum(u.status in (tb.STATUS_DEFICIT_BEYOND, tb.STATUS_SURPLUS_BEYOND)
                                  for u in fig.units), tb.RESULT_BEYOND, fig.threshold_tkr)
    count("not_reported", sum(not u.reported for u in fig.units), tb.RESULT_NOT_REPORTED)
    count("without_frame", sum(u.frame_tkr is None for u in fig.units), tb.RESULT_WITHOUT_FRAME)
    assert [c.key for c in out] == list(tb.CHECKS)
    return out
