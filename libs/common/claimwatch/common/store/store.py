"""`Store`: the one repository every service uses. All SQL lives in this package."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

from claimwatch.common.store.engine import make_engine
from claimwatch.common.store.migrate import upgrade_engine
from claimwatch.common.store.repo.articles import ArticleRepo
from claimwatch.common.store.repo.base import wrap_errors
from claimwatch.common.store.repo.claims import ClaimRepo
from claimwatch.common.store.repo.feeds import FeedRepo
from claimwatch.common.store.repo.outbox import OutboxRepo
from claimwatch.common.store.repo.subscriptions import SubscriptionRepo
from claimwatch.common.store.repo.watchlist import WatchlistRepo

if TYPE_CHECKING:
    from claimwatch.common.settings import Settings


class Store(FeedRepo, ArticleRepo, ClaimRepo, WatchlistRepo, SubscriptionRepo, OutboxRepo):
    """Repository over SQLite or PostgreSQL.

    Synchronous and thread-safe: one engine (connection pool) per Store, one
    session per call, so async services call it through `asyncio.to_thread`.
    Methods take keyword arguments only, return detached rows, and raise only
    `StoreError` subclasses. The schema must be migrated first (`upgrade`).
    """

    def __init__(self, url: str, *, echo: bool = False) -> None:
        super().__init__(make_engine(url, echo=echo))
        self.url = url

    @classmethod
    def from_settings(cls, settings: Settings) -> Store:
        return cls(settings.effective_database_url)

    def migrate(self) -> None:
        """Brings the schema to the newest revision (as `upgrade(url)` does)."""
        upgrade_engine(self._engine)

    def ping(self) -> None:
        """Raises StoreUnavailable if the database does not answer."""
        with wrap_errors("ping database"), self._engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def close(self) -> None:
        """Closes pooled connections; the Store must not be used afterwards."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
