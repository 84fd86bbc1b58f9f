"""Scoring extraction against the hand-judged openness gold set in tests/gold/ (see its README).

    python -m tests.openness_gold dev     # figures and every disagreement, development channels
    python -m tests.openness_gold test    # the held-out test channels (judged once, at the end)
    python -m tests.openness_gold dev_fresh  # one draw alone (dev_fresh_*.yaml): claims nobody tuned on

Each assertion names a claim by (file, t, contains). The assertions of one claim are exhaustive, so
precision counts every signal extracted from a judged claim, and recall every signal a reader recorded.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from bot.catalog import DEFAULT_CATALOG, Catalog, load_catalog
from bot.extract.extractor import Extractor
from bot.extract.model import ClaimFacts
from bot.notes.model import Claim, Note
from bot.notes.parse import parse_bytes

GOLD = Path(__file__).resolve().parent / "gold"
# The first 122 claims, judged on the corpus channels (their files are the vault's) before this set.
EARLIER = Path(__file__).resolve().parent / "data" / "extraction_gold.yaml"
VAULT = Path(__file__).resolve().parents[2] / "shared" / "vault"
KINDS = ("open", "closed", "partial", "planned")


@dataclass(frozen=True)
class Assertion:
    file: str
    t: str | None
    contains: str
    entity: str | None
    kind: str
    present: bool
    earlier: bool = False  # from the 122-claim set judged before the rules were written down


@dataclass
class Score:
    claims: int = 0
    assertions: int = 0
    unresolved: list[str] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)  # per kind and "all"
    predicted: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)
    mention_hits: int = 0
    mention_predicted: int = 0
    disagreements: list[str] = field(default_factory=list)

    def precision(self, kind: str = "all") -> float:
        return self.hits[kind] / self.predicted[kind] if self.predicted[kind] else 1.0

    def recall(self, kind: str = "all") -> float:
        return self.hits[kind] / self.expected[kind] if self.expected[kind] else 1.0

    def mention_precision(self) -> float:
        return self.mention_hits / self.mention_predicted if self.mention_predicted else 1.0


def load_earlier() -> list[Assertion]:
    """The earlier gold's claims as assertions: each listed signal, or "no signal" for a claim without."""
    found: list[Assertion] = []
    for entry in yaml.safe_load(EARLIER.read_text(encoding="utf-8")):
        file, t, contains = str(entry["file"]), str(entry["t"]), str(entry["contains"])
        for signal in entry["signals"]:
            entity, kind = signal.split(":")
            found.append(Assertion(file, t, contains, entity, kind, True, earlier=True))
        if not entry["signals"]:
            found.append(Assertion(file, t, contains, None, "none", True, earlier=True))
    return found


def load(which: str) -> list[Assertion]:
    """The assertions of `{which}_*.yaml`; "dev" also takes the earlier 122 claims."""
    files = sorted(GOLD.glob(f"{which}_*.yaml"))
    found: list[Assertion] = load_earlier() if which == "dev" else []
    for path in files:
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            t = entry.get("t")
            found.append(
                Assertion(
                    str(entry["file"]),
                    None if t is None else str(t),
                    str(entry["contains"]),
                    entry.get("entity"),
                    str(entry["kind"]),
                    bool(entry["present"]),
                )
            )
    return found


@cache
def _note(file: str) -> Note | None:
    parsed = parse_bytes((VAULT / file).read_bytes(), file)
    return parsed if isinstance(parsed, Note) else None


