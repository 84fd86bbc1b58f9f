"""The `labnotes` command line: the composition root that wires the core to the adapters.

Each subcommand lives in the module that owns it; this file only parses arguments and dispatches.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import ConfigError, config_from_args

# A config mistake stops every command that reads labnotes.yaml the same way (README): one line naming
# the file and line, exit code 2, before the handler opens anything.
CONFIG_ERROR_EXIT = 2
NO_CONFIG_COMMANDS = {"slack-manifest"}

# subcommand → "module:function"; each function takes the parsed namespace and returns an exit code.
HANDLERS = {
    "ingest": "adapters.ingest_cli:run_ingest",
    "stats": "adapters.ingest_cli:run_stats",
    "ask": "adapters.console:run_ask",
    "shell": "adapters.console:run_shell",
    "run": "adapters.runner:run",
    "digest": "adapters.runner:run_digest",
    "slack-manifest": "adapters.slack_manifest:run_manifest",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="labnotes",
        description="What AI podcast episodes say about AI labs and their models, cited to the second.",
    )
    parser.add_argument("--config", type=Path, help="labnotes.yaml (default: $LABNOTES_CONFIG, else none)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser("ingest", help="read notes into the store (incremental)")
    ingest.add_argument("paths", nargs="*", type=Path, help="note folders or files (default: data/notes)")
    ingest.add_argument("--db", type=Path, help="store file (default: data/labnotes.db)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")

    stats = sub.add_parser("stats", help="what the store holds")
    stats.add_argument("--db", type=Path)
    stats.add_argument("--json", action="store_true", help="machine-readable output")

    ask = sub.add_parser("ask", help='answer one command, e.g. labnotes ask "/lab meta"')
    ask.add_argument("line", help="the command as typed in chat")
    ask.add_argument("--db", type=Path)
    ask.add_argument("--json", action="store_true", help="print the Reply JSON contract")

    shell = sub.add_parser("shell", help="an interactive prompt (reads stdin line by line when piped)")
    shell.add_argument("--db", type=Path)

    run = sub.add_parser("run", help="run every adapter whose credentials are set (else the console)")
    run.add_argument("--db", type=Path)

    digest = sub.add_parser("digest", help="post due digests once and exit")
    digest.add_argument("--db", type=Path)

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
    handler = getattr(importlib.import_module(module_name), func_name)
    try:
        code: int = handler(ns)
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
