"""The Slack adapter: a slack-bolt AsyncApp whose slash commands are generated from the command specs.

One Slack command per top-level name (`/lab`, `/notes` with `add …` as its text, `/digest`); the text is
parsed by the core. Socket Mode when an app token is set, else HTTP mode on aiohttp (signed requests).
Every command is acked at once and answered through `respond()` from a task the adapter tracks, so
Slack's 3-second deadline never depends on how long an answer takes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import os
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Literal

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.request.internals import parse_body
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.base import AdapterStartError
from adapters.platform import DEFAULT_STOP_GRACE, PLATFORMS, HttpServer, PlatformAdapter, SlackConfig
from adapters.slack_render import CHART_SKIPPED, SlackMessage, plain_text, render_reply, visibility
from bot.commands.access import authorize
from bot.commands.spec import CommandCore, CommandSpec, ParamType, Permission
from bot.contracts import Actor, Attachment, Channel, Invocation, Platform
from bot.delivery import DeliveryError, PostLimit, Publisher
from bot.digest.fanout import report_rate_limit
from bot.reply import Reply, code

if TYPE_CHECKING:
    from adapters.slack_oauth import SlackOAuth

log = logging.getLogger(__name__)

SHORTCUT_CALLBACK_ID = "labnotes_add_note"
DIGEST_EVENT_TYPE = "labnotes_digest"
MODERATOR_CACHE_SECONDS = 600.0
CHART_FILENAME = "chart.png"
MAX_ALT_TEXT = 1000  # Slack's limit for a file's alt_txt
MAX_DOWNLOAD_BYTES = 16 * 1024 * 1024  # the core enforces the real note limit; this only bounds memory
# HTTP mode. Slack's largest request (a message shortcut carrying a full message) is well under
# aiohttp's default 1 MiB cap; a bigger body is not from Slack and is refused unread.
MAX_REQUEST_BYTES = 1024 * 1024
SIGNATURE_WINDOW_SECONDS = 5 * 60  # Slack: refuse a request whose timestamp is more than 5 minutes off
REPLAY_CACHE_SIZE = 10_000  # signatures remembered; far more than Slack sends one app in 5 minutes
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_FILE_ID = re.compile(r"\b(F[A-Z0-9]{6,})\b")
# Errors that no retry can fix: the digest scheduler should give the subscription up, not loop on it.
_PERMANENT_ERRORS = {
    "channel_not_found",
    "is_archived",
    "not_in_channel",
    "invalid_auth",
    "account_inactive",
    "token_revoked",
    "missing_scope",
    "restricted_action",
}

Mode = Literal["socket", "http"]
Respond = Callable[..., Awaitable[Any]]
# OAuth mode: the client bolt authorized for the command being answered (its workspace's token), and
# that workspace's id. Set before the answer's task is spawned, which copies it.
_workspace: ContextVar[tuple[AsyncWebClient, str | None] | None] = ContextVar("slack_workspace", default=None)


def slack_command_name(name: str) -> str:
    """The Slack command (without slash) for a top-level spec name: `lab`, or `labnotes-search`."""
    return PLATFORMS["slack"].command_name(name)


def top_level_commands(specs: Sequence[CommandSpec]) -> dict[str, list[CommandSpec]]:
    """Top-level name as the core knows it (`lab`, `notes`) → the specs it carries, in declaration order."""
    out: dict[str, list[CommandSpec]] = {}
    for spec in specs:
        out.setdefault((spec.group or spec.name).lower(), []).append(spec)
    return out


def attachment_spec(specs: Sequence[CommandSpec]) -> CommandSpec | None:
    """The command a "file" shortcut feeds: the first one whose first required param is a file."""
    for spec in specs:
        required = [p for p in spec.params if p.required]
        if required and required[0].type == ParamType.ATTACHMENT:
            return spec
    return None


class _ReportingRateLimitHandler(AsyncRateLimitErrorRetryHandler):
    """slack_sdk's 429 handler (it waits out Retry-After, then retries), telling the digest fan-out
    about each 429 for its progress line."""

    async def prepare_for_next_attempt_async(self, **kwargs: Any) -> None:
        response = kwargs.get("response")
        if response is not None:
            retry_after = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), ["1"])
            report_rate_limit("slack", float(retry_after[0]))
        await super().prepare_for_next_attempt_async(**kwargs)


def build_client(bot_token: str, api_base: str | None = None) -> AsyncWebClient:
    """A Web API client that retries 429 (honouring Retry-After), 5xx and dropped connections."""
    kwargs: dict[str, Any] = {"token": bot_token}
    if api_base:
        kwargs["base_url"] = api_base if api_base.endswith("/") else api_base + "/"
    client = AsyncWebClient(**kwargs)
    client.retry_handlers = [
        AsyncConnectionErrorRetryHandler(),
        _ReportingRateLimitHandler(max_retry_count=3),
        AsyncServerErrorRetryHandler(max_retry_count=2),
    ]
    return client


# chat.postMessage: about 1/s per channel (one post per channel never reaches it) and "several hundred
# per minute" per workspace, taken as 300: burst + rate stays under that in any minute (PLATFORMS.md).
SLACK_POST_LIMIT = PostLimit(rate=4.0, burst=5, in_flight=4, per_workspace=True)


class SlackPublisher:
    """Posts digests with `chat.postMessage`; the idempotency key rides in the message metadata.

    A digest's chart is shared right below it, and only once the post succeeded: a post is retried
    only when the scheduler finds no message with its key, so a retry never uploads a second chart.
    (A crash between the two leaves the digest without its chart, never with two.) It is not put
    in the message as an image block: Slack refuses a `slack_file` the channel can't see yet."""

    platform: Platform = "slack"  # the Publisher protocol's type: a narrower Literal would not match it
    post_limit = SLACK_POST_LIMIT

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def publish(self, channel_id: str, reply: Reply, *, idempotency_key: str) -> str:
        message = render_reply(reply)
        kwargs: dict[str, Any] = {
            "channel": channel_id,
            "text": message.text,
            "blocks": message.blocks,
            "metadata": {"event_type": DIGEST_EVENT_TYPE, "event_payload": {"key": idempotency_key}},
            "unfurl_links": False,
            "unfurl_media": False,
        }
        try:
            try:
                response = await self._client.chat_postMessage(**kwargs)
            except SlackApiError as exc:
                if _error_code(exc) != "not_in_channel":
                    raise
                # A public channel the bot was never invited to: join it (channels:join) and post again.
                await self._client.conversations_join(channel=channel_id)
                response = await self._client.chat_postMessage(**kwargs)
        except SlackApiError as exc:
            code = _error_code(exc)
            raise DeliveryError(
                f"Slack refused the post: {code}", permanent=code in _PERMANENT_ERRORS
            ) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryError(f"Slack unreachable: {exc}") from exc
        if reply.image is not None and (why := await share_chart(self._client, reply, channel_id)):
            # The digest is posted: failing now would only make the scheduler find it and stop.
            log.warning("slack: the digest's chart could not be shared in %s: %s", channel_id, why)
        return str(response["ts"])

    async def already_posted(self, channel_id: str, idempotency_key: str) -> str | None:
        """Look through the channel's recent history for a message carrying this key."""
        cursor: str | None = None
        try:
            for _ in range(3):  # 600 messages back is far beyond one digest period in a busy channel
                kwargs: dict[str, Any] = {"channel": channel_id, "limit": 200, "include_all_metadata": True}
                if cursor:
                    kwargs["cursor"] = cursor
                response = await self._client.conversations_history(**kwargs)
                for message in response.get("messages") or []:
                    metadata = message.get("metadata") or {}
                    payload = metadata.get("event_payload") or {}
                    if (
                        metadata.get("event_type") == DIGEST_EVENT_TYPE
                        and payload.get("key") == idempotency_key
                    ):
                        return str(message["ts"])
                cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
                if not cursor:
                    break
        except SlackApiError as exc:
            code = _error_code(exc)
            if code == "not_in_channel":
                return None  # the bot never joined, so it never posted there
            raise DeliveryError(
                f"Slack refused the history: {code}", permanent=code in _PERMANENT_ERRORS
            ) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryError(f"Slack unreachable: {exc}") from exc
        return None


