"""The master workbook: what the writer writes the reader reads back, also from a controller's restyled copy."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import master_helpers as mh
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill

from toolkit.core.errors import WorkbookError
from toolkit.core.model import (
    Aggregation,
    Assessment,
    Assignment,
    AssignmentStatus,
    Budget,
    BudgetChange,
    ChangeKind,
    Direction,
    Frame,
    Goal,
    Indicator,
    Measure,
    Plan,
    PlanText,
    PriorForecast,
    Settings,
    SubGoal,
    TextKind,
    Unit,
    ValueKind,
    Verdict,
    canonical,
)
from toolkit.core.periods import Period, parse_periodicity
from toolkit.plan import check_plan, load_plan, read_master, write_master
from toolkit.texts import master as tm

IND = "Indikatorer"


# --------------------------------------------------------------------------------------------
# Restyle: a controller's copy reads as the same plan
# --------------------------------------------------------------------------------------------

def _reorder_columns(ws, table, order: list[int]) -> None:
    """Move the table's columns into ``order`` (positions within the table), cells and formats with them,
    and the table's column list too (as Excel does when you drag a column)."""
    from openpyxl.utils import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    width = max_col - min_col + 1
    assert sorted(order) == list(range(width))
    last = max_row + 5  # rows typed below the table move too
    snapshot = {(r, i): (ws.cell(row=r, column=min_col + i).value, ws.cell(row=r, column=min_col + i).number_format)
                for r in range(min_row, last + 1) for i in range(width)}
    for r in range(min_row, last + 1):
        for new_i, old_i in enumerate(order):
            value, fmt = snapshot[(r, old_i)]
            cell = ws.cell(row=r, column=min_col + new_i)
            cell.value = value
            cell.number_format = fmt
    table.tableColumns = [table.tableColumns[i] for i in order]
    for i, col in enumerate(table.tableColumns, start=1):
        col.id = i


def _add_totals_row(ws, table, sum_header: str) -> None:
    from openpyxl.utils import get_column_letter, range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    total_row = max_row + 1
    ws.cell(row=total_row, column=min_col, value="Summa")
    for i, col in enumerate(table.tableColumns):
        if col.name == sum_header:
            letter = get_column_letter(min_col + i)
            ws.cell(row=total_row, column=min_col + i, value=f"=SUBTOTAL(109,{letter}{min_row + 1}:{letter}{max_row})")
            col.totalsRowFunction = "sum"
    table.tableColumns[0].totalsRowLabel = "Summa"
    table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{total_row}"
    table.totalsRowCount = 1
    if table.autoFilter is not None:
        table.autoFilter.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"


def restyle(src: Path, dst: Path) -> None:
    """What a controller does in Excel: rows above tables, wider columns, colours, moved columns, an
    extra instruction sheet, a renamed sheet."""
    wb = load_workbook(src)
    for ws in wb.worksheets:
        if not ws.tables:
            continue
        mh.insert_rows_above_tables(ws, 1, 3)  # a logo and a heading of their own
        ws.sheet_properties.tabColor = "7030A0"
        for letter in "ABCDEFGHIJKLMNO":
            ws.column_dimensions[letter].width = 33
        for t in ws.tables.values():
            header_row = int("".join(ch for ch in t.ref.split(":")[0] if ch.isdigit()))
            for cell in ws[header_row]:
                cell.fill = PatternFill("solid", fgColor="C00000")
                cell.font = Font(bold=True, italic=True, color="FFFF00", name="Arial")
    # On the budget sheet also rows between the parameters and the frames table.
    frames_ws, frames_table = mh.table(wb, "Budgetramar")
    frames_header = int("".join(ch for ch in frames_table.ref.split(":")[0] if ch.isdigit()))
    mh.insert_rows_above_tables(frames_ws, frames_header - 1, 2)
    # A totals row under the frames (Tabelldesign > Summarad), as finance likes it.
    _add_totals_row(frames_ws, frames_table, tm.HEADERS["Budgetramar"]["frame_tkr"])
    # Moved columns: the indicators' baseline after the target, the units table reversed.
    ind_ws, ind_table = mh.table(wb, IND)
    headers = list(tm.HEADERS[IND].values())
    order = list(range(len(headers)))
    b, t = headers.index("Utfall basår"), headers.index("Målvärde")
    order[b], order[t] = order[t], order[b]
    order.append(order.pop(0))  # the id column last
    _reorder_columns(ind_ws, ind_table, order)
    units_ws, units_table = mh.table(wb, "Verksamheter")
    _reorder_columns(units_ws, units_table, [2, 1, 0])
    # An instruction sheet of the controller's own, first; and a sheet renamed.
    notes = wb.create_sheet("Läs först", 0)
    notes["A1"] = "Så här arbetar vi med nämndplanen i förvaltningen"
    notes["A3"] = "Indikator-id"  # a header text outside any table must not confuse the reader
    wb[tm.SHEET_GOALS].title = "Regionmål (fullmäktige)"
    wb.save(dst)


