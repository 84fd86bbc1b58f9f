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

from bot.contracts import EntityRef, EntityType
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
    def judged(self) -> bool:
        """Whether the notes say how open it is today: a plan alone does not (bot.extract.verdict)."""
        return self.open + self.closed + self.partial > 0

    @property
    def thin(self) -> bool:
        """Evidence from a single episode: a verdict, but not one to lean on."""
        return 0 < self.evidence_episodes < THIN_EPISODES


THIN_EPISODES = 2


_STATS_COLUMNS = (
    "entity_type, entity_id, claims, notes, episodes, channels, open, closed, partial, planned, score, label,"
    " evidence_episodes, evidence_channels"
)
# What a ClaimRow needs, from claims `c` joined to notes `n`; claim_row() maps it by these names.
CLAIM_COLUMNS = (
    "c.id AS claim_id, c.text AS claim_text, c.seconds, c.note_id, n.title AS note_title, n.channel,"
    " n.video_id"
)


_STATS_FIELDS = tuple(name.strip() for name in _STATS_COLUMNS.split(","))


def _stats(row: Any) -> StatsRow:
    return StatsRow(**{name: row[name] for name in _STATS_FIELDS})


def claim_row(row: Any, snippet: str | None = None) -> ClaimRow:
    """A ClaimRow from a row selecting CLAIM_COLUMNS (by their names)."""
    return ClaimRow(
        row["claim_id"],
        row["claim_text"],
        row["seconds"],
        row["note_id"],
        row["note_title"],
        row["channel"],
        row["video_id"],
        snippet,
    )


async def entity_stats(store: Store, type_: EntityType, id_: str) -> StatsRow | None:
    row = await store.fetchone(
        f"SELECT {_STATS_COLUMNS} FROM entity_stats WHERE entity_type = ? AND entity_id = ?", (type_, id_)
    )
    return _stats(row) if row else None


@dataclass(frozen=True, slots=True)
class VerdictRow:
    entity_type: EntityType
    entity_id: str
    label: str
    signals: int  # episode-signals behind the label


async def verdicts(store: Store) -> list[VerdictRow]:
    """Every lab's and model's openness label now, with the evidence behind it."""
    rows = await store.fetchall(
        "SELECT entity_type, entity_id, label, open + closed + partial + planned AS signals FROM entity_stats"
        " ORDER BY entity_type, entity_id"
    )
    return [VerdictRow(r["entity_type"], r["entity_id"], r["label"], r["signals"]) for r in rows]


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
        f"SELECT p.role, {CLAIM_COLUMNS} FROM entity_picks p"
        " JOIN claims c ON c.id = p.claim_id JOIN notes n ON n.id = c.note_id"
        " WHERE p.entity_type = ? AND p.entity_id = ? ORDER BY p.role, p.rank",
        (type_, id_),
    )
    out: dict[str, list[ClaimRow]] = {"open": [], "closed": [], "partial": [], "claim": []}
    for row in rows:
        out[row["role"]].append(claim_row(row))
    return out


async def co_mentions(store: Store, lab_id: str) -> list[tuple[str, int]]:
    """(lab id, shared notes) for the labs most often discussed alongside this one."""
    rows = await store.fetchall(
        "SELECT other_id, notes FROM co_mentions WHERE lab_id = ? ORDER BY rank", (lab_id,)
    )
    return [(r["other_id"], r["notes"]) for r in rows]


# A claim counts for an entity (type ?, id ?) when it mentions it, or, for a lab, one of its models:
# the rule lives in the view counts_for (schema migration 8). Correlated on the outer query's `c`.
_COUNTS_FOR_CLAIM = (
    "SELECT 1 FROM mentions m JOIN counts_for f ON f.entity_type = m.entity_type AND f.entity_id = m.entity_id"
    " WHERE m.claim_id = c.id AND f.for_type = ? AND f.for_id = ?"
)

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
    about: EntityRef | None = None,
    limit: int = 10,
    window: int = RANK_WINDOW,
) -> SearchResult:
    """Claims matching an FTS5 expression, best bm25 first, with a snippet marking the match as bold.

    `channel` keeps claims from that channel (any case); `about` keeps claims that count for that lab or
    model (view counts_for: a lab's own and its models'). bm25 must score every match before it can
    sort, which on a large vault makes a common word cost 100+ ms; so when more than `window` claims
    match, only the `window` most recently ingested are ranked (the cut is found in rowid order, which
    costs almost nothing per match) and the result says it was capped. Filters apply within the window; when they leave fewer
    than `limit` claims, the window grows until they don't or it holds every match.
    """
    where = ["claims_fts MATCH ?"]
    params: list[Any] = [match]
    top = None  # highest claim id worth looking at
    if channel is not None:
        # A channel's notes are usually ingested together, so its claims sit in one id range: search
        # there, or the most recent window may hold none of them.
        bounds = await store.fetchone(
            "SELECT MIN(c.id) AS low, MAX(c.id) AS high FROM notes n JOIN claims c ON c.note_id = n.id"
            " WHERE n.channel = ? COLLATE NOCASE",
            (channel,),
        )
        if bounds is None or bounds["low"] is None:
            return SearchResult([], capped=False)
        where.append("claims_fts.rowid BETWEEN ? AND ?")
        params += [bounds["low"], bounds["high"]]
        top = bounds["high"]
        where.append("n.channel = ? COLLATE NOCASE")
        params.append(channel)
    if about is not None:
        where.append(f"EXISTS ({_COUNTS_FOR_CLAIM})")
        params += [about.type, about.id]
    sql = (
        # The hit is marked with the bot's own highlight marks, which no note text can hold (bot.reply).
        f"SELECT {CLAIM_COLUMNS}, snippet(claims_fts, 0, '{STRONG_OPEN}', '{STRONG_CLOSE}', '…', 24) AS snippet"
        " FROM claims_fts"
        " JOIN claims c ON c.id = claims_fts.rowid JOIN notes n ON n.id = c.note_id"
        " JOIN sources s ON s.id = c.note_id"
        f" WHERE {' AND '.join(where)} AND claims_fts.rowid >= ?"
        " ORDER BY claims_fts.rank, s.path, s.root, c.ordinal LIMIT ?"
    )
    while True:
        cut = await store.fetchone(
            "SELECT rowid AS id FROM claims_fts WHERE claims_fts MATCH ? AND rowid <= ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, top if top is not None else _MAX_ROWID, window - 1),
        )
        rows = await store.fetchall(sql, [*params, cut["id"] if cut else 0, limit])
        if cut is None or len(rows) >= limit:
            return SearchResult([claim_row(r, r["snippet"]) for r in rows], capped=cut is not None)
        window *= 8


