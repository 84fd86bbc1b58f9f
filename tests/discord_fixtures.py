"""Shared pieces of the Discord tests: a small command core and a bot running against the fake Discord."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from adapters.discord_bot import DiscordAdapter
from adapters.platform import DiscordConfig
from bot.commands.spec import AutocompleteSource, CommandSpec, Param, ParamType, Permission
from bot.contracts import Invocation
from bot.reply import Citation, Reply
from tests.fake_discord import FakeDiscord, Guild

SEED_CITATION = Citation(
    note_title="Open Source AI Models",
    channel="bankless",
    video_id="KIb9LhszOUc",
    seconds=2445,
    text="Meta is considered the largest and most open source contributor among the big players.",
)

SPECS = (
    CommandSpec(
        "lab",
        "What the notes say about an AI lab",
        (Param("name", "Lab name", required=True, autocomplete="lab"),),
    ),
    CommandSpec("labs", "Every lab the notes mention"),
    CommandSpec("help", "How to use the bot"),
    CommandSpec(
        "search",
        "Search the claims",
        (
            Param("query", "Words to look for", required=True, rest=True),
            Param("limit", "How many", ParamType.INTEGER),
        ),
    ),
    CommandSpec(
        "openness",
        "The openness ranking",
        (
            Param("sort", "Order", choices=("score", "name", "claims")),
            Param("topic", "Topic", choices=tuple(f"topic {n:02d}" for n in range(30))),
        ),
    ),
    CommandSpec("preview", "The digest as it would be posted now", group="digest", default_in_group=True),
    CommandSpec(
        "subscribe",
        "Post the daily digest in this channel",
        (Param("time", "Local time, HH:MM"), Param("quiet", "Post on quiet days", ParamType.BOOLEAN)),
        Permission.MODERATOR,
        group="digest",
    ),
    CommandSpec(
        "add",
        "Add an episode note",
        (Param("file", "The note (.md)", ParamType.ATTACHMENT, required=True),),
        Permission.MODERATOR,
        group="notes",
    ),
    CommandSpec(
        "remove",
        "Remove a note",
        (Param("path", "Note path", required=True, autocomplete="note"),),
        Permission.MODERATOR,
        group="notes",
    ),
)


@dataclass
class TinyCore:
    """Satisfies CommandCore: answers from fixed data, checks permission, remembers what it was asked."""

    replies: dict[str, Reply] = field(default_factory=dict)
    invocations: list[Invocation] = field(default_factory=list)
    loaded: list[bytes] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    names: tuple[str, ...] = ("Meta", "Mistral AI", "Microsoft", "OpenAI", "xAI")
    gate: asyncio.Event | None = None  # when set, handle() waits for it (a slow command)

    @property
    def specs(self) -> Sequence[CommandSpec]:
        return SPECS

    async def handle(self, invocation: Invocation) -> Reply:
        self.invocations.append(invocation)
        if self.gate is not None:
            await self.gate.wait()
        spec = next(s for s in SPECS if s.path == invocation.command)
        if spec.permission is Permission.MODERATOR and not invocation.actor.is_moderator:
            return Reply.forbidden(f"/{spec.path} is for moderators (Manage Server).")
        for attachment in invocation.attachments:
            try:
                self.loaded.append(await attachment.load())
            except ValueError as exc:
                return Reply.error("Note not added", str(exc))
        if invocation.command in self.replies:
            return self.replies[invocation.command]
        return Reply("ok", f"/{invocation.command}", f"args: {sorted(invocation.args.items())}")

    async def autocomplete(self, source: AutocompleteSource, prefix: str, limit: int = 25) -> list[str]:
        return [n for n in self.names if n.lower().startswith(prefix.lower())][:limit]

    def parse_text(self, line: str) -> tuple[str, dict[str, Any]] | Reply:
        return Reply.error("not used by Discord")

    async def get_meta(self, key: str) -> str | None:
        return self.meta.get(key)

    async def set_meta(self, key: str, value: str) -> None:
        self.meta[key] = value


@dataclass
class Running:
    fake: FakeDiscord
    adapter: DiscordAdapter
    guild: Guild


@asynccontextmanager
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()


def make_adapter(fake: FakeDiscord, core: Any, config: DiscordConfig, **options: Any) -> DiscordAdapter:
    options.setdefault("guild_ready_timeout", 0.1)
    return DiscordAdapter(
        core, config, fake.token, api_base=fake.api_base, gateway_url=fake.gateway_url, **options
    )


@asynccontextmanager
async def running_bot(
    core: Any, config: DiscordConfig | None = None, *, fake: FakeDiscord | None = None, **options: Any
) -> AsyncIterator[Running]:
    """The real discord.py client, logged in, synced and connected to a fake with (at least) one guild.

    Pass `fake` (with its guilds added) when the config must name a guild id.
    """
    async with _maybe_fake(fake) as server:
        guild = next(iter(server.guilds.values()), None) or server.add_guild()
        adapter = make_adapter(server, core, config or DiscordConfig(), **options)
        await adapter.start()
        try:
            yield Running(server, adapter, guild)
        finally:
            await adapter.stop()
            await adapter.wait_closed()


@asynccontextmanager
async def _maybe_fake(fake: FakeDiscord | None) -> AsyncIterator[FakeDiscord]:
    if fake is not None:
        yield fake
        return
    async with fake_discord() as server:
        yield server
