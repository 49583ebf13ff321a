"""The notifier seam, and the digest that stands for several deliveries at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from claimwatch.alerter.content import AlertEvent, DigestSummary, event_from_payload
from claimwatch.alerter.ports import DeliveryRecord, SubscriptionRecord
from claimwatch.common.core.alerts import SendOutcome


class Notifier(Protocol):
    """Sends one delivery (or a digest) to one subscription's channel.

    Never raises for channel trouble: every failure is a `SendOutcome` whose
    reason names what happened without secrets. One instance is shared by all
    subscriptions of its channel and may be called concurrently.
    """

    async def send(self, delivery: DeliveryRecord, subscription: SubscriptionRecord) -> SendOutcome: ...


@dataclass(frozen=True)
class DigestDelivery:
    """Several deliveries of one subscription and channel sent as one message."""

    subscription_id: int
    channel: str
    parts: tuple[DeliveryRecord, ...]
    kind: str = "digest"
    state: str = "sending"
    attempts: int = 0
    last_error: str | None = None
    discovered_at: datetime | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return min(p.id for p in self.parts)

    @property
    def ref_id(self) -> int:
        return self.id

    @property
    def dedupe_key(self) -> str:
        ids = ",".join(str(p.id) for p in sorted(self.parts, key=lambda p: p.id))
        return f"sub:{self.subscription_id}:digest:{ids}:{self.channel}"


def digest_of(parts: Sequence[DeliveryRecord]) -> DigestDelivery:
    first = parts[0]
    return DigestDelivery(first.subscription_id, first.channel, tuple(parts))


def content_of(delivery: DeliveryRecord, subscription_name: str) -> AlertEvent | DigestSummary:
    """The event a delivery carries, or the digest summary of several."""
    if isinstance(delivery, DigestDelivery):
        events = tuple(event_from_payload(p.kind, p.payload) for p in delivery.parts)
        return DigestSummary(subscription_name, events)
    return event_from_payload(delivery.kind, delivery.payload)
