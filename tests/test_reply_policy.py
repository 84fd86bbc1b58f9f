"""Who sees an answer and who may run a command: decided once in the core, the same on every platform.

The policy (bot.reply `is_private`): only the asker sees anything that is not an answer, /help and a
moderator's /notes list; every other answer goes to the channel. The adapters only read
`Reply.ephemeral`; Slack's two admin switches apply in `adapters.slack_render.visibility` alone.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from adapters.discord_render import render_reply as discord_render
from adapters.platform import DiscordConfig, SlackConfig
from adapters.slack_app import SlackAdapter
from adapters.slack_render import render_reply as slack_render
from adapters.slack_render import visibility
from bot.commands.access import authorize
from bot.commands.engine import Engine
from bot.commands.spec import CommandSpec, Permission
from bot.contracts import Invocation
from bot.reply import Reply, markdown
from tests.conftest import CHANNEL, MODERATOR, USER
from tests.discord_fixtures import Running, fake_discord, running_bot
from tests.fake_discord import Interaction
from tests.fake_slack import FakeSlack
from tests.slack_fixtures import RecordingCore, fake_slack, start_adapter

__all__ = ["fake_slack"]  # the fixture, re-exported for pytest


@pytest.fixture
async def slack(engine: Engine, fake_slack: FakeSlack) -> AsyncIterator[SlackAdapter]:
    adapter = await start_adapter(RecordingCore(engine), fake_slack)
    yield adapter
    await adapter.stop()


@asynccontextmanager
async def discord(engine: Engine) -> AsyncIterator[Running]:
    """The real discord.py client over the real engine, in a guild whose moderators it trusts."""
    async with fake_discord() as fake:
        guild = fake.add_guild()
        async with running_bot(engine, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake) as bot:
            yield bot


async def on_slack(fake: FakeSlack, command: str, text: str, user_id: str = "U0USER") -> dict[str, Any]:
    """The answer posted to the response_url of one slash command sent over Socket Mode."""
    before = len(fake.responses)
    envelope = await fake.send_envelope("slash_commands", fake.slash_payload(command, text, user_id=user_id))
    await fake.wait_ack(envelope)
    return (await fake.wait_responses(before + 1))[before].body


async def on_discord(bot: Running, path: str, args: dict[str, Any] | None = None) -> Interaction:
    member = bot.fake.member(bot.guild, permissions=0)
    return await bot.fake.answered(await bot.fake.command(path, args, guild=bot.guild, member=member))


def slack_texts(answer: dict[str, Any]) -> list[str]:
    """Every text of a Slack answer's blocks, in order."""
    texts: list[str] = []
    for block in answer["blocks"]:
        if "text" in block:
            texts.append(block["text"]["text"])
        texts += [e["text"] for e in block.get("elements", []) if "text" in e]
    return texts


# -- the policy, in the core -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["error", "forbidden", "not_found"])
def test_a_reply_that_is_not_an_answer_is_private_however_it_was_built(kind: Any) -> None:
    assert Reply(kind, "Nope").ephemeral


def test_an_answer_is_public_unless_the_core_says_otherwise() -> None:
    assert Reply("ok", "Meta").ephemeral is False


async def test_help_is_private(engine: Engine) -> None:
    reply = await engine.ask("/help", USER, CHANNEL)
    assert (reply.kind, reply.ephemeral) == ("ok", True)


async def test_help_through_an_alias_is_private_too(engine: Engine) -> None:
    assert (await engine.ask("/commands", USER, CHANNEL)).ephemeral


async def test_a_moderators_notes_list_is_private(engine: Engine) -> None:
    reply = await engine.handle(Invocation("notes list", {}, MODERATOR, CHANNEL))
    assert (reply.kind, reply.ephemeral) == ("ok", True)


async def test_an_answer_about_a_lab_goes_to_the_channel(engine: Engine) -> None:
    reply = await engine.ask("/lab meta", USER, CHANNEL)
    assert (reply.kind, reply.ephemeral) == ("ok", False)


async def test_an_unknown_name_is_private_in_the_core(engine: Engine) -> None:
    reply = await engine.ask("/lab metta", USER, CHANNEL)
    assert (reply.kind, reply.ephemeral) == ("not_found", True)


# -- the renderers only read it --------------------------------------------------------------------


def test_discord_shows_privately_exactly_what_the_core_marks_private() -> None:
    private = Reply("ok", "Commands", ephemeral=True)
    assert discord_render(private).ephemeral
    assert discord_render(Reply("ok", "Meta")).ephemeral is False
    assert discord_render(Reply.not_found("No lab called Metta", suggestions=["Meta"])).ephemeral


