"""The schema itself: every cascading delete can find its children through an index."""

from __future__ import annotations

from pathlib import Path

from bot.store.db import Store


async def _cascading_keys_without_index(store: Store) -> list[str]:
    missing: list[str] = []
    tables = await store.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    for table in (row["name"] for row in tables):
        keys = await store.fetchall(f"PRAGMA foreign_key_list('{table}')")
        indexes = await store.fetchall(f"PRAGMA index_list('{table}')")
        leading: set[str] = set()
        for index in indexes:
            columns = await store.fetchall(f"PRAGMA index_info('{index['name']}')")
            first = min(columns, key=lambda c: c["seqno"])
            leading.add(first["name"])
        primary = await store.fetchall(f"PRAGMA table_info('{table}')")
        leading |= {c["name"] for c in primary if c["pk"] == 1}
        for key in keys:
            if key["on_delete"] == "CASCADE" and key["from"] not in leading:
                missing.append(f"{table}.{key['from']}")
    return missing


async def test_every_cascading_foreign_key_leads_an_index(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "store.db")
    try:
        assert await _cascading_keys_without_index(store) == []
    finally:
        await store.close()


async def test_the_check_finds_a_cascading_key_without_an_index(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "store.db")
    try:
        await store.conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        await store.conn.execute(
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE)"
        )
        assert await _cascading_keys_without_index(store) == ["child.parent_id"]
    finally:
        await store.close()
