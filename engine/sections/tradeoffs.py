"""Decision trade-offs: context, prices, provider coverage, capabilities and tags, a sentence each."""

from __future__ import annotations

from engine import answers, facts
from engine.results import Section
from engine.sections._context import Context, SectionSpec
from engine.words import and_list, plural, unique


def coverage_sentence(ctx: Context) -> str:
    counts = [len(facts.providers(m)) for m in ctx.models]
    lead = facts.leaders(counts, higher_is_better=True)
    if not lead:
        return f"{answers.both(ctx.models)} are tracked on {plural(counts[0], 'provider route')}."
    names = and_list([ctx.names[i] for i in lead])
    verb = "has" if len(lead) == 1 else "have"
    if len(ctx.models) == 2:
        other = 1 - lead[0]
        detail = f"{plural(counts[lead[0]], 'route')} against {counts[other]} for {ctx.names[other]}"
        return f"{names} {verb} broader tracked provider coverage, for fallback and procurement: {detail}."
    listed = answers.listing(ctx.models, [str(c) for c in counts])
    return f"{names} {verb} the broadest tracked provider coverage, for fallback and procurement (routes: {listed})."


def build(ctx: Context) -> Section:
    bullets = [
        ctx.context_sentence,
        ctx.input_sentence,
        ctx.output_sentence,
        coverage_sentence(ctx),
        *ctx.capability_bullets,
    ]
    bullets += [f"Versus tags {m.name} for {and_list([t.value for t in m.tags])}." for m in ctx.models if m.tags]
    return Section(key=SECTION.key, title=SECTION.title, bullets=unique(bullets))


SECTION = SectionSpec(
    key="tradeoffs", title="Decision trade-offs", group="overview", page_order=30, group_order=3, build=build
)
