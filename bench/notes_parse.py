"""Note parser throughput: parse every .md file of a folder (default ../shared/corpus) and report MB/s.

    .venv/bin/python bench/notes_parse.py [FOLDER] [--repeat 5]

Files are read into memory first, so only parsing is timed; the best of the repeats is reported, as
CPU time (process_time) so that other work on a shared machine disturbs the figure less.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot.notes.parse import parse_bytes  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = [
        (p.relative_to(args.folder).as_posix(), p.read_bytes()) for p in sorted(args.folder.rglob("*.md"))
    ]
    size = sum(len(data) for _, data in files)
    best = float("inf")
    kinds: Counter[str] = Counter()
    for _ in range(max(1, args.repeat)):
        started = time.process_time()
        results = [parse_bytes(data, source) for source, data in files]
        best = min(best, time.process_time() - started)
        kinds = Counter(type(result).__name__ for result in results)
    print(f"{len(files)} files, {size / 1e6:.1f} MB: {dict(kinds)}")
    print(f"best of {args.repeat}: {best:.3f} s CPU = {size / 1e6 / best:.1f} MB/s")


if __name__ == "__main__":
    main()
