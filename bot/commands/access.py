"""Who may run a command: the one moderator check, used by the engine and by any adapter that must refuse
before it does platform work for a command (Slack looks a user up and downloads a file first)."""

from __future__ import annotations

from bot.commands.spec import CommandSpec, Permission
from bot.contracts import Actor
from bot.reply import Reply, slash


def authorize(actor: Actor, spec: CommandSpec) -> Reply | None:
    """None when `actor` may run `spec`; otherwise the refusal, in the same words on every platform."""
    if spec.permission == Permission.MODERATOR and not actor.is_moderator:
        return Reply.forbidden(f"{slash(spec.path)} is for moderators only.")
    return None
