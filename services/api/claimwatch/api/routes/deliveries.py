"""The alert outbox as users see it: dead deliveries and their retry, dead letters."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from claimwatch.common.store.models.outbox import DeadLetterPublic, DeliveryPublic

from ..auth import CanRead, CanWrite
from ..deps import StoreDep, call, found

router = APIRouter(tags=["deliveries"])

State = Literal["pending", "sending", "sent", "retrying", "dead"]


@router.get("/deliveries", response_model=list[DeliveryPublic])
async def list_deliveries(
    _: CanRead, store: StoreDep, state: State | None = None, limit: int = 100
) -> list[DeliveryPublic]:
    rows = await call(store.list_deliveries, state=state, limit=min(limit, 1000))
    return [DeliveryPublic.model_validate(r.model_dump()) for r in rows]


@router.post("/deliveries/{delivery_id}/retry", response_model=DeliveryPublic)
async def retry_delivery(_: CanWrite, store: StoreDep, delivery_id: int) -> DeliveryPublic:
    """Send a dead delivery again (after fixing its subscription, say)."""
    found(await call(store.retry_dead, delivery_id=delivery_id), "no dead delivery with that id")
    row = found(await call(store.get_delivery, delivery_id=delivery_id))
    return DeliveryPublic.model_validate(row.model_dump())


@router.get("/dead-letters", response_model=list[DeadLetterPublic])
async def list_dead_letters(_: CanRead, store: StoreDep, limit: int = 100) -> list[DeadLetterPublic]:
    rows = await call(store.list_dead_letters, limit=min(limit, 1000))
    return [DeadLetterPublic.model_validate(r.model_dump()) for r in rows]
