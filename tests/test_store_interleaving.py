"""Commands share one store connection: a member's read that runs while /notes add's transaction
recomputes aggregates (which drops its temporary tables) must not make that transaction fail."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

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


async def test_a_transaction_cancelled_while_it_begins_leaves_none_open(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "labnotes.db")
    try:

        async def wait_inside() -> None:
            async with store.transaction():
                await asyncio.sleep(60)

        task = asyncio.create_task(wait_inside())
        await asyncio.sleep(0)  # the task now awaits BEGIN, which runs in aiosqlite's thread
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        async with store.transaction() as conn:  # "cannot start a transaction within a transaction" before
            await conn.execute("INSERT INTO meta(key, value) VALUES ('after', '1')")
        assert await store.get_meta("after") == "1"
    finally:
        await store.close()
