"""`labnotes slack-manifest`: generated from the command specs, ready for "create app from manifest"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adapters.cli import main
from adapters.platform import SlackOAuthConfig
from adapters.slack_app import slack_command_name
from adapters.slack_manifest import BOT_SCOPES, build_manifest, registered_specs
from tests.slack_fixtures import TinyCore


def _commands(manifest: dict[str, object]) -> dict[str, dict[str, object]]:
    features = manifest["features"]
    assert isinstance(features, dict)
    return {c["command"]: c for c in features["slash_commands"]}


def test_generated_manifest_lists_every_spec() -> None:
    specs = registered_specs()
    commands = _commands(build_manifest(specs))
    for spec in specs:
        entry = commands["/" + slack_command_name(spec.group or spec.name)]
        if spec.group:
            alternatives = str(entry["usage_hint"]).split(" | ")
            assert spec.name in [alt.split()[0] for alt in alternatives]
    assert len(commands) == len({s.group or s.name for s in specs})


def test_a_group_is_one_command_whose_hint_lists_its_subcommands() -> None:
    commands = _commands(build_manifest(TinyCore().specs))
    assert sorted(commands) == ["/digest", "/lab", "/labnotes-search", "/notes"]
    assert commands["/notes"]["usage_hint"] == "add FILE-LINK [replace:true]"
    assert commands["/notes"]["description"] == "Notes: add (moderators)"
    assert commands["/lab"] == {
        "command": "/lab",
        "description": "What the notes say about an AI lab",
        "usage_hint": "NAME",
        "should_escape": False,
    }


def test_socket_mode_manifest_has_no_request_urls() -> None:
    manifest = build_manifest(TinyCore().specs)
    assert manifest["settings"] == {
        "interactivity": {"is_enabled": True},
        "org_deploy_enabled": False,
        "socket_mode_enabled": True,
        "token_rotation_enabled": False,
    }
    assert all("url" not in c for c in _commands(manifest).values())


def test_http_mode_manifest_points_commands_and_shortcuts_at_the_request_url() -> None:
    url = "https://bot.example.org/slack/events"
    manifest = build_manifest(TinyCore().specs, request_url=url)
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["interactivity"] == {"is_enabled": True, "request_url": url}
    assert {c["url"] for c in _commands(manifest).values()} == {url}


def test_file_commands_get_the_add_to_labnotes_message_shortcut() -> None:
    (shortcut,) = build_manifest(TinyCore().specs)["features"]["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"]) == ("message", "labnotes_add_note")


def test_scopes_cover_commands_digests_files_and_admin_lookup() -> None:
    scopes = build_manifest(TinyCore().specs)["oauth_config"]["scopes"]["bot"]
    assert scopes == list(BOT_SCOPES)
    assert {"commands", "chat:write", "files:read", "users:read", "channels:history"} <= set(scopes)


def test_cli_prints_the_manifest_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", "--name", "podnotes"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == build_manifest(registered_specs(), name="podnotes")


def test_names_slack_reserves_get_a_prefixed_command() -> None:
    assert slack_command_name("search") == "labnotes-search"
    assert slack_command_name("lab") == "lab"


# -- OAuth (many workspaces) -----------------------------------------------------------------------


def test_an_oauth_manifest_has_the_redirect_url_and_the_uninstall_events() -> None:
    oauth = SlackOAuthConfig(enabled=True, public_url="https://bot.example/")
    manifest = build_manifest(TinyCore().specs, request_url="https://bot.example/slack/events", oauth=oauth)
    assert manifest["oauth_config"] == {
        "scopes": {"bot": list(BOT_SCOPES)},
        "redirect_urls": ["https://bot.example/slack/oauth_redirect"],
    }
    assert manifest["settings"]["event_subscriptions"] == {
        "request_url": "https://bot.example/slack/events",
        "bot_events": ["app_uninstalled", "tokens_revoked"],
    }
    assert manifest["settings"]["token_rotation_enabled"] is False


def test_an_oauth_manifest_turns_token_rotation_on_when_configured() -> None:
    oauth = SlackOAuthConfig(enabled=True, public_url="https://bot.example", token_rotation=True)
    manifest = build_manifest(TinyCore().specs, request_url="https://bot.example/slack/events", oauth=oauth)
    assert manifest["settings"]["token_rotation_enabled"] is True


def test_without_oauth_the_manifest_subscribes_no_events() -> None:
    manifest = build_manifest(TinyCore().specs, oauth=SlackOAuthConfig(enabled=False, public_url="https://x"))
    assert manifest == build_manifest(TinyCore().specs)
    assert "event_subscriptions" not in manifest["settings"]
    assert "redirect_urls" not in manifest["oauth_config"]


def test_slack_manifest_with_oauth_on_derives_the_urls_from_labnotes_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "labnotes.yaml"
    config.write_text(
        "slack:\n  oauth:\n    enabled: true\n    public_url: https://bot.example\n", encoding="utf-8"
    )
    monkeypatch.setenv("LABNOTES_CONFIG", str(config))
    monkeypatch.chdir(tmp_path)  # no .env here
    assert main(["slack-manifest"]) == 0
    manifest = json.loads(capsys.readouterr().out)
    assert manifest["oauth_config"]["redirect_urls"] == ["https://bot.example/slack/oauth_redirect"]
    assert manifest["settings"]["event_subscriptions"]["request_url"] == "https://bot.example/slack/events"
    assert manifest["settings"]["socket_mode_enabled"] is False


def test_slack_manifest_with_oauth_but_no_public_url_says_what_to_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "labnotes.yaml"
    config.write_text("slack:\n  oauth:\n    enabled: true\n", encoding="utf-8")
    monkeypatch.setenv("LABNOTES_CONFIG", str(config))
    monkeypatch.chdir(tmp_path)
    assert main(["slack-manifest"]) == 2
    assert capsys.readouterr().err == (
        "labnotes slack-manifest: Slack OAuth needs a public URL: set slack.oauth.public_url or pass --request-url\n"
    )
