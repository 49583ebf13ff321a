from __future__ import annotations

from datetime import UTC, datetime, timedelta

from claimwatch.common.store import Store
from claimwatch.common.store.models import SubscriptionCreate

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _subscription(store: Store) -> int:
    sub = store.add_subscription(subscription=SubscriptionCreate(name="ops", channel="console"))
    return sub.id


def _enqueue(store: Store, sub_id: int, ref_id: int, **kw: object) -> tuple[int, bool]:
    delivery, created = store.enqueue_delivery(
        subscription_id=sub_id,
        dedupe_key=f"sub:{sub_id}:match:{ref_id}:console",
        kind="match",
        ref_id=ref_id,
        channel="console",
        payload={"match_id": ref_id},
        now=NOW,
        **kw,  # type: ignore[arg-type]
    )
    return delivery.id, created


def test_the_same_alert_is_queued_once(store: Store) -> None:
    sub_id = _subscription(store)
    first, created = _enqueue(store, sub_id, 7)
    again, created_again = _enqueue(store, sub_id, 7)
    assert created and not created_again and first == again
    assert len(store.list_deliveries()) == 1


def test_a_sent_alert_is_not_queued_again(store: Store) -> None:
    sub_id = _subscription(store)
    delivery_id, _ = _enqueue(store, sub_id, 7)
    [claimed] = store.claim_due_deliveries(now=NOW, limit=10)
    store.mark_sent(delivery_id=claimed.id, now=NOW)
    again_id, created = _enqueue(store, sub_id, 7)
    assert not created and again_id == delivery_id
    assert store.claim_due_deliveries(now=NOW + timedelta(hours=1), limit=10) == []


def test_claiming_moves_due_rows_to_sending_and_counts_the_attempt(store: Store) -> None:
    sub_id = _subscription(store)
    due_id, _ = _enqueue(store, sub_id, 1, discovered_at=NOW - timedelta(minutes=3))
    _enqueue(store, sub_id, 2, next_attempt_at=NOW + timedelta(minutes=5))
    claimed = store.claim_due_deliveries(now=NOW, limit=10)
    assert [(d.id, d.state, d.attempts, d.payload) for d in claimed] == [
        (due_id, "sending", 1, {"match_id": 1})
    ]
    assert claimed[0].discovered_at == NOW - timedelta(minutes=3)
    assert store.claim_due_deliveries(now=NOW, limit=10) == []


def test_retry_waits_for_its_time_then_dead_can_be_retried(store: Store) -> None:
    sub_id = _subscription(store)
    delivery_id, _ = _enqueue(store, sub_id, 1)
    store.claim_due_deliveries(now=NOW, limit=10)
    assert store.mark_retry(delivery_id=delivery_id, error="429", next_attempt_at=NOW + timedelta(seconds=30))
    assert store.claim_due_deliveries(now=NOW + timedelta(seconds=10), limit=10) == []
    [again] = store.claim_due_deliveries(now=NOW + timedelta(seconds=30), limit=10)
    assert again.attempts == 2 and again.last_error == "429"
    assert store.mark_dead(delivery_id=delivery_id, error="webhook revoked")
    assert [d.id for d in store.list_deliveries(state="dead")] == [delivery_id]
    assert store.retry_dead(delivery_id=delivery_id, now=NOW)
    assert not store.retry_dead(delivery_id=delivery_id)
    [revived] = store.claim_due_deliveries(now=NOW + timedelta(minutes=1), limit=10)
    assert revived.attempts == 1


def test_rows_left_sending_by_a_killed_sender_are_recovered(store: Store) -> None:
    sub_id = _subscription(store)
    stale_id, _ = _enqueue(store, sub_id, 1)
    store.claim_due_deliveries(now=NOW, limit=10)
    fresh_id, _ = _enqueue(store, sub_id, 2)
    store.claim_due_deliveries(now=NOW + timedelta(minutes=10), limit=10)
    recovered = store.recover_stale_sending(
        older_than=NOW + timedelta(minutes=5), now=NOW + timedelta(minutes=11)
    )
    assert recovered == 1
    stale = store.get_delivery(delivery_id=stale_id)
    fresh = store.get_delivery(delivery_id=fresh_id)
    assert stale is not None and stale.state == "retrying"
    assert fresh is not None and fresh.state == "sending"
    assert [d.id for d in store.claim_due_deliveries(now=NOW + timedelta(minutes=11), limit=10)] == [stale_id]


def test_claim_respects_the_limit_oldest_first(store: Store) -> None:
    sub_id = _subscription(store)
    ids = [_enqueue(store, sub_id, i, next_attempt_at=NOW - timedelta(seconds=i))[0] for i in range(3)]
    assert [d.id for d in store.claim_due_deliveries(now=NOW, limit=2)] == [ids[2], ids[1]]


def test_deleting_a_subscription_deletes_its_deliveries(store: Store) -> None:
    sub_id = _subscription(store)
    _enqueue(store, sub_id, 1)
    store.delete_subscription(subscription_id=sub_id)
    assert store.list_deliveries() == []


def test_dead_letters_are_kept_with_their_reason(store: Store) -> None:
    store.add_dead_letter(
        source="articles.discovered", key="h1", payload="{not json", reason="invalid JSON", now=NOW
    )
    store.add_dead_letter(source="alerter", key="d1", payload="{}", reason="unknown subscription")
    letters = store.list_dead_letters(source="articles.discovered")
    assert [(d.key, d.reason, d.created_at) for d in letters] == [("h1", "invalid JSON", NOW)]
    assert len(store.list_dead_letters()) == 2


def test_deliveries_are_counted_by_state(store: Store) -> None:
    sub_id = _subscription(store)
    for ref_id in (1, 2, 3):
        _enqueue(store, sub_id, ref_id)
    first, _second = store.claim_due_deliveries(now=NOW, limit=2)
    store.mark_dead(delivery_id=first.id, error="410 from the webhook")
    assert store.count_deliveries(state="dead") == 1
    assert store.count_deliveries(state="sending") == 1
    assert store.count_deliveries(state="pending") == 1
    assert store.count_deliveries() == 3
