"""The compiled note reader (bot.compiled): built from this source, loaded only for it, and reading every
corpus note exactly as its source does."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from bench.compiled_reader import compare
from bot.compiled import BOT_DIR, MANIFEST, PURE_ENV, _Finder, build, build_dir, build_key, compiled_modules
from tests.conftest import REPO, SHARED

CORPUS = SHARED / "corpus"


def has_c_compiler() -> bool:
    return shutil.which(str(sysconfig.get_config_var("CC") or "cc").split()[0]) is not None


def bot_copy(root: Path) -> Path:
    """A bot/ folder with the reader's packages and the modules it imports, as build_key reads them."""
    shutil.copytree(BOT_DIR, root / "bot", ignore=shutil.ignore_patterns("__pycache__", "_compiled"))
    return root / "bot"


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_the_compiled_reader_gives_every_corpus_note_the_rows_its_source_gives() -> None:
    if build_dir() is None and not has_c_compiler():
        pytest.skip("no build of the reader and no C compiler to make one")
    build()  # nothing to do when `make test` built it already
    pure, compiled, differ = compare(CORPUS)
    assert (pure["compiled"], compiled["compiled"]) == (False, True)
    assert len(pure["digests"]) == len(list(CORPUS.rglob("*.md"))) > 1000
    assert differ == []


def test_a_change_to_the_reader_or_what_it_imports_needs_another_build(tmp_path: Path) -> None:
    bot = bot_copy(tmp_path)
    before = build_key(bot)
    (bot / "commands" / "lab.py").write_text("# not the reader\n", encoding="utf-8")
    assert build_key(bot) == before
    for changed in [bot / "notes" / "claims.py", bot / "catalog.py"]:
        changed.write_text(changed.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        assert build_key(bot) != before
        before = build_key(bot)


def test_a_build_folder_without_its_manifest_is_not_a_build(tmp_path: Path) -> None:
    bot = bot_copy(tmp_path)
    unfinished = bot / "_compiled" / build_key(bot)
    unfinished.mkdir(parents=True)
    assert build_dir(bot) is None
    (unfinished / MANIFEST).write_text("{}", encoding="utf-8")
    assert build_dir(bot) == unfinished


def test_the_build_serves_its_own_bot_package_only(tmp_path: Path) -> None:
    suffix = str(sysconfig.get_config_var("EXT_SUFFIX"))
    built = tmp_path / "build" / "bot" / "notes" / f"parse{suffix}"
    built.parent.mkdir(parents=True)
    built.write_bytes(b"")
    finder = _Finder(tmp_path / "build", tmp_path / "bot", ["bot.notes.parse"])
    own = finder.find_spec("bot.notes.parse", [str(tmp_path / "bot" / "notes")])
    assert own is not None and own.origin == str(built)
    assert finder.find_spec("bot.notes.parse", [str(tmp_path / "other_tree" / "bot" / "notes")]) is None
    assert finder.find_spec("bot.notes.model", [str(tmp_path / "bot" / "notes")]) is None


def test_the_reader_modules_that_stay_python_are_not_compiled() -> None:
    names = compiled_modules()
    assert {"bot.notes.parse", "bot.notes.claims", "bot.extract.extractor", "bot.extract.openness"} <= set(
        names
    )
    assert not {"bot.notes.model", "bot.extract.model"} & set(names)
    assert not any(name.endswith("__init__") for name in names)


def test_labnotes_pure_runs_the_reader_as_python_whatever_is_built() -> None:
    code = "import bot.notes.parse as p; from bot.compiled import in_use; print(in_use(), p.__file__)"
    env = {"PATH": "/usr/bin:/bin", PURE_ENV: "1"}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["False", str(BOT_DIR / "notes" / "parse.py")]


def test_no_compiled_module_relies_on_a_cached_property() -> None:
    # Compiled by mypyc, a functools.cached_property is computed at every access: 13× slower for the
    # prefilter the mention finder had.
    sources = [BOT_DIR.parent / (name.replace(".", "/") + ".py") for name in compiled_modules()]
    assert [path.name for path in sources if "cached_property" in path.read_text(encoding="utf-8")] == []
