"""Speed work on the parser changes no output: the corpus parses to what the unoptimised parser gave, and
ANCHOR (written for the regex engine's fast skip) cuts text exactly where its readable form does."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.notes.claims import ANCHOR
from bot.notes.parse import own_reading, parse_bytes

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# sha256 over repr(parse_bytes(...)) for priors None/"hours"/"minutes" and own_reading(), file by file
# in sorted order, as computed by the parser before the speed work (commit 121c24e).
CORPUS_DIGEST = "26cd2c43fe338d47ff18db98a1fcb5a11cf026f661c45e66ba6d924b4b2ec2c6"

_T = r"\d{1,4}(?::\d{1,3}){1,4}"
_T3 = r"\d{1,2}:\d{2}:\d{2}"
_LIST_SEP = r"\s*(?:[|,;]|[-–—]|\band\b)\s*"
# ANCHOR as it read before: a leading lookahead, then the forms in order.
READABLE = re.compile(
    r"(?=[\[<(])(?:"
    r"(?P<md>\[(?P<mdt>\d{1,3}(?::\d{1,3}){1,3})\]\(\s*)?(?P<br>\[)?"
    r"<a\s[^<>]*?yt[->]timestamp[^<>]*?data(?:[-=]t|-timestamp)=\"(?P<t>[^\"<>]*)\"?[ \t]*>?"
    r"(?:(?P<label>[^<>\n]{0,40})(?:</a>|>(?=[ \t]*\))))?(?(md)[ \t]*\)?)(?(br)\]?)"
    r"|(?P<dbl>\[)?\[\(?(?P<plain>" + _T + "(?:" + _LIST_SEP + _T + r")*)\)?[\])]"
    r"(?:\s*[-–—]\s*\[(?P<plain_end>" + _T + r")\])?(?(dbl)\]|)(?:\([^()\s]{0,200}\))?(?!\()"
    r"|\((?P<paren>" + _T3 + "(?:" + _LIST_SEP + _T3 + r")*)\)"
    r"|\[\s*\]\([^()\s]*#t?=?(?P<frag>" + _T + r")\)"
    r"|\[\[[^\[\]|\n]*\|\s*\(?(?P<alias>" + _T + r")\)?\s*\]\]"
    r")"
)


def _cuts(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    """Each match's span, the groups the parser reads, and whether `md`/`br` matched (their text is
    not read: ANCHOR's `md` lacks the opening "[", its `br` may be empty)."""
    read = [name for name in pattern.groupindex if name not in ("md", "br")]
    return [
        (m.span(), *(m.group(name) for name in read), m.group("md") is None, m.group("br") is None)
        for m in pattern.finditer(text)
    ]


def test_anchor_has_the_readable_forms_groups() -> None:
    assert ANCHOR.groupindex == READABLE.groupindex


_PIECES = st.sampled_from(
    [
        "[", "]", "(", ")", "<", ">", "[[", "]]", "|", " ", "\n", "-", "–", ",", "and", ":", "#t=", "a",
        "00:01:02", "1:05", "12", '<a class="yt-timestamp" data-t="', '">', "</a>", "<a href=x>",
        '"', "data-t=", "yt>timestamp", "topic", "(00:33:01-00:33:14)", "[00:42:00]", "](./t#t=",
    ]
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES, max_size=24).map("".join))
def test_anchor_cuts_generated_text_as_the_readable_form_does(text: str) -> None:
    assert _cuts(ANCHOR, text) == _cuts(READABLE, text)


@pytest.mark.corpus
def test_anchor_cuts_every_corpus_line_as_the_readable_form_does() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    for path in sorted(CORPUS.rglob("*.md")):
        text = path.read_text("utf-8", errors="replace")
        assert _cuts(ANCHOR, text) == _cuts(READABLE, text), path.name


@pytest.mark.corpus
def test_corpus_parses_to_what_the_parser_gave_before_the_speed_work() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    digest = hashlib.sha256()
    for path in sorted(CORPUS.rglob("*.md")):
        source, data = path.relative_to(CORPUS).as_posix(), path.read_bytes()
        for prior in (None, "hours", "minutes"):
            digest.update(repr(parse_bytes(data, source, prior)).encode())
        digest.update(own_reading(data).encode())
    assert digest.hexdigest() == CORPUS_DIGEST
