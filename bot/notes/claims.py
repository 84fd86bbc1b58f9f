"""Turning one block of note text (a paragraph, a bullet, a table row) into dated claims.

A yt-timestamp anchor dates the sentence or clause right before it; anchors separated only by spaces
or commas date the same claim. The block's text is cut at the anchors; a piece holding several
sentences gives one claim per sentence, the anchors dating the last one. Times written without an
anchor are read the same way: bracketed lists ("[00:04:36 | 00:05:11]", "[08:34, 09:06]", the first is
cited, all are kept), ranges ("[00:00:24]-[00:00:25]", "(00:33:01-00:33:14)"), Markdown links and wiki
links whose label or target is a time. Whatever still looks like a time is counted as unread.

The times of a whole note are read together once the note is done (bot.notes.timestamps.read_note);
then a sentence with no anchor of its own takes the nearest anchor of its block, the next one first
(a paragraph's anchor usually follows its last sentence), and says so (`Claim.inherited`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from bot.notes.markdown import MARK, plain_text
from bot.notes.model import Claim, WikiLink, new_claim
from bot.notes.sentences import has_boundary, split_sentences
from bot.notes.timestamps import Fields, NoteTimes, first_hour, read_note, read_value, readable

_T = r"\d{1,4}(?::\d{1,3}){1,4}"  # one written time, as `plain` lists hold them
_T3 = r"\d{1,2}:\d{2}:\d{2}"  # the only form read in parentheses: "(16:9)" is a ratio, not a time
_LIST_SEP = r"\s*(?:[|,;]|[-–—]|\band\b)\s*"
# Every form starts with "[", "<" or "(": the pattern opens with that set, so the regex engine skips to
# those characters in C; each form then checks the character it starts with by a lookbehind. (A leading
# lookahead instead, or optional groups first, make it try the whole pattern at every character.)
ANCHOR = re.compile(
    r"[\[<(](?:"
    # Some notes wrap the anchor in a Markdown link label: "[00:01:38](<a …>[00:01:38]</a>)". `md` and
    # `br` only say whether those brackets were there (br holds "" when it is the opening character).
    r"(?:(?<=\[)(?P<md>(?P<mdt>\d{1,3}(?::\d{1,3}){1,3})\]\(\s*))?"
    r"(?P<br>(?(md)\[|(?<=\[)))?(?(md)<|(?(br)<|(?<=<)))"
    # The anchor itself, tolerating `data=t`, `data-timestamp`, `class="yt>timestamp"`, a missing
    # closing quote or `>`, and a missing label or `</a>` ("data-t="01:27:42</a>", "…%3C/a>", "…>00:16>)").
    r"a\s[^<>]*?yt[->]timestamp[^<>]*?data(?:[-=]t|-timestamp)=\"(?P<t>[^\"<>]*)\"?[ \t]*>?"
    r"(?:(?P<label>[^<>\n]{0,40})(?:</a>|>(?=[ \t]*\))))?(?(md)[ \t]*\)?)(?(br)\]?)"
    # Times written without an anchor: "[00:42:00]", "[00:04:36 | 00:05:11]", "[08:34, 09:06]",
    # "[00:00:24]-[00:00:25]", "[[01:52:00]]", "[01:05:04](#01:05:04)", "[(00:00:16)](./transcript#t=…)",
    # and a long list whose "]" became ")".
    r"|(?<=\[)(?P<dbl>\[)?\(?(?P<plain>" + _T + "(?:" + _LIST_SEP + _T + r")*)\)?[\])]"
    r"(?:\s*[-–—]\s*\[(?P<plain_end>" + _T + r")\])?(?(dbl)\]|)(?:\([^()\s]{0,200}\))?(?!\()"
    # "(00:33:01-00:33:14)"; a link whose target is the time, "[ ](./transcript#t=00:03:36)"; a wiki link
    # whose alias is one, "[[topic | 00:58:43]]", "[[topic | (00:01:56)]]".
    r"|(?<=\()(?P<paren>" + _T3 + "(?:" + _LIST_SEP + _T3 + r")*)\)"
    r"|(?<=\[)\s*\]\([^()\s]*#t?=?(?P<frag>" + _T + r")\)"
    r"|(?<=\[)\[[^\[\]|\n]*\|\s*\(?(?P<alias>" + _T + r")\)?\s*\]\]"
    r")"
)
# The anchor nine notes in ten write, exactly: `<a class="yt-timestamp" data-t="…">[…]</a>`. Where ANCHOR
# would match it, it matches the same span and the same `t` and `label` (see `cut_anchors`), and finding
# it is several times cheaper than ANCHOR's search with its fifteen groups.
_USUAL_ANCHOR = re.compile(r'<a class="yt-timestamp" data-t="([^"<>]*)">(\[[^<>\n]{0,39})</a>')
_AT = {name: index - 1 for name, index in ANCHOR.groupindex.items()}  # positions in split() output
_PLAIN, _PAREN, _PLAIN_END, _DATA_T = _AT["plain"], _AT["paren"], _AT["plain_end"], _AT["t"]
_SINGLE = tuple(_AT[name] for name in ("t", "label", "mdt", "frag", "alias"))  # in the order they are tried
_GROUPS = ANCHOR.groups
_LIST = re.compile(_T)
# A time left in the text after every form above was read: in a bracket, a "#t=" fragment or after a
# "|", as notes cite; prose ("at 7:30 PM", "a 1:1 ratio") is not counted.
_UNREAD = re.compile(r"[\[(#|]\s*(?:t=)?\d{1,4}:\d{2}(?::\d{2,3}){0,3}(?![\d:])(?!\s*[AaPp]\.?[Mm])")
_WORD = re.compile(r"\w")
# ASCII characters that are not \w: an ASCII text holds a word character exactly when stripping these
# leaves something, a C call that stops at the first word character from either end (`_has_word`).
_ASCII_NONWORD = "".join(chr(c) for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))
_LEAD = re.compile(
    r"[ \t]*\*\*(?P<lead>[^*\n]{1,200}?)[ \t]*"
    r"(?::[ \t]*\*\*[ \t]*|\*\*[ \t]*:[ \t]*|\*\*[ \t]+[-–—][ \t]+|\*\*[ \t]+(?=[A-Z0-9\"“]))"
)
_LEADING_JUNK = " ,.;:!?)]}>|–—-"  # what is left of a sentence after the anchors that dated it
_TRAILING_JUNK = " (["  # "… pimples (" before an anchor written as "([00:02:03](<a …>))"
_STOPS = (".", "!", "?")
_LEADING_NON_STOPS = "".join(char for char in _LEADING_JUNK if char not in _STOPS)


class _Draft(NamedTuple):
    """A claim before the note's times are read as a whole (a tuple: a note makes thousands)."""

    text: str
    heading_path: tuple[str, ...]
    subject: str | None
    links: tuple[WikiLink, ...]
    times: tuple[int, ...]  # positions in the note's list of times, of the anchors that date it
    block: int  # the paragraph, bullet or table row it comes from


