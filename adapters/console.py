"""The console adapter: `labnotes ask "/lab meta"` (one answer) and `labnotes shell` (a prompt).

The console user is the operator of the machine, so they act as a moderator. The shell offers history
and tab completion on a terminal, and answers line by line when stdin is a pipe. `ask` exits 0 when
the answer is `ok` and 1 otherwise (not found, invalid, refused, no store), so scripts can test it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from adapters.console_render import render_text
from adapters.exits import SETUP_ERROR_EXIT
from adapters.platform import DEFAULT_STOP_GRACE, PlatformAdapter
from bot.catalog import CatalogError
from bot.commands.engine import Engine
from bot.commands.spec import CommandCore
from bot.config import ConfigError, config_from_args
from bot.contracts import Actor, Attachment, Channel, Invocation
from bot.reply import Reply
from bot.store.db import StoreError

CONSOLE_ACTOR = Actor("console", "console", "console", is_moderator=True)
CONSOLE_CHANNEL = Channel("console", "console")
HISTORY_FILE = Path.home() / ".labnotes_history"
PROMPT = "labnotes> "
_EXIT_WORDS = {"exit", "quit", "/exit", "/quit", ":q"}
CHART_DIR_VARIABLE = "LABNOTES_CHART_DIR"  # where charts are saved; a temporary folder when unset


def chart_dir() -> Path:
    configured = os.environ.get(CHART_DIR_VARIABLE, "").strip()
    return Path(configured).expanduser() if configured else Path(tempfile.gettempdir()) / "labnotes-charts"


def save_chart(reply: Reply, folder: Path | None = None) -> Path | None:
    """The reply's image written to `folder` (chart_dir()), named by its content so the same chart is
    one file; None when the reply has no image."""
    if reply.image is None:
        return None
    folder = chart_dir() if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"chart-{hashlib.sha256(reply.image).hexdigest()[:12]}.png"
    if not path.exists():
        path.write_bytes(reply.image)
    return path


def show(reply: Reply, out: IO[str]) -> str:
    """The reply as terminal text, with the path its chart was saved to (a chart that can't be saved is
    said so, the answer still stands)."""
    text = render_text(reply, bold=out.isatty())
    try:
        saved = save_chart(reply)
    except OSError as exc:
        return text + f"Chart not saved: {exc}\n"
    return text if saved is None else text + f"Chart saved to {saved}\n"


async def open_engine(ns: argparse.Namespace, err: IO[str]) -> Engine | None:
    """The engine for the CLI, or None after printing why it can't open (no traceback)."""
    try:
        config = config_from_args(ns)
        return await Engine.open(config)
    except (ConfigError, CatalogError, StoreError, OSError, ValueError) as exc:
        print(f"labnotes: {exc}", file=err)
        return None


def path_attachment(text: str) -> Attachment:
    """A file parameter typed in the console is a local path (relative to the working directory)."""
    path = Path(text).expanduser()
    size = path.stat().st_size if path.is_file() else None

    async def load() -> bytes:
        return await asyncio.to_thread(path.read_bytes)

    return Attachment(path.name, size, load)


class ConsoleAdapter(PlatformAdapter):
    """The operator's terminal: a line as typed in chat → the core's Reply → text."""

    name = "console"

    def __init__(self, core: CommandCore, *, stop_grace: float = DEFAULT_STOP_GRACE) -> None:
        super().__init__(core, stop_grace=stop_grace)

    async def answer(self, line: str) -> Reply:
        with self.tracking():
            return await self.guarded(self._answer(line), repr(line))

    async def _answer(self, line: str) -> Reply:
        parsed = self.core.parse_text(line)
        if isinstance(parsed, Reply):
            return parsed
        path, args = parsed
        spec = next((s for s in self.core.specs if s.path == path), None)
        files = await self.resolve_attachments(spec, args)
        if isinstance(files, Reply):
            return files
        return await self.core.handle(Invocation(path, args, CONSOLE_ACTOR, CONSOLE_CHANNEL, files))

    async def resolve_attachment(self, ref: str) -> Attachment | Reply:
        return path_attachment(ref)

    def render(self, reply: Reply) -> str:
        return render_text(reply)


async def answer(engine: CommandCore, line: str) -> Reply:
    """engine.ask for the console operator, with file parameters read from the local filesystem."""
    return await ConsoleAdapter(engine).answer(line)


def exit_code(reply: Reply) -> int:
    return 0 if reply.kind == "ok" else 1


