"""/compare A B [C]: two or three labs or models side by side.

Any mix is allowed: lab with lab, model with model, and a lab with a model (Meta and Mistral's Mixtral;
also a lab with its own model, where the text says the lab's verdict counts the model's evidence). Each
one shows its verdict with the episodes and channels behind it and its strongest cited evidence on each
side; one table holds their components in /lab's symbols; and, for every pair, the claims that name both
(bot.store.joint), cited and spread across episodes.

Names are read as /lab and /model read them (bot.commands.entity `resolve`, the names index). Free text
(console, Slack) splits on spaces before this sees it, so the words are joined again and read longest
name first, the catalog's own rule: `/compare meta deepseek r1` is Meta and DeepSeek-R1. `vs`, `and` or a
comma separate names where that reading is not the one meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from bot.charts import MatrixChart
from bot.commands.cite import citations, verdict_line
from bot.commands.entity import COLUMNS, LEGEND, SYMBOLS, licence_of, matrix_picture, matrix_row, resolve
from bot.commands.registry import Context, command
from bot.commands.spec import CommandSpec, Param
from bot.contracts import Invocation
from bot.extract.model import COMPONENTS, Component
from bot.reply import Field, Reply, cite, code, slash
from bot.store import queries
from bot.store.components import ComponentRow, components
from bot.store.fold import fold, fold_picks
from bot.store.joint import JointClaims, joint_claims
from bot.store.queries import ClaimRow, EntityName, StatsRow
from bot.text import plural, shorten

MIN_SIDES, MAX_SIDES = 2, 3
MAX_NAME_WORDS = 6  # the longest catalog name has fewer words; longer spans cannot name anything
SEPARATORS = frozenset({"vs", "vs.", "v.", "versus", "and", "&", ","})
# A cited line quotes its claim this far, and a pair shows this many joint claims: sized so a three-way
# compare of busy labs fits Discord's fields (they get half of the embed's 6,000 characters).
QUOTE = 60
JOINT_SHOWN = {2: 4, 3: 2}  # per pair, by how many are compared
MAX_CITATIONS = 12
SIDES = (("open", "open"), ("closed", "closed"), ("partial", "partly"))  # (pick role, label)
TABLE_TITLE = "Components (" + ", ".join(f"{COLUMNS[c]} {c}" for c in COMPONENTS) + ")"


@dataclass(frozen=True, slots=True)
class Side:
    entity: EntityName
    stats: StatsRow | None
    picks: dict[str, list[ClaimRow]]
    components: dict[Component, ComponentRow]

    @property
    def mentioned(self) -> bool:
        return self.stats is not None and (self.stats.claims > 0 or self.stats.signals > 0)


@command(
    CommandSpec(
        "compare",
        "Two or three labs or models side by side: openness, components, evidence, claims naming both",
        params=(
            Param("first", "a lab or model, e.g. Meta", required=True, autocomplete="entity"),
            Param("second", "another lab or model, e.g. OpenAI", required=True, autocomplete="entity"),
            Param("third", "optionally a third, e.g. Mistral AI", autocomplete="entity", rest=True),
        ),
        usage="meta openai",
    )
)
async def compare(ctx: Context, inv: Invocation) -> Reply:
    given = [str(inv.args[p]) for p in ("first", "second", "third") if p in inv.args]
    entities = read_names(ctx, given)
    if isinstance(entities, Reply):
        return entities
    sides = [await _side(ctx, e) for e in entities]
    pairs = [(a, b, await joint(ctx, a, b, JOINT_SHOWN[len(sides)])) for a, b in combinations(sides, 2)]

    fields = [component_table(sides)]
    fields += [side_field(ctx, s) for s in sides]
    fields += [pair_field(a, b, j) for a, b, j in pairs]
    cited = [r for s in sides for _, r in evidence(s)] + [r for _, _, j in pairs for r in j.rows]
    title = " vs ".join(s.entity.name for s in sides)
    chart = MatrixChart(
        f"Components: {title}", COMPONENTS, tuple(matrix_row(s.entity.name, s.components) for s in sides)
    )
    image, image_alt, image_text = await matrix_picture(chart)
    return Reply(
        "ok",
        title,
        "\n".join([summary(sides), *relations(ctx, sides)]),
        fields,
        citations(cited, MAX_CITATIONS),
        image=image,
        image_alt=image_alt,
        image_text=image_text,
    )


def read_names(ctx: Context, given: list[str]) -> list[EntityName] | Reply:
    """The two or three entities the arguments name, or a Reply saying what is wrong with them."""
    parts = _read_words(ctx, given)
    entities = [e for _, e in parts if e is not None]
    if len(parts) != len(entities) or not MIN_SIDES <= len(entities) <= MAX_SIDES:
        # Read longest-first, the words make no comparison; when each argument names an entity on its own
        # (Discord's separate options: "DeepSeek", "R1"), the arguments stand as given.
        one_by_one = [ctx.names.resolve(text) for text in given]
        if all(one_by_one):
            parts = list(zip(given, one_by_one, strict=True))
    for text, entity in parts:
        if entity is None:
            found = resolve(ctx, text, None)  # "No lab or model called …" with "did you mean"
            if isinstance(found, Reply):
                return found
    named = [(text.strip(), e) for text, e in parts if e is not None]
    if len(named) < MIN_SIDES:
        read = f"I read only {named[0][1].name}." if named else "I read no name."
        return Reply.error("Name two or three to compare", f"{read} Example: {slash('compare')} meta openai")
    if len(named) > MAX_SIDES:
        return Reply.error(
            "Too many to compare",
            f"{slash('compare')} takes two or three labs or models; I read {len(named)}: "
            f"{', '.join(e.name for _, e in named)}.",
        )
    seen: dict[tuple[str, str], str] = {}
    for text, entity in named:
        key = (entity.type, entity.id)
        if key in seen:
            again = (
                f"{code(seen[key])} and {code(text)} both name {entity.name}"
                if seen[key].lower() != text.lower()
                else f"{code(text)} is there twice"
            )
            return Reply.error(
                f"{entity.name} named twice",
                f"{again}; name two or three different labs or models.",
            )
        seen[key] = text
    return [e for _, e in named]


def _read_words(ctx: Context, given: list[str]) -> list[tuple[str, EntityName | None]]:
    """(words, entity or None) in order: each stretch between separators read longest name first, with a
    run of words that names nothing kept as one unknown name."""
    words = re.sub(r"[,;]", " , ", " ".join(given)).split()
    segments: list[list[str]] = [[]]
    for word in words:
        if word.lower() in SEPARATORS:
            segments.append([])
        else:
            segments[-1].append(word)
    out: list[tuple[str, EntityName | None]] = []
    for segment in segments:
        unknown: list[str] = []
        i = 0
        while i < len(segment):
            for n in range(min(MAX_NAME_WORDS, len(segment) - i), 0, -1):
                entity = ctx.names.resolve(" ".join(segment[i : i + n]))
                if entity is not None:
                    break
            if entity is None:
                unknown.append(segment[i])
                i += 1
                continue
            if unknown:
                out.append((" ".join(unknown), None))
                unknown = []
            out.append((" ".join(segment[i : i + n]), entity))
            i += n
        if unknown:
            out.append((" ".join(unknown), None))
    return out


async def _side(ctx: Context, entity: EntityName) -> Side:
    stats = await queries.entity_stats(ctx.store, entity.type, entity.id)
    picks = fold_picks(await queries.picks(ctx.store, entity.type, entity.id))
    return Side(entity, stats, picks, await components(ctx.store, entity.type, entity.id))


async def joint(ctx: Context, a: Side, b: Side, shown: int) -> JointClaims:
    """The claims naming both, `shown` of them, each statement once (three times as many are read so
    that folding near-identical ones still leaves enough)."""
    found = await joint_claims(
        ctx.store, (a.entity.type, a.entity.id), (b.entity.type, b.entity.id), shown * 3
    )
    return JointClaims(fold(found.rows)[:shown], found.claims, found.episodes)


def evidence(side: Side) -> list[tuple[str, ClaimRow]]:
    """(label, claim): the strongest claim on each side (open, closed, partly), each claim once."""
    out: list[tuple[str, ClaimRow]] = []
    for role, label in SIDES:
        best = next((r for r in side.picks[role] if r.id not in {x.id for _, x in out}), None)
        if best is not None:
            out.append((label, best))
    return out


def cited_line(label: str, row: ClaimRow) -> str:
    return f"{label}: {cite(row.video_id, row.seconds)} {shorten(row.text, QUOTE)}"


def side_field(ctx: Context, side: Side) -> Field:
    """`Meta · lab`: its verdict and backing, then its strongest evidence on each side, cited."""
    entity = side.entity
    kind = "lab"
    if entity.type == "model":
        kind = f"model by {ctx.names.display('lab', entity.lab_id)}" if entity.lab_id else "model"
    if not side.mentioned:
        return Field(f"{entity.name} · {kind}", "The notes never mention it.")
    lines = [verdict_line(side.stats), *(cited_line(label, row) for label, row in evidence(side))]
    return Field(f"{entity.name} · {kind}", "\n".join(lines))


def component_table(sides: list[Side]) -> Field:
    """One row per entity: its six component symbols (as /lab's matrix), the licence by name and the
    claim behind its first stated component, cited; then the legend."""
    lines = [code(" ".join(COLUMNS[c] for c in COMPONENTS))]
    for side in sides:
        rows = side.components
        cells = " ".join(SYMBOLS[rows[c].status] for c in COMPONENTS)
        line = f"{code(cells)} {side.entity.name}"
        licence = licence_of(rows)
        if licence:
            line += f" · {licence}"
        said = next((rows[c].claim for c in COMPONENTS if rows[c].claim is not None), None)
        if said is not None:
            line += f" {cite(said.video_id, said.seconds)}"
        lines.append(line)
    lines.append(LEGEND)
    return Field(TABLE_TITLE, "\n".join(lines))


def pair_field(a: Side, b: Side, found: JointClaims) -> Field:
    name = f"{a.entity.name} and {b.entity.name} in one claim"
    if not found.rows:
        return Field(name, "No claim in the notes names both.")
    head = f"{plural(found.claims, 'claim')} in {plural(found.episodes, 'episode')}:"
    lines = [f"{cite(r.video_id, r.seconds)} {shorten(r.text, QUOTE)}" for r in found.rows]
    return Field(f"{name} ({head.rstrip(':')})", "\n".join(lines))


def summary(sides: list[Side]) -> str:
    """`Meta is mostly open; OpenAI is mostly closed; …` (thin evidence and silence said as such)."""
    parts = []
    for side in sides:
        stats = side.stats
        if not side.mentioned:
            parts.append(f"the notes never mention {side.entity.name}")
        elif stats is None or stats.signals == 0:
            parts.append(f"{side.entity.name} is of unknown openness")
        elif not stats.judged:
            parts.append(f"{side.entity.name} is of unknown openness (only planned to be opened)")
        else:
            thin = " (thin evidence)" if stats.thin else ""
            parts.append(f"{side.entity.name} is {stats.label}{thin}")
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def relations(ctx: Context, sides: list[Side]) -> list[str]:
    """A line for each model compared with its own lab: the lab's verdict already counts its evidence."""
    labs = {s.entity.id for s in sides if s.entity.type == "lab"}
    return [
        f"{s.entity.name} is {ctx.names.display('lab', s.entity.lab_id)}'s model: "
        f"{ctx.names.display('lab', s.entity.lab_id)}'s verdict counts {s.entity.name}'s evidence too."
        for s in sides
        if s.entity.type == "model" and s.entity.lab_id in labs
    ]
