"""/digest (preview now) · /digest subscribe [HH:MM] [zone] · /digest unsubscribe · /digest list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.commands.cite import plural
from bot.commands.registry import Context, command
from bot.commands.spec import CommandSpec, Invocation, Param, Permission
from bot.digest import deliveries
from bot.digest.compose import compose_digest
from bot.digest.schedule import DailySchedule, ScheduleError, parse_local_time, parse_timezone
from bot.digest.subscriptions import get_subscription, lab_labels, subscribe, unsubscribe
from bot.moderation import audit
from bot.reply import Field, Reply

PREVIEW_WINDOW = timedelta(days=1)  # what a channel without a subscription previews


def _when(instant: datetime, schedule: DailySchedule) -> str:
    return f"{instant.astimezone(schedule.tz):%a %d %b %H:%M} {schedule.tz.key}"


@command(CommandSpec("preview", "Preview this channel's digest now", group="digest", default_in_group=True))
async def digest_preview(ctx: Context, inv: Invocation) -> Reply:
    now = datetime.now(UTC)
    sub = await get_subscription(ctx.store, inv.channel.platform, inv.channel.id)
    if sub is None:
        start, baseline, tz, after = now - PREVIEW_WINDOW, await lab_labels(ctx.store), None, 0
        note = "This channel has no digest subscription; this is the last 24 hours."
    else:
        start = await deliveries.last_period_end(ctx.store, sub.id) or sub.created_at
        baseline = await deliveries.baseline_labels(ctx.store, sub.id) or sub.labels
        tz, after = sub.schedule.tz, sub.not_news_up_to(start)
        note = f"Preview of the next digest (due {_when(sub.schedule.next_after(now), sub.schedule)})."
    # Stored times have whole seconds: end just after now so a note added this second is shown.
    digest = await compose_digest(
        ctx.store,
        start=start,
        end=now + timedelta(seconds=1),
        baseline_labels=baseline,
        max_notes=ctx.config.digest.max_notes,
        tz=tz,
        after_source=after,
    )
    reply = digest.reply
    reply.title = f"Preview · {reply.title}"
    reply.text = f"{note}\n{reply.text}"
    return reply


@command(
    CommandSpec(
        "subscribe",
        "Post the daily digest in this channel",
        params=(
            Param("time", "local time, 24-hour HH:MM (default from config)"),
            Param("timezone", "IANA time zone, e.g. Europe/Berlin (default from config)"),
        ),
        permission=Permission.MODERATOR,
        group="digest",
        usage="09:00 Europe/Berlin",
    )
)
async def digest_subscribe(ctx: Context, inv: Invocation) -> Reply:
    defaults = ctx.config.digest
    time_text = str(inv.args.get("time") or defaults.default_time)
    zone_text = str(inv.args.get("timezone") or defaults.default_timezone)
    try:
        at, tz = parse_local_time(time_text), parse_timezone(zone_text)
    except ScheduleError as exc:
        return Reply.error(
            "Invalid time or time zone", f"{exc}.\nUsage: /digest subscribe 09:00 Europe/Berlin"
        )
    schedule = DailySchedule(at, tz)
    now = datetime.now(UTC)

    async def log(conn: aiosqlite.Connection) -> None:
        detail = f"{inv.channel.platform}:{inv.channel.id} at {time_text} {tz.key}"
        await audit.record(conn, inv.actor, "digest.subscribe", at=now, detail=detail)

    sub, created = await subscribe(
        ctx.store,
        platform=inv.channel.platform,
        channel_id=inv.channel.id,
        workspace_id=inv.channel.workspace_id,
        schedule=schedule,
        timezone=tz.key,
        created_by=audit.who(inv.actor),
        now=now,
        also=log,
    )
    first = _when(schedule.next_after(now), schedule)
    if created:
        text = (
            f"This channel gets the digest {sub.describe}. The first one comes {first} "
            "and covers notes added from now on."
        )
        return Reply("ok", "Digest subscribed", text)
    return Reply(
        "ok", "Digest time changed", f"This channel now gets the digest {sub.describe}. Next: {first}."
    )


@command(
    CommandSpec(
        "unsubscribe",
        "Stop posting the daily digest in this channel",
        permission=Permission.MODERATOR,
        group="digest",
    )
)
async def digest_unsubscribe(ctx: Context, inv: Invocation) -> Reply:
    now = datetime.now(UTC)

    async def log(conn: aiosqlite.Connection) -> None:
        detail = f"{inv.channel.platform}:{inv.channel.id}"
        await audit.record(conn, inv.actor, "digest.unsubscribe", at=now, detail=detail)

    removed = await unsubscribe(ctx.store, inv.channel.platform, inv.channel.id, also=log)
    if removed is None:
        return Reply.not_found("No digest here", "This channel has no digest subscription.")
    return Reply("ok", "Digest unsubscribed", f"No more digests here (it was {removed.describe}).")


@command(CommandSpec("list", "This channel's digest subscription and its last posts", group="digest"))
async def digest_list(ctx: Context, inv: Invocation) -> Reply:
    sub = await get_subscription(ctx.store, inv.channel.platform, inv.channel.id)
    if sub is None:
        return Reply.not_found(
            "No digest here",
            "This channel has no digest subscription; a moderator can add one with "
            "/digest subscribe 09:00 Europe/Berlin.",
        )
    schedule = sub.schedule
    now = datetime.now(UTC)
    history = await deliveries.delivery_history(ctx.store, sub.id)
    lines = []
    for d in history:
        outcome = {
            "sent": "posted",
            "skipped": "quiet, skipped",
            "sending": "being posted",
            "failed": "failed",
        }
        extra = f": {d.error}" if d.state == "failed" and d.error else ""
        notes = f", {plural(d.note_count, 'note')}" if d.state == "sent" else ""
        lines.append(f"• up to {_when(d.period_end, schedule)}: {outcome[d.state]}{notes}{extra}")
    fields = [
        Field("Schedule", sub.describe, inline=True),
        Field("Next", _when(schedule.next_after(now), schedule), inline=True),
        Field("Subscribed by", sub.created_by or "unknown", inline=True),
    ]
    if lines:
        fields.append(Field("Last digests", "\n".join(lines)))
    return Reply(
        "ok", "Digest for this channel", f"Subscribed since {_when(sub.created_at, schedule)}.", fields
    )
