"""split_times: the times of every form ANCHOR.split cut out of a text, as anchor_times reads each form.

It reads the common anchor (a readable `data-t`) without slicing out its groups; every other form, and an
anchor whose `data-t` holds no time, goes through anchor_times. Both must agree form by form.
"""

from __future__ import annotations

from bot.notes.claims import ANCHOR, anchor_times, split_times

MIXED = (
    'Intro <a class="yt-timestamp" data-t="00:01:02">[00:01:02]</a>. '
    'No time here <a class="yt-timestamp" data-t="N/A">[00:09:09]</a>. '
    'Label only <a class="yt-timestamp" data-t="soon">[00:00:00]</a> and none <a class="yt-timestamp" data-t="x"></a>. '
    "A list [00:04:36 | 00:05:11], a range [00:00:24]-[00:00:25], in brackets (00:33:01-00:33:14). "
    "A link [ ](./transcript#t=00:03:36), a wiki alias [[topic | 00:58:43]], "
    '[00:01:38](<a class="yt-timestamp" data-t="00:01:38">[00:01:38]</a>) and a range value '
    '<a class="yt-timestamp" data-t="00:01:02-00:01:10">[00:01:02]</a>.'
)


def test_split_times_reads_every_form_as_anchor_times_does() -> None:
    found = split_times(ANCHOR.split(MIXED))
    assert found == [anchor_times(match.groups()) for match in ANCHOR.finditer(MIXED)]
    assert found == [
        ((0, 1, 2),),
        ((0, 9, 9),),  # "N/A": the label's time
        ((0, 0, 0),),
        (),  # no time anywhere: unreadable
        ((0, 4, 36), (0, 5, 11)),
        ((0, 0, 24), (0, 0, 25)),
        ((0, 33, 1), (0, 33, 14)),
        ((0, 3, 36),),
        ((0, 58, 43),),
        ((0, 1, 38),),
        ((0, 1, 2), (0, 1, 10)),
    ]


def test_an_anchor_with_no_time_in_data_t_is_read_from_its_label() -> None:
    assert split_times(ANCHOR.split('x <a class="yt-timestamp" data-t="N/A">[00:09:09]</a>')) == [
        ((0, 9, 9),)
    ]


def test_a_text_without_forms_has_no_times() -> None:
    assert split_times(ANCHOR.split("Nothing (16:9) to read here.")) == []
