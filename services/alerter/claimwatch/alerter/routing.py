"""Routing: which subscriptions get an event, written to the outbox before any send."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from claimwatch.alerter.ports import OutboxStore, SubscriptionRecord, resolve
from claimwatch.alerter.subscriptions import filter_of
from claimwatch.common.core.alerts import accepts, facts_of
from claimwatch.common.events import ClaimMatched, MentionFound

log = logging.getLogger(__name__)


def dedupe_key(subscription_id: int, kind: str, ref_id: int, channel: str) -> str:
    """One delivery per (subscription, match or article, channel): "sub:3:match:42:slack"."""
    return f"sub:{subscription_id}:{kind}:{ref_id}:{channel}"


@dataclass(frozen=True)
class Routed:
    subscription_id: int
    dedupe_key: str
    created: bool  # False: the same alert was already in the outbox


async def route(store: OutboxStore, event: Any, now: datetime) -> list[Routed]:
    """Enqueue `event` for every enabled subscription whose filter accepts it.

    Other event types are ignored. Idempotent: handling the same event again
    (a redelivered bus message) finds the existing rows and creates none.
    """
    if isinstance(event, ClaimMatched):
        kind, ref_id = "match", event.match_id
    elif isinstance(event, MentionFound):
        kind, ref_id = "mention", event.article_id
    else:
        return []
    facts = facts_of(event)
    payload = event.model_dump(mode="json")
    discovered_at = event.discovered_at or event.occurred_at
    routed: list[Routed] = []
    subscriptions: Sequence[SubscriptionRecord] = await resolve(store.list_subscriptions(enabled=True))
    for sub in subscriptions:
        if not sub.enabled or sub.broken_reason:
            continue
        if not accepts(filter_of(sub), facts):
            continue
        key = dedupe_key(sub.id, kind, ref_id, sub.channel)
        result: tuple[Any, bool] = await resolve(
            store.enqueue_delivery(
                subscription_id=sub.id,
                dedupe_key=key,
                kind=kind,
                ref_id=ref_id,
                channel=sub.channel,
                payload=payload,
                discovered_at=discovered_at,
                now=now,
            )
        )
        routed.append(Routed(sub.id, key, bool(result[1])))
    if routed:
        log.info("%s %s routed to %d subscription(s)", kind, ref_id, len(routed))
    return routed
