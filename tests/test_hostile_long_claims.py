"""One long sentence must not freeze labnotes.

Parsing and extraction cost time linear in a claim's length (the time per character at 1 MB stays
within a small factor of that at 1 KB, measured in one run), a claim never exceeds MAX_CLAIM_CHARS, and
/notes add parses and extracts a 1 MB note while the bot keeps answering other commands.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import cycle, islice

import pytest

from bot.catalog import load_catalog
from bot.extract.extractor import Extractor
from bot.moderation.worker import PROCESS_BYTES
from bot.notes.caps import MAX_CLAIM_CHARS, cap_claims, split_long, split_warning
from bot.notes.model import Claim, Note
from bot.notes.parse import parse_bytes
from bot.warmup import warm_up
from tests.conftest import CATALOG, USER
from tests.notes_support import Vault, note_bytes

# Dense with cues (negated, planned, historical, paired, in parentheses) and names (lists, possessives,
# objects, prepositional phrases): every look-back extraction does has work to do.
FRAGMENTS = (
    "Meta open-sourced Llama 3",
    "OpenAI keeps GPT-4 proprietary",
    "Mistral by contrast released the weights of Mixtral",
    "Google is not open source",
    "xAI plans to open source Grok 2",
    "models like Falcon and Qwen are open-weight",
    "originally founded as a non-profit for open source research",
    "the open-source Llama 2 rather than open-sourcing",
    "similar to an open-source model from Anthropic",
    "Meta's commitment to open source",
    "its own open-source models",
    "DeepSeek (an open-source reimplementation",
    "API-only access to Claude",
    "a community licence with restrictions for Gemma",
    "Microsoft and Nvidia and Cohere and Alibaba",
    "NVIDIA's closed-source CUDA",
    "open source vs closed source models",
    "Anthropic argues that open-sourcing is risky",
    "beat OpenAI using DeepSeek R1",
    "the U.S. Army and e.g. Mistral",  # abbreviations that do not end the sentence
)
# How much more a character may cost at 1 MB than at 1 KB before it counts as superlinear; the old
# code was 10× at 16 KB already and worse with every doubling.
SLOWDOWN = 4.0


def sentence(size: int, offset: int = 0, fragments: tuple[str, ...] = FRAGMENTS) -> str:
    """One sentence of exactly `size` characters, no full stop in it: fragments joined by commas."""
    text = ", ".join(islice(cycle(fragments[offset:] + fragments[:offset]), size // 20 + 1))
    return text[:size]


def seconds_per_char(work: Callable[[str], object], text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.thread_time()  # CPU time: other processes on a shared machine don't stretch it
        work(text)
        best = min(best, time.thread_time() - started)
    return best / len(text)


def assert_flat(work: Callable[[str], object], texts: Callable[[int], str]) -> None:
    """Time per character at 16 KB, 128 KB and 1 MB within SLOWDOWN of that at 1 KB (best of a few runs,
    so that another process taking the CPU for a moment does not count)."""
    base = seconds_per_char(work, texts(1_000), repeat=40)
    for size, repeat in ((16_000, 5), (128_000, 2), (1_000_000, 1)):
        ratio = seconds_per_char(work, texts(size), repeat) / base
        assert ratio < SLOWDOWN, f"{size:,} characters cost {ratio:.1f}× per character what 1,000 do"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_catalog(CATALOG))


def one_line_note(body: str) -> bytes:
    front = (
        "---\ntitle: One long line\nvideoId: abcdefghijk\n---\n\nFrom: [[bankless]] <br/>\n\n## Openness\n\n"
    )
    return (front + "*   **Meta (Llama):** " + body + "\n").encode()


def test_extraction_time_per_character_stays_flat_from_1_kb_to_1_mb(extractor: Extractor) -> None:
    def extract(text: str) -> object:
        return extractor.extract(Claim(0, text, None, (), (), "Meta (Llama)"))

    assert_flat(extract, sentence)


def test_parsing_time_per_character_stays_flat_from_1_kb_to_1_mb() -> None:
    def parse(text: str) -> object:
        return parse_bytes(one_line_note(text))

    assert_flat(parse, sentence)


def test_a_long_claim_still_gives_the_signals_its_clauses_give_on_their_own(extractor: Extractor) -> None:
    """Bounded look-behind keeps attribution local: the same clause far into a long claim reads the same."""
    clause = "; OpenAI keeps GPT-4 proprietary; Meta open-sourced Llama 3"
    alone = extractor.extract(Claim(0, clause.lstrip("; "), None, (), ()))
    long = extractor.extract(Claim(0, sentence(5_000) + clause, None, (), ()))
    assert set(alone.signals) <= set(long.signals)
    assert [(s.entity.id, s.kind) for s in alone.signals] == [
        ("gpt-4", "closed"),
        ("openai", "closed"),
        ("llama-3", "open"),
        ("meta", "open"),
    ]


def test_a_claim_longer_than_the_cap_is_split_at_sentence_marks() -> None:
    text = "; ".join(f"part {n} " + "x" * 30 for n in range(400))  # 16,288 characters, no full stop
    pieces = split_long(text)
    assert [len(p) for p in pieces] == [7_966, 7_994, 326]
    assert all(p.endswith(";") for p in pieces[:-1])
    assert " ".join(pieces) == text


def test_a_claim_without_sentence_marks_is_cut_at_a_space() -> None:
    text = " ".join(["word"] * 3_000)  # 14,999 characters
    pieces = split_long(text)
    assert [len(p) for p in pieces] == [7_999, 6_999]
    assert " ".join(pieces) == text


def test_a_claim_without_spaces_is_cut_at_the_cap() -> None:
    pieces = split_long("x" * 20_000)
    assert [len(p) for p in pieces] == [MAX_CLAIM_CHARS, MAX_CLAIM_CHARS, 4_000]


def test_a_split_claim_is_cited_at_its_second_with_its_anchors_on_the_last_piece_and_claims_renumbered() -> (
    None
):
    long = Claim(1, "word " * 2_000 + "end", 65, (65, 70), ("Heading",), "Meta")
    claims, split = cap_claims([Claim(0, "First.", None, (), ()), long, Claim(2, "Last.", 3, (3,), ())])
    assert split == 1
    assert [(c.ordinal, c.seconds, c.timestamps) for c in claims] == [
        (0, None, ()),
        (1, 65, ()),
        (2, 65, (65, 70)),
        (3, 3, (3,)),
    ]
    assert all(c.heading_path == ("Heading",) and c.subject == "Meta" for c in claims[1:3])


def test_a_1_mb_one_line_note_becomes_claims_under_the_cap_with_a_warning() -> None:
    body = sentence(1_000_000, fragments=FRAGMENTS[:-1])
    note = parse_bytes(one_line_note(body))
    assert isinstance(note, Note)
    assert max(len(c.text) for c in note.claims) <= MAX_CLAIM_CHARS
    assert " ".join(c.text for c in note.claims) == body
    assert note.warnings == [split_warning(1)]
    assert (
        split_warning(1) == "1 claim was longer than 8,000 characters and split at sentence marks or spaces"
    )


def test_notes_of_ordinary_length_are_not_touched_by_the_cap() -> None:
    note = parse_bytes(note_bytes())
    assert isinstance(note, Note)
    assert cap_claims(note.claims) == (note.claims, 0)
    assert note.warnings == []


@contextmanager
def loop_step_cpu(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """CPU seconds each step of the event loop used, as they run. CPU time, not wall time: a shared machine
    stretches a step's wall time, never the work the step did on the loop."""
    steps: list[float] = []
    run = asyncio.events.Handle._run

    def timed_run(handle: asyncio.events.Handle) -> None:
        started = time.thread_time()
        run(handle)
        steps.append(time.thread_time() - started)

    monkeypatch.setattr(asyncio.events.Handle, "_run", timed_run)
    yield steps
    monkeypatch.setattr(asyncio.events.Handle, "_run", run)


