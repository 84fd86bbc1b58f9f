"""bot.charts: the /openness chart drawn from plain data, its text form, its cache and its palette."""

from __future__ import annotations

import ast
import asyncio
import io
import threading
from pathlib import Path

import pytest
from PIL import Image

from bot.charts import OpennessBar, OpennessChart, openness_alt, openness_png, openness_text, render, theme

ROOT = Path(__file__).resolve().parent.parent
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CHART = OpennessChart(
    (
        OpennessBar("Meta", 6, 1, 2, 0.7, thin=False),
        OpennessBar("OpenAI", 1, 5, 0, -0.67, thin=False),
        OpennessBar("xAI", 1, 0, 0, 1.0, thin=True),
    ),
    unknown=4,
)
DISCORD_DARK, DISCORD_LIGHT = "#313338", "#ffffff"


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    render._cache.clear()


async def test_the_chart_is_a_png_on_its_own_neutral_card() -> None:
    png = await openness_png(CHART)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert png.startswith(PNG_MAGIC)
    assert image.width == render.WIDTH_IN * render.DPI
    # Inside the border the background is the card's, whatever the client's theme around it.
    assert "#{:02x}{:02x}{:02x}".format(*image.getpixel((10, image.height // 2))) == theme.CARD


async def test_the_same_data_is_drawn_once_and_changed_data_again() -> None:
    before = render.renders
    first = await openness_png(CHART)
    again = await openness_png(OpennessChart(CHART.bars, unknown=4))  # equal data, another object
    changed = await openness_png(OpennessChart(CHART.bars[:2], unknown=4))
    assert first is again and changed != first
    assert render.renders - before == 2


async def test_drawing_runs_in_a_worker_thread_not_on_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []

    def fake_render(chart: OpennessChart) -> bytes:
        threads.append(threading.current_thread())
        return PNG_MAGIC

    monkeypatch.setattr(render, "render_openness", fake_render)
    await openness_png(CHART)
    assert threads and threads[0] is not threading.main_thread()


async def test_two_requests_for_one_new_chart_draw_it_once() -> None:
    before = render.renders
    first, second = await asyncio.gather(openness_png(CHART), openness_png(CHART))
    assert first == second and render.renders - before == 1


async def test_a_cached_chart_is_served_while_another_is_still_being_drawn() -> None:
    cached = await openness_png(CHART)
    drawing, release, finished = threading.Event(), threading.Event(), threading.Event()

    def slow(chart: OpennessChart) -> bytes:
        drawing.set()
        release.wait(5)  # a long drawing holds the drawing lock, never the loop
        finished.set()
        return PNG_MAGIC

    other = asyncio.ensure_future(render.cached_png(OpennessChart(CHART.bars[:1], unknown=0), slow))
    await asyncio.to_thread(drawing.wait, 10)
    # The cache answers while the other chart is still being drawn; a loop that waited on the drawing's
    # lock would only answer once it had finished.
    assert await openness_png(CHART) is cached
    assert not finished.is_set()
    release.set()
    assert await other == PNG_MAGIC


def test_the_same_data_gives_the_same_bytes() -> None:
    # No timestamps or version in the PNG: the docs' screenshot changes only when the chart does.
    assert render.render_openness(CHART) == render.render_openness(CHART)


def test_a_dollar_in_a_name_is_drawn_as_text_not_mathtext() -> None:
    odd = OpennessChart((OpennessBar("Lab $x^2$ {", 1, 0, 0, 1.0, thin=False),))
    assert render.render_openness(odd).startswith(PNG_MAGIC)


def test_the_text_chart_puts_closed_left_open_right_and_marks_thin_evidence() -> None:
    assert openness_text(CHART, side=8).split("\n") == [
        "         closed|open",
        "Meta          ░|██████▒▒ +0.70",
        "OpenAI    ░░░░░|█        -0.67",
        "xAI°           |█        +1.00",
        "█ open  ▒ partly open  ░ closed  (episodes)  ° one episode only",
    ]


def test_the_alt_text_names_the_chart_and_the_first_labs() -> None:
    assert openness_alt(CHART) == (
        "Openness of AI labs: bar chart of 3 labs, episodes with evidence of closed (left) and open "
        "(right). Most open first: Meta +0.70, OpenAI -0.67, xAI +1.00."
    )


def test_text_reads_on_the_card_at_aaa_and_bars_at_the_non_text_minimum() -> None:
    assert theme.contrast(theme.TEXT, theme.CARD) >= 7
    assert theme.contrast(theme.MUTED, theme.CARD) >= 4.5
    assert theme.contrast(theme.OPEN, theme.CARD) >= 3
    assert theme.contrast(theme.CLOSED, theme.CARD) >= 3
    assert theme.contrast(theme.OPEN, theme.PARTIAL) >= 3  # the hatching on the partial fill


def test_the_card_stands_out_on_discords_dark_and_light_themes() -> None:
    assert theme.contrast(theme.CARD, DISCORD_DARK) >= 7
    assert theme.contrast(theme.BORDER, DISCORD_LIGHT) >= 3  # on white, the border draws the edge


def test_matplotlib_is_imported_only_inside_bot_charts() -> None:
    importers = []
    for path in [*ROOT.joinpath("bot").rglob("*.py"), *ROOT.joinpath("adapters").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.split(".")[0] == "matplotlib" for n in names):
                importers.append(path.relative_to(ROOT).as_posix())
    assert importers and all(p.startswith("bot/charts/") for p in importers)
