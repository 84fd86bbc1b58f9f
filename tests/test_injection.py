"""Note text, titles and channel names are data, never markup, on every platform (issue 12, item 2).

Each hostile string below goes into a note's title, its claims and its channel, is added with
/notes add, and comes back through every command that shows note text. What those replies render to
must hold no live link but the bot's own citation links, no mention, and still show the words.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from adapters import discord_render, slack_render
from adapters.console_render import render_text
from bot.commands.arguments import validate
from bot.commands.registry import load_commands
from bot.notes.markdown import plain_text, strip_bidi
from bot.notes.model import Note
from bot.notes.parse import parse_note
from bot.reply import STRONG_OPEN, Field, Reply, Span, link, spans, strong
from tests.notes_support import open_vault

# `{w}` is the case's own word: it must stay visible, and /search highlights it inside the hostile text.
HOSTILE = [
    "[free {w}](https://evil.example)",  # a masked link
    "&#91;free {w}&#93;&#40;https://evil.example&#41;",  # the same, entity-encoded
    "&lsqb;free {w}&rsqb;&lpar;https://evil.example&rpar;",  # named entities
    "<https://evil.example> {w}",  # an angle-bracket autolink
    "<https://evil.example|free {w}>",  # a Slack link
    "&lt;https://evil.example|free {w}&gt; &lt;!channel&gt;",  # an entity-encoded Slack link and ping
    "\\[free {w}\\](https://evil.example)",  # escaped brackets
    "[free\u200b {w}](https://evil.example)",  # a zero-width space inside the label
    "[04:00] [free {w}](https://evil.example)",  # a bracketed time before a link (greedy matching)
    "[free {w}](https://www.youtube.com/watch?v=dQw4w9WgXcQ)",  # a YouTube link the bot did not build
    "![x](https://evil.example/x.png) [{w}](<https://evil.example>)",  # an image, an angle destination
    "https://evil.example/login {w}",  # a bare URL
    "@everyone @here {w}",
    "<@123456789012345678> <@!123456789012345678> <@&123456789012345678> <#123456789012345678> {w}",
    "<!channel> <!here> <@U0123ABCD> <#C0123ABCD|general> {w}",
    "<t:1700000000:R> <:nitro:123456789012345678> </notes add:123456789012345678> {w}",
    "# {w} -# subtext > quote ```fence``` `tick` ||spoiler||",
    "*{w}* _{w}_ ~{w}~ **{w}** __{w}__",
    "\u202efree {w}\u202c \u2066{w}\u2069 \u200b\u200d\u2060\ufeff",  # bidi overrides, zero-width marks
    "\U000e0041\U000e0042{w} \u00ad",  # invisible tag characters, a soft hyphen
    "\ue100{w}\ue101 \ue102{w}\ue103https://evil.example\ue104",  # private-use characters (bot markers)
]


@dataclass(frozen=True)
class Case:
    word: str
    hostile: str
    video_id: str


CASES = [
    Case(f"nitro{chr(97 + i)}", raw.format(w=f"nitro{chr(97 + i)}"), f"Evil{i:07d}")
    for i, raw in enumerate(HOSTILE)
]
SEED_VIDEO = "KIb9LhszOUc"
OWN_URL = re.compile(
    "https://www\\.youtube\\.com/watch\\?v=(?:"
    + "|".join([SEED_VIDEO, *(c.video_id for c in CASES)])
    + ")(?:&t=\\d+s)?"
)


def hostile_note(case: Case) -> bytes:
    channel = re.sub(r"[\[\]|]", " ", case.hostile)  # a channel name cannot hold these
    anchor = '<a class="yt-timestamp" data-t="00:01:05">[00:01:05]</a>'
    body = (
        f"From: [[{channel}]] <br/>\n\n## Open weights\n\n"
        f"*   **Meta (Llama):** Meta open-sourced the Llama weights, {case.hostile} {anchor}.\n"
        f"*   {case.hostile} says Meta released the Llama weights {anchor}.\n"
    )
    title = case.hostile.replace("'", "")  # single-quoted YAML: every other character is literal
    return f"---\ntitle: '{title}'\nvideoId: {case.video_id}\n---\n\n{body}".encode()


@dataclass
class Answers:
    added: dict[str, Reply]  # by case word
    searched: dict[str, Reply]
    episodes: dict[str, Reply]
    others: dict[str, Reply]  # by command line

    def all(self) -> list[tuple[str, Reply]]:
        return [
            *((f"/notes add ({w})", r) for w, r in self.added.items()),
            *((f"/search {w}", r) for w, r in self.searched.items()),
            *((f"/episode ({w})", r) for w, r in self.episodes.items()),
            *self.others.items(),
        ]


async def _ask_everything(tmp_path: Path) -> Answers:
    vault = await open_vault(tmp_path)
    try:
        added = {c.word: await vault.add(f"evil_{i}.md", hostile_note(c)) for i, c in enumerate(CASES)}
        searched = {c.word: await vault.ask(f"/search {c.word}") for c in CASES}
        episodes = {c.word: await vault.ask(f"/episode {c.video_id}") for c in CASES}
        lines = ["/notes list 50", "/lab meta", "/model llama", "/digest", "/openness meta"]
        others = {line: await vault.ask(line) for line in lines}
    finally:
        await vault.engine.close()
    return Answers(added, searched, episodes, others)


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Answers:
    return asyncio.run(_ask_everything(tmp_path_factory.mktemp("injection")))


# -- what a Discord reader sees --------------------------------------------------------------------------

_DISCORD_ESCAPED = re.compile(r"\\([^\w\s])")
_MASKED = re.compile(r"\[([^\[\]]*)\]\(\s*<?([^()\s<>]+)>?\s*\)")
_DISCORD_MENTION = re.compile(r"@everyone|@here|<@[!&]?\d+>|<#\d+>|<t:\d+(?::\w)?>|</[^>]+:\d+>|<a?:\w+:\d+>")


def discord_texts(reply: Reply) -> list[str]:
    """Every string of the message Discord renders: embed titles, descriptions, fields, footers."""
    texts: list[str] = []
    for embed in discord_render.render_reply(reply).embeds:
        data = embed.to_dict()
        texts += [data.get("title", ""), data.get("description", "")]
        texts += [part for f in data.get("fields", []) for part in (f["name"], f["value"])]
        texts.append(data.get("footer", {}).get("text", ""))
    return texts


def discord_markup(text: str) -> tuple[list[str], list[str]]:
    """(URLs Discord would make clickable, mentions it would render) in one embed string."""
    inert = _DISCORD_ESCAPED.sub("\x01", text)  # a backslash-escaped character is plain text
    urls = [m.group(2) for m in _MASKED.finditer(inert)]
    rest = _MASKED.sub(" ", inert)
    urls += re.findall(r"<(https?://[^\s>]+)>", rest)
    urls += re.findall(r"(?<![<\w])https?://[^\s<]+", re.sub(r"<https?://[^\s>]+>", " ", rest))
    return urls, _DISCORD_MENTION.findall(inert)


def discord_visible(text: str) -> str:
    text = _DISCORD_ESCAPED.sub(r"\1", text).replace("\u200b", "")
    return _MASKED.sub(r"\1", text)


# -- what a Slack reader sees ----------------------------------------------------------------------------


def slack_mrkdwn(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        own = [node] if node.get("type") == "mrkdwn" else []
        return own + [t for value in node.values() for t in slack_mrkdwn(value)]
    if isinstance(node, list):
        return [t for item in node for t in slack_mrkdwn(item)]
    return []


def slack_markup(text: str) -> list[str]:
    """Every `<…>` Slack turns into a link or a mention (bare URLs: see the `verbatim` test)."""
    return re.findall(r"<([^<>]*)>", text)


def slack_visible(text: str) -> str:
    text = re.sub(r"<[^<>|]*\|([^<>]*)>", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# -- the specification ----------------------------------------------------------------------------------


def test_every_hostile_note_was_added(answers: Answers) -> None:
    assert {w: r.kind for w, r in answers.added.items()} == {c.word: "ok" for c in CASES}


def test_search_finds_every_hostile_word(answers: Answers) -> None:
    assert {w: r.kind for w, r in answers.searched.items()} == {c.word: "ok" for c in CASES}


def test_discord_shows_no_link_but_the_bots_own_citations(answers: Answers) -> None:
    foreign = {
        command: urls
        for command, reply in answers.all()
        if (
            urls := [
                u for t in discord_texts(reply) for u in discord_markup(t)[0] if not OWN_URL.fullmatch(u)
            ]
        )
    }
    assert foreign == {}


def test_discord_renders_no_mention(answers: Answers) -> None:
    mentions = {
        command: found
        for command, reply in answers.all()
        if (found := [m for t in discord_texts(reply) for m in discord_markup(t)[1]])
    }
    assert mentions == {}


def test_slack_shows_no_link_but_the_bots_own_citations_and_no_mention(answers: Answers) -> None:
    foreign = {
        command: found
        for command, reply in answers.all()
        if (
            found := [
                markup
                for obj in slack_mrkdwn(slack_render.render_reply(reply).blocks)
                for markup in slack_markup(obj["text"])
                if not OWN_URL.fullmatch(markup.split("|", 1)[0])
            ]
        )
    }
    assert foreign == {}


def test_slack_notification_text_holds_no_link_or_mention_markup(answers: Answers) -> None:
    # The fallback text is not verbatim: Slack may link a bare URL there, but it shows its own target.
    found = [
        markup
        for _, reply in answers.all()
        for markup in slack_markup(slack_render.render_reply(reply).text)
        if not OWN_URL.fullmatch(markup.split("|", 1)[0])
    ]
    assert found == []


def test_slack_never_auto_links_note_text(answers: Answers) -> None:
    # Without `verbatim`, Slack links bare URLs and parses some mentions written as plain words.
    for _, reply in answers.all():
        assert all(
            obj.get("verbatim") is True for obj in slack_mrkdwn(slack_render.render_reply(reply).blocks)
        )


@pytest.mark.parametrize("case", CASES, ids=[c.word for c in CASES])
def test_the_words_stay_visible_everywhere(answers: Answers, case: Case) -> None:
    for reply in (answers.added[case.word], answers.searched[case.word], answers.episodes[case.word]):
        discord = " ".join(discord_visible(t) for t in discord_texts(reply))
        message = slack_render.render_reply(reply)
        slack = " ".join(slack_visible(o["text"]) for o in slack_mrkdwn(message.blocks))
        slack += " " + " ".join(str(b["text"]["text"]) for b in message.blocks if b["type"] == "header")
        assert case.word in discord
        assert case.word in slack
        assert case.word in render_text(reply)


def test_every_title_is_listed_with_its_words(answers: Answers) -> None:
    listed = answers.others["/notes list 50"]
    discord = " ".join(discord_visible(t) for t in discord_texts(listed))
    assert [c.word for c in CASES if c.word not in discord] == []


def test_no_private_use_character_reaches_a_reader(answers: Answers) -> None:
    private = re.compile("[\ue000-\uf8ff]")
    for command, reply in answers.all():
        shown = [
            *discord_texts(reply),
            json.dumps(slack_render.render_reply(reply).blocks, ensure_ascii=False),
            render_text(reply),
            json.dumps(reply.to_json(), ensure_ascii=False),
        ]
        assert [t for t in shown if private.search(t)] == [], command


def test_the_search_highlight_is_bold_on_both_platforms(answers: Answers) -> None:
    reply = answers.searched[CASES[0].word]
    assert f"**{CASES[0].word}**" in " ".join(discord_texts(reply))
    assert f"*{CASES[0].word}*" in " ".join(
        o["text"] for o in slack_mrkdwn(slack_render.render_reply(reply).blocks)
    )


# -- the parser: what a note says comes out as text ------------------------------------------------------


def note_title(title: str) -> str:
    result = parse_note(f"---\ntitle: '{title}'\nvideoId: KIb9LhszOUc\n---\n\nA claim.\n")
    assert isinstance(result, Note), result
    return result.title


def test_an_entity_encoded_link_is_shown_by_its_label() -> None:
    assert plain_text("Win &#91;free nitro&#93;&#40;https://evil.example&#41; now")[0] == "Win free nitro now"


def test_a_slack_link_shows_its_label_and_an_autolink_its_url() -> None:
    text = "See <https://evil.example|free nitro> or <https://x.example/a> <mailto:a@b.example|mail>."
    assert plain_text(text)[0] == "See free nitro or https://x.example/a mail."


def test_entity_encoded_angle_brackets_stay_text() -> None:
    # What the author meant to show ("&lt;b&gt;") is not a tag to strip: renderers escape it.
    assert plain_text("R&amp;D &lt;b&gt; and &lt;!channel&gt;")[0] == "R&D <b> and <!channel>"


def test_invisible_characters_are_dropped_from_claim_text() -> None:
    hidden = "fr\u200bee \u202enitro\u202c \u2066x\u2069\ufeff\u00ad\U000e0041\ue100y&#8203;z\x85"
    assert plain_text(hidden)[0] == "free nitro xyz"


def test_a_title_is_text_links_shown_by_their_label() -> None:
    assert note_title("[free nitro](https://evil.example)") == "free nitro"
    assert note_title("&#91;free nitro&#93;&#40;https://evil.example&#41;") == "free nitro"
    assert note_title("<https://evil.example|free nitro> \u200bnow\u202e") == "free nitro now"


def test_a_title_keeps_its_underscores_and_emphasis_characters() -> None:
    assert note_title("_drpreetisharma on *AI* & C++") == "_drpreetisharma on *AI* & C++"


def test_names_lose_invisible_characters() -> None:
    assert strip_bidi("\u2068cleo\u200babram\u2069 ") == "cleoabram"


# -- console and JSON: the bot's marks as plain text -----------------------------------------------------

VIDEO = "https://www.youtube.com/watch?v=KIb9LhszOUc"


def test_the_console_shows_a_hit_without_markdown_and_a_link_with_its_url() -> None:
    reply = Reply("ok", "T", f"• {link('Open models', VIDEO)} — {strong('nitro')} {link(VIDEO, VIDEO)}")
    assert render_text(reply, width=None).splitlines()[2] == f"• Open models <{VIDEO}> — nitro {VIDEO}"


def test_the_json_contract_keeps_its_markdown() -> None:
    reply = Reply(
        "ok", "T", f"{link('Open models', VIDEO)} {link(VIDEO, VIDEO)}", [Field("n", strong("hit"))]
    )
    data = reply.to_json()
    assert (data["text"], data["fields"]) == (
        f"[Open models]({VIDEO}) {VIDEO}",
        [{"name": "n", "value": "**hit**"}],
    )


def test_a_mark_around_a_url_the_bot_does_not_build_is_only_text() -> None:
    assert spans(link("free nitro", "https://evil.example")) == [Span("text", "free nitro")]


def test_marks_cut_by_clipping_still_read_as_text() -> None:
    clipped = f"a {strong('hit')} {link('Open models', VIDEO)}"[:-20]
    assert spans(clipped) == [
        Span("text", "a "),
        Span("strong", "hit"),
        Span("text", " "),
        Span("text", "Open models"),
    ]
    assert spans(f"b {STRONG_OPEN}hi") == [Span("text", "b "), Span("strong", "hi")]


def test_typed_arguments_lose_the_bots_own_marks() -> None:
    command = load_commands().find("search")
    assert command is not None
    assert validate(
        command.spec, {"query": f"{STRONG_OPEN}free nitro\ue102x\ue103https://evil.example\ue104"}
    ) == {"query": "free nitroxhttps://evil.example"}
