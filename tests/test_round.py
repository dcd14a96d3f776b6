"""The round as it really goes, end to end through the CLI with real returns of the example plan: two files
that cannot be ordered (a conflict, settled with --choose, kept through a rebuild), a late file, returns that
come by e-mail, reminders for the units without an accepted return, and files that must never be opened."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import os
import threading
import time
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from toolkit.cli import main
from toolkit.core.periods import Period
from toolkit.history import schema
from toolkit.history.store import History
from toolkit.plan import load_plan, write_master
from toolkit.plan.source import load_plan_source
from toolkit.returns.build import create_returns
from toolkit.returns.simulate import fill_return, plausible_values
from toolkit.validate import validate_file, validate_paths

T2 = Period(2026, 2)
LOCAL = dt.datetime.now().astimezone().tzinfo
CONTACTS = {"KUS": "Kerstin Ulf <kus@region.example>", "BIB": "bib@region.example",
            "FILM": "Anna Öberg <anna.oberg@film.example>; chef@film.example", "KONST": ""}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def at(path: Path, when: dt.datetime) -> Path:
    """Give ``path`` the modification time ``when`` (naive = local time)."""
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture()
def round_(tmp_path: Path) -> dict:
    """The example master with contacts on Verksamheter and a deadline, blank T2 returns and good values."""
    from conftest import EXAMPLE_SOURCE

    plan = load_plan_source(EXAMPLE_SOURCE)
    for unit in plan.units:
        unit.contact = CONTACTS[unit.id]
    plan.settings.period, plan.settings.deadline = T2, dt.date(2026, 9, 7)
    master = write_master(plan, tmp_path / "master.xlsx")
    plan = load_plan(master)
    blank = {p.name: p for p in create_returns(plan, T2, tmp_path / "blank")}
    by_unit = {u.id: next(p for n, p in blank.items() if u.name.split()[0] in n.replace("_", " ")) for u in plan.units}
    values = {u.id: plausible_values(plan, u.id, T2) for u in plan.units}
    return {"plan": plan, "master": master, "blank": by_unit, "values": values, "root": tmp_path,
            "inbox": tmp_path / "inkorg", "db": tmp_path / "nplan.sqlite"}


def filled(r: dict, unit: str, name: str, **indicators: object) -> Path:
    values = r["values"][unit]
    for ind, outcome in indicators.items():
        values = {**values, "indicators": {**values["indicators"],
                                           ind.replace("_", "."): {**values["indicators"][ind.replace("_", ".")],
                                                                   "outcome": outcome}}}
    target = r["inbox"] / name
    target.parent.mkdir(parents=True, exist_ok=True)
    return fill_return(r["blank"][unit], target, values)


# --------------------------------------------------------------------------------------------
# Two valid files of one unit that cannot be ordered
# --------------------------------------------------------------------------------------------

def test_a_same_time_conflict_is_reported_settled_with_choose_recorded_and_kept_by_a_rebuild(
        round_: dict, new_db) -> None:
    r = round_
    when = dt.datetime(2026, 9, 4, 15, 30)
    at(filled(r, "FILM", "FILM/X.xlsx", **{"1_1_2": 41}), when)
    at(filled(r, "FILM", "FILM/X (2).xlsx", **{"1_1_2": 14}), when)
    at(filled(r, "KUS", "kus.xlsx"), when)
    db = new_db("h")
    archive = r["root"] / "arkiv"
    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--db", db,
                    "--archive", archive, "--workers", "1")
    assert code == 0, out
    film = next(line for line in out.splitlines() if line.startswith("FILM "))
    assert "konflikt" in film
    assert "--choose FILM=" in out and "FILM/X (2).xlsx" in out and "FILM/X.xlsx" in out
    with History.open(db) as h:
        assert h.indicator_values(period=T2).query("unit_id == 'FILM'").empty  # neither counts
        assert {s.file_name: s.standing for s in h.submission_list(period=T2, unit_id="FILM")} == {
            "FILM/X.xlsx": "conflict", "FILM/X (2).xlsx": "conflict"}
    status = load_workbook(r["root"] / "insamling-2026-T2.xlsx")["Insamling"]
    row = next(row for row in status.iter_rows(min_row=6, values_only=True) if row[0] == "FILM")
    assert row[2] == "konflikt" and "--choose" in row[9]

    # A choice that is no file of the unit is refused with the files listed.
    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--db", db,
                    "--archive", archive, "--workers", "1", "--choose", "FILM=Y.xlsx")
    assert code == 1 and "Fel: --choose: filen 'Y.xlsx' finns inte" in out and "FILM/X (2).xlsx" in out
    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--db", db,
                    "--archive", archive, "--workers", "1", "--choose", "FILM")
    assert code == 2 and "VERKSAMHET=FIL" in out

    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--db", db,
                    "--archive", archive, "--workers", "1", "--choose", "FILM=FILM/X (2).xlsx")
    assert code == 0, out
    assert "Valt för FILM: FILM/X (2).xlsx räknas." in out
    film = next(line for line in out.splitlines() if line.startswith("FILM "))
    assert "godkänd" in film
    with History.open(db) as h:
        values = h.indicator_values(period=T2).query("unit_id == 'FILM'")
        assert dict(zip(values["indicator_id"], values["value"]))["1.1.2"] == 14  # the corrected file
        counting = next(s for s in h.submission_list(period=T2, unit_id="FILM") if s.state == "accepted")
        assert counting.file_name == "FILM/X (2).xlsx" and counting.chosen and counting.chosen_at is not None
        chosen_by = counting.chosen_by
        [(unit, sha)] = h.connection.execute("SELECT unit_id, sha256 FROM choices").fetchall()
        assert (unit, sha) == ("FILM", counting.sha256)
    from toolkit.cycle import user_name

    assert chosen_by == user_name()

    # The choice survives a rebuild from the archive.
    rebuilt = new_db("rebuilt")
    code, out = run("history", "rebuild", "--archive", archive, "--db", rebuilt, "--compare", db)
    assert code == 0, out
    with History.open(rebuilt) as h:
        counting = next(s for s in h.submission_list(period=T2, unit_id="FILM") if s.state == "accepted")
        assert counting.file_name == "FILM/X (2).xlsx" and counting.chosen_by == chosen_by


# --------------------------------------------------------------------------------------------
# The deadline
# --------------------------------------------------------------------------------------------

def test_a_late_file_is_flagged_with_its_calendar_days(round_: dict) -> None:
    r = round_
    at(filled(r, "KUS", "kus.xlsx"), dt.datetime(2026, 9, 7, 23, 59))  # on the last day: in time
    at(filled(r, "BIB", "bib.xlsx"), dt.datetime(2026, 9, 10, 0, 5))  # three calendar days late
    at(filled(r, "FILM", "film.xlsx"), dt.datetime(2026, 9, 8, 8, 0))
    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--workers", "1")
    assert code == 0, out
    lines = {line.split()[0]: line for line in out.splitlines() if line.split() and line.split()[0] in CONTACTS}
    assert lines["KUS"].rstrip().endswith("i tid")
    assert lines["BIB"].rstrip().endswith("3 dagar sent")
    assert lines["FILM"].rstrip().endswith("1 dag sent")
    assert "Sista dag: 2026-09-07" in out
    status = load_workbook(r["root"] / "insamling-2026-T2.xlsx")["Insamling"]
    header = [c.value for c in status[5]]
    column = header.index("Mot sista dag (kalenderdagar)")
    rows = {row[0]: row for row in status.iter_rows(min_row=6, values_only=True) if row[0]}
    assert (rows["KUS"][column], rows["BIB"][column], rows["KONST"][column]) == ("i tid", "3 dagar sent", None)
    # --deadline overrides the master's setting.
    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--workers", "1",
                    "--deadline", "2026-09-09")
    assert "Sista dag: 2026-09-09" in out and "1 dag sent" in out
    # The report's submissions sheet shows the same against the deadline.
    report = r["root"] / "rapport.xlsx"
    code, out = run("consolidate", "--master", r["master"], "--period", "2026-T2", "-o", report)
    assert code == 0, out
    sheet = CalamineWorkbook.from_path(str(report)).get_sheet_by_name("Inlämningar").to_python()
    head = next(i for i, row in enumerate(sheet) if "Mot sista dag" in row)
    col = sheet[head].index("Mot sista dag")
    by_id = {row[5]: row[col] for row in sheet[head + 1:] if len(row) > col and row[5]}
    assert by_id["BIB"] == "3 dagar sent" and by_id["KUS"] == "i tid"


# --------------------------------------------------------------------------------------------
# Returns by e-mail
# --------------------------------------------------------------------------------------------

def _mail(sender: str, date: dt.datetime, attachments: list[tuple[str, bytes, str]], subject: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "inkorg@region.example", subject
    msg["Date"] = format_datetime(date)
    msg.set_content("Hej, här kommer vår uppföljning.")
    for name, data, ctype in attachments:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def test_eml_files_in_the_inbox_are_collected_with_sender_and_date_and_a_mail_without_a_workbook_is_listed(
        round_: dict, new_db) -> None:
    r = round_
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    film = fill_return(r["blank"]["FILM"], r["root"] / "film.xlsx", r["values"]["FILM"]).read_bytes()
    sent = dt.datetime(2026, 9, 6, 16, 45, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    inbox = r["inbox"]
    (inbox / "mejl").mkdir(parents=True)
    (inbox / "mejl" / "Retur från Film.eml").write_bytes(
        _mail("Anna Öberg <anna.oberg@film.example>", sent, [("2026-T2 Film i Västerbotten.xlsx", film, xlsx),
                                                              ("logga.png", b"\x89PNG", "image/png")],
              "Uppföljning T2"))
    (inbox / "mejl" / "fraga.eml").write_bytes(
        _mail("bib@region.example", sent, [("fragor.pdf", b"%PDF-1.4", "application/pdf")], "Fråga om T2"))
    at(inbox / "mejl" / "Retur från Film.eml", dt.datetime(2026, 9, 20, 8, 0))  # the file's time is not used
    db = new_db("h")
    code, out = run("collect", inbox, "--master", r["master"], "--period", "2026-T2", "--db", db, "--workers", "1",
                    "--archive", r["root"] / "arkiv")
    assert code == 0, out
    name = "mejl/Retur från Film.eml/2026-T2 Film i Västerbotten.xlsx"
    with History.open(db) as h:
        [sub] = h.submission_list(period=T2, unit_id="FILM")
    assert sub.file_name == name and sub.state == "accepted"
    assert sub.sender == "Anna Öberg <anna.oberg@film.example>"
    assert sub.received_at == sent.astimezone().replace(tzinfo=None)
    assert sub.mail_date == sent.astimezone().replace(tzinfo=None)
    assert "mejl/fraga.eml" in out and "ingen bifogad arbetsbok" in out
    other = load_workbook(r["root"] / "insamling-2026-T2.xlsx")["Övrigt i inkorgen"]
    rows = {row[0]: row for row in other.iter_rows(min_row=2, values_only=True)}
    assert "ingen bifogad arbetsbok" in rows["mejl/fraga.eml"][2]
    assert "2026-T2 Film i Västerbotten.xlsx" in rows["mejl/Retur från Film.eml"][2]
    files = load_workbook(r["root"] / "insamling-2026-T2.xlsx")["Filer"]
    [film_row] = [row for row in files.iter_rows(min_row=2, values_only=True) if row[1] == name]
    assert film_row[6] == "Anna Öberg <anna.oberg@film.example>"
    # The archive keeps the mail and the attachment; a rebuild gives the same history, sender included.
    rebuilt = new_db("rebuilt")
    code, out = run("history", "rebuild", "--archive", r["root"] / "arkiv", "--db", rebuilt, "--compare", db)
    assert code == 0, out
    with History.open(rebuilt) as h:
        [again] = h.submission_list(period=T2, unit_id="FILM")
    assert (again.file_name, again.sender, again.received_at) == (name, sub.sender, sub.received_at)


def test_an_invalid_attachment_is_attributed_by_the_senders_contact_address(round_: dict) -> None:
    r = round_
    r["inbox"].mkdir(parents=True)
    (r["inbox"] / "svar.eml").write_bytes(_mail(
        "Anna <ANNA.OBERG@film.example>", dt.datetime(2026, 9, 6, 12, 0, tzinfo=dt.UTC),
        [("retur.xlsx", b"not a workbook", "application/octet-stream")], "Svar"))
    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--workers", "1")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("FILM "))
    assert "underkänd" in line and "svar.eml/retur.xlsx" in line


# --------------------------------------------------------------------------------------------
# Reminders
# --------------------------------------------------------------------------------------------

def test_remind_writes_drafts_that_the_standard_library_parses_back(round_: dict) -> None:
    r = round_
    at(filled(r, "KUS", "kus.xlsx"), dt.datetime(2026, 9, 5, 9, 0))
    at(filled(r, "FILM", "film.xlsx", **{"1_1_1": "ungefär 40"}), dt.datetime(2026, 9, 5, 10, 0))
    # BIB and KONST send nothing; KONST has no address.
    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--workers", "1")
    assert code == 0, out
    folder = r["root"] / "paminnelser"
    code, out = run("remind", "--master", r["master"], "--period", "2026-T2", "--out", folder)
    assert code == 0, out
    drafts = {p.name: email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
              for p in folder.glob("*.eml")}
    assert set(drafts) == {"2026-T2_Biblioteksutveckling_Vasterbotten_inkl_sjukhusbibliotek_paminnelse.eml",
                           "2026-T2_Film_i_Vasterbotten_paminnelse.eml"}
    bib = drafts["2026-T2_Biblioteksutveckling_Vasterbotten_inkl_sjukhusbibliotek_paminnelse.eml"]
    film = drafts["2026-T2_Film_i_Vasterbotten_paminnelse.eml"]
    for msg in (bib, film):
        assert msg["X-Unsent"] == "1" and msg["From"] is None
    assert [a.addr_spec for a in bib["To"].addresses] == ["bib@region.example"]
    assert [(a.display_name, a.addr_spec) for a in film["To"].addresses] == [
        ("Anna Öberg", "anna.oberg@film.example"), ("", "chef@film.example")]
    assert bib["Subject"] == ("Påminnelse: uppföljning T2 2026 från Biblioteksutveckling Västerbotten (inkl. "
                              "sjukhusbibliotek) (Regionala utvecklingsnämnden)")
    assert film["Subject"].startswith("Komplettering: uppföljning T2 2026 från Film i Västerbotten")
    assert "måndag 7 september 2026" in bib.get_body(("plain",)).get_content()
    film_body = film.get_body(("plain",)).get_content()
    assert "ungefär 40" in film_body and "Indikatorer!" in film_body
    # Attachments: the blank return for the missing unit, the annotated copy for the rejected one.
    [blank] = list(bib.iter_attachments())
    assert blank.get_filename() == "2026-T2_Biblioteksutveckling_Vasterbotten_inkl_sjukhusbibliotek.xlsx"
    path = r["root"] / "bifogad.xlsx"
    path.write_bytes(blank.get_content())
    result = validate_file(path, r["plan"])
    assert result.data is not None and result.data.unit_id == "BIB"
    [annotated] = list(film.iter_attachments())
    assert annotated.get_filename() == "film_granskad.xlsx"
    wb = load_workbook(io.BytesIO(annotated.get_content()))
    assert wb.sheetnames[0] == "Fynd" and "film.xlsx" in wb["Fynd"]["A1"].value
    codes = [wb["Fynd"].cell(row, 9).value for row in range(5, wb["Fynd"].max_row + 1)]
    assert "not-a-number" in codes
    # The list: every unit that owes a return and has none accepted, KONST without a draft.
    listed = load_workbook(folder / "paminnelser-2026-T2.xlsx").active
    rows = {row[0]: row for row in listed.iter_rows(min_row=5, values_only=True) if row[0]}
    assert set(rows) == {"BIB", "FILM", "KONST"}
    assert rows["KONST"][7] is None and "Kontaktperson" in rows["KONST"][9]
    assert rows["FILM"][3] == "underkänd" and rows["FILM"][5] == 1 and rows["FILM"][7].endswith(".eml")
    assert "KONST" not in out.split("Inget utkast")[0] and "Offentlig konst" in out
    # Written again only with --force.
    code, out = run("remind", "--master", r["master"], "--period", "2026-T2", "--out", folder)
    assert code == 1 and "--force" in out


def test_the_remind_button_writes_the_drafts_into_the_output_folder(round_: dict) -> None:
    from test_xl import FakeBook

    from toolkit import xl
    from toolkit.texts import xl as t

    r = round_
    at(filled(r, "KUS", "kus.xlsx"), dt.datetime(2026, 9, 5, 9, 0))
    book = FakeBook(r["master"])
    xl.remind(book)
    assert book.log_rows()[-1][2] == t.OUTCOME_ERROR  # no history yet: said in Swedish, nothing raised
    assert "Samla in" in book.log_rows()[-1][3]
    run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--workers", "1")
    xl.remind(book)
    log = book.log_rows()[-1]
    assert log[1:3] == [t.ACTION_REMIND, t.OUTCOME_FINDINGS]
    folder = r["root"] / "utdata" / "paminnelser-2026-T2"
    assert len(list(folder.glob("*.eml"))) == 2 and (folder / "paminnelser-2026-T2.xlsx").is_file()
    assert "Offentlig konst" in log[3]
    xl.remind(book)  # again: the button overwrites its own output
    assert book.log_rows()[-1][2] == t.OUTCOME_FINDINGS


# --------------------------------------------------------------------------------------------
# Files that must never be opened
# --------------------------------------------------------------------------------------------

def _within(seconds: float, work) -> object:
    """Run ``work`` in a thread; fail when it does not finish within ``seconds`` (a blocked open would hang)."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(result=work()), daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: a special file was opened"
    assert time.monotonic() - started < seconds
    return box["result"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_given_to_validate_and_in_the_inbox_gets_a_finding_within_a_second(round_: dict) -> None:
    r = round_
    r["inbox"].mkdir(parents=True)
    pipe = r["inbox"] / "x.xlsx"
    os.mkfifo(pipe)
    results = _within(1.0, lambda: validate_paths([pipe], r["plan"]))
    assert [f.code for f in results[0].findings] == ["special-file"]
    assert "namngiven pipe" in results[0].findings[0].message
    folder = _within(1.0, lambda: validate_paths([r["inbox"]], r["plan"]))
    assert [(Path(x.path).name, [f.code for f in x.findings]) for x in folder] == [("x.xlsx", ["special-file"])]
    code, out = _within(5.0, lambda: run("validate", pipe, "--master", r["master"]))
    assert code == 1 and "[special-file]" in out
    at(filled(r, "KUS", "kus.xlsx"), dt.datetime(2026, 9, 5, 9, 0))
    code, out = _within(30.0, lambda: run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2",
                                          "--workers", "1"))
    assert code == 0 and "Öppnade inte (1 st" in out and "x.xlsx" in out
    other = load_workbook(r["root"] / "insamling-2026-T2.xlsx")["Övrigt i inkorgen"]
    assert any(row[0] == "x.xlsx" and row[1] == "öppnades inte" for row in other.iter_rows(values_only=True))


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need a POSIX system here")
def test_a_link_out_of_the_inbox_is_not_followed_and_a_link_inside_it_is(round_: dict, tmp_path: Path) -> None:
    r = round_
    outside = fill_return(r["blank"]["BIB"], tmp_path / "utanfor" / "bib.xlsx", r["values"]["BIB"])
    kus = at(filled(r, "KUS", "kus.xlsx"), dt.datetime(2026, 9, 5, 9, 0))
    (r["inbox"] / "bib.xlsx").symlink_to(outside)
    (r["inbox"] / "undermapp").symlink_to(outside.parent, target_is_directory=True)
    (r["inbox"] / "kus-lank.xlsx").symlink_to(kus)
    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--workers", "1")
    assert code == 0, out
    assert "bib.xlsx" in out and "undermapp" in out and "utanför" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.split() and line.split()[0] in CONTACTS}
    assert "saknas" in lines["BIB"] and "godkänd" in lines["KUS"]
    results = validate_paths([r["inbox"]], r["plan"])
    codes = {Path(x.path).name: [f.code for f in x.findings] for x in results}
    assert codes["bib.xlsx"] == ["link-outside"] and codes["undermapp"] == ["link-outside"]
    assert codes["kus-lank.xlsx"] == [] and codes["kus.xlsx"] == []


