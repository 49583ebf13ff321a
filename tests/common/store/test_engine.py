from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from claimwatch.common.settings import Settings
from claimwatch.common.store import Store, StoreError, StoreUnavailable, database_url, make_engine, upgrade


def test_postgres_urls_use_psycopg_3() -> None:
    assert database_url("postgresql://u:p@db:5432/cw").drivername == "postgresql+psycopg"
    assert database_url("postgres://u@db/cw").drivername == "postgresql+psycopg"
    assert database_url("sqlite:///x.db").drivername == "sqlite"


@pytest.mark.parametrize("url", ["mysql://u@db/cw", "not a url"])
def test_unsupported_database_urls_are_refused_with_a_store_error(url: str) -> None:
    with pytest.raises(StoreError):
        database_url(url)


def test_sqlite_file_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/sub/dir/cw.db")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() >= 1000
    finally:
        engine.dispose()
    assert (tmp_path / "sub" / "dir" / "cw.db").exists()


def test_store_from_settings_uses_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    upgrade(settings.effective_database_url)
    with Store.from_settings(settings) as store:
        store.ping()
        store.add_feed(url="https://a.example/feed")
    assert (tmp_path / "data" / "claimwatch.db").exists()


def test_in_memory_sqlite_works_for_quick_tests() -> None:
    with Store("sqlite://") as store:
        store.migrate()
        assert store.add_feed(url="https://a.example/feed")[1]
        assert len(store.list_feeds()) == 1


def test_unreachable_database_raises_store_unavailable(tmp_path: Path) -> None:
    with (
        Store(f"postgresql://nobody@/cw?host={tmp_path}&connect_timeout=1") as store,
        pytest.raises(StoreUnavailable),
    ):
        store.ping()


def test_unmigrated_database_raises_a_store_error(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path}/empty.db") as store, pytest.raises(StoreError, match="list feeds"):
        store.list_feeds()
