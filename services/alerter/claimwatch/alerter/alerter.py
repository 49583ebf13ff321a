"""The alerter: route events into the outbox, and drain the outbox to the channels.

`handle` writes one delivery per (subscription, event, channel) and wakes the
dispatch loop; `dispatch_due` sends what is due; `run` loops until stopped,
and also returns deliveries left `sending` by a crashed process to the queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from claimwatch.alerter.dispatch import Dispatcher, DispatchReport
from claimwatch.alerter.notifier import Notifier
from claimwatch.alerter.ports import AlerterMetrics, NoopMetrics, OutboxStore, resolve
from claimwatch.alerter.routing import Routed, route
from claimwatch.common.core.alerts import BurstPolicy, RetryPolicy
from claimwatch.common.core.alerts.retry import Uniform

log = logging.getLogger(__name__)


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AlerterConfig:
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    burst: BurstPolicy = field(default_factory=BurstPolicy)
    batch_size: int = 100  # deliveries claimed per dispatch
    concurrency: int = 8  # subscriptions sent to at once
    poll_interval_s: float = 1.0  # how often the loop looks for due retries when not woken
    stale_after: timedelta = timedelta(minutes=2)  # `sending` longer than this: its sender died
    error_backoff_s: float = 2.0  # pause after the store failed


class Alerter:
    def __init__(
        self,
        store: OutboxStore,
        notifiers: Mapping[str, Notifier],
        *,
        config: AlerterConfig | None = None,
        metrics: AlerterMetrics | None = None,
        clock: Callable[[], datetime] = _utcnow,
        rng: Uniform | None = None,
    ) -> None:
        self._store = store
        self._config = config or AlerterConfig()
        self._clock = clock
        self._wake = asyncio.Event()
        self._dispatcher = Dispatcher(
            store=store,
            notifiers=notifiers,
            metrics=metrics or NoopMetrics(),
            clock=clock,
            retry=self._config.retry,
            burst=self._config.burst,
            rng=rng or random.Random(),
            batch_size=self._config.batch_size,
            concurrency=self._config.concurrency,
        )

    async def handle(self, event: Any) -> list[Routed]:
        """Enqueue `event` (ClaimMatched or MentionFound; others are ignored) for its subscriptions.

        Safe to call again with the same event: nothing is enqueued twice.
        Raises what the store raises, so a bus consumer does not commit.
        """
        routed = await route(self._store, event, self._clock())
        if any(r.created for r in routed):
            self._wake.set()
        return routed

    async def dispatch_due(self, now: datetime) -> DispatchReport:
        """Send every delivery due at `now` (up to the batch size) and record each outcome."""
        return await self._dispatcher.dispatch_due(now)

    async def recover(self, now: datetime) -> int:
        """Requeue deliveries stuck in `sending` (their process died mid-send)."""
        count: int = await resolve(
            self._store.recover_stale_sending(older_than=now - self._config.stale_after, now=now)
        )
        if count:
            log.warning("requeued %d delivery(ies) left sending by a stopped alerter", count)
        return count

    async def run(self, stop: asyncio.Event) -> None:
        """Dispatch until `stop` is set. Store failures are logged and retried."""
        next_recovery = self._clock()
        recovery_every = max(self._config.stale_after / 2, timedelta(seconds=1))
        while not stop.is_set():
            self._wake.clear()
            full = False
            try:
                now = self._clock()
                if now >= next_recovery:
                    await self.recover(now)
                    next_recovery = now + recovery_every
                report = await self.dispatch_due(now)
                full = report.claimed >= self._config.batch_size
            except Exception:
                log.exception("alerter dispatch failed; trying again in %.0fs", self._config.error_backoff_s)
                await _wait_any(stop, None, self._config.error_backoff_s)
                continue
            if not full:
                await _wait_any(stop, self._wake, self._config.poll_interval_s)


async def _wait_any(stop: asyncio.Event, wake: asyncio.Event | None, seconds: float) -> None:
    waiters = [asyncio.create_task(stop.wait())]
    if wake is not None:
        waiters.append(asyncio.create_task(wake.wait()))
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in waiters:
            task.cancel()
        for task in waiters:
            with contextlib.suppress(asyncio.CancelledError):
                await task
