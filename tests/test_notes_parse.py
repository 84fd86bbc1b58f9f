"""parse_note / parse_bytes: front matter, channel, claims and their dating, subjects, index pages."""

from __future__ import annotations

import pytest

from bot.notes.model import ChannelIndex, Claim, IndexEpisode, Note, Rejected, WikiLink
from bot.notes.parse import parse_bytes, parse_note

FRONT = "---\ntitle: Frontier labs\nvideoId: abcdefghijk\n---\n"


def a(t: str, label: str | None = None) -> str:
    """A well-formed yt-timestamp anchor."""
    return f'<a class="yt-timestamp" data-t="{t}">[{t if label is None else label}]</a>'


def note(body: str, source: str = "frontierpod/note.md") -> Note:
    result = parse_note(FRONT + body, source)
    assert isinstance(result, Note), result
    return result


def claims(body: str) -> list[Claim]:
    return note(body).claims


def texts_and_seconds(body: str) -> list[tuple[str, int | None]]:
    return [(c.text, c.seconds) for c in claims(body)]


# --- front matter -----------------------------------------------------------------------------------


def test_front_matter_gives_title_and_video_id() -> None:
    parsed = note("Some text.")
    assert (parsed.title, parsed.video_id) == ("Frontier labs", "abcdefghijk")


def test_text_without_front_matter_is_rejected() -> None:
    assert parse_note("# Just a heading\n\nText.") == Rejected("no front matter (--- title/videoId ---)")


def test_video_id_that_is_not_eleven_id_characters_is_rejected() -> None:
    result = parse_note("---\ntitle: T\nvideoId: abc\n---\nText.")
    assert result == Rejected("videoId 'abc' is not an 11-character YouTube id")


def test_video_id_with_a_forbidden_character_is_rejected() -> None:
    result = parse_note("---\ntitle: T\nvideoId: abcdefghij!\n---\nText.")
    assert result == Rejected("videoId 'abcdefghij!' is not an 11-character YouTube id")


def test_note_without_title_is_rejected() -> None:
    assert parse_note("---\nvideoId: abcdefghijk\n---\nText.") == Rejected("front matter has no title")


def test_note_without_video_id_or_episodes_is_rejected() -> None:
    assert parse_note("---\ntitle: T\n---\nText.") == Rejected("front matter has no videoId")


def test_unquoted_title_with_a_colon_is_read_although_it_is_invalid_yaml() -> None:
    result = parse_note("---\ntitle: AI: the next decade: part 2\nvideoId: abcdefghijk\n---\nText.")
    assert isinstance(result, Note)
    assert result.title == "AI: the next decade: part 2"


def test_all_digit_video_id_stays_text() -> None:
    result = parse_note("---\ntitle: T\nvideoId: 12345678901\n---\nText.")
    assert isinstance(result, Note)
    assert result.video_id == "12345678901"


def test_quoted_title_is_unquoted() -> None:
    result = parse_note("---\ntitle: \"Grok: a 'truth' seeker\"\nvideoId: abcdefghijk\n---\nText.")
    assert isinstance(result, Note)
    assert result.title == "Grok: a 'truth' seeker"


def test_note_with_empty_body_is_rejected() -> None:
    assert parse_note(FRONT + "\nFrom: [[bankless]] <br/>\n\n## Heading\n") == Rejected(
        "note has no text to make claims from"
    )


# --- channel ----------------------------------------------------------------------------------------


def test_channel_comes_from_the_from_line() -> None:
    assert note("From: [[bankless]] <br/> \n\nText.", source="elsewhere/x.md").channel == "bankless"


def test_from_line_is_not_a_claim() -> None:
    assert [c.text for c in claims("From: [[bankless]] <br/> \n\nText.")] == ["Text."]


def test_unicode_isolation_marks_are_removed_from_the_channel() -> None:
    assert note("From: [[\u2068cleoabram\u2069]] <br/>\n\nText.").channel == "cleoabram"


