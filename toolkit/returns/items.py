"""The two item sheets of a return, written per unit: Indikatorer (one row per due indicator) and Uppdrag
(one row per due assignment), each row with its inputs, validations, marks, hidden helper cells and Kontroll
formula (``toolkit.returns.formulas``: the validator's rules as formulas)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import NUMBER_KINDS, Assessment, Assignment, Indicator, Unit, ValueKind
from toolkit.returns import formulas as fx
from toolkit.returns import layout
from toolkit.returns.parts import (
    ASG,
    ASG_HELPERS,
    ASG_LETTERS,
    FIRST_ROW,
    IND,
    IND_HELPERS,
    IND_LETTERS,
    INPUT_LINES,
    Context,
    Rows,
    add_rule,
    blank,
    display,
    filled,
    fit_row,
    hide_helpers,
    kind_label,
    literal,
    mark_check,
    mark_required,
    measurement_label,
    qualifier,
    ranges,
    spans,
    text_validation,
    value_format,
    write_title,
)
from toolkit.returns.styles import Styles
from toolkit.texts import common as tc
from toolkit.texts import returns as tr

# The assessment words: any of them is a valid choice; the MET ones need no analysis.
ASSESSMENT_WORDS = [*tc.ASSESSMENT.values(), *tc.ASSESSMENT_FORECAST.values()]
MET_WORDS = [tc.ASSESSMENT[Assessment.MET], tc.ASSESSMENT_FORECAST[Assessment.MET]]
YES_NO_WORDS = [*tc.YES_WORDS, *tc.NO_WORDS]  # as values.parse_yesno reads them

def _baseline_note(indicators: list[Indicator], plan_year: int) -> str:
    """What "Utfall basår" means: the year most baselines are from (the latest on a tie), and the others by id."""
    years = {i.id: i.baseline_year for i in indicators if i.baseline_year}
    if not years:
        return tr.INDICATORS_BASELINE_NOTE.format(year=plan_year - 2, plan_year=plan_year)
    counts = Counter(years.values())
    main = max(counts, key=lambda y: (counts[y], y))
    others: dict[int, list[str]] = {}
    for iid, year in years.items():
        if year != main:
            others.setdefault(year, []).append(iid)
    if not others:
        return tr.INDICATORS_BASELINE_NOTE.format(year=main, plan_year=plan_year)
    text = "; ".join(tr.BASELINE_OTHER_YEAR.format(ids=", ".join(ids), year=year)
                     for year, ids in sorted(others.items()))
    return tr.INDICATORS_BASELINE_NOTE_MIXED.format(year=main, others=text, plan_year=plan_year)


def problem(key: str, field: str, **kw: object) -> str:
    """A problem's words in the Kontroll column (a formula string literal)."""
    return literal(tr.PROBLEMS[key].format(field=field, **kw))


