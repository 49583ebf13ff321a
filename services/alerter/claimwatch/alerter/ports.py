"""The alerter's edges: the outbox store and the metrics it reports to.

The store may be synchronous or asynchronous: the alerter awaits whatever a
method returns when it is awaitable (`resolve`).
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeAlias, TypeVar

T = TypeVar("T")
MaybeAwaitable: TypeAlias = T | Awaitable[T]


async def resolve(value: MaybeAwaitable[T]) -> T:
    if inspect.isawaitable(value):
        return await value
    return value


class SubscriptionRecord(Protocol):
    """What the alerter reads from a subscription (attributes only).

    `slack_webhook_url` is a secret: a `SecretStr` or a plain string, never logged.
    """

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def channel(self) -> str: ...  # "slack" | "email" | "console"
    @property
    def slack_webhook_url(self) -> Any: ...
    @property
    def email_to(self) -> Sequence[str] | None: ...
    @property
    def relations(self) -> Sequence[str] | None: ...
    @property
    def entities(self) -> Sequence[str] | None: ...
    @property
    def min_confidence(self) -> float | None: ...
    @property
    def independent_only(self) -> bool: ...
    @property
    def ignore_outlets(self) -> Sequence[str] | None: ...
    @property
    def mode(self) -> str: ...  # "immediate" | "digest"
    @property
    def digest_minutes(self) -> int | None: ...
    @property
    def quiet_hours(self) -> Mapping[str, Any] | None: ...
    @property
    def enabled(self) -> bool: ...
    @property
    def broken_reason(self) -> str | None: ...


class DeliveryRecord(Protocol):
    """One outbox row: one alert for one subscription on one channel."""

    @property
    def id(self) -> int: ...
    @property
    def subscription_id(self) -> int: ...
    @property
    def dedupe_key(self) -> str: ...
    @property
    def kind(self) -> str: ...  # "match" | "mention" | "digest"
    @property
    def ref_id(self) -> int: ...
    @property
    def channel(self) -> str: ...
    @property
    def state(self) -> str: ...  # pending | sending | sent | retrying | dead
    @property
    def attempts(self) -> int: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def payload(self) -> Mapping[str, Any]: ...
    @property
    def discovered_at(self) -> datetime | None: ...


class OutboxStore(Protocol):
    """The store methods the alerter uses.

    Contract (tests/alerter/test_outbox_contract.py checks it on any implementation):
    - `enqueue_delivery` is idempotent on `dedupe_key` and returns `(row, created)`;
      a new row is `pending`, due at `now`, with 0 attempts.
    - `claim_due_deliveries` moves due `pending`/`retrying` rows (next_attempt_at
      empty or <= now) to `sending`, adds 1 to `attempts`, and returns them, oldest
      first; a row is never returned to two claimers.
    - `recover_stale_sending` moves rows `sending` since before `older_than` back to
      `retrying` (due at once) and returns how many: the ones a crashed process held.
    - `mark_retry` sets `retrying`, the error and when it is due again.
    """

    def list_subscriptions(self, *, enabled: bool | None = True) -> MaybeAwaitable[Sequence[Any]]: ...

    def enqueue_delivery(
        self,
        *,
        subscription_id: int,
        dedupe_key: str,
        kind: str,
        ref_id: int,
        channel: str,
        payload: dict[str, Any],
        discovered_at: datetime | None,
        now: datetime,
    ) -> MaybeAwaitable[tuple[Any, bool]]: ...

    def claim_due_deliveries(self, *, now: datetime, limit: int) -> MaybeAwaitable[Sequence[Any]]: ...

    def recover_stale_sending(self, *, older_than: datetime, now: datetime) -> MaybeAwaitable[int]: ...

    def mark_sent(self, *, delivery_id: int, now: datetime) -> MaybeAwaitable[None]: ...

    def mark_retry(
        self, *, delivery_id: int, error: str, next_attempt_at: datetime
    ) -> MaybeAwaitable[None]: ...

    def mark_dead(self, *, delivery_id: int, error: str) -> MaybeAwaitable[None]: ...

    def mark_subscription_broken(self, *, subscription_id: int, reason: str) -> MaybeAwaitable[None]: ...


class AlerterMetrics(Protocol):
    """What the alerter reports; the metrics module adapts its Prometheus objects to this."""

    def delivery_outcome(self, channel: str, outcome: str) -> None: ...  # sent | retry | dead | deferred

    def delivery_latency(self, channel: str, seconds: float) -> None: ...  # one send's duration

    def discovery_to_delivery(self, channel: str, seconds: float) -> None: ...  # article found -> sent


class NoopMetrics:
    def delivery_outcome(self, channel: str, outcome: str) -> None:
        return None

    def delivery_latency(self, channel: str, seconds: float) -> None:
        return None

    def discovery_to_delivery(self, channel: str, seconds: float) -> None:
        return None
