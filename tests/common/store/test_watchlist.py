from __future__ import annotations

import pytest

from claimwatch.common.store import AlreadyExists, Store
from claimwatch.common.store.models import WatchlistEntryCreate, WatchlistEntryPublic, WatchlistEntryUpdate

RUSSIA = WatchlistEntryCreate(
    name="Russia", kind="actor", actor_kind="country", aliases=["Moscow", "the Kremlin", "Russian"]
)
PANTSIR = WatchlistEntryCreate(name="Pantsir-S1", kind="system", category="air defence", aliases=["SA-22"])
AIR_DEFENCE = WatchlistEntryCreate(name="air defence", kind="category", parent="military assistance")


def test_watchlist_entry_round_trips_with_aliases(store: Store) -> None:
    added = store.add_watchlist_entry(entry=RUSSIA)
    got = store.get_watchlist_entry(name="Russia")
    assert got is not None and got.id == added.id
    assert got.aliases == ["Moscow", "the Kremlin", "Russian"] and got.actor_kind == "country"
    public = WatchlistEntryPublic.model_validate(got.model_dump())
    assert public.name == "Russia"


def test_adding_an_existing_name_raises_already_exists(store: Store) -> None:
    store.add_watchlist_entry(entry=RUSSIA)
    with pytest.raises(AlreadyExists):
        store.add_watchlist_entry(entry=RUSSIA)


def test_update_and_delete_watchlist_entry(store: Store) -> None:
    entry = store.add_watchlist_entry(entry=PANTSIR)
    store.add_watchlist_entry(entry=RUSSIA)
    updated = store.update_watchlist_entry(
        entry_id=entry.id, update=WatchlistEntryUpdate(aliases=["SA-22 Greyhound"])
    )
    assert (
        updated is not None and updated.aliases == ["SA-22 Greyhound"] and updated.category == "air defence"
    )
    with pytest.raises(AlreadyExists):
        store.update_watchlist_entry(entry_id=entry.id, update=WatchlistEntryUpdate(name="Russia"))
    assert store.delete_watchlist_entry(entry_id=entry.id)
    assert not store.delete_watchlist_entry(entry_id=entry.id)
    assert [e.name for e in store.list_watchlist()] == ["Russia"]


def test_replacing_the_watchlist_keeps_surviving_entries_and_drops_the_rest(store: Store) -> None:
    russia = store.add_watchlist_entry(entry=RUSSIA)
    store.add_watchlist_entry(entry=PANTSIR)
    new_russia = RUSSIA.model_copy(update={"aliases": ["Moscow"]})
    result = store.replace_watchlist(entries=[new_russia, AIR_DEFENCE])
    assert [e.name for e in result] == ["Russia", "air defence"]
    assert result[0].id == russia.id and result[0].aliases == ["Moscow"]
    assert result[0].created_at == russia.created_at
    assert [e.name for e in store.list_watchlist(kind="category")] == ["air defence"]