def test_slack_shows_privately_exactly_what_the_core_marks_private_by_default() -> None:
    config = SlackConfig()
    assert visibility(Reply("ok", "Commands", ephemeral=True), config) == "ephemeral"
    assert visibility(Reply("ok", "Meta"), config) == "in_channel"
    assert visibility(Reply.not_found("No lab called Metta"), config) == "ephemeral"


def test_slack_admins_can_show_non_answers_in_the_channel() -> None:
    config = SlackConfig(errors_ephemeral=False)
    assert visibility(Reply.not_found("No lab called Metta"), config) == "in_channel"
    assert visibility(Reply.error("Bad"), config) == "in_channel"


def test_slack_admins_can_keep_every_answer_private() -> None:
    assert visibility(Reply("ok", "Meta"), SlackConfig(answers_in_channel=False)) == "ephemeral"


# -- end to end: the same on both platforms --------------------------------------------------------


async def test_an_unknown_name_is_private_on_slack_and_on_discord(
    engine: Engine, slack: SlackAdapter, fake_slack: FakeSlack
) -> None:
    on_slack_answer = await on_slack(fake_slack, "/lab", "Metta")
    async with discord(engine) as bot:
        on_discord_answer = await on_discord(bot, "lab", {"name": "Metta"})
    assert on_slack_answer["response_type"] == "ephemeral"
    assert on_discord_answer.ephemeral


async def test_help_is_private_on_slack_and_on_discord(
    engine: Engine, slack: SlackAdapter, fake_slack: FakeSlack
) -> None:
    on_slack_answer = await on_slack(fake_slack, "/labnotes-help", "")
    async with discord(engine) as bot:
        on_discord_answer = await on_discord(bot, "help")
    assert on_slack_answer["response_type"] == "ephemeral"
    assert on_discord_answer.ephemeral


async def test_an_answer_about_a_lab_is_public_on_slack_and_on_discord(
    engine: Engine, slack: SlackAdapter, fake_slack: FakeSlack
) -> None:
    on_slack_answer = await on_slack(fake_slack, "/lab", "Meta")
    async with discord(engine) as bot:
        on_discord_answer = await on_discord(bot, "lab", {"name": "Meta"})
    assert on_slack_answer["response_type"] == "in_channel"
    assert on_discord_answer.ephemeral is False


# -- one moderator check -----------------------------------------------------------------------------

NOTES_ADD = CommandSpec("add", "Add a note", permission=Permission.MODERATOR, group="notes")


def test_authorize_refuses_a_member_a_moderator_command() -> None:
    refusal = authorize(USER, NOTES_ADD)
    assert refusal is not None
    assert (refusal.kind, refusal.title, markdown(refusal.text), refusal.ephemeral) == (
        "forbidden",
        "Not allowed",
        "/notes add is for moderators only.",
        True,
    )


def test_authorize_lets_a_moderator_and_everyone_through_to_what_they_may_run() -> None:
    assert authorize(MODERATOR, NOTES_ADD) is None
    assert authorize(USER, CommandSpec("lab", "A lab")) is None


async def test_a_refused_moderator_command_reads_the_same_on_slack_and_on_discord(
    engine: Engine, slack: SlackAdapter, fake_slack: FakeSlack
) -> None:
    on_slack_answer = await on_slack(fake_slack, "/notes", "list")
    async with discord(engine) as bot:
        on_discord_answer = await on_discord(bot, "notes list")
    embed = on_discord_answer.answer["embeds"][0]
    assert on_slack_answer["response_type"] == "ephemeral" and on_discord_answer.ephemeral
    assert slack_texts(on_slack_answer)[:2] == ["Not allowed", "/notes list is for moderators only."]
    assert (embed["title"], embed["description"]) == ("Not allowed", "/notes list is for moderators only.")


async def test_slack_refuses_a_member_before_fetching_any_file(
    engine: Engine, slack: SlackAdapter, fake_slack: FakeSlack
) -> None:
    core = slack.core
    assert isinstance(core, RecordingCore)
    answer = await on_slack(fake_slack, "/notes", "add F0123ABCDEF")
    assert slack_texts(answer)[:2] == ["Not allowed", "/notes add is for moderators only."]
    assert core.invocations == []  # refused by the adapter's pre-check, in the core's words
    assert fake_slack.calls_of("files.info") == [] and fake_slack.downloads == []


def test_the_slack_renderer_is_not_asked_who_sees_a_reply() -> None:
    # The message is the same whoever sees it: visibility is not the renderer's business.
    public, private = Reply("ok", "Meta", "x"), Reply("ok", "Meta", "x", ephemeral=True)
    assert slack_render(public) == slack_render(private)
