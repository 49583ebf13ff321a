"""What both bus adapters share: lifecycle sugar, event encoding, building processors.

An adapter implements `start`, `stop`, `publish_raw` and `_run` (deliver the
messages of some topics to a `Processor` for one group member, committing after
each message whose outcome is not ABANDONED).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from types import TracebackType
from typing import Any, Self

from claimwatch.common.bus.base import BusMetrics, DeadLetter, DeadLetterHandler, Handler, NoopBusMetrics
from claimwatch.common.bus.processing import (
    DeadLetterLimit,
    Processor,
    RetryPolicy,
    decode_dead_letter,
    decode_or_invalid,
)
from claimwatch.common.events import TOPIC_DEAD_LETTER, Event, encode_event


class BaseBus:
    def __init__(
        self,
        *,
        policy: RetryPolicy | None = None,
        dead_letter_max_consecutive: int = 0,
        metrics: BusMetrics | None = None,
    ) -> None:
        self._policy = policy or RetryPolicy()
        self._dead_letter_max = dead_letter_max_consecutive
        self._metrics: BusMetrics = metrics or NoopBusMetrics()

    async def start(self) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError

    async def publish_raw(self, topic: str, value: bytes, key: str | None = None) -> None:
        raise NotImplementedError

    async def _run(
        self, topics: Sequence[str], group: str, processor: Processor[Any], stop: asyncio.Event
    ) -> None:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def publish(self, topic: str, event: Event, key: str | None = None) -> None:
        await self.publish_raw(topic, encode_event(event), key)

    async def consume(
        self, topics: Sequence[str], group: str, handler: Handler, *, stop: asyncio.Event
    ) -> None:
        if not topics:
            raise ValueError("consume needs at least one topic")
        if TOPIC_DEAD_LETTER in topics:
            raise ValueError("read the dead-letter topic with consume_dead_letters")
        processor: Processor[Event] = Processor(
            group=group,
            decode=decode_or_invalid,
            handler=handler,
            dead_letter=self._write_dead_letter,
            policy=self._policy,
            limit=DeadLetterLimit(self._dead_letter_max),
            metrics=self._metrics,
        )
        await self._run(list(topics), group, processor, stop)

    async def consume_dead_letters(
        self, group: str, handler: DeadLetterHandler, *, stop: asyncio.Event
    ) -> None:
        processor: Processor[DeadLetter] = Processor(
            group=group,
            decode=decode_dead_letter,
            handler=handler,
            dead_letter=None,
            policy=self._policy,
            limit=DeadLetterLimit(0),
            metrics=self._metrics,
        )
        await self._run([TOPIC_DEAD_LETTER], group, processor, stop)

    async def _write_dead_letter(self, letter: DeadLetter) -> None:
        # Same key as the original: the dead letters of one article stay in order.
        await self.publish_raw(TOPIC_DEAD_LETTER, letter.model_dump_json().encode(), letter.key)
