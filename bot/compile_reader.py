"""`python -m bot.compile_reader`: compile the note reader for this source (bot.compiled), unless it is
already; when it cannot, say why and leave the bot running as Python (exit status 1)."""

from __future__ import annotations

import sys

from bot.compiled import BOT_DIR, BuildError, build


def main() -> int:
    try:
        folder = build()
    except (BuildError, OSError) as error:
        print(f"labnotes: the note reader stays Python (a slower ingest): compiling it failed:\n{error}")
        return 1
    print(f"labnotes: the note reader is compiled for this source ({folder.relative_to(BOT_DIR.parent)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
