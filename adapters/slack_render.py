"""Reply → Slack Block Kit, always within Slack's limits (pure functions, no I/O).

Note text comes from podcast notes written by strangers, so every Reply string goes through one
function, `to_mrkdwn`: the core's typed spans (bot.reply `spans`: highlights, links, citations, code,
command names) become mrkdwn through `SlackMarkup` and every other character is data: `&`, `<`, `>`
escaped (no `<!channel>` pings, no forged `<url|label>` links), formatting characters made inert, and
every mrkdwn object is `verbatim` so Slack does not link bare URLs or parse mentions on its own.

A command is named as Slack knows it (the platform table's naming rule: `/labnotes-search`, since
Slack keeps `/search` for itself), and who sees an answer is the core's `Reply.ephemeral`, with the admin's two
overrides applied in `visibility` alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, Protocol
from urllib.parse import quote

from adapters.platform import PLATFORMS
from bot.reply import Citation, Entity, Field, Markup, Reply, render_spans
from bot.text import clip, plural

# Slack's documented limits (slack_sdk enforces the same in Block.to_dict()).
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_FALLBACK_TEXT = 3000  # the notification text; Slack truncates at 40k, nobody reads that far
MAX_CITATION_TEXT = 500  # one quoted claim; longer ones are clipped so several fit in a section
# An answer only the asker sees is sent through response_url, which carries no file; an upload would be
# seen by everyone in the channel. So that answer goes without its chart, and says so.
CHART_SKIPPED = "The chart is posted only with answers shown to the channel."

ELLIPSIS = "…"
# mrkdwn has no escape character. Its formatting characters (code's backtick among them) only work at a
# word boundary, so there they become look-alikes that Slack does not parse (as jsx-slack does); inside a
# word (snake_case) they stay. The core writes code as a typed span, never as backticks.
_FORMATTING = re.compile(r"(?<![^\W_])[*_~`]|[*_~`](?![^\W_])")
_LOOKALIKES = {"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"}
# `&gt;` at the start of a line is still a quote; a soft hyphen in front keeps it text.
_QUOTE = re.compile(r"^([ \t]*)&gt;", re.MULTILINE)

Block = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SlackMessage:
    text: str  # fallback for notifications and clients without blocks
    blocks: list[Block]


def escape(text: str) -> str:
    """Data as inert mrkdwn: the three control characters as entities, formatting characters inert."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "&gt;" in text:
        text = _QUOTE.sub("\\1\u00ad&gt;", text)
    return _FORMATTING.sub(lambda m: _LOOKALIKES[m.group()], text)


def safe_url(url: str) -> str:
    """A URL that cannot break out of `<url|label>`: `|`, `<`, `>` and spaces are percent-encoded."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def _link(url: str, label: str) -> str:
    return f"<{safe_url(url)}|{escape(label).replace('|', '¦')}>"


def _command_name(path: str) -> str:
    """`/labnotes-search`, `/notes add`: the Slack command, then the subcommand as its first word."""
    top, _, sub = path.partition(" ")
    return f"/{PLATFORMS['slack'].command_name(top)} {sub}".rstrip()


class SlackPlain(Markup):
    """The core's spans as plain text (a header): only commands take their Slack names."""

    def command(self, path: str) -> str:
        return _command_name(path)


class SlackMarkup(SlackPlain):
    """The core's spans as mrkdwn."""

    def data(self, text: str) -> str:
        return escape(text)

    def strong(self, text: str) -> str:
        return f"*{escape(text)}*"

    def link(self, label: str, url: str) -> str:
        return f"<{safe_url(url)}>" if label == url else _link(url, label)

    def code(self, text: str) -> str:
        # Inside code Slack formats nothing, but still reads entities; a backtick would end it early.
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("`", "\u02cb")
        return f"`{escaped}`" if text else ""

    def command(self, path: str) -> str:
        return escape(_command_name(path))


PLAIN = SlackPlain()
MARKUP = SlackMarkup()


def to_mrkdwn(text: str) -> str:
    """A Reply string as mrkdwn: the core's spans formatted, everything else data."""
    return render_spans(text, MARKUP)


def plain_text(text: str) -> str:
    """A Reply string for a `plain_text` object (shown as typed, never parsed)."""
    return render_spans(text, PLAIN)


class Overrides(Protocol):
    """The admin's visibility switches (the `slack` section of labnotes.yaml)."""

    errors_ephemeral: bool
    answers_in_channel: bool


