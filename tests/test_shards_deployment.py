"""The deployment of issue 15, end to end: two `labnotes run` processes, shard 0 and shard 1 of two, over
ONE notes folder and ONE shared state file (LABNOTES_STATE), each with its own store of the notes.

Subscriptions made once in the shared state are posted once each, by the process owning the guild; a note a
moderator adds through one process is answered from by the other once its follower took it in.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import signal
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from bot.store.schema import STATE_TABLES
from tests.conftest import SEED_NOTES, build_store
from tests.fake_discord import MANAGE_GUILD, FakeDiscord, Guild
from tests.notes_support import note_bytes
from tests.test_discord_shards import shard_environment, sharded_discord, subscribe_both
from tests.test_runner import Bot, start

pytestmark = pytest.mark.asyncio

# Only the added note has this video: a /search answer linking it was answered from that note.
VIDEO = "zQx7Kp2mW9v"
NEW_NOTE = note_bytes(
    title="Quokka Compute",
    video_id=VIDEO,
    body=(
        "From: [[bankless]] <br/>\n\n## Marsupial inference\n\n"
        "*   **Quokkanomics:** quokkanomics prices inference by the marsupial "
        '<a class="yt-timestamp" data-t="00:03:07">[00:03:07]</a>.\n'
    ),
)
FOUND = f"watch?v={VIDEO}&t=187s"
DEADLINE = 20.0  # seconds for the other process to answer from the note; a guard, not a measurement


async def start_shard(
    fake: FakeDiscord, folder: Path, shard_id: int, *, notes: Path, state: Path, guilds: Sequence[Guild]
) -> Bot:
    """`labnotes run` for shard `shard_id` of two over `folder`/labnotes.db, moderators trusted in `guilds`."""
    config = folder / "labnotes.yaml"
    config.write_text(
        f"discord:\n  shard_count: 2\n  shard_ids: [{shard_id}]\n"
        f"  guild_ids: [{', '.join(g.id for g in guilds)}]\n",
        encoding="utf-8",
    )
    env = shard_environment(fake, folder, LABNOTES_NOTES=str(notes), LABNOTES_STATE=str(state))
    return await start(folder, env, "--config", str(config), "run", "--db", str(folder / "labnotes.db"))


async def search_until_found(fake: FakeDiscord, guild: Guild, query: str) -> int:
    """/search in `guild` until an answer links the new note (failing after DEADLINE); how many it took."""
    searches = 0
    try:
        async with asyncio.timeout(DEADLINE):
            while True:
                searches += 1
                found = await fake.answered(await fake.command("search", {"query": query}, guild=guild))
                if FOUND in repr(found.answer["embeds"]):
                    return searches
                await asyncio.sleep(0.1)
    except TimeoutError:
        pytest.fail(
            f"no /search in guild {guild.id} linked the new note within {DEADLINE} s ({searches} tries)"
        )


def logged(bot: Bot, pattern: str) -> list[Any]:
    """Every match of `pattern` in the bot's log: strings, or tuples for several groups."""
    return re.findall(pattern, bot.log())


async def test_two_shard_processes_over_one_folder_and_state_post_each_digest_once_and_share_a_new_note(
    tmp_path: Path,
) -> None:
    notes = Path(shutil.copytree(SEED_NOTES, tmp_path / "notes"))
    state = tmp_path / "state.db"
    built = await build_store(tmp_path / "built.db", notes)  # the real ingest, once; each process a copy
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        folder.mkdir()
        shutil.copy(built, folder / "labnotes.db")
    loop = asyncio.get_running_loop()
    async with sharded_discord() as (fake, zero, one):
        guilds = (zero, one)
        # 1. The subscriptions, made once, through A's store, land in the shared state only.
        await subscribe_both(folders[0] / "labnotes.db", guilds, state)
        bots: list[Bot] = []
        try:
            for shard_id, folder in enumerate(folders):
                bots.append(
                    await start_shard(fake, folder, shard_id, notes=notes, state=state, guilds=guilds)
                )
            a, b = bots
            for bot, guild in zip(bots, guilds, strict=True):
                await bot.wait_line(r"labnotes running: discord")
                await bot.wait_line(rf"digest platform=discord channel={guild.channel_id} ")  # due at start
            # 2. A moderator adds a note in guild 0 (process A); a member searches for it in guild 1 (B).
            moderator = fake.member(zero, name="mod", permissions=MANAGE_GUILD)
            upload = fake.add_attachment("quokka.md", NEW_NOTE)
            added = await fake.answered(
                await fake.command(
                    "notes add",
                    {"file": "quokka.md"},
                    guild=zero,
                    member=moderator,
                    attachments={"file": upload},
                )
            )
            added_at = loop.time()
            searches = await search_until_found(fake, one, "quokkanomics")
            seconds = loop.time() - added_at
            print(
                f"\nshard 1 answered from the note added through shard 0 after {seconds:.2f} s, {searches} searches"
            )
        finally:
            # 3. Both stop cleanly on SIGTERM.
            for bot in bots:
                bot.proc.send_signal(signal.SIGTERM)
        assert [await bot.exit_code() for bot in bots] == [0, 0]
    assert added.answer["embeds"][0]["title"] == "Added bankless/quokka.md"
    assert (notes / "bankless" / "quokka.md").read_bytes() == NEW_NOTE
    # each process posted exactly its own guild's digest, and each channel got exactly one post
    assert [logged(bot, r"digest platform=discord channel=(\d+) outcome=(\w+)") for bot in bots] == [
        [(zero.channel_id, "sent")],
        [(one.channel_id, "sent")],
    ]
    assert (len(fake.messages[zero.channel_id]), len(fake.messages[one.channel_id])) == (1, 1)
    # A answered the add; B took the note in from the folder's change log and answered every search
    commands = r'command platform=discord command=("[^"]*"|\S+)'  # the log quotes a value with a space
    assert logged(a, commands) == ['"/notes add"']
    assert logged(b, commands) == ["/search"] * searches
    assert logged(b, r"notes folder changed: (.*)") == ["1 ingested, 0 removed, 0 failed"]
    assert logged(a, r"notes folder changed: (.*)") == []  # its own add: already in its store
    # the subscriptions, their deliveries and the audit log are in the shared state file, not in a store
    assert shared_rows(state) == (
        sorted([zero.channel_id, one.channel_id]),
        sorted([(zero.channel_id, "sent"), (one.channel_id, "sent")]),
        [("discord", "notes.add", "bankless/quokka.md")],
    )
    assert [state_tables_in(folder / "labnotes.db") for folder in folders] == [[], []]


def shared_rows(state: Path) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str, str]]]:
    """The shared state file's subscribed channels, deliveries (channel, state) and audit entries."""
    with closing(sqlite3.connect(state)) as conn:
        subscribed = sorted(r[0] for r in conn.execute("SELECT channel_id FROM digest_subscriptions"))
        delivered = sorted(
            (r[0], r[1])
            for r in conn.execute(
                "SELECT s.channel_id, d.state FROM digest_deliveries d"
                " JOIN digest_subscriptions s ON s.id = d.subscription_id"
            )
        )
        audit = [(r[0], r[1], r[2]) for r in conn.execute("SELECT platform, action, path FROM audit_log")]
    return subscribed, delivered, audit


def state_tables_in(store_path: Path) -> list[str]:
    with closing(sqlite3.connect(store_path)) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return sorted(names & set(STATE_TABLES))
