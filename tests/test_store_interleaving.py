"""Commands share one store connection: a member's read that runs while /notes add's transaction
recomputes aggregates (which drops its temporary tables) must not make that transaction fail."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.store.db import Store


async def test_reads_between_the_statements_of_a_transaction_that_drops_a_table_do_not_break_it(
    tmp_path: Path,
) -> None:
    store = await Store.open(tmp_path / "labnotes.db")
    try:
        async with store.transaction() as conn:
            await conn.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)", [(f"k{i}", "v") for i in range(100)]
            )
        stored = len(await store.fetchall("SELECT key FROM meta"))  # the migrations' rows and these 100

        async def member() -> int:
            rows = 0
            for _ in range(200):
                rows += len(await store.fetchall("SELECT key FROM meta"))
                rows += (await store.fetchone("SELECT key FROM meta")) is not None
            return rows

        async def moderator() -> None:
            for _ in range(200):
                async with store.transaction() as conn:
                    await conn.execute("CREATE TEMP TABLE scratch (x)")
                    await conn.execute("DROP TABLE temp.scratch")  # what refresh_aggregates does

        rows, _ = await asyncio.gather(member(), moderator())
        assert rows == 200 * (stored + 1)
    finally:
        await store.close()
