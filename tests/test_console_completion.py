"""Tab completion in `labnotes shell`: it extends what was typed and never erases it."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from adapters.console import completions
from bot.commands.engine import Engine
from tests.conftest import CATALOG, REPO


def test_a_name_completion_keeps_what_was_typed(engine: Engine) -> None:
    # `m` is also inside Databricks and Waymo; offering those would shrink the line to `/lab `.
    offered = completions(engine, "/lab m")
    assert "/lab Meta" in offered
    assert all(o.lower().startswith("/lab m") for o in offered), offered


def test_an_alias_completes_to_its_name_when_it_is_the_only_match(engine: Engine) -> None:
    assert completions(engine, "/lab fair") == ["/lab Meta"]


def test_a_group_completes_to_its_subcommands(engine: Engine) -> None:
    assert completions(engine, "/notes a") == ["/notes add "]
    assert completions(engine, "/digest s") == ["/digest subscribe "]


def _shell_session(db: Path, home: Path, typed: bytes) -> str:
    """What a terminal shows when `typed` is typed into `labnotes shell` (real readline, on a pty)."""
    import pty

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABNOTES_")}
    env |= {"PYTHONPATH": str(REPO), "HOME": str(home), "TERM": "dumb", "LABNOTES_CATALOG": str(CATALOG)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "adapters.cli", "shell", "--db", str(db)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=home,
    )
    os.close(slave)
    out = b""

    def read_until(marker: bytes, count: int = 1) -> None:
        nonlocal out
        deadline = time.monotonic() + 30  # guards a hang only
        while out.count(marker) < count and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    out += os.read(master, 4096)
                except OSError:
                    return

    try:
        read_until(b"labnotes> ")
        os.write(master, typed)
        read_until(b"labnotes> ", 2)  # the answer, then the next prompt
        os.write(master, b"\x04")  # Ctrl-D
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return out.decode(errors="replace")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a pty")
def test_tab_on_a_partly_typed_name_keeps_it_in_the_terminal(seed_db: Path, tmp_path: Path) -> None:
    shown = _shell_session(seed_db, tmp_path, b"/lab mo\t\n")
    answer = shown.split("labnotes> ")[1]
    # `/lab mo` + Tab is `/lab Mo` (Mobileye, Moonshot AI): asked as typed, not `/lab ` with no name.
    assert "Missing `name`" not in answer
    assert "Mobileye" in answer and "Moonshot AI" in answer
