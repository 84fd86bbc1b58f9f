"""Slack in many workspaces: bolt's own OAuth flow (`slack.oauth` in labnotes.yaml).

Installs go through bolt's install and redirect endpoints, served on the adapter's aiohttp server beside
the events path; installations and OAuth states live in SQLite through slack_sdk's stores. Bolt's
authorize answers each request with the token of the workspace it came from (refreshing a rotating token
first); a digest is posted with the token of its subscription's workspace, looked up the same way. An
uninstall (`app_uninstalled`, or `tokens_revoked` for the bot) forgets the workspace: its installation
and its digest subscriptions. The single-token mode (SLACK_BOT_TOKEN) stays the default.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions, AsyncFailureArgs, AsyncSuccessArgs
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.sqlite3 import SQLite3InstallationStore
from slack_sdk.oauth.state_store.sqlite3 import SQLite3OAuthStateStore
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from adapters.base import AdapterStartError
from adapters.platform import DEFAULT_STOP_GRACE, SlackConfig, SlackOAuthConfig
from adapters.slack_app import SLACK_POST_LIMIT, SlackAdapter, SlackPublisher, build_client
from adapters.slack_manifest import BOT_SCOPES
from bot.commands.spec import CommandCore
from bot.config import Config
from bot.contracts import Platform
from bot.delivery import DeliveryError
from bot.digest.subscriptions import get_subscription, remove_workspace
from bot.reply import Reply
from bot.store.db import Store

log = logging.getLogger(__name__)

INSTALLATIONS_FILE = "slack-installations.db"
TOKEN_MARGIN_MINUTES = 120  # bolt's default: a rotating token is refreshed this long before it expires
STATE_SECONDS = 600  # an install link (its OAuth state) is good for 10 minutes, as in bolt
# What the installer sees when an install fails, by bolt's reason.
_FAILURES = {
    "access_denied": "The install was cancelled in Slack.",
    "invalid_browser": "This install was started in another browser, or its link expired.",
    "invalid_state": "This install link has expired or was already used.",
    "missing_code": "Slack sent no install code.",
    "invalid_code": "Slack refused the install code: it expired or was already used.",
    "storage_error": "The installation could not be saved; the error is in the bot's log.",
}


class Workspaces(Protocol):
    """The digest subscriptions' side of a workspace (the store, through the core)."""

    async def workspace_of(self, channel_id: str) -> str | None: ...

    async def forget(self, workspace_id: str) -> int: ...


class StoreWorkspaces:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def workspace_of(self, channel_id: str) -> str | None:
        subscription = await get_subscription(self.store, "slack", channel_id)
        return None if subscription is None else subscription.workspace_id

    async def forget(self, workspace_id: str) -> int:
        return await remove_workspace(self.store, "slack", workspace_id)


class LatestInstallationStore(SQLite3InstallationStore):
    """slack_sdk's SQLite store, keeping only a workspace's latest installation and bot.

    It appends a row per save and reads the newest by a timestamp of one-second resolution, so a token
    refreshed in the same second as the install (or a previous refresh) would lose to the older row.
    Its calls are synchronous, so nothing runs between the delete and the insert in this process."""

    def save(self, installation: Installation) -> None:
        self.delete_installation(enterprise_id=installation.enterprise_id, team_id=installation.team_id)
        super().save(installation)  # saves the bot too, through save_bot below

    def save_bot(self, bot: Bot) -> None:
        if bot.bot_token is not None:
            self.delete_bot(enterprise_id=bot.enterprise_id, team_id=bot.team_id)
        super().save_bot(bot)


