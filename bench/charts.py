"""Chart benchmark: the /openness chart's and the component matrix's render time and PNG size on a real
store.

    python bench/charts.py [--db bench/out/labnotes.db] [--runs 20]

The store is the vault's (../shared/vault ingested, as bench/ingest.py leaves it in bench/out); the
chart is built from it exactly as /openness builds it. Times the render alone (matplotlib imported and
warmed first: that import is paid once per process, reported separately), then /openness end to end
with the cache cold (a new chart each time) and warm. The component matrix likewise: the vault's lab
with the most models in its /lab matrix, /lab of that lab cold and warm, and the largest matrix drawn
(MAX_ROWS models, every status and a licence each). Goal (issue 14): render ≤ 300 ms at the vault's size.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


async def measure(db: Path, runs: int) -> dict[str, float]:
    from bot.charts import OpennessChart, render, render_openness
    from bot.commands.engine import Engine
    from bot.commands.openness import ranking_chart
    from bot.config import Config
    from bot.contracts import Actor, Channel
    from bot.store import queries

    engine = await Engine.open(replace(Config(), db_path=db))
    try:
        rows = await queries.all_stats(engine.store, "lab")
        chart = ranking_chart(engine.context, rows)
        started = time.perf_counter()
        png = render_openness(chart)  # first render: imports matplotlib, loads fonts
        first = time.perf_counter() - started
        times = []
        for i in range(runs):
            varied = OpennessChart(chart.bars, title=f"{chart.title} {i}")  # never equal: no cache
            started = time.perf_counter()
            render_openness(varied)
            times.append(time.perf_counter() - started)
        actor, channel = Actor("console", "bench", "bench"), Channel("console", "bench")
        render._cache.clear()
        started = time.perf_counter()
        await engine.ask("/openness", actor, channel)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(runs):
            started = time.perf_counter()
            await engine.ask("/openness", actor, channel)
            warm.append(time.perf_counter() - started)
    finally:
        await engine.close()
    return {
        "labs": len(chart.bars),
        "png_bytes": len(png),
        "first_render_ms": first * 1000,
        "render_median_ms": statistics.median(times) * 1000,
        "render_max_ms": max(times) * 1000,
        "openness_cold_ms": cold * 1000,
        "openness_warm_median_ms": statistics.median(warm) * 1000,
    }


async def measure_matrix(db: Path, runs: int) -> dict[str, float | str]:
    from bot.charts import MatrixChart, MatrixRow, matrix, render
    from bot.commands.engine import Engine
    from bot.commands.entity import MATRIX_MODELS, lab_chart
    from bot.config import Config
    from bot.contracts import Actor, Channel
    from bot.extract.model import COMPONENTS
    from bot.reply import COMPONENT_STATUSES
    from bot.store import queries
    from bot.store.components import components

    engine = await Engine.open(replace(Config(), db_path=db))
    try:
        ctx = engine.context
        biggest: tuple[str, MatrixChart] | None = None
        for lab in await queries.all_stats(engine.store, "lab"):
            models = await queries.discussed_models(engine.store, lab.entity_id)
            rows = [(m.entity_id, await components(engine.store, "model", m.entity_id)) for m in models]
            chart = lab_chart(ctx, ctx.names.display("lab", lab.entity_id), rows[: MATRIX_MODELS * 2])
            if biggest is None or len(chart.rows) > len(biggest[1].rows):
                biggest = (ctx.names.display("lab", lab.entity_id), chart)
        assert biggest is not None
        name, chart = biggest
        worst = MatrixChart(
            "Largest matrix: components by model",
            COMPONENTS,
            tuple(
                MatrixRow(
                    f"Model number {i} of a lab",
                    tuple(COMPONENT_STATUSES[(i + c) % 4] for c in range(len(COMPONENTS))),
                    "a community licence",
                )
                for i in range(matrix.MAX_ROWS)
            ),
        )
        png = matrix.render_matrix(chart)  # matplotlib imported and warm
        times, worst_times = [], []
        for i in range(runs):
            started = time.perf_counter()
            matrix.render_matrix(MatrixChart(f"{chart.title} {i}", chart.columns, chart.rows))
            times.append(time.perf_counter() - started)
            started = time.perf_counter()
            worst_png = matrix.render_matrix(MatrixChart(f"{worst.title} {i}", worst.columns, worst.rows))
            worst_times.append(time.perf_counter() - started)
        actor, channel = Actor("console", "bench", "bench"), Channel("console", "bench")
        render._cache.clear()
        started = time.perf_counter()
        await engine.ask(f"/lab {name}", actor, channel)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(runs):
            started = time.perf_counter()
            await engine.ask(f"/lab {name}", actor, channel)
            warm.append(time.perf_counter() - started)
    finally:
        await engine.close()
    return {
        "matrix_lab": name,
        "matrix_rows": len(chart.rows),
        "matrix_png_bytes": len(png),
        "matrix_render_median_ms": statistics.median(times) * 1000,
        "matrix_render_max_ms": max(times) * 1000,
        "lab_cold_ms": cold * 1000,
        "lab_warm_median_ms": statistics.median(warm) * 1000,
        "largest_matrix_rows": len(worst.rows),
        "largest_matrix_png_bytes": len(worst_png),
        "largest_matrix_render_median_ms": statistics.median(worst_times) * 1000,
        "largest_matrix_render_max_ms": max(worst_times) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=HERE / "out" / "labnotes.db")
    parser.add_argument("--runs", type=int, default=20)
    ns = parser.parse_args()
    if not ns.db.exists():
        sys.exit(
            f"no store at {ns.db}: ingest ../shared/vault first (python bench/ingest.py --vault ../shared/vault)"
        )
    result = {**asyncio.run(measure(ns.db, ns.runs)), **asyncio.run(measure_matrix(ns.db, ns.runs))}
    print("| measure | value |\n| --- | --- |")
    for key, value in result.items():
        shown = (
            f"{value:,.1f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else value
        )
        print(f"| {key} | {shown} |")


if __name__ == "__main__":
    main()
