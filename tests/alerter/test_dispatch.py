import random
from datetime import UTC, datetime, timedelta

from claimwatch.alerter import Alerter, AlerterConfig
from claimwatch.alerter.notifier import DigestDelivery
from claimwatch.common.core.alerts import BurstPolicy, RetryPolicy, SendOutcome
from tests.alerter.fakes import MemoryOutbox, Sub, lavrov_vs_zhuravlev

NOW = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)


class ScriptedNotifier:
    def __init__(self, *outcomes: SendOutcome) -> None:
        self.outcomes = list(outcomes)
        self.sent: list[object] = []

    async def send(self, delivery: object, subscription: object) -> SendOutcome:
        self.sent.append(delivery)
        return self.outcomes.pop(0) if self.outcomes else SendOutcome.sent()


class Metrics:
    def __init__(self) -> None:
        self.outcomes: list[tuple[str, str]] = []
        self.lags: list[float] = []

    def delivery_outcome(self, channel: str, outcome: str) -> None:
        self.outcomes.append((channel, outcome))

    def delivery_latency(self, channel: str, seconds: float) -> None:
        return None

    def discovery_to_delivery(self, channel: str, seconds: float) -> None:
        self.lags.append(seconds)


def _alerter(
    store: MemoryOutbox, notifier: ScriptedNotifier, clock: list[datetime], **config: object
) -> Alerter:
    cfg = AlerterConfig(
        retry=RetryPolicy(base=timedelta(seconds=1), cap=timedelta(seconds=8), max_attempts=3),
        burst=BurstPolicy(max_messages=3, window=timedelta(minutes=5)),
        **config,  # type: ignore[arg-type]
    )
    return Alerter(store, {"console": notifier}, config=cfg, clock=lambda: clock[0], rng=random.Random(0))


async def test_sent_delivery_is_marked_sent_and_latency_observed() -> None:
    store, notifier, clock, metrics = MemoryOutbox([Sub(1)]), ScriptedNotifier(), [NOW], Metrics()
    alerter = Alerter(store, {"console": notifier}, clock=lambda: clock[0], metrics=metrics)
    await alerter.handle(lavrov_vs_zhuravlev())
    report = await alerter.dispatch_due(NOW)
    assert (report.sent, store.states()) == (1, ["sent"])
    assert metrics.outcomes == [("console", "sent")]
    assert metrics.lags == [1.0]  # discovered one second before NOW


async def test_temporary_failures_retry_with_backoff_then_go_dead() -> None:
    failing = SendOutcome.retry("slack: 500")
    store, notifier, clock = MemoryOutbox([Sub(1)]), ScriptedNotifier(failing, failing, failing), [NOW]
    alerter = _alerter(store, notifier, clock)
    await alerter.handle(lavrov_vs_zhuravlev())
    await alerter.dispatch_due(NOW)
    row = store.rows[1]
    assert row.state == "retrying" and row.next_attempt_at is not None and row.next_attempt_at > NOW
    assert (await alerter.dispatch_due(NOW)).claimed == 0  # not due yet
    for _ in range(2):
        clock[0] = row.next_attempt_at or NOW
        await alerter.dispatch_due(clock[0])
    assert row.state == "dead" and "3 attempts" in (row.last_error or "")
    assert len(notifier.sent) == 3


async def test_permanent_failure_goes_dead_and_breaks_the_subscription() -> None:
    store = MemoryOutbox([Sub(1)])
    notifier = ScriptedNotifier(SendOutcome.dead("slack: 404 no_service", broken=True))
    alerter = _alerter(store, notifier, [NOW])
    await alerter.handle(lavrov_vs_zhuravlev(match_id=1))
    await alerter.dispatch_due(NOW)
    assert store.rows[1].state == "dead"
    assert store.subscriptions[1].broken_reason == "slack: 404 no_service"
    # Later alerts are not routed to the broken subscription.
    assert await alerter.handle(lavrov_vs_zhuravlev(match_id=2)) == []


