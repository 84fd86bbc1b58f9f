"""End to end: the real Engine over ingested notes, the real discord.py client, the fake Discord.

The adapter is started as `labnotes run` starts it: `from_env` with DISCORD_TOKEN and the
LABNOTES_DISCORD_API / LABNOTES_DISCORD_GATEWAY overrides pointing at the fake.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from adapters.discord_bot import COMMANDS_HASH_KEY, DiscordAdapter, from_env
from adapters.discord_names import discord_path
from adapters.platform import DiscordConfig
from bot.commands.engine import Engine
from bot.config import Config
from bot.contracts import Invocation
from bot.reply import Reply
from tests.conftest import CATALOG, CHANNEL, SEED_NOTES, USER, build_store
from tests.discord_fixtures import fake_discord
from tests.fake_discord import MANAGE_GUILD, FakeDiscord, Guild, check_message

pytestmark = pytest.mark.asyncio


@asynccontextmanager
async def discord_bot(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, *, trusted_guild: bool = False
) -> AsyncIterator[tuple[FakeDiscord, Guild, DiscordAdapter]]:
    """The bot connected to a fake with one guild; `trusted_guild` lists it in `discord.guild_ids`."""
    async with fake_discord() as fake:
        guild = fake.add_guild()
        config = DiscordConfig(guild_ids=[int(guild.id)] if trusted_guild else [])
        monkeypatch.setenv("DISCORD_TOKEN", fake.token)
        monkeypatch.setenv("LABNOTES_DISCORD_API", fake.api_base)
        monkeypatch.setenv("LABNOTES_DISCORD_GATEWAY", fake.gateway_url)
        adapter = from_env(engine, config, guild_ready_timeout=0.1)
        assert adapter is not None
        await adapter.start()
        try:
            yield fake, guild, adapter
        finally:
            await adapter.stop()


def write_note(folder: Path, name: str, video_id: str, bullets: list[str]) -> None:
    lines = [
        "---",
        f"title: {name}",
        f"videoId: {video_id}",
        "---",
        "",
        "From: [[bankless]] <br/>",
        "",
        "## Labs",
        "",
    ]
    for i, bullet in enumerate(bullets):
        minutes, seconds = divmod(60 + i * 7, 60)
        stamp = f"00:{minutes:02d}:{seconds:02d}"
        lines.append(f'*   {bullet} <a class="yt-timestamp" data-t="{stamp}">[{stamp}]</a>.')
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name.lower().replace(' ', '_')}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


@asynccontextmanager
async def engine_over(notes: Path, tmp_path: Path) -> AsyncIterator[Engine]:
    db = await build_store(tmp_path / "labnotes.db", notes)
    config = replace(
        Config(), db_path=db, notes_dir=notes, catalog_path=CATALOG, trash_dir=tmp_path / "trash"
    )
    engine = await Engine.open(config)
    try:
        yield engine
    finally:
        await engine.close()


def raw_size(reply: Reply) -> int:
    """Characters the reply holds before any fitting to Discord's limits."""
    return (
        len(reply.title)
        + len(reply.text)
        + sum(len(f.name) + len(f.value) for f in reply.fields)
        + sum(len(c.text) + len(c.note_title) for c in reply.citations)
    )


def top_level_names(engine: Engine) -> list[str]:
    return sorted({discord_path(spec.path, engine.specs).split()[0] for spec in engine.specs})


