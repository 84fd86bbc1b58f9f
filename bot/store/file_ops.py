"""The journal of file moves a committed store change still owes (bot.moderation.files performs them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import aiosqlite

from bot.instants import iso
from bot.store.db import Store


@dataclass(frozen=True, slots=True)
class FileOp:
    id: int
    staged: Path  # the file to move
    target: Path  # where it must end up
    backup: Path | None  # where a file already at target goes first


async def insert_op(
    conn: aiosqlite.Connection, *, staged: Path, target: Path, backup: Path | None, now: datetime
) -> None:
    """Inside the caller's transaction: the move is decided when it commits."""
    await conn.execute(
        "INSERT INTO note_file_ops(staged, target, backup, created_at) VALUES (?, ?, ?, ?)",
        (str(staged), str(target), None if backup is None else str(backup), iso(now)),
    )


async def pending_ops(store: Store) -> list[FileOp]:
    """Every journaled move not yet done, oldest first."""
    rows = await store.fetchall("SELECT id, staged, target, backup FROM note_file_ops ORDER BY id")
    return [
        FileOp(r["id"], Path(r["staged"]), Path(r["target"]), Path(r["backup"]) if r["backup"] else None)
        for r in rows
    ]


async def delete_op(store: Store, op_id: int) -> None:
    """The move is done: drop its row (a transaction of its own)."""
    async with store.transaction() as conn:
        await conn.execute("DELETE FROM note_file_ops WHERE id = ?", (op_id,))
