"""A note added in one `labnotes run` process: seconds until another process over the same folder answers it.

    .venv/bin/python bench/notes_follow.py [--notes 1000] [--runs 10] [--poll 2] [--vault DIR]

Copies about NOTES notes of DIR (default: ../shared/vault, else ../shared/corpus), whole channel folders,
into a temporary notes folder and builds one store from it (a copy serves the second process: the store
is derived data). Process B (a separate OS process) runs the real follower (bot.moderation.follow) every
POLL seconds and asks /search for a phrase only the next note holds, every 20 ms. Process A adds that note
through /notes add; the figure is the time from A's reply to B's first answer that finds it
(CLOCK_MONOTONIC, which both processes share). Median and range of RUNS adds.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.commands.engine import Engine  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.contracts import Actor, Attachment, Channel, Invocation  # noqa: E402
from bot.moderation.follow import NotesFollower  # noqa: E402
from tests.conftest import CATALOG, SHARED, build_store  # noqa: E402
from tests.notes_support import note_bytes  # noqa: E402

MODERATOR = Actor("console", "m1", "moderator", is_moderator=True)
MEMBER = Actor("console", "u1", "member")
CHANNEL = Channel("console", "c1")


def word(run: int) -> str:
    return f"zebrafinch{run:03d}"


def bench_note(run: int) -> bytes:
    body = (
        "From: [[bankless]] <br/>\n\n## Open weights\n\n"
        f"*   **Meta (Llama):** Meta open-sourced the {word(run)} weights "
        '<a class="yt-timestamp" data-t="00:01:05">[00:01:05]</a>.\n'
    )
    return note_bytes(f"Bench note {run}", f"bench{run:06d}", body)


def copy_subset(source: Path, target: Path, notes: int) -> int:
    copied = 0
    for folder in sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if copied >= notes:
            break
        shutil.copytree(folder, target / folder.name)
        copied += sum(1 for _ in (target / folder.name).rglob("*.md"))
    (target / "bankless").mkdir(exist_ok=True)
    return copied


async def follow_and_ask(config: Config, poll: float, pipe: Connection) -> None:
    engine = await Engine.open(config)
    follower = NotesFollower(
        engine.store, engine.catalog, config.notes_dir, max_bytes=config.max_note_bytes, poll_seconds=poll
    )
    following = asyncio.create_task(follower.run_forever())
    pipe.send("ready")
    try:
        while (run := await asyncio.to_thread(pipe.recv)) is not None:
            while (await engine.ask(f'/search "{word(run)}"', MEMBER, CHANNEL)).kind != "ok":  # noqa: ASYNC110 - asking is what is timed
                await asyncio.sleep(0.02)
            pipe.send(time.monotonic())
    finally:
        follower.stop()
        await following
        await engine.close()


def process_b(config: Config, poll: float, pipe: Connection) -> None:
    asyncio.run(follow_and_ask(config, poll, pipe))


async def add(engine: Engine, run: int) -> None:
    data = bench_note(run)

    async def load() -> bytes:
        return data

    file = Attachment(f"bench{run}.md", len(data), load)
    reply = await engine.handle(Invocation("notes add", {"file": file}, MODERATOR, CHANNEL, (file,)))
    assert reply.kind == "ok", reply


async def main(args: argparse.Namespace) -> None:
    source = args.vault or next((p for p in (SHARED / "vault", SHARED / "corpus") if p.is_dir()), None)
    if source is None:
        sys.exit("no notes to copy: pass --vault DIR")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        notes = work / "notes"
        copied = copy_subset(source, notes, args.notes)
        started = time.perf_counter()
        await build_store(work / "a.db", notes)
        print(f"{copied} notes from {source}; store built in {time.perf_counter() - started:.1f} s")
        shutil.copy(work / "a.db", work / "b.db")
        config_a = replace(Config(), db_path=work / "a.db", notes_dir=notes, catalog_path=CATALOG)
        config_b = replace(config_a, db_path=work / "b.db")
        ours, theirs = multiprocessing.Pipe()
        b = multiprocessing.get_context("spawn").Process(target=process_b, args=(config_b, args.poll, theirs))
        b.start()
        assert ours.recv() == "ready"
        engine = await Engine.open(config_a)
        seconds = []
        try:
            for run in range(args.runs):
                await add(engine, run)
                ours.send(run)
                added = time.monotonic()
                seconds.append(ours.recv() - added)
                print(f"run {run}: answered by the other process {seconds[-1]:.2f} s after the add")
                # B has just polled: wait a different fraction of its period each run, so that the adds
                # sample every phase of the poll evenly (else each run lands at the same phase).
                await asyncio.sleep(args.poll * (run + 0.5) / args.runs)
        finally:
            ours.send(None)
            b.join(30)
            await engine.close()
    print(
        f"poll {args.poll:g} s: median {statistics.median(seconds):.2f} s, "
        f"min {min(seconds):.2f} s, max {max(seconds):.2f} s over {len(seconds)} adds"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--poll", type=float, default=2.0)
    parser.add_argument("--vault", type=Path)
    asyncio.run(main(parser.parse_args()))