def test_channel_falls_back_to_the_parent_folder() -> None:
    assert note("Text.", source="redpointai/some_note.md").channel == "redpointai"


def test_channel_is_none_without_from_line_or_folder() -> None:
    assert note("Text.", source="some_note.md").channel is None


# --- claims and their timestamps --------------------------------------------------------------------


def test_anchor_dates_the_sentence_before_it() -> None:
    assert texts_and_seconds(f"Meta releases weights {a('00:40:45')}.") == [("Meta releases weights.", 2445)]


def test_anchors_in_a_row_all_date_one_claim_in_order() -> None:
    [claim] = claims(f"Grok 3 is closed {a('00:28:31')} {a('00:28:45')}, {a('00:28:20')}.")
    assert (claim.text, claim.seconds, claim.timestamps) == ("Grok 3 is closed.", 1711, (1711, 1725, 1700))


def test_sentence_without_an_anchor_takes_the_next_anchor_of_its_paragraph_else_the_previous() -> None:
    body = f"First point. Second point {a('00:01:00')}. Third point {a('00:02:00')}. Fourth point."
    assert [(c.text, c.seconds, c.inherited) for c in claims(body)] == [
        ("First point.", 60, True),
        ("Second point.", 60, False),
        ("Third point.", 120, False),
        ("Fourth point.", 120, True),
    ]


def test_inherited_claim_keeps_no_timestamps_of_its_own() -> None:
    assert claims(f"First point. Second point {a('00:01:00')}.")[0].timestamps == ()


def test_anchors_are_not_inherited_across_paragraphs_or_bullets() -> None:
    body = (
        f"Dated {a('00:01:00')}.\n\nUndated paragraph.\n\n* Undated bullet.\n* Dated bullet {a('00:02:00')}."
    )
    assert texts_and_seconds(body) == [
        ("Dated.", 60),
        ("Undated paragraph.", None),
        ("Undated bullet.", None),
        ("Dated bullet.", 120),
    ]


def test_a_sentence_after_an_untrusted_anchor_inherits_nothing_from_it() -> None:
    # Two times of a note that read as hours and as minutes alike (hubermanlab): not cited, not lent.
    parsed = note(f"Claim {a('02:29:03')}. Other {a('02:31:38')}. More {a('02:30:00')}. Tail.")
    assert [(c.text, c.seconds) for c in parsed.claims][-1] == ("Tail.", None)


def test_clause_after_an_anchor_is_its_own_claim_without_leading_punctuation() -> None:
    body = (
        f'They show the "Chain of Thought" {a("00:28:31")}, allowing others to refine LLMs {a("00:28:45")}.'
    )
    assert texts_and_seconds(body) == [
        ('They show the "Chain of Thought"', 1711),
        ("allowing others to refine LLMs.", 1725),
    ]


def test_punctuation_only_fragments_are_dropped() -> None:
    assert texts_and_seconds(f"Claim {a('00:00:10')}. -- ; {a('00:00:20')} .") == [("Claim.", 10)]


def test_anchor_inside_brackets_keeps_the_bracket_closed() -> None:
    body = f"Simulations (e.g., trips to ancient Rome {a('00:22:24')}) and creative tools."
    assert texts_and_seconds(body) == [
        ("Simulations (e.g., trips to ancient Rome)", 1344),
        ("and creative tools.", 1344),  # no anchor of its own: the previous one of its paragraph
    ]


def test_abbreviations_do_not_split_sentences() -> None:
    assert [c.text for c in claims("The U.S. Government vs. China, e.g. on chips. Next one.")] == [
        "The U.S. Government vs. China, e.g. on chips.",
        "Next one.",
    ]


def test_claims_are_numbered_in_note_order() -> None:
    assert [c.ordinal for c in claims("One. Two.\n\n* Three.\n* Four.")] == [0, 1, 2, 3]


