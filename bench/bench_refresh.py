"""Refresh speed, the sources' part: parsing the four shared snapshots, and the stored snapshots' size and load.

Run: ``python bench/bench_refresh.py [--runs N]``. Prints the figures and writes ``bench/results/refresh.md``.

Target (issue 9): a whole refresh from the local snapshots (parse, reconcile, store) under 10 s on a 2-core
machine. Parsing is given 3 s of it here, leaving the rest to reconciling and storing; both ratios are
written. Each source is parsed in a fresh child process: the first parse (imports done, nothing parsed yet)
and the median of the next ``--runs``. models.dev is read both ways: its TOML tree (the shared copy) and its
``api.json`` (what a live refresh downloads; built here from the tree the way models.dev's build does).
Stored snapshots: ``dump_snapshot`` size (gzip'd JSON, as the store and the bundled catalog keep them) and
``load_snapshot`` time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results" / "refresh.md"
DATA = ROOT.parent / "shared" / "data"
WHOLE_REFRESH_TARGET_S = 10.0
PARSE_TARGET_S = 3.0

_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from catalog.sources import dump_snapshot, load_snapshot, read_snapshot
from catalog.sources.known import SHARED, read_known
known = next(k for k in SHARED if k.source == {source!r})
data = Path({data!r})
def parse():
    if {api_json!r}:
        return read_snapshot("models-dev", API, url="https://models.dev/api.json", version=known.version, fetched_at=known.fetched)
    return read_known(known, data)
if {api_json!r}:
    sys.path.insert(0, {bench!r})
    from bench_refresh import api_json
    API = api_json(data / "models.dev")
start = time.perf_counter()
snap = parse()
first = time.perf_counter() - start
samples = []
for _ in range({runs}):
    start = time.perf_counter()
    parse()
    samples.append(time.perf_counter() - start)
blob = dump_snapshot(snap)
loads = []
for _ in range(5):
    start = time.perf_counter()
    load_snapshot(blob)
    loads.append(time.perf_counter() - start)
print(json.dumps({{"first": first, "samples": samples, "count": snap.count, "size": len(blob), "load": sorted(loads)[2]}}))
"""


def api_json(root: Path) -> bytes:
    """models.dev's api.json for the tree at ``root``: every provider's listings merged with their base models."""
    from catalog.loader import read_toml
    from catalog.sources.models_dev import inherit

    creators = {
        f"{f.parent.name}/{f.stem}": read_toml(f.read_text(encoding="utf-8")) for f in sorted((root / "models").glob("*/*.toml"))
    }
    api: dict[str, dict] = {}
    for provider in sorted(p for p in (root / "providers").iterdir() if (p / "models").is_dir()):
        models = {}
        for file in sorted((provider / "models").rglob("*.toml")):
            try:
                data = read_toml(file.read_text(encoding="utf-8"))
            except ValueError:
                continue  # a link stored as a file: models.dev's build follows it; left out here
            if isinstance(data.get("base_model"), str):
                if data["base_model"] not in creators:
                    continue
                data = inherit(data, creators[data["base_model"]])
            model_id = file.relative_to(provider / "models").with_suffix("").as_posix()
            models[model_id] = {**data, "id": model_id}
        api[provider.name] = {"id": provider.name, "name": provider.name, "models": models}
    return json.dumps(api, default=str).encode()


def measure(source: str, runs: int, api: bool = False) -> dict:
    code = _CHILD.format(
        root=str(ROOT), source=source, data=str(DATA), runs=runs, api_json=api, bench=str(ROOT / "bench")
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"needs {DATA} (the shared snapshots)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    rows = []
    for source, api in (("models-dev", False), ("models-dev", True), ("openrouter", False), ("litellm", False), ("genai-prices", False)):
        result = measure(source, args.runs, api)
        result["median"] = statistics.median(result["samples"])
        result["name"] = f"{source} ({'api.json' if api else 'TOML tree' if source == 'models-dev' else 'JSON'})"
        result["api"] = api
        rows.append(result)
        print(f"{result['name']}: first {result['first']:.3f} s, median {result['median']:.3f} s, "
              f"{result['count']} listings, stored {result['size']:,} bytes, loaded in {result['load'] * 1000:.1f} ms")
    tree = [r for r in rows if not r["api"]]
    live = [r for r in rows if not (r["name"].startswith("models-dev") and not r["api"])]
    total_tree = sum(r["first"] for r in tree)
    total_live = sum(r["first"] for r in live)
    stored = sum(r["size"] for r in tree)
    loaded = sum(r["load"] for r in tree)
    elapsed = time.perf_counter() - started

    lines = [
        "# Refresh benchmark: the sources' part",
        "",
        f"Written by `python bench/bench_refresh.py` on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC in "
        f"{elapsed:.0f} s; Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs (shared "
        f"with other work), load average {load_before:.2f} at the start. Ratio = measured / target; below 1 meets it.",
        "",
        "Each source parsed in a fresh child process: the first parse after imports, and the median of the next "
        f"{args.runs}. Parsing is sequential, in one process (a refresh parses each source off the event loop).",
        "",
        "| source | listings | first parse (s) | median parse (s) | stored snapshot (bytes) | load stored (ms) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['count']:,} | {r['first']:.3f} | {r['median']:.3f} | {r['size']:,} | {r['load'] * 1000:.1f} |"
        )
    lines += [
        "",
        "| case | measured (s) | target (s) | measured / target |",
        "|---|---:|---:|---:|",
        f"| parse all four, first parse each (models.dev from its TOML tree) | {total_tree:.3f} | {PARSE_TARGET_S:g} | {total_tree / PARSE_TARGET_S:.2f} |",
        f"| parse all four, first parse each (models.dev from api.json, as live) | {total_live:.3f} | {PARSE_TARGET_S:g} | {total_live / PARSE_TARGET_S:.2f} |",
        f"| the same, against the whole refresh's budget | {max(total_tree, total_live):.3f} | {WHOLE_REFRESH_TARGET_S:g} | {max(total_tree, total_live) / WHOLE_REFRESH_TARGET_S:.2f} |",
        "",
        f"The four stored snapshots (the bundled catalog ships these): {stored:,} bytes together, loaded in "
        f"{loaded * 1000:.0f} ms together.",
        "",
        "## How",
        "",
        "- `catalog.sources.known.read_known` (the shared snapshots with their releases and dates): read, parsed "
        "with the adapter's pydantic models, drafts made; models.dev's ~5,450 TOML files with `catalog.loader.read_toml` "
        "(rtoml, tomllib only for what rtoml cannot judge).",
        "- api.json: built once per child from the same tree (`bench_refresh.api_json`, base models merged as "
        "models.dev's build does), then parsed as a downloaded answer would be.",
        "- Stored: `dump_snapshot` (gzip'd JSON, listings of providers Versus lists, text models only); load: "
        "`load_snapshot`, median of 5.",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
