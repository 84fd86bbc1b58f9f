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
import re
import types
import unicodedata
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from dotenv import dotenv_values

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


@dataclass(frozen=True, slots=True)
class PlatformSection:
    """What the core knows of a chat platform: only enough to read its settings and keep its secrets
    out of the file and the logs. Each platform's descriptor (adapters/platform.py) registers one; the
    core names no platform itself, so adding one needs no edit here."""

    name: str  # its labnotes.yaml section, and the name in logs and /healthz
    settings: type  # a dataclass: its section is read with the same checks and messages as any other
    secret_keys: Mapping[str, str] = field(default_factory=dict)  # key a secret gets pasted as → variable
    secret_variables: tuple[str, ...] = ()  # environment variables masked in every log line
    loggers: tuple[str, ...] = ()  # its library's chatty loggers, kept at WARNING


_PLATFORM_SECTIONS: dict[str, PlatformSection] = {}


def register_platform(section: PlatformSection) -> None:
    """Make `section` a known part of labnotes.yaml (registering a name again replaces it)."""
    if not dataclasses.is_dataclass(section.settings) or section.name in _GENERIC_KEYS:
        raise ValueError(f"cannot register platform settings {section.name!r}")
    _PLATFORM_SECTIONS[section.name] = section


def platform_sections() -> tuple[PlatformSection, ...]:
    return tuple(_PLATFORM_SECTIONS.values())


def secret_variables() -> tuple[str, ...]:
    """Environment variables that hold secrets (the logging redaction filter masks their values)."""
    return tuple(dict.fromkeys(v for s in _PLATFORM_SECTIONS.values() for v in s.secret_variables))


def _default_platforms() -> dict[str, Any]:
    return {name: section.settings() for name, section in _PLATFORM_SECTIONS.items()}


@dataclass(slots=True)
class DigestConfig:
    default_time: str = "09:00"
    default_timezone: str = "UTC"
    quiet: Literal["skip", "post"] = "post"
    max_notes: int = 10  # episodes a digest lists (labs and models first) before "…and N more"
    bulk_episodes: int = 25  # a period with more new episodes than this gets a summary instead
    spread_seconds: int = 60  # many due posts go out evenly over this long, not in one burst (0: no spread)


@dataclass(slots=True)
class Config:
    notes_dir: Path = DATA_DIR / "notes"
    db_path: Path = DATA_DIR / "labnotes.db"
    # Digest subscriptions and deliveries and the audit log, in one SQLite file every process on the host
    # shares (several shard processes); None: they stay in the store (bot.store.db.Store.attach_state).
    state_path: Path | None = None
    catalog_path: Path = DATA_DIR / "catalog.yaml"
    trash_dir: Path | None = None  # default: <notes_dir>/../trash
    max_note_bytes: int = 1_000_000
    # How often to look for notes another process over the same folder added or removed
    # (bot.moderation.follow); 0: never.
    notes_poll_seconds: int = 2
    log_format: Literal["plain", "json"] = "plain"
    health_host: str = "127.0.0.1"
    health_port: int | None = None
    keep_running_on_adapter_failure: bool = True
    stop_grace_seconds: int = 10  # on stop, commands in flight get this long to be answered
    digest: DigestConfig = field(default_factory=DigestConfig)
    # Each registered platform's section (`platforms["slack"].port`), read like the sections above.
    platforms: dict[str, Any] = field(default_factory=_default_platforms)

    @property
    def trash(self) -> Path:
        return self.trash_dir if self.trash_dir is not None else self.notes_dir.parent / "trash"


class ConfigError(Exception):
    """The configuration can't be used; the message names the file, line and key (or the variable)."""


_GENERIC_KEYS = frozenset(f.name for f in dataclasses.fields(Config))
_PORT_FIELDS = {"health_port", "port"}
_NON_NEGATIVE_FIELDS = {"notes_poll_seconds"}
_POSITIVE_FIELDS = {"max_note_bytes", "max_notes", "bulk_episodes", "stop_grace_seconds"}

