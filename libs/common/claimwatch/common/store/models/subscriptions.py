"""Subscriptions: who is told about what, how and when.

The Slack webhook URL is a secret: it can be written (Create/Update) but the
Public model only says whether one is set and shows a masked hint.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, SecretStr, field_validator
from pydantic import Field as PydanticField
from sqlmodel import JSON, AutoString, Field

from claimwatch.common.store.base import StoreModel, UTCDateTime

Channel = Literal["slack", "email", "console"]
SubscriptionRelation = Literal["corroborates", "contradicts", "mention"]
Mode = Literal["immediate", "digest"]

_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class QuietHours(BaseModel):
    """A daily window in which alerts wait (contradictions may be let through)."""

    model_config = ConfigDict(extra="forbid")

    start: str = "22:00"
    end: str = "07:00"
    tz: str = "UTC"
    contradictions_bypass: bool = False

    @field_validator("start", "end")
    @classmethod
    def _clock(cls, value: str) -> str:
        if not _CLOCK.match(value):
            raise ValueError("must be HH:MM, 24-hour clock")
        return value


class SubscriptionBase(StoreModel):
    name: str
    channel: Channel = Field(sa_type=AutoString)
    email_to: list[str] = Field(default_factory=list, sa_type=JSON)
    relations: list[SubscriptionRelation] = Field(
        default_factory=lambda: ["corroborates", "contradicts"], sa_type=JSON
    )
    entities: list[str] = Field(default_factory=list, sa_type=JSON)  # empty: every entity
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    independent_only: bool = False
    ignore_outlets: list[str] = Field(default_factory=list, sa_type=JSON)
    mode: Mode = Field(default="immediate", sa_type=AutoString)
    digest_minutes: int = Field(default=60, ge=1)
    enabled: bool = True


class SubscriptionCreate(SubscriptionBase):
    slack_webhook_url: SecretStr | None = None
    quiet_hours: QuietHours | None = None


class SubscriptionUpdate(StoreModel):
    name: str | None = None
    channel: Channel | None = None
    slack_webhook_url: SecretStr | None = None
    email_to: list[str] | None = None
    relations: list[SubscriptionRelation] | None = None
    entities: list[str] | None = None
    min_confidence: float | None = PydanticField(default=None, ge=0.0, le=1.0)
    independent_only: bool | None = None
    ignore_outlets: list[str] | None = None
    mode: Mode | None = None
    digest_minutes: int | None = PydanticField(default=None, ge=1)
    quiet_hours: QuietHours | None = None
    enabled: bool | None = None


class Subscription(SubscriptionBase, table=True):
    id: int = Field(default=None, primary_key=True)  # set by the database; never None once stored
    slack_webhook_url: str | None = None
    quiet_hours: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    broken_reason: str | None = None  # set when the channel refuses for good (revoked webhook, ...)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)

    @property
    def quiet(self) -> QuietHours | None:
        return QuietHours.model_validate(self.quiet_hours) if self.quiet_hours else None


def mask_secret_url(url: str | None) -> str | None:
    """`https://hooks.slack.com/…/abcd`: enough to recognise it, not to use it."""
    if not url:
        return None
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0]
    return f"{scheme}://{host}/…{url[-4:]}"


class SubscriptionPublic(SubscriptionBase):
    id: int
    quiet_hours: QuietHours | None
    has_webhook: bool
    webhook_hint: str | None
    broken_reason: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: Subscription) -> SubscriptionPublic:
        data = row.model_dump(exclude={"slack_webhook_url"})
        data["has_webhook"] = bool(row.slack_webhook_url)
        data["webhook_hint"] = mask_secret_url(row.slack_webhook_url)
        return cls.model_validate(data)
