"""The table of platforms: what a descriptor gives config, logs and the runner, the one stop grace, and
`labnotes run` with nothing to run."""

from __future__ import annotations

import ast
import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import bot.config
from adapters.platform import PLATFORMS, PlatformDescriptor, add_platform
from adapters.runner import has_credentials, platform_factories, stdin_has_input
from bot.config import Config, ConfigError, load_config
from bot.logs import setup_logging
from tests.slack_fixtures import TinyCore

REPO = Path(__file__).resolve().parents[1]


def load(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "labnotes.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, environ={}, env_file=Path("/nonexistent/.env"))


# -- labnotes run with nothing to run --------------------------------------------------------------


def test_run_without_credentials_and_with_stdin_from_dev_null_exits_1_saying_what_to_set(
    tmp_path: Path, seed_db: Path
) -> None:
    # As in a container: a store, no tokens, no terminal. Exiting 0 there was a silent restart loop.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_", "LABNOTES_"))}
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "run", "--db", str(seed_db)],
        cwd=tmp_path,  # no stray .env
        env=env | {"PYTHONPATH": str(REPO)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.endswith(
        "labnotes run: nothing to run: set DISCORD_TOKEN and/or SLACK_BOT_TOKEN and/or SLACK_CLIENT_ID (in .env or the "
        "environment) to start the chat bot, or give the console a terminal or piped commands"
    )


def test_dev_null_and_a_closed_stdin_have_nothing_for_the_console() -> None:
    with open(os.devnull) as null:
        assert not stdin_has_input(null)
    assert not stdin_has_input(None)
    assert not stdin_has_input(io.StringIO("/lab meta\n"))  # no file descriptor at all


def test_a_pipe_and_a_file_are_input_for_the_console(tmp_path: Path) -> None:
    read, write = os.pipe()
    try:
        with os.fdopen(read) as pipe:
            assert stdin_has_input(pipe)
    finally:
        os.close(write)
    commands = tmp_path / "commands.txt"
    commands.write_text("/lab meta\n", encoding="utf-8")
    with commands.open() as file:
        assert stdin_has_input(file)


# -- one stop grace --------------------------------------------------------------------------------


def test_stop_grace_seconds_is_read_from_labnotes_yaml(tmp_path: Path) -> None:
    assert load(tmp_path, "stop_grace_seconds: 3\n").stop_grace_seconds == 3


def test_a_stop_grace_below_one_second_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, "stop_grace_seconds: 0\n")
    assert (
        str(caught.value) == f"{tmp_path / 'labnotes.yaml'}:1: stop_grace_seconds must be at least 1, got 0"
    )


def test_every_adapter_the_runner_builds_gets_the_configured_stop_grace() -> None:
    config = Config(stop_grace_seconds=3)
    environ = {"DISCORD_TOKEN": "discord-token", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}
    graces = {}
    for descriptor in PLATFORMS.values():
        if descriptor.factory is not None:
            adapter = descriptor.factory(TinyCore(), config, environ)
            graces[descriptor.name] = getattr(adapter, "stop_grace", None)
    assert graces == {"discord": 3, "slack": 3}


# -- a new platform is one descriptor --------------------------------------------------------------


@dataclass(slots=True)
class MatrixConfig:
    homeserver: str = "https://matrix.org"
    room_ids: list[str] | None = None


MATRIX = PlatformDescriptor(
    "matrix",
    lambda core, config, environ: None,
    MatrixConfig,
    credentials=("MATRIX_TOKEN",),
    secrets=("MATRIX_TOKEN",),
    secret_keys={"token": "MATRIX_TOKEN", "access_token": "MATRIX_TOKEN"},
    loggers=("nio",),
)


@pytest.fixture
def matrix(monkeypatch: pytest.MonkeyPatch) -> Iterator[PlatformDescriptor]:
    monkeypatch.setitem(PLATFORMS, "matrix", MATRIX)
    monkeypatch.setattr(bot.config, "_PLATFORM_SECTIONS", dict(bot.config._PLATFORM_SECTIONS))
    add_platform(MATRIX)
    yield MATRIX


@pytest.mark.usefixtures("matrix")
def test_a_new_platforms_section_is_read_from_labnotes_yaml(tmp_path: Path) -> None:
    config = load(tmp_path, "matrix:\n  homeserver: https://chat.lab\n")
    assert config.platforms["matrix"] == MatrixConfig(homeserver="https://chat.lab")


@pytest.mark.usefixtures("matrix")
def test_a_new_platforms_section_gets_the_same_messages(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, "matrix:\n  homeservr: x\n")
    assert str(caught.value) == (
        f"{tmp_path / 'labnotes.yaml'}:2: unknown key 'matrix.homeservr'; did you mean 'matrix.homeserver'?"
    )


@pytest.mark.usefixtures("matrix")
def test_a_secret_pasted_into_a_new_platforms_section_points_to_its_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, "matrix:\n  access_token: syt_abc\n")
    assert str(caught.value).endswith("set MATRIX_TOKEN in .env instead")


@pytest.mark.usefixtures("matrix")
def test_a_new_platforms_secret_is_masked_in_the_logs() -> None:
    stream = io.StringIO()
    handler = setup_logging(stream=stream, secrets={"MATRIX_TOKEN": "syt_very_secret_value"})
    try:
        logging.getLogger("labnotes.test").warning("connecting with syt_very_secret_value")
    finally:
        logging.getLogger().removeHandler(handler)
    assert "syt_very_secret_value" not in stream.getvalue()
    assert "[redacted]" in stream.getvalue()


@pytest.mark.usefixtures("matrix")
def test_the_runner_starts_a_new_platform_when_its_credential_is_set() -> None:
    assert "matrix" in platform_factories()
    assert has_credentials({"MATRIX_TOKEN": "syt_abc"})


def test_no_module_of_the_core_names_a_platform() -> None:
    # The core never switches on a platform: adding one needs no edit in bot/.
    names = set(PLATFORMS)
    found = []
    for path in sorted((REPO / "bot").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}")
    assert found == []
