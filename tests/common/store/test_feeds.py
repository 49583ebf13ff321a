from __future__ import annotations

from datetime import UTC, datetime, timedelta

from claimwatch.common.store import Store
from claimwatch.common.store.models import FeedPublic, FeedUpdate

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_adding_a_feed_twice_returns_the_first(store: Store) -> None:
    first, created = store.add_feed(url="https://a.example/feed", title="A", now=NOW)
    again, created_again = store.add_feed(url="https://a.example/feed", title="other")
    assert created and not created_again
    assert again.id == first.id and again.title == "A"
    assert len(store.list_feeds()) == 1


def test_new_feed_has_state_and_is_due_at_once(store: Store) -> None:
    feed, _ = store.add_feed(url="https://a.example/feed", now=NOW)
    state = store.get_feed_state(feed_id=feed.id)
    assert state is not None and state.next_poll_at is None and state.status == "new"
    leased = store.lease_due_feeds(now=NOW, owner="p1", limit=10, lease_s=60)
    assert [f.id for f, _ in leased] == [feed.id]


def test_leased_feed_is_not_leased_again_until_the_lease_expires(store: Store) -> None:
    feed, _ = store.add_feed(url="https://a.example/feed")
    assert len(store.lease_due_feeds(now=NOW, owner="p1", limit=10, lease_s=60)) == 1
    assert store.lease_due_feeds(now=NOW + timedelta(seconds=30), owner="p2", limit=10, lease_s=60) == []
    assert store.lease_due_feeds(now=NOW + timedelta(seconds=30), owner="p1", limit=10, lease_s=60) == []
    taken_over = store.lease_due_feeds(now=NOW + timedelta(seconds=61), owner="p2", limit=10, lease_s=60)
    assert [(f.id, s.lease_owner) for f, s in taken_over] == [(feed.id, "p2")]


def test_lease_skips_feeds_not_yet_due_and_disabled_ones(store: Store) -> None:
    due, _ = store.add_feed(url="https://a.example/due")
    later, _ = store.add_feed(url="https://a.example/later")
    store.add_feed(url="https://a.example/off", enabled=False)
    assert store.schedule_feed(feed_id=later.id, next_poll_at=NOW + timedelta(minutes=5))
    leased = store.lease_due_feeds(now=NOW, owner="p1", limit=10, lease_s=60)
    assert [f.id for f, _ in leased] == [due.id]


def test_lease_takes_the_longest_overdue_first_up_to_the_limit(store: Store) -> None:
    ids = []
    for minutes in (3, 1, 2):
        feed, _ = store.add_feed(url=f"https://a.example/{minutes}")
        store.schedule_feed(feed_id=feed.id, next_poll_at=NOW - timedelta(minutes=minutes))
        ids.append(feed.id)
    leased = store.lease_due_feeds(now=NOW, owner="p1", limit=2, lease_s=60)
    assert [f.id for f, _ in leased] == [ids[0], ids[2]]


def test_successful_poll_records_validators_and_releases_the_lease(store: Store) -> None:
    feed, _ = store.add_feed(url="https://a.example/feed")
    store.lease_due_feeds(now=NOW, owner="p1", limit=1, lease_s=60)
    state = store.record_poll(
        feed_id=feed.id,
        owner="p1",
        now=NOW,
        ok=True,
        status=200,
        etag='"v1"',
        last_modified="Sun, 01 Mar 2026 11:00:00 GMT",
        body_hash="abc",
        entries_seen=12,
        next_poll_at=NOW + timedelta(minutes=15),
    )
    assert state is not None
    assert (state.etag, state.body_hash, state.entries_seen, state.last_status) == ('"v1"', "abc", 12, 200)
    assert state.lease_owner is None and state.lease_until is None
    assert state.last_success_at == NOW and state.status == "ok"
    # A 304 passes no validators: the stored ones stay.
    store.record_poll(feed_id=feed.id, owner="p1", now=NOW, ok=True, status=304, next_poll_at=NOW)
    kept = store.get_feed_state(feed_id=feed.id)
    assert kept is not None and kept.etag == '"v1"' and kept.last_status == 304


def test_failed_polls_count_up_and_show_as_failing(store: Store) -> None:
    feed, _ = store.add_feed(url="https://a.example/feed")
    store.add_feed(url="https://b.example/feed")
    for _ in range(2):
        store.record_poll(
            feed_id=feed.id,
            owner="p1",
            now=NOW,
            ok=False,
            status=503,
            error_kind="http_status",
            error_message="503 Service Unavailable",
            next_poll_at=NOW + timedelta(minutes=30),
        )
    failing = store.list_feeds(status="failing")
    assert [(f.id, s.consecutive_failures, s.last_error_kind) for f, s in failing] == [
        (feed.id, 2, "http_status")
    ]
    assert [f.url for f, _ in store.list_feeds(status="ok")] == ["https://b.example/feed"]
    public = FeedPublic.from_rows(*failing[0])
    assert public.status == "failing" and public.last_error_message == "503 Service Unavailable"
    assert "etag" not in FeedPublic.model_fields


def test_recording_a_poll_does_not_release_another_owners_lease(store: Store) -> None:
    feed, _ = store.add_feed(url="https://a.example/feed")
    store.lease_due_feeds(now=NOW, owner="p2", limit=1, lease_s=60)
    state = store.record_poll(feed_id=feed.id, owner="p1", now=NOW, ok=True, next_poll_at=NOW)
    assert state is not None and state.lease_owner == "p2"


