"""The shared state file (Config.state_path): digest subscriptions, delivery claims and the audit log in one
SQLite file every process on the host attaches, while each keeps its own store of the notes.

Two processes are two stores (each its own connection, as two processes would have) over one state file.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import bot.store.ingest as ingest_module
from adapters.runner import RunError, open_engine
from bot.catalog import load_catalog
from bot.config import Config, load_config
from bot.digest import deliveries
from bot.digest.schedule import DailySchedule
from bot.digest.scheduler import DigestScheduler
from bot.digest.subscriptions import all_subscriptions, get_subscription, subscribe
from bot.moderation import audit
from bot.store import digest_rows
from bot.store.db import Store, StoreError
from bot.store.ingest import ingest_paths
from tests.conftest import CATALOG, CHANNEL, MODERATOR, SEED_NOTES
from tests.digest_support import FakeClock, MemoryChannels, utc

SUBSCRIBED, DUE = utc(2025, 1, 1, 8), utc(2025, 1, 1, 9)


async def subscribe_at_nine(store: Store, channel_id: str, now: datetime = SUBSCRIBED) -> None:
    await subscribe(
        store,
        platform="discord",
        channel_id=channel_id,
        workspace_id=None,
        schedule=DailySchedule.parse("09:00", "UTC"),
        timezone="UTC",
        created_by="discord:1 (mod)",
        now=now,
    )


async def main_tables(store: Store) -> set[str]:
    rows = await store.fetchall("SELECT name FROM main.sqlite_master WHERE type = 'table'")
    return {str(r[0]) for r in rows}


async def test_a_subscription_made_through_one_processs_engine_is_posted_by_the_others_scheduler(
    seed_db: Path, tmp_path: Path
) -> None:
    configs = []
    for name in ("a", "b"):
        db = Path(shutil.copy(seed_db, tmp_path / f"{name}.db"))
        configs.append(
            replace(
                Config(), db_path=db, notes_dir=SEED_NOTES, catalog_path=CATALOG, state_path=tmp_path / "s.db"
            )
        )
    a, b = await open_engine(configs[0]), await open_engine(configs[1])
    try:
        reply = await a.ask("/digest subscribe 09:00 UTC", MODERATOR, CHANNEL)
        assert (reply.kind, reply.title) == ("ok", "Digest subscribed")
        console = MemoryChannels(platform="console")
        sub = await get_subscription(b.store, "console", CHANNEL.id)
        assert sub is not None
        due = sub.schedule.next_after(sub.created_at)
        results = await DigestScheduler(b.store, {"console": console}, FakeClock(due)).run_due(due)
        assert [(r.channel_id, r.outcome) for r in results] == [(CHANNEL.id, "sent")]
        assert [p.channel_id for p in console.posts] == [CHANNEL.id]
        # and the moderator's change is in one audit log, whichever process reads it
        assert [e.action for e in await audit.recent(b.store, 5)] == ["digest.subscribe"]
    finally:
        await a.close()
        await b.close()


async def test_two_schedulers_over_one_state_file_at_the_same_instant_post_each_period_once(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state.db"
    a = await Store.open(tmp_path / "a.db", state_path=state)
    b = await Store.open(tmp_path / "b.db", state_path=state)
    try:
        channels = [f"c{n}" for n in range(8)]
        for channel in channels:
            await subscribe_at_nine(a, channel)
        chat = MemoryChannels()  # one platform both processes post to
        runs = await asyncio.gather(
            *(DigestScheduler(s, {"discord": chat}, FakeClock(DUE)).run_due(DUE) for s in (a, b, a, b))
        )
        assert sorted(r.channel_id for run in runs for r in run) == channels
        assert sorted(p.channel_id for p in chat.posts) == channels
        # the next pass, in either process, finds nothing due
        assert await DigestScheduler(b, {"discord": chat}, FakeClock(DUE)).run_due(DUE) == []
    finally:
        await a.close()
        await b.close()


async def test_a_stores_subscriptions_deliveries_and_audit_log_move_into_a_new_state_file_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    old = await Store.open(tmp_path / "old.db")
    await subscribe_at_nine(old, "c1")
    await subscribe_at_nine(old, "c2")
    results = await DigestScheduler(old, {"discord": MemoryChannels()}, FakeClock(DUE)).run_due(DUE)
    assert [r.outcome for r in results] == ["sent", "sent"]
    async with old.transaction() as conn:
        await audit.record(conn, MODERATOR, "digest.subscribe", at=SUBSCRIBED, path=None, detail="c1")
    before = [(s.id, s.channel_id, s.local_time) for s in await all_subscriptions(old)]
    await old.close()

    caplog.set_level(logging.INFO, logger="bot.store.db")
    for _ in range(2):
        store = await Store.open(tmp_path / "old.db", state_path=tmp_path / "state.db")
        assert [(s.id, s.channel_id, s.local_time) for s in await all_subscriptions(store)] == before
        assert await deliveries.last_period_end(store, before[0][0]) == DUE
        assert [e.detail for e in await audit.recent(store, 5)] == ["c1"]
        assert not {"digest_subscriptions", "digest_deliveries", "audit_log"} & await main_tables(store)
        await store.close()
    moved = [r.getMessage() for r in caplog.records if r.getMessage().startswith("moved")]
    assert moved == [
        f"moved 2 digest subscriptions (2 delivery records) and 1 audit entries from store {tmp_path / 'old.db'}"
        f" into the shared state file {tmp_path / 'state.db'}"
    ]


async def test_a_second_stores_subscriptions_join_the_state_file_renumbered_without_taking_a_channel(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state.db"
    first = await Store.open(tmp_path / "first.db", state_path=state)
    await subscribe_at_nine(first, "shared")  # id 1 in the state file
    second = await Store.open(tmp_path / "second.db")
    await subscribe_at_nine(second, "own")  # id 1 in its own store
    await subscribe_at_nine(second, "shared", now=utc(2024, 6, 1))
    await second.attach_state(state)
    rows = {s.channel_id: (s.id, s.created_at) for s in await all_subscriptions(second)}
    assert rows == {"shared": (1, SUBSCRIBED), "own": (2, SUBSCRIBED)}
    await first.close()
    await second.close()


async def test_a_store_reopened_without_state_path_keeps_using_the_state_file_it_moved_to(
    tmp_path: Path,
) -> None:
    store = await Store.open(tmp_path / "a.db", state_path=tmp_path / "state.db")
    await subscribe_at_nine(store, "c1")
    await store.close()
    store = await Store.open(tmp_path / "a.db")  # `labnotes ingest`, the console: no state_path passed
    assert [s.channel_id for s in await all_subscriptions(store)] == ["c1"]
    await store.close()


async def test_a_missing_state_file_the_store_moved_to_is_a_clear_error_not_an_empty_state(
    tmp_path: Path,
) -> None:
    store = await Store.open(tmp_path / "a.db", state_path=tmp_path / "state.db")
    await store.close()
    (tmp_path / "state.db").unlink()
    with pytest.raises(StoreError) as caught:
        await Store.open(tmp_path / "a.db")
    assert str(caught.value) == (
        f"store {tmp_path / 'a.db'} keeps its digest subscriptions and audit log in the shared state file"
        f" {tmp_path / 'state.db'}, which is missing; set state_path to where that file is now"
    )
    assert not (tmp_path / "state.db").exists()


async def test_a_state_file_that_is_not_sqlite_stops_labnotes_run_with_the_file_named(
    seed_db: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "state.db"
    bad.write_bytes(b"not a database" * 100)
    config = replace(Config(), db_path=Path(shutil.copy(seed_db, tmp_path / "a.db")), state_path=bad)
    with pytest.raises(RunError) as caught:
        await open_engine(config)
    assert str(caught.value) == f"cannot use the state file {bad}: file is not a database"


async def test_an_ingest_in_one_process_does_not_hold_the_state_file_from_anothers_subscribe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state.db"
    ingesting = await Store.open(tmp_path / "a.db", state_path=state)
    other = await Store.open(tmp_path / "b.db", state_path=state)
    await other.conn.execute("PRAGMA busy_timeout=0")  # a lock held by the ingest would fail it at once
    subscribed: list[str] = []
    write_documents = ingest_module.write_documents

    async def write_then_subscribe(*args: Any, **kwargs: Any) -> Any:
        result = await write_documents(*args, **kwargs)
        await subscribe_at_nine(other, "c1")  # while the ingest's batch transaction is open
        subscribed.append("c1")
        return result

    monkeypatch.setattr(ingest_module, "write_documents", write_then_subscribe)
    summary = await ingest_paths(ingesting, [SEED_NOTES], load_catalog(CATALOG))
    assert (summary.added, subscribed) == (1, ["c1"])
    assert [s.channel_id for s in await all_subscriptions(ingesting)] == ["c1"]
    await ingesting.close()
    await other.close()


async def test_a_transaction_that_may_write_the_state_holds_its_lock_until_it_ends(tmp_path: Path) -> None:
    """What the ingest avoids: every other transaction claims the state file too, as claims need."""
    state = tmp_path / "state.db"
    a = await Store.open(tmp_path / "a.db", state_path=state)
    b = await Store.open(tmp_path / "b.db", state_path=state)
    await b.conn.execute("PRAGMA busy_timeout=0")
    async with a.transaction():
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            await subscribe_at_nine(b, "c1")
    await subscribe_at_nine(b, "c1")
    await a.close()
    await b.close()


def test_state_path_is_read_from_the_config_file_and_the_environment(tmp_path: Path) -> None:
    (tmp_path / "labnotes.yaml").write_text("state_path: shared/state.db\n", encoding="utf-8")
    config = load_config(tmp_path / "labnotes.yaml", environ={}, env_file=tmp_path / ".env")
    assert config.state_path == tmp_path / "shared" / "state.db"
    assert load_config(
        environ={"LABNOTES_STATE": "/s/state.db"}, env_file=tmp_path / ".env"
    ).state_path == Path("/s/state.db")
    assert Config().state_path is None


async def test_without_a_state_path_the_digest_tables_stay_in_the_store(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "a.db")
    await subscribe_at_nine(store, "c1")
    assert {"digest_subscriptions", "digest_deliveries", "audit_log"} <= await main_tables(store)
    assert (store.state_path, await store.get_meta("state_path")) == (None, None)
    assert [s.channel_id for s in await digest_rows.subscription_rows(store)] == ["c1"]
    await store.close()
