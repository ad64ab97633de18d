"""Data as of, and sources: what each model's data is as of, every page behind the comparison with the
date behind it, and the figures its sources state differently (each source's value)."""

from __future__ import annotations

from engine import facts
from engine.card import disagreement_text
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
    disagree = disagreements(ctx)
    shown = disagree[:SHOWN_DISAGREEMENTS]
    if len(disagree) > len(shown):
        shown.append(f"... and {len(disagree) - len(shown)} more (versus catalog audit lists them all).")
    return Section(
        key=SECTION.key,
        title=SECTION.title,
        text=(
            f"Data as of: {updated} (the newest date behind each model's figures).",
            "Decision-fit tags are Versus's own curation (catalog/CURATION.md).",
        ),
        bullets=tuple(shown),
        sources=tuple(sources),
    )


SHOWN_DISAGREEMENTS = 8


def disagreements(ctx: Context) -> list[str]:
    """Lines such as "Magistral Medium on Mistral API, input: sources disagree (...)": the compared models'
    facts and routes still sold that their sources state differently."""
    out = []
    for model in ctx.models:
        out += [f"{model.name}, {disagreement_text(d)}" for d in model.disagreements]
        for route in model.routes:
            if route.sold:
                out += [f"{model.name} on {route.provider}, {disagreement_text(d)}" for d in route.disagreements]
    return out


SECTION = SectionSpec(
    key="sources", title="Data as of, and sources", group="faq", page_order=120, group_order=2, build=build
)
