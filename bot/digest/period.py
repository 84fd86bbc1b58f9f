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
from bot.store.db import Store
from bot.store.fold import fold, same_moment
from bot.store.queries import ClaimRow

# Notes that arrived in [start, end) (with a source id above :after, see Subscription.not_news_up_to).
IN_PERIOD = (
    "SELECT s.id FROM sources s"
    " WHERE s.kind = 'note' AND julianday(s.ingested_at) >= julianday(:start)"
    " AND julianday(s.ingested_at) < julianday(:end) AND s.id > :after"
)
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
    labs: Counter[str] = field(default_factory=Counter)  # lab id → claims naming it or its models
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


@dataclass(frozen=True, slots=True)
class Signal:
    kind: str  # open, closed, partial, planned
    entity_type: str
    entity_id: str
    claim: ClaimRow


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
    model_labs = {str(r[0]): str(r[1]) for r in await store.fetchall("SELECT id, lab_id FROM models")}
    wanted = focus_entities(focus, model_labs)
    notes = await store.fetchall(
        "SELECT n.id, n.title, n.video_id, n.channel, n.slug FROM sources s JOIN notes n ON n.id = s.id"
        f" WHERE s.id IN ({IN_PERIOD}) ORDER BY s.ingested_at, s.path",
        bounds,
    )
    titles = await _index_titles(store, bounds)
    episodes: dict[str, Episode] = {}
    listed: dict[str, dict[str, int]] = {}  # video id → note slug → place on the index page
    placed: dict[str, list[tuple[int, int, str]]] = {}
    note_episode: dict[int, Episode] = {}
    for arrival, note in enumerate(notes):
        video = str(note["video_id"])
        episode = episodes.get(video)
        if episode is None:
            title, slugs = _title_for(titles.get(video, []), note["channel"])
            episode = episodes[video] = Episode(video, title or str(note["title"]), note["channel"])
            listed[video] = {slug: i for i, slug in enumerate(slugs)}
        episode.note_ids.append(int(note["id"]))
        place = listed[video].get(str(note["slug"]), len(listed[video]))
        placed.setdefault(video, []).append((place, arrival, str(note["title"])))
        note_episode[int(note["id"])] = episode
    for video, topics in placed.items():  # in the order the index lists them, else as they arrived
        episodes[video].topics = [title for *_, title in sorted(topics)]
    rows = await store.fetchall(
        "SELECT c.note_id, m.entity_type, m.entity_id, count(*) AS claims,"
        " sum(EXISTS (SELECT 1 FROM signals g WHERE g.claim_id = c.id)) AS signalled"
        " FROM claims c JOIN mentions m ON m.claim_id = c.id"
        f" WHERE c.note_id IN ({IN_PERIOD}) GROUP BY c.note_id, m.entity_type, m.entity_id",
        bounds,
    )
    for row in rows:
        episode = note_episode.get(int(row["note_id"]))
        if (
            episode is None
        ):  # a note that arrived between the two reads (a preview reads outside a transaction)
            continue
        entity = (str(row["entity_type"]), str(row["entity_id"]))
        episode.entities.add(entity)
        if wanted is not None and entity not in wanted:
            continue
        episode.mentioned += int(row["claims"])
        episode.signalled += int(row["signalled"])
        lab = entity[1] if entity[0] == "lab" else model_labs.get(entity[1])
        if lab is not None:
            episode.labs[lab] += int(row["claims"])
    chosen = [
        e
        for e in episodes.values()
        if _in_channels(e.channel, focus) and (wanted is None or e.entities & wanted)
    ]
    chosen.sort(key=Episode.rank)
    return Arrivals(len(notes), chosen, model_labs)


_CLAIM = "c.id, c.text, c.seconds, c.note_id, n.title, n.channel, n.video_id"


def _row(r: Any) -> ClaimRow:
    return ClaimRow(int(r[0]), str(r[1]), r[2], int(r[3]), str(r[4]), r[5], str(r[6]))


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
    rows = await store.fetchall(
        f"SELECT {_CLAIM}, max(m.is_subject) AS subject, count(*) AS entities,"
        " group_concat(m.entity_type || ':' || m.entity_id, ' ') AS named,"
        " (SELECT group_concat(g.kind, ' ') FROM signals g WHERE g.claim_id = c.id) AS kinds"
        " FROM claims c JOIN notes n ON n.id = c.note_id JOIN mentions m ON m.claim_id = c.id"
        " JOIN sources s ON s.id = c.note_id"
        f" WHERE c.note_id IN ({','.join('?' * len(episode.note_ids))})"
        " GROUP BY c.id ORDER BY s.path, s.root, c.ordinal",
        episode.note_ids,
    )
    scored = []
    # Equal scores and times fall back to the note's path and position (the query's order), never to
    # claim ids, which depend on the order notes were ingested.
    for position, r in enumerate(rows):
        named = {_entity(x) for x in str(r["named"]).split()}
        if (wanted is not None and not named & wanted) or int(r[0]) in cited:
            continue
        kinds = set(str(r["kinds"] or "").split())
        score = informativeness(str(r[1]), r[2], kinds, bool(r["subject"]), int(r["entities"]))
        scored.append((-score, r[2] if r[2] is not None else 1 << 30, position, _row(r), named))
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


def _entity(named: str) -> tuple[str, str]:
    type_, _, id_ = named.partition(":")
    return type_, id_


async def signals(store: Store, bounds: dict[str, Any]) -> list[Signal]:
    """Every openness signal carried by a claim of the period's notes."""
    rows = await store.fetchall(
        f"SELECT g.kind, g.entity_type, g.entity_id, {_CLAIM}"
        " FROM signals g JOIN claims c ON c.id = g.claim_id JOIN notes n ON n.id = c.note_id"
        " JOIN sources s ON s.id = c.note_id"
        f" WHERE c.note_id IN ({IN_PERIOD}) ORDER BY c.seconds IS NULL, s.path, s.root, c.ordinal, g.entity_id",
        bounds,
    )
    return [Signal(str(r[0]), str(r[1]), str(r[2]), _row(tuple(r)[3:])) for r in rows]


async def _index_titles(store: Store, bounds: dict[str, Any]) -> dict[str, list[tuple[str, str, str]]]:
    """video id → (title, channel, note slugs JSON) from every index page naming it, by the page's path."""
    rows = await store.fetchall(
        "SELECT e.video_id, e.title, e.channel, e.note_slugs FROM episodes e JOIN sources s ON s.id = e.source_id"
        f" WHERE e.video_id IN (SELECT video_id FROM notes WHERE id IN ({IN_PERIOD}))"
        " ORDER BY s.path, s.root",
        bounds,
    )
    out: dict[str, list[tuple[str, str, str]]] = {}
    for r in rows:
        out.setdefault(str(r[0]), []).append((str(r[1]), str(r[2]), str(r[3])))
    return out


def _title_for(pages: list[tuple[str, str, str]], channel: str | None) -> tuple[str | None, list[str]]:
    """The index title (its own channel's page first) and the note slugs that page lists."""
    if not pages:
        return None, []
    pages = sorted(pages, key=lambda p: p[1].lower() != (channel or "").lower())
    title, _, slugs = pages[0]
    listed = json.loads(slugs)
    return title, [str(s) for s in listed] if isinstance(listed, list) else []
