"""Feeds: configuration, health, and the poll lease that keeps two pollers off one feed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, delete, extract, false, func, literal, or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from claimwatch.common.core.feeds.health import DEFAULT_SILENCE_FACTOR, DEFAULT_SILENCE_MIN_S
from claimwatch.common.store.base import UTCDateTime, utcnow
from claimwatch.common.store.models.feeds import Feed, FeedListStatus, FeedState, FeedUpdate
from claimwatch.common.store.repo.base import RepoBase, rowcount

Q = TypeVar("Q", bound=Any)


class FeedRepo(RepoBase):
    def add_feed(
        self,
        *,
        url: str,
        title: str = "",
        outlet: str = "",
        interval_s: float | None = None,
        enabled: bool = True,
        now: datetime | None = None,
    ) -> tuple[Feed, bool]:
        """The feed with this URL, and whether it was created now (an existing one is left as it is)."""
        now = now or utcnow()
        values = {
            "url": url,
            "title": title,
            "outlet": outlet,
            "interval_s": interval_s,
            "enabled": enabled,
            "created_at": now,
        }
        with self._write(f"add feed {url}") as s:
            stmt = self._insert_ignore(Feed, [values], ["url"]).returning(col(Feed.id))
            new_id = s.execute(stmt).scalar_one_or_none()
            if new_id is not None:
                s.add(FeedState(feed_id=new_id))
            feed = s.exec(select(Feed).where(Feed.url == url)).one()
            return feed, new_id is not None

    def get_feed(self, *, feed_id: int) -> Feed | None:
        with self._read("get feed") as s:
            return s.get(Feed, feed_id)

    def get_feed_state(self, *, feed_id: int) -> FeedState | None:
        with self._read("get feed state") as s:
            return s.get(FeedState, feed_id)

    def list_feeds(
        self,
        *,
        status: FeedListStatus | None = None,
        enabled: bool | None = None,
        limit: int | None = None,
        offset: int = 0,
        now: datetime | None = None,
        silence_factor: float = DEFAULT_SILENCE_FACTOR,
        silence_min_s: float = DEFAULT_SILENCE_MIN_S,
    ) -> list[tuple[Feed, FeedState]]:
        """Feeds with their state, oldest first.

        `failing`: the last poll failed; `ok`: it did not; `silent`: an enabled feed
        whose newest entry is older than `silence_factor` × its usual gap between
        entries and than `silence_min_s` at `now` (the rule of `core.feeds.health`).
        """
        q = select(Feed, FeedState).join(FeedState, col(FeedState.feed_id) == col(Feed.id))
        q = self._filter(q, status, enabled, now or utcnow(), silence_factor, silence_min_s)
        q = q.order_by(col(Feed.id)).offset(offset).limit(limit)
        with self._read("list feeds") as s:
            return [(feed, state) for feed, state in s.exec(q).all()]

    def count_feeds(
        self,
        *,
        status: FeedListStatus | None = None,
        enabled: bool | None = None,
        now: datetime | None = None,
        silence_factor: float = DEFAULT_SILENCE_FACTOR,
        silence_min_s: float = DEFAULT_SILENCE_MIN_S,
    ) -> int:
        """How many feeds `list_feeds` with the same filters would list (one COUNT query)."""
        q: SelectOfScalar[int] = select(func.count()).select_from(Feed)
        q = q.join(FeedState, col(FeedState.feed_id) == col(Feed.id))
        q = self._filter(q, status, enabled, now or utcnow(), silence_factor, silence_min_s)
        with self._read("count feeds") as s:
            return int(s.exec(q).one())

    def _filter(
        self,
        q: Q,
        status: FeedListStatus | None,
        enabled: bool | None,
        now: datetime,
        silence_factor: float,
        silence_min_s: float,
    ) -> Q:
        if status == "failing":
            q = q.where(col(FeedState.consecutive_failures) > 0)
        elif status == "ok":
            q = q.where(col(FeedState.consecutive_failures) == 0)
        elif status == "silent":
            q = q.where(col(Feed.enabled).is_(True), self._silent(now, silence_factor, silence_min_s))
        if enabled is not None:
            q = q.where(col(Feed.enabled).is_(enabled))
        return q

    def _silent(self, now: datetime, factor: float, min_s: float) -> ColumnElement[bool]:
        """SQL for `core.feeds.health.is_silent` (kept in step with it by the store tests)."""
        if factor <= 0:
            return false()
        newest = col(FeedState.newest_entry_at)
        mean = col(FeedState.mean_entry_interval_s)
        at = literal(now, UTCDateTime())
        if self.dialect == "postgresql":
            age_s: ColumnElement[Any] = extract("epoch", at - newest)
            threshold: ColumnElement[Any] = func.greatest(mean * factor, min_s)
        else:  # SQLite stores naive UTC text, which julianday() reads
            age_s = (func.julianday(at) - func.julianday(newest)) * 86_400.0
            threshold = func.max(mean * factor, min_s)
        return newest.is_not(None) & mean.is_not(None) & (age_s > threshold)

    def update_feed(self, *, feed_id: int, update: FeedUpdate) -> Feed | None:
        with self._write("update feed") as s:
            feed = s.get(Feed, feed_id)
            if feed is None:
                return None
            feed.sqlmodel_update(update.model_dump(exclude_unset=True))
            s.add(feed)
            return feed

    def delete_feed(self, *, feed_id: int) -> bool:
        """Deletes the feed and its state; its articles stay, with no feed."""
        with self._write("delete feed") as s:
            result = s.execute(delete(Feed).where(col(Feed.id) == feed_id))
            return bool(rowcount(result))

    def disable_feed(self, *, feed_id: int, reason: str) -> bool:
        """Stops polling a feed that is gone for good; the reason shows as its last error."""
        with self._write("disable feed") as s:
            feed = s.get(Feed, feed_id)
            state = s.get(FeedState, feed_id)
            if feed is None or state is None:
                return False
            feed.enabled = False
            state.last_error_message = reason
            state.lease_owner = state.lease_until = None
            s.add_all([feed, state])
            return True

    def schedule_feed(self, *, feed_id: int, next_poll_at: datetime | None) -> bool:
        """Sets when the feed is next due (None: at once)."""
        with self._write("schedule feed") as s:
            state = s.get(FeedState, feed_id)
            if state is None:
                return False
            state.next_poll_at = next_poll_at
            s.add(state)
            return True

    def lease_due_feeds(
        self, *, now: datetime, owner: str, limit: int, lease_s: float
    ) -> list[tuple[Feed, FeedState]]:
        """Takes up to `limit` enabled feeds due at `now` for `owner` until `now + lease_s`.

        A feed leased by anyone (this owner included) and not yet expired is skipped;
        an expired lease is taken over. On PostgreSQL concurrent callers skip each
        other's rows (FOR UPDATE SKIP LOCKED); SQLite serialises the writers.
        """
        q = (
            select(FeedState, Feed)
            .join(Feed, col(Feed.id) == col(FeedState.feed_id))
            .where(
                col(Feed.enabled).is_(True),
                or_(col(FeedState.next_poll_at).is_(None), col(FeedState.next_poll_at) <= now),
                or_(col(FeedState.lease_until).is_(None), col(FeedState.lease_until) <= now),
            )
            .order_by(col(FeedState.next_poll_at).asc().nulls_first(), col(FeedState.feed_id))
            .limit(limit)
            .with_for_update(of=FeedState, skip_locked=True)
        )
        until = now + timedelta(seconds=lease_s)
        with self._write("lease due feeds") as s:
            leased = list(s.exec(q).all())
            for state, _feed in leased:
                state.lease_owner = owner
                state.lease_until = until
                s.add(state)
            return [(feed, state) for state, feed in leased]

    def record_poll(
        self,
        *,
        feed_id: int,
        owner: str,
        now: datetime,
        ok: bool,
        next_poll_at: datetime,
        status: int | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        body_hash: str | None = None,
        error_kind: str | None = None,
        error_message: str | None = None,
        entries_seen: int | None = None,
        mean_entry_interval_s: float | None = None,
        newest_entry_at: datetime | None = None,
    ) -> FeedState | None:
        """Stores the outcome of one poll and releases `owner`'s lease; None if the feed is gone.

        On success the failure count resets and validators/hash given replace the
        stored ones (None keeps them, as after a 304). On failure they are kept.
        The rhythm and newest entry time given replace the stored ones; None keeps them.
        """
        with self._write("record poll") as s:
            state = s.get(FeedState, feed_id, with_for_update=True)
            if state is None:
                return None
            state.last_fetch_at = now
            state.last_status = status
            state.next_poll_at = next_poll_at
            if ok:
                state.last_success_at = now
                state.consecutive_failures = 0
                state.last_error_kind = None
                state.last_error_message = None
                state.etag = etag if etag is not None else state.etag
                state.last_modified = last_modified if last_modified is not None else state.last_modified
                state.body_hash = body_hash if body_hash is not None else state.body_hash
            else:
                state.consecutive_failures += 1
                state.last_error_kind = error_kind or "error"
                state.last_error_message = error_message
            if entries_seen is not None:
                state.entries_seen = entries_seen
            if mean_entry_interval_s is not None:
                state.mean_entry_interval_s = mean_entry_interval_s
            if newest_entry_at is not None:
                state.newest_entry_at = newest_entry_at
            if state.lease_owner == owner:
                state.lease_owner = None
                state.lease_until = None
            s.add(state)
            return state
