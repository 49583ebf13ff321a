"""The bus contract: the same behaviour from the memory bus and from Kafka."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict

import pytest

from claimwatch.common.bus import DeadLetterLimitExceeded, InvalidMessage, RetryPolicy
from claimwatch.common.events import (
    TOPIC_DEAD_LETTER,
    ArticleDiscovered,
    ConfigChanged,
    Event,
    encode_event,
)
from tests.common.bus.conftest import BusKit
from tests.common.bus.support import Running, article, dead_letters_of, eventually, recorder, unique


async def test_published_events_arrive_decoded_as_their_own_types(kit: BusKit) -> None:
    topic = await kit.topic()
    seen: list[Event] = []

    async def handle(event: Event) -> None:
        seen.append(event)

    sent_article = article(1)
    sent_config = ConfigChanged(entity="feed", action="created", entity_id=7)
    await kit.bus.publish(topic, sent_article, key=sent_article.url_hash)
    await kit.bus.publish(topic, sent_config)
    consumer = Running(kit.bus, [topic], unique("g"), handle)
    await eventually(lambda: len(seen) == 2, running=[consumer])
    await consumer.close()

    by_id = {e.event_id: e for e in seen}
    assert by_id[sent_article.event_id] == sent_article
    assert isinstance(by_id[sent_article.event_id], ArticleDiscovered)
    assert isinstance(by_id[sent_config.event_id], ConfigChanged)
    assert by_id[sent_config.event_id].entity_id == 7  # type: ignore[union-attr]


async def test_events_with_the_same_key_are_handled_in_publish_order(kit: BusKit) -> None:
    topic = await kit.topic()
    keys = ["k-a", "k-b", "k-c"]
    for n in range(30):
        key = keys[n % 3]
        await kit.bus.publish(topic, article(n, key), key=key)
    seen, handle = recorder()
    consumer = Running(kit.bus, [topic], unique("g"), handle)
    await eventually(lambda: len(seen) == 30, running=[consumer])
    await consumer.close()

    order: dict[str, list[int]] = defaultdict(list)
    for event in seen:
        order[event.url_hash].append(int(event.title.split()[1]))
    assert set(order) == set(keys)
    for numbers in order.values():
        assert numbers == sorted(numbers)
        assert len(numbers) == 10


async def test_every_group_receives_every_message(kit: BusKit) -> None:
    topic = await kit.topic()
    for n in range(5):
        await kit.bus.publish(topic, article(n), key=f"h{n}")
    seen_a, handle_a = recorder()
    seen_b, handle_b = recorder()
    a = Running(kit.bus, [topic], unique("ga"), handle_a)
    b = Running(kit.bus, [topic], unique("gb"), handle_b)
    await eventually(lambda: len(seen_a) == 5 and len(seen_b) == 5, running=[a, b])
    await a.close()
    await b.close()
    assert {e.event_id for e in seen_a} == {e.event_id for e in seen_b}


async def test_message_is_delivered_again_when_consumer_dies_before_its_handler_returns(kit: BusKit) -> None:
    topic, group = await kit.topic(), unique("g")
    first, second = article(1, "same"), article(2, "same")
    await kit.bus.publish(topic, first, key="same")
    await kit.bus.publish(topic, second, key="same")
    handled: list[str] = []
    started: list[str] = []
    never = asyncio.Event()

    async def stuck_on_second(event: Event) -> None:
        started.append(event.event_id)
        if event.event_id == second.event_id:
            await never.wait()  # the process dies here
        handled.append(event.event_id)

    doomed = Running(kit.bus, [topic], group, stuck_on_second)
    await eventually(lambda: second.event_id in started, running=[doomed])
    await doomed.crash()

    seen, handle = recorder()
    restarted = Running(kit.bus, [topic], group, handle)
    await eventually(lambda: len(seen) >= 1, running=[restarted])
    await asyncio.sleep(0.3)  # anything else would arrive now
    await restarted.close()
    assert handled == [first.event_id]
    assert [e.event_id for e in seen] == [second.event_id]  # the first was committed, the second was not


async def test_stopped_consumer_commits_what_it_handled(kit: BusKit) -> None:
    topic, group = await kit.topic(), unique("g")
    for n in range(3):
        await kit.bus.publish(topic, article(n), key=f"h{n}")
    seen, handle = recorder()
    first = Running(kit.bus, [topic], group, handle)
    await eventually(lambda: len(seen) == 3, running=[first])
    await first.close()

    await kit.bus.publish(topic, article(3), key="h3")
    again, handle_again = recorder()
    second = Running(kit.bus, [topic], group, handle_again)
    await eventually(lambda: len(again) == 1, running=[second])
    await asyncio.sleep(0.3)
    await second.close()
    assert [e.title for e in again] == ["title 3"]


async def test_transient_handler_failure_is_retried_and_not_lost(kit: BusKit) -> None:
    topic = await kit.topic()
    flaky, after = article(1, "k"), article(2, "k")
    await kit.bus.publish(topic, flaky, key="k")
    await kit.bus.publish(topic, after, key="k")
    attempts: list[str] = []

    async def fails_twice(event: Event) -> None:
        attempts.append(event.event_id)
        if attempts.count(flaky.event_id) <= 2:
            raise ConnectionError("database is down")

    consumer = Running(kit.bus, [topic], unique("g"), fails_twice)
    await eventually(lambda: after.event_id in attempts, running=[consumer])
    await consumer.close()
    assert attempts == [flaky.event_id] * 3 + [after.event_id]


async def test_message_waiting_for_a_retry_is_delivered_again_after_stop(kit: BusKit) -> None:
    topic, group = await kit.topic(), unique("g")
    slow = await kit.make_bus(policy=RetryPolicy(attempts=0, backoff_s=60.0, backoff_max_s=60.0))
    event = article(1)
    await slow.publish(topic, event, key="k")
    calls: list[str] = []

    async def always_fails(e: Event) -> None:
        calls.append(e.event_id)
        raise ConnectionError("down")

    failing = Running(slow, [topic], group, always_fails)
    await eventually(lambda: len(calls) == 1, running=[failing])
    started = time.monotonic()
    await failing.close()
    assert time.monotonic() - started < 5  # the 60 s backoff does not hold the stop

    seen, handle = recorder()
    again = Running(slow, [topic], group, handle)
    await eventually(lambda: len(seen) == 1, running=[again])
    await again.close()
    assert seen[0].event_id == event.event_id


async def test_handler_failing_every_attempt_is_dead_lettered_with_its_last_error(kit: BusKit) -> None:
    topic = await kit.topic()
    doomed, after = article(1, "k"), article(2, "k")
    await kit.bus.publish(topic, doomed, key="k")
    await kit.bus.publish(topic, after, key="k")
    handled: list[str] = []

    async def rejects_first(event: Event) -> None:
        if event.event_id == doomed.event_id:
            raise TimeoutError("page took too long")
        handled.append(event.event_id)

    group = unique("g")
    consumer = Running(kit.bus, [topic], group, rejects_first)
    await eventually(lambda: handled == [after.event_id], running=[consumer])
    await consumer.close()
    [letter] = await dead_letters_of(kit.bus, topic, 1)
    assert letter.attempts == 3
    assert letter.reason.startswith("gave up after 3 attempts: TimeoutError: page took too long")
    assert letter.group == group
    assert letter.payload == encode_event(doomed)


async def test_invalid_message_is_dead_lettered_with_its_reason_and_the_consumer_moves_on(
    kit: BusKit,
) -> None:
    topic = await kit.topic()
    bad, good = article(1, "k"), article(2, "k")
    await kit.bus.publish(topic, bad, key="k")
    await kit.bus.publish(topic, good, key="k")
    calls: list[str] = []

    async def handle(event: Event) -> None:
        calls.append(event.event_id)
        if event.event_id == bad.event_id:
            raise InvalidMessage("article has no URL scheme")

    consumer = Running(kit.bus, [topic], unique("g"), handle)
    await eventually(lambda: good.event_id in calls, running=[consumer])
    await consumer.close()
    assert calls == [bad.event_id, good.event_id]  # no retry of an invalid message

    [letter] = await dead_letters_of(kit.bus, topic, 1)
    assert letter.reason == "article has no URL scheme"
    assert letter.payload == encode_event(bad)
    assert letter.key == "k"
    assert letter.attempts == 1
    assert letter.offset == 0
    assert 0 <= letter.partition < 4


async def test_undecodable_bytes_are_dead_lettered_and_the_consumer_moves_on(kit: BusKit) -> None:
    topic = await kit.topic()
    await kit.bus.publish_raw(topic, b"\xff not json", key="k")
    await kit.bus.publish_raw(topic, b'{"type": "article.discovered", "schema_version": 99}', key="k")
    good = article(3, "k")
    await kit.bus.publish(topic, good, key="k")
    seen, handle = recorder()
    consumer = Running(kit.bus, [topic], unique("g"), handle)
    await eventually(lambda: len(seen) == 1, running=[consumer])
    await consumer.close()
    assert seen[0].event_id == good.event_id

    letters = sorted(await dead_letters_of(kit.bus, topic, 2), key=lambda d: d.offset)
    assert [d.payload for d in letters] == [
        b"\xff not json",
        b'{"type": "article.discovered", "schema_version": 99}',
    ]
    assert all(d.reason.startswith("not a claimwatch event") for d in letters)
    assert all(d.attempts == 0 for d in letters)


async def test_two_consumers_of_one_group_share_the_partitions(kit: BusKit) -> None:
    topic, group = await kit.topic(), unique("g")
    seen_a, handle_a = recorder()
    seen_b, handle_b = recorder()
    a = Running(kit.bus, [topic], group, handle_a)
    b = Running(kit.bus, [topic], group, handle_b)
    sent: list[str] = []
    n = 0
    # Publish until both members hold partitions (a Kafka group takes a moment to settle).
    while not (seen_a and seen_b):
        for _ in range(8):
            event = article(n, f"key{n}")
            await kit.bus.publish(topic, event, key=event.url_hash)
            sent.append(event.event_id)
            n += 1
        await asyncio.sleep(0.2)
        assert n < 800, "the second consumer never got a partition"
        for r in (a, b):
            assert not r.task.done()
    await eventually(lambda: {e.event_id for e in seen_a + seen_b} >= set(sent), running=[a, b])
    await a.close()
    await b.close()
    ids_a, ids_b = {e.event_id for e in seen_a}, {e.event_id for e in seen_b}
    assert ids_a and ids_b
    assert not ids_a & ids_b


async def test_consumer_stops_instead_of_dead_lettering_too_many_in_a_row(kit: BusKit) -> None:
    bus = await kit.make_bus(dead_letter_max_consecutive=2)
    topic, group = await kit.topic(), unique("g")
    for n in range(3):
        await bus.publish_raw(topic, f"junk {n}".encode(), key="k")
    stop = asyncio.Event()

    async def never_called(event: Event) -> None:
        raise AssertionError("junk is not an event")

    with pytest.raises(DeadLetterLimitExceeded):
        await asyncio.wait_for(bus.consume([topic], group, never_called, stop=stop), 20)
    letters = await dead_letters_of(bus, topic, 2)
    assert sorted(d.payload for d in letters) == [b"junk 0", b"junk 1"]


async def test_dead_letter_topic_cannot_be_consumed_as_events(kit: BusKit) -> None:
    async def handle(event: Event) -> None:
        pass

    with pytest.raises(ValueError, match="consume_dead_letters"):
        await kit.bus.consume([TOPIC_DEAD_LETTER], unique("g"), handle, stop=asyncio.Event())
