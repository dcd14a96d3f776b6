"""Unit return workbooks: content per period, Excel-native guidance, identity, CLI, LibreOffice."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_SOURCE
from hypothesis import given
from hypothesis import strategies as hst
from libreoffice import SOFFICE, requires_libreoffice, sheet_values
from openpyxl import load_workbook

from toolkit.cli import main
from toolkit.core.errors import NplanError
from toolkit.core.model import Unit
from toolkit.core.periods import Period
from toolkit.plan import write_master
from toolkit.returns import layout
from toolkit.returns.build import build_return, create_returns, return_file_name
from toolkit.returns.names import safe_name as _safe_name
from toolkit.returns.parts import IND_LETTERS
from toolkit.returns.simulate import fill_return

NOW = dt.datetime(2026, 8, 20, 9, 30, tzinfo=dt.UTC)
T = {"1": "2026-T1", "2": "2026-T2", "3": "2026-T3"}
UNIT_IDS = ["KUS", "BIB", "FILM", "KONST"]


# --------------------------------------------------------------------------------------------
# Expectations computed from the plan source, independently of the code under test
# --------------------------------------------------------------------------------------------

def _source() -> dict:
    with open(EXAMPLE_SOURCE, "rb") as fh:
        return tomllib.load(fh)


def _due(periodicity: str, tertial: int) -> bool:
    """The seed's periodicity texts: "Tertial: aug, dec" -> T2, T3; "År" -> T3; "Tertial" -> all."""
    text = periodicity.lower().replace(":", " ").replace(",", " ").split()
    if text == ["år"]:
        return tertial == 3
    months = {"apr": 1, "aug": 2, "dec": 3}
    named = [months[w] for w in text if w in months]
    return tertial in named if named else text == ["tertial"]


def _expected_indicators(unit_id: str, tertial: int) -> list[str]:
    return [i["id"] for i in _source()["indicators"]
            if unit_id in i["units"] and _due(i["periodicity"], tertial)]


def _expected_assignments(unit_id: str, tertial: int) -> list[str]:
    return [a["id"] for a in _source()["assignments"]
            if unit_id in a["units"] and _due(a["periodicity"], tertial)]


def _frame(unit_id: str) -> float:
    return next(f["frame_tkr"] for f in _source()["budget"]["frames"] if f["unit"] == unit_id)


# --------------------------------------------------------------------------------------------
# Reading a generated workbook by the layout contract
# --------------------------------------------------------------------------------------------

def _table(ws, columns: dict[str, str]) -> tuple[int, dict[str, int], dict[str, int]]:
    """Header row, field -> column index, id -> row (found by header text and ids, not positions)."""
    id_header = next(iter(columns.values()))
    header = next(c.row for c in ws["A"] if c.value == id_header)
    by_text = {c.value: c.column for c in ws[header] if c.value is not None}
    cols = {key: by_text[text] for key, text in columns.items()}
    rows = {}
    for r in range(header + 1, ws.max_row + 1):
        v = ws.cell(row=r, column=1).value
        if v not in (None, ""):
            rows[str(v)] = r
    return header, cols, rows


def _ids(path: Path, sheet: str, columns: dict[str, str]) -> list[str]:
    ws = load_workbook(path)[sheet]
    return list(_table(ws, columns)[2])


def _ind_ids(path: Path) -> list[str]:
    return _ids(path, layout.SHEET_INDICATORS, layout.INDICATOR_COLUMNS)


def _asg_ids(path: Path) -> list[str]:
    return _ids(path, layout.SHEET_ASSIGNMENTS, layout.ASSIGNMENT_COLUMNS)


def _by_unit(paths: list[Path], plan) -> dict[str, Path]:
    out = {}
    for p in paths:
        ident = _identity(p)
        out[ident["unit_id"]] = p
    assert len(out) == len(paths)
    return out


def _identity(path: Path) -> dict[str, str]:
    ws = load_workbook(path)[layout.SHEET_IDENTITY]
    return {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)}


def _validations(ws) -> list:
    return list(ws.data_validations.dataValidation)


def _dv_for(ws, cell: str):
    found = [dv for dv in _validations(ws) if cell in dv.sqref]
    assert len(found) == 1, f"{ws.title}!{cell}: {len(found)} validations"
    return found[0]


# --------------------------------------------------------------------------------------------
# Which items each unit gets per period
# --------------------------------------------------------------------------------------------

