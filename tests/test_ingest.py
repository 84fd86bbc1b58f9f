"""Ingest: incremental by content hash, batched, failures reported, never raising."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import bot.store.ingest as ingest_module
from bot.catalog import Catalog, load_catalog
from bot.compiled import READER_PACKAGES, reader_code_hash
from bot.config import DATA_DIR
from bot.store.db import Store
from bot.store.ingest import IngestSummary, catalog_fingerprint, content_hash, ingest_paths

SEED = DATA_DIR / "notes" / "open_source_ai_models.md"
SHARED = Path(__file__).resolve().parents[2] / "shared"

SECOND_NOTE = """---
title: Second Note
videoId: abcdefghijk
---

From: [[redpointai]] <br/>

## Labs

*   **Mistral AI:** Mistral released the weights of Mixtral under Apache 2.0 <a class="yt-timestamp" data-t="00:01:40">[00:01:40]</a>.
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA_DIR / "catalog.yaml")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    (root / "bankless").mkdir(parents=True)
    shutil.copy(SEED, root / "bankless" / SEED.name)
    (root / "second.md").write_text(SECOND_NOTE, encoding="utf-8")
    return root


async def ingest(db: Path, vault: Path, catalog: Catalog) -> IngestSummary:
    store = await Store.open(db)
    try:
        return await ingest_paths(store, [vault], catalog)
    finally:
        await store.close()


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute(sql))


async def test_first_ingest_adds_every_note(tmp_path: Path, vault: Path, catalog: Catalog) -> None:
    summary = await ingest(tmp_path / "s.db", vault, catalog)
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (2, 0, 0, 0)
    assert summary.failed == []
    titles = rows(tmp_path / "s.db", "SELECT title, video_id, channel FROM notes ORDER BY title")
    assert titles == [
        ("Open Source AI Models", "KIb9LhszOUc", "bankless"),
        ("Second Note", "abcdefghijk", "redpointai"),
    ]


async def test_seed_claims_keep_their_seconds(tmp_path: Path, vault: Path, catalog: Catalog) -> None:
    await ingest(tmp_path / "s.db", vault, catalog)
    seconds = {r[0] for r in rows(tmp_path / "s.db", "SELECT seconds FROM claims")}
    assert {1128, 1711, 1830, 2395, 2445} <= seconds


async def test_reingest_of_unchanged_folder_changes_nothing(
    tmp_path: Path, vault: Path, catalog: Catalog
) -> None:
    db = tmp_path / "s.db"
    await ingest(db, vault, catalog)
    before = rows(db, "SELECT id, note_id, text FROM claims ORDER BY id")
    summary = await ingest(db, vault, catalog)
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (0, 0, 0, 2)
    assert rows(db, "SELECT id, note_id, text FROM claims ORDER BY id") == before


async def test_editing_one_note_replaces_only_its_rows(tmp_path: Path, vault: Path, catalog: Catalog) -> None:
    db = tmp_path / "s.db"
    await ingest(db, vault, catalog)
    seed_claims = rows(
        db,
        "SELECT c.id, c.text FROM claims c JOIN notes n ON n.id = c.note_id WHERE n.title = 'Open Source AI Models'",
    )
    first_seen = rows(db, "SELECT ingested_at FROM sources WHERE path = 'second.md'")
    edited = SECOND_NOTE.replace("Apache 2.0", "Apache 2.0 and it runs on laptops")
    (vault / "second.md").write_text(edited, encoding="utf-8")
    summary = await ingest(db, vault, catalog)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 1)
    assert (
        rows(
            db,
            "SELECT c.id, c.text FROM claims c JOIN notes n ON n.id = c.note_id WHERE n.title = 'Open Source AI Models'",
        )
        == seed_claims
    )
    texts = [
        r[0]
        for r in rows(
            db, "SELECT c.text FROM claims c JOIN notes n ON n.id = c.note_id WHERE n.title = 'Second Note'"
        )
    ]
    assert any("runs on laptops" in t for t in texts)
    assert rows(db, "SELECT ingested_at FROM sources WHERE path = 'second.md'") == first_seen


