"""Feed entries as plain data, and which of them are new articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime


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


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its title and entries (each with a usable URL), newest first as served."""

    title: str = ""
    link: str = ""
    entries: Sequence[FeedEntry] = field(default_factory=tuple)
    format: str = ""  # e.g. "rss20", "atom10", "json1"


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
