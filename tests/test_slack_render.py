"""Reply → Block Kit: structure, escaping and Slack's limits (checked by the fake Slack's validator)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block

from adapters.slack_render import (
    MAX_BLOCKS,
    MAX_HEADER_TEXT,
    citation_line,
    escape,
    fit,
    render_reply,
    to_mrkdwn,
)
from bot.reply import Citation, Entity, Field, Openness, Reply, link, strong
from tests.fake_slack import block_errors


def _citation(i: int, text: str = "Meta is the largest open source contributor") -> Citation:
    return Citation("Open Source AI Models", "bankless", "KIb9LhszOUc", 2445 + i, text)


def _all_text(blocks: list[dict[str, object]]) -> str:
    return repr(blocks)


def _mrkdwn_texts(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [str(node["text"])] if node.get("type") == "mrkdwn" else []
        return own + [t for value in node.values() for t in _mrkdwn_texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _mrkdwn_texts(item)]
    return []


def test_escape_neutralises_the_three_mrkdwn_control_characters() -> None:
    assert escape("<!channel> & <https://evil|ok>") == "&lt;!channel&gt; &amp; &lt;https://evil|ok&gt;"


def test_citation_becomes_a_link_to_the_second_labelled_with_the_time() -> None:
    message = render_reply(Reply("ok", "Meta", citations=[_citation(0)]))
    cited = [b for b in message.blocks if b["type"] == "section" and "youtube" in b["text"]["text"]]
    assert len(cited) == 1
    assert "<https://www.youtube.com/watch?v=KIb9LhszOUc&t=2445s|40:45>" in cited[0]["text"]["text"]


def test_answer_has_header_then_body_and_a_context_footer() -> None:
    reply = Reply(
        "ok", "Meta", "Mostly open.", fields=[Field("Models", "Llama", inline=True)], citations=[_citation(0)]
    )
    blocks = render_reply(reply).blocks
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Meta", "emoji": True}}
    assert blocks[1] == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "Mostly open.", "verbatim": True},
    }
    assert blocks[-1] == {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": "labnotes · 1 citation · 1 note", "verbatim": True}],
    }


def test_channel_ping_and_ampersand_in_a_claim_are_escaped_everywhere() -> None:
    claim = "Hey <!channel> & <@U123>: R&D <https://evil.example|click>"
    reply = Reply("ok", "Lab <!here>", claim, fields=[Field("Claim", claim)], citations=[_citation(0, claim)])
    message = render_reply(reply)
    body = _all_text(message.blocks[1:]) + message.text
    assert "<!channel>" not in body and "<!here>" not in message.text and "<@U123>" not in body
    assert "<https://evil.example|click>" not in body
    assert "Hey &lt;!channel&gt; &amp; &lt;@U123&gt;: R&amp;D &lt;https://evil.example|click&gt;" in body


def test_entity_openness_shows_label_score_and_counts() -> None:
    entity = Entity("lab", "meta", "Meta", models=("Llama",), openness=Openness("mostly open", 0.6, 3, 1))
    blocks = render_reply(Reply("ok", "Meta", entity=entity)).blocks
    fields = [f["text"] for b in blocks if "fields" in b for f in b["fields"]]
    assert fields == ["*Openness*\nmostly open (+0.60) · 3 open / 1 closed", "*Models*\nLlama"]


def test_entity_facts_the_fields_already_give_are_not_repeated() -> None:
    entity = Entity("lab", "meta", "Meta", models=("Llama",), openness=Openness("mostly open", 0.6, 3, 1))
    fields = [Field("Openness", "mostly open"), Field("Models discussed", "Llama")]
    reply = Reply("ok", "Meta", fields=fields, entity=entity)
    blocks = render_reply(reply).blocks
    assert [b for b in blocks if "fields" in b] == []


def test_short_fields_are_stacked_into_one_section() -> None:
    fields = [Field(f"Lab {i}", "open · score +0.90") for i in range(30)]
    blocks = render_reply(Reply("ok", "Openness", fields=fields)).blocks
    sections = [b for b in blocks if b["type"] == "section"]
    assert len(sections) == 1
    assert sections[0]["text"]["text"].startswith("*Lab 0*\nopen · score +0.90\n\n*Lab 1*\n")


def test_the_cores_highlights_and_links_become_mrkdwn() -> None:
    url = "https://www.youtube.com/watch?v=KIb9LhszOUc&t=5s"
    assert to_mrkdwn(f"{strong('Meta')} & {link('the episode', url)}") == f"*Meta* &amp; <{url}|the episode>"


def test_clipping_never_cuts_an_escaped_entity_in_half() -> None:
    assert fit("a" * 8 + "&" * 10, 12) == "aaaaaaaa…"
    assert fit("a" * 8 + "&" * 10, 14) == "aaaaaaaa&amp;…"


def test_long_title_is_clipped_to_the_header_limit() -> None:
    header = render_reply(Reply("ok", "T" * 400)).blocks[0]
    assert len(header["text"]["text"]) == MAX_HEADER_TEXT
    assert header["text"]["text"].endswith("…")


def test_oversized_answer_is_trimmed_to_the_limits_with_and_n_more() -> None:
    citations = [_citation(i, "claim " + "x" * 700) for i in range(400)]
    fields = [Field(f"f{i}", "v" * 2500, inline=i % 2 == 0) for i in range(12)]
    reply = Reply("ok", "Everything", "para\n\n" * 30 + "z" * 5000, fields=fields, citations=citations)
    blocks = render_reply(reply).blocks
    assert block_errors(blocks) == []
    assert len(blocks) == MAX_BLOCKS
    more = blocks[-2]["elements"][0]["text"]
    shown = _all_text(blocks).count("youtube.com")
    assert more == f"…and {len(citations) - shown} more citations"


def test_what_does_not_fit_is_counted_per_kind() -> None:
    fields = [Field(f"f{i}", "v" * 2500) for i in range(60)]
    reply = Reply("ok", "Everything", fields=fields, citations=[_citation(0)])
    blocks = render_reply(reply).blocks
    assert block_errors(blocks) == []
    shown = sum(1 for b in blocks if b["type"] == "section")
    assert blocks[-2]["elements"][0]["text"] == f"…and {60 - shown} more fields, 1 more citations"


def test_many_inline_fields_are_split_into_sections_of_ten() -> None:
    fields = [Field(f"lab {i}", "open", inline=True) for i in range(23)]
    blocks = render_reply(Reply("ok", "Leaderboard", fields=fields)).blocks
    assert [len(b["fields"]) for b in blocks if "fields" in b] == [10, 10, 3]
    assert block_errors(blocks) == []


def test_error_reply_renders_valid_blocks_with_suggestions() -> None:
    reply = Reply.not_found("No lab called Metta", suggestions=["Meta", "Mistral"])
    blocks = render_reply(reply).blocks
    assert block_errors(blocks) == []
    assert {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": "Did you mean: Meta, Mistral", "verbatim": True}],
    } in blocks


_TEXT = st.text(alphabet=st.sampled_from("ab <>&!@|*_[]()#\n:/é🙂"), max_size=400)


@st.composite
def replies(draw: st.DrawFn) -> Reply:
    fields = draw(st.lists(st.builds(Field, _TEXT, _TEXT, st.booleans()), max_size=30))
    citations = draw(
        st.lists(
            st.builds(
                Citation,
                _TEXT,
                st.none() | _TEXT,
                st.just("KIb9LhszOUc"),
                st.none() | st.integers(0, 9999),
                _TEXT,
            ),
            max_size=80,
        )
    )
    return Reply("ok", draw(_TEXT), draw(_TEXT), fields, citations, draw(st.lists(_TEXT, max_size=5)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(replies())
def test_any_reply_renders_to_blocks_slack_accepts_without_pings(reply: Reply) -> None:
    message = render_reply(reply)
    assert block_errors(message.blocks) == []
    # slack_sdk's own models validate the same limits when they serialise
    assert [Block.parse(b).to_dict() for b in message.blocks] == message.blocks  # type: ignore[union-attr]
    # mrkdwn is where Slack parses <!channel> and <@U…> (the plain_text header is shown literally)
    shown = [*_mrkdwn_texts(message.blocks), message.text]
    assert not [t for t in shown if "<!" in t or "<@" in t]


def test_search_highlights_become_slack_bold_and_note_text_stays_escaped() -> None:
    text = f"the raw {strong('Chain')} of <!channel> & co"
    line = citation_line(Citation("Note", "bankless", "KIb9LhszOUc", 1711, text))
    assert line.startswith("• the raw *Chain* of &lt;!channel&gt; &amp; co — ")


# -- note text is data: nothing in it renders as markup (issue 12) ---------------------------------------


def test_a_markdown_link_in_note_text_is_not_a_slack_link() -> None:
    # The core used to write links as `[label](url)`, so note text shaped like one became live.
    assert to_mrkdwn("[free nitro](https://evil.example)") == "[free nitro](https://evil.example)"


def test_formatting_characters_at_word_boundaries_become_lookalikes() -> None:
    assert to_mrkdwn("*bold* _it_ ~st~ **x** snake_case 2*3") == "∗bold∗ ˍitˍ ∼st∼ ∗∗x∗∗ snake_case 2*3"


def test_a_quote_at_the_start_of_a_line_stays_text() -> None:
    assert to_mrkdwn("> quoted\n  > again a > b") == "\u00ad&gt; quoted\n  \u00ad&gt; again a &gt; b"


def test_every_mrkdwn_object_is_verbatim_so_slack_links_and_parses_nothing_itself() -> None:
    entity = Entity("lab", "meta", "Meta", models=("Llama",), openness=Openness("open", 0.9, 3, 0))
    reply = Reply(
        "ok",
        "T",
        "https://evil.example @channel",
        [Field("f", "v", inline=True), Field("g", "w")],
        [_citation(0)],
        ["Meta"],
        entity=entity,
    )
    blocks = render_reply(reply).blocks
    texts = [t for b in blocks for t in (b.get("text"), *b.get("fields", []), *b.get("elements", [])) if t]
    assert {(t["type"], t.get("verbatim")) for t in texts} == {("plain_text", None), ("mrkdwn", True)}


def test_only_links_to_videos_stay_live() -> None:
    url = "https://www.youtube.com/watch?v=KIb9LhszOUc"
    text = f"{link('Open *models*', url)} {link(url, url)} {link('free nitro', 'https://evil.example')}"
    assert to_mrkdwn(text) == f"<{url}|Open ∗models∗> <{url}> free nitro"


def test_titles_and_channels_of_cited_notes_are_escaped() -> None:
    cited = Citation("<https://evil.example|free nitro>", "<!channel>", "KIb9LhszOUc", None, "claim")
    assert citation_line(cited).endswith(" _&lt;https://evil.example|free nitro&gt; · &lt;!channel&gt;_")