# The whole example file is ~2 KB with 25 values: 1 MB leaves room for long comments, and with the
# value cap bounds what PyYAML spends on a file that is not really a config (~0.1 s at worst).
MAX_CONFIG_BYTES = 1_000_000
# Thousands of moderator or guild ids would still fit; 500k short ones (1 MB) take seconds to build.
MAX_CONFIG_VALUES = 10_000
# No setting is nested more than 3 deep (section → list → value); PyYAML's composer recurses per level,
# so deep nesting must be refused while the file is still a stream of events.
MAX_CONFIG_DEPTH = 10
# Every integer setting fits SQLite's INTEGER and a Discord snowflake: 64 bits, signed.
_MAX_INT = 2**63 - 1
# Significant characters an integer may have before it is converted: Python refuses decimal strings of
# over 4,300 digits, and a YAML 1.1 base-60 number (`1:30:00`) costs quadratic time in its length.
_MAX_INT_CHARS = 64
_ECHO_CHARS = 60  # how much of a bad value a message repeats
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_DIGITS = re.compile(r"[0-9]+")
# libyaml when PyYAML was built with it (its wheels are): parses ~20x faster than the pure-Python one.
_LOADER: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


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
    """The config a CLI handler should use: `--config` / $LABNOTES_CONFIG, the environment, then `--db`;
    loaded once per command line (the CLI vets it before the handler runs, and keeps it on `ns`)."""
    loaded = getattr(ns, "loaded_config", None)
    if isinstance(loaded, Config):
        return loaded
    config = load_config(getattr(ns, "config", None))
    if db := getattr(ns, "db", None):
        config.db_path = Path(db)
    ns.loaded_config = config
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
    if state := env.get("LABNOTES_STATE"):
        config.state_path = Path(state)
    if catalog := env.get("LABNOTES_CATALOG"):
        config.catalog_path = Path(catalog)
    if log_format := env.get("LABNOTES_LOG_FORMAT"):
        if log_format not in ("plain", "json"):
            raise ConfigError(f"LABNOTES_LOG_FORMAT must be plain or json, got '{log_format}'")
        config.log_format = "json" if log_format == "json" else "plain"
    if host := env.get("LABNOTES_HEALTH_HOST"):
        config.health_host = host
    if port := env.get("LABNOTES_HEALTH_PORT"):
        # ASCII digits only: str.isdigit() also accepts '²', which int() refuses.
        if not re.fullmatch(r"[0-9]{1,5}", port) or int(port) > 65535:
            raise ConfigError(f"LABNOTES_HEALTH_PORT must be a port number 0–65535, got {_quote(port)}")
        config.health_port = int(port)


# -- labnotes.yaml ---------------------------------------------------------------------------------


def _apply_yaml(config: Config, path: Path) -> None:
    root = _compose(path, _read_text(path))
    if root is None:
        return  # an empty file means "all defaults"
    _Reader(path).fill(config, root, "")


def _read_text(path: Path) -> str:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_CONFIG_BYTES + 1)  # bounded: the path may be /dev/zero or a pipe
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: too large for a config file (more than {MAX_CONFIG_BYTES:,} bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x})") from None


