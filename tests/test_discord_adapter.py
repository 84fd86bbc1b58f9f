"""The Discord adapter with the real discord.py client against the fake Discord (a small in-test core)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from adapters.base import AdapterStartError
from adapters.discord_bot import COMMANDS_HASH_KEY, DiscordAdapter, from_env, nonce_for
from adapters.platform import DiscordConfig
from bot.delivery import DeliveryError
from bot.reply import Reply
from tests.discord_fixtures import SEED_CITATION, TinyCore, fake_discord, make_adapter, running_bot
from tests.fake_discord import MANAGE_GUILD, FakeDiscord, Guild

pytestmark = pytest.mark.asyncio


def by_name(commands: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in commands}


def option_shape(command: dict[str, Any]) -> list[tuple[str, int, bool]]:
    return [(o["name"], o["type"], bool(o.get("required"))) for o in command.get("options", [])]


# ---- registration ----


async def test_every_spec_is_registered_globally_with_typed_options() -> None:
    async with running_bot(TinyCore()) as bot:
        commands = by_name(bot.fake.global_commands)
    assert sorted(commands) == [
        "digest",
        "digest-admin",
        "help",
        "lab",
        "labs",
        "notes",
        "openness",
        "search",
    ]
    assert option_shape(commands["lab"]) == [("name", 3, True)]
    assert commands["lab"]["options"][0]["autocomplete"] is True
    assert option_shape(commands["search"]) == [("query", 3, True), ("limit", 4, False)]
    assert option_shape(commands["labs"]) == []


async def test_a_short_choice_list_is_fixed_and_a_long_one_autocompletes() -> None:
    async with running_bot(TinyCore()) as bot:
        sort, topic = by_name(bot.fake.global_commands)["openness"]["options"]
        interaction = await bot.fake.command(
            "openness", {"topic": "topic 1"}, guild=bot.guild, focused="topic"
        )
        await bot.fake.answered(interaction)
    assert [c["value"] for c in sort["choices"]] == ["score", "name", "claims"]
    assert "choices" not in topic and topic["autocomplete"] is True
    assert [c["value"] for c in interaction.answer["choices"]] == [f"topic {n}" for n in range(10, 20)]


async def test_spec_groups_become_subcommands_and_moderator_groups_need_manage_server() -> None:
    async with running_bot(TinyCore()) as bot:
        commands = by_name(bot.fake.global_commands)
    notes, digest = commands["notes"], commands["digest"]
    assert [(o["name"], o["type"]) for o in notes["options"]] == [("add", 1), ("remove", 1)]
    assert option_shape(notes["options"][0]) == [("file", 11, True)]
    assert int(notes["default_member_permissions"]) == MANAGE_GUILD
    assert notes["dm_permission"] is False
    # /digest preview is for everyone, so the group stays visible; subscribe is in /digest-admin
    # (tests/test_discord_sync.py).
    assert [o["name"] for o in digest["options"]] == ["preview"]
    assert digest["default_member_permissions"] is None
    subscribe = commands["digest-admin"]["options"][0]
    assert option_shape(subscribe) == [("time", 3, False), ("quiet", 5, False)]


async def test_configured_guilds_get_the_commands_instead_of_the_global_scope() -> None:
    async with fake_discord() as fake:
        guild = fake.add_guild()
        async with running_bot(TinyCore(), DiscordConfig(guild_ids=[int(guild.id)]), fake=fake):
            pass
    assert fake.command_puts == [guild.id, "global"]  # the global set emptied, so nothing shows twice
    assert fake.global_commands == []
    assert sorted(by_name(fake.guild_commands[guild.id])) == [
        "digest",
        "digest-admin",
        "help",
        "lab",
        "labs",
        "notes",
        "openness",
        "search",
    ]


async def test_a_restart_with_unchanged_commands_does_not_sync_again() -> None:
    core = TinyCore()
    async with fake_discord() as fake:
        async with running_bot(core, fake=fake) as first:
            assert first.adapter.sync_result == "synced"
        async with running_bot(core, fake=fake) as second:
            assert second.adapter.sync_result == "unchanged"
    assert fake.command_puts == ["global"]
    assert len(core.meta[COMMANDS_HASH_KEY]) == 64


async def test_a_changed_command_set_is_synced_again() -> None:
    core = TinyCore(meta={COMMANDS_HASH_KEY: "hash of an older command set"})
    async with running_bot(core) as bot:
        assert bot.adapter.sync_result == "synced"
        assert bot.fake.command_puts == ["global"]


# ---- answering ----


async def test_a_fast_answer_is_one_callback_with_embeds_and_no_mentions() -> None:
    core = TinyCore(replies={"lab": Reply("ok", "Meta", "Meta is open.", citations=[SEED_CITATION])})
    async with running_bot(core) as bot:
        interaction = await bot.fake.answered(
            await bot.fake.command("lab", {"name": "Meta"}, guild=bot.guild)
        )
    [body] = interaction.callbacks
    assert body["type"] == 4
    assert body["data"]["allowed_mentions"] == {"parse": []}
    assert "t=2445s" in body["data"]["embeds"][0]["description"]
    assert core.invocations[0].command == "lab" and core.invocations[0].args == {"name": "Meta"}


async def test_subcommand_options_arrive_as_the_spec_names_and_types() -> None:
    core = TinyCore()
    async with running_bot(core) as bot:
        await bot.fake.answered(
            await bot.fake.command("search", {"query": "open weights", "limit": 3}, guild=bot.guild)
        )
    invocation = core.invocations[0]
    assert (invocation.command, invocation.args) == ("search", {"query": "open weights", "limit": 3})
    assert invocation.channel.id == bot.guild.channel_id and invocation.channel.workspace_id == bot.guild.id
    assert invocation.actor.platform == "discord" and invocation.actor.display_name == "Ada"


async def test_a_slow_answer_is_deferred_then_edited_in() -> None:
    core = TinyCore(gate=asyncio.Event())
    async with running_bot(core, defer_after=0.0) as bot:
        interaction = await bot.fake.command("labs", guild=bot.guild)
        await asyncio.wait_for(interaction.acknowledged.wait(), 10)
        assert interaction.callbacks == [{"type": 5}]
        assert core.gate is not None
        core.gate.set()
        await bot.fake.answered(interaction)
    assert interaction.edits[0]["embeds"][0]["title"] == "/labs"
    assert interaction.edits[0]["allowed_mentions"] == {"parse": []}
    assert interaction.ephemeral is False


async def test_a_refusal_after_a_defer_is_sent_privately_and_the_public_placeholder_removed() -> None:
    core = TinyCore(gate=asyncio.Event())
    async with running_bot(core, defer_after=0.0) as bot:
        interaction = await bot.fake.command("digest-admin subscribe", guild=bot.guild)
        await asyncio.wait_for(interaction.acknowledged.wait(), 10)
        assert core.gate is not None
        core.gate.set()
        await bot.fake.answered(interaction)
    assert interaction.original_deleted
    assert interaction.ephemeral
    assert interaction.answer["embeds"][0]["title"] == "Not allowed"


async def test_a_slow_help_is_awaited_privately_so_nobody_else_sees_a_placeholder() -> None:
    core = TinyCore(gate=asyncio.Event(), replies={"help": Reply("ok", "Help", "…", ephemeral=True)})
    async with running_bot(core, defer_after=0.0) as bot:
        interaction = await bot.fake.command("help", guild=bot.guild)
        await asyncio.wait_for(interaction.acknowledged.wait(), 10)
        assert interaction.callbacks == [{"type": 5, "data": {"flags": 64}}]
        assert core.gate is not None
        core.gate.set()
        await bot.fake.answered(interaction)
    assert not interaction.original_deleted
    assert interaction.ephemeral


async def test_autocomplete_answers_matching_names() -> None:
    async with running_bot(TinyCore()) as bot:
        interaction = await bot.fake.command("lab", {"name": "m"}, guild=bot.guild, focused="name")
        await bot.fake.answered(interaction)
    assert interaction.callbacks[0]["type"] == 8
    assert [c["name"] for c in interaction.answer["choices"]] == ["Meta", "Mistral AI", "Microsoft"]


async def test_a_command_discord_still_shows_but_the_bot_lacks_gets_a_private_error() -> None:
    async with running_bot(TinyCore()) as bot:
        bot.fake.global_commands.append({"id": "9", "name": "retired", "type": 1, "options": []})
        interaction = await bot.fake.answered(await bot.fake.command("retired", guild=bot.guild))
    assert interaction.ephemeral
    assert interaction.answer["embeds"][0]["title"] == "That command is not available"


# ---- moderators ----


async def moderator_flag(
    member: dict[str, Any] | None, fake: FakeDiscord, guild: Guild | None, config: DiscordConfig
) -> bool:
    """Whether the adapter calls this member a moderator, with the commands registered everywhere."""
    async with running_bot(TinyCore(), fake=fake):
        pass  # a global sync, so the commands exist in other guilds and DMs too
    config.sync_commands = False
    core = TinyCore()
    async with running_bot(core, config, fake=fake) as bot:
        await bot.fake.answered(await bot.fake.command("labs", guild=guild, member=member))
    return core.invocations[0].actor.is_moderator


async def test_manage_server_in_a_configured_guild_makes_a_moderator() -> None:
    async with fake_discord() as fake:
        guild = fake.add_guild()
        admin = fake.member(guild, permissions=MANAGE_GUILD)
        assert await moderator_flag(admin, fake, guild, DiscordConfig(guild_ids=[int(guild.id)]))


async def test_manage_server_in_a_guild_not_configured_does_not() -> None:
    async with fake_discord() as fake:
        guild, other = fake.add_guild(), fake.add_guild("Elsewhere")
        admin = fake.member(other, permissions=MANAGE_GUILD)
        assert not await moderator_flag(admin, fake, other, DiscordConfig(guild_ids=[int(guild.id)]))


async def test_a_configured_moderator_role_makes_a_moderator() -> None:
    async with fake_discord() as fake:
        guild = fake.add_guild()
        role = fake.add_role(guild, "note keepers")
        member = fake.member(guild, roles=(role,))
        config = DiscordConfig(guild_ids=[int(guild.id)], moderator_role_ids=[int(role)])
        assert await moderator_flag(member, fake, guild, config)


async def test_a_plain_member_is_not_a_moderator() -> None:
    async with fake_discord() as fake:
        guild = fake.add_guild()
        role = fake.add_role(guild, "note keepers")
        config = DiscordConfig(guild_ids=[int(guild.id)], moderator_role_ids=[int(role)])
        assert not await moderator_flag(fake.member(guild), fake, guild, config)


async def test_nobody_is_a_moderator_in_a_dm() -> None:
    async with fake_discord() as fake:
        guild = fake.add_guild()
        admin = fake.member(guild, permissions=MANAGE_GUILD)
        assert not await moderator_flag(admin, fake, None, DiscordConfig(guild_ids=[int(guild.id)]))


async def test_a_member_without_permission_gets_a_private_refusal_and_nothing_is_loaded() -> None:
    core = TinyCore()
    async with fake_discord() as fake:
        guild = fake.add_guild()
        note = fake.add_attachment("meta.md", b"---\ntitle: x\n---\n")
        async with running_bot(core, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake) as bot:
            interaction = await bot.fake.answered(
                await bot.fake.command(
                    "notes add", {"file": "meta.md"}, guild=guild, attachments={"file": note}
                )
            )
    assert interaction.ephemeral and interaction.answer["embeds"][0]["title"] == "Not allowed"
    assert core.loaded == []
    assert not any(path.startswith("/attachments/") for _, path in fake.requests)


# ---- attachments ----


async def test_an_attachment_is_downloaded_through_the_client() -> None:
    core = TinyCore()
    async with fake_discord() as fake:
        guild = fake.add_guild()
        note = fake.add_attachment("meta.md", b"---\ntitle: Meta\n---\nbody!\n")
        admin = fake.member(guild, permissions=MANAGE_GUILD)
        async with running_bot(core, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake) as bot:
            await bot.fake.answered(
                await bot.fake.command(
                    "notes add", {"file": "x"}, guild=guild, member=admin, attachments={"file": note}
                )
            )
    assert core.loaded == [b"---\ntitle: Meta\n---\nbody!\n"]
    [invocation] = core.invocations
    assert invocation.args == {"file": "meta.md"}
    assert (invocation.attachments[0].name, invocation.attachments[0].size) == ("meta.md", 26)


async def test_an_attachment_over_the_size_limit_is_refused_without_downloading() -> None:
    core = TinyCore()
    async with fake_discord() as fake:
        fake.attachment_size_limit = 100
        guild = fake.add_guild()
        note = fake.add_attachment("big.md", b"x" * 10, size=101)
        admin = fake.member(guild, permissions=MANAGE_GUILD)
        async with running_bot(core, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake) as bot:
            interaction = await bot.fake.answered(
                await bot.fake.command(
                    "notes add", {"file": "x"}, guild=guild, member=admin, attachments={"file": note}
                )
            )
    assert interaction.ephemeral
    assert "101 bytes" in interaction.answer["embeds"][0]["description"]
    assert not any(path.startswith("/attachments/") for _, path in fake.requests)


# ---- resilience ----


async def test_a_429_on_the_callback_is_retried_and_delivered() -> None:
    async with running_bot(TinyCore()) as bot:
        bot.fake.rate_limit_next("POST", r"/interactions/\d+/[^/]+/callback$")
        interaction = await bot.fake.answered(await bot.fake.command("labs", guild=bot.guild))
    assert len(bot.fake.rate_limited) == 1
    assert [c["type"] for c in interaction.callbacks] == [4]


async def test_a_dropped_gateway_is_resumed_and_the_next_command_answered() -> None:
    async with running_bot(TinyCore()) as bot:
        await bot.fake.drop_gateway()
        await bot.fake.wait_resumed()
        interaction = await bot.fake.answered(await bot.fake.command("labs", guild=bot.guild))
        assert bot.adapter.connected
    assert (bot.fake.identifies, bot.fake.resumes) == (1, 1)
    assert interaction.answer["embeds"][0]["title"] == "/labs"


async def test_a_bad_token_stops_start_with_one_clear_error() -> None:
    async with fake_discord() as fake:
        adapter = DiscordAdapter(
            TinyCore(), DiscordConfig(), "not-the-token", api_base=fake.api_base, gateway_url=fake.gateway_url
        )
        with pytest.raises(AdapterStartError, match="DISCORD_TOKEN"):
            await adapter.start()
    assert fake.identifies == 0


async def test_a_fatal_close_code_at_identify_stops_start() -> None:
    async with fake_discord() as fake:
        fake.fatal_identify_code = 4014
        adapter = make_adapter(fake, TinyCore(), DiscordConfig())
        with pytest.raises(AdapterStartError, match="disallowed intents"):
            await adapter.start()


async def test_a_fatal_close_code_later_ends_the_adapter_with_a_clear_error() -> None:
    async with fake_discord() as fake:
        adapter = make_adapter(fake, TinyCore(), DiscordConfig())
        await adapter.start()
        await fake.drop_gateway(code=4004)
        with pytest.raises(AdapterStartError, match="4004: authentication failed"):
            await adapter.wait_closed()
        assert not adapter.connected
        await adapter.stop()


# ---- publishing (digests) ----


async def test_publish_posts_embeds_with_an_enforced_nonce_and_no_mentions() -> None:
    async with running_bot(TinyCore()) as bot:
        assert bot.adapter.publisher is not None
        reply = Reply("ok", "Daily digest", "1 new note @everyone", citations=[SEED_CITATION])
        message_id = await bot.adapter.publisher.publish(
            bot.guild.channel_id, reply, idempotency_key="sub-1:2025-01-01"
        )
    [message] = bot.fake.messages[bot.guild.channel_id]
    assert message["id"] == message_id
    assert message["nonce"] == nonce_for("sub-1:2025-01-01") and len(message["nonce"]) <= 25
    assert message["allowed_mentions"] == {"parse": []} and message["mention_everyone"] is False
    assert message["embeds"][0]["footer"]["text"].endswith(f"ref {nonce_for('sub-1:2025-01-01')}")


async def test_publishing_the_same_key_twice_posts_once() -> None:
    async with running_bot(TinyCore()) as bot:
        publisher = bot.adapter.publisher
        assert publisher is not None
        first = await publisher.publish(bot.guild.channel_id, Reply("ok", "Digest"), idempotency_key="k")
        second = await publisher.publish(bot.guild.channel_id, Reply("ok", "Digest"), idempotency_key="k")
    assert first == second and len(bot.fake.messages[bot.guild.channel_id]) == 1


async def test_already_posted_finds_an_earlier_post_by_its_footer_marker() -> None:
    async with running_bot(TinyCore()) as bot:
        publisher = bot.adapter.publisher
        assert publisher is not None
        channel = bot.guild.channel_id
        assert await publisher.already_posted(channel, "sub-1:2025-01-02") is None
        posted = await publisher.publish(channel, Reply("ok", "Digest"), idempotency_key="sub-1:2025-01-02")
        await publisher.publish(channel, Reply("ok", "Other"), idempotency_key="sub-2:2025-01-02")
        assert await publisher.already_posted(channel, "sub-1:2025-01-02") == posted


async def test_publishing_to_an_unknown_channel_is_a_permanent_delivery_error() -> None:
    async with running_bot(TinyCore()) as bot:
        assert bot.adapter.publisher is not None
        with pytest.raises(DeliveryError) as caught:
            await bot.adapter.publisher.publish("42", Reply("ok", "Digest"), idempotency_key="k")
    assert caught.value.permanent


# ---- composition ----


async def test_from_env_is_off_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert from_env(TinyCore(), DiscordConfig()) is None


async def test_from_env_reads_the_token_and_the_url_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    async with fake_discord() as fake:
        monkeypatch.setenv("DISCORD_TOKEN", fake.token)
        monkeypatch.setenv("LABNOTES_DISCORD_API", fake.api_base)
        monkeypatch.setenv("LABNOTES_DISCORD_GATEWAY", fake.gateway_url)
        guild = fake.add_guild()
        monkeypatch.setenv("LABNOTES_DISCORD_GUILD_READY_TIMEOUT", "0.1")
        adapter = from_env(TinyCore(), DiscordConfig())
        assert adapter is not None
        await adapter.start()
        try:
            interaction = await fake.answered(await fake.command("labs", guild=guild))
        finally:
            await adapter.stop()
    assert interaction.answer["embeds"][0]["title"] == "/labs"
