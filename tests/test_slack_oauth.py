"""Slack in many workspaces (slack.oauth): installs through bolt's OAuth flow against the fake Slack,
each workspace answered and sent its digests with its own token, uninstalls forgetting a workspace,
rotating tokens refreshed, and failed installs shown as a clear page."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.sqlite3 import SQLite3InstallationStore
from slack_sdk.web.async_client import AsyncWebClient
from yarl import URL

from adapters.base import AdapterStartError
from adapters.platform import PLATFORMS, SlackConfig, SlackOAuthConfig
from adapters.slack_app import SlackAdapter
from adapters.slack_oauth import StoreWorkspaces, build_oauth_adapter, oauth_adapter_from_env
from bot.config import Config, ConfigError, load_config, secret_variables
from bot.delivery import DeliveryError
from bot.digest.schedule import DailySchedule
from bot.digest.subscriptions import all_subscriptions, subscribe
from bot.reply import Reply
from bot.store.db import Store
from tests.fake_slack import FakeSlack, form_body, signed_headers
from tests.fake_slack_oauth import FakeSlackOAuth
from tests.slack_fixtures import SIGNING_SECRET, TinyCore

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "fake-client-secret"
TEAM_A, TEAM_B = "T0AAA", "T0BBB"
CHANNEL_A, CHANNEL_B = "C0AGENERAL", "C0BGENERAL"


@dataclass
class World:
    fake: FakeSlack
    slack: FakeSlackOAuth
    adapter: SlackAdapter
    store: Store
    core: TinyCore
    installations: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.adapter.port}"

    def stored_bot_token(self, team_id: str) -> str | None:
        """What slack_sdk's SQLite store holds for the workspace, read from the file itself."""
        reader = SQLite3InstallationStore(database=str(self.installations), client_id=CLIENT_ID)
        installation = reader.find_installation(enterprise_id=None, team_id=team_id)
        return None if installation is None else installation.bot_token


@asynccontextmanager
async def world(tmp_path: Path, *, rotation: bool = False, lifetime: int = 12 * 3600) -> AsyncIterator[World]:
    store = await Store.open(tmp_path / "labnotes.db")
    async with FakeSlack() as fake:
        slack = FakeSlackOAuth(
            fake, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, rotation=rotation, lifetime=lifetime
        )
        for team, name, channel in ((TEAM_A, "alpha", CHANNEL_A), (TEAM_B, "beta", CHANNEL_B)):
            slack.add_workspace(team, name)
            slack.add_channel(team, channel)
            fake.add_user(f"U0ADMIN{team}", f"admin-{name}", admin=True, team_id=team)
            fake.add_user(f"U0USER{team}", f"user-{name}", team_id=team)
        config = SlackConfig(
            mode="http",
            host="127.0.0.1",
            port=0,
            oauth=SlackOAuthConfig(enabled=True, token_rotation=rotation),
        )
        core = TinyCore()
        installations = tmp_path / "slack-installations.db"
        adapter = build_oauth_adapter(
            core,
            config,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            signing_secret=SIGNING_SECRET,
            installations_path=installations,
            workspaces=StoreWorkspaces(store),
            api_base=fake.api_base,
        )
        await adapter.start()
        try:
            yield World(fake, slack, adapter, store, core, installations)
        finally:
            await adapter.stop()
            await store.close()


async def begin_install(w: World) -> tuple[str, str]:
    """GET /slack/install as a browser: (the state in the redirect to Slack, the state cookie)."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        resp = await session.get(w.base + "/slack/install", allow_redirects=False)
        assert resp.status == 302
        location = URL(resp.headers["Location"])
        cookie = resp.headers["Set-Cookie"].split(";")[0]
    assert location.host == "slack.com" and location.query["client_id"] == CLIENT_ID
    return location.query["state"], cookie


async def finish_install(w: World, state: str, cookie: str, code: str) -> tuple[int, str]:
    """Slack sends the browser back to the redirect path with the code: (status, page)."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        resp = await session.get(
            w.base + "/slack/oauth_redirect",
            params={"code": code, "state": state},
            headers={"Cookie": cookie},
            allow_redirects=False,
        )
        return resp.status, await resp.text()


async def install(w: World, team_id: str) -> str:
    """The whole flow for one workspace; returns the bot token it was given."""
    state, cookie = await begin_install(w)
    status, _ = await finish_install(w, state, cookie, w.slack.issue_code(team_id))
    assert status == 200
    return w.slack.workspaces[team_id].token


