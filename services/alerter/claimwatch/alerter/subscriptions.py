"""Reading subscriptions: their filter, quiet hours and digest interval; the default subscription."""

from __future__ import annotations

import logging
from datetime import timedelta

from claimwatch.alerter.ports import SubscriptionRecord
from claimwatch.common.core.alerts import QuietHours, SubscriptionFilter
from claimwatch.common.core.alerts.quiet import QuietHoursError

log = logging.getLogger(__name__)


def filter_of(sub: SubscriptionRecord) -> SubscriptionFilter:
    return SubscriptionFilter.build(
        relations=sub.relations,
        entities=sub.entities,
        min_confidence=sub.min_confidence,
        independent_only=bool(sub.independent_only),
        ignore_outlets=sub.ignore_outlets,
    )


def quiet_of(sub: SubscriptionRecord) -> QuietHours | None:
    """The subscription's quiet hours; a malformed setting is logged and ignored (alerts go out)."""
    try:
        return QuietHours.from_mapping(sub.quiet_hours)
    except QuietHoursError as exc:
        log.warning("subscription %s: ignoring quiet hours: %s", sub.id, exc)
        return None


def digest_interval(sub: SubscriptionRecord) -> timedelta | None:
    """The digest interval for digest-mode subscriptions, None for immediate ones."""
    if sub.mode != "digest":
        return None
    return timedelta(minutes=max(1, int(sub.digest_minutes or 60)))
