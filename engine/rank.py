"""Rankings and discovery: models ranked by one figure, after filters, each figure with its source.

``rank(models, measure, filters)`` is what ``versus top``, ``/top`` and the FAQ's "which is the cheapest /
largest / newest / best at ..." questions all compute, so a ranking reads the same everywhere.

The rules:

* A figure that is unknown is never ranked (nor counted as $0 or 0 tokens): the model is left out and
  counted in ``Ranking.unknown``. A filter holds only on what is known: "with vision" means a known yes,
  "context at least 128K" a known window of at least that, "at most $1 per 1M" a known price.
* Retired models (no route sold any more) are left out unless the filters include them.
* Best first: the lowest cost or price, the largest window, the newest release, the highest score.
  Equal figures share a rank ("1, 1, 3") and are listed by name.
* ``cost`` ranks each model's monthly cost on its cheapest route at a traffic (``engine.cost``'s
  estimate, so a ranking and ``versus cost`` agree); a model no route of which takes the request is
  left out as unknown.

``sort_models`` is the order ``versus catalog list --sort`` and ``/models`` share.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from catalog.schema import Capability, Model, Route, Tri
from engine import facts, numbers
from engine.cache import cached
from engine.cost import DEFAULT_TRAFFIC, model_cost
from engine.cost.pricing import Rates, priced_window, tier_index, traffic_rates, unknown_above
from engine.cost.traffic import traffic_key
from engine.facts import ref
from engine.results import RankEntry, RankFilters, Ranking, Source, Traffic
from engine.words import and_list

MAX_RESULTS = 25
"""The most a ranking lists (a Discord embed's fields, a screenful)."""
DEFAULT_RESULTS = 10

Value = Decimal | int | dt.date


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    label: str
    """What the figure is, inside a sentence."""
    title: str
    """A ranking's heading: "Lowest monthly cost"."""
    higher_first: bool
    field: str | None = None
    """The model fact the figure is (its source covers this field), for a model's own figures."""


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure("cost", "monthly cost", "Lowest monthly cost", higher_first=False),
        Measure("input", "input price", "Lowest input price", higher_first=False),
        Measure("output", "output price", "Lowest output price", higher_first=False),
        Measure("context", "context window", "Largest context window", higher_first=True, field="context_window"),
        Measure("max-output", "max output", "Largest max output", higher_first=True, field="max_output_tokens"),
        Measure("released", "release date", "Newest", higher_first=True, field="release_date"),
        Measure("benchmark", "score", "Highest score", higher_first=True),
    )
}
"""Every figure a ranking can be on; ``benchmark`` takes the benchmark's name too."""
MEASURE_KEYS = tuple(k for k in MEASURES if k != "benchmark")
"""The measures named by a word (a benchmark is named by its own name)."""


# --- filters --------------------------------------------------------------------------------


_WORDS = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*")


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name as the ``named`` filter compares them: "Claude Sonnet-4.5" -> claude, sonnet, 4.5."""
    return tuple(_WORDS.findall(text.casefold().replace("-", " ").replace("_", " ").replace("/", " ")))


def make_filters(
    capabilities: Iterable[Capability] = (),
    vendor: str | None = None,
    named: str | None = None,
    open_weights: bool = False,
    min_context: int | None = None,
    max_price: Decimal | None = None,
    max_price_of: Literal["input", "output", "both"] = "both",
    include_retired: bool = False,
    max_monthly: Decimal | None = None,
) -> RankFilters:
    """Filters, with their description in words. ``vendor`` is the catalog's spelling
    (``catalog.query.vendor_named``)."""
    caps = tuple(dict.fromkeys(Capability(c) for c in capabilities))
    if min_context is not None and min_context < 0:
        raise ValueError(f"the minimum context must be 0 or more, not {min_context}")
    for what, amount in (("the maximum price", max_price), ("the monthly budget", max_monthly)):
        if amount is not None and (not amount.is_finite() or amount < 0):
            raise ValueError(f"{what} must be 0 or more, not {amount}")
    named = " ".join(name_words(named)) if named and name_words(named) else None
    parts: list[str] = []
    if named:
        parts.append(f"named {named!r}")
    if vendor:
        parts.append(f"by {vendor}")
    if caps:
        parts.append("with " + and_list([facts.CAPABILITY_PHRASES[c] for c in caps]))
    if open_weights:
        parts.append("with open weights")
    if min_context is not None:
        parts.append(f"with a context window of at least {numbers.count(min_context)} tokens")
    if max_price is not None:
        which = {"input": "input", "output": "output", "both": "input and output"}[max_price_of]
        parts.append(f"at most {numbers.price(max_price)} {which} on some route")
    if max_monthly is not None:
        parts.append(f"costing at most {numbers.usd(max_monthly)} a month at the workload")
    if include_retired:
        parts.append("retired models included")
    return RankFilters(
        capabilities=tuple(c.value for c in caps),
        vendor=vendor,
        named=named,
        open_weights=open_weights,
        min_context=min_context,
        max_price=max_price,
        max_price_of=max_price_of,
        max_monthly=max_monthly,
        include_retired=include_retired,
        description=", ".join(parts),
    )


NO_FILTERS = make_filters()


@dataclass(frozen=True, slots=True)
class _Row:
    """What the filters read of one model, worked out once per catalog (``_catalog_index``): a ranking over
    10,000 models reads every row, and most filters are one comparison each."""

    retired: bool
    vendor: str
    open_weights: bool
    capabilities: frozenset[str]
    """The capabilities the model supports (a known yes)."""
    context: int | None
    words: frozenset[str]
    order: tuple[str, str]
    """Equal figures are listed by name, then id."""
    model: Model


@cached("rank indexes", size=4)
def _catalog_index(models: tuple[Model, ...]) -> tuple[_Row, ...]:
    """Every model's row, kept for the last few catalogs ranked (a refresh replaces one)."""
    return tuple([_make_row(m) for m in models])


