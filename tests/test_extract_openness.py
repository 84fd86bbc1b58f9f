"""Openness signals: cue phrases, negation, plans, history, and which entity each signal is about."""

from __future__ import annotations

import pytest

from bot.catalog import DEFAULT_CATALOG, load_catalog
from bot.contracts import EntityRef
from bot.extract.extractor import Extractor
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
        # the lab named in the clause is credited with its model's signal (issue 10, item 2)
        ("Meta released the weights of Llama 2.", {("llama-2", "open"), ("meta", "open")}),
        ("Grok-1 was released under the Apache 2.0 license.", {("grok-1", "open")}),
        ("Claude is proprietary.", {("claude", "closed")}),
        ("GPT-4 is available API-only.", {("gpt-4", "closed")}),
        ("Gemma ships with a community license that restricts use.", {("gemma", "partial")}),
        # negation
        ("GPT-4 is not open source.", {("gpt-4", "closed")}),
        ("Gemini has never been open-sourced.", {("gemini", "closed")}),
        ("OpenAI hasn't released the weights of GPT-4.", {("gpt-4", "closed"), ("openai", "closed")}),
        ("Llama 2 is not fully open source.", {("llama-2", "partial")}),
        (
            "DeepSeek-R1 is not only open source but also cheap.",
            {("deepseek-r1", "open"), ("deepseek", "open")},
        ),
        # plans and history
        ("xAI will open source Grok 2.", {("grok-2", "planned"), ("xai", "planned")}),
        ("OpenAI plans to release an open-weight model.", {("openai", "planned")}),
        ("OpenAI has no plans to open source GPT-4.", {("gpt-4", "closed"), ("openai", "closed")}),
        ("OpenAI was originally founded as a non-profit for open source research.", set()),
        ("OpenAI used to be open.", set()),
        # contrast: each clause keeps its own entity
        (
            "Meta open-sourced Llama, while OpenAI keeps GPT-4 proprietary.",
            {("llama", "open"), ("meta", "open"), ("gpt-4", "closed"), ("openai", "closed")},
        ),
        ("OpenAI, by contrast, keeps GPT-4 proprietary.", {("gpt-4", "closed"), ("openai", "closed")}),
        ("Unlike OpenAI, Meta open-sources its models.", {("meta", "open")}),
        ("Anthropic is closed source, similar to OpenAI.", {("anthropic", "closed")}),
        ("Mistral is open, whereas Anthropic remains closed.", {("anthropic", "closed")}),
        (
            "Meta open-sources Llama but Google keeps Gemini closed.",
            {("llama", "open"), ("meta", "open"), ("gemini", "closed"), ("google", "closed")},
        ),
        # whose models a cue is about
        ("Llama 2 outperformed open-source models like Falcon 40B.", {("falcon", "open")}),
        ("Meta aims to dilute the dominance of closed-source models.", set()),
        ("Anthropic competes with open-source models.", set()),
        ("Open-source models such as Meta's LLaMA sparked debate.", {("llama", "open"), ("meta", "open")}),
        (
            "Companies like Meta and Mistral promote open-source models.",
            {("meta", "open"), ("mistral", "open")},
        ),
        ("Gemma 3, an open-source model, is impressive.", {("gemma", "open"), ("google", "open")}),
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


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        # a lab and one of its models: the one the heading is grammatically about
        ("Initial Impressions of OpenAI's o1", EntityRef("model", "o1")),
        ("Sourcegraph's Cody: An AI Coding Assistant", EntityRef("model", "cody")),
        ("Databricks' Internal AI Journey with DBRX", EntityRef("lab", "databricks")),
        # two labs, or a lab and another lab's model: nobody
        ("Google vs Meta", None),
        ("Meta's Answer to OpenAI's GPT-4", None),
    ],
)
def test_a_heading_naming_a_lab_and_its_model_is_about_the_one_it_is_grammatically_about(
    extractor: Extractor, heading: str, subject: EntityRef | None
) -> None:
    assert extractor.extract(claim("It was slow at first.", heading=heading)).subject == subject


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
    text = "Meta weighs misuse risks, where they keep some models proprietary."
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


@pytest.mark.parametrize(
    "text",
    [
        "Does every closed continuous loop contain an inscribed square?",  # not "very closed"
        "All 38 disclosed companies are micro caps.",  # not "closed companies"
        "He successfully opened the safe.",  # not "fully open"
        "It works well in enclosed systems with documented processes.",
    ],
)
def test_a_cue_inside_another_word_is_no_cue(text: str) -> None:
    assert CUE_RE.search(text) is None


def test_a_cue_may_start_at_the_nt_of_a_contraction() -> None:
    assert [m.group() for m in CUE_RE.finditer("Llama 2 isn't fully open source.")] == [
        "n't fully open source"
    ]


# Issue 10, items 2–5: openness signals that hold on notes nobody tuned for. Each rule below fixes a class of
# sentences seen across development channels; the sentences are hand-written models of that class.


def in_order(
    extractor: Extractor, texts: list[str], heading: str = "Key Players"
) -> list[set[tuple[str, str]]]:
    """The signals of consecutive claims of one section, extracted in order as ingest does."""
    claims = [Claim(n, text, None, (), (heading,)) for n, text in enumerate(texts)]
    return [{(s.entity.id, s.kind) for s in extractor.extract(c).signals} for c in claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mistral open-sourced the weights of Mistral 7B under Apache 2.0.",
            {("mistral-7b", "open"), ("mistral", "open")},
        ),
        (
            "Google published Gemma as a family of open-weights models.",
            {("gemma", "open"), ("google", "open")},
        ),
        (
            "DeepSeek released its DeepSeek-R1 models under the MIT license.",
            {("deepseek-r1", "open"), ("deepseek", "open")},
        ),
    ],
)
def test_a_released_model_and_the_lab_that_released_it_both_get_the_signal(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jamba is an open-source language model developed by AI21.", {("jamba", "open"), ("ai21", "open")}),
        ("Gemma is Google's own open-weight model family.", {("gemma", "open"), ("google", "open")}),
        ("DeepSeek R1 is open source.", {("deepseek-r1", "open"), ("deepseek", "open")}),
    ],
)
def test_a_lab_named_with_its_model_in_the_clause_is_credited(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_a_lab_named_in_another_clause_is_not_credited_with_its_models_signal(extractor: Extractor) -> None:
    text = "While its newest model, Grok 3, is closed source, xAI talks about openness."
    assert signals(extractor, text) == {("grok-3", "closed")}


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            [
                "Llama 2 is a family of models released by Meta.",
                "It is described as the first open-source LLM.",
            ],
            {("llama-2", "open")},
        ),
        (
            [
                "openpilot is the driving system of comma.ai.",
                "The company ships its software as open source.",
            ],
            {("comma-ai", "open")},
        ),
        (
            ["SAM 2 segments any object in video.", "This segmentation model was released as open source."],
            {("segment-anything", "open")},
        ),
        (
            ["Whisper transcribes speech accurately.", "OpenAI open sourced it for developers."],
            {("openai", "open"), ("whisper", "open")},
        ),
        (
            ["Meta's research lab built PyTorch.", "The tools they open-source reach billions."],
            {("meta", "open")},
        ),
    ],
)
def test_a_claim_that_points_back_gets_the_entity_the_claim_before_named(
    extractor: Extractor, texts: list[str], expected: set[tuple[str, str]]
) -> None:
    assert in_order(extractor, texts)[-1] == expected


def test_pointing_back_to_a_claim_that_named_two_labs_is_ambiguous(extractor: Extractor) -> None:
    texts = ["Meta competes with OpenAI on chatbots.", "It is open source."]
    assert in_order(extractor, texts)[-1] == set()


def test_pointing_back_reaches_only_the_claim_right_before_in_the_same_section(extractor: Extractor) -> None:
    texts = ["Llama 2 is a family of models.", "Benchmarks matter.", "It is open source."]
    assert in_order(extractor, texts)[-1] == set()
    first = Claim(0, "Llama 2 is a family of models.", None, (), ("Llama",))
    second = Claim(1, "It is open source.", None, (), ("Pricing",))
    extractor.extract(first)
    assert extractor.extract(second).signals == []


def test_a_demonstrative_cue_points_back(extractor: Extractor) -> None:
    texts = ["Llama models made strong AI widely accessible.", "These open-source initiatives spread fast."]
    assert in_order(extractor, texts)[-1] == {("llama", "open")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Firefly family consists of Adobe's proprietary generative models.",
            {("firefly", "closed"), ("adobe", "closed")},
        ),
        (
            "An example of OpenAI's open-source work is its Whisper model.",
            {("whisper", "open"), ("openai", "open")},
        ),
    ],
)
def test_a_model_the_claim_is_about_shares_its_lab_owners_signal(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The open-sourcing of models by big tech companies (Meta, Apple) lowers costs.",
            {("meta", "open"), ("apple", "open")},
        ),
        (
            "LangChain is an open-source framework backed by Nvidia.",
            {("langchain", "open"), ("nvidia", "open")},
        ),
        ("Open-source models used by companies like Apple are popular.", set()),
    ],
)
def test_the_agent_after_by_owns_the_cue(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One of the leading open-source models is Meta's Llama.", {("llama", "open"), ("meta", "open")}),
        (
            "A prime example of Mistral's commitment to open source is the release of Mixtral.",
            {("mistral", "open"), ("mixtral", "open")},
        ),
    ],
)
def test_a_cue_in_the_subject_belongs_to_what_follows_the_copula(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_a_cue_belongs_to_the_name_it_calls(extractor: Extractor) -> None:
    text = "comma.ai offers an open-source driving system called openpilot."
    assert signals(extractor, text) == {("comma-ai", "open"), ("openpilot", "open")}


def test_examples_in_brackets_end_at_the_closing_bracket(extractor: Extractor) -> None:
    text = (
        "By not training base models (using open-source alternatives like Llama), Contextual AI saves money."
    )
    assert signals(extractor, text) == {("llama", "open")}


def test_a_bracketed_sentence_has_its_own_subject(extractor: Extractor) -> None:
    text = "(ControlNet is an open-source image tool built on Stable Diffusion)."
    assert signals(extractor, text) == {("controlnet", "open"), ("stanford", "open")}


@pytest.mark.parametrize(
    "text",
    [
        "Meta (formerly Facebook) is a major contributor to open-source AI.",
        "Meta, previously known as Facebook, releases open-weight models.",
    ],
)
def test_a_former_name_is_not_history_of_openness(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == {("meta", "open")}


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Amazon Aurora is a proprietary database.", None),
        ("It connects via a proprietary magnetic connector.", "Apple"),
        ("Apple TV offers proprietary 180-degree videos.", None),
        ("RISC-V is an open-source instruction set backed by Alibaba.", None),
        ("Microsoft is more open to investment than Google.", None),
        ("SAM, an open-source robotics control protocol, is gaining traction.", None),
        ("Meta hopes to advocate for an open-source future.", None),
        ('Salesforce open-sourced a set of "trusted AI guiding principles".', None),
        ("Chai, a Character AI rival, grew despite not owning proprietary IP.", None),
    ],
)
def test_openness_of_things_that_are_not_ai_gives_no_signal(
    extractor: Extractor, text: str, lead: str | None
) -> None:
    assert signals(extractor, text, lead) == set()


def test_an_ai_word_keeps_a_cue_about_video_software(extractor: Extractor) -> None:
    assert signals(extractor, "Tencent released an open-source AI video model.") == {("tencent", "open")}


def test_the_phrase_a_cue_describes_ends_at_the_name(extractor: Extractor) -> None:
    text = "DeepSeek's open-source R1 shocked the market."
    assert signals(extractor, text) == {("deepseek-r1", "open"), ("deepseek", "open")}


def test_open_sources_as_a_noun_is_not_a_cue(extractor: Extractor) -> None:
    assert signals(extractor, "Open sources include tools like Google Maps.") == set()
    assert signals(extractor, "Meta open sources Llama.") == {("llama", "open"), ("meta", "open")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It offers an open-source ChatGPT-like interface.", set()),
        ("Vicuna is an open-source Llama-based chatbot.", {("vicuna", "open"), ("lmsys", "open")}),
        ("The open-source community grew fast after ChatGPT.", set()),
        ("Cody moves beyond generic open-source examples.", set()),
    ],
)
def test_a_likeness_or_comparison_is_not_the_entity(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_a_leading_while_clause_keeps_its_entity_out_of_the_main_clause(extractor: Extractor) -> None:
    text = "While Midjourney is a paid, closed option, a robust open-source ecosystem exists."
    assert signals(extractor, text) == {("midjourney", "closed")}


def test_each_side_of_a_while_clause_gets_the_subject_it_points_to(extractor: Extractor) -> None:
    text = "While their best models ship with commercial licenses, their smaller models are open source."
    assert signals(extractor, text, "Mistral") == {("mistral", "closed"), ("mistral", "open")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sora is highly unlikely to ever be open-sourced.", {("sora", "closed")}),
        # not closed today; what it may stop doing, it does today
        ("OpenAI may stop open-sourcing its models.", {("openai", "open")}),
        ("DeepSeek may cease open-sourcing its models.", {("deepseek", "open")}),
        ("Meta may choose to keep some models proprietary.", set()),
        ("Llama may not compete with closed-source models.", set()),
        ("Code Llama may still fall short of proprietary models like GPT-4.", {("gpt-4", "closed")}),
        ("Meta may reconsider its open-source stance.", {("meta", "open")}),
    ],
)
def test_negation_and_modality_apply_to_what_they_govern(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Meta released Llama 2 with open weights but not the training data.",
            {("llama-2", "partial"), ("meta", "partial")},
        ),
        (
            "Meta shares code in its open source releases, but training data is not shared.",
            {("meta", "partial")},
        ),
        ("Llama 2 is called open source, but with caveats.", {("llama-2", "partial")}),
        ("The Llama 2 license means it cannot be used for commercial purposes.", {("llama-2", "partial")}),
    ],
)
def test_open_with_data_kept_back_or_use_restricted_is_partial(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mistral Large is available under a commercial license.",
            {("mistral-large", "closed"), ("mistral", "closed")},
        ),
        ("Mistral released Mistral 7B under the GPL.", {("mistral-7b", "open"), ("mistral", "open")}),
        ("Claude is offered through a paid API.", {("claude", "closed")}),
        ("GPT-4 is accessible only through an API.", {("gpt-4", "closed")}),
        ("Llama 2's license restricts commercial use.", {("llama-2", "partial")}),
        ("The weights for Llama 3 are freely available.", {("llama-3", "open"), ("meta", "open")}),
        ("Products on top of them ship, unlike downloadable Llama 3.", {("llama-3", "open")}),
    ],
)
def test_licences_name_the_kind(extractor: Extractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mistral ships both open-source and commercial models.",
        "Mistral offers both an open-weight and a commercial offering.",
    ],
)
def test_both_open_and_commercial_is_evidence_on_both_sides(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == {("mistral", "open"), ("mistral", "closed")}


def test_other_open_and_closed_models_are_not_both_sides(extractor: Extractor) -> None:
    text = "Llama 2 was compared with other open-source and closed-source models."
    assert signals(extractor, text) == {("llama-2", "open")}


def test_black_box_models_are_closed(extractor: Extractor) -> None:
    text = "Attacks transfer to black-box models such as ChatGPT and Claude."
    assert signals(extractor, text) == {("chatgpt", "closed"), ("claude", "closed")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "EleutherAI and Stability AI aim to release open-source models.",
            {("eleutherai", "planned"), ("stability", "planned")},
        ),
        (
            "The joint venture between EleutherAI and Stability AI promises to provide open-source models.",
            {("eleutherai", "planned"), ("stability", "planned")},
        ),
        ("Mistral aims to build a business that sustains open-source development.", {("mistral", "open")}),
        ("Meta is expected to open source.", {("meta", "planned")}),
    ],
)
def test_a_plan_governs_the_cue_it_leads_to(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Projects like EleutherAI are working on open-source models.", {("eleutherai", "open")}),
        ("By open-sourcing their models, labs like Meta shape standards.", {("meta", "open")}),
        ("By withholding its model weights, OpenAI keeps control.", {("openai", "closed")}),
        ("The development of Llama models offered open-source alternatives.", {("llama", "open")}),
        ("GPT-4 has open-source alternatives.", set()),
    ],
)
def test_the_subject_of_the_sentence_owns_the_cue(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Llama 2 is a significant step for open-source AI.", {("llama-2", "open")}),
        ("Apple's MM1 paper is a positive development for the open-source community.", {("apple", "open")}),
        ("Meta's approach to open source is debated.", set()),
    ],
)
def test_a_win_for_open_source_is_the_subjects(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sora is currently a private tool in super limited access.", {("sora", "closed")}),
        ("Currently, Sora is in limited access, with a few red teamers.", {("sora", "closed")}),
        ("Startups like Mistral have limited access to GPUs.", set()),
    ],
)
def test_access_kept_to_a_few_is_closed(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Issue 10, second pass on the development channels (brief W7): each rule fixes a class of sentences that
# recurs across channels; the sentences are hand-written models of that class.


@pytest.mark.parametrize(
    ("text", "lead", "expected"),
    [
        (
            "While Nvidia's CUDA stays proprietary, open-source frameworks like PyTorch gain ground.",
            None,
            {("nvidia", "closed")},
        ),
        ("Open-source toolkits such as PyTorch and JAX thrive.", "Nvidia", set()),
    ],
)
def test_examples_the_catalog_does_not_know_are_still_not_the_subject(
    extractor: Extractor, text: str, lead: str | None, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text, lead) == expected


def test_a_framework_is_its_labs_software_not_the_model_the_claim_is_about(extractor: Extractor) -> None:
    text = "It is an open-source agent framework developed by Google."
    assert signals(extractor, text, "Gemini") == {("google", "open")}


@pytest.mark.parametrize(
    "text",
    [
        "IBM's OS/2 was proprietary to IBM hardware.",
        "Apple kept Siri Shortcuts proprietary to its devices.",
        "IBM kept OS/2 proprietary to IBM hardware for a decade.",
    ],
)
def test_a_cue_tied_to_something_that_is_not_ai_gives_no_signal(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Open-sourcing Llama was a pragmatic move.", {("llama", "open"), ("meta", "open")}),
        ("Grok 1 was open-sourced in March.", {("grok-1", "open"), ("xai", "open")}),
        ("Grok 1 was never open-sourced.", {("grok-1", "closed")}),
    ],
)
def test_a_released_model_credits_its_lab_even_when_the_lab_is_not_named(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "lead", "expected"),
    [
        ("Despite the hype, Gemma ships under a rather cryptic license.", None, {("gemma", "partial")}),
        (
            "The company keeps specific licensing terms on its open-source models.",
            "Mistral",
            {("mistral", "partial")},
        ),
    ],
)
def test_open_under_a_licence_of_its_own_is_partial(
    extractor: Extractor, text: str, lead: str | None, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text, lead) == expected


