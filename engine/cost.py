"""Cost estimates: every route of each model priced per request, then multiplied out.

A request is priced on its own, as providers bill it: a long-context tier applies to the whole
request when that request's input passes the tier's threshold. Cached input and batch
requests use the route's published cache and batch prices; where a route publishes none, that
share is priced at the standard rate and the estimate says so. A route whose price is unknown
is listed as unknown and never counted as $0.
"""

from __future__ import annotations

from collections.abc import Sequence
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Literal

from catalog.importers.providers import first_party_names
from catalog.schema import Model, PriceTier, Route

from engine import memo, numbers
from engine.results import BreakEven, CostEstimate, ModelCost, RouteCost, Traffic
from engine.words import and_list, ref

DEFAULT_INPUT_TOKENS = 800
DEFAULT_OUTPUT_TOKENS = 250
DEFAULT_REQUESTS = 1_000_000
DEFAULT_PER: Literal["month"] = "month"
DAYS_PER_MONTH = 30
"""A month is counted as 30 days when converting between per-day and per-month traffic."""
MILLION = Decimal(1_000_000)
ZERO = Decimal(0)
ONE = Decimal(1)

NOTE_CACHE_STANDARD = "cached input priced at the standard input rate (no cached price published)"
NOTE_BATCH_STANDARD = "batch share priced at the standard rate (no batch price published)"
NOTE_BATCH_TIER = "batch share priced at the long-context rate (no batch price published for it)"


def _share(name: str, value: Decimal | float | str) -> Decimal:
    try:
        share = Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"{name} must be a number from 0 to 1, not {value!r}") from None
    if not share.is_finite() or not ZERO <= share <= ONE:
        raise ValueError(f"{name} must be a number from 0 to 1, not {value}")
    return share


def make_traffic(
    input_tokens: int = DEFAULT_INPUT_TOKENS,
    output_tokens: int = DEFAULT_OUTPUT_TOKENS,
    requests: int = DEFAULT_REQUESTS,
    per: Literal["day", "month"] = DEFAULT_PER,
    cached_share: Decimal | float | str = 0,
    batch_share: Decimal | float | str = 0,
) -> Traffic:
    """Validated traffic. Raises ValueError with a one-line reason for impossible figures."""
    limits = (("input tokens", input_tokens, numbers.MAX_TOKENS), ("output tokens", output_tokens, numbers.MAX_TOKENS),
              ("requests", requests, numbers.MAX_REQUESTS))
    for name, value, most in limits:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a whole number of 0 or more, not {value!r}")
        if value > most:
            shown = numbers.count(value) if value < 10**18 else f"a {len(str(value))}-digit number"
            raise ValueError(f"{name} must be at most {numbers.count(most)}, not {shown}")
    if per not in ("day", "month"):
        raise ValueError(f"per must be 'day' or 'month', not {per!r}")
    cached = _share("cached share", cached_share)
    batch = _share("batch share", batch_share)
    count = Decimal(requests)
    per_month = count * DAYS_PER_MONTH if per == "day" else count
    per_day = count if per == "day" else count / DAYS_PER_MONTH
    description = (
        f"{numbers.count(requests)} requests a {per} of {numbers.count(input_tokens)} input and "
        f"{numbers.count(output_tokens)} output tokens each"
    )
    extras = []
    if cached:
        extras.append(f"{numbers.share(cached)} of input from cache")
    if batch:
        extras.append(f"{numbers.share(batch)} of requests by batch")
    if extras:
        description += f" ({and_list(extras)})"
    return Traffic(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        requests=requests,
        per=per,
        cached_share=cached,
        batch_share=batch,
        requests_per_day=per_day,
        requests_per_month=per_month,
        days_per_month=DAYS_PER_MONTH,
        description=description,
    )


DEFAULT_TRAFFIC = make_traffic()


