"""`labnotes ingest` and `labnotes stats`: the CLI face of the store (all SQL stays in bot/store)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
from typing import Any

from adapters.exits import SETUP_ERROR_EXIT
from bot.catalog import CatalogError, load_catalog
from bot.config import Config, ConfigError, config_from_args
from bot.moderation.files import recover
from bot.store.db import Store, StoreError
from bot.store.ingest import IngestSummary, ingest_paths
from bot.store.stats import collect_stats


def _config(ns: argparse.Namespace) -> Config:
    try:
        return config_from_args(ns)  # --config / $LABNOTES_CONFIG, .env, the environment, then --db
    except ConfigError as exc:
        print(f"labnotes {getattr(ns, 'command', '')}: {exc}", file=sys.stderr)
        raise SystemExit(SETUP_ERROR_EXIT) from None


def run_ingest(ns: argparse.Namespace) -> int:
    config = _config(ns)
    folder = config.db_path.parent
    if not folder.is_dir():
        # A mistyped --db would otherwise create a folder tree and a store nobody looks at.
        print(
            f"labnotes ingest: no folder {folder} for the store {config.db_path}; "
            f"create it first (mkdir -p {folder}) or fix --db / LABNOTES_DB",
            file=sys.stderr,
        )
        return SETUP_ERROR_EXIT
    paths = ns.paths or [config.notes_dir]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"labnotes ingest: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 1
    try:
        catalog = load_catalog(config.catalog_path)
    except CatalogError as exc:
        print(f"labnotes ingest: {exc}", file=sys.stderr)
        return SETUP_ERROR_EXIT
    try:
        summary = asyncio.run(_ingest(config, paths, catalog, progress=not ns.quiet))
    except (StoreError, sqlite3.Error) as exc:  # a corrupt or locked store: say so, no traceback
        print(f"labnotes ingest: {exc}", file=sys.stderr)
        return SETUP_ERROR_EXIT
    print(format_summary(summary, config))
    if not summary.read_anything:
        print("labnotes ingest: no note could be read (no .md files found?)", file=sys.stderr)
        return 1
    return 0


async def _ingest(config: Config, paths: list[Any], catalog: Any, *, progress: bool) -> IngestSummary:
    store = await Store.open(config.db_path)
    try:
        # First finish any /notes add|remove a crash interrupted, so the scan sees the decided state.
        await recover(store, config.notes_dir)
        return await ingest_paths(store, paths, catalog, progress=progress)
    finally:
        await store.close()


def format_summary(summary: IngestSummary, config: Config) -> str:
    lines = [
        f"Ingested into {config.db_path} in {summary.seconds:.1f} s: "
        f"{summary.added} added, {summary.updated} updated, {summary.removed} removed, "
        f"{summary.unchanged} unchanged, {len(summary.failed)} failed"
    ]
    for path, reason in summary.failed[:50]:
        lines.append(f"  failed  {path}: {reason}")
    if len(summary.failed) > 50:
        lines.append(f"  …and {len(summary.failed) - 50} more failures (labnotes stats --json lists them)")
    return "\n".join(lines)


def run_stats(ns: argparse.Namespace) -> int:
    config = _config(ns)
    if not config.db_path.exists():
        print(f"labnotes stats: no store at {config.db_path}; run `labnotes ingest` first", file=sys.stderr)
        return 1
    try:
        stats = asyncio.run(_stats(config))
    except (StoreError, sqlite3.Error) as exc:  # a corrupt or locked store: say so, no traceback
        print(f"labnotes stats: {exc}", file=sys.stderr)
        return SETUP_ERROR_EXIT
    if ns.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    rows = [
        ("notes", stats["notes"]),
        ("episodes", stats["episodes"]),
        ("channels", stats["channels"]),
        ("channel index pages", stats["index_pages"]),
        ("claims", stats["claims"]),
        ("timestamps", stats["timestamps"]),
        ("labs mentioned", f"{stats['labs_mentioned']} of {stats['labs_in_catalog']}"),
        ("models mentioned", f"{stats['models_mentioned']} of {stats['models_in_catalog']}"),
        (
            "openness signals",
            f"{stats['openness_signals_total']} "
            + " ".join(f"({k} {v})" for k, v in stats["openness_signals"].items()),
        ),
        ("timestamps not read", stats["unread_timestamps"]),
        ("timestamps not trusted", stats["untrusted_timestamps"]),
        ("failures", stats["failures"]),
    ]
    width = max(len(name) for name, _ in rows)
    print("\n".join(f"{name:<{width}}  {value}" for name, value in rows))
    for note in stats["unread_notes"]:
        print(f"  not read  {note['path']}: {note['unread']}")
    for failure in stats["failure_examples"][:10]:
        print(f"  failed  {failure['path']}: {failure['reason']}")
    print(format_channel_times(stats["channel_times"]))
    return 0


def format_channel_times(channels: list[dict[str, Any]]) -> str:
    """Per channel: claims with no time, and timed claims cited past the channel's plausible length (a
    share that jumps means notes write times in a way the parser misreads)."""
    if not channels:
        return ""
    width = max(len("channel"), *(len(c["channel"]) for c in channels))
    lines = [f"\n{'channel':<{width}}  {'claims':>7}  {'no time':>7}  past plausible length"]
    for c in channels:
        hours, rest = divmod(c["plausible_seconds"], 3600)
        limit = f"{hours}:{rest // 60:02d}:00"
        lines.append(
            f"{c['channel']:<{width}}  {c['claims']:>7}  {c['untimed']:>7.1%}  {c['past_plausible']:>6.2%} past {limit}"
        )
    return "\n".join(lines)


async def _stats(config: Config) -> dict[str, Any]:
    store = await Store.open(config.db_path)
    try:
        return await collect_stats(store)
    finally:
        await store.close()
