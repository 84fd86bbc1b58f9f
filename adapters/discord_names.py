"""Where each command sits on Discord.

Discord hides a command from members only as a whole top-level command (`default_member_permissions`),
never one subcommand. So a spec group that mixes moderator and everyone subcommands (`/digest`) is
split: its moderator subcommands go to a group of their own, `/digest-admin subscribe`, which only
members with Manage Server see (Server Settings → Integrations can add a moderator role). The core still
checks every moderator command when it runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.commands.spec import CommandSpec, Permission

ADMIN_SUFFIX = "-admin"


def _mixed_groups(specs: Sequence[CommandSpec]) -> set[str]:
    kinds: dict[str, set[bool]] = {}
    for spec in specs:
        if spec.group:
            kinds.setdefault(spec.group, set()).add(spec.permission is Permission.MODERATOR)
    return {group for group, seen in kinds.items() if len(seen) == 2}


def discord_group(spec: CommandSpec, specs: Sequence[CommandSpec]) -> str | None:
    """The top-level Discord command `spec` is a subcommand of (None: it is top-level itself)."""
    if spec.group and spec.permission is Permission.MODERATOR and spec.group in _mixed_groups(specs):
        return f"{spec.group}{ADMIN_SUFFIX}"
    return spec.group


def discord_path(path: str, specs: Sequence[CommandSpec]) -> str:
    """What a Discord user types (without the slash) for the core's command `path`: `digest subscribe`
    → `digest-admin subscribe`; a path that names no spec is returned as it is."""
    spec = next((s for s in specs if s.path == path), None)
    if spec is None:
        return path
    group = discord_group(spec, specs)
    return f"{group} {spec.name}" if group else spec.name
