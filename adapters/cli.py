"""The `labnotes` command line: the composition root that wires the core to the adapters.

Each subcommand lives in the module that owns it; this file only parses arguments and dispatches.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import adapters.platform  # noqa: F401  (registers each platform's labnotes.yaml section before config is read)
from adapters.exits import BROKEN_PIPE_EXIT, INTERRUPTED_EXIT, SETUP_ERROR_EXIT
from bot.config import ConfigError, config_from_args

# A config mistake stops every command that reads labnotes.yaml the same way (README): one line naming
# the file and line, exit code 2, before the handler opens anything.
CONFIG_ERROR_EXIT = SETUP_ERROR_EXIT
NO_CONFIG_COMMANDS = {"slack-manifest"}
DB_HELP = "the store (default: $LABNOTES_DB, else db_path in labnotes.yaml, else data/labnotes.db)"

# subcommand → "module:function"; each function takes the parsed namespace and returns an exit code.
HANDLERS = {
    "ingest": "adapters.ingest_cli:run_ingest",
    "stats": "adapters.ingest_cli:run_stats",
    "ask": "adapters.console:run_ask",
    "shell": "adapters.console:run_shell",
    "run": "adapters.runner:run",
    "digest": "adapters.runner:run_digest",
    "slack-manifest": "adapters.slack_manifest:run_manifest",
    "discord-sync": "adapters.discord_bot:run_sync",
}


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, metavar="FILE", help=DB_HELP)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="labnotes",
        description="What AI podcast episodes say about AI labs and their models, cited to the second.",
    )
    parser.add_argument("--config", type=Path, help="labnotes.yaml (default: $LABNOTES_CONFIG, else none)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser("ingest", help="read notes into the store (incremental)")
    ingest.add_argument("paths", nargs="*", type=Path, help="note folders or files (default: data/notes)")
    _db_option(ingest)
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")

    stats = sub.add_parser("stats", help="what the store holds")
    _db_option(stats)
    stats.add_argument("--json", action="store_true", help="machine-readable output")

    ask = sub.add_parser("ask", help='answer one command, e.g. labnotes ask "/lab meta"')
    ask.add_argument("line", help="the command as typed in chat")
    _db_option(ask)
    ask.add_argument("--json", action="store_true", help="print the Reply JSON contract")

    shell = sub.add_parser("shell", help="an interactive prompt (reads stdin line by line when piped)")
    _db_option(shell)

    run = sub.add_parser("run", help="run every adapter whose credentials are set (else the console)")
    _db_option(run)

    digest = sub.add_parser("digest", help="post due digests once and exit")
    _db_option(digest)

    sync = sub.add_parser(
        "discord-sync",
        help="register the Discord commands now, even if unchanged, and remove stale ones, then exit",
    )
    _db_option(sync)

    manifest = sub.add_parser(
        "slack-manifest", help="print the Slack app manifest generated from the commands"
    )
    manifest.add_argument(
        "--request-url",
        help="HTTP mode: public URL of the events path, e.g. https://bot.example/slack/events",
    )
    manifest.add_argument("--name", default="labnotes", help="the app's name in Slack (default: labnotes)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    ns = build_parser().parse_args(argv)
    if ns.command not in NO_CONFIG_COMMANDS:
        try:
            config_from_args(ns)  # vetted before the handler runs, which gets the same Config
        except ConfigError as exc:
            print(f"labnotes {ns.command}: {exc}", file=sys.stderr)
            return CONFIG_ERROR_EXIT
    module_name, func_name = HANDLERS[ns.command].split(":")
    try:
        handler = getattr(importlib.import_module(module_name), func_name)
        code: int = handler(ns)
        sys.stdout.flush()  # here, so a closed pipe is caught below and not at interpreter exit
    except KeyboardInterrupt:
        # Ctrl-C is the user's own doing: one line, no traceback (ingest keeps what it committed).
        print(f"\nlabnotes {ns.command}: interrupted", file=sys.stderr)
        return INTERRUPTED_EXIT
    except BrokenPipeError:
        # The reader left (`| head`): the rest of the output has nowhere to go. Point stdout at
        # /dev/null so the final flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE_EXIT
    return code


if __name__ == "__main__":
    sys.exit(main())
