"""Discord: the /openness chart travels as a multipart upload of image/png that the first embed shows
through `attachment://`, within the interaction's size limit (the fake checks all three)."""

from __future__ import annotations

import pytest

from adapters.discord_render import IMAGE_NAME
from adapters.platform import DiscordConfig
from bot.commands.engine import Engine
from tests.discord_fixtures import running_bot
from tests.fake_discord import FakeDiscord, Rejected, check_attachment_refs, sniffed_type

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


async def test_the_chart_is_uploaded_as_png_and_shown_in_the_first_embed(engine: Engine) -> None:
    async with running_bot(engine, DiscordConfig()) as bot:
        interaction = await bot.fake.answered(await bot.fake.command("openness", {}, guild=bot.guild))
    assert interaction.original is not None
    (attachment,) = interaction.original["attachments"]
    (upload,) = bot.fake.uploads
    assert (attachment["filename"], attachment["content_type"]) == (IMAGE_NAME, "image/png")
    assert upload[2].startswith(PNG_MAGIC) and attachment["size"] == len(upload[2])
    assert attachment["size"] <= bot.fake.attachment_size_limit
    assert interaction.original["embeds"][0]["image"]["url"] == f"attachment://{IMAGE_NAME}"


async def test_a_chart_over_the_size_limit_is_left_out_and_the_answer_still_sent(engine: Engine) -> None:
    fake = FakeDiscord(attachment_size_limit=1000)
    await fake.start()
    try:
        fake.add_guild()
        async with running_bot(engine, DiscordConfig(), fake=fake) as bot:
            interaction = await bot.fake.answered(await bot.fake.command("openness", {}, guild=bot.guild))
    finally:
        await fake.close()
    assert interaction.original is not None and interaction.original["embeds"]
    assert interaction.original["attachments"] == [] and fake.uploads == []
    assert "image" not in interaction.original["embeds"][0]


def test_fake_refuses_an_embed_naming_a_file_the_message_lacks() -> None:
    with pytest.raises(Rejected):
        check_attachment_refs({"embeds": [{"image": {"url": "attachment://chart.png"}}]}, {"other.png"})


def test_fake_types_uploads_by_their_bytes_as_discord_does() -> None:
    assert sniffed_type("chart.png", PNG_MAGIC + b"x") == "image/png"
    assert sniffed_type("chart.png", b"not a png") == "application/octet-stream"
