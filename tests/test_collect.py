"""Collecting an inbox into the history: the walk, the status table, idempotent re-runs, resubmissions,
the archive, crashes and concurrent collects, the status workbook, export and the CLI.

Most tests use a stand-in validator (``fake_validate``: a "return" is a small JSON file naming its unit)
so that they test collect's own logic quickly; the end-to-end tests at the bottom collect real returns
generated from the example master and filled by simulated units, validated by ``toolkit.validate``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from libreoffice import SOFFICE, requires_libreoffice, sheet_values
from openpyxl import load_workbook
from test_history import make_result

from toolkit.cli import main
from toolkit.core.findings import make
from toolkit.core.periods import Period
from toolkit.core.returndata import ValidationResult
from toolkit.history import collect as cmod
from toolkit.history.archive import read_receipts
from toolkit.history.export import export
from toolkit.history.inbox import guess_unit, inbox_files
from toolkit.history.status_workbook import write_status_workbook
from toolkit.history.store import History
from toolkit.returns.example_inbox import make_example_inbox

ROOT = Path(__file__).resolve().parents[1]
T2 = Period(2026, 2)
BASE = dt.datetime(2026, 9, 5, 9, 0).timestamp()


# --------------------------------------------------------------------------------------------
# A stand-in validator: a "return" is JSON {"unit": id, "n": int, "errors": int}
# --------------------------------------------------------------------------------------------

def fake_validate(data: bytes, path: Path, ctx, period, previous) -> ValidationResult:
    """Stands in for ``toolkit.history.collect._check`` (validation of a file's bytes)."""
    sha = hashlib.sha256(data).hexdigest()
    delay = float(os.environ.get("FAKE_VALIDATE_DELAY", "0"))
    if delay:
        time.sleep(delay)
    try:
        spec = json.loads(data)
    except ValueError:
        return ValidationResult(path=str(path), sha256=sha, data=None,
                                findings=[make("missing-value", file=Path(path).name, field="fil")])
    res = make_result(ctx.plan, spec["unit"], period, n=spec["n"], errors=spec.get("errors", 0))
    res.path, res.sha256 = str(path), sha
    return res


@pytest.fixture()
def fake(monkeypatch):
    monkeypatch.setattr(cmod, "_check", fake_validate)


def put(path: Path, unit: str, n: int, *, errors: int = 0, minutes: float = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"unit": unit, "n": n, "errors": errors}))
    os.utime(path, (BASE + 60 * minutes, BASE + 60 * minutes))
    return path


def standard_inbox(inbox: Path) -> Path:
    """KUS valid; BIB valid, then corrected (newer); FILM invalid; KONST nothing; lock, temp, other files."""
    put(inbox / "kus.xlsx", "KUS", 1)
    put(inbox / "bib.xlsx", "BIB", 2, minutes=10)
    put(inbox / "mejl 2" / "bib-rattad.xlsx", "BIB", 3, minutes=60 * 24)
    put(inbox / "film.xlsx", "FILM", 4, errors=2, minutes=20)
    (inbox / "~$kus.xlsx").write_bytes(b"\x00" * 10)
    (inbox / ".~lock.bib.xlsx#").write_text("lock")
    (inbox / "mejl 2" / "~WRL0001.tmp").write_bytes(b"x")
    (inbox / "Thumbs.db").write_bytes(b"x")
    (inbox / "signatur.pdf").write_bytes(b"%PDF-1.4")
    return inbox


def state_of(db_path: Path) -> list[tuple]:
    """Everything that matters in a history, independent of ids and storing times."""
    with History.open(db_path) as h:
        subs = h.submissions()
        values = h.indicator_values()
        return (sorted(zip(subs["unit_id"], subs["file_name"], subs["sha256"], subs["state"],
                           subs["errors"])),
                sorted(zip(values["unit_id"], values["indicator_id"], values["analysis"])))


# --------------------------------------------------------------------------------------------
# The inbox walk
# --------------------------------------------------------------------------------------------