def test_unreadable_timestamps_are_dropped_and_counted_in_a_warning() -> None:
    parsed = note(f"Claim {a('N/A')}. Other {a('HH:MM:SS')} {a('00:00:05')}.")
    assert [(c.text, c.timestamps) for c in parsed.claims] == [("Claim.", ()), ("Other.", (5,))]
    assert parsed.warnings == ["2 timestamps could not be read"]


def test_one_unreadable_timestamp_is_reported_in_the_singular() -> None:
    assert note(f"Claim {a('N/A')}.").warnings == ["1 timestamp could not be read"]


def test_note_with_only_readable_timestamps_has_no_warning() -> None:
    assert note(f"Claim {a('00:00:01')}.").warnings == []


# --- the note decides what a three-part time means (bot.notes.timestamps.read_note) -----------------


def test_note_with_impossible_hours_rereads_its_hh_mm_00_stamps_as_minutes() -> None:
    parsed = note(f"Intro {a('00:00:44')}. Early {a('05:10:00')}. Late {a('19:11:00')}.")
    assert [c.timestamps for c in parsed.claims] == [(44,), (310,), (1151,)]
    assert (parsed.reading, parsed.warnings) == (
        "mixed",
        ["2 timestamps read as MM:SS (the note writes minutes where hours go)"],
    )


def test_hour_rounded_time_among_hours_stays_hours() -> None:
    # lennyspodcast/importance_of_integrating_ux_research_in_product_development: "01:05:00" is 1:05:00.
    values = ["01:02:22", "01:03:53", "01:04:20", "01:04:28", "01:05:00", "01:06:19", "01:05:17"]
    parsed = note(" ".join(f"Claim {n} {a(v)}." for n, v in enumerate(values)))
    assert [c.seconds for c in parsed.claims] == [3742, 3833, 3860, 3868, 3900, 3979, 3917]
    assert (parsed.reading, parsed.warnings) == ("hours", [])


def test_ambiguous_times_are_not_cited_and_say_so() -> None:
    parsed = note(f"Claim {a('02:29:03')}. Other {a('02:31:38')}. More {a('02:30:00')}.")
    assert [c.seconds for c in parsed.claims] == [None, None, None]
    assert (parsed.reading, parsed.untrusted, parsed.warnings) == (
        "untrusted",
        3,
        ["3 timestamps not cited: the note's times read as hours and as minutes alike"],
    )


# --- timestamp variants from ../shared/corpus/oddities, in their surroundings -----------------------


