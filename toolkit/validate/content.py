"""Every check of a return's content, on the neutral representation: the identity, then the three input
sheets, giving the findings and the normalized values (``ReturnData``).

Required inputs follow ``layout.REQUIRED_*`` per tertial (T1 simplified: outcome and assessment optional,
except for an indicator reported only in April). Free text (analysis, measures, comments, significant events)
is anything up to ``layout.MAX_TEXT`` characters (events: the comment limit); a number or date typed there is
kept as its text. Text that a spreadsheet would run as a formula (starting with =, +, -, @) is a warning and stays
plain text. What each sheet accepts is described in its module (``check_identity``, ``check_indicators``,
``check_assignments``, ``check_economy``).
"""

from __future__ import annotations

from toolkit.core.findings import Finding
from toolkit.core.periods import Period
from toolkit.core.returndata import ReturnData
from toolkit.returns import layout
from toolkit.validate.check_assignments import check_assignments
from toolkit.validate.check_economy import check_economy
from toolkit.validate.check_identity import plan_changed, plan_changed_summary, read_identity
from toolkit.validate.check_indicators import check_indicators
from toolkit.validate.context import CheckContext, Diffs, Findings, Previous
from toolkit.validate.expected import PlanContext
from toolkit.validate.readers import Book

__all__ = ["check_book"]


def check_book(book: Book, ctx: PlanContext, *, file: str = "", period: Period | None = None,
               previous: Previous | None = None) -> tuple[list[Finding], ReturnData | None]:
    """Every check of a return's content on the neutral representation: (findings, normalized data).

    ``period``: the period being collected (None: the return's own); ``previous``: the values the unit
    reported earlier in the year. The data is None when the file cannot be read as a return of a unit of
    this plan.
    """
    out = Findings(file)
    identity = read_identity(book, ctx, out, period)
    if identity is None:
        return out.items, None
    diffs = Diffs() if plan_changed(identity, ctx, out) else None
    expected = ctx.expected(identity.unit_id, identity.period)
    # A return of an earlier format version carries the formulas of an earlier generator: present, not equal.
    formulas = expected.formulas if identity.format_version == layout.FORMAT_VERSION else None
    state = CheckContext(ctx, out, identity, previous=previous, expected_formulas=formulas, diffs=diffs)
    data = ReturnData(unit_id=identity.unit_id, period=identity.period, plan_identity=identity.plan_identity,
                      unit_fingerprint=identity.unit_fingerprint, format_version=identity.format_version,
                      generated_at=identity.generated_at)
    data.indicators = check_indicators(book, state, expected.indicators)
    data.assignments = check_assignments(book, state, expected.assignments)
    data.budget = check_economy(book, state)
    if diffs is not None:
        plan_changed_summary(identity, ctx, out, diffs)
    return out.items, data
