"""The digest of one period as a Reply that fits one message on every platform.

It lists new episodes, not notes: the episode's title (from its channel's index page), channel, link and
topics. Episodes with openness evidence come first, then those about labs and models, each with its one
or two most informative claims, cited to the second; episodes on other topics are one line (all of them
with `/digest preview all`). Labs and models whose verdict changed come before the episodes, with the
claims that moved them. When a period brings more episodes than `bulk_episodes` (a first ingest, a bulk
import), the digest is a summary instead: counts, the labs most discussed, the verdicts that changed and
the five most informative episodes.

Everything is written into the text, within a budget of characters that keeps the whole post under
Discord's 6,000 per message (Slack's 50 blocks hold more), so no platform has to cut it. When verdicts
changed, the reply also carries their chart (bot.charts.changes) as its image, beside the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.charts.changes import Shift, changes_alt, changes_chart, changes_png, changes_text
from bot.config import DigestConfig
from bot.digest.moves import Move, apart, moves
from bot.digest.period import Arrivals, Episode, arrivals, best_claims, focus_entities, signals
from bot.digest.subscriptions import Focus
from bot.digest.verdicts import Change, changes, verdict_labels
from bot.instants import iso
from bot.reply import Reply, cite, link, markdown, plain, slash, strong, youtube_url
from bot.store.db import Store
from bot.store.queries import ClaimRow, entity_names
from bot.text import plural, shorten

# Characters the text may take, measured as Markdown with one more for each character a renderer
# escapes; the title, a footer and Discord's per-embed overhead fit in what is left of 6,000.
TEXT_BUDGET = 5000
RESERVE = 300  # kept for the closing lines until the episodes are laid out
COMPACT_FLOOR = 1500  # /digest preview all keeps this much for one-line episodes
MAX_TITLE_CHARS = 100
MAX_TOPICS_CHARS = 180
MAX_CLAIM_CHARS = 200
MAX_CHANGES = 6
CLAIMS_PER_CHANGE = 2
CLAIMS_PER_EPISODE = 2
BULK_LABS = 8
BULK_EPISODES = 5
_ESCAPED = frozenset("\\*_~`|<>[]#&")


@dataclass(slots=True)
class Digest:
    reply: Reply
    note_count: int
    labels: dict[str, str]  # openness labels now (bot.digest.verdicts): the next digest's baseline
    quiet: bool  # nothing new (for the focus): no episodes and no verdict change
    episode_count: int = 0


def more_line(shown: int, total: int) -> list[str]:
    return [f"…and {total - shown} more"] if total > shown else []


def _since(start: datetime, tz: ZoneInfo | None) -> str:
    local = start.astimezone(tz) if tz else start
    zone = tz.key if tz else "UTC"
    return f"{local:%a %d %b %H:%M} {zone}"


def cost(line: str) -> int:
    """What a line costs in a message: its Markdown, plus one for each character escaped as data."""
    return len(markdown(line)) + 1 + sum(1 for ch in plain(line) if ch in _ESCAPED)


class _Text:
    """The digest's lines, added only while they fit the budget."""

    def __init__(self, budget: int) -> None:
        self.lines: list[str] = []
        self.left = budget

    def add(self, lines: list[str]) -> bool:
        needed = sum(cost(line) for line in lines)
        if needed > self.left:
            return False
        self.lines += lines
        self.left -= needed
        return True


@dataclass(frozen=True, slots=True)
class _Names:
    labs: dict[str, str]
    models: dict[str, tuple[str, str]]  # id → (name, lab id)

    @classmethod
    async def load(cls, store: Store) -> _Names:
        catalog = await entity_names(store)
        labs = {e.id: e.name for e in catalog if e.type == "lab"}
        models = {e.id: (e.name, e.lab_id or "") for e in catalog if e.type == "model"}
        return cls(labs, models)

    def lab(self, lab_id: str) -> str:
        return self.labs.get(lab_id, lab_id)

    def change(self, change: Change) -> str:
        if change.type == "lab":
            return self.lab(change.id)
        name, lab = self.models.get(change.id, (change.id, ""))
        return f"{name} ({self.lab(lab)})" if lab else name


def claim_line(claim: ClaimRow) -> str:
    when = cite(claim.video_id, claim.seconds)
    return f"› {when} {shorten(claim.text, MAX_CLAIM_CHARS)}"


def _episode_line(episode: Episode, names: _Names) -> str:
    """`• [Title](video) — channel · 10 notes · on Meta, OpenAI`."""
    title = link(shorten(episode.title, MAX_TITLE_CHARS), youtube_url(episode.video_id, None))
    parts = [f"• {title} — {episode.channel or 'unknown channel'}", plural(len(episode.note_ids), "note")]
    if episode.labs:
        parts.append("on " + ", ".join(names.lab(lab) for lab, _ in episode.labs.most_common(3)))
    return " · ".join(parts)


