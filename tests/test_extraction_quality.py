"""Extraction quality against hand-annotated claims of real notes (tests/data/extraction_gold.yaml).

Prints precision and recall of the subject and of openness signals (entity + kind) and holds them above
floors. Needs ../shared/corpus; skipped when it is absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bot.catalog import DEFAULT_CATALOG, Catalog, load_catalog
from bot.contracts import EntityRef
from bot.extract.extractor import Extractor
from bot.extract.model import ClaimFacts
from bot.notes.model import Claim, Note
from bot.notes.parse import parse_bytes
from bot.notes.timestamps import readings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GOLD = Path(__file__).resolve().parent / "data" / "extraction_gold.yaml"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not available"),
]

SUBJECT_PRECISION_FLOOR = 0.8
SUBJECT_RECALL_FLOOR = 0.8
SIGNAL_PRECISION_FLOOR = 0.95
SIGNAL_RECALL_FLOOR = 0.9


@dataclass(frozen=True)
class Case:
    file: str
    t: str
    contains: str
    subject: EntityRef | None
    signals: frozenset[tuple[EntityRef, str]]


def ref(catalog: Catalog, entity_id: str) -> EntityRef:
    found = catalog.lookup(entity_id)
    assert found is not None and found.id == entity_id, f"{entity_id!r} is not a catalog id"
    return found


def load_cases(catalog: Catalog) -> list[Case]:
    cases = []
    for entry in yaml.safe_load(GOLD.read_text(encoding="utf-8")):
        signals = frozenset(
            (ref(catalog, entity), kind) for entity, kind in (s.split(":") for s in entry["signals"])
        )
        subject = ref(catalog, entry["subject"]) if entry["subject"] else None
        cases.append(Case(entry["file"], str(entry["t"]), entry["contains"], subject, signals))
    return cases


def find_claim(case: Case) -> Claim:
    parsed = parse_note_file(case.file)
    # The note decides whether "15:46:00" is 15 h 46 min or 15 min 46 s (bot.notes.timestamps): either.
    seconds = readings(case.t)
    matching = [c for c in parsed.claims if case.contains in c.text and seconds & set(c.timestamps)]
    assert len(matching) == 1, f"{case.file} @ {case.t}: {len(matching)} claims contain {case.contains!r}"
    return matching[0]


def parse_note_file(file: str) -> Note:
    parsed = parse_bytes((CORPUS / file).read_bytes(), file)
    assert isinstance(parsed, Note), f"{file} did not parse as a note"
    return parsed


def extract_in_order(extractor: Extractor, file: str, claim: Claim) -> ClaimFacts:
    """The claim's facts with the claims before it extracted first, as ingest does (a claim may point
    back to the one before it)."""
    facts = [extractor.extract(c) for c in parse_note_file(file).claims[: claim.ordinal + 1]]
    return facts[claim.ordinal]


def name(entity: EntityRef | None) -> str | None:
    return entity.id if entity is not None else None


def names(signals: frozenset[tuple[EntityRef, str]]) -> list[str]:
    return sorted(f"{entity.id}:{kind}" for entity, kind in signals)


def ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


@pytest.fixture(scope="module")
def scored() -> dict[str, float]:
    catalog = load_catalog(DEFAULT_CATALOG)
    extractor = Extractor(catalog)
    cases = load_cases(catalog)
    subject_hits = subject_predicted = subject_expected = 0
    signal_hits = signal_predicted = signal_expected = 0
    misses: list[str] = []
    for case in cases:
        facts = extract_in_order(extractor, case.file, find_claim(case))
        # A model's signal counts for its lab anyway: crediting the lab too is neither required nor wrong.
        implied = {(catalog.lab_of(entity), kind) for entity, kind in case.signals} - case.signals
        got = frozenset((s.entity, s.kind) for s in facts.signals) - implied
        subject_predicted += facts.subject is not None
        subject_expected += case.subject is not None
        subject_hits += facts.subject is not None and facts.subject == case.subject
        signal_predicted += len(got)
        signal_expected += len(case.signals)
        signal_hits += len(got & case.signals)
        if facts.subject != case.subject or got != case.signals:
            misses.append(
                f"  {case.file} @ {case.t} {case.contains!r}: subject {name(facts.subject)}"
                f" (want {name(case.subject)}); extra {names(got - case.signals)};"
                f" missing {names(case.signals - got)}"
            )
    figures = {
        "claims": len(cases),
        "subject_precision": ratio(subject_hits, subject_predicted),
        "subject_recall": ratio(subject_hits, subject_expected),
        "signal_precision": ratio(signal_hits, signal_predicted),
        "signal_recall": ratio(signal_hits, signal_expected),
    }
    print("\nextraction quality on", len(cases), "annotated claims:")
    for figure, value in figures.items():
        if figure != "claims":
            print(f"  {figure}: {value:.3f}")
    print("disagreements:\n" + "\n".join(misses))
    return figures


def test_gold_covers_at_least_100_claims_from_the_four_channels() -> None:
    entries = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    assert len(entries) >= 100
    assert {e["file"].split("/")[0] for e in entries} == {"bankless", "dwarkeshpatel", "redpointai", "hu-po"}
    assert all(len(e["contains"]) <= 40 for e in entries)


def test_subject_precision(scored: dict[str, float]) -> None:
    assert scored["subject_precision"] >= SUBJECT_PRECISION_FLOOR


def test_subject_recall(scored: dict[str, float]) -> None:
    assert scored["subject_recall"] >= SUBJECT_RECALL_FLOOR


def test_signal_precision(scored: dict[str, float]) -> None:
    assert scored["signal_precision"] >= SIGNAL_PRECISION_FLOOR


def test_signal_recall(scored: dict[str, float]) -> None:
    assert scored["signal_recall"] >= SIGNAL_RECALL_FLOOR
