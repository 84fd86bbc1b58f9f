"""Fixtures for the Slack tests: the fake Slack, an adapter wired to it, and a recording core wrapper."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from adapters.slack_app import SlackAdapter
from bot.commands.spec import AutocompleteSource, CommandCore, CommandSpec, Invocation
from bot.config import SlackConfig
from bot.reply import Reply
from tests.fake_slack import FakeSlack

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@dataclass
class RecordingCore:
    """Wraps a real core: records every Invocation and can hold answers until released.

    Holding lets a test prove the adapter acks before the answer exists, without any timing.
    """

    inner: CommandCore
    invocations: list[Invocation] = field(default_factory=list)
    gate: asyncio.Event | None = None

    @property
    def specs(self) -> Sequence[CommandSpec]:
        return self.inner.specs

    async def handle(self, invocation: Invocation) -> Reply:
        self.invocations.append(invocation)
        if self.gate is not None:
            await self.gate.wait()
        return await self.inner.handle(invocation)

    async def autocomplete(self, source: AutocompleteSource, prefix: str, limit: int = 25) -> list[str]:
        return await self.inner.autocomplete(source, prefix, limit)

    def parse_text(self, line: str) -> tuple[str, dict[str, Any]] | Reply:
        return self.inner.parse_text(line)


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        fake.add_user("U0USER", "user")
        fake.add_user("U0ADMIN", "admin", admin=True)
        fake.add_channel("C0GENERAL")
        yield fake


async def start_adapter(
    core: CommandCore, fake: FakeSlack, *, mode: str = "socket", **config: Any
) -> SlackAdapter:
    """A started SlackAdapter talking to `fake` (HTTP mode listens on a free port of 127.0.0.1)."""
    slack_config = SlackConfig(mode=mode, host="127.0.0.1", port=0, **config)  # type: ignore[arg-type]
    adapter = SlackAdapter(
        core,
        slack_config,
        fake.bot_token,
        app_token=fake.app_token if mode == "socket" else None,
        signing_secret=SIGNING_SECRET if mode == "http" else None,
        api_base=fake.api_base,
    )
    await adapter.start()
    if mode == "socket":
        await fake.wait_for(lambda: fake.socket_connections > 0)
    return adapter
