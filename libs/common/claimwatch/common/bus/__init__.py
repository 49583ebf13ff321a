"""The message bus: publish events, consume them in groups, dead-letter what cannot be processed.

`build_bus(settings)` picks the adapter from `settings.bus_url`: `memory://` for
the embedded mode (in-process, `MemoryBus`), `kafka://host:port[,host:port]` for
the distributed mode (`KafkaBus`). Services depend only on the `Bus` protocol.
"""

from __future__ import annotations

from claimwatch.common.bus.base import (
    Bus,
    BusError,
    BusMetrics,
    DeadLetter,
    DeadLetterHandler,
    DeadLetterLimitExceeded,
    Handler,
    InvalidMessage,
    NoopBusMetrics,
)
from claimwatch.common.bus.processing import RetryPolicy
from claimwatch.common.settings import Settings

__all__ = [
    "Bus",
    "BusError",
    "BusMetrics",
    "DeadLetter",
    "DeadLetterHandler",
    "DeadLetterLimitExceeded",
    "Handler",
    "InvalidMessage",
    "NoopBusMetrics",
    "RetryPolicy",
    "build_bus",
]


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        attempts=settings.bus_retry_attempts,
        backoff_s=settings.bus_retry_backoff_s,
        backoff_max_s=settings.bus_retry_backoff_max_s,
    )


def build_bus(settings: Settings, metrics: BusMetrics | None = None) -> Bus:
    """The bus `settings.bus_url` names, not yet started."""
    if settings.bus_url.startswith("memory://"):
        from claimwatch.common.bus.memory import MemoryBus

        return MemoryBus(
            partitions=settings.bus_partitions,
            capacity=settings.bus_memory_capacity,
            send_timeout_s=settings.kafka_send_timeout_s,
            policy=retry_policy(settings),
            dead_letter_max_consecutive=settings.bus_dead_letter_max_consecutive,
            metrics=metrics,
        )
    if settings.bus_url.startswith("kafka://"):
        bootstrap = settings.kafka_bootstrap
        if not bootstrap:
            raise BusError("CLAIMWATCH_BUS_URL kafka:// needs host:port, e.g. kafka://127.0.0.1:9092")
        # Imported here: the embedded mode never loads aiokafka.
        from claimwatch.common.bus.kafka import KafkaBus

        return KafkaBus(
            bootstrap,
            client_id=settings.kafka_client_id,
            idempotence=settings.kafka_idempotence,
            send_timeout_s=settings.kafka_send_timeout_s,
            connect_timeout_s=settings.kafka_connect_timeout_s,
            session_timeout_ms=settings.kafka_session_timeout_ms,
            partitions=settings.bus_partitions,
            replication_factor=settings.kafka_replication_factor,
            policy=retry_policy(settings),
            dead_letter_max_consecutive=settings.bus_dead_letter_max_consecutive,
            metrics=metrics,
        )
    raise BusError(f"unknown bus URL {settings.bus_url!r}: use memory:// or kafka://host:port")
