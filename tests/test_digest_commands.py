"""/digest, /digest subscribe|unsubscribe|list through the engine."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.digest.scheduler import DigestScheduler
from bot.digest.subscriptions import Focus, get_subscription
from bot.moderation import audit
from bot.reply import link, markdown
from tests.conftest import USER
from tests.digest_support import MemoryChannels
from tests.notes_support import Vault, note_bytes


async def test_subscribe_uses_the_configured_defaults(vault: Vault) -> None:
    reply = await vault.ask("/digest subscribe")
    assert (reply.kind, reply.title) == ("ok", "Digest subscribed")
    assert reply.text.startswith(
        "This channel gets the digest every day at 09:00 (UTC). The first one comes "
    )
    sub = await get_subscription(vault.engine.store, "console", "c1")
    assert sub is not None and (sub.local_time, sub.timezone, sub.created_by) == (
        "09:00",
        "UTC",
        "moderator (console:m1)",
    )


async def test_subscribe_with_a_time_and_zone_and_again_changes_the_time(vault: Vault) -> None:
    await vault.ask("/digest subscribe 7:30 America/New_York")
    reply = await vault.ask("/digest subscribe 18:00 Asia/Tokyo")
    assert reply.title == "Digest time changed"
    assert reply.text.startswith("This channel now gets the digest every day at 18:00 (Asia/Tokyo). Next: ")
    assert await vault.engine.store.scalar("SELECT count(*) FROM digest_subscriptions") == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/digest subscribe 9am", "'9am' is not a time; use 24-hour HH:MM, e.g. 09:00 or 18:30."),
        ("/digest subscribe 09:00 Mars/Olympus", "unknown time zone 'Mars/Olympus'; use an IANA name like"),
    ],
)
async def test_invalid_times_and_zones_get_a_specific_error_and_subscribe_nothing(
    vault: Vault, line: str, message: str
) -> None:
    reply = await vault.ask(line)
    assert (reply.kind, reply.title) == ("error", "Invalid time or time zone")
    assert reply.text.startswith(message)
    assert await vault.engine.store.scalar("SELECT count(*) FROM digest_subscriptions") == 0


@pytest.mark.parametrize("line", ["/digest subscribe", "/digest unsubscribe"])
async def test_non_moderators_cannot_change_subscriptions(vault: Vault, line: str) -> None:
    await vault.ask("/digest subscribe 08:00")
    before = await subscriptions_and_audit(vault)
    reply = await vault.ask(line, USER)
    assert reply.kind == "forbidden"
    assert await subscriptions_and_audit(vault) == before


async def subscriptions_and_audit(vault: Vault) -> tuple[list[tuple[object, ...]], ...]:
    store = vault.engine.store
    subs = await store.fetchall("SELECT * FROM digest_subscriptions")
    log = await store.fetchall("SELECT * FROM audit_log")
    return [tuple(r) for r in subs], [tuple(r) for r in log]


async def test_unsubscribe_removes_the_subscription(vault: Vault) -> None:
    await vault.ask("/digest subscribe")
    reply = await vault.ask("/digest unsubscribe")
    assert (reply.title, reply.text) == (
        "Digest unsubscribed",
        "No more digests here (it was every day at 09:00 (UTC)).",
    )
    assert (await vault.ask("/digest unsubscribe")).kind == "not_found"


async def test_subscription_changes_are_in_the_audit_log(vault: Vault) -> None:
    await vault.ask("/digest subscribe 08:15 Europe/Berlin")
    await vault.ask("/digest unsubscribe")
    entries = await audit.recent(vault.engine.store)
    assert [(e.user_id, e.action, e.detail) for e in entries] == [
        ("m1", "digest.unsubscribe", "console:c1"),
        ("m1", "digest.subscribe", "console:c1 at 08:15 Europe/Berlin"),
    ]


async def test_list_shows_the_schedule_and_the_last_digests(vault: Vault) -> None:
    await vault.ask("/digest subscribe 09:00 UTC")
    sub = await get_subscription(vault.engine.store, "console", "c1")
    assert sub is not None
    channels = MemoryChannels(platform="console")
    await DigestScheduler(vault.engine.store, {"console": channels}).run_due(
        sub.created_at + timedelta(days=1)
    )
    reply = await vault.ask("/digest list", USER)
    fields = {f.name: f.value for f in reply.fields}
    assert fields["Schedule"] == "every day at 09:00 (UTC)"
    assert fields["Subscribed by"] == "moderator (console:m1)"
    assert fields["Last digests"].startswith("• up to ")
    assert fields["Last digests"].endswith(": posted, 0 notes")


async def test_list_without_a_subscription_says_how_to_add_one(vault: Vault) -> None:
    reply = await vault.ask("/digest list", USER)
    assert reply.kind == "not_found"
    assert markdown(reply.text).endswith("/digest subscribe 09:00 Europe/Berlin.")


async def test_anyone_can_preview_the_digest_with_the_notes_added_since_subscribing(vault: Vault) -> None:
    await vault.ask("/digest subscribe")
    await vault.add("meta.md", note_bytes())
    reply = await vault.ask("/digest", USER)
    assert reply.title == "Preview · Lab notes digest: 1 new episode"
    lines = reply.text.splitlines()
    assert lines[0].startswith("Preview of the next digest (due ")
    episode = f"• {link('Meta and Llama', 'https://www.youtube.com/watch?v=abcdefghijk')} — bankless · 1 note · on Meta"
    assert episode in lines


async def test_preview_without_a_subscription_covers_the_last_day(vault: Vault) -> None:
    reply = await vault.ask("/digest", USER)
    assert reply.text.splitlines()[0] == "This channel has no digest subscription; this is the last 24 hours."
    assert "Open Source AI Models" in reply.text  # ingested moments ago by the fixture


async def test_a_digest_claim_and_a_note_add_at_the_same_moment_both_land(vault: Vault) -> None:
    await vault.ask("/digest subscribe")
    channels = MemoryChannels(platform="console")
    scheduler = DigestScheduler(vault.engine.store, {"console": channels})
    later = datetime.now(UTC) + timedelta(days=1, hours=1)
    added, results = await asyncio.gather(vault.add("meta.md", note_bytes()), scheduler.run_due(later))
    assert added.kind == "ok"
    assert [r.outcome for r in results] == ["sent"]


# -- focus ------------------------------------------------------------------------------------------


async def test_subscribe_with_labs_and_channels_follows_only_them(vault: Vault) -> None:
    reply = await vault.ask("/digest subscribe 08:00 UTC labs:meta,OpenAI channels:Bankless")
    assert reply.text.startswith(
        "This channel gets the digest every day at 08:00 (UTC), following Meta, OpenAI"
    )
    assert reply.text.endswith("A day with nothing on what it follows posts nothing.")
    sub = await get_subscription(vault.engine.store, "console", "c1")
    assert sub is not None and sub.focus == Focus(("meta", "openai"), ("bankless",))
    entries = await audit.recent(vault.engine.store)
    assert entries[0].detail == "console:c1 at 08:00 UTC following meta,openai from bankless"


@pytest.mark.parametrize(
    ("line", "title", "suggestions"),
    [
        ("/digest subscribe labs:metta", "No lab called “metta”", ["Meta"]),
        ("/digest subscribe channels:bankles", "No podcast channel called “bankles”", ["bankless"]),
        ("/digest subscribe labs:llama", "Llama is a model, not a lab", ["Meta"]),
    ],
)
async def test_an_unknown_name_in_the_focus_gets_did_you_mean_and_subscribes_nothing(
    vault: Vault, line: str, title: str, suggestions: list[str]
) -> None:
    reply = await vault.ask(line)
    assert (reply.title, reply.suggestions) == (title, suggestions)
    assert await vault.engine.store.scalar("SELECT count(*) FROM digest_subscriptions") == 0


async def test_changing_only_the_focus_keeps_the_time(vault: Vault) -> None:
    await vault.ask("/digest subscribe 07:30 Europe/Berlin")
    reply = await vault.ask("/digest subscribe labs:meta")
    assert (reply.title, reply.text.split(". Next")[0]) == (
        "Digest changed",
        "This channel now gets the digest every day at 07:30 (Europe/Berlin), following Meta",
    )


async def test_labs_all_drops_the_focus_on_labs_and_keeps_the_channels(vault: Vault) -> None:
    await vault.ask("/digest subscribe labs:meta channels:bankless")
    await vault.ask("/digest subscribe labs:all")
    sub = await get_subscription(vault.engine.store, "console", "c1")
    assert sub is not None and sub.focus == Focus((), ("bankless",))


async def test_list_says_what_the_channel_follows_and_that_quiet_days_were_not_posted(vault: Vault) -> None:
    await vault.ask("/digest subscribe 09:00 UTC labs:xai")
    sub = await get_subscription(vault.engine.store, "console", "c1")
    assert sub is not None
    channels = MemoryChannels(platform="console")
    await DigestScheduler(vault.engine.store, {"console": channels}).run_due(
        sub.created_at + timedelta(days=1)
    )
    fields = {f.name: f.value for f in (await vault.ask("/digest list", USER)).fields}
    assert fields["Following"] == "xAI"
    assert fields["Last digests"].endswith(": nothing on what it follows, not posted")
    assert channels.posts == []


async def test_preview_all_lists_the_episodes_on_other_topics_too(vault: Vault) -> None:
    cooking = note_bytes("Pot roast", "ccccccccccc", "From: [[aragusea]] <br/>\n\nBrown the meat first.\n")
    await vault.add("pot_roast.md", cooking)
    await vault.add("meta.md", note_bytes())
    short = await vault.ask("/digest", USER)
    full = await vault.ask("/digest preview all", USER)
    assert "Pot roast" not in short.text and "1 episode on other topics from 1 channel" in short.text
    assert "Pot roast" in full.text


async def test_a_mistyped_subcommand_is_not_taken_for_a_preview(vault: Vault) -> None:
    reply = await vault.ask("/digest subscrbe 09:00")
    shown = reply.to_json()
    assert (shown["kind"], shown["title"], shown["suggestions"]) == (
        "error",
        "/digest preview has no option “subscrbe”",
        ["/digest subscribe"],
    )
    assert await vault.engine.store.scalar("SELECT count(*) FROM digest_subscriptions") == 0


async def test_a_lab_after_a_space_in_labs_is_explained(vault: Vault) -> None:
    reply = await vault.ask("/digest subscribe 09:00 UTC labs:meta, openai")
    assert (reply.title, reply.text) == (
        "No podcast channel called “openai”",
        "OpenAI is a lab: list labs without spaces, e.g. labs:meta,openai.",
    )
