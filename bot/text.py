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


def around(text: str, end: int, limit: int = 140) -> str:
    """`text` (already on one line, as `shorten` puts it) clipped to `limit` characters so that what ends at
    `end` is shown: from the start when that fits, else a window with "…" where it was cut."""
    tail = 30  # a few words after the point, so it reads in context
    if len(text) <= limit or end + tail <= limit - 1:
        return clip(text, limit)
    stop = min(len(text), end + tail)
    start = max(0, stop - (limit - 2))
    space = text.find(" ", start)
    if start > 0 and 0 <= space < end:
        start = space + 1  # begin at a word
    window = text[start:stop] if stop < len(text) else text[start:]
    shown = clip(window, limit - (1 if start else 0) - (1 if stop < len(text) else 0))
    return f"{ELLIPSIS if start else ''}{shown}{ELLIPSIS if stop < len(text) and not shown.endswith(ELLIPSIS) else ''}"
