"""Pricing and availability: the cheapest input, output and cached-input prices, and every
provider's route with its prices (or "not tracked")."""

from __future__ import annotations

from decimal import Decimal

from catalog.schema import Model
from engine import facts, numbers
from engine.cache import cached
from engine.results import CellValue, Section
from engine.sections._context import Context, SectionSpec
from engine.sections._tables import NOT_TRACKED, plain_row, price_row, routes_row, table
from engine.words import unique


def _cached_price(model: Model, price: Decimal | None) -> tuple[str, CellValue]:
    """The model's cheapest cached-input price; "not published" only where a priced route publishes
    none (with no known price at all, whether a cache price exists is unknown)."""
    if price is not None:
        return numbers.price(price), price
    return ("not published" if any(r.priced for r in model.routes) else numbers.UNKNOWN_TEXT), None


@cached("route prices in words", size=16384)
def _route_prices(model: Model) -> dict[str, tuple[str, CellValue]]:
    """Each route's prices in words, by provider name without case (kept per model: a model with many
    routes is most of the pricing table's work)."""
    found: dict[str, tuple[str, CellValue]] = {}
    for route in model.routes:
        if route.priced:
            text = f"{numbers.price_value(route.input)} in / {numbers.price_value(route.output)} out"
            found.setdefault(route.provider.casefold(), (text, text))
        else:
            found.setdefault(route.provider.casefold(), ("price unknown", None))
    return found


def build(ctx: Context) -> Section:
    cached = [_cached_price(m, c) for m, c in zip(ctx.models, ctx.cached_inputs)]
    rows = [
        price_row("input_price", "Cheapest input price", ctx.inputs),
        price_row("output_price", "Cheapest output price", ctx.outputs),
        plain_row("cached_input_price", "Cheapest cached input", cached),
        routes_row(ctx, "Provider routes", "tracked"),
    ]
    routes = [_route_prices(m) for m in ctx.models]
    allowed = {p.casefold() for p in ctx.cost.traffic.providers}
    for provider in unique(p for m in ctx.models for p in facts.providers(m)):
        folded = provider.casefold()
        outside = "; outside the providers named" if allowed and folded not in allowed else ""
        rows.append(
            plain_row(
                f"route:{folded}",
                f"{provider} (per 1M{outside})",
                [own.get(folded, (NOT_TRACKED, None)) for own in routes],
            )
        )
    return Section(
        key=SECTION.key, title=SECTION.title, tables=(table(ctx, "pricing", SECTION.title, "Pricing attribute", rows),)
    )


SECTION = SectionSpec(
    key="pricing", title="Pricing and availability", group="pricing", page_order=70, group_order=2, build=build
)
