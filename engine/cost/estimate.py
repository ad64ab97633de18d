"""An estimate: every route of each model priced at a traffic, the cheapest marked, the models ranked.

Each route is priced per request (``engine.cost.pricing``) and multiplied out per day and per month.
A route whose price is unknown is listed as unknown, one whose context window is too small for the
request as "does not fit"; neither is ever counted as $0 or named cheapest. Routes tied at the
cheapest are all named, the maker's own API first. Where two models' ranking flips as the request
changes shape, the estimate says where (``engine.cost.breakeven``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from catalog.schema import Model, Route
from engine import numbers
from engine.cache import cached
from engine.cost.breakeven import break_evens_of
from engine.cost.pricing import (
    ZERO,
    Rates,
    fit_limit,
    fits,
    tier_index,
    traffic_rates,
    unknown_above,
    window,
    window_unknown_for,
)
from engine.cost.traffic import DAYS_PER_MONTH, DEFAULT_TRAFFIC, traffic_key
from engine.facts import basis, ref, vendor_routes
from engine.results import CostEstimate, ModelCost, RouteCost, Traffic
from engine.words import and_list


def _route_cost(
    model: Model,
    route: Route,
    traffic: Traffic,
    table: tuple[Rates, ...] | None,
    gap: int | None,
    raised: Decimal | None,
) -> dict[str, Any]:
    """A ``RouteCost``'s fields but ``cheapest``, from the route's ``rate_table`` at the traffic's shares;
    ``gap`` is where its price becomes unknown (``unknown_above``) and ``raised`` how much the model's other
    routes raise a request of this size above their base price."""
    if not route.sold:
        since = f" since {route.retired_since.isoformat()}" if route.retired_since else ""
        return {
            "provider": route.provider,
            "model_id": route.model_id,
            "known": False,
            "status": "retired",
            "text": f"retired{since}",
        }
    if table is None:
        return {"provider": route.provider, "model_id": route.model_id, "known": False, "text": "price unknown"}
    limit = window(model, route)
    if limit is not None and traffic.input_tokens > limit:
        return {
            "provider": route.provider,
            "model_id": route.model_id,
            "known": False,
            "fits": False,
            "text": f"does not fit ({numbers.tokens(limit)} context window)",
        }
    rate = table[tier_index(route, traffic.input_tokens)]
    per_request = rate.request(traffic.input_tokens, traffic.output_tokens)
    per_month = per_request * traffic.requests_per_month
    if window_unknown_for(model, route, traffic.input_tokens):
        return {
            "provider": route.provider,
            "model_id": route.model_id,
            "known": False,
            "low_per_month": per_month,
            "notes": rate.notes,
            "text": f"context window unknown: may not take {numbers.tokens(traffic.input_tokens)} input tokens "
            f"({numbers.usd(per_month)}/month if it does)",
        }
    if gap is not None and traffic.input_tokens > gap:
        high = per_month * raised if raised is not None else None
        shown = f" ({numbers.usd(per_month)} to {numbers.usd(high)}/month from the known tiers)" if high else ""
        return {
            "provider": route.provider,
            "model_id": route.model_id,
            "known": False,
            "unknown_above": gap,
            "low_per_month": per_month,
            "high_per_month": high,
            "notes": rate.notes,
            "text": f"price above {numbers.tokens(gap)} unknown{shown}",
        }
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
        "notes": rate.notes + _lifecycle_note(route),
        "status": route.status.value,
        "text": f"{numbers.usd(per_month)}/month",
    }


def _lifecycle_note(route: Route) -> tuple[str, ...]:
    if route.status.value != "deprecated":
        return ()
    when = f"retires {route.deprecation_date.isoformat()}" if route.deprecation_date else "no retirement date announced"
    return (f"deprecated by the provider ({when})",)


def _raised(model: Model, traffic: Traffic, tables: Sequence[tuple[Rates, ...] | None]) -> Decimal | None:
    """How much the model's routes with tiers raise a request of this size above their own base price: the
    largest such ratio (None when none does)."""
    ratios = []
    for route, table in zip(model.routes, tables):
        if table is None or not route.tiers or not route.sold:
            continue
        index = tier_index(route, traffic.input_tokens)
        base = table[0].request(traffic.input_tokens, traffic.output_tokens)
        if index and base > 0:
            ratios.append(table[index].request(traffic.input_tokens, traffic.output_tokens) / base)
    return max(ratios) if ratios else None


def cheapest_first(model: Model, items: Sequence[tuple[str, Decimal | None]]) -> list[int]:
    """Indexes of (provider, amount) pairs: known amounts cheapest first, ties with the vendor's API
    first, then in catalog order; unknown amounts last."""
    own = vendor_routes(model)

    def key(index: int) -> tuple[bool, Decimal, bool, int]:
        provider, amount = items[index]
        return (amount is None, amount or ZERO, provider.casefold() not in own, index)

    return sorted(range(len(items)), key=key)


def tie_text(named: str, others: Sequence[str]) -> str:
    """ "OpenAI API; OpenRouter and Replicate API cost the same" """
    if not others:
        return named
    verb = "costs" if len(others) == 1 else "cost"
    return f"{named}; {and_list(others)} {verb} the same"


@cached("model cost", size=512, key=lambda model, traffic: (id(model), traffic_key(traffic)))
def model_cost(model: Model, traffic: Traffic) -> ModelCost:
    """Every route of the model at this traffic, cheapest first, unknown and too small last.

    Cached per model and traffic (equal traffics share an entry): an estimate and a comparison price
    the same models again and again, and the bot's opening page and each page clicked ask anew."""
    tables = traffic_rates(model, traffic)
    gaps = unknown_above(model)
    raised = _raised(model, traffic, tables) if any(g is not None and traffic.input_tokens > g for g in gaps) else None
    fields = [
        _route_cost(model, route, traffic, table, gap, raised) for route, table, gap in zip(model.routes, tables, gaps)
    ]
    if traffic.providers:  # a team's providers: the others are priced and shown, never cheapest
        allowed = {p.casefold() for p in traffic.providers}
        for f in fields:
            f["outside"] = f["provider"].casefold() not in allowed
    ordered = [
        fields[i]
        for i in cheapest_first(
            model, [(f["provider"], None if f.get("outside") else f.get("per_month")) for f in fields]
        )
    ]
    best = ordered[0]["per_month"] if ordered and ordered[0]["known"] and not ordered[0].get("outside") else None
    if not fits(model, traffic.input_tokens):
        limit = fit_limit(model)
        text = f"does not fit (context {numbers.tokens(limit)})"
        return ModelCost(model=ref(model), routes=tuple(RouteCost(**f) for f in ordered), route_text=text, fits=False)
    if best is None:
        if traffic.providers and any(f["known"] for f in ordered):
            text = f"no route among {and_list(list(traffic.providers))} with a known price"
        elif any(window_unknown_for(model, r, traffic.input_tokens) for r in model.routes if r.sold):
            text = (
                "context window unknown on every priced route "
                f"(it may not take {numbers.count(traffic.input_tokens)} input tokens)"
            )
        elif any(f.get("unknown_above") for f in ordered):
            gap = min(f["unknown_above"] for f in ordered if f.get("unknown_above"))
            text = f"price above {numbers.tokens(gap)} input tokens unknown on every route that takes the request"
        else:
            text = "no route with a known price"
        return ModelCost(model=ref(model), routes=tuple(RouteCost(**f) for f in ordered), route_text=text)
    marked = tuple(
        RouteCost(**f, cheapest=f["known"] and not f.get("outside") and f["per_month"] == best) for f in ordered
    )
    tied = tuple(c.provider for c in marked if c.cheapest)
    return ModelCost(
        model=ref(model),
        routes=marked,
        cheapest_providers=tied,
        cheapest=marked[0],
        route_text=tie_text(tied[0], tied[1:]),
    )


