"""GuardedFetcher against real local HTTP servers: every guard, every status."""

import asyncio
import gzip
import socket
import time
import zlib
from collections.abc import Iterator

import pytest

from claimwatch.common.http import FetchError, FetchResult, GuardedFetcher
from claimwatch.common.settings import Settings
from tests.fixtures.http import LocalHTTPServer, Reply, make_settings

pytestmark = pytest.mark.real


async def _fetch(settings: Settings, url: str) -> FetchResult:
    async with GuardedFetcher(settings) as fetcher:
        return await fetcher.fetch(url)


async def _error(settings: Settings, url: str) -> FetchError:
    with pytest.raises(FetchError) as err:
        await _fetch(settings, url)
    return err.value


async def test_200_returns_body_validators_and_final_url(
    http_server: LocalHTTPServer, http_settings: Settings
) -> None:
    url = http_server.route(
        "/feed", b"<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Sun, 01 Mar 2026 10:00:00 GMT"}
    )
    async with GuardedFetcher(http_settings) as fetcher:
        result = await fetcher.fetch(url)
    assert (result.status, result.body, result.url) == (200, b"<rss/>", url)
    assert result.etag == '"v1"' and result.last_modified == "Sun, 01 Mar 2026 10:00:00 GMT"
    assert not result.not_modified
    seen = http_server.hits("/feed")[0].headers
    assert "claimwatch" in seen["user-agent"] and "gzip" in seen["accept-encoding"]


async def test_conditional_get_sends_validators_and_reports_304(
    http_server: LocalHTTPServer, http_settings: Settings
) -> None:
    def reply(req: object) -> Reply:
        if getattr(req, "headers", {}).get("if-none-match") == '"v1"':
            return Reply(status=304, headers={"ETag": '"v1"'})
        return Reply(body=b"<rss/>", headers={"ETag": '"v1"'})

    url = http_server.handle("/feed", reply)
    async with GuardedFetcher(http_settings) as fetcher:
        first = await fetcher.fetch(url)
        second = await fetcher.fetch(url, etag=first.etag, last_modified="Sun, 01 Mar 2026 10:00:00 GMT")
    assert second.not_modified and second.body == b""
    assert http_server.hits("/feed")[1].headers["if-modified-since"] == "Sun, 01 Mar 2026 10:00:00 GMT"


@pytest.mark.parametrize("status", [404, 410, 429, 500, 503])
async def test_error_statuses_raise_with_status_and_headers(
    http_server: LocalHTTPServer, http_settings: Settings, status: int
) -> None:
    url = http_server.route("/x", b"nope", status=status, headers={"Retry-After": "120"})
    err = await _error(http_settings, url)
    assert err.kind == "http_status" and err.status == status
    assert err.headers["retry-after"] == "120"


async def test_gzip_bodies_are_decoded(http_server: LocalHTTPServer, http_settings: Settings) -> None:
    url = http_server.route("/g", b"<rss>" + b"x" * 100_000 + b"</rss>", gzip=True)
    result = await _fetch(http_settings, url)
    assert len(result.body) == 100_011


async def test_redirects_are_followed_and_reported(
    http_server: LocalHTTPServer, http_settings: Settings
) -> None:
    http_server.route("/final", b"ok")
    http_server.redirect("/hop2", "/final", 301)
    url = http_server.redirect("/hop1", "/hop2", 307)
    result = await _fetch(http_settings, url)
    assert result.url == http_server.url("/final")


async def test_redirect_loop_stops_at_the_limit(
    http_server: LocalHTTPServer, http_settings: Settings
) -> None:
    url = http_server.redirect("/loop", "/loop")
    err = await _error(http_settings, url)
    assert err.kind == "too_many_redirects"
    assert len(http_server.hits("/loop")) == http_settings.fetch_max_redirects + 1


async def test_redirect_to_a_blocked_address_is_refused(http_server: LocalHTTPServer) -> None:
    # The first hop is on an allowed network (127.0.0.1/32); the redirect target is 127.0.0.2's network.
    settings = make_settings(allow_networks=["127.0.0.1/32"])
    http_server.route("/secret", b"internal")
    url = http_server.redirect("/r", f"http://127.0.0.2:{http_server.port}/secret")
    err = await _error(settings, url)
    assert err.kind == "blocked_address"
    assert http_server.hits("/secret") == []


async def test_redirect_to_a_non_http_scheme_is_refused(
    http_server: LocalHTTPServer, http_settings: Settings
) -> None:
    url = http_server.redirect("/r", "file:///etc/passwd")
    assert (await _error(http_settings, url)).kind == "bad_scheme"


async def test_slow_server_hits_the_total_deadline(http_server: LocalHTTPServer) -> None:
    settings = make_settings(fetch_timeout_s=1.0, fetch_read_timeout_s=5.0)
    url = http_server.route("/slow", b"x", delay_s=3.0)
    started = time.monotonic()
    err = await _error(settings, url)
    assert err.kind == "timeout" and time.monotonic() - started < 2.0


async def test_slow_loris_dripping_bytes_hits_the_total_deadline(http_server: LocalHTTPServer) -> None:
    # Each byte arrives well within the read timeout; only the total deadline can stop this.
    settings = make_settings(fetch_timeout_s=1.5, fetch_read_timeout_s=2.0)
    url = http_server.route("/drip", b"<rss>" + b" " * 100 + b"</rss>", drip_s=0.3)
    started = time.monotonic()
    err = await _error(settings, url)
    assert err.kind == "timeout" and 1.4 < time.monotonic() - started < 2.5


