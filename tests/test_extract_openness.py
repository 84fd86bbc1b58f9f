"""Openness signals: cue phrases, negation, plans, history, and which entity each signal is about."""

from __future__ import annotations

import pytest

from bot.catalog import DEFAULT_CATALOG, load_catalog
from bot.extract.extractor import Extractor
from bot.extract.model import EntityRef
from bot.extract.openness import CUE_RE, may_have_cue
from bot.notes.model import Claim


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_catalog(DEFAULT_CATALOG))


def claim(text: str, lead: str | None = None, heading: str | None = None) -> Claim:
    headings = (heading,) if heading else ()
    return Claim(ordinal=0, text=text, seconds=None, timestamps=(), heading_path=headings, subject=lead)


def signals(
    extractor: Extractor, text: str, lead: str | None = None, heading: str | None = None
) -> set[tuple[str, str]]:
    return {(s.entity.id, s.kind) for s in extractor.extract(claim(text, lead, heading)).signals}


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


def test_lead_that_lists_two_entities_is_not_the_subject(extractor: Extractor) -> None:
    facts = extractor.extract(
        claim("This shows the value of open-source tooling.", "Meta and Google Updates")
    )
    assert (facts.subject, facts.signals) == (None, [])


def test_cue_owned_by_something_outside_the_catalog_is_nobodys(extractor: Extractor) -> None:
    assert (
        signals(extractor, "This confirms the robotics community's open-source stack.", "Anthropic") == set()
    )


def test_heading_subject_gives_no_signal_to_a_sentence_with_its_own_subject(extractor: Extractor) -> None:
    facts = extractor.extract(claim("The trend is toward open-source compilers.", heading="Why Nvidia Wins"))
    assert (facts.subject, facts.signals) == (EntityRef("lab", "nvidia"), [])


@pytest.mark.parametrize(
    "text",
    [
        "It ships as an open-weight model.",
        "and was open-sourced last spring.",
        "Releases weights every quarter.",
        "The company has open-sourced its tokenizer models.",
        "While their flagship is paid, their small models are open source.",
    ],
)
def test_heading_subject_owns_a_pronoun_or_subjectless_sentence(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text, heading="How Mistral Ships") == {("mistral", "open")}


def test_possessive_pronoun_points_back_to_the_subject_not_the_nearest_name(extractor: Extractor) -> None:
    text = "Cohere's path from renting Google models to training its own open-weight models is instructive."
    assert signals(extractor, text) == {("cohere", "open")}


@pytest.mark.parametrize(
    "text",
    [
        "Anthropic doubts that open source will catch up soon.",
        "Google is skeptical that open models can reach the frontier.",
        "Microsoft believes open-source AI will win in the long run.",
        "Nvidia questions whether open weights are safe.",
        "Apple argues that open-sourcing frontier systems is risky.",
    ],
)
def test_a_view_about_open_source_is_not_the_holders_openness(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


def test_a_view_about_its_own_models_still_counts(extractor: Extractor) -> None:
    assert signals(extractor, "Mistral believes that its open models will win.") == {("mistral", "open")}


@pytest.mark.parametrize(
    "text",
    [
        "Claude offers control similar to an open-source model.",
        "Claude gives access to weights, which is akin to the feel of an open-weight model.",
    ],
)
def test_cue_in_a_comparison_is_not_the_subjects(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Cohere picks whichever model is best, whether proprietary or open-source.",
        "Apple deploys open source vs closed source models side by side.",
        "Google serves both open-weight and closed-weight models through partners.",
    ],
)
def test_paired_opposite_cues_name_a_category(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


def test_cue_in_a_prepositional_phrase_with_examples_belongs_to_the_examples(extractor: Extractor) -> None:
    text = "Cohere waited for open-weight releases like Llama 3 before training."
    assert signals(extractor, text) == {("llama-3", "open")}


@pytest.mark.parametrize(
    "text",
    [
        "Meta open-sourced a short list of responsible AI release principles.",
        "Salesforce published open-source trusted AI guiding principles.",
        "Adobe keeps proprietary brand campaigns out of training.",
    ],
)
def test_cue_about_something_other_than_models_gives_no_signal(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


def test_examples_of_a_cue_about_data_are_not_closed(extractor: Extractor) -> None:
    assert signals(extractor, "Firms with proprietary data (like Adobe) adapt models faster.") == set()


def test_more_open_ended_is_not_openness(extractor: Extractor) -> None:
    assert signals(extractor, "Gemini handles more open-ended tasks.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Copilot helps newcomers, making it easier to send patches to open-source libraries.",
        "Copilot trains on customer code, allowing teams to tune it on proprietary libraries.",
        "PyTorch and OpenAI's Triton point to a future where the ML stack is open-source.",
    ],
)
def test_a_clause_with_a_new_agent_is_not_the_subjects(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


def test_a_where_clause_that_points_back_with_a_pronoun_keeps_the_subject(extractor: Extractor) -> None:
    text = "Meta weighs misuse risks, where they may keep some models proprietary."
    assert signals(extractor, text) == {("meta", "closed")}


def test_using_other_peoples_open_source_is_not_openness(extractor: Extractor) -> None:
    assert signals(extractor, "Adobe leverages open-source libraries like PyTorch.") == set()


def test_an_adverb_between_modal_and_verb_cue_keeps_the_verb(extractor: Extractor) -> None:
    text = "OpenAI does selectively open-source small models, like Whisper."
    assert signals(extractor, text) == {("openai", "open"), ("whisper", "open")}


def test_releasing_weights_by_torrent_is_open(extractor: Extractor) -> None:
    assert signals(extractor, "Mistral shipped its first model via torrent.") == {("mistral", "open")}


@pytest.mark.parametrize(
    "text",
    [
        "Cohere releases weights non-commercially.",
        "Cohere open-sourced Aya for research use only.",
        "Cohere open-sourced Aya under a non-commercial license.",
    ],
)
def test_open_cue_with_a_use_restriction_is_partial(extractor: Extractor, text: str) -> None:
    assert {kind for _, kind in signals(extractor, text)} == {"partial"}


def test_paired_opposite_cues_before_a_mixed_list_name_nobody(extractor: Extractor) -> None:
    assert signals(extractor, "Teams mix open source vs closed source models (e.g., Llama, Claude).") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OpenAI raised capital for GPT-5.", False),
        ("Resources at OpenAI are rapidly growing.", False),
        ("OpenAI opened an office in Paris.", True),
        ("Gemma is source-available.", True),
        ("Grok 1 was released via torrent.", True),
        ("Claude is API-only.", True),
    ],
)
def test_cheap_cue_filter_lets_through_every_claim_a_cue_can_match(text: str, expected: bool) -> None:
    assert may_have_cue(text) is expected
    if not expected:
        assert CUE_RE.search(text) is None
