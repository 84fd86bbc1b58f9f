"""The note reader compiled: bot/notes and bot/extract built as C extensions by mypyc, used only when built
from exactly the source beside them.

Reading notes (parse, then extract) is most of a full ingest's CPU; compiled it takes 0.56-0.81 as much on
the vault and 0.77 on the corpus, with the same rows for every note (bench/compiled_reader.py checks and
times both). A build lives in bot/_compiled/KEY, where KEY hashes the reader's source, the modules it
imports and the interpreter: an edited source is never shadowed by a stale build, it runs as Python until
rebuilt. Without a build (no C compiler, a fresh clone before `make compiled`) everything runs as Python,
only slower.

    python -m bot.compile_reader    build for this source, unless built already (needs mypy and a C compiler)
    LABNOTES_PURE=1                 ignore any build (tests run the source; bench compares the two)
"""

from __future__ import annotations

import functools
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

BOT_DIR = Path(__file__).resolve().parent
BUILDS = "_compiled"  # bot/_compiled: one folder per build key
MANIFEST = "manifest.json"  # written last: a folder without it is a build that did not finish
PURE_ENV = "LABNOTES_PURE"

# The code that turns a note into facts; any change to it re-extracts stores (bot.store.ingest) and
# invalidates a build.
READER_PACKAGES = ("notes", "extract")
# Modules of the reader that stay Python: the model modules' dataclasses are made and pickled everywhere,
# and bot.notes.model turns a plain class into a Claim, which a compiled Claim would refuse. (Compiled code
# does not cache a functools.cached_property: the reader has none.)
PURE_MODULES = frozenset({"__init__.py", "model.py"})
# Modules outside the reader that compiled code imports: a change to them rebuilds too.
IMPORTED = ("catalog.py", "contracts.py", "reply.py", "text.py")

_SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify
sources, generated = sys.argv.pop(1).split(","), sys.argv.pop(1)
setup(name="labnotes-reader", packages=[], py_modules=[], ext_modules=mypycify(sources, opt_level="3", target_dir=generated))
"""


def reader_hash(bot_dir: Path) -> str:
    """A hash of the code that turns a note into facts (bot/notes, bot/extract). Any change to it, a new
    attribution rule as much as a parser fix, re-extracts existing stores at the next ingest: no version
    number to remember to bump, and no bot answering from facts its own code would no longer find."""
    digest = hashlib.sha256()
    for package in READER_PACKAGES:
        for path in sorted((bot_dir / package).glob("*.py")):
            digest.update(f"{package}/{path.name}\0".encode() + path.read_bytes())
    return digest.hexdigest()[:16]


# Read once per process (ingest asks at every run); build_key reads the files again, as they are now.
reader_code_hash = functools.cache(reader_hash)


def build_key(bot_dir: Path = BOT_DIR) -> str:
    """What a build is valid for: the reader's source, the modules it imports, this interpreter."""
    digest = hashlib.sha256(reader_hash(bot_dir).encode())
    for name in IMPORTED:
        digest.update(f"\0{name}\0".encode() + (bot_dir / name).read_bytes())
    digest.update(f"\0{sys.implementation.cache_tag}\0{_suffix()}".encode())
    return digest.hexdigest()[:16]


def compiled_modules(bot_dir: Path = BOT_DIR) -> list[str]:
    """Dotted names of the modules a build compiles."""
    return [
        f"bot.{package}.{path.stem}"
        for package in READER_PACKAGES
        for path in sorted((bot_dir / package).glob("*.py"))
        if path.name not in PURE_MODULES
    ]


def build_dir(bot_dir: Path = BOT_DIR) -> Path | None:
    """The finished build for this source and interpreter, if there is one."""
    builds = bot_dir / BUILDS
    if not builds.is_dir():  # the common case on a fresh clone costs one stat, no hashing
        return None
    folder = builds / build_key(bot_dir)
    return folder if (folder / MANIFEST).is_file() else None