def test_walk_recurses_skips_lock_and_temp_files_and_ignores_other_files(tmp_path: Path) -> None:
    inbox = standard_inbox(tmp_path / "in")
    (inbox / ".dold").mkdir()
    put(inbox / ".dold" / "x.xlsx", "KUS", 9)
    put(inbox / "arkiv" / "abc.xlsx", "KUS", 9)
    listing = inbox_files(inbox, exclude=[inbox / "arkiv"])

    def rel(paths: list[Path]) -> list[str]:
        return [p.relative_to(inbox).as_posix() for p in paths]

    assert rel(listing.files) == ["bib.xlsx", "film.xlsx", "kus.xlsx", "mejl 2/bib-rattad.xlsx"]
    assert sorted(rel(listing.skipped)) == sorted([".~lock.bib.xlsx#", "Thumbs.db", "mejl 2/~WRL0001.tmp",
                                                   "~$kus.xlsx"])
    assert rel(listing.ignored) == ["signatur.pdf"]


@pytest.mark.parametrize("name, unit", [
    ("2026-T2_Film_i_Vasterbotten.xls", "FILM"),
    ("2026-T2_Biblioteksutveckling_Vasterbotten_inkl_sjukhusbibliotek.ods", "BIB"),
    ("retur KONST.xlsx", "KONST"),
    ("retur.xlsx", ""),
])
def test_unreadable_files_are_attributed_by_their_name(example_plan, name: str, unit: str) -> None:
    assert guess_unit(name, example_plan) == unit


# --------------------------------------------------------------------------------------------
# Collect with the stand-in validator
# --------------------------------------------------------------------------------------------

def test_status_table_per_unit(tmp_path: Path, example_plan, fake, new_db) -> None:
    inbox = standard_inbox(tmp_path / "in")
    put(inbox / "okand.xlsx", "NOBODY", 5, errors=1)
    (inbox / "trasig.xlsx").write_bytes(b"not json, not a workbook")
    result = cmod.collect(inbox, example_plan, T2, db_path=new_db("h"),
                          archive_dir=tmp_path / "arkiv",
                          workers=1)
    table = result.status_table()
    rows = {r["unit_id"]: r for r in table.to_dict("records")}
    assert list(table["unit_id"])[:4] == ["KUS", "BIB", "FILM", "KONST"]
    assert {u: rows[u]["status"] for u in ("KUS", "BIB", "FILM", "KONST")} == {
        "KUS": "accepted", "BIB": "accepted", "FILM": "rejected", "KONST": "missing"}
    assert {u: rows[u]["status_label"] for u in ("KUS", "BIB", "FILM", "KONST")} == {
        "KUS": "godkänd", "BIB": "godkänd", "FILM": "underkänd", "KONST": "saknas"}
    assert rows["BIB"]["file"] == "mejl 2/bib-rattad.xlsx" and rows["BIB"]["files"] == 2
    assert rows["FILM"]["errors"] == 2 and rows["FILM"]["file"] == "film.xlsx"
    assert rows["KONST"]["files"] == 0 and rows["KONST"]["file"] == ""
    # A return naming a unit the plan does not have, and a file that is no return at all: own rows.
    assert (rows["NOBODY"]["status"], rows["NOBODY"]["unit_name"]) == ("rejected", "(okänd verksamhet)")
    assert rows[""]["status"] == "rejected" and rows[""]["file"] == "trasig.xlsx"
    assert result.counts() == {"accepted": 2, "rejected": 1, "conflict": 0, "missing": 1, "received": 0}
    assert [p.name for p in result.ignored] == ["signatur.pdf"]
    assert len(result.skipped) == 4
    assert len(result.results) == 6 and result.new_submissions == 6


def test_rerun_on_the_same_files_adds_nothing(tmp_path: Path, example_plan, fake, monkeypatch, new_db) -> None:
    inbox = standard_inbox(tmp_path / "in")
    db = new_db("h")
    checked = []
    def counting(data, path, *args):
        checked.append(path)
        return fake_validate(data, path, *args)

    monkeypatch.setattr(cmod, "_check", counting)
    first = cmod.collect(inbox, example_plan, T2, db_path=db, archive_dir=tmp_path / "arkiv", workers=1)
    assert len(checked) == 4 and len(first.results) == 4
    before = state_of(db)
    archived = sorted(p.name for p in (tmp_path / "arkiv").iterdir() if p.is_file())
    (tmp_path / "arkiv" / archived[0]).unlink()  # a lost archive copy is written again
    second = cmod.collect(inbox, example_plan, T2, db_path=db, archive_dir=tmp_path / "arkiv", workers=1)
    # Files already in the history are not validated again.
    assert len(checked) == 4 and second.results == [] and not any(f.new for f in second.files)
    assert state_of(db) == before
    assert sorted(p.name for p in (tmp_path / "arkiv").iterdir() if p.is_file()) == archived
    assert second.new_submissions == 0 and second.already_stored == first.new_submissions == 4
    assert second.status_table().drop(columns=["received_at"]).equals(
        first.status_table().drop(columns=["received_at"]))
    with History.open(db) as h:
        runs = h.runs()
    assert list(runs["stored"]) == [4, 0] and runs["finished_at"].notna().all()


