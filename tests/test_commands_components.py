"""Openness by component in /model, /lab and the --json contract (issue 14, items 1 and 2)."""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from adapters.discord_render import FIELD_VALUE_LIMIT, render_reply
from bot.catalog import load_catalog
from bot.commands.engine import Engine
from bot.commands.entity import components_field
from bot.config import Config
from bot.extract.model import COMPONENTS
from bot.reply import Reply, plain
from bot.store.components import ComponentRow, status_of
from bot.store.db import Store
from bot.store.ingest import ingest_paths
from bot.store.queries import ClaimRow
from tests.conftest import CATALOG, CHANNEL, USER, build_store
from tests.reply_contract import check_reply_json
from tests.test_commands_aggregates import write_note

GROK_NOTES = [
    ("AAAAAAAAAAA", "one", "xAI released the weights of Grok-1", 60),
    ("BBBBBBBBBBB", "two", "Grok-1 was released under the Apache 2.0 license", 90),
    ("CCCCCCCCCCC", "two", "The training data of Grok-1 is proprietary", 30),
    ("DDDDDDDDDDD", "one", "Grok 3 is available API-only", 30),
]


@pytest.fixture
async def grok(tmp_path: Path) -> AsyncIterator[Engine]:
    notes = tmp_path / "notes"
    notes.mkdir()
    for video, channel, text, second in GROK_NOTES:
        write_note(notes, video, channel, [(text, second)])
    db = await build_store(tmp_path / "s.db", notes)
    engine = await Engine.open(replace(Config(), db_path=db, notes_dir=notes, catalog_path=CATALOG))
    try:
        yield engine
    finally:
        await engine.close()


def field(reply: Reply, name: str) -> str:
    return next(plain(f.value) for f in reply.fields if f.name.startswith(name))


async def test_model_shows_one_line_per_component_with_status_licence_and_cited_claim(grok: Engine) -> None:
    reply = await grok.ask("/model grok 1", USER, CHANNEL)
    assert field(reply, "Components") == (
        "weights: open · 01:00 xAI released the weights of Grok-1.\n"
        "code: not said\n"
        "training data: closed · 00:30 The training data of Grok-1 is proprietary.\n"
        "licence: open (Apache 2.0) · 01:30 Grok-1 was released under the Apache 2.0 license.\n"
        "paper: not said\n"
        "access: not said"
    )


async def test_model_json_carries_every_component_not_said_with_nulls(grok: Engine) -> None:
    data = (await grok.ask("/model grok 1", USER, CHANNEL)).to_json()
    check_reply_json(data)
    components = data["entity"]["components"]
    assert list(components) == list(COMPONENTS)
    assert {name: (c["status"], c["licence"]) for name, c in components.items()} == {
        "weights": ("open", None),
        "code": ("not said", None),
        "training data": ("closed", None),
        "licence": ("open", "Apache 2.0"),
        "paper": ("not said", None),
        "access": ("not said", None),
    }
    assert components["licence"]["citation"]["url"] == "https://www.youtube.com/watch?v=BBBBBBBBBBB&t=90s"
    assert components["code"]["citation"] is None


async def test_lab_shows_a_matrix_over_its_models_with_a_legend_and_citations(grok: Engine) -> None:
    reply = await grok.ask("/lab xai", USER, CHANNEL)
    name = next(f.name for f in reply.fields if f.name.startswith("Components by model"))
    assert name == "Components by model (W weights, C code, D training data, L licence, P paper, A access)"
    assert field(reply, "Components by model") == (
        "W C D L P A\n● – ○ ● – – Grok 1 01:00\n– – – – – ○ Grok 3 00:30\n● open ◐ partial ○ closed – not said"
    )


async def test_lab_json_components_count_its_models_signals(grok: Engine) -> None:
    data = (await grok.ask("/lab xai", USER, CHANNEL)).to_json()
    check_reply_json(data)
    statuses = {name: c["status"] for name, c in data["entity"]["components"].items()}
    assert statuses == {
        "weights": "open",
        "code": "not said",
        "training data": "closed",
        "licence": "open",
        "paper": "not said",
        "access": "closed",
    }


async def test_a_model_the_notes_never_mention_has_every_component_not_said(grok: Engine) -> None:
    data = (await grok.ask("/model grok 4", USER, CHANNEL)).to_json()
    check_reply_json(data)
    assert data["entity"]["components"] == {
        name: {"status": "not said", "licence": None, "citation": None} for name in COMPONENTS
    }


async def test_other_commands_keep_components_null(grok: Engine) -> None:
    data = (await grok.ask("/openness grok 1", USER, CHANNEL)).to_json()
    check_reply_json(data)
    assert data["entity"]["components"] is None


@pytest.mark.parametrize(
    ("counts", "status"),
    [
        ((0, 0, 0, 0), "not said"),
        ((2, 0, 0, 0), "open"),
        ((3, 1, 0, 0), "open"),  # mostly open
        ((0, 2, 0, 0), "closed"),
        ((1, 3, 0, 0), "closed"),  # mostly closed
        ((1, 1, 0, 0), "partial"),  # mixed
        ((0, 0, 1, 0), "partial"),
        ((0, 0, 0, 1), "not said"),  # a promise is not a release: nothing is open today
        ((0, 2, 0, 1), "closed"),  # and a promise never softens what is said now
    ],
)
def test_a_component_status_follows_the_verdict_over_episode_counts(
    counts: tuple[int, int, int, int], status: str
) -> None:
    assert status_of(*counts) == status


