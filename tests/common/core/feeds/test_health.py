from datetime import UTC, datetime, timedelta

import pytest

from claimwatch.common.core.feeds.health import (
    is_silent,
    newest_entry_time,
    observed_rhythm,
    silence_threshold_s,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
HOUR = 3600.0
DAY = 86_400.0


def _ago(**kw: float) -> datetime:
    return NOW - timedelta(**kw)


def test_newest_entry_is_the_latest_publication_date() -> None:
    published = [_ago(hours=5), None, _ago(hours=2), _ago(days=3)]
    assert newest_entry_time(None, published, discovered=0, now=NOW) == _ago(hours=2)


def test_newest_entry_ignores_dates_in_the_future_and_clamps_small_skew_to_now() -> None:
    far = NOW + timedelta(days=30)
    assert newest_entry_time(None, [far, _ago(hours=1)], discovered=0, now=NOW) == _ago(hours=1)
    assert newest_entry_time(None, [NOW + timedelta(minutes=2)], discovered=0, now=NOW) == NOW
    assert newest_entry_time(None, [far], discovered=1, now=NOW) == NOW  # a new entry, undatable


def test_undated_entries_count_from_their_discovery() -> None:
    assert newest_entry_time(None, [None, None], discovered=2, now=NOW) == NOW
    assert newest_entry_time(_ago(days=1), [None, None], discovered=0, now=NOW) == _ago(days=1)
    assert newest_entry_time(None, [None], discovered=0, now=NOW) is None


def test_newest_entry_never_moves_backwards() -> None:
    assert newest_entry_time(_ago(hours=1), [_ago(days=2)], discovered=0, now=NOW) == _ago(hours=1)


def test_rhythm_of_dated_entries_is_their_median_gap_unbounded() -> None:
    weekly = [_ago(weeks=w) for w in range(5)]
    assert observed_rhythm(None, None, weekly, discovered=0, now=NOW) == 7 * DAY


def test_two_dated_entries_make_no_rhythm() -> None:
    assert observed_rhythm(HOUR, _ago(hours=1), [_ago(hours=1), _ago(hours=3)], 2, NOW) is None


def test_rhythm_of_undated_entries_comes_from_discoveries() -> None:
    # 24 new entries found 12 hours after the previous one: one every half hour.
    assert observed_rhythm(None, _ago(hours=12), [None] * 30, discovered=24, now=NOW) == HOUR / 2
    # Averaged with what was known, so one burst does not swing it.
    assert observed_rhythm(2 * HOUR, _ago(hours=12), [None] * 30, discovered=12, now=NOW) == 1.5 * HOUR
    # Nothing new, or no earlier discovery to measure from: nothing learned.
    assert observed_rhythm(HOUR, _ago(hours=12), [None], discovered=0, now=NOW) is None
    assert observed_rhythm(None, None, [None] * 5, discovered=5, now=NOW) is None


def test_threshold_is_factor_times_rhythm_with_a_floor() -> None:
    assert silence_threshold_s(DAY, factor=4, min_s=DAY) == 4 * DAY
    assert silence_threshold_s(600, factor=4, min_s=DAY) == DAY
    assert silence_threshold_s(DAY, factor=0, min_s=DAY) is None
    assert silence_threshold_s(None, factor=4, min_s=DAY) is None


@pytest.mark.parametrize(
    ("newest_ago_s", "mean_s", "silent"),
    [
        (4 * DAY + 1, DAY, True),  # a daily feed quiet for more than four days
        (4 * DAY - 1, DAY, False),
        (DAY + 1, HOUR, True),  # an hourly feed: the one-day floor, not four hours
        (5 * HOUR, HOUR, False),  # a quiet night is not a silence
        (60 * DAY, None, False),  # one entry, no rhythm: never flagged
    ],
)
def test_a_feed_is_silent_after_factor_times_its_rhythm(
    newest_ago_s: float, mean_s: float | None, silent: bool
) -> None:
    newest = NOW - timedelta(seconds=newest_ago_s)
    assert is_silent(newest_entry_at=newest, mean_entry_interval_s=mean_s, now=NOW) is silent


def test_factor_zero_turns_the_check_off_and_unknown_newest_is_not_silent() -> None:
    old = _ago(days=365)
    assert not is_silent(newest_entry_at=old, mean_entry_interval_s=HOUR, now=NOW, factor=0)
    assert not is_silent(newest_entry_at=None, mean_entry_interval_s=HOUR, now=NOW)
    assert is_silent(newest_entry_at=_ago(hours=5), mean_entry_interval_s=HOUR, now=NOW, min_s=0)
