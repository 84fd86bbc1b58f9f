"""Extraction on the reference note data/notes/open_source_ai_models.md, claim by claim."""

from __future__ import annotations

import pytest

from bot.catalog import DEFAULT_CATALOG, load_catalog
from bot.config import DATA_DIR
from bot.contracts import EntityRef
from bot.extract.extractor import Extractor
from bot.extract.model import ClaimFacts
from bot.notes.model import Note
from bot.notes.parse import parse_note

SEED = DATA_DIR / "notes" / "open_source_ai_models.md"
META, OPENAI, ANTHROPIC, XAI = (EntityRef("lab", x) for x in ("meta", "openai", "anthropic", "xai"))
GOOGLE, DEEPSEEK = EntityRef("lab", "google"), EntityRef("lab", "deepseek")
GROK_2, GROK_3 = EntityRef("model", "grok-2"), EntityRef("model", "grok-3")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_catalog(DEFAULT_CATALOG))


@pytest.fixture(scope="module")
def note() -> Note:
    parsed = parse_note(SEED.read_text(encoding="utf-8"), "open_source_ai_models.md")
    assert isinstance(parsed, Note)
    return parsed


def facts(extractor: Extractor, note: Note, seconds: int, contains: str) -> ClaimFacts:
    matching = [c for c in note.claims if c.seconds == seconds and contains in c.text]
    assert len(matching) == 1, f"expected one claim at {seconds}s containing {contains!r}"
    return extractor.extract(matching[0])


def kinds(found: ClaimFacts) -> set[tuple[EntityRef, str]]:
    return {(s.entity, s.kind) for s in found.signals}


def test_meta_largest_open_source_contributor_is_open(extractor: Extractor, note: Note) -> None:
    assert kinds(facts(extractor, note, 2445, "largest")) == {(META, "open")}


def test_meta_open_sourced_their_weights_is_open(extractor: Extractor, note: Note) -> None:
    found = facts(extractor, note, 2395, "open-sourced their weights")
    assert found.subject == META
    assert kinds(found) == {(META, "open")}


def test_openai_most_closed_source_is_closed(extractor: Extractor, note: Note) -> None:
    assert kinds(facts(extractor, note, 1898, "most closed-source")) == {(OPENAI, "closed")}


def test_anthropic_closed_and_not_openai_it_is_similar_to(extractor: Extractor, note: Note) -> None:
    assert kinds(facts(extractor, note, 2450, "similar to OpenAI")) == {(ANTHROPIC, "closed")}


def test_xai_aims_to_be_more_open_source_is_a_plan(extractor: Extractor, note: Note) -> None:
    # an aim, not a release: evidence of what xAI means to be, not of what it is
    assert kinds(facts(extractor, note, 1144, "aims to be more")) == {(XAI, "planned")}


def test_grok_3_is_closed_not_xai(extractor: Extractor, note: Note) -> None:
    found = facts(extractor, note, 1711, "Grok 3, is currently closed")
    assert found.subject == XAI
    assert kinds(found) == {(GROK_3, "closed")}


def test_grok_2_release_as_open_source_is_planned(extractor: Extractor, note: Note) -> None:
    # xAI, named in the clause as who releases it, is credited too (issue 10, item 2)
    assert kinds(facts(extractor, note, 1830, "release Grok 2")) == {(GROK_2, "planned"), (XAI, "planned")}


def test_pseudo_open_source_chain_of_thought_is_partial_for_xai(extractor: Extractor, note: Note) -> None:
    assert kinds(facts(extractor, note, 1711, "pseudo open source")) == {(XAI, "partial")}


def test_gemini_claim_is_about_google_with_no_signal(extractor: Extractor, note: Note) -> None:
    found = facts(extractor, note, 2097, "context window")
    assert found.subject == GOOGLE
    assert [m.entity for m in found.mentions] == [EntityRef("model", "gemini")]
    assert found.signals == []


def test_deepseek_claims_are_about_deepseek_with_no_signal(extractor: Extractor, note: Note) -> None:
    chinese_team = facts(extractor, note, 1563, "Chinese team")
    assert chinese_team.subject == DEEPSEEK
    assert chinese_team.signals == []
    mixture = facts(extractor, note, 1621, "mixture of experts")
    assert [m.entity for m in mixture.mentions] == [DEEPSEEK]
    assert mixture.signals == []


def test_diluting_closed_source_models_is_not_a_closed_signal_for_meta(
    extractor: Extractor, note: Note
) -> None:
    assert facts(extractor, note, 2501, "dilute").signals == []


def test_originally_founded_for_open_source_is_no_open_signal_for_openai(
    extractor: Extractor, note: Note
) -> None:
    found = facts(extractor, note, 2800, "Originally founded")
    assert found.subject == OPENAI
    assert found.signals == []


def test_category_claims_without_an_entity_have_no_signal(extractor: Extractor, note: Note) -> None:
    assert facts(extractor, note, 2495, "free alternatives").signals == []
    assert facts(extractor, note, 2418, "wider access").signals == []
    assert facts(extractor, note, 2525, "free workforce").signals == []


def test_openai_becoming_more_closed_is_closed_for_openai_not_xai(extractor: Extractor, note: Note) -> None:
    assert kinds(facts(extractor, note, 2847, "becoming more closed")) == {(OPENAI, "closed")}


def test_signals_of_the_whole_note(extractor: Extractor, note: Note) -> None:
    every = {(s.entity.id, s.kind) for c in note.claims for s in extractor.extract(c).signals}
    assert every == {
        ("openai", "closed"),
        ("grok-3", "closed"),
        ("grok-2", "planned"),
        ("xai", "planned"),
        ("xai", "partial"),
        ("meta", "open"),
        ("anthropic", "closed"),
    }


@pytest.mark.parametrize(
    ("lead", "subject"),
    [
        ("xAI (Grok)", XAI),
        ("Meta (Llama)", META),
        ("OpenAI", OPENAI),
        ("Google (Gemini)", GOOGLE),
        ("Grok 3", GROK_3),
        ("Meta AI research", META),
        ("Accelerated Innovation", None),
        ("Comparison with OpenAI", None),
    ],
)
def test_subject_of_lead(extractor: Extractor, lead: str, subject: EntityRef | None) -> None:
    assert extractor.subject_of_lead(lead) == subject
