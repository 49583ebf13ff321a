"""In-process bus for the embedded mode: one process, no broker.

Each topic is split into `partitions` append-only logs; a message goes to the
partition its key hashes to (no key: round robin). Every consumer group reads
every message, starting from the oldest one retained. Within a group the
partitions are shared among its live consumers (one `consume` call each, in join
order), and a partition is handled by one consumer at a time, in offset order.
A group's position moves past a message only after its handler returned (or it
was dead-lettered), so a consumer stopped or cancelled mid-message leaves that
message to the next consumer of its group.

Memory is bounded: a partition holds at most `capacity` messages that some group
reading the topic has not yet committed; `publish` waits for room, up to the send
timeout, then raises BusError. A topic that no group reads yet keeps only its
newest `capacity` messages per partition (like a broker's retention).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import zlib
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimwatch.common.bus.adapter import BaseBus
from claimwatch.common.bus.base import BusError, BusMetrics
from claimwatch.common.bus.processing import Outcome, Processor, RawMessage, RetryPolicy

log = logging.getLogger(__name__)

TopicPartition = tuple[str, int]


@dataclass
class _Partition:
    log: deque[RawMessage] = field(default_factory=deque)
    base: int = 0  # offset of log[0]

    @property
    def end(self) -> int:
        return self.base + len(self.log)

    def at(self, offset: int) -> RawMessage | None:
        index = offset - self.base
        return self.log[index] if 0 <= index < len(self.log) else None


@dataclass
class _Topic:
    parts: list[_Partition]
    groups: set[str] = field(default_factory=set)  # groups that ever read it
    next_unkeyed: int = 0


@dataclass
class _Group:
    committed: dict[TopicPartition, int] = field(default_factory=dict)
    members: dict[int, tuple[str, ...]] = field(default_factory=dict)  # member id -> topics, join order
    locks: defaultdict[TopicPartition, asyncio.Lock] = field(
        default_factory=lambda: defaultdict(asyncio.Lock)
    )


class MemoryBus(BaseBus):
    def __init__(
        self,
        *,
        partitions: int = 4,
        capacity: int = 10_000,
        send_timeout_s: float = 10.0,
        policy: RetryPolicy | None = None,
        dead_letter_max_consecutive: int = 0,
        metrics: BusMetrics | None = None,
        idle_poll_s: float = 1.0,
    ) -> None:
        super().__init__(
            policy=policy, dead_letter_max_consecutive=dead_letter_max_consecutive, metrics=metrics
        )
        if partitions < 1 or capacity < 1:
            raise ValueError("partitions and capacity must be positive")
        self._partitions = partitions
        self._capacity = capacity
        self._send_timeout = send_timeout_s
        self._idle_poll = idle_poll_s
        self._topics: dict[str, _Topic] = {}
        self._groups: dict[str, _Group] = {}
        self._member_ids = itertools.count()
        self._changed = asyncio.Event()  # replaced each time it fires

    async def start(self) -> None:
        pass  # nothing to connect to

    async def stop(self) -> None:
        pass  # consumers stop with their own stop event; messages stay for the next consumer

    def lag(self, topic: str, group: str) -> int:
        """Messages of `topic` that `group` has not committed yet (all of them for a new group)."""
        t = self._topics.get(topic)
        if t is None:
            return 0
        committed = self._groups[group].committed if group in self._groups else {}
        return sum(
            part.end - max(committed.get((topic, i), part.base), part.base) for i, part in enumerate(t.parts)
        )

    def _notify(self) -> None:
        fired, self._changed = self._changed, asyncio.Event()
        fired.set()

    def _topic(self, name: str) -> _Topic:
        if name not in self._topics:
            self._topics[name] = _Topic([_Partition() for _ in range(self._partitions)])
        return self._topics[name]

    def _partition_for(self, topic: _Topic, key: str | None) -> int:
        if key is None:
            topic.next_unkeyed += 1
            return topic.next_unkeyed % self._partitions
        return zlib.crc32(key.encode()) % self._partitions

    # Publishing.

    async def publish_raw(self, topic: str, value: bytes, key: str | None = None) -> None:
        t = self._topic(topic)
        index = self._partition_for(t, key)
        try:
            await asyncio.wait_for(self._room(topic, t, index), self._send_timeout)
        except TimeoutError:
            raise BusError(
                f"publish to {topic} timed out after {self._send_timeout}s: "
                f"{self._capacity} messages wait for a consumer"
            ) from None
        part = t.parts[index]
        part.log.append(RawMessage(topic, index, part.end, key.encode() if key is not None else None, value))
        self._metrics.published(topic)
        self._notify()

    async def _room(self, name: str, topic: _Topic, index: int) -> None:
        part = topic.parts[index]
        while True:
            changed = self._changed
            self._trim(name, topic, index)
            if len(part.log) < self._capacity:
                return
            if not topic.groups:
                part.log.popleft()  # nobody reads it yet: keep the newest
                part.base += 1
                return
            await changed.wait()

    def _trim(self, name: str, topic: _Topic, index: int) -> None:
        part = topic.parts[index]
        if not topic.groups:
            return
        low = min(self._groups[g].committed.get((name, index), part.base) for g in topic.groups)
        while part.base < low and part.log:
            part.log.popleft()
            part.base += 1

    # Consuming.

    def _assignment(self, group: _Group, member: int) -> list[TopicPartition]:
        """Partitions of `member`: each topic's partitions dealt round robin to its readers."""
        owned: list[TopicPartition] = []
        for name in group.members.get(member, ()):
            readers = [m for m, topics in group.members.items() if name in topics]
            slot, count = readers.index(member), len(readers)
            owned.extend((name, p) for p in range(self._partitions) if p % count == slot)
        return owned

    def _owns(self, group: _Group, member: int, tp: TopicPartition) -> Callable[[], bool]:
        return lambda: tp in self._assignment(group, member)

    async def _run(
        self, topics: Sequence[str], group: str, processor: Processor[Any], stop: asyncio.Event
    ) -> None:
        g = self._groups.setdefault(group, _Group())
        for name in topics:
            self._topic(name).groups.add(group)
        member = next(self._member_ids)
        g.members[member] = tuple(topics)
        self._notify()
        try:
            while not stop.is_set():
                changed = self._changed
                if not await self._round(g, member, processor, stop):
                    await _wait_any((changed, stop), self._idle_poll)
        finally:
            del g.members[member]
            self._notify()

    async def _round(self, g: _Group, member: int, processor: Processor[Any], stop: asyncio.Event) -> bool:
        """Handle at most one message per owned partition; True if any was committed."""
        progressed = False
        for tp in self._assignment(g, member):
            if stop.is_set():
                break
            # The lock lets a previous owner finish its message before this one reads.
            async with g.locks[tp]:
                owns = self._owns(g, member, tp)
                part = self._topics[tp[0]].parts[tp[1]]
                msg = part.at(max(g.committed.get(tp, part.base), part.base))
                if msg is None or not owns():
                    continue
                outcome = await processor.process(msg, stop, owns)
                if outcome is Outcome.ABANDONED:
                    continue
                g.committed[tp] = msg.offset + 1
                progressed = True
                self._notify()
        return progressed


async def _wait_any(events: Sequence[asyncio.Event], within_s: float) -> None:
    waiters = [asyncio.create_task(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, timeout=within_s, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()
