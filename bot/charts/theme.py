"""One palette that reads on Discord's light and dark themes (and Slack's): the chart sits on its own
neutral light card with a border, so it never depends on the client's background; open and closed are
blue and orange (told apart with every common colour-vision deficiency)."""

from __future__ import annotations

CARD = "#f6f7f9"  # the chart's own background
BORDER = "#858b94"  # the card's edge: visible on a white page as well as on a dark one
TEXT = "#1e2124"
MUTED = "#50565e"  # secondary text: subtitle, axis, thin-evidence names
GRID = "#d9dce1"
OPEN = "#1f5f9e"
PARTIAL = "#8fb8de"  # hatched in OPEN: the hatching carries the contrast, the fill the hue
CLOSED = "#b8500f"
THIN_ALPHA = 0.45  # thin-evidence bars are faded


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of `#rrggbb`."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two `#rrggbb` colours (1 … 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
