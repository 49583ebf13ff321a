"""Page text for the extractor: a guarded fetch, then extraction in the worker pool."""

from __future__ import annotations

from datetime import datetime
from email.message import Message

from claimwatch.common.http.fetcher import HTML_ACCEPT, GuardedFetcher

from .pool import ExtractionPool


class PageReader:
    """`read(url)` → (text, title, published). Raises FetchError or ExtractionError."""

    def __init__(self, fetcher: GuardedFetcher, pool: ExtractionPool) -> None:
        self._fetcher = fetcher
        self._pool = pool

    async def read(self, url: str) -> tuple[str, str, datetime | None]:
        result = await self._fetcher.fetch(url, accept=HTML_ACCEPT)
        page = await self._pool.extract(result.body, result.url, charset=_charset(result.headers))
        return page.text, page.title, page.date


def _charset(headers: object) -> str | None:
    content_type = getattr(headers, "get", lambda _k, _d=None: None)("content-type")
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset if isinstance(charset, str) else None
