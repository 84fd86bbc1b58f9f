"""The Discord adapter: app commands generated from the CommandSpecs, interactions → Invocations → embeds.

One `discord.Client` with an `app_commands.CommandTree`; every command is built at start-up from the
core's specs (a spec added later appears without touching this file). Answers arrive within Discord's
3 s: a fast answer is the initial response, a slow one is deferred and then edited in.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import inspect
import json
import logging
import math
import os
import sys
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.base import AdapterStartError
from adapters.discord_names import discord_group
from adapters.discord_render import (
    CHOICES_LIMIT,
    RenderedReply,
    autocomplete_choices,
    command_description,
    render_reply,
)
from adapters.discord_shards import ShardPlan
from adapters.platform import DEFAULT_STOP_GRACE, RESTARTING_REPLY, DiscordConfig, PlatformAdapter
from bot.catalog import CatalogError
from bot.commands.engine import Engine
from bot.commands.spec import AutocompleteSource, CommandCore, CommandSpec, Param, ParamType, Permission
from bot.config import Config, config_from_args
from bot.contracts import Actor, Attachment, Channel, Invocation, Platform
from bot.delivery import DeliveryError, PostLimit
from bot.digest.fanout import report_global_limit, report_rate_limit
from bot.reply import Reply, is_private
from bot.store.db import StoreError

log = logging.getLogger("labnotes.discord")

COMMANDS_HASH_KEY = "discord.commands_hash"
COMMAND_GUILDS_KEY = "discord.command_guilds"  # the guilds the last sync registered commands in
NONCE_LIMIT = 25  # Discord accepts nonces of at most 25 characters
HISTORY_LOOKBACK = 50  # recent messages searched for an earlier post of the same digest
RATE_LIMITED_ROUNDS = 3  # digest re-sends after discord.py's own five tries all met 429s
MAX_RATE_LIMITED_WAIT = 10.0  # seconds; a longer Retry-After leaves the post to the next pass

# Close codes after which reconnecting cannot help (PLATFORMS.md; discord.py raises on them).
FATAL_CLOSE_CODES = {
    4004: "authentication failed: DISCORD_TOKEN is wrong or was reset",
    4010: "invalid shard: discord.shard_ids must lie within 0 … discord.shard_count − 1",
    4011: (
        "sharding required: the bot is in too many guilds for one connection; raise "
        "discord.shard_count in labnotes.yaml, or remove it to let Discord choose"
    ),
    4012: "invalid gateway API version",
    4013: "invalid intents",
    4014: "disallowed intents: a privileged intent is requested but not enabled",
}

ANNOTATIONS: dict[ParamType, type] = {
    ParamType.STRING: str,
    ParamType.INTEGER: int,
    ParamType.BOOLEAN: bool,
    ParamType.ATTACHMENT: discord.Attachment,
}
NO_MENTIONS = discord.AllowedMentions.none()

# labnotes never joins voice: without this every start warns that PyNaCl and davey (voice-only
# libraries) are missing, which reads to an admin as a broken install.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False

RunCommand = Callable[[CommandSpec, discord.Interaction, dict[str, Any]], Awaitable[None]]
AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group


@runtime_checkable
class MetaSettings(Protocol):
    """Where the adapter keeps the hash of the last synced command set (the core's store)."""

    async def get_meta(self, key: str) -> str | None: ...

    async def set_meta(self, key: str, value: str) -> None: ...


# ---- commands built from specs -----------------------------------------------------------------


def _python_name(index: int) -> str:
    # Spec names are shown through app_commands.rename, so any Discord-valid name works here.
    return f"arg{index}"


def _completer(
    core: CommandCore, source: AutocompleteSource
) -> Callable[[discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        try:
            names = await core.autocomplete(source, current, CHOICES_LIMIT)
        except Exception:
            log.exception("autocomplete %s %r failed", source, current)
            return []
        return autocomplete_choices(names)

    return complete


def _static_completer(
    values: Sequence[str],
) -> Callable[[discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return autocomplete_choices(v for v in values if v.lower().startswith(current.lower()))

    return complete


def _param_completer(
    core: CommandCore, param: Param
) -> Callable[[discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]] | None:
    """Autocomplete for a string option: the core's names, or a choice list too long to show whole."""
    if param.type is not ParamType.STRING:
        return None
    if len(param.choices) > CHOICES_LIMIT:
        return _static_completer(param.choices)
    if param.autocomplete is not None and not param.choices:
        return _completer(core, param.autocomplete)
    return None


def _callback(
    spec: CommandSpec, core: CommandCore, run: RunCommand
) -> Callable[..., Coroutine[Any, Any, None]]:
    """A coroutine whose signature discord.py reads as the command's options."""
    ordered = sorted(enumerate(spec.params), key=lambda item: not item[1].required)  # required first
    by_python_name: dict[str, Param] = {_python_name(i): p for i, p in ordered}

    async def callback(interaction: discord.Interaction, **values: Any) -> None:
        await run(spec, interaction, {by_python_name[k].name: v for k, v in values.items()})

    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    for index, param in ordered:
        parameters.append(
            inspect.Parameter(
                _python_name(index),
                inspect.Parameter.KEYWORD_ONLY,
                annotation=ANNOTATIONS[param.type],
                default=inspect.Parameter.empty if param.required else None,
            )
        )
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]

    decorated: Callable[..., Coroutine[Any, Any, None]] = callback
    decorated = app_commands.rename(**{_python_name(i): p.name for i, p in ordered})(decorated)
    decorated = app_commands.describe(
        **{_python_name(i): command_description(p.description) for i, p in ordered}
    )(decorated)
    # Discord shows at most 25 fixed choices; a longer list is offered through autocomplete instead.
    choices = {
        _python_name(i): [app_commands.Choice(name=c, value=c) for c in p.choices]
        for i, p in ordered
        if p.choices and len(p.choices) <= CHOICES_LIMIT and p.type is ParamType.STRING
    }
    if choices:
        decorated = app_commands.choices(**choices)(decorated)
    completers = {
        _python_name(i): completer for i, p in ordered if (completer := _param_completer(core, p)) is not None
    }
    if completers:
        decorated = app_commands.autocomplete(**completers)(decorated)
    if spec.permission is Permission.MODERATOR:
        # Hidden from members without Manage Server, and from DMs, where nobody is a moderator.
        decorated = app_commands.default_permissions(manage_guild=True)(decorated)
        decorated = app_commands.guild_only()(decorated)
    return decorated


def _group_description(name: str, members: Sequence[CommandSpec]) -> str:
    return command_description(f"{name.capitalize()}: " + ", ".join(spec.name for spec in members))


def build_commands(core: CommandCore, run: RunCommand) -> list[AppCommand]:
    """Discord app commands for every spec: top-level commands, and one group per spec group.

    Discord cannot invoke a group itself, so a group's `default_in_group` spec is an ordinary
    subcommand here. Moderator subcommands of a group that also has everyone's sit in a group of their
    own (adapters.discord_names), so every group is hidden from non-moderators or from nobody.
    """
    commands: list[AppCommand] = []
    groups: dict[str, list[CommandSpec]] = {}
    for spec in core.specs:
        if (group_name := discord_group(spec, core.specs)) is not None:
            groups.setdefault(group_name, []).append(spec)
            continue
        commands.append(_app_command(spec, core, run))
    for name, members in groups.items():
        moderators_only = all(spec.permission is Permission.MODERATOR for spec in members)
        group = app_commands.Group(
            name=name,
            description=_group_description(name, members),
            default_permissions=discord.Permissions(manage_guild=True) if moderators_only else None,
            guild_only=moderators_only,
        )
        for spec in members:
            group.add_command(_app_command(spec, core, run))
        commands.append(group)
    return commands


def _app_command(spec: CommandSpec, core: CommandCore, run: RunCommand) -> AppCommand:
    return app_commands.Command(
        name=spec.name,
        description=command_description(spec.description),
        callback=_callback(spec, core, run),
        extras={"spec": spec},
    )


def commands_hash(payload: list[dict[str, Any]], application_id: int | None, guild_ids: Sequence[int]) -> str:
    """Changes when anything Discord would store changes: the commands, the app, or where they go."""
    blob = json.dumps(
        {"application": application_id, "guilds": sorted(guild_ids), "commands": payload},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(blob.encode()).hexdigest()


async def _synced_guilds(settings: MetaSettings | None) -> set[int]:
    stored = await settings.get_meta(COMMAND_GUILDS_KEY) if settings is not None else None
    return set(json.loads(stored)) if stored else set()


# ---- who is a moderator --------------------------------------------------------------------------


def is_moderator(interaction: discord.Interaction, config: DiscordConfig) -> bool:
    """Only in a configured guild, and there only with Manage Server or a configured moderator role."""
    guild_id = interaction.guild_id
    if guild_id is None or guild_id not in config.guild_ids:
        return False
    permissions = interaction.permissions
    if permissions.manage_guild or permissions.administrator:
        return True
    user = interaction.user
    if not isinstance(user, discord.Member) or not config.moderator_role_ids:
        return False
    return any(role.id in config.moderator_role_ids for role in user.roles)


# ---- the client --------------------------------------------------------------------------------


class _Tree(app_commands.CommandTree[discord.Client]):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        # A command Discord still shows but this version no longer has, or options that don't match.
        log.warning("interaction %s failed: %s", interaction.id, error)
        if interaction.type is discord.InteractionType.autocomplete or interaction.response.is_done():
            return
        reply = Reply.error(
            "That command is not available", "Discord may still be updating its command list; try again."
        )
        with contextlib.suppress(discord.HTTPException):
            await _send_initial(interaction, render_reply(reply))


class _Client(discord.AutoShardedClient):
    """discord.py's own sharding: one gateway connection per shard of this process's range."""

    def __init__(self, adapter: DiscordAdapter, **options: Any) -> None:
        super().__init__(**options)
        self._adapter = adapter

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # Discord takes one IDENTIFY per 5 s (per max_concurrency bucket); the fake needs no wait.
        if not initial:
            await asyncio.sleep(self._adapter._identify_wait)

    async def on_ready(self) -> None:
        self._adapter._on_connected("ready")

    async def on_resumed(self) -> None:
        self._adapter._on_connected("resumed")

    async def on_shard_connect(self, shard_id: int) -> None:
        self._adapter._on_shard(shard_id, "connecting")  # identified; its guilds are arriving

    async def on_shard_ready(self, shard_id: int) -> None:
        self._adapter._on_shard(shard_id, "ready")

    async def on_shard_resumed(self, shard_id: int) -> None:
        self._adapter._on_shard(shard_id, "ready")

    async def on_shard_disconnect(self, shard_id: int) -> None:
        self._adapter._on_shard(shard_id, "disconnected")


def _message_kwargs(rendered: RenderedReply) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"embeds": rendered.embeds, "allowed_mentions": NO_MENTIONS}
    file = rendered.file()
    if file is not None:
        kwargs["file"] = file
    return kwargs


async def _send_initial(interaction: discord.Interaction, rendered: RenderedReply) -> None:
    await interaction.response.send_message(ephemeral=rendered.ephemeral, **_message_kwargs(rendered))


class DiscordAdapter(PlatformAdapter):
    """`adapters.base.Adapter` for Discord (gateway connection, app commands)."""

    name = "discord"

    def __init__(
        self,
        core: CommandCore,
        config: DiscordConfig,
        token: str,
        *,
        api_base: str | None = None,
        gateway_url: str | None = None,
        defer_after: float = 1.5,
        guild_ready_timeout: float = 2.0,
        stop_grace: float = DEFAULT_STOP_GRACE,
        identify_wait: float = 5.0,
    ) -> None:
        super().__init__(core, stop_grace=stop_grace)
        self._core = core
        self._config = config
        self._token = token
        self._api_base = api_base
        self._gateway_url = gateway_url
        self._defer_after = defer_after  # answer directly if the core is this fast, else defer (3 s rule)
        self._guild_ready_timeout = guild_ready_timeout
        self._identify_wait = identify_wait  # between two shards' IDENTIFYs
        self._shards = ShardPlan.from_config(config)
        self._shard_states: dict[int, str] = {}  # "connecting", "ready" or "disconnected"
        self._client: _Client | None = None
        self._tree: _Tree | None = None
        self._publisher: DiscordPublisher | None = None
        self._runner: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._connected = False
        self._fatal: str | None = None
        self.sync_result: str | None = None  # "synced", "unchanged", "disabled" or "failed"

    # -- Adapter protocol --

    @property
    def connected(self) -> bool:
        """Every shard of this process's range is up (one down: its guilds go unanswered)."""
        return self._connected and all(state == "ready" for state in self._shard_states.values())

    def shard_report(self) -> dict[str, Any]:
        """For /healthz: the shard count and each shard's state and heartbeat latency."""
        client = self._client
        shards = client.shards if client is not None else {}
        report = []
        for shard_id in sorted(self._shard_states.keys() | shards.keys()):
            state = self._shard_states.get(shard_id, "connecting")
            # A down shard's last latency means nothing; discord.py says inf before the first ACK.
            latency = shards[shard_id].latency if state == "ready" and shard_id in shards else math.inf
            report.append(
                {
                    "id": shard_id,
                    "state": state,
                    "latency_ms": round(latency * 1000, 1) if math.isfinite(latency) else None,
                }
            )
        count = client.shard_count if client is not None else None
        return {"shard_count": count or self._shards.count, "shards": report}

    @property
    def publisher(self) -> DiscordPublisher | None:
        return self._publisher

    @property
    def client(self) -> discord.Client | None:
        return self._client

    async def start(self) -> None:
        if (problem := self._shards.problem()) is not None:
            raise AdapterStartError(problem)
        client = await self._login()
        self._publisher = ShardedPublisher(client, shards=self._shards)
        await self._sync()
        self._runner = asyncio.create_task(self._connect(client), name="discord-gateway")
        ready = asyncio.create_task(self._ready.wait())
        await asyncio.wait({self._runner, ready}, return_when=asyncio.FIRST_COMPLETED)
        if not self._ready.is_set():
            ready.cancel()
            await self._runner
            raise AdapterStartError(self._fatal or "the Discord gateway closed before READY")

    async def resync(self) -> str:
        """`labnotes discord-sync`: log in, register the commands even if unchanged, clear stale sets
        everywhere the bot is, log out; no gateway connection, so it can run beside a running bot."""
        client = await self._login()
        try:
            await self._sync(force=True)
        finally:
            await client.close()
        return self.sync_result or "failed"

    async def _login(self) -> _Client:
        """A logged-in client with the command tree built (no gateway yet); AdapterStartError if not."""
        if self._api_base:
            Route.BASE = self._api_base.rstrip("/")
        if self._gateway_url:
            DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self._gateway_url)
        client = _Client(
            self,
            intents=discord.Intents(guilds=True),  # no privileged intents: commands arrive as interactions
            allowed_mentions=NO_MENTIONS,
            guild_ready_timeout=self._guild_ready_timeout,
            shard_count=self._shards.count,
            shard_ids=list(self._shards.ids) or None,
        )
        self._client = client
        self._tree = _Tree(client)
        for command in build_commands(self._core, self._run_command):
            self._tree.add_command(command)
        try:
            await client.login(self._token)
        except discord.LoginFailure as exc:
            await client.close()
            raise AdapterStartError(
                "Discord rejected DISCORD_TOKEN (401 Unauthorized); reset it in the "
                "Developer Portal (Bot → Reset Token)"
            ) from exc
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            await client.close()
            raise AdapterStartError(f"cannot reach Discord at {Route.BASE}: {exc}") from exc
        return client

    async def wait_closed(self) -> None:
        if self._runner is not None:
            await asyncio.shield(self._runner)
        if self._fatal is not None:
            raise AdapterStartError(self._fatal)

    async def stop(self) -> None:
        await self.drain()  # interactions in flight are answered over HTTP: the gateway can wait
        if self._client is not None:
            await self._client.close()
        if self._runner is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
        self._connected = False

    # -- lifecycle --

    async def _connect(self, client: _Client) -> None:
        """discord.py reconnects and resumes on its own; only fatal ends arrive here."""
        try:
            await client.connect(reconnect=True)
        except discord.PrivilegedIntentsRequired:
            self._fatal = f"Discord closed the gateway: {FATAL_CLOSE_CODES[4014]}"
        except discord.ConnectionClosed as exc:
            reason = FATAL_CLOSE_CODES.get(exc.code, exc.reason or "no reason given")
            self._fatal = f"Discord closed the gateway with code {exc.code}: {reason}"
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            self._fatal = f"Discord gateway connection failed: {exc}"
        finally:
            self._connected = False
            if not client.is_closed():
                await client.close()

    def _on_connected(self, how: str) -> None:
        if how == "ready" and self._client is not None:
            # discord.py says ready only once every shard of the range is
            self._shard_states.update(dict.fromkeys(self._client.shards, "ready"))
        self._connected = True
        self._ready.set()
        log.info(
            "discord %s as %s (%s)", how, self._client.user if self._client else "?", self._shards.describe()
        )

    def _on_shard(self, shard_id: int, state: str) -> None:
        if self._shard_states.get(shard_id) != state:
            log.info("discord shard %d: %s", shard_id, state)
        self._shard_states[shard_id] = state

    async def _sync(self, *, force: bool = False) -> None:
        """Register the commands only when they changed since the last sync (Discord rate-limits syncs),
        or when forced. Discord shows a guild's set beside the global one, so registering in one scope
        empties the other: the global set when guilds are configured, the sets of guilds no longer
        configured (those of the last sync; forced, every guild the bot is in)."""
        assert self._client is not None and self._tree is not None
        if not self._config.sync_commands and not force:
            self.sync_result = "disabled"
            return
        client, tree, guild_ids = self._client, self._tree, self._config.guild_ids
        payload = [command.to_dict(tree) for command in tree.get_commands()]
        digest = commands_hash(payload, client.application_id, guild_ids)
        settings = self._core if isinstance(self._core, MetaSettings) else None
        if not force and settings is not None and await settings.get_meta(COMMANDS_HASH_KEY) == digest:
            self.sync_result = "unchanged"
            return
        app_id = client.application_id
        assert app_id is not None  # set by login
        try:
            stale = await _synced_guilds(settings)
            if force:
                stale |= {guild.id async for guild in client.fetch_guilds(limit=None)}
            if guild_ids:  # instant in these guilds; global commands can take a while to appear
                for guild_id in guild_ids:
                    guild = discord.Object(id=guild_id)
                    tree.copy_global_to(guild=guild)
                    await tree.sync(guild=guild)
                await client.http.bulk_upsert_global_commands(app_id, [])
            else:
                await tree.sync()
            for guild_id in sorted(stale - set(guild_ids)):
                await client.http.bulk_upsert_guild_commands(app_id, guild_id, [])
        except discord.HTTPException as exc:
            log.warning("could not register Discord commands (%s); the previous ones stay", exc)
            self.sync_result = "failed"
            return
        if settings is not None:
            await settings.set_meta(COMMANDS_HASH_KEY, digest)
            await settings.set_meta(COMMAND_GUILDS_KEY, json.dumps(sorted(guild_ids)))
        self.sync_result = "synced"
        log.info(
            "registered %d Discord commands %s", len(payload), f"in guilds {guild_ids}" if guild_ids else ""
        )

    # -- commands --

    def _invocation(
        self, spec: CommandSpec, interaction: discord.Interaction, values: dict[str, Any]
    ) -> Invocation:
        args: dict[str, Any] = {}
        attachments: list[Attachment] = []
        for name, value in values.items():
            if value is None:
                continue
            if isinstance(value, discord.Attachment):
                attachments.append(_attachment(value, interaction.filesize_limit))
                args[name] = value.filename
            else:
                args[name] = value
        user = interaction.user
        platform: Platform = "discord"
        return Invocation(
            command=spec.path,
            args=args,
            actor=Actor(platform, str(user.id), user.display_name, is_moderator(interaction, self._config)),
            channel=Channel(
                platform,
                str(interaction.channel_id or ""),
                str(interaction.guild_id) if interaction.guild_id else None,
            ),
            attachments=tuple(attachments),
        )

    async def _answer(self, invocation: Invocation) -> Reply:
        return await self.guarded(self._core.handle(invocation), f"/{invocation.command}")

    def render(self, reply: Reply) -> RenderedReply:
        return render_reply(reply)

    async def _run_command(
        self, spec: CommandSpec, interaction: discord.Interaction, values: dict[str, Any]
    ) -> None:
        with self.tracking():
            await self._run_tracked(spec, interaction, values)

    async def _run_tracked(
        self, spec: CommandSpec, interaction: discord.Interaction, values: dict[str, Any]
    ) -> None:
        try:
            if self.stopping:
                await _send_initial(interaction, self.render(RESTARTING_REPLY))
                return
            answer = asyncio.ensure_future(self._answer(self._invocation(spec, interaction, values)))
            done, _ = await asyncio.wait({answer}, timeout=self._defer_after)
            if answer in done:
                await _send_initial(
                    interaction, render_reply(answer.result(), image_limit=interaction.filesize_limit)
                )
                return
            # Within 3 s; the answer follows. An answer that is always private (/help) is awaited privately.
            private = is_private("ok", spec.path)
            await interaction.response.defer(thinking=True, ephemeral=private)
            reply = await answer
            rendered = render_reply(reply, image_limit=interaction.filesize_limit)
            await self._follow_up(interaction, rendered, deferred_privately=private)
        except discord.HTTPException as exc:
            log.warning("could not answer /%s (interaction %s): %s", spec.path, interaction.id, exc)

    async def _follow_up(
        self, interaction: discord.Interaction, rendered: RenderedReply, *, deferred_privately: bool = False
    ) -> None:
        kwargs = _message_kwargs(rendered)
        if rendered.ephemeral and not deferred_privately:
            # The deferred "thinking…" message is public; a refusal must not be.
            await interaction.delete_original_response()
            await interaction.followup.send(ephemeral=True, **kwargs)
            return
        file = kwargs.pop("file", None)
        if file is not None:
            kwargs["attachments"] = [file]
        await interaction.edit_original_response(**kwargs)


def _attachment(attachment: discord.Attachment, limit: int) -> Attachment:
    async def load() -> bytes:
        if attachment.size > limit:
            raise ValueError(f"{attachment.filename} is {attachment.size} bytes; the limit here is {limit}")
        data = await attachment.read()  # through the client's HTTP session
        if len(data) > limit:
            raise ValueError(f"{attachment.filename} is larger than {limit} bytes")
        return data

    return Attachment(attachment.filename, attachment.size, load)


# ---- posting on the bot's own initiative (digests) -----------------------------------------------


def nonce_for(idempotency_key: str) -> str:
    """A stable Discord nonce (≤ 25 chars) for one logical post."""
    return "ln" + hashlib.sha256(idempotency_key.encode()).hexdigest()[: NONCE_LIMIT - 2]


_DISCORD_HTTP_LOG = logging.getLogger("discord.http")


class _RateLimitReports(logging.Filter):
    """discord.py waits out every 429 itself (per-route and global buckets) and only says so in its log:
    the digest fan-out hears of each one here, for its progress line and to hold posts while a global
    limit lasts. Records pass through unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        args = record.args if isinstance(record.args, tuple) else ()
        if args and message.startswith("We are being rate limited.") and "Retrying in" in message:
            report_rate_limit("discord", float(str(args[-1])))
        elif args and message.startswith("Global rate limit has been hit."):
            report_global_limit("discord", float(str(args[-1])))
        return True


def _retry_after(exc: discord.HTTPException) -> float | None:
    """The seconds a 429 asks to wait (its Retry-After header, one when it names none), or None when
    that is longer than a digest post should hold its place for: the next pass sends it then."""
    header = exc.response.headers.get("Retry-After", "1") if exc.response is not None else "1"
    try:
        seconds = float(header)
    except ValueError:
        seconds = 1.0
    return max(seconds, 0.0) if seconds <= MAX_RATE_LIMITED_WAIT else None


class DiscordPublisher:
    """`bot.delivery.Publisher`: channel posts with a nonce Discord enforces, and a footer marker that
    survives in the channel history (Discord does not return nonces there). A chart (the digest's
    openness changes) is the attachment its embed shows, sent in the same request: the nonce covers it."""

    platform: Platform = "discord"
    # Discord allows 50 requests/s per bot, all routes together: 40 leaves room for command answers and
    # recovery's history reads (PLATFORMS.md).
    post_limit = PostLimit(rate=40.0, burst=5, in_flight=8)

    def __init__(self, client: discord.Client) -> None:
        self._client = client
        if not any(isinstance(f, _RateLimitReports) for f in _DISCORD_HTTP_LOG.filters):
            _DISCORD_HTTP_LOG.addFilter(_RateLimitReports())

    async def publish(self, channel_id: str, reply: Reply, *, idempotency_key: str) -> str:
        nonce = nonce_for(idempotency_key)
        # A channel by id alone doesn't tell its guild's upload limit: use the smallest any guild has. A
        # bigger chart is left out (the text still goes) rather than a 413 failing the whole digest.
        limit = discord.utils.DEFAULT_FILE_SIZE_LIMIT_BYTES
        rendered = render_reply(reply, footer_suffix=f"ref {nonce}", image_limit=limit)
        channel = self._client.get_partial_messageable(int(channel_id))
        try:
            message = await self._send_through_429s(channel, nonce, rendered)
        except (discord.Forbidden, discord.NotFound) as exc:
            raise DeliveryError(
                f"cannot post in Discord channel {channel_id}: {exc}", permanent=True
            ) from exc
        except discord.HTTPException as exc:
            permanent = 400 <= exc.status < 500 and exc.status != 429
            raise DeliveryError(
                f"Discord refused the post in {channel_id}: {exc}", permanent=permanent
            ) from exc
        except (aiohttp.ClientError, OSError) as exc:
            raise DeliveryError(f"cannot reach Discord: {exc}") from exc
        return str(message.id)

    async def _send_through_429s(
        self, channel: discord.PartialMessageable, nonce: str, rendered: RenderedReply
    ) -> discord.Message:
        """discord.py gives up after five 429s in a row, which a bot sharing its global limit with
        another process meets when the machine is busy. A 429 means Discord did not post it, so the same
        post (same nonce) goes again after the wait Discord asks for, a few rounds more, rather than
        leaving the digest to the next pass minutes later."""
        for rounds_left in range(RATE_LIMITED_ROUNDS, -1, -1):
            try:
                return await channel.send(nonce=nonce, **_message_kwargs(rendered))
            except discord.HTTPException as exc:
                wait = _retry_after(exc) if exc.status == 429 and rounds_left else None
                if wait is None:
                    raise
                await asyncio.sleep(wait)
        raise AssertionError("unreachable: the last round returns or raises")

    async def already_posted(self, channel_id: str, idempotency_key: str) -> str | None:
        nonce = nonce_for(idempotency_key)
        marker = f"ref {nonce}"
        channel = self._client.get_partial_messageable(int(channel_id))
        try:
            async for message in channel.history(limit=HISTORY_LOOKBACK):
                if str(message.nonce) == nonce:
                    return str(message.id)
                if any(marker in (embed.footer.text or "") for embed in message.embeds):
                    return str(message.id)
        except (discord.Forbidden, discord.NotFound) as exc:
            raise DeliveryError(f"cannot read Discord channel {channel_id}: {exc}", permanent=True) from exc
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            raise DeliveryError(f"cannot read Discord channel {channel_id}: {exc}") from exc
        return None


class ShardedPublisher(DiscordPublisher):
    """A DiscordPublisher that tells the digest scheduler which guilds are this process's to post
    (`bot.delivery.PartialPublisher`): those its shards own."""

    def __init__(self, *args: Any, shards: ShardPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shards = shards

    def owns_workspace(self, workspace_id: str | None) -> bool:
        return self.shards.owns(workspace_id)


# ---- composition -------------------------------------------------------------------------------


def from_env(
    core: CommandCore, config: DiscordConfig, *, environ: Mapping[str, str] | None = None, **options: Any
) -> DiscordAdapter | None:
    """The adapter `labnotes run` starts when DISCORD_TOKEN is set; the URLs may point at a proxy or fake."""
    env = os.environ if environ is None else environ
    token = env.get("DISCORD_TOKEN", "").strip()
    if not token:
        return None
    if ready_timeout := env.get("LABNOTES_DISCORD_GUILD_READY_TIMEOUT"):
        # How long READY waits for guild data; tests running `labnotes run` shorten Discord's 2 s.
        options.setdefault("guild_ready_timeout", float(ready_timeout))
    return DiscordAdapter(
        core,
        config,
        token,
        api_base=env.get("LABNOTES_DISCORD_API") or None,
        gateway_url=env.get("LABNOTES_DISCORD_GATEWAY") or None,
        **options,
    )


def run_sync(ns: argparse.Namespace) -> int:
    """`labnotes discord-sync`: register the commands now and remove stale ones (after changing
    `guild_ids`, or when Discord shows commands twice); safe while the bot runs."""
    config = config_from_args(ns)  # also loads .env, where DISCORD_TOKEN usually is
    try:
        result = asyncio.run(_resync(config))
    except (AdapterStartError, StoreError, CatalogError) as exc:
        print(f"labnotes discord-sync: {exc}", file=sys.stderr)
        return 2
    if result is None:
        print("labnotes discord-sync: set DISCORD_TOKEN (in the environment or .env)", file=sys.stderr)
        return 2
    if result != "synced":
        print(
            "labnotes discord-sync: Discord refused the commands; the reason is logged above", file=sys.stderr
        )
        return 1
    guilds = config.platforms["discord"].guild_ids
    print(
        f"Discord commands registered {f'in guilds {guilds}' if guilds else 'globally'}; stale ones removed"
    )
    return 0


async def _resync(config: Config) -> str | None:
    engine = await Engine.open(config)  # the commands, and the store that keeps the sync hash
    try:
        adapter = from_env(engine, config.platforms["discord"])
        return None if adapter is None else await adapter.resync()
    finally:
        await engine.close()
