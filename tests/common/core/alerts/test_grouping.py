from datetime import UTC, datetime, timedelta

import pytest

from claimwatch.common.core.alerts import BurstPolicy, next_digest_flush, plan_group

NOW = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)
POLICY = BurstPolicy(max_messages=3, window=timedelta(minutes=10))


def test_within_budget_each_alert_goes_alone() -> None:
    assert plan_group(2, [NOW - timedelta(minutes=1)], POLICY, NOW).action == "single"


def test_more_than_n_at_once_becomes_one_digest() -> None:
    assert plan_group(4, [], POLICY, NOW).action == "digest"


def test_one_more_after_n_recent_waits_for_room_in_the_window() -> None:
    recent = [NOW - timedelta(minutes=m) for m in (8, 5, 1)]
    plan = plan_group(1, recent, POLICY, NOW)
    assert plan.action == "wait"
    assert plan.until == NOW - timedelta(minutes=8) + POLICY.window


def test_sends_older_than_the_window_do_not_count() -> None:
    recent = [NOW - timedelta(minutes=m) for m in (30, 20, 15)]
    assert plan_group(3, recent, POLICY, NOW).action == "single"


def test_digest_boundaries_are_aligned_and_strictly_after_now() -> None:
    every = timedelta(minutes=15)
    assert next_digest_flush(NOW, every) == NOW + every
    later = NOW + timedelta(minutes=1)
    assert next_digest_flush(later, every) == NOW + every
    with pytest.raises(ValueError):
        next_digest_flush(NOW, timedelta(0))


def test_alerts_held_back_by_a_burst_go_out_together() -> None:
    assert plan_group(2, [], POLICY, NOW, held_back=True).action == "digest"
    assert plan_group(1, [], POLICY, NOW, held_back=True).action == "single"
