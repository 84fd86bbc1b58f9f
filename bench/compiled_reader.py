"""The compiled note reader against its source: the same rows for every note, and how much CPU each takes.

    python bench/compiled_reader.py [FOLDER] [--repeat 3]

Reads every .md file of FOLDER (default ../shared/vault) the way ingest's workers do (parse with each
channel prior, extract, build the store's rows), once in a process running the reader as Python
(LABNOTES_PURE=1) and once in a process running its build (bot.compiled; `python -m bot.compile_reader`
makes it). Exits 1 when any file's rows differ or there is no build for this source; prints the CPU time of
both, best of the repeats, and their ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot.compiled import PURE_ENV  # noqa: E402


def read(folder: Path, repeat: int) -> dict[str, Any]:
    """In this process: each file's rows as a digest, the reader's best CPU time, and whether it ran
    compiled."""
    from bot.catalog import load_catalog
    from bot.compiled import in_use
    from bot.config import Config
    from bot.extract.extractor import Extractor
    from bot.notes.model import Rejected
    from bot.store.ingest import Prepared, doc_rows, prepare_each_prior

    extractor = Extractor(load_catalog(Config().catalog_path))
    files = [
        (path.relative_to(folder).as_posix(), path.read_bytes()) for path in sorted(folder.rglob("*.md"))
    ]

    def rows(doc: Prepared | Rejected) -> str:
        return repr(doc) if isinstance(doc, Rejected) else repr(doc_rows(doc))

    digests, best = {}, float("inf")
    for _ in range(repeat):
        started = time.process_time()
        results = [prepare_each_prior(rel, data, extractor) for rel, data in files]
        best = min(best, time.process_time() - started)
    for (rel, _), (first, others) in zip(files, results, strict=True):
        text = rows(first) + "".join(f"\0{prior}\0{rows(doc)}" for prior, doc in sorted(others.items()))
        digests[rel] = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    return {"compiled": in_use(), "cpu": best, "digests": digests}


def run(folder: Path, repeat: int, pure: bool) -> dict[str, Any]:
    # One hash seed for both: a claim's mentions come in set order, which follows the seed in either reader.
    env = {key: value for key, value in os.environ.items() if key != PURE_ENV} | {"PYTHONHASHSEED": "0"}
    if pure:
        env[PURE_ENV] = "1"
    command = [sys.executable, __file__, str(folder), "--repeat", str(repeat), "--child"]
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout))


def compare(folder: Path, repeat: int = 1) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Both readers over `folder`: the pure run, the compiled run, and the files whose rows differ."""
    pure, compiled = run(folder, repeat, pure=True), run(folder, repeat, pure=False)
    differ = sorted(rel for rel, digest in pure["digests"].items() if compiled["digests"].get(rel) != digest)
    return pure, compiled, differ


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=HERE.parent.parent / "shared" / "vault")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ns = parser.parse_args()
    if ns.child:
        print(json.dumps(read(ns.folder, ns.repeat)))
        return 0
    pure, compiled, differ = compare(ns.folder, ns.repeat)
    if not compiled["compiled"]:
        print("no build of the note reader for this source: run `python -m bot.compile_reader` first")
        return 1
    for rel in differ:
        print("DIFFERS", rel)
    files = len(pure["digests"])
    print(f"same rows: {files - len(differ)} of {files} files ({ns.folder})")
    print(f"Python reader: best of {ns.repeat} {pure['cpu']:.2f} s CPU")
    print(f"compiled reader: best of {ns.repeat} {compiled['cpu']:.2f} s CPU")
    print(f"compiled/Python: {compiled['cpu'] / pure['cpu']:.2f}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
