"""When a subscription is due: daily local times in an IANA time zone, mapped to UTC instants.

DST: a local time that does not exist that day (spring forward) runs at the next valid minute; an
ambiguous one (fall back) runs once, at its first occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_TIME = re.compile(r"(\d{1,2}):(\d{2})")


class ScheduleError(ValueError):
    """A time or time zone a user typed is not usable; the message says why."""


def parse_local_time(text: str) -> time:
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ScheduleError(f"'{text}' is not a time; use 24-hour HH:MM, e.g. 09:00 or 18:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ScheduleError(f"'{text}' is not a time of day; hours go 00–23 and minutes 00–59")
    return time(hour, minute)


def parse_timezone(name: str) -> ZoneInfo:
    name = name.strip()
    # ZoneInfo also accepts relative file paths; only plain IANA names are time zones here.
    if not name or name.startswith(("/", ".")) or ".." in name:
        raise ScheduleError(f"'{name}' is not a time zone; use an IANA name like Europe/Berlin or UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"unknown time zone '{name}'; use an IANA name like Europe/Berlin, America/New_York or UTC"
        ) from None


def format_local_time(at: time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def _exists(local: datetime) -> bool:
    """True when the wall-clock time `local` (aware, in its zone) occurs that day."""
    round_trip = local.astimezone(UTC).astimezone(local.tzinfo)
    return round_trip.replace(tzinfo=None) == local.replace(tzinfo=None)


def occurrence(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of `at` on local `day`, resolved for DST gaps and overlaps."""
    local = datetime.combine(day, at, tzinfo=tz).replace(fold=0)  # fold=0: first of two
    while not _exists(local):  # spring forward: step to the next minute that exists
        local += timedelta(minutes=1)
    return local.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class DailySchedule:
    at: time
    tz: ZoneInfo

    @classmethod
    def parse(cls, local_time: str, timezone: str) -> DailySchedule:
        return cls(parse_local_time(local_time), parse_timezone(timezone))

    def _around(self, instant: datetime) -> list[datetime]:
        local_day = instant.astimezone(self.tz).date()
        return [occurrence(local_day + timedelta(days=d), self.at, self.tz) for d in (-2, -1, 0, 1, 2)]

    def latest_at_or_before(self, instant: datetime) -> datetime:
        """The most recent due instant not after `instant`."""
        return max(t for t in self._around(instant) if t <= instant)

    def next_after(self, instant: datetime) -> datetime:
        """The first due instant strictly after `instant`."""
        return min(t for t in self._around(instant) if t > instant)
