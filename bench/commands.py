"""Command benchmark: each command's latency against the bare SQL it needs, on synthetic vaults.

    python bench/commands.py [--sizes 1000,21000] [--runs 300] [--out DIR]

For each size: builds the vault (bench/make_vault.py) and its store (the real ingest) once under --out,
then, in a fresh process so memory is its own, times every command through the Engine (parse, validate,
queries, reply) and the bare SQL behind it (sqlite3, same queries, no Python around them), fires 500
concurrent invocations and checks each answer, and reads resident memory. Prints Markdown tables.
Goals at 21,000 notes: /lab and /model p99 ≤ 10 ms, /search and /openness p99 ≤ 30 ms, 500 concurrent
invocations all correct, resident memory while serving ≤ 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SEARCHES = [
    "open source",
    "weights",
    "proprietary",
    '"open weights"',
    "llama OR mistral",
    "reasoning -benchmark",
    "distill*",
    'channel:bankless "open (source"',
    "lab:meta release",
    "inference economics",
]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bare_sql(db: Path) -> dict[str, Callable[[Any], object]]:
    """The SQL each command runs, straight through sqlite3: the floor the command can't beat."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
    from bot.commands.searchtext import parse_search

    def entity(kind: str) -> Callable[[str], object]:
        def run(entity_id: str) -> object:
            conn.execute(
                "SELECT * FROM entity_stats WHERE entity_type = ? AND entity_id = ?", (kind, entity_id)
            ).fetchall()
            conn.execute(
                "SELECT p.role, c.id, c.text, c.seconds, n.title, n.channel, n.video_id FROM entity_picks p"
                " JOIN claims c ON c.id = p.claim_id JOIN notes n ON n.id = c.note_id"
                " WHERE p.entity_type = ? AND p.entity_id = ? ORDER BY p.role, p.rank",
                (kind, entity_id),
            ).fetchall()
            if kind == "lab":
                conn.execute(
                    "SELECT * FROM entity_stats WHERE entity_type = 'model' AND claims > 0 AND entity_id IN"
                    " (SELECT id FROM models WHERE lab_id = ?)",
                    (entity_id,),
                ).fetchall()
                conn.execute(
                    "SELECT other_id, notes FROM co_mentions WHERE lab_id = ?", (entity_id,)
                ).fetchall()
            return None

        return run

    source = " FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid JOIN notes n ON n.id = c.note_id"

    def search(text: str) -> object:
        # The same two statements /search runs: find the rank window's cut, then bm25 within it.
        match = parse_search(text).match
        cut = conn.execute(
            f"SELECT claims_fts.rowid{source} WHERE claims_fts MATCH ?"
            " ORDER BY claims_fts.rowid DESC LIMIT 1 OFFSET 4999",
            (match,),
        ).fetchone()
        return conn.execute(
            "SELECT c.id, c.text, c.seconds, n.title, n.channel, n.video_id,"
            f" snippet(claims_fts, 0, '**', '**', '…', 24){source}"
            " WHERE claims_fts MATCH ? AND claims_fts.rowid >= ? ORDER BY claims_fts.rank LIMIT 30",
            (match, cut[0] if cut else 0),
        ).fetchall()

    def openness(_: object) -> object:
        return conn.execute(
            "SELECT * FROM entity_stats WHERE entity_type = 'lab' AND (claims > 0 OR open + closed > 0)"
            " ORDER BY label = 'unknown', score DESC"
        ).fetchall()

    def episode(video_id: str) -> object:
        conn.execute("SELECT * FROM notes WHERE video_id = ?", (video_id,)).fetchall()
        return conn.execute(
            "SELECT m.entity_type, m.entity_id, c.text FROM notes n JOIN claims c ON c.note_id = n.id"
            " JOIN mentions m ON m.claim_id = c.id WHERE n.video_id = ?",
            (video_id,),
        ).fetchall()

    return {
        "lab": entity("lab"),
        "model": entity("model"),
        "search": search,
        "openness": openness,
        "episode": episode,
    }


