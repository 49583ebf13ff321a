"""Retry schedule: exponential backoff with jitter, capped, then dead.

`decide` is the whole policy: given what a send produced, how many attempts
the delivery has had and `now`, it returns the state to record.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from claimwatch.common.core.alerts.outcomes import SendOutcome


class Uniform(Protocol):
    """The part of `random.Random` the schedule needs; inject a seeded one in tests."""

    def uniform(self, a: float, b: float) -> float: ...


@dataclass(frozen=True)
class RetryPolicy:
    base: timedelta = timedelta(seconds=5)
    factor: float = 2.0
    cap: timedelta = timedelta(minutes=30)
    max_attempts: int = 10  # counting every claim of the delivery, deferrals included
    jitter: float = 0.5  # the delay is drawn from [(1 - jitter) * d, d]


def backoff_delay(attempt: int, policy: RetryPolicy, rng: Uniform | None = None) -> timedelta:
    """Delay before attempt `attempt + 1`, after `attempt` (>= 1) attempts failed."""
    rng = rng or random.Random()
    exponent = max(0, attempt - 1)
    raw = policy.base.total_seconds() * policy.factor**exponent
    delay = min(raw, policy.cap.total_seconds())
    low = delay * (1.0 - policy.jitter)
    return timedelta(seconds=rng.uniform(low, delay))


@dataclass(frozen=True)
class Decision:
    state: Literal["sent", "retrying", "dead"]
    error: str = ""
    next_attempt_at: datetime | None = None
    break_subscription: bool = False


def decide(
    outcome: SendOutcome,
    attempts: int,
    now: datetime,
    policy: RetryPolicy,
    rng: Uniform | None = None,
) -> Decision:
    """The state a delivery moves to after a send that produced `outcome`.

    A retry waits at least what the channel asked for (Slack's Retry-After);
    once `attempts` reaches the limit, a retry becomes dead with the last reason.
    """
    if outcome.kind == "sent":
        return Decision("sent")
    if outcome.kind == "dead":
        return Decision("dead", outcome.reason, break_subscription=outcome.subscription_broken)
    if attempts >= policy.max_attempts:
        return Decision("dead", f"gave up after {attempts} attempts: {outcome.reason}")
    delay = backoff_delay(attempts, policy, rng)
    if outcome.retry_after is not None:
        delay = max(delay, timedelta(seconds=outcome.retry_after))
    return Decision("retrying", outcome.reason, now + delay)
