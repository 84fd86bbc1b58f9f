"""A fake Discord on 127.0.0.1: the REST API and the gateway, strict where Discord is strict.

It answers the way Discord answers (Content-Type exactly `application/json`, error bodies with
`message` and `code`) and refuses what Discord refuses: embed and message limits, more than 25
choices, a second initial response (40060), a first response after the deadline (10062), and, when
`shards_required` is set, an IDENTIFY without enough shards (4011). Each shard is its own gateway
session, receiving only its guilds' events. Tests drive it: inject INTERACTION_CREATE, await the bot's
answer, drop the gateway, inject 429s.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import re
import secrets
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fake_ratelimit import DiscordLimits, RateLimiter, Window
from tests.local_server import serve_locally

MANAGE_GUILD = 1 << 5
EPHEMERAL = 1 << 6
LOADING = 1 << 7
TIMESTAMP = "2025-01-01T00:00:00.000000+00:00"
OPTION_TYPES = {1: "subcommand", 2: "group", 3: "string", 4: "integer", 5: "boolean", 11: "attachment"}
NAME_RE = re.compile(r"^[-_'\w]{1,32}$")

_snowflakes = itertools.count(1_300_000_000_000_000_000)


def snowflake() -> str:
    return str(next(_snowflakes))


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """Exactly `application/json`: discord.py does not parse `application/json; charset=utf-8`."""
    return web.Response(
        body=json.dumps(body).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def error(status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"message": message, "code": code}
    if errors:
        body["errors"] = errors
    return json_response(body, status)


class Rejected(Exception):
    """What Discord would answer instead of doing it."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors

    def response(self) -> web.Response:
        return error(self.status, self.code, self.message, self.errors)


def invalid_form(path: str, message: str) -> Rejected:
    return Rejected(
        400, 50035, "Invalid Form Body", {path: {"_errors": [{"code": "INVALID", "message": message}]}}
    )


def check_message(payload: dict[str, Any], *, files: int = 0) -> None:
    """Discord's limits for a message body (PLATFORMS.md)."""
    content = payload.get("content") or ""
    if len(content) > 2000:
        raise invalid_form("content", "Must be 2000 or fewer in length.")
    embeds = payload.get("embeds") or []
    if len(embeds) > 10:
        raise invalid_form("embeds", "Must be 10 or fewer in length.")
    total = 0
    for i, embed in enumerate(embeds):
        limits = {"title": 256, "description": 4096}
        for key, limit in limits.items():
            value = embed.get(key) or ""
            if len(value) > limit:
                raise invalid_form(f"embeds.{i}.{key}", f"Must be {limit} or fewer in length.")
            total += len(value)
        fields = embed.get("fields") or []
        if len(fields) > 25:
            raise invalid_form(f"embeds.{i}.fields", "Must be 25 or fewer in length.")
        for j, f in enumerate(fields):
            name, value = f.get("name") or "", f.get("value") or ""
            if not name or len(name) > 256:
                raise invalid_form(f"embeds.{i}.fields.{j}.name", "Must be between 1 and 256 in length.")
            if not value or len(value) > 1024:
                raise invalid_form(f"embeds.{i}.fields.{j}.value", "Must be between 1 and 1024 in length.")
            total += len(name) + len(value)
        footer = (embed.get("footer") or {}).get("text") or ""
        if len(footer) > 2048:
            raise invalid_form(f"embeds.{i}.footer.text", "Must be 2048 or fewer in length.")
        author = (embed.get("author") or {}).get("name") or ""
        if len(author) > 256:
            raise invalid_form(f"embeds.{i}.author.name", "Must be 256 or fewer in length.")
        total += len(footer) + len(author)
    if total > 6000:
        raise invalid_form("embeds", "Embed size exceeds maximum size of 6000")
    if not content and not embeds and not files and not payload.get("components"):
        raise Rejected(400, 50006, "Cannot send an empty message")


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def sniffed_type(filename: str, data: bytes) -> str:
    """The content type Discord gives an upload (it looks at the bytes and the name, not at the part's
    header: discord.py sends every file as application/octet-stream)."""
    if data.startswith(PNG_MAGIC) and filename.lower().endswith(".png"):
        return "image/png"
    if filename.lower().endswith(".md"):
        return "text/markdown; charset=utf-8"
    return "application/octet-stream"