def test_an_outlook_msg_in_the_inbox_is_collected_when_the_optional_support_is_installed(round_: dict) -> None:
    pytest.importorskip("oxmsg")
    from msg_helpers import msg_bytes

    r = round_
    film = fill_return(r["blank"]["FILM"], r["root"] / "film.xlsx", r["values"]["FILM"]).read_bytes()
    sent = dt.datetime(2026, 9, 6, 14, 45, tzinfo=dt.UTC)
    r["inbox"].mkdir(parents=True)
    (r["inbox"] / "Retur Film.msg").write_bytes(msg_bytes(
        subject="Retur T2", sender_name="Anna Öberg", sender_address="anna.oberg@film.example", sent=sent,
        to=[("Inkorg", "inkorg@region.example")],
        attachments=[{"name": "film.xlsx", "data": film,
                      "mime": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}]))
    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--workers", "1")
    assert code == 0, out
    with History.open(r["db"]) as h:
        [sub] = h.submission_list(period=T2, unit_id="FILM")
    assert (sub.file_name, sub.state, sub.sender) == ("Retur Film.msg/film.xlsx", "accepted",
                                                      "Anna Öberg <anna.oberg@film.example>")
    assert sub.received_at == sent.astimezone().replace(tzinfo=None)


# --------------------------------------------------------------------------------------------
# The history's schema: a database of the previous version takes the new migration, on both backends
# --------------------------------------------------------------------------------------------

