"""Shared fixtures: the example plan and its master, built in code."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_SOURCE = ROOT / "examples" / "run2026" / "plan.toml"
EXAMPLE_MASTER = ROOT / "examples" / "run2026" / "master.xlsx"

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pg import fresh_database, pg_url, requires_postgres, server_url  # noqa: E402,F401  (pg_url: a fixture)


@pytest.fixture()
def example_plan():
    from toolkit.plan.source import load_plan_source

    return load_plan_source(EXAMPLE_SOURCE)


@pytest.fixture()
def example_master(tmp_path: Path, example_plan) -> Path:
    """A fresh copy of the example master in tmp_path (tests may change it)."""
    from toolkit.plan import write_master

    return write_master(example_plan, tmp_path / "master.xlsx")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=requires_postgres)])
def new_db(request, tmp_path: Path):
    """Makes history databases on each backend: ``new_db("h")`` is an SQLite file in tmp_path, or the URL of a
    fresh, empty PostgreSQL database (dropped after the test). Tests that take it run once per backend."""
    made: dict[str, object] = {}
    servers = []

    def make(name: str = "h"):
        """The same name gives the same database within a test."""
        if name not in made:
            if request.param == "sqlite":
                made[name] = tmp_path / f"{name}.sqlite"
            else:
                database = fresh_database(server_url())
                servers.append(database)
                made[name] = database.__enter__()
        return made[name]

    yield make
    for database in servers:
        database.__exit__(None, None, None)


@pytest.fixture()
def example_inbox(tmp_path: Path, example_plan):
    """An inbox of the example's 2026-T2 returns as simulated units send them (one invalid, one resubmitted,
    one missing)."""
    from toolkit.core.periods import Period
    from toolkit.returns.example_inbox import make_example_inbox

    return make_example_inbox(example_plan, Period(2026, 2), tmp_path / "inkorg")
