"""The audit log: every change a moderator makes (who, when, what, which note), kept in the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.contracts import Actor
from bot.instants import iso
from bot.logs import log_moderator_action
from bot.store.db import Store


def who(actor: Actor) -> str:
    """How a moderator is named in the store: `alice (discord:1234)`."""
    return f"{actor.display_name} ({actor.platform}:{actor.user_id})"


async def record(
    conn: aiosqlite.Connection,
    actor: Actor,
    action: str,
    *,
    at: datetime,
    path: str | None = None,
    detail: str = "",
) -> None:
    """Add an entry inside the caller's transaction, so it lands exactly when the change does."""
    await conn.execute(
        "INSERT INTO audit_log(at, platform, user_id, user_name, action, path, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (iso(at), actor.platform, actor.user_id, actor.display_name, action, path, detail),
    )
    log_moderator_action(actor.platform, actor.user_id, action, path or "", "ok", detail=detail)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    platform: str
    user_id: str
    user_name: str
    action: str
    path: str | None
    detail: str


async def recent(store: Store, limit: int = 20) -> list[AuditEntry]:
    rows = await store.fetchall(
        "SELECT at, platform, user_id, user_name, action, path, detail FROM audit_log ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    return [AuditEntry(*(row[i] for i in range(7))) for row in rows]
