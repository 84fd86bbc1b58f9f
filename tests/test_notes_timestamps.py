"""Times as notes write them: every `data-t` variant read or refused (never raising), and a note's
three-part times read as the note means them (bot.notes.timestamps.read_note), on value sequences copied
from real notes of ../shared/vault."""

from __future__ import annotations

import pytest

from bot.notes.timestamps import Fields, channel_prior, parse_timestamp, read_note, read_value, readings


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [
        ("00:18:48", 1128),  # HH:MM:SS, the normal form
        ("10:03", 603),  # MM:SS
        ("110:26", 6626),  # MM:SS past the hour
        ("1:02:03", 3723),  # H:MM:SS
        ("1:7:19", 4039),  # H:M:SS
        ("001:00:23", 3623),  # an extra leading zero on the hours
        ("01:00:010", 3610),  # an extra leading zero on the seconds
        ("00:43:0", 2580),  # one-digit seconds
        ("2241", 2241),  # plain seconds
        ("01:02:14:00", 3734),  # HH:MM:SS:FF: frames ignored
        ("0:0:55:00", 55),  # H:M:SS:FF
        ("00:42:07]", 2527),  # a stray bracket from the label
        ("31:52]", 1912),  # MM:SS with a stray bracket
        ("01:29:42:", 5382),  # a trailing colon
        ("59:56:", 3596),  # MM:SS with a trailing colon
        ("01:26:", 86),  # MM:SS with a trailing colon (the label was empty)
        ("00:01:02-00:01:10", 62),  # a range: its start
        ("00:15:11]-[00:15:24]", 911),  # a range written as two labels
        ("HH:02:05", 125),  # an "HH:" placeholder before real minutes and seconds
        ("HH:00:00", 0),
        ("00:21:00%3C/a", 1260),  # a URL-encoded "</a" glued to the value
        ("0:00:00.413Z", 0),  # an ISO-style fraction
        ("39:3:0", 2343),  # three fields beginning past 24: minutes, seconds, frames
        (" 00:01:02 ", 62),  # surrounding spaces
        ("[00:01:02]", 62),  # the label form, used when data-t is unreadable
    ],
)
def test_readable_variants_give_seconds(raw: str, seconds: int) -> None:
    assert parse_timestamp(raw) == seconds


@pytest.mark.parametrize(
    "raw",
    [
        "N/A",
        "HH:MM:SS",  # the template placeholder, literally
        "https://youtu.be/XYZ",
        "",
        "   ",
        "12abc",
        "12:3a",
        "00:61:00",  # minutes out of range
        "00:00:75",  # seconds out of range
        "10:75",
        "999:00:00",  # longer than any episode
        "99:00:00",  # the same, in the common HH:MM:SS shape
    ],
)
def test_unreadable_variants_give_none(raw: str) -> None:
    assert parse_timestamp(raw) is None


@pytest.mark.parametrize(
    ("raw", "times"),
    [
        ("00:01:02-00:01:10", ((0, 1, 2), (0, 1, 10))),  # a range: both ends
        ("00:15:11]-[00:15:24]", ((0, 15, 11), (0, 15, 24))),
        ("01:08:15:08:18", ((1, 8, 15), (1, 8, 18))),  # lennyspodcast: H:MM:SS to MM:SS
        ("01:00:17:51", ((1, 0, 17, 51),)),  # HH:MM:SS:FF
        ("N/A", ()),
    ],
)
def test_a_value_holds_no_time_one_or_a_range(raw: str, times: tuple[Fields, ...]) -> None:
    assert read_value(raw) == times


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [("05:10:00", {18600, 310}), ("02:51:53", {10313, 171}), ("00:42", {42}), ("39:03:00", {2343})],
)
def test_a_three_part_value_has_an_hours_and_a_minutes_reading(raw: str, seconds: set[int]) -> None:
    assert readings(raw) == seconds


