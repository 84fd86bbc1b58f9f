"""The shipped catalog and the validation of catalog files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.catalog import DEFAULT_CATALOG, Catalog, CatalogError, load_catalog, name_key, parse_catalog
from bot.config import DATA_DIR
from bot.contracts import EntityRef
from bot.extract.mentions import MentionFinder
from bot.notes.markdown import WIKI_LINK


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DEFAULT_CATALOG)


def test_default_catalog_is_the_data_dir_file() -> None:
    assert DEFAULT_CATALOG == DATA_DIR / "catalog.yaml"


def test_shipped_catalog_has_at_least_25_labs_and_60_model_families(catalog: Catalog) -> None:
    assert len(catalog.labs) >= 25
    assert len(catalog.models) >= 60


def test_every_model_family_belongs_to_a_lab_of_the_catalog(catalog: Catalog) -> None:
    assert {model.lab for model in catalog.models.values()} <= set(catalog.labs)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("OpenAI", EntityRef("lab", "openai")),
        ("Anthropic", EntityRef("lab", "anthropic")),
        ("Google DeepMind", EntityRef("lab", "google")),
        ("DeepMind", EntityRef("lab", "google")),
        ("Facebook AI", EntityRef("lab", "meta")),
        ("FAIR", EntityRef("lab", "meta")),
        ("Meta", EntityRef("lab", "meta")),
        ("xAI", EntityRef("lab", "xai")),
        ("Deep Seek", EntityRef("lab", "deepseek")),
        ("Mistral AI", EntityRef("lab", "mistral")),
        ("Alibaba", EntityRef("lab", "alibaba")),
        ("Microsoft", EntityRef("lab", "microsoft")),
        ("Nvidia", EntityRef("lab", "nvidia")),
        ("Cohere", EntityRef("lab", "cohere")),
        ("AI2", EntityRef("lab", "ai2")),
        ("EleutherAI", EntityRef("lab", "eleutherai")),
        ("Hugging Face", EntityRef("lab", "huggingface")),
        ("Stability AI", EntityRef("lab", "stability")),
        ("Moonshot AI", EntityRef("lab", "moonshot")),
        ("Zhipu AI", EntityRef("lab", "zhipu")),
        ("TII", EntityRef("lab", "tii")),
        ("IBM", EntityRef("lab", "ibm")),
        ("Apple", EntityRef("lab", "apple")),
        ("Amazon", EntityRef("lab", "amazon")),
        ("Baidu", EntityRef("lab", "baidu")),
        ("01.AI", EntityRef("lab", "01-ai")),
        ("Databricks", EntityRef("lab", "databricks")),
        ("Grok-1", EntityRef("model", "grok-1")),
        ("Grok 1", EntityRef("model", "grok-1")),
        ("Grok3", EntityRef("model", "grok-3")),
        ("LLaMA", EntityRef("model", "llama")),
        ("Qwen", EntityRef("model", "qwen")),
        ("Phi-3", EntityRef("model", "phi")),
        ("Nemotron", EntityRef("model", "nemotron")),
        ("OLMo", EntityRef("model", "olmo")),
        ("Kimi", EntityRef("model", "kimi")),
        ("GLM-4", EntityRef("model", "glm")),
        ("Falcon 40B", EntityRef("model", "falcon")),
        ("Granite", EntityRef("model", "granite")),
        ("Nova Pro", EntityRef("model", "nova")),
        ("ERNIE", EntityRef("model", "ernie")),
        ("Yi-34B", EntityRef("model", "yi")),
        ("DBRX", EntityRef("model", "dbrx")),
    ],
)
def test_names_people_say_resolve_to_their_entity(catalog: Catalog, said: str, expected: EntityRef) -> None:
    assert catalog.lookup(said) == expected


@pytest.mark.parametrize(
    ("model", "lab"),
    [
        ("llama", "meta"),
        ("gemini", "google"),
        ("grok-3", "xai"),
        ("grok-2", "xai"),
        ("deepseek-r1", "deepseek"),
    ],
)
def test_models_are_tied_to_their_lab(catalog: Catalog, model: str, lab: str) -> None:
    assert catalog.models[model].lab == lab
    assert catalog.lab_of(EntityRef("model", model)) == EntityRef("lab", lab)


def test_lookup_ignores_case_spaces_and_hyphens_and_accepts_ids(catalog: Catalog) -> None:
    assert catalog.lookup("  grok-3 ") == EntityRef("model", "grok-3")
    assert catalog.lookup("DEEPSEEK") == EntityRef("lab", "deepseek")
    assert catalog.lookup("gpt-4-5") == EntityRef("model", "gpt-4-5")


def test_lookup_of_an_unknown_name_is_none(catalog: Catalog) -> None:
    assert catalog.lookup("Skynet") is None


def test_names_lists_every_display_name_and_alias(catalog: Catalog) -> None:
    names = catalog.names()
    assert ("Meta", EntityRef("lab", "meta")) in names
    assert ("Facebook AI Research", EntityRef("lab", "meta")) in names
    assert ("Grok 3", EntityRef("model", "grok-3")) in names
    assert len(names) == sum(1 + len(entity.aliases) for entity in catalog.entities())


def test_models_of_lists_a_labs_families(catalog: Catalog) -> None:
    assert {model.id for model in catalog.models_of("xai")} == {
        "grok",
        "grok-1",
        "grok-2",
        "grok-3",
        "grok-4",
    }


# --- validation -------------------------------------------------------------------------------------

LABS = """\
labs:
  - id: openai
    name: OpenAI
    aliases: [Open AI]
    homepage: https://openai.com
  - id: xai
    name: xAI
    aliases: []
