"""How right the cited seconds are on a whole vault (issue 11): parse every note, report per channel.

    .venv/bin/python bench/timestamps.py [FOLDER] [--channels] [--no-prior] [--hand-check 50] [--seed 11]

FOLDER defaults to ../shared/vault. Reported, from the parser's claims:
- timed claims past 1 h on channels of short videos, past 4 h and past 6 h overall;
- the share of claims with no time;
- timestamp-like strings in the raw notes (counted here, independently of the parser) that the parser
  did not read;
- the share of read times not cited because their note is ambiguous (untrusted), and how many were read
  by their channel's convention. Each channel's convention comes from a cheap pre-pass over its notes
  (`own_reading`, counted by bot.store.ingest.channel_priors), which agrees with the full parse for 99.1%
  of notes; ingest itself counts the full parses' readings (bot.store.ingest._Priors). --no-prior parses
  each note alone.

"Short videos" is decided from the raw notes, not the parser, so that a change of reading cannot move a
channel in or out: a channel is short when, over its notes, the median of the note's largest time read
as H:MM:SS is under 20 minutes (a minority of notes written MM:SS:FF cannot move a median).

--hand-check N draws N claims (seeded) from notes with three-part times and prints each citation with
the note's times in order around it, for a person to judge against the order and spacing.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot.notes.model import Note  # noqa: E402
from bot.notes.parse import CHANNEL_WARNING, own_reading, parse_bytes  # noqa: E402
from bot.store.ingest import channel_priors, folder_of  # noqa: E402

HOUR = 3600
SHORT_CHANNEL_MINUTES = 20

# Independent of the parser on purpose: a broad net for anything that looks like a video time.
_ANCHOR = re.compile(
    r"(?:\[[^\[\]\n]{0,20}\]\(\s*)?"  # a Markdown link label around the anchor repeats its time
    r"<a\s[^<>]*?yt.timestamp[^<>]*>?(?:[^<>\n]{0,40}(?:</a>|>))?|data(?:[-=]t|-timestamp)=\"[^\"<>]*"
)
_TIME = re.compile(r"(?<![\d:.,/])\d{1,4}(?::\d{1,3}){1,3}(?!\d|:\d)")
_CLOCK = re.compile(r"\s*(?:[AaPp]\.?[Mm]\b|[AaPp]\.[Mm]\.|Uhr|h\b|hrs?\b|o'clock)")
# A time counts when it sits in a bracket, a "#t=" fragment or a wiki-link alias, like the forms notes
# use to cite; prose ("at 7:30 PM", "a 50:25:25 split") does not.
_CONTEXT = re.compile(r"[\[(#=|]")
_THREE = re.compile(r"(\d{1,3}):(\d{1,2}):(\d{1,3})(?![\d:])")


def timestamp_like(body: str) -> int:
    """Timestamp-like strings in a note body: each anchor once (ranges twice), each bracketed time once."""
    found = 0
    rest = []
    position = 0
    for anchor in _ANCHOR.finditer(body):
        rest.append(body[position : anchor.start()])
        position = anchor.end()
        value = anchor.group(0)
        data_t = re.search(r"data(?:[-=]t|-timestamp)=\"([^\"<>]*)", value)
        times = _TIME.findall(data_t.group(1)) if data_t else []
        if not times:  # the value holds no time: the label may ("data-t="N/A">[10:20]</a>")
            times = _TIME.findall(value[data_t.end() :] if data_t else value)[:1]
        found += min(len(times), 2)  # a range's start and end
    rest.append(body[position:])
    text = " ".join(rest)
    for match in _TIME.finditer(text):
        if _CLOCK.match(text, match.end()):
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        if re.search(r"\]\([^()\s]*#t?=?$", before):
            continue  # "[00:01:59](#01:59)": the link target repeats the time of its label
        opener = max(before.rfind("["), before.rfind("("), before.rfind("#"), before.rfind("|"))
        if opener < 0:
            continue
        between = before[opener + 1 :]
        # Only times, separators and "t=" between the opener and this time: a list of times, not prose.
        if re.fullmatch(r"[\s\d:,;|\-–—\[\]()t=#&]*", between) and _CONTEXT.search(before[opener:]):
            found += 1
    return found


def three_part_times(body: str) -> list[tuple[int, int, int]]:
    return [(int(a), int(b), int(c)) for a, b, c in _THREE.findall(body)]


def h_reading_minutes(body: str) -> float | None:
    """The note's largest time read as H:MM:SS (or MM:SS), in minutes; None without times."""
    values = []
    for match in re.finditer(r"(?<![\d:])(\d{1,3}):(\d{1,2})(?::(\d{1,3}))?(?![\d:])", body):
        a, b, c = match.groups()
        values.append(int(a) * 60 + int(b) + int(c) / 60 if c is not None else int(a) + int(b) / 60)
    return max(values) if values else None


