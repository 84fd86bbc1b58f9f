"""How much one labnotes process serves: commands per second on a store of the real vault.

    python bench/throughput.py [--db bench/out/labnotes.db] [--seconds 5] [--concurrency 1,8,64]

Opens the store (built by `python bench/ingest.py --vault ../shared/vault`, or any store), loads the
plotting library as `labnotes run` does, then for each concurrency level keeps that many members' commands
in flight for --seconds: a mix of /lab, /model, /search, /openness, /labs and /episode as a community asks
them, charts included (drawn once per data, then cached). Prints commands per second, p50 and p95 latency
and resident memory: the figures behind README "Scaling" (when one process is enough).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.commands import percentile, rss_mb  # noqa: E402
from bot.commands.engine import Engine  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.contracts import Actor, Channel  # noqa: E402
from bot.warmup import warm_up  # noqa: E402

MIX = [
    "/lab meta",
    "/lab openai",
    "/lab mistral",
    "/model llama",
    "/model deepseek r1",
    "/search open source",
    "/search open weights",
    "/openness",
    "/labs",
    "/lab google",
]


async def measure(db: Path, seconds: float, levels: list[int]) -> list[tuple[int, int, float, float, float]]:
    engine = await Engine.open(replace(Config(), db_path=db))
    await asyncio.to_thread(warm_up)
    actor, channel = Actor("console", "u1", "member", is_moderator=False), Channel("console", "c1")
    for line in MIX:  # every chart drawn once: the steady state of a running bot
        await engine.ask(line, actor, channel)
    rows = []
    for level in levels:
        latencies: list[float] = []
        lines = itertools.cycle(MIX)
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        await asyncio.gather(*(_member(engine, lines, deadline, latencies) for _ in range(level)))
        elapsed = time.perf_counter() - started
        rows.append((level, len(latencies), len(latencies) / elapsed, *_p50_p95(latencies)))
    await engine.close()
    return rows


async def _member(engine: Engine, lines: Iterator[str], deadline: float, latencies: list[float]) -> None:
    """One member asking, answer after answer, until the deadline."""
    actor, channel = Actor("console", "u1", "member", is_moderator=False), Channel("console", "c1")
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        reply = await engine.ask(next(lines), actor, channel)
        assert reply.kind == "ok", reply.title
        latencies.append(time.perf_counter() - started)


def _p50_p95(latencies: list[float]) -> tuple[float, float]:
    return percentile(latencies, 0.5), percentile(latencies, 0.95)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=HERE / "out" / "labnotes.db")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", default="1,8,64")
    args = parser.parse_args()
    if not args.db.exists():
        sys.exit(f"no store at {args.db}: build one with `python bench/ingest.py --vault ../shared/vault`")
    rows = asyncio.run(measure(args.db, args.seconds, [int(x) for x in args.concurrency.split(",")]))
    print(f"store {args.db} ({args.db.stat().st_size / 1e6:.0f} MB), {args.seconds:.0f} s per level\n")
    print("| in flight | commands | per second | p50 ms | p95 ms |")
    print("|---:|---:|---:|---:|---:|")
    for level, count, rate, p50, p95 in rows:
        print(f"| {level} | {count:,} | {rate:,.0f} | {p50 * 1000:.1f} | {p95 * 1000:.1f} |")
    print(f"\nresident memory after: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
