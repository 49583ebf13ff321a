"""Alert latency in Kafka mode: from the extractor receiving an article to Slack receiving the alert."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
import pytest

from claimwatch.common.core.feeds.urls import canonicalize_url, url_hash
from claimwatch.common.events import TOPIC_ARTICLES, ArticleDiscovered
from tests.e2e.processes import Service, api_client, kafka_bus, run_cli, running, service_env
from tests.e2e.site import WATCHLIST, article_page, seed_texts
from tests.fixtures.http import LocalHTTPServer
from tests.fixtures.kafka import TansuBroker
from tests.fixtures.slack import FakeSlack

pytestmark = [pytest.mark.real, pytest.mark.slow, pytest.mark.timeout(240)]

ARTICLES = 12
SPACING_S = 1.2  # above Slack's one message per second per webhook: no wait for the rate limit


def _arrival(slack: FakeSlack, url: str) -> float | None:
    return next((r.at for r in slack.requests if r.status == 200 and url in r.body.decode()), None)


async def _publish_spaced(bootstrap: str, urls: list[str], slack: FakeSlack) -> list[float]:
    """Publish each article, wait for its alert; the latency of each, in seconds."""
    latencies = []
    async with kafka_bus(bootstrap) as bus:
        for url in urls:
            canonical = canonicalize_url(url)
            event = ArticleDiscovered(
                url=url, canonical_url=canonical, url_hash=url_hash(canonical), title=url
            )
            sent = time.monotonic()
            await bus.publish(TOPIC_ARTICLES, event, key=event.url_hash)
            deadline = sent + 30
            while (arrived := _arrival(slack, url)) is None and time.monotonic() < deadline:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            assert arrived is not None, f"no alert for {url}"
            latencies.append(arrived - sent)
            await asyncio.sleep(max(0.0, SPACING_S - (time.monotonic() - sent)))
    return latencies


def test_p95_from_article_received_to_slack_is_under_two_seconds(
    tmp_path: Path,
    fresh_tansu: TansuBroker,
    fresh_postgres_url: str,
    http_server: LocalHTTPServer,
    slack_server: FakeSlack,
) -> None:
    env = service_env(bootstrap=fresh_tansu.bootstrap, database_url=fresh_postgres_url, data_dir=tmp_path)
    env["CLAIMWATCH_ALERT_BURST_MAX"] = "1000"  # one message per alert: measure alerts, not digests
    assert run_cli("db", "upgrade", env=env).returncode == 0
    texts = seed_texts()
    urls = [
        http_server.route(
            f"/latency/{i}.html",
            article_page(f"Story {i}", texts[i % 3], "2025-11-01T10:00:00Z"),
            content_type="text/html; charset=utf-8",
        )
        for i in range(ARTICLES + 1)
    ]
    services = [Service(name, env, tmp_path) for name in ("api", "alerter", "extractor")]
    with running(services):
        api = services[0].start()
        with api_client(api) as client:
            client.put(
                "/watchlist/import",
                content=WATCHLIST.read_text(),
                headers={"Content-Type": "application/yaml"},
            ).raise_for_status()
            sub = {
                "name": "desk",
                "channel": "slack",
                "slack_webhook_url": slack_server.webhook_url(),
                "relations": ["mention"],
            }
            client.post("/subscriptions", json=sub).raise_for_status()
        for service in services[1:]:
            service.start()
        # The first article warms the worker pool and the consumer groups; it is not counted.
        asyncio.run(_publish_spaced(fresh_tansu.bootstrap, urls[:1], slack_server))
        latencies = sorted(asyncio.run(_publish_spaced(fresh_tansu.bootstrap, urls[1:], slack_server)))
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        print(json.dumps({"articles": len(latencies), "p50_s": latencies[len(latencies) // 2], "p95_s": p95}))
        assert p95 < 2.0, latencies
        alerter_metrics = httpx.get(f"http://127.0.0.1:{services[1].port}/metrics").text
        count = next(
            float(line.split()[-1])
            for line in alerter_metrics.splitlines()
            if line.startswith("claimwatch_discovery_to_delivery_seconds_count")
        )
        assert count >= ARTICLES