def _index(models: Iterable[Model]) -> Sequence[_Row]:
    """The rows of ``models``: kept for a catalog's tuple of models, worked out for anything else."""
    if isinstance(models, tuple):
        return _catalog_index(models)
    return [_make_row(m) for m in models]


def _make_row(model: Model) -> _Row:
    caps = facts.capabilities(model)
    return _Row(
        model=model,
        order=(model.name.casefold(), model.id),
        retired=model.retired,
        vendor=model.vendor,
        open_weights=model.open_weights is Tri.YES,
        capabilities=frozenset(c.value for c, v in caps.items() if v is Tri.YES),
        context=model.context_window,
        words=frozenset(name_words(model.name)),
    )


def passes(model: Model, filters: RankFilters) -> bool:
    """True when the model has everything the filters ask for (known, not merely possible); a monthly
    budget is checked by ``rank``, at its traffic."""
    return _passes(_make_row(model), filters)


def _passes(row: _Row, filters: RankFilters) -> bool:
    if row.retired and not filters.include_retired:
        return False
    if filters.vendor is not None and row.vendor != filters.vendor:
        return False
    if filters.open_weights and not row.open_weights:
        return False
    if filters.capabilities and not row.capabilities.issuperset(filters.capabilities):
        return False
    if filters.min_context is not None and (row.context is None or row.context < filters.min_context):
        return False
    if filters.named is not None and not row.words.issuperset(filters.named.split()):
        return False
    if filters.max_price is not None:
        kinds = ("input", "output") if filters.max_price_of == "both" else (filters.max_price_of,)
        for kind in kinds:
            price = (facts.cheapest_input if kind == "input" else facts.cheapest_output)(row.model).price
            if price is None or price > filters.max_price:
                return False
    return True


# --- figures --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Figure:
    value: Value
    text: str
    detail: str | None
    source: Source | None


def _model_source(model: Model, field: str) -> Source | None:
    """The page behind one of the model's own facts."""
    for source in facts.sources_of(model).own:
        if field in source.covers:
            return source
    return None


def _route_source(model: Model, provider: str) -> Source | None:
    """The page behind a route's prices."""
    for route, found in zip(model.routes, facts.sources_of(model).routes):
        if route.provider == provider:
            return next((s for s in found if "prices" in s.covers), found[0] if found else None)
    return None


def _offered(providers: Sequence[str]) -> str:
    if len(providers) <= 2:
        return "on " + and_list(list(providers))
    return f"on {providers[0]} and {len(providers) - 1} more"


def _price_figure(model: Model, which: Callable[[Model], facts.BestPrice]) -> _Figure | None:
    best = which(model)
    if best.price is None:
        return None
    return _Figure(
        best.price, numbers.price(best.price), _offered(best.providers), _route_source(model, best.providers[0])
    )


def _tokens_figure(model: Model, value: int | None, field: str) -> _Figure | None:
    if value is None:
        return None
    return _Figure(value, f"{numbers.count(value)} tokens", None, _model_source(model, field))


def _released_figure(model: Model) -> _Figure | None:
    if model.release_date is None:
        return None
    return _Figure(model.release_date, model.release_date.isoformat(), None, _model_source(model, "release_date"))


