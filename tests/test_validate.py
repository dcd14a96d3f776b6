"""Validation of returned workbooks: bad returns built in code from generated ones, each giving its code
at its cell through the library and the CLI (text and JSON); clean returns of every example unit."""

from __future__ import annotations

import io
import json
import shutil
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_SOURCE
from openpyxl import Workbook
from validate_helpers import (
    chain,
    copy_as,
    edit,
    identity_cell,
    locate,
    merged,
    searched_range,
    set_cell,
    set_identity,
)

from toolkit.cli import main
from toolkit.core.model import Assessment, AssignmentStatus
from toolkit.core.periods import Period
from toolkit.plan import load_plan, write_master
from toolkit.plan.source import load_plan_source
from toolkit.returns import layout
from toolkit.returns.build import create_returns
from toolkit.returns.simulate import fill_return, plausible_values
from toolkit.validate import PlanContext, validate_file, validate_paths

IND, ASG, ECO, IDN = layout.SHEET_INDICATORS, layout.SHEET_ASSIGNMENTS, layout.SHEET_ECONOMY, layout.SHEET_IDENTITY
UNITS = ("KUS", "BIB", "FILM", "KONST")
PERIODS = ("2026-T1", "2026-T2", "2026-T3")
FILM_FRAME = 8150.0


# --------------------------------------------------------------------------------------------
# The environment: the example master, blank returns per unit and period, and good filled ones
# --------------------------------------------------------------------------------------------

@dataclass
class Env:
    root: Path
    master: Path
    plan: Any
    ctx: PlanContext
    blank: dict[tuple[str, str], Path] = field(default_factory=dict)
    good: dict[tuple[str, str], Path] = field(default_factory=dict)
    values: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def fill(self, unit: str, period: str, dst: Path, **parts: Any) -> Path:
        return fill_return(self.blank[(unit, period)], dst, merged(self.values[(unit, period)], **parts))


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Env:
    root = tmp_path_factory.mktemp("validate")
    master = write_master(load_plan_source(EXAMPLE_SOURCE), root / "master.xlsx")
    plan = load_plan(master)
    e = Env(root, master, plan, PlanContext(plan))
    for period in PERIODS:
        for path in create_returns(plan, Period.parse(period), root / "blank" / period):
            unit = next(u.id for u in plan.units if path.name == _file_name(plan, u.id, period))
            e.blank[(unit, period)] = path
            e.values[(unit, period)] = plausible_values(plan, unit, Period.parse(period))
            e.good[(unit, period)] = fill_return(path, root / "good" / period / path.name,
                                                 e.values[(unit, period)])
    return e


def _file_name(plan: Any, unit: str, period: str) -> str:
    from toolkit.returns.build import return_file_name

    return return_file_name(plan, unit, Period.parse(period))


# --------------------------------------------------------------------------------------------
# Clean returns
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("period", PERIODS)
def test_correctly_filled_returns_of_every_unit_validate_clean(env: Env, period: str) -> None:
    for unit in UNITS:
        result = validate_file(env.good[(unit, period)], env.plan, period=Period.parse(period))
        assert result.findings == [], (unit, period, [f.message for f in result.findings])
        assert result.valid
        data = result.data
        assert data is not None and data.unit_id == unit and data.period == Period.parse(period)
        assert data.plan_identity == env.plan.identity()
        per = Period.parse(period)
        assert [r.indicator_id for r in data.indicators] == [i.id for i in env.plan.indicators_for(unit, per)]
        assert [r.assignment_id for r in data.assignments] == [a.id for a in env.plan.assignments_for(unit, per)]
        frame = env.plan.budget.frame_of(unit).frame_tkr
        given = env.values[(unit, period)]
        assert data.budget is not None
        assert data.budget.frame_tkr == frame
        assert data.budget.forecast_tkr == pytest.approx(given["economy"]["forecast_tkr"])
        assert data.budget.outcome_tkr == pytest.approx(given["economy"]["outcome_tkr"])
        for report in data.indicators:
            expected = given["indicators"][report.indicator_id]["outcome"]
            if expected in ("Ja", "Nej"):
                assert report.outcome is (expected == "Ja")
            else:
                assert report.outcome == pytest.approx(expected)


def test_blank_return_lists_every_required_input_of_t2(env: Env) -> None:
    result = validate_file(env.blank[("FILM", "2026-T2")], env.plan)
    path = env.blank[("FILM", "2026-T2")]
    missing = {(f.sheet, f.cell) for f in result.findings if f.code == "missing-input"}
    expected = {(IND, locate(path, IND, i, k)) for i in ("1.1.1", "1.1.2", "2.1.2") for k in ("outcome", "assessment")}
    expected |= {(ASG, locate(path, ASG, a, "status")) for a in ("U1", "U2", "U3")}
    expected |= {(ECO, locate(path, ECO, "FILM", k)) for k in ("outcome_tkr", "forecast_tkr")}
    assert missing == expected
    assert {f.code for f in result.findings} == {"missing-input"}


def test_t1_is_simplified_and_requires_events(env: Env) -> None:
    result = validate_file(env.blank[("KUS", "2026-T1")], env.plan)
    path = env.blank[("KUS", "2026-T1")]
    assert {(f.code, f.sheet, f.cell) for f in result.findings} == {
        ("missing-input", ECO, locate(path, ECO, "KUS", k)) for k in ("outcome_tkr", "forecast_tkr", "events")}