async def test_read_timeout_fires_between_reads(http_server: LocalHTTPServer) -> None:
    settings = make_settings(fetch_timeout_s=10.0, fetch_read_timeout_s=0.5)
    url = http_server.route("/stall", b"x", delay_s=2.0)
    started = time.monotonic()
    assert (await _error(settings, url)).kind == "timeout"
    assert time.monotonic() - started < 1.5


async def test_declared_oversized_body_is_refused_before_reading(http_server: LocalHTTPServer) -> None:
    settings = make_settings(fetch_max_bytes=1024 * 1024)
    url = http_server.route("/big", b"x" * (2 * 1024 * 1024))
    assert (await _error(settings, url)).kind == "too_large"


def _fifty_megabytes() -> Iterator[bytes]:
    chunk = b"y" * (1024 * 1024)
    for _ in range(50):
        yield chunk


async def test_streamed_50mb_body_stops_at_the_cap(
    http_server: LocalHTTPServer, http_settings: Settings
) -> None:
    # No Content-Length: only the streaming count can stop it (default cap 15 MiB).
    url = http_server.route("/huge", _fifty_megabytes, content_length=False)  # type: ignore[arg-type]
    err = await _error(http_settings, url)
    assert err.kind == "too_large"


def _gzip_bomb(inflated: int) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1024 * 1024)
    parts = [z.compress(block) for _ in range(inflated // len(block))]
    return b"".join(parts) + z.flush()


async def test_gzip_bomb_stops_at_the_cap_after_decompression(http_server: LocalHTTPServer) -> None:
    settings = make_settings(fetch_max_bytes=4 * 1024 * 1024)
    bomb = _gzip_bomb(200 * 1024 * 1024)  # ~200 KB on the wire, 200 MiB inflated
    assert len(bomb) < settings.fetch_max_bytes
    url = http_server.route("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    err = await _error(settings, url)
    assert err.kind == "too_large" and "decoded" in err.message


async def test_unsupported_content_encoding_is_refused(
    http_server: LocalHTTPServer, http_settings: Settings
) -> None:
    url = http_server.route("/br", b"xx", headers={"Content-Encoding": "br"})
    assert (await _error(http_settings, url)).kind == "content_encoding"


async def test_binary_content_types_are_refused(
    http_server: LocalHTTPServer, http_settings: Settings
) -> None:
    url = http_server.route("/img", b"\x89PNG", content_type="image/png")
    assert (await _error(http_settings, url)).kind == "content_type"


async def test_connection_refused_is_a_connect_error(http_settings: Settings) -> None:
    with socket.socket() as sock:  # a free port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert (await _error(http_settings, f"http://127.0.0.1:{port}/")).kind == "connect"


@pytest.mark.parametrize(
    "host",
    ["localhost", "127.0.0.1", "[::ffff:127.0.0.1]", "2130706433", "0x7f.0.0.1", "[::1]"],
)
async def test_ssrf_matrix_refuses_loopback_in_every_spelling(
    http_server: LocalHTTPServer, host: str
) -> None:
    http_server.route("/", b"secret")
    settings = make_settings(allow_networks=[])
    err = await _error(settings, f"http://{host}:{http_server.port}/")
    assert err.kind == "blocked_address"
    assert http_server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://192.168.0.1/",
        "http://169.254.169.254/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
    ],
)
async def test_ssrf_matrix_refuses_private_ranges_without_connecting(url: str) -> None:
    assert (await _error(make_settings(allow_networks=[]), url)).kind == "blocked_address"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1/", "ftp://127.0.0.1/"])
async def test_non_http_schemes_are_refused(url: str, http_settings: Settings) -> None:
    assert (await _error(http_settings, url)).kind == "bad_scheme"


async def test_per_host_limit_caps_concurrent_requests(http_server: LocalHTTPServer) -> None:
    settings = make_settings(poll_per_host_concurrency=2)
    url = http_server.route("/slowish", b"ok", delay_s=0.2)
    async with GuardedFetcher(settings) as fetcher:
        started = time.monotonic()
        await asyncio.gather(*(fetcher.fetch(url) for _ in range(6)))
        elapsed = time.monotonic() - started
    assert elapsed >= 0.55  # 6 requests, 2 at a time, 0.2 s each


async def test_min_delay_spaces_requests_to_one_host(http_server: LocalHTTPServer) -> None:
    settings = make_settings(poll_per_host_concurrency=4, poll_per_host_delay_s=0.2)
    url = http_server.route("/p", b"ok")
    async with GuardedFetcher(settings) as fetcher:
        started = time.monotonic()
        await asyncio.gather(*(fetcher.fetch(url) for _ in range(4)))
        elapsed = time.monotonic() - started
    assert elapsed >= 0.6


async def test_cookies_are_not_carried_between_requests(
    http_server: LocalHTTPServer, http_settings: Settings
) -> None:
    url = http_server.route("/c", b"ok", headers={"Set-Cookie": "session=abc; Path=/"})
    async with GuardedFetcher(http_settings) as fetcher:
        await fetcher.fetch(url)
        await fetcher.fetch(url)
    assert "cookie" not in http_server.hits("/c")[1].headers


def test_gzip_helper_really_is_a_bomb() -> None:
    bomb = _gzip_bomb(8 * 1024 * 1024)
    assert len(gzip.decompress(bomb)) == 8 * 1024 * 1024 and len(bomb) < 100_000
