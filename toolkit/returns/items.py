"""The two item sheets of a return, written per unit: Indikatorer (one row per due indicator) and Uppdrag
(one row per due assignment), each row with its inputs, validations, marks and Kontroll formula."""

from __future__ import annotations

from collections import Counter

from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import Assignment, Indicator, Unit, ValueKind
from toolkit.returns import layout
from toolkit.returns.parts import (
    ASG,
    ASG_LETTERS,
    FIRST_ROW,
    IND,
    IND_LETTERS,
    INPUT_LINES,
    KIND_FORMAT,
    MET_WORD,
    Context,
    Rows,
    add_rule,
    blank,
    display,
    filled,
    fit_row,
    kind_label,
    literal,
    longest_check,
    mark_check,
    mark_required,
    missing_formula,
    qualifier,
    ranges,
    text_validation,
    write_title,
)
from toolkit.returns.styles import Styles
from toolkit.texts import returns as tr


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


def write_indicators(ctx: Context, st: Styles, ws: Worksheet, unit: Unit, indicators: list[Indicator]) -> str:
    """Write the unit's indicator rows; return the start-sheet formula counting what is missing."""
    plan, per = ctx.plan, ctx.period
    extra = tr.NO_INDICATORS.format(period=per) if not indicators else _baseline_note(indicators, plan.year)
    write_title(st, ws, tr.INDICATORS_TITLE.format(unit=unit.name, period=per), extra,
                "warn" if not indicators else "note")
    if not indicators:
        return "=0"
    rows = Rows(FIRST_ROW, FIRST_ROW + len(indicators) - 1)
    L = IND_LETTERS
    required = layout.REQUIRED_INDICATOR_INPUTS[per.tertial]
    labels = layout.INDICATOR_COLUMNS
    col = {key: i for i, key in enumerate(IND, start=1)}
    by_kind: dict[ValueKind, list[int]] = {}
    for r, ind in enumerate(indicators, start=FIRST_ROW):
        fmt = KIND_FORMAT[ind.kind]
        sub = ctx.sub_goals.get(ind.sub_goal)
        goal = ctx.goals.get(sub.goal) if sub else None
        st.put(ws, r, col["id"], ind.id, "info", text=True)
        st.put(ws, r, col["goal"], tr.GOAL_LABEL.format(number=goal.number, title=goal.title)
               if goal else None, "info", text=True)
        st.put(ws, r, col["sub_goal"], tr.SUB_GOAL_LABEL.format(id=sub.id, text=sub.text)
               if sub else ind.sub_goal, "info", text=True)
        st.put(ws, r, col["name"], ind.name, "info", text=True)
        st.put(ws, r, col["kind"], kind_label(ind), "info", text=True)
        baseline = (display(ind.baseline, ind.kind) if ind.baseline is not None
                    else (ind.baseline_missing_reason or None))
        for key, value in (("baseline", baseline), ("target", display(ind.target, ind.kind)),
                           ("previous", display(ctx.previous.get((unit.id, ind.id)), ind.kind))):
            st.put(ws, r, col[key], value, "info", fmt, text=isinstance(value, str))
        for key in layout.INDICATOR_INPUTS:
            st.put(ws, r, col[key], None, "input", fmt if key == "outcome" else "General")
        by_kind.setdefault(ind.kind, []).append(r)
        parts = [(blank(f"{L[k]}{r}"), labels[k]) for k in required]
        parts.append((f'AND({filled(L["assessment"] + str(r))},{L["assessment"]}{r}<>{literal(MET_WORD)},'
                      f'{blank(L["analysis"] + str(r))})', labels["analysis"]))
        st.put(ws, r, col["check"], missing_formula(parts), "check")
        fit_row(ws, r, INPUT_LINES, longest_check(parts))

    _indicator_validations(ctx, ws, rows, by_kind)
    a, k = L["assessment"], L["analysis"]
    mark_required(ws, L, required, rows)
    add_rule(ws, rows.ref(k), f'AND({filled(f"${a}{rows.first}")},${a}{rows.first}<>{literal(MET_WORD)},'
                              f'{blank(f"{k}{rows.first}")})')
    mark_check(ws, rows.ref(L["check"]))
    q = qualifier(ws.title)
    terms = [f"({blank(q(rows.ref(L[key], True)))})" for key in required]
    ra, rk = q(rows.ref(a, True)), q(rows.ref(k, True))
    terms.append(f"({filled(ra)})*({ra}<>{literal(MET_WORD)})*({blank(rk)})")
    return f"=SUMPRODUCT({'+'.join(terms)})"


def _indicator_validations(ctx: Context, ws: Worksheet, rows: Rows, by_kind: dict[ValueKind, list[int]]) -> None:
    L, limit = IND_LETTERS, layout.MAX_TEXT
    for kind, cells in by_kind.items():
        ref, *more = ranges(L["outcome"], cells)
        title, prompt, error = tr.PROMPTS[kind.value]
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
        else:
            dv = text_validation(ws, ref, "text", limit["analysis"])
        for extra in more:
            dv.add(extra)
    title, prompt, error = tr.PROMPTS["assessment_forecast" if ctx.period.tertial == 2 else "assessment"]
    excel.list_validation(ws, layout.LIST_NAMES["assessment"], rows.ref(L["assessment"]),
                         prompt=prompt, error=error, title=title)
    text_validation(ws, rows.ref(L["analysis"]), "analysis", limit["analysis"])
    text_validation(ws, rows.ref(L["measures"]), "measures", limit["measures"])

# ---- assignments (per unit) ----


def write_assignments(ctx: Context, st: Styles, ws: Worksheet, unit: Unit, assignments: list[Assignment]) -> str:
    per = ctx.period
    write_title(st, ws, tr.ASSIGNMENTS_TITLE.format(unit=unit.name, period=per),
                tr.NO_ASSIGNMENTS.format(period=per) if not assignments else "", "warn")
    if not assignments:
        return "=0"
    rows = Rows(FIRST_ROW, FIRST_ROW + len(assignments) - 1)
    L = ASG_LETTERS
    required = layout.REQUIRED_ASSIGNMENT_INPUTS[per.tertial]
    labels = layout.ASSIGNMENT_COLUMNS
    col = {key: i for i, key in enumerate(ASG, start=1)}
    for r, a in enumerate(assignments, start=FIRST_ROW):
        st.put(ws, r, col["id"], a.id, "info", text=True)
        st.put(ws, r, col["text"], a.text, "info", text=True)
        st.put(ws, r, col["end_date"], a.end_date, "info", excel.FMT_DATE)
        for key in layout.ASSIGNMENT_INPUTS:
            st.put(ws, r, col[key], None, "input")
        parts = [(blank(f"{L[k]}{r}"), labels[k]) for k in required]
        st.put(ws, r, col["check"], missing_formula(parts) if parts else None, "check")
        fit_row(ws, r, INPUT_LINES, longest_check(parts))
    title, prompt, error = tr.PROMPTS["status"]
    excel.list_validation(ws, layout.LIST_NAMES["status"], rows.ref(L["status"]), prompt=prompt,
                         error=error, title=title)
    text_validation(ws, rows.ref(L["comment"]), "comment", layout.MAX_TEXT["comment"])
    mark_required(ws, L, required, rows)
    mark_check(ws, rows.ref(L["check"]))
    q = qualifier(ws.title)
    terms = [f"({blank(q(rows.ref(L[key], True)))})" for key in required]
    return f"=SUMPRODUCT({'+'.join(terms)})" if terms else "=0"
