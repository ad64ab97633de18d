"""The questions of issue 11, timed in-process: rankings, FAQ answers of every kind, and the cost chart.

Run: ``python bench/bench_questions.py``. Prints the figures and writes ``bench/results/questions.md``.
Targets (issue 11): a ranking over the bundled catalog with filters under 5 ms median, at 10,000 models
under 50 ms; a FAQ answer of any kind under 5 ms median; one chart under 300 ms.

Rankings and answers are timed warm, as the bot runs them (the catalog's ranking rows and the engine's
caches built by earlier calls), each case a rotation of different filters or questions; the first call of
each is reported apart ("first time"). A cost ranking at a traffic no call has asked before prices every
model afresh: that is its own row. The chart is timed as drawing (matplotlib imported and its fonts loaded
by an earlier chart, as in the bot after its first /cost); the first chart of a process is its own row.
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
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "bench")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from catalog.loader import BUNDLED_ROOT, load_catalog  # noqa: E402
from catalog.resolver import Resolver  # noqa: E402
from catalog.schema import Capability  # noqa: E402
from engine.cost import make_traffic  # noqa: E402
from engine.rank import make_filters, rank  # noqa: E402
from stats import percentile  # noqa: E402
from synthetic import synthetic_models  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "questions.md"
RANK_TARGET_MS = 5.0
RANK_10K_TARGET_MS = 50.0
FAQ_TARGET_MS = 5.0
CHART_TARGET_MS = 300.0
LARGE = 10_000

FILTERS = (
    ("cost", make_filters(capabilities=[Capability.VISION, Capability.TOOL_USE]), None),
    ("input", make_filters(open_weights=True, min_context=128_000), None),
    ("context", make_filters(capabilities=[Capability.FUNCTION_CALLING], max_price=Decimal(1)), None),
    ("max-output", make_filters(vendor=None, named="gpt"), None),
    ("released", make_filters(capabilities=[Capability.REASONING]), None),
    ("benchmark", make_filters(open_weights=True), "SWE-bench Verified"),
    ("cost", make_filters(named="claude"), None),
)
"""A rotation of rankings with filters: each measure, most with two or more filters."""

QUESTIONS: dict[str, tuple[str, ...]] = {
    "ranking": (
        "cheapest model with vision and tools",
        "best coding model under $1 per 1M output",
        "which grok has the biggest context",
        "which model has the largest context window",
        "cheapest openai model",
        "best open weights model for coding",
    ),
    "what's new": ("what's new from deepseek", "whats new from google?"),
    "better than": ("which models are better than gpt-4.1 at coding",),
    "comparison facts": (
        "which is cheaper, gpt-4.1 mini or grok 4.3?",
        "which has the larger context window, gemini 2.5 pro or claude sonnet 4.5?",
        "does grok 4.3 support vision?",
        "where can I run deepseek v3.2?",
        "when were gemini 2.5 pro and gpt-4.1 released?",
    ),
    "single facts": (
        "what is the max output of gpt-4.1 mini",
        "how many parameters does deepseek v3 have",
        "what licence is llama 3.3 70b under",
        "what is the knowledge cutoff of gpt-4.1?",
    ),
    "cost with numbers": (
        "how much for 20k token prompts on gemini 2.5 pro, 50k requests a day",
        "how much would 10M tokens a day cost on gpt-4.1 mini and grok 4.3",
        "what would 1M requests a month cost on gpt-4.1 mini with 80% cached?",
    ),
    "names": ("is claude sonnet cheaper than gpt-5?", "is gpt-7 cheaper than grok 4.3", "is deepseek cheaper than gpt-5"),
    "not in the catalog": ("what's the latency of gpt-5", "how fast is grok 4.3?"),
}


def ms(samples_ns: Sequence[int]) -> tuple[float, float]:
    values = [s / 1e6 for s in samples_ns]
    return statistics.median(values), percentile(values, 99)


def timed(work: Callable[[], object]) -> int:
    start = time.perf_counter_ns()
    work()
    return time.perf_counter_ns() - start


def rotation(calls: Sequence[Callable[[], object]], rounds: int) -> tuple[list[int], list[int]]:
    """(first call of each, then ``rounds`` warm calls of each in turn)."""
    first = [timed(call) for call in calls]
    gc.collect()
    warm = [timed(call) for _ in range(rounds) for call in calls]
    return first, warm


def rankings(models: Sequence[Any], traffic: Any) -> list[Callable[[], object]]:
    return [lambda m=measure, f=f, b=b: rank(models, m, f, traffic, 10, b) for measure, f, b in FILTERS]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    started = dt.datetime.now(dt.timezone.utc)
    rows: list[tuple[str, float, float, float, str]] = []  # case, median, p99, target, note

    catalog = load_catalog(BUNDLED_ROOT)
    traffic = make_traffic()
    first, warm = rotation(rankings(catalog.models, traffic), args.rounds)
    rows.append((f"ranking with filters, bundled catalog ({len(catalog)} models)", *ms(warm), RANK_TARGET_MS, f"{len(FILTERS)} rankings x {args.rounds}"))
    rows.append(("first time: the same rankings, bundled", *ms(first), RANK_TARGET_MS, "the catalog's rows built by the first"))

    large = tuple(synthetic_models(LARGE))
    first, warm = rotation(rankings(large, traffic), max(args.rounds // 6, 5))
    rows.append((f"ranking with filters, {LARGE:,} models", *ms(warm), RANK_10K_TARGET_MS, f"{len(FILTERS)} rankings"))
    rows.append((f"first time: the same rankings, {LARGE:,} models", *ms(first), RANK_10K_TARGET_MS, "rows and figures worked out"))
    fresh = [timed(lambda i=i: rank(large, "cost", FILTERS[0][1], make_traffic(input_tokens=1_000 + i), 10)) for i in range(5)]
    rows.append((f"cost ranking at a new traffic, {LARGE:,} models", *ms(fresh), RANK_10K_TARGET_MS, "every model priced afresh"))

    from engine.faq import ask

    resolver = Resolver(catalog)
    for kind, questions in QUESTIONS.items():
        calls = [lambda q=q: ask(q, catalog, resolver) for q in questions]
        first, warm = rotation(calls, args.rounds)
        rows.append((f"FAQ: {kind} ({len(questions)} questions)", *ms(warm), FAQ_TARGET_MS, ""))
        rows.append((f"first time: FAQ {kind}", *ms(first), FAQ_TARGET_MS, ""))

    from engine.chart import cost_chart, draw

    pair = [catalog["openai/gpt-4.1-mini"], catalog["xai/grok-4.3"]]
    three = [catalog["anthropic/claude-sonnet-4.5"], catalog["google/gemini-2.5-pro"], catalog["openai/gpt-4.1"]]
    first_chart = timed(lambda: draw(cost_chart(pair, traffic)))
    data = [timed(lambda: cost_chart(three, make_traffic(requests=50_000 + i))) for i in range(20)]
    charts = [cost_chart(group, traffic) for group in (pair, three)]
    drawn = [timed(lambda c=c: draw(c)) for _ in range(5) for c in charts]
    size = max(len(draw(c)) for c in charts)
    rows.append(("one chart drawn (matplotlib loaded)", *ms(drawn), CHART_TARGET_MS, f"two and three models; PNG up to {size / 1024:.0f} KB"))
    rows.append(("the chart's figures (engine.chart.cost_chart)", *ms(data), CHART_TARGET_MS, "three models, a new traffic each"))
    rows.append(("first chart of a process (imports matplotlib)", first_chart / 1e6, first_chart / 1e6, CHART_TARGET_MS, "once per process: the bot draws its charts in a worker process of their own (bot/charts.py)"))

    load = os.getloadavg()
    lines = [
        "# Questions benchmark (issue 11)",
        "",
        f"Written by `python bench/bench_questions.py` on {started:%Y-%m-%d %H:%M} UTC. Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.machine()}, {os.cpu_count()} CPUs (shared with other work); "
        f"load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}. Ratio = measured median / target; below 1 meets it.",
        "",
        "| case | median (ms) | p99 (ms) | target (ms) | median / target | notes |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for case, median, p99, target, note in rows:
        lines.append(f"| {case} | {median:.3f} | {p99:.3f} | {target:g} | {median / target:.2f} | {note} |")
    lines += [
        "",
        "Warm rows are the targets' case: the bot answers from a catalog it has ranked before and an engine whose "
        "caches hold what earlier answers worked out. \"First time\" rows are the same calls before any of that.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        RESULTS.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