class SlackOAuth:
    """What OAuth mode adds to the Slack adapter: bolt's settings over the SQLite stores, the routes
    and uninstall listeners, and the token of each workspace for digests."""

    def __init__(
        self,
        config: SlackOAuthConfig,
        *,
        client_id: str,
        client_secret: str,
        installations_path: Path,
        workspaces: Workspaces | None = None,
        api_base: str | None = None,
    ) -> None:
        self.config = config
        self.workspaces = workspaces
        self.api_base = api_base
        # The app's base client: no token of its own (each workspace's comes from its installation),
        # but the base URL and retry handlers every per-request client and oauth.v2.access call copy.
        self.client = build_client("", api_base)
        self.client.token = None
        database = str(installations_path)
        self.installations = LatestInstallationStore(database=database, client_id=client_id)
        states = SQLite3OAuthStateStore(database=database, expiration_seconds=STATE_SECONDS)
        self.rotator = AsyncTokenRotator(client_id=client_id, client_secret=client_secret, client=self.client)
        self.settings = AsyncOAuthSettings(
            client_id=client_id,
            client_secret=client_secret,
            scopes=list(config.scopes or BOT_SCOPES),
            user_scopes=[],
            redirect_uri=config.redirect_url,
            install_path=config.install_path,
            install_page_rendering_enabled=False,  # /slack/install sends the browser straight to Slack
            redirect_uri_path=config.redirect_path,
            callback_options=AsyncCallbackOptions(success=self._installed, failure=self._install_failed),
            installation_store=self.installations,
            token_rotation_expiration_minutes=TOKEN_MARGIN_MINUTES,
            state_store=states,
            state_expiration_seconds=STATE_SECONDS,
        )
        # bolt's own authorize, but refreshing tokens through our client (its default one is slack.com's).
        self.settings.authorize = AsyncInstallationStoreAuthorize(
            logger=log,
            installation_store=self.installations,
            client_id=client_id,
            client_secret=client_secret,
            token_rotation_expiration_minutes=TOKEN_MARGIN_MINUTES,
            client=self.client,
        )
        self.publisher = WorkspacePublisher(self)

    def serve(self, app: AsyncApp, web_app: web.Application) -> None:
        """bolt's install and redirect endpoints on the adapter's server, and the uninstall listeners."""
        flow = app.oauth_flow
        assert flow is not None  # the app was built with self.settings

        async def install(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await flow.handle_installation(await to_bolt_request(request)))

        async def redirect(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await flow.handle_callback(await to_bolt_request(request)))

        web_app.router.add_get(self.config.install_path, install)
        web_app.router.add_get(self.config.redirect_path, redirect)
        app.event("app_uninstalled")(self._on_app_uninstalled)
        app.event("tokens_revoked")(self._on_tokens_revoked)

    async def bot_token(self, team_id: str) -> str | None:
        """The workspace's bot token (refreshed first when it rotates and expires soon); None when the
        bot is not installed there."""
        installation = await self.installations.async_find_installation(enterprise_id=None, team_id=team_id)
        if installation is None:
            return None
        if installation.bot_refresh_token is not None:
            refreshed = await self.rotator.perform_token_rotation(
                installation=installation, minutes_before_expiration=TOKEN_MARGIN_MINUTES
            )
            if refreshed is not None:
                await self.installations.async_save(refreshed)
                installation = refreshed
        return installation.bot_token

    async def forget(self, team_id: str, why: str) -> int:
        """Delete the workspace's installation and its digest subscriptions; returns how many went."""
        await self.installations.async_delete_all(enterprise_id=None, team_id=team_id)
        removed = await self.workspaces.forget(team_id) if self.workspaces is not None else 0
        log.info(
            "slack: %s workspace %s: its installation and %d digest subscription(s) removed",
            why,
            team_id,
            removed,
        )
        return removed

    # -- bolt's listeners and callbacks --

    async def _on_app_uninstalled(self, context: AsyncBoltContext) -> None:
        if context.team_id:
            await self.forget(context.team_id, "uninstalled from")

    async def _on_tokens_revoked(self, event: dict[str, Any], context: AsyncBoltContext) -> None:
        # Only the bot's token matters: labnotes asks for no user tokens.
        if ((event.get("tokens") or {}).get("bot") or []) and context.team_id:
            await self.forget(context.team_id, "bot token revoked in")

    async def _installed(self, args: AsyncSuccessArgs) -> BoltResponse:
        installation = args.installation
        log.info("slack: installed in workspace %s (%s)", installation.team_id, installation.team_name)
        return await args.default.success(args)

    async def _install_failed(self, args: AsyncFailureArgs) -> BoltResponse:
        log.warning("slack: an install failed: %s", args.reason)
        why = _FAILURES.get(args.reason, f"The install failed ({args.reason}).")
        page = (
            "<!DOCTYPE html><html><head><title>labnotes: install failed</title></head><body>"
            f"<h2>labnotes was not installed</h2><p>{html.escape(why)}</p>"
            f'<p><a href="{html.escape(self.config.install_path)}">Start the install again</a>.</p>'
            "</body></html>"
        )
        return BoltResponse(
            status=args.suggested_status_code,
            body=page,
            headers={"Content-Type": "text/html; charset=utf-8"},
        )


