"""Engines for the two supported databases: SQLite (embedded) and PostgreSQL (psycopg 3).

One engine per process, shared by threads; every repository call opens its own
session. On SQLite, writes start with BEGIN IMMEDIATE so that two writers queue
on the lock (busy_timeout) instead of failing when one upgrades a read lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from claimwatch.common.store.errors import StoreError

# Execution option asking the SQLite begin hook for a write lock up front.
WRITE_LOCK = "claimwatch_write_lock"
SQLITE_BUSY_TIMEOUT_MS = 30_000
PG_CONNECT_TIMEOUT_S = 10


def database_url(url: str) -> URL:
    """A SQLAlchemy URL for a user-given one: `postgres://` and `postgresql://` use psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"database URL is not valid: {exc}") from None
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {parsed.drivername!r}: use sqlite:/// or postgresql://")
    return parsed


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:")


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for `url`, with the per-backend settings the store relies on."""
    parsed = database_url(url)
    if parsed.get_backend_name() == "postgresql":
        # Without it a connect to an unreachable server waits for the OS (minutes), and so does
        # every caller, /metrics included. A connect_timeout in the URL wins.
        connect = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
        return create_engine(
            parsed, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=10, connect_args=connect
        )
    kwargs: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}}
    if _is_memory(parsed):
        # One shared connection, or every session would see its own empty database.
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    elif parsed.database:
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, echo=echo, **kwargs)
    _configure_sqlite(engine, wal=not _is_memory(parsed))
    return engine


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see `_on_begin`).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if wal:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_LOCK, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
