"""Reading the times notes write, and deciding per note what an ambiguous three-part time means.

One value (`read_value`, `parse_timestamp`): real notes carry many hand-mangled variants: `HH:MM:SS`,
`MM:SS`, `H:MM:SS`, `HH:MM:SS:FF` (frames), plain seconds, trailing junk (`01:02:03]`, `59:56:`,
`00:21:00%3C/a`, `0:00:00.413Z`), ranges (`00:01:02-00:01:10`, `00:15:11]-[00:15:24]`,
`[01:08:15:08:18]` = 1:08:15 to 1:08:18: both ends are kept, the start is cited), an `HH:` placeholder
in front of the real minutes (`HH:02:05`), and values with no time at all (`N/A`, the literal
`HH:MM:SS`, a URL).

A whole note (`read_note`): `AA:BB:CC` is `H:MM:SS` in most notes, but many generated notes write
`MM:SS` in that slot with junk after it: `MM:SS:00`, `MM:SS:FF` (frames, up to 99), a repeated field
(`05:06:06`) or one constant field (`04:50:44`, `03:34:44`). Read as hours, such a note of a 6-minute
video cites 6 hours in. The note as a whole decides, from evidence no single value has:

- A last field of 60 or more cannot be seconds: the note writes MM:SS:FF.
- The times reach implausible hours (two or more from 6 h on, or any past a day): minutes come first.
- The last fields are junk (one constant value, or a copy of the middle field in four times of five):
  the writer had no seconds to put there, only MM:SS.
- Spacing. A note's times are a few seconds to minutes apart (median gap on the vault: 16 s; under a
  minute in 90% of notes). Two neighbouring times in the same minute differing in the last field would
  be one second apart as MM:SS:FF, and a median gap under 2 minutes would be under 2 seconds: so those
  read as hours. Fifteen or more times with a median gap of 15 minutes or more, or under 1.5 words of
  note per minute of the span they cover, are minutes read as hours.
- Order. A time with a first field of 0 (`00:12:34`) has its reading in every note that writes hours;
  a later hour-slot time sits next to such neighbours under one reading and an hour away under the
  other, so the neighbours vote.

`AA:BB:00` is weighed apart from the rest, because notes that write hours properly still slip into
`MM:SS:00` for a few times (`07:58:00` among `01:38:10`-style times): those are read against their
neighbours, then by the same evidence. A time still read past 6 hours is re-read as MM:SS when its
neighbours agree, else not cited. When the evidence is absent or contradicts itself, the note's
three-part times are not trusted: their claims cite no second, rather than a wrong one.

A channel (`channel_prior`): notes of one channel come from one writer, so where the notes of a channel
that settled a reading on their own evidence agree, a note of it that settled nothing is read the same
way instead of not cited. "Agree" is at least 5 settled notes, 90% of them one way: on the vault a
channel is either near-unanimous (hubermanlab: 410 hours, 7 minutes) or split about evenly
(healthygamergg: 91 and 99), so the rule only has to tell those apart; a few notes say too little.
Only a note that settled nothing takes the prior; its own times still go through the same smoothing and
6-hour checks, and the note's own verdict stays "untrusted" (`NoteTimes.reading`) so that it never
counts towards its channel's prior.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

Fields = tuple[int, ...]  # one time as written: 1 to 4 numbers (seconds; MM:SS; AA:BB:CC; H:MM:SS:FF)

# Leading digit groups; whatever follows must not continue a number or a word ("12abc" is not a time).
_TIME = re.compile(r"\s*[\[(]?\s*(?:HH:)?((?>\d{1,4}(?::\d{1,3}){0,4}))(?![0-9A-Za-z])")
# The end of a range after its start: "-00:01:10", "]-[00:15:24]", " – 05:17".
_RANGE_END = re.compile(r"\s*\]?\s*[-–—]\s*\[?\s*((?>\d{1,4}(?::\d{1,3}){1,3}))(?![0-9A-Za-z])")
_MAX_SECONDS = 48 * 3600  # no episode is two days long; anything beyond is a garbled value
HOUR = 3600
_LATE = 6 * HOUR  # later than any episode of the vault: such a time is minutes read as hours
PRIOR_NOTES = 5  # settled notes a channel needs before its convention is trusted
PRIOR_SHARE = 0.9  # the share of them that must agree


@lru_cache(maxsize=1 << 16)  # the same few thousand values recur across notes; a hit costs ~0.1 µs
def read_value(raw: str) -> tuple[Fields, ...]:
    """The times in one written value: none, one, or a range's start and end."""
    if len(raw) == 8 and raw[2] == raw[5] == ":":  # "HH:MM:SS", nine anchors in ten: no regex
        digits = raw[:2] + raw[3:5] + raw[6:]
        if digits.isascii() and digits.isdigit():
            return ((int(raw[:2]), int(raw[3:5]), int(raw[6:])),)
    match = _TIME.match(raw)
    if match is None:
        return ()
    fields = tuple(int(part) for part in match.group(1).split(":"))
    if len(fields) == 5:  # "01:08:15:08:18": H:MM:SS to MM:SS within the same hour
        return fields[:3], (fields[0], fields[3], fields[4])
    end = _RANGE_END.match(raw, match.end())
    if end is None:
        return (fields,)
    return fields, tuple(int(part) for part in end.group(1).split(":"))


