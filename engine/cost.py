"""Cost estimates: every route of each model priced per request, then multiplied out.

A request is priced on its own, as providers bill it: a long-context tier applies to the whole
request when that request's input passes the tier's threshold. Cached input and batch
requests use the route's published cache and batch prices; where a route publishes none, that
share is priced at the standard rate and the estimate says so. A route whose price is unknown
is listed as unknown and never counted as $0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Literal

from catalog.schema import Model, PriceTier, Route

from engine import numbers
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
    for name, value in (("input tokens", input_tokens), ("output tokens", output_tokens), ("requests", requests)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a whole number of 0 or more, not {value!r}")
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


def tier_for(route: Route, input_tokens: Decimal | int) -> PriceTier | None:
    """The long-context tier a request with this input falls in (the last threshold it passes)."""
    chosen = None
    for tier in route.tiers:
        if input_tokens > tier.above_input_tokens:
            chosen = tier
    return chosen


def rates(route: Route, input_tokens: Decimal | int, cached_share: Decimal, batch_share: Decimal) -> Rates | None:
    """Effective input and output prices for a request of this size; None when the route's price is unknown."""
    if not route.priced:
        return None
    tier = tier_for(route, input_tokens)
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


def request_cost(route: Route, input_tokens: Decimal | int, output_tokens: Decimal | int, traffic: Traffic) -> Decimal | None:
    """USD for one request on this route; None when its price is unknown."""
    rate = rates(route, input_tokens, traffic.cached_share, traffic.batch_share)
    if rate is None:
        return None
    return (rate.per_input * input_tokens + rate.per_output * output_tokens) / MILLION


def route_cost(route: Route, traffic: Traffic) -> RouteCost:
    rate = rates(route, traffic.input_tokens, traffic.cached_share, traffic.batch_share)
    if rate is None:
        return RouteCost(provider=route.provider, model_id=route.model_id, known=False, text="price unknown")
    per_request = (rate.per_input * traffic.input_tokens + rate.per_output * traffic.output_tokens) / MILLION
    per_month = per_request * traffic.requests_per_month
    return RouteCost(
        provider=route.provider,
        model_id=route.model_id,
        known=True,
        per_request=per_request,
        per_day=per_request * traffic.requests_per_day,
        per_month=per_month,
        input_price=rate.base_input,
        output_price=rate.base_output,
        tier_above_input_tokens=rate.tier.above_input_tokens if rate.tier else None,
        notes=rate.notes,
        text=f"{numbers.usd(per_month)}/month",
    )


# --- one model ------------------------------------------------------------------------------


def is_vendor_route(model: Model, provider: str) -> bool:
    """True for the vendor's own API (e.g. "OpenAI API" for an OpenAI model)."""
    vendor = model.vendor.casefold().replace(" ", "")
    return vendor in provider.casefold().replace(" ", "")


def cheapest_first(model: Model, items: Sequence[tuple[str, Decimal | None]]) -> list[int]:
    """Indexes of (provider, amount) pairs: known amounts cheapest first, ties with the vendor's API
    first, then in catalog order; unknown amounts last."""
    def key(index: int) -> tuple[int, Decimal, int, int]:
        provider, amount = items[index]
        return (amount is None, amount or ZERO, not is_vendor_route(model, provider), index)

    return sorted(range(len(items)), key=key)


def tie_text(named: str, others: Sequence[str]) -> str:
    """ "OpenAI API; OpenRouter and Replicate API cost the same" """
    if not others:
        return named
    verb = "costs" if len(others) == 1 else "cost"
    return f"{named}; {and_list(others)} {verb} the same"


