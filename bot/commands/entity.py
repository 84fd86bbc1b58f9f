"""/lab NAME and /model NAME: what the notes say about one lab or model, and how open it is."""

from __future__ import annotations

from bot.charts import STATUS_SYMBOLS, MatrixChart, MatrixRow, matrix_alt, matrix_png, matrix_text
from bot.commands.cite import (
    THIN,
    citations,
    component_line,
    component_statuses,
    coverage_line,
    evidence_line,
    openness,
    verdict_line,
)
from bot.commands.registry import Context, command
from bot.commands.spec import CommandSpec, Param
from bot.contracts import EntityType, Invocation
from bot.extract.model import COMPONENTS, Component, SignalKind
from bot.reply import ComponentStatusLabel, Entity, Field, Reply, cite, code, slash
from bot.store import queries
from bot.store.components import ComponentRow, components, lab_components
from bot.store.fold import fold_picks
from bot.store.queries import ClaimRow, EntityName, StatsRow
from bot.text import plural

MAX_CLAIMS = 8
MAX_CITATIONS = 10
EVIDENCE_SHOWN = 2  # per side, in /lab and /model; /openness NAME shows more
MATRIX_MODELS = 8  # rows of /lab's component matrix: with a citation each, they fit one Discord field

# /lab's component matrix: one symbol per cell (the picture's own), one letter per column.
SYMBOLS: dict[ComponentStatusLabel, str] = STATUS_SYMBOLS
COLUMNS = {"weights": "W", "code": "C", "training data": "D", "licence": "L", "paper": "P", "access": "A"}
MATRIX_TITLE = "Components by model (" + ", ".join(f"{COLUMNS[c]} {c}" for c in COMPONENTS) + ")"
LEGEND = " ".join(f"{symbol} {status}" for status, symbol in SYMBOLS.items())


def resolve(ctx: Context, text: str, type_: EntityType | None) -> EntityName | Reply:
    """The lab/model `text` names, or a not_found Reply with suggestions (or a pointer to the other
    command when `text` names a model where a lab was asked, or the reverse)."""
    entity = ctx.names.resolve(text, type_)
    if entity is not None:
        return entity
    kind = type_ or "lab or model"
    other = ctx.names.resolve(text, None) if type_ is not None else None
    if other is not None and other.type == "model":
        lab = ctx.names.display("lab", other.lab_id or "")
        return Reply.not_found(
            f"{other.name} is a model, not a lab",
            f"{other.name} is made by {lab}. Try {slash('model')} {other.name} or {slash('lab')} {lab}.",
            suggestions=[lab],
        )
    if other is not None:
        return Reply.not_found(
            f"{other.name} is a lab, not a model",
            f"Try {slash('lab')} {other.name}.",
            suggestions=[other.name],
        )
    if not ctx.names.entities:
        return Reply.not_found(
            "The store holds no labs yet", f"Run {code('labnotes ingest')} to read the notes and the catalog."
        )
    # The close names go in `suggestions` alone: every renderer shows them ("Did you mean: Meta"), so
    # the text saying them too printed them twice.
    suggestions = ctx.names.suggest(text, type_)
    return Reply.not_found(
        f"No {kind} called “{text.strip()}”",
        f"Type {slash('labs')} to see the labs I know.",
        suggestions=suggestions,
    )


def evidence_fields(picks: dict[str, list[ClaimRow]], shown: int) -> list[Field]:
    fields = []
    # "pseudo open source" and licences with strings attached are neither side: shown on their own.
    sides: tuple[tuple[SignalKind, str], ...] = (
        ("open", "Evidence for openness"),
        ("closed", "Evidence against openness"),
        ("partial", "Partly open"),
    )
    for role, name in sides:
        rows = picks[role][:shown]
        if rows:
            fields.append(Field(name, "\n".join(evidence_line(r, role) for r in rows)))
    return fields


def evidence_rows(picks: dict[str, list[ClaimRow]], shown: int) -> list[ClaimRow]:
    """The evidence claims of every side, each claim once (one claim can be evidence on two sides)."""
    rows: list[ClaimRow] = []
    for role in ("open", "closed", "partial"):
        rows += [r for r in picks[role][:shown] if r.id not in {x.id for x in rows}]
    return rows


