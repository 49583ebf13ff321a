"""Bindings of the poller's ports to claimwatch's SQL store and Prometheus metrics."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from claimwatch.common.core.feeds.polling import FeedSnapshot, PollDecision
from claimwatch.common.metrics import Metrics
from claimwatch.common.store import Store
from claimwatch.common.store.models import Feed, FeedState, FeedUpdate

# Outcome names as the claimwatch_feeds_polled counter documents them.
_POLLED = {"fetched": "ok", "unchanged": "not_modified", "not_modified": "not_modified", "error": "error"}


def snapshot(feed: Feed, state: FeedState) -> FeedSnapshot:
    assert feed.id is not None
    return FeedSnapshot(
        id=feed.id,
        url=feed.url,
        etag=state.etag,
        last_modified=state.last_modified,
        body_hash=state.body_hash,
        interval_s=feed.interval_s,
        mean_entry_interval_s=state.mean_entry_interval_s,
        consecutive_failures=state.consecutive_failures,
        last_success_at=state.last_success_at,
        newest_entry_at=state.newest_entry_at,
        outlet=feed.outlet or feed.title,
    )


def record_fields(decision: PollDecision) -> dict[str, Any]:
    """The store's `record_poll` arguments carried by a poll decision."""
    return {
        "ok": decision.ok,
        "next_poll_at": decision.next_poll_at,
        "status": decision.status,
        "etag": decision.etag,
        "last_modified": decision.last_modified,
        "body_hash": decision.body_hash,
        "error_kind": decision.error_kind,
        "error_message": decision.error_message,
        "entries_seen": decision.entries_seen,
        "mean_entry_interval_s": decision.mean_entry_interval_s,
        "newest_entry_at": decision.newest_entry_at,
    }


class SqlFeedStore:
    """The FeedStore port over the synchronous `Store`, each call in a worker thread."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def lease_due_feeds(
        self, *, now: datetime, owner: str, limit: int, lease_s: float
    ) -> Sequence[FeedSnapshot]:
        rows = await asyncio.to_thread(
            self._store.lease_due_feeds, now=now, owner=owner, limit=limit, lease_s=lease_s
        )
        return [snapshot(feed, state) for feed, state in rows]

    async def stored_entry_versions(self, *, hashes: Iterable[str]) -> Mapping[str, datetime]:
        return await asyncio.to_thread(self._store.stored_entry_versions, hashes=list(hashes))

    async def record_poll(self, *, feed_id: int, owner: str, now: datetime, decision: PollDecision) -> object:
        return await asyncio.to_thread(
            self._store.record_poll, feed_id=feed_id, owner=owner, now=now, **record_fields(decision)
        )

    async def disable_feed(self, *, feed_id: int, reason: str) -> None:
        # The reason stays visible as the feed's last error (recorded just before).
        await asyncio.to_thread(self._store.update_feed, feed_id=feed_id, update=FeedUpdate(enabled=False))


class PrometheusPollerMetrics:
    """The PollerMetrics port over claimwatch's declared metrics."""

    def __init__(self, metrics: Metrics) -> None:
        self._m = metrics

    def polled(self, outcome: str) -> None:
        self._m.feeds_polled.labels(outcome=_POLLED.get(outcome, outcome)).inc()

    def discovered(self, count: int) -> None:
        self._m.articles_discovered.inc(count)

    def revised(self, count: int) -> None:
        self._m.articles_revised.inc(count)

    def fetched(self, seconds: float) -> None:
        self._m.fetch_seconds.labels(kind="feed").observe(seconds)

    def error(self, kind: str) -> None:
        self._m.error("poller", kind)
