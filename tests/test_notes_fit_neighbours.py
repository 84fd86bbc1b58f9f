"""_fit finds a time's settled neighbours by bisection: the same verdict as scanning every anchor.

Anchors come sorted by position (every caller builds them so); the scan below is the definition it
replaced, kept here as the specification.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.notes.timestamps import _fit, _hours, _minutes, _Stamp


def fit_by_scan(stamp: _Stamp, anchors: list[tuple[int, int]], within: int | None = None) -> str | None:
    before = [s for at, s in anchors if at < stamp.at][-1:]
    after = [s for at, s in anchors if at > stamp.at][:1]
    if not before and not after:
        return None
    hours, minutes = _hours(stamp.fields), _minutes(stamp.fields)
    to_hours = min(abs(hours - s) for s in before + after)
    to_minutes = min(abs(minutes - s) for s in before + after)
    if within is not None and min(to_hours, to_minutes) > within:
        return None
    if to_hours * 2 < to_minutes and (any(hours >= s for s in before) or any(hours <= s for s in after)):
        return "hours"
    if to_minutes * 2 < to_hours and all(minutes >= s for s in before) and all(minutes <= s for s in after):
        return "minutes"
    return None


positions = st.lists(st.integers(0, 60), unique=True, max_size=12)
seconds = st.integers(0, 4 * 3600)
fields = st.tuples(st.integers(0, 5), st.integers(0, 59), st.integers(0, 59))


@given(positions, st.data(), st.integers(0, 60), fields, st.sampled_from([None, 600]))
def test_fit_by_bisection_matches_the_scan(
    ats: list[int], data: st.DataObject, at: int, written: tuple[int, int, int], within: int | None
) -> None:
    anchors = sorted((a, data.draw(seconds)) for a in ats if a != at)
    stamp = _Stamp(at, written)
    assert _fit(stamp, anchors, within) == fit_by_scan(stamp, anchors, within)


def test_the_nearest_anchor_on_each_side_decides() -> None:
    # 02:10:00 is 130 s as MM:SS, 7,800 s as hours: its neighbours (120 s, 150 s) say minutes, though the
    # anchors further away (7,700 s before, 7,900 s after) sit next to its hours reading.
    anchors = [(0, 7700), (3, 120), (7, 150), (9, 7900)]
    assert _fit(_Stamp(5, (2, 10, 0)), anchors) == "minutes"
    assert _fit(_Stamp(5, (0, 2, 10)), anchors) == "hours"