async def post_signed(w: World, body: str, content_type: str) -> int:
    headers = signed_headers(SIGNING_SECRET, body) | {"Content-Type": content_type}
    async with aiohttp.ClientSession() as session:
        resp = await session.post(w.base + w.adapter.config.path, data=body, headers=headers)
        await resp.read()
        return resp.status


async def command(
    w: World, team_id: str, text: str, *, user_id: str | None = None, cmd: str = "/lab"
) -> dict[str, Any]:
    """A slash command from `team_id` over HTTP; returns the answer posted to its response_url."""
    payload = w.fake.slash_payload(
        cmd, text, user_id=user_id or f"U0USER{team_id}", channel_id=f"C0{team_id[2]}GENERAL"
    )
    payload["team_id"] = team_id
    before = len(w.fake.responses)
    assert await post_signed(w, form_body(payload), "application/x-www-form-urlencoded") == 200
    responses = await w.fake.wait_responses(before + 1)
    return responses[before].body


async def event(w: World, team_id: str, event: dict[str, Any]) -> None:
    body = {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "api_app_id": "A0LABNOTES",
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev{team_id}{event['type']}",
        "event_time": 1_700_000_000,
    }
    assert await post_signed(w, json.dumps(body), "application/json") == 200


async def until(condition: Callable[[], Any]) -> None:
    """Wait (in loop turns) for what bolt does after acknowledging an event."""
    async with asyncio.timeout(10):  # a guard against a hang, never reached when it works
        while not await condition():  # noqa: ASYNC110 - bolt's listener task has no event to share
            await asyncio.sleep(0.01)


async def subscribed(w: World, team_id: str, channel_id: str) -> None:
    await subscribe(
        w.store,
        platform="slack",
        channel_id=channel_id,
        workspace_id=team_id,
        schedule=DailySchedule.parse("09:00", "UTC"),
        timezone="UTC",
        created_by="slack:U0ADMIN (admin)",
        now=datetime(2025, 1, 1, tzinfo=UTC),
    )


# -- installing ------------------------------------------------------------------------------------


