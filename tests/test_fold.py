"""Near-identical claims from notes of one episode are one claim in every answer; the store keeps both."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.commands.engine import Engine
from bot.config import Config
from bot.store.fold import THRESHOLD, fold, fold_picks, similarity, words
from bot.store.queries import ClaimRow
from tests.conftest import CATALOG, CHANNEL, USER, build_store

VIDEO = "AbCdEfGhIjK"


def row(id_: int, text: str, seconds: int | None, video: str = VIDEO, note: int = 1) -> ClaimRow:
    return ClaimRow(id_, text, seconds, note, f"Note {note}", "bankless", video)


SAID = "Meta released the Llama 3 weights openly, so anyone can fine-tune them."
RESAID = "Meta released the Llama 3 weights openly so that anyone can fine-tune them."


def test_the_same_statement_in_two_notes_seconds_apart_is_one_claim_cited_at_the_earliest_time() -> None:
    folded = fold([row(1, RESAID, 266, note=2), row(2, SAID, 250, note=1)])
    assert [(c.id, c.text, c.seconds) for c in folded] == [(1, RESAID, 250)]


def test_the_same_words_more_than_30_seconds_apart_stay_two_claims() -> None:
    assert [c.id for c in fold([row(1, SAID, 250), row(2, RESAID, 281, note=2)])] == [1, 2]


def test_the_same_words_in_two_episodes_stay_two_claims() -> None:
    assert [c.id for c in fold([row(1, SAID, 250), row(2, RESAID, 250, video="ZZZZZZZZZZZ")])] == [1, 2]


def test_two_statements_said_at_the_same_moment_stay_two_claims() -> None:
    # A real pair from bench/fold_pairs.yaml, judged different: Jaccard 0.33.
    a = row(1, "The player expresses annoyance at this unprovoked challenge.", 253)
    b = row(2, "The player expresses confusion and reluctance about the challenge.", 255, note=2)
    assert similarity(words(a.text), words(b.text)) < THRESHOLD
    assert [c.id for c in fold([a, b])] == [1, 2]


def test_a_sentence_repeated_word_for_word_is_one_claim_even_across_episodes() -> None:
    folded = fold([row(1, SAID, 250), row(2, SAID.upper(), 9, video="ZZZZZZZZZZZ")])
    assert [(c.id, c.seconds) for c in folded] == [(1, 250)]


def test_claims_without_a_time_are_never_folded_by_wording_alone() -> None:
    assert [c.id for c in fold([row(1, SAID, None), row(2, RESAID, None, note=2)])] == [1, 2]


def test_three_notes_saying_it_within_30_seconds_are_one_claim() -> None:
    rows = [row(1, SAID, 262), row(2, RESAID, 250, note=2), row(3, SAID + " Really.", 275, note=3)]
    assert [(c.id, c.seconds) for c in fold(rows)] == [(1, 250)]


def test_a_run_of_similar_claims_seconds_apart_folds_into_groups_no_longer_than_30_seconds() -> None:
    run = [
        row(n, f"Meta released the weights of Llama {n} to the whole community.", 60 + 7 * n)
        for n in range(10)
    ]
    assert [(c.id, c.seconds) for c in fold(run)] == [(0, 60), (5, 95)]


def test_picks_cite_a_statement_once_evidence_first() -> None:
    evidence, repeat, other = row(1, SAID, 262), row(2, RESAID, 250, note=2), row(3, "Meta has a lab.", 900)
    folded = fold_picks({"open": [evidence], "closed": [], "partial": [], "claim": [repeat, other]})
    assert [(c.id, c.seconds) for c in folded["open"]] == [(1, 250)]
    assert [(c.id, c.seconds) for c in folded["claim"]] == [(1, 250), (3, 900)]


def test_one_statement_is_never_evidence_on_two_sides() -> None:
    folded = fold_picks({"open": [row(1, SAID, 250)], "closed": [row(2, RESAID, 262, note=2)], "claim": []})
    assert ([c.id for c in folded["open"]], folded["closed"]) == ([1], [])


# -- through the commands, on a store the real ingest built ------------------------------------------


def _note(title: str, lines: list[tuple[str, str]]) -> str:
    body = "\n".join(f'*   {text} <a class="yt-timestamp" data-t="{at}">[{at}]</a>' for text, at in lines)
    return f"---\ntitle: {title}\nvideoId: {VIDEO}\n---\n\nFrom: [[bankless]] <br/>\n\n## Meta\n\n{body}\n"


@pytest.fixture
async def twin_notes(tmp_path: Path) -> AsyncIterator[Engine]:
    """Two notes of one episode that both say Meta released the Llama 3 weights, 16 s apart."""
    notes = tmp_path / "notes" / "bankless"
    notes.mkdir(parents=True)
    (notes / "ai_engineering_at_meta.md").write_text(
        _note(
            "AI Engineering at Meta",
            [
                (f"**Meta (Llama):** {SAID}", "00:04:10"),
                ("Meta runs an AI research lab in Paris.", "00:10:00"),
            ],
        )
    )
    (notes / "ai_engineering_and_large_language_models_at_meta.md").write_text(
        _note(
            "AI Engineering and Large Language Models at Meta", [(f"**Meta (Llama):** {RESAID}", "00:04:26")]
        )
    )
    db = await build_store(tmp_path / "labnotes.db", tmp_path / "notes")
    engine = await Engine.open(
        replace(Config(), db_path=db, notes_dir=tmp_path / "notes", catalog_path=CATALOG)
    )
    try:
        yield engine
    finally:
        await engine.close()


async def test_the_store_keeps_both_claims(twin_notes: Engine) -> None:
    texts = [
        r[0] for r in await twin_notes.store.fetchall("SELECT text FROM claims WHERE text LIKE '%weights%'")
    ]
    assert sorted(texts) == sorted([SAID, RESAID])


async def test_search_shows_the_statement_once_at_the_earliest_time(twin_notes: Engine) -> None:
    reply = await twin_notes.ask("/search llama weights", USER, CHANNEL)
    assert [c.seconds for c in reply.citations] == [250]
    assert reply.text.startswith("Top 1 claim matching")


async def test_lab_cites_the_statement_once(twin_notes: Engine) -> None:
    reply = await twin_notes.ask("/lab meta", USER, CHANNEL)
    weights = [c for c in reply.citations if "weights" in c.text]
    assert [c.seconds for c in weights] == [250]


async def test_model_cites_the_statement_once(twin_notes: Engine) -> None:
    reply = await twin_notes.ask("/model llama 3", USER, CHANNEL)
    weights = [c for c in reply.citations if "weights" in c.text]
    assert [c.seconds for c in weights] == [250]


async def test_episode_counts_and_cites_the_statement_once(twin_notes: Engine) -> None:
    reply = await twin_notes.ask(f"/episode {VIDEO}", USER, CHANNEL)
    assert {f.name: f.value for f in reply.fields}["Labs discussed"] == "Meta (2 claims)"
    assert [c.seconds for c in reply.citations] == [250]
