"""The bus under test: every contract test runs on the memory bus and on Kafka (tansu)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import pytest

from claimwatch.common.bus import Bus, RetryPolicy
from claimwatch.common.bus.kafka import KafkaBus, ensure_topics
from claimwatch.common.bus.memory import MemoryBus
from tests.common.bus.support import unique

PARTITIONS = 4
FAST_RETRIES = RetryPolicy(attempts=3, backoff_s=0.05, backoff_max_s=0.2)


@dataclass
class BusKit:
    """A started bus plus what the tests need around it."""

    kind: str
    bus: Bus
    make_bus: Callable[..., Coroutine[Any, Any, Bus]]  # another started bus on the same broker
    bootstrap: str = ""

    async def topic(self) -> str:
        name = unique("topic")
        if self.kind == "kafka":
            await ensure_topics(self.bootstrap, [name], PARTITIONS, timeout_s=10)
        return name


@pytest.fixture(params=["memory", pytest.param("kafka", marks=pytest.mark.real)])
async def kit(request: pytest.FixtureRequest) -> AsyncIterator[BusKit]:
    extra: list[Bus] = []
    if request.param == "memory":

        async def make_memory(**overrides: Any) -> Bus:
            options: dict[str, Any] = {
                "partitions": PARTITIONS,
                "policy": FAST_RETRIES,
                "send_timeout_s": 5.0,
            }
            bus = MemoryBus(**(options | overrides))
            await bus.start()
            extra.append(bus)
            return bus

        kit = BusKit("memory", await make_memory(), make_memory)
    else:
        bootstrap = request.getfixturevalue("kafka_bootstrap")

        async def make_kafka(**overrides: Any) -> Bus:
            options: dict[str, Any] = {
                "idempotence": False,  # tansu refuses InitProducerId
                "send_timeout_s": 5.0,
                "connect_timeout_s": 10.0,
                "session_timeout_ms": 2000,  # tansu's join delay follows it: keeps joins ~1 s
                "partitions": PARTITIONS,
                "policy": FAST_RETRIES,
            }
            bus = KafkaBus(bootstrap, **(options | overrides))
            await bus.start()
            extra.append(bus)
            return bus

        kit = BusKit("kafka", await make_kafka(), make_kafka, bootstrap)
    yield kit
    for bus in extra:
        await bus.stop()