# --------------------------------------------------------------------------------------------
# Bad returns: each built from a generated one, each with its code at its cell
# --------------------------------------------------------------------------------------------

@dataclass
class Case:
    id: str
    build: Callable[[Env, Path], Path]  # (env, directory) -> the file
    expected: Callable[[Env], list[tuple[str, str, str]]]  # (code, sheet, cell)
    group: str = "T2"  # "T2": validated with --period 2026-T2; "any": without --period
    allowed: tuple[str, ...] = ()  # other codes that may come with it
    data: bool = True  # whether normalized data is expected


def at(code: str, sheet: str = "", cell: str | Callable[[Env], str] = "") -> Callable[[Env], list]:
    def expected(e: Env) -> list[tuple[str, str, str]]:
        return [(code, sheet, cell(e) if callable(cell) else cell)]
    return expected


def searched(case_id: str, sheet: str, group: str = "T2") -> Callable[[Env], str]:
    """The range a missing row was looked for in, computed from the bad file itself."""
    return lambda e: searched_range(e.root / "bad" / group / f"{case_id}.xlsx", sheet)


def both(*parts: Callable[[Env], list]) -> Callable[[Env], list]:
    return lambda e: [x for p in parts for x in p(e)]


def cell(sheet: str, item: str | None, key: str, unit: str = "FILM", period: str = "2026-T2") -> Callable[[Env], str]:
    return lambda e: locate(e.blank[(unit, period)], sheet, item, key)


def film(e: Env) -> Path:
    return e.good[("FILM", "2026-T2")]


def filled(unit: str = "FILM", period: str = "2026-T2", **parts: Any) -> Callable[[Env, Path], Path]:
    return lambda e, d: e.fill(unit, period, d / "case.xlsx", **parts)


def edited(change: Callable[[Workbook], None], unit: str = "FILM",
           period: str = "2026-T2") -> Callable[[Env, Path], Path]:
    return lambda e, d: edit(e.good[(unit, period)], d / "case.xlsx", change)


def raw(name: str, make: Callable[[Env], bytes]) -> Callable[[Env, Path], Path]:
    def build(e: Env, d: Path) -> Path:
        path = d / name
        path.write_bytes(make(e))
        return path
    return build


