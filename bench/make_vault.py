"""Write a synthetic vault shaped like the public one labnotes' notes come from.

    python bench/make_vault.py N OUT_DIR [--seed S]

~21,000 notes there: 166 MB, median note 6.5 KB, long tail to 1 MB, ~35 timestamps per note, notes
grouped by channel with a channel index page each, and lab/model names with openness talk in the text.
Deterministic for a given N and seed.
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

LABS = [
    ("OpenAI", "GPT-4"),
    ("Anthropic", "Claude"),
    ("Google DeepMind", "Gemini"),
    ("Meta", "Llama"),
    ("xAI", "Grok 3"),
    ("DeepSeek", "DeepSeek-R1"),
    ("Mistral AI", "Mixtral"),
    ("Alibaba", "Qwen"),
    ("Microsoft", "Phi"),
    ("Nvidia", "Nemotron"),
    ("Cohere", "Command R"),
    ("AI2", "OLMo"),
    ("EleutherAI", "GPT-NeoX"),
    ("Stability AI", "Stable Diffusion"),
    ("Moonshot", "Kimi"),
]
OPEN = [
    "released the weights of {m} under a permissive license",
    "open-sourced {m}",
    "keeps {m} fully open source",
    "published open weights for {m}",
]
CLOSED = [
    "keeps {m} proprietary",
    "offers {m} through an API only",
    "has not open-sourced {m}",
    "treats {m} as a closed-source product",
]
NEUTRAL = [
    "The discussion turns to how {l} trains {m} at scale and what that means for compute budgets",
    "Benchmarks suggest {m} from {l} is competitive on reasoning tasks",
    "The hosts compare the pace of releases at {l} with the rest of the industry",
    "Developers building on {m} describe the trade-offs of latency and cost",
]
FILLER = [
    "The conversation moves to market structure, regulation and how startups should position themselves",
    "A guest argues that distribution matters more than raw model quality in the long run",
    "Energy and data center capacity are named as the binding constraints for the next few years",
    "The episode closes with predictions about agents, robotics and the economics of inference",
    "Token prices keep falling, which changes which products are viable",
]
HEADINGS = [
    "Overview",
    "Key Players",
    "Openness Debate",
    "Compute and Scale",
    "Market Implications",
    "Predictions",
    "Background",
]


def anchor(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    t = f"{h:02d}:{m:02d}:{s:02d}"
    return f'<a class="yt-timestamp" data-t="{t}">[{t}]</a>'


def sentence(rng: random.Random) -> str:
    lab, model = rng.choice(LABS)
    roll = rng.random()
    # Densities: twice what ../shared/corpus shows (10.7% of claims name a lab or model, 1.8% use
    # openness words), so the benchmark errs on the heavy side without being all lab talk.
    if roll < 0.02:
        return f"{lab} {rng.choice(OPEN).format(m=model)}"
    if roll < 0.04:
        return f"{lab} {rng.choice(CLOSED).format(m=model)}"
    if roll < 0.20:
        return rng.choice(NEUTRAL).format(l=lab, m=model)
    return rng.choice(FILLER)


def video_id(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(rng.choice(alphabet) for _ in range(11))


def note_text(rng: random.Random, title: str, vid: str, channel: str, target_bytes: int) -> str:
    parts = [f"---\ntitle: {title}\nvideoId: {vid}\n---\n\nFrom: [[{channel}]] <br/> \n"]
    size = len(parts[0])
    seconds = rng.randint(10, 300)
    while size < target_bytes:
        parts.append(f"\n## {rng.choice(HEADINGS)}\n\n")
        for _ in range(rng.randint(3, 7)):
            lab, model = rng.choice(LABS)
            lead = f"*   **{lab} ({model}):** " if rng.random() < 0.1 else "*   "
            body = []
            for _ in range(rng.randint(1, 3)):
                seconds += rng.randint(5, 90)
                extra = f", {rng.choice(FILLER).lower()}" if rng.random() < 0.5 else ""
                body.append(f"{sentence(rng)}{extra} {anchor(seconds)}.")
            line = lead + " ".join(body) + "\n"
            parts.append(line)
            size += len(line)
    return "".join(parts)


def make_vault(n: int, out: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    channels = [f"channel{i:02d}" for i in range(max(1, min(40, n // 50)))]
    episodes: dict[str, list[tuple[str, str, list[str]]]] = {c: [] for c in channels}
    written = 0
    while written < n:
        channel = rng.choice(channels)
        vid = video_id(rng)
        ep_title = f"Episode {written} on AI labs and models"
        slugs = []
        for _ in range(min(rng.randint(3, 7), n - written)):
            # Log-normal sizes: median 6.5 KB, a few notes near 1 MB as in the real vault.
            target = (
                1_000_000 if rng.random() < 0.0004 else int(min(5600 * math.exp(rng.gauss(0, 0.62)), 900_000))
            )
            slug = f"topic_{written:05d}"
            title = f"Topic {written}: AI labs discussion"
            (out / channel).mkdir(exist_ok=True)
            (out / channel / f"{slug}.md").write_text(
                note_text(rng, title, vid, channel, target), encoding="utf-8"
            )
            slugs.append(slug)
            written += 1
        episodes[channel].append((vid, ep_title, slugs))
    for channel, eps in episodes.items():
        lines = [f"---\ntitle: {channel}\n---\n"]
        for vid, title, slugs in eps:
            lines.append(f"\n### [{title}](https://www.youtube.com/watch?v={vid})\n")
            lines.extend(f"- [[{s}]]\n" for s in slugs)
        (out / channel).mkdir(exist_ok=True)
        (out / channel / f"{channel}.md").write_text("".join(lines), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    ns = parser.parse_args()
    make_vault(ns.n, ns.out, ns.seed)


if __name__ == "__main__":
    main()
