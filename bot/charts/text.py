"""The charts as text: bars and the component matrix for a terminal, and short alt texts for the images."""

from __future__ import annotations

from bot.charts.data import STATUS_SYMBOLS, MatrixChart, OpennessChart, short_name

OPEN, PARTIAL, CLOSED = "█", "▒", "░"
SIDE = 20  # columns on each side of zero at full scale
THIN_MARK = "°"


def openness_text(chart: OpennessChart, side: int = SIDE) -> str:
    """One line per lab: closed to the left of `|`, open (then partial) to the right, score last."""
    if not chart.bars:
        return ""
    reach = max(max(b.open + b.partial, b.closed) for b in chart.bars) or 1
    names = [short_name(b.name) + (THIN_MARK if b.thin else "") for b in chart.bars]
    column = max(len(n) for n in names)
    lines = [f"{'':{column}} {'closed':>{side}}|{'open':<{side}}"]
    for name, bar in zip(names, chart.bars, strict=True):
        closed = CLOSED * _cells(bar.closed, reach, side)
        opened = OPEN * _cells(bar.open, reach, side)
        partial = PARTIAL * _cells(bar.partial, reach, side)
        right = (opened + partial)[:side]
        lines.append(f"{name:<{column}} {closed:>{side}}|{right:<{side}} {bar.score:+.2f}")
    legend = f"{OPEN} open  {PARTIAL} partly open  {CLOSED} closed  (episodes)"
    if any(b.thin for b in chart.bars):
        legend += f"  {THIN_MARK} one episode only"
    lines.append(legend)
    return "\n".join(line.rstrip() for line in lines)


def openness_alt(chart: OpennessChart) -> str:
    """What the picture shows, in a sentence or two, for screen readers (Slack's alt text)."""
    if not chart.bars:
        return f"{chart.title}: no lab has openness evidence yet."
    shown = ", ".join(f"{b.name} {b.score:+.2f}" for b in chart.bars[:5])
    more = f", and {len(chart.bars) - 5} more" if len(chart.bars) > 5 else ""
    return (
        f"{chart.title}: bar chart of {len(chart.bars)} labs, episodes with evidence of closed (left) and "
        f"open (right). Most open first: {shown}{more}."
    )


def _cells(count: int, reach: int, side: int) -> int:
    """Columns for `count` episodes; any evidence at all shows at least one."""
    return 0 if count <= 0 else max(1, round(count / reach * side))


def matrix_text(chart: MatrixChart) -> str:
    """The component matrix for a terminal: a row per entity, a symbol per component under its name,
    the licence's name last, then the legend."""
    if not chart.rows:
        return ""
    names = [short_name(row.name) for row in chart.rows]
    column = max(len(n) for n in names)
    widths = [max(len(c), 1) for c in chart.columns]
    lines = [f"{'':{column}}  " + " ".join(chart.columns)]
    for name, row in zip(names, chart.rows, strict=True):
        cells = " ".join(f"{STATUS_SYMBOLS[s]:^{w}}" for s, w in zip(row.statuses, widths, strict=True))
        licence = f"  {row.licence}" if row.licence else ""
        lines.append(f"{name:<{column}}  {cells}{licence}")
    lines.append("  ".join(f"{symbol} {status}" for status, symbol in STATUS_SYMBOLS.items()))
    return "\n".join(line.rstrip() for line in lines)


def matrix_alt(chart: MatrixChart) -> str:
    """What the matrix shows, row by row, for screen readers: the components the notes say something
    about, the rest summed up as not said."""
    described = []
    for row in chart.rows:
        said = [
            f"{column} {status}"
            for column, status in zip(chart.columns, row.statuses, strict=True)
            if status != "not said"
        ]
        if not said:
            line = f"{row.name}: nothing said"
        elif len(said) == len(chart.columns):
            line = f"{row.name}: {', '.join(said)}"
        else:
            line = f"{row.name}: {', '.join(said)}; the rest not said"
        described.append(line + (f"; licence named: {row.licence}" if row.licence else ""))
    return (
        f"{chart.title}: a table of {len(chart.columns)} components by status. " + ". ".join(described) + "."
    )
