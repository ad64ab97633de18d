"""Decision-fit tags by rule: the rules catalog/CURATION.md states, applied to a model's facts.

A curation entry that lists ``tags`` replaces these; otherwise the first MAX_TAGS rules that
hold, in the order below, give the model's tags.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from catalog.importers.draft import ModelDraft
from catalog.schema import Tag, Tri

MAX_TAGS = 4
SMALL = re.compile(r"\b(mini|nano|lite|flash|small|haiku|air|tiny|micro|instant|fast|\d{1,2}b)\b", re.I)
QUICK = re.compile(r"\b(flash|mini|nano|haiku|lite|instant|fast|turbo|highspeed|micro|small)\b", re.I)
CODE = re.compile(r"(coder|codex|devstral|codestral|code)", re.I)


def _yes(draft: ModelDraft, capability: str) -> bool:
    return draft.capabilities.get(capability) is Tri.YES


def _score(draft: ModelDraft, name: str) -> float:
    row = draft.benchmarks.get(name.casefold())
    return float(row["score"]) if row else 0.0


def _cheapest(draft: ModelDraft, side: str) -> Decimal | None:
    prices = [getattr(r, side) for r in draft.routes.values() if getattr(r, side) is not None]
    return min(prices) if prices else None


def _context(draft: ModelDraft) -> int:
    return int(draft.facts.get("context_window") or 0)


def _under(value: Decimal | None, limit: str) -> bool:
    return value is not None and value <= Decimal(limit)


RULES: list[tuple[Tag, Callable[[ModelDraft], bool]]] = [
    (Tag.CODING, lambda d: bool(CODE.search(d.name)) or _score(d, "Aider Polyglot") >= 60 or _score(d, "SWE-bench Verified") >= 60),
    (Tag.AGENTS, lambda d: _yes(d, "function_calling") and _yes(d, "reasoning") and _yes(d, "structured_outputs") and _context(d) >= 128_000),
    (Tag.REASONING, lambda d: _yes(d, "reasoning") and not SMALL.search(d.name)),
    (Tag.LONG_CONTEXT, lambda d: _context(d) >= 1_000_000),
    (Tag.SELF_HOSTING, lambda d: d.facts.get("open_weights") == "yes"),
    (Tag.RAG, lambda d: _context(d) >= 200_000 and _under(_cheapest(d, "input"), "0.50")),
    (Tag.VISION, lambda d: "video" in (d.facts.get("input_modalities") or ()) or bool(re.search(r"\b(vl|vision|pixtral)\b", d.name, re.I))),
    (Tag.AUDIO, lambda d: "audio" in (d.facts.get("input_modalities") or ())),
    (Tag.LOW_COST, lambda d: _under(_cheapest(d, "output"), "1.00")),
    (Tag.LOW_LATENCY, lambda d: bool(QUICK.search(d.name)) or any(r.provider in ("Groq", "Cerebras") for r in d.routes.values())),
    (Tag.CHAT, lambda d: bool(re.search(r"\b(chat|instant)\b", d.name, re.I))),
]


def decide_tags(draft: ModelDraft) -> list[str]:
    return [tag.value for tag, holds in RULES if holds(draft)][:MAX_TAGS]


_VARIANT = re.compile(
    r"^(mini|nano|lite|flash|pro|max|plus|turbo|fast|instruct|chat|preview|latest|exp|experimental|thinking|"
    r"reasoning|non-reasoning|base|it|beta|air|small|medium|large|ultra|\d+(\.\d+)?[bmk]|a\d+(\.\d+)?b|\d{4}|\d{6,8})$",
    re.I,
)


def family_of(name: str) -> str:
    """A model's family from its name, for a model no curation entry names: the name without the variant
    words at its end ("Qwen3 235B A22B Instruct" -> "Qwen3", "GPT-5.4 Mini" -> "GPT-5.4")."""
    words = name.split()
    while len(words) > 1 and _VARIANT.match(words[-1]):
        words.pop()
    return " ".join(words)
