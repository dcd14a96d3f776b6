"""`nplan init` and `nplan plan check|show|rollover` through the command line (click's CliRunner).

Broken masters are built in code from the example master; each must give its finding at the cell
where a controller fixes it, with exit 1 and no traceback. Cells are located by table name and header
(tests/master_helpers.py), not by the reader under test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import master_helpers as mh
import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from toolkit.cli import main
from toolkit.core.model import AssignmentStatus, canonical
from toolkit.plan import read_master
from toolkit.texts import master as tm

IND, ASG, UNITS = "Indikatorer", "Uppdrag", "Verksamheter"
IND_ID = tm.HEADERS[IND]["id"]
ASG_ID = tm.HEADERS[ASG]["id"]


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------
# The example is clean
# --------------------------------------------------------------------------------------------

def test_check_example_exits_0(example_master: Path) -> None:
    result = run("plan", "check", example_master)
    assert result.exit_code == 0, result.output
    assert "Inga fel" in result.output
    assert_no_traceback(result)


def test_check_json_of_clean_example(example_master: Path) -> None:
    result = run("plan", "check", example_master, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["valid"] is True
    assert data["findings"] == []
    assert data["file"] == str(example_master)


def test_check_does_not_modify_the_master(example_master: Path) -> None:
    before = sha(example_master)
    run("plan", "check", example_master)
    run("plan", "show", example_master)
    assert sha(example_master) == before


# --------------------------------------------------------------------------------------------
# Broken masters: each edit returns the exact set of error findings (code, sheet, cell) it must give.
# --------------------------------------------------------------------------------------------

Expected = set[tuple[str, str, str]]


def _duplicate_indicator_id(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, IND_ID, IND_ID, "1.1.2", "1.1.1")
    return {("duplicate-id", sheet, a1)}


def _indicator_without_sub_goal(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, tm.HEADERS[IND]["sub_goal"], IND_ID, "1.1.3", None)
    return {("indicator-without-sub-goal", sheet, a1)}


def _unknown_sub_goal(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, tm.HEADERS[IND]["sub_goal"], IND_ID, "2.1.1", "2.9")
    return {("unknown-sub-goal", sheet, a1)}


def _unknown_unit(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, tm.HEADERS[IND]["units"], IND_ID, "1.1.2", "KUS, MUSEUM")
    return {("unknown-unit", sheet, a1)}


def _unknown_unit_in_assignment(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, ASG, tm.HEADERS[ASG]["units"], ASG_ID, "U2", "KUS; TEATER")
    return {("unknown-unit", sheet, a1)}


def _unreadable_periodicity(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, tm.HEADERS[IND]["periodicity"], IND_ID, "2.1.2", "Varannan vecka")
    return {("invalid-periodicity", sheet, a1)}


def _unreadable_assignment_periodicity(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, ASG, tm.HEADERS[ASG]["periodicity"], ASG_ID, "U3", "Tertial: maj")
    return {("invalid-periodicity", sheet, a1)}


def _unreadable_target(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, tm.HEADERS[IND]["target"], IND_ID, "1.1.1", "ungefär 90")
    return {("invalid-target", sheet, a1)}


def _yes_no_target_not_yes_no(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, tm.HEADERS[IND]["target"], IND_ID, "2.1.3", "Kanske")
    return {("invalid-target", sheet, a1)}


def _share_target_above_100_text(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, tm.HEADERS[IND]["target"], IND_ID, "1.1.4", "140 %")
    return {("share-above-100", sheet, a1)}


def _share_target_above_100_number(wb: Workbook) -> Expected:
    # A percent-formatted cell holding 1.25 shows "125%".
    sheet, a1 = mh.set_value(wb, IND, tm.HEADERS[IND]["target"], IND_ID, "1.1.4", 1.25)
    return {("share-above-100", sheet, a1)}


def _negative_count_target(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, tm.HEADERS[IND]["target"], IND_ID, "2.2.1", -6)
    return {("negative-value", sheet, a1)}


def _frames_do_not_add_up(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, "Budgetparametrar", "Värde", "Parameter",
                             tm.BUDGET_PARAMETERS["total_frame_tkr"], 30000)
    return {("frames-do-not-add-up", sheet, a1)}


def _frame_not_previous_plus_changes(wb: Workbook) -> Expected:
    h = tm.HEADERS["Budgetramar"]
    sheet, a1 = mh.set_value(wb, "Budgetramar", h["frame_tkr"], h["unit"], "KUS", 14200)
    total = mh.cell(wb, "Budgetparametrar", "Värde", "Parameter", tm.BUDGET_PARAMETERS["total_frame_tkr"])
    return {("frame-not-previous-plus-changes", sheet, a1), ("frames-do-not-add-up", *total)}


def _end_date_not_a_date(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, ASG, tm.HEADERS[ASG]["end_date"], ASG_ID, "U1", "vid årets slut")
    return {("invalid-date", sheet, a1)}


def _missing_table(wb: Workbook) -> Expected:
    ws, _t = mh.table(wb, ASG)
    del ws.tables[ASG]
    return {("missing-table", ws.title, "")}


def _renamed_table(wb: Workbook) -> Expected:
    ws, t = mh.table(wb, UNITS)
    t.displayName = t.name = "Enheter"
    ws.tables["Enheter"] = ws.tables.pop(UNITS)
    return {("missing-table", ws.title, "")} | {
        # Without the units table no responsible unit is known, and no unit has a frame row to check.
        (f"{code}", s, c) for code, s, c in _unknown_unit_findings(wb)}


def _unknown_unit_findings(wb: Workbook) -> Expected:
    out: Expected = set()
    for table_name in (IND, ASG):
        ws, _t = mh.table(wb, table_name)
        c = mh.column(wb, table_name, tm.HEADERS[table_name]["units"])
        for r in mh.data_rows(wb, table_name):
            out.add(("unknown-unit", ws.title, f"{ws.cell(row=r, column=c).column_letter}{r}"))
    h = tm.HEADERS
    for table_name in ("Atgarder", "Arsprognos", "Budgetforandringar", "Budgetramar"):
        ws, _t = mh.table(wb, table_name)
        c = mh.column(wb, table_name, h[table_name]["unit"])
        for r in mh.data_rows(wb, table_name):
            out.add(("budget-unknown-unit", ws.title, f"{ws.cell(row=r, column=c).column_letter}{r}"))
    return out


def _missing_column(wb: Workbook) -> Expected:
    sheet, a1 = mh.header_cell(wb, IND, tm.HEADERS[IND]["target"])
    wb[sheet][a1].value = "Mål 2026"
    first = mh.header_cell(wb, IND, IND_ID)
    return {("missing-column", *first)}


def _invalid_choice(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, tm.HEADERS[IND]["kind"], IND_ID, "1.1.2", "Procent")
    return {("invalid-choice", sheet, a1)}


def _invalid_status(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, ASG, tm.HEADERS[ASG]["status"], ASG_ID, "U2", "Klar")
    return {("invalid-choice", sheet, a1)}


def _unknown_goal(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, "Delmal", tm.HEADERS["Delmal"]["goal"], "Delmål-id", "2.2", 4)
    return {("unknown-goal", sheet, a1)}


def _invalid_setting(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, "Installningar", "Värde", "Inställning", tm.SETTINGS["year"][0], "tjugo")
    return {("invalid-setting", sheet, a1)}


def _invalid_period_setting(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, "Installningar", "Värde", "Inställning", tm.SETTINGS["period"][0], "2026-T5")
    return {("invalid-setting", sheet, a1)}


def _missing_indicator_id(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, IND, IND_ID, IND_ID, "2.1.2", None)
    return {("missing-id", sheet, a1)}


def _duplicate_unit_id(wb: Workbook) -> Expected:
    sheet, a1 = mh.set_value(wb, UNITS, "Verksamhets-id", "Verksamhets-id", "KONST", "FILM")
    # KONST no longer exists: every indicator, assignment and budget row naming it names an unknown unit.
    out: Expected = {("duplicate-id", sheet, a1)}
    for table_name, header, code in (
        (IND, tm.HEADERS[IND]["units"], "unknown-unit"), (ASG, tm.HEADERS[ASG]["units"], "unknown-unit"),
        ("Arsprognos", "Verksamhets-id", "budget-unknown-unit"),
        ("Budgetforandringar", "Verksamhets-id", "budget-unknown-unit"),
        ("Budgetramar", "Verksamhets-id", "budget-unknown-unit"),
    ):
        ws, _t = mh.table(wb, table_name)
        c = mh.column(wb, table_name, header)
        for r in mh.data_rows(wb, table_name):
            if "KONST" in str(ws.cell(row=r, column=c).value).split(", "):
                out.add((code, ws.title, f"{ws.cell(row=r, column=c).column_letter}{r}"))
    assert len(out) >= 8
    return out


def _duplicate_after_rows_inserted(wb: Workbook) -> Expected:
    """A restyled master (rows inserted above the table) reports the real, shifted cell."""
    ws, _t = mh.table(wb, IND)
    mh.insert_rows_above_tables(ws, 2, 5)
    sheet, a1 = mh.set_value(wb, IND, IND_ID, IND_ID, "2.2.1", "2.1.1")
    assert int(a1[1:]) > 12  # moved down from row 12
    return {("duplicate-id", sheet, a1)}


BROKEN: dict[str, Callable[[Workbook], Expected]] = {
    f.__name__.lstrip("_"): f for f in (
        _duplicate_indicator_id, _indicator_without_sub_goal, _unknown_sub_goal, _unknown_unit,
        _unknown_unit_in_assignment, _unreadable_periodicity, _unreadable_assignment_periodicity,
        _unreadable_target, _yes_no_target_not_yes_no, _share_target_above_100_text,
        _share_target_above_100_number, _negative_count_target, _frames_do_not_add_up,
        _frame_not_previous_plus_changes, _end_date_not_a_date, _missing_table,
        _renamed_table, _missing_column, _invalid_choice, _invalid_status, _unknown_goal, _invalid_setting,
        _invalid_period_setting, _missing_indicator_id, _duplicate_unit_id, _duplicate_after_rows_inserted,
    )
}


@pytest.fixture()
def break_master(example_master: Path, tmp_path: Path) -> Callable[[str], tuple[Path, Expected]]:
    def build(name: str) -> tuple[Path, Expected]:
        wb = load_workbook(example_master)
        expected = BROKEN[name](wb)
        path = tmp_path / f"broken-{name}.xlsx"
        wb.save(path)
        return path, expected
    return build


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_master_gives_finding_at_cell(name: str, break_master) -> None:
    path, expected = break_master(name)

    result = run("plan", "check", path, "--format", "json")
    assert result.exit_code == 1, result.output
    assert_no_traceback(result)
    data = json.loads(result.output)
    assert data["valid"] is False
    errors = {(f["code"], f["sheet"], f["cell"]) for f in data["findings"] if f["severity"] == "fel"}
    assert errors == expected
    for f in data["findings"]:
        assert f["message"] and f["file"] == path.name

    text = run("plan", "check", path)
    assert text.exit_code == 1
    assert_no_traceback(text)
    for code, sheet, cell in expected:
        place = f"{sheet}!{cell}" if cell else sheet
        assert any(f"[{code}]" in line and place in line for line in text.output.splitlines()), (
            code, place, text.output)
    assert "fel och" in text.output.splitlines()[-1]


@pytest.mark.parametrize("end, expected", [
    (dt.datetime(2027, 6, 30), set()),  # an assignment over several years: no finding at all
    (dt.datetime(2025, 6, 30), {"end-date-before-year"}),  # carried over unfinished: a warning, not an error
])
def test_an_assignment_may_end_after_the_plan_year(example_master: Path, tmp_path: Path, end, expected) -> None:
    wb = load_workbook(example_master)
    sheet, a1 = mh.set_value(wb, ASG, tm.HEADERS[ASG]["end_date"], ASG_ID, "U1", end)
    path = tmp_path / "flerarigt.xlsx"
    wb.save(path)
    result = run("plan", "check", path, "--format", "json")
    assert result.exit_code == 0, result.output
    found = [f for f in json.loads(result.output)["findings"] if f["item_id"] == "U1"]
    assert {f["code"] for f in found} == expected
    for f in found:
        assert (f["severity"], f["sheet"], f["cell"]) == ("varning", sheet, a1)
        assert "2025-06-30" in f["message"] and "2026" in f["message"]
    # and the returns are made: the plan is sound
    out = tmp_path / "returer"
    made = run("returns", "create", path, "--period", "2026-T2", "--out", out)
    assert made.exit_code == 0, made.output
    assert len(list(out.glob("*.xlsx"))) == 4


def test_broken_master_messages_name_the_value(break_master) -> None:
    path, _ = break_master("unreadable_periodicity")
    result = run("plan", "check", path)
    line = next(x for x in result.output.splitlines() if "[invalid-periodicity]" in x)
    assert "Varannan vecka" in line and "2.1.2" in line and "Tertial: aug, dec" in line


def test_rows_typed_below_a_table_are_read(example_master: Path, tmp_path: Path) -> None:
    """A controller types a new row directly under the table without Excel extending the table."""
    wb = load_workbook(example_master)
    ws, _t = mh.table(wb, IND)
    last = max(mh.data_rows(wb, IND))
    c = {h: mh.column(wb, IND, h) for h in tm.HEADERS[IND].values()}
    h = tm.HEADERS[IND]
    for header, value in ((h["id"], "2.2.1"), (h["sub_goal"], "2.2"), (h["name"], "Ny indikator"),
                          (h["kind"], "Antal"), (h["target"], 5), (h["periodicity"], "År"), (h["units"], "BIB")):
        ws.cell(row=last + 1, column=c[header], value=value)
    path = tmp_path / "typed-below.xlsx"
    wb.save(path)
    result = run("plan", "check", path, "--format", "json")
    errors = {(f["code"], f["sheet"], f["cell"]) for f in json.loads(result.output)["findings"]}
    assert ("duplicate-id", ws.title, f"{ws.cell(row=last + 1, column=c[h['id']]).column_letter}{last + 1}") \
        in errors


# --------------------------------------------------------------------------------------------
# Files that are not masters at all: "Fel: ..." and exit 1, never a traceback
# --------------------------------------------------------------------------------------------

def _bad_files(tmp_path: Path, example_master: Path) -> dict[str, tuple[Path, str]]:
    files: dict[str, tuple[Path, str]] = {}
    missing = tmp_path / "saknas.xlsx"
    files["missing"] = (missing, "finns inte")
    text = tmp_path / "plan.txt"
    text.write_text("inte en arbetsbok", encoding="utf-8")
    files["text-file"] = (text, ".txt")
    csv = tmp_path / "csv.xlsx"
    csv.write_text("a;b\n1;2\n", encoding="utf-8")
    files["renamed-csv"] = (csv, "inte en läsbar .xlsx-fil")
    empty = tmp_path / "tom.xlsx"
    empty.write_bytes(b"")
    files["empty"] = (empty, "inte en läsbar .xlsx-fil")
    truncated = tmp_path / "avkortad.xlsx"
    truncated.write_bytes(example_master.read_bytes()[:3000])
    files["truncated-zip"] = (truncated, "inte en läsbar .xlsx-fil")
    other_zip = tmp_path / "annan-zip.xlsx"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("hej.txt", "hej")
    files["zip-not-xlsx"] = (other_zip, "skadad")
    ole = tmp_path / "krypterad.xlsx"
    ole.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512)
    files["encrypted-or-xls"] = (ole, "lösenordsskyddad")
    lock = tmp_path / "~$master.xlsx"
    lock.write_bytes(b"\0" * 165)
    files["lock-file"] = (lock, "låsfil")
    plain = tmp_path / "vanlig.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Hej"
    wb.save(plain)
    files["not-a-master"] = (plain, "ingen av masterfilens tabeller")
    return files


@pytest.mark.parametrize("command", [("plan", "check"), ("plan", "show"), ("plan", "rollover")])
def test_unreadable_files_give_fel_and_exit_1(command, tmp_path: Path, example_master: Path) -> None:
    for name, (path, words) in _bad_files(tmp_path, example_master).items():
        extra = ["--to", "2027", "-o", str(tmp_path / "ny.xlsx")] if command[1] == "rollover" else []
        result = run(*command, path, *extra)
        assert result.exit_code == 1, (name, result.output)
        assert_no_traceback(result)
        assert result.output.startswith("Fel: "), (name, result.output)
        assert words in result.output, (name, result.output)
        assert not (tmp_path / "ny.xlsx").exists()


def test_zip_bomb_is_refused(tmp_path: Path, monkeypatch) -> None:
    import toolkit.plan.read as master_module

    path = tmp_path / "stor.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"\0" * 2_000_000)
    monkeypatch.setattr(master_module, "MAX_UNPACKED_BYTES", 1_000_000)
    result = run("plan", "check", path)
    assert result.exit_code == 1
    assert "MB" in result.output and result.output.startswith("Fel: ")


@pytest.mark.parametrize("args", [
    ["plan", "check"],
    ["plan", "check", "a.xlsx", "--format", "xml"],
    ["plan", "check", "a.xlsx", "b.xlsx"],
    ["plan", "show"],
    ["plan", "rollover", "a.xlsx", "-o", "b.xlsx"],
    ["plan", "rollover", "a.xlsx", "--to", "tjugo", "-o", "b.xlsx"],
    ["plan", "rollover", "a.xlsx", "--to", "2027"],
    ["plan", "finns-inte"],
    ["init"],
    ["init", "-o", "x.xlsx"],
    ["init", "--year", "1999", "-o", "x.xlsx"],
])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert_no_traceback(result)


def test_every_plan_command_has_swedish_help() -> None:
    for args in (["init"], ["plan"], ["plan", "check"], ["plan", "show"], ["plan", "rollover"]):
        result = run(*args, "--help")
        assert result.exit_code == 0
        assert any(w in result.output for w in ("masterfil", "Masterfil", "planen", "Skapa"))


# --------------------------------------------------------------------------------------------
# show
# --------------------------------------------------------------------------------------------

def test_show_of_a_broken_master_says_so(break_master) -> None:
    path, _ = break_master("duplicate_indicator_id")
    result = run("plan", "show", path)
    assert result.exit_code == 0
    assert "nplan plan check" in result.stderr
    assert "1 fel" in result.stderr


# --------------------------------------------------------------------------------------------
# init
# --------------------------------------------------------------------------------------------

def test_init_year_gives_an_empty_master_that_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    result = run("init", "--year", "2027", "--committee", "Kulturnämnden", "-o", out)
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    plan, found = read_master(out)
    assert found == []
    assert plan.settings.year == 2027 and plan.settings.committee == "Kulturnämnden"
    assert (plan.goals, plan.indicators, plan.assignments, plan.units) == ([], [], [], [])
    assert run("plan", "check", out).exit_code == 0
    shown = run("plan", "show", out)
    assert shown.exit_code == 0 and "2027" in shown.output and "Kulturnämnden" in shown.output


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"keep")
    result = run("init", "--year", "2027", "-o", out)
    assert result.exit_code == 1
    assert result.output.startswith("Fel: ") and "finns redan" in result.output
    assert out.read_bytes() == b"keep"
    assert run("init", "--year", "2027", "-o", out, "--force").exit_code == 0
    assert read_master(out)[0].settings.year == 2027


def test_init_output_must_be_xlsx(tmp_path: Path) -> None:
    result = run("init", "--year", "2027", "-o", tmp_path / "x.xls")
    assert result.exit_code == 1 and ".xlsx" in result.output
    assert not (tmp_path / "x.xls").exists()


def test_init_from_source_equals_the_source(tmp_path: Path, example_plan) -> None:
    from conftest import EXAMPLE_SOURCE

    out = tmp_path / "x.xlsx"
    assert run("init", "--source", EXAMPLE_SOURCE, "-o", out).exit_code == 0
    plan, found = read_master(out)
    assert found == []
    assert canonical(plan) == canonical(example_plan)


@pytest.mark.parametrize("source, words", [
    ('[settings]\nyear = 2026\n[[units]]\nid = "A"\n', "saknar fältet 'name'"),
    ('[settings\nyear = 2026\n', "inte giltig TOML"),
    ('[[indicators]]\nid = "1"\nsub_goal = "1.1"\nname = "x"\nkind = "procent"\nperiodicity = "År"\n',
     "procent"),
    ('[[indicators]]\nid = "1"\nsub_goal = "1.1"\nname = "x"\nkind = "share"\nperiodicity = "År"\n'
     'target = "många"\n', "många"),
    ('[[indicators]]\nid = "1"\nsub_goal = "1.1"\nname = "x"\nkind = "count"\nperiodicity = "Ibland"\n',
     "Ibland"),
])
def test_init_from_a_bad_source_says_what_is_wrong(tmp_path: Path, source: str, words: str) -> None:
    src = tmp_path / "plan.toml"
    src.write_text(source, encoding="utf-8")
    result = run("init", "--source", src, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Fel: ") and words in result.output, result.output
    assert str(src) in result.output
    assert_no_traceback(result)


# --------------------------------------------------------------------------------------------
# rollover
# --------------------------------------------------------------------------------------------

@pytest.fixture()
def started_master(example_master: Path, tmp_path: Path) -> Path:
    """The example with one assignment under way (so that the reset is visible)."""
    wb = load_workbook(example_master)
    mh.set_value(wb, ASG, tm.HEADERS[ASG]["status"], ASG_ID, "U2", "Påbörjad")
    mh.set_value(wb, ASG, tm.HEADERS[ASG]["plan_ahead"], ASG_ID, "U2", "Målet beslutas i december.")
    path = tmp_path / "started.xlsx"
    wb.save(path)
    return path


def test_rollover_gives_next_years_master(started_master: Path, tmp_path: Path) -> None:
    old, found = read_master(started_master)
    assert found == [] and old.assignment("U2").status is AssignmentStatus.STARTED
    before = sha(started_master)
    out = tmp_path / "2027.xlsx"

    result = run("plan", "rollover", started_master, "--to", "2027", "-o", out)
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and "2027" in result.output
    assert sha(started_master) == before  # the input is never modified

    new, found = read_master(out)
    assert found == []
    assert new.settings.year == 2027
    assert new.settings.committee == old.settings.committee
    assert [i.id for i in new.indicators] == [i.id for i in old.indicators]
    for a, b in zip(old.indicators, new.indicators):
        assert b.target is None
        assert (b.baseline, b.baseline_missing_reason, b.baseline_year) == (
            a.baseline, a.baseline_missing_reason, a.baseline_year)
        assert (b.name, b.kind, b.sub_goal, b.periodicity, b.units, b.aggregation) == (
            a.name, a.kind, a.sub_goal, a.periodicity, a.units, a.aggregation)
    assert [canonical(g) for g in new.goals] == [canonical(g) for g in old.goals]
    assert [canonical(s) for s in new.sub_goals] == [canonical(s) for s in old.sub_goals]
    assert [canonical(u) for u in new.units] == [canonical(u) for u in old.units]
    # Without a history (none next to this master) the master's statuses stand: the unfinished assignments are
    # carried with their status, plan ahead and real end date (test_years: closed from the units' reports).
    assert [a.id for a in new.assignments] == ["U1", "U2", "U3"]
    for a, b in zip(old.assignments, new.assignments):
        assert (b.status, b.plan_ahead, b.end_date) == (a.status, a.plan_ahead, dt.date(2026, 12, 31))
    assert new.assignment("U2").status is AssignmentStatus.STARTED
    assert [(f.unit, f.previous_tkr, f.frame_tkr) for f in new.budget.frames] == [
        (f.unit, f.frame_tkr, None) for f in old.budget.frames]
    assert new.budget.changes == [] and new.budget.prior_forecasts == []
    # 5.1 measures are carried for review
    assert [(m.id, m.text, m.amount_tkr) for m in new.budget.measures] == [
        (m.id, m.text, m.amount_tkr) for m in old.budget.measures]
    assert "Historikdatabasen" in result.output and "finns inte" in result.output
    assert new.budget.total_frame_tkr is None
    assert new.budget.net_cost_ceiling == old.budget.net_cost_ceiling

    # The targets to enter are reported as warnings at their cells, and the sheet says so.
    check = json.loads(run("plan", "check", out, "--format", "json").output)
    targets = {f["item_id"] for f in check["findings"] if f["code"] == "missing-target"}
    assert targets == {i.id for i in old.indicators}
    wb = load_workbook(out)
    notes = [c.value for row in wb[tm.SHEET_INDICATORS].iter_rows(max_row=3) for c in row if c.value]
    assert any("Ange målvärde för 2027" in str(v) for v in notes)


def test_rollover_refuses_to_overwrite(example_master: Path, tmp_path: Path) -> None:
    out = tmp_path / "2027.xlsx"
    out.write_bytes(b"keep")
    result = run("plan", "rollover", example_master, "--to", "2027", "-o", out)
    assert result.exit_code == 1
    assert result.output.startswith("Fel: ") and "finns redan" in result.output
    assert out.read_bytes() == b"keep"

    result = run("plan", "rollover", example_master, "--to", "2027", "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert read_master(out)[0].settings.year == 2027


@pytest.mark.parametrize("year", ["2026", "2025"])
def test_rollover_must_move_forward(example_master: Path, tmp_path: Path, year: str) -> None:
    out = tmp_path / "ny.xlsx"
    result = run("plan", "rollover", example_master, "--to", year, "-o", out)
    assert result.exit_code == 1
    assert result.output.startswith("Fel: ") and "senare än masterfilens planår 2026" in result.output
    assert "--to 2027" in result.output
    assert not out.exists()


def test_rollover_onto_its_input_is_refused(example_master: Path) -> None:
    before = sha(example_master)
    result = run("plan", "rollover", example_master, "--to", "2027", "-o", example_master, "--force")
    assert result.exit_code == 1 and result.output.startswith("Fel: ")
    assert sha(example_master) == before


def test_rollover_of_a_broken_master_lists_the_errors(break_master, tmp_path: Path) -> None:
    path, expected = break_master("unknown_sub_goal")
    out = tmp_path / "2027.xlsx"
    result = run("plan", "rollover", path, "--to", "2027", "-o", out)
    assert result.exit_code == 1
    assert result.output.startswith("Fel: ")
    (_code, sheet, cell), = expected
    assert f"{sheet}!{cell}" in result.output and "nplan plan check" in result.output
    assert not out.exists()