def context_problem(models: Sequence[Model], traffic: Traffic) -> str | None:
    """Why this traffic is impossible for one of the models, or None: a request's input must fit the
    model's context window and that of at least one of its routes, where those are known (an unknown
    window is not held against it)."""
    for model in models:
        window = model.context_window
        if window is not None and traffic.input_tokens > window:
            return (
                f"{numbers.count(traffic.input_tokens)} input tokens per request do not fit "
                f"{model.name}'s context window of {numbers.count(window)} tokens"
            )
        largest = route_limit(model)
        if largest is not None and traffic.input_tokens > largest:
            return (
                f"{numbers.count(traffic.input_tokens)} input tokens per request do not fit any tracked route "
                f"of {model.name} (the largest context window among them is {numbers.count(largest)} tokens)"
            )
    return None


def window(model: Model, route: Route) -> int | None:
    """The context window a request to the model on this route must fit: the route's own where it
    is known, else the model's (None when neither is known)."""
    return route.context_window if route.context_window is not None else model.context_window


def takes(model: Model, route: Route, input_tokens: Decimal | int) -> bool:
    """True when a request with this input fits the route's context window (or no window is known)."""
    limit = window(model, route)
    return limit is None or input_tokens <= limit


def route_limit(model: Model) -> int | None:
    """The largest input a request to one of the model's routes can carry (``window``), or None when
    one route's window is unknown (or the model has no route)."""
    windows = [window(model, route) for route in model.routes]
    if not windows or None in windows:
        return None
    return max(windows)


# --- one request on one route ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rates:
    """A route's effective prices per 1M tokens for one request size, shares folded in."""

    per_input: Decimal
    per_output: Decimal
    base_input: Decimal
    base_output: Decimal
    tier: PriceTier | None
    notes: tuple[str, ...]


def _rates_at(route: Route, tier: PriceTier | None, cached_share: Decimal, batch_share: Decimal) -> Rates:
    prices = tier or route
    base_input, base_output = prices.input, prices.output
    notes: list[str] = []
    cached_price = prices.cached_input
    if cached_share and cached_price is None:
        cached_price = base_input
        notes.append(NOTE_CACHE_STANDARD)
    batch_input, batch_output = base_input, base_output
    if batch_share:
        if tier is not None:
            notes.append(NOTE_BATCH_TIER)
        elif route.batch_input is None or route.batch_output is None:
            notes.append(NOTE_BATCH_STANDARD)
        else:
            batch_input, batch_output = route.batch_input, route.batch_output
    fresh = ONE - cached_share
    standard = ONE - batch_share
    uncached_input = standard * base_input + batch_share * batch_input
    per_input = fresh * uncached_input + cached_share * (cached_price or ZERO)
    per_output = standard * base_output + batch_share * batch_output
    return Rates(per_input, per_output, base_input, base_output, tier, tuple(notes))


def rate_table(route: Route, cached_share: Decimal, batch_share: Decimal) -> tuple[Rates, ...] | None:
    """The route's rates without a tier and then under each tier in order (cached on the route);
    None when its price is unknown."""
    if not route.priced:
        return None
    return memo.cached(route, ("rates", str(cached_share), str(batch_share)), lambda: _rate_table(route, cached_share, batch_share))


def model_rates(model: Model, traffic: Traffic) -> tuple[tuple[Rates, ...] | None, ...]:
    """``rate_table`` of each of the model's routes, in catalog order, at the traffic's shares
    (cached on the model under one key, not on each route)."""
    cached_share, batch_share = traffic.cached_share, traffic.batch_share
    return memo.cached(
        model,
        ("rates", str(cached_share), str(batch_share)),
        lambda: tuple([_rate_table(route, cached_share, batch_share) for route in model.routes]),
    )


def _rate_table(route: Route, cached_share: Decimal, batch_share: Decimal) -> tuple[Rates, ...] | None:
    if not route.priced:
        return None
    return tuple([_rates_at(route, tier, cached_share, batch_share) for tier in (None, *route.tiers)])


def _tier_index(route: Route, input_tokens: Decimal | int) -> int:
    """0 for the base prices, else 1 + the index of the tier a request with this input falls in."""
    index = 0
    for i, tier in enumerate(route.tiers, start=1):
        if input_tokens > tier.above_input_tokens:
            index = i
    return index


def rates(route: Route, input_tokens: Decimal | int, cached_share: Decimal, batch_share: Decimal) -> Rates | None:
    """Effective input and output prices for a request of this size; None when the route's price is unknown."""
    table = rate_table(route, cached_share, batch_share)
    if table is None:
        return None
    return table[_tier_index(route, input_tokens) if route.tiers else 0]


