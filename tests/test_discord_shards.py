"""Discord sharding with discord.py's AutoShardedClient, against a fake Discord that requires it.

Two processes are two adapters here (each with its own core and store), each running one shard of
two: each answers the guilds of its shard and posts only their digests.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import signal
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.base import AdapterStartError
from adapters.discord_bot import DiscordAdapter
from adapters.discord_shards import ShardPlan, shard_of
from adapters.health import Health, HealthServer
from adapters.platform import DiscordConfig
from bot.digest.schedule import DailySchedule
from bot.digest.scheduler import DigestScheduler
from bot.digest.subscriptions import subscribe
from bot.store.db import Store
from tests.digest_support import FakeClock, utc
from tests.discord_fixtures import TinyCore, make_adapter
from tests.fake_discord import FakeDiscord, Guild
from tests.test_runner import Bot, environment, start

pytestmark = pytest.mark.asyncio


@asynccontextmanager
async def sharded_discord(**options: Any) -> AsyncIterator[tuple[FakeDiscord, Guild, Guild]]:
    """A fake Discord that refuses one connection (4011), with a guild on each of two shards."""
    fake = FakeDiscord(shards_required=2, **options)
    await fake.start()
    try:
        yield fake, fake.add_guild("Shard Zero", shard=(0, 2)), fake.add_guild("Shard One", shard=(1, 2))
    finally:
        await fake.close()


@asynccontextmanager
async def started(
    fake: FakeDiscord, configs: Sequence[DiscordConfig]
) -> AsyncIterator[list[tuple[DiscordAdapter, TinyCore]]]:
    """One started adapter (a process) per config, each with its own core; all stopped at the end."""
    async with AsyncExitStack() as stack:
        running = []
        for config in configs:
            core = TinyCore()
            adapter = make_adapter(fake, core, config, identify_wait=0)
            await adapter.start()
            stack.push_async_callback(adapter.stop)
            running.append((adapter, core))
        yield running


def shard_environment(fake: FakeDiscord, folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a `labnotes run` process against the sharded fake, plus `extra`."""
    return environment(
        folder,
        DISCORD_TOKEN=fake.token,
        LABNOTES_DISCORD_API=fake.api_base,
        LABNOTES_DISCORD_GATEWAY=fake.gateway_url,
        LABNOTES_DISCORD_GUILD_READY_TIMEOUT="0.1",
        LABNOTES_HEALTH_PORT="0",
        **extra,
    )


def one_of_two(shard_id: int) -> DiscordConfig:
    return DiscordConfig(shard_count=2, shard_ids=[shard_id])


def answered_guilds(core: TinyCore) -> list[str | None]:
    return [invocation.channel.workspace_id for invocation in core.invocations]


async def test_the_fakes_guilds_sit_on_the_shards_asked_for() -> None:
    async with sharded_discord() as (_, zero, one):
        assert (shard_of(int(zero.id), 2), shard_of(int(one.id), 2)) == (0, 1)


async def test_one_connection_where_sharding_is_required_fails_start_with_4011_and_the_fix() -> None:
    async with sharded_discord() as (fake, _, _):
        adapter = make_adapter(fake, TinyCore(), DiscordConfig(shard_count=1))
        with pytest.raises(AdapterStartError) as raised:
            await adapter.start()
    assert fake.identified_shards == [(0, 1)]
    assert fake.gateway_closes == [4011]
    assert str(raised.value) == (
        "Discord closed the gateway with code 4011: sharding required: the bot is in too many guilds "
        "for one connection; raise discord.shard_count in labnotes.yaml, or remove it to let Discord choose"
    )


async def test_by_default_the_bot_runs_as_many_shards_as_discord_recommends() -> None:
    async with sharded_discord() as (fake, zero, one), started(fake, [DiscordConfig()]) as [(adapter, core)]:
        assert fake.live_shards() == [(0, 2), (1, 2)]
        assert adapter.connected
        for guild in (zero, one):
            await fake.answered(await fake.command("labs", guild=guild))
    assert answered_guilds(core) == [zero.id, one.id]


async def test_two_processes_each_answer_the_guilds_of_their_own_shard() -> None:
    async with (
        sharded_discord() as (fake, zero, one),
        started(fake, [one_of_two(0), one_of_two(1)]) as [(_, core_zero), (_, core_one)],
    ):
        assert fake.live_shards() == [(0, 2), (1, 2)]
        first = await fake.answered(await fake.command("labs", guild=one))
        second = await fake.answered(await fake.command("labs", guild=zero))
    assert (answered_guilds(core_zero), answered_guilds(core_one)) == ([zero.id], [one.id])
    assert first.answer["embeds"][0]["title"] == second.answer["embeds"][0]["title"] == "/labs"


