"""The console adapter: text layout, `labnotes ask [--json]`, `labnotes shell` on a pipe."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.console import ask, completions, shell
from adapters.console_render import clean, render_text
from bot.commands.engine import Engine
from bot.reply import Citation, Field, Reply
from tests.conftest import REPO
from tests.reply_contract import check_reply_json

EVERY_COMMAND = [
    "/lab meta",
    "/lab cohere",
    "/lab metaa",
    "/model grok 3",
    "/model llama",
    "/openness",
    "/openness xai",
    "/search chain of thought",
    '/search "unbalanced (',
    "/search zebra",
    "/episode KIb9LhszOUc",
    "/episode nothing like it",
    "/labs",
    "/help",
    "/help lab",
    "/lab",
    "/nonsense",
]


def namespace(db: Path, line: str = "", *, as_json: bool = False) -> argparse.Namespace:
    return argparse.Namespace(line=line, db=db, json=as_json, config=None)


def test_reply_renders_title_fields_and_citations_for_a_terminal() -> None:
    reply = Reply(
        "ok",
        "Meta",
        "Meta is open.",
        [Field("Openness", "open · score +1.00"), Field("Models discussed", "Llama\nLlama 3")],
        [Citation("Open Source AI Models", "bankless", "KIb9LhszOUc", 2445, "Meta is open source.")],
    )
    assert render_text(reply) == (
        "Meta\n"
        "====\n"
        "Meta is open.\n"
        "\n"
        "Openness          open · score +1.00\n"
        "Models discussed  Llama\n"
        "                  Llama 3\n"
        "\n"
        "Sources\n"
        "-------\n"
        "[40:45] Meta is open source. — Open Source AI Models (bankless)\n"
        "    https://www.youtube.com/watch?v=KIb9LhszOUc&t=2445s\n"
    )


def test_not_found_shows_the_suggestions() -> None:
    text = render_text(Reply.not_found("No lab called “metaa”", "Did you mean Meta?", suggestions=["Meta"]))
    assert text.startswith("Not found: No lab called “metaa”\n")
    assert text.endswith("Did you mean: Meta\n")


def test_long_urls_are_never_wrapped() -> None:
    url_text = "see https://example.com/" + "x" * 150
    rendered = render_text(Reply("ok", "T", url_text), width=60)
    assert "https://example.com/" + "x" * 150 in rendered.splitlines()[3]


def test_escape_sequences_and_control_characters_in_note_text_are_removed() -> None:
    hostile = "red\x1b[31mtext\x1b[0m \x1b]0;title\x07bell\x07 clear\x1b[2J\x1bc nul\x00 bidi\u202e"
    assert clean(hostile) == "redtext bell clear nul bidi"
    reply = Reply(
        "ok", "T\x1b[1m", "", citations=[Citation("n\x1b[5m", "c", "KIb9LhszOUc", None, "x\x1b[8m")]
    )
    assert "\x1b" not in render_text(reply)


@pytest.mark.parametrize("line", EVERY_COMMAND)
async def test_ask_json_output_follows_the_reply_contract(seed_db: Path, line: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = await ask(namespace(seed_db, line, as_json=True), out, err)
    data = json.loads(out.getvalue())
    check_reply_json(data)
    assert code == (0 if data["kind"] == "ok" else 1)
    assert err.getvalue() == ""


async def test_ask_prints_text_answer(seed_db: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert await ask(namespace(seed_db, "/lab meta"), out, err) == 0
    assert out.getvalue().startswith("Meta\n====\n")
    assert "https://www.youtube.com/watch?v=KIb9LhszOUc&t=2445s" in out.getvalue()


async def test_ask_without_a_store_says_to_run_ingest(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = await ask(namespace(tmp_path / "missing.db", "/lab meta"), out, err)
    assert code == 2  # a setup mistake, as from `labnotes ingest`
    assert "labnotes ingest" in err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert not (tmp_path / "missing.db").exists()


async def test_shell_on_a_pipe_answers_each_line_and_exits_zero_at_eof(seed_db: Path) -> None:
    stdin = io.StringIO("/lab meta\n\n# a comment\n/search chain of thought\n")
    out, err = io.StringIO(), io.StringIO()
    assert await shell(namespace(seed_db), stdin, out, err) == 0
    text = out.getvalue()
    assert text.startswith("Meta\n====\n")
    assert "\nSearch: chain of thought\n" in text
    assert err.getvalue() == ""


async def test_shell_completes_command_names_then_lab_and_model_names(engine: Engine) -> None:
    assert completions(engine, "/la") == ["/lab ", "/labs "]
    assert completions(engine, "/mod") == ["/model "]
    assert "/model Grok 3" in completions(engine, "/model gro")
    assert completions(engine, "lab Met")[0] == "lab Meta"


def test_cli_ask_json_runs_end_to_end(seed_db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "ask", "--json", "--db", str(seed_db), "/model grok 3"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    check_reply_json(data)
    assert data["entity"]["lab"] == "xAI"


async def test_the_readmes_session_is_what_the_shell_prints_now(seed_db: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^\$ printf '(.*)' \| \.venv/bin/labnotes shell\n(.*?)^```$", readme, re.M | re.S)
    assert command is not None
    stdin = io.StringIO(command.group(1).replace("\\n", "\n"))
    out, err = io.StringIO(), io.StringIO()
    assert await shell(namespace(seed_db), stdin, out, err) == 0
    # the chart's file is named by its data, in a folder the config chooses
    saved = re.compile(r"^Chart saved to .*$", re.M)
    assert saved.sub("Chart saved to …", out.getvalue()) == saved.sub("Chart saved to …", command.group(2))
    assert err.getvalue() == ""
