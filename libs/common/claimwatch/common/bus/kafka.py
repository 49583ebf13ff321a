"""Kafka bus (aiokafka) for the distributed mode.

Producer: `acks="all"`, idempotence as configured (`kafka_idempotence`; brokers
such as tansu refuse InitProducerId, so it can be turned off), a small linger,
and every send bounded by the send timeout. Consumer: one `AIOKafkaConsumer` per
`consume` call, in the given group, `auto_offset_reset="earliest"`, auto-commit
off; after each message is handled (or dead-lettered) its offset + 1 is committed
for its partition, never before. On a rebalance the message in hand is finished
and committed before the partitions are given up, the rest of the fetched batch
is dropped (the new owner reads it from the committed offset), and a message
waiting for a retry is abandoned uncommitted.

Starting retries an unreachable broker with backoff for `connect_timeout_s`, then
raises BusError naming the address.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from claimwatch.common.bus.adapter import BaseBus
from claimwatch.common.bus.base import BusError, BusMetrics
from claimwatch.common.bus.processing import Outcome, Processor, RawMessage, RetryPolicy
from claimwatch.common.events import ALL_TOPICS

log = logging.getLogger(__name__)

_TOPIC_ALREADY_EXISTS = 36
_POLL_MS = 200  # how often a consumer looks at its stop event while idle
_MAX_RECORDS = 100
# Brokers that hold a fetch for its whole wait (tansu does) would add this much to every hop.
_FETCH_MAX_WAIT_MS = 100

C = TypeVar("C")


async def _start_with_retry(
    make: Callable[[], C],
    start: Callable[[C], Awaitable[None]],
    close: Callable[[C], Awaitable[None]],
    bootstrap: str,
    timeout_s: float,
) -> C:
    """Build and start a client, retrying with backoff while the broker is unreachable."""
    deadline = time.monotonic() + timeout_s
    delay = 0.2
    while True:
        client = make()
        try:
            await asyncio.wait_for(start(client), max(deadline - time.monotonic(), 0.1))
            return client
        except (KafkaError, OSError, TimeoutError) as exc:
            error = exc
        try:
            await close(client)
        except Exception as exc:  # a client that never started may fail to close; nothing to free
            log.debug("closing a client that failed to start: %s", exc)
        left = deadline - time.monotonic()
        if left <= 0:
            raise BusError(
                f"cannot reach Kafka at {bootstrap} after {timeout_s:g}s ({type(error).__name__}: {error}); "
                "check CLAIMWATCH_BUS_URL and that the broker is up"
            ) from error
        log.warning("Kafka at %s not reachable yet (%s); retrying", bootstrap, error)
        await asyncio.sleep(min(delay, left))
        delay = min(delay * 2, 5.0)


async def ensure_topics(
    bootstrap: str,
    topics: Sequence[str],
    partitions: int,
    *,
    replication_factor: int = 1,
    client_id: str = "claimwatch",
    timeout_s: float = 30.0,
) -> None:
    """Create the topics that do not exist yet; existing ones are left as they are."""
    admin = await _start_with_retry(
        lambda: AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id=client_id),
        lambda a: a.start(),
        lambda a: a.close(),
        bootstrap,
        timeout_s,
    )
    try:
        existing = set(await asyncio.wait_for(admin.list_topics(), timeout_s))
        missing = [NewTopic(t, partitions, replication_factor) for t in topics if t not in existing]
        if not missing:
            return
        response = await asyncio.wait_for(admin.create_topics(missing), timeout_s)
        for name, code, message in getattr(response, "topic_errors", ()):
            if code not in (0, _TOPIC_ALREADY_EXISTS):
                raise BusError(f"cannot create topic {name} on {bootstrap}: error {code} {message}")
    except TopicAlreadyExistsError:
        pass  # created meanwhile by another service
    except (KafkaError, TimeoutError) as exc:
        raise BusError(f"cannot create topics on {bootstrap}: {type(exc).__name__}: {exc}") from exc
    finally:
        await admin.close()


class _Rebalance(ConsumerRebalanceListener):
    """Lets the message in hand finish (and commit) before partitions are given up."""

    def __init__(self) -> None:
        self.in_hand = asyncio.Lock()  # held while one message is processed and committed
        self.revoking = False
        self.generation = 0  # bumped on every assignment: a fetched batch older than it is dropped

    async def on_partitions_revoked(self, revoked: Any) -> None:
        self.revoking = True  # a retry wait sees this and abandons its message
        async with self.in_hand:
            pass

    async def on_partitions_assigned(self, assigned: Any) -> None:
        self.generation += 1
        self.revoking = False


class KafkaBus(BaseBus):
    def __init__(
        self,
        bootstrap: str,
        *,
        client_id: str = "claimwatch",
        idempotence: bool = True,
        send_timeout_s: float = 10.0,
        connect_timeout_s: float = 30.0,
        session_timeout_ms: int = 10_000,
        partitions: int = 4,
        replication_factor: int = 1,
        create_topics: Sequence[str] = ALL_TOPICS,
        policy: RetryPolicy | None = None,
        dead_letter_max_consecutive: int = 0,
        metrics: BusMetrics | None = None,
    ) -> None:
        super().__init__(
            policy=policy, dead_letter_max_consecutive=dead_letter_max_consecutive, metrics=metrics
        )
        self._bootstrap = bootstrap
        self._client_id = client_id
        self._idempotence = idempotence
        self._send_timeout = send_timeout_s
        self._connect_timeout = connect_timeout_s
        self._session_timeout_ms = session_timeout_ms
        self._partitions = partitions
        self._replication = replication_factor
        self._create_topics = tuple(create_topics)
        self._producer: AIOKafkaProducer | None = None

    async def start(self) -> None:
        if self._producer is not None:
            return
        if self._create_topics:
            await ensure_topics(
                self._bootstrap,
                self._create_topics,
                self._partitions,
                replication_factor=self._replication,
                client_id=self._client_id,
                timeout_s=self._connect_timeout,
            )
        producer: AIOKafkaProducer = await _start_with_retry(
            lambda: AIOKafkaProducer(
                bootstrap_servers=self._bootstrap,
                client_id=self._client_id,
                acks="all",
                enable_idempotence=self._idempotence,
                linger_ms=5,
                request_timeout_ms=int(self._send_timeout * 1000),
            ),
            lambda p: p.start(),
            lambda p: p.stop(),
            self._bootstrap,
            self._connect_timeout,
        )
        self._producer = producer

    async def stop(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            try:
                await asyncio.wait_for(producer.stop(), self._send_timeout)
            except (KafkaError, TimeoutError) as exc:
                log.warning("Kafka producer did not stop cleanly: %s", exc)

    async def publish_raw(self, topic: str, value: bytes, key: str | None = None) -> None:
        if self._producer is None:
            raise BusError("the bus is not started")
        try:
            await asyncio.wait_for(
                self._producer.send_and_wait(topic, value, key=key.encode() if key is not None else None),
                self._send_timeout,
            )
        except TimeoutError:
            raise BusError(
                f"publish to {topic} timed out after {self._send_timeout:g}s (Kafka at {self._bootstrap})"
            ) from None
        except KafkaError as exc:
            raise BusError(f"publish to {topic} failed: {type(exc).__name__}: {exc}") from exc
        self._metrics.published(topic)

    async def _run(
        self, topics: Sequence[str], group: str, processor: Processor[Any], stop: asyncio.Event
    ) -> None:
        rebalance = _Rebalance()

        def make() -> AIOKafkaConsumer:
            consumer = AIOKafkaConsumer(
                bootstrap_servers=self._bootstrap,
                client_id=self._client_id,
                group_id=group,
                enable_auto_commit=False,
                auto_offset_reset="earliest",
                session_timeout_ms=self._session_timeout_ms,
                heartbeat_interval_ms=max(self._session_timeout_ms // 3, 100),
                fetch_max_wait_ms=_FETCH_MAX_WAIT_MS,
            )
            consumer.subscribe(list(topics), listener=rebalance)
            return consumer

        consumer = await _start_with_retry(
            make, lambda c: c.start(), lambda c: c.stop(), self._bootstrap, self._connect_timeout
        )
        try:
            while not stop.is_set():
                batch = await consumer.getmany(timeout_ms=_POLL_MS, max_records=_MAX_RECORDS)
                generation = rebalance.generation
                for tp, records in batch.items():
                    for record in records:
                        if stop.is_set() or rebalance.revoking or rebalance.generation != generation:
                            break
                        msg = RawMessage(tp.topic, tp.partition, record.offset, record.key, record.value)
                        if not await self._handle(consumer, rebalance, tp, msg, processor, stop):
                            break
        finally:
            try:
                await asyncio.wait_for(consumer.stop(), self._send_timeout)
            except (KafkaError, TimeoutError) as exc:
                log.warning("Kafka consumer for group %s did not stop cleanly: %s", group, exc)

    async def _handle(
        self,
        consumer: AIOKafkaConsumer,
        rebalance: _Rebalance,
        tp: TopicPartition,
        msg: RawMessage,
        processor: Processor[Any],
        stop: asyncio.Event,
    ) -> bool:
        """Process and commit one message; False to drop the rest of its partition's batch."""

        def owns() -> bool:
            return not rebalance.revoking and tp in consumer.assignment()

        async with rebalance.in_hand:
            if not owns():
                return False
            outcome = await processor.process(msg, stop, owns)
            if outcome is Outcome.ABANDONED:
                return False
            try:
                await asyncio.wait_for(consumer.commit({tp: msg.offset + 1}), self._send_timeout)
            except (KafkaError, TimeoutError) as exc:
                # Not fatal: the next commit covers it, or after a rebalance the
                # message is delivered again (at-least-once).
                log.warning("%s[%d]@%d: commit failed (%s)", msg.topic, msg.partition, msg.offset, exc)
            return True
