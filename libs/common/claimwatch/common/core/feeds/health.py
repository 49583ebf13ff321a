"""Feed liveness: when a feed's newest entry was, its usual rhythm, and whether it has gone silent.

Pure functions; `now` is passed in. A feed that answers 200 or 304 every time
but has published nothing for weeks is healthy to the fetcher and broken to
its reader: these rules are how claimwatch tells the two apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from claimwatch.common.core.feeds.schedule import entry_rhythm

CLOCK_SKEW = timedelta(minutes=5)  # entries dated further ahead than this are a broken clock
DEFAULT_SILENCE_FACTOR = 4.0
DEFAULT_SILENCE_MIN_S = 86_400.0  # a news feed quiet for one night is not silent


def newest_entry_time(
    previous: datetime | None, published: Sequence[datetime | None], discovered: int, now: datetime
) -> datetime | None:
    """The newest entry's time after one poll: the latest publication date the feed gives
    (ignoring dates in the future), or `now` when it gives none but new entries appeared.
    Never moves backwards: a feed that drops its newest entry did not become older.
    """
    dated = [p for p in published if p is not None and p <= now + CLOCK_SKEW]
    candidate = min(max(dated), now) if dated else (now if discovered > 0 else None)
    if candidate is None:
        return previous
    return candidate if previous is None else max(previous, candidate)


def observed_rhythm(
    previous_mean_s: float | None,
    previous_newest: datetime | None,
    published: Sequence[datetime | None],
    discovered: int,
    now: datetime,
) -> float | None:
    """The feed's usual gap between entries in seconds, or None when this poll says nothing new.

    Dated entries give the median gap of their dates. Undated ones give the time since the
    previous new entry divided by how many appeared (so a burst found by one poll counts as
    many entries, and a feed that speeds up is seen to), averaged with the previous estimate.
    """
    rhythm = entry_rhythm(published)
    if rhythm is not None:
        return rhythm
    if any(p is not None for p in published) or discovered <= 0 or previous_newest is None:
        return None
    sample = max((now - previous_newest).total_seconds(), 0.0) / discovered
    return sample if previous_mean_s is None else (previous_mean_s + sample) / 2.0


def silence_threshold_s(mean_entry_interval_s: float | None, factor: float, min_s: float) -> float | None:
    """How long without a new entry makes this feed silent; None: never (check off, rhythm unknown)."""
    if factor <= 0 or mean_entry_interval_s is None:
        return None
    return max(factor * mean_entry_interval_s, min_s)


def is_silent(
    *,
    newest_entry_at: datetime | None,
    mean_entry_interval_s: float | None,
    now: datetime,
    factor: float = DEFAULT_SILENCE_FACTOR,
    min_s: float = DEFAULT_SILENCE_MIN_S,
) -> bool:
    """True when the newest entry is older than `factor` × the usual gap, and at least `min_s`.

    A feed whose rhythm is unknown (fewer than three dated entries, or no second
    discovery yet) is never silent: one entry says nothing about the next.
    """
    threshold = silence_threshold_s(mean_entry_interval_s, factor, min_s)
    if threshold is None or newest_entry_at is None:
        return False
    return (now - newest_entry_at).total_seconds() > threshold
