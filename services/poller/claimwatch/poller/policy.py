"""What a poll cycle reports, and the poller's policy and identity from settings."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

from claimwatch.common.core.feeds.polling import PollDecision, SchedulePolicy
from claimwatch.common.settings import Settings


def policy_from_settings(settings: Settings) -> SchedulePolicy:
    return SchedulePolicy(
        default_interval_s=settings.poll_interval_s,
        min_interval_s=settings.poll_min_interval_s,
        max_interval_s=settings.poll_max_interval_s,
        adaptive=settings.poll_adaptive,
        jitter=settings.poll_jitter,
        backoff_max_s=settings.poll_backoff_max_s,
        retry_after_max_s=settings.poll_retry_after_max_s,
    )


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class FeedPollResult:
    decision: PollDecision
    outcome: str  # fetched, not_modified, unchanged or error
    discovered: int
    revised: int = 0  # stored articles published again as edits


@dataclass
class PollSummary:
    feeds: int = 0
    ok: int = 0
    not_modified: int = 0
    failed: int = 0
    discovered: int = 0
    revised: int = 0
