"""The digest fan-out at scale: subscriptions across the fake Discord (a guild each) and fake Slack
workspaces, both enforcing the platforms' real rate limits, posted by one DigestScheduler pass with the
real publishers. Prints wall time, posts per second, 429s received and honoured, requests that ignored a
Retry-After, peak memory and compositions.

    .venv/bin/python -m bench.digest_fanout                      # 6,000 Discord + 4,000 Slack (20 workspaces)
    .venv/bin/python -m bench.digest_fanout --discord 600 --slack 400
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import resource
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

from bot.digest.scheduler import DigestScheduler
from bot.store.db import Store
from tests.digest_support import FakeClock, utc
from tests.fanout_support import platforms, subscribe_all

DUE = utc(2025, 1, 1, 9, 0)


async def run(discord_channels: int, slack_channels: int, workspaces: int) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        store = await Store.open(Path(tmp) / "labnotes.db")
        try:
            async with platforms(
                discord_channels=discord_channels, slack_channels=slack_channels, workspaces=workspaces
            ) as found:
                total = await subscribe_all(store, found, at=DUE - timedelta(hours=1))
                sched = DigestScheduler(store, found.publishers, FakeClock(DUE))  # type: ignore[arg-type]
                tracemalloc.start()
                started = time.perf_counter()
                results = await sched.run_due(DUE)
                wall = time.perf_counter() - started
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                posts = list(found.discord_posts().values()) + list(found.slack_posts().values())
                sent = sum(r.outcome == "sent" for r in results)
                return {
                    "subscriptions": f"{total:,}",
                    "posted (sent)": f"{sent:,}",
                    "channels with exactly one post": f"{sum(p == 1 for p in posts):,} of {len(posts):,}",
                    "wall time": f"{wall:.1f} s",
                    "posts per second": f"{sent / wall:.1f}",
                    "429s sent by the fakes (all honoured)": f"{found.sent_429()}",
                    "requests ignoring a Retry-After": f"{found.ignored_retry_after()}",
                    "compositions (before: one per subscription)": f"{sched.compositions} (was {total:,})",
                    "peak traced memory during the pass": f"{peak / 2**20:.1f} MiB",
                    "max RSS of the process": f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB",
                }
        finally:
            await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--discord", type=int, default=6000, help="Discord channels (a guild each)")
    parser.add_argument("--slack", type=int, default=4000, help="Slack channels")
    parser.add_argument(
        "--workspaces", type=int, default=20, help="Slack workspaces the channels are spread over"
    )
    ns = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("bot.digest.fanout").setLevel(logging.INFO)  # the progress lines
    logging.getLogger("labnotes.events").setLevel(logging.WARNING)  # not 10,000 "digest" lines
    figures = asyncio.run(run(ns.discord, ns.slack, ns.workspaces))
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
