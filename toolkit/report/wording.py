"""The words a consolidation is shown with, shared by the report workbook and the committee's document, so
that both say the same thing the same way: titles, status words, each indicator's basis and trends, the
assignments' statuses and the rules ("Om rapporten" / "Om underlaget")."""

from __future__ import annotations

from toolkit.core.model import Aggregation, Assessment, Plan, ValueKind
from toolkit.core.periods import Period
from toolkit.core.values import format_number
from toolkit.report import assessment as asm
from toolkit.report.consolidate import AssignmentUnit, Consolidation, IndicatorResult, VerdictResult
from toolkit.report.series import Gap, PastValue
from toolkit.report.trends import TrendResult
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx


def report_title(c: Consolidation) -> str:
    """ "Delårsrapport 2026 (tertial 2, januari–augusti)": the workbook's and the document's title."""
    return tx.TITLE.format(report=tx.PERIOD_REPORT[c.period.tertial].format(year=c.year))


def status_label(assessment: Assessment, c: Consolidation) -> str:
    """The Swedish word for a status in the consolidated period (a forecast in T1 and T2)."""
    return asm.label(assessment, c.period)


def counts_text(v: VerdictResult, c: Consolidation) -> str:
    """ "4 indikatorer: 2 bedöms uppfyllas, 1 ..." for a goal or sub-goal."""
    if not v.n_indicators:
        return tx.COUNTS_NONE
    parts = [f"{n} {status_label(a, c).lower()}" for a, n in v.counts.items() if n]
    template = tx.COUNTS_TEXT_ONE if v.n_indicators == 1 else tx.COUNTS_TEXT
    return template.format(n=v.n_indicators, parts=", ".join(parts))


def verdict_word(v: VerdictResult, c: Consolidation) -> tuple[Assessment, str]:
    """The controller's verdict and its word ("Ej angiven" when the master has none)."""
    if v.verdict is None:
        return Assessment.NONE, tx.VERDICT_MISSING
    return v.verdict.assessment, status_label(v.verdict.assessment, c)


# --------------------------------------------------------------------------------------------
# An indicator's basis and trends
# --------------------------------------------------------------------------------------------

def basis_text(r: IndicatorResult, c: Consolidation) -> str:
    """What an indicator's outcome measures, what it is compared with and what it rests on: "Läge vid periodens
    slut: jämförs med hela målvärdet. Måttenhet: dagar. Summa av 3 av 4 verksamheter – saknas: Norr."."""
    ind = r.indicator
    if not r.due:
        return tx.NOT_DUE.format(period=c.period, periodicity=ind.periodicity.text)
    parts = []
    if ind.is_cumulative:
        key = "cumulative_pro_rata" if asm.is_pro_rata(ind, c.period) else "cumulative"
        parts.append(tx.BASIS_MEASURE[key].format(months=asm.months_covered(c.period)))
    elif ind.is_level:
        parts.append(tx.BASIS_MEASURE["level"])
    if ind.unit_of_measure:
        parts.append(tx.BASIS_UNIT.format(unit=ind.unit_of_measure))
    if r.weights_missing:
        names = {u.unit_id: u.unit_name for u in r.units}
        parts.append(tx.BASIS_WEIGHTS_MISSING.format(names=", ".join(names.get(u, u) for u in r.weights_missing)))
    else:
        parts.append(_aggregation_text(r))
    if r.withheld:
        parts.append(tx.BASIS_WITHHELD)
    return " ".join(parts)


def basis_is_warning(r: IndicatorResult) -> bool:
    """Whether the basis must stand out: a responsible unit without a value, a withheld green, no weights."""
    return r.due and (not r.complete or r.withheld or bool(r.weights_missing))