def test_open_shares_the_noun_of_the_closed_cue_beside_it(extractor: Extractor) -> None:
    text = "On safety, Mixtral scored above other open and closed-source models."
    assert signals(extractor, text) == {("mixtral", "open")}


def test_examples_a_few_words_after_the_cue_are_still_its_examples(extractor: Extractor) -> None:
    text = "often beating even open-source models tuned for narrow coding tasks, like StarCoder."
    assert signals(extractor, text) == {("starcoder", "open")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The open-weight coding model StarCoder was used for the edits.", {("starcoder", "open")}),
        (
            "Two open-source releases, Mixtral and Gemma, lead the pack.",
            {("mixtral", "open"), ("gemma", "open")},
        ),
        ("He celebrated when their open source model (DBRX) shipped.", {("dbrx", "open")}),
        # a verb or a conjunction between the noun and the name is no apposition
        (
            "xAI plans to release Grok 2 as an open source model once Grok 3 is stable.",
            {("grok-2", "planned"), ("xai", "planned")},
        ),
        ("Among open-source models, Meta and Mistral compete.", set()),
    ],
)
def test_a_name_in_apposition_to_the_cues_noun_is_what_it_describes(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_publicly_available_weights_are_open(extractor: Extractor) -> None:
    assert signals(extractor, "SAM 2 shipped with its publicly available weights.") == {
        ("segment-anything", "open")
    }


def test_an_example_of_open_models_is_one(extractor: Extractor) -> None:
    text = "Mistral 7B is a leading example of open-weight models."
    assert signals(extractor, text) == {("mistral-7b", "open"), ("mistral", "open")}


def test_a_capitalised_name_with_of_is_not_a_preposition(extractor: Extractor) -> None:
    text = "Ai2 released OLMo, a small Mixture of Experts open-source model."
    assert signals(extractor, text) == {("olmo", "open"), ("ai2", "open")}


def test_a_claim_opening_with_a_conjunction_and_a_pronoun_points_back(extractor: Extractor) -> None:
    texts = [
        "comma.ai builds openpilot for cars.",
        "While their team is small, many use their open-source software.",
    ]
    assert in_order(extractor, texts)[-1] == {("comma-ai", "open")}


@pytest.mark.parametrize(
    ("heading", "text", "subject"),
    [
        ('The Evolution of Threats and "Snowflake Society"', "It is the new normal for teenagers.", None),
        ("Snowflake's AI Strategy", "It sells storage.", EntityRef("lab", "snowflake")),
    ],
)
def test_a_heading_name_that_needs_context_needs_an_ai_word_in_the_heading(
    extractor: Extractor, heading: str, text: str, subject: EntityRef | None
) -> None:
    assert extractor.extract(claim(text, heading=heading)).subject == subject


def test_a_claim_that_opens_with_a_name_does_not_point_back(extractor: Extractor) -> None:
    texts = ["Mistral sells to enterprises.", "Mistral Large, their commercial offering, ships to customers."]
    claims = [Claim(n, text, None, (), ("Offerings",)) for n, text in enumerate(texts)]
    assert [extractor.extract(c).subject for c in claims][-1] == EntityRef("model", "mistral-large")


def test_a_cue_tied_to_an_ai_task_keeps_its_signal(extractor: Extractor) -> None:
    assert signals(extractor, "Hunyuan is open source for video generation.") == {("hunyuan", "open")}


@pytest.mark.parametrize(
    "text",
    [
        "Mistral, despite not having its own proprietary models, built a loyal following.",
        "Cohere doesn't possess its own proprietary models; it runs what others train.",
        "Perplexity is not owning proprietary models.",
        "Perplexity has no proprietary models of note.",
        "Mistral ships without proprietary compilers.",
    ],
)
def test_what_an_entity_lacks_is_no_signal_of_the_opposite(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


def test_a_plain_negation_of_proprietary_still_says_open(extractor: Extractor) -> None:
    assert signals(extractor, "Mistral's models are not proprietary.") == {("mistral", "open")}


# A model that an openness noun phrase describes, through a copula or an apposition, credits its lab (issue
# 10, item 2: "with the lab credited too"); sentences from the development channels' notes.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "openpilot is an open-source self-driving system that can be installed in compatible cars.",
            {("openpilot", "open"), ("comma-ai", "open")},
        ),
        (
            "StarCoder, an open-source model, is Sourcegraph's primary code completion model.",
            {("starcoder", "open"), ("huggingface", "open")},
        ),
        (
            "For instance, the performance of Gemma 3, an open-source model released recently, is described as "
            '"amazing".',
            {("gemma", "open"), ("google", "open")},
        ),
    ],
)
def test_a_model_described_as_open_credits_its_lab(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare predicate says what the model is, not who made it
        ("Llama 3 is open source.", {("llama-3", "open")}),
        # a framework's licence is not its lab's models' (data/catalog.yaml)
        ("OpenCog is an open-source AGI software framework led by Ben Goertzel.", {("opencog", "open")}),
        # a closed model says nothing of its lab's other models
        ("Sora is a private tool in limited access.", {("sora", "closed")}),
    ],
)
def test_a_described_model_does_not_credit_its_lab_otherwise(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Three classes of misses from the fresh draw of the development channels (tests/gold/dev_fresh_1.yaml); the
# sentences are the notes' own.
def test_a_subjectless_while_clause_is_the_main_clause_subjects(extractor: Extractor) -> None:
    text = "While endorsing open source, Meta also acknowledges the challenges involved."
    assert signals(extractor, text) == {("meta", "open")}


def test_a_while_clause_with_a_subject_of_its_own_still_keeps_it(extractor: Extractor) -> None:
    # "While <verb>ing" leads without a subject; here the While clause has one, and it is not Meta
    text = "While their coding models are proprietary, Meta releases open-source models."
    assert signals(extractor, text, "Mistral") == {("mistral", "closed"), ("meta", "open")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Many companies experiment with commercial APIs (like OpenAI) or fine-tune models.",
            {("openai", "closed")},
        ),
        (
            "The market is still developing, with a potential for both commercial APIs (like OpenAI's fine-tuning "
            "business) and truly open-source projects.",
            {("openai", "closed")},
        ),
        (
            "The rapid affordability of commercial models like GPT-3.5 makes training internally less rational.",
            {("gpt-3", "closed")},
        ),
    ],
)
def test_commercial_apis_close_the_entities_they_list(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # a category with nobody named
        (
            "The decision to build internally or use commercial APIs should start from the pain point.",
            "Replit",
        ),
        ("Ultimately, relying on commercial APIs will depend on the problem being solved.", None),
        # "commercial models" alone is often a business model: it needs its examples
        ("Replit also uses commercial models for general-purpose chat features.", "Replit"),
        ("Commercial models did not meet Replit's strict low-latency requirements.", None),
    ],
)
def test_commercial_apis_without_examples_say_nothing(
    extractor: Extractor, text: str, lead: str | None
) -> None:
    assert signals(extractor, text, lead) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Many companies initially experiment with commercial APIs (like OpenAI).", {("openai", "closed")}),
        (
            "Perplexity initially used OpenAI models, and now increasingly releases its own open-source models.",
            {("perplexity", "open")},
        ),
    ],
)
def test_a_step_or_a_return_to_today_is_not_history(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_a_past_verb_after_initially_is_still_history(extractor: Extractor) -> None:
    text = "Perplexity initially used open-source models."
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Meta is not just building models for internal use; they are committed to open-sourcing these models.",
            {("meta", "open")},
        ),
        (
            "While Meta will likely continue to open source models like Llama 4, it is not expected to open source "
            "its most capable models if it achieves world-leading performance.",
            {("meta", "open"), ("llama-4", "planned")},
        ),
    ],
)
def test_an_ongoing_commitment_is_open_today(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("xAI will open source Grok 2.", {("grok-2", "planned"), ("xai", "planned")}),
        ("OpenAI is committed to open-source a model next month.", {("openai", "planned")}),
        ("Sora is highly unlikely to ever be open-sourced.", {("sora", "closed")}),
    ],
)
def test_a_promise_stays_planned_and_a_forecast_without_condition_stays_closed(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Microsoft-backed OpenAI keeps GPT-4 proprietary.", {("gpt-4", "closed"), ("openai", "closed")}),
        (
            "Amazon-backed Anthropic keeps its Claude models proprietary.",
            {("anthropic", "closed"), ("claude", "closed")},
        ),
        ("Google-owned DeepMind released Gemma, an open model.", {("gemma", "open"), ("google", "open")}),
    ],
)
def test_a_name_qualifying_the_next_one_is_not_the_subject(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft-backed OpenAI has moved away from its open-source roots.",
        "OpenAI abandoned its original open-source mission.",
    ],
)
def test_leaving_its_own_open_source_behind_is_closed(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == {("openai", "closed")}


def test_rather_than_keeping_it_proprietary_is_open(extractor: Extractor) -> None:
    text = "Meta chose to release Llama openly rather than keep it proprietary."
    assert signals(extractor, text) == {("llama", "open"), ("meta", "open")}


def test_a_plan_governing_someone_elses_phrase_plans_nothing(extractor: Extractor) -> None:
    text = "Chamath argues that OpenAI's closed approach will lose to Meta's open-source strategy."
    assert signals(extractor, text) == {("openai", "closed"), ("meta", "open")}


def test_keeping_on_open_sourcing_is_open_today(extractor: Extractor) -> None:
    assert signals(extractor, "Zuckerberg said Meta will keep open-sourcing Llama.") == {
        ("meta", "open"),
        ("llama", "planned"),
    }


def test_a_choice_between_open_and_proprietary_is_about_nobody(extractor: Extractor) -> None:
    text = "Nvidia benefits whether the winning models are open-source or proprietary."
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Amazon's Bedrock offers access to open-source models like Llama alongside Anthropic's Claude.",
            {("llama", "open")},
        ),
        (
            "Cursor runs on Anthropic's Claude, a closed model, but also supports open-source models.",
            {("anthropic", "closed"), ("claude", "closed")},
        ),
        ("Google provides access to its proprietary models through Vertex.", {("google", "closed")}),
        ("Meta supports open-source AI.", {("meta", "open")}),
    ],
)
def test_a_platform_that_serves_open_models_is_not_open_itself(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_a_plan_to_release_with_open_weights_stays_planned(extractor: Extractor) -> None:
    assert signals(extractor, "Meta will release Llama 4 with open weights.") == {
        ("llama-4", "planned"),
        ("meta", "planned"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Companies can now download DeepSeek's weights for free.", {("deepseek", "open")}),
        (
            "Stable Diffusion, released openly by Stability AI, sparked an explosion of image tools.",
            {("stable-diffusion", "open"), ("stability", "open")},
        ),
        ("Gemma is available for anyone to download and fine-tune.", {("gemma", "open")}),
        ("Grok's code was posted on GitHub by xAI.", {("grok", "open"), ("xai", "open")}),
        ("GPT-4's weights have never been released.", {("gpt-4", "closed")}),
        ("Anthropic publishes research but not model weights.", {("anthropic", "closed")}),
        ("Meta has not released the weights of its largest model.", {("meta", "closed")}),
        (
            "There are two camps: closed labs such as OpenAI and Anthropic, and others.",
            {("openai", "closed"), ("anthropic", "closed")},
        ),
    ],
)
def test_what_anyone_can_download_or_nobody_has(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Several open models, including Llama and Qwen, have caught up with GPT-4.",
            {("llama", "open"), ("qwen", "open")},
        ),
        (
            "Open-source models, including Meta's Llama and Alibaba's Qwen, have caught up with GPT-4.",
            {("llama", "open"), ("meta", "open"), ("qwen", "open"), ("alibaba", "open")},
        ),
        ("Compared to closed models like GPT-4, Llama 3 is cheaper to run.", {("gpt-4", "closed")}),
        ("As opposed to OpenAI, Meta open-sources its models.", {("meta", "open")}),
    ],
)
def test_examples_of_a_cue_are_every_listed_name_within_its_clause(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meta released Llama 2 openly.", {("llama-2", "open"), ("meta", "open")}),
        (
            "Google keeps Gemini closed but released the smaller Gemma models openly.",
            {("gemini", "closed"), ("google", "closed"), ("gemma", "open"), ("google", "open")},
        ),
    ],
)
def test_released_openly_is_open(extractor: Extractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Everyone can inspect the weights of Mistral 7B, which is released under Apache 2.0.",
            {("mistral-7b", "open"), ("mistral", "open")},
        ),
        (
            "The team used Llama 3, which Meta released under a community license, to build their chatbot.",
            {("llama-3", "partial"), ("meta", "partial")},
        ),
        (
            "They built on Llama 2, which Meta open-sourced last year.",
            {("llama-2", "open"), ("meta", "open")},
        ),
        ("Microsoft invested in OpenAI, which keeps its models proprietary.", {("openai", "closed")}),
    ],
)
def test_a_relative_clause_describes_the_name_before_its_comma(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def signals_in_order(extractor: Extractor, *texts: str) -> list[set[tuple[str, str]]]:
    """Each claim's signals, the claims extracted in order in one section, as ingest does."""
    found = []
    for ordinal, text in enumerate(texts, start=100):
        facts = extractor.extract(
            Claim(ordinal=ordinal, text=text, seconds=None, timestamps=(), heading_path=())
        )
        found.append({(s.entity.id, s.kind) for s in facts.signals})
    return found


def test_a_lab_named_only_for_its_people_leaves_a_pronoun_unambiguous(extractor: Extractor) -> None:
    assert signals_in_order(
        extractor,
        "Anthropic was founded by former OpenAI employees.",
        "Unlike Meta, it does not release model weights.",
    ) == [set(), {("anthropic", "closed")}]


def test_a_lab_that_releases_its_model_openly_is_credited(extractor: Extractor) -> None:
    assert signals_in_order(
        extractor,
        "DeepSeek shocked the industry in January.",
        "It released its R1 model with open weights.",
    ) == [set(), {("deepseek", "open"), ("deepseek-r1", "open")}]


@pytest.mark.parametrize(
    "text",
    [
        "Apple's App Store is a closed ecosystem, and Google's Android is open source.",
        "Microsoft open-sourced VS Code, which became the most popular editor.",
        "Chrome remains proprietary, but Chromium is open source.",
        "Amazon built a proprietary logistics network that competitors cannot match.",
        "IBM's proprietary mainframes still run most banks.",
        "Amazon's proprietary technology powers its warehouses.",
        "Salesforce's proprietary CRM platform holds customer data.",
        "Microsoft sells proprietary software licences to enterprises.",
    ],
)
def test_openness_of_a_product_that_is_not_ai_is_no_signal(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OpenAI offers a proprietary platform for building agents.", {("openai", "closed")}),
        ("Nvidia's proprietary software locks AI developers into its GPUs.", {("nvidia", "closed")}),
        ("Comma.ai is a company developing an open-source self-driving car system.", {("comma-ai", "open")}),
    ],
)
def test_a_generic_product_in_a_claim_about_ai_keeps_its_signal(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OpenAI doesn't release its models' weights.", {("openai", "closed")}),
        ("OpenAI is no longer open, despite its name.", {("openai", "closed")}),
        ("The irony is that OpenAI is not open at all.", {("openai", "closed")}),
        ("OpenAI went from open to closed after GPT-2.", {("openai", "closed")}),
        ("OpenAI has become a closed company.", {("openai", "closed")}),
        ("Google keeps its best models in-house.", {("google", "closed")}),
        ("Google keeps Gemini Ultra private for now.", {("gemini", "closed"), ("google", "closed")}),
        ("Anthropic keeps Claude's weights private.", {("anthropic", "closed"), ("claude", "closed")}),
        ("The weights of Claude are secret.", {("claude", "closed")}),
        ("OpenAI refused to disclose GPT-4's architecture.", {("gpt-4", "closed"), ("openai", "closed")}),
        ("You can only access GPT-4 through OpenAI's API.", {("gpt-4", "closed"), ("openai", "closed")}),
        ("Sora is not publicly available.", {("sora", "closed")}),
    ],
)
def test_ways_of_saying_closed(extractor: Extractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI is open to partnerships with publishers.",
        "Apple keeps its plans secret until launch.",
        "DeepL's decision to keep data labeling in-house stems from quality.",
        "The company is not open about its revenue.",
    ],
)
def test_secrecy_and_openness_about_other_things_is_no_signal(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Meta's Llama license restricts use by large competitors.",
            {("llama", "partial"), ("meta", "partial")},
        ),
        ("Gemma's license comes with usage restrictions.", {("gemma", "partial")}),
        ("The Llama license isn't approved by the Open Source Initiative.", {("llama", "partial")}),
        (
            "Llama 2 is made available for both research and commercial use under an acceptable use policy.",
            {("llama-2", "partial")},
        ),
    ],
)
def test_licence_terms_with_strings_attached_are_partial(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Llama 2 is free for research and commercial use.", {("llama-2", "open")}),
        (
            "Anyone can download the Llama 3 model and run it locally.",
            {("llama-3", "open"), ("meta", "open")},
        ),
        ("DeepSeek gave away its model for free.", {("deepseek", "open")}),
        ("Mistral's models can be self-hosted.", {("mistral", "open")}),
        ("The code for AlphaFold 2 was released to the public.", {("alphafold", "open")}),
    ],
)
def test_ways_of_saying_anyone_may_run_it(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_free_to_use_is_not_open(extractor: Extractor) -> None:
    assert signals(extractor, "Everyone can use ChatGPT for free.") == set()


def test_the_company_first_in_a_section_means_the_headings_entity(extractor: Extractor) -> None:
    first = Claim(200, "Zuckerberg believes open source will win.", None, (), ("Meta's AI strategy",))
    second = Claim(
        201,
        "The company has released every Llama model with open weights.",
        None,
        (),
        ("Meta's AI strategy",),
    )
    extractor.extract(first)
    assert {(s.entity.id, s.kind) for s in extractor.extract(second).signals} == {
        ("llama", "open"),
        ("meta", "open"),
    }


def test_offered_only_through_an_api_is_closed(extractor: Extractor) -> None:
    assert signals(extractor, "OpenAI only offers GPT-4 through a paid API.") == {
        ("gpt-4", "closed"),
        ("openai", "closed"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The host contrasts Google's closed Gemini with Meta's freely downloadable Llama models.",
            {("gemini", "closed"), ("google", "closed"), ("llama", "open"), ("meta", "open")},
        ),
        (
            "Unlike Google, which keeps Gemini behind an API, Mistral publishes many of its weights.",
            {("gemini", "closed"), ("google", "closed"), ("mistral", "open")},
        ),
        (
            "Meta restricts Llama's use by companies with more than 700 million monthly users.",
            {("llama", "partial"), ("meta", "partial")},
        ),
        (
            "Google DeepMind published the AlphaFold 3 code for academic use only.",
            {("alphafold", "partial"), ("google", "partial")},
        ),
        ("The hosts note that GPT-4's architecture was never officially disclosed.", {("gpt-4", "closed")}),
        (
            "Cohere released the weights of Command R for research use only.",
            {("cohere", "partial"), ("command-r", "partial")},
        ),
        (
            "Runway's Gen-3 video model is available only through its paid app.",
            {("gen-3", "closed"), ("runway", "closed")},
        ),
    ],
)
def test_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Amazon Web Services offers open-source models like Llama through its Bedrock service.",
            {("llama", "open")},
        ),
        ("Meta offers open-source models like Llama.", {("llama", "open"), ("meta", "open")}),
    ],
)
def test_a_lab_offering_examples_that_are_not_its_own_is_not_credited(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI closed a $6.6 billion funding round.",
        "The company closed Series B funding led by Andreessen Horowitz.",
        "Build startups using tools like Claude or OpenAI without needing to code.",
    ],
)
def test_closing_deals_and_coding_are_not_openness(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OpenAI has kept the weights of GPT-4 to itself.", {("gpt-4", "closed"), ("openai", "closed")}),
        (
            "Anthropic offers Claude exclusively through its API and consumer apps.",
            {("anthropic", "closed"), ("claude", "closed")},
        ),
        (
            "Stability AI made Stable Diffusion's weights available to anyone.",
            {("stable-diffusion", "open"), ("stability", "open")},
        ),
        (
            "DeepSeek V3's technical report and weights were both made public.",
            {("deepseek-v3", "open"), ("deepseek", "open")},
        ),
        (
            "Mistral Large is only accessible through Mistral's paid platform.",
            {("mistral-large", "closed"), ("mistral", "closed")},
        ),
        ("Midjourney, a closed image generator, is run by a small team.", {("midjourney", "closed")}),
        ("The episode says Gemini Ultra's weights are not available to the public.", {("gemini", "closed")}),
        ("Amazon's Titan models are available only through AWS Bedrock.", {("amazon", "closed")}),
        (
            "Meta allows researchers and companies to download Llama 2 for free.",
            {("llama-2", "open"), ("meta", "open")},
        ),
        ("Character.AI never released its models publicly.", {("character-ai", "closed")}),
        ("Sora is still restricted to a small group of testers.", {("sora", "closed")}),
    ],
)
def test_second_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Anthropic's constitution for Claude was published openly.",
        "Apple's chips are proprietary.",
    ],
)
def test_the_predicate_of_something_that_is_not_ai_is_no_signal(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


def test_shipping_production_code_is_not_publishing_code(extractor: Extractor) -> None:
    assert (
        signals(extractor, "Salesforce is releasing Agentforce production code to customers this quarter.")
        == set()
    )


def test_only_through_a_cloud_is_closed(extractor: Extractor) -> None:
    assert signals(extractor, "Gemini is only available through Google's cloud.") == {
        ("gemini", "closed"),
        ("google", "closed"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reached only one way: what is reached is the subject; the provider in the cue is its lab
        ("GPT-4o is available solely via the OpenAI API.", {("gpt-4o", "closed"), ("openai", "closed")}),
        ("Midjourney offers its image model only as a paid service.", {("midjourney", "closed")}),
        ("Siri's models are not open to outside developers.", {("siri", "closed")}),
        ("Sora remains limited to a few select creators.", {("sora", "closed")}),
        # the change is today's state, whatever it began as
        ("OpenAI started as an open nonprofit, then switched to closed models.", {("openai", "closed")}),
        (
            "OpenAI began as an open research lab before turning to closed, commercial models.",
            {("openai", "closed")},
        ),
        # weights and data anyone can have
        (
            "Mistral published Mixtral's weights under Apache 2.0.",
            {("mixtral", "open"), ("mistral", "open")},
        ),
        ("Gemma's weights are free to download from Kaggle.", {("gemma", "open"), ("google", "open")}),
        ("Meta has made Llama 3 available for download.", {("llama-3", "open"), ("meta", "open")}),
        (
            "OpenAI has not made GPT-4 available for download.",
            {("gpt-4", "closed"), ("openai", "closed")},
        ),
        (
            "EleutherAI released Pythia with its training data and code.",
            {("pythia", "open"), ("eleutherai", "open")},
        ),
        ("Mixtral's license lets any company use it commercially.", {("mixtral", "open")}),
        # strings attached
        ("Gemma is released under terms that restrict some uses.", {("gemma", "partial")}),
        (
            "Llama 2 comes with a license that requires permission for commercial use by the largest companies.",
            {("llama-2", "partial")},
        ),
        ("Llama 2 is open-ish, and its weights come with usage restrictions.", {("llama-2", "partial")}),
    ],
)
def test_third_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Perplexity uses open-source models for some answers.",
        "Cursor's team fine-tunes open-weight models for autocomplete.",
        "Perplexity's CEO says the company fine-tunes open-source models rather than training its own.",
    ],
)
def test_models_a_company_uses_are_not_its_own(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


def test_proprietary_models_a_company_relies_on_are_their_makers(extractor: Extractor) -> None:
    assert signals(extractor, "Cursor relies on proprietary models from Anthropic.") == {
        ("anthropic", "closed")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mistral's models are Apache-licensed.", {("mistral", "open")}),
        ("You cannot get GPT-4's weights at any price.", {("gpt-4", "closed")}),
        ("GPT-4 cannot be downloaded.", {("gpt-4", "closed")}),
        (
            "Claude Opus sits behind Anthropic's paid tier.",
            {("claude", "closed"), ("anthropic", "closed")},
        ),
        ("Grok 3 is available only to premium subscribers.", {("grok-3", "closed")}),
        # the host a model is reached on is not the model's maker
        ("The weights of Qwen 2 are on Hugging Face.", {("qwen", "open"), ("alibaba", "open")}),
        ("Stable Diffusion can be run on your own laptop.", {("stable-diffusion", "open")}),
        (
            "Databricks released DBRX along with the data used to train it.",
            {("dbrx", "open"), ("databricks", "open")},
        ),
        ("Alibaba keeps releasing Qwen weights every month.", {("qwen", "open"), ("alibaba", "open")}),
        ("Llama 2's license bans use by the biggest platforms.", {("llama-2", "partial")}),
        # a reported promise is a plan, where a bare "would" is a hedge
        (
            "Meta announced that Llama 4 would be open-sourced.",
            {("llama-4", "planned"), ("meta", "planned")},
        ),
        ("Baidu said Ernie 4.5 would be open-sourced.", {("ernie", "planned"), ("baidu", "planned")}),
        ("He thinks Meta would open source Llama 4 if pressed.", set()),
        # built on closed models is closed; relying on someone else's names them
        ("Einstein GPT runs on proprietary models.", {("salesforce-einstein", "closed")}),
    ],
)
def test_fourth_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_ernie_alone_is_a_name_but_numbered_it_is_the_model(extractor: Extractor) -> None:
    mentioned = [m.entity.id for m in extractor.extract(claim("Ernie said Ernie 4.5 is fast.")).mentions]
    assert mentioned == ["ernie"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anyone can grab Mixtral from Hugging Face.", {("mixtral", "open"), ("mistral", "open")}),
        ("OpenAI's o3 hides its reasoning traces.", {("o3", "closed"), ("openai", "closed")}),
        ("GPT-4 can only be accessed through OpenAI's API.", {("gpt-4", "closed"), ("openai", "closed")}),
        ("Google has kept Gemini 2.5 Pro closed.", {("gemini", "closed"), ("google", "closed")}),
        ("The weights of GPT-4 have never been released.", {("gpt-4", "closed")}),
        ("Startups often pick closed APIs like Claude for reliability.", {("claude", "closed")}),
        ("Command R is available for non-commercial use only.", {("command-r", "partial")}),
        ("Qwen remains one of the best open coding models.", {("qwen", "open")}),
        ("Mistral's models are open and fast.", {("mistral", "open")}),
        ("BLOOM was developed in the open by hundreds of researchers.", {("bloom", "open")}),
        (
            "Meta released Llama 3 with its full training recipe.",
            {("llama-3", "open"), ("meta", "open")},
        ),
        ("Llama 3.1 was the first frontier model with downloadable weights.", {("llama-3", "open")}),
        ("Google opened up Gemma for anyone to download.", {("gemma", "open"), ("google", "open")}),
        # the product a subscription is named after is not what it gives access to
        ("Sora is available only to ChatGPT Pro subscribers.", {("sora", "closed")}),
        (
            "Anthropic never publishes the weights of its Claude models.",
            {("claude", "closed"), ("anthropic", "closed")},
        ),
        # "refused to disclose" is a verb with its object, not a place something is reached
        (
            "OpenAI refused to disclose GPT-4's architecture.",
            {("gpt-4", "closed"), ("openai", "closed")},
        ),
    ],
)
def test_fifth_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Neural networks are a black box.",
        "The models are open to interpretation.",
        "The startup's weights are open-ended questions for investors.",
    ],
)
def test_open_and_black_box_about_other_things_are_no_signal(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        # a closed platform, a kept secret, a chip link: the business, not its AI
        "Apple's closed platform locks developers into its App Store.",
        "Tesla AI keeps its battery chemistry proprietary.",
        "Nvidia's proprietary NVLink interconnect links its GPUs.",
        "Microsoft's Windows remains closed source.",
        # what was open-sourced is named as something else, or is a product nobody calls AI
        "Snowflake open-sourced Polaris, a catalog format for data lakes.",
        "Google open-sourced Bazel for its engineers.",
        "Microsoft open-sourced PowerToys for Windows users.",
        "Nvidia open-sourced its GPU kernel drivers.",
    ],
)
def test_business_uses_of_openness_words_are_no_signal(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nvidia open-sourced Nemotron.", {("nemotron", "open"), ("nvidia", "open")}),
        ("OpenAI keeps its model weights proprietary.", {("openai", "closed")}),
        # the predicate is the models', and the ad algorithms are not AI models
        (
            "Meta's Llama models are open, but its ad algorithms are proprietary.",
            {("llama", "open"), ("meta", "open")},
        ),
    ],
)
def test_openness_of_models_beside_business_words_is_kept(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # negated sharing: contracted, elliptical, and "kept in-house and never released"
        ("Gemini Nano runs on phones, but its weights weren't released.", {("gemini", "closed")}),
        ("Claude's model card is public, but its weights are not.", {("claude", "closed")}),
        ("Character.AI's models are built in-house and never shared.", {("character-ai", "closed")}),
        ("OpenAI has published nothing open-source since GPT-2.", {("openai", "closed")}),
        # weights put where anyone can take them; the host is not credited
        ("Meta uploaded the Llama 2 weights to Hugging Face.", {("llama-2", "open"), ("meta", "open")}),
        ("Apple's OpenELM weights were uploaded to Hugging Face.", {("openelm", "open"), ("apple", "open")}),
        # licences: an open one, one that allows commercial use, one that bars commercial products
        ("AI21 ships Jamba under an open licence.", {("jamba", "open"), ("ai21", "open")}),
        (
            "Nvidia published Nemotron under a license that permits commercial use.",
            {("nemotron", "open"), ("nvidia", "open")},
        ),
        ("Codestral cannot be used in commercial products.", {("codestral", "partial")}),
        # reached only one way, by a named few
        ("Gemini 2.5 Pro is available to enterprises only via Vertex AI.", {("gemini", "closed")}),
        ("Perplexity's Sonar models are available only to Pro users.", {("perplexity", "closed")}),
        # a model "from" its lab is the subject; the lab is credited as its lab
        ("Yi-34B from 01.AI was released with open weights.", {("yi", "open"), ("01-ai", "open")}),
        ("The Molmo family comes with open weights.", {("molmo", "open")}),
        ("The startup chose a closed model from Anthropic.", {("anthropic", "closed")}),
    ],
)
def test_sixth_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_where_a_model_is_downloaded_from_is_not_its_maker(extractor: Extractor) -> None:
    assert ("huggingface", "open") not in signals(
        extractor, "Qwen 2.5 from Alibaba can be downloaded from Hugging Face."
    )


