"""The model card (/model) and the model list (/models), from catalog models.

Prices and token counts are written by the engine's number formatting; the cheapest route is
the engine's (``engine.facts``), never worked out here.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.render import common
from bot.render.book import Book, single
from bot.render.pages import Field, field, pages
from bot.safety import code, inert
from catalog.schema import Benchmark, Model, Route, Tri
from engine import facts, numbers

TRI_TEXT = {Tri.YES: "Yes", Tri.NO: "No", Tri.UNKNOWN: "unknown"}


def _text(value: object) -> str:
    return common.UNKNOWN if value is None else inert(value)


def _route_line(route: Route, cheapest: bool) -> str:
    parts = [f"in {numbers.price(route.input)}", f"out {numbers.price(route.output)}"]
    if route.cached_input is not None:
        parts.append(f"cached in {numbers.price(route.cached_input)}")
    if route.batch_input is not None:
        parts.append(f"batch {numbers.price_value(route.batch_input)}/{numbers.price_value(route.batch_output)}")
    for tier in route.tiers:
        parts.append(f"above {numbers.tokens(tier.above_input_tokens)} input: {numbers.price_value(tier.input)}/{numbers.price_value(tier.output)}")
    mark = common.BEST if cheapest else ""
    return f"**{inert(route.provider)}**{mark}: " + " · ".join(parts)


def route_lines(model: Model) -> list[str]:
    if not model.routes:
        return ["No provider routes tracked."]
    cheapest = set(facts.cheapest_blend(model).providers[:1])
    lines = [_route_line(r, r.provider in cheapest) for r in model.routes]
    if cheapest:
        lines.append(f"-# {common.BEST.strip()} cheapest at a 70/30 input/output mix")
    return lines


def benchmark_line(item: Benchmark) -> str:
    unit = "%" if item.unit == "%" else f" {item.unit}"
    score = numbers.points(facts.score(item))
    return f"**{inert(item.name)}**: {score}{inert(unit)} ({item.verification.value}, {item.date.isoformat()})"


def card_fields(model: Model) -> list[Field]:
    facts_lines = [
        f"**Vendor**: {inert(model.vendor)} · **Family**: {inert(model.family)}",
        f"**Released**: {_text(model.release_date)} · **Knowledge cutoff**: {_text(model.knowledge_cutoff)}",
        f"**Context window**: {numbers.tokens(model.context_window)} · **Max output**: {numbers.tokens(model.max_output_tokens)}",
        f"**Parameters**: {_text(model.parameters)} · **Architecture**: {_text(model.architecture)}",
        f"**Licence**: {_text(model.licence)} · **Open weights**: {TRI_TEXT[model.open_weights]}",
        "**Input**: " + ", ".join(inert(m.value) for m in model.input_modalities)
        + " · **Output**: " + ", ".join(inert(m.value) for m in model.output_modalities),
    ]
    capability_lines = [f"{c.label}: {TRI_TEXT[t]}" for c, t in model.capabilities.items()]
    out = [field("Specs", facts_lines), field("Capabilities", capability_lines)]
    if model.tags:
        out.append(field("Good for", ", ".join(inert(t.value) for t in model.tags)))
    out.append(field("Prices per 1M tokens", route_lines(model)))
    if model.benchmarks:
        out.append(field("Benchmarks", [benchmark_line(b) for b in model.benchmarks]))
    return out


def model_card(model: Model) -> list[discord.Embed]:
    summary = [code(model.id)]
    if model.aliases:
        summary.append("Also known as: " + ", ".join(inert(alias) for alias in model.aliases))
    return pages(model.name, summary, card_fields(model), footer=common.footer([model]))


def model_book(model: Model) -> Book:
    return single("model", model.name, model_card(model))


MODELS_PER_PAGE = 15


def model_list(title: str, models: Sequence[Model], describe) -> list[discord.Embed]:
    """A list of models, ``MODELS_PER_PAGE`` to a page; ``describe(model)`` gives each line's detail."""
    if not models:
        return pages(title, ["No model matches these filters."])
    embeds: list[discord.Embed] = []
    chunks = [models[i : i + MODELS_PER_PAGE] for i in range(0, len(models), MODELS_PER_PAGE)]
    for index, chunk in enumerate(chunks):
        start = index * MODELS_PER_PAGE
        lines = [f"{start + n}. **{inert(m.name)}** ({code(m.id)}): {inert(describe(m))}" for n, m in enumerate(chunk, start=1)]
        shown = f"{title} ({index + 1}/{len(chunks)})" if len(chunks) > 1 else title
        embeds.extend(pages(shown, lines, footer=f"{len(models)} models | Versus catalog"))
    return embeds
