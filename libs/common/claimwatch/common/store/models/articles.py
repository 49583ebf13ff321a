"""Articles (identified by the hash of their canonical URL) and the mentions found in them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlmodel import AutoString, Field, Text, UniqueConstraint

from claimwatch.common.store.base import StoreModel, UTCDateTime

ExtractionStatus = Literal["page", "summary", "failed"]


class ArticleBase(StoreModel):
    url_hash: str = Field(unique=True)  # sha256 hex of the canonical URL: the identity
    canonical_url: str
    url: str
    feed_id: int | None = Field(default=None, foreign_key="feed.id", ondelete="SET NULL", index=True)
    title: str = ""
    outlet: str = ""
    published: datetime | None = Field(default=None, sa_type=UTCDateTime)
    text: str = Field(default="", sa_type=Text)
    text_hash: str = ""
    extraction_status: ExtractionStatus = Field(default="page", sa_type=AutoString)
    extraction_error: str | None = Field(default=None, sa_type=Text)
    discovered_at: datetime = Field(sa_type=UTCDateTime, index=True)
    extracted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Article(ArticleBase, table=True):
    id: int = Field(default=None, primary_key=True)  # set by the database; never None once stored
    # The feed entry's `updated` time the stored text was read at (None: the feed gave none);
    # a later `updated` in a feed is an edit (claimwatch.common.core.feeds.entries).
    entry_updated: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ArticlePublic(ArticleBase):
    id: int


class MentionRecord(StoreModel, table=True):
    """A watched entity named in an article (core `Mention` plus the article)."""

    __tablename__ = "mention"
    __table_args__ = (UniqueConstraint("article_id", "entity", "start", name="uq_mention_identity"),)

    id: int = Field(default=None, primary_key=True)  # set by the database; never None once stored
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    entity: str = Field(index=True)
    kind: str
    surface: str
    start: int
    end: int
