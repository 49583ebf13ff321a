"""Reading subscriptions: their filter, quiet hours and digest interval; the default subscription."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from claimwatch.alerter.ports import SubscriptionRecord
from claimwatch.common.core.alerts import QuietHours, SubscriptionFilter
from claimwatch.common.core.alerts.quiet import QuietHoursError
from pydantic import SecretStr

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


@dataclass(frozen=True)
class StaticSubscription:
    """A subscription that is not read from the store: the configured default channel.

    Satisfies `SubscriptionRecord`; the composition root saves it to the store
    once when no subscription exists, so its deliveries have a row to refer to.
    """

    id: int
    name: str
    channel: str
    slack_webhook_url: SecretStr | None = field(default=None, repr=False)
    email_to: Sequence[str] = ()
    relations: Sequence[str] = ("corroborates", "contradicts", "mention")
    entities: Sequence[str] = ()
    min_confidence: float = 0.0
    independent_only: bool = False
    ignore_outlets: Sequence[str] = ()
    mode: str = "immediate"
    digest_minutes: int | None = None
    quiet_hours: Mapping[str, Any] | None = None
    enabled: bool = True
    broken_reason: str | None = None


def default_subscriptions(
    *, slack_webhook_url: SecretStr | None, email_to: Sequence[str], smtp_host: str
) -> list[StaticSubscription]:
    """What to subscribe when the user configured none: Slack and/or email from settings, else the console."""
    subs: list[StaticSubscription] = []
    if slack_webhook_url is not None and slack_webhook_url.get_secret_value():
        subs.append(StaticSubscription(0, "default Slack", "slack", slack_webhook_url=slack_webhook_url))
    if email_to and smtp_host:
        subs.append(StaticSubscription(0, "default email", "email", email_to=tuple(email_to)))
    if not subs:
        subs.append(StaticSubscription(0, "console", "console"))
    return subs
