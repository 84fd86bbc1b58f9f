"""The fake Discord refuses what Discord refuses, so a passing adapter test means Discord would accept it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.fake_discord import FakeDiscord, Interaction

pytestmark = pytest.mark.asyncio


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    server.add_guild()
    server.global_commands = [
        {"id": "1", "name": "lab", "type": 1, "options": [{"name": "name", "type": 3, "description": "d"}]}
    ]
    server._live.set()  # no bot connected: interactions are recorded for replay
    yield server
    await server.close()


async def callback(fake: FakeDiscord, interaction: Interaction, body: dict[str, Any]) -> tuple[int, Any]:
    url = f"{fake.api_base}/interactions/{interaction.id}/{interaction.token}/callback?with_response=1"
    async with aiohttp.ClientSession() as session, session.post(url, json=body) as response:
        return response.status, await response.json(content_type=None)


async def lab_meta(fake: FakeDiscord) -> Interaction:
    return await fake.command("lab", {"name": "meta"}, guild=next(iter(fake.guilds.values())))


async def test_answers_are_exactly_application_json(fake: FakeDiscord) -> None:
    headers = {"Authorization": f"Bot {fake.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{fake.api_base}/users/@me", headers=headers) as r,
    ):
        assert r.status == 200
        assert r.headers["Content-Type"] == "application/json"


async def test_a_wrong_token_gets_401(fake: FakeDiscord) -> None:
    headers = {"Authorization": "Bot nope"}
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{fake.api_base}/users/@me", headers=headers) as r,
    ):
        assert r.status == 401


async def test_a_second_initial_response_is_already_acknowledged(fake: FakeDiscord) -> None:
    interaction = await lab_meta(fake)
    assert (await callback(fake, interaction, {"type": 5}))[0] == 200
    status, body = await callback(fake, interaction, {"type": 4, "data": {"content": "late"}})
    assert (status, body["code"]) == (400, 40060)


async def test_a_response_after_the_deadline_is_an_unknown_interaction(fake: FakeDiscord) -> None:
    fake.interaction_deadline = 0.0  # the 3 s have passed
    interaction = await lab_meta(fake)
    status, body = await callback(fake, interaction, {"type": 4, "data": {"content": "hi"}})
    assert (status, body["code"]) == (404, 10062)


async def test_more_than_25_choices_are_refused(fake: FakeDiscord) -> None:
    interaction = await fake.command(
        "lab", {"name": "m"}, guild=next(iter(fake.guilds.values())), focused="name"
    )
    choices = [{"name": f"Lab {n}", "value": f"Lab {n}"} for n in range(26)]
    status, body = await callback(fake, interaction, {"type": 8, "data": {"choices": choices}})
    assert (status, body["code"]) == (400, 50035)


async def test_an_embed_set_over_6000_characters_is_refused(fake: FakeDiscord) -> None:
    interaction = await lab_meta(fake)
    embeds = [{"description": "x" * 4000}, {"description": "y" * 2001}]
    status, body = await callback(fake, interaction, {"type": 4, "data": {"embeds": embeds}})
    assert (status, body["code"]) == (400, 50035)
    assert interaction.refused == [(400, 50035)] and interaction.callbacks == []


async def test_content_over_2000_characters_is_refused(fake: FakeDiscord) -> None:
    interaction = await lab_meta(fake)
    status, _ = await callback(fake, interaction, {"type": 4, "data": {"content": "x" * 2001}})
    assert status == 400


async def test_an_empty_field_value_is_refused(fake: FakeDiscord) -> None:
    interaction = await lab_meta(fake)
    embeds = [{"title": "Meta", "fields": [{"name": "Models", "value": ""}]}]
    status, _ = await callback(fake, interaction, {"type": 4, "data": {"embeds": embeds}})
    assert status == 400


async def test_content_pings_everyone_only_when_allowed_mentions_let_it(fake: FakeDiscord) -> None:
    channel = next(iter(fake.guilds.values())).channel_id
    headers = {"Authorization": f"Bot {fake.token}"}
    url = f"{fake.api_base}/channels/{channel}/messages"
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.post(url, json={"content": "@everyone hi"}) as r:
            assert (await r.json())["mention_everyone"] is True
        async with session.post(
            url, json={"content": "@everyone hi", "allowed_mentions": {"parse": []}}
        ) as r:
            assert (await r.json())["mention_everyone"] is False


async def test_a_rate_limit_answers_429_with_via_and_retry_after(fake: FakeDiscord) -> None:
    fake.rate_limit_next("GET", r"/users/@me$", retry_after=0.25)
    headers = {"Authorization": f"Bot {fake.token}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.get(f"{fake.api_base}/users/@me") as r:
            assert r.status == 429 and r.headers["Via"]
            assert (await r.json())["retry_after"] == 0.25
        async with session.get(f"{fake.api_base}/users/@me") as r:
            assert r.status == 200