# `_new_draft(_Draft, fields)` is `_Draft(*fields)` without the NamedTuple's Python-level __new__.
_new_draft = tuple.__new__


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
    if not _has_word(subject):
        return None, raw
    return Lead(subject, links), raw[match.end() :]


def anchor_times(groups: Sequence[str | None]) -> tuple[Fields, ...]:
    """The times one matched form (its groups, as ANCHOR.split gives them) holds: an anchor's `data-t`
    (else its label, else the wrapping link label), or every time of a plain list or range, in order."""
    plain = groups[_PLAIN] or groups[_PAREN]
    if plain is not None:
        times: tuple[Fields, ...] = ()
        for written in _LIST.findall(plain + " " + (groups[_PLAIN_END] or "")):
            times += _readable_times(written)
        return times
    for index in _SINGLE:
        raw = groups[index]
        if raw:
            found = _readable_times(raw)
            if found:
                return found
    return ()


def split_times(parts: list[str | None]) -> list[tuple[Fields, ...]]:
    """The times of each form ANCHOR.split(text) cut out of a text, in order (`anchor_times` of each)."""
    found = []
    for at in range(1, len(parts), _GROUPS + 1):
        # Nine forms in ten are an anchor with a readable `data-t`: read it without slicing out the groups.
        t = parts[at + _DATA_T]
        if t and parts[at + _PLAIN] is None and parts[at + _PAREN] is None:
            times = _readable_times(t)
            if times:
                found.append(times)
                continue
        found.append(anchor_times(parts[at : at + _GROUPS]))
    return found


def cut_anchors(text: str) -> tuple[list[str], list[tuple[Fields, ...]]]:
    """`text` cut at every form ANCHOR finds: the texts around them (one more than the forms) and the
    times of each form (`split_times`), exactly as ANCHOR.split(text) gives them.

    The usual anchor is found first by its own cheap pattern, then ANCHOR searches only the texts
    between. That is the same cut: no ANCHOR form that starts before a usual anchor can run into it
    (their classes stop at its "<", at the space after "a", or at the "[" of its label, where the one
    form that could go on, a wiki-link alias, needs a "|"), except a link label "[00:01](" or a bracket
    "[" right before it. When a text ends so, ANCHOR cuts the whole text instead.
    """
    usual = _USUAL_ANCHOR.split(text)
    if len(usual) > 1:
        texts: list[str] = []
        found: list[tuple[Fields, ...]] = []
        last = len(usual) - 1
        for at in range(0, len(usual), 3):
            between = usual[at]
            bracketed = "(" in between
            if at < last and (between.endswith("[") or (bracketed and between.rstrip().endswith("("))):
                break  # an anchor in a link label or brackets: ANCHOR reads it with them
            if (bracketed or "[" in between or "<" in between) and _may_hold_anchor(between):
                parts = ANCHOR.split(between)
                if len(parts) > 1:
                    texts += parts[:: _GROUPS + 1]
                    found += split_times(parts)
                else:
                    texts.append(between)
            else:
                texts.append(between)
            if at < last:
                # anchor_times of these groups: `data-t`, else the label ("[…]", never empty).
                t = usual[at + 1]
                found.append((t and _readable_times(t)) or _readable_times(usual[at + 2]))
        else:
            return texts, found
    if not _may_hold_anchor(text):
        return [text], []
    parts = ANCHOR.split(text)
    return parts[:: _GROUPS + 1], split_times(parts)


