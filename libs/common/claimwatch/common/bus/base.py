"""The message bus seam: the `Bus` protocol, its errors and the dead-letter envelope.

Services publish events (`claimwatch.common.events`) and consume them in consumer
groups. Both adapters (in-process `MemoryBus`, Kafka `KafkaBus`) give the same
guarantees:

- at-least-once: a message is committed only after its handler returned (or after
  it was dead-lettered), so a consumer that dies mid-message gets it again;
- order is kept per partition, and the partition is chosen by the message key;
- a message that can never be processed (undecodable, or the handler raised
  `InvalidMessage`) goes to the dead-letter topic as a `DeadLetter` envelope;
- any other handler exception is transient: the same message is retried with
  capped exponential backoff, and dead-lettered only after the configured number
  of attempts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from types import TracebackType
from typing import Literal, Protocol, Self

from pydantic import BaseModel, ConfigDict

from claimwatch.common.events import Event

Handler = Callable[[Event], Awaitable[None]]


class BusError(Exception):
    """The bus could not do what was asked (broker unreachable, publish timed out, …)."""


class DeadLetterLimitExceeded(BusError):
    """Too many messages in a row were dead-lettered; the consumer stops instead.

    The message that tripped the limit is not committed, so it is processed again
    once the cause (usually a bad deploy) is fixed.
    """


class InvalidMessage(Exception):
    """Raised by a handler for a message that can never be processed.

    The bus dead-letters the message with `reason` and moves on; it is not retried.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DeadLetter(BaseModel):
    """The JSON envelope written to the dead-letter topic for one failed message.

    `payload` holds the original message bytes (base64 in JSON), so a dead letter
    can be inspected and replayed as it was.
    """

    model_config = ConfigDict(frozen=True, ser_json_bytes="base64", val_json_bytes="base64")

    type: Literal["dead.letter"] = "dead.letter"
    topic: str
    partition: int
    offset: int
    key: str | None = None
    group: str
    reason: str
    attempts: int  # handler attempts made; 0 when the message could not be decoded
    failed_at: datetime
    payload: bytes


DeadLetterHandler = Callable[[DeadLetter], Awaitable[None]]


class BusMetrics(Protocol):
    """Counters the bus reports to; the metrics module provides the real one."""

    def published(self, topic: str) -> None: ...

    def consumed(self, topic: str, group: str, seconds: float) -> None:
        """A handler returned; `seconds` is how long its successful attempt took."""

    def failed(self, topic: str, group: str) -> None:
        """A handler attempt raised a transient error (the message will be retried)."""

    def dead_lettered(self, topic: str, group: str) -> None: ...


class NoopBusMetrics:
    """Default metrics: count nothing."""

    def published(self, topic: str) -> None:
        pass

    def consumed(self, topic: str, group: str, seconds: float) -> None:
        pass

    def failed(self, topic: str, group: str) -> None:
        pass

    def dead_lettered(self, topic: str, group: str) -> None:
        pass


class Bus(Protocol):
    """Publish and consume events.

    Lifecycle: `start()` before publishing, `stop()` at the end (or use `async with`).
    All methods run on one asyncio event loop; they are not thread-safe.
    Errors: `BusError` (foreign exceptions are wrapped); handlers' own exceptions
    never escape `consume`, except `DeadLetterLimitExceeded`.
    """

    async def start(self) -> None:
        """Connect; raise BusError if the broker stays unreachable."""

    async def stop(self) -> None:
        """Flush and disconnect. Safe to call twice."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def publish(self, topic: str, event: Event, key: str | None = None) -> None:
        """Send one event; `key` picks the partition (article url_hash, claim key).

        Returns once the broker has it; raises BusError if that takes longer than
        the send timeout.
        """

    async def publish_raw(self, topic: str, value: bytes, key: str | None = None) -> None:
        """Send bytes as they are (tools, replays of dead letters, tests)."""

    async def consume(
        self, topics: Sequence[str], group: str, handler: Handler, *, stop: asyncio.Event
    ) -> None:
        """Run `handler` on every event of `topics` for consumer group `group` until `stop` is set.

        One message at a time per call; call it several times (same group) to
        handle partitions in parallel. Returns after `stop` is set and the message
        in hand is finished. Cancelling the task abandons that message uncommitted.
        """

    async def consume_dead_letters(
        self, group: str, handler: DeadLetterHandler, *, stop: asyncio.Event
    ) -> None:
        """Like `consume`, over the dead-letter topic; failures here are logged, never re-dead-lettered."""
