import json
import time
import tracemalloc
from datetime import UTC, datetime

import pytest
from defusedxml import DefusedXmlException

from claimwatch.common.feedparse import FeedParseError, parse_feed
from claimwatch.common.feedparse.fast import parse_fast
from claimwatch.common.feedparse.slow import parse_with_feedparser

URL = "https://news.example/feeds/world.xml"

RSS2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World</title><link>https://news.example/</link>
<item><title>Buk-M2E delivered</title><link>/2026/buk?utm_source=rss#top</link>
  <guid isPermaLink="false">tag:news.example,2026:1</guid>
  <pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate><description>Summary one</description></item>
<item><title>No link</title><description>dropped: nothing to fetch</description></item>
<item><title>Second</title><link>https://news.example/2026/second</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/">
<title>Atom blog</title><id>urn:x</id><updated>2026-03-01T10:00:00Z</updated>
<entry><title>Post</title><id>urn:post:1</id><link href="posts/1"/>
<updated>2026-03-01T09:00:00+01:00</updated><summary>S</summary></entry></feed>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link></channel>
<item rdf:about="https://rdf.example/a"><title>A</title><link>https://rdf.example/a</link></item>
</rdf:RDF>"""

RSS091 = b"""<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
"http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><link>https://old.example/</link>
<item><title>x</title><link>https://old.example/x</link></item></channel></rss>"""


def test_rss2_entries_have_identity_and_canonical_urls() -> None:
    feed = parse_feed(RSS2, URL, {"Content-Type": "application/rss+xml"})
    assert feed.title == "World" and feed.format == "rss20"
    assert [e.title for e in feed.entries] == ["Buk-M2E delivered", "Second"]
    first = feed.entries[0]
    assert first.id == "tag:news.example,2026:1"
    assert first.canonical_url == "https://news.example/2026/buk"
    assert first.url.startswith("https://news.example/2026/buk")
    assert first.published is not None and first.published.isoformat() == "2026-03-01T10:00:00+00:00"
    assert first.summary == "Summary one"
    assert feed.entries[1].id == "https://news.example/2026/second"  # no guid: the link


def test_atom_relative_links_resolve_against_xml_base() -> None:
    feed = parse_feed(ATOM, "https://atom.example/feed", {})
    assert feed.entries[0].canonical_url == "https://atom.example/blog/posts/1"
    assert feed.entries[0].published is not None and feed.entries[0].published.hour == 8


def test_rss1_and_rss091_with_an_external_dtd_parse() -> None:
    assert parse_feed(RSS1, "https://rdf.example/rss", {}).entries[0].url == "https://rdf.example/a"
    assert parse_feed(RSS091, "https://old.example/rss", {}).entries[0].url == "https://old.example/x"


def test_json_feed() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "J",
        "home_page_url": "https://j.example/",
        "items": [
            {
                "id": "1",
                "url": "https://j.example/1?fbclid=z",
                "title": "One",
                "date_published": "2026-03-01T10:00:00Z",
            },
            {"id": "2", "url": "/two", "content_text": "text"},
            {"id": "3"},
            "not an item",
        ],
    }
    feed = parse_feed(
        json.dumps(doc).encode(), "https://j.example/feed.json", {"content-type": "application/feed+json"}
    )
    assert feed.format == "json1"
    assert [e.canonical_url for e in feed.entries] == ["https://j.example/1", "https://j.example/two"]
    assert feed.entries[1].summary == "text"


def test_wrong_charset_declaration_still_yields_entries() -> None:
    body = RSS2.replace(b"UTF-8", b"ISO-8859-1").replace(b"Second", "Zweite Meldung \u00fcber".encode())
    feed = parse_feed(body, URL, {"Content-Type": "text/xml; charset=windows-1251"})
    assert len(feed.entries) == 2


def test_undeclared_latin1_bytes_in_utf8_feed_survive() -> None:
    body = RSS2.replace(b"Second", b"Caf\xe9 \xe0 la une")
    assert len(parse_feed(body, URL, {}).entries) == 2


