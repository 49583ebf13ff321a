"""The store: SQLModel tables, the `Store` repository, and schema migrations.

Usage::

    upgrade(settings.effective_database_url)
    store = Store.from_settings(settings)
    feed, created = store.add_feed(url="https://example.org/feed.xml")
"""

from claimwatch.common.store.base import utcnow
from claimwatch.common.store.engine import database_url, make_engine
from claimwatch.common.store.errors import AlreadyExists, NotFound, StoreError, StoreUnavailable
from claimwatch.common.store.migrate import current_revision, head_revision, upgrade
from claimwatch.common.store.store import Store

__all__ = [
    "AlreadyExists",
    "NotFound",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "current_revision",
    "database_url",
    "head_revision",
    "make_engine",
    "upgrade",
    "utcnow",
]
