"""The four services as separate processes over a Kafka-protocol broker (tansu) and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.processes import Service, api_client, run_cli, running, service_env, wait_until
from tests.e2e.site import WATCHLIST, article_page, publish_seed_site, rss, seed_texts
from tests.fixtures.http import LocalHTTPServer
from tests.fixtures.kafka import TansuBroker
from tests.fixtures.slack import FakeSlack
from tests.fixtures.smtp import SmtpServer

pytestmark = [pytest.mark.real, pytest.mark.slow, pytest.mark.timeout(300)]


def _configure(api: Service, slack: FakeSlack, smtp: SmtpServer) -> None:
    with api_client(api) as client:
        imported = client.put(
            "/watchlist/import", content=WATCHLIST.read_text(), headers={"Content-Type": "application/yaml"}
        )
        assert imported.status_code == 200, imported.text
        every = ["corroborates", "contradicts", "mention"]
        for body in (
            {
                "name": "desk",
                "channel": "slack",
                "slack_webhook_url": slack.webhook_url(),
                "relations": every,
            },
            {"name": "mail", "channel": "email", "email_to": ["analyst@example.org"], "relations": every},
        ):
            assert client.post("/subscriptions", json=body).status_code == 201


def test_four_processes_over_kafka_and_postgres_deliver_alerts(
    tmp_path: Path,
    fresh_tansu: TansuBroker,
    fresh_postgres_url: str,
    http_server: LocalHTTPServer,
    slack_server: FakeSlack,
    smtp_server: SmtpServer,
) -> None:
    env = service_env(bootstrap=fresh_tansu.bootstrap, database_url=fresh_postgres_url, data_dir=tmp_path)
    env.update({"CLAIMWATCH_SMTP_HOST": smtp_server.host, "CLAIMWATCH_SMTP_PORT": str(smtp_server.port)})
    assert run_cli("db", "upgrade", env=env).returncode == 0
    feed_url = publish_seed_site(http_server)
    services = [Service(name, env, tmp_path) for name in ("api", "alerter", "extractor", "poller")]
    with running(services):
        api = services[0].start()
        _configure(api, slack_server, smtp_server)
        for service in services[1:]:
            service.start()
        with api_client(api) as client:
            assert client.post("/feeds", json={"url": feed_url}).status_code == 201
            wait_until(
                lambda: len(slack_server.ok_bodies()) >= 3 and len(smtp_server.messages) >= 3,
                120,
                "alerts did not arrive:\n" + "\n".join(s.log() for s in services),
            )
            wait_until(lambda: any("Contradiction" in json.dumps(b) for b in slack_server.ok_bodies()), 60)
            assert len(client.get("/articles").json()) == 3
            matches = client.get("/matches", params={"relation": "contradicts"}).json()
            assert matches
            feed = client.get("/feeds").json()[0]
            assert feed["status"] == "ok" and feed["entries_seen"] == 3
        for service in services[1:]:
            metrics = __import__("httpx").get(f"http://127.0.0.1:{service.port}/metrics").text
            assert "claimwatch_" in metrics


def test_a_killed_extractor_loses_no_article_and_duplicates_no_alert(
    tmp_path: Path,
    fresh_tansu: TansuBroker,
    fresh_postgres_url: str,
    http_server: LocalHTTPServer,
    slack_server: FakeSlack,
    smtp_server: SmtpServer,
) -> None:
    env = service_env(bootstrap=fresh_tansu.bootstrap, database_url=fresh_postgres_url, data_dir=tmp_path)
    assert run_cli("db", "upgrade", env=env).returncode == 0
    # Nine articles, each page slow to serve, so the extractor is mid-batch when it dies.
    texts = seed_texts()
    items = []
    for i in range(9):
        url = http_server.route(
            f"/story/{i}.html",
            article_page(f"Story {i}", texts[i % 3], "2025-11-01T10:00:00Z"),
            content_type="text/html; charset=utf-8",
            delay_s=0.7,
        )
        items.append((f"Story {i}", url, "Sat, 01 Nov 2025 10:00:00 GMT"))
    feed_url = http_server.route("/batch.xml", rss(items))

    api, alerter = Service("api", env, tmp_path), Service("alerter", env, tmp_path)
    extractor = Service("extractor", env, tmp_path)
    with running([api, alerter, extractor]):
        api.start()
        _configure(api, slack_server, smtp_server)
        alerter.start()
        extractor.start()
        with api_client(api) as client:
            assert client.post("/feeds", json={"url": feed_url}).status_code == 201
            polled = run_cli("poll", "--once", env=env)
            assert json.loads(polled.stdout.splitlines()[-1])["discovered"] == 9, polled.stderr

            def stored() -> int:
                return len(client.get("/articles", params={"limit": 100}).json())

            wait_until(lambda: stored() >= 2, 60, "extraction did not start:\n" + extractor.log())
            extractor.kill()
            killed_at = stored()
            assert killed_at < 9
            restarted = Service("extractor", env, tmp_path)
            with running([restarted]):
                restarted.start()
                wait_until(lambda: stored() == 9, 120, "articles were lost:\n" + restarted.log())
                # Let the alerter drain, then check nothing went out twice.
                wait_until(
                    lambda: (
                        not client.get("/deliveries", params={"state": "pending"}).json()
                        and not client.get("/deliveries", params={"state": "sending"}).json()
                    ),
                    60,
                )
            articles = client.get("/articles", params={"limit": 100}).json()
            assert sorted(a["url"] for a in articles) == sorted(u for _t, u, _d in items)
            deliveries = client.get("/deliveries", params={"limit": 1000}).json()
            keys = [d["dedupe_key"] for d in deliveries]
            assert len(keys) == len(set(keys))
    bodies = [json.dumps(b, sort_keys=True) for b in slack_server.ok_bodies()]
    assert bodies and len(bodies) == len(set(bodies))
