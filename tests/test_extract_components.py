"""Openness by component: which part of a model each signal is about, and the licence it names."""

from __future__ import annotations

import pytest

from bot.catalog import DEFAULT_CATALOG, load_catalog
from bot.extract.components import licence_name
from bot.extract.extractor import Extractor
from bot.notes.model import Claim


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_catalog(DEFAULT_CATALOG))


def components(extractor: Extractor, text: str) -> set[tuple[str, str, str | None, str | None]]:
    claim = Claim(ordinal=0, text=text, seconds=None, timestamps=(), heading_path=(), subject=None)
    return {(s.entity.id, s.kind, s.component, s.licence) for s in extractor.extract(claim).signals}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weights: named by the cue, by the noun after it, or a release that names nothing
        (
            "Meta released the weights of Llama 2.",
            {("llama-2", "open", "weights", None), ("meta", "open", "weights", None)},
        ),
        ("Mistral open-sourced its model weights.", {("mistral", "open", "weights", None)}),
        ("xAI open-sourced Grok-1.", {("grok-1", "open", "weights", None), ("xai", "open", "weights", None)}),
        ("Llama 3 is open source.", {("llama-3", "open", "weights", None)}),
        ("Claude is proprietary.", {("claude", "closed", "weights", None)}),
        (
            "Mistral offers both open-source and commercial LLMs.",
            {("mistral", "open", "weights", None), ("mistral", "closed", "weights", None)},
        ),
        # code
        ("Meta open-sourced foundational tools like PyTorch.", {("meta", "open", "code", None)}),
        ("DeepSeek open-sourced the training code.", {("deepseek", "open", "code", None)}),
        ("Stability AI's code is open source.", {("stability", "open", "code", None)}),
        # training data
        ("Mistral's training data is proprietary.", {("mistral", "closed", "training data", None)}),
        ("The training data of Llama 3 is proprietary.", {("llama-3", "closed", "training data", None)}),
        ("OpenAI withholds the training data.", {("openai", "partial", "training data", None)}),
        # paper
        ("DeepSeek published an open-source paper on R1.", {("deepseek", "open", "paper", None)}),
        # access
        ("GPT-4 is available API-only.", {("gpt-4", "closed", "access", None)}),
        ("Sora is a private tool in limited access.", {("sora", "closed", "access", None)}),
        ("Llama 3 is downloadable.", {("llama-3", "open", "access", None)}),
        # licence, by name
        ("Grok-1 was released under the Apache 2.0 license.", {("grok-1", "open", "licence", "Apache 2.0")}),
        (
            "Gemma ships with a community license that restricts use.",
            {("gemma", "partial", "licence", "community licence")},
        ),
    ],
)
def test_each_signal_names_the_component_its_cue_is_about(
    extractor: Extractor, text: str, expected: set[tuple[str, str, str | None, str | None]]
) -> None:
    assert components(extractor, text) == expected


def test_a_lab_called_open_with_no_component_named_is_about_no_component(extractor: Extractor) -> None:
    assert components(extractor, "Meta is an open-source company.") == {("meta", "open", None, None)}


def test_an_open_release_under_a_licence_keeps_its_component_and_names_the_licence(
    extractor: Extractor,
) -> None:
    assert components(extractor, "Mistral open-sourced the weights under the Apache 2.0 license.") == {
        ("mistral", "open", "weights", "Apache 2.0")
    }


def test_weights_released_for_research_only_are_partial_weights_with_a_research_licence(
    extractor: Extractor,
) -> None:
    assert components(extractor, "Meta released the weights for research use only.") == {
        ("meta", "partial", "weights", "research-only")
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("released under the MIT license", "MIT"),
        ("under MIT or Apache", "MIT"),
        ("an Apache 2.0 license", "Apache 2.0"),
        ("Apache-2.0", "Apache 2.0"),
        ("the Apache license, version 2.0", "Apache 2.0"),
        ("a GPLv3 license", "GPL 3"),
        ("AGPL-3.0", "AGPL 3.0"),
        ("a BSD licence", "BSD"),
        ("CC-BY-NC 4.0", "Creative Commons"),
        ("the OpenRAIL-M license", "OpenRAIL"),
        ("the Llama 3 Community License", "community licence"),
        ("a non-commercial licence", "non-commercial"),
        ("for research use only", "research-only"),
        ("a custom license", "custom licence"),
        ("a very weird cryptic license", "custom licence"),
        ("a commercial license", "commercial licence"),
        ("a permissive license", "permissive licence"),
    ],
)
def test_licence_names_are_read_and_named_one_way(text: str, name: str) -> None:
    assert licence_name(text) == name


@pytest.mark.parametrize(
    "text", ["MITRE published a report", "the Emit library", "a commercial model", "an open model"]
)
def test_words_that_only_look_like_licences_name_none(text: str) -> None:
    assert licence_name(text) is None


def test_a_licence_said_earlier_about_something_else_is_not_the_cues(extractor: Extractor) -> None:
    text = "While Mistral's best models ship with commercial licenses, the others are open source."
    assert components(extractor, text) == {
        ("mistral", "closed", "licence", "commercial licence"),
        ("mistral", "open", None, None),
    }
