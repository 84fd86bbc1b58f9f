"""A Reply as plain text for a terminal: title underlined, fields aligned, citations with full URLs.

Note text is data, not terminal instructions: escape sequences and control characters are removed so
a hostile or broken note cannot move the cursor, recolour or clear the user's terminal. The bot's own
marks (bot.reply `spans`) become plain text: a search hit in `**`, a link as its label and URL.
"""

from __future__ import annotations

import re
import textwrap

from bot.reply import Reply, render_spans

# CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), other two-byte ESC sequences, then lone controls.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
NAME_COLUMN_MAX = 24


def clean(text: str) -> str:
    """Text safe to print: no escape sequences, no control or bidi characters; tabs become spaces."""
    text = _ANSI.sub("", _unmark(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    return _CONTROL.sub("", text)


def _unmark(text: str) -> str:
    """The bot's marks as plain text: a hit in `**`, a link as `label (url)` (or the URL alone)."""
    return render_spans(
        text,
        data=str,
        strong=lambda hit: f"**{hit}**",
        link=lambda label, url: url if label == url else f"{label} ({url})",
    )


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


def render_text(reply: Reply, width: int | None = 100) -> str:
    """The whole reply as lines for a terminal (`width` None: no wrapping)."""
    lines: list[str] = []
    title = clean(reply.title)
    lines += [title, ("=" if reply.kind == "ok" else "-") * max(len(title), 3)]
    if reply.kind in ("error", "forbidden", "not_found"):
        lines[0] = {"error": "Error: ", "forbidden": "Not allowed: ", "not_found": "Not found: "}[
            reply.kind
        ] + title
        lines[1] = "-" * len(lines[0])
    for paragraph in clean(reply.text).split("\n") if reply.text.strip() else []:
        lines += _wrap(paragraph, width) if paragraph.strip() else [""]

    if reply.fields:
        lines.append("")
        names = [clean(f.name) for f in reply.fields]
        column = min(max(len(n) for n in names), NAME_COLUMN_MAX) + 2
        for name, field in zip(names, reply.fields, strict=True):
            values = clean(field.value).split("\n")
            pad = " " * column
            if len(name) + 2 > column:  # a long name gets its own line; its values go under it
                lines.append(name)
                first = pad
            else:
                first = name.ljust(column)
            for value in values:
                lines += _wrap(value, width, indent=pad, first=first)
                first = pad

    if reply.citations:
        lines += ["", "Sources", "-------"]
        for cite in reply.citations:
            channel = f" ({clean(cite.channel)})" if cite.channel else ""
            head = f"[{cite.label}] {clean(cite.text)} — {clean(cite.note_title)}{channel}"
            lines += _wrap(head, width, indent="    ")
            lines.append(f"    {cite.url}")

    if reply.suggestions:
        lines += ["", "Did you mean: " + ", ".join(clean(s) for s in reply.suggestions)]
    return "\n".join(lines).rstrip() + "\n"
