"""What a price change does to a workload's monthly cost, for the alerts a watch posts (issue 10).

Pure: a model, the price changes of one of its routes, a traffic; no I/O. The route is priced at the
traffic twice, with the old figures and with the new (``engine.cost.request_cost``: tiers, cache and
batch as every estimate prices them), so an input and an output change of the same route make one
effect. Worked example: Together AI's Qwen3.7 Max going from $1.50/$4.50 to $2.50/$7.50 per 1M tokens,
at 1,000,000 requests a month of 800 input and 250 output tokens: $1.20 + $1.125 = $2.325 per 1,000
requests before, $2.00 + $1.875 = $3.875 after: $2,325 -> $3,875 a month (+$1,550, +66.7%).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from catalog.changes import PRICE_FIELDS, Change, ChangeKind
from catalog.schema import Model
from engine.cost import request_cost
from engine.results import Traffic


@dataclass(frozen=True, slots=True)
class WorkloadEffect:
    """The monthly cost of a traffic on one route before and after its price changes."""

    provider: str
    before: Decimal
    after: Decimal

    @property
    def difference(self) -> Decimal:
        return self.after - self.before

    @property
    def percent(self) -> Decimal | None:
        return None if self.before == 0 else self.difference / self.before * 100


def _number(text: str | None) -> Decimal | None:
    try:
        value = Decimal(text) if text is not None else None
    except InvalidOperation:
        return None
    return value if value is not None and value.is_finite() and value >= 0 else None


def workload_effects(model: Model, changes: Sequence[Change], traffic: Traffic) -> list[WorkloadEffect]:
    """For each route of ``model`` whose price ``changes`` change (in the order first changed), the
    monthly cost of ``traffic`` before and after; a route the model no longer has, a figure that is not a
    number, or a route that cannot price the traffic gives no effect (unknown is never $0)."""
    by_provider: dict[str, list[Change]] = {}
    for change in changes:
        if (
            change.kind is ChangeKind.PRICE_CHANGED
            and change.model_id == model.id
            and change.provider
            and change.field in PRICE_FIELDS
        ):
            by_provider.setdefault(change.provider, []).append(change)
    effects = []
    for provider, mine in by_provider.items():
        route = next((r for r in model.routes if r.provider.casefold() == provider.casefold()), None)
        if route is None:
            continue
        old: dict[str, Decimal] = {}
        new: dict[str, Decimal] = {}
        for change in mine:
            before, after = _number(change.old), _number(change.new)
            if before is None or after is None:
                break
            old.setdefault(change.field, before)  # type: ignore[arg-type]  # the first change's old value
            new[change.field] = after  # type: ignore[index]  # the last change's new value
        else:
            costs = [
                request_cost(route.replace(**values), traffic.input_tokens, traffic.output_tokens, traffic)
                for values in (old, new)
            ]
            before_cost, after_cost = costs
            if before_cost is not None and after_cost is not None:
                per_month = traffic.requests_per_month
                effects.append(WorkloadEffect(route.provider, before_cost * per_month, after_cost * per_month))
    return effects