def titled(extractor: Extractor, text: str, title: str, heading: str | None = None) -> set[tuple[str, str]]:
    return {(s.entity.id, s.kind) for s in extractor.extract(claim(text, heading=heading), title).signals}


def test_open_source_in_a_note_that_never_speaks_of_ai_is_no_signal(extractor: Extractor) -> None:
    text = "Microsoft became the largest contributor to open source on GitHub."
    assert titled(extractor, text, "How Satya Nadella turned Microsoft around", "Culture") == set()


def test_the_same_claim_in_a_note_about_ai_keeps_its_signal(extractor: Extractor) -> None:
    text = "Microsoft became the largest contributor to open source on GitHub."
    assert titled(extractor, text, "Microsoft's AI strategy") == {("microsoft", "open")}


def test_a_heading_about_ai_is_context_enough(extractor: Extractor) -> None:
    text = "Meta has been a significant proponent of open source."
    assert titled(extractor, text, "Zuckerberg on Meta", "Llama and open models") == {("meta", "open")}


def test_a_model_named_in_the_claim_is_ai_whatever_the_note(extractor: Extractor) -> None:
    text = "Meta open-sourced Llama to win developers."
    assert titled(extractor, text, "Meta's business") == {("llama", "open"), ("meta", "open")}


def test_closed_source_said_of_a_lab_stays_in_any_note(extractor: Extractor) -> None:
    assert titled(extractor, "Anthropic is closed source.", "Startup valuations") == {("anthropic", "closed")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Google keeps Gemini's architecture under lock and key.",
            {("gemini", "closed"), ("google", "closed")},
        ),
        (
            "OpenAI does not make any of its GPT-4 weights available.",
            {("gpt-4", "closed"), ("openai", "closed")},
        ),
        ("Teams can self-host Mixtral on their own GPUs.", {("mixtral", "open"), ("mistral", "open")}),
        (
            "Anthropic only lets customers use Claude through its API.",
            {("claude", "closed"), ("anthropic", "closed")},
        ),
        ("Midjourney is a subscription-only image generator.", {("midjourney", "closed")}),
        ("Veo 3 stays locked behind Gemini Advanced.", {("veo", "closed")}),
        (
            "Ai2 released OLMo together with all of its training checkpoints.",
            {("olmo", "open"), ("ai2", "open")},
        ),
        ("The code for AlphaFold 3 was eventually released.", {("alphafold", "open")}),
        ("Stability AI abandoned open weights for its newest models.", {("stability", "closed")}),
        # a view about open source in general is nobody's; what the view says a lab did is the lab's
        ("The guest argues that Mistral moved away from open source.", {("mistral", "closed")}),
        # open with strings attached is partial, for the model and its lab beside it
        (
            "Command R weights are available for research but not for commercial use.",
            {("command-r", "partial"), ("cohere", "partial")},
        ),
        (
            "Falcon 180B from TII is downloadable, but its license restricts hosting services.",
            {("falcon", "partial"), ("tii", "partial")},
        ),
    ],
)
def test_seventh_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Salesforce open-sourced its internal design system.",
        "Nvidia's driver source code was partly released in 2022.",
    ],
)
def test_design_systems_and_partly_released_driver_code_are_no_signal(
    extractor: Extractor, text: str
) -> None:
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Claude is only reachable through Anthropic's cloud.",
            {("claude", "closed"), ("anthropic", "closed")},
        ),
        ("Alibaba makes its Qwen models freely available.", {("alibaba", "open"), ("qwen", "open")}),
        (
            "Unlike closed competitors such as Claude, Llama can be run locally.",
            {("claude", "closed"), ("llama", "open")},
        ),
        (
            "Stability AI's models carry a commercial license for large enterprises.",
            {("stability", "partial")},
        ),
        (
            "Jamba is offered under the Jamba Open Model License, which caps large-scale use.",
            {("jamba", "partial")},
        ),
        ('Critics call Llama "open source in name only".', {("llama", "partial")}),
        ("Midjourney never made its models available to outside developers.", {("midjourney", "closed")}),
        ("Runway keeps its video models behind a subscription.", {("runway", "closed")}),
        # the lab's terms bind the model released in the same claim
        (
            "Meta released Llama 2 with open weights but a custom license.",
            {("llama-2", "partial"), ("meta", "partial")},
        ),
    ],
)
def test_eighth_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Google's open-source Kubernetes started as an internal tool.",
        "Apple's Swift is open source.",
        "Google's open-source Go language is popular with startups.",
        "Cohere stays closed-mouthed about its valuation.",
        "The company's proprietary sales playbook came from Salesforce.",
        "Mistral's proprietary dashboard lets enterprises monitor usage.",
        "OpenAI's office is closed.",
    ],
)
def test_named_software_playbooks_and_closed_mouths_are_no_signal(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


def test_closed_said_of_a_model_is_a_signal(extractor: Extractor) -> None:
    assert signals(extractor, "Google's Gemini is closed, while its Android OS is open source.") == {
        ("gemini", "closed"),
        ("google", "closed"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Google open-sourced its Gemma family on Kaggle.", {("gemma", "open"), ("google", "open")}),
        ("Qwen is available for download, with some restrictions.", {("qwen", "partial")}),
        ("OpenAI has kept every model since GPT-2 behind its API.", {("openai", "closed")}),
        ("Cohere's models are only offered as a service.", {("cohere", "closed")}),
        ("Midjourney doesn't share its models with anyone.", {("midjourney", "closed")}),
        ("Mistral shares its small models with the community.", {("mistral", "open")}),
        ("Siri runs on closed, in-house models.", {("siri", "closed")}),
        (
            "Llama 3 ships under a license that allows commercial use under some limits.",
            {("llama-3", "partial")},
        ),
    ],
)
def test_ninth_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Meta has open-sourced several Llama variants for mobile devices.",
            {("llama", "open"), ("meta", "open")},
        ),
        (
            "Google promised to release Gemma 3's weights next month.",
            {("gemma", "planned"), ("google", "planned")},
        ),
        ("The weights of Qwen 2.5 can be downloaded from Hugging Face.", {("qwen", "open")}),
        (
            "Falcon 40B's weights, available under an Apache-style license, were popular.",
            {("falcon", "open")},
        ),
        ("Microsoft sells GPT-4 to banks exclusively via Azure.", {("gpt-4", "closed")}),
        ("ElevenLabs sells its voice models only through paid subscriptions.", {("elevenlabs", "closed")}),
        (
            "Stability AI's audio model is free for research but requires a license for commercial use.",
            {("stability", "partial")},
        ),
        (
            "Microsoft's Orca models were published for research purposes only.",
            {("orca", "partial"), ("microsoft", "partial")},
        ),
        ("Cohere's Aya weights are shared openly for research.", {("aya", "partial"), ("cohere", "partial")}),
        (
            "Nvidia keeps the weights of its newest Nemotron models secret.",
            {("nemotron", "closed"), ("nvidia", "closed")},
        ),
        ("OLMo is one of the few LLMs with open training data, code and weights.", {("olmo", "open")}),
        ("Anthropic builds its models in-house and never publishes them.", {("anthropic", "closed")}),
        (
            "OpenAI has not released any GPT-4 model as open weights.",
            {("gpt-4", "closed"), ("openai", "closed")},
        ),
        ("Meta released Llama 2 as open source.", {("llama-2", "open"), ("meta", "open")}),
    ],
)
def test_tenth_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hugging Face hosts the Mistral 7B model, which Mistral made available under a license permitting"
            " commercial use with some limits.",
            {("mistral-7b", "partial"), ("mistral", "partial")},
        ),
        (
            "The researchers behind OLMo released not only the weights but also the training code.",
            {("olmo", "open"), ("ai2", "open")},
        ),
        (
            "Unlike Gemini, which is only reachable through Google's API, Gemma can be run locally.",
            {("gemini", "closed"), ("google", "closed"), ("gemma", "open")},
        ),
        ("Critics say OpenAI is far from open these days.", {("openai", "closed")}),
        ("Gemma's terms of use restrict some applications.", {("gemma", "partial")}),
        (
            "Databricks' DBRX models were uploaded to Hugging Face.",
            {("dbrx", "open"), ("databricks", "open")},
        ),
        ("Character.AI has not made its models available outside its own app.", {("character-ai", "closed")}),
        ("Tesla's FSD software is closed and proprietary.", {("tesla-fsd", "closed")}),
        ("The architecture details of GPT-4 are kept secret.", {("gpt-4", "closed")}),
        ("AI2 trained OLMo in the open.", {("olmo", "open"), ("ai2", "open")}),
        ("Google open-sourced the next generation of Gemma models.", {("gemma", "open"), ("google", "open")}),
        (
            "Runway's Gen-3 Alpha is only available to paying subscribers on its website.",
            {("gen-3", "closed"), ("runway", "closed")},
        ),
        ("Groq's chips serve open models like Mixtral.", {("mixtral", "open")}),
        ("Mobileye chips run proprietary perception algorithms.", {("mobileye", "closed")}),
        ("Meta said it will open-source Llama 4.", {("llama-4", "planned"), ("meta", "planned")}),
    ],
)
def test_eleventh_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The host notes that Google published its research papers openly.",
        "Meta's chief scientist says keeping models behind closed doors is a mistake.",
        "Open AI models were chosen for their quality.",
    ],
)
def test_open_papers_views_and_open_ai_spelt_apart_are_no_signal(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meta's choice to give Llama 2 away reshaped the market.", {("llama-2", "open"), ("meta", "open")}),
        (
            "OpenAI's o1 reasoning traces are kept hidden from users.",
            {("o1", "closed"), ("openai", "closed")},
        ),
        ("xAI posted the Grok-1 weights and code on GitHub.", {("grok-1", "open"), ("xai", "open")}),
        (
            "Alibaba has released dozens of Qwen checkpoints under permissive terms.",
            {("qwen", "open"), ("alibaba", "open")},
        ),
        (
            "Anthropic's Claude is not available to outside developers as weights.",
            {("claude", "closed"), ("anthropic", "closed")},
        ),
        ("Suno's model is available only in its app.", {("suno", "closed")}),
        (
            "Google released AlphaFold 3 code for academic use only.",
            {("alphafold", "partial"), ("google", "partial")},
        ),
        (
            "OpenAI's Whisper is popular because startups can run it on their own servers.",
            {("whisper", "open"), ("openai", "open")},
        ),
        ("Cohere's weights are for research only.", {("cohere", "partial")}),
        ("Moonshot didn't publish the Kimi model at first.", {("kimi", "closed")}),
        (
            "Twelve Labs keeps its Marengo video model proprietary.",
            {("marengo", "closed"), ("twelve-labs", "closed")},
        ),
    ],
)
def test_twelfth_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Meta has not decided whether Llama 4 Behemoth will be open-sourced.",
        "It is unclear whether Mistral will open-source its next model.",
        "Nvidia made its CUDA toolkit free to download for developers.",
        "Google's Gemini app is free to download on Android.",
    ],
)
def test_undecided_releases_and_free_downloads_are_no_signal(extractor: Extractor, text: str) -> None:
    assert signals(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mistral's Codestral weights are on Hugging Face under a CC-BY-NC-4.0 license.",
            {("codestral", "partial"), ("mistral", "partial")},
        ),
        ("Gemma 3 is released under a modified Apache 2.0 license.", {("gemma", "partial")}),
        (
            "Tencent's Hunyuan weights require approval for commercial use.",
            {("hunyuan", "partial"), ("tencent", "partial")},
        ),
        ("The Allen Institute put OLMo's weights in the public domain.", {("olmo", "open"), ("ai2", "open")}),
        ("The startup forked Stable Diffusion's open code.", {("stable-diffusion", "open")}),
        (
            "The Qwen 2.5 weights followed on Hugging Face a day later.",
            {("qwen", "open"), ("alibaba", "open")},
        ),
        ("Meta released SAM 2 with its code and weights.", {("segment-anything", "open"), ("meta", "open")}),
        ("Apple's OpenELM weights and training logs are public.", {("openelm", "open"), ("apple", "open")}),
        ("Google keeps Gemini's chain of thought hidden.", {("gemini", "closed"), ("google", "closed")}),
        ("Whisper large-v3 can be run offline on a phone.", {("whisper", "open")}),
    ],
)
def test_thirteenth_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Meta's Llama license allows commercial use but prohibits training rival models on its outputs.",
            {("llama", "partial"), ("meta", "partial")},
        ),
        ("Perplexity fine-tuned open Llama checkpoints for its answer engine.", {("llama", "open")}),
        (
            "Twelve Labs' Pegasus is available through its API only.",
            {("pegasus", "closed"), ("twelve-labs", "closed")},
        ),
        ("The Gemma license requires registration before download.", {("gemma", "partial")}),
        ("Nobody outside Google knows Gemini's architecture.", {("gemini", "closed"), ("google", "closed")}),
        (
            "DBRX is released under the Databricks Open Model License.",
            {("dbrx", "partial"), ("databricks", "partial")},
        ),
    ],
)
def test_fourteenth_held_out_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Issue 10, held-out rounds of the sixth session (tests/gold/README.md): the classes each set's misses showed,
# as hand-written models of them, not the sets' own sentences.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # set 15
        ("The Mistral terms prohibit military uses of the model.", {("mistral", "partial")}),
        ("OLMo ships with all of its training checkpoints.", {("olmo", "open")}),
        (
            "Google keeps its newest Gemini model behind its own API.",
            {("gemini", "closed"), ("google", "closed")},
        ),
        (
            "Mistral lets hobbyists download Codestral but not use it commercially.",
            {("codestral", "partial"), ("mistral", "partial")},
        ),
        (
            "The panel weighs open ones like DeepSeek-R1 against GPT-4o.",
            {("deepseek-r1", "open"), ("deepseek", "open")},
        ),
        ("OpenAI releases its system prompts openly, but not its models.", {("openai", "closed")}),
        (
            "Qwen2.5 is released under a license derived from Apache 2.0.",
            {("qwen", "partial")},
        ),
        ("xAI put the Grok 1 weights out for download.", {("grok-1", "open"), ("xai", "open")}),
        ("The Phi-4 weights are free on Hugging Face.", {("phi", "open"), ("microsoft", "open")}),
        (
            "Anthropic only allows businesses to customize Claude through its platform.",
            {("claude", "closed"), ("anthropic", "closed")},
        ),
        # set 16
        # a cue the future governs from after it: a time still to come, or an announcement's "would"
        (
            "Mistral said it would release a new open-weight model in the coming months.",
            {("mistral", "planned")},
        ),
        (
            "xAI announced that an open-source version of Grok 2 would follow.",
            {("grok-2", "planned"), ("xai", "planned")},
        ),
        (
            "Google plans to publish the next Gemma models, with their training recipes, under an open licence"
            " later this year.",
            {("gemma", "planned"), ("google", "planned")},
        ),
        # a question or a condition says what would be
        ("The host wonders whether OpenAI will ever open-source GPT-4.", set()),
        ("If OpenAI open-sourced GPT-4, rivals would catch up quickly.", set()),
        (
            "If startups build on open-source models like Mistral 7B, they save money.",
            {("mistral-7b", "open"), ("mistral", "open")},
        ),
        # open with terms of its own
        (
            "Gemma ships with open weights under Google's own terms of use.",
            {("gemma", "partial"), ("google", "partial")},
        ),
        (
            "Stable Diffusion 3 is available for research and non-commercial use.",
            {("stable-diffusion", "partial")},
        ),
        (
            "SDXL is downloadable, but a paid licence is required for commercial use.",
            {("stable-diffusion", "partial")},
        ),
        ("The guest calls Llama 2 'open weights rather than open source'.", {("llama-2", "partial")}),
        (
            "DeepSeek-V3 is open weights, but neither its data nor its training code was shared.",
            {("deepseek-v3", "partial"), ("deepseek", "partial")},
        ),
        ("ElevenLabs has published no model weights.", {("elevenlabs", "closed")}),
        # set 17
        # a question weighed, a clause that opens with "whether": nothing yet either way
        ("Meta is weighing whether to keep Llama 4 closed.", set()),
        ("Whether OpenAI will ever publish GPT-4's weights remains an open question.", set()),
        ("The ChatGPT app can be downloaded free from the App Store.", set()),  # an app, not weights
        ("DeepSeek held an open-source week in February.", set()),  # an event
        (
            "Claude and Gemini are described as closed frontier models.",
            {("claude", "closed"), ("gemini", "closed")},
        ),
        ("xAI posted the weights and code of Grok-1 on GitHub.", {("grok-1", "open"), ("xai", "open")}),
        ("Pythia's weights, data and code were all made public.", {("pythia", "open")}),
        ("GPT-4's architecture and parameter count were kept secret.", {("gpt-4", "closed")}),
        ("Midjourney is offered solely through a paid subscription.", {("midjourney", "closed")}),
        (
            "Cohere's Command R comes under a licence which requires a separate agreement for commercial use.",
            {("command-r", "partial"), ("cohere", "partial")},
        ),
        # set 18
        ("Google published the Gemma 2 27B weights.", {("gemma", "open"), ("google", "open")}),
        ("Microsoft put Phi-3 on Hugging Face.", {("phi", "open"), ("microsoft", "open")}),
        (
            "Gemini Ultra remains reserved for Google One AI Premium subscribers.",
            {("gemini", "closed"), ("google", "closed")},
        ),
        ("Gemma is published under its own Gemma terms of use.", {("gemma", "partial")}),
        (
            "Codestral shipped under Mistral's Non-Production License.",
            {("codestral", "partial"), ("mistral", "partial")},
        ),
        ("Meta's licence requires a separate agreement for the largest companies.", {("meta", "partial")}),
        ("Scale AI's proprietary customer list is its moat.", set()),  # a list, not a model
        ("Samsung keeps its memory chip pricing data strictly proprietary.", set()),
        # sets 16 to 19: a part set off by commas after the clause's first name; its names are not what the
        # predicate is about
        (
            "Gemini Ultra, Google's largest model at the time, was available only through a paid API.",
            {("gemini", "closed"), ("google", "closed")},
        ),
        (
            "Falcon 180B, trained by TII on data that Hugging Face hosted, was released under a licence"
            " that restricts hosting.",
            {("falcon", "partial"), ("tii", "partial")},
        ),
        ("Mistral, like Meta, releases open-weight models.", {("mistral", "open")}),
        ("Llama 3, Meta's flagship, is open-source.", {("llama-3", "open"), ("meta", "open")}),
        # set 19
        # a bracketed list right after the cue's noun takes the cue
        (
            "The episode contrasts them with closed models (GPT-4o, Claude 3.5 Sonnet).",
            {("gpt-4o", "closed"), ("claude", "closed")},
        ),
        (
            "Codestral is downloadable, but large companies need a paid Mistral licence.",
            {("codestral", "partial"), ("mistral", "partial")},
        ),
        (
            "The host recalls the pledge that Meta would open-source Llama 4.",
            {("llama-4", "planned"), ("meta", "planned")},
        ),
        (
            "Alibaba is publishing the Qwen3 weights on Hugging Face next week.",
            {("qwen", "planned"), ("alibaba", "planned")},
        ),
        (
            "Imagen 3, Google's image model, is only accessible through paid Gemini plans.",
            {("imagen", "closed"), ("google", "closed")},
        ),
        # set 20
        ("Grok 3 stayed behind the X Premium paywall.", {("grok-3", "closed")}),
        (
            "Meta told developers it would ship an open-weight Llama model.",
            {("llama", "planned"), ("meta", "planned")},
        ),
        (
            "Cohere put the Command R+ weights on Hugging Face for non-commercial use only.",
            {("command-r", "partial"), ("cohere", "partial")},
        ),
        (
            "DBRX is an open model with an acceptable-use policy.",
            {("dbrx", "partial"), ("databricks", "partial")},
        ),
        ("Meta spent years giving Llama away.", {("llama", "open"), ("meta", "open")}),
        ("Whether xAI will keep publishing open weights depends on its next raise.", set()),
        ("Salesforce's proprietary go-to-market motion drives Agentforce sales.", set()),
        # a licence right after the open cue, with no article: "under CC-BY-NC"
        (
            "Stability AI posted the SDXL weights on GitHub under CC-BY-NC.",
            {("stable-diffusion", "partial"), ("stability", "partial")},
        ),
        # set 21
        ("Microsoft released Phi-4 under MIT.", {("phi", "open"), ("microsoft", "open")}),
        ("She studied under MIT professors who released papers on Llama.", set()),
        ("The Phi-3 checkpoints were released last spring.", {("phi", "open")}),
        (
            "Moonshot AI put both the Kimi K2 base and chat checkpoints on Hugging Face.",
            {("kimi", "open"), ("moonshot", "open")},
        ),
        (
            "Ai2 released OLMo with everything included: weights, data and code.",
            {("olmo", "open"), ("ai2", "open")},
        ),
        (
            "xAI says Grok 3 will have its weights released next year.",
            {("grok-3", "planned"), ("xai", "planned")},
        ),
        (
            "Google kept Gemini's weights and training recipe secret.",
            {("gemini", "closed"), ("google", "closed")},
        ),
        # what a company builds on is someone else's, with an article or without
        ("Perplexity fine-tuned an open-weight base model for its search answers.", set()),
        ("Cursor trains its model on top of an open-weight base model.", set()),
        ("Gemma 3, an open-source model, runs on a phone.", {("gemma", "open"), ("google", "open")}),
        ("Cohere plans to open-source more of its Aya models.", {("aya", "planned"), ("cohere", "planned")}),
        (
            "Qwen 2.5's weights are public, but Alibaba held back the training data.",
            {("qwen", "partial"), ("alibaba", "partial")},
        ),
        # a restriction further on, after "under", qualifies the open cue when nobody else is named between
        (
            "Codestral weights are available to researchers, under a licence that forbids commercial use.",
            {("codestral", "partial"), ("mistral", "partial")},
        ),
        # a pronoun the release's object: the model the claim is about
        (
            "Alibaba trained Qwen 2 on 7 trillion tokens and released it under Apache 2.0.",
            {("qwen", "open"), ("alibaba", "open")},
        ),
        (
            "Stable Diffusion 3 can be downloaded, but Stability AI licenses it for non-commercial use only.",
            {("stable-diffusion", "partial"), ("stability", "partial")},
        ),
        # a licence for a model is that model's
        (
            "Meta's community licence for Llama 3 caps its use by large platforms.",
            {("meta", "partial"), ("llama-3", "partial")},
        ),
        # set 22
        (
            "Gemini can only be accessed through Google's own cloud.",
            {("gemini", "closed"), ("google", "closed")},
        ),
        ("Banks can only consume Claude as a hosted service.", {("claude", "closed")}),
        ("Sora will reach developers only as a metered API.", {("sora", "closed")}),
        (
            "Stable Diffusion's weights are public under an OpenRAIL licence.",
            {("stable-diffusion", "partial"), ("stability", "partial")},
        ),
        ("The Llama 3 licence was never approved by the OSI.", {("llama-3", "partial")}),
        # weights for a model are that model's
        (
            "Mistral will never release weights for any Mistral Large model.",
            {("mistral", "closed"), ("mistral-large", "closed")},
        ),
        (
            "Midjourney keeps its model behind a Discord bot and a monthly subscription.",
            {("midjourney", "closed")},
        ),
        ("Whisper's weights are out.", {("whisper", "open"), ("openai", "open")}),
        ("The code is out of date for Llama 2 users.", set()),
        ("The chain of thought behind Gemini 2.5 Pro is hidden from users.", {("gemini", "closed")}),
        ("Databricks put out DBRX with open weights.", {("dbrx", "open"), ("databricks", "open")}),
        (
            "Databricks released DBRX with open weights, but under its own open model licence.",
            {("dbrx", "partial"), ("databricks", "partial")},
        ),
        ("Firefly is only available inside Creative Cloud plans.", {("firefly", "closed")}),
        (
            "OLMo's weights, data, code and checkpoints were all released by Ai2.",
            {("olmo", "open"), ("ai2", "open")},
        ),
        # the licence of a planned release is planned too
        (
            "Nvidia promised to release the next Nemotron weights under a permissive licence.",
            {("nemotron", "planned"), ("nvidia", "planned")},
        ),
        # set 23 and trap set 13
        (
            "Llama 3 weights are on Hugging Face, but you can't use them if you have more than 700 million monthly users.",
            {("llama-3", "partial"), ("meta", "partial")},
        ),
        ("DeepSeek dropped the weights for R1 under MIT.", {("deepseek-r1", "open"), ("deepseek", "open")}),
        # a present tense with a time or condition after it is a schedule; a past tense is not
        ("Grok 2 gets open-sourced once Grok 3 is stable.", {("grok-2", "planned"), ("xai", "planned")}),
        (
            "Baidu says ERNIE 4.5 goes open source at the end of June.",
            {("ernie", "planned"), ("baidu", "planned")},
        ),
        ("Baidu open-sourced ERNIE 4.5 at the end of June.", {("ernie", "open"), ("baidu", "open")}),
        ("Llama 4 is open weights, not open source.", {("llama-4", "partial")}),
        ("FLUX.1 dev is downloadable but strictly non-commercial.", {("flux", "partial")}),
        (
            "SDXL is free for research, but you have to pay Stability for a licence.",
            {("stable-diffusion", "partial")},
        ),
        ("Stable Diffusion 3 is free for research and commercial use.", {("stable-diffusion", "open")}),
        ("Microsoft put Phi-4 out under MIT.", {("phi", "open"), ("microsoft", "open")}),
        (
            "The Codestral weights are coming in a few months.",
            {("codestral", "planned"), ("mistral", "planned")},
        ),
        ("Claude is locked behind an API.", {("claude", "closed")}),
        (
            "Apple dropped OpenELM on Hugging Face with the training code.",
            {("openelm", "open"), ("apple", "open")},
        ),
        ("xAI posted Grok's system prompts on GitHub.", set()),
        (
            "AlphaFold 3 weights are available to academics, but commercial use is completely off the table.",
            {("alphafold", "partial"), ("google", "partial")},
        ),
        (
            "Stable Diffusion is free to download and run on your own machine.",
            {("stable-diffusion", "open")},
        ),
        ("The guest stopped trusting the Open LLM Leaderboard on Hugging Face.", set()),
        # what is kept closed or called proprietary is not AI: pricing, an old OS's code, ad auctions, a file format
        ("Salesforce keeps its pricing closed until you call a rep.", set()),
        ("Microsoft open-sourced the original MS-DOS code.", set()),
        ("Google's auction logic is a proprietary black box.", set()),
        ("Amazon's Kindle file format is still proprietary.", set()),
        ("Apple has kept the models behind Siri closed.", {("apple", "closed"), ("siri", "closed")}),
        # a contrast, then a restriction of the same thing, qualifies the open cue before it
        (
            "Gemma can be downloaded by anyone, although the terms that come with it restrict some uses.",
            {("gemma", "partial")},
        ),
        # set 24 and trap set 14
        (
            "Why does Google keep Gemini locked behind its own cloud services?",
            {("gemini", "closed"), ("google", "closed")},
        ),
        (
            "xAI has promised to put the weights of Grok 3 on the internet.",
            {("grok-3", "planned"), ("xai", "planned")},
        ),
        ("Llama 4 is open, yes, but with many asterisks.", {("llama-4", "partial")}),
        ("GPT-4 is secret: nobody outside can see the model.", {("gpt-4", "closed")}),
        ("Mixtral is popular because it is under the Apache licence.", {("mixtral", "open")}),
        (
            "The Command R weights can be downloaded, but the licence is only for research.",
            {("command-r", "partial")},
        ),
        (
            "The Mistral Large weights will come out in the coming months.",
            {("mistral-large", "planned"), ("mistral", "planned")},
        ),
        ("Google kept Android closed to competing app stores.", set()),
        (
            "By giving Llama for free, Meta makes the closed models of competitors less valuable.",
            {("llama", "open"), ("meta", "open")},
        ),
        # the host a model is put on holds its weights; they are not the host's
        (
            "Microsoft's Phi-3 models are small, and the company put them on Hugging Face.",
            {("phi", "open"), ("microsoft", "open")},
        ),
        # set 25
        (
            "Gemini is great, but there's no way to pull the weights into our own cloud.",
            {("gemini", "closed")},
        ),
        ("Qwen 2.5's weights sit on Hugging Face.", {("qwen", "open"), ("alibaba", "open")}),
        ("Ai2 publishes not just the weights but the training data too.", {("ai2", "open")}),
        ("Meta keeps shipping open weights, even if the licence isn't OSI-approved.", {("meta", "partial")}),
        ("Llama 3 can legally be run on-prem.", {("llama-3", "open")}),
        (
            "Apple will publish the Apple Intelligence on-device model weights later this year.",
            {("apple-foundation-models", "planned"), ("apple", "planned")},
        ),
        (
            "Mistral Large weights are downloadable only under a research licence.",
            {("mistral-large", "partial"), ("mistral", "partial")},
        ),
        (
            "The DBRX weights are open, but the licence came with an acceptable use policy.",
            {("dbrx", "partial")},
        ),
        (
            "Gemma weights can be downloaded, though Google's terms of use restrict some use cases.",
            {("gemma", "partial"), ("google", "partial")},
        ),
        # set 26 and trap set 16
        (
            "Llama 2 ships its weights but forbids use by companies above seven hundred million monthly users.",
            {("llama-2", "partial")},
        ),
        ("OLMo's weights, training code, data and checkpoints are all public.", {("olmo", "open")}),
        ("Falcon 180B is open with an asterisk.", {("falcon", "partial")}),
        (
            "DeepSeek-V3 shipped with downloadable weights, but the lab never released its training data.",
            {("deepseek-v3", "partial"), ("deepseek", "partial")},
        ),
        ("Midjourney is available only through a paid Discord bot.", {("midjourney", "closed")}),
        ("Stable Diffusion arrived with public weights.", {("stable-diffusion", "open")}),
        ("BLOOM was released with open weights under a Responsible AI License.", {("bloom", "partial")}),
        (
            "Meta's OPT-175B was gated behind a research-only request form.",
            {("opt", "partial"), ("meta", "partial")},
        ),
        (
            "Chinchilla is a model nobody outside DeepMind could ever run.",
            {("chinchilla", "closed"), ("google", "closed")},
        ),
        (
            "Cohere released the Aya weights under a Creative Commons non-commercial licence.",
            {("aya", "partial"), ("cohere", "partial")},
        ),
        (
            "xAI plans to open the Grok 2 weights once its successor is stable.",
            {("grok-2", "planned"), ("xai", "planned")},
        ),
        ("Apple has put OpenELM on a public hub.", {("openelm", "open"), ("apple", "open")}),
        ("AlphaGo's code and trained networks were never released.", {("alphago", "closed")}),
        (
            "Segment Anything's weights are Apache-licensed, but its training dataset may only be used for research.",
            {("segment-anything", "partial")},
        ),
        (
            "Meta released the Llama 3 weights for download under its own community licence.",
            {("llama-3", "partial"), ("meta", "partial")},
        ),
        ("Amazon's proprietary warehouse logs taught her forecasting.", set()),
        ("Microsoft's Phi-4 was posted openly under MIT.", {("phi", "open"), ("microsoft", "open")}),
        # set 27 and trap set 17: a wiki's terse lines, "HF" for Hugging Face
        ("Qwen2.5 all landed on HF the same day.", {("qwen", "open")}),
        ("GLM-4.5 from Zhipu: MIT, weights on HF.", {("glm", "open"), ("zhipu", "open")}),
        ("DeepSeek-V3 is MIT for both code and weights.", {("deepseek-v3", "open"), ("deepseek", "open")}),
        ("FLUX.1 dev ships NC weights on HF.", {("flux", "partial")}),
        ("Jamba is open weights, with restrictions above $50M revenue.", {("jamba", "partial")}),
        ("Gemini 2.5 Pro: weights never published.", {("gemini", "closed")}),
        # a partial model does not make its lab's other model partial
        (
            "Llama 2 was downloadable by anyone, whereas the LLaMA 1 weights sat behind a request form.",
            {("llama-2", "open"), ("llama", "partial")},
        ),
        # "none of" negates
        (
            "GitHub Copilot is a proprietary product; none of its underlying model weights are public.",
            {("copilot", "closed")},
        ),
        # a negated predicate is the next name's too after ", and neither is"
        (
            "GPT-4 is not open source, and neither is Gemini Ultra.",
            {("gpt-4", "closed"), ("gemini", "closed")},
        ),
        # a product after "via" is the way in, not what is reached
        ("Sora: no public weights; access only via paid ChatGPT plans.", {("sora", "closed")}),
        ("GPT-4 itself is closed.", {("gpt-4", "closed")}),
        # set 28 and trap set 18: news headlines
        ("OpenAI delays its open-weight model again.", {("openai", "planned")}),
        (
            "Anthropic ships Claude Opus 4.1, available through the API and paid plans only.",
            {("claude", "closed"), ("anthropic", "closed")},
        ),
        ("Qwen3 ships under Apache, and Phi-4 under MIT.", {("qwen", "open"), ("phi", "open")}),
        (
            "Google puts out Gemma 3 weights under its own terms of use, which prohibit a long list of uses.",
            {("gemma", "partial"), ("google", "partial")},
        ),
        # a licence of its own with no limit named is not read as one
        (
            "Databricks released DBRX with open weights, though under its own license.",
            {("dbrx", "open"), ("databricks", "open")},
        ),
        ("Nvidia posts Nemotron Nano 2 weights.", {("nemotron", "open"), ("nvidia", "open")}),
        (
            "Stable Diffusion 3 is free for small firms, with a paid enterprise licence above $1M revenue.",
            {("stable-diffusion", "partial")},
        ),
        (
            "AlphaFold 3 weights are available only on request.",
            {("alphafold", "partial"), ("google", "partial")},
        ),
        ("DeepSeek V3.1 weights go up under MIT.", {("deepseek-v3", "open"), ("deepseek", "open")}),
        # an API sold beside the weights is one more way to get the model, not the only one
        (
            "Zhipu's GLM-4.5 lands MIT-licensed; Z.ai also sells it as a paid API.",
            {("glm", "open"), ("zhipu", "open")},
        ),
        ("Cohere sells to banks through an invite-only partner channel.", set()),
    ],
)
def test_held_out_round_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Rounds 29-32 of held-out writers: business assets called proprietary, a part set off before a bare "closed",
# yes-no questions, denied readings, "for example" lists, channels after "through", licence limits and the
# ordinary words of general-audience notes (given to the public, published for everyone, by paying only).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anthropic's real proprietary asset is its enterprise sales force, the guest said.", set()),
        ("Google's proprietary distribution deals with phone makers matter more than Gemini itself.", set()),
        (
            "Imagen, the image model inside Google's apps, is closed.",
            {("google", "closed"), ("imagen", "closed")},
        ),
        ("GPT-4 is a paid product you cannot download.", {("gpt-4", "closed")}),
        (
            "Is Mistral Large open source? No, it is only available through Mistral's paid API.",
            {("mistral", "closed"), ("mistral-large", "closed")},
        ),
        ("Will Meta open-source Llama 5?", set()),
        ("Why did Meta open-source Llama 2?", {("llama-2", "open"), ("meta", "open")}),
        ("Being popular does not mean that GPT-4o is open source.", {("gpt-4o", "closed")}),
        ("It is free to use, not that its weights are public.", set()),
        (
            "EleutherAI publishes open models, for example GPT-J and Pythia.",
            {("eleutherai", "open"), ("gpt-j", "open"), ("pythia", "open")},
        ),
        (
            "Claude is only sold through Anthropic's API and Amazon Bedrock, never as downloadable weights.",
            {("anthropic", "closed"), ("claude", "closed")},
        ),
        ("Gemma's weights can be downloaded, but the licence is research-only.", {("gemma", "partial")}),
        (
            "Llama 3 weights are free to download, but large companies need Meta's permission to use them.",
            {("llama-3", "partial"), ("meta", "partial")},
        ),
        (
            "Meta's licence for Llama 2 adds limits for the biggest companies.",
            {("llama-2", "partial"), ("meta", "partial")},
        ),
        (
            "Llama 2's licence lets you use the model but adds limits for the very largest companies.",
            {("llama-2", "partial")},
        ),
        ("Mistral has given Mixtral to the public.", {("mistral", "open"), ("mixtral", "open")}),
        ("The company gave ChatGPT access to everyone for free.", set()),
        (
            "Alibaba promised to publish Qwen 3 for everyone next year.",
            {("alibaba", "planned"), ("qwen", "planned")},
        ),
        ("Cohere shares most of its models openly.", {("cohere", "open")}),
        ("Sora can only be used by paying subscribers.", {("sora", "closed")}),
        ("OpenAI charges for access to its best models.", {("openai", "closed")}),
        (
            "Cohere released the Command R weights, but only for research.",
            {("cohere", "partial"), ("command-r", "partial")},
        ),
        ("Stable Diffusion can be installed on your own laptop.", {("stable-diffusion", "open")}),
        (
            "Baidu announced that ERNIE would become open source in June.",
            {("baidu", "planned"), ("ernie", "planned")},
        ),
    ],
)
def test_general_audience_and_question_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Rounds 31 and 35 of held-out writers: notes jotted the way engineers write them ("GPT-4 closed,", "X: closed",
# "X = MIT", "A + B: …", a headline's "Meta to open-source …", "weights dropped", "research-only"), the far side of
# "unlike", the relative clause a "but cannot download" goes on about, and where a free offer holds.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Benchmarks: GPT-4o closed, Gemma 2 open-ish, Claude closed.",
            {("claude", "closed"), ("gemma", "partial"), ("gpt-4o", "closed")},
        ),
        ("ByteDance's Doubao: closed, app only.", {("doubao", "closed")}),
        (
            "Tesla FSD = closed stack; openpilot = MIT.",
            {("openpilot", "open"), ("tesla", "closed"), ("tesla-fsd", "closed")},
        ),
        ("The deal with Mistral closed.", set()),
        ("Midjourney + Suno: subscription only, no weights.", {("midjourney", "closed"), ("suno", "closed")}),
        ("Veo 3 / Sora: all closed.", {("sora", "closed"), ("veo", "closed")}),
        ("Heard: Meta to open-source Llama 5 weights.", {("llama", "planned"), ("meta", "planned")}),
        ("Companies switched from GPT-4 to open-source models.", set()),
        ("Grok-1 weights dropped last night.", {("grok-1", "open"), ("xai", "open")}),
        ("Yi-34B weights on request for commercial use.", {("01-ai", "partial"), ("yi", "partial")}),
        ("Command R+ is research-only.", {("command-r", "partial")}),
        (
            "DeepSeek-V3 = weights only, no training data.",
            {("deepseek", "partial"), ("deepseek-v3", "partial")},
        ),
        ("Whisper: MIT, runs on a laptop.", {("whisper", "open")}),
        ("Apple: OpenELM weights + training code public.", {("apple", "open"), ("openelm", "open")}),
        (
            "Pika: subscription only, unlike open-weight HunyuanVideo.",
            {("hunyuan", "open"), ("pika", "closed")},
        ),
        ("Musk said Grok will be free for everyone this week, but only inside the X app.", set()),
        (
            "Stable Diffusion is open-source, unlike DALL-E 3, which you can use inside ChatGPT but cannot download.",
            {("dall-e", "closed"), ("stable-diffusion", "open")},
        ),
    ],
)
def test_jotted_engineering_notes_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Rounds 34 and 35 of held-out writers: handed or released to the public, posted or published weights, weights
# made downloadable or made open (the agent of a passive is the maker), the training data and code kept back
# beside open weights, run it on a laptop, shared with the public, only usable inside an app, never let
# anyone near the weights, the most closed, a licence named after "the weights of X", nobody outside can see.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "By handing Llama 2 to anyone who wanted it, Meta commoditised its rivals.",
            {("llama-2", "open"), ("meta", "open")},
        ),
        (
            "xAI promised to release Grok 3 to the public once Grok 5 ships.",
            {("grok-3", "planned"), ("xai", "planned")},
        ),
        (
            "DeepSeek posted the full weights of DeepSeek-V3 on a Tuesday.",
            {("deepseek", "open"), ("deepseek-v3", "open")},
        ),
        (
            "Zhipu promised to publish the next GLM weights openly.",
            {("glm", "planned"), ("zhipu", "planned")},
        ),
        (
            "xAI made the weights of Grok-1 downloadable but never published its training code.",
            {("grok-1", "partial"), ("xai", "partial")},
        ),
        (
            "Meta's Llama 4 weights can be downloaded, but the training data and code stay secret.",
            {("llama-4", "partial"), ("meta", "partial")},
        ),
        ("Gemma was made open by Google in 2024.", {("gemma", "open"), ("google", "open")}),
        ("The openpilot code sits on GitHub.", {("openpilot", "open")}),
        ("Whisper is a model anyone can run locally.", {("openai", "open"), ("whisper", "open")}),
        (
            "You can pull Mistral 7B and run it on a normal laptop.",
            {("mistral", "open"), ("mistral-7b", "open")},
        ),
        (
            "Stability AI said the weights would be shared with the public next month.",
            {("stability", "planned")},
        ),
        ("ChatGPT is not possible to download, only possible to use it online.", {("chatgpt", "closed")}),
        (
            "ERNIE is a model you can only use inside the Baidu app.",
            {("baidu", "closed"), ("ernie", "closed")},
        ),
        ("Apple will never let outside developers near the weights of its models.", {("apple", "closed")}),
        ("Anthropic is the most closed of the frontier labs.", {("anthropic", "closed")}),
        ("The weights of Claude are not given to anybody.", {("claude", "closed")}),
        ("The Grok 4 code is not public.", {("grok-4", "closed")}),
        ("Midjourney's model lives only inside its own paid service.", {("midjourney", "closed")}),
        (
            "Cohere released the weights of Command R+ under a non-commercial licence.",
            {("cohere", "partial"), ("command-r", "partial")},
        ),
        ("Nobody outside the company can see the Midjourney model.", {("midjourney", "closed")}),
        (
            "Mistral Large, which Mistral AI offers only through its paid API, is its best model.",
            {("mistral", "closed"), ("mistral-large", "closed")},
        ),
    ],
)
def test_interview_and_plain_english_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Round 36 (a writer who wrote in the voice of the development channels' business notes): the open version
# of a family, weights released without the training code, free to download and fine-tune, never released
# its model, anyone can run it on a gaming PC, a revenue threshold, publishes everything it builds, "which it
# released openly", commercial use that requires a paid licence, "because it is …" about the one model named.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemma is the open version of Google's Gemini models.", {("gemma", "open"), ("google", "open")}),
        (
            "xAI released the weights of Grok 1, though without the training code or data.",
            {("grok-1", "partial"), ("xai", "partial")},
        ),
        ("Qwen 2.5 is free to download and can be fine-tuned for a niche.", {("qwen", "open")}),
        ("Midjourney has never released its model.", {("midjourney", "closed")}),
        (
            "Stable Diffusion is the model anyone can run on a gaming PC.",
            {("stability", "open"), ("stable-diffusion", "open")},
        ),
        (
            "Stability AI now says businesses earning over $1 million a year need a paid licence.",
            {("stability", "partial")},
        ),
        ("DeepSeek publishes its research papers and model weights openly.", {("deepseek", "open")}),
        ("Anthropic publishes research but not model weights.", {("anthropic", "closed")}),
        ("The Allen Institute for AI publishes everything it builds.", {("ai2", "open")}),
        (
            "AlphaFold 2, which it released openly, changed biology.",
            {("alphafold", "open"), ("google", "open")},
        ),
        (
            "Command R+ weights are available for research, but commercial use requires a paid licence.",
            {("cohere", "partial"), ("command-r", "partial")},
        ),
        (
            "Developers pick Qwen 2.5 because it is free to download and can be fine-tuned.",
            {("qwen", "open")},
        ),
    ],
)
def test_business_note_voice_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Round 33 and trap sets 23, 24 and 26 (business-show notes): "anyone could download it" and "the weights" about
# the one model named, models "that anyone can download", kept for paying customers or behind its own cloud,
# released together with its training data, weights put online, only if you pay, open up the next model,
# given away, "is a closed, … system", a commercial licence as the paid way past a restriction, stays private
# or never leaves the servers (said of a model), fewer than 700 million users, a condition by inversion
# ("Had Google released …"), the model behind a product, a licence that forbids, a licence fee.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Her startup built on Llama 2 because anyone could download it.",
            {("llama-2", "open"), ("meta", "open")},
        ),
        (
            "DeepSeek made waves because the weights were published under an MIT licence.",
            {("deepseek", "open")},
        ),
        (
            "Alibaba has flooded the market with Qwen models that anyone can download.",
            {("alibaba", "open"), ("qwen", "open")},
        ),
        (
            "Mistral AI kept Mistral Large for paying customers.",
            {("mistral", "closed"), ("mistral-large", "closed")},
        ),
        ("Google kept Gemini behind its own cloud and apps.", {("gemini", "closed"), ("google", "closed")}),
        (
            "The Allen Institute released OLMo together with its training data.",
            {("ai2", "open"), ("olmo", "open")},
        ),
        ("Cohere put the weights of Command R+ online.", {("cohere", "open"), ("command-r", "open")}),
        ("You can only use Sora if you pay for a ChatGPT plan.", {("sora", "closed")}),
        ("Grok is only available to people who pay for X Premium.", {("grok", "closed")}),
        (
            "Moonshot AI promised to open up the next Kimi model to developers.",
            {("kimi", "planned"), ("moonshot", "planned")},
        ),
        ("DeepSeek has given away nearly everything it has built.", {("deepseek", "open")}),
        (
            "Tesla FSD is a closed, vertically integrated system.",
            {("tesla", "closed"), ("tesla-fsd", "closed")},
        ),
        (
            "FLUX.1 dev can be downloaded by anyone but only for non-commercial work, so agencies pay Black Forest Labs for a commercial licence.",
            {("black-forest-labs", "partial"), ("flux", "partial")},
        ),
        ("Meta keeps giving its Llama models away.", {("llama", "open"), ("meta", "open")}),
        ("Baidu announced that it would make its next ERNIE model open source.", {("baidu", "planned")}),
        (
            "ChatGPT is free to use, but the model itself stays private on OpenAI's servers.",
            {("chatgpt", "closed"), ("openai", "closed")},
        ),
        ("Meta's hiring offers stayed private until a memo leaked.", set()),
        ("The weights of GPT-4o never leave the company's servers.", {("gpt-4o", "closed")}),
        ("Nobody outside OpenAI can see or download the model behind ChatGPT.", {("openai", "closed")}),
        (
            "Meta lets anyone download Llama 2 as long as they have fewer than 700 million users.",
            {("llama-2", "partial"), ("meta", "partial")},
        ),
        (
            "Grok 4, which you can only reach through the app, is xAI's best model.",
            {("grok-4", "closed"), ("xai", "closed")},
        ),
        # a counterfactual past: the weights were not released (test_a_counterfactual_release_did_not_happen)
        (
            "Had Google released PaLM's weights in 2022, OpenAI might never have won.",
            {("google", "closed"), ("palm", "closed")},
        ),
        ("The model behind GitHub Copilot cannot be inspected.", {("copilot", "closed")}),
        ("BLOOM could be downloaded, though its licence forbids a list of uses.", {("bloom", "partial")}),
        (
            "Codestral is free to download for personal use, but Mistral charges a licence fee for commercial products.",
            {("codestral", "partial"), ("mistral", "partial")},
        ),
        ("Character.AI's models remain in-house.", {("character-ai", "closed")}),
        (
            "Ollama is good for running models like Mistral 7B on your own laptop.",
            {("mistral", "open"), ("mistral-7b", "open")},
        ),
        (
            "Llama, which Zuckerberg gives away for free, is Meta's bet.",
            {("llama", "open"), ("meta", "open")},
        ),
    ],
)
def test_business_show_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Round 37 (the voice of the development channels' geopolitics, crypto and consumer-tech notes): the release verb
# a few words before "with open weights", "Nova models", a relative "that" right after a name, the far side of
# "whereas", a promised model is a plan, weights published beside training data and code kept secret.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Zeihan argues that China's push to release open-source models like Qwen is about commoditising AI.",
            {("qwen", "open")},
        ),
        (
            "Stability AI released Stable Diffusion 3 Medium with weights free for non-commercial use.",
            {("stability", "partial"), ("stable-diffusion", "partial")},
        ),
        (
            "Google releases the smaller Gemma family with open weights for developers.",
            {("gemma", "open"), ("google", "open")},
        ),
        (
            "Amazon's Nova models are available only through AWS Bedrock.",
            {("amazon", "closed"), ("nova", "closed")},
        ),
        (
            "He would rather not depend on a company like OpenAI that keeps its models proprietary.",
            {("openai", "closed")},
        ),
        ("Closed labs capture the value, whereas open models let the community own the upside.", set()),
        ("OpenAI's promised open-weight model could change those plans.", {("openai", "planned")}),
        ("He promised open weights and delivered.", set()),
        (
            "DeepSeek is open only in the sense that the weights are published; the training data and the full code remain secret.",
            {("deepseek", "partial")},
        ),
    ],
)
def test_geopolitics_and_consumer_tech_note_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Round 39 (the voice of the development channels' general-audience shows): weights handed out only to
# researchers, not allowed to use it commercially, models treated as trade secrets, a licence with strings
# attached, asking for permission, only runs through an app, an Apache licence, published in full, never
# released, sits behind a subscription, not something you can download, kept on its own servers (a model, not
# client data), buying a membership, a relative clause without "that" whose subject is the lab.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The AlphaFold 3 weights are only handed out to academic researchers.", {("alphafold", "partial")}),
        (
            "Codestral can be downloaded, but companies are not allowed to use it commercially.",
            {("codestral", "partial")},
        ),
        ("The guest says OpenAI now treats its models as trade secrets.", {("openai", "closed")}),
        (
            "Meta's Llama 3 licence comes with strings attached.",
            {("llama-3", "partial"), ("meta", "partial")},
        ),
        (
            "Claude 3.5 Sonnet only runs through Anthropic's own app.",
            {("anthropic", "closed"), ("claude", "closed")},
        ),
        ("Mistral 7B came out under an Apache licence.", {("mistral", "open"), ("mistral-7b", "open")}),
        ("GPT-2 was the last model OpenAI published in full.", {("gpt-2", "open"), ("openai", "open")}),
        ("GPT-3 itself was never released.", {("gpt-3", "closed")}),
        ("GPT-5 still sits behind a subscription.", {("gpt-5", "closed")}),
        ("Sora is not something you can download.", {("sora", "closed")}),
        (
            "Runway keeps its Gen-3 video model on its own servers.",
            {("gen-3", "closed"), ("runway", "closed")},
        ),
        ("The agency keeps client data on their own servers.", set()),
        (
            "Stable Diffusion 3 is free for hobbyists, but larger businesses have to buy a membership.",
            {("stable-diffusion", "partial")},
        ),
        (
            "xAI did put the original Grok 1 weights online, though the training data and code behind it were never shared.",
            {("grok-1", "partial"), ("xai", "partial")},
        ),
        (
            "GPT-4, a model OpenAI does not let outside developers download, powers Khanmigo.",
            {("gpt-4", "closed"), ("openai", "closed")},
        ),
        ("Qwen is a family of models developers can download.", {("qwen", "open")}),
    ],
)
def test_general_audience_show_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Sets 38 and 40 and trap sets 28 to 30 (the voices of the AI-heavy and the general-audience development
# channels): a separate licence or the weights to request, neither the training code nor the data released,
# intermediate checkpoints, a licence "which permits … but forbids", weights made public, giving away, selling
# access to closed models, academic use only, free download, local servers, "closed ones like", data a model
# was trained on kept back, "with no public access", a monthly subscription, never let anyone see the model,
# kept a paid product, open for developers to build on, "the model itself is not available".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Llama 2 license allows commercial use, but big companies must request a separate license from Meta.",
            {("llama-2", "partial"), ("meta", "partial")},
        ),
        (
            "AlphaFold 3 is free for academics, who have to request the model weights.",
            {("alphafold", "partial")},
        ),
        (
            "xAI open-sourced the Grok-1 weights under Apache 2.0 but released neither the training code nor the data.",
            {("grok-1", "partial"), ("xai", "partial")},
        ),
        (
            "EleutherAI released the Pythia models with 154 intermediate checkpoints each.",
            {("eleutherai", "open"), ("pythia", "open")},
        ),
        (
            "DBRX ships under Databricks' own license, which permits commercial use but forbids using its outputs to train other models.",
            {("databricks", "partial"), ("dbrx", "partial")},
        ),
        ("DeepSeek made the weights of DeepSeek-R1 public.", {("deepseek", "open"), ("deepseek-r1", "open")}),
        ("Google is giving away the smaller Gemma models.", {("gemma", "open"), ("google", "open")}),
        (
            "OpenAI and Anthropic sell access to closed models.",
            {("anthropic", "closed"), ("openai", "closed")},
        ),
        (
            "DeepMind shared the AlphaFold 3 code for academic use only.",
            {("alphafold", "partial"), ("google", "partial")},
        ),
        ("TII released Falcon 180B for free download.", {("falcon", "open"), ("tii", "open")}),
        ("OpenRouter exposes open-weight models and closed ones like Claude.", {("claude", "closed")}),
        (
            "SAM 2 is open source, but Meta did not share the videos it was trained on.",
            {("segment-anything", "partial")},
        ),
        ("Sora was shown to a few artists, with no public access.", {("sora", "closed")}),
        ("Midjourney charges a monthly subscription.", {("midjourney", "closed")}),
        ("Microsoft never let anyone see the model behind Copilot.", {("microsoft", "closed")}),
        ("Microsoft keeps Copilot a paid product.", {("copilot", "closed"), ("microsoft", "closed")}),
        ("Gemma is open for developers to build on.", {("gemma", "open")}),
        (
            "Adobe sells Firefly in its paid plans; the model itself is not available to download.",
            {("firefly", "closed")},
        ),
    ],
)
def test_ai_channel_and_general_audience_note_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Set 41 and trap set 31 (the Iberian, finance and policy development channels), read after they were measured
# unseen: a passive "is used only through", models "that researchers can download", "MODEL models from LAB",
# "which he describes as closed" or "calls open source" about the name before it, "both are open source" about
# the pair named before, "not open source in the OSI sense" or "because of its restrictions" (partial, not
# closed), weights "available … only on request", and a quoted "would release … openly" (planned).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Midjourney is used only through its paid subscription.", {("midjourney", "closed")}),
        (
            "EleutherAI's Pythia and GPT-J are cited as models that researchers can download.",
            {("eleutherai", "open"), ("gpt-j", "open"), ("pythia", "open")},
        ),
        (
            "Qwen models from Alibaba are described as openly licensed.",
            {("alibaba", "open"), ("qwen", "open")},
        ),
        (
            "The lecturer contrasts DeepSeek, which publishes its models openly, with OpenAI, which he describes as closed.",
            {("deepseek", "open"), ("openai", "closed")},
        ),
        (
            "The presenter contrasts Midjourney with Stable Diffusion, which he calls open source.",
            {("stable-diffusion", "open")},
        ),
        ("Anthropic is seen as closed.", {("anthropic", "closed")}),
        (
            "Ollama runs Mistral 7B offline on a laptop, and the presenter notes that both are open source.",
            {("mistral", "open"), ("mistral-7b", "open"), ("ollama", "open")},
        ),
        (
            "The team compared Amazon Titan and Amazon Nova on AWS, and both are locked inside Amazon's cloud.",
            {("amazon", "closed"), ("nova", "closed"), ("titan", "closed")},
        ),
        ("Llama is not open source in the strict sense.", {("llama", "partial")}),
        (
            "The Llama 3.1 licence is not open source because of its usage restrictions and user cap.",
            {("llama-3", "partial")},
        ),
        ("GPT-4 is not open source.", {("gpt-4", "closed")}),
        (
            "The AlphaFold 3 weights are now available to academic scientists only on request.",
            {("alphafold", "partial"), ("google", "partial")},
        ),
        (
            "Elon Musk is quoted as saying that xAI would release Grok 3 openly once the next generation was stable.",
            {("grok-3", "planned"), ("xai", "planned")},
        ),
        ("Startups are using only proprietary models.", set()),
        ("He described the deal as closed.", set()),
    ],
)
def test_iberian_finance_and_policy_note_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Sets 42 and 43 and trap sets 32 and 33 (the tutorial and long-form interview development channels), read
# after they were measured unseen: "both of which stay proprietary", "all of them proprietary", "neither can
# be self-hosted" about the pair or list named before; a claim that opens with the question it answers; "can
# only be reached inside", "keeps Veo 3 inside Gemini"; weights "handed out on request"; "nobody outside has
# ever seen the weights"; released "together with its weights"; "has talked about open-sourcing" and "told
# partners it would release … with open weights" (planned); "says it will …" about who says so; "download the
# Llama 3.1 8B weights", "putting Qwen checkpoints on Hugging Face", "in the hands of anyone"; "LAB's models are
# closed"; "stays behind OpenAI's API" about what stays; examples set off by commas before the predicate; a
# licence that "forbids commercial use" after the weights; the training data "and most of the pipeline"
# secret; and "keep the resulting model private" is not the base model's.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "OpenRouter resells access to Claude and GPT-4, both of which stay proprietary.",
            {("claude", "closed"), ("gpt-4", "closed")},
        ),
        (
            "GPT-4, Claude 3.5 Sonnet and Gemini Pro, all of them proprietary and called over their vendors' APIs.",
            {("claude", "closed"), ("gemini", "closed"), ("gpt-4", "closed")},
        ),
        (
            "GPT-4o and Grok 4 share one trait that matters to banks: neither can be self-hosted.",
            {("gpt-4o", "closed"), ("grok-4", "closed")},
        ),
        ("Meta and Google are in the race, and all open-source models are welcome.", set()),
        (
            "Asked whether Google is an open-source company, the guest pointed to BERT and T5, both of which were released with full weights.",
            {("bert", "open"), ("google", "open"), ("t5", "open")},
        ),
        ("Asked whether Meta will open-source Llama 4, Zuckerberg smiled.", set()),
        (
            "ByteDance's Doubao can only be reached inside ByteDance's own apps.",
            {("bytedance", "closed"), ("doubao", "closed")},
        ),
        ("Google keeps Veo 3 inside Gemini and Vertex AI.", {("google", "closed"), ("veo", "closed")}),
        ("Google keeps its data inside the EU.", set()),
        ("AlphaFold 3 weights are only handed out on request.", {("alphafold", "partial")}),
        ("Nobody outside the company has ever seen the weights of GPT-4.", {("gpt-4", "closed")}),
        (
            "The Allen Institute for AI goes further, releasing OLMo together with its weights and training code.",
            {("ai2", "open"), ("olmo", "open")},
        ),
        (
            "Amazon has talked about open-sourcing a small Amazon Nova model for researchers.",
            {("amazon", "planned"), ("nova", "planned")},
        ),
        (
            "Alibaba told partners it would release the full Qwen3 family with open weights by the summer.",
            {("alibaba", "planned"), ("qwen", "planned")},
        ),
        (
            "Zhipu released GLM-4.5 under the MIT licence and says it will open-source every future flagship too.",
            {("glm", "open"), ("zhipu", "open"), ("zhipu", "planned")},
        ),
        ("Download the Llama 3.1 8B weights from Hugging Face.", {("llama-3", "open")}),
        (
            "Alibaba has been generous, putting dozens of Qwen checkpoints on Hugging Face.",
            {("alibaba", "open"), ("qwen", "open")},
        ),
        ("Putting the Llama 2 weights in the hands of anyone helped researchers.", {("llama-2", "open")}),
        ("OpenAI's flagship models are closed.", {("openai", "closed")}),
        (
            "The Codex CLI is open source, even though GPT-5, the model it calls, stays behind OpenAI's API.",
            {("codex", "open"), ("gpt-5", "closed"), ("openai", "closed")},
        ),
        (
            "OpenRouter is just a gateway; the models behind it, like Claude Opus, remain proprietary.",
            {("claude", "closed")},
        ),
        (
            "Black Forest Labs lets anyone download the dev weights but forbids commercial use.",
            {("black-forest-labs", "partial")},
        ),
        (
            "DeepSeek's weights are open, but the training data and most of the pipeline remain secret.",
            {("deepseek", "partial")},
        ),
        ("We fine-tuned Mistral 7B on support tickets and keep the resulting model private.", set()),
    ],
)
def test_tutorial_and_interview_note_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Sets 44 and 45 and trap sets 34 and 35 (the crypto and the AI-research development channels), read after
# they were measured unseen: "no public API and certainly no weights" (two joined cues say one thing; the
# second "no" is no negation of the first), "publishes everything on Hugging Face", "put the weights out",
# weights that "will be published" or "will go up on Hugging Face" (planned), "release AlphaFold 3's code and
# weights", "can never self-host it", "released under terms that still restrict", "though under a custom …
# licence", "which stays fully proprietary" about the name before it, "has never released a model", "release
# code and checkpoints for OLMo 2", "you can only call through", "not the pretraining data", a revenue cap that
# "needs a paid membership", and ", whose X is open source" about the owner before it (nobody, if unknown).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sora remains gated inside ChatGPT's paid tiers, with no public API and certainly no weights.",
            {("sora", "closed")},
        ),
        ("GPT-4 is closed-source and proprietary.", {("gpt-4", "closed")}),
        (
            "Centralised labs keep their weights behind an API, while Nous Research publishes everything on Hugging Face.",
            {("nous-research", "open")},
        ),
        ("Stability AI put the weights out publicly.", {("stability", "open")}),
        (
            "Meta says the weights for Llama 4 Behemoth will be published once training wraps.",
            {("llama-4", "planned"), ("meta", "planned")},
        ),
        (
            "The Nous team said Hermes 4 weights will go up on Hugging Face as soon as training finishes.",
            {("hermes", "planned"), ("nous-research", "planned")},
        ),
        (
            "Google DeepMind promised to release AlphaFold 3's code and weights within six months.",
            {("alphafold", "planned"), ("google", "planned")},
        ),
        (
            "Claude is a black box: you rent it from Anthropic by the token and can never self-host it.",
            {("anthropic", "closed"), ("claude", "closed")},
        ),
        (
            "Gemma is Google's open-weight family, released under terms that still restrict certain uses, in contrast to Gemini, which stays fully proprietary.",
            {("gemini", "closed"), ("gemma", "partial"), ("google", "partial")},
        ),
        (
            "DBRX from Databricks ships open weights, though under a custom open model licence with usage restrictions.",
            {("databricks", "partial"), ("dbrx", "partial")},
        ),
        (
            "Databricks released DBRX with open weights, though under its own license.",
            {("databricks", "open"), ("dbrx", "open")},
        ),
        ("Midjourney has never released a model.", {("midjourney", "closed")}),
        (
            "The authors release code and checkpoints for OLMo 2, together with the full pretraining data.",
            {("ai2", "open"), ("olmo", "open")},
        ),
        (
            "Unlike o1, which you can only call through OpenAI's API, DeepSeek-R1 can be downloaded.",
            {("deepseek", "open"), ("deepseek-r1", "open"), ("o1", "closed"), ("openai", "closed")},
        ),
        (
            "Meta published the Llama 2 weights but not the pretraining data.",
            {("llama-2", "partial"), ("meta", "partial")},
        ),
        (
            "Stable Diffusion 3 Medium can be downloaded, but commercial use above $1M in revenue needs a paid Stability membership.",
            {("stable-diffusion", "partial")},
        ),
        ("Snowflake acquired TruEra, whose TruLens evaluation library is open source.", set()),
        ("Meta, whose Llama models are open source, leads.", {("llama", "open"), ("meta", "open")}),
    ],
)
def test_crypto_and_ai_research_note_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Set 46 and trap set 36 (the consumer-tech and science-explainer development channels), read after they were
# measured unseen: "the only way to reach GPT-4o is through …", "there's nothing to download", weights that
# "stay locked to" a maker's devices, "will get its full weights released" (planned), "is running on your
# MacBook", a model the claim is about that its lab released by a pronoun ("OpenAI put it out under Apache
# 2.0", a bold lead's model and "its speech-recognition model"), and products that are not AI a few words
# before the cue ("Gmail, Maps and the Play Store on top of it are proprietary", "Apple's closed-source
# iMessage code").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ChatGPT is a closed product, and the only way to reach GPT-4o is through OpenAI's app or its paid API.",
            {("chatgpt", "closed"), ("gpt-4o", "closed"), ("openai", "closed")},
        ),
        (
            "Apple Intelligence runs a compact Apple Foundation Model, but those weights stay locked to Apple's own devices — there's nothing to download.",
            {("apple", "closed"), ("apple-foundation-models", "closed")},
        ),
        (
            "Google says Gemma 3n will get its full weights released once the preview ends.",
            {("gemma", "planned"), ("google", "planned")},
        ),
        ("One command and Llama 3 is running on your MacBook, no cloud required.", {("llama-3", "open")}),
        (
            "gpt-oss-20b is small enough to run on a laptop, and OpenAI put it out under Apache 2.0.",
            {("gpt-oss", "open"), ("openai", "open")},
        ),
        ("OpenAI open-sourced its Whisper model.", {("openai", "open"), ("whisper", "open")}),
        (
            "Google's Android is open source at its core, but Gmail, Maps and the Play Store on top of it are proprietary.",
            set(),
        ),
        ("Pegasus got into iPhones through a bug in Apple's closed-source iMessage code.", set()),
    ],
)
def test_consumer_tech_note_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# A bold lead's model that its lab released through a pronoun is credited with the lab; only an object pronoun
# points back to it ("It is an open-source agent framework developed by Google" stays Google's, test above).
@pytest.mark.parametrize(
    ("lead", "text", "expected"),
    [
        (
            "Whisper",
            "OpenAI open-sourced its speech-recognition model back in 2022.",
            {("openai", "open"), ("whisper", "open")},
        ),
        (
            "Stable Diffusion",
            "Stability AI put the weights out publicly.",
            {("stability", "open"), ("stable-diffusion", "open")},
        ),
        ("GPT-4", "OpenAI open-sourced its Whisper model.", {("openai", "open"), ("whisper", "open")}),
        (
            "Llama 4",
            "Meta may now keep it internal rather than release weights.",
            {("llama-4", "closed"), ("meta", "closed")},
        ),
        ("Gemini", "Google open-sourced a framework, and it is popular.", {("google", "open")}),
    ],
)
def test_a_pronoun_object_of_a_labs_release_is_the_leads_model(
    extractor: Extractor, lead: str, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text, lead) == expected


