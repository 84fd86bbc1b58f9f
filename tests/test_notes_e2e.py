"""End to end through the fake Discord and the fake Slack with the real engine over a writable vault:
a moderator adds a note from an upload and anyone finds it at once with /search."""

from __future__ import annotations

from typing import Any

from adapters.platform import DiscordConfig
from tests.discord_fixtures import fake_discord, running_bot
from tests.fake_discord import MANAGE_GUILD
from tests.fake_slack import FakeSlack
from tests.notes_support import Vault, note_bytes
from tests.slack_fixtures import fake_slack, start_adapter

__all__ = ["fake_slack"]  # the fixture, re-exported for pytest


def embed_text(answer: dict[str, Any]) -> str:
    return repr(answer["embeds"])


async def test_discord_moderator_adds_an_attachment_and_a_member_finds_it_with_search(vault: Vault) -> None:
    async with fake_discord() as fake:
        guild = fake.add_guild()
        note = fake.add_attachment("Llama Weights.md", note_bytes())
        admin = fake.member(guild, name="alice", permissions=MANAGE_GUILD)
        async with running_bot(vault.engine, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake) as bot:
            added = await bot.fake.answered(
                await bot.fake.command(
                    "notes add",
                    {"file": "Llama Weights.md"},
                    guild=guild,
                    member=admin,
                    attachments={"file": note},
                )
            )
            found = await bot.fake.answered(
                await bot.fake.command(
                    "search", {"query": '"Llama weights"'}, guild=guild, member=fake.member(guild)
                )
            )
    assert (
        added.answer["embeds"][0]["title"] == "Added bankless/Llama\\_Weights.md"
    )  # Discord markdown escaped
    assert (vault.notes / "bankless" / "Llama_Weights.md").read_bytes() == note_bytes()
    assert "watch?v=abcdefghijk&t=65s" in embed_text(found.answer)
    added_by = await vault.engine.store.scalar(
        "SELECT added_by FROM sources WHERE path = 'bankless/Llama_Weights.md'"
    )
    assert str(added_by).startswith("Alice (discord:")


async def test_discord_member_without_manage_server_is_refused_and_nothing_changes(vault: Vault) -> None:
    before = (vault.files(), await vault.store_state())
    async with fake_discord() as fake:
        guild = fake.add_guild()
        note = fake.add_attachment("meta.md", note_bytes())
        async with running_bot(vault.engine, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake) as bot:
            refused = await bot.fake.answered(
                await bot.fake.command(
                    "notes add",
                    {"file": "meta.md"},
                    guild=guild,
                    member=fake.member(guild),
                    attachments={"file": note},
                )
            )
    assert refused.ephemeral and refused.answer["embeds"][0]["title"] == "Not allowed"
    assert (vault.files(), await vault.store_state()) == before


async def test_slack_moderator_adds_a_file_and_a_user_finds_it_with_search(
    vault: Vault, fake_slack: FakeSlack
) -> None:
    adapter = await start_adapter(vault.engine, fake_slack)
    try:
        file_id = fake_slack.add_file("meta.md", note_bytes())
        added = await slash(fake_slack, "/notes", f"add {file_id}", user_id="U0ADMIN")
        found = await slash(fake_slack, "/labnotes-search", '"Llama weights"', user_id="U0USER")
    finally:
        await adapter.stop()
    assert added["blocks"][0]["text"]["text"] == "Added bankless/meta.md"
    assert "watch?v=abcdefghijk&t=65s|01:05>" in repr(found["blocks"])
    entries = await vault.engine.store.fetchall("SELECT platform, user_id, action, path FROM audit_log")
    assert [tuple(e) for e in entries] == [("slack", "U0ADMIN", "notes.add", "bankless/meta.md")]


async def slash(fake: FakeSlack, command: str, text: str, user_id: str) -> dict[str, Any]:
    payload = fake.slash_payload(command, text, user_id=user_id)
    before = len(fake.responses)
    await fake.wait_ack(await fake.send_envelope("slash_commands", payload))
    return (await fake.wait_responses(before + 1))[before].body
