"""/notes add FILE [replace:true] · /notes remove NOTE · /notes list [N] (moderators)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.commands.registry import Context, command
from bot.commands.spec import CommandSpec, Param, ParamType, Permission
from bot.contracts import Attachment, Invocation
from bot.digest.compose import more_line
from bot.extract.extractor import extractor_for
from bot.moderation.errors import NoteRejected
from bot.moderation.notes import (
    SHOWN_SIGNALS,
    AddedNote,
    NoteNotFound,
    NotesPlace,
    add_note,
    check_announced_size,
    list_notes,
    remove_note,
)
from bot.reply import Field, Reply, code, link, slash, youtube_url
from bot.text import plural

DEFAULT_LIST = 10
MAX_LIST = 50
MAX_FIELD_LINES = 8
MAX_CITATIONS = 5


def _place(ctx: Context) -> NotesPlace:
    config = ctx.config
    return NotesPlace(config.notes_dir, config.trash, config.max_note_bytes)


def _lines(items: list[str], limit: int = MAX_FIELD_LINES, total: int | None = None) -> str:
    """The first `limit` items and how many more there are (of `total`, when only the first were read)."""
    return "\n".join(
        items[:limit] + more_line(min(len(items), limit), len(items) if total is None else total)
    )


def _attachment(inv: Invocation) -> Attachment | None:
    """The uploaded file: the param itself (Slack, console) or the invocation's attachments (Discord)."""
    value = inv.args.get("file")
    if isinstance(value, Attachment):
        return value
    if not inv.attachments:
        return None
    return next((a for a in inv.attachments if a.name == value), inv.attachments[0])


def added_reply(added: AddedNote) -> Reply:
    verb = "Replaced" if added.replaced else "Added"
    note = added.note
    url = youtube_url(note.video_id, None)
    channel = f" · channel {note.channel}" if note.channel else ""
    text = (
        f"“{note.title}” — {link(url, url)}{channel}\n"
        f"{plural(note.claims, 'claim')}, {plural(note.timestamps, 'timestamp')} "
        f"({note.timestamped_claims} of the claims dated). Searchable now."
    )
    fields = [
        Field("Labs", ", ".join(added.labs) or "none named", inline=True),
        Field("Models", ", ".join(added.models) or "none named", inline=True),
        Field("Openness signals", _lines(added.signals, SHOWN_SIGNALS, note.signal_count) or "none"),
    ]
    if added.warnings:
        fields.append(Field("Warnings", _lines([f"⚠ {w}" for w in added.warnings])))
    return Reply("ok", f"{verb} {added.rel_path}", text, fields, citations=added.citations[:MAX_CITATIONS])


@command(
    CommandSpec(
        "add",
        "Add an episode note from a Markdown file (replace:true to replace one)",
        params=(
            Param(
                "file",
                "the note as a .md file (upload it, or a path in the console)",
                ParamType.ATTACHMENT,
                True,
            ),
            Param("replace", "replace a note that already exists", ParamType.BOOLEAN),
        ),
        permission=Permission.MODERATOR,
        group="notes",
        usage="open_source_ai_models.md replace:true",
    )
)
async def notes_add(ctx: Context, inv: Invocation) -> Reply:
    place = _place(ctx)
    attachment = _attachment(inv)
    if attachment is None:
        return Reply.error("No note file", f"Attach the note's .md file to {slash('notes add')}.")
    try:
        check_announced_size(attachment.size, place)
        try:
            data = await attachment.load()
        except (OSError, ValueError) as exc:
            raise NoteRejected(f"cannot read {attachment.name}: {exc}") from exc
        added = await add_note(
            ctx.store,
            place,
            await asyncio.to_thread(extractor_for, ctx.catalog),  # the first build takes ~100 ms
            inv.actor,
            file_name=attachment.name,
            data=data,
            replace=bool(inv.args.get("replace", False)),
            now=datetime.now(UTC),
        )
    except NoteRejected as exc:
        return Reply.error("Note not added", f"{exc}. Nothing was changed.")
    return added_reply(added)


@command(
    CommandSpec(
        "remove",
        "Remove a note: its file goes to the trash, its claims leave the store",
        params=(
            Param(
                "note", "the note's path, e.g. bankless/foo.md", required=True, autocomplete="note", rest=True
            ),
        ),
        permission=Permission.MODERATOR,
        group="notes",
        usage="bankless/open_source_ai_models.md",
    )
)
async def notes_remove(ctx: Context, inv: Invocation) -> Reply:
    try:
        removed = await remove_note(
            ctx.store, _place(ctx), inv.actor, ref=str(inv.args["note"]), now=datetime.now(UTC)
        )
    except NoteNotFound as exc:
        return Reply.not_found("No such note", f"{exc}.", suggestions=exc.suggestions)
    except NoteRejected as exc:
        return Reply.error("Note not removed", f"{exc}. Nothing was changed.")
    where = (
        f"The file is in the trash: {removed.trashed_to} (move it back and run {code('labnotes ingest')}"
        " to restore it)."
        if removed.trashed_to
        else "Its file was no longer in the notes folder."
    )
    return Reply("ok", f"Removed {removed.rel_path}", f"“{removed.title}” is out of the store. {where}")


@command(
    CommandSpec(
        "list",
        "The most recently added notes, with who added them",
        params=(Param("n", f"how many (1–{MAX_LIST}, default {DEFAULT_LIST})", ParamType.INTEGER),),
        permission=Permission.MODERATOR,
        group="notes",
        usage="20",
    )
)
async def notes_list(ctx: Context, inv: Invocation) -> Reply:
    count = int(inv.args.get("n", DEFAULT_LIST))
    if not 1 <= count <= MAX_LIST:
        return Reply.error(
            f"Invalid arguments for {slash('notes list')}",
            f"N must be between 1 and {MAX_LIST}, not {count}.",
        )
    notes = await list_notes(ctx.store, count)
    if not notes:
        return Reply(
            "ok", "Recent notes", f"The store holds no notes yet. Add one with {slash('notes add')}."
        )
    lines = []
    for note in notes:
        by = f"added by {note.added_by}" if note.added_by else "from the notes folder"
        lines.append(
            f"• {note.rel_path} — “{note.title}” · {by} · {note.ingested_at[:16].replace('T', ' ')} UTC"
        )
    return Reply(
        "ok", "Recent notes", f"The {plural(len(notes), 'latest note')}, newest first:\n" + "\n".join(lines)
    )
