"""Facts about one model or a set of models, shared by the comparison, the estimates and the FAQ.

Every function here is pure. ``None`` is unknown; a comparison is only won when every value
compared is known ("unknown never wins").

What the engine derives from one model alone is worked out once per model and kept (``of``, one
cache): every comparison, estimate, answer and model card reads it, several times each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from catalog.importers.providers import first_party_names
from catalog.schema import CURATION_DOC, Benchmark, Capability, Model, Route, Tri
from engine.cache import cached
from engine.results import ModelRef, Source

V = TypeVar("V")

BLEND_INPUT = Decimal("0.7")
BLEND_OUTPUT = Decimal("0.3")
"""The 70/30 input/output mix of the blended price."""

CONTEXT_NEAR_TIE = Decimal("0.10")
"""Context windows within 10% of the larger are "about the same": 1,047,576 against 1,000,000 is no lead."""
_NEAR_TIE_NUMERATOR, _NEAR_TIE_DENOMINATOR = CONTEXT_NEAR_TIE.as_integer_ratio()

CAPABILITIES: tuple[Capability, ...] = tuple(Capability)
"""Every capability, in the catalog's order (iterating the enum each time is slow)."""

_CAPABILITY_FIELDS = tuple([c.value for c in CAPABILITIES])

CAPABILITY_PHRASES: dict[Capability, str] = {
    Capability.VISION: "vision",
    Capability.MULTIMODAL: "multimodal input",
    Capability.REASONING: "reasoning",
    Capability.FUNCTION_CALLING: "function calling",
    Capability.TOOL_USE: "tool use",
    Capability.STRUCTURED_OUTPUTS: "structured outputs",
    Capability.CODE_EXECUTION: "code execution",
}
"""Capabilities as they read inside a sentence."""


OWN_CLOUDS: dict[str, frozenset[str]] = {
    "amazon": frozenset({"Amazon Bedrock"}),
    "google": frozenset({"Google Vertex AI"}),
    "microsoft": frozenset({"Azure AI Foundry"}),
    "nvidia": frozenset({"NVIDIA NIM"}),
}
"""Makers whose own cloud sells their models besides any API of theirs the importers know
(``first_party_names`` lists the APIs a source names as the maker's, not these resellers-of-all)."""


@cached("vendor routes", size=256, key=lambda model: model.creator)
def vendor_routes(model: Model) -> frozenset[str]:
    """Providers (case-folded) that are the model's maker itself, from the maker's id (kept per maker:
    the importers' table is searched from end to end for each)."""
    names = first_party_names(model.creator) | OWN_CLOUDS.get(model.creator, frozenset())
    return frozenset(n.casefold() for n in names)


def is_vendor_route(model: Model, provider: str) -> bool:
    """True for the maker's own API (e.g. "OpenAI API" for an OpenAI model; not "Azure OpenAI",
    and not "Google Vertex AI" for an xAI model), matched by name, not by substring."""
    return provider.casefold() in vendor_routes(model)


@dataclass(frozen=True, slots=True)
class BestPrice:
    """A model's lowest price of one kind across its priced routes, and who offers it."""

    price: Decimal | None
    providers: tuple[str, ...] = ()


def best_price(model: Model, price_of: Callable[[Route], Decimal | None]) -> BestPrice:
    """The lowest known price of one kind, with every provider offering it: the vendor's API first,
    then in catalog order (``cheapest_first``'s order, in one pass instead of a sort). The price
    given is the first such provider's, as written (0.40 and 0.4 are equal but read differently)."""
    own = vendor_routes(model)
    low: Decimal | None = None
    vendor: list[tuple[str, Decimal]] = []
    others: list[tuple[str, Decimal]] = []
    for route in model.routes:
        price = price_of(route) if route.priced and route.sold else None
        if price is None:
            continue
        if low is None or price < low:
            low, vendor, others = price, [], []
        if price == low:
            (vendor if route.provider.casefold() in own else others).append((route.provider, price))
    if low is None:
        return BestPrice(None)
    tied = vendor + others
    return BestPrice(tied[0][1], tuple(provider for provider, _ in tied))


def cheapest_input(model: Model) -> BestPrice:
    return cheapest_prices(model)[INPUT]


def cheapest_output(model: Model) -> BestPrice:
    return cheapest_prices(model)[OUTPUT]


