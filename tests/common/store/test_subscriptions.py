from __future__ import annotations

from pydantic import SecretStr

from claimwatch.common.store import Store
from claimwatch.common.store.models import (
    QuietHours,
    SubscriptionCreate,
    SubscriptionPublic,
    SubscriptionUpdate,
)

WEBHOOK = "https://hooks.slack.com/services/T000/B000/secretsecretsecret"


def _slack(store: Store) -> int:
    sub = store.add_subscription(
        subscription=SubscriptionCreate(
            name="analysts",
            channel="slack",
            slack_webhook_url=SecretStr(WEBHOOK),
            entities=["Venezuela"],
            quiet_hours=QuietHours(
                start="22:00", end="07:00", tz="Europe/London", contradictions_bypass=True
            ),
        )
    )
    return sub.id


def test_subscription_stores_the_webhook_and_quiet_hours(store: Store) -> None:
    sub_id = _slack(store)
    row = store.get_subscription(subscription_id=sub_id)
    assert row is not None and row.slack_webhook_url == WEBHOOK
    assert row.quiet is not None and row.quiet.tz == "Europe/London" and row.quiet.contradictions_bypass
    assert row.relations == ["corroborates", "contradicts"] and row.entities == ["Venezuela"]


def test_public_subscription_never_contains_the_webhook_url(store: Store) -> None:
    row = store.get_subscription(subscription_id=_slack(store))
    assert row is not None
    public = SubscriptionPublic.from_row(row)
    dumped = public.model_dump_json()
    assert "slack_webhook_url" not in SubscriptionPublic.model_fields
    assert "secretsecret" not in dumped
    assert public.has_webhook and public.webhook_hint == "https://hooks.slack.com/…cret"
    assert "secretsecret" not in repr(
        SubscriptionCreate.model_validate({"name": "x", "channel": "slack", "slack_webhook_url": WEBHOOK})
    )


def test_updating_the_webhook_clears_the_broken_reason(store: Store) -> None:
    sub_id = _slack(store)
    assert store.mark_subscription_broken(subscription_id=sub_id, reason="webhook revoked (404 no_service)")
    broken = store.get_subscription(subscription_id=sub_id)
    assert broken is not None and broken.broken_reason == "webhook revoked (404 no_service)"
    fixed = store.update_subscription(
        subscription_id=sub_id, update=SubscriptionUpdate(slack_webhook_url=SecretStr(WEBHOOK + "2"))
    )
    assert fixed is not None and fixed.broken_reason is None and fixed.slack_webhook_url == WEBHOOK + "2"
    assert fixed.entities == ["Venezuela"]


def test_update_without_webhook_keeps_it(store: Store) -> None:
    sub_id = _slack(store)
    updated = store.update_subscription(subscription_id=sub_id, update=SubscriptionUpdate(min_confidence=0.7))
    assert updated is not None and updated.slack_webhook_url == WEBHOOK and updated.min_confidence == 0.7


def test_subscriptions_are_listed_and_deleted(store: Store) -> None:
    sub_id = _slack(store)
    store.add_subscription(
        subscription=SubscriptionCreate(name="mail", channel="email", email_to=["a@b.c"], enabled=False)
    )
    assert [s.id for s in store.list_subscriptions(enabled=True)] == [sub_id]
    assert len(store.list_subscriptions()) == 2
    assert store.delete_subscription(subscription_id=sub_id)
    assert store.get_subscription(subscription_id=sub_id) is None
    assert not store.mark_subscription_broken(subscription_id=sub_id, reason="x")
