"""The command line's rough edges, run as an admin runs it: Ctrl-C, `| head`, --db, exit codes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from adapters.cli import build_parser
from adapters.cli import main as cli_main
from adapters.exits import BROKEN_PIPE_EXIT, INTERRUPTED_EXIT
from bot.store.ingest import POOL_THRESHOLD
from tests.conftest import CATALOG, SEED_NOTES

LABNOTES = [sys.executable, "-m", "adapters.cli"]
REPO = Path(__file__).resolve().parents[1]


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABNOTES_", "DISCORD_", "SLACK_"))}
    return env | {"LABNOTES_CATALOG": str(CATALOG), "PYTHONPATH": str(REPO)}


# -- --db ------------------------------------------------------------------------------------------


def test_every_subcommand_that_takes_db_explains_it() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[union-attr]
    helps = {
        name: next(a.help for a in sub._actions if a.dest == "db")
        for name, sub in subparsers.items()
        if any(a.dest == "db" for a in sub._actions)
    }
    assert sorted(helps) == ["ask", "digest", "discord-sync", "ingest", "run", "shell", "stats"]
    assert all(h and "LABNOTES_DB" in h and "data/labnotes.db" in h for h in helps.values()), helps


def test_ingest_into_a_missing_folder_says_so_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LABNOTES_CATALOG", str(CATALOG))
    missing = tmp_path / "missing" / "dir"
    code = cli_main(["ingest", str(SEED_NOTES), "--db", str(missing / "x.db")])
    assert code == 2
    assert capsys.readouterr().err == (
        f"labnotes ingest: no folder {missing} for the store {missing / 'x.db'}; "
        f"create it first (mkdir -p {missing}) or fix --db / LABNOTES_DB\n"
    )
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("command", [["ask", "/labs"], ["ingest"], ["stats"], ["run"]], ids=lambda c: c[0])
def test_a_config_mistake_exits_2_from_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LABNOTES_HEALTH_PORT", "eighty")
    assert cli_main([*command, "--db", str(tmp_path / "x.db")]) == 2
    assert "LABNOTES_HEALTH_PORT must be a port number" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["ask", "/labs"], ["ingest"], ["run"]], ids=lambda c: c[0])
def test_a_broken_catalog_exits_2_from_every_command_that_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text("labs: [\n", encoding="utf-8")
    monkeypatch.setenv("LABNOTES_CATALOG", str(catalog))
    db = tmp_path / "x.db"
    assert cli_main(["ingest", str(SEED_NOTES), "--db", str(db)]) == 2  # no store can be built either
    monkeypatch.setenv("LABNOTES_CATALOG", str(CATALOG))
    assert cli_main(["ingest", str(SEED_NOTES), "--db", str(db), "--quiet"]) == 0
    monkeypatch.setenv("LABNOTES_CATALOG", str(catalog))
    if command == ["run"]:
        monkeypatch.setenv("DISCORD_TOKEN", "anything")  # something to run, so the store is opened
    capsys.readouterr()
    assert cli_main([*command, "--db", str(db)]) == 2
    assert str(catalog) in capsys.readouterr().err


# -- Ctrl-C and closed pipes -----------------------------------------------------------------------


def _a_worker_would_raise_keyboardinterrupt(pid: int) -> bool:
    """Whether one of `pid`'s worker processes has Python's Ctrl-C handler installed (SigCgt), i.e. is
    past interpreter start-up and still importing, before the pool initializer ignores Ctrl-C."""
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
                status = Path(f"/proc/{child}/status").read_text()
            except OSError:
                continue
            caught = next(
                int(line.split()[1], 16) for line in status.splitlines() if line.startswith("SigCgt")
            )
            if b"multiprocessing" in cmdline and caught & (1 << (signal.SIGINT - 1)):
                return True
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_while_ingest_workers_start_prints_one_line_and_no_worker_traceback(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(POOL_THRESHOLD + 10):  # enough notes for the worker pool
        shutil.copy(SEED_NOTES / "open_source_ai_models.md", notes / f"note_{i:03d}.md")
    proc = subprocess.Popen(
        [*LABNOTES, "ingest", str(notes), "--db", str(tmp_path / "x.db"), "--quiet"],
        env=clean_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job is
    )
    try:
        deadline = time.monotonic() + 60
        # Workers take a few hundred ms to import: Ctrl-C (to the whole group) while one does.
        while not _a_worker_would_raise_keyboardinterrupt(proc.pid):
            assert proc.poll() is None and time.monotonic() < deadline, "no worker was started"
            time.sleep(0.005)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (proc.returncode, err.strip()) == (INTERRUPTED_EXIT, "labnotes ingest: interrupted")


def test_a_reader_that_stops_early_ends_the_output_quietly(seed_db: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*LABNOTES, "stats", "--db", str(seed_db)],
        env=clean_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # as `| head -0` does, before labnotes writes a line
    err = proc.stderr.read().decode()
    assert (proc.wait(timeout=60), err) == (BROKEN_PIPE_EXIT, "")
