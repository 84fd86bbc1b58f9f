"""What a Discord admin sees of the commands: who sees which, stale sets after a config change, a forced
resync, and a quiet start (real discord.py client against tests/fake_discord.py)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from adapters.discord_bot import COMMANDS_HASH_KEY
from adapters.discord_names import discord_path
from adapters.platform import DiscordConfig
from tests.conftest import CATALOG, REPO
from tests.discord_fixtures import SPECS, TinyCore, fake_discord, make_adapter, running_bot
from tests.fake_discord import MANAGE_GUILD

LABNOTES = [sys.executable, "-m", "adapters.cli"]
STALE = {"name": "retired", "description": "a command an older version registered", "type": 1}


def by_name(commands: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in commands}


# ---- who sees what ----


async def test_moderator_subcommands_of_a_mixed_group_are_a_group_only_moderators_see() -> None:
    async with running_bot(TinyCore()) as bot:
        commands = by_name(bot.fake.global_commands)
    digest, admin = commands["digest"], commands["digest-admin"]
    assert [o["name"] for o in digest["options"]] == ["preview"]
    assert digest["default_member_permissions"] is None
    assert [o["name"] for o in admin["options"]] == ["subscribe"]
    assert int(admin["default_member_permissions"]) == MANAGE_GUILD
    assert admin["dm_permission"] is False


async def test_the_split_command_reaches_the_core_under_its_own_path() -> None:
    core = TinyCore()
    async with fake_discord() as fake:
        guild = fake.add_guild()
        admin = fake.member(guild, permissions=MANAGE_GUILD)
        async with running_bot(core, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake) as bot:
            await bot.fake.answered(
                await bot.fake.command("digest-admin subscribe", {"time": "09:00"}, guild=guild, member=admin)
            )
    [invocation] = core.invocations
    assert (invocation.command, invocation.args, invocation.actor.is_moderator) == (
        "digest subscribe",
        {"time": "09:00"},
        True,
    )


async def test_the_core_still_refuses_a_member_who_reaches_a_hidden_command() -> None:
    async with running_bot(TinyCore()) as bot:
        interaction = await bot.fake.answered(
            await bot.fake.command("digest-admin subscribe", guild=bot.guild)
        )
    assert interaction.ephemeral and interaction.answer["embeds"][0]["title"] == "Not allowed"


def test_discord_paths_name_the_split_group_and_leave_the_rest() -> None:
    assert discord_path("digest subscribe", SPECS) == "digest-admin subscribe"
    assert discord_path("digest preview", SPECS) == "digest preview"
    assert discord_path("notes add", SPECS) == "notes add"  # every /notes subcommand is a moderator's
    assert discord_path("lab", SPECS) == "lab"


# ---- stale command sets ----


async def test_configuring_guilds_after_a_global_sync_empties_the_global_set() -> None:
    core = TinyCore()
    async with fake_discord() as fake:
        guild = fake.add_guild()
        async with running_bot(core, fake=fake):
            pass
        assert "lab" in by_name(fake.global_commands)
        async with running_bot(core, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake) as bot:
            assert bot.adapter.sync_result == "synced"
    assert fake.global_commands == []
    assert "lab" in by_name(fake.guild_commands[guild.id])


async def test_a_guild_taken_out_of_the_config_loses_its_commands() -> None:
    core = TinyCore()
    async with fake_discord() as fake:
        kept, dropped = fake.add_guild("Kept"), fake.add_guild("Dropped")
        both = DiscordConfig(guild_ids=[int(kept.id), int(dropped.id)])
        async with running_bot(core, both, fake=fake):
            pass
        async with running_bot(core, DiscordConfig(guild_ids=[int(kept.id)]), fake=fake):
            pass
    assert fake.guild_commands[dropped.id] == []
    assert "lab" in by_name(fake.guild_commands[kept.id])


async def test_a_global_sync_empties_the_guilds_of_the_last_sync() -> None:
    core = TinyCore()
    async with fake_discord() as fake:
        guild = fake.add_guild()
        async with running_bot(core, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake):
            pass
        async with running_bot(core, fake=fake):
            pass
    assert fake.guild_commands[guild.id] == []
    assert "lab" in by_name(fake.global_commands)


async def test_a_forced_resync_clears_stale_sets_the_hash_calls_unchanged() -> None:
    core = TinyCore()
    async with fake_discord() as fake:
        guild, elsewhere = fake.add_guild(), fake.add_guild("Elsewhere")
        config = DiscordConfig(guild_ids=[int(guild.id)])
        async with running_bot(core, config, fake=fake):
            pass
        # Left by another deployment or a lost store: the hash cannot know about them.
        fake.global_commands = [STALE]
        fake.guild_commands[elsewhere.id] = [STALE]
        assert await make_adapter(fake, core, config).resync() == "synced"
    assert fake.global_commands == []
    assert fake.guild_commands[elsewhere.id] == []
    assert "lab" in by_name(fake.guild_commands[guild.id])


async def test_labnotes_discord_sync_resyncs_from_the_command_line(seed_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "labnotes.db"
    shutil.copy(seed_db, db)  # the sync hash is written to the store
    async with fake_discord() as fake:
        fake.global_commands = [STALE]
        env = {
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(REPO),
            "LABNOTES_CATALOG": str(CATALOG),
            "DISCORD_TOKEN": fake.token,
            "LABNOTES_DISCORD_API": fake.api_base,
        }
        proc = await asyncio.create_subprocess_exec(
            *LABNOTES,
            "discord-sync",
            "--db",
            str(db),
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert (proc.returncode, err.decode()) == (0, "")
    assert out.decode() == "Discord commands registered globally; stale ones removed\n"
    assert "retired" not in by_name(fake.global_commands) and "lab" in by_name(fake.global_commands)
    assert not any(path.endswith("/gateway") for _, path in fake.requests)  # REST only


async def test_an_unchanged_restart_still_puts_nothing() -> None:
    core = TinyCore()
    async with fake_discord() as fake:
        guild = fake.add_guild()
        config = DiscordConfig(guild_ids=[int(guild.id)])
        async with running_bot(core, config, fake=fake):
            pass
        puts = list(fake.command_puts)
        async with running_bot(core, config, fake=fake) as again:
            assert again.adapter.sync_result == "unchanged"
    assert fake.command_puts == puts == [guild.id, "global"]
    assert len(core.meta[COMMANDS_HASH_KEY]) == 64


# ---- a quiet start ----


def test_starting_the_client_does_not_warn_about_voice_libraries() -> None:
    script = (
        "import logging; logging.basicConfig()\n"
        "import discord, adapters.discord_bot\n"
        "discord.Client(intents=discord.Intents(guilds=True))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, "")
