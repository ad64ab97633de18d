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
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "bench")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from catalog.loader import BUNDLED_ROOT, load_catalog  # noqa: E402
from engine.compare import compare  # noqa: E402
from engine.cost import DEFAULT_TRAFFIC, estimate  # noqa: E402
from engine.results import SECTION_GROUPS, SectionKey  # noqa: E402
from stats import percentile  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "engine.md"
COMPARE_TARGET_MS = 0.5
COST_TARGET_MS = 0.2
WARMUP = 200
RUNS = 3000

SEED_PAIR = ("openai/gpt-4.1-mini", "xai/grok-4.3")
"""The seed page's pair."""
BENCHMARK_PAIR = ("openai/gpt-4.1-mini", "xai/grok-4.20")
"""A pair with a shared benchmark row (SWE-bench Verified), so the benchmark lead paths run too."""
RANDOM_PAIRS = 200
RANDOM_SEED = 3
"""Pairs of bundled models drawn at random (the same ones every run), each compared in turn."""
OVERVIEW = (*SECTION_GROUPS["overview"], SectionKey.SOURCES)
"""What the bot works out for a /compare reply opening on the overview (its footer names the sources)."""
SEED_FOUR = ("openai/gpt-4.1-mini", "xai/grok-4.3", "xai/grok-4.20", "anthropic/claude-sonnet-4.5")
"""The seed models and a model with long-context tiers on several routes."""


BASELINE = (
    "2e89ee2",
    "2026-11-26",
    {
        f"compare({', '.join(SEED_PAIR)})": (2.9466, 4.4702),
        f"compare({', '.join(BENCHMARK_PAIR)})": (3.0382, 5.0165),
        "estimate, seed four: 14 routes": (2.7689, 3.1140),
        "estimate, four with the most routes: 35 routes": (12.1572, 13.1959),
    },
)
"""The same cases measured on the same machine before the engine's speed work: (commit, date,
{case: (median ms, p99 ms)}). Nothing then was cached, so those figures are also first-time figures."""

SESSION_START = (
    "511b779",
    "2026-11-26",
    {
        f"compare({', '.join(SEED_PAIR)})": (0.5110, 0.5513),
        f"compare({', '.join(BENCHMARK_PAIR)})": (0.5669, 0.6375),
        "estimate, seed four: 14 routes": (0.0748, 0.0942),
        "estimate, four with the most routes: 35 routes": (0.1303, 0.1519),
        "first time: compare(openai/gpt-4.1-mini, xai/grok-4.3)": (0.9880, 1.4037),
        "first time: estimate, four with the most routes": (0.9828, 1.7457),
    },
)
"""The same cases before the last round (generated result constructors, capability sentences from
templates, direct pairwise leads, comparisons of some sections), from the run written at 06:34 UTC.
Its "first time" rows were taken with the fresh copies in the collector's young generations (see
``measure_cold``), which added collections the bot, with its catalog frozen, does not pay."""

HISTORY = (
    (BASELINE, "Before the engine's speed work (commit {commit}, {day}, same machine, then uncached):"),
    (SESSION_START, "Before the last round of work (commit {commit}, {day}, same machine, warm caches as now):"),
)
"""Earlier runs, oldest first, each written as a table against this run (the runs between them are
in the history of ``bench/results/engine.md``)."""


def before_table(caption: str, before: dict[str, tuple[float, float]], now: dict) -> list[str]:
    """An earlier run's figures for the cases this run also has, with this run's median over theirs."""
    lines = ["", caption, "", "| case | median (ms) | p99 (ms) | median now / before |", "|---|---:|---:|---:|"]
    lines += [
        f"| {name} | {median:.4f} | {p99:.4f} | {now[name].median_ms / median:.2f} |"
        for name, (median, p99) in before.items()
        if name in now
    ]
    return lines


STATUS = (
    "Where the comparison stands: both targets are met warm (the steady state of the bot and of repeated "
    "calls in one process) for the seed pair, the pair with a shared benchmark row and 200 random pairs "
    "in turn. The last round: each result type gets a generated constructor (a result object costs about "
    "1.4 us instead of 2.3); capability sentences are templates keyed on the capability and the pattern "
    "of answers, filled with the names; a lead between two models is a direct comparison; the cheapest "
    "prices and capability answers are read once per model; and `compare(models, sections=...)` works "
    "out only the sections asked for (the bot's /compare its opening group and the sources). The "
    "\"first time\" rows are above the warm targets: a model's first facts (route costs, break-even "
    "lines, cheapest prices, phrases) cost about 0.2 ms each, and `versus cost` or `versus compare`, a "
    "fresh process per call, pays them every time, inside its start-up. Nothing is cached on a pair or "
    "set of models or on a traffic. Estimates now also price a route only for requests that fit its "
    "context window, and their break-even lines stop where a route stops taking requests: more zones "
    "to search for the models whose routes differ in window, which is why the four models with the "
    "most routes take about 15% longer than before that change."
)
"""Said under the figures: where the engine stands against its targets."""


@dataclass(frozen=True)
class Timing:
    median_ms: float
    p99_ms: float


def timing(samples_ns: list[int]) -> Timing:
    return Timing(statistics.median(samples_ns) / 1e6, percentile(samples_ns, 99) / 1e6)


