"""Settings from `labnotes.yaml` (all optional) plus environment overrides; secrets come only from env.

Defaults work with no config at all: notes in data/notes, store in data/labnotes.db. The YAML is
checked against the dataclasses below before anything starts, and every mistake is reported with the
key and the line it is on, because an admin editing a file over SSH should not have to guess.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import os
import types
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from dotenv import dotenv_values

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


@dataclass(slots=True)
class DiscordConfig:
    guild_ids: list[int] = field(default_factory=list)  # sync here (instant) and trust moderators here
    moderator_role_ids: list[int] = field(default_factory=list)
    sync_commands: bool = True


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


@dataclass(slots=True)
class DigestConfig:
    default_time: str = "09:00"
    default_timezone: str = "UTC"
    quiet: Literal["skip", "post"] = "post"
    max_notes: int = 10


@dataclass(slots=True)
class Config:
    notes_dir: Path = DATA_DIR / "notes"
    db_path: Path = DATA_DIR / "labnotes.db"
    catalog_path: Path = DATA_DIR / "catalog.yaml"
    trash_dir: Path | None = None  # default: <notes_dir>/../trash
    max_note_bytes: int = 1_000_000
    log_format: Literal["plain", "json"] = "plain"
    health_host: str = "127.0.0.1"
    health_port: int | None = None
    keep_running_on_adapter_failure: bool = True
    discord: DiscordConfig = field(default_factory=DiscordConfig)
    slack: SlackConfig = field(default_factory=SlackConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)

    @property
    def trash(self) -> Path:
        return self.trash_dir if self.trash_dir is not None else self.notes_dir.parent / "trash"


class ConfigError(Exception):
    """The configuration can't be used; the message names the file, line and key (or the variable)."""


# Keys people reach for when pasting a token into the YAML: refused with a pointer to the variable.
SECRET_KEYS = {
    "token": "DISCORD_TOKEN or SLACK_BOT_TOKEN",
    "discord_token": "DISCORD_TOKEN",
    "bot_token": "DISCORD_TOKEN or SLACK_BOT_TOKEN",
    "slack_bot_token": "SLACK_BOT_TOKEN",
    "app_token": "SLACK_APP_TOKEN",
    "slack_app_token": "SLACK_APP_TOKEN",
    "signing_secret": "SLACK_SIGNING_SECRET",
    "slack_signing_secret": "SLACK_SIGNING_SECRET",
}
# Environment variables that hold secrets (the logging redaction filter reads this list too).
SECRET_VARIABLES = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")

_PORT_FIELDS = {"health_port", "port"}
_POSITIVE_FIELDS = {"max_note_bytes", "max_notes"}


def load_config(
    path: Path | None = None,
    *,
    environ: MutableMapping[str, str] | None = None,
    env_file: Path | None = None,
) -> Config:
    """Defaults, then `labnotes.yaml` (`path`, else $LABNOTES_CONFIG, else none), then the environment.

    `.env` (default: ./.env) is read first and fills only variables the environment does not set, so
    `docker compose` and a shell export always win over the file.
    """
    env = os.environ if environ is None else environ
    load_env_file(env_file if env_file is not None else Path.cwd() / ".env", env)
    if path is None and env.get("LABNOTES_CONFIG"):
        path = Path(env["LABNOTES_CONFIG"])
    config = Config()
    if path is not None:
        _apply_yaml(config, path)
    apply_env(config, env)
    return config


def config_from_args(ns: argparse.Namespace) -> Config:
    """The config a CLI handler should use: `--config` / $LABNOTES_CONFIG, the environment, then `--db`."""
    config = load_config(getattr(ns, "config", None))
    if db := getattr(ns, "db", None):
        config.db_path = Path(db)
    return config


def load_env_file(path: Path, environ: MutableMapping[str, str]) -> None:
    if not path.is_file():
        return
    for key, value in dotenv_values(path).items():
        if value is not None and key not in environ:
            environ[key] = value


def apply_env(config: Config, environ: Mapping[str, str] | None = None) -> None:
    env = os.environ if environ is None else environ
    if notes := env.get("LABNOTES_NOTES"):
        config.notes_dir = Path(notes)
    if db := env.get("LABNOTES_DB"):
        config.db_path = Path(db)
    if catalog := env.get("LABNOTES_CATALOG"):
        config.catalog_path = Path(catalog)
    if log_format := env.get("LABNOTES_LOG_FORMAT"):
        if log_format not in ("plain", "json"):
            raise ConfigError(f"LABNOTES_LOG_FORMAT must be plain or json, got '{log_format}'")
        config.log_format = "json" if log_format == "json" else "plain"
    if host := env.get("LABNOTES_HEALTH_HOST"):
        config.health_host = host
    if port := env.get("LABNOTES_HEALTH_PORT"):
        if not port.isdigit() or int(port) > 65535:
            raise ConfigError(f"LABNOTES_HEALTH_PORT must be a port number 0–65535, got '{port}'")
        config.health_port = int(port)


# -- labnotes.yaml ---------------------------------------------------------------------------------