def test_recording_a_poll_of_a_deleted_feed_returns_none(store: Store) -> None:
    feed, _ = store.add_feed(url="https://a.example/feed")
    assert store.delete_feed(feed_id=feed.id)
    assert store.get_feed_state(feed_id=feed.id) is None
    assert store.record_poll(feed_id=feed.id, owner="p1", now=NOW, ok=True, next_poll_at=NOW) is None
    assert not store.delete_feed(feed_id=feed.id)


def test_update_feed_changes_only_the_given_fields(store: Store) -> None:
    feed, _ = store.add_feed(url="https://a.example/feed", title="A", outlet="Outlet")
    updated = store.update_feed(feed_id=feed.id, update=FeedUpdate(enabled=False))
    assert updated is not None and not updated.enabled and updated.title == "A"
    assert store.update_feed(feed_id=feed.id + 100, update=FeedUpdate(title="x")) is None


def test_timestamps_come_back_timezone_aware_utc(store: Store) -> None:
    plus_two = datetime(2026, 3, 1, 14, 0, tzinfo=UTC).astimezone(tz=None)
    feed, _ = store.add_feed(url="https://a.example/feed", now=plus_two)
    got = store.get_feed(feed_id=feed.id)
    assert got is not None and got.created_at.tzinfo is not None
    assert got.created_at.utcoffset() == timedelta(0) and got.created_at == plus_two


def test_disabled_feed_is_no_longer_leased_and_shows_why(store: Store) -> None:
    feed, _ = store.add_feed(url="https://a.example/feed")
    assert store.disable_feed(feed_id=feed.id, reason="410 Gone")
    assert store.lease_due_feeds(now=NOW, owner="p1", limit=10, lease_s=60) == []
    [(disabled, state)] = store.list_feeds(enabled=False)
    assert disabled.id == feed.id and state.last_error_message == "410 Gone"
    assert not store.disable_feed(feed_id=feed.id + 1, reason="x")


def _lived(store: Store, url: str, *, newest: datetime | None, mean_s: float | None) -> int:
    """A feed whose last poll saw its newest entry at `newest`, with a rhythm of `mean_s`."""
    feed, _ = store.add_feed(url=url)
    store.record_poll(
        feed_id=feed.id,
        owner="p1",
        now=NOW,
        ok=True,
        status=200,
        next_poll_at=NOW,
        mean_entry_interval_s=mean_s,
        newest_entry_at=newest,
    )
    return feed.id


def test_newest_entry_is_recorded_and_kept_when_a_poll_gives_none(store: Store) -> None:
    feed_id = _lived(store, "https://a.example/feed", newest=NOW - timedelta(hours=2), mean_s=3600)
    store.record_poll(feed_id=feed_id, owner="p1", now=NOW, ok=True, status=304, next_poll_at=NOW)
    state = store.get_feed_state(feed_id=feed_id)
    assert state is not None and state.newest_entry_at == NOW - timedelta(hours=2)
    assert state.mean_entry_interval_s == 3600


def test_silent_feeds_are_listed_and_counted_as_the_pure_rule_says(store: Store) -> None:
    day = 86_400.0
    quiet_daily = _lived(store, "https://a.example/daily", newest=NOW - timedelta(days=5), mean_s=day)
    _lived(store, "https://a.example/recent", newest=NOW - timedelta(days=3), mean_s=day)
    quiet_hourly = _lived(store, "https://a.example/hourly", newest=NOW - timedelta(hours=25), mean_s=3600)
    _lived(store, "https://a.example/night", newest=NOW - timedelta(hours=8), mean_s=3600)  # floor: 1 day
    _lived(store, "https://a.example/one-entry", newest=NOW - timedelta(days=90), mean_s=None)
    _lived(store, "https://a.example/never", newest=None, mean_s=day)
    off = _lived(store, "https://a.example/off", newest=NOW - timedelta(days=90), mean_s=day)
    store.update_feed(feed_id=off, update=FeedUpdate(enabled=False))
    silent = store.list_feeds(status="silent", now=NOW)
    assert [f.id for f, _ in silent] == [quiet_daily, quiet_hourly]
    assert store.count_feeds(status="silent", now=NOW) == 2
    # The API flag and the SQL filter agree on every feed.
    flagged = [f.id for f, s in store.list_feeds() if FeedPublic.from_rows(f, s, now=NOW).silent]
    assert flagged == [quiet_daily, quiet_hourly]
    # A larger factor, a smaller floor, or the check turned off.
    assert store.count_feeds(status="silent", now=NOW, silence_factor=6) == 1
    assert store.count_feeds(status="silent", now=NOW, silence_min_s=3600) == 3
    assert store.count_feeds(status="silent", now=NOW, silence_factor=0) == 0


def test_silence_is_exact_at_the_threshold(store: Store) -> None:
    _lived(store, "https://a.example/daily", newest=NOW - timedelta(days=4), mean_s=86_400.0)
    assert store.count_feeds(status="silent", now=NOW) == 0
    assert store.count_feeds(status="silent", now=NOW + timedelta(seconds=2)) == 1


def test_feeds_are_counted_by_status(store: Store) -> None:
    store.add_feed(url="https://a.example/good")
    bad, _ = store.add_feed(url="https://a.example/bad")
    gone, _ = store.add_feed(url="https://a.example/gone")
    for feed_id in (bad.id, gone.id):
        store.record_poll(feed_id=feed_id, owner="p1", now=NOW, ok=False, status=500, next_poll_at=NOW)
    store.disable_feed(feed_id=gone.id, reason="410 Gone")
    assert store.count_feeds() == 3
    assert store.count_feeds(status="failing") == 2
    assert store.count_feeds(status="failing", enabled=True) == 1
    assert store.count_feeds(status="ok") == 1
