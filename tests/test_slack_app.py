"""The real bolt app against the fake Slack: transports, acks, permissions, files, retries, digests."""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.base import AdapterStartError
from adapters.platform import SlackConfig
from adapters.slack_app import SlackAdapter
from bot.commands.engine import Engine
from bot.config import Config
from bot.contracts import Invocation
from bot.digest.scheduler import DigestScheduler
from bot.reply import Citation, Reply
from tests.conftest import build_store
from tests.fake_slack import FakeSlack, form_body, signed_headers
from tests.slack_fixtures import SIGNING_SECRET, RecordingCore, TinyCore, fake_slack, start_adapter

__all__ = ["fake_slack"]  # the fixture, re-exported for pytest


@pytest.fixture
def core(engine: Engine) -> RecordingCore:
    """The real command core over the ingested seed note (conftest), recording what it is asked."""
    return RecordingCore(engine)


@pytest.fixture
async def socket_adapter(core: RecordingCore, fake_slack: FakeSlack) -> AsyncIterator[SlackAdapter]:
    adapter = await start_adapter(core, fake_slack, mode="socket")
    yield adapter
    await adapter.stop()


@pytest.fixture
async def http_adapter(core: RecordingCore, fake_slack: FakeSlack) -> AsyncIterator[SlackAdapter]:
    adapter = await start_adapter(core, fake_slack, mode="http")
    yield adapter
    await adapter.stop()


async def post_command(
    adapter: SlackAdapter,
    fields: dict[str, str],
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
) -> aiohttp.ClientResponse:
    body = form_body(fields)
    url = f"http://127.0.0.1:{adapter.port}{adapter.config.path}"
    async with aiohttp.ClientSession() as session:
        resp = await session.post(url, data=body, headers=signed_headers(secret, body, timestamp=timestamp))
        await resp.read()
        return resp


async def slash(fake: FakeSlack, command: str, text: str, user_id: str = "U0USER") -> dict[str, Any]:
    """Send a slash command over Socket Mode and return the answer posted to its response_url."""
    payload = fake.slash_payload(command, text, user_id=user_id)
    before = len(fake.responses)
    envelope = await fake.send_envelope("slash_commands", payload)
    await fake.wait_ack(envelope)
    responses = await fake.wait_responses(before + 1)
    return responses[before].body


# -- HTTP mode -------------------------------------------------------------------------------------