def write_indicators(ctx: Context, st: Styles, ws: Worksheet, unit: Unit,
                     indicators: list[Indicator]) -> dict[str, str]:
    """Write the unit's indicator rows; return the start-sheet formulas counting what is missing and wrong."""
    plan, per = ctx.plan, ctx.period
    extra = tr.NO_INDICATORS.format(period=per) if not indicators else _baseline_note(indicators, plan.year)
    write_title(st, ws, tr.INDICATORS_TITLE.format(unit=unit.name, period=per), extra,
                "warn" if not indicators else "note")
    if not indicators:
        return {"missing": "=0", "errors": "=0"}
    rows = Rows(FIRST_ROW, FIRST_ROW + len(indicators) - 1)
    L, H = IND_LETTERS, IND_HELPERS
    col = {key: i for i, key in enumerate(IND, start=1)}
    helper_col = {key: i for i, key in enumerate(layout.INDICATOR_HELPERS, start=len(IND) + 1)}
    for r, ind in enumerate(indicators, start=FIRST_ROW):
        fmt = value_format(ind)
        sub = ctx.sub_goals.get(ind.sub_goal)
        goal = ctx.goals.get(sub.goal) if sub else None
        st.put(ws, r, col["id"], ind.id, "info", text=True)
        st.put(ws, r, col["goal"], tr.GOAL_LABEL.format(number=goal.number, title=goal.title)
               if goal else None, "info", text=True)
        st.put(ws, r, col["sub_goal"], tr.SUB_GOAL_LABEL.format(id=sub.id, text=sub.text)
               if sub else ind.sub_goal, "info", text=True)
        st.put(ws, r, col["name"], ind.name, "info", text=True)
        st.put(ws, r, col["kind"], kind_label(ind), "info", text=True)
        st.put(ws, r, col["unit_of_measure"], ind.unit_of_measure or None, "info", text=True)
        st.put(ws, r, col["measurement"], measurement_label(ind), "info", text=True)
        st.put(ws, r, col["note"], ind.note or None, "info", text=True)
        baseline = (display(ind.baseline, ind.kind) if ind.baseline is not None
                    else (ind.baseline_missing_reason or None))
        for key, value in (("baseline", baseline), ("target", display(ind.target, ind.kind)),
                           ("previous", display(ctx.previous.get((unit.id, ind.id)), ind.kind))):
            st.put(ws, r, col[key], value, "info", fmt, text=isinstance(value, str))
        for key in layout.INDICATOR_INPUTS:
            st.put(ws, r, col[key], None, "input", fmt if key == "outcome" else "General")
        cells = {key: f"{H[key]}{r}" for key in layout.INDICATOR_HELPERS}
        for key, formula in _indicator_helpers(ind, r, cells, layout.required_indicator_inputs(ind, per)).items():
            st.put(ws, r, helper_col[key], formula, "plain")
        missing_parts, error_parts = _indicator_parts(ind, r, cells, layout.required_indicator_inputs(ind, per))
        st.put(ws, r, col["check"], fx.check_text(
            cells["missing"], cells["errors"], missing_parts, error_parts, missing_word=tr.CHECK_MISSING,
            errors_word=tr.CHECK_ERRORS, between=tr.CHECK_BETWEEN), "check")
        fit_row(ws, r, INPUT_LINES, _longest(ind))

    _indicator_validations(ctx, ws, rows, indicators)
    a, k = L["assessment"], L["analysis"]
    marked = sorted({key for ind in indicators for key in layout.required_indicator_inputs(ind, per)})
    required_rows = [r for r, ind in enumerate(indicators, start=FIRST_ROW)
                     if layout.required_indicator_inputs(ind, per)]
    for first, last in spans(required_rows):
        mark_required(ws, L, marked, Rows(first, last))
    not_met = ",".join(f"${a}{rows.first}<>{literal(w)}" for w in MET_WORDS)
    add_rule(ws, rows.ref(k), f'AND({filled(f"${a}{rows.first}")},{not_met},{blank(f"{k}{rows.first}")})')
    mark_check(ws, rows.ref(L["check"]))
    hide_helpers(ws, IND_HELPERS.values())
    q = qualifier(ws.title)
    ids = q(rows.ref(L["id"], True))
    return {"missing": fx.rows_total(ids, q(rows.ref(H["missing"], True))),
            "errors": fx.rows_total(ids, q(rows.ref(H["errors"], True)))}


def _longest(ind: Indicator) -> str:
    """The longest text the row's Kontroll cell can show (for the row height)."""
    labels = layout.INDICATOR_COLUMNS
    return (tr.CHECK_MISSING + ", ".join(labels[k] for k in ("outcome", "assessment", "analysis"))
            + tr.CHECK_BETWEEN + tr.CHECK_ERRORS + tr.PROBLEMS["decimals"].format(field=labels["outcome"], n=6))


