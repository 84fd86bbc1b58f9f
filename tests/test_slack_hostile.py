"""Slack HTTP mode against requests that try to break it (issue 12, item 7).

Every malformed request gets a 4xx and exactly one warning line, no traceback, and runs nothing; a
replayed request is acknowledged but answered once. The real aiohttp server on 127.0.0.1, real bolt.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import hmac
import json
import logging
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest

from adapters.slack_app import ReplayGuard, SlackAdapter
from bot.commands.engine import Engine
from tests.fake_slack import FakeSlack, form_body, signed_headers
from tests.slack_fixtures import SIGNING_SECRET, RecordingCore, fake_slack, start_adapter

__all__ = ["fake_slack"]  # the fixture, re-exported for pytest


@pytest.fixture
def core(engine: Engine) -> RecordingCore:
    return RecordingCore(engine)


@pytest.fixture
async def adapter(core: RecordingCore, fake_slack: FakeSlack) -> AsyncIterator[SlackAdapter]:
    started = await start_adapter(core, fake_slack, mode="http")
    yield started
    await started.stop()


@pytest.fixture
def warnings(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Log records at WARNING and above, from every logger (aiohttp's "Error handling request" too)."""
    caplog.set_level(logging.WARNING)
    return caplog


async def post(adapter: SlackAdapter, body: bytes | str, headers: dict[str, str]) -> tuple[int, str]:
    url = f"http://127.0.0.1:{adapter.port}{adapter.config.path}"
    data = body.encode() if isinstance(body, str) else body
    async with aiohttp.ClientSession() as session, session.post(url, data=data, headers=headers) as resp:
        return resp.status, await resp.text()


def signed(
    body: str | bytes,
    *,
    timestamp: int | None = None,
    content_type: str = "application/x-www-form-urlencoded",
) -> dict[str, str]:
    """The headers Slack would send with `body` (signed over its bytes, which need not be UTF-8)."""
    ts = int(time.time()) if timestamp is None else timestamp
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(SIGNING_SECRET.encode(), f"v0:{ts}:".encode() + raw, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": content_type,
    }


def the_one_line(records: list[logging.LogRecord]) -> str:
    """The single log line a request produced; fails on none, several, a traceback or a line break."""
    assert [(r.name, r.levelname) for r in records] == [("adapters.slack_app", "WARNING")]
    (record,) = records
    assert record.exc_info is None and "\n" not in record.getMessage()
    return record.getMessage()


def refused(status: int, reason: str) -> str:
    return f"slack: refused a request from 127.0.0.1 ({status}): {reason}"


# -- unsigned and badly signed: 401, before the body is even parsed ---------------------------------


