"""Stored notes as /notes add, remove and list see them: which paths and titles exist, what a note was
stored as, and the most recently added (bot.moderation.notes)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.db import Store


@dataclass(frozen=True, slots=True)
class ListedNote:
    rel_path: str
    title: str
    channel: str | None
    ingested_at: str
    added_by: str | None


@dataclass(frozen=True, slots=True)
class TitledNote:
    rel_path: str
    title: str


@dataclass(frozen=True, slots=True)
class NamedEntity:
    type: str  # lab or model
    name: str  # its catalog name (its id when the catalog lacks it)


@dataclass(frozen=True, slots=True)
class NoteSignal:
    kind: str
    cue: str
    name: str  # the lab or model it is about


@dataclass(frozen=True, slots=True)
class SignalClaim:
    """A claim of the note that carries openness signals: what a reply cites."""

    text: str
    seconds: int | None


@dataclass(frozen=True, slots=True)
class StoredNote:
    """What the store holds for one note: what answers will use. Of its signals, only the counts and the
    first few (a big note has thousands, each with a 1 KB claim: reading them all held the event loop)."""

    title: str
    video_id: str
    channel: str | None
    claims: int
    timestamps: int
    timestamped_claims: int
    entities: tuple[NamedEntity, ...]  # each once, by name
    signal_count: int
    signals: tuple[NoteSignal, ...]  # the first `shown` in the note's order
    signal_claims: tuple[SignalClaim, ...]  # the first `shown` claims carrying a signal, in order


async def path_exists(store: Store, root: str, rel: str) -> bool:
    row = await store.fetchone("SELECT 1 FROM sources WHERE root = ? AND path = ?", (root, rel))
    return row is not None


async def same_topic_path(store: Store, root: str, video_id: str, title: str) -> str | None:
    """The path of a stored note with this videoId and title (any case, outer spaces aside)."""
    value = await store.scalar(
        "SELECT s.path FROM sources s JOIN notes n ON n.id = s.id"
        " WHERE s.root = ? AND n.video_id = ? AND lower(trim(n.title)) = lower(trim(?)) ORDER BY s.path LIMIT 1",
        (root, video_id, title),
    )
    return None if value is None else str(value)


async def channel_known(store: Store, channel: str) -> bool:
    """A note or an index page comes from this channel."""
    row = await store.fetchone(
        "SELECT 1 FROM notes WHERE channel = ? UNION ALL SELECT 1 FROM episodes WHERE channel = ? LIMIT 1",
        (channel, channel),
    )
    return row is not None


async def stored_note(store: Store, source_id: int, shown: int) -> StoredNote | None:
    """The note as stored, with the first `shown` of its signals and of the claims carrying them."""
    note = await store.fetchone(
        "SELECT title, video_id, channel, claim_count, timestamp_count FROM notes WHERE id = ?", (source_id,)
    )
    if note is None:
        return None
    timestamped = await store.scalar(
        "SELECT count(*) FROM claims WHERE note_id = ? AND seconds IS NOT NULL", (source_id,)
    )
    entities = await store.fetchall(
        "SELECT DISTINCT m.entity_type, coalesce(l.name, md.name, m.entity_id) AS name"
        " FROM mentions m JOIN claims c ON c.id = m.claim_id"
        " LEFT JOIN labs l ON m.entity_type = 'lab' AND l.id = m.entity_id"
        " LEFT JOIN models md ON m.entity_type = 'model' AND md.id = m.entity_id"
        " WHERE c.note_id = ? ORDER BY name",
        (source_id,),
    )
    signal_count = await store.scalar(
        "SELECT count(*) FROM signals g JOIN claims c ON c.id = g.claim_id WHERE c.note_id = ?", (source_id,)
    )
    signals = await store.fetchall(
        "SELECT g.kind, g.cue, coalesce(l.name, md.name, g.entity_id) AS name"
        " FROM signals g JOIN claims c ON c.id = g.claim_id"
        " LEFT JOIN labs l ON g.entity_type = 'lab' AND l.id = g.entity_id"
        " LEFT JOIN models md ON g.entity_type = 'model' AND md.id = g.entity_id"
        " WHERE c.note_id = ? ORDER BY c.ordinal, g.entity_type, g.entity_id, g.kind LIMIT ?",
        (source_id, shown),
    )
    cited = await store.fetchall(
        "SELECT c.text, c.seconds FROM claims c WHERE c.note_id = ?"
        " AND EXISTS (SELECT 1 FROM signals g WHERE g.claim_id = c.id) ORDER BY c.ordinal LIMIT ?",
        (source_id, shown),
    )
    return StoredNote(
        title=note["title"],
        video_id=note["video_id"],
        channel=note["channel"],
        claims=int(note["claim_count"]),
        timestamps=int(note["timestamp_count"]),
        timestamped_claims=int(timestamped),
        entities=tuple(NamedEntity(r["entity_type"], r["name"]) for r in entities),
        signal_count=int(signal_count),
        signals=tuple(NoteSignal(r["kind"], r["cue"], r["name"]) for r in signals),
        signal_claims=tuple(SignalClaim(r["text"], r["seconds"]) for r in cited),
    )


async def title_at(store: Store, root: str, rel: str) -> str | None:
    """The title of the note stored at this path, if one is."""
    value = await store.scalar(
        "SELECT n.title FROM sources s JOIN notes n ON n.id = s.id WHERE s.root = ? AND s.path = ?",
        (root, rel),
    )
    return None if value is None else str(value)


async def notes_titled(store: Store, root: str, title: str) -> list[TitledNote]:
    """The notes with exactly this title (any case), by path."""
    rows = await store.fetchall(
        "SELECT s.path, n.title FROM sources s JOIN notes n ON n.id = s.id"
        " WHERE s.root = ? AND lower(n.title) = lower(?) ORDER BY s.path",
        (root, title),
    )
    return [TitledNote(str(r["path"]), str(r["title"])) for r in rows]


async def paths_containing(store: Store, root: str, text: str, limit: int = 5) -> list[str]:
    """Note paths like `%text%` (suggestions for a path that names no note), by path."""
    rows = await store.fetchall(
        "SELECT path FROM sources WHERE root = ? AND kind = 'note' AND path LIKE ? ORDER BY path LIMIT ?",
        (root, f"%{text}%", limit),
    )
    return [str(r["path"]) for r in rows]


async def recent_notes(store: Store, limit: int) -> list[ListedNote]:
    """The most recently added notes first."""
    rows = await store.fetchall(
        "SELECT s.path, n.title, n.channel, s.ingested_at, s.added_by FROM sources s JOIN notes n ON n.id = s.id"
        " ORDER BY julianday(s.ingested_at) DESC, s.id DESC LIMIT ?",
        (limit,),
    )
    return [ListedNote(r["path"], r["title"], r["channel"], r["ingested_at"], r["added_by"]) for r in rows]