@pytest.mark.parametrize(
    ("body", "seconds"),
    [
        ('Claim <a class="yt-timestamp" data-t="10:03">[10:03]</a>.', (603,)),  # MM:SS
        ('Claim <a class="yt-timestamp" data-t="1:7:19">[1:7:19]</a>.', (4039,)),  # H:M:SS
        ('Claim <a class="yt-timestamp" data-t="01:02:14:00">[01:02:14:00]</a>.', (3734,)),  # frames
        ('Claim <a class="yt-timestamp" data-t="00:42:07]">[00:42:07]</a>.', (2527,)),  # stray bracket
        ('Claim <a class="yt-timestamp" data-t="01:29:42:">[01:29:42]</a>.', (5382,)),  # trailing colon
        ('Claim <a class="yt-timestamp" data-t="01:26:"></a>.', (86,)),  # empty label
        ('Claim <a class="yt-timestamp" data-t="HH:00:53">[00:00:53]</a>.', (53,)),  # HH: placeholder
        ('Claim <a class="yt-timestamp" data-t="2241">[37:01]</a>.', (2241,)),  # plain seconds
        ('Claim <a class="yt-timestamp" data-t="0:00:00.413Z">[1:0:41]</a>.', (0,)),  # ISO fraction
        ('Claim <a class="yt-timestamp" data-t="00:15:11]-[00:15:24]</a>.', (911, 924)),  # range: both
        ('Claim <a class="yt-timestamp" data-t="00:01:02-00:01:10">[00:01:02]</a>.', (62, 70)),  # ends
        ('Claim <a class="yt-timestamp" data=t="00:07:13">[00:07:13]</a>.', (433,)),  # "data=t"
        ('Claim <a class="yt-timestamp" data-timestamp="00:16:48">[00:16:48]</a>.', (1008,)),
        ('Claim [01:27:42](<a class="yt-timestamp" data-t="01:27:42</a>).', (5262,)),  # unclosed value
        ('Claim [00:21:00](<a class="yt-timestamp" data-t="00:21:00%3C/a>).', (1260,)),  # "%3C/a>"
        ('Claim <a class="yt-timestamp" data-t="00:13:30>[00:13:30]</a>.', (810,)),  # no closing quote
        ('Claim <a class="yt-timestamp" data-t="04:15:15]</a>.', (15315,)),  # no ">" and no label
        ('Claim [00:01:38](<a class="yt-timestamp" data-t="00:01:38">[00:01:38]</a>.', (98,)),  # link label
        ('Claim ([00:02:03](<a class="yt-timestamp" data-t="HH:MM:SS">00:02:03</a>)).', (123,)),  # label
        ('Claim [<a class="yt-timestamp" data-t="https://youtu.be/XYZ">10:20</a>].', (620,)),  # label
        ("Claim [00:42:00].", (2520,)),  # a bare bracketed time in the prose
    ],
)
def test_real_timestamp_variants_date_the_claim(body: str, seconds: tuple[int, ...]) -> None:
    # After three times in one minute (as MM:SS:FF they would be in one second), the note reads hours.
    parsed = note(f"Before {a('01:29:10')}, {a('01:29:20')} and {a('01:29:31')}. {body}")
    assert [(c.text, c.timestamps) for c in parsed.claims][-1] == ("Claim.", seconds)
    assert parsed.warnings == []


@pytest.mark.parametrize(
    "anchor",
    [
        '<a class="yt-timestamp" data-t="N/A">[N/A]</a>',
        '<a class="yt-timestamp" data-t="HH:MM:SS">[HH:MM:SS]</a>',
        '<a class="yt-timestamp" data-t="https://youtu.be/XYZ">later</a>',
    ],
)
def test_unreadable_timestamp_variants_keep_the_claim(anchor: str) -> None:
    parsed = note(f"Claim {anchor}.")
    assert [(c.text, c.seconds, c.timestamps) for c in parsed.claims] == [("Claim.", None, ())]
    assert parsed.warnings == ["1 timestamp could not be read"]


# --- times written without an anchor, and broken anchors: real snippets of ../shared/vault ----------


