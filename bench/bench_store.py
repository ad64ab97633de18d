"""The store's part of starting from a refreshed catalog: reading the newest version's payload.

Run: ``python bench/bench_store.py``. Prints the figures and writes ``bench/results/store.md``.

The budget (issue 9): loading the catalog at start from the store, under 200 ms at bundled size, of
which reading the payload is the store's part; the rest is decompressing, parsing and building the
catalog. Target here: the store's part at most a quarter of the budget, 50 ms, on SQLite and on
PostgreSQL, read either way a process starts:

- ``quick``: ``catalog.store.quick.newest_version()`` (the standard library's sqlite3, or asyncpg alone),
  what a command that only reads uses; a new connection each time, as at a start;
- ``Store``: ``Store.open()`` on a migrated database (the revision check included), ``load_version()``,
  ``close()``: what the bot does at start;
- warm ``load_version()`` on an open store, what the bot does when told of a new version (no target).

Payloads: the bundled catalog as gzip JSON (``as_dict(json=True)`` of every model, about 35 KB compressed) and a
1 MiB incompressible payload (a catalog many times the bundled size, or one carrying its history), each
as the newest of 12 versions. Imports are timed apart, in fresh processes (what a start pays once).
PostgreSQL is a throwaway local cluster (tests/pg.py), so network latency is not in the figures.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
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

from stats import percentile

from catalog.loader import load_catalog
from catalog.store import Store
from catalog.store.quick import newest_version

RESULTS = ROOT / "bench" / "results" / "store.md"
TARGET_MS = 50.0
COLD_RUNS = 30
WARM_RUNS = 60
IMPORT_RUNS = 7


def payloads() -> dict[str, bytes]:
    catalog = load_catalog()
    bundled = gzip.compress(json.dumps([m.as_dict(json=True) for m in catalog.models]).encode())
    return {
        f"bundled catalog ({len(catalog)} models, {len(bundled) / 1024:.0f} KB gzip)": bundled,
        "1 MiB gzip payload": random.Random(20261129).randbytes(1 << 20),
    }


async def fill(url: str, payload: bytes) -> None:
    async with Store.open(url) as store:
        for n in range(12):
            await store.save_version(
                payload if n == 11 else payload[: len(payload) // 2],
                as_of=dt.date(2026, 11, 29), models=200, routes=800, sources={"bench": n}, summary="bench", changes=[],
            )


def time_quick(url: str, runs: int) -> list[float]:
    newest_version(url)  # warm: imports, the file cache
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        found = newest_version(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert found is not None
    return samples


async def time_store(url: str, runs: int) -> list[float]:
    async with Store.open(url) as store:  # warm: imports, first-use compilation
        await store.load_version()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        async with Store.open(url) as store:
            found = await store.load_version()
        samples.append((time.perf_counter() - start) * 1000)
        assert found is not None
    return samples


async def time_warm(url: str, runs: int) -> list[float]:
    samples = []
    async with Store.open(url) as store:
        await store.load_version()
        for _ in range(runs):
            start = time.perf_counter()
            found = await store.load_version()
            samples.append((time.perf_counter() - start) * 1000)
            assert found is not None
    return samples


def time_import(statement: str, runs: int) -> list[float]:
    code = f"import time\nstart = time.perf_counter()\n{statement}\nprint((time.perf_counter() - start) * 1000)"
    samples = []
    for _ in range(runs + 1):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        samples.append(float(done.stdout.strip()))
    return samples[1:]  # the first run writes bytecode


def main() -> int:
    started = dt.datetime.now(dt.UTC)
    wall = time.perf_counter()
    rows: list[tuple[str, str, float, float, str]] = []
    databases: dict[str, str] = {}
    cluster = None
    notes = []
    with tempfile.TemporaryDirectory(prefix="versus-bench-store-") as tmp:
        databases["SQLite"] = f"sqlite:///{tmp}/versus.db"
        try:
            from tests import pg

            reason = pg.unavailable()
            if reason is None:
                cluster = pg.Cluster.start()
            else:
                notes.append(f"PostgreSQL not measured: {reason}.")
        except Exception as exc:  # noqa: BLE001 - the SQLite figures still count
            notes.append(f"PostgreSQL not measured: {exc.__class__.__name__}: {exc}.")
        try:
            for label, payload in payloads().items():
                urls = {"SQLite": f"sqlite:///{tmp}/{len(payload)}.db"}
                if cluster is not None:
                    urls["PostgreSQL"] = cluster.new_database()
                for name, url in urls.items():
                    asyncio.run(fill(url, payload))
                    quick = time_quick(url, COLD_RUNS)
                    opened = asyncio.run(time_store(url, COLD_RUNS))
                    warm = asyncio.run(time_warm(url, WARM_RUNS))
                    case = f"{name}, {label}"
                    rows.append((f"{case}: quick newest_version()", "median", statistics.median(quick), TARGET_MS,
                                 f"p99 {percentile(quick, 99):.1f} ms; {COLD_RUNS} reads, a new connection each"))
                    rows.append((f"{case}: Store.open + load_version + close", "median", statistics.median(opened), TARGET_MS,
                                 f"p99 {percentile(opened, 99):.1f} ms; {COLD_RUNS} opens"))
                    rows.append((f"{case}: load_version on an open store", "median", statistics.median(warm), float("nan"),
                                 f"p99 {percentile(warm, 99):.1f} ms; {WARM_RUNS} reads; no target"))
        finally:
            if cluster is not None:
                cluster.stop()
    imports = {
        "import catalog (the floor: every command pays it)": "import catalog",
        "import catalog.store.quick": "import catalog.store.quick",
        "import catalog.store.core (SQLAlchemy async, both drivers)": "import catalog.store.core",
    }
    floor = None
    for label, statement in imports.items():
        samples = time_import(statement, IMPORT_RUNS)
        median = statistics.median(samples)
        floor = median if floor is None else floor
        extra = "" if median is floor else f"; {median - floor:+.0f} ms over the floor"
        rows.append((label, "median", median, float("nan"), f"{IMPORT_RUNS} fresh processes{extra}; no target"))

    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    lines = [
        "# Store benchmark",
        "",
        f"Written by `python bench/bench_store.py` on {started:%Y-%m-%d %H:%M} UTC in {time.perf_counter() - wall:.0f} s; "
        f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.machine()}, "
        f"{os.cpu_count()} CPUs (shared with other work), load average {load:.2f} at the end. "
        "Ratio = measured / target; below 1 meets it. Target: the store's part of a start from a refreshed catalog, "
        f"{TARGET_MS:g} ms (a quarter of issue 9's 200 ms for the whole load).",
        "",
        "| case | statistic | measured (ms) | target (ms) | measured / target | notes |",
        "|---|---|---:|---:|---:|---|",
    ]
    for case, stat, ms, target, note in rows:
        ratio = "" if target != target else f"{ms / target:.2f}"
        shown = "" if target != target else f"{target:g}"
        lines.append(f"| {case} | {stat} | {ms:.2f} | {shown} | {ratio} | {note} |")
    lines += ["", "## How", "", *(__doc__ or "").split("\n\n", 2)[2].splitlines()]
    lines += ["", *notes] if notes else []
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
