"""The extractor: ArticleDiscovered in, stored article + ClaimMatched / MentionFound out.

Order of work for one article, chosen so a crash at any point loses nothing:
fetch page → extract text (worker pool) → store article (idempotent on the
URL hash) → analyse (idempotent writes) → publish matches and mentions. The bus
commits the message only after `handle` returns; a redelivered article repeats
the same idempotent steps and the alerter's outbox drops duplicate alerts.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from claimwatch.common.analysis import (
    AnalysisStore,
    StoredMatch,
    analyse_in_thread,
    claim_in_words,
    proposition_topic,
    text_hash,
)
from claimwatch.common.core.model import ArticleText, Claim, ClaimEngine, Mention
from claimwatch.common.events import (
    TOPIC_MATCHES,
    TOPIC_MENTIONS,
    ArticleDiscovered,
    ClaimMatched,
    EvidencePublic,
    MentionFound,
)
from claimwatch.common.metrics import Metrics

from .text import html_to_text

log = logging.getLogger(__name__)

MAX_MENTION_SENTENCES = 3
PUBLISH_BATCH = 200  # events in flight at once when an article yields many matches


class PageSource(Protocol):
    """Fetches and reads a page; raises on failure (any exception falls back to the summary)."""

    async def read(self, url: str) -> tuple[str, str, datetime | None]:
        """(text, title, published) of the page at `url`."""
        ...


class ExtractorStore(AnalysisStore, Protocol):
    def upsert_article(
        self,
        *,
        url_hash: str,
        canonical_url: str,
        url: str,
        text: str,
        text_hash: str,
        extraction_status: Literal["page", "summary", "failed"],
        title: str = ...,
        outlet: str = ...,
        published: datetime | None = ...,
        feed_id: int | None = ...,
        extraction_error: str | None = ...,
        discovered_at: datetime | None = ...,
        entry_updated: datetime | None = ...,
    ) -> tuple[Any, bool, bool]:
        """(article, created, text_changed); idempotent on url_hash."""
        ...

    def get_article(self, *, article_id: int | None = None, url_hash: str | None = None) -> Any:
        """The stored article (with `id`, `text_hash`, `extraction_status`), or None."""
        ...


@dataclass(frozen=True)
class _Page:
    """What reading an article gave: its text and where the text came from."""

    text: str
    title: str
    published: datetime | None
    source: Literal["page", "summary", "failed"]
    error: str = ""


class Publisher(Protocol):
    async def publish(self, topic: str, event: Any, key: str | None = None) -> None: ...


class Extractor:
    def __init__(
        self,
        *,
        store: ExtractorStore,
        pages: PageSource,
        engine: Callable[[], ClaimEngine],
        bus: Publisher,
        metrics: Metrics,
    ) -> None:
        self._store = store
        self._pages = pages
        self._engine = engine  # a getter: the watchlist may be reloaded while running
        self._bus = bus
        self._metrics = metrics

    async def handle(self, event: ArticleDiscovered) -> None:
        log.debug("reading %s", event.url)
        page = await self._read(event)
        if event.revision:
            stored = await asyncio.to_thread(self._store.get_article, url_hash=event.url_hash)
            if stored is not None:
                await self._revise(event, stored, page)
                return
        article = await self._store_article(event, page)
        if page.text:
            await self._analyse_and_publish(event, article.id, page)

    async def _revise(self, event: ArticleDiscovered, stored: Any, page: _Page) -> None:
        """An edit of a stored article: analysed again only when its text changed.

        The new text is analysed before it is stored: if the process dies in between,
        the stored text still differs and the redelivered (or re-polled) edit is
        analysed again (idempotently) rather than skipped as unchanged.
        """
        if page.source != "page" and stored.extraction_status == "page":
            # Keep the page text over a summary; the entry version is not advanced, so the
            # next poll publishes the edit again and the page is tried once more.
            log.info("edited article %s: page unreadable, stored text kept", event.url)
            return
        if not page.text or text_hash(page.text) == stored.text_hash:
            await self._store_article(event, page)  # remembers the newer entry version
            return
        await self._analyse_and_publish(event, stored.id, page, before_publish=self._store_article)

    async def _store_article(self, event: ArticleDiscovered, page: _Page) -> Any:
        article, _created, _changed = await asyncio.to_thread(
            self._store.upsert_article,
            url_hash=event.url_hash,
            canonical_url=event.canonical_url,
            url=event.url,
            feed_id=event.feed_id,
            title=page.title or event.title,
            outlet=event.outlet,
            published=page.published or event.published,
            text=page.text,
            text_hash=text_hash(page.text),
            extraction_status=page.source,
            extraction_error=page.error or None,
            discovered_at=event.discovered_at,
            entry_updated=event.updated,
        )
        self._metrics.articles_extracted.labels(source=page.source).inc()
        return article

    async def _analyse_and_publish(
        self,
        event: ArticleDiscovered,
        article_id: int,
        page: _Page,
        before_publish: Callable[[ArticleDiscovered, _Page], Awaitable[Any]] | None = None,
    ) -> None:
        article_text = ArticleText(
            url=event.url,
            text=page.text,
            title=page.title or event.title,
            outlet=event.outlet,
            published=page.published or event.published,
        )
        engine = await asyncio.to_thread(self._engine)
        result = await analyse_in_thread(
            store=self._store, engine=engine, article_id=article_id, article=article_text
        )
        if before_publish is not None:
            await before_publish(event, page)
        chain = engine.chain  # the hierarchy names a match's topic and its categories
        self._metrics.mentions.inc(len(result.extraction.mentions))
        self._metrics.claims.inc(len(result.extraction.claims))
        log.info(
            "article %s (%s%s): %d mentions, %d claims, %d matches",
            article_id,
            page.source,
            ", edited" if event.revision else "",
            len(result.extraction.mentions),
            len(result.extraction.claims),
            len(result.matches),
        )
        events: list[tuple[str, Any]] = []
        if result.extraction.mentions:
            mentions = result.extraction.mentions
            events.append(
                (
                    TOPIC_MENTIONS,
                    mention_event(article_id, article_text, mentions, event.discovered_at, chain),
                )
            )
        for stored in result.matches:
            self._metrics.matches.labels(relation=stored.match.relation).inc()
            events.append((TOPIC_MATCHES, match_event(stored, event.discovered_at, chain)))
        await self._publish_all(events, key=event.url_hash)

    async def _publish_all(self, events: Sequence[tuple[str, Any]], key: str) -> None:
        """Publish concurrently, a batch at a time: one round trip per batch, not per event.

        Any failure raises, so the article is not committed and is handled again (idempotently).
        """
        for start in range(0, len(events), PUBLISH_BATCH):
            batch = events[start : start + PUBLISH_BATCH]
            await asyncio.gather(*(self._bus.publish(topic, ev, key=key) for topic, ev in batch))

    async def _read(self, event: ArticleDiscovered) -> _Page:
        """The page's text, or the feed summary when the page fails."""
        started = time.perf_counter()
        try:
            text, title, published = await self._pages.read(event.url)
        except Exception as exc:  # any page failure falls back to the summary, recorded
            kind = getattr(exc, "kind", type(exc).__name__)
            self._metrics.error("extractor", str(kind))
            log.warning("page unreadable, using feed summary: %s: %s", event.url, exc)
            summary = html_to_text(event.summary)
            return _Page(summary, event.title, None, "summary" if summary else "failed", f"{kind}: {exc}")
        finally:
            self._metrics.extract_seconds.observe(time.perf_counter() - started)
        return _Page(text, title, published, "page")


