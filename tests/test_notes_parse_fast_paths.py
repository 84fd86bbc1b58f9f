"""The parser's fast paths give what the general path gives: each shortcut is checked against the code
it skips, on generated input built from the pieces that decide between them."""

from __future__ import annotations

import gc
import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.notes.claims import _GROUPS, ANCHOR, _has_word, _may_hold_anchor, cut_anchors, split_times
from bot.notes.markdown import MARK, plain_text
from bot.notes.parse import parse_bytes
from bot.notes.sentences import _BOUNDARY, has_boundary
from bot.notes.timestamps import _NoteReader, read_note

USUAL = '<a class="yt-timestamp" data-t="00:01:02">[00:01:02]</a>'
_ANCHOR_PIECES = st.sampled_from(
    [
        USUAL, USUAL, '<a class="yt-timestamp" data-t="N/A">[00:09:09]</a>',
        '<a class="yt-timestamp" data-t="">[00:00:07]</a>', '<a class="yt-timestamp" data-t="01:02">00:01</a>',
        '<a class="yt-timestamp" data-t="00:00:01">[' + "x" * 40 + "]</a>",
        "[", "]", "(", ")", " ", "\t", "[[topic ", "|", " | 00:03:04]]", "[00:01:38](", "](", "<", ">",
        "00:01:02", "[00:42:00]", "(00:33:01)", "text", ".", "<a href=x>",
    ]
)  # fmt: skip


def _general_cut(text: str) -> tuple[list[str], list[object]]:
    parts = ANCHOR.split(text)
    return parts[:: _GROUPS + 1], list(split_times(parts))


@settings(max_examples=3000, deadline=None)
@given(st.lists(_ANCHOR_PIECES, max_size=16).map("".join))
def test_cut_anchors_cuts_as_anchor_split_does(text: str) -> None:
    texts, found = cut_anchors(text)
    assert (texts, list(found)) == _general_cut(text)


def test_an_anchor_inside_a_link_label_is_cut_with_the_label() -> None:
    text = f"Claim [00:01:38]( {USUAL}) and more."
    assert cut_anchors(text) == _general_cut(text)
    assert cut_anchors(text)[0] == ["Claim ", " and more."]


def test_an_anchor_inside_brackets_is_cut_with_them() -> None:
    text = f"Claim [{USUAL}] and more."
    assert cut_anchors(text) == _general_cut(text)
    assert cut_anchors(text)[0] == ["Claim ", " and more."]


def test_a_wiki_alias_running_past_an_anchor_stays_one_form() -> None:
    text = '[[topic <a class="yt-timestamp" data-t="00:01:02">00:01:02</a> | 00:03:04]] rest'
    assert cut_anchors(text) == _general_cut(text)
    assert cut_anchors(text)[1] == [((0, 3, 4),)]


_NEAR_ANCHOR_PIECES = st.sampled_from(
    [
        USUAL, USUAL.replace(":", ""), USUAL.replace("timestamp", "time"), "timestamp", "[", "]", "(", ")", "<",
        ">", "[[", "]]", "|", " ", "00", "0", "12", "-", "–", ",", "and", "#t=", "](", "[ ](#t=", "data-t=",
        '"', "yt-", "a ", "text",
    ]
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(_NEAR_ANCHOR_PIECES, max_size=16).map("".join))
def test_anchor_finds_nothing_where_no_time_or_timestamp_is_written(text: str) -> None:
    assert _may_hold_anchor(text) or ANCHOR.search(text) is None


_WHITESPACE_PIECES = st.sampled_from(
    ["a", "b", " ", " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\xa0", "\u1680", "\u2003",
     "\u2028", "\u2029", "\u202f", "\u3000", MARK, "é"]
)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(_WHITESPACE_PIECES, max_size=12).map("".join))
def test_plain_text_collapses_whitespace_exactly_as_split_and_join(text: str) -> None:
    assert plain_text(text)[0] == " ".join(text.split())


def test_every_whitespace_character_but_the_space_is_unprintable() -> None:
    # plain_text skips collapsing text that is printable, with no double or outer space: this must hold.
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable()] == [" "]


_SENTENCE_PIECES = st.sampled_from(
    [".", "!", "?", '"', "'", "”", "’", ")", "]", " ", "  ", "\t", "A", "a", "1", "(", "[", "“", "e.g", "x"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_SENTENCE_PIECES, max_size=12).map("".join))
def test_has_boundary_answers_as_the_boundary_pattern(text: str) -> None:
    assert has_boundary(text) == (_BOUNDARY.search(text) is not None)


def test_has_word_answers_as_the_word_pattern_for_every_ascii_character() -> None:
    word = re.compile(r"\w")
    samples = [chr(c) for c in range(128)] + ["é", "—", "\u200b", "日", "-- _ --", " .;"]
    assert [_has_word(s) for s in samples] == [word.search(s) is not None for s in samples]


_FIRST_HOUR = st.tuples(st.just(0), st.integers(0, 70), st.integers(0, 70))
_ANY_TIME = st.one_of(
    _FIRST_HOUR,
    st.tuples(st.integers(0, 30), st.integers(0, 70), st.integers(0, 99)),
    st.tuples(st.integers(0, 30 * 3600)),
    st.tuples(st.integers(0, 400), st.integers(0, 70)),
)


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.one_of(_FIRST_HOUR, _ANY_TIME), max_size=12),
    st.integers(0, 3000),
    st.sampled_from([None, "hours", "minutes"]),
)
def test_read_note_reads_as_the_full_reader(
    times: list[tuple[int, ...]], words: int, prior: str | None
) -> None:
    assert read_note(times, words, prior) == _NoteReader(times, words, prior).read()


@settings(max_examples=500, deadline=None)
@given(st.lists(_FIRST_HOUR, max_size=12), st.integers(0, 3000))
def test_first_hour_notes_read_as_the_full_reader(times: list[tuple[int, ...]], words: int) -> None:
    assert read_note(times, words) == _NoteReader(times, words).read()


NOTE = b'---\ntitle: T\nvideoId: abcdefghijk\n---\n\nA claim <a class="yt-timestamp" data-t="00:00:04">[00:00:04]</a>.\n'


def test_parse_bytes_leaves_the_collector_running() -> None:
    assert gc.isenabled()
    parse_bytes(NOTE, "c/n.md")
    assert gc.isenabled()


def test_parse_bytes_leaves_a_stopped_collector_stopped() -> None:
    gc.disable()
    try:
        parse_bytes(NOTE, "c/n.md")
        assert not gc.isenabled()
    finally:
        gc.enable()
