"""The second round of the parser's fast paths give what the code they skip gives: each shortcut is checked
against that code on generated input built from the pieces that decide between them."""

from __future__ import annotations

import dataclasses
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.notes import frontmatter
from bot.notes.blocks import _FENCE, _RULE, _RULE_CHARS
from bot.notes.frontmatter import is_simple, split_front_matter
from bot.notes.markdown import WIKI_LINK, _replace_links
from bot.notes.model import Claim, WikiLink, new_claim


def _claim_fields() -> tuple[object, ...]:
    return (3, "Claim text.", 62, (62, 70), ("Top", "Sub"), "xAI", (WikiLink("topic", "alias"),), False)


def test_a_claim_built_by_the_fast_constructor_is_a_claim_equal_to_the_constructors() -> None:
    fast, slow = new_claim(*_claim_fields()), Claim(*_claim_fields())  # type: ignore[arg-type]
    assert type(fast) is Claim
    assert (fast == slow, hash(fast) == hash(slow), repr(fast)) == (True, True, repr(slow))


def test_a_claim_built_by_the_fast_constructor_stays_frozen() -> None:
    fast = new_claim(*_claim_fields())  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.text = "changed"  # type: ignore[misc]


def _with_yaml(block: str) -> tuple[dict[str, str], str] | None:
    """split_front_matter as it was before the shortcut: YAML read for every block."""
    simple = frontmatter.is_simple
    frontmatter.is_simple = lambda block: False
    try:
        return split_front_matter(f"---\n{block}---\nbody\n")
    finally:
        frontmatter.is_simple = simple


_KEYS = st.sampled_from(["title", "videoId", "tags", "null", "yes", "on", "_x", "a-b", "título"])
_VALUE_PIECES = st.sampled_from(
    ["a", "Z", "1", "0", "12", ".", "-", "_", " ", "  ", "\t", ":", ": ", "#", " #", "'", '"', ",", "[", "]",
     "{", "}", "&", "*", "!", "!!str ", "|", ">", "%", "@", "`", "?", "~", "é", "\u2028", "\x85", "\ufeff",
     "\xa0", "\x01", "\x7f", "2024-01-02", "1e3", "0x1F", "true", "null", ".inf", "\\", "\\n", "<b>", "&amp;",
     "[[x|y]]"]
)  # fmt: skip
_LINES = st.tuples(
    _KEYS, st.sampled_from([":", ": ", ":  ", " : ", ":\t"]), st.lists(_VALUE_PIECES, max_size=6)
)


@settings(max_examples=4000, deadline=None)
@given(st.lists(_LINES.map(lambda line: line[0] + line[1] + "".join(line[2]) + "\n"), max_size=4))
def test_front_matter_without_yaml_reads_as_with_it(lines: list[str]) -> None:
    block = "".join(lines)
    assert split_front_matter(f"---\n{block}---\nbody\n") == _with_yaml(block)


def test_a_plain_title_and_id_skip_yaml() -> None:
    assert is_simple(
        "title: Figma's product philosophy, part 2 (C# and AI, see http://x.y/z)\nvideoId: NepFo4zXyK4\n"
    )


@pytest.mark.parametrize(
    "block",
    [
        "title: a #comment\n",  # YAML drops the comment
        'title: "quoted \\" escape"\n',  # YAML decodes the escape
        "title: !!str 12\n",  # a tag
        "title: &a x\nother: *a\n",  # an anchor and its alias
        "title: |\n  block\n",  # a block scalar
        "title: a\n  continued\n",  # a folded continuation line
        "title: a\u2028b\n",  # YAML reads a line separator as a line break
        "title:  two spaces\n",
        "title: trailing \n",
        "# comment\ntitle: a\n",
    ],
)
def test_front_matter_yaml_could_read_otherwise_goes_to_yaml(block: str) -> None:
    assert not is_simple(block)


def test_yaml_really_reads_a_comment_otherwise_than_the_raw_line() -> None:
    # Why `is_simple` refuses " #": the case it guards against is real.
    assert yaml.safe_load("title: a #comment\n") == {"title": "a"}


# WIKI_LINK as it was written before it lost its lazy quantifiers.
_LAZY_WIKI_LINK = re.compile(r"\[\[([^\[\]|\n\x00]*?)\s*(?:\\?\|\s*([^\[\]\n\x00]*?)\s*)?\]\]")
_LINK_PIECES = st.sampled_from(
    ["[[", "]]", "[", "]", "|", "\\", "\\|", " ", "  ", "\t", "\n", "\x0b", "\x00", "a", "b c", "é", ":"]
)


def _stripped(parts: list[str | None]) -> list[str | None]:
    return [part.strip() if part is not None and at % 3 else part for at, part in enumerate(parts)]


@settings(max_examples=4000, deadline=None)
@given(st.lists(_LINK_PIECES, max_size=14).map("".join))
def test_wiki_links_split_as_the_lazy_pattern_did_once_stripped(text: str) -> None:
    assert _stripped(WIKI_LINK.split(text)) == _stripped(_LAZY_WIKI_LINK.split(text))


def test_wiki_link_spaces_and_escaped_pipes_read_as_before() -> None:
    assert _replace_links("see [[ a\\ | b ]] and [[c\\|d]] and [[e\\ \\|f]]")[0] == "see b and d and f"


_RULE_PIECES = st.sampled_from(["-", "*", "_", " ", "\t", "+", "a", "1", ".", "\n", "\xa0"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_RULE_PIECES, max_size=10).map("".join))
def test_only_a_line_of_rule_characters_can_be_a_rule(line: str) -> None:
    assert (_RULE.match(line) is not None) == (not line.strip(_RULE_CHARS) and _RULE.match(line) is not None)


_FENCE_PIECES = st.sampled_from(["`", "``", "~", "~~", " ", "\t", "a", "md"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_FENCE_PIECES, max_size=8).map("".join))
def test_only_a_line_with_three_backticks_or_tildes_can_open_a_fence(line: str) -> None:
    if _FENCE.match(line):
        assert "```" in line or "~~~" in line
