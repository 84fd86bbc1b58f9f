"""/compare A B [C] (issue 14, item 3): two or three labs or models side by side, through the real engine
on stores built by the real ingest, and on Discord, Slack and the console through their renderers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from adapters.console_render import render_text
from adapters.discord_render import FIELD_VALUE_LIMIT, TOTAL_LIMIT, inline, render_reply, total_length
from adapters.platform import PLATFORMS
from adapters.slack_manifest import build_manifest
from adapters.slack_render import render_reply as slack_render
from bot.commands.engine import Engine
from bot.config import Config
from bot.contracts import Invocation
from bot.reply import Reply, plain
from tests.conftest import CATALOG, CHANNEL, SHARED, USER, build_store
from tests.discord_fixtures import running_bot
from tests.fake_slack import FakeSlack
from tests.reply_contract import check_reply_json
from tests.slack_fixtures import start_adapter
from tests.test_commands_aggregates import write_note

# Three episodes: Meta and OpenAI named together three times in two episodes (once about openness),
# Llama 3 (Meta's) with a community licence, Mistral AI alone.
NOTES = [
    (
        "AAAAAAAAAAA",
        "one",
        [
            ("Meta released the weights of Llama 3", 60),
            ("OpenAI keeps GPT-4 proprietary", 120),
            ("Unlike OpenAI, Meta open-sourced its models", 180),
            ("Meta and OpenAI compete for AI researchers", 240),
        ],
    ),
    (
        "BBBBBBBBBBB",
        "two",
        [("OpenAI offers GPT-4 API-only", 30), ("Meta and OpenAI both publish research papers", 90)],
    ),
    (
        "CCCCCCCCCCC",
        "two",
        [
            ("The Llama 3 model is released under a community licence with restrictions", 45),
            ("Mistral AI open-sourced the weights of Mistral 7B under Apache 2.0", 100),
        ],
    ),
]


@pytest.fixture(scope="module")
def notes_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("compare")
    notes = folder / "notes"
    notes.mkdir()
    for video, channel, lines in NOTES:
        write_note(notes, video, channel, lines)
    return asyncio.run(build_store(folder / "s.db", notes))


async def open_engine(db: Path) -> Engine:
    return await Engine.open(replace(Config(), db_path=db, catalog_path=CATALOG))


@pytest.fixture
async def engine(notes_db: Path) -> AsyncIterator[Engine]:
    core = await open_engine(notes_db)
    try:
        yield core
    finally:
        await core.close()


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not here")
    return asyncio.run(build_store(tmp_path_factory.mktemp("corpus") / "c.db", SHARED / "corpus"))


def field(reply: Reply, name: str) -> str:
    return next(plain(f.value) for f in reply.fields if f.name.startswith(name))


def names(reply: Reply) -> list[str]:
    return [plain(f.name) for f in reply.fields]


async def test_two_labs_get_one_verdict_sentence_each(engine: Engine) -> None:
    reply = await engine.ask("/compare meta openai", USER, CHANNEL)
    assert (reply.kind, reply.title, plain(reply.text)) == (
        "ok",
        "Meta vs OpenAI",
        "Meta is mostly open; OpenAI is closed.",
    )


async def test_fields_are_the_table_then_each_side_then_the_pair(engine: Engine) -> None:
    reply = await engine.ask("/compare meta openai", USER, CHANNEL)
    assert names(reply) == [
        "Components (W weights, C code, D training data, L licence, P paper, A access)",
        "Meta · lab",
        "OpenAI · lab",
        "Meta and OpenAI in one claim (3 claims in 2 episodes)",
    ]


async def test_component_table_has_a_row_of_symbols_per_entity_its_licence_a_citation_and_the_legend(
    engine: Engine,
) -> None:
    reply = await engine.ask("/compare meta openai mistral", USER, CHANNEL)
    assert field(reply, "Components") == (
        "W C D L P A\n"
        "● – – ◐ – – Meta · community licence 01:00\n"
        "○ – – – – ○ OpenAI 02:00\n"
        "● – – – – – Mistral AI · Apache 2.0 01:40\n"  # named by its weights claim
        "● open ◐ partial ○ closed – not said"
    )


async def test_each_side_shows_its_verdict_backing_and_one_cited_claim_per_side(engine: Engine) -> None:
    reply = await engine.ask("/compare meta openai", USER, CHANNEL)
    assert field(reply, "Meta · lab") == (
        "mostly open · score +0.50 · 1 open, 0 closed, 1 partial, 0 planned · 2 episodes, 2 channels\n"
        "open: 01:00 Meta released the weights of Llama 3.\n"
        "partly: 00:45 The Llama 3 model is released under a community licence wit…"
    )
    assert field(reply, "OpenAI · lab") == (
        "closed · score -1.00 · 0 open, 2 closed, 0 partial, 0 planned · 2 episodes, 2 channels\n"
        "closed: 02:00 OpenAI keeps GPT-4 proprietary."
    )


async def test_claims_naming_both_come_openness_first_and_spread_across_episodes(engine: Engine) -> None:
    reply = await engine.ask("/compare meta openai", USER, CHANNEL)
    # Episode A's second joint claim (04:00) waits until episode B has had its turn.
    assert field(reply, "Meta and OpenAI in one claim") == (
        "03:00 Unlike OpenAI, Meta open-sourced its models.\n"
        "01:30 Meta and OpenAI both publish research papers.\n"
        "04:00 Meta and OpenAI compete for AI researchers."
    )


async def test_every_shown_claim_is_cited_once_evidence_first(engine: Engine) -> None:
    reply = await engine.ask("/compare meta openai", USER, CHANNEL)
    assert [(c.video_id, c.seconds) for c in reply.citations] == [
        ("AAAAAAAAAAA", 60),
        ("CCCCCCCCCCC", 45),
        ("AAAAAAAAAAA", 120),
        ("AAAAAAAAAAA", 180),
        ("BBBBBBBBBBB", 90),
        ("AAAAAAAAAAA", 240),
    ]


async def test_a_pair_no_claim_names_together_says_so(engine: Engine) -> None:
    reply = await engine.ask("/compare openai mistral", USER, CHANNEL)
    assert field(reply, "OpenAI and Mistral AI in one claim") == "No claim in the notes names both."


async def test_three_way_has_a_field_for_every_pair(engine: Engine) -> None:
    reply = await engine.ask("/compare meta openai mistral", USER, CHANNEL)
    assert [n for n in names(reply) if "in one claim" in n] == [
        "Meta and OpenAI in one claim (3 claims in 2 episodes)",
        "Meta and Mistral AI in one claim",
        "OpenAI and Mistral AI in one claim",
    ]


async def test_three_way_shows_two_joint_claims_per_pair(engine: Engine) -> None:
    reply = await engine.ask("/compare meta openai mistral", USER, CHANNEL)
    assert field(reply, "Meta and OpenAI in one claim") == (
        "03:00 Unlike OpenAI, Meta open-sourced its models.\n01:30 Meta and OpenAI both publish research papers."
    )


async def test_a_lab_with_its_own_model_says_the_lab_counts_the_model(engine: Engine) -> None:
    reply = await engine.ask("/compare meta llama 3", USER, CHANNEL)
    assert reply.title == "Meta vs Llama 3"
    assert (
        plain(reply.text).splitlines()[1]
        == "Llama 3 is Meta's model: Meta's verdict counts Llama 3's evidence too."
    )
    assert names(reply)[2] == "Llama 3 · model by Meta"


async def test_a_claim_naming_only_the_model_does_not_compare_it_with_its_lab(engine: Engine) -> None:
    reply = await engine.ask("/compare meta llama 3", USER, CHANNEL)
    # 00:45 names Llama 3 alone: it counts for Meta too, but it names one thing, not two.
    assert field(reply, "Meta and Llama 3 in one claim") == "01:00 Meta released the weights of Llama 3."


async def test_an_entity_the_notes_never_mention_is_said_so(engine: Engine) -> None:
    reply = await engine.ask("/compare meta anthropic", USER, CHANNEL)
    assert plain(reply.text) == "Meta is mostly open; the notes never mention Anthropic."
    assert field(reply, "Anthropic · lab") == "The notes never mention it."
    assert field(reply, "Components").splitlines()[2] == "– – – – – – Anthropic"


async def test_a_name_of_several_words_is_read_longest_first(engine: Engine) -> None:
    # "deepseek" and "r1" each name something too (DeepSeek, DeepSeek-R1): the longer name wins.
    reply = await engine.ask("/compare mistral deepseek r1", USER, CHANNEL)
    assert reply.title == "Mistral AI vs DeepSeek-R1"


async def test_a_comma_or_vs_separates_names_longest_first_would_join(engine: Engine) -> None:
    assert (await engine.ask("/compare deepseek, r1", USER, CHANNEL)).title == "DeepSeek vs DeepSeek-R1"
    assert (await engine.ask("/compare deepseek vs r1", USER, CHANNEL)).title == "DeepSeek vs DeepSeek-R1"


async def test_separate_options_that_each_name_something_stand_as_given(engine: Engine) -> None:
    # Discord sends each option on its own: together the words name one model, but each names one alone.
    inv = Invocation("compare", {"first": "DeepSeek", "second": "R1"}, USER, CHANNEL)
    assert (await engine.handle(inv)).title == "DeepSeek vs DeepSeek-R1"


async def test_an_unknown_name_gets_did_you_mean_as_lab_does(engine: Engine) -> None:
    reply = await engine.ask("/compare meta opnai", USER, CHANNEL)
    assert (reply.kind, reply.title, plain(reply.text)) == (
        "not_found",
        "No lab or model called “opnai”",
        "Type /labs to see the labs I know.",
    )
    assert reply.suggestions[0] == "OpenAI"


async def test_naming_one_entity_twice_through_an_alias_is_refused_with_both_names(engine: Engine) -> None:
    reply = await engine.ask("/compare meta facebook", USER, CHANNEL)
    assert (reply.kind, reply.title, plain(reply.text)) == (
        "error",
        "Meta named twice",
        "meta and facebook both name Meta; name two or three different labs or models.",
    )


async def test_naming_one_entity_twice_by_the_same_word_is_refused(engine: Engine) -> None:
    reply = await engine.ask("/compare openai openai", USER, CHANNEL)
    assert plain(reply.text) == "openai is there twice; name two or three different labs or models."


async def test_words_that_make_one_name_are_not_a_comparison(engine: Engine) -> None:
    reply = await engine.ask("/compare grok 3", USER, CHANNEL)
    assert (reply.kind, reply.title, plain(reply.text)) == (
        "error",
        "Name two or three to compare",
        "I read only Grok 3. Example: /compare meta openai",
    )


async def test_four_names_are_refused_naming_all_four(engine: Engine) -> None:
    reply = await engine.ask("/compare meta openai mistral google", USER, CHANNEL)
    assert (reply.kind, reply.title, plain(reply.text)) == (
        "error",
        "Too many to compare",
        "/compare takes two or three labs or models; I read 4: Meta, OpenAI, Mistral AI, Google.",
    )


async def test_one_name_is_missing_the_second(engine: Engine) -> None:
    reply = await engine.ask("/compare meta", USER, CHANNEL)
    assert (reply.kind, plain(reply.text).splitlines()[0]) == (
        "error",
        "Missing second: another lab or model, e.g. OpenAI.",
    )


async def test_json_keeps_the_contract_with_no_entity_and_the_table_in_fields(engine: Engine) -> None:
    data = (await engine.ask("/compare meta openai mistral", USER, CHANNEL)).to_json()
    check_reply_json(data)
    assert data["entity"] is None
    assert (
        data["fields"][0]["value"]
        .splitlines()[1]
        .startswith("`● – – ◐ – –` Meta · community licence [01:00](")
    )


def test_every_name_is_autocompleted_from_labs_and_models() -> None:
    from bot.commands.registry import load_commands

    spec = next(s for s in load_commands().specs if s.path == "compare")
    assert [(p.name, p.required, p.autocomplete) for p in spec.params] == [
        ("first", True, "entity"),
        ("second", True, "entity"),
        ("third", False, "entity"),
    ]


async def test_autocomplete_offers_labs_and_models(engine: Engine) -> None:
    assert await engine.autocomplete("entity", "llama 3") == ["Llama 3"]
    assert "Meta" in await engine.autocomplete("entity", "me")


# -- platforms ---------------------------------------------------------------------------------------


def test_slack_keeps_the_name_compare_it_is_not_one_of_slacks_own() -> None:
    from bot.commands.registry import load_commands

    assert PLATFORMS["slack"].command_name("compare") == "compare"
    commands = build_manifest(load_commands().specs)["features"]["slash_commands"]
    entry = next(c for c in commands if c["command"] == "/compare")
    assert entry["usage_hint"] == "FIRST SECOND [THIRD]"


async def test_discord_three_way_on_the_corpus_fits_every_limit_unclipped(corpus_db: Path) -> None:
    core = await open_engine(corpus_db)
    try:
        reply = await core.ask("/compare meta openai mistral", USER, CHANNEL)
    finally:
        await core.close()
    embeds = render_reply(reply).embeds
    values = [f.value or "" for f in embeds[0].fields]
    assert total_length(embeds) <= TOTAL_LIMIT
    assert all(len(v) <= FIELD_VALUE_LIMIT for v in values)
    # Every field shown (none clipped into "…and N more"), none cut short.
    assert [f.name for f in embeds[0].fields] == [f.name for f in reply.fields]
    assert values == [inline(f.value) for f in reply.fields]


async def test_discord_answers_compare_with_its_three_options_and_autocompletes_each(engine: Engine) -> None:
    async with running_bot(engine) as bot:
        done = await bot.fake.command(
            "compare", {"first": "Meta", "second": "OpenAI", "third": "Mistral AI"}, guild=bot.guild
        )
        await bot.fake.answered(done)
        typing = await bot.fake.command(
            "compare", {"first": "Meta", "second": "llama 3"}, guild=bot.guild, focused="second"
        )
        await bot.fake.answered(typing)
    embed = done.answer["embeds"][0]
    assert embed["title"] == "Meta vs OpenAI vs Mistral AI"
    assert embed["fields"][1]["name"] == "Meta · lab"
    assert typing.answer["choices"] == [{"name": "Llama 3", "value": "Llama 3"}]


async def test_slack_answers_the_slash_command_compare(engine: Engine) -> None:
    async with FakeSlack() as fake:
        fake.add_user("U0USER", "user")
        fake.add_channel("C0GENERAL")
        adapter = await start_adapter(engine, fake)
        try:
            payload = fake.slash_payload("/compare", "meta vs openai")
            await fake.send_envelope("slash_commands", payload)
            (response,) = await fake.wait_responses(1)
        finally:
            await adapter.stop()
    body = response.body
    assert body["response_type"] == "in_channel"
    assert body["blocks"][0]["text"]["text"] == "Meta vs OpenAI"
    assert "`● – – ◐ – –` Meta · community licence" in str(body["blocks"])


async def test_console_prints_the_table_with_the_legend(engine: Engine) -> None:
    text = render_text(await engine.ask("/compare meta openai", USER, CHANNEL), width=None)
    assert "`○ – – – – ○` OpenAI 02:00 <https://www.youtube.com/watch?v=AAAAAAAAAAA&t=120s>" in text
    assert "● open ◐ partial ○ closed – not said" in text


async def test_slack_three_way_on_the_corpus_is_not_clipped(corpus_db: Path) -> None:
    core = await open_engine(corpus_db)
    try:
        reply = await core.ask("/compare meta openai mistral", USER, CHANNEL)
    finally:
        await core.close()
    blocks = str(slack_render(reply).blocks)
    assert "more" not in blocks.replace("more open", "")  # no "…and N more"
    assert all(plain(f.name) in blocks for f in reply.fields)


async def test_separators_alone_name_nothing(engine: Engine) -> None:
    reply = await engine.ask("/compare vs and", USER, CHANNEL)
    assert (reply.kind, plain(reply.text)) == ("error", "I read no name. Example: /compare meta openai")
