"""/notes add, remove, list through the engine: what a moderator sees and what changes on disk and in
the store (exactly what was asked, or nothing at all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.contracts import Invocation
from bot.moderation import audit
from bot.reply import link, markdown
from tests.conftest import CHANNEL, USER
from tests.notes_support import SEED, Vault, note_bytes, upload

VIDEO = "https://www.youtube.com/watch?v=abcdefghijk"


async def test_an_added_note_is_written_into_its_channel_folder_and_found_by_search(vault: Vault) -> None:
    reply = await vault.add("Meta and Llama.md", note_bytes())
    assert (reply.kind, reply.title) == ("ok", "Added bankless/Meta_and_Llama.md")
    assert (vault.notes / "bankless" / "Meta_and_Llama.md").read_bytes() == note_bytes()
    found = await vault.ask('/search "Llama weights"', USER)
    assert [(c.note_title, c.seconds) for c in found.citations] == [("Meta and Llama", 65)]


async def test_the_add_reply_lists_claims_timestamps_labs_models_and_signals(vault: Vault) -> None:
    reply = await vault.add("meta.md", note_bytes())
    assert reply.text.splitlines() == [
        f"“Meta and Llama” — {link(VIDEO, VIDEO)} · channel bankless",  # the bot's own link
        "2 claims, 2 timestamps (2 of the claims dated). Searchable now.",
    ]
    fields = {f.name: f.value for f in reply.fields}
    assert fields["Labs"] == "Meta"
    assert fields["Models"] == "Llama"
    # the lab and the model it released both get the signal (issue 10, item 2)
    assert fields["Openness signals"] == "Meta: open (“open-sourced”)\nLlama: open (“open-sourced”)"
    assert "Warnings" not in fields
    assert [c.seconds for c in reply.citations] == [65]


async def test_the_add_reply_of_a_note_with_many_signals_shows_the_first_eight_and_cites_the_first_five_claims(
    vault: Vault,
) -> None:
    claims = "".join(
        f'*   Meta open-sourced the Llama weights in week {n} <a class="yt-timestamp" data-t="00:00:{n:02d}">[00:00:{n:02d}]</a>.\n'
        for n in range(1, 13)
    )
    reply = await vault.add(
        "many.md", note_bytes(body=f"From: [[bankless]] <br/>\n\n## Releases\n\n{claims}")
    )
    fields = {f.name: f.value for f in reply.fields}
    assert fields["Openness signals"].splitlines() == [
        *["Meta: open (“open-sourced”)", "Llama: open (“open-sourced”)"] * 4,
        "…and 16 more",
    ]
    assert [(c.seconds, c.text) for c in reply.citations] == [
        (n, f"Meta open-sourced the Llama weights in week {n}.") for n in range(1, 6)
    ]


async def test_a_note_without_timestamps_from_a_new_channel_is_added_with_both_warnings(vault: Vault) -> None:
    body = "From: [[newpod]] <br/>\n\n## Models\n\nOpenAI keeps GPT-4 closed source.\n"
    reply = await vault.add("gpt.md", note_bytes("GPT-4", "zyxwvutsrqp", body))
    assert (reply.kind, reply.title) == ("ok", "Added newpod/gpt.md")
    warnings = next(f.value for f in reply.fields if f.name == "Warnings").splitlines()
    assert warnings == [
        "⚠ unknown channel “newpod”: no other note or index page comes from it",
        "⚠ no timestamps: answers from this note can't link to a moment in the video",
    ]


async def test_a_note_without_a_channel_goes_to_the_top_of_the_folder(vault: Vault) -> None:
    body = (
        '## Models\n\nMeta released Llama weights <a class="yt-timestamp" data-t="00:00:09">[00:00:09]</a>.\n'
    )
    reply = await vault.add("loose.md", note_bytes("Loose", "aaaaaaaaaaa", body))
    assert reply.title == "Added loose.md"
    assert (vault.notes / "loose.md").is_file()


async def test_every_change_is_in_the_audit_log(vault: Vault) -> None:
    await vault.add("meta.md", note_bytes())
    await vault.ask("/notes remove bankless/meta.md")
    entries = await audit.recent(vault.engine.store)
    assert [(e.platform, e.user_id, e.user_name, e.action, e.path) for e in entries] == [
        ("console", "m1", "moderator", "notes.remove", "bankless/meta.md"),
        ("console", "m1", "moderator", "notes.add", "bankless/meta.md"),
    ]
    assert entries[1].detail == f"“Meta and Llama” (abcdefghijk), 2 claims, {len(note_bytes())} bytes"


async def test_replace_true_replaces_the_note_and_keeps_the_old_file_in_the_trash(vault: Vault) -> None:
    await vault.add("meta.md", note_bytes())
    newer = note_bytes(body=note_bytes().decode().split("---\n\n", 1)[1].replace("developers", "builders"))
    reply = await vault.add("meta.md", newer, replace=True)
    assert (reply.kind, reply.title) == ("ok", "Replaced bankless/meta.md")
    assert (vault.notes / "bankless" / "meta.md").read_bytes() == newer
    [trashed] = list((vault.trash / "bankless").glob("meta.*.md"))
    assert trashed.read_bytes() == note_bytes()
    assert await vault.engine.store.scalar("SELECT count(*) FROM notes WHERE video_id = 'abcdefghijk'") == 1


async def test_replacing_a_note_with_the_same_video_and_title_under_another_name_replaces_it_in_place(
    vault: Vault,
) -> None:
    reply = await vault.add("renamed.md", SEED, replace=True)
    assert reply.title == "Replaced bankless/open_source_ai_models.md"
    assert not (vault.notes / "bankless" / "renamed.md").exists()


async def test_remove_moves_the_file_to_the_trash_and_drops_it_from_the_store(vault: Vault) -> None:
    await vault.add("meta.md", note_bytes())
    reply = await vault.ask("/notes remove bankless/meta.md")
    assert (reply.kind, reply.title) == ("ok", "Removed bankless/meta.md")
    assert not (vault.notes / "bankless" / "meta.md").exists()
    [trashed] = list((vault.trash / "bankless").glob("meta.*.md"))
    assert trashed.read_bytes() == note_bytes()
    assert (await vault.ask('/search "Llama weights"', USER)).kind == "not_found"


async def test_remove_accepts_the_path_without_md_or_the_exact_title(vault: Vault) -> None:
    await vault.add("meta.md", note_bytes())
    assert (await vault.ask("/notes remove Meta and Llama")).title == "Removed bankless/meta.md"
    assert (await vault.ask("/notes remove bankless/open_source_ai_models")).kind == "ok"


async def test_removing_an_unknown_note_suggests_close_paths_and_changes_nothing(vault: Vault) -> None:
    before = (vault.files(), await vault.store_state())
    reply = await vault.ask("/notes remove open_source")
    assert reply.kind == "not_found"
    assert reply.suggestions == ["bankless/open_source_ai_models.md"]
    assert (vault.files(), await vault.store_state()) == before


async def test_list_shows_recent_notes_with_who_added_them(vault: Vault) -> None:
    await vault.add("meta.md", note_bytes())
    reply = await vault.ask("/notes list 5")
    lines = reply.text.splitlines()
    assert lines[0] == "The 2 latest notes, newest first:"
    assert lines[1].startswith("• bankless/meta.md — “Meta and Llama” · added by moderator (console:m1) · ")
    assert lines[2].startswith(
        "• bankless/open_source_ai_models.md — “Open Source AI Models” · from the notes folder"
    )


async def test_list_refuses_a_count_out_of_range(vault: Vault) -> None:
    reply = await vault.ask("/notes list 500")
    assert (reply.kind, reply.text) == ("error", "N must be between 1 and 50, not 500.")


async def test_note_paths_autocomplete_for_remove(vault: Vault) -> None:
    await vault.add("meta.md", note_bytes())
    assert await vault.engine.autocomplete("note", "bankless/m") == ["bankless/meta.md"]


@pytest.mark.parametrize("line", ["/notes remove bankless/open_source_ai_models.md", "/notes list"])
async def test_non_moderators_are_refused_and_nothing_changes(vault: Vault, line: str) -> None:
    before = (vault.files(), await vault.store_state())
    reply = await vault.ask(line, USER)
    assert reply.kind == "forbidden"
    assert (vault.files(), await vault.store_state()) == before


async def test_a_non_moderator_cannot_add_a_note(vault: Vault) -> None:
    before = (vault.files(), await vault.store_state())
    file = upload("meta.md", note_bytes())
    reply = await vault.engine.handle(Invocation("notes add", {"file": file}, USER, CHANNEL, (file,)))
    assert (reply.kind, markdown(reply.text)) == ("forbidden", "/notes add is for moderators only.")
    assert (vault.files(), await vault.store_state()) == before


async def test_the_console_adds_a_note_from_a_path(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from adapters.console import answer

    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "new.md").write_bytes(note_bytes())
    monkeypatch.chdir(tmp_path / "work")
    reply = await answer(vault.engine, "/notes add ./new.md")
    assert (reply.kind, reply.title) == ("ok", "Added bankless/new.md")
