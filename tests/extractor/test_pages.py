"""Page text extraction and article files."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimwatch.extractor.pages import (
    ExtractionError,
    decode_html,
    extract_page,
    parse_date,
    read_article_file,
    split_header,
)

DATA = Path(__file__).parent / "data"
PARAGRAPH = (
    "Zhuravlev told Gazeta that Pantsir-S1 and Buk-M2E systems reached Venezuela on Il-76 planes. " * 4
)


def news_page() -> bytes:
    return (DATA / "news_page.html").read_bytes()


def page_with(body: str, head: str = '<meta charset="utf-8">') -> str:
    return f"<html><head>{head}<title>T</title></head><body><article><p>{body}</p></article></body></html>"


def test_news_page_gives_article_text_title_author_and_date() -> None:
    page = extract_page(news_page(), "https://news.example.com/x")

    assert "Pantsir-S1 and the Buk-M2E systems had been transported" in page.text
    assert "Most read" not in page.text and "All rights reserved" not in page.text
    assert page.title == "Russian lawmaker says Pantsir and Buk systems were sent to Venezuela"
    assert page.author == "Maria Ortega"
    assert page.date == datetime(2025, 11, 2, 9, 30, tzinfo=UTC)
    assert page.sitename == "Example Defence News"
    assert page.language == "en"


def test_page_content_survives_pickling_for_worker_processes() -> None:
    page = extract_page(news_page(), "https://news.example.com/x")

    assert pickle.loads(pickle.dumps(page)) == page


def test_page_without_article_text_is_an_empty_extraction() -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_page("<html><head><title>Nothing</title></head><body></body></html>", "https://e.x/")

    assert caught.value.kind == "empty"


def test_text_under_300_nested_elements_is_an_empty_extraction() -> None:
    # lxml gives up silently past 255 levels; that must not pass for success.
    deep = "<html><body>" + "<div>" * 300 + f"<p>{PARAGRAPH}</p>" + "</div>" * 300 + "</body></html>"

    with pytest.raises(ExtractionError) as caught:
        extract_page(deep, "https://e.x/deep")

    assert caught.value.kind == "empty"


def test_binary_content_is_a_decode_error() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40

    with pytest.raises(ExtractionError) as caught:
        extract_page(png, "https://e.x/image")

    assert caught.value.kind == "decode"


def test_extraction_error_survives_pickling_with_kind_and_message() -> None:
    error = pickle.loads(pickle.dumps(ExtractionError("timeout", "took 31 s")))

    assert (error.kind, error.message, str(error)) == ("timeout", "took 31 s", "timeout: took 31 s")


def test_meta_charset_is_respected() -> None:
    html = page_with("Зенитный комплекс Панцирь-С1", head='<meta charset="windows-1251">')

    assert "Панцирь-С1" in decode_html(html.encode("windows-1251"))


def test_http_charset_wins_over_meta_charset() -> None:
    html = page_with("Зенитный комплекс", head='<meta charset="iso-8859-5">')

    assert "Зенитный" in decode_html(html.encode("koi8-r"), charset="koi8-r")


def test_utf8_bytes_declared_as_latin1_are_read_as_utf8() -> None:
    html = page_with("Zhuravlev’s “Pantsir” — Nicolás Maduro", head='<meta charset="iso-8859-1">')

    assert "Zhuravlev’s “Pantsir” — Nicolás" in decode_html(html.encode("utf-8"))


def test_real_latin1_bytes_declared_as_latin1_stay_latin1() -> None:
    html = page_with(
        "Nicolás Maduro, Bogotá",
        head='<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
    )

    assert "Nicolás Maduro, Bogotá" in decode_html(html.encode("latin-1"))


def test_byte_order_mark_wins_over_declarations() -> None:
    html = page_with("Caracas", head='<meta charset="windows-1252">')

    assert "Caracas" in decode_html(html.encode("utf-16"))


def test_unknown_charset_falls_back_to_utf8_with_replacement() -> None:
    html = page_with("Mañana", head='<meta charset="x-no-such-charset">').encode("utf-8") + b"\xff"

    text = decode_html(html)

    assert "Mañana" in text and text.endswith("\ufffd")


def test_dates_without_a_zone_are_taken_as_utc() -> None:
    assert parse_date("2025-11-02T00:00:00") == datetime(2025, 11, 2, tzinfo=UTC)
    assert parse_date("2025-11-02T10:00:00+0200") == datetime(2025, 11, 2, 8, tzinfo=UTC)
    assert parse_date("not a date") is None
    assert parse_date(None) is None


def test_article_file_header_is_read_and_plain_body_is_the_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "url: https://news.example.com/a\noutlet: Example\npublished: 2025-11-02\ntitle: Pantsir\n---\n"
        f"{PARAGRAPH}\n\nSecond paragraph: with a colon.\n"
    )

    header, text = read_article_file(path)

    assert header == {
        "url": "https://news.example.com/a",
        "outlet": "Example",
        "published": "2025-11-02",
        "title": "Pantsir",
    }
    assert text.startswith("Zhuravlev told Gazeta") and text.endswith("Second paragraph: with a colon.")


def test_article_file_without_header_is_all_body(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(f"Title: not a header line\n{PARAGRAPH}\n")

    header, text = read_article_file(path)

    assert header == {}
    assert text.startswith("Title: not a header line")


def test_html_article_file_goes_through_extraction_and_fills_missing_header(tmp_path: Path) -> None:
    path = tmp_path / "c.html"
    path.write_bytes(b"url: https://news.example.com/c\noutlet: Example Defence News\n---\n" + news_page())

    header, text = read_article_file(path)

    assert header["url"] == "https://news.example.com/c"
    assert header["title"] == "Russian lawmaker says Pantsir and Buk systems were sent to Venezuela"
    assert header["published"] == "2025-11-02T09:30:00+00:00"
    assert "Buk-M2E" in text and "<p>" not in text


def test_split_header_stops_at_a_line_that_is_not_a_known_key() -> None:
    content = "url: https://e.x/\nsomething else\n---\nbody"

    assert split_header(content) == ({}, content)
