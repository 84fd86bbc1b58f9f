"""Does an ingest of this tree store exactly what another revision's does? Each tree ingests the notes into
a fresh store (bench/ingest.py --child, in its own process), then every stored table is compared row by
row, ids included; times of the run (ingested_at, updated_at, at) are left out.

    python bench/ingest_identical.py --vault /work/shared/vault [--against HEAD | --against DIR]

`--against`: a git revision of this repository (exported to a temporary folder) or a folder holding
another tree. Prints one line per table and exits 1 if any differs.
"""

from __future__ import annotations

import argparse
import io
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLES = (
    "sources",
    "notes",
    "episodes",
    "sections",
    "claims",
    "mentions",
    "signals",
    "note_readings",
    "ingest_failures",
)
TIMES = {"ingested_at", "updated_at", "at"}  # when it ran, not what it stored
# The brief's view, ids aside: each claim by its note's path and its section's heading.
CLAIMS_BY_PATH = (
    "SELECT s.path, c.ordinal, c.text, c.seconds, c.timestamps, c.inherited, h.heading"
    " FROM {db}.claims c JOIN {db}.sources s ON s.id = c.note_id LEFT JOIN {db}.sections h ON h.id = c.section_id"
)


def export(revision: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(HERE.parent), "archive", revision], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def ingest(tree: Path, vault: Path, db: Path) -> str:
    script = str(tree / "bench" / "ingest.py")
    out = subprocess.run(
        [sys.executable, script, "--child", "ingest", "--vault", str(vault), "--db", str(db)],
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def differences(ours: Path, theirs: Path) -> list[tuple[str, int, int, int]]:
    """(table, rows, rows only in ours, rows only in theirs) per table, and for the claims by path."""
    conn = sqlite3.connect(ours)
    conn.execute("ATTACH DATABASE ? AS theirs", (str(theirs),))
    found = []
    queries = {}
    for table in TABLES:
        columns = ", ".join(
            row[1] for row in conn.execute(f"PRAGMA main.table_info({table})") if row[1] not in TIMES
        )
        queries[table] = (f"SELECT {columns} FROM main.{table}", f"SELECT {columns} FROM theirs.{table}")
    queries["claims by path"] = (CLAIMS_BY_PATH.format(db="main"), CLAIMS_BY_PATH.format(db="theirs"))
    for name, (mine, other) in queries.items():
        rows = conn.execute(f"SELECT count(*) FROM ({mine})").fetchone()[0]
        only_ours = conn.execute(f"SELECT count(*) FROM ({mine} EXCEPT {other})").fetchone()[0]
        only_theirs = conn.execute(f"SELECT count(*) FROM ({other} EXCEPT {mine})").fetchone()[0]
        found.append((name, rows, only_ours, only_theirs))
    conn.close()
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vault", type=Path, required=True)
    parser.add_argument("--against", default="HEAD", help="a git revision or a folder holding a tree")
    parser.add_argument("--keep", type=Path, help="keep both stores (ours.db, theirs.db) in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        other = Path(args.against)
        if not other.is_dir():
            other = export(args.against, work / "tree")
        print(f"ours: {ingest(HERE.parent, args.vault, work / 'ours.db')}")
        print(f"theirs ({args.against}): {ingest(other, args.vault, work / 'theirs.db')}")
        found = differences(work / "ours.db", work / "theirs.db")
    print("| table | rows | only ours | only theirs |\n|---|---|---|---|")
    for name, rows, only_ours, only_theirs in found:
        print(f"| {name} | {rows} | {only_ours} | {only_theirs} |")
    same = all(a == b == 0 for _, _, a, b in found)
    print("identical" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
