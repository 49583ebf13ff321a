"""The poller against real local HTTP servers, with the in-memory store and a recording bus."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from claimwatch.common.events import TOPIC_ARTICLES
from claimwatch.common.http import GuardedFetcher
from claimwatch.common.settings import Settings
from claimwatch.poller.memory import MemoryFeedStore
from claimwatch.poller.poller import Poller
from tests.common.test_feedparse import BILLION_LAUGHS
from tests.fixtures.http import LocalHTTPServer, Reply, Seen, make_settings
from tests.poller.fakes import HangingFetcher, ManualClock, RecordingBus

pytestmark = pytest.mark.real


def rss(*links: str, title: str = "Feed") -> bytes:
    items = "".join(f"<item><title>{link}</title><link>{link}</link></item>" for link in links)
    channel = f"<channel><title>{title}</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


class Rig:
    def __init__(self, settings: Settings, fetcher: GuardedFetcher, bus: RecordingBus | None = None) -> None:
        self.settings = settings
        self.fetcher = fetcher
        self.store = MemoryFeedStore()
        self.bus = bus or RecordingBus()
        self.clock = ManualClock()
        self.poller = self.new_poller()

    def new_poller(self) -> Poller:
        """A fresh poller on the same store, as after a restart."""
        return Poller(
            settings=self.settings,
            store=self.store,
            bus=self.bus,
            fetcher=self.fetcher,
            clock=self.clock,
            rand=lambda: 0.5,
        )

    async def poll(self, url: str) -> int:
        feed_id = self.store.add_feed(url)
        await self.poller.run_once()
        return feed_id

    async def again(self, feed_id: int) -> None:
        self.store.make_due(feed_id)
        await self.poller.run_once()


@pytest.fixture
async def rig() -> AsyncIterator[Rig]:
    settings = make_settings(fetch_timeout_s=1.0, fetch_read_timeout_s=1.0, poll_concurrency=8)
    async with GuardedFetcher(settings) as fetcher:
        yield Rig(settings, fetcher)


def etag_route(body: bytes, etag: str = '"v1"') -> object:
    def reply(req: Seen) -> Reply:
        if req.headers.get("if-none-match") == etag:
            return Reply(status=304, headers={"ETag": etag})
        return Reply(body=body, headers={"ETag": etag})

    return reply


async def test_new_entries_are_published_once_each_keyed_by_url_hash(
    rig: Rig, http_server: LocalHTTPServer
) -> None:
    base = http_server.base
    url = http_server.route("/feed", rss(f"{base}/a?utm_source=rss", f"{base}/b", f"{base}/a"))
    feed_id = await rig.poll(url)
    assert rig.bus.urls == [f"{base}/a", f"{base}/b"]
    topic, event, key = rig.bus.sent[0]
    assert topic == TOPIC_ARTICLES and key == event.url_hash and event.feed_id == feed_id
    assert event.outlet == "Feed" and event.feed_url == url
    health = rig.store.health(feed_id)
    assert health.last_status == 200 and health.consecutive_failures == 0 and health.entries_seen == 3
    assert health.next_poll_at is not None and health.next_poll_at > rig.clock.now()


async def test_stored_articles_are_not_discovered_again(rig: Rig, http_server: LocalHTTPServer) -> None:
    base = http_server.base
    url = http_server.route("/feed", rss(f"{base}/a", f"{base}/b"))
    feed_id = await rig.poll(url)
    rig.store.mark_stored(e.url_hash for _, e, _ in rig.bus.sent[:1])
    rig.bus.sent.clear()
    await rig.again(feed_id)
    # No validators: the same body again is skipped by its hash, nothing is re-published.
    assert rig.bus.sent == []
    rig2 = rig.new_poller()  # a restart: the first poll reads the feed in full
    rig.store.make_due(feed_id)
    await rig2.run_once()
    assert rig.bus.urls == [f"{base}/b"]  # never stored: discovered again, not lost


async def test_the_same_article_in_two_feeds_has_one_identity(rig: Rig, http_server: LocalHTTPServer) -> None:
    base = http_server.base
    rig.store.add_feed(http_server.route("/one", rss(f"{base}/story?fbclid=1")))
    rig.store.add_feed(http_server.route("/two", rss(f"{base.upper()}/story#x")))
    await rig.poller.run_once()
    assert len({e.url_hash for _, e, _ in rig.bus.sent}) == 1


async def test_conditional_get_304_is_a_healthy_poll(rig: Rig, http_server: LocalHTTPServer) -> None:
    url = http_server.handle("/feed", etag_route(rss(f"{http_server.base}/a")))  # type: ignore[arg-type]
    feed_id = await rig.poll(url)
    await rig.again(feed_id)
    assert http_server.hits("/feed")[1].headers.get("if-none-match") == '"v1"'
    health = rig.store.health(feed_id)
    assert health.last_status == 304 and health.polls == 2 and health.consecutive_failures == 0
    assert len(rig.bus.sent) == 1


async def test_gone_feed_is_disabled(rig: Rig, http_server: LocalHTTPServer) -> None:
    feed_id = await rig.poll(http_server.route("/gone", b"", status=410))
    health = rig.store.health(feed_id)
    assert not health.enabled and health.last_status == 410 and health.last_error_kind == "http_status"
    rig.store.make_due(feed_id)
    await rig.poller.run_once()
    assert len(http_server.hits("/gone")) == 1


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_is_honoured(rig: Rig, http_server: LocalHTTPServer, status: int) -> None:
    feed_id = await rig.poll(http_server.route("/busy", b"", status=status, headers={"Retry-After": "7200"}))
    health = rig.store.health(feed_id)
    assert health.next_poll_at is not None
    assert (health.next_poll_at - rig.clock.now()).total_seconds() == 7200
    assert health.consecutive_failures == 1 and health.last_status == status


async def test_server_errors_back_off_and_count_failures(rig: Rig, http_server: LocalHTTPServer) -> None:
    feed_id = await rig.poll(http_server.route("/err", b"oops", status=500))
    first = rig.store.health(feed_id).next_poll_at
    await rig.again(feed_id)
    health = rig.store.health(feed_id)
    assert health.consecutive_failures == 2 and health.last_error_message == "HTTP 500"
    assert first is not None and health.next_poll_at is not None
    assert (health.next_poll_at - rig.clock.now()) == 2 * (first - rig.clock.now())


async def test_recovery_resets_the_failure_count(rig: Rig, http_server: LocalHTTPServer) -> None:
    replies = iter([Reply(status=500), Reply(body=rss(f"{http_server.base}/a"))])
    feed_id = await rig.poll(http_server.handle("/flaky", lambda _req: next(replies)))
    assert rig.store.health(feed_id).consecutive_failures == 1
    await rig.again(feed_id)
    health = rig.store.health(feed_id)
    assert health.consecutive_failures == 0 and health.last_error_kind is None
    assert health.last_success_at == rig.clock.now()


async def test_publish_failure_keeps_the_feed_unread(http_server: LocalHTTPServer) -> None:
    settings = make_settings()
    async with GuardedFetcher(settings) as fetcher:
        rig = Rig(settings, fetcher, bus=RecordingBus(fail=True))
        url = http_server.handle("/feed", etag_route(rss(f"{http_server.base}/a")))  # type: ignore[arg-type]
        feed_id = await rig.poll(url)
        assert rig.store.health(feed_id).last_error_kind == "publish"
        assert rig.store.snapshot(feed_id).etag is None  # so the next poll is not a 304
        rig.bus.fail = False
        await rig.again(feed_id)
    assert rig.bus.urls == [f"{http_server.base}/a"]


async def test_hostile_and_broken_feeds_are_recorded_and_the_cycle_goes_on(
    http_server: LocalHTTPServer,
) -> None:
    settings = make_settings(fetch_timeout_s=1.0, fetch_read_timeout_s=1.0, fetch_max_bytes=1024 * 1024)
    base = http_server.base
    cases = {
        "/good": (http_server.route("/good", rss(f"{base}/ok")), None),
        "/timeout": (http_server.route("/timeout", b"x", delay_s=2.0), "timeout"),
        "/drip": (http_server.route("/drip", b"<rss>" + b" " * 50, drip_s=0.2), "timeout"),
        "/big": (http_server.route("/big", b"x" * (2 * 1024 * 1024)), "too_large"),
        "/laughs": (http_server.route("/laughs", BILLION_LAUGHS), "parse"),
        "/html": (http_server.route("/html", b"<html><p>hi</p></html>", content_type="text/html"), "parse"),
        "/loop": (http_server.redirect("/loop", "/loop"), "too_many_redirects"),
        "/missing": (http_server.url("/missing"), "http_status"),
        "/file": ("file:///etc/passwd", "bad_scheme"),
        "/metadata": ("http://169.254.169.254/latest/meta-data/", "blocked_address"),
        "/decimal": ("http://2130706433/", "blocked_address"),
    }
    async with GuardedFetcher(settings) as fetcher:
        rig = Rig(settings, fetcher)
        ids = {name: rig.store.add_feed(url) for name, (url, _) in cases.items()}
        summary = await rig.poller.run_once()
    assert summary.feeds == len(cases) and summary.failed == len(cases) - 1
    for name, (_, kind) in cases.items():
        health = rig.store.health(ids[name])
        assert health.polls == 1, name
        assert health.last_error_kind == kind, name
        assert (health.consecutive_failures == 1) == (kind is not None), name
    assert rig.bus.urls == [f"{base}/ok"]


async def test_loopback_feed_is_blocked_when_loopback_is_not_allowed(http_server: LocalHTTPServer) -> None:
    settings = make_settings(allow_networks=[])
    async with GuardedFetcher(settings) as fetcher:
        rig = Rig(settings, fetcher)
        feed_id = await rig.poll(f"http://localhost:{http_server.port}/feed")
    assert rig.store.health(feed_id).last_error_kind == "blocked_address"
    assert http_server.requests == []


class BrokenStore(MemoryFeedStore):
    async def record_poll(self, **kwargs: object) -> None:
        raise RuntimeError("database is locked")


async def test_a_failing_store_does_not_stop_the_poller(rig: Rig, http_server: LocalHTTPServer) -> None:
    store = BrokenStore()
    poller = Poller(settings=rig.settings, store=store, bus=rig.bus, fetcher=rig.fetcher, clock=rig.clock)
    store.add_feed(http_server.route("/a", rss(f"{http_server.base}/1")))
    store.add_feed(http_server.route("/b", rss(f"{http_server.base}/2")))
    summary = await poller.run_once()
    assert summary.feeds == 2 and len(rig.bus.sent) == 2


async def test_run_polls_until_stopped(rig: Rig, http_server: LocalHTTPServer) -> None:
    rig.store.add_feed(http_server.route("/feed", rss(f"{http_server.base}/a")))
    stop = asyncio.Event()
    task = asyncio.create_task(rig.poller.run(stop))
    for _ in range(100):
        if rig.bus.sent:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(task, timeout=2)
    assert len(rig.bus.sent) == 1


async def test_many_feeds_are_each_polled_once_per_cycle(rig: Rig, http_server: LocalHTTPServer) -> None:
    for i in range(60):
        rig.store.add_feed(http_server.route(f"/f{i}", rss(f"{http_server.base}/a/{i}")))
    summary = await rig.poller.run_once()
    assert summary.feeds == 60 and summary.ok == 60 and summary.discovered == 60
    assert sorted(r.path for r in http_server.requests) == sorted(f"/f{i}" for i in range(60))


async def test_a_large_feed_is_parsed_off_the_event_loop_and_published(
    rig: Rig, http_server: LocalHTTPServer
) -> None:
    links = [f"{http_server.base}/big/{i}" for i in range(3000)]
    body = rss(*links)
    assert len(body) > 256 * 1024
    feed_id = await rig.poll(http_server.route("/large", body))
    assert rig.store.health(feed_id).entries_seen == 3000
    assert len(rig.bus.sent) == 3000


async def test_a_cancelled_cycle_ends_at_once_even_with_a_full_queue() -> None:
    settings = make_settings(poll_batch_size=2, poll_concurrency=2)
    store = MemoryFeedStore()
    for i in range(10):
        store.add_feed(f"http://127.0.0.1:9/{i}")
    hang = HangingFetcher(workers=2)
    poller = Poller(settings=settings, store=store, bus=RecordingBus(), fetcher=hang)
    task = asyncio.create_task(poller.run_once())
    await asyncio.wait_for(hang.all_stuck.wait(), timeout=5)
    await asyncio.sleep(0.05)  # the leasing task is now waiting on the full queue
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, timeout=5)


async def test_undated_entries_date_the_feed_from_their_discovery(
    rig: Rig, http_server: LocalHTTPServer
) -> None:
    base = http_server.base
    route = "/undated"
    http_server.route(route, rss(f"{base}/a"))
    feed_id = await rig.poll(http_server.url(route))
    first_seen = rig.clock.now()
    assert rig.store.health(feed_id).newest_entry_at == first_seen
    rig.clock.advance(3 * 3600)
    http_server.route(route, rss(f"{base}/a", f"{base}/b", f"{base}/c"))
    rig.store.mark_stored(e.url_hash for _, e, _ in rig.bus.sent)
    await rig.again(feed_id)
    # Two new entries in three hours: one every ninety minutes, dated now.
    assert rig.store.health(feed_id).newest_entry_at == rig.clock.now()
    assert rig.store.snapshot(feed_id).mean_entry_interval_s == 90 * 60
    rig.clock.advance(3600)
    await rig.again(feed_id)  # nothing new: the newest entry keeps its time
    assert rig.store.health(feed_id).newest_entry_at == first_seen + timedelta(hours=3)