@dataclass
class Channel:
    notes: int = 0
    claims: int = 0
    timed: int = 0
    past: Counter[int] = field(default_factory=Counter)  # hours -> timed claims past that many hours
    lengths: list[float] = field(default_factory=list)  # per note, largest time as H:MM:SS, minutes
    found: int = 0
    unread: int = 0

    @property
    def short(self) -> bool:
        return bool(self.lengths) and statistics.median(self.lengths) < SHORT_CHANNEL_MINUTES


@dataclass
class Sample:
    channel: str
    path: str
    text: str
    seconds: int | None
    ordinal: int
    note_times: list[tuple[int, int | None]]  # (ordinal, seconds) of every claim of the note
    raw: list[str]


@dataclass
class Measure:
    channels: dict[str, Channel] = field(default_factory=lambda: defaultdict(Channel))
    unread_by_note: Counter[str] = field(default_factory=Counter)
    samples: list[Sample] = field(default_factory=list)
    untimed: int = 0
    misfits: int = 0  # claims whose own second is 20 times off the median of their 6 neighbours'
    checked: int = 0
    times: int = 0  # times the parser read
    untrusted: int = 0  # of them, not cited: the note is ambiguous about them
    from_channel: int = 0  # of them, read by their channel's convention

    def total(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.channels.values())

    def past(self, hours: int) -> int:
        return sum(c.past[hours] for c in self.channels.values())


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f} %" if whole else "n/a"


def read_count(note: Note) -> int:
    """Times the parser read, trusted or not (an untrusted time was read and then withheld)."""
    if hasattr(note, "times"):
        return int(note.times)
    return sum(len(c.timestamps) for c in note.claims)  # the parser before issue 11


