"""Where a full ingest's wall time goes: this process's waits and writes, and how busy the cores were.

    python bench/ingest_timeline.py [--vault DIR] [--every 0.5]

One full ingest into a fresh store, in this process (workers as ingest starts them). Prints CPU seconds of
this process and of the workers, when the first parsed chunk came back, the commits and the aggregates'
refresh (`finish`), and the share of all cores busy per interval of the run, read from /proc/stat (Linux):
a serial stretch (one core idle) shows as about half. The machine's other work counts as busy too, so
compare runs side by side. Wall time of a full ingest is about its CPU seconds over the cores plus the
stretches this shows (bench/ingest.py for the ratio to a bare FTS5 load).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import threading
import time
from collections.abc import AsyncGenerator, Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


class Timeline:
    """Spans (name, start, seconds) from the ingest's start."""

    def __init__(self) -> None:
        self.origin = time.perf_counter()
        self.spans: list[tuple[str, float, float]] = []

    def add(self, name: str, began: float) -> None:
        self.spans.append((name, began - self.origin, time.perf_counter() - began))

    def timed(self, name: str, run: Callable[..., Any]) -> Callable[..., Any]:
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return await run(*args, **kwargs)
            finally:
                self.add(name, began)

        return wrapper

    def first_result(self, run: Callable[..., AsyncGenerator[Any, None]]) -> Callable[..., Any]:
        async def wrapper(*args: Any, **kwargs: Any) -> AsyncGenerator[Any, None]:
            began = time.perf_counter()
            first = True
            async for item in run(*args, **kwargs):
                if first:
                    self.add("first parsed note", began)
                    first = False
                yield item

        return wrapper


def busy_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all cores so far."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


def sample(every: float, samples: list[float], stop: threading.Event) -> None:
    last = busy_jiffies()
    while not stop.wait(every):
        now = busy_jiffies()
        samples.append((now[0] - last[0]) / max(1, now[1] - last[1]))
        last = now


def run(vault: Path, every: float) -> None:
    import bot.store.ingest as ingest
    from bot.catalog import load_catalog
    from bot.config import Config
    from bot.store.db import Store

    async def go(db: Path) -> Timeline:
        catalog = load_catalog(Config().catalog_path)
        store = await Store.open(db)
        timeline = Timeline()
        ingest._commit_batch = timeline.timed("commit", ingest._commit_batch)
        ingest.finish = timeline.timed("finish (aggregates)", ingest.finish)
        ingest._prepare_all = timeline.first_result(ingest._prepare_all)
        timeline.origin = time.perf_counter()
        await ingest.ingest_paths(store, [vault], catalog)
        timeline.add("whole ingest", timeline.origin)
        await store.close()
        return timeline

    samples: list[float] = []
    stop = threading.Event()
    sampler = threading.Thread(target=sample, args=(every, samples, stop), daemon=True)
    with tempfile.TemporaryDirectory() as scratch:
        sampler.start()
        timeline = asyncio.run(go(Path(scratch) / "store.db"))
        stop.set()
        sampler.join()
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"CPU seconds: this process {own.ru_utime + own.ru_stime:.1f}, "
        f"workers {workers.ru_utime + workers.ru_stime:.1f}\n"
    )
    print("| span | count | first at (s) | last ends (s) | seconds in all |\n|---|---|---|---|---|")
    for name in dict.fromkeys(name for name, _, _ in timeline.spans):
        spans = [(start, took) for n, start, took in timeline.spans if n == name]
        print(
            f"| {name} | {len(spans)} | {spans[0][0]:.2f} | {max(s + t for s, t in spans):.2f} "
            f"| {sum(t for _, t in spans):.2f} |"
        )
    strip = " ".join(f"{share * 100:.0f}" for share in samples)
    print(f"\ncores busy, % per {every} s: {strip}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--vault", type=Path, default=HERE.parent.parent / "shared" / "vault")
    parser.add_argument("--every", type=float, default=0.5, help="seconds per busy-cores sample")
    args = parser.parse_args()
    run(args.vault, args.every)


if __name__ == "__main__":  # spawned workers import this file as their __main__
    main()