def test_corrected_resubmission_in_a_later_run_supersedes(tmp_path: Path, example_plan, fake, new_db) -> None:
    inbox, db = tmp_path / "in", new_db("h")
    put(inbox / "bib.xlsx", "BIB", 2)
    cmod.collect(inbox, example_plan, T2, db_path=db, workers=1)
    put(inbox / "bib-v2.xlsx", "BIB", 3, minutes=90)
    # An older copy found later (mtime before the counting one) must not take over.
    put(inbox / "gammal" / "bib-kopia.xlsx", "BIB", 1, minutes=-90)
    result = cmod.collect(inbox, example_plan, T2, db_path=db, workers=1)
    with History.open(db) as h:
        subs = h.submissions(unit_id="BIB").set_index("file_name")
        values = h.indicator_values(period=T2)
    assert dict(subs["state"]) == {"bib.xlsx": "superseded", "bib-v2.xlsx": "accepted",
                                   "gammal/bib-kopia.xlsx": "superseded"}
    assert subs.loc["bib.xlsx", "received_at"] < subs.loc["bib-v2.xlsx", "received_at"]
    expected = {r.indicator_id: r.analysis for r in make_result(example_plan, "BIB", n=3).data.indicators}
    assert dict(zip(values["indicator_id"], values["analysis"])) == expected
    bib = next(u for u in result.units if u.unit_id == "BIB")
    assert (bib.state, bib.file_name, bib.submissions) == ("accepted", "bib-v2.xlsx", 3)


def test_newer_invalid_file_does_not_displace_the_valid_one(tmp_path: Path, example_plan, fake, new_db) -> None:
    inbox = tmp_path / "in"
    put(inbox / "kus.xlsx", "KUS", 1)
    put(inbox / "kus-ny.xlsx", "KUS", 2, errors=1, minutes=30)
    result = cmod.collect(inbox, example_plan, T2, db_path=new_db("h"), workers=1)
    kus = next(u for u in result.units if u.unit_id == "KUS")
    assert (kus.state, kus.file_name) == ("accepted", "kus.xlsx")
    assert "kus-ny.xlsx" in kus.note


def test_archive_holds_every_file_by_hash_and_originals_stay_untouched(tmp_path: Path, example_plan,
                                                                        fake, new_db) -> None:
    inbox = standard_inbox(tmp_path / "in")
    files = inbox_files(inbox).files
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    archive = inbox / "arkiv"  # inside the inbox: must not be collected itself on a re-run
    cmod.collect(inbox, example_plan, T2, db_path=new_db("h"), archive_dir=archive, workers=1)
    result = cmod.collect(inbox, example_plan, T2, db_path=new_db("h"), archive_dir=archive,
                          workers=1)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    expected = {hashlib.sha256(content).hexdigest() + ".xlsx" for content, _ in before.values()}
    assert {p.name for p in archive.iterdir() if p.is_file()} == expected
    for p in (p for p in archive.iterdir() if p.is_file()):
        assert hashlib.sha256(p.read_bytes()).hexdigest() + ".xlsx" == p.name
    assert len(result.files) == len(files)


@pytest.mark.parametrize("workers", [1, 2])
def test_failure_between_files_leaves_a_database_that_a_rerun_completes(tmp_path: Path, example_plan, fake,
                                                                        monkeypatch, workers: int, new_db) -> None:
    monkeypatch.setattr(cmod, "POOL_THRESHOLD", 2)
    inbox = standard_inbox(tmp_path / "in")
    for i in range(6):
        put(inbox / f"extra-{i}.xlsx", example_plan.units[i % 4].id, 100 + i, minutes=i)
    clean_db = new_db("clean")
    cmod.collect(inbox, example_plan, T2, db_path=clean_db, workers=workers)

    db = new_db("h")
    original = History.store
    calls = {"n": 0}

    def failing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("power cut")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cmod, "BATCH_FILES", 2)  # some files are committed before the failure
    monkeypatch.setattr(History, "store", failing)
    with pytest.raises(RuntimeError):
        cmod.collect(inbox, example_plan, T2, db_path=db, workers=workers)
    monkeypatch.setattr(History, "store", original)
    with History.open(db) as h:
        assert h.integrity_check() == "ok"
        assert 0 < len(h.submissions()) < 10
    cmod.collect(inbox, example_plan, T2, db_path=db, workers=workers)
    assert state_of(db) == state_of(clean_db)


