"""Ingest worker processes never outlive the ingest: not after kill -9 or SIGTERM of the parent, not
after Ctrl-C (which must not print a traceback per worker either).

Each test runs a real ingest in a child process over enough notes to start the worker pool. The child
holds the ingest open at its first commit (so the pool is certainly up), prints `ready`, and the test
then kills it and watches /proc for its former descendants.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.store.ingest import POOL_THRESHOLD
from tests.conftest import CATALOG, REPO, SEED_NOTES

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")

# The ingest, stalled at its first commit: the pool has started and workers are parsing or idle.
CHILD = """
import asyncio, sys
from pathlib import Path

import bot.store.ingest as ingest
from bot.catalog import load_catalog
from bot.store.db import Store


async def stall(*args, **kwargs):
    print("ready", flush=True)
    await asyncio.sleep(3600)


async def main():
    ingest._commit_batch = stall
    store = await Store.open(Path(sys.argv[2]))
    try:
        await ingest.ingest_paths(store, [Path(sys.argv[1])], load_catalog(Path(sys.argv[3])), batch_size=1)
    finally:
        await store.close()


if __name__ == "__main__":  # spawned workers import this file as their __main__
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
"""


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """Enough copies of the seed note to make ingest parse in a pool."""
    folder = tmp_path / "notes" / "bankless"
    folder.mkdir(parents=True)
    seed = (SEED_NOTES / "open_source_ai_models.md").read_bytes()
    for i in range(POOL_THRESHOLD + 10):
        (folder / f"note_{i:04d}.md").write_bytes(seed.replace(b"title: ", f"title: {i} ".encode(), 1))
    return tmp_path / "notes"


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2 :].split()  # the command name may hold spaces and parentheses
    return fields[0], int(fields[1])


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            parents[int(entry.name)] = stat[1]
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")  # a zombie has exited; only reaping is left


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _start(notes: Path, tmp_path: Path) -> subprocess.Popen[str]:
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(notes), str(tmp_path / "store.db"), str(CATALOG)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so a Ctrl-C can be sent to it alone
    )
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        ready = sel.select(timeout=120)
    line = proc.stdout.readline() if ready else ""
    if line.strip() != "ready":
        _reap(_descendants(proc.pid))
        proc.kill()
        _, err = proc.communicate(timeout=30)
        pytest.fail(f"the ingest child did not reach its first commit: {err[-2000:]}")
    return proc


def _workers_of(proc: subprocess.Popen[str]) -> set[int]:
    family = _descendants(proc.pid)
    workers = {pid for pid in family if "multiprocessing.spawn" in _cmdline(pid)}
    assert workers, "the ingest did not start a worker pool"
    return family


def _survivors(pids: set[int], within: float = 10.0) -> set[int]:
    deadline = time.monotonic() + within
    alive = {pid for pid in pids if _alive(pid)}
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = {pid for pid in alive if _alive(pid)}
    return alive


def _reap(pids: set[int]) -> list[str]:
    """Kill what the old code left behind, so a failing run leaks nothing; returns what was killed."""
    killed = []
    for pid in sorted(pids):
        if _alive(pid):
            killed.append(f"{pid}: {_cmdline(pid)}")
            os.kill(pid, signal.SIGKILL)
    return killed


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_workers_exit_when_the_ingest_process_is_killed(
    notes: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    proc = _start(notes, tmp_path)
    family = _workers_of(proc)
    os.kill(proc.pid, sig)
    proc.wait(timeout=30)
    survivors = _survivors(family)
    assert _reap(survivors) == []


def test_ctrl_c_stops_the_workers_without_a_traceback_from_each(notes: Path, tmp_path: Path) -> None:
    proc = _start(notes, tmp_path)
    family = _workers_of(proc)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole foreground group gets it
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # the old code hung here, waiting on a broken pool
        _reap({proc.pid})
        _, err = proc.communicate(timeout=30)
    survivors = _reap(_survivors(family))
    assert (proc.returncode, err) == (130, "interrupted\n")
    assert survivors == []


# A bot that prepared a big /notes add in its worker process, then holds on (as a running bot does).
MODERATION_CHILD = """
import asyncio, sys
from pathlib import Path

from bot.catalog import load_catalog
from bot.extract.extractor import Extractor
from bot.moderation.worker import PROCESS_BYTES, prepare_off_loop


async def main():
    seed = Path(sys.argv[1]).read_bytes()
    data = seed + b"\\n" + b"Meta open-sourced Llama. " * (PROCESS_BYTES // 25 + 1)
    extractor = Extractor(load_catalog(Path(sys.argv[2])))
    await prepare_off_loop("bankless/big.md", data, extractor, max_bytes=len(data) + 1)
    print("ready", flush=True)
    await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main())
"""


def test_the_notes_add_worker_exits_when_the_bot_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "bot_child.py"
    script.write_text(MODERATION_CHILD)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(SEED_NOTES / "open_source_ai_models.md"), str(CATALOG)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        ready = sel.select(timeout=120)
    line = proc.stdout.readline() if ready else ""
    family = _descendants(proc.pid)
    if line.strip() != "ready":
        _reap(family | {proc.pid})
        pytest.fail(f"the bot child did not prepare its note: {proc.communicate(timeout=30)[1][-2000:]}")
    assert any("multiprocessing.spawn" in _cmdline(pid) for pid in family), "no worker process started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert _reap(_survivors(family)) == []
