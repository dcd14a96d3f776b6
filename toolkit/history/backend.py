"""Where the history lives: an SQLite file (the embedded default) or a PostgreSQL database (the server option for
a history several controllers share), behind one small interface.

The history's SQL is written once, in SQLite's dialect with ``?`` placeholders; the PostgreSQL connection
translates what differs (placeholders, ``INSERT OR IGNORE``, the DDL's column types, ``RETURNING`` for new ids).
Both serialize writers the same way: SQLite with ``BEGIN IMMEDIATE``, PostgreSQL with a transaction-scoped
advisory lock taken first in every write transaction, so "exactly one counting submission per unit and period"
holds with any number of concurrent collects on either.

PostgreSQL is reached through psycopg 3 (an optional extra: ``pip install 'nplan[postgres]'``): the history is
hand-written SQL with few dialect differences, which a thin translation covers; SQLAlchemy would add a large
dependency and a second way of writing SQL for no gain here.

A SQLite file on a network filesystem is refused (``toolkit.history.netfs``): SQLite's locking is only as reliable
as the file system's, and SQLite's own documentation advises against network filesystems.
"""

from __future__ import annotations

import os
import re
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from toolkit.core.errors import NplanError
from toolkit.history import dburl, netfs
from toolkit.texts import collect as tcol
from toolkit.texts import history as th

BUSY_TIMEOUT_S = 120.0
# The key of the advisory lock every PostgreSQL write transaction takes first ("nplan" in ASCII).
PG_WRITE_LOCK = 0x6E706C616E

Target = str | os.PathLike[str]


class BackendError(NplanError):
    """The history's database cannot be reached or used; ``str()`` is a Swedish message without credentials."""


class BusyError(BackendError):
    """Another process held the write lock for longer than the busy timeout."""


def is_server(target: Target) -> bool:
    """Is ``target`` a database server's URL (rather than an SQLite file)?"""
    return isinstance(target, str) and dburl.is_server_url(target)


def as_target(text: str | os.PathLike[str]) -> Path | str:
    """A database named as a user writes it: a server's URL stays text (a Path would mangle its "//"), anything
    else is an SQLite file's path."""
    return str(text).strip() if is_server(str(text)) else Path(text)


def exists(target: Target) -> bool:
    """Does the history exist yet? (A server's database is there for the asking; a file must exist.)"""
    return is_server(target) or Path(target).is_file()


def beside_database(database: str | os.PathLike[str], master_path: str | os.PathLike[str] | None = None) -> Path:
    """The folder next to the database (an SQLite file's folder; for a database server, the master's folder,
    else the current folder)."""
    if is_server(database):
        return Path(master_path).resolve().parent if master_path is not None else Path.cwd()
    return Path(database).parent


def describe(target: Target) -> str:
    """``target`` as shown to users: a URL with its password masked, a path as it is."""
    return dburl.display_url(str(target)) if is_server(target) else str(target)


class Database(ABC):
    """One open connection to the history's database."""

    kind: str
    # The exceptions of the driver that mean "the database failed" (translated by the history's callers).
    errors: tuple[type[BaseException], ...]

    def __init__(self, display: str) -> None:
        self.display = display

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; the result has ``fetchone()`` and ``fetchall()``."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @abstractmethod
    def insert(self, sql: str, params: Sequence[Any], id_column: str) -> int:
        """Run an INSERT and return the new row's id (``id_column``)."""

    @abstractmethod
    def begin_write(self) -> None:
        """Start a write transaction that excludes every other writer until it ends."""

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None: ...

    @property
    @abstractmethod
    def in_transaction(self) -> bool: ...

    @abstractmethod
    def table_exists(self, name: str) -> bool: ...

    @abstractmethod
    def integrity_check(self) -> str:
        """The database's own check ("ok" when sound)."""

    @abstractmethod
    def close(self) -> None: ...

    @property
    @abstractmethod
    def raw(self) -> Any:
        """The driver's connection, for read-only SQL of one's own."""


# --------------------------------------------------------------------------------------------
# SQLite
# --------------------------------------------------------------------------------------------

class SQLiteDatabase(Database):
    kind = "sqlite"
    errors = (sqlite3.Error,)

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path
        self._conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self._conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error:
            self._conn.close()
            raise

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def insert(self, sql: str, params: Sequence[Any], id_column: str) -> int:
        return int(self._conn.execute(sql, tuple(params)).lastrowid or 0)

    def begin_write(self) -> None:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise BusyError(tcol.DB_BUSY.format(path=self.display, reason=exc)) from exc

    def commit(self) -> None:
        self._conn.execute("COMMIT")

    def rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    def table_exists(self, name: str) -> bool:
        return self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                  (name,)).fetchone() is not None

    def integrity_check(self) -> str:
        return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        self._conn.close()

    @property
    def raw(self) -> sqlite3.Connection:
        return self._conn


