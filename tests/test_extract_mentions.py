"""Finding catalog names in claim text: whole words, longest name first, case rules."""

from __future__ import annotations

import pytest

from bot.catalog import DEFAULT_CATALOG, load_catalog
from bot.extract.mentions import MentionFinder


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return MentionFinder(load_catalog(DEFAULT_CATALOG))


def found(finder: MentionFinder, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entity.id) for m in finder.find(text)]


def test_offsets_point_at_the_name_in_the_text(finder: MentionFinder) -> None:
    assert found(finder, "Yesterday OpenAI shipped.") == [("OpenAI", "openai")]
    assert finder.find("Yesterday OpenAI shipped.")[0].start == 10


def test_longest_name_wins_grok_3_over_grok(finder: MentionFinder) -> None:
    assert found(finder, "Grok 3 beats Grok") == [("Grok 3", "grok-3"), ("Grok", "grok")]


@pytest.mark.parametrize("spelling", ["Grok 1", "Grok-1", "Grok1"])
def test_grok_1_spellings_are_one_family(finder: MentionFinder, spelling: str) -> None:
    assert found(finder, f"xAI released {spelling} weights") == [("xAI", "xai"), (spelling, "grok-1")]


def test_a_version_number_is_not_cut_in_half(finder: MentionFinder) -> None:
    assert found(finder, "GPT-4.5 and GPT-4o and GPT-4") == [
        ("GPT-4.5", "gpt-4-5"),
        ("GPT-4o", "gpt-4o"),
        ("GPT-4", "gpt-4"),
    ]


def test_deep_seek_with_a_space_is_deepseek(finder: MentionFinder) -> None:
    assert found(finder, "Deep Seek shocked Nvidia") == [("Deep Seek", "deepseek"), ("Nvidia", "nvidia")]


def test_model_name_with_the_labs_name_inside_is_the_model(finder: MentionFinder) -> None:
    assert found(finder, "DeepSeek-R1 and Deep Seek V3") == [
        ("DeepSeek-R1", "deepseek-r1"),
        ("Deep Seek V3", "deepseek-v3"),
    ]


@pytest.mark.parametrize("spelling", ["LLaMA", "Llama", "LLAMA"])
def test_llama_in_any_case(finder: MentionFinder, spelling: str) -> None:
    assert found(finder, f"{spelling} weights leaked") == [(spelling, "llama")]


def test_llama_2_with_or_without_a_space(finder: MentionFinder) -> None:
    assert found(finder, "Llama 2, Llama-2 and Llama2") == [
        ("Llama 2", "llama-2"),
        ("Llama-2", "llama-2"),
        ("Llama2", "llama-2"),
    ]


def test_facebook_ai_and_fair_are_meta(finder: MentionFinder) -> None:
    assert found(finder, "Facebook AI Research (FAIR) and Facebook AI") == [
        ("Facebook AI Research", "meta"),
        ("FAIR", "meta"),
        ("Facebook AI", "meta"),
    ]


def test_fair_the_word_is_not_meta(finder: MentionFinder) -> None:
    assert found(finder, "a fair comparison") == []


def test_google_deepmind_is_one_mention_of_google(finder: MentionFinder) -> None:
    assert found(finder, "Google DeepMind released Gemma") == [
        ("Google DeepMind", "google"),
        ("Gemma", "gemma"),
    ]


@pytest.mark.parametrize(
    "text",
    ["a meta-analysis of benchmarks", "Meta-analysis shows", "Meta-learning works", "the metadata", "META"],
)
def test_meta_as_a_word_is_not_the_lab(finder: MentionFinder, text: str) -> None:
    assert found(finder, text) == []


def test_meta_the_company_with_a_possessive(finder: MentionFinder) -> None:
    assert found(finder, "Meta's Llama") == [("Meta", "meta"), ("Llama", "llama")]


def test_lowercase_apple_and_amazon_are_not_the_companies(finder: MentionFinder) -> None:
    assert found(finder, "an apple a day on amazon") == []
    assert found(finder, "Apple and Amazon") == [("Apple", "apple"), ("Amazon", "amazon")]


def test_excluded_phrases_are_not_mentions(finder: MentionFinder) -> None:
    assert found(finder, "Claude Shannon invented information theory; Claude did not") == [
        ("Claude", "claude")
    ]
    assert found(finder, "the Amazon rainforest") == []


def test_names_inside_longer_words_are_not_mentions(finder: MentionFinder) -> None:
    assert found(finder, "OpenAIs XAIs Grokking Metaverse") == []


def test_short_model_names_are_case_sensitive_whole_words(finder: MentionFinder) -> None:
    assert found(finder, "OpenAI's o1 and o3-mini") == [("OpenAI", "openai"), ("o1", "o1"), ("o3-mini", "o3")]
    assert found(finder, "O1 notation, pro1 and co3") == []


def test_bare_phi_is_a_greek_letter_but_phi_3_is_a_model(finder: MentionFinder) -> None:
    assert found(finder, "the learnable Phi parameters of Phi-3") == [("Phi-3", "phi")]


def test_bare_falcon_is_a_rocket_but_falcon_40b_is_a_model(finder: MentionFinder) -> None:
    assert found(finder, "Falcon 9 launches; Falcon 40B is a model") == [("Falcon 40B", "falcon")]


def test_text_without_names_has_no_mentions(finder: MentionFinder) -> None:
    assert finder.find("Open source allows wider access to AI models.") == []


def test_longer_model_name_wins_over_a_case_sensitive_lab_name(finder: MentionFinder) -> None:
    assert found(finder, "Mistral Large and Mistral 7B, by Mistral.") == [
        ("Mistral Large", "mistral-large"),
        ("Mistral 7B", "mistral-7b"),
        ("Mistral", "mistral"),
    ]
