"""/digest [all] (preview now) · /digest subscribe [HH:MM] [zone] [labs:…] [channels:…] ·
/digest unsubscribe · /digest list."""

from __future__ import annotations

import difflib
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.commands.registry import Context, command
from bot.commands.spec import CommandSpec, Param, Permission
from bot.contracts import Invocation
from bot.digest import deliveries
from bot.digest.compose import compose_digest
from bot.digest.schedule import DailySchedule, ScheduleError, parse_local_time, parse_timezone
from bot.digest.subscriptions import Focus, get_subscription, subscribe, unsubscribe
from bot.digest.verdicts import verdict_labels
from bot.moderation import audit
from bot.reply import Field, Reply, slash
from bot.store import queries
from bot.text import plural

PREVIEW_WINDOW = timedelta(days=1)  # what a channel without a subscription previews
EVERYTHING = ("all", "any", "everything")  # `labs:all` drops a focus on labs
SUBSCRIBE_USAGE = f"Usage: {slash('digest subscribe')} 09:00 Europe/Berlin labs:meta,openai channels:bankless"


def _when(instant: datetime, schedule: DailySchedule) -> str:
    return f"{instant.astimezone(schedule.tz):%a %d %b %H:%M} {schedule.tz.key}"


@command(
    CommandSpec(
        "preview",
        "Preview this channel's digest now",
        # `rest`: a mistyped subcommand with its arguments (`/digest subscrbe 09:00`) lands here whole.
        params=(Param("scope", "all: every new episode, not only those about labs and models", rest=True),),
        group="digest",
        default_in_group=True,
        usage="all",
    )
)
async def digest_preview(ctx: Context, inv: Invocation) -> Reply:
    scope = str(inv.args.get("scope") or "").strip()
    if scope and scope.lower() != "all":
        return _not_a_scope(ctx, scope.split()[0])
    now = datetime.now(UTC)
    sub = await get_subscription(ctx.store, inv.channel.platform, inv.channel.id)
    if sub is None:
        start, baseline, tz, after = now - PREVIEW_WINDOW, await verdict_labels(ctx.store), None, 0
        focus = Focus()
        note = "This channel has no digest subscription; this is the last 24 hours."
    else:
        start = await deliveries.last_period_end(ctx.store, sub.id) or sub.created_at
        baseline = await deliveries.baseline_labels(ctx.store, sub.id) or sub.labels
        tz, after, focus = sub.schedule.tz, sub.not_news_up_to(start), sub.focus
        note = f"Preview of the next digest (due {_when(sub.schedule.next_after(now), sub.schedule)})."
    # Stored times have whole seconds: end just after now so a note added this second is shown.
    digest = await compose_digest(
        ctx.store,
        start=start,
        end=now + timedelta(seconds=1),
        baseline_labels=baseline,
        config=ctx.config.digest,
        tz=tz,
        after_source=after,
        focus=focus,
        show_all=bool(scope),
    )
    reply = digest.reply
    reply.title = f"Preview · {reply.title}"
    reply.text = f"{note}\n{reply.text}"
    return reply


def _not_a_scope(ctx: Context, typed: str) -> Reply:
    """`/digest subscrbe` reaches the preview (it takes a word): point at the subcommand meant."""
    subs = [c.spec.name for c in ctx.registry.group_members("digest")]
    close = difflib.get_close_matches(typed.lower(), subs, n=1, cutoff=0.5)
    # A close subcommand goes in `suggestions` alone (every renderer shows them): not twice.
    hint = "" if close else f" {slash('digest')} takes one of: {', '.join(subs)}."
    return Reply.error(
        f"{slash('digest preview')} has no option “{typed}”",
        f"{slash('digest preview')} all lists every new episode.{hint}",
        suggestions=[slash(f"digest {close[0]}")] if close else [],
    )


# -- focus ------------------------------------------------------------------------------------------


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def _labs(ctx: Context, text: str) -> tuple[str, ...] | Reply:
    """Lab ids for `labs:meta,openai`, resolved like /lab's names, or a reply saying which is unknown."""
    if text.strip().lower() in EVERYTHING:
        return ()
    ids: list[str] = []
    for name in _names(text):
        lab = ctx.names.resolve(name, "lab")
        if lab is not None:
            ids.append(lab.id)
            continue
        model = ctx.names.resolve(name, "model")
        if model is not None and model.lab_id:
            maker = ctx.names.get("lab", model.lab_id)
            lab_id = maker.id if maker else model.lab_id
            return Reply.error(
                f"{model.name} is a model, not a lab",
                f"labs: takes labs; {model.name} is made by {ctx.names.display('lab', lab_id)}: "
                f"labs:{lab_id} follows it and its models.",
                suggestions=[ctx.names.display("lab", lab_id)],
            )
        # Close names go in `suggestions` alone: every renderer shows them, so not in the text too.
        suggestions = ctx.names.suggest(name, "lab")
        hint = f"Type {slash('labs')} to see the labs I know."
        return Reply.not_found(f"No lab called “{name}”", hint, suggestions=suggestions)
    return tuple(dict.fromkeys(ids))


