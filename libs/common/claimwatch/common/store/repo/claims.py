"""Claims with their lookup keys, matches between claims, and tracked claims."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from claimwatch.common.core.model import Claim, Independence, Relation
from claimwatch.common.store.base import utcnow
from claimwatch.common.store.models.claims import ClaimKey, ClaimRecord, MatchRecord, TrackedClaim
from claimwatch.common.store.repo.base import RepoBase, rowcount

# The columns of the claim's unique identity (see uq_claim_identity).
_IDENTITY = (
    "article_id",
    "span_start",
    "subject",
    "predicate",
    "object",
    "recipient",
    "polarity",
    "modality",
)


def _claim_values(
    claim: Claim, *, article_id: int | None, tracked_claim_id: int | None, now: datetime
) -> dict[str, object]:
    return {
        "article_id": article_id,
        "tracked_claim_id": tracked_claim_id,
        "subject": claim.subject,
        "predicate": claim.predicate,
        "object": claim.object,
        "recipient": claim.recipient,
        "polarity": claim.polarity,
        "modality": claim.modality,
        "speaker": claim.speaker,
        "outlet": claim.outlet,
        "cited_source": claim.cited_source,
        "when": claim.when,
        "sentence": claim.sentence,
        "span_start": claim.span[0],
        "span_end": claim.span[1],
        "article_url": claim.article_url,
        "published": claim.published,
        "created_at": now,
    }


class ClaimRepo(RepoBase):
    def add_claims(
        self,
        *,
        claims: Sequence[tuple[Claim, Sequence[str]]],
        article_id: int | None = None,
        tracked_claim_id: int | None = None,
        now: datetime | None = None,
    ) -> list[int]:
        """Stores (claim, index keys) pairs of one article or one tracked claim; ids in input order.

        Idempotent: adding an article's claims again returns the ids already stored;
        a tracked claim that has claims keeps them.
        """
        if (article_id is None) == (tracked_claim_id is None):
            raise ValueError("add_claims needs exactly one of article_id and tracked_claim_id")
        now = now or utcnow()
        with self._write("add claims") as s:
            if tracked_claim_id is not None:
                existing = s.exec(
                    select(ClaimRecord.id)
                    .where(ClaimRecord.tracked_claim_id == tracked_claim_id)
                    .order_by(col(ClaimRecord.id))
                ).all()
                if existing:
                    return list(existing)
            ids = []
            for claim, keys in claims:
                values = _claim_values(
                    claim, article_id=article_id, tracked_claim_id=tracked_claim_id, now=now
                )
                claim_id = self._insert_claim(s, values)
                ids.append(claim_id)
                if keys:
                    rows = [{"claim_id": claim_id, "key": key} for key in sorted(set(keys))]
                    s.execute(self._insert_ignore(ClaimKey, rows, ["claim_id", "key"]))
            return ids

    def _insert_claim(self, s: Session, values: dict[str, object]) -> int:
        if values["article_id"] is None:
            row = ClaimRecord.model_validate(values)
            s.add(row)
            s.flush()
            return row.id
        stmt = self._insert_ignore(ClaimRecord, [values], _IDENTITY).returning(col(ClaimRecord.id))
        new_id = s.execute(stmt).scalar_one_or_none()
        if new_id is not None:
            return new_id
        same = select(ClaimRecord.id).where(
            *(getattr(ClaimRecord, name) == values[name] for name in _IDENTITY)
        )
        return s.exec(same).one()

    def candidate_claims(
        self, *, keys: Sequence[str], exclude_article_id: int | None = None, limit: int = 500
    ) -> list[tuple[int, Claim]]:
        """Stored claims having any of `keys`, newest first, as core `Claim`s with their ids."""
        wanted = sorted(set(keys))
        if not wanted:
            return []
        having_key = select(ClaimKey.claim_id).where(col(ClaimKey.key).in_(wanted))
        q = select(ClaimRecord).where(col(ClaimRecord.id).in_(having_key))
        if exclude_article_id is not None:
            q = q.where(
                or_(col(ClaimRecord.article_id).is_(None), col(ClaimRecord.article_id) != exclude_article_id)
            )
        q = q.order_by(col(ClaimRecord.id).desc()).limit(limit)
        with self._read("find candidate claims") as s:
            rows = s.exec(q).all()
        return [(r.id, r.to_core()) for r in rows]

    def get_claim(self, *, claim_id: int) -> ClaimRecord | None:
        with self._read("get claim") as s:
            return s.get(ClaimRecord, claim_id)

    def list_claims(
        self,
        *,
        article_id: int | None = None,
        tracked_claim_id: int | None = None,
        entity: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ClaimRecord]:
        """Newest first; `entity` matches subject, object or recipient."""
        q = select(ClaimRecord)
        if article_id is not None:
            q = q.where(ClaimRecord.article_id == article_id)
        if tracked_claim_id is not None:
            q = q.where(ClaimRecord.tracked_claim_id == tracked_claim_id)
        if entity is not None:
            q = q.where(
                or_(
                    col(ClaimRecord.subject) == entity,
                    col(ClaimRecord.object) == entity,
                    col(ClaimRecord.recipient) == entity,
                )
            )
        q = q.order_by(col(ClaimRecord.id).desc()).offset(offset).limit(limit)
        with self._read("list claims") as s:
            return list(s.exec(q).all())

    def add_match(
        self,
        *,
        new_claim_id: int,
        stored_claim_id: int,
        relation: Relation,
        independence: Independence,
        confidence: float,
        explanation: str,
        now: datetime | None = None,
    ) -> tuple[int, bool]:
        """(match id, created): the same (new, stored, relation) is stored once."""
        values = {
            "new_claim_id": new_claim_id,
            "stored_claim_id": stored_claim_id,
            "relation": relation,
            "independence": independence,
            "confidence": confidence,
            "explanation": explanation,
            "created_at": now or utcnow(),
        }
        identity = ("new_claim_id", "stored_claim_id", "relation")
        with self._write("add match") as s:
            stmt = self._insert_ignore(MatchRecord, [values], identity).returning(col(MatchRecord.id))
            new_id = s.execute(stmt).scalar_one_or_none()
            if new_id is not None:
                return new_id, True
            same = select(MatchRecord.id).where(
                *(getattr(MatchRecord, name) == values[name] for name in identity)
            )
            return s.exec(same).one(), False

    def get_match(self, *, match_id: int) -> MatchRecord | None:
        with self._read("get match") as s:
            return s.get(MatchRecord, match_id)

    def list_matches(
        self,
        *,
        relation: Relation | None = None,
        claim_id: int | None = None,
        since: datetime | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[MatchRecord]:
        """Newest first; `claim_id` matches either side."""
        q = select(MatchRecord)
        if relation is not None:
            q = q.where(MatchRecord.relation == relation)
        if claim_id is not None:
            q = q.where(
                or_(col(MatchRecord.new_claim_id) == claim_id, col(MatchRecord.stored_claim_id) == claim_id)
            )
        if since is not None:
            q = q.where(col(MatchRecord.created_at) >= since)
        q = q.order_by(col(MatchRecord.id).desc()).offset(offset).limit(limit)
        with self._read("list matches") as s:
            return list(s.exec(q).all())

    def add_tracked_claim(self, *, text: str, now: datetime | None = None) -> TrackedClaim:
        """A claim typed in by a user; parse it and store its claims with `add_claims(tracked_claim_id=…)`."""
        with self._write("add tracked claim") as s:
            row = TrackedClaim(text=text, created_at=now or utcnow())
            s.add(row)
            s.flush()
            return row

    def get_tracked_claim(self, *, tracked_claim_id: int) -> TrackedClaim | None:
        with self._read("get tracked claim") as s:
            return s.get(TrackedClaim, tracked_claim_id)

    def list_tracked_claims(self, *, limit: int = 100, offset: int = 0) -> list[TrackedClaim]:
        q = select(TrackedClaim).order_by(col(TrackedClaim.id).desc()).offset(offset).limit(limit)
        with self._read("list tracked claims") as s:
            return list(s.exec(q).all())

    def delete_tracked_claim(self, *, tracked_claim_id: int) -> bool:
        """Deletes it with its claims, their keys and their matches."""
        with self._write("delete tracked claim") as s:
            result = s.execute(delete(TrackedClaim).where(col(TrackedClaim.id) == tracked_claim_id))
            return bool(rowcount(result))
