"""What the poller needs from the world: a store, a bus, a fetcher, a clock, metrics.

Each seam is a small Protocol; `claimwatch.poller.adapters` binds them to the
SQL store and the metrics module, `claimwatch.poller.memory` offers an
in-memory store for tests and benchmarks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol

from claimwatch.common.core.feeds.polling import FeedSnapshot, PollDecision
from claimwatch.common.events import Event
from claimwatch.common.http import FetchResult


class FeedStore(Protocol):
    """Feeds to poll and where their outcome goes. Async; called from one event loop.

    Errors: any exception is treated as transient; the poller logs it and goes on
    (an unrecorded feed is polled again once its lease expires).
    """

    async def lease_due_feeds(
        self, *, now: datetime, owner: str, limit: int, lease_s: float
    ) -> Sequence[FeedSnapshot]:
        """Up to `limit` enabled feeds due at `now`, leased to `owner` for `lease_s` seconds.

        Atomic across replicas sharing the store: a feed under an unexpired lease is
        never handed out, so replicas split the due feeds between them; a lease held
        by a replica that died expires after `lease_s` and the feed is handed out again.
        """
        ...

    async def stored_entry_versions(self, *, hashes: Iterable[str]) -> Mapping[str, datetime]:
        """For those of `hashes` whose article is already stored: the entry version it holds.

        The feed entry's `updated` time the stored text was read at, or the article's
        discovery time when the feed gave none (timezone-aware UTC). Hashes not in the
        result are new articles; an entry updated after its version is an edit.
        """
        ...

    async def record_poll(self, *, feed_id: int, owner: str, now: datetime, decision: PollDecision) -> object:
        """Store one poll's outcome and release `owner`'s lease.

        The decision's fields are the store's `record_poll` arguments; None validators,
        rhythm or newest entry time keep the stored ones. Only the
        lease's `owner` releases it: a replica whose lease expired mid-poll still
        records its outcome, but cannot free a lease another replica has taken since.
        """
        ...

    async def disable_feed(self, *, feed_id: int, reason: str) -> None:
        """Stop polling a feed for good (HTTP 410 Gone)."""
        ...


class Publisher(Protocol):
    async def publish(self, topic: str, event: Event, key: str | None = None) -> None:
        """Returns once the bus has the event; raises on failure."""
        ...


class Fetcher(Protocol):
    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET with guards; raises claimwatch.common.http.FetchError."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class PollerMetrics(Protocol):
    def polled(self, outcome: str) -> None:
        """One feed poll ended: ok, not_modified, unchanged or error."""

    def discovered(self, count: int) -> None:
        """Entries published as new articles."""

    def revised(self, count: int) -> None:
        """Stored articles published again because their feed entry was updated (edits)."""

    def fetched(self, seconds: float) -> None:
        """Duration of one feed fetch."""

    def error(self, kind: str) -> None:
        """A poll failed with this kind (timeout, blocked_address, parse, http_status, …)."""


class NoMetrics:
    def polled(self, outcome: str) -> None:
        pass

    def discovered(self, count: int) -> None:
        pass

    def revised(self, count: int) -> None:
        pass

    def fetched(self, seconds: float) -> None:
        pass

    def error(self, kind: str) -> None:
        pass
