"""Ingest learns each channel's timestamp convention from the notes' own parses, with no pre-pass: every
note is parsed once; a note whose own times settle nothing comes dated under each convention too, and keeps
the one of its channel's notes once every note of that channel is in. The scan resolves a folder once, and
a file only when it is a symlink."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.store.ingest as ingest_module
from bot.catalog import Catalog, load_catalog
from bot.config import DATA_DIR
from bot.notes.model import ParseResult, Rejected
from bot.notes.parse import parse_bytes_each_prior
from bot.store.db import Store
from bot.store.ingest import ingest_paths
from tests.test_store_timestamps import AMBIGUOUS, ambiguous_seconds, channel


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA_DIR / "catalog.yaml")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[str, ...]]]:
    """(path, the priors it came dated under) of every parse ingest makes, in order (the real parser runs)."""
    seen: list[tuple[str, tuple[str, ...]]] = []

    def recorded(data: bytes, source: str = "") -> tuple[ParseResult, dict[str, ParseResult]]:
        first, others = parse_bytes_each_prior(data, source)
        seen.append((source, tuple(others)))
        return first, others

    monkeypatch.setattr(ingest_module, "parse_bytes_each_prior", recorded)
    monkeypatch.setattr(ingest_module, "parse_bytes", None)  # ingest parses each note once, as above
    return seen


async def _ingest(notes: Path, db: Path, catalog: Catalog, workers: int = 1) -> Store:
    store = await Store.open(db)
    await ingest_paths(store, [notes], catalog, workers=workers)
    return store


async def test_a_note_whose_times_settle_nothing_takes_its_channels_prior_from_its_one_parse(
    tmp_path: Path, catalog: Catalog, parses: list[tuple[str, tuple[str, ...]]]
) -> None:
    channel(tmp_path / "notes" / "hubpod", hours=5, minutes=0)
    (tmp_path / "notes" / "hubpod" / "a_ambiguous.md").write_text(AMBIGUOUS, "utf-8")
    store = await _ingest(tmp_path / "notes", tmp_path / "s.db", catalog)
    try:
        assert parses == [
            ("hubpod/a_ambiguous.md", ("hours", "minutes")),
            *[(f"hubpod/n{i}.md", ()) for i in range(5)],
        ]
        assert await ambiguous_seconds(store) == [8943, 9098, 9000]
    finally:
        await store.close()


async def test_a_note_whose_channel_has_no_convention_keeps_its_own_reading(
    tmp_path: Path, catalog: Catalog, parses: list[tuple[str, tuple[str, ...]]]
) -> None:
    channel(tmp_path / "notes" / "splitpod", hours=3, minutes=3)
    (tmp_path / "notes" / "splitpod" / "ambiguous.md").write_text(AMBIGUOUS, "utf-8")
    store = await _ingest(tmp_path / "notes", tmp_path / "s.db", catalog)
    try:
        assert len(parses) == 7
        assert await ambiguous_seconds(store) == [None, None, None]
    finally:
        await store.close()


async def test_a_changed_note_alone_takes_the_convention_of_its_stored_channel(
    tmp_path: Path, catalog: Catalog, parses: list[tuple[str, tuple[str, ...]]]
) -> None:
    channel(tmp_path / "notes" / "minpod", hours=0, minutes=5)
    store = await _ingest(tmp_path / "notes", tmp_path / "s.db", catalog)
    try:
        (tmp_path / "notes" / "minpod" / "ambiguous.md").write_text(AMBIGUOUS, "utf-8")
        parses.clear()
        await ingest_paths(store, [tmp_path / "notes"], catalog)
        assert parses == [("minpod/ambiguous.md", ("hours", "minutes"))]
        assert await ambiguous_seconds(store) == [149, 151, 150]
    finally:
        await store.close()


async def test_a_pooled_ingest_stores_a_held_back_note_in_path_order(
    tmp_path: Path, catalog: Catalog
) -> None:
    # The ambiguous note waits for its channel's other notes, parsed after it; its id stays its place's.
    channel(tmp_path / "notes" / "hubpod", hours=5, minutes=0)
    (tmp_path / "notes" / "hubpod" / "a_ambiguous.md").write_text(AMBIGUOUS, "utf-8")
    channel(tmp_path / "notes" / "later", hours=2, minutes=0)
    store = await _ingest(tmp_path / "notes", tmp_path / "s.db", catalog, workers=2)
    try:
        rows = await store.fetchall("SELECT path FROM sources ORDER BY id")
        assert [r["path"] for r in rows] == [
            "hubpod/a_ambiguous.md",
            *[f"hubpod/n{i}.md" for i in range(5)],
            "later/n0.md",
            "later/n1.md",
        ]
        assert await ambiguous_seconds(store) == [8943, 9098, 9000]
    finally:
        await store.close()


def test_the_scan_resolves_each_folder_once_and_a_file_only_when_it_is_a_symlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes"
    channel(notes / "hubpod", hours=3, minutes=0)
    channel(notes / "minpod", hours=0, minutes=3)
    outside = tmp_path / "outside.md"
    outside.write_text(AMBIGUOUS, "utf-8")
    (notes / "hubpod" / "z_out.md").symlink_to(outside)
    (notes / "hubpod" / "z_in.md").symlink_to(notes / "minpod" / "n0.md")
    resolved: list[str] = []
    resolve = Path.resolve

    def counted(path: Path, strict: bool = False) -> Path:
        resolved.append(path.relative_to(tmp_path).as_posix())
        return resolve(path, strict)

    monkeypatch.setattr(Path, "resolve", counted)
    (scan,) = ingest_module._scans([notes])
    monkeypatch.undo()
    assert [f.relative_to(scan.root).as_posix() for f in scan.files] == [
        "hubpod/n0.md",
        "hubpod/n1.md",
        "hubpod/n2.md",
        "hubpod/z_in.md",  # a symlink to a note inside the folder is read; the one outside is not
        "minpod/n0.md",
        "minpod/n1.md",
        "minpod/n2.md",
    ]
    assert sorted(resolved) == [
        "notes",
        "notes/hubpod",
        "notes/hubpod/z_in.md",
        "notes/hubpod/z_out.md",
        "notes/minpod",
    ]


async def test_a_note_whose_parse_failed_is_tried_under_its_channels_prior_too(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A failure after the parse began may not recur under a prior: the note is parsed in full under each
    # one, and keeps the parse under its channel's once the channel is in.
    channel(tmp_path / "notes" / "hubpod", hours=5, minutes=0)
    (tmp_path / "notes" / "hubpod" / "a_ambiguous.md").write_text(AMBIGUOUS, "utf-8")

    def failing(data: bytes, source: str = "") -> tuple[ParseResult, dict[str, ParseResult]]:
        if source.endswith("a_ambiguous.md"):
            return Rejected("parser error: RuntimeError: boom"), {}
        return parse_bytes_each_prior(data, source)

    monkeypatch.setattr(ingest_module, "parse_bytes_each_prior", failing)
    store = await _ingest(tmp_path / "notes", tmp_path / "s.db", catalog)
    try:
        assert await store.fetchall("SELECT path FROM ingest_failures") == []
        assert await ambiguous_seconds(store) == [8943, 9098, 9000]
    finally:
        await store.close()