async def test_a_non_numeric_timestamp_is_401_with_one_line(
    adapter: SlackAdapter, core: RecordingCore, warnings: pytest.LogCaptureFixture
) -> None:
    headers = {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00"}
    status, _ = await post(adapter, "command=%2Flab&text=meta", headers)
    assert status == 401
    assert the_one_line(warnings.records) == refused(401, "X-Slack-Request-Timestamp is not a number: 'soon'")
    assert core.invocations == []


async def test_a_request_without_a_timestamp_is_401_with_one_line(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture
) -> None:
    status, _ = await post(adapter, "command=%2Flab", {"X-Slack-Signature": "v0=00"})
    assert status == 401
    assert the_one_line(warnings.records) == refused(401, "no X-Slack-Request-Timestamp header")


async def test_a_request_without_a_signature_is_401_with_one_line(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture
) -> None:
    status, _ = await post(adapter, "command=%2Flab", {"X-Slack-Request-Timestamp": str(int(time.time()))})
    assert status == 401
    assert the_one_line(warnings.records) == refused(401, "no X-Slack-Signature header")


async def test_a_forged_signature_is_401_with_one_line(
    adapter: SlackAdapter, fake_slack: FakeSlack, core: RecordingCore, warnings: pytest.LogCaptureFixture
) -> None:
    body = form_body(fake_slack.slash_payload("/lab", "meta"))
    status, _ = await post(adapter, body, signed_headers("not-the-secret", body))
    assert status == 401
    assert the_one_line(warnings.records) == refused(401, "the signature does not match")
    assert core.invocations == []


async def test_a_six_minute_old_timestamp_is_401_with_one_line(
    adapter: SlackAdapter, fake_slack: FakeSlack, warnings: pytest.LogCaptureFixture
) -> None:
    body = form_body(fake_slack.slash_payload("/lab", "meta"))
    status, _ = await post(adapter, body, signed(body, timestamp=int(time.time()) - 6 * 60))
    assert status == 401
    assert the_one_line(warnings.records) == refused(401, "the timestamp is more than 5 minutes off")


async def test_an_unsigned_payload_that_is_not_json_is_401_not_parsed(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture
) -> None:
    headers = {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=00"}
    status, _ = await post(adapter, "payload={bad", headers)
    assert status == 401
    assert the_one_line(warnings.records) == refused(401, "the signature does not match")


async def test_an_oversized_body_is_413_with_one_line_and_not_read(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture
) -> None:
    body = "text=" + "x" * (1024 * 1024)
    status, _ = await post(adapter, body, signed(body))
    assert status == 413
    assert the_one_line(warnings.records) == refused(413, "the body is over 1,048,576 bytes")


# -- signed but malformed: 400 ----------------------------------------------------------------------


async def test_a_signed_payload_that_is_not_json_is_400_with_one_line(
    adapter: SlackAdapter, core: RecordingCore, warnings: pytest.LogCaptureFixture
) -> None:
    status, _ = await post(adapter, "payload={bad", signed("payload={bad"))
    assert status == 400
    assert the_one_line(warnings.records) == refused(400, "the body is not valid JSON")
    assert core.invocations == []


async def test_a_signed_json_body_that_is_not_json_is_400_with_one_line(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture
) -> None:
    body = '{"type": "event_callback",'
    status, _ = await post(adapter, body, signed(body, content_type="application/json"))
    assert status == 400
    assert the_one_line(warnings.records) == refused(400, "the body is not valid JSON")


async def test_deeply_nested_signed_json_is_400_with_one_line(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture
) -> None:
    body = '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"
    status, _ = await post(adapter, body, signed(body, content_type="application/json"))
    assert status == 400
    assert the_one_line(warnings.records) == refused(400, "the body is not valid JSON")


@pytest.mark.parametrize("payload", ["[1, 2]", '"text"', "7"], ids=["list", "string", "number"])
async def test_a_signed_payload_that_is_not_an_object_is_400_with_one_line(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture, payload: str
) -> None:
    body = form_body({"payload": payload})
    status, _ = await post(adapter, body, signed(body))
    assert status == 400
    assert the_one_line(warnings.records) == refused(400, "the body is not a JSON object")


async def test_a_signed_payload_of_an_unexpected_shape_is_400_with_one_line(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture
) -> None:
    # bolt reads authorizations[0] as a mapping
    body = form_body({"payload": json.dumps({"type": "block_actions", "authorizations": "x"})})
    status, _ = await post(adapter, body, signed(body))
    assert status == 400
    assert the_one_line(warnings.records) == refused(400, "the body is not shaped like a Slack request")


async def test_a_signed_body_that_is_not_utf8_is_400_with_one_line(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture
) -> None:
    body = b"command=%2Flab&text=caf\xe9"
    status, _ = await post(adapter, body, signed(body))
    assert status == 400
    assert the_one_line(warnings.records) == refused(400, "the body is not UTF-8")


async def test_a_signed_command_without_response_url_is_400_and_runs_nothing(
    adapter: SlackAdapter, fake_slack: FakeSlack, core: RecordingCore, warnings: pytest.LogCaptureFixture
) -> None:
    fields = fake_slack.slash_payload("/lab", "meta")
    del fields["response_url"]
    body = form_body(fields)
    status, _ = await post(adapter, body, signed(body))
    await adapter.stop()  # lets anything spawned finish
    gc.collect()  # an un-awaited failed task logs "Task exception was never retrieved" when collected
    assert status == 400
    assert the_one_line(warnings.records) == refused(400, "a command without a response_url")
    assert core.invocations == [] and fake_slack.responses == []


# -- replays ----------------------------------------------------------------------------------------


async def test_a_replayed_command_is_acknowledged_but_answered_once(
    adapter: SlackAdapter, fake_slack: FakeSlack, core: RecordingCore, warnings: pytest.LogCaptureFixture
) -> None:
    body = form_body(fake_slack.slash_payload("/lab", "meta"))
    headers = signed(body)
    first, _ = await post(adapter, body, headers)
    replay, _ = await post(adapter, body, headers)
    await adapter.stop()  # waits for every answer in flight, so a second one would be there by now
    assert (first, replay) == (200, 200)
    assert len(core.invocations) == 1 and len(fake_slack.responses) == 1
    assert the_one_line(warnings.records) == (
        "slack: ignored a replayed request from 127.0.0.1 (its signature was seen in the last 5 minutes)"
    )


async def test_two_commands_with_the_same_text_are_both_answered(
    adapter: SlackAdapter, fake_slack: FakeSlack, core: RecordingCore
) -> None:
    # Slack gives each request its own response_url and trigger_id, so the signatures differ.
    for _ in range(2):
        body = form_body(fake_slack.slash_payload("/lab", "meta"))
        assert (await post(adapter, body, signed(body)))[0] == 200
    await adapter.stop()
    assert len(core.invocations) == 2 and len(fake_slack.responses) == 2


def test_the_replay_guard_forgets_a_signature_once_its_timestamp_is_past_the_window() -> None:
    guard = ReplayGuard(window=300, max_entries=10)
    assert guard.first_time("v0=a", timestamp=1000, now=1000.0)
    assert not guard.first_time("v0=a", timestamp=1000, now=1300.0)
    # past the window the verifier refuses the timestamp anyway, so the entry can go
    assert guard.first_time("v0=a", timestamp=1000, now=1301.0)


def test_the_replay_guard_holds_at_most_max_entries_dropping_the_oldest() -> None:
    guard = ReplayGuard(window=300, max_entries=2)
    for signature in ("v0=a", "v0=b", "v0=c"):
        assert guard.first_time(signature, timestamp=1000, now=1000.0)
    assert len(guard) == 2
    assert not guard.first_time("v0=c", timestamp=1000, now=1000.0)
    assert guard.first_time("v0=a", timestamp=1000, now=1000.0)  # the oldest was dropped


async def test_an_oversized_chunked_body_is_413_once_the_cap_is_passed(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture
) -> None:
    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: the cap must hold while reading
        for _ in range(20):
            yield b"x" * 65536

    url = f"http://127.0.0.1:{adapter.port}{adapter.config.path}"
    headers = signed("")
    async with aiohttp.ClientSession() as session, session.post(url, data=chunks(), headers=headers) as resp:
        assert resp.status == 413
    assert the_one_line(warnings.records) == refused(413, "the body is over 1,048,576 bytes")


async def test_a_signature_header_that_is_not_utf8_is_401_with_one_line(
    adapter: SlackAdapter, warnings: pytest.LogCaptureFixture
) -> None:
    # aiohttp's client will not send such a header, so write the request by hand.
    reader, writer = await asyncio.open_connection("127.0.0.1", adapter.port)
    writer.write(
        f"POST {adapter.config.path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n"
        f"X-Slack-Request-Timestamp: {int(time.time())}\r\n".encode()
        + b"X-Slack-Signature: v0=\xff\xfe\r\n\r\n"
    )
    status_line = await reader.readline()
    writer.close()
    await writer.wait_closed()
    assert status_line.startswith(b"HTTP/1.1 401 ")
    assert the_one_line(warnings.records) == refused(401, "the signature does not match")