def test_a_history_of_schema_1_with_data_is_migrated_and_keeps_its_submissions(round_: dict, new_db,
                                                                                monkeypatch) -> None:
    """A history written by the previous nplan (schema 1: rows inserted with its columns only) opens, takes
    migration 2 in place, keeps what it held and goes on with conflicts and choices."""

    r = round_
    db = new_db("gammal")
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    with History.open(db) as h:
        assert h.schema_version() == 1
        with h.transaction():  # what schema 1's nplan stored: one accepted file of KUS
            run_sql = h._db.execute  # the backend translates SQLite's dialect for PostgreSQL
            run_sql("INSERT INTO plans (identity, committee, year, content, stored_at) VALUES (?, ?, ?, ?, ?)",
                    ("gammalplan", "RUN", 2026, "{}", "2026-09-05T07:00:00.000000+00:00"))
            run_sql("INSERT INTO periods (period, year, tertial) VALUES (?, ?, ?)", ("2026-T2", 2026, 2))
            run_sql("""INSERT INTO submissions (plan_id, period, unit_id, file_name, sha256, received_at, stored_at,
                           valid, state, errors, warnings, file_plan_identity, format_version, generated_at,
                           archive_path)
                       SELECT plan_id, '2026-T2', 'KUS', 'kus.xlsx', ?, ?, ?, 1, 'accepted', 0, 0, 'gammalplan', 1,
                              '', '' FROM plans""",
                    ("ab" * 32, "2026-09-05T07:00:00.000000+00:00", "2026-09-05T07:00:01.000000+00:00"))
    monkeypatch.undo()
    with History.open(db) as h:
        assert h.schema_version() == schema.MIGRATIONS[-1].version
        [sub] = h.submission_list(period=T2)
        assert (sub.unit_id, sub.state, sub.conflict, sub.sender, sub.chosen) == ("KUS", "accepted", False, "",
                                                                                 False)
    # And the round goes on in it: a conflict and a choice.
    when = dt.datetime(2026, 9, 6, 9, 0)
    at(filled(r, "BIB", "bib-a.xlsx", **{"1_1_2": 3}), when)
    at(filled(r, "BIB", "bib-b.xlsx", **{"1_1_2": 4}), when)
    code, out = run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--db", db,
                    "--workers", "1", "--choose", "BIB=bib-b.xlsx")
    assert code == 0 and "Valt för BIB: bib-b.xlsx räknas." in out
    with History.open(db) as h:
        states = {s.file_name: s.state for s in h.submission_list(period=T2)}
    assert states == {"kus.xlsx": "accepted", "bib-a.xlsx": "superseded", "bib-b.xlsx": "accepted"}


