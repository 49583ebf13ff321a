"""Feed entries as plain data, and which of them are new or edited articles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# An `updated` time further ahead than this is a broken clock, not an edit.
FUTURE_SLACK = timedelta(minutes=5)


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: its identity (guid, else link) and its canonical URL."""

    id: str
    url: str  # absolute, as the feed gave it (relative links resolved)
    canonical_url: str
    url_hash: str  # sha256 hex of canonical_url: the article's key
    title: str = ""
    summary: str = ""
    published: datetime | None = None  # timezone-aware UTC, or None when undated
    # When the feed says the entry last changed (Atom `updated`, RSS `atom:updated` or
    # `dc:modified`, JSON Feed `date_modified`); None when the feed does not say.
    updated: datetime | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its title and entries (each with a usable URL), newest first as served."""

    title: str = ""
    link: str = ""
    entries: Sequence[FeedEntry] = field(default_factory=tuple)
    format: str = ""  # e.g. "rss20", "atom10", "json1"


@dataclass(frozen=True)
class EntryChanges:
    """What one poll of a feed found: articles never stored, and stored ones edited since."""

    new: tuple[FeedEntry, ...] = ()
    revised: tuple[FeedEntry, ...] = ()


def unique_by_hash(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """Entries with distinct url_hash, first occurrence kept (a feed may list a link twice)."""
    seen: set[str] = set()
    out: list[FeedEntry] = []
    for entry in entries:
        if entry.url_hash not in seen:
            seen.add(entry.url_hash)
            out.append(entry)
    return out


def new_entries(entries: Iterable[FeedEntry], known: Iterable[str]) -> list[FeedEntry]:
    """Entries whose article is not stored yet: these become ArticleDiscovered events."""
    known_set = set(known)
    return [e for e in unique_by_hash(entries) if e.url_hash not in known_set]


def classify_entries(
    entries: Iterable[FeedEntry], stored: Mapping[str, datetime], now: datetime
) -> EntryChanges:
    """Split a feed's entries into new articles and edited ones.

    `stored` maps the URL hash of each stored article to the version it holds: the
    entry's `updated` time it was read at, or its discovery time when the feed gave
    none. An entry is edited when the feed now says it changed after that version;
    a time more than FUTURE_SLACK ahead of `now` is ignored (a broken clock would
    otherwise make every poll an edit). Entries without `updated` are never edits.
    """
    new: list[FeedEntry] = []
    revised: list[FeedEntry] = []
    horizon = now + FUTURE_SLACK
    for entry in unique_by_hash(entries):
        version = stored.get(entry.url_hash)
        if version is None:
            new.append(entry)
        elif entry.updated is not None and version < entry.updated <= horizon:
            revised.append(entry)
    return EntryChanges(new=tuple(new), revised=tuple(revised))
