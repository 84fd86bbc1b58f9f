"""What a digest says: new episodes (titled from the channel index), those about labs and openness first
with their best claims, verdicts that changed, a summary for bulk imports, and only what a channel
follows."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import DigestConfig
from bot.digest.compose import Digest, compose_digest
from bot.digest.schedule import DailySchedule
from bot.digest.scheduler import DigestScheduler
from bot.digest.subscriptions import Focus, subscribe
from bot.reply import markdown, strong
from bot.store.db import Store
from tests.digest_support import (
    ClaimRow,
    FakeClock,
    MemoryChannels,
    add_index,
    add_lab,
    add_model,
    add_note,
    change_label,
    utc,
)

START, END = utc(2025, 1, 1, 9), utc(2025, 1, 2, 9)
NOON = utc(2025, 1, 1, 12)
WATCH = "https://www.youtube.com/watch?v="


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "labnotes.db")
    await add_lab(store, "meta", "Meta")
    await add_lab(store, "openai", "OpenAI")
    await add_model(store, "llama", "Llama", "meta")
    yield store
    await store.close()


async def digest(store: Store, **kwargs: object) -> Digest:
    options: dict[str, object] = {"start": START, "end": END, "baseline_labels": {}, **kwargs}
    return await compose_digest(store, **options)  # type: ignore[arg-type]


def lines_of(d: Digest) -> list[str]:
    return markdown(d.reply.text).splitlines()


META = ClaimRow("Meta builds a large AI research lab in Paris with many researchers.", 300, labs=("meta",))
OPEN = ClaimRow(
    "Meta open-sourced the Llama weights, so anyone can run them.",
    120,
    labs=("meta",),
    signal=("meta", "open", "open-sourced"),
)


# -- episodes, not notes ----------------------------------------------------------------------------


async def test_the_notes_of_one_episode_are_one_item_titled_from_the_channel_index(store: Store) -> None:
    await add_index(
        store, "bankless", [("KIb9LhszOUc", "Why Meta Gives Llama Away", ["open_weights", "paris"])]
    )
    await add_note(store, "bankless/paris.md", "Meta in Paris", at=NOON, claims=(META,))
    await add_note(store, "bankless/open_weights.md", "Open weights", at=NOON)
    d = await digest(store)
    assert d.reply.title == "Lab notes digest: 1 new episode"
    assert lines_of(d)[:4] == [
        "New since Wed 01 Jan 09:00 UTC: 1 episode (2 notes) from 1 channel.",
        "",
        f"• [Why Meta Gives Llama Away]({WATCH}KIb9LhszOUc) — bankless · 2 notes · on Meta",
        "Topics: Open weights; Meta in Paris",  # in the order the index lists them
    ]
    assert (d.note_count, d.episode_count) == (2, 1)


async def test_without_an_index_the_first_note_names_the_episode(store: Store) -> None:
    await add_note(store, "bankless/a.md", "First topic", at=NOON, claims=(META,))
    await add_note(store, "bankless/b.md", "Second topic", at=utc(2025, 1, 1, 13))
    assert lines_of(await digest(store))[2] == (
        f"• [First topic]({WATCH}KIb9LhszOUc) — bankless · 2 notes · on Meta"
    )


async def test_notes_outside_the_period_are_left_out(store: Store) -> None:
    await add_note(store, "a.md", "Before", at=utc(2025, 1, 1, 8, 59), video_id="aaaaaaaaaaa")
    await add_note(store, "b.md", "Inside", at=utc(2025, 1, 1, 9, 0), video_id="bbbbbbbbbbb")
    await add_note(store, "c.md", "At the end", at=utc(2025, 1, 2, 9, 0), video_id="ccccccccccc")
    d = await digest(store)
    assert d.note_count == 1
    assert "Inside" in d.reply.text
    assert "Before" not in d.reply.text and "At the end" not in d.reply.text


# -- what matters first -----------------------------------------------------------------------------


async def test_openness_evidence_first_then_labs_and_other_topics_in_one_line(store: Store) -> None:
    await add_note(store, "x/cooking.md", "Pot roast", at=NOON, video_id="ccccccccccc", channel="aragusea")
    await add_note(store, "x/lab.md", "A lab in Paris", at=NOON, video_id="bbbbbbbbbbb", claims=(META,))
    await add_note(store, "x/open.md", "Open weights", at=NOON, video_id="aaaaaaaaaaa", claims=(OPEN,))
    await add_note(store, "x/maths.md", "Primes", at=NOON, video_id="ddddddddddd", channel="3blue1brown")
    text = lines_of(await digest(store))
    episodes = [line for line in text if line.startswith("• ")]
    assert [line.split("]")[0] for line in episodes] == ["• [Open weights", "• [A lab in Paris"]
    assert text[-1] == "And 2 episodes on other topics from 2 channels: /digest preview all lists them."


async def test_preview_all_also_lists_the_episodes_on_other_topics(store: Store) -> None:
    await add_note(store, "x/lab.md", "A lab in Paris", at=NOON, video_id="bbbbbbbbbbb", claims=(META,))
    await add_note(store, "x/cooking.md", "Pot roast", at=NOON, video_id="ccccccccccc", channel="aragusea")
    text = lines_of(await digest(store, show_all=True))
    assert [line.split("]")[0] for line in text if line.startswith("• ")] == [
        "• [A lab in Paris",
        "• [Pot roast",
    ]
    assert not any("other topics" in line for line in text)


async def test_a_day_without_labs_lists_what_did_arrive(store: Store) -> None:
    await add_note(store, "x/cooking.md", "Pot roast", at=NOON, video_id="ccccccccccc", channel="aragusea")
    text = lines_of(await digest(store))
    assert text[2:] == [f"• [Pot roast]({WATCH}ccccccccccc) — aragusea · 1 note", "Topics: Pot roast"]


async def test_an_episode_cites_its_two_most_informative_claims(store: Store) -> None:
    fragment = ClaimRow("Meta, too.", 50, labs=("meta",))
    said_again = ClaimRow("Meta also builds an AI lab in Paris, with many researchers.", 310, labs=("meta",))
    await add_note(store, "x/a.md", "Meta", at=NOON, claims=(fragment, META, OPEN))
    await add_note(store, "x/b.md", "Meta again", at=NOON, claims=(said_again,))
    text = lines_of(await digest(store))
    cited = [line for line in text if line.startswith("› ")]
    assert cited == [
        f"› [02:00]({WATCH}KIb9LhszOUc&t=120s) {OPEN.text}",  # openness evidence first
        f"› [05:00]({WATCH}KIb9LhszOUc&t=300s) {META.text}",  # the fragment at 00:50 says too little
    ]


async def test_the_same_statement_in_two_notes_of_an_episode_is_cited_once_at_the_earliest_time(
    store: Store,
) -> None:
    earlier = ClaimRow("Meta open-sourced the Llama weights so anyone can run them.", 250, ("meta",))
    await add_note(store, "x/a.md", "AI Engineering at Meta", at=NOON, claims=(replace(OPEN, seconds=266),))
    await add_note(
        store, "x/b.md", "AI Engineering and Large Language Models at Meta", at=NOON, claims=(earlier,)
    )
    cited = [line for line in lines_of(await digest(store)) if line.startswith("› ")]
    assert cited == [f"› [04:10]({WATCH}KIb9LhszOUc&t=250s) {OPEN.text}"]


# -- openness changes -------------------------------------------------------------------------------


async def test_a_changed_verdict_shows_old_and_new_with_the_claims_that_moved_it(store: Store) -> None:
    await change_label(store, "meta", "open")
    await change_label(store, "openai", "closed")
    await add_note(store, "x/open.md", "Open weights", at=NOON, claims=(OPEN, META))
    d = await digest(store, baseline_labels={"meta": "mixed", "openai": "closed", "model:llama": "unknown"})
    text = lines_of(d)
    at = text.index("**Openness changes**")
    assert text[at + 1 : at + 3] == [
        "Meta: mixed → open",
        f"› [02:00]({WATCH}KIb9LhszOUc&t=120s) {OPEN.text}",
    ]
    assert d.labels == {"meta": "open", "openai": "closed"}


async def test_a_model_whose_verdict_changed_is_named_with_its_lab(store: Store) -> None:
    await change_label(store, "llama", "open", "model")
    d = await digest(store, baseline_labels={"meta": "unknown", "model:llama": "mostly open"})
    assert d.reply.title == "Lab notes digest: openness changes"
    assert lines_of(d) == [
        "No new notes since Wed 01 Jan 09:00 UTC.",
        "",
        "**Openness changes**",
        "Llama (Meta): mostly open → open",
    ]


async def test_a_lab_and_its_model_that_changed_together_are_one_line_cited_once(store: Store) -> None:
    await change_label(store, "meta", "open")
    await change_label(store, "llama", "open", "model")
    weights = ClaimRow(
        "Llama weights are open for anyone to download.",
        95,
        models=("llama",),
        signal=("model:llama", "open", "open"),
    )
    await add_note(store, "x/open.md", "Open weights", at=NOON, claims=(weights,))
    text = lines_of(await digest(store, baseline_labels={"meta": "mixed", "model:llama": "unknown"}))
    at = text.index("**Openness changes**")
    assert text[at + 1 : at + 3] == [
        "Meta: mixed → open · Llama: unknown → open",
        f"› [01:35]({WATCH}KIb9LhszOUc&t=95s) {weights.text}",
    ]
    assert sum(1 for line in text if weights.text in line) == 1  # not cited again under its episode


async def test_the_claims_that_moved_a_verdict_are_from_different_moments(store: Store) -> None:
    await change_label(store, "meta", "open")
    same_moment = ClaimRow(
        "Meta has released its model weights to everyone.", 130, ("meta",), ("meta", "open", "released")
    )
    later = ClaimRow(
        "Meta keeps open-sourcing new Llama versions every year.",
        900,
        ("meta",),
        ("meta", "open", "open-sourcing"),
    )
    await add_note(store, "x/open.md", "Open weights", at=NOON, claims=(OPEN, same_moment, later))
    text = lines_of(await digest(store, baseline_labels={"meta": "mixed"}))
    at = text.index("**Openness changes**")
    assert [line.split(")")[0] for line in text[at + 2 : at + 4]] == [
        f"› [02:00]({WATCH}KIb9LhszOUc&t=120s",
        f"› [15:00]({WATCH}KIb9LhszOUc&t=900s",
    ]


async def test_a_baseline_from_before_models_were_tracked_reports_no_model_change(store: Store) -> None:
    await change_label(store, "meta", "open")
    await change_label(store, "llama", "open", "model")
    d = await digest(store, baseline_labels={"meta": "open"})
    assert d.quiet is True


async def test_a_period_without_notes_or_changes_is_quiet(store: Store) -> None:
    d = await digest(store)
    assert d.quiet is True
    assert (d.reply.title, d.reply.text) == ("Lab notes digest", "No new notes since Wed 01 Jan 09:00 UTC.")


async def test_the_period_start_is_shown_in_the_subscription_time_zone(store: Store) -> None:
    d = await digest(store, tz=DailySchedule.parse("9:00", "Asia/Tokyo").tz)
    assert d.reply.text == "No new notes since Wed 01 Jan 18:00 Asia/Tokyo."


# -- bulk imports -----------------------------------------------------------------------------------


async def _episodes(store: Store, count: int, *, about_labs: int = 0) -> None:
    for i in range(count):
        claims = (META,) if i < about_labs else ()
        await add_note(
            store, f"x/n{i:03d}.md", f"Episode {i:03d}", at=NOON, video_id=f"v{i:010d}", claims=claims
        )


async def test_more_episodes_than_the_bulk_threshold_make_a_summary(store: Store) -> None:
    await _episodes(store, 26, about_labs=7)
    d = await digest(store)
    text = lines_of(d)
    assert d.reply.title == "Lab notes digest: 26 new episodes (bulk import)"
    assert text[0] == (
        "A bulk import since Wed 01 Jan 09:00 UTC: 26 notes, 26 episodes from 1 channel, too many to list"
        " one by one; 7 of them discuss labs or models."
    )
    assert text[text.index("**Labs most discussed**") + 1] == "Meta (7 episodes)"
    best = text.index(markdown(strong("The 5 most informative new episodes")))
    assert [line.split("]")[0] for line in text[best + 1 :] if line.startswith("• ")] == [
        f"• [Episode {i:03d}" for i in range(5)
    ]
    assert text[-1] == "/digest preview all lists as many episodes as one message holds."


async def test_up_to_the_bulk_threshold_episodes_are_listed(store: Store) -> None:
    await _episodes(store, 25, about_labs=25)
    d = await digest(store)
    assert d.reply.title == "Lab notes digest: 25 new episodes"
    assert "bulk" not in d.reply.text


async def test_the_bulk_threshold_is_configurable(store: Store) -> None:
    await _episodes(store, 4)
    d = await digest(store, config=DigestConfig(bulk_episodes=3))
    assert d.reply.title == "Lab notes digest: 4 new episodes (bulk import)"


# -- focus ------------------------------------------------------------------------------------------


async def _focus_day(store: Store) -> None:
    llama = ClaimRow("Llama 3 runs on a single GPU with good quality.", 60, models=("llama",))
    gpt = ClaimRow("OpenAI trains GPT models on huge clusters of GPUs.", 60, labs=("openai",))
    await add_note(store, "a.md", "Llama on one GPU", at=NOON, video_id="aaaaaaaaaaa", claims=(llama,))
    await add_note(store, "b.md", "GPT training", at=NOON, video_id="bbbbbbbbbbb", claims=(gpt,))
    await add_note(
        store, "c.md", "Meta in Paris", at=NOON, video_id="ccccccccccc", channel="hu-po", claims=(META,)
    )


def titles(d: Digest) -> list[str]:
    return [line.split("]")[0].removeprefix("• [") for line in lines_of(d) if line.startswith("• ")]


async def test_a_lab_focus_keeps_the_episodes_about_that_lab_or_its_models(store: Store) -> None:
    await _focus_day(store)
    d = await digest(store, focus=Focus(labs=("meta",)))
    assert titles(d) == ["Llama on one GPU", "Meta in Paris"]
    assert lines_of(d)[1] == "Following Meta."


async def test_a_channel_focus_keeps_that_channels_episodes(store: Store) -> None:
    await _focus_day(store)
    assert titles(await digest(store, focus=Focus(channels=("hu-po",)))) == ["Meta in Paris"]


async def test_a_lab_and_a_channel_focus_keep_episodes_matching_both(store: Store) -> None:
    await _focus_day(store)
    assert titles(await digest(store, focus=Focus(labs=("meta",), channels=("bankless",)))) == [
        "Llama on one GPU"
    ]


async def test_a_period_with_nothing_on_the_focus_is_quiet(store: Store) -> None:
    await _focus_day(store)
    d = await digest(store, focus=Focus(channels=("aragusea",)))
    assert (d.quiet, d.reply.text) == (
        True,
        "Nothing new on what this channel follows since Wed 01 Jan 09:00 UTC.\nFollowing everything from aragusea.",
    )


async def test_a_lab_focus_reports_only_its_verdict_changes(store: Store) -> None:
    await change_label(store, "openai", "closed")
    d = await digest(store, focus=Focus(labs=("meta",)), baseline_labels={"openai": "mixed"})
    assert d.quiet is True


# -- through the scheduler --------------------------------------------------------------------------


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
    await add_note(store, "old.md", "Old vault note", at=utc(2025, 1, 1, 7), video_id="aaaaaaaaaaa")
    await _subscribe(store)
    await add_note(store, "new.md", "Fresh note", at=utc(2025, 1, 1, 8, 30), video_id="bbbbbbbbbbb")
    channels = MemoryChannels()
    [result] = await DigestScheduler(store, {"discord": channels}, FakeClock(END)).run_due(utc(2025, 1, 1, 9))
    assert result.note_count == 1
    assert "Fresh note" in channels.posts[0].reply.text
    assert "Old vault note" not in channels.posts[0].reply.text


async def test_label_changes_are_counted_from_the_last_delivery(store: Store) -> None:
    await change_label(store, "meta", "mixed")
    await _subscribe(store)
    channels = MemoryChannels()
    sched = DigestScheduler(store, {"discord": channels}, FakeClock(END), DigestConfig(quiet="skip"))
    [first] = await sched.run_due(utc(2025, 1, 1, 9))
    assert first.outcome == "skipped"  # nothing changed since subscribing
    await change_label(store, "meta", "open")
    [second] = await sched.run_due(utc(2025, 1, 2, 9))
    assert second.outcome == "sent"
    assert lines_of_reply(channels.posts[0].reply.text)[-1] == "Meta: mixed → open"
    [third] = await sched.run_due(utc(2025, 1, 3, 9))
    assert third.outcome == "skipped"  # reported once, not again


def lines_of_reply(text: str) -> list[str]:
    return markdown(text).splitlines()


async def test_within_the_second_of_subscribing_only_notes_stored_after_it_are_news(store: Store) -> None:
    # Stored times have whole seconds: both notes read 08:00:00, one stored before, one after.
    await add_note(store, "vault.md", "Vault note", at=utc(2025, 1, 1, 8), video_id="aaaaaaaaaaa")
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
    await add_note(store, "fresh.md", "Fresh note", at=utc(2025, 1, 1, 8), video_id="bbbbbbbbbbb")
    channels = MemoryChannels()
    [result] = await DigestScheduler(store, {"discord": channels}, FakeClock(END)).run_due(utc(2025, 1, 1, 9))
    assert result.note_count == 1
    assert "Fresh note" in channels.posts[0].reply.text


async def test_a_channel_with_a_focus_gets_no_post_for_a_quiet_period_even_when_quiet_days_post(
    store: Store,
) -> None:
    await subscribe(
        store,
        platform="discord",
        channel_id="c",
        workspace_id=None,
        schedule=DailySchedule.parse("09:00", "UTC"),
        timezone="UTC",
        created_by="discord:1 (mod)",
        now=utc(2025, 1, 1, 8),
        focus=Focus(labs=("openai",)),
    )
    await add_note(store, "meta.md", "Meta in Paris", at=utc(2025, 1, 1, 8, 30), claims=(META,))
    channels = MemoryChannels()
    sched = DigestScheduler(store, {"discord": channels}, FakeClock(END), DigestConfig(quiet="post"))
    assert [r.outcome for r in await sched.run_due(utc(2025, 1, 1, 9))] == ["skipped"]
    assert channels.posts == []
