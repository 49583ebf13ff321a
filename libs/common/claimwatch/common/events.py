"""Versioned events that travel on the bus, as JSON.

Every event carries `type` and `schema_version`; consumers decode with
`decode_event`, which rejects unknown types and newer major versions with a
clear `EventDecodeError` (the bus dead-letters such messages).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

SCHEMA_VERSION = 1

# Topic names, one place.
TOPIC_ARTICLES = "articles.discovered"
TOPIC_MATCHES = "claims.matched"
TOPIC_MENTIONS = "mentions.found"
TOPIC_CONFIG = "config.changed"
TOPIC_DEAD_LETTER = "deadletter"
ALL_TOPICS = (TOPIC_ARTICLES, TOPIC_MATCHES, TOPIC_MENTIONS, TOPIC_CONFIG, TOPIC_DEAD_LETTER)


class EventDecodeError(ValueError):
    """A message on the bus is not an event this version understands."""


def _now() -> datetime:
    return datetime.now(UTC)


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    schema_version: int = SCHEMA_VERSION
    event_id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    occurred_at: datetime = Field(default_factory=_now)


class ArticleDiscovered(_Event):
    """A feed entry not yet stored; the extractor fetches and reads it."""

    type: Literal["article.discovered"] = "article.discovered"
    url: str
    canonical_url: str
    url_hash: str  # sha256 of canonical_url, hex; the article's identity
    feed_id: int | None = None
    feed_url: str = ""
    title: str = ""
    summary: str = ""  # feed summary, the fallback text when the page cannot be read
    outlet: str = ""
    published: datetime | None = None
    discovered_at: datetime = Field(default_factory=_now)
    # An edit of a stored article (the feed's `updated` time moved on), not a new discovery.
    revision: bool = False
    updated: datetime | None = None  # the entry's `updated` time in the feed, when it gives one


class EvidencePublic(BaseModel):
    """One side of a match as an alert shows it."""

    model_config = ConfigDict(frozen=True)

    article_url: str
    outlet: str = ""
    title: str = ""
    published: datetime | None = None
    sentence: str
    speaker: str = ""
    claim: str  # the claim in words, e.g. "Russia transfer Pantsir-S1 to Venezuela (affirmed, reported)"


class ClaimMatched(_Event):
    """A new claim corroborates or contradicts a stored one."""

    type: Literal["claim.matched"] = "claim.matched"
    match_id: int
    relation: Literal["corroborates", "contradicts"]
    independence: Literal["independent", "echo", "citation"]
    confidence: float
    explanation: str
    entities: list[str] = Field(default_factory=list)  # canonical names the two claims touch
    topic: str = ""  # the proposition in words: "Russia's transfer of military assistance to Venezuela"
    new: EvidencePublic
    stored: EvidencePublic
    discovered_at: datetime | None = None  # when the new article was discovered, for latency


class MentionFound(_Event):
    """An article mentions watched entities (for mention-only subscriptions)."""

    type: Literal["mention.found"] = "mention.found"
    article_id: int
    article_url: str
    title: str = ""
    outlet: str = ""
    published: datetime | None = None
    entities: list[str]
    categories: list[str] = Field(default_factory=list)  # categories above the entities, for filters
    sentences: list[str] = Field(default_factory=list)  # up to a few evidence sentences
    discovered_at: datetime | None = None


class ConfigChanged(_Event):
    """Configuration changed through the API; services reload what they cache."""

    type: Literal["config.changed"] = "config.changed"
    entity: Literal["watchlist", "feed", "subscription", "tracked_claim"]
    action: Literal["created", "updated", "deleted", "imported"]
    entity_id: int | None = None


Event = Annotated[
    ArticleDiscovered | ClaimMatched | MentionFound | ConfigChanged,
    Field(discriminator="type"),
]
_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)


def encode_event(event: _Event) -> bytes:
    return event.model_dump_json().encode()


def decode_event(raw: bytes) -> Event:
    """Parse one message; raise EventDecodeError saying what is wrong."""
    try:
        event = _ADAPTER.validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise EventDecodeError(f"not a claimwatch event: {where}: {first.get('msg')}") from exc
    if event.schema_version > SCHEMA_VERSION:
        raise EventDecodeError(
            f"{event.type} schema_version {event.schema_version} is newer than {SCHEMA_VERSION}"
        )
    return event