def model_cost(model: Model, traffic: Traffic) -> ModelCost:
    costs = [route_cost(route, traffic) for route in model.routes]
    order = cheapest_first(model, [(c.provider, c.per_month) for c in costs])
    ordered = [costs[i] for i in order]
    best = ordered[0].per_month if ordered and ordered[0].known else None
    if best is None:
        return ModelCost(model=ref(model), routes=tuple(ordered), route_text="no route with a known price")
    marked = tuple(c.model_copy(update={"cheapest": c.known and c.per_month == best}) for c in ordered)
    tied = tuple(c.provider for c in marked if c.cheapest)
    return ModelCost(
        model=ref(model),
        routes=marked,
        cheapest_providers=tied,
        cheapest=marked[0],
        route_text=tie_text(tied[0], tied[1:]),
    )


# --- several models -------------------------------------------------------------------------


def estimate(models: Sequence[Model], traffic: Traffic = DEFAULT_TRAFFIC) -> CostEstimate:
    """Every route of every model at this traffic, the ranking, the gap and any break-even."""
    costs = [model_cost(model, traffic) for model in models]
    known = sorted((c for c in costs if c.cheapest is not None), key=lambda c: c.cheapest.per_month)
    ranking = tuple(c.model.id for c in known)
    gap = known[-1].cheapest.per_month - known[0].cheapest.per_month if len(known) >= 2 else None
    flips = tuple(flip for a, b in combinations(models, 2) for flip in break_evens(a, b, traffic))
    return CostEstimate(
        traffic=traffic,
        models=tuple(costs),
        ranking=ranking,
        gap_per_month=gap,
        break_evens=flips,
        summary=_summary(costs, known, traffic) + tuple(f.text for f in flips),
        notes=_notes(costs, traffic),
    )


def model_cost_sentence(cost: ModelCost) -> str:
    if cost.cheapest is None:
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


def _summary(costs: list[ModelCost], known: list[ModelCost], traffic: Traffic) -> tuple[str, ...]:
    lines = [f"At {traffic.description}:"]
    lines += [model_cost_sentence(c) for c in costs]
    if len(known) >= 2:
        lines.append(gap_sentence(known))
    return tuple(lines)


def _notes(costs: list[ModelCost], traffic: Traffic) -> tuple[str, ...]:
    notes = [f"Per-day figures count a month as {DAYS_PER_MONTH} days."]
    for cost in costs:
        for route in cost.routes:
            notes += [f"{cost.model.name} on {route.provider}: {note}." for note in route.notes]
            if route.tier_above_input_tokens is not None:
                notes.append(
                    f"{cost.model.name} on {route.provider}: requests above "
                    f"{numbers.count(route.tier_above_input_tokens)} input tokens are billed at its long-context rate "
                    f"({numbers.price(route.input_price)} input, {numbers.price(route.output_price)} output)."
                )
    if traffic.cached_share == 0 and traffic.batch_share == 0:
        notes.append("No cached input or batch requests assumed; negotiated discounts are not included.")
    return tuple(notes)


# --- break-even -----------------------------------------------------------------------------

CostAt = Callable[[Decimal], Decimal | None]


def cheapest_cost(model: Model, traffic: Traffic, output_for: Callable[[Decimal], Decimal]) -> CostAt:
    """The model's cheapest known per-request cost as a function of input tokens."""
    def cost(input_tokens: Decimal) -> Decimal | None:
        output_tokens = output_for(input_tokens)
        values = [request_cost(r, input_tokens, output_tokens, traffic) for r in model.routes]
        known = [v for v in values if v is not None]
        return min(known) if known else None

    return cost


def _slopes(model: Model, traffic: Traffic, at: Decimal, output_slope: Decimal, output_base: Decimal) -> list[tuple[Decimal, Decimal]]:
    """Each priced route as a line cost = a + b * input_tokens, with the tier that applies at ``at``."""
    lines = []
    for route in model.routes:
        rate = rates(route, at, traffic.cached_share, traffic.batch_share)
        if rate is not None:
            lines.append((rate.per_output * output_base, rate.per_input + rate.per_output * output_slope))
    return lines


