"""Aggregates computed at ingest: one stats row per catalog entity, picks spread across episodes."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from bot.catalog import load_catalog
from bot.commands.engine import Engine
from bot.config import Config
from bot.contracts import EntityType
from bot.store import queries
from bot.store.aggregates import spread, spread_evidence
from bot.store.db import Store
from tests.conftest import CATALOG, CHANNEL, SEED_NOTES, USER, build_store
from tests.reply_contract import check_reply_json


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


def _stamp(seconds: int) -> str:
    hms = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f'<a class="yt-timestamp" data-t="{hms}">[{hms}]</a>'


def write_note(notes: Path, video: str, channel: str, lines: list[tuple[str, int]]) -> None:
    """One episode note: each (sentence, second) a bullet cited at that second."""
    body = "\n".join(f"*   {text} {_stamp(second)}." for text, second in lines)
    (notes / f"{channel}_{video}.md").write_text(
        f"---\ntitle: Episode {video}\nvideoId: {video}\n---\n\nFrom: [[{channel}]]\n\n## Talk\n\n{body}\n"
    )


async def stats_of(db: Path, type_: EntityType, id_: str) -> queries.StatsRow:
    store = await Store.open(db)
    try:
        row = await queries.entity_stats(store, type_, id_)
    finally:
        await store.close()
    assert row is not None
    return row


async def test_one_episode_saying_it_nine_times_is_one_piece_of_evidence(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    write_note(
        notes, "AAAAAAAAAAA", "one", [(f"Mistral AI open-sourced model number {i}", 60 * i) for i in range(9)]
    )
    write_note(notes, "BBBBBBBBBBB", "two", [("Mistral AI keeps its largest model proprietary", 30)])
    stats = await stats_of(await build_store(tmp_path / "s.db", notes), "lab", "mistral")
    assert (stats.open, stats.closed, stats.label) == (1, 1, "mixed")
    assert (stats.evidence_episodes, stats.evidence_channels) == (2, 2)


async def test_the_answer_says_how_many_episodes_and_channels_back_the_verdict(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    write_note(notes, "AAAAAAAAAAA", "one", [("Mistral AI open-sourced Mistral 7B", 60)])
    write_note(notes, "BBBBBBBBBBB", "one", [("Mistral AI open-sourced Mixtral", 90)])
    write_note(notes, "CCCCCCCCCCC", "two", [("Mistral AI open-sourced Codestral", 120)])
    db = await build_store(tmp_path / "s.db", notes)
    engine = await Engine.open(replace(Config(), db_path=db, notes_dir=notes, catalog_path=CATALOG))
    try:
        reply = await engine.ask("/lab mistral", USER, CHANNEL)
    finally:
        await engine.close()
    data = reply.to_json()
    check_reply_json(data)
    assert data["entity"]["openness"] == {
        "label": "open",
        "score": 1.0,
        "open": 3,
        "closed": 0,
        "episodes": 3,
        "channels": 2,
    }
    assert "evidence from 3 episodes and 2 channels" in reply.text


async def test_the_leaderboard_ranks_labs_backed_by_one_episode_after_the_rest(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    write_note(notes, "AAAAAAAAAAA", "one", [("Mistral AI open-sourced Mistral 7B", 60)])
    write_note(notes, "BBBBBBBBBBB", "two", [("Mistral AI open-sourced Mixtral", 90)])
    write_note(notes, "CCCCCCCCCCC", "two", [("Mistral AI keeps its largest model proprietary", 30)])
    write_note(notes, "DDDDDDDDDDD", "three", [("Cohere open-sourced one model", 50)])
    db = await build_store(tmp_path / "w.db", notes)
    engine = await Engine.open(replace(Config(), db_path=db, notes_dir=notes, catalog_path=CATALOG))
    try:
        reply = await engine.ask("/openness", USER, CHANNEL)
    finally:
        await engine.close()
    lines = {f.name.split(". ", 1)[1]: f.value for f in reply.fields}
    # Cohere's single episode (score 1.0) ranks after Mistral's three (2 open, 1 closed: score 0.33).
    assert list(lines)[:2] == ["Mistral AI", "Cohere"]
    assert lines["Cohere"].endswith("1 episode, 1 channel · thin evidence")
    assert "thin" not in lines["Mistral AI"]


def test_evidence_takes_a_new_channel_then_a_new_episode_before_a_second_line_from_one() -> None:
    rows = [
        (1, "A", "ch1", 100, "a1"),
        (2, "A", "ch1", 500, "a2"),
        (3, "B", "ch1", 100, "b1"),
        (4, "C", "ch2", 100, "c1"),
    ]
    assert spread_evidence(rows, 4) == [1, 4, 3, 2]


def test_evidence_never_shows_two_lines_of_one_episode_within_30_seconds() -> None:
    rows = [(1, "A", "ch", 100, "a1"), (2, "A", "ch", 129, "a2"), (3, "A", "ch", 130, "a3")]
    assert spread_evidence(rows, 4) == [1, 3]


def test_evidence_never_shows_two_untimed_lines_of_one_episode() -> None:
    rows = [(1, "A", "ch", None, "a1"), (2, "A", "ch", None, "a2"), (3, "B", "ch", None, "b1")]
    assert spread_evidence(rows, 4) == [1, 3]


def test_evidence_shows_each_claim_once() -> None:
    rows = [(1, "A", "ch", 100, "a1"), (1, "A", "ch", 100, "a1"), (2, "B", "ch", 100, "b1")]
    assert spread_evidence(rows, 4) == [1, 2]


async def test_a_claim_on_both_sides_is_evidence_on_one_side_only(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    both = "Mistral AI ships both open-source and commercial models"
    write_note(notes, "AAAAAAAAAAA", "one", [(both, 60)])
    write_note(notes, "BBBBBBBBBBB", "two", [("Mistral AI open-sourced Mixtral", 90)])
    db = await build_store(tmp_path / "s.db", notes)
    conn = sqlite3.connect(db)
    kinds = {
        r[0]
        for r in conn.execute(
            "SELECT s.kind FROM signals s JOIN claims c ON c.id = s.claim_id"
            " WHERE c.text LIKE '%both open-source%' AND s.entity_id = 'mistral'"
        )
    }
    assert kinds == {"open", "closed"}  # the premise: extraction puts this claim on both sides
    roles = [
        r[0]
        for r in conn.execute(
            "SELECT p.role FROM entity_picks p JOIN claims c ON c.id = p.claim_id"
            " WHERE p.entity_type = 'lab' AND p.entity_id = 'mistral' AND p.role != 'claim'"
            " AND c.text LIKE '%both open-source%'"
        )
    ]
    assert roles == ["partial"]
    stats = await stats_of(db, "lab", "mistral")
    assert (stats.open, stats.closed) == (2, 1)  # it still counts on both sides of the verdict


async def test_the_most_direct_evidence_comes_first(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    # In path order the passing mention comes first; the lab as subject naming a licence must lead.
    write_note(notes, "AAAAAAAAAAA", "a", [("Developers pick open-source models such as Mistral 7B", 60)])
    write_note(
        notes, "BBBBBBBBBBB", "b", [("Mistral AI released Mistral 7B under the Apache 2.0 license", 90)]
    )
    db = await build_store(tmp_path / "s.db", notes)
    conn = sqlite3.connect(db)
    evidence = [
        r[0]
        for r in conn.execute(
            "SELECT c.text FROM entity_picks p JOIN claims c ON c.id = p.claim_id"
            " WHERE p.entity_type = 'lab' AND p.entity_id = 'mistral' AND p.role = 'open' ORDER BY p.rank"
        )
    ]
    assert evidence[0].startswith("Mistral AI released Mistral 7B under the Apache 2.0 license")
    assert len(evidence) == 2


async def test_a_model_the_notes_only_promise_is_of_unknown_openness(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    write_note(
        notes, "AAAAAAAAAAA", "one", [("xAI plans to release Grok 2 as a fully open source model", 60)]
    )
    db = await build_store(tmp_path / "s.db", notes)
    stats = await stats_of(db, "model", "grok-2")
    assert (stats.planned, stats.score, stats.label, stats.judged) == (1, 0.0, "unknown", False)
    engine = await Engine.open(replace(Config(), db_path=db, notes_dir=notes, catalog_path=CATALOG))
    try:
        reply = await engine.ask("/model grok 2", USER, CHANNEL)
        leaderboard = await engine.ask("/openness", USER, CHANNEL)
    finally:
        await engine.close()
    assert reply.text.startswith(
        "Grok 2 by xAI is of unknown openness (the notes only report a plan to open it, in 1 episode);"
    )
    assert reply.to_json()["entity"]["openness"]["label"] == "unknown"
    # the lab it belongs to has only the plan too: listed, but not among the labs with evidence
    assert "0 labs with evidence" in leaderboard.text
    assert [f.value for f in leaderboard.fields] == [
        "unknown · score +0.00 · 0 open, 0 closed, 0 partial, 1 planned · 1 episode, 1 channel · thin evidence"
    ]


async def test_a_plan_beside_evidence_still_leans_the_verdict_open(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    write_note(
        notes,
        "AAAAAAAAAAA",
        "one",
        [("Grok 3 is closed source", 60), ("xAI plans to release Grok 2 as a fully open source model", 90)],
    )
    stats = await stats_of(await build_store(tmp_path / "s.db", notes), "lab", "xai")
    assert (stats.closed, stats.planned, stats.score, stats.label) == (1, 1, -0.25, "mostly closed")