def request_cost(route: Route, input_tokens: Decimal | int, output_tokens: Decimal | int, traffic: Traffic) -> Decimal | None:
    """USD for one request on this route; None when its price is unknown."""
    rate = rates(route, input_tokens, traffic.cached_share, traffic.batch_share)
    if rate is None:
        return None
    return (rate.per_input * input_tokens + rate.per_output * output_tokens) / MILLION


def traffic_key(traffic: Traffic) -> str:
    """What a route's or a model's cost depends on, as a key (exact text of each Decimal, so 0.3
    and 0.30 are not mixed up). A string: Python keeps a string's hash, so a look-up by it does
    not hash its parts again."""
    return memo.cached(
        traffic,
        "key",
        lambda: repr(
            (
                traffic.input_tokens,
                traffic.output_tokens,
                str(traffic.cached_share),
                str(traffic.batch_share),
                str(traffic.requests_per_day),
                str(traffic.requests_per_month),
            )
        ),
    )


def _route_cost_fields(model: Model, route: Route, traffic: Traffic, table: tuple[Rates, ...] | None) -> dict:
    """A ``RouteCost``'s fields, from the route's ``rate_table`` at the traffic's shares."""
    if table is None:
        return {"provider": route.provider, "model_id": route.model_id, "known": False, "text": "price unknown"}
    if not takes(model, route, traffic.input_tokens):
        return {
            "provider": route.provider,
            "model_id": route.model_id,
            "known": False,
            "fits": False,
            "text": f"does not fit ({numbers.tokens(window(model, route))} context window)",
        }
    rate = table[_tier_index(route, traffic.input_tokens) if route.tiers else 0]
    per_request = (rate.per_input * traffic.input_tokens + rate.per_output * traffic.output_tokens) / MILLION
    per_month = per_request * traffic.requests_per_month
    return {
        "provider": route.provider,
        "model_id": route.model_id,
        "known": True,
        "per_request": per_request,
        "per_day": per_request * traffic.requests_per_day,
        "per_month": per_month,
        "input_price": rate.base_input,
        "output_price": rate.base_output,
        "tier_above_input_tokens": rate.tier.above_input_tokens if rate.tier else None,
        "notes": rate.notes,
        "text": f"{numbers.usd(per_month)}/month",
    }


# --- one model ------------------------------------------------------------------------------


OWN_CLOUDS: dict[str, frozenset[str]] = {
    "amazon": frozenset({"Amazon Bedrock"}),
    "google": frozenset({"Google Vertex AI"}),
    "microsoft": frozenset({"Azure AI Foundry"}),
    "nvidia": frozenset({"NVIDIA NIM"}),
}
"""Makers whose own cloud sells their models besides any API of theirs the importers know
(``first_party_names`` lists the APIs a source names as the maker's, not these resellers-of-all)."""


def vendor_routes(model: Model) -> frozenset[str]:
    """Providers (case-folded) that are the model's maker itself, from the maker's id (cached on the model)."""
    def compute() -> frozenset[str]:
        names = first_party_names(model.creator) | OWN_CLOUDS.get(model.creator, frozenset())
        return frozenset(n.casefold() for n in names)

    return memo.cached(model, "vendor_routes", compute)


def is_vendor_route(model: Model, provider: str) -> bool:
    """True for the maker's own API (e.g. "OpenAI API" for an OpenAI model; not "Azure OpenAI",
    and not "Google Vertex AI" for an xAI model), matched by name, not by substring."""
    return provider.casefold() in vendor_routes(model)


def cheapest_first(model: Model, items: Sequence[tuple[str, Decimal | None]]) -> list[int]:
    """Indexes of (provider, amount) pairs: known amounts cheapest first, ties with the vendor's API
    first, then in catalog order; unknown amounts last."""
    own = vendor_routes(model)

    def key(index: int) -> tuple[int, Decimal, int, int]:
        provider, amount = items[index]
        return (amount is None, amount or ZERO, provider.casefold() not in own, index)

    return sorted(range(len(items)), key=key)


