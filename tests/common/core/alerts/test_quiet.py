from datetime import UTC, datetime, time

import pytest

from claimwatch.common.core.alerts import QuietHours, quiet_until
from claimwatch.common.core.alerts.quiet import QuietHoursError

NIGHT = QuietHours(start=time(22, 0), end=time(7, 0), tz="Europe/Berlin")


def test_outside_the_window_sends_now() -> None:
    noon_berlin = datetime(2025, 11, 4, 11, 0, tzinfo=UTC)
    assert quiet_until(NIGHT, noon_berlin) is None


def test_late_evening_waits_until_next_morning_across_midnight() -> None:
    late = datetime(2025, 11, 4, 22, 30, tzinfo=UTC)  # 23:30 in Berlin (UTC+1)
    assert quiet_until(NIGHT, late) == datetime(2025, 11, 5, 6, 0, tzinfo=UTC)


def test_early_morning_waits_until_the_same_morning() -> None:
    early = datetime(2025, 11, 5, 3, 0, tzinfo=UTC)  # 04:00 in Berlin
    assert quiet_until(NIGHT, early) == datetime(2025, 11, 5, 6, 0, tzinfo=UTC)


def test_window_end_follows_daylight_saving_change() -> None:
    # Night of 25-26 October 2025: Berlin goes from UTC+2 to UTC+1.
    before_change = datetime(2025, 10, 25, 21, 0, tzinfo=UTC)  # 23:00 CEST
    assert quiet_until(NIGHT, before_change) == datetime(2025, 10, 26, 6, 0, tzinfo=UTC)


def test_contradictions_bypass_when_allowed() -> None:
    quiet = QuietHours(start=time(0, 0), end=time(23, 59), tz="UTC", contradictions_bypass=True)
    now = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)
    assert quiet_until(quiet, now, "contradicts") is None
    assert quiet_until(quiet, now, "corroborates") == datetime(2025, 11, 4, 23, 59, tzinfo=UTC)


def test_same_start_and_end_is_no_quiet_time() -> None:
    quiet = QuietHours(start=time(8, 0), end=time(8, 0))
    assert quiet_until(quiet, datetime(2025, 11, 4, 8, 0, tzinfo=UTC)) is None


def test_from_mapping_reads_subscription_setting_and_rejects_bad_zone() -> None:
    parsed = QuietHours.from_mapping({"start": "22:00", "end": "07:00", "tz": "Europe/Berlin"})
    assert parsed == NIGHT
    assert QuietHours.from_mapping(None) is None
    with pytest.raises(QuietHoursError, match="tz"):
        QuietHours.from_mapping({"start": "22:00", "end": "07:00", "tz": "Mars/Olympus"})
    with pytest.raises(QuietHoursError, match="start"):
        QuietHours.from_mapping({"start": "late", "end": "07:00"})