def test_t2_writes_four_workbooks_each_with_exactly_its_due_indicators(example_plan, tmp_path):
    paths = create_returns(example_plan, Period(2026, 2), tmp_path, now=NOW)
    assert len(paths) == 4 and all(p.is_file() and p.parent == tmp_path for p in paths)
    by_unit = _by_unit(paths, example_plan)
    assert sorted(by_unit) == sorted(UNIT_IDS)
    for uid, path in by_unit.items():
        assert _ind_ids(path) == _expected_indicators(uid, 2)
        assert _asg_ids(path) == _expected_assignments(uid, 2)
        assert _ids(path, layout.SHEET_ECONOMY, layout.ECONOMY_COLUMNS) == [uid]
    # The seed's periodicities, spelled out.
    assert _ind_ids(by_unit["FILM"]) == ["1.1.1", "1.1.2", "2.1.2"]
    assert _ind_ids(by_unit["KUS"]) == ["1.1.2", "1.1.3", "1.1.4"]
    assert _ind_ids(by_unit["BIB"]) == [
        "1.1.2", "1.1.3", "1.1.4", "2.2.1"]
    assert _ind_ids(by_unit["KONST"]) == ["1.1.2", "2.1.3"]


def test_t1_and_t3_differ_as_the_domain_says(example_plan, tmp_path):
    t1 = _by_unit(create_returns(example_plan, Period(2026, 1), tmp_path / "t1", now=NOW), example_plan)
    t3 = _by_unit(create_returns(example_plan, Period(2026, 3), tmp_path / "t3", now=NOW), example_plan)
    for uid in UNIT_IDS:
        # Nobody has indicators or assignments due in T1 (all are "Tertial: aug, dec" or "År").
        assert _ind_ids(t1[uid]) == []
        assert _asg_ids(t1[uid]) == []
        assert _ind_ids(t3[uid]) == _expected_indicators(uid, 3)
    assert _ind_ids(t3["KUS"]) == [
        "1.1.2", "1.1.3", "1.1.4", "2.1.1"]

    # T1 still has the header row and says in words that nothing is to be reported.
    wb = load_workbook(t1["FILM"])
    ws = wb[layout.SHEET_INDICATORS]
    header = [c.value for c in ws[layout.HEADER_ROW]]
    assert header == list(layout.INDICATOR_COLUMNS.values())
    above = ws.iter_rows(max_row=layout.HEADER_ROW - 1)
    words = " ".join(str(c.value) for row in above for c in row if c.value)
    assert "inga indikatorer" in words.lower() and "2026-T1" in words
    # T1: the simplified report asks for significant events; T2 does not require them.
    # (The Kontroll formula lists each missing field after ", ".)
    t1_check = wb[layout.SHEET_ECONOMY]["H5"].value
    t2 = load_workbook(build_return_path(example_plan, tmp_path, "2026-T2", "FILM"))
    assert '", "&"Väsentliga händelser"' in t1_check
    assert '", "&"Väsentliga händelser"' not in t2[layout.SHEET_ECONOMY]["H5"].value
    # T2/T3 require outcome and assessment on every indicator row; the report names differ.
    ind = t2[layout.SHEET_INDICATORS]
    check = ind[f"{IND_LETTERS['check']}5"].value
    assert '", "&"Utfall"' in check and '", "&"Egen bedömning"' in check
    titles = {p: load_workbook(x[uid])[layout.SHEET_START]["A1"].value
              for p, x in (("T1", t1), ("T3", t3)) for uid in ["FILM"]}
    assert "förenklad" in titles["T1"] and "Årsrapport" in titles["T3"]


def test_an_indicator_due_in_t1_is_listed_with_optional_outcome_and_assessment(example_plan):
    from toolkit.core.periods import parse_periodicity

    example_plan.indicator("1.1.1").periodicity = parse_periodicity("Tertial")
    wb = build_return(example_plan, "FILM", Period(2026, 1), now=NOW)
    ws = wb[layout.SHEET_INDICATORS]
    _, cols, rows = _table(ws, layout.INDICATOR_COLUMNS)
    assert list(rows) == ["1.1.1"]
    check = ws.cell(rows["1.1.1"], cols["check"]).value
    # The formula lists each missing field after ", ": only the analysis can be missing here.
    assert '", "&"Analys"' in check and '", "&"Utfall"' not in check and '", "&"Egen bedömning"' not in check
    for key in ("outcome", "assessment"):
        assert _rules_covering(ws, ws.cell(rows["1.1.1"], cols[key]).coordinate) == []
    assert ws.cell(rows["1.1.1"], cols["outcome"]).protection.locked is False


def build_return_path(plan, tmp_path: Path, period: str, unit_id: str) -> Path:
    paths = create_returns(plan, Period.parse(period), tmp_path / f"one-{period}-{unit_id}", units=[unit_id], now=NOW)
    assert len(paths) == 1
    return paths[0]


