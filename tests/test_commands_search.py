"""/search: user text becomes a safe FTS5 query; filters; no results."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.commands.engine import Engine
from bot.commands.searchtext import parse_search
from bot.contracts import EntityRef
from bot.reply import strong
from bot.store import queries
from tests.conftest import CHANNEL, USER


def test_plain_words_become_quoted_terms_joined_by_and() -> None:
    assert parse_search("chain of thought").match == '"chain" AND "of" AND "thought"'


def test_quoted_phrase_stays_a_phrase() -> None:
    assert parse_search('"chain of thought" grok').match == '"chain of thought" AND "grok"'


def test_or_minus_not_and_prefix_are_understood() -> None:
    assert parse_search("llama OR mistral").match == '("llama" OR "mistral")'
    assert parse_search("open -closed").match == '"open" NOT "closed"'
    assert parse_search("open NOT closed").match == '"open" NOT "closed"'
    assert parse_search("distill*").match == '"distill"*'


def test_filters_are_taken_out_of_the_query() -> None:
    query = parse_search('channel:bankless lab:"deep seek" distilling')
    assert (query.channel, query.lab, query.match) == ("bankless", "deep seek", '"distilling"')


def test_text_without_words_has_nothing_to_match() -> None:
    assert parse_search('"( * -').match is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab OR AND NOT NEAR "()*-:^+{},.lab:channel:\\é'))))
def test_any_user_text_is_a_valid_fts5_query(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='porter unicode61')")
    conn.execute("INSERT INTO t VALUES ('a b ab near or and not')")
    query = parse_search(text)
    if query.match is not None:
        rows = conn.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank", (query.match,)).fetchall()
        assert rows in ([], [(1,)])  # an ordinary answer: the one row or none, never an FTS5 error


async def test_search_marks_the_match_in_the_snippet(engine: Engine) -> None:
    reply = await engine.ask("/search distilling", USER, CHANNEL)
    assert reply.kind == "ok"
    assert reply.citations[0].seconds == 1563
    assert strong("distilling") in reply.citations[0].text


async def test_search_channel_filter_keeps_that_channel(engine: Engine) -> None:
    reply = await engine.ask("/search channel:BANKLESS open source", USER, CHANNEL)
    assert reply.kind == "ok"
    assert {c.channel for c in reply.citations} == {"bankless"}


async def test_search_unknown_channel_lists_the_known_ones(engine: Engine) -> None:
    reply = await engine.ask("/search channel:nowhere open", USER, CHANNEL)
    assert reply.kind == "not_found"
    assert reply.suggestions == ["bankless"]


async def test_search_lab_filter_keeps_claims_about_the_lab_or_its_models(engine: Engine) -> None:
    reply = await engine.ask("/search lab:xai open source", USER, CHANNEL)
    assert reply.kind == "ok"
    assert 1830 in {c.seconds for c in reply.citations}  # "xAI plans to release Grok 2 … open source"
    assert 2445 not in {c.seconds for c in reply.citations}  # Meta's "most open source contributor"


async def test_search_unknown_lab_filter_suggests_names(engine: Engine) -> None:
    reply = await engine.ask("/search lab:metaa open", USER, CHANNEL)
    assert reply.kind == "not_found"
    assert "Meta" in reply.suggestions


async def test_search_ranks_only_the_most_recent_matches_when_too_many_match(engine: Engine) -> None:
    everything = await queries.search_claims(engine.store, '"open"', limit=100)
    assert not everything.capped and len(everything.rows) > 3
    newest = sorted(r.id for r in everything.rows)[-3:]
    capped = await queries.search_claims(engine.store, '"open"', limit=2, window=3)
    assert capped.capped
    assert len(capped.rows) == 2 and {r.id for r in capped.rows} <= set(newest)


async def test_search_widens_the_window_until_filters_leave_enough_claims(engine: Engine) -> None:
    every = await queries.search_claims(engine.store, '"open"', limit=100, about=EntityRef("lab", "meta"))
    assert len(every.rows) == 2
    result = await queries.search_claims(
        engine.store, '"open"', limit=2, window=1, about=EntityRef("lab", "meta")
    )
    assert {r.id for r in result.rows} == {r.id for r in every.rows}


async def test_search_without_results_says_so_with_a_hint(engine: Engine) -> None:
    reply = await engine.ask("/search zebra", USER, CHANNEL)
    assert reply.kind == "not_found"
    assert reply.title == "No claims match “zebra”"
    assert "Try" in reply.text


async def test_search_of_fts_syntax_is_an_ordinary_answer(engine: Engine) -> None:
    for line in ('/search "unbalanced (', "/search open AND OR NEAR(", "/search -", "/search a* ) ("):
        reply = await engine.ask(line, USER, CHANNEL)
        assert reply.kind in ("ok", "not_found", "error"), line
        assert "fts5" not in (reply.title + reply.text).lower(), line
