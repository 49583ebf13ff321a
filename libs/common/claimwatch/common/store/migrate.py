"""Schema migrations (Alembic), run from code: `claimwatch db upgrade` and at `claimwatch run`.

The migration scripts ship inside this package, so an installed wheel can
migrate its own database without an alembic.ini.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from claimwatch.common.store.engine import make_engine
from claimwatch.common.store.repo.base import wrap_errors

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Brings the database at `database_url` to `revision` (creating the schema if empty)."""
    engine = make_engine(database_url)
    try:
        upgrade_engine(engine, revision)
    finally:
        engine.dispose()


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    """As `upgrade`, over an existing engine (so an in-memory SQLite database can be migrated)."""
    with wrap_errors("migrate database"), engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(database_url: str) -> str | None:
    """The revision the database is at; None for an empty database."""
    engine = make_engine(database_url)
    try:
        with wrap_errors("read schema revision"), engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    """The newest revision this version of claimwatch knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
