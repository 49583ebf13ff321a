"""What every feed format shares: the error type and how an entry becomes a FeedEntry."""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from claimwatch.common.core.feeds.entries import FeedEntry
from claimwatch.common.core.feeds.urls import InvalidURL, canonicalize_url, url_hash

MAX_SUMMARY_CHARS = 4000


class FeedParseError(ValueError):
    """The bytes are not a feed claimwatch can read; `kind` names the reason."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def utc_from_struct(parsed: time.struct_time | None) -> datetime | None:
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def iso_date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def make_entry(
    raw_id: str,
    link: str,
    base: str,
    title: str,
    summary: str,
    published: datetime | None,
    updated: datetime | None = None,
) -> FeedEntry | None:
    if not link:
        return None
    try:
        canonical = canonicalize_url(link, base)
    except InvalidURL:
        return None  # mailto:, javascript: and friends are not articles
    link = link.strip()
    absolute = link if link.startswith(("http://", "https://")) else urljoin(base, link)
    return FeedEntry(
        id=raw_id or canonical,
        url=absolute,
        canonical_url=canonical,
        url_hash=url_hash(canonical),
        title=title.strip(),
        summary=summary[:MAX_SUMMARY_CHARS],
        published=published,
        updated=updated,
    )
