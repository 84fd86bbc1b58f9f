"""Extraction throughput over a notes folder: µs per claim for `Extractor.extract`; and how one long claim
scales: µs per character to extract it and to parse it as a one-line note, from 1 KB to 1 MB.

    .venv/bin/python bench/extract.py [NOTES_DIR]   (default: ../shared/corpus)

Parsing is done first and not timed; the budget is about 20 µs per claim on average. The long claim is
the worst case of tests/test_hostile_long_claims.py: one sentence dense with cues and names, no full
stop; linear code keeps µs per character flat across sizes.
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
from tests.test_hostile_long_claims import one_line_note, sentence  # noqa: E402

LONG_SIZES = (1_000, 16_000, 128_000, 1_000_000)


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
    long_claims(extractor)


def long_claims(extractor: Extractor) -> None:
    print("one long claim, µs per character:")
    for size in LONG_SIZES:
        text = sentence(size)
        claim = Claim(0, text, None, (), (), "Meta (Llama)")
        note = one_line_note(text)
        repeat = max(1, 16_000 // size)  # the small sizes are timed over a few runs
        started = time.perf_counter()
        for _ in range(repeat):
            extractor.extract(claim)
        extracted = time.perf_counter()
        for _ in range(repeat):
            parse_bytes(note)
        parsed = time.perf_counter()
        per_char = 1e6 / (size * repeat)
        print(
            f"  {size:>9,} characters: extract {(extracted - started) * per_char:.2f},"
            f" parse {(parsed - extracted) * per_char:.3f}"
        )


if __name__ == "__main__":
    main()
