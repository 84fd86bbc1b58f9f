"""Every read query the commands run, in one place: plain SQL over the schema and its aggregates.

Functions take the Store and return small typed rows; the commands never write SQL themselves. Each one
reads precomputed aggregates or walks an index, so answers stay fast on a large vault.

Where rows can tie, the order ends on stable keys (note path, then position in the note), never on row
ids: ids depend on the order notes were ingested, and two stores of the same notes must answer alike.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.contracts import EntityType
from bot.reply import STRONG_CLOSE, STRONG_OPEN
from bot.store.db import Store


@dataclass(frozen=True, slots=True)
class EntityName:
    type: EntityType
    id: str
    name: str
    lab_id: str | None = None  # for a model, its lab
    aliases: tuple[str, ...] = ()


async def entity_names(store: Store) -> list[EntityName]:
    """Every lab and model of the catalog the store was built with."""
    labs = await store.fetchall("SELECT id, name, aliases FROM labs ORDER BY name, id")
    models = await store.fetchall("SELECT id, name, lab_id, aliases FROM models ORDER BY name, id")
    out = [EntityName("lab", r["id"], r["name"], None, tuple(json.loads(r["aliases"]))) for r in labs]
    out += [
        EntityName("model", r["id"], r["name"], r["lab_id"], tuple(json.loads(r["aliases"]))) for r in models
    ]
    return out


async def note_paths(store: Store, prefix: str, limit: int = 25) -> list[str]:
    """Stored note paths starting with `prefix` (for /notes remove autocomplete)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = await store.fetchall(
        "SELECT path FROM sources WHERE kind = 'note' AND path LIKE ? ESCAPE '\\' ORDER BY path LIMIT ?",
        (escaped + "%", limit),
    )
    return [r["path"] for r in rows]


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim with what a citation needs."""

    id: int
    text: str
    seconds: int | None
    note_id: int
    note_title: str
    channel: str | None
    video_id: str
    snippet: str | None = None  # /search: the text with the match marked


@dataclass(frozen=True, slots=True)
class StatsRow:
    entity_type: EntityType
    entity_id: str
    claims: int
    notes: int
    episodes: int
    channels: int
    open: int
    closed: int
    partial: int
    planned: int
    score: float
    label: str
    # Episodes and channels carrying any openness evidence: what backs the verdict. open/closed/partial/
    # planned count episodes too (one episode saying it nine times is one piece of evidence).
    evidence_episodes: int = 0
    evidence_channels: int = 0

    @property
    def signals(self) -> int:
        return self.open + self.closed + self.partial + self.planned

    @property
    def thin(self) -> bool:
        """Evidence from a single episode: a verdict, but not one to lean on."""
        return 0 < self.evidence_episodes < THIN_EPISODES


THIN_EPISODES = 2


_STATS_COLUMNS = (
    "entity_type, entity_id, claims, notes, episodes, channels, open, closed, partial, planned, score, label,"
    " evidence_episodes, evidence_channels"
)
_CLAIM_COLUMNS = "c.id, c.text, c.seconds, c.note_id, n.title, n.channel, n.video_id"


def _stats(row: Any) -> StatsRow:
    return StatsRow(*tuple(row))


def _claim(row: Any, snippet: str | None = None) -> ClaimRow:
    return ClaimRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6], snippet)


async def entity_stats(store: Store, type_: EntityType, id_: str) -> StatsRow | None:
    row = await store.fetchone(
        f"SELECT {_STATS_COLUMNS} FROM entity_stats WHERE entity_type = ? AND entity_id = ?", (type_, id_)
    )
    return _stats(row) if row else None


async def discussed_models(store: Store, lab_id: str) -> list[StatsRow]:
    """The lab's models the notes mention, most discussed first."""
    rows = await store.fetchall(
        f"SELECT {_STATS_COLUMNS} FROM entity_stats WHERE entity_type = 'model' AND claims > 0"
        " AND entity_id IN (SELECT id FROM models WHERE lab_id = ?) ORDER BY claims DESC, entity_id",
        (lab_id,),
    )
    return [_stats(r) for r in rows]


async def all_stats(store: Store, type_: EntityType) -> list[StatsRow]:
    """Every lab (or model) the notes mention or judge, most open first (weighted by how much evidence
    backs the score), thin evidence (one episode) after the rest, and unknown last."""
    rows = await store.fetchall(
        f"SELECT {_STATS_COLUMNS} FROM entity_stats WHERE entity_type = ?"
        " AND (claims > 0 OR open + closed + partial + planned > 0)"
        # One episode's "open source" must not outrank sixty episodes': rank by the score shrunk towards 0
        # by how little evidence there is (n episode-signals / (n + 2)), then by the evidence itself.
        f" ORDER BY label = 'unknown', evidence_episodes < {THIN_EPISODES},"
        " score * (open + closed + partial + planned) / (open + closed + partial + planned + 2.0) DESC,"
        " open + closed + partial + planned DESC, claims DESC,"
        " entity_id",
        (type_,),
    )
    return [_stats(r) for r in rows]