@lru_cache(maxsize=1 << 16)
def plain_seconds(fields: Fields) -> int | None:
    """Seconds of one time on its own: three fields are H:MM:SS unless the hours are impossible."""
    if len(fields) == 4:  # HH:MM:SS:FF: the frame count is below a second's resolution
        fields = fields[:3]
    if len(fields) == 3 and 24 <= fields[0] < 60:
        # "39:3:0", "57:9:0": minutes and seconds with a trailing frame/fraction, not 39 hours.
        fields = fields[:2]
    if len(fields) == 1:
        seconds: int | None = fields[0]
    elif len(fields) == 2:
        minutes, secs = fields
        seconds = minutes * 60 + secs if secs < 60 else None
    else:
        hours, minutes, secs = fields
        seconds = hours * 3600 + minutes * 60 + secs if minutes < 60 and secs < 60 else None
    return seconds if seconds is not None and seconds <= _MAX_SECONDS else None


def readable(fields: Fields) -> bool:
    """Whether a time has any reading: on its own, or (three fields) as MM:SS with frames."""
    return plain_seconds(fields) is not None or (len(fields) == 3 and fields[1] < 60)


def parse_timestamp(raw: str) -> int | None:
    """Seconds for a `data-t` value on its own, or None when it holds no readable time."""
    times = read_value(raw)
    return plain_seconds(times[0]) if times else None


def readings(raw: str) -> frozenset[int]:
    """Every second a value can stand for: its plain reading and, for three fields, MM:SS."""
    out: set[int] = set()
    for fields in read_value(raw)[:1]:
        plain = plain_seconds(fields)
        if plain is not None:
            out.add(plain)
        if len(fields) == 3 and fields[1] < 60:
            out.add(fields[0] * 60 + fields[1])
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class NoteTimes:
    """The seconds of each time of a note, in order (None: not read or not trusted), and why."""

    seconds: tuple[int | None, ...]
    reading: str  # its own verdict: "hours" | "minutes" | "mixed" | "untrusted" | "" (nothing to decide)
    untrusted: int  # times that were read but are not cited, the note being ambiguous about them
    from_channel: int = 0  # times the note left undecided, read by its channel's convention


PRIORS = ("hours", "minutes")  # every convention `channel_prior` can return


def channel_prior(hours_notes: int, minutes_notes: int) -> str | None:
    """ "hours" or "minutes" when a channel's settled notes agree on it (see the module docstring)."""
    settled = hours_notes + minutes_notes
    if settled < PRIOR_NOTES:
        return None
    if hours_notes >= settled * PRIOR_SHARE:
        return "hours"
    return "minutes" if minutes_notes >= settled * PRIOR_SHARE else None


