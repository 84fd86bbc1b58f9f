"""A fake Slack on 127.0.0.1: the Web API, response_url receivers, file downloads and a Socket Mode
websocket, strict where Slack is strict (auth, Block Kit limits) so tests catch what Slack would reject.

Point the app at it with `AsyncWebClient(base_url=fake.api_base)` (LABNOTES_SLACK_API in production
code); `apps.connections.open` hands out a `ws://127.0.0.1:…/socket` URL.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from tests.fake_ratelimit import RateLimiter, SlackLimits, Window
from tests.local_server import serve_locally

if TYPE_CHECKING:
    from tests.fake_slack_oauth import FakeSlackOAuth

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_BLOCK_ID = 255
MAX_MESSAGE_TEXT = 40_000
MAX_UPLOAD_BYTES = 1024 * 1024 * 1024  # Slack's per-file limit (1 GB)
MAX_ALT_TEXT = 1000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# What the installed app was granted: the generated manifest's scopes (a test removes one to see Slack refuse).
DEFAULT_SCOPES = frozenset(
    {
        "commands",
        "chat:write",
        "chat:write.public",
        "channels:join",
        "channels:history",
        "groups:history",
        "files:read",
        "files:write",
        "users:read",
    }
)
# The Web API methods that need a scope this fake checks, and which.
METHOD_SCOPES = {"files.getUploadURLExternal": "files:write", "files.completeUploadExternal": "files:write"}
_TEXT_TYPES = {"plain_text", "mrkdwn"}


def _text_errors(obj: Any, where: str, limit: int, *, plain_only: bool = False) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in _TEXT_TYPES:
        return [f"{where}: must be a text object"]
    if plain_only and obj["type"] != "plain_text":
        return [f"{where}: must be plain_text"]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [f"{where}: must be more than 0 characters"]
    if len(text) > limit:
        return [f"{where}: must be less than {limit + 1} characters"]
    return []


def block_errors(blocks: Any) -> list[str]:
    """What Slack would say is wrong with `blocks` (empty when it would accept them)."""
    if not isinstance(blocks, list):
        return ["blocks: must be an array"]
    errors: list[str] = []
    if len(blocks) > MAX_BLOCKS:
        errors.append(f"blocks: must be less than {MAX_BLOCKS + 1} items")
    ids: set[str] = set()
    for i, block in enumerate(blocks):
        where = f"[{i}]"
        if not isinstance(block, dict) or "type" not in block:
            errors.append(f"{where}: must be a block object")
            continue
        block_id = block.get("block_id")
        if block_id is not None:
            if not isinstance(block_id, str) or len(block_id) > MAX_BLOCK_ID or block_id in ids:
                errors.append(f"{where}.block_id: invalid or duplicate")
            ids.add(str(block_id))
        kind = block["type"]
        if kind == "header":
            errors += _text_errors(block.get("text"), f"{where}.text", MAX_HEADER_TEXT, plain_only=True)
        elif kind == "section":
            if "text" not in block and "fields" not in block:
                errors.append(f"{where}: must provide text or fields")
            if "text" in block:
                errors += _text_errors(block["text"], f"{where}.text", MAX_SECTION_TEXT)
            if "fields" in block:
                fields = block["fields"]
                if not isinstance(fields, list) or not fields or len(fields) > MAX_FIELDS:
                    errors.append(f"{where}.fields: must be 1 to {MAX_FIELDS} items")
                else:
                    for j, f in enumerate(fields):
                        errors += _text_errors(f, f"{where}.fields[{j}]", MAX_FIELD_TEXT)
        elif kind == "context":
            elements = block.get("elements")
            if not isinstance(elements, list) or not elements or len(elements) > MAX_CONTEXT_ELEMENTS:
                errors.append(f"{where}.elements: must be 1 to {MAX_CONTEXT_ELEMENTS} items")
            else:
                for j, el in enumerate(elements):
                    if isinstance(el, dict) and el.get("type") == "image":
                        continue
                    errors += _text_errors(el, f"{where}.elements[{j}]", MAX_SECTION_TEXT)
        elif kind == "divider":
            extra = set(block) - {"type", "block_id"}
            if extra:
                errors.append(f"{where}: unexpected {sorted(extra)}")
        else:
            errors.append(f"{where}: unsupported block type {kind!r}")
    return errors


def sign(secret: str, timestamp: int, body: str) -> str:
    """Slack's request signature: v0=HMAC-SHA256(secret, "v0:{ts}:{body}")."""
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"v0={digest}"


