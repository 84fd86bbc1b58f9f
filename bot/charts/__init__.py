"""Charts: plain data → PNG bytes (matplotlib, Agg backend, imported only here) and the same chart as
text for a terminal. Pure rendering: nothing here reads the store or knows a platform."""

from bot.charts.data import STATUS_SYMBOLS, MatrixChart, MatrixRow, OpennessBar, OpennessChart
from bot.charts.matrix import matrix_png, render_matrix
from bot.charts.render import openness_png, render_openness, warm
from bot.charts.text import matrix_alt, matrix_text, openness_alt, openness_text

__all__ = [
    "STATUS_SYMBOLS",
    "MatrixChart",
    "MatrixRow",
    "OpennessBar",
    "OpennessChart",
    "matrix_alt",
    "matrix_png",
    "matrix_text",
    "openness_alt",
    "openness_png",
    "openness_text",
    "render_matrix",
    "render_openness",
    "warm",
]
