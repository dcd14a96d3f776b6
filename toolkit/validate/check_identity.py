"""The identity of a return: its hidden identity sheet (format version, unit, period, plan version), the
period being collected, and the summary of what changed when the return comes from another plan version.

A return generated from another version of the plan is accepted when the unit's fingerprint
(``Plan.unit_fingerprint``) is unchanged, and also when what changed does not touch what the unit entered
(wordings, targets, baselines, end dates, the frame, the order of rows, other units' rows): then with a
warning that lists the changes. Rows added or removed, or an indicator with another kind of value, make the
return invalid: ``nplan returns migrate`` writes the unit a new return with everything it entered carried over.
"""

from __future__ import annotations

from toolkit.core import values as vals
from toolkit.core.errors import NplanError
from toolkit.core.periods import Period
from toolkit.returns import layout
from toolkit.texts import validate as tv
from toolkit.validate.context import Diffs, Findings, Identity
from toolkit.validate.expected import PlanContext
from toolkit.validate.readers import Book
from toolkit.validate.tables import find_table, show_raw


def read_identity(book: Book, ctx: PlanContext, out: Findings, period: Period | None) -> Identity | None:
    """The return's identity, or None when the file cannot be read as a return of a unit of this plan
    (no identity and no way to tell the unit, an unknown unit, another format version).

    ``period``: the period being collected (None: the return's own).
    """
    sheet = book.sheet(layout.SHEET_IDENTITY)
    if sheet is None:
        out.add("identity-missing", expected=layout.SHEET_IDENTITY)
        return _identity_fallback(book, ctx, out, period)
    meta: dict[str, str] = {}
    cells: dict[str, str] = {}
    for r, row in enumerate(sheet.rows, start=1):
        if row and not vals.is_blank(row[0]):
            key = str(row[0]).strip()
            value = row[1] if len(row) > 1 else None
            meta[key] = "" if vals.is_blank(value) else show_raw(value).strip()
            cells[key] = f"B{r}"
    sheet_name = sheet.name

    def invalid(key: str) -> None:
        out.add("identity-invalid", sheet_name, cells.get(key, ""), field=key, found=meta.get(key))

    version_text = meta.get("format_version", "")
    try:
        version = int(float(version_text))
    except (ValueError, OverflowError):
        invalid("format_version")
        return None
    if version not in layout.READABLE_VERSIONS:
        out.add("format-version", sheet_name, cells.get("format_version", ""), field="format_version",
                found=version, expected=layout.FORMAT_VERSION,
                advice=tv.FORMAT_TOO_NEW if version > layout.FORMAT_VERSION else tv.FORMAT_TOO_OLD)
        return None
    unit_id = meta.get("unit_id", "")
    if not unit_id:
        invalid("unit_id")
        return None
    if unit_id not in ctx.unit_ids:
        out.add("unit-unknown", sheet_name, cells.get("unit_id", ""), field="unit_id", item_id=unit_id,
                found=unit_id, expected=", ".join(ctx.unit_ids) or "-")
        return None
    try:
        found = Period.parse(meta.get("period", ""))
    except NplanError:
        invalid("period")
        if period is None:
            return None
        found = period
    _check_period(ctx, out, period, found, sheet_name, cells.get("period", ""))
    return Identity(unit_id, found, cells, plan_identity=meta.get("plan_identity", ""),
                    unit_fingerprint=meta.get("unit_fingerprint", ""), format_version=version,
                    generated_at=meta.get("generated_at", ""))


def _identity_fallback(book: Book, ctx: PlanContext, out: Findings, period: Period | None) -> Identity | None:
    """Without the identity sheet: the unit from the economy row, the period from the caller."""
    sheet = book.sheet(layout.SHEET_ECONOMY)
    table = find_table(sheet, layout.SHEET_ECONOMY) if sheet else None
    unit_id = table.rows[0].item_id if table and table.rows else ""
    if not unit_id or unit_id not in ctx.unit_ids or period is None:
        return None
    _check_period(ctx, out, period, period, "", "")
    return Identity(unit_id, period, format_version=layout.FORMAT_VERSION, has_sheet=False)


def _check_period(ctx: PlanContext, out: Findings, wanted: Period | None, found: Period, sheet: str,
                  cell: str) -> None:
    if wanted is not None and found != wanted:
        out.add("wrong-period", sheet, cell, field="period", found=found, expected=wanted)
    elif found.year != ctx.plan.year:
        out.add("wrong-period", sheet, cell, field="period", found=found,
                expected=tv.EXPECT_PERIOD_OF_YEAR.format(year=ctx.plan.year))


def plan_changed(identity: Identity, ctx: PlanContext, out: Findings) -> bool:
    """True when the return comes from a plan version that differs in what this unit reports on."""
    if not identity.has_sheet:
        return False
    found = identity.plan_identity
    if found == ctx.identity:
        return False
    if identity.unit_fingerprint == ctx.fingerprint(identity.unit_id):
        out.add("plan-version-other", layout.SHEET_IDENTITY, identity.cells.get("plan_identity", ""),
                field="plan_identity", found=found or "-", expected=ctx.identity)
        return False
    return True


def plan_changed_summary(identity: Identity, ctx: PlanContext, out: Findings, diffs: Diffs) -> None:
    """The one finding that sums up how a return from a changed plan version differs from the plan: an error
    when rows were added or removed or an indicator has another kind of value (the return is migrated), else a
    warning that lists the changes (nothing the unit entered depends on them)."""
    blocking = []
    if diffs.added:
        blocking.append(tv.DIFF_ADDED.format(ids=", ".join(diffs.added)))
    if diffs.removed:
        blocking.append(tv.DIFF_REMOVED.format(ids=", ".join(diffs.removed)))
    if diffs.kind_changed:
        blocking.append(tv.DIFF_KIND.format(ids=", ".join(diffs.kind_changed)))
    changed = [tv.DIFF_CHANGED.format(details="; ".join(diffs.changed))] if diffs.changed else []
    found = identity.plan_identity or "-"
    cell = identity.cells.get("plan_identity", "")
    if diffs.blocking:
        out.add("plan-changed", layout.SHEET_IDENTITY, cell, field="plan_identity", found=found,
                expected=ctx.identity, differences="; ".join(blocking + changed))
    elif changed:
        out.add("plan-version-changed", layout.SHEET_IDENTITY, cell, field="plan_identity", found=found,
                expected=ctx.identity, differences=changed[0])
    else:
        # The unit's fingerprint changed in something this period's return does not show.
        out.add("plan-version-other", layout.SHEET_IDENTITY, cell, field="plan_identity", found=found,
                expected=ctx.identity)
