"""An in-memory outbox store for fast unit tests, and events made from the seed articles."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import SecretStr

from claimwatch.common.events import ClaimMatched, EvidencePublic, MentionFound

T0 = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)


@dataclass
class Sub:
    id: int = 1
    name: str = "air defence desk"
    channel: str = "console"
    slack_webhook_url: SecretStr | None = None
    email_to: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=lambda: ["corroborates", "contradicts", "mention"])
    entities: list[str] = field(default_factory=list)
    min_confidence: float = 0.0
    independent_only: bool = False
    ignore_outlets: list[str] = field(default_factory=list)
    mode: str = "immediate"
    digest_minutes: int | None = None
    quiet_hours: dict[str, Any] | None = None
    enabled: bool = True
    broken_reason: str | None = None


@dataclass
class Row:
    id: int
    subscription_id: int
    dedupe_key: str
    kind: str
    ref_id: int
    channel: str
    payload: dict[str, Any]
    discovered_at: datetime | None
    created_at: datetime
    state: str = "pending"
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    sending_since: datetime | None = None


class MemoryOutbox:
    """Implements the OutboxStore contract in memory (and records every call)."""

    def __init__(self, subscriptions: list[Sub] | None = None, clock: Any = None) -> None:
        self.subscriptions = {s.id: s for s in subscriptions or []}
        self.rows: dict[int, Row] = {}
        self._keys: dict[str, int] = {}
        self._lock = threading.Lock()
        self._clock = clock or (lambda: datetime.now(UTC))

    def list_subscriptions(self, *, enabled: bool | None = True) -> list[Sub]:
        subs = list(self.subscriptions.values())
        return [s for s in subs if enabled is None or s.enabled == enabled]

    def enqueue_delivery(
        self,
        *,
        subscription_id: int,
        dedupe_key: str,
        kind: str,
        ref_id: int,
        channel: str,
        payload: dict[str, Any],
        discovered_at: datetime | None,
        now: datetime,
    ) -> tuple[Row, bool]:
        with self._lock:
            if dedupe_key in self._keys:
                return replace(self.rows[self._keys[dedupe_key]]), False
            row = Row(
                len(self.rows) + 1,
                subscription_id,
                dedupe_key,
                kind,
                ref_id,
                channel,
                payload,
                discovered_at,
                now,
            )
            self.rows[row.id] = row
            self._keys[dedupe_key] = row.id
            return replace(row), True

    def claim_due_deliveries(self, *, now: datetime, limit: int) -> list[Row]:
        with self._lock:
            due = [
                r
                for r in sorted(self.rows.values(), key=lambda r: r.id)
                if r.state in ("pending", "retrying")
                and (r.next_attempt_at is None or r.next_attempt_at <= now)
            ][:limit]
            for row in due:
                row.state = "sending"
                row.attempts += 1
                row.sending_since = now
            return [replace(r) for r in due]

    def recover_stale_sending(self, *, older_than: datetime, now: datetime) -> int:
        with self._lock:
            stale = [
                r
                for r in self.rows.values()
                if r.state == "sending" and r.sending_since is not None and r.sending_since < older_than
            ]
            for row in stale:
                row.state = "retrying"
                row.next_attempt_at = now
            return len(stale)

    def mark_sent(self, *, delivery_id: int, now: datetime) -> None:
        row = self.rows[delivery_id]
        row.state, row.sent_at = "sent", now

    def mark_retry(self, *, delivery_id: int, error: str, next_attempt_at: datetime) -> None:
        row = self.rows[delivery_id]
        row.state, row.last_error, row.next_attempt_at = "retrying", error, next_attempt_at

    def mark_dead(self, *, delivery_id: int, error: str) -> None:
        row = self.rows[delivery_id]
        row.state, row.last_error = "dead", error

    def mark_subscription_broken(self, *, subscription_id: int, reason: str) -> None:
        sub = self.subscriptions.get(subscription_id)
        if sub is not None:
            sub.broken_reason = reason

    # Helpers for tests.
    def states(self) -> list[str]:
        return [r.state for r in sorted(self.rows.values(), key=lambda r: r.id)]


def lavrov_vs_zhuravlev(match_id: int = 7, **changes: Any) -> ClaimMatched:
    """The seed contradiction: Lavrov's denial against Zhuravlev's delivery claim."""
    fields: dict[str, Any] = {
        "match_id": match_id,
        "relation": "contradicts",
        "independence": "independent",
        "confidence": 0.82,
        "explanation": (
            "Lavrov says Russia does not plan to provide military assistance to Venezuela; "
            "Zhuravlev says Russia delivered Pantsir-S1 and Buk-M2E there. Pantsir-S1 is air "
            "defence, which is military assistance, so the two cannot both hold."
        ),
        "entities": ["Russia", "Venezuela", "military assistance", "Pantsir-S1"],
        "new": EvidencePublic(
            article_url="https://defence-blog.example/news/lavrov-venezuela",
            outlet="Defence Blog",
            title="Russia does not plan to provide military aid to Venezuela, Lavrov says",
            published=datetime(2025, 11, 4, tzinfo=UTC),
            sentence="Russia does not plan to provide military assistance to Venezuela, "
            "Foreign Minister Sergey Lavrov said.",
            speaker="Sergey Lavrov",
            claim="Russia transfer military assistance to Venezuela (negated, planned)",
        ),
        "stored": EvidencePublic(
            article_url="https://www.businessinsider.example/russia-air-defense-venezuela",
            outlet="Business Insider",
            title="Russia sent air defense systems to Venezuela, lawmaker says",
            published=datetime(2025, 11, 1, tzinfo=UTC),
            sentence="Zhuravlev informed Gazeta that, according to the most current intelligence "
            "available to him, both the Russian Pantsir-S1 and the Buk-M2E systems had been "
            "transported to Venezuela via Il-76 cargo planes.",
            speaker="Alexei Zhuravlev",
            claim="Russia transfer Pantsir-S1 to Venezuela (affirmed, reported)",
        ),
        "discovered_at": T0 - timedelta(seconds=1),
    }
    fields.update(changes)
    return ClaimMatched(**fields)


def mention(article_id: int = 3, **changes: Any) -> MentionFound:
    fields: dict[str, Any] = {
        "article_id": article_id,
        "article_url": "https://www.businessinsider.example/russia-air-defense-venezuela",
        "title": "Russia sent air defense systems to Venezuela, lawmaker says",
        "outlet": "Business Insider",
        "published": datetime(2025, 11, 1, tzinfo=UTC),
        "entities": ["Pantsir-S1", "Venezuela"],
        "sentences": ["He further revealed the recent delivery of the Pantsir-S1 system."],
        "discovered_at": T0,
    }
    fields.update(changes)
    return MentionFound(**fields)
