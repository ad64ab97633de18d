"""Data as of, and sources: what each model's data is as of, and every page behind the comparison
with the date behind it."""

from __future__ import annotations

from engine import facts
from engine.results import Section
from engine.sections._context import Context, SectionSpec


def build(ctx: Context) -> Section:
    updated = "; ".join(f"{m.name} {date.isoformat()}" for m, date in zip(ctx.models, ctx.updated))
    seen: set[str] = set()
    sources = []
    for model in ctx.models:
        for source in facts.sources(model):
            if source.url not in seen:
                seen.add(source.url)
                sources.append(source)
    return Section(
        key=SECTION.key,
        title=SECTION.title,
        text=(
            f"Data as of: {updated} (the newest date behind each model's figures).",
            "Decision-fit tags are Versus's own curation (catalog/CURATION.md).",
        ),
        sources=tuple(sources),
    )


SECTION = SectionSpec(
    key="sources", title="Data as of, and sources", group="faq", page_order=120, group_order=2, build=build
)