def note_times(values: str, words: int = 400) -> tuple[list[int | None], str]:
    """The seconds `read_note` gives a note's `data-t` values (space-separated), and its reading."""
    times = read_note([read_value(v)[0] for v in values.split()], words)
    return list(times.seconds), times.reading


def minutes(*values: str) -> list[int]:
    return [int(v.split(":")[0]) * 60 + int(v.split(":")[1]) for v in values]


def test_a_last_field_of_60_or_more_makes_the_note_minutes_first() -> None:
    # kuanceptionfilms/advantages_of_playing_black_ops_3_on_pc: "05:37:78" cannot be seconds.
    seconds, reading = note_times("05:18:28 05:22:20 05:27:10 05:37:78 05:42:07 05:46:17")
    assert (seconds, reading) == (minutes("05:18", "05:22", "05:27", "05:37", "05:42", "05:46"), "minutes")


def test_one_repeated_last_field_is_junk_and_the_note_writes_minutes() -> None:
    # hrishikeshyadav8883/google_research_lum_text_to_video_generation: 8 to 19 "hours" in, all ":01".
    seconds, reading = note_times("01:01:01 08:47:01 01:21:01 10:47:01 08:28:01 01:46:01 01:34:01")
    assert reading == "minutes"
    assert seconds == minutes("01:01", "08:47", "01:21", "10:47", "08:28", "01:46", "01:34")


def test_a_last_field_copying_the_middle_one_is_junk_too() -> None:
    # shankarnath/piotroski_score_and_financial_health_indicators, a 13-minute video.
    seconds, reading = note_times("00:58:58 01:41:41 00:44:44 01:04:04 01:58:58 01:48:48 01:53:53")
    assert reading == "minutes"
    assert seconds == [58, 101, 44, 64, 118, 108, 113]


def test_neighbours_in_one_minute_make_the_note_hours_first() -> None:
    # artedeinvertir/predictable_and_stable_business_investments: as MM:SS:FF, one claim a second.
    seconds, reading = note_times("00:00:09 00:13:35 00:19:16 01:10:08 01:10:11 01:10:14 01:10:18")
    assert reading == "hours"
    assert seconds == [9, 815, 1156, 4208, 4211, 4214, 4218]


def test_mm_ss_00_slips_in_a_note_of_first_hour_times_read_as_minutes() -> None:
    # mkbhd/performance_and_limitations: 1:25, then "02:36:00" is 2 min 36 s, not 2 h 36 min.
    seconds, reading = note_times("00:00:06 00:00:19 00:00:33 00:01:14 00:01:25 02:36:00 03:24:00 03:54:00")
    assert reading == "mixed"
    assert seconds == [6, 19, 33, 74, 85, 156, 204, 234]


def test_minutes_first_note_reads_its_first_field_zero_times_as_seconds() -> None:
    # shankarnath/managing_a_portfolio_of_turnaround_stocks: up to "07:22:00", so 00:29:16 is 29 s.
    values = "00:29:16 00:37:37 00:52:16 01:11:00 01:27:00 02:09:00 04:21:00 06:12:00 06:51:00 07:22:00"
    seconds, reading = note_times(values)
    assert reading == "minutes"
    assert seconds == [29, 37, 52, 71, 87, 129, 261, 372, 411, 442]


def test_hour_slot_times_between_first_hour_times_take_the_reading_that_keeps_them_in_place() -> None:
    # redpointai/competing_against_tech_incumbents_like_gmail_and_outlook: an intro at 1:36 to 4:09,
    # then the body at 47 minutes on (as MM:SS:FF those would be seconds apart).
    values = "00:00:23 01:36:31 01:40:53 02:38:22 04:09:07 00:47:01 00:48:17 00:49:12 00:49:51 00:50:06"
    seconds, reading = note_times(values)
    assert reading == "mixed"
    assert seconds == [23, 96, 100, 158, 249, 2821, 2897, 2952, 2991, 3006]


def test_times_with_no_evidence_either_way_are_not_trusted() -> None:
    # hubermanlab/artificial_sweeteners_and_their_effects: 2 h 29 min or 2 min 29 s, nothing tells.
    assert note_times("02:29:03 02:31:38 02:30:00") == ([None, None, None], "untrusted")


