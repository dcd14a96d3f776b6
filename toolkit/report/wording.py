"""The words a consolidation is shown with, shared by the report workbook and the committee's document, so
that both say the same thing the same way."""

from __future__ import annotations

from toolkit.core.model import Assessment
from toolkit.report import assessment as asm
from toolkit.report.consolidate import Consolidation, IndicatorResult, VerdictResult
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


def trend_text(r: IndicatorResult) -> str:
    """The trend against the earlier value ("↑ bättre än 2024", "→ oförändrat mot 2026-T1"); empty when there
    is nothing to compare with."""
    if r.trend is asm.Trend.UNKNOWN:
        return ""
    if r.trend is asm.Trend.UNCHANGED:
        return tx.TREND_SAME.format(against=r.previous_label)
    return tx.TREND_TEXT.format(arrow=tx.TREND_ARROW[r.trend], word=tx.TREND_BETTER[r.trend_better],
                                against=r.previous_label)
