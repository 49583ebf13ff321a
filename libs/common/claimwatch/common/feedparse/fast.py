"""A fast path for well-formed RSS 2.0 and Atom 1.0, with lxml.

feedparser spends about 2.5 ms on a 20-item feed; most feeds are plain,
well-formed RSS 2.0 or Atom, which lxml reads in a tenth of that. Anything
this path is unsure about (not well-formed, another format, an unreadable
date, deeper than lxml's default limit) returns None and feedparser reads the
document instead, so results never depend on the shortcut. Entities are never
resolved, no DTD is loaded, nothing is fetched.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from claimwatch.common.core.feeds.entries import FeedEntry, ParsedFeed
from claimwatch.common.feedparse.base import iso_date, make_entry

ATOM = "{http://www.w3.org/2005/Atom}"
DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
# Where RSS items say when they were last changed: atom:updated, dcterms:modified (some
# feeds put `modified` in the Dublin Core elements namespace instead).
RSS_UPDATED = (
    ATOM + "updated",
    "{http://purl.org/dc/terms/}modified",
    "{http://purl.org/dc/elements/1.1/}modified",
)
_LINK_RELS = (None, "alternate")


class _Unsure(Exception):
    """This document is better left to feedparser."""


def _parser() -> Any:
    # A parser per call: lxml parsers are not safe to share between threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _text(el: Any) -> str:
    return "".join(el.itertext()).strip() if el is not None else ""


def _rfc822(value: str) -> datetime | None:
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError) as exc:
        raise _Unsure from exc  # feedparser knows many more date dialects
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _iso_or_unsure(value: str) -> datetime | None:
    if not value:
        return None
    when = iso_date(value)
    if when is None:
        raise _Unsure
    return when


def _rss(channel: Any, url: str) -> ParsedFeed:
    entries: list[FeedEntry] = []
    for item in channel.iterfind("item"):
        link = _text(item.find("link"))
        guid_el = item.find("guid")
        guid = _text(guid_el)
        if not link and guid_el is not None and guid_el.get("isPermaLink", "true").lower() == "true":
            link = guid
        date_text = _text(item.find("pubDate"))
        updated_text = next((t for t in (_text(item.find(tag)) for tag in RSS_UPDATED) if t), "")
        updated = _iso_or_unsure(updated_text)
        published = _rfc822(date_text) if date_text else _iso_or_unsure(_text(item.find(DC_DATE)))
        published = published or updated  # as feedparser reads it
        entry = make_entry(
            guid,
            link,
            item.base or url,
            _text(item.find("title")),
            _text(item.find("description")),
            published,
            updated,
        )
        if entry is not None:
            entries.append(entry)
    return ParsedFeed(
        title=_text(channel.find("title")),
        link=_text(channel.find("link")),
        entries=tuple(entries),
        format="rss20",
    )


def _atom_link(entry: Any) -> tuple[str, str]:
    for link in entry.iterfind(ATOM + "link"):
        if link.get("rel") in _LINK_RELS and link.get("href"):
            return link.get("href").strip(), link.base or ""
    return "", ""


def _atom(root: Any, url: str) -> ParsedFeed:
    entries: list[FeedEntry] = []
    for item in root.iterfind(ATOM + "entry"):
        href, base = _atom_link(item)
        updated = _iso_or_unsure(_text(item.find(ATOM + "updated")))
        published = _iso_or_unsure(_text(item.find(ATOM + "published"))) or updated
        summary = _text(item.find(ATOM + "summary")) or _text(item.find(ATOM + "content"))
        entry = make_entry(
            _text(item.find(ATOM + "id")),
            href,
            base or url,
            _text(item.find(ATOM + "title")),
            summary,
            published,
            updated,
        )
        if entry is not None:
            entries.append(entry)
    feed_link, _ = _atom_link(root)
    return ParsedFeed(
        title=_text(root.find(ATOM + "title")), link=feed_link, entries=tuple(entries), format="atom10"
    )


def parse_fast(body: bytes, url: str) -> ParsedFeed | None:
    """The feed, or None when feedparser should read it instead."""
    if b"<!DOCTYPE" in body or b"<!doctype" in body:
        return None
    try:
        root = etree.fromstring(body, _parser(), base_url=url)
        if root.tag == "rss" and root.get("version", "").startswith("2.0"):
            channel = root.find("channel")
            return _rss(channel, url) if channel is not None else None
        if root.tag == ATOM + "feed":
            return _atom(root, url)
    except (etree.XMLSyntaxError, ValueError, _Unsure):
        return None
    return None
