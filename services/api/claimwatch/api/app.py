"""The configuration and query API (FastAPI). Built by `create_app`, never at import."""

from __future__ import annotations

from fastapi import FastAPI

from claimwatch.common.engines import WatchlistEngine
from claimwatch.common.metrics import Metrics
from claimwatch.common.ops import HealthCheck, add_ops_routes
from claimwatch.common.settings import Settings
from claimwatch.common.store import Store

from .auth import Tokens
from .deps import ConfigAnnouncer, Publisher
from .routes import claims, deliveries, feeds, subscriptions, watchlist


def create_app(
    *,
    settings: Settings,
    store: Store,
    tokens: Tokens,
    metrics: Metrics,
    publisher: Publisher | None = None,
    engines: WatchlistEngine | None = None,
    health: HealthCheck | None = None,
) -> FastAPI:
    app = FastAPI(
        title="claimwatch",
        version="0.1.0",
        description="Watchlists, feeds, subscriptions, tracked claims and what claimwatch found. "
        "Every route but /healthz and /metrics needs `Authorization: Bearer <token>`.",
    )
    app.state.settings = settings
    app.state.store = store
    app.state.tokens = tokens
    app.state.announce = ConfigAnnouncer(publisher)
    app.state.engines = engines or WatchlistEngine(store.list_watchlist)
    add_ops_routes(app, "api", metrics, health)
    for module in (watchlist, feeds, subscriptions, claims, deliveries):
        app.include_router(module.router)
    return app
