"""What `/healthz` and `labnotes run` need to know about the store: is it usable, and the last digest."""

from __future__ import annotations

import sqlite3
from typing import Any

from bot.store.db import Store, StoreError


async def count_notes(store: Store) -> int:
    """Episode notes in the store (0 means nothing was ingested yet)."""
    return int(await store.scalar("SELECT COUNT(*) FROM notes"))


async def store_status(store: Store) -> dict[str, Any]:
    """`ok`, the file, schema version and note count; `ok: false` with the error when a query fails."""
    status: dict[str, Any] = {"ok": True, "path": str(store.path)}
    try:
        status["schema_version"] = int(await store.scalar("PRAGMA user_version"))
        status["notes"] = await count_notes(store)
    except (sqlite3.Error, StoreError, ValueError) as exc:
        return {"ok": False, "path": str(store.path), "error": str(exc)}
    return status


async def last_digest(store: Store) -> dict[str, Any] | None:
    """The most recently finished digest delivery (sent, skipped or failed), or None if there was none."""
    try:
        row = await store.fetchone(
            """
            SELECT s.platform, s.channel_id, d.state, d.period_end, d.sent_at, d.claimed_at,
                   d.note_count, d.error
            FROM digest_deliveries d JOIN digest_subscriptions s ON s.id = d.subscription_id
            WHERE d.state IN ('sent', 'skipped', 'failed')
            ORDER BY COALESCE(d.sent_at, d.claimed_at) DESC
            LIMIT 1
            """
        )
    except sqlite3.OperationalError:
        return None  # a store from before digests existed
    if row is None:
        return None
    out: dict[str, Any] = {
        "platform": row["platform"],
        "channel_id": row["channel_id"],
        "state": row["state"],
        "period_end": row["period_end"],
        "at": row["sent_at"] or row["claimed_at"],
        "notes": row["note_count"],
    }
    if row["error"]:
        out["error"] = row["error"]
    return out
