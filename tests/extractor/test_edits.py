"""The extractor on edits of stored articles, over a real SQLite store and the default watchlist."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from claimwatch.cli.runtime import import_watchlist_file
from claimwatch.common.engines import WatchlistEngine
from claimwatch.common.events import ArticleDiscovered
from claimwatch.common.metrics import Metrics
from claimwatch.common.settings import Settings
from claimwatch.common.store import Store, upgrade
from claimwatch.extractor.service import Extractor
from tests.e2e.site import WATCHLIST

V1 = datetime(2026, 3, 1, 10, tzinfo=UTC)
V2 = V1 + timedelta(hours=1)
PANTSIR = "Russia delivered Pantsir-S1 air defence systems to Venezuela, the ministry said."
BUK = "Russia delivered Buk-M2E air defence systems to Venezuela, the ministry said."


class Pages:
    def __init__(self, text: str) -> None:
        self.text: str | None = text

    async def read(self, url: str) -> tuple[str, str, datetime | None]:
        if self.text is None:
            raise ConnectionError("site down")
        return self.text, "Deliveries", None


class Bus:
    def __init__(self) -> None:
        self.sent: list[Any] = []

    async def publish(self, topic: str, event: Any, key: str | None = None) -> None:
        self.sent.append(event)


class FlakyStore(Store):
    """Fails the next article write once, as a process dying at that moment would."""

    fail_next_upsert = False

    def upsert_article(self, **kwargs: Any) -> Any:
        if self.fail_next_upsert:
            self.fail_next_upsert = False
            raise RuntimeError("died before storing")
        return super().upsert_article(**kwargs)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[FlakyStore]:
    url = f"sqlite:///{tmp_path}/store.db"
    upgrade(url)
    s = FlakyStore(url)
    import_watchlist_file(s, Settings(watchlist_file=WATCHLIST))
    yield s
    s.close()


def event(updated: datetime, *, revision: bool) -> ArticleDiscovered:
    url = "https://news.example/a"
    return ArticleDiscovered(
        url=url, canonical_url=url, url_hash="h-a", summary="Deliveries", revision=revision, updated=updated
    )


def extractor(store: Store, pages: Pages) -> Extractor:
    engine = WatchlistEngine(store.list_watchlist)
    return Extractor(store=store, pages=pages, engine=engine.current, bus=Bus(), metrics=Metrics())


def objects(store: Store) -> set[str]:
    article = store.get_article(url_hash="h-a")
    assert article is not None
    return {c.object for c in store.list_claims(article_id=article.id)}


async def test_an_edit_whose_page_cannot_be_read_keeps_the_stored_text_and_version(store: FlakyStore) -> None:
    pages = Pages(PANTSIR)
    await extractor(store, pages).handle(event(V1, revision=False))
    pages.text = None
    await extractor(store, pages).handle(event(V2, revision=True))
    article = store.get_article(url_hash="h-a")
    assert article is not None and article.text == PANTSIR and article.extraction_status == "page"
    # The version stays at V1, so the next poll publishes the edit again.
    assert store.stored_entry_versions(hashes=["h-a"]) == {"h-a": V1}


async def test_an_edit_interrupted_after_analysis_is_analysed_again_when_redelivered(
    store: FlakyStore,
) -> None:
    pages = Pages(PANTSIR)
    await extractor(store, pages).handle(event(V1, revision=False))
    pages.text = BUK
    store.fail_next_upsert = True
    with pytest.raises(RuntimeError):
        await extractor(store, pages).handle(event(V2, revision=True))
    assert store.stored_entry_versions(hashes=["h-a"]) == {"h-a": V1}
    await extractor(store, pages).handle(event(V2, revision=True))  # redelivered
    article = store.get_article(url_hash="h-a")
    assert article is not None and article.text == BUK
    assert "Buk-M2E" in objects(store)
    assert store.stored_entry_versions(hashes=["h-a"]) == {"h-a": V2}


async def test_a_revision_of_an_article_never_stored_is_read_as_a_new_one(store: FlakyStore) -> None:
    await extractor(store, Pages(BUK)).handle(event(V2, revision=True))
    assert "Buk-M2E" in objects(store)
    assert store.stored_entry_versions(hashes=["h-a"]) == {"h-a": V2}
