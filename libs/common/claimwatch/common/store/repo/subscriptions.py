"""Subscriptions. The webhook URL is stored but only ever written through Create/Update."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import col, select

from claimwatch.common.store.base import utcnow
from claimwatch.common.store.models.subscriptions import Subscription, SubscriptionCreate, SubscriptionUpdate
from claimwatch.common.store.repo.base import RepoBase, rowcount


def _row_values(changes: dict[str, Any], secret: Any) -> dict[str, Any]:
    """Plain column values: the secret revealed, quiet hours as JSON-ready dict."""
    if "slack_webhook_url" in changes:
        changes["slack_webhook_url"] = secret.get_secret_value() if secret is not None else None
    return changes


class SubscriptionRepo(RepoBase):
    def add_subscription(
        self, *, subscription: SubscriptionCreate, now: datetime | None = None
    ) -> Subscription:
        now = now or utcnow()
        values = _row_values(subscription.model_dump(mode="json"), subscription.slack_webhook_url)
        values.update(created_at=now, updated_at=now)
        with self._write("add subscription") as s:
            row = Subscription.model_validate(values)
            s.add(row)
            s.flush()
            return row

    def get_subscription(self, *, subscription_id: int) -> Subscription | None:
        with self._read("get subscription") as s:
            return s.get(Subscription, subscription_id)

    def list_subscriptions(self, *, enabled: bool | None = None) -> list[Subscription]:
        q = select(Subscription)
        if enabled is not None:
            q = q.where(col(Subscription.enabled).is_(enabled))
        with self._read("list subscriptions") as s:
            return list(s.exec(q.order_by(col(Subscription.id))).all())

    def update_subscription(
        self, *, subscription_id: int, update: SubscriptionUpdate, now: datetime | None = None
    ) -> Subscription | None:
        """Applies the fields set in `update`. A new webhook URL clears `broken_reason`."""
        changes = _row_values(update.model_dump(mode="json", exclude_unset=True), update.slack_webhook_url)
        with self._write("update subscription") as s:
            row = s.get(Subscription, subscription_id)
            if row is None:
                return None
            if "slack_webhook_url" in changes or "email_to" in changes or "channel" in changes:
                row.broken_reason = None
            row.sqlmodel_update(changes)
            row.updated_at = now or utcnow()
            s.add(row)
            return row

    def delete_subscription(self, *, subscription_id: int) -> bool:
        """Deletes it together with its deliveries."""
        with self._write("delete subscription") as s:
            result = s.execute(delete(Subscription).where(col(Subscription.id) == subscription_id))
            return bool(rowcount(result))

    def mark_subscription_broken(self, *, subscription_id: int, reason: str) -> bool:
        """Records why the channel refuses for good (shown by the API until the subscription is fixed)."""
        with self._write("mark subscription broken") as s:
            row = s.get(Subscription, subscription_id)
            if row is None:
                return False
            row.broken_reason = reason
            s.add(row)
            return True