def measure(folder: Path, samples: bool = False, prior: bool = True) -> Measure:
    """Parse every note under `folder` and count what issue 11 measures."""
    out = Measure()
    paths = sorted(folder.rglob("*.md"))
    rels = [path.relative_to(folder).as_posix() for path in paths]
    priors = (
        channel_priors({rel: own_reading(p.read_bytes()) for rel, p in zip(rels, paths, strict=True)})
        if prior
        else {}
    )
    for path, rel in zip(paths, rels, strict=True):
        data = path.read_bytes()
        parsed = parse_bytes(data, rel, priors.get(folder_of(rel)))
        if not isinstance(parsed, Note):
            continue
        out.times += read_count(parsed)
        out.untrusted += getattr(parsed, "untrusted", 0)
        out.from_channel += sum(int(w.split()[0]) for w in parsed.warnings if w.endswith(CHANNEL_WARNING))
        body = data.decode("utf-8", "replace")
        channel = out.channels[rel.split("/")[0]]
        channel.notes += 1
        length = h_reading_minutes(body.split("\n---", 1)[-1])
        if length is not None:
            channel.lengths.append(length)
        found = timestamp_like(body)
        unread = max(0, found - read_count(parsed))
        channel.found += found
        channel.unread += unread
        out.unread_by_note[rel] += unread
        own = [c.seconds for c in parsed.claims if c.timestamps and c.seconds is not None]
        for at, seconds in enumerate(own):
            around = sorted(own[max(0, at - 3) : at] + own[at + 1 : at + 4])
            if len(around) >= 4:
                middle = max(around[len(around) // 2], 1)
                out.checked += 1
                out.misfits += abs(seconds - middle) > 300 and not 1 / 20 < max(seconds, 1) / middle < 20
        for claim in parsed.claims:
            channel.claims += 1
            if claim.seconds is None:
                out.untimed += 1
                continue
            channel.timed += 1
            for hours in (1, 4, 6):
                channel.past[hours] += claim.seconds > hours * HOUR
        if samples and any(a > 0 for a, _, _ in three_part_times(body)):
            times = [(c.ordinal, c.seconds) for c in parsed.claims]
            raw = [m.group(1) for m in re.finditer(r"data-t=\"([^\"]*)\"", body)]
            for claim in parsed.claims:
                out.samples.append(
                    Sample(rel.split("/")[0], rel, claim.text, claim.seconds, claim.ordinal, times, raw)
                )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=HERE.parent.parent / "shared" / "vault")
    parser.add_argument("--channels", action="store_true", help="print every channel, not only short ones")
    parser.add_argument(
        "--no-prior", action="store_true", help="parse each note alone, as before issue 11's prior"
    )
    parser.add_argument("--hand-check", type=int, default=0, metavar="N")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    result = measure(args.folder, samples=bool(args.hand_check), prior=not args.no_prior)
    report(result, args.channels)
    if args.hand_check:
        hand_check(result.samples, args.hand_check, args.seed)


def report(result: Measure, every: bool) -> None:
    channels = result.channels
    claims, timed, found = result.total("claims"), result.total("timed"), result.total("found")
    print(f"{result.total('notes')} notes, {claims} claims, {timed} timed")
    print(f"claims with no time: {result.untimed} = {pct(result.untimed, claims)}")
    for hours in (4, 6):
        print(f"timed claims past {hours} h: {result.past(hours)} = {pct(result.past(hours), timed)}")
    missed = sum(result.unread_by_note.values())
    print(f"timestamp-like strings: {found}, not read: {missed} = {pct(missed, found)}")
    print(
        f"times read: {result.times}, untrusted: {result.untrusted} = {pct(result.untrusted, result.times)},"
        f" read by their channel's convention: {result.from_channel} = {pct(result.from_channel, result.times)}"
    )
    worst = result.unread_by_note.most_common(5)
    print("notes with the most unread: " + ", ".join(f"{p} ({n})" for p, n in worst if n))
    print(
        f"claims 20x off the median of their 6 neighbours: {result.misfits} = {pct(result.misfits, result.checked)}"
    )
    short = {name: c for name, c in channels.items() if c.short}
    print(f"\nchannels of short videos ({len(short)}): timed claims past 1 h, worst first")
    ranked = sorted(short.items(), key=lambda item: -item[1].past[1] / max(item[1].timed, 1))
    past, timed_short = sum(c.past[1] for c in short.values()), sum(c.timed for c in short.values())
    print(f"  all short channels: {past} of {timed_short} = {pct(past, timed_short)}")
    for name, c in ranked if every else ranked[:12]:
        print(f"  {name:<28} {c.past[1]:>5} of {c.timed:>6} = {pct(c.past[1], c.timed)}")
    if every:
        print("\nevery channel: notes, claims, no time, past 4 h, past 6 h, unread")
        for name, c in sorted(channels.items()):
            print(
                f"  {name:<28} {c.notes:>5} {c.claims:>7} {pct(c.claims - c.timed, c.claims):>8}"
                f" {pct(c.past[4], c.timed):>8} {pct(c.past[6], c.timed):>8} {c.unread:>6}"
            )


def hand_check(samples: list[Sample], count: int, seed: int) -> None:
    timed = [s for s in samples if s.seconds is not None]
    print(f"\nhand check: {count} of {len(timed)} timed claims in notes with three-part times (seed {seed})")
    for number, sample in enumerate(random.Random(seed).sample(timed, min(count, len(timed))), 1):
        around = [t for t in sample.note_times if t[1] is not None]
        at = next(i for i, t in enumerate(around) if t[0] == sample.ordinal)
        window = around[max(0, at - 4) : at + 5]
        shown = " ".join(f"[{label(s)}]" if o == sample.ordinal else label(s) for o, s in window)
        top = max(s for _, s in around if s is not None)
        print(f"{number:>2}. {sample.path}  ({len(around)} times, last {label(top)})")
        print(f"    {label(sample.seconds)}  {sample.text[:100]!r}")
        print(f"    order: {shown}")
        print(f"    raw:   {' '.join(sample.raw[:12])}{' …' if len(sample.raw) > 12 else ''}")


def label(seconds: int | None) -> str:
    if seconds is None:
        return "-"
    hours, rest = divmod(seconds, HOUR)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


if __name__ == "__main__":
    main()
