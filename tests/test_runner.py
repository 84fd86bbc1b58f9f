"""`labnotes run` as an admin runs it: a real subprocess against the fake Discord and the fake Slack."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.digest.schedule import DailySchedule
from bot.digest.subscriptions import subscribe
from bot.store.db import Store
from bot.store.schema import MIGRATIONS
from tests.fake_discord import FakeDiscord, Guild
from tests.fake_slack import FakeSlack

LABNOTES = [sys.executable, "-m", "adapters.cli"]
REPO = Path(__file__).resolve().parents[1]
# Guards against a hang only; nothing here measures time.
WAIT = 60.0


class GatedSlack(FakeSlack):
    """A fake Slack whose response_url holds each answer until the test opens the gate.

    While held, the bot's command is in flight: answered by the core, not yet delivered.
    """

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()
        self.gate.set()
        self.answer_arrived = asyncio.Event()

    async def _respond(self, request: web.Request) -> web.Response:
        self.answer_arrived.set()
        await self.gate.wait()
        return await super()._respond(request)


class Bot:
    """`labnotes run` in a subprocess, its log lines collected as they come."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.lines: list[str] = []
        self._changed = asyncio.Condition()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stderr is not None
        async for raw in self.proc.stderr:
            async with self._changed:
                self.lines.append(raw.decode().rstrip("\n"))
                self._changed.notify_all()
        async with self._changed:
            self._changed.notify_all()

    async def wait_line(self, pattern: str) -> re.Match[str]:
        """The first log line matching `pattern` (fails if the process ends without one)."""
        regex = re.compile(pattern)

        def found() -> re.Match[str] | None:
            return next((m for line in self.lines if (m := regex.search(line))), None)

        async with asyncio.timeout(WAIT), self._changed:
            await self._changed.wait_for(lambda: found() is not None or self._reader.done())
        match = found()
        assert match is not None, f"no log line matches {pattern!r}:\n" + "\n".join(self.lines)
        return match

    async def exit_code(self) -> int:
        async with asyncio.timeout(WAIT):
            code = await self.proc.wait()
            await self._reader
        return code

    def log(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture
def store_path(seed_db: Path, tmp_path: Path) -> Path:
    """A private copy of the seed store: the bot writes to it (digests, WAL)."""
    return Path(shutil.copy(seed_db, tmp_path / "labnotes.db"))


@pytest.fixture
async def fake_discord() -> AsyncIterator[tuple[FakeDiscord, Guild]]:
    fake = FakeDiscord()
    guild = fake.add_guild()
    await fake.start()
    yield fake, guild
    await fake.close()


@pytest.fixture
async def fake_slack() -> AsyncIterator[GatedSlack]:
    fake = GatedSlack()
    await fake.start()
    fake.add_user("U0USER", "user")
    fake.add_channel("C0GENERAL")
    yield fake
    fake.gate.set()
    await fake.close()


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The test's environment without any real credentials, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_", "LABNOTES_"))}
    env["PYTHONPATH"] = str(REPO)
    env["LABNOTES_CATALOG"] = str(REPO / "data" / "catalog.yaml")
    env["LABNOTES_NOTES"] = str(REPO / "data" / "notes")
    return env | extra


def fakes_env(tmp_path: Path, discord: FakeDiscord, slack: FakeSlack, **extra: str) -> dict[str, str]:
    fakes = {
        "DISCORD_TOKEN": discord.token,
        "LABNOTES_DISCORD_API": discord.api_base,
        "LABNOTES_DISCORD_GATEWAY": discord.gateway_url,
        "SLACK_BOT_TOKEN": slack.bot_token,
        "SLACK_APP_TOKEN": slack.app_token,
        "LABNOTES_SLACK_API": slack.api_base,
        "LABNOTES_HEALTH_PORT": "0",
    }
    return environment(tmp_path, **(fakes | extra))


async def start(tmp_path: Path, env: dict[str, str], *args: str, stdin: bytes | None = None) -> Bot:
    proc = await asyncio.create_subprocess_exec(
        *LABNOTES,
        *args,
        cwd=tmp_path,  # no stray .env
        env=env,
        stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        await proc.stdin.drain()
        proc.stdin.close()
    return Bot(proc)


async def get_health(bot: Bot) -> tuple[int, dict[str, Any]]:
    port = (await bot.wait_line(r"health: http://127\.0\.0\.1:(\d+)/healthz")).group(1)
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}/healthz") as response,
    ):
        return response.status, await response.json()


# -- both platforms in one process -----------------------------------------------------------------


