"""Names a catalog of every AI lab and model family named in five or more vault notes may still lack.

    python tests/gold/catalog_candidates.py /tmp/gold/candidates.tsv

Earlier rounds drew candidates from the development channels only (README.md, "How the catalog was
grown"), so a lab or model that only the held-out channels name never became one, although the issue asks
for every one the vault names in five or more notes. This draws them from all 77 channels, by count only:
a capitalised run of one to four words ("Kimi K2", "GLM-4.5", "Stable Diffusion") that stands in a claim
with an openness cue (bot.extract.cues.CUE_RE), where a catalog entry would give a signal. Each such name
is then counted over every note of the vault (notes holding it anywhere), and kept when that is five or
more and the catalog finds no entity in it. The output lists each name with its counts (all notes, notes
of development channels, cue claims) and nothing of the notes' text: a reader judges the names, by reading
development notes where there are any, by the name alone (what the lab or model is) where there are none.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from bot.catalog import load_catalog  # noqa: E402
from bot.extract.cues import CUE_RE, may_have_cue  # noqa: E402
from bot.extract.mentions import MentionFinder  # noqa: E402
from bot.notes.model import Note  # noqa: E402
from bot.notes.parse import parse_bytes  # noqa: E402
from tests.gold.draw import TEST_CHANNELS, VAULT  # noqa: E402

# A word of a name: capitalised or holding a digit ("GPT", "Kimi", "K2", "4.5", "xAI"), dots, hyphens
# and "+" inside it.
_WORD = r"(?:[A-Z][\w.+\-]*[\w+]|[A-Z]|[a-z]+[A-Z][\w.+\-]*|\d[\w.\-]*[A-Za-z][\w.\-]*)"
_RUN = re.compile(rf"(?<![\w.\-]){_WORD}(?:[ \t]+{_WORD}){{0,3}}(?![\w\-])")
_SPLIT = re.compile(r"[ \t]+")
MIN_NOTES = 5


def runs(text: str) -> set[str]:
    """Every capitalised run of `text` and each of its shorter runs of consecutive words."""
    found: set[str] = set()
    for match in _RUN.finditer(text):
        words = _SPLIT.split(match.group())
        for size in range(1, len(words) + 1):
            for start in range(len(words) - size + 1):
                found.add(" ".join(words[start : start + size]))
    return found


def main() -> None:
    out = Path(sys.argv[1])
    finder = MentionFinder(load_catalog())
    notes_with: Counter[str] = Counter()
    dev_notes_with: Counter[str] = Counter()
    cue_claims: Counter[str] = Counter()
    for path in sorted(VAULT.rglob("*.md")):
        data = path.read_bytes()
        text = data.decode("utf-8", "replace")
        held_out = path.relative_to(VAULT).parts[0] in TEST_CHANNELS
        names = runs(text)
        notes_with.update(names)
        if not held_out:
            dev_notes_with.update(names)
        note = parse_bytes(data, str(path.relative_to(VAULT)))
        if not isinstance(note, Note):
            continue
        for claim in note.claims:
            if may_have_cue(claim.text) and CUE_RE.search(claim.text):
                cue_claims.update(runs(claim.text))
    rows = []
    for name, cues in cue_claims.items():
        if notes_with[name] < MIN_NOTES or finder.find(name):
            continue
        rows.append((cues, notes_with[name], dev_notes_with[name], name))
    rows.sort(key=lambda row: (-row[0], -row[1], row[3]))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        handle.write("cue_claims\tnotes\tdev_notes\tname\n")
        for cues, notes, dev, name in rows:
            handle.write(f"{cues}\t{notes}\t{dev}\t{name}\n")
    print(f"{len(rows)} names in {MIN_NOTES}+ notes, in cue claims, that the catalog does not find: {out}")


if __name__ == "__main__":
    main()
