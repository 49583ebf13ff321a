"""An in-memory FeedStore: for tests, benchmarks and trying the poller without a database.

Behaves like the SQL store for what the poller sees: leases, due times,
validators kept on failure, health fields, disabled feeds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from claimwatch.common.core.feeds.polling import FeedSnapshot, PollDecision


@dataclass
class FeedHealth:
    last_fetch_at: datetime | None = None
    last_success_at: datetime | None = None
    last_status: int | None = None
    last_error_kind: str | None = None
    last_error_message: str | None = None
    consecutive_failures: int = 0
    next_poll_at: datetime | None = None
    entries_seen: int = 0
    newest_entry_at: datetime | None = None
    enabled: bool = True
    disabled_reason: str = ""
    polls: int = 0
    lease_owner: str | None = None
    lease_until: datetime | None = None


@dataclass
class _Row:
    snapshot: FeedSnapshot
    health: FeedHealth = field(default_factory=FeedHealth)


class MemoryFeedStore:
    """Not thread-safe; one event loop."""

    def __init__(self) -> None:
        self._rows: dict[int, _Row] = {}
        self.versions: dict[str, datetime] = {}  # url_hash → entry version of the stored article

    def add_feed(self, url: str, *, interval_s: float | None = None, outlet: str = "") -> int:
        feed_id = len(self._rows) + 1
        self._rows[feed_id] = _Row(FeedSnapshot(id=feed_id, url=url, interval_s=interval_s, outlet=outlet))
        return feed_id

    def health(self, feed_id: int) -> FeedHealth:
        return self._rows[feed_id].health

    def snapshot(self, feed_id: int) -> FeedSnapshot:
        return self._rows[feed_id].snapshot

    def make_due(self, feed_id: int | None = None) -> None:
        """Every feed (or one) due now, as if its interval had passed."""
        for fid, row in self._rows.items():
            if feed_id is None or fid == feed_id:
                row.health.next_poll_at = None

    @property
    def known(self) -> set[str]:
        return set(self.versions)

    def mark_stored(self, hashes: Iterable[str], *, version: datetime | None = None) -> None:
        """What the extractor does: these articles are now stored, at entry `version`
        (the entry's `updated` time, else its discovery time; default: long ago)."""
        at = version or datetime(2000, 1, 1, tzinfo=UTC)
        for url_hash in hashes:
            self.versions[url_hash] = max(at, self.versions.get(url_hash, at))

    async def lease_due_feeds(
        self, *, now: datetime, owner: str, limit: int, lease_s: float
    ) -> Sequence[FeedSnapshot]:
        due = [
            row
            for row in self._rows.values()
            if row.health.enabled
            and (row.health.next_poll_at is None or row.health.next_poll_at <= now)
            and (row.health.lease_until is None or row.health.lease_until <= now)
        ]
        due.sort(key=lambda r: (r.health.next_poll_at or datetime.min.replace(tzinfo=UTC), r.snapshot.id))
        out = []
        for row in due[:limit]:
            row.health.lease_owner = owner
            row.health.lease_until = now + timedelta(seconds=lease_s)
            out.append(row.snapshot)
        return out

    async def stored_entry_versions(self, *, hashes: Iterable[str]) -> Mapping[str, datetime]:
        return {h: self.versions[h] for h in hashes if h in self.versions}

    async def record_poll(
        self, *, feed_id: int, owner: str, now: datetime, decision: PollDecision
    ) -> FeedHealth | None:
        row = self._rows.get(feed_id)
        if row is None:
            return None
        h = row.health
        h.polls += 1
        h.last_fetch_at = now
        h.last_status = decision.status
        h.next_poll_at = decision.next_poll_at
        snap = row.snapshot
        if decision.ok:
            h.last_success_at = now
            h.consecutive_failures = 0
            h.last_error_kind = h.last_error_message = None
            snap = replace(
                snap,
                etag=decision.etag if decision.etag is not None else snap.etag,
                last_modified=decision.last_modified
                if decision.last_modified is not None
                else snap.last_modified,
                body_hash=decision.body_hash if decision.body_hash is not None else snap.body_hash,
                last_success_at=now,
            )
        else:
            h.consecutive_failures += 1
            h.last_error_kind = decision.error_kind or "error"
            h.last_error_message = decision.error_message
        if decision.entries_seen is not None:
            h.entries_seen = decision.entries_seen
        if decision.mean_entry_interval_s is not None:
            snap = replace(snap, mean_entry_interval_s=decision.mean_entry_interval_s)
        if decision.newest_entry_at is not None:
            h.newest_entry_at = decision.newest_entry_at
            snap = replace(snap, newest_entry_at=decision.newest_entry_at)
        row.snapshot = replace(snap, consecutive_failures=h.consecutive_failures)
        if h.lease_owner == owner:
            h.lease_owner = h.lease_until = None
        return h

    async def disable_feed(self, *, feed_id: int, reason: str) -> None:
        row = self._rows.get(feed_id)
        if row is not None:
            row.health.enabled = False
            row.health.disabled_reason = reason