def visibility(reply: Reply, config: Overrides) -> Literal["ephemeral", "in_channel"]:
    """Slack's response_type: the core's `reply.ephemeral`, unless the admin overrode it in labnotes.yaml
    (`slack.errors_ephemeral: false` shows non-answers in the channel, `slack.answers_in_channel: false`
    keeps answers private). The one place those switches apply."""
    private = reply.ephemeral
    if reply.kind != "ok" and not config.errors_ephemeral:
        private = False
    elif reply.kind == "ok" and not config.answers_in_channel:
        private = True
    return "ephemeral" if private else "in_channel"


def fit(raw: str, limit: int) -> str:
    """`to_mrkdwn(raw)` in `limit` characters: `raw` is cut before escaping, so no entity is split.

    Escaping makes text longer by an amount that depends on the text, so the longest prefix that fits
    is found by bisection."""
    formatted = to_mrkdwn(raw)
    if len(formatted) <= limit:
        return formatted
    best, low, high = ELLIPSIS[:limit], 0, len(raw) - 1
    while low <= high:
        middle = (low + high) // 2
        candidate = to_mrkdwn(raw[:middle].rstrip()) + ELLIPSIS
        if len(candidate) <= limit:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def _text(kind: str, text: str) -> dict[str, Any]:
    obj: dict[str, Any] = {"type": kind, "text": text}
    if kind == "plain_text":
        obj["emoji"] = True
    else:
        obj["verbatim"] = True  # no auto-linked URLs, no mentions parsed from plain words
    return obj


def _section(mrkdwn: str) -> Block:
    return {"type": "section", "text": _text("mrkdwn", mrkdwn)}


def _context(mrkdwn: str) -> Block:
    return {"type": "context", "elements": [_text("mrkdwn", mrkdwn)]}


