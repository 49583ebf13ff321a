"""Composition roots: build settings-driven adapters, wire the services, run them.

`run_embedded` runs all four services in one process over the in-process bus;
`run_service` runs one of them (Kafka mode). Both use the same builders, so the
two modes differ only in the adapters the settings choose.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
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

from .logs import configure_logging

log = logging.getLogger("claimwatch")

StopAware = Callable[[asyncio.Event], Awaitable[None]]


@dataclass
class Parts:
    """What every service of one process shares."""

    settings: Settings
    store: Store
    bus: Bus
    metrics: Metrics
    engines: WatchlistEngine


def run_until_signalled(main: StopAware) -> None:
    """Run `main(stop)` until SIGINT or SIGTERM sets `stop`."""

    async def runner() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await main(stop)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(runner())


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


async def run_embedded(settings: Settings, stop: asyncio.Event) -> None:
    configure_logging(settings)
    async with open_parts(settings, migrate=True) as parts:
        await asyncio.to_thread(load_initial_config, parts)
        async with contextlib.AsyncExitStack() as stack:
            jobs = [
                *await stack.enter_async_context(_poller_jobs(parts)),
                *await stack.enter_async_context(_extractor_jobs(parts)),
                *await stack.enter_async_context(_alerter_jobs(parts)),
                *await stack.enter_async_context(_api(parts, announce_to_stdout=True)),
            ]
            log.info("claimwatch running: API on http://%s:%d", settings.api_host, settings.api_port)
            await _run_jobs(jobs, stop)


async def run_service(name: str, settings: Settings, stop: asyncio.Event) -> None:
    """One service in its own process; /healthz and /metrics on the metrics port (the API's own)."""
    from claimwatch.common.ops import ops_app, serve_until

    configure_logging(settings)
    builders = {"poller": _poller_jobs, "extractor": _extractor_jobs, "alerter": _alerter_jobs}
    async with open_parts(settings, migrate=False) as parts, contextlib.AsyncExitStack() as stack:
        if name == "api":
            jobs = await stack.enter_async_context(_api(parts, announce_to_stdout=False))
        else:
            jobs = await stack.enter_async_context(builders[name](parts))
            health = _store_health(parts.store)
            app = ops_app(name, parts.metrics, health)
            jobs.append(lambda s: serve_until(app, settings.api_host, settings.metrics_port, s))
        await _run_jobs(jobs, stop)


async def poll_once(settings: Settings) -> dict[str, Any]:
    """One poll cycle over every due feed (`claimwatch poll --once`).

    On Kafka the discovered articles are published for the extractors. With the
    in-process bus nothing would outlive this process, so each article goes
    through extraction and alerting inline before the command exits.
    """
    configure_logging(settings)
    async with open_parts(settings, migrate=True) as parts:
        await asyncio.to_thread(load_initial_config, parts)
        if settings.bus_url.startswith("kafka://"):
            async with _poller(parts) as poller:
                summary = await poller.run_once()
        else:
            inline = InlinePipeline()
            async with (
                _poller(parts, inline) as poller,
                _extractor(parts, inline) as extractor,
                _alerter(parts) as alerter,
            ):
                inline.extractor, inline.alerter = extractor, alerter
                summary = await poller.run_once()
                while (await alerter.dispatch_due(datetime.now(UTC))).claimed:
                    pass
    return {"feeds": summary.feeds, "discovered": summary.discovered, "failed": summary.failed}


def load_initial_config(parts: Parts) -> None:
    """Feeds and the watchlist named in settings, added to what the store holds."""
    settings = parts.settings
    for url in settings.feeds:
        parts.store.add_feed(url=url)
    if import_watchlist_file(parts.store, settings):
        parts.engines.invalidate()
    elif not parts.store.list_watchlist():
        log.warning(
            "the watchlist is empty: set CLAIMWATCH_WATCHLIST_FILE or PUT a YAML document to "
            "/watchlist/import"
        )
    if not parts.store.list_subscriptions():
        for subscription in default_subscriptions(settings):
            parts.store.add_subscription(subscription=subscription)


def import_watchlist_file(store: Store, settings: Settings) -> bool:
    """Replace the stored watchlist with `settings.watchlist_file`, if one is named."""
    if not settings.watchlist_file:
        return False
    from claimwatch.common.core.watchlist import dump_watchlist
    from claimwatch.common.store.models.watchlist import WatchlistEntryCreate
    from claimwatch.common.watchlist_entries import document_to_entries

    from .replay import read_watchlist_file

    document = dump_watchlist(read_watchlist_file(settings.watchlist_file))
    store.replace_watchlist(entries=[WatchlistEntryCreate(**e) for e in document_to_entries(document)])
    return True


def default_subscriptions(settings: Settings) -> list[Any]:
    """With no subscription yet: Slack and/or email from settings, else the console; every relation."""
    from claimwatch.common.store.models.subscriptions import SubscriptionCreate

    every: list[Any] = ["corroborates", "contradicts", "mention"]
    subs = []
    if settings.slack_webhook_url is not None:
        subs.append(
            SubscriptionCreate(
                name="default Slack",
                channel="slack",
                slack_webhook_url=settings.slack_webhook_url,
                relations=every,
            )
        )
    if settings.email_to and settings.smtp_host:
        subs.append(
            SubscriptionCreate(
                name="default email", channel="email", email_to=settings.email_to, relations=every
            )
        )
    return subs or [SubscriptionCreate(name="console", channel="console", relations=every)]


Job = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


async def _run_jobs(jobs: list[Job], stop: asyncio.Event) -> None:
    """Run every job until `stop`; a job that dies stops the rest (and is reported)."""
    tasks = [asyncio.create_task(job(stop)) for job in jobs]
    try:
        done, _ = await asyncio.wait(
            [*tasks, asyncio.create_task(stop.wait())], return_when=asyncio.FIRST_COMPLETED
        )
        for task in done:
            if task in tasks and task.exception() is not None:
                log.error("a service stopped: %r", task.exception())
    finally:
        stop.set()
        await asyncio.wait(tasks, timeout=15)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    failed = [t for t in tasks if not t.cancelled() and t.exception() is not None]
    if failed:
        raise SystemExit(1)


def _config_listener(parts: Parts) -> Job:
    """Every process hears every ConfigChanged (a group of its own) and reloads the watchlist."""
    group = f"claimwatch-config-{uuid.uuid4().hex[:12]}"

    async def on_config(event: Event) -> None:
        if isinstance(event, ConfigChanged) and event.entity == "watchlist":
            parts.engines.invalidate()

    return lambda stop: parts.bus.consume([TOPIC_CONFIG], group, on_config, stop=stop)


@contextlib.asynccontextmanager
async def _poller(parts: Parts, publisher: Any = None) -> AsyncIterator[Any]:
    """The poller, publishing to `publisher` (the bus by default)."""
    from claimwatch.common.http.fetcher import GuardedFetcher
    from claimwatch.poller.adapters import PrometheusPollerMetrics, SqlFeedStore
    from claimwatch.poller.poller import Poller

    async with GuardedFetcher(parts.settings) as fetcher:
        yield Poller(
            settings=parts.settings,
            store=SqlFeedStore(parts.store),
            bus=publisher or parts.bus,
            fetcher=fetcher,
            metrics=PrometheusPollerMetrics(parts.metrics),
        )


@contextlib.asynccontextmanager
async def _extractor(parts: Parts, publisher: Any = None) -> AsyncIterator[Any]:
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
async def _alerter(parts: Parts) -> AsyncIterator[Any]:
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
async def _poller_jobs(parts: Parts) -> AsyncIterator[list[Job]]:
    async with _poller(parts) as poller:
        yield [poller.run]


@contextlib.asynccontextmanager
async def _extractor_jobs(parts: Parts) -> AsyncIterator[list[Job]]:
    async with _extractor(parts) as extractor:

        async def handle(event: Event) -> None:
            if isinstance(event, ArticleDiscovered):
                await extractor.handle(event)

        yield [
            lambda stop: parts.bus.consume([TOPIC_ARTICLES], "claimwatch-extractor", handle, stop=stop),
            _config_listener(parts),
        ]


@contextlib.asynccontextmanager
async def _alerter_jobs(parts: Parts) -> AsyncIterator[list[Job]]:
    async with _alerter(parts) as alerter:

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
async def _api(parts: Parts, *, announce_to_stdout: bool) -> AsyncIterator[list[Job]]:
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
        health=_store_health(parts.store),
    )
    yield [lambda stop: serve_until(app, settings.api_host, settings.api_port, stop)]


def _store_health(store: Store) -> Callable[[], dict[str, str]]:
    def check() -> dict[str, str]:
        try:
            store.ping()
        except Exception as exc:  # reported, not raised: /healthz says what is wrong
            return {"database": f"unavailable: {type(exc).__name__}"}
        return {"database": "ok"}

    return check