def test_restyled_master_reads_as_the_same_plan(example_master: Path, tmp_path: Path) -> None:
    original, found = read_master(example_master)
    assert found == []
    restyled_path = tmp_path / "restyled.xlsx"
    restyle(example_master, restyled_path)

    restyled, found = read_master(restyled_path)
    assert found == []
    assert check_plan(restyled, restyled_path.name, found) == []
    assert canonical(restyled) == canonical(original)
    assert restyled.identity() == original.identity()
    assert restyled.budget.is_example

    # The restyle really moved things: findings would point to the new places.
    wb = load_workbook(restyled_path)
    assert wb.sheetnames[0] == "Läs först"
    ind = restyled.indicator("1.1.1")
    assert (ind.source.sheet, ind.source.cell("target")) == mh.cell(wb, IND, "Målvärde", "Indikator-id", "1.1.1")
    assert ind.source.cell("target") != original.indicator("1.1.1").source.cell("target")
    assert restyled.goal(1).source.sheet == "Regionmål (fullmäktige)"
    unit = restyled.unit("KUS")
    assert unit.source.cell("id") == mh.cell(wb, "Verksamheter", "Verksamhets-id", "Verksamhets-id", "KUS")[1]
    assert unit.source.cell("id").startswith("C")
    frame = restyled.budget.frame_of("KUS")
    assert frame.source.row > original.budget.frame_of("KUS").source.row + 3


def test_restyled_broken_master_points_to_the_moved_cell(example_master: Path, tmp_path: Path) -> None:
    restyled_path = tmp_path / "restyled.xlsx"
    restyle(example_master, restyled_path)
    wb = load_workbook(restyled_path)
    sheet, a1 = mh.set_value(wb, IND, "Målvärde", "Indikator-id", "1.1.4", "140 %")
    wb.save(restyled_path)
    plan, found = read_master(restyled_path)
    findings = check_plan(plan, restyled_path.name, found)
    assert [(f.code, f.sheet, f.cell) for f in findings if f.is_error] == [("share-above-100", sheet, a1)]


def test_headers_are_matched_without_regard_to_case_and_spacing(example_master: Path, tmp_path: Path) -> None:
    wb = load_workbook(example_master)
    sheet, a1 = mh.header_cell(wb, IND, "Målvärde")
    wb[sheet][a1].value = "  MÅLVÄRDE\n"
    path = tmp_path / "headers.xlsx"
    wb.save(path)
    plan, found = read_master(path)
    assert found == []
    assert plan.indicator("1.1.1").target == 90


def test_ids_that_excel_turned_into_numbers_are_read_as_ids(example_master: Path, tmp_path: Path) -> None:
    wb = load_workbook(example_master)
    mh.set_value(wb, "Delmal", "Delmål-id", "Delmål-id", "2.1", 2.1)
    mh.set_value(wb, IND, "Delmål-id", "Indikator-id", "2.1.2", 2.1)
    path = tmp_path / "numbers.xlsx"
    wb.save(path)
    plan, found = read_master(path)
    assert found == [] and check_plan(plan, path.name, found) == []
    assert plan.indicator("2.1.2").sub_goal == "2.1"


def test_user_text_is_written_as_text_never_as_formula(tmp_path: Path) -> None:
    plan = Plan(settings=Settings(committee="=HYPERLINK(\"http://x\")", year=2026))
    plan.units = [Unit("U", "#N/A")]
    plan.goals = [Goal(1, "=1+1", "@summa")]
    plan.texts = [PlanText("", TextKind.PARAGRAPH, "-minus", goal=1)]
    path = write_master(plan, tmp_path / "m.xlsx")
    wb = load_workbook(path)
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if c.value in ("=1+1", "#N/A", "=HYPERLINK(\"http://x\")")]
    assert len(texts) == 3 and all(c.data_type == "s" for c in texts)
    back, found = read_master(path)
    assert found == []
    assert canonical(back) == canonical(plan)


def test_load_plan_refuses_a_master_with_errors(example_master: Path, tmp_path: Path) -> None:
    wb = load_workbook(example_master)
    sheet, a1 = mh.set_value(wb, IND, "Periodicitet", "Indikator-id", "1.1.2", "Månadsvis")
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookError) as err:
        load_plan(path)
    assert f"{sheet}!{a1}" in str(err.value) and "Månadsvis" in str(err.value)
    assert load_plan(example_master).indicator("1.1.2") is not None