async def test_quiet_hours_defer_until_the_window_ends_but_contradictions_may_bypass() -> None:
    quiet = {"start": "11:00", "end": "13:00", "tz": "UTC", "contradictions_bypass": False}
    store, notifier = MemoryOutbox([Sub(1, quiet_hours=quiet)]), ScriptedNotifier()
    alerter = _alerter(store, notifier, [NOW])
    await alerter.handle(lavrov_vs_zhuravlev())
    report = await alerter.dispatch_due(NOW)
    assert report.deferred == 1 and notifier.sent == []
    assert store.rows[1].next_attempt_at == NOW.replace(hour=13)
    store.subscriptions[1].quiet_hours = {**quiet, "contradictions_bypass": True}
    await alerter.dispatch_due(NOW.replace(hour=13))
    assert store.states() == ["sent"]


async def test_burst_of_matches_goes_out_as_one_digest() -> None:
    store, notifier = MemoryOutbox([Sub(1)]), ScriptedNotifier()
    alerter = _alerter(store, notifier, [NOW])
    for match_id in range(1, 11):
        await alerter.handle(lavrov_vs_zhuravlev(match_id=match_id))
    report = await alerter.dispatch_due(NOW)
    assert (report.messages, report.sent) == (1, 10)
    assert isinstance(notifier.sent[0], DigestDelivery) and len(notifier.sent[0].parts) == 10
    assert set(store.states()) == {"sent"}


async def test_alerts_beyond_the_budget_wait_and_then_go_together() -> None:
    store, notifier, clock = MemoryOutbox([Sub(1)]), ScriptedNotifier(), [NOW]
    alerter = _alerter(store, notifier, clock)
    for match_id in range(1, 6):  # one at a time: 3 alone, then the budget is spent
        await alerter.handle(lavrov_vs_zhuravlev(match_id=match_id))
        await alerter.dispatch_due(NOW)
    assert len(notifier.sent) == 3
    assert store.states()[3:] == ["retrying", "retrying"]
    later = store.rows[4].next_attempt_at or NOW
    clock[0] = later
    await alerter.dispatch_due(later)
    assert len(notifier.sent) == 4 and isinstance(notifier.sent[3], DigestDelivery)
    assert set(store.states()) == {"sent"}


async def test_digest_mode_collects_until_the_next_boundary() -> None:
    store, notifier = MemoryOutbox([Sub(1, mode="digest", digest_minutes=15)]), ScriptedNotifier()
    alerter = _alerter(store, notifier, [NOW])
    for match_id in (1, 2):
        await alerter.handle(lavrov_vs_zhuravlev(match_id=match_id))
    await alerter.dispatch_due(NOW)
    assert notifier.sent == [] and store.rows[1].next_attempt_at == NOW + timedelta(minutes=15)
    await alerter.dispatch_due(NOW + timedelta(minutes=15))
    assert len(notifier.sent) == 1 and isinstance(notifier.sent[0], DigestDelivery)
    assert store.states() == ["sent", "sent"]


async def test_deliveries_of_a_deleted_subscription_or_unknown_channel_go_dead() -> None:
    store = MemoryOutbox([Sub(1), Sub(2, channel="pager")])
    alerter = _alerter(store, ScriptedNotifier(), [NOW])
    await alerter.handle(lavrov_vs_zhuravlev())
    del store.subscriptions[1]
    await alerter.dispatch_due(NOW)
    assert store.states() == ["dead", "dead"]
    assert "deleted" in (store.rows[1].last_error or "")
    assert "not configured" in (store.rows[2].last_error or "")


async def test_a_notifier_bug_is_retried_not_fatal() -> None:
    class Exploding:
        async def send(self, delivery: object, subscription: object) -> SendOutcome:
            raise RuntimeError("boom")

    store = MemoryOutbox([Sub(1)])
    alerter = Alerter(store, {"console": Exploding()}, clock=lambda: NOW)
    await alerter.handle(lavrov_vs_zhuravlev())
    await alerter.dispatch_due(NOW)
    assert store.rows[1].state == "retrying"
    assert store.rows[1].last_error == "internal error: RuntimeError"


async def test_sending_rows_of_a_crashed_alerter_are_recovered() -> None:
    store = MemoryOutbox([Sub(1)])
    alerter = _alerter(store, ScriptedNotifier(), [NOW], stale_after=timedelta(seconds=30))
    await alerter.handle(lavrov_vs_zhuravlev())
    store.claim_due_deliveries(now=NOW, limit=10)  # claimed by a process that then died
    assert await alerter.recover(NOW + timedelta(seconds=10)) == 0
    assert await alerter.recover(NOW + timedelta(seconds=31)) == 1
    await alerter.dispatch_due(NOW + timedelta(seconds=31))
    assert store.states() == ["sent"]