def test_units_limits_the_output_and_unknown_unit_is_a_swedish_error(example_plan, tmp_path):
    paths = create_returns(example_plan, Period(2026, 2), tmp_path, units=["FILM", "KONST", "FILM"], now=NOW)
    assert [p.name for p in paths] == ["2026-T2_Film_i_Vasterbotten.xlsx", "2026-T2_Offentlig_konst.xlsx"]
    with pytest.raises(NplanError, match="Verksamheten 'NOPE' finns inte i masterfilen. Finns: KUS, BIB"):
        create_returns(example_plan, Period(2026, 2), tmp_path / "x", units=["FILM", "NOPE"])
    assert not (tmp_path / "x").exists()  # nothing written when any unit is unknown
    with pytest.raises(NplanError, match="hör inte till planåret 2026"):
        create_returns(example_plan, Period(2025, 2), tmp_path / "y")
    with pytest.raises(NplanError, match="går inte att läsa"):
        create_returns(example_plan, Period.parse("2026-T7"), tmp_path / "z")


def test_previous_values_are_shown_where_known(example_plan, tmp_path):
    path = create_returns(example_plan, Period(2026, 3), tmp_path, units=["KUS"], now=NOW,
                          previous={("KUS", "1.1.2"): 4.0, ("KUS", "1.1.4"): 0.35, ("FILM", "1.1.3"): 9.0})[0]
    ws = load_workbook(path)[layout.SHEET_INDICATORS]
    _, cols, rows = _table(ws, layout.INDICATOR_COLUMNS)
    prev = {i: ws.cell(row=r, column=cols["previous"]) for i, r in rows.items()}
    assert prev["1.1.2"].value == 4 and prev["1.1.4"].value == 0.35
    assert prev["1.1.4"].number_format == "0%"
    assert prev["1.1.3"].value is None and prev["2.1.1"].value is None  # FILM's value is not KUS's


# --------------------------------------------------------------------------------------------
# File names
# --------------------------------------------------------------------------------------------

def test_file_names_are_ascii_safe(example_plan):
    assert return_file_name(example_plan, "FILM", Period(2026, 2)) == "2026-T2_Film_i_Vasterbotten.xlsx"
    assert return_file_name(example_plan, "BIB", Period(2026, 2)) == (
        "2026-T2_Biblioteksutveckling_Vasterbotten_inkl_sjukhusbibliotek.xlsx")
    example_plan.units.append(Unit("X1", "Åre/Öl: \"kvalitet\" & *mer*?"))
    assert return_file_name(example_plan, "X1", Period.parse("T3 2026")) == "2026-T3_AreOl_kvalitet_mer.xlsx"


def test_units_with_the_same_safe_name_get_distinct_files(example_plan, tmp_path):
    example_plan.units.append(Unit("FILM2", "Film i Västerbotten!"))
    example_plan.budget.frames.append(type(example_plan.budget.frames[0])("FILM2", 1, 2))
    names = {return_file_name(example_plan, u, Period(2026, 2)) for u in ("FILM", "FILM2")}
    assert names == {"2026-T2_Film_i_Vasterbotten_FILM.xlsx", "2026-T2_Film_i_Vasterbotten_FILM2.xlsx"}


@given(hst.text(max_size=60))
def test_safe_name_is_always_ascii_letters_digits_dash_underscore(text):
    name = _safe_name(text)
    assert all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in name)
    assert not name.startswith("_") and "__" not in name


# --------------------------------------------------------------------------------------------
# Excel-native guidance: validations, protection, inputs, formats
# --------------------------------------------------------------------------------------------

@pytest.fixture()
def t2_returns(example_plan, tmp_path) -> dict[str, Path]:
    return _by_unit(create_returns(example_plan, Period(2026, 2), tmp_path / "t2", now=NOW), example_plan)


def test_outcome_validation_follows_the_indicator_kind(t2_returns):
    expected_kind = {i["id"]: i["kind"] for i in _source()["indicators"]}
    seen = set()
    for path in t2_returns.values():
        ws = load_workbook(path)[layout.SHEET_INDICATORS]
        _, cols, rows = _table(ws, layout.INDICATOR_COLUMNS)
        for ind_id, r in rows.items():
            cell = ws.cell(row=r, column=cols["outcome"])
            dv = _dv_for(ws, cell.coordinate)
            kind = expected_kind[ind_id]
            seen.add(kind)
            assert dv.showErrorMessage is True and dv.errorStyle == "stop"
            assert dv.showInputMessage is True and dv.prompt and dv.error
            if kind == "count":
                assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
                assert cell.number_format == "#,##0"
            elif kind == "share":
                assert (dv.type, dv.operator, float(dv.formula1), float(dv.formula2)) == (
                    "decimal", "between", 0.0, 1.0)
                assert cell.number_format == "0%"
            elif kind == "yesno":
                assert dv.type == "list" and dv.formula1.lstrip("=") == "Lista_JaNej"
    assert seen == {"count", "share", "yesno"}


