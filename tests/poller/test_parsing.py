"""Large feeds are parsed in killable workers: a feed that parses for ever cannot hold the poller."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from claimwatch.common.feedparse import FeedParseError
from claimwatch.common.http import GuardedFetcher
from claimwatch.poller.memory import MemoryFeedStore
from claimwatch.poller.parsing import INLINE_PARSE_BYTES, FeedParsing
from claimwatch.poller.poller import Poller
from tests.fixtures.http import LocalHTTPServer, make_settings
from tests.poller._slow_parse import slow_on_marker
from tests.poller.fakes import ManualClock, RecordingBus


def big_rss(prefix: str, items: int = 1200, marker: str = "") -> bytes:
    """An RSS feed over the inline limit: `items` entries with long descriptions."""
    filler = "Officials said the shipment arrived at the port after a week at sea. " * 4
    entries = "".join(
        f"<item><title>{prefix} {i}</title><link>https://news.example/{prefix}/{i}</link>"
        f"<description>{marker}{filler}</description></item>"
        for i in range(items)
    )
    channel = f"<channel><title>{prefix}</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture
async def parsing() -> AsyncIterator[FeedParsing]:
    pool = FeedParsing(workers=1, timeout_s=1.0, fn=slow_on_marker)
    yield pool
    pool.close()


async def test_a_large_feed_is_parsed_in_a_worker_with_every_entry(parsing: FeedParsing) -> None:
    body = big_rss("big")
    assert len(body) > INLINE_PARSE_BYTES
    parsed = await parsing.parse(body, "https://news.example/feed.xml", {})
    assert len(parsed.entries) == 1200
    assert parsed.entries[-1].canonical_url == "https://news.example/big/1199"


async def test_a_parse_over_the_time_limit_kills_its_worker_and_the_next_feed_parses(
    parsing: FeedParsing,
) -> None:
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    task = asyncio.create_task(ticker())
    started = time.monotonic()
    with pytest.raises(FeedParseError) as caught:
        await parsing.parse(big_rss("slow", marker="slow-parse "), "https://news.example/slow.xml", {})
    waited = time.monotonic() - started
    task.cancel()
    assert caught.value.kind == "parse_timeout"
    assert waited < 5 and ticks >= 10  # the event loop kept running while the worker hung
    assert parsing.restarts == 1
    parsed = await parsing.parse(big_rss("after"), "https://news.example/after.xml", {})
    assert len(parsed.entries) == 1200


async def test_small_feeds_parse_inline_without_a_worker(parsing: FeedParsing) -> None:
    body = b'<rss version="2.0"><channel><item><link>https://news.example/a</link></item></channel></rss>'
    assert len((await parsing.parse(body, "https://news.example/f.xml", {})).entries) == 1
    with pytest.raises(FeedParseError) as caught:
        await parsing.parse(b"<html>not a feed</html>", "https://news.example/f.xml", {})
    assert caught.value.kind != "parse_timeout"


@pytest.mark.real
async def test_a_feed_that_parses_for_ever_is_recorded_and_backs_off_while_the_poller_goes_on(
    http_server: LocalHTTPServer, parsing: FeedParsing
) -> None:
    slow = http_server.route("/slow.xml", big_rss("slow", marker="slow-parse "))
    fine = http_server.route("/fine.xml", big_rss("fine", items=3))
    settings = make_settings()
    store, bus, clock = MemoryFeedStore(), RecordingBus(), ManualClock()
    async with GuardedFetcher(settings) as fetcher:
        poller = Poller(
            settings=settings,
            store=store,
            bus=bus,
            fetcher=fetcher,
            clock=clock,
            rand=lambda: 0.5,
            parser=parsing,
        )
        slow_id, fine_id = store.add_feed(slow), store.add_feed(fine)
        summary = await poller.run_once()
        assert (summary.feeds, summary.failed, summary.discovered) == (2, 1, 3)
        health = store.health(slow_id)
        assert health.last_error_kind == "parse_timeout" and health.consecutive_failures == 1
        assert health.next_poll_at is not None and health.next_poll_at > clock.now()
        assert store.health(fine_id).last_error_kind is None

        # The loop goes on: the next cycle polls the healthy feed again; the slow one waits out its backoff.
        store.mark_stored(e.url_hash for _, e, _ in bus.sent)
        http_server.route("/fine.xml", big_rss("fine", items=4))
        store.make_due(fine_id)
        summary = await poller.run_once()
        assert (summary.feeds, summary.discovered, len(bus.sent)) == (1, 1, 4)
