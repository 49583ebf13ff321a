"""From a parsed feed to events: new articles, and edits of stored ones."""

from __future__ import annotations

from datetime import datetime

from claimwatch.common.core.feeds.entries import FeedEntry, ParsedFeed, classify_entries
from claimwatch.common.core.feeds.polling import FeedSnapshot
from claimwatch.common.events import TOPIC_ARTICLES, ArticleDiscovered
from claimwatch.poller.ports import FeedStore, Publisher


async def publish_changes(
    *, store: FeedStore, bus: Publisher, feed: FeedSnapshot, parsed: ParsedFeed, now: datetime
) -> tuple[int, int]:
    """Publish the feed's entries not stored yet and those edited since: (new, edited).

    Raises whatever the store or the bus raise; nothing is recorded as seen, so
    the next full fetch of the feed publishes them again.
    """
    if not parsed.entries:
        return 0, 0
    versions = await store.stored_entry_versions(hashes=[e.url_hash for e in parsed.entries])
    changes = classify_entries(parsed.entries, versions, now)
    outlet = feed.outlet or parsed.title
    for entry in changes.new:
        await bus.publish(TOPIC_ARTICLES, article_event(feed, entry, outlet), key=entry.url_hash)
    for entry in changes.revised:
        event = article_event(feed, entry, outlet, revision=True)
        await bus.publish(TOPIC_ARTICLES, event, key=entry.url_hash)
    return len(changes.new), len(changes.revised)


def article_event(
    feed: FeedSnapshot, entry: FeedEntry, outlet: str, *, revision: bool = False
) -> ArticleDiscovered:
    return ArticleDiscovered(
        url=entry.url,
        canonical_url=entry.canonical_url,
        url_hash=entry.url_hash,
        feed_id=feed.id,
        feed_url=feed.url,
        title=entry.title,
        summary=entry.summary,
        outlet=outlet,
        published=entry.published,
        revision=revision,
        updated=entry.updated,
    )