async def test_a_deleted_file_leaves_the_store_and_the_search_index(
    tmp_path: Path, vault: Path, catalog: Catalog
) -> None:
    db = tmp_path / "s.db"
    await ingest(db, vault, catalog)
    (vault / "second.md").unlink()
    summary = await ingest(db, vault, catalog)
    assert summary.removed == 1
    assert rows(db, "SELECT count(*) FROM notes WHERE title = 'Second Note'") == [(0,)]
    assert rows(db, "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'Mixtral'") == [(0,)]
    assert rows(
        db, "SELECT count(*) FROM mentions m LEFT JOIN claims c ON c.id = m.claim_id WHERE c.id IS NULL"
    ) == [(0,)]


async def test_a_bad_file_is_reported_and_the_rest_ingested(
    tmp_path: Path, vault: Path, catalog: Catalog
) -> None:
    (vault / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    (vault / "nofront.md").write_text("just text, no front matter\n", encoding="utf-8")
    summary = await ingest(tmp_path / "s.db", vault, catalog)
    assert summary.added == 2
    failed = dict(summary.failed)
    assert set(failed) == {"binary.md", "nofront.md"}
    assert "UTF-8" in failed["binary.md"]
    assert "front matter" in failed["nofront.md"]
    assert rows(tmp_path / "s.db", "SELECT path FROM ingest_failures ORDER BY path") == [
        ("binary.md",),
        ("nofront.md",),
    ]


async def test_a_first_ingest_stores_each_files_hash_so_the_next_one_parses_nothing(
    tmp_path: Path, vault: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    (vault / "nofront.md").write_text("just text, no front matter\n", encoding="utf-8")
    db = tmp_path / "s.db"
    await ingest(db, vault, catalog)
    assert rows(db, "SELECT path, content_hash FROM sources ORDER BY path") == [
        (rel, content_hash((vault / rel).read_bytes())) for rel in ("bankless/" + SEED.name, "second.md")
    ]
    assert rows(db, "SELECT path, content_hash FROM ingest_failures") == [
        ("nofront.md", content_hash((vault / "nofront.md").read_bytes()))
    ]
    parsed: list[str] = []
    real_prepare = ingest_module.prepare_each_prior
    monkeypatch.setattr(
        ingest_module, "prepare_each_prior", lambda rel, *a: parsed.append(rel) or real_prepare(rel, *a)
    )
    summary = await ingest(db, vault, catalog)
    assert (summary.unchanged, [p for p, _ in summary.failed], parsed) == (2, ["nofront.md"], [])


async def test_a_file_the_os_will_not_read_is_reported_and_counted_unreadable(
    tmp_path: Path, vault: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    (vault / "locked.md").write_text(SECOND_NOTE, encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    summary = await ingest(tmp_path / "s.db", vault, catalog)
    assert (summary.added, summary.unreadable, summary.failed) == (
        2,
        1,
        [("locked.md", "cannot read file: Permission denied")],
    )
    assert rows(tmp_path / "s.db", "SELECT path, content_hash FROM ingest_failures") == [("locked.md", None)]


async def test_a_note_that_turns_bad_leaves_the_store(tmp_path: Path, vault: Path, catalog: Catalog) -> None:
    db = tmp_path / "s.db"
    await ingest(db, vault, catalog)
    (vault / "second.md").write_text("---\ntitle: Broken\nvideoId: short\n---\n", encoding="utf-8")
    summary = await ingest(db, vault, catalog)
    assert [p for p, _ in summary.failed] == ["second.md"]
    assert rows(db, "SELECT count(*) FROM notes WHERE title = 'Second Note'") == [(0,)]


async def test_channel_index_pages_give_episode_titles(tmp_path: Path, vault: Path, catalog: Catalog) -> None:
    (vault / "bankless" / "bankless.md").write_text(
        "---\ntitle: bankless\n---\n\n### [The Open Source AI Episode](https://www.youtube.com/watch?v=KIb9LhszOUc)\n"
        "- [[open_source_ai_models]]\n",
        encoding="utf-8",
    )
    summary = await ingest(tmp_path / "s.db", vault, catalog)
    assert summary.failed == []
    assert rows(tmp_path / "s.db", "SELECT video_id, title, channel FROM episodes") == [
        ("KIb9LhszOUc", "The Open Source AI Episode", "bankless")
    ]
    assert rows(tmp_path / "s.db", "SELECT count(*) FROM notes") == [(2,)]


async def test_two_vaults_in_one_store_do_not_evict_each_other(
    tmp_path: Path, vault: Path, catalog: Catalog
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "third.md").write_text(SECOND_NOTE.replace("abcdefghijk", "zyxwvutsrqp"), encoding="utf-8")
    db = tmp_path / "s.db"
    await ingest(db, vault, catalog)
    summary = await ingest(db, other, catalog)
    assert (summary.added, summary.removed) == (1, 0)
    assert rows(db, "SELECT count(*) FROM notes") == [(3,)]


async def test_aggregates_are_ready_after_ingest(tmp_path: Path, vault: Path, catalog: Catalog) -> None:
    await ingest(tmp_path / "s.db", vault, catalog)
    labels = dict(
        rows(tmp_path / "s.db", "SELECT entity_id, label FROM entity_stats WHERE entity_type = 'lab'")
    )
    assert labels["meta"] in {"open", "mostly open"}
    assert labels["google"] == "unknown"
    assert rows(tmp_path / "s.db", "SELECT value FROM meta WHERE key = 'aggregates_dirty'") == [("0",)]


@pytest.mark.corpus
async def test_every_corpus_file_is_ingested_or_reported(tmp_path: Path, catalog: Catalog) -> None:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not here")
    files = sum(1 for _ in corpus.rglob("*.md"))
    summary = await ingest(tmp_path / "c.db", corpus, catalog)
    assert summary.files_seen == files
    assert summary.added + len(summary.failed) == files
    assert all(reason for _, reason in summary.failed)
    assert summary.added >= 1000


async def test_a_catalog_change_re_extracts_every_note(tmp_path: Path, vault: Path, catalog: Catalog) -> None:
    db = tmp_path / "s.db"
    await ingest(db, vault, catalog)
    edited = tmp_path / "catalog.yaml"
    text = (DATA_DIR / "catalog.yaml").read_text(encoding="utf-8")
    edited.write_text(
        text.replace("homepage: https://ai.meta.com", "homepage: https://meta.example"), encoding="utf-8"
    )
    changed = load_catalog(edited)
    assert changed != catalog
    summary = await ingest(db, vault, changed)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 2, 0)


def reader_tree(root: Path, rules: str) -> Path:
    """A bot/ folder whose parser and extractor packages hold one module each, the extractor's `rules`."""
    for package in READER_PACKAGES:
        (root / package).mkdir(parents=True)
        (root / package / "rules.py").write_text("CUES = ['open source']\n", encoding="utf-8")
    (root / "extract" / "rules.py").write_text(rules, encoding="utf-8")
    (root / "commands").mkdir()
    (root / "commands" / "lab.py").write_text("TITLE = 'Lab'\n", encoding="utf-8")
    return root


def test_a_change_to_the_extractor_code_changes_the_code_hash_and_other_code_does_not(tmp_path: Path) -> None:
    before = reader_tree(tmp_path / "before", "CUES = ['open source']\n")
    after = reader_tree(tmp_path / "after", "CUES = ['open source', 'open weights']\n")
    assert reader_code_hash(after) != reader_code_hash(before)
    (before / "commands" / "lab.py").write_text("TITLE = 'A lab'\n", encoding="utf-8")
    assert reader_code_hash(before) == reader_code_hash(
        reader_tree(tmp_path / "again", "CUES = ['open source']\n")
    )


def test_the_extraction_fingerprint_follows_the_reader_code(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = load_catalog(DATA_DIR / "catalog.yaml")
    now = catalog_fingerprint(catalog)
    monkeypatch.setattr(ingest_module, "reader_code_hash", lambda _bot_dir: "code of another release")
    assert catalog_fingerprint(catalog) != now
