"""What the commands answer about the seed note (data/notes/open_source_ai_models.md)."""

from __future__ import annotations

from bot.commands.engine import Engine
from bot.reply import STRONG_OPEN, Reply, link, markdown
from tests.conftest import CHANNEL, USER

SEED_VIDEO = "https://www.youtube.com/watch?v=KIb9LhszOUc"

CLOSED_SIDE = ("closed", "mostly closed")
OPEN_SIDE = ("open", "mostly open")


async def ask(engine: Engine, line: str) -> Reply:
    return await engine.ask(line, USER, CHANNEL)


def cited_seconds(reply: Reply) -> set[int | None]:
    return {c.seconds for c in reply.citations}


def openness_label(reply: Reply) -> str:
    assert reply.entity is not None and reply.entity.openness is not None
    return reply.entity.openness.label


async def test_lab_meta_is_open_with_llama_and_cites_40_45(engine: Engine) -> None:
    reply = await ask(engine, "/lab meta")
    assert reply.kind == "ok"
    assert openness_label(reply) in OPEN_SIDE
    assert reply.entity is not None and "Llama" in reply.entity.models
    assert 2445 in cited_seconds(reply)


async def test_lab_openai_is_on_the_closed_side_and_cites_31_38(engine: Engine) -> None:
    reply = await ask(engine, "/lab openai")
    assert openness_label(reply) in CLOSED_SIDE
    assert 1898 in cited_seconds(reply)


async def test_lab_anthropic_is_on_the_closed_side_and_cites_40_50(engine: Engine) -> None:
    reply = await ask(engine, "/lab anthropic")
    assert openness_label(reply) in CLOSED_SIDE
    assert 2450 in cited_seconds(reply)


async def test_lab_xai_is_mixed_with_grok_3_and_grok_2(engine: Engine) -> None:
    reply = await ask(engine, "/lab xai")
    assert openness_label(reply) == "mixed"
    assert reply.entity is not None and {"Grok 3", "Grok 2"} <= set(reply.entity.models)


async def test_lab_google_is_unknown_with_gemini(engine: Engine) -> None:
    reply = await ask(engine, "/lab google")
    assert openness_label(reply) == "unknown"
    assert reply.entity is not None and "Gemini" in reply.entity.models


async def test_model_grok_3_belongs_to_xai_and_is_closed(engine: Engine) -> None:
    reply = await ask(engine, "/model grok 3")
    assert reply.kind == "ok"
    assert reply.entity is not None and reply.entity.type == "model"
    assert reply.entity.lab == "xAI"
    assert openness_label(reply) in CLOSED_SIDE


async def test_lab_name_matches_aliases_and_any_case(engine: Engine) -> None:
    for line in ("/LAB META", "/lab Facebook", "lab  meta ai"):
        reply = await ask(engine, line)
        assert reply.entity is not None and reply.entity.id == "meta", line


async def test_misspelt_lab_is_not_found_and_suggests_meta(engine: Engine) -> None:
    reply = await ask(engine, "/lab metaa")
    assert reply.kind == "not_found"
    assert "Meta" in reply.suggestions


async def test_model_name_given_to_lab_points_to_its_lab(engine: Engine) -> None:
    reply = await ask(engine, "/lab llama")
    assert reply.kind == "not_found"
    assert reply.suggestions == ["Meta"]
    assert "/model Llama" in markdown(reply.text)


async def test_catalog_lab_the_notes_never_mention_says_so(engine: Engine) -> None:
    reply = await ask(engine, "/lab cohere")
    assert reply.kind == "ok"
    assert "never mention" in reply.text
    assert reply.citations == []
    assert reply.entity is not None and reply.entity.openness is not None
    assert reply.entity.openness.label == "unknown"


async def test_lab_cites_each_claim_once_and_at_most_ten(engine: Engine) -> None:
    reply = await ask(engine, "/lab xai")
    keys = [(c.seconds, c.text) for c in reply.citations]
    assert 0 < len(keys) <= 10
    assert len(set(keys)) == len(keys)


async def test_lab_reports_coverage_and_labs_discussed_alongside(engine: Engine) -> None:
    reply = await ask(engine, "/lab meta")
    fields = {f.name: f.value for f in reply.fields}
    assert fields["Coverage"].startswith("mentioned in 1 note across 1 episode from 1 channel")
    assert "OpenAI" in fields["Discussed alongside"]


