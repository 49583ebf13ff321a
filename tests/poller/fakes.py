"""Fakes for poller tests: a bus that records, a clock that stands still, a fetcher that hangs."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from claimwatch.common.events import ArticleDiscovered, Event
from claimwatch.common.http import FetchResult


class RecordingBus:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[tuple[str, ArticleDiscovered, str | None]] = []
        self.fail = fail

    async def publish(self, topic: str, event: Event, key: str | None = None) -> None:
        if self.fail:
            raise ConnectionError("bus down")
        assert isinstance(event, ArticleDiscovered)
        self.sent.append((topic, event, key))

    @property
    def urls(self) -> list[str]:
        return [e.canonical_url for _, e, _ in self.sent]


class ManualClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.at = start or datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


class HangingFetcher:
    """A replica that stops responding mid-poll (a frozen or killed process)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.entered = 0
        self.all_stuck = asyncio.Event()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        self.entered += 1
        if self.entered >= self.workers:
            self.all_stuck.set()
        await asyncio.Event().wait()  # never returns
        raise AssertionError("unreachable")
