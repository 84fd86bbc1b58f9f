"""The command core's contract: free-text parsing, argument validation, permission, failure isolation."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.commands.engine import Engine, StoreMissing
from bot.commands.registry import Context, Registry, load_commands
from bot.commands.spec import CommandSpec, Param, ParamType, Permission
from bot.config import Config
from bot.contracts import Invocation
from bot.reply import Reply, markdown
from bot.store.db import Store
from tests.conftest import CHANNEL, MODERATOR, USER


def extra_registry() -> Registry:
    """The real commands plus a few test-only ones shaped like /notes and /digest."""
    registry = load_commands().copy()

    async def echo(ctx: Context, inv: Invocation) -> Reply:
        return Reply("ok", inv.command, repr(sorted(inv.args.items())))

    async def broken(ctx: Context, inv: Invocation) -> Reply:
        raise RuntimeError("secret internal detail")

    registry.command(
        CommandSpec(
            "add",
            "Add a note",
            params=(
                Param("file", "the note", type=ParamType.ATTACHMENT, required=True),
                Param("replace", "overwrite", type=ParamType.BOOLEAN),
            ),
            permission=Permission.MODERATOR,
            group="xnotes",
        )
    )(echo)
    registry.command(CommandSpec("preview", "Preview", group="xdigest", default_in_group=True))(echo)
    registry.command(
        CommandSpec(
            "subscribe",
            "Subscribe",
            group="xdigest",
            params=(
                Param("time", "HH:MM"),
                Param("count", "how many", type=ParamType.INTEGER),
                Param("mode", "style", choices=("short", "long")),
            ),
        )
    )(echo)
    registry.command(CommandSpec("boom", "Always fails"))(broken)
    return registry


@pytest.fixture
async def core(seed_config: Config) -> AsyncIterator[Engine]:
    engine = await Engine.open(seed_config, registry=extra_registry())
    try:
        yield engine
    finally:
        await engine.close()


def parsed(engine: Engine, line: str) -> tuple[str, dict[str, object]]:
    result = engine.parse_text(line)
    assert not isinstance(result, Reply), result
    return result


def test_parse_text_accepts_slash_or_bare_command_in_any_case(engine: Engine) -> None:
    assert parsed(engine, "/lab meta") == ("lab", {"name": "meta"})
    assert parsed(engine, "lab meta") == ("lab", {"name": "meta"})
    assert parsed(engine, "  /LAB   Meta AI ") == ("lab", {"name": "Meta AI"})


def test_parse_text_rest_param_keeps_the_line_verbatim(engine: Engine) -> None:
    line = '/search channel:bankless "open (source"'
    assert parsed(engine, line) == ("search", {"query": 'channel:bankless "open (source"'})


def test_parse_text_named_params_and_subcommands(core: Engine) -> None:
    assert parsed(core, "/xnotes add path.md replace:true") == (
        "xnotes add",
        {"file": "path.md", "replace": "true"},
    )
    assert parsed(core, '/xdigest subscribe time:"09:30" mode:short') == (
        "xdigest subscribe",
        {"time": "09:30", "mode": "short"},
    )


def test_parse_text_group_alone_runs_its_default_subcommand(core: Engine) -> None:
    assert parsed(core, "/xdigest") == ("xdigest preview", {})


def test_parse_text_mistyped_subcommand_suggests_the_right_one(core: Engine) -> None:
    reply = core.parse_text("/xdigest subscrbe")
    assert isinstance(reply, Reply) and reply.kind == "not_found"
    assert reply.to_json()["suggestions"] == ["/xdigest subscribe"]


def test_parse_text_unknown_command_is_not_found_with_did_you_mean(engine: Engine) -> None:
    reply = engine.parse_text("/serch llama")
    assert isinstance(reply, Reply) and reply.kind == "not_found"
    assert "/search" in reply.to_json()["suggestions"]


def test_parse_text_extra_word_is_an_error_naming_it(core: Engine) -> None:
    reply = core.parse_text("/xnotes add a.md b.md")
    assert isinstance(reply, Reply) and reply.kind == "error"
    assert "`b.md`" in markdown(reply.text)


def test_parse_text_empty_line_is_an_error(engine: Engine) -> None:
    reply = engine.parse_text("  / ")
    assert isinstance(reply, Reply) and reply.kind == "error"


async def test_missing_required_argument_names_the_parameter(engine: Engine) -> None:
    reply = await engine.ask("/lab", USER, CHANNEL)
    assert reply.kind == "error"
    assert "Missing `name`" in markdown(reply.text)
    assert "/lab NAME" in markdown(reply.text)


async def test_wrong_types_and_choices_are_errors_naming_the_parameter(core: Engine) -> None:
    cases = {
        "/xdigest subscribe count:many": "`count` must be a whole number",
        "/xdigest subscribe mode:medium": "`mode` must be one of short, long",
        "/xnotes add a.md replace:perhaps": "`replace` must be true or false",
    }
    for line, message in cases.items():
        reply = await core.ask(line, MODERATOR, CHANNEL)
        assert reply.kind == "error", line
        assert message in markdown(reply.text), line


async def test_arguments_reach_the_handler_converted_to_their_types(core: Engine) -> None:
    reply = await core.ask("/xdigest subscribe count:3 mode:LONG", USER, CHANNEL)
    assert reply.text == repr([("count", 3), ("mode", "long")])


async def test_unknown_named_argument_from_an_adapter_is_an_error(engine: Engine) -> None:
    reply = await engine.handle(Invocation("lab", {"name": "meta", "colour": "red"}, USER, CHANNEL))
    assert reply.kind == "error"
    assert "`colour`" in markdown(reply.text)


async def test_moderator_command_is_forbidden_to_others_even_if_the_adapter_let_it_through(
    core: Engine,
) -> None:
    invocation = Invocation("xnotes add", {"file": "a.md"}, USER, CHANNEL)
    assert (await core.handle(invocation)).kind == "forbidden"
    allowed = Invocation("xnotes add", {"file": "a.md"}, MODERATOR, CHANNEL)
    assert (await core.handle(allowed)).kind == "ok"


async def test_a_failing_handler_becomes_a_short_error_and_a_log_line(
    core: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        reply = await core.ask("/boom", USER, CHANNEL)
    assert reply.kind == "error"
    assert "secret internal detail" not in reply.text + reply.title
    assert "Traceback" not in reply.text
    assert any("secret internal detail" in (r.exc_text or "") for r in caplog.records)


async def test_handle_unknown_command_is_not_found_with_suggestion(engine: Engine) -> None:
    reply = await engine.handle(Invocation("labz", {}, USER, CHANNEL))
    assert reply.kind == "not_found"
    assert "/lab" in reply.to_json()["suggestions"]


async def test_help_lists_every_spec_including_later_ones(core: Engine) -> None:
    reply = await core.ask("/help", USER, CHANNEL)
    names = [markdown(f.name) for f in reply.fields]
    for spec in core.specs:
        assert any(name.startswith(f"/{spec.path}") for name in names), spec.path
    assert names[0] == "/lab NAME"
    assert "/xnotes add FILE [replace:true|false]" in names


async def test_help_for_one_command_explains_its_parameters(engine: Engine) -> None:
    reply = await engine.ask("/help search", USER, CHANNEL)
    assert [markdown(f.name) for f in reply.fields] == ["/search QUERY"]
    assert "query: words to look for" in reply.fields[0].value


async def test_opening_a_missing_store_says_to_ingest(seed_config: Config, tmp_path: Path) -> None:
    missing = replace(seed_config, db_path=tmp_path / "none.db")
    with pytest.raises(StoreMissing, match="labnotes ingest"):
        await Engine.open(missing)
    assert not missing.db_path.exists()


async def test_a_store_without_labs_says_to_run_ingest(seed_config: Config, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    await (await Store.open(empty)).close()
    engine = await Engine.open(replace(seed_config, db_path=empty))
    try:
        reply = await engine.ask("/lab meta", USER, CHANNEL)
    finally:
        await engine.close()
    assert reply.kind == "not_found"
    assert "labnotes ingest" in reply.text


async def test_help_for_one_subcommand_is_titled_with_its_full_path(engine: Engine) -> None:
    reply = await engine.ask("/help notes add", USER, CHANNEL)
    assert markdown(reply.title) == "/notes add"
    assert [markdown(f.name).split()[:2] for f in reply.fields] == [["/notes", "add"]]
