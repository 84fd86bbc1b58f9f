"""Ingest benchmark: labnotes ingest against a bare FTS5 load of the same files, in one run.

    python bench/ingest.py [--notes 21000] [--vault DIR] [--pairs N]

Each phase runs in its own process so its peak memory (ru_maxrss) is its own: the phase's process, and
its largest worker process. Prints a Markdown table. Goals (issue 2, issue 10): full ingest ≤ 3× the bare
load; re-ingest unchanged ≤ 2 s; peak memory ≤ 300 MB. CPU seconds (the process and its workers) are
printed too: on a busy machine wall time varies from run to run, CPU time much less; `--pairs N` alternates
the bare load and the full ingest N times and shows the pair of median ratio. The note reader runs compiled
when it is built for this source (bot.compiled), as the bot runs it; LABNOTES_PURE=1 measures it as Python.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def bare_load(vault: Path, db: Path) -> dict[str, float]:
    """The floor: read every file and put its whole text into one FTS5 table, one transaction."""
    started = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, text, tokenize='porter unicode61')")
    with conn:
        for path in sorted(vault.rglob("*.md")):
            conn.execute("INSERT INTO docs VALUES (?, ?)", (str(path), path.read_text("utf-8", "replace")))
    conn.close()
    return {"seconds": time.perf_counter() - started}


def labnotes_ingest(vault: Path, db: Path) -> dict[str, float]:
    from bot.catalog import load_catalog
    from bot.config import Config
    from bot.store.db import Store
    from bot.store.ingest import ingest_paths

    async def go() -> dict[str, float]:
        catalog = load_catalog(Config().catalog_path)
        store = await Store.open(db)
        started = time.perf_counter()
        summary = await ingest_paths(store, [vault], catalog)
        elapsed = time.perf_counter() - started
        await store.close()
        from bot.compiled import in_use

        return {
            "compiled": in_use(),
            "seconds": elapsed,
            "added": summary.added,
            "unchanged": summary.unchanged,
            "failed": len(summary.failed),
        }

    return asyncio.run(go())


def cpu_seconds() -> float:
    """User and system time of this process and of its children that have ended (the workers)."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def child(phase: str, vault: Path, db: Path) -> None:
    started = cpu_seconds()
    result = bare_load(vault, db) if phase == "bare" else labnotes_ingest(vault, db)
    result["cpu"] = cpu_seconds() - started
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def run_phase(phase: str, vault: Path, db: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", phase, "--vault", str(vault), "--db", str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def size_of(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=21000)
    parser.add_argument("--vault", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--child")
    parser.add_argument("--pairs", type=int, default=1, help="bare load and full ingest, alternated N times")
    ns = parser.parse_args()
    if ns.child:
        child(ns.child, ns.vault, ns.db)
        return
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    vault = ns.vault or out / f"vault-{ns.notes}"
    if not vault.exists():
        from bench.make_vault import make_vault

        make_vault(ns.notes, vault)
    raw = sum(p.stat().st_size for p in vault.rglob("*.md"))
    files = sum(1 for _ in vault.rglob("*.md"))
    bare_db, db = out / "bare.db", out / "labnotes.db"
    runs = []
    for _ in range(ns.pairs):
        for p in [*out.glob("bare.db*"), *out.glob("labnotes.db*")]:
            p.unlink()
        runs.append((run_phase("bare", vault, bare_db), run_phase("ingest", vault, db)))
    again = run_phase("ingest", vault, db)
    # The pair of median ratio stands for the run; each pair is shown when there are several (a shared
    # machine's load moves the bare load as much as the ingest).
    runs.sort(key=lambda pair: pair[1]["seconds"] / pair[0]["seconds"])
    bare, full = runs[len(runs) // 2]
    reader = (
        "compiled (bot.compiled)"
        if full["compiled"]
        else "Python (no build for this source, or LABNOTES_PURE)"
    )
    print(f"vault: {files} files, {raw / 1e6:.1f} MB of Markdown ({vault}); note reader: {reader}\n")
    print("| phase | seconds | ratio to bare | CPU seconds | peak MB (worker) | goal |")
    print("|---|---|---|---|---|---|")
    print(f"| bare FTS5 load | {bare['seconds']:.1f} | 1.00 | {bare['cpu']:.1f} | {bare['peak_mb']:.0f} | |")
    print(
        f"| labnotes full ingest | {full['seconds']:.1f} | {full['seconds'] / bare['seconds']:.2f} "
        f"| {full['cpu']:.1f} | {full['peak_mb']:.0f} ({full['worker_mb']:.0f}) | ≤ 3× bare, ≤ 300 MB |"
    )
    print(
        f"| re-ingest, nothing changed | {again['seconds']:.2f} | {again['seconds'] / bare['seconds']:.2f} "
        f"| {again['cpu']:.1f} | {again['peak_mb']:.0f} | ≤ 2 s |"
    )
    if len(runs) > 1:
        ratios = ", ".join(f"{full['seconds'] / bare['seconds']:.2f}" for bare, full in runs)
        print(f"\n{len(runs)} pairs, ratios sorted: {ratios} (the median pair is shown above)")
    print(
        f"\nstore: {size_of(db) / 1e6:.1f} MB ({size_of(db) / raw:.2f}× the raw text); "
        f"bare FTS5 store {size_of(bare_db) / 1e6:.1f} MB; full ingest added {full['added']:.0f}, "
        f"failed {full['failed']:.0f}; re-ingest unchanged {again['unchanged']:.0f}"
    )


if __name__ == "__main__":
    main()