def cheapest_cached(model: Model) -> BestPrice:
    return cheapest_prices(model)[CACHED]


def blend(route: Route) -> Decimal | None:
    if route.input is None or route.output is None:
        return None
    return BLEND_INPUT * route.input + BLEND_OUTPUT * route.output


def cheapest_blend(model: Model) -> BestPrice:
    """USD per 1M tokens at a 70/30 input/output mix on the model's cheapest route."""
    return cheapest_prices(model)[BLEND]


INPUT, OUTPUT, CACHED, BLEND = range(4)
"""Indexes of ``cheapest_prices``: the kinds of price a model's cheapest is asked for."""


def cheapest_prices(model: Model) -> tuple[BestPrice, BestPrice, BestPrice, BestPrice]:
    """The model's cheapest input, output, cached-input and blended prices (``best_price`` of each)."""
    return of(model).cheapest


def cheapest_prices_among(
    model: Model, providers: Collection[str]
) -> tuple[BestPrice, BestPrice, BestPrice, BestPrice]:
    """``cheapest_prices`` over the routes of ``providers`` only (a team's, ``Traffic.providers``); all of
    them when empty."""
    if not providers:
        return cheapest_prices(model)
    return _cheapest_prices(model, frozenset(p.casefold() for p in providers))


def _cheapest_prices(
    model: Model, allowed: frozenset[str] | None = None
) -> tuple[BestPrice, BestPrice, BestPrice, BestPrice]:
    """``cheapest_prices`` from one pass over the model's routes (those of ``allowed`` providers, when given)."""
    own = vendor_routes(model)
    priced = [
        (route.provider, route.provider.casefold() in own, _route_prices(route))
        for route in model.routes
        if route.priced and route.sold and (allowed is None or route.provider.casefold() in allowed)
    ]
    return (
        _lowest_of(priced, INPUT),
        _lowest_of(priced, OUTPUT),
        _lowest_of(priced, CACHED),
        _lowest_of(priced, BLEND),
    )


def _route_prices(route: Route) -> tuple[Decimal, Decimal, Decimal | None, Decimal]:
    """A priced route's input, output, cached-input and blended prices, in ``cheapest_prices``' order."""
    assert route.input is not None and route.output is not None  # only asked of a priced route
    return route.input, route.output, route.cached_input, BLEND_INPUT * route.input + BLEND_OUTPUT * route.output


def _lowest_of(priced: Sequence[tuple[str, bool, tuple]], kind: int) -> BestPrice:
    """``best_price`` over (provider, is the vendor's API, its prices) of the priced routes."""
    low: Decimal | None = None
    vendor: list[tuple[str, Decimal]] = []
    others: list[tuple[str, Decimal]] = []
    for provider, is_own, prices in priced:
        price = prices[kind]
        if price is None:
            continue
        if low is None or price < low:
            low, vendor, others = price, [], []
        if price == low:
            (vendor if is_own else others).append((provider, price))
    if low is None:
        return BestPrice(None)
    tied = vendor + others
    return BestPrice(tied[0][1], tuple(provider for provider, _ in tied))


def retired_sentence(models: Sequence[Model]) -> str | None:
    """ "Grok 3 is retired: no tracked route has sold it since 2026-05-15." for the retired ones, or None."""
    out = []
    for model in models:
        since = model.retired_since
        if since is not None:
            out.append(f"{model.name} is retired: no tracked route has sold it since {since.isoformat()}.")
    return " ".join(out) or None


def providers(model: Model) -> tuple[str, ...]:
    return of(model).providers


def capability_values(model: Model) -> tuple[Tri, ...]:
    """The model's answer for every capability, in ``CAPABILITIES``' order."""
    return of(model).capabilities


def capabilities(model: Model) -> dict[Capability, Tri]:
    """The model's answer for every capability."""
    return dict(zip(CAPABILITIES, capability_values(model)))


def provider_keys(model: Model) -> frozenset[str]:
    """The model's providers without case."""
    return of(model).provider_keys


def shared_providers(models: Sequence[Model]) -> tuple[str, ...]:
    """Providers every model is on, in the first model's order (names compared without case)."""
    if not models:
        return ()
    if len(models) == 2:
        other = provider_keys(models[1])
        return tuple([p for p in providers(models[0]) if p.casefold() in other])
    others = [provider_keys(m) for m in models[1:]]
    return tuple([p for p in providers(models[0]) if all(p.casefold() in o for o in others)])


