"""Alembic environment: migrates the connection handed in by `claimwatch.common.store.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from claimwatch.common.store import models  # noqa: F401  (registers every table)
from claimwatch.common.store.base import StoreModel
from claimwatch.common.store.engine import make_engine

target_metadata = StoreModel.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection and no sqlalchemy.url to migrate")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
