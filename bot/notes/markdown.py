"""Inline Markdown to plain readable text: wiki links by their alias, emphasis, links and HTML removed.

Callers may mark cut points with MARK ("\\x00"); every pattern here leaves it in place.

Note text is data for every later reader, so what comes out holds no link syntax a renderer could take
for a link (entities are decoded first, then links are reduced to their labels), and no invisible
character: zero-width and bidi controls, invisible tags and private-use code points (the bot marks its
own highlights and links in Reply strings with the latter, see bot.reply) are dropped.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from bot.notes.model import WikiLink

MARK = "\x00"
# `[[target]]`, `[[target | alias]]`, and `[[target\|alias]]` (the pipe escaped inside tables).
# No lazy quantifier and no backtracking: the target stops at "|" or at a backslash before one; spaces
# around target and alias are left in the groups, which every user strips (a third of the `*?` form's time).
WIKI_LINK = re.compile(
    r"\[\[([^\[\]|\n\x00\\]*+(?:\\(?!\|)[^\[\]|\n\x00\\]*+)*+)\s*(?:\\?\|\s*([^\[\]\n\x00]*+)\s*)?\]\]"
)
# What is left of a link whose closing "]]" never came ("[[ai_safety |" before an anchor).
_BROKEN_LINK = re.compile(r"\[\[[^\[\]\n\x00|]*\|?")
_IMAGE = re.compile(r"!\[[^\[\]\n\x00]*\]\([^()\n\x00]*\)")
_LINK = re.compile(r"\[([^\[\]\n\x00]*)\]\((?:[^()\s\x00]|\([^()\s\x00]*\))*\)")
# `<https://x>` (its URL is its text) and Slack's `<https://x|label>` (its label is).
_ANGLE_LINK = re.compile(
    r"<((?:https?|ftp|steam|discord)://[^<>|\s\x00]*|mailto:[^<>|\s\x00]*)(?:\|([^<>\x00]*))?>", re.I
)
_TAG = re.compile(r"<[A-Za-z/!][^<>\x00]{0,300}>")
# Invisible characters that hide or reorder what a reader sees, all outside ASCII: C1 controls, soft
# hyphen, zero-width and bidi controls, BOM, invisible tags, and private-use code points.
_INVISIBLE = re.compile(
    "[\x80-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ue000-\uf8ff\U000e0000-\U000e007f]"
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
# An entity-encoded angle bracket is text the author meant to show ("&lt;b&gt;", "&lt;!channel&gt;"),
# not a tag to strip: it waits behind a placeholder until the markup is gone.
_LT, _GT = "\ue003", "\ue004"
_RESTORE_ANGLES = str.maketrans({_LT: "<", _GT: ">"})
# Emphasis underscores, not snake_case; the lookahead lets the engine skip to underscores quickly.
_UNDERSCORES = re.compile(r"(?=_)(?:(?<!\w)_+|_+(?!\w))")
_ESCAPED_MARKS = {"\\*": "\ue000", "\\_": "\ue001", "\\`": "\ue002"}
_RESTORE_MARKS = str.maketrans({"\ue000": "*", "\ue001": "_", "\ue002": "`"})
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[,.;:!?)\]])")
_LOOSE_SPACE = re.compile(r" [ ,.;:!?)\]]")  # a run of spaces, or what _SPACE_BEFORE_PUNCT removes


def _replace_links(text: str) -> tuple[str, tuple[WikiLink, ...]]:
    """Wiki links shown by alias (else target), and the links themselves: one regex pass for both."""
    # split() hands back text, target, alias, text…: no Match objects.
    parts = WIKI_LINK.split(text)
    links: list[WikiLink] = []
    for at in range(1, len(parts), 3):
        target, alias = (parts[at] or "").strip(), (parts[at + 1] or "").strip()
        links.append(_wiki_link(target, alias or None))
        parts[at], parts[at + 1] = alias or target, ""
    return "".join(parts), tuple(links)


@lru_cache(maxsize=1 << 14)  # notes link the same topics over and over; a WikiLink is immutable
def _wiki_link(target: str, alias: str | None) -> WikiLink:
    return WikiLink(target, alias)


def _decode_entity(match: re.Match[str]) -> str:
    char = html.unescape(match.group())
    if char == "<" or char == ">":
        return _LT if char == "<" else _GT
    return _INVISIBLE.sub("", char)  # "&#8203;" hides as well as the character itself


def _unhide(text: str) -> str:
    """`text` without invisible characters and with its entities decoded (angle brackets held back)."""
    if not text.isascii():  # a fast C scan: ASCII text holds none of them
        text = _INVISIBLE.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(_decode_entity, text)
    return text


def _replace_angle_link(match: re.Match[str]) -> str:
    label = match.group(2)
    return match.group(1) if label is None else label


def plain_text(raw: str) -> tuple[str, tuple[WikiLink, ...]]:
    """Readable text of an inline Markdown fragment, and the wiki links it held, in order."""
    links: tuple[WikiLink, ...] = ()
    text = raw
    if not text.isascii():  # `_unhide`, inline: this runs once per block
        text = _INVISIBLE.sub("", text)
    decoded = "&" in text  # only a decoded entity can bring _LT or _GT: raw ones are invisible, gone
    if decoded:
        text = _ENTITY.sub(_decode_entity, text)
    # A one-character search (a memchr) goes before each two-character one, which costs three times as
    # much: most blocks hold no bracket at all once their anchors are cut out.
    if "[" in text and "[[" in text:
        text, links = _replace_links(text)
        if "[[" in text:
            text = _BROKEN_LINK.sub("", text)
    if "]" in text and "](" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _ANGLE_LINK.sub(_replace_angle_link, text)
        text = _TAG.sub(" ", text)
    escaped = "\\" in text
    if escaped:  # keep "\*" literal through the emphasis removal below
        for escape, placeholder in _ESCAPED_MARKS.items():
            text = text.replace(escape, placeholder)
    if "*" in text or "`" in text or ("~" in text and "~~" in text):  # str.replace beats a regex here
        text = text.replace("*", "").replace("`", "").replace("~~", "")
    if "_" in text:
        text = _UNDERSCORES.sub("", text)
    if escaped:
        text = _ESCAPE.sub(r"\1", text).translate(_RESTORE_MARKS)
    if decoded and (_LT in text or _GT in text):
        text = text.translate(_RESTORE_ANGLES)
    # Collapsing changes the text only if it holds a run of spaces, a space at either end, or whitespace
    # other than " ": all of str.split's whitespace but the space is unprintable (C0/C1 controls, Unicode
    # spaces, line and paragraph separators), so isprintable() answers in one C scan. MARK is unprintable
    # too: it is swapped for a letter first. A run of spaces and a space before punctuation are found by
    # one regex scan (`loose`); text with neither, collapsed or not, holds nothing for _SPACE_BEFORE_PUNCT.
    # Most blocks need no collapsing and no space removed.
    loose = _LOOSE_SPACE.search(text) is not None
    if (
        loose
        or text[:1] == " "
        or text[-1:] == " "
        or not (text.replace(MARK, "a") if MARK in text else text).isprintable()
    ):
        text = " ".join(text.split())  # collapse all whitespace; the C split beats a regex several times
        loose = True
    # An empty pair ends in ")" or "]": most texts have no "]", so one scan settles two checks.
    if (")" in text and ("()" in text or "( )" in text)) or ("]" in text and ("[]" in text or "[ ]" in text)):
        text = " ".join(_EMPTY_BRACKETS.sub("", text).split())
        loose = True
    return (_SPACE_BEFORE_PUNCT.sub("", text) if loose else text), links


def strip_bidi(text: str) -> str:
    """A name (channel, folder) without invisible characters: bidi marks, zero-width, private-use."""
    return _INVISIBLE.sub("", text).strip()


def plain_title(raw: str) -> str:
    """A front-matter title as text: entities decoded, links shown by their label, nothing invisible.

    Emphasis is left alone: titles are plain strings, and `_drpreetisharma` must keep its underscore."""
    text = _unhide(raw)
    if "[[" in text:
        text, _ = _replace_links(text)
    if "](" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _ANGLE_LINK.sub(_replace_angle_link, text)
    return " ".join(text.translate(_RESTORE_ANGLES).split())
