"""The model card (/model, from the engine's ``ModelCard``) and the model list (/models).

Prices and token counts are written by the engine's number formatting; the cheapest route is the
card's (the engine's), never worked out here.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.render import common
from bot.render.book import Book, single
from bot.render.pages import Field, field, pages
from bot.safety import code, inert
from catalog.schema import Model
from engine import numbers
from engine.results import CardBenchmark, CardRoute, ModelCard

ANSWER_TEXT = {"yes": "Yes", "no": "No", "unknown": "unknown"}


def _text(value: object) -> str:
    return common.UNKNOWN if value is None else inert(value)


def _route_line(route: CardRoute) -> str:
    parts = [f"in {numbers.price(route.input)}", f"out {numbers.price(route.output)}"]
    if route.cached_input is not None:
        parts.append(f"cached in {numbers.price(route.cached_input)}")
    if route.batch_input is not None:
        parts.append(f"batch {numbers.price_value(route.batch_input)}/{numbers.price_value(route.batch_output)}")
    for tier in route.tiers:
        parts.append(f"above {numbers.tokens(tier.above_input_tokens)} input: {numbers.price_value(tier.input)}/{numbers.price_value(tier.output)}")
    mark = common.BEST if route.cheapest else ""
    status = f" ({inert(route.status_text)})" if route.status != "active" else ""
    line = f"**{inert(route.provider)}**{mark}{status}: " + " · ".join(parts)
    extra = [text for text in (route.off_peak, *route.scheduled, *route.disagreements) if text]
    return line + "".join(f"\n-# {inert(text)}" for text in extra)


def route_lines(card: ModelCard) -> list[str]:
    if not card.routes:
        return ["No provider routes tracked."]
    lines = [_route_line(r) for r in card.routes]
    if any(r.cheapest for r in card.routes):
        lines.append(f"-# {common.BEST.strip()} cheapest at a 70/30 input/output mix")
    return lines


def benchmark_line(item: CardBenchmark) -> str:
    unit = "%" if item.unit == "%" else f" {item.unit}"
    return f"**{inert(item.name)}**: {numbers.points(item.score)}{inert(unit)} ({item.verification}, {item.date.isoformat()})"


def card_fields(card: ModelCard) -> list[Field]:
    facts_lines = [
        f"**Vendor**: {inert(card.model.vendor)} · **Family**: {inert(card.family)}",
        f"**Released**: {_text(card.release_date)} · **Knowledge cutoff**: {_text(card.knowledge_cutoff)}",
        f"**Context window**: {numbers.tokens(card.context_window)} · **Max output**: {numbers.tokens(card.max_output_tokens)}",
        f"**Parameters**: {_text(card.parameters)} · **Architecture**: {_text(card.architecture)}",
        f"**Licence**: {_text(card.licence)} · **Open weights**: {ANSWER_TEXT[card.open_weights]}",
        "**Input**: " + ", ".join(inert(m) for m in card.input_modalities)
        + " · **Output**: " + ", ".join(inert(m) for m in card.output_modalities),
    ]
    facts_lines += [f"-# {inert(text)}" for text in card.disagreements]
    capability_lines = [f"{c.label}: {ANSWER_TEXT[c.answer]}" for c in card.capabilities]
    out = [field("Specs", facts_lines), field("Capabilities", capability_lines)]
    if card.tags:
        out.append(field("Good for", ", ".join(inert(t) for t in card.tags)))
    out.append(field("Prices per 1M tokens", route_lines(card)))
    if card.benchmarks:
        out.append(field("Benchmarks", [benchmark_line(b) for b in card.benchmarks]))
    return out


def card_footer(card: ModelCard) -> str:
    """What the card's data is as of, and the sites of its sources and its routes'."""
    sources = [*card.sources, *[s for route in card.routes for s in route.sources]]
    return common.footer_text(card.updated.isoformat(), common.domains(sources))


def model_card(card: ModelCard) -> list[discord.Embed]:
    summary = [code(card.model.id)]
    if card.retired_since is not None:
        summary.append(f"**Retired**: no tracked route has sold it since {card.retired_since.isoformat()}.")
    if card.aliases:
        summary.append("Also known as: " + ", ".join(inert(alias) for alias in card.aliases))
    return pages(card.model.name, summary, card_fields(card), footer=card_footer(card))


def model_book(card: ModelCard) -> Book:
    return single("model", card.model.name, model_card(card))


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