def _candidates(a: Model, b: Model, traffic: Traffic, low: Decimal, high: Decimal, output_slope: Decimal, output_base: Decimal) -> list[Decimal]:
    """Input sizes where the ranking can flip: tier thresholds and crossings of route lines."""
    thresholds = sorted({Decimal(t.above_input_tokens) for m in (a, b) for r in m.routes for t in r.tiers})
    edges = [low] + [t for t in thresholds if low < t < high] + [high]
    points = set(edges)
    for start, end in zip(edges, edges[1:]):
        inside = (start + end) / 2
        for a0, a1 in _slopes(a, traffic, inside, output_slope, output_base):
            for b0, b1 in _slopes(b, traffic, inside, output_slope, output_base):
                if a1 != b1:
                    crossing = (b0 - a0) / (a1 - b1)
                    if start < crossing < end:
                        points.add(crossing)
    return sorted(points)


def _sign(a: CostAt, b: CostAt, x: Decimal) -> int:
    left, right = a(x), b(x)
    if left is None or right is None or left == right:
        return 0
    return -1 if left < right else 1


def _flip_points(a: CostAt, b: CostAt, candidates: list[Decimal]) -> list[tuple[Decimal, int]]:
    """(point, sign after it) wherever the sign of a - b changes between candidates."""
    probes = [candidates[0]]
    for left, right in zip(candidates, candidates[1:]):
        probes += [(left + right) / 2, right]
    flips: list[tuple[Decimal, int]] = []
    last_sign, last_point = 0, probes[0]
    for point in probes:
        sign = _sign(a, b, point)
        if sign == 0:
            if point in candidates:
                last_point = point
            continue
        if last_sign and sign != last_sign:
            flips.append((last_point, sign))
        last_sign, last_point = sign, point
    return flips


def _crossings(a: Model, b: Model, traffic: Traffic, low: Decimal, high: Decimal, output_base: Decimal, output_slope: Decimal) -> list[tuple[Model, Model, Decimal]]:
    """(cheaper below, cheaper above, input tokens) wherever a and b swap places as input
    tokens run from ``low`` to ``high`` with output tokens = base + slope * input."""
    output_for = lambda i: output_base + output_slope * i  # noqa: E731
    flips = _flip_points(
        cheapest_cost(a, traffic, output_for),
        cheapest_cost(b, traffic, output_for),
        _candidates(a, b, traffic, low, high, output_slope, output_base),
    )
    return [((a, b) if sign > 0 else (b, a)) + (point,) for point, sign in flips]


def break_evens(a: Model, b: Model, traffic: Traffic) -> list[BreakEven]:
    """Where a and b swap places: as input tokens per request grow (output fixed), and as the
    input share of a request's tokens changes (total fixed)."""
    out: list[BreakEven] = []
    output = Decimal(traffic.output_tokens)
    for below, above, point in _crossings(a, b, traffic, ONE, _largest_input(a, b, traffic), output, ZERO):
        text = (
            f"{below.name} is cheaper up to {numbers.count(point)} input tokens a request and "
            f"{above.name} above that (at {numbers.count(output)} output tokens each)."
        )
        out.append(BreakEven(cheaper_below=ref(below), cheaper_above=ref(above), variable="input_tokens", value=point, text=text))
    total = Decimal(traffic.input_tokens + traffic.output_tokens)
    if not total:
        return out
    for below, above, point in _crossings(a, b, traffic, ZERO, total, total, -ONE):
        share = point / total
        text = (
            f"At {numbers.count(total)} tokens a request, {below.name} is cheaper while input is up to "
            f"{numbers.percent(share)} of them and {above.name} when input is more."
        )
        out.append(BreakEven(cheaper_below=ref(below), cheaper_above=ref(above), variable="input_share", value=share, text=text))
    return out


DEFAULT_INPUT_LIMIT = 2_000_000
"""How far input tokens per request are explored when neither model's context window is known."""


def _largest_input(a: Model, b: Model, traffic: Traffic) -> Decimal:
    """The largest input a request to both models can carry (their smaller known context)."""
    windows = [m.context_window for m in (a, b) if m.context_window is not None]
    limit = min(windows) if windows else DEFAULT_INPUT_LIMIT
    return Decimal(max(limit - traffic.output_tokens, 2))
