"""Ranking and discovery questions in words: "cheapest model with vision and tools", "best coding model
under $1 per 1M output", "which grok has the biggest context", "what's new from deepseek", "which models
are better than gpt-4.1 at coding", and the figures the catalog does not hold (latency, throughput).

``read_ranking(text, catalog)`` reads what a question ranks on and its filters; the answers are
``engine.rank``'s rankings, the same ones ``versus top`` and ``/top`` show, worded as a sentence.
Nothing is guessed: "best" with nothing to be best at asks what to rank on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from catalog import history, query
from catalog.changes import Change
from catalog.schema import Capability, Model
from engine import history as change_words
from engine import numbers
from engine.facts import basis, ref, score, scored
from engine.rank import benchmark_names, make_filters, name_words, rank, score_text
from engine.results import FaqAnswer, FaqIntent, RankEntry, Ranking, Source, Traffic
from engine.words import and_list

FAQ_RESULTS = 5
"""How many models a ranking answer names unless the question says ("top 10")."""
CODING_BENCHMARKS = ("SWE-bench Verified", "Aider Polyglot")
"""What "best at coding" ranks on: the first of these the catalog holds scores for."""

NOT_IN_CATALOG = re.compile(
    r"\blaten(?:cy|t)\b|through-?put|tokens?\s*(?:/|per)\s*s(?:ec(?:ond)?)?\b|\btok/s\b|\btps\b|\bttft\b|time to first token"
    r"|\bfast(?:est|er)?\b|\bspeed\b|\bquick(?:est|er)?\b|\bslow(?:est|er)?\b|\brate limits?\b|\buptime\b|\bresponse time\b"
)
"""What the catalog has no figure for: speed, latency, throughput, rate limits, uptime."""

_SUPERLATIVE = re.compile(
    r"\b(?:cheapest|least expensive|lowest[- ](?:cost|price|priced)|most affordable|best|top|highest|strongest|smartest"
    r"|biggest|largest|longest|most|newest|latest|most recent|which models?|what models?|list (?:the |all )?models"
    r"|any models?|models? (?:with|that|under|below))\b"
)
_NEWS = re.compile(
    r"\bwhat'?s new\b|\bwhat is new\b|\bnew models?\b|\bnew releases?\b|\brecent(?:ly)? (?:released|added|models?)\b"
    r"|\bwhat changed\b|\bany news\b|\blatest (?:releases?|models?)\b|\bnewest models\b"
    r"|\banything new\b|\bnew (?:from|at|with)\b|\b(?:news|latest) (?:from|at|about)\b|\bwhat'?s (?:the )?latest\b"
)
_BETTER_THAN = re.compile(r"\b(?:better than|outperforms?|beats?|stronger than|smarter than|outscores?)\b")
_CHEAP = re.compile(
    r"\b(?:cheapest|least expensive|lowest[- ](?:cost|price|priced)|most affordable|cheap|budget|inexpensive)\b"
)
_CONTEXT = re.compile(r"\bcontext\b|\bwindow\b|\blongest (?:input|prompt|document)s?\b")
_MAX_OUTPUT = re.compile(
    r"\bmax(?:imum)?[- ]output\b|\b(?:longest|largest|biggest|most) (?:output|response|answer|completion)s?\b|\boutput (?:limit|length)\b"
)
_NEWEST = re.compile(r"\b(?:newest|latest|most recent|recent|new)\b")
_BEST = re.compile(r"\b(?:best|top|highest|strongest|smartest|better|leading|good)\b")
_CODING = re.compile(r"\bcod[a-z]*\b|\bprogramming\b|\bsoftware engineering\b|\bdevelopers?\b|\bswe\b")
_OPEN = re.compile(
    r"\bopen[- ]?(?:weights?|source|models?)\b|\bself[- ]?host(?:ed|able|ing)?\b|\bopen[- ]weight\b|\blocal(?:ly)?\b"
)
_PRICE = re.compile(
    r"\b(?:under|below|less than|cheaper than|at most|max(?:imum)?|up to|within|no more than|<=?)\s*"
    r"(\$\s*\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s*(?:\$|usd|dollars?))"
    r"(?:\s*(?:/|per|a|an|for)\s*(1\s*m\b|one million|million|m\b|1,000,000|month\b|mo\b))?(?:\s*tokens?)?"
    r"(?:\s*(?:of\s+|on\s+|for\s+)?(input|output|in|out)\b)?"
)
_MIN_CONTEXT = re.compile(
    r"(?:at least|over|more than|min(?:imum)?|above|>=?|with(?: an?)?)?\s*(\d[\d,]*(?:\.\d+)?)\s*(k|m|thousand|million)?\+?"
    r"[\s-]*(?:tokens?[\s-]*)?(?:of\s+)?context(?:[\s-]*windows?)?"
)
_LIMIT = re.compile(r"\btop\s+(\d{1,2})\b|\b(\d{1,2})\s+(?:cheapest|best|biggest|largest|newest|latest|models)\b")


@dataclass(frozen=True, slots=True)
class RankingQuestion:
    measure: str | None
    """None: the question does not say what to rank on ("best open model")."""
    benchmark: str | None = None
    capabilities: tuple[Capability, ...] = ()
    vendor: str | None = None
    named: str | None = None
    open_weights: bool = False
    min_context: int | None = None
    max_price: Decimal | None = None
    max_price_of: Literal["input", "output", "both"] = "both"
    max_monthly: Decimal | None = None
    limit: int = FAQ_RESULTS
    said: tuple[str, ...] = field(default_factory=tuple)
    """How a choice was made: which benchmark "best at coding" ranks on."""


def is_not_in_catalog(text: str) -> bool:
    return NOT_IN_CATALOG.search(text) is not None


def is_ranking(text: str) -> bool:
    return _SUPERLATIVE.search(text) is not None


def is_news(text: str) -> bool:
    return _NEWS.search(text) is not None


def is_better_than(text: str) -> bool:
    return _BETTER_THAN.search(text) is not None


def capabilities_in(text: str) -> tuple[Capability, ...]:
    """Every capability a question names, in the catalog's order (function calling is not "tools")."""
    found = []
    for capability, pattern in query.CAPABILITY_WORDS:
        if re.search(pattern, text):
            found.append(capability)
    if (
        Capability.FUNCTION_CALLING in found
        and Capability.TOOL_USE in found
        and not re.search(r"tool[- ]?use|tools\b", text)
    ):
        found.remove(Capability.TOOL_USE)
    return tuple(c for c in Capability if c in found)


