"""How a consumer treats one message: decode, handle, retry, dead-letter.

Shared by both adapters so that they behave alike. An adapter fetches a message,
hands it to `Processor.process`, and commits its offset unless the outcome is
`Outcome.ABANDONED`.

Retry policy: an exception other than `InvalidMessage` is transient. The same
message is retried after `backoff_s * 2**(attempt-1)` seconds, capped at
`backoff_max_s`; after `attempts` attempts (0: never) it is dead-lettered with
the last error as the reason. While waiting, a stop request or the loss of the
partition (rebalance) abandons the message uncommitted: it is delivered again.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

from pydantic import ValidationError

from claimwatch.common.bus.base import (
    BusError,
    BusMetrics,
    DeadLetter,
    DeadLetterLimitExceeded,
    InvalidMessage,
)
from claimwatch.common.events import Event, EventDecodeError, decode_event

log = logging.getLogger(__name__)

T = TypeVar("T")


class Outcome(enum.Enum):
    HANDLED = "handled"  # the handler returned: commit
    DEAD_LETTERED = "dead_lettered"  # written to the dead-letter topic: commit
    SKIPPED = "skipped"  # unprocessable on the dead-letter topic itself, logged: commit
    ABANDONED = "abandoned"  # stop requested or partition lost: do not commit


@dataclass(frozen=True)
class RawMessage:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 10  # handler attempts before dead-lettering; 0: retry forever
    backoff_s: float = 0.5
    backoff_max_s: float = 30.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        return min(self.backoff_max_s, self.backoff_s * 2 ** min(attempt - 1, 62))

    def gives_up(self, attempt: int) -> bool:
        return self.attempts > 0 and attempt >= self.attempts


class DeadLetterLimit:
    """Stops a consumer that would dead-letter more than `max_consecutive` messages in a row.

    In the spirit of arroyo's DlqLimit: a bad deploy that rejects every message
    must not empty the topic into the dead-letter queue. 0 disables the limit.
    """

    def __init__(self, max_consecutive: int = 0) -> None:
        self._max = max_consecutive
        self._run = 0

    def admit(self, reason: str) -> None:
        """Count one more dead letter; raise DeadLetterLimitExceeded past the limit."""
        self._run += 1
        if self._max and self._run > self._max:
            raise DeadLetterLimitExceeded(
                f"more than {self._max} messages in a row would be dead-lettered "
                f"(last reason: {reason}); consumer stopped, fix the cause and restart"
            )

    def reset(self) -> None:
        self._run = 0


def decode_or_invalid(raw: bytes) -> Event:
    try:
        return decode_event(raw)
    except EventDecodeError as exc:
        raise InvalidMessage(str(exc)) from exc


def decode_dead_letter(raw: bytes) -> DeadLetter:
    try:
        return DeadLetter.model_validate_json(raw)
    except ValidationError as exc:
        raise InvalidMessage(f"not a dead letter: {exc.errors()[0].get('msg')}") from exc


async def pause(seconds: float, stop: asyncio.Event, owned: Callable[[], bool], tick: float = 0.2) -> bool:
    """Sleep up to `seconds`; return False early once `stop` is set or the partition is lost."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        if stop.is_set() or not owned():
            return False
        left = deadline - loop.time()
        if left <= 0:
            return True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), min(tick, left))


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Processor(Generic[T]):
    """Runs one consumer group's handler over messages, one at a time."""

    def __init__(
        self,
        *,
        group: str,
        decode: Callable[[bytes], T],
        handler: Callable[[T], Awaitable[None]],
        dead_letter: Callable[[DeadLetter], Awaitable[None]] | None,
        policy: RetryPolicy,
        limit: DeadLetterLimit,
        metrics: BusMetrics,
        now: Callable[[], datetime] = _utcnow,
    ) -> None:
        self._group = group
        self._decode = decode
        self._handler = handler
        self._dead_letter = dead_letter  # None: the dead-letter topic itself; give up by logging
        self._policy = policy
        self._limit = limit
        self._metrics = metrics
        self._now = now

    async def process(self, msg: RawMessage, stop: asyncio.Event, owned: Callable[[], bool]) -> Outcome:
        where = f"{msg.topic}[{msg.partition}]@{msg.offset} group {self._group}"
        try:
            item = self._decode(msg.value)
        except InvalidMessage as exc:
            return await self._give_up(msg, exc.reason, 0, stop, owned)
        attempt = 0
        while True:
            attempt += 1
            started = time.monotonic()
            try:
                await self._handler(item)
            except InvalidMessage as exc:
                return await self._give_up(msg, exc.reason, attempt, stop, owned)
            except Exception as exc:
                self._metrics.failed(msg.topic, self._group)
                reason = f"{type(exc).__name__}: {exc}"
                if self._policy.gives_up(attempt):
                    return await self._give_up(
                        msg, f"gave up after {attempt} attempts: {reason}", attempt, stop, owned
                    )
                delay = self._policy.delay(attempt)
                log.warning("%s: attempt %d failed (%s); retrying in %.1fs", where, attempt, reason, delay)
                if not await pause(delay, stop, owned):
                    log.info("%s: left unprocessed (stopping or partition reassigned)", where)
                    return Outcome.ABANDONED
                continue
            self._limit.reset()
            self._metrics.consumed(msg.topic, self._group, time.monotonic() - started)
            return Outcome.HANDLED

    async def _give_up(
        self, msg: RawMessage, reason: str, attempts: int, stop: asyncio.Event, owned: Callable[[], bool]
    ) -> Outcome:
        where = f"{msg.topic}[{msg.partition}]@{msg.offset} group {self._group}"
        if self._dead_letter is None:
            log.error("%s: skipped, cannot be processed: %s", where, reason)
            return Outcome.SKIPPED
        self._limit.admit(reason)
        letter = DeadLetter(
            topic=msg.topic,
            partition=msg.partition,
            offset=msg.offset,
            key=msg.key.decode(errors="replace") if msg.key is not None else None,
            group=self._group,
            reason=reason,
            attempts=attempts,
            failed_at=self._now(),
            payload=msg.value,
        )
        failures = 0
        while True:
            try:
                await self._dead_letter(letter)
            except BusError as exc:
                failures += 1
                log.warning("%s: cannot write dead letter (%s); retrying", where, exc)
                if not await pause(self._policy.delay(failures), stop, owned):
                    return Outcome.ABANDONED
                continue
            log.warning("%s: dead-lettered: %s", where, reason)
            self._metrics.dead_lettered(msg.topic, self._group)
            return Outcome.DEAD_LETTERED