def tie_text(named: str, others: Sequence[str]) -> str:
    """ "OpenAI API; OpenRouter and Replicate API cost the same" """
    if not others:
        return named
    verb = "costs" if len(others) == 1 else "cost"
    return f"{named}; {and_list(others)} {verb} the same"


def model_cost(model: Model, traffic: Traffic) -> ModelCost:
    """Every route of the model at this traffic, cheapest first (cached on the model per traffic)."""
    return memo.cached(model, "model_cost " + traffic_key(traffic), lambda: _model_cost(model, traffic))


def _model_cost(model: Model, traffic: Traffic) -> ModelCost:
    fields = [_route_cost_fields(model, route, traffic, table) for route, table in zip(model.routes, model_rates(model, traffic))]
    order = cheapest_first(model, [(f["provider"], f.get("per_month")) for f in fields])
    ordered = [fields[i] for i in order]
    best = ordered[0]["per_month"] if ordered and ordered[0]["known"] else None
    if best is None:
        routes = tuple(RouteCost.trusted(**f) for f in ordered)
        if any(not f.get("fits", True) for f in ordered):
            text = f"no tracked route takes requests of {numbers.count(traffic.input_tokens)} input tokens"
        else:
            text = "no route with a known price"
        return ModelCost.trusted(model=ref(model), routes=routes, route_text=text)
    marked = tuple(RouteCost.trusted(**f, cheapest=f["known"] and f["per_month"] == best) for f in ordered)
    tied = tuple(c.provider for c in marked if c.cheapest)
    return ModelCost.trusted(
        model=ref(model),
        routes=marked,
        cheapest_providers=tied,
        cheapest=marked[0],
        route_text=tie_text(tied[0], tied[1:]),
    )


# --- several models -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Estimated:
    """An estimate with the figures it was built from, for a caller that words them again."""

    result: CostEstimate
    known: list[ModelCost]
    """Models with a known price, cheapest first."""
    gap: str | None
    """``gap_sentence(known)``; None with fewer than two known."""


def estimate(models: Sequence[Model], traffic: Traffic = DEFAULT_TRAFFIC) -> CostEstimate:
    """Every route of every model at this traffic, the ranking, the gap and any break-even."""
    return estimated(models, traffic).result


def estimated(models: Sequence[Model], traffic: Traffic = DEFAULT_TRAFFIC) -> Estimated:
    """``estimate``, with its sorted costs and gap sentence."""
    costs = [model_cost(model, traffic) for model in models]
    known = sorted((c for c in costs if c.cheapest is not None), key=_monthly)
    ranking = tuple(c.model.id for c in known)
    gap = known[-1].cheapest.per_month - known[0].cheapest.per_month if len(known) >= 2 else None
    gap_text = gap_sentence(known) if len(known) >= 2 else None
    flips = tuple(flip for pair in _break_evens(models, traffic) for flip in pair)
    result = CostEstimate.trusted(
        traffic=traffic,
        models=tuple(costs),
        ranking=ranking,
        gap_per_month=gap,
        break_evens=flips,
        summary=_summary(costs, gap_text, traffic) + tuple(f.text for f in flips),
        notes=_notes(costs, traffic),
    )
    return Estimated(result, known, gap_text)


def _monthly(cost: ModelCost) -> Decimal:
    return cost.cheapest.per_month


def model_cost_sentence(cost: ModelCost) -> str:
    return memo.cached(cost, "sentence", lambda: _model_cost_sentence(cost))


def _model_cost_sentence(cost: ModelCost) -> str:
    if cost.cheapest is None:
        if any(not route.fits for route in cost.routes):
            return f"{cost.model.name} cannot be priced at this traffic: {cost.route_text}."
        return f"{cost.model.name} has no route with a known price, so its cost is unknown."
    best = cost.cheapest
    return (
        f"{cost.model.name} costs {numbers.usd(best.per_month)}/month ({numbers.usd(best.per_day)}/day, "
        f"{numbers.usd(best.per_request)} a request) on {cost.route_text}."
    )


