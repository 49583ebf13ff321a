from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from claimwatch.common.core.model import Mention
from claimwatch.common.store import Store

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _article(store: Store, key: str = "h1", **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "url_hash": key,
        "canonical_url": f"https://news.example/{key}",
        "url": f"https://news.example/{key}?utm_source=x",
        "title": "Title",
        "outlet": "News",
        "text": "Russia delivered Pantsir-S1 to Venezuela.",
        "text_hash": "t1",
        "extraction_status": "page",
        "now": NOW,
    }
    values.update(overrides)
    return store.upsert_article(**values)


def test_storing_the_same_article_twice_keeps_one_row(store: Store) -> None:
    first, created, changed = _article(store)
    again, created_again, changed_again = _article(store)
    assert (created, changed) == (True, False)
    assert (created_again, changed_again) == (False, False)
    assert again.id == first.id
    assert len(store.list_articles()) == 1


def test_edited_article_updates_the_text_instead_of_adding_a_row(store: Store) -> None:
    first, _, _ = _article(store)
    later = NOW + timedelta(hours=1)
    edited, created, changed = _article(store, text="Russia denied it.", text_hash="t2", now=later)
    assert (created, changed) == (False, True)
    assert edited.id == first.id and edited.text == "Russia denied it."
    stored = store.get_article(article_id=first.id)
    assert stored is not None and stored.text_hash == "t2" and stored.updated_at == later
    assert stored.discovered_at == NOW
    assert len(store.list_articles()) == 1


def test_failed_extraction_does_not_overwrite_stored_text(store: Store) -> None:
    first, _, _ = _article(store)
    again, created, changed = _article(
        store, text="", text_hash="", extraction_status="failed", extraction_error="timeout"
    )
    assert (created, changed) == (False, False)
    assert again.text == first.text and again.extraction_status == "page"


def test_known_url_hashes_returns_only_stored_ones(store: Store) -> None:
    _article(store, "h1")
    _article(store, "h2")
    many = [f"x{i}" for i in range(1200)] + ["h2"]
    assert store.known_url_hashes(hashes=["h1", "nope", "h1"]) == {"h1"}
    assert store.known_url_hashes(hashes=iter(many)) == {"h2"}
    assert store.known_url_hashes(hashes=[]) == set()


def test_article_of_a_deleted_feed_is_stored_without_feed(store: Store) -> None:
    feed, _ = store.add_feed(url="https://news.example/feed")
    kept, _, _ = _article(store, "h1", feed_id=feed.id)
    store.delete_feed(feed_id=feed.id)
    orphan, created, _ = _article(store, "h2", feed_id=feed.id)
    assert created and orphan.feed_id is None
    reread = store.get_article(url_hash="h1")
    assert reread is not None and reread.id == kept.id and reread.feed_id is None


def test_list_articles_filters_by_time_feed_and_mentioned_entity(store: Store) -> None:
    feed, _ = store.add_feed(url="https://news.example/feed")
    old, _, _ = _article(store, "old", discovered_at=NOW - timedelta(days=2))
    new, _, _ = _article(store, "new", feed_id=feed.id)
    store.add_mentions(article_id=old.id, mentions=[Mention("Russia", "actor", "Moscow", 0, 6)])
    assert [a.id for a in store.list_articles(since=NOW - timedelta(days=1))] == [new.id]
    assert [a.id for a in store.list_articles(feed_id=feed.id)] == [new.id]
    assert [a.id for a in store.list_articles(entity="Russia")] == [old.id]
    assert [a.id for a in store.list_articles(limit=1, offset=1)] == [old.id]


def test_mentions_are_stored_once(store: Store) -> None:
    article, _, _ = _article(store)
    mentions = [
        Mention("Russia", "actor", "Russia", 0, 6),
        Mention("Pantsir-S1", "system", "Pantsir-S1", 17, 27),
        Mention("Russia", "actor", "Russia", 0, 6),
    ]
    assert store.add_mentions(article_id=article.id, mentions=mentions) == 2
    assert store.add_mentions(article_id=article.id, mentions=mentions) == 0
    assert store.add_mentions(article_id=article.id, mentions=[]) == 0
    stored = store.list_mentions(article_id=article.id)
    assert [(m.entity, m.start, m.end) for m in stored] == [("Russia", 0, 6), ("Pantsir-S1", 17, 27)]


def test_stored_entry_version_is_the_entry_updated_time_else_the_discovery_time(store: Store) -> None:
    updated = NOW - timedelta(hours=2)
    _article(store, "h1", entry_updated=updated, discovered_at=NOW)
    _article(store, "h2", discovered_at=NOW)
    assert store.stored_entry_versions(hashes=["h1", "h2", "nope"]) == {"h1": updated, "h2": NOW}
    assert store.stored_entry_versions(hashes=[]) == {}


def test_entry_version_moves_forward_only_and_alone_when_the_text_is_the_same(store: Store) -> None:
    first = NOW - timedelta(hours=2)
    _article(store, entry_updated=first)
    later = NOW - timedelta(hours=1)
    article, created, changed = _article(store, entry_updated=later)
    assert (created, changed) == (False, False)
    assert article.entry_updated == later
    _article(store, entry_updated=first)  # an older version seen in another feed
    assert store.stored_entry_versions(hashes=["h1"]) == {"h1": later}


def test_an_edit_stores_the_new_text_and_its_entry_version(store: Store) -> None:
    _article(store, entry_updated=NOW - timedelta(hours=2))
    edited, created, changed = _article(store, text="Russia denied it.", text_hash="t2", entry_updated=NOW)
    assert (created, changed) == (False, True)
    assert edited.text == "Russia denied it." and edited.entry_updated == NOW


def test_a_failed_extraction_keeps_the_text_and_its_entry_version(store: Store) -> None:
    _article(store, entry_updated=NOW - timedelta(hours=2))
    kept, _, changed = _article(store, text="", text_hash="t0", extraction_status="failed", entry_updated=NOW)
    assert not changed
    assert kept.text_hash == "t1" and kept.entry_updated == NOW - timedelta(hours=2)
