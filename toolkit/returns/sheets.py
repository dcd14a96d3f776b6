"""The sheets of a return besides the item sheets: the lists, Ekonomi, Start (the unit's guide and the
completeness line) and the very hidden identity sheet. Each has a part every unit shares (``*_common``,
written once per period) and a part per unit."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import Unit
from toolkit.returns import formulas as fx
from toolkit.returns import layout
from toolkit.returns.parts import (
    ECO,
    ECO_HELPERS,
    ECO_LETTERS,
    ECONOMY_LINES,
    FIRST_ROW,
    FRAME_PARTS_ROW,
    INSTRUCTIONS_ROW,
    LISTS,
    START_ROWS,
    THRESHOLD_ROW,
    WIDTHS,
    Context,
    Rows,
    add_rule,
    blank,
    fit_height,
    fit_row,
    hide_helpers,
    literal,
    mark_check,
    mark_required,
    number_text,
    qualifier,
    text_validation,
    write_title,
)
from toolkit.returns.styles import DXF_MISSING, DXF_OK, Styles
from toolkit.texts import common as tc
from toolkit.texts import returns as tr


def write_lists(wb: Workbook, st: Styles, ws: Worksheet) -> None:
    for c, (name, items) in enumerate(LISTS.items(), start=1):
        st.put(ws, 1, c, tr.LIST_TITLES[name], "bold", text=True)
        for r, item in enumerate(items, start=2):
            excel.set_text(ws.cell(row=r, column=c), item)
        letter = excel.col(c)
        excel.define_name(wb, name, ws.title, f"${letter}$2:${letter}${len(items) + 1}")
    ws.sheet_state = "hidden"


def economy_common(ctx: Context, wb: Workbook, st: Styles, ws: Worksheet) -> dict[str, str]:
    """The economy row's inputs, formulas, helper cells, validations and marks (the same for every unit); return
    the start-sheet formulas counting what is missing and wrong there."""
    plan, per = ctx.plan, ctx.period
    if plan.budget.is_example:
        st.put(ws, 3, 1, tc.EXAMPLE_BUDGET_NOTE, "warn", text=True)
    r = FIRST_ROW
    L, H = ECO_LETTERS, ECO_HELPERS
    labels = layout.ECONOMY_COLUMNS
    required = layout.REQUIRED_ECONOMY_INPUTS[per.tertial]
    col = {key: i for i, key in enumerate(ECO, start=1)}
    helper_col = {key: i for i, key in enumerate(layout.ECONOMY_HELPERS, start=len(ECO) + 1)}

    # The threshold, shown under the deviation column and named for the formulas. Column A stays
    # empty below the data row: readers take every filled A cell there for an id.
    st.put(ws, THRESHOLD_ROW, 2, tr.THRESHOLD_LABEL, "bold", text=True)
    st.put(ws, THRESHOLD_ROW, col["deviation_tkr"], ctx.threshold, "formula", excel.FMT_TKR)
    thr_abs = f"${L['deviation_tkr']}${THRESHOLD_ROW}"
    excel.define_name(wb, layout.THRESHOLD_NAME, ws.title, thr_abs)
    thr = layout.THRESHOLD_NAME

    for key in layout.ECONOMY_INPUTS:
        st.put(ws, r, col[key], None, "input", excel.FMT_TKR if key.endswith("_tkr") else "General")
    # Outcome and forecast read as the validator reads amounts (helper cells).
    values = {}
    for key, prefix in (("outcome_tkr", "outcome"), ("forecast_tkr", "forecast")):
        cells = [f"{H[f'{prefix}_{h}']}{r}" for h in layout.NUMBER_HELPERS]
        for h, formula in zip(layout.NUMBER_HELPERS, fx.number_helpers(f"{L[key]}{r}", cells)):
            st.put(ws, r, helper_col[f"{prefix}_{h}"], formula, "plain")
        values[key] = cells[-1]
    b, e = f"{L['frame_tkr']}{r}", f"{L['deviation_tkr']}{r}"
    forecast = values["forecast_tkr"]
    st.put(ws, r, col["deviation_tkr"],
           f'=IF(OR({b}="",{fx.number_blank(forecast)},{fx.not_a_number(forecast)}),"",IFERROR({b}-{forecast},""))',
           "formula", excel.FMT_TKR)
    needs_comment = f'AND(IF({e}="",FALSE,ABS({e})>{thr}),{fx.blank(L["comment"] + str(r))})'
    empty = {"outcome_tkr": fx.number_blank(values["outcome_tkr"]),
             "forecast_tkr": fx.number_blank(values["forecast_tkr"]),
             "events": fx.blank(f"{L['events']}{r}")}
    missing_parts = [(empty[k], literal(labels[k])) for k in required]
    missing_parts.append((needs_comment, literal(labels["comment"])))
    limit = layout.MAX_TEXT["comment"]
    error_parts = [(fx.not_a_number(values[k]), literal(tr.PROBLEMS["not_number"].format(field=labels[k])))
                   for k in ("outcome_tkr", "forecast_tkr")]
    error_parts += [(fx.too_long(f"{L[k]}{r}", limit),
                     literal(tr.PROBLEMS["too_long"].format(field=labels[k], max=limit)))
                    for k in ("comment", "events")]
    st.put(ws, r, helper_col["missing"], fx.count([c for c, _ in missing_parts]), "plain")
    st.put(ws, r, helper_col["errors"], fx.count([c for c, _ in error_parts]), "plain")
    counts = {key: f"{H[key]}{r}" for key in ("missing", "errors")}
    st.put(ws, r, col["check"], fx.check_text(
        counts["missing"], counts["errors"], missing_parts, error_parts, missing_word=tr.CHECK_MISSING,
        errors_word=tr.CHECK_ERRORS, between=tr.CHECK_BETWEEN), "check")
    fit_row(ws, r, ECONOMY_LINES, tr.CHECK_MISSING + ", ".join(labels[k] for k in (*required, "comment")))

    title, prompt, error = tr.PROMPTS["amounts_tkr"]  # outcome and forecast are adjacent: one validation
    excel.number_validation(ws, f"{L['outcome_tkr']}{r}:{L['forecast_tkr']}{r}", kind="decimal",
                            minimum=-1e12, maximum=1e12, prompt=prompt, error=error, title=title)
    text_validation(ws, f"{L['comment']}{r}", "economy_comment", limit, threshold=number_text(ctx.threshold))
    text_validation(ws, f"{L['events']}{r}", "events", limit)
    mark_required(ws, L, required, Rows(r, r))
    add_rule(ws, f"{L['comment']}{r}",
             f'AND(IF(${e}="",FALSE,ABS(${e})>{thr_abs}),{blank(L["comment"] + str(r))})')
    mark_check(ws, f"{L['check']}{r}")
    hide_helpers(ws, H.values())
    q = qualifier(ws.title)
    ids = q(f"${L['id']}${r}:${L['id']}${r}")
    return {key: fx.rows_total(ids, q(f"${H[key]}${r}:${H[key]}${r}")) for key in ("missing", "errors")}


def economy_unit(ctx: Context, st: Styles, ws: Worksheet, unit: Unit) -> None:
    frame = ctx.plan.budget.frame_of(unit.id)
    write_title(st, ws, tr.ECONOMY_TITLE.format(unit=unit.name, period=ctx.period))
    st.put(ws, FIRST_ROW, ECO.index("id") + 1, unit.id, "info", text=True)
    st.put(ws, FIRST_ROW, ECO.index("frame_tkr") + 1, frame.frame_tkr if frame else None, "info",
           excel.FMT_TKR)
    if frame is None:
        return
    # The frame as the plan builds it: last year's frame and this year's changes (context only).
    year, amount_col = ctx.plan.year, ECO.index("deviation_tkr") + 1
    lines: list[tuple[str, float | None]] = [
        (tr.FRAME_PREVIOUS.format(year=year - 1), frame.previous_tkr)]
    for change in ctx.plan.budget.changes_of(unit.id):
        lines.append((tr.FRAME_CHANGE.format(kind=tc.CHANGE_KIND[change.kind], text=change.text),
                      change.amount_tkr))
    lines.append((tr.FRAME_CURRENT.format(year=year), frame.frame_tkr))
    st.put(ws, FRAME_PARTS_ROW, 2, tr.FRAME_PARTS_TITLE, "bold", text=True)
    for i, (label, amount) in enumerate(lines, start=FRAME_PARTS_ROW + 1):
        # Not wrapped: the label runs over the empty cells to its right.
        st.put(ws, i, 2, label, "bold" if i == FRAME_PARTS_ROW + len(lines) else "text", text=True)
        st.put(ws, i, amount_col, amount, "info", excel.FMT_TKR)

# ---- start ----


def start_common(ctx: Context, st: Styles, ws: Worksheet, economy_counts: dict[str, str]) -> None:
    plan, per = ctx.plan, ctx.period
    st.put(ws, 2, 1, tr.START_SUBTITLE, "note", text=True)
    for key in START_ROWS:
        st.put(ws, START_ROWS[key], 1, tr.START_LABELS[key], "label", text=True)
    values: dict[str, tuple[object, str]] = {
        "committee": (plan.settings.committee, "General"),
        "period": (tr.START_PERIOD.format(period=per, covers=tr.PERIOD_COVERS[per.tertial]), "General"),
        "report": (tr.REPORT_NAME[per.tertial], "General"),
        "deadline": (ctx.deadline if ctx.deadline else tr.NO_DEADLINE, excel.FMT_DATE),
    }
    for key, (value, fmt) in values.items():
        st.put(ws, START_ROWS[key], 2, value, "info", fmt, text=isinstance(value, str))
    totals = {}
    for part in ("missing", "errors"):
        st.put(ws, START_ROWS[f"{part}_economy"], 2, economy_counts[part], "formula")
        first, last = START_ROWS[f"{part}_indicators"], START_ROWS[f"{part}_economy"]
        st.put(ws, START_ROWS[f"{part}_total"], 2, f"=SUM(B{first}:B{last})", "formula")
        add_rule(ws, f"B{first}:B{START_ROWS[f'{part}_total']}", "0", DXF_MISSING, "cellIs", "greaterThan")
        totals[part] = f"B{START_ROWS[f'{part}_total']}"
    if totals["missing"] != layout.START_MISSING_TOTAL_CELL or totals["errors"] != layout.START_ERRORS_TOTAL_CELL:
        raise RuntimeError("the start sheet's rows differ from the layout's named cells")
    r = START_ROWS["status"]
    if f"B{r}" != layout.START_STATUS_CELL:
        raise RuntimeError("the start sheet's status row differs from the layout's named cell")
    status = fx.status(totals["missing"], totals["errors"], complete=tr.COMPLETE, missing_one=tr.MISSING_ONE,
                       missing_many=tr.MISSING_COUNT, errors_one=tr.ERRORS_ONE, errors_many=tr.ERRORS_COUNT,
                       between=tr.STATUS_AND)
    st.put(ws, r, 2, status, "status")
    add_rule(ws, f"B{r}", literal(tr.COMPLETE), DXF_OK, "cellIs", "equal")
    add_rule(ws, f"B{r}", literal(tr.COMPLETE), DXF_MISSING, "cellIs", "notEqual")

    r = INSTRUCTIONS_ROW
    st.put(ws, r, 1, tr.INSTRUCTIONS_TITLE, "bold", text=True)
    lines = tr.INSTRUCTIONS_PERIOD[per.tertial] + tr.INSTRUCTIONS_COMMON + [
        tr.INSTRUCTIONS_ANALYSIS.format(threshold=number_text(ctx.threshold))]
    for i, line in enumerate(lines, start=1):
        st.put(ws, r + i, 1, f"{i}.", "plain", text=True)
        st.put(ws, r + i, 2, line, "plain", text=True)
        fit_height(ws, r + i, [None, line])
    if plan.budget.is_example:
        st.put(ws, r + len(lines) + 2, 2, tc.EXAMPLE_BUDGET_NOTE, "warn_wrap", text=True)
        fit_height(ws, r + len(lines) + 2, [None, tc.EXAMPLE_BUDGET_NOTE])
    excel.set_widths(ws, WIDTHS[ws.title])
    excel.print_setup(ws, landscape=False)


def start_unit(ctx: Context, st: Styles, ws: Worksheet, unit: Unit, counts: dict[str, str]) -> None:
    per = ctx.period
    st.put(ws, 1, 1, tr.START_TITLE.format(report=tr.REPORT_NAME[per.tertial], year=per.year,
                                           unit=unit.name), "title", text=True)
    st.put(ws, START_ROWS["unit"], 2, tr.START_UNIT.format(name=unit.name, id=unit.id), "info", text=True)
    for key, formula in counts.items():
        st.put(ws, START_ROWS[key], 2, formula, "formula")

# ---- identity ----


def identity_common(ctx: Context, ws: Worksheet) -> None:
    plan = ctx.plan
    values = {
        "format_version": str(layout.FORMAT_VERSION),
        "plan_identity": ctx.plan_identity,
        "period": str(ctx.period),
        "committee": plan.settings.committee,
        "plan_year": str(plan.year),
        "generated_at": ctx.generated_at.isoformat(),
        "deviation_threshold_tkr": number_text(ctx.threshold, plain=True),
    }
    for r, key in enumerate(layout.IDENTITY_KEYS, start=1):
        excel.set_text(ws.cell(row=r, column=1), key)
        if key in values:
            excel.set_text(ws.cell(row=r, column=2), values[key])
    ws.sheet_state = "veryHidden"


def identity_unit(ctx: Context, ws: Worksheet, unit: Unit) -> None:
    values = {"unit_fingerprint": ctx.plan.unit_fingerprint(unit.id), "unit_id": unit.id,
              "unit_name": unit.name}
    for r, key in enumerate(layout.IDENTITY_KEYS, start=1):
        if key in values:
            excel.set_text(ws.cell(row=r, column=2), values[key])
