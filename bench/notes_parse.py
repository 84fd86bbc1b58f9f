"""Note parser throughput: parse every .md file of a folder (default ../shared/corpus) and report MB/s.

    .venv/bin/python bench/notes_parse.py [FOLDER] [--repeat 5]
    .venv/bin/python bench/notes_parse.py ../shared/vault --repeat 3 --against /tmp/old_tree

Files are read into memory first, so only parsing is timed; the best of the repeats is reported, as
CPU time (process_time) so that other work on a shared machine disturbs the figure less.

`--against DIR` loads a second copy of the parser from another tree of the project (e.g. HEAD exported
with `git archive HEAD | tar -x -C DIR`), checks that every file parses to the same result under both
(`parse_bytes` with no prior and with each channel prior, and `own_reading`), and times both in the
same run, interleaved, so the ratio holds on a busy machine. Exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.trees import load_apart  # noqa: E402

PRIORS = (None, "hours", "minutes")


def load_parser(root: Path) -> ModuleType:
    """`bot.notes.parse` as the tree at `root` has it, loaded apart from any other copy (bench/trees.py)."""
    return load_apart(root, ["bot.notes.parse"])["bot.notes.parse"]


def parse_all(parse: ModuleType, files: list[tuple[str, bytes]]) -> list[Any]:
    return [parse.parse_bytes(data, source) for source, data in files]


def own_readings(parse: ModuleType, files: list[tuple[str, bytes]]) -> list[Any]:
    return [parse.own_reading(data) for _, data in files]


def cpu(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def differences(old: ModuleType, new: ModuleType, files: list[tuple[str, bytes]]) -> list[str]:
    """Files whose parse (any prior) or own reading differs; compared by repr, which shows every field
    (the two copies' classes are distinct, so `==` would never hold)."""
    found = []
    for source, data in files:
        if old.own_reading(data) != new.own_reading(data):
            found.append(f"{source}: own_reading")
        for prior in PRIORS:
            if repr(old.parse_bytes(data, source, prior)) != repr(new.parse_bytes(data, source, prior)):
                found.append(f"{source}: parse_bytes prior={prior}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--against", type=Path, help="another tree of the project: check and time both")
    args = parser.parse_args()
    files = [
        (p.relative_to(args.folder).as_posix(), p.read_bytes()) for p in sorted(args.folder.rglob("*.md"))
    ]
    size = sum(len(data) for _, data in files)
    new = load_parser(ROOT)
    old = load_parser(args.against) if args.against else None
    repeat = max(1, args.repeat)
    kinds = Counter(type(result).__name__ for result in parse_all(new, files))
    print(f"{len(files)} files, {size / 1e6:.1f} MB: {dict(kinds)}")
    if old is None:
        best = min(cpu(lambda: parse_all(new, files)) for _ in range(repeat))
        print(f"best of {repeat}: {best:.3f} s CPU = {size / 1e6 / best:.1f} MB/s")
        return
    different = differences(old, new, files)
    for line in different[:20]:
        print("DIFFERS", line)
    print(f"identical: {len(files) - len({d.split(':')[0] for d in different})} of {len(files)} files")
    times: dict[str, list[float]] = {
        "old parse": [],
        "new parse": [],
        "old own_reading": [],
        "new own_reading": [],
    }
    for _ in range(repeat):  # interleaved: a busy spell of the machine hits both alike
        for name, module in (("old", old), ("new", new)):
            times[f"{name} parse"].append(cpu(functools.partial(parse_all, module, files)))
            times[f"{name} own_reading"].append(cpu(functools.partial(own_readings, module, files)))
    fastest = {name: min(values) for name, values in times.items()}
    for name, seconds in fastest.items():
        print(f"{name}: best of {repeat} {seconds:.3f} s CPU = {size / 1e6 / seconds:.1f} MB/s")
    print(f"parse new/old: {fastest['new parse'] / fastest['old parse']:.2f}")
    print(f"own_reading new/old: {fastest['new own_reading'] / fastest['old own_reading']:.2f}")
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
