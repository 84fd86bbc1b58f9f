"""Component table for ten well-known models on a real store (issue 14, "Measure").

    python bench/components_table.py [--db STORE] [--vault ../shared/vault]

With --db, reads that store as it is; without, ingests --vault into bench/out/components.db first (a store
left there by an earlier run is brought up to date: only changed notes are read again). Prints, as
Markdown, a matrix (model × component status) and then, per model and component, the status, the licence
named and the citation behind it: the time in the episode, the note and the claim, as /model NAME shows
it. A model missing from data/catalog.yaml is listed as such. docs/components_vs_index.md sets this next
to the European Open Source AI Index.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot.catalog import Catalog, load_catalog, name_key  # noqa: E402
from bot.commands.cite import evidence_line  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.extract.model import COMPONENTS, Component  # noqa: E402
from bot.store.components import ComponentRow, components  # noqa: E402
from bot.store.db import Store  # noqa: E402
from bot.store.ingest import ingest_paths  # noqa: E402
from bot.store.queries import StatsRow, entity_stats  # noqa: E402

# The ten, by the name people use; each is looked up among the catalog's models.
MODELS = (
    "Llama",
    "Gemma",
    "Grok 1",
    "Mixtral",
    "Qwen",
    "DeepSeek R1",
    "GPT-4",
    "Claude",
    "Gemini",
    "Stable Diffusion",
)


def model_id(catalog: Catalog, name: str) -> str | None:
    """The catalog id of the model `name` names (its name or an alias; case, spaces, hyphens ignored).
    Models only: "Qwen" must not resolve to a lab of that name."""
    key = name_key(name)
    for model in catalog.models.values():
        if key in {name_key(model.id), *(name_key(n) for n in model.names)}:
            return model.id
    return None


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def citation(row: ComponentRow) -> str:
    """`[12:34] the claim, cut around its cue (note: Title)`, as /model's evidence lines show a claim; an
    empty string when nothing backs the status."""
    if row.claim is None or row.status == "not said":
        return ""
    side = row.status if row.status != "partial" else None  # a partial status may rest on any kind
    return cell(f"{evidence_line(row.claim, side)} (note: {row.claim.note_title})")


def mentions(stats: StatsRow | None) -> str:
    """How much the notes say of the model at all: "not said" everywhere means little when it is 5 claims."""
    if stats is None or stats.claims == 0:
        return "never named"
    return f"{stats.claims} claims, {stats.episodes} episodes; verdict {stats.label}"


def status(row: ComponentRow) -> str:
    return f"{row.status} ({row.licence})" if row.licence else row.status


async def table(store: Store, catalog: Catalog, names: list[str]) -> str:
    found: list[tuple[str, str, dict[Component, ComponentRow], StatsRow | None]] = []
    missing: list[str] = []
    for name in names:
        id_ = model_id(catalog, name)
        if id_ is None:
            missing.append(name)
        else:
            rows = await components(store, "model", id_)
            found.append((name, id_, rows, await entity_stats(store, "model", id_)))
    lines = [
        "| model (catalog id) | " + " | ".join(COMPONENTS) + " | in the notes |",
        "|---|" + "---|" * (len(COMPONENTS) + 1),
    ]
    for name, id_, rows, stats in found:
        statuses = " | ".join(status(rows[c]) for c in COMPONENTS)
        lines.append(f"| {name} (`{id_}`) | {statuses} | {mentions(stats)} |")
    lines += [
        "",
        "| model | component | status | licence | citation (time, note, claim) |",
        "|---|---|---|---|---|",
    ]
    for name, _, rows, _ in found:
        for component in COMPONENTS:
            row = rows[component]
            lines.append(f"| {name} | {component} | {row.status} | {row.licence or ''} | {citation(row)} |")
    if missing:
        lines += ["", "Not in data/catalog.yaml: " + ", ".join(missing)]
    return "\n".join(lines)


async def run(db: Path, vault: Path | None, names: list[str]) -> str:
    catalog = load_catalog(Config().catalog_path)
    store = await Store.open(db)
    try:
        if vault is not None:
            summary = await ingest_paths(store, [vault], catalog)
            print(
                f"store {db}: {summary.added} notes added, {summary.unchanged} unchanged, "
                f"{len(summary.failed)} failed\n",
                file=sys.stderr,
            )
        return await table(store, catalog, names)
    finally:
        await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="an existing store to read (no ingest)")
    parser.add_argument("--vault", type=Path, default=HERE.parent.parent / "shared" / "vault")
    parser.add_argument("--models", nargs="+", default=list(MODELS), help="model names (default: the ten)")
    ns = parser.parse_args()
    if ns.db is not None:
        if not ns.db.exists():
            sys.exit(f"no store at {ns.db}: leave out --db to build one from {ns.vault}")
        print(asyncio.run(run(ns.db, None, ns.models)))
        return
    if not ns.vault.is_dir():
        sys.exit(f"no vault at {ns.vault}: pass --vault DIR, or --db STORE for a store built already")
    (HERE / "out").mkdir(exist_ok=True)
    print(asyncio.run(run(HERE / "out" / "components.db", ns.vault, ns.models)))


if __name__ == "__main__":  # ingest starts worker processes: they must not run this again on import
    main()