class WorkspacePublisher:
    """Digests in OAuth mode: each is posted with the token of its subscription's workspace."""

    platform: Platform = "slack"
    post_limit = SLACK_POST_LIMIT

    def __init__(self, oauth: SlackOAuth) -> None:
        self._oauth = oauth
        self._publishers: dict[str, tuple[AsyncWebClient, SlackPublisher]] = {}

    async def publish(self, channel_id: str, reply: Reply, *, idempotency_key: str) -> str:
        publisher = await self._publisher(channel_id)
        return await publisher.publish(channel_id, reply, idempotency_key=idempotency_key)

    async def already_posted(self, channel_id: str, idempotency_key: str) -> str | None:
        publisher = await self._publisher(channel_id)
        return await publisher.already_posted(channel_id, idempotency_key)

    async def _publisher(self, channel_id: str) -> SlackPublisher:
        workspaces = self._oauth.workspaces
        team_id = await workspaces.workspace_of(channel_id) if workspaces is not None else None
        if team_id is None:
            raise DeliveryError(f"no Slack workspace is known for channel {channel_id}", permanent=True)
        try:
            token = await self._oauth.bot_token(team_id)
        except SlackTokenRotationError as exc:
            raise DeliveryError(f"Slack refused to refresh the token of workspace {team_id}: {exc}") from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryError(f"Slack unreachable: {exc}") from exc
        if token is None:
            raise DeliveryError(f"labnotes is not installed in Slack workspace {team_id}", permanent=True)
        # One client per workspace (whatever the client keeps between calls stays per workspace); a
        # rotated token replaces the old one in place.
        if team_id not in self._publishers:
            client = build_client(token, self._oauth.api_base)
            self._publishers[team_id] = (client, SlackPublisher(client))
        client, publisher = self._publishers[team_id]
        client.token = token
        return publisher


def oauth_adapter_from_env(core: CommandCore, config: Config, environ: Mapping[str, str]) -> SlackAdapter:
    """The Slack adapter in OAuth mode, from SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET."""
    slack: SlackConfig = config.platforms["slack"]
    needed = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET")
    missing = [name for name in needed if not environ.get(name, "").strip()]
    if missing:
        raise AdapterStartError(f"Slack OAuth (slack.oauth.enabled) needs {' and '.join(missing)}")
    store = getattr(core, "store", None)
    return build_oauth_adapter(
        core,
        slack,
        client_id=environ["SLACK_CLIENT_ID"].strip(),
        client_secret=environ["SLACK_CLIENT_SECRET"].strip(),
        signing_secret=environ["SLACK_SIGNING_SECRET"].strip(),
        installations_path=slack.oauth.installations_path or config.db_path.parent / INSTALLATIONS_FILE,
        workspaces=StoreWorkspaces(store) if isinstance(store, Store) else None,
        api_base=environ.get("LABNOTES_SLACK_API") or None,
        stop_grace=config.stop_grace_seconds,
    )


def build_oauth_adapter(
    core: CommandCore,
    config: SlackConfig,
    *,
    client_id: str,
    client_secret: str,
    signing_secret: str,
    installations_path: Path,
    workspaces: Workspaces | None,
    api_base: str | None = None,
    web_app: web.Application | None = None,
    stop_grace: float = DEFAULT_STOP_GRACE,
) -> SlackAdapter:
    if config.mode == "socket":
        raise AdapterStartError(
            "Slack OAuth serves installs over HTTP: set slack.mode to http (or auto) with SLACK_SIGNING_SECRET"
        )
    oauth = SlackOAuth(
        config.oauth,
        client_id=client_id,
        client_secret=client_secret,
        installations_path=installations_path,
        workspaces=workspaces,
        api_base=api_base,
    )
    return SlackAdapter(
        core,
        config,
        "",
        signing_secret=signing_secret,
        api_base=api_base,
        web_app=web_app,
        stop_grace=stop_grace,
        oauth=oauth,
    )