def gap_sentence(known: Sequence[ModelCost]) -> str:
    """The cheapest against the dearest, naming every model tied at either end."""
    low, high = known[0].cheapest.per_month, known[-1].cheapest.per_month
    cheap = and_list(c.model.name for c in known if c.cheapest.per_month == low)
    dear_models = [c.model.name for c in known if c.cheapest.per_month == high]
    dear = and_list(dear_models)
    if low == high:
        return f"{cheap} cost the same: {numbers.usd(low)}/month."
    verb = "is" if sum(c.cheapest.per_month == low for c in known) == 1 else "are each"
    text = f"{cheap} {verb} {numbers.usd(high - low)}/month cheaper than {dear}"
    if low > 0:
        costs = "costs" if len(dear_models) == 1 else "each cost"
        text += f" ({numbers.percent((high - low) / high)} less; {dear} {costs} {numbers.times(high / low)} as much)"
    return text + "."


def _summary(costs: list[ModelCost], gap: str | None, traffic: Traffic) -> tuple[str, ...]:
    lines = [f"At {traffic.description}:"]
    lines += [model_cost_sentence(c) for c in costs]
    if gap is not None:
        lines.append(gap)
    return tuple(lines)


def _route_notes(cost: ModelCost) -> tuple[str, ...]:
    notes: list[str] = []
    for route in cost.routes:
        notes += [f"{cost.model.name} on {route.provider}: {note}." for note in route.notes]
        if route.tier_above_input_tokens is not None:
            notes.append(
                f"{cost.model.name} on {route.provider}: requests above "
                f"{numbers.count(route.tier_above_input_tokens)} input tokens are billed at its long-context rate "
                f"({numbers.price(route.input_price)} input, {numbers.price(route.output_price)} output)."
            )
    return tuple(notes)


def _notes(costs: list[ModelCost], traffic: Traffic) -> tuple[str, ...]:
    notes = [f"Per-day figures count a month as {DAYS_PER_MONTH} days."]
    for cost in costs:
        notes += memo.cached(cost, "notes", lambda: _route_notes(cost))
    if traffic.cached_share == 0 and traffic.batch_share == 0:
        notes.append("No cached input or batch requests assumed; negotiated discounts are not included.")
    return tuple(notes)


# --- break-even -----------------------------------------------------------------------------

Line = tuple[Decimal, Decimal]
"""A route's cost of one request, times 1M, as ``c0 + c1 * x`` along the variable explored."""


def _route_lines(table: tuple[Rates, ...], output_base: Decimal, output_slope: Decimal) -> tuple[Line, ...]:
    """A priced route's line without a tier and under each tier, from its ``rate_table``."""
    return tuple([(r.per_output * output_base, r.per_input + r.per_output * output_slope) for r in table])


@dataclass(frozen=True, slots=True)
class _Zone:
    """Input sizes between two of a model's own tier thresholds: the same tiers apply throughout."""

    lines: tuple[Line, ...]
    """Each priced route's line here, without repeats."""
    envelope: tuple[tuple[Decimal | None, Line], ...]
    """The cheapest line piece by piece: (where the piece ends, None for open-ended; its line)."""


@dataclass(frozen=True, slots=True)
class _Lines:
    thresholds: tuple[Decimal, ...]
    """Where the lines change: the routes' long-context thresholds and the context windows past
    which a route no longer takes a request (below ``limit``)."""
    zones: tuple[_Zone, ...]
    """zones[k] holds for input in (thresholds[k - 1], thresholds[k]] (from ``low``, to no end)."""
    limit: Decimal | None = None
    """The largest input some priced route takes (its context window); None when one's is unknown.
    There is no line past it: the model cannot be priced there."""
    single: Line | None = None
    """The one line cheapest throughout the first zone, if one is."""
    single_until: Decimal | None = None
    """Where ``single`` stops being the one cheapest line, written alike (the first threshold past
    which a zone's cheapest is another line or several); None when it never does."""

    def single_below(self, high: Decimal) -> Line | None:
        """The one line cheapest everywhere below ``high``, if one is."""
        if self.single is None or (self.single_until is not None and self.single_until < high):
            return None
        return self.single

    def zone(self, x: Decimal) -> _Zone:
        return self.zones[bisect_left(self.thresholds, x)] if self.thresholds else self.zones[0]


