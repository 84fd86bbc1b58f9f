"""Several `labnotes run` processes over one notes folder, each with its own store: a note added or removed
through one is answered from by the others once their follower has polled the change log
(bot.moderation.changes, bot.moderation.follow). Two engines stand for two processes; polls are driven
directly, so nothing here waits on a clock."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from bot.commands.engine import Engine
from bot.config import Config, ConfigError, load_config
from bot.moderation import changes
from bot.moderation.changes import Position
from bot.moderation.follow import POSITION_KEY, NotesFollower
from bot.reply import Reply
from bot.warmup import warm_up
from tests.conftest import CHANNEL, USER, build_store
from tests.notes_support import Vault, note_bytes, open_vault
from tests.test_hostile_long_claims import FRAGMENTS, loop_step_cpu, one_line_note, sentence

MISTRAL = (
    "From: [[bankless]] <br/>\n\n## Mistral\n\n"
    "*   **Mistral:** Mistral released the Mixtral weights under Apache 2.0 "
    '<a class="yt-timestamp" data-t="00:03:05">[00:03:05]</a>.\n'
)


def follower(engine: Engine, *, max_bytes: int | None = None) -> NotesFollower:
    config = engine.config
    return NotesFollower(
        engine.store,
        engine.catalog,
        config.notes_dir,
        max_bytes=max_bytes or config.max_note_bytes,
        poll_seconds=config.notes_poll_seconds,
    )


@dataclass
class Two:
    a: Vault  # the process a moderator adds through
    b: Engine  # another process over the same folder, with its own store
    follow_b: NotesFollower

    async def ask_b(self, line: str) -> Reply:
        return await self.b.ask(line, USER, CHANNEL)


@pytest.fixture
async def two(tmp_path: Path) -> AsyncIterator[Two]:
    a = await open_vault(tmp_path)
    b = await Engine.open(replace(a.config, db_path=await build_store(tmp_path / "b.db", a.notes)))
    try:
        yield Two(a, b, follower(b))
    finally:
        await b.close()
        await a.engine.close()


async def test_a_note_added_in_one_process_is_answered_by_another_after_its_poll(two: Two) -> None:
    assert (
        await two.ask_b("/lab mistral")
    ).text == "Mistral AI is a lab I know, but the notes never mention it."
    added = await two.a.add("mistral.md", note_bytes("Mistral opens up", "mmmmmmmmmmm", MISTRAL))
    assert added.title == "Added bankless/mistral.md"

    summary = await two.follow_b.poll()

    assert summary is not None and summary.ingested == ["bankless/mistral.md"]
    lab = await two.ask_b("/lab mistral")
    assert lab.text.startswith("Mistral AI is open (evidence from 1 episode and 1 channel")
    found = await two.ask_b('/search "Mixtral weights"')
    assert [(c.note_title, c.seconds) for c in found.citations] == [("Mistral opens up", 185)]


async def test_the_other_store_holds_the_note_as_the_adding_one_does_with_who_added_it(two: Two) -> None:
    await two.a.add("meta.md", note_bytes())
    await two.follow_b.poll()
    sql = "SELECT path, content_hash, added_by FROM sources WHERE path = 'bankless/meta.md'"
    in_a = [tuple(r) for r in await two.a.engine.store.fetchall(sql)]
    assert in_a and [tuple(r) for r in await two.b.store.fetchall(sql)] == in_a
    claims = "SELECT text, seconds, subject_type, subject_id FROM claims ORDER BY text"
    assert [tuple(r) for r in await two.b.store.fetchall(claims)] == [
        tuple(r) for r in await two.a.engine.store.fetchall(claims)
    ]


async def test_a_removal_in_one_process_leaves_the_other_store_after_its_poll(two: Two) -> None:
    await two.a.add("meta.md", note_bytes())
    await two.follow_b.poll()
    assert (await two.ask_b('/search "Llama weights"')).kind == "ok"

    assert (await two.a.ask("/notes remove bankless/meta.md")).kind == "ok"
    summary = await two.follow_b.poll()

    assert summary is not None and summary.removed == ["bankless/meta.md"]
    assert (await two.ask_b('/search "Llama weights"')).kind == "not_found"


async def test_a_replaced_note_s_new_text_replaces_the_old_in_the_other_store(two: Two) -> None:
    await two.a.add("meta.md", note_bytes())
    await two.follow_b.poll()
    new_body = note_bytes().replace(b"open-sourced the Llama weights", b"published the Llama checkpoints")
    assert (await two.a.add("meta.md", new_body, replace=True)).title == "Replaced bankless/meta.md"

    await two.follow_b.poll()

    assert (await two.ask_b('/search "Llama checkpoints"')).kind == "ok"
    assert (await two.ask_b('/search "Llama weights"')).kind == "not_found"


async def test_the_adding_process_does_not_ingest_its_own_change_again(two: Two) -> None:
    follow_a = follower(two.a.engine)
    await follow_a.poll()  # the log's start, before the add
    await two.a.add("meta.md", note_bytes())
    sql = "SELECT id, updated_at FROM sources WHERE path = 'bankless/meta.md'"
    before = [tuple(r) for r in await two.a.engine.store.fetchall(sql)]

    summary = await follow_a.poll()

    assert summary is not None
    assert (summary.ingested, summary.unchanged) == ([], ["bankless/meta.md"])
    assert [tuple(r) for r in await two.a.engine.store.fetchall(sql)] == before  # same row: not rewritten


async def test_an_unchanged_log_costs_one_stat_and_no_read(two: Two) -> None:
    await two.a.add("meta.md", note_bytes())
    assert await two.follow_b.poll() is not None
    assert await two.follow_b.poll() is None


async def test_a_file_the_other_process_refuses_is_logged_and_the_next_change_still_taken_in(
    two: Two, caplog: pytest.LogCaptureFixture
) -> None:
    strict = follower(two.b, max_bytes=100)  # B's limit is smaller than the note
    await two.a.add("meta.md", note_bytes())
    with caplog.at_level(logging.WARNING, logger="labnotes.follow"):
        refused = await strict.poll()
    assert refused is not None and [path for path, _ in refused.failed] == ["bankless/meta.md"]
    assert "bankless/meta.md is not taken in: note is 0 MB (" in caplog.text
    assert (await two.ask_b('/search "Llama weights"')).kind == "not_found"

    strict.max_bytes = two.b.config.max_note_bytes
    await two.a.add("mistral.md", note_bytes("Mistral opens up", "mmmmmmmmmmm", MISTRAL))
    taken = await strict.poll()
    assert taken is not None and taken.ingested == ["bankless/mistral.md"]


async def test_a_log_line_naming_a_path_outside_the_notes_folder_is_ignored(two: Two, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_bytes(note_bytes())
    changes.append(two.a.notes, "../secret.md", "added")
    summary = await two.follow_b.poll()
    assert summary is not None and summary.failed == [("../secret.md", "not a note path of the notes folder")]
    assert (await two.ask_b('/search "Llama weights"')).kind == "not_found"


async def test_a_reader_behind_a_compaction_rescans_the_folder(
    two: Two, monkeypatch: pytest.MonkeyPatch
) -> None:
    await two.follow_b.poll()  # B has read the (empty) log
    monkeypatch.setattr(changes, "MAX_BYTES", 200)  # a few lines, then the oldest are dropped
    await two.a.add("meta.md", note_bytes())
    for n in range(5):
        changes.append(two.a.notes, f"bankless/other{n}.md", "removed")
    assert Position.decode(await two.b.store.get_meta(POSITION_KEY)).offset == 0
    assert changes.read_since(two.a.notes, Position.decode(await two.b.store.get_meta(POSITION_KEY))).behind

    summary = await two.follow_b.poll()

    assert summary is not None and summary.rescanned
    assert (await two.ask_b('/search "Llama weights"')).kind == "ok"
    assert await two.follow_b.poll() is None  # and it carries on from the log's end


async def test_a_restarted_process_takes_in_what_changed_while_it_was_down(two: Two) -> None:
    await two.follow_b.poll()
    await two.a.add("meta.md", note_bytes())  # while B is "down": its next follower starts afresh
    summary = await follower(two.b).poll()
    assert summary is not None and summary.ingested == ["bankless/meta.md"]


async def test_the_follower_started_by_a_run_takes_a_note_in_without_a_poll_being_driven(two: Two) -> None:
    running = NotesFollower(
        two.b.store, two.b.catalog, two.a.notes, max_bytes=two.b.config.max_note_bytes, poll_seconds=0.05
    )
    task = asyncio.create_task(running.run_forever())
    try:
        await two.a.add("meta.md", note_bytes())
        for _ in range(400):  # a generous deadline (20 s), not a timing claim
            if (await two.ask_b('/search "Llama weights"')).kind == "ok":
                break
            await asyncio.sleep(0.05)
        assert (await two.ask_b('/search "Llama weights"')).kind == "ok"
    finally:
        running.stop()
        await asyncio.wait_for(task, 10)


async def test_taking_in_a_1_mb_note_never_holds_the_event_loop_for_50_ms_of_cpu(
    two: Two, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = " ".join(sentence(998, offset=n % len(FRAGMENTS)) + "." for n in range(1_000))
    data = one_line_note(body[: 1_000_000 - len(one_line_note(""))])
    assert (await two.a.add("long.md", data)).kind == "ok"
    await asyncio.to_thread(warm_up)  # as `labnotes run` does at start
    answered = 0
    try:
        with loop_step_cpu(monkeypatch) as steps:
            poll = asyncio.create_task(two.follow_b.poll())
            while not poll.done():  # a member asks B every 50 ms meanwhile
                await asyncio.sleep(0.05)
                assert (await two.ask_b("/lab meta")).kind == "ok"
                answered += 1
            summary = await poll
    finally:
        gc.unfreeze()
    assert summary is not None and summary.ingested == ["bankless/long.md"]
    assert answered >= 5, "the poll finished before the commands could test the loop"
    assert max(steps) < 0.05, f"a step of the loop used {max(steps) * 1000:.0f} ms of CPU"


async def test_poll_seconds_zero_never_polls(two: Two) -> None:
    idle = follower(two.b)
    idle.poll_seconds = 0
    await asyncio.wait_for(idle.run_forever(), 1)  # returns at once
    assert await two.b.store.get_meta(POSITION_KEY) is None


# -- the change log itself ---------------------------------------------------------------------------


def test_lines_appended_by_concurrent_writers_are_each_read_once_whole(tmp_path: Path) -> None:
    def write(n: int) -> None:
        for i in range(200):
            changes.append(tmp_path, f"w{n}/note{i}.md", "added", "someone")

    pids = []
    for n in range(4):
        pid = os.fork()
        if pid == 0:
            try:
                write(n)
            finally:
                os._exit(0)
        pids.append(pid)
    for pid in pids:
        assert os.waitpid(pid, 0)[1] == 0
    read = changes.read_since(tmp_path, changes.START)
    assert not read.behind
    assert sorted(c.path for c in read.changes) == sorted(
        f"w{n}/note{i}.md" for n in range(4) for i in range(200)
    )


def test_compaction_drops_the_oldest_lines_and_a_reader_past_them_reads_on_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(changes, "MAX_BYTES", 2_000)
    log = changes.log_path(tmp_path)
    changes.append(tmp_path, "a/first.md", "added")
    early = changes.read_since(tmp_path, changes.START).position
    n = 0
    while log.stat().st_size < 1_900:  # close to the cap, not past it
        changes.append(tmp_path, f"a/before{n}.md", "added")
        n += 1
    late = changes.end(tmp_path)
    inode = log.stat().st_ino
    after: list[str] = []
    while log.stat().st_ino == inode:  # until a compaction has replaced the file
        after.append(f"a/after{len(after)}.md")
        changes.append(tmp_path, after[-1], "removed")

    assert log.stat().st_size <= 1_000 + len(log.read_bytes().split(b"\n")[0]) + 1  # half, and the header
    assert changes.read_since(tmp_path, early).behind  # its unread lines were dropped
    read = changes.read_since(tmp_path, late)
    assert not read.behind
    assert [(c.path, c.action) for c in read.changes] == [(p, "removed") for p in after]


def test_a_line_a_writer_has_not_finished_waits_for_the_next_read(tmp_path: Path) -> None:
    changes.append(tmp_path, "a/one.md", "added")
    with open(changes.log_path(tmp_path), "ab") as log:
        log.write(b"123\ta/two.md\tadd")  # no newline yet
    first = changes.read_since(tmp_path, changes.START)
    assert [c.path for c in first.changes] == ["a/one.md"]
    with open(changes.log_path(tmp_path), "ab") as log:
        log.write(b"ed\n")
    assert [c.path for c in changes.read_since(tmp_path, first.position).changes] == ["a/two.md"]


def test_a_stored_position_that_is_not_one_reads_the_log_from_its_start() -> None:
    assert Position.decode(None) == Position.decode("garbage") == changes.START
    assert Position.decode(Position("abc", 42).encode()) == Position("abc", 42)


# -- the setting ---------------------------------------------------------------------------------------


def test_notes_poll_seconds_defaults_to_2_and_0_turns_following_off(tmp_path: Path) -> None:
    config_file = tmp_path / "labnotes.yaml"
    config_file.write_text("notes_poll_seconds: 0\n", encoding="utf-8")
    assert Config().notes_poll_seconds == 2
    assert load_config(config_file, environ={}, env_file=tmp_path / ".env").notes_poll_seconds == 0


def test_a_negative_notes_poll_seconds_is_refused_with_file_line_and_key(tmp_path: Path) -> None:
    config_file = tmp_path / "labnotes.yaml"
    config_file.write_text("notes_poll_seconds: -1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config_file, environ={}, env_file=tmp_path / ".env")
    assert str(caught.value) == f"{config_file}:1: notes_poll_seconds must be 0 (off) or more, got -1"