def test_dropdowns_come_from_the_hidden_list_sheet(t2_returns):
    wb = load_workbook(t2_returns["KONST"])
    lists = wb[layout.SHEET_LISTS]
    assert lists.sheet_state == "hidden"

    def items(name):
        dn = wb.defined_names[name]
        ((sheet, ref),) = list(dn.destinations)
        return [c.value for row in wb[sheet][ref] for c in row]

    assert items("Lista_Bedomning") == ["Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ingen bedömning"]
    assert items("Lista_Uppdragsstatus") == ["Ej påbörjad", "Påbörjad", "Genomförd", "Försenad", "Avförd"]
    assert items("Lista_JaNej") == ["Ja", "Nej"]
    ind = wb[layout.SHEET_INDICATORS]
    _, cols, rows = _table(ind, layout.INDICATOR_COLUMNS)
    for r in rows.values():
        dv = _dv_for(ind, ind.cell(row=r, column=cols["assessment"]).coordinate)
        assert dv.type == "list" and dv.formula1.lstrip("=") == "Lista_Bedomning" and dv.showErrorMessage
    asg = wb[layout.SHEET_ASSIGNMENTS]
    _, cols, rows = _table(asg, layout.ASSIGNMENT_COLUMNS)
    assert list(rows) == ["U1", "U2", "U3"]
    for r in rows.values():
        dv = _dv_for(asg, asg.cell(row=r, column=cols["status"]).coordinate)
        assert dv.type == "list" and dv.formula1.lstrip("=") == "Lista_Uppdragsstatus" and dv.showErrorMessage
        assert _dv_for(asg, asg.cell(row=r, column=cols["comment"]).coordinate).type == "textLength"


def test_economy_sheet_frame_threshold_and_amount_validation(example_plan, t2_returns):
    wb = load_workbook(t2_returns["FILM"])
    ws = wb[layout.SHEET_ECONOMY]
    _, cols, rows = _table(ws, layout.ECONOMY_COLUMNS)
    r = rows["FILM"]
    assert ws.cell(row=r, column=cols["frame_tkr"]).value == _frame("FILM")
    assert ws.cell(row=r, column=cols["frame_tkr"]).protection.locked is True
    for key in ("outcome_tkr", "forecast_tkr"):
        cell = ws.cell(row=r, column=cols[key])
        dv = _dv_for(ws, cell.coordinate)
        assert dv.type == "decimal" and dv.showErrorMessage and cell.number_format == "#,##0"
    deviation = ws.cell(row=r, column=cols["deviation_tkr"]).value
    assert deviation.startswith("=") and "IFERROR" in deviation
    # The threshold is shown in the workbook and the formulas use it through its name.
    ((sheet, ref),) = list(wb.defined_names[layout.THRESHOLD_NAME].destinations)
    assert sheet == layout.SHEET_ECONOMY
    assert ws[ref.replace("$", "")].value == example_plan.settings.deviation_threshold_tkr == 100
    assert layout.THRESHOLD_NAME in ws.cell(row=r, column=cols["check"]).value


def test_sheets_are_protected_and_only_inputs_unlocked(example_plan, t2_returns):
    wb = load_workbook(t2_returns["BIB"])
    assert wb.security.lockStructure is True
    for ws in wb.worksheets:
        assert ws.protection.sheet is True, ws.title
        assert not ws.protection.password  # no password by default
    fill = "00FFF2CC"
    for sheet, columns, inputs in (
        (layout.SHEET_INDICATORS, layout.INDICATOR_COLUMNS, layout.INDICATOR_INPUTS),
        (layout.SHEET_ASSIGNMENTS, layout.ASSIGNMENT_COLUMNS, layout.ASSIGNMENT_INPUTS),
        (layout.SHEET_ECONOMY, layout.ECONOMY_COLUMNS, layout.ECONOMY_INPUTS),
    ):
        ws = wb[sheet]
        header, cols, rows = _table(ws, columns)
        assert rows
        for r in rows.values():
            for key, c in cols.items():
                cell = ws.cell(row=r, column=c)
                if key in inputs:
                    assert cell.protection.locked is False, (sheet, key)
                    assert cell.fill.fgColor.rgb == fill, (sheet, key)
                else:
                    assert cell.protection.locked is True, (sheet, key)
        for c in cols.values():
            assert ws.cell(row=header, column=c).protection.locked is True
        assert ws.freeze_panes is not None and int(ws.freeze_panes[1:]) == header + 1
        assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows  # 9 = A4
    start = wb[layout.SHEET_START]
    assert all(c.protection.locked for row in start.iter_rows() for c in row)


def test_password_from_the_master_settings(example_plan, tmp_path):
    example_plan.settings.protection_password = "hemligt"
    wb = build_return(example_plan, "FILM", Period(2026, 2), now=NOW)
    for ws in wb.worksheets:
        assert ws.protection.sheet and ws.protection.password  # stored as a hash
        assert ws.protection.password != "hemligt"
    assert wb.security.workbookPassword


def _rules_covering(ws, coordinate: str) -> list[str]:
    from openpyxl.worksheet.cell_range import MultiCellRange

    return [rule.formula[0] for cf in ws.conditional_formatting for rule in cf.rules
            if coordinate in MultiCellRange(str(cf.sqref))]


