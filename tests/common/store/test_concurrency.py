"""Several workers (threads with their own Store, as separate processes would have) racing on one database."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TypeVar

import pytest

from claimwatch.common.core.model import Claim
from claimwatch.common.store import Store
from claimwatch.common.store.models import SubscriptionCreate

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
WORKERS = 4
T = TypeVar("T")


@pytest.fixture
def stores(store_url: str) -> Iterator[list[Store]]:
    opened = [Store(store_url) for _ in range(WORKERS)]
    yield opened
    for s in opened:
        s.close()


def race(stores: list[Store], call: Callable[[Store], T]) -> list[T]:
    """Runs `call` once per store, all released at the same moment."""
    barrier = threading.Barrier(len(stores))

    def run(s: Store) -> T:
        barrier.wait(timeout=10)
        return call(s)

    with ThreadPoolExecutor(len(stores)) as pool:
        return list(pool.map(run, stores))


def test_concurrent_enqueues_of_one_alert_create_one_delivery(stores: list[Store]) -> None:
    sub = stores[0].add_subscription(subscription=SubscriptionCreate(name="ops", channel="console"))
    sub_id = sub.id
    results = race(
        stores,
        lambda s: s.enqueue_delivery(
            subscription_id=sub_id,
            dedupe_key="sub:1:match:9:console",
            kind="match",
            ref_id=9,
            channel="console",
            payload={},
        ),
    )
    assert sorted(created for _, created in results) == [False] * (WORKERS - 1) + [True]
    assert len({d.id for d, _ in results}) == 1


def test_concurrent_upserts_of_one_article_create_one_row(stores: list[Store]) -> None:
    results = race(
        stores,
        lambda s: s.upsert_article(
            url_hash="h",
            canonical_url="https://n.example/a",
            url="https://n.example/a",
            text="t",
            text_hash="t",
            extraction_status="page",
        ),
    )
    assert sum(created for _, created, _ in results) == 1
    assert len({a.id for a, _, _ in results}) == 1


def test_concurrent_adds_of_one_feed_claim_and_match_resolve_to_one_row(stores: list[Store]) -> None:
    feeds = race(stores, lambda s: s.add_feed(url="https://n.example/feed"))
    assert sum(created for _, created in feeds) == 1 and len({f.id for f, _ in feeds}) == 1

    article, _, _ = stores[0].upsert_article(
        url_hash="h", canonical_url="u", url="u", text="t", text_hash="t", extraction_status="page"
    )
    other, _, _ = stores[0].upsert_article(
        url_hash="h2", canonical_url="u2", url="u2", text="t", text_hash="t", extraction_status="page"
    )
    claim = Claim(
        "Russia", "transfer", "S-400", "India", "affirmed", "asserted", "outlet:N", "s", (0, 1), "u"
    )
    ids = race(stores, lambda s: s.add_claims(article_id=article.id, claims=[(claim, ["transfer|s-400"])]))
    assert len({tuple(i) for i in ids}) == 1
    [stored_id] = stores[0].add_claims(article_id=other.id, claims=[(claim, ["transfer|s-400"])])
    matches = race(
        stores,
        lambda s: s.add_match(
            new_claim_id=ids[0][0],
            stored_claim_id=stored_id,
            relation="corroborates",
            independence="independent",
            confidence=0.9,
            explanation="same delivery",
        ),
    )
    assert sum(created for _, created in matches) == 1 and len({m for m, _ in matches}) == 1


def test_two_pollers_never_lease_the_same_feed(stores: list[Store]) -> None:
    total = 24
    for i in range(total):
        stores[0].add_feed(url=f"https://n.example/{i}")

    def lease_all(s: Store) -> list[int]:
        owner = f"poller-{id(s)}"
        got: list[int] = []
        while batch := s.lease_due_feeds(now=NOW, owner=owner, limit=3, lease_s=300):
            got.extend(f.id for f, _ in batch)
        return got

    leased = race(stores, lease_all)
    flat = [feed_id for per_worker in leased for feed_id in per_worker]
    assert len(flat) == total and len(set(flat)) == total


def test_two_senders_never_claim_the_same_delivery(stores: list[Store]) -> None:
    sub = stores[0].add_subscription(subscription=SubscriptionCreate(name="ops", channel="console"))
    total = 24
    for i in range(total):
        stores[0].enqueue_delivery(
            subscription_id=sub.id,
            dedupe_key=f"k{i}",
            kind="match",
            ref_id=i,
            channel="console",
            payload={},
            now=NOW,
        )

    def claim_all(s: Store) -> list[int]:
        got: list[int] = []
        while batch := s.claim_due_deliveries(now=NOW, limit=2):
            got.extend(d.id for d in batch)
        return got

    flat = [d for per_worker in race(stores, claim_all) for d in per_worker]
    assert len(flat) == total and len(set(flat)) == total
