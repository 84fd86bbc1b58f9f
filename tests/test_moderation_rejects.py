"""Bad notes get a specific error, and the notes folder and the store stay exactly as they were."""

from __future__ import annotations

import pytest

import bot.moderation.notes
from bot.reply import markdown
from tests.notes_support import SEED, Vault, note_bytes


async def rejected(vault: Vault, name: str, data: bytes, *, replace: bool = False) -> str:
    """Add the note, check that nothing changed, return the error text."""
    before = (vault.files(), await vault.store_state())
    reply = await vault.add(name, data, replace=replace)
    assert (reply.kind, reply.title) == ("error", "Note not added")
    assert (vault.files(), await vault.store_state()) == before
    assert not vault.trash.exists()
    return reply.text


async def test_a_binary_file_is_refused(vault: Vault) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    assert await rejected(vault, "chart.md", png) == (
        "not UTF-8 text (byte 0x89 at position 0); save the note as UTF-8 Markdown. Nothing was changed."
    )


async def test_a_file_with_nul_bytes_is_refused(vault: Vault) -> None:
    assert await rejected(vault, "x.md", note_bytes() + b"\x00\x00") == (
        f"not text: a NUL byte at position {len(note_bytes())} (a binary file?). Nothing was changed."
    )


async def test_a_5_mb_note_is_refused(vault: Vault) -> None:
    big = note_bytes() + b"padding " * 655_360
    assert len(big) > 5_200_000
    assert await rejected(vault, "big.md", big) == (
        f"note is 5.2 MB ({len(big):,} bytes); the limit is 1 MB. Nothing was changed."
    )


async def test_a_note_without_front_matter_is_refused(vault: Vault) -> None:
    text = await rejected(vault, "bare.md", b"# Just a heading\n\nMeta open-sourced Llama.\n")
    assert text == "no front matter (--- title/videoId ---). Nothing was changed."


async def test_a_bad_video_id_is_refused(vault: Vault) -> None:
    text = await rejected(vault, "bad.md", note_bytes(video_id="abc"))
    assert text == "videoId 'abc' is not an 11-character YouTube id. Nothing was changed."


async def test_a_note_without_a_title_is_refused(vault: Vault) -> None:
    text = await rejected(vault, "untitled.md", note_bytes(title=""))
    assert text == "front matter has no title. Nothing was changed."


async def test_a_note_without_claims_is_refused(vault: Vault) -> None:
    text = await rejected(vault, "empty.md", note_bytes(body="From: [[bankless]]\n"))
    assert text == "note has no text to make claims from. Nothing was changed."


async def test_a_channel_index_page_is_refused(vault: Vault) -> None:
    index = b"---\ntitle: bankless\n---\n\n### [Some episode](https://www.youtube.com/watch?v=KIb9LhszOUc)\n"
    text = await rejected(vault, "bankless.md", index)
    assert text.startswith("this is a channel index page (no videoId)")


async def test_a_path_as_file_name_is_refused(vault: Vault) -> None:
    text = await rejected(vault, "../../etc/passwd.md", note_bytes())
    assert (
        text
        == "file name '../../etc/passwd.md' is not allowed: '..' would leave the notes folder. Nothing was changed."
    )


async def test_a_file_that_is_not_markdown_is_refused(vault: Vault) -> None:
    text = await rejected(vault, "notes.txt", note_bytes())
    assert (
        text
        == "file name 'notes.txt' is not allowed: a note must be a Markdown file ending in .md. Nothing was changed."
    )


async def test_a_duplicate_path_is_refused_without_replace(vault: Vault) -> None:
    other = note_bytes(title="Another topic", video_id="bbbbbbbbbbb")
    text = await rejected(vault, "open_source_ai_models.md", other)
    assert text == (
        "a note already exists at bankless/open_source_ai_models.md; add replace:true to replace it. Nothing was changed."
    )


async def test_the_same_video_and_title_under_another_name_is_a_duplicate(vault: Vault) -> None:
    text = await rejected(vault, "copy.md", SEED)
    assert text == (
        "a note with videoId KIb9LhszOUc and the title “Open Source AI Models” already exists at "
        "bankless/open_source_ai_models.md; add replace:true to replace it. Nothing was changed."
    )


async def test_another_topic_of_the_same_video_is_not_a_duplicate(vault: Vault) -> None:
    reply = await vault.add("grok.md", note_bytes(title="Grok and xAI", video_id="KIb9LhszOUc"))
    assert reply.kind == "ok"


async def test_an_ingest_failing_midway_leaves_folder_and_store_unchanged(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken_aggregates(conn: object) -> None:
        # The note's rows are already written in the transaction when this fails.
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(bot.moderation.notes, "finish", broken_aggregates)
    before = (vault.files(), await vault.store_state())
    reply = await vault.add("meta.md", note_bytes())
    assert (reply.kind, markdown(reply.title)) == ("error", "/notes add failed")
    assert (vault.files(), await vault.store_state()) == before
    assert not list((vault.notes / ".labnotes-staging").glob("*"))
