"""`labnotes slack-manifest`: the Slack app manifest generated from the command specs.

Paste the output into api.slack.com/apps → "Create New App" → "From an app manifest". Socket Mode by
default (no public URL needed); `--request-url https://host/slack/events` for HTTP mode.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from adapters.exits import SETUP_ERROR_EXIT
from adapters.platform import PLATFORMS, SlackConfig, SlackOAuthConfig
from adapters.slack_app import SHORTCUT_CALLBACK_ID, attachment_spec, top_level_commands
from bot.commands.arguments import param_words
from bot.commands.spec import CommandSpec, Permission
from bot.config import ConfigError, load_config
from bot.text import clip

# Every scope the adapter uses, and why: keep this list honest, Slack shows it to whoever installs the app.
BOT_SCOPES = (
    "commands",  # slash commands and the message shortcut
    "chat:write",  # digests
    "chat:write.public",  # digests in public channels the bot has not joined
    "channels:join",  # join a public channel before reading its history
    "channels:history",  # find an already-posted digest (idempotency) in public channels
    "groups:history",  # … and in private channels the bot was invited to
    "files:read",  # /notes add with a Slack file
    "files:write",  # charts (/openness) uploaded beside the answer
    "users:read",  # workspace admins and owners are moderators
)
# Slack tells the app when a workspace uninstalls it, or revokes its token (adapters.slack_oauth).
UNINSTALL_EVENTS = ("app_uninstalled", "tokens_revoked")
SLACK = PLATFORMS["slack"]  # its naming rules: a command Slack keeps for itself gets a prefix
MAX_DESCRIPTION = 140  # Slack's manifest limit for display_information.description
MAX_COMMAND_DESCRIPTION = 100  # longer ones are accepted but cut off in the command picker
MAX_USAGE_HINT = 1000


def _param_hint(spec: CommandSpec) -> str:
    # On Slack a note is given as a link to (or the id of) a file shared in Slack.
    return " ".join(param_words(spec, file="FILE-LINK", booleans="true"))


def command_entry(name: str, specs: Sequence[CommandSpec], request_url: str | None) -> dict[str, Any]:
    """One slash command: a plain command, or a group whose subcommands are the first word of its text."""
    if len(specs) == 1 and specs[0].group is None:
        spec = specs[0]
        description = spec.description
        hint = _param_hint(spec)
    else:
        subs = [s.name for s in specs]
        description = f"{name.capitalize()}: {', '.join(subs)}"
        moderated = [s.name for s in specs if s.permission == Permission.MODERATOR]
        if moderated and len(moderated) < len(specs):
            description += f" ({', '.join(moderated)}: moderators)"
        elif moderated:
            description += " (moderators)"
        hint = " | ".join(f"{s.name} {_param_hint(s)}".strip() for s in specs)
    entry: dict[str, Any] = {
        "command": f"/{SLACK.command_name(name)}",
        "description": clip(description, MAX_COMMAND_DESCRIPTION),
        "usage_hint": clip(hint, MAX_USAGE_HINT),
        # Unescaped text: the core parses names and file links; Slack would turn @names into <@U…>.
        "should_escape": False,
    }
    if entry["usage_hint"] == "":
        del entry["usage_hint"]
    if request_url:
        entry["url"] = request_url
    return entry


def build_manifest(
    specs: Sequence[CommandSpec],
    *,
    name: str = "labnotes",
    request_url: str | None = None,
    description: str = "What AI podcast episodes say about AI labs and their models, cited to the second.",
    oauth: SlackOAuthConfig | None = None,
) -> dict[str, Any]:
    """The app manifest: Socket Mode unless `request_url` (HTTP mode) is given; with `oauth` enabled,
    its redirect URL and the uninstall events that make labnotes forget a workspace."""
    commands = [command_entry(cmd, group, request_url) for cmd, group in top_level_commands(specs).items()]
    features: dict[str, Any] = {
        "bot_user": {"display_name": name, "always_online": True},
        "slash_commands": commands,
    }
    if attachment_spec(specs) is not None:
        features["shortcuts"] = [
            {
                "name": "Add to labnotes",
                "type": "message",
                "callback_id": SHORTCUT_CALLBACK_ID,
                "description": "Add the note attached to this message (moderators)",
            }
        ]
    interactivity: dict[str, Any] = {"is_enabled": True}
    if request_url:
        interactivity["request_url"] = request_url
    oauth_config: dict[str, Any] = {"scopes": {"bot": list(BOT_SCOPES)}}
    settings: dict[str, Any] = {
        "interactivity": interactivity,
        "org_deploy_enabled": False,
        "socket_mode_enabled": request_url is None,
        "token_rotation_enabled": False,
    }
    if oauth is not None and oauth.enabled:
        oauth_config["scopes"]["bot"] = list(oauth.scopes or BOT_SCOPES)  # what the install asks for
        if oauth.redirect_url:
            oauth_config["redirect_urls"] = [oauth.redirect_url]
        events: dict[str, Any] = {"bot_events": list(UNINSTALL_EVENTS)}
        if request_url:
            events["request_url"] = request_url
        settings["event_subscriptions"] = events
        settings["token_rotation_enabled"] = oauth.token_rotation
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {"name": name, "description": clip(description, MAX_DESCRIPTION)},
        "features": features,
        "oauth_config": oauth_config,
        "settings": settings,
    }


def registered_specs() -> list[CommandSpec]:
    """Every command the core declares, without opening a store."""
    from bot.commands.registry import load_commands

    return list(load_commands().specs)


def run_manifest(ns: argparse.Namespace) -> int:
    try:  # labnotes.yaml ($LABNOTES_CONFIG) says whether OAuth is on
        slack: SlackConfig = load_config().platforms["slack"]
    except ConfigError as exc:
        print(f"labnotes slack-manifest: {exc}", file=sys.stderr)
        return SETUP_ERROR_EXIT
    request_url = getattr(ns, "request_url", None)
    if slack.oauth.enabled and not request_url:
        if not slack.oauth.public_url:
            print(
                "labnotes slack-manifest: Slack OAuth needs a public URL: set slack.oauth.public_url "
                "or pass --request-url",
                file=sys.stderr,
            )
            return SETUP_ERROR_EXIT
        request_url = slack.oauth.public_url.rstrip("/") + slack.path  # events arrive over HTTP
    manifest = build_manifest(
        registered_specs(),
        name=getattr(ns, "name", None) or "labnotes",
        request_url=request_url,
        oauth=slack.oauth,
    )
    json.dump(manifest, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