def cited_claims(picks: dict[str, list[ClaimRow]], shown_evidence: int) -> list[ClaimRow]:
    """Evidence first (it backs the verdict), then the informative claims, each claim once."""
    rows = evidence_rows(picks, shown_evidence)
    taken = {r.id for r in rows}
    extra = [r for r in picks["claim"] if r.id not in taken][:MAX_CLAIMS]
    return rows + extra


def _never_mentioned(
    entity: EntityName, models: list[str], stats: StatsRow | None, lab_name: str | None = None
) -> Reply:
    what = "lab" if entity.type == "lab" else "model"
    return Reply(
        "ok",
        entity.name,
        f"{entity.name} is a {what} I know, but the notes never mention it.",
        entity=Entity(
            entity.type,
            entity.id,
            entity.name,
            lab_name,
            tuple(models),
            openness(stats),
            component_statuses(None),
        ),
    )


def components_field(rows: dict[Component, ComponentRow]) -> Field | None:
    """/model's "Components": one line per component, its strongest claim cited; None when the notes say
    nothing about any."""
    if all(row.status == "not said" for row in rows.values()):
        return None
    return Field("Components", "\n".join(component_line(rows[c]) for c in COMPONENTS))


def matrix_field(ctx: Context, matrix: list[tuple[str, dict[Component, ComponentRow]]]) -> Field | None:
    """/lab's component matrix over its models (model × component, a symbol per cell), each row citing its
    strongest claim; models the notes give no component are left out. None when none has any."""
    lines = []
    for model_id, rows in matrix:
        said = [rows[c] for c in COMPONENTS if rows[c].claim is not None]
        if not said:
            continue
        cells = " ".join(SYMBOLS[rows[c].status] for c in COMPONENTS)
        claim = said[0].claim
        cited = f" {cite(claim.video_id, claim.seconds)}" if claim is not None else ""
        lines.append(f"{code(cells)} {ctx.names.display('model', model_id)}{cited}")
    if not lines:
        return None
    header = code(" ".join(COLUMNS[c] for c in COMPONENTS))
    return Field(MATRIX_TITLE, "\n".join([header, *lines[:MATRIX_MODELS], LEGEND]))


def licence_of(rows: dict[Component, ComponentRow]) -> str | None:
    """The licence row's name first; else one a claim about another component names ("the weights,
    under Apache 2.0")."""
    named = (rows[c].licence for c in ("licence", *COMPONENTS))
    return next((name for name in named if name), None)


def matrix_row(name: str, rows: dict[Component, ComponentRow]) -> MatrixRow:
    return MatrixRow(name, tuple(rows[c].status for c in COMPONENTS), licence_of(rows))


def lab_chart(
    ctx: Context, name: str, matrix: list[tuple[str, dict[Component, ComponentRow]]]
) -> MatrixChart:
    """/lab's matrix as the picture draws it: the field's models (those with a component said), more of
    them."""
    drawn = (matrix_row(ctx.names.display("model", m), rows) for m, rows in matrix)
    return MatrixChart(f"{name}: components by model", COMPONENTS, tuple(r for r in drawn if r.said))


async def matrix_picture(chart: MatrixChart) -> tuple[bytes | None, str, str]:
    """(PNG, alt text, text form) of the component matrix; no picture at all when the notes say nothing
    about any component of any row."""
    if not chart.said:
        return None, "", ""
    return await matrix_png(chart), matrix_alt(chart), matrix_text(chart)