def _cost_figure(model: Model, traffic: Traffic) -> _Figure | None:
    cost = model_cost(model, traffic)
    cheapest = cost.cheapest
    if cheapest is None or cheapest.per_month is None:
        return None
    return _Figure(
        cheapest.per_month,
        f"{numbers.usd(cheapest.per_month)}/month",
        _offered(cost.cheapest_providers or (cheapest.provider,)),
        _route_source(model, cheapest.provider),
    )


def score_text(value: Decimal, unit: str) -> str:
    return f"{numbers.points(value)}%" if unit == "%" else f"{numbers.points(value)} {unit}"


def _benchmark_figure(model: Model, name: str) -> _Figure | None:
    found = facts.scored(model, name)
    if found is None:
        return None
    item, value = found
    source = next((s for s in facts.sources_of(model).benchmarks if s.covers == (item.name,)), None)
    return _Figure(value, score_text(value, item.unit), item.verification.value, source)


def figure(
    model: Model, measure: str, traffic: Traffic = DEFAULT_TRAFFIC, benchmark: str | None = None
) -> _Figure | None:
    """The model's figure for a measure, or None when it is unknown."""
    if measure == "cost":
        return _cost_figure(model, traffic)
    if measure == "input":
        return _price_figure(model, facts.cheapest_input)
    if measure == "output":
        return _price_figure(model, facts.cheapest_output)
    if measure == "context":
        return _tokens_figure(model, model.context_window, "context_window")
    if measure == "max-output":
        return _tokens_figure(model, model.max_output_tokens, "max_output_tokens")
    if measure == "released":
        return _released_figure(model)
    if measure == "benchmark":
        if benchmark is None:
            raise ValueError("a benchmark ranking needs the benchmark's name")
        return _benchmark_figure(model, benchmark)
    raise ValueError(f"no measure {measure!r}; choose from: {', '.join(MEASURE_KEYS)} or a benchmark's name")


# --- benchmarks by name ---------------------------------------------------------------------


