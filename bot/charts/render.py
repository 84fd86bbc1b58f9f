"""The /openness chart as PNG bytes: a diverging horizontal bar per lab, closed to the left of zero and
open to the right (partial stacked on the open side, hatched), thin-evidence labs faded and marked.

matplotlib is imported on first render (not when the bot starts), with the Agg backend and the
object API (no pyplot: no global figure state), under one lock because its font and text caches are
shared. Renders run in a worker thread and are cached by the chart's data: the same data is the same
picture, so a changed store is a changed key and nothing can go stale. The card, the cache, the worker
thread and the lock serve every chart (`card`, `png_bytes`, `cached_png`: bot.charts.matrix uses them).
"""

from __future__ import annotations

import asyncio
import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from bot.charts import theme
from bot.charts.data import OpennessChart, short_name

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CACHE_SIZE = 8  # a few recent charts: the ranking and a few matrices, before and after an ingest
WIDTH_IN = 7.5
DPI = 100
ROW_IN = 0.27
BAR_HEIGHT = 0.68  # of a row
MARK = " °"  # after a thin-evidence lab's name (explained in the legend)

# Every chart kind shares one cache: its key is the chart's data, a frozen dataclass of its own type, so
# an openness chart and a matrix never collide.
_cache_lock = threading.Lock()  # held only to read or write the cache: the event loop takes it too
_draw_lock = threading.Lock()  # one drawing at a time (matplotlib's state is global), never on the loop
_cache: OrderedDict[Hashable, bytes] = OrderedDict()
renders = 0  # how many charts were actually drawn (the cache's hits are not): read by tests

C = TypeVar("C", bound=Hashable)


async def openness_png(chart: OpennessChart) -> bytes:
    """`chart` as PNG bytes, rendered off the event loop; the cached bytes when this data was drawn."""
    return await cached_png(chart, render_openness)


async def cached_png(chart: C, draw: Callable[[C], bytes]) -> bytes:
    """`draw(chart)` run in a worker thread, or the cached bytes when this data was drawn already. The loop
    never waits for a drawing: only for the cache's own lock, held for a lookup."""
    with _cache_lock:
        hit = _cache.get(chart)
    if hit is not None:
        return hit
    return await asyncio.to_thread(_cached_render, chart, draw)


def _cached_render(chart: C, draw: Callable[[C], bytes]) -> bytes:
    global renders
    with _draw_lock:
        with _cache_lock:
            if (hit := _cache.get(chart)) is not None:  # another thread drew it while this one waited
                return hit
        png = draw(chart)
        renders += 1
        with _cache_lock:
            _cache[chart] = png
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
        return png


def bottom_legend(fig: Figure, handles: list[Any]) -> None:
    """Every chart's legend: one row along the card's foot, in the card's text colour."""
    fig.legend(
        handles=handles,
        loc="lower center",
        ncols=len(handles),
        frameon=False,
        fontsize=8,
        labelcolor=theme.TEXT,
        bbox_to_anchor=(0.5, 0.0),
    )


def warm() -> None:
    """Load matplotlib now (about 0.4 s of CPU): a long-running bot calls it in a thread at start, so the
    first chart a member asks for is drawn in ~0.1 s instead of waiting for the import."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.backends.backend_agg
    import matplotlib.figure


@contextmanager
def card(width_in: float, height_in: float) -> Iterator[Figure]:
    """A figure on the charts' own card (see theme), with matplotlib's settings for every chart."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Names come from the catalog, but a `$` must still never start mathtext.
    with rc_context({"text.parse_math": False, "font.family": "DejaVu Sans", "hatch.linewidth": 0.8}):
        fig = Figure(figsize=(width_in, height_in), dpi=DPI, facecolor=theme.CARD)
        fig.patch.set_edgecolor(theme.BORDER)
        fig.patch.set_linewidth(2)
        FigureCanvasAgg(fig)
        yield fig


def png_bytes(fig: Figure) -> bytes:
    out = io.BytesIO()
    # No Software/date metadata: the same data gives the same bytes.
    fig.savefig(out, format="png", facecolor=theme.CARD, edgecolor=theme.BORDER, metadata={"Software": None})
    return out.getvalue()