def _hours(fields: Fields) -> int:
    return fields[0] * 3600 + fields[1] * 60 + fields[2]


def _minutes(fields: Fields) -> int:
    return fields[0] * 60 + fields[1]


def read_note(times: Sequence[Fields], words: int, prior: str | None = None) -> NoteTimes:
    """Seconds for every time of one note, three-part times read as the note as a whole means them
    (see the module docstring); `words`: how many words the note's claims hold; `prior`: its channel's
    convention (`channel_prior`), for a note whose own times settle nothing."""
    settled = first_hour(times)
    return settled if settled is not None else _NoteReader(times, words, prior).read()


def first_hour(times: Sequence[Fields]) -> NoteTimes | None:
    """`read_note(times, …)` when every time is `00:BB:CC` (half the notes), else None: all within the
    first hour, nothing to weigh, and neither the note's words nor its channel's prior count. This is what
    `_NoteReader.read` settles for them, without a `_Stamp` per time."""
    if [f for f in times if len(f) != 3 or f[0] or f[2] >= 60]:
        return None
    return NoteTimes(tuple([f[1] * 60 + f[2] if f[1] < 60 else None for f in times]), "", 0)


class _Stamp(NamedTuple):  # a tuple: a note has hundreds, made in a tight loop
    at: int  # position in the note
    fields: Fields


# `_new_stamp(_Stamp, (at, fields))` is `_Stamp(at, fields)` without the NamedTuple's Python-level __new__.
_new_stamp = tuple.__new__