class _Finder(importlib.abc.MetaPathFinder):
    """Finds the compiled reader modules in a build, for the bot package it was built from only (benches
    load another tree's `bot` beside this one, bench/trees.py)."""

    def __init__(self, build: Path, bot_dir: Path, names: Sequence[str]) -> None:
        self.build = build
        self.packages = {bot_dir / package for package in READER_PACKAGES}
        self.names = frozenset(names)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname in self.names:
            if path is None or not self.packages.intersection(Path(entry).resolve() for entry in path):
                return None
        elif not (path is None and fullname.endswith("__mypyc")):  # the build's shared library
            return None
        file = self.build / (fullname.replace(".", "/") + _suffix())
        return importlib.util.spec_from_file_location(fullname, file) if file.is_file() else None


def install(bot_dir: Path = BOT_DIR) -> Path | None:
    """Serve the reader's modules from the build for this source, when there is one and LABNOTES_PURE is
    not set: called by bot/__init__.py, before any of them is imported. The build it uses, else None."""
    if os.environ.get(PURE_ENV) or any(isinstance(finder, _Finder) for finder in sys.meta_path):
        return None
    build = build_dir(bot_dir)
    if build is not None:
        names = json.loads((build / MANIFEST).read_text("utf-8"))["modules"]
        sys.meta_path.insert(0, _Finder(build, bot_dir, names))
    return build


def in_use() -> bool:
    """Whether the reader runs compiled in this process (its parser is the one that counts)."""
    module = sys.modules.get("bot.notes.parse")
    return module is not None and not str(module.__file__).endswith(".py")


def build(bot_dir: Path = BOT_DIR) -> Path:
    """Compile the reader for this source, unless built already; the build's folder. Raises BuildError
    with mypyc's or the compiler's own words when it cannot."""
    import shutil  # only a build needs these
    import subprocess
    import tempfile

    if (done := build_dir(bot_dir)) is not None:
        return done
    key = build_key(bot_dir)
    builds = bot_dir / BUILDS
    builds.mkdir(exist_ok=True)
    modules = compiled_modules(bot_dir)
    sources = [name.replace(".", "/") + ".py" for name in modules]
    with tempfile.TemporaryDirectory(prefix=f"{key}-", dir=builds) as scratch:
        work = Path(scratch)
        command = [sys.executable, "-c", _SETUP, ",".join(sources), str(work / "c"), "build_ext"]
        command += ["--build-lib", str(work / "lib"), "--build-temp", str(work / "tmp")]
        command += ["--parallel", str(os.cpu_count() or 1)]
        # mypyc names each module by its path from the folder it runs in: the one that holds bot/.
        env = {**os.environ, PURE_ENV: "1"}
        ran = subprocess.run(command, cwd=bot_dir.parent, env=env, capture_output=True, text=True)
        if ran.returncode != 0:
            raise BuildError(_last_lines(ran.stdout + ran.stderr))
        staged = work / "lib"  # the extension modules alone, laid out as their names say
        manifest = {"modules": modules, "python": sys.version.split()[0], "mypy": _mypy_version()}
        (staged / MANIFEST).write_text(json.dumps(manifest, indent=1), "utf-8")
        final = builds / key
        try:
            staged.rename(final)  # whole or not at all: a reader never sees half a build
        except OSError:
            if build_dir(bot_dir) is None:  # not another build of the same source finishing first
                raise
    # Builds for other source are never used again; a name with "-" is a build under way.
    for old in builds.iterdir():
        if old.is_dir() and old.name != key and "-" not in old.name:
            shutil.rmtree(old, ignore_errors=True)
    return final


class BuildError(Exception):
    """The reader could not be compiled (no mypy, no C compiler, a type error mypyc refuses)."""


def _suffix() -> str:
    """This interpreter's own extension suffix (".cpython-311-x86_64-linux-gnu.so"), which builds carry."""
    return importlib.machinery.EXTENSION_SUFFIXES[0]


def _mypy_version() -> str:
    try:
        from mypy.version import __version__
    except ImportError:
        return ""
    return str(__version__)


def _last_lines(output: str, count: int = 15) -> str:
    return "\n".join(output.strip().splitlines()[-count:])
