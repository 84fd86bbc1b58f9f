"""The digest's chart of the period's openness changes: one arrow per lab or model whose verdict moved,
from its old verdict to its new one, on the verdict scale (closed … open, with "no evidence" apart at the
left: unknown is no evidence, not the middle).

The scale is the verdicts', not the scores': a digest remembers the labels it reported (see
bot.digest.verdicts), not the scores behind them. Drawn and cached with render.py's machinery.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.charts import theme
from bot.charts.data import short_name
from bot.charts.render import WIDTH_IN, bottom_legend, cached_png, card, png_bytes
from bot.text import plural

Towards = Literal["open", "closed", "either"]

# Where each verdict sits on the chart's axis; unknown stands apart, left of a separator.
POSITIONS: dict[str, float] = {
    "unknown": -3.3,
    "closed": -2.0,
    "mostly closed": -1.0,
    "mixed": 0.0,
    "mostly open": 1.0,
    "open": 2.0,
}
TICKS = ("no\nevidence", "closed", "mostly\nclosed", "mixed", "mostly\nopen", "open")
SEPARATOR = -2.65
MAX_ROWS = 12  # a bulk import can move dozens: the most backed are drawn, the rest counted
ROW_IN = 0.34
FRAME_IN = 1.75  # title, subtitle, axis labels and legend


@dataclass(frozen=True, slots=True)
class Shift:
    """One lab's or model's verdict change, as drawn: `towards` colours the arrow (bot.digest knows it)."""

    name: str
    old: str
    new: str
    towards: Towards


@dataclass(frozen=True, slots=True)
class ChangesChart:
    """The period's verdict changes, most backed first; `more` changes beyond these are counted only."""

    shifts: tuple[Shift, ...]
    since: str = ""  # when the period began, as the digest says it ("Wed 01 Jan 09:00 UTC")
    more: int = 0
    title: str = "Openness changes"


def changes_chart(shifts: list[Shift], since: str = "") -> ChangesChart:
    """The chart of `shifts`, at most MAX_ROWS of them drawn."""
    return ChangesChart(tuple(shifts[:MAX_ROWS]), since, max(len(shifts) - MAX_ROWS, 0))


async def changes_png(chart: ChangesChart) -> bytes:
    """`chart` as PNG bytes, drawn off the event loop (cached by its data, as every chart)."""
    return await cached_png(chart, render_changes)


def _colour(towards: Towards) -> str:
    return {"open": theme.OPEN, "closed": theme.CLOSED, "either": theme.MUTED}[towards]


def _position(label: str) -> float:
    return POSITIONS.get(label, POSITIONS["unknown"])  # a label this version doesn't know: no evidence


def render_changes(chart: ChangesChart) -> bytes:
    """Draw `chart` (blocking: call through `changes_png` from async code)."""
    rows = max(len(chart.shifts), 1)
    height = FRAME_IN + ROW_IN * rows
    with card(WIDTH_IN, height) as fig:
        from matplotlib.lines import Line2D
        from matplotlib.transforms import blended_transform_factory

        top, bottom = 1 - 0.78 / height, 0.95 / height
        ax = fig.add_axes((0.22, bottom, 0.53, top - bottom), facecolor=theme.CARD)
        ax.set_xlim(-3.75, 2.45)
        ax.set_ylim(rows - 0.5, -0.5)  # the most backed change at the top
        ax.set_xticks(sorted(POSITIONS.values()), TICKS)
        ax.tick_params(axis="x", colors=theme.MUTED, labelsize=8, length=0)
        ax.set_yticks([])
        ax.grid(axis="x", color=theme.GRID, linewidth=0.7)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.axvline(SEPARATOR, color=theme.BORDER, linewidth=0.8, linestyle=(0, (2, 2)))
        rows_at = blended_transform_factory(ax.transAxes, ax.transData)
        for y, shift in enumerate(chart.shifts):
            colour = _colour(shift.towards)
            x0, x1 = _position(shift.old), _position(shift.new)
            ax.annotate(
                "",
                xy=(x1, y),
                xytext=(x0, y),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": colour,
                    "linewidth": 2.0,
                    "mutation_scale": 14,
                    "shrinkA": 5,
                    "shrinkB": 5,
                },
            )
            ax.plot([x0], [y], "o", markersize=8, markerfacecolor=theme.CARD, markeredgecolor=colour, mew=1.6)
            ax.plot([x1], [y], "o", markersize=8, color=colour)
            ax.text(
                -0.02,
                y,
                short_name(shift.name),
                transform=rows_at,
                ha="right",
                va="center",
                fontsize=9,
                color=theme.TEXT,
            )
            ax.text(
                1.02,
                y,
                f"{shift.old} → {shift.new}",
                transform=rows_at,
                va="center",
                fontsize=8,
                color=theme.TEXT,
            )
        fig.text(0.025, 1 - 0.3 / height, chart.title, fontsize=13, weight="bold", color=theme.TEXT)
        fig.text(0.025, 1 - 0.53 / height, _subtitle(chart), fontsize=8, color=theme.MUTED)
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor=theme.CARD,
                markeredgecolor=theme.TEXT,
                label="before",
            ),
            Line2D([], [], marker="o", linestyle="", color=theme.TEXT, label="now"),
            Line2D([], [], color=theme.OPEN, linewidth=2, label="more open"),
            Line2D([], [], color=theme.CLOSED, linewidth=2, label="more closed"),
        ]
        if any(s.towards == "either" for s in chart.shifts):
            handles.append(Line2D([], [], color=theme.MUTED, linewidth=2, label="neither way"))
        bottom_legend(fig, handles)
        return png_bytes(fig)