def render_openness(chart: OpennessChart) -> bytes:
    """Draw `chart` (blocking: call through `openness_png` from async code)."""
    bars = chart.bars
    rows = max(len(bars), 1)
    with card(WIDTH_IN, 1.55 + ROW_IN * rows) as fig:
        from matplotlib.collections import PolyCollection
        from matplotlib.patches import Patch
        from matplotlib.ticker import FuncFormatter
        from matplotlib.transforms import blended_transform_factory

        top = 1 - 0.72 / (1.55 + ROW_IN * rows)
        bottom = 0.62 / (1.55 + ROW_IN * rows)
        ax = fig.add_axes((0.25, bottom, 0.66, top - bottom), facecolor=theme.CARD)
        ys = list(range(len(bars)))
        # One collection per kind of bar, colours per bar (alpha in the colour): three artists, where
        # barh would make a patch, and a limits update, per lab and kind (a third of the render time).
        faded = [theme.THIN_ALPHA if b.thin else 1.0 for b in bars]
        closed, closed_alpha = _boxes([(-b.closed, 0) for b in bars], faded)
        opened, open_alpha = _boxes([(0, b.open) for b in bars], faded)
        partial, partial_alpha = _boxes([(b.open, b.open + b.partial) for b in bars], faded)
        ax.add_collection(PolyCollection(closed, facecolors=_rgba(theme.CLOSED, closed_alpha)))
        ax.add_collection(PolyCollection(opened, facecolors=_rgba(theme.OPEN, open_alpha)))
        ax.add_collection(
            PolyCollection(
                partial,
                facecolors=_rgba(theme.PARTIAL, partial_alpha),
                edgecolors=_rgba(theme.OPEN, partial_alpha),
                hatch="////",
                linewidths=0.6,
            )
        )
        reach = max([max(b.open + b.partial, b.closed) for b in bars] + [1])
        ax.set_xlim(-reach * 1.08, reach * 1.08)
        ax.set_ylim(len(bars) - 0.5, -0.5)  # rank 1 at the top
        ax.axvline(0, color=theme.TEXT, linewidth=0.9)
        ax.set_yticks([])
        ax.tick_params(axis="x", colors=theme.MUTED, labelsize=8)
        ax.xaxis.set_major_formatter(FuncFormatter(_magnitude))
        ax.grid(axis="x", color=theme.GRID, linewidth=0.7)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color(theme.GRID)
        ax.set_xlabel("← closed        episodes with evidence        open →", color=theme.MUTED, fontsize=8)
        # Names left of the axes and scores right of it, as plain texts in row coordinates (tick labels
        # would cost a Tick object, two lines and two texts, per lab).
        rows_at = blended_transform_factory(ax.transAxes, ax.transData)
        for y, bar in zip(ys, bars, strict=True):
            colour = theme.MUTED if bar.thin else theme.TEXT
            style = "italic" if bar.thin else "normal"
            name = short_name(bar.name) + (MARK if bar.thin else "")
            ax.text(
                -0.015,
                y,
                name,
                transform=rows_at,
                ha="right",
                va="center",
                fontsize=9,
                color=colour,
                style=style,
            )
            ax.text(1.015, y, f"{bar.score:+.2f}", transform=rows_at, va="center", fontsize=8, color=colour)
        fig.text(
            0.025,
            1 - 0.28 / (1.55 + ROW_IN * rows),
            chart.title,
            fontsize=13,
            weight="bold",
            color=theme.TEXT,
        )
        fig.text(0.025, 1 - 0.5 / (1.55 + ROW_IN * rows), _subtitle(chart), fontsize=8, color=theme.MUTED)
        handles: list[Any] = [
            Patch(facecolor=theme.OPEN, label="open"),
            Patch(facecolor=theme.PARTIAL, edgecolor=theme.OPEN, hatch="////", label="partly open"),
            Patch(facecolor=theme.CLOSED, label="closed"),
            Patch(facecolor=theme.MUTED, alpha=theme.THIN_ALPHA, label=f"{MARK.strip()} one episode only"),
        ]
        bottom_legend(fig, handles)
        return png_bytes(fig)


Polygon = list[tuple[float, float]]


def _boxes(spans: list[tuple[int, int]], alphas: list[float]) -> tuple[list[Polygon], list[float]]:
    """Row y's bar from x0 to x1 as a polygon, with its row's alpha; an empty span draws nothing."""
    h = BAR_HEIGHT / 2
    boxes = [
        ([(float(x0), y - h), (float(x1), y - h), (float(x1), y + h), (float(x0), y + h)], alpha)
        for y, ((x0, x1), alpha) in enumerate(zip(spans, alphas, strict=True))
        if x1 > x0
    ]
    return [box for box, _ in boxes], [alpha for _, alpha in boxes]


def _rgba(colour: str, alphas: list[float]) -> list[tuple[float, float, float, float]]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return [(r, g, b, a) for a in alphas]


def _magnitude(value: float, _position: float) -> str:
    return f"{abs(value):g}"


def _subtitle(chart: OpennessChart) -> str:
    scored = f"{len(chart.bars)} labs with openness evidence, most open first (score from -1 to +1 at right)"
    return f"{scored}; {chart.unknown} more without evidence" if chart.unknown else scored