def take_prices(text: str) -> tuple[str, Decimal | None, Literal["input", "output", "both"], Decimal | None]:
    """The price cap a question states ("under $1 per 1M output", "below $500 a month"), and the text
    without it (its numbers are not a workload's)."""
    match = _PRICE.search(text)
    if match is None:
        return text, None, "both", None
    amount = numbers.read_price(re.sub(r"[$\s,]|usd|dollars?", "", match.group(1)), "the price")
    unit, side = match.group(2) or "", match.group(3) or ""
    rest = text[: match.start()] + " " + text[match.end() :]
    if unit.strip() in ("month", "mo"):
        return rest, None, "both", amount
    kind: Literal["input", "output", "both"] = {
        "input": "input",
        "in": "input",
        "output": "output",
        "out": "output",
    }.get(side, "both")  # type: ignore[assignment]
    return rest, amount, kind, None


def take_min_context(text: str) -> tuple[str, int | None]:
    match = _MIN_CONTEXT.search(text)
    if match is None:
        return text, None
    value = numbers.read_count(f"{match.group(1)}{match.group(2) or ''}", "the context window", numbers.MAX_TOKENS)
    return text[: match.start()] + " " + text[match.end() :], value


def _limit(text: str) -> int:
    match = _LIMIT.search(text)
    if match is None:
        return FAQ_RESULTS
    return max(1, min(int(match.group(1) or match.group(2)), 25))