def _evidence(claim: Claim, title: str = "") -> EvidencePublic:
    return EvidencePublic(
        article_url=claim.article_url,
        outlet=claim.outlet,
        title=title,
        published=claim.published,
        sentence=claim.sentence,
        speaker=claim.speaker,
        claim=claim_in_words(claim),
    )


def match_event(
    stored: StoredMatch, discovered_at: datetime | None, chain: Callable[[str], Sequence[str]] | None = None
) -> ClaimMatched:
    """The alert-ready event for a stored match; `chain` (the watchlist hierarchy) names its topic."""
    m = stored.match
    # Categories above each item too, so a subscription to "air defence" hears of Pantsir-S1.
    items = {e for c in (m.new, m.stored) for e in (chain(c.object) if chain else (c.object,)) if e}
    entities = sorted(
        items
        | {e for c in (m.new, m.stored) for e in (c.subject, c.recipient, c.speaker) if e}
        - {s for s in (m.new.speaker, m.stored.speaker) if s.startswith("outlet:")}
    )
    return ClaimMatched(
        match_id=stored.match_id,
        relation=m.relation,
        independence=m.independence,
        confidence=m.confidence,
        explanation=m.explanation,
        entities=entities,
        topic=proposition_topic(m.new, m.stored, chain),
        new=_evidence(m.new),
        stored=_evidence(m.stored),
        discovered_at=discovered_at,
    )


def mention_event(
    article_id: int,
    article: ArticleText,
    mentions: Sequence[Mention],
    discovered_at: datetime | None,
    chain: Callable[[str], Sequence[str]] | None = None,
) -> MentionFound:
    entities = {m.entity for m in mentions}
    above = {up for m in mentions if m.kind == "system" and chain for up in chain(m.entity)}
    return MentionFound(
        article_id=article_id,
        article_url=article.url,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        entities=sorted(entities),
        categories=sorted(above - entities),
        sentences=_sentences_around(article.text, mentions),
        discovered_at=discovered_at,
    )


def _sentences_around(text: str, mentions: Sequence[Mention]) -> list[str]:
    found: list[str] = []
    for m in sorted(mentions, key=lambda m: m.start):
        start = max(text.rfind(". ", 0, m.start) + 2, text.rfind("\n", 0, m.start) + 1, 0)
        ends = [i for i in (text.find(". ", m.end), text.find("\n", m.end)) if i != -1]
        end = min(ends) + 1 if ends else len(text)
        sentence = text[start:end].strip()
        if sentence and sentence not in found:
            found.append(sentence[:500])
        if len(found) >= MAX_MENTION_SENTENCES:
            break
    return found
