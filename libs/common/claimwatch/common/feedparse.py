"""Feed bytes to ParsedFeed: RSS 0.9x/1.0/2.0 and Atom through feedparser, plus JSON Feed.

Never hands a URL to feedparser: the guarded fetcher reads the bytes. XML with
entity declarations is refused before parsing (billion laughs, quadratic
blowup), and defusedxml's expat reader is feedparser's first choice of SAX
parser as a second line. Every failure becomes FeedParseError.
"""

from __future__ import annotations

import calendar
import json
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
import feedparser.api
from claimwatch.common.core.feeds.entries import FeedEntry, ParsedFeed
from claimwatch.common.core.feeds.urls import InvalidURL, canonicalize_url, url_hash
from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

# xml.sax.make_parser imports this module by name and calls its create_parser().
_DEFUSED_READER = __name__
_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_JSON_TYPES = ("application/feed+json", "application/json")
MAX_JSON_DEPTH = 64
MAX_SUMMARY_CHARS = 4000


class FeedParseError(ValueError):
    """The bytes are not a feed claimwatch can read; `kind` names the reason."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def create_parser() -> Any:
    """The SAX reader feedparser uses: expat that refuses entity declarations.

    External references are not forbidden because they are never fetched
    (feedparser turns external entity loading off), and old RSS 0.91 feeds
    carry a DOCTYPE naming Netscape's DTD.
    """
    return DefusedExpatParser(forbid_dtd=False, forbid_entities=True, forbid_external=False)


def _use_defused_sax_reader() -> None:
    # Idempotent and done on first use, not at import: feedparser reads this list on every parse.
    if feedparser.api.PREFERRED_XML_PARSERS[:1] != [_DEFUSED_READER]:
        feedparser.api.PREFERRED_XML_PARSERS.insert(0, _DEFUSED_READER)


def _utc(parsed: time.struct_time | None) -> datetime | None:
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _iso(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _entry(
    raw_id: str, link: str, base: str, title: str, summary: str, published: datetime | None
) -> FeedEntry | None:
    if not link:
        return None
    try:
        canonical = canonicalize_url(link, base)
    except InvalidURL:
        return None  # mailto:, javascript: and friends are not articles
    absolute = urljoin(base, link.strip())
    return FeedEntry(
        id=raw_id or canonical,
        url=absolute,
        canonical_url=canonical,
        url_hash=url_hash(canonical),
        title=title.strip(),
        summary=summary[:MAX_SUMMARY_CHARS],
        published=published,
    )


def _looks_like_json(body: bytes, content_type: str) -> bool:
    return content_type.startswith(_JSON_TYPES) or body.lstrip()[:1] == b"{"


def _json_depth_ok(body: bytes) -> bool:
    # json.loads recurses; bound nesting cheaply before handing it the text.
    depth = peak = 0
    for byte in body:
        if byte in b"[{":
            depth += 1
            peak = max(peak, depth)
            if peak > MAX_JSON_DEPTH:
                return False
        elif byte in b"]}":
            depth -= 1
    return True


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    if not _json_depth_ok(body):
        raise FeedParseError("too_deep", f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise FeedParseError("malformed", f"not valid JSON: {exc}") from exc
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedParseError("not_a_feed", "JSON without a jsonfeed.org version")
    entries = []
    for item in doc.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = str(item.get("url") or item.get("external_url") or "")
        summary = str(item.get("summary") or item.get("content_text") or item.get("content_html") or "")
        entry = _entry(
            str(item.get("id") or ""),
            link,
            url,  # JSON Feed URLs should be absolute; a relative one is taken as the feed's
            str(item.get("title") or ""),
            summary,
            _iso(item.get("date_published")) or _iso(item.get("date_modified")),
        )
        if entry is not None:
            entries.append(entry)
    home = str(doc.get("home_page_url") or url)
    return ParsedFeed(title=str(doc.get("title") or ""), link=home, entries=tuple(entries), format="json1")


def _parse_xml_feed(body: bytes, url: str, headers: Mapping[str, str]) -> ParsedFeed:
    if _ENTITY_DECL.search(body):
        raise FeedParseError("entities_refused", "feed declares XML entities; refused (entity expansion)")
    _use_defused_sax_reader()
    response_headers = {
        k.lower(): v for k, v in headers.items() if k.lower() in ("content-type", "content-language")
    }
    response_headers["content-location"] = url  # base for relative links
    try:
        parsed = feedparser.parse(
            # Summaries are plain-text fallbacks: no HTML sanitising or link rewriting inside them
            # (entry links are still resolved against xml:base and the feed URL).
            body,
            response_headers=response_headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except DefusedXmlException as exc:
        raise FeedParseError("entities_refused", f"feed refused: {type(exc).__name__}") from exc
    except (RecursionError, MemoryError) as exc:
        raise FeedParseError("malformed", f"feed too complex to parse: {type(exc).__name__}") from exc
    except Exception as exc:  # feedparser raises a zoo of types on hostile input
        raise FeedParseError("malformed", f"feed could not be parsed: {type(exc).__name__}: {exc}") from exc
    feed = parsed.get("feed", {})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise FeedParseError("not_a_feed", f"no RSS or Atom feed found ({reason or 'no entries'})")
    entries = []
    for item in parsed.entries:
        entry = _entry(
            str(item.get("id") or ""),
            str(item.get("link") or ""),
            url,
            str(item.get("title") or ""),
            str(item.get("summary") or ""),
            # dict.get: FeedParserDict's own get maps missing keys with a deprecation warning.
            _utc(dict.get(item, "published_parsed")) or _utc(dict.get(item, "updated_parsed")),
        )
        if entry is not None:
            entries.append(entry)
    return ParsedFeed(
        title=str(feed.get("title") or ""),
        link=str(feed.get("link") or url),
        entries=tuple(entries),
        format=str(parsed.get("version") or "unknown"),
    )


def parse_feed(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse one feed document fetched from `url` (the final URL, for relative links).

    Wrong or missing charset declarations are tolerated; a document that is not a
    feed, declares entities, or nests JSON too deeply raises FeedParseError.
    """
    headers = headers or {}
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "").lower()
    if not body.strip():
        raise FeedParseError("empty", "empty response body")
    if _looks_like_json(body, content_type):
        return _parse_json_feed(body, url)
    return _parse_xml_feed(body, url, headers)
