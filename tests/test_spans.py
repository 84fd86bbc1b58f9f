"""Typed inline spans: the core writes text, strong, link, citation, code and command spans; each renderer
writes them in its own markup through one interface (bot.reply `Markup`) and parses no Markdown back.

The console prints no Markdown at all: bold only on a terminal, links as `label <url>`.
"""

from __future__ import annotations

import argparse
import io

from adapters.console import ask
from adapters.console_render import render_text
from adapters.discord_render import inline
from adapters.discord_render import render_reply as discord_render
from adapters.slack_render import render_reply as slack_render
from adapters.slack_render import to_mrkdwn
from bot.commands.engine import Engine
from bot.config import Config
from bot.contracts import Markup, Span, cite, code, link, slash, strong
from bot.reply import Reply, markdown, plain, render_spans, spans, strip_marks
from tests.conftest import CHANNEL, USER

VIDEO = "https://www.youtube.com/watch?v=KIb9LhszOUc"
AT = f"{VIDEO}&t=2445s"
# One Reply string with every kind of span.
EVERY = (
    f"{strong('hit')} · {link('Open models', VIDEO)} · {cite('KIb9LhszOUc', 2445)} · "
    f"{code('labnotes ingest')} · {slash('search')}"
)


def test_a_string_reads_as_typed_spans() -> None:
    assert spans(EVERY)[::2] == [
        Span("strong", "hit"),
        Span("link", "Open models", VIDEO),
        Span("citation", "40:45", AT),
        Span("code", "labnotes ingest"),
        Span("command", "search"),
    ]


def test_a_command_span_that_is_not_a_command_path_is_text() -> None:
    forged = slash("x").replace("x", "x<!channel>")
    assert spans(forged) == [Span("text", "/x<!channel>")]


def test_what_a_user_types_cannot_forge_a_span() -> None:
    typed = f"{slash('notes add')} and {code('x')}"
    assert spans(strip_marks(typed)) == [Span("text", "notes add and x")]


def test_the_json_contract_renders_every_span_as_it_always_has() -> None:
    assert markdown(EVERY) == (
        f"**hit** · [Open models]({VIDEO}) · [40:45]({AT}) · `labnotes ingest` · /search"
    )


def test_plain_text_keeps_the_words_and_the_command() -> None:
    assert plain(EVERY) == "hit · Open models · 40:45 · labnotes ingest · /search"


def test_discord_writes_every_span_in_its_markdown() -> None:
    assert inline(EVERY) == (
        f"**hit** · [Open models]({VIDEO}) · [40:45]({AT}) · `labnotes ingest` · /search"
    )


def test_slack_writes_every_span_in_mrkdwn_with_its_command_names() -> None:
    assert to_mrkdwn(EVERY) == (
        f"*hit* · <{VIDEO}|Open models> · <{AT}|40:45> · `labnotes ingest` · /labnotes-search"
    )


def test_the_console_writes_every_span_as_plain_terminal_text() -> None:
    line = render_text(answer(EVERY), width=None).splitlines()[2]
    assert line == f"hit · Open models <{VIDEO}> · 40:45 <{AT}> · `labnotes ingest` · /search"


def test_the_console_shows_a_highlight_in_bold_on_a_terminal_only() -> None:
    reply = answer(f"a {strong('hit')} b")
    assert render_text(reply, bold=True).splitlines()[2] == "a \x1b[1mhit\x1b[22m b"
    assert render_text(reply).splitlines()[2] == "a hit b"


def test_a_highlight_cannot_smuggle_escape_sequences_into_the_bold() -> None:
    reply = answer(strong("\x1b[31mred\x1b]0;title\x07"))
    assert render_text(reply, bold=True).splitlines()[2] == "\x1b[1mred\x1b[22m"


def test_a_backtick_in_code_cannot_end_it_early() -> None:
    assert inline(code("a`b")) == "`aˋb`"
    assert to_mrkdwn(code("a`<!here>`b")) == "`aˋ&lt;!here&gt;ˋb`"


def test_backticks_in_note_text_are_inert_on_slack() -> None:
    # Before typed spans, Slack let backticks through, so a note could format its own code.
    assert to_mrkdwn("run `rm -rf /` now") == "run ˋrm -rf /ˋ now"
    assert to_mrkdwn("snake`case") == "snake`case"  # inside a word mrkdwn formats nothing


def test_a_citation_shows_its_time_as_the_link_on_every_platform() -> None:
    reply = answer(cite("KIb9LhszOUc", 2445))
    assert discord_render(reply).embeds[0].description == f"[40:45]({AT})"
    assert slack_render(reply).blocks[1]["text"]["text"] == f"<{AT}|40:45>"
    assert render_text(reply).splitlines()[2] == f"40:45 <{AT}>"


def test_a_renderer_needs_only_the_spans_it_formats() -> None:
    class Shouting(Markup):
        def strong(self, text: str) -> str:
            return text.upper()

    assert render_spans(f"a {strong('b')} {slash('lab')}", Shouting()) == "a B /lab"


# -- the console, end to end ---------------------------------------------------------------------------


async def test_a_console_search_prints_no_markdown(engine: Engine) -> None:
    reply = await engine.ask("/search open", USER, CHANNEL)
    text = render_text(reply)
    assert reply.kind == "ok" and reply.citations
    assert "**" not in text and "](" not in text


async def test_labnotes_ask_prints_no_escape_codes_into_a_pipe(seed_config: Config) -> None:
    out, err = io.StringIO(), io.StringIO()
    ns = argparse.Namespace(line="/search open", json=False, loaded_config=seed_config)
    await ask(ns, out, err)
    assert "\x1b" not in out.getvalue() and "**" not in out.getvalue()


async def test_did_you_mean_is_printed_once(engine: Engine) -> None:
    reply = await engine.ask("/lab metta", USER, CHANNEL)
    console = render_text(reply)
    discord = "\n".join(
        [discord_render(reply).embeds[0].description or ""]
        + [f"{f.name} {f.value}" for f in discord_render(reply).embeds[0].fields]
    )
    slack = str(slack_render(reply).blocks)
    for shown in (console, discord, slack):
        assert shown.count("Did you mean") == 1, shown
        assert shown.count("Meta") == 1, shown


def answer(text: str) -> Reply:
    """An answer whose text is `text`."""
    return Reply("ok", "T", text)
