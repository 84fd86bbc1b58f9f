"""Settings from `labnotes.yaml` (all optional) plus environment overrides; secrets come only from env.

Defaults work with no config at all: notes in data/notes, store in data/labnotes.db.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

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


def default_config() -> Config:
    """Defaults with the environment's overrides (LABNOTES_NOTES, LABNOTES_DB, LABNOTES_CATALOG)."""
    config = Config()
    apply_env(config)
    return config


def apply_env(config: Config) -> None:
    if notes := os.environ.get("LABNOTES_NOTES"):
        config.notes_dir = Path(notes)
    if db := os.environ.get("LABNOTES_DB"):
        config.db_path = Path(db)
    if catalog := os.environ.get("LABNOTES_CATALOG"):
        config.catalog_path = Path(catalog)
