"""Feeds: CRUD with health, OPML import and export."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Body, HTTPException, Response, status

from claimwatch.common.core.feeds.opml import OPMLError, OPMLFeed, export_opml, parse_opml
from claimwatch.common.settings import Settings
from claimwatch.common.store import utcnow
from claimwatch.common.store.models.feeds import (
    Feed,
    FeedCreate,
    FeedListStatus,
    FeedPublic,
    FeedState,
    FeedUpdate,
)

from ..auth import CanRead, CanWrite
from ..deps import AnnounceDep, SettingsDep, StoreDep, call, found
from ..urls import check_user_url

router = APIRouter(prefix="/feeds", tags=["feeds"])


@router.get("", response_model=list[FeedPublic])
async def list_feeds(
    _: CanRead, store: StoreDep, settings: SettingsDep, status: FeedListStatus | None = None
) -> list[FeedPublic]:
    """Every feed with its health.

    `?status=failing`: only those whose last poll failed; `ok`: the others;
    `silent`: enabled feeds with no new entry for longer than `feed_silence_factor`
    times their usual gap between entries (and at least `feed_silence_min_s`).
    """
    now = utcnow()
    rows = await call(
        store.list_feeds,
        status=status,
        now=now,
        silence_factor=settings.feed_silence_factor,
        silence_min_s=settings.feed_silence_min_s,
    )
    return [_health(feed, state, settings, now) for feed, state in rows]


@router.post("", response_model=FeedPublic, status_code=status.HTTP_201_CREATED)
async def add_feed(
    _: CanWrite, store: StoreDep, settings: SettingsDep, announce: AnnounceDep, body: FeedCreate
) -> FeedPublic:
    check_user_url(body.url)
    feed, _created = await call(store.add_feed, **body.model_dump())
    await announce("feed", "created", feed.id)
    return await _public(store, feed.id, settings)


@router.get("/export", response_class=Response, responses={200: {"content": {"text/x-opml": {}}}})
async def export_feeds(_: CanRead, store: StoreDep) -> Response:
    """Every feed as OPML 2.0."""
    feeds = [feed for feed, _state in await call(store.list_feeds)]
    body = export_opml([OPMLFeed(url=f.url, title=f.title) for f in feeds])
    return Response(body, media_type="text/x-opml")


@router.post("/import")
async def import_feeds(
    _: CanWrite,
    store: StoreDep,
    announce: AnnounceDep,
    opml: str = Body(..., media_type="text/x-opml"),
) -> dict[str, int]:
    """Add the feeds of an OPML document; returns how many were new."""
    try:
        outlines = parse_opml(opml.encode())
    except OPMLError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    added = 0
    for outline in outlines:
        check_user_url(outline.url)
        _feed, created = await call(store.add_feed, url=outline.url, title=outline.title or "")
        added += int(created)
    await announce("feed", "imported")
    return {"found": len(outlines), "added": added}


@router.get("/{feed_id}", response_model=FeedPublic)
async def get_feed(_: CanRead, store: StoreDep, settings: SettingsDep, feed_id: int) -> FeedPublic:
    """One feed with its health: last fetch and success, last error, next poll, newest entry, silence."""
    return await _public(store, feed_id, settings)


@router.patch("/{feed_id}", response_model=FeedPublic)
async def update_feed(
    _: CanWrite,
    store: StoreDep,
    settings: SettingsDep,
    announce: AnnounceDep,
    feed_id: int,
    body: FeedUpdate,
) -> FeedPublic:
    found(await call(store.update_feed, feed_id=feed_id, update=body), "no such feed")
    await announce("feed", "updated", feed_id)
    return await _public(store, feed_id, settings)


@router.delete("/{feed_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_feed(_: CanWrite, store: StoreDep, announce: AnnounceDep, feed_id: int) -> None:
    found(await call(store.delete_feed, feed_id=feed_id), "no such feed")
    await announce("feed", "deleted", feed_id)


async def _public(store: StoreDep, feed_id: int, settings: Settings) -> FeedPublic:
    feed = found(await call(store.get_feed, feed_id=feed_id), "no such feed")
    state = found(await call(store.get_feed_state, feed_id=feed_id), "no such feed")
    return _health(feed, state, settings, utcnow())


def _health(feed: Feed, state: FeedState, settings: Settings, now: datetime) -> FeedPublic:
    return FeedPublic.from_rows(
        feed,
        state,
        now=now,
        silence_factor=settings.feed_silence_factor,
        silence_min_s=settings.feed_silence_min_s,
    )