async def test_login_registers_the_engines_commands(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    async with discord_bot(engine, monkeypatch) as (fake, _, adapter):
        registered = {c["name"]: c for c in fake.global_commands}
        assert adapter.sync_result == "synced"
    assert sorted(registered) == top_level_names(engine)
    lab = registered["lab"]
    assert lab["options"] == [
        {
            "type": 3,
            "name": "name",
            "description": "lab name or alias, e.g. Meta",
            "required": True,
            "autocomplete": True,
        }
    ]
    assert lab["default_member_permissions"] is None
    assert await engine.get_meta(COMMANDS_HASH_KEY) is not None


async def test_lab_meta_is_one_callback_citing_the_second_in_the_video(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with discord_bot(engine, monkeypatch) as (fake, guild, _):
        interaction = await fake.answered(await fake.command("lab", {"name": "meta"}, guild=guild))
    [callback] = interaction.callbacks
    assert callback["type"] == 4
    data: dict[str, Any] = callback["data"]
    check_message(data)
    assert data["allowed_mentions"] == {"parse": []}
    embed = data["embeds"][0]
    assert embed["title"].startswith("Meta")
    assert "[40:45](https://www.youtube.com/watch?v=KIb9LhszOUc&t=2445s)" in embed["description"]
    assert embed["color"] == 0x2ECC71  # open
    assert interaction.ephemeral is False


async def test_autocomplete_me_offers_meta(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    async with discord_bot(engine, monkeypatch) as (fake, guild, _):
        interaction = await fake.command("lab", {"name": "me"}, guild=guild, focused="name")
        await fake.answered(interaction)
    choices = interaction.answer["choices"]
    assert 1 <= len(choices) <= 25
    assert {"name": "Meta", "value": "Meta"} in choices


async def test_an_unknown_lab_gets_did_you_mean(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    async with discord_bot(engine, monkeypatch) as (fake, guild, _):
        interaction = await fake.answered(await fake.command("lab", {"name": "Metta"}, guild=guild))
    fields = {f["name"]: f["value"] for f in interaction.answer["embeds"][0].get("fields", [])}
    assert "Meta" in fields["Did you mean"]


async def test_a_lab_with_hundreds_of_long_claims_is_fitted_and_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = "with a long discussion of licences, weights, datasets and community forks " * 8
    # Each claim in words of its own: near-identical claims seconds apart would be one claim (bot.store.fold).
    bullets = [
        f"**Meta (Llama):** Meta released the weights of Llama {n} "
        + " ".join(f"{w}{n}" for w in detail.split())
        for n in range(300)
    ]
    write_note(tmp_path / "notes", "Meta all day", "AAAAAAAAAAA", bullets)
    async with engine_over(tmp_path / "notes", tmp_path) as engine:
        raw = await engine.handle(Invocation("lab", {"name": "meta"}, USER, CHANNEL))
        assert raw_size(raw) > 6000  # as the core answers it, Discord would refuse it
        async with discord_bot(engine, monkeypatch) as (fake, guild, _):
            interaction = await fake.answered(await fake.command("lab", {"name": "meta"}, guild=guild))
    assert interaction.refused == []
    [callback] = interaction.callbacks
    check_message(callback["data"])
    text = "".join(e.get("description", "") for e in callback["data"]["embeds"])
    assert "…" in text  # claims clipped (and any overflow counted as "…and N more")
    assert "t=60s" in text


async def test_a_claim_with_everyone_pings_nobody(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_note(
        tmp_path / "notes",
        "Pings",
        "BBBBBBBBBBB",
        ["**Meta (Llama):** Meta open-sourced Llama @everyone @here"],
    )
    async with (
        engine_over(tmp_path / "notes", tmp_path) as engine,
        discord_bot(engine, monkeypatch) as (fake, guild, _),
    ):
        interaction = await fake.answered(await fake.command("lab", {"name": "meta"}, guild=guild))
    data = interaction.callbacks[0]["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert interaction.original is not None and interaction.original["mention_everyone"] is False
    description = data["embeds"][0]["description"]
    assert "open-sourced Llama @\u200beveryone @\u200bhere" in description
    assert "@everyone" not in str(data) and "@here" not in str(data)


async def test_a_429_on_the_callback_is_retried_and_the_answer_delivered(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with discord_bot(engine, monkeypatch) as (fake, guild, _):
        fake.rate_limit_next("POST", r"/callback$")
        interaction = await fake.answered(await fake.command("lab", {"name": "meta"}, guild=guild))
    assert fake.rate_limited and interaction.refused == []
    assert "t=2445s" in interaction.answer["embeds"][0]["description"]


async def test_after_a_dropped_gateway_the_bot_resumes_and_answers(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with discord_bot(engine, monkeypatch) as (fake, guild, adapter):
        await fake.drop_gateway()
        await fake.wait_resumed()
        interaction = await fake.answered(await fake.command("lab", {"name": "meta"}, guild=guild))
        assert adapter.connected
    assert (fake.identifies, fake.resumes) == (1, 1)
    assert "t=2445s" in interaction.answer["embeds"][0]["description"]


SEED_NOTE = "open_source_ai_models.md"
NEW_NOTE = """---
title: Mistral Goes Big
videoId: CCCCCCCCCCC
---

From: [[bankless]] <br/>

## Labs

*   **Mistral AI (Mistral):** Mistral AI released the weights of its new model under Apache 2.0 <a class="yt-timestamp" data-t="00:12:34">[00:12:34]</a>.
"""


def seed_copy(tmp_path: Path) -> Path:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / SEED_NOTE).write_bytes((SEED_NOTES / SEED_NOTE).read_bytes())
    return notes


async def test_a_member_without_permission_is_refused_privately_and_nothing_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = seed_copy(tmp_path)
    async with engine_over(notes, tmp_path) as engine:
        async with discord_bot(engine, monkeypatch, trusted_guild=True) as (fake, guild, _):
            member = fake.member(guild, permissions=0)
            interaction = await fake.answered(
                await fake.command("notes remove", {"note": SEED_NOTE}, guild=guild, member=member)
            )
        assert interaction.ephemeral
        assert interaction.answer["embeds"][0]["title"] == "Not allowed"
        assert (notes / SEED_NOTE).exists() and not (tmp_path / "trash").exists()
        assert await engine.autocomplete("note", "") == [SEED_NOTE]


async def test_a_moderator_adds_a_note_by_attaching_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = seed_copy(tmp_path)
    async with engine_over(notes, tmp_path) as engine:
        async with discord_bot(engine, monkeypatch, trusted_guild=True) as (fake, guild, _):
            attachment = fake.add_attachment("mistral_goes_big.md", NEW_NOTE.encode())
            moderator = fake.member(guild, name="mod", permissions=MANAGE_GUILD)
            added = await fake.answered(
                await fake.command(
                    "notes add",
                    {"file": "x"},
                    guild=guild,
                    member=moderator,
                    attachments={"file": attachment},
                )
            )
            lab = await fake.answered(await fake.command("lab", {"name": "Mistral AI"}, guild=guild))
        assert added.ephemeral is False
        assert added.answer["embeds"][0]["title"].startswith("Added")
        assert (notes / "bankless" / "mistral_goes_big.md").read_text(encoding="utf-8") == NEW_NOTE
        assert "t=754s" in lab.answer["embeds"][0]["description"]
