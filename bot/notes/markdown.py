"""Inline Markdown to plain readable text: wiki links by their alias, emphasis, links and HTML removed.

Callers may mark cut points with MARK ("\\x00"); every pattern here leaves it in place.
"""

from __future__ import annotations

import html
import re

from bot.notes.model import WikiLink

MARK = "\x00"
# `[[target]]`, `[[target | alias]]`, and `[[target\|alias]]` (the pipe escaped inside tables).
WIKI_LINK = re.compile(r"\[\[([^\[\]|\n\x00]*?)\s*(?:\\?\|\s*([^\[\]\n\x00]*?)\s*)?\]\]")
# What is left of a link whose closing "]]" never came ("[[ai_safety |" before an anchor).
_BROKEN_LINK = re.compile(r"\[\[[^\[\]\n\x00|]*\|?")
_IMAGE = re.compile(r"!\[[^\[\]\n\x00]*\]\([^()\n\x00]*\)")
_LINK = re.compile(r"\[([^\[\]\n\x00]*)\]\((?:[^()\s\x00]|\([^()\s\x00]*\))*\)")
_TAG = re.compile(r"<[A-Za-z/!][^<>\x00]{0,300}>")
# Emphasis underscores, not snake_case; the lookahead lets the engine skip to underscores quickly.
_UNDERSCORES = re.compile(r"(?=_)(?:(?<!\w)_+|_+(?!\w))")
_ESCAPED_MARKS = {"\\*": "\ue000", "\\_": "\ue001", "\\`": "\ue002"}
_RESTORE_MARKS = str.maketrans({"\ue000": "*", "\ue001": "_", "\ue002": "`"})
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[,.;:!?)\]])")
# Bidirectional isolation/embedding marks that some vault folder names carry ("⁨cleoabram⁩").
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _replace_links(text: str) -> tuple[str, tuple[WikiLink, ...]]:
    """Wiki links shown by alias (else target), and the links themselves: one regex pass for both."""
    out: list[str] = []
    links: list[WikiLink] = []
    position = 0
    for match in WIKI_LINK.finditer(text):
        target, alias = match.group(1).strip(), (match.group(2) or "").strip()
        links.append(WikiLink(target, alias or None))
        out.append(text[position : match.start()])
        out.append(alias or target)
        position = match.end()
    out.append(text[position:])
    return "".join(out), tuple(links)


def plain_text(raw: str) -> tuple[str, tuple[WikiLink, ...]]:
    """Readable text of an inline Markdown fragment, and the wiki links it held, in order."""
    links: tuple[WikiLink, ...] = ()
    text = raw
    if "[[" in text:
        text, links = _replace_links(text)
        if "[[" in text:
            text = _BROKEN_LINK.sub("", text)
    if "](" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    escaped = "\\" in text
    if escaped:  # keep "\*" literal through the emphasis removal below
        for escape, placeholder in _ESCAPED_MARKS.items():
            text = text.replace(escape, placeholder)
    if "*" in text or "`" in text or "~~" in text:  # str.replace is far faster than a regex here
        text = text.replace("*", "").replace("`", "").replace("~~", "")
    if "_" in text:
        text = _UNDERSCORES.sub("", text)
    if escaped:
        text = _ESCAPE.sub(r"\1", text).translate(_RESTORE_MARKS)
    if "&" in text:
        text = html.unescape(text)
    text = " ".join(text.split())  # collapse all whitespace; the C split beats a regex several times
    if "()" in text or "( )" in text or "[]" in text or "[ ]" in text:
        text = " ".join(_EMPTY_BRACKETS.sub("", text).split())
    return _SPACE_BEFORE_PUNCT.sub("", text), links


def strip_bidi(text: str) -> str:
    return _BIDI.sub("", text).strip()
