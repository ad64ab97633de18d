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
import copy
import datetime as dt
import gc
import json
import os
import platform
import random
import statistics
import subprocess
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
from engine import cache  # noqa: E402
from engine.sections import SECTION_GROUPS  # noqa: E402
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
OVERVIEW = (*SECTION_GROUPS["overview"], "sources")
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

BEFORE_RESTRUCTURE = (
    "314e7de",
    "2026-11-29",
    {
        f"compare({', '.join(SEED_PAIR)})": (0.2041, 0.3374),
        f"compare({', '.join(BENCHMARK_PAIR)})": (0.2300, 0.3598),
        f"compare, {RANDOM_PAIRS} random pairs in turn": (0.2884, 0.4893),
        "estimate, seed four: 14 routes": (0.0367, 0.0665),
        "estimate, four with the most routes: 35 routes": (0.0671, 0.1258),
        "first time: compare(openai/gpt-4.1-mini, xai/grok-4.3)": (0.5412, 4.9809),
        "first time: compare(openai/gpt-4.1-mini, xai/grok-4.3), overview only": (0.3646, 4.7614),
        "first time: estimate, four with the most routes": (0.6193, 1.6687),
    },
)
"""The same cases just before issue 12's restructure (22 caches on model objects, generated result
constructors), measured on the host of that day (a faster one than 2026-11-26's, and busier)."""

HISTORY = (
    (BASELINE, "Before the engine's speed work (commit {commit}, {day}, then uncached):"),
    (SESSION_START, "Before the last round of that work (commit {commit}, {day}):"),
    (BEFORE_RESTRUCTURE, "Before the restructure of issue 12 (commit {commit}, {day}, every cache of then warm):"),
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
    "Where the engine stands: the restructure of issue 12 put every section in a module of its own, split "
    "cost into traffic, pricing, estimate and break-even, and replaced 22 caches on model objects, the "
    "generated result constructors and the inline memos with one cache decorator (`engine/cache.py`) on a "
    "few functions, each bounded, counted and switched off together by `VERSUS_ENGINE_CACHE=off`; results "
    "are plain frozen dataclasses (`catalog.record.Record`), built without validation. The warm comparison targets stay met, with less "
    "margin than before (the table against the code of that morning). The kept caches are what one model "
    "alone gives, its costs, rate tables and break-even lines, table rows and cells, formatted numbers, and "
    "estimates per set of models and traffic (a reply's later pages ask for the same estimate again): with "
    "that last one the warm estimate rows are a look-up, and the \"first time\" rows are the computation. "
    "With every cache off (the last table) a comparison takes a few milliseconds: far inside Discord's "
    "3-second deadline, but over the 0.5 ms target."
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
    """Each call on fresh deep copies of the models, so nothing cached per model (its facts, costs,
    lines) is reused: the first comparison of models just loaded. Copies are made before timing;
    caches keyed by value (formatted numbers, table rows) stay warm."""
    copies = [[copy.deepcopy(m) for m in models] for _ in range(runs + 20)]
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


def caches_off(runs: int) -> dict[str, tuple[float, float]]:
    """The same cases in a child process with every engine cache off: {case: (median ms, p99 ms)}."""
    env = {**os.environ, cache.SWITCH: "off"}
    done = subprocess.run(
        [sys.executable, __file__, "--json", "--runs", str(runs)], capture_output=True, text=True, env=env, check=True
    )
    return {name: (median, p99) for name, (median, p99) in json.loads(done.stdout).items()}


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
    parser.add_argument("--json", action="store_true", help="print {case: [median ms, p99 ms]} only (for the caches-off run)")
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
    if args.json:
        print(json.dumps({name: [t.median_ms, t.p99_ms] for name, t, _ in results}))
        return 0
    off = caches_off(min(args.runs, 1000))
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
    lines += [
        "",
        f"With every engine cache off ({cache.SWITCH}=off, in a process of its own, {min(args.runs, 1000)} calls a case):",
        "",
        "| case | median (ms) | p99 (ms) | median / target | median off / on |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {off[name][0]:.4f} | {off[name][1]:.4f} | {off[name][0] / target:.2f} | {off[name][0] / t.median_ms:.2f} |"
        for name, t, target in results
        if name in off
    ]
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
        "The engine's caches (`engine/cache.py`, each with its bound): "
        + ", ".join(f"{s.name} ({s.size:,})" for s in cache.stats())
        + ". Of what depends on several models, only estimates and the sources an answer cites are kept (per "
        "set of models and traffic); a comparison is otherwise worked out afresh from what is kept per model. "
        "The plain rows are the steady state of a process that loaded "
        f"its catalog once (the bot, repeated CLI calls in one process); the \"first time\" rows ({cold_runs} "
        "calls) run each call on fresh deep copies of the models, so nothing kept per model helps.",
    ]
    text = "\n".join(lines) + "\n"
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
