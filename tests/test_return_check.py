"""The return's own check agrees with `nplan validate` (issue 12): a return filled with each bad value the way a
unit would (the cell written, then the file opened, recalculated and saved by LibreOffice, the real client)
shows the matching Status line and Kontroll words, and "Klar att skicka" appears exactly when `nplan validate`
accepts the file LibreOffice saved.

The returns are the invented health-care example's (``examples/halsa2027``): Länssjukhuset reports a decimal
number without decimals (a median waiting time), a queue and a count, a share with one decimal, an amount, and
in T1 a yes/no indicator due only in April, in T3 a yearly index with one decimal.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from libreoffice import insert_rows, requires_libreoffice, requires_uno, sheet_values
from test_returns import _recalculate_many

from toolkit.cli import main
from toolkit.core.periods import Period
from toolkit.plan import load_plan, write_master
from toolkit.plan.source import load_plan_source
from toolkit.returns import layout
from toolkit.returns.build import create_returns
from toolkit.returns.simulate import fill_return, plausible_values
from toolkit.texts import returns as tr

ROOT = Path(__file__).resolve().parents[1]
HALSA = ROOT / "examples" / "halsa2027" / "plan.toml"
UNIT = "SJH"


@dataclass
class Case:
    """A unit's entries over a complete, correct return, and what the form should say: how many required
    inputs are missing, how many values are wrong, and words its Kontroll column shows."""

    name: str
    period: str
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    assignments: dict[str, dict[str, Any]] = field(default_factory=dict)
    economy: dict[str, Any] = field(default_factory=dict)
    missing: int = 0
    wrong: int = 0
    words: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return self.missing == 0 and self.wrong == 0


CASES = [
    Case("good-t1", "2027-T1"),
    Case("good-t3", "2027-T3"),
    # Accepted forms as a unit types or pastes them: the same in the form and in nplan.
    Case("count-as-text-with-space", "2027-T1", {"1.1.3": {"outcome": "1 234"}}),
    Case("share-as-text-with-percent", "2027-T1", {"3.1.1": {"outcome": "6,5 %"}}),
    Case("share-as-text-without-percent", "2027-T1", {"3.1.1": {"outcome": "6"}}),
    Case("amount-as-text-with-tkr", "2027-T1", economy={"forecast_tkr": "71 250 tkr"}),
    Case("decimal-within-its-decimals", "2027-T3", {"2.1.1": {"outcome": 81.5}}),
    # Bad values.
    Case("twelve-and-a-half-in-a-count", "2027-T1", {"1.1.3": {"outcome": 12.5}}, wrong=1,
         words=("Fel: Utfall är inte ett heltal",)),
    Case("ca-12", "2027-T1", {"1.1.3": {"outcome": "ca 12"}}, wrong=1, words=("Fel: Utfall är inte ett tal",)),
    Case("negative-count", "2027-T1", {"1.1.2": {"outcome": -3}}, wrong=1, words=("Utfall är negativt",)),
    Case("one-and-a-quarter-in-a-share", "2027-T1", {"3.1.1": {"outcome": 1.25}}, wrong=1,
         words=("Utfall ligger utanför 0–100 %",)),
    Case("sixty-two-as-a-number-in-a-share", "2027-T1", {"3.1.1": {"outcome": 62}}, wrong=1,
         words=("Utfall ligger utanför 0–100 %",)),
    Case("share-with-too-many-decimals", "2027-T1", {"3.1.1": {"outcome": 0.06255}}, wrong=1,
         words=("Utfall har för många decimaler (högst 1)",)),
    Case("decimal-with-too-many-decimals", "2027-T3", {"2.1.1": {"outcome": 81.25}}, wrong=1,
         words=("Utfall har för många decimaler (högst 1)",)),
    Case("whole-decimal-with-a-half", "2027-T1", {"1.1.1": {"outcome": 231.5}}, wrong=1,
         words=("Utfall har för många decimaler (högst 0)",)),
    Case("yes-no-maybe", "2027-T1", {"1.1.4": {"outcome": "kanske"}}, wrong=1,
         words=("Utfall är inte Ja eller Nej",)),
    Case("assessment-not-on-the-scale", "2027-T1", {"1.1.3": {"assessment": "Bra"}}, wrong=1,
         words=("Egen bedömning finns inte i listan",)),
    Case("status-not-on-the-scale", "2027-T1", assignments={"U2": {"status": "Klart"}}, wrong=1,
         words=("Status finns inte i listan",)),
    Case("analysis-too-long", "2027-T1", {"1.1.3": {"analysis": "x" * 2001}}, wrong=1,
         words=("Analys är för lång (högst 2000 tecken)",)),
    Case("amount-not-a-number", "2027-T1", economy={"outcome_tkr": "mycket"}, wrong=1,
         words=("Utfall hittills (tkr) är inte ett tal",)),
    # Missing inputs.
    Case("missing-analysis", "2027-T1", {"1.1.3": {"assessment": "Ej uppfyllt", "analysis": None,
                                                  "measures": None}},
         missing=1, words=("Saknas: Analys",)),
    Case("missing-comment-for-a-deviation", "2027-T1", economy={"forecast_tkr": 72000, "comment": None},
         missing=1, words=("Saknas: Kommentar och åtgärder",)),
    Case("april-only-indicator-without-outcome", "2027-T1", {"1.1.4": {"outcome": None}}, missing=1,
         words=("Saknas: Utfall",)),
    Case("missing-and-wrong", "2027-T1", {"1.1.3": {"outcome": "ca 12"},
                                          "1.1.2": {"assessment": "Ej uppfyllt", "analysis": None,
                                                    "measures": None}},
         missing=1, wrong=1),
]


def expected_status(missing: int, wrong: int) -> str:
    """The Status line for the counts, from the return's words."""
    if not missing and not wrong:
        return tr.COMPLETE
    parts = []
    if missing:
        parts.append(tr.MISSING_ONE if missing == 1 else tr.MISSING_COUNT.format(n=missing))
    if wrong:
        parts.append(tr.ERRORS_ONE if wrong == 1 else tr.ERRORS_COUNT.format(n=wrong))
    return tr.STATUS_AND.join(parts)


