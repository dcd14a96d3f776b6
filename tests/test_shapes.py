"""Robust shapes: a unit that removed the (password-less) sheet protection and inserted an empty row inside a
table. The validator finds every row by its id wherever it stands; LibreOffice, the real client, does the
insertion (formulas, ranges and validations move as for a user), and the form's own Status should agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from libreoffice import edit_in_libreoffice, requires_uno, sheet_values
from openpyxl import load_workbook
from openpyxl.formula.translate import Translator
from validate_helpers import header_row, locate

from toolkit.core.periods import Period
from toolkit.plan.source import load_plan_source
from toolkit.returns import layout
from toolkit.returns.build import create_returns
from toolkit.returns.simulate import fill_return, plausible_values
from toolkit.validate import validate_file

T2 = Period(2026, 2)
IND, ASG = layout.SHEET_INDICATORS, layout.SHEET_ASSIGNMENTS


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    """FILM's T2 return (three indicators, three assignments), completely and correctly filled in."""
    from conftest import EXAMPLE_SOURCE

    root = tmp_path_factory.mktemp("shapes")
    plan = load_plan_source(EXAMPLE_SOURCE)
    blank = create_returns(plan, T2, root / "blank", units=["FILM"])[0]
    return plan, fill_return(blank, root / "film.xlsx", plausible_values(plan, "FILM", T2))


def _insert_row(src: Path, dst: Path, sheet: str, before: int) -> Path:
    """An empty row inserted as a spreadsheet application does it: the cells below move down and the formulas
    that moved are rewritten for their new place (openpyxl alone moves cells but not formula texts)."""
    wb = load_workbook(src)
    ws = wb[sheet]
    ws.protection.sheet = False
    ws.insert_rows(before)
    for row in ws.iter_rows(min_row=before + 1):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                origin = f"{cell.column_letter}{cell.row - 1}"
                cell.value = Translator(cell.value, origin=origin).translate_formula(cell.coordinate)
    wb.save(dst)
    return dst


def test_an_empty_row_inside_a_table_changes_nothing_the_validator_reads(good, tmp_path: Path) -> None:
    plan, path = good
    original = validate_file(path, plan)
    assert original.findings == []
    first = header_row(load_workbook(path)[IND], IND) + 1
    shifted = _insert_row(path, tmp_path / "ind.xlsx", IND, first + 1)  # between the first and second row
    shifted = _insert_row(shifted, tmp_path / "both.xlsx", ASG, header_row(load_workbook(path)[ASG], ASG) + 2)
    wb = load_workbook(shifted)
    assert locate(wb, IND, "1.1.2", "id") != locate(load_workbook(path), IND, "1.1.2", "id")  # it did move
    result = validate_file(shifted, plan)
    assert result.findings == [], [(f.code, f.cell, f.message) for f in result.findings]
    assert result.data.indicators == original.data.indicators
    assert result.data.assignments == original.data.assignments
    assert result.data.budget == original.data.budget


def test_a_row_that_really_is_missing_names_the_sheet_and_the_range_searched(good, tmp_path: Path) -> None:
    plan, path = good
    wb = load_workbook(path)
    ws = wb[IND]
    row = int(locate(wb, IND, "2.1.2", "id")[1:])
    ws.delete_rows(row)
    ws.insert_rows(row, 3)  # some empty rows where it was, the table goes on below them
    wb.save(tmp_path / "utan.xlsx")
    result = validate_file(tmp_path / "utan.xlsx", plan)
    [missing] = [f for f in result.findings if f.code == "missing-row"]
    first = header_row(ws, IND) + 1
    last = max(c.row for r in load_workbook(tmp_path / "utan.xlsx")[IND].iter_rows() for c in r if c.value is not None)
    assert (missing.sheet, missing.cell, missing.item_id) == (IND, f"A{first}:A{last}", "2.1.2")
    assert f"A{first}:A{last}" in missing.message and IND in missing.message


@pytest.fixture(scope="module")
def inserted_by_libreoffice(good, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The good return with an empty row inserted inside the indicator table by LibreOffice itself (the unit
    removed the sheet protection first: it has no password)."""
    _plan, path = good
    first = header_row(load_workbook(path)[IND], IND) + 1
    out = tmp_path_factory.mktemp("lo") / "tom-rad.xlsx"
    return edit_in_libreoffice(path, out, [{"op": "unprotect", "sheet": IND},
                                           {"op": "insert_rows", "sheet": IND, "row": first + 1, "count": 1}])


@requires_uno
def test_an_empty_row_inserted_in_libreoffice_is_read_correctly(good, inserted_by_libreoffice: Path) -> None:
    plan, path = good
    rows = sheet_values(inserted_by_libreoffice, IND)
    first = header_row(load_workbook(path)[IND], IND) + 1
    assert all(v in ("", None) for v in rows[first])  # row first + 1 (0-based: first) is the empty one
    result = validate_file(inserted_by_libreoffice, plan)
    assert result.findings == [], [(f.code, f.cell, f.message) for f in result.findings]
    original = validate_file(path, plan)
    assert result.data.indicators == original.data.indicators
    assert result.data.assignments == original.data.assignments


@requires_uno
def test_the_forms_status_agrees_with_the_validator_after_an_empty_row(good, inserted_by_libreoffice: Path) -> None:
    plan, _path = good
    assert validate_file(inserted_by_libreoffice, plan).valid
    start = sheet_values(inserted_by_libreoffice, layout.SHEET_START)
    row, col = int(layout.START_STATUS_CELL[1:]) - 1, 1
    assert start[row][col] == "Klar att skicka"