# --------------------------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------------------------

_DDL = ((re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
        (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"))
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT OR IGNORE INTO\b", re.IGNORECASE)


def pg_sql(sql: str) -> str:
    """An SQLite-dialect statement of the history in PostgreSQL's dialect."""
    text = sql
    if text.lstrip().upper().startswith("CREATE TABLE"):
        for pattern, replacement in _DDL:
            text = pattern.sub(replacement, text)
    ignore = bool(_INSERT_OR_IGNORE.match(text))
    if ignore:
        text = _INSERT_OR_IGNORE.sub("INSERT INTO", text, count=1)
    text = text.replace("%", "%%").replace("?", "%s")
    if ignore:
        text += " ON CONFLICT DO NOTHING"
    return text


class PostgresDatabase(Database):
    kind = "postgresql"

    def __init__(self, url: str) -> None:
        super().__init__(dburl.display_url(url))
        try:
            import psycopg
        except ImportError as exc:
            raise BackendError(th.DB_NEEDS_PSYCOPG.format(url=self.display)) from exc
        self._psycopg = psycopg
        self.errors = (psycopg.Error,)
        dburl.check_server_url(url)
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=30)
        except psycopg.Error as exc:
            # from None: the driver's exception object carries the connection, password included.
            raise BackendError(th.DB_CANNOT_OPEN_SERVER.format(
                path=self.display, reason=dburl.redact(str(exc).strip().rstrip("."), url))) from None
        self._conn.execute(f"SET lock_timeout = '{int(BUSY_TIMEOUT_S)}s'")
        self._tx = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(pg_sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(pg_sql(sql), [tuple(r) for r in rows])

    def insert(self, sql: str, params: Sequence[Any], id_column: str) -> int:
        row = self._conn.execute(pg_sql(sql) + f" RETURNING {id_column}", tuple(params)).fetchone()
        return int(row[0]) if row else 0

    def begin_write(self) -> None:
        self._conn.execute("BEGIN")
        self._tx = True
        try:
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (PG_WRITE_LOCK,))
        except self._psycopg.errors.LockNotAvailable as exc:
            self.rollback()
            raise BusyError(tcol.DB_BUSY.format(path=self.display, reason=exc.sqlstate)) from None

    def commit(self) -> None:
        self._conn.execute("COMMIT")
        self._tx = False

    def rollback(self) -> None:
        if self._tx:
            self._tx = False
            self._conn.execute("ROLLBACK")

    @property
    def in_transaction(self) -> bool:
        return self._tx

    def table_exists(self, name: str) -> bool:
        row = self._conn.execute("SELECT to_regclass(%s)", (name,)).fetchone()
        return row is not None and row[0] is not None

    def integrity_check(self) -> str:
        # PostgreSQL keeps its own pages consistent (checksums, WAL); a query that reads is the check we can do.
        self._conn.execute("SELECT count(*) FROM schema_version").fetchone()
        return "ok"

    def close(self) -> None:
        self._conn.close()

    @property
    def raw(self) -> Any:
        return self._conn


# --------------------------------------------------------------------------------------------
# Opening
# --------------------------------------------------------------------------------------------

def connect(target: Target, *, allow_network: bool = False, mountinfo: str | None = None) -> Database:
    """Open the database ``target`` names: a ``postgresql://`` URL, or the path of an SQLite file (created with
    its folder when missing). An SQLite file on a network filesystem is refused unless ``allow_network``
    (``mountinfo`` lets tests fake the mount table). Raises BackendError with a Swedish message."""
    if is_server(target):
        return PostgresDatabase(str(target))
    path = Path(target)
    fs = netfs.network_filesystem(path, mountinfo=mountinfo)
    if fs is not None and not allow_network:
        raise BackendError(th.DB_ON_NETWORK.format(path=path, fs=fs))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return SQLiteDatabase(path)
    except (OSError, sqlite3.Error) as exc:
        raise BackendError(tcol.DB_CANNOT_OPEN.format(path=path, reason=exc)) from exc


def redacted(exc: BaseException, target: Target) -> str:
    """A driver's error message without the credentials of ``target``."""
    text = str(exc).strip()
    return dburl.redact(text, str(target)) if is_server(target) else text
