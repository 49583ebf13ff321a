"""Gauges read from the shared store at scrape time, on SQLite and PostgreSQL, and a store that is down."""

from __future__ import annotations

import math
import socket
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from prometheus_client import CollectorRegistry

from claimwatch.common.metrics import Metrics
from claimwatch.common.ops import ops_app
from claimwatch.common.store import Store
from claimwatch.common.store.models import SubscriptionCreate

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _gauges(metrics: Metrics) -> tuple[float | None, ...]:
    names = ("claimwatch_feeds_failing", "claimwatch_feeds_silent", "claimwatch_deliveries_dead")
    return tuple(metrics.registry.get_sample_value(name) for name in names)


def test_store_gauges_follow_the_store_at_each_scrape(store: Store) -> None:
    metrics = Metrics(CollectorRegistry())
    metrics.watch_store(store, clock=lambda: NOW)
    assert _gauges(metrics) == (0, 0, 0)
    failing, _ = store.add_feed(url="https://a.example/failing")
    quiet, _ = store.add_feed(url="https://a.example/quiet")
    store.record_poll(feed_id=failing.id, owner="p", now=NOW, ok=False, status=500, next_poll_at=NOW)
    store.record_poll(
        feed_id=quiet.id,
        owner="p",
        now=NOW,
        ok=True,
        next_poll_at=NOW,
        mean_entry_interval_s=3600.0,
        newest_entry_at=NOW - timedelta(days=3),
    )
    sub = store.add_subscription(subscription=SubscriptionCreate(name="ops", channel="console"))
    delivery, _ = store.enqueue_delivery(
        subscription_id=sub.id, dedupe_key="k", kind="match", ref_id=1, channel="console", payload={}
    )
    store.mark_dead(delivery_id=delivery.id, error="refused")
    assert _gauges(metrics) == (1, 1, 1)
    # Recovery is seen at the next scrape: nothing is cached in the process.
    store.record_poll(feed_id=failing.id, owner="p", now=NOW, ok=True, next_poll_at=NOW)
    assert _gauges(metrics)[0] == 0


def test_silence_settings_are_applied_by_the_gauge(store: Store) -> None:
    quiet, _ = store.add_feed(url="https://a.example/quiet")
    store.record_poll(
        feed_id=quiet.id,
        owner="p",
        now=NOW,
        ok=True,
        next_poll_at=NOW,
        mean_entry_interval_s=3600.0,
        newest_entry_at=NOW - timedelta(days=3),
    )
    off = Metrics(CollectorRegistry())
    off.watch_store(store, silence_factor=0, clock=lambda: NOW)
    patient = Metrics(CollectorRegistry())
    patient.watch_store(store, silence_min_s=7 * 86_400, clock=lambda: NOW)
    assert _gauges(off)[1] == _gauges(patient)[1] == 0


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_metrics_are_served_while_the_database_is_down() -> None:
    down = Store(f"postgresql://claimwatch@127.0.0.1:{_closed_port()}/claimwatch")
    metrics = Metrics(CollectorRegistry())
    metrics.watch_store(down)
    metrics.feeds_polled.labels(outcome="ok").inc()
    with TestClient(ops_app("poller", metrics)) as client:
        response = client.get("/metrics")
    down.close()
    assert response.status_code == 200
    assert "claimwatch_feeds_polled_total" in response.text
    assert all(value is not None and math.isnan(value) for value in _gauges(metrics))
    errors = metrics.registry.get_sample_value(
        "claimwatch_errors_total", {"component": "metrics", "kind": "store_unavailable"}
    )
    assert errors is not None and errors >= 3