def _seconds(t: str | None) -> int | None:
    if t is None:
        return None
    hours, minutes, seconds = (int(part) for part in t.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def find_claim(assertion: Assertion) -> Claim | None:
    """The one claim of the note that holds `contains`; the drawn time decides between several."""
    note = _note(assertion.file)
    if note is None:
        return None
    matching = [claim for claim in note.claims if assertion.contains in claim.text]
    if len(matching) > 1:
        seconds = _seconds(assertion.t)
        matching = [claim for claim in matching if seconds in claim.timestamps]
    return matching[0] if len(matching) == 1 else None


def _note_facts(extractor: Extractor, file: str) -> list[ClaimFacts]:
    """Every claim of the note extracted in order, as ingest does: a claim may lean on the one before."""
    note = _note(file)
    assert note is not None
    return [extractor.extract(claim, note.title) for claim in note.claims]


def _lab_of(catalog: Catalog, entity: str) -> str:
    model = catalog.models.get(entity)
    return model.lab if model is not None else entity


def _canonical(catalog: Catalog, assertion: Assertion) -> Assertion:
    """The assertion with its entity as the catalog names it: judges wrote the entity as they read it
    (`vercel-v0`, `Hugging Face`), and one the catalog knows by another id or an alias is still that entity."""
    if assertion.entity is None:
        return assertion
    ref = catalog.lookup(assertion.entity)
    return assertion if ref is None else dataclasses.replace(assertion, entity=ref.id)


def score(assertions: list[Assertion], catalog: Catalog) -> Score:
    extractor = Extractor(catalog)
    result = Score(assertions=len(assertions))
    by_claim: dict[tuple[str, int], tuple[Claim, list[Assertion]]] = {}
    for assertion in (_canonical(catalog, a) for a in assertions):
        claim = find_claim(assertion)
        if claim is None:
            result.unresolved.append(f"{assertion.file} @ {assertion.t} {assertion.contains!r}")
            continue
        by_claim.setdefault((assertion.file, claim.ordinal), (claim, []))[1].append(assertion)
    # A claim judged again under the written-down rules (a model's owner credited, "open weights but not
    # the data" partial) takes the new judgement only.
    for _claim, judged in by_claim.values():
        if any(a.earlier for a in judged) and not all(a.earlier for a in judged):
            judged[:] = [a for a in judged if not a.earlier]
    result.claims = len(by_claim)
    facts_of: dict[str, list[ClaimFacts]] = {}
    for (file, _), (claim, judged) in sorted(by_claim.items()):
        if file not in facts_of:
            facts_of[file] = _note_facts(extractor, file)
        facts = facts_of[file][claim.ordinal]
        got = {(signal.entity.id, signal.kind) for signal in facts.signals}
        want = {(a.entity, a.kind) for a in judged if a.kind in KINDS and a.present and a.entity}
        # A model's signal counts for its lab in every verdict, so crediting the lab too ("Meta" for "Llama
        # 2 is open-source") is neither required nor wrong, unless a judge said the lab must not get it.
        denied = {(a.entity, a.kind) for a in judged if a.kind in KINDS and not a.present}
        implied = {(_lab_of(catalog, entity), kind) for entity, kind in want} - want - denied
        got -= implied
        for kind in (*KINDS, "all"):
            of_kind = {s for s in got if kind in ("all", s[1])}
            wanted = {s for s in want if kind in ("all", s[1])}
            result.predicted[kind] += len(of_kind)
            result.expected[kind] += len(wanted)
            result.hits[kind] += len(of_kind & wanted)
        mentioned = {mention.entity.id for mention in facts.mentions}
        for a in judged:
            if a.kind == "mention" and a.entity in mentioned:
                result.mention_predicted += 1
                result.mention_hits += a.present
        if got != want:
            extra = ", ".join(sorted(f"{e}:{k}" for e, k in got - want))
            missing = ", ".join(sorted(f"{e}:{k}" for e, k in want - got))
            result.disagreements.append(
                f"{file} @ {judged[0].t} {claim.text[:90]!r}\n    extra [{extra}] missing [{missing}]"
            )
    return result


def report(result: Score) -> str:
    lines = [f"{result.claims} claims, {result.assertions} assertions, {len(result.unresolved)} unresolved"]
    for kind in (*KINDS, "all"):
        lines.append(
            f"  {kind:8} precision {result.precision(kind):.3f} ({result.hits[kind]}/{result.predicted[kind]})"
            f"  recall {result.recall(kind):.3f} ({result.hits[kind]}/{result.expected[kind]})"
        )
    lines.append(
        f"  mention precision {result.mention_precision():.3f} ({result.mention_hits}/{result.mention_predicted})"
    )
    return "\n".join(lines)


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "dev"
    result = score(load(which), load_catalog(DEFAULT_CATALOG))
    print("\n".join(result.disagreements))
    print("unresolved:\n  " + "\n  ".join(result.unresolved))
    print(report(result))


if __name__ == "__main__":
    main()