class _NoteReader:
    def __init__(self, times: Sequence[Fields], words: int, prior: str | None = None) -> None:
        self.words = words
        self.prior = prior
        self.from_channel = 0
        self.out: list[int | None] = [None] * len(times)
        self.untrusted = 0
        self.fixed: list[tuple[int, int]] = []  # (position, seconds) of times with one reading only
        self.first: list[_Stamp] = []  # 00:BB:CC (CC > 0): H:MM:SS wherever a note writes hours
        self.first_zero: list[_Stamp] = []  # 00:BB:00
        self.hour: list[_Stamp] = []  # AA:BB:CC, AA > 0, 0 < CC < 60
        self.hour_zero: list[_Stamp] = []  # AA:BB:00, AA > 0
        self.frames: list[_Stamp] = []  # AA:BB:CC with CC >= 60: only MM:SS:FF
        for at, fields in enumerate(times):
            if len(fields) != 3:
                seconds = self.out[at] = plain_seconds(fields)
                if seconds is not None:
                    self.fixed.append((at, seconds))
                continue
            a, b, c = fields
            if b >= 60:
                continue  # neither reading exists
            stamp = _new_stamp(_Stamp, (at, fields))
            if c >= 60:
                self.frames.append(stamp)
            elif a == 0:
                (self.first if c else self.first_zero).append(stamp)
            else:
                (self.hour if c else self.hour_zero).append(stamp)

    def read(self) -> NoteTimes:
        if not (self.hour or self.hour_zero or self.frames):
            self._set(self.first + self.first_zero, _hours)  # all within the first hour
            return self._done("")
        if len(self.hour) < 3 and len(self.hour_zero) >= len(self.hour):
            # A stray `01:02:03` among `MM:SS:00` times is weighed with them, not alone.
            self.hour_zero = sorted(self.hour_zero + self.hour, key=_at)
            self.hour = []
        if self.frames:
            return self._minutes_first()
        if self.hour:
            intrinsic = self._evidence(self.hour)
            if intrinsic is None and self.hour_zero and self._evidence(self.hour_zero) == "minutes":
                # The `AA:BB:00` times are minutes on their own evidence, the others have none of their
                # own: the note writes MM:SS, padded with frames or zeros.
                return self._minutes_first()
            convention = intrinsic or self._vote(self.hour, self._anchors(self.first))
            if convention in (None, "conflict"):
                if self.first and self._evidence(self.first) == "hours":
                    # The `00:` times read as hours on their own evidence. When they reach past half an
                    # hour the video runs long, and a time less than an hour after them is read as hours
                    # too ("00:56:59 … 01:25:39"); the others stay in doubt.
                    self._set(self.first + self.first_zero, _hours)
                    reach = max(_hours(s.fields) for s in self.first)
                    near = [s for s in self.hour if reach >= HOUR // 2 and _hours(s.fields) <= reach + HOUR]
                    self._set(near, _hours)
                    doubt = [s for s in self.hour + self.hour_zero if s not in near]
                    return self._done("hours", distrust=doubt)
                return self._done("untrusted", distrust=self._three())
            if convention == "minutes":
                return self._minutes_first(intrinsic is not None)
        if not (self.first or self.hour or self.fixed):
            return self._only_zero()
        zero = self.hour_zero
        intrinsic = self._evidence(zero)
        if intrinsic == "minutes" and not self.hour:
            return self._minutes_first()  # nothing in the note writes hours: MM:SS:00 throughout
        self._set(self.first + self.first_zero + self.hour, _hours)
        anchors = self._anchors(self.first + self.hour)
        verdict = intrinsic or self._vote(zero, anchors)
        if verdict in (None, "conflict"):
            return self._done("hours", distrust=zero)
        for stamp in zero:
            # The class reading, unless the other one lands within 10 minutes of a neighbour: notes that
            # slip into MM:SS:00 also round real hours ("01:05:00" between 1:04:28 and 1:06:19).
            fit = _fit(stamp, anchors, within=600) or verdict
            self.out[stamp.at] = (_minutes if fit == "minutes" else _hours)(stamp.fields)
        return self._done("mixed" if verdict == "minutes" else "hours")

    def _three(self) -> list[_Stamp]:
        return self.first + self.first_zero + self.hour + self.hour_zero + self.frames

    def _only_zero(self) -> NoteTimes:
        """Every time is `AA:BB:00` or `00:BB:00`: nothing anchors them, so the evidence alone decides."""
        zero = sorted(self.first_zero + self.hour_zero, key=_at)
        verdict = self._evidence(zero)
        if verdict in (None, "conflict"):
            return self._done("untrusted", distrust=zero)
        self._set(zero, _minutes if verdict == "minutes" else _hours)
        return self._done(verdict)

    def _minutes_first(self, intrinsic: bool = True) -> NoteTimes:
        """MM:SS:xx in the hour slot. A `00:BB:CC` keeps its H:MM:SS reading where its own spacing says
        so (as MM:SS:FF several would fall in one second) or where that comes before the note's earliest
        MM:SS time ("00:00:07 00:00:20 01:03:09" = 7 s, 20 s, 1:03); else it is MM:SS:FF too. When only
        the neighbours said minutes (`intrinsic` false), the `00:` times they were measured from stay."""
        hour = self.hour + self.hour_zero + self.frames
        first = sorted(self.first + self.first_zero, key=_at)
        if not intrinsic or (first and self._evidence(first) == "hours"):
            self._set(first, _hours)
            self._set(hour, _minutes)
            return self._done("mixed")
        earliest = min(_minutes(s.fields) for s in hour)
        for stamp in first:
            hours = _hours(stamp.fields)
            self.out[stamp.at] = hours if hours <= earliest else _minutes(stamp.fields)
        self._set(hour, _minutes)
        return self._done("minutes")

    def _evidence(self, stamps: list[_Stamp]) -> str | None:
        """ "minutes", "hours", "conflict" (evidence both ways) or None (none), from what the times say
        about their own reading. `AA:BB:00` times give no evidence for hours: rounded to the minute as
        H:MM:SS, or a few seconds apart as MM:SS, both happen."""
        fields = [s.fields for s in stamps]
        if len(fields) >= 3 and sum(f[0] == f[1] > 0 for f in fields) * 2 >= len(fields):
            return "conflict"  # "02:02:01 03:03:09": the hour field repeats the minutes; neither holds
        minutes = (
            sum(f[0] >= 6 for f in fields) >= 2
            or any(f[0] >= 24 for f in fields)
            or _junk_last_field(fields)
            or self._sparse(fields)
        )
        hours = any(f[2] for f in fields) and (
            _same_minute(fields) >= 2
            or (len(fields) >= 5 and _median_gap(fields) <= 180)
            or self._wordy(fields)
        )
        if minutes and hours:
            return "conflict"
        return "minutes" if minutes else "hours" if hours else None

    def _sparse(self, fields: list[Fields]) -> bool:
        rate = self._words_per_second(fields)
        if rate is not None and rate < 0.025:
            return True
        return len(fields) >= 15 and _median_gap(fields) >= 900

    def _wordy(self, fields: list[Fields]) -> bool:
        """Over 30 words of note per second of span as MM:SS: more than anyone says, so hours."""
        rate = self._words_per_second(fields)
        return rate is not None and rate > 0.5

    def _words_per_second(self, fields: list[Fields]) -> float | None:
        """Words of note per second of the span these times cover read as hours; the note's words are
        shared out by how many of its times these are."""
        if len(fields) < 3 or self.words < 100:
            return None  # a few lines of note say too little either way
        values = [_hours(f) for f in fields]
        span = max(values) - min(values)
        return self.words * len(fields) / len(self.out) / span if span else None

    def _anchors(self, stamps: list[_Stamp]) -> list[tuple[int, int]]:
        return sorted(self.fixed + [(s.at, _hours(s.fields)) for s in stamps])

    @staticmethod
    def _vote(stamps: list[_Stamp], anchors: list[tuple[int, int]]) -> str | None:
        """The reading that puts these times nearer their settled neighbours, by a majority."""
        hours = minutes = 0
        for stamp in stamps:
            fit = _fit(stamp, anchors)
            hours += fit == "hours"
            minutes += fit == "minutes"
        if hours == minutes:
            return None
        return "hours" if hours > minutes else "minutes"

    def _late(self) -> None:
        """A time still read past 6 hours is MM:SS when its neighbours say so; else it is not cited."""
        if max(filter(None, self.out), default=0) < _LATE:
            return  # most notes: nothing that late, so nothing to re-read (a scan in C)
        timed = [(at, seconds) for at, seconds in enumerate(self.out) if seconds is not None]
        for stamp in self._three():
            seconds = self.out[stamp.at]
            if seconds is not None and seconds >= _LATE:
                others = [(at, s) for at, s in timed if at != stamp.at and s < _LATE]
                fits = _fit(stamp, others) == "minutes"
                self.out[stamp.at] = _minutes(stamp.fields) if fits else None
                self.untrusted += not fits
        for at, seconds in self.fixed:
            if seconds >= _LATE and self.out[at] is not None:
                self.out[at] = None  # "05:38:05:46" is 5:38 to 5:46, not 5 h 38 min and frames
                self.untrusted += 1

    def _set(self, stamps: list[_Stamp], reading: Callable[[Fields], int]) -> None:
        for stamp in stamps:
            self.out[stamp.at] = reading(stamp.fields)

    def _done(self, reading: str, distrust: Sequence[_Stamp] = ()) -> NoteTimes:
        if reading == "untrusted" and self.prior in PRIORS:
            self._set(list(distrust), _hours if self.prior == "hours" else _minutes)
            self.from_channel, distrust = len(distrust), ()
        for stamp in distrust:
            self.out[stamp.at] = None
        self.untrusted += len(distrust)
        self._smooth()
        self._late()
        return NoteTimes(tuple(self.out), reading, self.untrusted, self.from_channel)

    def _smooth(self) -> None:
        """A run of hour-slot times read one way takes the other reading when that joins it to the times
        on both sides of it at least four times more closely: a note that changes convention midway
        ("0:03:00 [3:29:43 3:38:13] 0:04:04") is read run by run. A few passes, as a corrected run
        becomes the neighbour of the next. A run at either end is left alone: a note's opening or closing
        line often cites a time far from the rest."""
        if not (self.hour or self.hour_zero):
            return  # most notes: no hour-slot time, so no run to weigh
        # The hour-slot times that can read as seconds (AA > 0, CC < 60): exactly `hour` and `hour_zero`;
        # and their hours reading, computed once: a time is read as hours when its seconds equal it.
        doubtful = {s.at: s for s in self.hour + self.hour_zero}
        as_hours = {at: _hours(stamp.fields) for at, stamp in doubtful.items()}
        out = self.out
        for _ in range(3):
            order = [at for at, seconds in enumerate(out) if seconds is not None]
            changed = False
            i = 0
            while i < len(order):
                if order[i] not in doubtful:
                    i += 1
                    continue
                hours = out[order[i]] == as_hours[order[i]]  # the run's kind: read as hours, or minutes
                j = i + 1
                while (
                    j < len(order) and order[j] in doubtful and (out[order[j]] == as_hours[order[j]]) == hours
                ):
                    j += 1
                left = out[order[i - 1]] if i > 0 else None
                right = out[order[j]] if j < len(order) else None
                if left is not None and right is not None:
                    kind = "hours" if hours else "minutes"
                    changed |= self._switch([doubtful[at] for at in order[i:j]], kind, left, right)
                i = j
            if not changed:
                return

    def _switch(self, run: list[_Stamp], kind: str, left: int, right: int) -> bool:
        other = _minutes if kind == "hours" else _hours
        now = [self.out[s.at] or 0 for s in run]
        then = [other(s.fields) for s in run]

        def gap(values: list[int]) -> int:
            return abs(values[0] - left) + abs(values[-1] - right)

        if gap(now) <= 600 or gap(then) * 4 >= gap(now):
            return False
        for stamp, seconds in zip(run, then, strict=True):
            self.out[stamp.at] = seconds
        return True


def _at(stamp: _Stamp) -> int:
    return stamp.at


def _fit(stamp: _Stamp, anchors: list[tuple[int, int]], within: int | None = None) -> str | None:
    """ "hours" or "minutes": the reading at most half as far as the other from the nearest settled time
    before or after it in the note; else None.

    Distance favours minutes whenever the neighbours are early in the video, so minutes must also keep
    the note's order on both sides; hours, on one side (notes jump between topics).
    """
    # `anchors` is sorted by position (every caller builds it so): its neighbours by bisection, not a
    # scan of the whole list per time (quadratic in a note's times).
    cut = bisect_left(anchors, (stamp.at,))
    before = [anchors[cut - 1][1]] if cut else []
    cut = bisect_left(anchors, (stamp.at + 1,), cut)
    after = [anchors[cut][1]] if cut < len(anchors) else []
    if not before and not after:
        return None
    hours, minutes = _hours(stamp.fields), _minutes(stamp.fields)
    to_hours = min(abs(hours - s) for s in before + after)
    to_minutes = min(abs(minutes - s) for s in before + after)
    if within is not None and min(to_hours, to_minutes) > within:
        return None
    if to_hours * 2 < to_minutes and (any(hours >= s for s in before) or any(hours <= s for s in after)):
        return "hours"
    if to_minutes * 2 < to_hours and _in_order(minutes, before, after):
        return "minutes"
    return None


def _in_order(value: int, before: list[int], after: list[int]) -> bool:
    return all(value >= s for s in before) and all(value <= s for s in after)


def _junk_last_field(fields: list[Fields]) -> bool:
    """One repeated non-zero last field, or the middle field copied into it in four times of five."""
    if len(fields) < 3:
        return False
    last = {f[2] for f in fields}
    if len(last) == 1 and 0 not in last:
        return True
    return sum(f[2] == f[1] != 0 for f in fields) * 5 >= len(fields) * 4


def _same_minute(fields: list[Fields]) -> int:
    """Neighbours in one minute that differ in the last field: a second apart if that were frames."""
    return sum(a[:2] == b[:2] and a[2] != b[2] for a, b in pairwise(fields))


def _median_gap(fields: list[Fields]) -> float:
    values = [_hours(f) for f in fields]
    return statistics.median([abs(b - a) for a, b in pairwise(values)])
