"""What the store holds, for `labnotes stats` and health checks."""

from __future__ import annotations

from typing import Any

from bot.store.db import Store


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
    return stats
