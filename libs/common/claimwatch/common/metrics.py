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

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def for_poller(self) -> PollerMetricsView:
        return PollerMetricsView(self)

    def for_alerter(self) -> AlerterMetricsView:
        return AlerterMetricsView(self)

    def for_bus(self) -> BusMetricsView:
        return BusMetricsView(self)


class PollerMetricsView:
    """The poller's metrics protocol over the shared collectors."""

    def __init__(self, m: Metrics) -> None:
        self._m = m

    def polled(self, outcome: str) -> None:
        self._m.feeds_polled.labels(outcome=outcome).inc()

    def discovered(self, count: int) -> None:
        self._m.articles_discovered.inc(count)

    def fetched(self, seconds: float) -> None:
        self._m.fetch_seconds.labels(kind="feed").observe(seconds)

    def error(self, kind: str) -> None:
        self._m.error("poller", kind)


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