def test_required_inputs_are_marked_by_conditional_formats(t2_returns):
    wb = load_workbook(t2_returns["FILM"])
    ws = wb[layout.SHEET_INDICATORS]
    _, cols, rows = _table(ws, layout.INDICATOR_COLUMNS)
    for r in rows.values():
        for key in ("outcome", "assessment"):
            rules = _rules_covering(ws, ws.cell(r, cols[key]).coordinate)
            assert any("TRIM(" in f and '=""' in f for f in rules)
        analysis = _rules_covering(ws, ws.cell(r, cols["analysis"]).coordinate)
        assert len(analysis) == 1 and "Uppfyllt" in analysis[0]
        assert _rules_covering(ws, ws.cell(r, cols["measures"]).coordinate) == []  # never required
    eco = wb[layout.SHEET_ECONOMY]
    _, cols, rows = _table(eco, layout.ECONOMY_COLUMNS)
    r = rows["FILM"]
    assert "ABS(" in _rules_covering(eco, eco.cell(r, cols["comment"]).coordinate)[0]
    for key in ("outcome_tkr", "forecast_tkr"):
        assert _rules_covering(eco, eco.cell(r, cols[key]).coordinate)
    assert _rules_covering(eco, eco.cell(r, cols["events"]).coordinate) == []  # required in T1 only


def test_identity_sheet(example_plan, t2_returns):
    for uid, path in t2_returns.items():
        wb = load_workbook(path)
        ws = wb[layout.SHEET_IDENTITY]
        assert ws.sheet_state == "veryHidden"
        keys = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
        assert keys == list(layout.IDENTITY_KEYS)
        assert all(ws.cell(row=r, column=2).data_type == "s" for r in range(1, ws.max_row + 1))
        ident = _identity(path)
        assert ident["format_version"] == str(layout.FORMAT_VERSION)
        assert ident["plan_identity"] == example_plan.identity()
        assert ident["unit_fingerprint"] == example_plan.unit_fingerprint(uid)
        assert ident["unit_id"] == uid
        assert ident["unit_name"] == example_plan.unit(uid).name
        assert ident["period"] == "2026-T2"
        assert ident["committee"] == "Regionala utvecklingsnämnden"
        assert ident["plan_year"] == "2026"
        assert dt.datetime.fromisoformat(ident["generated_at"]) == NOW
        assert float(ident["deviation_threshold_tkr"]) == 100


def test_user_text_from_the_plan_is_written_as_text(example_plan, tmp_path):
    example_plan.units[2].name = "=HYPERLINK(\"http://x\")"
    example_plan.indicators[0].name = "+1-2"
    wb = build_return(example_plan, "FILM", Period(2026, 2), now=NOW)
    start = wb[layout.SHEET_START]
    cells = [c for row in start.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    ind = wb[layout.SHEET_INDICATORS]
    name = next(c for row in ind.iter_rows() for c in row if c.value == "+1-2")
    assert name.data_type == "s"


def test_deadline_shown_on_the_start_sheet(example_plan):
    # The master's deadline belongs to its current period (2026-T2); another period has none unless given.
    def deadline(wb):
        cell = wb[layout.SHEET_START]["B8"]
        assert wb[layout.SHEET_START]["A8"].value == "Sista dag för retur"
        return cell.value

    assert deadline(build_return(example_plan, "FILM", Period(2026, 2), now=NOW)) == dt.date(2026, 9, 7)
    assert deadline(build_return(example_plan, "FILM", Period(2026, 3), now=NOW)) == "Enligt controllerns utskick"
    assert deadline(build_return(example_plan, "FILM", Period(2026, 3), deadline=dt.date(2027, 1, 15),
                                 now=NOW)) == dt.date(2027, 1, 15)


# --------------------------------------------------------------------------------------------
# Same master and period give the same content
# --------------------------------------------------------------------------------------------

def _content(path: Path) -> dict:
    """Everything a user or reader sees, except the time of generation."""
    wb = load_workbook(path)
    out: dict = {"sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets],
                 "names": sorted((n, d.attr_text) for n, d in wb.defined_names.items())}
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                key = ws.cell(row=c.row, column=1).value
                if ws.title == layout.SHEET_IDENTITY and key == "generated_at" and c.column == 2:
                    continue
                cells.append((c.coordinate, c.value, c.number_format, c.protection.locked, c.fill.fgColor.rgb,
                              c.font.b))
        dvs = sorted((dv.type, dv.operator, dv.formula1, dv.formula2, str(dv.sqref), dv.prompt, dv.error)
                     for dv in ws.data_validations.dataValidation)
        cfs = sorted((str(cf.sqref), tuple(tuple(r.formula) for r in cf.rules))
                     for cf in ws.conditional_formatting)
        heights = sorted((r, d.height) for r, d in ws.row_dimensions.items() if d.height)
        widths = sorted((c, d.width) for c, d in ws.column_dimensions.items() if d.width)
        out[ws.title] = (cells, dvs, cfs, ws.protection.sheet, ws.freeze_panes, ws.print_title_rows,
                         repr(sorted(ws.merged_cells.ranges, key=str)), heights, widths)
    return out


def test_same_master_and_period_give_the_same_content(example_master, tmp_path):
    from toolkit.plan import load_plan

    a = create_returns(load_plan(example_master), Period(2026, 2), tmp_path / "a", now=NOW)
    b = create_returns(load_plan(example_master), Period(2026, 2), tmp_path / "b")  # other time of generation
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b, strict=True):
        assert _content(pa) == _content(pb)
        assert _identity(pa)["generated_at"] != _identity(pb)["generated_at"]
    # ... and a different period gives different content.
    c = create_returns(load_plan(example_master), Period(2026, 3), tmp_path / "c", now=NOW)
    assert _content(a[0]) != _content(c[0])


