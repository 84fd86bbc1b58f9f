"""Reply → embeds: what a Discord user sees, and that Discord would accept every message."""

from __future__ import annotations

from typing import Any

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.discord_render import (
    IMAGE_NAME,
    OPENNESS_COLOURS,
    autocomplete_choices,
    citation_line,
    citation_lines,
    command_description,
    render_reply,
    total_length,
)
from bot.reply import Citation, Entity, Field, Openness, Reply, link, strong
from tests.discord_fixtures import SEED_CITATION
from tests.fake_discord import check_message


def payload(reply: Reply, **options: Any) -> dict[str, Any]:
    """The message body discord.py would send for this reply."""
    rendered = render_reply(reply, **options)
    return {"embeds": [embed.to_dict() for embed in rendered.embeds], "allowed_mentions": {"parse": []}}


def citation(n: int, text: str = "Meta released the weights of Llama.") -> Citation:
    return Citation(f"Episode {n // 7}", "bankless", "KIb9LhszOUc", 60 + n, f"{text} ({n})")


def test_a_citation_is_a_masked_link_to_the_second_of_the_video() -> None:
    rendered = render_reply(Reply("ok", "Meta", "Meta is open.", citations=[SEED_CITATION]))
    description = rendered.embeds[0].description or ""
    assert "[40:45](https://www.youtube.com/watch?v=KIb9LhszOUc&t=2445s) Meta is considered" in description
    assert "**Open Source AI Models** · bankless" in description


def test_a_citation_without_a_time_links_to_the_video() -> None:
    untimed = Citation("Open Source AI Models", "bankless", "KIb9LhszOUc", None, "No time here.")
    rendered = render_reply(Reply("ok", "Meta", citations=[untimed]))
    assert "[video](https://www.youtube.com/watch?v=KIb9LhszOUc) No time here." in (
        rendered.embeds[0].description or ""
    )


def test_markdown_and_mentions_in_note_text_are_inert() -> None:
    text = "*italic* __under__ `code` [link](https://evil.example) @everyone @here <@&123456789012345678>"
    rendered = render_reply(Reply("ok", "Meta", citations=[Citation("T", None, "KIb9LhszOUc", 5, text)]))
    description = rendered.embeds[0].description or ""
    assert "\\*italic\\*" in description and "\\_\\_under\\_\\_" in description
    assert "\\`code\\`" in description
    assert "\\[link\\](https\\://evil.example)" in description
    assert "@\u200beveryone" in description and "@\u200bhere" in description
    assert "@everyone" not in description and "@here" not in description
    assert "\\<@\u200b&123456789012345678\\>" in description


def test_the_colour_follows_the_openness_label() -> None:
    for label, colour in OPENNESS_COLOURS.items():
        entity = Entity("lab", "meta", "Meta", openness=Openness(label, 0.5, 3, 1))
        assert render_reply(Reply("ok", "Meta", entity=entity)).embeds[0].colour == discord.Colour(colour)


def test_the_footer_counts_the_verdict_and_the_sources() -> None:
    entity = Entity("lab", "meta", "Meta", models=("Llama",), openness=Openness("open", 0.9, 3, 0))
    rendered = render_reply(Reply("ok", "Meta", entity=entity, citations=[SEED_CITATION, SEED_CITATION]))
    assert rendered.embeds[-1].footer.text == "Meta (lab) · openness: open · 3 open / 0 closed · 2 sources"


def test_errors_refusals_and_not_found_are_ephemeral_answers_are_not() -> None:
    assert render_reply(Reply.error("Bad time", "Use HH:MM")).ephemeral
    assert render_reply(Reply.forbidden("Moderators only")).ephemeral
    assert render_reply(Reply.not_found("No lab called Metta", suggestions=["Meta"])).ephemeral
    assert render_reply(Reply("ok", "Meta")).ephemeral is False


def test_suggestions_become_a_did_you_mean_field() -> None:
    rendered = render_reply(Reply.not_found("No lab called Metta", suggestions=["Meta", "Mistral AI"]))
    assert [(f.name, f.value) for f in rendered.embeds[0].fields] == [("Did you mean", "Meta, Mistral AI")]


def test_hundreds_of_citations_split_across_ten_embeds_within_6000_characters() -> None:
    reply = Reply("ok", "Meta", "Meta is open.", citations=[citation(n) for n in range(400)])
    body = payload(reply)
    check_message(body)  # what the fake (and Discord) would refuse
    embeds = body["embeds"]
    assert 1 < len(embeds) <= 10
    assert total_length(render_reply(reply).embeds) <= 6000
    last = embeds[-1]["description"]
    shown = sum(e.get("description", "").count("](https://www.youtube.com") for e in embeds)
    assert last.rstrip().endswith(f"…and {400 - shown} more")


def test_a_few_citations_fit_in_one_embed_without_a_more_line() -> None:
    rendered = render_reply(Reply("ok", "Meta", citations=[citation(n) for n in range(5)]))
    assert len(rendered.embeds) == 1
    assert "more" not in (rendered.embeds[0].description or "")


def test_long_titles_fields_and_claims_are_clipped_to_their_limits() -> None:
    reply = Reply(
        "ok",
        "T" * 1000,
        "x" * 10_000,
        fields=[Field("n" * 500, "v" * 5000) for _ in range(40)],
        citations=[citation(n, "c" * 2000) for n in range(3)],
    )
    body = payload(reply)
    check_message(body)
    first = body["embeds"][0]
    assert len(first["title"]) == 256 and first["title"].endswith("…")
    assert len(first["fields"]) <= 25
    assert first["fields"][-1]["name"] == "…" and first["fields"][-1]["value"].startswith("and ")


