"""The poller over the real SQL store (SQLite and PostgreSQL) and real metrics."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import format_datetime

import pytest
from prometheus_client import CollectorRegistry

from claimwatch.common.http import GuardedFetcher
from claimwatch.common.metrics import Metrics
from claimwatch.common.store import Store
from claimwatch.poller.adapters import PrometheusPollerMetrics, SqlFeedStore
from claimwatch.poller.poller import Poller
from tests.fixtures.http import LocalHTTPServer, make_settings
from tests.poller.fakes import ManualClock, RecordingBus
from tests.poller.test_poller import etag_route, rss

pytestmark = pytest.mark.real


async def test_poll_health_and_validators_land_in_the_sql_store(
    store: Store, http_server: LocalHTTPServer
) -> None:
    base = http_server.base
    good, _ = store.add_feed(url=http_server.handle("/feed", etag_route(rss(f"{base}/a", f"{base}/b"))))  # type: ignore[arg-type]
    gone, _ = store.add_feed(url=http_server.route("/gone", b"", status=410))
    settings = make_settings()
    bus = RecordingBus()
    clock = ManualClock()
    metrics = Metrics(CollectorRegistry())
    async with GuardedFetcher(settings) as fetcher:
        poller = Poller(
            settings=settings,
            store=SqlFeedStore(store),
            bus=bus,
            fetcher=fetcher,
            clock=clock,
            metrics=PrometheusPollerMetrics(metrics),
        )
        summary = await poller.run_once()
        assert summary.feeds == 2 and summary.discovered == 2
        assert good.id is not None and gone.id is not None
        state = store.get_feed_state(feed_id=good.id)
        assert state is not None and state.etag == '"v1"' and state.entries_seen == 2
        assert state.last_status == 200 and state.lease_owner is None and state.body_hash
        # One article stored by the extractor: only the other is discovered on the next full read.
        _, event, _ = bus.sent[0]
        store.upsert_article(
            url_hash=event.url_hash,
            canonical_url=event.canonical_url,
            url=event.url,
            text="t",
            text_hash="h",
            extraction_status="page",
        )
        bus.sent.clear()
        clock.advance(86_400 * 2)
        await Poller(
            settings=settings, store=SqlFeedStore(store), bus=bus, fetcher=fetcher, clock=clock
        ).run_once()
    assert [e.canonical_url for _, e, _ in bus.sent] == [f"{base}/b"]
    gone_feed = store.get_feed(feed_id=gone.id)
    gone_state = store.get_feed_state(feed_id=gone.id)
    assert gone_feed is not None and not gone_feed.enabled
    assert gone_state is not None and gone_state.last_status == 410 and gone_state.consecutive_failures == 1
    assert metrics.feeds_polled.labels(outcome="ok")._value.get() == 1
    assert metrics.articles_discovered._value.get() == 2
    assert metrics.errors.labels(component="poller", kind="http_status")._value.get() == 1


def dated_rss(base: str, days_ago: list[int], now: datetime) -> bytes:
    items = "".join(
        f"<item><link>{base}/d{d}</link><pubDate>{format_datetime(now - timedelta(days=d))}</pubDate></item>"
        for d in days_ago
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
    )


async def test_feed_health_gauges_and_silence_follow_real_polls(
    store: Store, http_server: LocalHTTPServer
) -> None:
    clock = ManualClock()
    now = clock.now()
    base = http_server.base
    quiet, _ = store.add_feed(url=http_server.route("/quiet", dated_rss(base, [9, 10, 11, 12], now)))
    lively, _ = store.add_feed(url=http_server.route("/lively", dated_rss(base, [0, 1, 2, 3], now)))
    store.add_feed(url=http_server.route("/broken", b"oops", status=500))
    settings = make_settings()
    metrics = Metrics(CollectorRegistry())
    metrics.watch_store(store, clock=clock.now)
    async with GuardedFetcher(settings) as fetcher:
        poller = Poller(
            settings=settings, store=SqlFeedStore(store), bus=RecordingBus(), fetcher=fetcher, clock=clock
        )
        await poller.run_once()
    state = store.get_feed_state(feed_id=quiet.id)
    assert state is not None and state.mean_entry_interval_s == 86_400
    assert state.newest_entry_at == (now - timedelta(days=9)).replace(microsecond=0)
    assert [f.id for f, _ in store.list_feeds(status="silent", now=now)] == [quiet.id]
    assert lively.id not in [f.id for f, _ in store.list_feeds(status="silent", now=now)]
    failing = metrics.registry.get_sample_value("claimwatch_feeds_failing")
    silent = metrics.registry.get_sample_value("claimwatch_feeds_silent")
    assert (failing, silent) == (1, 1)