def _measure(text: str, models: Sequence[Model], traffic_given: bool) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(measure, benchmark, how it was chosen) from the question's words."""
    named = _named_benchmark(text, models)
    if named is not None:
        return "benchmark", named, ()
    if _MAX_OUTPUT.search(text):
        return "max-output", None, ()
    if _CONTEXT.search(text) and re.search(r"\b(?:biggest|largest|longest|most|highest|max(?:imum)?|best|top)\b", text):
        return "context", None, ()
    if _CHEAP.search(text):
        if re.search(r"\binput\b", text) and not re.search(r"\boutput\b", text):
            return "input", None, ()
        if re.search(r"\boutput\b", text) and not re.search(r"\binput\b", text):
            return "output", None, ()
        return "cost", None, ()
    if _NEWEST.search(text):
        return "released", None, ()
    if _CODING.search(text) and (_BEST.search(text) or is_ranking(text)):
        return _coding_benchmark(models)
    if _BEST.search(text) or not is_ranking(text):
        return None, None, ()
    return "cost", None, ()  # "which models have vision": the cheapest first


def _named_benchmark(text: str, models: Sequence[Model]) -> str | None:
    squeezed = re.sub(r"[\s\-_]+", "", text)
    for name, _ in benchmark_names(models):
        full = re.sub(r"[\s\-_]+", "", name.casefold())
        first = name.casefold().split()[0]
        if full in squeezed or (len(first) >= 4 and re.search(rf"\b{re.escape(first)}\b", text)):
            return name
    return None


def _coding_benchmark(models: Sequence[Model]) -> tuple[str | None, str | None, tuple[str, ...]]:
    held = dict(benchmark_names(models))
    for name in CODING_BENCHMARKS:
        if name in held:
            others = [f"{n} ({held[n]} models)" for n in CODING_BENCHMARKS if n != name and n in held]
            also = f"; ask about {and_list(others)} to rank on it instead" if others else ""
            return (
                "benchmark",
                name,
                (f"Best at coding read as the highest {name} score ({held[name]} models report one){also}.",),
            )
    return None, None, ()


def read_ranking(
    text: str, models: Sequence[Model], vendors: Sequence[str], named: str | None, traffic_given: bool
) -> RankingQuestion:
    """What a ranking question asks, from its words (lower case, model names taken out). ``named`` is a
    family the question names ("grok"); ``vendors`` the catalog's vendor names."""
    text, max_price, price_of, max_monthly = take_prices(text)
    text, min_context = take_min_context(text)
    measure, benchmark, said = _measure(text, models, traffic_given)
    return RankingQuestion(
        measure=measure,
        benchmark=benchmark,
        capabilities=capabilities_in(text),
        vendor=vendor_in(text, models, vendors),
        named=named,
        open_weights=_OPEN.search(text) is not None,
        min_context=min_context,
        max_price=max_price,
        max_price_of=price_of,
        max_monthly=max_monthly,
        limit=_limit(text),
        said=said,
    )


def vendor_in(text: str, models: Sequence[Model], vendors: Sequence[str]) -> str | None:
    """The vendor a question names, by its name ("OpenAI", "Mistral AI") or its id ("openai", "xai")."""
    for vendor in sorted(vendors, key=len, reverse=True):
        if re.search(rf"(?<![\w.]){re.escape(vendor.casefold())}(?![\w])", text):
            return vendor
    creators = {m.creator: m.vendor for m in models}
    for word in re.findall(r"[a-z0-9][a-z0-9\-]*", text):
        if word in creators:
            return creators[word]
    return None


# --- answers -------------------------------------------------------------------------------------


def entry_text(entry: RankEntry) -> str:
    detail = f" {entry.detail}" if entry.detail and entry.detail.startswith("on ") else ""
    return f"{entry.rank}. {entry.model.name}, {entry.text}{detail}"


