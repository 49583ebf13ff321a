"""At most one message per interval per key (a webhook), across concurrent senders."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class KeyedRateLimiter:
    """Spaces calls with the same key at least `interval` seconds apart.

    Keys are opaque (hashes of webhook URLs, never the URLs). Memory is bounded
    by forgetting keys idle for longer than the interval.
    """

    def __init__(
        self,
        interval: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def acquire(self, key: str) -> None:
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            wait = self._next.get(key, 0.0) - self._clock()
            if wait > 0:
                await self._sleep(wait)
            now = self._clock()
            self._next[key] = now + self._interval
            self._forget_idle(now)

    def _forget_idle(self, now: float) -> None:
        if len(self._next) < 1024:
            return
        for key, due in list(self._next.items()):
            lock = self._locks.get(key)
            if due < now and (lock is None or not lock.locked()):
                self._next.pop(key, None)
                self._locks.pop(key, None)
