"""Burst and digest decisions: how many messages a group of due alerts becomes.

The alerter keeps, per subscription, the times it recently sent a message; a
burst is more than `max_messages` alerts within `window`. The plan is pure:
send each alone, send one digest, or wait until the window has room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal


@dataclass(frozen=True)
class BurstPolicy:
    max_messages: int = 5  # N: at most this many single alerts per subscription per window
    window: timedelta = timedelta(minutes=10)


@dataclass(frozen=True)
class GroupPlan:
    action: Literal["single", "digest", "wait"]
    until: datetime | None = None  # for "wait"


def plan_group(
    due_count: int,
    recent_sends: Sequence[datetime],
    policy: BurstPolicy,
    now: datetime,
    *,
    held_back: bool = False,
) -> GroupPlan:
    """Plan `due_count` alerts due now for one subscription and channel.

    - within budget: each goes out alone;
    - over budget with two or more due: one digest now;
    - over budget with one due: it waits for the window to make room; then the
      ones that piled up meanwhile (`held_back`) go out together as one digest.
    """
    recent = sorted(t for t in recent_sends if now - t < policy.window)
    if due_count <= 0:
        return GroupPlan("single")
    if held_back and due_count >= 2:
        return GroupPlan("digest")
    if len(recent) + due_count <= policy.max_messages:
        return GroupPlan("single")
    if due_count >= 2:
        return GroupPlan("digest")
    # Room opens when enough of the recent sends leave the window.
    index = max(0, len(recent) - policy.max_messages)
    return GroupPlan("wait", until=recent[index] + policy.window)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def next_digest_flush(now: datetime, every: timedelta) -> datetime:
    """The next digest boundary strictly after `now`; boundaries are aligned to the epoch.

    Aligned boundaries make every alert of one subscription come due at the
    same instant, so one claim picks them all up as one digest.
    """
    if every <= timedelta(0):
        raise ValueError("digest interval must be positive")
    elapsed = now - _EPOCH
    periods = elapsed // every + 1
    return _EPOCH + periods * every
