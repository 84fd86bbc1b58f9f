"""Extraction throughput over a notes folder: µs per claim for `Extractor.extract_note`, as ingest runs it;
and how one long claim scales: µs per character to extract it and to parse it as a one-line note, from 1 KB
to 1 MB.

    .venv/bin/python bench/extract.py [NOTES_DIR]   (default: ../shared/corpus)
    .venv/bin/python bench/extract.py ../shared/vault --against /tmp/old_tree [--repeat 3]

Parsing is done first and not timed; the budget is about 20 µs per claim on average. Claims are
extracted note by note, in order, as ingest does (a claim may point back to the one before it). The time
per claim is the best of three passes, in CPU time as well as wall time, so that other work on a shared
machine does not count; only claims with an openness word (`may_have_cue`) get the deeper analysis, and
their share is printed. The parsed notes are frozen out of the garbage collector's sight (gc.freeze), as
an ingest worker holds one note at a time. The long claim is the worst case of
tests/test_hostile_long_claims.py: one sentence dense with cues and names, no full stop; linear code keeps
µs per character flat across sizes.

`--against DIR` loads the extractor of another tree of the project (e.g. HEAD exported with
`git archive HEAD | tar -x -C DIR`), checks that every claim gets the same facts from both (mentions,
subject, signals, in order; compared by repr, as the two copies' classes differ), and times both in the
same run, interleaved. A difference is reported by note path, claim ordinal and entity ids, never by the
claim's text. Exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.trees import load_apart  # noqa: E402
from bot.catalog import load_catalog  # noqa: E402
from bot.extract.extractor import Extractor  # noqa: E402
from bot.extract.openness import may_have_cue  # noqa: E402
from bot.notes.model import Claim, Note  # noqa: E402
from bot.notes.parse import parse_bytes  # noqa: E402
from tests.test_hostile_long_claims import one_line_note, sentence  # noqa: E402

LONG_SIZES = (1_000, 16_000, 128_000, 1_000_000)
# A note's claims and title → each claim's facts.
ExtractNote = Callable[[Sequence[Any], str], list[Any]]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--against", type=Path, help="another tree of the project: check and time both")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shown", type=int, default=20, help="how many differences to print (--against)")
    args = parser.parse_args()
    notes = read_notes(args.folder)
    gc.freeze()  # as in a worker, the collector does not walk every parsed note
    started = time.perf_counter()
    extractor = Extractor(load_catalog())
    built = time.perf_counter()
    print(f"extractor built in {(built - started) * 1e3:.1f} ms")
    if args.against is not None:
        sys.exit(against(notes, extractor, args.against, max(1, args.repeat), args.shown))
    throughput(notes, extractor, max(1, args.repeat))
    long_claims(extractor)


def read_notes(folder: Path) -> list[tuple[str, Note]]:
    notes = []
    for path in sorted(folder.rglob("*.md")):
        rel = path.relative_to(folder).as_posix()
        parsed = parse_bytes(path.read_bytes(), rel)
        if isinstance(parsed, Note):
            notes.append((rel, parsed))
    return notes


def extract_all(extract_note: ExtractNote, notes: list[tuple[str, Note]]) -> list[list[Any]]:
    return [extract_note(note.claims, note.title) for _, note in notes]


def extract_each(extract_note: ExtractNote, notes: list[tuple[str, Note]]) -> None:
    """Extract every note, keeping no facts: as in a worker, a note's facts are gone before the next."""
    for _, note in notes:
        extract_note(note.claims, note.title)


def cpu_and_wall(run: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def throughput(notes: list[tuple[str, Note]], extractor: Extractor, repeat: int) -> None:
    facts = extract_all(extractor.extract_note, notes)  # the first pass fills the extractor's caches
    mentions = sum(len(f.mentions) for note in facts for f in note)
    signals = sum(len(f.signals) for note in facts for f in note)
    timings = [cpu_and_wall(lambda: extract_each(extractor.extract_note, notes)) for _ in range(repeat)]
    cpu, wall = min(t[0] for t in timings), min(t[1] for t in timings)
    claims = [claim for _, note in notes for claim in note.claims]
    count = max(len(claims), 1)
    cued = sum(1 for claim in claims if may_have_cue(claim.text))
    print(
        f"{len(claims)} claims ({cued / count:.1%} with an openness word), {mentions} mentions, {signals} openness signals"
    )
    print(f"{wall / count * 1e6:.1f} µs per claim ({cpu / count * 1e6:.1f} µs CPU)")


def load_extractor(root: Path) -> ExtractNote:
    """The note-level extraction of the tree at `root` (per claim, in order, for a tree without
    `extract_note`), with its own catalog; its `bot` modules are loaded apart from this tree's."""
    modules = load_apart(root, ["bot.catalog", "bot.extract.extractor"])
    extractor = modules["bot.extract.extractor"].Extractor(modules["bot.catalog"].load_catalog())
    if hasattr(extractor, "extract_note"):
        return extractor.extract_note  # type: ignore[no-any-return]
    return lambda claims, title: [extractor.extract(claim, title) for claim in claims]


def against(
    notes: list[tuple[str, Note]], extractor: Extractor, other: Path, repeat: int, shown: int = 20
) -> int:
    old, new = load_extractor(other), extractor.extract_note
    different = differences(notes, extract_all(old, notes), extract_all(new, notes))
    for line in different[:shown]:
        print("DIFFERS", line)
    count = sum(len(note.claims) for _, note in notes)
    print(f"identical facts: {count - len(different)} of {count} claims")
    times: dict[str, list[float]] = {"old": [], "new": []}
    for run in range(repeat):  # interleaved, each first in turn: a busy spell of the machine hits both alike
        for name in ("old", "new") if run % 2 == 0 else ("new", "old"):
            extract = old if name == "old" else new
            times[name].append(cpu_and_wall(lambda extract=extract: extract_each(extract, notes))[0])
    best = {name: min(values) for name, values in times.items()}
    for name, seconds in best.items():
        print(
            f"{name}: best of {repeat} {seconds:.3f} s CPU = {seconds / max(count, 1) * 1e6:.2f} µs per claim"
        )
    print(f"extraction new/old: {best['new'] / best['old']:.3f}")
    return 1 if different else 0


def differences(notes: list[tuple[str, Note]], old: list[list[Any]], new: list[list[Any]]) -> list[str]:
    """Claims whose facts differ, as path, ordinal and the entity ids each side found: no claim text."""
    found = []
    for (rel, note), old_facts, new_facts in zip(notes, old, new, strict=True):
        for claim, was, now in zip(note.claims, old_facts, new_facts, strict=True):
            if repr(was) != repr(now):
                found.append(f"{rel} #{claim.ordinal}: old {_ids(was)} new {_ids(now)}")
    return found


def _ids(facts: Any) -> str:
    subject = facts.subject.id if facts.subject is not None else None
    mentions = [m.entity.id for m in facts.mentions]
    signals = [(s.entity.id, s.kind, s.component) for s in facts.signals]
    return f"mentions {mentions} subject {subject} signals {signals}"


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
