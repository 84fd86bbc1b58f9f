"""The component matrix of /lab NAME and /compare as PNG bytes: a row per model (or compared entity), a
column per component, each cell filled by its status and marked with its symbol and word (so it reads
without colour: open ●, partial ◐ hatched, closed ○, not said –), the licence's name at the row's end.

Drawn on the openness chart's card, through its cache, worker thread and lock (bot.charts.render).
Everything is laid out in inches: one axes covers the figure with a data unit of one inch.
"""

from __future__ import annotations

from bot.charts import theme
from bot.charts.data import STATUS_SYMBOLS, MatrixChart, short_name
from bot.charts.render import bottom_legend, cached_png, card, png_bytes
from bot.reply import ComponentStatusLabel

MAX_ROWS = 16  # /lab NAME of a big lab: the most discussed models
MARGIN = 0.2
NAME_IN = 1.75
CELL_IN = 0.8
LICENCE_IN = 1.45
ROW_IN = 0.36
CELL_GAP = 0.05
TOP_IN = 1.05  # title, subtitle and the column headers
BOTTOM_IN = 0.45  # the legend

# (fill, symbol and word colour, hatched) per status: white on the two strong fills, dark on the light.
STYLE: dict[ComponentStatusLabel, tuple[str, str, bool]] = {
    "open": (theme.OPEN, "#ffffff", False),
    "partial": (theme.PARTIAL, theme.TEXT, True),
    "closed": (theme.CLOSED, "#ffffff", False),
    "not said": (theme.GRID, theme.MUTED, False),
}


async def matrix_png(chart: MatrixChart) -> bytes:
    """`chart` as PNG bytes, rendered off the event loop; the cached bytes when this data was drawn."""
    return await cached_png(chart, render_matrix)


def render_matrix(chart: MatrixChart) -> bytes:
    """Draw `chart` (blocking: call through `matrix_png` from async code)."""
    rows = chart.rows[:MAX_ROWS]
    columns = len(chart.columns)
    width = 2 * MARGIN + NAME_IN + columns * CELL_IN + LICENCE_IN
    height = TOP_IN + ROW_IN * max(len(rows), 1) + BOTTOM_IN
    with card(width, height) as fig:
        from matplotlib.collections import PolyCollection
        from matplotlib.patches import Patch

        ax = fig.add_axes((0, 0, 1, 1), facecolor="none")
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)  # y grows downwards, like the rows
        ax.set_axis_off()
        left = MARGIN + NAME_IN
        ax.text(MARGIN, 0.32, chart.title, fontsize=13, weight="bold", color=theme.TEXT, va="center")
        ax.text(MARGIN, 0.58, _subtitle(chart), fontsize=8, color=theme.MUTED, va="center")
        for i, name in enumerate(chart.columns):
            # "training data" on two lines: the columns stay narrow.
            label = name.replace(" ", "\n")
            x = left + (i + 0.5) * CELL_IN
            ax.text(x, TOP_IN - 0.06, label, ha="center", va="bottom", fontsize=8.5, color=theme.TEXT)
        ax.text(
            left + columns * CELL_IN + 0.12,
            TOP_IN - 0.06,
            "licence named",
            va="bottom",
            fontsize=8.5,
            color=theme.TEXT,
        )
        # One collection per status (four artists, not one patch per cell).
        boxes: dict[ComponentStatusLabel, list[list[tuple[float, float]]]] = {s: [] for s in STYLE}
        for r, row in enumerate(rows):
            y = TOP_IN + (r + 0.5) * ROW_IN
            colour = theme.TEXT if row.said else theme.MUTED
            ax.text(left - 0.1, y, short_name(row.name), ha="right", va="center", fontsize=9, color=colour)
            for i, status in enumerate(row.statuses):
                x0, y0 = left + i * CELL_IN + CELL_GAP / 2, y - ROW_IN / 2 + CELL_GAP / 2
                x1, y1 = x0 + CELL_IN - CELL_GAP, y0 + ROW_IN - CELL_GAP
                boxes[status].append([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
                fill, ink, hatched = STYLE[status]
                word = STATUS_SYMBOLS[status] + ("" if status == "not said" else f" {status}")
                # On a hatched cell the word sits on a plain patch of the fill: hatching behind text blurs it.
                plain = (
                    {"boxstyle": "round,pad=0.2", "facecolor": fill, "edgecolor": "none"} if hatched else None
                )
                ax.text((x0 + x1) / 2, y, word, ha="center", va="center", fontsize=8, color=ink, bbox=plain)
            if row.licence:
                ax.text(
                    left + columns * CELL_IN + 0.12,
                    y,
                    short_name(row.licence),
                    va="center",
                    fontsize=8,
                    color=theme.TEXT,
                )
        for status, polygons in boxes.items():
            fill, _, hatched = STYLE[status]
            if polygons:
                ax.add_collection(
                    PolyCollection(
                        polygons,
                        facecolors=fill,
                        edgecolors=theme.OPEN if hatched else "none",
                        hatch="////" if hatched else None,
                        linewidths=0.6 if hatched else 0,
                        zorder=0,
                    )
                )
        handles = [
            Patch(
                facecolor=STYLE[s][0],
                edgecolor=theme.OPEN if STYLE[s][2] else STYLE[s][0],
                hatch="////" if STYLE[s][2] else None,
                label=f"{STATUS_SYMBOLS[s]} {s}",
            )
            for s in STYLE
        ]
        bottom_legend(fig, handles)
        return png_bytes(fig)


def _subtitle(chart: MatrixChart) -> str:
    said = "Each component's status as the notes' claims give it (episodes weighed, not repetitions)"
    return said if len(chart.rows) <= MAX_ROWS else f"{said}; the first {MAX_ROWS} of {len(chart.rows)}"