def _aggregation_text(r: IndicatorResult) -> str:
    ind = r.indicator
    agg = ind.aggregation
    if ind.kind is ValueKind.YESNO and agg is not Aggregation.SINGLE:
        agg = Aggregation.ALL_YES  # as assessment.aggregate combines yes/no
    names = {u.unit_id: u.unit_name for u in r.units}
    n, total = len(r.covered), len(r.units)
    if agg is Aggregation.SINGLE:
        if not r.covered:
            return tx.BASIS_SINGLE_NONE + tx.BASIS_END
        return tx.BASIS_AGGREGATION["single"].format(unit=names.get(r.covered[0], r.covered[0])) + tx.BASIS_END
    weights = ""
    if agg is Aggregation.WEIGHTED_MEAN:
        weights = ", ".join(tx.BASIS_WEIGHT.format(unit=names.get(u, u), weight=format_number(r.weights[u], 6))
                            for u in r.covered if u in r.weights)
        if r.weight_notes:
            weights += tx.BASIS_WEIGHTS_NOTE.format(note=", ".join(r.weight_notes))
    text = tx.BASIS_AGGREGATION[agg].format(n=n, total=total, weights=weights)
    missing = [u.unit_name for u in r.missing_units]
    if missing:
        text += tx.BASIS_MISSING.format(names=", ".join(missing))
    return text + tx.BASIS_END


def trend_text(r: IndicatorResult) -> str:
    """Every trend of the indicator: "↓ bättre än 2026-T1; → oförändrat mot 2025-T2", "ej jämförbar med ...";
    empty when there is nothing to compare with."""
    return tx.TREND_JOIN.join(text for t in r.trends if (text := one_trend_text(t, r)))


def one_trend_text(t: TrendResult, r: IndicatorResult) -> str:
    if not t.comparable:
        n, total = t.reported
        return tx.TREND_NOT_COMPARABLE[t.not_comparable or "no_value"].format(against=t.label, n=n, total=total)
    if t.trend is asm.Trend.UNCHANGED:
        text = tx.TREND_SAME.format(against=t.label)
    else:
        text = tx.TREND_TEXT.format(arrow=tx.TREND_ARROW[t.trend], word=tx.TREND_BETTER[t.better], against=t.label)
    if t.subset:
        text += (tx.TREND_SUBSET_ONE if len(t.units) == 1 else tx.TREND_SUBSET.format(n=len(t.units)))
    return text


# --------------------------------------------------------------------------------------------
# Earlier values beside this period's: the same period last year, the year's series (T3)
# --------------------------------------------------------------------------------------------

def shows_last_year(c: Consolidation) -> bool:
    """Whether the report shows the same period last year: when the history holds it (a counted return)."""
    return any(r.last_year is not None and r.last_year.gap is not Gap.NOT_COLLECTED for r in c.indicators)


def past_headers(c: Consolidation) -> list[str]:
    """The headers of the earlier values shown beside the outcome, in order: the same period last year ("Samma
    period 2025"; in the Årsrapport "Utfall 2025") when the history holds it, then at T3 the year's earlier
    periods ("Utfall 2026-T1", "Utfall 2026-T2")."""
    out = []
    if shows_last_year(c):
        key = "last_year_end" if c.year_end else "last_year"
        out.append(tx.PAST_HEADERS[key].format(year=c.year - 1))
    if c.year_end:
        out += [tx.PAST_HEADERS["series"].format(period=Period(c.year, t)) for t in range(1, c.period.tertial)]
    return out


def past_values(r: IndicatorResult, c: Consolidation) -> list[PastValue]:
    """An indicator's earlier values in the order of ``past_headers``."""
    out = []
    if shows_last_year(c) and r.last_year is not None:
        out.append(r.last_year)
    if c.year_end:
        out += r.series
    return out


def outcome_header(c: Consolidation) -> str:
    """ "Utfall 2026-T2"; in the Årsrapport "Utfall 2026", beside last year's "Utfall 2025"."""
    if c.year_end:
        return tx.GOALS_HEADER_YEAR_OUTCOME.format(year=c.year)
    return tx.GOALS_HEADERS["outcome"].format(period=c.period)