def _assessment_state(cells: dict[str, str]) -> tuple[str, str, str]:
    """(empty, not a choice of the scale, needs an analysis) for the row's own assessment, from the helper
    cells holding its trimmed text and whether the analysis is empty."""
    a = cells["assessment"]
    empty = f'{a}=""'
    valid = fx.equals_one_of(a, ASSESSMENT_WORDS)
    invalid = f"AND(NOT({empty}),NOT({valid}))"
    needs = f'AND(NOT({empty}),{valid},NOT({fx.equals_one_of(a, MET_WORDS)}),{cells["analysis_empty"]})'
    return empty, invalid, needs


def _outcome_empty(ind: Indicator, r: int, cells: dict[str, str]) -> str:
    if ind.kind in NUMBER_KINDS:
        return fx.number_blank(cells["value"])
    if ind.kind is ValueKind.YESNO:
        return f'AND(NOT(ISLOGICAL({IND_LETTERS["outcome"]}{r})),{cells["clean"]}="")'
    return fx.blank(f"{IND_LETTERS['outcome']}{r}")


def _indicator_helpers(ind: Indicator, r: int, cells: dict[str, str],
                       required: Sequence[str]) -> dict[str, str]:
    """The formulas of the row's helper cells: reading the outcome, its problem, the counts."""
    L, labels = IND_LETTERS, layout.INDICATOR_COLUMNS
    outcome = f"{L['outcome']}{r}"
    out: dict[str, str] = {}
    if ind.kind in NUMBER_KINDS:
        readers = fx.number_helpers(outcome, [cells[h] for h in layout.NUMBER_HELPERS],
                                    share=ind.kind is ValueKind.SHARE)
        out.update(zip(layout.NUMBER_HELPERS, readers))
    elif ind.kind is ValueKind.YESNO:
        out["clean"] = "=" + fx.trimmed(outcome)
    out["assessment"] = "=" + fx.trimmed(f"{L['assessment']}{r}")
    out["analysis_empty"] = "=" + fx.blank(f"{L['analysis']}{r}")
    out["problem"] = "=" + _outcome_problem(ind, outcome, cells, labels["outcome"])
    empty, invalid, needs = _assessment_state(cells)
    conditions = {"outcome": _outcome_empty(ind, r, cells), "assessment": empty}
    out["missing"] = fx.count([conditions[k] for k in required] + [needs])
    limit = layout.MAX_TEXT
    out["errors"] = fx.count([f'{cells["problem"]}<>""', invalid,
                              fx.too_long(f"{L['analysis']}{r}", limit["analysis"]),
                              fx.too_long(f"{L['measures']}{r}", limit["measures"])])
    return out


def _outcome_problem(ind: Indicator, outcome: str, cells: dict[str, str], label: str) -> str:
    """What is wrong with the outcome as the validator says it ("" when nothing)."""
    kind, d, value = ind.kind, ind.decimals, cells["value"]
    if kind is ValueKind.YESNO:
        text = cells["clean"]
        ok = f"OR(ISLOGICAL({outcome}),{fx.equals_one_of(text, YES_NO_WORDS)})"
        return f'IF(AND(NOT(ISLOGICAL({outcome})),{text}=""),"",IF({ok},"",{problem("yesno", label)}))'
    if kind is ValueKind.TEXT:
        limit = layout.MAX_TEXT["analysis"]
        return f'IF({fx.too_long(outcome, limit)},{problem("too_long", label, max=limit)},"")'
    checks = '""'
    if kind is ValueKind.COUNT:
        checks = (f'IF({value}<0,{problem("negative", label)},'
                  f'IF({fx.more_decimals(value, 0)},{problem("not_whole", label)},""))')
    elif kind is ValueKind.SHARE:
        decimals = (f'IF({fx.more_decimals(f"{value}*100", d)},{problem("decimals", label, n=d)},"")'
                    if d is not None else '""')
        checks = (f'IF(OR({value}<-{fx.TOLERANCE},{value}>1+{fx.TOLERANCE}),{problem("share_range", label)},'
                  f"{decimals})")
    elif d is not None:  # a decimal number or an amount with its decimals
        checks = f'IF({fx.more_decimals(value, d)},{problem("decimals", label, n=d)},"")'
    return (f'IF({fx.number_blank(value)},"",IF({fx.not_a_number(value)},{problem("not_number", label)},'
            f"{checks}))")


