"""The reference note (data/notes/open_source_ai_models.md) and the hand-made fixture vault."""

from __future__ import annotations

from pathlib import Path

from bot.notes.model import ChannelIndex, Claim, IndexEpisode, Note, WikiLink
from bot.notes.parse import parse_bytes

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "notes" / "open_source_ai_models.md"
FIXTURES = REPO / "tests" / "fixtures" / "notes"


def seed() -> Note:
    result = parse_bytes(SEED.read_bytes(), "open_source_ai_models.md")
    assert isinstance(result, Note), result
    return result


def claim_at(seconds: int, containing: str = "") -> Claim:
    return next(c for c in seed().claims if c.seconds == seconds and containing in c.text)


def test_seed_note_identity() -> None:
    note = seed()
    assert (note.video_id, note.channel, note.title, note.warnings) == (
        "KIb9LhszOUc",
        "bankless",
        "Open Source AI Models",
        [],
    )


def test_seed_note_claims_carry_the_expected_seconds() -> None:
    seconds = {c.seconds for c in seed().claims}
    assert {1128, 1711, 1830, 2395, 2445} <= seconds


def test_seed_note_has_41_claims_all_dated() -> None:
    # Its three lead-ins ending in ":" are not claims; "This debate is central…" takes its paragraph's time.
    claims = seed().claims
    assert (len(claims), sum(c.seconds is not None for c in claims)) == (41, 41)


def test_seed_claim_at_2445_is_about_meta() -> None:
    claim = claim_at(2445)
    assert claim.subject == "Meta (Llama)"
    assert claim.text.startswith("Meta is considered the largest")
    assert claim.links == (WikiLink("open_source_ai_development", "open source"),)


def test_seed_pseudo_open_source_claim_is_about_xai_under_key_players() -> None:
    claim = claim_at(1711, "pseudo open source")
    assert claim.subject == "xAI (Grok)"
    assert claim.heading_path == (
        "The Landscape of AI Development: Open vs. Closed Source",
        "Key Players and Their Stances",
    )


def test_seed_first_claim_is_the_opening_sentence() -> None:
    first = seed().claims[0]
    assert (first.ordinal, first.seconds, first.subject) == (0, 1128, None)
    assert first.text == (
        "The field of AI development is currently characterized by a dynamic tension between closed-source "
        "and open source approaches to building large language models (LLMs)."
    )


def test_seed_clause_after_an_anchor_is_a_claim_of_its_own() -> None:
    claim = claim_at(1725)
    assert (claim.text, claim.subject) == ("allowing others to refine their own smaller LLMs.", "xAI (Grok)")


def test_fixture_index_page() -> None:
    result = parse_bytes(
        (FIXTURES / "frontierpod" / "frontierpod.md").read_bytes(), "frontierpod/frontierpod.md"
    )
    assert result == ChannelIndex(
        channel="frontierpod",
        episodes=[
            IndexEpisode(
                "AAAAAAAAAA1",
                "Who Opens Their Weights?",
                ("open_weights_and_the_labs", "licences_of_frontier_models"),
            ),
            IndexEpisode("BBBBBBBBBB2", "The Compute Race", ("gpu_clusters_at_scale",)),
        ],
    )


def test_fixture_note_with_subjects_and_unreadable_timestamps() -> None:
    path = FIXTURES / "frontierpod" / "open_weights_and_the_labs.md"
    result = parse_bytes(path.read_bytes(), "frontierpod/open_weights_and_the_labs.md")
    assert isinstance(result, Note)
    assert result.warnings == ["2 timestamps could not be read"]
    assert [(c.text, c.timestamps, c.subject) for c in result.claims] == [
        ("Labs disagree about releasing model weights.", (65,), None),
        ("The hosts compare them one by one.", (), None),
        ("Meta publishes the weights of its Llama models.", (130, 135), "Meta (Llama)"),
        ("The licence still restricts the largest companies.", (140,), "Meta (Llama)"),
        ("GPT-4 stays closed", (210,), "OpenAI"),
        ("allowing it to charge for API access.", (), "OpenAI"),
        ("Mistral released Mixtral under Apache 2.0.", (280,), "Mistral"),
        ("Open weights let anyone run a model locally.", (350,), None),
        ("Closed models keep their training data secret.", (), None),
    ]


def test_fixture_note_with_hour_timestamps_range_and_callout() -> None:
    path = FIXTURES / "frontierpod" / "gpu_clusters_at_scale.md"
    result = parse_bytes(path.read_bytes(), "frontierpod/gpu_clusters_at_scale.md")
    assert isinstance(result, Note)
    # Four times past the hour and nothing to tell 1:02:03 from 1 min 2 s: none is cited (issue 11).
    assert [(c.text, c.seconds) for c in result.claims] == [
        ("xAI built a large GPU cluster in record time.", None),
        ("Google trains Gemini on its own TPUs.", None),
        ("Scale is expensive", None),
        ("A frontier training run costs hundreds of millions of dollars.", None),
    ]
    assert result.reading == "untrusted"
