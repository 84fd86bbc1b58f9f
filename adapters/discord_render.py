"""Reply → Discord embeds, within every limit the API enforces (pure functions, no I/O).

Discord rejects a whole message when one limit is exceeded, so everything here is measured after
escaping: text from notes is escaped (Markdown and mentions) and then fitted, never the other way round.

Every string of a Reply goes through one function, `inline`: the core's typed spans (bot.reply `spans`:
highlights, links, citations, code, command names) become Markdown through `DiscordMarkup`, and every
other character is escaped as data. Footers and autocomplete choices, which Discord shows as plain text,
only lose the marks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import discord
from discord import app_commands

from adapters.discord_names import discord_path
from bot.commands.registry import load_commands
from bot.commands.spec import CommandSpec
from bot.reply import Citation, Field, Markup, OpennessLabel, Reply, ReplyKind, plain, render_spans
from bot.text import clip, plural

# Limits from PLATFORMS.md (the API enforces them; discord.py does not check).
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELDS_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBEDS_LIMIT = 10
TOTAL_LIMIT = 6000
CONTENT_LIMIT = 2000
CHOICES_LIMIT = 25
CHOICE_LIMIT = 100  # choice name and string value
COMMAND_DESCRIPTION_LIMIT = 100

CITATION_TEXT_LIMIT = 300  # one quoted claim; longer ones are clipped so many sources fit
MORE_RESERVE = 32  # room kept for the "…and N more" line
IMAGE_NAME = "chart.png"

OPENNESS_COLOURS: dict[OpennessLabel, int] = {
    "open": 0x2ECC71,
    "mostly open": 0x82E0AA,
    "mixed": 0xF1C40F,
    "mostly closed": 0xE67E22,
    "closed": 0xE74C3C,
    "unknown": 0x95A5A6,
}
KIND_COLOURS: dict[ReplyKind, int] = {
    "ok": 0x5865F2,  # Discord blurple: an answer without an openness verdict
    "not_found": 0x99AAB5,
    "error": 0xED4245,
    "forbidden": 0xED4245,
}


@dataclass(frozen=True, slots=True)
class RenderedReply:
    embeds: list[discord.Embed]
    ephemeral: bool
    image: bytes | None = None  # attach as IMAGE_NAME; the first embed shows it

    def file(self) -> discord.File | None:
        if self.image is None:
            return None
        return discord.File(io.BytesIO(self.image), filename=IMAGE_NAME)


# Discord honours a backslash before any ASCII punctuation, so data gets one before every character that
# can start markup anywhere in a line: emphasis, code, spoilers, quotes, headings and `-#` subtext, masked
# links, `<…>` links, mentions, timestamps and emoji; before the `:` of `://`, so a bare URL stays text;
# and before a list marker at the start of a line. (discord.py's escape_markdown leaves URLs live and
# escapes only the first `[` of `[a] [b](url)`.)
_SPECIAL = re.compile(r"[\\*_~`|<>\[\]#]|:(?=//)|^[ \t]*(?:[-+]|\d+\.)(?=[ \t])", re.MULTILINE)


def _backslash(match: re.Match[str]) -> str:
    found = match.group()
    return f"{found[:-1]}\\{found[-1]}"


def escape(text: str) -> str:
    """Note text as inert Markdown: no formatting, no links, no pings.

    @everyone, @here and raw ids get a zero-width space (discord.py's escape_mentions): a backslash
    does not stop the server from parsing a ping in message content."""
    return discord.utils.escape_mentions(_SPECIAL.sub(_backslash, text))


class DiscordMarkup(Markup):
    """The core's spans as Discord Markdown; commands take the names Discord shows (`/digest-admin subscribe`)."""

    def data(self, text: str) -> str:
        return escape(text)

    def strong(self, text: str) -> str:
        return f"**{escape(text)}**"

    def link(self, label: str, url: str) -> str:
        # A URL shown as itself stays a bare URL: Discord refuses to mask a link behind a URL.
        return url if label == url else f"[{escape(label)}]({url})"

    def code(self, text: str) -> str:
        # Nothing inside a code span is markup, so only a backtick could end it early: it gets a look-alike.
        return f"`{text.replace('`', 'ˋ')}`" if text else ""

    def command(self, path: str) -> str:
        # Discord shows a mixed group's moderator subcommands under a group of their own (discord_names).
        return escape(f"/{discord_path(path, _specs())}")


@cache
def _specs() -> tuple[CommandSpec, ...]:
    """Every registered command (the registry is filled once, at import of the command modules)."""
    return tuple(load_commands().specs)


MARKUP = DiscordMarkup()


def inline(text: str) -> str:
    """A Reply string as Discord Markdown: the core's spans formatted, the rest data."""
    return render_spans(text, MARKUP)


def fit(raw: str, limit: int, escaper: Callable[[str], str] = inline) -> str:
    """Escape `raw` and cut it (before escaping, so no escape is split) until it fits in `limit`.

    Escaping makes text longer by an amount that depends on the text, so the longest prefix that fits
    is found by bisection."""
    escaped = escaper(raw)
    if len(escaped) <= limit:
        return escaped
    best, low, high = "…"[:limit], 0, len(raw) - 1
    while low <= high:
        middle = (low + high) // 2
        candidate = escaper(raw[:middle].rstrip()) + "…"
        if len(candidate) <= limit:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def colour_for(reply: Reply) -> int:
    if reply.kind == "ok" and reply.entity is not None and reply.entity.openness is not None:
        return OPENNESS_COLOURS[reply.entity.openness.label]
    return KIND_COLOURS[reply.kind]


def citation_line(citation: Citation) -> str:
    """`[40:45](https://www.youtube.com/watch?v=…&t=2445s) the claim` — the time is the link."""
    text = fit(citation.text, CITATION_TEXT_LIMIT)
    return f"{MARKUP.citation(citation.label, citation.url)} {text}"


def citation_lines(citations: Sequence[Citation]) -> list[tuple[str, bool]]:
    """Lines for the sources, a bold note title before each run of citations from one note.

    The flag says whether the line is a citation (counted in "…and N more") or a heading.
    """
    lines: list[tuple[str, bool]] = []
    previous: tuple[str, str | None] | None = None
    for citation in citations:
        note = (citation.note_title, citation.channel)
        if note != previous:
            heading = f"**{fit(citation.note_title, 200)}**"
            if citation.channel:
                heading += f" · {fit(citation.channel, 80)}"
            lines.append((heading, False))
            previous = note
        lines.append((citation_line(citation), True))
    return lines


def footer_text(reply: Reply) -> str:
    """Counts at a glance: the entity's verdict and how many sources back the answer."""
    parts: list[str] = []
    entity = reply.entity
    if entity is not None:
        parts.append(f"{plain(entity.name)} ({entity.type})")
        if entity.openness is not None:
            o = entity.openness
            parts.append(f"openness: {o.label} · {o.open} open / {o.closed} closed")
    if reply.citations:
        n = len(reply.citations)
        parts.append(plural(n, "source"))
    return clip(" · ".join(parts), FOOTER_LIMIT)


def _fields(fields: Sequence[Field], suggestions: Sequence[str], budget: int) -> tuple[list[Field], int]:
    """The fields that fit in `budget` characters (≤ 25); the rest are counted in a last "…" field."""
    wanted = list(fields)
    if suggestions:
        wanted.append(Field("Did you mean", ", ".join(suggestions)))
    out: list[Field] = []
    used = 0
    for index, field in enumerate(wanted):
        name = fit(field.name, FIELD_NAME_LIMIT) or "\u200b"
        value = fit(field.value, FIELD_VALUE_LIMIT) or "\u200b"
        left = len(wanted) - index
        room_for_more = FIELDS_LIMIT - len(out) > (1 if left > 1 else 0)
        if not room_for_more or used + len(name) + len(value) + MORE_RESERVE > budget:
            more = Field("…", f"and {left} more")
            out.append(more)
            used += len(more.name) + len(more.value)
            break
        out.append(Field(name, value, field.inline))
        used += len(name) + len(value)
    return out, used


def _body_lines(reply: Reply) -> list[tuple[str, bool]]:
    """Text lines (escaped, each within a description) then the sources."""
    lines: list[tuple[str, bool]] = [
        (fit(line, DESCRIPTION_LIMIT - MORE_RESERVE), False) for line in reply.text.splitlines()
    ]
    if reply.citations:
        if lines:
            lines.append(("", False))
        lines.extend(citation_lines(reply.citations))
    return lines


def _more_line(lines: Sequence[tuple[str, bool]]) -> str:
    cited = sum(1 for _, is_citation in lines if is_citation)
    return f"…and {cited or len(lines)} more"


def render_reply(reply: Reply, *, image_limit: int | None = None, footer_suffix: str = "") -> RenderedReply:
    """The embeds for `reply`: ≤ 10 embeds, ≤ 6000 characters in all, every part within its limit.

    The answer's text and sources flow through the descriptions of up to ten embeds; what still does not
    fit is counted in a closing "…and N more". `image_limit` is the interaction's attachment size limit;
    `footer_suffix` is a marker kept in full at the end of the footer.
    """
    colour = colour_for(reply)
    title = fit(reply.title, TITLE_LIMIT)
    footer = footer_text(reply)
    if footer_suffix:
        footer = " · ".join(
            p for p in (clip(footer, FOOTER_LIMIT - len(footer_suffix) - 3), footer_suffix) if p
        )
    budget = TOTAL_LIMIT - len(title) - len(footer)

    fields, used = _fields(reply.fields, reply.suggestions, budget // 2)
    budget -= used

    first = discord.Embed(title=title or None, colour=colour)
    for field in fields:
        first.add_field(name=field.name, value=field.value, inline=field.inline)
    embeds = [first]
    descriptions: list[list[str]] = [[]]
    lengths = [0]

    lines = _body_lines(reply)
    for index, (line, _) in enumerate(lines):
        cost = len(line) + (1 if lengths[-1] else 0)
        if lengths[-1] + cost > DESCRIPTION_LIMIT - MORE_RESERVE or cost > budget - MORE_RESERVE:
            can_open = len(embeds) < EMBEDS_LIMIT and len(line) <= budget - MORE_RESERVE
            if not can_open:
                descriptions[-1].append(_more_line(lines[index:]))
                break
            embeds.append(discord.Embed(colour=colour))
            descriptions.append([])
            lengths.append(0)
            cost = len(line)
        descriptions[-1].append(line)
        lengths[-1] += cost
        budget -= cost

    for embed, parts in zip(embeds, descriptions, strict=True):
        text = "\n".join(parts).strip("\n")
        if text:
            embed.description = text
    if not first.title and not first.description and not fields:
        first.description = "(no answer)"
    if footer:
        embeds[-1].set_footer(text=footer)

    image = reply.image
    if image is not None and image_limit is not None and len(image) > image_limit:
        image = None  # Discord would refuse the upload; the text answer still stands
    if image is not None:
        first.set_image(url=f"attachment://{IMAGE_NAME}")
    return RenderedReply(embeds=embeds, ephemeral=reply.ephemeral, image=image)


def total_length(embeds: Iterable[discord.Embed]) -> int:
    """Characters Discord counts against the 6000 total (title, description, fields, footer, author)."""
    return sum(len(embed) for embed in embeds)


def autocomplete_choices(names: Iterable[str]) -> list[app_commands.Choice[str]]:
    """At most 25 distinct choices, each name and value within 100 characters."""
    seen: set[str] = set()
    choices: list[app_commands.Choice[str]] = []
    for name in names:
        value = name[:CHOICE_LIMIT]
        if not value.strip() or value in seen:
            continue
        seen.add(value)
        choices.append(app_commands.Choice(name=clip(name, CHOICE_LIMIT), value=value))
        if len(choices) == CHOICES_LIMIT:
            break
    return choices


def command_description(text: str) -> str:
    """Discord wants 1–100 characters."""
    return clip(text.strip(), COMMAND_DESCRIPTION_LIMIT) or "…"
