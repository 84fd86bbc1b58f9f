"""Replacing and removing notes at vault scale, with and without the cascade indexes (issue 12, item 3).

    python bench/updates.py [--vault ../shared/vault] [--changed 1400] [--lab LAB] [--out DIR]

Ingests the vault once (a hard-linked copy under --out, so files can change without touching the
original), then runs three updates side by side on two copies of that store: the current schema, and
the same store with migration 3's indexes (claims.section_id, episodes.source_id) dropped, which is the
schema before it. Both copies see the same notes at every step:

(a) update: --changed notes edited (a line appended), then `ingest` of the folder;
(b) catalog edit: every note that mentions --lab (or one of its models) re-extracted, as an edit of
    that lab in the catalog needs: their stored hashes are made stale, then `ingest` of the folder;
(c) `/notes remove` of the note with the most sections, through the command core.

Prints a Markdown table. Every step is the real code path; the only difference is the two indexes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot.catalog import Catalog, load_catalog  # noqa: E402
from bot.commands.engine import Engine  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.contracts import Actor, Channel, Invocation  # noqa: E402
from bot.store.db import Store  # noqa: E402
from bot.store.ingest import ingest_paths  # noqa: E402

MODERATOR = Actor("console", "bench", "bench", is_moderator=True)
CHANNEL = Channel("console", "bench")
VARIANTS = ("with index", "without index")  # the current schema first: it runs on the colder cache
OLD_SCHEMA = "DROP INDEX claims_section; DROP INDEX episodes_source;"


def link_tree(source: Path, target: Path) -> None:
    """A copy whose files are hard links: instant, and replacing a file (never writing into it) leaves
    the original alone."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:  # another file system
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)
    for folder in [target, *(p for p in target.rglob("*") if p.is_dir())]:
        folder.chmod(folder.stat().st_mode | 0o700)  # copytree keeps a read-only vault's modes


