"""Free-text questions about one to four models, answered from catalog data.

``ask(question, catalog)`` finds the models named in the text with the catalog's resolver,
works out what is asked (``parse``), and answers with ``engine.answers``. A question it
cannot answer gets the list of what it can answer, never a guess; a question naming no known
model says so, with model names to try.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from catalog.schema import Capability, Model
from engine import answers, numbers
from engine.cost import DEFAULT_TRAFFIC, make_traffic
from engine.facts import basis, ref
from engine.results import FaqAnswer, FaqIntent, Traffic

MAX_MODELS = 4
QUESTION_LIMIT = 500
"""The longest question the FAQ takes (characters), on every surface."""
MIN_BENCHMARK_WORD = 4
"""A benchmark's first word names it in a question when this long: "swe-bench", "aider"."""

SUPPORTED = (
    "which is cheaper",
    "which has the larger context window",
    "is it open source",
    "does it support vision, reasoning, tool use, function calling, structured outputs or code execution",
    "is it multimodal",
    "where can I run it",
    "how much would N requests cost",
    "which scores higher on a benchmark",
    "when was it released",
    "what is its knowledge cutoff",
)
"""What the FAQ can answer, as offered to someone whose question it cannot."""

_CAPABILITY_WORDS: tuple[tuple[Capability, str], ...] = (
    (Capability.CODE_EXECUTION, r"code execution|execute code|run(?:ning)? code|code interpreter"),
    (Capability.STRUCTURED_OUTPUTS, r"structured output|json (?:mode|schema|output)|structured"),
    (Capability.FUNCTION_CALLING, r"function[- ]calling|call functions|functions"),
    (Capability.TOOL_USE, r"tool[- ]?use|use tools|tools|tool calling"),
    (Capability.REASONING, r"reasoning|reason|thinking|think"),
    (Capability.VISION, r"vision|images?|pictures?|photos?"),
)

_INTENT_WORDS: tuple[tuple[FaqIntent, str], ...] = (
    (FaqIntent.CUTOFF, r"cut-?off|knowledge|training data|trained up to"),
    (FaqIntent.RELEASE, r"releas|launch|came out|come out|how old|when was|when were"),
    (FaqIntent.CONTEXT, r"context|window|how many tokens|longest|long documents?"),
    (FaqIntent.OPEN_SOURCE, r"open[- ]?source|open[- ]?weights?|weights|licen[cs]e|self[- ]?host"),
    (FaqIntent.BENCHMARK, r"benchmark|scores?|better at coding|leaderboard|swe-?bench|mmlu|aider"),
    (FaqIntent.MULTIMODAL, r"multi-?modal|modalit|audio|video"),
    (FaqIntent.CAPABILITY, "|".join(words for _, words in _CAPABILITY_WORDS)),
    (FaqIntent.WHERE, r"where|provider|available|availability|host|deploy|\bapi\b|run it|run them"),
    (FaqIntent.CHEAPER, r"cheap|price|pricing|cost|expensive|how much|spend|bill"),
)

_NUMBER = r"(\d[\d,_]*(?:\.\d+)?)\s*([km]|thousand|million)?"
_REQUESTS = re.compile(
    _NUMBER + r"\s*(?:requests?|calls?|queries|messages?|prompts?)(?:\s*(?:a|per|each|/)\s*(day|month))?"
)
_INPUT_TOKENS = re.compile(_NUMBER + r"\s*(?:input|prompt)\s*tokens?")
_OUTPUT_TOKENS = re.compile(_NUMBER + r"\s*(?:output|completion)\s*tokens?")


@dataclass(frozen=True, slots=True)
class Intent:
    kind: FaqIntent
    capability: Capability | None = None
    benchmark: str | None = None
    traffic: Traffic | None = None
    problem: str | None = None
    """For a cost question whose figures cannot be priced: why (a number too large, say)."""


def _number(what: str, maximum: int, digits: str, scale: str | None) -> int:
    return numbers.read_count(f"{digits}{scale or ''}", what, maximum)


def without_names(question: str, models: Sequence[Model]) -> str:
    """The question in lower case with the models' names, ids and aliases taken out,
    so "grok-4.20-0309-reasoning" does not read as a question about reasoning."""
    text = question.casefold()
    names = sorted(
        {n.casefold() for m in models for n in (m.name, m.id, m.slug, *m.aliases)},
        key=len,
        reverse=True,
    )
    for name in names:
        text = text.replace(name, " ")
    return " ".join(text.split())


def _traffic(text: str) -> Traffic | None:
    """The traffic a cost question states, or None; ``ValueError`` (one line) when it cannot be priced."""
    match = _REQUESTS.search(text)
    if match is None:
        return None
    per: Literal["day", "month"] = "day" if match.group(3) == "day" else "month"
    tokens_in = _INPUT_TOKENS.search(text)
    tokens_out = _OUTPUT_TOKENS.search(text)
    tokens = numbers.MAX_TOKENS
    return make_traffic(
        input_tokens=_number("input tokens", tokens, *tokens_in.groups())
        if tokens_in
        else DEFAULT_TRAFFIC.input_tokens,
        output_tokens=_number("output tokens", tokens, *tokens_out.groups())
        if tokens_out
        else DEFAULT_TRAFFIC.output_tokens,
        requests=_number("requests", numbers.MAX_REQUESTS, match.group(1), match.group(2)),
        per=per,
    )