_RUNNER = textwrap.dedent("""
    import pathlib, sys, time
    sys.path.insert(0, {tests!r})
    import test_collect
    from toolkit.history import collect as cmod
    from toolkit.plan.source import load_plan_source
    cmod._check = test_collect.fake_validate
    plan = load_plan_source({source!r})
    go = pathlib.Path({go!r})
    while {go!r} and not go.exists():  # start together with the other process
        time.sleep(0.01)
    from toolkit.core.periods import Period
    cmod.collect({inbox!r}, plan, Period(2026, 2), db_path={db!r}, archive_dir={archive!r}, workers=1)
""")


def _collect_process(inbox: Path, db: Path, archive: Path, delay: float = 0.0,
                     go: str = "") -> subprocess.Popen:
    from conftest import EXAMPLE_SOURCE

    code = _RUNNER.format(tests=str(Path(__file__).parent), source=str(EXAMPLE_SOURCE), inbox=str(inbox),
                          db=str(db), archive=str(archive), go=go)
    env = {**os.environ, "FAKE_VALIDATE_DELAY": str(delay)}
    return subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _many(inbox: Path, plan, start: int, count: int) -> None:
    for n in range(start, start + count):
        put(inbox / f"f{n:03d}.xlsx", plan.units[n % 4].id, n, errors=int(n % 7 == 0), minutes=n)


def test_collect_killed_mid_run_then_rerun_completes(tmp_path: Path, example_plan, fake, new_db) -> None:
    inbox = tmp_path / "in"
    _many(inbox, example_plan, 0, 40)
    clean_db = new_db("clean")
    cmod.collect(inbox, example_plan, T2, db_path=clean_db, workers=1)

    db, archive = new_db("h"), tmp_path / "arkiv"
    proc = _collect_process(inbox, db, archive, delay=0.05)
    deadline = time.monotonic() + 60
    # Kill it once some files are archived (it is then somewhere between files and transactions).
    while time.monotonic() < deadline and proc.poll() is None:
        if archive.is_dir() and len(list(archive.glob("*.xlsx"))) >= 10:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    with History.open(db) as h:
        assert h.integrity_check() == "ok"
        assert len(h.submissions()) < 40
    cmod.collect(inbox, example_plan, T2, db_path=db, archive_dir=archive, workers=1)
    assert state_of(db) == state_of(clean_db)
    assert len(list(archive.glob("*.xlsx"))) == 40
    assert len(read_receipts(archive)) == 40  # every stored submission has its receipt, none twice


def test_two_collects_at_once_on_one_database(tmp_path: Path, example_plan, new_db) -> None:
    # Two inboxes that share 20 files; both collected at the same time into one database.
    a, b = tmp_path / "a", tmp_path / "b"
    _many(a, example_plan, 0, 40)
    _many(b, example_plan, 20, 40)
    db, archive = new_db("h"), tmp_path / "arkiv"
    go = tmp_path / "go"
    procs = [_collect_process(a, db, archive, delay=0.02, go=str(go)),
             _collect_process(b, db, archive, delay=0.02, go=str(go))]
    time.sleep(0.5)
    go.touch()
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    with History.open(db) as h:
        subs = h.submissions()
        values = h.indicator_values()
    assert len(subs) == 60 and subs["sha256"].is_unique  # 0..59: nothing lost, nothing twice
    accepted = subs[subs["state"] == "accepted"]
    assert accepted["unit_id"].is_unique and len(accepted) == 4
    for unit_index, unit in enumerate(example_plan.units):
        newest_valid = max(n for n in range(60) if n % 4 == unit_index and n % 7 != 0)
        assert set(accepted[accepted["unit_id"] == unit.id]["file_name"]) == {f"f{newest_valid:03d}.xlsx"}
    assert values.groupby("unit_id")["submission_id"].nunique().max() == 1
    assert len(list(archive.glob("*.xlsx"))) == 60


def test_pool_and_single_process_give_the_same_history(tmp_path: Path, example_plan, fake, new_db) -> None:
    inbox = tmp_path / "in"
    _many(inbox, example_plan, 0, cmod.POOL_THRESHOLD + 10)
    cmod.collect(inbox, example_plan, T2, db_path=new_db("one"), workers=1)
    result = cmod.collect(inbox, example_plan, T2, db_path=new_db("two"), workers=2)
    assert state_of(new_db("one")) == state_of(new_db("two"))
    assert [Path(r.path).name for r in result.results] == [p.name for p in inbox_files(inbox).files]


