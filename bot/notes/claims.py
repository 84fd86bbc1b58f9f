"""Turning one block of note text (a paragraph, a bullet, a table row) into dated claims.

A yt-timestamp anchor dates the sentence or clause right before it; anchors separated only by spaces
or commas date the same claim. The block's text is cut at the anchors; a piece holding several
sentences gives one claim per sentence, the anchors dating the last one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.notes.markdown import MARK, plain_text
from bot.notes.model import Claim, WikiLink
from bot.notes.sentences import has_boundary, split_sentences
from bot.notes.timestamps import minutes_reading, parse_timestamp

ANCHOR = re.compile(
    r"(?=[\[<])(?:"  # every form starts with one of these: lets the regex engine skip ahead fast
    # Some notes wrap the anchor in a Markdown link label: "[00:01:38](<a …>[00:01:38]</a>)".
    r"(?P<md>\[(?P<mdt>\d{1,3}(?::\d{1,3}){1,3})\]\(\s*)?(?P<br>\[)?"
    # The anchor itself, tolerating `data=t`, `data-timestamp`, a missing closing quote or `>`,
    # and a missing label or `</a>` ("data-t="01:27:42</a>", "data-t="00:21:00%3C/a>").
    r"<a\s[^<>]*?yt-timestamp[^<>]*?data(?:[-=]t|-timestamp)=\"(?P<t>[^\"<>]*)\"?[ \t]*>?"
    r"(?:(?P<label>[^<>\n]{0,40})</a>)?(?(md)[ \t]*\)?)(?(br)\]?)"
    # A bare "[00:42:00]" in the prose, written without an anchor.
    r"|\[(?P<plain>\d{1,3}(?::\d{1,3}){1,3})\](?!\())"
)
_IMPLAUSIBLE = 6 * 3600  # a stamp this late in a podcast episode is far more likely minutes:seconds
_GROUPS = ANCHOR.groups  # md, mdt, br, t, label, plain: the order split() returns them in
_LEAD = re.compile(
    r"[ \t]*\*\*(?P<lead>[^*\n]{1,200}?)[ \t]*"
    r"(?::[ \t]*\*\*[ \t]*|\*\*[ \t]*:[ \t]*|\*\*[ \t]+[-–—][ \t]+|\*\*[ \t]+(?=[A-Z0-9\"“]))"
)
_WORD = re.compile(r"\w")
_LEADING_JUNK = " ,.;:!?)]}>|–—-"  # what is left of a sentence after the anchors that dated it
_TRAILING_JUNK = " (["  # "… pimples (" before an anchor written as "([00:02:03](<a …>))"
_STOPS = (".", "!", "?")


@dataclass(slots=True)
class _Piece:
    text: str
    seconds: list[int] = field(default_factory=list)
    minutes: list[int | None] = field(default_factory=list)  # the other reading of each, if ambiguous


@dataclass(frozen=True, slots=True)
class Lead:
    subject: str
    links: tuple[WikiLink, ...]


def split_lead(raw: str) -> tuple[Lead | None, str]:
    """The bold lead of a bullet (`**xAI (Grok):** …`) and the text after it."""
    if not raw.lstrip(" \t").startswith("**"):
        return None, raw
    match = _LEAD.match(raw)
    if match is None:
        return None, raw
    subject, links = plain_text(match.group("lead"))
    subject = subject.rstrip(":").strip()
    if not _WORD.search(subject):
        return None, raw
    return Lead(subject, links), raw[match.end() :]


def anchor_seconds(
    data_t: str | None, label: str | None, link_label: str | None, plain: str | None
) -> tuple[int | None, int | None]:
    """The anchor's time: its `data-t`, else its visible label, else the wrapping link label; and the
    minutes reading of that value when it is an ambiguous `AA:BB:00`."""
    for raw in (plain,) if plain is not None else (data_t, label, link_label):
        if raw:
            seconds = parse_timestamp(raw)
            if seconds is not None:
                return seconds, minutes_reading(raw) if raw.endswith("00") else None
    return None, None


@dataclass(slots=True)
class ClaimMaker:
    """Collects the claims of a whole note, numbering them and counting unreadable timestamps."""

    claims: list[Claim] = field(default_factory=list)
    unreadable: int = 0
    _ambiguous: list[tuple[int, tuple[int | None, ...]]] = field(default_factory=list)  # claim, readings
    _longest_plain: int = 0  # the latest timestamp that has only one reading

    def add_block(
        self,
        raw: str,
        heading_path: tuple[str, ...],
        subject: str | None = None,
        lead_links: tuple[WikiLink, ...] = (),
    ) -> None:
        pieces, links = self._pieces(raw)
        claims = self.claims
        for piece in pieces:
            if has_boundary(piece.text):
                sentences = [s for s in split_sentences(piece.text) if _WORD.search(s)]
            else:
                sentences = [piece.text]  # the common case: one clause, already known to hold words
            last = len(sentences) - 1
            if any(piece.minutes):
                self._ambiguous.append((len(claims) + last, tuple(piece.minutes)))
            plain = [s for s, m in zip(piece.seconds, piece.minutes, strict=True) if m is None]
            if plain:
                self._longest_plain = max(self._longest_plain, *plain)
            for number, sentence in enumerate(sentences):
                stamps = tuple(piece.seconds) if number == last else ()
                claims.append(
                    Claim(
                        len(claims),
                        sentence,
                        stamps[0] if stamps else None,
                        stamps,
                        heading_path,
                        subject,
                        lead_links + _links_in(sentence, links) if links else lead_links,
                    )
                )

    def _pieces(self, raw: str) -> tuple[list[_Piece], tuple[WikiLink, ...]]:
        """The block's plain text cut at its anchors, each piece with the seconds of the anchors after it.

        Anchors become MARK before cleaning so the whole block is cleaned in one pass.
        """
        if MARK in raw:
            raw = raw.replace(MARK, "")
        found: list[tuple[int | None, int | None]] = []
        if "<" in raw or "[" in raw:
            # split() hands back text, then the anchor's groups, then text…: no Match objects, no callback.
            parts = ANCHOR.split(raw)
            for at in range(1, len(parts), _GROUPS + 1):
                _, link_label, _, data_t, label, plain = parts[at : at + _GROUPS]
                found.append(anchor_seconds(data_t, label, link_label, plain))
            raw = MARK.join(parts[:: _GROUPS + 1])
        text, links = plain_text(raw)
        found.append((None, None))  # the text after the last anchor is dated by nothing
        pieces: list[_Piece] = []
        for part, (seconds, minutes) in zip(text.split(MARK), found, strict=True):
            part = part.rstrip(_TRAILING_JUNK)
            words = part.lstrip(_LEADING_JUNK)
            if pieces and len(words) < len(part):
                self._end(pieces[-1], part[: len(part) - len(words)])
            if _WORD.search(words):
                pieces.append(_Piece(words))
            if seconds is None:
                self.unreadable += 1
            elif pieces:
                # Anchors with no text of their own ("…claim <a>[1]</a>, <a>[2]</a>") date the claim before.
                pieces[-1].seconds.append(seconds)
                pieces[-1].minutes.append(minutes)
        self.unreadable -= 1  # the closing (None, None) is not an anchor
        return pieces, links

    def settle_minute_stamps(self) -> int:
        """Re-read `AA:BB:00` stamps as minutes:seconds in notes that plainly use that convention.

        The evidence is a stamp of six hours or more that no unambiguous stamp of the note comes near;
        then every ambiguous stamp beyond the latest unambiguous one is re-read. Returns how many were.
        """
        limit = self._longest_plain
        if not any(
            seconds >= _IMPLAUSIBLE and seconds > limit
            for ordinal, _ in self._ambiguous
            for seconds in self.claims[ordinal].timestamps
        ):
            return 0
        changed = 0
        for ordinal, readings in self._ambiguous:
            claim = self.claims[ordinal]
            stamps = tuple(
                minutes if minutes is not None and seconds > limit else seconds
                for seconds, minutes in zip(claim.timestamps, readings, strict=True)
            )
            changed += sum(a != b for a, b in zip(stamps, claim.timestamps, strict=True))
            self.claims[ordinal] = replace(claim, seconds=stamps[0], timestamps=stamps)
        return changed

    @staticmethod
    def _end(piece: _Piece, junk: str) -> None:
        """The ")" and full stop after "… claim <a>…</a>)." belong to the claim the anchor dated."""
        if ")" in junk and piece.text.count("(") > piece.text.count(")"):
            piece.text += ")"  # "(e.g., trips to Rome <a>…</a>)": the anchor sat inside the brackets
        if not piece.text.endswith(_STOPS):
            for char in junk:  # junk is a few characters: a loop beats a regex call here
                if char in _STOPS:
                    piece.text += char
                    break


def _links_in(sentence: str, links: tuple[WikiLink, ...]) -> tuple[WikiLink, ...]:
    if not links:
        return links
    return tuple(link for link in links if (link.alias or link.target) in sentence)
