""" "A model counts for its lab" is one rule, the store's view counts_for, and /lab, the digest, /episode and
/search all read it: a claim naming only Llama 3 is a claim about Meta in each of them, and a claim naming
Meta and Llama 3 together counts for Meta once."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from bot.commands.engine import Engine
from bot.config import Config
from bot.digest.compose import compose_digest
from bot.digest.period import arrivals
from bot.digest.subscriptions import Focus
from bot.instants import iso, parse_iso
from bot.reply import Reply, markdown
from bot.store import queries
from tests.conftest import CATALOG, CHANNEL, USER, build_store

VIDEO = "llamaweight"
# Claim 1 names only the model, claim 2 the lab and the model, claim 3 only the lab (checked below).
NOTE = f"""---
title: Llama weights
videoId: {VIDEO}
---

From: [[bankless]] <br/>

## Open weights

*   The Llama 3 language model weights can be downloaded and fine-tuned by any developer \
<a class="yt-timestamp" data-t="00:01:05">[00:01:05]</a>.
*   Meta trains Llama 3 on sixteen thousand GPUs in its own data centres \
<a class="yt-timestamp" data-t="00:02:10">[00:02:10]</a>.
*   Meta hires researchers for its Paris lab to work on large language models \
<a class="yt-timestamp" data-t="00:03:15">[00:03:15]</a>.
"""
ONLY_THE_MODEL = 65  # seconds of the claim naming Llama 3 alone


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[Engine]:
    notes = tmp_path / "notes"
    (notes / "bankless").mkdir(parents=True)
    (notes / "bankless" / "llama_weights.md").write_text(NOTE, encoding="utf-8")
    db = await build_store(tmp_path / "labnotes.db", notes)
    config = replace(
        Config(), db_path=db, notes_dir=notes, catalog_path=CATALOG, trash_dir=tmp_path / "trash"
    )
    core = await Engine.open(config)
    try:
        yield core
    finally:
        await core.close()


async def ask(engine: Engine, text: str) -> Reply:
    reply = await engine.ask(text, USER, CHANNEL)
    assert reply.kind == "ok", (reply.title, reply.text)
    return reply


async def test_the_note_names_the_model_alone_then_both_then_the_lab_alone(engine: Engine) -> None:
    rows = await engine.store.fetchall(
        "SELECT c.seconds, m.entity_type, m.entity_id FROM mentions m JOIN claims c ON c.id = m.claim_id"
        " ORDER BY c.seconds, m.entity_type"
    )
    assert [tuple(r) for r in rows] == [
        (65, "model", "llama-3"),
        (130, "lab", "meta"),
        (130, "model", "llama-3"),
        (195, "lab", "meta"),
    ]


async def test_the_view_says_a_model_counts_for_itself_and_for_its_lab(engine: Engine) -> None:
    rows = await engine.store.fetchall(
        "SELECT for_type, for_id, direct FROM counts_for WHERE entity_type = 'model' AND entity_id = 'llama-3'"
        " ORDER BY for_type"
    )
    assert [tuple(r) for r in rows] == [("lab", "meta", 0), ("model", "llama-3", 1)]
    assert (await queries.model_labs(engine.store))["llama-3"] == "meta"


async def test_lab_counts_the_claim_naming_only_its_model_and_cites_it(engine: Engine) -> None:
    stats = await queries.entity_stats(engine.store, "lab", "meta")
    assert stats is not None and stats.claims == 3
    reply = await ask(engine, "/lab meta")
    assert ONLY_THE_MODEL in {c.seconds for c in reply.citations}


async def test_the_digest_counts_each_claim_once_for_the_lab_of_its_models(engine: Engine) -> None:
    ingested = parse_iso(str(await engine.store.scalar("SELECT ingested_at FROM sources")))
    bounds = {
        "start": iso(ingested - timedelta(hours=1)),
        "end": iso(ingested + timedelta(hours=1)),
        "after": 0,
    }
    found = await arrivals(engine.store, bounds, Focus())
    assert [e.labs for e in found.episodes] == [Counter({"meta": 3})]  # not 4: claim 2 counts once
    focused = await arrivals(engine.store, bounds, Focus(labs=("meta",)))
    assert [e.labs for e in focused.episodes] == [Counter({"meta": 3})]
    digest = await compose_digest(
        engine.store,
        start=ingested - timedelta(hours=1),
        end=ingested + timedelta(hours=1),
        baseline_labels={},
    )
    assert "· on Meta" in markdown(digest.reply.text)


async def test_episode_lists_the_lab_with_every_claim_naming_it_or_its_model(engine: Engine) -> None:
    reply = await ask(engine, f"/episode {VIDEO}")
    labs = [f.value for f in reply.fields if f.name == "Labs discussed"]
    assert labs == ["Meta (3 claims)"]


async def test_search_by_lab_keeps_the_claim_naming_only_its_model(engine: Engine) -> None:
    reply = await ask(engine, "/search lab:meta weights")
    assert [c.seconds for c in reply.citations] == [ONLY_THE_MODEL]


async def test_search_by_model_keeps_only_the_claims_naming_the_model(engine: Engine) -> None:
    reply = await ask(engine, "/search lab:llama-3 Meta OR weights")
    assert sorted(c.seconds for c in reply.citations) == [ONLY_THE_MODEL, 130]
