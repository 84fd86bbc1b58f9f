"""Splitting a run of plain text into sentences, without breaking at "e.g." or "U.S." or initials."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and a capital or digit.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "vs", "mr", "mrs", "ms", "dr", "prof", "st", "inc", "jr", "sr", "no", "fig", "approx"}
)


_SENTENCE_END_CHARS = ".!?\"'”’)]"  # a sentence mark and the closers _BOUNDARY lets follow it


def has_boundary(text: str) -> bool:
    """Whether `text` may hold more than one sentence (cheap pre-check before split_sentences)."""
    # A boundary's mark has whitespace after it, so it survives stripping the marks and closers that end
    # the text; most clauses hold no other mark, and three C scans settle them without the regex.
    head = text.rstrip(_SENTENCE_END_CHARS)
    if "." not in head and "!" not in head and "?" not in head:
        return False
    return _BOUNDARY.search(text) is not None


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` in order; text without a sentence boundary comes back whole."""
    if not _BOUNDARY.search(text):
        return [text] if text else []
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.start() < start or _is_abbreviation(text, start, match.start()):
            continue
        end = match.end()
        sentences.append(text[start:end].strip())
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    # The word before the dot, read backwards: a regex search from `start` would rescan the sentence so
    # far at every "e.g." or "U.S.", quadratic in a long one.
    begin = dot
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    if begin == dot:
        return False
    token = text[begin:dot].lstrip("(\"'“")
    # "U.S." / "J. Smith": dotted acronyms and initials are not sentence ends ("AI." is).
    return token.lower() in _ABBREVIATIONS or "." in token or (len(token) == 1 and token.isupper())
