"""A 60-second Slack outage, with alerts arriving all through it, loses nothing and duplicates nothing."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from claimwatch.alerter.alerter import Alerter
from claimwatch.alerter.factory import alerter_config, build_notifiers, slack_client
from claimwatch.common.store import Store, upgrade
from claimwatch.common.store.aio import ThreadedStore
from claimwatch.common.store.models.subscriptions import SubscriptionCreate
from tests.alerter.fakes import lavrov_vs_zhuravlev
from tests.fixtures.http import make_settings
from tests.fixtures.slack import FakeSlack

pytestmark = [pytest.mark.real, pytest.mark.slow, pytest.mark.timeout(180)]

OUTAGE_S = 60.0
ALERTS = 12


async def test_a_minute_long_slack_outage_loses_and_duplicates_nothing(
    tmp_path: Path, slack_server: FakeSlack
) -> None:
    url = f"sqlite:///{tmp_path / 'claimwatch.db'}"
    upgrade(url)
    settings = make_settings(
        alert_backoff_base_s=1.0, alert_backoff_cap_s=8.0, alert_max_attempts=100, alert_burst_max=1000
    )
    with Store(url) as store:
        store.add_subscription(
            subscription=SubscriptionCreate(
                name="desk",
                channel="slack",
                slack_webhook_url=slack_server.webhook_url(),  # type: ignore[arg-type]
            )
        )
        async with slack_client(settings) as client:
            alerter = Alerter(
                ThreadedStore(store),  # type: ignore[arg-type]
                build_notifiers(settings, client),
                config=alerter_config(settings),
            )
            slack_server.outage(OUTAGE_S)
            stop = asyncio.Event()
            runner = asyncio.create_task(alerter.run(stop))
            for match_id in range(1, ALERTS + 1):  # alerts keep arriving while Slack is down
                await alerter.handle(lavrov_vs_zhuravlev(match_id=match_id))
                await asyncio.sleep(OUTAGE_S / ALERTS)
            await asyncio.to_thread(slack_server.wait_for, ALERTS, 30.0)
            await asyncio.sleep(2.0)  # time for any duplicate to show up
            stop.set()
            await runner
        states = Counter(d.state for d in store.list_deliveries(limit=100))
    delivered = Counter(
        next(i for i in range(1, ALERTS + 1) if f"/matches/{i}|" in json.dumps(body))
        for body in slack_server.ok_bodies()
    )
    assert sum(1 for r in slack_server.requests if r.status == 500) >= ALERTS  # every alert met the outage
    assert delivered == Counter({i: 1 for i in range(1, ALERTS + 1)})
    assert states == Counter({"sent": ALERTS})
