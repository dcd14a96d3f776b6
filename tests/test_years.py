"""Two years through the command line, as a controller runs them (issue 13).

2026-T1, T2 and T3 on the example with simulated units, each period: returns create, the units fill them in,
collect, consolidate. Then `nplan plan rollover` to 2027 from the history, into a sibling folder
(RUN/2026/master.xlsx -> RUN/2027/master.xlsx), the controller enters 2027's targets and frames, and 2027 runs
the same way: T1; T2, where Film i Västerbotten sends nothing (values on an incomplete basis, a single unit's
value missing); T3, with finance's budget workbook.

Every expectation is computed here from what the simulated units filled in (the aggregation rules written out
independently), never taken from the code under test. The run happens once (``two_years``); each test asserts one
promise. The year-end report (the T1-T3 series, last year's outcome beside this year's, the years compared, the
economy as the year's outcome) is read from the T3 workbooks and documents (``TwoYears.reports``), cell by cell and
paragraph by paragraph; the same period last year from the 2027-T1 and T2 reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import master_helpers as mh
import pytest
from click.testing import CliRunner
from libreoffice import recalculate, requires_libreoffice, requires_libreoffice_writer, sheet_values
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from toolkit.cli import main
from toolkit.core.model import Assignment, AssignmentStatus, Plan, ValueKind
from toolkit.core.periods import Period, parse_periodicity
from toolkit.plan import read_master, write_master
from toolkit.plan.source import load_plan_source
from toolkit.report.consolidate import consolidate_from_db
from toolkit.returns import simulate
from toolkit.texts import common as tc
from toolkit.texts import consolidate as tx
from toolkit.texts import master as tm

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "run2026" / "plan.toml"
PERIODS_2026 = [Period(2026, 1), Period(2026, 2), Period(2026, 3)]
PERIODS_2027 = [Period(2027, 1), Period(2027, 2), Period(2027, 3)]
# At the year end: U1 done by every unit, U2 cancelled by every unit (both closed), U3 under way (carried with its
# passed end date), U4 runs into 2027 (finished by one unit only: carried, with its own end date).
T3_STATUS = {"U1": {"*": "Genomförd"}, "U2": {"*": "Avförd"}, "U3": {"*": "Påbörjad"},
             "U4": {"KUS": "Genomförd", "*": "Påbörjad"}}
U4_END = dt.date(2027, 6, 30)
PREVIOUS_HEADER = "Tidigare rapporterat i år"
# Reported every tertial in the test, so that T1 has values to carry, to trend and to show in the series: two
# cumulative counts and a share measured as a level.
EVERY_TERTIAL = ("1.1.2", "2.1.2", "1.1.4")
SILENT_2027_T2 = "FILM"  # sends no return in 2027-T2


def run(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def example_plan_2026() -> Plan:
    """The example, with two indicators reported every tertial (so that T1 has values to carry and to trend) and
    an assignment that runs into 2027."""
    plan = load_plan_source(EXAMPLE)
    for iid in EVERY_TERTIAL:
        ind = plan.indicator(iid)
        assert ind is not None
        ind.periodicity = parse_periodicity("Tertial")
    plan.assignments.append(Assignment("U4", "Ett uppdrag över två år", parse_periodicity("Tertial"),
                                       end_date=U4_END, units=tuple(u.id for u in plan.units)))
    plan.settings.period = None
    plan.settings.deadline = None
    return plan


@dataclass
class TwoYears:
    root: Path
    masters: dict[int, Path]
    database: Path
    plans: dict[int, Plan] = field(default_factory=dict)  # as each master was sent out
    filled: dict[Period, dict[str, dict[str, Any]]] = field(default_factory=dict)  # period -> unit -> values
    outputs: dict[str, str] = field(default_factory=dict)  # "collect 2026-T1" -> what the command printed
    reports: dict[Period, tuple[Path, Path | None]] = field(default_factory=dict)  # (workbook, document)
    returns_2027_t2: Path | None = None
    budget_2027_t3: Path | None = None  # finance's budget workbook


def _fill_period(years: TwoYears, plan: Plan, master: Path, period: Period, *, silent: tuple[str, ...] = (),
                 document: bool = False) -> None:
    """returns create -> the units fill in every return (all valid; ``silent`` units send none) -> collect ->
    consolidate (with the committee's document at T3 and when ``document``)."""
    folder = master.parent
    blank_dir = folder / f"returer-{period}"
    years.outputs[f"returns {period}"] = run("returns", "create", master, "--period", period, "--out", blank_dir)
    inbox = folder / f"inkorg-{period}"
    filled: dict[str, dict[str, Any]] = {}
    for blank in sorted(blank_dir.glob("*.xlsx")):
        unit = _unit_of(plan, blank)
        if unit in silent:
            continue
        values = simulate.plausible_values(plan, unit, period, seed=13)
        if period.tertial == 3:
            for aid, statuses in T3_STATUS.items():
                if aid in values["assignments"]:
                    values["assignments"][aid]["status"] = statuses.get(unit, statuses["*"])
        simulate.fill_return(blank, inbox / blank.name, values)
        filled[unit] = values
    years.filled[period] = filled
    years.outputs[f"collect {period}"] = run("collect", inbox, "--master", master, "--period", period)
    report = folder / f"rapport-{period}.xlsx"
    document = folder / f"rapport-{period}.docx" if period.tertial == 3 or document else None
    extra = ["--docx", document] if document else []
    years.outputs[f"consolidate {period}"] = run("consolidate", "--master", master, "--period", period,
                                                 "-o", report, *extra)
    years.reports[period] = (report, document)


def _unit_of(plan: Plan, path: Path) -> str:
    wb = CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_name("_nplan").to_python()
    found = {str(r[0]): r[1] for r in rows if r and r[0]}
    unit = str(found.get("unit_id") or found.get("unit") or "")
    assert plan.unit(unit) is not None, found
    return unit


def _enter_2027_plan(master: Path, plan_2026: Plan) -> None:
    """What the controller types into the new master: 2027's targets, frames (last year's, unchanged), the
    committee's total and a ceiling."""
    wb = load_workbook(master)
    ind_h, set_h = tm.HEADERS["Indikatorer"], tm.HEADERS["Installningar"]
    for ind in plan_2026.indicators:
        target = ind.target
        value = "Ja" if ind.kind is ValueKind.YESNO else target
        mh.set_value(wb, "Indikatorer", ind_h["target"], ind_h["id"], ind.id, value)
    frames_h = tm.HEADERS["Budgetramar"]
    total = 0.0
    for frame in plan_2026.budget.frames:
        mh.set_value(wb, "Budgetramar", frames_h["frame_tkr"], frames_h["unit"], frame.unit, frame.frame_tkr)
        total += frame.frame_tkr or 0.0
    par = tm.HEADERS["Budgetparametrar"]
    mh.set_value(wb, "Budgetparametrar", par["value"], par["parameter"], tm.BUDGET_PARAMETERS["total_frame_tkr"],
                 total)
    mh.set_value(wb, "Budgetparametrar", par["value"], par["parameter"], tm.BUDGET_PARAMETERS["net_cost_ceiling"],
                 0.1)
    assert set_h  # the settings stay as the rollover wrote them
    wb.save(master)


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> TwoYears:
    root = tmp_path_factory.mktemp("years") / "RUN"
    master_2026 = root / "2026" / "master.xlsx"
    master_2026.parent.mkdir(parents=True)
    plan_2026 = example_plan_2026()
    write_master(plan_2026, master_2026)
    years = TwoYears(root, {2026: master_2026, 2027: root / "2027" / "master.xlsx"}, root / "2026" / "nplan.sqlite")
    years.plans[2026] = read_master(master_2026)[0]
    for period in PERIODS_2026:
        _fill_period(years, years.plans[2026], master_2026, period)

    years.outputs["rollover"] = run("plan", "rollover", master_2026, "--to", "2027", "-o", years.masters[2027])
    years.outputs["show 2027 as rolled"] = run("plan", "show", years.masters[2027])
    _enter_2027_plan(years.masters[2027], plan_2026)
    run("plan", "check", years.masters[2027])
    years.plans[2027] = read_master(years.masters[2027])[0]
    master_2027 = years.masters[2027]
    _fill_period(years, years.plans[2027], master_2027, Period(2027, 1), document=True)
    _fill_period(years, years.plans[2027], master_2027, Period(2027, 2), silent=(SILENT_2027_T2,), document=True)
    years.returns_2027_t2 = master_2027.parent / "returer-2027-T2"  # made before 2027-T2 was collected
    _fill_period(years, years.plans[2027], master_2027, Period(2027, 3))
    years.budget_2027_t3 = master_2027.parent / "budget-2027-T3.xlsx"
    years.outputs["budget 2027-T3"] = run("budget", "report", "--master", master_2027, "--period", "2027-T3",
                                          "-o", years.budget_2027_t3)
    return years


# --------------------------------------------------------------------------------------------
# The expectations, computed here
# --------------------------------------------------------------------------------------------

def _value(raw: Any, kind: ValueKind) -> Any:
    if kind is ValueKind.YESNO:
        return str(raw).strip().lower() == "ja"
    return float(raw)


def combined(plan: Plan, filled: dict[str, dict[str, Any]], iid: str, units: list[str] | None = None) -> Any:
    """The units' values of one indicator combined as the plan says (sum, mean, single, all yes), over ``units``
    (by default every unit that filled it in)."""
    ind = plan.indicator(iid)
    assert ind is not None
    values = [_value(filled[u]["indicators"][iid]["outcome"], ind.kind) for u in ind.units
              if iid in filled.get(u, {}).get("indicators", {}) and (units is None or u in units)]
    assert values, iid
    if ind.kind is ValueKind.YESNO:
        return all(values)
    return {"sum": sum(values), "mean": sum(values) / len(values), "single": values[0]}[ind.aggregation.value]


def goal_rows(path: Path) -> dict[str, dict[str, Any]]:
    """indicator id -> {header: value} of the report's sheet Mål och indikatorer (the indicator's own row)."""
    ws = load_workbook(path)[tx.SHEET_GOALS]
    rows = list(ws.iter_rows(values_only=True))
    headers = [str(h) for h in rows[3]]
    return {str(r[0]): dict(zip(headers, r)) for r in rows[4:] if r[0] and str(r[0]).count(".") == 2}


def shown(plan: Plan, filled: dict[str, dict[str, Any]], iid: str, period: Period) -> Any:
    """What a report shows for an earlier period, written out: "– (redovisas ej)" when the indicator was not due
    then, "– (inget utfall)" when no responsible unit gave a value, else the units' values combined."""
    ind = plan.indicator(iid)
    assert ind is not None
    if not ind.is_due(period):
        return "– (redovisas ej)"
    if not any(iid in filled.get(u, {}).get("indicators", {}) for u in ind.units):
        return "– (inget utfall)"
    return combined(plan, filled, iid)


def as_cell(value: Any) -> Any:
    """A value as a workbook cell holds it: yes/no as its word, numbers as numbers."""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    return value if isinstance(value, str) else pytest.approx(value)


def parse_text(text: str) -> Any:
    """A value as the document writes it ("2 133", "38,5 %", "Ja", "– (ej insamlad)") read back."""
    t = text.replace("\u00a0", " ").strip()
    if t.startswith("–"):  # the document puts the reason under the dash
        reason = t[1:].strip()
        return f"– ({reason})" if reason else t
    if t in ("Ja", "Nej"):
        return t
    percent = t.endswith("%")
    number = float(t.rstrip("%").replace(" ", "").replace(",", "."))
    return pytest.approx(number / 100 if percent else number, abs=0.0005 if percent else 0.5)


def doc_tables(path: Path, first_header: str) -> list[list[list[str]]]:
    """The document's tables whose first header cell is ``first_header``, as rows of cell texts."""
    import docx

    out = []
    for t in docx.Document(str(path)).tables:
        rows = [[c.text for c in r.cells] for r in t.rows]
        if rows and rows[0][0] == first_header:
            out.append(rows)
    return out


def doc_indicator_rows(path: Path) -> dict[str, dict[str, str]]:
    """indicator id -> {header: cell text} of the document's indicator tables."""
    out = {}
    for rows in doc_tables(path, "Indikator"):
        if rows[0][-1] != "Bedömning":
            continue  # the years compared
        for r in rows[1:]:
            out[r[0].split(" ", 1)[0]] = dict(zip(rows[0], r))
    return out


def _returns_column(path: Path, header: str) -> dict[str, Any]:
    """indicator id -> the value in the column ``header`` of a return's indicator sheet."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Indikatorer").to_python(skip_empty_area=False)
    head = next(i for i, r in enumerate(rows) if r and r[0] == "Indikator-id")
    col = rows[head].index(header)
    return {str(r[0]): (r[col] if r[col] != "" else None) for r in rows[head + 1:] if r and r[0]}


# --------------------------------------------------------------------------------------------
# The promises
# --------------------------------------------------------------------------------------------

def test_the_2027_baselines_are_the_2026_outcomes(two_years: TwoYears) -> None:
    plan_2026, new = two_years.plans[2026], two_years.plans[2027]
    t3 = two_years.filled[Period(2026, 3)]
    assert [i.id for i in new.indicators] == [i.id for i in plan_2026.indicators]
    for ind in new.indicators:
        expected = combined(plan_2026, t3, ind.id)
        assert ind.baseline_year == 2026, ind.id
        assert ind.baseline_missing_reason == "", ind.id
        assert ind.baseline == pytest.approx(expected), ind.id
    # "Utfall 2026" is what the controller and the units read
    shown = two_years.outputs["show 2027 as rolled"]
    assert shown.count("Utfall 2026: ") == len(new.indicators)
    assert "Utfall 2024" not in shown
    assert two_years.returns_2027_t2 is not None
    for path in two_years.returns_2027_t2.glob("*.xlsx"):
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Indikatorer").to_python()
        text = " ".join(str(v) for r in rows[:4] for v in r)
        if "Indikator-id" in text or any(r and r[0] == "Indikator-id" for r in rows):
            assert "Utfall basår = utfallet 2026." in text, path.name
    assert "Från historiken:" in two_years.outputs["rollover"]


def test_closed_assignments_are_not_carried_and_running_ones_keep_their_end_dates(two_years: TwoYears) -> None:
    new = two_years.plans[2027]
    assert [a.id for a in new.assignments] == ["U3", "U4"]
    u3, u4 = new.assignment("U3"), new.assignment("U4")
    assert u3 is not None and u4 is not None
    assert u3.end_date == dt.date(2026, 12, 31) and u3.status is AssignmentStatus.STARTED
    assert u4.end_date == U4_END and u4.status is AssignmentStatus.STARTED
    out = two_years.outputs["rollover"]
    for aid in ("U1", "U2"):
        assert f"Uppdrag {aid}: Avslutat" in out
    # The multi-year assignment is asked for again in 2027 (it is due every tertial), the closed ones are not.
    assert two_years.returns_2027_t2 is not None
    for values in two_years.filled[Period(2027, 1)].values():
        assert set(values["assignments"]) == {"U4"}


def test_last_years_forecast_is_the_t3_forecasts(two_years: TwoYears) -> None:
    t3 = two_years.filled[Period(2026, 3)]
    new = two_years.plans[2027]
    assert {p.unit: p.forecast_tkr for p in new.budget.prior_forecasts} == {
        unit: float(values["economy"]["forecast_tkr"]) for unit, values in t3.items()}
    # frames moved to last year's frame; 5.1 carried for review
    old = two_years.plans[2026]
    assert [(f.unit, f.previous_tkr) for f in new.budget.frames] == [(f.unit, f.frame_tkr) for f in old.budget.frames]
    assert [m.id for m in new.budget.measures] == [m.id for m in old.budget.measures]


def test_one_history_holds_both_years(two_years: TwoYears) -> None:
    new = two_years.plans[2027]
    assert new.settings.database == "../2026/nplan.sqlite"
    assert "../2026/nplan.sqlite" in two_years.outputs["rollover"]
    assert not (two_years.masters[2027].parent / "nplan.sqlite").exists()
    from toolkit.history.store import History

    with History.open(two_years.database) as h:
        assert h.counted_periods() == [*PERIODS_2026, *PERIODS_2027]
    # The first year says what the history lacks, naming the database; the second year finds 2026 there.
    first = two_years.outputs["collect 2026-T1"]
    assert "[history-period-missing]" in first and "2025-T1" in first and str(two_years.database) in first
    for key in ("collect 2027-T1", "consolidate 2027-T1", "returns 2027-T2"):
        assert "history-period-missing" not in two_years.outputs[key], key
        assert "history-missing" not in two_years.outputs[key], key


def test_the_rollover_summary_is_in_the_new_master(two_years: TwoYears) -> None:
    wb = load_workbook(two_years.masters[2027])
    assert wb.sheetnames[1] == tm.SHEET_ROLLOVER
    ws, table = mh.table(wb, tm.ROLLOVER_TABLE)
    rows = [[c.value for c in row] for row in ws[table.ref]]
    assert rows[0] == list(tm.ROLLOVER_HEADERS.values())
    by_item = {(r[0], r[1]): r for r in rows[1:]}
    assert by_item[("Indikator", "1.1.2")][3] == "Historiken"
    assert by_item[("Uppdrag", "U1")][2].startswith("Avslutat")
    assert any(r[4] == "Att göra" and "Målvärden för 2027" in r[2] for r in rows[1:])


def expected_trends(years: TwoYears, iid: str, period: Period) -> list[tuple[str, Any, Any]]:
    """Issue 12's like-with-like trends, written out: a cumulative count against the same period last year; a level
    (a share) and a yes/no against the previous period of the year and the same period last year, each where the
    history has values; both periods combined over the units that reported in both. (label, now, then)."""
    plan = years.plans[period.year]
    ind = plan.indicator(iid)
    assert ind is not None
    against = [Period(period.year - 1, period.tertial)]
    if (ind.kind is ValueKind.SHARE or ind.kind is ValueKind.YESNO) and period.tertial > 1:
        against.insert(0, Period(period.year, period.tertial - 1))
    now = years.filled[period]
    out = []
    for when in against:
        then = years.filled.get(when, {})
        common = [u for u in ind.units if iid in now.get(u, {}).get("indicators", {})
                  and iid in then.get(u, {}).get("indicators", {})]
        if common:
            before = combined(years.plans[when.year], then, iid, common)
            out.append((str(when), combined(plan, now, iid, common), before))
    return out


def trend_word(now: Any, then: Any) -> str:
    """ "bättre", "sämre" or "oförändrat" (within 1 %; higher is better for every indicator of the example)."""
    if isinstance(now, bool):
        return "oförändrat" if now == then else ("bättre" if now else "sämre")
    if abs(now - then) <= 0.01 * abs(then):
        return "oförändrat"
    return "bättre" if now > then else "sämre"


@pytest.mark.parametrize("period", [Period(2027, 1), Period(2027, 2)])
def test_the_2027_trends_compare_like_with_like(two_years: TwoYears, period: Period) -> None:
    """2027-T1 against 2026-T1; 2027-T2 (Film i Västerbotten silent) against 2026-T2 over the units that reported
    both times, and the share (a level) also against 2027-T1. In the consolidation and in the report's Trend."""
    plan = two_years.plans[2027]
    result = consolidate_from_db(plan, two_years.database, period)
    due = [r for r in result.indicators if r.due and r.value is not None]
    if period.tertial == 1:
        assert {r.indicator.id for r in due} == set(EVERY_TERTIAL)
    cells = goal_rows(two_years.reports[period][0])
    seen = 0
    for r in due:
        wanted = expected_trends(two_years, r.indicator.id, period)
        got = [(t.label, t.current, t.previous) for t in r.trends]
        assert [g[0] for g in got] == [w[0] for w in wanted], r.indicator.id
        for (_, now, then), (_, got_now, got_then) in zip(wanted, got):
            assert (got_now, got_then) == (pytest.approx(now), pytest.approx(then)), r.indicator.id
        text = cells[r.indicator.id]["Trend"]
        for label, now, then in wanted:
            word = trend_word(now, then)
            assert (f"oförändrat mot {label}" if word == "oförändrat" else f"{word} än {label}") in text, text
            seen += 1
    assert seen >= len(due)
    if period.tertial == 1:  # the cumulative counts against 2026-T1 only, as issue 12 compares them
        assert [t.label for t in result.indicator("1.1.2").trends] == ["2026-T1"]
    else:  # the share as a level: the previous period and the same period last year
        assert [t.label for t in result.indicator("1.1.4").trends] == ["2027-T1", "2026-T2"]
        subset = result.indicator("1.1.2").trends[0]  # Film i Västerbotten silent: 3 units compared
        assert subset.units == ("KUS", "BIB", "KONST") and subset.subset


def test_the_2027_t2_returns_show_the_2027_t1_values(two_years: TwoYears) -> None:
    t1 = two_years.filled[Period(2027, 1)]
    plan = two_years.plans[2027]
    assert two_years.returns_2027_t2 is not None
    files = sorted(two_years.returns_2027_t2.glob("*.xlsx"))
    assert len(files) == len(plan.units)
    seen = 0
    for path in files:
        unit = _unit_of(plan, path)
        shown = _returns_column(path, PREVIOUS_HEADER)
        for iid, value in shown.items():
            earlier = t1[unit]["indicators"].get(iid, {}).get("outcome")
            if earlier is None:
                assert value is None, (unit, iid)
            else:
                assert value == pytest.approx(float(earlier)), (unit, iid)
                seen += 1
    assert seen == sum(len(v["indicators"]) for v in t1.values())  # every T1 value is shown in T2
    assert "Tidigare rapporterat i år" in two_years.outputs["returns 2027-T2"]
    assert str(two_years.database) in two_years.outputs["returns 2027-T2"]


def test_the_consolidated_values_across_years(two_years: TwoYears) -> None:
    from toolkit.report.years import consolidated_values

    df = consolidated_values(two_years.database)
    periods = [str(p) for p in [*PERIODS_2026, *PERIODS_2027]]
    assert list(df.period.unique()) == periods
    rows = df[df.indicator_id == "1.1.2"]
    assert list(rows.period) == periods
    for period, value in zip(rows.period, rows.value):
        per = Period.parse(period)
        plan = two_years.plans[per.year]
        assert value == pytest.approx(combined(plan, two_years.filled[per], "1.1.2")), period
    # Film i Västerbotten sent nothing in 2027-T2: that value rests on 3 of 4 units
    assert list(rows.units_reported) == [4, 4, 4, 4, 3, 4]
    assert list(rows.complete) == [True, True, True, True, False, True]
    # Yes/no as 1.0 / 0.0 with the Swedish word beside it
    yes_no = df[df.indicator_id == "2.1.3"]
    assert set(yes_no.value_text) <= {"Ja", "Nej"}
    assert all(v == (1.0 if t == "Ja" else 0.0) for v, t in zip(yes_no.value, yes_no.value_text))
    # each period with the plan version it was collected against: 2027-T1 with 2027's (U4 only, no 2026 target)
    assert df[df.year == 2027].plan_identity.nunique() == 1
    assert df[df.year == 2026].plan_identity.nunique() == 1
    assert set(df[df.year == 2026].plan_identity) != set(df[df.year == 2027].plan_identity)
    assert sorted(df.loc[df.period == "2027-T1"].indicator_id) == sorted(EVERY_TERTIAL)


# --------------------------------------------------------------------------------------------
# The year-end report (Årsrapport) and the same period last year
# --------------------------------------------------------------------------------------------

def test_the_t3_report_shows_the_years_series_and_last_years_outcome(two_years: TwoYears) -> None:
    """2027-T3: per indicator last year's outcome (2026-T3 combined by the 2026 plan), the year's T1 and T2, this
    year's outcome; '–' with the reason where there is no value; a reservation where a value rests on fewer units."""
    rows = goal_rows(two_years.reports[Period(2027, 3)][0])
    headers = list(next(iter(rows.values())))
    assert headers[:9] == ["Nr", "Mål, delmål, indikator, verksamhet", "Utfall basår", "Målvärde 2027",
                           "Utfall 2026", "Utfall 2027-T1", "Utfall 2027-T2", "Utfall 2027", "Bedömning"]
    assert "Jämförs med" not in headers  # in December every value is compared with the whole target
    plans, filled = two_years.plans, two_years.filled
    for ind in plans[2027].indicators:
        row = rows[ind.id]
        assert row["Utfall 2026"] == as_cell(shown(plans[2026], filled[Period(2026, 3)], ind.id, Period(2026, 3)))
        for t in (1, 2):
            per = Period(2027, t)
            assert row[f"Utfall {per}"] == as_cell(shown(plans[2027], filled[per], ind.id, per)), (ind.id, t)
        assert row["Utfall 2027"] == as_cell(shown(plans[2027], filled[Period(2027, 3)], ind.id, Period(2027, 3)))
    # the reasons, and the reservation: Film i Västerbotten sent nothing in 2027-T2
    assert rows["2.1.1"]["Utfall 2027-T1"] == "– (redovisas ej)"  # a yearly indicator
    assert rows["2.1.2"]["Utfall 2027-T2"] == "– (inget utfall)"  # Film's own
    assert "Reservation: Utfall 2027-T2 bygger på 3 av 4 verksamheter." in rows["1.1.2"]["Analys och underlag"]
    assert "Reservation" not in rows["2.2.1"]["Analys och underlag"]


def test_the_t3_document_shows_the_series_and_last_years_outcome(two_years: TwoYears) -> None:
    import docx

    path = two_years.reports[Period(2027, 3)][1]
    assert path is not None
    doc = docx.Document(str(path))
    assert doc.paragraphs[0].text == "Årsrapport 2027 (januari–december)" and doc.core_properties.title.startswith(
        "Årsrapport 2027")
    rows = doc_indicator_rows(path)
    plans, filled = two_years.plans, two_years.filled
    for ind in plans[2027].indicators:
        row = rows[ind.id]
        # last year's outcome stands where the baseline stood: the baseline is in the workbook
        assert list(row) == ["Indikator", "Målvärde 2027", "Utfall 2026", "Utfall 2027-T1", "Utfall 2027-T2",
                             "Utfall 2027", "Bedömning"]
        assert parse_text(row["Utfall 2026"]) == _text_of(shown(plans[2026], filled[Period(2026, 3)], ind.id,
                                                                Period(2026, 3)))
        for t in (1, 2, 3):
            per = Period(2027, t)
            header = "Utfall 2027" if t == 3 else f"Utfall {per}"
            assert parse_text(row[header]) == _text_of(shown(plans[2027], filled[per], ind.id, per)), (ind.id, t)
        assert row["Bedömning"] in tc.ASSESSMENT.values()
    assert "Reservation: Utfall 2027-T2 bygger på 3 av 4 verksamheter." in rows["1.1.2"]["Indikator"]


def _text_of(value: Any) -> Any:
    """An expectation as the document's cell reads back through ``parse_text``."""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    return value if isinstance(value, str) else pytest.approx(value, abs=0.0005 if value < 1 else 0.5)


def test_the_years_compared(two_years: TwoYears) -> None:
    """The sheet (and the document's section) with every year's T3 outcome the history holds and this year's
    target."""
    wb = load_workbook(two_years.reports[Period(2027, 3)][0])
    assert wb.sheetnames[2] == tx.SHEET_YEARS
    table = list(wb[tx.SHEET_YEARS].iter_rows(values_only=True))
    assert list(table[3]) == ["Nr", "Indikator", "Måttenhet", "Utfall 2026", "Utfall 2027", "Målvärde 2027",
                              "Underlag"]
    by_id = {r[0]: r for r in table[4:] if r[0]}
    plans, filled = two_years.plans, two_years.filled
    doc = {r[0].split(" ", 1)[0]: r for rows in doc_tables(two_years.reports[Period(2027, 3)][1], "Indikator")
           if rows[0][-1] == "Målvärde 2027" and "Bedömning" not in rows[0] for r in rows[1:]}
    assert len(doc) == len(plans[2027].indicators)
    for ind in plans[2027].indicators:
        outcomes = [shown(plans[y], filled[Period(y, 3)], ind.id, Period(y, 3)) for y in (2026, 2027)]
        assert list(by_id[ind.id][3:5]) == [as_cell(v) for v in outcomes], ind.id
        assert by_id[ind.id][5] == as_cell(ind.target if ind.kind is not ValueKind.YESNO else ind.target is True)
        assert [parse_text(t) for t in doc[ind.id][1:3]] == [_text_of(v) for v in outcomes], ind.id
    # The first year end: only 2026, and the sheet says the history has no earlier year
    first = list(load_workbook(two_years.reports[Period(2026, 3)][0])[tx.SHEET_YEARS].iter_rows(values_only=True))
    assert list(first[3][3:5]) == ["Utfall 2026", "Målvärde 2026"]
    assert tx.YEARS_NONE.format(year=2026) in first[1][0]


def test_the_first_year_end_says_the_history_lacks_last_year(two_years: TwoYears) -> None:
    rows = goal_rows(two_years.reports[Period(2026, 3)][0])
    headers = list(next(iter(rows.values())))
    assert "Utfall 2025" not in headers
    assert headers[4:7] == ["Utfall 2026-T1", "Utfall 2026-T2", "Utfall 2026"]
    note = load_workbook(two_years.reports[Period(2026, 3)][0])[tx.SHEET_GOALS]["A2"].value
    assert "Samma period föregående år (2025-T3) finns inte i historiken" in note
    for ind in two_years.plans[2026].indicators:
        for t in (1, 2):
            per = Period(2026, t)
            assert rows[ind.id][f"Utfall {per}"] == as_cell(shown(two_years.plans[2026], two_years.filled[per],
                                                                  ind.id, per)), (ind.id, t)


@pytest.mark.parametrize("tertial", [1, 2])
def test_t1_and_t2_show_the_same_period_last_year(two_years: TwoYears, tertial: int) -> None:
    period, last = Period(2027, tertial), Period(2026, tertial)
    workbook, document = two_years.reports[period]
    rows = goal_rows(workbook)
    headers = list(next(iter(rows.values())))
    assert headers[4:7] == ["Jämförs med", "Samma period 2026", f"Utfall {period}"]
    assert document is not None
    doc = doc_indicator_rows(document)
    for ind in two_years.plans[2027].indicators:
        expected = shown(two_years.plans[2026], two_years.filled[last], ind.id, last)
        assert rows[ind.id]["Samma period 2026"] == as_cell(expected), ind.id
        assert list(doc[ind.id])[3] == "Samma period 2026"
        assert parse_text(doc[ind.id]["Samma period 2026"]) == _text_of(expected), ind.id


def _texts_outside_the_rules(workbook: Path, document: Path) -> list[str]:
    """Every text of a report a committee member reads, except the rules (which explain T1 and T2 too)."""
    import docx

    texts = [str(v) for ws in load_workbook(workbook).worksheets if ws.title != tx.SHEET_ABOUT
             for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    doc = docx.Document(str(document))
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading") and p.text == "Om underlaget":
            break
        texts.append(p.text)
    texts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return texts


def test_the_year_end_report_speaks_in_final_words(two_years: TwoYears) -> None:
    """No forecast anywhere in the Årsrapport: statuses and verdicts in their final words, the economy as the year's
    outcome against the frame; the 2027-T2 report still speaks of forecasts."""
    workbook, document = two_years.reports[Period(2027, 3)]
    assert document is not None
    texts = _texts_outside_the_rules(workbook, document)
    forecast_words = [w.lower() for w in tc.ASSESSMENT_FORECAST.values() if w not in tc.ASSESSMENT.values()]
    for text in texts:
        lower = text.lower()
        assert not any(w in lower for w in forecast_words), text
        assert "helårsprognos" not in lower and "utfall hittills" not in lower, text
    assert any("Utfall helår" in t for t in texts)
    statuses = [v for r in goal_rows(workbook).values() for v in [r["Bedömning"]]]
    assert set(statuses) <= set(tc.ASSESSMENT.values()) and statuses
    wb = load_workbook(workbook)
    assert wb[tx.SHEET_SUMMARY]["A1"].value == "Årsrapport 2027 (januari–december)"
    assert wb.properties.title == "Årsrapport 2027 (januari–december)"
    t2_workbook, t2_document = two_years.reports[Period(2027, 2)]
    assert t2_document is not None
    assert any("bedöms" in t.lower() for t in _texts_outside_the_rules(t2_workbook, t2_document))


def test_the_economy_at_the_year_end_is_the_years_outcome_against_the_frame(two_years: TwoYears) -> None:
    workbook, document = two_years.reports[Period(2027, 3)]
    assert document is not None
    t3 = two_years.filled[Period(2027, 3)]
    frames = {f.unit: f.frame_tkr for f in two_years.plans[2027].budget.frames}
    names = {u.id: u.name for u in two_years.plans[2027].units}
    eco = list(load_workbook(workbook)[tx.SHEET_ECONOMY].iter_rows(values_only=True))
    assert list(eco[3][:5]) == ["Verksamhets-id", "Verksamhet", "Budgetram (tkr)", "Utfall helår (tkr)",
                                "Avvikelse (tkr)"]
    assert all("prognos" not in str(h).lower() for h in eco[3])
    outcome = {r[0]: r[3] for r in eco[4:] if r[0] in frames}
    assert outcome == {u: float(v["economy"]["outcome_tkr"]) for u, v in t3.items()}
    (table,) = [rows for rows in doc_tables(document, "Verksamhet") if rows[0][1:4] == ["Budgetram", "Utfall helår",
                                                                                       "Avvikelse"]]
    by_name = {r[0]: r for r in table[1:]}
    for unit, values in t3.items():
        row = by_name[names[unit]]
        spent = float(values["economy"]["outcome_tkr"])
        assert [parse_text(t) for t in row[1:4]] == [pytest.approx(frames[unit], abs=0.5),
                                                     pytest.approx(spent, abs=0.5),
                                                     pytest.approx(frames[unit] - spent, abs=0.5)], unit
    total = sum(frames.values()) - sum(float(v["economy"]["outcome_tkr"]) for v in t3.values())
    assert parse_text(by_name["Summa"][3]) == pytest.approx(total, abs=0.5)
    # finance's budget workbook: the year's outcome, the T2 forecast beside it, no forecast column
    assert two_years.budget_2027_t3 is not None
    ov = load_workbook(two_years.budget_2027_t3)["Budgetuppföljning"]
    header = [c.value for c in ov[9] if c.value]
    assert header == ["Verksamhets-id", "Verksamhet", "Rapporterat", "Budgetram (tkr)", "Utfall helår (tkr)",
                      "Avvikelse (tkr)", "Prognos 2027-T2 (tkr)", "Utfall helår mot prognos 2027-T2 (tkr)", "Status"]


def test_the_rules_say_what_the_year_end_report_shows(two_years: TwoYears) -> None:
    import docx

    workbook, document = two_years.reports[Period(2027, 3)]
    assert document is not None
    about = {r[0]: r[1] for r in load_workbook(workbook)[tx.SHEET_ABOUT].iter_rows(values_only=True) if r[0]}
    for heading, words in (("Årsrapporten (T3)", ("årets serie", "föregående års utfall", "Utfall helår",
                                                  "Jämförelse mellan år")),
                           ("Tidigare värden", ("ej insamlad", "redovisas ej", "reservation")),
                           ("Ekonomi", ("ram − utfall helår",))):
        assert all(w in about[heading] for w in words), heading
    paragraphs = [p.text for p in docx.Document(str(document)).paragraphs]
    rule = next(p for p in paragraphs if p.startswith("Årsrapporten (T3). "))
    assert "årets serie" in rule and "Jämförelse mellan år" in rule and "basåret" in rule


def test_the_year_end_document_is_accessible(two_years: TwoYears) -> None:
    from toolkit.report.accessibility import check_docx

    for period in (Period(2026, 3), Period(2027, 3), Period(2027, 2)):
        document = two_years.reports[period][1]
        assert document is not None
        assert check_docx(document) == [], period


def test_returns_without_a_history_say_why_the_column_is_empty(example_master: Path, tmp_path: Path) -> None:
    out = run("returns", "create", example_master, "--period", "2026-T2", "--out", tmp_path / "r")
    assert "[history-missing]" in out and str(example_master.parent / "nplan.sqlite") in out
    assert "Tidigare rapporterat i år" in out
    for path in (tmp_path / "r").glob("*.xlsx"):
        assert set(_returns_column(path, PREVIOUS_HEADER).values()) <= {None}
    # T1 has no earlier period: nothing to say
    out = run("returns", "create", example_master, "--period", "2026-T1", "--out", tmp_path / "r1")
    assert "[history-" not in out and "Historikdatabasen" not in out
    # a database named on the command line must exist
    result = CliRunner().invoke(main, ["returns", "create", str(example_master), "--period", "2026-T2", "--out",
                                       str(tmp_path / "r2"), "--db", str(tmp_path / "saknas.sqlite")])
    assert result.exit_code == 1 and "saknas.sqlite" in result.output and "finns inte" in result.output


# --------------------------------------------------------------------------------------------
# The history's side on both backends (SQLite and PostgreSQL): one period with a rejected and a missing unit
# --------------------------------------------------------------------------------------------

@pytest.fixture()
def collected_t2(new_db, example_master: Path, example_inbox):
    from toolkit import cycle

    master = cycle.Master.load(example_master)
    db = new_db()
    cycle.collect(master, example_inbox["inbox"], Period(2026, 2), db=db, workers=1)
    return master, db, example_inbox


def test_the_plan_version_of_a_period_is_the_plan_it_was_collected_against(collected_t2) -> None:
    from toolkit.history.store import History

    master, db, _inbox = collected_t2
    with History.open(db) as h:
        assert h.counted_periods() == [Period(2026, 2)]
        version = h.plan_version(Period(2026, 2))
        assert h.plan_version(Period(2026, 1)) is None
    assert version is not None
    assert version.identity() == master.plan.identity()
    assert [(i.id, i.aggregation, i.units, i.kind) for i in version.indicators] == [
        (i.id, i.aggregation, i.units, i.kind) for i in master.plan.indicators]


def test_consolidated_values_mark_an_incomplete_basis(collected_t2) -> None:
    from toolkit.report.years import consolidated_values

    master, db, inbox = collected_t2
    counting = {u for u, state in inbox["expected"].items() if state == "accepted"}
    df = consolidated_values(db)
    due = [i for i in master.plan.indicators if i.is_due(Period(2026, 2))]
    assert list(df.indicator_id) == [i.id for i in due]
    for ind, row in zip(due, df.itertuples()):
        reporting = [u for u in ind.units if u in counting]
        assert row.units_expected == len(ind.units) and row.units_reported == len(reporting), ind.id
        assert row.complete == (len(reporting) == len(ind.units)), ind.id
        if reporting:
            assert row.value == pytest.approx(float(combined(master.plan, inbox["values"], ind.id, reporting)))


def test_a_rollover_before_the_year_end_keeps_the_typed_baselines(collected_t2, tmp_path: Path) -> None:
    from toolkit import cycle
    from toolkit.history.backend import is_server

    master, db, inbox = collected_t2
    done = cycle.rollover(master, 2027, tmp_path / "2027" / "master.xlsx", db=db)
    new = done.rollover.plan
    for old, ind in zip(master.plan.indicators, new.indicators):
        assert (ind.baseline, ind.baseline_year) == (old.baseline, old.baseline_year)
    assert [n.code for n in done.notes] == ["history-period-missing"] and "2026-T3" in done.notes[0].message
    # 5.2 from the last collected period, for the units whose return counts there
    counting = [u for u, state in inbox["expected"].items() if state == "accepted"]
    assert {p.unit: p.forecast_tkr for p in new.budget.prior_forecasts} == {
        u: float(inbox["values"][u]["economy"]["forecast_tkr"]) for u in counting}
    # the database as the new master must name it: a server's URL as it is, a file relative to the new master
    expected = str(db) if is_server(db) else f"../{Path(db).name}"
    assert new.settings.database == expected
    assert read_master(done.master)[0].settings.database == expected


def test_validate_with_the_history_warns_as_collect_does(tmp_path: Path) -> None:
    """A T2 count below the unit's T1 count: validate (with the master's database) and collect give the same
    warning. The T2 return was made before T1 was collected, so its own earlier-value column is empty: only the
    history can tell."""
    import json
    import shutil

    from toolkit.history.store import History

    folder = tmp_path / "2026"
    folder.mkdir()
    plan = example_plan_2026()
    master = write_master(plan, folder / "master.xlsx")
    plan = read_master(master)[0]
    run("returns", "create", master, "--period", "2026-T1", "--out", folder / "t1")
    run("returns", "create", master, "--period", "2026-T2", "--out", folder / "t2")
    t1_values = {}
    for blank in (folder / "t1").glob("*.xlsx"):
        unit = _unit_of(plan, blank)
        t1_values[unit] = simulate.plausible_values(plan, unit, Period(2026, 1))
        simulate.fill_return(blank, folder / "in-t1" / blank.name, t1_values[unit])
    run("collect", folder / "in-t1", "--master", master, "--period", "2026-T1")

    blank = next(p for p in (folder / "t2").glob("*.xlsx") if _unit_of(plan, p) == "FILM")
    values = simulate.plausible_values(plan, "FILM", Period(2026, 2))
    earlier = int(t1_values["FILM"]["indicators"]["2.1.2"]["outcome"])
    assert earlier > 0
    values["indicators"]["2.1.2"]["outcome"] = earlier - 1
    returned = simulate.fill_return(blank, folder / "in-t2" / blank.name, values)

    def codes(output: str) -> list[tuple[str, str]]:
        return [(f["code"], f["item_id"]) for entry in json.loads(output) for f in entry["findings"]
                if f["code"] == "below-previous"]

    checked = run("validate", returned, "--master", master, "--period", "2026-T2", "--format", "json")
    assert codes(checked) == [("below-previous", "2.1.2")]
    assert codes(run("validate", returned, "--master", master, "--format", "json")) == [("below-previous", "2.1.2")]

    # the same file against a master without a history: no warning, and a word on why
    alone = tmp_path / "utan-historik"
    alone.mkdir()
    shutil.copy(master, alone / "master.xlsx")
    text = run("validate", returned, "--master", alone / "master.xlsx", "--period", "2026-T2")
    assert "below-previous" not in text and "[history-missing]" in text and str(alone / "nplan.sqlite") in text

    run("collect", folder / "in-t2", "--master", master, "--period", "2026-T2")
    with History.open(folder / "nplan.sqlite") as h:
        sid = next(s.submission_id for s in h.submission_list(period=Period(2026, 2)) if s.unit_id == "FILM")
        assert [(f.code, f.item_id) for f in h.finding_list(sid) if f.code == "below-previous"] == [
            ("below-previous", "2.1.2")]


@requires_libreoffice
def test_next_years_master_in_libreoffice(two_years: TwoYears, tmp_path: Path) -> None:
    """The real client opens the rolled-over master (with its summary sheet), computes 5.4 from the carried 5.2
    forecasts, and what it saves reads back as the same plan."""
    saved = recalculate(two_years.masters[2027], tmp_path)
    t3 = two_years.filled[Period(2026, 3)]
    forecasts = sum(float(v["economy"]["forecast_tkr"]) for v in t3.values())
    frames = sum(f.frame_tkr or 0.0 for f in two_years.plans[2026].budget.frames)
    rows = {r[0]: r[1] for r in sheet_values(saved, tm.SHEET_FRAMES) if r and isinstance(r[0], str)}
    assert rows[tm.BUDGET_SUMMARY["Summa_foregaende_prognos"]] == pytest.approx(forecasts)
    assert rows[tm.BUDGET_SUMMARY["Nettokostnadsutveckling"]] == pytest.approx(frames / forecasts - 1)
    summary = sheet_values(saved, tm.SHEET_ROLLOVER)
    assert any(r and r[1] == "U1" and str(r[2]).startswith("Avslutat") for r in summary)
    again, found = read_master(saved)
    assert not [f for f in found if f.is_error]
    assert again.settings.database == "../2026/nplan.sqlite"
    assert [(i.id, i.baseline_year) for i in again.indicators] == [(i.id, 2026) for i in again.indicators]
    for a, b in zip(again.indicators, two_years.plans[2027].indicators):
        assert a.baseline == pytest.approx(b.baseline), a.id


@requires_libreoffice
def test_the_year_end_workbooks_in_libreoffice(two_years: TwoYears, tmp_path: Path) -> None:
    """The real client opens the 2027 Årsrapport and finance's budget workbook and computes the economy as the
    year's outcome against the frame: per unit, in total, on the summary, and net cost growth against 5.2 (the 2026
    T3 forecasts the rollover carried)."""
    t3 = two_years.filled[Period(2027, 3)]
    frames = {f.unit: f.frame_tkr or 0.0 for f in two_years.plans[2027].budget.frames}
    outcome = {u: float(v["economy"]["outcome_tkr"]) for u, v in t3.items()}
    report = recalculate(two_years.reports[Period(2027, 3)][0], tmp_path / "rapport")
    eco = {r[0]: r for r in sheet_values(report, tx.SHEET_ECONOMY) if r and r[0] in frames}
    for unit, row in eco.items():
        assert row[2:5] == [frames[unit], outcome[unit], pytest.approx(frames[unit] - outcome[unit])], unit
    summary = {r[0]: r[1] for r in sheet_values(report, tx.SHEET_SUMMARY) if r and isinstance(r[0], str)}
    assert summary["Utfall helår"] == pytest.approx(sum(outcome.values()))
    assert summary["Avvikelse (ram − utfall helår)"] == pytest.approx(sum(frames.values()) - sum(outcome.values()))
    years = sheet_values(report, tx.SHEET_YEARS)
    assert years[3][3:6] == ["Utfall 2026", "Utfall 2027", "Målvärde 2027"]

    assert two_years.budget_2027_t3 is not None
    budget = recalculate(two_years.budget_2027_t3, tmp_path / "budget")
    rows = {r[0]: r for r in sheet_values(budget, "Budgetuppföljning")[9:] if r and r[0] in frames}
    t2 = two_years.filled[Period(2027, 2)]
    for unit, row in rows.items():
        assert row[3:6] == [frames[unit], outcome[unit], pytest.approx(frames[unit] - outcome[unit])], unit
        before = t2.get(unit, {}).get("economy", {}).get("forecast_tkr")  # Film sent nothing in T2
        assert row[6] == (before if before is not None else "") and row[7] == (
            pytest.approx(outcome[unit] - before) if before is not None else ""), unit
    prior = sum(float(v["economy"]["forecast_tkr"]) for v in two_years.filled[Period(2026, 3)].values())
    growth = sum(outcome.values()) / prior - 1
    check = next(r for r in sheet_values(budget, "Kontroller") if r and r[0] == "Nettokostnadsutveckling enligt "
                 "utfallet helår")
    assert check[1] == pytest.approx(growth) and check[3] == ("OK" if growth <= 0.1 else "Över taket")


@requires_libreoffice_writer
def test_the_year_end_document_as_a_tagged_pdf(two_years: TwoYears, tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    from pypdf import PdfReader

    from toolkit.report.accessibility import check_pdf_tagged
    from toolkit.report.docx_pdf import to_pdf

    document = two_years.reports[Period(2027, 3)][1]
    assert document is not None
    pdf = to_pdf(document, tmp_path / "arsrapport-2027.pdf")
    assert check_pdf_tagged(pdf) == []
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(pdf)).pages)
    for words in ("Årsrapport 2027", "Utfall 2027-T1", "Jämförelse mellan år", "Utfall helår"):
        assert words in text, words


def test_the_returns_name_the_baseline_years_when_they_differ(example_plan, tmp_path: Path) -> None:
    """After a rollover some baselines are the history's (2026) and some typed earlier (2024): the return's note
    says which year is which."""
    from toolkit.returns.build import create_returns

    plan = example_plan
    plan.settings.year = 2027
    plan.settings.period = None
    for ind in plan.indicators:
        ind.baseline_year = 2026 if ind.id not in ("1.1.3", "1.1.4") else 2024
    path = next(p for p in create_returns(plan, Period(2027, 2), tmp_path) if "Biblioteks" in p.name)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Indikatorer").to_python()
    text = " ".join(str(v) for r in rows[:3] for v in r)
    assert "Utfall basår = utfallet 2026 (för 1.1.3, 1.1.4: 2024). Målvärde = målet för 2027." in text


def test_a_rollover_from_a_named_database_that_does_not_exist_is_refused(example_master: Path,
                                                                         tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["plan", "rollover", str(example_master), "--to", "2027", "-o",
                                       str(tmp_path / "2027.xlsx"), "--db", str(tmp_path / "fel.sqlite")])
    assert result.exit_code == 1
    assert result.output.startswith("Fel: ") and "fel.sqlite" in result.output
    assert not (tmp_path / "2027.xlsx").exists() and not (tmp_path / "fel.sqlite").exists()
