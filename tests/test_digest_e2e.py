"""End to end through the fake Discord and the fake Slack: a moderator subscribes a channel, a note
arrives, and the digest is posted to that channel once, even across a restart and a crash between the
post and its record."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from adapters.platform import DiscordConfig
from bot.digest.scheduler import DigestScheduler
from tests.digest_support import Crash, CrashAfterPosting
from tests.discord_fixtures import fake_discord, running_bot
from tests.fake_discord import MANAGE_GUILD
from tests.fake_slack import FakeSlack
from tests.notes_support import Vault, note_bytes
from tests.slack_fixtures import fake_slack, start_adapter

__all__ = ["fake_slack"]  # the fixture, re-exported for pytest


def _next_local(after: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The first moment at `at` on the clock of `zone` from `after` on, in UTC."""
    local = after.astimezone(zone)
    moment = datetime.combine(local.date(), at, tzinfo=zone)
    if moment < local:
        moment = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=zone)
    return moment.astimezone(UTC)


def _after_next_digest(at: time, zone: str = "UTC") -> datetime:
    """Fifteen minutes after a digest's time, a day on: runs up to a few hours later stay before the next
    one whatever time the test runs (now + a day would cross one some mornings)."""
    digest_time = (datetime.combine(datetime.now(UTC).date(), at) + timedelta(minutes=15)).time()
    return _next_local(datetime.now(UTC) + timedelta(days=1), digest_time, ZoneInfo(zone))


async def test_discord_digest_is_posted_once_with_the_new_note(vault: Vault) -> None:
    async with fake_discord() as fake:
        guild = fake.add_guild()
        admin = fake.member(guild, name="alice", permissions=MANAGE_GUILD)
        async with running_bot(vault.engine, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake) as bot:
            subscribed = await bot.fake.answered(
                await bot.fake.command(
                    "digest-admin subscribe", {"time": "09:00", "timezone": "UTC"}, guild=guild, member=admin
                )
            )
            await vault.add("meta.md", note_bytes())
            publisher = bot.adapter.publisher
            assert publisher is not None
            later = _after_next_digest(time(9, 0))  # the default digest time, 09:00 UTC
            first = await DigestScheduler(vault.engine.store, {"discord": publisher}).run_due(later)
            again = await DigestScheduler(vault.engine.store, {"discord": publisher}).run_due(later)
            posts = list(fake.messages[guild.channel_id])
    assert subscribed.answer["embeds"][0]["title"] == "Digest subscribed"
    assert [(r.outcome, r.note_count) for r in first] == [("sent", 1)]
    assert again == []
    [post] = posts
    assert post["id"] == first[0].message_id
    assert post["embeds"][0]["title"] == "Lab notes digest: 1 new episode"
    assert (
        "\n• [Meta and Llama](https://www.youtube.com/watch?v=abcdefghijk) — bankless"  # a live link
        in post["embeds"][0]["description"]
    )


async def test_discord_crash_between_post_and_record_is_recovered_without_a_second_post(vault: Vault) -> None:
    async with fake_discord() as fake:
        guild = fake.add_guild()
        admin = fake.member(guild, permissions=MANAGE_GUILD)
        async with running_bot(vault.engine, DiscordConfig(guild_ids=[int(guild.id)]), fake=fake) as bot:
            await bot.fake.answered(
                await bot.fake.command("digest-admin subscribe", {}, guild=guild, member=admin)
            )
            publisher = bot.adapter.publisher
            assert publisher is not None
            later = _after_next_digest(time(9, 0))  # the default digest time, 09:00 UTC
            with pytest.raises(Crash):
                await DigestScheduler(vault.engine.store, {"discord": CrashAfterPosting(publisher)}).run_due(
                    later
                )
            restarted = DigestScheduler(vault.engine.store, {"discord": publisher})
            resumed = await restarted.run_due(later + timedelta(minutes=10))
            posts = list(fake.messages[guild.channel_id])
    assert [r.outcome for r in resumed] == ["recovered"]
    [post] = posts
    assert resumed[0].message_id == post["id"]


async def slash(fake: FakeSlack, command: str, text: str, user_id: str) -> dict[str, Any]:
    payload = fake.slash_payload(command, text, user_id=user_id)
    before = len(fake.responses)
    await fake.wait_ack(await fake.send_envelope("slash_commands", payload))
    return (await fake.wait_responses(before + 1))[before].body


async def test_slack_digest_is_posted_once_even_after_a_crash_and_a_restart(
    vault: Vault, fake_slack: FakeSlack
) -> None:
    adapter = await start_adapter(vault.engine, fake_slack)
    try:
        answer = await slash(fake_slack, "/digest", "subscribe 10:30 Europe/Berlin", user_id="U0ADMIN")
        file_id = fake_slack.add_file("meta.md", note_bytes())
        await slash(fake_slack, "/notes", f"add {file_id}", user_id="U0ADMIN")
        publisher = adapter.publisher
        later = _after_next_digest(time(10, 30), "Europe/Berlin")
        with pytest.raises(Crash):
            await DigestScheduler(vault.engine.store, {"slack": CrashAfterPosting(publisher)}).run_due(later)
        resumed = await DigestScheduler(vault.engine.store, {"slack": publisher}).run_due(
            later + timedelta(hours=1)
        )
        again = await DigestScheduler(vault.engine.store, {"slack": publisher}).run_due(
            later + timedelta(hours=2)
        )
    finally:
        await adapter.stop()
    assert answer["blocks"][0]["text"]["text"] == "Digest subscribed"
    assert [r.outcome for r in resumed] == ["recovered"] and again == []
    [post] = fake_slack.channels["C0GENERAL"]
    assert "<https://www.youtube.com/watch?v=abcdefghijk|Meta and Llama> — bankless" in repr(post["blocks"])