def _may_hold_anchor(text: str) -> bool:
    """Whether ANCHOR can find anything in `text`: every form holds a written time (digits around a
    colon) or, the anchor tag, "timestamp". Two C scans settle most wiki-linked or bracketed prose that
    would otherwise cost an ANCHOR search trying its forms at every bracket."""
    return ":" in text or "timestamp" in text


@lru_cache(maxsize=1 << 16)  # a vault writes a few hundred thousand anchors with far fewer values
def _readable_times(raw: str) -> tuple[Fields, ...]:
    return tuple(t for t in read_value(raw) if readable(t))


@dataclass(slots=True)
class ClaimMaker:
    """Collects the claims of a whole note, then dates them once every time of the note is known."""

    unreadable: int = 0  # anchors with no time in them ("N/A", "HH:MM:SS", "00:61:00")
    unread: int = 0  # timestamp-like strings left in the text that no form read
    drafts: list[_Draft] = field(default_factory=list)
    times: list[Fields] = field(default_factory=list)  # every time of the note, in order
    _blocks: int = 0

    def add_block(
        self,
        raw: str,
        heading_path: tuple[str, ...],
        subject: str | None = None,
        lead_links: tuple[WikiLink, ...] = (),
    ) -> None:
        """The block's plain text cut at its anchors into pieces, each with the times of the anchors
        after it (positions in the note's list of times), and each piece's sentences as drafts.

        Anchors become MARK before cleaning so the whole block is cleaned in one pass.
        """
        block = self._blocks
        self._blocks += 1
        if MARK in raw:
            raw = raw.replace(MARK, "")
        found: list[tuple[Fields, ...] | None] = []
        if "<" in raw or "[" in raw or "(" in raw:
            between, times_found = cut_anchors(raw)
            if times_found:
                found += times_found
                raw = MARK.join(between)
        if ":" in raw:
            self.unread += len(_UNREAD.findall(raw))
        text, links = plain_text(raw)
        if not found:  # no anchor: the block is one piece, dated by nothing
            words = text.rstrip(_TRAILING_JUNK).lstrip(_LEADING_JUNK)
            if _has_word(words):
                self._draft(words, [], heading_path, subject, lead_links, links, block)
            return
        # One piece is open at a time: the text before an anchor, which the anchors after it date and
        # whose closing mark comes after them. It is drafted once the next piece starts, or at the end.
        piece: str | None = None
        # The open piece's times; before the first piece, the times before any text of the block
        # ("[00:01:02] Intro."), which date what follows.
        piece_times: list[int] = []
        note_times = self.times
        found.append(None)  # the text after the last anchor is dated by nothing
        for part, times in zip(text.split(MARK), found, strict=True):
            part = part.rstrip(_TRAILING_JUNK)
            words = part.lstrip(_LEADING_JUNK)
            if piece is not None and len(words) < len(part):
                piece = _end(piece, part[: len(part) - len(words)])
            # The part after a block's last anchor is mostly a bare ".". `_has_word`, inline: a call per
            # part costs more than its test.
            if words and (words.strip(_ASCII_NONWORD) if words.isascii() else _WORD.search(words)):
                if piece is not None:
                    self._draft(piece, piece_times, heading_path, subject, lead_links, links, block)
                    piece_times = []
                piece = words
            if times is None:
                continue  # the last part (zip still checks that parts and anchors pair up)
            if not times:
                self.unreadable += 1
                continue
            # Anchors with no text of their own ("…claim <a>[1]</a>, <a>[2]</a>") date the claim before.
            if len(times) == 1:  # nine anchors in ten: no range
                piece_times.append(len(note_times))
                note_times.append(times[0])
            else:
                start = len(note_times)
                note_times += times
                piece_times.extend(range(start, len(note_times)))
        if piece is not None:
            self._draft(piece, piece_times, heading_path, subject, lead_links, links, block)

    def _draft(
        self,
        text: str,
        piece_times: list[int],
        heading_path: tuple[str, ...],
        subject: str | None,
        lead_links: tuple[WikiLink, ...],
        links: tuple[WikiLink, ...],
        block: int,
    ) -> None:
        """The drafts of one piece: one per sentence, the anchors after the piece dating its last.

        Lead-ins ("After each guess, players receive feedback:") introduce what follows and are not
        claims; a dated one stays. A draft is built by `tuple.__new__`, half the cost of the NamedTuple's
        own constructor (a Python function).
        """
        times = tuple(piece_times)
        append = self.drafts.append
        if not has_boundary(text):  # the common case: one clause, already known to hold words
            if times or not text.endswith(":"):
                sentence_links = lead_links + _links_in(text, links) if links else lead_links
                append(_new_draft(_Draft, (text, heading_path, subject, sentence_links, times, block)))
            return
        sentences = [s for s in split_sentences(text) if _has_word(s)]
        last = len(sentences) - 1
        for number, sentence in enumerate(sentences):
            own = times if number == last else ()
            if own or not sentence.endswith(":"):
                sentence_links = lead_links + _links_in(sentence, links) if links else lead_links
                append(_new_draft(_Draft, (sentence, heading_path, subject, sentence_links, own, block)))

    def add_heading(self, raw: str) -> None:
        """A heading is not a claim, but its anchors are times of the note: they help read the others."""
        for match in ANCHOR.finditer(raw):
            times = anchor_times(match.groups())
            self.times += times
            self.unreadable += not times

    def finish(self, prior: str | None = None) -> tuple[list[Claim], NoteTimes]:
        """The note's claims, dated: its times read as a whole (bot.notes.timestamps.read_note), then a
        claim with no anchor of its own takes the next anchor of its block, else the previous one."""
        drafts = self.drafts
        note_times = first_hour(self.times)
        if note_times is None:  # the reading weighs the note's words: only then are they counted
            # Words counted by spaces, one more than each claim's spaces: the C count over one joined string.
            words = " ".join([d.text for d in drafts]).count(" ") + 1 if drafts else 0
            note_times = read_note(self.times, words, prior)  # prior: the channel's convention
        seconds = note_times.seconds
        # The seconds of each draft's own times; a draft with one time (nine in ten) shares the 1-tuple
        # of that time instead of building its own.
        single = [() if second is None else (second,) for second in seconds]
        dated = [
            single[d.times[0]] if len(d.times) == 1 else _dated(d.times, seconds) if d.times else ()
            for d in drafts
        ]
        claims: list[Claim] = []
        append = claims.append
        claim = new_claim
        for index, (text, heading_path, subject, links, times, _) in enumerate(drafts):
            own = dated[index]
            if own:
                append(claim(index, text, own[0], own, heading_path, subject, links, False))
                continue
            inherited = None if times else _inherit(drafts, dated, index)
            append(claim(index, text, inherited, own, heading_path, subject, links, inherited is not None))
        return claims, note_times