# --------------------------------------------------------------------------------------------
# LibreOffice opens what the round writes
# --------------------------------------------------------------------------------------------

from libreoffice import recalculate, requires_libreoffice, sheet_values  # noqa: E402


@requires_libreoffice
def test_libreoffice_opens_a_migrated_return_and_its_status_counts_the_new_rows(round_: dict) -> None:
    from toolkit.core.model import Indicator, ValueKind
    from toolkit.core.periods import parse_periodicity
    from toolkit.returns import layout

    r = round_
    path = filled(r, "FILM", "film.xlsx")
    plan = load_plan(r["master"])
    after = plan.indicator("1.1.2")
    plan.indicators.insert(plan.indicators.index(after) + 1, Indicator(
        id="1.1.9", sub_goal=after.sub_goal, name="Ny", kind=ValueKind.SHARE,
        periodicity=parse_periodicity("Tertial"), units=("FILM",), target=0.5))
    master = write_master(plan, r["root"] / "ny.xlsx")
    code, out = run("returns", "migrate", path, "--master", master, "--out", r["root"] / "ut")
    assert code == 0, out
    migrated = next((r["root"] / "ut").glob("*.xlsx"))
    errors = validate_file(migrated, load_plan(master)).errors
    assert len(errors) == 2  # the new row's outcome and assessment
    computed = recalculate(migrated, r["root"] / "lo")
    start = sheet_values(computed, layout.SHEET_START)
    row = int(layout.START_STATUS_CELL[1:]) - 1
    assert start[row][1] == "2 obligatoriska uppgifter saknas"
    indicators = sheet_values(computed, layout.SHEET_INDICATORS)
    marked = [line for line in indicators if line and line[0] == "1.1.9"]
    assert marked and "Ny rad: fyll i" in marked[0]


