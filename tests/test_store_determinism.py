"""Answers depend on the notes, not on the order they were ingested in.

Two stores of the same corpus notes: one ingested fresh, one built the way a real store grows (half
the notes, then the rest, then a few edited and the edits reverted, so those notes got new claim ids
twice). Every pick and every answer must be the same in both.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.catalog import load_catalog
from bot.commands.engine import Engine
from bot.config import Config
from bot.store.db import Store
from bot.store.ingest import ingest_paths
from bot.store.queries import RANK_WINDOW
from tests.conftest import CATALOG, CHANNEL, SHARED, USER

CORPUS = SHARED / "corpus"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not available"),
]

# Fewer matches than RANK_WINDOW each: a capped search ranks only the most recently ingested claims,
# which differ between the two stores by design.
SEARCHES = (
    "open source",
    "weights",
    "llama",
    "proprietary",
    '"chain of thought"',
    "reasoning lab:openai",
    "open* channel:bankless",
    "gpu lab:nvidia",
)


async def _ingest(db: Path, notes: Path) -> None:
    store = await Store.open(db)
    try:
        await ingest_paths(store, [notes], load_catalog(CATALOG))
    finally:
        await store.close()


def _copy(files: list[Path], notes: Path) -> None:
    for file in files:
        target = notes / file.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, target)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, Config]:
    """(fresh, incremental) configs over the same notes folder."""
    base = tmp_path_factory.mktemp("determinism")
    notes = base / "notes"
    files = sorted(CORPUS.rglob("*.md"))
    fresh, grown = base / "fresh.db", base / "grown.db"

    async def build() -> None:
        # Every other file first, so the rest (sorting between them) get the higher claim ids.
        _copy(files[1::2], notes)
        await _ingest(grown, notes)
        _copy(files, notes)
        await _ingest(grown, notes)
        edited = [notes / f.relative_to(CORPUS) for f in files[::40]]
        for file in edited:
            file.write_bytes(file.read_bytes() + b"\nAn edit that is reverted later.\n")
        await _ingest(grown, notes)
        _copy(files, notes)
        await _ingest(grown, notes)
        await _ingest(fresh, notes)

    asyncio.run(build())
    config = replace(Config(), notes_dir=notes, catalog_path=CATALOG, trash_dir=base / "trash")
    return replace(config, db_path=fresh), replace(config, db_path=grown)


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


async def _answers(config: Config, lines: list[str]) -> dict[str, dict[str, Any]]:
    engine = await Engine.open(config)
    try:
        return {line: (await engine.ask(line, USER, CHANNEL)).to_json() for line in lines}
    finally:
        await engine.close()


async def _both(stores: tuple[Config, Config], lines: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    fresh, grown = stores
    return await _answers(fresh, lines), await _answers(grown, lines)


def _discussed(stores: tuple[Config, Config], type_: str) -> list[str]:
    return [
        name
        for (name,) in _rows(
            stores[0].db_path,
            f"SELECT {type_}s.name FROM entity_stats JOIN {type_}s ON {type_}s.id = entity_stats.entity_id"
            f" WHERE entity_type = '{type_}' AND claims > 0 ORDER BY 1",
        )
    ]


def test_the_two_stores_hold_the_same_notes_under_different_claim_ids(stores: tuple[Config, Config]) -> None:
    claims = "SELECT s.path, c.ordinal, c.id FROM claims c JOIN sources s ON s.id = c.note_id ORDER BY 1, 2"
    fresh, grown = (_rows(config.db_path, claims) for config in stores)
    assert [row[:2] for row in fresh] == [row[:2] for row in grown]
    assert [row[2] for row in fresh] != [row[2] for row in grown]


def test_entity_picks_cite_the_same_claims(stores: tuple[Config, Config]) -> None:
    picks = (
        "SELECT p.entity_type, p.entity_id, p.role, p.rank, s.path, c.ordinal FROM entity_picks p"
        " JOIN claims c ON c.id = p.claim_id JOIN sources s ON s.id = c.note_id ORDER BY 1, 2, 3, 4"
    )
    fresh, grown = (_rows(config.db_path, picks) for config in stores)
    assert len(fresh) > 500
    assert fresh == grown


def test_co_mentions_are_the_same(stores: tuple[Config, Config]) -> None:
    sql = "SELECT lab_id, rank, other_id, notes FROM co_mentions ORDER BY 1, 2"
    fresh, grown = (_rows(config.db_path, sql) for config in stores)
    assert fresh == grown


async def test_lab_answers_are_the_same(stores: tuple[Config, Config]) -> None:
    fresh, grown = await _both(stores, [f"/lab {name}" for name in _discussed(stores, "lab")])
    assert fresh == grown


async def test_model_answers_are_the_same(stores: tuple[Config, Config]) -> None:
    fresh, grown = await _both(stores, [f"/model {name}" for name in _discussed(stores, "model")])
    assert fresh == grown


async def test_openness_answers_are_the_same(stores: tuple[Config, Config]) -> None:
    lines = ["/openness"] + [f"/openness {name}" for name in _discussed(stores, "lab")]
    fresh, grown = await _both(stores, lines)
    assert fresh == grown


async def test_search_answers_are_the_same(stores: tuple[Config, Config]) -> None:
    fresh, grown = await _both(stores, [f"/search {query}" for query in SEARCHES])
    assert all(reply["kind"] == "ok" for reply in fresh.values()), fresh
    assert not any(f"{RANK_WINDOW:,}" in reply["text"] for reply in fresh.values())
    assert fresh == grown


async def test_episode_answers_are_the_same(stores: tuple[Config, Config]) -> None:
    # The episodes with the most notes, where choosing among notes and index pages can tie.
    videos = _rows(
        stores[0].db_path, "SELECT video_id FROM notes GROUP BY video_id ORDER BY count(*) DESC, 1 LIMIT 8"
    )
    lines = [f"/episode {video}" for (video,) in videos] + ["/episode ai", "/episode open source"]
    fresh, grown = await _both(stores, lines)
    assert fresh == grown
