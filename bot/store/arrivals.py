"""What arrived in a digest period, as the store holds it: the new notes, what their claims name, the
index pages naming their episodes, and the openness signals among them (bot.digest.period reads these).

A period is given as `bounds`: {"start": ISO, "end": ISO, "after": source id}; a note is new when it was
first ingested in [start, end) with a source id above `after` (see Subscription.not_news_up_to).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.store.db import Store
from bot.store.queries import CLAIM_COLUMNS, ClaimRow, claim_row

IN_PERIOD = (
    "SELECT s.id FROM sources s"
    " WHERE s.kind = 'note' AND julianday(s.ingested_at) >= julianday(:start)"
    " AND julianday(s.ingested_at) < julianday(:end) AND s.id > :after"
)


@dataclass(frozen=True, slots=True)
class PeriodNote:
    id: int
    title: str
    video_id: str
    channel: str | None
    slug: str


@dataclass(frozen=True, slots=True)
class NoteMentions:
    """How many claims of a note name one entity, and how many of those carry an openness signal."""

    note_id: int
    entity_type: str
    entity_id: str
    claims: int
    signalled: int


@dataclass(frozen=True, slots=True)
class NoteLabClaims:
    """How many claims of a note count for a lab (view counts_for: naming it or its models), each once."""

    note_id: int
    lab_id: str
    claims: int


@dataclass(frozen=True, slots=True)
class IndexTitle:
    """An index page's line for an episode: its title, the page's channel and the note slugs (JSON)."""

    video_id: str
    title: str
    channel: str
    note_slugs: str


@dataclass(frozen=True, slots=True)
class CandidateClaim:
    """A claim of an episode naming labs or models, with what ranks it for the digest."""

    claim: ClaimRow
    subject: bool  # a lab or model it names is its subject
    entities: int  # how many it names
    named: frozenset[tuple[str, str]]  # (type, id) of each
    kinds: frozenset[str]  # openness signal kinds it carries


@dataclass(frozen=True, slots=True)
class Signal:
    kind: str  # open, closed, partial, planned
    entity_type: str
    entity_id: str
    claim: ClaimRow


async def period_notes(store: Store, bounds: dict[str, Any]) -> list[PeriodNote]:
    """The period's notes in the order they arrived."""
    rows = await store.fetchall(
        "SELECT n.id, n.title, n.video_id, n.channel, n.slug FROM sources s JOIN notes n ON n.id = s.id"
        f" WHERE s.id IN ({IN_PERIOD}) ORDER BY s.ingested_at, s.path",
        bounds,
    )
    return [PeriodNote(r["id"], r["title"], r["video_id"], r["channel"], r["slug"]) for r in rows]


async def period_mentions(store: Store, bounds: dict[str, Any]) -> list[NoteMentions]:
    rows = await store.fetchall(
        "SELECT c.note_id, m.entity_type, m.entity_id, count(*) AS claims,"
        " sum(EXISTS (SELECT 1 FROM signals g WHERE g.claim_id = c.id)) AS signalled"
        " FROM claims c JOIN mentions m ON m.claim_id = c.id"
        f" WHERE c.note_id IN ({IN_PERIOD}) GROUP BY c.note_id, m.entity_type, m.entity_id",
        bounds,
    )
    return [
        NoteMentions(r["note_id"], r["entity_type"], r["entity_id"], r["claims"], r["signalled"])
        for r in rows
    ]


async def period_lab_claims(store: Store, bounds: dict[str, Any]) -> list[NoteLabClaims]:
    rows = await store.fetchall(
        "SELECT c.note_id, f.for_id AS lab_id, count(DISTINCT c.id) AS claims"
        " FROM claims c JOIN mentions m ON m.claim_id = c.id"
        " JOIN counts_for f ON f.entity_type = m.entity_type AND f.entity_id = m.entity_id AND f.for_type = 'lab'"
        f" WHERE c.note_id IN ({IN_PERIOD}) GROUP BY c.note_id, f.for_id",
        bounds,
    )
    return [NoteLabClaims(r["note_id"], r["lab_id"], r["claims"]) for r in rows]


async def index_titles(store: Store, bounds: dict[str, Any]) -> list[IndexTitle]:
    """Every index page's line for an episode of the period's notes, by the page's path."""
    rows = await store.fetchall(
        "SELECT e.video_id, e.title, e.channel, e.note_slugs FROM episodes e JOIN sources s ON s.id = e.source_id"
        f" WHERE e.video_id IN (SELECT video_id FROM notes WHERE id IN ({IN_PERIOD}))"
        " ORDER BY s.path, s.root",
        bounds,
    )
    return [IndexTitle(r["video_id"], r["title"], r["channel"], r["note_slugs"]) for r in rows]


async def candidate_claims(store: Store, note_ids: Sequence[int]) -> list[CandidateClaim]:
    """The claims of these notes that name a lab or model, by note path and position in the note."""
    rows = await store.fetchall(
        f"SELECT {CLAIM_COLUMNS}, max(m.is_subject) AS subject, count(*) AS entities,"
        " group_concat(m.entity_type || ':' || m.entity_id, ' ') AS named,"
        " (SELECT group_concat(g.kind, ' ') FROM signals g WHERE g.claim_id = c.id) AS kinds"
        " FROM claims c JOIN notes n ON n.id = c.note_id JOIN mentions m ON m.claim_id = c.id"
        " JOIN sources s ON s.id = c.note_id"
        f" WHERE c.note_id IN ({','.join('?' * len(note_ids))})"
        " GROUP BY c.id ORDER BY s.path, s.root, c.ordinal",
        list(note_ids),
    )
    return [
        CandidateClaim(
            claim_row(r),
            bool(r["subject"]),
            int(r["entities"]),
            frozenset(_entity(x) for x in str(r["named"]).split()),
            frozenset(str(r["kinds"] or "").split()),
        )
        for r in rows
    ]


def _entity(named: str) -> tuple[str, str]:
    type_, _, id_ = named.partition(":")
    return type_, id_


async def period_signals(store: Store, bounds: dict[str, Any]) -> list[Signal]:
    """Every openness signal carried by a claim of the period's notes, timed claims first."""
    rows = await store.fetchall(
        f"SELECT g.kind, g.entity_type, g.entity_id, {CLAIM_COLUMNS}"
        " FROM signals g JOIN claims c ON c.id = g.claim_id JOIN notes n ON n.id = c.note_id"
        " JOIN sources s ON s.id = c.note_id"
        f" WHERE c.note_id IN ({IN_PERIOD}) ORDER BY c.seconds IS NULL, s.path, s.root, c.ordinal, g.entity_id",
        bounds,
    )
    return [Signal(r["kind"], r["entity_type"], r["entity_id"], claim_row(r)) for r in rows]
