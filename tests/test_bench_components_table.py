"""bench/components_table.py: the ten models of issue 14 resolve in the catalog, and the table it prints."""

from __future__ import annotations

from pathlib import Path

from bench.components_table import MODELS, model_id, table
from bot.catalog import load_catalog
from bot.store.db import Store
from tests.conftest import CATALOG


def test_every_model_of_the_issue_is_a_catalog_model() -> None:
    catalog = load_catalog(CATALOG)
    assert {name: model_id(catalog, name) for name in MODELS} == {
        "Llama": "llama",
        "Gemma": "gemma",
        "Grok 1": "grok-1",
        "Mixtral": "mixtral",
        "Qwen": "qwen",
        "DeepSeek R1": "deepseek-r1",
        "GPT-4": "gpt-4",
        "Claude": "claude",
        "Gemini": "gemini",
        "Stable Diffusion": "stable-diffusion",
    }


def test_a_lab_name_is_not_a_model() -> None:
    assert model_id(load_catalog(CATALOG), "Meta") is None


async def test_table_has_a_row_per_model_and_names_the_missing_ones(seed_db: Path) -> None:
    store = await Store.open(seed_db)
    try:
        out = await table(store, load_catalog(CATALOG), ["Llama", "Mixtral", "No Such Model"])
    finally:
        await store.close()
    lines = out.splitlines()
    assert (
        lines[0]
        == "| model (catalog id) | weights | code | training data | licence | paper | access | in the notes |"
    )
    assert [line.split(" | ")[0] for line in lines[2:4]] == ["| Llama (`llama`)", "| Mixtral (`mixtral`)"]
    assert sum(line.startswith("| Llama | ") for line in lines) == 6  # one detail row per component
    assert lines[-1] == "Not in data/catalog.yaml: No Such Model"