async def picks(store: Store, type_: EntityType, id_: str) -> dict[str, list[ClaimRow]]:
    """The claims chosen at ingest for this entity, by role ('open', 'closed', 'partial', 'claim'), best first."""
    rows = await store.fetchall(
        f"SELECT p.role, {_CLAIM_COLUMNS} FROM entity_picks p"
        " JOIN claims c ON c.id = p.claim_id JOIN notes n ON n.id = c.note_id"
        " WHERE p.entity_type = ? AND p.entity_id = ? ORDER BY p.role, p.rank",
        (type_, id_),
    )
    out: dict[str, list[ClaimRow]] = {"open": [], "closed": [], "partial": [], "claim": []}
    for row in rows:
        out[row[0]].append(_claim(tuple(row)[1:]))
    return out


async def co_mentions(store: Store, lab_id: str) -> list[tuple[str, int]]:
    """(lab id, shared notes) for the labs most often discussed alongside this one."""
    rows = await store.fetchall(
        "SELECT other_id, notes FROM co_mentions WHERE lab_id = ? ORDER BY rank", (lab_id,)
    )
    return [(r[0], r[1]) for r in rows]


RANK_WINDOW = 5000
_MAX_ROWID = 2**63 - 1


@dataclass(frozen=True, slots=True)
class SearchResult:
    rows: list[ClaimRow]
    capped: bool  # more than RANK_WINDOW claims matched; only the most recent were ranked


async def search_claims(
    store: Store,
    match: str,
    *,
    channel: str | None = None,
    entities: Sequence[tuple[str, str]] = (),
    limit: int = 10,
    window: int = RANK_WINDOW,
) -> SearchResult:
    """Claims matching an FTS5 expression, best bm25 first, with a snippet marking the match as bold.

    `channel` keeps claims from that channel (any case); `entities` keeps claims that mention one of
    these (type, id) pairs. bm25 must score every match before it can sort, which on a large vault
    makes a common word cost 100+ ms; so when more than `window` claims match, only the `window` most
    recently ingested are ranked (the cut is found in rowid order, which costs almost nothing per
    match) and the result says it was capped. Filters apply within the window; when they leave fewer
    than `limit` claims, the window grows until they don't or it holds every match.
    """
    where = ["claims_fts MATCH ?"]
    params: list[Any] = [match]
    top = None  # highest claim id worth looking at
    if channel is not None:
        # A channel's notes are usually ingested together, so its claims sit in one id range: search
        # there, or the most recent window may hold none of them.
        bounds = await store.fetchone(
            "SELECT MIN(c.id), MAX(c.id) FROM notes n JOIN claims c ON c.note_id = n.id"
            " WHERE n.channel = ? COLLATE NOCASE",
            (channel,),
        )
        if bounds is None or bounds[0] is None:
            return SearchResult([], capped=False)
        where.append("claims_fts.rowid BETWEEN ? AND ?")
        params += [bounds[0], bounds[1]]
        top = bounds[1]
        where.append("n.channel = ? COLLATE NOCASE")
        params.append(channel)
    if entities:
        pairs = " OR ".join("(m.entity_type = ? AND m.entity_id = ?)" for _ in entities)
        where.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.claim_id = c.id AND ({pairs}))")
        params += [v for pair in entities for v in pair]
    sql = (
        # The hit is marked with the bot's own highlight marks, which no note text can hold (bot.reply).
        f"SELECT {_CLAIM_COLUMNS}, snippet(claims_fts, 0, '{STRONG_OPEN}', '{STRONG_CLOSE}', '…', 24)"
        " FROM claims_fts"
        " JOIN claims c ON c.id = claims_fts.rowid JOIN notes n ON n.id = c.note_id"
        " JOIN sources s ON s.id = c.note_id"
        f" WHERE {' AND '.join(where)} AND claims_fts.rowid >= ?"
        " ORDER BY claims_fts.rank, s.path, s.root, c.ordinal LIMIT ?"
    )
    while True:
        cut = await store.fetchone(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? AND rowid <= ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, top if top is not None else _MAX_ROWID, window - 1),
        )
        rows = await store.fetchall(sql, [*params, cut[0] if cut else 0, limit])
        if cut is None or len(rows) >= limit:
            return SearchResult([_claim(tuple(r), r[7]) for r in rows], capped=cut is not None)
        window *= 8


async def channel_exists(store: Store, channel: str) -> bool:
    row = await store.fetchone("SELECT 1 FROM notes WHERE channel = ? COLLATE NOCASE LIMIT 1", (channel,))
    return row is not None


