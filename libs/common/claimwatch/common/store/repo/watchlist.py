"""Watchlist entries: CRUD and whole-list replacement (bulk import)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select

from claimwatch.common.store.base import utcnow
from claimwatch.common.store.errors import AlreadyExists
from claimwatch.common.store.models.watchlist import (
    EntryKind,
    WatchlistEntry,
    WatchlistEntryCreate,
    WatchlistEntryUpdate,
)
from claimwatch.common.store.repo.base import RepoBase, rowcount


class WatchlistRepo(RepoBase):
    def add_watchlist_entry(
        self, *, entry: WatchlistEntryCreate, now: datetime | None = None
    ) -> WatchlistEntry:
        """Raises AlreadyExists if an entry has this name."""
        now = now or utcnow()
        with self._write(f"add watchlist entry {entry.name!r}") as s:
            if s.exec(select(WatchlistEntry.id).where(WatchlistEntry.name == entry.name)).first() is not None:
                raise AlreadyExists(f"watchlist entry {entry.name!r} exists already")
            row = WatchlistEntry.model_validate(entry, update={"created_at": now, "updated_at": now})
            s.add(row)
            s.flush()
            return row

    def get_watchlist_entry(
        self, *, entry_id: int | None = None, name: str | None = None
    ) -> WatchlistEntry | None:
        """By id or by name."""
        with self._read("get watchlist entry") as s:
            if entry_id is not None:
                return s.get(WatchlistEntry, entry_id)
            if name is None:
                raise ValueError("get_watchlist_entry needs entry_id or name")
            return s.exec(select(WatchlistEntry).where(WatchlistEntry.name == name)).one_or_none()

    def list_watchlist(self, *, kind: EntryKind | None = None) -> list[WatchlistEntry]:
        q = select(WatchlistEntry)
        if kind is not None:
            q = q.where(WatchlistEntry.kind == kind)
        with self._read("list watchlist") as s:
            return list(s.exec(q.order_by(col(WatchlistEntry.name))).all())

    def update_watchlist_entry(
        self, *, entry_id: int, update: WatchlistEntryUpdate, now: datetime | None = None
    ) -> WatchlistEntry | None:
        """None if there is no such entry; AlreadyExists if renamed onto another entry's name."""
        with self._write("update watchlist entry") as s:
            row = s.get(WatchlistEntry, entry_id)
            if row is None:
                return None
            changes = update.model_dump(exclude_unset=True)
            new_name = changes.get("name")
            if new_name and new_name != row.name:
                clash = s.exec(select(WatchlistEntry.id).where(WatchlistEntry.name == new_name)).first()
                if clash is not None:
                    raise AlreadyExists(f"watchlist entry {new_name!r} exists already")
            row.sqlmodel_update(changes)
            row.updated_at = now or utcnow()
            s.add(row)
            return row

    def delete_watchlist_entry(self, *, entry_id: int) -> bool:
        with self._write("delete watchlist entry") as s:
            result = s.execute(delete(WatchlistEntry).where(col(WatchlistEntry.id) == entry_id))
            return bool(rowcount(result))

    def replace_watchlist(
        self, *, entries: Sequence[WatchlistEntryCreate], now: datetime | None = None
    ) -> list[WatchlistEntry]:
        """Makes the watchlist exactly `entries`, in one transaction.

        Entries whose name survives keep their id and creation time.
        """
        now = now or utcnow()
        wanted = {e.name: e for e in entries}  # the last of two same-named entries wins
        with self._write("replace watchlist") as s:
            current = {row.name: row for row in s.exec(select(WatchlistEntry)).all()}
            gone = [row.id for name, row in current.items() if name not in wanted]
            if gone:
                s.execute(delete(WatchlistEntry).where(col(WatchlistEntry.id).in_(gone)))
            for name, entry in wanted.items():
                row = current.get(name)
                if row is None:
                    s.add(WatchlistEntry.model_validate(entry, update={"created_at": now, "updated_at": now}))
                else:
                    row.sqlmodel_update(entry.model_dump())
                    row.updated_at = now
                    s.add(row)
            s.flush()
            return list(s.exec(select(WatchlistEntry).order_by(col(WatchlistEntry.name))).all())