async def test_an_install_stores_the_workspace_bot_token_in_sqlite(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters.slack_oauth")
    async with world(tmp_path) as w:
        token = await install(w, TEAM_A)
        assert w.stored_bot_token(TEAM_A) == token
        assert w.stored_bot_token(TEAM_B) is None
        assert [e["code"] for e in w.slack.exchanges] == [f"code-{TEAM_A}-1"]
    assert "slack: installed in workspace T0AAA (alpha)" in caplog.messages


async def test_the_install_link_asks_slack_for_the_manifest_scopes(tmp_path: Path) -> None:
    from adapters.slack_manifest import BOT_SCOPES

    async with world(tmp_path) as w, aiohttp.ClientSession() as session:
        resp = await session.get(w.base + "/slack/install", allow_redirects=False)
        assert URL(resp.headers["Location"]).query["scope"] == ",".join(BOT_SCOPES)


async def test_a_forged_state_gets_a_clear_page_and_installs_nothing(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        await begin_install(w)
        status, page = await finish_install(
            w, "forged", "slack-app-oauth-state=forged", w.slack.issue_code(TEAM_A)
        )
        assert status == 401
        assert "This install link has expired or was already used." in page
        assert "Traceback" not in page and 'href="/slack/install"' in page
        assert w.stored_bot_token(TEAM_A) is None


async def test_a_state_without_its_browser_cookie_gets_a_clear_page(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        state, _ = await begin_install(w)
        status, page = await finish_install(w, state, "other=1", w.slack.issue_code(TEAM_A))
        assert status == 400
        assert "This install was started in another browser, or its link expired." in page


async def test_a_used_state_cannot_install_again(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        state, cookie = await begin_install(w)
        assert (await finish_install(w, state, cookie, w.slack.issue_code(TEAM_A)))[0] == 200
        status, page = await finish_install(w, state, cookie, w.slack.issue_code(TEAM_B))
        assert status == 401 and "expired or was already used" in page
        assert w.stored_bot_token(TEAM_B) is None


async def test_a_reused_code_gets_a_clear_page(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        code = w.slack.issue_code(TEAM_A)
        state, cookie = await begin_install(w)
        assert (await finish_install(w, state, cookie, code))[0] == 200
        state, cookie = await begin_install(w)
        status, page = await finish_install(w, state, cookie, code)
        assert status == 401
        assert "Slack refused the install code: it expired or was already used." in page


# -- answering each workspace with its own token -----------------------------------------------------


async def test_a_command_is_answered_with_the_token_of_the_workspace_it_came_from(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        token_a = await install(w, TEAM_A)
        token_b = await install(w, TEAM_B)
        assert token_a != token_b
        w.slack.calls.clear()
        answer = await command(w, TEAM_A, "meta")
        assert answer["response_type"] == "in_channel" and "Claims about meta" in answer["text"]
        assert [(c.method, c.token) for c in w.slack.calls] == [("auth.test", token_a)]
        w.slack.calls.clear()
        answer = await command(w, TEAM_B, "openai")
        assert "Claims about openai" in answer["text"]
        assert [(c.method, c.token) for c in w.slack.calls] == [("auth.test", token_b)]


async def test_a_moderator_command_reads_users_and_files_with_its_workspace_token(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        await install(w, TEAM_A)
        token_b = await install(w, TEAM_B)
        file_id = w.fake.add_file("note.md", b"# a note")
        w.slack.calls.clear()
        answer = await command(w, TEAM_B, f"add {file_id}", user_id=f"U0ADMIN{TEAM_B}", cmd="/notes")
        assert answer["text"].startswith("Added note.md")
        assert w.core.added == [("note.md", b"# a note")]
        assert [(c.method, c.token) for c in w.slack.calls] == [
            ("auth.test", token_b),
            ("users.info", token_b),
            ("files.info", token_b),
        ]
        assert w.fake.downloads == [(file_id, True)]  # with a live workspace token


async def test_an_admin_of_one_workspace_is_not_a_moderator_in_another(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        await install(w, TEAM_A)
        await install(w, TEAM_B)
        file_id = w.fake.add_file("note.md", b"# a note")
        # An admin of A typing in B's workspace (a Slack Connect channel): B's users.info says team A.
        answer = await command(w, TEAM_B, f"add {file_id}", user_id=f"U0ADMIN{TEAM_A}", cmd="/notes")
        assert "moderators" in json.dumps(answer).lower()
        assert w.core.added == []
        answer = await command(w, TEAM_A, f"add {file_id}", user_id=f"U0ADMIN{TEAM_A}", cmd="/notes")
        assert answer["text"].startswith("Added note.md")


async def test_a_command_from_a_workspace_that_never_installed_is_not_answered_by_the_core(
    tmp_path: Path,
) -> None:
    async with world(tmp_path) as w:
        await install(w, TEAM_A)
        answer = await command(w, TEAM_B, "meta")
        assert "Claims about" not in json.dumps(answer)
        assert w.slack.calls_by(TEAM_B) == []


# -- digests ---------------------------------------------------------------------------------------


async def test_each_workspace_digest_is_posted_with_its_own_token(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        token_a = await install(w, TEAM_A)
        token_b = await install(w, TEAM_B)
        await subscribed(w, TEAM_A, CHANNEL_A)
        await subscribed(w, TEAM_B, CHANNEL_B)
        w.slack.calls.clear()
        await w.adapter.publisher.publish(CHANNEL_A, Reply("ok", "Digest A"), idempotency_key="dg1")
        await w.adapter.publisher.publish(CHANNEL_B, Reply("ok", "Digest B"), idempotency_key="dg2")
        posts = [(c.token, c.args["channel"]) for c in w.slack.calls if c.method == "chat.postMessage"]
        assert posts == [(token_a, CHANNEL_A), (token_b, CHANNEL_B)]
        assert [m["text"] for m in w.fake.channels[CHANNEL_A]] == ["Digest A"]
        assert (
            await w.adapter.publisher.already_posted(CHANNEL_B, "dg2") == w.fake.channels[CHANNEL_B][0]["ts"]
        )


async def test_a_digest_for_a_workspace_without_an_installation_is_given_up(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        await subscribed(w, TEAM_A, CHANNEL_A)
        with pytest.raises(DeliveryError, match="labnotes is not installed in Slack workspace T0AAA") as err:
            await w.adapter.publisher.publish(CHANNEL_A, Reply("ok", "Digest"), idempotency_key="dg1")
        assert err.value.permanent


# -- uninstalling ----------------------------------------------------------------------------------


async def test_app_uninstalled_forgets_that_workspace_and_only_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters.slack_oauth")
    async with world(tmp_path) as w:
        await install(w, TEAM_A)
        token_b = await install(w, TEAM_B)
        await subscribed(w, TEAM_A, CHANNEL_A)
        await subscribed(w, TEAM_B, CHANNEL_B)
        w.slack.revoke(TEAM_A)  # Slack revokes the tokens, then tells the app
        await event(w, TEAM_A, {"type": "app_uninstalled"})

        async def forgotten() -> bool:
            return w.stored_bot_token(TEAM_A) is None and len(await all_subscriptions(w.store)) == 1

        await until(forgotten)
        assert [s.channel_id for s in await all_subscriptions(w.store)] == [CHANNEL_B]
        assert w.stored_bot_token(TEAM_B) == token_b
        assert "Claims about meta" in (await command(w, TEAM_B, "meta"))["text"]
        await w.adapter.publisher.publish(CHANNEL_B, Reply("ok", "Digest B"), idempotency_key="dg2")
        assert len(w.fake.channels[CHANNEL_B]) == 1
    assert (
        "slack: uninstalled from workspace T0AAA: its installation and 1 digest subscription(s) removed"
        in (caplog.messages)
    )


async def test_a_revoked_bot_token_forgets_the_workspace(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters.slack_oauth")
    async with world(tmp_path) as w:
        await install(w, TEAM_A)
        await subscribed(w, TEAM_A, CHANNEL_A)
        await event(w, TEAM_A, {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [f"U0BOT{TEAM_A}"]}})

        async def forgotten() -> bool:
            return w.stored_bot_token(TEAM_A) is None and await all_subscriptions(w.store) == []

        await until(forgotten)  # fails after its 10 s guard if the workspace is kept
        assert (w.stored_bot_token(TEAM_A), await all_subscriptions(w.store)) == (None, [])
    assert (
        "slack: bot token revoked in workspace T0AAA: its installation and 1 digest subscription(s) removed"
        in caplog.messages
    )


async def test_revoked_user_tokens_alone_leave_the_workspace_installed(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        token = await install(w, TEAM_A)
        await install(w, TEAM_B)
        await subscribed(w, TEAM_A, CHANNEL_A)
        await event(w, TEAM_A, {"type": "tokens_revoked", "tokens": {"oauth": ["U0SOMEONE"], "bot": []}})
        # A marker: B's uninstall is handled after A's event (bolt runs listeners in arrival order).
        await event(w, TEAM_B, {"type": "app_uninstalled"})

        async def b_forgotten() -> bool:
            return w.stored_bot_token(TEAM_B) is None

        await until(b_forgotten)
        assert w.stored_bot_token(TEAM_A) == token
        assert [s.channel_id for s in await all_subscriptions(w.store)] == [CHANNEL_A]


# -- token rotation --------------------------------------------------------------------------------


async def test_an_expired_rotating_token_is_refreshed_before_the_command_is_answered(tmp_path: Path) -> None:
    # Tokens last a minute: inside bolt's two-hour margin, so the next request refreshes first.
    async with world(tmp_path, rotation=True, lifetime=60) as w:
        first = await install(w, TEAM_A)
        w.slack.expire(TEAM_A)  # the first token no longer works at all
        answer = await command(w, TEAM_A, "meta")
        assert "Claims about meta" in answer["text"]
        refreshed = w.slack.workspaces[TEAM_A].token
        assert refreshed != first and w.stored_bot_token(TEAM_A) == refreshed
        assert [e.get("grant_type") for e in w.slack.exchanges] == [None, "refresh_token"]


async def test_a_digest_refreshes_an_expiring_token_before_posting(tmp_path: Path) -> None:
    async with world(tmp_path, rotation=True, lifetime=60) as w:
        await install(w, TEAM_A)
        await subscribed(w, TEAM_A, CHANNEL_A)
        w.slack.expire(TEAM_A)
        await w.adapter.publisher.publish(CHANNEL_A, Reply("ok", "Digest"), idempotency_key="dg1")
        refreshed = w.slack.workspaces[TEAM_A].token
        [post] = [c for c in w.slack.calls if c.method == "chat.postMessage"]
        assert post.token == refreshed and w.stored_bot_token(TEAM_A) == refreshed


async def test_a_long_lived_rotating_token_is_used_as_it_is(tmp_path: Path) -> None:
    async with world(tmp_path, rotation=True) as w:  # 12 hours: far outside the margin
        token = await install(w, TEAM_A)
        await command(w, TEAM_A, "meta")
        assert [e.get("grant_type") for e in w.slack.exchanges] == [None]
        assert w.stored_bot_token(TEAM_A) == token


# -- configuration and start -----------------------------------------------------------------------


def _config(tmp_path: Path, **oauth: Any) -> Config:
    config = Config(db_path=tmp_path / "labnotes.db")
    config.platforms["slack"] = SlackConfig(oauth=SlackOAuthConfig(enabled=True, **oauth))
    return config


def test_oauth_without_the_client_secret_fails_with_a_clear_message(tmp_path: Path) -> None:
    environ = {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_SIGNING_SECRET": SIGNING_SECRET}
    with pytest.raises(
        AdapterStartError, match=r"^Slack OAuth \(slack.oauth.enabled\) needs SLACK_CLIENT_SECRET$"
    ):
        oauth_adapter_from_env(TinyCore(), _config(tmp_path), environ)


def test_oauth_in_socket_mode_fails_with_a_clear_message(tmp_path: Path) -> None:
    config = _config(tmp_path)
    config.platforms["slack"].mode = "socket"
    environ = {
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_SIGNING_SECRET": "s",
    }
    with pytest.raises(AdapterStartError, match="Slack OAuth serves installs over HTTP"):
        oauth_adapter_from_env(TinyCore(), config, environ)


def test_the_installations_live_beside_the_store_by_default(tmp_path: Path) -> None:
    environ = {
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_SIGNING_SECRET": "s",
    }
    adapter = PLATFORMS["slack"].factory(TinyCore(), _config(tmp_path), environ)  # type: ignore[misc]
    assert isinstance(adapter, SlackAdapter) and adapter.mode == "http"
    oauth = adapter._oauth
    assert oauth is not None and oauth.installations.database == str(tmp_path / "slack-installations.db")


def test_the_client_id_alone_enables_slack(tmp_path: Path) -> None:
    assert PLATFORMS["slack"].enabled({"SLACK_CLIENT_ID": CLIENT_ID})


def test_the_client_secret_is_masked_in_logs() -> None:
    assert "SLACK_CLIENT_SECRET" in secret_variables()


def test_labnotes_yaml_reads_the_oauth_section(tmp_path: Path) -> None:
    path = tmp_path / "labnotes.yaml"
    path.write_text(
        "slack:\n  oauth:\n    enabled: true\n    public_url: https://bot.example\n"
        "    installations_path: installs.db\n    token_rotation: true\n",
        encoding="utf-8",
    )
    oauth = load_config(path, environ={}).platforms["slack"].oauth
    assert oauth == SlackOAuthConfig(
        enabled=True,
        public_url="https://bot.example",
        installations_path=tmp_path / "installs.db",
        token_rotation=True,
    )
    assert oauth.redirect_url == "https://bot.example/slack/oauth_redirect"


def test_a_client_secret_pasted_in_labnotes_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "labnotes.yaml"
    path.write_text("slack:\n  oauth:\n    client_secret: abc\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"set SLACK_CLIENT_SECRET in \.env instead"):
        load_config(path, environ={})


# -- the fake, as strict as Slack ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("client_id", "secret", "error"),
    [("9999.9999", CLIENT_SECRET, "invalid_client_id"), (CLIENT_ID, "wrong", "bad_client_secret")],
)
async def test_the_fake_refuses_wrong_client_credentials(client_id: str, secret: str, error: str) -> None:
    async with FakeSlack() as fake:
        slack = FakeSlackOAuth(fake, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
        slack.add_workspace(TEAM_A, "alpha")
        client = AsyncWebClient(base_url=fake.api_base)
        with pytest.raises(SlackApiError) as refused:
            await client.oauth_v2_access(
                client_id=client_id, client_secret=secret, code=slack.issue_code(TEAM_A)
            )
    assert refused.value.response["error"] == error


async def test_the_fake_binds_each_token_to_its_workspace() -> None:
    async with FakeSlack() as fake:
        slack = FakeSlackOAuth(fake, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
        slack.add_workspace(TEAM_A, "alpha")
        slack.add_workspace(TEAM_B, "beta")
        slack.add_channel(TEAM_B, CHANNEL_B)
        client = AsyncWebClient(base_url=fake.api_base)
        grant = await client.oauth_v2_access(
            client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=slack.issue_code(TEAM_A)
        )
        token = str(grant["access_token"])
        assert (await client.auth_test(token=token))["team_id"] == TEAM_A
        with pytest.raises(SlackApiError) as other:
            await AsyncWebClient(token=token, base_url=fake.api_base).chat_postMessage(
                channel=CHANNEL_B, text="x"
            )
        assert other.value.response["error"] == "channel_not_found"
        slack.revoke(TEAM_A)
        with pytest.raises(SlackApiError) as revoked:
            await client.auth_test(token=token)
        assert revoked.value.response["error"] == "token_revoked"


def test_client_credentials_with_oauth_off_fail_instead_of_bolt_dropping_the_bot_token(
    tmp_path: Path,
) -> None:
    config = Config(db_path=tmp_path / "labnotes.db")
    environ = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_CLIENT_ID": CLIENT_ID}
    environ["SLACK_CLIENT_SECRET"] = CLIENT_SECRET
    with pytest.raises(
        AdapterStartError, match=r"SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set but slack\.oauth"
    ):
        PLATFORMS["slack"].factory(TinyCore(), config, environ)  # type: ignore[misc]
