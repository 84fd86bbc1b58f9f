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
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.contracts import Actor
from bot.extract.extractor import Extractor
from bot.instants import iso
from bot.moderation import audit, changes, files
from bot.moderation.errors import NoteRejected
from bot.moderation.names import sanitise_channel, sanitise_file_name
from bot.moderation.paths import inside_notes, note_target
from bot.moderation.validate import check_size
from bot.moderation.worker import prepare_off_loop
from bot.reply import Citation
from bot.store import notes_rows
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
from bot.store.notes_rows import ListedNote, StoredNote

log = logging.getLogger(__name__)


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


SHOWN_SIGNALS = 8  # of a note's signals, and of the claims carrying them, what the reply to an add shows


@dataclass(slots=True)
class AddedNote:
    rel_path: str
    replaced: bool
    note: StoredNote  # what the store holds for it now, read back
    warnings: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)  # the first claims carrying signals

    @property
    def labs(self) -> list[str]:
        return [e.name for e in self.note.entities if e.type == "lab"]

    @property
    def models(self) -> list[str]:
        return [e.name for e in self.note.entities if e.type == "model"]

    @property
    def signals(self) -> list[str]:
        """ "Meta: open (“open-sourced their weights”)" for the first SHOWN_SIGNALS, in the note's order."""
        return [f"{s.name}: {s.kind} (“{s.cue}”)" for s in self.note.signals]


@dataclass(frozen=True, slots=True)
class RemovedNote:
    rel_path: str
    title: str
    trashed_to: Path | None  # None when the file was already gone from the folder


async def with_channel_prior(
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
    exists = target.exists() or await notes_rows.path_exists(store, place.root, rel)
    # One note per topic of an episode: a stored note with the same videoId and title is this one.
    twin = await notes_rows.same_topic_path(store, place.root, note.video_id, note.title)
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
        prepared = await with_channel_prior(store, place.root, rel, prepared, data, extractor, name)
        note = prepared.note

    warnings = list(note.warnings)
    if note.channel and not await notes_rows.channel_known(store, note.channel):
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
    await _announce(place, rel, "added", audit.who(actor))
    return await _describe(store, source_id, rel, exists, warnings)


async def _describe(store: Store, source_id: int, rel: str, replaced: bool, warnings: list[str]) -> AddedNote:
    """What ended up in the store for the note, read back (so the reply shows what answers will use)."""
    note = await notes_rows.stored_note(store, source_id, shown=SHOWN_SIGNALS)
    if note is None:
        raise NoteRejected(f"{rel} was written but is not in the store")
    citations = [
        Citation(note.title, note.channel, note.video_id, c.seconds, c.text) for c in note.signal_claims
    ]
    return AddedNote(rel_path=rel, replaced=replaced, note=note, warnings=warnings, citations=citations)


async def _resolve(store: Store, place: NotesPlace, ref: str) -> tuple[str, str]:
    """(path, title) of the note `ref` names: its path (with or without .md) or its exact title."""
    text = ref.strip().removeprefix("./")
    candidates = [text] if text.lower().endswith(".md") else [text, f"{text}.md"]
    for rel in candidates:
        title = await notes_rows.title_at(store, place.root, rel)
        if title is not None:
            return rel, title
    titled = await notes_rows.notes_titled(store, place.root, text)
    if len(titled) == 1:
        return titled[0].rel_path, titled[0].title
    if len(titled) > 1:
        paths = [n.rel_path for n in titled]
        raise NoteNotFound(f"several notes are titled “{text}”; name one by its path", paths[:5])
    stem = text.rsplit("/", 1)[-1].removesuffix(".md")
    like = await notes_rows.paths_containing(store, place.root, stem, limit=5)
    raise NoteNotFound(f"no note at “{text}” in {place.notes_dir}", like)


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
    await _announce(place, rel, "removed")
    return RemovedNote(rel, title, trash)


async def _announce(place: NotesPlace, rel: str, action: changes.Action, who: str | None = None) -> None:
    """Log the change for the other processes over this folder (bot.moderation.follow). The change is
    done by now: a log that can't be written is reported, never undoes or fails it."""
    try:
        await asyncio.to_thread(changes.append, place.notes_dir, rel, action, who)
    except OSError as exc:
        log.error(
            "%s %s, but the notes change log could not be written (%s): other processes over %s take it "
            "in at their next `labnotes ingest`",
            rel,
            action,
            exc,
            place.notes_dir,
        )


async def list_notes(store: Store, limit: int) -> list[ListedNote]:
    """The most recently added notes first, with who added them (None: the folder ingest)."""
    return await notes_rows.recent_notes(store, limit)


def check_announced_size(size: int | None, place: NotesPlace) -> None:
    """Refuse a too-large upload before downloading it, when the platform says its size."""
    if size is not None:
        check_size(size, place.max_bytes)
