"""Free-text questions, answered from catalog data: about one to four models, and rankings and discovery.

``ask(question, catalog)`` reads a question in four steps, and never guesses:

1. **Names.** The models it names (``Resolver.mentions``). Words left over that look like a model's name
   (a brand such as "claude" or "gemini flash", an id such as "gpt-7") are read as a family's newest active
   model (``catalog.families``), saying so and naming the others, or reported as not recognised, with the
   closest names; an answer never covers fewer models than the question named without saying which name
   it did not recognise.
2. **Numbers.** The workload it states (``engine.workload``: token sizes, volumes, shares; a token volume is
   split into requests and the answer says how), on top of ``traffic`` (the default, or a server's).
3. **What is asked.** A figure the catalog has no source for (latency, throughput) is said plainly, with
   what it can answer instead. A question naming no model that asks for the cheapest, largest, newest or
   best is a ranking (``engine.discovery``, the same ranking ``versus top`` shows); "what's new from X" is
   the newest releases. Otherwise the words pick one of the intents of ``parse``.
4. **The answer** (``engine.answers``), with the sentences of steps 1 and 2 first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field

from catalog.changes import Change
from catalog.families import Family, family
from catalog.lookup import newest_first
from catalog.query import CAPABILITY_WORDS
from catalog.resolver import Candidate
from catalog.schema import Capability, Model
from engine import answers, discovery
from engine.cache import cached
from engine.cost import DEFAULT_TRAFFIC
from engine.facts import basis, ref
from engine.results import FaqAnswer, FaqIntent, Traffic
from engine.workload import WorkloadRead, read_workload

MAX_MODELS = 4
QUESTION_LIMIT = 500
"""The longest question the FAQ takes (characters), on every surface."""
MIN_BENCHMARK_WORD = 4
"""A benchmark's first word names it in a question when this long: "swe-bench", "aider"."""

SUPPORTED = (
    "which is cheaper",
    "which has the larger context window",
    "what is its max output",
    "how many parameters does it have",
    "is it open source, and under what licence",
    "does it support vision, reasoning, tool use, function calling, structured outputs or code execution",
    "is it multimodal",
    "where can I run it",
    "how much would N requests (or N tokens a day) of a given size cost",
    "which scores higher on a benchmark",
    "when was it released",
    "what is its knowledge cutoff",
    "which model is the cheapest, has the largest context or max output, is the newest or scores highest, "
    "with filters (capabilities, vendor, open weights, a price cap)",
    "what's new from a vendor",
)
"""What the FAQ can answer, as offered to someone whose question it cannot."""


_INTENT_WORDS: tuple[tuple[FaqIntent, str], ...] = (
    (FaqIntent.CUTOFF, r"cut-?off|knowledge|training data|trained up to"),
    (FaqIntent.RELEASE, r"releas|launch|came out|come out|how old|when was|when were"),
    (
        FaqIntent.MAX_OUTPUT,
        r"max(?:imum)?[- ]?output|output (?:limit|length|tokens|size)|how (?:long|many tokens) can it (?:write|generate|output)|longest (?:output|response|answer)",
    ),
    (FaqIntent.CONTEXT, r"context|window|how many tokens|longest|long documents?"),
    (
        FaqIntent.PARAMETERS,
        r"\bparam(?:eter)?s?\b|\bhow big\b|\bmodel size\b|\bsize of\b|\barchitecture\b|mixture[- ]of[- ]experts|\bmoe\b",
    ),
    (FaqIntent.LICENCE, r"licen[cs]e|licensed|commercial use|terms of use"),
    (FaqIntent.OPEN_SOURCE, r"open[- ]?source|open[- ]?weights?|weights|self[- ]?host"),
    (FaqIntent.BENCHMARK, r"benchmark|scores?|better at coding|leaderboard|swe-?bench|mmlu|aider"),
    (FaqIntent.MULTIMODAL, r"multi-?modal|modalit|audio|video"),
    (FaqIntent.CAPABILITY, "|".join(words for _, words in CAPABILITY_WORDS)),
    (FaqIntent.WHERE, r"where|provider|available|availability|host|deploy|\bapi\b|run it|run them"),
    (FaqIntent.CHEAPER, r"cheap|price|pricing|cost|expensive|how much|spend|bill"),
)


@dataclass(frozen=True, slots=True)
class Intent:
    kind: FaqIntent
    capability: Capability | None = None
    benchmark: str | None = None
    traffic: Traffic | None = None
    problem: str | None = None
    """For a cost question whose figures cannot be priced: why (a number too large, say)."""
    said: tuple[str, ...] = ()
    """How the workload's numbers were read where that took a choice."""


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


