"""Slack: a chart is uploaded with the files API v2 beside the answer, against a fake that checks each
step the way Slack does (scope, announced length, known file id, channel membership)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack_app import SlackAdapter
from adapters.slack_manifest import build_manifest, registered_specs
from adapters.slack_render import CHART_SKIPPED
from bot.commands.engine import Engine
from tests.fake_slack import FakeSlack
from tests.slack_fixtures import fake_slack, start_adapter

__all__ = ["fake_slack"]  # the fixture, re-exported for pytest

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
async def adapter(engine: Engine, fake_slack: FakeSlack) -> AsyncIterator[SlackAdapter]:
    started = await start_adapter(engine, fake_slack, mode="socket")
    try:
        yield started
    finally:
        await started.stop()


async def run(fake: FakeSlack, text: str = "", channel_id: str = "C0GENERAL") -> None:
    payload = fake.slash_payload("/openness", text, channel_id=channel_id)
    await fake.wait_ack(await fake.send_envelope("slash_commands", payload))


def texts(fake: FakeSlack) -> list[str]:
    return [str(r.body.get("text")) for r in fake.responses]


async def test_the_ranking_chart_is_uploaded_to_the_channel_in_the_three_v2_steps(
    adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    await run(fake_slack)
    await fake_slack.wait_for(lambda: bool(fake_slack.shared))
    (answer,) = fake_slack.responses
    (chart,) = fake_slack.shared
    methods = [m for m, _ in fake_slack.calls if m.startswith("files.")]
    assert methods == ["files.getUploadURLExternal", "files.completeUploadExternal"]
    assert answer.body["response_type"] == "in_channel"
    assert (chart.channel, chart.filename, chart.mimetype) == ("C0GENERAL", "chart.png", "image/png")
    assert chart.data.startswith(PNG_MAGIC) and chart.title == "Openness of AI labs"
    assert chart.alt_txt is not None and chart.alt_txt.startswith("Openness of AI labs: bar chart of")


async def test_an_answer_only_the_asker_sees_goes_without_its_chart_and_says_so(
    engine: Engine, fake_slack: FakeSlack
) -> None:
    private = await start_adapter(engine, fake_slack, mode="socket", answers_in_channel=False)
    try:
        await run(fake_slack)
        (answer,) = await fake_slack.wait_responses(1)
    finally:
        await private.stop()
    assert answer.body["response_type"] == "ephemeral"
    assert answer.body["blocks"][-2] == {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": CHART_SKIPPED, "verbatim": True}],
    }
    assert fake_slack.calls_of("files.getUploadURLExternal") == [] and fake_slack.shared == []


async def test_without_files_write_the_asker_is_told_slack_refused_the_chart(
    adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    fake_slack.scopes.discard("files:write")
    await run(fake_slack)
    answer, notice = await fake_slack.wait_responses(2)
    assert answer.body["response_type"] == "in_channel"
    assert notice.body == {
        "text": "The chart could not be posted (Slack says missing_scope).",
        "response_type": "ephemeral",
    }
    assert fake_slack.shared == []


async def test_in_a_public_channel_the_bot_is_not_in_it_joins_and_posts_the_chart(
    adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    fake_slack.add_channel("C0PUBLIC", member=False)
    await run(fake_slack, channel_id="C0PUBLIC")
    await fake_slack.wait_for(lambda: bool(fake_slack.shared))
    assert [c.channel for c in fake_slack.shared] == ["C0PUBLIC"]
    assert fake_slack.calls_of("conversations.join") == [{"channel": "C0PUBLIC"}]


async def test_in_a_private_channel_the_bot_is_not_in_the_asker_is_told_to_invite_it(
    adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    fake_slack.add_channel("C0PRIVATE", member=False, private=True)
    await run(fake_slack, channel_id="C0PRIVATE")
    _, notice = await fake_slack.wait_responses(2)
    assert notice.body["text"] == (
        "The chart could not be posted (Slack says not_in_channel). Invite the bot to this channel to see "
        "charts here."
    )
    assert fake_slack.shared == []


async def test_one_lab_s_evidence_uploads_nothing(adapter: SlackAdapter, fake_slack: FakeSlack) -> None:
    await run(fake_slack, "xai")
    (answer,) = await fake_slack.wait_responses(1)
    assert CHART_SKIPPED not in str(answer.body) and fake_slack.calls_of("files.getUploadURLExternal") == []


def test_the_manifest_asks_for_files_write() -> None:
    assert "files:write" in build_manifest(registered_specs())["oauth_config"]["scopes"]["bot"]


# -- the fake refuses what Slack refuses ---------------------------------------------------------


async def _client(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token=fake.bot_token, base_url=fake.api_base)


async def test_fake_refuses_bytes_of_another_length_than_announced(fake_slack: FakeSlack) -> None:
    client = await _client(fake_slack)
    got: dict[str, Any] = (await client.files_getUploadURLExternal(filename="c.png", length=10)).data  # type: ignore[assignment]
    async with aiohttp.ClientSession() as session, session.post(got["upload_url"], data=b"12345") as resp:
        assert resp.status == 400
    with pytest.raises(SlackApiError) as refused:
        await client.files_completeUploadExternal(files=[{"id": got["file_id"]}], channel_id="C0GENERAL")
    assert refused.value.response["error"] == "file_not_found"  # its bytes never arrived


async def test_fake_refuses_to_complete_an_unknown_file_id(fake_slack: FakeSlack) -> None:
    client = await _client(fake_slack)
    with pytest.raises(SlackApiError) as refused:
        await client.files_completeUploadExternal(files=[{"id": "F00000000"}], channel_id="C0GENERAL")
    assert refused.value.response["error"] == "file_not_found"
