"""The engine's typed results: what every surface renders.

Conventions:

* Every type is a frozen dataclass (``catalog.record.Record``: keyword-only, no field but those
  declared, equal and hashable by value); ``result.as_dict(json=True)`` gives the ``--json`` form,
  with amounts as JSON numbers (whole values as integers). Building one checks nothing and imports
  no pydantic: the engine passes the declared types (tuples, ``Decimal`` amounts, enum members);
  ``Type.validate(data)`` builds a checked one from plain data.
* Amounts are exact ``Decimal`` in Python (USD; prices are USD per 1M tokens).
* ``None`` means *unknown*: the catalog does not know the fact. Surfaces show it as
  "unknown", never as $0 or "No". The ``text`` fields already say so.
* Sentences (``text``, ``bullets``, ``answer``) are facts in words, not layout: no
  markdown, no line breaks, no column padding. Tables are rows of cells so that each
  surface lays them out itself.
* A comparison is a list of ``Section``s, each with a stable ``key`` so a surface can show
  one at a time; ``engine.sections`` lists them and bundles them into the groups a surface
  may offer as pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar, Literal

from catalog.record import Record


def _as_json_number(value: Decimal) -> int | float:
    """Decimals become JSON numbers (whole values as integers)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


Amount = Decimal
"""An exact amount: USD, USD per 1M tokens, a share or a lead in points (a JSON number in ``--json``)."""


class Result(Record):
    """Base of every result type: frozen, and no field but those declared."""

    json_decimal: ClassVar[Callable[[Decimal], Any]] = _as_json_number


# --- small parts -----------------------------------------------------------------------------


class ModelRef(Result):
    """Which model a result is about."""

    id: str
    name: str
    vendor: str


CellValue = Amount | int | bool | str | None


class Cell(Result):
    """One model's value in a table row.

    ``text`` is the value as people write it ("$0.40/1M", "1M", "Yes", "unknown");
    ``value`` is the raw value (``None`` when unknown); ``best`` marks the models holding
    the best value of the row when not every known value is the same (unknown is never best).
    """

    text: str
    value: CellValue = None
    best: bool = False


class Row(Result):
    key: str
    label: str
    cells: tuple[Cell, ...]
    note: str | None = None
    """A fact about the row as a whole, e.g. "Grok 4.20 leads by 53.1 points"."""


class Table(Result):
    key: str
    title: str
    label_header: str
    """The heading of the label column, e.g. "Specification"."""
    columns: tuple[str, ...]
    """The model names, in the comparison's order; one cell per column in each row."""
    rows: tuple[Row, ...]
    empty_text: str | None = None
    """What to show when ``rows`` is empty, e.g. "No shared benchmark rows for these models."."""


class Figure(Result):
    """A headline number with its label, e.g. one model's monthly cost."""

    label: str
    text: str
    value: Amount | None = None
    detail: str | None = None


class Source(Result):
    """A page behind a figure, and the date behind it: ``how`` is ``fetched``, ``read`` (a stored
    copy), ``checked``, ``decided`` (a Versus rule) or ``published`` (a benchmark result's date)."""

    title: str
    url: str
    date: dt.date
    how: str
    covers: tuple[str, ...] = ()
    """What it backs, as the catalog names it: "context_window", "prices", "cache", a benchmark's name..."""

    @property
    def dated(self) -> str:
        suffix = " from a stored copy" if self.how == "read" else ""
        return f"{self.how} {self.date.isoformat()}{suffix}"


# --- cost -----------------------------------------------------------------------------------


class Traffic(Result):
    """The traffic a cost estimate is priced at."""

    input_tokens: int
    output_tokens: int
    requests: int
    per: Literal["day", "month"]
    cached_share: Amount
    """Share of input tokens served from cache, 0..1."""
    batch_share: Amount
    """Share of requests sent through a batch API, 0..1."""
    cache_write_share: Amount = Decimal(0)
    """Share of input tokens written to the cache (billed at the cache-write price), 0..1; with
    ``cached_share`` at most 1."""
    requests_per_day: Amount
    requests_per_month: Amount
    days_per_month: int
    off_peak: bool = False
    """Priced at the routes' off-peak prices where they publish them (else at their standard prices)."""
    description: str
    """In words, e.g. "1,000,000 requests a month at 800 input and 250 output tokens each"."""
    providers: tuple[str, ...] = ()
    """The providers the traffic may be bought from (a team's); empty: every provider. Routes of others
    are priced and shown but never counted as cheapest (``RouteCost.outside``)."""


