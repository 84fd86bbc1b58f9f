"""Due times: a daily local time in an IANA zone, across DST gaps and overlaps."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.digest.schedule import DailySchedule, ScheduleError, occurrence, parse_local_time, parse_timezone

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_nine_in_berlin_is_eight_utc_in_winter_and_seven_in_summer() -> None:
    assert occurrence(date(2025, 1, 15), time(9, 0), BERLIN) == utc(2025, 1, 15, 8, 0)
    assert occurrence(date(2025, 7, 15), time(9, 0), BERLIN) == utc(2025, 7, 15, 7, 0)


def test_a_time_skipped_by_spring_forward_runs_at_the_next_valid_minute() -> None:
    # 2025-03-30 Berlin: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist, 03:00 CEST = 01:00 UTC.
    assert occurrence(date(2025, 3, 30), time(2, 30), BERLIN) == utc(2025, 3, 30, 1, 0)


def test_an_ambiguous_time_at_fall_back_runs_once_at_its_first_occurrence() -> None:
    # 2025-11-02 New York: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    schedule = DailySchedule(time(1, 30), NEW_YORK)
    assert occurrence(date(2025, 11, 2), time(1, 30), NEW_YORK) == utc(2025, 11, 2, 5, 30)
    assert schedule.next_after(utc(2025, 11, 2, 5, 30)) == utc(2025, 11, 3, 6, 30)


def test_due_times_in_tokyo_fall_on_the_previous_utc_day() -> None:
    schedule = DailySchedule.parse("08:00", "Asia/Tokyo")
    assert schedule.latest_at_or_before(utc(2025, 5, 1, 0, 0)) == utc(2025, 4, 30, 23, 0)
    assert schedule.next_after(utc(2025, 5, 1, 0, 0)) == utc(2025, 5, 1, 23, 0)


def test_latest_due_includes_the_exact_instant_and_next_excludes_it() -> None:
    schedule = DailySchedule.parse("09:00", "UTC")
    assert schedule.latest_at_or_before(utc(2025, 1, 2, 9, 0)) == utc(2025, 1, 2, 9, 0)
    assert schedule.next_after(utc(2025, 1, 2, 9, 0)) == utc(2025, 1, 3, 9, 0)


def test_a_day_of_spring_forward_is_23_hours_between_due_times() -> None:
    schedule = DailySchedule.parse("09:00", "Europe/Berlin")
    before = schedule.next_after(utc(2025, 3, 29, 0, 0))
    after = schedule.next_after(before)
    assert (after - before).total_seconds() == 23 * 3600


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9am", "'9am' is not a time; use 24-hour HH:MM, e.g. 09:00 or 18:30"),
        ("24:00", "'24:00' is not a time of day; hours go 00–23 and minutes 00–59"),
        ("12:60", "'12:60' is not a time of day; hours go 00–23 and minutes 00–59"),
    ],
)
def test_bad_times_get_a_specific_error(text: str, message: str) -> None:
    with pytest.raises(ScheduleError) as err:
        parse_local_time(text)
    assert str(err.value) == message


def test_single_digit_hours_are_accepted() -> None:
    assert parse_local_time("7:05") == time(7, 5)


@pytest.mark.parametrize("name", ["Mars/Olympus", "../../etc/passwd", "/etc/localtime", ""])
def test_unknown_time_zones_get_a_specific_error(name: str) -> None:
    with pytest.raises(ScheduleError) as err:
        parse_timezone(name)
    assert f"'{name}'" in str(err.value)
    assert "IANA name like Europe/Berlin" in str(err.value)
