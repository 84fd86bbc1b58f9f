"""Fixtures for the Slack tests: the fake Slack, an adapter wired to it, and a recording core wrapper."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from adapters.platform import SlackConfig
from adapters.slack_app import SlackAdapter
from bot.commands.arguments import validate
from bot.commands.registry import Registry
from bot.commands.spec import AutocompleteSource, CommandCore, CommandSpec, Param, ParamType, Permission
from bot.commands.textline import parse_line
from bot.contracts import Invocation
from bot.reply import Citation, Reply
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
    entered: asyncio.Event = field(default_factory=asyncio.Event)  # set once handle() has been called

    @property
    def specs(self) -> Sequence[CommandSpec]:
        return self.inner.specs

    async def handle(self, invocation: Invocation) -> Reply:
        self.invocations.append(invocation)
        self.entered.set()
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


class TinyCore:
    """A stand-in core with the real registry, parser and validation but three canned commands.

    Only for adapter behaviours that do not depend on what the notes say (the end-to-end tests use
    the real Engine over an ingested store).
    """

    def __init__(self) -> None:
        self.registry = Registry()
        self.added: list[tuple[str, bytes]] = []
        reg = self.registry.command

        @reg(
            CommandSpec(
                "lab", "What the notes say about an AI lab", (Param("name", "lab", required=True, rest=True),)
            )
        )
        async def lab(ctx: Any, inv: Invocation) -> Reply:
            text = f"Claims about {inv.args['name']}"
            return Reply(
                "ok",
                inv.args["name"],
                text,
                citations=[Citation("Seed", "bankless", "KIb9LhszOUc", 2445, text)],
            )

        @reg(
            CommandSpec(
                "add",
                "Add a note",
                (
                    Param("file", "the note", ParamType.ATTACHMENT, required=True),
                    Param("replace", "", ParamType.BOOLEAN),
                ),
                permission=Permission.MODERATOR,
                group="notes",
            )
        )
        async def add(ctx: Any, inv: Invocation) -> Reply:
            attachment = inv.args["file"]
            self.added.append((attachment.name, await attachment.load()))
            return Reply("ok", f"Added {attachment.name}")

        @reg(CommandSpec("search", "Search the claims", (Param("query", "words", required=True, rest=True),)))
        async def search(ctx: Any, inv: Invocation) -> Reply:
            return Reply("ok", f"Results for {inv.args['query']}")

        @reg(CommandSpec("preview", "Digest now", group="digest", default_in_group=True))
        async def preview(ctx: Any, inv: Invocation) -> Reply:
            return Reply("ok", "Digest")

    @property
    def specs(self) -> Sequence[CommandSpec]:
        return self.registry.specs

    async def handle(self, invocation: Invocation) -> Reply:
        cmd = self.registry.find(invocation.command)
        assert cmd is not None
        if cmd.spec.permission == Permission.MODERATOR and not invocation.actor.is_moderator:
            return Reply.forbidden("moderators only")
        args = validate(cmd.spec, invocation.args)
        if isinstance(args, Reply):
            return args
        call = Invocation(invocation.command, args, invocation.actor, invocation.channel)
        return await cmd.handler(None, call)  # type: ignore[arg-type]  # the canned handlers need no Context

    async def autocomplete(self, source: AutocompleteSource, prefix: str, limit: int = 25) -> list[str]:
        return []

    def parse_text(self, line: str) -> tuple[str, dict[str, Any]] | Reply:
        return parse_line(line, self.registry)
