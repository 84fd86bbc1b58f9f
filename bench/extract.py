"""Extraction throughput over a notes folder: µs per claim for `Extractor.extract`; and how one long claim
scales: µs per character to extract it and to parse it as a one-line note, from 1 KB to 1 MB.

    .venv/bin/python bench/extract.py [NOTES_DIR]   (default: ../shared/corpus)

Parsing is done first and not timed; the budget is about 20 µs per claim on average. Claims are
extracted note by note, in order, as ingest does (a claim may point back to the one before it). The time
per claim is the best of three passes, in CPU time as well as wall time, so that other work on a shared
machine does not count; only claims with an openness word (`may_have_cue`) get the deeper analysis, and
their share is printed. The long claim is the worst case of tests/test_hostile_long_claims.py: one
sentence dense with cues and names, no full stop; linear code keeps µs per character flat across sizes.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.catalog import load_catalog  # noqa: E402
from bot.extract.extractor import Extractor  # noqa: E402
from bot.extract.openness import may_have_cue  # noqa: E402
from bot.notes.model import Claim, Note  # noqa: E402
from bot.notes.parse import parse_bytes  # noqa: E402
from tests.test_hostile_long_claims import one_line_note, sentence  # noqa: E402

LONG_SIZES = (1_000, 16_000, 128_000, 1_000_000)


def main() -> None:
    notes_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    claims: list[tuple[Claim, str]] = []  # with its note's title, as ingest passes it
    for path in sorted(notes_dir.rglob("*.md")):
        parsed = parse_bytes(path.read_bytes(), path.relative_to(notes_dir).as_posix())
        if isinstance(parsed, Note):
            claims.extend((claim, parsed.title) for claim in parsed.claims)
    started = time.perf_counter()
    extractor = Extractor(load_catalog())
    built = time.perf_counter()
    mentions = signals = 0
    for claim, title in claims:
        facts = extractor.extract(claim, title)
        mentions += len(facts.mentions)
        signals += len(facts.signals)
    wall = cpu = float("inf")
    for _ in range(3):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        for claim, title in claims:
            extractor.extract(claim, title)
        wall = min(wall, time.perf_counter() - wall_start)
        cpu = min(cpu, time.process_time() - cpu_start)
    count = max(len(claims), 1)
    cued = sum(1 for claim, _ in claims if may_have_cue(claim.text))
    print(
        f"{len(claims)} claims ({cued / count:.1%} with an openness word), {mentions} mentions, {signals} openness signals"
    )
    print(
        f"extractor built in {(built - started) * 1e3:.1f} ms; {wall / count * 1e6:.1f} µs per claim"
        f" ({cpu / count * 1e6:.1f} µs CPU)"
    )
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
