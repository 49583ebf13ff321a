"""An edited article end to end: local feed and page, the poller, the SQL store, the in-memory bus,
and the extractor with the default watchlist."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from claimwatch.cli.runtime import import_watchlist_file
from claimwatch.common.bus.memory import MemoryBus
from claimwatch.common.engines import WatchlistEngine
from claimwatch.common.events import TOPIC_ARTICLES, ArticleDiscovered, Event
from claimwatch.common.http import GuardedFetcher
from claimwatch.common.metrics import Metrics
from claimwatch.common.settings import Settings
from claimwatch.common.store import Store, upgrade
from claimwatch.extractor.pool import ExtractionPool
from claimwatch.extractor.reader import PageReader
from claimwatch.extractor.service import Extractor
from claimwatch.poller.adapters import PrometheusPollerMetrics, SqlFeedStore
from claimwatch.poller.poller import Poller
from tests.e2e.site import WATCHLIST, article_page
from tests.fixtures.http import LocalHTTPServer, Reply, Seen, make_settings
from tests.poller.fakes import ManualClock

pytestmark = pytest.mark.real

FIRST = (
    "Russia delivered Pantsir-S1 air defence systems to Venezuela, the ministry said on Monday.\n"
    "The shipment arrived at the port after a week at sea, officials told reporters.\n"
    "Analysts said the systems would be deployed around the capital within a month."
)
EDITED = (
    "Russia delivered Buk-M2E air defence systems to Venezuela, the ministry said on Monday.\n"
    "The shipment arrived at the port after a week at sea, officials told reporters.\n"
    "Analysts said the systems would be deployed around the capital within a month."
)


def atom(link: str, updated: datetime) -> bytes:
    stamp = updated.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>{stamp}</updated>
<entry><id>urn:wire:1</id><title>Deliveries</title><link href="{link}"/>
<published>2026-02-28T10:00:00Z</published><updated>{stamp}</updated><summary>Deliveries</summary></entry>
</feed>""".encode()


@dataclass
class Site:
    """One article, whose page text and feed `updated` time the test changes."""

    server: LocalHTTPServer
    text: str
    updated: datetime

    def serve(self) -> str:
        page = self.server.url("/news/1.html")
        self.server.handle(
            "/news/1.html",
            lambda _req: Reply(
                body=article_page("Deliveries", self.text, "2026-02-28T10:00:00Z"),
                content_type="text/html; charset=utf-8",
            ),
        )

        def feed(_req: Seen) -> Reply:
            return Reply(body=atom(page, self.updated), content_type="application/atom+xml")

        return self.server.handle("/feed.xml", feed)


@dataclass
class Pipeline:
    store: Store
    metrics: Metrics
    poller: Poller
    bus: MemoryBus
    clock: ManualClock

    async def poll(self) -> None:
        self.clock.advance(2 * 86_400)  # every feed due again
        await self.poller.run_once()
        async with asyncio.timeout(30):
            while self.bus.lag(TOPIC_ARTICLES, "extractor"):  # noqa: ASYNC110 - the extractor catches up
                await asyncio.sleep(0.02)

    def counter(self, name: str) -> float:
        return self.metrics.registry.get_sample_value(name) or 0.0


@pytest.fixture
async def pipeline(tmp_path: Path, http_server: LocalHTTPServer) -> AsyncIterator[Pipeline]:
    url = f"sqlite:///{tmp_path}/store.db"
    upgrade(url)
    settings: Settings = make_settings(watchlist_file=WATCHLIST)
    store = Store(url)
    import_watchlist_file(store, settings)
    metrics = Metrics()
    clock = ManualClock()
    stop = asyncio.Event()
    async with MemoryBus() as bus, GuardedFetcher(settings) as fetcher:
        extractor = Extractor(
            store=store,
            pages=PageReader(fetcher, ExtractionPool(workers=0)),
            engine=WatchlistEngine(store.list_watchlist).current,
            bus=bus,
            metrics=metrics,
        )

        async def handle(event: Event) -> None:
            if isinstance(event, ArticleDiscovered):
                await extractor.handle(event)

        consumer = asyncio.create_task(bus.consume([TOPIC_ARTICLES], "extractor", handle, stop=stop))
        poller = Poller(
            settings=settings,
            store=SqlFeedStore(store),
            bus=bus,
            fetcher=fetcher,
            clock=clock,
            metrics=PrometheusPollerMetrics(metrics),
            rand=lambda: 0.5,
        )
        yield Pipeline(store, metrics, poller, bus, clock)
        stop.set()
        await consumer
    store.close()


async def test_an_edited_article_updates_the_stored_one_and_is_not_a_new_discovery(
    pipeline: Pipeline, http_server: LocalHTTPServer
) -> None:
    site = Site(http_server, FIRST, pipeline.clock.now() - timedelta(hours=2))
    pipeline.store.add_feed(url=site.serve())
    await pipeline.poll()
    [article] = pipeline.store.list_articles()
    assert "Pantsir-S1" in article.text
    assert pipeline.counter("claimwatch_articles_discovered_total") == 1

    site.text, site.updated = EDITED, pipeline.clock.now()
    await pipeline.poll()
    [edited] = pipeline.store.list_articles()
    assert edited.id == article.id and "Buk-M2E" in edited.text
    objects = {c.object for c in pipeline.store.list_claims(article_id=article.id)}
    assert "Buk-M2E" in objects
    assert pipeline.counter("claimwatch_articles_revised_total") == 1
    assert pipeline.counter("claimwatch_articles_discovered_total") == 1

    await pipeline.poll()  # nothing changed since: neither new nor edited
    assert pipeline.counter("claimwatch_articles_revised_total") == 1
    assert len(http_server.hits("/news/1.html")) == 2


async def test_an_updated_entry_with_the_same_text_is_not_analysed_again(
    pipeline: Pipeline, http_server: LocalHTTPServer
) -> None:
    site = Site(http_server, FIRST, pipeline.clock.now() - timedelta(hours=2))
    pipeline.store.add_feed(url=site.serve())
    await pipeline.poll()
    claims = pipeline.counter("claimwatch_claims_total")
    site.updated = pipeline.clock.now()
    await pipeline.poll()
    assert pipeline.counter("claimwatch_articles_revised_total") == 1
    assert pipeline.counter("claimwatch_claims_total") == claims  # text unchanged: no analysis
    await pipeline.poll()  # the newer version was recorded: not an edit again
    assert pipeline.counter("claimwatch_articles_revised_total") == 1
