"""bot.text: clipping, counting, and evidence lines cut around what makes them evidence."""

from __future__ import annotations

from bot.commands.cite import evidence_line
from bot.store.queries import ClaimRow
from bot.text import around, clip, plural, shorten

LONG = (
    'The "Open Deep Think Researcher" project exemplifies an open source approach to developing AI '
    "research tools, offering a cost-effective alternative to OpenAI's proprietary Deep Research product "
    "for the many teams that cannot pay for it."
)


def test_clip_keeps_short_text_and_ends_cut_text_with_an_ellipsis() -> None:
    assert clip("Grok 3", 10) == "Grok 3"
    assert clip("Grok 3 is closed source", 10) == "Grok 3 is…"


def test_shorten_puts_text_on_one_line_before_clipping() -> None:
    assert shorten("Grok 3\n  is   closed", 40) == "Grok 3 is closed"


def test_plural_counts_with_thousands_separators() -> None:
    assert (plural(1, "note"), plural(2, "note"), plural(1419, "note")) == (
        "1 note",
        "2 notes",
        "1,419 notes",
    )


def test_around_shows_the_start_when_the_point_fits() -> None:
    assert around(LONG, 20, 60) == clip(LONG, 60)


def test_around_cuts_a_window_that_shows_the_point_late_in_a_long_text() -> None:
    end = LONG.index("proprietary") + len("proprietary")
    shown = around(LONG, end, 100)
    assert len(shown) <= 100
    assert shown.startswith("…") and shown.endswith("…")
    assert "OpenAI's proprietary" in shown


def test_evidence_against_shows_the_closed_cue_of_a_long_claim() -> None:
    row = ClaimRow(
        id=1, text=LONG, seconds=12, note_id=1, note_title="t", channel="c", video_id="KIb9LhszOUc"
    )
    assert "OpenAI's proprietary" in evidence_line(row, "closed")
    assert "OpenAI's proprietary" not in evidence_line(row)  # without a side: the start, as before
