"""Finding catalog names in claim text: whole words, longest name first, case rules."""

from __future__ import annotations

import pytest
import yaml

from bot.catalog import DEFAULT_CATALOG, load_catalog
from bot.extract.mentions import MentionFinder
from tests.openness_gold import GOLD, VAULT, Assertion, find_claim


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


@pytest.mark.parametrize("spelling", ["DBRX", "dbrx"])
def test_dbrx_in_any_case(finder: MentionFinder, spelling: str) -> None:
    assert found(finder, f"their open source model ({spelling}) was released") == [(spelling, "dbrx")]


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


# --- names that mean other things (issue 10, item 6) -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "They ran the model with llama.cpp on a laptop.",
        "Ollama and LlamaIndex make local models easy.",
        "According to DeFi Llama, Ribbon Finance leads in TVL.",
        "Llama Swap, a product by DeFi Llama, aggregates aggregators.",
        "Two open-source papers, Moshi and Llama Omni, propose solutions.",
    ],
)
def test_projects_named_after_llama_are_not_metas_model(finder: MentionFinder, text: str) -> None:
    assert [entity for _, entity in found(finder, text) if entity == "llama"] == []


@pytest.mark.parametrize(
    "text",
    [
        "A Raspberry Pi runs the robot.",
        "Claude Shannon invented information theory.",
        "Falcon 9 landed again.",
        "Jurassic Park was a hit.",
        "A meta-analysis of trials; the metadata of files.",
        "Meta-Occam and Meta-Learning are concepts.",
        "Meta 11 is a cricket metaverse project.",
        "Scott Alexander of the Slate Star Codex blog.",
        "GROQ is the query language of Sanity.",
        "Hermes Trismegistus wrote about the model of the cosmos.",
    ],
)
def test_names_of_other_things_are_not_mentions(finder: MentionFinder, text: str) -> None:
    assert found(finder, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Funds are converted to UST (a stablecoin) within Gemini.",
        "A person considered a Gemini in Western astrology.",
        "When funds are in Orca they earn a 15% yield.",
        "Terra and Flux were in the Curve pool.",
        "Bard emphasizes the danger of literal myths.",
        "Gemini's business model is trading fees.",
        "His magnum Opus took ten years.",
    ],
)
def test_a_name_that_needs_context_is_dropped_from_a_claim_not_about_ai(
    finder: MentionFinder, text: str
) -> None:
    assert found(finder, text) == []


def test_an_ai_word_gives_a_name_its_context(finder: MentionFinder) -> None:
    assert found(finder, "Gemini is a multimodal model.") == [("Gemini", "gemini")]
    assert found(finder, "The Opus model writes code.") == [("Opus", "claude")]


def test_another_entity_in_the_claim_gives_a_name_its_context(finder: MentionFinder) -> None:
    assert found(finder, "Google launched Gemini.") == [("Google", "google"), ("Gemini", "gemini")]
    assert found(finder, "Tools like Midjourney and Flux are valuable.") == [
        ("Midjourney", "midjourney"),
        ("Flux", "flux"),
    ]


def test_two_names_that_need_context_do_not_give_it_to_each_other(finder: MentionFinder) -> None:
    assert found(finder, "Gemini and Orca both hold UST.") == []


@pytest.mark.parametrize("spelling", ["Flux", "FLUX"])
def test_flux_in_either_case_is_the_model_in_a_claim_about_ai(finder: MentionFinder, spelling: str) -> None:
    assert found(finder, f"{spelling} is an open-weights image model.") == [(spelling, "flux")]


def test_a_numbered_name_needs_no_context(finder: MentionFinder) -> None:
    assert found(finder, "Llama 3 shipped today.") == [("Llama 3", "llama-3")]


@pytest.mark.parametrize(
    "text", ["Apple juice ferments.", "Apple Juice refers to filtered juice.", "Thorn Apple"]
)
def test_excluded_phrases_match_in_any_case(finder: MentionFinder, text: str) -> None:
    assert found(finder, text) == []


@pytest.mark.parametrize(
    "text",
    ["A plane crashed in the Amazon.", "Mounds found from the Amazon to Brazil.", "Work in the Amazon Basin"],
)
def test_the_amazon_region_is_not_the_company(finder: MentionFinder, text: str) -> None:
    assert found(finder, text) == []


def test_amazon_the_company_is_still_the_company(finder: MentionFinder) -> None:
    assert found(finder, "Amazon Web Services and Amazon's culture") == [
        ("Amazon Web Services", "amazon"),
        ("Amazon", "amazon"),
    ]


