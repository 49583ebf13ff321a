"""An API over a real store (SQLite and PostgreSQL), with a recording publisher."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimwatch.api.app import create_app
from claimwatch.api.auth import Tokens
from claimwatch.common.metrics import Metrics
from claimwatch.common.settings import Settings
from claimwatch.common.store import Store

WRITE = "write-token-0123456789"
READ = "read-token-0123456789"


class RecordingPublisher:
    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    async def publish(self, topic: str, event: Any, key: str | None = None) -> None:
        self.events.append((topic, event))


@pytest.fixture
def publisher() -> RecordingPublisher:
    return RecordingPublisher()


@pytest.fixture
def client(store: Store, publisher: RecordingPublisher, tmp_path: Any) -> Iterator[TestClient]:
    app = create_app(
        settings=Settings(data_dir=tmp_path),
        store=store,
        tokens=Tokens(WRITE, READ),
        metrics=Metrics(),
        publisher=publisher,
    )
    with TestClient(app) as c:
        c.headers["Authorization"] = f"Bearer {WRITE}"
        yield c


def as_reader(client: TestClient) -> dict[str, str]:
    return {"Authorization": f"Bearer {READ}"}
