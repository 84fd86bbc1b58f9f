"""Every digest, however much arrived, is one message on each platform with nothing cut by a renderer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters import discord_render, slack_render
from bot.config import DigestConfig
from bot.digest.compose import Digest, compose_digest
from bot.reply import Reply
from bot.store.db import Store
from tests.digest_support import ClaimRow, add_index, add_lab, add_note, change_label, utc

START, END = utc(2025, 1, 1, 9), utc(2025, 1, 2, 9)
# Characters every renderer escapes, so the escaped text is longer than the text.
HOSTILE = "_*~`|<>[]#& "
LABS = [f"lab{i:02d}" for i in range(30)]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "labnotes.db")
    for lab in LABS:
        await add_lab(store, lab, f"Lab_{lab}_*with*_a_long_name")
        await change_label(store, lab, "open")
    yield store
    await store.close()


async def _heavy_day(store: Store, episodes: int) -> None:
    """Episodes with long titles, ten notes of long topics each, and long claims full of markup."""
    index = []
    for e in range(episodes):
        video = f"v{e:010d}"
        slugs = [f"e{e}_n{n}" for n in range(10)]
        index.append((video, f"Episode {e} " + HOSTILE * 20, slugs))
        for n, slug in enumerate(slugs):
            claims = tuple(
                ClaimRow(
                    f"Claim {e}.{n}.{c} about {LABS[(e + c) % 30]}: " + HOSTILE * 30,
                    60 * (10 * n + c),
                    labs=(LABS[(e + c) % 30],),
                    signal=(LABS[(e + c) % 30], "closed", "proprietary") if c == 0 else None,
                )
                for c in range(3)
            )
            await add_note(
                store,
                f"x/{slug}.md",
                f"Topic {n} " + HOSTILE * 10,
                at=utc(2025, 1, 1, 12),
                video_id=video,
                claims=claims,
            )
    await add_index(store, "x", index)


def assert_fits(reply: Reply) -> None:
    lines = [line for line in reply.text.splitlines() if line]
    rendered = discord_render.render_reply(reply)
    assert len(rendered.embeds) <= discord_render.EMBEDS_LIMIT
    assert discord_render.total_length(rendered.embeds) <= discord_render.TOTAL_LIMIT
    shown = [line for e in rendered.embeds for line in (e.description or "").splitlines() if line]
    assert len(shown) == len(lines)  # the renderer cut nothing
    message = slack_render.render_reply(reply)
    assert len(message.blocks) <= slack_render.MAX_BLOCKS
    assert not any(b["type"] == "context" and "…and" in b["elements"][0]["text"] for b in message.blocks)


async def _compose(store: Store, **kwargs: object) -> Digest:
    baseline = {lab: "mixed" for lab in LABS}  # every lab's verdict changed
    options: dict[str, object] = {"start": START, "end": END, "baseline_labels": baseline, **kwargs}
    return await compose_digest(store, **options)  # type: ignore[arg-type]


async def test_a_full_regular_digest_fits_one_message(store: Store) -> None:
    await _heavy_day(store, 25)
    d = await _compose(store)
    assert d.reply.title == "Lab notes digest: 25 new episodes"
    assert_fits(d.reply)


async def test_a_bulk_summary_fits_one_message(store: Store) -> None:
    await _heavy_day(store, 40)
    d = await _compose(store)
    assert d.reply.title == "Lab notes digest: 40 new episodes (bulk import)"
    assert_fits(d.reply)


async def test_preview_all_of_a_bulk_import_fits_one_message(store: Store) -> None:
    await _heavy_day(store, 40)
    d = await _compose(store, show_all=True, config=DigestConfig(max_notes=100))
    assert d.reply.text.splitlines()[-1].startswith("…and ")
    assert_fits(d.reply)
