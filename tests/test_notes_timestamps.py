"""parse_timestamp: every `data-t` variant found in the real notes, read or refused (never raising)."""

from __future__ import annotations

import pytest

from bot.notes.timestamps import minutes_reading, parse_timestamp


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
    ("raw", "minutes"),
    [("05:10:00", 310), ("19:11:00", 1151), ("00:48:00", 48), ("[07:00:00]", 420)],
)
def test_hh_mm_zero_values_also_have_a_minutes_reading(raw: str, minutes: int) -> None:
    assert minutes_reading(raw) == minutes


@pytest.mark.parametrize("raw", ["00:00:44", "01:05:37", "39:03:00", "05:10", "05:10:00:00", "N/A"])
def test_other_values_have_no_minutes_reading(raw: str) -> None:
    assert minutes_reading(raw) is None
