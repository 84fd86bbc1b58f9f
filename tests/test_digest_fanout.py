"""The digest at fan-out: many subscriptions across the fake Discord and the fake Slack, which enforce
rate limits as the platforms do (scaled down in time so the test is quick): every channel gets its
digest exactly once, no 429's Retry-After is ignored, each distinct digest is composed once, progress
is logged, and a pass cut short is finished by the next one without a second post anywhere."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import DigestConfig
from bot.delivery import PostLimit
from bot.digest.fanout import FanOut, TokenBucket, paced_rate
from bot.digest.scheduler import DigestScheduler
from bot.store.db import Store
from tests.digest_support import FakeClock, utc
from tests.fake_ratelimit import DiscordLimits, SlackLimits, Window
from tests.fanout_support import platforms, subscribe_all

DUE = utc(2025, 1, 1, 9, 0)
# The platforms' windows a tenth as long (Slack's whole-second Retry-After stays whole seconds).
DISCORD = DiscordLimits().scaled(0.1)  # 50 per 0.1 s, 5 posts per 0.5 s per channel
SLACK = SlackLimits(channel_posts=Window(5, 0.5), methods={"chat.postMessage": Window(30, 0.5)})
# The scheduler's pace under those limits, as the publishers' post_limit is under the real ones.
LIMITS = {
    "discord": PostLimit(rate=400.0, burst=5, in_flight=8),
    "slack": PostLimit(rate=40.0, burst=5, in_flight=4, per_workspace=True),
}


def scheduler(store: Store, publishers: dict[str, object], **options: object) -> DigestScheduler:
    return DigestScheduler(
        store,
        publishers,  # type: ignore[arg-type]
        FakeClock(DUE),
        DigestConfig(spread_seconds=1),
        limits=LIMITS,
        **({"batch_size": 50, "progress_every": 100} | options),  # type: ignore[arg-type]
    )


async def test_three_hundred_channels_each_get_one_post_within_the_limits(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.digest.fanout")
    store = await Store.open(tmp_path / "labnotes.db")
    try:
        async with platforms(
            discord_channels=150, slack_channels=150, workspaces=3, discord_limits=DISCORD, slack_limits=SLACK
        ) as found:
            await subscribe_all(store, found, at=DUE - timedelta(hours=1))
            sched = scheduler(store, found.publishers)
            results = await sched.run_due(DUE)
            compositions = sched.compositions
            again = await sched.run_due(DUE + timedelta(minutes=10))
            discord_posts, slack_posts = found.discord_posts(), found.slack_posts()
            ignored = found.ignored_retry_after()
    finally:
        await store.close()
    assert sorted({r.outcome for r in results}) == ["sent"] and len(results) == 300
    assert again == []
    assert sorted(set(discord_posts.values())) == [1] and len(discord_posts) == 150
    assert sorted(set(slack_posts.values())) == [1] and len(slack_posts) == 150
    assert ignored == 0
    assert compositions == 2  # one per time zone, not one per channel
    progress = [r.getMessage() for r in caplog.records if r.getMessage().startswith("digest fan-out:")]
    assert [p.split(",")[0] for p in progress[:3]] == [
        "digest fan-out: 100/300 posted",
        "digest fan-out: 200/300 posted",
        "digest fan-out: 300/300 posted",
    ]


async def test_ten_thousand_subscriptions_on_both_platforms_each_get_one_post_and_no_429_is_ignored(
    tmp_path: Path,
) -> None:
    # The scale: 6,000 Discord channels and 4,000 Slack channels in 20 workspaces, under the
    # platforms' limits a tenth as long (bench/digest_fanout.py runs the same at the real ones).
    store = await Store.open(tmp_path / "labnotes.db")
    try:
        async with platforms(
            discord_channels=6_000,
            slack_channels=4_000,
            workspaces=20,
            discord_limits=DISCORD,
            slack_limits=SLACK,
        ) as found:
            await subscribe_all(store, found, at=DUE - timedelta(hours=1))
            sched = scheduler(store, found.publishers, progress_every=1_000)
            results = await sched.run_due(DUE)
            discord_posts, slack_posts = found.discord_posts(), found.slack_posts()
            ignored = found.ignored_retry_after()
    finally:
        await store.close()
    assert [r.outcome for r in results] == ["sent"] * 10_000
    assert (sorted(set(discord_posts.values())), len(discord_posts)) == ([1], 6_000)
    assert (sorted(set(slack_posts.values())), len(slack_posts)) == ([1], 4_000)
    assert ignored == 0
    assert sched.compositions == 2


async def test_429s_from_a_tighter_global_limit_are_waited_out_and_none_ignored(tmp_path: Path) -> None:
    # Another process of the same bot takes most of the global limit: the fake allows 5 per 0.1 s while
    # this scheduler paces at 400/s, so discord.py meets 429s and must wait each out. (At 10 per 0.1 s a busy
    # machine posted slower than the limit and met none.)
    store = await Store.open(tmp_path / "labnotes.db")
    try:
        async with platforms(
            discord_channels=60,
            slack_channels=0,
            discord_limits=DiscordLimits(Window(5, 0.1), Window(5, 0.5)),
            slack_limits=SLACK,
        ) as found:
            await subscribe_all(store, found, at=DUE - timedelta(hours=1))
            sched = scheduler(store, found.publishers)
            results = await sched.run_due(DUE)
            posts, sent_429, ignored = found.discord_posts(), found.sent_429(), found.ignored_retry_after()
    finally:
        await store.close()
    assert [r.outcome for r in results] == ["sent"] * 60
    assert sorted(set(posts.values())) == [1]
    assert sent_429 > 0
    assert ignored == 0


async def test_a_pass_cut_short_is_finished_by_the_next_without_a_second_post(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "labnotes.db")
    try:
        async with platforms(
            discord_channels=100, slack_channels=100, workspaces=2, discord_limits=DISCORD, slack_limits=SLACK
        ) as found:
            await subscribe_all(store, found, at=DUE - timedelta(hours=1))
            first = asyncio.ensure_future(scheduler(store, found.publishers).run_due(DUE))
            async with asyncio.timeout(30):
                while sum(found.discord_posts().values()) + sum(found.slack_posts().values()) < 60:  # noqa: ASYNC110 - the fakes own no event to share
                    await asyncio.sleep(0.005)
            first.cancel()  # the process dies mid-run
            with pytest.raises(asyncio.CancelledError):
                await first
            posted_before = sum(found.discord_posts().values()) + sum(found.slack_posts().values())
            # After the lease, a new process (its own connection) resumes the claims left 'sending'
            # and claims the rest.
            await store.close()
            store = await Store.open(tmp_path / "labnotes.db")
            second = await scheduler(store, found.publishers).run_due(DUE + timedelta(minutes=6))
            discord_posts, slack_posts = found.discord_posts(), found.slack_posts()
    finally:
        await store.close()
    assert 60 <= posted_before < 200
    assert sorted(set(discord_posts.values())) == [1] and sorted(set(slack_posts.values())) == [1]
    assert len(discord_posts) + len(slack_posts) == 200
    assert {r.outcome for r in second} <= {"sent", "recovered"}
    assert sum(r.outcome == "sent" for r in second) == 200 - posted_before


def test_a_bucket_paces_to_finish_within_the_spread_not_faster() -> None:
    limit = PostLimit(rate=40.0, burst=5, in_flight=8)
    assert paced_rate(limit, 3, 60) == 40.0  # a few posts go at once
    assert paced_rate(limit, 605, 60) == 10.0  # 600 beyond the burst over the minute
    assert paced_rate(limit, 10_000, 60) == 40.0  # the platform's limit wins over the spread
    assert paced_rate(limit, 8, 60) == 2.0  # a handful is not stretched over the minute


def test_every_discord_guild_counts_toward_the_bots_one_bucket_and_each_slack_workspace_its_own() -> None:
    posts = [("discord", f"guild{n}") for n in range(605)] + [("slack", "T1")] * 3 + [("slack", "T2")] * 2
    fan = FanOut(posts, limits=LIMITS, spread_seconds=60)
    assert fan.totals == {("discord", None): 605, ("slack", "T1"): 3, ("slack", "T2"): 2}
    assert fan.bucket(("discord", None)).rate == 10.0  # 600 beyond the burst over the minute, not 400/s


def test_a_held_bucket_gives_no_token_until_the_retry_time() -> None:
    now = [100.0]
    bucket = TokenBucket(rate=10.0, burst=2, clock=lambda: now[0])
    bucket.hold(1.5)
    assert bucket.wait_time() == 1.5
    now[0] += 1.5
    assert bucket.wait_time() == 0.0  # refilled while held: one token taken
