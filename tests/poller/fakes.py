"""Fakes for poller tests: a bus that records, a clock that stands still."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from claimwatch.common.events import ArticleDiscovered, Event


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
