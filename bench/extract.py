"""Extraction throughput over a notes folder: µs per claim for `Extractor.extract`.

    .venv/bin/python bench/extract.py [NOTES_DIR]   (default: ../shared/corpus)

Parsing is done first and not timed; the budget is about 20 µs per claim on average.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.catalog import load_catalog  # noqa: E402
from bot.extract.extractor import Extractor  # noqa: E402
from bot.notes.model import Claim, Note  # noqa: E402
from bot.notes.parse import parse_bytes  # noqa: E402


def main() -> None:
    notes_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    claims: list[Claim] = []
    for path in sorted(notes_dir.rglob("*.md")):
        parsed = parse_bytes(path.read_bytes(), path.relative_to(notes_dir).as_posix())
        if isinstance(parsed, Note):
            claims.extend(parsed.claims)
    started = time.perf_counter()
    extractor = Extractor(load_catalog())
    built = time.perf_counter()
    mentions = signals = 0
    for claim in claims:
        facts = extractor.extract(claim)
        mentions += len(facts.mentions)
        signals += len(facts.signals)
    done = time.perf_counter()
    per_claim = (done - built) / max(len(claims), 1) * 1e6
    print(f"{len(claims)} claims, {mentions} mentions, {signals} openness signals")
    print(f"extractor built in {(built - started) * 1e3:.1f} ms; {per_claim:.1f} µs per claim")


if __name__ == "__main__":
    main()
