"""Store an article's text, then find its mentions, claims and matches.

Shared by the extractor service and `claimwatch replay`: both hand a stored
article's text here, so replay exercises exactly the production path. Every
write is idempotent, so re-running an article after a crash adds nothing twice.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from claimwatch.common.core.model import (
    ArticleText,
    Claim,
    ClaimEngine,
    Extraction,
    Independence,
    Match,
    Mention,
    Relation,
)


class AnalysisStore(Protocol):
    """What analysis needs from the store (sync; called from a worker thread)."""

    def add_mentions(self, *, article_id: int, mentions: Sequence[Mention]) -> object: ...

    def add_claims(
        self,
        *,
        article_id: int | None = None,
        tracked_claim_id: int | None = None,
        claims: Sequence[tuple[Claim, Sequence[str]]],
    ) -> list[int]: ...

    def candidate_claims(
        self, *, keys: Sequence[str], exclude_article_id: int | None = None, limit: int = ...
    ) -> list[tuple[int, Claim]]: ...

    def add_match(
        self,
        *,
        new_claim_id: int,
        stored_claim_id: int,
        relation: Relation,
        independence: Independence,
        confidence: float,
        explanation: str,
    ) -> tuple[int, bool]: ...


@dataclass(frozen=True)
class StoredMatch:
    match_id: int
    created: bool
    match: Match


@dataclass(frozen=True)
class AnalysisResult:
    extraction: Extraction
    matches: tuple[StoredMatch, ...]


def analyse_article(
    *, store: AnalysisStore, engine: ClaimEngine, article_id: int, article: ArticleText
) -> AnalysisResult:
    """Mentions, claims and matches for one stored article (sync: run it in a thread)."""
    extraction = engine.extract(article)
    store.add_mentions(article_id=article_id, mentions=extraction.mentions)
    return AnalysisResult(
        extraction, _store_and_compare(store, engine, extraction.claims, article_id=article_id)
    )


def analyse_tracked_claims(
    *, store: AnalysisStore, engine: ClaimEngine, tracked_claim_id: int, claims: Sequence[Claim]
) -> tuple[StoredMatch, ...]:
    """Store a user's tracked claims; they match later articles like any stored claim."""
    return _store_and_compare(store, engine, claims, tracked_claim_id=tracked_claim_id)


def _store_and_compare(
    store: AnalysisStore,
    engine: ClaimEngine,
    claims: Sequence[Claim],
    *,
    article_id: int | None = None,
    tracked_claim_id: int | None = None,
) -> tuple[StoredMatch, ...]:
    if not claims:
        return ()
    # Candidates are looked up before this article's own claims are stored, so
    # an article never matches itself even when the store ignores exclusion.
    candidates = [
        store.candidate_claims(keys=list(engine.lookup_keys(claim)), exclude_article_id=article_id)
        for claim in claims
    ]
    ids = store.add_claims(
        article_id=article_id,
        tracked_claim_id=tracked_claim_id,
        claims=[(claim, list(engine.index_keys(claim))) for claim in claims],
    )
    found: list[StoredMatch] = []
    for claim, claim_id, stored in zip(claims, ids, candidates, strict=True):
        # Claims are frozen values: the engine hands back the candidate it matched.
        id_of = {c: cid for cid, c in stored if cid != claim_id}
        for match in engine.compare(claim, list(id_of)):
            stored_id = id_of[match.stored]
            match_id, created = store.add_match(
                new_claim_id=claim_id,
                stored_claim_id=stored_id,
                relation=match.relation,
                independence=match.independence,
                confidence=match.confidence,
                explanation=match.explanation,
            )
            found.append(StoredMatch(match_id, created, match))
    return tuple(found)


async def analyse_in_thread(
    *, store: AnalysisStore, engine: ClaimEngine, article_id: int, article: ArticleText
) -> AnalysisResult:
    return await asyncio.to_thread(
        analyse_article, store=store, engine=engine, article_id=article_id, article=article
    )


def text_hash(text: str) -> str:
    """Identity of an article's text: an edit changes it, a re-fetch of the same text does not."""
    return hashlib.sha256(text.encode()).hexdigest()


_ACT_NOUNS = {
    "transfer": "transfer",
    "request": "request",
    "deploy": "deployment",
    "use": "use",
    "produce": "production",
    "train": "training",
    "possess": "operation",
    "sanction": "sanctions",
}


def proposition_topic(new: Claim, stored: Claim, chain: Callable[[str], Sequence[str]] | None = None) -> str:
    """What two matched claims are about, in words, at the broader of their two items.

    "Russia's transfer of military assistance to Venezuela" for a denial of military assistance set
    against a delivery of Pantsir-S1; `chain(item)` lists an item and everything above it.
    """
    item = new.object
    if chain is not None and new.object != stored.object and new.object in chain(stored.object):
        item = new.object
    elif chain is not None and stored.object in chain(new.object):
        item = stored.object
    act = _ACT_NOUNS.get(new.predicate, new.predicate)
    subject = new.subject or stored.subject
    owner = f"{subject}'s " if subject else ""
    joiner = "from" if new.predicate == "request" else ("in" if new.predicate == "deploy" else "to")
    target = f" {joiner} {new.recipient}" if new.recipient else ""
    return f"{owner}{act} of {item}{target}"


def claim_in_words(claim: Claim) -> str:
    """'Russia transfer Pantsir-S1 to Venezuela (negated, planned)' — for alerts and replay."""
    parts = [claim.subject or "?", claim.predicate, claim.object]
    if claim.recipient:
        parts += ["to", claim.recipient]
    return f"{' '.join(parts)} ({claim.polarity}, {claim.modality})"
