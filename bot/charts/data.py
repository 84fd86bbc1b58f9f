"""What a chart shows, as plain frozen data: hashable, so the data itself is the cache key."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OpennessBar:
    """One lab's row: episodes with evidence on each side (a verdict weighs episodes, not repetitions)."""

    name: str
    open: int
    closed: int
    partial: int
    score: float  # -1 (closed) … +1 (open)
    thin: bool  # backed by a single episode: drawn faded and marked


@dataclass(frozen=True, slots=True)
class OpennessChart:
    """The /openness ranking as drawn: `bars` in rank order (most open first)."""

    bars: tuple[OpennessBar, ...]
    title: str = "Openness of AI labs"
    unknown: int = 0  # labs the notes mention with no openness evidence: counted, not drawn


NAME_MAX = 22  # longer lab names are cut with "…" so the bars keep their room


def short_name(name: str) -> str:
    return name if len(name) <= NAME_MAX else name[: NAME_MAX - 1].rstrip() + "…"
