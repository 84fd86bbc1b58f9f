"""/notes add of a 1 MB one-line note: its wall time, and how long the event loop stalls meanwhile.

    .venv/bin/python bench/notes_add.py [--shape sentences|one-sentence] [--kb 1000] [--notes DIR]

Builds a store from DIR (default: ../shared/corpus, else data/notes) in a temporary folder, then adds one
generated note, a single line of KB kilobytes, through the Engine, while a ticker due every 10 ms records
its worst lateness (the longest the loop could not run anything) and a member sends /lab meta every
100 ms (latency counted from when it was due). Shapes, both dense with openness cues and lab names
(tests/test_hostile_long_claims.py): `sentences`, 1 KB sentences on one line; `one-sentence`, one
sentence of the whole size without a full stop.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.commands.engine import Engine  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.contracts import Actor, Attachment, Channel, Invocation  # noqa: E402
from tests.conftest import CATALOG, build_store  # noqa: E402
from tests.test_hostile_long_claims import FRAGMENTS, one_line_note, sentence  # noqa: E402

MODERATOR = Actor("console", "m1", "moderator", is_moderator=True)
MEMBER = Actor("console", "u1", "member")
CHANNEL = Channel("console", "c1")


def note(shape: str, size: int) -> bytes:
    room = size - len(one_line_note(""))
    if shape == "one-sentence":
        return one_line_note(sentence(room))
    body = " ".join(sentence(998, offset=n % len(FRAGMENTS)) + "." for n in range(room // 1000 + 1))
    return one_line_note(body[:room])


async def add_while_serving(engine: Engine, data: bytes) -> None:
    loop = asyncio.get_running_loop()
    worst_stall = 0.0
    latencies: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal worst_stall
        while not done.is_set():
            due = loop.time() + 0.01
            await asyncio.sleep(0.01)
            worst_stall = max(worst_stall, loop.time() - due)

    async def member() -> None:
        start = time.perf_counter()
        while not done.is_set():
            due = start + 0.1 * (len(latencies) + 1)
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            await engine.ask("/lab meta", MEMBER, CHANNEL)
            latencies.append(time.perf_counter() - due)

    async def load() -> bytes:
        return data

    tasks = [asyncio.create_task(ticker()), asyncio.create_task(member())]
    await asyncio.sleep(0.05)
    file = Attachment("long.md", len(data), load)
    started = time.perf_counter()
    reply = await engine.handle(Invocation("notes add", {"file": file}, MODERATOR, CHANNEL, (file,)))
    took = time.perf_counter() - started
    done.set()
    await asyncio.gather(*tasks)
    warnings = next((f.value for f in reply.fields if f.name == "Warnings"), "none")
    print(f"{reply.kind}: {reply.title} — {reply.text.splitlines()[-1] if reply.text else ''}")
    print(f"warnings: {warnings}")
    print(f"add wall time {took:.2f} s; longest event-loop stall {worst_stall * 1000:.0f} ms")
    print(
        f"/lab meta every 100 ms: {len(latencies)} answered, slowest {max(latencies, default=0) * 1000:.0f} ms"
        " after it was due"
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shape", choices=("sentences", "one-sentence"), default="sentences")
    parser.add_argument("--kb", type=int, default=1000)
    corpus = ROOT.parent / "shared" / "corpus"
    parser.add_argument("--notes", type=Path, default=corpus if corpus.is_dir() else ROOT / "data" / "notes")
    args = parser.parse_args()
    data = note(args.shape, args.kb * 1000)
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "notes"
        shutil.copytree(args.notes, notes)
        db = await build_store(Path(tmp) / "labnotes.db", notes)
        config = replace(
            Config(), db_path=db, notes_dir=notes, catalog_path=CATALOG, trash_dir=Path(tmp) / "trash"
        )
        engine = await Engine.open(config)
        try:
            print(f"store from {args.notes}; adding a {len(data):,}-byte one-line note ({args.shape})")
            await add_while_serving(engine, data)
        finally:
            await engine.close()


if __name__ == "__main__":
    asyncio.run(main())