async def test_a_due_digest_of_each_guild_is_posted_once_across_two_processes(tmp_path: Path) -> None:
    subscribed_at, due = utc(2025, 1, 1, 8), utc(2025, 1, 1, 9)
    async with sharded_discord() as (fake, zero, one), AsyncExitStack() as stack:
        stores = []
        for name in ("zero", "one"):  # each process's own store, both knowing both subscriptions
            store = await Store.open(tmp_path / f"{name}.db")
            stack.push_async_callback(store.close)
            await subscribe_guilds(store, (zero, one), at="09:00", now=subscribed_at)
            stores.append(store)
        async with started(fake, [one_of_two(0), one_of_two(1)]) as running:
            posted = []
            for store, (adapter, _) in zip(stores, running, strict=True):
                assert adapter.publisher is not None
                scheduler = DigestScheduler(store, {"discord": adapter.publisher}, FakeClock(due))
                posted.append([(r.channel_id, r.outcome) for r in await scheduler.run_due(due)])
    assert posted == [[(zero.channel_id, "sent")], [(one.channel_id, "sent")]]
    assert (len(fake.messages[zero.channel_id]), len(fake.messages[one.channel_id])) == (1, 1)


async def test_healthz_reports_each_shards_state_and_latency(tmp_path: Path) -> None:
    async with (
        sharded_discord() as (fake, _, _),
        started(fake, [DiscordConfig()]) as [(adapter, _)],
    ):
        store = await Store.open(tmp_path / "labnotes.db")
        health = Health(store)
        health.add_adapter("discord", adapter)
        server = HealthServer(health, "127.0.0.1", 0)
        await server.start()
        try:
            async with (
                aiohttp.ClientSession() as session,
                session.get(f"http://127.0.0.1:{server.port}/healthz") as response,
            ):
                status, body = response.status, await response.json()
        finally:
            await server.stop()
            await store.close()
    discord = body["adapters"]["discord"]
    assert status == 200
    assert (discord["connected"], discord["shard_count"]) == (True, 2)
    assert [(s["id"], s["state"]) for s in discord["shards"]] == [(0, "ready"), (1, "ready")]
    # discord.py heartbeats on HELLO; the fake acknowledges at once
    assert all(isinstance(s["latency_ms"], float) and s["latency_ms"] >= 0 for s in discord["shards"])


async def test_a_dropped_shard_makes_the_adapter_down_until_it_resumes(tmp_path: Path) -> None:
    async with sharded_discord() as (fake, _, one), started(fake, [DiscordConfig()]) as [(adapter, _)]:
        fake.accepting.clear()  # an outage: the shard cannot reconnect yet
        await fake.drop_gateway(shard=1)
        async with asyncio.timeout(10):  # a guard against a hang
            while adapter.shard_report()["shards"][1]["state"] != "disconnected":  # noqa: ASYNC110
                await asyncio.sleep(0.005)
        down = (adapter.connected, [s["state"] for s in adapter.shard_report()["shards"]])
        fake.accepting.set()
        await fake.wait_resumed()
        await fake.answered(await fake.command("labs", guild=one))
        up = (adapter.connected, [s["state"] for s in adapter.shard_report()["shards"]])
    assert down == (False, ["ready", "disconnected"])
    assert up == (True, ["ready", "ready"])
    assert fake.resumes == 1


async def test_a_guild_belongs_to_the_process_running_its_shard_and_direct_messages_to_shard_zero() -> None:
    plan = ShardPlan(count=4, ids=(1, 3))
    guild_on = {shard: str((1000 + shard) << 22) for shard in range(4)}  # 1000 % 4 == 0
    assert [plan.owns(guild_on[shard]) for shard in range(4)] == [False, True, False, True]
    assert not plan.owns(None)
    assert ShardPlan(count=4, ids=(0,)).owns(None)
    assert ShardPlan().owns(guild_on[2]) and ShardPlan(count=4).owns(guild_on[2])


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            DiscordConfig(shard_count=2, shard_ids=[0, 2]),
            "discord.shard_ids [2] are outside 0–1 (discord.shard_count is 2)",
        ),
        (
            DiscordConfig(shard_ids=[0]),
            "discord.shard_ids needs discord.shard_count: set how many shards the whole bot runs",
        ),
        (DiscordConfig(shard_count=0), "discord.shard_count must be at least 1, got 0"),
        (DiscordConfig(shard_count=2, shard_ids=[1, 1]), "discord.shard_ids lists a shard twice: [1, 1]"),
    ],
)
async def test_an_impossible_shard_range_stops_start_before_connecting(
    config: DiscordConfig, message: str
) -> None:
    async with sharded_discord() as (fake, _, _):
        adapter = make_adapter(fake, TinyCore(), config)
        with pytest.raises(AdapterStartError) as raised:
            await adapter.start()
    assert str(raised.value) == message
    assert fake.requests == []


