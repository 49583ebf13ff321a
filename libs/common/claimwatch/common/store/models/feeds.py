"""Feeds and their polling state (health, liveness, conditional-GET validators, lease)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlmodel import Field, Text

from claimwatch.common.core.feeds.health import DEFAULT_SILENCE_FACTOR, DEFAULT_SILENCE_MIN_S, is_silent
from claimwatch.common.store.base import StoreModel, UTCDateTime, utcnow

FeedStatus = Literal["new", "ok", "failing"]
# What a listing can filter on: the last poll failed, it did not, or the feed has gone quiet.
FeedListStatus = Literal["failing", "ok", "silent"]


class FeedBase(StoreModel):
    url: str = Field(unique=True)
    title: str = ""
    outlet: str = ""
    enabled: bool = True
    interval_s: float | None = None  # None: the poller's default interval


class FeedCreate(FeedBase):
    pass


class FeedUpdate(StoreModel):
    title: str | None = None
    outlet: str | None = None
    enabled: bool | None = None
    interval_s: float | None = None


class Feed(FeedBase, table=True):
    id: int = Field(default=None, primary_key=True)  # set by the database; never None once stored
    created_at: datetime = Field(sa_type=UTCDateTime)


class FeedState(StoreModel, table=True):
    """One row per feed, created with it; what the poller knows about the feed."""

    __tablename__ = "feed_state"

    feed_id: int = Field(foreign_key="feed.id", primary_key=True, ondelete="CASCADE")
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    last_fetch_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_success_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error_kind: str | None = None
    last_error_message: str | None = Field(default=None, sa_type=Text)
    consecutive_failures: int = 0
    next_poll_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    entries_seen: int = 0
    last_status: int | None = None
    lease_owner: str | None = None
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    mean_entry_interval_s: float | None = None  # the feed's usual gap between entries
    newest_entry_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # published, else discovered

    @property
    def status(self) -> FeedStatus:
        if self.consecutive_failures > 0:
            return "failing"
        return "ok" if self.last_success_at is not None else "new"


class FeedPublic(FeedBase):
    """A feed with its health, as the API shows it."""

    id: int
    created_at: datetime
    status: FeedStatus
    last_fetch_at: datetime | None
    last_success_at: datetime | None
    last_error_kind: str | None
    last_error_message: str | None
    last_status: int | None
    consecutive_failures: int
    next_poll_at: datetime | None
    entries_seen: int
    newest_entry_at: datetime | None
    mean_entry_interval_s: float | None
    silent: bool  # enabled, and no new entry for much longer than its usual gap

    @classmethod
    def from_rows(
        cls,
        feed: Feed,
        state: FeedState,
        *,
        now: datetime | None = None,
        silence_factor: float = DEFAULT_SILENCE_FACTOR,
        silence_min_s: float = DEFAULT_SILENCE_MIN_S,
    ) -> FeedPublic:
        silent = feed.enabled and is_silent(
            newest_entry_at=state.newest_entry_at,
            mean_entry_interval_s=state.mean_entry_interval_s,
            now=now or utcnow(),
            factor=silence_factor,
            min_s=silence_min_s,
        )
        return cls.model_validate(
            {
                **feed.model_dump(),
                **state.model_dump(
                    exclude={"feed_id", "etag", "last_modified", "body_hash", "lease_owner", "lease_until"}
                ),
                "status": state.status,
                "silent": silent,
            }
        )