@command(
    CommandSpec(
        "lab",
        "What the notes say about an AI lab: openness, models, cited claims",
        params=(Param("name", "lab name or alias, e.g. Meta", required=True, autocomplete="lab", rest=True),),
        usage="meta",
    )
)
async def lab(ctx: Context, inv: Invocation) -> Reply:
    entity = resolve(ctx, inv.args["name"], "lab")
    if isinstance(entity, Reply):
        return entity
    store = ctx.store
    stats = await queries.entity_stats(store, "lab", entity.id)
    models = await queries.discussed_models(store, entity.id)
    model_names = [ctx.names.display("model", m.entity_id) for m in models]
    if stats is None or (stats.claims == 0 and stats.signals == 0):
        return _never_mentioned(entity, model_names, stats)
    picks = fold_picks(await queries.picks(store, "lab", entity.id))
    others = await queries.co_mentions(store, entity.id)
    shown = [m.entity_id for m in models[: MATRIX_MODELS * 2]]
    own, of_model = await lab_components(store, entity.id, shown)
    matrix = [(m, of_model[m]) for m in shown]

    fields = []
    if entity.aliases:
        fields.append(Field("Also known as", ", ".join(entity.aliases)))
    fields.append(Field("Openness", verdict_line(stats)))
    fields += evidence_fields(picks, EVIDENCE_SHOWN)
    if models:
        lines = [
            f"{ctx.names.display('model', m.entity_id)}: {verdict_line(m)} ({plural(m.claims, 'claim')})"
            for m in models
        ]
        fields.append(Field("Models discussed", "\n".join(lines)))
    table = matrix_field(ctx, matrix)
    if table is not None:
        fields.append(table)
    image, image_alt, image_text = await matrix_picture(lab_chart(ctx, entity.name, matrix))
    fields.append(Field("Coverage", coverage_line(stats)))
    if others:
        fields.append(
            Field(
                "Discussed alongside",
                ", ".join(f"{ctx.names.display('lab', o)} ({plural(n, 'note')})" for o, n in others),
            )
        )
    return Reply(
        "ok",
        entity.name,
        f"{entity.name} is {openness_phrase(stats)}; {coverage_line(stats)}.",
        fields,
        citations(cited_claims(picks, EVIDENCE_SHOWN), MAX_CITATIONS),
        entity=Entity(
            "lab", entity.id, entity.name, None, tuple(model_names), openness(stats), component_statuses(own)
        ),
        image=image,
        image_alt=image_alt,
        image_text=image_text,
    )


@command(
    CommandSpec(
        "model",
        "What the notes say about an AI model: its lab, openness, cited claims",
        params=(
            Param("name", "model name or alias, e.g. Llama", required=True, autocomplete="model", rest=True),
        ),
        usage="grok 3",
    ),
    aliases=("models",),
)
async def model(ctx: Context, inv: Invocation) -> Reply:
    entity = resolve(ctx, inv.args["name"], "model")
    if isinstance(entity, Reply):
        return entity
    lab_name = ctx.names.display("lab", entity.lab_id) if entity.lab_id else None
    stats = await queries.entity_stats(ctx.store, "model", entity.id)
    if stats is None or (stats.claims == 0 and stats.signals == 0):
        return _never_mentioned(entity, [], stats, lab_name)
    picks = fold_picks(await queries.picks(ctx.store, "model", entity.id))
    own = await components(ctx.store, "model", entity.id)
    fields = []
    if lab_name:
        fields.append(Field("Lab", lab_name))
    if entity.aliases:
        fields.append(Field("Also known as", ", ".join(entity.aliases)))
    fields.append(Field("Openness", verdict_line(stats)))
    fields += evidence_fields(picks, EVIDENCE_SHOWN)
    table = components_field(own)
    if table is not None:
        fields.append(table)
    fields.append(Field("Coverage", coverage_line(stats)))
    by = f" by {lab_name}" if lab_name else ""
    return Reply(
        "ok",
        entity.name,
        f"{entity.name}{by} is {openness_phrase(stats)}; {coverage_line(stats)}.",
        fields,
        citations(cited_claims(picks, EVIDENCE_SHOWN), MAX_CITATIONS),
        entity=Entity(
            "model", entity.id, entity.name, lab_name, (), openness(stats), component_statuses(own)
        ),
    )


def openness_phrase(stats: StatsRow) -> str:
    if stats.signals == 0:
        return "of unknown openness (the notes say nothing either way)"
    if not stats.judged:
        return f"of unknown openness (the notes only report a plan to open it, in {plural(stats.planned, 'episode')})"
    thin = f"; {THIN}" if stats.thin else ""
    return (
        f"{stats.label} (evidence from {plural(stats.evidence_episodes, 'episode')} and "
        f"{plural(stats.evidence_channels, 'channel')}: {stats.open} open, {stats.closed} closed{thin})"
    )