@dataclass(frozen=True, slots=True)
class _Direction:
    """A variable a break-even is looked for along: input tokens from ``low`` with output fixed at
    ``output_base`` (slope 0), or the input share of a fixed total (output = total - input)."""

    low: Decimal
    output_base: Decimal
    output_slope: Decimal
    key: str
    """The lines' cache key on a model: the traffic's key and the direction's figures."""


def _directions(traffic: Traffic) -> tuple[_Direction, _Direction | None]:
    """The two directions at this traffic (cached on the traffic); no share direction when a
    request has no tokens."""
    def compute() -> tuple[_Direction, _Direction | None]:
        output = Decimal(traffic.output_tokens)
        total = Decimal(traffic.input_tokens + traffic.output_tokens)

        def direction(low: Decimal, base: Decimal, slope: Decimal) -> _Direction:
            return _Direction(low, base, slope, f"lines {traffic_key(traffic)} {low} {base} {slope}")

        return direction(ONE, output, ZERO), direction(ZERO, total, -ONE) if total else None

    return memo.cached(traffic, "directions", compute)


def _model_lines(model: Model, traffic: Traffic, direction: _Direction) -> _Lines | None:
    """The model's routes as lines along the variable, zone by zone (cached on the model per traffic
    and direction); None when no route has a known price."""
    return memo.cached(
        model,
        direction.key,
        lambda: _build_lines(model, traffic, direction.low, direction.output_base, direction.output_slope),
    )


def _build_lines(model: Model, traffic: Traffic, low: Decimal, output_base: Decimal, output_slope: Decimal) -> _Lines | None:
    routes = [
        (route, _route_lines(table, output_base, output_slope))
        for route, table in zip(model.routes, model_rates(model, traffic))
        if table is not None
    ]
    if not routes:
        return None
    windows = [window(model, route) for route, _ in routes]
    limit = None if None in windows else Decimal(max(windows))
    # A route stops taking requests past its window: where that is below the largest, the lines change.
    cuts = {Decimal(w) for w in windows if w < limit} if limit is not None else set()
    if not cuts and not any(route.tiers for route, _ in routes):
        return _untiered_lines(routes, low, limit)
    tier_points = {Decimal(t.above_input_tokens) for route, _ in routes for t in route.tiers}
    thresholds = tuple(sorted(t for t in tier_points | cuts if limit is None or t < limit))
    zones = []
    for k in range(len(thresholds) + 1):
        start = low if k == 0 else thresholds[k - 1]
        at = start + 1 if k == len(thresholds) else (start + thresholds[k]) / 2
        lines: list[Line] = []
        for route, route_lines in routes:
            if not takes(model, route, at):
                continue
            line = route_lines[_tier_index(route, at)] if route.tiers else route_lines[0]
            if line not in lines:
                lines.append(line)
        zones.append(_Zone(tuple(lines), _envelope(lines, start, None)))
    return _Lines(thresholds, tuple(zones), limit, *_single(thresholds, zones))


def _untiered_lines(routes: Sequence[tuple[Route, tuple[Line, ...]]], low: Decimal, limit: Decimal | None) -> _Lines:
    """``_build_lines`` where no route has a long-context tier and every route takes every request
    up to ``limit``: one zone, each route one line."""
    lines: list[Line] = []
    for _, (line,) in routes:
        if line not in lines:
            lines.append(line)
    envelope = _envelope(lines, low, None)
    return _Lines((), (_Zone(tuple(lines), envelope),), limit, envelope[0][1] if len(envelope) == 1 else None, None)


def _single(thresholds: Sequence[Decimal], zones: Sequence[_Zone]) -> tuple[Line | None, Decimal | None]:
    """``_Lines.single`` and ``single_until``. Lines count as the same only when written alike
    (2.5 and 2.50 are not), so a figure computed from either reads the same."""
    first = zones[0].envelope
    if len(first) != 1:
        return None, None
    line = first[0][1]
    text = (str(line[0]), str(line[1]))
    for threshold, zone in zip(thresholds, zones[1:]):
        other = zone.envelope[0][1]
        if len(zone.envelope) != 1 or (str(other[0]), str(other[1])) != text:
            return line, threshold
    return line, None