def time_each(work: Callable[[Any], object], inputs: Iterable[Any]) -> Timing:
    """``work(x)`` timed once for each input."""
    samples = []
    for item in inputs:
        start = time.perf_counter_ns()
        work(item)
        samples.append(time.perf_counter_ns() - start)
    return timing(samples)


def measure(work: Callable[[], object], runs: int, warmup: int = WARMUP) -> Timing:
    for _ in range(warmup):
        work()
    gc.collect()
    return time_each(lambda _: work(), range(runs))


def measure_rotating(work: Callable[[list], object], groups: list[list], runs: int) -> Timing:
    """Like ``measure``, each call on the next group of models in turn (every group warmed up first)."""
    for group in groups:
        for _ in range(3):
            work(group)
    gc.collect()
    return time_each(work, (groups[index % len(groups)] for index in range(runs)))


def measure_cold(work: Callable[[list], object], models: list, runs: int) -> Timing:
    """Each call on fresh deep copies of the models, so nothing cached on a model object (its
    costs, lines, prices) is reused: the first comparison of models just loaded. Copies are made
    before timing; caches keyed by value (formatted numbers, table cells) stay warm."""
    copies = [[m.model_copy(deep=True) for m in models] for _ in range(runs + 20)]
    for fresh in copies[:20]:
        work(fresh)
    # The copies stand for a catalog just loaded, which the bot freezes before serving
    # (``bot.app.settle_memory``): out of the collector's walks, as they would be there.
    gc.collect()
    gc.freeze()
    try:
        return time_each(work, copies[20:])
    finally:
        gc.unfreeze()


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

    cases: list[tuple[str, Callable[[], Timing], float]] = []
    for pair in (SEED_PAIR, BENCHMARK_PAIR):
        models = [catalog[i] for i in pair]
        cases.append((f"compare({names(pair)})", lambda models=models: measure(lambda: compare(models), args.runs), COMPARE_TARGET_MS))
    rng = random.Random(RANDOM_SEED)
    all_models = list(catalog)
    random_pairs = [rng.sample(all_models, 2) for _ in range(RANDOM_PAIRS)]
    cases.append(
        (
            f"compare, {RANDOM_PAIRS} random pairs in turn",
            lambda: measure_rotating(compare, random_pairs, args.runs),
            COMPARE_TARGET_MS,
        )
    )
    for label, models in (("seed four", seed_four), ("four with the most routes", heavy_four)):
        cases.append(
            (
                f"estimate, {label}: {routes(models)} routes",
                lambda models=models: measure(lambda: estimate(models, DEFAULT_TRAFFIC), args.runs),
                COST_TARGET_MS,
            )
        )
    cold_runs = min(args.runs, 1000)
    pair = [catalog[i] for i in SEED_PAIR]
    cases.append(
        (f"first time: compare({names(SEED_PAIR)})", lambda: measure_cold(compare, pair, cold_runs), COMPARE_TARGET_MS)
    )
    cases.append(
        (
            f"first time: compare({names(SEED_PAIR)}), overview only",
            lambda: measure_cold(lambda ms: compare(ms, sections=OVERVIEW), pair, cold_runs),
            COMPARE_TARGET_MS,
        )
    )
    cases.append(
        (
            f"first time: estimate, four with the most routes",
            lambda: measure_cold(lambda ms: estimate(ms, DEFAULT_TRAFFIC), heavy_four, cold_runs),
            COST_TARGET_MS,
        )
    )

    started = dt.datetime.now(dt.timezone.utc)
    results = [(name, timing(), target) for name, timing, target in cases]
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
        "on the median. The host may be shared with other work: p99 moves with it far more than the median.",
        "",
        "| case | median (ms) | p99 (ms) | target (ms) | median / target | p99 / target |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {t.median_ms:.4f} | {t.p99_ms:.4f} | {target} | {t.median_ms / target:.2f} | {t.p99_ms / target:.2f} |"
        for name, t, target in results
    ]
    missed = [name for name, t, target in results if t.median_ms >= target]
    lines += [
        "",
        f"Median under target in {len(results) - len(missed)} of {len(results)} cases"
        + (f"; missed: {'; '.join(missed)}." if missed else "."),
    ]
    now = {name: t for name, t, _ in results}
    for (commit, day, before), caption in HISTORY:
        lines += before_table(caption.format(commit=commit, day=day), before, now)
    lines += ["", STATUS]
    lines += [
        "",
        "Estimate models:",
        "",
        "- seed four: " + ", ".join(f"{m.id} ({len(m.routes)} routes)" for m in seed_four) + ".",
        "- four with the most routes: " + ", ".join(f"{m.id} ({len(m.routes)} routes)" for m in heavy_four) + ".",
        "",
        "An estimate prices every route of every model and looks for break-even points between each pair "
        "of models (six pairs for four models); a comparison includes its own estimate of its models.",
        "",
        "The engine caches facts derived from one catalog object on that object (by identity: a route's "
        "rates, a model's costs at a traffic, its cheapest prices, sources and sentences) and shares "
        "immutable table cells and rows and formatted numbers by value. It caches nothing keyed on a "
        "pair or set of models, so every comparison and estimate is computed afresh from those. The "
        "plain rows are the steady state of a process that loaded its catalog once (the bot, "
        f"repeated CLI calls in one process); the \"first time\" rows ({cold_runs} calls) run each call "
        "on fresh deep copies of the models, so no per-object cache helps.",
    ]
    text = "\n".join(lines) + "\n"
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