def ole(*streams: str) -> bytes:
    body = b"".join(s.encode("utf-16-le") + b"\x00" * 10 for s in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + body + b"\x00" * 1024


def ods(e: Env) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


def truncated(e: Env) -> bytes:
    data = film(e).read_bytes()
    return data[: len(data) * 6 // 10]


def corrupt(e: Env) -> bytes:
    """The central directory is intact but the indicator sheet's compressed data is garbage."""
    data = bytearray(film(e).read_bytes())
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = zf.getinfo("xl/worksheets/sheet2.xml")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26: info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + 10, start + min(info.compress_size - 10, 400)):
        data[i] = (data[i] * 7 + 13) % 256
    return bytes(data)


def zip_bomb(e: Env) -> bytes:
    """A return whose central directory declares a member of 2 GB (nothing is really that big)."""
    data = bytearray(film(e).read_bytes())
    pos = data.find(b"PK\x01\x02")
    data[pos + 24: pos + 28] = struct.pack("<I", 0x7FFFFFF0)
    return bytes(data)


def swap_ids(a: str, b: str) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        ws = wb[IND]
        ca, cb = ws[locate(wb, IND, a, "id")], ws[locate(wb, IND, b, "id")]
        ca.value, cb.value = b, a
    return change


def delete_row(sheet: str, item: str) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        row = int(locate(wb, sheet, item, "id")[1:])
        wb[sheet].delete_rows(row)
    return change


def delete_sheet(name: str) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        del wb[name]
    return change


def old_plan(wb: Workbook) -> None:
    """Make the return look generated from another plan version that differs for this unit."""
    set_identity("plan_identity", "0123456789abcdef")(wb)
    set_identity("unit_fingerprint", "fedcba9876543210")(wb)


def set_header(sheet: str, key: str, text: str) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        ws = wb[sheet]
        columns = {IND: layout.INDICATOR_COLUMNS, ASG: layout.ASSIGNMENT_COLUMNS, ECO: layout.ECONOMY_COLUMNS}
        header = columns[sheet][key]
        target = next(c for row in ws.iter_rows() for c in row if c.value == header)
        target.value = text
    return change


def below_previous(e: Env, d: Path) -> Path:
    blank = create_returns(e.plan, Period(2026, 2), d / "with-previous", units=["FILM"],
                           previous={("FILM", "1.1.1"): 50})[0]
    return fill_return(blank, d / "case.xlsx", merged(e.values[("FILM", "2026-T2")],
                                                       indicators={"1.1.1": {"outcome": 40}}))


NOT_MET = "Ej uppfyllt"

CASES = [
    # ---- the file itself ----
    Case("empty", raw("tom.xlsx", lambda e: b""), at("empty-file"), "any", data=False),
    Case("xls", raw("gammal.xls", lambda e: ole("Root Entry", "Workbook", "SummaryInformation")),
         at("xls-file"), "any", data=False),
    Case("encrypted", raw("losen.xlsx", lambda e: ole("Root Entry", "EncryptionInfo", "EncryptedPackage")),
         at("encrypted-file"), "any", data=False),
    Case("xlsm", lambda e, d: copy_as(film(e), d / "makro.xlsm"), at("xlsm-file"), "any"),
    Case("ods", raw("calc.ods", ods), at("ods-file"), "any", data=False),
    Case("csv-renamed", raw("retur.xlsx", lambda e: b"Indikator-id;Utfall\n1.1.1;12\n"),
         at("csv-file"), "any", data=False),
    Case("truncated", raw("halv.xlsx", truncated), at("truncated-file"), "any", data=False),
    Case("corrupt", raw("skadad.xlsx", corrupt), at("corrupt-file"), "any", data=False),
    Case("zip-bomb", raw("bomb.xlsx", zip_bomb), at("zip-bomb"), "any", data=False),
    Case("lock-file", raw("~$2026-T2_Film.xlsx", lambda e: b"\x0bnplan user" + b" " * 150),
         at("lock-file"), "any", data=False),
    Case("wrong-extension", lambda e, d: copy_as(film(e), d / "retur.xls"), at("wrong-extension"), "any"),
    Case("pdf", raw("retur.xlsx", lambda e: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), at("not-xlsx"), "any",
         data=False),
    # ---- identity ----
    Case("identity-missing", edited(delete_sheet(IDN)), at("identity-missing")),
    Case("format-version", edited(set_identity("format_version", str(layout.FORMAT_VERSION + 1))),
         at("format-version", IDN, identity_cell("format_version")), data=False),
    Case("unit-unknown", edited(set_identity("unit_id", "XYZ")), at("unit-unknown", IDN, identity_cell("unit_id")),
         data=False),
    Case("wrong-period", lambda e, d: copy_as(e.good[("FILM", "2026-T3")], d / "case.xlsx"),
         at("wrong-period", IDN, identity_cell("period"))),
    Case("identity-invalid", edited(set_identity("period", "hösten")),
         at("identity-invalid", IDN, identity_cell("period"))),
    Case("plan-version-other", edited(set_identity("plan_identity", "0123456789abcdef")),
         at("plan-version-other", IDN, identity_cell("plan_identity"))),
    Case("plan-version-changed", edited(chain(old_plan, set_cell(IND, "1.1.1", "target", 80))),
         both(at("plan-version-changed", IDN, identity_cell("plan_identity")),
              at("plan-item-changed", IND, cell(IND, "1.1.1", "target")))),
    Case("plan-kind-changed", edited(chain(old_plan, set_cell(IND, "1.1.1", "kind", "Andel"))),
         both(at("plan-changed", IDN, identity_cell("plan_identity")),
              at("plan-kind-changed", IND, cell(IND, "1.1.1", "kind")))),
    Case("plan-item-added", edited(chain(old_plan, delete_row(IND, "2.1.2"))),
         both(at("plan-changed", IDN, identity_cell("plan_identity")),
              at("plan-item-added", IND, searched("plan-item-added", IND)))),
    Case("plan-item-removed", edited(chain(old_plan, set_cell(IND, "2.1.2", "id", "2.1.9"))),
         both(at("plan-changed", IDN, identity_cell("plan_identity")),
              at("plan-item-removed", IND, cell(IND, "2.1.2", "id"))), allowed=("plan-item-added",)),
    # ---- sheets, rows, columns and formulas ----
    Case("duplicate-row", edited(set_cell(IND, "1.1.2", "id", "1.1.1")),
         at("duplicate-row", IND, cell(IND, "1.1.2", "id")), allowed=("missing-row",)),
    Case("missing-row", edited(delete_row(IND, "2.1.2")), at("missing-row", IND, searched("missing-row", IND))),
    Case("unknown-row", edited(set_cell(IND, "2.1.2", "id", "9.9.9")),
         at("unknown-row", IND, cell(IND, "2.1.2", "id")), allowed=("missing-row",)),
    Case("moved-row", edited(swap_ids("1.1.1", "1.1.2")),
         both(at("moved-row", IND, cell(IND, "1.1.1", "id")), at("moved-row", IND, cell(IND, "1.1.2", "id"))),
         allowed=("value-implausible", "analysis-missing", "formula-changed")),
    Case("row-without-id", edited(set_cell(IND, "2.1.2", "id", None)),
         at("row-without-id", IND, cell(IND, "2.1.2", "id")), allowed=("missing-row",)),
    Case("sheet-missing", edited(delete_sheet(ASG)), at("sheet-missing")),
    Case("header-missing", edited(set_header(IND, "id", "Id")), at("header-missing", IND)),
    Case("column-missing", edited(set_header(IND, "outcome", "Utfall i år")),
         at("column-missing", IND, f"A{layout.HEADER_ROW}")),
    Case("check-formula-deleted", edited(set_cell(IND, "1.1.1", "check", None)),
         at("formula-deleted", IND, cell(IND, "1.1.1", "check"))),
    Case("check-formula-changed", edited(set_cell(IND, "1.1.2", "check", '=""')),
         at("formula-changed", IND, cell(IND, "1.1.2", "check"))),
    Case("assignment-check-changed", edited(set_cell(ASG, "U2", "check", '=IF(D6="","Saknas","")')),
         at("formula-changed", ASG, cell(ASG, "U2", "check"))),
    Case("deviation-overwritten", edited(set_cell(ECO, "FILM", "deviation_tkr", 0)),
         at("formula-deleted", ECO, cell(ECO, "FILM", "deviation_tkr"))),
    Case("formula-in-input", edited(set_cell(IND, "1.1.1", "outcome", "=60")),
         at("formula-in-input", IND, cell(IND, "1.1.1", "outcome")), allowed=("missing-input",)),
    Case("frame-changed", edited(set_cell(ECO, "FILM", "frame_tkr", 9999)),
         at("frame-changed", ECO, cell(ECO, "FILM", "frame_tkr"))),
    # ---- values ----
    Case("outcome-missing", filled(indicators={"1.1.1": {"outcome": None}}),
         at("missing-input", IND, cell(IND, "1.1.1", "outcome"))),
    Case("assessment-missing", filled(indicators={"1.1.2": {"assessment": None}}),
         at("missing-input", IND, cell(IND, "1.1.2", "assessment"))),
    Case("not-a-number", filled(indicators={"1.1.1": {"outcome": "tolv"}}),
         at("not-a-number", IND, cell(IND, "1.1.1", "outcome"))),
    Case("not-whole", filled(indicators={"1.1.1": {"outcome": "12,5"}}),
         at("not-whole", IND, cell(IND, "1.1.1", "outcome"))),
    Case("negative", filled(indicators={"2.1.2": {"outcome": -3}}),
         at("negative", IND, cell(IND, "2.1.2", "outcome"))),
    Case("share-out-of-range", filled("KUS", indicators={"1.1.4": {"outcome": "140 %"}}),
         at("share-out-of-range", IND, cell(IND, "1.1.4", "outcome", "KUS"))),
    Case("not-yes-no", filled("KONST", indicators={"2.1.3": {"outcome": "kanske"}}),
         at("not-yes-no", IND, cell(IND, "2.1.3", "outcome", "KONST"))),
    Case("invalid-assessment", filled(indicators={"1.1.1": {"assessment": "Bra"}}),
         at("invalid-assessment", IND, cell(IND, "1.1.1", "assessment"))),
    Case("invalid-status", filled(assignments={"U1": {"status": "Klar"}}),
         at("invalid-status", ASG, cell(ASG, "U1", "status"))),
    Case("status-missing", filled(assignments={"U3": {"status": None}}),
         at("missing-input", ASG, cell(ASG, "U3", "status"))),
    Case("text-too-long", filled(indicators={"1.1.1": {"analysis": "x" * 2001}}),
         at("text-too-long", IND, cell(IND, "1.1.1", "analysis"))),
    Case("formula-like-text", filled(assignments={"U2": {"comment": "=HYPERLINK(\"http://x\")"}}),
         at("formula-like-text", ASG, cell(ASG, "U2", "comment"))),
    Case("analysis-missing", filled(indicators={"1.1.2": {"assessment": NOT_MET, "analysis": None}}),
         at("analysis-missing", IND, cell(IND, "1.1.2", "analysis"))),
    Case("comment-missing", filled(economy={"forecast_tkr": FILM_FRAME + 500, "comment": None}),
         at("comment-missing", ECO, cell(ECO, "FILM", "comment"))),
    Case("value-implausible", filled(indicators={"1.1.1": {"outcome": 10000, "assessment": "Uppfyllt"}}),
         at("value-implausible", IND, cell(IND, "1.1.1", "outcome"))),
    Case("below-previous", below_previous, at("below-previous", IND, cell(IND, "1.1.1", "outcome")),
         allowed=("analysis-missing",)),
    Case("forecast-missing", filled(economy={"forecast_tkr": None}),
         at("missing-input", ECO, cell(ECO, "FILM", "forecast_tkr"))),
    Case("economy-not-a-number", filled(economy={"outcome_tkr": "cirka 5000"}),
         at("not-a-number", ECO, cell(ECO, "FILM", "outcome_tkr"))),
    Case("economy-implausible", filled(economy={"outcome_tkr": 815000}),
         at("value-implausible", ECO, cell(ECO, "FILM", "outcome_tkr"))),
    Case("t1-events-missing", filled("FILM", "2026-T1", economy={"events": None}),
         at("missing-input", ECO, cell(ECO, "FILM", "events", "FILM", "2026-T1")), "any"),
]
CASE_IDS = [c.id for c in CASES]
assert len(set(CASE_IDS)) == len(CASES) >= 30


@pytest.fixture(scope="module")
def bad(env: Env) -> dict[str, Path]:
    """Every bad return, written once, in a directory per group (for one CLI run per group)."""
    out = {}
    for case in CASES:
        work = env.root / "work" / case.id
        work.mkdir(parents=True)
        built = case.build(env, work)
        target = env.root / "bad" / case.group / f"{case.id}{built.suffix}"
        if built.name.startswith("~$"):
            target = target.with_name(f"~${case.id}.xlsx")
        target.parent.mkdir(parents=True, exist_ok=True)
        built.rename(target)
        out[case.id] = target
    return out


def _period_arg(case: Case) -> Period | None:
    return Period(2026, 2) if case.group == "T2" else None


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_bad_return_gives_its_code_at_its_cell(env: Env, bad: dict[str, Path], case: Case) -> None:
    result = validate_file(bad[case.id], env.ctx, period=_period_arg(case))
    flat = [(f.code, f.sheet, f.cell) for f in result.findings]
    for expected in case.expected(env):
        assert expected in flat, (case.id, flat)
    codes = {f.code for f in result.findings}
    assert codes <= {e[0] for e in case.expected(env)} | set(case.allowed), (case.id, flat)
    assert (result.data is not None) == case.data, case.id
    for f in result.findings:
        assert f.file == str(bad[case.id])
        assert f.message and "{" not in f.message and f.severity in ("fel", "varning")
    if case.id != "lock-file":
        assert result.sha256 == __import__("hashlib").sha256(bad[case.id].read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def cli_runs(env: Env, bad: dict[str, Path]) -> dict[tuple[str, str], Any]:
    """One CLI run per group and format: (group, format) -> (exit code, output)."""
    runner = CliRunner()
    out = {}
    for group in ("any", "T2"):
        args = ["validate", str(env.root / "bad" / group), "--master", str(env.master)]
        if group == "T2":
            args += ["--period", "2026-T2"]
        for fmt in ("text", "json"):
            result = runner.invoke(main, [*args, "--format", fmt])
            out[(group, fmt)] = (result.exit_code, result.output, result.exception)
    return out


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_bad_return_through_the_cli(env: Env, bad: dict[str, Path], cli_runs: dict, case: Case) -> None:
    code, text, exc = cli_runs[(case.group, "text")]
    assert code == 1 and "Traceback" not in text
    assert exc is None or isinstance(exc, SystemExit)
    path = str(bad[case.id])
    for f_code, sheet, cell_ in case.expected(env):
        where = f"{path}, {sheet}!{cell_}" if sheet and cell_ else (f"{path}, {sheet}" if sheet else path)
        assert any(line.split("  [")[0].endswith(where) and f"[{f_code}]" in line for line in text.splitlines()), \
            (case.id, where, f_code)
    code, output, exc = cli_runs[(case.group, "json")]
    assert code == 1
    files = {entry["file"]: entry for entry in json.loads(output)}
    entry = files[path]
    flat = [(f["code"], f["sheet"], f["cell"]) for f in entry["findings"]]
    for expected in case.expected(env):
        assert expected in flat
    assert entry["valid"] is False or all(f["severity"] == "varning" for f in entry["findings"])
    assert len(entry["sha256"]) == (0 if case.id == "lock-file" else 64)


# --------------------------------------------------------------------------------------------
# Details of particular rules
# --------------------------------------------------------------------------------------------

def test_identity_missing_still_reads_the_values_with_a_period(env: Env, bad: dict[str, Path]) -> None:
    result = validate_file(bad["identity-missing"], env.ctx, period=Period(2026, 2))
    assert result.data is not None and result.data.unit_id == "FILM" and not result.valid
    assert validate_file(bad["identity-missing"], env.ctx).data is None


def test_plan_changes_are_named_and_only_row_changes_reject(env: Env, bad: dict[str, Path]) -> None:
    result = validate_file(bad["plan-version-changed"], env.ctx)
    assert result.valid  # a changed target touches nothing the unit entered
    summary = next(f for f in result.findings if f.code == "plan-version-changed")
    assert summary.severity == "varning" and "1.1.1 Målvärde '80' → '90'" in summary.message
    changed = next(f for f in result.findings if f.code == "plan-item-changed")
    assert changed.found == "80" and changed.expected == "90" and changed.item_id == "1.1.1"
    assert changed.severity == "varning"
    added = validate_file(bad["plan-item-added"], env.ctx)
    assert not added.valid
    assert "tillkommit 2.1.2" in next(f for f in added.findings if f.code == "plan-changed").message
    assert "nplan returns migrate" in next(f for f in added.findings if f.code == "plan-changed").message
    kind = validate_file(bad["plan-kind-changed"], env.ctx)
    assert not kind.valid and "ny värdetyp för 1.1.1" in next(
        f for f in kind.findings if f.code == "plan-changed").message


def test_a_return_from_another_plan_version_is_accepted_when_the_unit_is_unchanged(env: Env, tmp_path: Path) -> None:
    plan = load_plan(env.master)
    plan.goals[0].formulation += " Ändrad text."  # changes the plan's identity, not FILM's fingerprint
    assert plan.identity() != env.plan.identity()
    assert plan.unit_fingerprint("FILM") == env.plan.unit_fingerprint("FILM")
    result = validate_file(env.good[("FILM", "2026-T2")], plan)
    assert result.valid and [f.code for f in result.findings] == ["plan-version-other"]


def test_a_target_changed_after_sending_is_accepted_with_a_warning_listing_it(env: Env) -> None:
    """The issue's case: the controller fixes a target after the returns went out; the filled return still
    counts, with the change named at its cell and in the summary."""
    plan = load_plan(env.master)
    old_target = env.plan.indicator("1.1.1").target
    plan.indicator("1.1.1").target = 95.0
    plan.indicator("1.1.2").name = "Antal insatser (ny lydelse)"
    assert plan.unit_fingerprint("FILM") != env.plan.unit_fingerprint("FILM")
    result = validate_file(env.good[("FILM", "2026-T2")], plan)
    assert result.valid, [(f.code, f.message) for f in result.findings]
    path = env.blank[("FILM", "2026-T2")]
    flat = [(f.code, f.severity, f.sheet, f.cell) for f in result.findings]
    assert ("plan-item-changed", "varning", IND, locate(path, IND, "1.1.1", "target")) in flat
    assert ("plan-item-changed", "varning", IND, locate(path, IND, "1.1.2", "name")) in flat
    [summary] = [f for f in result.findings if f.code == "plan-version-changed"]
    assert f"1.1.1 Målvärde '{old_target:g}' → '95'" in summary.message
    assert "Antal insatser (ny lydelse)" in summary.message
    # The values the unit entered are read as they are.
    given = env.values[("FILM", "2026-T2")]["indicators"]
    assert {r.indicator_id: r.outcome for r in result.data.indicators} == pytest.approx(
        {k: v["outcome"] for k, v in given.items()})


def test_a_return_from_a_plan_where_the_units_rows_changed_is_rejected(env: Env) -> None:
    path = env.blank[("FILM", "2026-T2")]
    other = load_plan(env.master)
    other.indicators = [i for i in other.indicators if i.id != "2.1.2"]
    result = validate_file(env.good[("FILM", "2026-T2")], other)
    assert not result.valid
    assert ("plan-item-removed", IND, locate(path, IND, "2.1.2", "id")) in \
        [(f.code, f.sheet, f.cell) for f in result.findings]


def test_formula_like_text_is_kept_as_plain_text(env: Env, bad: dict[str, Path]) -> None:
    result = validate_file(bad["formula-like-text"], env.ctx)
    assert result.valid  # a warning only
    comment = next(a for a in result.data.assignments if a.assignment_id == "U2").comment
    assert comment == '=HYPERLINK("http://x")'


def test_previous_values_argument_overrides_the_returns_column(env: Env) -> None:
    good = env.good[("FILM", "2026-T2")]
    outcome = env.values[("FILM", "2026-T2")]["indicators"]["1.1.2"]["outcome"]
    result = validate_file(good, env.ctx, previous={("FILM", "1.1.2"): outcome + 1})
    assert [(f.code, f.item_id, f.severity) for f in result.findings] == [("below-previous", "1.1.2", "varning")]
    assert validate_file(good, env.ctx, previous={("FILM", "1.1.2"): outcome}).findings == []
    t1 = validate_file(env.good[("FILM", "2026-T1")], env.ctx, previous={("FILM", "1.1.2"): 10**6})
    assert t1.findings == []


def test_comment_threshold_is_strictly_greater(env: Env, tmp_path: Path) -> None:
    threshold = env.plan.settings.deviation_threshold_tkr
    at_limit = env.fill("FILM", "2026-T2", tmp_path / "a.xlsx",
                        economy={"forecast_tkr": FILM_FRAME - threshold, "comment": None})
    assert validate_file(at_limit, env.ctx).findings == []
    above = env.fill("FILM", "2026-T2", tmp_path / "b.xlsx",
                     economy={"forecast_tkr": FILM_FRAME - threshold - 1, "comment": None})
    assert [f.code for f in validate_file(above, env.ctx).findings] == ["comment-missing"]


def test_analysis_is_required_for_every_assessment_but_met(env: Env, tmp_path: Path) -> None:
    for label, needs in (("Uppfyllt", False), ("Delvis uppfyllt", True), ("Ej uppfyllt", True),
                         ("Ingen bedömning", True)):
        path = env.fill("FILM", "2026-T2", tmp_path / f"{needs}{label}.xlsx",
                        indicators={"1.1.1": {"assessment": label, "analysis": None}})
        codes = [f.code for f in validate_file(path, env.ctx).findings]
        assert codes == (["analysis-missing"] if needs else []), label


def test_t1_assessment_is_optional_but_analysis_follows_it(env: Env, tmp_path: Path) -> None:
    # No example indicator is due in T1: use a plan where 1.1.1 is reported every tertial.
    from toolkit.core.periods import parse_periodicity

    plan = load_plan(env.master)
    plan.indicator("1.1.1").periodicity = parse_periodicity("Tertial")
    blank = create_returns(plan, Period(2026, 1), tmp_path / "t1", units=["FILM"])[0]
    economy = {"outcome_tkr": 2700, "forecast_tkr": FILM_FRAME, "events": "Inga."}
    empty_inputs = fill_return(blank, tmp_path / "a.xlsx", {"economy": economy})
    assert validate_file(empty_inputs, plan).findings == []
    partly = fill_return(blank, tmp_path / "b.xlsx", {"economy": economy,
                                                     "indicators": {"1.1.1": {"assessment": "Delvis uppfyllt"}}})
    assert [(f.code, f.cell) for f in validate_file(partly, plan).findings] == [
        ("analysis-missing", locate(blank, IND, "1.1.1", "analysis"))]


SWEDISH_FORMS = [
    ("KUS", "2026-T3", "2.1.1", "1 234", 1234.0),
    ("KUS", "2026-T3", "2.1.1", "1\u00a0234", 1234.0),
    ("KUS", "2026-T3", "2.1.1", 1234, 1234.0),
    ("KUS", "2026-T2", "1.1.4", "40 %", 0.4),
    ("KUS", "2026-T2", "1.1.4", "40%", 0.4),
    # A share cell is formatted as percent: a number is the fraction it shows, a text the percent typed.
    ("KUS", "2026-T2", "1.1.4", "0,4", 0.004),
    ("KUS", "2026-T2", "1.1.4", 0.4, 0.4),
    ("KUS", "2026-T2", "1.1.4", "40", 0.4),
    ("KUS", "2026-T2", "1.1.4", "62,5 %", 0.625),
    ("KUS", "2026-T2", "1.1.4", 1, 1.0),
    ("KONST", "2026-T2", "2.1.3", "ja", True),
    ("KONST", "2026-T2", "2.1.3", "JA", True),
    ("KONST", "2026-T2", "2.1.3", "Ja", True),
    ("KONST", "2026-T2", "2.1.3", "nej", False),
    ("FILM", "2026-T2", "1.1.1", "12", 12.0),
]


def test_swedish_input_forms_are_accepted_and_normalized(env: Env, tmp_path: Path) -> None:
    for n, (unit, period, item, given, expected) in enumerate(SWEDISH_FORMS):
        path = env.fill(unit, period, tmp_path / f"f{n}.xlsx",
                        indicators={item: {"outcome": given, "assessment": "Uppfyllt"}})
        result = validate_file(path, env.ctx)
        assert result.errors == [], (given, [f.message for f in result.findings])
        report = next(r for r in result.data.indicators if r.indicator_id == item)
        if isinstance(expected, bool):
            assert report.outcome is expected
        else:
            assert report.outcome == pytest.approx(expected)
        assert report.raw_outcome == (given if isinstance(given, str) else str(given))


def test_choices_and_amounts_in_other_forms(env: Env, tmp_path: Path) -> None:
    path = env.fill("FILM", "2026-T2", tmp_path / "c.xlsx",
                    indicators={"1.1.1": {"assessment": "  uppfyllt "}, "1.1.2": {"assessment": "Bedöms uppfyllas"}},
                    assignments={"U1": {"status": "PÅBÖRJAD"}},
                    economy={"forecast_tkr": "8 150", "outcome_tkr": "5 400,5 tkr"})
    result = validate_file(path, env.ctx)
    assert result.findings == []
    d = result.data
    assert [r.assessment for r in d.indicators[:2]] == [Assessment.MET, Assessment.MET]
    assert d.assignments[0].status is AssignmentStatus.STARTED
    assert d.budget.forecast_tkr == 8150.0 and d.budget.outcome_tkr == 5400.5 and d.budget.deviation_tkr == 0.0


def test_validate_paths_walks_directories_and_reports_lock_files(env: Env, tmp_path: Path) -> None:
    inbox = tmp_path / "inkorg"
    (inbox / "film").mkdir(parents=True)
    copy_as(env.good[("FILM", "2026-T2")], inbox / "film" / "retur.xlsx")
    copy_as(env.good[("KUS", "2026-T2")], inbox / "kus.xlsx")
    (inbox / "~$kus.xlsx").write_bytes(b"lock")
    (inbox / "notes.txt").write_text("not a return")
    (inbox / ".hidden.xlsx").write_bytes(b"")
    results = validate_paths([inbox], env.plan, period=Period(2026, 2))
    names = [Path(r.path).name for r in results]
    assert names == ["retur.xlsx", "kus.xlsx", "~$kus.xlsx"]
    assert [r.valid for r in results] == [True, True, False]
    lock = results[2]
    assert [(f.code, f.severity) for f in lock.findings] == [("lock-file", "varning")] and lock.data is None


def test_missing_file_is_a_finding(env: Env, tmp_path: Path) -> None:
    result = validate_file(tmp_path / "nope.xlsx", env.plan)
    assert [f.code for f in result.findings] == ["file-not-found"] and result.data is None


# --------------------------------------------------------------------------------------------
# CLI behaviour
# --------------------------------------------------------------------------------------------

def test_cli_clean_directory_exits_0_with_a_summary_per_file(env: Env) -> None:
    result = CliRunner().invoke(main, ["validate", str(env.root / "good" / "2026-T2"), "--master", str(env.master),
                                       "--period", "2026-T2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sum(": godkänd (" in line for line in lines) == 4
    assert lines[-1] == "4 fil(er): 4 godkända, 0 med fel."


def test_cli_warnings_only_exit_0(env: Env, bad: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["validate", str(bad["formula-like-text"]), "--master", str(env.master),
                                       "--format", "json"])
    assert result.exit_code == 0
    [entry] = json.loads(result.output)
    assert entry["valid"] is True and entry["warnings"] == 1 and entry["errors"] == 0
    assert entry["unit_id"] == "FILM" and entry["period"] == "2026-T2"


def test_cli_bad_period_is_a_usage_error_in_swedish(env: Env) -> None:
    result = CliRunner().invoke(main, ["validate", str(env.good[("FILM", "2026-T2")]), "--master", str(env.master),
                                       "--period", "2026-T9"])
    assert result.exit_code == 2
    assert "Perioden '2026-T9' går inte att läsa" in result.output


def test_cli_missing_master_is_an_error_not_a_traceback(env: Env, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(env.good[("FILM", "2026-T2")]), "--master",
                                       str(tmp_path / "none.xlsx")])
    assert result.exit_code == 1 and result.output.startswith("Fel: ") and "Traceback" not in result.output


def test_cli_empty_directory_is_an_error(env: Env, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(tmp_path), "--master", str(env.master)])
    assert result.exit_code == 1 and "Inga returer hittades" in result.output


def test_cli_annotate_writes_copies_for_files_with_findings(env: Env, bad: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "granskat"
    files = [bad["not-a-number"], bad["xls"], env.good[("KUS", "2026-T2")]]
    before = [f.read_bytes() for f in files]
    result = CliRunner().invoke(main, ["validate", *map(str, files), "--master", str(env.master),
                                       "--annotate", str(out), "--format", "json"])
    assert result.exit_code == 1
    entries = json.loads(result.output)
    assert sorted(p.name for p in out.iterdir()) == ["not-a-number_granskad.xlsx", "xls_granskad.xlsx"]
    assert [e.get("annotated") is not None for e in entries] == [True, True, False]
    assert [f.read_bytes() for f in files] == before


# --------------------------------------------------------------------------------------------
# The annotated copy, and returns saved by a real spreadsheet application (LibreOffice)
# --------------------------------------------------------------------------------------------

def test_annotated_copy_marks_cells_and_lists_findings(env: Env, bad: dict[str, Path], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from toolkit.validate import annotate

    source = bad["moved-row"]
    before = source.read_bytes()
    result = validate_file(source, env.ctx, period=Period(2026, 2))
    out = annotate(result, tmp_path)
    assert out == tmp_path / "moved-row_granskad.xlsx" and source.read_bytes() == before
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Fynd" and wb.active.title == "Fynd"
    assert wb.sheetnames[1:] == load_workbook(source).sheetnames
    for f in result.findings:
        c = wb[f.sheet][f.cell]
        assert f.message in c.comment.text and c.fill.fgColor.rgb.endswith("FFC7CE")
    listed = [row for row in wb["Fynd"].iter_rows(min_row=5, values_only=True) if row[0]]
    assert [(r[8], r[1], r[2]) for r in listed] == [(f.code, f.sheet, f.cell) for f in result.findings]
    first = result.findings[0]
    assert wb["Fynd"]["C5"].hyperlink.location.replace("'", "") == f"{first.sheet}!{first.cell}"
    # The unit's inputs are kept: the copy validates to the same findings.
    again = validate_file(out, env.ctx, period=Period(2026, 2))
    assert [(f.code, f.cell) for f in again.findings] == [(f.code, f.cell) for f in result.findings]


def test_annotated_copy_of_unreadable_file_is_the_list(env: Env, bad: dict[str, Path], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from toolkit.validate import annotate

    result = validate_file(bad["encrypted"], env.ctx)
    out = annotate(result, tmp_path)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Fynd"]
    assert wb["Fynd"]["I5"].value == "encrypted-file"


def test_formula_like_text_stays_text_in_the_annotated_copy(env: Env, bad: dict[str, Path], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from toolkit.validate import annotate

    result = validate_file(bad["formula-like-text"], env.ctx)
    out = annotate(result, tmp_path)
    f = result.findings[0]
    c = load_workbook(out)[f.sheet][f.cell]
    assert c.data_type == "s" and c.value == '=HYPERLINK("http://x")'
    listed = load_workbook(out)["Fynd"]
    assert listed["F5"].data_type == "s"


def _libreoffice_convert(paths: list[Path], out: Path) -> dict[Path, Path]:
    """Open and save several workbooks in one LibreOffice run; {source: saved copy}."""
    import subprocess
    import tempfile

    from libreoffice import SOFFICE

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        proc = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                               "--calc", "--convert-to", "xlsx", "--outdir", str(out), *map(str, paths)],
                              capture_output=True, text=True, timeout=300)
    result = {p: out / (p.stem + ".xlsx") for p in paths}
    assert proc.returncode == 0 and all(r.is_file() for r in result.values()), proc.stderr
    return result


from libreoffice import requires_libreoffice  # noqa: E402


@requires_libreoffice
def test_libreoffice_opens_annotated_copies_and_its_saved_returns_validate_clean(
        env: Env, bad: dict[str, Path], tmp_path: Path) -> None:
    from libreoffice import sheet_values

    from toolkit.validate import annotate

    annotated = [annotate(validate_file(bad[c], env.ctx, period=Period(2026, 2)), tmp_path / "ann")
                 for c in ("moved-row", "comment-missing")]
    annotated.append(annotate(validate_file(bad["xls"], env.ctx), tmp_path / "ann"))
    good = [env.good[(u, "2026-T2")] for u in UNITS]
    saved = _libreoffice_convert(annotated + good, tmp_path / "lo")
    for path in annotated:
        rows = sheet_values(saved[path], "Fynd")
        codes = [r[8] for r in rows[4:] if len(r) > 8 and r[8]]
        original = validate_file(bad[path.stem.removesuffix("_granskad")], env.ctx, period=Period(2026, 2))
        assert codes == [f.code for f in original.findings]
    # A return that a spreadsheet application saved (formulas rewritten, cached values present) is clean.
    for path in good:
        result = validate_file(saved[path], env.ctx, period=Period(2026, 2))
        assert result.findings == [], (path.name, [(f.code, f.cell, f.found, f.expected) for f in result.findings])
        assert result.data == validate_file(path, env.ctx).data


def test_cli_total_counts_unread_lock_files_apart(env: Env, tmp_path: Path) -> None:
    folder = tmp_path / "inkorg"
    shutil.copytree(env.root / "good" / "2026-T2", folder)
    (folder / "~$lånad.xlsx").write_bytes(b"\x05nplan" + b"\x00" * 160)
    result = CliRunner().invoke(main, ["validate", str(folder), "--master", str(env.master), "--period", "2026-T2"])
    assert result.exit_code == 0, result.output  # a lock file is a warning, not an error
    assert result.output.splitlines()[-1] == "5 fil(er): 4 godkända, 0 med fel. 1 lästes inte (t.ex. låsfiler)."
