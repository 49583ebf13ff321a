"""/healthz and /metrics for a service running on its own (Kafka mode).

The API serves the same two routes itself; the other services use this small
app on `settings.metrics_port`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI, Response
from prometheus_client import CONTENT_TYPE_LATEST

from .metrics import Metrics

HealthCheck = Callable[[], dict[str, str]]


def ops_app(service: str, metrics: Metrics, health: HealthCheck | None = None) -> FastAPI:
    app = FastAPI(title=f"claimwatch {service}", docs_url=None, redoc_url=None, openapi_url=None)
    add_ops_routes(app, service, metrics, health)
    return app


def add_ops_routes(app: FastAPI, service: str, metrics: Metrics, health: HealthCheck | None = None) -> None:
    @app.get("/healthz", include_in_schema=False)
    def healthz(response: Response) -> dict[str, object]:
        checks = health() if health else {}
        ok = all(v == "ok" for v in checks.values())
        response.status_code = 200 if ok else 503
        return {"status": "ok" if ok else "degraded", "service": service, "checks": checks}

    @app.get("/metrics", include_in_schema=False)
    def prometheus() -> Response:
        return Response(metrics.render(), media_type=CONTENT_TYPE_LATEST)


async def serve_until(app: FastAPI, host: str, port: int, stop: asyncio.Event) -> None:
    """Serve `app` until `stop` is set (uvicorn's own signal capture also ends it)."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve())
    stopped = asyncio.create_task(stop.wait())
    await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    server.should_exit = True
    stopped.cancel()
    await task
