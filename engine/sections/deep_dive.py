"""Deep dive: the benchmark leads and how they were verified, the capability footprint, the blended
price, provider concentration, and when to choose which model."""

from __future__ import annotations

from catalog.schema import Tri
from engine import answers, facts, numbers
from engine.results import Section
from engine.sections._context import Context, SectionSpec, phrases
from engine.words import and_list, plural, unique

PRODUCTION_ADVICE = (
    "Before moving production traffic, rerun your own prompts on the exact provider route you plan to ship."
)


def footprint(ctx: Context) -> str:
    everyone = ctx.masks[0][0]
    for has, _ in ctx.masks[1:]:
        everyone &= has
    shared = phrases(facts.in_mask(everyone))
    parts = []
    if ctx.capability_bullets:
        parts.append("The capability footprint differs. " + " ".join(ctx.capability_bullets))
    else:
        parts.append("The known capability footprints are the same.")
    if shared:
        parts.append(f"{answers.both(ctx.models)} have {and_list(shared)}.")
    unknown = [
        f"{facts.CAPABILITY_PHRASES[c]} for {model.name}"
        for model in ctx.models
        for c, value in zip(facts.CAPABILITIES, facts.capability_values(model))
        if value is Tri.UNKNOWN
    ]
    if unknown:
        parts.append(f"Unknown in the catalog: {and_list(unknown)}.")
    return " ".join(parts)


def blended_text(ctx: Context) -> str:
    prices = [b.price for b in ctx.blends]
    listed = answers.listing(ctx.models, [numbers.price(p) for p in prices])
    text = f"At a 70/30 input/output mix on each model's cheapest route: {listed}."
    lead = facts.leaders(prices, higher_is_better=False)
    if len(ctx.models) == 2 and lead:
        low, high = prices
        assert low is not None and high is not None  # a lead: both known
        gap = abs(low - high)
        shown = numbers.cents(gap)
        exact = numbers.price_value(gap)
        about = f"about {shown}" + (f" ({exact})" if exact != shown else "")
        text += f" {ctx.names[lead[0]]} is lower by {about} per 1M blended tokens."
    elif lead:
        text += f" {and_list([ctx.names[i] for i in lead])} is lowest."
    return text


def _routes(ctx: Context) -> list[str]:
    """ "GPT-4.1 Mini is tracked on 3 provider routes (OpenAI API, OpenRouter and Replicate API)", one per model."""
    out = []
    for model in ctx.models:
        sold = facts.providers(model)
        since = model.retired_since
        if since is not None:
            out.append(f"{model.name} is retired: no tracked route has sold it since {since.isoformat()}")
            continue
        text = f"{model.name} is tracked on {plural(len(sold), 'provider route')}"
        out.append(text + (f" ({and_list(list(sold))})" if sold else ""))
    return out


def concentration_text(ctx: Context) -> str:
    text = "Availability: " + "; ".join(_routes(ctx)) + "."
    single = [m.name for m in ctx.models if len(facts.providers(m)) == 1]
    if single:
        text += f" {and_list(single)} depends on a single provider: no fallback route is tracked."
    elif any(facts.providers(m) for m in ctx.models):
        text += " Fewer routes means more concentration risk and fewer fallbacks."
    return text


def choose_text(ctx: Context) -> str:
    cheap = ctx.cheapest()
    parts = []
    count = len(ctx.models)
    for index, model in enumerate(ctx.models):
        reasons = []
        if index in cheap:
            reasons.append(
                "the lower cost at the stated traffic" if count == 2 else "the lowest cost at the stated traffic"
            )
        reasons += unique(
            g for other in range(count) if other != index for g in ctx.advantages(index, other, figures=False)
        )
        if reasons:
            parts.append(f"Choose {model.name} for {and_list(reasons)}.")
        else:
            parts.append(f"{model.name} shows no tracked advantage over the others here.")
    return " ".join(parts) + " " + PRODUCTION_ADVICE


def build(ctx: Context) -> Section:
    paragraphs = []
    if ctx.benchmark_notes:
        verification = unique(
            entry[0].verification.value
            for m in ctx.models
            for name in ctx.shared_benchmarks
            if (entry := facts.scored(m, name)) is not None
        )
        paragraphs.append(
            " ".join(ctx.benchmark_notes)
            + f" Scores are {and_list(list(verification))}; treat a single benchmark as directional."
        )
    paragraphs += [footprint(ctx), blended_text(ctx), concentration_text(ctx), choose_text(ctx)]
    return Section(key=SECTION.key, title=SECTION.title, text=tuple(paragraphs))


SECTION = SectionSpec(
    key="deep_dive", title="Deep dive", group="benchmarks", page_order=100, group_order=2, build=build
)
