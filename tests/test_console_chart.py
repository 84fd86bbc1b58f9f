"""The console shows a chart as text bars and saves the PNG to a file whose path it prints."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from adapters.console import CHART_DIR_VARIABLE, ask, save_chart
from adapters.console_render import render_text
from bot.reply import Reply

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def namespace(db: Path, line: str, *, as_json: bool = False) -> argparse.Namespace:
    return argparse.Namespace(line=line, db=db, json=as_json, config=None)


def saved(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def chart_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "charts"
    monkeypatch.setenv(CHART_DIR_VARIABLE, str(folder))
    return folder


async def test_openness_prints_text_bars_and_the_path_of_the_saved_png(
    seed_db: Path, chart_dir: Path
) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert await ask(namespace(seed_db, "/openness"), out, err) == 0
    text = out.getvalue()
    (chart,) = saved(chart_dir)
    assert text.endswith(f"Chart saved to {chart}\n")
    assert chart.read_bytes().startswith(PNG_MAGIC)
    assert "█ open  ▒ partly open  ░ closed  (episodes)" in text


async def test_json_output_saves_no_file_and_carries_no_image(seed_db: Path, chart_dir: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    await ask(namespace(seed_db, "/openness", as_json=True), out, err)
    assert "image" not in json.loads(out.getvalue()) and saved(chart_dir) == []


def test_the_same_chart_is_saved_once_under_a_name_from_its_content(tmp_path: Path) -> None:
    reply = Reply("ok", "Openness", image=PNG_MAGIC + b"chart")
    first, again = save_chart(reply, tmp_path), save_chart(reply, tmp_path)
    assert first == again and first is not None and list(tmp_path.iterdir()) == [first]


async def test_a_chart_folder_that_cannot_be_written_is_said_and_the_answer_stands(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CHART_DIR_VARIABLE, str(blocker / "charts"))
    out, err = io.StringIO(), io.StringIO()
    assert await ask(namespace(seed_db, "/openness"), out, err) == 0
    assert out.getvalue().startswith("Openness of AI labs\n")
    assert "Chart not saved: " in out.getvalue() and "Traceback" not in out.getvalue() + err.getvalue()


def test_text_bars_sit_between_the_text_and_the_fields_unwrapped() -> None:
    bars = "Meta  " + "█" * 90 + " +1.00"
    reply = Reply("ok", "Openness", "Ranked.", image_text=bars)
    assert render_text(reply, width=60).split("\n")[2:5] == ["Ranked.", "", bars]