class RouteCost(Result):
    provider: str
    model_id: str
    known: bool
    """False when the route cannot be priced at this traffic: its price is unknown, or (``fits``
    False) a request's input is more than its context window. Its totals are then None, never $0."""
    per_request: Amount | None = None
    per_day: Amount | None = None
    per_month: Amount | None = None
    input_price: Amount | None = None
    output_price: Amount | None = None
    """The base prices per 1M tokens used (the tier's when a long-context tier applied)."""
    tier_above_input_tokens: int | None = None
    """Set when a long-context tier priced the requests (their input passes this threshold)."""
    cheapest: bool = False
    outside: bool = False
    """True when the traffic names providers (``Traffic.providers``) and this is not one of them: priced,
    shown, never cheapest."""
    fits: bool = True
    """False when a request's input is more than the route's known context window: the route cannot
    take this traffic (an unknown window is not held against it)."""
    unknown_above: int | None = None
    """Set when the request's input passes a long-context threshold other routes of the model price
    higher above, and this route publishes no price there: its price is unknown (``known`` False)."""
    low_per_month: Amount | None = None
    high_per_month: Amount | None = None
    """With ``unknown_above``: the monthly cost at the route's own base price, and at that price raised as
    the model's other routes raise theirs above the threshold (a range, not a price)."""
    notes: tuple[str, ...] = ()
    """How shares were priced where the route publishes no such price, e.g. cache at the standard rate;
    the off-peak prices and when they apply; a deprecation."""
    status: str = "active"
    """The route's lifecycle: "active", "deprecated" or "retired" (never priced, never cheapest)."""
    text: str
    """The route's total in words, e.g. "$720/month", "price unknown", "does not fit (1M context window)" or
    "price above 200K unknown ($11,325 to $22,612/month from the known tiers)"."""


class ModelCost(Result):
    model: ModelRef
    routes: tuple[RouteCost, ...]
    """Every route, cheapest first, unknown-priced routes last."""
    cheapest_providers: tuple[str, ...] = ()
    """Providers tied at the cheapest total; the first is the named one (the vendor's own API if tied)."""
    cheapest: RouteCost | None = None
    fits: bool = True
    """False when no route of the model takes the request (``engine.cost.fits``): ``route_text`` says
    "does not fit (context N)" and no route is priced."""
    route_text: str
    """E.g. "OpenAI API; OpenRouter and Replicate API cost the same", or "no route with a known price"."""


class BreakEven(Result):
    """Where the ranking of two models' costs flips."""

    cheaper_below: ModelRef
    cheaper_above: ModelRef
    variable: Literal["input_share", "input_tokens"]
    """input_share: share of a request's tokens that are input (0..1); input_tokens: tokens per request."""
    value: Amount
    text: str


class CostEstimate(Result):
    traffic: Traffic
    models: tuple[ModelCost, ...]
    ranking: tuple[str, ...]
    """Model ids from cheapest to dearest (models with no known price left out)."""
    gap_per_month: Amount | None = None
    """Dearest minus cheapest monthly cost on cheapest routes; None when fewer than two are known."""
    break_evens: tuple[BreakEven, ...] = ()
    summary: tuple[str, ...] = ()
    """The estimate in sentences."""
    notes: tuple[str, ...] = ()
    """How cache, batch and tiers were priced, as stated assumptions."""
    updated: tuple[dt.date, ...] = ()
    """What each model's data is as of, one per model, in order."""
    sources: tuple[Source, ...] = ()
    """The pages the models' facts and prices come from (each model's own sources, then its routes'),
    each once, with the date behind it: what a surface cites under the estimate."""


# --- the cost chart -------------------------------------------------------------------------


class ChartLine(Result):
    """One model's monthly cost at each x of a panel (None: no route can price that x)."""

    model: ModelRef
    points: tuple[tuple[Amount, Amount | None], ...]


class ChartMark(Result):
    """A marked point: a model at the stated workload, or a break-even."""

    x: Amount
    y: Amount
    label: str
    model: ModelRef | None = None


class CostChart(Result):
    """What ``engine.chart.draw`` draws (see ``engine.chart``)."""

    title: str
    traffic: Traffic
    volume: tuple[ChartLine, ...]
    """Monthly cost against monthly requests, each priced model on its cheapest route."""
    at_workload: tuple[ChartMark, ...]
    """Each priced model at the stated monthly requests."""
    by_input: tuple[ChartLine, ...]
    """Monthly cost against input tokens per request, at the stated volume and output size."""
    break_evens: tuple[ChartMark, ...]
    """Where the cheapest changes as the input grows (the estimate's break-evens)."""
    not_priced: tuple[str, ...] = ()
    """Models with no line in the first panel, and why ("GPT-4o: does not fit (context 128K)")."""
    caption: str


# --- rankings -------------------------------------------------------------------------------


