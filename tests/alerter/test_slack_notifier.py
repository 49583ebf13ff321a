"""The Slack notifier against a real local HTTP server playing Slack's webhook."""

import asyncio
import itertools
import logging
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from pydantic import SecretStr

from claimwatch.alerter import Alerter, AlerterConfig
from claimwatch.alerter.notifiers import SlackNotifier
from claimwatch.common.core.alerts import BurstPolicy, RetryPolicy
from claimwatch.common.events import EvidencePublic
from tests.alerter.fakes import MemoryOutbox, Sub, lavrov_vs_zhuravlev
from tests.fixtures.slack import FakeSlack, SlackReply, rate_limited

pytestmark = pytest.mark.real

FAST_RETRY = RetryPolicy(base=timedelta(seconds=0.1), cap=timedelta(seconds=0.4), max_attempts=60)


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=httpx.Timeout(2.0)) as client:
        yield client


def _setup(
    slack: FakeSlack, http: httpx.AsyncClient, *, subs: int = 1, interval: float = 0.0, timeout: float = 2.0
) -> tuple[MemoryOutbox, Alerter]:
    url = SecretStr(slack.webhook_url())
    store = MemoryOutbox([Sub(i, channel="slack", slack_webhook_url=url) for i in range(1, subs + 1)])
    notifier = SlackNotifier(
        http, public_url="http://claimwatch.test", timeout_s=timeout, per_webhook_interval_s=interval
    )
    config = AlerterConfig(retry=FAST_RETRY, burst=BurstPolicy(max_messages=1000), poll_interval_s=0.05)
    return store, Alerter(store, {"slack": notifier}, config=config, rng=random.Random(0))


def _now() -> datetime:
    return datetime.now(UTC)


@pytest.mark.parametrize(
    ("reply", "state", "broken"),
    [
        (SlackReply(200, "ok"), "sent", False),
        (SlackReply(400, "invalid_payload"), "dead", True),
        (SlackReply(403, "action_prohibited"), "dead", True),
        (SlackReply(404, "channel_not_found"), "dead", True),
        (SlackReply(404, "no_service"), "dead", True),
        (SlackReply(410, "channel_is_archived"), "dead", True),
        (SlackReply(500, "internal_error"), "retrying", False),
        (rate_limited(5), "retrying", False),
    ],
)
async def test_every_slack_answer_ends_in_the_documented_state(
    slack_server: FakeSlack, http: httpx.AsyncClient, reply: SlackReply, state: str, broken: bool
) -> None:
    store, alerter = _setup(slack_server, http)
    slack_server.reply_next(reply)
    await alerter.handle(lavrov_vs_zhuravlev())
    await alerter.dispatch_due(_now())
    assert store.rows[1].state == state
    assert (store.subscriptions[1].broken_reason is not None) == broken
    assert len(slack_server.requests) == 1


async def test_slow_slack_times_out_and_is_retried(slack_server: FakeSlack, http: httpx.AsyncClient) -> None:
    store, alerter = _setup(slack_server, http, timeout=0.3)
    slack_server.reply_next(SlackReply(200, "ok", delay_s=1.0))
    await alerter.handle(lavrov_vs_zhuravlev())
    await alerter.dispatch_due(_now())
    assert store.rows[1].state == "retrying"
    assert "0.3s" in (store.rows[1].last_error or "")


async def test_retry_after_of_a_429_is_honoured(slack_server: FakeSlack, http: httpx.AsyncClient) -> None:
    store, alerter = _setup(slack_server, http)
    slack_server.reply_next(rate_limited(1))
    await alerter.handle(lavrov_vs_zhuravlev())
    stop = asyncio.Event()
    runner = asyncio.create_task(alerter.run(stop))
    await asyncio.to_thread(slack_server.wait_for, 1, 5.0)
    stop.set()
    await runner
    first, second = slack_server.requests
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 1.0
    assert store.states() == ["sent"]


async def test_at_most_one_message_per_second_per_webhook(
    slack_server: FakeSlack, http: httpx.AsyncClient
) -> None:
    _store, alerter = _setup(slack_server, http, subs=3, interval=1.0)
    await alerter.handle(lavrov_vs_zhuravlev())  # three subscriptions share one webhook
    await alerter.dispatch_due(_now())
    times = sorted(r.at for r in slack_server.requests)
    assert len(times) == 3
    assert all(b - a >= 0.95 for a, b in itertools.pairwise(times))


async def test_channel_ping_in_a_title_reaches_slack_escaped(
    slack_server: FakeSlack, http: httpx.AsyncClient
) -> None:
    _store, alerter = _setup(slack_server, http)
    hostile = EvidencePublic(
        article_url="https://x.example/a",
        title="<!channel> Breaking <https://evil.example|Your bank>",
        sentence="<!here> Russia delivered <@U123> Buk-M2E",
        speaker="<!everyone>",
        claim="c",
    )
    await alerter.handle(lavrov_vs_zhuravlev(new=hostile))
    await alerter.dispatch_due(_now())
    raw = slack_server.requests[0].body.decode()
    for token in ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<https://evil.example|"):
        assert token not in raw
    assert "&lt;!channel&gt; Breaking" in raw


async def test_same_match_handled_twice_is_sent_once(
    slack_server: FakeSlack, http: httpx.AsyncClient
) -> None:
    _store, alerter = _setup(slack_server, http)
    await alerter.handle(lavrov_vs_zhuravlev())
    await alerter.dispatch_due(_now())
    await alerter.handle(lavrov_vs_zhuravlev())  # the bus redelivered it
    await alerter.dispatch_due(_now())
    assert len(slack_server.requests) == 1


@pytest.mark.slow
async def test_slack_outage_loses_nothing_and_duplicates_nothing(
    slack_server: FakeSlack, http: httpx.AsyncClient
) -> None:
    store, alerter = _setup(slack_server, http)
    slack_server.outage(3.0)
    stop = asyncio.Event()
    runner = asyncio.create_task(alerter.run(stop))
    for match_id in range(1, 13):  # matches keep arriving during the outage
        await alerter.handle(lavrov_vs_zhuravlev(match_id=match_id))
        await asyncio.sleep(0.2)
    await asyncio.to_thread(slack_server.wait_for, 12, 10.0)
    await asyncio.sleep(0.3)  # time for any duplicate to show up
    stop.set()
    await runner
    delivered = [body["blocks"][-1]["elements"][-1]["text"] for body in slack_server.ok_bodies()]
    assert len(delivered) == 12 and len(set(delivered)) == 12
    assert any(r.status == 500 for r in slack_server.requests)
    assert set(store.states()) == {"sent"}


async def test_webhook_url_never_appears_in_errors_or_logs(
    slack_server: FakeSlack, http: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store, alerter = _setup(slack_server, http)
    slack_server.reply_next(SlackReply(404, "no_service"))
    await alerter.handle(lavrov_vs_zhuravlev(match_id=1))
    await alerter.dispatch_due(_now())
    slack_server.stop()  # now the webhook refuses connections
    store.subscriptions[1].broken_reason = None
    await alerter.handle(lavrov_vs_zhuravlev(match_id=2))
    await alerter.dispatch_due(_now())
    texts = [caplog.text, *(r.last_error or "" for r in store.rows.values())]
    texts.append(repr(store.subscriptions[1]) + repr(alerter))
    assert store.rows[2].state == "retrying"
    assert not any("XXXXXXXXSECRET" in t for t in texts)