async def test_one_episode_saying_closed_five_times_does_not_outweigh_two_saying_open(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    write_note(
        notes, "AAAAAAAAAAA", "one", [(f"Grok 1 weights are proprietary, said {i}", 60 * i) for i in range(5)]
    )
    write_note(notes, "BBBBBBBBBBB", "two", [("xAI released the weights of Grok-1", 30)])
    write_note(notes, "CCCCCCCCCCC", "two", [("xAI open-sourced the weights of Grok-1", 30)])
    db = await build_store(tmp_path / "s.db", notes)
    engine = await Engine.open(replace(Config(), db_path=db, notes_dir=notes, catalog_path=CATALOG))
    try:
        data = (await engine.ask("/model grok 1", USER, CHANNEL)).to_json()
    finally:
        await engine.close()
    assert data["entity"]["components"]["weights"]["status"] == "open"  # 2 episodes open, 1 closed


async def test_a_store_of_the_previous_version_is_re_extracted_with_components(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    write_note(notes, "AAAAAAAAAAA", "one", [("Grok-1 was released under the Apache 2.0 license", 90)])
    db = await build_store(tmp_path / "s.db", notes)
    conn = sqlite3.connect(db)
    # what a store ingested before components looks like: the columns empty, an older fingerprint
    conn.execute("UPDATE signals SET component = NULL, licence = NULL")
    conn.execute("UPDATE meta SET value = 'before components' WHERE key = 'extract_fingerprint'")
    conn.commit()
    store = await Store.open(db)
    try:
        await ingest_paths(store, [notes], load_catalog(CATALOG))
    finally:
        await store.close()
    assert conn.execute("SELECT DISTINCT component, licence FROM signals").fetchall() == [
        ("licence", "Apache 2.0")
    ]


def test_migration_9_adds_component_and_licence_to_signals(tmp_path: Path) -> None:
    from bot.store.schema import MIGRATIONS

    conn = sqlite3.connect(tmp_path / "old.db")
    conn.executescript("".join(MIGRATIONS[:8]))
    conn.execute("INSERT INTO signals VALUES (1, 'lab', 'xai', 'open', 'open-sourced')")
    conn.executescript(MIGRATIONS[8])
    assert conn.execute("SELECT kind, component, licence FROM signals").fetchall() == [("open", None, None)]
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO signals VALUES (2, 'lab', 'xai', 'open', 'x', 'everything', NULL)")


def _worst_case_rows() -> dict[Any, ComponentRow]:
    text = "A long claim that goes on and on about what the lab did with this part of the model " * 3
    rows = {}
    for n, name in enumerate(COMPONENTS):
        claim = ClaimRow(n, text, 36_000 + n, n, "Episode", "channel", "AAAAAAAAAAA")
        rows[name] = ComponentRow(name, "partial", "community licence", claim, 1)
    return rows


def test_six_cited_components_fit_one_discord_field_unclipped() -> None:
    table = components_field(_worst_case_rows())
    assert table is not None
    rendered = render_reply(Reply("ok", "Model", fields=[table]))
    value = rendered.embeds[0].fields[0].value or ""
    assert len(value) <= FIELD_VALUE_LIMIT
    assert value.count("\n") == 5 and value.startswith("weights: partial (community licence)")
    assert value.splitlines()[-1].startswith("access: partial (community licence) · [10:00:05]")


def _lab_json(**components: Any) -> dict[str, Any]:
    cited = {
        "note_title": "Episode",
        "channel": "one",
        "video_id": "AAAAAAAAAAA",
        "seconds": None,
        "url": "https://www.youtube.com/watch?v=AAAAAAAAAAA",
        "text": "xAI released the weights of Grok-1.",
    }
    entity_components = {
        name: {"status": "not said", "licence": None, "citation": None} for name in COMPONENTS
    }
    entity_components["weights"] = {"status": "open", "licence": None, "citation": cited}
    entity_components.update(components)
    return {
        "kind": "ok",
        "title": "xAI",
        "text": "",
        "fields": [],
        "citations": [],
        "suggestions": [],
        "entity": {
            "type": "lab",
            "id": "xai",
            "name": "xAI",
            "lab": None,
            "models": [],
            "openness": None,
            "components": entity_components,
        },
    }


def test_the_contract_accepts_every_component_with_status_licence_and_citation() -> None:
    data = _lab_json()
    check_reply_json(data)  # raises AssertionError naming the first field the contract refuses
    assert list(data["entity"]["components"]) == list(COMPONENTS)
    assert data["entity"]["components"]["weights"]["status"] == "open"


@pytest.mark.parametrize(
    "broken",
    [
        lambda d: d["entity"]["components"].pop("paper"),  # all six keys, always
        lambda d: d["entity"]["components"].update(
            everything={"status": "open", "licence": None, "citation": None}
        ),
        lambda d: d["entity"]["components"]["code"].update(status="mostly open"),
        lambda d: d["entity"]["components"]["code"].update(licence="MIT"),  # not said: nulls
        lambda d: d["entity"]["components"]["weights"].pop("licence"),
        lambda d: d["entity"]["components"]["weights"]["citation"].update(url="https://example.com"),
        lambda d: d["entity"].pop("components"),
    ],
)
def test_the_contract_rejects_a_broken_components_map(broken: Any) -> None:
    data = copy.deepcopy(_lab_json())
    broken(data)
    with pytest.raises(AssertionError):
        check_reply_json(data)