@pytest.mark.parametrize(
    "body",
    [
        b"<rss version='2.0'><channel><item><link>https://m.example/a</link></item><item><title>truncat",
        b"<rss version='2.0'><channel><item><link>https://m.example/a</link><pubDate>yesterday</pubDate></item></channel></rss>",
        b"<rss version='2.0'><channel><item><link>https://m.example/a</link></item></channel></rss>\x00\x00garbage",
        b"<?xml version='1.0'?><rss version='2.0'><channel><item><link>https://m.example/a&amp;b=&#0;</link></item></channel></rss>",
    ],
)
def test_malformed_feeds_still_give_their_entries(body: bytes) -> None:
    feed = parse_feed(body, URL, {})
    assert feed.entries and feed.entries[0].url.startswith("https://m.example/a")


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<html><body><p>Not a feed</p></body></html>", "not_a_feed"),
        (b'{"hello": 1}', "not_a_feed"),
        (b"{not json", "malformed"),
        (b'{"version": ' + b"[" * 100_000, "too_deep"),
    ],
)
def test_documents_that_are_not_feeds_raise_feed_parse_error(body: bytes, kind: str) -> None:
    with pytest.raises(FeedParseError) as err:
        parse_feed(body, URL, {})
    assert err.value.kind == kind


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]><rss version="2.0"><channel><title>&lol9;</title>
<item><link>https://x.example/a</link><description>&lol9;</description></item></channel></rss>"""


def _quadratic_blowup() -> bytes:
    big = "A" * 50_000
    refs = "&a;" * 5_000
    return (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "{big}">]>'
        f'<rss version="2.0"><channel><title>{refs}</title><item><link>https://x.example/a</link>'
        f"<description>{refs}</description></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    "body", [BILLION_LAUGHS, _quadratic_blowup()], ids=["billion-laughs", "quadratic-blowup"]
)
def test_entity_expansion_is_refused_fast_with_bounded_memory(body: bytes) -> None:
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(FeedParseError) as err:
            parse_feed(body, URL, {})
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.value.kind == "entities_refused"
    assert elapsed < 1.0
    assert peak < 20 * len(body) + 5_000_000


def test_entities_hidden_from_the_byte_scan_are_never_expanded() -> None:
    # UTF-16 hides "<!ENTITY" from the byte scan; the parsers behind it still never expand them.
    body = BILLION_LAUGHS.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="utf-16"?>')
    try:
        feed = parse_feed(body.decode().encode("utf-16"), URL, {})
    except FeedParseError as err:
        assert err.kind in ("entities_refused", "not_a_feed", "malformed")
    else:
        assert all(len(e.summary) < 100 for e in feed.entries)
        assert len(feed.title) < 100


def test_the_sax_reader_refuses_entity_declarations() -> None:
    import xml.sax

    from claimwatch.common import feedparse

    parser = feedparse.create_parser()
    parser.setContentHandler(xml.sax.ContentHandler())
    with pytest.raises(DefusedXmlException):
        parser.feed(BILLION_LAUGHS)


def test_deeply_nested_feed_is_handled_without_crashing() -> None:
    depth = 300
    nested = "<div>" * depth + "deep" + "</div>" * depth
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>deep</title><item>'
        f"<link>https://deep.example/a</link><description><![CDATA[{nested}]]></description></item>"
        f"<item><link>https://deep.example/b</link>{'<x>' * depth}{'</x>' * depth}</item>"
        "</channel></rss>"
    ).encode()
    feed = parse_feed(body, URL, {})
    assert [e.url for e in feed.entries] == ["https://deep.example/a", "https://deep.example/b"]


