"""SQL lives in bot/store/: no other module of bot/ or adapters/ writes a statement or runs one, and every
INSERT names the columns it fills (a positional INSERT silently shifts when a migration adds a column)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "bot" / "store"

# Statements as the code writes them (upper-case keywords); prose such as "select a lab" never matches.
_STATEMENT = re.compile(
    r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
    r"|\bPRAGMA\s+\w+|\b(?:CREATE|DROP|ALTER)\s+(?:TEMP\s+|VIRTUAL\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b"
)
# The name after INTO, and what follows it: a column list must.
_INSERT = re.compile(r"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+([\w.]+)\s*(\(?)")
_RUNS_SQL = {"execute", "executemany", "executescript", "execute_fetchall", "fetchall", "fetchone", "scalar"}


def _where(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else Path(path.name)


def _files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _strings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every string literal with its line; an f-string with its holes as `?`, so it reads as one statement."""
    pieces = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [v.value if isinstance(v, ast.Constant) else "?" for v in node.values]
            yield node.lineno, "".join(str(p) for p in parts)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in pieces:
            yield node.lineno, node.value


def sql_outside_the_store(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        if path.is_relative_to(STORE):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = _where(path)
        found += [f"{where}:{line} writes SQL" for line, text in _strings(tree) if _STATEMENT.search(text)]
        found += [
            f"{where}:{node.lineno} runs SQL (.{node.func.attr})"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _RUNS_SQL
        ]
    return found


def positional_inserts(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            for match in _INSERT.finditer(text):
                if not match.group(2):
                    found.append(f"{_where(path)}:{line} INSERT INTO {match.group(1)} without columns")
    return found


def test_no_module_outside_the_store_writes_or_runs_sql() -> None:
    assert sql_outside_the_store(_files("bot", "adapters")) == []


def test_every_insert_names_its_columns() -> None:
    assert positional_inserts(_files("bot")) == []


def test_the_checks_find_sql_outside_the_store_and_a_positional_insert(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "async def f(store, conn, n):\n"
        "    await conn.execute(f'INSERT INTO notes VALUES ({n})')\n"
        "    return await store.fetchall('SELECT id' ' FROM notes')\n",
        encoding="utf-8",
    )
    assert sorted(sql_outside_the_store([sample])) == [
        "sample.py:2 runs SQL (.execute)",
        "sample.py:2 writes SQL",
        "sample.py:3 runs SQL (.fetchall)",
        "sample.py:3 writes SQL",
    ]
    assert positional_inserts([sample]) == ["sample.py:2 INSERT INTO notes without columns"]


def test_prose_is_not_sql_and_an_insert_naming_its_columns_passes(tmp_path: Path) -> None:
    prose = tmp_path / "prose.py"
    prose.write_text("HELP = 'Select a lab from the list, then update the digest or delete it.'\n")
    named = tmp_path / "named.py"
    named.write_text("SQL = 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'\n")
    assert sql_outside_the_store([prose]) == []
    assert positional_inserts([named]) == []