def test_blank_periodicity_is_a_missing_value(example_master: Path, tmp_path: Path) -> None:
    wb = load_workbook(example_master)
    sheet, a1 = mh.set_value(wb, IND, "Periodicitet", "Indikator-id", "1.1.2", None)
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    _plan, found = read_master(path)
    assert [(f.code, f.sheet, f.cell) for f in found] == [("missing-value", sheet, a1)]
    assert "Periodicitet" in found[0].message and "1.1.2" in found[0].message


def test_verdict_period_without_year_is_the_plan_years(example_plan: Plan, tmp_path: Path) -> None:
    example_plan.verdicts = [Verdict(Period(2026, 1), "goal", "1", Assessment.MET, "Ett"),
                             Verdict(Period(2026, 1), "goal", "2", Assessment.PARTLY, "Två"),
                             Verdict(Period(2026, 1), "sub_goal", "2.2", Assessment.NOT_MET, "Tre")]
    wb = load_workbook(write_master(example_plan, tmp_path / "master.xlsx"))
    mh.set_value(wb, "Bedomningar", "Period", "Mål/delmål", "1", "T2")
    sheet, a1 = mh.set_value(wb, "Bedomningar", "Period", "Mål/delmål", "2", "kvartal 3")
    mh.set_value(wb, "Bedomningar", "Period", "Mål/delmål", "2.2", "aug")
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    plan, found = read_master(path)
    # A period that is no period is a warning at its cell; that verdict could match no period.
    assert [(f.code, f.severity, f.sheet, f.cell, f.found) for f in found] == [
        ("invalid-verdict-period", "varning", sheet, a1, "kvartal 3")]
    assert [(v.ref, v.period) for v in plan.verdicts] == [("1", Period(2026, 2)), ("2.2", Period(2026, 2))]


def test_missing_key_column_gives_one_finding_not_one_per_row(example_master: Path, tmp_path: Path) -> None:
    wb = load_workbook(example_master)
    sheet, a1 = mh.header_cell(wb, IND, "Indikator-id")
    wb[sheet][a1].value = "Id"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    plan, found = read_master(path)
    assert [f.code for f in found] == ["missing-column"]
    assert "Indikator-id" in found[0].message
    assert plan.indicators == []


def test_finding_fields_name_the_tables_own_headers(example_master: Path, tmp_path: Path) -> None:
    """A missing unit name says 'Verksamhet', a missing assignment text says 'Uppdrag'."""
    wb = load_workbook(example_master)
    mh.set_value(wb, "Verksamheter", "Verksamhet", "Verksamhets-id", "BIB", None)
    mh.set_value(wb, "Uppdrag", "Uppdrag", "Uppdrag-id", "U3", None)
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    _plan, found = read_master(path)
    assert sorted((f.code, f.field) for f in found) == [("missing-value", "Uppdrag"), ("missing-value", "Verksamhet")]


def test_example_note_is_found_wherever_it_was_moved(example_master: Path, tmp_path: Path) -> None:
    wb = load_workbook(example_master)
    ws, _t = mh.table(wb, "Budgetramar")
    ws.move_range("A2", rows=1, cols=2)  # the note, one row down and two columns right
    path = tmp_path / "moved.xlsx"
    wb.save(path)
    assert read_master(path)[0].budget.is_example
    wb = load_workbook(example_master)
    mh.table(wb, "Budgetramar")[0]["A2"].value = None
    wb.save(path)
    assert not read_master(path)[0].budget.is_example


# --------------------------------------------------------------------------------------------
# Round trip: any plan the writer writes, the reader reads back equal
# --------------------------------------------------------------------------------------------

_CHARS = "abcxyzåäöÅÄÖ ABC0123456789=-+#/().,:%'\"\n•–"
texts = st.text(alphabet=st.sampled_from(list(_CHARS)), min_size=1, max_size=24).map(str.strip).filter(bool)
maybe_text = st.one_of(st.just(""), texts)
ids = st.text(alphabet=st.sampled_from(list("ABCKUS0123456789.")), min_size=1, max_size=6).filter(
    lambda s: s.strip(".") == s and any(ch.isalpha() for ch in s))
amounts = st.one_of(st.none(), st.floats(-1e9, 1e9, allow_nan=False).map(lambda x: round(x, 2)))
years = st.integers(2000, 2100)
dates = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))
periodicities = st.sampled_from(["Tertial: aug, dec", "Tertial aug, dec", "År", "Tertial", "Tertial: apr",
                                 "Tertial: apr, aug, dec"]).map(parse_periodicity)