def test_r1_is_deepseeks_in_a_claim_about_ai_but_not_rabbits(finder: MentionFinder) -> None:
    assert found(finder, "R1 is a reasoning model.") == [("R1", "deepseek-r1")]
    assert found(finder, "The Rabbit R1 is an AI gadget.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cursor and Replit build apps with AI.", [("Cursor", "cursor"), ("Replit", "replit")]),
        ("Groq serves Llama fast.", [("Groq", "groq"), ("Llama", "llama")]),
        ("Siri and Alexa feel primitive.", [("Siri", "siri"), ("Alexa", "alexa")]),
        ("Tools like Olama or LM Studio", [("Olama", "ollama"), ("LM Studio", "lm-studio")]),
        ("OpenAI's Codeex and CodeX", [("OpenAI", "openai"), ("Codeex", "codex"), ("CodeX", "codex")]),
    ],
)
def test_labs_and_products_the_vault_names(
    finder: MentionFinder, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OpenAI's O1 model reasons.", [("OpenAI", "openai"), ("O1", "o1")]),
        ("Try O4 Mini, then O3, for reasoning.", [("O4 Mini", "o3"), ("O3", "o3")]),
        ("A million paying users for GitHub Co-pilot.", [("GitHub Co-pilot", "copilot")]),
        (
            "Salesforce launched Agent Force.",
            [("Salesforce", "salesforce"), ("Agent Force", "salesforce-einstein")],
        ),
        ("Service GPT for customer service.", [("Service GPT", "salesforce-einstein")]),
        ("ChatGPT and DALL.E", [("ChatGPT", "chatgpt"), ("DALL.E", "dall-e")]),
    ],
)
def test_the_spellings_notes_use_for_catalog_names(
    finder: MentionFinder, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(finder, text) == expected


def test_every_catalog_name_written_as_the_catalog_writes_it_is_one_mention_of_its_entity(
    finder: MentionFinder,
) -> None:
    catalog = load_catalog(DEFAULT_CATALOG)
    missed = [
        (entity.id, name)
        for entity in catalog.entities()
        for name in entity.names
        if found(finder, f"{name} is an AI model.")[:1] != [(name, entity.id)]
    ]
    assert missed == []


def test_a_case_sensitive_name_that_starts_with_a_labs_name_is_the_model(finder: MentionFinder) -> None:
    assert found(finder, "Salesforce Einstein runs on proprietary models.") == [
        ("Salesforce Einstein", "salesforce-einstein")
    ]


@pytest.mark.parametrize(
    "text", ["A bivalent vaccine for O1 and O139 strains.", "Ground-level O3 rose in July."]
)
def test_capitalised_o_series_names_need_a_claim_about_ai(finder: MentionFinder, text: str) -> None:
    assert found(finder, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Claude, the restaurant's head chef, refuses to share his proprietary sauce with anyone.",
        "Claude, the guest's uncle, kept his woodworking designs proprietary.",
        "Devin, the host's brother, open-sourced his code.",
        "Claude, a chef in Lyon, keeps his recipes proprietary.",
        "His uncle Claude kept the designs proprietary.",
        "Chef Claude keeps his recipes proprietary.",
        "Sora, the guest's co-founder, said the recipe will stay proprietary.",
        "Gemini, the crypto exchange, open-sourced its custody audit tools.",
        "Gemini, the exchange founded by the Winklevoss twins, open-sourced its proof-of-reserves tooling.",
        "Claude, the guest's business partner, wanted to keep the playbook closed.",
        "Sora, the founder of the Tokyo streetwear label, keeps her designs proprietary.",
        "Grok how the incentives work first, he said: the protocol is open source.",
        "Orca, the Solana swap, is fully open source.",
    ],
)
def test_a_name_with_a_persons_apposition_or_title_is_that_person(finder: MentionFinder, text: str) -> None:
    assert found(finder, text) == []


def test_an_apposition_that_is_no_persons_keeps_the_name(finder: MentionFinder) -> None:
    assert found(finder, "Claude, Anthropic's model, is proprietary.") == [
        ("Claude", "claude"),
        ("Anthropic", "anthropic"),
    ]


# --- the judged gold: mentions of these names are the entity ---------------------------------------


def _mention_precision(path_glob: str) -> float:
    """Of the judged `kind: mention` assertions whose entity the finder reports, the share judged right."""
    if not VAULT.is_dir():
        pytest.skip("../shared/vault is absent")
    finder = MentionFinder(load_catalog(DEFAULT_CATALOG))
    hits = predicted = 0
    for path in sorted(GOLD.glob(path_glob)):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if entry["kind"] != "mention":
                continue
            t = entry.get("t")
            claim = find_claim(
                Assertion(
                    entry["file"], None if t is None else str(t), entry["contains"], None, "mention", True
                )
            )
            if claim is not None and entry["entity"] in {m.entity.id for m in finder.find(claim.text)}:
                predicted += 1
                hits += bool(entry["present"])
    assert predicted > 0
    return hits / predicted


def test_at_least_97_percent_of_the_sampled_mentions_are_the_entity() -> None:
    assert _mention_precision("mentions.yaml") >= 0.97


def test_at_least_97_percent_of_the_dev_mentions_are_the_entity() -> None:
    assert _mention_precision("dev_*.yaml") >= 0.97