def _filled_values(plan, case: Case) -> dict[str, Any]:
    values = copy.deepcopy(plausible_values(plan, UNIT, Period.parse(case.period)))
    # A correct return to start from: every assessment Uppfyllt except where a case says otherwise, and a
    # forecast on the frame (no comment needed).
    for fields in values["indicators"].values():
        fields.update({"assessment": "Uppfyllt", "analysis": "Enligt plan.", "measures": None})
    frame = plan.budget.frame_of(UNIT).frame_tkr
    values["economy"].update({"forecast_tkr": frame, "comment": None})
    for part, items in (("indicators", case.indicators), ("assignments", case.assignments)):
        for item_id, fields in items.items():
            values[part][item_id].update(fields)
    values["economy"].update(case.economy)
    return values


@requires_libreoffice
def test_the_return_s_own_check_agrees_with_nplan_validate(tmp_path):
    plan = load_plan(write_master(load_plan_source(HALSA), tmp_path / "master.xlsx"))
    blanks = {p: create_returns(plan, Period.parse(p), tmp_path / "blank" / p, units=[UNIT])[0]
              for p in sorted({c.period for c in CASES})}
    filled = {c.name: fill_return(blanks[c.period], tmp_path / "filled" / f"{c.name}.xlsx", _filled_values(plan, c))
              for c in CASES}
    saved = _recalculate_many(list(filled.values()), tmp_path / "saved")  # one LibreOffice run for all
    runner = CliRunner()
    check_col = list(layout.INDICATOR_COLUMNS).index("check")
    results = {}
    for case in CASES:
        path = saved[filled[case.name]]
        start = sheet_values(path, layout.SHEET_START)
        status = start[9][1]
        run = runner.invoke(main, ["validate", str(path), "--master", str(tmp_path / "master.xlsx")])
        results[case.name] = (status, run.exit_code)
        assert run.exit_code in (0, 1), (case.name, run.output)
        # "Klar att skicka" exactly when nplan validate accepts the file LibreOffice saved.
        assert (status == tr.COMPLETE) == (run.exit_code == 0), (case.name, status, run.output)
        assert (run.exit_code == 0) == case.valid, (case.name, run.output)
        assert status == expected_status(case.missing, case.wrong), case.name
        checks = [row[check_col] for sheet in (layout.SHEET_INDICATORS,)
                  for row in sheet_values(path, sheet)[layout.HEADER_ROW:] if row and row[0]]
        checks += [row[list(layout.ASSIGNMENT_COLUMNS).index("check")]
                   for row in sheet_values(path, layout.SHEET_ASSIGNMENTS)[layout.HEADER_ROW:] if row and row[0]]
        checks += [sheet_values(path, layout.SHEET_ECONOMY)[layout.HEADER_ROW][list(layout.ECONOMY_COLUMNS).index(
            "check")]]
        shown = " | ".join(str(c) for c in checks if c)
        for words in case.words:
            assert words in shown, (case.name, shown)
        if case.valid:
            assert shown == "", (case.name, shown)
    assert sum(1 for s, code in results.values() if code == 0) == sum(c.valid for c in CASES) >= 2


