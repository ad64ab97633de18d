"""Monthly cost at traffic: each model on its cheapest tracked route, the gap, any break-even, and
how cache, batch and tiers were priced (from the comparison's estimate, ``engine.cost``)."""

from __future__ import annotations

from engine import numbers
from engine.results import Figure, ModelCost, Section
from engine.sections._context import Context, SectionSpec
from engine.words import unique


def _figure(cost: ModelCost) -> Figure:
    best = cost.cheapest
    if best is None:
        return Figure(
            label=cost.model.name, text=numbers.UNKNOWN_TEXT, detail=cost.route_text[:1].upper() + cost.route_text[1:]
        )
    return Figure(
        label=cost.model.name,
        text=f"{numbers.usd(best.per_month)}/month",
        value=best.per_month,
        detail=f"Cheapest tracked route: {cost.route_text}",
    )


def build(ctx: Context) -> Section:
    bullets = [ctx.gap] if ctx.gap is not None else []
    bullets += [b.text for b in ctx.cost.break_evens]
    bullets += [n for n in ctx.cost.notes if not n.startswith("Per-day")]
    return Section(
        key=SECTION.key,
        title=SECTION.title,
        text=(f"At {ctx.cost.traffic.description}, each model on its cheapest tracked route:",),
        figures=tuple([_figure(c) for c in ctx.cost.models]),
        bullets=unique(bullets),
    )


SECTION = SectionSpec(
    key="cost", title="Monthly cost at traffic", group="pricing", page_order=40, group_order=1, build=build
)