def pack_lines(lines: Iterable[str], limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Join already-formatted lines into as few texts of at most `limit` characters as possible."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        if len(line) > limit:
            line = clip(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


def citation_line(citation: Citation) -> str:
    source = to_mrkdwn(citation.note_title)
    if citation.channel:
        source += f" · {to_mrkdwn(citation.channel)}"
    quote_text = fit(citation.text, MAX_CITATION_TEXT)
    return f"• {quote_text} — {MARKUP.citation(citation.label, citation.url)} _{source}_"


def entity_fields(entity: Entity, shown: set[str]) -> list[str]:
    """The entity's facts that the reply's own fields (names in `shown`, lower case) do not already give."""
    fields: list[str] = []
    if entity.lab and "lab" not in shown:
        fields.append(f"*Lab*\n{to_mrkdwn(entity.lab)}")
    if entity.openness and not shown & {"openness", "verdict"}:
        o = entity.openness
        fields.append(f"*Openness*\n{escape(o.label)} ({o.score:+.2f}) · {o.open} open / {o.closed} closed")
    if entity.models and not any(name.startswith("models") for name in shown):
        fields.append("*Models*\n" + fit(", ".join(entity.models), MAX_FIELD_TEXT - 10))
    return fields


@dataclass(slots=True)
class _Part:
    """A run of body blocks and how many user-visible items (citations, paragraphs…) they carry."""

    blocks: list[Block]
    items: int
    noun: str


def _field_text(field: Field, limit: int) -> str:
    name = f"*{fit(field.name, 200)}*\n"
    return name + fit(field.value, limit - len(name))


def _field_parts(fields: list[Field]) -> list[_Part]:
    """Inline fields go side by side (10 per section); the others are stacked, several to a section."""
    parts: list[_Part] = []
    inline: list[str] = []
    stacked: list[str] = []

    def flush_inline() -> None:
        for start in range(0, len(inline), MAX_FIELDS):
            chunk = inline[start : start + MAX_FIELDS]
            parts.append(
                _Part(
                    [{"type": "section", "fields": [_text("mrkdwn", t) for t in chunk]}], len(chunk), "fields"
                )
            )
        inline.clear()

    def flush_stacked() -> None:
        if stacked:
            parts.append(_Part([_section("\n\n".join(stacked))], len(stacked), "fields"))
            stacked.clear()

    for field in fields:
        if field.inline and len(field.value) <= MAX_FIELD_TEXT // 2:
            flush_stacked()
            inline.append(_field_text(field, MAX_FIELD_TEXT))
            continue
        flush_inline()
        name = f"*{fit(field.name, 200)}*"
        lines = [name, *(fit(line, MAX_SECTION_TEXT) for line in field.value.splitlines())]
        chunks = pack_lines(lines)
        if len(chunks) == 1 and sum(len(t) + 2 for t in stacked) + len(chunks[0]) <= MAX_SECTION_TEXT:
            stacked.append(chunks[0])
            continue
        flush_stacked()
        if len(chunks) == 1:
            stacked.append(chunks[0])
        else:  # a field longer than a section: its own sections, counted once
            parts.append(_Part([_section(c) for c in chunks], 1, "fields"))
    flush_inline()
    flush_stacked()
    return parts


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _body(reply: Reply) -> list[_Part]:
    parts: list[_Part] = []
    # Paragraphs share sections (blank line between them) so prose costs few of the 50 blocks.
    lines: list[str] = []
    for paragraph in _paragraphs(reply.text):
        if lines:
            lines.append("")
        lines += [fit(line, MAX_SECTION_TEXT) for line in paragraph.splitlines()]
    for chunk in pack_lines(lines):
        chunk = chunk.strip("\n")
        parts.append(_Part([_section(chunk)], sum(1 for line in chunk.splitlines() if line), "lines"))
    if reply.entity and (facts := entity_fields(reply.entity, {f.name.lower() for f in reply.fields})):
        parts.append(_Part([{"type": "section", "fields": [_text("mrkdwn", f) for f in facts]}], 1, "items"))
    parts += _field_parts(reply.fields)
    if reply.citations:
        parts.append(_Part([{"type": "divider"}], 0, "citations"))
        # One section per few citations: packing keeps the block count low for long answers.
        current: list[str] = []
        for citation in reply.citations:
            line = citation_line(citation)
            if current and sum(len(c) + 1 for c in current) + len(line) > MAX_SECTION_TEXT:
                parts.append(_Part([_section("\n".join(current))], len(current), "citations"))
                current = []
            current.append(line)
        if current:
            parts.append(_Part([_section("\n".join(current))], len(current), "citations"))
    if reply.suggestions:
        names = ", ".join(reply.suggestions[: MAX_CONTEXT_ELEMENTS * 3])
        parts.append(_Part([_context(fit(f"Did you mean: {names}", MAX_SECTION_TEXT))], 1, "suggestions"))
    return parts


def _footer(reply: Reply) -> Block:
    bits = ["labnotes"]
    if reply.citations:
        n = len(reply.citations)
        bits.append(plural(n, "citation"))
        notes = {c.note_title for c in reply.citations}
        bits.append(plural(len(notes), "note"))
    return _context(" · ".join(bits))


def fallback_text(reply: Reply) -> str:
    raw = f"{reply.title}\n{reply.text}".strip() if reply.text else reply.title
    return fit(raw, MAX_FALLBACK_TEXT) or "labnotes"


def render_reply(reply: Reply, *, notice: str = "") -> SlackMessage:
    """The whole reply as at most 50 blocks; what does not fit is summed up as "…and N more".
    `notice` (the adapter's word about the reply, such as a chart left out) goes above the footer."""
    blocks: list[Block] = []
    if reply.title:
        title = clip(plain_text(reply.title), MAX_HEADER_TEXT)
        blocks.append({"type": "header", "text": _text("plain_text", title)})
    footer = _footer(reply)
    tail = [_context(fit(notice, MAX_SECTION_TEXT)), footer] if notice else [footer]
    budget = MAX_BLOCKS - len(blocks) - len(tail)  # the notice and the footer always fit
    parts = _body(reply)
    kept: list[Block] = []
    dropped: dict[str, int] = {}
    for i, part in enumerate(parts):
        # Leave room for the "…and N more" line whenever anything after this part would be dropped.
        rest = sum(len(p.blocks) for p in parts[i:])
        room = budget - len(kept) - (0 if rest <= budget - len(kept) else 1)
        if len(part.blocks) <= room and not dropped:
            kept.extend(part.blocks)
        else:
            dropped[part.noun] = dropped.get(part.noun, 0) + part.items
    if dropped:
        counts = [f"{n} more {noun}" for noun, n in dropped.items() if n]
        kept.append(_context("…and " + ", ".join(counts) if counts else "…and more"))
    blocks.extend(kept)
    blocks.extend(tail)
    return SlackMessage(text=fallback_text(reply), blocks=blocks)