def ranking_sentence(result: Ranking) -> str:
    if not result.entries:
        return " ".join(result.summary)
    listed = "; ".join(entry_text(e) for e in result.entries)
    return f"{result.title}: {listed}. " + " ".join(result.summary)


def answer_ranking(
    question: str,
    asked: RankingQuestion,
    models: Sequence[Model],
    traffic: Traffic,
    read_as: Sequence[str] = (),
    intent: FaqIntent = FaqIntent.RANKING,
) -> FaqAnswer:
    """The ranking a question asks for, in a sentence, with the ranking itself."""
    if asked.measure is None:
        return _what_to_rank_on(question, models, read_as)
    filters = make_filters(
        capabilities=asked.capabilities,
        vendor=asked.vendor,
        named=asked.named,
        open_weights=asked.open_weights,
        min_context=asked.min_context,
        max_price=asked.max_price,
        max_price_of=asked.max_price_of,
        max_monthly=asked.max_monthly,
    )
    result = rank(models, asked.measure, filters, traffic, asked.limit, asked.benchmark)
    return _ranking_answer(question, result, models, [*read_as, *asked.said], intent)


def _ranking_answer(
    question: str, result: Ranking, models: Sequence[Model], read_as: Sequence[str], intent: FaqIntent
) -> FaqAnswer:
    ranked = [m for m in (_by_id(models).get(e.model.id) for e in result.entries) if m is not None]
    updated, sources = basis(tuple(ranked))
    return FaqAnswer(
        question=question,
        intent=intent,
        answered=bool(result.entries),
        models=tuple(ref(m) for m in ranked),
        answer=" ".join([*read_as, ranking_sentence(result)]),
        ranking=result,
        read_as=tuple(read_as),
        updated=updated,
        sources=sources,
    )


def _by_id(models: Sequence[Model]) -> dict[str, Model]:
    return {m.id: m for m in models}


def _what_to_rank_on(question: str, models: Sequence[Model], read_as: Sequence[str]) -> FaqAnswer:
    benchmarks = [name for name, _ in benchmark_names(models)]
    choices = [
        "the monthly cost at a workload",
        "the input or output price",
        "the context window",
        "the max output",
        "the release date",
        f"a benchmark ({and_list(benchmarks[:4], 'or')})" if benchmarks else "a benchmark",
    ]
    text = f'Best at what? The catalog ranks models by {and_list(choices, "or")}, e.g. "best coding model under $1 per 1M output".'
    return FaqAnswer(
        question=question,
        intent=FaqIntent.RANKING,
        answered=False,
        answer=" ".join([*read_as, text]),
        suggestions=tuple(choices),
        read_as=tuple(read_as),
    )


def answer_better_than(question: str, model: Model, text: str, models: Sequence[Model], traffic: Traffic) -> FaqAnswer:
    """Models that score higher than ``model`` on the benchmark the question names (coding: SWE-bench
    Verified), best first."""
    named = _named_benchmark(text, models)
    said: tuple[str, ...] = ()
    if named is None and _CODING.search(text):
        _, named, said = _coding_benchmark(models)
        reported = {b.name.casefold() for b in model.benchmarks}
        if named is not None and named.casefold() not in reported:  # the model's own coding score instead
            other = next((n for n in CODING_BENCHMARKS if n.casefold() in reported), None)
            if other is not None:
                said = (
                    f"Better at coding read as a higher {other} score: the catalog has no {named} score "
                    f"for {model.name}.",
                )
                named = other
    if named is None:
        return _what_to_rank_on(question, models, ())
    own = next((b for b in model.benchmarks if b.name.casefold() == named.casefold()), None)
    if own is None:
        updated, sources = basis((model,))
        return FaqAnswer(
            question=question,
            intent=FaqIntent.RANKING,
            answered=False,
            models=(ref(model),),
            answer=f"The catalog has no {named} score for {model.name}, so it cannot say which models score higher.",
            updated=updated,
            sources=sources,
        )
    result = rank(models, "benchmark", make_filters(), traffic, FAQ_RESULTS, named)
    mine = score(own)
    above = tuple(e for e in result.entries if Decimal(str(e.value)) > mine)
    higher = sum(1 for m in models if not m.retired and (found := scored(m, named)) is not None and found[1] > mine)
    shown = result.replace(
        entries=above[:FAQ_RESULTS],
        title=f"Higher {named} than {model.name} ({score_text(mine, own.unit)})",
        summary=(
            f"{numbers.count(higher)} model{' scores' if higher == 1 else 's score'} higher than {model.name} on {named}"
            + (f"; the first {min(len(above), FAQ_RESULTS)} shown." if above else "."),
        ),
    )
    answer = _ranking_answer(question, shown, [*models], said, FaqIntent.RANKING)
    if not above:
        return answer.replace(
            answered=True,
            models=(ref(model),),
            answer=f"No model in the catalog scores higher than {model.name} on {named} "
            f"({score_text(mine, own.unit)}).",
        )
    return answer


