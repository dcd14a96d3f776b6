"""Two years through the command line, as a controller runs them (issue 13).

2026-T1, T2 and T3 on the example with simulated units, each period: returns create, the units fill them in,
collect, consolidate. Then `nplan plan rollover` to 2027 from the history, into a sibling folder
(RUN/2026/master.xlsx -> RUN/2027/master.xlsx), the controller enters 2027's targets and frames, and 2027-T1 runs
the same way; last, the 2027-T2 returns are created.

Every expectation is computed here from what the simulated units filled in (the aggregation rules written out
independently), never taken from the code under test. The run happens once (``two_years``); each test asserts one
promise. The year-end report (the T1-T3 series, last year's outcome beside this year's) adds its assertions here
as tests on the same run: the T3 report and document of both years are written (``TwoYears.reports``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import master_helpers as mh
import pytest
from click.testing import CliRunner
from libreoffice import recalculate, requires_libreoffice, sheet_values
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from toolkit.cli import main
from toolkit.core.model import Assignment, AssignmentStatus, Plan, ValueKind
from toolkit.core.periods import Period, parse_periodicity
from toolkit.plan import read_master, write_master
from toolkit.plan.source import load_plan_source
from toolkit.report.consolidate import consolidate_from_db
from toolkit.returns import simulate
from toolkit.texts import master as tm

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "run2026" / "plan.toml"
PERIODS_2026 = [Period(2026, 1), Period(2026, 2), Period(2026, 3)]
# At the year end: U1 done by every unit, U2 cancelled by every unit (both closed), U3 under way (carried with its
# passed end date), U4 runs into 2027 (finished by one unit only: carried, with its own end date).
T3_STATUS = {"U1": {"*": "Genomförd"}, "U2": {"*": "Avförd"}, "U3": {"*": "Påbörjad"},
             "U4": {"KUS": "Genomförd", "*": "Påbörjad"}}
U4_END = dt.date(2027, 6, 30)
PREVIOUS_HEADER = "Tidigare rapporterat i år"


def run(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def example_plan_2026() -> Plan:
    """The example, with two indicators reported every tertial (so that T1 has values to carry and to trend) and
    an assignment that runs into 2027."""
    plan = load_plan_source(EXAMPLE)
    for iid in ("1.1.2", "2.1.2"):
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


def _fill_period(years: TwoYears, plan: Plan, master: Path, period: Period) -> None:
    """returns create -> the units fill in every return (all valid) -> collect -> consolidate."""
    folder = master.parent
    blank_dir = folder / f"returer-{period}"
    years.outputs[f"returns {period}"] = run("returns", "create", master, "--period", period, "--out", blank_dir)
    inbox = folder / f"inkorg-{period}"
    filled: dict[str, dict[str, Any]] = {}
    for blank in sorted(blank_dir.glob("*.xlsx")):
        unit = _unit_of(plan, blank)
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
    document = folder / f"rapport-{period}.docx" if period.tertial == 3 else None
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
    _fill_period(years, years.plans[2027], years.masters[2027], Period(2027, 1))

    out = years.masters[2027].parent / "returer-2027-T2"
    years.outputs["returns 2027-T2"] = run("returns", "create", years.masters[2027], "--period", "2027-T2",
                                           "--out", out)
    years.returns_2027_t2 = out
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
        assert h.counted_periods() == [*PERIODS_2026, Period(2027, 1)]
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


def test_the_2027_t1_trend_compares_with_2026_t1(two_years: TwoYears) -> None:
    """As today's consolidation computes it: against the same tertial last year when the history has it."""
    plan = two_years.plans[2027]
    result = consolidate_from_db(plan, two_years.database, Period(2027, 1))
    t1_2026 = two_years.filled[Period(2026, 1)]
    due = [r for r in result.indicators if r.due and r.value is not None]
    assert {r.indicator.id for r in due} == {"1.1.2", "2.1.2"}
    for r in due:
        assert r.previous_label == "2026-T1", r.indicator.id
        assert r.previous == pytest.approx(combined(two_years.plans[2026], t1_2026, r.indicator.id))


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
    assert list(df.period.unique()) == ["2026-T1", "2026-T2", "2026-T3", "2027-T1"]
    rows = df[df.indicator_id == "1.1.2"]
    assert list(rows.period) == ["2026-T1", "2026-T2", "2026-T3", "2027-T1"]
    for period, value in zip(rows.period, rows.value):
        per = Period.parse(period)
        plan = two_years.plans[per.year]
        assert value == pytest.approx(combined(plan, two_years.filled[per], "1.1.2")), period
    assert rows.complete.all() and (rows.units_reported == 4).all()
    # Yes/no as 1.0 / 0.0 with the Swedish word beside it
    yes_no = df[df.indicator_id == "2.1.3"]
    assert set(yes_no.value_text) <= {"Ja", "Nej"}
    assert all(v == (1.0 if t == "Ja" else 0.0) for v, t in zip(yes_no.value, yes_no.value_text))
    # each period with the plan version it was collected against: 2027-T1 with 2027's (U4 only, no 2026 target)
    assert df[df.year == 2027].plan_identity.nunique() == 1
    assert df[df.year == 2026].plan_identity.nunique() == 1
    assert set(df[df.year == 2026].plan_identity) != set(df[df.year == 2027].plan_identity)
    assert df.loc[df.year == 2027].shape[0] == 2


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
