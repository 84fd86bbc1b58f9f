"""Issue 11 in the store: inherited claims are marked, stores of schema 3 upgrade, `labnotes stats` shows
unread and untrusted times and, per channel, claims with no time or cited past a plausible length."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from adapters.ingest_cli import format_channel_times
from bot.catalog import Catalog, load_catalog
from bot.commands.cite import evidence_line
from bot.config import DATA_DIR
from bot.store.db import Store
from bot.store.ingest import ingest_paths
from bot.store.queries import ClaimRow
from bot.store.schema import MIGRATIONS
from bot.store.stats import collect_stats
from tests.notes_support import Vault, note_bytes


def a(t: str) -> str:
    return f'<a class="yt-timestamp" data-t="{t}">[{t}]</a>'


def note(video_id: str, body: str) -> str:
    return f"---\ntitle: Note {video_id}\nvideoId: {video_id}\n---\n\n{body}\n"


# shortpod: videos of a few minutes; one note in it writes MM:SS:FF that no rule can place.
SHORT_OK = note("AAAAAAAAAA1", f"Intro {a('00:00:10')}. Body {a('00:02:00')}. More {a('00:04:10')}.")
SHORT_OK_2 = note("AAAAAAAAAA2", f"Intro {a('00:00:20')}. Body {a('00:03:00')}. More {a('00:05:30')}.")
SHORT_LATE = note("AAAAAAAAAA3", f"Late {a('01:59:00:00')}. Undated sentence.")
# longpod: a paragraph whose first sentence has no anchor and a time no form reads; then a note whose
# times read as hours and as minutes alike (hubermanlab).
LONG = note(
    "BBBBBBBBBB1",
    f"First sentence. Second sentence {a('00:40:00')}.\n\nA collision occurred [00:00:00. - 00:00:52].",
)
AMBIGUOUS = note("BBBBBBBBBB2", f"Claim {a('02:29:03')}. Other {a('02:31:38')}. More {a('02:30:00')}.")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA_DIR / "catalog.yaml")


@pytest.fixture
async def store(tmp_path: Path, catalog: Catalog) -> Store:
    notes = tmp_path / "notes"
    for channel, name, text in [
        ("shortpod", "ok.md", SHORT_OK),
        ("shortpod", "ok2.md", SHORT_OK_2),
        ("shortpod", "late.md", SHORT_LATE),
        ("longpod", "long.md", LONG),
        ("longpod", "ambiguous.md", AMBIGUOUS),
    ]:
        (notes / channel).mkdir(parents=True, exist_ok=True)
        (notes / channel / name).write_text(text, encoding="utf-8")
    opened = await Store.open(tmp_path / "s.db")
    await ingest_paths(opened, [notes], catalog)
    return opened


async def test_a_claim_citing_its_paragraphs_anchor_is_marked_inherited(store: Store) -> None:
    try:
        rows = await store.fetchall(
            "SELECT text, seconds, timestamps, inherited FROM claims WHERE text LIKE '%sentence.' ORDER BY id"
        )
        assert [tuple(r) for r in rows] == [
            ("First sentence.", 2400, "[]", 1),
            ("Second sentence.", 2400, "[2400]", 0),
            ("Undated sentence.", 7140, "[]", 1),
        ]
    finally:
        await store.close()


async def test_stats_count_times_no_form_read_and_the_notes_with_them(store: Store) -> None:
    try:
        stats = await collect_stats(store)
        assert (stats["unread_timestamps"], stats["unread_notes"]) == (
            1,
            [{"path": "longpod/long.md", "unread": 1}],
        )
        assert stats["untrusted_timestamps"] == 3
    finally:
        await store.close()


async def test_stats_give_each_channel_its_share_of_claims_with_no_time_and_past_a_plausible_length(
    store: Store,
) -> None:
    try:
        channels = {c["channel"]: c for c in (await collect_stats(store))["channel_times"]}
        # shortpod ends its notes near 4 and 5 minutes (and 2 hours): plausible is the 1-hour floor.
        short = channels["shortpod"]
        assert (short["claims"], short["plausible_seconds"]) == (8, 3600)
        # "01:59:00:00" (1:59:00, frames) and "Undated sentence." citing it, of 8 timed claims.
        assert (short["past_plausible"], short["untimed"]) == (0.25, 0.0)
        longpod = channels["longpod"]
        assert (longpod["claims"], longpod["untimed"]) == (6, 4 / 6)  # the collision and the 3 ambiguous
    finally:
        await store.close()


def test_stats_output_lists_every_channel_with_both_shares() -> None:
    out = format_channel_times(
        [
            {
                "channel": "shortpod",
                "claims": 8,
                "untimed": 0.125,
                "plausible_seconds": 3600,
                "past_plausible": 0.25,
            }
        ]
    )
    assert out.splitlines()[1:] == [
        "channel    claims  no time  past plausible length",
        "shortpod        8    12.5%  25.00% past 1:00:00",
    ]


async def test_a_store_of_schema_3_gains_the_inherited_column(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.executescript("".join(MIGRATIONS[:3]) + "PRAGMA user_version = 3;")
        conn.execute("INSERT INTO sources VALUES (1, '/r', 'a.md', 'note', 'h', 1, 't', 't', NULL)")
        conn.execute("INSERT INTO notes VALUES (1, 'T', 'AAAAAAAAAA1', 'c', 'a', 1, 0, '[]')")
        conn.execute("INSERT INTO claims(id, note_id, ordinal, text) VALUES (1, 1, 0, 'Old claim.')")
    store = await Store.open(db)
    try:
        assert await store.scalar("PRAGMA user_version") == len(MIGRATIONS) >= 4
        assert await store.scalar("SELECT inherited FROM claims WHERE id = 1") == 0
    finally:
        await store.close()


def test_evidence_line_says_time_not_given_for_a_claim_with_no_second() -> None:
    row = ClaimRow(1, "Meta opens its weights.", None, 1, "Open Source AI Models", "bankless", "KIb9LhszOUc")
    assert evidence_line(row) == "[time not given] Meta opens its weights."


# A channel's convention (bot.notes.timestamps.channel_prior): notes that settle their reading on their
# own evidence, hours (neighbours in one minute) or minutes (a last field past 59), and AMBIGUOUS.
HOURS = "".join(f"Claim {a(t)}. " for t in ("01:02:03", "01:02:30", "01:02:45"))
MINUTES = "".join(f"Claim {a(t)}. " for t in ("05:37:78", "06:10:80", "07:00:65"))


def channel(folder: Path, hours: int, minutes: int) -> None:
    folder.mkdir(parents=True)
    for i in range(hours + minutes):
        (folder / f"n{i}.md").write_text(note(f"CCCCCCCCCC{i}", HOURS if i < hours else MINUTES), "utf-8")


async def ambiguous_seconds(store: Store) -> list[int | None]:
    rows = await store.fetchall(
        "SELECT c.seconds FROM claims c JOIN notes n ON n.id = c.note_id"
        " WHERE n.video_id = 'BBBBBBBBBB2' ORDER BY c.ordinal"
    )
    return [r["seconds"] for r in rows]


async def test_an_ambiguous_note_of_a_consistent_channel_is_cited_as_the_channel_writes(
    tmp_path: Path, catalog: Catalog
) -> None:
    channel(tmp_path / "notes" / "hubpod", hours=5, minutes=0)
    (tmp_path / "notes" / "hubpod" / "ambiguous.md").write_text(AMBIGUOUS, "utf-8")
    store = await Store.open(tmp_path / "s.db")
    try:
        await ingest_paths(store, [tmp_path / "notes"], catalog)
        assert await ambiguous_seconds(store) == [8943, 9098, 9000]
        assert (await collect_stats(store))["untrusted_timestamps"] == 0
    finally:
        await store.close()


async def test_an_ambiguous_note_of_a_split_channel_stays_untrusted(tmp_path: Path, catalog: Catalog) -> None:
    channel(tmp_path / "notes" / "splitpod", hours=5, minutes=3)
    (tmp_path / "notes" / "splitpod" / "ambiguous.md").write_text(AMBIGUOUS, "utf-8")
    store = await Store.open(tmp_path / "s.db")
    try:
        await ingest_paths(store, [tmp_path / "notes"], catalog)
        assert await ambiguous_seconds(store) == [None, None, None]
        assert (await collect_stats(store))["untrusted_timestamps"] == 3
    finally:
        await store.close()


async def test_a_note_added_to_an_ingested_channel_takes_the_stored_convention(
    tmp_path: Path, catalog: Catalog
) -> None:
    channel(tmp_path / "notes" / "minpod", hours=0, minutes=5)
    store = await Store.open(tmp_path / "s.db")
    try:
        await ingest_paths(store, [tmp_path / "notes"], catalog)
        (tmp_path / "notes" / "minpod" / "ambiguous.md").write_text(AMBIGUOUS, "utf-8")
        summary = await ingest_paths(store, [tmp_path / "notes"], catalog)
        assert (summary.added, summary.unchanged) == (1, 5)  # only the new note was read
        assert await ambiguous_seconds(store) == [149, 151, 150]
    finally:
        await store.close()


async def test_a_removed_note_no_longer_speaks_for_its_channel(tmp_path: Path, catalog: Catalog) -> None:
    channel(tmp_path / "notes" / "minpod", hours=0, minutes=5)
    store = await Store.open(tmp_path / "s.db")
    try:
        await ingest_paths(store, [tmp_path / "notes"], catalog)
        (tmp_path / "notes" / "minpod" / "n0.md").unlink()  # four settled notes left: too few
        (tmp_path / "notes" / "minpod" / "ambiguous.md").write_text(AMBIGUOUS, "utf-8")
        await ingest_paths(store, [tmp_path / "notes"], catalog)
        assert await ambiguous_seconds(store) == [None, None, None]
        assert await store.scalar("SELECT count(*) FROM note_readings WHERE folder = 'minpod'") == 5
    finally:
        await store.close()


async def test_a_note_added_with_notes_add_takes_its_channels_stored_convention(vault: Vault) -> None:
    for i in range(5):
        await vault.add(
            f"n{i}.md", note_bytes(f"Settled {i}", f"CCCCCCCCCC{i}", f"From: [[hubpod]] <br/>\n\n{HOURS}")
        )
    ambiguous = "From: [[hubpod]] <br/>\n\n" + AMBIGUOUS.split("---\n\n", 1)[1]
    await vault.add("ambiguous.md", note_bytes("Ambiguous", "BBBBBBBBBB2", ambiguous))
    assert await ambiguous_seconds(vault.engine.store) == [8943, 9098, 9000]