async def share_chart(client: AsyncWebClient, reply: Reply, channel_id: str) -> str | None:
    """The reply's chart shared in the channel with the files API v2 (get an upload URL, POST the bytes,
    complete the upload with the channel). None once shared; else why not (Slack's error code, or the
    failure's kind)."""
    assert reply.image is not None
    try:
        await client.files_upload_v2(
            channel=channel_id,
            file=reply.image,
            filename=CHART_FILENAME,
            title=plain_text(reply.title) or "labnotes chart",
            alt_txt=reply.image_alt[:MAX_ALT_TEXT] or None,
        )
    except SlackApiError as exc:
        return _error_code(exc)
    except (SlackRequestError, aiohttp.ClientError, TimeoutError) as exc:
        return type(exc).__name__
    return None


def _error_code(exc: SlackApiError) -> str:
    try:
        return str(exc.response["error"])
    except (KeyError, TypeError):
        return "unknown_error"


class SlackAdapter(PlatformAdapter):
    """`adapters.base.Adapter` for Slack."""

    name = "slack"

    def __init__(
        self,
        core: CommandCore,
        config: SlackConfig,
        bot_token: str,
        *,
        app_token: str | None = None,
        signing_secret: str | None = None,
        api_base: str | None = None,
        web_app: web.Application | None = None,
        stop_grace: float = DEFAULT_STOP_GRACE,
        oauth: SlackOAuth | None = None,
    ) -> None:
        super().__init__(core, stop_grace=stop_grace)
        self.config = config
        self.mode: Mode = _resolve_mode(config, app_token, signing_secret)
        self._app_token = app_token
        self._bot_token = bot_token
        self._oauth = oauth  # adapters.slack_oauth: many workspaces, each with its own token
        self.client = oauth.client if oauth is not None else build_client(bot_token, api_base)
        self.app = AsyncApp(
            # Bolt names a logger after the app and resets its level on every request; "labnotes"
            # would be the parent of labnotes.events and silence the command log lines.
            name="labnotes-slack",
            client=self.client,
            signing_secret=signing_secret or "",
            # Socket Mode envelopes are not signed; HTTP requests are, and `_handle_http` verifies each one
            # (over the raw bytes, before any parsing) ahead of bolt, so bolt need not check them again.
            request_verification_enabled=False,
            oauth_settings=oauth.settings if oauth is not None else None,
        )
        self._publisher: Publisher = oauth.publisher if oauth is not None else SlackPublisher(self.client)
        self._specs = list(core.specs)
        self._commands = top_level_commands(self._specs)
        self._core_names = {slack_command_name(name): name for name in self._commands}
        self._moderator_cache: dict[str, tuple[float, bool]] = {}
        self._team_id: str | None = None
        self._closed = asyncio.Event()
        self._connected = False
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self._owns_web_app = web_app is None
        self.web_app: web.Application | None = None
        self._signing_secret = signing_secret or ""
        self._replays = ReplayGuard()
        if self.mode == "http":
            self.web_app = web_app if web_app is not None else web.Application()
            self.web_app.router.add_post(config.path, self._handle_http)
            if oauth is not None:
                oauth.serve(self.app, self.web_app)
        self._register()

    @classmethod
    def from_env(
        cls,
        core: CommandCore,
        config: SlackConfig,
        *,
        environ: Mapping[str, str] | None = None,
        stop_grace: float = DEFAULT_STOP_GRACE,
    ) -> SlackAdapter | None:
        """The adapter configured from SLACK_* variables, or None when no bot token is set."""
        env = os.environ if environ is None else environ
        bot_token = env.get("SLACK_BOT_TOKEN")
        if not bot_token:
            return None
        return cls(
            core,
            config,
            bot_token,
            app_token=env.get("SLACK_APP_TOKEN") or None,
            signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            api_base=env.get("LABNOTES_SLACK_API") or None,
            stop_grace=stop_grace,
        )

    # -- Adapter protocol ------------------------------------------------------------------------

    async def start(self) -> None:
        if self._oauth is None:  # OAuth mode has no token of its own to check: each install brings one
            try:
                auth = await self.client.auth_test()
            except SlackApiError as exc:
                raise AdapterStartError(f"Slack rejected SLACK_BOT_TOKEN: {_error_code(exc)}") from exc
            except aiohttp.ClientError as exc:
                raise AdapterStartError(f"cannot reach the Slack Web API: {exc}") from exc
            self._team_id = auth.get("team_id")
        if self.mode == "socket":
            await self._start_socket()
        elif self._owns_web_app:
            await self._start_http()
        self._connected = True
        team = self._team_id or f"every workspace that installs it ({self.config.oauth.install_path})"
        log.info("slack: connected in %s mode to team %s", self.mode, team)

    async def wait_closed(self) -> None:
        await self._closed.wait()

    async def stop(self) -> None:
        self._connected = False
        # Stop taking commands first (answers go out over response_url, not the socket or the server)...
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.drain()  # ...then let answers in flight reach Slack, within the grace
        await self._close_client_session()
        self._closed.set()

    @property
    def connected(self) -> bool:
        if self._socket is not None:
            # Socket Mode reconnects by itself; report the live websocket, not just "started".
            session = self._socket.client.current_session
            return self._connected and session is not None and not session.closed
        return self._connected

    @property
    def publisher(self) -> Publisher:
        return self._publisher

    def http_server(self) -> HttpServer | None:
        if self.web_app is None:
            return None
        return HttpServer(self.web_app, self.config.host, self.config.port, lambda: self.port)

    @property
    def port(self) -> int | None:
        """The port HTTP mode listens on (useful when config.port is 0)."""
        if self._runner is None:
            return None
        for site in self._runner.sites:
            server = getattr(site, "_server", None)
            if server is not None and server.sockets:
                return int(server.sockets[0].getsockname()[1])
        return None

    # -- transports ------------------------------------------------------------------------------

    async def _start_socket(self) -> None:
        assert self._app_token is not None
        # The handler's own web client calls apps.connections.open: give it ours, with the same base URL.
        socket_client = AsyncWebClient(token=self._app_token, base_url=self.client.base_url)
        socket_client.retry_handlers = list(self.client.retry_handlers)
        self._socket = AsyncSocketModeHandler(self.app, self._app_token, web_client=socket_client)
        try:
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
        except SlackApiError as exc:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
            raise AdapterStartError(f"Slack rejected SLACK_APP_TOKEN: {_error_code(exc)}") from exc
        except aiohttp.ClientError as exc:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
            raise AdapterStartError(f"cannot open the Socket Mode connection: {exc}") from exc

    async def _start_http(self) -> None:
        assert self.web_app is not None
        self._runner = web.AppRunner(self.web_app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.host, self.config.port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            self._runner = None
            raise AdapterStartError(f"cannot listen on {self.config.host}:{self.config.port}: {exc}") from exc

    async def _handle_http(self, request: web.Request) -> web.Response:
        """Verify and parse a request before bolt sees it: bolt parses the body before it checks the
        signature and lets the errors through as 500s with tracebacks, for anyone who can reach the port.
        """
        remote = request.remote or "an unknown address"
        try:
            raw, signature, timestamp = await self._verified_body(request)
            if not self._replays.first_time(signature, timestamp, time.time()):
                log.warning(
                    "slack: ignored a replayed request from %s (its signature was seen in the last %d minutes)",
                    remote,
                    SIGNATURE_WINDOW_SECONDS // 60,
                )
                return web.Response(status=200)  # acknowledged, so whoever resent it stops
            bolt_request = _bolt_request(request, raw)
        except _Refused as refused:
            log.warning("slack: refused a request from %s (%d): %s", remote, refused.status, refused.reason)
            return web.Response(status=refused.status, text=refused.reason)
        bolt_response = await self.app.async_dispatch(bolt_request)
        return await to_aiohttp_response(bolt_response)

    async def _verified_body(self, request: web.Request) -> tuple[bytes, str, int]:
        """The body, signature and timestamp of a request Slack signed, checked as Slack's docs say."""
        raw = await _read_capped(request, MAX_REQUEST_BYTES)
        timestamp = request.headers.get("X-Slack-Request-Timestamp")
        signature = request.headers.get("X-Slack-Signature")
        if timestamp is None:
            raise _Refused(401, "no X-Slack-Request-Timestamp header")
        if not _TIMESTAMP.fullmatch(timestamp):  # ASCII digits: int() also takes ' 12' and '١٢'
            raise _Refused(401, f"X-Slack-Request-Timestamp is not a number: {_shorten(timestamp)!r}")
        if signature is None:
            raise _Refused(401, "no X-Slack-Signature header")
        if abs(time.time() - int(timestamp)) > SIGNATURE_WINDOW_SECONDS:
            raise _Refused(401, f"the timestamp is more than {SIGNATURE_WINDOW_SECONDS // 60} minutes off")
        # Over the bytes as received: slack_sdk's SignatureVerifier decodes them first and raises on non-UTF-8.
        base = f"v0:{timestamp}:".encode() + raw
        expected = "v0=" + hmac.new(self._signing_secret.encode(), base, hashlib.sha256).hexdigest()
        # aiohttp keeps undecodable header bytes as surrogates; they must compare unequal, not raise.
        if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "surrogateescape")):
            raise _Refused(401, "the signature does not match")
        return raw, signature, int(timestamp)

    async def _close_client_session(self) -> None:
        session = getattr(self.client, "session", None)
        if isinstance(session, aiohttp.ClientSession) and not session.closed:
            await session.close()

    # -- commands --------------------------------------------------------------------------------

    def _register(self) -> None:
        for name in self._commands:
            self.app.command(f"/{slack_command_name(name)}")(self._on_command)
        if attachment_spec(self._specs) is not None:
            self.app.shortcut(SHORTCUT_CALLBACK_ID)(self._on_file_shortcut)

    async def _on_command(
        self,
        ack: Callable[[], Awaitable[None]],
        command: dict[str, Any],
        respond: Respond,
        client: AsyncWebClient,
    ) -> None:
        await ack()
        self._bind_workspace(client, command.get("team_id"))
        self.spawn(self._answer_command(command, respond))

    async def _on_file_shortcut(
        self,
        ack: Callable[[], Awaitable[None]],
        shortcut: dict[str, Any],
        respond: Respond,
        client: AsyncWebClient,
    ) -> None:
        await ack()
        self._bind_workspace(client, (shortcut.get("team") or {}).get("id"))
        self.spawn(self._answer_shortcut(shortcut, respond))

    def _bind_workspace(self, client: AsyncWebClient, team_id: object) -> None:
        """OAuth mode: the answer spawned next calls Slack with the token of the workspace it came from."""
        if self._oauth is not None:
            _workspace.set((client, str(team_id) if team_id else None))

    def _web(self) -> AsyncWebClient:
        bound = _workspace.get()
        return bound[0] if bound is not None else self.client

    def _team(self) -> str | None:
        bound = _workspace.get()
        return bound[1] if bound is not None else self._team_id

    async def _answer_command(self, command: dict[str, Any], respond: Respond) -> None:
        what = f"{command.get('command')} {command.get('text')}"
        reply = await self.guarded(self.answer(command), what)
        await self._send(respond, reply, str(command.get("channel_id") or ""))

    async def answer(self, command: dict[str, Any]) -> Reply:
        """A slash command payload (as bolt hands it over) → the core's Reply."""
        typed = str(command.get("command", "")).lstrip("/").lower()
        name = self._core_names.get(typed, typed)
        line = f"/{name} {command.get('text', '')}".strip()
        parsed = self.core.parse_text(line)
        if isinstance(parsed, Reply):
            return parsed
        path, args = parsed
        spec = next((s for s in self._specs if s.path == path), None)
        user_id = str(command.get("user_id", ""))
        actor = await self._actor(user_id, str(command.get("user_name", user_id)), spec)
        # Refused before any file is fetched; the core would refuse too, in these same words.
        if spec is not None and (refusal := authorize(actor, spec)) is not None:
            return refusal
        attachments = await self.resolve_attachments(spec, args)
        if isinstance(attachments, Reply):
            return attachments
        channel = Channel("slack", str(command.get("channel_id", "")), command.get("team_id"))
        return await self.core.handle(Invocation(path, args, actor, channel, attachments))

    async def _answer_shortcut(self, shortcut: dict[str, Any], respond: Respond) -> None:
        await self._send(respond, await self.guarded(self._shortcut_reply(shortcut), "the file shortcut"))

    async def _shortcut_reply(self, shortcut: dict[str, Any]) -> Reply:
        spec = attachment_spec(self._specs)
        assert spec is not None  # the shortcut is only registered when such a spec exists
        user = shortcut.get("user") or {}
        actor = await self._actor(str(user.get("id", "")), str(user.get("name", "")), spec)
        if (refusal := authorize(actor, spec)) is not None:
            return refusal
        files = (shortcut.get("message") or {}).get("files") or []
        if not files:
            return Reply.error(
                "No file in that message", "Use the shortcut on a message with a note attached."
            )
        found = await self.resolve_file(str(files[0].get("id", "")))
        if isinstance(found, Reply):
            return found
        param = next(p for p in spec.params if p.type == ParamType.ATTACHMENT)
        team = (shortcut.get("team") or {}).get("id")
        channel = Channel("slack", str((shortcut.get("channel") or {}).get("id", "")), team)
        return await self.core.handle(Invocation(spec.path, {param.name: found}, actor, channel, (found,)))

    def render(self, reply: Reply) -> SlackMessage:
        return render_reply(reply)

    async def _send(self, respond: Respond, reply: Reply, channel_id: str = "") -> None:
        shown_to = visibility(reply, self.config)
        # A response_url message can't carry a file, and an upload is seen by the whole channel: an
        # answer only the asker sees goes without its chart, and says so.
        chart = reply.image is not None and shown_to == "in_channel" and bool(channel_id)
        notice = CHART_SKIPPED if reply.image is not None and not chart else ""
        message = render_reply(reply, notice=notice)
        try:
            response = await respond(text=message.text, blocks=message.blocks, response_type=shown_to)
            status = getattr(response, "status_code", 200)
            if status != 200:
                # Blocks refused (render_reply keeps to the limits, so this is a surprise): send the text.
                log.error(
                    "slack: response_url refused the blocks (%s %s)", status, getattr(response, "body", "")
                )
                await respond(text=message.text, response_type=shown_to)
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.error("slack: could not deliver the answer to %r: %s", reply.title, exc)
            return
        if chart:
            await self._upload_chart(respond, reply, channel_id)

    async def _upload_chart(self, respond: Respond, reply: Reply, channel_id: str) -> None:
        """The reply's chart shared in the channel, below the answer (files API v2: get an upload URL,
        POST the bytes, complete the upload with the channel); a failure is told to the asker alone."""
        why = await self._try_upload(reply, channel_id)
        if why == "not_in_channel" and await self._join(channel_id):
            why = await self._try_upload(reply, channel_id)  # a public channel: joined, so once more
        if why is None:
            return
        log.warning("slack: could not upload the chart for %r to %s: %s", reply.title, channel_id, why)
        hint = " Invite the bot to this channel to see charts here." if why == "not_in_channel" else ""
        with contextlib.suppress(aiohttp.ClientError, TimeoutError):
            await respond(
                text=f"The chart could not be posted (Slack says {why}).{hint}", response_type="ephemeral"
            )

    async def _try_upload(self, reply: Reply, channel_id: str) -> str | None:
        return await share_chart(self._web(), reply, channel_id)

    async def _join(self, channel_id: str) -> bool:
        """Join a public channel the bot is not in (channels:join); False where it can't (a private one)."""
        try:
            await self._web().conversations_join(channel=channel_id)
        except (SlackApiError, aiohttp.ClientError, TimeoutError):
            return False
        return True

    # -- files -----------------------------------------------------------------------------------

    async def resolve_attachment(self, ref: str) -> Attachment | Reply:
        return await self.resolve_file(ref)

    async def resolve_file(self, ref: str) -> Attachment | Reply:
        """A file ID or permalink (`F0123ABC`, `https://…/files/U1/F0123ABC/note.md`) → an Attachment."""
        match = _FILE_ID.search(ref)
        if match is None:
            return Reply.error(
                "Not a Slack file",
                f"{code(ref)} is not a Slack file ID or link. Upload the note, then pass its link or ID "
                "(or use the “Add to labnotes” message shortcut).",
            )
        file_id = match.group(1)
        try:
            info = await self._web().files_info(file=file_id)
        except SlackApiError as exc:
            return Reply.error("Cannot read that file", f"Slack says {code(_error_code(exc))} for {file_id}.")
        file = info["file"]
        url = file.get("url_private_download") or file.get("url_private")
        if not url:
            return Reply.error("Cannot read that file", f"{file_id} has no downloadable content.")
        name = str(file.get("name") or f"{file_id}.md")
        size = file.get("size")
        return Attachment(name, int(size) if size is not None else None, self._loader(str(url)))

    def _loader(self, url: str) -> Callable[[], Awaitable[bytes]]:
        token = self._web().token or self._bot_token  # the token of the workspace the file is in

        async def load() -> bytes:
            headers = {"Authorization": f"Bearer {token}"}
            async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as resp:
                resp.raise_for_status()
                data = await resp.content.read(MAX_DOWNLOAD_BYTES + 1)
            if len(data) > MAX_DOWNLOAD_BYTES:
                raise ValueError(f"file larger than {MAX_DOWNLOAD_BYTES} bytes")
            return data

        return load

    # -- moderators ------------------------------------------------------------------------------

    async def _actor(self, user_id: str, name: str, spec: CommandSpec | None) -> Actor:
        # Only moderator commands justify a users.info call; for the rest the cheap answer is enough.
        needs_lookup = spec is not None and spec.permission == Permission.MODERATOR
        is_mod = (
            await self.is_moderator(user_id) if needs_lookup else user_id in self.config.moderator_user_ids
        )
        return Actor("slack", user_id, name or user_id, is_mod)

    async def is_moderator(self, user_id: str) -> bool:
        """Configured user ids, else admins and owners of the workspace the bot is installed in."""
        if self.config.moderator_user_ids:
            return user_id in self.config.moderator_user_ids
        if not self.config.admins_are_moderators or not user_id:
            return False
        team = self._team()
        key = f"{team}/{user_id}"  # an admin of one workspace is not a moderator in another
        cached = self._moderator_cache.get(key)
        now = time.monotonic()
        if cached is not None and now - cached[0] < MODERATOR_CACHE_SECONDS:
            return cached[1]
        try:
            user = (await self._web().users_info(user=user_id))["user"]
        except SlackApiError as exc:
            log.warning("slack: users.info %s failed: %s", user_id, _error_code(exc))
            return False  # not cached: a transient failure must not lock a moderator out for long
        # An admin of another workspace (Slack Connect) is not an admin of ours.
        same_team = team is None or user.get("team_id") in (None, team)
        is_mod = same_team and any(user.get(k) for k in ("is_admin", "is_owner", "is_primary_owner"))
        self._moderator_cache[key] = (now, bool(is_mod))
        return bool(is_mod)