async def channels(store: Store) -> list[str]:
    rows = await store.fetchall("SELECT DISTINCT channel FROM notes WHERE channel IS NOT NULL ORDER BY 1")
    return [r[0] for r in rows]


@dataclass(frozen=True, slots=True)
class EpisodeMatch:
    video_id: str
    title: str | None  # from a channel index page, when one names it
    channel: str | None


@dataclass(frozen=True, slots=True)
class EpisodeNote:
    id: int
    title: str
    path: str
    channel: str | None
    sections: tuple[str, ...]
    claims: int


async def episode_by_video(store: Store, video_id: str) -> EpisodeMatch | None:
    # An episode may have several notes and several index pages naming it: the first of each by path.
    row = await store.fetchone(
        "SELECT n.video_id, e.title, COALESCE(n.channel, e.channel) FROM notes n"
        " JOIN sources sn ON sn.id = n.id"
        " LEFT JOIN (episodes e JOIN sources se ON se.id = e.source_id) ON e.video_id = n.video_id"
        " WHERE n.video_id = ? ORDER BY sn.path, sn.root, se.path, se.root LIMIT 1",
        (video_id,),
    )
    if row is None:  # an episode named by an index page but with no notes of its own
        row = await store.fetchone(
            "SELECT e.video_id, e.title, e.channel FROM episodes e JOIN sources s ON s.id = e.source_id"
            " WHERE e.video_id = ? ORDER BY s.path, s.root LIMIT 1",
            (video_id,),
        )
    return EpisodeMatch(row[0], row[1], row[2]) if row else None


async def episodes_by_title(store: Store, words: Sequence[str], limit: int = 5) -> list[EpisodeMatch]:
    """Episodes whose index title or note titles contain every word (any case), index titles first."""
    if not words:
        return []
    likes = [f"%{_like_escape(w)}%" for w in words]
    cond_e = " AND ".join("e.title LIKE ? ESCAPE '\\'" for _ in likes)
    cond_n = " AND ".join("n.title LIKE ? ESCAPE '\\'" for _ in likes)
    # One row per episode: the first index page naming it (by path), else its first note.
    rows = await store.fetchall(
        "SELECT video_id, title, channel FROM ("
        " SELECT *, ROW_NUMBER() OVER (PARTITION BY video_id ORDER BY pref, path, root) AS nth FROM ("
        "  SELECT e.video_id, e.title, e.channel, 0 AS pref, s.path, s.root FROM episodes e"
        f"  JOIN sources s ON s.id = e.source_id WHERE {cond_e}"
        "  UNION ALL"
        "  SELECT n.video_id, (SELECT e2.title FROM episodes e2 JOIN sources s2 ON s2.id = e2.source_id"
        "   WHERE e2.video_id = n.video_id ORDER BY s2.path, s2.root LIMIT 1),"
        f"  n.channel, 1, s.path, s.root FROM notes n JOIN sources s ON s.id = n.id WHERE {cond_n}"
        " )"
        ") WHERE nth = 1 ORDER BY pref, video_id LIMIT ?",
        [*likes, *likes, limit],
    )
    return [EpisodeMatch(r[0], r[1], r[2]) for r in rows]


async def episode_notes(store: Store, video_id: str) -> list[EpisodeNote]:
    notes = await store.fetchall(
        "SELECT n.id, n.title, s.path, n.channel, n.claim_count FROM notes n JOIN sources s ON s.id = n.id"
        " WHERE n.video_id = ? ORDER BY n.title, s.path, s.root",
        (video_id,),
    )
    headings: dict[int, list[str]] = {n[0]: [] for n in notes}
    rows = await store.fetchall(
        "SELECT s.note_id, s.heading FROM notes n JOIN sections s ON s.note_id = n.id"
        " WHERE n.video_id = ? ORDER BY s.note_id, s.ordinal",
        (video_id,),
    )
    for note_id, heading in rows:
        headings[note_id].append(heading)
    return [EpisodeNote(n[0], n[1], n[2], n[3], tuple(headings[n[0]]), n[4]) for n in notes]


async def episode_mentions(store: Store, video_id: str) -> list[tuple[str, str, int, ClaimRow]]:
    """(entity type, entity id, is_subject, claim) for every mention in the episode's notes."""
    rows = await store.fetchall(
        f"SELECT m.entity_type, m.entity_id, m.is_subject, {_CLAIM_COLUMNS} FROM notes n"
        " JOIN sources s ON s.id = n.id JOIN claims c ON c.note_id = n.id JOIN mentions m ON m.claim_id = c.id"
        " WHERE n.video_id = ? ORDER BY s.path, s.root, c.ordinal, m.entity_type, m.entity_id",
        (video_id,),
    )
    return [(r[0], r[1], r[2], _claim(tuple(r)[3:])) for r in rows]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
