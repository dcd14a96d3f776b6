"""PostgreSQL for the tests: the server .ci/postgres.sh starts, and a fresh empty database per test.

``NPLAN_TEST_PG_URL`` names a database on the test server whose user may create databases (pg_start exports
it). Tests that need the server are marked ``@requires_postgres`` and take the ``pg_url`` fixture (registered
in conftest.py): a URL of a new, empty database that is dropped after the test.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_URL = os.environ.get("NPLAN_TEST_PG_URL") or None


def has_psycopg() -> bool:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return False
    return True


# CI starts a server and installs psycopg; there a missing one is a failure, on a developer's machine a skip.
requires_postgres = pytest.mark.skipif(
    (PG_URL is None or not has_psycopg()) and not os.environ.get("CI"),
    reason="no PostgreSQL test server (NPLAN_TEST_PG_URL unset: `source .ci/postgres.sh && pg_start`) "
           "or psycopg not installed")


def database_url(url: str, name: str) -> str:
    """``url`` with its database replaced by ``name`` (user, password, host, port and parameters kept)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """Create an empty database ``nplan_t_<random>`` on the server of ``url`` (whose user must have
    CREATEDB), yield its URL, and drop it afterwards, also when the test left connections open."""
    import psycopg
    from psycopg import sql

    name = f"nplan_t_{secrets.token_hex(6)}"
    with psycopg.connect(url, autocommit=True) as conn:  # CREATE/DROP DATABASE cannot run in a transaction
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(url, name)
    finally:
        _drop(url, name)


def _drop(url: str, name: str) -> None:
    """Drop a test database, ending the connections a test left open. FORCE must also end a server process of
    another role that happens to be in it (an autovacuum worker), which a role without pg_signal_backend may not:
    then end our own connections and try again, for a while."""
    import time

    import psycopg
    from psycopg import sql

    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    for attempt in range(50):
        with psycopg.connect(url, autocommit=True) as conn:
            try:
                conn.execute(drop)
                return
            except psycopg.errors.InsufficientPrivilege:
                if attempt == 49:
                    raise
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                             "AND usename = current_user AND pid <> pg_backend_pid()", (name,))
        time.sleep(0.1)


def server_url() -> str:
    """``PG_URL``; a test failure when no test server is configured (a test using it is @requires_postgres)."""
    if PG_URL is None:
        pytest.fail("NPLAN_TEST_PG_URL is not set: no PostgreSQL test server (`source .ci/postgres.sh && pg_start`)")
    return PG_URL


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    with fresh_database(server_url()) as url:
        yield url