def test_the_cases_cover_the_issue_s_bad_values():
    """The loop above covers every rule the issue names (a guard against trimming the list)."""
    names = {c.name for c in CASES}
    for needed in ("twelve-and-a-half-in-a-count", "ca-12", "one-and-a-quarter-in-a-share", "missing-analysis",
                   "decimal-with-too-many-decimals", "analysis-too-long", "missing-comment-for-a-deviation"):
        assert needed in names
    assert {c.valid for c in CASES} == {True, False}


@pytest.mark.parametrize("missing,wrong,text", [
    (0, 0, "Klar att skicka"), (1, 0, "1 obligatorisk uppgift saknas"), (0, 2, "2 uppgifter är felaktiga"),
    (3, 1, "3 obligatoriska uppgifter saknas och 1 uppgift är felaktig")])
def test_expected_status_words(missing, wrong, text):
    assert expected_status(missing, wrong) == text


@requires_uno
def test_an_empty_row_inserted_inside_a_table_changes_nothing_in_the_form(tmp_path):
    """A unit removes the sheet protection and inserts empty rows inside the indicator and assignment tables:
    the Status line still counts what is missing and wrong on the rows that carry an id, and nothing more."""
    plan = load_plan(write_master(load_plan_source(HALSA), tmp_path / "master.xlsx"))
    case = next(c for c in CASES if c.name == "missing-and-wrong")
    blank = create_returns(plan, Period.parse(case.period), tmp_path / "blank", units=[UNIT])[0]
    filled = fill_return(blank, tmp_path / "filled.xlsx", _filled_values(plan, case))
    first = layout.HEADER_ROW + 1
    inserted = insert_rows(filled, tmp_path / "inserted.xlsx",
                           [(layout.SHEET_INDICATORS, first + 1), (layout.SHEET_ASSIGNMENTS, first + 1)])
    start = sheet_values(inserted, layout.SHEET_START)
    assert start[9][1] == expected_status(case.missing, case.wrong)
    # The counts per sheet: the indicators' missing analysis and wrong outcome, nothing on the assignments.
    assert (start[10][1], start[11][1], start[14][1], start[15][1]) == (1, 0, 1, 0)
    rows = sheet_values(inserted, layout.SHEET_INDICATORS)
    # The empty row is there (rows[i] is row i + 1): between the first and the second indicator.
    assert rows[first - 1][0] and rows[first][0] in ("", None) and rows[first + 1][0]


# Texts a unit may leave in a number cell, with spaces, signs, separators and suffixes of every kind.
TEXTS = ["1 234", "1\u00a0234", "1\u202f234", "12,5", "12.5", "1.234,5", "1,234,5", "-3", "+3", "\u22123",
         "12,", ",5", "1e3", "5-", "1/2", "1:30", "tkr", "1 250 tkr", "1250TKR", "12,5 %", "62", "62 %", "62%",
         "0012", "", "   ", "abc", "--1", "- 1", "12\t", "\u0661\u0662", "\uff11\uff12", "$12", "(12)", "1 2 3",
         "ca 12", "12 st", "0,0", "-0", "99999999999", "1,23456789"]


