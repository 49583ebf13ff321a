"""Politeness: at most N requests in flight to one host, and a minimum gap between them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass


@dataclass
class _Host:
    sem: asyncio.Semaphore
    next_start: float = 0.0  # monotonic time before which no new request may start
    users: int = 0


class HostLimiter:
    """Per-host concurrency and spacing. One instance per event loop; not thread-safe.

    Idle hosts are forgotten, so memory follows the hosts in use, not all hosts ever seen.
    """

    def __init__(
        self, per_host: int, min_delay_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._per_host = per_host
        self._delay = min_delay_s
        self._clock = clock
        self._hosts: dict[str, _Host] = {}

    def __len__(self) -> int:
        return len(self._hosts)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(asyncio.Semaphore(self._per_host))
        state.users += 1
        try:
            async with state.sem:
                if self._delay > 0:
                    now = self._clock()
                    start = max(now, state.next_start)
                    state.next_start = start + self._delay
                    if start > now:
                        await asyncio.sleep(start - now)
                yield
        finally:
            state.users -= 1
            if state.users == 0 and state.next_start <= self._clock():
                self._hosts.pop(host, None)
