"""The cue regex, compiled with its alternatives grouped by first character (bot.extract.dispatch), matches
exactly what the plain alternation of the same alternatives matches; a literal trie finds what a substring test
finds."""

from __future__ import annotations

import re

import pytest

from bot.extract import cues
from bot.extract.dispatch import compile_dispatched, literal_trie, tag_of
from tests.handwritten_gold import GOLD

_PLAIN = re.compile(
    r"(?:\b|(?=n['’]t))(?:"
    + "|".join(
        [
            "(?P<partial>" + "|".join(cues._PARTIAL) + ")",
            "(?P<graded>" + cues._GRADED + ")",
            "(?P<closed>" + "|".join(cues._CLOSED) + ")",
            "(?P<open>" + "|".join(cues._OPEN) + ")",
        ]
    )
    + ")",
    re.IGNORECASE,
)


def _plain_cues(text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(match.span(), match.lastgroup) for match in _PLAIN.finditer(text)]


def _dispatched_cues(text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(match.span(), tag_of(match)) for match in cues.CUE_RE.finditer(text)]


def test_the_cue_regex_finds_what_the_plain_alternation_finds_in_every_hand_written_sentence() -> None:
    sentences = [
        line.partition("\t")[0]
        for path in sorted(GOLD.glob("handwritten_*.tsv"))
        for line in path.read_text("utf-8").splitlines()
    ]
    assert len(sentences) > 1000
    differing = [text for text in sentences if _plain_cues(text) != _dispatched_cues(text)]
    assert differing == []
    assert sum(len(_dispatched_cues(text)) for text in sentences) > 1000


def test_the_first_of_two_alternatives_matching_at_one_place_wins_as_in_a_plain_alternation() -> None:
    pattern = compile_dispatched("", [("short", "ab"), ("long", "abc")], re.IGNORECASE)
    match = pattern.search("xx ABC")
    assert match is not None
    assert (match.span(), tag_of(match)) == ((3, 5), "short")


def test_an_alternative_whose_first_character_cannot_be_told_is_tried_at_every_character() -> None:
    pattern = compile_dispatched("", [("word", r"\w+z"), ("foo", "foo")], re.IGNORECASE)
    assert [(m.group(), tag_of(m)) for m in pattern.finditer("9z foo qz")] == [
        ("9z", "word"),
        ("foo", "foo"),
        ("qz", "word"),
    ]


def test_a_case_sensitive_alternative_is_found_by_its_letter_in_either_case_and_matches_as_written() -> None:
    pattern = compile_dispatched("", [("mit", "(?-i:MIT)"), ("other", "mixed")], re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("mit MIT Mixed")] == ["MIT", "Mixed"]


def test_alternatives_none_of_which_has_a_known_first_character_still_match() -> None:
    pattern = compile_dispatched("", [("word", r"\w+")], re.IGNORECASE)
    assert [(m.group(), tag_of(m)) for m in pattern.finditer("ab, cd")] == [("ab", "word"), ("cd", "word")]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "nothing to see",
        "under a licence",
        "licensed",
        "a (bracket) and a dot.",
        "open-weights",
        "wit",
        "withheld",
        "proprietary",
        "c++ and a.b",
    ],
)
def test_a_literal_trie_finds_a_word_exactly_where_a_substring_test_would(text: str) -> None:
    words = ["licen", "license", "with", "withh", "(bracket)", "a.b", "c++", "open-w", "propriet"]
    assert (re.search(literal_trie(words), text) is not None) == any(word in text for word in words)


def test_a_literal_trie_leaves_out_a_word_a_shorter_one_starts() -> None:
    assert literal_trie(["licen", "license", "lice"]) == literal_trie(["lice"]) == "(?:l(?:i(?:c(?:e))))"
