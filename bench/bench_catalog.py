"""Catalog speed: loading and validating, building the resolver, resolving and suggesting at 10,000 models.

Run: ``python bench/bench_catalog.py``. Prints the figures and writes ``bench/results/catalog.md``.
Targets (issue 2): bundled catalog loaded and validated < 100 ms; a generated 10,000-model catalog < 1.5 s;
resolve and suggest at 10,000 models < 2 ms at the 99th percentile.

Loads are timed in a fresh child process each (``python -c``), after a warm-up load in that child that is not
counted, so imports and first-use compilation are out but no state is shared between samples.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "bench")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from catalog.loader import BUNDLED_ROOT, load_catalog  # noqa: E402
from catalog.resolver import Resolver  # noqa: E402
from stats import percentile  # noqa: E402
from synthetic import synthetic_models, write_catalog  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "catalog.md"
MODELS = 10_000
LOAD_BUNDLED_TARGET_MS = 100.0
LOAD_10K_TARGET_MS = 1500.0
LOOKUP_P99_TARGET_MS = 2.0
BUNDLED_RUNS = 15
LARGE_RUNS = 5
LOOKUP_ROUNDS = 20
SEED = 20261126

_CHILD = """
import sys, time, json
sys.path.insert(0, {root!r})
from catalog.loader import load_catalog
load_catalog({folder!r})
samples = []
for _ in range({runs}):
    start, cpu = time.perf_counter(), time.process_time()
    catalog = load_catalog({folder!r})
    samples.append(((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000))
    del catalog
print(json.dumps(samples))
"""


def load_samples(folder: Path, runs: int, processes: int, cpu: list[float] | None = None) -> list[float]:
    """``runs`` timed loads in each of ``processes`` fresh interpreters (the first load of each not counted).

    Returns wall-clock times; ``cpu``, when given, gets the CPU time of the same loads (the process's own, so
    less sensitive to other work on the machine)."""
    samples: list[float] = []
    for _ in range(processes):
        code = _CHILD.format(root=str(ROOT), folder=str(folder), runs=runs)
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
        pairs = json.loads(out.stdout.strip().splitlines()[-1])
        samples += [wall for wall, _ in pairs]
        if cpu is not None:
            cpu += [used for _, used in pairs]
    return samples


def queries(models, rng: random.Random) -> dict[str, list[str]]:
    """A varied query set: real names and ids, typos, prefixes, nonsense, ambiguous and very long input."""
    picked = rng.sample(models, 60)
    def typo(text: str) -> str:
        if len(text) < 4:
            return text
        i = rng.randrange(1, len(text) - 1)
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return {
        "exact name": [m.name for m in picked[:15]] + ["GPT-4.1 Mini", "Grok 4.3", "Claude Sonnet 4.5"],
        "id / other catalogs' ids": [m.id for m in picked[15:25]]
        + ["openai/gpt-4.1-mini", "x-ai/grok-4.20", "xai/grok-4.3", "gpt-4.1-mini-2025-04-14", "gpt4.1mini"],
        "typo": [typo(m.name) for m in picked[25:40]] + ["claud sonet 4.5", "gpt 4.1 mnii", "gemni 2.5 pro"],
        "prefix": [m.name[: rng.randint(2, max(3, len(m.name) // 2))] for m in picked[40:55]] + ["gpt", "cl", "nova 3", "q"],
        "nonsense": ["banana phone 9000", "zzzz", "qwertyuiop asdf", "12345", "the best model for me", "!!!"],
        "ambiguous": ["grok 4", "gpt 4.1", "claude", "nova 3.1", "llama 3", "gemini"],
        "long (300 chars)": [("gpt 4.1 mini " * 25)[:300], ("x" * 300), " ".join(m.name for m in picked[55:60])[:300]],
    }


def lookup_samples(resolver: Resolver, query_set: dict[str, list[str]], method: str) -> tuple[list[float], dict[str, float]]:
    call = getattr(resolver, method)
    flat = [q for qs in query_set.values() for q in qs]
    for q in flat:
        call(q)
    samples: list[float] = []
    worst: dict[str, float] = {}
    for _ in range(LOOKUP_ROUNDS):
        for kind, qs in query_set.items():
            for q in qs:
                start = time.perf_counter_ns()
                call(q)
                ms = (time.perf_counter_ns() - start) / 1e6
                samples.append(ms)
                worst[kind] = max(worst.get(kind, 0.0), ms)
    return samples, worst


def _load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def main() -> int:
    started = dt.datetime.now(dt.timezone.utc)
    wall = time.perf_counter()
    rng = random.Random(SEED)
    rows: list[tuple[str, str, float, float, str]] = []  # case, statistic, measured ms, target ms, note

    bundled = load_catalog()
    bundled_ms = load_samples(BUNDLED_ROOT, BUNDLED_RUNS, 3)
    rows.append((f"load + validate bundled catalog ({len(bundled)} files)", "median", statistics.median(bundled_ms), LOAD_BUNDLED_TARGET_MS, ""))
    rows.append((f"load + validate bundled catalog ({len(bundled)} files)", "p99", percentile(bundled_ms, 99), LOAD_BUNDLED_TARGET_MS, f"{len(bundled_ms)} loads in 3 processes"))

    models = synthetic_models(MODELS)
    sizes = {}
    with tempfile.TemporaryDirectory(prefix="versus-bench-") as tmp:
        for label, variant in (("long-tail routes", models), ("bundled-size routes", synthetic_models(MODELS, routes="bundled"))):
            folder = Path(tmp) / label.replace(" ", "-")
            paths = write_catalog(variant, folder)
            sizes[label] = (
                sum(p.stat().st_size for p in paths) / len(paths),
                sum(len(m.routes) for m in variant) / len(variant),
            )
            large_cpu: list[float] = []
            load_before = _load_average()
            large_ms = load_samples(folder, LARGE_RUNS, 1, large_cpu)
            size, routes = sizes[label]
            rows.append((f"load + validate {MODELS:,} generated files, {label}", "median", statistics.median(large_ms), LOAD_10K_TARGET_MS,
                         f"{routes:.1f} routes, {size / 1024:.1f} KB a file; {len(large_ms)} loads; "
                         f"CPU median {statistics.median(large_cpu):.0f} ms; load average {load_before:.2f} before"))
            if label == "bundled-size routes":
                rows[-1] = rows[-1][:4] + (rows[-1][4] + "; not the target's case, for comparison",)

    build = []
    for _ in range(3):
        start = time.perf_counter()
        resolver = Resolver(models)
        build.append((time.perf_counter() - start) * 1000)
    rows.append((f"Resolver(...) over {MODELS:,} models", "median of 3", statistics.median(build), float("nan"), "no target"))

    query_set = queries(models, rng)
    count = sum(len(v) for v in query_set.values())
    worst_by_kind = {}
    for method in ("resolve", "suggest"):
        samples, worst = lookup_samples(resolver, query_set, method)
        worst_by_kind[method] = worst
        rows.append((f"{method}() at {MODELS:,} models", "p50", percentile(samples, 50), LOOKUP_P99_TARGET_MS, ""))
        rows.append((f"{method}() at {MODELS:,} models", "p99", percentile(samples, 99), LOOKUP_P99_TARGET_MS,
                     f"{count} queries x {LOOKUP_ROUNDS} rounds"))

    load = _load_average()
    lines = [
        "# Catalog benchmark",
        "",
        f"Written by `python bench/bench_catalog.py` on {started:%Y-%m-%d %H:%M} UTC in {time.perf_counter() - wall:.0f} s; "
        f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.machine()}, "
        f"{os.cpu_count()} CPUs (shared with other work), load average {load:.2f} at the end. "
        "Ratio = measured / target; below 1 meets it.",
        "",
        "| case | statistic | measured (ms) | target (ms) | measured / target | notes |",
        "|---|---|---:|---:|---:|---|",
    ]
    for case, stat, ms, target, note in rows:
        ratio = "" if target != target else f"{ms / target:.2f}"
        shown_target = "" if target != target else f"{target:g}"
        lines.append(f"| {case} | {stat} | {ms:.3f} | {shown_target} | {ratio} | {note} |")
    lines += [
        "",
        "## How",
        "",
        "- Loads: `catalog.loader.load_catalog(folder)`, each in a fresh `python -c` child after one untimed warm-up load "
        "in that child (imports and regex compilation out, no state carried between children).",
        f"- Generated catalog: `bench/synthetic.py` (seed {SEED}): the bundled models plus made-up vendors, families, "
        "versions and sizes, each copying a bundled model's structure; written with the importer's TOML writer to a "
        "temporary folder. The long-tail case keeps 1-6 routes a model (at most its template's); the bundled-size case keeps "
        "every route of its template (3.9 on average, as the bundled catalog).",
        f"- Lookups: {count} queries in {len(query_set)} kinds, each run {LOOKUP_ROUNDS} times after one warm-up pass; "
        "worst single call by kind (ms): "
        + "; ".join(f"{m}: " + ", ".join(f"{k} {v:.2f}" for k, v in w.items()) for m, w in worst_by_kind.items())
        + ".",
    ]
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
