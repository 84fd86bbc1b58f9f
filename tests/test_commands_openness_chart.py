"""/openness attaches the ranking as a chart (bot.charts): drawn from the store, redrawn when it changes."""

from __future__ import annotations

import io

from PIL import Image

from bot.charts import render
from bot.commands.engine import Engine
from bot.store import queries
from tests.conftest import CHANNEL, USER
from tests.notes_support import Vault, note_bytes
from tests.reply_contract import check_reply_json

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


async def test_the_ranking_comes_with_a_png_chart_its_alt_text_and_text_bars(engine: Engine) -> None:
    reply = await engine.ask("/openness", USER, CHANNEL)
    judged = [r for r in await queries.all_stats(engine.store, "lab") if r.signals]
    assert reply.image is not None and reply.image.startswith(PNG_MAGIC)
    assert Image.open(io.BytesIO(reply.image)).format == "PNG"
    assert reply.image_alt.startswith(f"Openness of AI labs: bar chart of {len(judged)} labs")
    # A header, one bar per lab with evidence, a legend.
    assert len(reply.image_text.split("\n")) == len(judged) + 2


async def test_the_chart_bytes_stay_out_of_the_json_contract(engine: Engine) -> None:
    reply = await engine.ask("/openness", USER, CHANNEL)
    data = reply.to_json()
    check_reply_json(data)
    assert set(data) == {"kind", "title", "text", "fields", "citations", "suggestions", "entity"}


async def test_one_lab_s_evidence_has_no_chart(engine: Engine) -> None:
    reply = await engine.ask("/openness xai", USER, CHANNEL)
    assert reply.kind == "ok" and reply.image is None and reply.image_text == ""


async def test_the_chart_is_drawn_once_while_the_store_is_unchanged_and_again_after_a_note(
    vault: Vault,
) -> None:
    render._cache.clear()
    before = render.renders
    first = await vault.ask("/openness")
    again = await vault.ask("/openness")
    assert first.image is again.image and render.renders - before == 1
    added = await vault.add(
        "mistral.md",
        note_bytes(
            "Mistral weights",
            "mistralmist",
            body="From: [[bankless]] <br/>\n\n## Open\n\n*   Mistral released open weights for Mistral 7B "
            '<a class="yt-timestamp" data-t="00:01:05">[00:01:05]</a>.\n',
        ),
    )
    assert added.kind == "ok", added.text
    changed = await vault.ask("/openness")
    assert changed.image != first.image and render.renders - before == 2