@requires_libreoffice
def test_the_form_reads_a_number_text_exactly_as_nplan_does(tmp_path):
    """The helper formulas that read a number cell, against ``values.parse_number`` and, for a share cell,
    ``values.parse_share_entry``: the same texts pass, with the same value."""
    from openpyxl import Workbook

    from toolkit import excel
    from toolkit.core import values as vals
    from toolkit.returns import formulas as fx

    wb = Workbook()
    ws = wb.active
    for r, text in enumerate(TEXTS, start=1):
        excel.set_text(ws.cell(row=r, column=1), text)
        for share, first in ((False, 2), (True, 6)):
            cells = [f"{excel.col(first + i)}{r}" for i in range(4)]
            for i, formula in enumerate(fx.number_helpers(f"A{r}", cells, share=share)):
                ws.cell(row=r, column=first + i, value=formula)
    src = tmp_path / "texts.xlsx"
    wb.save(src)
    rows = sheet_values(_recalculate_many([src], tmp_path / "lo")[src], "Sheet")
    for r, text in enumerate(TEXTS):
        for parse, column in ((vals.parse_number, 4), (vals.parse_share_entry, 8)):
            got = rows[r][column]
            if vals.is_blank(text) and text.strip(vals.SPACES) == "":
                assert got == "", (text, got)
                continue
            try:
                want = parse(text)
            except ValueError:
                assert got == fx.NOT_A_NUMBER, (text, parse.__name__, got)
                continue
            assert got == pytest.approx(want, rel=1e-12), (text, parse.__name__, got)


# ---- the return's rows and the validator's rules, without LibreOffice -------------------------------------

@pytest.fixture(scope="module")
def halsa_plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("halsa")
    return load_plan(write_master(load_plan_source(HALSA), root / "master.xlsx")), root


def _row_cells(ws, item_id):
    header = [c.value for c in ws[layout.HEADER_ROW]]
    row = next(r for r in ws.iter_rows(min_row=layout.HEADER_ROW + 1) if r[0].value == item_id)
    return {key: row[header.index(text)] for key, text in layout.INDICATOR_COLUMNS.items()}


def test_the_return_shows_unit_of_measure_measurement_and_note_beside_each_indicator(halsa_plan):
    from openpyxl import load_workbook

    plan, root = halsa_plan
    path = create_returns(plan, Period(2027, 2), root / "t2", units=[UNIT])[0]
    wb = load_workbook(path)
    ws = wb[layout.SHEET_INDICATORS]
    wait, queue, sick = (_row_cells(ws, i) for i in ("1.1.1", "1.1.2", "3.1.1"))
    assert wait["unit_of_measure"].value == "dagar"
    assert wait["measurement"].value == "Läge vid periodens slut"
    assert wait["note"].value == plan.indicator("1.1.1").note
    assert wait["kind"].value.splitlines() == ["Tal", "(heltal)", "Lägre är bättre"]
    assert queue["measurement"].value == "Läge vid periodens slut"  # a count the plan measures as a level
    assert _row_cells(ws, "1.1.3")["measurement"].value == "Ackumulerat från årets början"
    # Number formats follow the kind and its decimals: what the unit sees is what nplan reads.
    assert wait["outcome"].number_format == "#,##0" and sick["outcome"].number_format == "0.0%"
    assert sick["target"].value == pytest.approx(0.06) and sick["target"].number_format == "0.0%"
    # The outcome of a number with decimals has a custom rule; the helper columns are hidden and locked.
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    wait_rule = rules[wait["outcome"].coordinate]
    assert wait_rule.type == "custom" and "ROUND" in wait_rule.formula1 and wait_rule.showErrorMessage
    helpers = [letter for letter, dim in ws.column_dimensions.items() if dim.hidden]
    assert helpers and all(ws[f"{letter}{wait['id'].row}"].protection.locked for letter in helpers)


def test_an_april_only_indicator_is_required_in_t1_and_others_stay_optional(halsa_plan):
    from toolkit.validate import validate_file

    plan, root = halsa_plan
    blank = create_returns(plan, Period(2027, 1), root / "t1", units=[UNIT])[0]
    values = {"economy": {"outcome_tkr": 20000, "forecast_tkr": 71000, "events": "Inga."},
              "assignments": {"U2": {"status": "Påbörjad"}}}
    result = validate_file(fill_return(blank, root / "t1-empty.xlsx", values), plan)
    missing = {(f.item_id, f.field) for f in result.findings if f.code == "missing-input"}
    # Only 1.1.4 (Tertial: apr) must have its outcome and assessment in T1.
    assert missing == {("1.1.4", "Utfall"), ("1.1.4", "Egen bedömning")}


