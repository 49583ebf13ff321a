"""The OutboxStore contract the alerter relies on.

Runs on the in-memory fake and on the real SQL store (SQLite and PostgreSQL),
so the fake cannot drift from what production does.
"""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from claimwatch.common.store import Store
from claimwatch.common.store.models.subscriptions import SubscriptionCreate
from tests.alerter.fakes import MemoryOutbox, Sub
from tests.fixtures.postgres import migrated_store_url

NOW = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)
AddSubscription = Callable[..., int]


def _memory() -> tuple[Any, AddSubscription]:
    store = MemoryOutbox()

    def add(**fields: Any) -> int:
        sub = Sub(id=len(store.subscriptions) + 1, **fields)
        store.subscriptions[sub.id] = sub
        return sub.id

    return store, add


def _sql(store: Store) -> tuple[Any, AddSubscription]:
    def add(**fields: Any) -> int:
        return store.add_subscription(subscription=SubscriptionCreate(**fields)).id

    return store, add


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.real)])
def outbox(request: pytest.FixtureRequest) -> Iterator[tuple[Any, AddSubscription]]:
    if request.param == "memory":
        yield _memory()
        return
    with Store(migrated_store_url(request.param, request)) as store:
        yield _sql(store)


def _enqueue(store: Any, sub_id: int, key: str, ref_id: int = 1) -> tuple[Any, bool]:
    return store.enqueue_delivery(
        subscription_id=sub_id,
        dedupe_key=key,
        kind="match",
        ref_id=ref_id,
        channel="slack",
        payload={"match_id": ref_id},
        discovered_at=NOW,
        now=NOW,
    )


def test_enqueue_is_idempotent_on_dedupe_key(outbox: tuple[Any, AddSubscription]) -> None:
    store, add = outbox
    sub = add(name="s", channel="slack")
    row, created = _enqueue(store, sub, "sub:1:match:1:slack")
    again, created_again = _enqueue(store, sub, "sub:1:match:1:slack")
    assert (created, created_again) == (True, False)
    assert row.id == again.id
    assert (row.state, row.attempts) == ("pending", 0)


def test_claim_moves_due_rows_to_sending_once_and_counts_the_attempt(
    outbox: tuple[Any, AddSubscription],
) -> None:
    store, add = outbox
    sub = add(name="s", channel="slack")
    for i in range(3):
        _enqueue(store, sub, f"k{i}", ref_id=i)
    first = store.claim_due_deliveries(now=NOW, limit=2)
    rest = store.claim_due_deliveries(now=NOW, limit=10)
    assert len(first) == 2 and len(rest) == 1
    assert {r.state for r in first + rest} == {"sending"}
    assert {r.attempts for r in first + rest} == {1}
    assert store.claim_due_deliveries(now=NOW, limit=10) == []


def test_retrying_row_is_claimed_only_when_due(outbox: tuple[Any, AddSubscription]) -> None:
    store, add = outbox
    row, _ = _enqueue(store, add(name="s", channel="slack"), "k")
    (claimed,) = store.claim_due_deliveries(now=NOW, limit=10)
    store.mark_retry(delivery_id=claimed.id, error="slack: 500", next_attempt_at=NOW + timedelta(seconds=30))
    assert store.claim_due_deliveries(now=NOW + timedelta(seconds=29), limit=10) == []
    (again,) = store.claim_due_deliveries(now=NOW + timedelta(seconds=30), limit=10)
    assert (again.id, again.attempts, again.last_error) == (row.id, 2, "slack: 500")


def test_sent_and_dead_rows_are_never_claimed_again(outbox: tuple[Any, AddSubscription]) -> None:
    store, add = outbox
    sub = add(name="s", channel="slack")
    _enqueue(store, sub, "a", 1)
    _enqueue(store, sub, "b", 2)
    a, b = store.claim_due_deliveries(now=NOW, limit=10)
    store.mark_sent(delivery_id=a.id, now=NOW)
    store.mark_dead(delivery_id=b.id, error="slack: 404 no_service")
    assert store.claim_due_deliveries(now=NOW + timedelta(days=1), limit=10) == []


def test_stale_sending_rows_are_recovered(outbox: tuple[Any, AddSubscription]) -> None:
    store, add = outbox
    _enqueue(store, add(name="s", channel="slack"), "k")
    store.claim_due_deliveries(now=NOW, limit=10)
    later = NOW + timedelta(minutes=1)
    assert store.recover_stale_sending(older_than=NOW - timedelta(minutes=1), now=later) == 0
    assert store.recover_stale_sending(older_than=later, now=later) == 1
    (again,) = store.claim_due_deliveries(now=NOW + timedelta(minutes=1), limit=10)
    assert again.attempts == 2


def test_subscriptions_are_listed_by_enabled_and_can_be_marked_broken(
    outbox: tuple[Any, AddSubscription],
) -> None:
    store, add = outbox
    on = add(name="on", channel="slack")
    add(name="off", channel="slack", enabled=False)
    assert [s.id for s in store.list_subscriptions(enabled=True)] == [on]
    store.mark_subscription_broken(subscription_id=on, reason="slack: 410 channel_is_archived")
    (sub,) = store.list_subscriptions(enabled=True)
    assert sub.broken_reason == "slack: 410 channel_is_archived"
