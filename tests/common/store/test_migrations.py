from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from claimwatch.common.store import current_revision, head_revision, make_engine, upgrade
from claimwatch.common.store.base import StoreModel


def _schema_diffs(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(context, StoreModel.metadata))
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_models(store_url: str) -> None:
    assert _schema_diffs(store_url) == []
    assert current_revision(store_url) == head_revision() is not None


def test_comparison_notices_a_missing_index(store_url: str) -> None:
    engine = make_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_claim_key_key"))
    engine.dispose()
    diffs = _schema_diffs(store_url)
    assert [d[0] for d in diffs if isinstance(d, tuple)] == ["add_index"]


def test_upgrade_is_idempotent_and_creates_every_table(store_url: str) -> None:
    upgrade(store_url)
    engine = make_engine(store_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert set(StoreModel.metadata.tables) <= tables


def test_empty_database_has_no_revision(tmp_path: pytest.TempPathFactory) -> None:
    assert current_revision(f"sqlite:///{tmp_path}/empty.db") is None


@pytest.mark.real
def test_upgrade_migrates_an_empty_postgres_database(fresh_postgres_url: str) -> None:
    assert current_revision(fresh_postgres_url) is None
    upgrade(fresh_postgres_url)
    assert _schema_diffs(fresh_postgres_url) == []
