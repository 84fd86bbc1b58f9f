"""The /openness chart as text: bars for a terminal, and a short alt text for the image."""

from __future__ import annotations

from bot.charts.data import OpennessChart, short_name

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
