"""The shipped example carries the seed (../shared/seed/namndplan-2026-run-utdrag.txt) exactly.

The expected values below are transcribed from the seed, and the first tests check each of them
against the seed's text itself, so that a typo here cannot agree with a typo in the example.
Then the committed master (examples/run2026/master.xlsx) is read with ``read_master`` and shown with
``nplan plan show``, and both must carry every value. Finally LibreOffice recalculates the master and
its budget formulas must equal what the model computes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import master_helpers as mh
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_MASTER
from libreoffice import cell_value, recalculate, requires_libreoffice
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from toolkit.cli import main
from toolkit.core.model import Aggregation, AssignmentStatus, ValueKind
from toolkit.core.periods import Period
from toolkit.plan import read_master
from toolkit.texts import common as tc
from toolkit.texts import master as tm

SEED = Path("/work/shared/seed/namndplan-2026-run-utdrag.txt")
if not SEED.is_file():  # a checkout next to the shared folder
    SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / SEED.name


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.is_file():
        pytest.skip("the seed excerpt is not available here")
    return flat(SEED.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class SeedIndicator:
    id: str
    sub_goal: str
    name: str
    baseline_text: str  # as the seed writes it; "" = empty
    target_text: str
    periodicity: str
    kind: ValueKind
    baseline: object  # the value it means
    reason: str  # why the baseline is missing
    target: object
    due: tuple[int, ...]  # tertials
    seed_row_start: str = ""  # when the seed's name cell is longer than the name (a footnote)


SEED_INDICATORS = [
    SeedIndicator("1.1.1", "1.1", "Antal insatser för att ge barn och unga möjlighet till eget skapande av film",
                  "123", "90", "Tertial: aug, dec", ValueKind.COUNT, 123.0, "", 90.0, (2, 3)),
    SeedIndicator("1.1.2", "1.1", "Antal insatser som riktar sig till barn och unga",
                  "30", "10", "Tertial: aug, dec", ValueKind.COUNT, 30.0, "", 10.0, (2, 3)),
    SeedIndicator("1.1.3", "1.1", "Antal insatser som stärker barnrättsperspektivet",
                  "", "10", "Tertial: aug, dec", ValueKind.COUNT, None, "", 10.0, (2, 3)),
    SeedIndicator("1.1.4", "1.1", "Andel barn och unga som deltar i regionalt finansierade kulturverksamheter",
                  "", "40 %", "Tertial: aug, dec", ValueKind.SHARE, None, "", 0.40, (2, 3)),
    SeedIndicator("2.1.1", "2.1", "Närvaro av regionalt finansierade verksamheter i regionens kommuner*",
                  "2 133", "2300", "År", ValueKind.COUNT, 2133.0, "", 2300.0, (3,), seed_row_start="uppgift.)"),
    SeedIndicator("2.1.2", "2.1", "Antal filmproduktioner som medfinansierats av Film i Västerbotten",
                  "38", "20", "Tertial: aug, dec", ValueKind.COUNT, 38.0, "", 20.0, (2, 3)),
    SeedIndicator("2.1.3", "2.1", "Mätvärden för konstinnehavet i konstregistret tas fram",
                  "Svar saknas", "Ja", "Tertial: aug, dec", ValueKind.YESNO, None, "Svar saknas", True, (2, 3)),
    SeedIndicator("2.2.1", "2.2", "Antal insatser som stärker folkbibliotekens kunskap om beredskap i kris och krig",
                  "", "6", "Tertial: aug, dec", ValueKind.COUNT, None, "", 6.0, (2, 3)),
]

SEED_ASSIGNMENTS = [
    ("U1", "Fortsätta att stärka vår ledning och styrning i syfte att öka takten i verksamhetsutvecklingen och "
           "måluppfyllelse"),
    ("U2", "Styrelser och nämnders nettokostnadsutveckling ska inte överstiga vad som krävs för att klara den av "
           "fullmäktige erhållna budgetramen 2026. • Ett mål för nettokostnadsutvecklingen ska sättas på "
           "styrelse- och nämndnivå. • Målet för tillåten nettokostnadsutveckling ska beslutas av respektive "
           "styrelse och nämnd tillsammans med nämndplanen i december"),
    ("U3", "Öka kännedom, engagemang och ägarskap i regionens hållbarhetsarbete"),
]
SEED_ASSIGNMENT_STATUS = "Ej påbörjad"
SEED_ASSIGNMENT_PERIODICITY = "Tertial aug, dec"
SEED_ASSIGNMENT_END = "2026-12-31"

SEED_GOALS = {
    1: "Trygga uppväxtvillkor",
    2: "Goda levnadsvillkor",
    3: "Ett attraktivt och hållbart Västerbotten",
    5: "Goda arbetsplatser och attraktiva arbetsgivare",
    6: "En hållbar miljö- och klimatregion",
    7: "Stärkt forskning, utbildning och innovation",
}
SEED_FORMULATIONS = {
    1: "RUN bidrar till att barn och unga har möjlighet till eget skapande och god tillgång till kultur",
    2: "RUN verkar för att länets invånare har tillgång till ett regionalt kulturutbud av hög kvalitet och "
       "erbjuds likvärdiga förutsättningar att påverka, delta och medverka i samhällslivet",
}
SEED_SUB_GOALS = {
    "1.1": (1, "RUN bidrar till att barn och unga har möjlighet till eget skapande och god tillgång till kultur"),
    "2.1": (2, "RUN verkar för att länets invånare har tillgång till ett regionalt kulturutbud av hög kvalitet "
               "och erbjuds likvärdiga förutsättningar att påverka, delta och medverka i samhällslivet"),
    "2.2": (2, "RUN stärker sin förmåga till civil beredskap med utgångspunkt i det regionala "
               "utvecklingsansvaret"),
}
# The units named in ../shared/domain.md (the seed names them in its narrative).
UNIT_NAMES = [
    "Regional kulturutveckling och samordning",
    "Biblioteksutveckling Västerbotten (inkl. sjukhusbibliotek)",
    "Film i Västerbotten",
    "Offentlig konst",
]


# --------------------------------------------------------------------------------------------
# The transcription above is the seed's
# --------------------------------------------------------------------------------------------

def test_expected_indicators_are_the_seeds(seed: str) -> None:
    for i in SEED_INDICATORS:
        assert i.name in seed, i.id
        row = " ".join(p for p in (i.seed_row_start or i.name, i.baseline_text, i.target_text, i.periodicity) if p)
        assert row in seed, row


def test_expected_assignments_goals_and_sub_goals_are_the_seeds(seed: str) -> None:
    for _id, text in SEED_ASSIGNMENTS:
        row = f"{SEED_ASSIGNMENT_STATUS} {text} {SEED_ASSIGNMENT_PERIODICITY} {SEED_ASSIGNMENT_END}"
        assert row in seed, row
    for number, title in SEED_GOALS.items():
        assert f"Mål {number}. {title}" in seed
    assert "Mål 4" not in seed
    for _goal, text in SEED_SUB_GOALS.values():
        assert text in seed
    assert "Delmål 1.1 " + SEED_SUB_GOALS["1.1"][1] in seed
    assert "Delmål 2.1 " + SEED_SUB_GOALS["2.1"][1] in seed
    assert "Delmål 2.2 " + SEED_SUB_GOALS["2.2"][1] in seed
    for formulation in SEED_FORMULATIONS.values():
        assert formulation in seed
    for name in ("film i västerbotten", "offentlig konst", "sjukhusbibliotek"):
        assert name in seed.lower()


# --------------------------------------------------------------------------------------------
# The committed master carries the seed
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def master_plan():
    plan, found = read_master(EXAMPLE_MASTER)
    assert found == []
    return plan


@pytest.mark.parametrize("expected", SEED_INDICATORS, ids=lambda i: i.id)
def test_indicator_field_by_field(master_plan, expected: SeedIndicator) -> None:
    ind = master_plan.indicator(expected.id)
    assert ind is not None
    assert ind.sub_goal == expected.sub_goal
    assert ind.name == expected.name
    assert ind.kind is expected.kind
    assert ind.baseline_year == 2024
    if expected.baseline is None:
        assert ind.baseline is None
    else:
        assert ind.baseline == pytest.approx(expected.baseline)
    assert ind.baseline_missing_reason == expected.reason
    if isinstance(expected.target, bool):
        assert ind.target is expected.target
    else:
        assert isinstance(ind.target, float) and ind.target == pytest.approx(expected.target)
    assert ind.periodicity.text == expected.periodicity
    due = tuple(t for t in (1, 2, 3) if ind.is_due(Period(2026, t)))
    assert due == expected.due
    assert ind.units, "every indicator has a responsible unit"
    assert all(master_plan.unit(u) for u in ind.units)


def test_indicators_in_seed_order(master_plan) -> None:
    assert [i.id for i in master_plan.indicators] == [i.id for i in SEED_INDICATORS]
    footnoted = master_plan.indicator("2.1.1")
    assert footnoted.note.startswith("*Uppgift avser antal aktiviteter som registreras i Kulturdatabasen")
    assert master_plan.indicator("2.1.3").aggregation is Aggregation.ALL_YES


def test_assignments_field_by_field(master_plan) -> None:
    assert [a.id for a in master_plan.assignments] == [a for a, _ in SEED_ASSIGNMENTS]
    for (aid, text), a in zip(SEED_ASSIGNMENTS, master_plan.assignments):
        assert flat(a.text) == text, aid
        assert a.status is AssignmentStatus.NOT_STARTED
        assert tc.ASSIGNMENT_STATUS[a.status] == SEED_ASSIGNMENT_STATUS
        assert a.periodicity.text == SEED_ASSIGNMENT_PERIODICITY
        assert a.end_date == dt.date.fromisoformat(SEED_ASSIGNMENT_END)
        assert [t for t in (1, 2, 3) if a.is_due(Period(2026, t))] == [2, 3]
    # The bullets stay on lines of their own.
    assert "\n• Ett mål" in master_plan.assignment("U2").text


def test_goals_sub_goals_and_units(master_plan) -> None:
    assert {g.number: g.title for g in master_plan.goals} == SEED_GOALS
    assert [g.number for g in master_plan.goals] == [1, 2, 3, 5, 6, 7]
    for number, formulation in SEED_FORMULATIONS.items():
        assert master_plan.goal(number).formulation == formulation
    narrative = [t.text for t in master_plan.texts if t.goal == 1]
    assert narrative[0].startswith("Barn och unga bör tidigt ges förutsättningar") and len(narrative) == 4
    for number in (3, 5, 6, 7):  # headings only
        assert master_plan.sub_goals_of(number) == []
        assert master_plan.goal(number).formulation == ""
    assert {s.id: (s.goal, s.text) for s in master_plan.sub_goals} == SEED_SUB_GOALS
    assert [u.name for u in master_plan.units] == UNIT_NAMES
    assert master_plan.settings.committee == "Regionala utvecklingsnämnden"
    assert master_plan.settings.year == 2026


def test_invented_budget_says_so(master_plan) -> None:
    assert master_plan.budget.is_example
    wb = load_workbook(EXAMPLE_MASTER)
    for title in (tm.SHEET_MEASURES, tm.SHEET_PRIOR_FORECAST, tm.SHEET_CHANGES, tm.SHEET_FRAMES,
                  tm.SHEET_INSTRUCTIONS):
        texts = [c.value for row in wb[title].iter_rows(max_row=40) for c in row if isinstance(c.value, str)]
        assert tc.EXAMPLE_BUDGET_NOTE in texts, title
    result = CliRunner().invoke(main, ["plan", "show", str(EXAMPLE_MASTER)])
    assert "exempelsiffror" in result.output


def test_check_example_exits_0() -> None:
    result = CliRunner().invoke(main, ["plan", "check", str(EXAMPLE_MASTER)])
    assert result.exit_code == 0, result.output
    assert "FEL" not in result.output and "VARNING" not in result.output


# --------------------------------------------------------------------------------------------
# nplan plan show
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shown() -> str:
    result = CliRunner().invoke(main, ["plan", "show", str(EXAMPLE_MASTER)])
    assert result.exit_code == 0, result.output
    return result.output


def _digits(text: str) -> str:
    """ "2 133" -> "2133" (show writes thousands separators; the seed writes them only sometimes)."""
    return re.sub(r"(?<=\d)[ \u00a0](?=\d{3}\b)", "", text)


@pytest.mark.parametrize("expected", SEED_INDICATORS, ids=lambda i: i.id)
def test_show_has_each_indicator(shown: str, expected: SeedIndicator) -> None:
    lines = shown.splitlines()
    at = next(n for n, line in enumerate(lines) if f"[{expected.id}] {expected.name}" in line)
    values = _digits(lines[at + 1])
    baseline = _digits(expected.baseline_text) or "(tomt)"
    assert f"Utfall 2024: {baseline} |" in values
    assert f"Mål 2026: {_digits(expected.target_text)} |" in values
    assert f"Periodicitet: {expected.periodicity} |" in values
    # under its sub-goal
    heading = next(line for line in reversed(lines[:at]) if line.strip().startswith("Delmål "))
    assert heading.strip().startswith(f"Delmål {expected.sub_goal} ")


def test_show_has_goals_sub_goals_assignments_units_and_budget(shown: str, master_plan) -> None:
    for number, title in SEED_GOALS.items():
        assert f"Mål {number}. {title}" in shown
    assert "Mål 4." not in shown
    for sid, (_goal, text) in SEED_SUB_GOALS.items():
        assert f"Delmål {sid} {text}" in shown
    for aid, text in SEED_ASSIGNMENTS:
        line = next(x for x in shown.splitlines() if f"[{aid}]" in x)
        assert flat(line) == flat(f"[{aid}] {SEED_ASSIGNMENT_STATUS} | {text} | {SEED_ASSIGNMENT_PERIODICITY} | "
                                  f"Slutdatum {SEED_ASSIGNMENT_END}")
    for name in UNIT_NAMES:
        assert name in shown
    assert _digits("Summa fördelade ramar 34 400 tkr") in _digits(shown)
    assert sum(f.frame_tkr for f in master_plan.budget.frames) == 34400


# --------------------------------------------------------------------------------------------
# LibreOffice recalculates the budget formulas to the model's values
# --------------------------------------------------------------------------------------------

def _defined_cell(wb, name: str) -> tuple[str, str]:
    sheet, ref = wb.defined_names[name].attr_text.split("!")
    return sheet.strip("'"), ref.replace("$", "")


def _variant(tmp_path: Path) -> Path:
    """The example with budget problems and another plan year, to see the checks turn."""
    wb = load_workbook(EXAMPLE_MASTER)
    params = ("Budgetparametrar", "Värde", "Parameter")
    mh.set_value(wb, *params[:2], params[2], tm.BUDGET_PARAMETERS["total_frame_tkr"], 30000)
    mh.set_value(wb, *params[:2], params[2], tm.BUDGET_PARAMETERS["net_cost_ceiling"], 0.01)
    h = tm.HEADERS["Budgetramar"]
    mh.set_value(wb, "Budgetramar", h["frame_tkr"], h["unit"], "KUS", 14250)
    mh.set_value(wb, "Installningar", "Värde", "Inställning", tm.SETTINGS["year"][0], 2030)
    path = tmp_path / "variant.xlsx"
    wb.save(path)
    return path


@requires_libreoffice
def test_libreoffice_budget_formulas_equal_the_model(tmp_path: Path) -> None:
    for master_path in (EXAMPLE_MASTER, _variant(tmp_path)):
        plan, _ = read_master(master_path)
        b = plan.budget
        computed = recalculate(master_path, tmp_path / f"lo-{master_path.stem}")
        wb = load_workbook(master_path)

        def value(name: str, computed: Path = computed, wb: Workbook = wb) -> object:
            return cell_value(computed, *_defined_cell(wb, name))

        assert value("Summa_ramar") == pytest.approx(b.sum_frames)
        assert value("Skillnad_total_ram") == pytest.approx(b.sum_frames - b.total_frame_tkr)
        frames_ok = abs(b.sum_frames - b.total_frame_tkr) < 0.5
        assert value("Kontroll_ramar") == (tm.CHECK_OK if frames_ok else tm.CHECK_FRAMES_BAD)
        assert value("Summa_foregaende_prognos") == pytest.approx(b.sum_prior_forecasts)
        assert value("Nettokostnadsutveckling") == pytest.approx(b.net_cost_growth)
        growth_ok = b.net_cost_growth <= b.net_cost_ceiling
        assert value("Kontroll_nettokostnad") == (tm.CHECK_OK if growth_ok else tm.CHECK_NET_COST_BAD)
        assert value("Summa_atgarder") == pytest.approx(sum(m.amount_tkr for m in b.measures))

        # Each frame row: changes from 5.3, previous + changes, and the row check.
        ws, _t = mh.table(wb, "Budgetramar")
        h = tm.HEADERS["Budgetramar"]
        cols = {k: get_column_letter(mh.column(wb, "Budgetramar", h[k]))
                for k in ("unit", "changes_tkr", "computed_tkr", "check")}
        seen = []
        for r in mh.data_rows(wb, "Budgetramar"):
            unit = ws[f"{cols['unit']}{r}"].value
            frame = b.frame_of(unit)
            changes = sum(c.amount_tkr for c in b.changes_of(unit))
            assert cell_value(computed, ws.title, f"{cols['changes_tkr']}{r}") == pytest.approx(changes)
            assert cell_value(computed, ws.title, f"{cols['computed_tkr']}{r}") == pytest.approx(
                frame.previous_tkr + changes)
            row_ok = abs(frame.frame_tkr - (frame.previous_tkr + changes)) < 0.5
            assert cell_value(computed, ws.title, f"{cols['check']}{r}") == (
                tm.CHECK_OK if row_ok else tm.CHECK_ROW_BAD), unit
            seen.append((unit, row_ok))
        assert [u for u, _ in seen] == [u.id for u in plan.units]

        # The headings follow the setting Planår.
        year = plan.settings.year
        assert cell_value(computed, tm.SHEET_FRAMES, "A1") == f"5.4 Fördelade budgetramar {year}"
        assert cell_value(computed, tm.SHEET_PRIOR_FORECAST, "A1") == f"5.2 Årsprognos {year - 1}"
        assert cell_value(computed, tm.SHEET_CHANGES, "A1") == f"5.3 Budgetförändringar {year - 1}–{year}"

    # The variant really turned the checks (so the comparison above saw both outcomes).
    assert not frames_ok and not growth_ok and ("KUS", False) in seen