def run_ask(ns: argparse.Namespace) -> int:
    return asyncio.run(ask(ns, sys.stdout, sys.stderr))


async def ask(ns: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    engine = await open_engine(ns, err)
    if engine is None:
        return SETUP_ERROR_EXIT
    try:
        reply = await answer(engine, ns.line)
    finally:
        await engine.close()
    if getattr(ns, "json", False):
        out.write(json.dumps(reply.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(show(reply, out))
    return exit_code(reply)


def run_shell(ns: argparse.Namespace) -> int:
    return asyncio.run(shell(ns, sys.stdin, sys.stdout, sys.stderr))


async def shell(ns: argparse.Namespace, stdin: IO[str], out: IO[str], err: IO[str]) -> int:
    engine = await open_engine(ns, err)
    if engine is None:
        return SETUP_ERROR_EXIT
    try:
        if stdin.isatty():
            await _interactive(engine, out)
        else:
            await _piped(engine, stdin, out)
    finally:
        await engine.close()
    return 0


async def _piped(engine: Engine, stdin: IO[str], out: IO[str]) -> None:
    """One answer per line; blank lines and # comments are skipped; EOF ends the session."""
    first = True
    for raw in stdin:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower() in _EXIT_WORDS:
            break
        reply = await answer(engine, line)
        out.write(("" if first else "\n") + show(reply, out))
        out.flush()
        first = False


async def _interactive(engine: Engine, out: IO[str]) -> None:
    import readline  # only on a terminal: importing it can emit escape codes into piped output

    readline.set_completer_delims("")  # complete the whole line: names like "Grok 3" hold spaces
    readline.set_completer(completer(engine))
    readline.parse_and_bind("tab: complete")
    # Names are matched ignoring case (`meta` → Meta): so must readline's common prefix be, or
    # `/lab c` (Cohere, comma.ai) would shrink to `/lab `.
    readline.parse_and_bind("set completion-ignore-case on")
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY_FILE)
    out.write("labnotes shell: type /help, Tab to complete, Ctrl-D to leave.\n")
    try:
        while True:
            try:
                # Blocking is fine: nothing else runs on this loop while the user types.
                line = input(PROMPT).strip()  # noqa: ASYNC250
            except EOFError:
                out.write("\n")
                break
            except KeyboardInterrupt:
                out.write("\n")
                continue
            if not line:
                continue
            if line.lower() in _EXIT_WORDS:
                break
            reply = await answer(engine, line)
            out.write(show(reply, out) + "\n")
            out.flush()
    finally:
        readline.set_history_length(1000)
        with contextlib.suppress(OSError):
            readline.write_history_file(HISTORY_FILE)


def completions(engine: Engine, line: str) -> list[str]:
    """Whole-line completions: command names first, then lab/model names for the name argument."""
    slash = "/" if line.startswith("/") else ""
    body = line[len(slash) :]
    if " " not in body:
        words = sorted({spec.path.split(" ")[0] for spec in engine.specs})  # aliases would only add noise
        return [f"{slash}{w} " for w in words if w.startswith(body.lower())]
    head, _, rest = body.partition(" ")
    if engine.registry.is_group(head) and " " not in rest:  # `/notes a` → `/notes add `
        subs = sorted(m.spec.name for m in engine.registry.group_members(head))
        return [f"{slash}{head} {s} " for s in subs if s.startswith(rest.lower())]
    cmd = engine.registry.find(head)
    if cmd is None:
        return []
    source = next((p.autocomplete for p in cmd.spec.params if p.autocomplete), None)
    if source is None or source == "note":
        return []
    type_ = None if source == "entity" else source
    return [f"{slash}{head} {name}" for name in _extending(rest, engine.names.complete(rest, type_))]


def _extending(typed: str, names: list[str]) -> list[str]:
    """Readline replaces what was typed with the candidates' longest common prefix, so one candidate
    that does not start with it (`m` also matches Google DeepMind) would erase it. An alias or
    substring match is offered only alone (`fair` → Meta)."""
    extending = [name for name in names if name.lower().startswith(typed.lower())]
    return extending or (names if len(names) == 1 else [])


def completer(engine: Engine) -> Callable[[str, int], str | None]:
    cache: dict[str, list[str]] = {}

    def complete(text: str, state: int) -> str | None:
        if state == 0 or text not in cache:
            cache.clear()
            cache[text] = completions(engine, text)
        options = cache[text]
        return options[state] if state < len(options) else None

    return complete
