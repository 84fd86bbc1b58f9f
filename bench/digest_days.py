"""Two digest days on the real vault, rendered for Discord and Slack (the closing figures of issue 16).

    python bench/digest_days.py [--vault ../shared/vault] [--out DIR]

The vault is ingested without the episodes of two days; a channel subscribes; then day one brings three
AI episodes of one channel (redpointai) and day two forty episodes drawn at random from the other
channels (more than `bulk_episodes`, so it is a summary). Each day is ingested by the real ingest and
its digest composed as the scheduler composes it, with the verdicts the day before as the baseline.
Writes each digest as the Discord embeds and the Slack blocks the adapters would send
(<out>/day1.discord.json, …) and prints them as each platform shows them, with their sizes against
the platforms' limits.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from adapters import discord_render, slack_render  # noqa: E402
from bot.catalog import load_catalog  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.digest.compose import Digest, compose_digest  # noqa: E402
from bot.digest.verdicts import verdict_labels  # noqa: E402
from bot.store.db import Store  # noqa: E402
from bot.store.ingest import ingest_paths  # noqa: E402
from tests.gold.draw import TEST_CHANNELS  # noqa: E402  (never drawn here: held out from tuning)

DAY_ONE = ["FhIPUFZhKzI", "_N2KPEdh69s", "P6y0gr-W2-k"]  # redpointai: Snowflake, Mistral, DeepSeek
DAY_TWO_EPISODES = 40
_VIDEO = re.compile(r"^videoId:\s*(\S+)", re.MULTILINE)


def episodes_of(vault: Path) -> dict[str, list[Path]]:
    """video id → its note files."""
    out: dict[str, list[Path]] = {}
    for path in sorted(vault.rglob("*.md")):
        match = _VIDEO.search(path.read_text("utf-8", "replace")[:2000])
        if match:
            out.setdefault(match.group(1).strip("'\""), []).append(path)
    return out


def day_two(episodes: dict[str, list[Path]], vault: Path) -> list[str]:
    candidates = [
        video
        for video, paths in sorted(episodes.items())
        if video not in DAY_ONE and paths[0].relative_to(vault).parts[0].lower() not in TEST_CHANNELS
    ]
    return random.Random(16).sample(candidates, DAY_TWO_EPISODES)


def show(name: str, digest: Digest, out: Path) -> None:
    discord = discord_render.render_reply(digest.reply)
    slack = slack_render.render_reply(digest.reply)
    (out / f"{name}.discord.json").write_text(json.dumps([e.to_dict() for e in discord.embeds], indent=1))
    (out / f"{name}.slack.json").write_text(json.dumps(slack.blocks, indent=1))
    print(
        f"\n## {name}: Discord ({len(discord.embeds)} embeds, {discord_render.total_length(discord.embeds)}/6000 characters)\n"
    )
    for embed in discord.embeds:
        if embed.title:
            print(f"# {embed.title}")
        print(embed.description or "")
    print(f"\n## {name}: Slack ({len(slack.blocks)}/50 blocks)\n")
    for block in slack.blocks:
        text = block.get("text") or (block.get("elements") or [{}])[0]
        print(text.get("text", "---") if isinstance(text, dict) else "---")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vault", type=Path, default=HERE.parent.parent / "shared" / "vault")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "labnotes-digest-days")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    episodes = episodes_of(args.vault)
    days = [DAY_ONE, day_two(episodes, args.vault)]
    held = {path for day in days for video in day for path in episodes[video]}
    catalog = load_catalog(Config().catalog_path)
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "notes"
        shutil.copytree(args.vault, notes, ignore=lambda d, names: [n for n in names if Path(d, n) in held])
        store = await Store.open(Path(tmp) / "labnotes.db")
        try:
            await ingest_paths(store, [notes], catalog)
            baseline = await verdict_labels(store)
            for number, day in enumerate(days, start=1):
                await asyncio.sleep(1.1)  # stored times have whole seconds: the day starts on a fresh one
                start = datetime.now(UTC).replace(microsecond=0)
                for video in day:
                    for path in episodes[video]:
                        target = notes / path.relative_to(args.vault)
                        shutil.copy(path, target)
                await ingest_paths(store, [notes], catalog)
                digest = await compose_digest(
                    store, start=start, end=datetime.now(UTC) + timedelta(seconds=1), baseline_labels=baseline
                )
                baseline = digest.labels
                show(f"day{number}", digest, args.out)
        finally:
            await store.close()
    print(f"\nJSON as sent: {args.out}")


if __name__ == "__main__":
    asyncio.run(main())