def test_a_file_that_cannot_be_read_now_is_received_and_read_by_the_next_run(tmp_path: Path, example_plan,
                                                                             fake, monkeypatch, new_db) -> None:
    inbox, db = tmp_path / "in", new_db("h")
    put(inbox / "kus.xlsx", "KUS", 1)
    put(inbox / "retur KONST.xlsx", "KONST", 2, minutes=5)
    from toolkit.validate import files as filecheck

    real_read = filecheck.read_regular

    def busy(path: Path, limit: int = filecheck.MAX_FILE_BYTES) -> bytes:
        if "KONST" in Path(path).name:
            raise PermissionError(13, "Permission denied")
        return real_read(path, limit)

    monkeypatch.setattr(filecheck, "read_regular", busy)
    first = cmod.collect(inbox, example_plan, T2, db_path=db, archive_dir=tmp_path / "ark", workers=1)
    konst = next(u for u in first.units if u.unit_id == "KONST")
    assert (konst.state, konst.status_label, konst.file_name) == ("received", "mottagen", "retur KONST.xlsx")
    assert "behörighet saknas" in konst.note and first.counts()["received"] == 1
    assert len(list((tmp_path / "ark").glob("*.xlsx"))) == 1
    monkeypatch.setattr(filecheck, "read_regular", real_read)
    second = cmod.collect(inbox, example_plan, T2, db_path=db, archive_dir=tmp_path / "ark", workers=1)
    konst = next(u for u in second.units if u.unit_id == "KONST")
    assert (konst.state, second.new_submissions) == ("accepted", 1)


def test_inbox_and_period_errors(tmp_path: Path, example_plan, new_db) -> None:
    from toolkit.core.errors import InputError

    with pytest.raises(InputError, match="Inkorgen"):
        cmod.collect(tmp_path / "nope", example_plan, T2, db_path=new_db("h"))
    (tmp_path / "in").mkdir()
    with pytest.raises(InputError, match="planåret 2026"):
        cmod.collect(tmp_path / "in", example_plan, Period(2025, 2), db_path=new_db("h"))


# --------------------------------------------------------------------------------------------
# The status workbook and export
# --------------------------------------------------------------------------------------------

def test_status_workbook(tmp_path: Path, example_plan, fake, new_db) -> None:
    inbox = standard_inbox(tmp_path / "in")
    result = cmod.collect(inbox, example_plan, T2, db_path=new_db("h"),
                          archive_dir=tmp_path / "ark",
                          workers=1)
    path = write_status_workbook(result, tmp_path / "status.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Insamling", "Filer", "Fynd", "Övrigt i inkorgen"]
    ws = wb["Insamling"]
    assert ws["A3"].value == cmod.RULE
    header = [c.value for c in ws[5]]
    assert header[:3] == ["Verksamhets-id", "Verksamhet", "Status"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=6, values_only=True) if r[0]}
    assert rows["FILM"][2] == "underkänd" and rows["FILM"][3] == 2
    assert rows["KONST"][2] == "saknas" and rows["BIB"][5] == "mejl 2/bib-rattad.xlsx"
    assert rows["KONST"][3:5] == (None, None)  # nothing sent: no error count, not a zero
    film_row = next(r for r in range(6, ws.max_row + 1) if ws.cell(r, 1).value == "FILM")
    assert ws.cell(film_row, 3).fill.fgColor.rgb.endswith("E06666")
    assert ws.freeze_panes == "C6" and ws.print_title_rows == "$5:$5"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    files = list(wb["Filer"].iter_rows(min_row=2, values_only=True))
    assert len(files) == 4 and {r[1] for r in files} == {f.file_name for f in result.files}
    found = list(wb["Fynd"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in found] == ["FILM", "FILM"] and all(r[5] == "missing-value" for r in found)


def test_export_csv_and_xlsx_write_the_long_table_and_keep_formulas_as_text(tmp_path: Path, example_plan,
                                                                             fake, monkeypatch, new_db) -> None:
    def with_formula(data, path, ctx, period, previous):
        res = fake_validate(data, path, ctx, period, previous)
        if res.data is not None:
            res.data.indicators[0].analysis = "=HYPERLINK(\"http://x\")"
        return res

    monkeypatch.setattr(cmod, "_check", with_formula)
    inbox = standard_inbox(tmp_path / "in")
    db = new_db("h")
    cmod.collect(inbox, example_plan, T2, db_path=db, workers=1)
    with History.open(db) as h:
        expected = h.indicator_values(period=T2)
    path, rows = export(db, tmp_path / "ut.csv", period=T2)
    assert rows == len(expected) > 0
    with open(path, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh, delimiter=";"))
    assert [r["Indikator-id"] for r in table] == list(expected["indicator_id"])
    assert [r["Verksamhets-id"] for r in table] == list(expected["unit_id"])
    first = table[0]
    assert first["Analys"] == "'=HYPERLINK(\"http://x\")"
    assert first["Indikator"] == example_plan.indicator(first["Indikator-id"]).name
    share_rows = [r for r in table if example_plan.indicator(r["Indikator-id"]).kind.value == "share"]
    assert share_rows and all("," in r["Värde"] or r["Värde"] in ("0", "1") for r in share_rows)

    xpath, xrows = export(db, tmp_path / "ut.xlsx", period=T2)
    ws = load_workbook(xpath)["Indikatorvärden"]
    assert xrows == rows and ws.max_row == rows + 1
    header = [c.value for c in ws[1]]
    analysis = ws.cell(2, header.index("Analys") + 1)
    assert analysis.value == "=HYPERLINK(\"http://x\")" and analysis.data_type == "s"
    assert ws.freeze_panes == "A2" and "Indikatorvarden" in ws.tables


