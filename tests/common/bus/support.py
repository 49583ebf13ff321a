"""Helpers for the bus tests: run a consumer in a task, wait for a condition, read dead letters."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable, Sequence

from claimwatch.common.bus import Bus, DeadLetter, Handler
from claimwatch.common.events import ArticleDiscovered


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def article(n: int, key: str = "") -> ArticleDiscovered:
    url = f"https://example.org/{key or 'a'}/{n}"
    return ArticleDiscovered(url=url, canonical_url=url, url_hash=key or f"h{n}", title=f"title {n}")


class Running:
    """One `consume` call running in a task, with its stop event."""

    def __init__(self, bus: Bus, topics: Sequence[str], group: str, handler: Handler) -> None:
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(bus.consume(topics, group, handler, stop=self.stop))

    async def close(self, within_s: float = 15.0) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, within_s)

    async def crash(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


async def eventually(
    condition: Callable[[], bool], *, within_s: float = 20.0, running: Sequence[Running] = ()
) -> None:
    """Wait until `condition()` holds; fail early if a consumer task died."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while not condition():
        for r in running:
            if r.task.done():
                r.task.result()  # raises the consumer's error
                raise AssertionError("consumer returned before the condition held")
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


async def dead_letters_of(bus: Bus, topic: str, count: int, within_s: float = 20.0) -> list[DeadLetter]:
    """The first `count` dead letters whose source topic is `topic`."""
    found: list[DeadLetter] = []

    async def keep(letter: DeadLetter) -> None:
        if letter.topic == topic:
            found.append(letter)

    stop = asyncio.Event()
    task = asyncio.create_task(bus.consume_dead_letters(unique("dlq-reader"), keep, stop=stop))
    try:
        await eventually(lambda: len(found) >= count, within_s=within_s)
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
    return found


def recorder() -> tuple[list[ArticleDiscovered], Callable[[object], Awaitable[None]]]:
    seen: list[ArticleDiscovered] = []

    async def handle(event: object) -> None:
        assert isinstance(event, ArticleDiscovered)
        seen.append(event)

    return seen, handle