def _has_word(text: str) -> bool:
    """Whether `text` holds a word character (`\\w`): for ASCII text without the regex."""
    if text.isascii():
        return bool(text.strip(_ASCII_NONWORD))
    return _WORD.search(text) is not None


def _end(text: str, junk: str) -> str:
    """The ")" and full stop after "… claim <a>…</a>)." belong to the claim the anchor dated; `junk`
    holds only characters of `_LEADING_JUNK` (what was stripped before the next piece's words)."""
    if ")" in junk and text.count("(") > text.count(")"):
        text += ")"  # "(e.g., trips to Rome <a>…</a>)": the anchor sat inside the brackets
    if not text.endswith(_STOPS):
        # Junk is what `_LEADING_JUNK` stripped: past its other characters, its first stop, if any.
        stop = junk.lstrip(_LEADING_NON_STOPS)
        if stop:
            return text + stop[0]
    return text


def _dated(times: tuple[int, ...], seconds: tuple[int | None, ...]) -> tuple[int, ...]:
    """The seconds of these times that are read and trusted."""
    if len(times) == 1:  # the common case, without a generator
        second = seconds[times[0]]
        return () if second is None else (second,)
    return tuple(s for s in (seconds[t] for t in times) if s is not None)


def _inherit(drafts: list[_Draft], dated: list[tuple[int, ...]], index: int) -> int | None:
    """The first second of the nearest dated claim after `index` in its block, else before it."""
    block = drafts[index].block
    for step in (1, -1):
        at = index + step
        while 0 <= at < len(drafts) and drafts[at].block == block:
            if dated[at]:
                return dated[at][0]
            at += step
    return None


def _links_in(sentence: str, links: tuple[WikiLink, ...]) -> tuple[WikiLink, ...]:
    if not links:
        return links
    # A list comprehension turned into a tuple beats a generator.
    return tuple([link for link in links if (link.alias or link.target) in sentence])
