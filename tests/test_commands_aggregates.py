"""Aggregates computed at ingest: one stats row per catalog entity, picks spread across episodes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.catalog import load_catalog
from bot.store import queries
from bot.store.aggregates import spread
from bot.store.db import Store
from tests.conftest import CATALOG, SEED_NOTES, build_store


def test_spread_takes_one_claim_per_episode_before_a_second() -> None:
    rows = [(1, "A", "a1"), (2, "A", "a2"), (3, "A", "a3"), (4, "B", "b1"), (5, "C", "c1")]
    assert spread(rows, 4) == [1, 4, 5, 2]


def test_spread_keeps_each_sentence_once_whatever_its_spacing_or_case() -> None:
    rows = [(1, "A", "Meta  open-sourced Llama."), (2, "B", "meta open-sourced llama."), (3, "B", "Other.")]
    assert spread(rows, 5) == [1, 3]


def test_entity_stats_has_one_row_per_catalog_lab_and_model(seed_db: Path) -> None:
    catalog = load_catalog(CATALOG)
    conn = sqlite3.connect(seed_db)
    rows = set(conn.execute("SELECT entity_type, entity_id FROM entity_stats").fetchall())
    expected = {("lab", lab) for lab in catalog.labs} | {("model", model) for model in catalog.models}
    assert rows == expected


def test_a_lab_counts_its_models_signals(seed_db: Path) -> None:
    conn = sqlite3.connect(seed_db)
    (grok3_closed,) = conn.execute(
        "SELECT closed FROM entity_stats WHERE entity_type = 'model' AND entity_id = 'grok-3'"
    ).fetchone()
    (xai_closed,) = conn.execute(
        "SELECT closed FROM entity_stats WHERE entity_type = 'lab' AND entity_id = 'xai'"
    ).fetchone()
    assert grok3_closed == 1
    assert xai_closed >= grok3_closed


async def test_claims_are_spread_across_episodes(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    seed = (SEED_NOTES / "open_source_ai_models.md").read_text()
    (notes / "one.md").write_text(seed)
    (notes / "two.md").write_text(
        "---\ntitle: Llama Talk\nvideoId: AAAAAAAAAAA\n---\n\nFrom: [[other]]\n\n## Meta\n\n"
        '*   **Meta (Llama):** Meta released the weights of Llama 3 <a class="yt-timestamp" data-t="00:01:00">'
        "[00:01:00]</a>. Meta keeps buying GPUs for its next models "
        '<a class="yt-timestamp" data-t="00:02:00">[00:02:00]</a>.\n'
    )
    db = await build_store(tmp_path / "two.db", notes)
    conn = sqlite3.connect(db)
    videos = [
        row[0]
        for row in conn.execute(
            "SELECT n.video_id FROM entity_picks p JOIN claims c ON c.id = p.claim_id"
            " JOIN notes n ON n.id = c.note_id WHERE p.entity_type = 'lab' AND p.entity_id = 'meta'"
            " AND p.role = 'claim' ORDER BY p.rank"
        )
    ]
    assert set(videos[:2]) == {"KIb9LhszOUc", "AAAAAAAAAAA"}
    assert videos.count("AAAAAAAAAAA") == 2


async def test_the_leaderboard_weighs_how_much_evidence_backs_a_score(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    anchor = '<a class="yt-timestamp" data-t="00:01:{:02d}">[00:01:{:02d}]</a>'
    mistral = " ".join(
        f"Mistral AI open-sourced its model number {i} {anchor.format(i, i)}." for i in range(8)
    )
    mistral += f" Mistral AI keeps its largest model proprietary {anchor.format(40, 40)}."
    cohere = f"Cohere open-sourced one model {anchor.format(50, 50)}."  # score 1.0 on one remark
    (notes / "n.md").write_text(f"---\ntitle: T\nvideoId: BBBBBBBBBBB\n---\n\n{mistral}\n\n{cohere}\n")
    db = await build_store(tmp_path / "w.db", notes)
    store = await Store.open(db)
    try:
        ranked = [r.entity_id for r in await queries.all_stats(store, "lab") if r.signals]
    finally:
        await store.close()
    # Mistral's 8 open, 1 closed (score 0.78) outranks Cohere's single remark (score 1.0).
    assert ranked == ["mistral", "cohere"]
