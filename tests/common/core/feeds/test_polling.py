from datetime import UTC, datetime, timedelta

from claimwatch.common.core.feeds.polling import (
    FeedSnapshot,
    FetchOutcome,
    SchedulePolicy,
    decide,
    usable_etag,
    usable_last_modified,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
POLICY = SchedulePolicy(default_interval_s=900, jitter=0.1, backoff_max_s=6 * 3600)
FEED = FeedSnapshot(id=1, url="https://example.com/feed")
MID = 0.5  # the random draw that gives no jitter


def _in(decision_time: datetime) -> float:
    return (decision_time - NOW).total_seconds()


def test_success_schedules_the_next_poll_one_interval_later() -> None:
    d = decide(FEED, FetchOutcome(kind="not_modified", status=304), NOW, POLICY, MID)
    assert d.ok and d.consecutive_failures == 0
    assert _in(d.next_poll_at) == 900


def test_jitter_moves_the_next_poll_within_bounds() -> None:
    early = decide(FEED, FetchOutcome(kind="not_modified"), NOW, POLICY, 0.0)
    late = decide(FEED, FetchOutcome(kind="not_modified"), NOW, POLICY, 0.99)
    assert 810 <= _in(early.next_poll_at) < _in(late.next_poll_at) <= 990


def test_failures_back_off_exponentially_with_a_cap() -> None:
    delays = []
    feed = FEED
    for _ in range(8):
        d = decide(feed, FetchOutcome(kind="error", status=500, error_kind="http_status"), NOW, POLICY, MID)
        delays.append(_in(d.next_poll_at))
        feed = FeedSnapshot(id=1, url=FEED.url, consecutive_failures=d.consecutive_failures)
    assert delays[:4] == [900, 1800, 3600, 7200]
    assert max(delays) == 6 * 3600
    assert d.consecutive_failures == 8 and d.error_kind == "http_status"


def test_retry_after_on_429_is_honoured() -> None:
    out = FetchOutcome(kind="error", status=429, error_kind="http_status", retry_after="7200")
    d = decide(FEED, out, NOW, POLICY, MID)
    assert not d.ok and _in(d.next_poll_at) == 7200


def test_retry_after_on_503_as_a_date_is_capped_at_a_day() -> None:
    out = FetchOutcome(
        kind="error", status=503, error_kind="http_status", retry_after="Fri, 01 Jan 2100 00:00:00 GMT"
    )
    assert _in(decide(FEED, out, NOW, POLICY, MID).next_poll_at) == 86_400


def test_gone_disables_the_feed() -> None:
    d = decide(FEED, FetchOutcome(kind="error", status=410, error_kind="http_status"), NOW, POLICY, MID)
    assert d.disable and not d.ok


def test_fetched_feed_learns_its_rhythm() -> None:
    hourly = tuple(NOW - timedelta(hours=h) for h in range(12))
    out = FetchOutcome(kind="fetched", status=200, body_hash="h", published=hourly, entries_seen=12)
    d = decide(FEED, out, NOW, POLICY, MID)
    assert d.mean_entry_interval_s == 3600 and _in(d.next_poll_at) == 3600
    assert d.entries_seen == 12 and d.body_hash == "h"


def test_a_learned_rhythm_is_kept_on_304() -> None:
    feed = FeedSnapshot(id=1, url=FEED.url, mean_entry_interval_s=7200)
    d = decide(feed, FetchOutcome(kind="not_modified", status=304), NOW, POLICY, MID)
    assert _in(d.next_poll_at) == 7200 and d.mean_entry_interval_s is None


def test_the_users_interval_wins_over_the_rhythm() -> None:
    feed = FeedSnapshot(id=1, url=FEED.url, interval_s=600, mean_entry_interval_s=7200)
    assert _in(decide(feed, FetchOutcome(kind="unchanged"), NOW, POLICY, MID).next_poll_at) == 600


def test_adaptive_off_uses_the_default_interval() -> None:
    policy = SchedulePolicy(default_interval_s=900, adaptive=False, jitter=0.0)
    feed = FeedSnapshot(id=1, url=FEED.url, mean_entry_interval_s=7200)
    assert _in(decide(feed, FetchOutcome(kind="unchanged"), NOW, policy, MID).next_poll_at) == 900


def test_broken_validators_are_not_sent_back() -> None:
    assert usable_etag('"abc"') == '"abc"'
    assert usable_etag("x" * 1000) is None
    assert usable_etag("bad\nvalue") is None
    assert usable_last_modified("Sun, 01 Mar 2026 11:00:00 GMT", NOW) is not None
    assert usable_last_modified("0", NOW) is None
    assert usable_last_modified("Fri, 01 Jan 2100 00:00:00 GMT", NOW) is None  # a clock in the future


def test_error_message_is_bounded() -> None:
    out = FetchOutcome(kind="error", error_kind="parse", error_message="x" * 100_000)
    assert len(decide(FEED, out, NOW, POLICY, MID).error_message or "") == 1000


def test_a_fetch_records_the_newest_entry_and_a_304_keeps_it() -> None:
    daily = tuple(NOW - timedelta(days=d, hours=3) for d in range(5))
    out = FetchOutcome(kind="fetched", status=200, published=daily, entries_seen=5)
    d = decide(FEED, out, NOW, POLICY, MID)
    assert d.newest_entry_at == NOW - timedelta(hours=3) and d.mean_entry_interval_s == 86_400
    kept = decide(FEED, FetchOutcome(kind="not_modified", status=304), NOW, POLICY, MID)
    assert kept.newest_entry_at is None and kept.mean_entry_interval_s is None  # None: keep the stored


def test_undated_feed_learns_its_rhythm_from_discoveries() -> None:
    before = NOW - timedelta(hours=6)
    feed = FeedSnapshot(id=1, url=FEED.url, newest_entry_at=before)
    out = FetchOutcome(kind="fetched", status=200, published=(None,) * 10, discovered=3)
    d = decide(feed, out, NOW, POLICY, MID)
    assert d.newest_entry_at == NOW and d.mean_entry_interval_s == 2 * 3600
    assert _in(d.next_poll_at) == 2 * 3600


def test_a_rhythm_slower_than_a_day_is_kept_but_polls_stay_daily() -> None:
    weekly = tuple(NOW - timedelta(weeks=w) for w in range(5))
    d = decide(FEED, FetchOutcome(kind="fetched", published=weekly), NOW, POLICY, MID)
    assert d.mean_entry_interval_s == 7 * 86_400 and _in(d.next_poll_at) == 86_400


def test_too_few_dated_entries_keep_the_learned_rhythm() -> None:
    feed = FeedSnapshot(id=1, url=FEED.url, mean_entry_interval_s=7200)
    out = FetchOutcome(kind="fetched", published=(NOW,))
    d = decide(feed, out, NOW, POLICY, MID)
    assert d.mean_entry_interval_s is None and _in(d.next_poll_at) == 7200 and d.newest_entry_at == NOW


def test_a_failed_poll_changes_no_liveness() -> None:
    feed = FeedSnapshot(id=1, url=FEED.url, newest_entry_at=NOW - timedelta(days=1))
    d = decide(feed, FetchOutcome(kind="error", status=500, error_kind="http_status"), NOW, POLICY, MID)
    assert d.newest_entry_at is None and d.mean_entry_interval_s is None
