"""Several poller replicas over one SQL store (SQLite and PostgreSQL) and a real HTTP server.

Each replica has its own fetcher and owner name, as separate processes would;
they share the store, the clock and the server, whose hit counts show who
fetched what.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from datetime import datetime

import pytest

from claimwatch.common.core.feeds.polling import FeedSnapshot
from claimwatch.common.http import GuardedFetcher
from claimwatch.common.settings import Settings
from claimwatch.common.store import Store
from claimwatch.poller.adapters import SqlFeedStore, snapshot
from claimwatch.poller.poller import Poller, PollSummary
from claimwatch.poller.ports import FeedStore, Fetcher
from tests.fixtures.http import LocalHTTPServer, make_settings
from tests.poller.fakes import HangingFetcher, ManualClock, RecordingBus
from tests.poller.test_poller import rss

pytestmark = pytest.mark.real

FEEDS = 30
INTERVAL_S = 900.0  # the default interval; no jitter with rand 0.5
LEASE_S = 60.0


def replica_settings(**overrides: object) -> Settings:
    # Small batches and few workers per replica, so that every replica gets a share of the work.
    values: dict[str, object] = {
        "poll_batch_size": 3,
        "poll_concurrency": 2,
        "poll_lease_s": LEASE_S,
        "poll_interval_s": INTERVAL_S,
        "poll_per_host_concurrency": 8,
    }
    values.update(overrides)
    return make_settings(**values)


class Rig:
    def __init__(self, store: Store, server: LocalHTTPServer) -> None:
        self.store = store
        self.server = server
        self.clock = ManualClock()
        self.bus = RecordingBus()
        self.paths = [f"/feed/{i}" for i in range(FEEDS)]
        self.ids: dict[str, int] = {}
        for path in self.paths:
            # A little latency per fetch, so replicas overlap as they would in production.
            url = server.route(path, rss(f"{server.base}/article{path}"), delay_s=0.02)
            feed, _ = store.add_feed(url=url)
            self.ids[path] = feed.id

    def poller(
        self, owner: str, fetcher: Fetcher, settings: Settings, store: FeedStore | None = None
    ) -> Poller:
        return Poller(
            settings=settings,
            store=store or SqlFeedStore(self.store),
            bus=self.bus,
            fetcher=fetcher,
            clock=self.clock,
            owner=owner,
            rand=lambda: 0.5,
        )

    def hits(self) -> Counter[str]:
        return Counter(seen.path for seen in self.server.requests)

    def leased_by(self, owner: str) -> set[str]:
        by_id = {feed_id: path for path, feed_id in self.ids.items()}
        return {by_id[f.id] for f, s in self.store.list_feeds() if s.lease_owner == owner}


@contextlib.asynccontextmanager
async def replicas(rig: Rig, count: int) -> AsyncIterator[list[Poller]]:
    settings = replica_settings()
    async with contextlib.AsyncExitStack() as stack:
        pollers = []
        for n in range(count):
            fetcher = await stack.enter_async_context(GuardedFetcher(settings))
            pollers.append(rig.poller(f"replica-{n}", fetcher, settings))
        yield pollers


async def cycle(pollers: Sequence[Poller]) -> list[PollSummary]:
    return list(await asyncio.gather(*(p.run_once() for p in pollers)))


@pytest.fixture
def rig(store: Store, http_server: LocalHTTPServer) -> Rig:
    return Rig(store, http_server)


async def test_replicas_split_the_feeds_and_fetch_each_once_per_interval(rig: Rig) -> None:
    async with replicas(rig, 3) as pollers:
        summaries = await cycle(pollers)
        assert rig.hits() == Counter(dict.fromkeys(rig.paths, 1))
        assert sum(s.feeds for s in summaries) == FEEDS and sum(s.ok for s in summaries) == FEEDS
        assert all(s.feeds > 0 for s in summaries), [s.feeds for s in summaries]
        assert len(rig.bus.sent) == FEEDS == len({e.url_hash for _, e, _ in rig.bus.sent})
        assert all(s.lease_owner is None for _, s in rig.store.list_feeds())
        # Within the interval no replica polls a feed again, however often they look.
        for _ in range(3):
            rig.clock.advance(INTERVAL_S / 4)
            assert sum(s.feeds for s in await cycle(pollers)) == 0
        assert sum(rig.hits().values()) == FEEDS
        # Once the interval has passed, every feed is due again and fetched once more.
        rig.clock.advance(INTERVAL_S / 4 + 1)
        summaries = await cycle(pollers)
        assert rig.hits() == Counter(dict.fromkeys(rig.paths, 2))
        assert sum(s.feeds for s in summaries) == FEEDS


class InlineSqlFeedStore(SqlFeedStore):
    """Leases on the event loop itself, so cancelling the replica can never leave a lease half-taken."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.sync = store

    async def lease_due_feeds(
        self, *, now: datetime, owner: str, limit: int, lease_s: float
    ) -> Sequence[FeedSnapshot]:
        rows = self.sync.lease_due_feeds(now=now, owner=owner, limit=limit, lease_s=lease_s)
        return [snapshot(feed, state) for feed, state in rows]


async def test_leases_of_a_dead_replica_expire_and_another_replica_takes_over(rig: Rig) -> None:
    settings = replica_settings(poll_batch_size=4, poll_concurrency=4)
    hang = HangingFetcher(workers=4)
    dying = rig.poller("dying", hang, settings, store=InlineSqlFeedStore(rig.store))
    task = asyncio.create_task(dying.run_once())
    await asyncio.wait_for(hang.all_stuck.wait(), timeout=10)
    task.cancel()  # the replica dies holding its leases; nothing of its polls is recorded
    with contextlib.suppress(asyncio.CancelledError):
        await task
    held = rig.leased_by("dying")
    assert len(held) >= 4

    async with replicas(rig, 2) as pollers:
        await cycle(pollers)
        hits = rig.hits()
        assert all(hits[p] == 0 for p in held), "a leased feed was polled"
        assert all(hits[p] == 1 for p in rig.paths if p not in held)
        # Just before the lease ends, the feeds are still the dead replica's.
        rig.clock.advance(LEASE_S - 1)
        assert sum(s.feeds for s in await cycle(pollers)) == 0
        # Once it has expired, the live replicas poll them, each exactly once.
        rig.clock.advance(2)
        summaries = await cycle(pollers)
        assert sum(s.feeds for s in summaries) == len(held)
        assert rig.hits() == Counter(dict.fromkeys(rig.paths, 1))
    assert rig.leased_by("dying") == set()
    states = {f.id: s for f, s in rig.store.list_feeds()}
    assert all(states[rig.ids[p]].last_success_at == rig.clock.now() for p in held)