# --------------------------------------------------------------------------------------------
# The CLI
# --------------------------------------------------------------------------------------------

def test_cli_collect_prints_the_status_and_writes_the_workbook(tmp_path: Path, example_master, fake) -> None:
    inbox = standard_inbox(tmp_path / "in")
    result = CliRunner().invoke(main, ["collect", str(inbox), "--master", str(example_master), "--period",
                                       "2026-T2",
                                       "--workers", "1"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert cmod.RULE in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.split() and line.split()[0] in
             ("KUS", "BIB", "FILM", "KONST")}
    assert "godkänd" in lines["KUS"] and "underkänd" in lines["FILM"] and "saknas" in lines["KONST"]
    assert (example_master.parent / "nplan.sqlite").is_file()
    assert (example_master.parent / "insamling-2026-T2.xlsx").is_file()
    assert len(list((example_master.parent / "arkiv").glob("*.xlsx"))) == 4
    assert "Hoppade över lås- och tillfälliga filer (4 st)" in out


def test_cli_collect_input_and_usage_errors(tmp_path: Path, example_master) -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["collect", str(tmp_path / "nope"), "--master", str(example_master), "--period",
                             "2026-T2"])
    assert r.exit_code == 1 and r.output.startswith("Fel: Inkorgen") and "Traceback" not in r.output
    (tmp_path / "in").mkdir()
    r = runner.invoke(main, ["collect", str(tmp_path / "in"), "--master", str(tmp_path / "x.xlsx"),
                             "--period", "2026-T2"])
    assert r.exit_code == 1 and r.output.startswith("Fel:")
    bad_master = tmp_path / "bad.xlsx"
    bad_master.write_text("no workbook")
    r = runner.invoke(main, ["collect", str(tmp_path / "in"), "--master", str(bad_master), "--period",
                             "2026-T2"])
    assert r.exit_code == 1 and r.output.startswith("Fel:")
    r = runner.invoke(main, ["collect", str(tmp_path / "in"), "--master", str(example_master), "--period",
                             "T7"])
    assert r.exit_code == 2
    r = runner.invoke(main, ["collect", str(tmp_path / "in"), "--master", str(example_master)])
    assert r.exit_code == 2


