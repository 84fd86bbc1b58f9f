"""One platform layer: the base every chat adapter stands on, and the table of platforms.

The base owns what each adapter used to re-implement: commands in flight and the stop grace, the one
fallback reply when answering fails, turning file parameters typed as text into Attachments, and the
renderer interface. An adapter subclass keeps only translation (platform event → Invocation, Reply →
platform message).

A platform is one descriptor in `PLATFORMS`: its name, its labnotes.yaml section, the environment
variables that enable it and hold its secrets, its factory and its command-naming rules. The runner,
the config reader, the logs and the Slack manifest read this table; the core (bot/) names no platform.
Adding one is a descriptor here, an adapter class and a renderer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bot.commands.spec import CommandCore, CommandSpec, ParamType
from bot.config import Config, PlatformSection, register_platform
from bot.contracts import Attachment
from bot.delivery import Publisher
from bot.reply import Reply, code

if TYPE_CHECKING:
    from aiohttp import web  # only named in annotations: importing aiohttp costs every CLI start ~0.1 s

    from adapters.base import Adapter

log = logging.getLogger("labnotes.platform")

DEFAULT_STOP_GRACE = float(Config().stop_grace_seconds)
CANCEL_WAIT = 1.0  # how long a cancelled command gets to unwind (a cancel is only a request)
# The one reply a user gets when answering fails (the traceback goes to the log, never to the chat).
FALLBACK_REPLY = Reply.error("Something went wrong", "The command failed; the error is in the bot's log.")
RESTARTING_REPLY = Reply.error("The bot is restarting", "Try again in a minute.")


@dataclass(frozen=True, slots=True)
class HttpServer:
    """An HTTP server an adapter runs, so the runner can add its own routes (/healthz) to it."""

    app: web.Application
    host: str
    port: int  # as configured (0: any free port)
    bound_port: Callable[[], int | None]  # the port actually listened on, once started


class PlatformAdapter(ABC):
    """The base of every chat adapter (`adapters.base.Adapter`).

    Subclasses set `name`, translate their platform's events into Invocations and answer them through
    `guarded` inside `tracking()` (or `spawn`), so `stop()` can give them `stop_grace` seconds.
    """

    name: str  # set by each subclass: "discord", "slack", "console"

    def __init__(self, core: CommandCore, *, stop_grace: float = DEFAULT_STOP_GRACE) -> None:
        self.core = core
        self.stop_grace = stop_grace
        self._in_flight: set[asyncio.Task[Any]] = set()
        self._stopping = False

    # -- the Adapter protocol (defaults for a platform with no connection) --

    async def start(self) -> None:
        return None

    async def wait_closed(self) -> None:
        return None

    async def stop(self) -> None:
        await self.drain()

    @property
    def connected(self) -> bool:
        return not self._stopping

    @property
    def publisher(self) -> Publisher | None:
        return None

    def http_server(self) -> HttpServer | None:
        """The HTTP server this adapter listens on, if any (the runner serves /healthz on it too)."""
        return None

    # -- commands in flight and the stop grace --

    @property
    def stopping(self) -> bool:
        return self._stopping

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    @contextlib.contextmanager
    def tracking(self) -> Iterator[None]:
        """Count the current task as a command in flight until the block ends."""
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            yield
        finally:
            if task is not None:
                self._in_flight.discard(task)

    def spawn(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """Run `work` as a command in flight (answered after the platform's ack)."""
        task = asyncio.ensure_future(work)
        self._in_flight.add(task)
        task.add_done_callback(self._in_flight.discard)
        return task

    async def drain(self) -> None:
        """Stop taking commands; those in flight get `stop_grace` seconds, then are cancelled."""
        self._stopping = True
        pending = self._in_flight - {asyncio.current_task()}
        if not pending:
            return
        _, late = await asyncio.wait(pending, timeout=self.stop_grace)
        if not late:
            return
        log.warning(
            "%s: %d command(s) unanswered after %g s: cancelled", self.name, len(late), self.stop_grace
        )
        for task in late:
            task.cancel()
        # Cancelling only asks: let them unwind (release what they hold) before the adapter goes on.
        await asyncio.wait(late, timeout=CANCEL_WAIT)

    # -- answering --

    async def guarded(self, work: Awaitable[Reply], what: str) -> Reply:
        """`work`'s Reply, or the one fallback reply (and the traceback in the log) when it raises."""
        try:
            return await work
        except Exception:
            log.exception("%s: %s failed", self.name, what)
            return FALLBACK_REPLY

    @abstractmethod
    def render(self, reply: Reply) -> object:
        """The renderer interface: `reply` as this platform's message, within its limits."""

    # -- attachments given as text (a Slack file link, a console path) --

    async def resolve_attachment(self, ref: str) -> Attachment | Reply:
        """The file `ref` names on this platform, or a Reply saying why it can't be used."""
        return Reply.error(
            "Files are not given as text here", f"Attach the file instead of typing {code(ref)}."
        )

    async def resolve_attachments(
        self, spec: CommandSpec | None, args: dict[str, Any]
    ) -> tuple[Attachment, ...] | Reply:
        """Every file parameter of `spec` typed as text → an Attachment (in `args` too, in place); the
        first that can't be resolved → its Reply."""
        found: list[Attachment] = []
        for param in spec.params if spec is not None else ():
            value = args.get(param.name)
            if param.type is not ParamType.ATTACHMENT or not isinstance(value, str) or not value.strip():
                continue
            attachment = await self.resolve_attachment(value.strip())
            if isinstance(attachment, Reply):
                return attachment
            args[param.name] = attachment
            found.append(attachment)
        return tuple(found)


# -- the table of platforms ------------------------------------------------------------------------

Factory = Callable[[CommandCore, Config, Mapping[str, str]], "Adapter | None"]


@dataclass(frozen=True)
class PlatformDescriptor:
    name: str
    factory: Factory | None  # builds the adapter `labnotes run` starts; None: not a chat server (console)
    settings: type | None = None  # the dataclass of its labnotes.yaml section; None: no section
    credentials: tuple[str, ...] = ()  # any one set enables it
    secrets: tuple[str, ...] = ()  # variables holding secrets: masked in logs
    secret_keys: Mapping[str, str] = field(default_factory=dict)  # YAML keys a secret gets pasted as
    loggers: tuple[str, ...] = ()  # its library's chatty loggers
    reserved_commands: frozenset[str] = frozenset()  # command names the platform keeps for itself
    reserved_prefix: str = "labnotes-"

    def command_name(self, name: str) -> str:
        """What users type (without the slash) for the core's top-level command `name`."""
        return f"{self.reserved_prefix}{name}" if name in self.reserved_commands else name

    def enabled(self, environ: Mapping[str, str]) -> bool:
        return any(environ.get(variable, "").strip() for variable in self.credentials)

    def section(self) -> PlatformSection | None:
        if self.settings is None:
            return None
        return PlatformSection(self.name, self.settings, self.secret_keys, self.secrets, self.loggers)


@dataclass(slots=True)
class DiscordConfig:
    guild_ids: list[int] = field(default_factory=list)  # sync here (instant) and trust moderators here
    moderator_role_ids: list[int] = field(default_factory=list)
    sync_commands: bool = True
    # Sharding (adapters.discord_shards): no count lets discord.py ask Discord how many; shard_ids
    # (empty: all of them) is this process's range when several processes share the bot.
    shard_count: int | None = None
    shard_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class SlackOAuthConfig:
    """`slack.oauth`: installs in many workspaces through Slack's OAuth flow (adapters.slack_oauth).
    The client id and secret come from SLACK_CLIENT_ID and SLACK_CLIENT_SECRET; off, one bot token."""

    enabled: bool = False
    public_url: str = ""  # https://host where Slack reaches this server (the redirect URL's base)
    install_path: str = "/slack/install"
    redirect_path: str = "/slack/oauth_redirect"
    scopes: list[str] = field(default_factory=list)  # []: the manifest's bot scopes
    installations_path: Path | None = None  # SQLite file; None: slack-installations.db beside the store
    token_rotation: bool = False  # Slack's expiring tokens, refreshed before they expire

    @property
    def redirect_url(self) -> str | None:
        """Where Slack sends the installer back (the manifest's redirect URL), once public_url is set."""
        return self.public_url.rstrip("/") + self.redirect_path if self.public_url else None


@dataclass(slots=True)
class SlackConfig:
    mode: Literal["auto", "socket", "http"] = "auto"  # auto: socket when SLACK_APP_TOKEN is set
    host: str = "0.0.0.0"
    port: int = 3000
    path: str = "/slack/events"
    moderator_user_ids: list[str] = field(default_factory=list)
    admins_are_moderators: bool = True
    errors_ephemeral: bool = True
    answers_in_channel: bool = True
    oauth: SlackOAuthConfig = field(default_factory=SlackOAuthConfig)


def _discord(core: CommandCore, config: Config, environ: Mapping[str, str]) -> Adapter | None:
    from adapters.discord_bot import from_env  # discord.py is heavy: import it only when used

    return from_env(core, config.platforms["discord"], environ=environ, stop_grace=config.stop_grace_seconds)


def _slack(core: CommandCore, config: Config, environ: Mapping[str, str]) -> Adapter | None:
    from adapters.slack_app import SlackAdapter

    if config.platforms["slack"].oauth.enabled:
        from adapters.slack_oauth import oauth_adapter_from_env

        return oauth_adapter_from_env(core, config, environ)
    if "SLACK_CLIENT_ID" in environ and "SLACK_CLIENT_SECRET" in environ:
        from adapters.base import AdapterStartError

        # bolt reads them itself and would quietly drop SLACK_BOT_TOKEN for an OAuth flow storing in $HOME.
        raise AdapterStartError(
            "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set but slack.oauth.enabled is false: "
            "enable it in labnotes.yaml to install in many workspaces, or unset them for SLACK_BOT_TOKEN"
        )
    return SlackAdapter.from_env(
        core, config.platforms["slack"], environ=environ, stop_grace=config.stop_grace_seconds
    )


# Slack's built-in commands win over an app's, so a command with one of these names gets a prefixed one.
SLACK_BUILTIN_COMMANDS = frozenset(
    [
        "active",
        "away",
        "archive",
        "call",
        "collapse",
        "dm",
        "dnd",
        "expand",
        "feed",
        "feedback",
        "help",
        "invite",
        "kick",
        "leave",
        "me",
        "msg",
        "mute",
        "open",
        "prefs",
        "remind",
        "remove",
        "rename",
        "search",
        "shortcuts",
        "shrug",
        "star",
        "status",
        "topic",
        "who",
    ]
)

PLATFORMS: dict[str, PlatformDescriptor] = {
    d.name: d
    for d in (
        PlatformDescriptor(
            "discord",
            _discord,
            DiscordConfig,
            credentials=("DISCORD_TOKEN",),
            secrets=("DISCORD_TOKEN",),
            secret_keys={"token": "DISCORD_TOKEN", "bot_token": "DISCORD_TOKEN"},
            loggers=("discord",),
        ),
        PlatformDescriptor(
            "slack",
            _slack,
            SlackConfig,
            credentials=("SLACK_BOT_TOKEN", "SLACK_CLIENT_ID"),  # the client id: OAuth installs
            secrets=("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CLIENT_SECRET"),
            secret_keys={
                "client_secret": "SLACK_CLIENT_SECRET",
                "token": "SLACK_BOT_TOKEN",
                "bot_token": "SLACK_BOT_TOKEN",
                "app_token": "SLACK_APP_TOKEN",
                "signing_secret": "SLACK_SIGNING_SECRET",
            },
            loggers=("slack_bolt", "slack_sdk"),
            reserved_commands=SLACK_BUILTIN_COMMANDS,
        ),
        PlatformDescriptor("console", None),  # the operator's terminal: `labnotes ask | shell`
    )
}


def chat_platforms() -> list[PlatformDescriptor]:
    """The platforms `labnotes run` can start, in table order."""
    return [d for d in PLATFORMS.values() if d.factory is not None]


def credential_variables() -> list[str]:
    return [variable for d in chat_platforms() for variable in d.credentials]


def add_platform(descriptor: PlatformDescriptor) -> None:
    """Put `descriptor` in the table and its settings in labnotes.yaml (config, logs and runner read both)."""
    PLATFORMS[descriptor.name] = descriptor
    if (section := descriptor.section()) is not None:
        register_platform(section)


for _descriptor in list(PLATFORMS.values()):
    add_platform(_descriptor)