def test_an_image_is_attached_and_shown_unless_over_the_size_limit() -> None:
    png = b"\x89PNG" + b"0" * 100
    shown = render_reply(Reply("ok", "Openness", image=png), image_limit=1000)
    assert shown.image == png and shown.embeds[0].image.url == f"attachment://{IMAGE_NAME}"
    dropped = render_reply(Reply("ok", "Openness", image=png), image_limit=10)
    assert dropped.image is None and dropped.embeds[0].image.url is None


def test_a_footer_marker_is_kept_whole() -> None:
    reply = Reply("ok", "Digest", citations=[citation(n) for n in range(3)])
    footer = render_reply(reply, footer_suffix="ref ln0123456789abcdef01234").embeds[-1].footer.text
    assert footer == "3 sources · ref ln0123456789abcdef01234"


def test_an_empty_reply_still_makes_a_valid_embed() -> None:
    body = payload(Reply("ok", ""))
    check_message(body)  # raises what Discord would answer with a 400
    assert len(body["embeds"]) == 1


def test_autocomplete_offers_at_most_25_distinct_choices_within_100_characters() -> None:
    names = [f"Lab {n}" for n in range(40)] + ["Lab 1", "", "L" * 150]
    choices = autocomplete_choices(names)
    assert len(choices) == 25
    assert len({c.value for c in choices}) == 25
    long = autocomplete_choices(["L" * 150])[0]
    assert len(long.name) == 100 and len(long.value) == 100


def test_command_descriptions_fit_discord() -> None:
    assert command_description("") == "…"
    assert len(command_description("d" * 300)) == 100


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=3000)


@settings(max_examples=40, deadline=None)
@given(
    title=texts,
    text=texts,
    fields=st.lists(st.tuples(texts, texts), max_size=30),
    claims=st.lists(texts, max_size=60),
    suggestions=st.lists(st.text(max_size=50), max_size=10),
)
def test_any_reply_renders_to_a_message_discord_accepts(
    title: str, text: str, fields: list[tuple[str, str]], claims: list[str], suggestions: list[str]
) -> None:
    reply = Reply(
        "ok",
        title,
        text,
        fields=[Field(n, v) for n, v in fields],
        citations=[Citation(c[:40], "chan", "KIb9LhszOUc", i, c) for i, c in enumerate(claims)],
        suggestions=suggestions,
    )
    body = payload(reply)
    check_message(body)  # raises what Discord would answer with a 400
    assert 1 <= len(body["embeds"]) <= 10


def test_search_highlights_stay_bold_while_the_rest_is_escaped() -> None:
    text = f"the raw {strong('Chain')} of **Thought** @everyone"
    line = citation_line(Citation("Note", "bankless", "KIb9LhszOUc", 1711, text))
    assert line == (
        "[28:31](https://www.youtube.com/watch?v=KIb9LhszOUc&t=1711s) the raw **Chain** of "
        "\\*\\*Thought\\*\\* @\u200beveryone"
    )


# -- note text is data: nothing in it renders as markup (issue 12) ---------------------------------------


def field_value(value: str) -> str:
    return render_reply(Reply("ok", "T", fields=[Field("n", value)])).embeds[0].fields[0].value or ""


def test_a_link_after_a_bracketed_time_is_escaped_whole() -> None:
    # discord.py's escape_markdown escapes only the first `[` of this greedy match.
    assert field_value("[04:00] [free nitro](https://evil.example)") == (
        "\\[04:00\\] \\[free nitro\\](https\\://evil.example)"
    )


def test_bare_and_angle_bracket_urls_in_note_text_are_not_links() -> None:
    assert field_value("<https://evil.example> and https://evil.example/x") == (
        "\\<https\\://evil.example\\> and https\\://evil.example/x"
    )


def test_channel_user_role_mentions_timestamps_and_emoji_are_inert() -> None:
    value = field_value("<#123456789012345678> <@12> <t:1700000000:R> <:e:123> </cmd:1>")
    assert value == "\\<\\#123456789012345678\\> \\<@12\\> \\<t:1700000000:R\\> \\<:e:123\\> \\</cmd:1\\>"


def test_headings_subtext_quotes_lists_fences_and_spoilers_are_inert() -> None:
    value = field_value("# h\n-# sub\n> q\n - item\n2. two\n```fence```\n||spoiler||")
    assert value.splitlines() == [
        "\\# h",
        "-\\# sub",
        "\\> q",
        " \\- item",
        "2\\. two",
        "\\`\\`\\`fence\\`\\`\\`",
        "\\|\\|spoiler\\|\\|",
    ]


def test_a_highlight_inside_a_link_in_note_text_opens_no_link() -> None:
    text = f"[free {strong('nitro')}](https://evil.example)"
    assert citation_line(Citation("T", None, "KIb9LhszOUc", 5, text)).endswith(
        " \\[free **nitro**\\](https\\://evil.example)"
    )


def test_the_bots_own_links_stay_live_and_no_other() -> None:
    url = "https://www.youtube.com/watch?v=KIb9LhszOUc"
    text = (
        f"{link('Open [LIVE] models', url)} · {link(url, url)} · {link('free nitro', 'https://evil.example')}"
    )
    description = render_reply(Reply("ok", "T", text)).embeds[0].description
    assert description == f"[Open \\[LIVE\\] models]({url}) · {url} · free nitro"


def test_titles_and_channels_of_cited_notes_are_escaped() -> None:
    cited = Citation("[free nitro](https://evil.example)", "@everyone <#1>", "KIb9LhszOUc", 5, "claim")
    heading = citation_lines([cited])[0][0]
    assert heading == "**\\[free nitro\\](https\\://evil.example)** · @\u200beveryone \\<\\#1\\>"
