"""Every metric claimwatch exports, declared once with its help text.

`Metrics(registry)` builds the collectors on the registry it is given, so each
test (and each service in the embedded process) can use a fresh registry.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import generate_latest

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
        self.feeds_failing = Gauge("claimwatch_feeds_failing", "Feeds whose last poll failed.", registry=r)
        self.articles_discovered = Counter(
            "claimwatch_articles_discovered", "Feed entries published as new articles.", registry=r
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
            "Bus messages handled, by topic and outcome (ok, retry, dead_letter).",
            ["topic", "outcome"],
            registry=r,
        )

    def error(self, component: str, kind: str) -> None:
        self.errors.labels(component=component, kind=kind).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
