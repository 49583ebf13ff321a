"""An httpx transport that checks the address it actually connects to.

httpcore asks its network backend to open a TCP connection to (host, port).
Our backend resolves the name itself, keeps only the addresses the
AddressGuard allows, and connects to one of those IPs. TLS is then started by
httpcore with the original host name (SNI and certificate checks unchanged),
and the Host header comes from the URL, so nothing but the socket's target
changes. Because the checked IP is the one connected to, DNS rebinding between
check and connect is impossible.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx
from httpcore import AsyncNetworkBackend, AsyncNetworkStream
from httpcore._backends.auto import AutoBackend

from claimwatch.common.http.errors import FetchError
from claimwatch.common.http.guard import AddressGuard
from claimwatch.common.http.origin import OriginPool


class GuardedNetworkBackend(AsyncNetworkBackend):
    """Resolve, check every address against the guard, connect to an allowed one."""

    def __init__(self, guard: AddressGuard, inner: AsyncNetworkBackend | None = None) -> None:
        self._guard = guard
        self._inner = inner or AutoBackend()

    async def _resolve(self, host: str, port: int, limit_s: float | None) -> list[str]:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(limit_s):
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError as exc:
            raise FetchError("timeout", f"resolving {host} took longer than {limit_s}s") from exc
        except OSError as exc:
            raise FetchError("dns", f"cannot resolve {host}: {exc.strerror or exc}") from exc
        seen: list[str] = []
        for _family, _type, _proto, _name, sockaddr in infos:
            ip = str(sockaddr[0])
            if ip not in seen:
                seen.append(ip)
        return seen

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> AsyncNetworkStream:
        addresses = await self._resolve(host, port, timeout)
        allowed = [
            ip for ip in addresses if self._guard.address_allowed(ipaddress.ip_address(ip.split("%", 1)[0]))
        ]
        if not allowed:
            shown = ", ".join(addresses[:4]) or "no address"
            raise FetchError(
                "blocked_address", f"{host} resolves to {shown}: not allowed (see allow_networks)"
            )
        last: Exception | None = None
        for ip in allowed[:3]:
            try:
                return await self._inner.connect_tcp(
                    ip, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
        socket_options: Iterable[Any] | None = None,
    ) -> AsyncNetworkStream:
        raise FetchError("bad_url", "unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over connections opened by the guarded backend.

    httpx's own __init__ only builds `self._pool` (plus an SSL context); it is
    skipped so that many shards can share one SSL context and one backend.
    With `one_origin`, the transport serves a single origin whose requests in
    flight the caller bounds (the fetcher's per-host limit), and its pool is an
    `OriginPool` without a request queue; otherwise it is httpcore's pool, for
    any origin, within `limits`.
    """

    def __init__(
        self,
        guard: AddressGuard,
        *,
        limits: httpx.Limits,
        ssl_context: ssl.SSLContext | None = None,
        backend: GuardedNetworkBackend | None = None,
        one_origin: bool = False,
    ) -> None:
        ssl_context = ssl_context or httpx.create_ssl_context(trust_env=False)
        backend = backend or GuardedNetworkBackend(guard)
        keepalive_s = limits.keepalive_expiry if limits.keepalive_expiry is not None else 5.0
        if one_origin:
            self._pool = OriginPool(  # type: ignore[assignment]
                ssl_context=ssl_context,
                network_backend=backend,
                max_connections=limits.max_connections or 1,
                max_idle=limits.max_keepalive_connections or 1,
                keepalive_s=keepalive_s,
            )
            return
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=backend,
        )