_PRICED = re.compile(r"cheap|price|pricing|cost|expensive|how much|spend|bill|budget|afford|\$")


def parse(question: str, models: Sequence[Model], traffic: Traffic = DEFAULT_TRAFFIC) -> Intent:
    """What is asked about ``models``, from the question's words (their names taken out). A workload in
    the words makes a cost question (or prices a "which is cheaper"), on top of ``traffic``."""
    text = without_names(question, models)
    try:
        read = read_workload(discovery.take_prices(text)[0], traffic)
    except ValueError as exc:
        return Intent(FaqIntent.COST, problem=str(exc))
    if read is not None and (read.volume or ((read.sizes or read.shares) and _PRICED.search(text))):
        return Intent(FaqIntent.COST, traffic=read.traffic, said=read.said)
    benchmark = _benchmark_named(text, models)
    if benchmark is not None:
        return Intent(FaqIntent.BENCHMARK, benchmark=benchmark)
    for kind, words in _INTENT_WORDS:
        if re.search(words, text):
            if kind is FaqIntent.CAPABILITY:
                return Intent(kind, capability=next(c for c, w in CAPABILITY_WORDS if re.search(w, text)))
            if kind is FaqIntent.CHEAPER and read is not None:
                return Intent(kind, traffic=read.traffic, said=read.said)
            return Intent(kind)
    return Intent(FaqIntent.UNSUPPORTED)


def answer(question: str, models: Sequence[Model], traffic: Traffic = DEFAULT_TRAFFIC) -> FaqAnswer:
    """Answer a question about models already found in it."""
    intent = parse(question, models, traffic)
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
    if intent.kind is FaqIntent.COST:
        found = answers.answer_cost(models, intent.traffic or traffic, question)
    elif intent.kind is FaqIntent.CHEAPER:
        found = answers.answer_cheaper(models, question, intent.traffic or traffic)
    elif intent.kind is FaqIntent.CAPABILITY and intent.capability is not None:
        found = answers.answer_capability(models, intent.capability, question)
    elif intent.kind is FaqIntent.BENCHMARK:
        found = answers.answer_benchmark(models, intent.benchmark, question)
    else:
        handler = _HANDLERS.get(intent.kind)
        if handler is None:
            return unsupported(question, models)
        found = handler(models, question)
    return _with_notes(found, intent.said)


_HANDLERS = {
    FaqIntent.CONTEXT: answers.answer_context,
    FaqIntent.OPEN_SOURCE: answers.answer_open_source,
    FaqIntent.LICENCE: answers.answer_licence,
    FaqIntent.MAX_OUTPUT: answers.answer_max_output,
    FaqIntent.PARAMETERS: answers.answer_parameters,
    FaqIntent.MULTIMODAL: answers.answer_multimodal,
    FaqIntent.WHERE: answers.answer_where,
    FaqIntent.RELEASE: answers.answer_release,
    FaqIntent.CUTOFF: answers.answer_cutoff,
}


def _with_notes(found: FaqAnswer, notes: Sequence[str], unrecognised: Sequence[str] = ()) -> FaqAnswer:
    """The answer with how the question was read said first."""
    if not notes and not unrecognised:
        return found
    return found.replace(
        answer=" ".join([*notes, found.answer]),
        read_as=(*found.read_as, *notes),
        unrecognised=(*found.unrecognised, *unrecognised),
    )


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


def no_model(
    question: str, suggestions: Sequence[str], notes: Sequence[str] = (), unrecognised: Sequence[str] = ()
) -> FaqAnswer:
    """The question names no model: the closest names to its words, or an example when nothing is close."""
    if unrecognised:
        text = " ".join(notes)
    else:
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
        unrecognised=tuple(unrecognised),
        read_as=tuple(notes) if unrecognised else (),
    )


# --- names a question types ------------------------------------------------------------------------