async def serve(db: Path, runs: int) -> dict[str, Any]:
    """Time every command and its bare SQL, then 500 concurrent invocations; report memory."""
    from dataclasses import replace

    from bot.commands.engine import Engine
    from bot.config import Config
    from bot.contracts import Actor, Channel, Invocation

    rng = random.Random(7)
    engine = await Engine.open(replace(Config(), db_path=db))
    actor, channel = Actor("console", "bench", "bench"), Channel("console", "bench")
    # Entities the notes mention: the realistic (and slower) path, not "never mentioned".
    mentioned = {
        (r[0], r[1])
        for r in await engine.store.fetchall(
            "SELECT entity_type, entity_id FROM entity_stats WHERE claims > 0"
        )
    }
    labs = [e for e in engine.names.entities if e.type == "lab" and (e.type, e.id) in mentioned]
    models = [e for e in engine.names.entities if e.type == "model" and (e.type, e.id) in mentioned]
    videos = [r[0] for r in await engine.store.fetchall("SELECT DISTINCT video_id FROM notes LIMIT 200")]
    cases: dict[str, Callable[[], tuple[str, dict[str, Any], Any]]] = {
        "lab": lambda: (lambda e: ("lab", {"name": e.name}, e.id))(rng.choice(labs)),
        "model": lambda: (lambda e: ("model", {"name": e.name}, e.id))(rng.choice(models)),
        "search": lambda: (lambda q: ("search", {"query": q}, q))(rng.choice(SEARCHES)),
        "openness": lambda: ("openness", {}, None),
        "episode": lambda: (lambda v: ("episode", {"ref": v}, v))(rng.choice(videos)),
        "labs": lambda: ("labs", {}, None),
    }
    bare = bare_sql(db)
    results: dict[str, Any] = {}
    for name, make in cases.items():
        for _ in range(20):  # warm the page cache and the statement cache
            path, args, _key = make()
            await engine.handle(Invocation(path, args, actor, channel))
        samples, floor = [], []
        for _ in range(runs):
            path, args, key = make()
            started = time.perf_counter()
            reply = await engine.handle(Invocation(path, args, actor, channel))
            samples.append((time.perf_counter() - started) * 1000)
            assert reply.kind in ("ok", "not_found"), (path, args, reply.title, reply.text)
            if name in bare:
                started = time.perf_counter()
                bare[name](key)
                floor.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "p50": percentile(samples, 0.5),
            "p99": percentile(samples, 0.99),
            "bare_p50": percentile(floor, 0.5) if floor else None,
            "bare_p99": percentile(floor, 0.99) if floor else None,
        }

    # 500 at once: a mix of commands, each answer checked against what it was asked.
    batch = []
    for i in range(500):
        entity = labs[i % len(labs)] if i % 2 else models[i % len(models)]
        batch.append((("lab" if entity.type == "lab" else "model"), {"name": entity.name}, entity))
    started = time.perf_counter()
    replies = await asyncio.gather(*(engine.handle(Invocation(p, a, actor, channel)) for p, a, _ in batch))
    wall = (time.perf_counter() - started) * 1000
    correct = sum(
        1
        for (_, _, entity), reply in zip(batch, replies, strict=True)
        if reply.kind == "ok" and reply.entity is not None and reply.entity.id == entity.id
    )
    results["concurrent"] = {"n": len(batch), "correct": correct, "wall_ms": wall}
    results["rss_mb"] = rss_mb()
    await engine.close()
    return results


def refresh_seconds(db: Path) -> float:
    """Recompute the aggregates with the current code (a cached store may predate it); the seconds."""
    from bot.store.aggregates import refresh_aggregates
    from bot.store.db import Store

    async def run() -> float:
        store = await Store.open(db)
        await store.conn.execute("BEGIN IMMEDIATE")
        started = time.perf_counter()
        await refresh_aggregates(store.conn)
        seconds = time.perf_counter() - started
        await store.conn.execute("COMMIT")
        await store.close()
        return seconds

    return asyncio.run(run())


def build(size: int, out: Path) -> tuple[Path, dict[str, Any]]:
    vault, db = out / f"vault-{size}", out / f"store-{size}.db"
    facts: dict[str, Any] = {}
    if not vault.exists():
        subprocess.run([sys.executable, str(HERE / "make_vault.py"), str(size), str(vault)], check=True)
    if not db.exists():
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "adapters.cli", "ingest", "--db", str(db), str(vault), "--quiet"],
            check=True,
            cwd=HERE.parent,
            stdout=subprocess.DEVNULL,
        )
        facts["ingest_s"] = time.perf_counter() - started
    conn = sqlite3.connect(db)
    facts["notes"] = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    facts["claims"] = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    facts["mentions"] = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    conn.close()
    return db, facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,21000")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("/tmp/labnotes-bench"))
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # child: serve this store
    ns = parser.parse_args()
    if ns.serve:
        print(json.dumps(asyncio.run(serve(ns.serve, ns.runs))))
        return
    ns.out.mkdir(parents=True, exist_ok=True)
    for size in [int(s) for s in ns.sizes.split(",")]:
        db, facts = build(size, ns.out)
        facts["refresh_s"] = refresh_seconds(db)
        child = subprocess.run(
            [sys.executable, __file__, "--serve", str(db), "--runs", str(ns.runs)],
            check=True,
            capture_output=True,
            text=True,
        )
        res = json.loads(child.stdout)
        print(
            f"\n### {facts['notes']} notes, {facts['claims']} claims, {facts['mentions']} mentions "
            f"(aggregates refresh {facts['refresh_s']:.2f} s)\n"
        )
        print("| command | p50 ms | p99 ms | bare SQL p50 ms | bare SQL p99 ms |")
        print("|---|---:|---:|---:|---:|")
        for name in ("lab", "model", "search", "openness", "episode", "labs"):
            r = res[name]
            bare50 = "—" if r["bare_p50"] is None else f"{r['bare_p50']:.2f}"
            bare99 = "—" if r["bare_p99"] is None else f"{r['bare_p99']:.2f}"
            print(f"| /{name} | {r['p50']:.2f} | {r['p99']:.2f} | {bare50} | {bare99} |")
        c = res["concurrent"]
        print(
            f"\n500 concurrent: {c['correct']}/{c['n']} correct in {c['wall_ms']:.0f} ms; "
            f"resident memory while serving: {res['rss_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
