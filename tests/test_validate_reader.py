"""The readers behind validation: the formula scan of the sheet XML, and calamine against openpyxl giving
the same representation and therefore the same findings."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE_SOURCE
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils.cell import column_index_from_string
from validate_helpers import edit, locate, merged, set_cell

from toolkit.core.periods import Period
from toolkit.excel.sheetxml import normalize_formula, scan_formulas, sheet_parts, translate_formula
from toolkit.plan import load_plan, write_master
from toolkit.plan.source import load_plan_source
from toolkit.returns import layout
from toolkit.returns.build import create_returns
from toolkit.returns.simulate import fill_return, plausible_values
from toolkit.validate import PlanContext, read_calamine, read_openpyxl, validate_bytes

SHEET_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>\n'
    b'<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"/>'
    b'<x:c r="C1" t="inlineStr"><x:is><x:t>&lt;f&gt;x</x:t></x:is></x:c></x:row>\n'
    b'<x:row r="5"><x:c r="M5" t="str">'
    b'<x:f t="shared" ref="M5:M7" si="0">IF(I5="","Saknas: I5",$B$2&amp;I5)</x:f><x:v></x:v></x:c></x:row>\n'
    b'<x:row r="6"><x:c r="M6" t="str"><x:f t="shared" si="0"/><x:v>ok</x:v></x:c></x:row>\n'
    b'<x:row r="7"><x:c r="M7"><x:f t="shared" si="0"></x:f></x:c><x:c r="N7"><x:f>SUM(A1:A3)</x:f><x:v>3</x:v></x:c>'
    b'</x:row>\n'
    b'</x:sheetData></x:worksheet>'
)


def test_scan_formulas_expands_shared_formulas_and_unescapes() -> None:
    assert scan_formulas(SHEET_XML) == {
        (5, 13): 'IF(I5="","Saknas: I5",$B$2&I5)',
        (6, 13): 'IF(I6="","Saknas: I5",$B$2&I6)',
        (7, 13): 'IF(I7="","Saknas: I5",$B$2&I7)',
        (7, 14): "SUM(A1:A3)",
    }
    no_formula = b"<worksheet><sheetData><row r='1'><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>"
    assert scan_formulas(no_formula) == {}


def test_translate_formula_moves_only_relative_references() -> None:
    assert translate_formula("A1+$A$1+A$1+$A1", 2, 1) == "B3+$A$1+B$1+$A3"
    assert translate_formula('IF(I5="I5",LOG10(I5),Ark!I5)', 1, 0) == 'IF(I6="I5",LOG10(I6),Ark!I6)'
    assert translate_formula("'Blad I5'!I5", 1, 0) == "'Blad I5'!I6"
    assert translate_formula("A1", -5, 0) == "A1"  # would leave the sheet: unchanged
    assert translate_formula("SUM(A1:B2)", 0, 0) == "SUM(A1:B2)"


def test_normalize_formula() -> None:
    assert normalize_formula('=if( a1 = "Ja x" , $B$2 , _xlfn.IFS(1) )') == 'IF(A1="Ja x",B2,IFS(1))'
    assert normalize_formula("IF(E5=\"\",FALSE(),TRUE())") == normalize_formula("IF(E5=\"\",FALSE,TRUE)")
    assert normalize_formula('"a  b"') == '"a  b"'
    assert normalize_formula("MYFALSE()") == "MYFALSE()"


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("reader")
    plan = load_plan(write_master(load_plan_source(EXAMPLE_SOURCE), root / "master.xlsx"))
    blank = {p.name: p for p in create_returns(plan, Period(2026, 2), root / "blank")}
    film = next(p for n, p in blank.items() if "Film" in n)
    kus = next(p for n, p in blank.items() if "kultur" in n)
    good = fill_return(film, root / "film.xlsx", plausible_values(plan, "FILM", Period(2026, 2)))
    return plan, PlanContext(plan), root, film, kus, good


def _blank(v: object) -> object:
    """Blank as None, a date-time at midnight as its date (openpyxl and calamine differ only there)."""
    import datetime as dt

    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    return None if v == "" else v


def test_calamine_and_openpyxl_give_the_same_book(returns) -> None:
    plan, ctx, root, film, kus, good = returns
    data = good.read_bytes()
    a, b = read_calamine(data), read_openpyxl(data)
    assert a.names == b.names
    assert set(a.sheets) == set(b.sheets) == {layout.SHEET_IDENTITY, layout.SHEET_INDICATORS,
                                              layout.SHEET_ASSIGNMENTS, layout.SHEET_ECONOMY}
    for name, sa in a.sheets.items():
        sb = b.sheets[name]
        assert sa.formulas == sb.formulas
        assert bool(sa.formulas) == (name != layout.SHEET_IDENTITY)
        height = max(sa.height, sb.height)
        width = max(max(map(len, sa.rows), default=0), max(map(len, sb.rows), default=0))
        for r in range(1, height + 1):
            for c in range(1, width + 1):
                if (r, c) in sa.formulas:
                    continue
                va, vb = _blank(sa.value(r, c)), _blank(sb.value(r, c))
                assert va == vb, (name, r, c, va, vb)


@pytest.mark.parametrize("values", [
    {"indicators": {"1.1.1": {"outcome": "tolv"}}},
    {"indicators": {"1.1.2": {"assessment": "Ej uppfyllt", "analysis": None}}},
    {"economy": {"forecast_tkr": None, "comment": "=1+1"}},
    {"assignments": {"U1": {"status": "Klar"}}},
])
def test_both_readers_give_the_same_findings_and_data(returns, values, tmp_path: Path) -> None:
    plan, ctx, root, film, kus, good = returns
    path = fill_return(film, tmp_path / "r.xlsx", merged(plausible_values(plan, "FILM", Period(2026, 2)), **values))
    data = path.read_bytes()
    a = validate_bytes(data, ctx, name=path.name, reader="calamine")
    b = validate_bytes(data, ctx, name=path.name, reader="openpyxl")
    assert a.findings and a.findings == b.findings and a.data == b.data


def test_both_readers_agree_on_structural_damage(returns, tmp_path: Path) -> None:
    plan, ctx, root, film, kus, good = returns
    path = edit(good, tmp_path / "r.xlsx", set_cell(layout.SHEET_INDICATORS, "1.1.1", "check", "=1"))
    data = path.read_bytes()
    a = validate_bytes(data, ctx, name=path.name, reader="calamine")
    b = validate_bytes(data, ctx, name=path.name, reader="openpyxl")
    assert [f.code for f in a.findings] == ["formula-changed"] and a.findings == b.findings


def _share_formulas(data: bytes, sheet: str, column: str, first: int, last: int) -> bytes:
    """Rewrite a column's formulas as one shared formula, as Excel saves a filled-down column."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    part = sheet_parts(zin)[sheet]
    xml = zin.read(part).decode("utf-8")
    for r in range(first, last + 1):
        pattern = re.compile(rf'(<c r="{column}{r}"[^>]*>)<f>(.*?)</f>', re.S)
        if r == first:
            xml, n = pattern.subn(rf'\1<f t="shared" ref="{column}{first}:{column}{last}" si="0">\2</f>', xml)
        else:
            xml, n = pattern.subn(r'\1<f t="shared" si="0"/>', xml)
        assert n == 1, r
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, xml if info.filename == part else zin.read(info.filename))
    return out.getvalue()


