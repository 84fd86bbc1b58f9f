"""What a chart shows, as plain frozen data: hashable, so the data itself is the cache key."""

from __future__ import annotations

from dataclasses import dataclass

from bot.reply import ComponentStatusLabel


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


# The component matrix: one symbol per status, so a cell reads without its colour (and in a terminal).
STATUS_SYMBOLS: dict[ComponentStatusLabel, str] = {
    "open": "●",
    "partial": "◐",
    "closed": "○",
    "not said": "–",
}


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One model's (or compared entity's) statuses, in its chart's column order."""

    name: str
    statuses: tuple[ComponentStatusLabel, ...]
    licence: str | None = None  # the licence's name, where the notes give one

    @property
    def said(self) -> bool:
        return any(s != "not said" for s in self.statuses)


@dataclass(frozen=True, slots=True)
class MatrixChart:
    """The component matrix of /lab NAME and /compare as drawn: `rows` top to bottom."""

    title: str
    columns: tuple[str, ...]  # the components, in order
    rows: tuple[MatrixRow, ...]

    @property
    def said(self) -> bool:
        """Whether the notes say anything about any component of any row (else there is no picture)."""
        return any(row.said for row in self.rows)
