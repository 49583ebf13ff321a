from datetime import UTC, datetime

import pytest

from claimwatch.common.core.feeds.opml import OPMLError, OPMLFeed, export_opml, parse_opml

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="Defence">
    <outline type="rss" text="Army Recognition" xmlUrl="https://armyrecognition.com/feed" htmlUrl="https://armyrecognition.com/"/>
    <outline text="Nested"><outline type="rss" title="Deep" xmlUrl="https://deep.example/rss"/></outline>
  </outline>
  <outline type="rss" text="Top" xmlUrl="https://top.example/atom.xml"/>
  <outline type="rss" text="Dup" xmlUrl="https://top.example/atom.xml"/>
  <outline type="rss" text="Bad" xmlUrl="file:///etc/passwd"/>
</body></opml>"""


def test_import_finds_feeds_at_any_depth_with_their_category() -> None:
    feeds = parse_opml(OPML)
    assert [(f.url, f.category) for f in feeds] == [
        ("https://armyrecognition.com/feed", "Defence"),
        ("https://deep.example/rss", "Defence/Nested"),
        ("https://top.example/atom.xml", ""),
    ]
    assert feeds[0].title == "Army Recognition" and feeds[0].html_url == "https://armyrecognition.com/"


def test_export_then_import_gives_the_same_feeds() -> None:
    feeds = [
        OPMLFeed(url="https://a.example/rss", title="A & B", category="News"),
        OPMLFeed(url="https://b.example/atom", title=""),
    ]
    text = export_opml(feeds, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert 'version="2.0"' in text and "dateCreated" in text
    back = parse_opml(text.encode())
    assert [(f.url, f.title, f.category) for f in back] == [
        ("https://a.example/rss", "A & B", "News"),
        ("https://b.example/atom", "https://b.example/atom", ""),
    ]


def test_entity_expansion_is_refused() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
    <opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example/"/></body></opml>"""
    with pytest.raises(OPMLError, match="refused"):
        parse_opml(bomb)


@pytest.mark.parametrize(
    "doc", [b"<html><body/></html>", b"<opml version='2.0'><head/></opml>", b"not xml <"]
)
def test_documents_that_are_not_opml_are_refused_clearly(doc: bytes) -> None:
    with pytest.raises(OPMLError):
        parse_opml(doc)
