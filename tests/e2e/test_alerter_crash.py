"""kill -9 the alerter mid-send: after restart all pending alerts go out, the one in flight at most twice."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from claimwatch.common.events import TOPIC_MENTIONS, MentionFound
from tests.e2e.processes import Service, api_client, kafka_bus, run_cli, running, service_env, wait_until
from tests.fixtures.kafka import TansuBroker
from tests.fixtures.slack import FakeSlack, SlackReply

pytestmark = [pytest.mark.real, pytest.mark.slow, pytest.mark.timeout(240)]

ALERTS = 5


async def _publish_mentions(bootstrap: str) -> None:
    bus = kafka_bus(bootstrap)
    async with bus:
        for i in range(1, ALERTS + 1):
            event = MentionFound(
                article_id=i,
                article_url=f"https://news.example/{i}",
                title=f"Story {i}",
                entities=["Pantsir-S1"],
            )
            await bus.publish(TOPIC_MENTIONS, event, key=str(i))


def test_a_killed_alerter_sends_every_pending_alert_after_restart(
    tmp_path: Path, fresh_tansu: TansuBroker, fresh_postgres_url: str, slack_server: FakeSlack
) -> None:
    env = service_env(bootstrap=fresh_tansu.bootstrap, database_url=fresh_postgres_url, data_dir=tmp_path)
    env.update(
        {
            "CLAIMWATCH_ALERT_BURST_MAX": "100",  # one message per alert, no digest
            "CLAIMWATCH_ALERT_SEND_TIMEOUT_S": "5",
            "CLAIMWATCH_SMTP_TIMEOUT_S": "5",
            "CLAIMWATCH_ALERT_STALE_AFTER_S": "5",
        }
    )
    assert run_cli("db", "upgrade", env=env).returncode == 0
    slack_server.default = SlackReply(delay_s=1.5)  # every send is slow: the kill lands mid-send
    api = Service("api", env, tmp_path)
    alerter = Service("alerter", env, tmp_path)
    with running([api, alerter]):
        api.start()
        with api_client(api) as client:
            sub = {
                "name": "desk",
                "channel": "slack",
                "slack_webhook_url": slack_server.webhook_url(),
                "relations": ["mention"],
            }
            assert client.post("/subscriptions", json=sub).status_code == 201
            alerter.start()
            asyncio.run(_publish_mentions(fresh_tansu.bootstrap))

            def in_flight() -> bool:
                return bool(client.get("/deliveries", params={"state": "sending"}).json())

            wait_until(in_flight, 60, "no delivery was being sent:\n" + alerter.log())
            alerter.kill()
            sent_before_restart = len(client.get("/deliveries", params={"state": "sent"}).json())
            assert sent_before_restart < ALERTS

            restarted = Service("alerter", env, tmp_path)
            with running([restarted]):
                restarted.start()
                wait_until(
                    lambda: len(client.get("/deliveries", params={"state": "sent"}).json()) == ALERTS,
                    90,
                    "pending alerts were not sent after restart:\n" + restarted.log(),
                )
    # Every alert arrived; only the one in flight at the kill may have arrived twice.
    wait_until(lambda: len(slack_server.ok_bodies()) >= ALERTS, 10)
    per_story = Counter(
        next(n for n in range(1, ALERTS + 1) if f"https://news.example/{n}" in json.dumps(b))
        for b in slack_server.ok_bodies()
    )
    assert set(per_story) == set(range(1, ALERTS + 1))
    assert sum(per_story.values()) <= ALERTS + 1
    assert sum(1 for count in per_story.values() if count > 1) <= 1
