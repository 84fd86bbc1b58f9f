"""/lab NAME and /compare attach the component matrix as a picture (issue 14, item 4): exactly when the
notes say something about a component, with its alt and text forms, cached by data, the JSON unchanged."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from adapters.discord_render import IMAGE_NAME, render_reply
from bot.charts import render
from bot.commands.engine import Engine
from bot.config import Config
from bot.reply import Reply
from tests.conftest import CATALOG, CHANNEL, USER, build_store
from tests.reply_contract import check_reply_json
from tests.test_commands_aggregates import write_note

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# xAI's Grok-1 has components said; Anthropic and OpenAI are named with nothing about any component.
NOTES = [
    ("AAAAAAAAAAA", "one", "xAI released the weights of Grok-1", 60),
    ("BBBBBBBBBBB", "two", "Grok-1 was released under the Apache 2.0 license", 90),
    ("CCCCCCCCCCC", "two", "The training data of Grok-1 is proprietary", 30),
    ("DDDDDDDDDDD", "one", "Anthropic and OpenAI compete for AI researchers", 45),
]
JSON_KEYS = {"kind", "title", "text", "fields", "citations", "suggestions", "entity"}


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[Engine]:
    notes = tmp_path / "notes"
    notes.mkdir()
    for video, channel, text, second in NOTES:
        write_note(notes, video, channel, [(text, second)])
    db = await build_store(tmp_path / "s.db", notes)
    engine = await Engine.open(replace(Config(), db_path=db, notes_dir=notes, catalog_path=CATALOG))
    render._cache.clear()
    try:
        yield engine
    finally:
        await engine.close()


async def ask(engine: Engine, text: str) -> Reply:
    reply = await engine.ask(text, USER, CHANNEL)
    assert reply.kind == "ok", reply.text
    return reply


def is_png(image: bytes | None) -> bool:
    return image is not None and image.startswith(PNG_MAGIC) and Image.open(io.BytesIO(image)).format == "PNG"


async def test_lab_attaches_its_models_matrix_with_alt_and_text(engine: Engine) -> None:
    reply = await ask(engine, "/lab xai")
    assert is_png(reply.image)
    assert reply.image_alt == (
        "xAI: components by model: a table of 6 components by status. Grok 1: weights open, training data "
        "closed, licence open; the rest not said; licence named: Apache 2.0."
    )
    assert reply.image_text.split("\n") == [
        "        weights code training data licence paper access",
        "Grok 1     ●     –         ○          ●      –     –     Apache 2.0",
        "● open  ◐ partial  ○ closed  – not said",
    ]


async def test_a_lab_with_nothing_said_about_any_component_gets_no_picture(engine: Engine) -> None:
    reply = await ask(engine, "/lab anthropic")
    assert (reply.image, reply.image_alt, reply.image_text) == (None, "", "")


async def test_compare_attaches_one_row_per_compared_entity(engine: Engine) -> None:
    reply = await ask(engine, "/compare xai openai")
    assert is_png(reply.image)
    assert reply.image_alt.startswith("Components: xAI vs OpenAI: a table of 6 components by status. xAI: ")
    assert reply.image_alt.endswith(". OpenAI: nothing said.")
    assert [line.split()[0] for line in reply.image_text.split("\n")[1:3]] == ["xAI", "OpenAI"]


async def test_compare_with_nothing_said_about_any_component_gets_no_picture(engine: Engine) -> None:
    reply = await ask(engine, "/compare anthropic openai")
    assert (reply.image, reply.image_alt, reply.image_text) == (None, "", "")


async def test_the_matrix_is_drawn_once_while_the_data_is_unchanged(engine: Engine) -> None:
    before = render.renders
    first = await ask(engine, "/lab xai")
    again = await ask(engine, "/lab xai")
    assert first.image is again.image and render.renders - before == 1


async def test_the_picture_stays_out_of_the_json_contract(engine: Engine) -> None:
    for question in ("/lab xai", "/compare xai openai"):
        reply = await ask(engine, question)
        assert reply.image is not None
        data = reply.to_json()
        check_reply_json(data)
        assert data == replace(reply, image=None, image_alt="", image_text="").to_json()
        assert set(data) == JSON_KEYS


async def test_discord_shows_the_matrix_in_the_first_embed_as_an_attachment(engine: Engine) -> None:
    reply = await ask(engine, "/compare xai openai")
    rendered = render_reply(reply, image_limit=10_000_000)
    assert rendered.image is reply.image
    assert rendered.embeds[0].image.url == f"attachment://{IMAGE_NAME}"