@pytest.mark.parametrize(("item", "given", "code", "value"), [
    ("3.1.1", 1.25, "share-out-of-range", None),  # the cell shows 125 %
    ("3.1.1", 62, "share-out-of-range", None),  # 6 200 %
    ("3.1.1", "62", None, 0.62),  # typed as text: 62 %
    ("3.1.1", "6,5 %", None, 0.065),
    ("3.1.1", 0.0655, "too-many-decimals", None),  # 6,55 % with one decimal allowed
    ("1.1.1", 231.5, "too-many-decimals", None),  # Tal with 0 decimals
    ("1.1.1", 231, None, 231.0),
    ("1.1.3", 12.5, "not-whole", None),
    ("1.1.3", "ca 12", "not-a-number", None),
])
def test_the_validator_reads_each_value_by_the_rule_the_form_shows(halsa_plan, item, given, code, value):
    from toolkit.validate import validate_file

    plan, root = halsa_plan
    blank = create_returns(plan, Period(2027, 2), root / "t2v", units=[UNIT])[0]
    case = Case(f"v-{item}", "2027-T2", {item: {"outcome": given}})
    result = validate_file(fill_return(blank, root / f"{item}-{given!s}.xlsx".replace("%", "p").replace(" ", ""),
                                       _filled_values(plan, case)), plan)
    errors = [f.code for f in result.errors]
    report = next(r for r in result.data.indicators if r.indicator_id == item)
    if code is None:
        assert errors == [] and report.outcome == pytest.approx(value)
    else:
        assert errors == [code] and report.outcome is None


def test_a_level_may_fall_a_cumulative_count_may_not(halsa_plan):
    """The warning that a value is lower than earlier in the year is for cumulative values only."""
    from toolkit.validate import validate_file

    plan, root = halsa_plan
    blank = create_returns(plan, Period(2027, 2), root / "t2p", units=[UNIT])[0]
    case = Case("fall", "2027-T2", {"1.1.2": {"outcome": 50}, "1.1.3": {"outcome": 3000}})
    path = fill_return(blank, root / "fall.xlsx", _filled_values(plan, case))
    earlier = {(UNIT, "1.1.2"): 80.0, (UNIT, "1.1.3"): 3500.0}  # the queue was longer, the count higher
    result = validate_file(path, plan, previous=earlier)
    assert [(f.code, f.item_id) for f in result.warnings if f.code == "below-previous"] == [
        ("below-previous", "1.1.3")]


def test_a_return_of_the_previous_format_is_read_by_its_values(halsa_plan):
    """Returns sent out before an upgrade (format 1) still validate: their values by today's rules, their
    formulas (an earlier generator's) only for presence."""
    from validate_helpers import edit, set_cell, set_identity

    from toolkit.validate import validate_file

    plan, root = halsa_plan
    blank = create_returns(plan, Period(2027, 2), root / "fmt", units=[UNIT])[0]
    good = fill_return(blank, root / "fmt-good.xlsx", _filled_values(plan, Case("fmt", "2027-T2")))
    older = edit(good, root / "fmt-1.xlsx", lambda wb: (set_identity("format_version", "1")(wb),
                                                        set_cell(layout.SHEET_INDICATORS, "1.1.1", "check",
                                                                 '=IF(L5="","Saknas: Utfall","")')(wb)))
    result = validate_file(older, plan)
    assert result.valid and result.findings == [], [f.message for f in result.findings]
    wrong = edit(older, root / "fmt-1-wrong.xlsx", set_cell(layout.SHEET_INDICATORS, "1.1.3", "outcome", 12.5))
    assert [f.code for f in validate_file(wrong, plan).errors] == ["not-whole"]
    # The current format still compares every formula with the generator's.
    changed = edit(good, root / "fmt-2.xlsx", set_cell(layout.SHEET_INDICATORS, "1.1.1", "check", "=1"))
    assert [f.code for f in validate_file(changed, plan).errors] == ["formula-changed"]
