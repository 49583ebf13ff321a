"""The delivery outbox and the dead-letter table.

A delivery moves pending → sending → sent, or → retrying → sending … → dead.
Rows are claimed atomically, so two senders never send the same delivery;
rows a killed sender left in 'sending' are put back by `recover_stale_sending`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlmodel import col, select

from claimwatch.common.store.base import utcnow
from claimwatch.common.store.models.outbox import DeadLetter, Delivery, DeliveryKind, DeliveryState
from claimwatch.common.store.repo.base import RepoBase, rowcount

_DUE_STATES = ("pending", "retrying")


class OutboxRepo(RepoBase):
    def enqueue_delivery(
        self,
        *,
        subscription_id: int,
        dedupe_key: str,
        kind: DeliveryKind,
        ref_id: int,
        channel: str,
        payload: Mapping[str, Any],
        discovered_at: datetime | None = None,
        next_attempt_at: datetime | None = None,
        now: datetime | None = None,
    ) -> tuple[Delivery, bool]:
        """(delivery, created): a `dedupe_key` seen before returns the existing row, whatever its state."""
        now = now or utcnow()
        values = {
            "subscription_id": subscription_id,
            "dedupe_key": dedupe_key,
            "kind": kind,
            "ref_id": ref_id,
            "channel": channel,
            "state": "pending",
            "attempts": 0,
            "next_attempt_at": next_attempt_at or now,
            "payload": dict(payload),
            "discovered_at": discovered_at,
            "created_at": now,
        }
        with self._write("enqueue delivery") as s:
            stmt = self._insert_ignore(Delivery, [values], ["dedupe_key"]).returning(col(Delivery.id))
            new_id = s.execute(stmt).scalar_one_or_none()
            row = s.exec(select(Delivery).where(Delivery.dedupe_key == dedupe_key)).one()
            return row, new_id is not None

    def claim_due_deliveries(self, *, now: datetime, limit: int) -> list[Delivery]:
        """Moves up to `limit` due pending/retrying rows to 'sending' (attempts + 1) and returns them."""
        q = (
            select(Delivery)
            .where(col(Delivery.state).in_(_DUE_STATES), col(Delivery.next_attempt_at) <= now)
            .order_by(col(Delivery.next_attempt_at), col(Delivery.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        with self._write("claim due deliveries") as s:
            rows = list(s.exec(q).all())
            for row in rows:
                row.state = "sending"
                row.attempts += 1
                row.claimed_at = now
                s.add(row)
            return rows

    def recover_stale_sending(self, *, older_than: datetime, now: datetime | None = None) -> int:
        """Puts rows claimed before `older_than` and never finished back to 'retrying'; returns how many."""
        stmt = (
            update(Delivery)
            .where(col(Delivery.state) == "sending", col(Delivery.claimed_at) < older_than)
            .values(
                state="retrying", next_attempt_at=now or utcnow(), last_error="sender stopped while sending"
            )
        )
        with self._write("recover stale deliveries") as s:
            return rowcount(s.execute(stmt))

    def _finish(self, delivery_id: int, what: str, **values: Any) -> bool:
        with self._write(what) as s:
            result = s.execute(update(Delivery).where(col(Delivery.id) == delivery_id).values(**values))
            return bool(rowcount(result))

    def mark_sent(self, *, delivery_id: int, now: datetime) -> bool:
        return self._finish(delivery_id, "mark delivery sent", state="sent", sent_at=now, last_error=None)

    def mark_retry(self, *, delivery_id: int, error: str, next_attempt_at: datetime) -> bool:
        return self._finish(
            delivery_id,
            "mark delivery for retry",
            state="retrying",
            last_error=error,
            next_attempt_at=next_attempt_at,
        )

    def mark_dead(self, *, delivery_id: int, error: str) -> bool:
        return self._finish(delivery_id, "mark delivery dead", state="dead", last_error=error)

    def retry_dead(self, *, delivery_id: int, now: datetime | None = None) -> bool:
        """Gives a dead delivery a fresh set of attempts; False if it is not dead."""
        stmt = (
            update(Delivery)
            .where(col(Delivery.id) == delivery_id, col(Delivery.state) == "dead")
            .values(state="pending", attempts=0, next_attempt_at=now or utcnow())
        )
        with self._write("retry dead delivery") as s:
            return bool(rowcount(s.execute(stmt)))

    def get_delivery(self, *, delivery_id: int) -> Delivery | None:
        with self._read("get delivery") as s:
            return s.get(Delivery, delivery_id)

    def list_deliveries(
        self,
        *,
        state: DeliveryState | None = None,
        subscription_id: int | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Delivery]:
        """Newest first."""
        q = select(Delivery)
        if state is not None:
            q = q.where(Delivery.state == state)
        if subscription_id is not None:
            q = q.where(Delivery.subscription_id == subscription_id)
        q = q.order_by(col(Delivery.id).desc()).offset(offset).limit(limit)
        with self._read("list deliveries") as s:
            return list(s.exec(q).all())

    def count_deliveries(self, *, state: DeliveryState | None = None) -> int:
        """How many deliveries are in `state` (all of them for None); one COUNT query."""
        q = select(func.count()).select_from(Delivery)
        if state is not None:
            q = q.where(col(Delivery.state) == state)
        with self._read("count deliveries") as s:
            return int(s.exec(q).one())

    def add_dead_letter(
        self, *, source: str, key: str, payload: str, reason: str, now: datetime | None = None
    ) -> DeadLetter:
        """Records a message that can never be processed, with the reason."""
        with self._write("add dead letter") as s:
            row = DeadLetter(
                source=source, key=key, payload=payload, reason=reason, created_at=now or utcnow()
            )
            s.add(row)
            s.flush()
            return row

    def list_dead_letters(
        self, *, source: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[DeadLetter]:
        q = select(DeadLetter)
        if source is not None:
            q = q.where(DeadLetter.source == source)
        q = q.order_by(col(DeadLetter.id).desc()).offset(offset).limit(limit)
        with self._read("list dead letters") as s:
            return list(s.exec(q).all())
