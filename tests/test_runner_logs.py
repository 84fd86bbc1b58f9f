"""Log lines: one per command, digest and moderator action, plain or JSON, never carrying a secret."""

from __future__ import annotations

import io
import json
import logging
import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.commands.engine import Engine
from bot.contracts import Actor, Channel
from bot.digest.schedule import DailySchedule
from bot.digest.scheduler import DigestScheduler
from bot.digest.subscriptions import subscribe
from bot.logs import log_command, log_digest, log_moderator_action, setup_logging
from bot.moderation import audit
from bot.store.db import Store
from tests.digest_support import FakeClock, MemoryChannels, utc

STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
TOKEN = "xoxb-1234567890-secret-value"


def lines(stream: io.StringIO) -> list[str]:
    return stream.getvalue().splitlines()


def test_a_command_is_one_plain_line_with_platform_command_outcome_and_latency() -> None:
    stream = io.StringIO()
    setup_logging("plain", stream=stream, secrets={})
    log_command("slack", "lab", 0.0123, "ok")
    [line] = lines(stream)
    assert re.fullmatch(
        STAMP + r" INFO  labnotes\.events command platform=slack command=/lab outcome=ok latency_ms=12\.3",
        line,
    )


def test_a_command_is_one_json_object_in_json_format() -> None:
    stream = io.StringIO()
    setup_logging("json", stream=stream, secrets={})
    log_command("discord", "/notes add", 0.5, "forbidden")
    [line] = lines(stream)
    record = json.loads(line)
    del record["ts"]
    assert record == {
        "level": "info",
        "logger": "labnotes.events",
        "msg": "command",
        "event": "command",
        "platform": "discord",
        "command": "/notes add",
        "outcome": "forbidden",
        "latency_ms": 500.0,
    }


def test_a_digest_and_a_moderator_action_are_one_line_each() -> None:
    stream = io.StringIO()
    setup_logging("json", stream=stream, secrets={})
    log_digest("slack", "C0GENERAL", "sent", notes=3)
    log_moderator_action("discord", "42", "notes.remove", "bankless/x.md", "ok")
    digest, moderator = (json.loads(line) for line in lines(stream))
    assert {k: digest[k] for k in ("event", "platform", "channel", "outcome", "notes")} == {
        "event": "digest",
        "platform": "slack",
        "channel": "C0GENERAL",
        "outcome": "sent",
        "notes": 3,
    }
    assert {k: moderator[k] for k in ("event", "platform", "user", "action", "target", "outcome")} == {
        "event": "moderator",
        "platform": "discord",
        "user": "42",
        "action": "notes.remove",
        "target": "bankless/x.md",
        "outcome": "ok",
    }


def test_a_failed_digest_is_a_warning() -> None:
    stream = io.StringIO()
    setup_logging("json", stream=stream, secrets={})
    log_digest("discord", "123", "failed", error="DeliveryError: Missing Access")
    record = json.loads(stream.getvalue())
    assert (record["level"], record["error"]) == ("warning", "DeliveryError: Missing Access")


def test_a_secret_is_masked_in_messages_and_tracebacks() -> None:
    stream = io.StringIO()
    setup_logging("plain", stream=stream, secrets={"SLACK_BOT_TOKEN": TOKEN})
    log = logging.getLogger("labnotes.test")
    log.warning("calling with token %s", TOKEN)
    try:
        raise RuntimeError(f"auth failed for {TOKEN}")
    except RuntimeError:
        log.exception("request failed")
    text = stream.getvalue()
    assert TOKEN not in text
    assert text.count("[redacted]") == 2


def test_setting_up_twice_keeps_one_handler() -> None:
    stream = io.StringIO()
    setup_logging("plain", stream=io.StringIO(), secrets={})
    setup_logging("json", stream=stream, secrets={})
    log_command("console", "/help", 0.001, "ok")
    assert len(lines(stream)) == 1
    assert len([h for h in logging.getLogger().handlers if h.get_name() == "labnotes"]) == 1


# -- where the core logs ---------------------------------------------------------------------------


async def test_the_engine_logs_every_command_it_answers(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="labnotes.events")
    await engine.ask("/lab meta", Actor("discord", "1", "ada", False), Channel("discord", "c1"))
    await engine.ask("/lab nosuchlab", Actor("slack", "U1", "bo", False), Channel("slack", "C1"))
    events = [(r.platform, r.command, r.outcome) for r in caplog.records if r.msg == "command"]  # type: ignore[attr-defined]
    assert events == [("discord", "/lab", "ok"), ("slack", "/lab", "not_found")]


async def test_the_scheduler_logs_each_digest_period(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="labnotes.events")
    store = await Store.open(tmp_path / "labnotes.db")
    try:
        await subscribe(
            store,
            platform="discord",
            channel_id="123",
            workspace_id=None,
            schedule=DailySchedule.parse("09:00", "UTC"),
            timezone="UTC",
            created_by="ada",
            now=utc(2025, 1, 1, 8),
        )
        now = utc(2025, 1, 1, 9) + timedelta(minutes=1)
        await DigestScheduler(store, {"discord": MemoryChannels()}, FakeClock(now)).run_due(now)
    finally:
        await store.close()
    digests = [(r.platform, r.channel, r.outcome) for r in caplog.records if r.msg == "digest"]  # type: ignore[attr-defined]
    assert digests == [("discord", "123", "sent")]


async def test_an_audited_moderator_change_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="labnotes.events")
    store = await Store.open(tmp_path / "labnotes.db")
    try:
        async with store.transaction() as conn:
            moderator = Actor("slack", "U0ADMIN", "admin", True)
            await audit.record(conn, moderator, "notes.add", at=utc(2025, 1, 1), path="bankless/x.md")
    finally:
        await store.close()
    [record] = [r for r in caplog.records if r.msg == "moderator"]
    assert (record.platform, record.user, record.action, record.target) == (  # type: ignore[attr-defined]
        "slack",
        "U0ADMIN",
        "notes.add",
        "bankless/x.md",
    )
