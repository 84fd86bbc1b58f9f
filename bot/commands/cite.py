"""Claims → citations, and the short one-line forms commands put in fields."""

from __future__ import annotations

from collections.abc import Iterable

from bot.reply import OPENNESS_LABELS, Citation, Openness, OpennessLabel, time_label
from bot.store.queries import ClaimRow, StatsRow


def citation(row: ClaimRow) -> Citation:
    text = row.snippet if row.snippet is not None else row.text
    return Citation(row.note_title, row.channel, row.video_id, row.seconds, text)


def citations(rows: Iterable[ClaimRow], limit: int) -> list[Citation]:
    """Up to `limit` citations, each claim once, in the order given."""
    seen: set[int] = set()
    out: list[Citation] = []
    for row in rows:
        if row.id in seen:
            continue
        seen.add(row.id)
        out.append(citation(row))
        if len(out) == limit:
            break
    return out


def shorten(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# A claim with no anchor, or one in a note whose times can't be trusted (bot.notes.timestamps), has no
# second: its line says so rather than showing one, and its link opens the video at the start.
TIME_NOT_GIVEN = "time not given"


def evidence_line(row: ClaimRow) -> str:
    when = TIME_NOT_GIVEN if row.seconds is None else time_label(row.seconds)
    return f"[{when}] {shorten(row.text)}"


def openness(stats: StatsRow | None) -> Openness:
    if stats is None:
        return Openness("unknown", 0.0, 0, 0)
    label: OpennessLabel = stats.label if stats.label in OPENNESS_LABELS else "unknown"
    return Openness(
        label, stats.score, stats.open, stats.closed, stats.evidence_episodes, stats.evidence_channels
    )


def verdict_line(stats: StatsRow | None) -> str:
    """`open · score +0.90 · 3 open, 0 closed, 1 partial, 0 planned · 4 episodes, 2 channels` (counts are
    episodes), ending `thin evidence` when one episode is all there is; or why it is unknown."""
    if stats is None or stats.signals == 0:
        return "unknown · no openness evidence in the notes"
    line = (
        f"{stats.label} · score {stats.score:+.2f} · {stats.open} open, {stats.closed} closed, "
        f"{stats.partial} partial, {stats.planned} planned · {backing(stats)}"
    )
    return f"{line} · {THIN}" if stats.thin else line


THIN = "thin evidence"


def backing(stats: StatsRow) -> str:
    """How many episodes and channels back a verdict: `4 episodes, 2 channels`."""
    return f"{plural(stats.evidence_episodes, 'episode')}, {plural(stats.evidence_channels, 'channel')}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def coverage_line(stats: StatsRow) -> str:
    return (
        f"mentioned in {plural(stats.notes, 'note')} across {plural(stats.episodes, 'episode')} "
        f"from {plural(stats.channels, 'channel')} ({plural(stats.claims, 'claim')})"
    )