def _indicator_parts(ind: Indicator, r: int, cells: dict[str, str], required: Sequence[str]
                     ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The Kontroll column's parts: (condition, words) of what is missing and of what is wrong."""
    L, labels, limit = IND_LETTERS, layout.INDICATOR_COLUMNS, layout.MAX_TEXT
    empty, invalid, needs = _assessment_state(cells)
    conditions = {"outcome": _outcome_empty(ind, r, cells), "assessment": empty}
    missing = [(conditions[k], literal(labels[k])) for k in required]
    missing.append((needs, literal(labels["analysis"])))
    errors = [(f'{cells["problem"]}<>""', cells["problem"]),
              (invalid, problem("choice", labels["assessment"]))]
    for key in ("analysis", "measures"):
        errors.append((fx.too_long(f"{L[key]}{r}", limit[key]), problem("too_long", labels[key], max=limit[key])))
    return missing, errors


def _indicator_validations(ctx: Context, ws: Worksheet, rows: Rows, indicators: list[Indicator]) -> None:
    """Data validations of the outcome cells, by kind and decimals, and of the other inputs."""
    L, limit = IND_LETTERS, layout.MAX_TEXT
    groups: dict[tuple[ValueKind, int | None], list[int]] = {}
    for r, ind in enumerate(indicators, start=FIRST_ROW):
        decimals = ind.decimals if ind.kind in (ValueKind.DECIMAL, ValueKind.SHARE, ValueKind.AMOUNT) else None
        groups.setdefault((ind.kind, decimals), []).append(r)
    for (kind, d), cells in groups.items():
        refs = ranges(L["outcome"], cells)
        if d is not None:
            for ref in refs:  # a custom rule is relative to its range's first cell: one per range
                _decimals_validation(ws, ref, kind, d)
            continue
        title, prompt, error = tr.PROMPTS[kind.value]
        ref, *more = refs
        if kind is ValueKind.COUNT:
            dv = excel.number_validation(ws, ref, kind="whole", operator="greaterThanOrEqual", minimum=0,
                                         prompt=prompt, error=error, title=title)
        elif kind is ValueKind.SHARE:
            dv = excel.number_validation(ws, ref, kind="decimal", minimum=0, maximum=1, prompt=prompt,
                                         error=error, title=title)
        elif kind is ValueKind.AMOUNT:
            dv = excel.number_validation(ws, ref, kind="decimal", minimum=-1e12, maximum=1e12,
                                         prompt=prompt, error=error, title=title)
        elif kind is ValueKind.YESNO:
            dv = excel.list_validation(ws, layout.LIST_NAMES["yesno"], ref, prompt=prompt, error=error,
                                       title=title)
        else:  # text (a decimal number always has its decimals)
            dv = text_validation(ws, ref, "text", limit["analysis"])
        for extra in more:
            dv.add(extra)
    title, prompt, error = tr.PROMPTS["assessment_forecast" if ctx.period.tertial == 2 else "assessment"]
    excel.list_validation(ws, layout.LIST_NAMES["assessment"], rows.ref(L["assessment"]),
                          prompt=prompt, error=error, title=title)
    text_validation(ws, rows.ref(L["analysis"]), "analysis", limit["analysis"])
    text_validation(ws, rows.ref(L["measures"]), "measures", limit["measures"])


def _decimals_validation(ws: Worksheet, ref: str, kind: ValueKind, d: int) -> None:
    """A custom rule for a number with at most ``d`` decimals (a share: of its percent number, 0-100 %)."""
    first = ref.split(":")[0]
    key = {ValueKind.SHARE: "share_decimals", ValueKind.AMOUNT: "amount_decimals"}.get(kind, "decimal")
    title, prompt, error = tr.PROMPTS[key]
    example = tr.decimals_example(d)
    words = {"decimals": tr.decimals_phrase(d), "example": example}
    if kind is ValueKind.SHARE:
        rule = (f"AND(ISNUMBER({first}),{first}>=0,{first}<=1,"
                f"NOT({fx.more_decimals(f'{first}*100', d)}))")
    else:
        rule = f"AND(ISNUMBER({first}),NOT({fx.more_decimals(first, d)}))"
    excel.custom_validation(ws, ref, rule, prompt=prompt.format(**words), error=error.format(**words),
                            title=title)


# ---- assignments (per unit) ----


def write_assignments(ctx: Context, st: Styles, ws: Worksheet, unit: Unit,
                      assignments: list[Assignment]) -> dict[str, str]:
    per = ctx.period
    write_title(st, ws, tr.ASSIGNMENTS_TITLE.format(unit=unit.name, period=per),
                tr.NO_ASSIGNMENTS.format(period=per) if not assignments else "", "warn")
    if not assignments:
        return {"missing": "=0", "errors": "=0"}
    rows = Rows(FIRST_ROW, FIRST_ROW + len(assignments) - 1)
    L, H = ASG_LETTERS, ASG_HELPERS
    required = layout.REQUIRED_ASSIGNMENT_INPUTS[per.tertial]
    labels = layout.ASSIGNMENT_COLUMNS
    col = {key: i for i, key in enumerate(ASG, start=1)}
    helper_col = {key: i for i, key in enumerate(layout.ASSIGNMENT_HELPERS, start=len(ASG) + 1)}
    statuses = list(tc.ASSIGNMENT_STATUS.values())
    limit = layout.MAX_TEXT["comment"]
    for r, a in enumerate(assignments, start=FIRST_ROW):
        st.put(ws, r, col["id"], a.id, "info", text=True)
        st.put(ws, r, col["text"], a.text, "info", text=True)
        st.put(ws, r, col["end_date"], a.end_date, "info", excel.FMT_DATE)
        for key in layout.ASSIGNMENT_INPUTS:
            st.put(ws, r, col[key], None, "input")
        cells = {key: f"{H[key]}{r}" for key in layout.ASSIGNMENT_HELPERS}
        status = cells["status"]
        invalid = f'AND({status}<>"",NOT({fx.equals_one_of(status, statuses)}))'
        long_comment = fx.too_long(f"{L['comment']}{r}", limit)
        empty = {"status": f'{status}=""', "comment": fx.blank(f"{L['comment']}{r}")}
        missing_parts = [(empty[k], literal(labels[k])) for k in required]
        error_parts = [(invalid, problem("choice", labels["status"])),
                       (long_comment, problem("too_long", labels["comment"], max=limit))]
        st.put(ws, r, helper_col["status"], "=" + fx.trimmed(f"{L['status']}{r}"), "plain")
        st.put(ws, r, helper_col["missing"], fx.count([c for c, _ in missing_parts]), "plain")
        st.put(ws, r, helper_col["errors"], fx.count([c for c, _ in error_parts]), "plain")
        st.put(ws, r, col["check"], fx.check_text(
            cells["missing"], cells["errors"], missing_parts, error_parts, missing_word=tr.CHECK_MISSING,
            errors_word=tr.CHECK_ERRORS, between=tr.CHECK_BETWEEN), "check")
        fit_row(ws, r, INPUT_LINES, tr.CHECK_MISSING + labels["status"])
    title, prompt, error = tr.PROMPTS["status"]
    excel.list_validation(ws, layout.LIST_NAMES["status"], rows.ref(L["status"]), prompt=prompt,
                          error=error, title=title)
    text_validation(ws, rows.ref(L["comment"]), "comment", limit)
    mark_required(ws, L, required, rows)
    mark_check(ws, rows.ref(L["check"]))
    hide_helpers(ws, H.values())
    q = qualifier(ws.title)
    ids = q(rows.ref(L["id"], True))
    return {"missing": fx.rows_total(ids, q(rows.ref(H["missing"], True))),
            "errors": fx.rows_total(ids, q(rows.ref(H["errors"], True)))}
