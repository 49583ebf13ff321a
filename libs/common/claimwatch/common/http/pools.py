"""One small connection pool per origin.

httpcore scans every connection of a pool (with a readability check on each
idle socket) for every request, so a single pool of 64 connections spends more
CPU choosing a connection than a 304 costs. Sharding by origin keeps each pool
as small as the per-host limit, and each shard's `OriginPool` hands out
connections without a queue (the fetcher's per-host limit bounds them). Idle
shards are closed once there are more than `max_shards`, so open sockets stay
bounded however many hosts are polled.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import httpx

from claimwatch.common.http.guard import AddressGuard
from claimwatch.common.http.transport import GuardedNetworkBackend, GuardedTransport

Origin = tuple[bytes, bytes, int | None]


@dataclass
class _Shard:
    transport: GuardedTransport
    inflight: int = 0
    last_used: float = field(default_factory=time.monotonic)


class _CountedStream(httpx.AsyncByteStream):
    """The response body, reporting when it is closed so its shard counts as idle again."""

    def __init__(self, inner: httpx.AsyncByteStream, done: Callable[[], None]) -> None:
        self._inner = inner
        self._done: Callable[[], None] | None = done

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            if self._done is not None:
                self._done()
                self._done = None


class ShardedTransport(httpx.AsyncBaseTransport):
    """Routes each request to its origin's guarded pool. One event loop; not thread-safe."""

    def __init__(
        self, guard: AddressGuard, *, per_origin: int, max_shards: int, keepalive_s: float = 30.0
    ) -> None:
        self._guard = guard
        self._limits = httpx.Limits(
            max_connections=per_origin, max_keepalive_connections=per_origin, keepalive_expiry=keepalive_s
        )
        self._max_shards = max_shards
        self._shards: dict[Origin, _Shard] = {}
        # Shared by every shard: building an SSL context loads the CA bundle (milliseconds each).
        self._ssl = httpx.create_ssl_context(trust_env=False)
        self._backend = GuardedNetworkBackend(guard)

    def __len__(self) -> int:
        return len(self._shards)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        origin: Origin = (request.url.raw_scheme, request.url.raw_host, request.url.port)
        shard = self._shards.get(origin)
        if shard is None:
            await self._evict()
            shard = self._shards[origin] = _Shard(
                GuardedTransport(
                    self._guard,
                    limits=self._limits,
                    ssl_context=self._ssl,
                    backend=self._backend,
                    one_origin=True,
                )
            )
        shard.inflight += 1
        shard.last_used = time.monotonic()
        try:
            response = await shard.transport.handle_async_request(request)
        except BaseException:
            shard.inflight -= 1
            raise

        def done() -> None:
            shard.inflight -= 1
            shard.last_used = time.monotonic()

        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _CountedStream(response.stream, done)
        return response

    async def _evict(self) -> None:
        if len(self._shards) < self._max_shards:
            return
        idle = sorted((s.last_used, o) for o, s in self._shards.items() if s.inflight == 0)
        for _, origin in idle[: max(1, len(self._shards) - self._max_shards + 1)]:
            shard = self._shards.pop(origin)
            await shard.transport.aclose()

    async def aclose(self) -> None:
        shards, self._shards = list(self._shards.values()), {}
        for shard in shards:
            await shard.transport.aclose()
