"""Another tree of the project, loaded beside this one: benches that check and time two revisions side by
side (bench/extract.py --against, bench/notes_parse.py --against)."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

# Both trees run their source as Python, whatever is built (bot.compiled): a build of one of them would time
# the compiler, not the change. Set before the benches that import this module import bot.
os.environ["LABNOTES_PURE"] = "1"


def load_apart(root: Path, names: list[str]) -> dict[str, ModuleType]:
    """The modules `names` as the tree at `root` has them, loaded apart from any other copy: the `bot`
    modules they import are taken out of sys.modules again, and their functions keep their own globals."""
    own = {name: sys.modules.pop(name) for name in list(sys.modules) if _is_bot(name)}
    sys.path.insert(0, str(root))
    try:
        return {name: importlib.import_module(name) for name in names}
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if _is_bot(n)]:
            del sys.modules[name]
        sys.modules.update(own)


def _is_bot(name: str) -> bool:
    return name == "bot" or name.startswith("bot.")
