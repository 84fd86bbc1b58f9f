"""Charts: plain data → PNG bytes (matplotlib, Agg backend, imported only here) and the same chart as
text for a terminal. Pure rendering: nothing here reads the store or knows a platform."""

from bot.charts.data import OpennessBar, OpennessChart
from bot.charts.render import openness_png, render_openness
from bot.charts.text import openness_alt, openness_text

__all__ = [
    "OpennessBar",
    "OpennessChart",
    "openness_alt",
    "openness_png",
    "openness_text",
    "render_openness",
]