def check_attachment_refs(payload: dict[str, Any], names: set[str]) -> None:
    """An embed's `attachment://NAME` must name a file of the message, or Discord shows no image."""
    for i, embed in enumerate(payload.get("embeds") or []):
        for key in ("image", "thumbnail"):
            url = (embed.get(key) or {}).get("url") or ""
            if url.startswith("attachment://") and url.removeprefix("attachment://") not in names:
                raise invalid_form(f"embeds.{i}.{key}.url", f"No attachment named {url!r} in the message.")


def check_choices(payload: dict[str, Any]) -> None:
    choices = payload.get("choices")
    if not isinstance(choices, list):
        raise invalid_form("data.choices", "This field is required")
    if len(choices) > 25:
        raise invalid_form("data.choices", "Must be 25 or fewer in length.")
    for i, choice in enumerate(choices):
        name, value = choice.get("name") or "", choice.get("value")
        if not 1 <= len(name) <= 100:
            raise invalid_form(f"data.choices.{i}.name", "Must be between 1 and 100 in length.")
        if isinstance(value, str) and len(value) > 100:
            raise invalid_form(f"data.choices.{i}.value", "Must be 100 or fewer in length.")


def check_command(command: dict[str, Any]) -> None:
    """What Discord checks when commands are registered."""
    name = command.get("name", "")
    if not NAME_RE.match(name) or name != name.lower():
        raise invalid_form("name", f"Invalid command name {name!r}")
    if not 1 <= len(command.get("description", "")) <= 100:
        raise invalid_form(f"{name}.description", "Must be between 1 and 100 in length.")
    options = command.get("options") or []
    if len(options) > 25:
        raise invalid_form(f"{name}.options", "Must be 25 or fewer in length.")
    seen_optional = False
    for option in options:
        if option["type"] in (1, 2):
            check_command(option)
            continue
        if not NAME_RE.match(option.get("name", "")):
            raise invalid_form(f"{name}.options", f"Invalid option name {option.get('name')!r}")
        if not 1 <= len(option.get("description", "")) <= 100:
            raise invalid_form(f"{name}.{option['name']}.description", "Must be between 1 and 100 in length.")
        if len(option.get("choices") or []) > 25:
            raise invalid_form(f"{name}.{option['name']}.choices", "Must be 25 or fewer in length.")
        if option.get("required"):
            if seen_optional:
                raise invalid_form(
                    f"{name}.options", "Required options must be placed before non-required options"
                )
        else:
            seen_optional = True


def would_ping_everyone(payload: dict[str, Any]) -> bool:
    """Only message content pings, and only what allowed_mentions lets through (default: everything)."""
    content = payload.get("content") or ""
    if "@everyone" not in content and "@here" not in content:
        return False
    allowed = payload.get("allowed_mentions")
    return allowed is None or "everyone" in (allowed.get("parse") or [])


@dataclass
class Guild:
    id: str
    name: str
    channel_id: str
    roles: list[dict[str, Any]] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        everyone = {
            "id": self.id,
            "name": "@everyone",
            "permissions": "1024",
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        return {
            "id": self.id,
            "name": self.name,
            "unavailable": False,
            "owner_id": "1",
            "member_count": 3,
            "large": False,
            "features": [],
            "emojis": [],
            "stickers": [],
            "roles": [everyone, *self.roles],
            "channels": [self.channel()],
            "threads": [],
            "members": [],
            "voice_states": [],
            "presences": [],
            "joined_at": TIMESTAMP,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
        }

    def channel(self) -> dict[str, Any]:
        return {
            "id": self.channel_id,
            "type": 0,
            "guild_id": self.id,
            "name": "general",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "rate_limit_per_user": 0,
        }


@dataclass
class Interaction:
    """One INTERACTION_CREATE and everything the bot answered to it."""

    id: str
    token: str
    payload: dict[str, Any]
    sent_at: float
    callbacks: list[dict[str, Any]] = field(default_factory=list)  # accepted initial responses
    refused: list[tuple[int, int]] = field(default_factory=list)  # (status, Discord code) of refused requests
    original: dict[str, Any] | None = None
    original_deleted: bool = False
    edits: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)
    acknowledged: asyncio.Event = field(default_factory=asyncio.Event)  # an initial response was accepted
    done: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def answer(self) -> dict[str, Any]:
        """The message users finally see (or the choices, for autocomplete)."""
        if self.followups:
            return self.followups[-1]
        if self.original is not None and not self.original_deleted and self.edits:
            return self.original
        return dict(self.callbacks[-1].get("data") or {})

    @property
    def ephemeral(self) -> bool:
        return bool((self.answer.get("flags") or 0) & EPHEMERAL)