def _apply_yaml(config: Config, path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else 1
        raise ConfigError(f"{path}:{line}: not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if root is None:
        return  # an empty file means "all defaults"
    _Reader(path).fill(config, root, "")


class _Reader:
    """Walks the composed node tree (which keeps line numbers) and sets dataclass fields from it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.base = path.resolve().parent  # relative paths in the file are relative to the file
        self.constructor = yaml.constructor.SafeConstructor()

    def error(self, node: yaml.Node, message: str) -> ConfigError:
        return ConfigError(f"{self.path}:{node.start_mark.line + 1}: {message}")

    def fill(self, target: Any, node: yaml.Node, prefix: str) -> None:
        section = prefix.rstrip(".") or "the top level"
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, f"{section} must be a mapping of settings, got {_describe(node)}")
        hints = get_type_hints(type(target))
        names = [f.name for f in dataclasses.fields(target)]
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            dotted = prefix + key
            if key in seen:
                raise self.error(key_node, f"duplicate key '{dotted}' (first set on line {seen[key]})")
            seen[key] = key_node.start_mark.line + 1
            if key.lower() in SECRET_KEYS:
                raise self.error(
                    key_node,
                    f"'{dotted}' looks like a secret; secrets are read only from the environment: "
                    f"set {_secret_variable(key, prefix)} in .env instead",
                )
            if key not in names:
                close = difflib.get_close_matches(key, names, n=1)
                hint = f"; did you mean '{prefix}{close[0]}'?" if close else f" (known: {', '.join(names)})"
                raise self.error(key_node, f"unknown key '{dotted}'{hint}")
            hint = hints[key]
            if dataclasses.is_dataclass(hint):
                self.fill(getattr(target, key), value_node, dotted + ".")
            else:
                setattr(target, key, self.value(hint, value_node, dotted, key))

    def value(self, hint: Any, node: yaml.Node, dotted: str, key: str) -> Any:
        optional = _is_optional(hint)
        if optional:
            hint = next(a for a in get_args(hint) if a is not type(None))
            if _is_null(node):
                return None
        if get_origin(hint) is list:
            return self.list_of(get_args(hint)[0], node, dotted)
        if get_origin(hint) is Literal:
            choices = [str(c) for c in get_args(hint)]
            text = self.scalar_text(node, dotted, "one of " + ", ".join(choices))
            if text not in choices:
                raise self.error(node, f"{dotted} must be one of {', '.join(choices)}, got '{text}'")
            return text
        if hint is bool:
            value = self.scalar(node)
            if not isinstance(value, bool):
                raise self.error(node, f"{dotted} must be true or false, got {_describe(node)}")
            return value
        if hint is int:
            return self.integer(node, dotted, key, optional)
        if hint is Path:
            text = self.scalar_text(node, dotted, "a path")
            candidate = Path(text).expanduser()
            return candidate if candidate.is_absolute() else self.base / candidate
        if hint is str:
            return self.string(node, dotted, key)
        raise self.error(node, f"{dotted} has a type this reader does not know ({hint})")

    def integer(self, node: yaml.Node, dotted: str, key: str, optional: bool) -> int:
        value = self.scalar(node)
        if not isinstance(value, int) or isinstance(value, bool):
            or_null = " (or null)" if optional else ""
            raise self.error(node, f"{dotted} must be an integer{or_null}, got {_describe(node)}")
        if key in _PORT_FIELDS and not 0 <= value <= 65535:
            raise self.error(node, f"{dotted} must be a port number 0–65535, got {value}")
        if key in _POSITIVE_FIELDS and value < 1:
            raise self.error(node, f"{dotted} must be at least 1, got {value}")
        return value

    def string(self, node: yaml.Node, dotted: str, key: str) -> str:
        text = self.scalar_text(node, dotted, "a string")
        if key == "default_time":
            _check_time(text, lambda msg: self.error(node, f"{dotted}: {msg}"))
        elif key == "default_timezone":
            _check_timezone(text, lambda msg: self.error(node, f"{dotted}: {msg}"))
        return text

    def list_of(self, item: Any, node: yaml.Node, dotted: str) -> list[Any]:
        noun = "integers" if item is int else "strings"
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, f"{dotted} must be a list of {noun}, got {_describe(node)}")
        out: list[Any] = []
        for child in node.value:
            if item is int:
                value = self.scalar(child)
                # Discord ids are often pasted quoted; a string of digits is the same snowflake.
                if isinstance(value, str) and value.strip().isdigit():
                    value = int(value)
                if not isinstance(value, int) or isinstance(value, bool):
                    raise self.error(child, f"{dotted} must be a list of integers, got {_describe(child)}")
                out.append(value)
            else:
                out.append(self.scalar_text(child, dotted, "a list of strings"))
        return out

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return node  # callers reject non-scalars with _describe(node)
        return self.constructor.construct_object(node, deep=True)

    def scalar_text(self, node: yaml.Node, dotted: str, expected: str) -> str:
        # The raw text, not the YAML 1.1 reading: `18:30` would otherwise be the integer 1110.
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            raise self.error(node, f"{dotted} must be {expected}, got {_describe(node)}")
        return str(node.value)


def _secret_variable(key: str, prefix: str) -> str:
    variable = SECRET_KEYS[key.lower()]
    if " or " in variable and prefix in ("discord.", "slack."):
        return "DISCORD_TOKEN" if prefix == "discord." else "SLACK_BOT_TOKEN"
    return variable


def _check_time(text: str, error: Any) -> None:
    hour, _, minute = text.partition(":")
    if not (hour.isdigit() and minute.isdigit() and len(minute) == 2 and int(hour) < 24 and int(minute) < 60):
        raise error(f"'{text}' is not a time of day; use 24-hour HH:MM, e.g. 09:00 or 18:30")


def _check_timezone(name: str, error: Any) -> None:
    # ZoneInfo also accepts relative file paths; only plain IANA names are time zones here.
    if not name or name.startswith(("/", ".")) or ".." in name:
        raise error(f"'{name}' is not a time zone; use an IANA name like Europe/Berlin or UTC")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise error(f"unknown time zone '{name}'; use an IANA name like Europe/Berlin or UTC") from None


def _is_optional(hint: Any) -> bool:
    return get_origin(hint) in (Union, types.UnionType) and type(None) in get_args(hint)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if _is_null(node):
        return "nothing (null)"
    return f"'{node.value}'"