def _lowest(envelope: tuple[tuple[Decimal | None, Line], ...], x: Decimal) -> Decimal:
    """The cheapest line's value at ``x`` (within the envelope's zone)."""
    for piece_end, (c0, c1) in envelope:
        if piece_end is None or x <= piece_end:
            return c0 + c1 * x
    raise ValueError(x)


def _envelope(lines: Sequence[Line], start: Decimal, end: Decimal | None) -> tuple[tuple[Decimal | None, Line], ...]:
    """The lower envelope of ``lines`` on (start, end]: (where each piece ends, its line), in order."""
    if len(lines) == 1:
        return ((end, lines[0]),)
    x = start
    current = min(lines, key=lambda line: (line[0] + line[1] * x, line[1]))
    pieces: list[tuple[Decimal | None, Line]] = []
    while True:
        nxt: tuple[Decimal, Decimal, Line] | None = None
        for line in lines:
            if line[1] < current[1]:
                at = (line[0] - current[0]) / (current[1] - line[1])
                if x < at and (end is None or at < end) and (nxt is None or (at, line[1]) < nxt[:2]):
                    nxt = (at, line[1], line)
        if nxt is None:
            pieces.append((end, current))
            return tuple(pieces)
        pieces.append((nxt[0], current))
        x, current = nxt[0], nxt[2]


def _clip(envelope: tuple[tuple[Decimal | None, Line], ...], start: Decimal, end: Decimal) -> list[tuple[Decimal, Line]]:
    """The pieces of an envelope on (start, end]."""
    out: list[tuple[Decimal, Line]] = []
    for piece_end, line in envelope:
        if piece_end is not None and piece_end <= start:
            continue
        if piece_end is None or piece_end >= end:
            out.append((end, line))
            return out
        out.append((piece_end, line))
    return out


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def _flip_points(a: _Lines | None, b: _Lines | None, low: Decimal, high: Decimal) -> list[tuple[Decimal, int]]:
    """(point, sign of a - b after it) wherever the cheaper of a and b changes as x runs from low to high.

    The cost difference is piecewise linear: it can only change sign where a line of ``a`` crosses
    a line of ``b`` (the crossing is the break-even) or at a long-context threshold, where a tier
    starts just above the threshold (the threshold is the break-even). Each stretch between such
    points is probed once. Where both are cheapest on the same line for a while, the break-even is
    where they part.
    """
    if a is None or b is None:
        return []
    for limit in (a.limit, b.limit):  # past a limit one of them cannot be priced: nothing to compare
        if limit is not None and limit < high:
            high = limit
    if high <= low:
        return []
    line_a, line_b = a.single_below(high), b.single_below(high)
    if line_a is not None and line_b is not None:
        # One cheapest line each all the way: they swap places only where the two lines cross
        # (unless exactly at a threshold, which the general way below names as it writes it).
        if line_a[1] == line_b[1]:
            return []
        at = (line_b[0] - line_a[0]) / (line_a[1] - line_b[1])
        if not low < at < high:
            return []
        if at not in a.thresholds and at not in b.thresholds:
            middle = (at + high) / 2
            sign = _sign((line_a[0] + line_a[1] * middle) - (line_b[0] + line_b[1] * middle))
            return [(at, sign)] if sign else []

    if a.thresholds or b.thresholds:
        edges = [low] + [t for t in sorted(set(a.thresholds) | set(b.thresholds)) if low < t < high] + [high]
    else:
        edges = [low, high]

    def edge_sign(x: Decimal) -> int:
        return _sign(_lowest(a.zone(x).envelope, x) - _lowest(b.zone(x).envelope, x))

    # (is a point rather than a stretch, x, sign of a - b there), in order
    probes: list[tuple[bool, Decimal, int]] = [(True, low, edge_sign(low))]
    for start, end in zip(edges, edges[1:]):
        inside = (start + end) / 2
        pieces_a = _clip(a.zone(inside).envelope, start, end)
        pieces_b = _clip(b.zone(inside).envelope, start, end)
        crossings: set[Decimal] = set()
        stretches: list[tuple[Decimal, Decimal, Line, Line]] = []
        u, i, j = start, 0, 0
        while u < end:
            (end_a, line_a), (end_b, line_b) = pieces_a[i], pieces_b[j]
            v = min(end_a, end_b)
            if line_a[1] != line_b[1]:
                at = (line_b[0] - line_a[0]) / (line_a[1] - line_b[1])
                if u < at < v:
                    stretches.append((u, at, line_a, line_b))
                    crossings.add(at)
                    u = at
                elif at == u or at == v:
                    crossings.add(at)
            stretches.append((u, v, line_a, line_b))
            u = v
            i += end_a == v
            j += end_b == v
        for u, v, line_a, line_b in stretches:
            middle = (u + v) / 2
            probes.append((False, middle, _sign((line_a[0] + line_a[1] * middle) - (line_b[0] + line_b[1] * middle))))
            if v != end and v in crossings:
                probes.append((True, v, 0))
        probes.append((True, end, 0 if end in crossings else edge_sign(end)))
    flips: list[tuple[Decimal, int]] = []
    last_sign, last_point = 0, low
    for is_point, x, sign in probes:
        if sign == 0:
            if is_point:
                last_point = x
            continue
        if last_sign and sign != last_sign:
            flips.append((last_point, sign))
        last_sign, last_point = sign, x
    return flips