def test_cli_export(tmp_path: Path, example_plan, fake, new_db) -> None:
    inbox = standard_inbox(tmp_path / "in")
    db = new_db("h")
    cmod.collect(inbox, example_plan, T2, db_path=db, workers=1)
    runner = CliRunner()
    r = runner.invoke(main, ["export", "--db", str(db), "--period", "2026-T2", "--format", "csv",
                             "-o", str(tmp_path / "a.csv")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "a.csv").is_file() and "rader" in r.output
    r = runner.invoke(main, ["export", "--db", str(db), "--period", "2026-T2", "-o",
                             str(tmp_path / "a.xlsx")])
    assert r.exit_code == 0 and (tmp_path / "a.xlsx").is_file()
    r = runner.invoke(main, ["export", "--db", str(db), "--period", "2026-T2", "-o", str(tmp_path / "a.csv")])
    assert r.exit_code == 1 and "finns redan" in r.output
    r = runner.invoke(main, ["export", "--db", str(db), "--period", "2026-T3", "-o", str(tmp_path / "b.csv")])
    assert r.exit_code == 1 and r.output.startswith("Fel: Det finns inga godkända värden")
    r = runner.invoke(main, ["export", "--db", str(tmp_path / "nej.sqlite"), "-o", str(tmp_path / "c.csv")])
    assert r.exit_code == 1 and "finns inte" in r.output and not (tmp_path / "nej.sqlite").exists()
    r = runner.invoke(main, ["export", "--db", str(db), "-o", str(tmp_path / "c.txt")])
    assert r.exit_code == 1 and "--format" in r.output
    r = runner.invoke(main, ["export", "--db", str(db), "--format", "pdf", "-o", str(tmp_path / "c.pdf")])
    assert r.exit_code == 2


# --------------------------------------------------------------------------------------------
# End to end: real returns from the example master, filled by simulated units, real validation
# --------------------------------------------------------------------------------------------

# The example inbox for 2026-T2 (make_example_inbox): KUS sends a correct return; BIB sends one with a
# typing slip and a day later a correction, which counts; FILM's outcome for 1.1.1 is not a number;
# KONST sends nothing.
EXPECTED_T2 = [
    # unit, status, label, errors, file (relative to the inbox), files received
    ("KUS", "accepted", "godkänd", 0, "2026-T2_Regional_kulturutveckling_och_samordning.xlsx", 1),
    ("BIB", "accepted", "godkänd", 0,
     "mejl-bib-rattelse/2026-T2_Biblioteksutveckling_Vasterbotten_inkl_sjukhusbibliotek_rattad.xlsx", 2),
    ("FILM", "rejected", "underkänd", 1, "2026-T2_Film_i_Vasterbotten.xlsx", 1),
    ("KONST", "missing", "saknas", 0, "", 0),
]


def test_example_inbox_gives_exactly_the_expected_status_table(tmp_path: Path, example_plan,
                                                               example_inbox) -> None:
    db = tmp_path / "nplan.sqlite"
    result = cmod.collect(example_inbox["inbox"], example_plan, T2, db_path=db,
                          archive_dir=tmp_path / "arkiv",
                          workers=1)
    table = result.status_table()
    got = list(zip(table["unit_id"], table["status"], table["status_label"], table["errors"], table["file"],
                   table["files"]))
    assert got == EXPECTED_T2
    assert [p.name for p in result.skipped] == ["~$2026-T2_Regional_kulturutveckling_och_samordning.xlsx"]
    # FILM's error is the outcome that is not a number, at its cell.
    film = next(r for r in result.results if r.data is not None and r.data.unit_id == "FILM")
    assert [(f.code, f.sheet, f.item_id) for f in film.errors] == [("not-a-number", "Indikatorer", "1.1.1")]
    # The corrected value counts, not the slip; the slipped file stays in the history, superseded, older.
    slip = example_inbox["slip"]
    with History.open(db) as h:
        values = h.indicator_values(period=T2)
        bib_subs = h.submissions(unit_id="BIB").sort_values("received_at")
    bib = values[(values["unit_id"] == "BIB") & (values["indicator_id"] == slip["indicator_id"])]
    assert list(bib["value"]) == [float(slip["right"])] and slip["wrong"] != slip["right"]
    assert list(bib_subs["state"]) == ["superseded", "accepted"]
    # Values are those the simulated units typed in.
    kus = values[values["unit_id"] == "KUS"].set_index("indicator_id")
    for ind_id, typed in example_inbox["values"]["KUS"]["indicators"].items():
        assert kus.loc[ind_id, "value"] == pytest.approx(float(typed["outcome"]))
    assert set(values["unit_id"]) == {"KUS", "BIB"}
    # Running it again changes nothing.
    before = state_of(db)
    again = cmod.collect(example_inbox["inbox"], example_plan, T2, db_path=db, archive_dir=tmp_path / "arkiv",
                         workers=1)
    assert state_of(db) == before and again.new_submissions == 0


def test_example_through_the_cli_collect_then_export(tmp_path: Path, example_master, example_plan,
                                                     example_inbox) -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["collect", str(example_inbox["inbox"]), "--master", str(example_master),
                             "--period", "2026-T2", "--workers", "1"])
    assert r.exit_code == 0, r.output
    status_lines = [line.split()[:1] + [w for w in line.split() if w in ("godkänd", "underkänd", "saknas")]
                    for line in r.output.splitlines() if line.split()[:1] in (["KUS"], ["BIB"], ["FILM"],
                                                                              ["KONST"])]
    assert status_lines == [["KUS", "godkänd"], ["BIB", "godkänd"], ["FILM", "underkänd"], ["KONST",
                                                                                            "saknas"]]
    db = example_master.parent / "nplan.sqlite"
    wb = load_workbook(example_master.parent / "insamling-2026-T2.xlsx")
    statuses = [(row[0], row[2]) for row in wb["Insamling"].iter_rows(min_row=6, values_only=True) if row[0]]
    assert statuses == [(u, label) for u, _, label, *_ in EXPECTED_T2]
    out = tmp_path / "varden.csv"
    r = runner.invoke(main, ["export", "--db", str(db), "--period", "2026-T2", "-o", str(out)])
    assert r.exit_code == 0, r.output
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    expected = [(u, i.id) for u in ("KUS", "BIB") for i in example_plan.indicators_for(u, T2)]
    assert [(r["Verksamhets-id"], r["Indikator-id"]) for r in rows] == expected


