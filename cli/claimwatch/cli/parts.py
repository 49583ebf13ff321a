"""What the services of one process share, and how each service is built from it.

Every builder is an async context manager that opens what the service needs
(HTTP clients, worker pools) and closes it on the way out; the `*_jobs`
builders yield the coroutines `claimwatch.cli.runtime` runs until stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from claimwatch.common.bus import Bus, build_bus
from claimwatch.common.engines import WatchlistEngine
from claimwatch.common.events import (
    TOPIC_ARTICLES,
    TOPIC_CONFIG,
    TOPIC_MATCHES,
    TOPIC_MENTIONS,
    ArticleDiscovered,
    ConfigChanged,
    Event,
)
from claimwatch.common.metrics import Metrics
from claimwatch.common.settings import Settings
from claimwatch.common.store import Store, upgrade

Job = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


@dataclass
class Parts:
    """What every service of one process shares."""

    settings: Settings
    store: Store
    bus: Bus
    metrics: Metrics
    engines: WatchlistEngine


@contextlib.asynccontextmanager
async def open_parts(settings: Settings, *, migrate: bool) -> AsyncIterator[Parts]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if migrate:
        await asyncio.to_thread(upgrade, settings.effective_database_url)
    store = Store.from_settings(settings)
    metrics = Metrics()
    metrics.watch_store(
        store, silence_factor=settings.feed_silence_factor, silence_min_s=settings.feed_silence_min_s
    )
    bus = build_bus(settings, metrics.for_bus())
    await bus.start()
    try:
        yield Parts(settings, store, bus, metrics, WatchlistEngine(store.list_watchlist))
    finally:
        await bus.stop()
        store.close()


def config_listener(parts: Parts) -> Job:
    """Every process hears every ConfigChanged (a group of its own) and reloads the watchlist."""
    group = f"claimwatch-config-{uuid.uuid4().hex[:12]}"

    async def on_config(event: Event) -> None:
        if isinstance(event, ConfigChanged) and event.entity == "watchlist":
            parts.engines.invalidate()

    return lambda stop: parts.bus.consume([TOPIC_CONFIG], group, on_config, stop=stop)


@contextlib.asynccontextmanager
async def poller_service(parts: Parts, publisher: Any = None) -> AsyncIterator[Any]:
    """The poller, publishing to `publisher` (the bus by default)."""
    from claimwatch.common.http.fetcher import GuardedFetcher
    from claimwatch.poller.adapters import PrometheusPollerMetrics, SqlFeedStore
    from claimwatch.poller.poller import Poller

    async with GuardedFetcher(parts.settings) as fetcher:
        poller = Poller(
            settings=parts.settings,
            store=SqlFeedStore(parts.store),
            bus=publisher or parts.bus,
            fetcher=fetcher,
            metrics=PrometheusPollerMetrics(parts.metrics),
        )
        try:
            yield poller
        finally:
            poller.close()


@contextlib.asynccontextmanager
async def extractor_service(parts: Parts, publisher: Any = None) -> AsyncIterator[Any]:
    from claimwatch.common.http.fetcher import GuardedFetcher
    from claimwatch.extractor.pool import ExtractionPool
    from claimwatch.extractor.reader import PageReader
    from claimwatch.extractor.service import Extractor

    async with GuardedFetcher(parts.settings) as fetcher:
        pool = ExtractionPool.from_settings(parts.settings)
        try:
            yield Extractor(
                store=parts.store,
                pages=PageReader(fetcher, pool),
                engine=parts.engines.current,
                bus=publisher or parts.bus,
                metrics=parts.metrics,
            )
        finally:
            pool.close()


@contextlib.asynccontextmanager
async def alerter_service(parts: Parts) -> AsyncIterator[Any]:
    from claimwatch.alerter.alerter import Alerter
    from claimwatch.alerter.factory import alerter_config, build_notifiers, slack_client
    from claimwatch.common.store.aio import ThreadedStore

    async with slack_client(parts.settings) as client:
        yield Alerter(
            ThreadedStore(parts.store),
            build_notifiers(parts.settings, client, sys.stdout),
            config=alerter_config(parts.settings),
            metrics=parts.metrics.for_alerter(),
        )


@contextlib.asynccontextmanager
async def poller_jobs(parts: Parts) -> AsyncIterator[list[Job]]:
    async with poller_service(parts) as poller:
        yield [poller.run]


@contextlib.asynccontextmanager
async def extractor_jobs(parts: Parts) -> AsyncIterator[list[Job]]:
    async with extractor_service(parts) as extractor:

        async def handle(event: Event) -> None:
            if isinstance(event, ArticleDiscovered):
                await extractor.handle(event)

        yield [
            lambda stop: parts.bus.consume([TOPIC_ARTICLES], "claimwatch-extractor", handle, stop=stop),
            config_listener(parts),
        ]


@contextlib.asynccontextmanager
async def alerter_jobs(parts: Parts) -> AsyncIterator[list[Job]]:
    async with alerter_service(parts) as alerter:

        async def handle(event: Event) -> None:
            await alerter.handle(event)

        yield [
            lambda stop: parts.bus.consume(
                [TOPIC_MATCHES, TOPIC_MENTIONS], "claimwatch-alerter", handle, stop=stop
            ),
            alerter.run,
        ]


class InlinePipeline:
    """A publisher that hands each event straight to the next service (one-shot runs, no bus)."""

    def __init__(self) -> None:
        self.extractor: Any = None
        self.alerter: Any = None

    async def publish(self, topic: str, event: Any, key: str | None = None) -> None:
        if topic == TOPIC_ARTICLES:
            await self.extractor.handle(event)
        elif topic in (TOPIC_MATCHES, TOPIC_MENTIONS):
            await self.alerter.handle(event)


@contextlib.asynccontextmanager
async def api_jobs(parts: Parts, *, announce_to_stdout: bool) -> AsyncIterator[list[Job]]:
    from claimwatch.api.app import create_app
    from claimwatch.api.auth import Tokens, ensure_token
    from claimwatch.common.ops import serve_until

    settings = parts.settings
    if settings.api_token is not None:
        write = settings.api_token.get_secret_value()
    else:
        write, path = ensure_token(settings.data_dir)
        if announce_to_stdout:
            print(f"API token: in {path} (send it as 'Authorization: Bearer <token>')", flush=True)
    read = settings.api_read_token.get_secret_value() if settings.api_read_token else None
    app = create_app(
        settings=settings,
        store=parts.store,
        tokens=Tokens(write, read),
        metrics=parts.metrics,
        publisher=parts.bus,
        engines=parts.engines,
        health=store_health(parts.store),
    )
    yield [lambda stop: serve_until(app, settings.api_host, settings.api_port, stop)]


def store_health(store: Store) -> Callable[[], dict[str, str]]:
    def check() -> dict[str, str]:
        try:
            store.ping()
        except Exception as exc:  # reported, not raised: /healthz says what is wrong
            return {"database": f"unavailable: {type(exc).__name__}"}
        return {"database": "ok"}

    return check
