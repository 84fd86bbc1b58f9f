"""Folding near-identical claims on the real vault: how the threshold was chosen, and what it removes.

    python bench/fold.py [--vault ../shared/vault] [--db PATH]

Builds the store from the vault with the real ingest (or reads --db, built from it), then prints:

1. For each Jaccard threshold, how the 120 hand-judged pairs of bench/fold_pairs.yaml fall: pairs at or
   above it (folded), how many of those are the same statement (precision), and how many of the
   same-statement pairs it folds (recall within this stratified sample, not the vault).
2. On a fixed sample of searches: how many of the ten results /search showed before folding are repeats
   of a better-ranked result (same episode, within 30 s, same words above the threshold), and how many
   searches had at least one.

Counts only: no note text is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot.catalog import load_catalog  # noqa: E402
from bot.commands.searchtext import parse_search  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.store import fold  # noqa: E402
from bot.store.db import Store  # noqa: E402
from bot.store.ingest import ingest_paths  # noqa: E402
from bot.store.queries import search_claims  # noqa: E402

RESULTS = 10
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
# What people in the community ask about (labs, models, openness, the craft), plus other subjects of the
# vault's channels, so the figure is not only about AI talk.
SEARCHES = [
    "deepseek open source",
    "llama weights",
    "open source models",
    "open weights",
    "proprietary model",
    "gpt-4",
    "claude",
    "gemini",
    "mistral",
    "grok",
    "qwen",
    "reasoning models",
    "fine-tuning",
    "inference cost",
    "ai agents",
    "rlhf",
    "scaling laws",
    "nvidia gpus",
    "anthropic safety",
    "meta ai",
    "stable diffusion",
    "synthetic data",
    "context window",
    "hallucination",
    "ai regulation",
    "chip export controls",
    "ai coding assistant",
    "retrieval augmented generation",
    "benchmarks",
    "distillation",
    "bitcoin",
    "inflation",
    "interest rates",
    "ethereum",
    "iphone",
    "dopamine",
    "sleep",
    "protein",
    "cricket",
    "marketing",
]


async def _claim(store: Store, side: dict[str, Any]) -> str:
    text = await store.scalar(
        "SELECT c.text FROM claims c JOIN sources s ON s.id = c.note_id"
        " WHERE s.path = ? AND c.seconds = ? AND c.text LIKE ? || '%' ORDER BY c.id LIMIT 1",
        (side["file"], side["t"], side["starts"]),
    )
    if text is None:
        raise SystemExit(
            f"bench/fold_pairs.yaml: no claim at {side['file']} {side['t']} s: {side['starts']!r}"
        )
    return str(text)


async def thresholds(store: Store) -> None:
    pairs = yaml.safe_load((HERE / "fold_pairs.yaml").read_text(encoding="utf-8"))
    scored = []
    for pair in pairs:
        a, b = await _claim(store, pair["a"]), await _claim(store, pair["b"])
        scored.append((fold.similarity(fold.words(a), fold.words(b)), bool(pair["same"])))
    same_total = sum(same for _, same in scored)
    print(f"Judged pairs: {len(scored)}, {same_total} the same statement.\n")
    print("| threshold | folded | same statement | precision | recall (sample) |")
    print("|---|---|---|---|---|")
    for t in THRESHOLDS:
        folded = [same for j, same in scored if j >= t]
        same = sum(folded)
        precision = same / len(folded) if folded else float("nan")
        marker = " (chosen)" if t == fold.THRESHOLD else ""
        print(f"| {t:.2f}{marker} | {len(folded)} | {same} | {precision:.3f} | {same / same_total:.3f} |")
    print("\n| Jaccard band | pairs | same statement |")
    print("|---|---|---|")
    for low, high in ((0.25, 0.35), (0.35, 0.45), (0.45, 0.55), (0.55, 0.65), (0.65, 1.0)):
        band = [same for j, same in scored if low <= j < high]
        print(f"| [{low:.2f}, {high:.2f}) | {len(band)} | {sum(band)} |")


def _exact(rows: list[Any]) -> list[Any]:
    """What /search showed before folding: each wording once."""
    seen: set[str] = set()
    out = []
    for row in rows:
        key = " ".join(row.text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


async def searches(store: Store) -> None:
    removed = with_repeats = shown = 0
    per_query = []
    for text in SEARCHES:
        query = parse_search(text)
        assert query.match is not None
        result = await search_claims(store, query.match, limit=RESULTS * 3)
        before = _exact(result.rows)[:RESULTS]
        repeats = len(before) - len(fold.fold(before))
        removed += repeats
        shown += len(before)
        with_repeats += repeats > 0
        per_query.append((text, len(before), repeats))
    print(f"\nSearches: {len(SEARCHES)}; of the {shown} results they showed before folding, {removed}")
    print(
        f"({removed / shown:.1%}) repeated a better-ranked result; {with_repeats} searches had at least one.\n"
    )
    print("| search | results | repeats folded |")
    print("|---|---|---|")
    for text, count, repeats in per_query:
        print(f"| {text} | {count} | {repeats} |")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vault", type=Path, default=HERE.parent.parent / "shared" / "vault")
    parser.add_argument("--db", type=Path, help="a store already built from the vault")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "vault.db"
        store = await Store.open(db)
        if args.db is None:
            await ingest_paths(store, [args.vault], load_catalog(Config().catalog_path))
        try:
            await thresholds(store)
            await searches(store)
        finally:
            await store.close()


if __name__ == "__main__":
    asyncio.run(main())
