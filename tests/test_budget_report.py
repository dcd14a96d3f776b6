"""Finance's budget workbook: the figures in Python, the workbook's layout, LibreOffice's recalculation
against Python (also after a frame is changed in the workbook), and `nplan budget report` on a history
database built in code."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from libreoffice import recalculate, requires_libreoffice, sheet_values
from openpyxl import load_workbook

from toolkit.cli import main
from toolkit.core.periods import Period
from toolkit.core.returndata import BudgetReport, ReturnData, ValidationResult
from toolkit.plan import build_master, read_master
from toolkit.report import budget_workbook as br
from toolkit.texts import budget as tb
from toolkit.texts import common as tc
from toolkit.texts import master as tm

T1, T2 = Period(2026, 1), Period(2026, 2)
COLUMNS = ["year", "period", "unit_id", "frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr",
           "comment", "events", "submission_id"]
# The example's frames (examples/run2026/plan.toml), the base of every expectation below.
FRAMES = {"KUS": 14100, "BIB": 10000, "FILM": 8150, "KONST": 2150}
PRIOR_FORECASTS = 14350 + 9750 + 7600 + 2080
THRESHOLD = 100


def budget_df(period: Period, rows: list[dict]) -> pd.DataFrame:
    """A DataFrame shaped like History.budget."""
    out = []
    for i, r in enumerate(rows, start=1):
        frame = FRAMES.get(r["unit_id"])
        forecast = r.get("forecast_tkr")
        out.append({"year": period.year, "period": str(period), "frame_tkr": frame, "outcome_tkr": None,
                    "deviation_tkr": None if frame is None or forecast is None else frame - forecast,
                    "comment": "", "events": "", "submission_id": i, **r})
    return pd.DataFrame(out, columns=COLUMNS)


# KUS: deficit beyond the threshold; BIB: a deficit within it; FILM: surplus beyond it; KONST: no return;
# GAMMAL: a unit the master does not know (no frame).
CURRENT = [
    {"unit_id": "KUS", "outcome_tkr": 9500, "forecast_tkr": 14400, "comment": "Högre lokalkostnader",
     "events": "=SUMMA(A1:A3)"},
    {"unit_id": "BIB", "outcome_tkr": 6400, "forecast_tkr": 10050, "comment": "Liten avvikelse"},
    {"unit_id": "FILM", "outcome_tkr": 5100, "forecast_tkr": 7900, "comment": "Vakant tjänst",
     "events": "Ny chef"},
    {"unit_id": "GAMMAL", "outcome_tkr": 10, "forecast_tkr": 20},
]
PREVIOUS = [
    {"unit_id": "KUS", "outcome_tkr": 4000, "forecast_tkr": 14200},
    {"unit_id": "BIB", "outcome_tkr": 3000, "forecast_tkr": 10000},
]


@pytest.fixture()
def plan(example_master: Path):
    plan, found = read_master(example_master)
    assert found == []
    return plan


@pytest.fixture()
def figures(plan):
    return br.budget_figures(plan, T2, budget_df(T2, CURRENT), budget_df(T1, PREVIOUS))


# ---- the figures in Python ----

def test_unit_figures_and_status_words(figures) -> None:
    by = {u.unit: u for u in figures.units}
    assert list(by) == ["KUS", "BIB", "FILM", "KONST", "GAMMAL"]  # plan order, then unknown units
    kus = by["KUS"]
    assert (kus.frame_tkr, kus.outcome_tkr, kus.forecast_tkr) == (14100, 9500, 14400)
    assert kus.deviation_tkr == 14100 - 14400
    assert (kus.previous_forecast_tkr, kus.forecast_change_tkr) == (14200, 14400 - 14200)
    assert kus.status == tb.STATUS_DEFICIT_BEYOND
    assert by["BIB"].deviation_tkr == -50 and by["BIB"].status == tb.STATUS_DEFICIT
    assert by["FILM"].deviation_tkr == 250 and by["FILM"].status == tb.STATUS_SURPLUS_BEYOND
    assert by["FILM"].previous_forecast_tkr is None and by["FILM"].forecast_change_tkr is None
    konst = by["KONST"]
    assert not konst.reported and konst.status == tb.STATUS_NOT_REPORTED
    assert (konst.outcome_tkr, konst.forecast_tkr, konst.deviation_tkr) == (None, None, None)
    assert konst.frame_tkr == 2150
    assert by["GAMMAL"].status == tb.STATUS_NO_FRAME and by["GAMMAL"].name == tb.UNKNOWN_UNIT
    assert kus.comment == "Högre lokalkostnader" and kus.events == "=SUMMA(A1:A3)"


def test_totals_and_checks(figures) -> None:
    t = figures.totals
    assert t["frame_tkr"] == sum(FRAMES.values())
    assert t["outcome_tkr"] == 9500 + 6400 + 5100 + 10
    assert t["forecast_tkr"] == 14400 + 10050 + 7900 + 20
    assert t["deviation_tkr"] == (14100 - 14400) + (10000 - 10050) + (8150 - 7900)
    assert t["previous_forecast_tkr"] == 14200 + 10000
    assert t["forecast_change_tkr"] == 200 + 50
    results = {c.key: c.result for c in figures.checks}
    assert results == {
        "frames_total": tm.CHECK_OK,
        "frame_rows": tb.OK,
        "net_cost_frames": tm.CHECK_OK,
        # KONST has no forecast: the growth of KUS, BIB and FILM (GAMMAL has no 5.2 row) against their own 5.2
        # forecasts, 32 350 / 31 700 - 1 = 2.05 %, within the 2.5 % ceiling but on an incomplete basis: not OK
        "net_cost_forecast": "Ej bedömd: inom taket för 3 av 5 verksamheter",
        "total_deviation": tb.RESULT_DEFICIT,  # -300 - 50 + 250 = -100
        "deficits": "2 verksamheter har underskott",
        "beyond_threshold": "2 verksamheter avviker mer än gränsen",
        "not_reported": "1 verksamhet har inte rapporterat",
        "without_frame": "1 verksamhet saknar ram",
    }
    assert figures.check("net_cost_frames").value == pytest.approx(34400 / PRIOR_FORECASTS - 1)
    assert figures.check("net_cost_forecast").value == pytest.approx((14400 + 10050 + 7900) / (14350 + 9750 + 7600) - 1)
    assert figures.checks_not_ok == 6
    assert figures.checks_line.startswith("6 kontroller ")


def test_forecast_net_cost_is_assessed_when_every_unit_has_a_forecast(plan) -> None:
    rows = [{"unit_id": u, "forecast_tkr": f} for u, f in FRAMES.items()]
    rows[0]["forecast_tkr"] = 14100 + 900  # 35 300 / 33 780 - 1 = 4.5 % > 2.5 %
    fig = br.budget_figures(plan, T2, budget_df(T2, rows), None)
    check = fig.check("net_cost_forecast")
    assert check.value == pytest.approx((sum(FRAMES.values()) + 900) / PRIOR_FORECASTS - 1)
    assert check.result == tb.RESULT_ABOVE_CEILING
    rows[0]["forecast_tkr"] = 14100
    fig = br.budget_figures(plan, T2, budget_df(T2, rows), None)
    assert fig.check("net_cost_forecast").result == tb.OK
    assert fig.checks_line == tb.CHECKS_ALL_OK


@pytest.mark.parametrize("deviation, status", [
    (0, tb.STATUS_WITHIN), (-THRESHOLD, tb.STATUS_DEFICIT), (-THRESHOLD - 1, tb.STATUS_DEFICIT_BEYOND),
    (-0.5, tb.STATUS_DEFICIT), (THRESHOLD, tb.STATUS_WITHIN), (THRESHOLD + 0.5, tb.STATUS_SURPLUS_BEYOND),
])
def test_status_at_the_threshold(plan, deviation: float, status: str) -> None:
    fig = br.budget_figures(plan, T2, budget_df(T2, [{"unit_id": "KUS", "forecast_tkr": 14100 - deviation}]))
    assert fig.unit("KUS").deviation_tkr == pytest.approx(deviation)
    assert fig.unit("KUS").status == status


def test_nan_and_missing_previous_period(plan) -> None:
    df = budget_df(T1, [{"unit_id": "KUS", "outcome_tkr": float("nan"), "forecast_tkr": float("nan"),
                         "comment": None}])
    fig = br.budget_figures(plan, T1, df, None)
    kus = fig.unit("KUS")
    assert kus.reported and kus.status == tb.STATUS_NO_FORECAST
    assert (kus.outcome_tkr, kus.forecast_tkr, kus.comment) == (None, None, "")
    assert fig.previous_period is None and fig.totals["forecast_tkr"] is None


# ---- the workbook ----

def test_workbook_layout(plan, tmp_path: Path) -> None:
    path = br.write_budget_report(plan, T2, budget_df(T2, CURRENT), budget_df(T1, PREVIOUS),
                                  tmp_path / "ut" / "b.xlsx")
    assert sorted(p.name for p in path.parent.iterdir()) == ["b.xlsx"]  # written atomically, no leftovers
    wb = load_workbook(path)
    assert wb.sheetnames == [tb.SHEET_OVERVIEW, tb.SHEET_CHECKS, tb.SHEET_COMMENTS, tm.SHEET_MEASURES,
                             tm.SHEET_PRIOR_FORECAST, tm.SHEET_CHANGES, tm.SHEET_FRAMES, tm.SHEET_LISTS]
    assert wb[tm.SHEET_LISTS].sheet_state == "hidden"
    assert wb.active.title == tb.SHEET_OVERVIEW
    ov = wb[tb.SHEET_OVERVIEW]
    h = br.HEADER_ROW
    assert [c.value for c in ov[h]] == [
        tb.OVERVIEW_HEADERS[k].format(previous="2026-T1") for k in tb.OVERVIEW_HEADERS]
    for title in (tb.SHEET_OVERVIEW, tb.SHEET_CHECKS, tb.SHEET_COMMENTS):
        ws = wb[title]
        assert ws.freeze_panes is not None
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
        assert ws.print_title_rows
    assert ov.print_title_rows == f"${h}:${h}"
    assert ov.freeze_panes == f"C{h + 1}"
    c = br.COL
    first = h + 1
    for r in range(first, first + 6):  # the units and the total row
        for key in ("frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr", "previous_forecast_tkr",
                    "forecast_change_tkr"):
            assert ov[f"{c[key]}{r}"].number_format == "#,##0"
    # Every total and check is a formula; the unit's figures are values.
    total = first + 5
    assert all(str(ov[f"{c[k]}{total}"].value).startswith("=")
               for k in ("frame_tkr", "forecast_tkr", "deviation_tkr"))
    assert str(ov[f"{c['frame_tkr']}{first}"].value).startswith("=")
    assert ov[f"{c['forecast_tkr']}{first}"].value == 14400
    # KONST has not reported: words, not zeros.
    konst = first + 3
    assert ov[f"{c['unit']}{konst}"].value == "KONST" and ov[f"{c['reported']}{konst}"].value == tc.NO
    assert all(ov[f"{c[k]}{konst}"].value is None
               for k in ("outcome_tkr", "forecast_tkr", "previous_forecast_tkr"))
    assert tb.STATUS_NOT_REPORTED in ov[f"{c['status']}{konst}"].value
    # The units' texts are text, never formulas.
    com = wb[tb.SHEET_COMMENTS]
    cell = com.cell(row=br.CHECKS_HEADER_ROW + 1, column=5)
    assert cell.value == "=SUMMA(A1:A3)" and cell.data_type == "s"
    assert com.cell(row=br.CHECKS_HEADER_ROW + 1, column=4).value == "Högre lokalkostnader"
    # Breaches are coloured: status words, deviations, check results, the overview's summary line.
    ranges = {str(cf.sqref) for cf in ov.conditional_formatting}
    assert f"{c['status']}{first}:{c['status']}{first + 4}" in ranges
    assert f"{c['deviation_tkr']}{first}:{c['deviation_tkr']}{total}" in ranges
    assert f"C{br.ROW_CHECKS}" in ranges
    assert any(str(cf.sqref).startswith("D") for cf in wb[tb.SHEET_CHECKS].conditional_formatting)
    for name in ("Avvikelsegrans", "Summa_ramar", "Kontroll_ramar", "Nettokostnadstak", "Lista_Verksamheter",
                 "Installning_year"):
        assert name in wb.defined_names


def test_example_label_on_every_sheet_of_an_example_report(plan, tmp_path: Path) -> None:
    wb = br.build_budget_report(plan, T2, budget_df(T2, CURRENT), None)
    for ws in wb.worksheets:
        if ws.title == tm.SHEET_LISTS:
            continue
        texts = [c.value for row in ws.iter_rows(max_row=3) for c in row]
        assert tc.EXAMPLE_BUDGET_NOTE in texts, ws.title
    plan.budget.is_example = False
    wb = br.build_budget_report(plan, T2, budget_df(T2, CURRENT), None)
    assert all(c.value != tc.EXAMPLE_BUDGET_NOTE for ws in wb.worksheets for row in ws.iter_rows(max_row=3)
               for c in row)


def test_chapter_5_is_the_masters_own_formulas(plan) -> None:
    report = br.build_budget_report(plan, T2, budget_df(T2, CURRENT), None)
    master = build_master(plan)
    for sheet in (tm.SHEET_MEASURES, tm.SHEET_PRIOR_FORECAST, tm.SHEET_CHANGES, tm.SHEET_FRAMES):
        a, b = report[sheet], master[sheet]
        cells = {(c.coordinate, c.value) for row in a.iter_rows() for c in row if c.value is not None}
        expected = {(c.coordinate, c.value) for row in b.iter_rows() for c in row if c.value is not None}
        assert cells == expected, sheet
        assert set(a.tables) == set(b.tables)
    formulas = [c.value for row in report[tm.SHEET_FRAMES].iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")]
    assert any("SUMIFS" in f for f in formulas)


# ---- LibreOffice: the formulas compute what Python computes ----

def _overview_rows(path: Path, n_units: int) -> list[list[object]]:
    rows = sheet_values(path, tb.SHEET_OVERVIEW)
    return rows[br.HEADER_ROW: br.HEADER_ROW + n_units + 1]  # the units and the total row


def _blank(value: object) -> object:
    return None if value == "" else value


def assert_workbook_equals_python(path: Path, fig: br.BudgetFigures) -> None:
    keys = br.overview_columns(fig.year_end)
    rows = _overview_rows(path, len(fig.units))
    for u, row in zip(fig.units, rows):
        got = dict(zip(keys, row))
        assert got["unit"] == u.unit
        assert got["reported"] == (tc.YES if u.reported else tc.NO)
        for key in ("frame_tkr", "outcome_tkr", "forecast_tkr", "deviation_tkr", "previous_forecast_tkr",
                    "forecast_change_tkr"):
            if key not in keys:
                continue
            expected = getattr(u, key)
            assert _blank(got[key]) == (None if expected is None else pytest.approx(expected)), (u.unit, key)
        assert got["status"] == u.status, u.unit
    total = dict(zip(keys, rows[len(fig.units)]))
    assert total["unit"] == tb.TOTAL
    for key, expected in fig.totals.items():
        assert _blank(total[key]) == (None if expected is None else pytest.approx(expected)), key
    checks = sheet_values(path, tb.SHEET_CHECKS)[br.CHECKS_HEADER_ROW: br.CHECKS_HEADER_ROW + len(tb.CHECKS)]
    labels = br.check_labels(fig.year_end)
    for c, row in zip(fig.checks, checks):
        assert row[0] == labels[c.key][0]
        assert _blank(row[1]) == (None if c.value is None else pytest.approx(c.value)), c.key
        assert _blank(row[2]) == (None if c.limit is None else pytest.approx(c.limit)), c.key
        assert row[3] == c.result, c.key
    summary = sheet_values(path, tb.SHEET_OVERVIEW)[br.ROW_CHECKS - 1][2]
    assert summary == fig.checks_line
    comments = sheet_values(path, tb.SHEET_COMMENTS)[br.CHECKS_HEADER_ROW:]
    assert [r[2] for r in comments[:len(fig.units)]] == [u.status for u in fig.units]


@requires_libreoffice
def test_libreoffice_equals_python_also_after_a_frame_is_changed(plan, tmp_path: Path) -> None:
    current, previous = budget_df(T2, CURRENT), budget_df(T1, PREVIOUS)
    path = br.write_budget_report(plan, T2, current, previous, tmp_path / "budget.xlsx")
    fig = br.budget_figures(plan, T2, current, previous)
    first = recalculate(path, tmp_path / "lo1")
    assert_workbook_equals_python(first, fig)
    # The chapter headings follow the plan year through a defined name that the report provides.
    assert sheet_values(first, tm.SHEET_PRIOR_FORECAST)[0][0].endswith("2025")
    assert sheet_values(first, tm.SHEET_CHANGES)[0][0].endswith("2025–2026")

    # Finance raises KUS's frame in 5.4 by 500 and recalculates.
    wb = load_workbook(path)
    ws = wb[tm.SHEET_FRAMES]
    table = ws.tables["Budgetramar"]
    header_row = int(table.ref.split(":")[0][1:])
    frame_col = next(c.column_letter for c in ws[header_row]
                     if c.value == tm.HEADERS["Budgetramar"]["frame_tkr"])
    row = next(r for r in range(header_row + 1, header_row + 10) if ws[f"A{r}"].value == "KUS")
    assert ws[f"{frame_col}{row}"].value == 14100
    ws[f"{frame_col}{row}"] = 14600
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)

    moved = copy.deepcopy(plan)
    moved.budget.frame_of("KUS").frame_tkr = 14600
    fig2 = br.budget_figures(moved, T2, current, previous)
    out = recalculate(changed, tmp_path / "lo2")
    assert_workbook_equals_python(out, fig2)
    # What moved, by the test's own arithmetic: KUS now has 14 600 - 14 400 = 200 to spare, the frames add up
    # to 34 900 (not the committee's 34 400), and 34 900 / 33 780 - 1 = 3.3 % is above the 2.5 % ceiling.
    kus = dict(zip(tb.OVERVIEW_HEADERS, _overview_rows(out, len(fig2.units))[0]))
    assert kus["deviation_tkr"] == 200 and kus["status"] == tb.STATUS_SURPLUS_BEYOND
    checks = {r[0]: r[3] for r in sheet_values(out, tb.SHEET_CHECKS)[br.CHECKS_HEADER_ROW:]}
    assert checks[tb.CHECKS["frames_total"][0]] == tm.CHECK_FRAMES_BAD
    assert checks[tb.CHECKS["frame_rows"][0]] == "1 ram avviker"
    assert checks[tb.CHECKS["net_cost_frames"][0]] == tm.CHECK_NET_COST_BAD
    assert fig2.check("net_cost_frames").value == pytest.approx(34900 / PRIOR_FORECASTS - 1)
    # Three new breaches; the total deviation (200 - 50 + 250) is no longer a deficit.
    assert checks[tb.CHECKS["total_deviation"][0]] == tb.OK
    assert fig2.checks_not_ok == fig.checks_not_ok + 3 - 1


# ---- the year end (T3): the year's outcome against the frame ----

T3 = Period(2026, 3)
# KONST sends nothing; the others' outcomes run 3 % over last year's forecasts in total. Their T3 forecasts differ
# from the outcomes on purpose: at the year end the outcome is what counts.
YEAR_END = [{"unit_id": "KUS", "outcome_tkr": 14800, "forecast_tkr": 14000},
            {"unit_id": "BIB", "outcome_tkr": 10050, "forecast_tkr": 10500},
            {"unit_id": "FILM", "outcome_tkr": 7820, "forecast_tkr": 8000}]
T2_FORECASTS = [{"unit_id": "KUS", "forecast_tkr": 14200}, {"unit_id": "BIB", "forecast_tkr": 10000}]


def test_the_year_end_figures(plan) -> None:
    fig = br.budget_figures(plan, T3, budget_df(T3, YEAR_END), budget_df(T2, T2_FORECASTS))
    assert fig.year_end
    kus, bib, film, konst = (fig.unit(u) for u in ("KUS", "BIB", "FILM", "KONST"))
    assert kus.deviation_tkr == 14100 - 14800 and kus.status == tb.STATUS_DEFICIT_BEYOND
    assert bib.deviation_tkr == 10000 - 10050 and bib.status == tb.STATUS_DEFICIT  # not 10 000 - 10 500
    assert film.deviation_tkr == 8150 - 7820 and film.status == tb.STATUS_SURPLUS_BEYOND
    assert (kus.forecast_change_tkr, bib.forecast_change_tkr, film.forecast_change_tkr) == (600, 50, None)
    assert konst.status == tb.STATUS_NOT_REPORTED
    assert "forecast_tkr" not in fig.totals and fig.totals["deviation_tkr"] == -700 - 50 + 330
    # Net cost growth with KONST missing: KUS, BIB and FILM against their own 5.2 forecasts, above the ceiling
    growth = (14800 + 10050 + 7820) / (14350 + 9750 + 7600) - 1
    check = fig.check("net_cost_forecast")
    assert growth > 0.025 and check.value == pytest.approx(growth)
    assert check.result == "Över taket för 3 av 4 verksamheter"
    assert fig.check("total_deviation").result == tb.RESULT_DEFICIT
    # Every unit's outcome: the committee's whole, judged
    every = [*YEAR_END, {"unit_id": "KONST", "outcome_tkr": 2000}]
    fig = br.budget_figures(plan, T3, budget_df(T3, every), None)
    whole = (14800 + 10050 + 7820 + 2000) / PRIOR_FORECASTS - 1
    assert fig.check("net_cost_forecast").value == pytest.approx(whole)
    assert fig.check("net_cost_forecast").result == tb.RESULT_ABOVE_CEILING
    # A unit with a figure but no 5.2 forecast is left out of the incomplete basis (and counted in the total)
    fig = br.budget_figures(plan, T3, budget_df(T3, [YEAR_END[0], {"unit_id": "GAMMAL", "outcome_tkr": 5}]))
    assert fig.check("net_cost_forecast").result == "Över taket för 1 av 5 verksamheter"
    assert fig.check("net_cost_forecast").value == pytest.approx(14800 / 14350 - 1)


def test_the_year_end_workbook_layout(plan) -> None:
    wb = br.build_budget_report(plan, T3, budget_df(T3, YEAR_END), budget_df(T2, T2_FORECASTS))
    ov = wb[tb.SHEET_OVERVIEW]
    headers = [c.value for c in ov[br.HEADER_ROW] if c.value]
    assert headers == ["Verksamhets-id", "Verksamhet", "Rapporterat", "Budgetram (tkr)", "Utfall helår (tkr)",
                       "Avvikelse (tkr)", "Prognos 2026-T2 (tkr)", "Utfall helår mot prognos 2026-T2 (tkr)", "Status"]
    texts = [str(c.value) for ws in (ov, wb[tb.SHEET_CHECKS]) for row in ws.iter_rows() for c in row if c.value]
    assert not [t for t in texts if "Helårsprognos" in t or "hittills" in t]
    assert wb[tb.SHEET_CHECKS]["A8"].value == "Nettokostnadsutveckling enligt utfallet helår"
    # 'Ej bedömd' and 'Ej bedömd: inom taket för ...' are grey (the first rule, so never green)
    rules = [r for cf in wb[tb.SHEET_CHECKS].conditional_formatting for r in cf.rules]
    assert rules[0].formula == [f'LEFT(D5,{len(tb.NOT_ASSESSED)})="{tb.NOT_ASSESSED}"'] and rules[0].stopIfTrue
    assert rules[0].dxf.fill.fgColor.rgb.endswith(br.NO_JUDGEMENT.fgColor.rgb[-6:])


@requires_libreoffice
def test_libreoffice_computes_the_year_end_as_python(plan, tmp_path: Path) -> None:
    current, previous = budget_df(T3, YEAR_END), budget_df(T2, T2_FORECASTS)
    path = br.write_budget_report(plan, T3, current, previous, tmp_path / "budget-T3.xlsx")
    fig = br.budget_figures(plan, T3, current, previous)
    out = recalculate(path, tmp_path / "lo")
    assert_workbook_equals_python(out, fig)
    checks = {r[0]: r[3] for r in sheet_values(out, tb.SHEET_CHECKS)[br.CHECKS_HEADER_ROW:] if r}
    assert checks["Nettokostnadsutveckling enligt utfallet helår"] == "Över taket för 3 av 4 verksamheter"
    # within the ceiling on the incomplete basis: not OK, 'Ej bedömd' with the count
    lower = [dict(r, outcome_tkr=r["outcome_tkr"] - 700) if r["unit_id"] == "KUS" else r for r in YEAR_END]
    path = br.write_budget_report(plan, T3, budget_df(T3, lower), previous, tmp_path / "lower.xlsx")
    fig = br.budget_figures(plan, T3, budget_df(T3, lower), previous)
    assert fig.check("net_cost_forecast").result == "Ej bedömd: inom taket för 3 av 4 verksamheter"
    assert_workbook_equals_python(recalculate(path, tmp_path / "lo2"), fig)


# ---- nplan budget report, on a history database ----

def store(db: Path, plan, period: Period, rows: list[dict]) -> None:
    from toolkit.history.store import History

    with History.open(db) as h:
        for r in rows:
            uid = r["unit_id"]
            frame = plan.budget.frame_of(uid)
            data = ReturnData(unit_id=uid, period=period, plan_identity=plan.identity(),
                              unit_fingerprint=plan.unit_fingerprint(uid), format_version=1,
                              budget=BudgetReport(frame_tkr=frame.frame_tkr if frame else None,
                                                  outcome_tkr=r.get("outcome_tkr"),
                                                  forecast_tkr=r.get("forecast_tkr"),
                                                  comment=r.get("comment", ""), events=r.get("events", "")))
            sha = hashlib.sha256(f"{uid}|{period}|{r}".encode()).hexdigest()
            h.store_submission(ValidationResult(path=f"/inbox/{uid}.xlsx", sha256=sha, data=data), plan=plan,
                               period=period, received_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC),
                               file_name=f"{uid}.xlsx")


def test_cli_report_from_the_history_database(plan, example_master: Path, tmp_path: Path) -> None:
    known = [r for r in CURRENT if r["unit_id"] in FRAMES]
    db = tmp_path / "h.sqlite"
    store(db, plan, T1, PREVIOUS)
    store(db, plan, T2, known)
    out = tmp_path / "ut" / "budget-T2.xlsx"
    before = example_master.read_bytes()
    result = CliRunner().invoke(main, ["budget", "report", "--master", str(example_master), "--db", str(db),
                                       "--period", "2026-T2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 av 4" in result.output and str(out) in result.output
    assert example_master.read_bytes() == before
    wb = load_workbook(out)
    ov = wb[tb.SHEET_OVERVIEW]
    c, first = br.COL, br.HEADER_ROW + 1
    keys = ("outcome_tkr", "forecast_tkr", "previous_forecast_tkr", "reported")
    got = {ov[f"{c['unit']}{r}"].value: tuple(ov[f"{c[k]}{r}"].value for k in keys)
           for r in range(first, first + 4)}
    assert got == {"KUS": (9500, 14400, 14200, "Ja"), "BIB": (6400, 10050, 10000, "Ja"),
                   "FILM": (5100, 7900, None, "Ja"), "KONST": (None, None, None, "Nej")}
    assert ov[f"{c['forecast_tkr']}{first + 4}"].value.startswith("=")  # the total row
    com = wb[tb.SHEET_COMMENTS]
    assert com.cell(row=br.CHECKS_HEADER_ROW + 1, column=5).value == "=SUMMA(A1:A3)"

    # Again without --force: refused; with --force: written.
    again = CliRunner().invoke(main, ["budget", "report", "--master", str(example_master), "--db", str(db),
                                      "--period", "2026-T2", "-o", str(out)])
    assert again.exit_code == 1 and again.output.startswith("Fel:")
    forced = CliRunner().invoke(main, ["budget", "report", "--master", str(example_master), "--db", str(db),
                                       "--period", "2026-aug", "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output


def test_cli_report_uses_the_database_next_to_the_master(plan, example_master: Path, tmp_path: Path) -> None:
    store(example_master.parent / "nplan.sqlite", plan, T1, PREVIOUS)
    out = tmp_path / "t1.xlsx"
    result = CliRunner().invoke(main, ["budget", "report", "--master", str(example_master),
                                       "--period", "2026-T1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ov = load_workbook(out)[tb.SHEET_OVERVIEW]
    assert ov.cell(row=br.HEADER_ROW, column=8).value == tb.OVERVIEW_HEADERS["previous_forecast_tkr"].format(
        previous=tb.NO_PREVIOUS)


def test_cli_report_shows_master_breaches_but_still_writes(plan, example_master: Path,
                                                           tmp_path: Path) -> None:
    wb = load_workbook(example_master)
    ws = wb[tm.SHEET_FRAMES]
    ws["B5"] = 35000  # the committee's total (the parameters table starts at row 4)
    assert ws["A5"].value == tm.BUDGET_PARAMETERS["total_frame_tkr"]
    broken = tmp_path / "broken.xlsx"
    wb.save(broken)
    db = tmp_path / "h.sqlite"
    store(db, plan, T2, [r for r in CURRENT if r["unit_id"] in FRAMES])
    result = CliRunner().invoke(main, ["budget", "report", "--master", str(broken), "--db", str(db),
                                       "--period", "2026-T2", "-o", str(tmp_path / "b.xlsx")])
    assert result.exit_code == 0, result.output
    assert "[frames-do-not-add-up]" in result.output and (tmp_path / "b.xlsx").is_file()


def test_cli_report_errors(example_master: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["budget", "report", "--master", str(example_master), "-o", str(tmp_path / "b.xlsx")]
    missing_db = runner.invoke(main, base + ["--period", "2026-T2", "--db", str(tmp_path / "saknas.sqlite")])
    assert missing_db.exit_code == 1 and missing_db.output.startswith("Fel:")
    assert not (tmp_path / "saknas.sqlite").exists()  # a report never creates a database
    other_year = runner.invoke(main, base + ["--period", "2025-T2", "--db", str(tmp_path / "x.sqlite")])
    assert other_year.exit_code == 1 and "2026" in other_year.output
    bad_period = runner.invoke(main, base + ["--period", "T9"])
    assert bad_period.exit_code == 2 and "Perioden 'T9' går inte att läsa" in bad_period.output  # usage error
    assert runner.invoke(main, base).exit_code == 2  # --period is required
    same = runner.invoke(main, ["budget", "report", "--master", str(example_master), "--period", "2026-T2",
                                "-o", str(example_master), "--force"])
    assert same.exit_code == 1 and "Traceback" not in same.output
    assert not (tmp_path / "b.xlsx").exists()


def test_cli_report_needs_a_readable_budget_but_not_a_perfect_plan(plan, example_master: Path,
                                                                    tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    store(db, plan, T2, [r for r in CURRENT if r["unit_id"] in FRAMES])

    def report(path: Path) -> object:
        return CliRunner().invoke(main, ["budget", "report", "--master", str(path), "--db", str(db),
                                         "--period", "2026-T2", "-o", str(tmp_path / f"b-{path.stem}.xlsx")])

    wb = load_workbook(example_master)
    ws = wb[tm.SHEET_FRAMES]
    kus = next(r for r in range(1, 40) if ws[f"A{r}"].value == "KUS")
    ws[f"F{kus}"] = "fjortontusen"
    bad_frame = tmp_path / "badframe.xlsx"
    wb.save(bad_frame)
    result = report(bad_frame)
    assert result.exit_code == 1 and result.output.startswith("Fel:")
    assert f"{tm.SHEET_FRAMES}!F{kus}" in result.output
    assert not (tmp_path / "b-badframe.xlsx").exists()

    wb = load_workbook(example_master)
    ws = wb[tm.SHEET_INDICATORS]
    ws["F5"] = "förra året"  # an unreadable baseline year: a plan error, not a budget one
    bad_indicator = tmp_path / "badindicator.xlsx"
    wb.save(bad_indicator)
    plan_check = CliRunner().invoke(main, ["plan", "check", str(bad_indicator)])
    assert plan_check.exit_code == 1
    result = report(bad_indicator)
    assert result.exit_code == 0, result.output