@pytest.mark.parametrize(
    ("body", "text", "seconds"),
    [
        (  # dhruvrathee: several times after one sentence, "|"-separated: cite the first, keep all
            "Stories even predate the Pre-Buddhist era [00:00:22 | 00:00:25 | 00:07:54 | 00:07:56].",
            "Stories even predate the Pre-Buddhist era.",
            (22, 25, 474, 476),
        ),
        (  # lennyspodcast
            "Dropbox leveraged a referral program [00:12:15, 00:12:44, 00:13:05].",
            "Dropbox leveraged a referral program.",
            (735, 764, 785),
        ),
        (  # inteligencialtda: MM:SS in a list
            "Countering narratives that portray Brazil's past negatively [08:34, 09:06, 21:17].",
            "Countering narratives that portray Brazil's past negatively.",
            (514, 546, 1277),
        ),
        (  # humblelifeskills: a range of two bracketed times
            "The frame cycles through stored photos [00:00:24]-[00:00:25].",
            "The frame cycles through stored photos.",
            (24, 25),
        ),
        (  # goodareaslive: a range in parentheses
            "The ball can reverse swing, depending on the bowler's action (00:33:01-00:33:14).",
            "The ball can reverse swing, depending on the bowler's action.",
            (1981, 1994),
        ),
        (  # mk_thisisit: double brackets, as if a wiki link
            'Described as a "narrative awareness" [[00:15:01]].',
            'Described as a "narrative awareness".',
            (901,),
        ),
        (  # hubermanlab: a Markdown link whose target repeats the time
            "Five primary taste modalities: sweet, salty, bitter, sour, and umami ([00:05:04](#00:05:04)).",
            "Five primary taste modalities: sweet, salty, bitter, sour, and umami.",
            (304,),
        ),
        (  # hubermanlab
            "Its unique empathogenic effects ([00:00:15](#t=00:00:15), [00:19:02](#t=00:19:02)).",
            "Its unique empathogenic effects.",
            (15, 1142),
        ),
        (  # mrbeast: the time in parentheses inside the link label
            "The incentive initially motivated cooperative behavior [(00:00:16)](./transcript#t=00:00:16).",
            "The incentive initially motivated cooperative behavior.",
            (16,),
        ),
        (  # hubermanlab: a wiki link whose alias is the time
            "A cycle of craving and consumption [[dopamine_system_and_its_role_in_reward | 00:22:28]].",
            "A cycle of craving and consumption.",
            (1348,),
        ),
        (  # lennyspodcast: class="yt>timestamp"
            'Customers who stay longer and pay more <a class="yt>timestamp" data-t="00:49:07">[00:49:07]</a>.',
            "Customers who stay longer and pay more.",
            (2947,),
        ),
        (  # sachinandadam: "…>00:00:16>)" then a second linked anchor: a range
            'Someone else to point it out [00:00:16](<a class="yt-timestamp" data-t="00:00:16">00:00:16>)'
            '-[00:00:20](<a class="yt-timestamp" data-t="00:00:20">00:00:20</a>).',
            "Someone else to point it out.",
            (16, 20),
        ),
        (  # toptradersunplugged: a long list whose "]" became ")"
            "Civic institutions [06:07:00, 06:13:00, 06:22:00, 06:26:00). During the current Fourth Turning.",
            "Civic institutions.",
            (367, 373, 382, 386),
        ),
    ],
)
def test_times_written_without_an_anchor_date_the_claim(
    body: str, text: str, seconds: tuple[int, ...]
) -> None:
    parsed = note(body)
    assert (parsed.claims[0].text, parsed.claims[0].timestamps, parsed.claims[0].seconds) == (
        text,
        seconds,
        seconds[0],
    )
    assert (parsed.unread, parsed.untrusted) == (0, 0)


def test_time_like_text_no_form_reads_is_counted_in_a_warning() -> None:
    # dhruvrathee/air_traffic_control_and_radar_technology
    parsed = note(
        "A collision occurred near Charkhi Dadri [00:00:00. - 00:00:52]. At 3:55 PM (a 16:9 frame)."
    )
    assert (parsed.unread, parsed.warnings) == (
        1,
        ["1 timestamp-like string not read (no timestamp form matched)"],
    )


def test_anchor_in_a_heading_is_read_but_makes_no_claim() -> None:
    # marrowmed/clinical_vignette_based_mcqs_in_microbiology
    parsed = note(f"## Assessment of MCQs {a('00:00:10')}\n\nThe session covers MCQs {a('00:00:15')}.")
    assert [(c.text, c.heading_path, c.seconds) for c in parsed.claims] == [
        ("The session covers MCQs.", ("Assessment of MCQs",), 15)
    ]
    assert parsed.times == 2


def test_time_before_any_text_of_its_block_dates_what_follows() -> None:
    assert texts_and_seconds(f"{a('00:01:02')} Intro sentence.") == [("Intro sentence.", 62)]


def test_lead_in_ending_in_a_colon_is_not_a_claim() -> None:
    # 3blue1brown/algorithms_for_optimal_wordle_play
    body = (
        f"The goal is to guess a five-letter word within six chances {a('00:00:58')}. "
        "After each guess, players receive feedback:\n"
        f"*   **Grey box**: The letter is not in the answer {a('00:01:10')}.\n"
    )
    assert [c.text for c in claims(body)] == [
        "The goal is to guess a five-letter word within six chances.",
        "The letter is not in the answer.",
    ]


