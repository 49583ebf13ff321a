"""When to poll a feed next: jitter, backoff, Retry-After and adaptive intervals.

Pure functions; `now` and random draws are passed in, so every decision is
reproducible in a test without sleeping.
"""

from __future__ import annotations

import email.utils
import itertools
import statistics
from collections.abc import Iterable
from datetime import UTC, datetime

MIN_INTERVAL_S = 300.0  # 5 min: politer than this is never needed for news
MAX_INTERVAL_S = 86_400.0  # 24 h: a quiet feed is still looked at daily
RETRY_AFTER_CAP_S = 86_400.0  # a server may not park a feed for more than a day


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def jittered(interval_s: float, rand: float, fraction: float) -> float:
    """`interval_s` spread by ±`fraction` (rand in [0, 1)), so feeds added together drift apart."""
    return interval_s * (1.0 + fraction * (2.0 * rand - 1.0))


def backoff_delay(failures: int, base_s: float, cap_s: float) -> float:
    """Exponential backoff: base, 2×base, 4×base, … after 1, 2, 3 … consecutive failures, capped."""
    if failures <= 0:
        return base_s
    # Bound the exponent so a feed failing for years cannot overflow a float.
    return min(cap_s, base_s * 2.0 ** min(failures - 1, 32))


def parse_retry_after(value: str | None, now: datetime, cap_s: float = RETRY_AFTER_CAP_S) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped.

    None when the header is missing or unreadable; a date in the past gives 0.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return min(float(int(text[:12])), cap_s)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT
        when = when.replace(tzinfo=UTC)
    return clamp((when - now).total_seconds(), 0.0, cap_s)


def entry_rhythm(published: Iterable[datetime | None], window: int = 20) -> float | None:
    """The median gap in seconds between a feed's most recent dated entries, unbounded;
    None with fewer than three distinct dates (two points make no rhythm).
    """
    stamps = sorted({p.timestamp() for p in published if p is not None}, reverse=True)[:window]
    if len(stamps) < 3:
        return None
    return float(statistics.median(a - b for a, b in itertools.pairwise(stamps)))


def adaptive_interval(
    published: Iterable[datetime | None],
    default_s: float,
    min_s: float = MIN_INTERVAL_S,
    max_s: float = MAX_INTERVAL_S,
    window: int = 20,
) -> float:
    """The poll interval a feed's own rhythm suggests: its `entry_rhythm`, bounded to
    [min_s, max_s]. Too few dated entries: `default_s`.
    """
    rhythm = entry_rhythm(published, window)
    return clamp(default_s if rhythm is None else rhythm, min_s, max_s)
