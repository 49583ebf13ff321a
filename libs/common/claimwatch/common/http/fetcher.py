"""GuardedFetcher: the one way claimwatch reads the web (feeds and article pages).

Every fetch has a total deadline (httpx's timeouts are per operation, so a
server dripping one byte a second would never trip them), a connect and read
timeout, a body cap counted on the decoded bytes, at most N redirects each
re-checked, the SSRF guard on the connected address, and per-host and global
concurrency limits. Failures raise FetchError with a stable kind.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin

import httpx

from claimwatch.common.http.decode import ACCEPT_ENCODING, BoundedDecoder
from claimwatch.common.http.errors import FetchError
from claimwatch.common.http.guard import AddressGuard
from claimwatch.common.http.limits import HostLimiter
from claimwatch.common.http.pools import ShardedTransport
from claimwatch.common.settings import Settings

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
# Never a feed nor an article page: refused before the body is read.
BINARY_TYPES = (
    "image/",
    "audio/",
    "video/",
    "font/",
    "application/pdf",
    "application/zip",
    "application/gzip",
)
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class FetchResult:
    status: int  # 200..299 or 304
    url: str  # final URL after redirects
    headers: Mapping[str, str] = field(repr=False)
    body: bytes = field(repr=False, default=b"")  # decoded; empty on 304
    etag: str | None = None
    last_modified: str | None = None
    elapsed: float = 0.0  # seconds, whole request including redirects

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class GuardedFetcher:
    """Shared async HTTP GET with guards. Create once per process; close with `aclose()`.

    Safe for many concurrent `fetch` calls on one event loop.
    """

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._settings = settings
        self.guard = AddressGuard(settings.allow_networks)
        # Requests go straight to the transport: httpx's client would merge URLs, headers and
        # cookies on every request only for us to turn all of that off (no cookies are kept,
        # redirects are followed here, hop by hop, through the guard).
        self._transport = transport or ShardedTransport(
            self.guard,
            per_origin=settings.poll_per_host_concurrency,
            max_shards=2 * settings.poll_concurrency,
        )
        self._timeouts = {
            "connect": settings.fetch_connect_timeout_s,
            "read": settings.fetch_read_timeout_s,
            "write": settings.fetch_read_timeout_s,
            "pool": settings.fetch_timeout_s,
        }
        self._headers = {"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING}
        self._global = asyncio.Semaphore(settings.poll_concurrency)
        self._hosts = HostLimiter(settings.poll_per_host_concurrency, settings.poll_per_host_delay_s)

    async def __aenter__(self) -> GuardedFetcher:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._transport.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
        refuse_types: tuple[str, ...] = BINARY_TYPES,
    ) -> FetchResult:
        """GET `url`. Returns 2xx and 304 responses; raises FetchError for everything else."""
        host = self.guard.check_url(url)
        headers = {**self._headers, "Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        # Host slot first: feeds queued behind one slow host must not hold global slots.
        async with self._hosts.slot(host), self._global:
            started = time.monotonic()
            try:
                async with asyncio.timeout(self._settings.fetch_timeout_s):
                    return await self._follow(url, headers, refuse_types, started)
            except TimeoutError as exc:
                raise FetchError(
                    "timeout", f"no complete response within {self._settings.fetch_timeout_s}s", url=url
                ) from exc
            except httpx.TimeoutException as exc:
                raise FetchError("timeout", f"{type(exc).__name__} talking to {host}", url=url) from exc
            except httpx.ConnectError as exc:
                raise FetchError("connect", f"cannot connect to {host}: {exc}", url=url) from exc
            except httpx.HTTPError as exc:
                raise FetchError("network", f"{type(exc).__name__}: {exc}", url=url) from exc

    async def _follow(
        self, url: str, headers: dict[str, str], refuse_types: tuple[str, ...], started: float
    ) -> FetchResult:
        for _hop in range(self._settings.fetch_max_redirects + 1):
            request = httpx.Request("GET", url, headers=headers, extensions={"timeout": self._timeouts})
            response = await self._transport.handle_async_request(request)
            try:
                location = response.headers.get("location")
                if response.status_code in REDIRECTS and location:
                    url = urljoin(url, location.strip())
                    self.guard.check_url(url)  # the connect-time check runs again on the new host
                    continue
                return await self._finish(url, response, refuse_types, started)
            finally:
                await response.aclose()
        raise FetchError(
            "too_many_redirects", f"more than {self._settings.fetch_max_redirects} redirects", url=url
        )

    async def _finish(
        self, url: str, response: httpx.Response, refuse_types: tuple[str, ...], started: float
    ) -> FetchResult:
        status = response.status_code
        headers = dict(response.headers.items())  # one pass; keys lower-cased, repeats joined
        if status != 304 and not 200 <= status < 300:
            raise FetchError("http_status", f"HTTP {status}", url=url, status=status, headers=headers)
        ctype = headers.get("content-type", "").lower()
        if ctype.startswith(refuse_types):
            raise FetchError("content_type", f"refused Content-Type {ctype!r}", url=url, status=status)
        # A 304 has no body, but reading its (empty) end lets the connection be reused.
        body = await self._read_body(url, response, headers)
        return FetchResult(
            status=status,
            url=url,
            headers=headers,
            body=body,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            elapsed=time.monotonic() - started,
        )

    async def _read_body(self, url: str, response: httpx.Response, headers: Mapping[str, str]) -> bytes:
        cap = self._settings.fetch_max_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError("too_large", f"Content-Length {declared} exceeds {cap} bytes", url=url)
        decoder = BoundedDecoder(headers.get("content-encoding", ""), cap, url)
        chunks: list[bytes] = []
        raw_total = 0
        async for raw in response.aiter_raw():
            raw_total += len(raw)
            if raw_total > cap:
                raise FetchError("too_large", f"body larger than {cap} bytes", url=url)
            chunks.extend(decoder.feed(raw))
        chunks.extend(decoder.flush())
        return b"".join(chunks)