# An aim or an expectation to be open is a plan, only when the cue is what the subject is to become ("aims to
# be the leading open-source lab" presumes it open); being committed to open source is a stance, open today,
# unless the cue is a verb with an object ("committed to open source Llama 4" is a promise).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Led by Elon Musk, xAI aims to be more open source and focused on "seeking truth about the universe".',
            {("xai", "planned")},
        ),
        ("xAI intends to be open source.", {("xai", "planned")}),
        ("Grok 2 is expected to be released as open source.", {("grok-2", "planned")}),
        ("Llama 4 is set to become fully open source next year.", {("llama-4", "planned")}),
        ("Meta aims to be the leading open-source AI lab.", {("meta", "open")}),
        ("Meta is committed to open source.", {("meta", "open")}),
        ("Meta is committed to being open source.", {("meta", "open")}),
        ("Meta has committed to open source Llama 4.", {("llama-4", "planned"), ("meta", "planned")}),
        ("Mistral remains committed to open-sourcing its models.", {("mistral", "open")}),
    ],
)
def test_an_aim_to_be_open_is_a_plan_and_a_commitment_to_open_source_a_stance(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# What a relative clause or a calling verb describes decides the topic: a product that is not AI before ", which",
# a chip plant called proprietary.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Huawei relies on Android, which is open source.", set()),
        (
            "Huawei's backup plan relies on the Android Open Source Project, which is open source and usable"
            " without a licence.",
            set(),
        ),
        (
            "Unlike Android, which Google open-sourced years ago, Gemini's weights stay private.",
            {("gemini", "closed")},
        ),
        (
            'Samsung opened a new chip fab in Texas, and the host calls its foundry process "proprietary to the bone".',
            set(),
        ),
        (
            "Mistral 7B, which is released under Apache 2.0, is popular.",
            {("mistral-7b", "open"), ("mistral", "open")},
        ),
        ("OpenAI calls its model proprietary.", {("openai", "closed")}),
    ],
)
def test_a_relative_clause_or_a_calling_verb_about_something_not_ai_gives_no_signal(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Business and tech voice, second round: an indirect question asks, a yardstick is no antecedent, what is coming
# or would follow is planned, and a noun with a place after it ("the logistics network behind it") is still read.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Listeners wanted to know if Claude Code is open source.", set()),
        (
            "DeepSeek-R1 is a reasoning model as good as o1 that anyone can download for free.",
            {("deepseek-r1", "open"), ("deepseek", "open")},
        ),
        ("It is a reasoning model as good as o1 that anyone can download.", set()),
        (
            "Stability AI launched Stable Diffusion 3 as an API-only preview and promised the weights would follow.",
            {
                ("stable-diffusion", "closed"),
                ("stability", "closed"),
                ("stable-diffusion", "planned"),
                ("stability", "planned"),
            },
        ),
        (
            "Sam Altman said on a podcast that an open-weights OpenAI model is coming this summer.",
            {("openai", "planned")},
        ),
        (
            "Amazon's marketplace is open to any third-party seller, but the logistics network behind it is entirely proprietary.",
            set(),
        ),
    ],
)
def test_questions_yardsticks_and_what_is_coming_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Third round (read: sets 54/55, traps 44/45): where a leading contrast ends, a wish, a product that is not AI
# as a contrast's subject, a plan said as a noun, "none of … are", data kept in-house, licences side by side.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Unlike closed models such as GPT-4, Mistral 7B ships under Apache 2.0, so it can be dropped into a"
            " commercial product.",
            {("gpt-4", "closed"), ("mistral-7b", "open"), ("mistral", "open")},
        ),
        (
            "Mistral AI's models are fine for his agency, but what he really wants is an open-source alternative to"
            " Slack.",
            set(),
        ),
        (
            "Snowflake charges for a proprietary data warehouse, while Postgres is free and open source.",
            set(),
        ),
        (
            "Goertzel says the plan is to release OpenCog Hyperon under an open licence once the core is stable.",
            {("opencog", "planned")},
        ),
        (
            "Apple Intelligence runs partly on-device, and none of the underlying models are something you can"
            " download or inspect.",
            {("apple-foundation-models", "closed"), ("apple", "closed")},
        ),
        (
            "Meta shares the code and checkpoints for SAM 2 but keeps the training videos in-house.",
            {("segment-anything", "partial"), ("meta", "partial")},
        ),
        ("He used ChatGPT to explain the difference between the GPL and the Apache licence.", set()),
        ("Perplexity got an open-source licensing question wrong twice on air.", set()),
        (
            "The current AI landscape is characterized by a divide between closed-source offerings, such as those"
            " from OpenAI and Anthropic, and the open-source side, which includes Meta.",
            {("openai", "closed"), ("anthropic", "closed"), ("meta", "open")},
        ),
    ],
)
def test_third_round_business_and_tech_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Fourth round (read: sets 56/57, traps 46/47): a cap on users is a restriction, a possible release is a plan at
# most, a negated verb with its own object leaves the cue alone, an operating system by its name, a coordinated
# predicate of a product that is not AI.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Llama 2 is free for commercial use unless your product has more than 700 million monthly users.",
            {("llama-2", "partial")},
        ),
        (
            "Rumours on X suggest Google may eventually release a small, downloadable version of Gemini for phones.",
            {("gemini", "planned"), ("google", "planned")},
        ),
        (
            "The team runs Llama 3.1 because it is open-weight, something they could not do with a closed model like"
            " GPT-4.",
            {("llama-3", "open"), ("gpt-4", "closed")},
        ),
        ("Huawei's HarmonyOS was later handed to a foundation and open-sourced as OpenHarmony.", set()),
        ("Grok is closed source.", {("grok", "closed")}),
    ],
)
def test_fourth_round_business_and_tech_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Fifth round (read: sets 58/59, traps 48/49): what never leaves a host's servers is the subject's, not the host's
# alone; a user's notebook, security exploits and a name inside something else are no lab's openness.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gemma is downloadable, whereas Gemini itself never leaves Google's servers.",
            {("gemma", "open"), ("gemini", "closed"), ("google", "closed")},
        ),
        (
            "Stable Diffusion's weights are free to download, whereas DALL-E, free to try inside ChatGPT, never leaves"
            " OpenAI's servers.",
            {("stable-diffusion", "open"), ("stability", "open"), ("dall-e", "closed"), ("openai", "closed")},
        ),
        (
            "The tutorial uses LangChain to call GPT-4o, and the presenter notes that the notebook itself is open"
            " source on his GitHub.",
            set(),
        ),
        ("The Pegasus spyware relied on proprietary zero-click exploits that Apple patched.", set()),
    ],
)
def test_fifth_round_business_and_tech_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Sixth round (read: sets 60/61, traps 50/51): asked whether it would ever be released and answered no is closed;
# a repository's licence, a file shared openly, a part of a product that is not AI are nobody's openness.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Asked whether Sora would ever be released as open weights, the OpenAI spokesperson said there are no"
            " plans to do that.",
            {("sora", "closed"), ("openai", "closed")},
        ),
        (
            "Asked whether Anthropic would ever release Claude's weights, the guest said flatly that it would not.",
            {("claude", "closed"), ("anthropic", "closed")},
        ),
        (
            "When a viewer asked whether GPT-5 would ever be open-sourced, the host pointed to Altman's answer that"
            " frontier models will stay closed.",
            {("gpt-5", "closed")},
        ),
        (
            "Asked whether Samsung would ever open up its in-house AI models to outside developers, the executive"
            " declined to comment.",
            set(),
        ),
        (
            "Asked about it on stage, the Anthropic guest was blunt: publishing Claude's weights is \"not on the"
            ' roadmap, not now, not later".',
            {("claude", "closed")},
        ),
        ("Perplexity correctly cited the MIT licence of the GitHub repo in its answer.", set()),
        ("Google Docs lets you share a file openly with anyone who has the link.", set()),
        ("Mistral shares its models openly.", {("mistral", "open")}),
        (
            "Huawei could keep shipping the open-source parts of Android even after Google revoked its licence.",
            set(),
        ),
        ("Cursor is a closed-source fork of VS Code.", {("cursor", "closed")}),
    ],
)
def test_sixth_round_business_and_tech_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Seventh round (read: sets 62/63, traps 52/53): the material a model learned from, whichever model one points a
# tool at, ad-targeting tools and auctions, an operating system that started as a fork.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Copilot was trained on public GitHub repositories, including open-source code under the GPL, which is"
            " the basis of the lawsuit.",
            set(),
        ),
        (
            "Attacks trained on open-source models like Vicuna can transfer to black-box models such as ChatGPT.",
            {("vicuna", "open"), ("chatgpt", "closed")},
        ),
        ("Llama was trained on open data and released as open weights.", {("llama", "open")}),
        (
            "The Notion chatbot template lets you paste in an OpenAI API key or point it at any open-source model you"
            " host yourself.",
            set(),
        ),
        (
            "Facebook Marketplace is open to anyone, but its ad-targeting tools are proprietary and expensive.",
            set(),
        ),
        ("Huawei's HarmonyOS started life as an open-source fork of Android.", set()),
    ],
)
def test_seventh_round_business_and_tech_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Eighth round (read: sets 64/65, traps 54/55): a release brushed off is denied, what a lab describes as open in a
# relative clause about an operating system, others' libraries a lab uses, services and process nodes.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Perplexity's CEO brushed off the idea of open-sourcing the answer engine, saying the ranking stack is the"
            " whole business.",
            {("perplexity", "closed")},
        ),
        ("The phone runs HarmonyOS, which Huawei describes as open source.", set()),
        (
            "Android itself is open source, but Google's Play services layer on top of it is proprietary.",
            set(),
        ),
        ("Samsung licensed IBM's process technology before moving to its own proprietary node.", set()),
        (
            "Stability AI's SDXL Turbo is licensed for non-commercial use.",
            {("stable-diffusion", "partial"), ("stability", "partial")},
        ),
        ("The Mistral blew so hard that the Marseille harbour stayed closed for three days.", set()),
    ],
)
def test_eighth_round_business_and_tech_phrasings_read_right(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


# Ninth round (recall, from the misses of sets 50 to 65 already read): what lives, sits or is kept behind a
# subscription, bot, endpoint or paywall (an adverb between), or inside a paid subscription, is closed.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Midjourney lives behind a Discord bot and a monthly subscription.", {("midjourney", "closed")}),
        (
            "Claude lives entirely behind Anthropic's API and the Claude.ai subscription.",
            {("claude", "closed"), ("anthropic", "closed")},
        ),
        (
            "Mistral Large is kept behind their own hosted endpoint.",
            {("mistral-large", "closed"), ("mistral", "closed")},
        ),
        ("Midjourney only ever lived inside a paid Discord subscription.", {("midjourney", "closed")}),
        ("Sora is effectively behind a paywall: there is no model to download.", {("sora", "closed")}),
    ],
)
def test_ninth_round_what_lives_behind_a_subscription_is_closed(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun phrase set off after a planned release names it again: planned, not open today (GPT-2, the
        # last such release, was open)
        (
            "OpenAI plans to ship an open-weight model later this year, its first open-weight release since GPT-2.",
            {("openai", "planned"), ("gpt-2", "open")},
        ),
        (
            "Mistral says it will publish the weights of Codestral next spring, an approach critics call "
            '"open source on a delay".',
            {("codestral", "planned"), ("mistral", "planned")},
        ),
        # after a release that happened, the same phrase adds nothing either way
        (
            "OpenAI released an open-weight model last month, its first open model since GPT-2.",
            {("openai", "open"), ("gpt-2", "open")},
        ),
    ],
)
def test_a_release_named_again_after_a_plan_is_planned_too(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Meta open-sourced" is a clause of its own: the "will" before it is xAI's
        (
            "xAI will open-source Grok 2, and Meta open-sourced Llama.",
            {("grok-2", "planned"), ("xai", "planned"), ("llama", "open"), ("meta", "open")},
        ),
        (
            "xAI open-sourced Grok 1, and Meta released Llama 3 under its own licence.",
            {("grok-1", "open"), ("xai", "open")},
        ),
        ("xAI will open-source Grok 2, and Meta is watching.", {("grok-2", "planned"), ("xai", "planned")}),
        # a list of objects still goes on ("…, and Code Llama")
        (
            "Meta open-sourced Llama 2, Llama 3, and Code Llama.",
            {("llama", "open"), ("llama-2", "open"), ("llama-3", "open"), ("meta", "open")},
        ),
        # a "will" still governs its own verb, passive or perfect, and an adjective
        ("Grok 2 will be open-sourced.", {("grok-2", "planned"), ("xai", "planned")}),
        ("xAI will soon release an open-sourced version of Grok.", {("grok", "planned"), ("xai", "planned")}),
    ],
)
def test_a_clause_with_a_subject_and_verb_of_its_own_keeps_its_own_signals(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the lab's possessive says what its model is only when no other model's clause holds it
        (
            "Gemma is small, whereas Gemini never leaves Google's servers.",
            {("gemini", "closed"), ("google", "closed")},
        ),
        ("Claude Opus sits behind Anthropic's paid tier.", {("claude", "closed"), ("anthropic", "closed")}),
        ("Gemma is Google's own open-weight model family.", {("gemma", "open"), ("google", "open")}),
        # "the Google family you can download": the lab named as the noun's modifier is the possessor too
        (
            "Gemma is the Google family you can download, whereas Gemini never leaves Google's servers.",
            {("gemma", "open"), ("google", "open"), ("gemini", "closed"), ("google", "closed")},
        ),
        ("Phi-3 is a family you can download and run on a phone.", {("phi", "open"), ("microsoft", "open")}),
    ],
)
def test_a_labs_possessive_credits_the_claims_model_only_from_its_own_clause(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the examples end where a phrase of place or purpose begins: Firefly is where they are used
        ("Adobe uses open-source libraries like PyTorch inside the Firefly pipeline.", set()),
        ("Canva runs open-source models such as FLUX within its Magic Studio.", {("flux", "open")}),
        ("Open-source models like Llama and Mistral are popular.", {("llama", "open"), ("mistral", "open")}),
        # "e.g." and "i.e." end no clause
        (
            "Open-source models, e.g. Mistral 7B, run on laptops.",
            {("mistral", "open"), ("mistral-7b", "open")},
        ),
        (
            "Open-source models (e.g. Mistral 7B) run on laptops.",
            {("mistral", "open"), ("mistral-7b", "open")},
        ),
    ],
)
def test_examples_are_the_names_listed_not_the_phrases_after_them(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what powers, ranks or compares models of both kinds works with others' models
        ("Nvidia's GPUs power both open and closed models.", set()),
        ("Nvidia's chips power closed models.", set()),
        ("LMSYS's Chatbot Arena ranks open and closed models on one leaderboard.", set()),
        # … but a lab that offers both kinds has evidence on both sides (issue 10, item 5)
        ("Mistral offers both open and closed models.", {("mistral", "open"), ("mistral", "closed")}),
        ("Nvidia's proprietary chips power most AI labs.", {("nvidia", "closed")}),
    ],
)
def test_models_of_either_kind_that_a_company_powers_or_ranks_are_not_its_own(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # how a company is financed or sells is not its AI
        ("Cursor's founders kept their cap table closed to outside angels for the first year.", set()),
        ("Google's proprietary search ranking is its moat.", set()),
        ("Meta's ad business runs on targeting data that is entirely proprietary.", set()),
        ("Google's proprietary ranking model is its moat.", {("google", "closed")}),
        # a lab that is all AI is what its "closed service" says; a company whose business is more is not
        ("Midjourney remains a closed service with no API.", {("midjourney", "closed")}),
        ("Perplexity's proprietary technology is its moat.", {("perplexity", "closed")}),
        ("Amazon's proprietary technology powers its warehouses.", set()),
        ("Apple's closed ecosystem keeps users loyal.", set()),
    ],
)
def test_a_companys_business_is_not_its_ai_but_an_ai_labs_service_is(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a licence forbids is the restriction's object, not what the licence is about
        ("BLOOM's responsible-AI licence forbids a whole list of use cases.", {("bloom", "partial")}),
        # a licence that carves out or shuts out some users restricts the open release before it
        (
            "Tencent's HunyuanVideo can be downloaded, but its licence carves out the EU and the UK.",
            {("hunyuan", "partial"), ("tencent", "partial")},
        ),
        (
            "The Llama 4 weights are on Hugging Face, but the licence shuts EU-based companies out.",
            {("llama-4", "partial"), ("meta", "partial")},
        ),
    ],
)
def test_a_licence_that_forbids_or_carves_out_uses_makes_a_release_partial(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a negated release of "any of its … models" (or their weights) is closed for the models too
        (
            "Google has never open-sourced any of its Gemini models.",
            {("gemini", "closed"), ("google", "closed")},
        ),
        ("Google has not open-sourced any Gemini model.", {("gemini", "closed"), ("google", "closed")}),
        (
            "Amazon has not released any of its Nova models' weights.",
            {("amazon", "closed"), ("nova", "closed")},
        ),
        ("Alibaba released most of its Qwen models' weights.", {("alibaba", "open"), ("qwen", "open")}),
    ],
)
def test_a_release_of_any_or_most_of_a_labs_named_models_is_about_those_models(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "only available inside/through" someone's product or platform
        ("Sora is only available inside ChatGPT.", {("sora", "closed")}),
        ("Doubao is only available in the Doubao app.", {("doubao", "closed")}),
        (
            "Gemini is only accessible through Google's cloud platform.",
            {("gemini", "closed"), ("google", "closed")},
        ),
        ("Llama 3 is only available in English.", set()),
        # not available to self-host (a negated open cue), or kept in-house in the passive
        ("Grok 3 isn't available to self-host.", {("grok-3", "closed")}),
        ("Mistral 7B is available for self-hosting.", {("mistral", "open"), ("mistral-7b", "open")}),
        ("Llama 4 Behemoth is kept in-house.", {("llama-4", "closed")}),
        (
            "Claude's weights are kept under lock and key.",
            {("claude", "closed")},
        ),
        # … said of a name, a model or weights: not of a deal or a valuation
        ("Details of the deal were kept confidential by Microsoft.", set()),
        ("Microsoft kept the details of the deal confidential.", set()),
        ("The valuation was kept secret by OpenAI.", set()),
        # two models that "are (both) closed"
        ("Gemini 2.5 Pro and o3 are both closed.", {("gemini", "closed"), ("o3", "closed")}),
        ("Gemini and Claude are both closed on Sundays.", set()),
    ],
)
def test_closed_said_as_only_available_inside_a_product_kept_in_house_or_both_closed(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "its first open-weight model since GPT-2": GPT-2 was the last open one, whatever the new one is
        (
            "OpenAI ships gpt-oss-120b under Apache 2.0, its first open-weight language models since GPT-2.",
            {("gpt-oss", "open"), ("openai", "open"), ("gpt-2", "open")},
        ),
        (
            "OpenAI says it plans to release an open-weight reasoning model this summer, their first since GPT-2.",
            {("openai", "planned"), ("gpt-2", "open")},
        ),
        # a name after "since" that is not the last of a kind is only a date
        ("Llama 3 is open source and has been downloaded more since GPT-4 came out.", {("llama-3", "open")}),
    ],
)
def test_the_model_after_first_of_a_kind_since_was_the_last_of_that_kind(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a model said to be (one of) the things a relative clause describes takes the clause's cue
        (
            "Whisper is one of the few OpenAI models anyone can download.",
            {("openai", "open"), ("whisper", "open")},
        ),
        (
            "Whisper is the one OpenAI model that was actually released openly.",
            {("openai", "open"), ("whisper", "open")},
        ),
        (
            "Whisper is one of the few things OpenAI ever open-sourced.",
            {("openai", "open"), ("whisper", "open")},
        ),
        # an open-source adjective inside the clause is not its verb
        ("GPT-4 is one of the models that competes with open-source models.", set()),
    ],
)
def test_a_model_that_is_one_of_the_few_a_clause_describes_takes_its_cue(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_open_source_software_of_a_company_beyond_ai_is_not_its_ai_when_closed_words_say_nothing_of_ai(
    extractor: Extractor,
) -> None:
    # the openness words themselves do not make a claim about AI ("proprietary software, unlike open-source
    # Linux" is about an operating system)
    assert signals(extractor, "Samsung ships proprietary software on top of open-source Linux.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ", whose weights, training data and code were all made public": the name before "whose"
        (
            "The Allen Institute for AI is praised for OLMo 2, whose weights, training data, code and logs "
            "were all made public.",
            {("ai2", "open"), ("olmo", "open")},
        ),
        # a lab that releases or publishes "everything: the weights, the data, the code"
        (
            "OLMo is the rare model where AI2 publishes everything: the weights, the training data and the code.",
            {("ai2", "open"), ("olmo", "open")},
        ),
        (
            "Ai2 put out OLMo 2 with everything public (training data, code, checkpoints and weights).",
            {("ai2", "open"), ("olmo", "open")},
        ),
        # … not everything shared with partners, nor everything it learns
        ("Apple shares everything, the model included, with its partners.", set()),
        ("OpenAI publishes everything it learns about safety.", set()),
    ],
)
def test_everything_released_or_made_public_is_open(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lab's restrictive licence in a claim that names one model of that lab is that model's licence
        (
            "Legal signed off on Llama 3 only after reading Meta's community licence, which caps usage for very "
            "large platforms.",
            {("llama-3", "partial"), ("meta", "partial")},
        ),
        (
            "Nvidia hands out the Nemotron weights, but they come with a custom licence that restricts what you "
            "can do with them.",
            {("nemotron", "partial"), ("nvidia", "partial")},
        ),
        # … not when the claim names two of its models: which one the licence is for is not said
        (
            "The guest compared Llama 2 and Llama 3, then read out Meta's community licence.",
            {("meta", "partial")},
        ),
    ],
)
def test_a_labs_restrictive_licence_is_the_licence_of_the_one_model_of_it_named(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the models behind NAME" are the release's object
        (
            "Apple has not open-sourced the models behind Apple Intelligence.",
            {("apple", "closed"), ("apple-foundation-models", "closed")},
        ),
        ("Google has not open-sourced the team behind Gemini.", {("google", "closed")}),
        # behind someone's apps and API
        (
            "Gemini stays behind Google's apps and API.",
            {("gemini", "closed"), ("google", "closed")},
        ),
    ],
)
def test_the_models_behind_a_product_and_a_model_behind_apps_and_an_api(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a model moved or relicensed to a licence takes that licence's kind
        (
            "Microsoft moves Phi-4 to an MIT licence on Hugging Face.",
            {("microsoft", "open"), ("phi", "open")},
        ),
        ("Mistral Small 3 was relicensed to Apache 2.0.", {("mistral", "open"), ("mistral-large", "open")}),
        (
            "Stability AI moved Stable Diffusion 3 to a community license.",
            {("stability", "partial"), ("stable-diffusion", "partial")},
        ),
        # … while what users moved to is not theirs
        ("Many startups switched from OpenAI to open-source models.", set()),
    ],
)
def test_a_model_moved_to_a_licence_takes_its_kind(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a claim that names a product that is not AI and, its openness words aside, says nothing of AI: what it
        # calls open or closed of a company beyond AI is that product
        ("Microsoft open-sourced .NET in 2014.", set()),
        ("Amazon's open-source contributions to Linux are modest.", set()),
        ("IBM's open-source strategy centers on Red Hat Linux.", set()),
        (
            "Samsung is cited as a public company that licenses Google's Android and adds its own proprietary apps.",
            set(),
        ),
        # … a model named, or a lab that is all AI, keeps the claim about AI
        (
            "Google open-sourced Gemma, and Android is open source too.",
            {("gemma", "open"), ("google", "open")},
        ),
        ("Mistral's open-source models run on Linux laptops.", {("mistral", "open")}),
    ],
)
def test_what_a_company_beyond_ai_opens_or_closes_in_a_claim_about_a_product_that_is_not_ai_is_not_its_ai(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a counterfactual past says the release did not happen; negated, that it did
        (
            "If Google had open-sourced Gemini instead of Gemma, the application layer might have consolidated.",
            {("gemini", "closed"), ("google", "closed")},
        ),
        (
            "Had Google released PaLM's weights in 2022, the field would look different.",
            {("google", "closed"), ("palm", "closed")},
        ),
        (
            "If Meta had not open-sourced Llama, startups would pay OpenAI.",
            {("llama", "open"), ("meta", "open")},
        ),
        # an open condition says nothing yet
        ("If Google ever open-sourced Gemini, the market would change.", set()),
    ],
)
def test_a_counterfactual_release_did_not_happen(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "its" weights or licence in a clause with no subject of its own: the one model named before
        (
            "The founders picked Llama 3 because its open weights let them host it themselves.",
            {("llama-3", "open")},
        ),
        (
            "The startup chose Mixtral because its Apache 2.0 license allowed commercial use.",
            {("mixtral", "open")},
        ),
        # … and nobody's when two models were named
        (
            "The startup compared Mixtral with Llama 3 because its Apache 2.0 license allowed commercial use.",
            set(),
        ),
    ],
)
def test_its_weights_or_licence_after_one_model_are_that_models(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "would not even disclose", and what is kept "to itself" after a list
        ("OpenAI would not even disclose the model's size.", {("openai", "closed")}),
        ("OpenAI has kept weights and training details to itself.", {("openai", "closed")}),
        ("Apple kept the news of its car project to itself.", set()),
        # "by GPT-4 it …": the model the clause is set at, not a name before "it"
        (
            "OpenAI started out publishing its work, GPT-2 included, but since GPT-4 it has kept weights and "
            "training details to itself.",
            {("gpt-4", "closed"), ("openai", "closed")},
        ),
    ],
)
def test_what_a_lab_would_not_even_disclose_or_kept_to_itself_by_a_model_is_closed(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the weights "for any version of" a model are that model's
        (
            "Anthropic has never released the weights for any version of Claude.",
            {("anthropic", "closed"), ("claude", "closed")},
        ),
        # … and "for the first time since" a launch is a date
        ("Google open-sourced the code for the first time since Gemini launched.", {("google", "open")}),
    ],
)
def test_the_weights_for_any_version_of_a_model_are_its_own(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_weights_that_will_never_be_released_are_closed(extractor: Extractor) -> None:
    assert signals(extractor, "Claude's weights will never be released, the CEO said.") == {
        ("claude", "closed")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "free to download" right after a model's version or size: its weights
        ("Llama 3.1 405B is free to download, though running it needs big hardware.", {("llama-3", "open")}),
        ("Qwen and Llama 3 are free to download anyway.", {("llama-3", "open"), ("qwen", "open")}),
        # … an app that is free to download is only free of charge
        ("ChatGPT is free to download on iOS.", set()),
        ("The Claude app is free to download.", set()),
    ],
)
def test_a_versioned_model_that_is_free_to_download_is_open_an_app_is_not(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the least open, and the only thing open about a lab being its name, are closed
        ("OpenAI is the least open company in the whole industry.", {("openai", "closed")}),
        ("He jokes that the only thing open about OpenAI these days is the name.", {("openai", "closed")}),
        # … not an open mind, nor being open to something
        ("Of all the labs, Meta is the least open-minded about regulation.", set()),
        ("Apple is the least open to partnerships.", set()),
    ],
)
def test_the_least_open_lab_and_a_lab_open_only_in_name_are_closed(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # released "as a straight/free download"
        (
            "Meta dropped Llama 3.1 405B as a straight download.",
            {("llama-3", "open"), ("meta", "open")},
        ),
        ("The ChatGPT app is a free download on iOS.", set()),
        # ", whose weights LAB posts openly": the name before "whose", and the lab that posts them
        (
            "Unlike Qwen, whose weights Alibaba posts openly, Doubao wins on price.",
            {("alibaba", "open"), ("qwen", "open")},
        ),
    ],
)
def test_a_release_as_a_download_and_weights_a_lab_posts_openly(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "it" as the subject that keeps or discloses: the one lab named before it, not a name right before "it"
        (
            "OpenAI began as a non-profit that published its research openly, but by GPT-4 it was keeping the "
            "architecture, the data and the weights to itself.",
            {("gpt-4", "closed"), ("openai", "closed")},
        ),
        # … but "it" that was released is the model
        (
            "Whisper is the one OpenAI model they host, because it was released as open source under MIT.",
            {("openai", "open"), ("whisper", "open")},
        ),
    ],
)
def test_an_it_that_keeps_is_the_one_lab_named_an_it_that_was_released_is_the_model(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the maker of open models is open: a role noun before "of" ("developer", "maker", "provider")
        (
            "Mistral, a leading developer of open-source LLMs, views AI as an infrastructure technology.",
            {("mistral", "open")},
        ),
        ("Anthropic is a developer of proprietary models.", {("anthropic", "closed")}),
        # … not the users a platform serves ("a hub for developers of …")
        ("Hugging Face is a hub for developers of open-source models.", set()),
    ],
)
def test_a_developer_or_maker_of_open_models_is_open_but_not_a_hub_for_their_developers(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the examples of "companies like" stand for the owner, with modifiers before the noun
        (
            "The best open-source models often come from financially resourceful companies like Meta.",
            {("meta", "open")},
        ),
        (
            "Open-source models from big tech entities such as Meta dominate the rankings.",
            {("meta", "open")},
        ),
    ],
)
def test_open_models_from_modified_companies_like_a_lab_are_the_labs(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # stopping an act is not doing it: closed, never planned, even when announced for later
        ("DeepSeek plans to stop open-sourcing its models.", {("deepseek", "closed")}),
        ("DeepSeek will stop open-sourcing its models.", {("deepseek", "closed")}),
        # … a possibility is not closed today: what it may stop doing, it does today
        ("DeepSeek may cease open-sourcing its models in the future.", {("deepseek", "open")}),
        # … and "stop" before anything but an act negates nothing
        ("Nothing can stop open-source models like Llama from spreading.", {("llama", "open")}),
    ],
)
def test_to_stop_open_sourcing_is_closed_not_planned(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name in apposition to the cue's noun, in quotes or not, after a gadget, package or product
        (
            'A moment that spiked usage was the open-source gadget "AutoGPT," a precursor to agents.',
            {("autogpt", "open")},
        ),
        ("The open-source package LangChain grew quickly.", {("langchain", "open")}),
    ],
)
def test_a_name_in_apposition_to_an_open_gadget_or_package_quoted_or_not_is_open(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the lab's own models named as the means of its openness are open too
        (
            "Meta is a significant contributor to the open source ecosystem through its Llama models.",
            {("llama", "open"), ("meta", "open")},
        ),
        ("Meta has embraced open source with the Llama family.", {("llama", "open"), ("meta", "open")}),
        # … not a model after a comma that starts another clause, nor another lab's model
        ("Meta supports open source, and with Llama 4 it also ships a chat app.", {("meta", "open")}),
        ("Meta open-sourced PyTorch through a partnership with OpenAI and GPT-4.", {("meta", "open")}),
    ],
)
def test_a_labs_models_named_as_the_means_of_its_openness_are_open(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a claim that opens with a lab's leader (bot.catalog.Lab.leaders) is about the lab
        (
            "Mark Zuckerberg articulates a strong belief in open sourcing, suggesting that sharing these models "
            "benefits the broader community.",
            {("meta", "open")},
        ),
        ("CEO Arthur Mensch's team releases its models with open weights.", {("mistral", "open")}),
        # … a leader named elsewhere is no one's stand-in, and talk about open sourcing is a topic, not a stance
        ("Leaders like Mark Zuckerberg also emphasize the importance of open source.", set()),
        ("Zuckerberg further explored philosophical reflections on open sourcing technology.", set()),
    ],
)
def test_a_claim_opening_with_a_labs_leader_speaks_for_the_lab(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert signals(extractor, text) == expected


def test_a_leader_is_never_a_mention_and_speaks_for_the_lab_only_on_openness(extractor: Extractor) -> None:
    stance = extractor.extract(claim("Mark Zuckerberg articulates a strong belief in open sourcing."))
    ranch = extractor.extract(claim("Zuckerberg bought a ranch in Hawaii."))
    assert (stance.mentions, stance.subject) == ([], EntityRef("lab", "meta"))
    assert (ranch.mentions, ranch.subject, ranch.signals) == ([], None, [])