class _Refused(Exception):
    """An HTTP request answered with `status` and one log line naming `reason`."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class ReplayGuard:
    """Signatures of recently verified requests, so a replayed one is not run twice.

    A signature covers the timestamp and the body, so the same one again is the same request. An entry
    is needed only while its timestamp would still pass verification; after that it is dropped, and the
    oldest go first when more than `max_entries` arrive within the window.
    """

    def __init__(
        self, window: float = SIGNATURE_WINDOW_SECONDS, max_entries: int = REPLAY_CACHE_SIZE
    ) -> None:
        self.window = window
        self.max_entries = max_entries
        self._seen: OrderedDict[str, int] = OrderedDict()  # signature → request timestamp, in arrival order

    def __len__(self) -> int:
        return len(self._seen)

    def first_time(self, signature: str, timestamp: int, now: float) -> bool:
        """Record `signature`; False when it was already recorded (a replay)."""
        # Arrival order is nearly timestamp order, so expired entries gather at the front.
        while self._seen and now - next(iter(self._seen.values())) > self.window:
            self._seen.popitem(last=False)
        if signature in self._seen:
            return False
        self._seen[signature] = timestamp
        if len(self._seen) > self.max_entries:
            self._seen.popitem(last=False)
        return True


async def _read_capped(request: web.Request, limit: int) -> bytes:
    if request.content_length is not None and request.content_length > limit:
        raise _Refused(413, f"the body is over {limit:,} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_any():  # a chunked body has no length to check up front
        size += len(chunk)
        if size > limit:
            raise _Refused(413, f"the body is over {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _bolt_request(request: web.Request, raw: bytes) -> AsyncBoltRequest:
    """The request for bolt, from a verified body that must still be what Slack sends."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(400, "the body is not UTF-8") from None
    try:
        body = parse_body(text, request.content_type)  # what bolt will parse: JSON, form, or payload=JSON
    except (ValueError, RecursionError):
        raise _Refused(400, "the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise _Refused(400, "the body is not a JSON object")
    # A command or shortcut is answered through response_url; without one its answer would crash.
    if ("command" in body or body.get("type") in ("shortcut", "message_action")) and not (
        isinstance(body.get("response_url"), str) and body["response_url"]
    ):
        kind = "command" if "command" in body else "shortcut"
        raise _Refused(400, f"a {kind} without a response_url")
    try:
        return AsyncBoltRequest(body=text, query=request.query_string, headers=dict(request.headers))
    except (AttributeError, KeyError, IndexError, TypeError, ValueError, RecursionError):
        # bolt reads ids out of fields it expects to be mappings and lists (recursively), unchecked.
        raise _Refused(400, "the body is not shaped like a Slack request") from None


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _resolve_mode(config: SlackConfig, app_token: str | None, signing_secret: str | None) -> Mode:
    if config.mode == "socket" or (config.mode == "auto" and app_token):
        if not app_token:
            raise AdapterStartError("Slack socket mode needs SLACK_APP_TOKEN (an xapp- app-level token)")
        return "socket"
    if not signing_secret:
        raise AdapterStartError(
            "Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) "
            "besides SLACK_BOT_TOKEN"
        )
    return "http"
