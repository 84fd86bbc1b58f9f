"""What the store holds, for `labnotes stats` and health checks."""

from __future__ import annotations

import statistics
from typing import Any

from bot.notes.parse import UNREAD_WARNING, UNTRUSTED_WARNING
from bot.store.db import Store

HOUR = 3600
# A channel's plausible length: three times where its typical note ends, within [1 h, 6 h]. Claims past
# it are what a misread time format produces (MM:SS:FF read as hours lands 60 times too late).
PLAUSIBLE_FACTOR = 3
PLAUSIBLE_BOUNDS = (HOUR, 6 * HOUR)


async def count_notes(store: Store) -> int:
    """Episode notes in the store (0 means nothing was ingested yet)."""
    return int(await store.scalar("SELECT COUNT(*) FROM notes"))


async def schema_version(store: Store) -> int:
    """How many schema migrations the store has run (bot.store.schema)."""
    return int(await store.scalar("PRAGMA user_version"))


async def collect_stats(store: Store) -> dict[str, Any]:
    one = await store.fetchone(
        """
        SELECT
          (SELECT count(*) FROM notes) AS notes,
          (SELECT count(DISTINCT video_id) FROM notes) AS episodes,
          (SELECT count(DISTINCT channel) FROM notes WHERE channel IS NOT NULL) AS channels,
          (SELECT count(*) FROM sources WHERE kind = 'index') AS index_pages,
          (SELECT count(*) FROM claims) AS claims,
          (SELECT coalesce(sum(timestamp_count), 0) FROM notes) AS timestamps,
          (SELECT count(DISTINCT entity_id) FROM mentions WHERE entity_type = 'lab') AS labs_mentioned,
          (SELECT count(DISTINCT entity_id) FROM mentions WHERE entity_type = 'model') AS models_mentioned,
          (SELECT count(*) FROM labs) AS labs_in_catalog,
          (SELECT count(*) FROM models) AS models_in_catalog,
          (SELECT count(*) FROM ingest_failures) AS failures
        """
    )
    assert one is not None
    stats: dict[str, Any] = dict(one)
    kinds = await store.fetchall("SELECT kind, count(*) AS n FROM signals GROUP BY kind ORDER BY kind")
    stats["openness_signals"] = {row["kind"]: row["n"] for row in kinds}
    stats["openness_signals_total"] = sum(stats["openness_signals"].values())
    failures = await store.fetchall("SELECT path, reason FROM ingest_failures ORDER BY path LIMIT 50")
    stats["failure_examples"] = [{"path": r["path"], "reason": r["reason"]} for r in failures]
    stats.update(await _unread(store))
    stats["untrusted_timestamps"] = sum(n for _, n in await _warning_counts(store, UNTRUSTED_WARNING))
    stats["channel_times"] = await _channel_times(store)
    return stats


async def _warning_counts(store: Store, ending: str) -> list[tuple[str, int]]:
    """(path, count) of every note with a warning "<count> … <ending>" (bot.notes.parse), most first."""
    rows = await store.fetchall(
        "SELECT s.path, CAST(w.value AS INTEGER) AS n FROM notes n JOIN sources s ON s.id = n.id,"
        " json_each(n.warnings) w WHERE w.value LIKE '%' || ? ORDER BY n DESC, s.path",
        (ending,),
    )
    return [(row["path"], row["n"]) for row in rows]


async def _unread(store: Store) -> dict[str, Any]:
    """Timestamp-like strings the parser saw and no form read: a new way of writing times shows here."""
    counts = await _warning_counts(store, UNREAD_WARNING)
    return {
        "unread_timestamps": sum(n for _, n in counts),
        "unread_notes": [{"path": path, "unread": n} for path, n in counts[:5]],
    }


async def _channel_times(store: Store) -> list[dict[str, Any]]:
    """Per channel: claims, the share with no time, and the share cited past a plausible length."""
    ends = await store.fetchall(
        "SELECT n.channel, max(c.seconds) AS latest FROM notes n JOIN claims c ON c.note_id = n.id"
        " WHERE n.channel IS NOT NULL GROUP BY n.id HAVING latest IS NOT NULL"
    )
    typical: dict[str, list[int]] = {}
    for row in ends:
        typical.setdefault(row["channel"], []).append(row["latest"])
    out = []
    for row in await store.fetchall(
        "SELECT n.channel, count(*) AS claims, sum(c.seconds IS NULL) AS untimed FROM notes n"
        " JOIN claims c ON c.note_id = n.id WHERE n.channel IS NOT NULL GROUP BY n.channel ORDER BY n.channel"
    ):
        channel = row["channel"]
        low, high = PLAUSIBLE_BOUNDS
        ends_of = typical.get(channel)
        plausible = (
            min(high, max(low, PLAUSIBLE_FACTOR * int(statistics.median(ends_of)))) if ends_of else high
        )
        past = await store.scalar(
            "SELECT count(*) FROM notes n JOIN claims c ON c.note_id = n.id"
            " WHERE n.channel = ? AND c.seconds > ?",
            (channel, plausible),
        )
        out.append(
            {
                "channel": channel,
                "claims": row["claims"],
                "untimed": row["untimed"] / row["claims"],
                "plausible_seconds": plausible,
                "past_plausible": past / max(row["claims"] - row["untimed"], 1),
            }
        )
    return out