_TOKENS = re.compile(r"[a-z0-9]+(?:[.\-_/:@][a-z0-9]+)*")
"""The resolver's words of a text (``catalog.resolver``), with where each is."""
_ID_LIKE = re.compile(r"^(?=[a-z0-9.\-_]*[a-z])(?=[a-z0-9.\-_]*\d)[a-z0-9][a-z0-9.\-_]*$")
_UNIT = re.compile(r"^\d+(?:\.\d+)?(?:k|m|b|x|s|ms|th|st|nd|rd|gb|mb|tb|kb|bn|am|pm|h|d|mo|yr|usd)$")
NOT_NAMES = frozenset(
    {
        "h100",
        "h200",
        "a100",
        "b200",
        "mp3",
        "mp4",
        "x86",
        "arm64",
        "utf8",
        "utf-8",
        "2d",
        "3d",
        "4k",
        "8k",
        "p99",
        "p50",
        "q1",
        "q2",
        "q3",
        "q4",
        "v1",
        "v2",
    }
)
"""Words with letters and digits that are not model names."""
COMMON_WORDS = frozenset(
    {
        "command",
        "nova",
        "sonar",
        "text",
        "seed",
        "step",
        "muse",
        "trinity",
        "ada",
        "hermes",
        "nous",
        "model",
        "models",
        "the",
        "and",
        "for",
        "with",
        "which",
        "what",
        "best",
        "code",
        "chat",
        "open",
        "free",
        "new",
        "latest",
        "llm",
        "llms",
        "ai",
        "api",
    }
)
"""First words of model names that are also ordinary words: they do not start a name in a question."""
JOINING_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "or",
        "vs",
        "versus",
        "than",
        "the",
        "for",
        "with",
        "of",
        "in",
        "on",
        "to",
        "is",
        "it",
        "at",
        "by",
        "from",
        "which",
        "what",
        "how",
        "does",
        "do",
        "can",
        "cheaper",
        "better",
        "model",
        "models",
        "tokens",
        "token",
        "requests",
        "request",
        "per",
        "day",
        "month",
        "cost",
        "price",
        "support",
        "supports",
        "has",
        "have",
        "cached",
        "input",
        "output",
        "prompts",
        "prompt",
        "context",
        "window",
        "open",
        "weights",
    }
)
"""Words that end a name typed in a question."""
NAME_WIDTH = 4
"""The most words one typed name spans."""
CLOSE = 80.0
"""A suggestion for a word of the question must be at least a prefix or word match (the resolver's 80)."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    brands: frozenset[str]
    """Words a model's name starts with ("claude", "gemini", "qwen"), ordinary words left out."""
    words: frozenset[str]
    """Every word of every model's name."""
    creators: frozenset[str]
    vendors: frozenset[str]


@cached("faq vocabularies", size=4)
def vocabulary(models: tuple[Model, ...]) -> Vocabulary:
    """The words names are made of in a catalog (kept for the last few catalogs)."""
    from catalog.resolver import words as name_words

    brands: set[str] = set()
    vocabulary_words: set[str] = set()
    for model in models:
        found = name_words(model.name)
        vocabulary_words.update(found)
        if found:
            stem = re.sub(r"[\d.]+$", "", found[0])
            if len(stem) >= 3 and stem not in COMMON_WORDS:
                brands.add(stem)
    return Vocabulary(
        frozenset(brands),
        frozenset(vocabulary_words),
        frozenset(m.creator for m in models),
        frozenset(m.vendor.casefold() for m in models),
    )


@dataclass(frozen=True, slots=True)
class TypedName:
    text: str
    start: int
    """The word it starts at."""
    family: Family | None = None
    suggestions: tuple[str, ...] = ()


def _is_name_start(token: str, vocab: Vocabulary) -> bool:
    if token in NOT_NAMES or _UNIT.match(token):
        return False
    stem = re.sub(r"[\d.\-]+$", "", token.split("-")[0])
    if stem in vocab.brands or token in vocab.brands:
        return True
    return _ID_LIKE.match(token) is not None or brand_typo(stem, vocab) is not None


BRAND_TYPO = 85.0
"""How close (a rapidfuzz ratio) a word must be to a brand to be read as a misspelt name ("clade", "gemni",
"deepsek"): one letter missing, added or changed in a word of five letters or more."""
BRAND_TYPO_LETTERS = 5


def brand_typo(word: str, vocab: Vocabulary) -> str | None:
    """The brand ``word`` misspells, or None: a word of letters no model's name has, not an ordinary word
    of questions, within ``BRAND_TYPO`` of a brand ("clade" for "claude"). Such a word starts a name that
    is reported as not recognised, with the closest names, rather than passed over in silence."""
    if (
        len(word) < BRAND_TYPO_LETTERS
        or not word.isalpha()
        or word in vocab.words
        or word in COMMON_WORDS
        or word in JOINING_WORDS
        or word in NOT_NAMES
    ):
        return None
    from rapidfuzz import fuzz, process

    found = process.extractOne(word, vocab.brands, scorer=fuzz.ratio, score_cutoff=BRAND_TYPO)
    return found[0] if found else None


