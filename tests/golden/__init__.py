"""Golden answers: what `versus` prints for a fixed set of questions over the bundled catalog.

Each case is one command line (``CASES``); its output is kept in ``tests/golden/files/NAME`` and
``tests/test_golden.py`` checks that the command still prints exactly that, byte for byte. The cases
cover comparisons of two, three and four models (text, ``--json`` and ``--discord``), cost estimates
at several workloads (default traffic, per day with cache, long context past a price tier, batch),
FAQ answers of every kind, the model card and the resolver.

After a change that means to change an answer (new catalog data, a new wording), rewrite the files
and read the diff before committing it:

    python -m tests.golden --update     # rewrite every file
    python -m tests.golden              # list the cases whose output differs (exit 1 if any)

The ids in Discord bodies (``custom_id``) are random per reply, so they are numbered in order of
appearance before comparing. Every case is answered as of ``AS_OF`` (``$VERSUS_AS_OF``): a route past its
deprecation date since then would change the answers with the day the tests run, not with the code.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"
AS_OF = "2026-11-29"

SEED = ("openai/gpt-4.1-mini", "xai/grok-4.3")
THREE = ("anthropic/claude-sonnet-4.5", "google/gemini-2.5-pro", "openai/gpt-4.1")
FOUR = ("meta/llama-3.1-8b-instruct", "openai/gpt-oss-120b", "zai/glm-5.2", "anthropic/claude-haiku-4.5")
SEED_FOUR = ("openai/gpt-4.1-mini", "xai/grok-4.3", "xai/grok-4.20", "anthropic/claude-sonnet-4.5")
PER_DAY_CACHED = ("--requests", "50000", "--per", "day", "--cached", "0.3")
LONG_CONTEXT = ("--input-tokens", "300000", "--output-tokens", "2000", "--requests", "1000", "--per", "day")


@dataclass(frozen=True)
class Case:
    name: str
    """The file the output is kept in (its extension says text, JSON or Discord bodies)."""
    argv: tuple[str, ...]
    status: int = 0
    """The exit status the command must end with."""

    @property
    def path(self) -> Path:
        return FILES / self.name


def _both(name: str, argv: tuple[str, ...], status: int = 0) -> list[Case]:
    """The text and the ``--json`` form of one command."""
    return [Case(f"{name}.txt", argv, status), Case(f"{name}.json", (*argv, "--json"), status)]


FAQ_QUESTIONS: dict[str, tuple[str, int]] = {
    "cheaper": ("which is cheaper, gpt-4.1 mini or grok 4.3?", 0),
    "context": ("which has the larger context window, gemini 2.5 pro or claude sonnet 4.5?", 0),
    "open-source": ("is llama 3.3 70b open source?", 0),
    "vision": ("does grok 4.3 support vision?", 0),
    "multimodal": ("is gpt-4.1 mini multimodal?", 0),
    "where": ("where can I run deepseek v3.2?", 0),
    "cost": ("how much would 50000 requests a day cost on gpt-4.1 mini and grok 4.3?", 0),
    "benchmark": ("which scores higher on swe-bench, claude sonnet 4.5 or gpt-5?", 0),
    "release": ("when were gemini 2.5 pro and gpt-4.1 released?", 0),
    "cutoff": ("what is the knowledge cutoff of gpt-4.1?", 0),
    "unsupported": ("who would win a chess game, grok 4.3 or gpt-4.1 mini?", 1),
    "no-model": ("is the one we use any good?", 1),
    "best-at-what": ("which model is best for poetry?", 1),
    "ranking": ("cheapest model with vision and tools", 0),
    "ranking-family": ("which grok has the biggest context", 0),
    "ranking-coding-price": ("best coding model under $1 per 1M output", 0),
    "news": ("what's new from deepseek", 0),
    "better-than": ("which models are better than gpt-4.1 at coding", 0),
    "family": ("is claude sonnet cheaper than gpt-5?", 0),
    "unrecognised": ("is gpt-7 cheaper than grok 4.3", 0),
    "workload": ("how much for 20k token prompts on gemini 2.5 pro, 50k requests a day", 0),
    "token-volume": ("how much would 10M tokens a day cost on gpt-4.1 mini and grok 4.3", 0),
    "max-output": ("what is the max output of gpt-4.1 mini", 0),
    "parameters": ("how many parameters does deepseek v3 have", 0),
    "latency": ("what's the latency of gpt-5", 1),
}

CASES: tuple[Case, ...] = (
    *_both("compare-2-seed", ("compare", *SEED)),
    Case("compare-2-seed.discord.json", ("compare", *SEED, "--discord")),
    *_both("compare-2-shared-benchmark", ("compare", "openai/gpt-4.1-mini", "xai/grok-4.20")),
    Case("compare-2-names-pricing.txt", ("compare", "gpt-4.1 mini", "grok 4.3", "--section", "pricing")),
    *_both("compare-3", ("compare", *THREE)),
    *_both("compare-4-per-day-cached", ("compare", *FOUR, *PER_DAY_CACHED)),
    *_both("cost-seed-four", ("cost", *SEED_FOUR)),
    Case("cost-seed-four.discord.json", ("cost", *SEED_FOUR, "--discord")),
    *_both("cost-per-day-cached", ("cost", *SEED, *PER_DAY_CACHED)),
    *_both("cost-long-context", ("cost", "xai/grok-4.3", "xai/grok-4.20", "google/gemini-2.5-pro", *LONG_CONTEXT)),
    *_both("cost-batch", ("cost", "anthropic/claude-sonnet-4.5", "openai/gpt-4.1", "--batch", "0.5")),
    *_both("cost-most-routes", ("cost", *FOUR, "--input-tokens", "4000", "--output-tokens", "600")),
    *[
        case
        for key, (question, status) in FAQ_QUESTIONS.items()
        for case in _both(f"faq-{key}", ("faq", question), status)
    ],
    Case("faq-cheaper.discord.json", ("faq", FAQ_QUESTIONS["cheaper"][0], "--discord")),
    *_both("model-sonnet-4.5", ("model", "sonnet 4.5")),
    Case("model-sonnet-4.5.discord.json", ("model", "sonnet 4.5", "--discord")),
    Case("model-gpt-4.1-mini.txt", ("model", "openai/gpt-4.1-mini")),
    *_both("resolve-exact-name", ("resolve", "grok 4.3")),
    *_both("resolve-dated-id", ("resolve", "gpt4.1mini-2025-04-14")),
    *_both("resolve-prefix", ("resolve", "grok 4")),
    *_both("resolve-other-number", ("resolve", "gpt-4.2 mini")),
    *_both("top-cost-vision-tools", ("top", "--capability", "vision", "--capability", "tool_use", "--limit", "5")),
    *_both("top-context-google", ("top", "--by", "context", "--vendor", "google", "--limit", "5")),
    Case(
        "top-swe-bench-open.txt",
        ("top", "--by", "swe-bench verified", "--open-weights", "--max-price", "1", "--max-price-of", "output"),
    ),
    Case("top-released.discord.json", ("top", "--by", "released", "--limit", "5", "--discord")),
    Case("list-sorted-newest.txt", ("catalog", "list", "--sort", "newest", "--vendor", "xai")),
)

_CUSTOM_ID = re.compile(r'"custom_id": "[^"]*"')


def _numbered_ids(text: str) -> str:
    """Discord bodies with each random ``custom_id`` replaced by its order of appearance."""
    seen: dict[str, int] = {}

    def number(match: re.Match[str]) -> str:
        return f'"custom_id": "id-{seen.setdefault(match.group(0), len(seen) + 1)}"'

    return _CUSTOM_ID.sub(number, text)


def run(case: Case) -> str:
    """What ``versus`` prints for the case, in this process; its exit status must be the case's."""
    from catalog.lifecycle import AS_OF_ENV
    from cli.main import main

    out, err = io.StringIO(), io.StringIO()
    pinned = os.environ.get(AS_OF_ENV)
    os.environ[AS_OF_ENV] = AS_OF
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(list(case.argv))
    finally:
        if pinned is None:
            del os.environ[AS_OF_ENV]
        else:
            os.environ[AS_OF_ENV] = pinned
    if status != case.status:
        raise AssertionError(f"{case.name}: exit status {status}, expected {case.status}; stderr: {err.getvalue()!r}")
    text = out.getvalue()
    return _numbered_ids(text) if ".discord." in case.name else text


def differing() -> list[str]:
    """The names of the cases whose output is not their golden file's (a missing file counts)."""
    return [case.name for case in CASES if not case.path.exists() or run(case) != case.path.read_text(encoding="utf-8")]


def update() -> list[str]:
    """Rewrite every golden file from what ``versus`` prints now; the names of those that changed.
    Files of cases no longer listed are removed."""
    FILES.mkdir(exist_ok=True)
    changed = []
    for case in CASES:
        text = run(case)
        if not case.path.exists() or case.path.read_text(encoding="utf-8") != text:
            case.path.write_text(text, encoding="utf-8")
            changed.append(case.name)
    listed = {case.name for case in CASES}
    for path in FILES.iterdir():
        if path.name not in listed:
            path.unlink()
            changed.append(f"{path.name} (removed)")
    return changed
