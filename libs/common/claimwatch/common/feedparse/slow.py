"""RSS 0.9x/1.0/2.0 and Atom through feedparser: slower, but reads almost anything.

xml.sax.make_parser imports this module by name and calls its create_parser(),
so feedparser's strict parser is expat refusing entity declarations.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import feedparser
import feedparser.api
from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from claimwatch.common.core.feeds.entries import ParsedFeed
from claimwatch.common.feedparse.base import FeedParseError, make_entry, utc_from_struct

_DEFUSED_READER = __name__


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


def parse_with_feedparser(body: bytes, url: str, headers: Mapping[str, str]) -> ParsedFeed:
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
        entry = make_entry(
            str(item.get("id") or ""),
            str(item.get("link") or ""),
            url,
            str(item.get("title") or ""),
            str(item.get("summary") or ""),
            # dict.get: FeedParserDict's own get maps missing keys with a deprecation warning.
            utc_from_struct(dict.get(item, "published_parsed"))
            or utc_from_struct(dict.get(item, "updated_parsed")),
            # Atom `updated`, RSS `atom:updated` and `dcterms:modified` all land here.
            utc_from_struct(dict.get(item, "updated_parsed")),
        )
        if entry is not None:
            entries.append(entry)
    return ParsedFeed(
        title=str(feed.get("title") or ""),
        link=str(feed.get("link") or url),
        entries=tuple(entries),
        format=str(parsed.get("version") or "unknown"),
    )
