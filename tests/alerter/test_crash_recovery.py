"""An alerter stopped mid-send: a new one sends everything pending, at most the one in flight twice."""

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from pydantic import SecretStr

from claimwatch.alerter import Alerter, AlerterConfig
from claimwatch.alerter.notifiers import SlackNotifier
from claimwatch.common.core.alerts import BurstPolicy
from tests.alerter.fakes import MemoryOutbox, Sub, lavrov_vs_zhuravlev
from tests.fixtures.slack import FakeSlack, SlackReply

pytestmark = pytest.mark.real


def _alerter(store: MemoryOutbox, client: httpx.AsyncClient) -> Alerter:
    notifier = SlackNotifier(client, public_url="http://claimwatch.test", per_webhook_interval_s=0)
    config = AlerterConfig(
        burst=BurstPolicy(max_messages=100), stale_after=timedelta(0), poll_interval_s=0.05
    )
    return Alerter(store, {"slack": notifier}, config=config)


async def test_alerter_stopped_mid_send_resends_at_most_the_one_in_flight(slack_server: FakeSlack) -> None:
    url = SecretStr(slack_server.webhook_url())
    store = MemoryOutbox([Sub(1, channel="slack", slack_webhook_url=url)])
    slack_server.reply_next(SlackReply(200, "ok", delay_s=0.5))  # the first send hangs
    async with httpx.AsyncClient() as client:
        first = _alerter(store, client)
        for match_id in range(1, 6):
            await first.handle(lavrov_vs_zhuravlev(match_id=match_id))
        crashed = asyncio.create_task(first.dispatch_due(datetime.now(UTC)))
        await asyncio.to_thread(slack_server.wait_for, 1, 5.0, ok_only=False)
        crashed.cancel()  # the process dies while Slack holds the first request
        with contextlib.suppress(asyncio.CancelledError):
            await crashed
        assert "sending" in store.states()

        second = _alerter(store, client)  # the restarted process
        stop = asyncio.Event()
        runner = asyncio.create_task(second.run(stop))
        await asyncio.to_thread(slack_server.wait_for, 6, 5.0, ok_only=False)
        await asyncio.sleep(0.2)
        stop.set()
        await runner
    ids = [body["blocks"][-1]["elements"][-1]["text"] for body in (r.json for r in slack_server.requests)]
    assert set(store.states()) == {"sent"}
    assert len(set(ids)) == 5  # nothing lost
    assert len(ids) - len(set(ids)) <= 1  # only the in-flight one may arrive twice
