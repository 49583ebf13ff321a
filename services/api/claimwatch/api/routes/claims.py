"""Tracked claims (typed by users) and queries over articles, claims and matches."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field

from claimwatch.common.analysis import analyse_tracked_claims, claim_in_words
from claimwatch.common.core.claims import parse_tracked_claim
from claimwatch.common.store.models.articles import ArticlePublic
from claimwatch.common.store.models.claims import ClaimPublic, MatchPublic, TrackedClaimPublic

from ..auth import CanRead, CanWrite
from ..deps import AnnounceDep, EngineDep, StoreDep, call, found

router = APIRouter(tags=["claims"])


class TrackedClaimIn(BaseModel):
    text: str = Field(min_length=3, max_length=1000, examples=["Iran delivered Shahed drones to Russia"])


class TrackedClaimOut(BaseModel):
    tracked: TrackedClaimPublic
    parsed: list[str]  # each claim understood, in words
    matches: int  # stored claims it already corroborates or contradicts


@router.post("/tracked-claims", response_model=TrackedClaimOut, status_code=status.HTTP_201_CREATED)
async def track_claim(
    _: CanWrite, store: StoreDep, engines: EngineDep, announce: AnnounceDep, body: TrackedClaimIn
) -> TrackedClaimOut:
    """Parse a claim in plain English and keep it; later articles are compared with it."""
    engine = await call(engines.current)
    claims = parse_tracked_claim(body.text, engines.watchlist)
    if not claims:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "no claim about watched systems and actors was understood; name a watched actor, "
            "an act (delivered, requested, deployed, ...) and a watched system or category",
        )
    tracked = await call(store.add_tracked_claim, text=body.text)
    found = await call(
        analyse_tracked_claims, store=store, engine=engine, tracked_claim_id=tracked.id, claims=claims
    )
    await announce("tracked_claim", "created", tracked.id)
    return TrackedClaimOut(
        tracked=TrackedClaimPublic.model_validate(tracked.model_dump()),
        parsed=[claim_in_words(c) for c in claims],
        matches=len(found),
    )


@router.get("/tracked-claims", response_model=list[TrackedClaimPublic])
async def list_tracked(_: CanRead, store: StoreDep) -> list[TrackedClaimPublic]:
    rows = await call(store.list_tracked_claims)
    return [TrackedClaimPublic.model_validate(r.model_dump()) for r in rows]


@router.delete("/tracked-claims/{tracked_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_tracked(_: CanWrite, store: StoreDep, announce: AnnounceDep, tracked_id: int) -> None:
    found(await call(store.delete_tracked_claim, tracked_claim_id=tracked_id), "no such tracked claim")
    await announce("tracked_claim", "deleted", tracked_id)


@router.get("/articles", response_model=list[ArticlePublic])
async def list_articles(
    _: CanRead, store: StoreDep, limit: int = 50, offset: int = 0, since: datetime | None = None
) -> list[ArticlePublic]:
    rows = await call(store.list_articles, limit=min(limit, 500), offset=offset, since=since)
    return [ArticlePublic.model_validate(r.model_dump()) for r in rows]


@router.get("/articles/{article_id}", response_model=ArticlePublic)
async def get_article(_: CanRead, store: StoreDep, article_id: int) -> ArticlePublic:
    row = found(await call(store.get_article, article_id=article_id), "no such article")
    return ArticlePublic.model_validate(row.model_dump())


@router.get("/claims", response_model=list[ClaimPublic])
async def list_claims(
    _: CanRead, store: StoreDep, limit: int = 50, offset: int = 0, article_id: int | None = None
) -> list[ClaimPublic]:
    rows = await call(store.list_claims, limit=min(limit, 500), offset=offset, article_id=article_id)
    return [ClaimPublic.model_validate(r.model_dump()) for r in rows]


@router.get("/matches", response_model=list[MatchPublic])
async def list_matches(
    _: CanRead, store: StoreDep, relation: str | None = None, limit: int = 50, offset: int = 0
) -> list[MatchPublic]:
    rows = await call(store.list_matches, relation=relation, limit=min(limit, 500), offset=offset)
    return [MatchPublic.model_validate(r.model_dump()) for r in rows]


@router.get("/matches/{match_id}", response_model=MatchPublic)
async def get_match(_: CanRead, store: StoreDep, match_id: int) -> MatchPublic:
    row = found(await call(store.get_match, match_id=match_id), "no such match")
    return MatchPublic.model_validate(row.model_dump())
