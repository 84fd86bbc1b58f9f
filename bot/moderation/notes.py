"""Adding, removing and listing notes on a moderator's request.

Add: validate → stage the bytes → one transaction (store rows, aggregates, audit entry, journaled
move) → move into the notes folder. Remove: one transaction (drop rows, aggregates, audit, journaled
move to the trash) → move. Any failure before COMMIT leaves folder and store as they were; a crash
after it is finished by `files.recover()`, which every moderator action runs first.

Parsing and extracting a note (a second or more for a 1 MB one, see `worker`) and staging its bytes run
off the event loop: it keeps answering other commands and platform heartbeats meanwhile.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.contracts import Actor
from bot.extract.extractor import Extractor
from bot.instants import iso
from bot.moderation import audit, files
from bot.moderation.errors import NoteRejected
from bot.moderation.names import sanitise_channel, sanitise_file_name
from bot.moderation.paths import inside_notes, note_target
from bot.moderation.validate import check_size
from bot.moderation.worker import prepare_off_loop
from bot.reply import Citation
from bot.store.db import Store
from bot.store.ingest import (
    PreparedNote,
    channel_priors,
    finish,
    folder_of,
    prepare_document,
    remove_source,
    stored_readings,
    write_prepared,
)


class NoteNotFound(NoteRejected):
    def __init__(self, message: str, suggestions: list[str]) -> None:
        super().__init__(message)
        self.suggestions = suggestions


@dataclass(frozen=True, slots=True)
class NotesPlace:
    """Where notes live: the folder (its resolved path is the store's `root`) and the trash."""

    notes_dir: Path
    trash_dir: Path
    max_bytes: int

    @property
    def root(self) -> str:
        return str(self.notes_dir.resolve())


@dataclass(slots=True)
class AddedNote:
    rel_path: str
    replaced: bool
    title: str
    video_id: str
    channel: str | None
    claims: int
    timestamps: int
    timestamped_claims: int
    labs: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)  # "Meta: open (“open-sourced their weights”)"
    warnings: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RemovedNote:
    rel_path: str
    title: str
    trashed_to: Path | None  # None when the file was already gone from the folder


@dataclass(frozen=True, slots=True)
class ListedNote:
    rel_path: str
    title: str
    channel: str | None
    ingested_at: str
    added_by: str | None


async def _with_channel_prior(
    store: Store, root: str, rel: str, prepared: PreparedNote, data: bytes, extractor: Extractor, name: str
) -> PreparedNote:
    """The note parsed again with its channel's timestamp convention, when its own times settle nothing
    and the channel's stored notes agree (bot.notes.timestamps.channel_prior); else as it was."""
    readings = await stored_readings(store, root, folder_of(rel))
    readings.pop(rel, None)  # a note being replaced does not vote for its successor
    prior = channel_priors(readings).get(folder_of(rel))
    if prior is None:
        return prepared
    # Parsed under the upload's name, like the first time, so that nothing but the prior changes.
    again = await asyncio.to_thread(prepare_document, name, data, extractor, prepared.content_hash, prior)
    if not isinstance(again, PreparedNote):
        return prepared
    again.rel_path = rel
    return again


async def _existing_path(store: Store, root: str, rel: str) -> bool:
    row = await store.fetchone("SELECT 1 FROM sources WHERE root = ? AND path = ?", (root, rel))
    return row is not None


async def _same_episode_topic(store: Store, root: str, video_id: str, title: str) -> str | None:
    """The path of a stored note with the same videoId and title (one note per topic of an episode)."""
    value = await store.scalar(
        "SELECT s.path FROM sources s JOIN notes n ON n.id = s.id"
        " WHERE s.root = ? AND n.video_id = ? AND lower(trim(n.title)) = lower(trim(?)) ORDER BY s.path LIMIT 1",
        (root, video_id, title),
    )
    return None if value is None else str(value)