class RankFilters(Result):
    """What a model must have to be ranked. Each filter holds only on a known "yes" or a known figure:
    a model whose capability, context window or price is unknown does not pass a filter on it."""

    capabilities: tuple[str, ...] = ()
    """``Capability`` values the model must support (yes, not unknown)."""
    vendor: str | None = None
    """The catalog's spelling of a vendor."""
    named: str | None = None
    """Words the model's name must hold, e.g. "grok" or "claude sonnet" (a family as people say it)."""
    open_weights: bool = False
    min_context: int | None = None
    max_price: Amount | None = None
    """USD per 1M tokens the model's cheapest ``max_price_of`` price must not exceed."""
    max_price_of: Literal["input", "output", "both"] = "both"
    max_monthly: Amount | None = None
    """USD a month the model's cheapest route may cost at the ranking's traffic."""
    include_retired: bool = False
    """Retired models (no route sold any more) are left out unless this is set."""
    description: str = ""
    """The filters in words, e.g. "with vision and function calling, by OpenAI"; empty when none."""


class RankEntry(Result):
    """One ranked model and the figure it is ranked on."""

    rank: int
    model: ModelRef
    value: Amount | int | str
    """The figure compared: USD, USD per 1M tokens, tokens, a score, or a date (ISO text)."""
    text: str
    """The figure as people write it, e.g. "$0.40/1M", "1M tokens", "76.7%", "2025-04-14"."""
    detail: str | None = None
    """Where the figure comes from in words, e.g. "on OpenAI API"."""
    source: Source | None = None
    """The page behind the figure, and its date."""


class Ranking(Result):
    """Models ranked by one figure, best first, after filters."""

    measure: str
    """``cost``, ``input``, ``output``, ``context``, ``max-output``, ``released`` or ``benchmark``."""
    benchmark: str | None = None
    """The benchmark's name, for ``measure == "benchmark"``."""
    label: str
    """What the figure is, e.g. "monthly cost", "SWE-bench Verified score"."""
    title: str
    """E.g. "Largest context window, with vision"."""
    filters: RankFilters
    traffic: Traffic | None = None
    """The traffic a ``cost`` ranking is priced at."""
    entries: tuple[RankEntry, ...]
    matched: int
    """Models that pass the filters."""
    unknown: int = 0
    """Of those, models left out because their figure is unknown (or, for cost, no route takes the request)."""
    summary: tuple[str, ...] = ()
    """The ranking in sentences: what it ranks, how many, what was left out."""


# --- FAQ ------------------------------------------------------------------------------------


class FaqIntent(StrEnum):
    CHEAPER = "cheaper"
    CONTEXT = "context"
    OPEN_SOURCE = "open_source"
    CAPABILITY = "capability"
    MULTIMODAL = "multimodal"
    WHERE = "where"
    COST = "cost"
    BENCHMARK = "benchmark"
    RELEASE = "release"
    CUTOFF = "cutoff"
    MAX_OUTPUT = "max_output"
    PARAMETERS = "parameters"
    LICENCE = "licence"
    RANKING = "ranking"
    """Which models rank first on a figure, after filters ("cheapest model with vision"): ``ranking``."""
    NEWS = "news"
    """What is new from a vendor or a family: the newest releases (``ranking``) and recorded changes."""
    NOT_IN_CATALOG = "not_in_catalog"
    """A question about a figure the catalog does not hold (latency, throughput): said plainly."""
    UNSUPPORTED = "unsupported"
    """A question the engine cannot answer: ``suggestions`` lists what it can answer."""
    NO_MODEL = "no_model"
    """A question naming no known model: ``suggestions`` lists model names to try."""


class FaqAnswer(Result):
    question: str
    intent: FaqIntent
    answered: bool
    models: tuple[ModelRef, ...] = ()
    answer: str
    suggestions: tuple[str, ...] = ()
    capability: str | None = None
    """For capability questions: the capability asked about (a ``Capability`` value)."""
    cost: CostEstimate | None = None
    """For cost questions: the estimate the answer quotes."""
    table: Table | None = None
    """Optional supporting rows (e.g. the benchmark scores the answer quotes)."""
    updated: tuple[dt.date, ...] = ()
    """What each model's data is as of, one per model, in order."""
    sources: tuple[Source, ...] = ()
    """The pages the models' facts and prices come from, as for ``CostEstimate.sources``."""
    ranking: Ranking | None = None
    """For ranking and news questions: the ranking the answer quotes."""
    unrecognised: tuple[str, ...] = ()
    """Names the question typed that match no model (the answer says so, and covers the others)."""
    read_as: tuple[str, ...] = ()
    """How the question was read where that took a choice: a family name read as its newest model, a
    token volume split into requests. The answer's text says each."""


