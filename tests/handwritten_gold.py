"""Scoring of the hand-written sentences in tests/gold/handwritten_*.tsv (tests/gold/README.md).

Each line: a sentence, a tab, the signals a careful reader records (`entity:kind`, space-separated; empty
for none; SKIP for a sentence the writer could not decide). As in tests/openness_gold.py, a model's lab
credited alongside it is neither required nor wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.catalog import Catalog
from bot.extract.extractor import Extractor
from bot.notes.claims import split_lead
from bot.notes.markdown import plain_text
from bot.notes.model import Claim

GOLD = Path(__file__).resolve().parent / "gold"


@dataclass
class HandwrittenScore:
    hits: int = 0
    predicted: int = 0
    expected: int = 0
    wrong: list[str] = field(default_factory=list)  # "extra [...] missing [...] | sentence"

    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 1.0

    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    def report(self) -> str:
        return (
            f"precision {self.precision():.3f} ({self.hits}/{self.predicted})"
            f"  recall {self.recall():.3f} ({self.hits}/{self.expected})"
        )


def score_file(path: Path, catalog: Catalog) -> HandwrittenScore:
    extractor = Extractor(catalog)

    def lab(entity: str) -> str:
        model = catalog.models.get(entity)
        return model.lab if model is not None else entity

    result = HandwrittenScore()
    for number, line in enumerate(path.read_text("utf-8").splitlines()):
        text, _, labels = line.partition("\t")
        if not text or labels == "SKIP":
            continue
        want = {(e, k) for e, _, k in (label.partition(":") for label in labels.split())}
        # As a note's claim reads it: a bold lead is the claim's subject, wiki links and emphasis are plain text
        # ("**Open models:** …", "[[open_source_ai | open-source models]] like Qwen").
        lead, body = split_lead(text)
        plain, links = plain_text(body)
        # a sentence of its own: ordinals far apart, so none points back to the one before
        claim = Claim(
            ordinal=number * 3,
            text=plain,
            seconds=None,
            timestamps=(),
            heading_path=(),
            subject=lead.subject if lead else None,
            links=(lead.links if lead else ()) + links,
        )
        got = {(s.entity.id, s.kind) for s in extractor.extract(claim).signals}
        got -= {(lab(e), k) for e, k in want} - want
        result.hits += len(got & want)
        result.predicted += len(got)
        result.expected += len(want)
        if got != want:
            result.wrong.append(f"extra {sorted(got - want)} missing {sorted(want - got)} | {text}")
    return result