def test_shared_formulas_as_excel_saves_them_validate_clean(returns) -> None:
    plan, ctx, root, film, kus, good = returns
    check = locate(good, layout.SHEET_INDICATORS, "1.1.1", "check")
    last = int(locate(good, layout.SHEET_INDICATORS, "2.1.2", "check")[1:])
    data = _share_formulas(good.read_bytes(), layout.SHEET_INDICATORS, check[0], int(check[1:]), last)
    book = read_calamine(data)
    check_col = column_index_from_string(check[0])
    assert len([k for k in book.sheets[layout.SHEET_INDICATORS].formulas if k[1] == check_col]) == 3
    result = validate_bytes(data, ctx, name="r.xlsx")
    assert result.findings == []


@settings(max_examples=20, deadline=None)
@given(counts=st.lists(st.integers(min_value=0, max_value=50_000), min_size=3, max_size=3),
       as_text=st.lists(st.booleans(), min_size=3, max_size=3),
       forecast=st.integers(min_value=7000, max_value=9000))
def test_round_trip_of_counts_in_swedish_forms(returns, tmp_path_factory, counts, as_text, forecast) -> None:
    """What a unit types (numbers, or text with a space as thousands separator) reads back as the number."""
    plan, ctx, root, film, kus, good = returns
    ids = ["1.1.1", "1.1.2", "2.1.2"]
    indicators = {}
    for item, n, text in zip(ids, counts, as_text):
        indicators[item] = {"outcome": f"{n:,}".replace(",", " ") if text else n, "assessment": "Uppfyllt"}
    values = {"indicators": indicators, "assignments": {a: {"status": "Påbörjad"} for a in ("U1", "U2", "U3")},
              "economy": {"outcome_tkr": 100, "forecast_tkr": f"{forecast:,}".replace(",", " "),
                          "comment": "Kommentar.", "events": ""}}
    path = fill_return(film, tmp_path_factory.mktemp("rt") / "r.xlsx", values)
    result = validate_bytes(path.read_bytes(), ctx, name="r.xlsx")
    assert result.errors == []
    assert [r.outcome for r in result.data.indicators] == [float(n) for n in counts]
    assert result.data.budget.forecast_tkr == forecast