"""


def error_of(text: str, tmp_path: Path) -> str:
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as raised:
        load_catalog(path)
    return str(raised.value).replace(str(path), "catalog.yaml")


def test_a_valid_file_loads_with_its_fields(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(LABS + "models:\n  - {id: grok, name: Grok, lab: xai, aliases: [Grok AI]}\n")
    catalog = load_catalog(path)
    assert catalog.labs["openai"].homepage == "https://openai.com"
    assert catalog.labs["xai"].homepage is None
    assert catalog.models["grok"].aliases == ("Grok AI",)


def test_model_with_an_unknown_lab(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: gpt-4, name: GPT-4, lab: openai, aliases: []}\n"
    text += "  - {id: grok, name: Grok, lab: xai2, aliases: []}\n"
    assert (
        error_of(text, tmp_path)
        == "catalog.yaml: model 'grok' (entry 2): lab 'xai2' is not a lab in the catalog"
    )


def test_missing_top_level_key(tmp_path: Path) -> None:
    assert error_of(LABS, tmp_path) == "catalog.yaml: missing top-level key 'models'"


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = LABS + "models: []\nmodles: []\n"
    assert (
        error_of(text, tmp_path)
        == "catalog.yaml: unknown top-level key 'modles' (expected 'labs' and 'models')"
    )


def test_top_level_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert (
        error_of("- just\n- a list\n", tmp_path)
        == "catalog.yaml: the top level must be a mapping with keys 'labs' and 'models'"
    )


def test_section_that_is_not_a_list(tmp_path: Path) -> None:
    assert (
        error_of(LABS + "models: grok\n", tmp_path) == "catalog.yaml: 'models' must be a list, got a string"
    )


def test_entry_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert error_of(LABS + "models:\n  - grok\n", tmp_path) == (
        "catalog.yaml: model entry 1: must be a mapping, got a string"
    )


def test_entry_without_an_id(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {name: Grok, lab: xai, aliases: []}\n"
    assert error_of(text, tmp_path) == "catalog.yaml: model entry 1: missing required field 'id'"


def test_entry_without_a_name(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: grok, lab: xai, aliases: []}\n"
    assert error_of(text, tmp_path) == "catalog.yaml: model 'grok' (entry 1): missing required field 'name'"


def test_entry_without_aliases(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: grok, name: Grok, lab: xai}\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: model 'grok' (entry 1): missing required field 'aliases' (use [] for none)"
    )


def test_model_without_a_lab(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: grok, name: Grok, aliases: []}\n"
    assert error_of(text, tmp_path) == "catalog.yaml: model 'grok' (entry 1): missing required field 'lab'"


def test_id_with_capitals_or_spaces(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: Grok 3, name: Grok 3, lab: xai, aliases: []}\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: model 'Grok 3' (entry 1): id must be lowercase letters, digits and hyphens"
        " ([a-z0-9][a-z0-9-]*)"
    )


def test_duplicate_id(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: grok, name: Grok, lab: xai, aliases: []}\n"
    text += "  - {id: grok, name: Grok Two, lab: xai, aliases: []}\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: model 'grok' (entry 2): duplicate id (already used by model entry 1)"
    )


def test_model_id_that_is_a_lab_id(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: xai, name: Grok, lab: xai, aliases: []}\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: model 'xai' (entry 1): duplicate id (already used by lab entry 2)"
    )


def test_alias_claimed_by_two_entities(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: grok, name: Grok, lab: xai, aliases: [Open-AI]}\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: model 'grok' (entry 1): name 'Open-AI' is already used by lab 'openai' (entry 1)"
        " (as 'OpenAI')"
    )


def test_aliases_of_the_wrong_type(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: grok, name: Grok, lab: xai, aliases: Grok AI}\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: model 'grok' (entry 1): field 'aliases' must be a list of strings, got a string"
    )


def test_name_of_the_wrong_type(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: grok, name: 3, lab: xai, aliases: []}\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: model 'grok' (entry 1): field 'name' must be a string, got int"
    )


def test_homepage_of_the_wrong_type(tmp_path: Path) -> None:
    text = "labs:\n  - {id: xai, name: xAI, aliases: [], homepage: [x.ai]}\nmodels: []\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: lab 'xai' (entry 1): field 'homepage' must be a string, got a list"
    )


def test_beyond_ai_of_the_wrong_type(tmp_path: Path) -> None:
    text = "labs:\n  - {id: apple, name: Apple, aliases: [], beyond_ai: 'yes'}\nmodels: []\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: lab 'apple' (entry 1): field 'beyond_ai' must be true or false, got a string"
    )


def test_a_lab_is_all_ai_unless_the_catalog_says_its_business_is_more(tmp_path: Path) -> None:
    text = (
        "labs:\n  - {id: apple, name: Apple, aliases: [], beyond_ai: true}\n"
        "  - {id: midjourney, name: Midjourney, aliases: []}\nmodels: []\n"
    )
    path = tmp_path / "catalog.yaml"
    path.write_text(text)
    catalog = load_catalog(path)
    assert (catalog.labs["apple"].beyond_ai, catalog.labs["midjourney"].beyond_ai) == (True, False)


def test_unknown_field(tmp_path: Path) -> None:
    text = "labs:\n  - {id: xai, name: xAI, aliases: [], homepag: x.ai}\nmodels: []\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: lab 'xai' (entry 1): unknown field 'homepag'"
        " (allowed: aliases, beyond_ai, case_sensitive, exclude, homepage, id, leaders, name, needs_context)"
    )


def test_case_sensitive_list_naming_a_foreign_name(tmp_path: Path) -> None:
    text = "labs:\n  - {id: xai, name: xAI, aliases: [XAI], case_sensitive: [Grok]}\nmodels: []\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: lab 'xai' (entry 1): case_sensitive lists 'Grok', which is not one of its names"
    )


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    text = LABS + "models:\n  - {id: grok, name: Grok, lab: xai, aliases: [Grok\n"
    message = error_of(text, tmp_path)
    assert message.startswith("catalog.yaml: line 11: YAML syntax error: ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"missing\.yaml: cannot read the catalog"):
        load_catalog(tmp_path / "missing.yaml")


def test_parse_catalog_names_the_given_path() -> None:
    with pytest.raises(CatalogError, match=r"^data/catalog\.yaml: missing top-level key 'labs'$"):
        parse_catalog("models: []\n", "data/catalog.yaml")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Cursor", EntityRef("lab", "cursor")),
        ("Anysphere", EntityRef("lab", "cursor")),
        ("Eleven Labs", EntityRef("lab", "elevenlabs")),
        ("Olama", EntityRef("lab", "ollama")),
        ("Manis", EntityRef("lab", "manus")),
        ("Groq", EntityRef("lab", "groq")),
        ("Siri", EntityRef("model", "siri")),
        ("Amazon Alexa", EntityRef("model", "alexa")),
        ("OpenCog Hyperon", EntityRef("model", "opencog")),
        ("Maringo", EntityRef("model", "marengo")),
        ("Codeex", EntityRef("model", "codex")),
        ("Opus", EntityRef("model", "claude")),
    ],
)
def test_labs_and_models_the_vault_names_resolve(catalog: Catalog, said: str, expected: EntityRef) -> None:
    assert catalog.lookup(said) == expected


@pytest.mark.parametrize("framework", ["PyTorch", "TensorFlow", "CUDA", "JAX", "Keras"])
def test_frameworks_are_left_out_because_their_licence_is_not_their_labs_openness(
    catalog: Catalog, framework: str
) -> None:
    assert catalog.lookup(framework) is None


def test_bare_gemini_needs_context_but_gemini_2_does_not(catalog: Catalog) -> None:
    assert catalog.models["gemini"].needs_context == ("Gemini",)


def test_needs_context_true_covers_every_name(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(
        LABS + "models:\n  - {id: grok, name: Grok, lab: xai, aliases: [Grok AI], needs_context: true}\n"
    )
    assert load_catalog(path).models["grok"].needs_context == ("Grok", "Grok AI")


def test_needs_context_list_naming_a_foreign_name(tmp_path: Path) -> None:
    text = "labs:\n  - {id: xai, name: xAI, aliases: [], needs_context: [Grok]}\nmodels: []\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: lab 'xai' (entry 1): needs_context lists 'Grok', which is not one of its names"
    )


def test_exclude_phrase_without_any_of_the_names(tmp_path: Path) -> None:
    text = "labs:\n  - {id: xai, name: xAI, aliases: [], exclude: [Amazon rainforest]}\nmodels: []\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: lab 'xai' (entry 1): exclude lists 'Amazon rainforest', which contains none of its names"
    )


# --- growth: the labs and models the vault's wiki links name ----------------------------------------

WIKI_REVIEWED = Path(__file__).resolve().parent / "gold" / "catalog_wiki_links.yaml"
VAULT = Path(__file__).resolve().parents[2] / "shared" / "vault"


def _reviewed() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(WIKI_REVIEWED.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def notes_linking() -> Counter[str]:
    """For each reviewed wiki-link name (by `name_key`), how many notes of the vault link it."""
    if not VAULT.is_dir():
        pytest.skip("../shared/vault is absent")
    reviewed = _reviewed()
    keys = {name_key(row["name"]) for row in [*reviewed["entities"], *reviewed["left_out"]]}
    counts: Counter[str] = Counter()
    for path in VAULT.rglob("*.md"):
        text = path.read_text(encoding="utf-8", errors="replace")
        linked = {name_key(side) for link in WIKI_LINK.finditer(text) for side in link.groups() if side}
        counts.update(linked & keys)
    return counts


@pytest.mark.corpus
def test_every_reviewed_lab_or_model_linked_from_five_notes_is_in_the_catalog(
    catalog: Catalog, notes_linking: Counter[str]
) -> None:
    rows = [row for row in _reviewed()["entities"] if notes_linking[name_key(row["name"])] >= 5]
    assert len(rows) >= 15  # the vault links at least this many of them; fewer means the count broke
    missing = {
        row["name"]: row["entity"]
        for row in rows
        if (found := catalog.lookup(row["name"])) is None or found.id != row["entity"]
    }
    assert missing == {}


@pytest.mark.corpus
def test_wiki_link_names_reviewed_as_no_lab_stay_out_of_the_catalog(
    catalog: Catalog, notes_linking: Counter[str]
) -> None:
    rows = [row for row in _reviewed()["left_out"] if notes_linking[name_key(row["name"])] >= 5]
    assert rows  # Transformers, n8n, Notion are linked from 5+ notes
    assert {row["name"]: catalog.lookup(row["name"]) for row in rows} == {row["name"]: None for row in rows}


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("OpenRouter", EntityRef("lab", "openrouter")),
        ("Open Router", EntityRef("lab", "openrouter")),
        ("Crew AI", EntityRef("lab", "crewai")),
        ("Answer AI", EntityRef("lab", "answer-ai")),
        ("Chai Research", EntityRef("lab", "chai-research")),
        ("Voice Flow", EntityRef("lab", "voiceflow")),
        ("Tesla", EntityRef("lab", "tesla")),
        ("Full Self-Driving", EntityRef("model", "tesla-fsd")),
        ("Arctic LLM", EntityRef("model", "arctic")),
        ("Einstein GPT", EntityRef("model", "salesforce-einstein")),
        ("Cortex Analyst", EntityRef("model", "snowflake-cortex")),
        ("Mosaic AI", EntityRef("lab", "databricks")),
        ("V0", EntityRef("model", "v0")),
        ("Humane AI Pin", EntityRef("model", "ai-pin")),
        ("DINOv2", EntityRef("model", "dinov2")),
        ("LangServe", EntityRef("model", "langserve")),
    ],
)
def test_labs_and_models_grown_from_the_whole_vault_resolve(
    catalog: Catalog, said: str, expected: EntityRef
) -> None:
    assert catalog.lookup(said) == expected


@pytest.mark.parametrize(
    "left_out", ["AutoGen", "Tinygrad", "Braintrust", "TruEra", "Arctic Embed", "Einstein", "Rabbit R1"]
)
def test_frameworks_eval_tools_and_lookalikes_are_left_out(catalog: Catalog, left_out: str) -> None:
    assert catalog.lookup(left_out) is None


# --- growth, second round: names further down the ranking, and names that must not mislead -----------


@pytest.fixture(scope="module")
def finder(catalog: Catalog) -> MentionFinder:
    return MentionFinder(catalog)


def _named(finder: MentionFinder, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entity.id) for m in finder.find(text)]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Lindy", EntityRef("lab", "lindy")),
        ("Lindy.ai", EntityRef("lab", "lindy")),
        ("Relevance AI", EntityRef("lab", "relevance-ai")),
        ("Mind Studio", EntityRef("lab", "mindstudio")),
        ("Sovereign.ai", EntityRef("lab", "sovran")),
        ("Sovran", EntityRef("lab", "sovran")),
        ("Parloa", EntityRef("lab", "parloa")),
        ("Tesla Bot", EntityRef("lab", "tesla")),
        ("Tesla Optimus", EntityRef("lab", "tesla")),
    ],
)
def test_labs_of_the_second_round_resolve(catalog: Catalog, said: str, expected: EntityRef) -> None:
    assert catalog.lookup(said) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Of 20 sampled development mentions of bare "Tesla", 14 were its cars, batteries or the unit.
        "The Cybertruck could become Tesla's most important vehicle, second only to the Model Y.",
        "Using Tesla battery packs to stabilize power from generators.",
        "Taking an existing Tesla model and transforming it into a pickup truck.",
        "The outer superconducting magnet produces 11.5 Tesla.",
    ],
)
def test_bare_tesla_is_not_the_ai_lab(finder: MentionFinder, text: str) -> None:
    assert _named(finder, text) == []


def test_teslas_ai_goes_by_the_names_of_its_robot_and_self_driving(finder: MentionFinder) -> None:
    text = "The Tesla Bot and Tesla Optimus are sci-fi dreams; Tesla AI trains Full Self-Driving (FSD)."
    assert _named(finder, text) == [
        ("Tesla Bot", "tesla"),
        ("Tesla Optimus", "tesla"),
        ("Tesla AI", "tesla"),
        ("Full Self-Driving", "tesla-fsd"),
        ("FSD", "tesla-fsd"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        'Ethereum has passed its "Lindy effect," proving its longevity for AI agents.',
        'While meme coins as a category have "Lindy" (longevity), most have a short half-life.',
        "Memecoins as a category have a lot of Lindy, across AI cycles too.",
    ],
)
def test_the_lindy_effect_is_not_lindy(finder: MentionFinder, text: str) -> None:
    assert _named(finder, text) == []


def test_lindy_in_a_claim_about_ai_is_the_agent_platform(finder: MentionFinder) -> None:
    assert _named(finder, "Lindy allows the use of AI at any point in a workflow.") == [("Lindy", "lindy")]


@pytest.mark.parametrize(
    "text", ["Sovereign Gold Bonds raised billions.", "Startups serving Sovereign AI firms in Malaysia."]
)
def test_sovereign_bonds_and_national_ai_are_not_sovran(finder: MentionFinder, text: str) -> None:
    assert _named(finder, text) == []


@pytest.mark.parametrize("left_out", ["Lorra", "Legora", "Kaito AI", "Sovereign AI", "Relevance", "Optimus"])
def test_second_round_lookalikes_and_left_out_names_are_not_in_the_catalog(
    catalog: Catalog, left_out: str
) -> None:
    assert catalog.lookup(left_out) is None


def test_a_labs_leaders_load_as_written(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(
        "labs:\n  - {id: openai, name: OpenAI, aliases: [], leaders: [Sam Altman, Altman]}\nmodels: []\n",
        encoding="utf-8",
    )
    assert load_catalog(path).labs["openai"].leaders == ("Sam Altman", "Altman")


def test_a_leader_of_two_labs_is_refused(tmp_path: Path) -> None:
    text = (
        "labs:\n  - {id: openai, name: OpenAI, aliases: [], leaders: [Sam Altman]}\n"
        "  - {id: xai, name: xAI, aliases: [], leaders: [sam altman]}\nmodels: []\n"
    )
    assert error_of(text, tmp_path) == (
        "catalog.yaml: lab 'xai' (entry 2): leader 'sam altman' is already a leader of lab 'openai' (entry 1)"
    )


def test_leaders_of_the_wrong_type(tmp_path: Path) -> None:
    text = "labs:\n  - {id: openai, name: OpenAI, aliases: [], leaders: Sam Altman}\nmodels: []\n"
    assert error_of(text, tmp_path) == (
        "catalog.yaml: lab 'openai' (entry 1): field 'leaders' must be a list of strings, got a string"
    )
