"""Feed bytes to ParsedFeed: RSS 0.9x/1.0/2.0, Atom and JSON Feed.

Never hands a URL to a parser: the guarded fetcher reads the bytes. XML that
declares entities is refused before any parser sees it (billion laughs,
quadratic blowup); behind that, the lxml fast path never resolves entities
and feedparser's SAX parser is defusedxml's expat. Every failure becomes
FeedParseError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from claimwatch.common.core.feeds.entries import ParsedFeed
from claimwatch.common.feedparse.base import FeedParseError
from claimwatch.common.feedparse.fast import parse_fast
from claimwatch.common.feedparse.jsonfeed import looks_like_json, parse_json_feed
from claimwatch.common.feedparse.slow import create_parser, parse_with_feedparser

__all__ = ["FeedParseError", "ParsedFeed", "create_parser", "parse_feed"]

_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)


def parse_feed(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse one feed document fetched from `url` (the final URL, for relative links).

    Wrong or missing charset declarations are tolerated; a document that is not a
    feed, declares entities, or nests JSON too deeply raises FeedParseError.
    """
    headers = headers or {}
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "").lower()
    if not body.strip():
        raise FeedParseError("empty", "empty response body")
    if looks_like_json(body, content_type):
        return parse_json_feed(body, url)
    if _ENTITY_DECL.search(body):
        raise FeedParseError("entities_refused", "feed declares XML entities; refused (entity expansion)")
    return parse_fast(body, url) or parse_with_feedparser(body, url, headers)
