"""The poller: lease due feeds, fetch them, publish entries not yet stored, record health.

Replicas sharing one store split the work through leases: each leases a batch
of due feeds, polls them and records the outcome, which releases the lease and
sets the next poll time; a replica that dies leaves leases that expire after
`poll_lease_s`, when another replica takes the feeds over.

A failing feed is recorded and the cycle goes on; nothing a feed serves can
stop the loop. An entry counts as known only once the extractor has stored
its article, so after a crash it is discovered again (the extractor's write
is idempotent) rather than lost. For the same reason the first poll of each
feed after start ignores the stored validators: anything published before a
crash but never stored is found again.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import random
import time
from collections.abc import Callable
from datetime import datetime

from claimwatch.common.core.feeds.polling import (
    FeedSnapshot,
    FetchOutcome,
    OutcomeKind,
    PollDecision,
    decide,
)
from claimwatch.common.feedparse import FeedParseError
from claimwatch.common.http import FetchError, FetchResult
from claimwatch.common.settings import Settings
from claimwatch.poller.discovery import publish_changes
from claimwatch.poller.parsing import FeedParsing
from claimwatch.poller.policy import FeedPollResult, PollSummary, default_owner, policy_from_settings
from claimwatch.poller.ports import (
    Clock,
    FeedStore,
    Fetcher,
    NoMetrics,
    PollerMetrics,
    Publisher,
    SystemClock,
)

log = logging.getLogger("claimwatch.poller")


class Poller:
    """Polls due feeds. One instance per process; all methods on one event loop."""

    def __init__(
        self,
        *,
        settings: Settings,
        store: FeedStore,
        bus: Publisher,
        fetcher: Fetcher,
        clock: Clock | None = None,
        metrics: PollerMetrics | None = None,
        owner: str | None = None,
        rand: Callable[[], float] = random.random,
        parser: FeedParsing | None = None,
    ) -> None:
        self._settings = settings
        self._store = store
        self._bus = bus
        self._fetcher = fetcher
        self._clock = clock or SystemClock()
        self._metrics = metrics or NoMetrics()
        self.owner = owner or default_owner()
        self._rand = rand
        self._policy = policy_from_settings(settings)
        self._seen_since_start: set[int] = set()
        # Worker processes start on the first large feed, not here.
        self._parser = parser or FeedParsing.from_settings(settings)

    def close(self) -> None:
        """Stop the feed parsing workers (if any were started)."""
        self._parser.close()

    async def run(self, stop: asyncio.Event) -> None:
        """Poll due feeds until `stop` is set."""
        while not stop.is_set():
            try:
                await self.run_once()
            except Exception:  # the store is down, say: wait and try again
                log.exception("poll cycle failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self._settings.poll_tick_s)

    async def run_once(self) -> PollSummary:
        """Poll every feed due now once, `poll_concurrency` at a time."""
        summary = PollSummary()
        taken: set[int] = set()
        queue: asyncio.Queue[FeedSnapshot | None] = asyncio.Queue(maxsize=self._settings.poll_batch_size)
        workers = self._settings.poll_concurrency

        async def lease() -> None:
            while True:
                batch = await self._store.lease_due_feeds(
                    now=self._clock.now(),
                    owner=self.owner,
                    limit=self._settings.poll_batch_size,
                    lease_s=self._settings.poll_lease_s,
                )
                fresh = [f for f in batch if f.id not in taken]
                if not fresh:
                    break
                for feed in fresh:
                    taken.add(feed.id)
                    await queue.put(feed)
            # Not in a `finally`: on an error or a cancel the task group stops the workers, and
            # waiting here on a full queue would keep a cancelled cycle from ever ending.
            for _ in range(workers):
                await queue.put(None)

        async def work() -> None:
            while (feed := await queue.get()) is not None:
                result = await self.poll_feed(feed)
                summary.feeds += 1
                summary.discovered += result.discovered
                summary.revised += result.revised
                if result.outcome == "error":
                    summary.failed += 1
                elif result.outcome == "fetched":
                    summary.ok += 1
                else:
                    summary.not_modified += 1

        async with asyncio.TaskGroup() as group:
            group.create_task(lease())
            for _ in range(workers):
                group.create_task(work())
        return summary

    async def poll_feed(self, feed: FeedSnapshot) -> FeedPollResult:
        """Poll one feed and record the outcome; never raises."""
        found = revised = 0
        try:
            outcome, found, revised = await self._poll(feed)
        except Exception as exc:  # a bug must not stop the other feeds
            log.exception("poll of feed %s failed unexpectedly", feed.id)
            outcome = FetchOutcome(
                kind="error", error_kind="internal", error_message=f"{type(exc).__name__}: {exc}"
            )
        self._seen_since_start.add(feed.id)
        now = self._clock.now()
        decision = decide(feed, outcome, now, self._policy, self._rand())
        await self._record(feed, decision, now)
        self._metrics.polled(outcome.kind)
        if outcome.error_kind:
            self._metrics.error(outcome.error_kind)
        if found:
            self._metrics.discovered(found)
        if revised:
            self._metrics.revised(revised)
        return FeedPollResult(decision, outcome.kind, found, revised)

    async def _poll(self, feed: FeedSnapshot) -> tuple[FetchOutcome, int, int]:
        """(outcome, new articles published, edited articles published)."""
        first = feed.id not in self._seen_since_start
        started = time.monotonic()
        try:
            result = await self._fetcher.fetch(
                feed.url,
                etag=None if first else feed.etag,
                last_modified=None if first else feed.last_modified,
            )
        except FetchError as exc:
            return (
                FetchOutcome(
                    kind="error",
                    status=exc.status,
                    error_kind=exc.kind,
                    error_message=exc.message,
                    retry_after=exc.headers.get("retry-after"),
                ),
                0,
                0,
            )
        finally:
            self._metrics.fetched(time.monotonic() - started)
        if result.not_modified:
            return (
                FetchOutcome(
                    kind="not_modified", status=304, etag=result.etag, last_modified=result.last_modified
                ),
                0,
                0,
            )
        body_hash = hashlib.sha256(result.body).hexdigest()
        if body_hash == feed.body_hash and not first:
            return self._outcome("unchanged", result, body_hash), 0, 0
        try:
            # A big feed can take long to parse: it goes to a killable worker with a time limit.
            # Within what the fetch left of its deadline, so the lease rule (settings) still holds.
            left_s = self._settings.fetch_timeout_s - result.elapsed
            parsed = await self._parser.parse(result.body, result.url, result.headers, timeout_s=left_s)
        except FeedParseError as exc:
            # Running out of time (or killing the worker) is recorded as such on the feed's health.
            kind = exc.kind if exc.kind in ("parse_timeout", "parse_crashed") else "parse"
            outcome = FetchOutcome(
                kind="error", status=result.status, error_kind=kind, error_message=f"{exc.kind}: {exc}"
            )
            return outcome, 0, 0
        try:
            found, revised = await publish_changes(
                store=self._store, bus=self._bus, feed=feed, parsed=parsed, now=self._clock.now()
            )
        except Exception as exc:
            # Nothing is recorded as seen: the next poll fetches in full and tries again.
            log.warning("feed %s: discovery failed: %s", feed.id, exc)
            return (
                FetchOutcome(
                    kind="error", status=result.status, error_kind="publish", error_message=str(exc)
                ),
                0,
                0,
            )
        published = [e.published for e in parsed.entries]
        outcome = self._outcome("fetched", result, body_hash, len(parsed.entries), published, found)
        return outcome, found, revised

    @staticmethod
    def _outcome(
        kind: OutcomeKind,
        result: FetchResult,
        body_hash: str,
        seen: int | None = None,
        published: list[datetime | None] | None = None,
        discovered: int = 0,
    ) -> FetchOutcome:
        return FetchOutcome(
            kind=kind,
            status=result.status,
            etag=result.etag,
            last_modified=result.last_modified,
            body_hash=body_hash,
            entries_seen=seen,
            published=tuple(published or ()),
            discovered=discovered,
        )

    async def _record(self, feed: FeedSnapshot, decision: PollDecision, now: datetime) -> None:
        try:
            await self._store.record_poll(feed_id=feed.id, owner=self.owner, now=now, decision=decision)
            if decision.disable:
                await self._store.disable_feed(feed_id=feed.id, reason=decision.error_message or "gone")
        except Exception:  # the lease expires and another poll records it
            log.exception("recording the poll of feed %s failed", feed.id)