def _squeezed(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def benchmark_names(models: Iterable[Model]) -> tuple[tuple[str, int], ...]:
    """Each benchmark some model reports, with how many report it: most reported first, then by name."""
    counts: dict[str, list] = {}
    for model in models:
        for item in model.benchmarks:
            entry = counts.setdefault(item.name.casefold(), [item.name, 0])
            entry[1] += 1
    return tuple(sorted(((name, n) for name, n in counts.values()), key=lambda pair: (-pair[1], pair[0].casefold())))


def benchmark_named(text: str, models: Iterable[Model]) -> str | None:
    """The catalog's name of the benchmark ``text`` names ("swe-bench verified", "aider", "SWE bench"), or
    None. An exact name (without case, spaces or dashes) first, then the most reported name starting with it."""
    wanted = _squeezed(text)
    if not wanted:
        return None
    names = benchmark_names(models)
    for name, _ in names:
        if _squeezed(name) == wanted:
            return name
    for name, _ in names:  # most reported first
        if _squeezed(name).startswith(wanted):
            return name
    return None


# --- the ranking ----------------------------------------------------------------------------


@cached("rank costs", size=16, key=lambda traffic: traffic_key(traffic))  # the key holds the providers
def _costs_at(traffic: Traffic) -> dict[int, Decimal | None]:
    """The monthly costs a cost ranking has worked out at this traffic, by model (``id``): filled as rankings
    ask (a few traffics kept: the defaults, a server's, the asker's)."""
    return {}


@cached(
    "rank routes",
    size=16384,
    key=lambda model, traffic: (
        id(model),
        str(traffic.cached_share),
        str(traffic.batch_share),
        str(traffic.cache_write_share),
        traffic.off_peak,
    ),
)
def _priced_routes(model: Model, traffic: Traffic) -> tuple[tuple[int | None, tuple[Rates, ...], Route, str], ...]:
    """The model's sold routes with rates at the traffic's shares and prices (off-peak or not): (the largest
    input it prices, its rates, the route, its provider without case), kept per model and shares (many
    traffics share them)."""
    gaps = unknown_above(model)
    out = []
    for route, table, gap in zip(model.routes, traffic_rates(model, traffic), gaps):
        if table is None or not route.sold:
            continue
        limit = priced_window(model, route)
        if gap is not None:
            limit = min(limit, gap)  # past it, the route's price is unknown
        out.append((limit, table, route, route.provider.casefold()))
    return tuple(out)


def _cost_value(model: Model, traffic: Traffic, known: dict[int, Decimal | None] | None = None) -> Decimal | None:
    """The model's monthly cost on its cheapest route at ``traffic``: ``model_cost``'s cheapest (the same
    routes, rates and arithmetic: a route that fits, sold, of the team's providers, with a known price at
    that size), without building every route's result. What a cost ranking sorts on; ``known``:
    ``_costs_at(traffic)``, when the caller already has it."""
    known = _costs_at(traffic) if known is None else known
    key = id(model)
    if key in known:
        return known[key]
    low: Decimal | None = None
    allowed = {p.casefold() for p in traffic.providers}  # a team's providers only, when named (as model_cost)
    size = traffic.input_tokens
    for limit, table, route, provider in _priced_routes(model, traffic):
        if (limit is not None and size > limit) or (allowed and provider not in allowed):
            continue
        cost = table[tier_index(route, size) if route.tiers else 0].request(size, traffic.output_tokens)
        if low is None or cost < low:
            low = cost
    known[key] = found = low * traffic.requests_per_month if low is not None else None
    return found


def _value_of(measure: str, traffic: Traffic, benchmark: str | None) -> Callable[[Model], Value | None]:
    """What a ranking sorts on, for one model: the figure's value alone (cheap), or None when unknown."""
    if measure == "cost":
        known = _costs_at(traffic)
        return lambda m: _cost_value(m, traffic, known)
    if measure == "input":
        return lambda m: facts.cheapest_input(m).price
    if measure == "output":
        return lambda m: facts.cheapest_output(m).price
    if measure == "context":
        return lambda m: m.context_window
    if measure == "max-output":
        return lambda m: m.max_output_tokens
    if measure == "released":
        return lambda m: m.release_date
    if measure == "benchmark":
        if benchmark is None:
            raise ValueError("a benchmark ranking names its benchmark")
        name = benchmark

        def score(m: Model) -> Decimal | None:
            found = facts.scored(m, name)
            return found[1] if found is not None else None

        return score
    raise ValueError(f"no measure {measure!r}; choose from: {', '.join(MEASURE_KEYS)} or a benchmark's name")


def _descending(value: Value):
    if isinstance(value, dt.date):
        return -value.toordinal()
    return -value


def rank(
    models: Iterable[Model],
    measure: str = "cost",
    filters: RankFilters = NO_FILTERS,
    traffic: Traffic = DEFAULT_TRAFFIC,
    limit: int = DEFAULT_RESULTS,
    benchmark: str | None = None,
) -> Ranking:
    """The models that pass ``filters``, ranked by ``measure`` (best first), at most ``limit`` of them.

    ``traffic`` prices a ``cost`` ranking (the server's or the asker's workload; the default otherwise);
    ``benchmark`` names the benchmark of a ``benchmark`` ranking (``benchmark_named``). Only the shown
    models' figures are worded and sourced; the others are only compared."""
    spec = MEASURES.get(measure)
    if spec is None:
        raise ValueError(f"no measure {measure!r}; choose from: {', '.join(MEASURE_KEYS)} or a benchmark's name")
    if spec.key == "benchmark" and not benchmark:
        raise ValueError("a benchmark ranking needs the benchmark's name")
    if not 1 <= limit <= MAX_RESULTS:
        raise ValueError(f"a ranking shows 1 to {MAX_RESULTS} models, not {limit}")
    value_of = _value_of(spec.key, traffic, benchmark)
    undated: list[Model] = []
    matched = 0
    known: list[tuple[object, tuple[str, str], Value, Model]] = []
    higher_first = spec.higher_first
    budget = filters.max_monthly
    costs = _costs_at(traffic) if budget is not None else {}
    for row in _index(models):
        if not _passes(row, filters):
            continue
        if budget is not None:
            monthly = _cost_value(row.model, traffic, costs)
            if monthly is None or monthly > budget:
                continue
        matched += 1
        value = value_of(row.model)
        if value is not None:
            known.append((_descending(value) if higher_first else value, row.order, value, row.model))
        elif spec.key == "released" and (filters.vendor or filters.named):  # versions compare within a line
            undated.append(row.model)
    best = heapq.nsmallest(limit, known, key=lambda item: item[:2])
    entries: list[RankEntry] = []
    previous: Value | None = None
    place = 0
    for position, (_, _, value, model) in enumerate(best, start=1):
        if previous is None or value != previous:
            place = position
        previous = value
        shown = figure(model, spec.key, traffic, benchmark)
        assert shown is not None  # a ranked model's figure is known: unknown ones are left out above
        entries.append(
            RankEntry(
                rank=place,
                model=ref(model),
                value=value.isoformat() if isinstance(value, dt.date) else value,
                text=shown.text,
                detail=shown.detail,
                source=shown.source,
            )
        )
    label = f"{benchmark} score" if spec.key == "benchmark" else spec.label
    return Ranking(
        measure=spec.key,
        benchmark=benchmark if spec.key == "benchmark" else None,
        label=label,
        title=_title(spec, benchmark, filters),
        filters=filters,
        traffic=traffic if spec.key == "cost" or filters.max_monthly is not None else None,
        entries=tuple(entries),
        matched=matched,
        unknown=matched - len(known),
        summary=_summary(spec, label, filters, traffic, matched, len(known), len(entries), _latest_versions(undated)),
    )


def _title(spec: Measure, benchmark: str | None, filters: RankFilters) -> str:
    title = f"Highest {benchmark}" if spec.key == "benchmark" else spec.title
    return f"{title}, {filters.description}" if filters.description else title


def _models(count: int) -> str:
    return f"{numbers.count(count)} model{'s' if count != 1 else ''}"


UNDATED_SHOWN = 3
"""How many of the models a release-date ranking leaves out (date unknown) it names, highest version first."""


def _latest_versions(models: Sequence[Model]) -> tuple[str, ...]:
    """The names of models whose release date is unknown, highest version first (``catalog.families.version``):
    a newest-first ranking names them, since a later version with no date may be the newest of all."""
    from catalog.families import version

    def key(model: Model) -> tuple:
        found = version(model)
        return (found is None, -(found or 0), model.name.casefold(), model.id)

    return tuple(m.name for m in sorted(models, key=key))


def _summary(
    spec: Measure,
    label: str,
    filters: RankFilters,
    traffic: Traffic,
    matched: int,
    known: int,
    shown: int,
    undated: Sequence[str] = (),
) -> tuple[str, ...]:
    scope = f"{_models(matched)} {filters.description}" if filters.description else f"{_models(matched)} in the catalog"
    if not filters.include_retired:
        scope += " (retired models left out)"
    order = (
        "highest first"
        if spec.key == "benchmark"
        else {True: "largest first", False: "lowest first"}[spec.higher_first]
    )
    if spec.key == "released":
        order = "newest first"
    lines = []
    if not matched:
        lines.append(
            f"No model in the catalog matches: {filters.description}."
            if filters.description
            else "The catalog holds no model."
        )
        return tuple(lines)
    if spec.key == "cost" or filters.max_monthly is not None:
        lines.append(f"Priced at {traffic.description}, each model on its cheapest route.")
    if known:
        lines.append(f"{scope}; the first {shown} by {label}, {order}.")
    left_out = matched - known
    if left_out:
        why = (
            "no route of theirs is known to take the request and has a known price there"
            if spec.key == "cost"
            else f"their {label} is unknown"
        )
        if spec.key == "benchmark":
            why = f"they report no {label.removesuffix(' score')} score"
        if undated:
            named = list(undated[:UNDATED_SHOWN]) + (
                [f"{len(undated) - UNDATED_SHOWN} more"] if len(undated) > UNDATED_SHOWN else []
            )
            why += f" ({and_list(named)}; highest version first: a later version may be newer than those ranked)"
        lines.append(f"{_models(left_out)} of {numbers.count(matched)} left out: {why}.")
    return tuple(lines)


# --- sorting a list -------------------------------------------------------------------------


def _unknown_last(value, model: Model) -> tuple:
    return (value is None, value if value is not None else 0, model.name.casefold(), model.id)


SORTS: dict[str, tuple[str, Callable[[Model], tuple]]] = {
    "name": ("Name", lambda m: (m.name.casefold(), m.id)),
    "price": ("Cheapest first (70/30 blended price)", lambda m: _unknown_last(facts.cheapest_blend(m).price, m)),
    "context": (
        "Largest context window first",
        lambda m: _unknown_last(-m.context_window if m.context_window else None, m),
    ),
    "newest": ("Newest first", lambda m: _unknown_last(-m.release_date.toordinal() if m.release_date else None, m)),
}
"""The orders of a model list (``versus catalog list --sort``, ``/models sort``): unknown figures last."""


def sort_models(models: Iterable[Model], sort: str) -> list[Model]:
    if sort not in SORTS:
        raise ValueError(f"no sort {sort!r}; choose from: {', '.join(SORTS)}")
    return sorted(models, key=SORTS[sort][1])
