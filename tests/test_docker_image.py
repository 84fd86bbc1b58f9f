"""The image build and the compose file, read as Docker reads them (no Docker engine runs here)."""

from __future__ import annotations

import fnmatch
import shlex
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = (REPO / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    steps = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, args = line.partition(" ")
            steps.append((instruction.upper(), args.strip()))
    return steps


def final_stage() -> list[tuple[str, str]]:
    """The steps of the image itself: those after its last FROM (the ones before build the reader)."""
    steps = dockerfile()
    last = max(i for i, (op, _) in enumerate(steps) if op == "FROM")
    return steps[last:]


def copied(args: str) -> list[str]:
    """The sources of a COPY (flags dropped)."""
    return [word for word in shlex.split(args) if not word.startswith("--")][:-1]


def ignored(path: str) -> bool:
    """Whether .dockerignore keeps `path` out of the build context (last matching rule wins)."""
    verdict = False
    for rule in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines():
        rule = rule.strip()
        if not rule or rule.startswith("#"):
            continue
        negated, pattern = rule.startswith("!"), rule.lstrip("!")
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]  # a folder rule covers its files
        if any(fnmatch.fnmatch(p, pattern.replace("**/", "*").replace("/**", "/*")) for p in prefixes):
            verdict = not negated
    return verdict


def test_dependencies_are_installed_before_the_code_is_copied() -> None:
    steps = final_stage()
    install_deps = next(i for i, (op, args) in enumerate(steps) if op == "RUN" and "requirements" in args)
    first_code = next(i for i, (op, args) in enumerate(steps) if op == "COPY" and copied(args)[0] == "bot")
    assert all(copied(args) == ["pyproject.toml"] for op, args in steps[:install_deps] if op == "COPY")
    assert install_deps < first_code
    # The code's own install must not resolve dependencies again.
    code_install = [args for op, args in steps[first_code:] if op == "RUN" and "pip install" in args]
    assert code_install == ["pip install --no-deps --no-build-isolation ."]


def test_secrets_local_stores_and_caches_stay_out_of_the_build_context() -> None:
    for path in (".env", ".venv/bin/python", "data/labnotes.db", "data/labnotes.db-wal", "x.db", ".git/HEAD"):
        assert ignored(path), path
    for path in ("adapters/__pycache__/cli.cpython-311.pyc", "data/trash/a.md", "tests/conftest.py"):
        assert ignored(path), path


def test_the_build_context_keeps_what_the_image_copies() -> None:
    for op, args in dockerfile():
        if op == "COPY" and not args.startswith("--from="):  # a stage's files are not the context's
            for source in copied(args):
                assert not ignored(source), source
                assert (REPO / source).exists(), source
    assert not ignored("bot/store/ingest.py") and not ignored(".env.example")


def test_the_image_takes_only_the_compiled_reader_from_its_build_stage() -> None:
    steps = dockerfile()
    stage = next(args.split()[-1] for op, args in steps if op == "FROM" and " AS " in args.upper())
    assert any(op == "RUN" and "python -m bot.compile_reader" in args for op, args in steps)
    from_stage = [args for op, args in final_stage() if op == "COPY" and args.startswith("--from=")]
    assert from_stage == [f"--from={stage} /src/bot/_compiled ./bot/_compiled"]
    # copied before the code is installed, so that the wheel takes it; never the host's own build
    final = final_stage()
    taken = final.index(("COPY", from_stage[0]))
    assert taken < final.index(("RUN", "pip install --no-deps --no-build-isolation ."))
    assert ignored("bot/_compiled/0123abcd/manifest.json")


def test_only_the_sample_note_is_baked_into_the_image() -> None:
    assert ignored("data/notes/bankless/my_own_note.md")
    note_copies = [copied(args) for op, args in dockerfile() if op == "COPY" and "data/notes" in args]
    assert note_copies == [["data/notes/open_source_ai_models.md"]]


def test_compose_mounts_the_notes_folder_and_keeps_the_store_on_the_volume() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    volumes = compose["services"]["labnotes"]["volumes"]
    assert "./data/notes:/data/notes" in volumes
    assert "labnotes-data:/data" in volumes
    # A fresh clone's folder holds the sample note: the first `docker compose up` answers from it.
    assert (REPO / "data" / "notes" / "open_source_ai_models.md").is_file()