def _compose(path: Path, text: str) -> yaml.Node | None:
    """The node tree of `text` (it keeps line numbers), after checks that keep PyYAML within bounds."""
    if bad := yaml.reader.Reader.NON_PRINTABLE.search(text):
        # PyYAML's own message gives a character offset; an editor wants the line.
        line = text.count("\n", 0, bad.start()) + 1
        raise ConfigError(f"{path}:{line}: not valid YAML: character #x{ord(bad.group()):04x} is not allowed")
    try:
        _check_shape(path, text)
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else 1
        if exc.problem == "exceeded maximum nesting depth":  # libyaml's own limit (1,000) reads ahead of ours
            raise ConfigError(_too_deep(path, line)) from None
        raise ConfigError(f"{path}:{line}: not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None


def _check_shape(path: Path, text: str) -> None:
    """Refuse nesting and sheer numbers of values no config has, before a node tree is built."""
    depth = values = 0
    for event in yaml.parse(text, Loader=_LOADER):  # the parser keeps a stack; it does not recurse
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_CONFIG_DEPTH:
                raise ConfigError(_too_deep(path, line))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            values += 1
            if values > MAX_CONFIG_VALUES:
                raise ConfigError(
                    f"{path}:{line}: more than {MAX_CONFIG_VALUES:,} values; labnotes.yaml needs a few dozen"
                )


def _too_deep(path: Path, line: int) -> str:
    return f"{path}:{line}: nested more than {MAX_CONFIG_DEPTH} levels deep; no setting needs more than 3"


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
        hints: dict[str, Any] = get_type_hints(type(target))
        names = [f.name for f in dataclasses.fields(target)]
        sections: dict[str, Any] = {}
        if isinstance(target, Config):  # the platforms' sections read as if they were fields
            names.remove("platforms")
            sections = target.platforms
            hints.update((name, type(settings)) for name, settings in sections.items())
            names[names.index("digest") : names.index("digest")] = list(sections)
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                # Never str() it: an alias-built key ("billion laughs") would print exponentially.
                raise self.error(
                    key_node, f"{section}: a key must be a setting name, got {_describe(key_node)}"
                )
            key = str(key_node.value)
            dotted = prefix + key
            if key in seen:
                raise self.error(key_node, f"duplicate key {_quote(dotted)} (first set on line {seen[key]})")
            seen[key] = key_node.start_mark.line + 1
            if variable := _secret_variable(key, prefix):
                raise self.error(
                    key_node,
                    f"{_quote(dotted)} looks like a secret; secrets are read only from the environment: "
                    f"set {variable} in .env instead",
                )
            if key not in names:
                close = difflib.get_close_matches(key[:_ECHO_CHARS], names, n=1)
                hint = f"; did you mean '{prefix}{close[0]}'?" if close else f" (known: {', '.join(names)})"
                raise self.error(key_node, f"unknown key {_quote(dotted)}{hint}")
            hint = hints[key]
            if dataclasses.is_dataclass(hint):
                self.fill(
                    sections[key] if key in sections else getattr(target, key), value_node, dotted + "."
                )
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
                raise self.error(node, f"{dotted} must be one of {', '.join(choices)}, got {_quote(text)}")
            return text
        if hint is bool:
            value = self.typed(node, _BOOL_TAG)
            if not isinstance(value, bool):
                raise self.error(node, f"{dotted} must be true or false, got {_describe(node)}")
            return value
        if hint is int:
            return self.integer(node, dotted, key, optional)
        if hint is Path:
            text = self.scalar_text(node, dotted, "a path")
            try:
                candidate = Path(text).expanduser()
            except RuntimeError:  # `~someone/notes` for a user this machine does not have
                raise self.error(node, f"{dotted}: cannot expand {_quote(text)}: no such user") from None
            return candidate if candidate.is_absolute() else self.base / candidate
        if hint is str:
            return self.string(node, dotted, key)
        raise self.error(node, f"{dotted} has a type this reader does not know ({hint})")

    def integer(self, node: yaml.Node, dotted: str, key: str, optional: bool) -> int:
        value = self.int_value(node, dotted)
        if value is None:
            or_null = " (or null)" if optional else ""
            raise self.error(node, f"{dotted} must be an integer{or_null}, got {_describe(node)}")
        if key in _NON_NEGATIVE_FIELDS and value < 0:
            raise self.error(node, f"{dotted} must be 0 (off) or more, got {value}")
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
                # Discord ids are often pasted quoted; a string of digits is the same snowflake.
                value = self.int_value(child, dotted, digits_as_text=True)
                if value is None:
                    raise self.error(child, f"{dotted} must be a list of integers, got {_describe(child)}")
                out.append(value)
            else:
                out.append(self.scalar_text(child, dotted, "a list of strings"))
        return out

    def int_value(self, node: yaml.Node, dotted: str, *, digits_as_text: bool = False) -> int | None:
        """The integer `node` holds (None when it holds something else); too large is an error."""
        if not isinstance(node, yaml.ScalarNode):
            return None
        text = str(node.value).strip()
        quoted_digits = digits_as_text and node.tag != _INT_TAG and _DIGITS.fullmatch(text) is not None
        if node.tag != _INT_TAG and not quoted_digits:
            return None
        # Leading signs, zeros, base prefixes and `_` separators add no magnitude.
        if len(text.replace("_", "").lstrip("+-0xob")) > _MAX_INT_CHARS:
            raise self.error(node, f"{dotted}: value too large")
        value = int(text) if quoted_digits else self.typed(node, _INT_TAG)
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        if abs(value) > _MAX_INT:
            raise self.error(node, f"{dotted}: value too large")
        return value

    def typed(self, node: yaml.Node, tag: str) -> Any:
        """The value of a scalar whose YAML type is `tag`, else None; only these two types are built."""
        if not isinstance(node, yaml.ScalarNode) or node.tag != tag:
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except (KeyError, ValueError, yaml.YAMLError):  # an explicit tag on a bad value: `!!bool maybe`
            return None

    def scalar_text(self, node: yaml.Node, dotted: str, expected: str) -> str:
        # The raw text, not the YAML 1.1 reading: `18:30` would otherwise be the integer 1110.
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            raise self.error(node, f"{dotted} must be {expected}, got {_describe(node)}")
        text = str(node.value)
        # A double-quoted YAML string can spell NUL or a lone surrogate, which no path or name can hold.
        if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
            raise self.error(node, f"{dotted} must not contain control characters, got {_quote(text)}")
        return text


def _secret_variable(key: str, prefix: str) -> str | None:
    """The variable to set instead of `key`, when `key` is where people paste a platform's secret: one
    of its secret keys (`signing_secret`), or one prefixed with its name (`slack_signing_secret`)."""
    key = key.lower()
    own = _PLATFORM_SECTIONS.get(prefix.rstrip("."))
    if own is not None and key in own.secret_keys:
        return own.secret_keys[key]
    variables = [
        variable
        for section in _PLATFORM_SECTIONS.values()
        for secret, variable in section.secret_keys.items()
        if key in (secret, f"{section.name}_{secret}")
    ]
    return " or ".join(dict.fromkeys(variables)) or None


def _check_time(text: str, error: Any) -> None:
    # ASCII digits only: str.isdigit() also accepts '²', which int() refuses.
    match = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise error(f"{_quote(text)} is not a time of day; use 24-hour HH:MM, e.g. 09:00 or 18:30")


def _check_timezone(name: str, error: Any) -> None:
    # ZoneInfo also accepts relative file paths; only plain IANA names are time zones here.
    if not name or name.startswith(("/", ".")) or ".." in name:
        raise error(f"{_quote(name)} is not a time zone; use an IANA name like Europe/Berlin or UTC")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name longer than a file name may be
        raise error(f"unknown time zone {_quote(name)}; use an IANA name like Europe/Berlin or UTC") from None


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
    return _quote(str(node.value))


def _quote(text: str) -> str:
    """`text` quoted for a one-line message: control characters escaped, a long value cut short."""
    shown = text if len(text) <= _ECHO_CHARS else text[:_ECHO_CHARS] + "…"
    return "'" + "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in shown) + "'"
