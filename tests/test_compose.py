"""The Docker deployment, checked by reading it (no Docker engine runs here): compose, Dockerfile, .env."""

from __future__ import annotations

import asyncio
import re
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from dotenv import dotenv_values

from adapters.health import Health, HealthServer
from adapters.runner import ADAPTER_STOP_TIMEOUT, SCHEDULER_STOP_TIMEOUT
from bot.store.db import Store

REPO = Path(__file__).resolve().parents[1]
HEALTH_PORT = "8080"


@pytest.fixture(scope="module")
def service() -> dict[str, Any]:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    assert list(compose["services"]) == ["labnotes"]
    return dict(compose["services"]["labnotes"])


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = (REPO / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, args = line.partition(" ")
            out.append((instruction.upper(), args.strip()))
    return out


def instructions(dockerfile: list[tuple[str, str]], name: str) -> list[str]:
    return [args for instruction, args in dockerfile if instruction == name]


def seconds(duration: str) -> float:
    match = re.fullmatch(r"(\d+)(s|m)", duration)
    assert match is not None, duration
    return int(match.group(1)) * (60 if match.group(2) == "m" else 1)


# -- docker-compose.yml ----------------------------------------------------------------------------


def test_compose_reads_secrets_from_the_env_file(service: dict[str, Any]) -> None:
    assert service["env_file"] == ".env"


def test_compose_keeps_data_on_a_named_volume(service: dict[str, Any]) -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    assert "labnotes-data:/data" in service["volumes"]
    assert "labnotes-data" in compose["volumes"]


def test_compose_restarts_the_bot_unless_stopped(service: dict[str, Any]) -> None:
    assert service["restart"] == "unless-stopped"


def test_compose_healthcheck_calls_healthz_on_the_health_port(service: dict[str, Any]) -> None:
    command = " ".join(service["healthcheck"]["test"])
    assert f"http://127.0.0.1:{HEALTH_PORT}/healthz" in command
    assert service["environment"]["LABNOTES_HEALTH_PORT"] == HEALTH_PORT


def test_compose_gives_shutdown_more_time_than_labnotes_takes(service: dict[str, Any]) -> None:
    # Docker kills after the grace period; labnotes needs at most this long to exit 0.
    assert seconds(service["stop_grace_period"]) > SCHEDULER_STOP_TIMEOUT + ADAPTER_STOP_TIMEOUT - 1


async def _healthcheck_exit_code(service: dict[str, Any], store: Store, *, up: bool) -> int:
    """Run the compose healthcheck command against a real /healthz (on a free port instead of 8080)."""
    health = Health(store)
    health.stopping = not up
    server = HealthServer(health, "127.0.0.1", 0)
    await server.start()
    try:
        kind, program, *args = service["healthcheck"]["test"]
        assert (kind, program) == ("CMD", "python")
        args = [a.replace(f":{HEALTH_PORT}/", f":{server.port}/") for a in args]
        proc = await asyncio.create_subprocess_exec(
            sys.executable, *args, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
        )
        return await proc.wait()
    finally:
        await server.stop()


async def test_the_healthcheck_command_passes_on_200_and_fails_on_503(
    service: dict[str, Any], tmp_path: Path
) -> None:
    store = await Store.open(tmp_path / "labnotes.db")
    try:
        assert await _healthcheck_exit_code(service, store, up=True) == 0
        assert await _healthcheck_exit_code(service, store, up=False) != 0
    finally:
        await store.close()


# -- Dockerfile ------------------------------------------------------------------------------------


def test_every_stage_of_the_image_starts_from_the_same_slim_python(dockerfile: list[tuple[str, str]]) -> None:
    bases = [args.split()[0] for args in instructions(dockerfile, "FROM")]
    assert bases and all(re.fullmatch(r"python:3\.1[1-9]-slim", base) for base in bases)
    assert len(set(bases)) == 1  # the compiled reader is built for the interpreter that runs it


def test_the_image_runs_as_a_non_root_user(dockerfile: list[tuple[str, str]]) -> None:
    assert instructions(dockerfile, "USER") == ["labnotes"]
    assert any("useradd" in run and "labnotes" in run for run in instructions(dockerfile, "RUN"))


def test_notes_and_store_live_on_the_data_volume(dockerfile: list[tuple[str, str]]) -> None:
    assert instructions(dockerfile, "VOLUME") == ['["/data"]']
    env = " ".join(instructions(dockerfile, "ENV"))
    assert "LABNOTES_NOTES=/data/notes" in env
    assert "LABNOTES_DB=/data/labnotes.db" in env
    assert f"LABNOTES_HEALTH_PORT={HEALTH_PORT}" in env


def test_the_image_healthcheck_calls_healthz(dockerfile: list[tuple[str, str]]) -> None:
    [check] = instructions(dockerfile, "HEALTHCHECK")
    assert f"http://127.0.0.1:{HEALTH_PORT}/healthz" in check


def test_the_image_ingests_then_execs_the_bot_so_it_gets_sigterm(dockerfile: list[tuple[str, str]]) -> None:
    [cmd] = instructions(dockerfile, "CMD")
    assert yaml.safe_load(cmd) == ["sh", "-c", "labnotes ingest --quiet && exec labnotes run"]


def test_every_file_the_image_copies_exists(dockerfile: list[tuple[str, str]]) -> None:
    for copy in instructions(dockerfile, "COPY"):
        if copy.startswith("--from="):
            continue  # from a build stage, not from this folder
        *sources, _destination = [word for word in shlex.split(copy) if not word.startswith("--")]
        for source in sources:
            assert (REPO / source).exists(), source


# -- .env.example ----------------------------------------------------------------------------------


def _variables_the_code_reads() -> set[str]:
    pattern = re.compile(r"[\"']((?:LABNOTES|DISCORD|SLACK)_[A-Z_]+)[\"']")
    found: set[str] = set()
    for folder in ("bot", "adapters"):
        for path in (REPO / folder).rglob("*.py"):
            found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def _documented_variables() -> set[str]:
    text = (REPO / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#? ?([A-Z][A-Z_]+)=", text, flags=re.MULTILINE))


def test_env_example_lists_every_variable_the_code_reads() -> None:
    assert _variables_the_code_reads() - _documented_variables() == set()


def test_env_example_ships_no_secret_values() -> None:
    values = dotenv_values(REPO / ".env.example")
    secrets = {k: v for k, v in values.items() if k.endswith(("TOKEN", "SECRET"))}
    assert set(secrets) == {"DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"}
    assert set(secrets.values()) == {""}


def test_env_example_leaves_settings_commented_so_the_image_defaults_hold() -> None:
    # compose passes an empty LABNOTES_DB= through and it would replace the image's /data default.
    values = dotenv_values(REPO / ".env.example")
    assert [k for k in values if k.startswith("LABNOTES_")] == []
