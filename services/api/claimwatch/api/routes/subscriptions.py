"""Subscriptions: who gets which alerts, where. Webhook URLs are write-only."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from claimwatch.common.store.models.subscriptions import (
    SubscriptionCreate,
    SubscriptionPublic,
    SubscriptionUpdate,
)

from ..auth import CanRead, CanWrite
from ..deps import AnnounceDep, StoreDep, call, found
from ..urls import check_user_url

router = APIRouter(prefix="/subscriptions", tags=["subscriptions"])


def _check_channel(channel: str | None, webhook: str | None, email_to: list[str] | None) -> None:
    if webhook:
        check_user_url(webhook)
    if channel == "slack" and webhook is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "a slack subscription needs slack_webhook_url"
        )
    if channel == "email" and not email_to:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "an email subscription needs email_to")


@router.get("", response_model=list[SubscriptionPublic])
async def list_subscriptions(_: CanRead, store: StoreDep) -> list[SubscriptionPublic]:
    rows = await call(store.list_subscriptions)
    return [SubscriptionPublic.from_row(r) for r in rows]


@router.post("", response_model=SubscriptionPublic, status_code=status.HTTP_201_CREATED)
async def add_subscription(
    _: CanWrite, store: StoreDep, announce: AnnounceDep, body: SubscriptionCreate
) -> SubscriptionPublic:
    webhook = body.slack_webhook_url.get_secret_value() if body.slack_webhook_url else None
    _check_channel(body.channel, webhook, body.email_to)
    row = await call(store.add_subscription, subscription=body)
    await announce("subscription", "created", row.id)
    return SubscriptionPublic.from_row(row)


@router.get("/{subscription_id}", response_model=SubscriptionPublic)
async def get_subscription(_: CanRead, store: StoreDep, subscription_id: int) -> SubscriptionPublic:
    row = await call(store.get_subscription, subscription_id=subscription_id)
    return SubscriptionPublic.from_row(found(row, "no such subscription"))


@router.patch("/{subscription_id}", response_model=SubscriptionPublic)
async def update_subscription(
    _: CanWrite, store: StoreDep, announce: AnnounceDep, subscription_id: int, body: SubscriptionUpdate
) -> SubscriptionPublic:
    webhook = body.slack_webhook_url.get_secret_value() if body.slack_webhook_url else None
    if webhook:
        check_user_url(webhook)
    row = found(
        await call(store.update_subscription, subscription_id=subscription_id, update=body),
        "no such subscription",
    )
    await announce("subscription", "updated", subscription_id)
    return SubscriptionPublic.from_row(row)


@router.delete("/{subscription_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_subscription(
    _: CanWrite, store: StoreDep, announce: AnnounceDep, subscription_id: int
) -> None:
    found(await call(store.delete_subscription, subscription_id=subscription_id), "no such subscription")
    await announce("subscription", "deleted", subscription_id)