def typed_names(
    tokens: Sequence[str], taken: set[int], vocab: Vocabulary, breaks: Set[int] = frozenset()
) -> list[tuple[int, int]]:
    """(start, width) of the words left over that look like a model's name: a brand or an id-like word, and
    the name's words that follow it (versions, sizes: "claude sonnet", "gemini 2.5 flash", "gpt-7"). A name
    ends before punctuation (``breaks``: the words that follow some) and before another brand."""
    found: list[tuple[int, int]] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if position in taken or not _is_name_start(token, vocab):
            position += 1
            continue
        width = 1
        while width < NAME_WIDTH and position + width < len(tokens) and position + width not in taken:
            following = tokens[position + width]
            if following in JOINING_WORDS or _UNIT.match(following) or position + width in breaks:
                break
            if re.sub(r"[\d.\-]+$", "", following) in vocab.brands:
                break
            if following in vocab.words or re.fullmatch(r"v?\d+(?:\.\d+)*[a-z]?", following):
                width += 1
                continue
            break
        found.append((position, width))
        position += width
    return found


def _brand_suggestions(text: str, catalog, vocab: Vocabulary) -> tuple[str, ...]:
    """For a typed name the resolver finds nothing close to: the newest of the brand it starts with ("gpt-7":
    GPT models), or for a misspelt brand ("clade sonnet") the name as it would be spelt and the newest
    of that family."""
    first, _, rest = text.partition(" ")
    corrected = brand_typo(first, vocab)
    if corrected is not None:
        spelt = " ".join([corrected, *rest.split()])
        named = family(catalog, spelt) or family(catalog, corrected)
        return (spelt, *(m.name for m in named.members[:2])) if named is not None else (spelt,)
    brand = family(catalog, re.sub(r"[^a-z].*$", "", text))
    return tuple(m.name for m in brand.members[:3]) if brand is not None else ()


def _suggestions(resolver, text: str, catalog, limit: int) -> tuple[str, ...]:
    """The closest names to a typed name: by score, then newest first."""
    candidates = [c for c in resolver.suggest(text) if c.score >= CLOSE]
    return tuple(c.name for c in newest_first(catalog, tuple(candidates))[:limit])


@dataclass(slots=True)
class Reading:
    """A question's names, read: the models found in order, and what was said about the rest."""

    found: list[tuple[int, Model]] = field(default_factory=list)
    """Each model found and the word it starts at."""
    notes: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    """The names offered for those not recognised, in order, each once."""
    families: list[TypedName] = field(default_factory=list)
    """Families named by a brand alone or with its words ("grok", "claude sonnet")."""
    text: str = ""
    """The question in lower case with every name taken out."""

    @property
    def models(self) -> list[Model]:
        """The models found, in the order the question names them, each once."""
        out: list[Model] = []
        for _, model in sorted(self.found, key=lambda item: item[0]):
            if model not in out:
                out.append(model)
        return out


def read_names(question: str, catalog, resolver, suggestions: int = 5) -> Reading:
    lowered = question.casefold()[:2000]
    spans = [m.span() for m in _TOKENS.finditer(lowered)]
    tokens, mentions = resolver.mentions(question, MAX_MODELS)
    taken: set[int] = set()
    found: list[tuple[int, Model | None, TypedName | None]] = []  # by the word each starts at
    for mention in mentions:
        taken.update(range(mention.start, mention.start + mention.width))
        found.append((mention.start, mention.model, None))
    vocab = vocabulary(tuple(catalog.models))
    breaks = {i for i in range(1, len(spans)) if lowered[spans[i - 1][1] : spans[i][0]].strip()}
    for start, width in typed_names(tokens, taken, vocab, breaks):
        text = " ".join(tokens[start : start + width])
        typed = TypedName(text, start, family(catalog, text))
        if typed.family is None:
            typed = TypedName(text, start, None, _suggestions(resolver, text, catalog, suggestions))
        if typed.family is None and not typed.suggestions:
            typed = TypedName(text, start, None, _brand_suggestions(text, catalog, vocab))
        taken.update(range(start, start + width))
        found.append((start, None, typed))
    reading = Reading()
    chars = list(lowered)
    for index in taken:
        if index < len(spans):
            begin, end = spans[index]
            chars[begin:end] = " " * (end - begin)
    reading.text = " ".join("".join(chars).split())
    for start, model, named in sorted(found, key=lambda item: item[0]):
        if model is not None:
            reading.found.append((start, model))
            continue
        assert named is not None
        typed = named
        if typed.family is not None:
            reading.families.append(typed)
            continue
        reading.unrecognised.append(typed.text)
        reading.suggestions += [n for n in typed.suggestions if n not in reading.suggestions]
        shown = f" (did you mean: {', '.join(typed.suggestions)}?)" if typed.suggestions else ""
        reading.notes.append(f"I did not recognise '{typed.text}'{shown}.")
    return reading


