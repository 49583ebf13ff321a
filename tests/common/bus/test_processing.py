"""Pure parts of message processing: retry delays, the dead-letter limit, envelopes, adapter choice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from claimwatch.common.bus import BusError, DeadLetter, DeadLetterLimitExceeded, RetryPolicy, build_bus
from claimwatch.common.bus.kafka import KafkaBus
from claimwatch.common.bus.memory import MemoryBus
from claimwatch.common.bus.processing import DeadLetterLimit
from claimwatch.common.settings import Settings


def test_retry_delay_doubles_from_the_base_and_stops_at_the_cap() -> None:
    policy = RetryPolicy(attempts=10, backoff_s=0.5, backoff_max_s=3.0)
    assert [policy.delay(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert policy.delay(10_000) == 3.0


def test_retry_policy_gives_up_after_its_attempts_unless_zero() -> None:
    assert not RetryPolicy(attempts=3).gives_up(2)
    assert RetryPolicy(attempts=3).gives_up(3)
    assert not RetryPolicy(attempts=0).gives_up(1_000_000)


def test_dead_letter_limit_trips_past_the_consecutive_count_and_resets_on_success() -> None:
    limit = DeadLetterLimit(max_consecutive=2)
    limit.admit("bad")
    limit.admit("bad")
    limit.reset()
    limit.admit("bad")
    limit.admit("bad")
    with pytest.raises(DeadLetterLimitExceeded, match="more than 2"):
        limit.admit("bad")


def test_unlimited_dead_letter_limit_never_trips() -> None:
    limit = DeadLetterLimit(0)
    for _ in range(1000):
        limit.admit("bad")


def test_dead_letter_envelope_keeps_original_bytes_through_json() -> None:
    letter = DeadLetter(
        topic="t",
        partition=1,
        offset=5,
        key="k",
        group="g",
        reason="why",
        attempts=0,
        failed_at=datetime(2024, 5, 1, tzinfo=UTC),
        payload=b"\x00\xffraw",
    )
    raw = letter.model_dump_json()
    assert '"payload":"AP9yYXc="' in raw
    assert DeadLetter.model_validate_json(raw) == letter


def test_build_bus_picks_the_adapter_from_the_bus_url() -> None:
    assert isinstance(build_bus(Settings()), MemoryBus)
    kafka = build_bus(Settings(bus_url="kafka://127.0.0.1:9092", kafka_idempotence=False))
    assert isinstance(kafka, KafkaBus)


def test_build_bus_refuses_kafka_url_without_address() -> None:
    with pytest.raises(BusError, match="host:port"):
        build_bus(Settings(bus_url="kafka://"))
