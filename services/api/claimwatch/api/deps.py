"""What routes receive: the store, a way to announce config changes, settings."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Protocol, TypeVar

from fastapi import Depends, HTTPException, Request, status

from claimwatch.common.engines import WatchlistEngine
from claimwatch.common.events import TOPIC_CONFIG, ConfigChanged
from claimwatch.common.settings import Settings
from claimwatch.common.store import Store
from claimwatch.common.store.errors import AlreadyExists, NotFound

T = TypeVar("T")


class Publisher(Protocol):
    async def publish(self, topic: str, event: Any, key: str | None = None) -> None: ...


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(_store)]
SettingsDep = Annotated[Settings, Depends(_settings)]


async def call(fn: Callable[..., T], /, **kwargs: Any) -> T:
    """Run a store call off the event loop, mapping store errors to HTTP errors."""
    try:
        return await asyncio.to_thread(fn, **kwargs)
    except NotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc) or "not found") from None
    except AlreadyExists as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc) or "already exists") from None


def found(value: T | None, what: str = "not found") -> T:
    """404 when a store lookup found nothing (None, or False from a delete)."""
    if value is None or value is False:
        raise HTTPException(status.HTTP_404_NOT_FOUND, what)
    return value


class ConfigAnnouncer:
    """Publishes ConfigChanged so running services reload without a restart."""

    def __init__(self, publisher: Publisher | None) -> None:
        self._publisher = publisher

    async def __call__(self, entity: str, action: str, entity_id: int | None = None) -> None:
        if self._publisher is None:
            return
        event = ConfigChanged(entity=entity, action=action, entity_id=entity_id)
        await self._publisher.publish(TOPIC_CONFIG, event, key=entity)


def _announcer(request: Request) -> Callable[..., Awaitable[None]]:
    announce: ConfigAnnouncer = request.app.state.announce
    return announce


AnnounceDep = Annotated[Callable[..., Awaitable[None]], Depends(_announcer)]


def _engines(request: Request) -> WatchlistEngine:
    engines: WatchlistEngine = request.app.state.engines
    return engines


EngineDep = Annotated[WatchlistEngine, Depends(_engines)]
