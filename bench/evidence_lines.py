"""The evidence lines `/lab NAME` and `/model NAME` show under their verdicts (issue 10), measured.

    labnotes ingest --quiet --db /tmp/e1/vault.db ../shared/vault
    python bench/evidence_lines.py --db /tmp/e1/vault.db                     # same claim on two sides
    python bench/evidence_lines.py --db /tmp/e1/vault.db --draw /tmp/e1/draw.jsonl   # lines to judge
    python bench/evidence_lines.py --db /tmp/e1/vault.db --score tests/gold/evidence_dev_1.yaml

Asks the real Engine about the TOP most-mentioned labs and models (entity_stats.notes), reads the
"Evidence for openness" / "Evidence against openness" / "Partly open" fields of each answer and ties each
line to the citation (hence the note) it shows. Counts, over all channels, the answers that show one claim
on two sides. `--draw` writes DRAW lines of the development channels only (a test-channel line is dropped
by its note's channel before its text is written anywhere), spread over the entities, seeded. `--score`
rates the judged lines: those of the yaml, and those of the answers now that the yaml judges.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import sqlite3
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Config  # noqa: E402
from bot.contracts import Actor, Channel  # noqa: E402
from bot.reply import Reply  # noqa: E402
from bot.text import ELLIPSIS  # noqa: E402
from tests.gold.draw import TEST_CHANNELS  # noqa: E402

TOP = 45
DRAW = 120
SEED = 20261130
SIDES = {"Evidence for openness": "open", "Evidence against openness": "closed", "Partly open": "partial"}


@dataclass(frozen=True)
class Line:
    entity: str  # "lab:openai"
    side: str
    file: str  # under ../shared/vault
    t: str | None
    text: str  # the claim, whole


def top_entities(db: Path, top: int) -> list[tuple[str, str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT entity_type, entity_id FROM entity_stats ORDER BY notes DESC, claims DESC, entity_id LIMIT ?",
        (top,),
    ).fetchall()
    return [(t, i) for t, i in rows]


def note_of(conn: sqlite3.Connection, video_id: str, seconds: int | None, text: str) -> str:
    """The note (channel/slug.md) holding the cited claim: one video can have several notes."""
    row = conn.execute(
        "SELECT n.channel, n.slug FROM claims c JOIN notes n ON n.id = c.note_id"
        " WHERE n.video_id = ? AND c.seconds IS ? AND c.text = ? LIMIT 1",
        (video_id, seconds, text),
    ).fetchone()
    return f"{row[0]}/{row[1]}.md" if row else "?"  # not found: the caller keeps the channel


def hms(seconds: int | None) -> str | None:
    return None if seconds is None else f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def lines_of(reply: Reply, entity: str, conn: sqlite3.Connection) -> list[Line]:
    """Each evidence line of the answer, tied to the citation whose claim it shows."""
    out = []
    for field in reply.fields:
        side = SIDES.get(field.name)
        if side is None:
            continue
        for shown in field.value.splitlines():
            body = shown.split("] ", 1)[1]
            piece = max(body.split(ELLIPSIS), key=len).strip()
            cited = next(c for c in reply.citations if piece in " ".join(c.text.split()))
            file = note_of(conn, cited.video_id, cited.seconds, cited.text)
            file = f"{cited.channel}/?" if file == "?" else file
            out.append(Line(entity, side, file, hms(cited.seconds), cited.text))
    return out


async def collect(db: Path, top: int) -> dict[str, list[Line]]:
    from bot.commands.engine import Engine

    engine = await Engine.open(replace(Config(), db_path=db))
    actor, channel = Actor("console", "bench", "bench"), Channel("console", "bench")
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    answers: dict[str, list[Line]] = {}
    try:
        for type_, id_ in top_entities(db, top):
            reply = await engine.ask(f"/{type_} {engine.names.display(type_, id_)}", actor, channel)
            answers[f"{type_}:{id_}"] = lines_of(reply, f"{type_}:{id_}", conn)
    finally:
        await engine.close()
    return answers


def both_sides(answers: dict[str, list[Line]]) -> list[str]:
    """Entities whose answer shows one claim (note, time, text) on two sides."""
    out = []
    for entity, lines in answers.items():
        sides = defaultdict(set)
        for line in lines:
            sides[(line.file, line.t, line.text)].add(line.side)
        if any(len(s) > 1 for s in sides.values()):
            out.append(entity)
    return out


def dev_lines(answers: dict[str, list[Line]]) -> list[Line]:
    """Lines of the development channels (by the note's channel, the citation's when the note isn't found)."""
    lines = [x for v in answers.values() for x in v]
    return [x for x in lines if x.file.split("/")[0] not in TEST_CHANNELS]


def draw(lines: list[Line], n: int, seed: int) -> list[Line]:
    """n lines, one entity at a time in turn (entities shuffled, lines shuffled within each)."""
    rng = random.Random(seed)
    by_entity: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        by_entity[line.entity].append(line)
    order = sorted(by_entity)
    rng.shuffle(order)
    for entity in order:
        rng.shuffle(by_entity[entity])
    out: list[Line] = []
    while len(out) < n and any(by_entity[e] for e in order):
        out += [by_entity[e].pop() for e in order if by_entity[e]][: n - len(out)]
    return out


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p = k / n
    mid = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, mid - half), min(1.0, mid + half)


def rate(label: str, k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{label}: {k}/{n} mis-extracted = {k / max(n, 1):.1%} (95 % Wilson {lo:.1%}–{hi:.1%})"


def score(gold_path: Path, answers: dict[str, list[Line]]) -> None:
    gold: list[dict[str, Any]] = yaml.safe_load(gold_path.read_text())
    wrong = [g for g in gold if not g["correct"]]
    print(rate("judged lines", len(wrong), len(gold)))
    strict = [g for g in gold if not g["correct"] or g.get("framework")]
    print(rate("  counting ML-framework lines (CUDA, TensorFlow) as wrong", len(strict), len(gold)))
    classes: dict[str, int] = defaultdict(int)
    for g in wrong:
        classes[g.get("class", "?")] += 1
    for name, count in sorted(classes.items(), key=lambda x: -x[1]):
        print(f"  {count:3d}  {name}")
    now = dev_lines(answers)
    judged = [
        g
        for line in now
        for g in gold
        if (g["entity"], g["side"], g["file"], g["t"]) == (line.entity, line.side, line.file, line.t)
        and g["contains"] in " ".join(line.text.split())
    ]
    print(rate("lines shown now that the yaml judges", sum(not g["correct"] for g in judged), len(judged)))
    print(f"  dev lines shown now: {len(now)}, not judged: {len(now) - len(judged)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--top", type=int, default=TOP)
    ap.add_argument("--draw", type=Path, help="write DRAW development-channel lines to judge (jsonl)")
    ap.add_argument("--score", type=Path, help="a judged yaml (tests/gold/evidence_dev_1.yaml)")
    args = ap.parse_args()
    answers = asyncio.run(collect(args.db, args.top))
    shown = sum(len(v) for v in answers.values())
    doubled = both_sides(answers)
    print(
        f"{len(answers)} answers, {shown} evidence lines ({len(dev_lines(answers))} from development channels)"
    )
    print(f"answers showing one claim on two sides: {len(doubled)} of {len(answers)} {doubled}")
    if args.draw:
        with args.draw.open("w") as out:
            for line in draw(dev_lines(answers), DRAW, SEED):
                out.write(json.dumps(asdict(line)) + "\n")
        print(f"drew {DRAW} lines into {args.draw}")
    if args.score:
        score(args.score, answers)


if __name__ == "__main__":
    main()
