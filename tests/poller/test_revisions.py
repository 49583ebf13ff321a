"""Edited entries: published again as revisions, counted apart from discoveries."""

from __future__ import annotations

from datetime import datetime, timedelta

from claimwatch.common.http import FetchResult
from claimwatch.common.settings import Settings
from claimwatch.poller.memory import MemoryFeedStore
from claimwatch.poller.poller import Poller
from tests.poller.fakes import ManualClock, RecordingBus


class AtomSite:
    """Serves one Atom feed whose entries' `updated` times the test sets."""

    def __init__(self) -> None:
        self.updated: dict[str, datetime] = {}

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        entries = "".join(
            f'<entry><id>{key}</id><link href="https://news.example/{key}"/>'
            f"<updated>{when:%Y-%m-%dT%H:%M:%SZ}</updated></entry>"
            for key, when in self.updated.items()
        )
        body = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{entries}</feed>'.encode()
        return FetchResult(status=200, url=url, headers={}, body=body)


class CountingMetrics:
    def __init__(self) -> None:
        self.discovered_total = self.revised_total = 0

    def polled(self, outcome: str) -> None:
        pass

    def discovered(self, count: int) -> None:
        self.discovered_total += count

    def revised(self, count: int) -> None:
        self.revised_total += count

    def fetched(self, seconds: float) -> None:
        pass

    def error(self, kind: str) -> None:
        pass


async def test_an_entry_updated_after_it_was_stored_is_published_as_a_revision() -> None:
    site, store, bus, clock, metrics = (
        AtomSite(),
        MemoryFeedStore(),
        RecordingBus(),
        ManualClock(),
        CountingMetrics(),
    )
    poller = Poller(
        settings=Settings(),
        store=store,
        bus=bus,
        fetcher=site,
        clock=clock,
        metrics=metrics,
        rand=lambda: 0.5,
    )
    feed_id = store.add_feed("https://news.example/feed.xml")
    first = clock.now() - timedelta(hours=2)
    site.updated = {"a": first, "b": first}
    summary = await poller.run_once()
    assert (summary.discovered, summary.revised) == (2, 0)
    assert [e.revision for _, e, _ in bus.sent] == [False, False]
    assert bus.sent[0][1].updated == first
    for _, event, _ in bus.sent:  # the extractor stores both at the version it read
        store.mark_stored([event.url_hash], version=event.updated)

    bus.sent.clear()
    site.updated["a"] = clock.now()
    store.make_due(feed_id)
    summary = await poller.run_once()
    assert (summary.discovered, summary.revised) == (0, 1)
    [(_, event, key)] = bus.sent
    assert event.revision and event.canonical_url == "https://news.example/a" and key == event.url_hash
    assert event.updated == clock.now()
    assert (metrics.discovered_total, metrics.revised_total) == (2, 1)


async def test_a_revision_never_stored_is_published_again_after_a_restart() -> None:
    site, store, bus, clock = AtomSite(), MemoryFeedStore(), RecordingBus(), ManualClock()
    feed_id = store.add_feed("https://news.example/feed.xml")
    site.updated = {"a": clock.now() - timedelta(hours=2)}

    def poller() -> Poller:
        return Poller(settings=Settings(), store=store, bus=bus, fetcher=site, clock=clock, rand=lambda: 0.5)

    await poller().run_once()
    store.mark_stored([bus.sent[0][1].url_hash], version=site.updated["a"])
    site.updated["a"] = clock.now()
    for _ in range(2):  # the edit is never stored (the extractor died, say); the poller restarts
        store.make_due(feed_id)
        assert (await poller().run_once()).revised == 1