def _topics_line(episode: Episode) -> str:
    """Whole topics while they fit, then how many more."""
    shown: list[str] = []
    for topic in episode.topics:
        if shown and len("; ".join([*shown, topic])) > MAX_TOPICS_CHARS - 20:
            break
        shown.append(shorten(topic, MAX_TOPICS_CHARS - 30))
    more = len(episode.topics) - len(shown)
    return "Topics: " + "; ".join(shown) + (f" (and {more} more)" if more else "")


def _focus_line(focus: Focus, names: _Names) -> list[str]:
    """`Following Meta, OpenAI from bankless.` (nothing without a focus)."""
    if focus.everything:
        return []
    labs = ", ".join(names.lab(lab) for lab in focus.labs) or "everything"
    channels = f" from {', '.join(focus.channels)}" if focus.channels else ""
    return [f"Following {labs}{channels}."]


# -- verdict changes --------------------------------------------------------------------------------


def _move_line(move: Move, names: _Names) -> str:
    """`xAI: unknown → open · Grok: unknown → open` (a model alone: `Llama (Meta): …`)."""
    change = move.change
    line = f"{names.change(change)}: {change.old} → {change.new}"
    for model in move.models:
        line += f" · {names.models.get(model.id, (model.id, ''))[0]}: {model.old} → {model.new}"
    return line


def _shifts(moved: list[Move], names: _Names) -> list[Shift]:
    """The chart's rows: each change as the text lists it, a lab followed by its models that moved."""
    out = []
    for move in moved:
        for change in (move.change, *move.models):
            out.append(Shift(names.change(change), change.old, change.new, change.towards))
    return out


async def _with_chart(reply: Reply, moved: list[Move], names: _Names, since: str) -> Reply:
    """`reply` carrying the chart of the verdict changes, when there are any (its text unchanged)."""
    if not moved:
        return reply
    chart = changes_chart(_shifts(moved, names), since)
    reply.image = await changes_png(chart)
    reply.image_alt = changes_alt(chart)
    reply.image_text = changes_text(chart)
    return reply


# -- the two layouts --------------------------------------------------------------------------------


def _closing(left: int, others: list[Episode], *, all_listed: bool, show_all: bool) -> list[str]:
    """What did not fit, and the one line for episodes on other topics."""
    lines = []
    if left and all_listed:
        pointer = "" if show_all else f": {slash('digest preview')} all lists them"
        lines.append(f"…and {plural(left, 'more episode')}{pointer}.")
    elif left:
        lines.append(f"…and {plural(left, 'more episode')} about labs and models.")
    if others and not all_listed:
        channels = len({e.channel for e in others})
        lines.append(
            f"And {plural(len(others), 'episode')} on other topics from {plural(channels, 'channel')}:"
            f" {slash('digest preview')} all lists them."
        )
    return ["", *lines] if lines else []


def _changes(text: _Text, moved: list[Move], names: _Names, claims: int) -> set[int]:
    """Verdicts that changed, most evidence first, each with the claims that moved it (if room);
    returns the ids of the claims cited."""
    cited: set[int] = set()
    if not moved:
        return cited
    text.add(["", strong("Openness changes")])
    for shown, move in enumerate(moved):
        moving = apart(list(move.claims), claims)
        lines = [_move_line(move, names), *(claim_line(c) for c in moving)]
        if shown < MAX_CHANGES and text.add(lines):
            cited |= {c.id for c in moving}
        elif shown == MAX_CHANGES or not text.add(lines[:1]):
            text.add([f"…and {plural(len(moved) - shown, 'more change')}"])
            break
    return cited


async def _regular(
    store: Store,
    text: _Text,
    found: Arrivals,
    names: _Names,
    *,
    wanted: set[tuple[str, str]] | None,
    max_listed: int,
    show_all: bool,
    cited: set[int],
) -> None:
    featured = [e for e in found.episodes if e.tier > 0]
    others = [e for e in found.episodes if e.tier == 0]
    # Other topics are one closing line, unless nothing about labs arrived: then they are the news.
    all_listed = show_all or not featured
    listed = featured + others if all_listed else featured
    # Listing everything: leave room for one line per episode rather than a few in full.
    floor = COMPACT_FLOOR if show_all else 0
    text.left -= RESERVE
    full = True
    shown = 0
    for episode in listed if show_all else listed[:max_listed]:
        line = _episode_line(episode, names)
        if full and (episode.tier or not featured):
            claims = (
                await best_claims(store, episode, wanted, CLAIMS_PER_EPISODE, cited) if episode.tier else []
            )
            block = ["", line, _topics_line(episode), *(claim_line(c) for c in claims)]
            if text.left - sum(cost(b) for b in block) >= floor and text.add(block):
                shown += 1
                continue
        if full:
            full = False  # from here on one line per episode
            if not text.add([""]):
                break
        if not text.add([line]):
            break
        shown += 1
    text.left += RESERVE
    closing = _closing(len(listed) - shown, others, all_listed=all_listed, show_all=show_all)
    text.add(closing[1:] if text.lines and text.lines[-1] == "" else closing)