def test_cloned_skeleton_gives_the_same_content_as_building_directly(example_plan, tmp_path):
    # create_returns builds what units share once and clones it; build_return builds each from scratch.
    from openpyxl.utils.indexed_list import IndexedList

    example_plan.settings.protection_password = "pw"
    paths = create_returns(example_plan, Period(2026, 2), tmp_path / "cloned", now=NOW,
                           previous={("BIB", "1.1.4"): 0.3})
    assert IndexedList._dict == {}  # unpickling never wrote into the class-level index
    for path in paths:
        uid = _identity(path)["unit_id"]
        direct = build_return(example_plan, uid, Period(2026, 2), now=NOW, previous={("BIB", "1.1.4"): 0.3})
        direct_path = tmp_path / "direct" / path.name
        direct_path.parent.mkdir(exist_ok=True)
        direct.save(direct_path)
        assert _content(path) == _content(direct_path)
        assert load_workbook(path)[layout.SHEET_START]["B5"].value.endswith(f"({uid})")


def test_a_cloned_skeleton_behaves_like_a_fresh_workbook(example_plan, tmp_path):
    from openpyxl.styles import Font

    from toolkit.excel.clone import Skeleton as _Skeleton
    from toolkit.returns.builder import Builder as _Builder

    builder = _Builder(example_plan, Period(2026, 2), deadline=None, generated_at=NOW, previous={},
                       plan_identity=example_plan.identity())
    skeleton = _Skeleton(builder.common())
    first, second = skeleton.clone(), skeleton.clone()
    for ws in first.worksheets:  # dimensions keep their factories; styles can still be added
        ws.row_dimensions[40].height = 30
        ws.column_dimensions["Q"].width = 12
        ws["Q40"].font = Font(italic=True)
    assert second[layout.SHEET_START].row_dimensions.get(40) is None  # clones are independent
    assert second._fonts is not first._fonts and len(second._fonts) < len(first._fonts)
    first.save(tmp_path / "first.xlsx")
    wb = load_workbook(tmp_path / "first.xlsx")
    assert wb[layout.SHEET_ECONOMY].row_dimensions[40].height == 30
    assert wb[layout.SHEET_ECONOMY]["Q40"].font.i is True


