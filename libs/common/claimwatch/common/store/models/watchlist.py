"""Watchlist entries: systems, actors and categories, with aliases and hierarchy."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlmodel import JSON, AutoString, Field

from claimwatch.common.store.base import StoreModel, UTCDateTime

EntryKind = Literal["system", "actor", "category"]


class WatchlistEntryBase(StoreModel):
    name: str = Field(unique=True)
    kind: EntryKind = Field(sa_type=AutoString)
    actor_kind: str | None = None  # person, country, organisation, ... (actors only)
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    variant_of: str | None = None  # a variant names the system it is a variant of
    category: str | None = None  # a system names its category
    parent: str | None = None  # a category may sit under a broader one


class WatchlistEntryCreate(WatchlistEntryBase):
    pass


class WatchlistEntryUpdate(StoreModel):
    name: str | None = None
    kind: EntryKind | None = None
    actor_kind: str | None = None
    aliases: list[str] | None = None
    variant_of: str | None = None
    category: str | None = None
    parent: str | None = None


class WatchlistEntry(WatchlistEntryBase, table=True):
    __tablename__ = "watchlist_entry"

    id: int = Field(default=None, primary_key=True)  # set by the database; never None once stored
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class WatchlistEntryPublic(WatchlistEntryBase):
    id: int
    created_at: datetime
    updated_at: datetime