@dataclass(frozen=True, slots=True)
class Estimated:
    """An estimate with the figures it was built from, for a caller that words them again."""

    result: CostEstimate
    known: tuple[ModelCost, ...]
    """Models with a known price, cheapest first."""
    gap: str | None
    """``gap_sentence(known)``; None with fewer than two known."""


def estimate(models: Sequence[Model], traffic: Traffic = DEFAULT_TRAFFIC) -> CostEstimate:
    """Every route of every model at this traffic, the ranking, the gap and any break-even."""
    return estimated(models, traffic).result


def estimated(models: Sequence[Model], traffic: Traffic = DEFAULT_TRAFFIC) -> Estimated:
    """``estimate``, with its sorted costs and gap sentence."""
    return _estimated(tuple(models), traffic)


@cached("estimates", size=256, key=lambda models, traffic: (tuple(map(id, models)), traffic_key(traffic)))
def _estimated(models: tuple[Model, ...], traffic: Traffic) -> Estimated:
    """``estimated``, kept per models and traffic (equal traffics share): a comparison's estimate is asked
    again for each page of it the bot shows, and the same few pairs are compared again and again."""
    costs = [model_cost(model, traffic) for model in models]
    known = tuple(sorted((c for c in costs if c.cheapest is not None), key=_monthly))
    ranking = tuple(c.model.id for c in known)
    gap = _monthly(known[-1]) - _monthly(known[0]) if len(known) >= 2 else None
    gap_text = gap_sentence(known) if len(known) >= 2 else None
    flips = break_evens_of(models, traffic)
    updated, sources = basis(models)
    result = CostEstimate(
        traffic=traffic,
        models=tuple(costs),
        ranking=ranking,
        gap_per_month=gap,
        break_evens=flips,
        summary=_summary(costs, gap_text, traffic) + tuple(f.text for f in flips),
        notes=_notes(costs, traffic),
        updated=updated,
        sources=sources,
    )
    return Estimated(result, known, gap_text)