# --- who leads ------------------------------------------------------------------------------


def leaders(values: Sequence[Decimal | int | None], higher_is_better: bool) -> tuple[int, ...]:
    """Indexes holding the best value; empty when any value is unknown or all are equal."""
    if len(values) == 2:  # the common case, directly
        first, second = values
        if first is None or second is None or first == second:
            return ()
        return (0,) if (first > second) is higher_is_better else (1,)
    known: list[Decimal | int] | None = all_known(values)
    if not known:
        return ()
    best = max(known) if higher_is_better else min(known)
    found = tuple([i for i, v in enumerate(values) if v == best])
    return () if len(found) == len(values) else found  # all equal: nobody leads


def all_known(values: Sequence[V | None]) -> list[V] | None:
    """The values when every one is known, else None (``None in values`` would make a Decimal consult the
    numbers ABCs, a comparison with None at a time)."""
    known = [v for v in values if v is not None]
    return known if len(known) == len(values) else None


def near_tie(values: Sequence[int | None]) -> bool:
    """True when all known values are within CONTEXT_NEAR_TIE of the largest."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return False
    largest = max(known)
    # Whole numbers: (largest - smallest) <= share * largest, exactly, without Decimal arithmetic.
    return (largest - min(known)) * _NEAR_TIE_DENOMINATOR <= _NEAR_TIE_NUMERATOR * largest


def context_leaders(models: Sequence[Model]) -> tuple[int, ...]:
    """Models with the larger context window, unless the windows are about the same."""
    values = [m.context_window for m in models]
    if near_tie(values):
        return ()
    return leaders(values, higher_is_better=True)


def context_leads(model: Model, other: Model) -> bool:
    """True when ``model`` has the larger context window of the two (``context_leaders`` of the pair is
    the first): both known, and not about the same."""
    mine, theirs = model.context_window, other.context_window
    if mine is None or theirs is None or mine <= theirs:
        return False
    return not near_tie((mine, theirs))


# --- capabilities ---------------------------------------------------------------------------


def capability_masks(model: Model) -> tuple[int, int]:
    """The capabilities the model has and those it lacks (both known), as bit masks over ``CAPABILITIES``."""
    return of(model).masks


def in_mask(mask: int) -> tuple[Capability, ...]:
    """The capabilities a mask of ``capability_masks`` holds, in the catalog's order."""
    return tuple([c for i, c in enumerate(CAPABILITIES) if mask >> i & 1])


def gained(frm: Model, to: Model) -> tuple[Capability, ...]:
    """Capabilities ``to`` has and ``frm`` does not (both known)."""
    return in_mask(capability_masks(to)[0] & capability_masks(frm)[1])


# --- benchmarks -----------------------------------------------------------------------------


def _benchmarks(model: Model) -> dict[str, tuple[Benchmark, Decimal]]:
    return of(model).benchmarks


def scored(model: Model, name: str) -> tuple[Benchmark, Decimal] | None:
    """The model's entry for a benchmark, with its exact score; None when it reports none."""
    return _benchmarks(model).get(name.casefold())


def benchmark(model: Model, name: str) -> Benchmark | None:
    found = _benchmarks(model).get(name.casefold())
    return found[0] if found else None


def shared_benchmarks(models: Sequence[Model]) -> tuple[str, ...]:
    """Benchmark names every model reports, in the first model's order."""
    if not models:
        return ()
    others = [_benchmarks(m) for m in models[1:]]
    return tuple(b.name for b in models[0].benchmarks if all(b.name.casefold() in o for o in others))


def score(item: Benchmark) -> Decimal:
    """A score as an exact decimal (as written in the catalog: 23.6, not 23.600000000000001)."""
    return Decimal(repr(item.score))


# --- one model, worked out once -----------------------------------------------------------


@cached("model refs", size=16384)
def ref(model: Model) -> ModelRef:
    """Which model a result is about (one per model, shared by every result about it; apart from ``of``,
    which an estimate does not need)."""
    return ModelRef(id=model.id, name=model.name, vendor=model.vendor)