async def test_two_labnotes_run_processes_split_the_guilds_and_their_digests(
    tmp_path: Path, seed_db: Path
) -> None:
    """The deployment itself: two `labnotes run` over one notes folder, each with its own store copy
    (both knowing both subscriptions) and labnotes.yaml naming its shard."""
    async with sharded_discord() as (fake, zero, one):
        bots: list[Bot] = []
        try:
            for shard_id in (0, 1):
                folder = tmp_path / f"shard{shard_id}"
                folder.mkdir()
                (folder / "labnotes.yaml").write_text(
                    f"discord:\n  shard_count: 2\n  shard_ids: [{shard_id}]\n", encoding="utf-8"
                )
                store_path = Path(shutil.copy(seed_db, folder / "labnotes.db"))
                await subscribe_both(store_path, (zero, one))
                env = shard_environment(fake, folder)
                args = ("--config", str(folder / "labnotes.yaml"), "run", "--db", str(store_path))
                bots.append(await start(folder, env, *args))
            for bot, guild in zip(bots, (zero, one), strict=True):
                await bot.wait_line(r"labnotes running: discord")
                await bot.wait_line(
                    rf"digest platform=discord channel={guild.channel_id} "
                )  # the pass that was due at start
            answers = [await fake.answered(await fake.command("labs", guild=g)) for g in (zero, one)]
        finally:
            for bot in bots:
                bot.proc.send_signal(signal.SIGTERM)
        assert [await bot.exit_code() for bot in bots] == [0, 0]
    assert sorted(s for s in fake.identified_shards if s) == [(0, 2), (1, 2)]
    # each process answered the command of its own guild, and posted only its own guild's digest
    assert [re.findall(r"command platform=discord command=(\S+)", b.log()) for b in bots] == [
        ["/labs"],
        ["/labs"],
    ]
    assert [a.answer["embeds"][0]["title"] for a in answers] == ["Labs in the notes"] * 2
    assert [re.findall(r"digest platform=discord channel=(\d+) outcome=(\w+)", b.log()) for b in bots] == [
        [(zero.channel_id, "sent")],
        [(one.channel_id, "sent")],
    ]
    assert (len(fake.messages[zero.channel_id]), len(fake.messages[one.channel_id])) == (1, 1)


async def subscribe_both(store_path: Path, guilds: Sequence[Guild], state_path: Path | None = None) -> None:
    """Subscriptions due at once: made two days ago, daily at 00:00 UTC (in the shared state file when
    `state_path` is given, else in the store)."""
    store = await Store.open(store_path, state_path=state_path)
    try:
        await subscribe_guilds(store, guilds, at="00:00", now=datetime.now(UTC) - timedelta(days=2))
    finally:
        await store.close()


async def subscribe_guilds(store: Store, guilds: Sequence[Guild], *, at: str, now: datetime) -> None:
    """Each guild's channel subscribed by a moderator at `now`, daily at `at` UTC."""
    for guild in guilds:
        await subscribe(
            store,
            platform="discord",
            channel_id=guild.channel_id,
            workspace_id=guild.id,
            schedule=DailySchedule.parse(at, "UTC"),
            timezone="UTC",
            created_by="discord:1 (mod)",
            now=now,
        )


async def test_after_a_shard_moves_its_new_owner_posts_the_guilds_digest_and_nothing_posts_twice(
    tmp_path: Path,
) -> None:
    """With a shared state file (state_path): A ran shard 0 and B shard 1; then B runs both while A,
    not yet stopped, still runs shard 0. Both subscriptions were taken through A."""
    day_one, day_two = utc(2025, 1, 1, 9), utc(2025, 1, 2, 9)
    both = DiscordConfig(shard_count=2, shard_ids=[0, 1])

    async def run_due(store: Store, adapter: DiscordAdapter, now: datetime) -> list[tuple[str, str]]:
        assert adapter.publisher is not None
        scheduler = DigestScheduler(store, {"discord": adapter.publisher}, FakeClock(now))
        return [(r.channel_id, r.outcome) for r in await scheduler.run_due(now)]

    async with sharded_discord() as (fake, zero, one), AsyncExitStack() as stack:
        a = await Store.open(tmp_path / "a.db", state_path=tmp_path / "state.db")
        b = await Store.open(tmp_path / "b.db", state_path=tmp_path / "state.db")
        stack.push_async_callback(a.close)
        stack.push_async_callback(b.close)
        await subscribe_guilds(a, (zero, one), at="09:00", now=utc(2025, 1, 1, 8))
        async with started(fake, [one_of_two(0), one_of_two(1)]) as [(on_a, _), (on_b, _)]:
            before = [await run_due(a, on_a, day_one), await run_due(b, on_b, day_one)]
        async with started(fake, [both, one_of_two(0)]) as [(on_b, _), (on_a, _)]:
            after = [await run_due(b, on_b, day_two), await run_due(a, on_a, day_two)]
    assert before == [[(zero.channel_id, "sent")], [(one.channel_id, "sent")]]
    assert after == [[(zero.channel_id, "sent"), (one.channel_id, "sent")], []]
    assert (len(fake.messages[zero.channel_id]), len(fake.messages[one.channel_id])) == (2, 2)
