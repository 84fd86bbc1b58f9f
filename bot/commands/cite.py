"""Claims → citations, and the short one-line forms commands put in fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.extract.cues import cue_end
from bot.extract.model import COMPONENTS, Component, SignalKind
from bot.reply import OPENNESS_LABELS, Citation, ComponentStatus, Openness, OpennessLabel, cite, time_label
from bot.store.components import ComponentRow
from bot.store.queries import ClaimRow, StatsRow
from bot.text import around, plural, shorten


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


# A claim with no anchor, or one in a note whose times can't be trusted (bot.notes.timestamps), has no
# second: its line says so rather than showing one, and its link opens the video at the start.
TIME_NOT_GIVEN = "time not given"


def evidence_line(row: ClaimRow, side: SignalKind | None = None) -> str:
    """`[28:31] the claim`; a long claim is cut around its cue of `side`, so the line shows why it is
    evidence ("… an alternative to OpenAI's proprietary Deep Research"), not only how it begins."""
    when = TIME_NOT_GIVEN if row.seconds is None else time_label(row.seconds)
    one_line = " ".join(row.text.split())
    end = cue_end(one_line, side) if side is not None else None
    return f"[{when}] {around(one_line, end or 0)}"  # no cue: from the start, as `shorten` does


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


def coverage_line(stats: StatsRow) -> str:
    return (
        f"mentioned in {plural(stats.notes, 'note')} across {plural(stats.episodes, 'episode')} "
        f"from {plural(stats.channels, 'channel')} ({plural(stats.claims, 'claim')})"
    )


def component_statuses(rows: Mapping[Component, ComponentRow] | None) -> tuple[ComponentStatus, ...]:
    """Every component's status for the Reply's entity, in COMPONENTS order; `not said` where `rows` has
    none (an entity the notes never mention)."""
    rows = rows or {}
    out = []
    for name in COMPONENTS:
        row = rows.get(name)
        if row is None:
            out.append(ComponentStatus(name, "not said"))
        else:
            claim = citation(row.claim) if row.claim is not None else None
            out.append(ComponentStatus(name, row.status, row.licence, claim))
    return tuple(out)


# A /model component line quotes its claim this far: six cited lines must fit one Discord field (1,024).
COMPONENT_QUOTE = 56


def component_line(row: ComponentRow) -> str:
    """`weights: open (Apache 2.0) · 12:34 Grok-1 was released under the Apache 2.0 …`, the time a citation."""
    licence = f" ({row.licence})" if row.licence else ""
    line = f"{row.component}: {row.status}{licence}"
    if row.claim is None:
        return line
    return (
        f"{line} · {cite(row.claim.video_id, row.claim.seconds)} {shorten(row.claim.text, COMPONENT_QUOTE)}"
    )
