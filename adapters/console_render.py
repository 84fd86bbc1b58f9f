"""A Reply as plain text for a terminal: title underlined, fields aligned, citations with full URLs.

Note text is data, not terminal instructions: escape sequences and control characters are removed so
a hostile or broken note cannot move the cursor, recolour or clear the user's terminal. The core's typed
spans (bot.reply `spans`) become text through `ConsoleMarkup`: a highlight in bold on a terminal (plain
when piped), a link as `label <url>`, code in backticks, a command as `/path`. No Markdown is printed.
"""

from __future__ import annotations

import re
import textwrap

from bot.reply import Markup, Reply, render_spans

# CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), other two-byte ESC sequences, then lone controls.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
NAME_COLUMN_MAX = 24
BOLD, RESET = "\x1b[1m", "\x1b[22m"  # SGR bold on and off (22: normal intensity, colours untouched)


def sanitize(text: str) -> str:
    """Data safe to print: no escape sequences, no control or bidi characters; tabs become spaces."""
    text = _ANSI.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    return _CONTROL.sub("", text)


class ConsoleMarkup(Markup):
    """The core's spans as terminal text; `bold` only where the output is a terminal (never in a pipe)."""

    def __init__(self, *, bold: bool = False) -> None:
        self.bold = bold

    def data(self, text: str) -> str:
        return sanitize(text)

    def strong(self, text: str) -> str:
        return f"{BOLD}{sanitize(text)}{RESET}" if self.bold else sanitize(text)

    def link(self, label: str, url: str) -> str:
        return url if label == url else f"{sanitize(label)} <{url}>"

    def code(self, text: str) -> str:
        return f"`{sanitize(text)}`"


PIPED = ConsoleMarkup()
TERMINAL = ConsoleMarkup(bold=True)


def clean(text: str, markup: ConsoleMarkup = PIPED) -> str:
    """A Reply string as terminal text: the core's spans written out, the data sanitized."""
    return render_spans(text, markup)


def _wrap(text: str, width: int | None, indent: str = "", first: str = "") -> list[str]:
    """Wrap one paragraph; URLs and long words are never broken (a broken URL can't be clicked)."""
    if width is None:
        return [first + text]
    return textwrap.wrap(
        text,
        width=max(width, 40),
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _shown(text: str) -> int:
    """How many columns `text` takes: its own escape sequences (bold) take none."""
    return len(_ANSI.sub("", text))


def render_text(reply: Reply, width: int | None = 100, *, bold: bool = False) -> str:
    """The whole reply as lines for a terminal (`width` None: no wrapping; `bold`: highlights in bold,
    for a terminal only)."""
    markup = TERMINAL if bold else PIPED
    lines: list[str] = []
    title = clean(reply.title, markup)
    if reply.kind in ("error", "forbidden", "not_found"):
        title = {"error": "Error: ", "forbidden": "Not allowed: ", "not_found": "Not found: "}[
            reply.kind
        ] + title
    lines += [title, ("=" if reply.kind == "ok" else "-") * max(_shown(title), 3)]
    for paragraph in clean(reply.text, markup).split("\n") if reply.text.strip() else []:
        lines += _wrap(paragraph, width) if paragraph.strip() else [""]

    if reply.image_text:  # the chart as text bars, never wrapped (columns line up)
        lines += ["", *(sanitize(line) for line in reply.image_text.split("\n"))]

    if reply.fields:
        lines.append("")
        names = [clean(f.name, markup) for f in reply.fields]
        column = min(max(_shown(n) for n in names), NAME_COLUMN_MAX) + 2
        for name, field in zip(names, reply.fields, strict=True):
            values = clean(field.value, markup).split("\n")
            pad = " " * column
            if _shown(name) + 2 > column:  # a long name gets its own line; its values go under it
                lines.append(name)
                first = pad
            else:
                first = name + " " * (column - _shown(name))
            for value in values:
                lines += _wrap(value, width, indent=pad, first=first)
                first = pad

    if reply.citations:
        lines += ["", "Sources", "-------"]
        for cite in reply.citations:
            channel = f" ({clean(cite.channel, markup)})" if cite.channel else ""
            head = f"[{cite.label}] {clean(cite.text, markup)} — {clean(cite.note_title, markup)}{channel}"
            lines += _wrap(head, width, indent="    ")
            lines.append(f"    {cite.url}")

    if reply.suggestions:
        lines += ["", "Did you mean: " + ", ".join(clean(s, markup) for s in reply.suggestions)]
    return "\n".join(lines).rstrip() + "\n"