def _crossings(a: Model, b: Model, lines_a: _Lines | None, lines_b: _Lines | None, low: Decimal, high: Decimal) -> list[tuple[Model, Model, Decimal]]:
    """(cheaper below, cheaper above, input tokens) wherever a and b swap places as input
    tokens run from ``low`` to ``high``."""
    return [((a, b) if sign > 0 else (b, a)) + (point,) for point, sign in _flip_points(lines_a, lines_b, low, high)]


def break_evens(a: Model, b: Model, traffic: Traffic) -> list[BreakEven]:
    """Where a and b swap places: as input tokens per request grow (output fixed), and as the
    input share of a request's tokens changes (total fixed)."""
    return _break_evens([a, b], traffic)[0]


def _break_evens(models: Sequence[Model], traffic: Traffic) -> list[list[BreakEven]]:
    """``break_evens`` for every pair of models, in ``combinations`` order."""
    tokens, shares = _directions(traffic)
    output = tokens.output_base
    total = shares.output_base if shares else ZERO
    by_tokens = [_model_lines(m, traffic, tokens) for m in models]
    by_share = [_model_lines(m, traffic, shares) for m in models] if shares else []
    out: list[list[BreakEven]] = []
    for i, j in combinations(range(len(models)), 2):
        a, b = models[i], models[j]
        pair: list[BreakEven] = []
        for below, above, point in _crossings(a, b, by_tokens[i], by_tokens[j], ONE, _largest_input(a, b, traffic)):
            text = (
                f"{below.name} is cheaper up to {numbers.count(point)} input tokens a request and "
                f"{above.name} above that (at {numbers.count(output)} output tokens each)."
            )
            pair.append(_break_even(below, above, "input_tokens", point, text))
        if shares:
            for below, above, point in _crossings(a, b, by_share[i], by_share[j], ZERO, total):
                share = point / total
                text = (
                    f"At {numbers.count(total)} tokens a request, {below.name} is cheaper while input is up to "
                    f"{numbers.percent(share)} of them and {above.name} when input is more."
                )
                pair.append(_break_even(below, above, "input_share", share, text))
        out.append(pair)
    return out


def _break_even(below: Model, above: Model, variable: str, value: Decimal, text: str) -> BreakEven:
    return BreakEven.trusted(cheaper_below=ref(below), cheaper_above=ref(above), variable=variable, value=value, text=text)


DEFAULT_INPUT_LIMIT = 2_000_000
"""How far input tokens per request are explored when neither model's context window is known."""


def _largest_input(a: Model, b: Model, traffic: Traffic) -> Decimal:
    """The largest input a request to both models can carry (their smaller known context)."""
    windows = [m.context_window for m in (a, b) if m.context_window is not None]
    limit = min(windows) if windows else DEFAULT_INPUT_LIMIT
    return Decimal(max(limit - traffic.output_tokens, 2))
