"""The core names its commands through a span; each platform fills in the name its users type.

Slack keeps `/search` and `/help` for itself, so there the bot's are `/labnotes-search` and
`/labnotes-help` (adapters.platform: the Slack descriptor's naming rule); Discord and the console say
`/search`; the `--json` contract keeps `/search`, as it always has.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.console_render import render_text
from adapters.discord_render import render_reply as discord_render
from adapters.slack_app import SlackAdapter
from adapters.slack_manifest import build_manifest
from adapters.slack_render import render_reply as slack_render
from bot.commands.engine import Engine
from bot.reply import Reply, slash
from tests.conftest import CHANNEL, USER
from tests.discord_fixtures import fake_discord, running_bot
from tests.fake_slack import FakeSlack
from tests.slack_fixtures import RecordingCore, fake_slack, start_adapter
from tests.test_reply_policy import on_slack, slack_texts

__all__ = ["fake_slack"]  # the fixture, re-exported for pytest

# `/search` or `/help` as a whole command name (not the end of `/labnotes-search`).
SLACKS_OWN = re.compile(r"(?<![\w-])/(?:search|help)\b")


@pytest.fixture
async def slack(engine: Engine, fake_slack: FakeSlack) -> AsyncIterator[SlackAdapter]:
    adapter = await start_adapter(RecordingCore(engine), fake_slack)
    yield adapter
    await adapter.stop()


def embed_texts(answer: dict[str, Any]) -> list[str]:
    embed = answer["embeds"][0]
    fields = [text for f in embed.get("fields", []) for text in (f["name"], f["value"])]
    return [embed.get("title", ""), embed.get("description", ""), *fields]


# -- Slack ---------------------------------------------------------------------------------------------


async def test_slack_help_names_the_commands_slack_users_type(
    slack: SlackAdapter, fake_slack: FakeSlack
) -> None:
    texts = slack_texts(await on_slack(fake_slack, "/labnotes-help", ""))
    assert "*/labnotes-search QUERY*" in "\n".join(texts)
    assert "*/lab NAME*" in "\n".join(texts)
    assert [t for t in texts if SLACKS_OWN.search(t)] == []


async def test_slack_help_for_one_command_is_titled_with_its_slack_name(
    slack: SlackAdapter, fake_slack: FakeSlack
) -> None:
    texts = slack_texts(await on_slack(fake_slack, "/labnotes-help", "search"))
    assert texts[0] == "/labnotes-search"
    assert "e.g. /labnotes-search" in "\n".join(texts)


async def test_slack_points_to_labnotes_help_for_the_list_of_commands(
    slack: SlackAdapter, fake_slack: FakeSlack
) -> None:
    texts = slack_texts(await on_slack(fake_slack, "/labnotes-help", "nosuch"))
    assert texts[:2] == ["No command /nosuch", "Type /labnotes-help for the list of commands."]


async def test_a_slack_argument_error_shows_the_usage_with_the_slack_name(
    slack: SlackAdapter, fake_slack: FakeSlack
) -> None:
    texts = slack_texts(await on_slack(fake_slack, "/labnotes-search", ""))
    assert texts[0] == "Invalid arguments for /labnotes-search"
    assert "Usage: /labnotes-search QUERY" in texts[1]
    assert texts[1].startswith("Missing `query`: ")  # the parameter as code, not look-alike backticks


def test_a_slack_suggestion_names_the_command_as_slack_does() -> None:
    message = slack_render(Reply.not_found("Unknown command /serch", suggestions=[slash("search")]))
    assert "Did you mean: /labnotes-search" in str(message.blocks)


def test_the_slack_manifest_and_the_renderer_agree_on_every_name(engine: Engine) -> None:
    registered = {c["command"] for c in build_manifest(engine.specs)["features"]["slash_commands"]}
    for top in {(spec.group or spec.name) for spec in engine.specs}:
        rendered = slack_render(Reply("ok", slash(top))).blocks[0]["text"]["text"]
        assert rendered in registered, top


# -- Discord, the console, the JSON contract ----------------------------------------------------------


async def test_discord_help_names_the_commands_with_their_own_names(engine: Engine) -> None:
    async with fake_discord() as fake:
        guild = fake.add_guild()
        async with running_bot(engine, fake=fake) as bot:
            interaction = await bot.fake.answered(await bot.fake.command("help", guild=guild))
    texts = embed_texts(interaction.answer)
    assert "/search QUERY" in texts and "/lab NAME" in texts
    assert not any("labnotes-" in t for t in texts)


def test_a_discord_suggestion_names_the_command_with_a_slash() -> None:
    rendered = discord_render(Reply.not_found("Unknown command /serch", suggestions=[slash("search")]))
    assert [(f.name, f.value) for f in rendered.embeds[0].fields] == [("Did you mean", "/search")]


async def test_console_help_names_the_commands_with_their_own_names(engine: Engine) -> None:
    text = render_text(await engine.ask("/help", USER, CHANNEL), width=None)
    assert "\n/search QUERY " in text and "\n/lab NAME " in text


async def test_the_json_contract_still_writes_commands_with_a_slash(engine: Engine) -> None:
    data = (await engine.ask("/lab", USER, CHANNEL)).to_json()
    assert (data["title"], data["text"]) == (
        "Invalid arguments for /lab",
        "Missing `name`: lab name or alias, e.g. Meta.\nUsage: /lab NAME\nExample: /lab meta",
    )


async def test_the_json_contract_suggests_commands_as_typed(engine: Engine) -> None:
    data = (await engine.ask("/serch llama", USER, CHANNEL)).to_json()
    assert data["suggestions"][0] == "/search"
    assert data["text"] == "Type /help for the list of commands."


async def test_an_alias_is_suggested_as_its_command(engine: Engine) -> None:
    # Discord and Slack know no aliases: `/commandz` must not suggest `/commands`.
    data = (await engine.ask("/commandz", USER, CHANNEL)).to_json()
    assert data["suggestions"] == ["/help", "/compare"]  # /compare is close to "commandz" in its own right
