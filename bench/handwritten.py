"""Score extraction on hand-written sentences labelled before they were run (tests/gold/README.md).

    .venv/bin/python bench/handwritten.py [tests/gold/handwritten_holdout_1.tsv] [--show]

Each line: a sentence, a tab, the signals a careful reader records (`entity:kind`, space-separated; empty
for none; SKIP for a sentence the writer could not decide). As in tests/openness_gold.py, a model's lab
credited alongside it is neither required nor wrong. Prints precision and recall of signals.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot.catalog import DEFAULT_CATALOG, load_catalog  # noqa: E402
from bot.extract.extractor import Extractor  # noqa: E402
from bot.notes.model import Claim  # noqa: E402

DEFAULT = HERE.parent / "tests" / "gold" / "handwritten_holdout_1.tsv"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="store_true", help="print every sentence scored wrong")
    ns = parser.parse_args()
    catalog = load_catalog(DEFAULT_CATALOG)
    extractor = Extractor(catalog)

    def lab(entity: str) -> str:
        model = catalog.models.get(entity)
        return model.lab if model is not None else entity

    hits = predicted = expected = 0
    for number, line in enumerate(ns.file.read_text("utf-8").splitlines()):
        text, _, labels = line.partition("\t")
        if not text or labels == "SKIP":
            continue
        want = {(e, k) for e, _, k in (label.partition(":") for label in labels.split())}
        # a sentence of its own: ordinals far apart, so none points back to the one before
        claim = Claim(ordinal=number * 3, text=text, seconds=None, timestamps=(), heading_path=())
        got = {(s.entity.id, s.kind) for s in extractor.extract(claim).signals}
        got -= {(lab(e), k) for e, k in want} - want
        hits += len(got & want)
        predicted += len(got)
        expected += len(want)
        if ns.show and got != want:
            print(f"extra {sorted(got - want)} missing {sorted(want - got)} | {text}")
    precision = hits / predicted if predicted else 1.0
    recall = hits / expected if expected else 1.0
    print(f"precision {precision:.3f} ({hits}/{predicted})  recall {recall:.3f} ({hits}/{expected})")


if __name__ == "__main__":
    main()