async def _known_channel(store: Store, channel: str) -> bool:
    row = await store.fetchone(
        "SELECT 1 FROM notes WHERE channel = ? UNION ALL SELECT 1 FROM episodes WHERE channel = ? LIMIT 1",
        (channel, channel),
    )
    return row is not None


async def add_note(
    store: Store,
    place: NotesPlace,
    extractor: Extractor,
    actor: Actor,
    *,
    file_name: str,
    data: bytes,
    replace: bool,
    now: datetime,
) -> AddedNote:
    """Validate, write and ingest one note; raises NoteRejected (nothing changed) with the reason."""
    await files.recover(store, place.notes_dir)
    name = sanitise_file_name(file_name)
    prepared = await prepare_off_loop(name, data, extractor, max_bytes=place.max_bytes)
    note = prepared.note
    folder = sanitise_channel(note.channel)
    rel = f"{folder}/{name}" if folder else name
    target = note_target(place.notes_dir, rel)
    exists = target.exists() or await _existing_path(store, place.root, rel)
    twin = await _same_episode_topic(store, place.root, note.video_id, note.title)
    if twin is not None and twin != rel:
        if not replace:
            raise NoteRejected(
                f"a note with videoId {note.video_id} and the title “{note.title}” already exists at {twin}; "
                "add replace:true to replace it"
            )
        rel, target = twin, note_target(place.notes_dir, twin)  # replace that note where it is
        exists = True
    elif exists and not replace:
        raise NoteRejected(f"a note already exists at {rel}; add replace:true to replace it")
    prepared.rel_path = rel
    if note.reading == "untrusted":
        prepared = await _with_channel_prior(store, place.root, rel, prepared, data, extractor, name)
        note = prepared.note

    warnings = list(note.warnings)
    if note.channel and not await _known_channel(store, note.channel):
        warnings.append(f"unknown channel “{note.channel}”: no other note or index page comes from it")
    if not any(c.timestamps for c in note.claims):
        warnings.append("no timestamps: answers from this note can't link to a moment in the video")

    staged = await asyncio.to_thread(files.stage, place.notes_dir, name, data)
    try:
        async with store.transaction() as conn:
            source_id = await write_prepared(
                conn, prepared, root=place.root, added_by=audit.who(actor), now=iso(now)
            )
            await finish(conn)
            action = "notes.replace" if exists else "notes.add"
            detail = f"“{note.title}” ({note.video_id}), {len(note.claims)} claims, {len(data):,} bytes"
            await audit.record(conn, actor, action, at=now, path=rel, detail=detail)
            backup = files.trash_path(place.trash_dir, rel, now) if exists else None
            await files.journal(conn, staged=staged.path, target=target, backup=backup, now=now)
    except BaseException:
        staged.release()
        files.discard(staged.path)
        raise
    try:
        await files.apply_journal(store)
    finally:
        staged.release()
    return await _describe(store, source_id, rel, exists, warnings)


async def _describe(store: Store, source_id: int, rel: str, replaced: bool, warnings: list[str]) -> AddedNote:
    """What ended up in the store for the note, read back (so the reply shows what answers will use)."""
    note = await store.fetchone("SELECT * FROM notes WHERE id = ?", (source_id,))
    if note is None:
        raise NoteRejected(f"{rel} was written but is not in the store")
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
    signal_rows = await store.fetchall(
        "SELECT g.kind, g.cue, c.text, c.seconds, coalesce(l.name, md.name, g.entity_id) AS name"
        " FROM signals g JOIN claims c ON c.id = g.claim_id"
        " LEFT JOIN labs l ON g.entity_type = 'lab' AND l.id = g.entity_id"
        " LEFT JOIN models md ON g.entity_type = 'model' AND md.id = g.entity_id"
        " WHERE c.note_id = ? ORDER BY c.ordinal",
        (source_id,),
    )
    citations: list[Citation] = []
    for row in signal_rows:
        if all(c.text != row["text"] for c in citations):
            citations.append(
                Citation(note["title"], note["channel"], note["video_id"], row["seconds"], row["text"])
            )
    return AddedNote(
        rel_path=rel,
        replaced=replaced,
        title=note["title"],
        video_id=note["video_id"],
        channel=note["channel"],
        claims=int(note["claim_count"]),
        timestamps=int(note["timestamp_count"]),
        timestamped_claims=int(timestamped),
        labs=[r["name"] for r in entities if r["entity_type"] == "lab"],
        models=[r["name"] for r in entities if r["entity_type"] == "model"],
        signals=[f"{r['name']}: {r['kind']} (“{r['cue']}”)" for r in signal_rows],
        warnings=warnings,
        citations=citations,
    )