def test_dated_sentence_ending_in_a_colon_stays_a_claim() -> None:
    assert texts_and_seconds(f"Three reasons were given {a('00:02:00')}:") == [
        ("Three reasons were given", 120)
    ]


def test_table_header_row_is_not_a_claim_even_with_an_anchor() -> None:
    body = (
        f"| Stage {a('00:05:00')} | Point |\n| --- | --- |\n"
        f"| Analogy | A pilot flying the plane {a('00:05:43')}. |\n"
    )
    assert texts_and_seconds(body) == [("Analogy: A pilot flying the plane.", 343)]


def test_table_row_with_no_separator_under_it_is_a_claim() -> None:
    assert texts_and_seconds(f"| Analogy | A pilot flying the plane {a('00:05:43')}. |\n\nAfter.") == [
        ("Analogy: A pilot flying the plane.", 343),
        ("After.", None),
    ]


# --- claim text -------------------------------------------------------------------------------------


def test_wiki_link_shows_its_alias_and_keeps_target_and_alias() -> None:
    [claim] = claims(f"Meta is the most [[open_source_ai_development | open source]] lab {a('00:40:45')}.")
    assert claim.text == "Meta is the most open source lab."
    assert claim.links == (WikiLink("open_source_ai_development", "open source"),)


def test_wiki_link_without_alias_shows_its_target() -> None:
    [claim] = claims("Ask [[bankless]] about it.")
    assert (claim.text, claim.links) == ("Ask bankless about it.", (WikiLink("bankless", None),))


def test_links_go_to_the_sentence_that_shows_them() -> None:
    first, second = claims("About [[a_b | Alpha]] here. About [[c_d | Gamma]] there.")
    assert (first.links, second.links) == ((WikiLink("a_b", "Alpha"),), (WikiLink("c_d", "Gamma"),))


def test_unclosed_wiki_link_leaves_no_brackets() -> None:
    body = f"Risks are managed gracefully [[ai_safety_and_alignment | {a('00:33:11')}. Next."
    assert texts_and_seconds(body) == [("Risks are managed gracefully.", 1991), ("Next.", 1991)]


def test_markdown_and_html_are_removed_from_claim_text() -> None:
    body = "A **bold**, *italic*, _under_ and `code` [link](https://x.y/z) <b>tag</b> &amp; snake_case."
    assert [c.text for c in claims(body)] == ["A bold, italic, under and code link tag & snake_case."]


def test_whitespace_is_collapsed() -> None:
    assert [c.text for c in claims("Spread   over\n   two lines.")] == ["Spread over two lines."]


# --- structure: headings, bullets, subjects ---------------------------------------------------------


def test_headings_are_not_claims_but_form_the_heading_path() -> None:
    body = "## Landscape\n\nOne.\n\n### Key Players\n\nTwo.\n\n## Reasons\n\nThree."
    assert [(c.text, c.heading_path) for c in claims(body)] == [
        ("One.", ("Landscape",)),
        ("Two.", ("Landscape", "Key Players")),
        ("Three.", ("Reasons",)),
    ]


def test_heading_path_shows_plain_heading_text() -> None:
    [claim] = claims("## [[future_of_ai | Future of **AI**]] today\n\nText.")
    assert claim.heading_path == ("Future of AI today",)


def test_bold_lead_with_colon_inside_becomes_the_subject() -> None:
    [claim] = claims(f"*   **xAI (Grok):** xAI aims to be open {a('00:19:04')}.")
    assert (claim.subject, claim.text) == ("xAI (Grok)", "xAI aims to be open.")


def test_bold_lead_with_colon_outside_becomes_the_subject() -> None:
    [claim] = claims("- **Meta (Llama)**: Meta opens weights.")
    assert (claim.subject, claim.text) == ("Meta (Llama)", "Meta opens weights.")


