"""Every metric claimwatch exports, declared once with its help text.

`Metrics(registry)` builds the collectors on the registry it is given, so each
test (and each service in the embedded process) can use a fresh registry.
Counters and histograms count what this process did; the gauges over the
shared store (`watch_store`) are read from it at scrape time, so every
replica reports the same figures.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal, Protocol

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import generate_latest

log = logging.getLogger("claimwatch.metrics")

_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120)


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        # Poller.
        self.feeds_polled = Counter(
            "claimwatch_feeds_polled",
            "Feed fetches, by outcome (ok, not_modified, error).",
            ["outcome"],
            registry=r,
        )
        self.feeds_failing = Gauge(
            "claimwatch_feeds_failing", "Enabled feeds whose last poll failed.", registry=r
        )
        self.feeds_silent = Gauge(
            "claimwatch_feeds_silent",
            "Enabled feeds with no new entry for much longer than their usual gap (feed_silence_factor).",
            registry=r,
        )
        self.articles_discovered = Counter(
            "claimwatch_articles_discovered", "Feed entries published as new articles.", registry=r
        )
        self.articles_revised = Counter(
            "claimwatch_articles_revised",
            "Stored articles published again because their feed entry was updated (edits).",
            registry=r,
        )
        self.fetch_seconds = Histogram(
            "claimwatch_fetch_seconds",
            "Duration of one guarded HTTP fetch.",
            ["kind"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        # Extractor.
        self.articles_extracted = Counter(
            "claimwatch_articles_extracted",
            "Articles stored, by text source (page, summary, failed).",
            ["source"],
            registry=r,
        )
        self.extract_seconds = Histogram(
            "claimwatch_extract_seconds",
            "Duration of page text extraction.",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.mentions = Counter("claimwatch_mentions", "Watchlist mentions found in articles.", registry=r)
        self.claims = Counter("claimwatch_claims", "Claims extracted from articles.", registry=r)
        self.matches = Counter(
            "claimwatch_matches", "Claim matches found, by relation.", ["relation"], registry=r
        )
        # Alerter.
        self.deliveries = Counter(
            "claimwatch_deliveries",
            "Delivery attempts, by channel and outcome (sent, retry, dead).",
            ["channel", "outcome"],
            registry=r,
        )
        self.delivery_seconds = Histogram(
            "claimwatch_delivery_seconds",
            "Duration of one send to a channel.",
            ["channel"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.discovery_to_delivery_seconds = Histogram(
            "claimwatch_discovery_to_delivery_seconds",
            "From the article's discovery to its alert's successful send.",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.dead_deliveries = Gauge(
            "claimwatch_deliveries_dead", "Deliveries in the dead state.", registry=r
        )
        # Everyone.
        self.errors = Counter(
            "claimwatch_errors",
            "Errors a user may care about, by component and kind.",
            ["component", "kind"],
            registry=r,
        )
        self.bus_messages = Counter(
            "claimwatch_bus_messages",
            "Bus messages, by topic and outcome (published, ok, retry, dead_letter).",
            ["topic", "outcome"],
            registry=r,
        )
        self.bus_handle_seconds = Histogram(
            "claimwatch_bus_handle_seconds",
            "Duration of one successful message handling, by topic.",
            ["topic"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )

    def error(self, component: str, kind: str) -> None:
        self.errors.labels(component=component, kind=kind).inc()

    def watch_store(
        self,
        store: StoreCounts,
        *,
        silence_factor: float = 4.0,
        silence_min_s: float = 86_400.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """Read the failing, silent and dead-delivery gauges from `store` at each scrape.

        One COUNT query per gauge and scrape. A store that cannot answer gives NaN
        (and counts an error) rather than a failed scrape: /metrics stays up when the
        database is down, and a stale figure is never shown as current.
        """

        def reading(what: str, count: Callable[[], int]) -> Callable[[], float]:
            def read() -> float:
                try:
                    return float(count())
                except Exception as exc:  # any store error; the scrape must go on
                    log.warning("metrics: cannot count %s: %s", what, exc)
                    self.error("metrics", "store_unavailable")
                    return math.nan

            return read

        self.feeds_failing.set_function(
            reading("failing feeds", lambda: store.count_feeds(status="failing", enabled=True))
        )
        self.feeds_silent.set_function(
            reading(
                "silent feeds",
                lambda: store.count_feeds(
                    status="silent",
                    now=clock(),
                    silence_factor=silence_factor,
                    silence_min_s=silence_min_s,
                ),
            )
        )
        self.dead_deliveries.set_function(
            reading("dead deliveries", lambda: store.count_deliveries(state="dead"))
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def for_alerter(self) -> AlerterMetricsView:
        return AlerterMetricsView(self)

    def for_bus(self) -> BusMetricsView:
        return BusMetricsView(self)


class StoreCounts(Protocol):
    """What `Metrics.watch_store` asks of the store (claimwatch.common.store.Store has it)."""

    def count_feeds(
        self,
        *,
        status: Literal["failing", "ok", "silent"] | None = None,
        enabled: bool | None = None,
        now: datetime | None = None,
        silence_factor: float = ...,
        silence_min_s: float = ...,
    ) -> int: ...

    def count_deliveries(
        self, *, state: Literal["pending", "sending", "sent", "retrying", "dead"] | None = None
    ) -> int: ...


class AlerterMetricsView:
    def __init__(self, m: Metrics) -> None:
        self._m = m

    def delivery_outcome(self, channel: str, outcome: str) -> None:
        self._m.deliveries.labels(channel=channel, outcome=outcome).inc()

    def delivery_latency(self, channel: str, seconds: float) -> None:
        self._m.delivery_seconds.labels(channel=channel).observe(seconds)

    def discovery_to_delivery(self, channel: str, seconds: float) -> None:
        self._m.discovery_to_delivery_seconds.observe(seconds)


class BusMetricsView:
    def __init__(self, m: Metrics) -> None:
        self._m = m

    def published(self, topic: str) -> None:
        self._m.bus_messages.labels(topic=topic, outcome="published").inc()

    def consumed(self, topic: str, group: str, seconds: float) -> None:
        self._m.bus_messages.labels(topic=topic, outcome="ok").inc()
        self._m.bus_handle_seconds.labels(topic=topic).observe(seconds)

    def failed(self, topic: str, group: str) -> None:
        self._m.bus_messages.labels(topic=topic, outcome="retry").inc()

    def dead_lettered(self, topic: str, group: str) -> None:
        self._m.bus_messages.labels(topic=topic, outcome="dead_letter").inc()