# --- model card -----------------------------------------------------------------------------


class CardTier(Result):
    """Prices that apply to a whole request whose input passes ``above_input_tokens``."""

    above_input_tokens: int
    input: Amount
    output: Amount
    cached_input: Amount | None = None
    cache_write: Amount | None = None


class CardRoute(Result):
    """One way to buy the model, its prices per 1M tokens (None: unknown or not offered) and sources."""

    provider: str
    model_id: str
    input: Amount | None
    output: Amount | None
    cached_input: Amount | None = None
    cache_write: Amount | None = None
    batch_input: Amount | None = None
    batch_output: Amount | None = None
    tiers: tuple[CardTier, ...] = ()
    context_window: int | None
    cheapest: bool = False
    """The route named cheapest at a 70/30 input/output mix (``engine.facts.cheapest_blend``)."""
    status: str = "active"
    """"active", "deprecated" or "retired" (a retired route is never cheapest)."""
    status_text: str = "active"
    """In words: "deprecated: retires 2027-01-10", "retired since 2026-07-05"."""
    off_peak: str | None = None
    """Its off-peak prices and when they apply, in words; None when it publishes none."""
    scheduled: tuple[str, ...] = ()
    """Prices announced for a later date, in words: "from 2026-09-01: $3.00/1M input, $15.00/1M output"."""
    disagreements: tuple[str, ...] = ()
    """Figures its sources state differently, each with every source's value, in words."""
    sources: tuple[Source, ...]


class CardBenchmark(Result):
    name: str
    score: Amount
    unit: str
    verification: str
    date: dt.date
    notes: str | None = None
    source: str


class CardCapability(Result):
    key: str
    label: str
    answer: Literal["yes", "no", "unknown"]


class ModelCard(Result):
    """Everything the catalog says about one model, as surfaces show it (``versus model``, ``/model``)."""

    model: ModelRef
    family: str
    aliases: tuple[str, ...] = ()
    release_date: dt.date | None
    knowledge_cutoff: str | None
    context_window: int | None
    max_output_tokens: int | None
    parameters: str | None
    architecture: str | None
    licence: str | None
    open_weights: Literal["yes", "no", "unknown"]
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]
    capabilities: tuple[CardCapability, ...]
    tags: tuple[str, ...] = ()
    """Versus's decision-fit tags (its own curation)."""
    routes: tuple[CardRoute, ...] = ()
    benchmarks: tuple[CardBenchmark, ...] = ()
    sources: tuple[Source, ...]
    """The pages the model's own facts come from (its routes' are with each route)."""
    updated: dt.date
    """What its data is as of: the newest date behind its facts and figures."""
    retired_since: dt.date | None = None
    """Set when every route of the model is retired: since when none sells it."""
    disagreements: tuple[str, ...] = ()
    """Model facts its sources state differently (the context window), in words."""


# --- comparison -----------------------------------------------------------------------------


class Section(Result):
    """One section of a comparison. Parts present are shown in this order:
    ``text`` (sentences, a paragraph each), ``figures``, ``bullets``, ``tables``, ``faq``."""

    key: str
    """Which section (``engine.sections``), e.g. "pricing"."""
    title: str
    text: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    bullets: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    faq: tuple[FaqAnswer, ...] = ()
    sources: tuple[Source, ...] = ()


class BenchmarkLead(Result):
    benchmark: str
    unit: str
    scores: tuple[Amount, ...]
    """One per model, in the comparison's order (only benchmarks every model has)."""
    leader: ModelRef | None
    """None on a tie at the top."""
    lead: Amount
    """Points between the best and the next best score (0 on a tie)."""


class BlendedPrice(Result):
    model: ModelRef
    provider: str | None
    price: Amount | None
    """USD per 1M tokens at 70% input, 30% output on the model's cheapest route; None when unknown."""


class Comparison(Result):
    title: str
    """E.g. "GPT-4.1 Mini vs Grok 4.3"."""
    models: tuple[ModelRef, ...]
    summary: str
    verdict: str
    sections: tuple[Section, ...]
    """Every section, in page order (or those asked for, in page order: ``compare(..., sections=...)``);
    ``section(key)`` finds one."""
    cost: CostEstimate
    """The monthly-cost section's estimate (each model on its cheapest tracked route)."""
    blended: tuple[BlendedPrice, ...]
    benchmark_leads: tuple[BenchmarkLead, ...] = ()
    shared_providers: tuple[str, ...] = ()
    updated: tuple[dt.date, ...]
    """What each model's data is as of (``Model.updated``), one per model, in order."""

    def section(self, key: str) -> Section:
        """The section with this key (a ``KeyError`` when it was not asked for)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)
