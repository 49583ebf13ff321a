"""The delivery outbox (one row per alert to send) and the dead-letter table."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlmodel import JSON, AutoString, Field, Index, Text

from claimwatch.common.store.base import StoreModel, UTCDateTime

DeliveryKind = Literal["match", "mention", "digest"]
DeliveryState = Literal["pending", "sending", "sent", "retrying", "dead"]


class DeliveryBase(StoreModel):
    subscription_id: int = Field(foreign_key="subscription.id", ondelete="CASCADE", index=True)
    # e.g. "sub:3:match:17:slack": the same alert is never queued twice
    dedupe_key: str = Field(unique=True)
    kind: DeliveryKind = Field(sa_type=AutoString)
    ref_id: int  # the match, article or digest the delivery is about
    channel: str
    state: DeliveryState = Field(default="pending", sa_type=AutoString)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, sa_type=Text)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    discovered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # when the article was found
    created_at: datetime = Field(sa_type=UTCDateTime)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # when it went to 'sending'
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Delivery(DeliveryBase, table=True):
    __table_args__ = (Index("ix_delivery_due", "state", "next_attempt_at"),)

    id: int = Field(default=None, primary_key=True)  # set by the database; never None once stored


class DeliveryPublic(DeliveryBase):
    id: int


class DeadLetterBase(StoreModel):
    source: str = Field(index=True)  # topic or component
    key: str = ""
    payload: str = Field(default="", sa_type=Text)
    reason: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)


class DeadLetter(DeadLetterBase, table=True):
    __tablename__ = "dead_letter"

    id: int = Field(default=None, primary_key=True)  # set by the database; never None once stored


class DeadLetterPublic(DeadLetterBase):
    id: int
