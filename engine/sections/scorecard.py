"""Decision scorecard: the few signals a choice turns on, side by side (tags, context, output price,
routes, shared benchmarks)."""

from __future__ import annotations

from catalog.schema import Model
from engine.results import CellValue, Section
from engine.sections._context import Context, SectionSpec
from engine.sections._tables import context_row, plain_row, price_row, routes_row, row, table
from engine.words import plural


def _fit(model: Model) -> tuple[str, CellValue]:
    """The model's decision fit: its tags (Versus's own curation)."""
    tags = ", ".join([t.value for t in model.tags]) or "no tags"
    return tags, tags


def build(ctx: Context) -> Section:
    shared = len(ctx.shared_benchmarks)
    count = len(ctx.models)
    rows = [
        plain_row("decision_fit", "Decision fit", [_fit(m) for m in ctx.models]),
        context_row(ctx),
        price_row("cheapest_output", "Cheapest output price", ctx.outputs),
        routes_row(ctx, "Provider routes", "tracked"),
        row("shared_benchmarks", "Shared benchmarks", [plural(shared, "row")] * count, [shared] * count),
    ]
    return Section(
        key=SECTION.key, title=SECTION.title, tables=(table(ctx, "scorecard", SECTION.title, "Signal", rows),)
    )


SECTION = SectionSpec(
    key="scorecard", title="Decision scorecard", group="overview", page_order=20, group_order=2, build=build
)