def gap_reason(p: PastValue) -> str:
    """Why an earlier value is missing: "ej insamlad", "redovisas ej", ..."""
    return tx.PAST_GAP[p.gap or Gap.NO_VALUE]


def gap_text(p: PastValue) -> str:
    """ "– (ej insamlad)": no value, and why."""
    return tx.PAST_GAP_CELL.format(reason=gap_reason(p))


def past_note(r: IndicatorResult, c: Consolidation) -> str:
    """The reservation for earlier values shown on an incomplete basis ("Reservation: Utfall 2026-T1 bygger på 3
    av 4 verksamheter."); empty when every value shown is complete."""
    items = [tx.PAST_INCOMPLETE_ITEM.format(label=label, n=p.covered, total=p.expected)
             for label, p in zip(past_headers(c), past_values(r, c)) if p.shown and not p.complete]
    return tx.PAST_INCOMPLETE.format(items=tx.PAST_JOIN.join(items)) if items else ""


def current_value(r: IndicatorResult, c: Consolidation) -> PastValue:
    """This period's combined value in the shape of an earlier one (for the years compared)."""
    ind = r.indicator
    gap = None if r.due and r.value is not None else (Gap.NO_VALUE if r.due else Gap.NOT_DUE)
    return PastValue(c.period, r.value, ind.kind, ind.decimals, covered=len(r.covered), expected=len(set(ind.units)),
                     complete=r.complete, gap=gap)


def year_columns(c: Consolidation) -> list[int]:
    """The years compared: every earlier year the history holds, and at T3 this year."""
    return [*c.history_years, *([c.year] if c.year_end else [])]


def year_values(r: IndicatorResult, c: Consolidation) -> list[PastValue]:
    """An indicator's year-end outcome (T3) in each of ``year_columns``."""
    return [current_value(r, c) if y == c.year else r.years[y] for y in year_columns(c)]


def years_note(r: IndicatorResult, c: Consolidation) -> str:
    """The reservation for year-end outcomes on an incomplete basis; empty when all are complete."""
    items = [tx.PAST_INCOMPLETE_ITEM.format(label=tx.YEARS_HEADERS["year"].format(year=y), n=p.covered,
                                            total=p.expected)
             for y, p in zip(year_columns(c), year_values(r, c)) if p.shown and not p.complete]
    return tx.PAST_INCOMPLETE.format(items=tx.PAST_JOIN.join(items)) if items else ""


def last_year_note(c: Consolidation) -> str:
    """What the goals say when the history lacks the same period last year ("" when it holds it)."""
    return "" if shows_last_year(c) else tx.LAST_YEAR_NOT_HELD.format(period=Period(c.year - 1, c.period.tertial))


# --------------------------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------------------------

def assignment_status_text(u: AssignmentUnit, not_reported: str) -> str:
    """A unit's status on an assignment: this period's; else its last reported status with the period, marked
    as not updated; else ``not_reported`` (the workbook's or the document's words)."""
    if u.reported:
        return tc.ASSIGNMENT_STATUS[u.status] if u.status else tx.STATUS_MISSING
    if u.last_status is not None and u.last_period is not None:
        return tx.STATUS_NOT_UPDATED.format(status=tc.ASSIGNMENT_STATUS[u.last_status], period=u.last_period)
    return not_reported


# --------------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------------

def rules(plan: Plan, replaced: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """How every number is computed, as (heading, text), with the plan's thresholds filled in; ``replaced``
    gives other words for some headings (the document's, where the workbook points at its own sheets)."""
    t = plan.settings.partly_threshold
    words = {"threshold": f"{format_number(t * 100)} %", "upper": f"{format_number((2 - t) * 100)} %"}
    return [(heading, (replaced or {}).get(heading, text).format(**words)) for heading, text in tx.ABOUT]
