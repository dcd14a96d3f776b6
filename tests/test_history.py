"""The history store: schema and migrations, idempotent storing, which submission counts, the readers,
and concurrent writers. Inputs are ValidationResults built in code from the example plan."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.core.errors import InputError
from toolkit.core.findings import make
from toolkit.core.model import Assessment, AssignmentStatus, ValueKind
from toolkit.core.periods import Period
from toolkit.core.returndata import (
    AssignmentReport,
    BudgetReport,
    IndicatorReport,
    ReturnData,
    ValidationResult,
)
from toolkit.history import schema as hmod
from toolkit.history.store import History, HistoryError

T2 = Period(2026, 2)
BASE = dt.datetime(2026, 9, 1, 10, 0, tzinfo=dt.UTC)


def outcome_for(kind: ValueKind, n: int) -> object:
    special = {ValueKind.SHARE: n / 100.0, ValueKind.YESNO: n % 2 == 0, ValueKind.TEXT: f"text {n}"}
    return special.get(kind, float(n))


def make_result(plan, unit_id: str, period: Period = T2, *, n: int = 10, errors: int = 0,
                tag: str = "") -> ValidationResult:
    """A ValidationResult for ``unit_id`` whose outcomes derive from ``n`` (distinct n: distinct file)."""
    inds = [IndicatorReport(i.id, outcome_for(i.kind, n + k), raw_outcome=f"raw {n + k}",
                            assessment=Assessment.MET if k % 2 == 0 else Assessment.PARTLY,
                            analysis=f"analys {unit_id} {n + k}", measures="")
            for k, i in enumerate(plan.indicators_for(unit_id, period))]
    asgs = [AssignmentReport(a.id, AssignmentStatus.STARTED, f"kommentar {a.id}")
            for a in plan.assignments_for(unit_id, period)]
    frame = plan.budget.frame_of(unit_id)
    data = ReturnData(unit_id=unit_id, period=period, plan_identity=plan.identity(),
                      unit_fingerprint=plan.unit_fingerprint(unit_id), format_version=1,
                      indicators=inds, assignments=asgs,
                      budget=BudgetReport(frame_tkr=frame.frame_tkr if frame else None,
                                          outcome_tkr=1000.0 + n,
                                          forecast_tkr=(frame.frame_tkr if frame else 0) - n, comment="ok",
                                          events=""))
    findings = [make("missing-value", file=f"{unit_id}.xlsx", sheet="Indikatorer", cell=f"I{5 + e}",
                     field="Utfall", item_id="1.1.2") for e in range(errors)]
    sha = hashlib.sha256(f"{unit_id}|{period}|{n}|{errors}|{tag}".encode()).hexdigest()
    return ValidationResult(path=f"/inbox/{unit_id}-{n}.xlsx", sha256=sha, findings=findings, data=data)


def counts(db: History) -> dict[str, int]:
    con = db.connection
    return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("submissions", "findings", "indicator_values", "assignment_reports", "budget_figures",
                      "plans", "plan_units", "periods")}


@pytest.fixture()
def db(new_db):
    with History.open(new_db()) as h:
        yield h


# ---- schema and migrations ----

def test_open_creates_schema_and_reopen_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "h.sqlite"
    with History.open(path) as h:
        assert h.schema_version() == hmod.MIGRATIONS[-1].version
        assert h.integrity_check() == "ok"
        first = h.connection.execute("SELECT version, applied_at FROM schema_version").fetchall()
    with History.open(path) as h:
        assert h.connection.execute("SELECT version, applied_at FROM schema_version").fetchall() == first


def test_new_migration_applies_once_and_a_failing_one_rolls_back(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "h.sqlite"
    History.open(path).close()
    n = hmod.MIGRATIONS[-1].version
    good = hmod.Migration(n + 1, "notes", ("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)",))
    bad = hmod.Migration(n + 2, "broken", ("CREATE TABLE half_done (id INTEGER)", "THIS IS NOT SQL"))
    monkeypatch.setattr(hmod, "MIGRATIONS", [*hmod.MIGRATIONS, good, bad])
    with pytest.raises(HistoryError):
        History.open(path)
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    versions = [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version")]
    con.close()
    assert "notes" in tables and "half_done" not in tables  # n + 1 committed, n + 2 rolled back as a whole
    assert versions == list(range(1, n + 2))
    monkeypatch.setattr(hmod, "MIGRATIONS", [*hmod.MIGRATIONS[:n + 1]])
    with History.open(path) as h:
        assert h.schema_version() == n + 1


def test_database_from_a_newer_nplan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    with History.open(path) as h:
        h.connection.execute("INSERT INTO schema_version VALUES (99, 'future', 'x')")
    with pytest.raises(HistoryError, match="nyare version"):
        History.open(path)


def test_a_file_that_is_not_a_database_gives_a_swedish_error(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(HistoryError, match="går inte att öppna"):
        History.open(path)


# ---- storing ----

def test_storing_the_same_file_twice_changes_nothing(db: History, example_plan) -> None:
    res = make_result(example_plan, "KUS", errors=1)
    sid = db.store_submission(res, plan=example_plan, period=T2, received_at=BASE, file_name="kus.xlsx")
    before = counts(db)
    again = db.store_submission(res, plan=example_plan, period="2026-T2",
                                received_at=BASE + dt.timedelta(hours=1),
                                file_name="kopia.xlsx")
    assert again == sid
    assert counts(db) == before
    assert before["submissions"] == 1 and before["findings"] == 1 and before["plans"] == 1


def test_newest_valid_submission_counts_and_supersedes(db: History, example_plan) -> None:
    old = make_result(example_plan, "BIB", n=10)
    new = make_result(example_plan, "BIB", n=20)
    broken = make_result(example_plan, "BIB", n=30, errors=2)
    # Stored out of time order on purpose: the rule goes by received time, not by storing order.
    s_new = db.store_submission(new, plan=example_plan, period=T2, received_at=BASE + dt.timedelta(days=1),
                                file_name="bib-v2.xlsx")
    s_old = db.store_submission(old, plan=example_plan, period=T2, received_at=BASE, file_name="bib.xlsx")
    s_broken = db.store_submission(broken, plan=example_plan, period=T2,
                                   received_at=BASE + dt.timedelta(days=2),
                                   file_name="bib-v3.xlsx")
    subs = db.submissions(period=T2).set_index("submission_id")
    assert subs.loc[s_new, "state"] == "accepted"
    assert subs.loc[s_old, "state"] == "superseded"
    assert subs.loc[s_broken, "state"] == "rejected"
    assert subs.loc[s_broken, "errors"] == 2
    values = db.indicator_values(period=T2)
    assert set(values["submission_id"]) == {s_new}
    expected = {r.indicator_id: r.analysis for r in new.data.indicators}
    assert dict(zip(values["indicator_id"], values["analysis"])) == expected
    # Both earlier files stay in the history with their times.
    assert subs.loc[s_old, "received_at"] < subs.loc[s_new, "received_at"] < subs.loc[s_broken, "received_at"]


def test_equal_times_are_a_conflict_that_counts_neither_until_the_controller_chooses(db: History,
                                                                                     example_plan) -> None:
    """Two valid files of one unit received in the same second with different content cannot be ordered: none
    counts (no values reach the report) until a choice is recorded, which then decides; a newer file later
    counts by the rule again, and a choice of a file that is not among the newest is refused."""
    a = make_result(example_plan, "FILM", n=1)
    b = make_result(example_plan, "FILM", n=2)
    sb = db.store_submission(b, plan=example_plan, period=T2, received_at=BASE, file_name="X.xlsx")
    sa = db.store_submission(a, plan=example_plan, period=T2, received_at=BASE + dt.timedelta(microseconds=900),
                             file_name="X (2).xlsx")

    def state() -> dict[int, tuple[str, bool, str]]:
        return {s.submission_id: (s.state, s.conflict, s.standing) for s in db.submission_list(period=T2)}

    assert state() == {sb: ("superseded", True, "conflict"), sa: ("superseded", True, "conflict")}
    assert db.indicator_values(period=T2).empty
    chosen = db.resolve_choice("FILM", T2, "x (2).xlsx")  # as shown, without case
    assert chosen.submission_id == sa
    db.record_choice(period=T2, unit_id="FILM", sha256=chosen.sha256, file_name=chosen.file_name,
                     chosen_by="anna", chosen_at=BASE + dt.timedelta(days=1))
    assert state() == {sb: ("superseded", False, "superseded"), sa: ("accepted", False, "accepted")}
    counting = next(s for s in db.submission_list(period=T2) if s.state == "accepted")
    assert counting.chosen_by == "anna" and counting.chosen
    assert set(db.indicator_values(period=T2)["submission_id"]) == {sa}
    # A newer valid file counts by the rule; the old choice no longer applies.
    c = make_result(example_plan, "FILM", n=3)
    sc = db.store_submission(c, plan=example_plan, period=T2, received_at=BASE + dt.timedelta(seconds=1),
                             file_name="X (3).xlsx")
    assert state()[sc] == ("accepted", False, "accepted") and state()[sa][0] == "superseded"
    with pytest.raises(InputError, match="X \\(3\\).xlsx"):
        db.resolve_choice("FILM", T2, "X.xlsx")
    with pytest.raises(InputError, match="finns inte"):
        db.resolve_choice("FILM", T2, "Y.xlsx")


def test_a_rejected_file_cannot_be_chosen(db: History, example_plan) -> None:
    db.store_submission(make_result(example_plan, "KONST", errors=1), plan=example_plan, period=T2,
                        received_at=BASE, file_name="konst.xlsx")
    with pytest.raises(InputError, match="underkänd"):
        db.resolve_choice("KONST", T2, "konst.xlsx")


def test_unit_without_a_valid_file_feeds_no_values(db: History, example_plan) -> None:
    db.store_submission(make_result(example_plan, "KONST", errors=1), plan=example_plan, period=T2,
                        received_at=BASE, file_name="konst.xlsx")
    assert db.indicator_values(period=T2).empty
    assert db.budget(period=T2).empty
    assert db.assignment_status(period=T2).empty
    assert list(db.submissions()["state"]) == ["rejected"]


def test_unreadable_file_is_stored_under_no_unit(db: History, example_plan) -> None:
    res = ValidationResult(path="/inbox/x.xls", sha256="ab" * 32,
                           findings=[make("missing-value", file="x.xls", field="fil")], data=None)
    sid = db.store_submission(res, plan=example_plan, period=T2, received_at=BASE, file_name="x.xls")
    row = db.submissions().iloc[0]
    assert (row["submission_id"], row["unit_id"], row["state"], row["errors"]) == (sid, "", "rejected", 1)
    assert list(db.findings(sid)["code"]) == ["missing-value"]


# ---- readers ----

def test_indicator_values_columns_and_normalized_values(db: History, example_plan) -> None:
    res = make_result(example_plan, "BIB", n=40)
    res.data.indicators[0].outcome = None
    res.data.indicators[0].assessment = None
    sid = db.store_submission(res, plan=example_plan, period=T2, received_at=BASE, file_name="bib.xlsx")
    df = db.indicator_values(year=2026)
    assert list(df.columns) == ["year", "period", "unit_id", "unit_name", "indicator_id", "value",
                                "value_text", "raw_value", "assessment", "analysis", "measures",
                                "submission_id", "received_at"]
    expected_ids = [i.id for i in example_plan.indicators_for("BIB", T2)]
    assert list(df["indicator_id"]) == expected_ids
    assert set(df["unit_name"]) == {example_plan.unit("BIB").name}
    assert set(df["year"]) == {2026} and set(df["period"]) == {"2026-T2"}
    assert set(df["submission_id"]) == {sid}
    by_id = df.set_index("indicator_id")
    first = by_id.loc[expected_ids[0]]
    assert math.isnan(first["value"]) and first["value_text"] is None and first["assessment"] is None
    for report in res.data.indicators[1:]:
        row = by_id.loc[report.indicator_id]
        kind = example_plan.indicator(report.indicator_id).kind
        if kind is ValueKind.SHARE:
            assert row["value"] == pytest.approx(report.outcome)
            assert row["value_text"].endswith("%")
        elif kind is ValueKind.YESNO:
            assert row["value"] == (1.0 if report.outcome else 0.0)
            assert row["value_text"] in ("Ja", "Nej")
        else:
            assert row["value"] == report.outcome
        assert row["raw_value"] == report.raw_outcome
        assert row["assessment"] == report.assessment.value
    assert df["received_at"].iloc[0] == BASE.astimezone().replace(tzinfo=None)
    assert db.indicator_values(year=2025).empty
    assert db.indicator_values(period="2026-T3").empty


def test_assignment_status_and_budget_readers(db: History, example_plan) -> None:
    res = make_result(example_plan, "KUS", n=7)
    sid = db.store_submission(res, plan=example_plan, period=T2, received_at=BASE, file_name="kus.xlsx")
    asg = db.assignment_status(period=T2)
    assert list(asg.columns) == ["year", "period", "unit_id", "assignment_id", "status", "comment",
                                 "submission_id"]
    assert list(asg["assignment_id"]) == [a.id for a in example_plan.assignments_for("KUS", T2)]
    assert set(asg["status"]) == {"started"}
    bud = db.budget(period=T2)
    assert list(bud.columns) == ["year", "period", "unit_id", "frame_tkr", "outcome_tkr", "forecast_tkr",
                                 "deviation_tkr", "comment", "events", "submission_id"]
    row = bud.iloc[0]
    frame = example_plan.budget.frame_of("KUS").frame_tkr
    assert (row["unit_id"], row["frame_tkr"], row["forecast_tkr"], row["submission_id"]) == ("KUS", frame,
                                                                                             frame - 7, sid)
    assert row["deviation_tkr"] == 7


def test_previous_values_come_from_the_latest_earlier_period(db: History, example_plan) -> None:
    t1, t3 = Period(2026, 1), Period(2026, 3)
    r1 = make_result(example_plan, "BIB", t1, n=3)
    r2 = make_result(example_plan, "BIB", T2, n=5)
    r2.data.indicators = r2.data.indicators[1:]  # the first indicator was not reported in T2
    db.store_submission(r1, plan=example_plan, period=t1, received_at=BASE, file_name="t1.xlsx")
    db.store_submission(r2, plan=example_plan, period=T2, received_at=BASE, file_name="t2.xlsx")
    prev = db.previous_values("BIB", t3)

    def numeric(r: IndicatorReport) -> float | None:
        if isinstance(r.outcome, bool):
            return float(r.outcome)
        return r.outcome if isinstance(r.outcome, float) else None

    expected = {r.indicator_id: numeric(r) for r in r1.data.indicators if numeric(r) is not None}
    expected.update({r.indicator_id: numeric(r) for r in r2.data.indicators if numeric(r) is not None})
    assert prev == expected
    assert db.previous_values("BIB", t1) == {}
    assert db.previous_values("KUS", t3) == {}
    assert db.previous_values("BIB", Period(2027, 3)) == {}


def test_findings_keep_their_order_and_fields(db: History, example_plan) -> None:
    res = make_result(example_plan, "KUS", errors=3)
    sid = db.store_submission(res, plan=example_plan, period=T2, received_at=BASE, file_name="kus.xlsx")
    df = db.findings(sid)
    assert list(df["cell"]) == [f.cell for f in res.findings]
    assert list(df["message"]) == [f.message for f in res.findings]


# ---- concurrency ----

def _store_many(path: str, ns: list[int], tag: str) -> None:
    from conftest import EXAMPLE_SOURCE

    from toolkit.plan.source import load_plan_source

    plan = load_plan_source(EXAMPLE_SOURCE)
    with History.open(path) as h:
        for n in ns:
            unit = plan.units[n % len(plan.units)].id
            res = make_result(plan, unit, n=n)
            h.store_submission(res, plan=plan, period=T2, received_at=BASE + dt.timedelta(minutes=n),
                               file_name=f"{unit}-{n}.xlsx")


def test_two_writers_at_once_lose_and_duplicate_nothing(new_db, example_plan) -> None:
    path = str(new_db())
    ctx = multiprocessing.get_context("fork")
    a = ctx.Process(target=_store_many, args=(path, list(range(60)), "a"))
    b = ctx.Process(target=_store_many, args=(path, list(range(30, 90)), "b"))
    a.start(), b.start()
    a.join(120), b.join(120)
    assert a.exitcode == 0 and b.exitcode == 0
    with History.open(path) as h:
        subs = h.submissions()
        assert len(subs) == 90 and subs["sha256"].is_unique
        assert h.schema_version() == hmod.MIGRATIONS[-1].version
        accepted = subs[subs["state"] == "accepted"]
        # The counting submission of each unit is its newest: the largest n of the unit.
        for unit_index, unit in enumerate(example_plan.units):
            newest = max(n for n in range(90) if n % len(example_plan.units) == unit_index)
            assert list(accepted[accepted["unit_id"] == unit.id]["file_name"]) == [f"{unit.id}-{newest}.xlsx"]


# ---- the counting rule, whatever the order of storing ----

_file = st.tuples(st.sampled_from(["KUS", "BIB"]), st.integers(0, 5), st.booleans(),
                  st.sampled_from(["a.xlsx", "b.xlsx", "c.xlsx", "retur.xlsx"]))


@settings(max_examples=40, deadline=None)
@given(st.lists(_file, min_size=1, max_size=8, unique_by=lambda f: (f[0], f[3])), st.randoms())
def test_counting_rule_does_not_depend_on_the_order_of_storing(files, rnd) -> None:
    import tempfile

    from conftest import EXAMPLE_SOURCE

    from toolkit.plan.source import load_plan_source

    plan = load_plan_source(EXAMPLE_SOURCE)
    order = list(range(len(files)))
    rnd.shuffle(order)
    with tempfile.TemporaryDirectory() as tmp, History.open(Path(tmp) / "h.sqlite") as h:
        ids = {}
        for i in order:
            unit, hour, valid, name = files[i]
            res = make_result(plan, unit, n=i, errors=0 if valid else 1, tag=name)
            ids[i] = h.store_submission(res, plan=plan, period=T2,
                                        received_at=BASE + dt.timedelta(hours=hour),
                                        file_name=name)
        states = {s.submission_id: s.standing for s in h.submission_list()}
    expected = {}
    for unit in ("KUS", "BIB"):
        mine = [i for i, f in enumerate(files) if f[0] == unit]
        valid = [i for i in mine if files[i][2]]
        # The newest hour counts; two valid files in it (different content) are a conflict: neither counts.
        top = [i for i in valid if files[i][1] == max(files[j][1] for j in valid)]
        for i in mine:
            if not files[i][2]:
                expected[ids[i]] = "rejected"
            elif i in top:
                expected[ids[i]] = "accepted" if len(top) == 1 else "conflict"
            else:
                expected[ids[i]] = "superseded"
    assert states == expected


def test_a_database_from_before_measurement_is_migrated_and_keeps_it(new_db, monkeypatch) -> None:
    """A history made before the migration that adds measurement and decimals: opened by this version, its old
    plan has none, and a plan stored now keeps them (readable in the indicators' DataFrame)."""
    from toolkit.core.model import Measurement
    from toolkit.plan.source import load_plan_source

    db = new_db()
    first = next(m for m in hmod.MIGRATIONS if m.name == "initial schema")
    with monkeypatch.context() as m:
        m.setattr(hmod, "MIGRATIONS", [first])
        with History.open(db) as h, h.transaction():
            # A plan as the earlier version stored it (its own columns only).
            plan_id = h._db.insert("INSERT INTO plans (identity, committee, year, content, stored_at) "
                                   "VALUES ('old', 'N', 2026, '{}', '2026-01-01T00:00:00Z')", (), "plan_id")
            h._db.execute("INSERT INTO plan_indicators VALUES (?, '1.1.1', '1.1', 'Antal', 'count', 'antal', "
                          "'higher', 'sum', 'Tertial', NULL, NULL, 90, '90', 0)", (plan_id,))
    plan = load_plan_source(Path(__file__).resolve().parents[1] / "examples" / "halsa2027" / "plan.toml")
    with History.open(db) as h:
        assert h.schema_version() == hmod.MIGRATIONS[-1].version
        h.store_plan(plan)
        old = h.indicators(plan_identity="old")
        new = h.indicators(plan_identity=plan.identity()).set_index("indicator_id")
    assert old["measurement"].isna().all() and old["decimals"].isna().all()
    assert new.loc["1.1.2", "measurement"] == Measurement.LEVEL.value  # a count measured as a level
    assert new.loc["1.1.3", "measurement"] == Measurement.CUMULATIVE.value
    assert new.loc["1.1.4", "measurement"] is None  # yes/no is not measured
    assert new.loc["2.1.1", "decimals"] == 1