@st.composite
def values_of(draw, kind: ValueKind):
    if draw(st.booleans()):
        return None
    if kind is ValueKind.YESNO:
        return draw(st.booleans())
    if kind is ValueKind.TEXT:
        return draw(texts)
    if kind is ValueKind.SHARE:
        return draw(st.floats(-2, 2, allow_nan=False))
    return draw(st.floats(-1e9, 1e9, allow_nan=False))


@st.composite
def indicators(draw, unit_ids: list[str]):
    kind = draw(st.sampled_from(list(ValueKind)))
    return Indicator(
        id=draw(ids), sub_goal=draw(ids), name=draw(texts), kind=kind, periodicity=draw(periodicities),
        unit_of_measure=draw(maybe_text), baseline_year=draw(st.one_of(st.none(), years)),
        baseline=draw(values_of(kind)), baseline_missing_reason=draw(maybe_text), target=draw(values_of(kind)),
        direction=draw(st.sampled_from(list(Direction))),
        units=tuple(draw(st.lists(st.sampled_from(unit_ids), max_size=3))) if unit_ids else (),
        aggregation=draw(st.sampled_from(list(Aggregation))),
        partly_threshold=draw(st.one_of(st.none(), st.floats(0, 1, allow_nan=False))), note=draw(maybe_text))


@st.composite
def plans(draw) -> Plan:
    units = draw(st.lists(st.builds(Unit, ids, texts, maybe_text), max_size=4))
    unit_ids = [u.id for u in units]
    unit_id = st.sampled_from(unit_ids) if unit_ids else ids
    settings = Settings(
        committee=draw(maybe_text), year=draw(years), partly_threshold=draw(st.floats(0.01, 1)),
        deviation_threshold_tkr=draw(st.floats(0, 1e6)), protection_password=draw(maybe_text),
        period=draw(st.one_of(st.none(), st.builds(Period, years, st.integers(1, 3)))),
        deadline=draw(st.one_of(st.none(), dates)), inbox=draw(maybe_text), output_dir=draw(maybe_text),
        database=draw(maybe_text))
    plan = Plan(settings=settings, units=units)
    plan.goals = draw(st.lists(st.builds(Goal, st.integers(1, 99), texts, maybe_text, maybe_text), max_size=3))
    plan.sub_goals = draw(st.lists(st.builds(SubGoal, ids, st.integers(1, 99), texts), max_size=3))
    plan.indicators = draw(st.lists(indicators(unit_ids), max_size=4))
    plan.assignments = draw(st.lists(st.builds(
        Assignment, ids, texts, periodicities, st.sampled_from(list(AssignmentStatus)),
        st.one_of(st.none(), dates), st.lists(unit_id, max_size=2).map(tuple), maybe_text), max_size=3))
    plan.verdicts = draw(st.lists(st.builds(
        Verdict, st.builds(Period, years, st.integers(1, 3)),
        st.sampled_from(["goal", "sub_goal"]), ids, st.sampled_from(list(Assessment)), maybe_text), max_size=2))
    plan.budget = Budget(
        measures=draw(st.lists(st.builds(Measure, ids, maybe_text, unit_id, amounts, maybe_text), max_size=2)),
        prior_forecasts=draw(st.lists(st.builds(PriorForecast, unit_id, amounts), max_size=3)),
        changes=draw(st.lists(st.builds(BudgetChange, unit_id, st.sampled_from(list(ChangeKind)), maybe_text,
                                        amounts), max_size=3)),
        frames=draw(st.lists(st.builds(Frame, unit_id, amounts, amounts), max_size=3)),
        total_frame_tkr=draw(amounts), net_cost_ceiling=draw(st.one_of(st.none(), st.floats(-1, 1))),
        is_example=draw(st.booleans()))
    return plan


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(plan=plans())
def test_written_plan_reads_back_equal(plan: Plan, tmp_path: Path) -> None:
    path = write_master(plan, tmp_path / "roundtrip.xlsx")
    back, found = read_master(path)
    assert found == []
    assert first_difference(canonical(plan), canonical(back)) is None


def first_difference(a: object, b: object, path: str = "plan") -> str | None:
    """Where two canonical plans differ, or None. Floats agree to the 15 significant digits a
    spreadsheet keeps (openpyxl writes 16)."""
    if isinstance(a, float) and isinstance(b, float):
        return None if math.isclose(a, b, rel_tol=1e-14, abs_tol=1e-300) else f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys():
        return next((d for k in a if (d := first_difference(a[k], b[k], f"{path}.{k}"))), None)
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return next((d for i, (x, y) in enumerate(zip(a, b)) if (d := first_difference(x, y, f"{path}[{i}]"))),
                    None)
    return None if a == b and type(a) is type(b) else f"{path}: {a!r} != {b!r}"
