"""The scheduler on an injected clock: each period of each subscription is posted exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.config import DigestConfig
from bot.delivery import DeliveryError
from bot.digest.deliveries import delivery_history, idempotency_key
from bot.digest.schedule import DailySchedule
from bot.digest.scheduler import DigestScheduler
from bot.digest.subscriptions import Subscription, subscribe, unsubscribe
from bot.store.db import Store
from tests.digest_support import Crash, FakeClock, MemoryChannels, add_note, utc

CHANNEL = "chan-1"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "labnotes.db")
    yield store
    await store.close()


@pytest.fixture
def channels() -> MemoryChannels:
    return MemoryChannels()


async def subscribed(
    store: Store, at: datetime, time: str = "09:00", tz: str = "UTC", channel: str = CHANNEL
) -> Subscription:
    sub, _ = await subscribe(
        store,
        platform="discord",
        channel_id=channel,
        workspace_id="g1",
        schedule=DailySchedule.parse(time, tz),
        timezone=tz,
        created_by="discord:1 (mod)",
        now=at,
    )
    return sub


def scheduler(store: Store, channels: MemoryChannels, quiet: str = "post") -> DigestScheduler:
    config = DigestConfig(quiet="skip" if quiet == "skip" else "post")
    return DigestScheduler(store, {"discord": channels}, FakeClock(utc(2025, 1, 1)), config)


async def test_nothing_is_posted_before_the_due_time(store: Store, channels: MemoryChannels) -> None:
    await subscribed(store, utc(2025, 1, 1, 8, 0))
    assert await scheduler(store, channels).run_due(utc(2025, 1, 1, 8, 59)) == []
    assert channels.posts == []


async def test_the_period_is_posted_at_its_due_time(store: Store, channels: MemoryChannels) -> None:
    sub = await subscribed(store, utc(2025, 1, 1, 8, 0))
    results = await scheduler(store, channels).run_due(utc(2025, 1, 1, 9, 0))
    assert [(r.outcome, r.period_start, r.period_end) for r in results] == [
        ("sent", utc(2025, 1, 1, 8, 0), utc(2025, 1, 1, 9, 0))
    ]
    assert [(p.channel_id, p.key) for p in channels.posts] == [
        (CHANNEL, idempotency_key(sub.id, utc(2025, 1, 1, 9)))
    ]
    [delivery] = await delivery_history(store, sub.id)
    assert (delivery.state, delivery.message_id) == ("sent", "m1")


async def test_a_restart_after_recording_posts_nothing_more(store: Store, channels: MemoryChannels) -> None:
    await subscribed(store, utc(2025, 1, 1, 8, 0))
    await scheduler(store, channels).run_due(utc(2025, 1, 1, 9, 0))
    restarted = scheduler(store, channels)
    assert await restarted.run_due(utc(2025, 1, 1, 9, 30)) == []
    assert len(channels.posts) == 1


async def test_a_restart_before_sending_posts_the_period_once_after_the_lease(
    store: Store, channels: MemoryChannels
) -> None:
    await subscribed(store, utc(2025, 1, 1, 8, 0))
    channels.crash_before_send = True
    with pytest.raises(Crash):
        await scheduler(store, channels).run_due(utc(2025, 1, 1, 9, 0))
    channels.crash_before_send = False
    restarted = scheduler(store, channels)
    assert await restarted.run_due(utc(2025, 1, 1, 9, 1)) == []  # the claim may still be alive
    results = await restarted.run_due(utc(2025, 1, 1, 9, 6))
    assert [(r.outcome, r.period_end) for r in results] == [("sent", utc(2025, 1, 1, 9, 0))]
    assert len(channels.posts) == 1


async def test_a_crash_between_send_and_record_neither_duplicates_nor_loses_the_period(
    store: Store, channels: MemoryChannels
) -> None:
    sub = await subscribed(store, utc(2025, 1, 1, 8, 0))
    channels.crash_after_send = True
    with pytest.raises(Crash):
        await scheduler(store, channels).run_due(utc(2025, 1, 1, 9, 0))
    channels.crash_after_send = False
    restarted = scheduler(store, channels)
    results = await restarted.run_due(utc(2025, 1, 1, 9, 10))
    assert [(r.outcome, r.message_id) for r in results] == [("recovered", "m1")]
    assert len(channels.posts) == 1
    [delivery] = await delivery_history(store, sub.id)
    assert (delivery.state, delivery.message_id) == ("sent", "m1")
    # The next period starts where the recovered one ended.
    [nxt] = await restarted.run_due(utc(2025, 1, 2, 9, 0))
    assert (nxt.outcome, nxt.period_start) == ("sent", utc(2025, 1, 1, 9, 0))


async def test_three_days_of_downtime_give_one_catch_up_covering_the_gap(
    store: Store, channels: MemoryChannels
) -> None:
    await subscribed(store, utc(2025, 1, 1, 8, 0))
    await scheduler(store, channels).run_due(utc(2025, 1, 1, 9, 0))
    for day in (2, 3, 4):
        await add_note(store, f"bankless/day{day}.md", f"Note of day {day}", at=utc(2025, 1, day, 12, 0))
    results = await scheduler(store, channels).run_due(utc(2025, 1, 4, 15, 0))
    assert [(r.outcome, r.period_start, r.period_end, r.note_count) for r in results] == [
        ("sent", utc(2025, 1, 1, 9, 0), utc(2025, 1, 4, 9, 0), 2)
    ]
    assert len(channels.posts) == 2
    text = channels.posts[1].reply.text
    assert "Note of day 2" in text and "Note of day 3" in text
    assert "Note of day 4" not in text  # arrived after 09:00 on the 4th: the next period's news


async def test_two_schedulers_on_one_store_post_once(tmp_path: Path, channels: MemoryChannels) -> None:
    first = await Store.open(tmp_path / "shared.db")
    second = await Store.open(tmp_path / "shared.db")
    try:
        await subscribed(first, utc(2025, 1, 1, 8, 0))
        a, b = scheduler(first, channels), scheduler(second, channels)
        results = await asyncio.gather(a.run_due(utc(2025, 1, 1, 9, 0)), b.run_due(utc(2025, 1, 1, 9, 0)))
        assert sorted(len(r) for r in results) == [0, 1]
        assert len(channels.posts) == 1
    finally:
        await first.close()
        await second.close()


async def test_two_schedulers_taking_over_a_stale_claim_post_once(
    tmp_path: Path, channels: MemoryChannels
) -> None:
    first = await Store.open(tmp_path / "shared.db")
    second = await Store.open(tmp_path / "shared.db")
    try:
        await subscribed(first, utc(2025, 1, 1, 8, 0))
        channels.crash_before_send = True
        with pytest.raises(Crash):
            await scheduler(first, channels).run_due(utc(2025, 1, 1, 9, 0))
        channels.crash_before_send = False
        a, b = scheduler(first, channels), scheduler(second, channels)
        await asyncio.gather(a.run_due(utc(2025, 1, 1, 9, 30)), b.run_due(utc(2025, 1, 1, 9, 30)))
        assert len(channels.posts) == 1
    finally:
        await first.close()
        await second.close()


async def test_a_permanent_delivery_error_is_recorded_and_not_retried(
    store: Store, channels: MemoryChannels
) -> None:
    sub = await subscribed(store, utc(2025, 1, 1, 8, 0))
    channels.fail_with = DeliveryError("Missing Access", permanent=True)
    [result] = await scheduler(store, channels).run_due(utc(2025, 1, 1, 9, 0))
    assert (result.outcome, result.error) == ("failed", "DeliveryError: Missing Access")
    channels.fail_with = None
    assert await scheduler(store, channels).run_due(utc(2025, 1, 1, 12, 0)) == []
    [delivery] = await delivery_history(store, sub.id)
    assert (delivery.state, delivery.error) == ("failed", "DeliveryError: Missing Access")


async def test_a_transient_error_is_retried_after_the_lease(store: Store, channels: MemoryChannels) -> None:
    await subscribed(store, utc(2025, 1, 1, 8, 0))
    channels.fail_with = DeliveryError("503 Service Unavailable")
    sched = scheduler(store, channels)
    [first] = await sched.run_due(utc(2025, 1, 1, 9, 0))
    assert first.outcome == "retry"
    channels.fail_with = None
    assert await sched.run_due(utc(2025, 1, 1, 9, 2)) == []
    [retried] = await sched.run_due(utc(2025, 1, 1, 9, 5))
    assert (retried.outcome, retried.period_end) == ("sent", utc(2025, 1, 1, 9, 0))
    assert len(channels.posts) == 1


async def test_new_york_fall_back_day_posts_the_ambiguous_time_once(
    store: Store, channels: MemoryChannels
) -> None:
    await subscribed(store, utc(2025, 11, 1, 12, 0), time="01:30", tz="America/New_York")
    sched = scheduler(store, channels)
    [first] = await sched.run_due(utc(2025, 11, 2, 5, 30))  # 01:30 EDT
    assert first.period_end == utc(2025, 11, 2, 5, 30)
    assert await sched.run_due(utc(2025, 11, 2, 6, 30)) == []  # 01:30 EST, the same wall time again
    assert len(channels.posts) == 1


async def test_berlin_spring_forward_posts_a_skipped_time_at_three(
    store: Store, channels: MemoryChannels
) -> None:
    await subscribed(store, utc(2025, 3, 29, 12, 0), time="02:30", tz="Europe/Berlin")
    sched = scheduler(store, channels)
    assert await sched.run_due(utc(2025, 3, 30, 0, 59)) == []
    [result] = await sched.run_due(utc(2025, 3, 30, 1, 0))  # 03:00 CEST
    assert result.period_end == utc(2025, 3, 30, 1, 0)


async def test_a_quiet_period_posts_a_short_line_by_default(store: Store, channels: MemoryChannels) -> None:
    await subscribed(store, utc(2025, 1, 1, 8, 0))
    await scheduler(store, channels).run_due(utc(2025, 1, 1, 9, 0))
    assert channels.posts[0].reply.text == "No new notes since Wed 01 Jan 08:00 UTC."


async def test_a_quiet_period_is_skipped_when_configured(store: Store, channels: MemoryChannels) -> None:
    sub = await subscribed(store, utc(2025, 1, 1, 8, 0))
    [result] = await scheduler(store, channels, quiet="skip").run_due(utc(2025, 1, 1, 9, 0))
    assert result.outcome == "skipped"
    assert channels.posts == []
    [delivery] = await delivery_history(store, sub.id)
    assert delivery.state == "skipped"


async def test_a_platform_that_is_not_running_keeps_its_periods_for_one_catch_up(
    store: Store, channels: MemoryChannels
) -> None:
    await subscribed(store, utc(2025, 1, 1, 8, 0))
    without_discord = DigestScheduler(store, {}, FakeClock(utc(2025, 1, 1)))
    assert await without_discord.run_due(utc(2025, 1, 3, 10, 0)) == []
    [result] = await scheduler(store, channels).run_due(utc(2025, 1, 3, 10, 0))
    assert (result.period_start, result.period_end) == (utc(2025, 1, 1, 8, 0), utc(2025, 1, 3, 9, 0))


async def test_unsubscribing_stops_the_posts(store: Store, channels: MemoryChannels) -> None:
    await subscribed(store, utc(2025, 1, 1, 8, 0))
    await unsubscribe(store, "discord", CHANNEL)
    assert await scheduler(store, channels).run_due(utc(2025, 1, 2, 9, 0)) == []


async def test_the_loop_sleeps_until_the_next_due_time_and_wakes_for_a_new_subscription(
    store: Store, channels: MemoryChannels
) -> None:
    clock = FakeClock(utc(2025, 1, 1, 8, 0))
    await subscribed(store, clock.now(), time="09:00")
    sched = DigestScheduler(store, {"discord": channels}, clock, max_sleep=86400)
    task = asyncio.create_task(sched.run_forever())
    try:
        await clock.until_sleeping(1)
        assert clock.sleeps == [3600.0]
        await subscribed(store, clock.now(), time="08:30", channel="chan-2")  # wakes the loop
        await clock.until_sleeping(2)
        assert clock.sleeps == [3600.0, 1800.0]
        clock.elapse()  # 08:30: chan-2 is due
        await clock.until_sleeping(3)
        assert [p.channel_id for p in channels.posts] == ["chan-2"]
        assert clock.sleeps[-1] == 1800.0  # then sleeps until 09:00
    finally:
        sched.stop()
        await task
