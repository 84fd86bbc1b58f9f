"""What the parser makes of one Markdown file: a Note with claims, a ChannelIndex, or a Rejected file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast


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


class _Unfrozen:
    """Claim's layout without its frozen `__init__`, which sets each field through object.__setattr__:
    built as this and turned into a Claim (`new_claim`), a claim costs a fifth as much (a note makes
    hundreds). CPython allows the class change because the slots are the same, in the same order. It lives
    here, in a module the compiled reader leaves as Python (bot.compiled): a compiled class refuses it."""

    # Claim's fields in its order, which the class change requires.
    __slots__ = ("ordinal", "text", "seconds", "timestamps", "heading_path", "subject", "links", "inherited")  # noqa: RUF023

    def __init__(
        self,
        ordinal: int,
        text: str,
        seconds: int | None,
        timestamps: tuple[int, ...],
        heading_path: tuple[str, ...],
        subject: str | None,
        links: tuple[WikiLink, ...],
        inherited: bool,
    ) -> None:
        self.ordinal = ordinal
        self.text = text
        self.seconds = seconds
        self.timestamps = timestamps
        self.heading_path = heading_path
        self.subject = subject
        self.links = links
        self.inherited = inherited
        self.__class__ = Claim  # type: ignore[assignment]  # now a Claim, frozen like any other


# `Claim(...)` with the same fields, equal to it in every respect (type, ==, hash, repr, frozen).
new_claim = cast("Callable[..., Claim]", _Unfrozen)


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
