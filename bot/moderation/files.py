"""File moves that follow a store change, made crash-safe with a journal in the store.

Adding a note: its bytes go to a staging file first (fsynced), then ONE transaction writes the note
into the store together with a journal row "move staged → target"; after COMMIT the move happens and
the row is deleted. The COMMIT is the decision: if the process dies before it, the staging file is an
orphan and is swept away (the note was never added); if it dies after, `recover()` finishes the move
(the note is fully added). Removing a note journals "move note → trash" the same way.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import uuid
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import aiosqlite

from bot.moderation.errors import NoteRejected
from bot.store import file_ops
from bot.store.db import Store

STAGING_DIR = ".labnotes-staging"  # inside the notes folder: same filesystem, so the final rename is atomic
STAGING_SUFFIX = ".partial"  # never *.md, so a full ingest never reads a staging file


def staging_dir(notes_dir: Path) -> Path:
    return notes_dir / STAGING_DIR


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform lets a directory be opened for fsync
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class StagedFile:
    """A staging file, exclusively locked (flock) while its add is in progress.

    The lock dies with the process, so recovery can tell an abandoned staging file (lock free) from
    one another process is still adding (lock held) without guessing from its age.
    """

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path = path
        self._handle = handle

    def release(self) -> None:
        self._handle.close()


def stage(notes_dir: Path, name: str, data: bytes) -> StagedFile:
    """Write `data` durably to a fresh, locked staging file."""
    folder = staging_dir(notes_dir)
    if folder.is_symlink():  # the note's bytes would be written wherever it points
        raise NoteRejected(f"the staging folder {folder} is a symlink; remove it (it is recreated as needed)")
    folder.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    creating = folder / f"{token}.creating"  # not matched by recovery until it is locked and renamed
    path = folder / f"{token}-{name}{STAGING_SUFFIX}"
    handle = open(creating, "xb")  # noqa: SIM115 - kept open to hold the lock; StagedFile closes it
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        os.rename(creating, path)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
        _fsync_dir(folder)
    except BaseException:
        handle.close()
        discard(creating)
        discard(path)
        raise
    return StagedFile(path, handle)


def _abandoned(path: Path) -> bool:
    """True when no process holds the staging file's lock (its add died before committing)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops the probe's lock again
    return True


def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def trash_path(trash_dir: Path, rel_path: str, now: datetime) -> Path:
    """`bankless/foo.md` → `<trash>/bankless/foo.20250102T090000Z.md`, unique if taken."""
    rel = Path(rel_path)
    stamp = f"{now:%Y%m%dT%H%M%SZ}"
    candidate = trash_dir / rel.parent / f"{rel.stem}.{stamp}{rel.suffix}"
    counter = 2
    while candidate.exists():
        candidate = trash_dir / rel.parent / f"{rel.stem}.{stamp}-{counter}{rel.suffix}"
        counter += 1
    return candidate


async def journal(
    conn: aiosqlite.Connection, *, staged: Path, target: Path, backup: Path | None, now: datetime
) -> None:
    """Record a move inside the caller's transaction (it happens after COMMIT, or in recovery)."""
    await file_ops.insert_op(conn, staged=staged, target=target, backup=backup, now=now)


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)  # atomic on one filesystem: the target is old or new, never partial
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        shutil.move(str(source), str(target))  # the trash may live on another filesystem
    _fsync_dir(target.parent)


def perform(staged: Path, target: Path, backup: Path | None) -> None:
    """Do one journaled move; idempotent, so recovery may repeat a move a crash interrupted."""
    if not staged.exists():
        return  # already moved
    if backup is not None and target.exists():
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, backup)  # a copy: the target stays in place until the atomic replace
    _move(staged, target)


async def apply_journal(store: Store) -> int:
    """Finish every journaled move (the store already reflects them); returns how many rows were done."""
    ops = await file_ops.pending_ops(store)
    for op in ops:
        perform(op.staged, op.target, op.backup)
        await file_ops.delete_op(store, op.id)
    return len(ops)


async def recover(store: Store, notes_dir: Path) -> None:
    """Finish moves a crash interrupted, and sweep staging files of adds that never committed."""
    await apply_journal(store)
    folder = staging_dir(notes_dir)
    if not folder.is_dir():
        return
    journaled = {str(op.staged) for op in await file_ops.pending_ops(store)}
    for path in folder.glob(f"*{STAGING_SUFFIX}"):
        if str(path) not in journaled and _abandoned(path):
            discard(path)
    for path in folder.glob("*.creating"):
        if _abandoned(path):
            discard(path)
