"""Benchmarks: the scores every model reports, the lead on each, and what one model alone reports."""

from __future__ import annotations

from engine import facts, numbers
from engine.results import Section
from engine.sections._context import Context, SectionSpec
from engine.words import and_list


def build(ctx: Context) -> Section:
    extra = []
    for model in ctx.models:
        own = [b for b in model.benchmarks if b.name not in ctx.shared_benchmarks]
        if own:
            listed = and_list(
                [f"{b.name} {numbers.points(facts.score(b))}{'%' if b.unit == '%' else ' ' + b.unit}" for b in own]
            )
            extra.append(f"Reported by {model.name} only: {listed}.")
    return Section(key=SECTION.key, title=SECTION.title, tables=(ctx.benchmark_table,), text=tuple(extra))


SECTION = SectionSpec(
    key="benchmarks", title="Benchmarks", group="benchmarks", page_order=90, group_order=1, build=build
)