async def test_http_signed_command_is_acked_then_answered_citing_the_second(
    http_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    resp = await post_command(http_adapter, fake_slack.slash_payload("/lab", "meta"))
    assert resp.status == 200
    (answer,) = await fake_slack.wait_responses(1)
    assert answer.body["response_type"] == "in_channel"
    assert "watch?v=KIb9LhszOUc&t=2445s|40:45>" in repr(answer.body["blocks"])


async def test_http_ack_is_sent_before_the_answer_exists(
    http_adapter: SlackAdapter, core: RecordingCore, fake_slack: FakeSlack
) -> None:
    core.gate = asyncio.Event()
    resp = await post_command(http_adapter, fake_slack.slash_payload("/lab", "meta"))
    assert resp.status == 200
    assert len(core.invocations) == 1 and fake_slack.responses == []
    core.gate.set()
    (answer,) = await fake_slack.wait_responses(1)
    assert "t=2445s" in repr(answer.body["blocks"])


async def test_http_forged_signature_is_refused_and_nothing_runs(
    http_adapter: SlackAdapter, core: RecordingCore, fake_slack: FakeSlack
) -> None:
    resp = await post_command(http_adapter, fake_slack.slash_payload("/lab", "meta"), secret="not-the-secret")
    assert resp.status == 401
    assert core.invocations == [] and fake_slack.responses == []


async def test_http_six_minute_old_request_is_refused_and_nothing_runs(
    http_adapter: SlackAdapter, core: RecordingCore, fake_slack: FakeSlack
) -> None:
    stale = int(time.time()) - 6 * 60
    resp = await post_command(http_adapter, fake_slack.slash_payload("/lab", "meta"), timestamp=stale)
    assert resp.status == 401
    assert core.invocations == [] and fake_slack.responses == []


async def test_http_mode_can_share_an_existing_aiohttp_app(fake_slack: FakeSlack) -> None:
    from aiohttp import web

    shared = web.Application()
    adapter = SlackAdapter(
        TinyCore(), SlackConfig(mode="http"), fake_slack.bot_token, signing_secret="s", web_app=shared
    )
    assert adapter.web_app is shared
    assert [r.resource.canonical for r in shared.router.routes() if r.method == "POST" and r.resource] == [
        "/slack/events"
    ]


# -- Socket Mode -----------------------------------------------------------------------------------


async def test_socket_mode_envelope_is_acked_and_answered(
    socket_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    answer = await slash(fake_slack, "/lab", "meta")
    assert "t=2445s" in repr(answer["blocks"])
    assert fake_slack.calls_of("apps.connections.open") != []


async def test_group_command_takes_the_subcommand_from_the_text(
    socket_adapter: SlackAdapter, core: RecordingCore, fake_slack: FakeSlack
) -> None:
    await slash(fake_slack, "/digest", "")
    await slash(fake_slack, "/digest", "list")
    assert [inv.command for inv in core.invocations] == ["digest preview", "digest list"]


async def test_socket_mode_reconnects_when_slack_asks_and_keeps_answering(
    socket_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    await fake_slack.send_disconnect()
    # the old connection is closed, so no envelope can be answered twice
    await fake_slack.wait_for(lambda: fake_slack.socket_connections == 2 and fake_slack.live_sockets == 1)
    answer = await slash(fake_slack, "/lab", "meta")
    assert "t=2445s" in repr(answer["blocks"])
    assert len(fake_slack.calls_of("apps.connections.open")) == 2


async def test_a_command_slack_reserves_is_reached_through_its_prefixed_name(
    socket_adapter: SlackAdapter, core: RecordingCore, fake_slack: FakeSlack
) -> None:
    await slash(fake_slack, "/labnotes-search", "open weights")
    assert [(inv.command, inv.args) for inv in core.invocations] == [("search", {"query": "open weights"})]


async def test_text_that_cannot_be_parsed_gets_an_ephemeral_usage(
    socket_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    answer = await slash(fake_slack, "/lab", "")
    assert answer["response_type"] == "ephemeral"
    assert "Usage: /lab NAME" in repr(answer["blocks"])


async def test_unknown_name_gets_did_you_mean_only_for_the_asker(
    socket_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    answer = await slash(fake_slack, "/lab", "metta")
    assert answer["response_type"] == "ephemeral"
    assert "Did you mean: Meta" in repr(answer["blocks"])


async def test_errors_can_be_shown_in_the_channel_by_configuration(
    core: RecordingCore, fake_slack: FakeSlack
) -> None:
    adapter = await start_adapter(core, fake_slack, errors_ephemeral=False)
    try:
        answer = await slash(fake_slack, "/lab", "")
    finally:
        await adapter.stop()
    assert answer["response_type"] == "in_channel"


# -- moderators and files (a writable vault: the seed note copied into tmp_path) ------------------------

NEW_NOTE = b"""---
title: Hummingbird Models
videoId: HmBrd123456
---

From: [[bankless]] <br/>

## Labs

*   **Mistral:** Mistral released the hummingbird weights as open source \
<a class="yt-timestamp" data-t="00:05:00">[00:05:00]</a>.
"""


@pytest.fixture
async def vault(tmp_path: Path, seed_config: Config) -> AsyncIterator[tuple[RecordingCore, Path]]:
    """The real engine over a store and notes folder of its own, which /notes add may change."""
    notes = tmp_path / "notes"
    shutil.copytree(seed_config.notes_dir, notes)
    db = await build_store(tmp_path / "vault.db", notes)
    engine = await Engine.open(
        replace(seed_config, db_path=db, notes_dir=notes, trash_dir=tmp_path / "trash")
    )
    yield RecordingCore(engine), notes
    await engine.close()


@pytest.fixture
async def vault_adapter(
    vault: tuple[RecordingCore, Path], fake_slack: FakeSlack
) -> AsyncIterator[SlackAdapter]:
    adapter = await start_adapter(vault[0], fake_slack)
    yield adapter
    await adapter.stop()


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


async def test_moderator_adds_a_note_from_a_slack_file_and_search_finds_it(
    vault_adapter: SlackAdapter, vault: tuple[RecordingCore, Path], fake_slack: FakeSlack
) -> None:
    file_id = fake_slack.add_file("hummingbird.md", NEW_NOTE)
    link = f"https://labnotes.slack.com/files/U0ADMIN/{file_id}/hummingbird.md"
    added = await slash(fake_slack, "/notes", f"add {link}", user_id="U0ADMIN")
    assert added["blocks"][0]["text"]["text"].startswith("Added ")
    assert "bankless/hummingbird.md" in _files(vault[1])
    assert fake_slack.downloads == [(file_id, True)]  # fetched with the bot token
    found = await slash(fake_slack, "/labnotes-search", "hummingbird")
    assert "watch?v=HmBrd123456&t=300s|05:00>" in repr(found["blocks"])


async def test_moderator_command_from_a_non_moderator_is_refused_and_nothing_changes(
    vault_adapter: SlackAdapter, vault: tuple[RecordingCore, Path], fake_slack: FakeSlack
) -> None:
    core, notes = vault
    before = _files(notes)
    file_id = fake_slack.add_file("hummingbird.md", NEW_NOTE)
    answer = await slash(fake_slack, "/notes", f"add {file_id}", user_id="U0USER")
    assert answer["response_type"] == "ephemeral"
    assert answer["blocks"][0]["text"]["text"] == "Not allowed"
    assert core.invocations == [] and fake_slack.calls_of("files.info") == []
    assert _files(notes) == before
    found = await slash(fake_slack, "/labnotes-search", "hummingbird")
    assert found["blocks"][0]["text"]["text"].startswith("No claims match")


async def test_workspace_admin_is_a_moderator_looked_up_once(
    vault_adapter: SlackAdapter, vault: tuple[RecordingCore, Path], fake_slack: FakeSlack
) -> None:
    for _ in range(2):
        answer = await slash(fake_slack, "/notes", "list", user_id="U0ADMIN")
        assert answer["blocks"][0]["text"]["text"] != "Not allowed"
    assert [c["user"] for c in fake_slack.calls_of("users.info")] == ["U0ADMIN"]
    assert [inv.actor.is_moderator for inv in vault[0].invocations] == [True, True]


async def test_admin_of_another_workspace_is_not_a_moderator(
    vault_adapter: SlackAdapter, vault: tuple[RecordingCore, Path], fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("U0GUEST", "guest", admin=True, team_id="T0OTHER")
    answer = await slash(fake_slack, "/notes", "list", user_id="U0GUEST")
    assert answer["blocks"][0]["text"]["text"] == "Not allowed"
    assert vault[0].invocations == []


async def test_configured_moderators_replace_the_admin_rule(
    core: RecordingCore, fake_slack: FakeSlack
) -> None:
    adapter = await start_adapter(core, fake_slack, moderator_user_ids=["U0USER"])
    try:
        assert await adapter.is_moderator("U0USER") is True
        assert await adapter.is_moderator("U0ADMIN") is False
        assert fake_slack.calls_of("users.info") == []
    finally:
        await adapter.stop()


async def test_unknown_file_gets_a_specific_error(vault_adapter: SlackAdapter, fake_slack: FakeSlack) -> None:
    answer = await slash(fake_slack, "/notes", "add F99999999", user_id="U0ADMIN")
    assert answer["response_type"] == "ephemeral"
    assert "Slack says `file_not_found` for F99999999" in repr(answer["blocks"])


async def test_text_that_is_not_a_file_reference_gets_a_specific_error(
    vault_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    answer = await slash(fake_slack, "/notes", "add ../../etc/passwd.md", user_id="U0ADMIN")
    assert answer["blocks"][0]["text"]["text"] == "Not a Slack file"
    assert fake_slack.calls_of("files.info") == []


async def test_message_shortcut_adds_the_attached_file(
    vault_adapter: SlackAdapter, vault: tuple[RecordingCore, Path], fake_slack: FakeSlack
) -> None:
    file_id = fake_slack.add_file("hummingbird.md", NEW_NOTE)
    payload = {
        "type": "message_action",
        "callback_id": "labnotes_add_note",
        "trigger_id": "1.trigger",
        "team": {"id": fake_slack.team_id},
        "user": {"id": "U0ADMIN", "name": "admin"},
        "channel": {"id": "C0GENERAL"},
        "message": {"type": "message", "ts": "1.0", "files": [{"id": file_id, "name": "hummingbird.md"}]},
        "response_url": fake_slack.response_url(),
    }
    envelope = await fake_slack.send_envelope("interactive", payload)
    await fake_slack.wait_ack(envelope)
    (answer,) = await fake_slack.wait_responses(1)
    assert answer.body["blocks"][0]["text"]["text"].startswith("Added ")
    assert "bankless/hummingbird.md" in _files(vault[1])


PING_NOTE = """---
title: Pings and Ampersands
videoId: AbCdEfGhIjK
---

From: [[bankless]] <br/>

## Labs

*   **Mistral:** Mistral said R&D &lt;!channel&gt; stays open source & the weights are released \
<a class="yt-timestamp" data-t="00:02:05">[00:02:05]</a>.
"""


async def test_channel_ping_and_ampersand_in_a_claim_are_escaped_in_the_blocks(
    tmp_path: Path, seed_config: Config, fake_slack: FakeSlack
) -> None:
    notes = tmp_path / "notes" / "bankless"
    notes.mkdir(parents=True)
    (notes / "pings.md").write_text(PING_NOTE, encoding="utf-8")
    db = await build_store(tmp_path / "pings.db", tmp_path / "notes")
    engine = await Engine.open(replace(seed_config, db_path=db, notes_dir=tmp_path / "notes"))
    adapter = await start_adapter(engine, fake_slack)
    try:
        answer = await slash(fake_slack, "/lab", "mistral")
    finally:
        await adapter.stop()
        await engine.close()
    shown = repr(answer["blocks"]) + answer["text"]
    assert "<!channel>" not in shown
    assert "R&amp;D &lt;!channel&gt; stays open source &amp; the weights" in repr(answer["blocks"])
    assert "|02:05>" in repr(answer["blocks"])


# -- rendering through the real response_url -------------------------------------------------------


class BigAnswerCore(RecordingCore):
    """Answers every command with far more than one Slack message can hold."""

    async def handle(self, invocation: Invocation) -> Reply:
        claim = "Meta <!channel> & friends released the weights " + "x" * 600
        citations = [Citation("Seed", "bankless", "KIb9LhszOUc", 2445 + i, claim) for i in range(300)]
        return Reply("ok", "Everything " * 30, "para " * 2000, citations=citations)


async def test_oversized_answer_is_trimmed_and_accepted_by_slack(fake_slack: FakeSlack) -> None:
    adapter = await start_adapter(BigAnswerCore(TinyCore()), fake_slack)
    try:
        answer = await slash(fake_slack, "/lab", "meta")
    finally:
        await adapter.stop()
    assert fake_slack.rejected == []
    blocks = answer["blocks"]
    assert isinstance(blocks, list) and len(blocks) == 50
    assert blocks[-2]["elements"][0]["text"].startswith("…and ")
    assert "<!channel>" not in repr(blocks) and "&lt;!channel&gt; &amp; friends" in repr(blocks)


# -- publisher (digests) ---------------------------------------------------------------------------


async def test_publish_is_retried_after_a_429_and_delivered(
    socket_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next("chat.postMessage", 429, retry_after=0)
    ts = await socket_adapter.publisher.publish("C0GENERAL", Reply("ok", "Digest"), idempotency_key="k1")
    assert len(fake_slack.calls_of("chat.postMessage")) == 2
    assert [m["ts"] for m in fake_slack.channels["C0GENERAL"]] == [ts]


async def test_publish_is_retried_after_a_server_error(
    socket_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next("chat.postMessage", 500)
    await socket_adapter.publisher.publish("C0GENERAL", Reply("ok", "Digest"), idempotency_key="k1")
    assert len(fake_slack.channels["C0GENERAL"]) == 1


async def test_already_posted_finds_the_idempotency_key_in_message_metadata(
    socket_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    publisher = socket_adapter.publisher
    ts = await publisher.publish("C0GENERAL", Reply("ok", "Digest"), idempotency_key="sub1:2025-01-02")
    assert await publisher.already_posted("C0GENERAL", "sub1:2025-01-02") == ts
    assert await publisher.already_posted("C0GENERAL", "sub1:2025-01-03") is None


async def test_publish_joins_a_public_channel_it_is_not_in(
    socket_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    fake_slack.add_channel("C0NEWS", member=False)
    await socket_adapter.publisher.publish("C0NEWS", Reply("ok", "Digest"), idempotency_key="k")
    assert len(fake_slack.channels["C0NEWS"]) == 1
    assert [c["channel"] for c in fake_slack.calls_of("conversations.join")] == ["C0NEWS"]


async def test_publish_to_a_missing_channel_is_a_permanent_delivery_error(
    socket_adapter: SlackAdapter, fake_slack: FakeSlack
) -> None:
    from bot.delivery import DeliveryError

    with pytest.raises(DeliveryError) as caught:
        await socket_adapter.publisher.publish("C0GONE", Reply("ok", "Digest"), idempotency_key="k")
    assert caught.value.permanent is True


async def test_digest_subscribed_from_slack_is_posted_once_with_its_key(
    vault_adapter: SlackAdapter, vault: tuple[RecordingCore, Path], fake_slack: FakeSlack
) -> None:
    answer = await slash(fake_slack, "/digest", "subscribe 09:00 UTC", user_id="U0ADMIN")
    assert answer["response_type"] == "in_channel"
    engine = vault[0].inner
    assert isinstance(engine, Engine)
    scheduler = DigestScheduler(engine.store, {"slack": vault_adapter.publisher})
    later = datetime.now(UTC) + timedelta(days=1, hours=1)
    first = await scheduler.run_due(later)
    again = await scheduler.run_due(later)
    assert [r.outcome for r in first] == ["sent"] and again == []
    (post,) = fake_slack.channels["C0GENERAL"]
    assert post["ts"] == first[0].message_id
    assert post["metadata"]["event_type"] == "labnotes_digest"
    key = post["metadata"]["event_payload"]["key"]
    assert await vault_adapter.publisher.already_posted("C0GENERAL", key) == post["ts"]


# -- lifecycle -------------------------------------------------------------------------------------


async def test_adapter_is_connected_until_stopped(core: RecordingCore, fake_slack: FakeSlack) -> None:
    adapter = await start_adapter(core, fake_slack)
    assert adapter.connected is True
    await adapter.stop()
    assert adapter.connected is False
    await adapter.wait_closed()


async def test_stop_lets_an_answer_in_flight_reach_slack(core: RecordingCore, fake_slack: FakeSlack) -> None:
    adapter = await start_adapter(core, fake_slack)
    core.gate = asyncio.Event()
    envelope = await fake_slack.send_envelope("slash_commands", fake_slack.slash_payload("/lab", "meta"))
    await fake_slack.wait_ack(envelope)
    await core.entered.wait()
    stopping = asyncio.create_task(adapter.stop())
    await asyncio.sleep(0)
    assert not stopping.done()
    core.gate.set()
    await stopping
    assert len(fake_slack.responses) == 1


# -- configuration ---------------------------------------------------------------------------------


def test_from_env_without_a_bot_token_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    assert SlackAdapter.from_env(TinyCore(), SlackConfig()) is None


def test_from_env_picks_socket_mode_when_an_app_token_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    monkeypatch.setenv("LABNOTES_SLACK_API", "http://127.0.0.1:9/api/")
    adapter = SlackAdapter.from_env(TinyCore(), SlackConfig())
    assert adapter is not None and adapter.mode == "socket"
    assert adapter.client.base_url == "http://127.0.0.1:9/api/"


async def test_bad_bot_token_fails_start_with_a_clear_error(fake_slack: FakeSlack) -> None:
    adapter = SlackAdapter(
        TinyCore(), SlackConfig(), "xoxb-wrong", app_token="xapp-1", api_base=fake_slack.api_base
    )
    with pytest.raises(AdapterStartError, match="invalid_auth"):
        await adapter.start()
    await adapter.stop()
