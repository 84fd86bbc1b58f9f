"""The fake Slack is only useful if it refuses what Slack refuses: these pin its strictness."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from tests.fake_slack import FakeSlack, block_errors
from tests.slack_fixtures import fake_slack

__all__ = ["fake_slack"]


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def test_valid_blocks_have_no_errors() -> None:
    header = {"type": "header", "text": {"type": "plain_text", "text": "h" * 150}}
    fields = {"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * 2000}] * 10}
    context = {"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 10}
    assert block_errors([header, _section("s" * 3000), fields, context, {"type": "divider"}] * 10) == []


def test_limits_slack_enforces_are_refused() -> None:
    assert block_errors([_section("x")] * 51) == ["blocks: must be less than 51 items"]
    assert block_errors([_section("x" * 3001)]) == ["[0].text: must be less than 3001 characters"]
    header = {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}
    assert block_errors([header]) == ["[0].text: must be less than 151 characters"]
    fields = {"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}
    assert block_errors([fields]) == ["[0].fields: must be 1 to 10 items"]


def test_malformed_blocks_are_refused() -> None:
    assert block_errors({"type": "section"}) == ["blocks: must be an array"]
    assert block_errors([{"type": "section"}]) == ["[0]: must provide text or fields"]
    assert block_errors([{"type": "header", "text": {"type": "mrkdwn", "text": "h"}}]) == [
        "[0].text: must be plain_text"
    ]
    assert block_errors([_section("")]) == ["[0].text: must be more than 0 characters"]
    assert block_errors([{"type": "banner"}]) == ["[0]: unsupported block type 'banner'"]


async def test_response_url_refuses_invalid_json_and_oversized_blocks(fake_slack: FakeSlack) -> None:
    async with aiohttp.ClientSession() as session:
        bad_json = await session.post(fake_slack.response_url(), data="{not json")
        too_many = await session.post(
            fake_slack.response_url(), json={"text": "t", "blocks": [_section("x")] * 51}
        )
        fine = await session.post(fake_slack.response_url(), json={"text": "t", "blocks": [_section("x")]})
    assert (bad_json.status, too_many.status, fine.status) == (400, 400, 200)
    assert len(fake_slack.responses) == 1


async def test_web_api_refuses_a_wrong_token_and_invalid_blocks(fake_slack: FakeSlack) -> None:
    url = fake_slack.api_base + "chat.postMessage"
    body = {"channel": "C0GENERAL", "text": "t", "blocks": [_section("x" * 3001)]}
    async with aiohttp.ClientSession() as session:
        wrong = await session.post(url, json=body, headers={"Authorization": "Bearer xoxb-wrong"})
        invalid = await session.post(
            url, json=body, headers={"Authorization": f"Bearer {fake_slack.bot_token}"}
        )
        form = await session.post(
            url,
            data={"channel": "C0GENERAL", "blocks": "[{"},
            headers={"Authorization": f"Bearer {fake_slack.bot_token}"},
        )
        answers = [json.loads(await r.text())["error"] for r in (wrong, invalid, form)]
    assert answers == ["invalid_auth", "invalid_blocks", "invalid_blocks_format"]
    assert fake_slack.channels["C0GENERAL"] == []


async def test_file_download_without_the_bot_token_gets_a_login_page(fake_slack: FakeSlack) -> None:
    file_id = fake_slack.add_file("n.md", b"note")
    url = f"{fake_slack.base}/files-pri/{file_id}/n.md"
    async with aiohttp.ClientSession() as session:
        anonymous = await session.get(url)
        anonymous_body = await anonymous.read()
        authorized = await session.get(url, headers={"Authorization": f"Bearer {fake_slack.bot_token}"})
        authorized_body = await authorized.read()
    assert anonymous_body.startswith(b"<html>") and authorized_body == b"note"