async def _bulk(
    store: Store,
    text: _Text,
    found: Arrivals,
    moved: list[Move],
    names: _Names,
    wanted: set[tuple[str, str]] | None,
) -> None:
    labs: dict[str, int] = {}
    for episode in found.episodes:
        for lab in episode.labs:
            labs[lab] = labs.get(lab, 0) + 1
    top = sorted(labs, key=lambda lab: (-labs[lab], names.lab(lab).lower()))[:BULK_LABS]
    if top:
        text.add(["", strong("Labs most discussed")])
        counts = [f"{names.lab(lab)} ({labs[lab]:,})" for lab in top]
        counts[0] = f"{names.lab(top[0])} ({plural(labs[top[0]], 'episode')})"
        text.add([" · ".join(counts)])
    _changes(text, moved, names, claims=0)
    best = found.episodes[:BULK_EPISODES]
    if best:
        text.add(["", strong(f"The {len(best)} most informative new episodes")])
        for episode in best:
            line = _episode_line(episode, names)
            claims = await best_claims(store, episode, wanted, 1) if episode.tier else []
            if not text.add([line, *(claim_line(c) for c in claims)]):
                text.add([line])
        text.add(["", f"{slash('digest preview')} all lists as many episodes as one message holds."])


async def compose_digest(
    store: Store,
    *,
    start: datetime,
    end: datetime,
    baseline_labels: dict[str, str],
    config: DigestConfig | None = None,
    tz: ZoneInfo | None = None,
    after_source: int = 0,
    focus: Focus | None = None,
    show_all: bool = False,
) -> Digest:
    """The digest of notes first ingested in [start, end) (with a source id above `after_source`) in
    `focus`, with the verdicts changed since `baseline_labels`; `show_all` lists every episode."""
    config = config or DigestConfig()
    focus = focus or Focus()
    bounds: dict[str, Any] = {"start": iso(start), "end": iso(end), "after": after_source}
    found = await arrivals(store, bounds, focus)
    labels = await verdict_labels(store)
    names = await _Names.load(store)
    changed = await changes(store, baseline_labels, labels)
    moved = moves(changed, await signals(store, bounds), found.model_labs, focus)
    since = _since(start, tz)
    episodes, notes = len(found.episodes), sum(len(e.note_ids) for e in found.episodes)
    nothing = "No new notes" if focus.everything else "Nothing new on what this channel follows"
    if not episodes and not moved:
        quiet = "\n".join([f"{nothing} since {since}.", *_focus_line(focus, names)])
        return Digest(Reply("ok", "Lab notes digest", quiet), 0, labels, quiet=True)

    bulk = episodes > config.bulk_episodes and not show_all
    text = _Text(TEXT_BUDGET)
    if bulk:
        title = f"Lab notes digest: {plural(episodes, 'new episode')} (bulk import)"
        header = (
            f"A bulk import since {since}: {plural(notes, 'note')}, {plural(episodes, 'episode')} from"
            f" {plural(found.channels, 'channel')}, too many to list one by one;"
            f" {sum(1 for e in found.episodes if e.tier):,} of them discuss labs or models."
        )
    elif episodes:
        title = f"Lab notes digest: {plural(episodes, 'new episode')}"
        header = (
            f"New since {since}: {plural(episodes, 'episode')} ({plural(notes, 'note')})"
            f" from {plural(found.channels, 'channel')}."
        )
    else:
        title, header = "Lab notes digest: openness changes", f"{nothing} since {since}."
    text.add([header, *_focus_line(focus, names)])
    wanted = focus_entities(focus, found.model_labs)
    if bulk:
        await _bulk(store, text, found, moved, names, wanted)
    else:
        cited = _changes(text, moved, names, claims=CLAIMS_PER_CHANGE)
        await _regular(
            store,
            text,
            found,
            names,
            wanted=wanted,
            max_listed=config.max_notes,
            show_all=show_all,
            cited=cited,
        )
    reply = await _with_chart(Reply("ok", title, "\n".join(text.lines)), moved, names, since)
    return Digest(reply, notes, labels, quiet=False, episode_count=episodes)
