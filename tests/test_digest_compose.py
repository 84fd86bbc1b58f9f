"""What a digest says: new notes linked to their videos, cited lab claims, openness label changes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import DigestConfig
from bot.digest.compose import compose_digest
from bot.digest.schedule import DailySchedule
from bot.digest.scheduler import DigestScheduler
from bot.digest.subscriptions import subscribe
from bot.reply import LINK_OPEN, link
from bot.store.db import Store
from tests.digest_support import ClaimRow, FakeClock, MemoryChannels, add_lab, add_note, change_label, utc

START, END = utc(2025, 1, 1, 9), utc(2025, 1, 2, 9)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "labnotes.db")
    yield store
    await store.close()


async def test_each_new_note_is_linked_to_its_video_with_its_channel(store: Store) -> None:
    await add_note(
        store, "bankless/open.md", "Open Source AI Models", at=utc(2025, 1, 1, 12), video_id="KIb9LhszOUc"
    )
    digest = await compose_digest(store, start=START, end=END, baseline_labels={}, max_notes=10)
    assert digest.reply.title == "Lab notes digest: 1 new note"
    assert digest.reply.text == (
        "New since Wed 01 Jan 09:00 UTC:\n"
        f"• {link('Open Source AI Models', 'https://www.youtube.com/watch?v=KIb9LhszOUc')} — bankless"
    )


async def test_notes_outside_the_period_are_left_out(store: Store) -> None:
    await add_note(store, "a.md", "Before", at=utc(2025, 1, 1, 8, 59))
    await add_note(store, "b.md", "Inside", at=utc(2025, 1, 1, 9, 0))
    await add_note(store, "c.md", "At the end", at=utc(2025, 1, 2, 9, 0))
    digest = await compose_digest(store, start=START, end=END, baseline_labels={}, max_notes=10)
    assert digest.note_count == 1
    assert "Inside" in digest.reply.text
    assert "Before" not in digest.reply.text and "At the end" not in digest.reply.text


async def test_a_long_list_is_capped_with_and_n_more(store: Store) -> None:
    for i in range(50):
        await add_note(store, f"n{i:02d}.md", f"Note {i:02d}", at=utc(2025, 1, 1, 10, i))
    digest = await compose_digest(store, start=START, end=END, baseline_labels={}, max_notes=10)
    lines = digest.reply.text.splitlines()
    assert digest.reply.title == "Lab notes digest: 50 new notes"
    assert lines[1].startswith(f"• {LINK_OPEN}Note 00") and lines[10].startswith(f"• {LINK_OPEN}Note 09")
    assert lines[-1] == "…and 40 more"
    assert len(lines) == 12


async def test_claims_with_openness_signals_are_cited_first(store: Store) -> None:
    await add_lab(store, "meta", "Meta")
    await add_note(
        store,
        "bankless/open.md",
        "Open Source AI Models",
        at=utc(2025, 1, 1, 12),
        claims=(
            ClaimRow("Meta has a huge user base.", 2501, labs=("meta",)),
            ClaimRow("Nothing about labs here.", 10),
            ClaimRow("Meta open-sourced their weights.", 2395, ("meta",), ("meta", "open", "open-sourced")),
        ),
    )
    digest = await compose_digest(store, start=START, end=END, baseline_labels={}, max_notes=10)
    assert [(c.text, c.seconds, c.url) for c in digest.reply.citations] == [
        ("Meta open-sourced their weights.", 2395, "https://www.youtube.com/watch?v=KIb9LhszOUc&t=2395s"),
        ("Meta has a huge user base.", 2501, "https://www.youtube.com/watch?v=KIb9LhszOUc&t=2501s"),
    ]
    assert [(f.name, f.value) for f in digest.reply.fields] == [
        ("Labs in these notes", "Meta: 2 claims (1 open)")
    ]


async def test_a_lab_whose_label_changed_since_the_baseline_is_reported(store: Store) -> None:
    await add_lab(store, "meta", "Meta", label="open")
    await add_lab(store, "openai", "OpenAI", label="closed")
    digest = await compose_digest(
        store, start=START, end=END, baseline_labels={"meta": "mixed", "openai": "closed"}, max_notes=10
    )
    assert digest.quiet is False
    assert digest.reply.text == "No new notes since Wed 01 Jan 09:00 UTC."
    assert [(f.name, f.value) for f in digest.reply.fields] == [("Openness changes", "Meta: mixed → open")]
    assert digest.labels == {"meta": "open", "openai": "closed"}


async def test_a_period_without_notes_or_changes_is_quiet(store: Store) -> None:
    digest = await compose_digest(store, start=START, end=END, baseline_labels={}, max_notes=10)
    assert digest.quiet is True
    assert (digest.reply.title, digest.reply.text) == (
        "Lab notes digest",
        "No new notes since Wed 01 Jan 09:00 UTC.",
    )


async def test_the_period_start_is_shown_in_the_subscription_time_zone(store: Store) -> None:
    digest = await compose_digest(
        store,
        start=START,
        end=END,
        baseline_labels={},
        max_notes=10,
        tz=DailySchedule.parse("9:00", "Asia/Tokyo").tz,
    )
    assert digest.reply.text == "No new notes since Wed 01 Jan 18:00 Asia/Tokyo."


async def _subscribe(store: Store) -> None:
    await subscribe(
        store,
        platform="discord",
        channel_id="c",
        workspace_id=None,
        schedule=DailySchedule.parse("09:00", "UTC"),
        timezone="UTC",
        created_by="discord:1 (mod)",
        now=utc(2025, 1, 1, 8),
    )


async def test_the_vault_ingested_before_subscribing_is_not_news(store: Store) -> None:
    await add_note(store, "old.md", "Old vault note", at=utc(2025, 1, 1, 7))
    await _subscribe(store)
    await add_note(store, "new.md", "Fresh note", at=utc(2025, 1, 1, 8, 30))
    channels = MemoryChannels()
    [result] = await DigestScheduler(store, {"discord": channels}, FakeClock(END)).run_due(utc(2025, 1, 1, 9))
    assert result.note_count == 1
    assert "Fresh note" in channels.posts[0].reply.text
    assert "Old vault note" not in channels.posts[0].reply.text


async def test_label_changes_are_counted_from_the_last_delivery(store: Store) -> None:
    await add_lab(store, "meta", "Meta", label="mixed")
    await _subscribe(store)
    channels = MemoryChannels()
    sched = DigestScheduler(store, {"discord": channels}, FakeClock(END), DigestConfig(quiet="skip"))
    [first] = await sched.run_due(utc(2025, 1, 1, 9))
    assert first.outcome == "skipped"  # nothing changed since subscribing
    await change_label(store, "meta", "open")
    [second] = await sched.run_due(utc(2025, 1, 2, 9))
    assert second.outcome == "sent"
    assert [(f.name, f.value) for f in channels.posts[0].reply.fields] == [
        ("Openness changes", "Meta: mixed → open")
    ]
    [third] = await sched.run_due(utc(2025, 1, 3, 9))
    assert third.outcome == "skipped"  # reported once, not again


async def test_within_the_second_of_subscribing_only_notes_stored_after_it_are_news(store: Store) -> None:
    # Stored times have whole seconds: both notes read 08:00:00, one stored before, one after.
    await add_note(store, "vault.md", "Vault note", at=utc(2025, 1, 1, 8))
    await subscribe(
        store,
        platform="discord",
        channel_id="c",
        workspace_id=None,
        schedule=DailySchedule.parse("09:00", "UTC"),
        timezone="UTC",
        created_by="discord:1 (mod)",
        now=utc(2025, 1, 1, 8).replace(microsecond=500_000),
    )
    await add_note(store, "fresh.md", "Fresh note", at=utc(2025, 1, 1, 8))
    channels = MemoryChannels()
    [result] = await DigestScheduler(store, {"discord": channels}, FakeClock(END)).run_due(utc(2025, 1, 1, 9))
    assert result.note_count == 1
    assert "Fresh note" in channels.posts[0].reply.text
