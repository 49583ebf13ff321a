from datetime import UTC, datetime, timedelta

from claimwatch.common.core.feeds.entries import FUTURE_SLACK, FeedEntry, classify_entries

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def entry(key: str, updated: datetime | None = None) -> FeedEntry:
    url = f"https://e.example/{key}"
    return FeedEntry(id=url, url=url, canonical_url=url, url_hash=key, updated=updated)


def test_entries_not_stored_are_new_whatever_their_updated_time() -> None:
    changes = classify_entries([entry("a"), entry("b", NOW)], {}, NOW)
    assert [e.url_hash for e in changes.new] == ["a", "b"]
    assert changes.revised == ()


def test_a_stored_entry_updated_after_its_stored_version_is_an_edit() -> None:
    stored = {"a": NOW - timedelta(hours=2), "b": NOW - timedelta(hours=2)}
    changes = classify_entries(
        [entry("a", NOW - timedelta(hours=1)), entry("b", NOW - timedelta(hours=2))], stored, NOW
    )
    assert changes.new == ()
    assert [e.url_hash for e in changes.revised] == ["a"]


def test_stored_entries_without_updated_time_or_with_an_older_one_are_not_edits() -> None:
    stored = {"a": NOW, "b": NOW}
    changes = classify_entries([entry("a"), entry("b", NOW - timedelta(days=1))], stored, NOW)
    assert changes == classify_entries([], {}, NOW)


def test_updated_times_in_the_future_are_not_edits() -> None:
    stored = {"a": NOW - timedelta(hours=1), "b": NOW - timedelta(hours=1)}
    entries = [entry("a", NOW + FUTURE_SLACK + timedelta(seconds=1)), entry("b", NOW + FUTURE_SLACK)]
    assert [e.url_hash for e in classify_entries(entries, stored, NOW).revised] == ["b"]


def test_an_entry_listed_twice_counts_once() -> None:
    stored = {"a": NOW - timedelta(hours=1)}
    twice = [entry("a", NOW), entry("a", NOW), entry("b"), entry("b")]
    changes = classify_entries(twice, stored, NOW)
    assert [e.url_hash for e in changes.new] == ["b"]
    assert [e.url_hash for e in changes.revised] == ["a"]