def answer_not_in_catalog(question: str, models: Sequence[Model], text: str) -> FaqAnswer:
    """Latency, throughput and speed: the catalog holds no such figure; what it can say instead."""
    about = f" for {and_list([m.name for m in models])}" if models else ""
    what = "latency or throughput" if not re.search(r"rate limit|uptime", text) else "rate-limit or uptime"
    text = (
        f"The catalog has no {what} figures{about}: none of the public sources it is built from measures them, "
        "and it does not guess. It can answer instead: price and monthly cost at a workload, context window, "
        "max output, capabilities, benchmarks, release dates and where each model is sold. Models tagged "
        "Low latency are fast variants by name (mini, flash, haiku...) or sold on Groq or Cerebras: a naming "
        "rule, not a measurement."
    )
    updated, sources = basis(tuple(models))
    return FaqAnswer(
        question=question,
        intent=FaqIntent.NOT_IN_CATALOG,
        answered=False,
        models=tuple(ref(m) for m in models),
        answer=text,
        updated=updated,
        sources=sources,
    )


NEWS_CHANGES = 6
"""How many recorded changes a "what's new" answer lists, newest first."""


def answer_news(
    question: str,
    asked: RankingQuestion,
    models: Sequence[Model],
    traffic: Traffic,
    read_as: Sequence[str] = (),
    changes: Sequence[Change] = (),
) -> FaqAnswer:
    """What is new from a vendor or family: its newest releases, newest first, and the newest changes the
    catalog's history records for it (models and routes added, prices changed, deprecations), each with
    the listing that shows it."""
    newest = RankingQuestion(
        measure="released",
        vendor=asked.vendor,
        named=asked.named,
        capabilities=asked.capabilities,
        open_weights=asked.open_weights,
        limit=asked.limit,
    )
    found = answer_ranking(question, newest, models, traffic, read_as, FaqIntent.NEWS)
    recorded = history.select(changes, vendor=asked.vendor) if asked.vendor else list(changes)
    if asked.named:
        wanted = asked.named.split()
        recorded = [c for c in recorded if all(w in name_words(c.model_name) for w in wanted)]
    latest = change_words.newest_first(recorded)[:NEWS_CHANGES]
    if not changes:
        return found
    if not latest:
        text = "The catalog's history records no change for it."
    else:
        text = (
            f"Recorded changes, newest first ({len(recorded)} in all): "
            + "; ".join(change_words.change_line(c, gap=" ") for c in latest)
            + "."
        )
    pages = tuple(
        Source(title=c.source, url=c.source_url, date=c.date, how="published", covers=(c.kind.value,)) for c in latest
    )
    cited = {s.url: s for s in found.sources}
    for page in pages:
        cited.setdefault(page.url, page)
    return found.replace(
        answer=f"{found.answer} {text}",
        answered=found.answered or bool(latest),
        sources=tuple(cited.values()),
    )
