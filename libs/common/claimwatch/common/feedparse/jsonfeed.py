"""JSON Feed (https://jsonfeed.org) 1.0 and 1.1."""

from __future__ import annotations

import json

from claimwatch.common.core.feeds.entries import ParsedFeed
from claimwatch.common.feedparse.base import FeedParseError, iso_date, make_entry

JSON_TYPES = ("application/feed+json", "application/json")
MAX_JSON_DEPTH = 64


def looks_like_json(body: bytes, content_type: str) -> bool:
    return content_type.startswith(JSON_TYPES) or body.lstrip()[:1] == b"{"


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


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
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
        entry = make_entry(
            str(item.get("id") or ""),
            link,
            url,  # JSON Feed URLs should be absolute; a relative one is taken as the feed's
            str(item.get("title") or ""),
            summary,
            iso_date(item.get("date_published")) or iso_date(item.get("date_modified")),
            iso_date(item.get("date_modified")),
        )
        if entry is not None:
            entries.append(entry)
    home = str(doc.get("home_page_url") or url)
    return ParsedFeed(title=str(doc.get("title") or ""), link=home, entries=tuple(entries), format="json1")