async def test_adding_a_1_mb_note_never_holds_the_event_loop_for_50_ms_of_cpu(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One line, 1 MB in all (the size limit): sentences of about 1 KB, each dense with cues and names.
    body = " ".join(sentence(998, offset=n % len(FRAGMENTS)) + "." for n in range(1_000))
    data = one_line_note(body[: 1_000_000 - len(one_line_note(""))])
    assert len(data) == vault.config.max_note_bytes == 1_000_000
    await asyncio.to_thread(warm_up)  # as `labnotes run` does at start
    answered = 0
    try:
        with loop_step_cpu(monkeypatch) as steps:
            add = asyncio.create_task(vault.add("long.md", data))
            while not add.done():  # a member asks every 50 ms meanwhile
                await asyncio.sleep(0.05)
                assert (await vault.ask("/lab meta", USER)).kind == "ok"
                answered += 1
            added = await add
    finally:
        gc.unfreeze()
    assert (added.kind, added.title) == ("ok", "Added bankless/long.md")
    assert answered >= 5, "the add finished before the commands could test the loop"
    # Parsing on the loop held it for 4.8 s; building the rows, the extractor or the aggregates' picks there,
    # or a full collection of the start-up heap, for 30-120 ms each.
    assert max(steps) < 0.05, f"a step of the loop used {max(steps) * 1000:.0f} ms of CPU"


async def test_a_big_note_is_still_added_when_the_worker_process_has_died(vault: Vault) -> None:
    data = one_line_note(sentence(PROCESS_BYTES))  # big enough for the worker process
    assert (await vault.add("big.md", data)).kind == "ok"
    workers = multiprocessing.active_children()
    assert workers, "the big note was not prepared in a worker process"
    for worker in workers:
        os.kill(worker.pid or 0, signal.SIGKILL)
        worker.join()
    reply = await vault.add("big.md", data, replace=True)  # prepared in a thread instead
    assert (reply.kind, reply.title) == ("ok", "Replaced bankless/big.md")
    assert (await vault.add("big.md", data, replace=True)).kind == "ok"  # and a new worker next time
    assert multiprocessing.active_children()