@requires_libreoffice
def test_libreoffice_opens_the_status_workbook_and_the_reminder_list(round_: dict) -> None:
    r = round_
    when = dt.datetime(2026, 9, 4, 15, 30)
    at(filled(r, "FILM", "X.xlsx", **{"1_1_2": 41}), when)
    at(filled(r, "FILM", "X (2).xlsx", **{"1_1_2": 14}), when)
    at(filled(r, "KUS", "kus.xlsx"), dt.datetime(2026, 9, 9, 9, 0))
    assert run("collect", r["inbox"], "--master", r["master"], "--period", "2026-T2", "--workers", "1")[0] == 0
    assert run("remind", "--master", r["master"], "--period", "2026-T2", "--out", r["root"] / "p")[0] == 0
    status = recalculate(r["root"] / "insamling-2026-T2.xlsx", r["root"] / "lo1")
    rows = {row[0]: row for row in sheet_values(status, "Insamling")[5:] if row[0]}
    assert rows["FILM"][2] == "konflikt" and rows["KUS"][7] == "2 dagar sent"
    assert sheet_values(status, "Övrigt i inkorgen")[0][0] == "Fil"
    reminders = recalculate(r["root"] / "p" / "paminnelser-2026-T2.xlsx", r["root"] / "lo2")
    listed = {row[0] for row in sheet_values(reminders, "Påminnelser")[4:] if row[0]}
    assert listed == {"BIB", "KONST"}  # FILM is in conflict: the controller's to settle, not the unit's