async def test_lab_citations_link_to_the_second(engine: Engine) -> None:
    reply = await ask(engine, "/lab meta")
    cite = next(c for c in reply.citations if c.seconds == 2445)
    assert cite.url == "https://www.youtube.com/watch?v=KIb9LhszOUc&t=2445s"
    assert cite.label == "40:45"
    assert cite.note_title == "Open Source AI Models"
    assert cite.channel == "bankless"


async def test_openness_leaderboard_puts_open_labs_first_and_unknown_last(engine: Engine) -> None:
    reply = await ask(engine, "/openness")
    names = [f.name.split(". ", 1)[1] for f in reply.fields]
    assert names.index("Meta") < names.index("xAI") < names.index("OpenAI")
    labels = [f.value.split(" · ")[0] for f in reply.fields]
    unknown = [i for i, label in enumerate(labels) if label == "unknown"]
    assert names.index("Google") in unknown
    assert unknown == list(range(len(labels) - len(unknown), len(labels)))


async def test_openness_of_one_lab_shows_both_sides(engine: Engine) -> None:
    reply = await ask(engine, "/openness xai")
    names = [f.name for f in reply.fields]
    assert "Evidence for openness" in names and "Evidence against openness" in names
    assert 1830 in cited_seconds(reply) and 1711 in cited_seconds(reply)


async def test_labs_lists_every_mentioned_lab_with_counts(engine: Engine) -> None:
    reply = await ask(engine, "/labs")
    fields = {f.name: f.value for f in reply.fields}
    assert {"Meta", "OpenAI", "xAI", "Anthropic", "Google", "DeepSeek"} <= set(fields)
    assert "Cohere" not in fields
    assert "in 1 note" in fields["Meta"]


async def test_search_chain_of_thought_cites_28_31(engine: Engine) -> None:
    reply = await ask(engine, "/search chain of thought")
    assert reply.kind == "ok"
    assert 1711 in cited_seconds(reply)
    assert any(STRONG_OPEN in c.text for c in reply.citations)


async def test_search_with_unbalanced_quote_and_parenthesis_answers_normally(engine: Engine) -> None:
    reply = await ask(engine, '/search "unbalanced (')
    assert reply.kind in ("ok", "not_found")


async def test_episode_by_video_id_lists_notes_sections_and_labs(engine: Engine) -> None:
    reply = await ask(engine, "/episode KIb9LhszOUc")
    assert reply.kind == "ok"
    assert reply.title == "Open Source AI Models"
    fields = {f.name: f.value for f in reply.fields}
    assert fields["Channel"] == "bankless"
    assert fields["Link"] == link(SEED_VIDEO, SEED_VIDEO)
    note = fields[next(name for name in fields if name.startswith("Note: Open Source AI Models"))]
    assert "Key Players and Their Stances" in note
    assert "Meta" in fields["Labs discussed"]


async def test_episode_by_title_words_finds_the_same_episode(engine: Engine) -> None:
    reply = await ask(engine, "/episode open source models")
    assert reply.kind == "ok"
    assert {f.value for f in reply.fields if f.name == "Link"} == {link(SEED_VIDEO, SEED_VIDEO)}


async def test_unknown_episode_is_not_found(engine: Engine) -> None:
    reply = await ask(engine, "/episode zzzzzzzzzzz")
    assert reply.kind == "not_found"


async def test_autocomplete_offers_lab_names_for_a_prefix(engine: Engine) -> None:
    assert (await engine.autocomplete("lab", "me"))[0] == "Meta"
    assert "Grok 3" in await engine.autocomplete("model", "grok")
    assert len(await engine.autocomplete("entity", "")) == 25


async def test_pseudo_open_source_is_shown_as_partly_open_not_as_evidence_against(engine: Engine) -> None:
    reply = await ask(engine, "/openness xai")
    fields = {f.name: f.value for f in reply.fields}
    assert "pseudo open source" in fields["Partly open"]
    assert "pseudo open source" not in fields["Evidence against openness"]
    assert "Grok 3, is currently closed source" in fields["Evidence against openness"]
