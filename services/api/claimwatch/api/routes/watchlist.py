"""Watchlist entries, one by one or as the YAML document (import / export)."""

from __future__ import annotations

import yaml
from claimwatch.common.core.watchlist import WatchlistError, load_watchlist
from claimwatch.common.store.models.watchlist import (
    WatchlistEntryCreate,
    WatchlistEntryPublic,
    WatchlistEntryUpdate,
)
from claimwatch.common.watchlist_entries import document_to_entries, entries_to_document
from fastapi import APIRouter, Body, HTTPException, Response, status

from ..auth import CanRead, CanWrite
from ..deps import AnnounceDep, StoreDep, call

router = APIRouter(prefix="/watchlist", tags=["watchlist"])


@router.get("", response_model=list[WatchlistEntryPublic])
async def list_entries(_: CanRead, store: StoreDep) -> list[WatchlistEntryPublic]:
    return await call(store.list_watchlist)


@router.post("", response_model=WatchlistEntryPublic, status_code=status.HTTP_201_CREATED)
async def add_entry(
    _: CanWrite, store: StoreDep, announce: AnnounceDep, body: WatchlistEntryCreate
) -> WatchlistEntryPublic:
    await _validate_with(store, extra=body)
    row = await call(store.add_watchlist_entry, data=body)
    await announce("watchlist", "created", row.id)
    return row


@router.get("/export", response_class=Response, responses={200: {"content": {"application/yaml": {}}}})
async def export_watchlist(_: CanRead, store: StoreDep) -> Response:
    """The watchlist as the YAML document `claimwatch` reads (also the import format)."""
    document = entries_to_document(await call(store.list_watchlist))
    return Response(
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True), media_type="application/yaml"
    )


@router.put("/import")
async def import_watchlist(
    _: CanWrite,
    store: StoreDep,
    announce: AnnounceDep,
    document: str = Body(..., media_type="application/yaml"),
) -> dict[str, int]:
    """Replace the whole watchlist with a YAML document, in one transaction."""
    try:
        data = yaml.safe_load(document) or {}
        load_watchlist(data)
    except yaml.YAMLError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_ENTITY, f"not valid YAML: {exc}".splitlines()[0]
        ) from None
    except WatchlistError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from None
    entries = document_to_entries(data)
    await call(store.replace_watchlist, entries=entries)
    await announce("watchlist", "imported")
    return {"entries": len(entries)}


@router.get("/{entry_id}", response_model=WatchlistEntryPublic)
async def get_entry(_: CanRead, store: StoreDep, entry_id: int) -> WatchlistEntryPublic:
    return await call(store.get_watchlist_entry, entry_id=entry_id)


@router.patch("/{entry_id}", response_model=WatchlistEntryPublic)
async def update_entry(
    _: CanWrite, store: StoreDep, announce: AnnounceDep, entry_id: int, body: WatchlistEntryUpdate
) -> WatchlistEntryPublic:
    row = await call(store.update_watchlist_entry, entry_id=entry_id, data=body)
    await announce("watchlist", "updated", entry_id)
    return row


@router.delete("/{entry_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_entry(_: CanWrite, store: StoreDep, announce: AnnounceDep, entry_id: int) -> None:
    await call(store.delete_watchlist_entry, entry_id=entry_id)
    await announce("watchlist", "deleted", entry_id)


async def _validate_with(store: StoreDep, extra: WatchlistEntryCreate) -> None:
    """Refuse an entry that would make the whole watchlist invalid (unknown parent, ...)."""
    rows = await call(store.list_watchlist)
    document = entries_to_document([*rows, extra])
    try:
        load_watchlist(document)
    except WatchlistError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from None