def _resolve_families(reading: Reading) -> None:
    """Each family named read as its newest active model (saying so), or, when it has no one newest, as
    a name to ask about."""
    for typed in reading.families:
        fam = typed.family
        assert fam is not None
        if fam.newest is not None and len(reading.models) < MAX_MODELS:
            reading.found.append((typed.start, fam.newest))
            reading.notes.append(fam.note())
        else:
            reading.unrecognised.append(typed.text)
            reading.notes.append(f"{fam.note()} Which one did you mean?")


def _ranking_scope(reading: Reading, vocab: Vocabulary) -> str | None:
    """The family words a ranking question is about ("grok", "claude sonnet"), when a family is named and
    it is not a vendor (a vendor is a filter of its own)."""
    for typed in reading.families:
        if typed.text not in vocab.creators and typed.text not in vocab.vendors:
            return typed.text
    return None


def ask(
    question: str,
    catalog,
    resolver=None,
    suggestions: int = 5,
    traffic: Traffic = DEFAULT_TRAFFIC,
    changes: Sequence[Change] | Callable[[], Sequence[Change]] = (),
) -> FaqAnswer:
    """Answer ``question`` from ``catalog``; ``traffic`` is the workload to price at when the question
    states none (the default, or a server's); ``changes`` the catalog's recorded history (or what reads
    it: it is read only for a "what's new" question)."""
    if resolver is None:
        resolver = catalog.resolver
    reading = read_names(question, catalog, resolver, suggestions)
    text = reading.text
    models = catalog.models
    if discovery.is_not_in_catalog(text):
        _resolve_families(reading)
        found = discovery.answer_not_in_catalog(question, reading.models, text)
        return _with_notes(found, reading.notes, reading.unrecognised)
    if reading.models and discovery.is_better_than(text):
        _resolve_families(reading)
        found = discovery.answer_better_than(question, reading.models[0], text, models, traffic)
        return _with_notes(found, reading.notes, reading.unrecognised)
    if not reading.models and not reading.unrecognised and (discovery.is_news(text) or discovery.is_ranking(text)):
        return _ranking(question, reading, catalog, text, traffic, changes)
    _resolve_families(reading)
    if not reading.models:
        if reading.unrecognised:
            return no_model(question, reading.suggestions, reading.notes, reading.unrecognised)
        return no_model(question, suggest_names(resolver, question, suggestions, catalog))
    found = answer(question, reading.models, traffic)
    return _with_notes(found, reading.notes, reading.unrecognised)


def _ranking(
    question: str,
    reading: Reading,
    catalog,
    text: str,
    traffic: Traffic,
    changes: Sequence[Change] | Callable[[], Sequence[Change]] = (),
) -> FaqAnswer:
    vocab = vocabulary(tuple(catalog.models))
    named = _ranking_scope(reading, vocab)
    vendor_text = text
    for typed in reading.families:  # a vendor named like a brand ("deepseek") is a vendor filter
        if typed.text != named:
            vendor_text += f" {typed.text}"
    try:
        priced_text, _, _, _ = discovery.take_prices(text)
        priced_text, _ = discovery.take_min_context(priced_text)
        read: WorkloadRead | None = read_workload(priced_text, traffic)
        asked = discovery.read_ranking(vendor_text, catalog.models, catalog.vendors, named, read is not None)
    except ValueError as exc:
        return FaqAnswer(
            question=question, intent=FaqIntent.RANKING, answered=False, answer=f"I can't rank on that: {exc}."
        )
    workload = read.traffic if read is not None else traffic
    said = list(read.said) if read is not None else []
    if discovery.is_news(text):
        recorded = changes() if callable(changes) else changes
        return discovery.answer_news(question, asked, catalog.models, workload, said, recorded)
    return discovery.answer_ranking(question, asked, catalog.models, workload, said)


def suggest_names(resolver, question: str, limit: int, catalog=None) -> list[str]:
    """Model names to offer when the question names none: the resolver's guesses for its words, by score
    and then newest first."""
    found: dict[str, Candidate] = {}
    for word in re.findall(r"[a-z0-9][a-z0-9.\-]+", question.casefold()):
        if len(word) < 3:
            continue
        for candidate in resolver.suggest(word):
            if candidate.score < CLOSE:
                continue  # a fuzzy guess for an ordinary word ("which", "hello") is noise
            if candidate.name not in found or found[candidate.name].score < candidate.score:
                found[candidate.name] = candidate
    return [c.name for c in newest_first(catalog, tuple(found.values()))][:limit]
