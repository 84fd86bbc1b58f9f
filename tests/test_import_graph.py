"""The layering of bot/: the core never imports an adapter or a chat library, and no package of bot/
imports another in a circle (shared types live in bot.contracts, beneath every feature package)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_CORE = ("adapters", "discord", "slack_bolt", "slack_sdk", "aiohttp")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _unit(module: str) -> str:
    """The package a module belongs to for layering: `bot.digest.compose` → `bot.digest`; a top-level
    module of bot/ (`bot.reply`) is a unit of its own."""
    parts = module.split(".")
    if len(parts) >= 2 and (ROOT / parts[0] / parts[1]).is_dir():
        return ".".join(parts[:2])
    return ".".join(parts[:2]) if len(parts) >= 2 else module


def _core_files() -> list[Path]:
    return sorted((ROOT / "bot").rglob("*.py"))


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in _core_files():
        source = _unit(_module_name(path))
        for imported in _imports(path):
            if imported.startswith("bot.") and _unit(imported) != source:
                graph[source].add(_unit(imported))
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path that starts and ends at the same node, or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_core_never_imports_an_adapter_or_a_chat_library() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {imported}"
        for path in _core_files()
        for imported in _imports(path)
        if imported.split(".")[0] in FORBIDDEN_IN_CORE
    ]
    assert offenders == []


def test_no_package_of_the_core_imports_another_in_a_circle() -> None:
    assert _cycle(_package_graph()) is None


def test_the_cycle_finder_reports_a_circle_when_there_is_one() -> None:
    assert _cycle({"bot.a": {"bot.b"}, "bot.b": {"bot.c"}, "bot.c": {"bot.a"}}) == [
        "bot.a",
        "bot.b",
        "bot.c",
        "bot.a",
    ]


def test_the_shared_types_live_beneath_every_feature_package() -> None:
    # bot.contracts may lean on bot.reply (the Reply it re-exports) and nothing else of bot/.
    imported = {name for name in _imports(ROOT / "bot" / "contracts.py") if name.startswith("bot.")}
    assert imported == {"bot.reply"}
