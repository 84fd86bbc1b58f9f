"""/search QUERY: claims ranked by bm25, the match marked, each cited; filters channel:NAME, lab:NAME."""

from __future__ import annotations

from bot.commands.cite import citations
from bot.commands.entity import resolve
from bot.commands.registry import Context, command
from bot.commands.searchtext import parse_search
from bot.commands.spec import CommandSpec, Param
from bot.contracts import EntityRef, Invocation
from bot.reply import Reply, slash
from bot.store import queries
from bot.store.fold import fold
from bot.text import plural

MAX_RESULTS = 10

_HINT = (
    "Try fewer or different words, a prefix like open*, alternatives like llama OR mistral, "
    "or drop the channel:/lab: filter."
)


@command(
    CommandSpec(
        "search",
        "Search every claim in the notes (filters: channel:NAME lab:NAME)",
        params=(Param("query", "words to look for, e.g. chain of thought", required=True, rest=True),),
        usage='"chain of thought" lab:xai',
    ),
    aliases=("find",),
)
async def search(ctx: Context, inv: Invocation) -> Reply:
    text = str(inv.args["query"])
    query = parse_search(text)
    if query.match is None:
        return Reply.error(
            "Nothing to search for",
            f"Give at least one word to look for, e.g. {slash('search')} chain of thought.",
        )
    about: EntityRef | None = None
    filters = []
    if query.lab is not None:
        entity = resolve(ctx, query.lab, None)
        if isinstance(entity, Reply):
            return entity
        about = EntityRef(entity.type, entity.id)  # a lab's filter also keeps claims about its models
        filters.append(f"lab {entity.name}")
    if query.channel is not None:
        if not await queries.channel_exists(ctx.store, query.channel):
            known = await queries.channels(ctx.store)
            return Reply.not_found(
                f"No channel called “{query.channel}”",
                "Channels in the notes: " + (", ".join(known) or "none yet") + ".",
                suggestions=known[:5],
            )
        filters.append(f"channel {query.channel}")
    # Fetch spares: the same statement often sits in several notes of an episode and is shown once.
    result = await queries.search_claims(
        ctx.store, query.match, channel=query.channel, about=about, limit=MAX_RESULTS * 3
    )
    unique = fold(result.rows)[:MAX_RESULTS]
    where = f" ({', '.join(filters)})" if filters else ""
    terms = " ".join(query.terms)
    if not unique:
        return Reply.not_found(f"No claims match “{terms}”{where}", _HINT)
    text = f"Top {plural(len(unique), 'claim')} matching “{terms}”{where}, best first."
    if result.capped:
        text += (
            f" Over {queries.RANK_WINDOW:,} claims match, so only the {queries.RANK_WINDOW:,} most recently"
            " added were ranked; add words or a channel:/lab: filter to narrow it."
        )
    return Reply(
        "ok",
        f"Search: {terms}",
        text,
        citations=citations(unique, MAX_RESULTS),
    )
