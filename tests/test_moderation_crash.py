"""A process killed (SIGKILL) during /notes add: the note ends up fully added or not at all.

The add runs in a child process that kills itself at one point of the sequence; the test then checks
the folder and the store, runs what startup runs (`labnotes ingest`, which recovers first), and checks
again.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from adapters.ingest_cli import _ingest
from bot.catalog import load_catalog
from bot.moderation.files import STAGING_DIR
from tests.conftest import CATALOG, REPO
from tests.notes_support import Vault, note_bytes

CHILD = textwrap.dedent(
    """
    import asyncio, json, os, signal, sys
    from dataclasses import replace
    from pathlib import Path

    import bot.moderation.files as files
    import bot.moderation.notes as notes
    from bot.commands.engine import Engine
    from bot.contracts import Actor, Attachment, Channel, Invocation
    from bot.config import Config

    args = json.loads(sys.argv[1])
    die = lambda: os.kill(os.getpid(), signal.SIGKILL)

    if args["point"] == "before_commit":
        write = notes.write_prepared
        async def write_then_die(*a, **k):
            await write(*a, **k)  # the note's rows are in the open transaction
            die()
        notes.write_prepared = write_then_die
    elif args["point"] == "after_commit":
        files._move = lambda source, target: die()
    elif args["point"] == "after_move":
        move = files._move
        def move_then_die(source, target):
            move(source, target)
            die()
        files._move = move_then_die

    async def main():
        config = replace(
            Config(), db_path=Path(args["db"]), notes_dir=Path(args["notes"]),
            catalog_path=Path(args["catalog"]), trash_dir=Path(args["trash"]),
        )
        engine = await Engine.open(config)
        data = Path(args["file"]).read_bytes()
        async def load():
            return data
        file = Attachment("meta.md", len(data), load)
        mod = Actor("discord", "42", "alice", is_moderator=True)
        await engine.handle(Invocation("notes add", {"file": file}, mod, Channel("discord", "c"), (file,)))

    asyncio.run(main())
    """
)


def add_and_die(vault: Vault, tmp_path: Path, point: str) -> None:
    upload = tmp_path / "meta.md"
    upload.write_bytes(note_bytes())
    args = {
        "point": point,
        "db": str(vault.config.db_path),
        "notes": str(vault.notes),
        "catalog": str(CATALOG),
        "trash": str(vault.trash),
        "file": str(upload),
    }
    child = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(args)], cwd=REPO, capture_output=True, text=True
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


async def startup_ingest(vault: Vault) -> None:
    await _ingest(vault.config, [vault.notes], load_catalog(CATALOG), progress=False)


def markdown(vault: Vault) -> dict[str, bytes]:
    return {k: v for k, v in vault.files().items() if k.endswith(".md")}


async def added_by(vault: Vault) -> str | None:
    value = await vault.engine.store.scalar("SELECT added_by FROM sources WHERE path = 'bankless/meta.md'")
    return None if value is None else str(value)


async def test_killed_before_commit_the_note_is_not_added(vault: Vault, tmp_path: Path) -> None:
    before = (markdown(vault), await vault.store_state())
    add_and_die(vault, tmp_path, "before_commit")
    assert (markdown(vault), await vault.store_state()) == before
    await startup_ingest(vault)
    assert (markdown(vault), await vault.store_state()) == before
    assert list((vault.notes / STAGING_DIR).iterdir()) == []  # the abandoned staging file is swept


async def test_killed_after_commit_the_note_is_fully_added_on_restart(vault: Vault, tmp_path: Path) -> None:
    add_and_die(vault, tmp_path, "after_commit")
    assert await added_by(vault) == "alice (discord:42)"  # decided: the store has it
    await startup_ingest(vault)
    assert (vault.notes / "bankless" / "meta.md").read_bytes() == note_bytes()
    assert await added_by(vault) == "alice (discord:42)"
    assert await vault.engine.store.scalar("SELECT count(*) FROM note_file_ops") == 0
    assert list((vault.notes / STAGING_DIR).iterdir()) == []


async def test_killed_after_the_move_the_note_stays_added(vault: Vault, tmp_path: Path) -> None:
    add_and_die(vault, tmp_path, "after_move")
    await startup_ingest(vault)
    assert (vault.notes / "bankless" / "meta.md").read_bytes() == note_bytes()
    assert await added_by(vault) == "alice (discord:42)"
    assert await vault.engine.store.scalar("SELECT count(*) FROM note_file_ops") == 0


async def test_the_next_notes_command_also_finishes_an_interrupted_add(vault: Vault, tmp_path: Path) -> None:
    add_and_die(vault, tmp_path, "after_commit")
    reply = await vault.ask("/notes remove bankless/open_source_ai_models.md")
    assert reply.kind == "ok"
    assert (vault.notes / "bankless" / "meta.md").read_bytes() == note_bytes()
