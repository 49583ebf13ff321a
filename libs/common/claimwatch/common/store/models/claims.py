"""Claims (from articles or typed in by users), their lookup keys, and matches between them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import AutoString, Field, Index, Text, UniqueConstraint

from claimwatch.common.core.model import Claim, Independence, Modality, Polarity, Relation
from claimwatch.common.store.base import StoreModel, UTCDateTime


class TrackedClaimBase(StoreModel):
    text: str = Field(sa_type=Text)


class TrackedClaimCreate(TrackedClaimBase):
    pass


class TrackedClaim(TrackedClaimBase, table=True):
    __tablename__ = "tracked_claim"

    id: int = Field(default=None, primary_key=True)  # set by the database; never None once stored
    created_at: datetime = Field(sa_type=UTCDateTime)


class TrackedClaimPublic(TrackedClaimBase):
    id: int
    created_at: datetime


class ClaimBase(StoreModel):
    article_id: int | None = Field(default=None, foreign_key="article.id", ondelete="CASCADE")
    tracked_claim_id: int | None = Field(
        default=None, foreign_key="tracked_claim.id", ondelete="CASCADE", index=True
    )
    subject: str
    predicate: str
    object: str
    recipient: str
    polarity: Polarity = Field(sa_type=AutoString)
    modality: Modality = Field(sa_type=AutoString)
    speaker: str
    outlet: str = ""
    cited_source: str = ""
    when: str = ""
    sentence: str = Field(sa_type=Text)
    span_start: int
    span_end: int
    article_url: str
    published: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)


class ClaimRecord(ClaimBase, table=True):
    """A stored core `Claim`."""

    __tablename__ = "claim"
    __table_args__ = (
        UniqueConstraint(
            "article_id",
            "span_start",
            "subject",
            "predicate",
            "object",
            "recipient",
            "polarity",
            "modality",
            name="uq_claim_identity",
        ),
    )

    id: int = Field(default=None, primary_key=True)  # set by the database; never None once stored

    def to_core(self) -> Claim:
        return Claim(
            subject=self.subject,
            predicate=self.predicate,
            object=self.object,
            recipient=self.recipient,
            polarity=self.polarity,
            modality=self.modality,
            speaker=self.speaker,
            sentence=self.sentence,
            span=(self.span_start, self.span_end),
            article_url=self.article_url,
            outlet=self.outlet,
            cited_source=self.cited_source,
            when=self.when,
            published=self.published,
        )


class ClaimPublic(ClaimBase):
    id: int


class ClaimKey(StoreModel, table=True):
    """A normalised key under which a claim is found again (see `ClaimEngine.index_keys`)."""

    __tablename__ = "claim_key"
    __table_args__ = (Index("ix_claim_key_key", "key"),)

    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE", primary_key=True)
    key: str = Field(primary_key=True)


class MatchBase(StoreModel):
    new_claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    stored_claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE", index=True)
    relation: Relation = Field(sa_type=AutoString)
    independence: Independence = Field(sa_type=AutoString)
    confidence: float
    explanation: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)


class MatchRecord(MatchBase, table=True):
    __tablename__ = "match"
    __table_args__ = (
        UniqueConstraint("new_claim_id", "stored_claim_id", "relation", name="uq_match_identity"),
    )

    id: int = Field(default=None, primary_key=True)  # set by the database; never None once stored


class MatchPublic(MatchBase):
    id: int
