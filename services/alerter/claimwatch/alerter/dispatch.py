"""Dispatch: claim due deliveries, decide their timing, send, record the outcome.

Per subscription and channel, the due deliveries are first held back by quiet
hours, then by digest mode (a fresh delivery waits for the next digest
boundary), then planned against the burst budget: each alone, one digest, or
wait for room. Every send ends in `mark_sent`, `mark_retry` or `mark_dead`.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from claimwatch.alerter.notifier import DigestDelivery, Notifier, digest_of
from claimwatch.alerter.ports import AlerterMetrics, DeliveryRecord, OutboxStore, SubscriptionRecord, resolve
from claimwatch.alerter.redact import redact_urls
from claimwatch.alerter.subscriptions import digest_interval, quiet_of
from claimwatch.common.core.alerts import (
    BurstPolicy,
    RetryPolicy,
    SendOutcome,
    decide,
    next_digest_flush,
    plan_group,
    quiet_until,
)
from claimwatch.common.core.alerts.retry import Uniform

log = logging.getLogger(__name__)

DEFERRED = "deferred: "


@dataclass
class DispatchReport:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    dead: int = 0
    deferred: int = 0
    messages: int = 0  # messages actually sent (a digest is one)


@dataclass
class Dispatcher:
    store: OutboxStore
    notifiers: Mapping[str, Notifier]
    metrics: AlerterMetrics
    clock: Callable[[], datetime]
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    burst: BurstPolicy = field(default_factory=BurstPolicy)
    rng: Uniform = field(default_factory=random.Random)
    batch_size: int = 100
    concurrency: int = 8
    _recent: dict[int, deque[datetime]] = field(default_factory=dict)

    async def dispatch_due(self, now: datetime) -> DispatchReport:
        report = DispatchReport()
        claimed: list[DeliveryRecord] = list(
            await resolve(self.store.claim_due_deliveries(now=now, limit=self.batch_size))
        )
        report.claimed = len(claimed)
        if not claimed:
            return report
        listed: Sequence[SubscriptionRecord] = await resolve(self.store.list_subscriptions(enabled=True))
        subs = {s.id: s for s in listed}
        groups: dict[tuple[int, str], list[DeliveryRecord]] = defaultdict(list)
        for delivery in claimed:
            groups[(delivery.subscription_id, delivery.channel)].append(delivery)
        gate = asyncio.Semaphore(self.concurrency)

        async def run(parts: list[DeliveryRecord]) -> None:
            async with gate:
                await self._dispatch_group(parts, subs.get(parts[0].subscription_id), now, report)

        results = await asyncio.gather(*(run(parts) for parts in groups.values()), return_exceptions=True)
        # Let every group finish its bookkeeping, then surface the first failure (the store is down).
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return report

    async def _dispatch_group(
        self,
        parts: list[DeliveryRecord],
        sub: SubscriptionRecord | None,
        now: datetime,
        report: DispatchReport,
    ) -> None:
        if sub is None or not sub.enabled:
            return await self._kill(parts, "subscription deleted or disabled", report)
        if sub.broken_reason:
            return await self._kill(parts, f"subscription broken: {sub.broken_reason}", report)
        notifier = self.notifiers.get(parts[0].channel)
        if notifier is None:
            return await self._kill(parts, f"channel {parts[0].channel!r} is not configured", report)

        quiet = quiet_of(sub)
        ready: list[DeliveryRecord] = []
        for part in parts:
            until = quiet_until(quiet, now, str(part.payload.get("relation", "mention")))
            if until is not None:
                await self._defer(part, until, "quiet hours", report)
            else:
                ready.append(part)

        every = digest_interval(sub)
        if every is not None:
            fresh = [p for p in ready if not p.last_error]
            flush = next_digest_flush(now, every)
            for part in fresh:
                await self._defer(part, flush, "digest", report)
            ready = [p for p in ready if p.last_error]
            if ready:
                await self._send(self._bundle(ready), sub, notifier, report)
            return None

        held = any(p.last_error == DEFERRED + "burst" for p in ready)
        plan = plan_group(len(ready), self._recent.get(sub.id, ()), self.burst, now, held_back=held)
        if plan.action == "wait" and plan.until is not None:
            for part in ready:
                await self._defer(part, plan.until, "burst", report)
        elif plan.action == "digest":
            await self._send(digest_of(ready), sub, notifier, report)
        else:
            for part in ready:
                await self._send(part, sub, notifier, report)
        return None

    def _bundle(self, ready: Sequence[DeliveryRecord]) -> DeliveryRecord:
        return ready[0] if len(ready) == 1 else digest_of(ready)

    async def _send(
        self, outgoing: DeliveryRecord, sub: SubscriptionRecord, notifier: Notifier, report: DispatchReport
    ) -> None:
        parts: Sequence[DeliveryRecord] = (
            outgoing.parts if isinstance(outgoing, DigestDelivery) else (outgoing,)
        )
        started = self.clock()
        try:
            outcome = await notifier.send(outgoing, sub)
        except ValueError as exc:  # a payload that cannot be rendered will never render
            outcome = SendOutcome.dead(f"cannot render: {redact_urls(str(exc))[:200]}")
        except Exception as exc:  # a notifier bug must not stop the outbox
            log.exception("notifier %s failed on delivery %s", outgoing.channel, outgoing.id)
            outcome = SendOutcome.retry(f"internal error: {type(exc).__name__}")
        finished = self.clock()
        self.metrics.delivery_latency(outgoing.channel, (finished - started).total_seconds())
        attempts = max(p.attempts for p in parts)
        decision = decide(outcome, attempts, finished, self.retry, self.rng)
        self.metrics.delivery_outcome(
            outgoing.channel, "retry" if decision.state == "retrying" else decision.state
        )
        if decision.state == "sent":
            self._recent.setdefault(sub.id, deque(maxlen=4 * self.burst.max_messages + 4)).append(finished)
            report.messages += 1
        for part in parts:
            if decision.state == "sent":
                await resolve(self.store.mark_sent(delivery_id=part.id, now=finished))
                report.sent += 1
                if part.discovered_at is not None:
                    lag = (finished - part.discovered_at).total_seconds()
                    self.metrics.discovery_to_delivery(part.channel, max(0.0, lag))
            elif decision.state == "retrying" and decision.next_attempt_at is not None:
                await resolve(
                    self.store.mark_retry(
                        delivery_id=part.id, error=decision.error, next_attempt_at=decision.next_attempt_at
                    )
                )
                report.retried += 1
            else:
                await resolve(self.store.mark_dead(delivery_id=part.id, error=decision.error))
                report.dead += 1
        if decision.state != "sent":
            log.warning("delivery %s for subscription %s: %s", outgoing.id, sub.id, decision.error)
        if decision.break_subscription:
            await resolve(self.store.mark_subscription_broken(subscription_id=sub.id, reason=decision.error))
            log.error("subscription %s marked broken: %s", sub.id, decision.error)

    async def _defer(self, part: DeliveryRecord, until: datetime, why: str, report: DispatchReport) -> None:
        await resolve(self.store.mark_retry(delivery_id=part.id, error=DEFERRED + why, next_attempt_at=until))
        self.metrics.delivery_outcome(part.channel, "deferred")
        report.deferred += 1

    async def _kill(self, parts: Sequence[DeliveryRecord], reason: str, report: DispatchReport) -> None:
        for part in parts:
            await resolve(self.store.mark_dead(delivery_id=part.id, error=reason))
            self.metrics.delivery_outcome(part.channel, "dead")
            report.dead += 1