def test_every_claim_of_a_bullet_carries_its_subject() -> None:
    body = f"* **DeepSeek:** A breakthrough {a('00:26:03')}, which refines answers {a('00:56:59')}. More."
    assert [c.subject for c in claims(body)] == ["DeepSeek", "DeepSeek", "DeepSeek"]


def test_nested_bullets_inherit_the_lead_unless_they_have_their_own() -> None:
    body = (
        "* **OpenAI:** Closed models.\n"
        "    * Revenue from subscriptions.\n"
        "        * Even deeper.\n"
        "    * **Anthropic:** Also closed.\n"
        "        * Deeper under Anthropic.\n"
        "* Plain bullet.\n"
    )
    assert [(c.text, c.subject) for c in claims(body)] == [
        ("Closed models.", "OpenAI"),
        ("Revenue from subscriptions.", "OpenAI"),
        ("Even deeper.", "OpenAI"),
        ("Also closed.", "Anthropic"),
        ("Deeper under Anthropic.", "Anthropic"),
        ("Plain bullet.", None),
    ]


def test_numbered_list_items_are_claims_with_their_leads() -> None:
    body = f"1. **Scale:** Bigger clusters win {a('00:26:22')}.\n2. Algorithms matter too.\n10) Tenth item."
    assert [(c.text, c.subject, c.seconds) for c in claims(body)] == [
        ("Bigger clusters win.", "Scale", 1582),
        ("Algorithms matter too.", None, None),
        ("Tenth item.", None, None),
    ]


def test_paragraph_after_a_list_has_no_subject() -> None:
    assert [c.subject for c in claims("* **Meta:** Open.\n\nA paragraph.")] == ["Meta", None]


def test_bold_words_that_start_a_sentence_are_not_a_lead() -> None:
    [claim] = claims("* **Workflows** for marketers are automated.")
    assert (claim.subject, claim.text) == (None, "Workflows for marketers are automated.")


def test_continuation_line_belongs_to_its_bullet() -> None:
    [claim] = claims("* **Meta:** Meta opens\n  its weights.")
    assert (claim.subject, claim.text) == ("Meta", "Meta opens its weights.")


def test_callout_title_and_body_are_text() -> None:
    body = f"> [!NOTE] Scale is expensive\n> A run costs millions {a('00:01:00')}.\n>\n> Another line."
    assert texts_and_seconds(body) == [
        ("Scale is expensive", None),
        ("A run costs millions.", 60),
        ("Another line.", None),
    ]


def test_table_without_timestamps_gives_no_claims() -> None:
    body = "Intro.\n\n| Feature | Mission |\n|---|---|\n| Purpose | Why we exist. |\n"
    assert [c.text for c in claims(body)] == ["Intro."]


def test_table_row_with_a_timestamp_becomes_one_claim() -> None:
    body = f"| Feature | Mission |\n| :--- | ---: |\n| Analogy    | A pilot flying the plane {a('00:05:43')}. |\n"
    assert texts_and_seconds(body) == [("Analogy: A pilot flying the plane.", 343)]


def test_code_fence_without_timestamps_gives_no_claims() -> None:
    assert [c.text for c in claims("Intro.\n\n```python\nprint('x. y.')\n```\n")] == ["Intro."]


def test_code_fence_with_timestamps_is_read_line_by_line() -> None:
    assert texts_and_seconds(f"```\nA line {a('00:00:09')}.\n```") == [("A line.", 9)]


def test_markdown_fence_is_read_as_markdown() -> None:
    body = "```markdown\n## Inside\n\n* **Lab:** Claim.\n```\n"
    assert [(c.text, c.heading_path, c.subject) for c in claims(body)] == [("Claim.", ("Inside",), "Lab")]


def test_unclosed_code_fence_does_not_swallow_the_note() -> None:
    assert texts_and_seconds(f"```\nA line {a('00:00:09')}.") == [("A line.", 9)]


# --- bytes, encodings, line endings -----------------------------------------------------------------


