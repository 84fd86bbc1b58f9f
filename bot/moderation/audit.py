"""The audit log: every change a moderator makes (who, when, what, which note), kept in the store."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.contracts import Actor
from bot.instants import iso
from bot.logs import log_moderator_action
from bot.store import audit_log
from bot.store.audit_log import AuditEntry
from bot.store.db import Store

__all__ = ["AuditEntry", "recent", "record", "who"]


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
    await audit_log.insert_entry(
        conn, AuditEntry(iso(at), actor.platform, actor.user_id, actor.display_name, action, path, detail)
    )
    log_moderator_action(actor.platform, actor.user_id, action, path or "", "ok", detail=detail)


async def recent(store: Store, limit: int = 20) -> list[AuditEntry]:
    return await audit_log.recent_entries(store, limit)
