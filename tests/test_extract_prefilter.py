"""The cheap checks extraction runs first never change what it finds.

Most claims name nobody and say nothing about openness, so extraction looks first for a word a catalog
name starts with (bot.extract.mentions) and for an openness word (bot.extract.cues.may_have_cue), and
skips the name regex and the deeper analysis when there is none. These tests hold the facts of every
claim of ../shared/corpus, and of every catalog name in many spellings, equal with and without them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import bot.extract.openness
from bot.catalog import DEFAULT_CATALOG, Catalog, load_catalog
from bot.extract.cues import CUE_RE, may_have_cue
from bot.extract.extractor import Extractor
from bot.extract.mentions import MentionFinder
from bot.extract.model import ClaimFacts
from bot.notes.model import Claim, Note
from bot.notes.parse import parse_bytes
from tests.conftest import SHARED
from tests.handwritten_gold import GOLD

CORPUS = SHARED / "corpus"
corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not available")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DEFAULT_CATALOG)


@pytest.fixture(scope="module")
def notes() -> list[Note]:
    found = []
    for file in sorted(CORPUS.rglob("*.md")):
        parsed = parse_bytes(file.read_bytes(), file.relative_to(CORPUS).as_posix())
        if isinstance(parsed, Note):
            found.append(parsed)
    return found


def _facts(extractor: Extractor, notes: list[Note]) -> list[list[ClaimFacts]]:
    return [[extractor.extract(claim) for claim in note.claims] for note in notes]


@corpus
@pytest.mark.corpus
def test_every_corpus_claim_has_the_same_facts_with_and_without_the_prefilters(
    catalog: Catalog, notes: list[Note], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _facts(Extractor(catalog), notes)
    # the full analysis of every claim: the name regex on each, and the cue regex too
    monkeypatch.setattr(bot.extract.openness, "may_have_cue", lambda text: True)
    full = _facts(Extractor(catalog, prefilter=False), notes)
    assert sum(len(facts.signals) for note in full for facts in note) > 100  # the corpus says a lot
    assert fast == full


@corpus
@pytest.mark.corpus
def test_every_corpus_note_extracted_at_once_has_the_facts_of_its_claims_one_by_one(
    catalog: Catalog, notes: list[Note]
) -> None:
    one_by_one = Extractor(catalog)
    by_claim = [[one_by_one.extract(claim, note.title) for claim in note.claims] for note in notes]
    at_once = Extractor(catalog)
    assert [at_once.extract_note(note.claims, note.title) for note in notes] == by_claim
    unfiltered = Extractor(catalog, prefilter=False)
    assert [unfiltered.extract_note(note.claims, note.title) for note in notes] == by_claim


def test_a_claim_after_a_note_extracted_at_once_points_back_as_after_one_by_one(catalog: Catalog) -> None:
    texts = ["Meta released Llama 3.", "The talk moved on.", "It was fun.", "Mistral built Mixtral."]
    claims = [Claim(n, text, None, (), ("Models",)) for n, text in enumerate(texts)]
    after = Claim(len(texts), "It open-sourced the weights.", None, (), ("Models",))
    one_by_one, at_once = Extractor(catalog), Extractor(catalog)
    assert at_once.extract_note(claims) == [one_by_one.extract(claim) for claim in claims]
    # what the note's last claim leaves to point back to is the same either way
    pointed = at_once.extract(after)
    assert pointed == one_by_one.extract(after)
    assert [(s.entity.id, s.kind) for s in pointed.signals] == [("mistral", "open")]


@corpus
@pytest.mark.corpus
def test_no_corpus_claim_the_cue_prefilter_skips_has_a_cue(notes: list[Note]) -> None:
    skipped = [claim.text for note in notes for claim in note.claims if not may_have_cue(claim.text)]
    assert len(skipped) > 30_000
    assert [text for text in skipped if CUE_RE.search(text)] == []


def test_no_hand_written_sentence_the_cue_prefilter_skips_has_a_cue() -> None:
    # Each round of hand-written sentences adds cue phrasings; the prefilter must let every one through
    # (set 15 held two it skipped: "terms prohibit", "comes with all training checkpoints").
    # A failure names the file and line, not the sentence: some sets are held out, unread (tests/gold/README.md).
    sentences = {
        f"{path.name}:{number}": line.partition("\t")[0]
        for path in sorted(GOLD.glob("handwritten_*.tsv"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
    }
    assert len(sentences) > 700
    assert [
        where for where, text in sentences.items() if not may_have_cue(text) and CUE_RE.search(text)
    ] == []


@pytest.mark.parametrize(
    "text",
    [
        "Mistral offers free and commercial models.",  # the closed side of "open-source and commercial"
        "The code was released under GPLv3.",
        "They charge for a paid APIs tier.",
    ],
)
def test_a_claim_whose_only_cue_has_no_open_or_closed_word_is_not_skipped(text: str) -> None:
    assert CUE_RE.search(text) is not None
    assert may_have_cue(text)


def test_freebsd_is_no_bsd_licence() -> None:
    assert CUE_RE.search("Netflix runs FreeBSD on its servers.") is None


def _spellings(name: str) -> list[str]:
    """A name as people write it: as the catalog has it, run together, hyphenated, in upper and lower
    case, and with its first letter capitalised."""
    joined = re.sub(r"[\s-]+", "", name)
    hyphened = re.sub(r"[\s-]+", "-", name)
    return sorted({name, joined, hyphened, name.upper(), name.lower(), name[:1].upper() + name[1:]})


def test_every_catalog_name_in_every_spelling_is_found_as_without_the_prefilter(catalog: Catalog) -> None:
    fast, full = MentionFinder(catalog), MentionFinder(catalog, prefilter=False)
    texts = [
        frame.format(spelling)
        for entity in catalog.entities()
        for name in (*entity.names, *entity.exclude)
        for spelling in _spellings(name)
        for frame in ("{} released open weights.", "(e.g. {}, and others)", "«{}»: un modèle d'IA ouvert")
    ]
    assert len(texts) > 5_000
    assert [fast.find(text) for text in texts] == [full.find(text) for text in texts]
    # the same texts as the claims of one note
    assert fast.find_named(texts) == {i: found for i, text in enumerate(texts) if (found := full.find(text))}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Grok3 and DeepSeekR1 are models", ["Grok3", "DeepSeekR1"]),  # separators left out
        ("Die KI Tülu 3 und TÜLU sind offen; Vicuña auch", ["Tülu 3", "TÜLU", "Vicuña"]),  # not ASCII
        ("İstanbul talks: OpenAI's GPT-4.5 model", ["OpenAI", "GPT-4.5"]),  # "İ" lowers to two characters
        ("the 01.AI team and DALL·E models", ["01.AI", "DALL·E"]),  # punctuation inside a name
    ],
)
def test_names_the_prefilter_must_let_through(catalog: Catalog, text: str, names: list[str]) -> None:
    found = [text[m.start : m.end] for m in MentionFinder(catalog).find(text)]
    assert found == names
    # in a note, between claims that name nobody or not all of the name's words
    texts = ["Tülu and Vicuña", text, "GPT", "İ 01", "DALL E"]
    named = MentionFinder(catalog).find_named(texts)
    assert [texts[1][m.start : m.end] for m in named[1]] == names


def test_a_catalog_name_that_starts_with_punctuation_turns_the_prefilter_off(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(
        "labs:\n  - {id: dotnet, name: .NET Labs, aliases: []}\n  - {id: acme, name: Acme, aliases: []}\n"
        "models: []\n",
        encoding="utf-8",
    )
    finder = MentionFinder(load_catalog(path))
    assert [m.entity.id for m in finder.find("Microsoft's .NET Labs and Acme")] == ["dotnet", "acme"]


def test_a_note_is_prefiltered_for_a_catalog_of_non_ascii_names_only(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("labs:\n  - {id: tulu, name: Tülu Labs, aliases: []}\nmodels: []\n", encoding="utf-8")
    finder = MentionFinder(load_catalog(path))
    named = finder.find_named(
        ["Nothing here.", "Die Tülu Labs sind offen.", "Tulu Labs, without the umlaut."]
    )
    assert {index: [m.entity.id for m in found] for index, found in named.items()} == {1: ["tulu"]}
