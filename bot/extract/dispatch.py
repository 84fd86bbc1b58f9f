"""A large case-insensitive alternation, compiled so that each position tries only the alternatives that can
start with its character.

Python's regex engine tries every alternative of an alternation in turn at every position it reaches; the cue
regex (bot.extract.cues) has two hundred. Grouped behind a one-character lookahead per first letter, a
position tries one group: about twice as fast, with the same matches. Within a group the alternatives keep
their order, and an alternative whose first character cannot be told (it may start with any word character)
stands in every group and in a last group for the other characters, so the leftmost-first choice among the
alternatives that can match at a position is the one the plain alternation makes.

Each alternative is wrapped in a group named by its tag and a number; `tag_of` reads the tag back.

`literal_trie` does the same for a set of plain strings, when all that matters is whether one occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# The parser of `re` is private (its public alias sre_parse is deprecated, and here since Python 3.11); should
# its output change shape, `_first` answers None for what it does not know, and such an alternative stands in
# every group: slower, never wrong.
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

_ZERO_WIDTH = (c.ASSERT, c.ASSERT_NOT, c.AT)
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)


def compile_dispatched(prefix: str, alternatives: Sequence[tuple[str, str]], flags: int) -> re.Pattern[str]:
    """`prefix(?:alternative|alternative|…)` with each (tag, pattern) alternative in a named group; `flags` must
    hold re.IGNORECASE (the lookaheads test one case of each letter)."""
    firsts = [_first_chars(pattern, flags) for _, pattern in alternatives]
    keys = sorted(set().union(*[f for f in firsts if f is not None]))
    groups: dict[str, list[str]] = {key: [] for key in keys}
    anywhere: list[str] = []
    number = 0
    for (tag, pattern), first in zip(alternatives, firsts, strict=True):
        for key in keys if first is None else sorted(first):
            groups[key].append(f"(?P<{tag}{number}>{pattern})")
            number += 1
        if first is None:
            anywhere.append(f"(?P<{tag}{number}>{pattern})")
            number += 1
    parts = [f"(?={re.escape(key)})(?:{'|'.join(members)})" for key, members in groups.items()]
    if anywhere:
        # the characters no group starts with (every character, when no group was made)
        others = f"(?![{''.join(map(re.escape, keys))}])" if keys else ""
        parts.append(f"{others}(?:{'|'.join(anywhere)})")
    return re.compile(f"{prefix}(?:{'|'.join(parts)})", flags)


def literal_trie(words: Iterable[str]) -> str:
    """A pattern that finds any of `words` (plain strings) where it occurs, shaped like a trie: each position
    tries one branch per distinct next character, and a word that a shorter one starts with is left out (the
    shorter one is found first)."""
    shortest: list[str] = []
    for word in sorted(set(words)):  # a word sorts right after the words it starts with
        if word and not any(word.startswith(kept) for kept in shortest):
            shortest.append(word)
    return _trie(shortest)


def _trie(words: list[str]) -> str:
    """`literal_trie` of non-empty words none of which starts another."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    branches = [
        re.escape(first) + ("" if rests == [""] else _trie(rests))
        for first, rests in sorted(by_first.items())
    ]
    return "(?:" + "|".join(branches) + ")"


def tag_of(match: re.Match[str]) -> str:
    """The tag of the alternative that matched."""
    return (match.lastgroup or "").rstrip("0123456789")


def _first_chars(pattern: str, flags: int) -> set[str] | None:
    """The characters (lowercased) a match of `pattern` can start with; None when that cannot be told."""
    try:
        found, nullable = _first(list(parser.parse(pattern, flags)))
    except Exception:  # an unknown shape of the private parser: no dispatch for this alternative
        return None
    if found is None or nullable:
        return None
    return {char.lower() for char in found}


def _first(items: Iterable[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The first characters of a parsed sequence, and whether it can match the empty string."""
    chars: set[str] = set()
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue
        if op == c.LITERAL:
            chars.add(chr(arg))
            return chars, False
        if op == c.IN:
            for kind, value in arg:
                if kind == c.LITERAL:
                    chars.add(chr(value))
                elif kind == c.RANGE and value[1] - value[0] <= 100:
                    chars.update(chr(code) for code in range(value[0], value[1] + 1))
                else:
                    return None, False  # \w, a negated set, a wide range
            return chars, False
        if op == c.SUBPATTERN:
            inner, nullable = _first(arg[3])
        elif op == c.BRANCH:
            inner, nullable = set(), False
            for branch in arg[1]:
                found, empty = _first(branch)
                if found is None:
                    return None, False
                inner |= found
                nullable = nullable or empty
        elif op in _REPEATS:
            low, _, item = arg
            inner, empty = _first(item)
            nullable = low == 0 or empty
        else:
            return None, False  # any character, a back-reference, a conditional
        if inner is None:
            return None, False
        chars |= inner
        if not nullable:
            return chars, False
    return chars, True
