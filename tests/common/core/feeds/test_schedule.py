from datetime import UTC, datetime, timedelta

import pytest

from claimwatch.common.core.feeds.schedule import (
    adaptive_interval,
    backoff_delay,
    entry_rhythm,
    jittered,
    parse_retry_after,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_jitter_spreads_within_the_fraction() -> None:
    assert jittered(1000, 0.0, 0.1) == pytest.approx(900)
    assert jittered(1000, 0.5, 0.1) == pytest.approx(1000)
    assert jittered(1000, 0.999999, 0.1) == pytest.approx(1100, rel=1e-5)


def test_backoff_doubles_per_failure_up_to_the_cap() -> None:
    assert [backoff_delay(n, 60, 1000) for n in (1, 2, 3, 4, 5, 6)] == [60, 120, 240, 480, 960, 1000]
    assert backoff_delay(10_000, 60, 3600) == 3600  # no overflow after years of failures


def test_retry_after_in_seconds() -> None:
    assert parse_retry_after("120", NOW) == 120


def test_retry_after_as_http_date() -> None:
    assert parse_retry_after("Sun, 01 Mar 2026 12:30:00 GMT", NOW) == 1800


def test_retry_after_is_capped_at_a_day() -> None:
    assert parse_retry_after("99999999", NOW) == 86_400
    assert parse_retry_after("Fri, 01 Jan 2100 00:00:00 GMT", NOW) == 86_400


def test_retry_after_in_the_past_means_now() -> None:
    assert parse_retry_after("Sun, 01 Mar 2026 11:00:00 GMT", NOW) == 0


@pytest.mark.parametrize("value", [None, "", "soon", "-5", "1.5e3"])
def test_unreadable_retry_after_is_ignored(value: str | None) -> None:
    assert parse_retry_after(value, NOW) is None


def test_adaptive_interval_follows_the_median_gap() -> None:
    hourly = [NOW - timedelta(hours=h) for h in range(10)]
    assert adaptive_interval(hourly, default_s=900) == 3600


def test_adaptive_interval_is_bounded() -> None:
    every_minute = [NOW - timedelta(minutes=m) for m in range(10)]
    weekly = [NOW - timedelta(weeks=w) for w in range(5)]
    assert adaptive_interval(every_minute, default_s=900) == 300
    assert adaptive_interval(weekly, default_s=900) == 86_400


def test_adaptive_interval_needs_dated_entries() -> None:
    assert adaptive_interval([None, None, NOW], default_s=900) == 900
    assert adaptive_interval([], default_s=60) == 300  # the default too is bounded


def test_entry_rhythm_is_the_unbounded_median_gap() -> None:
    weekly = [NOW - timedelta(weeks=w) for w in range(5)]
    assert entry_rhythm(weekly) == 7 * 86_400
    assert entry_rhythm([NOW, NOW - timedelta(hours=1), None]) is None