async def channel_exists(store: Store, channel: str) -> bool:
    row = await store.fetchone("SELECT 1 FROM notes WHERE channel = ? COLLATE NOCASE LIMIT 1", (channel,))
    return row is not None


async def channels(store: Store) -> list[str]:
    rows = await store.fetchall(
        "SELECT DISTINCT channel FROM notes WHERE channel IS NOT NULL ORDER BY channel"
    )
    return [r["channel"] for r in rows]


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
        "SELECT n.video_id, e.title, COALESCE(n.channel, e.channel) AS channel FROM notes n"
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
    return _episode_match(row) if row else None


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
        "   WHERE e2.video_id = n.video_id ORDER BY s2.path, s2.root LIMIT 1) AS title,"
        f"  n.channel, 1, s.path, s.root FROM notes n JOIN sources s ON s.id = n.id WHERE {cond_n}"
        " )"
        ") WHERE nth = 1 ORDER BY pref, video_id LIMIT ?",
        [*likes, *likes, limit],
    )
    return [_episode_match(r) for r in rows]


def _episode_match(row: Any) -> EpisodeMatch:
    return EpisodeMatch(row["video_id"], row["title"], row["channel"])


async def episode_notes(store: Store, video_id: str) -> list[EpisodeNote]:
    notes = await store.fetchall(
        "SELECT n.id, n.title, s.path, n.channel, n.claim_count FROM notes n JOIN sources s ON s.id = n.id"
        " WHERE n.video_id = ? ORDER BY n.title, s.path, s.root",
        (video_id,),
    )
    headings: dict[int, list[str]] = {n["id"]: [] for n in notes}
    rows = await store.fetchall(
        "SELECT s.note_id, s.heading FROM notes n JOIN sections s ON s.note_id = n.id"
        " WHERE n.video_id = ? ORDER BY s.note_id, s.ordinal",
        (video_id,),
    )
    for row in rows:
        headings[row["note_id"]].append(row["heading"])
    return [
        EpisodeNote(n["id"], n["title"], n["path"], n["channel"], tuple(headings[n["id"]]), n["claim_count"])
        for n in notes
    ]


@dataclass(frozen=True, slots=True)
class LabMention:
    """A claim of an episode counting for a lab (view counts_for: it names the lab or one of its models)."""

    lab_id: str
    is_subject: bool
    claim: ClaimRow


async def episode_lab_mentions(store: Store, video_id: str) -> list[LabMention]:
    """Every (lab, claim) the episode's notes count for, in note order; a claim naming a lab and its model
    gives two rows for the lab (the subject flag may differ)."""
    rows = await store.fetchall(
        f"SELECT f.for_id AS lab_id, m.is_subject, {CLAIM_COLUMNS} FROM notes n"
        " JOIN sources s ON s.id = n.id JOIN claims c ON c.note_id = n.id JOIN mentions m ON m.claim_id = c.id"
        " JOIN counts_for f ON f.entity_type = m.entity_type AND f.entity_id = m.entity_id AND f.for_type = 'lab'"
        " WHERE n.video_id = ? ORDER BY s.path, s.root, c.ordinal, f.for_id, m.entity_type, m.entity_id",
        (video_id,),
    )
    return [LabMention(r["lab_id"], bool(r["is_subject"]), claim_row(r)) for r in rows]


async def model_labs(store: Store) -> dict[str, str]:
    """Model id → the id of the lab it counts for (view counts_for)."""
    rows = await store.fetchall(
        "SELECT entity_id AS model_id, for_id AS lab_id FROM counts_for"
        " WHERE entity_type = 'model' AND for_type = 'lab' ORDER BY entity_id"
    )
    return {r["model_id"]: r["lab_id"] for r in rows}


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
