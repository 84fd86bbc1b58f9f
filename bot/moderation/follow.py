"""Following the notes folder's change log (bot.moderation.changes): a note another `labnotes run` process
added or removed is taken into this process's store within a poll or two.

Each poll is one stat of the log; only when it changed are the new lines read (off the event loop), and
only the files they name are looked at: one whose content hash the store already holds (this process's
own /notes add, or a change seen before) is skipped; a changed one is parsed like an upload (a thread, or
the worker process for a big one) and written with the single-document path of bot.store.ingest; one
that is gone leaves the store. A reader that fell behind a compaction of the log rescans the folder.
The position read up to is kept in the store, so a restart picks up what changed while it was down.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from bot.catalog import Catalog
from bot.extract.extractor import extractor_for
from bot.moderation import changes
from bot.moderation.changes import Change, Position
from bot.moderation.errors import NoteRejected
from bot.moderation.notes import with_channel_prior
from bot.moderation.paths import inside_notes
from bot.moderation.worker import prepare_off_loop
from bot.store.db import Store
from bot.store.ingest import (
    content_hash,
    finish,
    ingest_paths,
    remove_source,
    stored_hashes,
    write_prepared,
)

log = logging.getLogger("labnotes.follow")

POSITION_KEY = "notes_follow_position"  # store meta: how far this store has followed the change log

Stat = tuple[int, int, int] | None  # (inode, size, mtime) of the log; None: there is none


@dataclass(slots=True)
class FollowSummary:
    """What one poll did, by path."""

    ingested: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # already as the store holds it
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    rescanned: bool = False


class NotesFollower:
    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        notes_dir: Path,
        *,
        max_bytes: int,
        poll_seconds: float,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.notes_dir = notes_dir
        self.root = str(notes_dir.resolve())  # what ingest and /notes add store as the sources' root
        self.max_bytes = max_bytes
        self.poll_seconds = poll_seconds
        self._position: Position | None = None  # read from the store at the first poll
        self._stat: Stat = None
        self._stopping = asyncio.Event()

    async def run_forever(self) -> None:
        """Poll every `poll_seconds` until stop(); a failed poll is logged and tried again next time."""
        if self.poll_seconds <= 0:
            return
        while not self._stopping.is_set():
            try:
                await self.poll()
            except Exception:
                log.exception("following the notes folder's changes failed; trying again")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.poll_seconds)

    def stop(self) -> None:
        self._stopping.set()

    async def poll(self) -> FollowSummary | None:
        """Take in the changes logged since the last poll; None when the log has not changed."""
        stat = _stat(changes.log_path(self.notes_dir))  # before reading: a change after it is seen next time
        if self._position is None:
            self._position = Position.decode(await self.store.get_meta(POSITION_KEY))
        elif stat == self._stat:
            return None
        read = await asyncio.to_thread(changes.read_since, self.notes_dir, self._position)
        if read.behind:
            summary = await self._rescan()
        else:
            summary = await self._apply(read.changes)
        async with self.store.transaction(state=False):  # this store's own rows: no shared-state lock
            await self.store.set_meta(POSITION_KEY, read.position.encode())
        self._position, self._stat = read.position, stat
        if summary.ingested or summary.removed or summary.failed:
            log.info(
                "notes folder changed: %d ingested, %d removed, %d failed",
                len(summary.ingested),
                len(summary.removed),
                len(summary.failed),
            )
        return summary

    async def _rescan(self) -> FollowSummary:
        log.warning("the notes change log moved past this process (compacted or recreated): rescanning")
        done = await ingest_paths(self.store, [self.notes_dir], self.catalog)
        log.info(
            "rescanned the notes folder: %d added, %d updated, %d removed, %d unchanged",
            done.added,
            done.updated,
            done.removed,
            done.unchanged,
        )
        return FollowSummary(failed=list(done.failed), rescanned=True)

    async def _apply(self, logged: list[Change]) -> FollowSummary:
        summary = FollowSummary()
        who = {c.path: c.who for c in logged if c.action == "added"}
        paths = [p for p in dict.fromkeys(c.path for c in logged) if self._followable(p, summary)]
        if not paths:
            return summary
        # Whatever each line says, the file as it is now decides: lines may arrive late or out of order.
        hashes = await asyncio.to_thread(_hash_files, self.notes_dir, paths)
        stored = await stored_hashes(self.store, self.root, paths)
        gone: list[str] = []
        for rel in paths:
            digest = hashes[rel]
            if digest is None:
                (gone if rel in stored else summary.unchanged).append(rel)
            elif stored.get(rel) == digest:
                summary.unchanged.append(rel)
            else:
                await self._ingest(rel, who.get(rel), summary)
        async with self.store.transaction(state=False) as conn:
            for rel in gone:
                await remove_source(conn, rel, root=self.root)
            await finish(conn)  # aggregates, once for every note of this poll
        summary.removed += gone
        return summary

    def _followable(self, rel: str, summary: FollowSummary) -> bool:
        """A note path of the folder, as ingest would read it; anything else in the log is refused."""
        parts = rel.split("/")
        if (
            not rel.endswith(".md")
            or any(p in ("", ".", "..") or p.startswith(".") for p in parts)
            or not inside_notes(self.notes_dir, rel)
        ):
            summary.failed.append((rel, "not a note path of the notes folder"))
            log.warning("notes change log names %r, not a note of %s: ignored", rel, self.notes_dir)
            return False
        return True

    async def _ingest(self, rel: str, who: str | None, summary: FollowSummary) -> None:
        """Parse the file and write it into the store (aggregates are refreshed by the caller)."""
        try:
            data = await asyncio.to_thread((self.notes_dir / rel).read_bytes)
            extractor = await asyncio.to_thread(extractor_for, self.catalog)
            prepared = await prepare_off_loop(rel, data, extractor, max_bytes=self.max_bytes)
            prepared.rel_path = rel
            if prepared.note.reading == "untrusted":
                prepared = await with_channel_prior(
                    self.store, self.root, rel, prepared, data, extractor, rel
                )
        except (NoteRejected, OSError) as exc:
            why = str(exc) if isinstance(exc, NoteRejected) else f"cannot read it: {exc.strerror or exc}"
            summary.failed.append((rel, why))
            log.warning("notes folder changed, but %s is not taken in: %s", rel, why)
            return
        async with self.store.transaction(state=False) as conn:
            await write_prepared(conn, prepared, root=self.root, added_by=who)
        summary.ingested.append(rel)


def _stat(path: Path) -> Stat:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _hash_files(notes_dir: Path, paths: list[str]) -> dict[str, str | None]:
    """Each file's content hash; None for a file that is not there (or cannot be read: the parse says why)."""
    hashes: dict[str, str | None] = {}
    for rel in paths:
        try:
            hashes[rel] = content_hash((notes_dir / rel).read_bytes())
        except FileNotFoundError:
            hashes[rel] = None
        except OSError:
            hashes[rel] = ""  # never a stored hash: the parse reads it again and reports the error
    return hashes