async def test_both_adapters_run_in_one_process_and_answer(
    tmp_path: Path, store_path: Path, fake_discord: tuple[FakeDiscord, Guild], fake_slack: GatedSlack
) -> None:
    discord, guild = fake_discord
    bot = await start(tmp_path, fakes_env(tmp_path, discord, fake_slack), "run", "--db", str(store_path))
    try:
        await bot.wait_line(r"labnotes running: discord, slack")
        interaction = await discord.answered(await discord.command("lab", {"name": "Meta"}, guild=guild))
        await fake_slack.send_envelope("slash_commands", fake_slack.slash_payload("/lab", "meta"))
        [slack_answer] = await fake_slack.wait_responses(1)
        assert interaction.answer["embeds"][0]["title"].startswith("Meta")
        assert "Meta" in slack_answer.body["text"]
    finally:
        bot.proc.send_signal(signal.SIGTERM)
    assert await bot.exit_code() == 0


async def test_healthz_reports_both_adapters_connected_and_the_store(
    tmp_path: Path, store_path: Path, fake_discord: tuple[FakeDiscord, Guild], fake_slack: GatedSlack
) -> None:
    discord, _ = fake_discord
    bot = await start(tmp_path, fakes_env(tmp_path, discord, fake_slack), "run", "--db", str(store_path))
    try:
        await bot.wait_line(r"labnotes running")
        status, body = await get_health(bot)
    finally:
        bot.proc.send_signal(signal.SIGTERM)
    assert await bot.exit_code() == 0
    print(json.dumps(body, indent=2))  # the closing note's /healthz sample (pytest -s)
    assert status == 200
    assert body["status"] == "ok"
    [shard] = body["adapters"]["discord"].pop("shards")  # one shard: as many as the fake recommends
    assert (shard["id"], shard["state"], isinstance(shard["latency_ms"], float)) == (0, "ready", True)
    assert body["adapters"] == {
        "discord": {"enabled": True, "connected": True, "shard_count": 1},
        "slack": {"enabled": True, "connected": True},
    }
    assert body["store"] == {
        "ok": True,
        "path": str(store_path),
        "schema_version": len(MIGRATIONS),
        "notes": 1,
    }
    assert body["last_digest"] is None


async def test_sigterm_during_a_command_answers_it_then_exits_0(
    tmp_path: Path, store_path: Path, fake_discord: tuple[FakeDiscord, Guild], fake_slack: GatedSlack
) -> None:
    discord, _ = fake_discord
    bot = await start(tmp_path, fakes_env(tmp_path, discord, fake_slack), "run", "--db", str(store_path))
    await bot.wait_line(r"labnotes running")
    fake_slack.gate.clear()
    await fake_slack.send_envelope("slash_commands", fake_slack.slash_payload("/lab", "meta"))
    await asyncio.wait_for(fake_slack.answer_arrived.wait(), WAIT)  # the command is now in flight

    bot.proc.send_signal(signal.SIGTERM)
    await bot.wait_line(r"SIGTERM: stopping")
    assert bot.proc.returncode is None  # still waiting for the command in flight
    fake_slack.gate.set()

    assert await bot.exit_code() == 0
    [answer] = fake_slack.responses
    assert "Meta" in answer.body["text"]
    assert "stopped; store closed" in bot.log()


async def test_the_store_is_closed_cleanly_on_sigint(
    tmp_path: Path, store_path: Path, fake_discord: tuple[FakeDiscord, Guild], fake_slack: GatedSlack
) -> None:
    discord, _ = fake_discord
    bot = await start(tmp_path, fakes_env(tmp_path, discord, fake_slack), "run", "--db", str(store_path))
    await bot.wait_line(r"labnotes running")
    bot.proc.send_signal(signal.SIGINT)
    assert await bot.exit_code() == 0
    # The last connection closing checkpoints and removes the write-ahead log.
    assert not store_path.with_name(store_path.name + "-wal").exists()
    store = await Store.open(store_path)
    try:
        assert await store.scalar("PRAGMA integrity_check") == "ok"
    finally:
        await store.close()


# -- an adapter that cannot start ------------------------------------------------------------------


async def test_a_failing_adapter_is_reported_by_name_and_the_other_keeps_running(
    tmp_path: Path, store_path: Path, fake_discord: tuple[FakeDiscord, Guild], fake_slack: GatedSlack
) -> None:
    discord, _ = fake_discord
    env = fakes_env(tmp_path, discord, fake_slack, DISCORD_TOKEN="revoked-token")
    bot = await start(tmp_path, env, "run", "--db", str(store_path))
    try:
        await bot.wait_line(r"labnotes running: slack;")
        status, body = await get_health(bot)
    finally:
        bot.proc.send_signal(signal.SIGTERM)
    assert await bot.exit_code() == 0
    failures = [line for line in bot.lines if "adapter discord failed" in line]
    assert len(failures) == 1
    assert failures[0].endswith(
        "adapter discord failed: Discord rejected DISCORD_TOKEN (401 Unauthorized); "
        "reset it in the Developer Portal (Bot → Reset Token)"
    )
    assert "revoked-token" not in bot.log()
    assert status == 503
    assert body["adapters"]["discord"]["connected"] is False
    assert body["adapters"]["slack"] == {"enabled": True, "connected": True}


