"""A big ingest parses in worker processes, which also read each note's own timestamp reading ahead (for
its channel's prior) and send their rows back as marshal bytes: the store it builds is exactly the one
an ingest in this process builds."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.catalog import load_catalog
from bot.notes.parse import CHANNEL_WARNING
from bot.store.db import Store
from bot.store.ingest import POOL_THRESHOLD, ingest_paths
from tests.conftest import CATALOG, SHARED
from tests.test_store_timestamps import AMBIGUOUS, channel

CORPUS = SHARED / "corpus"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not available"),
]

TABLES = ("sources", "notes", "episodes", "sections", "claims", "mentions", "signals", "note_readings")
TIMES = {"ingested_at", "updated_at"}  # when it ran, not what it stored


def _ingest(db: Path, notes: list[Path], workers: int) -> tuple[int, int]:
    async def run() -> tuple[int, int]:
        store = await Store.open(db)
        try:
            summary = await ingest_paths(store, notes, load_catalog(CATALOG), workers=workers)
        finally:
            await store.close()
        return summary.added, len(summary.failed)

    return asyncio.run(run())


def _contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        found = {}
        for table in TABLES:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] not in TIMES]
            found[table] = conn.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1, 2, 3"
            ).fetchall()
        return found
    finally:
        conn.close()


def test_a_pooled_ingest_stores_exactly_what_an_inline_one_does(tmp_path: Path) -> None:
    # and a channel whose ambiguous note takes the convention its other notes agree on
    channel(tmp_path / "notes" / "hubpod", hours=5, minutes=0)
    (tmp_path / "notes" / "hubpod" / "ambiguous.md").write_text(AMBIGUOUS, "utf-8")
    notes = [CORPUS, tmp_path / "notes"]
    inline, pooled = tmp_path / "inline.db", tmp_path / "pooled.db"
    assert _ingest(inline, notes, workers=1) == _ingest(pooled, notes, workers=2)
    expected, got = _contents(inline), _contents(pooled)
    assert len(expected["notes"]) > POOL_THRESHOLD
    assert [row for row in got["notes"] if any(CHANNEL_WARNING in str(value) for value in row)] != []
    for table in TABLES:
        assert got[table] == expected[table], table
