"""The same behaviours, asked of every platform: Discord (the real discord.py client against the fake
Discord), Slack (the real bolt app against the fake Slack, Socket Mode) and the console.

Each behaviour is written once against `Chat`, a user's view of one platform: send a command, see the
answer (its visible text, and whether only the asker sees it). Where a platform differs by design
(the console has no answer deadline and its operator is a moderator), the test says so and skips.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest

from adapters.console import ConsoleAdapter
from adapters.platform import FALLBACK_REPLY, PLATFORMS, DiscordConfig, PlatformAdapter
from bot.commands.registry import Registry
from bot.commands.spec import AutocompleteSource, CommandSpec, Param, ParamType, Permission
from bot.commands.textline import parse_line
from bot.contracts import Invocation
from bot.reply import Field, Reply
from tests.discord_fixtures import running_bot
from tests.fake_discord import MANAGE_GUILD, FakeDiscord, Interaction
from tests.fake_slack import FakeSlack
from tests.slack_fixtures import start_adapter

LONG_TEXT = "\n".join(f"Claim {n} says something about Meta's open weights." for n in range(400))  # ~20k
FIRST_LINE = LONG_TEXT.splitlines()[0]


class ConformanceCore:
    """A core with the real registry and line parser, and commands that exercise the adapters: an
    answer, a slow one (held until `gate` opens), one that raises, a moderator file upload, and one
    far longer than any chat message."""

    def __init__(self) -> None:
        self.registry = Registry()
        self.gate = asyncio.Event()
        self.gate.set()
        self.entered = asyncio.Event()  # the slow command has reached the core
        self.cancelled = False  # the slow command was cancelled while held
        self.loaded: list[tuple[str, bytes]] = []
        reg = self.registry.command

        @reg(CommandSpec("lab", "An AI lab", (Param("name", "Lab name", required=True, rest=True),)))
        async def lab(ctx: Any, inv: Invocation) -> Reply:
            return Reply("ok", str(inv.args["name"]), f"What the notes say about {inv.args['name']}.")

        @reg(CommandSpec("slow", "Answers once released"))
        async def slow(ctx: Any, inv: Invocation) -> Reply:
            self.entered.set()
            try:
                await self.gate.wait()
            except asyncio.CancelledError:
                self.cancelled = True
                raise
            return Reply("ok", "Released", "The slow answer.")

        @reg(CommandSpec("boom", "Fails inside the core"))
        async def boom(ctx: Any, inv: Invocation) -> Reply:
            raise RuntimeError("the core broke")

        @reg(
            CommandSpec(
                "add",
                "Add a note",
                (Param("file", "The note", ParamType.ATTACHMENT, required=True),),
                Permission.MODERATOR,
                group="notes",
            )
        )
        async def add(ctx: Any, inv: Invocation) -> Reply:
            [attachment] = inv.attachments
            data = await attachment.load()
            self.loaded.append((attachment.name, data))
            return Reply("ok", f"Added {attachment.name}", f"{len(data)} bytes stored.")

        @reg(CommandSpec("long", "An answer longer than any message"))
        async def long(ctx: Any, inv: Invocation) -> Reply:
            fields = [Field(f"Field {n}", "value " * 300) for n in range(40)]
            return Reply("ok", "Long answer", LONG_TEXT, fields)

    @property
    def specs(self) -> list[CommandSpec]:
        return list(self.registry.specs)

    async def handle(self, invocation: Invocation) -> Reply:
        cmd = self.registry.find(invocation.command)
        assert cmd is not None
        if cmd.spec.permission is Permission.MODERATOR and not invocation.actor.is_moderator:
            return Reply.forbidden(f"/{cmd.spec.path} is for moderators only.")
        return await cmd.handler(None, invocation)  # type: ignore[arg-type]  # the canned ones need no Context

    async def autocomplete(self, source: AutocompleteSource, prefix: str, limit: int = 25) -> list[str]:
        return []

    def parse_text(self, line: str) -> tuple[str, dict[str, Any]] | Reply:
        return parse_line(line, self.registry)


@dataclass
class Seen:
    """What the asker sees: the answer's visible text (white space folded: terminals wrap lines), and
    whether only they see it."""

    text: str
    private: bool

    def __post_init__(self) -> None:
        self.text = " ".join(self.text.split())


class Chat(Protocol):
    name: str

    @property
    def adapter(self) -> PlatformAdapter: ...

    has_deadline: bool  # must acknowledge within seconds (Discord, Slack), unlike the console
    can_refuse: bool  # a non-moderator can ask (not at the console, whose operator moderates)

    async def send(
        self, command: str, value: str = "", *, moderator: bool = False, file: tuple[str, bytes] | None = None
    ) -> asyncio.Task[Seen]:
        """Send `/command value` as a user would; the task ends with the answer they see."""
        ...

    async def acknowledged(self) -> None:
        """Wait until the platform got its acknowledgement for the last command sent."""
        ...

    def rejected(self) -> list[Any]:
        """Messages the platform refused (over a limit)."""
        ...


# -- Discord ---------------------------------------------------------------------------------------


@dataclass
class DiscordChat:
    fake: FakeDiscord
    adapter: PlatformAdapter
    guild: Any
    name: str = "discord"
    has_deadline: bool = True
    can_refuse: bool = True
    last: Interaction | None = None

    async def send(
        self, command: str, value: str = "", *, moderator: bool = False, file: tuple[str, bytes] | None = None
    ) -> asyncio.Task[Seen]:
        member = self.fake.member(self.guild, permissions=MANAGE_GUILD if moderator else 0)
        spec = next(s for s in self.adapter.core.specs if s.path == command)
        args: dict[str, Any] = {}
        attachments = None
        if file is not None:
            attachments = {"file": self.fake.add_attachment(*file)}
            args["file"] = file[0]
        elif spec.params:
            args[spec.params[0].name] = value
        self.last = await self.fake.command(
            command, args, guild=self.guild, member=member, attachments=attachments
        )
        return asyncio.create_task(self._seen(self.last))

    async def _seen(self, interaction: Interaction) -> Seen:
        await interaction.done.wait()
        answer = interaction.answer
        visible = [answer.get("content") or ""]
        for embed in answer.get("embeds") or []:
            visible += [embed.get("title") or "", embed.get("description") or ""]
            visible += [f"{f['name']} {f['value']}" for f in embed.get("fields") or []]
        return Seen("\n".join(visible), interaction.ephemeral)

    async def acknowledged(self) -> None:
        assert self.last is not None
        await self.last.acknowledged.wait()

    def rejected(self) -> list[Any]:
        return [r for i in self.fake.interactions.values() for r in i.refused]


@asynccontextmanager
async def discord_chat(core: ConformanceCore, tmp_path: Path) -> AsyncIterator[DiscordChat]:
    fake = FakeDiscord()
    await fake.start()
    try:
        guild = fake.add_guild()
        config = DiscordConfig(guild_ids=[int(guild.id)])
        # Deferring at once makes "acknowledged before the answer exists" certain, not a race.
        async with running_bot(core, config, fake=fake, defer_after=0.0) as bot:
            yield DiscordChat(fake, bot.adapter, guild)
    finally:
        await fake.close()


# -- Slack -----------------------------------------------------------------------------------------


@dataclass
class SlackChat:
    fake: FakeSlack
    adapter: PlatformAdapter
    name: str = "slack"
    has_deadline: bool = True
    can_refuse: bool = True
    last_envelope: str = ""

    async def send(
        self, command: str, value: str = "", *, moderator: bool = False, file: tuple[str, bytes] | None = None
    ) -> asyncio.Task[Seen]:
        top, *rest = command.split()
        if file is not None:
            value = self.fake.add_file(*file)
        text = " ".join([*rest, value]).strip()
        user = "U0ADMIN" if moderator else "U0USER"
        payload = self.fake.slash_payload("/" + PLATFORMS["slack"].command_name(top), text, user_id=user)
        key = payload["response_url"].rsplit("/", 1)[1]
        self.last_envelope = await self.fake.send_envelope("slash_commands", payload)
        return asyncio.create_task(self._seen(key))

    async def _seen(self, key: str) -> Seen:
        def mine() -> list[Any]:
            return [r for r in self.fake.responses if r.key == key]

        await self.fake.wait_for(lambda: mine())
        body = mine()[-1].body
        # With blocks, users see the blocks; `text` is only the notification's fallback.
        shown = _block_text(body["blocks"]) if body.get("blocks") else body["text"]
        return Seen(shown, body["response_type"] == "ephemeral")

    async def acknowledged(self) -> None:
        await self.fake.wait_ack(self.last_envelope)

    def rejected(self) -> list[Any]:
        return list(self.fake.rejected)


def _block_text(blocks: Any) -> str:
    if isinstance(blocks, dict):
        return " ".join(
            v if k == "text" and isinstance(v, str) else _block_text(v) for k, v in blocks.items()
        )
    if isinstance(blocks, list):
        return " ".join(_block_text(b) for b in blocks)
    return ""


@asynccontextmanager
async def slack_chat(core: ConformanceCore, tmp_path: Path) -> AsyncIterator[SlackChat]:
    async with FakeSlack() as fake:
        fake.add_user("U0USER", "user")
        fake.add_user("U0ADMIN", "admin")
        fake.add_channel("C0GENERAL")
        adapter = await start_adapter(core, fake, mode="socket", moderator_user_ids=["U0ADMIN"])
        try:
            yield SlackChat(fake, adapter)
        finally:
            await adapter.stop()


# -- the console -----------------------------------------------------------------------------------


@dataclass
class ConsoleChat:
    adapter: ConsoleAdapter
    folder: Path
    name: str = "console"
    has_deadline: bool = False
    can_refuse: bool = False
    shown: list[str] = field(default_factory=list)

    async def send(
        self, command: str, value: str = "", *, moderator: bool = False, file: tuple[str, bytes] | None = None
    ) -> asyncio.Task[Seen]:
        if file is not None:
            path = self.folder / file[0]
            path.write_bytes(file[1])
            value = str(path)
        line = f"/{command} {value}".strip()
        return asyncio.create_task(self._seen(line))

    async def _seen(self, line: str) -> Seen:
        reply = await self.adapter.answer(line)
        return Seen(self.adapter.render(reply), reply.ephemeral)

    async def acknowledged(self) -> None:
        raise AssertionError("the console has nothing to acknowledge")

    def rejected(self) -> list[Any]:
        return []  # a terminal refuses no length


@asynccontextmanager
async def console_chat(core: ConformanceCore, tmp_path: Path) -> AsyncIterator[ConsoleChat]:
    adapter = ConsoleAdapter(core)
    try:
        yield ConsoleChat(adapter, tmp_path)
    finally:
        await adapter.stop()


ChatFactory = Callable[[ConformanceCore, Path], AbstractAsyncContextManager[Chat]]
PLATFORM_CHATS: dict[str, ChatFactory] = {
    "discord": discord_chat,
    "slack": slack_chat,
    "console": console_chat,
}


@pytest.fixture
def core() -> ConformanceCore:
    return ConformanceCore()


@pytest.fixture(params=list(PLATFORM_CHATS))
async def chat(request: pytest.FixtureRequest, core: ConformanceCore, tmp_path: Path) -> AsyncIterator[Chat]:
    async with PLATFORM_CHATS[request.param](core, tmp_path) as opened:
        yield opened


# -- the behaviours --------------------------------------------------------------------------------


def test_every_platform_that_labnotes_run_starts_is_covered_here() -> None:
    assert set(PLATFORMS) == set(PLATFORM_CHATS)


async def test_a_command_is_answered_in_public(chat: Chat) -> None:
    seen = await (await chat.send("lab", "Meta"))
    assert "Meta" in seen.text
    assert "What the notes say about Meta." in seen.text
    assert not seen.private


async def test_a_slow_command_is_acknowledged_before_its_answer_exists(
    chat: Chat, core: ConformanceCore
) -> None:
    if not chat.has_deadline:
        pytest.skip(f"{chat.name} has no answer deadline: nothing to acknowledge")
    core.gate.clear()
    answer = await chat.send("slow")
    await chat.acknowledged()
    await core.entered.wait()
    assert not answer.done()  # acknowledged while the core is still working
    core.gate.set()
    seen = await answer
    assert "Released" in seen.text and "The slow answer." in seen.text


async def test_a_core_that_raises_gets_the_one_fallback_reply_in_private(chat: Chat) -> None:
    seen = await (await chat.send("boom"))
    assert FALLBACK_REPLY.title in seen.text
    assert FALLBACK_REPLY.text in seen.text
    assert "the core broke" not in seen.text  # the traceback is for the log, not the chat
    assert seen.private or chat.name == "console"  # a terminal has one reader


async def test_a_member_is_refused_a_moderator_command_in_private_and_no_file_is_read(
    chat: Chat, core: ConformanceCore
) -> None:
    if not chat.can_refuse:
        pytest.skip(f"on the {chat.name} the operator is a moderator by design")
    seen = await (await chat.send("notes add", file=("meta.md", b"# Meta\n")))
    assert "moderators only" in seen.text
    assert seen.private
    assert core.loaded == []


async def test_a_moderator_adds_a_note_from_a_file(chat: Chat, core: ConformanceCore) -> None:
    seen = await (await chat.send("notes add", moderator=True, file=("meta.md", b"# Meta\nopen weights\n")))
    assert "Added meta.md" in seen.text
    assert core.loaded == [("meta.md", b"# Meta\nopen weights\n")]


async def test_stop_lets_a_command_in_flight_finish_then_stops(chat: Chat, core: ConformanceCore) -> None:
    core.gate.clear()
    answer = await chat.send("slow")
    await core.entered.wait()
    stopping = asyncio.create_task(chat.adapter.stop())
    done, _ = await asyncio.wait({stopping}, timeout=0.2)
    assert not done and chat.adapter.stopping  # taking no more commands, waiting for this one
    core.gate.set()
    seen = await answer
    await stopping
    assert "The slow answer." in seen.text
    assert not core.cancelled


async def test_stop_cancels_a_command_still_running_after_the_grace(
    chat: Chat, core: ConformanceCore
) -> None:
    chat.adapter.stop_grace = 0.05
    core.gate.clear()
    await chat.send("slow")
    await core.entered.wait()
    if chat.has_deadline:
        await chat.acknowledged()
    await chat.adapter.stop()  # returns although the command never finishes
    assert core.cancelled
    assert chat.adapter.in_flight == 0


async def test_an_answer_longer_than_a_message_is_clipped_to_what_the_platform_accepts(chat: Chat) -> None:
    seen = await (await chat.send("long"))
    assert chat.rejected() == []  # the fake refuses what the real platform would
    assert FIRST_LINE in seen.text
    last_line = LONG_TEXT.splitlines()[-1]
    if chat.name == "console":
        assert last_line in seen.text  # a terminal takes it whole
    else:  # split over several parts, or cut with a count of what was left out, never lost silently
        assert last_line in seen.text or re.search(r"…\s?and \d+ more", seen.text)
