"""Score extraction on hand-written sentences labelled before they were run (tests/gold/README.md).

    .venv/bin/python bench/handwritten.py [tests/gold/handwritten_holdout_3.tsv] [--show]

Prints precision and recall of signals (tests/handwritten_gold.py scores them); `--show` lists every
sentence scored wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot.catalog import DEFAULT_CATALOG, load_catalog  # noqa: E402
from tests.handwritten_gold import GOLD, score_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", type=Path, default=GOLD / "handwritten_holdout_3.tsv")
    parser.add_argument("--show", action="store_true", help="print every sentence scored wrong")
    ns = parser.parse_args()
    result = score_file(ns.file, load_catalog(DEFAULT_CATALOG))
    if ns.show:
        print("\n".join(result.wrong))
    print(result.report())


if __name__ == "__main__":
    main()
