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
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from claimwatch.common.settings import Settings
from claimwatch.common.store import Store

from .logs import configure_logging
from .parts import (
    InlinePipeline,
    Job,
    Parts,
    alerter_jobs,
    alerter_service,
    api_jobs,
    extractor_jobs,
    extractor_service,
    open_parts,
    poller_jobs,
    poller_service,
    store_health,
)

log = logging.getLogger("claimwatch")

StopAware = Callable[[asyncio.Event], Awaitable[None]]


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


async def run_embedded(settings: Settings, stop: asyncio.Event) -> None:
    configure_logging(settings)
    async with open_parts(settings, migrate=True) as parts:
        await asyncio.to_thread(load_initial_config, parts)
        async with contextlib.AsyncExitStack() as stack:
            jobs = [
                *await stack.enter_async_context(poller_jobs(parts)),
                *await stack.enter_async_context(extractor_jobs(parts)),
                *await stack.enter_async_context(alerter_jobs(parts)),
                *await stack.enter_async_context(api_jobs(parts, announce_to_stdout=True)),
            ]
            log.info("claimwatch running: API on http://%s:%d", settings.api_host, settings.api_port)
            await _run_jobs(jobs, stop)


async def run_service(name: str, settings: Settings, stop: asyncio.Event) -> None:
    """One service in its own process; /healthz and /metrics on the metrics port (the API's own)."""
    from claimwatch.common.ops import ops_app, serve_until

    configure_logging(settings)
    builders = {"poller": poller_jobs, "extractor": extractor_jobs, "alerter": alerter_jobs}
    async with open_parts(settings, migrate=False) as parts, contextlib.AsyncExitStack() as stack:
        if name == "api":
            jobs = await stack.enter_async_context(api_jobs(parts, announce_to_stdout=False))
        else:
            jobs = await stack.enter_async_context(builders[name](parts))
            health = store_health(parts.store)
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
            async with poller_service(parts) as poller:
                summary = await poller.run_once()
        else:
            inline = InlinePipeline()
            async with (
                poller_service(parts, inline) as poller,
                extractor_service(parts, inline) as extractor,
                alerter_service(parts) as alerter,
            ):
                inline.extractor, inline.alerter = extractor, alerter
                summary = await poller.run_once()
                while (await alerter.dispatch_due(datetime.now(UTC))).claimed:
                    pass
    return {
        "feeds": summary.feeds,
        "discovered": summary.discovered,
        "revised": summary.revised,
        "failed": summary.failed,
    }


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
