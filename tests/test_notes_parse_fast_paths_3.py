"""The third round of the parser's fast paths give what the code they replace gave: each is checked against
that code, kept here as the reference, on generated input built from the pieces that decide between them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.notes.blocks import _HEADING
from bot.notes.claims import _LEADING_JUNK, _STOPS, _end
from bot.notes.timestamps import _NoteReader, _Stamp, first_hour, read_note

_LAZY_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from([" ", "\t", "#", "a", "#a", "\r", "\x0b", "\u2003", "\x00", "*"]), max_size=14)
)
def test_the_heading_pattern_reads_as_the_lazy_one_once_its_text_is_stripped(pieces: list[str]) -> None:
    line = "".join(pieces)
    lazy, greedy = _LAZY_HEADING.match(line), _HEADING.match(line)
    assert (lazy is None) == (greedy is None)
    if lazy is not None and greedy is not None:
        assert lazy.group(1) == greedy.group(1)
        assert (lazy.group(2) or "") == (greedy.group(2) or "").rstrip(" \t")


def _end_by_loop(text: str, junk: str) -> str:
    if ")" in junk and text.count("(") > text.count(")"):
        text += ")"
    if not text.endswith(_STOPS):
        for char in junk:
            if char in _STOPS:
                return text + char
    return text


@settings(max_examples=3000, deadline=None)
@given(
    st.text(alphabet="ab().!? ", max_size=8),
    st.lists(st.sampled_from(list(_LEADING_JUNK)), max_size=6).map("".join),
)
def test_the_stop_after_an_anchor_is_the_first_one_of_its_junk(text: str, junk: str) -> None:
    assert _end(text, junk) == _end_by_loop(text, junk)


class _KindByCall(_NoteReader):
    """The reader with the run smoothing as it was: each time's kind asked by a call, per look."""

    def _smooth(self) -> None:
        if not (self.hour or self.hour_zero):
            return
        doubtful = {s.at: s for s in self.hour + self.hour_zero}
        for _ in range(3):
            order = [at for at, seconds in enumerate(self.out) if seconds is not None]
            changed = False
            i = 0
            while i < len(order):
                if order[i] not in doubtful:
                    i += 1
                    continue
                kind = self._kind_of(doubtful[order[i]])
                j = i
                while j < len(order) and order[j] in doubtful and self._kind_of(doubtful[order[j]]) == kind:
                    j += 1
                left = self.out[order[i - 1]] if i > 0 else None
                right = self.out[order[j]] if j < len(order) else None
                if left is not None and right is not None:
                    changed |= self._switch([doubtful[at] for at in order[i:j]], kind, left, right)
                i = j
            if not changed:
                return

    def _kind_of(self, stamp: _Stamp) -> str:
        a, b, c = stamp.fields
        return "hours" if self.out[stamp.at] == a * 3600 + b * 60 + c else "minutes"


_HOUR_SLOT = st.tuples(st.integers(0, 9), st.integers(0, 70), st.integers(0, 70))
_TIME = st.one_of(
    _HOUR_SLOT,
    _HOUR_SLOT,
    st.tuples(st.integers(0, 30), st.integers(0, 70), st.integers(0, 99)),
    st.tuples(st.integers(0, 9 * 3600)),
    st.tuples(st.integers(0, 400), st.integers(0, 70)),
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_TIME, max_size=16), st.integers(0, 3000), st.sampled_from([None, "hours", "minutes"]))
def test_runs_are_smoothed_as_when_each_kind_was_asked_by_a_call(
    times: list[tuple[int, ...]], words: int, prior: str | None
) -> None:
    assert _NoteReader(times, words, prior).read() == _KindByCall(times, words, prior).read()


@settings(max_examples=1000, deadline=None)
@given(st.lists(_TIME, max_size=12), st.integers(0, 3000), st.sampled_from([None, "hours", "minutes"]))
def test_a_first_hour_note_reads_the_same_whatever_its_words_and_prior(
    times: list[tuple[int, ...]], words: int, prior: str | None
) -> None:
    settled = first_hour(times)
    if settled is not None:  # what `ClaimMaker.finish` relies on to skip counting the words
        assert settled == read_note(times, 0) == read_note(times, words, prior)
