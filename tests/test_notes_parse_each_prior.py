"""`parse_bytes_each_prior`: one reading of a note's body gives its parse with no prior and, for a note whose
own times settle nothing, its parse under each channel convention, exactly as `parse_bytes` gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.notes.model import Note
from bot.notes.parse import parse_bytes, parse_bytes_each_prior
from bot.notes.timestamps import PRIORS

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FRONT = "---\ntitle: T\nvideoId: abcdefghijk\n---\nFrom: [[frontierpod]]\n\n"


def a(t: str) -> str:
    return f'<a class="yt-timestamp" data-t="{t}">[{t}]</a>'


UNTRUSTED = FRONT + f"- Claim {a('02:29:03')}. Other {a('02:31:38')}. More {a('02:30:00')}.\n"


def test_an_untrusted_note_comes_with_its_parse_under_each_prior() -> None:
    first, others = parse_bytes_each_prior(UNTRUSTED.encode(), "frontierpod/x.md")
    assert first == parse_bytes(UNTRUSTED.encode(), "frontierpod/x.md")
    assert others == {prior: parse_bytes(UNTRUSTED.encode(), "frontierpod/x.md", prior) for prior in PRIORS}
    hours = others["hours"]
    assert isinstance(hours, Note)
    assert [c.seconds for c in hours.claims] == [8943, 9098, 9000]


def test_a_note_that_settles_its_own_times_comes_alone() -> None:
    text = FRONT + f"- Claim {a('00:01:02')}. Later {a('01:10:00')}.\n"
    first, others = parse_bytes_each_prior(text.encode(), "frontierpod/x.md")
    assert first == parse_bytes(text.encode(), "frontierpod/x.md")
    assert others == {}


def test_a_rejected_file_comes_alone() -> None:
    assert parse_bytes_each_prior(b"no front matter", "x.md") == (
        parse_bytes(b"no front matter", "x.md"),
        {},
    )


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_every_corpus_note_parses_as_parse_bytes_does_under_each_prior() -> None:
    untrusted = 0
    for path in sorted(CORPUS.rglob("*.md")):
        data, source = path.read_bytes(), path.relative_to(CORPUS).as_posix()
        first, others = parse_bytes_each_prior(data, source)
        assert first == parse_bytes(data, source), source
        if others:
            untrusted += 1
            assert others == {prior: parse_bytes(data, source, prior) for prior in PRIORS}, source
        else:
            assert not isinstance(first, Note) or first.reading != "untrusted", source
    assert untrusted > 0  # the corpus holds such notes, or this test checks nothing