@dataclass(frozen=True, slots=True)
class ModelFacts:
    """What the engine derives from one model alone (``of``)."""

    capabilities: tuple[Tri, ...]
    """The model's answers, in ``CAPABILITIES``' order."""
    masks: tuple[int, int]
    """The capabilities it has and those it lacks (both known), as bit masks over ``CAPABILITIES``."""
    cheapest: tuple[BestPrice, BestPrice, BestPrice, BestPrice]
    """Cheapest input, output, cached-input and blended prices (``INPUT``, ``OUTPUT``, ``CACHED``, ``BLEND``)."""
    providers: tuple[str, ...]
    provider_keys: frozenset[str]
    """The providers without case."""
    benchmarks: dict[str, tuple[Benchmark, Decimal]]
    """Its benchmarks by name without case (the first of each name), with their exact scores."""
    updated: dt.date
    """What its data is as of (``Model.updated``)."""


@cached("model facts", size=16384)
def of(model: Model) -> ModelFacts:
    """``ModelFacts`` of the model, kept per model (room for a 10,000-model catalog: ``/models`` sorted
    by price reads every model's cheapest prices)."""
    answers = model.capabilities.__dict__  # the fields, in CAPABILITIES' order of names
    values = tuple([answers[name] for name in _CAPABILITY_FIELDS])
    names = tuple([r.provider for r in model.routes if r.sold])  # where it can be bought today
    found: dict[str, tuple[Benchmark, Decimal]] = {}
    for item in model.benchmarks:
        found.setdefault(item.name.casefold(), (item, score(item)))
    return ModelFacts(
        capabilities=values,
        masks=(
            sum(1 << i for i, value in enumerate(values) if value is Tri.YES),
            sum(1 << i for i, value in enumerate(values) if value is Tri.NO),
        ),
        cheapest=_cheapest_prices(model),
        providers=names,
        provider_keys=frozenset(p.casefold() for p in names),
        benchmarks=found,
        updated=model.updated,
    )


@dataclass(frozen=True, slots=True)
class ModelSources:
    """The pages behind one model, each with the date behind it and what it backs (``covers``)."""

    own: tuple[Source, ...]
    """The model's own sources (its facts; the curation notes for its tags among them)."""
    routes: tuple[tuple[Source, ...], ...]
    """Each route's sources (its figures), in the order of ``model.routes``."""
    benchmarks: tuple[Source, ...]
    """Each benchmark result's page."""


@cached("model sources", size=4096)
def sources_of(model: Model) -> ModelSources:
    """``ModelSources`` of the model. Kept per model, apart from ``of``: only what cites sources asks
    (a few dozen result objects a model)."""
    own = tuple(
        [
            Source(title=s.title or str(s.url), url=str(s.url), date=s.date, how=s.how, covers=s.covers)
            for s in model.sources
        ]
    )
    routes = []
    for r in model.routes:
        found = []
        for rs in r.sources:
            what = "pricing" if "prices" in rs.covers else ", ".join(c.replace("_", " ") for c in rs.covers)
            title = f"{r.provider} {what} for {model.name}"
            found.append(Source(title=title, url=str(rs.url), date=rs.date, how=rs.how, covers=rs.covers))
        routes.append(tuple(found))
    benchmarks = tuple(
        [
            Source(
                title=f"{b.name} for {model.name}", url=str(b.source), date=b.date, how="published", covers=(b.name,)
            )
            for b in model.benchmarks
        ]
    )
    return ModelSources(own, tuple(routes), benchmarks)


def sources(model: Model) -> tuple[Source, ...]:
    """The pages a comparison cites for the model: its sources but the curation notes, its routes' and its
    benchmarks', in that order."""
    found = sources_of(model)
    own = [s for s in found.own if s.url != CURATION_DOC]
    return (*own, *[s for route in found.routes for s in route], *found.benchmarks)


@cached("sources of models", size=1024, key=lambda models: tuple(map(id, models)))
def basis(models: tuple[Model, ...]) -> tuple[tuple[dt.date, ...], tuple[Source, ...]]:
    """What an estimate or an answer about these models rests on: what each model's data is as of, and
    the pages its facts and prices come from (each model's own sources, then its routes'), each page once."""
    seen: dict[str, Source] = {}
    for model in models:
        found = sources_of(model)
        for source in (*found.own, *[s for route in found.routes for s in route]):
            seen.setdefault(source.url, source)
    return tuple([of(m).updated for m in models]), tuple(seen.values())
