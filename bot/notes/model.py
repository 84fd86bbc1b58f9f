"""What the parser makes of one Markdown file: a Note with claims, a ChannelIndex, or a Rejected file."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class WikiLink:
    target: str
    alias: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence (or clause) of a note, dated by the yt-timestamp anchors that follow it."""

    ordinal: int  # position in the note, from 0
    text: str  # plain text: wiki links shown by alias, Markdown emphasis and anchors removed
    # The second it is cited at: its first timestamp, else (inherited) the nearest anchor of its block;
    # None when it has none or the note's times cannot be trusted (bot.notes.timestamps.read_note).
    seconds: int | None
    timestamps: tuple[int, ...]  # the seconds of its own anchors, in order
    heading_path: tuple[str, ...]  # enclosing headings, outermost first
    subject: str | None = None  # the bullet's bold lead ("xAI (Grok)"), when the claim is in one
    links: tuple[WikiLink, ...] = ()
    inherited: bool = False  # `seconds` comes from another claim of its paragraph or bullet


@dataclass(slots=True)
class Note:
    title: str
    video_id: str
    channel: str | None
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. "3 timestamps could not be read"
    reading: str = ""  # how its three-part times were read: "hours", "minutes", "mixed", "untrusted"
    times: int = 0  # times read from the note: its claims', its headings' and the untrusted ones
    untrusted: int = 0  # times read but not cited: the note is ambiguous about them
    unread: int = 0  # timestamp-like strings no form could read


@dataclass(frozen=True, slots=True)
class IndexEpisode:
    video_id: str
    title: str
    note_slugs: tuple[str, ...] = ()


@dataclass(slots=True)
class ChannelIndex:
    """A channel's index page (`bankless/bankless.md`): no videoId, one `### [title](url)` per episode."""

    channel: str
    episodes: list[IndexEpisode] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Rejected:
    reason: str  # specific and human-readable: "front matter has no videoId"


ParseResult = Note | ChannelIndex | Rejected