def _subtitle(chart: ChangesChart) -> str:
    count = len(chart.shifts) + chart.more
    moved = f"{plural(count, 'verdict')} changed"
    since = f" since {chart.since}" if chart.since else ""
    more = f"; the {chart.more} least backed not drawn" if chart.more else ""
    return f"{moved}{since}, most evidence first{more}"


# -- the same chart as text: a terminal's, and a screen reader's ----------------------------------------

SLOT = 3  # columns per verdict on the text track
LETTERS = ("?", "C", "c", "~", "o", "O")  # no evidence, closed … open (the legend spells them)
TEXT_ORDER = ("unknown", "closed", "mostly closed", "mixed", "mostly open", "open")


def changes_text(chart: ChangesChart) -> str:
    """One line per change: `○` where it was, `●` where it is, an arrow between, then `old → new`."""
    if not chart.shifts:
        return ""
    names = [short_name(s.name) for s in chart.shifts]
    column = max(len(n) for n in names)
    lines = [f"{'':{column}} " + "".join(f"{letter:<{SLOT}}" for letter in LETTERS).rstrip()]
    for name, shift in zip(names, chart.shifts, strict=True):
        lines.append(f"{name:<{column}} {_track(shift)}  {shift.old} → {shift.new}")
    if chart.more:
        lines.append(f"…and {chart.more} more")
    lines.append(
        "? no evidence  C closed  c mostly closed  ~ mixed  o mostly open  O open  (○ before, ● now)"
    )
    return "\n".join(line.rstrip() for line in lines)


def _slot(label: str) -> int:
    return TEXT_ORDER.index(label) if label in TEXT_ORDER else 0


def _track(shift: Shift) -> str:
    cells = [" "] * (SLOT * (len(TEXT_ORDER) - 1) + 1)
    a, b = _slot(shift.old) * SLOT, _slot(shift.new) * SLOT
    step = 1 if b > a else -1
    for i in range(a + step, b, step):
        cells[i] = "─"
    if abs(b - a) > 1:
        cells[b - step] = "▶" if step > 0 else "◀"
    cells[a], cells[b] = "○", "●"
    return "".join(cells)


def changes_alt(chart: ChangesChart) -> str:
    """What the picture shows, for screen readers (Slack's alt text)."""
    if not chart.shifts:
        return f"{chart.title}: no verdict changed."
    shown = "; ".join(f"{s.name}: {s.old} → {s.new}" for s in chart.shifts)
    more = f"; and {chart.more} more" if chart.more else ""
    return (
        f"{chart.title}: an arrow per lab or model from its old openness verdict to its new one, "
        f"on a scale from closed to open. {shown}{more}."
    )
