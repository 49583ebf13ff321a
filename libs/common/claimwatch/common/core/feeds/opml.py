"""OPML in and out: the feed list every feed reader can import and export.

Parsing refuses DTDs and entities (defusedxml), so a hostile OPML file cannot
expand into gigabytes; export writes OPML 2.0.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # only to build and serialise, never to parse
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from claimwatch.common.core.feeds.urls import InvalidURL, canonicalize_url

MAX_OPML_BYTES = 10 * 1024 * 1024


class OPMLError(ValueError):
    """The document is not OPML claimwatch can read; the message says why."""


@dataclass(frozen=True)
class OPMLFeed:
    url: str
    title: str = ""
    html_url: str = ""
    category: str = ""  # the enclosing outline's title, "/"-joined when nested


def _walk(node: Any, path: tuple[str, ...], out: list[OPMLFeed], seen: set[str]) -> None:
    for outline in node.findall("outline"):
        title = outline.get("title") or outline.get("text") or ""
        xml_url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if xml_url:
            try:
                canonicalize_url(xml_url)
            except InvalidURL:
                continue  # a non-http(s) entry cannot be polled; skip it, keep the rest
            if xml_url not in seen:
                seen.add(xml_url)
                out.append(
                    OPMLFeed(
                        url=xml_url,
                        title=title,
                        html_url=(outline.get("htmlUrl") or "").strip(),
                        category="/".join(path),
                    )
                )
        else:
            _walk(outline, (*path, title) if title else path, out, seen)


def parse_opml(data: bytes) -> list[OPMLFeed]:
    """Every feed outline (any depth) with an http(s) xmlUrl, in document order, deduplicated."""
    if len(data) > MAX_OPML_BYTES:
        raise OPMLError(f"OPML file larger than {MAX_OPML_BYTES} bytes")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise OPMLError(f"OPML refused: {type(exc).__name__} (DTDs and entities are not allowed)") from exc
    except ET.ParseError as exc:
        raise OPMLError(f"not well-formed XML: {exc}") from exc
    if root.tag != "opml":
        raise OPMLError(f"not OPML: root element is <{root.tag}>")
    body = root.find("body")
    if body is None:
        raise OPMLError("not OPML: no <body>")
    out: list[OPMLFeed] = []
    _walk(body, (), out, set())
    return out


def export_opml(
    feeds: Iterable[OPMLFeed], *, title: str = "claimwatch feeds", now: datetime | None = None
) -> str:
    """An OPML 2.0 document listing `feeds`, grouped by category."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    if now is not None:
        ET.SubElement(head, "dateCreated").text = format_datetime(now, usegmt=True)
    body = ET.SubElement(root, "body")
    groups: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.category:
            parent = groups.get(feed.category) or ET.SubElement(
                body, "outline", text=feed.category, title=feed.category
            )
            groups[feed.category] = parent
        attrs = {"type": "rss", "text": feed.title or feed.url, "title": feed.title or feed.url}
        attrs["xmlUrl"] = feed.url
        if feed.html_url:
            attrs["htmlUrl"] = feed.html_url
        ET.SubElement(parent, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
