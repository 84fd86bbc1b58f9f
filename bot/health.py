"""What `/healthz` and `labnotes run` need to know about the store: is it usable, and the last digest."""

from __future__ import annotations

import sqlite3
from typing import Any

from bot.store.db import Store, StoreError
from bot.store.digest_rows import last_finished_delivery
from bot.store.stats import count_notes, schema_version

__all__ = ["count_notes", "last_digest", "store_status"]


async def store_status(store: Store) -> dict[str, Any]:
    """`ok`, the file, schema version and note count; `ok: false` with the error when a query fails."""
    status: dict[str, Any] = {"ok": True, "path": str(store.path)}
    try:
        status["schema_version"] = await schema_version(store)
        status["notes"] = await count_notes(store)
    except (sqlite3.Error, StoreError, ValueError) as exc:
        return {"ok": False, "path": str(store.path), "error": str(exc)}
    return status


async def last_digest(store: Store) -> dict[str, Any] | None:
    """The most recently finished digest delivery (sent, skipped or failed), or None if there was none."""
    try:
        row = await last_finished_delivery(store)
    except sqlite3.OperationalError:
        return None  # a store from before digests existed
    if row is None:
        return None
    out: dict[str, Any] = {
        "platform": row.platform,
        "channel_id": row.channel_id,
        "state": row.state,
        "period_end": row.period_end,
        "at": row.at,
        "notes": row.note_count,
    }
    if row.error:
        out["error"] = row.error
    return out
