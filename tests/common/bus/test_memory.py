"""Memory adapter specifics: bounded memory."""

from __future__ import annotations

import asyncio

import pytest

from claimwatch.common.bus import BusError
from claimwatch.common.bus.memory import MemoryBus
from claimwatch.common.events import ConfigChanged, Event
from tests.common.bus.support import Running, article, eventually, recorder


async def test_publish_waits_for_a_slow_group_then_raises_bus_error() -> None:
    bus = MemoryBus(partitions=1, capacity=2, send_timeout_s=0.3)
    release = asyncio.Event()

    async def slow(event: Event) -> None:
        await release.wait()

    consumer = Running(bus, ["t"], "g", slow)
    await bus.publish("t", article(1))
    await bus.publish("t", article(2))
    with pytest.raises(BusError, match="timed out"):
        await bus.publish("t", article(3))
    release.set()
    await bus.publish("t", article(4))  # the group made room
    await consumer.close()


async def test_topic_nobody_reads_keeps_only_its_newest_messages() -> None:
    bus = MemoryBus(partitions=1, capacity=3)
    for n in range(10):
        await bus.publish("t", article(n))
    seen, handle = recorder()
    consumer = Running(bus, ["t"], "late", handle)
    await eventually(lambda: len(seen) == 3, running=[consumer])
    await asyncio.sleep(0.05)
    await consumer.close()
    assert [e.title for e in seen] == ["title 7", "title 8", "title 9"]


async def test_partition_moves_to_the_remaining_consumer_when_one_stops() -> None:
    bus = MemoryBus(partitions=2)
    seen_a, handle_a = recorder()
    seen_b, handle_b = recorder()
    a = Running(bus, ["t"], "g", handle_a)
    b = Running(bus, ["t"], "g", handle_b)
    await asyncio.sleep(0.05)
    await b.close()
    for n in range(6):
        await bus.publish("t", article(n), key=f"key{n}")
    await eventually(lambda: len(seen_a) == 6, running=[a])
    await a.close()
    assert seen_b == []


async def test_lag_counts_what_a_group_has_not_committed() -> None:
    async with MemoryBus(partitions=2) as bus:
        for i in range(5):
            await bus.publish("t", ConfigChanged(entity="feed", action="created", entity_id=i), key=str(i))
        assert bus.lag("t", "g") == 5
        stop = asyncio.Event()
        seen: list[int] = []

        async def handle(event: object) -> None:
            seen.append(1)
            if len(seen) == 5:
                stop.set()

        await bus.consume(["t"], "g", handle, stop=stop)
        assert bus.lag("t", "g") == 0
        assert bus.lag("unknown", "g") == 0
