"""Shared fixtures: the seed note ingested once per session by the real ingest, and engines over it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.catalog import load_catalog
from bot.commands.engine import Engine
from bot.config import Config
from bot.contracts import Actor, Channel
from bot.store.db import Store
from bot.store.ingest import ingest_paths

if TYPE_CHECKING:
    from tests.notes_support import Vault

REPO = Path(__file__).resolve().parents[1]
SEED_NOTES = REPO / "data" / "notes"
CATALOG = REPO / "data" / "catalog.yaml"
SHARED = REPO.parent / "shared"  # ../shared: the real corpus, absent from a user's fresh clone

USER = Actor("console", "u1", "user", is_moderator=False)
MODERATOR = Actor("console", "m1", "moderator", is_moderator=True)
CHANNEL = Channel("console", "c1")


async def build_store(db_path: Path, notes: Path, catalog: Path = CATALOG) -> Path:
    """A store at `db_path` holding `notes`, built by the real ingest."""
    store = await Store.open(db_path)
    try:
        await ingest_paths(store, [notes], load_catalog(catalog))
    finally:
        await store.close()
    return db_path


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """`labnotes run` in a test routes the root logger to that test's captured stderr, which pytest closes
    after it: put the logger back, or every later log line fails with "I/O operation on closed file"."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed note (data/notes) ingested once; tests only read it."""
    path = tmp_path_factory.mktemp("seed") / "labnotes.db"
    return asyncio.run(build_store(path, SEED_NOTES))


@pytest.fixture
def seed_config(seed_db: Path, tmp_path: Path) -> Config:
    return replace(Config(), db_path=seed_db, notes_dir=SEED_NOTES, catalog_path=CATALOG, trash_dir=tmp_path)


@pytest.fixture
async def engine(seed_config: Config) -> AsyncIterator[Engine]:
    """The command core over the seed store."""
    core = await Engine.open(seed_config)
    try:
        yield core
    finally:
        await core.close()


@pytest.fixture
async def vault(tmp_path: Path) -> AsyncIterator[Vault]:
    """A writable copy of the seed vault with its own store and engine (tests.notes_support)."""
    from tests.notes_support import open_vault  # it imports this module's constants

    v = await open_vault(tmp_path)
    try:
        yield v
    finally:
        await v.engine.close()
