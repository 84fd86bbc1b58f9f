"""A writable vault (the seed note in bankless/) with its store and engine, plus upload helpers."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from bot.commands.engine import Engine
from bot.config import Config
from bot.contracts import Actor, Attachment, Invocation
from bot.reply import Reply
from tests.conftest import CATALOG, CHANNEL, MODERATOR, SEED_NOTES, build_store

SEED = (SEED_NOTES / "open_source_ai_models.md").read_bytes()


def upload(name: str, data: bytes) -> Attachment:
    async def load() -> bytes:
        return data

    return Attachment(name, len(data), load)


def note_bytes(
    title: str = "Meta and Llama", video_id: str = "abcdefghijk", body: str | None = None
) -> bytes:
    """A small valid note (channel bankless) with two timestamped claims about Meta."""
    if body is None:
        body = (
            "From: [[bankless]] <br/>\n\n## Open weights\n\n"
            '*   **Meta (Llama):** Meta open-sourced the Llama weights <a class="yt-timestamp" data-t="00:01:05">'
            "[00:01:05]</a>. It wants developers on its platform "
            '<a class="yt-timestamp" data-t="00:02:10">[00:02:10]</a>.\n'
        )
    return f"---\ntitle: {title}\nvideoId: {video_id}\n---\n\n{body}".encode()


@dataclass
class Vault:
    notes: Path
    trash: Path
    config: Config
    engine: Engine

    def files(self) -> dict[str, bytes]:
        """Every file under the notes folder (staging included), by relative path."""
        return {
            p.relative_to(self.notes).as_posix(): p.read_bytes() for p in self.notes.rglob("*") if p.is_file()
        }

    async def store_state(self) -> tuple[object, ...]:
        store = self.engine.store
        return (
            await store.fetchall("SELECT root, path, content_hash, added_by FROM sources ORDER BY path"),
            await store.scalar("SELECT count(*) FROM claims"),
            await store.fetchall("SELECT * FROM entity_stats ORDER BY entity_type, entity_id"),
            await store.scalar("SELECT count(*) FROM audit_log"),
            await store.scalar("SELECT count(*) FROM note_file_ops"),
        )

    async def add(self, name: str, data: bytes, *, actor: Actor = MODERATOR, replace: bool = False) -> Reply:
        file = upload(name, data)
        args: dict[str, object] = {"file": file}
        if replace:
            args["replace"] = True
        return await self.engine.handle(Invocation("notes add", args, actor, CHANNEL, (file,)))

    async def ask(self, line: str, actor: Actor = MODERATOR) -> Reply:
        return await self.engine.ask(line, actor, CHANNEL)


async def open_vault(tmp_path: Path) -> Vault:
    notes = tmp_path / "notes"
    (notes / "bankless").mkdir(parents=True)
    shutil.copy(SEED_NOTES / "open_source_ai_models.md", notes / "bankless" / "open_source_ai_models.md")
    db = await build_store(tmp_path / "labnotes.db", notes)
    trash = tmp_path / "trash"
    config = replace(Config(), db_path=db, notes_dir=notes, catalog_path=CATALOG, trash_dir=trash)
    return Vault(notes, trash, config, await Engine.open(config))