def shard_of(guild_id: str, shard_count: int) -> int:
    """Discord's routing: a guild's events go to shard (id >> 22) % count; direct messages to 0."""
    return (int(guild_id) >> 22) % shard_count


@dataclass
class Session:
    """One gateway session: a shard (id, count), or (0, 1) for an IDENTIFY without `shard`."""

    shard: tuple[int, int]
    id: str
    ws: web.WebSocketResponse | None
    seq: int = 0
    events: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    @property
    def live(self) -> bool:
        return self.ws is not None and not self.ws.closed

    def receives(self, guild: Guild | None) -> bool:
        shard_id, count = self.shard
        return shard_id == (0 if guild is None else shard_of(guild.id, count))


@dataclass
class RateLimit:
    method: str
    path: re.Pattern[str]
    remaining: int
    retry_after: float
    header_seconds: int


class FakeDiscord:
    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        attachment_size_limit: int = 10 * 1024 * 1024,
        shards_required: int | None = None,
        heartbeat_interval_ms: int = 41250,
        rate_limits: DiscordLimits | None = None,
    ) -> None:
        self.token = token
        self.application_id = snowflake()
        self.bot_user = {
            "id": self.application_id,
            "username": "labnotes",
            "discriminator": "0",
            "global_name": None,
            "avatar": None,
            "bot": True,
            "flags": 0,
        }
        self.guilds: dict[str, Guild] = {}
        self.attachment_size_limit = attachment_size_limit
        self.interaction_deadline = 3.0  # seconds for the first response
        self.fatal_identify_code: int | None = None  # e.g. 4004: close the gateway on IDENTIFY
        # Too many guilds for one connection: IDENTIFY needs `shard` with at least this count (else
        # 4011), and GET /gateway/bot recommends it.
        self.shards_required = shards_required
        self.heartbeat_interval_ms = heartbeat_interval_ms
        # what the bot did
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[str, list[dict[str, Any]]] = {}
        self.command_puts: list[str] = []  # "global" or a guild id, per PUT
        self.interactions: dict[str, Interaction] = {}
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.requests: list[tuple[str, str]] = []
        self.rate_limited: list[tuple[str, str]] = []
        self.identifies = 0
        self.identified_shards: list[tuple[int, int] | None] = []  # IDENTIFY's `shard`, per IDENTIFY
        self.gateway_closes: list[int] = []  # close codes the fake sent on IDENTIFY
        self.resumes = 0
        self._rate_limits: list[RateLimit] = []
        # Enforced as Discord does when given (tests/fake_ratelimit.py); None: no limits but injected ones.
        self.limits = rate_limits
        self.limiter = RateLimiter()
        self._attachments: dict[str, bytes] = {}
        self.uploads: list[tuple[str, str, bytes]] = []  # (filename, content type as sniffed, bytes) sent
        # gateway state
        self._sessions: dict[int, Session] = {}  # by shard id; the newest IDENTIFY of each shard
        self.accepting = asyncio.Event()  # cleared: new gateway connections wait before HELLO (an outage)
        self.accepting.set()
        # Set by a test of the fake alone (no bot connected): interactions are recorded, not delivered.
        self._live = asyncio.Event()
        self._resumed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- setup ----

    def add_guild(
        self,
        name: str = "Lab Watchers",
        roles: list[dict[str, Any]] | None = None,
        *,
        shard: tuple[int, int] | None = None,
    ) -> Guild:
        """A guild the bot is in; `shard` (id, count): one whose id Discord routes to that shard."""
        guild_id = int(snowflake())
        if shard is not None:
            shard_id, count = shard
            high = guild_id >> 22
            high += (shard_id - high) % count
            guild_id = (high << 22) | (guild_id & ((1 << 22) - 1))
        guild = Guild(str(guild_id), name, snowflake(), roles or [])
        self.guilds[guild.id] = guild
        self.messages.setdefault(guild.channel_id, [])
        return guild

    def add_role(self, guild: Guild, name: str) -> str:
        role_id = snowflake()
        guild.roles.append(
            {
                "id": role_id,
                "name": name,
                "permissions": "0",
                "position": len(guild.roles) + 1,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        )
        return role_id

    def add_attachment(self, filename: str, data: bytes, size: int | None = None) -> dict[str, Any]:
        attachment_id = snowflake()
        self._attachments[attachment_id] = data
        url = f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}"
        return {
            "id": attachment_id,
            "filename": filename,
            "size": len(data) if size is None else size,
            "url": url,
            "proxy_url": url,
            "content_type": "text/markdown; charset=utf-8",
        }

    def rate_limit_next(
        self,
        method: str,
        path_pattern: str,
        *,
        times: int = 1,
        retry_after: float = 0.01,
        header_seconds: int = 1,
    ) -> None:
        """Answer the next `times` matching requests with a 429 as Discord's edge does: `retry_after` in
        the body (what discord.py waits), `header_seconds` in the Retry-After header."""
        limit = RateLimit(method, re.compile(path_pattern), times, retry_after, header_seconds)
        self._rate_limits.append(limit)

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        app = web.Application(middlewares=[self._middleware])
        api = "/api/v10"
        app.router.add_get(f"{api}/users/@me", self._me)
        app.router.add_get(f"{api}/users/@me/guilds", self._my_guilds)
        app.router.add_get(f"{api}/oauth2/applications/@me", self._application)
        app.router.add_get(f"{api}/gateway/bot", self._gateway_bot)
        app.router.add_put(f"{api}/applications/{{app}}/commands", self._put_commands)
        app.router.add_put(f"{api}/applications/{{app}}/guilds/{{guild}}/commands", self._put_commands)
        app.router.add_post(f"{api}/interactions/{{id}}/{{token}}/callback", self._callback)
        original = f"{api}/webhooks/{{app}}/{{token}}/messages/@original"
        app.router.add_get(original, self._get_original)
        app.router.add_patch(original, self._edit_original)
        app.router.add_delete(original, self._delete_original)
        app.router.add_post(f"{api}/webhooks/{{app}}/{{token}}", self._followup)
        app.router.add_post(f"{api}/channels/{{channel}}/messages", self._post_message)
        app.router.add_get(f"{api}/channels/{{channel}}/messages", self._history)
        app.router.add_get("/attachments/{id}/{filename}", self._download)
        app.router.add_get("/gateway", self._gateway)
        self._runner, self.port = await serve_locally(app)

    async def close(self) -> None:
        for session in self._sessions.values():
            if session.ws is not None and not session.ws.closed:
                await session.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- REST ----

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.requests.append((request.method, request.path))
        if request.path.startswith("/api/") and not request.path.startswith("/api/v10/webhooks/"):
            needs_token = not request.path.startswith("/api/v10/interactions/")
            if needs_token and request.headers.get("Authorization") != f"Bot {self.token}":
                return error(401, 0, "401: Unauthorized")
        for limit in self._rate_limits:
            if limit.remaining > 0 and limit.method == request.method and limit.path.search(request.path):
                limit.remaining -= 1
                self.rate_limited.append((request.method, request.path))
                body = {
                    "message": "You are being rate limited.",
                    "retry_after": limit.retry_after,
                    "global": False,
                }
                headers = {
                    "Via": "1.1 google",
                    "Retry-After": str(limit.header_seconds),
                    "X-RateLimit-Scope": "user",
                }
                return json_response(body, 429, headers)
        route_key: tuple[str, str] | None = None
        if (
            self.limits is not None
            and request.path.startswith("/api/")
            and "/interactions/" not in request.path
        ):
            # Interaction answers don't count against the bot's global limit on Discord either.
            route_key = self._route_key(request)
            if (limited := self._limit(route_key)) is not None:
                return limited
        try:
            response: web.StreamResponse = await handler(request)
        except Rejected as rejected:
            return rejected.response()
        if route_key is not None and self.limits is not None and route_key[0] == "channel-messages":
            remaining, reset_after = self.limiter.state(route_key, self.limits.channel_posts)
            response.headers.update(
                {
                    "X-RateLimit-Bucket": "channel-messages",
                    "X-RateLimit-Limit": str(self.limits.channel_posts.limit),
                    "X-RateLimit-Remaining": str(remaining),
                    "X-RateLimit-Reset-After": f"{reset_after:.3f}",
                }
            )
        return response

    @staticmethod
    def _route_key(request: web.Request) -> tuple[str, str]:
        match = re.fullmatch(r"/api/v10/channels/(\d+)/messages", request.path)
        if request.method == "POST" and match:
            return ("channel-messages", match.group(1))
        return (request.method, request.path)

    def _limit(self, route_key: tuple[str, str]) -> web.Response | None:
        """A 429 as Discord's edge sends it (Via, retry_after in the body) when a bucket is full."""
        assert self.limits is not None
        keys: list[tuple[Hashable, Window]] = [("global", self.limits.global_)]
        if route_key[0] == "channel-messages":
            keys.append((route_key, self.limits.channel_posts))
        limited = self.limiter.hit(keys)
        if limited is None:
            return None
        whole_bot = limited.key == "global"
        self.rate_limited.append(route_key)
        body = {
            "message": "You are being rate limited.",
            "retry_after": limited.retry_after,
            "global": whole_bot,
        }
        headers = {
            "Via": "1.1 google",
            "Retry-After": str(math.ceil(limited.retry_after)),
            "X-RateLimit-Scope": "global" if whole_bot else "user",
        }
        if whole_bot:
            headers["X-RateLimit-Global"] = "true"
        return json_response(body, 429, headers)

    async def _me(self, request: web.Request) -> web.Response:
        return json_response(self.bot_user)

    async def _my_guilds(self, request: web.Request) -> web.Response:
        """The servers the bot is in (one page: Discord pages by 200)."""
        guilds = [
            {"id": g.id, "name": g.name, "icon": None, "owner": False, "permissions": "0", "features": []}
            for g in self.guilds.values()
        ]
        return json_response(guilds)

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        """Where to connect and how many shards Discord recommends (AutoShardedClient asks)."""
        return json_response(
            {
                "url": self.gateway_url,
                "shards": self.shards_required or 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 1000,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def _application(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "id": self.application_id,
                "name": "labnotes",
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.bot_user,
                "verify_key": "0" * 64,
                "flags": 0,
                "interactions_endpoint_url": None,
            }
        )

    async def _put_commands(self, request: web.Request) -> web.Response:
        if request.match_info["app"] != self.application_id:
            raise Rejected(404, 10002, "Unknown Application")
        commands = await request.json()
        if len(commands) > 100:
            raise invalid_form("commands", "Must be 100 or fewer in length.")
        for command in commands:
            check_command(command)
        guild_id = request.match_info.get("guild")
        stored = [
            {**c, "id": snowflake(), "application_id": self.application_id, "version": snowflake()}
            | ({"guild_id": guild_id} if guild_id else {})
            for c in commands
        ]
        if guild_id:
            self.guild_commands[guild_id] = stored
        else:
            self.global_commands = stored
        self.command_puts.append(guild_id or "global")
        return json_response(stored)

    async def _body(self, request: web.Request) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """JSON, or multipart with `payload_json` plus `files[n]` (how discord.py uploads)."""
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            payload = json.loads(str(form["payload_json"]))
            files = []
            for key, value in form.items():
                if key.startswith("files[") and hasattr(value, "file"):
                    data = value.file.read()
                    if len(data) > self.attachment_size_limit:
                        raise Rejected(413, 40005, "Request entity too large")
                    url = f"http://127.0.0.1:{self.port}/attachments/{snowflake()}/{value.filename}"
                    content_type = sniffed_type(value.filename, data)
                    files.append(
                        {
                            "id": snowflake(),
                            "filename": value.filename,
                            "size": len(data),
                            "url": url,
                            "proxy_url": url,  # discord.py reads it from every attachment it is sent
                            "content_type": content_type,
                        }
                    )
                    self.uploads.append((value.filename, content_type, data))
            check_attachment_refs(payload.get("data") or payload, {f["filename"] for f in files})
            return payload, files
        body = await request.json()
        if request.path.endswith("/messages/@original"):  # an edit keeps the message's files
            return body, []
        check_attachment_refs(body.get("data") or body, set())
        return body, []

    def _message(
        self, channel_id: str, payload: dict[str, Any], files: list[dict[str, Any]], flags: int = 0
    ) -> dict[str, Any]:
        return {
            "id": snowflake(),
            "type": 0,
            "channel_id": channel_id,
            "content": payload.get("content") or "",
            "author": self.bot_user,
            "embeds": payload.get("embeds") or [],
            "attachments": files,
            "components": [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": would_ping_everyone(payload),
            "allowed_mentions": payload.get("allowed_mentions"),
            "pinned": False,
            "tts": False,
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "flags": flags | (payload.get("flags") or 0),
        }

    def _interaction(self, request: web.Request, *, by_token: bool) -> Interaction:
        if by_token:
            token = request.match_info["token"]
            for interaction in self.interactions.values():
                if interaction.token == token:
                    return interaction
            raise Rejected(401, 50027, "Invalid Webhook Token")
        interaction = self.interactions.get(request.match_info["id"])
        if interaction is None or interaction.token != request.match_info["token"]:
            raise Rejected(404, 10062, "Unknown interaction")
        return interaction

    async def _callback(self, request: web.Request) -> web.Response:
        interaction = self._interaction(request, by_token=False)
        try:
            return await self._accept_callback(request, interaction)
        except Rejected as rejected:
            interaction.refused.append((rejected.status, rejected.code))
            raise

    async def _accept_callback(self, request: web.Request, interaction: Interaction) -> web.Response:
        if asyncio.get_running_loop().time() - interaction.sent_at > self.interaction_deadline:
            raise Rejected(404, 10062, "Unknown interaction")
        if interaction.callbacks:
            raise Rejected(400, 40060, "Interaction has already been acknowledged.")
        body, files = await self._body(request)
        kind, data = body.get("type"), body.get("data") or {}
        is_autocomplete = interaction.payload["type"] == 4
        if is_autocomplete != (kind == 8) or kind not in (4, 5, 8):
            raise invalid_form("type", f"Interaction response type {kind} is not valid here")
        channel_id = interaction.payload["channel_id"]
        if kind == 8:
            check_choices(data)
        elif kind == 4:
            check_message(data, files=len(files))
            interaction.original = self._message(channel_id, data, files)
        else:
            interaction.original = self._message(
                channel_id, {"content": ""}, [], LOADING | (data.get("flags") or 0)
            )
        interaction.callbacks.append(body)
        interaction.acknowledged.set()
        if kind in (4, 8):
            interaction.done.set()
        response: dict[str, Any] = {
            "interaction": {
                "id": interaction.id,
                "type": interaction.payload["type"],
                "response_message_id": interaction.original["id"] if interaction.original else None,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool((data.get("flags") or 0) & EPHEMERAL),
            }
        }
        if interaction.original is not None:
            response["resource"] = {"type": kind, "message": interaction.original}
        if request.query.get("with_response") in ("1", "true", "True"):
            return json_response(response)
        return web.Response(status=204)

    async def _get_original(self, request: web.Request) -> web.Response:
        interaction = self._interaction(request, by_token=True)
        if interaction.original is None or interaction.original_deleted:
            raise Rejected(404, 10008, "Unknown Message")
        return json_response(interaction.original)

    async def _edit_original(self, request: web.Request) -> web.Response:
        interaction = self._interaction(request, by_token=True)
        if interaction.original is None or interaction.original_deleted:
            raise Rejected(404, 10008, "Unknown Message")
        body, files = await self._body(request)
        merged = {**interaction.original, **{k: v for k, v in body.items() if k in ("content", "embeds")}}
        check_message(merged, files=len(files) + len(interaction.original.get("attachments") or []))
        merged["flags"] = (interaction.original.get("flags") or 0) & ~LOADING
        merged["allowed_mentions"] = body.get("allowed_mentions")
        merged["mention_everyone"] = would_ping_everyone(merged)
        if files:
            merged["attachments"] = files
        interaction.original = merged
        interaction.edits.append(body)
        interaction.done.set()
        return json_response(merged)

    async def _delete_original(self, request: web.Request) -> web.Response:
        interaction = self._interaction(request, by_token=True)
        if interaction.original is None or interaction.original_deleted:
            raise Rejected(404, 10008, "Unknown Message")
        interaction.original_deleted = True
        return web.Response(status=204)

    async def _followup(self, request: web.Request) -> web.Response:
        interaction = self._interaction(request, by_token=True)
        if not interaction.callbacks:
            raise Rejected(404, 10015, "Unknown Webhook")
        body, files = await self._body(request)
        check_message(body, files=len(files))
        message = self._message(interaction.payload["channel_id"], body, files)
        interaction.followups.append(message)
        interaction.done.set()
        return json_response(message)

    async def _post_message(self, request: web.Request) -> web.Response:
        channel_id = request.match_info["channel"]
        if channel_id not in self.messages:
            raise Rejected(404, 10003, "Unknown Channel")
        body, files = await self._body(request)
        check_message(body, files=len(files))
        nonce = body.get("nonce")
        if nonce is not None and len(str(nonce)) > 25:
            raise invalid_form("nonce", "Must be 25 or fewer in length.")
        if nonce is not None and body.get("enforce_nonce"):
            for existing in self.messages[channel_id]:
                if existing.get("nonce") == nonce:
                    return json_response(existing)  # Discord returns the earlier message, posts nothing
        message = self._message(channel_id, body, files)
        if nonce is not None:
            message["nonce"] = nonce
        self.messages[channel_id].append(message)
        return json_response(message)

    async def _history(self, request: web.Request) -> web.Response:
        channel_id = request.match_info["channel"]
        if channel_id not in self.messages:
            raise Rejected(404, 10003, "Unknown Channel")
        limit = min(int(request.query.get("limit", "50")), 100)
        newest_first = list(reversed(self.messages[channel_id]))[:limit]
        # Discord does not return nonces in history, so the footer marker is what a restart can see.
        return json_response([{k: v for k, v in m.items() if k != "nonce"} for m in newest_first])

    async def _download(self, request: web.Request) -> web.Response:
        data = self._attachments.get(request.match_info["id"])
        if data is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=data, content_type="application/octet-stream")

    # ---- gateway ----

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await self.accepting.wait()
        hello = {"heartbeat_interval": self.heartbeat_interval_ms}
        await ws.send_str(json.dumps({"op": 10, "d": hello, "s": None, "t": None}))
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                break
            frame = json.loads(msg.data)
            op, data = frame.get("op"), frame.get("d")
            if op == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif op == 2:
                await self._identify(ws, data)
            elif op == 6:
                await self._resume(ws, data)
        for session in self._sessions.values():
            if session.ws is ws:
                session.ws = None
        return ws

    async def _close(self, ws: web.WebSocketResponse, code: int, message: bytes) -> None:
        self.gateway_closes.append(code)
        await ws.close(code=code, message=message)

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if self.fatal_identify_code is not None:
            await self._close(ws, self.fatal_identify_code, b"Authentication failed.")
            return
        if data.get("token") != self.token:
            await self._close(ws, 4004, b"Authentication failed.")
            return
        shard = data.get("shard")
        self.identified_shards.append(None if shard is None else (shard[0], shard[1]))
        if self.shards_required is not None and (shard is None or shard[1] < self.shards_required):
            await self._close(ws, 4011, b"Sharding required.")
            return
        if shard is not None and not 0 <= shard[0] < shard[1]:
            await self._close(ws, 4010, b"Invalid shard.")
            return
        self.identifies += 1
        session = Session((shard[0], shard[1]) if shard else (0, 1), secrets.token_hex(8), ws)
        self._sessions[session.shard[0]] = session
        guilds = [g for g in self.guilds.values() if session.receives(g)]
        ready: dict[str, Any] = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": g.id, "unavailable": True} for g in guilds],
            "session_id": session.id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": self.application_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        if shard is not None:
            ready["shard"] = [shard[0], shard[1]]
        await self._dispatch("READY", ready, session)
        for guild in guilds:
            await self._dispatch("GUILD_CREATE", guild.payload(), session)

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        session = next((s for s in self._sessions.values() if s.id == data.get("session_id")), None)
        if data.get("token") != self.token or session is None:
            await ws.send_str(json.dumps({"op": 9, "d": False}))  # invalid session: identify again
            return
        self.resumes += 1
        session.ws = ws
        last = data.get("seq") or 0
        for seq, event in session.events:
            if seq > last:
                await ws.send_str(json.dumps(event))
        await self._dispatch("RESUMED", {}, session)
        self._resumed.set()

    async def _dispatch(self, name: str, data: dict[str, Any], session: Session) -> None:
        """Numbered per session and kept so a RESUME can replay what a dropped connection missed."""
        session.seq += 1
        event = {"op": 0, "t": name, "s": session.seq, "d": data}
        session.events.append((session.seq, event))
        if session.live:
            assert session.ws is not None
            await session.ws.send_str(json.dumps(event))

    def live_shards(self) -> list[tuple[int, int]]:
        """(id, count) of each session connected now."""
        return sorted(s.shard for s in self._sessions.values() if s.live)

    async def wait_live(self, guild: Guild | None = None) -> Session:
        """The live session that receives `guild`'s events (None: direct messages), once there is one."""
        async with asyncio.timeout(10):  # a guard against a hang
            while True:
                for session in self._sessions.values():
                    if session.live and session.receives(guild):
                        return session
                if self._live.is_set():
                    return self._sessions.setdefault(0, Session((0, 1), "offline", None))
                await asyncio.sleep(0.005)  # sessions come and go with connections

    async def wait_resumed(self) -> None:
        await asyncio.wait_for(self._resumed.wait(), 10)

    async def drop_gateway(self, code: int = 4000, *, shard: int | None = None) -> None:
        """Close the bot's gateway connections (or one shard's) as a network blip would; a resumable
        close by default."""
        self._resumed.clear()
        for session in self._sessions.values():
            if shard is not None and session.shard[0] != shard:
                continue
            ws, session.ws = session.ws, None
            if ws is not None:
                await ws.close(code=code, message=b"dropped by test")

    # ---- interactions ----

    def member(
        self, guild: Guild, *, name: str = "ada", permissions: int = 0, roles: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        user = {
            "id": snowflake(),
            "username": name,
            "discriminator": "0",
            "global_name": name.title(),
            "avatar": None,
        }
        return {
            "user": user,
            "roles": list(roles),
            "joined_at": TIMESTAMP,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
            "permissions": str(permissions),
        }

    def _registered(self, name: str, guild_id: str | None) -> dict[str, Any]:
        candidates = [*(self.guild_commands.get(guild_id, []) if guild_id else []), *self.global_commands]
        for command in candidates:
            if command["name"] == name:
                return command
        raise LookupError(f"/{name} is not registered (global or in guild {guild_id})")

    async def command(
        self,
        path: str,
        args: dict[str, Any] | None = None,
        *,
        guild: Guild | None = None,
        member: dict[str, Any] | None = None,
        focused: str | None = None,
        attachments: dict[str, dict[str, Any]] | None = None,
    ) -> Interaction:
        """Send INTERACTION_CREATE for `/path args` as a user would; `focused` makes it autocomplete.

        Option types come from the registered command JSON, so a mismatch with what the bot registered
        fails here, as it would in Discord's client.
        """
        await self.wait_live(guild)
        names = path.split()
        command = self._registered(names[0], guild.id if guild else None)
        options: list[dict[str, Any]] = []
        container = options
        spec: dict[str, Any] = command
        for sub in names[1:]:
            spec = next(o for o in spec.get("options", []) if o["name"] == sub)
            nested: list[dict[str, Any]] = []
            container.append({"name": sub, "type": spec["type"], "options": nested})
            container = nested
        resolved: dict[str, Any] = {}
        for name, value in (args or {}).items():
            option = next((o for o in spec.get("options", []) if o["name"] == name), None)
            if option is None:
                raise LookupError(f"/{path} has no option {name!r}")
            entry: dict[str, Any] = {"name": name, "type": option["type"], "value": value}
            if option["type"] == 11:
                attachment = (attachments or {})[name]
                entry["value"] = attachment["id"]
                resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            if name == focused:
                entry["focused"] = True
            container.append(entry)
        data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": 1, "options": options}
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return await self._interact(2 if focused is None else 4, data, guild=guild, member=member)

    async def _interact(
        self, kind: int, data: dict[str, Any], *, guild: Guild | None, member: dict[str, Any] | None
    ) -> Interaction:
        interaction_id, token = snowflake(), "aW50ZXJhY3Rpb24" + secrets.token_hex(16)
        payload: dict[str, Any] = {
            "id": interaction_id,
            "application_id": self.application_id,
            "type": kind,
            "token": token,
            "version": 1,
            "data": data,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": self.attachment_size_limit,
            "app_permissions": "2248473465835073",
        }
        if guild is not None:
            payload |= {
                "guild_id": guild.id,
                "channel_id": guild.channel_id,
                "channel": guild.channel(),
                "member": member or self.member(guild),
                "guild_locale": "en-US",
                "context": 0,
                "authorizing_integration_owners": {"0": guild.id},
            }
        else:
            dm_channel = snowflake()
            self.messages.setdefault(dm_channel, [])
            user = (member or {}).get("user") or {"id": snowflake(), "username": "bo", "discriminator": "0"}
            payload |= {
                "channel_id": dm_channel,
                "channel": {"id": dm_channel, "type": 1, "recipients": [user]},
                "user": user,
                "context": 1,
                "authorizing_integration_owners": {"0": user["id"]},
            }
        session = await self.wait_live(guild)
        interaction = Interaction(interaction_id, token, payload, asyncio.get_running_loop().time())
        self.interactions[interaction_id] = interaction
        await self._dispatch("INTERACTION_CREATE", payload, session)
        return interaction

    async def answered(self, interaction: Interaction) -> Interaction:
        """Wait until the bot's final answer to `interaction` arrived (the 10 s bound only guards a hang)."""
        await asyncio.wait_for(interaction.done.wait(), 10)
        return interaction