def test_one_late_time_after_first_hour_times_reaching_past_half_an_hour_reads_as_hours() -> None:
    # data/notes/open_source_ai_models.md (bankless): first-hour times up to 0:56:59, closing at 1:25:39.
    values = (
        "00:18:48 00:31:38 00:46:40 00:47:07 00:43:11 00:19:04 00:28:31 00:30:30 00:28:31 00:28:45 00:40:45"
        " 00:39:55 00:41:41 00:41:48 00:40:50 00:26:03 00:56:59 00:26:09 00:09:05 01:25:39"
    )
    seconds, reading = note_times(values)
    assert (seconds[-1], reading) == (5139, "hours")


def test_a_note_that_changes_convention_midway_is_read_run_by_run() -> None:
    # thediaryofaceo/distinction_between_pleasure_and_happiness: MM:SS for the opening minutes, then
    # H:MM:SS from 1:33:53 (neighbours in one minute); "03:29:43 03:38:13" sit between 3:00 and 4:04.
    values = (
        "02:27:00 03:00:00 03:29:43 03:38:13 04:04:00 06:06:00 06:38:00"
        " 01:33:53 01:44:23 01:44:50 01:45:11 01:45:41 01:46:50"
    )
    seconds, _ = note_times(values)
    assert seconds == [147, 180, 209, 218, 244, 366, 398, 5633, 6263, 6290, 6311, 6341, 6410]


def test_hour_field_repeating_the_minutes_is_not_trusted() -> None:
    # veritasium/history_of_pyramid_construction: "02:02:01" is neither 2 h 2 min nor 2 min 2 s.
    seconds, _ = note_times(
        "00:00:04 00:00:27 00:00:37 00:00:45 00:00:55 02:02:01 02:02:05 02:02:20 03:03:09"
    )
    assert seconds[:5] == [4, 27, 37, 45, 55]
    assert seconds[5:] == [None] * 4


def test_a_time_past_six_hours_is_never_cited() -> None:
    # lennyspodcast/product_market_fit_strategies_by_rahul_vohra writes "[09:01:09:04]" for 9:01-9:04.
    seconds, _ = note_times("01:00:03 01:00:27 01:02:39 09:01:09:04")
    assert seconds[-1] is None


def test_a_note_that_settles_nothing_takes_its_channels_convention() -> None:
    # The hubermanlab note above: its channel's settled notes write hours (410 of 417 on the vault).
    values = [read_value(v)[0] for v in ["02:29:03", "02:31:38", "02:30:00"]]
    as_hours = read_note(values, 400, prior="hours")
    assert (as_hours.seconds, as_hours.reading, as_hours.untrusted, as_hours.from_channel) == (
        (8943, 9098, 9000),
        "untrusted",  # the note's own verdict, so that it never votes for its channel
        0,
        3,
    )
    assert read_note(values, 400, prior="minutes").seconds == (149, 151, 150)


def test_a_note_that_settles_its_own_reading_ignores_the_channels() -> None:
    values = [read_value(v)[0] for v in ["05:37:78", "06:10:80", "07:00:65"]]
    times = read_note(values, 400, prior="hours")
    assert (times.seconds, times.reading, times.from_channel) == ((337, 370, 420), "minutes", 0)


@pytest.mark.parametrize(
    ("hours", "minutes", "prior"),
    [
        (410, 7, "hours"),  # hubermanlab on the vault
        (0, 5, "minutes"),
        (9, 1, "hours"),  # exactly 90%
        (4, 0, None),  # too few settled notes to speak for a channel
        (37, 6, None),  # bankless: 86%
        (91, 99, None),  # healthygamergg: split
    ],
)
def test_a_channel_has_a_convention_when_nine_in_ten_of_at_least_five_settled_notes_agree(
    hours: int, minutes: int, prior: str | None
) -> None:
    assert channel_prior(hours, minutes) == prior