def test_many_real_returns_validated_in_a_pool(tmp_path: Path, example_plan, monkeypatch, new_db) -> None:
    monkeypatch.setattr(cmod, "POOL_THRESHOLD", 20)
    inbox = tmp_path / "inkorg"
    for seed in range(6):  # 6 x 4 files >= POOL_THRESHOLD: the pool is used
        make_example_inbox(example_plan, T2, inbox / f"omgang-{seed}", seed=seed)
    files = inbox_files(inbox).files
    assert len(files) >= cmod.POOL_THRESHOLD
    single = cmod.collect(inbox, example_plan, T2, db_path=new_db("one"), workers=1)
    pooled = cmod.collect(inbox, example_plan, T2, db_path=new_db("two"), workers=2,
                          archive_dir=tmp_path / "arkiv")
    assert state_of(new_db("one")) == state_of(new_db("two"))
    assert [(r.sha256, [f.code for f in r.findings]) for r in single.results] == \
        [(r.sha256, [f.code for f in r.findings]) for r in pooled.results]
    assert len({p.name for p in (tmp_path / "arkiv").glob("*.xlsx")}) == len({r.sha256 for r in pooled.results})


def test_pool_with_spawned_workers_as_on_windows(tmp_path: Path, example_plan, example_inbox,
                                                 monkeypatch, new_db) -> None:
    import multiprocessing

    monkeypatch.setattr(cmod, "_mp_context", lambda: multiprocessing.get_context("spawn"))
    monkeypatch.setattr(cmod, "POOL_THRESHOLD", 2)
    result = cmod.collect(example_inbox["inbox"], example_plan, T2, db_path=new_db("h"), workers=2,
                          archive_dir=tmp_path / "arkiv")
    table = result.status_table()
    assert list(zip(table["unit_id"], table["status"])) == [(u, s) for u, s, *_ in EXPECTED_T2]
    assert len([p for p in (tmp_path / "arkiv").iterdir() if p.is_file()]) == 4


@requires_libreoffice
def test_status_workbook_and_export_open_in_libreoffice(tmp_path: Path, example_plan, example_inbox) -> None:
    db = tmp_path / "nplan.sqlite"
    result = cmod.collect(example_inbox["inbox"], example_plan, T2, db_path=db, workers=1)
    status = write_status_workbook(result, tmp_path / "insamling.xlsx")
    export_path, _ = export(db, tmp_path / "export.xlsx", period=T2)
    out = tmp_path / "lo"
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:  # both files in one LibreOffice run
        proc = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                               "--norestore",
                               "--calc", "--convert-to", "xlsx", "--outdir", str(out), str(status),
                               str(export_path)],
                              capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 0, proc.stderr
    rows = sheet_values(out / status.name, "Insamling")
    assert [(r[0], r[2]) for r in rows[5:9]] == [(u, label) for u, _, label, *_ in EXPECTED_T2]
    exported = sheet_values(out / export_path.name, "Indikatorvärden")
    assert exported[0][:3] == ["År", "Period", "Verksamhets-id"] and len(exported) == 1 + sum(
        len(example_plan.indicators_for(u, T2)) for u in ("KUS", "BIB"))