def test_crlf_line_endings_are_normalised() -> None:
    data = (FRONT + "## Heading\n\n* **Lab:** Claim one.\n* Claim two.\n").replace("\n", "\r\n").encode()
    result = parse_bytes(data, "frontierpod/x.md")
    assert isinstance(result, Note)
    assert [(c.text, c.heading_path, c.subject) for c in result.claims] == [
        ("Claim one.", ("Heading",), "Lab"),
        ("Claim two.", ("Heading",), None),
    ]


def test_bare_cr_line_endings_are_normalised() -> None:
    result = parse_bytes((FRONT + "One.\n\nTwo.\n").replace("\n", "\r").encode(), "x.md")
    assert isinstance(result, Note)
    assert [c.text for c in result.claims] == ["One.", "Two."]


def test_utf8_bom_is_tolerated() -> None:
    result = parse_bytes(b"\xef\xbb\xbf" + (FRONT + "Caf\u00e9 text.").encode(), "x.md")
    assert isinstance(result, Note)
    assert (result.title, [c.text for c in result.claims]) == ("Frontier labs", ["Caf\u00e9 text."])


def test_binary_data_is_rejected_as_not_utf8() -> None:
    result = parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "image.md")
    assert isinstance(result, Rejected)
    assert result.reason.startswith("not UTF-8 text: ")


def test_text_with_nul_bytes_is_rejected_as_binary() -> None:
    assert parse_bytes(FRONT.encode() + b"abc\x00def", "x.md") == Rejected(
        "not UTF-8 text: contains NUL bytes (binary file?)"
    )


def test_latin1_text_is_rejected_with_the_offending_byte() -> None:
    data = (FRONT + "Caf\u00e9.").encode("latin-1")
    assert parse_bytes(data, "x.md") == Rejected(
        f"not UTF-8 text: invalid continuation byte at byte {len(data) - 2}"
    )


# --- channel index pages ----------------------------------------------------------------------------

INDEX = (
    "---\ntitle: frontierpod\n---\n"
    "### [Who Opens [LIVE] Weights?](https://www.youtube.com/watch?v=AAAAAAAAAA1&t=5s)\n"
    "- [[open_weights | Open weights]]\n"
    "- [[licences]]\n\n"
    "### [The Compute Race](https://youtu.be/BBBBBBBBBB2)\n"
    "- [[gpu_clusters | GPU clusters]]\n\n"
    "### [Embedded](https://www.youtube.com/embed/CCCCCCCCCC3)\n\n"
    "### [Not a video](https://example.com/page)\n"
    "- [[stray_link]]\n"
)


def test_index_page_lists_episodes_with_ids_titles_and_note_slugs() -> None:
    assert parse_note(INDEX, "frontierpod/frontierpod.md") == ChannelIndex(
        channel="frontierpod",
        episodes=[
            IndexEpisode("AAAAAAAAAA1", "Who Opens [LIVE] Weights?", ("open_weights", "licences")),
            IndexEpisode("BBBBBBBBBB2", "The Compute Race", ("gpu_clusters",)),
            IndexEpisode("CCCCCCCCCC3", "Embedded", ()),
        ],
    )


def test_index_page_without_title_is_named_after_its_file() -> None:
    result = parse_note(INDEX.replace("title: frontierpod\n", ""), "shows/\u2068frontierpod\u2069.md")
    assert isinstance(result, ChannelIndex)
    assert result.channel == "frontierpod"


def test_crlf_index_page_is_recognised() -> None:
    result = parse_bytes(INDEX.replace("\n", "\r\n").encode(), "frontierpod/frontierpod.md")
    assert isinstance(result, ChannelIndex)
    assert [e.video_id for e in result.episodes] == ["AAAAAAAAAA1", "BBBBBBBBBB2", "CCCCCCCCCC3"]


def test_page_with_video_id_is_a_note_even_with_episode_headings() -> None:
    result = parse_note(INDEX.replace("title: frontierpod\n", "title: x\nvideoId: abcdefghijk\n"))
    assert isinstance(result, Note)