async def _channels(ctx: Context, text: str) -> tuple[str, ...] | Reply:
    """Podcast channels for `channels:bankless,…` as the notes spell them, or which one is unknown."""
    if text.strip().lower() in EVERYTHING:
        return ()
    known = await queries.channels(ctx.store)
    by_lower = {c.lower(): c for c in known}
    out: list[str] = []
    for name in _names(text):
        channel = by_lower.get(name.lower().lstrip("#@"))
        if channel is not None:
            out.append(channel)
            continue
        close = [
            by_lower[c] for c in difflib.get_close_matches(name.lower(), list(by_lower), n=3, cutoff=0.6)
        ]
        lab = ctx.names.resolve(name, "lab")
        if lab is not None:  # `labs:meta, openai`: the space made "openai" the next argument
            hint = f"{lab.name} is a lab: list labs without spaces, e.g. labs:meta,{lab.id}."
        elif close:
            hint = ""  # the close names are the suggestions, which every renderer shows
        elif known:
            shown = ", ".join(known[:12]) + (f" and {len(known) - 12} more" if len(known) > 12 else "")
            hint = f"Channels in the notes: {shown}."
        else:
            hint = "The notes name no channel yet."
        return Reply.not_found(f"No podcast channel called “{name}”", hint, suggestions=close)
    return tuple(dict.fromkeys(out))


def describe_focus(ctx: Context, focus: Focus) -> str:
    """`Meta, OpenAI from bankless`, or `everything`."""
    if focus.everything:
        return "everything"
    labs = ", ".join(ctx.names.display("lab", lab) for lab in focus.labs)
    channels = ", ".join(focus.channels)
    if labs and channels:
        return f"{labs} from {channels}"
    return labs or f"everything from {channels}"


@command(
    CommandSpec(
        "subscribe",
        "Post the daily digest in this channel, optionally only about some labs or podcast channels",
        params=(
            Param("time", "local time, 24-hour HH:MM (default from config)"),
            Param("timezone", "IANA time zone, e.g. Europe/Berlin (default from config)"),
            Param("labs", "only these labs, comma-separated, e.g. meta,openai (all: every lab)"),
            Param("channels", "only these podcast channels, comma-separated (all: every channel)"),
        ),
        permission=Permission.MODERATOR,
        group="digest",
        usage="09:00 Europe/Berlin labs:meta,openai",
    )
)
async def digest_subscribe(ctx: Context, inv: Invocation) -> Reply:
    defaults = ctx.config.digest
    existing = await get_subscription(ctx.store, inv.channel.platform, inv.channel.id)
    # Changing only the focus keeps the time the channel already has.
    time_text = str(inv.args.get("time") or (existing.local_time if existing else defaults.default_time))
    zone_text = str(
        inv.args.get("timezone") or (existing.timezone if existing else defaults.default_timezone)
    )
    try:
        at, tz = parse_local_time(time_text), parse_timezone(zone_text)
    except ScheduleError as exc:
        return Reply.error("Invalid time or time zone", f"{exc}.\n{SUBSCRIBE_USAGE}")
    focus = None  # unchanged
    if inv.args.get("labs") is not None or inv.args.get("channels") is not None:
        kept = existing.focus if existing else Focus()
        labs = kept.labs if inv.args.get("labs") is None else _labs(ctx, str(inv.args["labs"]))
        if isinstance(labs, Reply):
            return labs
        channels = (
            kept.channels
            if inv.args.get("channels") is None
            else await _channels(ctx, str(inv.args["channels"]))
        )
        if isinstance(channels, Reply):
            return channels
        focus = Focus(labs, channels)
    schedule = DailySchedule(at, tz)
    now = datetime.now(UTC)

    async def log(conn: aiosqlite.Connection) -> None:
        detail = f"{inv.channel.platform}:{inv.channel.id} at {time_text} {tz.key}"
        if focus is not None:
            detail += f" following {','.join(focus.labs) or 'all labs'}"
            detail += f" from {','.join(focus.channels) or 'all channels'}"
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
        focus=focus,
        also=log,
    )
    first = _when(schedule.next_after(now), schedule)
    following = "" if sub.focus.everything else f", following {describe_focus(ctx, sub.focus)}"
    if created:
        text = (
            f"This channel gets the digest {sub.describe}{following}. The first one comes {first} "
            "and covers notes added from now on."
        )
        if not sub.focus.everything:
            text += " A day with nothing on what it follows posts nothing."
        return Reply("ok", "Digest subscribed", text)
    return Reply(
        "ok",
        "Digest time changed" if focus is None else "Digest changed",
        f"This channel now gets the digest {sub.describe}{following}. Next: {first}.",
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
            f"{slash('digest subscribe')} 09:00 Europe/Berlin.",
        )
    schedule = sub.schedule
    now = datetime.now(UTC)
    history = await deliveries.delivery_history(ctx.store, sub.id)
    # A channel with a focus is never told "nothing new": say here why a day had no post.
    quiet = "quiet, skipped" if sub.focus.everything else "nothing on what it follows, not posted"
    outcome = {"sent": "posted", "skipped": quiet, "sending": "being posted", "failed": "failed"}
    lines = []
    for d in history:
        extra = f": {d.error}" if d.state == "failed" and d.error else ""
        notes = f", {plural(d.note_count, 'note')}" if d.state == "sent" else ""
        lines.append(f"• up to {_when(d.period_end, schedule)}: {outcome[d.state]}{notes}{extra}")
    fields = [
        Field("Schedule", sub.describe, inline=True),
        Field("Next", _when(schedule.next_after(now), schedule), inline=True),
        Field("Subscribed by", sub.created_by or "unknown", inline=True),
        Field("Following", describe_focus(ctx, sub.focus), inline=True),
    ]
    if lines:
        fields.append(Field("Last digests", "\n".join(lines)))
    return Reply(
        "ok", "Digest for this channel", f"Subscribed since {_when(sub.created_at, schedule)}.", fields
    )
