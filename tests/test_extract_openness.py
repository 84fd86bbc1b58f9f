"""Openness signals: cue phrases, negation, plans, history, and which entity each signal is about."""

from __future__ import annotations

import pytest

from bot.catalog import DEFAULT_CATALOG, load_catalog
from bot.extract.extractor import Extractor
from bot.extract.model import EntityRef
from bot.notes.model import Claim


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_catalog(DEFAULT_CATALOG))


def claim(text: str, lead: str | None = None) -> Claim:
    return Claim(ordinal=0, text=text, seconds=None, timestamps=(), heading_path=(), subject=lead)


def signals(extractor: Extractor, text: str, lead: str | None = None) -> set[tuple[str, str]]:
    return {(s.entity.id, s.kind) for s in extractor.extract(claim(text, lead)).signals}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain cues
        ("Mistral releases open-weight models.", {("mistral", "open")}),
        ("Llama 3 is open source.", {("llama-3", "open")}),
        ("Meta released the weights of Llama 2.", {("llama-2", "open")}),
        ("Grok-1 was released under the Apache 2.0 license.", {("grok-1", "open")}),
        ("Claude is proprietary.", {("claude", "closed")}),
        ("GPT-4 is available API-only.", {("gpt-4", "closed")}),
        ("Gemma ships with a community license that restricts use.", {("gemma", "partial")}),
        # negation
        ("GPT-4 is not open source.", {("gpt-4", "closed")}),
        ("Gemini has never been open-sourced.", {("gemini", "closed")}),
        ("OpenAI hasn't released the weights of GPT-4.", {("gpt-4", "closed")}),
        ("Llama 2 is not fully open source.", {("llama-2", "partial")}),
        ("DeepSeek-R1 is not only open source but also cheap.", {("deepseek-r1", "open")}),
        # plans and history
        ("xAI will open source Grok 2.", {("grok-2", "planned")}),
        ("OpenAI plans to release an open-weight model.", {("openai", "planned")}),
        ("OpenAI has no plans to open source GPT-4.", {("gpt-4", "closed")}),
        ("OpenAI was originally founded as a non-profit for open source research.", set()),
        ("OpenAI used to be open.", set()),
        # contrast: each clause keeps its own entity
        (
            "Meta open-sourced Llama, while OpenAI keeps GPT-4 proprietary.",
            {("llama", "open"), ("gpt-4", "closed")},
        ),
        ("OpenAI, by contrast, keeps GPT-4 proprietary.", {("gpt-4", "closed")}),
        ("Unlike OpenAI, Meta open-sources its models.", {("meta", "open")}),
        ("Anthropic is closed source, similar to OpenAI.", {("anthropic", "closed")}),
        ("Mistral is open, whereas Anthropic remains closed.", {("anthropic", "closed")}),
        (
            "Meta open-sources Llama but Google keeps Gemini closed.",
            {("llama", "open"), ("gemini", "closed")},
        ),
        # whose models a cue is about
        ("Llama 2 outperformed open-source models like Falcon 40B.", {("falcon", "open")}),
        ("Meta aims to dilute the dominance of closed-source models.", set()),
        ("Anthropic competes with open-source models.", set()),
        ("Open-source models such as Meta's LLaMA sparked debate.", {("llama", "open")}),
        (
            "Companies like Meta and Mistral promote open-source models.",
            {("meta", "open"), ("mistral", "open")},
        ),
        ("Gemma 3, an open-source model, is impressive.", {("gemma", "open")}),
        ("OpenAI uses proprietary data from publishers.", set()),
        ("Meta was in response to OpenAI becoming more closed.", {("openai", "closed")}),
        # categories are about nobody
        ("Open-source models can offer free alternatives.", set()),
        ("Open source allows wider access to AI models.", set()),
    ],
)
def test_signal_of_sentence(extractor: Extractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert signals(extractor, text) == expected


def test_pronoun_sentence_belongs_to_the_bullet_lead(extractor: Extractor) -> None:
    assert signals(extractor, "They have open-sourced their weights.", "Meta (Llama)") == {("meta", "open")}


def test_possessive_pronoun_names_the_bullet_lead(extractor: Extractor) -> None:
    text = "Their revenue model is built around their closed-source models."
    assert signals(extractor, text, "OpenAI") == {("openai", "closed")}


def test_category_sentence_inside_a_bullet_is_not_about_its_lead(extractor: Extractor) -> None:
    assert signals(extractor, "Open-source models can offer free alternatives.", "Meta") == set()


def test_lead_that_is_not_an_entity_gives_no_signal(extractor: Extractor) -> None:
    text = "Open sourcing allows companies to leverage a free workforce."
    assert signals(extractor, text, "Cost-Effectiveness") == set()


def test_signal_keeps_the_cue_with_its_negation(extractor: Extractor) -> None:
    facts = extractor.extract(claim("GPT-4 has never been open-sourced."))
    assert [(s.entity, s.kind, s.cue) for s in facts.signals] == [
        (EntityRef("model", "gpt-4"), "closed", "never been open-sourced")
    ]


def test_one_signal_per_entity_and_kind(extractor: Extractor) -> None:
    facts = extractor.extract(claim("Llama is open source and open weights."))
    assert [(s.entity.id, s.kind) for s in facts.signals] == [("llama", "open")]
