"""Watchlist entries, one by one or as the YAML document (import / export)."""

from __future__ import annotations

import yaml
from fastapi import APIRouter, Body, HTTPException, Response, status

from claimwatch.common.core.watchlist import WatchlistError, load_watchlist
from claimwatch.common.store.models.watchlist import (
    WatchlistEntryCreate,
    WatchlistEntryPublic,
    WatchlistEntryUpdate,
)
from claimwatch.common.watchlist_entries import document_to_entries, entries_to_document

from ..auth import CanRead, CanWrite
from ..deps import AnnounceDep, StoreDep, call, found

router = APIRouter(prefix="/watchlist", tags=["watchlist"])


@router.get("", response_model=list[WatchlistEntryPublic])
async def list_entries(_: CanRead, store: StoreDep) -> list[WatchlistEntryPublic]:
    return [WatchlistEntryPublic.model_validate(r.model_dump()) for r in await call(store.list_watchlist)]


@router.post("", response_model=WatchlistEntryPublic, status_code=status.HTTP_201_CREATED)
async def add_entry(
    _: CanWrite, store: StoreDep, announce: AnnounceDep, body: WatchlistEntryCreate
) -> WatchlistEntryPublic:
    await _validate_with(store, extra=body)
    row = await call(store.add_watchlist_entry, entry=body)
    await announce("watchlist", "created", row.id)
    return WatchlistEntryPublic.model_validate(row.model_dump())


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
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"not valid YAML: {exc}".splitlines()[0]
        ) from None
    except WatchlistError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    entries = document_to_entries(data)
    await call(store.replace_watchlist, entries=[WatchlistEntryCreate(**e) for e in entries])
    await announce("watchlist", "imported")
    return {"entries": len(entries)}


@router.get("/{entry_id}", response_model=WatchlistEntryPublic)
async def get_entry(_: CanRead, store: StoreDep, entry_id: int) -> WatchlistEntryPublic:
    row = found(await call(store.get_watchlist_entry, entry_id=entry_id), "no such watchlist entry")
    return WatchlistEntryPublic.model_validate(row.model_dump())


@router.patch("/{entry_id}", response_model=WatchlistEntryPublic)
async def update_entry(
    _: CanWrite, store: StoreDep, announce: AnnounceDep, entry_id: int, body: WatchlistEntryUpdate
) -> WatchlistEntryPublic:
    row = found(
        await call(store.update_watchlist_entry, entry_id=entry_id, update=body), "no such watchlist entry"
    )
    await announce("watchlist", "updated", entry_id)
    return WatchlistEntryPublic.model_validate(row.model_dump())


@router.delete("/{entry_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_entry(_: CanWrite, store: StoreDep, announce: AnnounceDep, entry_id: int) -> None:
    found(await call(store.delete_watchlist_entry, entry_id=entry_id), "no such watchlist entry")
    await announce("watchlist", "deleted", entry_id)


async def _validate_with(store: StoreDep, extra: WatchlistEntryCreate) -> None:
    """Refuse an entry that would make the whole watchlist invalid (unknown parent, ...)."""
    rows = await call(store.list_watchlist)
    if any(r.name == extra.name for r in rows):
        raise HTTPException(status.HTTP_409_CONFLICT, f"a watchlist entry named {extra.name!r} exists")
    document = entries_to_document([*rows, extra])
    try:
        load_watchlist(document)
    except WatchlistError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
