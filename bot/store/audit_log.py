"""The audit log in the store: every change a moderator makes (bot.moderation.audit writes and reads it)."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from bot.store.db import Store


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    platform: str
    user_id: str
    user_name: str
    action: str
    path: str | None
    detail: str


async def insert_entry(conn: aiosqlite.Connection, entry: AuditEntry) -> None:
    """Inside the caller's transaction, so the entry lands exactly when the change does."""
    await conn.execute(
        "INSERT INTO audit_log(at, platform, user_id, user_name, action, path, detail)"
        " VALUES (:at, :platform, :user_id, :user_name, :action, :path, :detail)",
        {
            "at": entry.at,
            "platform": entry.platform,
            "user_id": entry.user_id,
            "user_name": entry.user_name,
            "action": entry.action,
            "path": entry.path,
            "detail": entry.detail,
        },
    )


async def recent_entries(store: Store, limit: int) -> list[AuditEntry]:
    """The newest entries first."""
    rows = await store.fetchall(
        "SELECT at, platform, user_id, user_name, action, path, detail FROM audit_log ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    return [
        AuditEntry(
            at=r["at"],
            platform=r["platform"],
            user_id=r["user_id"],
            user_name=r["user_name"],
            action=r["action"],
            path=r["path"],
            detail=r["detail"],
        )
        for r in rows
    ]
