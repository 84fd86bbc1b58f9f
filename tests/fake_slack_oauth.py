"""Many workspaces on the fake Slack: `oauth.v2.access` (install codes and, with rotation, refresh
tokens), and a bot token bound to its workspace, refused once revoked or expired, as Slack does.

`FakeSlackOAuth(fake)` hooks into `FakeSlack`: a Web API call with one of its tokens is answered here,
for that token's workspace only (a channel of another workspace is `channel_not_found`); any other
token falls through to the fake's single-token check.
"""

from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import web

from tests.fake_slack import FakeSlack

TokenState = Literal["active", "expired", "revoked"]
LIFETIME = 12 * 3600  # Slack's rotating bot tokens last 12 hours


@dataclass
class Workspace:
    team_id: str
    name: str
    bot_user_id: str
    token: str = ""
    refresh_token: str | None = None


@dataclass
class Call:
    method: str
    team_id: str
    token: str
    args: dict[str, Any] = field(default_factory=dict)


class FakeSlackOAuth:
    def __init__(
        self,
        fake: FakeSlack,
        *,
        client_id: str = "1111.2222",
        client_secret: str = "fake-client-secret",
        rotation: bool = False,
        lifetime: int = LIFETIME,
    ) -> None:
        self.fake = fake
        self.client_id = client_id
        self.client_secret = client_secret
        self.rotation = rotation  # tokens expire after `lifetime` seconds and come with a refresh token
        self.lifetime = lifetime
        self.workspaces: dict[str, Workspace] = {}
        self.tokens: dict[str, tuple[str, TokenState]] = {}  # token → (team id, state)
        self.channel_team: dict[str, str] = {}
        self.codes: dict[str, str] = {}  # unused install code → team id
        self.calls: list[Call] = []  # Web API calls made with a workspace's token
        self.exchanges: list[dict[str, Any]] = []  # every oauth.v2.access, refused ones included
        self._ids = itertools.count(1)
        fake.oauth = self

    # -- what tests set up --

    def add_workspace(self, team_id: str, name: str) -> Workspace:
        workspace = Workspace(team_id, name, bot_user_id=f"U0BOT{team_id}")
        self.workspaces[team_id] = workspace
        return workspace

    def add_channel(self, team_id: str, channel_id: str) -> None:
        self.fake.add_channel(channel_id)
        self.channel_team[channel_id] = team_id

    def issue_code(self, team_id: str) -> str:
        """The code Slack hands the browser once an admin of `team_id` approves the install."""
        code = f"code-{team_id}-{next(self._ids)}"
        self.codes[code] = team_id
        return code

    def expire(self, team_id: str) -> None:
        """The workspace's current token expires: from now on it gets `token_expired`."""
        self.tokens[self.workspaces[team_id].token] = (team_id, "expired")

    def revoke(self, team_id: str) -> None:
        """The workspace uninstalled the app: its tokens get `token_revoked`."""
        for token, (team, _) in list(self.tokens.items()):
            if team == team_id:
                self.tokens[token] = (team, "revoked")

    def calls_by(self, team_id: str) -> list[str]:
        return [c.method for c in self.calls if c.team_id == team_id]

    def active(self, authorization: str) -> bool:
        """A file download's Authorization header: a live token of some workspace."""
        found = self.tokens.get(authorization.removeprefix("Bearer "))
        return found is not None and found[1] == "active"

    # -- the hook in FakeSlack._api --

    async def answer(self, method: str, request: web.Request, args: dict[str, Any]) -> web.Response | None:
        if method == "oauth.v2.access":
            return web.json_response(self._access(request, args))
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        found = self.tokens.get(token)
        if found is None:
            return None  # not one of ours: the single-token fake answers
        team_id, state = found
        self.calls.append(Call(method, team_id, token, args))
        if state != "active":
            return web.json_response({"ok": False, "error": f"token_{state}"})
        channel = str(args.get("channel") or args.get("channel_id") or "")
        if channel and self.channel_team.get(channel, team_id) != team_id:
            return web.json_response({"ok": False, "error": "channel_not_found"})
        workspace = self.workspaces[team_id]
        if method == "auth.test":
            return web.json_response(
                {
                    "ok": True,
                    "url": f"https://{workspace.name}.slack.com/",
                    "team": workspace.name,
                    "user": "labnotes",
                    "team_id": team_id,
                    "user_id": workspace.bot_user_id,
                    "bot_id": f"B0{team_id}",
                    "is_enterprise_install": False,
                }
            )
        handler = getattr(self.fake, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        result: dict[str, Any] = await handler(args)
        return web.json_response(result)

    def _access(self, request: web.Request, args: dict[str, Any]) -> dict[str, Any]:
        self.exchanges.append(dict(args))
        client_id, secret = _credentials(request, args)
        if client_id != self.client_id:
            return {"ok": False, "error": "invalid_client_id"}
        if secret != self.client_secret:
            return {"ok": False, "error": "bad_client_secret"}
        if args.get("grant_type") == "refresh_token":
            return self._refresh(str(args.get("refresh_token") or ""))
        team_id = self.codes.pop(str(args.get("code") or ""), None)  # a code works once
        if team_id is None:
            return {"ok": False, "error": "invalid_code"}
        workspace = self.workspaces[team_id]
        return self._grant(workspace)

    def _refresh(self, refresh_token: str) -> dict[str, Any]:
        workspace = next((w for w in self.workspaces.values() if w.refresh_token == refresh_token), None)
        if not self.rotation or workspace is None or not refresh_token:
            return {"ok": False, "error": "invalid_refresh_token"}
        self.tokens[workspace.token] = (workspace.team_id, "expired")  # the old one is done with
        return self._grant(workspace)

    def _grant(self, workspace: Workspace) -> dict[str, Any]:
        n = next(self._ids)
        workspace.token = f"xoxb-{workspace.team_id}-{n}"
        self.tokens[workspace.token] = (workspace.team_id, "active")
        answer: dict[str, Any] = {
            "ok": True,
            "app_id": "A0LABNOTES",
            "authed_user": {"id": f"U0INSTALLER{workspace.team_id}"},
            "scope": ",".join(sorted(self.fake.scopes)),
            "token_type": "bot",
            "access_token": workspace.token,
            "bot_user_id": workspace.bot_user_id,
            "team": {"id": workspace.team_id, "name": workspace.name},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        if self.rotation:
            workspace.refresh_token = f"xoxe-1-{workspace.team_id}-{n}"
            answer |= {"refresh_token": workspace.refresh_token, "expires_in": self.lifetime}
        return answer


def _credentials(request: web.Request, args: dict[str, Any]) -> tuple[str, str]:
    """The client id and secret: HTTP Basic auth (slack_sdk) or form fields, as Slack accepts both."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        client_id, _, secret = base64.b64decode(header.removeprefix("Basic ")).decode().partition(":")
        return client_id, secret
    return str(args.get("client_id") or ""), str(args.get("client_secret") or "")