def _monthly(cost: ModelCost) -> Decimal:
    """The monthly cost of a model's cheapest route (only asked of a model with a known one)."""
    assert cost.cheapest is not None and cost.cheapest.per_month is not None
    return cost.cheapest.per_month


def model_cost_sentence(cost: ModelCost) -> str:
    if cost.cheapest is None:
        if cost.routes and all(route.status == "retired" for route in cost.routes):
            return f"{cost.model.name} is retired: no tracked route sells it any more, so it cannot be priced."
        if not cost.fits:
            return f"{cost.model.name} {cost.route_text}: the request is more than its context window, so it is not priced."
        if any(route.outside for route in cost.routes) and any(route.known for route in cost.routes):
            return f"{cost.model.name} has {cost.route_text}, so its cost there is unknown."
        ranged = [r for r in cost.routes if r.unknown_above is not None and r.high_per_month is not None]
        if ranged:
            low = min(r.low_per_month for r in ranged if r.low_per_month is not None)
            high = max(r.high_per_month for r in ranged if r.high_per_month is not None)
            return (
                f"{cost.model.name} cannot be priced at this traffic: its {cost.route_text} "
                f"({numbers.usd(low)} to {numbers.usd(high)}/month from the known tiers)."
            )
        if any(not route.fits or route.unknown_above for route in cost.routes) or cost.route_text.startswith(
            "context window unknown"
        ):
            return f"{cost.model.name} cannot be priced at this traffic: {cost.route_text}."
        return f"{cost.model.name} has no route with a known price, so its cost is unknown."
    best = cost.cheapest
    return (
        f"{cost.model.name} costs {numbers.usd(best.per_month)}/month ({numbers.usd(best.per_day)}/day, "
        f"{numbers.usd(best.per_request)} a request) on {cost.route_text}."
    )


def gap_sentence(known: Sequence[ModelCost]) -> str:
    """The cheapest against the dearest, naming every model tied at either end."""
    low, high = _monthly(known[0]), _monthly(known[-1])
    cheap = and_list([c.model.name for c in known if _monthly(c) == low])
    dear_models = [c.model.name for c in known if _monthly(c) == high]
    dear = and_list(dear_models)
    if low == high:
        return f"{cheap} cost the same: {numbers.usd(low)}/month."
    verb = "is" if sum(_monthly(c) == low for c in known) == 1 else "are each"
    text = f"{cheap} {verb} {numbers.usd(high - low)}/month cheaper than {dear}"
    if low > 0:
        costs = "costs" if len(dear_models) == 1 else "each cost"
        text += f" ({numbers.percent((high - low) / high)} less; {dear} {costs} {numbers.more(high / low)})"
    return text + "."


def _summary(costs: list[ModelCost], gap: str | None, traffic: Traffic) -> tuple[str, ...]:
    lines = [f"At {traffic.description}:"]
    lines += [model_cost_sentence(c) for c in costs]
    if gap is not None:
        lines.append(gap)
    return tuple(lines)


def _route_notes(cost: ModelCost) -> list[str]:
    notes: list[str] = []
    for route in cost.routes:
        notes += [f"{cost.model.name} on {route.provider}: {note}." for note in route.notes]
        if route.unknown_above is not None:
            notes.append(
                f"{cost.model.name} on {route.provider}: no price is published for requests above "
                f"{numbers.count(route.unknown_above)} input tokens, which other routes of the model bill higher; "
                "it is not counted as the cheapest for them."
            )
        if route.tier_above_input_tokens is not None:
            notes.append(
                f"{cost.model.name} on {route.provider}: requests above "
                f"{numbers.count(route.tier_above_input_tokens)} input tokens are billed at its long-context rate "
                f"({numbers.price(route.input_price)} input, {numbers.price(route.output_price)} output)."
            )
    return notes


def _notes(costs: list[ModelCost], traffic: Traffic) -> tuple[str, ...]:
    notes = [f"Per-day figures count a month as {DAYS_PER_MONTH} days."]
    for cost in costs:
        notes += _route_notes(cost)
    if traffic.cached_share == 0 and traffic.batch_share == 0 and traffic.cache_write_share == 0:
        notes.append("No cached input or batch requests assumed; negotiated discounts are not included.")
    return tuple(notes)
