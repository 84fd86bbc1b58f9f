"""The digest's chart of the period's openness changes: an arrow per lab or model whose verdict moved,
carried by the digest's Reply beside the same text, and posted with it exactly once, on Discord as the
attachment its embed shows, on Slack shared below it with the files API v2, even when the post is
retried; no chart when no verdict changed; the console prints it as text and saves the PNG."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from adapters.console import CHART_DIR_VARIABLE, show
from adapters.slack_app import SlackPublisher, build_client
from bot.charts import render, theme
from bot.charts.changes import (
    MAX_ROWS,
    ChangesChart,
    Shift,
    changes_alt,
    changes_chart,
    changes_png,
    changes_text,
    render_changes,
)
from bot.delivery import Publisher
from bot.digest.compose import compose_digest
from bot.digest.schedule import DailySchedule
from bot.digest.scheduler import DeliveryResult, DigestScheduler
from bot.digest.subscriptions import subscribe
from bot.reply import Reply, markdown
from bot.store.db import Store
from tests.digest_support import (
    Crash,
    CrashAfterPosting,
    FakeClock,
    add_lab,
    add_model,
    add_note,
    change_label,
    utc,
)
from tests.discord_fixtures import TinyCore, running_bot
from tests.fake_slack import FakeSlack
from tests.slack_fixtures import fake_slack

__all__ = ["fake_slack"]  # the fixture, re-exported for pytest

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SUBSCRIBED, DUE, LATER = utc(2025, 1, 1, 8), utc(2025, 1, 1, 9), utc(2025, 1, 1, 9, 10)  # LATER: lease over
CHART = changes_chart(
    [
        Shift("Meta", "mostly closed", "mostly open", "open"),
        Shift("Llama (Meta)", "unknown", "open", "open"),
        Shift("OpenAI", "mixed", "closed", "closed"),
        Shift("xAI", "open", "unknown", "either"),
    ],
    since="Wed 01 Jan 09:00 UTC",
)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    render._cache.clear()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "labnotes.db")
    await add_lab(store, "meta", "Meta", "mostly closed")
    await add_lab(store, "openai", "OpenAI", "closed")
    await add_model(store, "llama", "Llama", "meta")
    yield store
    await store.close()


# -- the chart ---------------------------------------------------------------------------------------


def test_the_chart_is_a_png_on_the_charts_card_growing_with_its_rows() -> None:
    png = render_changes(CHART)
    fewer = Image.open(io.BytesIO(render_changes(changes_chart(list(CHART.shifts[:1])))))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert png.startswith(PNG_MAGIC)
    assert image.width == render.WIDTH_IN * render.DPI and image.height > fewer.height
    assert "#{:02x}{:02x}{:02x}".format(*image.getpixel((10, image.height // 2))) == theme.CARD


async def test_the_chart_is_drawn_off_the_loop_once_per_data() -> None:
    before = render.renders
    first = await changes_png(CHART)
    again = await changes_png(ChangesChart(CHART.shifts, CHART.since))  # equal data, another object
    assert first is again and render.renders - before == 1


def test_the_text_chart_marks_where_each_verdict_was_and_is() -> None:
    assert changes_text(CHART).split("\n") == [
        "             ?  C  c  ~  o  O",
        "Meta               ○────▶●     mostly closed → mostly open",
        "Llama (Meta) ○─────────────▶●  unknown → open",
        "OpenAI          ●◀────○        mixed → closed",
        "xAI          ●◀─────────────○  open → unknown",
        "? no evidence  C closed  c mostly closed  ~ mixed  o mostly open  O open  (○ before, ● now)",
    ]


def test_the_alt_text_says_every_change_drawn() -> None:
    assert changes_alt(CHART) == (
        "Openness changes: an arrow per lab or model from its old openness verdict to its new one, on a "
        "scale from closed to open. Meta: mostly closed → mostly open; Llama (Meta): unknown → open; "
        "OpenAI: mixed → closed; xAI: open → unknown."
    )


def test_changes_beyond_the_rows_drawn_are_counted_not_drawn() -> None:
    many = changes_chart([Shift(f"Lab {i}", "unknown", "open", "open") for i in range(MAX_ROWS + 3)])
    assert len(many.shifts) == MAX_ROWS and many.more == 3
    assert changes_text(many).split("\n")[-2] == "…and 3 more"


# -- the digest carries it ---------------------------------------------------------------------------


async def _digest(store: Store) -> Reply:
    baseline = {"meta": "mostly closed", "openai": "closed", "model:llama": "unknown"}
    digest = await compose_digest(store, start=DUE, end=utc(2025, 1, 2, 9), baseline_labels=baseline)
    return digest.reply


async def test_a_digest_whose_verdicts_changed_carries_their_chart_beside_the_same_text(store: Store) -> None:
    await change_label(store, "meta", "open")
    await change_label(store, "llama", "mostly open", "model")
    reply = await _digest(store)
    assert reply.image is not None and reply.image.startswith(PNG_MAGIC)
    assert reply.image_text.split("\n")[1:3] == [
        "Meta               ○───────▶●  mostly closed → open",
        "Llama (Meta) ○──────────▶●     unknown → mostly open",
    ]
    assert "Meta: mostly closed → open; Llama (Meta): unknown → mostly open." in reply.image_alt
    assert markdown(reply.text).split("\n") == [
        "No new notes since Wed 01 Jan 09:00 UTC.",
        "",
        "**Openness changes**",
        "Meta: mostly closed → open · Llama: unknown → mostly open",
    ]


async def test_a_digest_without_verdict_changes_carries_no_chart(store: Store) -> None:
    await add_note(store, "bankless/paris.md", "Meta in Paris", at=utc(2025, 1, 1, 12))
    reply = await _digest(store)
    assert reply.title == "Lab notes digest: 1 new episode"
    assert (reply.image, reply.image_alt, reply.image_text) == (None, "", "")


async def test_the_console_prints_the_changes_as_text_and_saves_the_png(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CHART_DIR_VARIABLE, str(tmp_path / "charts"))
    await change_label(store, "meta", "open")
    reply = await _digest(store)
    shown = show(reply, io.StringIO())
    saved = Path(shown.rstrip("\n").rsplit("Chart saved to ", 1)[1])
    assert "\nMeta       ○───────▶●  mostly closed → open\n" in shown
    assert saved.parent == tmp_path / "charts" and await asyncio.to_thread(saved.read_bytes) == reply.image


# -- posted with the digest, exactly once ------------------------------------------------------------


async def _subscribed(store: Store, platform: str, channel_id: str, workspace: str) -> None:
    await subscribe(
        store,
        platform=platform,
        channel_id=channel_id,
        workspace_id=workspace,
        schedule=DailySchedule.parse("09:00", "UTC"),
        timezone="UTC",
        created_by="mod",
        now=SUBSCRIBED,
    )


async def _run(store: Store, platform: str, publisher: Publisher, at: datetime) -> list[DeliveryResult]:
    return await DigestScheduler(store, {platform: publisher}, FakeClock(at)).run_due(at)


async def test_discord_posts_the_chart_as_the_attachment_its_embed_shows(store: Store) -> None:
    async with running_bot(TinyCore()) as bot:
        assert bot.adapter.publisher is not None
        await _subscribed(store, "discord", bot.guild.channel_id, bot.guild.id)
        await change_label(store, "meta", "open")
        [result] = await _run(store, "discord", bot.adapter.publisher, DUE)
    [message] = bot.fake.messages[bot.guild.channel_id]
    [attachment] = message["attachments"]
    assert result.outcome == "sent" and message["embeds"][0]["title"] == "Lab notes digest: openness changes"
    assert (attachment["filename"], attachment["content_type"]) == ("chart.png", "image/png")
    assert message["embeds"][0]["image"]["url"] == "attachment://chart.png"
    assert [(name, data.startswith(PNG_MAGIC)) for name, _, data in bot.fake.uploads] == [("chart.png", True)]


async def test_discord_uploads_the_chart_once_when_the_post_is_retried_after_a_429(store: Store) -> None:
    async with running_bot(TinyCore()) as bot:
        assert bot.adapter.publisher is not None
        await _subscribed(store, "discord", bot.guild.channel_id, bot.guild.id)
        await change_label(store, "meta", "open")
        bot.fake.rate_limit_next("POST", rf"/channels/{bot.guild.channel_id}/messages$")
        [result] = await _run(store, "discord", bot.adapter.publisher, DUE)
    [message] = bot.fake.messages[bot.guild.channel_id]
    assert result.outcome == "sent" and len(bot.fake.rate_limited) == 1
    assert len(message["attachments"]) == 1 and len(bot.fake.uploads) == 1


async def test_discord_posts_once_after_more_429s_than_discord_py_retries(store: Store) -> None:
    # discord.py tries five times; the publisher sends the same post again after Retry-After.
    async with running_bot(TinyCore()) as bot:
        assert bot.adapter.publisher is not None
        await _subscribed(store, "discord", bot.guild.channel_id, bot.guild.id)
        await change_label(store, "meta", "open")
        bot.fake.rate_limit_next("POST", rf"/channels/{bot.guild.channel_id}/messages$", times=7)
        [result] = await _run(store, "discord", bot.adapter.publisher, DUE)
    [message] = bot.fake.messages[bot.guild.channel_id]
    assert result.outcome == "sent" and len(bot.fake.rate_limited) == 7
    assert len(message["attachments"]) == 1 and len(bot.fake.uploads) == 1


async def test_discord_leaves_a_post_to_the_next_pass_when_429s_ask_a_long_wait(store: Store) -> None:
    async with running_bot(TinyCore()) as bot:
        assert bot.adapter.publisher is not None
        await _subscribed(store, "discord", bot.guild.channel_id, bot.guild.id)
        await change_label(store, "meta", "open")
        channel_posts = rf"/channels/{bot.guild.channel_id}/messages$"
        bot.fake.rate_limit_next("POST", channel_posts, times=5, header_seconds=30)
        [result] = await _run(store, "discord", bot.adapter.publisher, DUE)
        [resumed] = await _run(store, "discord", bot.adapter.publisher, LATER)
    [message] = bot.fake.messages[bot.guild.channel_id]
    assert result.outcome == "retry" and "429" in (result.error or "")
    assert resumed.outcome == "sent" and resumed.message_id == message["id"]


async def test_discord_recovers_a_crashed_delivery_without_a_second_chart(store: Store) -> None:
    async with running_bot(TinyCore()) as bot:
        publisher = bot.adapter.publisher
        assert publisher is not None
        await _subscribed(store, "discord", bot.guild.channel_id, bot.guild.id)
        await change_label(store, "meta", "open")
        with pytest.raises(Crash):
            await _run(store, "discord", CrashAfterPosting(publisher), DUE)
        [resumed] = await _run(store, "discord", publisher, LATER)
    [message] = bot.fake.messages[bot.guild.channel_id]
    assert resumed.outcome == "recovered" and resumed.message_id == message["id"]
    assert len(message["attachments"]) == 1 and len(bot.fake.uploads) == 1


async def test_discord_digest_without_changes_has_no_attachment(store: Store) -> None:
    async with running_bot(TinyCore()) as bot:
        assert bot.adapter.publisher is not None
        await _subscribed(store, "discord", bot.guild.channel_id, bot.guild.id)
        await add_note(store, "bankless/paris.md", "Meta in Paris", at=utc(2025, 1, 1, 8, 30))
        [result] = await _run(store, "discord", bot.adapter.publisher, DUE)
    [message] = bot.fake.messages[bot.guild.channel_id]
    assert result.outcome == "sent" and message["attachments"] == [] and bot.fake.uploads == []
    assert "image" not in message["embeds"][0]


def _slack(fake: FakeSlack) -> SlackPublisher:
    return SlackPublisher(build_client(fake.bot_token, fake.api_base))


def _upload_steps(fake: FakeSlack) -> list[str]:
    steps = ("chat.postMessage", "files.getUploadURLExternal", "files.completeUploadExternal")
    return [method for method, _ in fake.calls if method in steps]


async def test_slack_shares_the_chart_below_the_digest_with_files_api_v2(
    store: Store, fake_slack: FakeSlack
) -> None:
    await _subscribed(store, "slack", "C0GENERAL", fake_slack.team_id)
    await change_label(store, "meta", "open")
    [result] = await _run(store, "slack", _slack(fake_slack), DUE)
    [message] = fake_slack.channels["C0GENERAL"]
    [shared] = fake_slack.shared
    assert result.outcome == "sent" and message["ts"] == result.message_id
    assert _upload_steps(fake_slack) == [
        "chat.postMessage",
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    ]
    assert (shared.channel, shared.filename, shared.mimetype) == ("C0GENERAL", "chart.png", "image/png")
    assert shared.title == "Lab notes digest: openness changes"
    assert shared.alt_txt is not None and "Meta: mostly closed → open" in shared.alt_txt


async def test_slack_shares_the_chart_once_when_failed_posts_are_retried(
    store: Store, fake_slack: FakeSlack
) -> None:
    await _subscribed(store, "slack", "C0GENERAL", fake_slack.team_id)
    await change_label(store, "meta", "open")
    fake_slack.fail_next("chat.postMessage", 500, times=3)  # beyond the client's own two retries
    [failed] = await _run(store, "slack", _slack(fake_slack), DUE)
    nothing_yet = list(fake_slack.shared)
    [resent] = await _run(store, "slack", _slack(fake_slack), LATER)
    assert (failed.outcome, nothing_yet, resent.outcome) == ("retry", [], "sent")
    assert len(fake_slack.channels["C0GENERAL"]) == 1 and len(fake_slack.shared) == 1
    assert _upload_steps(fake_slack).count("files.getUploadURLExternal") == 1


async def test_slack_recovers_a_crashed_delivery_without_a_second_chart(
    store: Store, fake_slack: FakeSlack
) -> None:
    await _subscribed(store, "slack", "C0GENERAL", fake_slack.team_id)
    await change_label(store, "meta", "open")
    with pytest.raises(Crash):
        await _run(store, "slack", CrashAfterPosting(_slack(fake_slack)), DUE)
    [resumed] = await _run(store, "slack", _slack(fake_slack), LATER)
    assert resumed.outcome == "recovered"
    assert len(fake_slack.channels["C0GENERAL"]) == 1 and len(fake_slack.shared) == 1


async def test_slack_digest_without_changes_uploads_nothing(store: Store, fake_slack: FakeSlack) -> None:
    await _subscribed(store, "slack", "C0GENERAL", fake_slack.team_id)
    await add_note(store, "bankless/paris.md", "Meta in Paris", at=utc(2025, 1, 1, 8, 30))
    [result] = await _run(store, "slack", _slack(fake_slack), DUE)
    assert result.outcome == "sent" and len(fake_slack.channels["C0GENERAL"]) == 1
    assert _upload_steps(fake_slack) == ["chat.postMessage"] and fake_slack.shared == []


async def test_slack_digest_is_delivered_when_its_chart_cannot_be_shared(
    store: Store, fake_slack: FakeSlack
) -> None:
    fake_slack.scopes.discard("files:write")
    await _subscribed(store, "slack", "C0GENERAL", fake_slack.team_id)
    await change_label(store, "meta", "open")
    [result] = await _run(store, "slack", _slack(fake_slack), DUE)
    again = await _run(store, "slack", _slack(fake_slack), LATER)
    assert (result.outcome, again) == ("sent", [])  # recorded as sent: not posted a second time
    assert len(fake_slack.channels["C0GENERAL"]) == 1 and fake_slack.shared == []
