"""Politeness: at most N requests in flight to one host, and a minimum gap between them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
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

    def slot(self, host: str) -> _Slot:
        """`async with limiter.slot(host):` one request to `host`."""
        return _Slot(self, host)

    def _state(self, host: str) -> _Host:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(asyncio.Semaphore(self._per_host))
        return state

    async def _enter(self, host: str, state: _Host) -> None:
        await state.sem.acquire()
        if self._delay > 0:
            try:
                now = self._clock()
                start = max(now, state.next_start)
                state.next_start = start + self._delay
                if start > now:
                    await asyncio.sleep(start - now)
            except BaseException:
                state.sem.release()
                raise

    def _exit(self, host: str, state: _Host, entered: bool) -> None:
        if entered:
            state.sem.release()
        state.users -= 1
        if state.users == 0 and state.next_start <= self._clock():
            self._hosts.pop(host, None)


class _Slot:
    """One request's hold on its host (a plain class: cheaper than a generator context)."""

    __slots__ = ("_entered", "_host", "_limiter", "_state")

    def __init__(self, limiter: HostLimiter, host: str) -> None:
        self._limiter = limiter
        self._host = host
        self._state: _Host | None = None
        self._entered = False

    async def __aenter__(self) -> None:
        state = self._state = self._limiter._state(self._host)
        state.users += 1
        try:
            await self._limiter._enter(self._host, state)
        except BaseException:
            self._limiter._exit(self._host, state, entered=False)
            raise
        self._entered = True

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._state is not None
        self._limiter._exit(self._host, self._state, entered=self._entered)
