"""/openness: the labs ranked from most open to most closed; /openness NAME: both sides for one."""

from __future__ import annotations

from bot.charts import OpennessBar, OpennessChart, openness_alt, openness_png, openness_text
from bot.commands.cite import THIN, citations, coverage_line, openness, verdict_line
from bot.commands.entity import evidence_fields, evidence_rows, resolve
from bot.commands.registry import Context, command
from bot.commands.spec import CommandSpec, Param
from bot.contracts import Invocation
from bot.reply import Entity, Field, Reply, slash
from bot.store import queries
from bot.store.fold import fold_picks
from bot.store.queries import StatsRow
from bot.text import plural

EVIDENCE_SHOWN = 4  # per side


@command(
    CommandSpec(
        "openness",
        "Labs ranked from most open to most closed, or the evidence on both sides for one lab or model",
        params=(
            Param("name", "a lab or model (leave empty for the ranking)", autocomplete="entity", rest=True),
        ),
        usage="xai",
    )
)
async def openness_command(ctx: Context, inv: Invocation) -> Reply:
    name = inv.args.get("name")
    if name:
        return await _one(ctx, name)
    rows = await queries.all_stats(ctx.store, "lab")
    if not rows:
        return Reply("ok", "Openness of AI labs", "The notes don't mention any lab yet.")
    fields = [
        Field(f"{rank}. {ctx.names.display('lab', r.entity_id)}", verdict_line(r))
        for rank, r in enumerate(rows, start=1)
    ]
    judged = sum(1 for r in rows if r.judged)
    chart = ranking_chart(ctx, rows)
    return Reply(
        "ok",
        "Openness of AI labs",
        f"Most open first, weighing how many episodes back each score; {plural(judged, 'lab')} with "
        f"evidence; those backed by a single episode ({THIN}) after the rest, unknown last. Scores run "
        f"from -1 (closed) to +1 (open). {slash('openness')} NAME shows the evidence.",
        fields,
        image=await openness_png(chart) if chart.bars else None,
        image_alt=openness_alt(chart),
        image_text=openness_text(chart),
    )


def ranking_chart(ctx: Context, rows: list[StatsRow]) -> OpennessChart:
    """The ranking as the chart draws it: the labs with evidence, in the ranking's order."""
    bars = tuple(
        OpennessBar(ctx.names.display("lab", r.entity_id), r.open, r.closed, r.partial, r.score, r.thin)
        for r in rows
        if r.judged
    )
    return OpennessChart(bars, unknown=len(rows) - len(bars))


async def _one(ctx: Context, name: str) -> Reply:
    entity = resolve(ctx, name, None)
    if isinstance(entity, Reply):
        return entity
    stats = await queries.entity_stats(ctx.store, entity.type, entity.id)
    picks = fold_picks(await queries.picks(ctx.store, entity.type, entity.id))
    lab_name = ctx.names.display("lab", entity.lab_id) if entity.lab_id else None
    models: tuple[str, ...] = ()
    if entity.type == "lab":
        models = tuple(
            ctx.names.display("model", m.entity_id)
            for m in await queries.discussed_models(ctx.store, entity.id)
        )
    fields = [Field("Verdict", verdict_line(stats))]
    fields += evidence_fields(picks, EVIDENCE_SHOWN)
    if stats is not None:
        fields.append(Field("Coverage", coverage_line(stats)))
    if stats is None or stats.signals == 0:
        text = f"The notes say nothing about whether {entity.name} is open or closed."
    else:
        text = f"Openness of {entity.name}: {stats.label}."
    rows = evidence_rows(picks, EVIDENCE_SHOWN)
    return Reply(
        "ok",
        f"Openness: {entity.name}",
        text,
        fields,
        citations(rows, 3 * EVIDENCE_SHOWN),
        entity=Entity(entity.type, entity.id, entity.name, lab_name, models, openness(stats)),
    )