CELL_VALUES = st.one_of(
    st.none(), st.text(max_size=30), st.sampled_from(["1 234", "12,5", "=1+1", "Ja", "Uppfyllt", "Påbörjad",
                                                      "1.1.1", "U1", "FILM", "2026-T2", "Indikator-id", "Utfall"]),
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6), st.booleans(),
    st.dates(), st.datetimes(), st.times(), st.timedeltas(), st.just("x" * 3000))


@settings(max_examples=150, deadline=None)
@given(edits=st.lists(st.tuples(st.sampled_from(sorted([layout.SHEET_IDENTITY, layout.SHEET_INDICATORS,
                                                        layout.SHEET_ASSIGNMENTS, layout.SHEET_ECONOMY])),
                                st.integers(1, 10), st.integers(1, 14), CELL_VALUES,
                                st.sampled_from([None, "", "TRUE()", "IF(", "SUM(A1:A2)", "drop"])),
                      min_size=1, max_size=8),
       period=st.sampled_from([None, "2026-T2", "2026-T3"]))
def test_any_cell_content_gives_findings_never_an_exception(returns, edits, period) -> None:
    """Whatever a unit (or a damaged file) leaves in the cells, validation reports it as findings."""
    import copy

    from toolkit.core.periods import Period
    from toolkit.validate import check_book

    plan, ctx, root, film, kus, good = returns
    book = copy.deepcopy(_good_book(good))
    for sheet_name, r, c, value, formula in edits:
        sheet = book.sheets[sheet_name]
        while len(sheet.rows) < r:
            sheet.rows.append([])
        row = sheet.rows[r - 1]
        while len(row) < c:
            row.append("")
        row[c - 1] = value
        if formula == "drop":
            sheet.formulas.pop((r, c), None)
        elif formula is not None:
            sheet.formulas[(r, c)] = formula
    findings, data = check_book(book, ctx, file="f.xlsx", period=Period.parse(period) if period else None,
                                previous={("FILM", "1.1.1"): 5.0})
    for f in findings:
        # No template placeholder left unfilled (a "{" the unit typed may be quoted as found or as an id).
        quoted = f.message.replace(f.found, "").replace(f.item_id, "") if f.found or f.item_id else f.message
        assert f.code and f.message and "{" not in quoted and f.severity in ("fel", "varning")
        assert f.file == "f.xlsx"
    if data is not None:
        assert data.unit_id in {u.id for u in plan.units}


_BOOKS: dict[Path, object] = {}


def _good_book(path: Path):
    if path not in _BOOKS:
        _BOOKS[path] = read_calamine(path.read_bytes())
    return _BOOKS[path]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_damaged_bytes_give_findings_never_an_exception(returns, data) -> None:
    plan, ctx, root, film, kus, good = returns
    content = bytearray(good.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(content) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            content[at] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del content[at: at + data.draw(st.integers(1, 400))]
        else:
            content[at:at] = data.draw(st.binary(min_size=1, max_size=100))
    result = validate_bytes(bytes(content), ctx, name="r.xlsx", file="r.xlsx")
    assert result.sha256 and all(f.message for f in result.findings)
    assert result.findings or result.data is not None


def test_expected_formulas_shared_by_shape_equal_the_generators_per_unit(example_plan):
    """PlanContext runs the generator once per shape of return; the result must be what the generator
    writes for each unit itself."""
    import copy

    from toolkit.core.model import Unit
    from toolkit.core.periods import Period
    from toolkit.validate.expected import PlanContext, _generated_formulas

    plan = copy.deepcopy(example_plan)
    plan.units.append(Unit("KUS2", "Kulturutveckling, andra kontoret"))
    for ind in plan.indicators:
        if "KUS" in ind.units:
            ind.units = (*ind.units, "KUS2")
    for a in plan.assignments:
        a.units = (*a.units, "KUS2")
    ctx = PlanContext(plan)
    for tertial in (1, 2, 3):
        period = Period(plan.year, tertial)
        for unit in plan.units:
            direct = _generated_formulas(plan, unit.id, period, ctx.identity)
            assert direct, (unit.id, period)
            assert ctx.expected(unit.id, period).formulas == direct, (unit.id, period)
    assert len(ctx._shapes) < len(plan.units) * 3  # KUS2 reused KUS's shape