async def _resolve(store: Store, place: NotesPlace, ref: str) -> tuple[str, str]:
    """(path, title) of the note `ref` names: its path (with or without .md) or its exact title."""
    text = ref.strip().removeprefix("./")
    candidates = [text] if text.lower().endswith(".md") else [text, f"{text}.md"]
    for rel in candidates:
        title = await store.scalar(
            "SELECT n.title FROM sources s JOIN notes n ON n.id = s.id WHERE s.root = ? AND s.path = ?",
            (place.root, rel),
        )
        if title is not None:
            return rel, str(title)
    rows = await store.fetchall(
        "SELECT s.path, n.title FROM sources s JOIN notes n ON n.id = s.id"
        " WHERE s.root = ? AND lower(n.title) = lower(?) ORDER BY s.path",
        (place.root, text),
    )
    if len(rows) == 1:
        return str(rows[0]["path"]), str(rows[0]["title"])
    if len(rows) > 1:
        paths = [str(r["path"]) for r in rows]
        raise NoteNotFound(f"several notes are titled “{text}”; name one by its path", paths[:5])
    stem = text.rsplit("/", 1)[-1].removesuffix(".md")
    like = await store.fetchall(
        "SELECT path FROM sources WHERE root = ? AND kind = 'note' AND path LIKE ? ORDER BY path LIMIT 5",
        (place.root, f"%{stem}%"),
    )
    raise NoteNotFound(f"no note at “{text}” in {place.notes_dir}", [str(r["path"]) for r in like])


async def remove_note(
    store: Store, place: NotesPlace, actor: Actor, *, ref: str, now: datetime
) -> RemovedNote:
    """Drop the note from the store and move its file to the trash (recoverable)."""
    await files.recover(store, place.notes_dir)
    rel, title = await _resolve(store, place, ref)
    source = place.notes_dir / rel
    # A file reached through a symlink out of the folder is not the notes folder's to move.
    present = inside_notes(place.notes_dir, rel) and source.exists()
    trash = files.trash_path(place.trash_dir, rel, now) if present else None
    async with store.transaction() as conn:
        await remove_source(conn, rel, root=place.root)
        await finish(conn)
        detail = f"“{title}”" + (f" moved to {trash}" if trash else " (file was already gone)")
        await audit.record(conn, actor, "notes.remove", at=now, path=rel, detail=detail)
        if trash is not None:
            await files.journal(conn, staged=source, target=trash, backup=None, now=now)
    await files.apply_journal(store)
    return RemovedNote(rel, title, trash)


async def list_notes(store: Store, limit: int) -> list[ListedNote]:
    """The most recently added notes first, with who added them (None: the folder ingest)."""
    rows = await store.fetchall(
        "SELECT s.path, n.title, n.channel, s.ingested_at, s.added_by FROM sources s JOIN notes n ON n.id = s.id"
        " ORDER BY julianday(s.ingested_at) DESC, s.id DESC LIMIT ?",
        (limit,),
    )
    return [ListedNote(r["path"], r["title"], r["channel"], r["ingested_at"], r["added_by"]) for r in rows]


def check_announced_size(size: int | None, place: NotesPlace) -> None:
    """Refuse a too-large upload before downloading it, when the platform says its size."""
    if size is not None:
        check_size(size, place.max_bytes)