async def test_a_failing_adapter_stops_everything_when_config_says_so(
    tmp_path: Path, store_path: Path, fake_discord: tuple[FakeDiscord, Guild], fake_slack: GatedSlack
) -> None:
    discord, _ = fake_discord
    config = tmp_path / "labnotes.yaml"
    config.write_text("keep_running_on_adapter_failure: false\n", encoding="utf-8")
    env = fakes_env(tmp_path, discord, fake_slack, DISCORD_TOKEN="revoked-token")
    bot = await start(tmp_path, env, "--config", str(config), "run", "--db", str(store_path))
    assert await bot.exit_code() == 1
    assert "adapter discord failed: Discord rejected DISCORD_TOKEN" in bot.log()
    assert "labnotes running" not in bot.log()


# -- refusing to start -----------------------------------------------------------------------------


async def test_an_empty_store_is_refused_with_what_to_do(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    await (await Store.open(empty)).close()
    env = environment(tmp_path, DISCORD_TOKEN="anything")
    bot = await start(tmp_path, env, "run", "--db", str(empty))
    assert await bot.exit_code() == 2
    assert bot.lines[-1].endswith(
        f"labnotes run: the store {empty} holds no notes; run `labnotes ingest` first"
    )


async def test_a_missing_store_is_refused_with_what_to_do(tmp_path: Path) -> None:
    env = environment(tmp_path, DISCORD_TOKEN="anything")
    bot = await start(tmp_path, env, "run", "--db", str(tmp_path / "none.db"))
    assert await bot.exit_code() == 2
    assert "run `labnotes ingest`" in bot.lines[-1]
    assert not (tmp_path / "none.db").exists()


async def test_a_config_mistake_stops_it_before_anything_starts(tmp_path: Path) -> None:
    config = tmp_path / "labnotes.yaml"
    config.write_text("digest:\n  default_timezone: Mars/Olympus\n", encoding="utf-8")
    bot = await start(tmp_path, environment(tmp_path, LABNOTES_CONFIG=str(config)), "run")
    assert await bot.exit_code() == 2
    assert bot.lines == [
        f"labnotes run: {config}:2: digest.default_timezone: unknown time zone 'Mars/Olympus'; "
        "use an IANA name like Europe/Berlin or UTC"
    ]


# -- no credentials: the console -------------------------------------------------------------------


async def test_without_credentials_it_answers_piped_lines_on_the_console(
    tmp_path: Path, store_path: Path
) -> None:
    bot = await start(tmp_path, environment(tmp_path), "run", "--db", str(store_path), stdin=b"/lab meta\n")
    assert bot.proc.stdout is not None
    out = (await bot.proc.stdout.read()).decode()
    assert await bot.exit_code() == 0
    assert out.startswith("Meta")


async def test_the_console_keeps_per_command_log_lines_out_of_its_answers(
    tmp_path: Path, store_path: Path
) -> None:
    bot = await start(tmp_path, environment(tmp_path), "run", "--db", str(store_path), stdin=b"/lab meta\n")
    assert bot.proc.stdout is not None
    await bot.proc.stdout.read()
    assert await bot.exit_code() == 0
    assert "running the console" in bot.log()
    assert "command platform=console" not in bot.log()


# -- logs, Slack HTTP mode, digest -----------------------------------------------------------------


def slack_env(tmp_path: Path, slack: FakeSlack, **extra: str) -> dict[str, str]:
    """Slack only (Socket Mode unless extra says otherwise)."""
    base = {
        "SLACK_BOT_TOKEN": slack.bot_token,
        "SLACK_APP_TOKEN": slack.app_token,
        "LABNOTES_SLACK_API": slack.api_base,
    }
    return environment(tmp_path, **(base | extra))


async def test_json_logs_give_one_line_per_command_with_platform_latency_and_outcome(
    tmp_path: Path, store_path: Path, fake_slack: GatedSlack
) -> None:
    env = slack_env(tmp_path, fake_slack, LABNOTES_LOG_FORMAT="json")
    bot = await start(tmp_path, env, "run", "--db", str(store_path))
    try:
        await bot.wait_line(r"labnotes running")
        await fake_slack.send_envelope("slash_commands", fake_slack.slash_payload("/lab", "meta"))
        await bot.wait_line(r'"event": "command"')
    finally:
        bot.proc.send_signal(signal.SIGTERM)
    assert await bot.exit_code() == 0
    records = [json.loads(line) for line in bot.lines]  # every line is one JSON object
    [command] = [r for r in records if r.get("event") == "command"]
    assert (command["platform"], command["command"], command["outcome"]) == ("slack", "/lab", "ok")
    assert isinstance(command["latency_ms"], float)
    assert fake_slack.bot_token not in bot.log()


async def test_slack_http_mode_serves_healthz_on_its_own_server(
    tmp_path: Path, store_path: Path, fake_slack: GatedSlack
) -> None:
    config = tmp_path / "labnotes.yaml"
    config.write_text("slack:\n  mode: http\n  host: 127.0.0.1\n  port: 0\n", encoding="utf-8")
    env = slack_env(
        tmp_path, fake_slack, SLACK_APP_TOKEN="", SLACK_SIGNING_SECRET="8f742231b10e8888abcd99yyyzzz85a5"
    )
    bot = await start(tmp_path, env, "--config", str(config), "run", "--db", str(store_path))
    try:
        port = (
            await bot.wait_line(r"health: http://127\.0\.0\.1:(\d+)/healthz \(on the Slack server\)")
        ).group(1)
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                status, body = response.status, await response.json()
            async with session.post(f"http://127.0.0.1:{port}/slack/events", data="x") as response:
                unsigned = response.status
    finally:
        bot.proc.send_signal(signal.SIGTERM)
    assert await bot.exit_code() == 0
    assert (status, body["adapters"]) == (200, {"slack": {"enabled": True, "connected": True}})
    assert unsigned == 401  # the same server is Slack's: it refuses an unsigned request


async def test_labnotes_digest_posts_what_is_due_once_and_exits(
    tmp_path: Path, store_path: Path, fake_slack: GatedSlack
) -> None:
    store = await Store.open(store_path)
    try:
        await subscribe(
            store,
            platform="slack",
            channel_id="C0GENERAL",
            workspace_id=fake_slack.team_id,
            schedule=DailySchedule.parse("09:00", "UTC"),
            timezone="UTC",
            created_by="U0ADMIN",
            now=datetime.now(UTC) - timedelta(days=2),
        )
    finally:
        await store.close()
    env = slack_env(tmp_path, fake_slack)
    first = await start(tmp_path, env, "digest", "--db", str(store_path))
    assert first.proc.stdout is not None
    first_out = (await first.proc.stdout.read()).decode()
    assert await first.exit_code() == 0
    second = await start(tmp_path, env, "digest", "--db", str(store_path))
    assert second.proc.stdout is not None
    second_out = (await second.proc.stdout.read()).decode()
    assert await second.exit_code() == 0
    # The count depends on the wall clock (was the seed ingested before the last 09:00 UTC?).
    assert re.fullmatch(r"sent      slack C0GENERAL: \d+ notes?\n", first_out)
    assert second_out == "no digest is due\n"
    assert len(fake_slack.channels["C0GENERAL"]) == 1
    assert fake_slack.socket_connections == 0  # posting needs no Socket Mode connection


async def test_an_adapter_that_dies_later_is_reported_and_the_other_keeps_answering(
    tmp_path: Path, store_path: Path, fake_discord: tuple[FakeDiscord, Guild], fake_slack: GatedSlack
) -> None:
    discord, _ = fake_discord
    bot = await start(tmp_path, fakes_env(tmp_path, discord, fake_slack), "run", "--db", str(store_path))
    try:
        await bot.wait_line(r"labnotes running: discord, slack")
        await discord.drop_gateway(code=4004)  # Discord revoked the token: not resumable
        failure = await bot.wait_line(r"adapter discord failed: stopped: (.*)$")
        status, body = await get_health(bot)
        await fake_slack.send_envelope("slash_commands", fake_slack.slash_payload("/lab", "meta"))
        [answer] = await fake_slack.wait_responses(1)
    finally:
        bot.proc.send_signal(signal.SIGTERM)
    assert await bot.exit_code() == 0
    assert "4004" in failure.group(1)
    assert status == 503
    assert body["adapters"]["discord"] == {
        "enabled": True,
        "connected": False,
        "error": f"stopped: {failure.group(1)}",
        "shard_count": 1,
        "shards": [{"id": 0, "state": "disconnected", "latency_ms": None}],
    }
    assert "Meta" in answer.body["text"]
