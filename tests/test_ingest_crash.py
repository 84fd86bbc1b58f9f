"""A kill at any moment of an ingest leaves a consistent store: each note is all there or not at all."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.make_vault import make_vault

ROOT = Path(__file__).resolve().parents[1]


def consistent(db: Path) -> bool:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        partial = conn.execute(
            "SELECT count(*) FROM notes n WHERE n.claim_count != (SELECT count(*) FROM claims c WHERE c.note_id = n.id)"
        ).fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM claims_fts").fetchone()[0]
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        return bool(partial == 0 and fts == claims)


def test_killed_ingest_leaves_whole_batches_and_the_next_run_completes(tmp_path: Path) -> None:
    vault = make_vault(400, tmp_path / "vault")
    db = tmp_path / "s.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [
        sys.executable,
        "-c",
        "from adapters.cli import main; main()",
        "ingest",
        str(vault),
        "--db",
        str(db),
        "--quiet",
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill it once the first batch is committed (the store shows notes), mid-run.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=0.1) as conn:
                    if conn.execute("SELECT count(*) FROM notes").fetchone()[0] > 0:
                        break
            except sqlite3.Error:
                pass
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert consistent(db)
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert consistent(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 400
        assert conn.execute("SELECT value FROM meta WHERE key = 'aggregates_dirty'").fetchone() == ("0",)
