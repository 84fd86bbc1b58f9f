"""/notes add writes only where ingest will read the note again: never through a symlink out of the notes
folder, nor into a symlinked folder (ingest does not enter those, so it would drop the note)."""

from __future__ import annotations

import os
from pathlib import Path

from adapters.ingest_cli import _ingest
from bot.catalog import load_catalog
from tests.conftest import CATALOG
from tests.notes_support import Vault, note_bytes


async def refused(vault: Vault, name: str, data: bytes, *, replace: bool = False) -> str:
    """Add the note, check that it was refused and nothing changed, return the error text."""
    before = await vault.store_state()
    reply = await vault.add(name, data, replace=replace)
    assert (reply.kind, reply.title) == ("error", "Note not added"), reply.text
    assert await vault.store_state() == before
    return reply.text


async def full_ingest(vault: Vault) -> None:
    await _ingest(vault.config, [vault.notes], load_catalog(CATALOG), progress=False)


async def stored_paths(vault: Vault) -> list[str]:
    rows = await vault.engine.store.fetchall("SELECT path FROM sources WHERE kind = 'note' ORDER BY path")
    return [str(row["path"]) for row in rows]


async def test_a_channel_folder_symlinked_outside_the_notes_folder_is_refused(
    vault: Vault, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (vault.notes / "lexfridman").symlink_to(outside)
    data = note_bytes(body="From: [[lexfridman]]\n\nMeta open-sourced the Llama weights.\n")
    text = await refused(vault, "meta.md", data)
    assert text == (
        f"the channel folder {vault.notes / 'lexfridman'} is a symlink to {outside.resolve()}, "
        f"outside the notes folder {vault.notes.resolve()}. Nothing was changed."
    )
    assert list(outside.iterdir()) == []


async def test_a_channel_folder_symlinked_inside_the_notes_folder_is_refused_as_ingest_skips_it(
    vault: Vault,
) -> None:
    (vault.notes / "bankless_mirror").symlink_to(vault.notes / "bankless")
    data = note_bytes(body="From: [[bankless_mirror]]\n\nMeta open-sourced the Llama weights.\n")
    text = await refused(vault, "meta.md", data)
    assert text == (
        f"the channel folder {vault.notes / 'bankless_mirror'} is a symlink (to {(vault.notes / 'bankless').resolve()}); "
        "ingest does not follow symlinked folders, so the next ingest would drop the note. "
        "Make it a real folder. Nothing was changed."
    )
    assert sorted(p.name for p in (vault.notes / "bankless").iterdir()) == ["open_source_ai_models.md"]


async def test_ingest_does_not_read_notes_in_a_symlinked_folder(vault: Vault, tmp_path: Path) -> None:
    """Why the folder above is refused: a note there would leave the store at the next ingest."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "meta.md").write_bytes(note_bytes())
    (vault.notes / "lexfridman").symlink_to(outside)
    await full_ingest(vault)
    assert await stored_paths(vault) == ["bankless/open_source_ai_models.md"]


async def test_a_note_file_symlinked_outside_the_notes_folder_is_refused_even_with_replace(
    vault: Vault, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("not a note\n")
    (vault.notes / "bankless" / "meta.md").symlink_to(secret)
    text = await refused(vault, "meta.md", note_bytes(), replace=True)
    assert text == (
        f"{vault.notes / 'bankless' / 'meta.md'} is a symlink to {secret.resolve()}, "
        f"outside the notes folder {vault.notes.resolve()}. Nothing was changed."
    )
    assert secret.read_text() == "not a note\n"
    assert not vault.trash.exists()  # the outside file was not copied into the trash either


async def test_a_note_file_symlinked_inside_the_notes_folder_is_replaced_and_kept_by_ingest(
    vault: Vault, tmp_path: Path
) -> None:
    (vault.notes / "bankless" / "meta.md").symlink_to(vault.notes / "bankless" / "open_source_ai_models.md")
    reply = await vault.add("meta.md", note_bytes(), replace=True)
    assert (reply.kind, reply.title) == ("ok", "Replaced bankless/meta.md")
    written = vault.notes / "bankless" / "meta.md"
    assert not written.is_symlink() and written.read_bytes() == note_bytes()
    await full_ingest(vault)
    assert await stored_paths(vault) == ["bankless/meta.md", "bankless/open_source_ai_models.md"]


async def test_a_symlinked_staging_folder_is_refused(vault: Vault, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (vault.notes / ".labnotes-staging").symlink_to(outside)
    text = await refused(vault, "meta.md", note_bytes())
    assert text == (
        f"the staging folder {vault.notes / '.labnotes-staging'} is a symlink; remove it "
        "(it is recreated as needed). Nothing was changed."
    )
    assert list(outside.iterdir()) == []


async def test_remove_leaves_a_file_reached_through_a_symlinked_folder_where_it_is(
    vault: Vault, tmp_path: Path
) -> None:
    assert (await vault.add("meta.md", note_bytes())).kind == "ok"
    outside = tmp_path / "elsewhere"
    os.rename(vault.notes / "bankless", outside)
    (vault.notes / "bankless").symlink_to(outside)
    reply = await vault.ask("/notes remove bankless/meta.md")
    assert (reply.kind, reply.title) == ("ok", "Removed bankless/meta.md")
    assert reply.text.endswith("Its file was no longer in the notes folder.")
    assert (outside / "meta.md").read_bytes() == note_bytes()
    assert not vault.trash.exists()