def test_overwrite_false_refuses_existing_files(example_plan, tmp_path):
    create_returns(example_plan, Period(2026, 2), tmp_path, units=["FILM"], now=NOW)
    with pytest.raises(NplanError, match="finns redan"):
        create_returns(example_plan, Period(2026, 2), tmp_path, overwrite=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-T2_Film_i_Vasterbotten.xlsx"]


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------

def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_cli_create_prints_each_file(example_master, tmp_path):
    out = tmp_path / "ut"
    res = _run("returns", "create", str(example_master), "--period", "2026-T2", "--out", str(out))
    assert res.exit_code == 0, res.output
    written = sorted(out.iterdir())
    assert len(written) == 4
    for p in written:
        assert f"Skrev {p}" in res.output
    res = _run("returns", "create", str(example_master), "--period", "T3 2026", "--out", str(out),
               "--unit", "FILM", "--deadline", "2027-01-15")
    assert res.exit_code == 0, res.output
    assert (out / "2026-T3_Film_i_Vasterbotten.xlsx").is_file()
    assert load_workbook(out / "2026-T3_Film_i_Vasterbotten.xlsx")[layout.SHEET_START]["B8"].value.date() == \
        dt.date(2027, 1, 15)


def test_cli_errors_and_exit_codes(example_plan, example_master, tmp_path):
    out = str(tmp_path / "ut")
    res = _run("returns", "create", str(example_master), "--period", "2026-T9", "--out", out)
    assert res.exit_code == 2 and "Perioden '2026-T9' går inte att läsa" in res.output
    res = _run("returns", "create", str(example_master), "--period", "2026-T2", "--out", out,
               "--deadline", "7 sept")
    assert res.exit_code == 2 and "Datumet '7 sept' går inte att läsa" in res.output
    res = _run("returns", "create", str(example_master), "--period", "2026-T2", "--out", out,
               "--unit", "NOPE")
    assert res.exit_code == 1 and "Fel: Verksamheten 'NOPE' finns inte" in res.output
    res = _run("returns", "create", str(tmp_path / "saknas.xlsx"), "--period", "2026-T2", "--out", out)
    assert res.exit_code == 1 and res.output.startswith("Fel: ")

    example_plan.indicators[0].units = ("OKAND",)  # an unknown unit: an error in the master
    bad = write_master(example_plan, tmp_path / "bad.xlsx")
    res = _run("returns", "create", str(bad), "--period", "2026-T2", "--out", out)
    assert res.exit_code == 1 and "Fel: Masterfilen" in res.output
    assert not Path(out).exists()

    # Existing returns are not overwritten without --force.
    assert _run("returns", "create", str(example_master), "--period", "2026-T2", "--out", out).exit_code == 0
    res = _run("returns", "create", str(example_master), "--period", "2026-T2", "--out", out)
    assert res.exit_code == 1 and "--force" in res.output
    res = _run("returns", "create", str(example_master), "--period", "2026-T2", "--out", out, "--force")
    assert res.exit_code == 0
    for text in (res.output,):
        assert "Traceback" not in text


def test_cli_help():
    res = _run("returns", "create", "--help")
    assert res.exit_code == 0 and "--period" in res.output and "--unit" in res.output


# --------------------------------------------------------------------------------------------
# LibreOffice: the real client opens each return and computes the guidance formulas
# --------------------------------------------------------------------------------------------

def _recalculate_many(paths: list[Path], out_dir: Path, timeout: float = 240) -> dict[Path, Path]:
    """One LibreOffice run for several workbooks (about 3 s each run otherwise). Names must be unique."""
    assert len({p.name for p in paths}) == len(paths)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--calc",
               "--convert-to", "xlsx", "--outdir", str(out_dir), *map(str, paths)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    result = {p: out_dir / p.name for p in paths}
    missing = [p.name for p, r in result.items() if not r.is_file()]
    assert proc.returncode == 0 and not missing, (
        f"LibreOffice failed on {missing}: {proc.stdout} {proc.stderr}")
    return result


def _plan_with_t1_indicator():
    from toolkit.core.periods import parse_periodicity
    from toolkit.plan.source import load_plan_source

    plan = load_plan_source(EXAMPLE_SOURCE)
    plan.indicator("1.1.1").periodicity = parse_periodicity("Tertial")
    return plan


def _expected_missing(plan, uid: str, period: str,
                      values: dict) -> tuple[int, dict[str, set[str]], float | None]:
    """Missing required inputs by the rules of domain.md, written out here independently of the workbook."""
    tertial = int(period[-1])
    inds, asgs, eco = values.get("indicators", {}), values.get("assignments", {}), values.get("economy", {})
    missing: dict[str, set[str]] = {}
    for ind_id in _expected_indicators(uid, tertial):
        v = inds.get(ind_id, {})
        m = set()
        if tertial in (2, 3):
            m |= {f for f in ("outcome", "assessment") if v.get(f) in (None, "")}
        if v.get("assessment") not in (None, "", "Uppfyllt") and not v.get("analysis"):
            m.add("analysis")
        missing[ind_id] = m
    for a_id in _expected_assignments(uid, tertial):
        missing[a_id] = {"status"} if not asgs.get(a_id, {}).get("status") else set()
    m = {f for f in ("outcome_tkr", "forecast_tkr") if eco.get(f) is None}
    if tertial == 1 and not eco.get("events"):
        m.add("events")
    deviation = _frame(uid) - eco["forecast_tkr"] if eco.get("forecast_tkr") is not None else None
    if deviation is not None and abs(deviation) > 100 and not eco.get("comment"):
        m.add("comment")
    missing[uid] = m
    return sum(len(v) for v in missing.values()), missing, deviation


@requires_libreoffice
def test_libreoffice_opens_every_return_and_computes_completeness(example_plan, tmp_path):
    from toolkit.returns.simulate import plausible_values

    gen = tmp_path / "gen"
    t2 = _by_unit(create_returns(example_plan, Period(2026, 2), gen / "t2", now=NOW), example_plan)
    t1 = _by_unit(create_returns(example_plan, Period(2026, 1), gen / "t1", units=["BIB"], now=NOW), example_plan)
    t3 = _by_unit(create_returns(example_plan, Period(2026, 3), gen / "t3", units=["KUS"], now=NOW), example_plan)
    filled = tmp_path / "filled"
    cases: list[tuple[str, str, dict, Path]] = []  # (unit, period, values, file)
    for uid, path in t2.items():  # every T2 return, as generated: empty
        cases.append((uid, "2026-T2", {}, path))
    partly = {
        "indicators": {"1.1.1": {"outcome": 40, "assessment": "Delvis uppfyllt"},   # analysis missing
                       "1.1.2": {"outcome": 3, "assessment": "Uppfyllt"},           # complete
                       "2.1.2": {"assessment": "Ej uppfyllt", "analysis": "Förseningar."}},  # outcome missing
        "assignments": {"U2": {"status": "Påbörjad"}},
        "economy": {"forecast_tkr": 8400, "events": "Inget särskilt."},  # deviation -250: comment required
    }
    cases.append(("FILM", "2026-T2", partly, fill_return(t2["FILM"], filled / "film-partly.xlsx", partly)))
    small = {"economy": {"outcome_tkr": 5000, "forecast_tkr": 8100}}  # deviation 50: no comment required
    cases.append(("FILM", "2026-T2", small, fill_return(t2["FILM"], filled / "film-small.xlsx", small)))
    for uid in ("FILM", "KONST"):
        full = plausible_values(example_plan, uid, Period(2026, 2))
        cases.append((uid, "2026-T2", full, fill_return(t2[uid], filled / f"{uid}-full.xlsx", full)))
    cases.append(("BIB", "2026-T1", {}, t1["BIB"]))
    t1_values = {"economy": {"outcome_tkr": 3300, "forecast_tkr": 10000}}  # events still missing in T1
    cases.append(("BIB", "2026-T1", t1_values, fill_return(t1["BIB"], filled / "bib-t1.xlsx", t1_values)))
    t1_due_plan = _plan_with_t1_indicator()
    t1_due = create_returns(t1_due_plan, Period(2026, 1), gen / "t1-due", units=["FILM"], now=NOW)[0]
    # T1 with a due indicator: outcome and assessment optional, but a non-green assessment needs an analysis.
    t1_due_values = {"indicators": {"1.1.1": {"outcome": 30, "assessment": "Ej uppfyllt"}},
                     "economy": {"outcome_tkr": 2600, "forecast_tkr": 8150, "events": "Inget."}}
    t1_due_case = fill_return(t1_due, filled / "film-t1-due.xlsx", t1_due_values)
    t3_values = plausible_values(example_plan, "KUS", Period(2026, 3))
    t3_values["indicators"]["2.1.1"] = {"outcome": 2000, "assessment": "Ingen bedömning"}  # needs analysis
    cases.append(("KUS", "2026-T3", t3_values, fill_return(t3["KUS"], filled / "kus-t3.xlsx", t3_values)))

    computed = _recalculate_many([c[3] for c in cases] + [t1_due_case], tmp_path / "lo")
    start = sheet_values(computed[t1_due_case], layout.SHEET_START)
    assert (start[9][1], start[13][1]) == ("1 obligatorisk uppgift saknas", 1)
    ind = sheet_values(computed[t1_due_case], layout.SHEET_INDICATORS)
    check_col = list(layout.INDICATOR_COLUMNS).index("check")
    assert ind[4][0] == "1.1.1" and ind[4][check_col] == "Saknas: Analys"
    assert any(_expected_missing(example_plan, *c[:3])[0] == 0 for c in cases)  # a complete one is included
    assert any(_expected_missing(example_plan, *c[:3])[0] == 1 for c in cases)  # the singular form too
    for uid, period, values, path in cases:
        total, missing, deviation = _expected_missing(example_plan, uid, period, values)
        out = computed[path]
        start = sheet_values(out, layout.SHEET_START)
        status = start[9][1]
        expected_status = ("Klar att skicka" if total == 0 else "1 obligatorisk uppgift saknas" if total == 1
                           else f"{total} obligatoriska uppgifter saknas")
        assert status == expected_status, (path.name, missing)
        assert start[13][1] == total
        for sheet, columns in ((layout.SHEET_INDICATORS, layout.INDICATOR_COLUMNS),
                               (layout.SHEET_ASSIGNMENTS, layout.ASSIGNMENT_COLUMNS),
                               (layout.SHEET_ECONOMY, layout.ECONOMY_COLUMNS)):
            rows = sheet_values(out, sheet)
            header = next(i for i, row in enumerate(rows) if row and row[0] == next(iter(columns.values())))
            names = rows[header]
            check_col = names.index(columns["check"])
            for row in rows[header + 1:]:
                if not row or row[0] in ("", None) or str(row[0]) not in missing:
                    continue
                want = missing[str(row[0])]
                check = row[check_col]
                if not want:
                    assert check == "", (path.name, row[0], check)
                else:
                    assert check.startswith("Saknas: "), (path.name, row[0], check)
                    listed = set(check.removeprefix("Saknas: ").split(", "))
                    assert listed == {columns[f] for f in want}, (path.name, row[0])
                if sheet == layout.SHEET_ECONOMY:
                    dev = row[names.index(columns["deviation_tkr"])]
                    assert (dev == "" if deviation is None else dev == pytest.approx(deviation)), path.name
