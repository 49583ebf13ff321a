"""The poll decider: a feed's state and what one fetch gave in, the record to store out.

It does no I/O and reads no clock: `now` and the random draw for jitter are
passed in. The poller applies the decision (store, schedule, metrics). Besides
the schedule, a decision carries the feed's liveness (newest entry time and
usual rhythm, see `health`), from which the store and API tell a silent feed.
"""

from __future__ import annotations

import email.utils
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from claimwatch.common.core.feeds.health import newest_entry_time, observed_rhythm
from claimwatch.common.core.feeds.schedule import (
    backoff_delay,
    clamp,
    jittered,
    parse_retry_after,
)

OutcomeKind = Literal["fetched", "not_modified", "unchanged", "error"]
MAX_VALIDATOR_CHARS = 256


@dataclass(frozen=True)
class FeedSnapshot:
    """What the poller knows about a feed when it leases it."""

    id: int
    url: str
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    interval_s: float | None = None  # set by the user; None: default (adaptive when enabled)
    mean_entry_interval_s: float | None = None  # observed rhythm, from earlier polls
    consecutive_failures: int = 0
    last_success_at: datetime | None = None
    newest_entry_at: datetime | None = None  # newest entry seen so far (published, else discovered)
    outlet: str = ""  # the publication's name, when the user gave one


@dataclass(frozen=True)
class SchedulePolicy:
    default_interval_s: float = 900.0
    min_interval_s: float = 300.0
    max_interval_s: float = 86_400.0
    adaptive: bool = True
    jitter: float = 0.1
    backoff_max_s: float = 21_600.0
    retry_after_max_s: float = 86_400.0


@dataclass(frozen=True)
class FetchOutcome:
    """What one poll produced, before any decision."""

    kind: OutcomeKind
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    published: Sequence[datetime | None] = field(default_factory=tuple)  # entry dates, when parsed
    entries_seen: int | None = None
    discovered: int = 0  # entries of this fetch not stored before (new articles)
    error_kind: str | None = None
    error_message: str | None = None
    retry_after: str | None = None  # the raw header on 429/503


@dataclass(frozen=True)
class PollDecision:
    """What to record for the feed (fields named as the store's record_poll takes them)."""

    ok: bool
    next_poll_at: datetime
    status: int | None = None
    etag: str | None = None  # None: keep the stored validator
    last_modified: str | None = None
    body_hash: str | None = None
    error_kind: str | None = None
    error_message: str | None = None
    entries_seen: int | None = None
    mean_entry_interval_s: float | None = None  # None: keep the stored rhythm
    newest_entry_at: datetime | None = None  # None: keep the stored time
    consecutive_failures: int = 0
    disable: bool = False  # 410 Gone: stop polling this feed


def usable_etag(value: str | None) -> str | None:
    """The ETag to send next time, or None for a value no server could mean."""
    if not value or len(value) > MAX_VALIDATOR_CHARS or not value.isprintable():
        return None
    return value.strip() or None


def usable_last_modified(value: str | None, now: datetime) -> str | None:
    """The Last-Modified to send back, or None when unreadable or in the future (a broken clock)."""
    if not value or len(value) > MAX_VALIDATOR_CHARS:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None or when > now + timedelta(minutes=5):
        return None
    return value


def base_interval(feed: FeedSnapshot, policy: SchedulePolicy) -> float:
    """The interval between polls of a healthy feed."""
    if feed.interval_s is not None:  # the user's choice wins
        return clamp(feed.interval_s, 60.0, policy.max_interval_s)
    if policy.adaptive and feed.mean_entry_interval_s is not None:
        return clamp(feed.mean_entry_interval_s, policy.min_interval_s, policy.max_interval_s)
    return clamp(policy.default_interval_s, 60.0, policy.max_interval_s)


def _failure(
    feed: FeedSnapshot, outcome: FetchOutcome, now: datetime, policy: SchedulePolicy, rand: float
) -> PollDecision:
    failures = feed.consecutive_failures + 1
    delay = jittered(
        backoff_delay(failures, base_interval(feed, policy), policy.backoff_max_s), rand, policy.jitter
    )
    if outcome.status in (429, 503):
        wait = parse_retry_after(outcome.retry_after, now, policy.retry_after_max_s)
        if wait is not None:
            delay = max(wait, 1.0)  # the server said when; no jitter, no earlier
    return PollDecision(
        ok=False,
        next_poll_at=now + timedelta(seconds=delay),
        status=outcome.status,
        error_kind=outcome.error_kind or "error",
        error_message=(outcome.error_message or "")[:1000],
        consecutive_failures=failures,
        disable=outcome.status == 410,
    )


def decide(
    feed: FeedSnapshot, outcome: FetchOutcome, now: datetime, policy: SchedulePolicy, rand: float
) -> PollDecision:
    """The record and next poll time for `feed` after `outcome`. `rand` is in [0, 1)."""
    if outcome.kind == "error":
        return _failure(feed, outcome, now, policy, rand)
    learned: float | None = None
    newest: datetime | None = None
    if outcome.kind == "fetched":  # only a parsed body says anything about entries
        learned = observed_rhythm(
            feed.mean_entry_interval_s, feed.newest_entry_at, outcome.published, outcome.discovered, now
        )
        newest = newest_entry_time(feed.newest_entry_at, outcome.published, outcome.discovered, now)
    mean = feed.mean_entry_interval_s if learned is None else learned
    interval = base_interval(replace(feed, mean_entry_interval_s=mean), policy)
    return PollDecision(
        ok=True,
        next_poll_at=now + timedelta(seconds=jittered(interval, rand, policy.jitter)),
        status=outcome.status,
        etag=usable_etag(outcome.etag),
        last_modified=usable_last_modified(outcome.last_modified, now),
        body_hash=outcome.body_hash,
        entries_seen=outcome.entries_seen,
        mean_entry_interval_s=learned,
        newest_entry_at=newest,
        consecutive_failures=0,
    )
