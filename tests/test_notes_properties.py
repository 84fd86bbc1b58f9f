"""parse_note never raises: not on arbitrary text, not on real notes damaged at random."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.notes.model import ChannelIndex, Note, Rejected
from bot.notes.parse import parse_bytes, parse_note

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
_CORPUS_SAMPLES = (
    "bankless/bankless.md",
    "oddities/lexfridman__gravitational_waves_and_their_detection.md",
    "oddities/hubermanlab__managing_skin_conditions_like_acne_and_rosacea.md",
    "oddities/goodareaslive__indias_historic_cricket_victory_in_perth.md",
    "oddities/lennyspodcast__authenticity_and_leadership_in_tech.md",
)


def _samples() -> list[str]:
    texts = [(REPO / "data" / "notes" / "open_source_ai_models.md").read_text(encoding="utf-8")]
    texts += [
        (CORPUS / name).read_text(encoding="utf-8") for name in _CORPUS_SAMPLES if (CORPUS / name).is_file()
    ]
    return texts


SAMPLES = _samples()
# Characters that matter to the parser, so random insertions hit its edges more often than plain text would.
MARKUP = st.sampled_from(list("\n\r\t *_-#>|[](){}<>\"'`:.,!?&;/\\=0123456789\x00\ufeff\u2068\u2069"))
KEEP_FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _is_result(result: object) -> bool:
    """A parse result, and not the safety net's "parser error": that would be a bug caught, not a file judged."""
    if isinstance(result, Rejected):
        return not result.reason.startswith("parser error")
    return isinstance(result, Note | ChannelIndex)


@KEEP_FAST
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    assert _is_result(parse_note(text, "x/y.md"))


@KEEP_FAST
@given(st.binary())
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    assert _is_result(parse_bytes(data, "x/y.md"))


@KEEP_FAST
@given(st.text(alphabet=MARKUP, max_size=300))
def test_text_after_valid_front_matter_never_raises(body: str) -> None:
    assert _is_result(parse_note("---\ntitle: T\nvideoId: abcdefghijk\n---\n" + body, "x/y.md"))


@st.composite
def damaged_notes(draw: st.DrawFn) -> str:
    """A real note with random slices deleted or duplicated and random characters inserted."""
    text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 400)))
        action = draw(st.sampled_from(("delete", "duplicate", "insert")))
        if action == "delete":
            text = text[:start] + text[end:]
        elif action == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:start] + draw(st.text(alphabet=MARKUP, min_size=1, max_size=8)) + text[start:]
    return text


@KEEP_FAST
@given(damaged_notes())
def test_damaged_real_notes_never_raise(text: str) -> None:
    assert _is_result(parse_note(text, "bankless/damaged.md"))


@KEEP_FAST
@given(damaged_notes())
def test_claims_of_damaged_notes_are_well_formed(text: str) -> None:
    result = parse_note(text, "bankless/damaged.md")
    if isinstance(result, Note):
        for number, claim in enumerate(result.claims):
            assert claim.ordinal == number
            assert claim.text and claim.text == claim.text.strip()
            # Its own first timestamp; without one, its paragraph's (inherited) or none.
            if claim.timestamps:
                assert claim.seconds == claim.timestamps[0] and not claim.inherited
            else:
                assert (claim.seconds is not None) == claim.inherited
            assert "\x00" not in claim.text
