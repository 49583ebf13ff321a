import pytest

from claimwatch.common.core.feeds.urls import InvalidURL, canonicalize_url, url_hash


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("HTTP://Example.COM/News", "http://example.com/News"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?fbclid=x&gclid=y&mc_cid=z&mc_eid=w", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/%7Euser/a%20b", "https://example.com/~user/a%20b"),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        ("https://example.com./a", "https://example.com/a"),
        ("  https://example.com/a\n", "https://example.com/a"),
        ("https://[2001:DB8::1]:443/a", "https://[2001:db8::1]/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        ("https://example.com:80/a", "https://example.com:80/a"),
        ("http://example.com:0080/a", "http://example.com/a"),
        ("http://127.0.0.3:41234/a/1/2", "http://127.0.0.3:41234/a/1/2"),
        ("https://example.com/plain/path-1.html", "https://example.com/plain/path-1.html"),
    ],
)
def test_canonical_form_ignores_what_does_not_identify_the_page(raw: str, canonical: str) -> None:
    assert canonicalize_url(raw) == canonical


def test_relative_links_are_resolved_against_the_base() -> None:
    base = "https://example.com/feeds/world.xml"
    assert canonicalize_url("/2024/story", base) == "https://example.com/2024/story"
    assert canonicalize_url("story?utm_campaign=x", base) == "https://example.com/feeds/story"
    assert canonicalize_url("//cdn.example.org/x", base) == "https://cdn.example.org/x"


def test_the_same_article_in_two_spellings_has_one_hash() -> None:
    a = canonicalize_url("https://Example.com:443/a?utm_source=one#top")
    b = canonicalize_url("https://example.com/a?utm_source=two")
    assert url_hash(a) == url_hash(b)
    assert len(url_hash(a)) == 64


def test_different_queries_are_different_articles() -> None:
    assert canonicalize_url("https://e.com/a?id=1") != canonicalize_url("https://e.com/a?id=2")


@pytest.mark.parametrize(
    "raw",
    ["mailto:x@example.com", "javascript:alert(1)", "ftp://example.com/a", "/relative/only", "", "http://"],
)
def test_non_http_urls_are_refused(raw: str) -> None:
    with pytest.raises(InvalidURL):
        canonicalize_url(raw)


def test_a_bad_port_is_refused_not_crashed() -> None:
    with pytest.raises(InvalidURL):
        canonicalize_url("http://example.com:notaport/a")