def _benchmark_named(text: str, models: Sequence[Model]) -> str | None:
    squeeze = re.compile(r"[\s\-_]+")
    flat = squeeze.sub("", text)
    for model in models:
        for item in model.benchmarks:
            full = item.name.casefold()
            first = full.split()[0]
            keys = [squeeze.sub("", full)] + ([squeeze.sub("", first)] if len(first) >= MIN_BENCHMARK_WORD else [])
            if any(key in flat for key in keys):
                return item.name
    return None


def parse(question: str, models: Sequence[Model]) -> Intent:
    """What is asked, from the question's words (model names removed)."""
    text = without_names(question, models)
    try:
        traffic = _traffic(text)
    except ValueError as exc:
        return Intent(FaqIntent.COST, problem=str(exc))
    if traffic is not None:
        return Intent(FaqIntent.COST, traffic=traffic)
    benchmark = _benchmark_named(text, models)
    if benchmark is not None:
        return Intent(FaqIntent.BENCHMARK, benchmark=benchmark)
    for kind, words in _INTENT_WORDS:
        if re.search(words, text):
            if kind is FaqIntent.CAPABILITY:
                return Intent(kind, capability=next(c for c, w in _CAPABILITY_WORDS if re.search(w, text)))
            return Intent(kind)
    return Intent(FaqIntent.UNSUPPORTED)


def answer(question: str, models: Sequence[Model]) -> FaqAnswer:
    """Answer a question about models already found in it."""
    intent = parse(question, models)
    if intent.problem is not None:
        updated, sources = basis(tuple(models))
        return FaqAnswer(
            question=question,
            intent=FaqIntent.COST,
            answered=False,
            models=tuple(ref(m) for m in models),
            answer=f"I can't price that: {intent.problem}.",
            updated=updated,
            sources=sources,
        )
    if intent.kind is FaqIntent.COST and intent.traffic is not None:
        return answers.answer_cost(models, intent.traffic, question)
    if intent.kind is FaqIntent.CAPABILITY and intent.capability is not None:
        return answers.answer_capability(models, intent.capability, question)
    if intent.kind is FaqIntent.BENCHMARK:
        return answers.answer_benchmark(models, intent.benchmark, question)
    handler = _HANDLERS.get(intent.kind)
    if handler is None:
        return unsupported(question, models)
    return handler(models, question)


_HANDLERS: dict[FaqIntent, Callable[[Sequence[Model], str], FaqAnswer]] = {
    FaqIntent.CHEAPER: answers.answer_cheaper,
    FaqIntent.CONTEXT: answers.answer_context,
    FaqIntent.OPEN_SOURCE: answers.answer_open_source,
    FaqIntent.MULTIMODAL: answers.answer_multimodal,
    FaqIntent.WHERE: answers.answer_where,
    FaqIntent.RELEASE: answers.answer_release,
    FaqIntent.CUTOFF: answers.answer_cutoff,
}


def unsupported(question: str, models: Sequence[Model]) -> FaqAnswer:
    about = f" about {answers.names(models)}" if models else ""
    updated, sources = basis(tuple(models))
    return FaqAnswer(
        question=question,
        intent=FaqIntent.UNSUPPORTED,
        answered=False,
        models=tuple(ref(m) for m in models),
        answer=f"I can't answer that from the catalog. I can answer{about}: " + "; ".join(SUPPORTED) + ".",
        suggestions=SUPPORTED,
        updated=updated,
        sources=sources,
    )


EXAMPLE_QUESTION = "is grok 4.3 cheaper than gpt-4.1 mini?"


def no_model(question: str, suggestions: Sequence[str]) -> FaqAnswer:
    """The question names no model: the closest names to its words, or an example when nothing is close."""
    text = "The question names no model in the catalog."
    if suggestions:
        text += f" Did you mean: {', '.join(suggestions)}?"
    else:
        text += f' Name one or two models, e.g. "{EXAMPLE_QUESTION}"'
    return FaqAnswer(
        question=question,
        intent=FaqIntent.NO_MODEL,
        answered=False,
        answer=text,
        suggestions=tuple(suggestions),
    )


def ask(question: str, catalog, resolver=None, suggestions: int = 5) -> FaqAnswer:
    """Find the models in ``question`` with the catalog's resolver and answer it."""
    if resolver is None:
        from catalog.resolver import Resolver

        resolver = Resolver(catalog)
    models = resolver.find_in_text(question, limit=MAX_MODELS)
    if not models:
        return no_model(question, suggest_names(resolver, question, suggestions))
    return answer(question, models)


CLOSE = 80.0
"""A suggestion for a word of the question must be at least a prefix or word match (the resolver's 80)."""


def suggest_names(resolver, question: str, limit: int) -> list[str]:
    """Model names to offer when the question names none: the resolver's guesses for its words."""
    names: list[str] = []
    for word in re.findall(r"[a-z0-9][a-z0-9.\-]+", question.casefold()):
        if len(word) < 3:
            continue
        for candidate in resolver.suggest(word):
            if candidate.score < CLOSE:
                continue  # a fuzzy guess for an ordinary word ("which", "hello") is noise
            if candidate.name not in names:
                names.append(candidate.name)
    return names[:limit]