def rewrite(path: Path, data: bytes) -> None:
    """Replace the file (a new inode), so a hard-linked original is not modified."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


T = TypeVar("T")


async def timed(step: Callable[[], Awaitable[T]]) -> tuple[float, T]:
    started = time.perf_counter()
    result = await step()
    return time.perf_counter() - started, result


async def ingest(db: Path, notes: Path, catalog: Catalog) -> tuple[float, str]:
    store = await Store.open(db)
    try:
        seconds, summary = await timed(lambda: ingest_paths(store, [notes], catalog))
    finally:
        await store.close()
    return seconds, f"{summary.updated:,} notes replaced"


def scalar(db: Path, sql: str, params: tuple[object, ...] = ()) -> object:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def pick_changed(db: Path, count: int) -> list[str]:
    """`count` notes spread evenly over the vault (every k-th path)."""
    conn = sqlite3.connect(db)
    paths = [r[0] for r in conn.execute("SELECT path FROM sources WHERE kind = 'note' ORDER BY path")]
    conn.close()
    step = max(1, len(paths) // count)
    return paths[::step][:count]


def busiest_lab(db: Path) -> str:
    return str(
        scalar(db, "SELECT entity_id FROM entity_stats WHERE entity_type = 'lab' ORDER BY notes DESC LIMIT 1")
    )


def make_stale(db: Path, lab: str) -> int:
    """Mark every note that mentions `lab` or its models as changed; returns how many."""
    conn = sqlite3.connect(db)
    with conn:
        cur = conn.execute(
            "UPDATE sources SET content_hash = 'stale' WHERE id IN ("
            " SELECT c.note_id FROM mentions m JOIN claims c ON c.id = m.claim_id"
            " WHERE (m.entity_type = 'lab' AND m.entity_id = ?)"
            " OR (m.entity_type = 'model' AND m.entity_id IN (SELECT id FROM models WHERE lab_id = ?)))",
            (lab, lab),
        )
    conn.close()
    return cur.rowcount


async def remove(config: Config, rel: str) -> tuple[float, str]:
    engine = await Engine.open(config)
    try:
        inv = Invocation("notes remove", {"note": rel}, MODERATOR, CHANNEL)
        seconds, reply = await timed(lambda: engine.handle(inv))
    finally:
        await engine.close()
    return seconds, f"reply {reply.kind}: {reply.title}"


async def run(ns: argparse.Namespace) -> None:
    out: Path = ns.out
    notes = out / "vault"
    catalog = load_catalog(Config().catalog_path)
    base = out / "base.db"
    full, _ = await ingest(base, notes, catalog)
    files = sum(1 for _ in notes.rglob("*.md"))
    print(f"vault: {files} files ({ns.vault}); full ingest {full:.1f} s\n")

    dbs = {variant: out / f"{variant.replace(' ', '-')}.db" for variant in VARIANTS}
    for variant, db in dbs.items():
        shutil.copyfile(base, db)
        if variant == "without index":
            conn = sqlite3.connect(db)
            conn.executescript(OLD_SCHEMA)
            conn.close()
    results: dict[str, dict[str, tuple[float, str]]] = {v: {} for v in VARIANTS}

    # (a) an update where --changed notes changed
    changed = pick_changed(base, ns.changed)
    for rel in changed:
        path = notes / rel
        rewrite(path, path.read_bytes() + b"\n\nA line added to measure an update.\n")
    step_a = f"(a) update, {len(changed):,} notes changed"
    for variant, db in dbs.items():
        results[variant][step_a] = await ingest(db, notes, catalog)

    # (b) a catalog edit re-extracting every note that mentions one lab
    lab = ns.lab or busiest_lab(base)
    step_b = ""
    for variant, db in dbs.items():
        stale = make_stale(db, lab)
        step_b = f"(b) catalog edit of {lab}: {stale:,} notes re-extracted"
        results[variant][step_b] = await ingest(db, notes, catalog)

    # (c) /notes remove of the note with the most sections
    rel = str(
        scalar(
            base,
            "SELECT s.path FROM sections x JOIN sources s ON s.id = x.note_id"
            " GROUP BY x.note_id ORDER BY count(*) DESC, s.path LIMIT 1",
        )
    )
    sections = scalar(
        base, "SELECT count(*) FROM sections x JOIN sources s ON s.id = x.note_id WHERE s.path = ?", (rel,)
    )
    step_c = f"(c) /notes remove of a {sections}-section note"
    original = notes / rel
    kept = original.read_bytes()
    for variant, db in dbs.items():
        config = replace(Config(), db_path=db, notes_dir=notes, trash_dir=out / f"trash-{db.stem}")
        results[variant][step_c] = await remove(config, rel)
        rewrite(original, kept)  # back in place for the next variant

    claims = {v: scalar(db, "SELECT count(*) FROM claims") for v, db in dbs.items()}
    assert len(set(claims.values())) == 1, f"the two stores diverged: {claims}"
    print("| step | without index (s) | with index (s) | ratio | outcome |")
    print("|---|---|---|---|---|")
    for step in results["with index"]:
        old, outcome = results["without index"][step]
        new, _ = results["with index"][step]
        print(f"| {step} | {old:.2f} | {new:.2f} | {old / new:.0f}× | {outcome} |")
    print(f"\nboth stores end with {claims['with index']:,} claims; note removed: {rel}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vault", type=Path, default=HERE.parent.parent / "shared" / "vault")
    parser.add_argument("--changed", type=int, default=1400)
    parser.add_argument("--lab", help="catalog lab id for (b); default: the lab in most notes")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "updates")
    ns = parser.parse_args()
    if not ns.vault.is_dir():
        raise SystemExit(f"bench/updates.py: no vault at {ns.vault} (give --vault DIR)")
    shutil.rmtree(ns.out, ignore_errors=True)
    ns.out.mkdir(parents=True)
    link_tree(ns.vault.resolve(), ns.out / "vault")
    asyncio.run(run(ns))


if __name__ == "__main__":
    main()
