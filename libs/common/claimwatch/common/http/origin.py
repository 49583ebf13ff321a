"""Connections to one origin, handed out without a queue.

httpcore's `AsyncConnectionPool` queues every request and re-scans all its
connections (a socket readability check on each idle one) on every request and
every response close; when two requests arrive together it can assign both to
the same idle connection, and one of them is sent back to the queue. The
fetcher's per-host limit already bounds how many requests one origin has in
flight, so requests do not contend here: a request takes an idle connection
or opens a new one, and gives it back when its response is closed. A
semaphore still caps the connections (a redirect can bring requests from
other hosts), and a request over the cap waits for one to be given back.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator

import httpcore
from httpcore import AsyncNetworkBackend


class _ReleasingStream:
    """A response body that returns its connection to the pool once closed."""

    def __init__(self, inner: object, connection: httpcore.AsyncHTTPConnection, pool: OriginPool) -> None:
        self._inner = inner
        self._connection = connection
        self._pool: OriginPool | None = pool

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:  # type: ignore[attr-defined]
            yield chunk

    async def aclose(self) -> None:
        try:
            close = getattr(self._inner, "aclose", None)
            if close is not None:
                await close()
        finally:
            if self._pool is not None:
                pool, self._pool = self._pool, None
                await pool.release(self._connection)


class OriginPool:
    """httpcore's request interface over keep-alive connections to one origin.

    At most `max_connections` connections at once, `max_idle` of them kept alive
    when unused. One event loop; not thread-safe.
    """

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext,
        network_backend: AsyncNetworkBackend,
        max_connections: int,
        max_idle: int,
        keepalive_s: float,
    ) -> None:
        self._ssl = ssl_context
        self._backend = network_backend
        self._max_idle = max_idle
        self._keepalive_s = keepalive_s
        self._idle: list[httpcore.AsyncHTTPConnection] = []
        self._busy: set[httpcore.AsyncHTTPConnection] = set()
        self._slots = asyncio.Semaphore(max_connections)

    @property
    def connections(self) -> int:
        return len(self._idle) + len(self._busy)

    async def _take(self, origin: httpcore.Origin) -> tuple[httpcore.AsyncHTTPConnection, bool]:
        """(connection, reused)."""
        while self._idle:
            connection = self._idle.pop()  # most recently used: the least likely to have expired
            if connection.is_idle() and not connection.has_expired():
                return connection, True
            await connection.aclose()
        return httpcore.AsyncHTTPConnection(
            origin=origin,
            ssl_context=self._ssl,
            keepalive_expiry=self._keepalive_s,
            http1=True,
            http2=False,
            network_backend=self._backend,
        ), False

    async def handle_async_request(self, request: httpcore.Request) -> httpcore.Response:
        await self._slots.acquire()
        try:
            return await self._send(request)
        except BaseException:
            self._slots.release()
            raise

    async def _send(self, request: httpcore.Request) -> httpcore.Response:
        while True:
            connection, reused = await self._take(request.url.origin)
            self._busy.add(connection)
            try:
                response = await connection.handle_async_request(request)
            except BaseException as exc:
                self._busy.discard(connection)
                await connection.aclose()
                if reused and isinstance(exc, httpcore.ConnectionNotAvailable):
                    continue  # a kept-alive connection that could not be reused: try another
                raise
            return httpcore.Response(
                status=response.status,
                headers=response.headers,
                content=_ReleasingStream(response.stream, connection, self),
                extensions=response.extensions,
            )

    async def release(self, connection: httpcore.AsyncHTTPConnection) -> None:
        self._busy.discard(connection)
        keep = connection.is_idle() and len(self._idle) < self._max_idle
        if keep:
            self._idle.append(connection)  # before the slot is freed, so a waiter reuses it
        self._slots.release()
        if not keep:
            await connection.aclose()

    async def aclose(self) -> None:
        connections = [*self._idle, *self._busy]
        self._idle, self._busy = [], set()
        for connection in connections:
            await connection.aclose()

    async def __aenter__(self) -> OriginPool:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
