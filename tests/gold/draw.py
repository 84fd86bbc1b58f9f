"""Draw the claims a reader judges for the openness gold set (see README.md here).

    python tests/gold/draw.py dev  /tmp/gold/dev.jsonl   # claims from the development channels
    python tests/gold/draw.py test /tmp/gold/test.jsonl  # only once, at the end: the test channels
    python tests/gold/draw.py dev-cue /tmp/gold/cue.jsonl  # more claims with a strong openness word
    python tests/gold/draw.py dev-fresh /tmp/gold/fresh.jsonl  # signal claims no judge has seen yet
    python tests/gold/draw.py dev-named-cue /tmp/gold/named.jsonl  # strong-cue claims naming an entity, unjudged

A claim is drawn by what its words say, never by what labnotes extracts from it, so the sample can show
what the extractor misses: claims with an openness word ("signal" stratum) and claims naming one of the
names that also mean other things ("mention" stratum). Each channel gives at most PER_CHANNEL claims of
each stratum, shuffled with a fixed seed, so a channel with many AI episodes can't fill the sample alone.

Few claims of the first draw carry an openness signal (most "API" or "licence" claims are about other
things), too few to measure recall per kind; `dev-cue` adds up to PER_CHANNEL_CUE claims per channel
with a strong openness word (open source, open weights, proprietary, closed source, pseudo open), not
already drawn, with the same seed.

Extraction was tuned on the claims of those draws, so their scores flatter it; `dev-fresh` draws signal
claims of the development channels that no gold file judges yet (an untuned estimate), at most
PER_CHANNEL_FRESH per channel with its own seed. Few channels have unjudged signal claims left, so those
come first and the rest of FRESH_TOTAL is filled one claim per channel in turn from what remains; then
up to PER_CHANNEL_CUE claims per channel with a strong openness word, as `dev-cue` does.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.notes.model import Claim, Note  # noqa: E402
from bot.notes.parse import parse_bytes  # noqa: E402

VAULT = ROOT.parent / "shared" / "vault"
SEED = 20261129
PER_CHANNEL = {"signal": 40, "mention": 12}
PER_CHANNEL_CUE = 60
FRESH_SEED = 20261130
PER_CHANNEL_FRESH = 15
FRESH_TOTAL = 300
GOLD = Path(__file__).resolve().parent
# Chosen by a seeded draw (random.Random(20261129)) before any tuning: seven of the twenty non-corpus
# channels with at least five notes that use an openness word, three of those with one to four.
TEST_CHANNELS = frozenset(
    [
        "acquiredfm",
        "amiteshanand",
        "lennyspodcast",
        "mk_thisisit",
        "sachinandadam",
        "shivaylamba",
        "toptradersunplugged",
        "artedeinvertir",
        "dhruvrathee",
        "myfirstmillionpod",
    ]
)
OPENNESS_WORDS = re.compile(
    r"open[\s-]?sourc|open[\s-]?weight|open\s+models?|proprietary|closed[\s-]?(?:sourc|weight|model)|"
    r"licen[cs]|\bweights\b|\bAPI\b|source[\s-]available",
    re.IGNORECASE,
)
STRONG_OPENNESS_WORDS = re.compile(
    r"open[\s-]?sourc|open[\s-]?weight|proprietary|closed[\s-]?sourc|pseudo[\s-]?open", re.IGNORECASE
)
AMBIGUOUS_NAMES = re.compile(
    r"\b(?:Apple|Amazon|Meta|Gemini|Claude|Llama|LLaMA|Mistral|Phi|Grok|Sora|Copilot|Orca|Codex|Flux|FLUX|"
    r"Hermes|Falcon|Jurassic|Command|Pi|Runway|Midjourney|Stability|Perplexity|Cohere|Anthropic|Google|"
    r"Microsoft|Nvidia|NVIDIA|xAI|Qwen|DeepSeek|Gemma|Whisper|DALL-E|Bard)\b"
)


def timestamp(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def channel_notes(folder: Path) -> Iterator[tuple[str, Note]]:
    """Each note of a channel folder, parsed, with its path under the vault (index pages left out)."""
    for path in sorted(folder.rglob("*.md")):
        file = str(path.relative_to(VAULT))
        parsed = parse_bytes(path.read_bytes(), file)
        if isinstance(parsed, Note):
            yield file, parsed


def row(file: str, claim: Claim, stratum: str) -> dict[str, object]:
    """A drawn claim as the judge reads it: where it is, its text, lead and headings."""
    return {
        "file": file,
        "t": timestamp(claim.seconds),
        "stratum": stratum,
        "text": claim.text,
        "lead": claim.subject,
        "headings": list(claim.heading_path),
    }


def draw(which: str) -> list[dict[str, object]]:
    rng = random.Random(SEED)
    drawn: list[dict[str, object]] = []
    channels = sorted(p for p in VAULT.iterdir() if p.is_dir())
    for folder in channels:
        if (folder.name in TEST_CHANNELS) != (which == "test"):
            continue
        strata: dict[str, list[dict[str, object]]] = {"signal": [], "mention": []}
        for file, parsed in channel_notes(folder):
            for claim in parsed.claims:
                stratum = (
                    "signal"
                    if OPENNESS_WORDS.search(claim.text)
                    else "mention"
                    if AMBIGUOUS_NAMES.search(claim.text)
                    else None
                )
                if stratum is None:
                    continue
                strata[stratum].append(row(file, claim, stratum))
        for stratum, found in strata.items():
            rng.shuffle(found)
            drawn.extend(found[: PER_CHANNEL[stratum]])
    return drawn


def draw_cues(which: str) -> list[dict[str, object]]:
    """Claims with a strong openness word that the first draw of the same channels left out."""
    taken = {(row["file"], row["text"]) for row in draw(which)}
    rng = random.Random(SEED)
    drawn: list[dict[str, object]] = []
    for folder in sorted(p for p in VAULT.iterdir() if p.is_dir()):
        if (folder.name in TEST_CHANNELS) != (which == "test"):
            continue
        found: list[dict[str, object]] = []
        for file, parsed in channel_notes(folder):
            for claim in parsed.claims:
                if (file, claim.text) in taken or not STRONG_OPENNESS_WORDS.search(claim.text):
                    continue
                found.append(row(file, claim, "cue"))
        rng.shuffle(found)
        drawn.extend(found[:PER_CHANNEL_CUE])
    return drawn


def judged_claims(draw_files: str = "dev_fresh_") -> dict[str, list[str]]:
    """Per note, the `contains` of every claim a gold file judged before the fresh draw (tests/gold, the
    earlier set): the draw's own judgements (files named `draw_files`…) are left out, so it draws the same
    claims again."""
    import yaml

    judged: dict[str, list[str]] = {}
    earlier = [path for path in sorted(GOLD.glob("*.yaml")) if not path.name.startswith(draw_files)]
    for path in [*earlier, ROOT / "tests" / "data" / "extraction_gold.yaml"]:
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(entry, dict) and "file" in entry and "contains" in entry:
                judged.setdefault(str(entry["file"]), []).append(str(entry["contains"]))
    return judged


def draw_fresh() -> list[dict[str, object]]:
    """Signal claims of the development channels that no gold file judges yet, never the test channels."""
    judged = judged_claims()
    rng = random.Random(FRESH_SEED)
    drawn: list[dict[str, object]] = []
    leftovers: list[list[dict[str, object]]] = []
    for folder in sorted(p for p in VAULT.iterdir() if p.is_dir()):
        if folder.name in TEST_CHANNELS:
            continue
        found: list[dict[str, object]] = []
        for file, parsed in channel_notes(folder):
            seen = judged.get(file, [])
            for claim in parsed.claims:
                if not OPENNESS_WORDS.search(claim.text) or any(c in claim.text for c in seen):
                    continue
                found.append(row(file, claim, "fresh"))
        rng.shuffle(found)
        drawn.extend(found[:PER_CHANNEL_FRESH])
        leftovers.append(found[PER_CHANNEL_FRESH:])
    rng.shuffle(drawn)  # judged in this order, so no channel's claims are read all together
    while len(drawn) < FRESH_TOTAL and any(leftovers):  # the fill: one claim per channel in turn
        for rest in leftovers:
            if rest and len(drawn) < FRESH_TOTAL:
                drawn.append(rest.pop(0) | {"stratum": "fresh-fill"})
    # Few of these carry a signal (most "API" or "licence" claims are about other things): add the strong
    # openness words left, at most PER_CHANNEL_CUE per channel, so recall has something to count.
    for rest in leftovers:
        cues = [row for row in rest if STRONG_OPENNESS_WORDS.search(str(row["text"]))]
        drawn.extend(row | {"stratum": "fresh-cue"} for row in cues[:PER_CHANNEL_CUE])
    return drawn


def draw_named_cues() -> list[dict[str, object]]:
    """Every claim of the development channels with a strong openness word in which labnotes finds a name of
    the catalog, not judged before (the first fresh draw included; dev_fresh_2.yaml judges them). Unlike the
    other draws this one asks the extractor which names a claim holds, never which signals."""
    from bot.catalog import DEFAULT_CATALOG, load_catalog
    from bot.extract.extractor import Extractor

    extractor = Extractor(load_catalog(DEFAULT_CATALOG))
    judged = judged_claims("dev_fresh_2")
    drawn: list[dict[str, object]] = []
    for folder in sorted(p for p in VAULT.iterdir() if p.is_dir()):
        if folder.name in TEST_CHANNELS:
            continue
        for file, parsed in channel_notes(folder):
            seen = judged.get(file, [])
            facts = extractor.extract_note(parsed.claims, parsed.title)
            for claim, found in zip(parsed.claims, facts, strict=True):
                if not STRONG_OPENNESS_WORDS.search(claim.text) or any(c in claim.text for c in seen):
                    continue
                if found.mentions or found.subject is not None:
                    drawn.append(row(file, claim, "named-cue"))
    return drawn


def main() -> None:
    which, out = sys.argv[1], Path(sys.argv[2])
    out.parent.mkdir(parents=True, exist_ok=True)
    if which == "test":  # the held-out channels get both draws at once, judged once at the end
        rows = draw("test") + draw_cues("test")
    else:
        rows = (
            draw_cues("dev")
            if which == "dev-cue"
            else draw_fresh()
            if which == "dev-fresh"
            else draw_named_cues()
            if which == "dev-named-cue"
            else draw(which)
        )
    out.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    channels = {str(row["file"]).split("/")[0] for row in rows}
    print(f"{len(rows)} claims from {len(channels)} channels -> {out}")


if __name__ == "__main__":
    main()
