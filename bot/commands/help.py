"""/help: generated from the registered specs, so commands added later appear without editing this.

Every command is named through a command span, so each platform shows the names its users type (on Slack,
`/labnotes-search`). Only the asker sees the answer (bot.reply `PRIVATE_ANSWERS`)."""

from __future__ import annotations

from bot.commands.arguments import usage
from bot.commands.registry import Context, command
from bot.commands.spec import CommandSpec, Param, Permission
from bot.contracts import Invocation
from bot.reply import Field, Reply, slash

# The questions people ask most come first; any other command follows in alphabetical order.
_ORDER = ("lab", "model", "openness", "search", "episode", "labs", "help")


def _sort_key(spec: CommandSpec) -> tuple[int, str]:
    top = spec.group or spec.name
    rank = _ORDER.index(top) if top in _ORDER else len(_ORDER)
    return rank, spec.path


@command(
    CommandSpec(
        "help",
        "List the commands, or explain one",
        params=(Param("command", "a command to explain, e.g. lab", rest=True),),
        usage="lab",
    ),
    aliases=("commands", "?"),
)
async def help_command(ctx: Context, inv: Invocation) -> Reply:
    wanted = str(inv.args.get("command", "")).strip().lstrip("/").lower()
    specs = sorted(ctx.registry.specs, key=_sort_key)
    if wanted:
        specs = [s for s in specs if s.path == wanted or (s.group or "") == wanted]
        if not specs:
            found = ctx.registry.find(wanted)
            specs = [found.spec] if found else []
        if not specs:
            return Reply.not_found(
                f"No command /{wanted}",  # as typed: not one of ours, so not a command span
                f"Type {slash('help')} for the list of commands.",
            )
    fields = []
    for spec in specs:
        lines = [spec.description + (" (moderators only)" if spec.permission == Permission.MODERATOR else "")]
        if spec.usage:
            lines.append(f"e.g. {slash(spec.path)} {spec.usage}")
        if wanted:
            lines += [f"{p.name}: {p.description}" for p in spec.params]
        fields.append(Field(usage(spec), "\n".join(lines)))
    text = (
        "Ask about AI labs, their models and how open they are; every answer cites the episode "
        "notes down to the second."
        if not wanted
        else ""
    )
    if not wanted:
        title = "Commands"
    elif len(specs) == 1:
        title = slash(specs[0].path)
    else:
        title = slash(specs[0].group or specs[0].path)
        text = f"{len(specs)} subcommands."
    return Reply("ok", title, text, fields)
