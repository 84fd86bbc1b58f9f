"""Small text helpers every layer shares: clipping to a limit and counting nouns."""

from __future__ import annotations

ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, ending in "…" when something was cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def shorten(text: str, limit: int = 140) -> str:
    """`text` on one line (runs of white space as one space), clipped to `limit`."""
    return clip(" ".join(text.split()), limit)


def plural(count: int, word: str) -> str:
    """`1 note`, `2 notes`, `1,419 notes`."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"
