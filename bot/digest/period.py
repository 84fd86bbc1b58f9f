"""What arrived in a digest period, read from the store: new episodes, their best claims, and the
openness signals among the new claims.

A note is new when it was first ingested in [start, end) (a re-ingest keeps the first time). Notes
group into episodes by video id; the episode's title comes from its channel's index page, the first
note's title only when no index names it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from bot.digest.subscriptions import Focus
from bot.store import arrivals as stored
from bot.store.arrivals import IndexTitle, Signal
from bot.store.db import Store
from bot.store.fold import fold, same_moment
from bot.store.queries import ClaimRow, model_labs

_ANAPHOR = re.compile(r"(?:this|that|these|those|it|its|they|their|he|she|such)\b", re.IGNORECASE)
SHORT_CLAIM = 50  # characters; shorter claims are mostly list fragments ("Final Fantasy 4")
LONG_CLAIM = 320


@dataclass(slots=True)
class Episode:
    video_id: str
    title: str
    channel: str | None
    note_ids: list[int] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # its new notes' titles
    labs: Counter[str] = field(default_factory=Counter)  # lab id → claims naming it or its models, each once
    entities: set[tuple[str, str]] = field(default_factory=set)  # (type, id) of everything it names
    mentioned: int = 0  # claims naming a lab or model (in focus)
    signalled: int = 0  # of those, claims carrying an openness signal

    @property
    def tier(self) -> int:
        """2: openness evidence, 1: discusses labs or models, 0: other topics."""
        return 2 if self.signalled else 1 if self.mentioned else 0

    def rank(self) -> tuple[int, int, int, int, str]:
        """Openness evidence first, then how much it says about labs and models, then how many."""
        return (-self.tier, -self.signalled, -self.mentioned, -len(self.labs), self.title.lower())


@dataclass(slots=True)
class Arrivals:
    notes: int
    episodes: list[Episode]  # in focus, most important first
    model_labs: dict[str, str]  # model id → lab id

    @property
    def channels(self) -> int:
        return len({e.channel for e in self.episodes})


def focus_entities(focus: Focus, model_labs: dict[str, str]) -> set[tuple[str, str]] | None:
    if not focus.labs:
        return None
    labs = set(focus.labs)
    return {("lab", lab) for lab in labs} | {("model", m) for m, lab in model_labs.items() if lab in labs}


def _in_channels(channel: str | None, focus: Focus) -> bool:
    wanted = {c.lower() for c in focus.channels}
    return not wanted or (channel or "").lower() in wanted


async def arrivals(store: Store, bounds: dict[str, Any], focus: Focus) -> Arrivals:
    """The notes and episodes of the period; only the episodes in `focus`, most important first."""
    owners = await model_labs(store)
    wanted = focus_entities(focus, owners)
    notes = await stored.period_notes(store, bounds)
    titles = await _index_titles(store, bounds)
    episodes: dict[str, Episode] = {}
    listed: dict[str, dict[str, int]] = {}  # video id → note slug → place on the index page
    placed: dict[str, list[tuple[int, int, str]]] = {}
    note_episode: dict[int, Episode] = {}
    for arrival, note in enumerate(notes):
        episode = episodes.get(note.video_id)
        if episode is None:
            title, slugs = _title_for(titles.get(note.video_id, []), note.channel)
            episode = episodes[note.video_id] = Episode(note.video_id, title or note.title, note.channel)
            listed[note.video_id] = {slug: i for i, slug in enumerate(slugs)}
        episode.note_ids.append(note.id)
        place = listed[note.video_id].get(note.slug, len(listed[note.video_id]))
        placed.setdefault(note.video_id, []).append((place, arrival, note.title))
        note_episode[note.id] = episode
    for video, topics in placed.items():  # in the order the index lists them, else as they arrived
        episodes[video].topics = [title for *_, title in sorted(topics)]
    # A note that arrived between these reads and the first (a preview reads outside a transaction) has
    # no episode here and is left out.
    for named in await stored.period_mentions(store, bounds):
        episode = note_episode.get(named.note_id)
        if episode is None:
            continue
        entity = (named.entity_type, named.entity_id)
        episode.entities.add(entity)
        if wanted is None or entity in wanted:
            episode.mentioned += named.claims
            episode.signalled += named.signalled
    # A claim naming a lab and its model, or two of its models, counts for the lab once.
    for counted in await stored.period_lab_claims(store, bounds):
        episode = note_episode.get(counted.note_id)
        if episode is not None and (not focus.labs or counted.lab_id in focus.labs):
            episode.labs[counted.lab_id] += counted.claims
    chosen = [
        e
        for e in episodes.values()
        if _in_channels(e.channel, focus) and (wanted is None or e.entities & wanted)
    ]
    chosen.sort(key=Episode.rank)
    return Arrivals(len(notes), chosen, owners)


def informativeness(text: str, seconds: int | None, kinds: set[str], subject: bool, entities: int) -> float:
    """How much a claim tells a reader about labs and openness: an openness signal above all, then the
    lab or model as its subject, a time to cite, several names; fragments and walls of text lose."""
    score = 4.0 if kinds & {"open", "closed"} else 3.0 if kinds else 0.0
    score += (1.0 if subject else 0.0) + (1.0 if seconds is not None else 0.0) + 0.5 * min(entities, 3)
    if len(text) < SHORT_CLAIM:
        score -= 2.0
    elif len(text) > LONG_CLAIM:
        score -= 1.0
    if (
        _ANAPHOR.match(text) or text[:1].islower()
    ):  # "This approach…", "and the logo…": needs what came before
        score -= 1.0
    return score


async def best_claims(
    store: Store,
    episode: Episode,
    wanted: set[tuple[str, str]] | None,
    limit: int,
    cited: Collection[int] = (),
) -> list[ClaimRow]:
    """The episode's `limit` most informative claims about labs and models (in focus) that the digest
    has not `cited` already, each statement once, the second about something else than the first when
    the episode has such a claim."""
    scored = []
    # Equal scores and times fall back to the note's path and position (the order they are read in),
    # never to claim ids, which depend on the order notes were ingested.
    for position, candidate in enumerate(await stored.candidate_claims(store, episode.note_ids)):
        claim, named = candidate.claim, set(candidate.named)
        if (wanted is not None and not named & wanted) or claim.id in cited:
            continue
        score = informativeness(
            claim.text, claim.seconds, set(candidate.kinds), candidate.subject, candidate.entities
        )
        seconds = claim.seconds if claim.seconds is not None else 1 << 30
        scored.append((-score, seconds, position, claim, named))
    scored.sort(key=lambda item: item[:3])
    folded = fold([item[3] for item in scored])
    names = {item[3].id: item[4] for item in scored}
    if len(folded) <= 1:
        return folded[:limit]
    # The second claim should tell something else: about other labs or models, at another moment.
    first, rest = folded[0], folded[1:]
    other = next(
        (c for c in rest[:5] if not same_moment(c, first) and not names[c.id] & names[first.id]),
        next((c for c in rest[:5] if not same_moment(c, first)), rest[0]),
    )
    return [first, other, *(c for c in rest if c is not other)][:limit]


async def signals(store: Store, bounds: dict[str, Any]) -> list[Signal]:
    """Every openness signal carried by a claim of the period's notes."""
    return await stored.period_signals(store, bounds)


async def _index_titles(store: Store, bounds: dict[str, Any]) -> dict[str, list[IndexTitle]]:
    """video id → every index page naming it, by the page's path."""
    out: dict[str, list[IndexTitle]] = {}
    for page in await stored.index_titles(store, bounds):
        out.setdefault(page.video_id, []).append(page)
    return out


def _title_for(pages: list[IndexTitle], channel: str | None) -> tuple[str | None, list[str]]:
    """The index title (its own channel's page first) and the note slugs that page lists."""
    if not pages:
        return None, []
    page = min(pages, key=lambda p: p.channel.lower() != (channel or "").lower())
    listed = json.loads(page.note_slugs)
    return page.title, [str(s) for s in listed] if isinstance(listed, list) else []