@dataclass
class FakeUser:
    id: str
    name: str
    team_id: str
    is_admin: bool = False
    is_owner: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "team_id": self.team_id,
            "is_admin": self.is_admin,
            "is_owner": self.is_owner,
            "is_primary_owner": False,
        }


@dataclass
class Failure:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1


@dataclass
class Upload:
    """A file between files.getUploadURLExternal and files.completeUploadExternal."""

    filename: str
    length: int
    alt_txt: str | None
    data: bytes | None = None  # set once the bytes are POSTed to the upload URL


@dataclass
class SharedFile:
    """A completed upload, shared in a channel."""

    id: str
    channel: str
    filename: str
    title: str
    alt_txt: str | None
    mimetype: str
    data: bytes


@dataclass
class ResponseUrlPost:
    key: str
    body: dict[str, Any]


class FakeSlack:
    def __init__(
        self,
        *,
        bot_token: str = "xoxb-fake-bot",
        app_token: str = "xapp-fake-app",
        team_id: str = "T0LABNOTES",
        rate_limits: SlackLimits | None = None,
    ) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.team_id = team_id
        self.bot_user_id = "U0BOT"
        self.users: dict[str, FakeUser] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self.channels: dict[str, list[dict[str, Any]]] = {}  # channel id → messages, oldest first
        self.members: set[str] = set()  # channels the bot has joined
        self.private: set[str] = set()  # private channels: only an invitation lets the bot in
        self.calls: list[tuple[str, dict[str, Any]]] = []  # every Web API call, including refused ones
        self.responses: list[ResponseUrlPost] = []  # accepted response_url posts
        self.rejected: list[tuple[str, list[str]]] = []  # (where, errors) for everything refused
        self.acks: dict[str, dict[str, Any]] = {}  # envelope id → the ack the client sent
        self.downloads: list[tuple[str, bool]] = []  # (file id, sent the bot token)
        self.scopes: set[str] = set(DEFAULT_SCOPES)
        self.uploads: dict[str, Upload] = {}  # file id → an upload not yet completed
        self.shared: list[SharedFile] = []  # completed uploads, in order
        self.socket_connections = 0
        # Enforced as Slack does when given (tests/fake_ratelimit.py); None: only injected failures.
        self.limits = rate_limits
        self.limiter = RateLimiter(whole_seconds=True)
        self.oauth: FakeSlackOAuth | None = None  # many workspaces with their own tokens (fake_slack_oauth)
        self._failures: dict[str, list[Failure]] = {}
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._sockets: list[web.WebSocketResponse] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{key}", self._respond)
        app.router.add_get("/files-pri/{file_id}/{name}", self._download)
        app.router.add_post("/upload/v1/{file_id}", self._upload)
        app.router.add_get("/socket", self._socket)
        self._runner, self.port = await serve_locally(app)
        return self

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeSlack:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return f"{self.base}/api/"

    # -- what tests set up -----------------------------------------------------------------------

    def add_user(
        self, user_id: str, name: str, *, admin: bool = False, owner: bool = False, team_id: str | None = None
    ) -> None:
        self.users[user_id] = FakeUser(user_id, name, team_id or self.team_id, admin, owner)

    def add_file(self, name: str, content: bytes) -> str:
        file_id = f"F{next(self._ids):08d}"
        self.files[file_id] = (name, content)
        return file_id

    def add_channel(self, channel_id: str, *, member: bool = True, private: bool = False) -> None:
        self.channels.setdefault(channel_id, [])
        if member:
            self.members.add(channel_id)
        if private:
            self.private.add(channel_id)

    def fail_next(self, method: str, status: int, *, retry_after: int | None = None, times: int = 1) -> None:
        """The next `times` calls of `method` get `status` (429 with Retry-After, 500, …)."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        self._failures.setdefault(method, []).append(Failure(status, headers, times))

    def response_url(self, key: str | None = None) -> str:
        return f"{self.base}/respond/{key or next(self._ids)}"

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        return [args for name, args in self.calls if name == method]

    def slash_payload(
        self, command: str, text: str, *, user_id: str = "U0USER", channel_id: str = "C0GENERAL"
    ) -> dict[str, str]:
        """The form fields Slack sends for a slash command (also the Socket Mode payload)."""
        user = self.users.get(user_id)
        return {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "team_domain": "labnotes",
            "channel_id": channel_id,
            "channel_name": "general",
            "user_id": user_id,
            "user_name": user.name if user else "someone",
            "command": command,
            "text": text,
            "api_app_id": "A0LABNOTES",
            "is_enterprise_install": "false",
            "response_url": self.response_url(),
            "trigger_id": f"{next(self._ids)}.trigger",
        }

    # -- waiting ---------------------------------------------------------------------------------

    async def wait_for(self, predicate: Any) -> None:
        """Wait until `predicate()` is true; fail loudly (after 10 s) instead of hanging when it never is."""
        async with asyncio.timeout(10), self._changed:
            await self._changed.wait_for(predicate)

    async def wait_responses(self, count: int = 1) -> list[ResponseUrlPost]:
        await self.wait_for(lambda: len(self.responses) >= count)
        return self.responses

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- Socket Mode -----------------------------------------------------------------------------

    async def send_envelope(self, kind: str, payload: dict[str, Any]) -> str:
        """Push an envelope to every connected Socket Mode client; returns its envelope id."""
        await self.wait_for(lambda: bool(self._sockets))
        envelope_id = f"env-{next(self._ids)}"
        message = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        for ws in self._sockets:
            await ws.send_str(json.dumps(message))
        return envelope_id

    @property
    def live_sockets(self) -> int:
        return len(self._sockets)

    async def send_disconnect(self) -> None:
        """What Slack sends before recycling a connection (every few hours): the client must reconnect."""
        for ws in list(self._sockets):
            await ws.send_str(json.dumps({"type": "disconnect", "reason": "refresh_requested"}))

    async def wait_ack(self, envelope_id: str) -> dict[str, Any]:
        await self.wait_for(lambda: envelope_id in self.acks)
        return self.acks[envelope_id]

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        self.socket_connections += 1
        await ws.send_str(
            json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0LABNOTES"}})
        )
        await self._notify()
        try:
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.TEXT:
                    data = json.loads(msg.data)
                    if "envelope_id" in data:
                        self.acks[data["envelope_id"]] = data
                        await self._notify()
        finally:
            self._sockets.remove(ws)
        await self._notify()
        return ws

    # -- response_url ----------------------------------------------------------------------------

    async def _respond(self, request: web.Request) -> web.Response:
        try:
            body = json.loads(await request.text())
        except ValueError:
            self.rejected.append((request.path, ["invalid_payload"]))
            return web.Response(status=400, text="invalid_payload")
        errors = block_errors(body["blocks"]) if "blocks" in body else []
        if not body.get("text") and "blocks" not in body:
            errors.append("no_text")
        if errors:
            self.rejected.append((request.path, errors))
            await self._notify()
            return web.Response(status=400, text="invalid_blocks")
        self.responses.append(ResponseUrlPost(request.match_info["key"], body))
        await self._notify()
        return web.Response(text="ok")

    # -- files -----------------------------------------------------------------------------------

    async def _download(self, request: web.Request) -> web.Response:
        auth = request.headers.get("Authorization", "")
        authorized = auth == f"Bearer {self.bot_token}" or (
            self.oauth is not None and self.oauth.active(auth)
        )
        self.downloads.append((request.match_info["file_id"], authorized))
        if not authorized:
            # Slack answers a login page, not a 401, to unauthenticated downloads.
            return web.Response(text="<html>sign in</html>", content_type="text/html")
        found = self.files.get(request.match_info["file_id"])
        if found is None:
            return web.Response(status=404)
        return web.Response(body=found[1], content_type="application/octet-stream")

    # -- Web API ---------------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(await request.post())
        self.calls.append((method, args))
        await self._notify()
        queue = self._failures.get(method)
        if queue:
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            return web.json_response(
                {"ok": False, "error": "ratelimited" if failure.status == 429 else "fatal_error"},
                status=failure.status,
                headers=failure.headers,
            )
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if self.limits is not None and (limited := self._limit(method, token, args)) is not None:
            return limited
        if self.oauth is not None and (answer := await self.oauth.answer(method, request, args)) is not None:
            return answer
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return self._error("unknown_method")
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        if token != expected:
            return self._error("invalid_auth" if token else "not_authed")
        needed = METHOD_SCOPES.get(method)
        if needed is not None and needed not in self.scopes:
            return self._error("missing_scope", needed=needed, provided=",".join(sorted(self.scopes)))
        result: dict[str, Any] = await handler(args)
        return web.json_response(result)

    def _limit(self, method: str, token: str, args: dict[str, Any]) -> web.Response | None:
        """Slack's 429: per method per workspace (a token is one workspace's), and per channel for posts."""
        assert self.limits is not None
        keys: list[tuple[Hashable, Window]] = []
        if (tier := self.limits.methods.get(method)) is not None:
            keys.append(((token, method), tier))
        if method == "chat.postMessage":
            keys.append((("channel", str(args.get("channel"))), self.limits.channel_posts))
        limited = self.limiter.hit(keys) if keys else None
        if limited is None:
            return None
        headers = {"Retry-After": str(int(limited.retry_after))}
        return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers=headers)

    @staticmethod
    def _error(code: str, **extra: Any) -> web.Response:
        return web.json_response({"ok": False, "error": code, **extra})

    async def _m_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://labnotes.slack.com/",
            "team": "labnotes",
            "user": "labnotes",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": "B0BOT",
            "is_enterprise_install": False,
        }

    async def _m_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    async def _m_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user.to_json()}

    async def _m_files_info(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = str(args.get("file"))
        found = self.files.get(file_id)
        if found is None:
            return {"ok": False, "error": "file_not_found"}
        name, content = found
        url = f"{self.base}/files-pri/{file_id}/{name}"
        return {
            "ok": True,
            "file": {
                "id": file_id,
                "name": name,
                "size": len(content),
                "mimetype": "text/markdown",
                "url_private": url,
                "url_private_download": url + "?download=1",
            },
        }

    async def _m_files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        filename = str(args.get("filename") or "")
        try:
            length = int(str(args.get("length")))
        except ValueError:
            return {"ok": False, "error": "invalid_arguments"}
        if not filename or not 0 < length <= MAX_UPLOAD_BYTES:
            return {"ok": False, "error": "invalid_arguments"}
        alt = args.get("alt_txt")
        if alt is not None and len(str(alt)) > MAX_ALT_TEXT:
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._ids):08d}"
        self.uploads[file_id] = Upload(filename, length, None if alt is None else str(alt))
        return {"ok": True, "upload_url": f"{self.base}/upload/v1/{file_id}", "file_id": file_id}

    async def _upload(self, request: web.Request) -> web.Response:
        """The upload URL: the raw bytes, exactly as long as files.getUploadURLExternal was told."""
        upload = self.uploads.get(request.match_info["file_id"])
        if upload is None:
            return web.Response(status=404, text="unknown upload")
        data = await request.read()
        if len(data) != upload.length:
            self.rejected.append((request.path, [f"length {len(data)} != {upload.length}"]))
            await self._notify()
            return web.Response(status=400, text="length mismatch")
        upload.data = data
        return web.Response(text=f"OK - {len(data)}")

    async def _m_files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        try:
            files = json.loads(str(args.get("files")))
        except ValueError:
            return {"ok": False, "error": "invalid_arguments"}
        if not isinstance(files, list) or not files:
            return {"ok": False, "error": "invalid_arguments"}
        channel = str(args.get("channel_id") or "")
        if channel and channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        if channel and channel not in self.members:
            return {"ok": False, "error": "not_in_channel"}
        uploads = [(str(f.get("id")), self.uploads.get(str(f.get("id")))) for f in files]
        if any(u is None or u.data is None for _, u in uploads):  # never announced, or bytes never sent
            return {"ok": False, "error": "file_not_found"}
        done = []
        for (file_id, upload), spec in zip(uploads, files, strict=True):
            assert upload is not None and upload.data is not None
            mimetype = "image/png" if upload.data.startswith(PNG_MAGIC) else "application/octet-stream"
            title = str(spec.get("title") or upload.filename)
            shared = SharedFile(
                file_id, channel, upload.filename, title, upload.alt_txt, mimetype, upload.data
            )
            self.shared.append(shared)
            del self.uploads[file_id]
            done.append(
                {
                    "id": file_id,
                    "name": upload.filename,
                    "title": title,
                    "mimetype": mimetype,
                    "size": len(upload.data),
                }
            )
        await self._notify()
        return {"ok": True, "files": done}

    async def _m_conversations_join(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel"))
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        if channel in self.private and channel not in self.members:
            return {"ok": False, "error": "method_not_supported_for_channel_type"}
        self.members.add(channel)
        return {"ok": True, "channel": {"id": channel}}

    async def _m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel"))
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        if channel not in self.members:
            return {"ok": False, "error": "not_in_channel"}
        blocks = args.get("blocks")
        if isinstance(blocks, str):  # form-encoded callers send JSON strings
            try:
                blocks = json.loads(blocks)
            except ValueError:
                return {"ok": False, "error": "invalid_blocks_format"}
        if not args.get("text") and not blocks:
            return {"ok": False, "error": "no_text"}
        if blocks is not None and (errors := block_errors(blocks)):
            self.rejected.append(("chat.postMessage", errors))
            return {"ok": False, "error": "invalid_blocks", "errors": errors}
        if len(str(args.get("text", ""))) > MAX_MESSAGE_TEXT:
            return {"ok": False, "error": "msg_too_long"}
        ts = f"{time.time():.6f}"
        message: dict[str, Any] = {
            "type": "message",
            "user": self.bot_user_id,
            "ts": ts,
            "text": args.get("text", ""),
        }
        if blocks is not None:
            message["blocks"] = blocks
        metadata = args.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        if metadata:
            message["metadata"] = metadata
        self.channels[channel].append(message)
        await self._notify()
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    async def _m_conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel"))
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        if channel not in self.members:
            return {"ok": False, "error": "not_in_channel"}
        include_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        limit = int(args.get("limit", 100))
        start = int(args.get("cursor") or 0)
        newest_first = list(reversed(self.channels[channel]))
        page = newest_first[start : start + limit]
        messages = [m if include_metadata else {k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(newest_first)
        return {
            "ok": True,
            "messages": messages,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }


def signed_headers(secret: str, body: str, *, timestamp: int | None = None) -> dict[str, str]:
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": sign(secret, ts, body),
        "Content-Type": "application/x-www-form-urlencoded",
    }


def form_body(fields: dict[str, str]) -> str:
    return urlencode(fields)
