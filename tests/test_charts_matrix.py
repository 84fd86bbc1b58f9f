"""bot.charts.matrix: the component matrix of /lab NAME and /compare drawn from plain data, its text and
alt text, and the cache, worker thread and card it shares with the openness chart."""

from __future__ import annotations

import asyncio
import io
import threading

import pytest
from PIL import Image

from bot.charts import (
    MatrixChart,
    MatrixRow,
    OpennessBar,
    OpennessChart,
    matrix,
    matrix_alt,
    matrix_png,
    matrix_text,
    openness_png,
    render,
    theme,
)
from bot.extract.model import COMPONENTS

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CHART = MatrixChart(
    "xAI: components by model",
    COMPONENTS,
    (
        MatrixRow("Grok-1", ("open", "not said", "closed", "open", "not said", "not said"), "Apache 2.0"),
        MatrixRow("Grok 3", ("not said", "not said", "not said", "not said", "not said", "partial")),
    ),
)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    render._cache.clear()


def _hex(image: Image.Image, x: float, y: float) -> str:
    return "#{:02x}{:02x}{:02x}".format(*image.getpixel((int(x), int(y))))


async def test_the_matrix_is_a_png_on_the_charts_card_with_one_row_per_entity() -> None:
    png = await matrix_png(CHART)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert png.startswith(PNG_MAGIC)
    width = 2 * matrix.MARGIN + matrix.NAME_IN + 6 * matrix.CELL_IN + matrix.LICENCE_IN
    height = matrix.TOP_IN + 2 * matrix.ROW_IN + matrix.BOTTOM_IN
    assert image.size == (round(width * render.DPI), round(height * render.DPI))
    assert _hex(image, 10, image.height // 2) == theme.CARD


async def test_each_cell_is_filled_with_its_status_colour() -> None:
    image = Image.open(io.BytesIO(await matrix_png(CHART))).convert("RGB")

    def cell(row: int, column: int) -> str:
        # Near the cell's left edge: the symbol and word sit in its middle.
        x = (matrix.MARGIN + matrix.NAME_IN + column * matrix.CELL_IN + 0.08) * render.DPI
        y = (matrix.TOP_IN + (row + 0.5) * matrix.ROW_IN) * render.DPI
        return _hex(image, x, y)

    assert [cell(0, c) for c in (0, 1, 2, 3)] == [theme.OPEN, theme.GRID, theme.CLOSED, theme.OPEN]


def test_rows_past_the_limit_are_left_out_of_the_picture() -> None:
    row = CHART.rows[0]
    full = MatrixChart("t", COMPONENTS, (row,) * matrix.MAX_ROWS)
    more = MatrixChart("t", COMPONENTS, (row,) * (matrix.MAX_ROWS + 5))
    height = Image.open(io.BytesIO(matrix.render_matrix(full))).height
    assert Image.open(io.BytesIO(matrix.render_matrix(more))).height == height


async def test_the_same_matrix_is_drawn_once_and_shares_the_cache_with_the_openness_chart() -> None:
    before = render.renders
    first = await matrix_png(CHART)
    again = await matrix_png(MatrixChart(CHART.title, COMPONENTS, CHART.rows))  # equal data, new object
    changed = await matrix_png(MatrixChart(CHART.title, COMPONENTS, CHART.rows[:1]))
    ranking = await openness_png(OpennessChart((OpennessBar("xAI", 1, 0, 0, 1.0, thin=True),)))
    assert first is again and changed != first and ranking != first
    assert render.renders - before == 3
    assert len(render._cache) == 3


async def test_drawing_the_matrix_runs_in_a_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []

    def fake_render(chart: MatrixChart) -> bytes:
        threads.append(threading.current_thread())
        return PNG_MAGIC

    monkeypatch.setattr(matrix, "render_matrix", fake_render)
    assert await matrix_png(CHART) == PNG_MAGIC
    assert threads and threads[0] is not threading.main_thread()


async def test_two_requests_for_one_new_matrix_draw_it_once() -> None:
    before = render.renders
    first, second = await asyncio.gather(matrix_png(CHART), matrix_png(CHART))
    assert first == second and render.renders - before == 1


def test_the_same_matrix_gives_the_same_bytes() -> None:
    assert matrix.render_matrix(CHART) == matrix.render_matrix(CHART)


def test_a_dollar_in_a_name_or_licence_is_drawn_as_text() -> None:
    odd = MatrixChart("$x$", COMPONENTS, (MatrixRow("Lab $x^2$ {", ("open",) * 6, "$5 licence"),))
    assert matrix.render_matrix(odd).startswith(PNG_MAGIC)


def test_the_text_matrix_has_a_symbol_under_each_component_and_the_licence_last() -> None:
    assert matrix_text(CHART).split("\n") == [
        "        weights code training data licence paper access",
        "Grok-1     ●     –         ○          ●      –     –     Apache 2.0",
        "Grok 3     –     –         –          –      –     ◐",
        "● open  ◐ partial  ○ closed  – not said",
    ]


def test_the_alt_text_says_each_rows_stated_components_and_its_licence() -> None:
    assert matrix_alt(CHART) == (
        "xAI: components by model: a table of 6 components by status. "
        "Grok-1: weights open, training data closed, licence open; the rest not said; "
        "licence named: Apache 2.0. Grok 3: access partial; the rest not said."
    )


def test_a_matrix_with_nothing_said_says_so() -> None:
    silent = MatrixChart("t", COMPONENTS, (MatrixRow("Anthropic", ("not said",) * 6),))
    assert not silent.said and CHART.said
    assert not silent.rows[0].said and CHART.rows[1].said


def test_every_cells_symbol_and_word_read_on_its_fill() -> None:
    for status, (fill, ink, _) in matrix.STYLE.items():
        assert theme.contrast(ink, fill) >= 4.5, status
    # The cells tell the statuses apart from each other and from the card, not only by hue.
    assert theme.contrast(theme.OPEN, theme.CARD) >= 3 and theme.contrast(theme.CLOSED, theme.CARD) >= 3
