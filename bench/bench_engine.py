"""Engine speed, in-process: comparisons of two resolved models and cost estimates over all routes of four.

Run: ``python bench/bench_engine.py [--runs N]``. Prints the figures and writes ``bench/results/engine.md``.
Targets (issue 3): a comparison of two resolved models < 0.5 ms median; a cost estimate over all routes
of four models < 0.2 ms median.

Always the bundled catalog (``catalog/models``), whatever ``$VERSUS_CATALOG`` says, so figures are
comparable between runs. Models are looked up once, before timing: the figures are the engine's
alone, not the loader's or the resolver's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog.loader import BUNDLED_ROOT, load_catalog  # noqa: E402
from engine.compare import compare  # noqa: E402
from engine.cost import DEFAULT_TRAFFIC, estimate  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "engine.md"
COMPARE_TARGET_MS = 0.5
COST_TARGET_MS = 0.2
WARMUP = 200
RUNS = 3000

SEED_PAIR = ("openai/gpt-4.1-mini", "xai/grok-4.3")
"""The seed page's pair."""
BENCHMARK_PAIR = ("openai/gpt-4.1-mini", "xai/grok-4.20")
"""A pair with a shared benchmark row (SWE-bench Verified), so the benchmark lead paths run too."""
SEED_FOUR = ("openai/gpt-4.1-mini", "xai/grok-4.3", "xai/grok-4.20", "anthropic/claude-sonnet-4.5")
"""The seed models and a model with long-context tiers on several routes."""


@dataclass(frozen=True)
class Timing:
    median_ms: float
    p99_ms: float


def measure(work: Callable[[], object], runs: int, warmup: int = WARMUP) -> Timing:
    for _ in range(warmup):
        work()
    samples = []
    gc.collect()
    for _ in range(runs):
        start = time.perf_counter_ns()
        work()
        samples.append(time.perf_counter_ns() - start)
    samples.sort()
    p99 = samples[min(len(samples) - 1, round(0.99 * (len(samples) - 1)))]
    return Timing(statistics.median(samples) / 1e6, p99 / 1e6)


def most_routes(catalog, count: int = 4):
    """The models with the most provider routes (ties by id), the heaviest estimate the catalog offers."""
    return sorted(catalog, key=lambda m: (-len(m.routes), m.id))[:count]


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpu = cpu or platform.processor() or platform.machine()
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()} ({platform.machine()})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"timed runs per case (default {RUNS})")
    parser.add_argument("--no-write", action="store_true", help=f"print only; do not write {RESULTS.relative_to(ROOT)}")
    args = parser.parse_args()

    catalog = load_catalog(BUNDLED_ROOT)
    seed_four = [catalog[i] for i in SEED_FOUR]
    heavy_four = most_routes(catalog)

    def routes(models) -> int:
        return sum(len(m.routes) for m in models)

    def names(ids) -> str:
        return ", ".join(ids)

    cases: list[tuple[str, Callable[[], object], float]] = []
    for pair in (SEED_PAIR, BENCHMARK_PAIR):
        models = [catalog[i] for i in pair]
        cases.append((f"compare({names(pair)})", lambda models=models: compare(models), COMPARE_TARGET_MS))
    for label, models in (("seed four", seed_four), ("four with the most routes", heavy_four)):
        cases.append(
            (
                f"estimate, {label}: {routes(models)} routes",
                lambda models=models: estimate(models, DEFAULT_TRAFFIC),
                COST_TARGET_MS,
            )
        )

    started = dt.datetime.now(dt.timezone.utc)
    results = [(name, measure(work, args.runs), target) for name, work, target in cases]
    load = os.getloadavg() if hasattr(os, "getloadavg") else None

    lines = [
        "# Engine benchmark",
        "",
        f"Written by `python bench/bench_engine.py` on {started:%Y-%m-%d %H:%M} UTC. "
        f"Python {platform.python_version()} ({platform.python_implementation()}); {machine()}"
        + (f"; load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min)" if load else "")
        + ".",
        "",
        f"Bundled catalog ({len(catalog)} models, {routes(catalog)} routes), models looked up before timing. "
        f"Each case: {args.runs} timed in-process calls after {WARMUP} warm-up calls, default traffic "
        f"({DEFAULT_TRAFFIC.description}). Ratio = measured / target; below 1 meets the target, which is "
        "on the median.",
        "",
        "| case | median (ms) | p99 (ms) | target (ms) | median / target | p99 / target |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {t.median_ms:.4f} | {t.p99_ms:.4f} | {target} | {t.median_ms / target:.2f} | {t.p99_ms / target:.2f} |"
        for name, t, target in results
    ]
    lines += [
        "",
        "Estimate models:",
        "",
        "- seed four: " + ", ".join(f"{m.id} ({len(m.routes)} routes)" for m in seed_four) + ".",
        "- four with the most routes: " + ", ".join(f"{m.id} ({len(m.routes)} routes)" for m in heavy_four) + ".",
        "",
        "An estimate prices every route of every model and looks for break-even points between each pair "
        "of models (six pairs for four models); a comparison includes its own estimate of its models.",
    ]
    text = "\n".join(lines) + "\n"
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
