"""/labs: every lab the notes mention, with how much they say about it."""

from __future__ import annotations

from bot.commands.registry import Context, command
from bot.commands.spec import CommandSpec
from bot.contracts import Invocation
from bot.reply import Field, Reply
from bot.store import queries
from bot.text import plural


@command(CommandSpec("labs", "Every lab the notes mention, with counts"))
async def labs(ctx: Context, inv: Invocation) -> Reply:
    rows = [r for r in await queries.all_stats(ctx.store, "lab") if r.claims > 0]
    if not rows:
        return Reply("ok", "Labs", "The notes don't mention any lab yet.")
    rows.sort(key=lambda r: (-r.claims, ctx.names.display("lab", r.entity_id).lower()))
    fields = [
        Field(
            ctx.names.display("lab", r.entity_id),
            f"{plural(r.claims, 'claim')} in {plural(r.notes, 'note')} "
            f"({plural(r.episodes, 'episode')}, {plural(r.channels, 'channel')}) · {r.label}",
        )
        for r in rows
    ]
    return Reply("ok", "Labs in the notes", f"{plural(len(rows), 'lab')}, most discussed first.", fields)
