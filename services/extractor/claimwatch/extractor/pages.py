"""Page text and metadata from HTML, with trafilatura; local article files.

`extract_page` is synchronous and CPU-bound: the extractor service runs it in a
worker process (`claimwatch.extractor.pool.ExtractionPool`) so a pathological
page cannot stall the consumer. It returns only plain, picklable data.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import trafilatura
from trafilatura.settings import set_date_params

ErrorKind = Literal["timeout", "empty", "too_large", "crashed", "decode"]

# Full timestamps when the page has them; a bare date otherwise.
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_SNIFF_BYTES = 4096
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)""", re.IGNORECASE)
# Single-byte charsets that sites often declare over what is really UTF-8.
_LEGACY = {"iso8859-1", "iso8859-15", "cp1252", "ascii"}
_HTML_HINT = re.compile(r"<\s*(html|body|p|div|article|head)\b", re.IGNORECASE)
_HEADER_KEYS = ("url", "outlet", "published", "title")
_HEADER_END = "---"


class ExtractionError(Exception):
    """A page gave no usable text. `kind` says why, for metrics and dead letters.

    timeout: over the time limit; too_large: over the size or memory cap;
    empty: no article text found; decode: not text at all; crashed: the
    extractor raised or its worker process died.
    """

    def __init__(self, kind: ErrorKind, message: str) -> None:
        super().__init__(kind, message)  # both in args, so it survives pickling
        self.kind: ErrorKind = kind
        self.message = message

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@dataclass(frozen=True)
class PageContent:
    """What the extractor keeps of one page."""

    text: str
    title: str = ""
    author: str = ""
    date: datetime | None = None
    sitename: str = ""
    url: str = ""
    language: str = ""


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Bytes to text: BOM, then `charset` (HTTP header), then <meta>, then UTF-8.

    A declared single-byte charset over bytes that are valid UTF-8 is taken
    to be wrong (a common misconfiguration), and UTF-8 wins.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    declared = charset or _meta_charset(data[:_SNIFF_BYTES])
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = ""
        # A <meta> read as ASCII cannot truly say UTF-16 (WHATWG treats it as UTF-8).
        if (not charset and name.startswith(("utf-16", "utf-32"))) or (name in _LEGACY and _is_utf8(data)):
            name = ""
        if name:
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                pass
    text = data.decode("utf-8", errors="replace")
    if _looks_binary(text):
        raise ExtractionError("decode", "the page is not text (binary content or unknown encoding)")
    return text


def extract_page(html: bytes | str, url: str, charset: str | None = None) -> PageContent:
    """Main text and metadata of one HTML page; ExtractionError when there is none."""
    text = decode_html(html, charset) if isinstance(html, bytes) else html
    if _looks_binary(text):
        raise ExtractionError("decode", "the page is not text (binary content)")
    try:
        doc = trafilatura.bare_extraction(
            text,
            url=url or None,
            with_metadata=True,
            favor_precision=False,
            include_comments=False,
            date_extraction_params={**set_date_params(True), "outputformat": _DATE_FORMAT},
        )
    except MemoryError:
        raise ExtractionError("too_large", "the page needs more memory than allowed") from None
    except RecursionError:
        raise ExtractionError("empty", "the page is nested too deeply to read") from None
    except Exception as exc:  # trafilatura and lxml raise many types; all mean "no text"
        raise ExtractionError("crashed", f"extraction failed: {type(exc).__name__}: {exc}") from exc
    meta = _as_dict(doc)
    body = (meta.get("text") or "").strip()
    if not body:
        # lxml stops silently at 255 nested elements, so a deep page lands here too.
        raise ExtractionError("empty", "no article text found in the page")
    return PageContent(
        text=body,
        title=_clean(meta.get("title")),
        author=_clean(meta.get("author")),
        date=parse_date(meta.get("date")),
        sitename=_clean(meta.get("sitename")),
        url=_clean(meta.get("url")) or url,
        language=_clean(meta.get("language")) or _html_lang(text),
    )


def read_article_file(path: Path) -> tuple[dict[str, str], str]:
    """A local article: optional `key: value` header ended by `---`, then the body.

    Returns (header, text). A plain-text body is the text as is; an HTML body
    goes through `extract_page`, and its title fills the header when missing.
    """
    raw = path.read_bytes()
    content = decode_html(raw)
    header, body = split_header(content)
    if not _HTML_HINT.search(body[:_SNIFF_BYTES]):
        return header, body.strip()
    page = extract_page(body, header.get("url", ""))
    if page.title and "title" not in header:
        header["title"] = page.title
    if page.date and "published" not in header:
        header["published"] = page.date.isoformat()
    return header, page.text


def split_header(content: str) -> tuple[dict[str, str], str]:
    """Split the optional header off; a file without one is all body."""
    lines = content.lstrip("\ufeff").splitlines(keepends=True)
    header: dict[str, str] = {}
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped == _HEADER_END:
            return header, "".join(lines[index + 1 :])
        key, sep, value = stripped.partition(":")
        if not sep or key.strip().lower() not in _HEADER_KEYS:
            break
        header[key.strip().lower()] = value.strip()
    return {}, content


def parse_date(value: object) -> datetime | None:
    """trafilatura's date string as an aware datetime (UTC when the page gave no zone)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _as_dict(doc: object) -> dict[str, Any]:
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    as_dict = getattr(doc, "as_dict", None)
    return dict(as_dict()) if callable(as_dict) else {}


def _clean(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _meta_charset(head: bytes) -> str:
    found = _META_CHARSET.search(head)
    return found.group(1).decode("ascii", errors="ignore") if found else ""


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return False
    bad = sample.count("\x00") + sample.count("\ufffd")
    return bad > len(sample) // 10


def _html_lang(text: str) -> str:
    found = _HTML_LANG.search(text[:_SNIFF_BYTES])
    return found.group(1).lower() if found else ""
