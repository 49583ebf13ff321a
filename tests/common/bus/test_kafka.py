"""Kafka adapter specifics: an unreachable broker, topic creation."""

from __future__ import annotations

import time

import pytest

from claimwatch.common.bus import BusError
from claimwatch.common.bus.kafka import KafkaBus, ensure_topics
from tests.common.bus.support import article, unique
from tests.fixtures.kafka import TansuBroker, free_port

pytestmark = pytest.mark.real


async def test_publish_raises_bus_error_within_the_send_timeout_once_the_broker_is_gone(
    fresh_tansu: TansuBroker,
) -> None:
    bus = KafkaBus(fresh_tansu.bootstrap, idempotence=False, send_timeout_s=1.0, connect_timeout_s=5.0)
    await bus.start()
    try:
        await bus.publish("articles.discovered", article(1), key="h1")
        fresh_tansu.stop()
        started = time.monotonic()
        with pytest.raises(BusError, match=r"articles\.discovered"):
            await bus.publish("articles.discovered", article(2), key="h2")
        assert time.monotonic() - started < 3.0
    finally:
        await bus.stop()


async def test_start_against_an_unreachable_broker_raises_bus_error_naming_it() -> None:
    address = f"127.0.0.1:{free_port()}"
    bus = KafkaBus(address, idempotence=False, connect_timeout_s=1.0)
    started = time.monotonic()
    with pytest.raises(BusError, match=f"cannot reach Kafka at {address}"):
        await bus.start()
    assert time.monotonic() - started < 5.0


async def test_publish_before_start_raises_bus_error() -> None:
    bus = KafkaBus("127.0.0.1:1", idempotence=False)
    with pytest.raises(BusError, match="not started"):
        await bus.publish("t", article(1))


async def test_ensure_topics_creates_missing_topics_and_leaves_existing_ones(kafka_bootstrap: str) -> None:
    from aiokafka.admin import AIOKafkaAdminClient

    name = unique("topic")
    await ensure_topics(kafka_bootstrap, [name], 3)
    await ensure_topics(kafka_bootstrap, [name, unique("other")], 5)  # idempotent
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    await admin.start()
    try:
        [described] = await admin.describe_topics([name])
    finally:
        await admin.close()
    assert len(described["partitions"]) == 3
