"""Quiet hours: a daily window, in a time zone, during which alerts wait.

`quiet_until` answers "may this go out now, and if not, when?" for a given
`now`; windows may cross midnight ("22:00"–"07:00") and follow the zone's
daylight-saving changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class QuietHoursError(ValueError):
    """A quiet-hours setting cannot be understood; the message says which part."""


def _parse_time(value: Any, what: str) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError as exc:
        raise QuietHoursError(f"quiet hours {what}: expected HH:MM, got {value!r}") from exc


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time
    tz: str = "UTC"
    contradictions_bypass: bool = False

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise QuietHoursError(f"quiet hours tz: unknown time zone {self.tz!r}") from exc

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> QuietHours | None:
        """From a subscription's `{start, end, tz, contradictions_bypass}` (None: no quiet hours)."""
        if not data:
            return None
        return cls(
            start=_parse_time(data.get("start"), "start"),
            end=_parse_time(data.get("end"), "end"),
            tz=str(data.get("tz") or "UTC"),
            contradictions_bypass=bool(data.get("contradictions_bypass", False)),
        )


def _in_window(local: time, start: time, end: time) -> bool:
    if start == end:
        return False  # an empty window, not a whole day
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_until(quiet: QuietHours | None, now: datetime, relation: str = "") -> datetime | None:
    """When the quiet window holding `now` ends (aware, in `now`'s zone), or None to send now.

    `now` must be timezone-aware. Contradictions pass when the window allows it.
    """
    if quiet is None or (quiet.contradictions_bypass and relation == "contradicts"):
        return None
    zone = ZoneInfo(quiet.tz)
    local = now.astimezone(zone)
    if not _in_window(local.time().replace(tzinfo=None), quiet.start, quiet.end):
        return None
    end_day = local.date()
    if quiet.start > quiet.end and local.time().replace(tzinfo=None) >= quiet.start:
        end_day = end_day + timedelta(days=1)
    # Wall-clock end in the zone; fold=0 picks the first of an ambiguous hour,
    # and a nonexistent hour (spring forward) resolves forward via UTC round trip.
    end_local = datetime.combine(end_day, quiet.end, tzinfo=zone)
    end_utc = end_local.astimezone(now.tzinfo)
    return end_utc if end_utc > now else now
