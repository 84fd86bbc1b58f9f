"""Reading the `data-t` value of a yt-timestamp anchor as seconds into the video.

Real notes carry many hand-mangled variants: `HH:MM:SS`, `MM:SS`, `H:MM:SS`, `HH:MM:SS:FF` (frames),
plain seconds, trailing junk (`01:02:03]`, `59:56:`, `00:21:00%3C/a`, `0:00:00.413Z`), ranges
(`00:01:02-00:01:10`, `00:15:11]-[00:15:24]`: the start counts), an `HH:` placeholder in front of the
real minutes (`HH:02:05`), and values with no time at all (`N/A`, the literal `HH:MM:SS`, a URL).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Leading digits groups; whatever follows must not continue a number or a word ("12abc" is not a time).
_TIME = re.compile(r"\s*[\[(]?\s*(?:HH:)?((?>\d{1,4}(?::\d{1,3}){0,3}))(?![0-9A-Za-z])")
_MAX_SECONDS = 48 * 3600  # no episode is two days long; anything beyond is a garbled value


@lru_cache(maxsize=1 << 16)  # the same few thousand values recur across notes; a hit costs ~0.1 µs
def parse_timestamp(raw: str) -> int | None:
    """Seconds for a `data-t` value, or None when it holds no readable time."""
    digits = raw[:2] + raw[3:5] + raw[6:]
    if len(raw) == 8 and raw[2] == raw[5] == ":" and digits.isascii() and digits.isdigit():
        parts = [int(raw[:2]), int(raw[3:5]), int(raw[6:])]  # "HH:MM:SS", nine anchors in ten: no regex
    else:
        match = _TIME.match(raw)
        if match is None:
            return None
        parts = [int(p) for p in match.group(1).split(":")]
    seconds = _to_seconds(parts)
    if seconds is None or seconds > _MAX_SECONDS:
        return None
    return seconds


def _to_seconds(parts: list[int]) -> int | None:
    if len(parts) == 4:  # HH:MM:SS:FF: the frame count is below a second's resolution
        parts = parts[:3]
    if len(parts) == 3 and 24 <= parts[0] < 60:
        # "39:3:0", "57:9:0": minutes and seconds with a trailing frame/fraction, not 39 hours.
        parts = parts[:2]
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        minutes, secs = parts
        return minutes * 60 + secs if secs < 60 else None
    hours, minutes, secs = parts
    if minutes >= 60 or secs >= 60:
        return None
    return hours * 3600 + minutes * 60 + secs


_HOURS_OR_MINUTES = re.compile(r"\s*\[?(\d{1,2}):(\d{2}):00(?![0-9A-Za-z:])")


@lru_cache(maxsize=1 << 12)
def minutes_reading(raw: str) -> int | None:
    """The other reading of an `AA:BB:00` value: AA minutes and BB seconds, not AA hours and BB minutes.

    Many generated notes write `MM:SS` in the `HH:MM:SS` slot with a zero third field ("19:11:00" in
    a 45-minute episode); the note as a whole decides which reading holds (see ClaimMaker).
    """
    match = _HOURS_OR_MINUTES.match(raw)
    if match is None or int(match.group(1)) >= 24 or int(match.group(2)) >= 60:
        return None
    return int(match.group(1)) * 60 + int(match.group(2))