FARM_LIKE = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Farm</title><link>http://f.example/</link>
<atom:link href="http://f.example/f/1.xml" rel="self" type="application/rss+xml"/>
<item><title>One &amp; two</title><link>http://f.example/a/1/2</link><guid isPermaLink="true">http://f.example/a/1/2</guid>
<pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;Text&lt;/p&gt;</description></item>
<item><title>Guid only</title><guid>https://f.example/a/9</guid>
<pubDate>Sun, 01 Mar 2026 09:00:00 +0100</pubDate></item>
<item><title>Relative</title><link>/a/rel?utm_medium=x</link></item>
</channel></rss>"""


@pytest.mark.parametrize("body", [FARM_LIKE, RSS2, ATOM], ids=["farm", "rss2", "atom"])
def test_fast_path_reads_plain_feeds_as_feedparser_does(body: bytes) -> None:
    url = "https://f.example/feeds/x.xml"
    fast = parse_fast(body, url)
    slow = parse_with_feedparser(body, url, {})
    assert fast is not None
    assert fast.title == slow.title
    assert [(e.canonical_url, e.title, e.published) for e in fast.entries] == [
        (e.canonical_url, e.title, e.published) for e in slow.entries
    ]
    assert [e.summary for e in fast.entries] == [e.summary for e in slow.entries]


@pytest.mark.parametrize(
    "body",
    [
        RSS1,
        RSS091,
        b"<rss version='2.0'><channel><item><link>https://m.example/a</link><pubDate>yesterday</pubDate></item></channel></rss>",
        b"<rss version='2.0'><channel><item><link>https://m.example/a&nbsp;</link></item></channel></rss>",
        b"<rss version='2.0'><channel><item><link>https://m.example/a</link></item>",
        b"<rss version='2.0'><channel><item>" + b"<x>" * 300 + b"</x>" * 300 + b"</item></channel></rss>",
    ],
    ids=["rss1", "rss091-doctype", "odd-date", "html-entity", "truncated", "deep"],
)
def test_fast_path_leaves_unusual_documents_to_feedparser(body: bytes) -> None:
    assert parse_fast(body, URL) is None


UPDATED_RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/">
<channel><title>Edits</title>
<item><link>https://u.example/a</link><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>
<atom:updated>2026-03-03T10:00:00Z</atom:updated></item>
<item><link>https://u.example/b</link><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>
<dcterms:modified>2026-03-04T10:00:00+01:00</dcterms:modified></item>
<item><link>https://u.example/c</link><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>
</channel></rss>"""
UPDATED_ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Edits</title>
<entry><id>1</id><link href="https://u.example/a"/><published>2026-03-02T10:00:00Z</published>
<updated>2026-03-03T10:00:00Z</updated></entry>
<entry><id>2</id><link href="https://u.example/b"/><updated>2026-03-04T09:00:00Z</updated></entry>
</feed>"""
UPDATED_EXPECTED = [
    datetime(2026, 3, 3, 10, tzinfo=UTC),
    datetime(2026, 3, 4, 9, tzinfo=UTC),
]


@pytest.mark.parametrize("body", [UPDATED_RSS, UPDATED_ATOM], ids=["rss-atom-dcterms", "atom"])
def test_entries_carry_their_updated_time_on_both_parse_paths(body: bytes) -> None:
    fast = parse_fast(body, URL)
    slow = parse_with_feedparser(body, URL, {})
    assert fast is not None
    for parsed in (fast, slow):
        assert [e.updated for e in parsed.entries][:2] == UPDATED_EXPECTED
    assert [e.published for e in fast.entries] == [e.published for e in slow.entries]
    if len(fast.entries) > 2:
        assert fast.entries[2].updated is None and slow.entries[2].updated is None


def test_json_feed_entries_carry_date_modified() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {"id": "1", "url": "https://u.example/a", "date_modified": "2026-03-03T10:00:00Z"},
            {"id": "2", "url": "https://u.example/b"},
        ],
    }
    parsed = parse_feed(json.dumps(doc).encode(), URL)
    assert [e.updated for e in parsed.entries] == [datetime(2026, 3, 3, 10, tzinfo=UTC), None]
