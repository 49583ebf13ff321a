import random
from datetime import UTC, datetime, timedelta

from claimwatch.common.core.alerts import RetryPolicy, SendOutcome, backoff_delay, decide

NOW = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)
POLICY = RetryPolicy(
    base=timedelta(seconds=2), factor=2, cap=timedelta(seconds=60), max_attempts=5, jitter=0.5
)


def test_backoff_grows_exponentially_within_jitter_and_is_capped() -> None:
    rng = random.Random(1)
    for attempt, full in [(1, 2), (2, 4), (3, 8), (4, 16), (10, 60)]:
        delay = backoff_delay(attempt, POLICY, rng).total_seconds()
        assert full * 0.5 <= delay <= full


def test_jitter_comes_from_the_injected_random() -> None:
    a = [backoff_delay(3, POLICY, random.Random(7)) for _ in range(2)]
    assert a[0] == a[1]
    assert backoff_delay(3, POLICY, random.Random(8)) != a[0]


def test_retry_waits_at_least_retry_after() -> None:
    decision = decide(SendOutcome.retry("slack: 429", retry_after=30), 1, NOW, POLICY, random.Random(0))
    assert decision.state == "retrying"
    assert decision.next_attempt_at is not None
    assert decision.next_attempt_at >= NOW + timedelta(seconds=30)


def test_retry_becomes_dead_at_max_attempts_with_the_last_reason() -> None:
    decision = decide(SendOutcome.retry("slack: 500"), 5, NOW, POLICY)
    assert decision.state == "dead"
    assert "slack: 500" in decision.error and "5 attempts" in decision.error


def test_permanent_failure_is_dead_at_once_and_may_break_the_subscription() -> None:
    decision = decide(SendOutcome.dead("slack: 404 no_service", broken=True), 1, NOW, POLICY)
    assert (decision.state, decision.break_subscription) == ("dead", True)
    assert decide(SendOutcome.sent(), 1, NOW, POLICY).state == "sent"
